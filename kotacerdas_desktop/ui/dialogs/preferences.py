"""Preferences: display language and this device's name."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QLabel

from ...i18n import LANGUAGES, tr
from ..widgets.form_dialog import build_form_dialog


class PreferencesDialog(QDialog):
    def __init__(self, language: str, device: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Preferensi"))
        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        note = QLabel(tr("Dokumen resmi tetap berbahasa Indonesia."))
        note.setObjectName("pageIntro")
        build_form_dialog(self, [(tr("Bahasa tampilan"), self.language),
                                 (tr("Perangkat ini"), QLabel(device))], "OK", extras=(note,),
                          min_width=360)

    def chosen_language(self) -> str:
        return self.language.currentData()
