"""The masterplan books as plain data: a `Book` is a list of chapters made of a few kinds of
blocks (text, lists, tables, label/value sheets, bar charts, a legend).

`services/documents/books.py` gathers a `Source` (names already resolved, no ids);
`books_content` writes the chapters from it; the PDF (`books_pdf`) and the Word
(`books_docx`) renderers only walk the blocks, so both formats always say the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

NAVY, GOLD = "#1f3a5f", "#b8912f"


# --- blocks --------------------------------------------------------------------------------

@dataclass
class Section:
    title: str
    level: int = 2  # 2 = numbered section (in the table of contents), 3 = sub-section


@dataclass
class Text:
    text: str
    style: str = "body"  # body | note | missing | title (centred, bold)


@dataclass
class Items:
    items: list[str]
    numbered: bool = False


@dataclass
class Highlight:  # the vision, set apart
    text: str
    caption: str = ""


@dataclass
class Grid:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]  # relative
    kinds: list[str] = field(default_factory=list)  # per row: "" | group (one cell across) | strong | total
    fills: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> colour
    align: str = ""  # per column: l c r
    lead: tuple[int, ...] = ()  # columns whose first line is a bold title


@dataclass
class Fields:  # a label/value sheet (a quick win, the region's identity)
    pairs: list[tuple[str, str]]
    title: str = ""


@dataclass
class Bars:  # a horizontal bar chart
    title: str
    items: list[tuple[str, float, str]]  # label, value, value as text
    maximum: float = 100  # the scale runs from 0
    highlight: set[int] = field(default_factory=set)
    note: str = ""


@dataclass
class Legend:
    title: str
    items: list[tuple[str, str]]  # colour, label


@dataclass
class Chapter:
    key: str
    title: str
    blocks: list = field(default_factory=list)
    landscape: bool = False


@dataclass
class Book:
    kind: str
    series: str  # "MASTERPLAN SMART CITY"
    title: str  # "BUKU I"
    subtitle: str  # "ANALISIS STRATEGIS"
    region: str
    province: str
    year: int
    logo: bytes | None
    chapters: list[Chapter]
    annexes: list[Chapter] = field(default_factory=list)
    cover: bool = True  # a title page and a table of contents; False: a masthead (the summary)
    label: str = ""  # "Buku I Analisis Strategis", in running heads and the file's title

    @property
    def running(self) -> str:
        return f"Masterplan Smart City {self.region}"


@dataclass
class Source:
    """Everything the books say, names resolved (see services/documents/books.py)."""
    region: str
    kind: str = "kota"
    province: str = ""
    office: str = ""
    address: str = ""
    year: int = 2026
    logo: bytes | None = None
    framework: str = ""
    dimensions: list[tuple[str, list[str]]] = field(default_factory=list)
    officials: list[tuple[str, str]] = field(default_factory=list)  # (title, name)
    opd_count: int = 0
    categories: list[tuple[str, int]] = field(default_factory=list)
    bimtek: list[dict] = field(default_factory=list)  # stage, label, title, dates, venue, present, status
    readiness: list[dict] = field(default_factory=list)  # element, subs: [{label, record, auto}]
    scale: dict = field(default_factory=dict)  # enabled, minimum, maximum, labels
    issues: list[dict] = field(default_factory=list)
    vision: dict | None = None
    keywords: list[tuple[str, int]] = field(default_factory=list)
    misi: list[tuple[str, str]] = field(default_factory=list)  # (code, text)
    goals: list[dict] = field(default_factory=list)  # level (misi/tujuan/sasaran/indikator), code, text, ...
    programmes: list[dict] = field(default_factory=list)
    strategies: list[dict] = field(default_factory=list)  # dimension, strategies: [{element, misi_code, text}]
    actions: list[dict] = field(default_factory=list)  # programme, opd, actions: [...]
    roadmap: dict = field(default_factory=dict)
    ranking: list[dict] = field(default_factory=list)
    criteria: list[dict] = field(default_factory=list)
    quick_wins: list[dict] = field(default_factory=list)
    commitment: dict | None = None
    participants: list[tuple[str, str, str]] = field(default_factory=list)  # name, jabatan, OPD

    @property
    def people_count(self) -> int:
        return sum(n for _, n in self.categories)
