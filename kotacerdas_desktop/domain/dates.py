"""Dates as written in Indonesian (and English) official documents."""
from __future__ import annotations

import re
from datetime import date, datetime, time

from .people import ValidationError

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
             "Agustus", "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December")
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")  # Monday first
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _names(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (MONTHS_EN, DAYS_EN) if lang == "en" else (MONTHS_ID, DAYS_ID)


def month_name(month: int, lang: str = "id") -> str:
    """1 -> 'Januari' (id) / 'January' (en)."""
    return _names(lang)[0][month - 1]


def day_name(d: date, lang: str = "id") -> str:
    """date(2022, 9, 27) -> 'Selasa' (id) / 'Tuesday' (en)."""
    return _names(lang)[1][d.weekday()]


def format_date(d: date, lang: str = "id", weekday: bool = True) -> str:
    """'Selasa, 27 September 2022'; weekday=False gives '27 September 2022'."""
    text = f"{d.day} {month_name(d.month, lang)} {d.year}"
    return f"{day_name(d, lang)}, {text}" if weekday else text


def format_time(t: time | datetime, lang: str = "id") -> str:
    """'14.09' (id, dot as in official Indonesian writing) / '14:09' (en)."""
    sep = ":" if lang == "en" else "."
    return f"{t.hour:02d}{sep}{t.minute:02d}"


def format_datetime(dt: datetime, lang: str = "id", weekday: bool = True) -> str:
    """'Selasa, 27 September 2022 14.09' / 'Tuesday, 27 September 2022 14:09'."""
    return f"{format_date(dt.date(), lang, weekday)} {format_time(dt, lang)}"


def format_date_range(start: date, end: date, lang: str = "id") -> str:
    """'5-6 Juli 2023', '30 Juni - 1 Juli 2023', '31 Desember 2023 - 2 Januari 2024'."""
    if end < start:
        start, end = end, start
    if start == end:
        return format_date(start, lang, weekday=False)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {month_name(end.month, lang)} {end.year}"
    if start.year == end.year:
        return (f"{start.day} {month_name(start.month, lang)} - "
                f"{end.day} {month_name(end.month, lang)} {end.year}")
    return f"{format_date(start, lang, False)} - {format_date(end, lang, False)}"


def format_days(days: list[date] | tuple[date, ...], lang: str = "id") -> str:
    """Dates of a multi-day event: a range when consecutive, else a list.

    [5 Jul, 6 Jul 2023] -> '5-6 Juli 2023'; [5 Jul, 7 Jul] -> '5 dan 7 Juli 2023'.
    """
    days = sorted(set(days))
    if not days:
        return ""
    if (days[-1] - days[0]).days == len(days) - 1:
        return format_date_range(days[0], days[-1], lang)
    join = " and " if lang == "en" else " dan "
    same_month = all((d.year, d.month) == (days[0].year, days[0].month) for d in days)
    if same_month:
        nums = [str(d.day) for d in days]
        head = ", ".join(nums[:-1]) + join + nums[-1]
        return f"{head} {month_name(days[0].month, lang)} {days[0].year}"
    parts = [format_date(d, lang, False) for d in days]
    return ", ".join(parts[:-1]) + join + parts[-1]


_UNITS_ID = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
             "sepuluh", "sebelas")


def number_words(n: int) -> str:
    """Indonesian words for 0 .. 999 999, as in the opening of a berita acara:
    22 -> 'dua puluh dua', 2026 -> 'dua ribu dua puluh enam', 1100 -> 'seribu seratus'."""
    if not 0 <= n < 1_000_000:
        raise ValueError(f"number_words: {n} di luar 0..999999")
    if n < 12:
        return _UNITS_ID[n]
    if n < 20:
        return f"{_UNITS_ID[n - 10]} belas"
    for size, word, one in ((1000, "ribu", "seribu"), (100, "ratus", "seratus"), (10, "puluh", "")):
        if n >= size:
            head = one if n // size == 1 and one else f"{number_words(n // size)} {word}"
            return f"{head} {number_words(n % size)}" if n % size else head
    raise AssertionError(n)  # pragma: no cover


def date_in_words(d: date) -> str:
    """'Selasa tanggal dua puluh dua bulan September tahun dua ribu dua puluh enam'
    (follows "Pada hari ini" in official records)."""
    return (f"{day_name(d)} tanggal {number_words(d.day)} bulan {month_name(d.month)} "
            f"tahun {number_words(d.year)}")


_MONTH_WORDS: dict[str, int] = {}
for _i, (_id, _en) in enumerate(zip(MONTHS_ID, MONTHS_EN), start=1):
    for _w in (_id, _en, _id[:3], _en[:3]):
        _MONTH_WORDS[_w.casefold()] = _i
_MONTH_WORDS.update({"agt": 8, "agu": 8, "ags": 8, "sept": 9, "okt": 10, "nop": 11,
                     "pebruari": 2, "nopember": 11, "des": 12})

_WEEKDAY_PREFIX = re.compile(
    r"^(?:hari\s+)?(?:" + "|".join(DAYS_ID + DAYS_EN + ("Jum'at",)) + r")\s*,?\s*",
    re.IGNORECASE)
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_NUMERIC_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_WORDS = re.compile(r"^(\d{1,2})\s*[-\s]\s*([A-Za-z]+)\.?\s*[-\s]\s*(\d{4})$")
_HINT = "Gunakan format seperti 27 September 2022, 27-09-2022 atau 2022-09-27."


def _make(y: int, m: int, d: int, text: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        month = MONTHS_ID[m - 1] if 1 <= m <= 12 else f"bulan {m}"
        raise ValidationError(
            f"Tanggal '{text}' tidak ada di kalender ({d} {month} {y}).") from None


def parse_date_id(text: str) -> date:
    """Parse '27 September 2022', 'Selasa, 27 Sep 2022', '27-09-2022', '27/09/2022',
    '2022-09-27'; ValidationError (Indonesian) when not understood."""
    raw = " ".join(str(text or "").split())
    if not raw:
        raise ValidationError("Tanggal belum diisi.")
    s = _WEEKDAY_PREFIX.sub("", raw).strip()
    s = re.sub(r"^tanggal\s+", "", s, flags=re.IGNORECASE)
    s = re.sub(r"\s*,\s*", " ", s).strip()
    m = _NUMERIC_YMD.match(s)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), raw)
    m = _NUMERIC_DMY.match(s)
    if m:
        return _make(int(m.group(3)), int(m.group(2)), int(m.group(1)), raw)
    m = _WORDS.match(s)
    if m:
        month = _MONTH_WORDS.get(m.group(2).casefold())
        if month is None:
            raise ValidationError(f"Nama bulan '{m.group(2)}' pada '{raw}' tidak dikenal. {_HINT}")
        return _make(int(m.group(3)), month, int(m.group(1)), raw)
    raise ValidationError(f"Tanggal '{raw}' tidak dikenali. {_HINT}")
