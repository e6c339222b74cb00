from __future__ import annotations

from datetime import date

import pytest

from kotacerdas_desktop.domain.people import (
    CATEGORIES, CATEGORY_LABELS_EN, GENDERS, PANGKAT, NipInfo, PersonInput, PersonName,
    ValidationError, format_nip, format_phone, normalize_email, normalize_gender,
    normalize_golongan, normalize_nip, normalize_phone, pangkat_golongan_text, parse_nip,
    search_key, split_name, validate_person,
)

TODAY = date(2026, 11, 22)
GOOD = "197805122003121004"


# ------------------------------------------------------------------ NIP

@pytest.mark.parametrize("raw", [
    "197805122003121004", "19780512 200312 1 004", "NIP. 19780512 200312 1 004",
    "NIP 19780512.200312.1.004", "nip: 19780512-200312-1-004", "'197805122003121004",
    "  NIP.19780512 200312 1 004 ", "197805122003121004.0", "NIP197805122003121004",
])
def test_normalize_nip_variants(raw):
    assert normalize_nip(raw) == GOOD


@pytest.mark.parametrize("raw", ["", "-", "  ", None])
def test_normalize_nip_empty(raw):
    assert normalize_nip(raw) == ""


def test_parse_valid_nip():
    info = parse_nip("NIP. 19780512 200312 1 004", today=TODAY)
    assert info == NipInfo(GOOD, date(1978, 5, 12), 2003, 12, "L")
    assert parse_nip("198501012010012001", today=TODAY).gender == "P"


def _err(raw: str) -> str:
    with pytest.raises(ValidationError) as exc:
        parse_nip(raw, today=TODAY)
    return str(exc.value)


def test_nip_wrong_length_says_count():
    msg = _err("1978051220031210")
    assert "18 digit" in msg and "16 digit" in msg
    assert "NIK" in msg
    assert "19 digit" in _err("1978051220031210041")


def test_nip_letters():
    assert "angka" in _err("19780512200312100A")


@pytest.mark.parametrize("raw", ["1.97805E+17", "1,97805E+17", "1.97805122003121E+17"])
def test_nip_scientific_notation_blames_excel(raw):
    msg = _err(raw)
    assert "Excel" in msg and "Teks" in msg


def test_nip_truncated_digits_blame_excel():
    assert "Excel" in _err("197805122003121")      # 15 digits: Excel's precision
    assert "Excel" not in _err("1978051220031")    # 13 digits: just short
    assert "Excel" in _err("19780512200312100")    # 17 digits ending in zeros


def test_nip_excel_rounded_serial_000():
    msg = _err("197805122003121000")
    assert "000" in msg and "Excel" in msg


def test_nip_impossible_birth_date():
    assert "tanggal" in _err("197802302003121004").lower()
    assert "tanggal" in _err("197813122003121004").lower()


def test_nip_implausible_birth_year():
    assert "terlalu lama" in _err("193505121960121004")
    assert "17 tahun" in _err("201505122025011004")


def test_nip_appointment_month():
    assert "01 sampai 12" in _err("197805122003131004")
    assert "01 sampai 12" in _err("197805122003001004")


def test_nip_appointment_year_too_early_or_future():
    assert "terlalu dekat" in _err("197805121990121004")
    assert "masa depan" in _err("197805122027011004")
    # same year, later month than `today`
    assert "masa depan" in _err("197805122026121004")
    assert parse_nip("197805122026111004", today=TODAY).appointment_month == 11


def test_nip_gender_digit():
    assert "Digit ke-15" in _err("197805122003123004")
    assert "Digit ke-15" in _err("197805122003120004")


def test_format_nip():
    assert format_nip(GOOD) == "19780512 200312 1 004"
    assert format_nip("12345") == "12345"
    assert format_nip("") == ""


# ------------------------------------------------------------------ names

@pytest.mark.parametrize("raw, prefix, name, suffix", [
    ("Dr. H. Ahmad Fauzi, S.T., M.Si.", "Dr. H.", "Ahmad Fauzi", "S.T., M.Si."),
    ("dr. Siti Rahmah, M.Kes.", "dr.", "Siti Rahmah", "M.Kes."),
    ("Dr. Siti Rahmah, M.Kes.", "Dr.", "Siti Rahmah", "M.Kes."),
    ("drg. Rina Marlina", "drg.", "Rina Marlina", ""),
    ("BUDI SANTOSO", "", "Budi Santoso", ""),
    ("Budi Santoso SE MM", "", "Budi Santoso", "SE, MM"),
    ("Ir Joko Susilo MT", "Ir", "Joko Susilo", "MT"),
    ("Prof.Dr.Ir. Hendra Gunawan, M.T.", "Prof. Dr. Ir.", "Hendra Gunawan", "M.T."),
    ("Hj. Yulia Rahmi, S.Sos", "Hj.", "Yulia Rahmi", "S.Sos"),
    ("K.H. Abdullah Syafii", "K.H.", "Abdullah Syafii", ""),
    ("KH. Abdullah", "KH.", "Abdullah", ""),
    ("Ns. Rina Marlina, S.Kep.", "Ns.", "Rina Marlina", "S.Kep."),
    ("apt. Dewi Lestari, S.Farm.", "apt.", "Dewi Lestari", "S.Farm."),
    ("R. Soeprapto", "R.", "Soeprapto", ""),
    ("Tgk. Faisal, S.Ag", "Tgk.", "Faisal", "S.Ag"),
    ("Drs. H. M. Ridwan, MM", "Drs. H.", "M. Ridwan", "MM"),
    ("AHMAD BIN ABDULLAH, SE", "", "Ahmad bin Abdullah", "SE"),
    ("Andi Syamsul,S.IP.,M.AP", "", "Andi Syamsul", "S.IP., M.AP"),
    ("Muhammad Hatta, Ph.D", "", "Muhammad Hatta", "Ph.D"),
    ("Yudi Pratama, A.Md.", "", "Yudi Pratama", "A.Md."),
    ("Rahmat Hidayat, S.STP, M.Eng", "", "Rahmat Hidayat", "S.STP, M.Eng"),
    ("I Made Suardana, S.T. M.T.", "", "I Made Suardana", "S.T., M.T."),
    ("Rina Wati, S.Kep., Ns.", "", "Rina Wati", "S.Kep., Ns."),
    ("  Dr.H.Ahmad   Fauzi ,  S.Kom  ", "Dr. H.", "Ahmad Fauzi", "S.Kom"),
    ("Budi Santoso ST, MT", "", "Budi Santoso", "ST, MT"),
    ("McDonald Siregar", "", "McDonald Siregar", ""),
    ("NUR'AINI SIREGAR", "", "Nur'aini Siregar", ""),
    ("Hasanah Lubis", "", "Hasanah Lubis", ""),
    ("Hendri Koto", "", "Hendri Koto", ""),
    ("Santoso, Budi", "", "Santoso, Budi", ""),
    ("SANTOSO, BUDI", "", "Santoso, Budi", ""),
    ("Dr. (H.C.) Andi Amir", "Dr. (H.C.)", "Andi Amir", ""),
])
def test_split_name(raw, prefix, name, suffix):
    assert split_name(raw) == PersonName(prefix, name, suffix)


def test_split_name_keeps_dr_case_distinct():
    assert split_name("dr. Ahmad").prefix == "dr."
    assert split_name("Dr. Ahmad").prefix == "Dr."


def test_split_name_never_eats_whole_name():
    assert split_name("H").name == "H"
    assert split_name("Dr.").name == "Dr."
    assert split_name("") == PersonName("", "", "")


def test_full_and_sort_key():
    n = split_name("Dr. H. Ahmad Fauzi, S.T., M.Si.")
    assert n.full == "Dr. H. Ahmad Fauzi, S.T., M.Si."
    assert n.sort_key == "ahmad fauzi"
    assert PersonName("", "Budi", "").full == "Budi"
    assert PersonName("Ir.", "Budi", "").full == "Ir. Budi"


@pytest.mark.parametrize("text", ["dr ahmad", "Ahmad", "AHMAD, S.T.", "Dr. H. Ahmad", "ahmad."])
def test_search_key_ignores_titles_case_punctuation(text):
    assert search_key(text) == "ahmad"


def test_search_key_accents_apostrophes_digits():
    assert search_key("Nur'aini Siregar") == "nuraini siregar"
    assert search_key("José Ramírez") == "jose ramirez"
    assert search_key("19780512 200312 1 004") == GOOD
    assert search_key("M.Ridwan") == "m ridwan"
    assert search_key("dr. Ahmad Fauzi") in search_key("Dr. H. Ahmad Fauzi, S.T., M.Si.")


# ------------------------------------------------------------------ phone

@pytest.mark.parametrize("raw, expected", [
    ("0812-3456-7890", "+6281234567890"),
    ("0812 3456 7890", "+6281234567890"),
    ("081234567890", "+6281234567890"),
    ("6281234567890", "+6281234567890"),
    ("+62 812-3456-7890", "+6281234567890"),
    ("+62 (0)812 3456 7890", "+6281234567890"),
    ("81234567890", "+6281234567890"),
    ("'081234567890", "+6281234567890"),
    ("81234567890.0", "+6281234567890"),
    ("6281234567890.0", "+6281234567890"),
    ("0062 812 3456 7890", "+6281234567890"),
    ("(0752) 21234", "+6275221234"),
    ("(021) 1234-5678", "+622112345678"),
    ("0811234567", "+62811234567"),
    ("+65 6123 4567", "+6561234567"),
    ("+1 415 555 0100", "+14155550100"),
    ("", ""), ("-", ""), (None, ""),
])
def test_normalize_phone(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw, word", [
    ("0812345", "pendek"),
    ("08123456789012345", "panjang"),
    ("0812-34AB-7890", "huruf"),
    ("0752 123", "pendek"),
    ("(0752) 1234567890", "panjang"),
    ("6512345678", "diawali"),       # no plus, not Indonesian
    ("+65 123", "8-15"),
    ("8.12346E+10", "Excel"),
])
def test_normalize_phone_errors(raw, word):
    with pytest.raises(ValidationError) as exc:
        normalize_phone(raw)
    assert word in str(exc.value)


def test_phone_roundtrip_is_idempotent():
    for raw in ["0812-3456-7890", "(0752) 21234", "+65 6123 4567"]:
        once = normalize_phone(raw)
        assert normalize_phone(once) == once


def test_format_phone():
    assert format_phone("+6281234567890") == "+62 812-3456-7890"
    assert format_phone("+62812345678") == "+62 812-345-678"
    assert format_phone("+6275221234") == "+62 752 21234"
    assert format_phone("+622112345678") == "+62 21 12345678"
    assert format_phone("0812-3456-7890") == "+62 812-3456-7890"
    assert format_phone("+6561234567") == "+6561234567"
    assert format_phone("tidak ada") == "tidak ada"


# ------------------------------------------------------------------ email / gender / category

def test_normalize_email():
    assert normalize_email("  Budi.Santoso@CONTOH.GO.ID ") == "Budi.Santoso@contoh.go.id"
    assert normalize_email("mailto:a@example.com") == "a@example.com"
    assert normalize_email("") == "" and normalize_email("-") == ""
    for bad in ["budi", "budi@", "@contoh.go.id", "budi@contoh", "bu di@contoh.go.id",
                "budi@@contoh.go.id", "budi..s@contoh.go.id", "budi@contoh..go.id"]:
        with pytest.raises(ValidationError):
            normalize_email(bad)


@pytest.mark.parametrize("raw, expected", [
    ("L", "L"), ("l", "L"), ("Laki-laki", "L"), ("LAKI-LAKI", "L"), ("pria", "L"),
    ("Male", "L"), ("M", "L"), ("P", "P"), ("perempuan", "P"), ("Wanita", "P"),
    ("female", "P"), ("F", "P"), ("", ""), (None, ""),
])
def test_normalize_gender(raw, expected):
    assert normalize_gender(raw) == expected


def test_normalize_gender_unknown():
    with pytest.raises(ValidationError):
        normalize_gender("x")
    assert GENDERS == {"L": "Laki-laki", "P": "Perempuan"}


def test_categories():
    assert list(CATEGORIES) == ["official", "opd_staff", "dewan", "tim_pelaksana", "mentor",
                                "speaker", "other"]
    assert CATEGORIES["dewan"] == "Dewan Smart City"
    assert set(CATEGORY_LABELS_EN) == set(CATEGORIES)


# ------------------------------------------------------------------ golongan

@pytest.mark.parametrize("raw, expected", [
    ("IVa", "IV/a"), ("iv/a", "IV/a"), ("IV-a", "IV/a"), ("4a", "IV/a"), ("IV / A", "IV/a"),
    ("III/d", "III/d"), ("IIId", "III/d"), ("3d", "III/d"), ("II.c", "II/c"), ("ia", "I/a"),
    ("IV/e", "IV/e"), ("Gol. III/b", "III/b"), ("Pembina Tk. I (IV/b)", "IV/b"),
])
def test_normalize_golongan(raw, expected):
    assert normalize_golongan(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("III/e", "III/e"), ("  PPPK   IX ", "PPPK IX"), ("5a", "5a"), ("", ""), ("-", ""),
    (None, ""),
])
def test_normalize_golongan_unknown_tidied(raw, expected):
    assert normalize_golongan(raw) == expected


def test_pangkat():
    assert len(PANGKAT) == 17
    assert PANGKAT["I/a"] == "Juru Muda"
    assert PANGKAT["IV/e"] == "Pembina Utama"
    assert pangkat_golongan_text("IVb") == "Pembina Tk. I (IV/b)"
    assert pangkat_golongan_text("3a") == "Penata Muda (III/a)"
    assert pangkat_golongan_text("xyz") == "xyz"
    assert pangkat_golongan_text("") == ""


# ------------------------------------------------------------------ validate_person

def test_validate_person_normalises_everything():
    data = PersonInput(name="DR. IR. BUDI SANTOSO, M.T.", nip="NIP. 19780512 200312 1 004",
                       golongan="4b", jabatan="  Kepala   Dinas ", opd_id="opd-1",
                       phone="0812-3456-7890", email="Budi@CONTOH.go.id")
    clean, warnings = validate_person(data, today=TODAY)
    assert (clean.prefix, clean.name, clean.suffix) == ("DR. IR.", "Budi Santoso", "M.T.")
    assert clean.nip == GOOD and clean.golongan == "IV/b"
    assert clean.jabatan == "Kepala Dinas" and clean.phone == "+6281234567890"
    assert clean.email == "Budi@contoh.go.id"
    assert clean.gender == "L"            # derived from NIP
    assert clean.category == "opd_staff"  # default with an OPD
    assert warnings == []
    assert data.nip == "NIP. 19780512 200312 1 004"  # input not mutated


def test_validate_person_merges_explicit_titles():
    clean, _ = validate_person(PersonInput(prefix="Dr.", name="Ahmad Fauzi", suffix="S.T."))
    assert (clean.prefix, clean.name, clean.suffix) == ("Dr.", "Ahmad Fauzi", "S.T.")


def test_validate_person_gender_mismatch_is_warning():
    clean, warnings = validate_person(PersonInput(name="Budi", nip=GOOD, gender="P",
                                                  opd_id="x"), today=TODAY)
    assert clean.gender == "P"
    assert any("digit ke-15" in w for w in warnings)


@pytest.mark.parametrize("field, kwargs", [
    ("Nama", dict(name="  ")),
    ("Nama", dict(name=", S.T.")),
    ("NIP", dict(name="Budi", nip="1.97805E+17")),
    ("Nomor telepon", dict(name="Budi", phone="12")),
    ("Email", dict(name="Budi", email="budi@")),
    ("Kategori", dict(name="Budi", category="vip")),
])
def test_validate_person_hard_errors_name_field(field, kwargs):
    with pytest.raises(ValidationError) as exc:
        validate_person(PersonInput(**kwargs), today=TODAY)
    assert str(exc.value).startswith(field)


def test_validate_person_soft_cases():
    clean, warnings = validate_person(PersonInput(name="Budi", nip="-", golongan="X/z",
                                                  category="Narasumber", gender="?"))
    assert clean.nip == "" and clean.category == "speaker" and clean.gender == ""
    assert len(warnings) == 2  # unknown golongan and unknown gender
    clean, warnings = validate_person(PersonInput(name="Budi", category="opd_staff"))
    assert any("OPD" in w for w in warnings)
    clean, _ = validate_person(PersonInput(name="Budi"))
    assert clean.category == "other" and clean.opd_id is None
