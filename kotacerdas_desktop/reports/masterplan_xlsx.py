"""Masterplan tables as an Excel workbook: one sheet per table, ready to filter and print.

A pure renderer: it takes `Sheet`s of plain values and writes an .xlsx to a binary file
object. No database, no Qt. The layout follows the participant export (people_export):
row 1 the title, row 2 a subtitle, row 4 the column labels, data from row 5; panes frozen
under the labels, an auto filter over the table, widths fitted, long text wrapped, landscape
A4 or F4 fitted to the page width with the label row repeated on every printed page.

Spreadsheet safety: every text cell (labels and titles too, a criterion's name is user
text) goes through `safe_cell` and is stored as an explicit string, so nothing typed in the
workshop can become a formula. Money, years and scores are real numbers with a number format.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO, Sequence

from .pdfbase import Progress
from .people_export import PAPER_CODES, XLSX_CELL_LIMIT, display_width, print_setup, safe_cell

__all__ = ["Column", "Sheet", "EMPTY_TEXT", "HEADER_ROW", "MONEY_FORMAT", "write_workbook"]

HEADER_ROW = 4  # 1 title, 2 subtitle, 3 empty, 4 column labels, 5.. data
EMPTY_TEXT = "Belum ada data"
MONEY_FORMAT = "#,##0"
_FORMATS = {"money": MONEY_FORMAT, "int": "0", "year": "0", "score": "0.00", "date": "DD/MM/YYYY"}
_NUMERIC = frozenset(_FORMATS) - {"date"}
MAX_WIDTH = 45  # a short text column never grows wider than this (it wraps)
LONG_WIDTH = 55  # long text (uraian, masalah, capaian) wraps at this width


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text | long | int | year | money | score | date
    width: int = 0  # 0: fitted to the content


@dataclass
class Sheet:
    name: str  # the tab (at most 31 characters, none of []:*?/\)
    title: str  # row 1
    subtitle: str  # row 2
    columns: list[Column]
    rows: list[list[Any]]
    totals: list[Any] | None = None  # a row under the table, outside the filter (stays last when sorting)
    freeze_columns: int = 0  # columns kept in view when scrolling sideways (e.g. No and Program)
    empty_text: str = EMPTY_TEXT


def _text(value: Any) -> str:
    text = safe_cell(value)
    return text if len(text) <= XLSX_CELL_LIMIT else text[: XLSX_CELL_LIMIT - 1] + "\u2026"


def _put(ws, row: int, col: int, value: Any, kind: str = "text"):
    """One cell: numbers as numbers (with the column's format), everything else as explicit text."""
    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        return cell
    if kind in _NUMERIC and isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.value = value
        cell.number_format = _FORMATS[kind]
    elif kind == "date" and isinstance(value, date):
        cell.value = value
        cell.number_format = _FORMATS[kind]
    else:
        cell.value = _text(value)
        cell.data_type = "s"  # never 'f' (formula) or 'e' (error) for user text
    return cell


def _shown_width(value: Any, kind: str) -> int:
    if value is None or value == "":
        return 0
    if kind == "money" and isinstance(value, (int, float)):
        return len(f"{value:,.0f}")
    if kind == "score" and isinstance(value, (int, float)):
        return len(f"{value:.2f}")
    if kind == "date":
        return 10
    return display_width(str(value)[:400])


def _write_sheet(wb, sheet: Sheet, paper_code: int, progress: Progress) -> int:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(sheet.name[:31])
    ncols = max(len(sheet.columns), 1)
    last_col = get_column_letter(ncols)
    for row, text, font in ((1, sheet.title, Font(bold=True, size=14)), (2, sheet.subtitle, Font(italic=True))):
        cell = _put(ws, row, 1, text)
        cell.font = font
        cell.alignment = Alignment(horizontal="left", vertical="center")
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
    head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    number_align = Alignment(vertical="top", horizontal="right")
    plain = Alignment(vertical="top")

    widths = []
    for c, column in enumerate(sheet.columns, start=1):
        cell = _put(ws, HEADER_ROW, c, column.label)
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.border = border
        cell.alignment = head_align
        # a label wraps in its cell: its longest word sets the floor, not the whole label
        widths.append(max([6] + [display_width(w) for w in column.label.split()]))

    rows = sheet.rows or [[sheet.empty_text]]
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        if r % 200 == 0:
            progress.check()
        for c, column in enumerate(sheet.columns, start=1):
            value = values[c - 1] if c - 1 < len(values) else None
            kind = column.kind if sheet.rows else "text"
            cell = _put(ws, r, c, value, kind)
            cell.border = border
            if not sheet.rows:  # "Belum ada data" spills over the empty cells beside it
                cell.alignment = plain
            else:
                cell.alignment = number_align if kind in _NUMERIC else wrap
            if sheet.rows:
                widths[c - 1] = max(widths[c - 1], _shown_width(value, kind))

    last_row = HEADER_ROW + len(rows)
    if sheet.totals is not None:
        r = last_row + 1
        for c, column in enumerate(sheet.columns, start=1):
            value = sheet.totals[c - 1] if c - 1 < len(sheet.totals) else None
            cell = _put(ws, r, c, value, column.kind)
            cell.font = Font(bold=True)
            cell.border = border
            cell.alignment = number_align if column.kind in _NUMERIC else plain
            widths[c - 1] = max(widths[c - 1], _shown_width(value, column.kind))

    for c, column in enumerate(sheet.columns, start=1):
        if column.width:
            width = column.width
        elif column.kind == "long":
            width = min(LONG_WIDTH, max(widths[c - 1], 12))
        else:
            width = min(MAX_WIDTH, widths[c - 1])
        ws.column_dimensions[get_column_letter(c)].width = width + 2

    ws.freeze_panes = f"{get_column_letter(sheet.freeze_columns + 1)}{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"
    print_setup(ws, paper_code, HEADER_ROW)
    return len(sheet.rows)


def write_workbook(out: BinaryIO, sheets: Sequence[Sheet], *, title: str = "", paper: str = "A4",
                   progress: Progress | None = None) -> int:
    """Write the sheets, in order, as one workbook to `out`. Returns the number of data rows.
    The workbook is built in memory first, so a failure writes nothing to `out`."""
    from openpyxl import Workbook

    progress = progress or Progress()
    paper_code = PAPER_CODES.get(str(paper or "A4").strip().upper(), PAPER_CODES["A4"])
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "Kota Cerdas Desktop"
    wb.properties.title = safe_cell(title)
    rows = 0
    for i, sheet in enumerate(sheets):
        progress.step(i, len(sheets))
        rows += _write_sheet(wb, sheet, paper_code, progress)
    progress.step(len(sheets), len(sheets))
    buf = io.BytesIO()
    wb.save(buf)
    out.write(buf.getvalue())
    return rows
