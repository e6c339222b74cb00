"""Framework tab: the region's dimensions and elements, editable and reorderable."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QInputDialog, QLabel, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ...domain.frameworks import TEMPLATES
from ...i18n import tr
from ...services import Services
from ...domain.errors import UserError
from ..feedback import confirm, show_error
from ..icons import Icons

KIND_ROLE = Qt.UserRole + 1


class FrameworkTab(QWidget):
    changed = Signal()

    def __init__(self, services: Services, icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.region_id: str | None = None
        self.name = QLabel()
        self.name.setObjectName("frameworkName")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("Dimensi / elemen")])
        self.tree.setEditTriggers(QTreeWidget.EditKeyPressed | QTreeWidget.DoubleClicked)
        self.tree.itemChanged.connect(self._renamed)
        self.add_dim = QPushButton(icons.get("add"), tr("Dimensi"))
        self.add_dim.setToolTip(tr("Tambah dimensi"))
        self.add_el = QPushButton(icons.get("add"), tr("Elemen"))
        self.add_el.setToolTip(tr("Tambah elemen pada dimensi terpilih (Ctrl+Enter)"))
        self.up = QPushButton(icons.get("up"), "")
        self.up.setToolTip(tr("Naikkan (Ctrl+Atas)"))
        self.down = QPushButton(icons.get("down"), "")
        self.down.setToolTip(tr("Turunkan (Ctrl+Bawah)"))
        self.delete = QPushButton(icons.get("delete"), tr("Hapus"))
        self.delete.setToolTip(tr("Hapus yang terpilih (Delete)"))
        self.template = QComboBox()
        self.template.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.template.setMinimumContentsLength(20)
        for code, t in TEMPLATES.items():
            self.template.addItem(tr(t.name), code)
        self.replace = QPushButton(tr("Ganti kerangka…"))
        bar = QHBoxLayout()
        for w in (self.add_dim, self.add_el, self.up, self.down, self.delete):
            bar.addWidget(w)
        bar.addStretch(1)
        template_bar = QHBoxLayout()
        template_bar.addWidget(QLabel(tr("Mulai ulang dari templat:")))
        template_bar.addWidget(self.template, 1)
        template_bar.addWidget(self.replace)
        hint = QLabel(tr("Klik dua kali (atau F2) untuk mengganti nama. Kerangka dapat ditambah "
                         "elemen daerah sendiri, mis. air bersih, kebencanaan, desa cerdas."))
        hint.setWordWrap(True)
        hint.setObjectName("pageIntro")
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        layout.addLayout(template_bar)
        self.add_dim.clicked.connect(self.add_dimension)
        self.add_el.clicked.connect(self.add_element)
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(1))
        self.delete.clicked.connect(self.remove)
        self.replace.clicked.connect(self.replace_template)
        for seq, slot in (("Ctrl+Return", self.add_element), ("Delete", self.remove),
                          ("Ctrl+Up", lambda: self.move(-1)), ("Ctrl+Down", lambda: self.move(1))):
            QShortcut(QKeySequence(seq), self.tree, activated=slot, context=Qt.WidgetShortcut)

    def load(self, region_id: str, select: str | None = None) -> None:
        self.region_id = region_id
        d = self.services.regions.detail(region_id)
        self.name.setText(tr("Kerangka: {name}", name=tr(d.framework_name) or tr("(kosong)")))
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen = None
        for dim in d.dimensions:
            top = QTreeWidgetItem([dim.name])
            top.setData(0, Qt.UserRole, dim.id)
            top.setData(0, KIND_ROLE, "dimension")
            top.setFlags(top.flags() | Qt.ItemIsEditable)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            chosen = top if dim.id == select else chosen
            for el in dim.elements:
                child = QTreeWidgetItem([el.name])
                child.setData(0, Qt.UserRole, el.id)
                child.setData(0, KIND_ROLE, "element")
                child.setFlags(child.flags() | Qt.ItemIsEditable)
                top.addChild(child)
                chosen = child if el.id == select else chosen
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)

    def _current(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        return (item.data(0, KIND_ROLE), item.data(0, Qt.UserRole)) if item else None

    def _run(self, action, select: str | None = None) -> None:
        try:
            result = action()
        except UserError as exc:
            show_error(self, exc)
            self.load(self.region_id)
            return
        self.load(self.region_id, select or (result if isinstance(result, str) else None))
        self.changed.emit()

    def _renamed(self, item: QTreeWidgetItem, _col: int) -> None:
        self._run(lambda: self.services.regions.rename(item.data(0, KIND_ROLE), item.data(0, Qt.UserRole),
                                                       item.text(0)), select=item.data(0, Qt.UserRole))

    def add_dimension(self) -> None:
        name, ok = QInputDialog.getText(self, tr("Dimensi baru"), tr("Nama dimensi:"))
        if ok and name.strip():
            self._run(lambda: self.services.regions.add_dimension(self.region_id, name))

    def add_element(self) -> None:
        cur = self._current()
        if cur is None:
            show_error(self, tr("Pilih dulu dimensinya."), tr("Elemen baru"))
            return
        item = self.tree.currentItem()
        dim_id = cur[1] if cur[0] == "dimension" else item.parent().data(0, Qt.UserRole)
        name, ok = QInputDialog.getText(self, tr("Elemen baru"), tr("Nama elemen:"))
        if ok and name.strip():
            self._run(lambda: self.services.regions.add_element(dim_id, name))

    def move(self, offset: int) -> None:
        cur = self._current()
        if cur:
            self._run(lambda: self.services.regions.move(cur[0], cur[1], offset), select=cur[1])

    def remove(self) -> None:
        cur = self._current()
        if not cur:
            return
        item = self.tree.currentItem()
        what = tr("dimensi '{n}' beserta elemennya", n=item.text(0)) if cur[0] == "dimension" \
            else tr("elemen '{n}'", n=item.text(0))
        if confirm(self, tr("Hapus {what}? Riwayatnya tetap tersimpan.", what=what)):
            self._run(lambda: self.services.regions.remove(cur[0], cur[1]))

    def replace_template(self) -> None:
        kind = self.template.currentData()
        if confirm(self, tr("Ganti seluruh kerangka wilayah ini dengan '{name}'? Dimensi dan elemen "
                            "yang ada sekarang dihapus (riwayatnya tetap tersimpan).",
                            name=self.template.currentText())):
            self._run(lambda: self.services.regions.replace_framework(self.region_id, kind))
