"""Drawing on a signature pad with real mouse events (shared by the UI tests)."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

ZIGZAG = [(0.1 + 0.05 * i, 0.3 if i % 2 else 0.7) for i in range(10)]


def at(pad, x: float, y: float) -> QPoint:
    """Widget position of a normalised point of the pad's drawing area."""
    r = pad.drawing_rect()
    return QPoint(round(r.x() + x * r.width()), round(r.y() + y * r.height()))


def draw(pad, points) -> None:
    QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, at(pad, *points[0]))
    for p in points[1:]:
        QTest.mouseMove(pad, at(pad, *p))
    QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, at(pad, *points[-1]))


def scrawl(seed: int = 0) -> list[tuple[float, float]]:
    """A zigzag across the pad; the seed flips its phase so consecutive signatures differ."""
    return [(0.1 + 0.08 * i, 0.5 + (0.25 if (i + seed) % 2 else -0.25)) for i in range(10)]
