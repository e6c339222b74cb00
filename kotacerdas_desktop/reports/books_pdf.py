"""The masterplan books as PDF: a title page, a table of contents that links to its chapters
(and the PDF's outline), chapters on portrait or landscape pages, a running head, and
"Halaman x dari y" in the footer. Content comes as blocks from `books_data`; the blocks
become flowables in `books_pdf_blocks`."""
from __future__ import annotations

import math
from itertools import count

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape as rotate
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph,
                                Spacer)
from reportlab.platypus.tableofcontents import TableOfContents

from .books_data import GOLD, NAVY, Book
from .books_pdf_blocks import Heading, Styles, chapter_flowables, masthead
from .pdfbase import (FONT, FONT_BOLD, LANDSCAPE_MARGINS, MARGINS, MUTED, PAPERS, Page, Progress,
                      _NumberedCanvas, _fit, _logo_image, register_fonts)

NAVY_C, GOLD_C = colors.HexColor(NAVY), colors.HexColor(GOLD)


class BookDoc(BaseDocTemplate):
    """Three page templates (cover, portrait, landscape); headings feed the table of contents,
    the PDF outline and the progress."""

    def __init__(self, out, book: Book, paper: str, progress: Progress) -> None:
        size = PAPERS.get(paper.upper(), PAPERS["A4"])
        super().__init__(out, pagesize=size, title=f"{book.label} — {book.region}", author="Kota Cerdas Desktop",
                         creator="Kota Cerdas Desktop", subject="Masterplan Smart City", **MARGINS)
        self.book, self.progress = book, progress
        self.headings_seen, self.headings_total = 0, 1
        wide = rotate(size)
        self.portrait_width = size[0] - MARGINS["leftMargin"] - MARGINS["rightMargin"]
        self.landscape_width = wide[0] - LANDSCAPE_MARGINS["leftMargin"] - LANDSCAPE_MARGINS["rightMargin"]
        self.landscape_height = wide[1] - LANDSCAPE_MARGINS["topMargin"] - LANDSCAPE_MARGINS["bottomMargin"]
        self.portrait_height = size[1] - MARGINS["topMargin"] - MARGINS["bottomMargin"]
        templates = [
            PageTemplate("portrait", [_frame(size, MARGINS, "p")], pagesize=size,
                         onPage=lambda canvas, _doc: self._running(canvas, size, MARGINS)),
            PageTemplate("landscape", [_frame(wide, LANDSCAPE_MARGINS, "l")], pagesize=wide,
                         onPage=lambda canvas, _doc: self._running(canvas, wide, LANDSCAPE_MARGINS))]
        if book.cover:  # the first template is the first page's
            templates.insert(0, PageTemplate("cover", [Frame(0, 0, size[0], size[1], id="cover")],
                                             onPage=self._cover, pagesize=size))
        self.addPageTemplates(templates)

    def _cover(self, canvas, _doc) -> None:
        self.progress.check()
        draw_cover(canvas, self.book, self.pagesize)

    def _running(self, canvas, size, margins: dict) -> None:
        """The running head: the masterplan's name left, the book's right, over a gold rule."""
        self.progress.check()
        width, height = size
        x0, x1 = margins["leftMargin"], width - margins["rightMargin"]
        y = height - 1.25 * cm
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(x0, y, _fit(self.book.running, FONT, 7.5, (x1 - x0) * 0.55)[0])
        canvas.drawRightString(x1, y, _fit(self.book.label, FONT, 7.5, (x1 - x0) * 0.4)[0])
        canvas.setStrokeColor(GOLD_C)
        canvas.setLineWidth(0.8)
        canvas.line(x0, y - 4, x1, y - 4)
        canvas.restoreState()

    def afterFlowable(self, flowable) -> None:  # noqa: N802 - ReportLab name
        if not isinstance(flowable, Heading):
            return
        key = f"h{flowable.number}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.plain, key, flowable.toc_level, closed=flowable.toc_level > 0)
        self.canv.showOutline()
        self.notify("TOCEntry", (flowable.toc_level, flowable.markup, self.page, key))
        if flowable.toc_level == 0:
            self.headings_seen += 1
            self.progress.step(min(self.headings_seen, self.headings_total - 1), self.headings_total)


def _frame(size, margins: dict, name: str) -> Frame:
    return Frame(margins["leftMargin"], margins["bottomMargin"],
                 size[0] - margins["leftMargin"] - margins["rightMargin"],
                 size[1] - margins["topMargin"] - margins["bottomMargin"], id=name,
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


def draw_cover(canvas, book: Book, size) -> None:
    """The title page: a navy field with a quiet network motif, the logo, the titles, a gold rule,
    the government's name and the year."""
    register_fonts()
    w, h = size
    band = h * 0.45
    canvas.saveState()
    canvas.setFillColor(NAVY_C)
    canvas.rect(0, band, w, h - band, stroke=0, fill=1)
    _network(canvas, w, h, band)
    canvas.setFillColor(GOLD_C)
    canvas.rect(0, band - 0.22 * cm, w, 0.22 * cm, stroke=0, fill=1)
    logo = _logo_image(book.logo)
    top = h - 2.2 * cm
    if logo is not None:
        box = 3.0 * cm
        canvas.setFillColor(colors.white)
        canvas.roundRect(w / 2 - box / 2, top - box, box, box, 0.3 * cm, stroke=0, fill=1)
        lw, lh = logo.getSize()
        scale = min((box - 0.4 * cm) / max(lw, 1), (box - 0.4 * cm) / max(lh, 1))
        canvas.drawImage(logo, w / 2 - lw * scale / 2, top - box / 2 - lh * scale / 2, lw * scale, lh * scale,
                         mask="auto")
    y = band + (h - band) * 0.42
    for font, size_pt, colour, text in ((FONT_BOLD, 26, colors.white, book.series),
                                        (FONT_BOLD, 21, GOLD_C, book.title),
                                        (FONT_BOLD, 19, colors.white, book.subtitle)):
        if text:
            line, fs = _fit(text, font, size_pt, w - 4 * cm)
            canvas.setFont(font, fs)
            canvas.setFillColor(colour)
            canvas.drawCentredString(w / 2, y, line)
            y -= fs * 1.55
    y = band - 2.6 * cm
    canvas.setFillColor(NAVY_C)
    for line in simpleSplit(f"PEMERINTAH {book.region}".upper(), FONT_BOLD, 18, w - 5 * cm)[:3]:
        canvas.setFont(FONT_BOLD, 18)
        canvas.drawCentredString(w / 2, y, _fit(line, FONT_BOLD, 18, w - 4 * cm)[0])
        y -= 24
    if book.province:
        canvas.setFont(FONT, 12)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(w / 2, y - 4, _fit(f"PROVINSI {book.province}".upper(), FONT, 12, w - 4 * cm)[0])
    canvas.setFillColor(NAVY_C)
    canvas.setFont(FONT_BOLD, 26)
    canvas.drawCentredString(w / 2, 4.2 * cm, str(book.year))
    canvas.setStrokeColor(GOLD_C)
    canvas.setLineWidth(1)
    canvas.line(w / 2 - 2 * cm, 3.6 * cm, w / 2 + 2 * cm, 3.6 * cm)
    canvas.setFont(FONT, 9)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(w / 2, 2.8 * cm, "Gerakan Menuju Smart City")
    canvas.restoreState()


def _network(canvas, w: float, h: float, band: float) -> None:
    """Faint nodes and links across the navy field: a city as a network."""
    nodes = []
    for i in range(26):
        x = (0.08 + 0.84 * ((i * 0.618034) % 1)) * w
        y = band + (0.1 + 0.8 * ((i * 0.414214 + 0.3 * math.sin(i)) % 1)) * (h - band)
        nodes.append((x, y))
    canvas.setStrokeColor(colors.Color(1, 1, 1, alpha=0.10))
    canvas.setLineWidth(0.6)
    for i, (x, y) in enumerate(nodes):
        near = sorted(nodes, key=lambda n: (n[0] - x) ** 2 + (n[1] - y) ** 2)[1:3]
        for nx, ny in near:
            canvas.line(x, y, nx, ny)
    canvas.setFillColor(colors.Color(1, 1, 1, alpha=0.16))
    for i, (x, y) in enumerate(nodes):
        canvas.circle(x, y, 1.6 + (i % 3), stroke=0, fill=1)


def _canvas_maker(book: Book, paper: str):
    base = _NumberedCanvas(Page(paper=paper))

    class BookCanvas(base):  # no page number on the title page
        def _footer(self, total: int) -> None:
            if not (book.cover and self._pageNumber == 1):
                super()._footer(total)

    return BookCanvas


def _toc(st: Styles) -> list:
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [
        ParagraphStyle("toc0", fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=7, textColor=NAVY_C,
                       leftIndent=0, firstLineIndent=0, rightIndent=1.2 * cm),
        ParagraphStyle("toc1", fontName=FONT, fontSize=9.5, leading=12.5, spaceBefore=1, leftIndent=0.9 * cm,
                       firstLineIndent=0, rightIndent=1.2 * cm)]
    return [Paragraph("DAFTAR ISI", st.toc_title), Spacer(1, 0.3 * cm), toc]


def story(book: Book, doc: BookDoc) -> list:
    st = Styles()
    counter = count(1)
    parts = book.chapters + book.annexes
    out: list = []
    if book.cover:
        out += [Spacer(1, 1), NextPageTemplate("portrait"), PageBreak(), *_toc(st)]
    else:
        out += masthead(book, st, doc.portrait_width)
    for n, chapter in enumerate(parts):
        wide = chapter.landscape and book.cover
        width = doc.landscape_width if wide else doc.portrait_width
        height = doc.landscape_height if wide else doc.portrait_height
        if book.cover:
            out += [NextPageTemplate("landscape" if wide else "portrait"), PageBreak()]
        out += chapter_flowables(chapter, st, width, height, counter, compact=not book.cover,
                                 number=n + 1)
    return out


def write_pdf(out, book: Book, paper: str, progress: Progress | None = None) -> int:
    """Lay the book out into `out` (a binary file object); returns the number of pages."""
    register_fonts()
    progress = progress or Progress()
    doc = BookDoc(out, book, paper, progress)
    parts = len(book.chapters) + len(book.annexes)
    doc.headings_total = parts * (2 if book.cover else 1) + 1  # a book with a table of contents takes two passes
    flowables = story(book, doc)
    if book.cover:
        doc.multiBuild(flowables, canvasmaker=_canvas_maker(book, paper))
    else:
        doc.build(flowables, canvasmaker=_canvas_maker(book, paper))
    progress.step(doc.headings_total, doc.headings_total)
    return doc.page
