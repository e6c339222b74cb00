"""The list of regions: create, open, archive; an empty state that offers the demo."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QStackedWidget, QTableView, QVBoxLayout, QWidget)

from ...i18n import tr
from ...services.regions import RegionSummary
from ..icons import Icons
from ..models.regions import RegionTableModel


class RegionListPage(QWidget):
    open_requested = Signal(str)
    create_requested = Signal()
    demo_requested = Signal()
    archive_requested = Signal(str, bool)
    show_archived_changed = Signal(bool)

    def __init__(self, icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("regionListPage")
        title = QLabel(tr("Wilayah"))
        title.setObjectName("pageTitle")
        intro = QLabel(tr("Pilih kabupaten/kota yang sedang didampingi, atau buat yang baru."))
        intro.setObjectName("pageIntro")

        self.new_button = QPushButton(icons.get("add"), tr("Wilayah baru…"))
        self.new_button.setToolTip(tr("Buat wilayah baru (Ctrl+N)"))
        self.open_button = QPushButton(icons.get("open"), tr("Buka"))
        self.open_button.setToolTip(tr("Buka dasbor wilayah terpilih (Enter)"))
        self.archive_button = QPushButton(icons.get("archive"), tr("Arsipkan"))
        self.show_archived = QCheckBox(tr("Tampilkan yang diarsipkan"))
        bar = QHBoxLayout()
        for w in (self.new_button, self.open_button, self.archive_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.show_archived)

        self.model = RegionTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        for col in (2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)

        self.empty = self._build_empty_state(icons)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.new_button.clicked.connect(self.create_requested)
        self.open_button.clicked.connect(self._open_current)
        self.archive_button.clicked.connect(self._archive_current)
        self.table.doubleClicked.connect(lambda _i: self._open_current())
        self.show_archived.toggled.connect(self.show_archived_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        for key in (Qt.Key_Return, Qt.Key_Enter):
            QShortcut(QKeySequence(key), self.table, activated=self._open_current,
                      context=Qt.WidgetShortcut)
        self._update_buttons()

    def _build_empty_state(self, icons: Icons) -> QWidget:
        box = QWidget()
        box.setObjectName("emptyState")
        heading = QLabel(tr("Belum ada wilayah"))
        heading.setObjectName("emptyHeading")
        text = QLabel(tr("Buat kabupaten/kota yang akan didampingi, lalu atur kop surat, "
                         "kerangka smart city, pejabat dan daftar OPD-nya. Ingin melihat-lihat "
                         "dulu? Kota Contoh berisi 33 OPD dan 120 peserta fiktif."))
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignCenter)
        self.empty_new = QPushButton(icons.get("add"), tr("Buat wilayah baru"))
        self.empty_demo = QPushButton(icons.get("demo"), tr("Coba dengan Kota Contoh"))
        self.empty_demo.setObjectName("demoButton")
        self.empty_new.clicked.connect(self.create_requested)
        self.empty_demo.clicked.connect(self.demo_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.empty_new)
        buttons.addWidget(self.empty_demo)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addStretch(1)
        layout.addWidget(heading, 0, Qt.AlignCenter)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return box

    def set_regions(self, rows: list[RegionSummary], select_id: str | None = None) -> None:
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows or self.show_archived.isChecked() else self.empty)
        row = self.model.row_of(select_id) if select_id else (0 if rows else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def current(self) -> RegionSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _open_current(self) -> None:
        r = self.current()
        if r is not None:
            self.open_requested.emit(r.id)

    def _archive_current(self) -> None:
        r = self.current()
        if r is not None:
            self.archive_requested.emit(r.id, r.status != "archived")

    def _update_buttons(self) -> None:
        r = self.current()
        self.open_button.setEnabled(r is not None)
        self.archive_button.setEnabled(r is not None)
        if r is not None and r.status == "archived":
            self.archive_button.setText(tr("Pulihkan dari arsip"))
        else:
            self.archive_button.setText(tr("Arsipkan"))
