"""Reading invitation lists typed by hand in Excel: header, sections, people, signature.

Pure standard library. Input: plain rows (``tabular.read_table``). Output: the kind
of every row and, per data row, a ``ParsedPerson`` with its problems in plain
Indonesian. Nothing is dropped silently or refused here; the service decides.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from .demo_data import COMMON_OPDS
from .errors import ValidationError
from .people import (PANGKAT, format_phone, normalize_category, normalize_email,
                     normalize_gender, normalize_golongan, normalize_nip, normalize_phone,
                     parse_nip, search_key, split_name)
from .opd_names import _fold, _opd_key, match_opd  # noqa: F401  (match_opd: part of this API)
from .text import clean_text

FIELDS: dict[str, str] = {
    "no": "No", "name": "Nama", "nip": "NIP", "golongan": "Pangkat/Gol.",
    "jabatan": "Jabatan", "opd": "OPD / Instansi", "phone": "No. HP", "email": "Email",
    "gender": "L/P", "category": "Kategori", "prefix": "Gelar depan",
    "suffix": "Gelar belakang", "id": "ID (ekspor aplikasi ini)", "ignore": "(abaikan)",
}
HEADER_SCAN_ROWS = 30
EXCEL_NIP_PROBLEM = ("NIP tampaknya diubah Excel menjadi angka sehingga digit terakhirnya hilang "
                     "(ketik ulang sebagai teks)")
_EMPTY_MARKS = ("", "-", "--", "—", "–")


def _tidy(text: object) -> str:
    return " ".join(str(text or "").split())


# ---------------------------------------------------------------- cells

def is_numeric_cell(value: object) -> bool:
    """True for numbers (not booleans): Excel may have cut digits or a leading 0."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def cell_text(value: object, field: str = "") -> str:
    """A cell as text: integral floats without '.0', dates as ISO, spaces tidied.

    Numbers give their digits whatever ``field`` is; big ones keep the 15 digits
    Excel shows (a NIP typed as a number gives '197805122003121000', not float
    noise). ``is_numeric_cell`` tells the parser a NIP/phone cell was a number.
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value) if abs(value) < 2 ** 53 else int(Decimal(f"{value:.15g}")))
        return f"{value:.15g}"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, timedelta):
        return str(value)
    text = _tidy(value)
    # Our own exports put an apostrophe before text that a spreadsheet would take for
    # a formula ('=..., '+..., '-..., '@...): take it off again so a round trip is exact.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text


# ---------------------------------------------------------------- header

_PHRASES = {
    "no": "no", "no urut": "no", "nomor": "no", "nomor urut": "no", "nr": "no", "urut": "no",
    "kontak": "phone", "no kontak": "phone", "nomor kontak": "phone", "contact": "phone",
    "title": "jabatan", "job title": "jabatan", "l": "ignore", "p": "ignore",
    "id": "id",
}
_BIGRAMS = {
    ("gelar", "depan"): "prefix", ("gelar", "belakang"): "suffix",
    ("jenis", "kelamin"): "gender", ("l", "p"): "gender", ("p", "l"): "gender",
    ("tanda", "tangan"): "ignore", ("unit", "kerja"): "opd", ("satuan", "kerja"): "opd",
    ("perangkat", "daerah"): "opd", ("induk", "pegawai"): "nip",
    ("induk", "kependudukan"): "ignore", ("job", "title"): "jabatan",
}
_WORDS = {
    "name": "nama name peserta participant",
    "nip": "nip",
    "golongan": "pangkat golongan gol ruang grade rank",
    "jabatan": "jabatan jab position title",
    "opd": "instansi opd skpd satker dinas unit organisasi organization organisation agency "
           "institusi institution lembaga kantor asal department departemen",
    "phone": "hp wa whatsapp telp tlp telepon telpon telephone phone mobile handphone ponsel",
    "email": "email mail surel",
    "gender": "jk kelamin gender sex",
    "category": "kategori category unsur",
    "ignore": "ttd paraf keterangan ket signature alamat address",
}
_TOKENS = {w: f for f, words in _WORDS.items() for w in words.split()}
_SOFT = {"nik": "ignore", "no": "no", "nomor": "no", "number": "no"}   # used only if nothing else
_NAME_PHRASES = {"nama", "name", "nama lengkap", "nama peserta", "nama nip", "nama dan nip",
                 "nama lengkap dan gelar", "full name"}


def header_field(text: object) -> str | None:
    """The field a header cell names ('name', 'nip', ... or 'ignore'), None if unknown."""
    raw = _tidy(cell_text(text) if not isinstance(text, str) else text)
    if raw in ("#", "№", "No.", "NO."):
        return "no"
    key = _fold(raw)
    if not key:
        return None
    if key in _PHRASES:
        return _PHRASES[key]
    tokens = key.split() + [""]
    soft = None
    for tok, nxt in zip(tokens, tokens[1:]):
        if (tok, nxt) in _BIGRAMS:
            return _BIGRAMS[(tok, nxt)]
        if tok in _SOFT:
            soft = soft if soft == "ignore" else _SOFT[tok]
        elif tok in _TOKENS and not (_TOKENS[tok] == "name" and _TOKENS.get(nxt, "name")
                                     not in ("name", "nip")):   # "Nama Instansi" is an OPD
            return _TOKENS[tok]
    return soft


def _headerish(text: str) -> bool:
    return bool(text) and len(text) <= 40 and len(text.split()) <= 6


def _datalike(text: str) -> bool:
    return "@" in text or sum(c.isdigit() for c in text) >= 8


def find_header(rows: list[list[object]]) -> int | None:
    """Index of the most header-like row among the first 30 (it must name a name column)."""
    best, best_score = None, 0.0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        texts = [cell_text(v) for v in row]
        if sum(_datalike(t) for t in texts) > 1:       # a person, not a header
            continue
        fields = [header_field(t) for t in texts if _headerish(t) and not _datalike(t)]
        if "name" not in fields:
            continue
        score = (len({f for f in fields if f and f != "ignore"})
                 + 0.5 * min(2, fields.count("ignore"))
                 + 0.25 * any(_fold(t) in _NAME_PHRASES for t in texts))
        if score > best_score:
            best, best_score = i, score
    return best


def guess_mapping(header_cells: list[object]) -> dict[int, str]:
    """Column index -> field for every non-empty header cell; each field at most once."""
    mapping: dict[int, str] = {}
    for col, text in enumerate(cell_text(c) for c in header_cells):
        if text:
            fld = header_field(text) or "ignore"
            mapping[col] = "ignore" if fld in mapping.values() else fld
    return mapping


def combine_header_rows(top: list[object], bottom: list[object]) -> list[str]:
    """Two header rows as one: 'KONTAK' over 'HP' | 'EMAIL' -> 'HP', 'EMAIL'; 'NAMA' over 'NIP'
    -> 'NAMA / NIP'."""
    out = []
    for col in range(max(len(top), len(bottom))):
        t = cell_text(top[col]) if col < len(top) else ""
        b = cell_text(bottom[col]) if col < len(bottom) else ""
        ft, fb = header_field(t), header_field(b)
        if not b or (t and ft not in (None, "ignore") and fb in (None, "ignore")):
            out.append(t)
        else:
            out.append(b if not t or ft in (None, "ignore", fb) else f"{t} / {b}")
    return out


_VOCAB = (set(_TOKENS) | set(_SOFT) | {w for pair in _BIGRAMS for w in pair}
          | {w for phrase in _PHRASES for w in phrase.split()}
          | {"lengkap", "dan", "atau", "beserta", "gelar", "urut", "e"})


def _is_subheader(row: list[object]) -> bool:
    """A second header row: only header words ('HP', 'EMAIL', 'NIP'), no data."""
    texts = [cell_text(v) for v in row if cell_text(v)]
    return bool(texts) and all(
        _headerish(t) and not _datalike(t) and header_field(t) not in (None, "ignore", "no")
        and set(_fold(t).split()) <= _VOCAB for t in texts)


def _is_column_numbers(texts: list[str]) -> bool:
    """The '(1) (2) (3) ...' row printed under many government table headers."""
    nums = [t.strip("().") for t in texts if t]
    return (len(nums) >= 3 and all(n.isdigit() for n in nums)
            and [int(n) for n in nums] == list(range(int(nums[0]), int(nums[0]) + len(nums))))


# ---------------------------------------------------------------- rows

@dataclass
class SourceRow:
    line: int                 # 1-based row number in the sheet
    kind: str                 # data|header|title|section|signature|continuation|empty
    values: dict[str, str]    # field -> cleaned text of the cell
    section: str              # OPD text from the latest section row, '' if none
    raw: list[str]            # every cell as text
    numeric: set[str] = field(default_factory=set)   # fields whose cell was a number


_NUMBERING = re.compile(r"^\s*(?:[A-Za-z]|[IVXLCivxlc]{1,6}|\d{1,3})\s*[.)]\s*(?=\S)")
_NO_CELL = re.compile(r"^\s*(?:[A-Za-z]|[IVXLCivxlc]{1,6}|\d{1,4})\s*[.)]?\s*$")
_INSTITUTION_WORDS = set(
    "dinas badan sekretariat inspektorat kantor kecamatan kelurahan nagari desa bagian biro "
    "satuan rsud puskesmas upt uptd dprd dewan unsur kelompok perangkat instansi lembaga "
    "universitas politeknik kementerian kementrian kepolisian polres polresta kodim kejaksaan "
    "pengadilan bank pt cv yayasan forum asosiasi".split())
_TITLE_WORDS = re.compile(
    r"^(daftar|hari|tanggal|tempat|waktu|pukul|acara|kegiatan|lampiran|halaman|hal|page|"
    r"catatan|note|undangan|bimtek|rapat)\b", re.IGNORECASE)
_MONTHS = (r"(jan(uari|uary)?|feb(ruari|ruary)?|mar(et|ch)?|apr(il)?|mei|may|jun[ei]?|jul[iy]?|"
           r"ag(ustus|s|t)|aug(ust)?|sep(tember)?|okt(ober)?|oct(ober)?|nov(ember)?|"
           r"des(ember)?|dec(ember)?)")
_PLACE_DATE = re.compile(   # "Padang, 5 Juli 2023", "Padang,    Juli 2023", "Padang, .... 2023"
    r"^[A-Za-z][A-Za-z .'\-]{1,40},\s*(\d{4}-\d\d-\d\d|(\d{1,2}\s*)?(" + _MONTHS
    + r"\.?\s+|[\s.…_]{3,}(" + _MONTHS + r"\.?\s+)?)\d{4})$", re.IGNORECASE)
_SIGN_STRONG = re.compile(
    r"^(?:(?:mengetahui|menyetujui|disetujui|diketahui|diperiksa|hormat\s+(?:kami|saya)|"
    r"dibuat\s+oleh|yang\s+membuat|pembuat\s+daftar|ttd|t\.\s?t\.\s?d)(?=[\s,.:;)])|"
    r"a\.\s?n\.\s|an\.\s|pl[th]\.?\s)", re.IGNORECASE)
_SIGN_JABATAN = re.compile(
    r"^(kepala|sekretaris|kabid|kasubb?ag|kasi|camat|ketua|wali\s*kota|walikota|bupati|"
    r"direktur|inspektur|lurah)\b", re.IGNORECASE)
_NIP_LINE = re.compile(r"^(?:NIP\b\.?\s*:?\s*'?\d[\d .'\-]{6,}|'?\d(?:[ .\-]?\d){15,17})$",
                       re.IGNORECASE)
_COMMON_OPD_ROWS = [(str(i), o["name"], o["short_name"], o["aliases"])
                    for i, o in enumerate(COMMON_OPDS)]


def _name_like(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters >= 2 and letters > sum(c.isdigit() for c in text)


def _heading_text(text: str, numbered_no: bool) -> str | None:
    """The OPD/section text of a heading cell, or None when it looks like a person."""
    m = _NUMBERING.match(text)
    stripped = _tidy(text[m.end():] if m else text).rstrip(":").strip()
    if not _name_like(stripped) or _datalike(stripped):
        return None
    words = _fold(stripped).split()
    if (words and words[0] in _INSTITUTION_WORDS) or match_opd(stripped, _COMMON_OPD_ROWS):
        return stripped
    person = split_name(text)
    if person.prefix or person.suffix:
        return None
    caps = stripped.upper() == stripped and sum(c.isalpha() for c in stripped) >= 3
    if caps and m and not m.group(0).strip()[:-1].isdigit():
        return stripped          # "A. SEKRETARIAT DAERAH", "II. BAGIAN UMUM"
    # A lone ALL-CAPS text without numbering or an institution word is more likely a
    # person typed in capitals ("HENDRA GUNAWAN") than a section: keep it as data.
    return None


def _marker(texts: list[str], name_text: str) -> bool:
    """A row that starts the signature block ('Mengetahui,', 'Padang, 5 Juli 2023', ...)."""
    return 0 < len(texts) <= 3 and any(
        _SIGN_STRONG.match(t + " ") or _PLACE_DATE.match(t) or _PLACE_DATE.match(" ".join(texts))
        or (len(texts) <= 2 and _SIGN_JABATAN.match(t) and name_text in ("", t)) for t in texts)


def classify_rows(rows: list[list[object]], header_index: int | None,
                  mapping: dict[int, str]) -> list[SourceRow]:
    """One ``SourceRow`` per input row, in order, each with its kind."""
    start = 0 if header_index is None else header_index + 1
    cols = {c: f for c, f in mapping.items() if f != "ignore"}
    name_cols = [c for c, f in cols.items() if f == "name"]
    no_cols = {c for c, f in cols.items() if f == "no"}
    header_texts = {_fold(cell_text(v)) for v in rows[header_index]} - {""} \
        if header_index is not None and header_index < len(rows) else set()
    title_texts: set[str] = set()
    out: list[SourceRow] = []
    for i, row in enumerate(rows):
        raw = [cell_text(v) for v in row]
        values: dict[str, str] = {}
        numeric: set[str] = set()
        for c, f in sorted(cols.items()):
            if c < len(row) and raw[c]:
                values[f] = f"{values[f]} {raw[c]}" if f in values else raw[c]
                if is_numeric_cell(row[c]):
                    numeric.add(f)
        kind = "empty" if not any(raw) else "title" if i < start else ""
        if i == header_index:
            kind = "header"
        elif kind == "title":
            title_texts.add(_fold(" ".join(raw)))
        out.append(SourceRow(i + 1, kind, values, "", raw, numeric))

    # The signature block: the first marker row after the last row that is surely a person.
    def strong(r: SourceRow) -> bool:
        nip, phone = r.values.get("nip", ""), r.values.get("phone", "")
        return (_name_like(r.values.get("name", "")) and
                (sum(c.isdigit() for c in nip) >= 8 or sum(c.isdigit() for c in phone) >= 7))

    def surely_data(r: SourceRow) -> bool:
        """A numbered row with a name, or a name with another filled column: a person
        ('3 | Camat Padang Barat | ...'), never the start of a signature block."""
        fields = set(r.values) - {"no"}
        numbered = r.values.get("no", "").strip(".").isdigit()
        return "name" in fields and (numbered or len(fields) >= 2)

    last_strong = max((k for k in range(start, len(out)) if strong(out[k]) or surely_data(out[k])),
                      default=start - 1)
    sign_start = len(out)
    for k in range(max(last_strong + 1, start), len(out)):
        texts = [t for t in out[k].raw if t]
        name_text = next((out[k].raw[c] for c in name_cols if c < len(out[k].raw)), "")
        if _marker(texts, name_text):
            sign_start = k
            break

    section = ""
    for k in range(start, len(out)):
        r = out[k]
        if r.kind == "empty":
            continue
        if k >= sign_start:
            r.kind = "signature"
            continue
        cells = [(c, t) for c, t in enumerate(r.raw) if t]
        texts = [t for _, t in cells]
        others = [(c, t) for c, t in cells if c not in no_cols]
        no_text = next((t for c, t in cells if c in no_cols), "")
        name_text = next((r.raw[c] for c in name_cols if c < len(r.raw)), "")
        hits = sum(_fold(t) in header_texts for t in texts)
        if _is_column_numbers(texts) or (
                not any(_datalike(t) for t in texts) and all(_headerish(t) for t in texts) and (
                    (header_field(name_text) == "name" and (hits >= 2 or len(texts) == 1))
                    or (k == start and _is_subheader(rows[k])))):
            r.kind = "header"       # repeated after a page break, or a second header row
            continue
        if len(texts) <= 2 and any(_SIGN_STRONG.match(t + " ") for t in texts) and not strong(r) \
                and not surely_data(r):
            r.kind = "signature"     # a stray 'Mengetahui,' above the last person
            continue
        if len(others) == 1 and (_fold(others[0][1]) in title_texts
                                 or _TITLE_WORDS.match(others[0][1])):
            r.kind = "title"
            continue
        prev = next((out[j] for j in range(k - 1, start - 1, -1) if out[j].kind != "empty"), None)
        if len(others) == 1 and _NIP_LINE.match(others[0][1]) and prev is not None \
                and prev.kind == "data" and not prev.values.get("nip"):
            prev.values["nip"] = others[0][1]        # 'NIP. ...' on the line below the name
            if any(is_numeric_cell(v) for v in rows[k]):
                prev.numeric.add("nip")
            r.kind = "continuation"
            continue
        heading = None
        if len(others) == 1 and (not no_text or _NO_CELL.match(no_text)):
            heading = _heading_text(others[0][1], numbered_no=no_text.strip(".").isdigit())
        elif not others and no_text and not no_text.strip(".").isdigit():
            heading = _heading_text(no_text, numbered_no=False)
        if heading:
            r.kind, section = "section", heading
            continue
        r.kind = "data" if set(r.values) - {"no"} else "empty"
        r.section = section if r.kind == "data" else ""
    return out


# ---------------------------------------------------------------- one person

@dataclass
class ParsedPerson:
    line: int
    prefix: str = ""
    name: str = ""
    suffix: str = ""
    nip: str = ""
    golongan: str = ""
    jabatan: str = ""
    opd_text: str = ""
    phone: str = ""
    email: str = ""
    gender: str = ""
    category: str = ""
    record_id: str = ""  # the ID column of this app's own export, when present
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_NIP_IN_TEXT = re.compile(r"(?:\bNIP\b\.?\s*:?\s*)?'?(?<!\d)(?P<d>\d(?:[ .]?\d){17})(?!\d)",
                          re.IGNORECASE)
_NIP_LABEL = re.compile(r"\bNIP\b\.?\s*:?\s*[-–—]?", re.IGNORECASE)
_PHONE_LABEL = re.compile(r"\(?\b(wa|hp|telp|tlp|tel|whatsapp|phone|mobile|ponsel)\b\.?\s*:?\)?",
                          re.IGNORECASE)
_SPLIT_MANY = re.compile(r"\s*(?:/|;|,|\bor\b|\batau\b|\bdan\b|&)\s*", re.IGNORECASE)


def _phone(text: str, numeric: bool, warnings: list[str]) -> str:
    """Normalised phone; ValidationError when no part of the cell is a usable number."""
    cleaned = _tidy(_PHONE_LABEL.sub(" ", text)).strip(" :()")
    parts = [p for p in _SPLIT_MANY.split(cleaned) if p.strip()] or [cleaned]
    errors: list[ValidationError] = []
    for part in parts:
        digits = re.sub(r"\D", "", part)
        lost_zero = numeric and digits and not digits.startswith(("0", "8", "62"))
        for attempt in [part] + (["0" + digits] if lost_zero else []):
            try:
                phone = normalize_phone(attempt)
                break
            except ValidationError as exc:
                errors.append(exc)
        else:
            continue
        if numeric and not part.startswith(("0", "+", "62")):
            warnings.append(f"No. HP tersimpan sebagai angka di Excel (angka 0 di depan hilang); "
                            f"dibaca sebagai {format_phone(phone)}.")
        if len(parts) > 1:
            warnings.append(f"No. HP berisi lebih dari satu nomor; yang dipakai "
                            f"{format_phone(phone)}.")
        return phone
    raise errors[0] if errors else ValidationError(f"Nomor telepon '{text}' tidak dikenali.")


def parse_row(row: SourceRow, numeric_cells: set[str] | frozenset[str] = frozenset(),
              today: date | None = None) -> ParsedPerson:
    """A data row as a person plus the problems found; never raises for bad content."""
    v = row.values
    numeric = set(numeric_cells) | set(row.numeric)
    p = ParsedPerson(line=row.line)
    problems, warnings = p.problems, p.warnings

    name_text = v.get("name", "")
    nip_text = v.get("nip", "")
    m = _NIP_IN_TEXT.search(name_text)
    if m:
        found = re.sub(r"\D", "", m.group("d"))
        name_text = name_text[:m.start()] + " " + name_text[m.end():]
        if _tidy(nip_text) in _EMPTY_MARKS:
            nip_text = found
        elif normalize_nip(nip_text) != found:
            warnings.append(f"Kolom nama juga berisi NIP ({found}) yang berbeda dengan kolom NIP; "
                            "yang dipakai kolom NIP.")
    name_text = _tidy(_NIP_LABEL.sub(" ", name_text)).strip(" /|,;:-–")

    p.opd_text = _tidy(v.get("opd")) or _tidy(row.section)
    for label, value, limit in (("Nama", name_text, 200), ("Gelar depan", v.get("prefix"), 60),
                                ("Gelar belakang", v.get("suffix"), 120),
                                ("Jabatan", v.get("jabatan"), 200),
                                ("OPD / Instansi", p.opd_text, 200)):
        try:
            clean_text(value, limit, label)
        except ValidationError as exc:
            problems.append(str(exc))
    person = split_name(name_text)
    p.prefix = " ".join(x for x in (_tidy(v.get("prefix")), person.prefix) if x)
    p.suffix = ", ".join(x for x in (person.suffix, _tidy(v.get("suffix")).strip(", ")) if x)
    p.name = person.name
    if not p.name:
        problems.append("Nama kosong.")
    elif any(c.isdigit() for c in p.name):
        warnings.append(f"Nama '{p.name}' berisi angka; periksa apakah kolomnya tertukar.")

    if _tidy(nip_text) not in _EMPTY_MARKS:
        digits = normalize_nip(nip_text)
        if "nip" in numeric and len(digits) >= 16:
            problems.append(f"{EXCEL_NIP_PROBLEM}; terbaca {digits}.")
            p.nip = digits
        else:
            try:
                p.nip = parse_nip(nip_text, today).nip
            except ValidationError as exc:
                problems.append(str(exc))
                p.nip = digits or nip_text

    try:
        clean_text(v.get("golongan"), 30, "Pangkat/golongan")
    except ValidationError as exc:
        problems.append(str(exc))
    record_id = re.sub(r"[^0-9a-f]", "", _tidy(v.get("id")).lower())
    p.record_id = record_id if len(record_id) == 32 else ""
    p.golongan = normalize_golongan(v.get("golongan"))
    if p.golongan and p.golongan not in PANGKAT:
        warnings.append(f"Golongan '{p.golongan}' tidak dikenal (contoh penulisan: III/a, IV/b).")
    p.jabatan = _tidy(v.get("jabatan"))

    phone_text = v.get("phone", "")
    if _tidy(phone_text) not in _EMPTY_MARKS:
        try:
            p.phone = _phone(phone_text, "phone" in numeric, warnings)
        except ValidationError as exc:
            problems.append(str(exc))
            p.phone = _tidy(phone_text)

    email_text = _tidy(v.get("email"))
    if email_text not in _EMPTY_MARKS:
        candidates = [e for e in re.split(r"[\s;,/]+", email_text) if e] or [email_text]
        try:
            p.email = normalize_email(email_text if len(candidates) == 1 else candidates[0])
            if len(candidates) > 1:
                warnings.append(f"Email berisi lebih dari satu alamat; yang dipakai {p.email}.")
        except ValidationError as exc:
            problems.append(str(exc))
            p.email = email_text

    try:
        p.gender = normalize_gender(v.get("gender"))
    except ValidationError as exc:
        warnings.append(str(exc))
    default = "opd_staff" if p.opd_text else "other"
    try:
        p.category = normalize_category(v.get("category"), default=default)
    except ValidationError as exc:
        warnings.append(f"{exc} Dipakai kategori bawaan.")
        p.category = default
    return p


# ---------------------------------------------------------------- whole table

@dataclass
class ParseResult:
    header_index: int | None
    mapping: dict[int, str]
    rows: list[SourceRow]
    people: list[ParsedPerson]      # one per data row, in order
    skipped: list[SourceRow]        # every non-data row that has any text, with its kind


def parse_table(rows: list[list[object]], header_index: int | None = None,
                mapping: dict[int, str] | None = None, today: date | None = None) -> ParseResult:
    """Find the header and mapping when not given, classify every row, parse the people."""
    if header_index is None and mapping is None:
        header_index = find_header(rows)
    if mapping is None:
        if header_index is None:     # no header: nothing is a person, everything is listed
            sources = classify_rows(rows, len(rows), {})
            return ParseResult(None, {}, sources, [], [r for r in sources if any(r.raw)])
        header = list(rows[header_index])
        nxt = rows[header_index + 1] if header_index + 1 < len(rows) else []
        if _is_subheader(nxt):
            header = combine_header_rows(header, nxt)
        mapping = guess_mapping(header)
    sources = classify_rows(rows, header_index, mapping)
    people = [parse_row(r, today=today) for r in sources if r.kind == "data"]
    _flag_duplicates(people)
    skipped = [r for r in sources if r.kind != "data" and any(r.raw)]
    return ParseResult(header_index, dict(mapping), sources, people, skipped)


def _flag_duplicates(people: list[ParsedPerson]) -> None:
    """Warn on a later row that repeats an earlier one (same NIP, or same name and phone/OPD)."""
    seen: dict[tuple, int] = {}
    for p in people:
        keys = []
        if p.nip and not any("NIP" in x for x in p.problems):
            keys.append(("nip", p.nip))
        if p.name:
            keys.append(("name", search_key(p.name), p.phone or _opd_key(p.opd_text)))
        for key in keys:
            if key in seen:
                what = "NIP" if key[0] == "nip" else "nama"
                p.warnings.append(f"Tampaknya ganda: {what} sama dengan baris {seen[key]}.")
                break
        for key in keys:
            seen.setdefault(key, p.line)
