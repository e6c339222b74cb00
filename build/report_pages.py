"""Render every document of the full demo region and save page images into docs/reports/.

    python build/report_pages.py [--out docs/reports] [--dpi 70]

Page 1 of every PDF (and a middle page of the books and long lists), in the region's
paper; the images are what the README shows and what a reviewer looks at before signing.
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
    ap.add_argument("--out", default=str(ROOT / "docs" / "reports"))
    ap.add_argument("--dpi", type=int, default=70)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtGui import QGuiApplication

    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services
    from kotacerdas_desktop.services.reports import DOCUMENTS, ReportRequest, render_to_file
    from kotacerdas_desktop.ui.pdfview import page_count, render_page

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QImage.save needs it
    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(prepare_paths(Path(tmp) / "data"))
        region = services.demo.create()
        services.demo.fill_full(region)
        services.demo.fill_worksheets(region)
        for doc in DOCUMENTS.values():
            if "pdf" not in doc.formats:
                continue
            for variant in [v for v, _ in doc.variants] or [""]:
                req = ReportRequest(doc.key, region, stage=1 if doc.scope != "region" else None, variant=variant)
                t0 = time.perf_counter()
                pdf = render_to_file(services, req, Path(tmp) / f"{doc.key}-{variant or 'doc'}.pdf")
                n = page_count(pdf)
                pages = [1] + ([n // 2] if n >= 6 and variant in ("", "signed") else [])
                for number in pages:
                    image = render_page(pdf, number - 1, int(8.27 * args.dpi * (1.6 if doc.key == "daftar-hadir"
                                                                                   else 1)))
                    name = f"{doc.key}{'-' + variant if variant else ''}-p{number}.png"
                    image.save(str(out / name))
                    print(f"wrote {out / name}  ({n} pages, {time.perf_counter() - t0:.2f} s)")
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
