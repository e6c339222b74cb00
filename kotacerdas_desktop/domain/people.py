"""People on the roster: NIP, names with titles, phone, email, gender, golongan.

Pure standard library. Every ``ValidationError`` message is plain Indonesian
and is shown to the user as is.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date


from .errors import ValidationError  # noqa: E402  (re-exported: many modules import it from here)


def _tidy(text: str | None) -> str:
    """Strip and collapse all whitespace to single spaces."""
    return " ".join(str(text or "").split())


def _is_empty(raw: str | None) -> bool:
    return _tidy(raw) in ("", "-", "--", "—", "–")


# ---------------------------------------------------------------- NIP

_SCIENTIFIC = re.compile(r"^\d[.,]\d+\s*[eE]\s*\+?\s*\d+$")
_NIP_PREFIX = re.compile(r"^\s*'?\s*nip(?![a-z])\s*\.?\s*:?", re.IGNORECASE)
_FLOAT_TAIL = re.compile(r"^(\d+)[.,]0+$")
_EXCEL_HINT = ("Excel tampaknya mengubah NIP menjadi angka sehingga digit terakhir hilang. "
               "Ubah format kolom NIP menjadi Teks, lalu ketik ulang NIP-nya.")


def _clean_nip(raw: str | None) -> str:
    """Remove prefix, apostrophe and separators; keep any other character."""
    text = _tidy(raw)
    if text in ("", "-"):
        return ""
    text = _NIP_PREFIX.sub("", text).strip().lstrip("'").strip()
    m = _FLOAT_TAIL.match(text)
    if m:
        text = m.group(1)
    return re.sub(r"[\s.\-:'_/]", "", text)


def normalize_nip(raw: str | None) -> str:
    """Digits of a typed or pasted NIP ("NIP. 19780512 200312 1 004" -> 18 digits).

    The result may still be invalid; ``parse_nip`` says why.
    """
    return re.sub(r"\D", "", _clean_nip(raw))


@dataclass(frozen=True)
class NipInfo:
    """What an 18-digit NIP encodes."""
    nip: str
    birth_date: date
    appointment_year: int
    appointment_month: int
    gender: str  # "L" or "P"


def parse_nip(raw: str, today: date | None = None) -> NipInfo:
    """Check a NIP and decode it; raises ValidationError with the precise reason."""
    today = today or date.today()
    text = _tidy(raw)
    if _SCIENTIFIC.match(text.lstrip("'")):
        raise ValidationError(f"NIP '{text}' tertulis sebagai notasi ilmiah. {_EXCEL_HINT}")
    cleaned = _clean_nip(text)
    if not cleaned:
        raise ValidationError("NIP kosong.")
    if not cleaned.isdigit():
        raise ValidationError(f"NIP hanya boleh berisi angka, tetapi terisi '{text}'.")
    n = len(cleaned)
    if n != 18:
        msg = f"NIP harus 18 digit, yang terisi {n} digit."
        if n == 15 or (15 < n < 18 and cleaned.endswith("00")):  # Excel keeps 15 digits
            msg += " " + _EXCEL_HINT
        elif n == 16:
            msg += (" Apakah ini NIK? Untuk peserta yang bukan PNS, "
                    "kosongkan NIP atau isi '-'.")
        raise ValidationError(msg)
    y, mo, d = int(cleaned[0:4]), int(cleaned[4:6]), int(cleaned[6:8])
    try:
        birth = date(y, mo, d)
    except ValueError:
        raise ValidationError(
            f"Tanggal lahir pada NIP (8 digit pertama: {cleaned[:8]}) bukan tanggal yang ada. "
            "Periksa kembali NIP.") from None
    if y < 1940:
        raise ValidationError(f"Tahun lahir pada NIP ({y}) terlalu lama; periksa kembali NIP.")
    age = today.year - y - ((today.month, today.day) < (mo, d))
    if age < 17:
        raise ValidationError(
            f"Tanggal lahir pada NIP ({cleaned[:8]}) berarti umur {max(age, 0)} tahun; "
            "PNS minimal berumur 17 tahun. Periksa kembali NIP.")
    ay, am = int(cleaned[8:12]), int(cleaned[12:14])
    if not 1 <= am <= 12:
        raise ValidationError(
            f"Bulan pengangkatan pada NIP (digit 13-14: {cleaned[12:14]}) harus 01 sampai 12.")
    if ay < y + 17:
        raise ValidationError(
            f"Tahun pengangkatan pada NIP ({ay}) terlalu dekat dengan tahun lahir ({y}); "
            "pengangkatan paling cepat pada umur 17 tahun.")
    if (ay, am) > (today.year, today.month):
        raise ValidationError(
            f"Tanggal pengangkatan pada NIP ({cleaned[12:14]}/{ay}) masih di masa depan.")
    g = cleaned[14]
    if g not in "12":
        raise ValidationError(
            f"Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan {g}.")
    if cleaned[15:] == "000":
        raise ValidationError(
            "Nomor urut pada NIP (tiga digit terakhir) tidak boleh 000. "
            "Bila NIP disalin dari Excel, tiga digit terakhir mungkin hilang: "
            "ubah format kolom menjadi Teks lalu ketik ulang.")
    return NipInfo(cleaned, birth, ay, am, "L" if g == "1" else "P")


def format_nip(nip: str) -> str:
    """'197805122003121004' -> '19780512 200312 1 004'; other input unchanged."""
    if isinstance(nip, str) and len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


# ---------------------------------------------------------------- names

# Titles written before the name; matched case-insensitively, kept as typed.
_PREFIX_RE = re.compile(
    r"(?:(?:Prof|Drs|Dra|drg|drh|Dr|Ir|Hajjah|Haji|Hj|K\.\s?H|KH|H|Ns|apt|Hc|Tgk|"
    r"Ustadzah|Ustadz|Ustazah|Ustaz|Ust|Rr)(?:\.|(?=\s))|R\.|\(\s*H\.?\s?C\.?\s*\))\s*",
    re.IGNORECASE)

# Degree tokens (upper-case, letters only) recognised even without a comma.
_KNOWN_DEGREES = frozenset("""
SE SH ST SP SPD SPDI SSOS SSI SKOM SKM SKEP SKED SIP SAP SSTP STP SAG SHI SFARM SPSI SAK
SPI SIKOM SHUT SDS STR STRT STRKES SPT SGZ SKG SIA SKEB SSN SHUM SSY SPSIKOLOG SKH SPWK
AMD AMDKOM AMDKEB AMDKEP AMDAK AMDFARM AMK AMKEB
MM MSI MT MH MKOM MPD MPDI MAP MENG MSC MBA MKES MAG MPH MP MAK MIP MHUM MKN MPSI MIKOM MTI
MSOS MPA MARS MFARM MDS MKM MEI MSE MKEP MAB MSEI MPWK MSTAT MTP MBIOTECH
PHD DRPH SPPD SPA SPOG SPB SPM SPJP SPKK SPTHT SPRAD SPAN SPS SPKJ SPN SPP SPU SPOT SPBS
SPMK SPPK SPKFR MMR
AK CA CPA APT NS MA BA BSC LLM LC
""".split())
# Too ambiguous to strip from the end of a name unless written with dots.
_AMBIGUOUS_DEGREES = frozenset({"MA", "BA", "ME", "AK", "CA", "NS", "APT", "SP"})
_DEGREE_SHAPE = re.compile(r"^[A-Za-z][A-Za-z.\-()/ ]{0,24}$")
_PARTICLES = frozenset({"bin", "binti", "bt", "br", "br.", "van", "der", "de", "von", "al"})


def _degree_key(token: str) -> str:
    return re.sub(r"[^A-Za-z]", "", token).upper()


def _is_trailing_degree(token: str) -> bool:
    """A token at the end of a name without comma that is surely a degree."""
    key = _degree_key(token)
    if key not in _KNOWN_DEGREES:
        return False
    return "." in token or key not in _AMBIGUOUS_DEGREES


def _looks_like_degree(part: str, caps_name: bool) -> bool:
    """A comma-separated part after the name that looks like a degree.

    Unknown undotted capitals ("MMSI") count only when the name itself is not
    in capitals, so "SANTOSO, BUDI" stays a name.
    """
    part = part.strip()
    if not part or not _DEGREE_SHAPE.match(part):
        return False
    key = _degree_key(part)
    if key in _KNOWN_DEGREES or "." in part:
        return len(key) <= 14
    return part.isupper() and len(key) <= 6 and not caps_name


def _split_degree_part(part: str) -> list[str]:
    """'S.T. M.T.' -> ['S.T.', 'M.T.'] when each piece is a known degree."""
    pieces = part.split()
    if len(pieces) > 1 and all(_degree_key(p) in _KNOWN_DEGREES for p in pieces):
        return pieces
    return [part]


def _cap_word(word: str, first: bool) -> str:
    if not first and word.casefold() in _PARTICLES:
        return word.lower()
    out = []
    for i, chunk in enumerate(word.split("-")):
        low = chunk.lower()
        out.append(low[:1].upper() + low[1:] if low else low)
    return "-".join(out)


def _title_case(name: str) -> str:
    return " ".join(_cap_word(w, i == 0) for i, w in enumerate(name.split()))


@dataclass(frozen=True)
class PersonName:
    """A name split from its titles: 'Dr. H.' + 'Ahmad Fauzi' + 'S.T., M.Si.'."""
    prefix: str
    name: str
    suffix: str

    @property
    def full(self) -> str:
        text = " ".join(p for p in (self.prefix, self.name) if p)
        return f"{text}, {self.suffix}" if self.suffix else text

    @property
    def sort_key(self) -> str:
        return _fold(self.name)


def split_name(raw: str | None) -> PersonName:
    """Separate titles before and degrees after a name, tidy spacing and ALL CAPS."""
    text = _tidy(raw)
    if not text:
        return PersonName("", "", "")
    head, _, tail = text.partition(",")
    degrees: list[str] = []
    if tail:
        parts = [p.strip() for p in tail.split(",") if p.strip()]
        caps = head.upper() == head
        if parts and all(_looks_like_degree(p, caps) for p in parts):
            for p in parts:
                degrees.extend(_split_degree_part(_tidy(p)))
        elif parts:
            head, degrees = text, []
    head = head.strip()
    prefixes: list[str] = []
    pos = 0
    while True:
        m = _PREFIX_RE.match(head, pos)
        if not m or not head[m.end():].strip():
            break
        prefixes.append(_tidy(m.group(0)))
        pos = m.end()
    words = head[pos:].split()
    trailing: list[str] = []
    while len(words) > 1 and _is_trailing_degree(words[-1]):
        trailing.insert(0, words.pop())
    name = " ".join(words).strip(" ,")
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 1 and (name == name.upper() or name == name.lower()):
        name = _title_case(name)
    return PersonName(" ".join(prefixes), name, ", ".join(trailing + degrees))


def _fold(text: str) -> str:
    """Casefold, drop accents and punctuation, collapse spaces; digits kept."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['`’‘]", "", text)
    text = re.sub(r"[^\w]+|_", " ", text)
    text = " ".join(text.split())
    return re.sub(r"(?<=\d) (?=\d)", "", text)


def search_key(text: str | None) -> str:
    """Key for search-as-you-type ignoring case, accents, titles and punctuation.

    "dr. Ahmad", "AHMAD, S.T." and "ahmad" all give "ahmad"; digit groups
    are joined so a NIP matches however it was spaced.
    """
    return _fold(split_name(text).name)


# ---------------------------------------------------------------- phone

_TWO_DIGIT_AREAS = ("21", "22", "24", "31", "61")


def normalize_phone(raw: str | None) -> str:
    """Indonesian numbers -> '+62...'; '+<other country>' kept; '' when empty.

    Mobile numbers have 10-13 digits written with the leading 0
    ("0812-3456-7890"), landlines 7-11 digits after the leading 0
    ("(0752) 21234").
    """
    if _is_empty(raw):
        return ""
    text = _tidy(raw).lstrip("'").strip()
    if _SCIENTIFIC.match(text):
        raise ValidationError(
            f"Nomor telepon '{text}' tertulis sebagai notasi ilmiah; Excel mengubahnya menjadi "
            "angka. Ubah format kolom menjadi Teks lalu ketik ulang.")
    m = _FLOAT_TAIL.match(text)
    if m:
        text = m.group(1)
    if re.search(r"[A-Za-z]", text):
        raise ValidationError(f"Nomor telepon tidak boleh berisi huruf: '{text}'.")
    plus = text.startswith("+")
    digits = re.sub(r"[\s\-.()/]", "", text.lstrip("+"))
    if not digits.isdigit():
        raise ValidationError(f"Nomor telepon hanya boleh berisi angka: '{text}'.")
    if digits.startswith("00") and not plus:
        digits, plus = digits[2:], True
    if plus or digits.startswith("62"):
        if not digits.startswith("62"):
            if not plus or not 8 <= len(digits) <= 15:
                raise ValidationError(
                    f"Nomor telepon luar negeri '{text}' harus diawali '+' dan berisi 8-15 digit.")
            return "+" + digits
        national = digits[2:]
        if national.startswith("0"):
            national = national[1:]
    elif digits.startswith("0"):
        national = digits[1:]
    elif digits.startswith("8"):
        national = digits
    else:
        raise ValidationError(
            f"Nomor telepon '{text}' harus diawali 0, 62, atau +62 (contoh 0812-3456-7890).")
    if not national:
        raise ValidationError(f"Nomor telepon '{text}' terlalu pendek.")
    if national.startswith("8"):
        lo, hi, kind = 9, 12, "HP"
    else:
        lo, hi, kind = 7, 11, "telepon kantor/rumah (dengan kode area)"
    if len(national) < lo:
        raise ValidationError(f"Nomor {kind} '{text}' terlalu pendek.")
    if len(national) > hi:
        raise ValidationError(f"Nomor {kind} '{text}' terlalu panjang.")
    return "+62" + national


def _group_rest(rest: str) -> str:
    if len(rest) <= 4:
        return rest
    if len(rest) == 6:
        return f"{rest[:3]}-{rest[3:]}"
    groups = [rest[:4]]
    rest = rest[4:]
    while len(rest) > 5:
        groups.append(rest[:4])
        rest = rest[4:]
    return "-".join(groups + [rest])


def format_phone(e164: str) -> str:
    """'+6281234567890' -> '+62 812-3456-7890'; '+62752 21234' -> '+62 752 21234'."""
    text = (e164 or "").strip()
    if not text.startswith("+"):
        try:
            text = normalize_phone(text)
        except ValidationError:
            return e164
    if not text.startswith("+62") or not text[1:].isdigit():
        return text
    national = text[3:]
    if national.startswith("8"):
        return f"+62 {national[:3]}-{_group_rest(national[3:])}"
    area = 2 if national[:2] in _TWO_DIGIT_AREAS else 3
    return f"+62 {national[:area]} {national[area:]}"


# ---------------------------------------------------------------- email

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
                    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")


def normalize_email(raw: str | None) -> str:
    """Strip and lower-case the domain; '' when empty; ValidationError if implausible."""
    if _is_empty(raw):
        return ""
    text = _tidy(raw)
    if text.lower().startswith("mailto:"):
        text = text[7:].strip()
    text = text.strip("<>").strip()
    local, _, domain = text.rpartition("@")
    candidate = f"{local}@{domain.lower()}"
    if (not local or " " in text or not _EMAIL.match(candidate) or ".." in candidate
            or local.startswith(".") or local.endswith(".")):
        raise ValidationError(f"Alamat email '{text}' tidak valid (contoh: nama@contoh.go.id).")
    return candidate


# ---------------------------------------------------------------- gender

GENDERS = {"L": "Laki-laki", "P": "Perempuan"}
GENDER_LABELS_EN = {"L": "Male", "P": "Female"}
_GENDER_WORDS = {
    "l": "L", "lk": "L", "laki": "L", "laki-laki": "L", "laki laki": "L", "lakilaki": "L",
    "lelaki": "L", "pria": "L", "male": "L", "m": "L", "man": "L",
    "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "female": "P", "f": "P",
    "woman": "P",
}


def normalize_gender(raw: str | None) -> str:
    """'L' / 'P' from many spellings; '' when empty; ValidationError otherwise."""
    if _is_empty(raw):
        return ""
    key = _tidy(raw).casefold().rstrip(".")
    if key in _GENDER_WORDS:
        return _GENDER_WORDS[key]
    raise ValidationError(
        f"Jenis kelamin '{_tidy(raw)}' tidak dikenal; isi L (laki-laki) atau P (perempuan).")


# ---------------------------------------------------------------- categories

CATEGORIES = {
    "official": "Pejabat daerah",
    "opd_staff": "Staf OPD",
    "dewan": "Dewan Smart City",
    "tim_pelaksana": "Tim Pelaksana",
    "mentor": "Mentor / tenaga ahli",
    "speaker": "Narasumber",
    "other": "Lainnya",
}
CATEGORY_LABELS_EN = {
    "official": "Regional official",
    "opd_staff": "OPD staff",
    "dewan": "Smart City Council",
    "tim_pelaksana": "Working team",
    "mentor": "Mentor / expert",
    "speaker": "Speaker",
    "other": "Other",
}


def normalize_category(raw: str | None, default: str = "other") -> str:
    """A category code from its code or its Indonesian/English label."""
    if _is_empty(raw):
        return default
    key = _tidy(raw).casefold()
    for code in CATEGORIES:
        if key in (code, CATEGORIES[code].casefold(), CATEGORY_LABELS_EN[code].casefold()):
            return code
    raise ValidationError(f"Kategori peserta '{_tidy(raw)}' tidak dikenal.")


# ---------------------------------------------------------------- golongan

GOLONGAN_ORDER = tuple(f"{g}/{r}" for g, rs in (("I", "abcd"), ("II", "abcd"),
                                                 ("III", "abcd"), ("IV", "abcde"))
                       for r in rs)
PANGKAT = dict(zip(GOLONGAN_ORDER, (
    "Juru Muda", "Juru Muda Tk. I", "Juru", "Juru Tk. I",
    "Pengatur Muda", "Pengatur Muda Tk. I", "Pengatur", "Pengatur Tk. I",
    "Penata Muda", "Penata Muda Tk. I", "Penata", "Penata Tk. I",
    "Pembina", "Pembina Tk. I", "Pembina Utama Muda", "Pembina Utama Madya", "Pembina Utama",
)))
_GOL_RE = re.compile(r"^(IV|III|II|I|[1-4])\s*[/\-.\\]?\s*([A-Ea-e])$", re.IGNORECASE)
_ARABIC = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def normalize_golongan(raw: str | None) -> str:
    """'IVa', 'iv/a', 'IV-a', '4a', 'Pembina (IV/a)' -> 'IV/a'; unknown input tidied."""
    text = _tidy(raw)
    if text in ("", "-"):
        return ""
    inner = re.search(r"\(([^)]*)\)\s*$", text)
    candidates = [text] + ([inner.group(1)] if inner else [])
    for cand in candidates:
        cand = re.sub(r"^(gol(ongan)?\.?|ruang)\s*", "", cand.strip(), flags=re.IGNORECASE)
        m = _GOL_RE.match(cand.strip())
        if m:
            gol = f"{_ARABIC.get(m.group(1), m.group(1).upper())}/{m.group(2).lower()}"
            if gol in PANGKAT:
                return gol
    return text


def pangkat_golongan_text(gol: str | None) -> str:
    """'IV/b' -> 'Pembina Tk. I (IV/b)'; unknown input returned tidied."""
    canon = normalize_golongan(gol)
    return f"{PANGKAT[canon]} ({canon})" if canon in PANGKAT else canon


# ---------------------------------------------------------------- person

@dataclass
class PersonInput:
    """A person as typed in a form or read from an import row."""
    prefix: str = ""
    name: str = ""
    suffix: str = ""
    nip: str = ""
    golongan: str = ""
    jabatan: str = ""
    opd_id: str | None = None
    phone: str = ""
    email: str = ""
    gender: str = ""
    category: str = ""


def _field_error(field: str, exc: ValidationError) -> ValidationError:
    msg = str(exc)
    return ValidationError(msg if msg.lower().startswith(field.lower()) else f"{field}: {msg}")


def validate_person(data: PersonInput, today: date | None = None
                    ) -> tuple[PersonInput, list[str]]:
    """Normalised copy of ``data`` and non-blocking warnings; ValidationError for hard errors."""
    warnings: list[str] = []
    from .text import clean_text

    for label, value, limit in (("Nama", data.name, 200), ("Gelar depan", data.prefix, 60),
                                ("Gelar belakang", data.suffix, 120), ("Jabatan", data.jabatan, 200)):
        clean_text(value, limit, label)
    split = split_name(data.name)
    if not split.name:
        raise ValidationError("Nama wajib diisi.")
    prefix = " ".join(p for p in (_tidy(data.prefix), split.prefix) if p)
    suffix = ", ".join(p for p in (split.suffix, _tidy(data.suffix).strip(", ")) if p)

    nip = ""
    info: NipInfo | None = None
    if not _is_empty(data.nip):
        try:
            info = parse_nip(data.nip, today)
        except ValidationError as exc:
            raise _field_error("NIP", exc) from None
        nip = info.nip

    golongan = normalize_golongan(data.golongan)
    if golongan and golongan not in PANGKAT:
        warnings.append(f"Golongan '{golongan}' tidak dikenal (contoh penulisan: III/a, IV/b).")

    try:
        phone = normalize_phone(data.phone)
    except ValidationError as exc:
        raise _field_error("Nomor telepon", exc) from None
    try:
        email = normalize_email(data.email)
    except ValidationError as exc:
        raise _field_error("Email", exc) from None

    try:
        gender = normalize_gender(data.gender)
    except ValidationError as exc:
        warnings.append(str(exc))
        gender = ""
    if info is not None:
        if not gender:
            gender = info.gender
        elif gender != info.gender:
            warnings.append(
                f"Jenis kelamin ({GENDERS[gender]}) berbeda dengan digit ke-15 NIP "
                f"({GENDERS[info.gender]}). Periksa kembali NIP atau jenis kelamin.")

    opd_id = _tidy(data.opd_id) or None
    try:
        category = normalize_category(data.category,
                                      default="opd_staff" if opd_id else "other")
    except ValidationError as exc:
        raise _field_error("Kategori", exc) from None
    if category == "opd_staff" and not opd_id:
        warnings.append("Peserta kategori Staf OPD belum dipilih OPD-nya.")

    clean = replace(data, prefix=prefix, name=split.name, suffix=suffix, nip=nip,
                    golongan=golongan, jabatan=_tidy(data.jabatan), opd_id=opd_id,
                    phone=phone, email=email, gender=gender, category=category)
    return clean, warnings
