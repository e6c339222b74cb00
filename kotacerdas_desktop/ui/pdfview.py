"""PDF pages as images (pypdfium2, since PySide6-Essentials has no QtPdf) for the preview,
and printing a PDF through QPrinter page by page at the printer's resolution."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def render_page(path: Path, index: int, width_px: int) -> QImage:
    """One page, `width_px` wide, on white (PDFium renders transparent otherwise)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[index]
        w, _h = page.get_size()
        bitmap = page.render(scale=max(width_px, 50) / w, fill_color=(255, 255, 255, 255), rev_byteorder=True)
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format_RGB888)
        return image.copy()  # own the pixels before the bitmap goes away
    finally:
        doc.close()


def print_pdf(path: Path, printer: QPrinter, progress=None) -> int:
    """Send every page (or the printer's chosen range) to `printer`; returns pages printed."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    painter = QPainter()
    printed = 0
    try:
        total = len(doc)
        first, last = 1, total
        if printer.printRange() == QPrinter.PageRange and printer.fromPage() > 0:
            first, last = max(1, printer.fromPage()), min(total, printer.toPage() or total)
        dpi = min(printer.resolution(), 300)
        if not painter.begin(printer):
            raise OSError("Printer tidak dapat dibuka.")
        for number in range(first, last + 1):
            if printed:
                printer.newPage()
            page = doc[number - 1]
            w, h = page.get_size()
            bitmap = page.render(scale=dpi / 72, fill_color=(255, 255, 255, 255), rev_byteorder=True)
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format_RGB888)
            area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            area.moveTo(0, 0)
            scale = min(area.width() / image.width(), area.height() / image.height())
            target = QRectF(0, 0, image.width() * scale, image.height() * scale)
            painter.drawImage(target, image)
            printed += 1
            if progress is not None:
                progress(printed, last - first + 1)
    finally:
        if painter.isActive():
            painter.end()
        doc.close()
    return printed


def printer_for(path: Path, paper: str, landscape: bool) -> QPrinter:
    """A high-resolution printer set to the document's paper (A4 or F4) and orientation."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize

    printer = QPrinter(QPrinter.HighResolution)
    size = QPageSize(QPageSize.A4) if paper.upper() != "F4" else \
        QPageSize(QSizeF(215, 330), QPageSize.Millimeter, "F4")
    printer.setPageSize(size)
    printer.setPageOrientation(QPageLayout.Landscape if landscape else QPageLayout.Portrait)
    printer.setFullPage(True)  # the PDF already has the official margins
    printer.setDocName(Path(path).stem)
    return printer
