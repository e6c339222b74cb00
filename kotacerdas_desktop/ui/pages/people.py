"""People area: the region's directory with search as you type, filters, bulk edits,
import from Excel/CSV and export."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog,
                               QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit,
                               QPushButton, QStackedWidget, QTableView, QVBoxLayout, QWidget)

from ...domain.errors import UserError
from ...domain.people import CATEGORIES, CATEGORY_LABELS_EN, search_key
from ...i18n import language, tr
from ..feedback import confirm, show_error, show_info
from ..icons import Icons
from ..models.people import PeopleFilter, PeopleTableModel


class PeoplePage(QWidget):
    changed = Signal()

    def __init__(self, services, icons: Icons, ui_state=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("peoplePage")
        self.services = services
        self.ui_state = ui_state
        self.region_id: str | None = None
        self.opds = []
        self._flagged_count = 0
        title = QLabel(tr("Peserta"))
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageIntro")

        self.search = QLineEdit()
        self.search.setObjectName("peopleSearch")
        self.search.setPlaceholderText(tr("Cari nama, NIP atau OPD… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.opd_filter = QComboBox()
        self.opd_filter.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.opd_filter.setMinimumContentsLength(18)
        self.category_filter = QComboBox()
        self.category_filter.addItem(tr("Semua kategori"), None)
        labels = CATEGORIES if language() == "id" else CATEGORY_LABELS_EN
        for code, label in labels.items():
            self.category_filter.addItem(label, code)
        self.flagged = QCheckBox(tr("Perlu diperiksa"))
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.opd_filter, 1)
        filters.addWidget(self.category_filter)
        filters.addWidget(self.flagged)

        self.add_button = QPushButton(icons.get("add"), tr("Orang baru…"))
        self.add_button.setToolTip(tr("Tambah orang (Insert)"))
        self.edit_button = QPushButton(icons.get("edit"), tr("Ubah…"))
        self.edit_button.setToolTip(tr("Ubah orang terpilih (Enter)"))
        self.opd_button = QPushButton(tr("Tetapkan OPD…"))
        self.category_button = QPushButton(tr("Tetapkan kategori…"))
        self.archive_button = QPushButton(icons.get("archive"), tr("Arsipkan"))
        self.archive_button.setToolTip(tr("Arsipkan orang terpilih (Delete)"))
        self.import_button = QPushButton(icons.get("import"), tr("Impor…"))
        self.import_button.setToolTip(tr("Impor daftar undangan dari Excel/CSV (Ctrl+I)"))
        self.export_button = QPushButton(icons.get("export"), tr("Ekspor…"))
        self.export_button.setToolTip(tr("Ekspor daftar ke Excel/CSV (Ctrl+E)"))
        actions = QHBoxLayout()
        for w in (self.add_button, self.edit_button, self.opd_button, self.category_button,
                  self.archive_button):
            actions.addWidget(w)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)

        self.model = PeopleTableModel(self)
        self.proxy = PeopleFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("peopleTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)  # no per-row sizing
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((260, 170, 150, 220, 110, 140, 180, 120)):
            self.table.setColumnWidth(col, width)

        self.empty = QLabel(tr("Belum ada peserta di wilayah ini.\n\nImpor daftar undangan dari Excel "
                               "atau CSV (Ctrl+I), atau tambahkan satu per satu (Insert)."))
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setObjectName("emptyHeading")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.stack, 1)

        # Typing filters at once; the timer only coalesces very fast typing.
        self._search_timer = QTimer(self, singleShot=True, interval=60)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.opd_filter.activated.connect(lambda _i: self._apply_filters())
        self.category_filter.activated.connect(lambda _i: self._apply_filters())
        self.flagged.toggled.connect(lambda _v: self._apply_filters())
        self.add_button.clicked.connect(lambda: self.edit_person(None))
        self.edit_button.clicked.connect(self.edit_current)
        self.opd_button.clicked.connect(self.assign_opd)
        self.category_button.clicked.connect(self.assign_category)
        self.archive_button.clicked.connect(self.archive_selected)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        for seq, slot, widget, ctx in (
                ("Ctrl+F", self.search.setFocus, self, Qt.WidgetWithChildrenShortcut),
                ("Insert", lambda: self.edit_person(None), self, Qt.WidgetWithChildrenShortcut),
                ("Ctrl+I", self.import_file, self, Qt.WidgetWithChildrenShortcut),
                ("Ctrl+E", self.export_file, self, Qt.WidgetWithChildrenShortcut),
                ("Return", self.edit_current, self.table, Qt.WidgetShortcut),
                ("Delete", self.archive_selected, self.table, Qt.WidgetShortcut),
                ("Down", self.table.setFocus, self.search, Qt.WidgetShortcut)):
            QShortcut(QKeySequence(seq), widget, activated=slot, context=ctx)

    # --- loading ---------------------------------------------------------------------
    def load(self, region_id: str, select: list[str] | None = None) -> None:
        self.region_id = region_id
        self.opds = self.services.directory.opds(region_id)
        people = self.services.directory.people(region_id)
        opd_keys = {o.id: search_key(" ".join((o.name, o.short_name, *o.aliases))) for o in self.opds}
        self.model.set_rows(people, opd_keys)
        self._flagged_count = sum(1 for p in people if p.review_note)
        current = self.opd_filter.currentData()
        self.opd_filter.clear()
        self.opd_filter.addItem(tr("Semua OPD"), None)
        for o in self.opds:
            self.opd_filter.addItem(o.short_name or o.name, o.id)
        self.opd_filter.addItem(tr("(tanpa OPD)"), PeopleFilter.NO_OPD)
        self.opd_filter.setCurrentIndex(max(0, self.opd_filter.findData(current)))
        self._apply_filters()
        self.stack.setCurrentWidget(self.table if people else self.empty)
        if select:
            self.select_ids(select)
        self._update_buttons()

    def select_ids(self, ids: list[str]) -> None:
        sel = self.table.selectionModel()
        sel.clearSelection()
        first = None
        for pid in ids:
            row = self.model.row_of(pid)
            if row < 0:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                sel.select(index, sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
                first = first or index
        if first is not None:
            self.table.scrollTo(first)
            sel.setCurrentIndex(first, sel.SelectionFlag.NoUpdate)

    def _apply_search(self) -> None:
        self.proxy.set_filter(text=self.search.text())
        self._update_summary()

    def _apply_filters(self) -> None:
        self.proxy.set_filter(text=self.search.text(), opd=self.opd_filter.currentData(),
                              category=self.category_filter.currentData(),
                              flagged=self.flagged.isChecked())
        self._update_summary()

    def _update_summary(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        flagged = self._flagged_count
        parts = [tr("{n} orang", n=total)]
        if shown != total:
            parts.append(tr("{n} ditampilkan", n=shown))
        if flagged:
            parts.append(tr("{n} perlu diperiksa", n=flagged))
        self.summary.setText(" · ".join(parts))

    def selected_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.mapToSource(i).data(Qt.UserRole) for i in rows]

    def _update_buttons(self) -> None:
        n = len(self.selected_ids())
        self.edit_button.setEnabled(n == 1)
        for b in (self.opd_button, self.category_button, self.archive_button):
            b.setEnabled(n > 0)
        self.archive_button.setText(tr("Arsipkan ({n})", n=n) if n > 1 else tr("Arsipkan"))

    # --- editing ----------------------------------------------------------------------
    def edit_current(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.edit_person(ids[0])

    def edit_person(self, person_id: str | None) -> None:
        from ..dialogs.person_dialog import PersonDialog

        if self.region_id is None:
            return
        person = self.services.directory.person(person_id) if person_id else None
        dialog = PersonDialog(person, self.opds, self)
        if dialog.exec() != QDialog.Accepted:
            return
        try:
            saved = self.services.directory.save_person(self.region_id, dialog.value(), person_id,
                                                        review_note=dialog.review_note.text())
        except UserError as exc:
            show_error(self, exc)
            return
        self.load(self.region_id, [saved])
        self.changed.emit()
        if dialog.warnings:
            show_info(self, "\n".join(dialog.warnings), tr("Tersimpan, dengan catatan"))

    def _bulk(self, **change) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        try:
            self.services.directory.update_people(ids, **change)
        except UserError as exc:
            show_error(self, exc)
            return
        self.load(self.region_id, ids)
        self.changed.emit()

    def assign_opd(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        names = [tr("— tanpa OPD —")] + [o.name for o in self.opds]
        choice, ok = QInputDialog.getItem(self, tr("Tetapkan OPD"),
                                          tr("OPD untuk {n} orang terpilih:", n=len(ids)), names, 0, False)
        if ok:
            index = names.index(choice)
            self._bulk(opd_id=None if index == 0 else self.opds[index - 1].id)

    def assign_category(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        labels = CATEGORIES if language() == "id" else CATEGORY_LABELS_EN
        choice, ok = QInputDialog.getItem(self, tr("Tetapkan kategori"),
                                          tr("Kategori untuk {n} orang terpilih:", n=len(ids)),
                                          list(labels.values()), 0, False)
        if ok:
            self._bulk(category=list(labels)[list(labels.values()).index(choice)])

    def archive_selected(self) -> None:
        ids = self.selected_ids()
        if ids and confirm(self, tr("Arsipkan {n} orang terpilih? Mereka hilang dari daftar, tetapi "
                                    "datanya tetap tersimpan.", n=len(ids))):
            self._bulk(archived=True)

    # --- import / export ------------------------------------------------------------------
    def _last_dir(self) -> str:
        return str(self.ui_state.value("paths/last_import_dir", "")) if self.ui_state else ""

    def import_file(self, path: str | None = None) -> None:
        from ..dialogs.import_dialog import ImportDialog

        if self.region_id is None:
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("Impor daftar undangan"), self._last_dir(),
                                                  tr("Daftar (*.xlsx *.xlsm *.csv *.txt)"))
        if not path:
            return
        if self.ui_state is not None:
            from pathlib import Path

            self.ui_state.setValue("paths/last_import_dir", str(Path(path).parent))
        try:
            plan = self.services.people_import.plan(self.region_id, path)
        except UserError as exc:
            show_error(self, exc, tr("Berkas tidak dapat dibaca"))
            return
        dialog = ImportDialog(self.services, self.region_id, plan, self.opds, self)
        dialog.exec()
        if dialog.result_data is not None:
            ids = [r.person_id for r in dialog.result_data.rows if r.person_id]
            self.load(self.region_id, ids)
            self.changed.emit()

    def export_file(self) -> None:
        from datetime import date
        from pathlib import Path

        if self.region_id is None:
            return
        default = str(Path(self._last_dir() or Path.home()) / f"peserta-{date.today():%Y%m%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, tr("Ekspor daftar peserta"), default,
                                              tr("Excel (*.xlsx);;CSV (*.csv)"))
        if not path:
            return
        try:
            written, count = self.services.directory.export(self.region_id, Path(path))
        except (UserError, OSError, ValueError) as exc:
            show_error(self, exc, tr("Ekspor gagal"))
            return
        show_info(self, tr("{n} orang diekspor ke {path}", n=count, path=written), tr("Ekspor selesai"))
