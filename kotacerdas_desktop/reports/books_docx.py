"""The masterplan books as Word documents, for the mentor and the region to edit further.

The same blocks as the PDF (`books_data`): chapters are real "Heading 1" paragraphs and
sections "Heading 2"/"Heading 3" (Word's navigation pane and table of contents use them),
tables are real tables with a header row repeated on every page, matrices sit in landscape
sections. The table of contents is a field Word fills in ("Update Field"); the title page
comes first, without header or footer.
"""
from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from .books_data import GOLD, NAVY, Bars, Book, Chapter, Fields, Grid, Highlight, Items, Legend, Section, Text
from .pdfbase import PAPERS, Progress

FONT = "Arial"
CELL_LIMIT = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ALIGN = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT}
WHITE, MUTED = RGBColor(0xFF, 0xFF, 0xFF), RGBColor(0x55, 0x55, 0x55)
NAVY_RGB, GOLD_RGB = RGBColor.from_string(NAVY[1:]), RGBColor.from_string(GOLD[1:])
GROUP_FILL, LABEL_FILL, TOTAL_FILL = "d9e3ee", "eef3f8", "f1f3f5"
_AFTER_UPDATE_FIELDS = tuple(f"w:{t}" for t in (  # what follows w:updateFields in CT_Settings
    "hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr attachedSchema themeFontLang "
    "clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions "
    "readModeInkLockDown smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol "
    "listSeparator").split())


def _t(text) -> str:
    """Text Word can store: no control characters (lxml refuses them)."""
    return _CONTROL.sub("", "" if text is None else str(text))


def write_docx(out, book: Book, paper: str, progress: Progress | None = None) -> int:
    """Write the book as .docx to `out` (a binary file object); returns the number of chapters."""
    progress = progress or Progress()
    doc = Document()
    _styles(doc)
    size = PAPERS.get(paper.upper(), PAPERS["A4"])
    section = doc.sections[0]
    _page(section, size, landscape=False)
    _header_footer(section, book)
    if book.cover:
        section.different_first_page_header_footer = True
        _cover(doc, book)
        _toc(doc)
    else:
        _masthead(doc, book)
    parts = book.chapters + book.annexes
    wide = False
    for n, chapter in enumerate(parts):
        progress.step(n, len(parts) + 1)
        want = chapter.landscape and book.cover
        if want != wide:
            section = doc.add_section(WD_SECTION.NEW_PAGE)
            _page(section, size, landscape=want)
        _chapter(doc, chapter, book, new_page=book.cover and want == wide, number=n + 1)
        wide = want
    doc.core_properties.title = _t(f"{book.label} — {book.region}")
    doc.core_properties.author = "Kota Cerdas Desktop"
    _update_fields_on_open(doc)
    doc.save(out)
    progress.step(len(parts) + 1, len(parts) + 1)
    return len(parts)


# --- page set-up ------------------------------------------------------------------------------

def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Heading 1", 18), ("Heading 2", 13), ("Heading 3", 11), ("Title", 26)):
        style = doc.styles[name]
        style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(size), NAVY_RGB
        rfonts = style.element.rPr.rFonts
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
        rfonts.set(qn("w:ascii"), FONT)
        rfonts.set(qn("w:hAnsi"), FONT)
    doc.styles["Heading 1"].paragraph_format.space_after = Pt(12)


def _page(section, size, landscape: bool) -> None:
    width, height = (Emu(int(size[0] * 12700)), Emu(int(size[1] * 12700)))
    if landscape:
        section.orientation, section.page_width, section.page_height = WD_ORIENT.LANDSCAPE, height, width
        section.left_margin = section.right_margin = section.bottom_margin = Cm(2)
        section.top_margin = Cm(2.5)
    else:
        section.orientation, section.page_width, section.page_height = WD_ORIENT.PORTRAIT, width, height
        section.left_margin, section.right_margin, section.top_margin = Cm(3), Cm(2), Cm(2)
        section.bottom_margin = Cm(2.5)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC) as begin / instruction / separate / result / end runs."""
    def run_with(tag: str, **attrs):
        run = paragraph.add_run()
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        run._r.append(el)
        return run

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run(placeholder or "1")
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def _header_footer(section, book: Book) -> None:
    head = section.header.paragraphs[0]
    head.text = _t(f"{book.running} · {book.label}")
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in head.runs:
        run.font.size, run.font.color.rgb = Pt(8), MUTED
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    foot.add_run("Halaman ")
    _field(foot, "PAGE")
    foot.add_run(" dari ")
    _field(foot, "NUMPAGES")
    for run in foot.runs:
        run.font.size, run.font.color.rgb = Pt(8), MUTED


def _update_fields_on_open(doc) -> None:
    """Ask Word to fill in the table of contents and the page numbers when the file opens."""
    settings = doc.settings.element
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    settings.insert_element_before(el, *_AFTER_UPDATE_FIELDS)  # the schema's order, or Word complains


def _para(doc_or_cell, text: str = "", size: float | None = None, bold: bool = False, colour=None,
          align=None, italic: bool = False, style: str | None = None, space_after: float | None = None):
    p = doc_or_cell.add_paragraph(style=style) if style else doc_or_cell.add_paragraph()
    if text:
        run = p.add_run(_t(text))
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
        if colour is not None:
            run.font.color.rgb = colour
    if align is not None:
        p.alignment = align
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def _cover(doc, book: Book) -> None:
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, space_after=60)
    if book.logo:
        p = _para(doc, align=centre)
        try:
            p.add_run().add_picture(io.BytesIO(book.logo), width=Cm(3.2))
        except Exception:  # noqa: BLE001 - a damaged logo must never stop a document: print without it
            pass
    _para(doc, space_after=30)
    _para(doc, book.series, 26, True, NAVY_RGB, centre, style="Title")
    _para(doc, book.title, 22, True, GOLD_RGB, centre, space_after=2)
    _para(doc, book.subtitle, 20, True, NAVY_RGB, centre, space_after=80)
    _para(doc, f"PEMERINTAH {book.region}".upper(), 16, True, NAVY_RGB, centre, space_after=2)
    if book.province:
        _para(doc, f"PROVINSI {book.province}".upper(), 12, colour=MUTED, align=centre)
    _para(doc, space_after=90)
    _para(doc, str(book.year), 24, True, NAVY_RGB, centre, space_after=2)
    _para(doc, "Gerakan Menuju Smart City", 9, colour=MUTED, align=centre)


def _toc(doc) -> None:
    p = _para(doc, "DAFTAR ISI", 15, True, NAVY_RGB, WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.page_break_before = True
    _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u',
           "Perbarui daftar isi: klik kanan > Update Field (Perbarui Bidang).")


def _masthead(doc, book: Book) -> None:
    """The executive summary's top: the logo (if any) and the titles on a navy band."""
    table = doc.add_table(rows=1, cols=2 if book.logo else 1)
    cell = table.rows[0].cells[-1]
    if book.logo:
        try:
            table.rows[0].cells[0].paragraphs[0].add_run().add_picture(io.BytesIO(book.logo), width=Cm(1.8))
        except Exception:  # noqa: BLE001 - a damaged logo must never stop a document: print without it
            pass
        table.rows[0].cells[0].width, cell.width = Cm(2.6), _width(doc) - Cm(2.6)
    _shade(cell, NAVY)
    run = cell.paragraphs[0].add_run(_t(book.title))
    run.bold, run.font.size, run.font.color.rgb = True, Pt(17), GOLD_RGB
    _para(cell, f"{book.series} {book.region}".upper(), 12, True, WHITE, space_after=0)
    _para(cell, " · ".join(x for x in (f"Provinsi {book.province}" if book.province else "", str(book.year)) if x),
          9, colour=WHITE)
    _para(doc)


# --- chapters and blocks -----------------------------------------------------------------------

def _chapter(doc, chapter: Chapter, book: Book, new_page: bool, number: int) -> None:
    """A chapter: its Heading 1 (on a new page in a book, unless a new section already began one)."""
    title = chapter.title if book.cover else f"{number}. {chapter.title}"
    heading = doc.add_heading(_t(title), level=1)
    heading.paragraph_format.page_break_before = new_page or None
    for block in chapter.blocks:
        _block(doc, block, wide=chapter.landscape and book.cover)


def _block(doc, block, wide: bool) -> None:
    if isinstance(block, Section):
        doc.add_heading(_t(block.title), level=min(max(block.level, 2), 3))
    elif isinstance(block, Text):
        if block.style == "missing":
            _para(doc, block.text, italic=True, colour=MUTED)
        elif block.style == "note":
            _para(doc, block.text, 8.5, colour=MUTED, italic=True)
        elif block.style == "title":
            _para(doc, block.text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        else:
            _para(doc, block.text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    elif isinstance(block, Items):
        for i, item in enumerate(t for t in block.items if t.strip()):
            text = item.lstrip("•-* ").strip()
            if block.numbered:
                p = _para(doc, f"{i + 1}.\t{text}", style="List Paragraph", space_after=2)
                p.paragraph_format.first_line_indent = Cm(-0.6)
                p.paragraph_format.left_indent = Cm(1.0)
            else:
                _para(doc, text, style="List Bullet", space_after=2)
    elif isinstance(block, Highlight):
        _para(doc, block.text, 13, True, NAVY_RGB, WD_ALIGN_PARAGRAPH.CENTER, style="Intense Quote")
        if block.caption:
            _para(doc, block.caption, 8.5, colour=MUTED, align=WD_ALIGN_PARAGRAPH.CENTER)
    elif isinstance(block, Grid):
        _grid(doc, block, _width(doc))
    elif isinstance(block, Fields):
        if block.title:
            doc.add_heading(_t(block.title), level=3)
        _fields(doc, block, _width(doc))
    elif isinstance(block, Bars):
        _bars(doc, block, _width(doc))
    elif isinstance(block, Legend):
        _legend(doc, block)
    else:
        raise TypeError(f"unknown block {type(block).__name__}")


def _width(doc) -> int:
    s = doc.sections[-1]
    return s.page_width - s.left_margin - s.right_margin


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#"))
    tc_pr.append(shd)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _write(cell, text: str, size: float = 9, bold: bool = False, colour=None, align=None,
           lead: bool = False) -> None:
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    text = _t(text)[:CELL_LIMIT]
    parts = text.partition("\n") if lead else (text, "", "")
    for k, piece in enumerate((parts[0], parts[1] + parts[2]) if lead else (text,)):
        if not piece:
            continue
        run = p.add_run(piece)
        run.font.size = Pt(size)
        run.bold = (bold or (lead and k == 0)) or None
        if colour is not None:
            run.font.color.rgb = colour
    if align is not None:
        p.alignment = align


def _table(doc, rows: int, widths: list[int]):
    table = doc.add_table(rows=rows, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
    return table


def _grid(doc, block: Grid, width: int) -> None:
    n = len(block.headers)
    total = sum(block.widths) or 1
    widths = [int(width * w / total) for w in block.widths]
    align = (block.align or "").ljust(n, "l")
    kinds = list(block.kinds) + [""] * (len(block.rows) - len(block.kinds))
    table = _table(doc, len(block.rows) + 1, widths)
    header = table.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, block.headers):
        _shade(cell, NAVY)
        _write(cell, text, 9, True, WHITE, WD_ALIGN_PARAGRAPH.CENTER)
    for r, (cells, kind) in enumerate(zip(block.rows, kinds), start=1):
        row = table.rows[r].cells
        if kind == "group":
            merged = row[0].merge(row[-1])
            _shade(merged, GROUP_FILL)
            _write(merged, cells[0], 9, True, NAVY_RGB)
            continue
        for c, text in enumerate(cells[:n]):
            _write(row[c], text, 9, kind in ("strong", "total"), align=_ALIGN.get(align[c]), lead=c in block.lead)
            if kind == "total":
                _shade(row[c], TOTAL_FILL)
    for (r, c), colour in block.fills.items():
        _shade(table.rows[r + 1].cells[c], colour)
    _para(doc, space_after=2)


def _fields(doc, block: Fields, width: int) -> None:
    table = _table(doc, len(block.pairs), [int(width * 0.28), int(width * 0.72)])
    for row, (label, value) in zip(table.rows, block.pairs):
        _shade(row.cells[0], LABEL_FILL)
        _write(row.cells[0], label, 9.5, True)
        _write(row.cells[1], value, 9.5)
    _para(doc, space_after=2)


def _bars(doc, block: Bars, width: int) -> None:
    """A chart as a table: label, value and a bar of block characters."""
    if not block.items:
        return
    _para(doc, block.title, 10, True, NAVY_RGB, space_after=2)
    table = _table(doc, len(block.items) + 1, [int(width * 0.4), int(width * 0.12), int(width * 0.48)])
    _repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, ("Uraian", "Nilai", "Grafik")):
        _shade(cell, NAVY)
        _write(cell, text, 9, True, WHITE, WD_ALIGN_PARAGRAPH.CENTER)
    top = max(block.maximum, max(v for _, v, _ in block.items), 1e-9)
    for i, (row, (label, value, text)) in enumerate(zip(table.rows[1:], block.items)):
        _write(row.cells[0], label, 9)
        _write(row.cells[1], text, 9, align=WD_ALIGN_PARAGRAPH.RIGHT)
        colour = NAVY_RGB if (i in block.highlight or not block.highlight) else RGBColor(0xA9, 0xC1, 0xDA)
        _write(row.cells[2], "█" * max(int(round(max(value, 0) / top * 30)), 0), 8, colour=colour)
    if block.note:
        _para(doc, block.note, 8.5, colour=MUTED, italic=True)
    else:
        _para(doc, space_after=2)


def _legend(doc, block: Legend) -> None:
    if not block.items:
        return
    _para(doc, f"{block.title}:", 9, True, space_after=2)
    table = _table(doc, 1, [Cm(0.6), Cm(3.2)] * len(block.items))
    for i, (colour, label) in enumerate(block.items):
        _shade(table.rows[0].cells[i * 2], colour)
        _write(table.rows[0].cells[i * 2 + 1], label, 8.5)
    _para(doc, space_after=2)
