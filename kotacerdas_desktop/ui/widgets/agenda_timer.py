"""The agenda timer the facilitator runs during a bimtek: the current item, a large
count-down clock and Start/Pause, +5/−5 minutes and Reset.

All timing lives in `domain.timer.TimerState`; the widget reads the clock through the
injected `now` (tests pass a fake one) and ticks every 500 ms only while running.
The dynamic property `phase` ("idle", "running", "paused", "warning", "over") is set on
the frame and on the clock label for the app stylesheet; a built-in style already
colours the clock (amber in the last minutes, flashing red once time is up).
"""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton,
                               QSizePolicy, QVBoxLayout, QWidget)

from ...domain.timer import DEFAULT_PLANNED, TimerState, format_clock
from ...i18n import tr
from ..icons import Icons

TICK_MS = 500
STEP_MINUTES = 5
_STYLE = """
QLabel#agendaClock[phase="running"] { color: #1a5276; }
QLabel#agendaClock[phase="paused"] { color: #7f8c8d; }
QLabel#agendaClock[phase="warning"] { color: #b9770e; }
QLabel#agendaClock[phase="over"] { color: #c0392b; }
QLabel#agendaClock[phase="over"][flash="true"] { color: #f1948a; }
QLabel#agendaStatus[phase="over"] { color: #c0392b; font-weight: bold; }
"""


class AgendaTimer(QFrame):
    """`set_items([(id, label, planned_seconds or None), ...])`, then the facilitator
    (or the page through `toggle()`, `add_minutes(n)`, `reset()`) runs the timer."""

    time_up = Signal()            # once per run, when the remaining time reaches zero
    state_changed = Signal(dict)  # TimerState.to_dict() after start/pause/adjust/reset/item change

    def __init__(self, parent: QWidget | None = None, icons: Icons | None = None,
                 now: Callable[[], float] = time.time, shortcuts: bool = True) -> None:
        super().__init__(parent)
        self._now = now
        self._icons = icons
        self._toggle_icon = ""
        self._state = TimerState()
        self._items: list[tuple[str, str, int | None]] = []
        self._fired = False   # time_up already emitted for this run
        self._flash = False
        self.setObjectName("agendaTimer")
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet(_STYLE)

        self.items_combo = QComboBox()
        self.items_combo.setAccessibleName(tr("Butir agenda"))
        self.items_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.items_combo.setMinimumContentsLength(12)
        self.items_combo.currentIndexChanged.connect(self._item_picked)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        self.title_label.setFont(title_font)
        self.clock = QLabel()
        self.clock.setObjectName("agendaClock")
        self.clock.setAlignment(Qt.AlignCenter)
        self.clock.setAccessibleName(tr("Sisa waktu"))
        clock_font = QFont(self.font())
        clock_font.setBold(True)
        clock_font.setPointSizeF(clock_font.pointSizeF() * 4)
        clock_font.setStyleHint(QFont.Monospace)
        self.clock.setFont(clock_font)
        self.clock.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.status = QLabel()
        self.status.setObjectName("agendaStatus")
        self.status.setAlignment(Qt.AlignCenter)

        self.toggle_button = self._button("", tr("Mulai atau jeda pengatur waktu (F5)"), self.toggle)
        self.plus_button = self._button("+5", tr("Tambah 5 menit (Ctrl+Alt+Atas)"),
                                        lambda: self.add_minutes(STEP_MINUTES))
        self.minus_button = self._button("−5", tr("Kurangi 5 menit (Ctrl+Alt+Bawah)"),
                                         lambda: self.add_minutes(-STEP_MINUTES))
        self.reset_button = self._button("", tr("Ulang pengatur waktu dari awal"), self.reset)
        self._set_icon(self.reset_button, "reset")

        buttons = QHBoxLayout()
        for button in (self.toggle_button, self.minus_button, self.plus_button, self.reset_button):
            buttons.addWidget(button)
        for button in (self.minus_button, self.plus_button, self.reset_button):
            button.setMinimumWidth(44)  # below the style's 75 px: the timer sits in a narrow column
        layout = QVBoxLayout(self)
        layout.addWidget(self.items_combo)
        layout.addWidget(self.title_label)
        layout.addWidget(self.clock)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)
        if shortcuts:
            for keys, slot in (("F5", self.toggle),
                               ("Ctrl+Alt+Up", lambda: self.add_minutes(STEP_MINUTES)),
                               ("Ctrl+Alt+Down", lambda: self.add_minutes(-STEP_MINUTES))):
                QShortcut(QKeySequence(keys), self, activated=slot, context=Qt.WindowShortcut)
        self._refresh()

    def _button(self, text: str, tooltip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tooltip)
        button.setAccessibleDescription(tooltip)
        button.clicked.connect(slot)
        return button

    def _set_icon(self, button: QPushButton, name: str) -> None:
        """An icon from the registry when it has `name`; otherwise the text alone."""
        if self._icons is not None and name in self._icons.names():
            button.setIcon(self._icons.get(name))

    # --- public API -----------------------------------------------------------------

    def state(self) -> TimerState:
        return self._state

    def is_running(self) -> bool:
        return self._state.running

    def set_items(self, items) -> None:
        """The agenda items to pick from: (id, label, planned seconds or None)."""
        self._items = [(str(i), str(label), planned) for i, label, planned in items]
        self.items_combo.blockSignals(True)
        self.items_combo.clear()
        for item_id, label, _planned in self._items:
            self.items_combo.addItem(label, item_id)
        self.items_combo.blockSignals(False)
        index = self.items_combo.findData(self._state.item_id)
        if index >= 0:
            self._select_index(index)
            self._state = replace(self._state, title=self._items[index][1])
            self._refresh()
        elif self._items:
            self.select_item(self._items[0][0])
        else:
            self._refresh()

    def select_item(self, item_id: str) -> None:
        """Switch to an item with a fresh idle timer (nothing happens if it is current)."""
        index = self.items_combo.findData(str(item_id))
        if index < 0 or (str(item_id) == self._state.item_id and self.items_combo.currentIndex() == index):
            return
        self._select_index(index)
        _id, label, planned = self._items[index]
        self._change(TimerState(item_id=_id, title=label, planned=planned or DEFAULT_PLANNED))

    def restore(self, data) -> None:
        """Take back a persisted state; a running one goes on from its real start.
        A state already over at restore does not sound `time_up` again."""
        self._state = TimerState.from_dict(data)
        self._select_index(self.items_combo.findData(self._state.item_id))
        self._fired = self._state.is_over(self._now())
        self._sync_ticker()
        self._refresh()

    def toggle(self) -> None:
        if self._state.running:
            self.pause()
        else:
            self.start()

    def start(self) -> None:
        self._change(self._state.start(self._now()))

    def pause(self) -> None:
        self._change(self._state.pause(self._now()))

    def add_minutes(self, minutes: int) -> None:
        self._change(self._state.adjust(minutes * 60))

    def reset(self) -> None:
        self._change(self._state.reset())

    def tick(self) -> None:
        """Redraw the clock; sound `time_up` the first time the run is over."""
        now = self._now()
        if self._state.is_over(now):
            if not self._fired:
                self._fired = True
                QApplication.beep()
                self.time_up.emit()
            self._flash = self._state.running and not self._flash
        else:
            self._fired = False
            self._flash = False
        self._refresh(now)

    # --- internals ----------------------------------------------------------------------

    def _select_index(self, index: int) -> None:
        self.items_combo.blockSignals(True)
        self.items_combo.setCurrentIndex(index)
        self.items_combo.blockSignals(False)

    def _item_picked(self, index: int) -> None:
        if 0 <= index < len(self._items):
            self.select_item(self._items[index][0])

    def _change(self, state: TimerState) -> None:
        if state == self._state:
            return
        self._state = state
        self._sync_ticker()
        self.tick()
        self.state_changed.emit(state.to_dict())

    def _sync_ticker(self) -> None:
        if self._state.running and not self._ticker.isActive():
            self._ticker.start()
        elif not self._state.running:
            self._ticker.stop()

    def _refresh(self, now: float | None = None) -> None:
        now = self._now() if now is None else now
        state = self._state
        phase = state.phase(now)
        self.title_label.setText(state.title or tr("Tanpa butir agenda"))
        self.clock.setText(format_clock(state.remaining(now)))
        planned = format_clock(state.planned)
        self.status.setText({"idle": tr("Rencana {planned}", planned=planned),
                             "running": tr("Berjalan · rencana {planned}", planned=planned),
                             "paused": tr("Dijeda · rencana {planned}", planned=planned),
                             "warning": tr("Segera berakhir · rencana {planned}", planned=planned),
                             "over": tr("Waktu habis!")}[phase])
        self.toggle_button.setText(tr("Jeda") if state.running
                                   else tr("Lanjutkan") if phase != "idle" else tr("Mulai"))
        if self._toggle_icon != ("pause" if state.running else "play"):
            self._toggle_icon = "pause" if state.running else "play"
            self._set_icon(self.toggle_button, self._toggle_icon)
        self.minus_button.setEnabled(state.planned > 0)
        self.items_combo.setEnabled(bool(self._items))
        flash = phase == "over" and self._flash
        for widget in (self, self.clock, self.status):
            if widget.property("phase") != phase or widget.property("flash") != flash:
                widget.setProperty("phase", phase)
                widget.setProperty("flash", flash)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
