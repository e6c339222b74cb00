"""The guided bimtek session: the steps of a stage on the left, the current step on the right.

The steps, what each must produce and its checks come from domain/wizard.py;
this page only shows them. Every edit is saved by the step editors as it
happens; the page remembers the step (per bimtek) so a restart resumes there.
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QFrame, QGroupBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSizePolicy, QSplitter, QStackedWidget,
                               QVBoxLayout, QWidget)

from ...domain import wizard as wz
from ...domain.errors import UserError
from ...domain.timer import current_item, planned_seconds
from ...i18n import tr
from ...services.worksheets import ItemView
from ..feedback import show_error
from ..icons import Icons
from ..widgets.agenda_timer import AgendaTimer
from ..wizard.records import Options, StepUndo
from ..wizard.steps import StepEditor, build_step
from .dashboard import days_text, stage_title

STATE_ICONS = {"done": "check", "partial": "warning", "empty": "todo"}


def translate_detail(detail: str) -> str:
    """Check details are short Indonesian phrases from the domain; translate their pattern."""
    import re

    if not detail:
        return ""
    m = re.fullmatch(r"(\d+) dari (\d+)", detail)
    if m:
        return tr("{done} dari {total}", done=m.group(1), total=m.group(2))
    m = re.fullmatch(r"(\d+) \(minimal (\d+)\)", detail)
    if m:
        return tr("{n} (minimal {min})", n=m.group(1), min=m.group(2))
    m = re.fullmatch(r"(\d+) kata kunci", detail)
    if m:
        return tr("{n} kata kunci", n=m.group(1))
    m = re.fullmatch(r"(\d+) kehadiran", detail)
    if m:
        return tr("{n} kehadiran", n=m.group(1))
    if detail.startswith("belum: "):
        return tr("belum: {what}", what=", ".join(tr(p) for p in detail[7:].split(", ")))
    return tr(detail)


class SessionPage(QWidget):
    checkin_requested = Signal(str)
    kiosk_requested = Signal(str)
    schedule_requested = Signal(str)  # bimtek id
    commitment_requested = Signal()
    commitment_changed = Signal()
    changed = Signal()

    def __init__(self, services, icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.services, self.icons = services, icons
        self.setObjectName("sessionPage")
        self.region_id: str | None = None
        self.bimtek_id: str | None = None
        self.flow: wz.Flow | None = None
        self.snap: wz.Snapshot | None = None
        self.options: Options | None = None
        self.editors: dict[str, StepEditor] = {}
        self.undos: dict[str, StepUndo] = {}

        self.stage = QComboBox()
        self.stage.setObjectName("stagePicker")
        self.stage.activated.connect(lambda _i: self.open_bimtek(self.stage.currentData()))
        self.when = QLabel()
        self.when.setTextFormat(Qt.PlainText)
        self.when.setObjectName("pageIntro")
        self.masterplan_button = QPushButton(icons.get("dashboard"), tr("Program dan quick win…"))
        self.masterplan_button.setToolTip(tr("Ubah program dan quick win dari tahap mana pun (Ctrl+Shift+P)"))
        self.masterplan_button.clicked.connect(self.open_masterplan)
        top = QHBoxLayout()
        top.addWidget(self.stage)
        top.addWidget(self.when, 1)
        top.addWidget(self.masterplan_button)
        self.projector_button = QPushButton(icons.get("projector"), tr("Proyektor"))
        self.projector_button.setCheckable(True)
        self.projector_button.setToolTip(tr("Tampilkan langkah ini di layar proyektor (F7); Esc di layar "
                                            "proyektor menutupnya"))
        self.projector_button.toggled.connect(self.toggle_projector)
        top.addWidget(self.projector_button)
        self.projector = None

        self.steps = QListWidget()
        self.steps.setObjectName("stepList")
        self.steps.setMinimumWidth(220)
        self.steps.setMaximumWidth(300)
        self.steps.currentRowChanged.connect(self._step_clicked)
        self.progress = QLabel()
        self.progress.setObjectName("stageProgress")
        self.progress.setWordWrap(True)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.steps, 1)
        lv.addWidget(self.progress)
        self.timer = AgendaTimer(icons=icons)
        self.timer.state_changed.connect(self._timer_changed)
        lv.addWidget(self.timer)

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.prompt = QLabel()
        self.prompt.setObjectName("stepPrompt")
        self.prompt.setWordWrap(True)
        self.produces = QLabel()
        self.produces.setObjectName("stepProduces")
        self.produces.setWordWrap(True)
        self.checks = QLabel()
        self.checks.setObjectName("stepChecks")
        self.checks.setTextFormat(Qt.PlainText)
        head = QFrame()
        head.setObjectName("stepHead")
        head.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.prompt)
        text.addWidget(self.produces)
        text.addStretch(1)
        checks_box = QGroupBox(tr("Yang harus dihasilkan langkah ini"))
        checks_box.setObjectName("stepChecksBox")
        QVBoxLayout(checks_box).addWidget(self.checks)
        hv = QHBoxLayout(head)
        hv.setContentsMargins(0, 0, 0, 4)
        hv.addLayout(text, 1)
        hv.addWidget(checks_box, 0)
        self.stack = QStackedWidget()
        self.empty = QLabel(tr("Pilih wilayah terlebih dahulu."))
        self.empty.setAlignment(Qt.AlignCenter)
        self.stack.addWidget(self.empty)

        self.back_button = QPushButton(icons.get("back"), tr("Sebelumnya"))
        self.back_button.setToolTip(tr("Langkah sebelumnya (Alt+Kiri)"))
        self.back_button.clicked.connect(self.previous)
        self.next_button = QPushButton(icons.get("next"), tr("Berikutnya"))
        self.next_button.setLayoutDirection(Qt.RightToLeft)
        self.next_button.setToolTip(tr("Langkah berikutnya (Alt+Kanan); peringatan tidak menghalangi"))
        self.next_button.clicked.connect(self.next)
        self.undo_button = QPushButton(icons.get("undo"), tr("Urungkan"))
        self.undo_button.clicked.connect(self.undo)
        self.redo_button = QPushButton(icons.get("redo"), tr("Ulangi"))
        self.redo_button.clicked.connect(self.redo)
        self.saved = QLabel()
        self.saved.setObjectName("savedHint")
        nav = QHBoxLayout()
        nav.addWidget(self.undo_button)
        nav.addWidget(self.redo_button)
        nav.addWidget(self.saved, 1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(8, 0, 0, 0)
        rv.addWidget(head)
        rv.addWidget(self.stack, 1)
        rv.addLayout(nav)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self._bind(("Ctrl+Shift+P",), self.open_masterplan)
        self._bind(("F7",), self.projector_button.toggle)
        self._bind(("Alt+Left", "Ctrl+PgUp"), self.previous)
        self._bind(("Alt+Right", "Ctrl+PgDown"), self.next)
        self.undo_action = self._bind((QKeySequence.Undo,), self.undo)
        self.redo_action = self._bind((QKeySequence.Redo, "Ctrl+Shift+Z"), self.redo)

    def _bind(self, keys, slot) -> QAction:
        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- loading ---
    def load(self, region_id: str, bimtek_id: str | None = None) -> None:
        self.region_id = region_id
        cards = self.services.bimtek.cards(region_id)
        self.stage.blockSignals(True)
        self.stage.clear()
        for c in cards:
            self.stage.addItem(stage_title(c.stage), c.id)
        self.stage.blockSignals(False)
        if bimtek_id is None:
            current = self.bimtek_id if any(c.id == self.bimtek_id for c in cards) else None
            ongoing = next((c.id for c in cards if c.status == "ongoing"), None)
            pending = next((c.id for c in cards if c.status != "done"), None)
            bimtek_id = current or ongoing or pending or (cards[0].id if cards else None)
        if bimtek_id:
            self.open_bimtek(bimtek_id)

    def open_bimtek(self, bimtek_id: str) -> None:
        self.flush()
        self.bimtek_id = bimtek_id
        self.stage.setCurrentIndex(max(self.stage.findData(bimtek_id), 0))
        ctx = self.services.worksheets.context(bimtek_id)
        card = next(c for c in self.services.bimtek.cards(ctx.region_id) if c.id == bimtek_id)
        self.when.setText(f"{days_text(card)} · {card.venue or tr('Tempat belum ditetapkan')}")
        self.options = Options(ctx)
        self.ctx = ctx
        self.region_title = self.services.regions.detail(ctx.region_id).display_name
        for editor in self.editors.values():
            self.stack.removeWidget(editor)
            editor.deleteLater()
        for undo in self.undos.values():
            undo.indexChanged.disconnect(self._undo_index)
            undo.changed.disconnect(self.refresh)
            undo.deleteLater()
        self.editors, self.undos = {}, {}
        step, timer = self.services.worksheets.position(bimtek_id)
        self.flow = wz.Flow(ctx.stage, step or None)
        self._timer_items(self.services.worksheets.items(bimtek_id, "agenda"))
        if timer:
            self.timer.restore(timer)
        else:
            running = current_item([dict(a.data, id=a.id) for a in self.services.worksheets.items(
                bimtek_id, "agenda")], datetime.now())
            if running:
                self.timer.select_item(running["id"])
        self.steps.blockSignals(True)
        self.steps.clear()
        for i, s in enumerate(self.flow.steps, 1):
            item = QListWidgetItem(f"{i}. {tr(s.title)}")
            item.setData(Qt.UserRole, s.key)
            self.steps.addItem(item)
        self.steps.blockSignals(False)
        self.show_step(self.flow.current.key)

    def reload_context(self) -> None:
        """The schedule, people or framework changed elsewhere: rebuild the editors."""
        if self.bimtek_id:
            self.open_bimtek(self.bimtek_id)

    # --- steps ---
    def show_step(self, key: str) -> None:
        if self.flow is None:
            return
        current = self.editors.get(self.flow.current.key)
        if current is not None:
            current.flush()
        step = self.flow.go(key)
        editor = self.editors.get(step.key)
        if editor is None:
            undo = StepUndo(self.services, self)
            undo.changed.connect(self.refresh)
            undo.indexChanged.connect(self._undo_index)
            editor = build_step(step, self.services, self.bimtek_id, undo, self.options, self.icons)
            for name in ("schedule_requested",):
                if hasattr(editor, name):
                    editor.schedule_requested.connect(lambda: self.schedule_requested.emit(self.bimtek_id))
            if hasattr(editor, "commitment_requested"):
                editor.commitment_requested.connect(self.commitment_requested)
            if hasattr(editor, "commitment_changed"):
                editor.commitment_changed.connect(self.commitment_changed)
            if hasattr(editor, "checkin_requested"):
                editor.checkin_requested.connect(self.checkin_requested)
                editor.kiosk_requested.connect(self.kiosk_requested)
            self.editors[step.key] = editor
            self.undos[step.key] = undo
            self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(self.flow.index)
        self.steps.blockSignals(False)
        self.title.setText(tr(step.title))
        self.prompt.setText(tr(step.prompt))
        self.produces.setText(tr("Harus menghasilkan: {what}", what=tr(step.produces)))
        self.back_button.setEnabled(not self.flow.at_start)
        self.next_button.setEnabled(not self.flow.at_end)
        try:
            self.services.worksheets.set_position(self.bimtek_id, step=step.key)
        except UserError as exc:
            show_error(self, exc)
        self.refresh()
        self._undo_state()
        if editor.editors and self.isVisible():
            editor.editors[0].table.setFocus(Qt.OtherFocusReason)  # Ctrl+Enter works at once

    def _step_clicked(self, row: int) -> None:
        if self.flow is not None and 0 <= row < len(self.flow.steps):
            self.show_step(self.flow.steps[row].key)

    def next(self) -> None:
        if self.flow and not self.flow.at_end:
            self.show_step(self.flow.steps[self.flow.index + 1].key)

    def previous(self) -> None:
        if self.flow and not self.flow.at_start:
            self.show_step(self.flow.steps[self.flow.index - 1].key)

    def current_editor(self) -> StepEditor | None:
        return self.editors.get(self.flow.current.key) if self.flow else None

    def refresh(self) -> None:
        """Re-read the stage after a change: the step's content, its checks, every step's state."""
        if self.flow is None or self.bimtek_id is None:
            return
        self.snap = self.services.worksheets.snapshot(self.bimtek_id)
        self.options.update_records(self.snap)
        self._timer_items([ItemView(i.id, i.kind, dict(i.data), i.position, i.bimtek_id)
                           for i in self.snap.of("agenda")])
        editor = self.current_editor()
        if editor is not None:
            editor.reload(self.snap)
        for i, step in enumerate(self.flow.steps):
            state = wz.step_state(step, self.snap)
            item = self.steps.item(i)
            item.setIcon(self.icons.get(STATE_ICONS[state]))
            item.setToolTip({"done": tr("Semua keluaran ada"), "partial": tr("Sebagian keluaran belum ada"),
                             "empty": tr("Belum dimulai")}[state])
        lines = []
        for c in wz.checks(self.flow.current, self.snap):
            detail = translate_detail(c.detail)
            line = ("✓ " if c.done else "⚠ ") + tr(c.label)
            if detail:
                line += f" — {detail}" if len(line) + len(detail) < 60 else f"\n     {detail}"
            lines.append(line)
        self.checks.setText("\n".join(lines))
        self._update_projector()
        done, total = wz.stage_progress(self.snap)
        self.progress.setText(tr("{done} dari {total} keluaran tahap ini tercapai", done=done, total=total))
        self.saved.setText(tr("Tersimpan otomatis."))
        self.changed.emit()

    def open_masterplan(self) -> None:
        from ..wizard.masterplan import MasterplanDialog

        if self.bimtek_id is None:
            return
        self.flush()
        MasterplanDialog(self.services, self.bimtek_id, self.options, self.icons, self).exec()
        self.refresh()

    # --- agenda timer ---
    def _timer_items(self, agenda) -> None:
        lang_days = {d: i for i, d in enumerate(sorted({a.data.get("day", "") for a in agenda}), 1)}
        items = []
        for a in sorted(agenda, key=lambda a: (a.data.get("day", ""), a.data.get("start", ""))):
            start = a.data.get("start", "")
            label = " ".join(x for x in (tr("H{n}", n=lang_days[a.data.get("day", "")]) if len(lang_days) > 1
                                         else "", start.replace(":", "."), a.data.get("title", "")) if x)
            items.append((a.id, label, planned_seconds(start, a.data.get("end", ""))))
        self.timer.set_items(items)

    # --- projector ---
    def toggle_projector(self, on: bool) -> None:
        from PySide6.QtGui import QGuiApplication

        from ..projector import ProjectorWindow, pick_screen

        if not on:
            if self.projector is not None:
                self.projector.close()
            return
        if self.projector is not None:
            return
        screens = QGuiApplication.screens()
        screen = pick_screen(self, screens) if len(screens) > 1 else None
        if len(screens) > 1 and screen is None:  # the facilitator cancelled the choice
            self.projector_button.setChecked(False)
            return
        self.projector = ProjectorWindow(self.window())
        self.projector.closed.connect(self._projector_closed)
        self.projector.show_on(screen)
        self._update_projector()
        self.projector.set_timer(self.timer.state())

    def _projector_closed(self) -> None:
        self.projector = None
        self.window().activateWindow()  # keys go back to the facilitator's window
        self.projector_button.blockSignals(True)
        self.projector_button.setChecked(False)
        self.projector_button.blockSignals(False)

    def _update_projector(self) -> None:
        if self.projector is None or self.flow is None or self.snap is None:
            return
        from ...services.projector import board_for

        step = self.flow.current
        commitment = (self.services.commitment.view(self.ctx.region_id)
                      if step.key in ("teks_komitmen", "penandatanganan") else None)
        opd_names = {o.id: o.short_name or o.name for o in self.services.directory.opds(self.ctx.region_id)}
        self.projector.show_step(self.region_title, stage_title(self.ctx.stage), tr(step.title), tr(step.prompt),
                                 board_for(step, self.snap, self.ctx, commitment, opd_names=opd_names))

    def _timer_changed(self, state: dict) -> None:
        if self.projector is not None:
            self.projector.set_timer(self.timer.state())
        if self.bimtek_id:
            try:
                self.services.worksheets.set_position(self.bimtek_id, timer=state)
            except UserError as exc:
                show_error(self, exc)

    # --- undo ---
    def _undo_index(self, _index: int) -> None:
        self._undo_state()

    def _undo_state(self) -> None:
        undo = self.undos.get(self.flow.current.key) if self.flow else None
        can_undo, can_redo = bool(undo and undo.canUndo()), bool(undo and undo.canRedo())
        self.undo_button.setEnabled(can_undo)
        self.redo_button.setEnabled(can_redo)
        self.undo_button.setToolTip(tr("Urungkan: {what} (Ctrl+Z)", what=undo.undoText()) if can_undo
                                    else tr("Tidak ada yang bisa diurungkan (Ctrl+Z)"))
        self.redo_button.setToolTip(tr("Ulangi: {what} (Ctrl+Y)", what=undo.redoText()) if can_redo
                                    else tr("Tidak ada yang bisa diulangi (Ctrl+Y)"))

    def undo(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.flush()
        undo = self.undos.get(self.flow.current.key) if self.flow else None
        if undo is not None and undo.canUndo():
            undo.undo()

    def redo(self) -> None:
        undo = self.undos.get(self.flow.current.key) if self.flow else None
        if undo is not None and undo.canRedo():
            undo.redo()

    def flush(self) -> None:
        """Save whatever is still being typed (before switching bimtek, area or closing)."""
        for editor in self.editors.values():
            editor.flush()
