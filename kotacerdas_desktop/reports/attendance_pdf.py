"""The daftar hadir (attendance list) of one bimtek day as PDF, landscape.

Columns No | Nama | NIP | Pangkat/Gol | Jabatan | Instansi/OPD | No. HP | Tanda Tangan, the
signature column split in two halves signed zig-zag: odd rows in the left half ("1.",
"3.", ...), even rows in the right half ("2.", "4.", ...). The heading (event, day, time,
place) is repeated on every page, so a page that comes loose still says what it is. The
organiser's "Mengetahui," block closes the list.

Plain data in (`AttendanceSheet`), PDF out; no database, no Qt. `SignCell` and
`zigzag_cells` are shared with the commitment sheet.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from .pdfbase import (FONT_BOLD, FONT_ITALIC, FONT_NARROW, FONT_NARROW_BOLD, HEADER_BG, INK, LANDSCAPE_MARGINS,
                      MUTED, RULE, Page, Progress, available_width, build_pdf, draw_signature, esc, mark_void,
                      register_fonts, signature_block, styles)

CELL_FONT_SIZE = 7.5
SIGN_HEIGHT = 0.82 * cm  # the signature space of one row (the row grows with wrapped text)
# Longest text printed per cell: a row must always fit on a page (ReportLab refuses a taller
# row), whatever reached the database; real values are far shorter (names <= 200).
LIMITS = {"name": 600, "nip": 40, "rank": 80, "jabatan": 400, "opd": 300, "phone": 40}
VOID_TEXTS = ("TIDAK MENCAKUP TEKS INI", "BUKAN VERSI INI", "VERSI LAMA")  # the longest that fits
COLUMNS = ("No", "Nama", "NIP", "Pangkat/Gol", "Jabatan", "Instansi/OPD", "No. HP", "TANDA TANGAN")


@dataclass(frozen=True)
class Signer:
    """A signature block printed for wet ink: place and date, position, name, rank, NIP."""
    place_date: str
    position: str
    name: str = ""  # "" prints a dotted line to write the name on
    rank: str = ""
    nip: str = ""


@dataclass(frozen=True)
class AttendanceRow:
    name: str
    nip: str = "-"  # already formatted ("19780512 200312 1 004") or "-"
    rank: str = ""  # "Pembina Tk. I (IV/b)"
    jabatan: str = ""
    opd: str = ""
    phone: str = ""
    mode: str = ""  # signed (strokes captured) | paper (signed on a paper sheet) | "" (not yet)
    signature: object | None = None  # domain.signature.Signature for mode "signed"


@dataclass(frozen=True)
class AttendanceSheet:
    heading: tuple[str, ...]  # centred bold lines: "DAFTAR HADIR", the event, the stage, the region
    info: tuple[tuple[str, str], ...]  # ("Hari/Tanggal", "Selasa, 22 September 2026"), ("Waktu", ...)
    rows: tuple[AttendanceRow, ...] = ()
    blank_rows: int = 0  # empty numbered rows after `rows` (walk-ins, a form for wet ink)
    fill_last_page: bool = False  # add empty rows until the last page is full (blank form)
    empty_note: str = ""  # shown instead of rows when there are none and no blank rows
    organiser: Signer | None = None
    paper: str = "A4"
    title: str = "Daftar hadir"  # PDF metadata
    footer: str = ""
    notes: tuple[str, ...] = field(default=())  # small print under the table


def fitted(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """One line of text shrunk (down to 4.5 pt), then cut, to fit `width`."""
    while size > 4.5 and stringWidth(text, font, size) > width:
        size -= 0.25
    while len(text) > 1 and stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    return text, size


def _simplified(points, eps: float, aspect: float) -> tuple:
    """Ramer-Douglas-Peucker: the points that matter at tolerance `eps` (first and last kept)."""
    if len(points) < 3:
        return tuple(points)
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay, bx, by = points[a][0] * aspect, points[a][1], points[b][0] * aspect, points[b][1]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = -1.0, None
        for i in range(a + 1, b):
            px, py = points[i][0] * aspect - ax, points[i][1] - ay
            d = abs(dy * px - dx * py) / norm if norm > 1e-12 else (px * px + py * py) ** 0.5
            if d > best:
                best, index = d, i
        if index is not None and best > eps:
            keep.add(index)
            stack += [(a, index), (index, b)]
    return tuple(points[i] for i in sorted(keep))


def print_signature(signature, tolerance: float = 0.004):
    """The strokes thinned to what a signature box on paper can show (deviation under 0.4 % of
    the signature's size, a tenth of a millimetre in a table cell): a quarter of the points, a
    PDF a third the size and twice as fast. The stored strokes are untouched."""
    strokes = getattr(signature, "strokes", None)
    if not strokes:
        return signature
    aspect = float(getattr(signature, "aspect", 1.0) or 1.0)
    xs = [p[0] * aspect for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    eps = tolerance * max(max(xs) - min(xs), max(ys) - min(ys), 1e-6)
    return SimpleNamespace(strokes=tuple(_simplified(s, eps, aspect) for s in strokes), aspect=aspect)


class SignCell(Flowable):
    """One half of a signature cell: the row's number ("3.") top left, the captured strokes
    as vector paths (optionally marked void), and a small note at the bottom."""

    def __init__(self, label: str, width: float, height: float, signature=None, note: str = "",
                 void: bool = False) -> None:
        super().__init__()
        self.label, self.width, self.height = label, width, height
        self.signature, self.note, self.void = print_signature(signature), note, void

    def wrap(self, *_args):
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(INK)
        c.setFont(FONT_NARROW, CELL_FONT_SIZE)
        c.drawString(0, self.height - CELL_FONT_SIZE, self.label)
        left = stringWidth("000. ", FONT_NARROW, CELL_FONT_SIZE)
        bottom = 6.5 if self.note else 0
        if self.signature is not None:
            draw_signature(c, self.signature, left, bottom, self.width - left, self.height - bottom)
            if self.void:
                room = self.width - left
                text = next((t for t in VOID_TEXTS if stringWidth(t, FONT_BOLD, 6) <= room), VOID_TEXTS[-1])
                mark_void(c, left, bottom, room, self.height - bottom, text)
        if self.note:
            text, size = fitted(self.note, FONT_ITALIC, 5.5, self.width - 2)
            c.setFont(FONT_ITALIC, size)
            c.setFillColor(MUTED)
            c.drawCentredString(self.width / 2, 1, text)
            c.setFillColor(INK)


def zigzag_cells(number: int, half: float, height: float, signature=None, note: str = "",
                 void: bool = False) -> list:
    """The two halves of row `number`'s signature cell: odd rows sign left, even rows right."""
    cell = SignCell(f"{number}.", half - 4, height, signature, note, void)
    return [cell, ""] if number % 2 else ["", cell]


def zigzag_style(first_row: int, sig_col: int) -> list:
    """Ruling for a table whose last two columns (from `sig_col`) are the signature halves:
    full grid elsewhere, no line between the halves, a line under every row."""
    return [
        ("GRID", (0, first_row), (sig_col - 1, -1), 0.5, RULE),
        ("BOX", (sig_col, first_row), (-1, -1), 0.5, RULE),
        ("LINEBELOW", (sig_col, first_row), (-1, -1), 0.5, RULE),
        ("SPAN", (sig_col, first_row), (-1, first_row)),
        ("BACKGROUND", (0, first_row), (-1, first_row), HEADER_BG),
        ("VALIGN", (0, first_row), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, first_row), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, first_row), (-1, -1), 2.5),
        ("TOPPADDING", (0, first_row), (-1, -1), 2),
        ("BOTTOMPADDING", (0, first_row), (-1, -1), 2),
        ("LEFTPADDING", (sig_col, first_row + 1), (-1, -1), 3),
        ("RIGHTPADDING", (sig_col, first_row + 1), (-1, -1), 1),
    ]


def cell_styles() -> dict[str, ParagraphStyle]:
    st = styles(CELL_FONT_SIZE + 2)
    st["head"] = ParagraphStyle("head", parent=st["cell_bold"], alignment=TA_CENTER)
    st["num"] = ParagraphStyle("num", parent=st["cell"], alignment=TA_CENTER)
    st["note"] = ParagraphStyle("note", parent=st["cell"], fontName=FONT_ITALIC, textColor=MUTED,
                                alignment=TA_CENTER)
    return st


def _widths(total: float) -> list[float]:
    """No | Nama | NIP | Pangkat/Gol | Jabatan | Instansi/OPD | No. HP | sign left | sign right."""
    pad = 5 + 1
    no = stringWidth("000", FONT_NARROW_BOLD, CELL_FONT_SIZE) + pad
    nip = stringWidth("19780512 200312 1 004", FONT_NARROW, CELL_FONT_SIZE) + pad
    phone = stringWidth("0812-3456-78901", FONT_NARROW, CELL_FONT_SIZE) + pad
    rank = stringWidth("Pembina Tk. I (IV/b)", FONT_NARROW, CELL_FONT_SIZE) + pad
    half = max(2.4 * cm, total * 0.095)
    rest = total - no - nip - phone - rank - 2 * half
    return [no, rest * 0.37, nip, rank, rest * 0.33, rest * 0.30, phone, half, half]


def _heading(sheet: AttendanceSheet, width: float) -> list:
    st = styles(10)
    title = ParagraphStyle("t", parent=st["title"], fontSize=13, leading=16)
    sub = ParagraphStyle("s", parent=st["title"], fontSize=10, leading=12.5, spaceAfter=0)
    out = [Paragraph(esc(line), title if i == 0 else sub) for i, line in enumerate(sheet.heading)]
    if sheet.info:
        label = max(stringWidth(k, FONT_BOLD, 9) for k, _ in sheet.info) + 6
        info = Table([[Paragraph(esc(k), st["small"]), ":", Paragraph(esc(v, 300), st["small"])]
                      for k, v in sheet.info], colWidths=[label, 8, width - label - 8])
        info.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5), ("FONTNAME", (0, 0), (-1, -1), FONT_ITALIC),
                                  ("FONTSIZE", (0, 0), (-1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        out += [Spacer(1, 6), info]
    return out + [Spacer(1, 4)]


def _row(number: int, row: AttendanceRow | None, widths: list[float], st) -> list:
    if row is None:  # an empty numbered row
        return [Paragraph(str(number), st["num"]), "", "", "", "", "", ""] + zigzag_cells(
            number, widths[-1], SIGN_HEIGHT)
    note = "tanda tangan di kertas" if row.mode == "paper" else ""
    signature = row.signature if row.mode == "signed" else None
    cells = [Paragraph(str(number), st["num"])]
    for key in ("name", "nip", "rank", "jabatan", "opd", "phone"):
        cells.append(Paragraph(esc(getattr(row, key), LIMITS[key]), st["cell"]))
    return cells + zigzag_cells(number, widths[-1], SIGN_HEIGHT, signature, note)


def _organiser(sheet: AttendanceSheet, width: float) -> list:
    if sheet.organiser is None:
        return []
    o = sheet.organiser
    block_w = min(8.5 * cm, width * 0.4)
    block = signature_block(o.place_date, o.position, o.name, o.rank, o.nip, width=block_w, st=styles(9.5))
    holder = Table([["", block]], colWidths=[width - block_w, block_w])
    holder.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [Spacer(1, 0.5 * cm), holder]


def _frame_height(page: Page) -> float:
    m = LANDSCAPE_MARGINS
    return page.size[1] - m["topMargin"] - m["bottomMargin"] - 12  # the frame's own padding


def _blank_count(sheet: AttendanceSheet, page: Page, table_head: Table, tail: list, width: float,
                 widths: list[float], st) -> int:
    """Empty rows for a form: at least `sheet.blank_rows`, and as many more as fill the last
    page with the organiser's block still on it."""
    probe = Table([_row(1, None, widths, st)], colWidths=widths)
    probe.setStyle(TableStyle([x for x in zigzag_style(0, 7) if x[0] not in ("SPAN", "BACKGROUND")]))
    row_h = probe.wrap(width, 10_000)[1]
    room = _frame_height(page) - table_head.wrap(width, 10_000)[1]
    per_page = int(room // row_h)
    tail_h = sum(f.wrap(width, 10_000)[1] for f in tail) + 4
    last = int((room - tail_h) // row_h)  # rows that fit beside the organiser's block
    if per_page < 1 or last < 1:
        return sheet.blank_rows
    wanted = len(sheet.rows) + sheet.blank_rows
    pages = 1 if wanted <= last else 1 + -(-(wanted - last) // per_page)
    return (pages - 1) * per_page + last - len(sheet.rows)


def _paginate(rows: list, style: TableStyle, widths: list[float], width: float, page: Page, tail: list) -> list:
    """The table, then the notes and the organiser's block on the page of the last rows: when
    they would land alone on a page, the last rows move over with them (heading repeated)."""
    table = Table(rows, colWidths=widths, repeatRows=2)
    table.setStyle(style)
    frame = _frame_height(page)
    table.wrap(width, frame)
    heights = table._rowHeights
    head = heights[0] + heights[1]
    used = head
    for h in heights[2:]:  # ReportLab's own rule: a row that does not fit starts the next page
        if used + h > frame:
            used = head
        used += h
    tail_h = sum(f.wrap(width, frame)[1] for f in tail)
    moved = 3
    if not tail or used + tail_h <= frame - 2 or len(rows) - 2 <= moved:
        return [table] + ([KeepTogether(tail)] if tail else [])
    first = Table(rows[:-moved], colWidths=widths, repeatRows=2)
    first.setStyle(style)
    last = Table(rows[:2] + rows[-moved:], colWidths=widths, repeatRows=2)
    last.setStyle(style)
    return [first, PageBreak(), last, KeepTogether(tail)]


def render_attendance(sheet: AttendanceSheet, out, progress: Progress | None = None) -> int:
    """Write the daftar hadir to `out`; returns the number of pages."""
    register_fonts()
    progress = progress or Progress()
    page = Page(paper=sheet.paper, landscape=True, title=sheet.title, footer=sheet.footer)
    width = available_width(page)
    widths = _widths(width)
    st = cell_styles()
    head = [_heading(sheet, width)] + [""] * 8
    columns = [Paragraph(esc(c), st["head"]) for c in COLUMNS] + [""]
    base_style = [("SPAN", (0, 0), (-1, 0)), ("LEFTPADDING", (0, 0), (-1, 0), 0),
                  ("RIGHTPADDING", (0, 0), (-1, 0), 0), ("BOTTOMPADDING", (0, 0), (-1, 0), 4)]
    base_style += zigzag_style(1, 7)
    tail = _organiser(sheet, width)
    blank = sheet.blank_rows
    if sheet.fill_last_page:
        probe = Table([head, columns], colWidths=widths)
        probe.setStyle(TableStyle(base_style))
        blank = _blank_count(sheet, page, probe, tail, width, widths, st)
    rows, total = [head, columns], len(sheet.rows) + blank
    for i, person in enumerate(sheet.rows, 1):
        if i % 20 == 0:
            progress.step(i, total)
        rows.append(_row(i, person, widths, st))
    for i in range(len(sheet.rows) + 1, total + 1):
        rows.append(_row(i, None, widths, st))
    style = list(base_style)
    if total == 0:
        rows.append([Paragraph(esc(sheet.empty_note or "Belum ada peserta."), st["note"])] + [""] * 8)
        style += [("SPAN", (0, 2), (-1, 2)), ("TOPPADDING", (0, 2), (-1, 2), 10),
                  ("BOTTOMPADDING", (0, 2), (-1, 2), 10)]
    notes = [Paragraph(esc(n), styles(8.5)["muted"]) for n in sheet.notes]
    story = _paginate(rows, TableStyle(style), widths, width, page, ([Spacer(1, 3)] + notes if notes else []) + tail)
    progress.step(total, total)
    return build_pdf(out, story, page, progress)
