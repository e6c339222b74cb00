"""The worksheets of the bimtek: every kind of record the groups produce, as data.

Each kind lists its fields once; the service stores one row per record with its
values as JSON, the wizard pages build their tables and forms from these specs,
and validation happens here, one field at a time, so every keystroke can be
autosaved. A missing required value is a warning shown in the wizard, never an
error: a draft half-typed at the end of a session must still be kept.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from .errors import ValidationError
from .text import clean_text

LONG_TEXT_LIMIT = 4000


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str = "text"  # text longtext int year date time choice ref element opd people bool day
    required: bool = False
    limit: int = 200
    choices: tuple[tuple[str, str], ...] = ()
    target: str = ""  # the kind a "ref" points to
    suggest: str = ""  # "people": offer names from the directory while typing
    minimum: int = 0
    maximum: int = 0
    default: object = None
    hint: str = ""


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # one record, e.g. "Butir agenda"
    scope: str  # "bimtek" (belongs to one bimtek) or "region" (the masterplan, any stage edits it)
    fields: tuple[Field, ...]
    title_field: str = ""  # the field that names a record in lists and references
    singleton: bool = False

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise ValidationError(f"Isian '{key}' tidak dikenal pada {self.label}.")


YEAR_MIN, YEAR_MAX = 2000, 2100
HORIZONS = (("1", "Pendek (1 tahun)"), ("5", "Menengah (5 tahun)"), ("10", "Panjang (10 tahun)"))
PROGRAMME_SOURCES = (("rpjmd", "RPJMD"), ("renstra", "Renstra OPD"), ("baru", "Ide baru"))
PROGRAMME_STATUSES = (("usulan", "Usulan"), ("terpilih", "Terpilih"), ("quick_win", "Quick win"),
                      ("ditolak", "Ditolak"))
PRIORITIES = (("tinggi", "Tinggi"), ("sedang", "Sedang"), ("rendah", "Rendah"))
MENTOR_ROLES = (("mentor", "Mentor kementerian"), ("tenaga_ahli", "Tenaga ahli"),
                ("narasumber", "Narasumber"))
SIGNATORY_ROLES = (("pimpinan", "Pimpinan rapat"), ("narasumber", "Narasumber / mentor"),
                   ("notulis", "Notulis"), ("saksi", "Saksi"), ("mengetahui", "Mengetahui"))
FOLLOWUP_STATUSES = (("terbuka", "Belum selesai"), ("selesai", "Selesai"))
VISION_STATUSES = (("draf", "Draf"), ("disepakati", "Disepakati"))
FUNDING_SOURCES = (("apbd", "APBD"), ("apbn_dak", "APBN/DAK"), ("apbdes", "APBDes"), ("csr", "CSR"),
                   ("kpbu", "KPBU/swasta"), ("masyarakat", "Swadaya masyarakat"))
INNOVATION_TYPES = (("ti", "Berbasis TI"), ("kebijakan", "Kebijakan / regulasi"), ("layanan", "Layanan / proses"),
                    ("lainnya", "Lainnya"))
CRITERION_SOURCES = (("manual", "Skor dari fasilitator"), ("dots", "Dari hasil voting titik"))
REVIEW_STATUSES = (("belum", "Belum direviu"), ("revisi", "Perlu revisi"), ("disetujui", "Disetujui"))
PENTAHELIX = (("pemerintah", "Pemerintah"), ("akademisi", "Akademisi"), ("bisnis", "Dunia usaha"),
              ("komunitas", "Komunitas"), ("media", "Media"))
ROADMAP_YEARS = (("5", "5 tahun"), ("10", "10 tahun"))
MONEY_MAX = 10 ** 13  # Rp 10 trillion: more than any regional budget line

# Readiness model (DOMAIN.md §3): three elements of three sub-elements; nature
# and culture can be switched on per region. Keys are stable, labels translate.
READINESS_ELEMENTS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("struktur", "Struktur", (("sdm", "Sumber daya manusia"), ("anggaran", "Anggaran"),
                              ("tata_kelola", "Tata kelola dan tata pamong"))),
    ("infrastruktur", "Infrastruktur", (("fisik", "Infrastruktur fisik"), ("digital", "Infrastruktur digital/TIK"),
                                        ("sosial", "Infrastruktur sosial"))),
    ("suprastruktur", "Suprastruktur", (("regulasi", "Regulasi (Perda/Perkada)"), ("kelembagaan", "Kelembagaan"),
                                        ("tata_laksana", "Tata laksana"))),
    ("alam", "Alam", (("sumber_daya_alam", "Sumber daya alam"), ("lingkungan", "Lingkungan hidup"),
                      ("kebencanaan", "Kerawanan bencana"))),
    ("budaya", "Budaya", (("adat", "Adat dan tradisi"), ("kearifan_lokal", "Kearifan lokal"),
                          ("cagar_budaya", "Seni dan cagar budaya"))),
)
OPTIONAL_ELEMENTS = ("alam", "budaya")
READINESS_TEXT_FIELDS = ("kondisi", "kekuatan", "kelemahan", "peluang", "ancaman", "gap")
DEFAULT_SCORE_LABELS = "sangat rendah; rendah; sedang; tinggi; sangat tinggi"


def readiness_choices(include: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """('struktur.sdm', 'Struktur › Sumber daya manusia'), ... for the elements in use."""
    out = []
    for key, label, subs in READINESS_ELEMENTS:
        if key in OPTIONAL_ELEMENTS and key not in include:
            continue
        out.extend((f"{key}.{sub}", f"{label} › {sub_label}") for sub, sub_label in subs)
    return tuple(out)


ALL_READINESS = readiness_choices(OPTIONAL_ELEMENTS)

_LONG = dict(type="longtext", limit=LONG_TEXT_LIMIT)

KINDS: dict[str, Kind] = {k.key: k for k in (
    # --- every stage: preparation and closing (belong to one bimtek) ---
    Kind("agenda", "Butir agenda", "bimtek", (
        Field("day", "Hari", "day", required=True),
        Field("start", "Mulai", "time", required=True),
        Field("end", "Selesai", "time"),
        Field("title", "Acara", required=True, limit=200),
        Field("speaker", "Narasumber / pemandu", limit=200, suggest="people"),
        Field("note", "Catatan", limit=300),
    ), title_field="title"),
    Kind("mentor", "Mentor", "bimtek", (
        Field("name", "Nama", required=True, limit=200),
        Field("role", "Peran", "choice", choices=MENTOR_ROLES, default="mentor"),
        Field("institution", "Instansi", limit=200),
        Field("topic", "Bidang / materi", limit=200),
    ), title_field="name"),
    Kind("fgd_group", "Kelompok FGD", "bimtek", (
        Field("name", "Nama kelompok", required=True, limit=120),
        Field("focus", "Fokus bahasan", limit=200, hint="mis. Struktur, atau Smart Governance"),
        Field("lead", "Pemandu kelompok", limit=200, suggest="people"),
        Field("members", "Anggota", "people"),
    ), title_field="name"),
    Kind("notulen", "Notulen", "bimtek", (
        Field("chair", "Pimpinan rapat", required=True, limit=200, suggest="people"),
        Field("minute_taker", "Notulis", required=True, limit=200, suggest="people"),
        Field("start", "Jam mulai", "time"),
        Field("end", "Jam selesai", "time"),
        Field("contributions", "Pokok bahasan dan masukan peserta", **_LONG),
        Field("qa", "Tanya jawab", **_LONG),
        Field("conclusions", "Kesimpulan", required=True, **_LONG),
        Field("next_meeting", "Pertemuan berikutnya", limit=200),
    ), singleton=True),
    Kind("followup", "Tindak lanjut", "bimtek", (
        Field("action", "Tindak lanjut", required=True, limit=300),
        Field("owner", "Penanggung jawab", required=True, limit=200, suggest="people"),
        Field("due", "Tenggat", "date"),
        Field("status", "Status", "choice", choices=FOLLOWUP_STATUSES, default="terbuka"),
    ), title_field="action"),
    Kind("berita_acara", "Berita acara", "bimtek", (
        Field("number", "Nomor", required=True, limit=100, hint="mis. 005/123/Diskominfo/2022"),
        Field("proceedings", "Jalannya acara", **_LONG),
        Field("decisions", "Keputusan / kesepakatan", required=True, **_LONG),
    ), singleton=True),
    Kind("ba_signatory", "Penanda tangan berita acara", "bimtek", (
        Field("name", "Nama", required=True, limit=200, suggest="people"),
        Field("jabatan", "Jabatan", limit=200),
        Field("role", "Sebagai", "choice", choices=SIGNATORY_ROLES, default="pimpinan"),
    ), title_field="name"),
    # --- Tahap I: strategic analysis (belong to the masterplan) ---
    Kind("readiness_config", "Pengaturan analisis kesiapan", "region", (
        Field("include_alam", "Tambahkan elemen Alam", "bool", default=False),
        Field("include_budaya", "Tambahkan elemen Budaya", "bool", default=False),
        Field("use_score", "Pakai skor (tidak resmi)", "bool", default=True),
        Field("score_min", "Skor terendah", "int", minimum=0, maximum=10, default=1),
        Field("score_max", "Skor tertinggi", "int", minimum=1, maximum=10, default=5),
        Field("score_labels", "Keterangan skor (pisahkan dengan ;)", limit=300, default=DEFAULT_SCORE_LABELS),
    ), singleton=True),
    Kind("readiness", "Analisis kesiapan", "region", (
        Field("element", "Elemen", "choice", required=True, choices=ALL_READINESS),
        Field("group", "Kelompok", "ref", target="fgd_group", hint="kosong = hasil gabungan"),
        Field("kondisi", "Kondisi saat ini", **_LONG),
        Field("kekuatan", "Kekuatan", **_LONG),
        Field("kelemahan", "Kelemahan", **_LONG),
        Field("peluang", "Peluang", **_LONG),
        Field("ancaman", "Ancaman", **_LONG),
        Field("gap", "Kesenjangan (gap)", **_LONG),
        Field("keywords", "Kata kunci visi", limit=300, hint="pisahkan dengan koma"),
        Field("score", "Skor", "int", minimum=0, maximum=10),
    )),
    Kind("strategic_issue", "Isu strategis", "region", (
        Field("title", "Isu strategis", required=True, limit=300),
        Field("element", "Elemen kesiapan", "choice", choices=ALL_READINESS),
        Field("dimension", "Dimensi", "element"),
        Field("priority", "Prioritas", "choice", choices=PRIORITIES, default="sedang"),
        Field("description", "Uraian", **_LONG),
    ), title_field="title"),
    Kind("visi", "Visi", "region", (
        Field("text", "Rumusan visi", "longtext", required=True, limit=1000),
        Field("status", "Status", "choice", choices=VISION_STATUSES, default="draf"),
        Field("explanation", "Penjelasan visi", **_LONG),
    ), singleton=True),
    Kind("misi", "Misi", "region", (
        Field("text", "Rumusan misi", required=True, limit=500),
    ), title_field="text"),
    Kind("tujuan", "Tujuan", "region", (
        Field("misi", "Misi", "ref", required=True, target="misi"),
        Field("text", "Tujuan", required=True, limit=500),
    ), title_field="text"),
    Kind("sasaran", "Sasaran", "region", (
        Field("tujuan", "Tujuan", "ref", required=True, target="tujuan"),
        Field("text", "Sasaran", required=True, limit=500),
    ), title_field="text"),
    Kind("indikator", "Indikator", "region", (
        Field("sasaran", "Sasaran", "ref", required=True, target="sasaran"),
        Field("name", "Indikator", required=True, limit=300),
        Field("unit", "Satuan", limit=60),
        Field("baseline", "Kondisi awal (baseline)", limit=60),
        Field("target", "Target", required=True, limit=60),
        Field("year", "Tahun target", "year", minimum=YEAR_MIN, maximum=YEAR_MAX),
    ), title_field="name"),
    # --- Tahap II: programme mapping ---
    Kind("program", "Program", "region", (
        Field("source", "Sumber", "choice", required=True, choices=PROGRAMME_SOURCES, default="rpjmd"),
        Field("ref_code", "Kode rujukan", limit=60, hint="kode program di RPJMD/Renstra"),
        Field("name", "Nama program", required=True, limit=300),
        Field("misi", "Misi", "ref", required=True, target="misi"),
        Field("element", "Dimensi › elemen", "element", required=True),
        Field("opd", "OPD pengampu", "opd", required=True),
        Field("year_start", "Tahun mulai", "year", minimum=YEAR_MIN, maximum=YEAR_MAX),
        Field("year_end", "Tahun selesai", "year", minimum=YEAR_MIN, maximum=YEAR_MAX),
        Field("horizon", "Horizon", "choice", choices=HORIZONS),
        Field("status", "Status", "choice", choices=PROGRAMME_STATUSES, default="usulan"),
        Field("description", "Uraian", **_LONG),
    ), title_field="name"),
    Kind("action", "Rencana aksi", "region", (
        Field("program", "Program", "ref", required=True, target="program"),
        Field("activity", "Kegiatan", required=True, limit=300),
        Field("opd", "OPD pelaksana", "opd"),
        Field("output", "Keluaran", limit=300),
        Field("year", "Tahun", "year", minimum=YEAR_MIN, maximum=YEAR_MAX),
        Field("indicator", "Indikator keberhasilan", limit=300),
    ), title_field="activity"),
    # --- Tahap III: strategy, innovation, roadmap, quick-win candidates ---
    Kind("strategy", "Strategi", "region", (
        Field("dimension", "Dimensi", "dimension", required=True),
        Field("element", "Elemen", "element"),
        Field("misi", "Misi", "ref", target="misi"),
        Field("text", "Strategi", "longtext", required=True, limit=2000),
    ), title_field="text"),
    Kind("innovation", "Inovasi", "region", (
        Field("program", "Program", "ref", required=True, target="program"),
        Field("name", "Nama inovasi", required=True, limit=200),
        Field("type", "Jenis", "choice", required=True, choices=INNOVATION_TYPES, default="ti"),
        Field("opd", "OPD pengampu", "opd"),
        Field("description", "Uraian", **_LONG),
    ), title_field="name"),
    Kind("roadmap_config", "Pengaturan peta jalan", "region", (
        Field("start_year", "Tahun pertama", "year", minimum=YEAR_MIN, maximum=YEAR_MAX),
        Field("years", "Rentang", "choice", choices=ROADMAP_YEARS, default="5"),
    ), singleton=True),
    Kind("roadmap", "Tahap peta jalan", "region", (
        Field("program", "Program", "ref", required=True, target="program"),
        Field("year", "Tahun ke-", "int", required=True, minimum=1, maximum=10),
        Field("milestone", "Capaian (milestone)", required=True, limit=300),
        Field("budget", "Perkiraan anggaran (Rp)", "money"),
        Field("source", "Sumber dana", "choice", choices=FUNDING_SOURCES),
    ), title_field="milestone"),
    Kind("qw_config", "Pengaturan penilaian quick win", "region", (
        Field("score_min", "Skor terendah", "int", minimum=0, maximum=10, default=1),
        Field("score_max", "Skor tertinggi", "int", minimum=1, maximum=10, default=5),
        Field("shortlist_size", "Jumlah daftar pendek", "int", minimum=1, maximum=30, default=10),
    ), singleton=True),
    Kind("qw_criterion", "Kriteria quick win", "region", (
        Field("name", "Kriteria", required=True, limit=200),
        Field("weight", "Bobot", "int", required=True, minimum=0, maximum=100, default=10),
        Field("source", "Sumber skor", "choice", choices=CRITERION_SOURCES, default="manual"),
        Field("description", "Penjelasan", limit=300),
    ), title_field="name"),
    Kind("quick_win", "Quick win", "region", (
        Field("name", "Nama quick win", required=True, limit=200, hint="nama singkat yang mudah diingat"),
        Field("program", "Program", "ref", target="program"),
        Field("status", "Status", "choice", required=True, choices=PROGRAMME_STATUSES, default="usulan"),
        Field("scores", "Skor per kriteria", "scores"),
        Field("element", "Dimensi › elemen", "element"),
        Field("opd", "OPD pemilik", "opd"),
        Field("problem", "Masalah", **_LONG),
        Field("solution", "Solusi", **_LONG),
        Field("benefits", "Tujuan dan manfaat", **_LONG),
        Field("beneficiaries", "Penerima manfaat", limit=300),
        Field("collaborators", "Kolaborator (pentahelix)", "multi", choices=PENTAHELIX),
        Field("start", "Mulai", "date"),
        Field("months", "Lama pelaksanaan (bulan)", "int", minimum=1, maximum=24),
        Field("budget", "Anggaran (Rp)", "money"),
        Field("source", "Sumber dana", "choice", choices=FUNDING_SOURCES),
        Field("indicator", "Indikator keberhasilan", limit=300),
    ), title_field="name"),
    Kind("dot_vote", "Voting titik", "bimtek", (
        Field("candidate", "Kandidat", "ref", required=True, target="quick_win"),
        Field("group", "Kelompok", "ref", required=True, target="fgd_group"),
        Field("dots", "Jumlah titik", "int", required=True, minimum=0, maximum=99),
    )),
    # --- Tahap IV: book review and the commitment text ---
    Kind("commitment_agreement", "Kesepakatan teks komitmen", "region", (
        Field("agreed_version", "Versi teks yang disepakati", "int", minimum=0, maximum=100000),
        Field("note", "Catatan", limit=300),
    ), singleton=True),
    Kind("chapter_review", "Reviu bab", "region", (
        Field("chapter", "Bab", "choice", required=True, choices=()),  # choices: BOOK_CHAPTERS, below
        Field("status", "Status", "choice", required=True, choices=REVIEW_STATUSES, default="belum"),
        Field("reviewer", "Pereviu", limit=200, suggest="people"),
        Field("comments", "Catatan reviu", **_LONG),
    )),
)}

# The outline of the two books (DOMAIN.md §2); the review step and the book renderers use it.
BOOK_CHAPTERS: tuple[tuple[str, str], ...] = (
    ("b1.1", "Buku I · Bab 1 Pendahuluan"),
    ("b1.2", "Buku I · Bab 2 Gambaran umum wilayah"),
    ("b1.3", "Buku I · Bab 3 Analisis kesiapan daerah"),
    ("b1.4", "Buku I · Bab 4 Isu strategis"),
    ("b1.5", "Buku I · Bab 5 Visi dan misi smart city"),
    ("b1.6", "Buku I · Bab 6 Tujuan, sasaran dan indikator"),
    ("b2.1", "Buku II · Bab 1 Pendahuluan"),
    ("b2.2", "Buku II · Bab 2 Strategi pembangunan smart city"),
    ("b2.3", "Buku II · Bab 3 Program dan inovasi per dimensi"),
    ("b2.4", "Buku II · Bab 4 Rencana aksi"),
    ("b2.5", "Buku II · Bab 5 Peta jalan"),
    ("b2.6", "Buku II · Bab 6 Quick win"),
    ("b2.7", "Buku II · Bab 7 Penutup"),
)
_review = KINDS["chapter_review"]
KINDS["chapter_review"] = Kind(_review.key, _review.label, _review.scope, tuple(
    Field(f.key, f.label, f.type, f.required, f.limit, BOOK_CHAPTERS) if f.key == "chapter" else f
    for f in _review.fields), _review.title_field, _review.singleton)


def kind(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise ValidationError(f"Jenis lembar kerja '{key}' tidak dikenal.") from None


_TIME = re.compile(r"^\s*(\d{1,2})\s*[.:]\s*(\d{2})\s*$")
_HEX = re.compile(r"^[0-9a-f]{32}$")


def clean_long_text(value, limit: int, label: str) -> str:
    """Like clean_text but keeps line breaks (at most one blank line in a row)."""
    text = unicodedata.normalize("NFC", str(value or "")).replace("\r\n", "\n").replace("\r", "\n")
    lines = [clean_text(line.replace("\t", " "), limit, label) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    result = "\n".join(out)
    if len(result) > limit:
        raise ValidationError(f"{label} terlalu panjang (maksimal {limit} karakter, sekarang {len(result)}).")
    return result


def parse_time(value, label: str = "Jam") -> str:
    """'8.30', '08:30', ' 8 . 30 ' -> '08:30'; '' -> ''."""
    text = str(value or "").strip()
    if not text:
        return ""
    m = _TIME.match(text)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValidationError(f"{label} harus berbentuk jam.menit, mis. 08.30 (bukan '{text[:20]}').")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def parse_money(value, label: str = "Anggaran") -> int | None:
    """'Rp 1.500.000', '1500000', '1.500.000,00' -> 1500000 (whole rupiah); '' -> None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{label} harus berupa angka rupiah.")
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip().lower().replace(" ", "")
        text = re.sub(r"^rp\.?", "", text)
        text = re.sub(r",(00|-)$", "", text)
        if not re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", text):
            raise ValidationError(f"{label} harus berupa angka rupiah, mis. 1.500.000 (bukan '{str(value)[:20]}').")
        number = int(text.replace(".", ""))
    if not 0 <= number <= MONEY_MAX:
        raise ValidationError(f"{label} harus di antara 0 dan {MONEY_MAX:,}.".replace(",", "."))
    return number


def format_money(value) -> str:
    """1500000 -> 'Rp 1.500.000'."""
    return "" if value in (None, "") else "Rp " + f"{int(value):,}".replace(",", ".")


def _int(value, f: Field) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{f.label} harus berupa angka.")
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError(f"{f.label} harus berupa bilangan bulat (bukan '{str(value)[:20]}').") from None
    lo, hi = f.minimum, f.maximum
    if hi and not lo <= number <= hi:
        raise ValidationError(f"{f.label} harus di antara {lo} dan {hi}.")
    return number


def _id(value, f: Field) -> str:
    text = str(value or "").strip().lower().replace("-", "")
    if text and not _HEX.match(text):
        raise ValidationError(f"{f.label}: rujukan tidak sah.")
    return text


def clean_value(k: Kind, key: str, value):
    """One field's value as stored, or ValidationError with a message naming the field."""
    f = k.field(key)
    if f.type == "text":
        return clean_text(value, f.limit, f.label)
    if f.type == "longtext":
        return clean_long_text(value, f.limit, f.label)
    if f.type in ("int", "year"):
        return _int(value, f)
    if f.type == "bool":
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "ya", "yes")
        return bool(value)
    if f.type == "time":
        return parse_time(value, f.label)
    if f.type in ("date", "day"):
        if value in (None, ""):
            return ""
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return value.isoformat()
        try:
            return date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise ValidationError(f"{f.label} harus berupa tanggal (TTTT-BB-HH).") from None
    if f.type == "choice":
        text = str(value or "").strip()
        if text and text not in {c for c, _ in f.choices}:
            raise ValidationError(f"{f.label}: pilihan '{text[:40]}' tidak dikenal.")
        return text
    if f.type in ("ref", "element", "opd", "dimension"):
        return _id(value, f)
    if f.type == "money":
        return parse_money(value, f.label)
    if f.type == "multi":
        keys = [str(v).strip() for v in (value or ())]
        known = {c for c, _ in f.choices}
        bad = [k for k in keys if k not in known]
        if bad:
            raise ValidationError(f"{f.label}: pilihan '{bad[0][:40]}' tidak dikenal.")
        return [c for c, _ in f.choices if c in keys]  # the list's own order, no duplicates
    if f.type == "scores":
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ValidationError(f"{f.label} tidak sah.")
        out = {}
        for key, score in value.items():
            crit = _id(key, f)
            if not crit or isinstance(score, bool) or not isinstance(score, (int, type(None))) \
                    or (score is not None and not 0 <= score <= 10):
                raise ValidationError(f"{f.label}: skor harus bilangan 0-10.")
            if score is not None:
                out[crit] = score
        return out
    if f.type == "people":
        ids = [_id(v, f) for v in (value or ())]
        return list(dict.fromkeys(i for i in ids if i))
    raise ValidationError(f"Jenis isian '{f.type}' tidak dikenal.")


def clean_record(k: Kind, data: dict) -> dict:
    """Every known field cleaned; unknown keys refused (a bundle or a bug, never silently kept)."""
    unknown = set(data) - {f.key for f in k.fields}
    if unknown:
        raise ValidationError(f"Isian tidak dikenal pada {k.label}: {', '.join(sorted(unknown))}.")
    return {key: clean_value(k, key, value) for key, value in data.items()}


def defaults(k: Kind) -> dict:
    return {f.key: f.default for f in k.fields if f.default is not None}


def is_blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {} or value is False


def missing_fields(k: Kind, data: dict) -> list[str]:
    """Labels of required fields still empty (a warning, never a refusal)."""
    return [f.label for f in k.fields if f.required and is_blank(data.get(f.key))]


def record_warnings(k: Kind, data: dict) -> list[str]:
    """Plain-language warnings on one record: empty required fields, reversed times or years."""
    out = [f"{label} belum diisi" for label in missing_fields(k, data)]
    if k.key in ("agenda", "notulen") and data.get("start") and data.get("end") and data["end"] <= data["start"]:
        out.append("jam selesai tidak setelah jam mulai")
    if k.key == "program" and data.get("year_start") and data.get("year_end") \
            and data["year_end"] < data["year_start"]:
        out.append("tahun selesai sebelum tahun mulai")
    if k.key == "quick_win" and isinstance(data.get("months"), int) and data["months"] > 12:
        out.append("quick win harus selesai dalam 12 bulan")
    if k.key in ("roadmap", "quick_win") and data.get("budget") and not data.get("source"):
        out.append("sumber dana belum dipilih")
    return out
