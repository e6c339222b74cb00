"""Render the app icon (resources/icons/kotacerdas.svg) to PNG and ICO for packaging.

    python build/make_icon.py OUT_DIR   ->  OUT_DIR/kotacerdas.png (256 px), OUT_DIR/kotacerdas.ico

Run by installer.spec at build time (offscreen Qt, nothing fetched); the ICO is the
Windows executable's icon, the PNG goes into the bundle and the Linux .desktop entry.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(out: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - needed for QPainter
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "kotacerdas.svg"))
    if not renderer.isValid():
        raise SystemExit("make_icon: resources/icons/kotacerdas.svg is not a valid SVG")
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    out.mkdir(parents=True, exist_ok=True)
    png = out / "kotacerdas.png"
    if not image.save(str(png)):
        raise SystemExit(f"make_icon: could not write {png}")
    Image.open(png).save(out / "kotacerdas.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                                        (128, 128), (256, 256)])
    print(f"make_icon: {png} and {out / 'kotacerdas.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "work" / "icons"))
