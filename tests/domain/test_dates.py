from __future__ import annotations

from datetime import date, datetime

import pytest

from kotacerdas_desktop.domain.dates import (
    DAYS_ID, MONTHS_ID, date_in_words, format_date, format_date_range, format_datetime, format_days,
    number_words, parse_date_id,
)
from kotacerdas_desktop.domain.people import ValidationError


def test_tables():
    assert len(MONTHS_ID) == 12 and MONTHS_ID[0] == "Januari" and MONTHS_ID[7] == "Agustus"
    assert DAYS_ID == ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def test_format_date_both_languages():
    d = date(2022, 9, 27)
    assert format_date(d) == "Selasa, 27 September 2022"
    assert format_date(d, "en") == "Tuesday, 27 September 2022"
    assert format_date(d, weekday=False) == "27 September 2022"
    assert format_date(date(2023, 8, 6)) == "Minggu, 6 Agustus 2023"
    assert format_date(date(2024, 2, 2), "en", weekday=False) == "2 February 2024"


def test_format_datetime():
    dt = datetime(2022, 9, 27, 14, 9)
    assert format_datetime(dt) == "Selasa, 27 September 2022 14.09"
    assert format_datetime(dt, "en") == "Tuesday, 27 September 2022 14:09"
    assert format_datetime(datetime(2022, 9, 27, 8, 5), weekday=False) == "27 September 2022 08.05"


@pytest.mark.parametrize("start, end, lang, expected", [
    (date(2023, 7, 5), date(2023, 7, 6), "id", "5-6 Juli 2023"),
    (date(2023, 6, 30), date(2023, 7, 1), "id", "30 Juni - 1 Juli 2023"),
    (date(2023, 12, 31), date(2024, 1, 2), "id", "31 Desember 2023 - 2 Januari 2024"),
    (date(2023, 7, 5), date(2023, 7, 5), "id", "5 Juli 2023"),
    (date(2023, 7, 6), date(2023, 7, 5), "id", "5-6 Juli 2023"),
    (date(2023, 7, 5), date(2023, 7, 6), "en", "5-6 July 2023"),
    (date(2023, 6, 30), date(2023, 7, 1), "en", "30 June - 1 July 2023"),
    (date(2023, 12, 31), date(2024, 1, 2), "en", "31 December 2023 - 2 January 2024"),
])
def test_format_date_range(start, end, lang, expected):
    assert format_date_range(start, end, lang) == expected


def test_format_days():
    assert format_days([date(2023, 7, 6), date(2023, 7, 5)]) == "5-6 Juli 2023"
    assert format_days([date(2023, 7, 5), date(2023, 7, 7)]) == "5 dan 7 Juli 2023"
    assert format_days([date(2023, 7, 5), date(2023, 7, 7)], "en") == "5 and 7 July 2023"
    assert format_days([]) == ""


@pytest.mark.parametrize("text", [
    "27 September 2022", "27 september 2022", "27 Sep 2022", "27 Sept. 2022",
    "Selasa, 27 September 2022", "hari Selasa 27 September 2022", "27-09-2022",
    "27/09/2022", "27.09.2022", "27/9/2022", "2022-09-27", "  2022-09-27  ",
    "27 Sep-2022", "27-Sep-2022", "27 September, 2022",
])
def test_parse_date_id(text):
    assert parse_date_id(text) == date(2022, 9, 27)


def test_parse_date_id_indonesian_months():
    assert parse_date_id("17 Agustus 1945") == date(1945, 8, 17)
    assert parse_date_id("1 Agt 2023") == date(2023, 8, 1)
    assert parse_date_id("5 Mei 2023") == date(2023, 5, 5)
    assert parse_date_id("10 Nopember 2023") == date(2023, 11, 10)
    assert parse_date_id("2 Okt 2023") == date(2023, 10, 2)
    assert parse_date_id("Jumat, 1 Desember 2023") == date(2023, 12, 1)


@pytest.mark.parametrize("text, word", [
    ("", "belum diisi"),
    ("besok", "tidak dikenali"),
    ("31-02-2022", "tidak ada di kalender"),
    ("30 Februari 2022", "tidak ada di kalender"),
    ("2022-13-01", "tidak ada di kalender"),
    ("27 Septober 2022", "bulan"),
])
def test_parse_date_id_errors(text, word):
    with pytest.raises(ValidationError) as exc:
        parse_date_id(text)
    assert word in str(exc.value)
    assert isinstance(exc.value, ValueError)


def test_roundtrip_format_parse():
    d = date(2026, 12, 31)
    assert parse_date_id(format_date(d)) == d
    assert parse_date_id(format_date(d, "en")) == d


@pytest.mark.parametrize("n, words", [
    (0, "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"), (19, "sembilan belas"),
    (20, "dua puluh"), (22, "dua puluh dua"), (100, "seratus"), (111, "seratus sebelas"),
    (245, "dua ratus empat puluh lima"), (1000, "seribu"), (1100, "seribu seratus"),
    (2026, "dua ribu dua puluh enam"), (12345, "dua belas ribu tiga ratus empat puluh lima"),
    (100000, "seratus ribu"), (999999, "sembilan ratus sembilan puluh sembilan ribu sembilan ratus "
                                       "sembilan puluh sembilan"),
])
def test_number_words(n, words):
    assert number_words(n) == words


def test_number_words_range_and_date_in_words():
    for bad in (-1, 1_000_000):
        with pytest.raises(ValueError):
            number_words(bad)
    assert date_in_words(date(2026, 9, 22)) == ("Selasa tanggal dua puluh dua bulan September "
                                                "tahun dua ribu dua puluh enam")
