"""The blocks of a book (`books_data`) as ReportLab flowables: headings that feed the table of
contents, ruled tables with a navy header that repeat it on every page and may split a tall
row, label/value sheets, bar charts drawn as vector graphics, the vision set apart, a colour
legend. Every piece of user text goes through `esc()` (long cells are cut at CELL_LIMIT)."""
from __future__ import annotations

import io
from itertools import count

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from .books_data import GOLD, NAVY, Bars, Book, Chapter, Fields, Grid, Highlight, Items, Legend, Section, Text
from .pdfbase import (FONT, FONT_BOLD, FONT_NARROW, FONT_NARROW_BOLD, INK, MUTED, _fit, _logo_image, esc,
                      placeholder, styles)

CELL_LIMIT = 1200  # characters in one table cell: a row must never outgrow a page
NAVY_C, GOLD_C = colors.HexColor(NAVY), colors.HexColor(GOLD)
PALE = colors.HexColor("#eef3f8")
GROUP_BG = colors.HexColor("#d9e3ee")
TOTAL_BG = colors.HexColor("#f1f3f5")
LINES = colors.HexColor("#9aa7b4")
BAR, BAR_SOFT = colors.HexColor("#2f5d8a"), colors.HexColor("#a9c1da")
_ALIGN = {"l": TA_LEFT, "c": TA_CENTER, "r": TA_RIGHT}


class Styles:
    def __init__(self) -> None:
        base = styles(10.5)
        self.base = base
        self.body = ParagraphStyle("b_body", parent=base["body"], spaceAfter=6)
        self.note = ParagraphStyle("b_note", parent=base["muted"], fontSize=8.5, leading=11, spaceAfter=6)
        self.h1 = ParagraphStyle("b_h1", fontName=FONT_BOLD, fontSize=18, leading=23, textColor=NAVY_C,
                                 spaceAfter=2)
        self.h1_compact = ParagraphStyle("b_h1c", parent=self.h1, fontSize=12.5, leading=16, spaceBefore=12,
                                         spaceAfter=5)
        self.h2 = ParagraphStyle("b_h2", fontName=FONT_BOLD, fontSize=12.5, leading=16, textColor=NAVY_C,
                                 spaceBefore=12, spaceAfter=5)
        self.h3 = ParagraphStyle("b_h3", fontName=FONT_BOLD, fontSize=10.5, leading=14, textColor=INK,
                                 spaceBefore=8, spaceAfter=3)
        self.title = ParagraphStyle("b_title", fontName=FONT_BOLD, fontSize=11, leading=15, textColor=INK,
                                    alignment=TA_CENTER, spaceAfter=8)
        self.item = ParagraphStyle("b_item", parent=base["left"], leftIndent=18, bulletIndent=4, spaceAfter=3)
        self.visi = ParagraphStyle("b_visi", fontName=FONT_BOLD, fontSize=13, leading=18, textColor=NAVY_C,
                                   alignment=TA_CENTER)
        self.caption = ParagraphStyle("b_cap", fontName=FONT, fontSize=8.5, leading=11, textColor=MUTED,
                                      alignment=TA_CENTER)
        self.head = ParagraphStyle("b_head", fontName=FONT_NARROW_BOLD, fontSize=8.5, leading=10.5,
                                   textColor=colors.white, alignment=TA_CENTER)
        self.group = ParagraphStyle("b_group", fontName=FONT_NARROW_BOLD, fontSize=8.5, leading=10.8,
                                    textColor=NAVY_C)
        self.label = ParagraphStyle("b_label", fontName=FONT_NARROW_BOLD, fontSize=9, leading=11.5, textColor=INK)
        self.value = ParagraphStyle("b_value", fontName=FONT_NARROW, fontSize=9, leading=11.5, textColor=INK)
        self.toc_title = ParagraphStyle("b_toc", fontName=FONT_BOLD, fontSize=15, leading=20, textColor=NAVY_C,
                                        alignment=TA_CENTER)
        self._cells: dict[tuple[str, bool], ParagraphStyle] = {}

    def cell(self, align: str = "l", bold: bool = False) -> ParagraphStyle:
        key = (align, bold)
        if key not in self._cells:
            self._cells[key] = ParagraphStyle(f"b_cell_{align}_{bold}", fontName=FONT_NARROW_BOLD if bold else FONT_NARROW,
                                              fontSize=8.5, leading=10.6, textColor=INK,
                                              alignment=_ALIGN.get(align, TA_LEFT), splitLongWords=True)
        return self._cells[key]


class Heading(Paragraph):
    """A chapter or section title the document template lists in the table of contents."""

    def __init__(self, text: str, style, number: int, toc_level: int) -> None:
        self.plain, self.markup, self.number, self.toc_level = text, esc(text, 300), number, toc_level
        super().__init__(self.markup, style)


def chapter_flowables(chapter: Chapter, st: Styles, width: float, height: float, counter: count,
                      compact: bool = False, number: int = 1) -> list:
    if compact:
        out: list = [CondPageBreak(4 * cm), Heading(f"{number}. {chapter.title}", st.h1_compact, next(counter), 0)]
    else:
        out = [Heading(chapter.title, st.h1, next(counter), 0),
               HRFlowable(width="100%", thickness=1.6, color=GOLD_C, spaceBefore=2, spaceAfter=12)]
    blocks = chapter.blocks
    for i, block in enumerate(blocks):
        flowables = block_flowables(block, st, width, height, counter, compact)
        if isinstance(block, Fields) and i and isinstance(blocks[i - 1], Section) and not compact:
            out[-1:] = [KeepTogether(out[-1:] + flowables)]  # a sheet stays with its title when it fits a page
        else:
            out += flowables
    return out


def block_flowables(block, st: Styles, width: float, height: float, counter: count, compact: bool) -> list:
    if isinstance(block, Section):
        if block.level <= 2 and not compact:
            return [CondPageBreak(4 * cm), Heading(block.title, st.h2, next(counter), 1)]
        return [CondPageBreak(3 * cm), Paragraph(esc(block.title), st.h3)]
    if isinstance(block, Text):
        if block.style == "missing":
            return [placeholder(block.text, st.base), Spacer(1, 6)]
        return [Paragraph(esc(block.text), {"note": st.note, "title": st.title}.get(block.style, st.body))]
    if isinstance(block, Items):
        return [Paragraph(esc(text.lstrip("•-* ").strip()), st.item, bulletText=f"{i}." if block.numbered else "•")
                for i, text in enumerate(block.items, 1) if text.strip()] + [Spacer(1, 4)]
    if isinstance(block, Highlight):
        rows = [[Paragraph(esc(block.text, CELL_LIMIT), st.visi)]]
        if block.caption:
            rows.append([Paragraph(esc(block.caption), st.caption)])
        table = Table(rows, colWidths=[width * 0.92], hAlign="CENTER")
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), PALE),
                                   ("LINEBEFORE", (0, 0), (0, -1), 3, GOLD_C),
                                   ("TOPPADDING", (0, 0), (-1, -1), 10), ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 14), ("RIGHTPADDING", (0, 0), (-1, -1), 14)]))
        return [Spacer(1, 4), table, Spacer(1, 10)]
    if isinstance(block, Grid):
        return [grid(block, st, width, height), Spacer(1, 10)]
    if isinstance(block, Fields):
        return ([Paragraph(esc(block.title), st.h3)] if block.title else []) + [fields(block, st, width),
                                                                              Spacer(1, 10)]
    if isinstance(block, Bars):
        if not block.items:
            return []
        return [BarChart(block, width, height * 0.8)] + ([Paragraph(esc(block.note), st.note)] if block.note
                                                         else [Spacer(1, 8)])
    if isinstance(block, Legend):
        return [legend(block, st, width), Spacer(1, 8)] if block.items else []
    raise TypeError(f"unknown block {type(block).__name__}")


def _base_style(rows: int) -> list:
    return [("GRID", (0, 0), (-1, -1), 0.4, LINES), ("BOX", (0, 0), (-1, -1), 0.9, NAVY_C),
            ("BACKGROUND", (0, 0), (-1, 0), NAVY_C), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]


def grid(block: Grid, st: Styles, width: float, height: float) -> Table:
    n = len(block.headers)
    widths = _widths(block, width)
    align = (block.align or "").ljust(n, "l")
    kinds = list(block.kinds) + [""] * (len(block.rows) - len(block.kinds))
    rows = [[Paragraph(esc(h), st.head) for h in block.headers]]
    style = _base_style(len(block.rows) + 1)
    for r, (cells, kind) in enumerate(zip(block.rows, kinds), start=1):
        if kind == "group":
            rows.append([Paragraph(esc(cells[0], CELL_LIMIT), st.group)] + [""] * (n - 1))
            style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), GROUP_BG)]
            continue
        bold = kind in ("strong", "total")
        rows.append([Paragraph(_cell(c, i in block.lead), st.cell(align[i], bold)) for i, c in enumerate(cells[:n])]
                    + [""] * (n - len(cells)))
        if kind == "total":
            style.append(("BACKGROUND", (0, r), (-1, r), TOTAL_BG))
    for (r, c), colour in block.fills.items():
        style.append(("BACKGROUND", (c, r + 1), (c, r + 1), colors.HexColor(colour)))
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return _split_tall_rows(table, width, height)


def _widths(block: Grid, width: float) -> list[float]:
    """The relative widths scaled to `width`, each column at least as wide as its header's longest
    word (taken from the widest column), so that no header breaks inside a word."""
    total = sum(block.widths) or 1
    widths = [width * w / total for w in block.widths]
    for i, header in enumerate(block.headers):
        need = max((stringWidth(word, FONT_NARROW_BOLD, 8.5) for word in header.split()), default=0) + 9
        if widths[i] < need:
            widest = max(range(len(widths)), key=widths.__getitem__)
            widths[widest] -= need - widths[i]
            widths[i] = need
    return widths


def _split_tall_rows(table: Table, width: float, height: float) -> Table:
    """Rows move to the next page whole, unless one is taller than a page: then rows may split."""
    table.wrap(width, height)
    if max(table._rowHeights, default=0) > height * 0.85:
        table.splitInRow = 1
    return table


def _cell(text: str, lead: bool) -> str:
    """A cell's markup: escaped and cut; with `lead`, its first line in bold."""
    if not lead:
        return esc(text, CELL_LIMIT)
    first, _, rest = str(text or "").partition("\n")
    first = esc(first, 300)
    return f"<b>{first}</b>" + (f"<br/>{esc(rest, CELL_LIMIT)}" if rest else "")


def fields(block: Fields, st: Styles, width: float) -> Table:
    rows = [[Paragraph(esc(label), st.label), Paragraph(esc(value, CELL_LIMIT), st.value)]
            for label, value in block.pairs]
    table = Table(rows, colWidths=[width * 0.28, width * 0.72], splitInRow=1, hAlign="LEFT")  # sheets may split
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, LINES), ("BOX", (0, 0), (-1, -1), 0.9, NAVY_C),
                               ("BACKGROUND", (0, 0), (0, -1), PALE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                               ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def legend(block: Legend, st: Styles, width: float) -> Table:
    per_row = max(min(len(block.items), 6), 1)
    cells = [[Paragraph(f"<b>{esc(block.title)}:</b>", st.value)] + [""] * (per_row * 2 - 1)]
    style = [("SPAN", (0, 0), (-1, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 2),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    for i, (colour, label) in enumerate(block.items):
        r, c = divmod(i, per_row)
        if c == 0:
            cells.append([""] * (per_row * 2))
        cells[-1][c * 2 + 1] = Paragraph(esc(label), st.value)
        style += [("BACKGROUND", (c * 2, r + 1), (c * 2, r + 1), colors.HexColor(colour)),
                  ("BOX", (c * 2, r + 1), (c * 2, r + 1), 0.4, LINES)]
    swatch = 0.55 * cm
    label_width = (width - per_row * swatch) / per_row
    table = Table(cells, colWidths=[swatch, label_width] * per_row, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


class BarChart(Flowable):
    """Horizontal bars with labels on the left, the value at the bar's end and a light scale."""

    def __init__(self, block: Bars, width: float, max_height: float) -> None:
        super().__init__()
        self.block, self.width = block, width
        n = max(len(block.items), 1)
        self.row = max(9.0, min(17.0, (max_height - 46) / n))
        self.height = 22 + n * self.row + 16

    def wrap(self, *_args):
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        drawing = self.drawing()
        drawing.drawOn(self.canv, 0, 0)
        self.canv.restoreState()

    def drawing(self) -> Drawing:
        b = self.block
        d = Drawing(self.width, self.height)
        longest = max((stringWidth(label, FONT_NARROW, 8) for label, _, _ in b.items), default=0)
        label_w = min(self.width * 0.38, 7.5 * cm, longest + 8)
        plot_x, plot_w = label_w + 4, self.width - label_w - 4 - 1.4 * cm
        top = self.height - 22
        d.add(String(0, self.height - 12, _fit(b.title, FONT_BOLD, 9, self.width)[0], fontName=FONT_BOLD,
                     fontSize=9, fillColor=NAVY_C))
        hi = max(b.maximum, max((v for _, v, _ in b.items), default=0), 1e-9)
        step = 1 if hi <= 10 else (5 if hi <= 30 else (10 if hi <= 60 else 20))
        axis = 14
        tick = 0.0
        while tick <= hi + 1e-9:
            x = plot_x + tick / hi * plot_w
            d.add(Line(x, axis, x, top, strokeColor=colors.HexColor("#d5dbe1"), strokeWidth=0.5))
            d.add(String(x, axis - 9, f"{tick:g}", fontName=FONT_NARROW, fontSize=7, fillColor=MUTED,
                         textAnchor="middle"))
            tick += step
        d.add(Line(plot_x, axis, plot_x, top, strokeColor=LINES, strokeWidth=0.8))
        font = 8 if self.row >= 12 else 6.5
        for i, (label, value, text) in enumerate(b.items):
            y = top - (i + 1) * self.row
            d.add(String(label_w, y + self.row * 0.3, _fit(label, FONT_NARROW, font, label_w)[0],
                         fontName=FONT_NARROW, fontSize=font, fillColor=INK, textAnchor="end"))
            length = max(value, 0) / hi * plot_w
            colour = BAR if (i in b.highlight or not b.highlight) else BAR_SOFT
            d.add(Rect(plot_x, y + self.row * 0.17, length, self.row * 0.66, fillColor=colour, strokeColor=None))
            d.add(String(plot_x + length + 3, y + self.row * 0.3, text, fontName=FONT_NARROW, fontSize=font,
                         fillColor=INK))
        return d


def masthead(book: Book, st: Styles, width: float) -> list:
    """The top of the executive summary's first page: logo and titles on a navy band."""
    title = ParagraphStyle("m_t", fontName=FONT_BOLD, fontSize=17, leading=21, textColor=GOLD_C)
    sub = ParagraphStyle("m_s", fontName=FONT_BOLD, fontSize=12, leading=16, textColor=colors.white)
    small = ParagraphStyle("m_x", fontName=FONT, fontSize=9, leading=12, textColor=colors.white)
    text = [Paragraph(esc(book.title), title), Paragraph(esc(f"{book.series} {book.region}".upper()), sub),
            Paragraph(esc(" · ".join(x for x in (f"Provinsi {book.province}" if book.province else "",
                                                 str(book.year)) if x)), small)]
    logo = _logo_flowable(book.logo, 2.0 * cm)
    cells = [[logo, text]] if logo is not None else [[text]]
    widths = [2.6 * cm, width - 2.6 * cm] if logo is not None else [width]
    table = Table(cells, colWidths=widths)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), NAVY_C), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LINEBELOW", (0, 0), (-1, -1), 3, GOLD_C),
                               ("TOPPADDING", (0, 0), (-1, -1), 12), ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
                               ("LEFTPADDING", (0, 0), (-1, -1), 12)]))
    return [table, Spacer(1, 8)]


def _logo_flowable(data: bytes | None, size: float):
    reader = _logo_image(data)
    if reader is None:
        return None
    w, h = reader.getSize()
    scale = min(size / max(w, 1), size / max(h, 1))
    box = Table([[Image(io.BytesIO(data), w * scale, h * scale)]], colWidths=[size + 8])
    box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.white), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return box
