"""Roster export to .xlsx and .csv: layout, text-typed NIP/phone, formula
injection, odd characters, atomic writes."""
from __future__ import annotations

import csv
import errno
import io
import os
import zipfile

import pytest

openpyxl = pytest.importorskip("openpyxl")

from kotacerdas_desktop.reports.people_export import (  # noqa: E402
    EXPORT_COLUMNS, HEADER_ROW, ExportError, restore_cell, safe_cell, write_people_csv,
    write_people_xlsx,
)

KEYS = [k for k, _ in EXPORT_COLUMNS]
LABELS = [label for _, label in EXPORT_COLUMNS]
COL = {k: i + 1 for i, k in enumerate(KEYS)}
NIP = "197805122003121004"
PHONE = "+6281234567890"
EVIL = ['=HYPERLINK("http://x","klik")', "@SUM(A1)", "-2+3", "+cmd", "  =1+1", "#N/A"]


def person(no=1, **over):
    row = {"no": no, "prefix": "Dr.", "name": "Siti Rahayu", "suffix": "S.T., M.T.",
           "full_name": "Dr. Siti Rahayu, S.T., M.T.", "nip": NIP, "golongan": "IV/a",
           "jabatan": "Kepala Bidang", "opd": "Diskominfo", "phone": PHONE,
           "email": "siti@example.go.id", "gender": "P", "category": "opd",
           "review_note": "", "id": "0f1e2d3c4b5a69788796a5b4c3d2e1f0"}
    row.update(over)
    return row


def sheet(path):
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Peserta"]
    return wb["Peserta"]


def data_cell(ws, index, key):
    return ws.cell(row=HEADER_ROW + 1 + index, column=COL[key])


# ---------------------------------------------------------------- safe_cell

@pytest.mark.parametrize("text", EVIL[:5] + ["\t=1", "\r=1", "\n@x", "'=already"])
def test_safe_cell_quotes_formula_triggers(text):
    out = safe_cell(text)
    assert out.startswith("'")
    assert restore_cell(out) == out[1:]


@pytest.mark.parametrize("text", ["Siti", "Kepala Bidang", "", "-", "--", "a=b", "1-2",
                                  "Ñoño", "'quoted'"])
def test_safe_cell_leaves_harmless_text(text):
    assert safe_cell(text) == text


def test_safe_cell_types_and_controls():
    assert safe_cell(None) == ""
    assert safe_cell(12) == "12"
    assert safe_cell(-5) == "'-5"
    assert safe_cell(b"caf\xc3\xa9") == "café"
    assert safe_cell("a\x00b\x07c\x1bd\x7fe\x85f") == "abcdef"
    assert safe_cell("baris1\r\nbaris2\rbaris3\nbaris4") == "baris1\nbaris2\nbaris3\nbaris4"
    assert safe_cell("kol\tkol") == "kol kol"
    assert safe_cell("rusak\ud800x\uffff") == "rusakx"
    for value in (None, 1, 1.5, True, object()):
        assert isinstance(safe_cell(value), str)


@pytest.mark.parametrize("text", EVIL + ["'=x", "''=x", "-", "'-", "Budi", "'Budi", "  -3"])
def test_restore_undoes_safe_cell(text):
    assert restore_cell(safe_cell(text)) == text


# ---------------------------------------------------------------- xlsx layout

def test_xlsx_layout(tmp_path):
    rows = [person(i) for i in range(1, 4)]
    out = write_people_xlsx(tmp_path / "peserta.xlsx", rows, title="DAFTAR PESERTA BIMTEK",
                            subtitle="Kota Contoh, 12 Mei 2026")
    assert out == tmp_path / "peserta.xlsx"
    ws = sheet(out)
    assert ws["A1"].value == "DAFTAR PESERTA BIMTEK" and ws["A1"].font.b
    assert ws["A2"].value == "Kota Contoh, 12 Mei 2026"
    last = openpyxl.utils.get_column_letter(len(KEYS))
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"A1:{last}1" in merged
    assert all(ws.cell(row=3, column=c).value is None for c in range(1, len(KEYS) + 1))
    header = [ws.cell(row=HEADER_ROW, column=c).value for c in range(1, len(KEYS) + 1)]
    assert header == LABELS
    head = ws.cell(row=HEADER_ROW, column=1)
    assert head.font.b and head.fill.fill_type == "solid" and head.alignment.wrap_text
    assert head.border.bottom.style == "thin"
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:{last}{HEADER_ROW + 3}"
    assert ws.max_row == HEADER_ROW + 3
    assert data_cell(ws, 0, "no").value == 1
    assert data_cell(ws, 2, "name").value == "Siti Rahayu"
    assert data_cell(ws, 0, "id").value == "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


def test_xlsx_print_setup_and_widths(tmp_path):
    rows = [person(1, jabatan="J" * 200, gender="L")]
    ws = sheet(write_people_xlsx(tmp_path / "p.xlsx", rows, title="T"))
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert str(ws.print_title_rows).replace("$", "") == f"{HEADER_ROW}:{HEADER_ROW}"
    width = {k: ws.column_dimensions[openpyxl.utils.get_column_letter(COL[k])].width for k in KEYS}
    assert width["jabatan"] == 60                    # capped
    assert width["nip"] >= len(NIP)                  # all 18 digits visible
    assert width["gender"] < 10                      # short column stays short
    assert width["full_name"] >= len("Dr. Siti Rahayu, S.T., M.T.")


def test_xlsx_f4_paper_and_bad_paper(tmp_path):
    ws = sheet(write_people_xlsx(tmp_path / "f4.xlsx", [person()], title="T", paper="F4"))
    assert int(ws.page_setup.paperSize) == 14  # Folio 8.5 x 13 in = F4
    with pytest.raises(ValueError):
        write_people_xlsx(tmp_path / "x.xlsx", [], title="T", paper="A3")
    assert not (tmp_path / "x.xlsx").exists()


def test_xlsx_empty_roster_and_missing_keys(tmp_path):
    ws = sheet(write_people_xlsx(tmp_path / "empty.xlsx", [], title="Kosong"))
    assert [ws.cell(row=HEADER_ROW, column=c).value for c in range(1, len(KEYS) + 1)] == LABELS
    assert ws.auto_filter.ref.endswith(str(HEADER_ROW))
    ws = sheet(write_people_xlsx(tmp_path / "partial.xlsx", [{"name": "Budi", "extra": "x"}],
                                 title="T"))
    assert data_cell(ws, 0, "name").value == "Budi"
    assert data_cell(ws, 0, "nip").value in (None, "")
    assert ws.max_column == len(KEYS)


def test_xlsx_rejects_non_dict_rows(tmp_path):
    with pytest.raises(ValueError, match="Baris ke-2"):
        write_people_xlsx(tmp_path / "bad.xlsx", [person(), ["a", "b"]], title="T")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- xlsx text safety

@pytest.mark.parametrize("nip", [NIP, "19780512 200312 1 004", "3201010101010001", "0012345"])
def test_xlsx_nip_is_text(tmp_path, nip):
    ws = sheet(write_people_xlsx(tmp_path / "n.xlsx", [person(nip=nip)], title="T"))
    cell = data_cell(ws, 0, "nip")
    assert cell.data_type == "s" and isinstance(cell.value, str)
    assert cell.value == nip
    assert cell.number_format == "@"


def test_xlsx_nip_as_int_keeps_all_digits(tmp_path):
    ws = sheet(write_people_xlsx(tmp_path / "n.xlsx", [person(nip=int(NIP))], title="T"))
    assert data_cell(ws, 0, "nip").value == NIP


@pytest.mark.parametrize("phone", [PHONE, "081234567890", "+62 812-3456-7890", "(0752) 21234"])
def test_xlsx_phone_is_text_unchanged(tmp_path, phone):
    ws = sheet(write_people_xlsx(tmp_path / "p.xlsx", [person(phone=phone)], title="T"))
    cell = data_cell(ws, 0, "phone")
    assert cell.data_type == "s" and cell.value == phone and cell.number_format == "@"


def test_xlsx_no_nip_dash(tmp_path):
    ws = sheet(write_people_xlsx(tmp_path / "p.xlsx", [person(nip="-")], title="T"))
    assert data_cell(ws, 0, "nip").value == "-"


def test_xlsx_formula_injection_is_text(tmp_path):
    rows = [person(i, name=evil, jabatan=evil, nip=evil, phone=evil)
            for i, evil in enumerate(EVIL[:5], start=1)]
    out = write_people_xlsx(tmp_path / "evil.xlsx", rows, title="=cmd|' /C calc'!A0",
                            subtitle="@SUM(1)")
    ws = sheet(out)
    for i, evil in enumerate(EVIL[:5]):
        for key in ("name", "jabatan", "nip", "phone"):
            cell = data_cell(ws, i, key)
            assert cell.data_type == "s", (key, evil)
            assert cell.value == "'" + evil, (key, evil)
    assert ws["A1"].value.startswith("'=") and ws["A1"].data_type == "s"
    assert ws["A2"].value == "'@SUM(1)"
    # nothing in the file is a formula
    with zipfile.ZipFile(out) as zf:
        sheet_xml = zf.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_xlsx_error_literal_is_text(tmp_path):
    ws = sheet(write_people_xlsx(tmp_path / "e.xlsx", [person(name="#N/A", opd="#REF!")],
                                 title="T"))
    for key, expected in (("name", "#N/A"), ("opd", "#REF!")):
        cell = data_cell(ws, 0, key)
        assert cell.data_type == "s" and cell.value == expected


def test_xlsx_long_text_control_chars_and_unicode(tmp_path):
    long_jabatan = ("Kepala Seksi Pengembangan Ekosistem Kota Cerdas " * 250)[:10_000]
    names = ["Ñoño Peñaloza", "Aurélie Dupré", "محمد عبد الله", "Budi 😀🇮🇩", "Nguyễn Thị Ánh"]
    rows = [person(1, jabatan=long_jabatan)]
    rows += [person(i, name=n) for i, n in enumerate(names, start=2)]
    rows.append(person(9, name="Ri\x00ni\x1b[31m", review_note="baris1\r\nbaris2\x07"))
    ws = sheet(write_people_xlsx(tmp_path / "u.xlsx", rows, title="Ñ é محمد 😀"))
    assert data_cell(ws, 0, "jabatan").value == long_jabatan
    assert len(data_cell(ws, 0, "jabatan").value) == 10_000
    for i, n in enumerate(names, start=1):
        assert data_cell(ws, i, "name").value == n
    assert data_cell(ws, 6, "name").value == "Rini[31m"
    assert data_cell(ws, 6, "review_note").value == "baris1\nbaris2"
    assert ws["A1"].value == "Ñ é محمد 😀"


def test_xlsx_text_over_excel_limit_is_cut_with_marker(tmp_path):
    ws = sheet(write_people_xlsx(tmp_path / "big.xlsx", [person(review_note="x" * 40_000)],
                                 title="T"))
    value = data_cell(ws, 0, "review_note").value
    assert len(value) == 32_767 and value.endswith("\u2026")


# ---------------------------------------------------------------- csv

def read_csv(path, delimiter=";"):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def test_csv_bom_delimiter_header_and_round_trip(tmp_path):
    rows = [person(1), person(2, name="Ñoño; \"Si Kancil\"", jabatan="Kepala\nSeksi",
                           opd="محمد 😀", nip="-", review_note="")]
    rows += [person(3 + i, name=evil, jabatan=evil) for i, evil in enumerate(EVIL)]
    out = write_people_csv(tmp_path / "peserta.csv", rows)
    assert out == tmp_path / "peserta.csv"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + ";".join(LABELS).encode("utf-8") + b"\r\n")
    table = read_csv(out)
    assert table[0] == LABELS
    assert len(table) == 1 + len(rows)
    for row, got in zip(rows, table[1:]):
        assert len(got) == len(KEYS)
        assert [restore_cell(v) for v in got] == [str(row[k]) for k in KEYS]
    # NIP kept as plain digits; phone gets the apostrophe (leading "+")
    assert table[1][COL["nip"] - 1] == NIP
    assert table[1][COL["phone"] - 1] == "'" + PHONE
    assert table[2][COL["nip"] - 1] == "-"
    for i, evil in enumerate(EVIL, start=3):
        name = table[i][COL["name"] - 1]
        assert name == (evil if evil == "#N/A" else "'" + evil)


def test_csv_sanitises_control_characters(tmp_path):
    out = write_people_csv(tmp_path / "c.csv", [person(name="Ri\x00ni\x1b", jabatan="a\tb\r\nc")])
    table = read_csv(out)
    assert table[1][COL["name"] - 1] == "Rini"
    assert table[1][COL["jabatan"] - 1] == "a b\nc"


def test_csv_other_delimiter_and_bad_delimiter(tmp_path):
    out = write_people_csv(tmp_path / "c.csv", [person(name="Budi, S.Kom")], delimiter=",")
    table = read_csv(out, delimiter=",")
    assert table[1][COL["name"] - 1] == "Budi, S.Kom"
    assert '"Budi, S.Kom"' in out.read_text(encoding="utf-8-sig")
    for bad in ("", ";;", '"', "\n", "a"):
        with pytest.raises(ValueError):
            write_people_csv(tmp_path / "bad.csv", [], delimiter=bad)
    assert not (tmp_path / "bad.csv").exists()


# ---------------------------------------------------------------- atomic write

@pytest.mark.parametrize("writer", ["xlsx", "csv"])
def test_missing_folder_gives_clear_error_and_no_temp(tmp_path, writer):
    target = tmp_path / "tidak-ada" / f"peserta.{writer}"
    with pytest.raises(OSError) as info:
        if writer == "xlsx":
            write_people_xlsx(target, [person()], title="T")
        else:
            write_people_csv(target, [person()])
    assert isinstance(info.value, ExportError)
    assert "Folder tujuan tidak ditemukan" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_target_is_a_directory(tmp_path):
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(ExportError, match="folder"):
        write_people_xlsx(tmp_path / "folder.xlsx", [person()], title="T")
    assert [p.name for p in tmp_path.iterdir()] == ["folder.xlsx"]


def test_overwrite_replaces_existing_file(tmp_path):
    target = tmp_path / "peserta.xlsx"
    target.write_bytes(b"old content that is not a workbook" * 1000)
    write_people_xlsx(target, [person(name="Baru")], title="T")
    assert data_cell(sheet(target), 0, "name").value == "Baru"
    csv_target = tmp_path / "peserta.csv"
    csv_target.write_text("lama;lama\n" * 5000, encoding="utf-8")
    write_people_csv(csv_target, [person(name="Baru")])
    assert "lama" not in csv_target.read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["peserta.csv", "peserta.xlsx"]


def test_failed_write_keeps_old_file_and_removes_temp(tmp_path, monkeypatch):
    target = tmp_path / "peserta.csv"
    target.write_text("lama\n", encoding="utf-8")

    def boom(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(ExportError, match="Ruang penyimpanan penuh"):
        write_people_csv(target, [person()])
    assert target.read_text(encoding="utf-8") == "lama\n"
    assert [p.name for p in tmp_path.iterdir()] == ["peserta.csv"]


def test_file_locked_on_replace_gives_excel_message(tmp_path, monkeypatch):
    target = tmp_path / "peserta.xlsx"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="sedang dibuka di Excel"):
        write_people_xlsx(target, [person()], title="T")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["peserta.xlsx"]


@pytest.mark.skipif(os.name == "nt" or (hasattr(os, "geteuid") and os.geteuid() == 0),
                    reason="POSIX permissions; root ignores them")
def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="izin"):
            write_people_csv(folder / "p.csv", [person()])
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_no_permission_on_folder_simulated(tmp_path, monkeypatch):
    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ExportError, match="Tidak ada izin menulis"):
        write_people_xlsx(tmp_path / "p.xlsx", [person()], title="T")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_written_file_has_normal_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        out = write_people_csv(tmp_path / "p.csv", [person()])
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_module_is_light():
    """No Qt, no SQLAlchemy, no openpyxl at import time."""
    import subprocess
    import sys

    code = ("import sys, kotacerdas_desktop.reports.people_export as m; "
            "print(sorted(n for n in sys.modules if n.split('.')[0] in "
            "('PySide6', 'sqlalchemy', 'openpyxl')))")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                            text=True, timeout=60, env={**os.environ, "PYTHONPATH": root})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_xlsx_writes_bytes_in_memory_first(tmp_path):
    """The workbook is a valid zip (not a half-written file)."""
    out = write_people_xlsx(tmp_path / "z.xlsx", [person(i) for i in range(1, 301)], title="T")
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as zf:
        assert zf.testzip() is None
    assert sheet(out).max_row == HEADER_ROW + 300
