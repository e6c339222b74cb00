"""The agenda timer widget with a fake clock: run, warn, time up once, restore, persist."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from kotacerdas_desktop.domain.timer import TimerState
from kotacerdas_desktop.ui.icons import Icons
from kotacerdas_desktop.ui.widgets.agenda_timer import AgendaTimer

T0 = 1_700_000_000.0
ITEMS = [("a", "Pembukaan", 15 * 60), ("b", "Paparan materi", 90 * 60), ("c", "Diskusi", None)]


class Clock:
    def __init__(self) -> None:
        self.t = T0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def beeps(monkeypatch):
    calls = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: calls.append(1)))
    return calls


@pytest.fixture
def timer(qtbot, clock, beeps):
    w = AgendaTimer(now=clock)
    qtbot.addWidget(w)
    w.set_items(ITEMS)
    w.show()
    return w


def test_first_item_selected_and_idle(timer):
    assert timer.title_label.text() == "Pembukaan"
    assert timer.clock.text() == "15:00"
    assert timer.property("phase") == "idle" and timer.toggle_button.text() == "Mulai"
    assert not timer._ticker.isActive()
    assert "F5" in timer.toggle_button.toolTip()
    assert "Ctrl+Alt+Atas" in timer.plus_button.toolTip()
    assert "Ctrl+Alt+Bawah" in timer.minus_button.toolTip()


def test_run_pause_resume(timer, clock):
    timer.toggle()
    assert timer.is_running() and timer._ticker.isActive() and timer._ticker.interval() == 500
    assert timer.toggle_button.text() == "Jeda" and timer.property("phase") == "running"
    clock.advance(65)
    timer.tick()
    assert timer.clock.text() == "13:55"
    timer.toggle()
    assert not timer.is_running() and not timer._ticker.isActive()
    assert timer.toggle_button.text() == "Lanjutkan" and timer.property("phase") == "paused"
    clock.advance(600)  # paused: nothing counts
    timer.tick()
    assert timer.clock.text() == "13:55"
    timer.toggle()
    clock.advance(55)
    timer.tick()
    assert timer.clock.text() == "13:00"


def test_warning_then_time_up_once(timer, clock, beeps, qtbot):
    fired = []
    timer.time_up.connect(lambda: fired.append(clock()))
    timer.start()
    clock.advance(11 * 60)
    timer.tick()
    assert timer.property("phase") == "running"
    clock.advance(60)  # the last 20% of a 15-minute item
    timer.tick()
    assert timer.property("phase") == "warning" and timer.clock.property("phase") == "warning"
    clock.advance(3 * 60)
    timer.tick()
    assert timer.clock.text() == "00:00" and timer.property("phase") == "over"
    assert timer.status.text() == "Waktu habis!"
    for _ in range(6):
        clock.advance(0.5)
        timer.tick()
    assert timer.clock.text() == "-00:03"
    assert len(fired) == 1 and len(beeps) == 1


def test_over_clock_is_red_and_flashes(timer, clock):
    timer.add_minutes(-15)  # planned 0: over at once
    timer.start()
    colors = set()
    for _ in range(4):
        clock.advance(0.5)
        timer.tick()
        colors.add(timer.clock.palette().color(QPalette.WindowText).name())
    assert colors == {"#c0392b", "#f1948a"}


def test_adding_time_rearms_time_up(timer, clock):
    fired = []
    timer.time_up.connect(lambda: fired.append(1))
    timer.start()
    clock.advance(15 * 60 + 10)
    timer.tick()
    timer.add_minutes(5)
    assert timer.property("phase") == "running" and timer.clock.text() == "04:50"  # 20% of 20 min
    clock.advance(5 * 60)
    timer.tick()
    assert fired == [1, 1]


def test_reset_and_adjust(timer, clock):
    timer.start()
    clock.advance(100)
    timer.add_minutes(5)
    timer.tick()
    assert timer.clock.text() == "18:20"
    timer.add_minutes(-5)
    timer.add_minutes(-5)
    assert timer.clock.text() == "08:20"
    timer.reset()
    assert not timer.is_running() and timer.property("phase") == "idle"
    assert timer.clock.text() == "10:00" and timer.toggle_button.text() == "Mulai"
    timer.add_minutes(-100)
    assert timer.clock.text() == "00:00" and not timer.minus_button.isEnabled()


def test_state_changed_on_every_action(timer, clock):
    seen = []
    timer.state_changed.connect(seen.append)
    timer.toggle()
    assert seen[-1]["started_at"] == T0 and seen[-1]["item_id"] == "a"
    clock.advance(30)
    timer.tick()
    assert len(seen) == 1  # ticks are not changes
    timer.toggle()
    assert seen[-1]["started_at"] is None and seen[-1]["accumulated"] == 30
    timer.plus_button.click()
    assert seen[-1]["planned"] == 20 * 60
    timer.reset_button.click()
    assert seen[-1]["accumulated"] == 0
    timer.items_combo.setCurrentIndex(2)
    assert seen[-1]["item_id"] == "c" and seen[-1]["planned"] == 30 * 60  # no end: 30 minutes
    assert len(seen) == 5
    assert timer.title_label.text() == "Diskusi"


def test_restore_running_state_continues_from_real_start(qtbot, clock, beeps):
    saved = TimerState("b", "Paparan materi", 90 * 60, 600.0, None).start(T0).to_dict()
    clock.advance(20 * 60)  # the app was down for 20 minutes
    w = AgendaTimer(now=clock)
    qtbot.addWidget(w)
    w.set_items(ITEMS)
    w.restore(saved)
    assert w.items_combo.currentData() == "b" and w.title_label.text() == "Paparan materi"
    assert w.is_running() and w._ticker.isActive()
    assert w.clock.text() == "1:00:00"  # 90 - 10 before - 20 since the start
    assert w.toggle_button.text() == "Jeda"
    clock.advance(30)
    w.tick()
    assert w.clock.text() == "59:30"


def test_restore_before_items_and_garbage(qtbot, clock, beeps):
    w = AgendaTimer(now=clock)
    qtbot.addWidget(w)
    assert w.title_label.text() == "Tanpa butir agenda" and not w.items_combo.isEnabled()
    w.restore(TimerState("c", "Diskusi", 600, 60.0, None).to_dict())
    w.set_items(ITEMS)
    assert w.items_combo.currentData() == "c" and w.clock.text() == "09:00"
    assert w.property("phase") == "paused"
    w.restore({"planned": "garbage"})
    assert w.state() == TimerState() and w.property("phase") == "idle"


def test_restored_overrun_does_not_ring_again(qtbot, clock, beeps):
    saved = TimerState("a", "Pembukaan", 60, 0.0, None).start(T0).to_dict()
    clock.advance(120)
    w = AgendaTimer(now=clock)
    qtbot.addWidget(w)
    fired = []
    w.time_up.connect(lambda: fired.append(1))
    w.restore(saved)
    w.tick()
    assert w.clock.text() == "-01:00" and fired == [] and beeps == []


def test_set_items_keeps_the_current_item(timer, clock):
    timer.items_combo.setCurrentIndex(1)
    timer.start()
    clock.advance(60)
    timer.set_items([("x", "Baru", 600), ("b", "Paparan materi (revisi)", 90 * 60)])
    assert timer.is_running() and timer.items_combo.currentData() == "b"
    assert timer.title_label.text() == "Paparan materi (revisi)" and timer.clock.text() == "1:29:00"


def test_icons_from_the_registry_when_it_has_them(qtbot, clock):
    w = AgendaTimer(icons=Icons(), now=clock)
    qtbot.addWidget(w)
    names = Icons.names()
    assert w.toggle_button.icon().isNull() is ("play" not in names)
    assert w.reset_button.icon().isNull() is ("reset" not in names)
    assert w.plus_button.icon().isNull() and w.toggle_button.text() == "Mulai"
    w.toggle()
    assert w.toggle_button.icon().isNull() is ("pause" not in names)


def test_keyboard_shortcuts(timer, qtbot):
    timer.activateWindow()
    qtbot.waitUntil(timer.isActiveWindow, timeout=2000)
    qtbot.keyClick(timer, Qt.Key_F5)
    assert timer.is_running()
    qtbot.keyClick(timer, Qt.Key_Up, Qt.ControlModifier | Qt.AltModifier)
    assert timer.state().planned == 20 * 60
    qtbot.keyClick(timer, Qt.Key_Down, Qt.ControlModifier | Qt.AltModifier)
    qtbot.keyClick(timer, Qt.Key_Down, Qt.ControlModifier | Qt.AltModifier)
    assert timer.state().planned == 10 * 60
    qtbot.keyClick(timer, Qt.Key_F5)
    assert not timer.is_running()


def test_shortcuts_can_be_left_to_the_page(qtbot, clock):
    w = AgendaTimer(now=clock, shortcuts=False)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    qtbot.keyClick(w, Qt.Key_F5)
    assert not w.is_running()
