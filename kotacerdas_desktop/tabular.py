"""Reading spreadsheet files (.xlsx/.xlsm, .csv/.txt) into plain rows of Python values.

No Qt and no database here: ``read_table`` returns a ``Table`` whose rows are lists
of str, int, float, datetime/date/time, bool or None, with trailing empty cells
trimmed. What the rows mean is decided elsewhere (``domain.people_import``).
Every refusal is an ``ImportFileError`` whose text is plain Indonesian and can be
shown to the user as is; no traceback escapes for a bad file.
"""
from __future__ import annotations

import csv
import io
import os
import re
import zipfile
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from .domain.errors import UserError

MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 600 * 1024 * 1024  # an .xlsx is a zip: refuse zip bombs
MAX_ROWS = 100_000
MAX_COLS = 200
EXCEL_EXTENSIONS = (".xlsx", ".xlsm")
TEXT_EXTENSIONS = (".csv", ".txt")
SUPPORTED = ".xlsx, .xlsm, .csv atau .txt"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # old .xls, .doc, and encrypted .xlsx
_ZIP_MAGIC = b"PK\x03\x04"
_DELIMITERS = (";", ",", "\t")
_SAVE_AS = "Buka file di Excel lalu simpan ulang (Save As) sebagai .xlsx atau .csv."


class ImportFileError(UserError):
    """A file that cannot be read as a table; the message says why in plain Indonesian."""


@dataclass
class Table:
    """One sheet of a file as plain values.

    ``sheets`` lists every worksheet (hidden ones too, so the user can pick them);
    for CSV/text files ``sheet`` is '' and ``sheets`` is empty.
    """
    sheet: str
    sheets: list[str]
    rows: list[list[object]]


def read_table(path: str | os.PathLike, sheet: str | None = None) -> Table:
    """Read a spreadsheet or CSV file; ``sheet`` picks a worksheet by name (Excel only).

    The first visible worksheet is read by default; a sheet name is matched exactly,
    else ignoring case and outer spaces. CSV/text: UTF-8 (with or without BOM, or
    UTF-16 with BOM), else Windows-1252; delimiter ';', ',' or tab by counting.
    Raises ImportFileError for a missing, empty, too large, old-format, encrypted
    or corrupt file, or one over the row/column limits.
    """
    p = Path(path)
    name = p.name
    try:
        if not p.exists():
            raise ImportFileError(
                f"File '{name}' tidak ditemukan. Mungkin sudah dipindah atau dihapus.")
        if p.is_dir():
            raise ImportFileError(f"'{name}' adalah folder, bukan file. Pilih file {SUPPORTED}.")
        size = p.stat().st_size
    except OSError as exc:
        raise ImportFileError(f"File '{name}' tidak dapat dibuka ({_os_reason(exc)}).") from None
    if size == 0:
        raise ImportFileError(f"File '{name}' kosong (0 byte). Tidak ada yang bisa dibaca.")
    if size > MAX_BYTES:
        raise ImportFileError(
            f"File '{name}' terlalu besar ({size / 1024 / 1024:.0f} MB; paling besar "
            f"{MAX_BYTES // 1024 // 1024} MB). "
            "Simpan hanya lembar daftar undangannya di file baru.")

    ext = p.suffix.lower()
    head = _read_head(p)
    if ext in (".xls", ".xlt") and not head.startswith(_ZIP_MAGIC):   # a renamed .xlsx is fine
        raise ImportFileError(
            f"File '{name}' berformat Excel lama (.xls) yang tidak didukung. "
            "Buka di Excel lalu simpan ulang sebagai .xlsx (File > Save As > Excel Workbook).")
    if ext in (".ods", ".fods"):
        raise ImportFileError(
            f"File '{name}' berformat OpenDocument (.ods) yang belum didukung. "
            "Buka di LibreOffice lalu simpan ulang sebagai .xlsx atau .csv.")
    if ext == ".xlsb":
        raise ImportFileError(
            f"File '{name}' berformat Excel biner (.xlsb) yang tidak didukung. {_SAVE_AS}")
    if head.startswith(_OLE_MAGIC):
        if ext in EXCEL_EXTENSIONS and _looks_encrypted(p):
            raise ImportFileError(
                f"File '{name}' dikunci dengan kata sandi. Buka di Excel, hapus kata sandinya "
                "(File > Info > Protect Workbook), simpan, lalu impor lagi.")
        raise ImportFileError(
            f"File '{name}' sebenarnya berformat Excel lama (.xls) atau dikunci kata sandi. "
            "Buka di Excel lalu simpan ulang sebagai .xlsx tanpa kata sandi.")
    renamed = head.startswith(_ZIP_MAGIC) and ext in TEXT_EXTENSIONS + (".xls", ".xlt")
    if ext in EXCEL_EXTENSIONS or renamed:
        return _read_excel(p, sheet)
    if ext in TEXT_EXTENSIONS:
        return _read_text(p)
    raise ImportFileError(
        f"Jenis file '{p.suffix or name}' tidak didukung. Pilih file {SUPPORTED}.")


# ---------------------------------------------------------------- helpers

def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "tidak ada izin membaca; tutup file di Excel atau periksa hak akses"
    return exc.strerror or exc.__class__.__name__


def _read_head(p: Path) -> bytes:
    try:
        with p.open("rb") as fh:
            return fh.read(8)
    except OSError as exc:
        raise ImportFileError(f"File '{p.name}' tidak dapat dibaca ({_os_reason(exc)}).") from None


def _looks_encrypted(p: Path) -> bool:
    """An encrypted .xlsx is an OLE container with an 'EncryptedPackage' stream."""
    marker = "EncryptedPackage".encode("utf-16-le")
    try:
        with p.open("rb") as fh:
            return marker in fh.read(4 * 1024 * 1024)
    except OSError:
        return False


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Collector:
    """Collects rows, trimming trailing empty cells and enforcing the row/column limits.

    Empty rows are only counted, so a sheet formatted down to row 1,048,576 is
    not refused for its blank tail.
    """

    def __init__(self, name: str):
        self.name = name
        self.rows: list[list[object]] = []
        self._pending_empty = 0

    def add(self, cells) -> None:
        row = list(cells)
        while row and _is_blank(row[-1]):
            row.pop()
        if not row:
            self._pending_empty += 1
            return
        if len(row) > MAX_COLS:
            raise ImportFileError(
                f"{self.name} berisi {len(row)} kolom (paling banyak {MAX_COLS}). "
                "Hapus kolom yang tidak dipakai lalu coba lagi.")
        total = len(self.rows) + self._pending_empty + 1
        if total > MAX_ROWS:
            limit = f"{MAX_ROWS:,}".replace(",", ".")
            raise ImportFileError(
                f"{self.name} berisi lebih dari {limit} baris. "
                "Pisahkan daftar menjadi beberapa file.")
        self.rows.extend([] for _ in range(self._pending_empty))
        self._pending_empty = 0
        self.rows.append(row)


# ---------------------------------------------------------------- Excel

def _read_excel(p: Path, sheet: str | None) -> Table:
    with warnings.catch_warnings():        # openpyxl warns about unsupported Excel features
        warnings.simplefilter("ignore")
        return _load_excel(p, sheet)


def _load_excel(p: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook          # lazy: openpyxl costs start-up time
    from openpyxl.utils.exceptions import InvalidFileException

    corrupt = (f"File '{p.name}' bukan file Excel (.xlsx) yang sah atau isinya rusak. "
               f"{_SAVE_AS}")
    try:
        fh = p.open("rb")
    except OSError as exc:
        raise ImportFileError(f"File '{p.name}' tidak dapat dibuka ({_os_reason(exc)}).") from None
    wb = None
    try:
        try:
            with zipfile.ZipFile(fh) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
                names = set(archive.namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
            raise ImportFileError(corrupt) from None
        if unpacked > MAX_UNPACKED_BYTES:
            raise ImportFileError(
                f"Isi file '{p.name}' terlalu besar setelah dibuka "
                f"({unpacked / 1024 / 1024:.0f} MB) "
                "atau file rusak. Simpan hanya lembar yang diperlukan di file baru.")
        if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
            if "content.xml" in names:
                raise ImportFileError(
                    f"File '{p.name}' berformat OpenDocument (.ods), bukan .xlsx. {_SAVE_AS}")
            raise ImportFileError(
                f"File '{p.name}' adalah arsip zip, tetapi bukan workbook Excel. "
                f"Pilih file {SUPPORTED}.")
        fh.seek(0)
        wb = load_workbook(fh, read_only=True, data_only=True)
        sheets = [ws.title for ws in wb.worksheets]
        if not sheets:
            raise ImportFileError(f"File '{p.name}' tidak berisi lembar kerja (sheet) yang bisa "
                                  f"dibaca; mungkin rusak. {_SAVE_AS}")
        if sheet is None:
            visible = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible")
                       in (None, "visible")]
            ws = (visible or wb.worksheets)[0]
        else:
            matches = [ws for ws in wb.worksheets if ws.title == sheet] or \
                      [ws for ws in wb.worksheets if ws.title.strip().casefold()
                       == str(sheet).strip().casefold()]
            if not matches:
                listed = ", ".join(f"'{s}'" for s in sheets)
                raise ImportFileError(
                    f"Lembar '{sheet}' tidak ada di file '{p.name}'. Lembar yang ada: {listed}.")
            ws = matches[0]
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()   # a wrong <dimension> tag would otherwise cut rows silently
        collector = _Collector(f"Lembar '{ws.title}'")
        for cells in ws.iter_rows(values_only=True):
            collector.add(cells)
        return Table(sheet=ws.title, sheets=sheets, rows=collector.rows)
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, InvalidFileException, ParseError,
            zlib.error, EOFError, IndexError, TypeError, AttributeError, OSError):
        raise ImportFileError(corrupt) from None    # OSError here: a seek to a broken offset
    except MemoryError:
        raise ImportFileError(f"File '{p.name}' terlalu besar untuk dibaca.") from None
    except Exception:   # a malformed workbook can fail anywhere inside openpyxl
        raise ImportFileError(corrupt) from None
    finally:
        if wb is not None:
            try:
                wb.close()
            except Exception:
                pass
        fh.close()


# ---------------------------------------------------------------- CSV / text

_SEP_LINE = re.compile(r"^\ufeff?sep=(.)\s*$", re.IGNORECASE)


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):     # Excel "Unicode Text" (.txt)
        return _strict(data, "utf-16", name)
    if b"\x00" in data[:4096]:
        raise ImportFileError(
            f"File '{name}' bukan file teks CSV (berisi data biner). Pilih file {SUPPORTED}.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")      # every byte is a character; never fails


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ImportFileError(
            f"File '{name}' berisi karakter yang rusak untuk pengodean {encoding.upper()}. "
            f"{_SAVE_AS}") from None


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter among ';' ',' and tab that splits the first lines most consistently.

    Quoted text is ignored while counting, so "Budi, S.T." in quotes does not
    vote for the comma. A file with no delimiter at all gives ','.
    """
    best, best_score = ",", (0, 0, 0)
    sample = [re.sub(r'"[^"]*"', '""', ln) for ln in lines if ln.strip()][:30]
    for order, delim in enumerate(_DELIMITERS):
        counts = [ln.count(delim) for ln in sample]
        nonzero = [c for c in counts if c]
        if not nonzero:
            continue
        mode = max(set(nonzero), key=lambda c: (nonzero.count(c), c))
        score = (len(nonzero), nonzero.count(mode), -order)
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_text(p: Path) -> Table:
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"File '{p.name}' tidak dapat dibaca ({_os_reason(exc)}).") from None
    text = _decode(data, p.name)
    if "\x00" in text:
        raise ImportFileError(
            f"File '{p.name}' bukan file teks CSV (berisi data biner). Pilih file {SUPPORTED}.")
    if not text.strip():
        raise ImportFileError(f"File '{p.name}' kosong: tidak ada baris yang bisa dibaca.")
    lines = text.splitlines()
    sep = _SEP_LINE.match(lines[0]) if lines else None
    if sep:                                  # Excel's "sep=;" hint line
        delim = sep.group(1)
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delim = sniff_delimiter(lines[:50])
    if csv.field_size_limit() < MAX_BYTES:
        csv.field_size_limit(MAX_BYTES)
    collector = _Collector(f"File '{p.name}'")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        for cells in reader:
            collector.add([c if c != "" else None for c in cells])
    except csv.Error as exc:
        raise ImportFileError(
            f"File '{p.name}' tidak dapat dibaca sebagai CSV pada baris {reader.line_num} "
            f"({exc}). {_SAVE_AS}") from None
    if not collector.rows:
        raise ImportFileError(f"File '{p.name}' kosong: tidak ada baris yang bisa dibaca.")
    return Table(sheet="", sheets=[], rows=collector.rows)
