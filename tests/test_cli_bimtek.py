"""`kotacerdas-cli bimtek show`: the steps of one bimtek with their checks and what was captured,
as text or JSON; read-only; one clear Indonesian line on errors."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
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


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_demo_passes_every_check_of_every_stage(full_demo, capsys, stage):
    code, out, err = show(capsys, full_demo, stage)
    assert code == 0, err
    titles = re.findall(r"^\d+\. (.+) \((\w+)\)$", out, re.MULTILINE)
    assert titles == [(s.title, "lengkap") for s in steps_for(stage)]
    assert "✗" not in out and out.rstrip().endswith("Semua keluaran tahap ini sudah ada.")


def test_demo_stage_three_shows_strategy_roadmap_and_ranking(full_demo, capsys):
    code, out, err = show(capsys, full_demo, 3)
    assert code == 0, err
    for expected in (
            "   Smart Governance:\n     - [seluruh dimensi · M1]: Memperkuat tata kelola SPBE",
            "- Perwali Satu Data dan Forum Data Kota [Kebijakan / regulasi] — Contoh Satu Data: portal data terpadu; "
            "Dinas Komunikasi dan Informatika",
            "Status program: usulan 34, terpilih 14",
            "   Peta jalan 2027-2031 (5 tahun):",
            "     MPP Contoh Daring — Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu; "
            "jumlah Rp 1.100.000.000",
            "       2027 (tahun 1): 40 layanan perizinan dipetakan dan dapat diajukan daring — Rp 650.000.000, APBD",
            "       2028 (tahun 2): ATCS di 12 simpang utama — Rp 4.800.000.000, APBN/DAK",
            "   Kriteria penilaian (skala 1-5; daftar pendek 10):",
            "     - Selesai dalam satu tahun — bobot 20 (20%)",
            "     - Voting titik peserta — bobot 10 (10%), dari hasil voting titik",
            "       1. SiPelita              95,00  10 titik  Quick win",
            "       6. LAPOR Bos             81,00   6 titik  Terpilih",
            "      11. SiAGA Banjir          61,00   6 titik  Usulan",
            "        - SiAngkot              43,50   1 titik  Ditolak",
            "   Daftar pendek (10): SiPelita, SiAntre Sehat, Si Cepat, PASTI Bayar, Pesona Contoh, LAPOR Bos, "
            "Si Bersih, "
            "Kelas CAKAP, SiDATA, Etalase Ranah",
            "   Kelompok 1 — Pemerintahan dan Citra Kota: 25 titik — SiPelita 5, LAPOR Bos 4,"):
        assert expected in out, expected
    ranking = out.split("   Peringkat (nilai 0-100):\n", 1)[1].split("   Daftar pendek", 1)[0].splitlines()
    assert len(ranking) == 14 and sum(line.endswith("Quick win") for line in ranking) == 6


def test_demo_stage_four_shows_review_final_quick_wins_and_signing(full_demo, capsys):
    code, out, err = show(capsys, full_demo, 4)
    assert code == 0, err
    for expected in (
            "   Bab                                              Status         Pereviu",
            "   Buku II · Bab 5 Peta jalan                       Disetujui      ",
            "       Catatan: Anggaran peta jalan menjadi acuan Renja OPD",
            "   Quick win 1: SiPelita — Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu\n"
            "     Dimensi    : Smart Governance › Pelayanan publik\n"
            "     Program    : MPP Contoh Daring\n"
            "     Masalah    : Pelaku usaha mikro harus datang",
            "     Kolaborator: Pemerintah, Akademisi, Dunia usaha\n"
            "     Jadwal     : mulai 1 Februari 2027, 10 bulan, sampai November 2027\n"
            "     Anggaran   : Rp 650.000.000 (APBD)\n"
            "     Indikator  : 80% izin usaha mikro diajukan daring dan selesai dalam 3 hari kerja",
            "   Quick win 6: Si Bersih — Dinas Lingkungan Hidup",
            "   Daftar pendek lain (terpilih): LAPOR Bos, Kelas CAKAP, SiDATA, Etalase Ranah",
            "   Versi teks terakhir: 1; versi yang disepakati: 1 (sesuai)",
            "   Sudah menandatangani versi 1: 36 dari 36",
            "005/571/DISKOMINFO/2026"):
        assert expected in out, expected
    assert "Belum menandatangani" not in out and "Belum diisi" not in out


def test_changed_commitment_text_names_who_still_has_to_sign(full_demo, capsys, tmp_path):
    from kotacerdas_desktop.services import Services

    data = tmp_path / "data"
    shutil.copytree(full_demo, data)
    services = Services.open(prepare_paths(data))
    try:
        region = services.regions.find("Kota Contoh").id
        before = services.commitment.view(region)
        assert services.commitment.set_text(region, before.text + "\nDitambah satu kalimat.") == 2
        names = [x.name for x in services.commitment.view(region).signatories]
    finally:
        services.close()
    code, out, err = show(capsys, str(data), 4)
    assert code == 0, err
    assert "   Versi teks terakhir: 2; versi yang disepakati: 1 (belum sesuai: versi terakhir 2)" in out
    assert "   ✗ Semua penanda tangan sudah menandatangani — 0 dari 36" in out
    assert "   Sudah menandatangani versi 2: 0 dari 36\n   Belum menandatangani:\n" in out
    unsigned = out.split("   Belum menandatangani:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(unsigned) == len(names) and all(line.startswith(f"     - {n}, ") for line, n in zip(unsigned, names))
    assert "  - Teks komitmen: Teks komitmen versi terakhir disepakati" in out
    code, out, err = show(capsys, str(data), 4, "--json")
    signing = next(s for s in json.loads(out)["steps"] if s["key"] == "penandatanganan")["records"]
    assert signing["signed"] == 0 and signing["total"] == 36 and [x["name"] for x in signing["unsigned"]] == names


def test_never_shows_nip_or_phone_numbers(full_demo, capsys):
    from kotacerdas_desktop.domain.people import format_nip
    from kotacerdas_desktop.services import Services

    services = Services.open(prepare_paths(Path(full_demo)))
    try:
        people = services.directory.people(services.regions.find("Kota Contoh").id)
    finally:
        services.close()
    secrets = {v for p in people for v in (p.nip, format_nip(p.nip) if p.nip else "", p.phone) if v}
    assert len(secrets) > 100
    for stage in (1, 2, 3, 4):
        for extra in ((), ("--json",)):
            code, out, err = show(capsys, full_demo, stage, *extra)
            assert code == 0, err
            assert not [x for x in secrets if x in out], (stage, extra)


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
    assert not [s for s in _strings(report) if re.fullmatch(r"[0-9a-f]{32}", s)]  # every reference resolved


def _strings(value, key=""):
    """Every string value of a report except record ids."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str) and key not in ("id", "bimtek_id"):
        yield value


def test_json_of_stage_three_has_the_ranking_and_roadmap(full_demo, capsys):
    code, out, err = show(capsys, full_demo, 3, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["missing"] == [] and [s["key"] for s in report["steps"]] == [s.key for s in steps_for(3)]
    steps = {s["key"]: s["records"] for s in report["steps"]}
    scoring = steps["kandidat_qw"]
    assert scoring["scale"] == "1-5" and scoring["shortlist_size"] == 10
    assert sum(c["weight"] for c in scoring["criteria"]) == 100 and sum(c["share"] for c in scoring["criteria"]) == 100
    ranking = scoring["ranking"]
    finals = [r for r in ranking if r["status"] == "quick_win"]
    assert len(finals) == 6 and all(r["rank"] is not None and r["shortlisted"] for r in finals)
    assert [r["rank"] for r in ranking if r["rank"] is not None] == list(range(1, 13))
    assert [r["status"] for r in ranking[-2:]] == ["ditolak", "ditolak"] and ranking[-1]["rank"] is None
    assert scoring["shortlist"] == [r["name"] for r in ranking[:10]]
    assert ranking[0]["scores"][0] == {"criterion": "Selesai dalam satu tahun", "score": 5}
    assert not ranking[0]["missing"]
    assert sum(r["dots"] for r in ranking) == sum(g["total"] for g in steps["voting"]["groups"]) == 75
    roadmap = steps["peta_jalan"]
    assert roadmap["start_year"] == 2027 and roadmap["years"] == 5 and len(roadmap["programs"]) == 14
    entry = roadmap["programs"][0]["entries"][0]
    assert entry["calendar_year"] == 2027 and entry["budget_label"] == "Rp 350.000.000"
    assert entry["source_label"] == "APBD"
    assert roadmap["total_budget"] == sum(y["budget"] for y in roadmap["per_year"])
    assert {g["dimension"] for g in steps["strategi"]["by_dimension"]} == {
        "Smart Governance", "Smart Branding", "Smart Economy", "Smart Living", "Smart Society", "Smart Environment"}
    assert not [s for s in _strings(report) if re.fullmatch(r"[0-9a-f]{32}", s)]


def test_json_of_stage_four_has_the_sheets_review_and_signing(full_demo, capsys):
    code, out, err = show(capsys, full_demo, 4, "--json")
    assert code == 0, err
    report = json.loads(out)
    steps = {s["key"]: s["records"] for s in report["steps"]}
    assert [c["status"] for c in steps["reviu_buku"]["chapters"]] == ["disetujui"] * 13
    finals = steps["quick_win_final"]["quick_wins"]
    assert len(finals) == 6 and all(not q["missing_fields"] and q["months"] <= 12 for q in finals)
    assert finals[0]["collaborators"] == ["pemerintah", "akademisi", "bisnis"]
    assert finals[0]["collaborators_labels"] == ["Pemerintah", "Akademisi", "Dunia usaha"]
    assert finals[0]["budget"] == 650_000_000 and finals[0]["budget_label"] == "Rp 650.000.000"
    assert steps["teks_komitmen"] == {"current_version": 1, "agreed_version": 1, "agreed": True,
                                      "note": steps["teks_komitmen"]["note"]}
    assert steps["penandatanganan"] == {"version": 1, "signed": 36, "total": 36, "unsigned": []}
    assert not [s for s in _strings(report) if re.fullmatch(r"[0-9a-f]{32}", s)]


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
        code, out, err = show(capsys, full_demo, 4)  # reads the signatories without creating anything
    assert code == 0, err
    assert "36 dari 36" in out


def test_reading_never_creates_the_commitment(tmp_path, capsys):
    d = tmp_path / "data"
    with _solok(capsys, d, 4) as (services, b4):
        code, out, err = show(capsys, str(d), 4, region="Kota Solok")
        assert services.worksheets.snapshot(b4).commitment == (0, 0, 0)
    assert code == 0, err
    assert "   Teks komitmen belum dibuat.\n" in out and "   Belum ada penanda tangan komitmen.\n" in out
    assert "(belum ada quick win final)" in out and f"{'Belum direviu':<14} -" in out


def test_module_entry_point_routes_bimtek_to_the_cli(full_demo, tmp_path):
    result = subprocess.run([sys.executable, "-m", "kotacerdas_desktop", "--data-dir", full_demo, "bimtek", "show",
                             "--region", "Kota Contoh", "--bimtek", "3"], cwd=tmp_path, env=clean_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Kota Contoh — Bimtek Tahap III")


@contextmanager
def _solok(capsys, data: Path, stage: int):
    """A data folder with the empty region Kota Solok: the services and the id of its bimtek `stage`."""
    from kotacerdas_desktop.services import Services

    assert call(capsys, "--data-dir", str(data), "region", "create", "Solok", "--kind", "kota")[0] == 0
    services = Services.open(prepare_paths(data))
    try:
        region = services.regions.find("Kota Solok").id
        yield services, next(c.id for c in services.regions.detail(region).bimtek if c.stage == stage)
    finally:
        services.close()


def test_half_filled_stage_shows_drafts_and_what_they_lack(tmp_path, capsys):
    d = tmp_path / "data"
    with _solok(capsys, d, 2) as (services, b2):
        services.worksheets.add(b2, "agenda", {"start": "9.00", "title": "Diskusi tanpa hari"})
        services.worksheets.add(b2, "program", {"source": "baru", "name": "Ide yang belum lengkap"})
    code, out, err = show(capsys, str(d), 2, region="Kota Solok")
    assert code == 0, err
    assert "Agenda tanpa hari:" in out and "09.00" in out and "Diskusi tanpa hari" in out
    assert "Misi: (tanpa misi)" in out and "- Ide yang belum lengkap — OPD belum dipilih; elemen belum dipilih" in out
    assert "(belum ada rencana aksi)" in out and "4. Ide program baru (sebagian)" in out
    assert "  - Ide program baru: Setiap ide punya horizon dan OPD pengampu — 0 dari 1" in out


def test_half_filled_stage_three_shows_what_is_missing(tmp_path, capsys):
    d = tmp_path / "data"
    with _solok(capsys, d, 3) as (services, b3):
        program = services.worksheets.add(b3, "program", {"source": "baru", "name": "Ide baru"}).id
        services.worksheets.add(b3, "roadmap", {"program": program, "year": 2, "milestone": "Uji coba"})
        crit = services.worksheets.add(b3, "qw_criterion", {"name": "Dampak", "weight": 30}).id
        services.worksheets.add(b3, "qw_criterion", {"name": "Biaya", "weight": 10})
        services.worksheets.add(b3, "quick_win", {"name": "Si Coba", "scores": {crit: 4}})
        services.worksheets.add(b3, "strategy", {"text": "Strategi tanpa dimensi"})
    code, out, err = show(capsys, str(d), 3, region="Kota Solok")
    assert code == 0, err
    assert "   Peta jalan tahun pertama belum ditetapkan (5 tahun):\n     Ide baru — OPD belum dipilih\n" \
           "       tahun 2: Uji coba\n" in out
    assert "     - Dampak — bobot 30 (75%)\n     - Biaya — bobot 10 (25%)\n" in out
    assert "       1. Si Coba               56,25   0 titik  Usulan — belum dinilai: Biaya" in out  # 75% x 3/4
    assert "   Inovasi: belum ada\n" in out and "   Belum ada kelompok FGD.\n" in out
    assert "Anggaran per tahun" not in out
    assert "   (tanpa dimensi):\n     - [seluruh dimensi · misi belum dipilih]: Strategi tanpa dimensi" in out
    assert "  - Kandidat quick win: Setiap kandidat dinilai pada semua kriteria — 0 dari 1" in out
