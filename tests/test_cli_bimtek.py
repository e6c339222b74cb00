"""`kotacerdas-cli bimtek show`: the steps of one bimtek with their checks and what was captured,
as text or JSON; read-only; one clear Indonesian line on errors."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kotacerdas_desktop.cli import run
from kotacerdas_desktop.domain.wizard import steps_for
from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.storage.lock import InstanceLock
from test_cli import call, clean_env, one_clear_line


@pytest.fixture(scope="module")
def full_demo(tmp_path_factory) -> str:
    """A data folder with Kota Contoh after `demo --full`, made once (in-process)."""
    data = tmp_path_factory.mktemp("cli-bimtek") / "data"
    assert run(["--data-dir", str(data), "demo", "--full"]) == 0
    return str(data)


def show(capsys, data: str, stage: int, *extra: str, region: str = "Kota Contoh") -> tuple[int, str, str]:
    return call(capsys, "--data-dir", data, *extra, "bimtek", "show", "--region", region, "--bimtek", str(stage))


def test_empty_region_says_what_is_missing(tmp_path, capsys):
    d = str(tmp_path / "data")
    assert call(capsys, "--data-dir", d, "region", "create", "Agam", "--kind", "kabupaten")[0] == 0
    code, out, err = show(capsys, d, 1, region="Kabupaten Agam")
    assert code == 0, err
    assert out.startswith("Kabupaten Agam — Bimtek Tahap I: Analisis Strategis")
    assert "Tanggal  : belum ditetapkan" in out
    for step in steps_for(1):
        assert f". {step.title} (belum)" in out
    assert "✓" not in out and "✗ Rumusan visi ditulis" in out
    missing = out.split("Yang masih kurang:\n", 1)[1].splitlines()
    assert len(missing) == out.count("✗") and "  - Visi: Rumusan visi ditulis" in missing
    assert "Semua keluaran" not in out


def test_demo_stage_one_shows_its_outputs(full_demo, capsys):
    code, out, err = show(capsys, full_demo, 1)
    assert code == 0, err
    assert "Tanggal  : 22-23 September 2026" in out and "Tempat   : Hotel Contoh Indah" in out
    assert "✗" not in out and out.rstrip().endswith("Semua keluaran tahap ini sudah ada.")
    for expected in ("Agenda Selasa, 22 September 2026:", "08.00-08.30  Registrasi peserta",
                     "Mentor kementerian, Kementerian Komunikasi dan Digital", "Kelompok 1 — Pemerintahan",
                     "Struktur › Sumber daya manusia: 3 masukan kelompok; skor", "Kesenjangan: •",
                     "[prioritas tinggi]", "Kata kunci visi: digital (", "Visi (disepakati): Kota Contoh Cerdas",
                     "Misi 1: Mewujudkan", "Indikator: Indeks SPBE — 2,61 → 3,50 indeks (2031)",
                     "Notulen (08.30-16.30): pimpinan", "Berita acara nomor 005/412/DISKOMINFO/2026:",
                     "Pada hari ini Selasa tanggal dua puluh dua bulan September", "(Notulis)"):
        assert expected in out, expected
    assert re.search(r"Kelompok 3 — [^:]+: \d+ anggota; pemandu ", out)


def test_demo_stage_two_shows_programmes_and_actions(full_demo, capsys):
    code, out, err = show(capsys, full_demo, 2)
    assert code == 0, err
    assert "Semua keluaran tahap ini sudah ada." in out
    assert ("[2.11.08] Program Pengelolaan Persampahan — Dinas Lingkungan Hidup; "
            "Smart Environment › Tata kelola sampah, 2025-2029") in out
    assert "Transportasi Publik Terintegrasi dan ATCS — Dinas Perhubungan; Smart Living › Transportasi / " \
           "mobilitas, panjang (10 tahun)" in out
    assert "- 2028: Memasang ATCS di simpang utama — Dinas Perhubungan; keluaran: ATCS di 12 simpang" in out
    assert "Analisis kesiapan" not in out  # stage I steps are not part of stage II


def test_later_stage_has_only_the_common_steps(full_demo, capsys):
    code, out, err = show(capsys, full_demo, 4)
    assert code == 0, err
    titles = re.findall(r"^\d+\. (.+) \(", out, re.MULTILINE)
    assert titles == [s.title for s in steps_for(4)]
    assert "Penandatanganan komitmen bersama" in out and "005/571/DISKOMINFO/2026" in out


def test_json_has_the_steps_and_names_instead_of_ids(full_demo, capsys):
    code, out, err = show(capsys, full_demo, 2, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["region"] == "Kota Contoh" and report["stage"] == 2 and report["days"] == ["2026-10-27",
                                                                                             "2026-10-28"]
    assert [s["key"] for s in report["steps"]] == [s.key for s in steps_for(2)]
    assert report["missing"] == [] and report["progress"]["passed"] == report["progress"]["total"] > 10
    assert all(set(c) == {"label", "done", "detail"} for s in report["steps"] for c in s["checks"])
    steps = {s["key"]: s for s in report["steps"]}
    programmes = [p for g in steps["program_eksisting"]["records"]["by_misi"] for p in g["programs"]]
    first = programmes[0]
    assert first["opd"] == "Dinas Komunikasi dan Informatika"
    assert first["element"] == "Smart Governance › Manajemen birokrasi" and first["misi"].startswith("Mewujudkan")
    assert first["source"] == "rpjmd" and first["source_label"] == "RPJMD"
    groups = steps["persiapan"]["records"]["fgd_groups"]
    assert all(g["member_count"] == len(g["members"]) > 0 for g in groups)

    def strings(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from strings(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v, key)
        elif isinstance(value, str) and key not in ("id", "bimtek_id"):
            yield value

    assert not [s for s in strings(report) if re.fullmatch(r"[0-9a-f]{32}", s)]  # every reference resolved


@pytest.mark.parametrize("argv, code, words", [
    (["--region", "Kota Entah", "--bimtek", "1"], 1, "tidak ditemukan"),
    (["--region", "Kota Contoh", "--bimtek", "5"], 2, "pilihan tidak dikenal"),
    (["--region", "Kota Contoh", "--bimtek", "satu"], 2, "bukan bilangan bulat"),
    (["--bimtek", "1"], 2, "--region"),
    (["--region", "Kota Contoh"], 2, "--bimtek"),
])
def test_errors_are_one_line(full_demo, capsys, argv, code, words):
    result, out, err = call(capsys, "--data-dir", full_demo, "bimtek", "show", *argv)
    assert result == code and out == ""
    assert words in one_clear_line(err)


def test_read_only_while_the_app_holds_the_folder(full_demo, capsys):
    with InstanceLock(prepare_paths(Path(full_demo)).lock_file, purpose="app"):
        code, out, err = show(capsys, full_demo, 3)
    assert code == 0, err
    assert "Tahap III" in out


def test_module_entry_point_routes_bimtek_to_the_cli(full_demo, tmp_path):
    result = subprocess.run([sys.executable, "-m", "kotacerdas_desktop", "--data-dir", full_demo, "bimtek", "show",
                             "--region", "Kota Contoh", "--bimtek", "3"], cwd=tmp_path, env=clean_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Kota Contoh — Bimtek Tahap III")


def test_half_filled_stage_shows_drafts_and_what_they_lack(tmp_path, capsys):
    from kotacerdas_desktop.services import Services

    d = tmp_path / "data"
    assert call(capsys, "--data-dir", str(d), "region", "create", "Solok", "--kind", "kota")[0] == 0
    services = Services.open(prepare_paths(d))
    try:
        region = services.regions.find("Kota Solok").id
        b2 = next(c.id for c in services.regions.detail(region).bimtek if c.stage == 2)
        services.worksheets.add(b2, "agenda", {"start": "9.00", "title": "Diskusi tanpa hari"})
        services.worksheets.add(b2, "program", {"source": "baru", "name": "Ide yang belum lengkap"})
    finally:
        services.close()
    code, out, err = show(capsys, str(d), 2, region="Kota Solok")
    assert code == 0, err
    assert "Agenda tanpa hari:" in out and "09.00" in out and "Diskusi tanpa hari" in out
    assert "Misi: (tanpa misi)" in out and "- Ide yang belum lengkap — OPD belum dipilih; elemen belum dipilih" in out
    assert "(belum ada rencana aksi)" in out and "4. Ide program baru (sebagian)" in out
    assert "  - Ide program baru: Setiap ide punya horizon dan OPD pengampu — 0 dari 1" in out
