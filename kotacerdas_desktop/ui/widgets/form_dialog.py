"""The common frame of our small form dialogs: labelled rows, an error line, buttons."""
from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout,
                               QWidget)

from ...i18n import tr


def error_label() -> QLabel:
    """A hidden, word-wrapped line for a validation message (styled as #formError)."""
    label = QLabel()
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.hide()
    return label


def build_form_dialog(dialog: QDialog, rows: list[tuple[str, QWidget]], ok_text: str,
                      extras: tuple[QWidget, ...] = (), min_width: int = 420) -> QFormLayout:
    """Lay out `rows` (label, field), then `extras`, then OK/Cancel wired to the dialog."""
    form = QFormLayout()
    for label, field in rows:
        form.addRow(label, field)
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.button(QDialogButtonBox.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    for widget in extras:
        layout.addWidget(widget)
    layout.addWidget(buttons)
    dialog.setMinimumWidth(min_width)
    return form
