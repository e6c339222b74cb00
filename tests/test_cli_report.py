"""`kotacerdas-cli report`: the list of documents, writing one through render_to_file (the type
follows the file name unless --format says it), one clear Indonesian line and exit 2 for wrong
arguments, 1 for failures, and never a half file or a temporary file left behind."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kotacerdas_desktop.cli import run
from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.services.reports import DOCUMENTS, Document
from kotacerdas_desktop.storage.lock import InstanceLock
from test_cli import call, clean_env, one_clear_line


@pytest.fixture(scope="module")
def full_demo(tmp_path_factory) -> str:
    """A data folder with Kota Contoh after `demo --full`, made once (in-process)."""
    data = tmp_path_factory.mktemp("cli-report") / "data"
    assert run(["--data-dir", str(data), "demo", "--full"]) == 0
    return str(data)


def report(capsys, data: str, kind: str, *extra: str, region: str | None = "Kota Contoh") -> tuple[int, str, str]:
    args = ["--data-dir", data, "report", kind] + (["--region", region] if region else []) + list(extra)
    return call(capsys, *args)


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- report list --------------------------------------------------------------------------------

def test_list_names_every_document(tmp_path, capsys):
    data = tmp_path / "data"
    code, out, err = call(capsys, "--data-dir", str(data), "report", "list")
    assert code == 0, err
    for doc in DOCUMENTS.values():
        assert f"{doc.key:<20} {doc.title}" in out, doc.key
        assert doc.description in out
    line = next(x for x in out.splitlines() if x.startswith("daftar-hadir"))
    assert "per hari bimtek (--bimtek, --day)" in line and line.rstrip().endswith("PDF, XLSX")
    assert "--names-only  nama tercetak, tanda tangan di kertas" in out
    assert "--blank       kosong (diisi tangan)" in out
    assert "bawaan        dengan tanda tangan yang direkam" in out
    assert next(x for x in out.splitlines() if x.startswith("buku-2")).rstrip().endswith("PDF, DOCX")
    assert not data.exists()  # the list needs no database: nothing was created


def test_list_as_json(tmp_path, capsys):
    code, out, err = call(capsys, "--data-dir", str(tmp_path / "data"), "report", "list", "--json")
    assert code == 0, err
    docs = json.loads(out)
    assert [d["kind"] for d in docs] == list(DOCUMENTS)
    attendance = docs[0]
    assert attendance == {
        "kind": "daftar-hadir", "title": "Daftar hadir", "scope": "day", "formats": ["pdf", "xlsx"],
        "variants": [{"key": "signed", "label": "Dengan tanda tangan yang direkam", "default": True, "option": ""},
                     {"key": "names", "label": "Nama tercetak, tanda tangan di kertas", "default": False,
                      "option": "--names-only"},
                     {"key": "blank", "label": "Kosong (diisi tangan)", "default": False, "option": "--blank"}],
        "description": DOCUMENTS["daftar-hadir"].description}
    matrix = next(d for d in docs if d["kind"] == "matriks-program")
    assert matrix["scope"] == "region" and matrix["formats"] == ["xlsx"] and matrix["variants"] == []


# --- writing a document ---------------------------------------------------------------------------

def test_matrix_to_xlsx(full_demo, tmp_path, capsys):
    target = tmp_path / "matriks.xlsx"
    code, out, err = report(capsys, full_demo, "matriks-program", "--out", str(target))
    assert code == 0, err
    size = target.stat().st_size
    assert out == f"Matriks program ditulis: {target} ({size:,} bita)\n"
    assert files(tmp_path) == ["matriks.xlsx"]  # complete, and no temporary file beside it
    assert zipfile.ZipFile(target).testzip() is None
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Matriks program"]
    assert wb.active["A1"].value == "Matriks Program Smart City Kota Contoh"


def test_json_output_and_format_option(full_demo, tmp_path, capsys):
    code, out, err = report(capsys, full_demo, "quick-win", "--format", "xlsx", "--paper", "a4", "--json",
                            "--out", str(tmp_path / "qw"))
    assert code == 0, err
    data = json.loads(out)
    target = tmp_path / "qw.xlsx"  # a name without an extension gets the format's
    assert data == {"file": str(target), "kind": "quick-win", "title": "Quick win", "format": "xlsx",
                    "variant": None, "region": "Kota Contoh", "stage": None, "day": None, "paper": "A4",
                    "bytes": target.stat().st_size, "pages": None}
    assert openpyxl.load_workbook(target)["Peringkat"].page_setup.paperSize == 9
    assert files(tmp_path) == ["qw.xlsx"]


def test_a_folder_gets_the_default_file_name(full_demo, tmp_path, capsys):
    code, out, err = report(capsys, full_demo, "peta-jalan", "--out", str(tmp_path))
    assert code == 0, err
    assert files(tmp_path) == ["peta-jalan-kota-contoh.xlsx"]
    assert f"Peta jalan ditulis: {tmp_path / 'peta-jalan-kota-contoh.xlsx'} (" in out


def test_an_existing_file_is_replaced_whole(full_demo, tmp_path, capsys):
    target = tmp_path / "peta.xlsx"
    target.write_bytes(b"old")
    code, _out, err = report(capsys, full_demo, "peta-jalan", "--out", str(target))
    assert code == 0, err
    assert openpyxl.load_workbook(target).sheetnames == ["Peta jalan", "Anggaran", "Sumber dana"]
    assert files(tmp_path) == ["peta.xlsx"]


def test_a_failing_render_leaves_the_old_file_and_no_temporary_file(full_demo, tmp_path, capsys, monkeypatch):
    from kotacerdas_desktop.services.documents import masterplan_xlsx

    def broken(_mp):
        raise RuntimeError("rusak")

    monkeypatch.setitem(masterplan_xlsx.BUILDERS, "matriks-program", broken)
    target = tmp_path / "matriks.xlsx"
    target.write_bytes(b"old")
    code, out, err = report(capsys, full_demo, "matriks-program", "--out", str(target))
    assert code == 1 and out == ""
    assert "rusak" in one_clear_line(err)
    assert target.read_bytes() == b"old" and files(tmp_path) == ["matriks.xlsx"]


def test_a_missing_document_module_is_named_not_a_traceback(full_demo, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(DOCUMENTS, "uji", Document("uji", "Dokumen uji", "region", ("pdf",), "belum_ada"))
    code, out, err = report(capsys, full_demo, "uji", "--out", str(tmp_path / "uji.pdf"))
    assert code == 1 and out == ""
    assert one_clear_line(err) == ("kotacerdas-cli: Dokumen uji belum tersedia di versi ini "
                                   "(modul kotacerdas_desktop.services.documents.belum_ada tidak ada).")
    assert files(tmp_path) == []


def test_reading_only_while_the_app_holds_the_folder(full_demo, tmp_path, capsys):
    with InstanceLock(prepare_paths(Path(full_demo)).lock_file, purpose="app"):
        code, _out, err = report(capsys, full_demo, "quick-win", "--out", str(tmp_path / "qw.xlsx"))
    assert code == 0, err
    assert files(tmp_path) == ["qw.xlsx"]


# --- wrong arguments ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, argv, words", [
    ("matriks-program", ["--out", "x.pdf"], "Matriks program tersedia sebagai XLSX, bukan PDF (berkas 'x.pdf')"),
    ("matriks-program", ["--out", "x.txt"], "akhiran berkas '.txt' tidak dikenal; pakai .xlsx (atau --format)"),
    ("matriks-program", ["--format", "pdf", "--out", "x.xlsx"], "Matriks program tersedia sebagai XLSX, bukan PDF"),
    ("daftar-hadir", ["--bimtek", "1", "--format", "xlsx", "--out", "x.pdf"],
     "berkas 'x.pdf' berakhiran .pdf, tetapi --format xlsx; pakai akhiran .xlsx"),
    ("buku-1", ["--out", "x.xlsx"], "Buku I Analisis Strategis tersedia sebagai PDF, DOCX, bukan XLSX"),
    ("laporan", ["--out", "x.pdf"], "jenis dokumen 'laporan' tidak dikenal; pilih dari: daftar-hadir, komitmen"),
    ("berita-acara", ["--out", "x.pdf"], "Berita acara dibuat per bimtek: sebutkan tahapnya dengan --bimtek 1-4"),
    ("daftar-hadir", ["--out", "x.pdf"], "Daftar hadir dibuat per bimtek: sebutkan tahapnya dengan --bimtek 1-4"),
    ("daftar-hadir", ["--bimtek", "1", "--day", "22-09-2026", "--out", "x.pdf"],
     "tanggal '22-09-2026' harus berbentuk YYYY-MM-DD"),
    ("notulen", ["--bimtek", "1", "--day", "2026-09-22", "--out", "x.pdf"], "Notulen dibuat per bimtek; --day tidak"),
    ("quick-win", ["--bimtek", "3", "--out", "x.xlsx"], "Quick win dibuat per wilayah; --bimtek dan --day tidak"),
    ("matriks-program", ["--blank", "--out", "x.xlsx"], "Matriks program tidak punya varian --blank"),
    ("komitmen", ["--names-only", "--out", "x.pdf"], "Lembar komitmen tidak punya varian --names-only"),
    ("daftar-hadir", ["--bimtek", "1", "--blank", "--names-only", "--out", "x.pdf"],
     "argumen --names-only: tidak boleh bersama argumen --blank"),
    ("daftar-hadir", ["--bimtek", "5", "--out", "x.pdf"], "argumen --bimtek: pilihan tidak dikenal"),
    ("matriks-program", ["--paper", "b5", "--out", "x.xlsx"], "argumen --paper: pilihan tidak dikenal"),
    ("matriks-program", [], "argumen --out wajib diisi untuk 'report matriks-program'"),
    ("daftar-hadir", ["--bimtek", "1", "--out", "x.pdf"],
     "bimtek tahap 1 berlangsung 2 hari (2026-09-22, 2026-09-23): sebutkan --day"),
    ("daftar-hadir", ["--bimtek", "1", "--day", "2026-09-30", "--out", "x.pdf"],
     "bimtek tahap 1 di Kota Contoh tidak berlangsung pada 2026-09-30; harinya: 2026-09-22, 2026-09-23"),
    ("daftar-hadir", ["--day", "2026-12-25", "--out", "x.pdf"], "tidak ada bimtek di Kota Contoh pada 2026-12-25"),
])
def test_usage_errors_exit_2_in_one_line(full_demo, tmp_path, capsys, monkeypatch, kind, argv, words):
    monkeypatch.chdir(tmp_path)
    code, out, err = report(capsys, full_demo, kind, *argv)
    assert code == 2 and out == ""
    line = one_clear_line(err)
    assert line.startswith("kotacerdas-cli: ") and words in line, line
    assert files(tmp_path) == []


def test_missing_region_is_a_usage_error(full_demo, capsys):
    code, out, err = report(capsys, full_demo, "matriks-program", "--out", "x.xlsx", region=None)
    assert code == 2 and "argumen --region wajib diisi untuk 'report matriks-program'" in one_clear_line(err)


@pytest.mark.parametrize("region, out_name, words", [
    ("Kota Tidak Ada", "x.xlsx", "Wilayah 'Kota Tidak Ada' tidak ditemukan."),
    ("Kota Contoh", "tidak-ada/x.xlsx", "Folder tujuan tidak ditemukan:"),
])
def test_failures_exit_1_in_one_line(full_demo, tmp_path, capsys, region, out_name, words):
    code, out, err = report(capsys, full_demo, "matriks-program", "--out", str(tmp_path / out_name), region=region)
    assert code == 1 and out == ""
    assert words in one_clear_line(err)
    assert files(tmp_path) == []


def test_module_entry_point_routes_report_to_the_cli(full_demo, tmp_path):
    result = subprocess.run([sys.executable, "-m", "kotacerdas_desktop", "--data-dir", full_demo, "report",
                             "matriks-program", "--region", "Kota Contoh", "--out", "m.xlsx"], cwd=tmp_path,
                            env=clean_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Matriks program ditulis: m.xlsx (")
    assert openpyxl.load_workbook(tmp_path / "m.xlsx").sheetnames == ["Matriks program"]
