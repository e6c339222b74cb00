"""Export the participant roster to Excel (.xlsx) and CSV.

Pure renderers: they take plain row dicts (keys of `EXPORT_COLUMNS`) and write a
file. No Qt, no database. openpyxl is imported only when an .xlsx is made (it
costs start-up time; see STACK.md).

Spreadsheet safety (formula / CSV injection)
--------------------------------------------
Text typed by users ends up in cells. A cell whose text starts with ``=``, ``+``,
``-`` or ``@`` (also after leading whitespace) can be run as a formula by Excel or
LibreOffice, e.g. ``=HYPERLINK("http://x","klik")``. `safe_cell` prefixes such text
with an apostrophe so it is shown as text.

* CSV: *every* cell goes through `safe_cell`. That includes phone numbers, so
  ``+6281234567890`` is written as ``'+6281234567890``. We accept that: a CSV has
  no types, and a leading ``+`` is a formula trigger when the file is opened in
  Excel. Importers strip the apostrophe again (`restore_cell`, and the NIP/phone
  parsers in ``domain.people`` already do). NIPs are written as plain digits:
  Excel will show them as 1.97805E+17 if the CSV is opened by double-click.
  The CSV is for re-import and for other tools; the .xlsx is the Excel-safe format.
  (We do NOT write ``="1978..."``: that is itself a formula.)
* XLSX: every text cell is written as an explicit string (``data_type 's'``), so
  nothing can become a formula or an error value (openpyxl would otherwise turn
  "=..." into a formula and "#N/A" into an error). User text still goes through
  `safe_cell`, so the cell keeps being text when someone edits it in Excel or
  copies it to a CSV. NIP and phone values that look like numbers (optional "+",
  then digits, spaces, dots, dashes, brackets) are written unchanged, as strings
  with number format ``@`` (Text), so "197805122003121004" keeps all 18 digits.
"""
from __future__ import annotations

import csv
import errno
import io
import os
import re
import secrets
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

__all__ = [
    "EXPORT_COLUMNS", "HEADER_ROW", "SHEET_TITLE", "XLSX_CELL_LIMIT", "ExportError",
    "safe_cell", "restore_cell", "write_people_xlsx", "write_people_csv",
]

EXPORT_COLUMNS: list[tuple[str, str]] = [
    ("no", "No"),
    ("prefix", "Gelar depan"),
    ("name", "Nama"),
    ("suffix", "Gelar belakang"),
    ("full_name", "Nama lengkap"),
    ("nip", "NIP"),
    ("golongan", "Pangkat/Gol."),
    ("jabatan", "Jabatan"),
    ("opd", "OPD"),
    ("phone", "No. HP"),
    ("email", "Email"),
    ("gender", "L/P"),
    ("category", "Kategori"),
    ("review_note", "Catatan pemeriksaan"),
    ("id", "ID"),
]

SHEET_TITLE = "Peserta"
HEADER_ROW = 4            # 1 title, 2 subtitle, 3 empty, 4 header, 5.. data
XLSX_CELL_LIMIT = 32_767  # Excel refuses (asks to "repair") longer cell text
MAX_COLUMN_WIDTH = 60
TEXT_KEYS = frozenset({"nip", "phone"})

# Paper sizes as Excel codes. Excel has no "F4"; Folio (8.5 x 13 in = 216 x 330 mm)
# is the same sheet within a millimetre and is what Indonesian offices pick.
PAPER_CODES = {"A4": 9, "F4": 14, "FOLIO": 14}

_FORMULA_TRIGGERS = "=+-@"
# Text that needs the apostrophe: optional apostrophes already there (so that
# `restore_cell` can undo exactly one), optional whitespace, then a trigger.
_NEEDS_QUOTE = re.compile(r"'*\s*[=+\-@]")
_QUOTED = re.compile(r"'+\s*[=+\-@]")
_DASH_PLACEHOLDER = re.compile(r"\s*-+\s*")        # "-" = "no NIP": harmless, keep it
_NUMBER_LIKE = re.compile(r"\+?\d[\d .()/\-]*")     # NIP / phone written as-is in xlsx


class ExportError(OSError):
    """Writing an export failed; the message is plain Indonesian for the user."""


# ---------------------------------------------------------------- cell text

def _to_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def _strip_controls(text: str) -> str:
    """Tabs become spaces and CR/CRLF become LF (so words stay apart); every
    other control character, lone surrogate and U+FFFE/U+FFFF is removed.
    These are also the characters an .xlsx (XML) cannot hold."""
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs") or ch in "\ufffe\uffff":
            continue
        out.append(ch)
    return "".join(out)


def safe_cell(text: Any) -> str:
    """Text safe to put in a spreadsheet cell; always returns a str.

    Control characters other than newline are removed (tab -> space, CR -> LF).
    Text starting with = + - @ (or tab/CR, also after leading whitespace) gets a
    leading apostrophe so spreadsheets show it as text instead of running it.
    A bare dash ("-", "--", written for "none") is left alone: it cannot be a formula."""
    value = _strip_controls(_to_text(text))
    if _NEEDS_QUOTE.match(value) and not _DASH_PLACEHOLDER.fullmatch(value):
        return "'" + value
    return value


def restore_cell(text: Any) -> str:
    """Undo the apostrophe `safe_cell` added (for re-importing our own CSV).
    ``restore_cell(safe_cell(x)) == x`` for any x without control characters."""
    value = _to_text(text)
    if _QUOTED.match(value):
        return value[1:]
    return value


def _row_values(row: Any, index: int) -> list[Any]:
    if not isinstance(row, Mapping):
        raise ValueError(f"Baris ke-{index} bukan data peserta (harus berupa dict, "
                         f"bukan {type(row).__name__}).")
    return [row.get(key, "") for key, _ in EXPORT_COLUMNS]


def print_setup(ws, paper_code: int, header_row: int) -> None:
    """Landscape on the region's paper, one page wide, the header row repeated, the margins of
    the tata naskah dinas (left 3 cm for binding, top/right 2 cm, bottom 2.5 cm), page numbers."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = paper_code
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_margins.left = round(3.0 / 2.54, 2)
    ws.page_margins.right = round(2.0 / 2.54, 2)
    ws.page_margins.top = round(2.0 / 2.54, 2)
    ws.page_margins.bottom = round(2.5 / 2.54, 2)
    ws.oddFooter.center.text = "Halaman &P dari &N"


def display_width(text: str) -> int:
    """Width of the longest line in 'character cells' (wide CJK/emoji count 2)."""
    best = 0
    for line in text.split("\n"):
        width = 0
        for ch in line:
            if unicodedata.combining(ch):
                continue
            width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        best = max(best, width)
    return best


# ---------------------------------------------------------------- atomic write

def _friendly(exc: OSError, target: Path, phase: str) -> str:
    name = target.name
    if isinstance(exc, FileNotFoundError) and phase == "create":
        return f"Folder tujuan tidak ditemukan: {target.parent}. Pilih folder lain."
    if isinstance(exc, IsADirectoryError) or (phase == "replace" and target.is_dir()):
        return f"Tujuan {target} adalah folder, bukan berkas. Beri nama berkas."
    if isinstance(exc, PermissionError):
        if phase == "replace" and target.exists():
            return (f"Berkas tujuan sedang dibuka di Excel atau program lain ({name}). "
                    "Tutup berkas itu lalu coba lagi.")
        return f"Tidak ada izin menulis di folder {target.parent}. Pilih folder lain."
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"Ruang penyimpanan penuh; berkas {name} tidak dapat disimpan."
    if exc.errno == errno.EROFS:
        return f"Folder {target.parent} hanya bisa dibaca; pilih folder lain."
    detail = exc.strerror or str(exc) or type(exc).__name__
    return f"Gagal menyimpan berkas {name}: {detail}."


def _remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _replace(src: Path, dst: Path) -> None:
    # On Windows a virus scanner or the indexer may hold the target for a moment;
    # a file really open in Excel stays locked and ends in PermissionError.
    attempts = 5 if os.name == "nt" else 1
    for attempt in range(attempts):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1 * (attempt + 1))


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> Path:
    """Write through `write(fileobj)` into a temp file beside `path`, fsync it,
    then move it over `path`. On failure the temp file is removed and an
    `ExportError` (an OSError) with an Indonesian message is raised."""
    target = Path(os.fspath(path)).expanduser()
    if not target.name or target.is_dir():
        raise ExportError(f"Tujuan {target} adalah folder, bukan berkas. Beri nama berkas.")
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, 0o666)  # 0o666 & ~umask, like a normal new file
    except OSError as exc:
        raise ExportError(_friendly(exc, target, "create")) from exc
    phase = "write"
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        phase = "replace"
        _replace(tmp, target)
    except BaseException as exc:
        _remove_quietly(tmp)
        if isinstance(exc, OSError):
            raise ExportError(_friendly(exc, target, phase)) from exc
        if isinstance(exc, Exception):
            raise ExportError(f"Gagal membuat berkas {target.name}: {exc}") from exc
        raise  # KeyboardInterrupt and friends
    _fsync_dir(target.parent)
    return target


# ---------------------------------------------------------------- xlsx

def _xlsx_value(key: str, value: Any) -> tuple[Any, bool]:
    """(cell value, is_text). `no` may stay a number (sorts 1, 2, 10 in filters);
    everything else is text."""
    if key == "no" and isinstance(value, int) and not isinstance(value, bool):
        return value, False
    if key in TEXT_KEYS:
        raw = _strip_controls(_to_text(value))
        number = raw.strip()
        text = number if (not number or _NUMBER_LIKE.fullmatch(number)) else safe_cell(raw)
    else:
        text = safe_cell(value)
    if len(text) > XLSX_CELL_LIMIT:
        text = text[: XLSX_CELL_LIMIT - 1] + "\u2026"
    return text, True


def _set_text(cell: Any, text: str) -> None:
    cell.value = text
    cell.data_type = "s"  # never 'f' (formula) or 'e' (error) for user text


def write_people_xlsx(path: str | os.PathLike[str], rows: Iterable[Mapping[str, Any]], *,
                      title: str, subtitle: str = "", paper: str = "A4") -> Path:
    """Write the roster as an Excel workbook with one sheet "Peserta".

    Row 1 title (bold, merged), row 2 subtitle, row 3 empty, row `HEADER_ROW`
    the column labels, then one row per participant. Panes frozen below the
    header, autofilter on, widths fitted (max 60), NIP/phone stored as text,
    landscape A4 (or paper="F4"), fitted to the page width, header repeated on
    every printed page. Returns the written path."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    paper_code = PAPER_CODES.get(str(paper).strip().upper())
    if paper_code is None:
        raise ValueError(f"Ukuran kertas tidak dikenal: {paper!r} (pilih A4 atau F4).")
    table = [_row_values(row, i) for i, row in enumerate(rows, start=1)]

    ncols = len(EXPORT_COLUMNS)
    last_col = get_column_letter(ncols)
    wb = Workbook()
    wb.properties.creator = "Kota Cerdas Desktop"
    ws = wb.active
    ws.title = SHEET_TITLE

    title_cell = ws.cell(row=1, column=1)
    _set_text(title_cell, safe_cell(title)[:XLSX_CELL_LIMIT])
    title_cell.font = Font(bold=True, size=14)
    title_cell.alignment = Alignment(horizontal="left", vertical="center")
    ws.merge_cells(f"A1:{last_col}1")
    sub_cell = ws.cell(row=2, column=1)
    _set_text(sub_cell, safe_cell(subtitle)[:XLSX_CELL_LIMIT])
    sub_cell.font = Font(italic=True)
    sub_cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=False)
    ws.merge_cells(f"A2:{last_col}2")

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(bold=True)
    head_fill = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
    head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    data_align = Alignment(vertical="top", wrap_text=True)

    widths = [max(4, display_width(label)) for _, label in EXPORT_COLUMNS]
    for col, (_, label) in enumerate(EXPORT_COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col)
        _set_text(cell, label)
        cell.font = head_font
        cell.fill = head_fill
        cell.border = border
        cell.alignment = head_align

    for r, values in enumerate(table, start=HEADER_ROW + 1):
        for c, ((key, _), raw) in enumerate(zip(EXPORT_COLUMNS, values), start=1):
            value, is_text = _xlsx_value(key, raw)
            cell = ws.cell(row=r, column=c)
            if is_text:
                _set_text(cell, value)
            else:
                cell.value = value
            if key in TEXT_KEYS:
                cell.number_format = "@"
            cell.border = border
            cell.alignment = data_align
            if widths[c - 1] < MAX_COLUMN_WIDTH:
                shown = value if is_text else str(value)
                widths[c - 1] = max(widths[c - 1], display_width(shown[:400]))

    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(MAX_COLUMN_WIDTH, width + 2)

    last_row = HEADER_ROW + len(table)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"

    print_setup(ws, paper_code, HEADER_ROW)

    def _save(fh: BinaryIO) -> None:
        buf = io.BytesIO()  # render fully first; a failure leaves no half file
        wb.save(buf)
        fh.write(buf.getvalue())

    return _atomic_write(path, _save)


# ---------------------------------------------------------------- csv

def write_people_csv(path: str | os.PathLike[str], rows: Iterable[Mapping[str, Any]], *,
                     delimiter: str = ";") -> Path:
    """Write the roster as CSV: UTF-8 with BOM (Excel reads the accents right),
    `;` between fields (Indonesian Excel uses a decimal comma), Indonesian
    header labels, every cell passed through `safe_cell`. Returns the path."""
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in "\"'\r\n" \
            or delimiter.isalnum():
        raise ValueError(f"Pemisah kolom CSV tidak sah: {delimiter!r} (pakai ';' atau ',').")
    table = [_row_values(row, i) for i, row in enumerate(rows, start=1)]

    def _save(fh: BinaryIO) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        try:
            writer = csv.writer(text, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL,
                                lineterminator="\r\n")
            writer.writerow([label for _, label in EXPORT_COLUMNS])
            for values in table:
                writer.writerow([safe_cell(v) for v in values])
            text.flush()
        finally:
            text.detach()  # leave `fh` open for the fsync in _atomic_write

    return _atomic_write(path, _save)
