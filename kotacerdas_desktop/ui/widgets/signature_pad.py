"""A pad to sign on with a mouse, a pen (with pressure) or a finger.

Only geometry and pressure are kept (see domain/signature.py): points are normalised
to the drawing rect, the aspect-fitted white area inside the widget. Drawing uses the
domain's `path_commands` and `stroke_widths`, like printed documents do.

To stay responsive, finished strokes (and the background) live in a cached pixmap
rebuilt on resize; while drawing, each new segment is painted once onto a "live"
layer and only its small area is repainted.
"""
from __future__ import annotations

import math

from PySide6.QtCore import Property, QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (QColor, QEventPoint, QFont, QInputDevice, QKeySequence, QPainter,
                           QPainterPath, QPen, QPixmap, QPointingDevice)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.signature import (DEFAULT_PRESSURE, MAX_POINTS, MAX_STROKE_POINTS, MAX_STROKES,
                                 SIMPLIFY_TOLERANCE, Signature, has_enough_ink as _enough_ink,
                                 path_commands, pressure_width, stroke_widths)
from ...i18n import tr

INK_COLOR = "#1a2a6c"
# Automatic base width as a fraction of the drawing height: the same look at any size
# (about 2.4 px on a 200 px tall pad, 0.24 mm in a 2 cm tall box on paper).
WIDTH_RATIO = 0.012
BASELINE_AT = 0.72  # of the drawing height, where the signing line is drawn
_PAPER = QColor("#ffffff")
_FRAME = QColor("#c9ced8")
_GUIDE = QColor("#b7bfcf")
_HINT = QColor("#9aa3b5")


def fit_rect(rect: QRectF, aspect: float) -> QRectF:
    """The largest rect of width/height `aspect` centred inside `rect`."""
    rect = QRectF(rect)
    if rect.width() <= 0 or rect.height() <= 0:
        return QRectF(rect.x(), rect.y(), 0.0, 0.0)
    width = min(rect.width(), rect.height() * aspect)
    height = width / aspect
    return QRectF(rect.x() + (rect.width() - width) / 2, rect.y() + (rect.height() - height) / 2,
                  width, height)


def default_width(height: float) -> float:
    """The base pen width for a drawing `height` units tall."""
    return max(0.5, height * WIDTH_RATIO)


def _at(rect: QRectF, x: float, y: float) -> QPointF:
    return QPointF(rect.x() + x * rect.width(), rect.y() + y * rect.height())


def paint_stroke(painter: QPainter, rect: QRectF, stroke, color, base_width: float) -> None:
    """Paint one stroke of normalised points into `rect` (already aspect-fitted)."""
    commands = path_commands(stroke)
    widths = stroke_widths(stroke, base_width)
    if not commands:
        return
    color = QColor(color)
    if commands[0][0] == "D":
        radius = widths[0] * 0.6
        painter.setPen(Qt.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(_at(rect, commands[0][1], commands[0][2]), radius, radius)
        return
    pen = QPen(color)
    pen.setCapStyle(Qt.RoundCap)
    pen.setJoinStyle(Qt.RoundJoin)
    painter.setBrush(Qt.NoBrush)
    current = _at(rect, commands[0][1], commands[0][2])
    for command, width in zip(commands[1:], widths):
        pen.setWidthF(width)
        painter.setPen(pen)
        if command[0] == "Q":
            end = _at(rect, command[3], command[4])
            path = QPainterPath(current)
            path.quadTo(_at(rect, command[1], command[2]), end)
            painter.drawPath(path)
        else:
            end = _at(rect, command[1], command[2])
            painter.drawLine(current, end)
        current = end


def paint_signature(painter: QPainter, rect: QRectF, sig: Signature | None, color=INK_COLOR,
                    base_width: float | None = None) -> None:
    """Paint `sig` fitted (by its aspect, centred) into `rect`.

    `base_width` is in painter units; None scales it with the drawing height
    (`default_width`). Used by the pad, read-only displays and previews.
    """
    if sig is None or not sig.strokes:
        return
    target = fit_rect(rect, sig.aspect)
    if target.width() <= 0:
        return
    width = base_width if base_width and base_width > 0 else default_width(target.height())
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing, True)
    for stroke in sig.strokes:
        paint_stroke(painter, target, stroke, color, width)
    painter.restore()


def _mid(a, b) -> tuple[float, float]:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


class SignaturePad(QWidget):
    """The white signing area. `signature()` gives the drawing, None while empty."""

    changed = Signal()   # strokes added, undone, cleared or replaced
    finished = Signal()  # the pen was lifted after a stroke

    MARGIN = 6

    def __init__(self, parent: QWidget | None = None, aspect: float = 3.0,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self._aspect = float(aspect)
        self._strokes: list[list[tuple[float, float, float]]] = []
        self._current: list[tuple[float, float, float]] | None = None
        self._pending: tuple[float, float, float] | None = None  # last raw point, maybe skipped
        self._device: str | None = None  # "mouse" | "tablet" | "touch" while a stroke is drawn
        self._touch_id = -1
        self._read_only = read_only
        self._color = QColor(INK_COLOR)
        self._base_width = 0.0  # 0 = automatic (scaled with the pad height)
        self._cache: QPixmap | None = None
        self._live: QPixmap | None = None
        self._live_width = 1.0
        self._tail_from = QPointF()
        self.setAttribute(Qt.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setCursor(Qt.ArrowCursor if read_only else Qt.CrossCursor)
        policy = QSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(tr("Bidang tanda tangan"))
        self.setAccessibleDescription(
            tr("Tanda tangani dengan mouse, pena, atau jari. Ctrl+Z membatalkan goresan terakhir."))

    # --- public API -----------------------------------------------------------------

    def signature(self) -> Signature | None:
        """The finished strokes (not one still being drawn), None while empty."""
        if not self._strokes:
            return None
        return Signature(strokes=tuple(tuple(s) for s in self._strokes), aspect=self._aspect)

    def set_signature(self, sig: Signature | None) -> None:
        """Show `sig` (e.g. read-only); the pad takes on its aspect."""
        had = bool(self._strokes)
        self._drop_current()
        if sig is None or not sig.strokes:
            self._strokes = []
        else:
            self._strokes = [list(stroke) for stroke in sig.strokes]
            if sig.aspect != self._aspect:
                self._aspect = sig.aspect
                self.updateGeometry()
        self._refresh()
        if had or self._strokes:
            self.changed.emit()

    def clear(self) -> None:
        had = bool(self._strokes) or self._current is not None
        self._strokes = []
        self._drop_current()
        self._refresh()
        if had:
            self.changed.emit()

    def undo(self) -> None:
        """Remove the last stroke (or abandon the one being drawn)."""
        if self._current is not None:
            self._drop_current()
            self._refresh()
            return
        if self._strokes:
            self._strokes.pop()
            self._refresh()
            self.changed.emit()

    def is_empty(self) -> bool:
        return not self._strokes and self._current is None

    def has_enough_ink(self) -> bool:
        return _enough_ink(self.signature())

    def stroke_count(self) -> int:
        return len(self._strokes)

    def aspect(self) -> float:
        return self._aspect

    def is_read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, read_only: bool) -> None:
        if read_only and self._current is not None:
            self._finish_stroke()
        self._read_only = bool(read_only)
        self.setCursor(Qt.ArrowCursor if read_only else Qt.CrossCursor)
        self._refresh()

    def pen_color(self) -> QColor:
        return QColor(self._color)

    def set_pen_color(self, color) -> None:
        self._color = QColor(color)
        self._refresh()

    def base_width(self) -> float:
        """The pen width at medium pressure in pixels; 0 means automatic."""
        return self._base_width

    def set_base_width(self, width: float) -> None:
        self._base_width = max(0.0, float(width))
        self._refresh()

    penColor = Property(QColor, pen_color, set_pen_color)
    baseWidth = Property(float, base_width, set_base_width)

    def drawing_rect(self) -> QRectF:
        """The white signing area in widget coordinates (points are normalised to it)."""
        m = self.MARGIN
        return fit_rect(QRectF(self.rect()).adjusted(m, m, -m, -m), self._aspect)

    def effective_width(self) -> float:
        return self._base_width or default_width(self.drawing_rect().height())

    # --- geometry -----------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(600, self.heightForWidth(600))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.heightForWidth(240))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round((width - 2 * self.MARGIN) / self._aspect) + 2 * self.MARGIN

    def resizeEvent(self, event) -> None:
        self._cache = None  # rebuilt at the next paint
        if self._current is not None:
            self._finish_stroke()
        super().resizeEvent(event)

    def hideEvent(self, event) -> None:
        if self._current is not None:
            self._finish_stroke()
        super().hideEvent(event)

    # --- painting -----------------------------------------------------------------------

    def _refresh(self) -> None:
        self._cache = None
        self.update()

    def _new_pixmap(self) -> QPixmap:
        dpr = self.devicePixelRatioF()
        pixmap = QPixmap(max(1, math.ceil(self.width() * dpr)), max(1, math.ceil(self.height() * dpr)))
        pixmap.setDevicePixelRatio(dpr)
        return pixmap

    def _build_cache(self) -> QPixmap:
        pixmap = self._new_pixmap()
        pixmap.fill(self.palette().window().color())
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.Antialiasing, True)
        rect = self.drawing_rect()
        painter.fillRect(rect, _PAPER)
        painter.setPen(QPen(_FRAME, 1))
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        y = rect.y() + rect.height() * BASELINE_AT
        left, right = rect.x() + rect.width() * 0.06, rect.x() + rect.width() * 0.94
        painter.setPen(QPen(_GUIDE, 1.2))
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        s = max(3.0, rect.height() * 0.035)  # a small x at the start of the line
        cx, cy = left + s, y - s * 1.8
        painter.drawLine(QPointF(cx - s, cy - s), QPointF(cx + s, cy + s))
        painter.drawLine(QPointF(cx - s, cy + s), QPointF(cx + s, cy - s))
        if not self._strokes and self._current is None and not self._read_only:
            font = QFont(self.font())
            font.setPointSizeF(max(8.0, min(18.0, rect.height() * 0.09)))
            painter.setFont(font)
            painter.setPen(_HINT)
            painter.drawText(QRectF(rect.x(), rect.y(), rect.width(), y - rect.y() - s * 0.5),
                             Qt.AlignCenter, tr("Tanda tangan di sini"))
        width = self.effective_width()
        for stroke in self._strokes:
            paint_stroke(painter, rect, stroke, self._color, width)
        painter.end()
        return pixmap

    def _pixmap_stale(self, pixmap: QPixmap | None) -> bool:
        if pixmap is None:
            return True
        dpr = self.devicePixelRatioF()
        return (pixmap.devicePixelRatio() != dpr
                or pixmap.width() < math.ceil(self.width() * dpr)
                or pixmap.height() < math.ceil(self.height() * dpr))

    def paintEvent(self, event) -> None:
        if self._pixmap_stale(self._cache):
            self._cache = self._build_cache()
        area = QRectF(event.rect())
        dpr = self._cache.devicePixelRatio()
        source = QRectF(area.x() * dpr, area.y() * dpr, area.width() * dpr, area.height() * dpr)
        painter = QPainter(self)
        painter.drawPixmap(area, self._cache, source)
        if self._current is not None:
            if self._live is not None and not self._pixmap_stale(self._live):
                painter.drawPixmap(area, self._live, source)
            if len(self._current) >= 2:  # the provisional tail to the latest point
                painter.setRenderHint(QPainter.Antialiasing, True)
                pen = QPen(self._color, self._live_width, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
                painter.setPen(pen)
                last = self._current[-1]
                painter.drawLine(self._tail_from, _at(self.drawing_rect(), last[0], last[1]))
        if self.hasFocus() and not self._read_only:
            painter.setPen(QPen(self.palette().highlight().color(), 1.5))
            painter.setBrush(Qt.NoBrush)
            painter.drawRect(self.drawing_rect().adjusted(-2, -2, 2, 2))
        painter.end()

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)

    def _update_around(self, points: list[QPointF], width: float) -> None:
        xs = [p.x() for p in points]
        ys = [p.y() for p in points]
        pad = width + 3
        self.update(QRect(math.floor(min(xs) - pad), math.floor(min(ys) - pad),
                          math.ceil(max(xs) - min(xs) + 2 * pad) + 1,
                          math.ceil(max(ys) - min(ys) + 2 * pad) + 1))

    # --- strokes ------------------------------------------------------------------------

    def _normalise(self, pos: QPointF, pressure: float) -> tuple[float, float, float] | None:
        rect = self.drawing_rect()
        if rect.width() < 1 or rect.height() < 1:
            return None
        x = min(1.0, max(0.0, (pos.x() - rect.x()) / rect.width()))
        y = min(1.0, max(0.0, (pos.y() - rect.y()) / rect.height()))
        return (x, y, min(1.0, max(0.0, float(pressure))))

    def _total_points(self) -> int:
        return sum(len(s) for s in self._strokes) + len(self._current or ())

    def _begin(self, pos: QPointF, pressure: float, device: str) -> bool:
        if (self._read_only or self._current is not None or len(self._strokes) >= MAX_STROKES
                or self._total_points() >= MAX_POINTS):
            return False
        point = self._normalise(pos, pressure)
        if point is None:
            return False
        first_ink = not self._strokes
        self._current, self._pending, self._device = [point], None, device
        rect = self.drawing_rect()
        self._live_width = pressure_width(point[2], self.effective_width())
        self._live = self._new_pixmap()
        self._live.fill(Qt.transparent)
        painter = QPainter(self._live)
        paint_stroke(painter, rect, [point], self._color, self.effective_width())
        painter.end()
        self._tail_from = _at(rect, point[0], point[1])
        if first_ink:
            self._refresh()  # the hint goes away
        else:
            self._update_around([self._tail_from], self._live_width * 2)
        return True

    def _extend(self, pos: QPointF, pressure: float) -> None:
        point = self._normalise(pos, pressure)
        if point is None or self._current is None:
            return
        last = self._current[-1]
        if math.hypot((point[0] - last[0]) * self._aspect, point[1] - last[1]) < SIMPLIFY_TOLERANCE:
            self._pending = point  # too close to add now; kept if the pen lifts here
            return
        if self._total_points() >= MAX_POINTS:
            return
        if len(self._current) >= MAX_STROKE_POINTS:  # split: go on in a new stroke
            device = self._device
            self._finish_stroke(lifted=False)
            if not self._begin(_at(self.drawing_rect(), last[0], last[1]), last[2], device):
                return
        self._pending = None
        self._add_point(point)

    def _add_point(self, point: tuple[float, float, float]) -> None:
        current = self._current
        current.append(point)
        rect = self.drawing_rect()
        end_pt = _at(rect, point[0], point[1])
        old_tail = self._tail_from
        n = len(current)
        if n >= 3:  # the segment with current[n-2] as control is now final
            ctrl = current[n - 2]
            start = current[0][:2] if n == 3 else _mid(current[n - 3], ctrl)
            end = _mid(ctrl, point)
            target = pressure_width(ctrl[2], self.effective_width())
            self._live_width = 0.6 * self._live_width + 0.4 * target
            if self._live is not None:
                painter = QPainter(self._live)
                painter.setRenderHint(QPainter.Antialiasing, True)
                painter.setPen(QPen(self._color, self._live_width, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
                path = QPainterPath(_at(rect, *start))
                path.quadTo(_at(rect, ctrl[0], ctrl[1]), _at(rect, *end))
                painter.drawPath(path)
                painter.end()
            self._tail_from = _at(rect, *end)
            self._update_around([old_tail, _at(rect, ctrl[0], ctrl[1]), self._tail_from, end_pt],
                                self._live_width * 1.5)
        else:
            self._live_width = pressure_width(point[2], self.effective_width())
            self._update_around([old_tail, end_pt], self._live_width * 1.5)

    def _end(self, pos: QPointF | None = None, pressure: float | None = None) -> None:
        if self._current is None:
            return
        if pos is not None:
            point = self._normalise(pos, self._current[-1][2] if pressure is None else pressure)
            if point is not None and point[:2] != self._current[-1][:2]:
                self._pending = point
        if self._pending is not None and self._total_points() < MAX_POINTS \
                and len(self._current) < MAX_STROKE_POINTS:
            self._add_point(self._pending)
        self._finish_stroke()

    def _finish_stroke(self, lifted: bool = True) -> None:
        stroke = self._current
        self._current, self._pending, self._device, self._live = None, None, None, None
        if not stroke:
            return
        self._strokes.append(stroke)
        rect = self.drawing_rect()
        if self._cache is not None and not self._pixmap_stale(self._cache):
            painter = QPainter(self._cache)
            painter.setRenderHint(QPainter.Antialiasing, True)
            paint_stroke(painter, rect, stroke, self._color, self.effective_width())
            painter.end()
            self._update_around([_at(rect, p[0], p[1]) for p in stroke], self.effective_width() * 3)
        else:
            self._refresh()
        self.changed.emit()
        if lifted:
            self.finished.emit()

    def _drop_current(self) -> None:
        had = self._current is not None
        self._current, self._pending, self._device, self._live = None, None, None, None
        if had:
            self.update()

    # --- input --------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        if (event.button() != Qt.LeftButton or self._device is not None
                or event.source() == Qt.MouseEventSynthesizedByQt):
            super().mousePressEvent(event)
            return
        if self._begin(event.position(), DEFAULT_PRESSURE, "mouse"):
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._device == "mouse" and event.buttons() & Qt.LeftButton:
            self._extend(event.position(), DEFAULT_PRESSURE)
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._device == "mouse" and event.button() == Qt.LeftButton:
            self._end(event.position(), DEFAULT_PRESSURE)
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    @staticmethod
    def _pressure(event, value: float) -> float:
        device = event.pointingDevice()
        if device is not None and device.capabilities() & QInputDevice.Capability.Pressure:
            return value
        return DEFAULT_PRESSURE

    def tabletEvent(self, event) -> None:
        # Always accepted, so Qt does not also synthesise mouse events for the pen.
        event.accept()
        kind = event.type()
        if event.pointerType() == QPointingDevice.PointerType.Eraser:
            return
        pressure = self._pressure(event, event.pressure())
        if kind == QEvent.TabletPress:
            if self._device is None:
                self._begin(event.position(), pressure, "tablet")
        elif kind == QEvent.TabletMove:
            if self._device == "tablet":
                self._extend(event.position(), pressure)
        elif kind == QEvent.TabletRelease:
            if self._device == "tablet":
                self._end(event.position(), None)  # a lifted pen reads 0: keep the last pressure

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (QEvent.TouchBegin, QEvent.TouchUpdate, QEvent.TouchEnd, QEvent.TouchCancel):
            return self._touch(event)
        return super().event(event)

    def _touch(self, event) -> bool:
        kind = event.type()
        if kind == QEvent.TouchCancel:
            if self._device == "touch":
                self._drop_current()
                self._refresh()
            event.accept()
            return True
        points = event.points()
        if kind == QEvent.TouchBegin:
            if self._device is not None or not points or self._read_only:
                event.ignore()
                return False
            first = points[0]
            if self._begin(first.position(), self._pressure(event, first.pressure()), "touch"):
                self._touch_id = first.id()
                event.accept()
                return True
            event.ignore()
            return False
        if self._device != "touch":
            event.accept()
            return True
        point = next((p for p in points if p.id() == self._touch_id), None)
        if point is not None:
            pressure = self._pressure(event, point.pressure())
            if kind == QEvent.TouchEnd or point.state() == QEventPoint.State.Released:
                self._end(point.position(), None)
            else:
                self._extend(point.position(), pressure)
        elif kind == QEvent.TouchEnd:
            self._end()
        event.accept()
        return True

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Undo) and not self._read_only:
            self.undo()
            event.accept()
            return
        super().keyPressEvent(event)
