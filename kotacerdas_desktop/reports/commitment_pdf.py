"""The lembar komitmen (commitment sheet) as PDF, portrait, over as many pages as it takes.

The text of the current version (title lines centred, numbered commitments kept as lines),
place and date, the officials' signature blocks (two or three a row), then the grid of the
heads of OPD (No | Nama | Jabatan/OPD | Tanda tangan, signed zig-zag), then any witness.
Every page carries the verification code in its footer and as a QR code in the top right
corner. A signature that does not cover the current text is drawn struck through with
"(menandatangani versi N)".

Plain data in (`CommitmentSheet`), PDF out; no database, no Qt.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from .attendance_pdf import cell_styles, zigzag_cells, zigzag_style
from .pdfbase import (FONT, FONT_BOLD, MUTED, Page, Progress, SignatureFlowable, available_width,
                      build_pdf, esc, placeholder, qr_drawing, register_fonts, signature_block, styles)

SIGN_HEIGHT = 1.05 * cm
QR_SIZE = 1.55 * cm
LIMITS = {"name": 400, "position": 300, "line": 20_000}
_NUMBERED = re.compile(r"^\s*((?:\d{1,3}|[a-zA-Z])[.)])\s+(.*)$")
_BULLET = re.compile(r"^\s*([-•*])\s+(.*)$")


@dataclass(frozen=True)
class Signatory:
    name: str  # "" prints a dotted line (a block to fill in by hand)
    position: str  # "Wali Kota Contoh", or the jabatan of a head of OPD
    opd: str = ""  # the OPD when the jabatan does not already name it
    nip: str = ""  # formatted, or ""
    rank: str = ""
    signature: object | None = None  # domain.signature.Signature to draw, or None (wet ink)
    void: bool = False  # the signature covers an earlier version of the text
    note: str = ""  # "(menandatangani versi 1)"


@dataclass(frozen=True)
class CommitmentSheet:
    text: str  # the current version's text
    place_date: str  # "Contoh, 22 November 2026"
    officials: tuple[Signatory, ...] = ()
    heads: tuple[Signatory, ...] = ()
    witnesses: tuple[Signatory, ...] = ()
    heads_title: str = "KEPALA PERANGKAT DAERAH"
    blank_heads: int = 0  # empty numbered rows after the heads (wet ink, names written by hand)
    empty_heads_note: str = ""
    code: str | None = None
    version: int = 1
    text_sha256: str = ""
    paper: str = "A4"
    logo: bytes | None = None
    notes: tuple[str, ...] = ()  # small print at the end
    title: str = "Lembar komitmen"  # PDF metadata


def split_title(text: str) -> tuple[list[str], list[str]]:
    """(title lines, body lines): the lines before the first empty line are the title when they
    look like one (at most six short lines); otherwise the title is 'LEMBAR KOMITMEN'."""
    lines = (text or "").replace("\r\n", "\n").split("\n")
    head = []
    for line in lines:
        if not line.strip():
            break
        head.append(line.strip())
    if head and len(head) <= 6 and all(len(x) <= 150 for x in head):
        return head, lines[len(head):]
    return ["LEMBAR KOMITMEN"], lines


def _body(lines: list[str], st) -> list:
    body = ParagraphStyle("cbody", parent=st["body"], spaceAfter=2)
    item = ParagraphStyle("citem", parent=body, leftIndent=20, bulletIndent=2, bulletFontName=FONT,
                          bulletFontSize=body.fontSize)
    out: list = []
    for line in lines:
        if not line.strip():
            if out and not isinstance(out[-1], Spacer):
                out.append(Spacer(1, 6))
            continue
        numbered = _NUMBERED.match(line) or _BULLET.match(line)
        if numbered:
            out.append(Paragraph(esc(numbered.group(2), LIMITS["line"]), item,
                                 bulletText=numbered.group(1).replace("*", "•")))
        else:
            out.append(Paragraph(esc(line.strip(), LIMITS["line"]), body))
    return out


def _void(block: Table) -> Table:
    """Mark the signature inside a signature block as not covering the current text."""
    for row in block._cellvalues:
        for cell in row:
            if isinstance(cell, SignatureFlowable):
                cell.void = True
    return block


def _block(s: Signatory, width: float, st) -> list:
    dots = "." * int((width - 6) / stringWidth(".", FONT_BOLD, st["block"].fontSize))
    block = signature_block("", s.position, s.name or dots, s.rank, s.nip, signature=s.signature, width=width,
                            st={"left": st["block"]})
    out = [_void(block) if s.void else block]
    if s.note:
        out.append(Paragraph(esc(s.note), st["note"]))
    return out


def _rows_of(n: int) -> list[int]:
    """How many blocks each row holds: 4 -> 2 + 2, otherwise threes (5 -> 3 + 2)."""
    if n == 4:
        return [2, 2]
    return [min(3, n - i) for i in range(0, n, 3)]


def _blocks(people: tuple[Signatory, ...], width: float, st) -> list:
    out, i = [], 0
    for count in _rows_of(len(people)):
        col = width / count
        cells = [_block(s, min(col - 0.5 * cm, 8 * cm), st) for s in people[i:i + count]]
        i += count
        row = Table([cells], colWidths=[col] * count)
        row.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        out += [row, Spacer(1, 0.35 * cm)]
    return out


def _heads(sheet: CommitmentSheet, width: float, progress: Progress) -> list:
    st = cell_styles()
    no = 0.8 * cm
    half = width * 0.16
    name_w = (width - no - 2 * half) * 0.48
    widths = [no, name_w, width - no - 2 * half - name_w, half, half]
    header = [Paragraph(esc(x), st["head"]) for x in ("No", "Nama", "Jabatan/OPD", "TANDA TANGAN")] + [""]
    rows: list = [header]
    total = len(sheet.heads) + sheet.blank_heads
    for n, s in enumerate(sheet.heads, 1):
        if n % 20 == 0:
            progress.step(n, total)
        name = f"<b>{esc(s.name, LIMITS['name'])}</b>" + (f"<br/>NIP. {esc(s.nip, 40)}" if s.nip else "")
        post = esc(s.position, LIMITS["position"]) + (f"<br/>{esc(s.opd, LIMITS['position'])}" if s.opd else "")
        rows.append([Paragraph(str(n), st["num"]), Paragraph(name, st["cell"]), Paragraph(post, st["cell"])]
                    + zigzag_cells(n, half, SIGN_HEIGHT, s.signature, s.note, s.void))
    for n in range(len(sheet.heads) + 1, total + 1):
        rows.append([Paragraph(str(n), st["num"]), "", ""] + zigzag_cells(n, half, SIGN_HEIGHT))
    style = zigzag_style(0, 3)
    if total == 0:
        rows.append([placeholder(sheet.empty_heads_note or "Belum ada kepala perangkat daerah.")] + [""] * 4)
        style += [("SPAN", (0, 1), (-1, 1)), ("TOPPADDING", (0, 1), (-1, 1), 8), ("BOTTOMPADDING", (0, 1), (-1, 1), 8)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    heading = Paragraph(f"<b>{esc(sheet.heads_title)}</b>", ParagraphStyle(
        "ht", parent=styles()["center"], spaceBefore=4, spaceAfter=6))
    return [CondPageBreak(5 * cm), heading, table]  # the heading never ends a page alone


def _logo(data: bytes | None):
    if not data:
        return None
    try:
        image = Image(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - a damaged logo never stops the document
        return None
    scale = 2.0 * cm / max(image.imageHeight, 1)
    image.drawHeight, image.drawWidth = 2.0 * cm, image.imageWidth * scale
    return image


def _on_page(sheet: CommitmentSheet):
    drawing = qr_drawing(sheet.code, QR_SIZE) if sheet.code else None

    def draw(canvas, doc, _n):
        width, height = doc.pagesize
        x, y = width - doc.rightMargin - QR_SIZE, height - QR_SIZE - 0.3 * cm
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 7)
        label = f"Kode verifikasi {sheet.code}" if sheet.code else "Kode verifikasi: belum ada"
        canvas.drawRightString(x - 4 if drawing else width - doc.rightMargin, y + QR_SIZE / 2 - 2, label)
        if drawing is not None:
            renderPDF.draw(drawing, canvas, x, y)
        canvas.restoreState()
    return draw


def render_commitment(sheet: CommitmentSheet, out, progress: Progress | None = None) -> int:
    """Write the commitment sheet to `out`; returns the number of pages."""
    register_fonts()
    progress = progress or Progress()
    footer = f"Kode verifikasi: {sheet.code or 'belum ada'} · teks versi {sheet.version}"
    page = Page(paper=sheet.paper, landscape=False, title=sheet.title, footer=footer, on_page=_on_page(sheet))
    width = available_width(page)
    st = styles(11)
    st["block"] = ParagraphStyle("block", parent=st["center"], fontSize=10, leading=13)
    st["note"] = ParagraphStyle("vnote", parent=st["center"], fontSize=8, leading=10, textColor=MUTED)
    title_lines, body = split_title(sheet.text)
    story: list = []
    logo = _logo(sheet.logo)
    if logo is not None:
        story += [logo, Spacer(1, 0.3 * cm)]
    title = ParagraphStyle("ctitle", parent=st["title"], fontSize=13, leading=17, spaceAfter=0)
    story += [Paragraph(f"<b>{esc(x, 150)}</b>", title) for x in title_lines]
    story.append(Spacer(1, 0.5 * cm))
    story += _body(body, st) or [placeholder("Teks komitmen belum diisi.", st)]
    progress.check()
    date_style = ParagraphStyle("pd", parent=st["body"], alignment=TA_RIGHT, spaceBefore=14, spaceAfter=10)
    place = Paragraph(esc(sheet.place_date), date_style)
    official = _blocks(sheet.officials, width, st)
    story.append(KeepTogether([place] + official[:2]) if official else place)
    story += official[2:]
    story += _heads(sheet, width, progress)
    if sheet.witnesses:
        story += [Spacer(1, 0.6 * cm)] + _blocks(sheet.witnesses, width, st)
    if sheet.notes:
        small = ParagraphStyle("cn", parent=st["muted"], fontSize=7.5, leading=9.5)
        story += [Spacer(1, 0.4 * cm)] + [Paragraph(esc(n), small) for n in sheet.notes]
    return build_pdf(out, story, page, progress)

