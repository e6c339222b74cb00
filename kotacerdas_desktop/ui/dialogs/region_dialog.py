"""Create a region: kind, name, province, paper size and starting framework."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit

from ...domain.frameworks import DEFAULT_TEMPLATE, TEMPLATES
from ...domain.people import ValidationError
from ...domain.regions import KINDS, PAPER_SIZES, RegionInput, validate_region
from ...i18n import tr
from ..widgets.form_dialog import build_form_dialog, error_label


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
        self.error = error_label()
        build_form_dialog(self, [(tr("Jenis"), self.kind), (tr("Nama"), self.name),
                                 (tr("Provinsi"), self.province), (tr("Ukuran kertas"), self.paper),
                                 (tr("Kerangka"), self.framework)],
                          tr("Buat"), extras=(self.error,), min_width=440)

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
