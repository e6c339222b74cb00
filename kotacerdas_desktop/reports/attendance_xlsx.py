"""The daftar hadir as an Excel workbook: the same columns as the PDF, the signature column
as "Ya (layar)" / "Ya (kertas)" / "" (not present or not yet signed).

Every user text is written as an explicit string through `safe_cell` (a name "=cmd|..."
stays text); NIP and phone numbers are strings with the Text number format, so no digit is
lost. Header frozen, auto filter on, widths fitted, landscape on the region's paper.
"""
from __future__ import annotations

import io

from .attendance_pdf import AttendanceSheet
from .pdfbase import Progress
from .people_export import PAPER_CODES, XLSX_CELL_LIMIT, print_setup, safe_cell

HEADER = ("No", "Nama", "NIP", "Pangkat/Gol", "Jabatan", "Instansi/OPD", "No. HP", "Tanda tangan")
KEYS = ("no", "name", "nip", "rank", "jabatan", "opd", "phone", "mode")
MODES = {"signed": "Ya (layar)", "paper": "Ya (kertas)"}
TEXT_KEYS = {"nip", "phone"}
MAX_WIDTH = 60


def _text(cell, value: str) -> None:
    cell.value = safe_cell(value)[:XLSX_CELL_LIMIT]
    cell.data_type = "s"  # never a formula or an error value


def _values(row) -> dict[str, str]:
    return {"name": row.name, "nip": row.nip, "rank": row.rank, "jabatan": row.jabatan, "opd": row.opd,
            "phone": row.phone, "mode": MODES.get(row.mode, "")}


def render_attendance_xlsx(sheet: AttendanceSheet, out, progress: Progress | None = None) -> int:
    """Write the workbook to the binary file object `out`; returns the number of data rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    progress = progress or Progress()
    wb = Workbook()
    wb.properties.creator = "Kota Cerdas Desktop"
    wb.properties.title = safe_cell(sheet.title)[:200]
    ws = wb.active
    ws.title = "Daftar hadir"
    last_col = get_column_letter(len(HEADER))
    r = 1
    for i, line in enumerate(sheet.heading):
        cell = ws.cell(row=r, column=1)
        _text(cell, line)
        cell.font = Font(bold=True, size=14 if i == 0 else 11)
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(f"A{r}:{last_col}{r}")
        r += 1
    for label, value in sheet.info:
        _text(ws.cell(row=r, column=1), label)
        ws.cell(row=r, column=1).font = Font(bold=True)
        _text(ws.cell(row=r, column=2), value)
        ws.merge_cells(f"B{r}:{last_col}{r}")
        r += 1
    r += 1
    header_row = r
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill(fill_type="solid", start_color="E8ECEF", end_color="E8ECEF")
    widths = [len(h) + 2 for h in HEADER]
    for c, label in enumerate(HEADER, 1):
        cell = ws.cell(row=header_row, column=c)
        _text(cell, label)
        cell.font, cell.fill, cell.border = Font(bold=True), fill, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    rows = [_values(x) for x in sheet.rows] + [{} for _ in range(sheet.blank_rows)]
    top = Alignment(vertical="top", wrap_text=True)
    for n, values in enumerate(rows, 1):
        if n % 100 == 0:
            progress.step(n, len(rows))
        r = header_row + n
        no = ws.cell(row=r, column=1, value=n)
        no.border, no.alignment = border, top
        for c, key in enumerate(KEYS[1:], 2):
            cell = ws.cell(row=r, column=c)
            _text(cell, values.get(key, ""))
            if key in TEXT_KEYS:
                cell.number_format = "@"
            cell.border, cell.alignment = border, top
            widths[c - 1] = max(widths[c - 1], min(MAX_WIDTH, len(str(cell.value or "")[:MAX_WIDTH]) + 2))
    last_row = header_row + max(len(rows), 1)
    if not rows:
        _text(ws.cell(row=header_row + 1, column=2), sheet.empty_note or "Belum ada peserta.")
    widths[0] = 5
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last_col}{last_row}"
    r = last_row + 2
    for note in sheet.notes:
        _text(ws.cell(row=r, column=1), note)
        ws.cell(row=r, column=1).font = Font(italic=True, size=9)
        r += 1
    print_setup(ws, PAPER_CODES.get(sheet.paper.upper(), PAPER_CODES["A4"]), header_row)
    buf = io.BytesIO()  # built fully first: a failure leaves nothing half written
    wb.save(buf)
    out.write(buf.getvalue())
    progress.step(len(rows), len(rows))
    return len(rows)
