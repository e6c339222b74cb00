"""Telling the user what went wrong or asking them, in one place (tests patch these)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ..i18n import tr


def show_error(parent: QWidget | None, message: object, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or tr("Tidak dapat disimpan"), str(message))


def show_info(parent: QWidget | None, message: str, title: str | None = None) -> None:
    QMessageBox.information(parent, title or tr("Informasi"), message)


def confirm(parent: QWidget | None, message: str, title: str | None = None) -> bool:
    answer = QMessageBox.question(parent, title or tr("Konfirmasi"), message,
                                  QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes
