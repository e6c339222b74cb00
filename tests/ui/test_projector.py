"""The projector window: every board kind draws, the clock shows the timer's phase, user
text stays plain, Esc and double-click close it, and it follows screens coming and going
(the screen signals driven directly, and for real with two offscreen screens)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from kotacerdas_desktop.domain.timer import TimerState
from kotacerdas_desktop.services.projector import Board, KeywordRow, RankRow, Row, SignRow, SwotRow
from kotacerdas_desktop.ui.projector import ProjectorWindow, ScreenDialog, preferred_screen

ROOT = Path(__file__).resolve().parents[2]
T0 = 1_700_000_000.0

BOARDS = {
    "agenda": Board("agenda", "Agenda", tuple(Row(f"Sesi {n}", "Narasumber", f"{8 + n:02d}:00–{9 + n:02d}:00")
                                            for n in range(6)), "Hari ke-1"),
    "list": Board("list", "Program", (Row("Misi satu", marker="M1", level=0),
                                       *(Row(f"Program {n}", "Diskominfo · 5 tahun") for n in range(8)))),
    "checks": Board("checks", "Reviu", (Row("Bab 1", "Disetujui", state="done"),
                                         Row("Bab 2", "2 dari 3", state="partial"), Row("Bab 3", state="todo"))),
    "swot": Board("swot", "Analisis kesiapan", tuple(SwotRow(f"Elemen {n}", "kuat", "lemah", "peluang", "ancaman",
                                                             group="Struktur") for n in range(9)),
                  columns=("Kekuatan", "Kelemahan", "Peluang", "Ancaman")),
    "ranking": Board("ranking", "Peringkat", tuple(RankRow(n + 1, f"Kandidat {n}", 90 - 7 * n, 14 - n,
                                                           "terpilih" if n < 3 else "usulan") for n in range(8))),
    "signing": Board("signing", "Penandatanganan", tuple(SignRow(f"Kepala OPD {n}", "Kepala Dinas", n % 3 > 0)
                                                         for n in range(30)), done=20, total=30),
    "keywords": Board("keywords", "Visi", tuple(KeywordRow(w, c) for w, c in (("digital", 9), ("hijau", 4),
                                                                             ("sejahtera", 2))),
                      text="Kota Contoh Cerdas dan Sejahtera"),
}


@pytest.fixture
def window(qtbot):
    facilitator = QWidget()
    qtbot.addWidget(facilitator)
    facilitator.show()
    win = ProjectorWindow(facilitator)
    qtbot.addWidget(win)
    return win


def _not_blank(win) -> bool:
    image = win.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    return len(colours) > 3


def test_preferred_screen_avoids_the_facilitators_screen():
    laptop, projector, tv = object(), object(), object()
    assert preferred_screen([laptop, projector], laptop) is projector
    assert preferred_screen([projector, laptop], laptop) is projector
    assert preferred_screen([laptop, projector, tv], laptop) is tv
    assert preferred_screen([laptop], laptop) is laptop
    assert preferred_screen([laptop, projector], None) is projector
    assert preferred_screen([], laptop) is None


@pytest.mark.parametrize("kind", sorted(BOARDS))
def test_every_board_kind_draws(window, kind):
    window.resize(1280, 720)
    window.show_step("Kota Contoh", "Tahap I", "Langkah", "Apa yang dikerjakan ruangan sekarang.", BOARDS[kind])
    image = window.grab()
    assert image.width() == 1280 and _not_blank(window)
    expected = len(BOARDS[kind].rows)
    assert window.board.shown_rows == expected, kind


def test_a_long_list_says_how_many_more(window):
    rows = tuple(Row(f"Program nomor {n} dengan nama yang cukup panjang untuk dua baris", "OPD") for n in range(300))
    window.resize(1280, 720)
    window.show_step("Kota", "Tahap", "Langkah", "", Board("list", "Banyak", rows))
    window.grab()
    assert 0 < window.board.shown_rows < 300


def test_empty_board_shows_its_message(window):
    window.show_step("Kota", "Tahap", "Langkah", "", Board("list", "Isu", empty="Belum ada isu strategis."))
    window.grab()
    assert window.board.shown_rows == 0 and _not_blank(window)


def test_fonts_follow_the_window_height(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.resize(1280, 720)
    small = window.prompt_label.font().pixelSize()
    window.resize(1920, 1080)
    assert window.prompt_label.font().pixelSize() == pytest.approx(small * 1.5, abs=1)
    assert window.prompt_label.font().pixelSize() == int(1080 * 0.032)


def test_user_text_is_plain(window):
    window.show_step("<b>Kota</b>", "Tahap", "<i>Langkah</i>", "<a href='x'>klik</a>", BOARDS["list"])
    for label in (window.context_label, window.title_label, window.prompt_label, window.clock_title):
        assert label.textFormat() == Qt.PlainText
    assert window.title_label.text() == "<i>Langkah</i>"


@pytest.mark.parametrize("state, phase, clock", [
    (TimerState(title="Paparan", planned=1800), "idle", "30:00"),
    (TimerState(title="Paparan", planned=1800, started_at=T0 - 600), "running", "20:00"),
    (TimerState(title="Paparan", planned=1800, accumulated=600), "paused", "20:00"),
    (TimerState(title="Paparan", planned=1800, started_at=T0 - 1700), "warning", "01:40"),
    (TimerState(title="Paparan", planned=1800, started_at=T0 - 1900), "over", "-01:40"),
])
def test_timer_phases(window, state, phase, clock):
    window.set_timer(state, T0)
    assert not window.clock_box.isHidden()
    assert window.clock.text() == clock
    assert window.clock.property("phase") == phase
    colour = {"warning": "#ffb300", "over": "#ff6b6b"}.get(phase)
    if colour:
        assert colour in window.clock.styleSheet()
    assert window.clock_title.text() == ("Waktu habis!" if phase == "over" else "Paparan")
    window.set_timer(None)
    assert window.clock_box.isHidden()


def test_a_running_timer_keeps_counting_on_its_own(qtbot):
    clock = [T0]
    win = ProjectorWindow(now=lambda: clock[0])
    qtbot.addWidget(win)
    win.set_timer(TimerState(title="Diskusi", planned=600, started_at=T0))
    assert win.clock.text() == "10:00" and win._ticker.isActive()
    clock[0] += 61
    qtbot.waitUntil(lambda: win.clock.text() == "08:59", timeout=2000)
    win.set_timer(TimerState(title="Diskusi", planned=600, accumulated=61))  # paused: no more ticking
    assert not win._ticker.isActive()
    win.set_timer(TimerState(title="Diskusi", planned=600, started_at=T0))
    win.close()
    assert not win._ticker.isActive()


def test_escape_and_double_click_close(window, qtbot):
    window.show_on()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.closed, timeout=1000):
        qtbot.keyClick(window, Qt.Key_Escape)
    assert not window.isVisible()
    window.show_on()
    with qtbot.waitSignal(window.closed, timeout=1000):
        qtbot.mouseDClick(window, Qt.LeftButton, pos=QPoint(200, 400))
    assert not window.isVisible()


def test_removed_screen_moves_to_a_remaining_one(window):
    window.show_on()
    primary = QGuiApplication.primaryScreen()
    gone = object()  # a screen that is being unplugged (offscreen Qt has one real screen)
    window._screen = gone
    window._screen_removed(gone)
    assert window.current_screen() is primary
    assert window.isVisible() and window.isFullScreen()
    assert window.geometry() == primary.geometry()


def test_removing_the_last_screen_does_not_crash(window):
    window.show_on()
    window._screen_removed(window.current_screen())  # nothing remains: stay where Qt puts it
    assert window.isVisible()
    assert window.current_screen() is window.screen()


def test_removing_another_screen_changes_nothing(window):
    window.show_on()
    before = window.current_screen()
    window._screen_removed(object())
    assert window.current_screen() is before and window.isVisible()


def test_added_screen_takes_the_window_off_the_facilitators_screen(window, monkeypatch):
    moves = []
    monkeypatch.setattr(window, "choose_screen", moves.append)
    new = object()
    window._screen_added(new)
    assert moves == []  # not shown yet: nothing to move
    window.show_on()  # the only screen is the facilitator's
    moves.clear()
    window._screen_added(new)
    assert moves == [new]
    moves.clear()
    window._screen = object()  # already on a screen of its own: stay there
    window._screen_added(new)
    assert moves == []


def test_closing_stops_watching_screens(window):
    window.show_on()
    assert window._watching
    window.close()
    assert not window._watching and not window._wanted


def test_screen_dialog_lists_the_screens(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    screens = QGuiApplication.screens()
    dialog = ScreenDialog(parent, screens)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == len(screens)
    size = screens[0].geometry()
    assert f"{size.width()} × {size.height()}" in dialog.list.item(0).text()
    assert dialog.chosen() is screens[0]


TWO_SCREENS = r"""
import json, sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
from kotacerdas_desktop.ui.projector import ProjectorWindow, preferred_screen
from kotacerdas_desktop.services.projector import Board, Row
laptop, projector = app.screens()
facilitator = QWidget()
facilitator.setScreen(laptop)
facilitator.setGeometry(laptop.availableGeometry())
facilitator.show()
win = ProjectorWindow(facilitator)
win.show_step("Kota Contoh", "Tahap I", "Misi", "Turunkan visi", Board("list", "Misi", (Row("M1"),)))
win.show_on()
app.processEvents()
out = {"first": win.current_screen().name(), "first_geometry": list(win.geometry().getRect())}
win._screen_removed(projector)  # the cable is pulled
app.processEvents()
out["after_removal"] = win.current_screen().name()
out["visible"] = win.isVisible()
out["removal_geometry"] = list(win.geometry().getRect())
win._screen_added(projector)  # and plugged back in
app.processEvents()
out["after_adding"] = win.current_screen().name()
out["qt_screen"] = win.screen().name()
print(json.dumps(out))
"""


def test_two_real_screens(tmp_path):
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "Laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "dpr": 1},
        {"name": "Proyektor", "x": 1366, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", TWO_SCREENS], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["first"] == "Proyektor" and out["first_geometry"] == [1366, 0, 1280, 720]
    assert out["after_removal"] == "Laptop" and out["visible"]
    assert out["removal_geometry"] == [0, 0, 1366, 768]
    assert out["after_adding"] == "Proyektor" and out["qt_screen"] == "Proyektor"
