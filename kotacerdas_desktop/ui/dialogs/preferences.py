"""Preferences: display language and this device's name."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QVBoxLayout)

from ...i18n import LANGUAGES, tr


class PreferencesDialog(QDialog):
    def __init__(self, language: str, device: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Preferensi"))
        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        form = QFormLayout()
        form.addRow(tr("Bahasa tampilan"), self.language)
        form.addRow(tr("Perangkat ini"), QLabel(device))
        note = QLabel(tr("Dokumen resmi tetap berbahasa Indonesia."))
        note.setObjectName("pageIntro")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen_language(self) -> str:
        return self.language.currentData()
