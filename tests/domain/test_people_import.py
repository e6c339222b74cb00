"""Invitation lists typed by hand: header, sections, people, signature, problems in words."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from kotacerdas_desktop.domain.demo_data import COMMON_OPDS
from kotacerdas_desktop.domain.people_import import (
    FIELDS, ParsedPerson, ParseResult, SourceRow, cell_text, classify_rows, find_header,
    guess_mapping, header_field, match_opd, parse_row, parse_table)
from kotacerdas_desktop.tabular import read_table

TODAY = date(2026, 1, 1)
HEADER = ["NO", "NAMA / NIP", "NIP", "PANGKAT/GOL", "JABATAN", "UNIT KERJA", "NO. HP / WA",
          "EMAIL", "TANDA TANGAN"]
OPDS = [(f"id{i}", o["name"], o["short_name"], o["aliases"]) for i, o in enumerate(COMMON_OPDS)]


def opd_id(name):
    return next(i for i, n, _s, _a in OPDS if n == name)


def build_messy(path):
    """What Diskominfo sends: titles, header on row 6, sections, page break, signature."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Daftar Undangan"
    ws["A1"] = "DAFTAR UNDANGAN BIMTEK MASTERPLAN SMART CITY TAHAP III"
    ws.merge_cells("A1:I1")
    ws["A2"] = "PEMERINTAH KOTA PADANG"
    ws.merge_cells("A2:I2")
    ws["A3"] = "Hari/Tanggal: Rabu, 5 Juli 2023"
    ws["A4"] = "Tempat: Hotel Contoh Indah"
    ws.append([])
    ws.append(HEADER)                                                              # 6
    ws.append(["A. SEKRETARIAT DAERAH"])                                           # 7
    ws.merge_cells("A7:I7")
    ws.append([1, "Dr. H. AHMAD FAUZI, S.T., M.Si", "19780512 200312 1 004", "IV/b",
               "Asisten Administrasi Umum", None, "0812-3456-7890", "ahmad@contoh.go.id"])  # 8
    ws.append([2, "Siti Rahmawati, S.E.", "19850317.201001.2.015", "III c", "Kasubbag Umum",
               None, "+62 812 3456 7891"])                                         # 9
    ws.append(["II. DINAS KESEHATAN"])                                             # 10
    ws.append([3, "Budi Santoso", "'198001012005011003", "III/d", "Kepala Seksi", None,
               81234567892])                                                       # 11
    ws.append([4, "Rina Marlina", 1.97805122003121e17, "III/a", "Staf", None,
               "6281234567893"])                                                   # 12
    ws.append([5, "Budi Santoso", "'198001012005011003", "III/d", "Kepala Seksi", None,
               81234567892])                                                       # 13: duplicate
    ws.append([])                                                                  # 14
    ws.append(HEADER)                                                              # 15: page break
    ws.append([None, "DINAS PENDIDIKAN"])                                          # 16
    ws.append([6, "Yulia Putri", "1990010120150220", None, "Analis",
               "Dinas Pendidikan Kota Padang", "0812 ABC", "yulia@@contoh"])       # 17
    ws.append([7, "AGUS SALIM", None, None, "Guru", None, None])                   # 18
    ws.append([8])                                                                 # 19: unused slot
    ws.append([])                                                                  # 20
    ws.append([None, None, None, None, None, "Padang, 5 Juli 2023"])              # 21
    ws.append([None, None, None, None, None, "Mengetahui,"])                      # 22
    ws.append([None, None, None, None, None, "Kepala Dinas Komunikasi dan Informatika"])  # 23
    ws.append([])                                                                  # 24
    ws.append([None, None, None, None, None, "Drs. ERIZAL, M.M."])                # 25
    ws.append([None, None, None, None, None, "Pembina Tk. I (IV/b)"])             # 26
    ws.append([None, None, None, None, None, "NIP. 19700101 199503 1 001"])       # 27
    wb.save(path)
    return path


@pytest.fixture
def messy(tmp_path):
    rows = read_table(build_messy(tmp_path / "undangan.xlsx")).rows
    return parse_table(rows, today=TODAY)


def by_line(result: ParseResult, line: int):
    return next(r for r in result.rows if r.line == line)


def person(result: ParseResult, line: int) -> ParsedPerson:
    return next(p for p in result.people if p.line == line)


# ---------------------------------------------------------------- the whole messy list

def test_header_mapping_and_kinds_of_every_row(messy):
    assert messy.header_index == 5
    assert messy.mapping == {0: "no", 1: "name", 2: "nip", 3: "golongan", 4: "jabatan",
                             5: "opd", 6: "phone", 7: "email", 8: "ignore"}
    kinds = {r.line: r.kind for r in messy.rows}
    assert [kinds[i] for i in (1, 2, 3, 4)] == ["title"] * 4 and kinds[5] == "empty"
    assert kinds[6] == "header" and kinds[15] == "header"
    assert kinds[7] == kinds[10] == kinds[16] == "section"
    assert [l for l, k in kinds.items() if k == "data"] == [8, 9, 11, 12, 13, 17, 18]
    assert kinds[19] == "empty" and kinds[20] == "empty"
    assert all(kinds[i] == "signature" for i in (21, 22, 23, 25, 26, 27))
    assert [p.line for p in messy.people] == [8, 9, 11, 12, 13, 17, 18]


def test_nothing_is_dropped_silently(messy):
    listed = {r.line for r in messy.skipped} | {p.line for p in messy.people}
    assert listed == {r.line for r in messy.rows if any(r.raw)}
    assert {r.kind for r in messy.skipped} == {"title", "header", "section", "signature", "empty"}
    assert by_line(messy, 19).raw == ["8"] and by_line(messy, 19) in messy.skipped


def test_sections_become_the_opd_of_following_people(messy):
    assert by_line(messy, 7).kind == "section"
    assert person(messy, 8).opd_text == "SEKRETARIAT DAERAH"       # "A." numbering stripped
    assert person(messy, 9).opd_text == "SEKRETARIAT DAERAH"
    assert person(messy, 11).opd_text == "DINAS KESEHATAN"         # "II." stripped
    assert person(messy, 17).opd_text == "Dinas Pendidikan Kota Padang"   # own cell wins
    assert person(messy, 18).opd_text == "DINAS PENDIDIKAN"
    assert match_opd(person(messy, 8).opd_text, OPDS) == opd_id("Sekretariat Daerah")
    assert match_opd(person(messy, 17).opd_text, OPDS) == opd_id("Dinas Pendidikan")
    assert all(p.category == "opd_staff" for p in messy.people)


def test_names_nips_phones_and_golongan(messy):
    a = person(messy, 8)
    assert (a.prefix, a.name, a.suffix) == ("Dr. H.", "Ahmad Fauzi", "S.T., M.Si")
    assert a.nip == "197805122003121004" and a.golongan == "IV/b"
    assert a.phone == "+6281234567890" and a.email == "ahmad@contoh.go.id"
    assert a.problems == [] and a.warnings == []
    s = person(messy, 9)
    assert s.nip == "198503172010012015" and s.phone == "+6281234567891"     # dots, +62 spaced
    assert s.golongan == "III/c" and s.warnings == []
    b = person(messy, 11)
    assert b.nip == "198001012005011003" and b.problems == []                # leading apostrophe
    assert b.phone == "+6281234567892"
    assert any("angka 0 di depan hilang" in w for w in b.warnings)
    r = person(messy, 12)
    assert r.phone == "+6281234567893"
    assert r.nip == "197805122003121000"
    assert r.problems == ["NIP tampaknya diubah Excel menjadi angka sehingga digit terakhirnya "
                          "hilang (ketik ulang sebagai teks); terbaca 197805122003121000."]


def test_duplicate_row_is_flagged_not_dropped(messy):
    dup = person(messy, 13)
    assert dup.name == "Budi Santoso" and dup.problems == []
    assert "Tampaknya ganda: NIP sama dengan baris 11." in dup.warnings
    assert not any("ganda" in w for w in person(messy, 11).warnings)


def test_problems_are_spelled_out(messy):
    y = person(messy, 17)
    assert y.problems[0].startswith("NIP harus 18 digit, yang terisi 16 digit.")
    assert "NIK" in y.problems[0]
    assert "Nomor telepon tidak boleh berisi huruf: '0812 ABC'." in y.problems
    assert any(p.startswith("Alamat email 'yulia@@contoh' tidak valid") for p in y.problems)
    agus = person(messy, 18)
    assert agus.name == "Agus Salim" and agus.problems == [] and agus.nip == ""


def test_signature_block_is_skipped_with_its_nip(messy):
    sig = [r for r in messy.skipped if r.kind == "signature"]
    assert [r.line for r in sig] == [21, 22, 23, 25, 26, 27]
    assert "NIP. 19700101 199503 1 001" in sig[-1].raw
    assert not any(p.nip == "197001011995031001" for p in messy.people)


# ---------------------------------------------------------------- header words

@pytest.mark.parametrize("text, field", [
    ("Nama", "name"), ("NAMA LENGKAP", "name"), ("Name", "name"), ("Nama Peserta", "name"),
    ("Nama Lengkap (beserta gelar)", "name"), ("NAMA / NIP", "name"), ("Nama/NIK", "name"),
    ("NIP", "nip"), ("N.I.P", None), ("NIP/NIK", "nip"), ("NIK / NIP", "nip"), ("NIK", "ignore"),
    ("Nomor Induk Pegawai", "nip"), ("No. NIP", "nip"),
    ("Pangkat/Gol.", "golongan"), ("Gol", "golongan"), ("Pangkat Gol Ruang", "golongan"),
    ("Golongan", "golongan"), ("Jabatan", "jabatan"), ("Position", "jabatan"),
    ("Job Title", "jabatan"), ("Title", "jabatan"),
    ("Unit Kerja", "opd"), ("Instansi", "opd"), ("OPD", "opd"), ("SKPD", "opd"),
    ("Satuan Kerja", "opd"), ("Dinas/Instansi", "opd"), ("Asal Instansi", "opd"),
    ("Organization", "opd"), ("Agency", "opd"), ("Nama Instansi", "opd"), ("Nama OPD", "opd"),
    ("OPD / Instansi", "opd"),
    ("HP", "phone"), ("No. HP", "phone"), ("HP/WA", "phone"), ("WhatsApp", "phone"),
    ("Telp", "phone"), ("No. Telp", "phone"), ("Telepon", "phone"), ("Phone", "phone"),
    ("Mobile", "phone"), ("Kontak", "phone"), ("No. HP (WA)", "phone"),
    ("Email", "email"), ("E-mail", "email"), ("E-Mail / Surel", "email"), ("Surel", "email"),
    ("JK", "gender"), ("L/P", "gender"), ("Jenis Kelamin", "gender"), ("Gender", "gender"),
    ("Sex", "gender"),
    ("Kategori", "category"), ("Category", "category"), ("Unsur", "category"),
    ("Gelar Depan", "prefix"), ("Gelar Belakang", "suffix"),
    ("No", "no"), ("No.", "no"), ("NO", "no"), ("Nomor", "no"), ("#", "no"), ("No. Urut", "no"),
    ("Tanda Tangan", "ignore"), ("TTD", "ignore"), ("Keterangan", "ignore"),
    ("Kolom aneh", None), ("", None),
])
def test_header_words(text, field):
    assert header_field(text) == field


def test_guess_mapping_each_field_once_and_unknown_columns_ignored():
    mapping = guess_mapping(["No", "Nama", "Nama Panggilan", None, "NIK", "HP", "Telp", "Catatan",
                             "E-mail", 2023])
    assert mapping == {0: "no", 1: "name", 2: "ignore", 4: "ignore", 5: "phone", 6: "ignore",
                       7: "ignore", 8: "email", 9: "ignore"}


def test_fields_are_ordered_with_indonesian_labels():
    assert list(FIELDS) == ["no", "name", "nip", "golongan", "jabatan", "opd", "phone", "email",
                            "gender", "category", "prefix", "suffix", "id", "ignore"]
    assert FIELDS["golongan"] == "Pangkat/Gol." and FIELDS["ignore"] == "(abaikan)"
    assert FIELDS["opd"] == "OPD / Instansi" and FIELDS["phone"] == "No. HP"


def test_find_header():
    assert find_header([["DAFTAR NAMA PESERTA BIMTEK"], [], ["Nama"], ["Budi"]]) == 2
    assert find_header([["DAFTAR NAMA PESERTA"], ["No", "Nama", "Jabatan"]]) == 1
    assert find_header([["No", "Jabatan", "Instansi"], [1, "Kabid", "Dinkes"]]) is None
    assert find_header([["Budi", "19780512 200312 1 004"]]) is None
    assert find_header([]) is None
    rows = [[f"judul {i}"] for i in range(35)] + [["Nama", "NIP"]]
    assert find_header(rows) is None                      # only the first 30 rows are looked at


def test_header_with_an_example_number_is_still_found():
    rows = [["DAFTAR HADIR"], ["No", "Nama", "No. HP (contoh 081234567890)", "Jabatan"],
            [1, "Budi", "0812-3456-7890", "Kabid"]]
    result = parse_table(rows)
    assert result.header_index == 1 and result.mapping[2] == "phone"
    assert result.people[0].phone == "+6281234567890"


def test_a_lone_phone_line_is_not_taken_as_a_nip():
    rows = [["Nama", "NIP", "HP"], ["Budi", None, None], [None, "0812-3456-7890"],
            ["Ani", None, None], ["198503172010012015"]]
    result = parse_table(rows, today=TODAY)
    assert [r.kind for r in result.rows] == ["header", "data", "data", "data", "continuation"]
    assert result.people[0].nip == "" and result.people[1].problems[0] == "Nama kosong."
    assert result.people[2].nip == "198503172010012015"


def test_no_header_means_no_people_but_every_row_listed():
    result = parse_table([["catatan rapat"], [], ["Budi", "0812-3456-7890"]])
    assert result.header_index is None and result.mapping == {} and result.people == []
    assert [(r.line, r.kind) for r in result.skipped] == [(1, "title"), (3, "title")]


# ---------------------------------------------------------------- layouts

def test_two_header_rows_merged(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["DAFTAR UNDANGAN"])
    ws.append(["NO", "NAMA", "JABATAN", "KONTAK", None])
    ws.append([None, "NIP", None, "HP", "EMAIL"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("D2:E2")
    ws.append([1, "Budi Santoso\nNIP. 19780512 200312 1 004", "Kabid", "0812 3456 7890",
               "budi@contoh.go.id"])
    ws.append([2, "Ani Lestari", "Staf", "0813-1111-2222", None])
    ws.append([None, "NIP. 19850317 201001 2 015", None, None, None])
    wb.save(tmp_path / "dua.xlsx")
    result = parse_table(read_table(tmp_path / "dua.xlsx").rows, today=TODAY)
    assert result.header_index == 1
    assert result.mapping == {0: "no", 1: "name", 2: "jabatan", 3: "phone", 4: "email"}
    assert [r.kind for r in result.rows] == ["title", "header", "header", "data", "data",
                                             "continuation"]
    budi, ani = result.people
    assert (budi.name, budi.nip, budi.phone, budi.email) == (
        "Budi Santoso", "197805122003121004", "+6281234567890", "budi@contoh.go.id")
    assert (ani.name, ani.nip, ani.problems) == ("Ani Lestari", "198503172010012015", [])
    assert result.skipped[-1].kind == "continuation"


def test_column_number_row_under_the_header_and_csv_semicolon():
    rows = [["No", "Nama", "Jabatan", "Instansi"], ["(1)", "(2)", "(3)", "(4)"],
            ["1", "Budi", "Kabid", "Diskominfo"]]
    result = parse_table(rows)
    assert [r.kind for r in result.rows] == ["header", "header", "data"]
    assert match_opd(result.people[0].opd_text, OPDS) == opd_id("Dinas Komunikasi dan Informatika")


@pytest.mark.parametrize("row, kind, section", [
    (["A. SEKRETARIAT DAERAH"], "section", "SEKRETARIAT DAERAH"),
    (["II. DINAS KESEHATAN:"], "section", "DINAS KESEHATAN"),
    ([None, "DINAS PENDIDIKAN"], "section", "DINAS PENDIDIKAN"),
    (["B", "INSPEKTORAT"], "section", "INSPEKTORAT"),
    (["C.", "Badan Perencanaan Pembangunan Daerah"], "section",
     "Badan Perencanaan Pembangunan Daerah"),
    ([None, "Bappeda"], "section", "Bappeda"),
    (["3", "DINAS SOSIAL"], "section", "DINAS SOSIAL"),
    ([None, "KECAMATAN CONTOH UTARA"], "section", "KECAMATAN CONTOH UTARA"),
    ([None, "UNSUR AKADEMISI"], "section", "UNSUR AKADEMISI"),
    ([None, None, None, "Dinas Perhubungan"], "section", "Dinas Perhubungan"),
    ([3, "BUDI SANTOSO"], "data", "DINAS X"),                    # a numbered person in capitals
    ([None, "Budi Santoso"], "data", "DINAS X"),
    ([None, "H. AHMAD FAUZI"], "data", "DINAS X"),               # titles mean a person
    ([None, "AHMAD FAUZI, S.T."], "data", "DINAS X"),
])
def test_section_rows(row, kind, section):
    rows = [["No", "Nama", "Jabatan", "Instansi"], [None, "DINAS X"], row]
    result = parse_table(rows)
    last = result.rows[-1]
    assert last.kind == kind
    if kind == "section":
        follow = parse_table(rows + [[1, "Ani", "Staf"]])
        assert follow.people[-1].opd_text == section
    else:
        assert last.section == section


def test_signature_lookalike_never_hides_a_person_with_nip_or_phone():
    rows = [["No", "Nama", "NIP", "HP"],
            [1, "Budi", "19780512 200312 1 004", None],
            [None, "Mengetahui,"],
            [2, "Ani Lestari", None, "0813-1111-2222"],          # added late, below 'Mengetahui'
            [],
            [None, "Padang, 5 Juli 2023"],
            [None, "Kepala Bagian Umum"],
            [None, "ttd"],
            [None, "SRI WAHYUNI, S.E."],
            [None, "NIP. 19850317 201001 2 015"]]
    result = parse_table(rows, today=TODAY)
    assert [p.name for p in result.people] == ["Budi", "Ani Lestari"]
    kinds = [r.kind for r in result.rows]
    assert kinds[2] == "signature" and kinds[5:] == ["signature"] * 5


@pytest.mark.parametrize("marker", ["Mengetahui,", "Padang, 5 Juli 2023",
                                    "Bukittinggi,    Juli 2026",
                                    "Dibuat oleh,", "ttd", "a.n. Kepala Dinas", "Hormat kami,",
                                    "Kepala Dinas Kominfo", "Padang, ........ 2023"])
def test_signature_markers(marker):
    rows = [["Nama", "HP"], ["Budi", "0812-3456-7890"], [marker], ["Ani"], ["NIP. 19850317"]]
    result = parse_table(rows)
    assert [r.kind for r in result.rows][2:] == ["signature"] * 3


def test_place_and_date_in_two_cells_and_lookalikes():
    rows = [["Nama", "HP", "Jabatan"], ["Budi", "0812-3456-7890", None],
            ["Ani", None, "Kepala Seksi, 2019"], [None, "Padang,", datetime(2023, 7, 5)],
            [None, "Kepala Dinas"]]
    result = parse_table(rows)
    assert [r.kind for r in result.rows] == ["header", "data", "data", "signature", "signature"]


def test_repeated_title_after_page_break_and_notes():
    rows = [["DAFTAR UNDANGAN BIMTEK"], ["Nama", "HP"], ["Budi", "0812-3456-7890"],
            ["DAFTAR UNDANGAN BIMTEK"], ["Halaman 2"], ["Ani", "0813-1111-2222"]]
    result = parse_table(rows)
    assert [r.kind for r in result.rows] == ["title", "header", "data", "title", "title", "data"]


def test_classify_rows_with_a_given_mapping_and_no_header():
    rows = [["Budi", "0812-3456-7890"], ["Ani", "0813-1111-2222"]]
    result = parse_table(rows, mapping={0: "name", 1: "phone"})
    assert result.header_index is None and len(result.people) == 2
    sources = classify_rows(rows, None, {0: "name", 1: "phone"})
    assert [s.kind for s in sources] == ["data", "data"]
    assert sources[0].values == {"name": "Budi", "phone": "0812-3456-7890"}
    assert sources[0].line == 1 and sources[0].raw == ["Budi", "0812-3456-7890"]


# ---------------------------------------------------------------- cells

@pytest.mark.parametrize("value, text", [
    (None, ""), (1.0, "1"), (81234567890.0, "81234567890"), (81234567890, "81234567890"),
    (1.97805122003121e17, "197805122003121000"), (197805122003121004, "197805122003121004"),
    (3.5, "3.5"), (0.1 + 0.2, "0.3"), (float("nan"), ""), (True, "Ya"),
    (datetime(2023, 7, 5), "2023-07-05"), (datetime(2023, 7, 5, 9, 30), "2023-07-05 09:30"),
    (date(2023, 7, 5), "2023-07-05"), ("  Budi \n Santoso ", "Budi Santoso"),
])
def test_cell_text(value, text):
    assert cell_text(value, "nip") == text


def row(**values) -> SourceRow:
    return SourceRow(line=9, kind="data", values={k: str(v) for k, v in values.items()},
                     section="", raw=[str(v) for v in values.values()])


@pytest.mark.parametrize("nip, problem", [
    ("19780512 200312 1 00", "NIP harus 18 digit, yang terisi 17 digit."),
    ("197813450200312100", "Tanggal lahir pada NIP"),
    ("197805122003123004", "Digit ke-15 NIP"),
    ("1.97805122003121E+17", "notasi ilmiah"),
    ("NIP 19780512 2003 12", "NIP harus 18 digit"),
    ("abc", "NIP hanya boleh berisi angka"),
])
def test_nip_problems(nip, problem):
    p = parse_row(row(name="Budi", nip=nip), today=TODAY)
    assert len(p.problems) == 1 and problem in p.problems[0], p.problems


@pytest.mark.parametrize("nip", ["19780512 200312 1 004", "19780512.200312.1.004",
                                 "'197805122003121004", "NIP. 19780512-200312-1-004",
                                 " 197805122003121004 "])
def test_nip_written_in_many_ways(nip):
    p = parse_row(row(name="Budi", nip=nip), today=TODAY)
    assert p.nip == "197805122003121004" and p.problems == []


def test_numeric_nips_are_always_a_problem_when_long():
    exact = parse_row(row(name="Budi", nip="197805122003121004"), numeric_cells={"nip"},
                      today=TODAY)
    assert exact.problems[0].startswith("NIP tampaknya diubah Excel menjadi angka")
    short = parse_row(row(name="Budi", nip="12345"), numeric_cells={"nip"}, today=TODAY)
    assert short.problems == ["NIP harus 18 digit, yang terisi 5 digit."]
    for empty in ("", "-", "—"):
        assert parse_row(row(name="Budi", nip=empty), today=TODAY).problems == []


@pytest.mark.parametrize("phone, numeric, expected, warn", [
    ("0812-3456-7890", False, "+6281234567890", None),
    ("+62 812 3456 7890", False, "+6281234567890", None),
    ("6281234567890", False, "+6281234567890", None),
    ("(0752) 21234", False, "+6275221234", None),
    ("81234567890", True, "+6281234567890", "angka 0 di depan hilang"),
    ("75221234", True, "+6275221234", "angka 0 di depan hilang"),
    ("0812-3456-7890 / 0852 1111 2222", False, "+6281234567890", "lebih dari satu nomor"),
    ("HP: 0812-3456-7890 (WA)", False, "+6281234567890", None),
])
def test_phone_formats(phone, numeric, expected, warn):
    p = parse_row(row(name="Budi", phone=phone), numeric_cells={"phone"} if numeric else set())
    assert p.phone == expected and p.problems == []
    assert any(warn in w for w in p.warnings) if warn else p.warnings == []


@pytest.mark.parametrize("phone, problem", [
    ("12345", "harus diawali 0, 62, atau +62"),
    ("0812", "terlalu pendek"),
    ("0812 ABC", "tidak boleh berisi huruf"),
    ("8.12346E+10", "notasi ilmiah"),
])
def test_phone_problems(phone, problem):
    p = parse_row(row(name="Budi", phone=phone))
    assert len(p.problems) == 1 and problem in p.problems[0]
    assert p.phone == phone


def test_name_email_gender_category_and_titles():
    p = parse_row(row(name="dr. RINA MARLINA, Sp.A", prefix="Prof.", suffix="M.Kes",
                      email="Rina@Contoh.GO.ID", gender="Perempuan", category="Narasumber",
                      golongan="4b", jabatan="  Dokter   Spesialis "))
    assert (p.prefix, p.name, p.suffix) == ("Prof. dr.", "Rina Marlina", "Sp.A, M.Kes")
    assert p.email == "Rina@contoh.go.id" and p.gender == "P" and p.category == "speaker"
    assert p.golongan == "IV/b" and p.jabatan == "Dokter Spesialis"
    assert p.problems == [] and p.warnings == [] and p.category == "speaker"
    assert parse_row(row(name="Budi")).category == "other"
    assert parse_row(row(name="Budi", opd="Dinkes")).category == "opd_staff"
    odd = parse_row(row(name="Budi", gender="X", category="Akademisi", golongan="Z"))
    assert odd.problems == [] and odd.gender == "" and odd.category == "other"
    assert len(odd.warnings) == 3
    assert parse_row(row(nip="197805122003121004")).problems == ["Nama kosong."]
    assert parse_row(row(name="Budi", email="budi@x")).problems[0].startswith("Alamat email")
    two = parse_row(row(name="Budi", email="budi@contoh.go.id; b@contoh.go.id"))
    assert two.email == "budi@contoh.go.id" and "lebih dari satu alamat" in two.warnings[0]


def test_nip_inside_the_name_cell():
    p = parse_row(row(name="Budi Santoso, S.T. / NIP. 19780512 200312 1 004"), today=TODAY)
    assert (p.name, p.suffix, p.nip, p.problems) == ("Budi Santoso", "S.T.",
                                                     "197805122003121004", [])
    p = parse_row(row(name="Budi 197805122003121004", nip="198001012005011003"), today=TODAY)
    assert p.name == "Budi" and p.nip == "198001012005011003"
    assert "berbeda dengan kolom NIP" in p.warnings[0]
    assert parse_row(row(name="Budi NIP. -")).name == "Budi"


def test_hostile_cell_text_is_reported_not_raised():
    p = parse_row(row(name="Bu\x07di", jabatan="x" * 300, opd="=HYPERLINK(\"http://x\")"))
    assert any("karakter kendali" in x for x in p.problems)
    assert any("Jabatan terlalu panjang" in x for x in p.problems)
    assert p.opd_text == "=HYPERLINK(\"http://x\")"


# ---------------------------------------------------------------- OPD matching

@pytest.mark.parametrize("text, name", [
    ("Dinas Kesehatan", "Dinas Kesehatan"),
    ("DINAS KESEHATAN KOTA PADANG", "Dinas Kesehatan"),
    ("dinas kesehatan kab. agam", "Dinas Kesehatan"),
    ("Dinkes", "Dinas Kesehatan"),
    ("Dinas Kominfo", "Dinas Komunikasi dan Informatika"),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika"),
    ("Dinas Komunikasi & Informatika", "Dinas Komunikasi dan Informatika"),
    ("Setdako", "Sekretariat Daerah"),
    ("Sekretariat Daerah Kota Bukittinggi", "Sekretariat Daerah"),
    ("Dinas Koperasi Usaha Kecil dan Menengah dan Perdagangan",
     "Dinas Koperasi, Usaha Kecil dan Menengah, dan Perdagangan"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah"),
])
def test_match_opd(text, name):
    assert match_opd(text, OPDS) == opd_id(name)


@pytest.mark.parametrize("text", ["Dinas Kesehatn", "Kesehatan", "Kota Padang", "", None,
                                  "Dinas", "Universitas Andalas"])
def test_match_opd_does_not_guess(text):
    assert match_opd(text, OPDS) is None


def test_match_opd_ambiguous_alias_gives_none_and_name_beats_alias():
    opds = [("a", "Dinas Perdagangan", "Disdag", []),
            ("b", "Dinas Koperasi", "Diskop", ["Dinas Perdagangan", "Disko"]),
            ("c", "Dinas Lain", "DL", ["Disko"])]
    assert match_opd("Dinas Perdagangan", opds) == "a"
    assert match_opd("disko", opds) is None


# ---------------------------------------------------------------- CSV and fuzz

def test_windows_1252_semicolon_csv_end_to_end(tmp_path):
    text = ("DAFTAR UNDANGAN;;;\r\nNo;Nama Lengkap;NIP;No. HP;Instansi\r\n"
            "1;Sé Ayu, S.Kom;'19780512 200312 1 004;0812 3456 7890;Dinas Kominfo\r\n"
            "2;“Ä” Putri;;;Dinkes\r\n;;;;\r\nMengetahui,;;;;\r\n")
    (tmp_path / "d.csv").write_bytes(text.encode("cp1252"))
    result = parse_table(read_table(tmp_path / "d.csv").rows, today=TODAY)
    assert result.header_index == 1
    first, second = result.people
    assert (first.name, first.suffix, first.nip) == ("Sé Ayu", "S.Kom", "197805122003121004")
    assert second.name == "“Ä” Putri"
    assert match_opd(second.opd_text, OPDS) == opd_id("Dinas Kesehatan")
    assert result.rows[-1].kind == "signature"


def test_comma_csv_utf8_bom_end_to_end(tmp_path):
    text = ("Name,Position,Agency,Mobile,E-mail\n"
            "Budi,Head,Bappeda,+62 812 3456 7890,budi@contoh.go.id\n")
    (tmp_path / "e.csv").write_bytes(text.encode("utf-8-sig"))
    result = parse_table(read_table(tmp_path / "e.csv").rows)
    assert result.mapping == {0: "name", 1: "jabatan", 2: "opd", 3: "phone", 4: "email"}
    assert result.people[0].phone == "+6281234567890" and result.people[0].problems == []


_cells = st.one_of(st.none(), st.text(max_size=30), st.integers(-10**20, 10**20),
                   st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                   st.dates(), st.sampled_from(["Nama", "NIP", "No. HP", "Mengetahui,",
                                                "A. DINAS", "NIP. 19780512 200312 1 004", "-"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_cells, max_size=8), max_size=25))
def test_parse_table_never_raises(rows):
    result = parse_table(rows, today=TODAY)
    assert len(result.rows) == len(rows)
    assert len(result.people) == sum(r.kind == "data" for r in result.rows)
