"""What every printed document shares: bundled fonts, paper (A4 or F4), the margins of
the tata naskah dinas, the letterhead (kop) with the region's logo, "Halaman x dari y",
safe text and signatures drawn as vector paths.

Renderers take plain data and write to a binary file object; nothing here touches the
database or Qt. User text always goes through `esc()` before it reaches Paragraph
markup (ReportLab would otherwise drop '<Persero>' or follow '<img src=...>').
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Callable, Iterable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..paths import resource_path

F4 = (215 * mm, 330 * mm)
PAPERS = {"A4": A4, "F4": F4}
# Tata naskah dinas: left >= 3 cm (binding), top >= 2 cm, right >= 2 cm, bottom >= 2.5 cm.
MARGINS = dict(leftMargin=3 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2.5 * cm)
# Landscape lists (daftar hadir): the binding edge is the long top edge when filed.
LANDSCAPE_MARGINS = dict(leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2.5 * cm, bottomMargin=2 * cm)

FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC = "KC-Sans", "KC-Sans-Bold", "KC-Sans-Oblique", "KC-Sans-BoldOblique"
FONT_NARROW, FONT_NARROW_BOLD = "KC-SansCondensed", "KC-SansCondensed-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", FONT_ITALIC: "DejaVuSans-Oblique.ttf",
               FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf", FONT_NARROW: "DejaVuSansCondensed.ttf",
               FONT_NARROW_BOLD: "DejaVuSansCondensed-Bold.ttf"}
_registered = False

INK = colors.HexColor("#111111")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#000000")
HEADER_BG = colors.HexColor("#e8ecef")


class Cancelled(Exception):
    """The user cancelled a long render; nothing was written."""


class Progress:
    """Reports progress and lets the caller cancel: `check()` raises Cancelled when asked to stop."""

    def __init__(self, report: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> None:
        self._report, self._cancelled = report, cancelled

    def step(self, done: int, total: int) -> None:
        self.check()
        if self._report is not None:
            self._report(done, total)

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise Cancelled("Dibatalkan.")


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    for name, file_name in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    pdfmetrics.registerFontFamily(FONT_NARROW, normal=FONT_NARROW, bold=FONT_NARROW_BOLD,
                                  italic=FONT_NARROW, boldItalic=FONT_NARROW_BOLD)
    _registered = True


def esc(text: object, limit: int | None = None) -> str:
    """User text made safe for Paragraph markup, line breaks kept; optionally shortened."""
    value = "" if text is None else str(text)
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return escape(value).replace("\n", "<br/>")


def styles(base: float = 10.5) -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=base, leading=base * 1.4, textColor=INK,
                          alignment=TA_JUSTIFY)
    return {
        "body": body,
        "left": ParagraphStyle("left", parent=body, alignment=TA_LEFT),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "small": ParagraphStyle("small", parent=body, fontSize=base - 2, leading=(base - 2) * 1.3,
                                alignment=TA_LEFT),
        "cell": ParagraphStyle("cell", fontName=FONT_NARROW, fontSize=base - 2, leading=(base - 2) * 1.25,
                               textColor=INK, alignment=TA_LEFT, wordWrap="LTR", splitLongWords=True),
        "cell_bold": ParagraphStyle("cell_bold", fontName=FONT_NARROW_BOLD, fontSize=base - 2,
                                    leading=(base - 2) * 1.25, textColor=INK, alignment=TA_CENTER),
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=base + 3, leading=(base + 3) * 1.3,
                                alignment=TA_CENTER, textColor=INK, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=base, leading=base * 1.35,
                                   alignment=TA_CENTER, textColor=INK),
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=base + 4, leading=(base + 4) * 1.3,
                             spaceBefore=10, spaceAfter=8, textColor=INK),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=base + 1.5, leading=(base + 1.5) * 1.3,
                             spaceBefore=8, spaceAfter=4, textColor=INK),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=base, leading=base * 1.35, spaceBefore=6,
                             spaceAfter=2, textColor=INK),
        "muted": ParagraphStyle("muted", parent=body, textColor=MUTED, fontSize=base - 1.5, alignment=TA_LEFT),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user text (escaped here)."""
    return Paragraph(esc(text), style)


@dataclass(frozen=True)
class Kop:
    """The letterhead: 'PEMERINTAH KOTA ...', the office, address lines, the logo."""
    government: str  # e.g. "PEMERINTAH KOTA CONTOH"
    office: str = ""  # e.g. "DINAS KOMUNIKASI DAN INFORMATIKA"
    address: str = ""
    contact: str = ""  # "Telp. ... · Email ... · Laman ..."
    logo: bytes | None = None


@dataclass(frozen=True)
class Page:
    paper: str = "A4"  # A4 | F4
    landscape: bool = False
    title: str = ""  # the PDF's title metadata
    kop: Kop | None = None  # drawn on the first page only (official letters), or None
    footer: str = ""  # small text left of the page number (e.g. the verification code)
    on_page: Callable | None = field(default=None, compare=False)  # extra drawing per page: f(canvas, doc, n)

    @property
    def size(self) -> tuple[float, float]:
        size = PAPERS.get(self.paper.upper(), A4)
        return landscape(size) if self.landscape else size


def _logo_image(data: bytes | None):
    if not data:
        return None
    from reportlab.lib.utils import ImageReader
    try:
        return ImageReader(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - a damaged logo must never stop a document: print without it
        return None


def kop_height(kop: Kop) -> float:
    return 3.1 * cm


def draw_kop(canvas, kop: Kop, x0: float, x1: float, top: float) -> float:
    """Draw the letterhead between x0 and x1 below `top`; returns the y under its rule."""
    register_fonts()
    logo = _logo_image(kop.logo)
    size = 2.2 * cm
    if logo is not None:
        w, h = logo.getSize()
        scale = min(size / max(w, 1), size / max(h, 1))
        canvas.drawImage(logo, x0, top - size + (size - h * scale) / 2, w * scale, h * scale, mask="auto")
    left = x0 + (size + 0.3 * cm if logo is not None else 0)
    middle = (left + x1) / 2
    y = top - 0.45 * cm
    lines = [(FONT_BOLD, 13, kop.government.upper()), (FONT_BOLD, 14, kop.office.upper()),
             (FONT, 8.5, kop.address), (FONT, 8.5, kop.contact)]
    for font, fs, text in lines:
        if not text:
            continue
        fitted = _fit(text, font, fs, x1 - left)
        canvas.setFont(font, fitted[1])
        canvas.drawCentredString(middle, y, fitted[0])
        y -= fitted[1] * 1.3
    rule_y = top - kop_height(kop) + 0.15 * cm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(2)
    canvas.line(x0, rule_y, x1, rule_y)
    canvas.setLineWidth(0.6)
    canvas.line(x0, rule_y - 2.5, x1, rule_y - 2.5)
    return rule_y - 0.4 * cm


def _fit(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """Shrink a one-line text down to 6 pt to fit, then cut it with an ellipsis."""
    while size > 6 and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    while len(text) > 1 and pdfmetrics.stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    return text, size


class _NumberedCanvas:
    """Factory for a canvas that knows the page count, to print 'Halaman x dari y'."""

    def __new__(cls, page: Page):
        from reportlab.pdfgen.canvas import Canvas

        class NumberedCanvas(Canvas):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self._saved: list[dict] = []

            def showPage(self):  # noqa: N802 - ReportLab name
                self._saved.append(dict(self.__dict__))
                self._startPage()

            def save(self):
                total = len(self._saved)
                for state in self._saved:
                    self.__dict__.update(state)
                    self._footer(total)
                    super().showPage()
                super().save()

            def _footer(self, total: int) -> None:
                width, _height = self._pagesize
                self.setFont(FONT, 8)
                self.setFillColor(MUTED)
                text = f"Halaman {self._pageNumber} dari {total}"
                self.drawRightString(width - 2 * cm, 1.2 * cm, text)
                if page.footer:
                    self.drawString(2 * cm if page.landscape else 3 * cm, 1.2 * cm,
                                    _fit(page.footer, FONT, 8, width / 2)[0])
                self.setFillColor(INK)

        return NumberedCanvas


def build_pdf(out, story: list, page: Page, progress: Progress | None = None) -> int:
    """Lay out `story` on the page setup and write the PDF to `out` (a binary file object).
    Returns the number of pages."""
    register_fonts()
    margins = dict(LANDSCAPE_MARGINS if page.landscape else MARGINS)
    doc = SimpleDocTemplate(out, pagesize=page.size, title=page.title, author="Kota Cerdas Desktop",
                            creator="Kota Cerdas Desktop", **margins)
    pages = {"n": 0}

    def decorate(canvas, document):
        pages["n"] += 1
        if progress is not None:
            progress.check()
        if page.kop is not None and pages["n"] == 1:
            draw_kop(canvas, page.kop, document.leftMargin, document.pagesize[0] - document.rightMargin,
                     document.pagesize[1] - document.topMargin)
        if page.on_page is not None:
            page.on_page(canvas, document, pages["n"])

    if page.kop is not None:  # the kop is drawn in the first frame's top; the story starts below it
        story = [Spacer(1, kop_height(page.kop) - 0.2 * cm)] + list(story)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=_NumberedCanvas(page))
    return pages["n"]


def grid_table(rows: list[list], widths: list[float], header_rows: int = 1, zebra: bool = False,
               font_size: float = 8.5) -> Table:
    """A ruled table with a repeated, shaded header; cells may be Paragraphs or text."""
    register_fonts()
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), FONT_NARROW),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BG),
        ("FONTNAME", (0, 0), (-1, header_rows - 1), FONT_NARROW_BOLD),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        for r in range(header_rows, len(rows)):
            if (r - header_rows) % 2:  # noqa: SIM102
                style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f6f7f8")))
    table.setStyle(TableStyle(style))
    return table


class SignatureFlowable(Flowable):
    """A captured signature drawn as vector paths, scaled into a box (no raster image)."""

    def __init__(self, signature, width: float, height: float, void: bool = False) -> None:
        super().__init__()
        self.signature, self.width, self.height, self.void = signature, width, height, void

    def wrap(self, *_args):
        return self.width, self.height

    def draw(self) -> None:
        draw_signature(self.canv, self.signature, 0, 0, self.width, self.height)
        if self.void:
            mark_void(self.canv, 0, 0, self.width, self.height)


def draw_signature(canvas, signature, x: float, y: float, w: float, h: float) -> None:
    """Strokes fitted (aspect kept) into the box at (x, y) of size (w, h), as vector paths with
    the pen's pressure as line width (the same smoothing as on screen)."""
    from ..domain.signature import path_commands, stroke_widths

    strokes = getattr(signature, "strokes", None) if signature is not None else None
    if not strokes:
        return
    aspect = float(getattr(signature, "aspect", 1.0) or 1.0)
    xs = [p[0] * aspect for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    sw, sh = max(max_x - min_x, 0.05), max(max_y - min_y, 0.05)
    pad = 1.5
    scale = min((w - 2 * pad) / sw, (h - 2 * pad) / sh)
    ox = x + pad + ((w - 2 * pad) - sw * scale) / 2
    oy = y + pad + ((h - 2 * pad) - sh * scale) / 2

    def at(px: float, py: float) -> tuple[float, float]:
        return ox + (px * aspect - min_x) * scale, oy + (max_y - py) * scale

    base = max(0.45, min(h * 0.022, 1.4))
    canvas.saveState()
    ink = colors.HexColor("#0b2a6f")
    canvas.setStrokeColor(ink)
    canvas.setFillColor(ink)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for stroke in strokes:
        commands = path_commands(stroke)
        widths = stroke_widths(stroke, base)
        if commands and commands[0][0] == "D":
            cx, cy = at(commands[0][1], commands[0][2])
            canvas.circle(cx, cy, max(widths[0] / 2, 0.3), stroke=0, fill=1)
            continue
        current = at(commands[0][1], commands[0][2])
        for k, cmd in enumerate(commands[1:]):
            path = canvas.beginPath()
            path.moveTo(*current)
            if cmd[0] == "Q":
                cx, cy = at(cmd[1], cmd[2])
                ex, ey = at(cmd[3], cmd[4])
                # the quadratic as a cubic: control points 2/3 of the way to the quadratic's control
                c1 = (current[0] + 2 / 3 * (cx - current[0]), current[1] + 2 / 3 * (cy - current[1]))
                c2 = (ex + 2 / 3 * (cx - ex), ey + 2 / 3 * (cy - ey))
                path.curveTo(*c1, *c2, ex, ey)
                current = (ex, ey)
            else:
                current = at(cmd[1], cmd[2])
                path.lineTo(*current)
            canvas.setLineWidth(widths[min(k, len(widths) - 1)] if widths else base)
            canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def mark_void(canvas, x: float, y: float, w: float, h: float, text: str = "TIDAK MENCAKUP TEKS INI") -> None:
    """A visible mark over a signature that does not cover the current text."""
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#b03a2e"))
    canvas.setLineWidth(1.2)
    canvas.line(x, y, x + w, y + h)
    canvas.setFillColor(colors.HexColor("#b03a2e"))
    canvas.setFont(FONT_BOLD, 6)
    canvas.drawCentredString(x + w / 2, y + 1, _fit(text, FONT_BOLD, 6, w)[0])
    canvas.restoreState()


def qr_drawing(value: str, size: float):
    """A QR code as vector drawing (ReportLab's own barcode module)."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(value)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def signature_block(place_date: str, position: str, name: str, rank: str = "", nip: str = "",
                    signature=None, width: float = 7 * cm, st: dict | None = None) -> Table:
    """The official signature block: place and date, position, signature space, full name
    (bold, underlined), rank/golongan, NIP."""
    st = st or styles()
    sig = SignatureFlowable(signature, width - 0.4 * cm, 2.0 * cm) if signature is not None else Spacer(1, 2.0 * cm)
    rows = [[Paragraph(esc(place_date), st["left"])] if place_date else [Spacer(1, 0)],
            [Paragraph(esc(position), st["left"])], [sig],
            [Paragraph(f"<u><b>{esc(name) or '.' * 40}</b></u>", st["left"])]]
    if rank:
        rows.append([Paragraph(esc(rank), st["left"])])
    if nip:
        rows.append([Paragraph(esc("NIP. " + nip), st["left"])])
    table = Table(rows, colWidths=[width])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def placeholder(text: str, st: dict | None = None) -> Paragraph:
    """What a section shows when there is nothing yet (never an empty page)."""
    st = st or styles()
    return Paragraph(f"<i>{esc(text)}</i>", st["muted"])


FRAME_PADDING = 6  # ReportLab's default frame padding on each side


def available_width(page: Page) -> float:
    """The width a flowable may take inside the page frame (margins and frame padding off)."""
    margins = LANDSCAPE_MARGINS if page.landscape else MARGINS
    return page.size[0] - margins["leftMargin"] - margins["rightMargin"] - 2 * FRAME_PADDING


def rows_of(items: Iterable, per_page: int) -> list[list]:
    items = list(items)
    return [items[i:i + per_page] for i in range(0, len(items), per_page)]
