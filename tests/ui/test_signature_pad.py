"""The signature pad: real mouse, tablet and touch input, normalised points, painting."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (QColor, QImage, QInputDevice, QMouseEvent, QPainter, QPointingDevice,
                           QTabletEvent)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kotacerdas_desktop.domain.signature import (MAX_STROKE_POINTS, Signature, decode, encode,
                                                 synthetic_signature)
from kotacerdas_desktop.ui.widgets.signature_pad import (INK_COLOR, SignaturePad, fit_rect,
                                                         paint_signature)

# 612 x 212 with a 6 px margin: the drawing rect is exactly (6, 6, 600, 200)
W, H = 612, 212

_DEVICES: dict[str, QPointingDevice] = {}


def stylus(pressure: bool = True) -> QPointingDevice:
    key = f"stylus-{pressure}"
    if key not in _DEVICES:
        caps = QInputDevice.Capability.Position
        if pressure:
            caps |= QInputDevice.Capability.Pressure
        _DEVICES[key] = QPointingDevice(key, 4711 + len(_DEVICES), QInputDevice.DeviceType.Stylus,
                                        QPointingDevice.PointerType.Pen, caps, 1, 3)
    return _DEVICES[key]


def touchscreen() -> QPointingDevice:
    if "touch" not in _DEVICES:
        _DEVICES["touch"] = QTest.createTouchDevice()
    return _DEVICES["touch"]


@pytest.fixture
def pad(qtbot):
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(W, H)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.drawing_rect() == QRectF(6, 6, 600, 200)
    return widget


def at(x: float, y: float) -> QPoint:
    """Widget position of a normalised point on the (6, 6, 600, 200) drawing rect."""
    return QPoint(round(6 + x * 600), round(6 + y * 200))


def mouse_stroke(pad, points, release=True):
    QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, at(*points[0]))
    for p in points[1:]:
        QTest.mouseMove(pad, at(*p))
    if release:
        QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, at(*points[-1]))


ZIGZAG = [(0.1 + 0.05 * i, 0.3 if i % 2 else 0.7) for i in range(10)]


def send_tablet(pad, kind, pos, pressure, device=None):
    """Send a tablet event like the platform would: if the pad leaves it unaccepted, Qt
    synthesises the matching mouse event, so we do too."""
    buttons = Qt.NoButton if kind == QEvent.TabletRelease else Qt.LeftButton
    event = QTabletEvent(kind, device or stylus(), QPointF(pos), QPointF(pad.mapToGlobal(pos)),
                         pressure, 0.0, 0.0, 0.0, 0.0, 0.0, Qt.NoModifier, Qt.LeftButton, buttons)
    event.ignore()
    QApplication.sendEvent(pad, event)
    if not event.isAccepted():
        mouse_kind = {QEvent.TabletPress: QEvent.MouseButtonPress,
                      QEvent.TabletMove: QEvent.MouseMove,
                      QEvent.TabletRelease: QEvent.MouseButtonRelease}[kind]
        QApplication.sendEvent(pad, QMouseEvent(mouse_kind, QPointF(pos), QPointF(pad.mapToGlobal(pos)),
                                                Qt.LeftButton, buttons, Qt.NoModifier))
    return event


def ink_pixels(image: QImage, x0: int, y0: int, x1: int, y1: int) -> int:
    """Pixels in the box that are dark and bluish, like the ink."""
    count = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            c = image.pixelColor(x, y)
            if c.lightness() < 140 and c.blue() > c.red():
                count += 1
    return count


def grab(pad) -> QImage:
    image = pad.grab().toImage()
    return image.scaled(pad.width(), pad.height()) if image.width() != pad.width() else image


# --- mouse ---------------------------------------------------------------------------


def test_starts_empty_with_accessible_name(pad):
    assert pad.is_empty()
    assert pad.signature() is None
    assert not pad.has_enough_ink()
    assert pad.accessibleName() == "Bidang tanda tangan"
    assert pad.pen_color() == QColor(INK_COLOR)
    hint = pad.sizeHint()
    assert (hint.width() - 12) / (hint.height() - 12) == pytest.approx(3.0, rel=0.01)


def test_mouse_stroke_is_normalised_to_the_drawing_rect(pad, qtbot):
    with qtbot.waitSignals([pad.changed, pad.finished]):
        mouse_stroke(pad, [(0.25, 0.5), (0.5, 0.25), (0.75, 0.75)])
    sig = pad.signature()
    assert sig is not None and sig.aspect == 3.0
    assert len(sig.strokes) == 1
    stroke = sig.strokes[0]
    assert len(stroke) == 3
    assert stroke[0] == pytest.approx((0.25, 0.5, 0.5), abs=0.003)
    assert stroke[1] == pytest.approx((0.5, 0.25, 0.5), abs=0.003)
    assert stroke[2] == pytest.approx((0.75, 0.75, 0.5), abs=0.003)
    # the pixel (156, 106) is a quarter of the way across and half way down
    assert (stroke[0][0] * 600 + 6, stroke[0][1] * 200 + 6) == pytest.approx((156, 106), abs=0.5)
    assert decode(encode(sig)) == sig


def test_points_outside_the_rect_are_clamped(pad):
    QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, QPoint(2, 2))  # in the margin
    QTest.mouseMove(pad, QPoint(300, 100))
    QTest.mouseMove(pad, QPoint(W - 1, H - 1))
    QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, QPoint(W - 1, H - 1))
    stroke = pad.signature().strokes[0]
    assert stroke[0][:2] == (0.0, 0.0)
    assert stroke[-1][:2] == (1.0, 1.0)
    assert all(0 <= v <= 1 for p in stroke for v in p)


def test_right_button_and_hover_draw_nothing(pad):
    QTest.mousePress(pad, Qt.RightButton, Qt.NoModifier, at(0.5, 0.5))
    QTest.mouseMove(pad, at(0.7, 0.5))
    QTest.mouseRelease(pad, Qt.RightButton, Qt.NoModifier, at(0.7, 0.5))
    QTest.mouseMove(pad, at(0.2, 0.2))
    assert pad.is_empty()


def test_two_strokes_then_undo_leaves_one_and_clear_empties(pad, qtbot):
    mouse_stroke(pad, ZIGZAG)
    mouse_stroke(pad, [(0.2, 0.85), (0.5, 0.9), (0.8, 0.85)])
    assert len(pad.signature().strokes) == 2
    first = pad.signature().strokes[0]
    with qtbot.waitSignal(pad.changed):
        pad.undo()
    assert pad.signature().strokes == (first,)
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.is_empty() and pad.signature() is None
    pad.undo()  # nothing left: no error
    assert pad.is_empty()


def test_ctrl_z_undoes_the_last_stroke(pad):
    mouse_stroke(pad, ZIGZAG)
    mouse_stroke(pad, [(0.2, 0.85), (0.8, 0.85)])
    pad.setFocus()
    QTest.keyClick(pad, Qt.Key_Z, Qt.ControlModifier)
    assert pad.stroke_count() == 1
    QTest.keyClick(pad, Qt.Key_Z, Qt.ControlModifier)
    assert pad.is_empty()


def test_a_tap_is_not_enough_ink_but_a_scrawl_is(pad):
    QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, at(0.5, 0.5))
    QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, at(0.5, 0.5))
    sig = pad.signature()
    assert sig is not None and sig.point_count == 1
    assert not pad.has_enough_ink()
    pad.clear()
    mouse_stroke(pad, [(0.45, 0.7), (0.5, 0.7), (0.55, 0.7)])  # a short dash
    assert not pad.has_enough_ink()
    pad.clear()
    mouse_stroke(pad, ZIGZAG)
    assert pad.has_enough_ink()


def test_near_duplicate_moves_are_skipped_but_the_end_is_kept(pad):
    QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, QPoint(100, 100))
    for x in (200, 200, 200, 200):
        QTest.mouseMove(pad, QPoint(x, 100))
    QTest.mouseMove(pad, QPoint(300, 100))
    QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, QPoint(300, 100))
    xs = [round(p[0] * 600 + 6) for p in pad.signature().strokes[0]]
    assert xs == [100, 200, 300]


def test_a_very_long_stroke_is_split_to_stay_valid(pad):
    QApplication.sendEvent(pad, QMouseEvent(QEvent.MouseButtonPress, QPointF(50, 50), QPointF(50, 50),
                                            Qt.LeftButton, Qt.LeftButton, Qt.NoModifier))
    for i in range(MAX_STROKE_POINTS + 200):
        pos = QPointF(50 + (i % 50) * 10, 50 + (i % 2) * 40)
        QApplication.sendEvent(pad, QMouseEvent(QEvent.MouseMove, pos, pos, Qt.NoButton,
                                                Qt.LeftButton, Qt.NoModifier))
    QApplication.sendEvent(pad, QMouseEvent(QEvent.MouseButtonRelease, pos, pos, Qt.LeftButton,
                                            Qt.NoButton, Qt.NoModifier))
    sig = pad.signature()
    assert len(sig.strokes) == 2
    assert len(sig.strokes[0]) == MAX_STROKE_POINTS
    assert sig.strokes[1][0] == sig.strokes[0][-1]  # continues where the first part ended
    assert decode(encode(sig)) == sig


# --- tablet and touch --------------------------------------------------------------


def test_tablet_stroke_keeps_pressure_and_makes_no_mouse_stroke(pad, qtbot):
    presses = []
    pad.finished.connect(lambda: presses.append(1))
    steps = [(0.2, 0.5, 0.2), (0.3, 0.3, 0.4), (0.4, 0.6, 0.6), (0.5, 0.4, 0.9)]
    first = send_tablet(pad, QEvent.TabletPress, at(*steps[0][:2]), steps[0][2])
    assert first.isAccepted()  # so Qt synthesises no mouse events for the pen
    for x, y, p in steps[1:]:
        assert send_tablet(pad, QEvent.TabletMove, at(x, y), p).isAccepted()
    # a system-synthesised mouse press in the middle of a pen stroke is ignored
    QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, at(0.9, 0.9))
    QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, at(0.9, 0.9))
    assert send_tablet(pad, QEvent.TabletRelease, at(*steps[-1][:2]), 0.0).isAccepted()
    sig = pad.signature()
    assert len(sig.strokes) == 1
    assert [p[2] for p in sig.strokes[0]] == [0.2, 0.4, 0.6, 0.9]
    for (x, y, _p), got in zip(steps, sig.strokes[0]):
        assert got[:2] == pytest.approx((x, y), abs=0.003)
    assert presses == [1]


def test_tablet_without_pressure_sensor_uses_half_pressure(pad):
    device = stylus(pressure=False)
    send_tablet(pad, QEvent.TabletPress, at(0.2, 0.5), 1.0, device)
    send_tablet(pad, QEvent.TabletMove, at(0.5, 0.5), 1.0, device)
    send_tablet(pad, QEvent.TabletRelease, at(0.5, 0.5), 0.0, device)
    assert [p[2] for p in pad.signature().strokes[0]] == [0.5, 0.5]


def test_touch_sequence_creates_one_stroke(pad):
    device = touchscreen()
    QTest.touchEvent(pad, device).press(0, at(0.2, 0.5), pad).commit()
    for x, y in [(0.3, 0.3), (0.4, 0.7), (0.5, 0.3)]:
        QTest.touchEvent(pad, device).move(0, at(x, y), pad).commit()
    QTest.touchEvent(pad, device).release(0, at(0.6, 0.7), pad).commit()
    QApplication.processEvents()
    sig = pad.signature()
    assert sig is not None and len(sig.strokes) == 1  # no second stroke from synthesised mouse
    stroke = sig.strokes[0]
    assert stroke[0][:2] == pytest.approx((0.2, 0.5), abs=0.003)
    assert stroke[-1][:2] == pytest.approx((0.6, 0.7), abs=0.003)
    assert len(stroke) == 5
    assert all(p[2] == 0.5 for p in stroke)


# --- read-only display and painting ----------------------------------------------------


def test_read_only_shows_a_signature_and_ignores_input(pad):
    sig = synthetic_signature("Budi Santoso", 1)
    pad.set_read_only(True)
    pad.set_signature(sig)
    assert pad.signature() == sig
    mouse_stroke(pad, ZIGZAG)
    send_tablet(pad, QEvent.TabletPress, at(0.1, 0.1), 0.5)
    send_tablet(pad, QEvent.TabletMove, at(0.3, 0.1), 0.5)
    send_tablet(pad, QEvent.TabletRelease, at(0.3, 0.1), 0.0)
    assert pad.signature() == sig
    pad.setFocus()
    QTest.keyClick(pad, Qt.Key_Z, Qt.ControlModifier)
    assert pad.signature() == sig
    pad.set_signature(None)
    assert pad.is_empty()


def test_set_signature_takes_its_aspect(pad):
    sig = synthetic_signature("Rina", 2, aspect=2.0)
    pad.set_signature(sig)
    assert pad.aspect() == 2.0
    assert pad.drawing_rect().width() / pad.drawing_rect().height() == pytest.approx(2.0)
    assert pad.signature() == sig


def test_ink_shows_while_drawing_after_release_and_after_resize(pad):
    before = grab(pad)  # (the focus frame around the white area is blue too: look inside)
    assert ink_pixels(before, 10, 10, W - 10, H - 10) == 0
    QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, at(0.1, 0.5))
    for i in range(1, 9):
        QTest.mouseMove(pad, at(0.1 + 0.1 * i, 0.5))
    live = grab(pad)  # the stroke is still being drawn
    assert ink_pixels(live, 150, 100, 400, 112) > 100
    QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, at(0.9, 0.5))
    done = grab(pad)
    assert ink_pixels(done, 150, 100, 400, 112) > 100
    assert ink_pixels(done, 150, 20, 400, 80) == 0
    pad.resize(W * 2, H * 2)  # cache rebuilt at the new size: the line moves with the rect
    QApplication.processEvents()
    big = grab(pad)
    rect = pad.drawing_rect()
    y = round(rect.y() + rect.height() * 0.5)
    assert ink_pixels(big, round(rect.x() + rect.width() * 0.3), y - 6,
                      round(rect.x() + rect.width() * 0.7), y + 6) > 200
    pad.undo()
    assert ink_pixels(grab(pad), 10, 10, pad.width() - 10, pad.height() - 10) == 0


def test_pen_colour_and_width_properties(pad):
    mouse_stroke(pad, [(0.1, 0.5), (0.9, 0.5)])
    pad.setProperty("penColor", QColor("#aa0000"))
    assert pad.pen_color() == QColor("#aa0000")
    image = grab(pad)
    reds = sum(1 for x in range(150, 400) for y in range(100, 112)
               if image.pixelColor(x, y).red() > 120 and image.pixelColor(x, y).blue() < 80)
    assert reds > 100
    pad.set_base_width(6.0)
    assert pad.property("baseWidth") == 6.0 and pad.effective_width() == 6.0
    pad.set_base_width(0)
    assert pad.effective_width() == pytest.approx(200 * 0.012)


def test_repaints_two_thousand_times(pad):
    paints = []


    class Filter(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint:
                paints.append(1)
            return False

    counter = Filter()
    pad.installEventFilter(counter)
    mouse_stroke(pad, ZIGZAG)
    QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, at(0.1, 0.9))
    for i in range(2000):
        if i % 10 == 0:
            QTest.mouseMove(pad, at(0.1 + (i % 800) / 1000, 0.8 + (i % 20) / 100))
        pad.repaint()
    QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, at(0.5, 0.9))
    pad.removeEventFilter(counter)
    assert len(paints) >= 2000
    assert pad.stroke_count() == 2


def test_paint_signature_on_an_image():
    image = QImage(400, 100, QImage.Format_RGB32)
    image.fill(QColor("white"))
    sig = Signature(strokes=(((0.1, 0.5, 0.6), (0.5, 0.5, 0.6), (0.9, 0.5, 0.6)),
                             ((0.5, 0.1, 0.6), (0.5, 0.3, 0.6)),
                             ((0.8, 0.2, 0.9),)), aspect=3.0)
    painter = QPainter(image)
    paint_signature(painter, QRectF(0, 0, 400, 100), sig)  # fitted: x 50..350, y 0..100
    painter.end()
    # the horizontal line from x = 50 + 0.1 * 300 = 80 to 320 at y = 50
    assert ink_pixels(image, 90, 47, 310, 54) > 200
    assert ink_pixels(image, 200, 12, 201, 28) > 10  # the vertical tick at x = 200
    assert ink_pixels(image, 286, 18, 295, 23) > 3  # the dot at (0.8, 0.2)
    white = QColor("white")
    for x, y in [(0, 0), (399, 99), (60, 50), (340, 50), (200, 80), (100, 20)]:
        assert image.pixelColor(x, y) == white, (x, y)


def test_paint_signature_ignores_empty_and_fit_rect_centres():
    image = QImage(50, 50, QImage.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_signature(painter, QRectF(0, 0, 50, 50), None)
    painter.end()
    assert ink_pixels(image, 0, 0, 50, 50) == 0
    assert fit_rect(QRectF(0, 0, 400, 100), 3.0) == QRectF(50, 0, 300, 100)
    assert fit_rect(QRectF(0, 0, 300, 300), 3.0) == QRectF(0, 100, 300, 100)


def hint_pixels(image: QImage) -> int:
    """Grey-blue text pixels in the upper half of the drawing rect, where the hint sits."""
    count = 0
    for y in range(20, 100):
        for x in range(150, 460):
            c = image.pixelColor(x, y)
            if 120 < c.lightness() < 230 and c.blue() - c.red() > 10:
                count += 1
    return count


def test_hint_shows_only_while_empty_and_editable(pad):
    assert hint_pixels(grab(pad)) > 100
    QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, at(0.2, 0.9))
    assert hint_pixels(grab(pad)) == 0  # gone as soon as the pen touches
    QTest.mouseMove(pad, at(0.5, 0.9))
    QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, at(0.5, 0.9))
    assert hint_pixels(grab(pad)) == 0
    pad.clear()
    assert hint_pixels(grab(pad)) > 100
    pad.set_read_only(True)
    assert hint_pixels(grab(pad)) == 0
