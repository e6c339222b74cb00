"""OPD tab: the region's work units, their aliases, heads and order."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ...i18n import tr
from ...services import Services
from ...services.directory import OpdView, PersonView
from ...domain.errors import UserError
from ..feedback import confirm, show_error, show_info
from ..icons import Icons
from ..widgets.form_dialog import build_form_dialog, error_label


class OpdDialog(QDialog):
    def __init__(self, opd: OpdView | None, people: list[PersonView], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Ubah OPD") if opd else tr("OPD baru"))
        self.name = QLineEdit(opd.name if opd else "")
        self.short = QLineEdit(opd.short_name if opd else "")
        self.short.setPlaceholderText(tr("mis. Diskominfo"))
        self.aliases = QLineEdit(", ".join(opd.aliases) if opd else "")
        self.aliases.setPlaceholderText(tr("nama lain, dipisah koma: DISKOMINFO, Dinas Kominfo"))
        self.head = QComboBox()
        self.head.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.head.setMinimumContentsLength(30)
        self.head.addItem(tr("— belum diisi —"), None)
        ordered = sorted(people, key=lambda p: (opd is None or p.opd_id != opd.id, p.name))
        for p in ordered:
            self.head.addItem(f"{p.full_name} · {p.jabatan}".strip(" ·"), p.id)
        if opd and opd.head_person_id:
            self.head.setCurrentIndex(max(0, self.head.findData(opd.head_person_id)))
        self.error = error_label()
        build_form_dialog(self, [(tr("Nama OPD"), self.name), (tr("Singkatan"), self.short),
                                 (tr("Nama lain"), self.aliases), (tr("Kepala OPD"), self.head)],
                          tr("Simpan"), extras=(self.error,), min_width=520)

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(tr("Nama OPD wajib diisi."))
            self.error.show()
            return
        super().accept()

    def values(self) -> dict:
        return {"name": self.name.text(), "short_name": self.short.text(),
                "aliases": [a.strip() for a in self.aliases.text().split(",")],
                "head": self.head.currentData()}


class OpdTab(QWidget):
    changed = Signal()
    HEADERS = ("Nama OPD", "Singkatan", "Nama lain", "Kepala OPD", "Orang")

    def __init__(self, services: Services, icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.region_id: str | None = None
        self.rows: list[OpdView] = []
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in self.HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        h = self.table.horizontalHeader()
        for col, mode in enumerate((QHeaderView.Stretch, QHeaderView.ResizeToContents, QHeaderView.Stretch,
                                    QHeaderView.Stretch, QHeaderView.ResizeToContents)):
            h.setSectionResizeMode(col, mode)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.ElideRight)
        self.add = QPushButton(icons.get("add"), tr("OPD baru…"))
        self.edit = QPushButton(icons.get("edit"), tr("Ubah…"))
        self.up = QPushButton(icons.get("up"), "")
        self.up.setToolTip(tr("Naikkan (Ctrl+Atas)"))
        self.down = QPushButton(icons.get("down"), "")
        self.down.setToolTip(tr("Turunkan (Ctrl+Bawah)"))
        self.archive = QPushButton(icons.get("archive"), tr("Arsipkan"))
        self.common = QPushButton(icons.get("add"), tr("Tambah dari daftar OPD umum"))
        bar = QHBoxLayout()
        for w in (self.add, self.edit, self.up, self.down, self.archive):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.common)
        self.empty = QLabel(tr("Belum ada OPD. Tambahkan satu per satu, atau ambil dari daftar OPD "
                               "umum lalu sesuaikan."))
        self.empty.setObjectName("pageIntro")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.add.clicked.connect(lambda: self.open_dialog(None))
        self.edit.clicked.connect(lambda: self.open_dialog(self.current()))
        self.table.doubleClicked.connect(lambda _i: self.open_dialog(self.current()))
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(1))
        self.archive.clicked.connect(self.archive_current)
        self.common.clicked.connect(self.add_common)
        for seq, slot in (("Ctrl+Up", lambda: self.move(-1)), ("Ctrl+Down", lambda: self.move(1))):
            QShortcut(QKeySequence(seq), self.table, activated=slot, context=Qt.WidgetShortcut)

    def load(self, region_id: str, select: str | None = None) -> None:
        self.region_id = region_id
        self.rows = self.services.directory.opds(region_id)
        self.table.setRowCount(len(self.rows))
        for r, o in enumerate(self.rows):
            values = (o.name, o.short_name, ", ".join(o.aliases), o.head_name, str(o.people))
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 4:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, c, item)
        self.empty.setVisible(not self.rows)
        idx = next((i for i, o in enumerate(self.rows) if o.id == select), -1)
        if idx >= 0:
            self.table.selectRow(idx)

    def current(self) -> OpdView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def open_dialog(self, opd: OpdView | None) -> None:
        if self.region_id is None:
            return
        dialog = OpdDialog(opd, self.services.directory.people(self.region_id), self)
        if dialog.exec() != QDialog.Accepted:
            return
        v = dialog.values()
        try:
            opd_id = self.services.directory.save_opd(self.region_id, v["name"], v["short_name"],
                                                      v["aliases"], opd.id if opd else None)
            self.services.directory.set_opd_head(opd_id, v["head"])
        except UserError as exc:
            show_error(self, exc)
            return
        self.load(self.region_id, opd_id)
        self.changed.emit()

    def _run(self, action, select: str | None = None) -> bool:
        """Call a service, show a refusal in plain words, reload the table either way."""
        try:
            action()
        except UserError as exc:
            show_error(self, exc)
            self.load(self.region_id, select)
            return False
        self.load(self.region_id, select)
        self.changed.emit()
        return True

    def move(self, offset: int) -> None:
        opd = self.current()
        if opd:
            self._run(lambda: self.services.directory.move_opd(opd.id, offset), opd.id)

    def archive_current(self) -> None:
        opd = self.current()
        if opd and confirm(self, tr("Arsipkan OPD '{name}'? Orang-orangnya tetap terdaftar.", name=opd.name)):
            self._run(lambda: self.services.directory.set_opd_archived(opd.id, True))

    def add_common(self) -> None:
        try:
            added = self.services.directory.add_common_opds(self.region_id)
        except UserError as exc:
            show_error(self, exc)
            return
        self.load(self.region_id)
        show_info(self, tr("{n} OPD ditambahkan dari daftar umum.", n=added) if added
                  else tr("Semua OPD dari daftar umum sudah ada."))
        if added:
            self.changed.emit()
