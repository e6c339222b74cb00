"""Create a region: kind, name, province, paper size and starting framework."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout)

from ...domain.frameworks import DEFAULT_TEMPLATE, TEMPLATES
from ...domain.people import ValidationError
from ...domain.regions import KINDS, PAPER_SIZES, RegionInput, validate_region
from ...i18n import tr


class RegionDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Wilayah baru"))
        self.kind = QComboBox()
        for code, label in KINDS.items():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(list(KINDS).index("kabupaten"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("mis. Sawahlunto"))
        self.province = QLineEdit()
        self.province.setPlaceholderText(tr("mis. Sumatera Barat"))
        self.paper = QComboBox()
        for code, label in PAPER_SIZES.items():
            self.paper.addItem(label, code)
        self.framework = QComboBox()
        for code, t in TEMPLATES.items():
            self.framework.addItem(tr(t.name), code)
            self.framework.setItemData(self.framework.count() - 1, tr(t.description), 3)
        self.framework.setCurrentIndex(list(TEMPLATES).index(DEFAULT_TEMPLATE))
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(tr("Jenis"), self.kind)
        form.addRow(tr("Nama"), self.name)
        form.addRow(tr("Provinsi"), self.province)
        form.addRow(tr("Ukuran kertas"), self.paper)
        form.addRow(tr("Kerangka"), self.framework)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(tr("Buat"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def value(self) -> RegionInput:
        return RegionInput(kind=self.kind.currentData(), name=self.name.text(),
                           province=self.province.text(), paper_size=self.paper.currentData())

    def framework_kind(self) -> str:
        return self.framework.currentData()

    def accept(self) -> None:
        try:
            validate_region(self.value())
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.name.setFocus()
            return
        super().accept()
