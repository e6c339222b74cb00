"""Reading spreadsheet and CSV files into plain rows, and refusing bad files in plain words."""
from __future__ import annotations

import io
import os
import random
import re
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook

from kotacerdas_desktop import tabular
from kotacerdas_desktop.domain.errors import UserError
from kotacerdas_desktop.tabular import ImportFileError, Table, read_table, sniff_delimiter

HEADER = ["NO", "NAMA", "NIP", "PANGKAT/GOL", "JABATAN", "UNIT KERJA", "NO. HP", "EMAIL"]


def messy_workbook(path):
    """A hand-typed invitation list: merged titles, header on row 6, sections, signature."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Undangan"
    ws["A1"] = "DAFTAR UNDANGAN BIMTEK MASTERPLAN SMART CITY"
    ws.merge_cells("A1:H1")
    ws["A2"] = "Hari/Tanggal: Rabu, 5 Juli 2023"
    ws.merge_cells("A2:H2")
    ws.append([])
    ws.append([])
    ws.append([])
    for col, text in enumerate(HEADER, start=1):
        ws.cell(row=6, column=col, value=text)
    ws.append(["A. SEKRETARIAT DAERAH"])
    ws.merge_cells("A7:H7")
    ws.append([1, "Budi Santoso", "19780512 200312 1 004", "IV/b", "Kabag", None,
               "0812-3456-7890", "budi@contoh.go.id", None, None])
    ws.append([2, "Rina", 1.97805122003121e17, "III/a", None, None, 81234567890])
    ws.append([3, "Tanggal", datetime(2023, 7, 5), None, None, None, True])
    ws.append([])
    ws.append([None, None, None, None, None, "Padang, 5 Juli 2023"])
    wb.save(path)
    return path


def test_messy_workbook_rows_come_back_as_plain_values(tmp_path):
    table = read_table(messy_workbook(tmp_path / "undangan.xlsx"))
    assert isinstance(table, Table)
    assert table.sheet == "Undangan" and table.sheets == ["Undangan"]
    rows = table.rows
    assert rows[0] == ["DAFTAR UNDANGAN BIMTEK MASTERPLAN SMART CITY"]   # merged: first cell only
    assert rows[2] == [] and rows[3] == [] and rows[4] == []              # empty rows kept, trimmed
    assert rows[5] == HEADER
    assert rows[6] == ["A. SEKRETARIAT DAERAH"]
    assert rows[7] == [1, "Budi Santoso", "19780512 200312 1 004", "IV/b", "Kabag", None,
                       "0812-3456-7890", "budi@contoh.go.id"]             # trailing None trimmed
    assert isinstance(rows[8][2], float) and rows[8][6] == 81234567890
    assert rows[9][2] == datetime(2023, 7, 5) and rows[9][6] is True
    assert rows[10] == [] and rows[11][-1] == "Padang, 5 Juli 2023"
    assert len(rows) == 12


def test_first_visible_sheet_by_default_and_sheet_by_name(tmp_path):
    wb = Workbook()
    hidden = wb.active
    hidden.title = "Rahasia"
    hidden["A1"] = "tersembunyi"
    hidden.sheet_state = "hidden"
    daftar = wb.create_sheet("Daftar")
    daftar["A1"] = "Nama"
    other = wb.create_sheet("Hari 2")
    other["B2"] = "isi"
    wb.save(tmp_path / "multi.xlsx")

    table = read_table(tmp_path / "multi.xlsx")
    assert table.sheet == "Daftar" and table.rows == [["Nama"]]
    assert table.sheets == ["Rahasia", "Daftar", "Hari 2"]
    assert read_table(tmp_path / "multi.xlsx", sheet="Hari 2").rows == [[], [None, "isi"]]
    assert read_table(tmp_path / "multi.xlsx", sheet="hari 2 ").sheet == "Hari 2"
    with pytest.raises(ImportFileError) as err:
        read_table(tmp_path / "multi.xlsx", sheet="Peserta")
    msg = str(err.value)
    assert "Lembar 'Peserta' tidak ada" in msg and "'Daftar'" in msg and "'Hari 2'" in msg


def test_formula_text_long_text_and_line_breaks_stay_plain_strings(tmp_path):
    wb = Workbook()
    ws = wb.active
    cell = ws.cell(row=1, column=1, value="=HYPERLINK(\"http://contoh.go.id\",\"klik\")")
    cell.data_type = "s"                       # typed as text, not a formula
    long_text = "Kepala " * 3000              # 21,000 characters: kept, validated later
    ws.cell(row=1, column=2, value=long_text)
    ws.cell(row=1, column=3, value="Budi\nNIP. 19780512 200312 1 004")
    ws.cell(row=2, column=1, value="=1+1")     # a real formula without cached value
    wb.save(tmp_path / "f.xlsx")
    rows = read_table(tmp_path / "f.xlsx").rows
    assert rows[0][0] == "=HYPERLINK(\"http://contoh.go.id\",\"klik\")"
    assert rows[0][1] == long_text
    assert rows[0][2] == "Budi\nNIP. 19780512 200312 1 004"
    assert len(rows) == 1         # data_only: a formula without cached value is empty


def test_wrong_dimension_tag_does_not_cut_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    for i in range(1, 31):
        ws.append([i, f"Peserta {i}"])
    wb.save(tmp_path / "ok.xlsx")
    src, dst = tmp_path / "ok.xlsx", tmp_path / "dim.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                # openpyxl writes the tag with or without a space (lxml installed or not)
                data = re.sub(rb'<dimension ref="A1:B30"\s*/>', b'<dimension ref="A1:B3"/>', data)
                assert b'ref="A1:B3"' in data
            zout.writestr(item, data)
    assert len(read_table(dst).rows) == 30


def test_xlsm_and_a_workbook_saved_with_csv_name_are_read(tmp_path):
    messy_workbook(tmp_path / "a.xlsx")
    (tmp_path / "a.xlsm").write_bytes((tmp_path / "a.xlsx").read_bytes())
    (tmp_path / "renamed.csv").write_bytes((tmp_path / "a.xlsx").read_bytes())
    assert read_table(tmp_path / "a.xlsm").rows[5] == HEADER
    assert read_table(tmp_path / "renamed.csv").rows[5] == HEADER
    (tmp_path / "renamed.xls").write_bytes((tmp_path / "a.xlsx").read_bytes())
    assert read_table(tmp_path / "renamed.xls").rows[5] == HEADER


def test_openpyxl_warnings_do_not_leak_and_workbook_is_closed(tmp_path, recwarn):
    import gc
    import warnings

    messy_workbook(tmp_path / "a.xlsx")
    before = list(warnings.filters)
    read_table(tmp_path / "a.xlsx")
    assert warnings.filters == before             # the global filters are left alone
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        read_table(tmp_path / "a.xlsx")
        gc.collect()
    assert not [w for w in recwarn if issubclass(w.category, ResourceWarning)]
    (tmp_path / "a.xlsx").unlink()                # nothing keeps it open


# ---------------------------------------------------------------- CSV

def test_comma_csv_utf8_with_quoted_commas(tmp_path):
    path = tmp_path / "daftar.csv"
    path.write_text('No,Nama,NIP,No. HP\n'
                    '1,"Budi Santoso, S.T.",\'197805122003121004,0812-3456-7890\n'
                    '\n2,Sé Ayu,,\n', encoding="utf-8")
    table = read_table(path)
    assert table.sheet == "" and table.sheets == []
    assert table.rows == [["No", "Nama", "NIP", "No. HP"],
                          ["1", "Budi Santoso, S.T.", "'197805122003121004", "0812-3456-7890"],
                          [],
                          ["2", "Sé Ayu"]]


def test_semicolon_csv_utf8_with_bom(tmp_path):
    path = tmp_path / "daftar.csv"
    text = "No;Nama;Instansi\r\n1;Ä Putri;Dinas Kominfo, Statistik\r\n"
    path.write_bytes(text.encode("utf-8-sig"))
    rows = read_table(path).rows
    assert rows[0] == ["No", "Nama", "Instansi"]          # no '\ufeff' glued to 'No'
    assert rows[1] == ["1", "Ä Putri", "Dinas Kominfo, Statistik"]


def test_windows_1252_csv_is_not_mojibake(tmp_path):
    path = tmp_path / "excel.csv"
    text = "Nama;Jabatan\r\nSé Äbdul;“Kepala” Bidang’s\r\n"
    path.write_bytes(text.encode("cp1252"))
    rows = read_table(path).rows
    assert rows[1] == ["Sé Äbdul", "“Kepala” Bidang’s"]
    assert "Ã" not in repr(rows)


def test_tab_txt_sep_hint_and_utf16(tmp_path):
    (tmp_path / "a.txt").write_text("Nama\tNIP\nBudi\t'1978\n", encoding="utf-8")
    assert read_table(tmp_path / "a.txt").rows == [["Nama", "NIP"], ["Budi", "'1978"]]
    (tmp_path / "b.csv").write_text("sep=;\nNama;Kota, Provinsi\nBudi;Padang, Sumbar\n",
                                    encoding="utf-8")
    assert read_table(tmp_path / "b.csv").rows == [["Nama", "Kota, Provinsi"],
                                                   ["Budi", "Padang, Sumbar"]]
    (tmp_path / "c.txt").write_bytes("Nama\tHP\r\nSé\t0812\r\n".encode("utf-16"))
    assert read_table(tmp_path / "c.txt").rows == [["Nama", "HP"], ["Sé", "0812"]]


def test_formula_control_characters_and_long_cells_in_csv_stay_plain(tmp_path):
    long_text = "x" * 200_000
    path = tmp_path / "jahat.csv"
    path.write_text('Nama,Catatan\n"=HYPERLINK(""http://x"",""klik"")",a\x07b\x1b[31m\n'
                    f"Budi,{long_text}\n", encoding="utf-8")
    rows = read_table(path).rows
    assert rows[1] == ['=HYPERLINK("http://x","klik")', "a\x07b\x1b[31m"]
    assert rows[2][1] == long_text


@pytest.mark.parametrize("lines, expected", [
    (["a;b;c", "1;2,5;3"], ";"),
    (["a,b,c", "1,2,3"], ","),
    (["a\tb", "1\t2,3"], "\t"),
    (['"Budi, S.T.";1', '"Ani, S.E.";2'], ";"),
    (["DAFTAR UNDANGAN", "No;Nama;NIP", "1;Budi, S.T.;123"], ";"),
    (["hanya satu kolom"], ","),
])
def test_delimiter_sniffing_counts_the_first_lines(lines, expected):
    assert sniff_delimiter(lines) == expected


# ---------------------------------------------------------------- refusals

def _refused(path, *words):
    with pytest.raises(ImportFileError) as err:
        read_table(path)
    exc = err.value
    msg = str(exc)
    assert isinstance(exc, UserError)
    assert exc.__cause__ is None and exc.__suppress_context__ or exc.__context__ is None
    for word in words:
        assert word.lower() in msg.lower(), msg
    for leak in ("Traceback", "BadZipFile", "KeyError", "InvalidFileException", "Errno"):
        assert leak not in msg
    return msg


def test_hostile_and_wrong_files_are_refused_in_plain_words(tmp_path):
    rnd = random.Random(7)
    (tmp_path / "acak.xlsx").write_bytes(bytes(rnd.randrange(256) for _ in range(5000)))
    _refused(tmp_path / "acak.xlsx", "bukan file Excel", "simpan ulang")

    (tmp_path / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    _refused(tmp_path / "lama.xls", ".xls", "simpan ulang sebagai .xlsx")

    (tmp_path / "nol.xlsx").write_bytes(b"")
    _refused(tmp_path / "nol.xlsx", "kosong")
    (tmp_path / "kosong.csv").write_bytes(b"")
    _refused(tmp_path / "kosong.csv", "kosong")
    (tmp_path / "spasi.csv").write_text(" \r\n\r\n  \n", encoding="utf-8")
    _refused(tmp_path / "spasi.csv", "kosong")
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf")
    _refused(tmp_path / "bom.csv", "kosong")

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("foto.jpg", b"not really")
    (tmp_path / "arsip.xlsx").write_bytes(buf.getvalue())
    _refused(tmp_path / "arsip.xlsx", "bukan workbook Excel")

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<x/>")
    (tmp_path / "calc.ods").write_bytes(buf.getvalue())
    _refused(tmp_path / "calc.ods", ".ods", ".xlsx")
    (tmp_path / "calc.xlsx").write_bytes(buf.getvalue())
    _refused(tmp_path / "calc.xlsx", "OpenDocument")

    _refused(tmp_path / "tidak-ada.xlsx", "tidak ditemukan")
    (tmp_path / "folder.xlsx").mkdir()
    _refused(tmp_path / "folder.xlsx", "folder")
    (tmp_path / "laporan.pdf").write_bytes(b"%PDF-1.4")
    _refused(tmp_path / "laporan.pdf", "tidak didukung", ".xlsx")
    (tmp_path / "biner.csv").write_bytes(b"Nama,NIP\n\x00\x01\x02\x03")
    _refused(tmp_path / "biner.csv", "bukan file teks")


def test_encrypted_workbook_is_named_as_such(tmp_path):
    ole = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000
           + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1000)
    (tmp_path / "kunci.xlsx").write_bytes(ole)
    _refused(tmp_path / "kunci.xlsx", "kata sandi")


def test_truncated_and_damaged_workbooks(tmp_path):
    messy_workbook(tmp_path / "ok.xlsx")
    data = (tmp_path / "ok.xlsx").read_bytes()
    (tmp_path / "potong.xlsx").write_bytes(data[: len(data) // 2])
    _refused(tmp_path / "potong.xlsx", "rusak")

    buf = io.BytesIO()
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as zin, zipfile.ZipFile(buf, "w") as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]          # broken XML
            zout.writestr(item.filename, content)
    (tmp_path / "xmlrusak.xlsx").write_bytes(buf.getvalue())
    _refused(tmp_path / "xmlrusak.xlsx", "rusak")

    buf = io.BytesIO()
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as zin, zipfile.ZipFile(buf, "w") as zout:
        for item in zin.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":      # sheet part missing
                zout.writestr(item.filename, zin.read(item.filename))
    (tmp_path / "tanpasheet.xlsx").write_bytes(buf.getvalue())
    _refused(tmp_path / "tanpasheet.xlsx", "lembar kerja", "rusak")


def test_size_row_and_column_limits(tmp_path, monkeypatch):
    path = tmp_path / "besar.csv"
    path.write_text("Nama\n" + "Budi\n" * 40, encoding="utf-8")
    monkeypatch.setattr(tabular, "MAX_BYTES", 100)
    _refused(path, "terlalu besar", "MB")
    monkeypatch.setattr(tabular, "MAX_BYTES", 50 * 1024 * 1024)

    monkeypatch.setattr(tabular, "MAX_ROWS", 20)
    _refused(path, "lebih dari 20 baris")
    comma = tmp_path / "a,b.csv"
    comma.write_bytes(path.read_bytes())
    assert "'a,b.csv'" in _refused(comma, "lebih dari 20 baris")
    wb = Workbook()
    for i in range(25):
        wb.active.append([f"Peserta {i}"])
    wb.save(tmp_path / "baris.xlsx")
    _refused(tmp_path / "baris.xlsx", "lebih dari 20 baris")
    monkeypatch.setattr(tabular, "MAX_ROWS", 100_000)

    monkeypatch.setattr(tabular, "MAX_COLS", 5)
    (tmp_path / "lebar.csv").write_text("a,b,c,d,e,f\n", encoding="utf-8")
    _refused(tmp_path / "lebar.csv", "6 kolom", "paling banyak 5")


def test_trailing_blank_rows_do_not_count_against_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 10)
    path = tmp_path / "ekor.csv"
    path.write_text("Nama\nBudi\n" + ";;;\n" * 50, encoding="utf-8")
    assert read_table(path).rows == [["Nama"], ["Budi"]]


def test_real_size_limits_are_the_documented_ones():
    assert tabular.MAX_BYTES == 50 * 1024 * 1024
    assert tabular.MAX_ROWS == 100_000 and tabular.MAX_COLS == 200


def test_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "terkunci.csv"
    path.write_text("Nama\nBudi\n", encoding="utf-8")
    os.chmod(path, 0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        _refused(path, "izin")
    finally:
        os.chmod(path, 0o644)


def test_tabular_does_not_import_qt_or_sqlalchemy():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(tabular.__file__).read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any(m.startswith(("PySide6", "sqlalchemy", "qtawesome")) for m in names)
