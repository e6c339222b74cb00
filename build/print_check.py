"""Print a document through a real CUPS queue with the app's own print path.

    bash build/print_check.sh            (sets up cups + cups-pdf as root, then runs this)
    python build/print_check.py [--printer PDF] [--kind komitmen] [--out-dir ~/PDF]

Renders the document with the Reports service, sends it to the printer with
ui/pdfview.print_pdf (what the Reports area's Print button does after the print
dialog), waits for cups-pdf to write its file and compares the page count and size.
Exit 0 when the printed file matches, 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--printer", default="PDF")
    ap.add_argument("--kind", default="komitmen")
    ap.add_argument("--out-dir", default=str(Path.home() / "PDF"))
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()

    from PySide6.QtPrintSupport import QPrinterInfo
    from PySide6.QtWidgets import QApplication

    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services
    from kotacerdas_desktop.services.reports import ReportRequest, paper_for, render_to_file
    from kotacerdas_desktop.ui.pdfview import page_count, print_pdf, printer_for

    app = QApplication.instance() or QApplication([])  # noqa: F841 - QPrinter needs it
    names = [p.printerName() for p in QPrinterInfo.availablePrinters()]
    if args.printer not in names:
        print(f"printer {args.printer!r} not found; available: {names or 'none'}")
        return 1
    out_dir = Path(args.out_dir)
    before = set(out_dir.glob("*.pdf")) if out_dir.exists() else set()
    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(prepare_paths(Path(tmp) / "data"))
        region = services.demo.create()
        services.demo.fill_full(region)
        services.demo.fill_worksheets(region)
        req = ReportRequest(args.kind, region, stage=1 if args.kind != "komitmen" else None)
        pdf = render_to_file(services, req, Path(tmp) / f"{args.kind}.pdf")
        pages = page_count(pdf)
        printer = printer_for(pdf, paper_for(services, req), landscape=args.kind == "daftar-hadir")
        printer.setPrinterName(args.printer)
        t0 = time.perf_counter()
        sent = print_pdf(pdf, printer)
        print(f"sent {sent} of {pages} pages of {pdf.name} to {args.printer} in {time.perf_counter() - t0:.2f} s")
        services.close()
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        new = set(out_dir.glob("*.pdf")) - before if out_dir.exists() else set()
        done = [p for p in new if p.stat().st_size > 0]
        if done:
            time.sleep(1.0)  # let cups-pdf finish writing
            printed = max(done, key=lambda p: p.stat().st_mtime)
            got = page_count(printed)
            print(f"cups-pdf wrote {printed} ({printed.stat().st_size} bytes, {got} pages)")
            return 0 if got == pages else 1
        time.sleep(0.5)
    print(f"no output appeared in {out_dir} within {args.timeout:.0f} s")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
