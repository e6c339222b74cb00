"""Programmes and quick wins from any step of any stage: they belong to the masterplan,
and every stage may still change them (DOMAIN.md §2)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout

from ...domain import wizard as wz
from ...i18n import tr
from .records import Options, RecordEditor, StepUndo

SECTIONS = (
    wz.Section("program", "Program", ("name", "source", "status", "horizon", "opd", "misi", "element"),
               preset=(("source", "baru"), ("horizon", "5")), filters=("misi", "element")),
    wz.Section("quick_win", "Quick win", ("name", "status", "program", "opd", "months")),
)


class MasterplanDialog(QDialog):
    def __init__(self, services, bimtek_id: str, options: Options, icons, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Program dan quick win"))
        self.resize(1150, 680)
        self.undo = StepUndo(services, self)
        self.editors = [RecordEditor(section, services, bimtek_id, self.undo, options, icons)
                        for section in SECTIONS]
        self.undo.changed.connect(self.reload)
        tabs = QTabWidget()
        for section, editor in zip(SECTIONS, self.editors):
            tabs.addTab(editor, tr(section.title))
        note = QLabel(tr("Program dan quick win milik masterplan wilayah: perubahan di sini berlaku di semua tahap "
                         "dan tersimpan otomatis. Ctrl+Z mengurungkan."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        from PySide6.QtGui import QKeySequence, QShortcut
        QShortcut(QKeySequence.Undo, self, self.undo.undo)
        QShortcut(QKeySequence.Redo, self, self.undo.redo)
        self.services, self.bimtek_id, self.options = services, bimtek_id, options
        self.reload()

    def reload(self) -> None:
        snap = self.services.worksheets.snapshot(self.bimtek_id)
        self.options.update_records(snap)
        from .steps import _views
        for editor in self.editors:
            editor.reload(_views(snap, editor.section.kind))

    def done(self, result: int) -> None:  # noqa: D401 - Qt name
        for editor in self.editors:
            editor.form.flush()
        super().done(result)
