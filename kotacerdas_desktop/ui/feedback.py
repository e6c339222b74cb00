"""Telling the user what went wrong or asking them, in one place (tests patch these)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ..i18n import tr


def _box(parent, icon, title: str, message: object, buttons=QMessageBox.Ok,
         default=QMessageBox.Ok) -> int:
    box = QMessageBox(icon, title, str(message), buttons, parent)
    box.setTextFormat(Qt.PlainText)  # messages quote names users typed; never render them
    box.setDefaultButton(default)
    if buttons & QMessageBox.Yes:
        box.button(QMessageBox.Yes).setText(tr("Ya"))
        box.button(QMessageBox.No).setText(tr("Tidak"))
    return box.exec()


def show_error(parent: QWidget | None, message: object, title: str | None = None) -> None:
    _box(parent, QMessageBox.Warning, title or tr("Tidak dapat disimpan"), message)


def show_info(parent: QWidget | None, message: str, title: str | None = None) -> None:
    _box(parent, QMessageBox.Information, title or tr("Informasi"), message)


def confirm(parent: QWidget | None, message: str, title: str | None = None) -> bool:
    answer = _box(parent, QMessageBox.Question, title or tr("Konfirmasi"), message,
                  QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes
