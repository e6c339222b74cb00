"""Check-in at the registration table: find the person, sign, save, next.

The same panel runs full-screen in kiosk mode (ui/kiosk.py)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter, QTableView,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...domain.dates import format_date
from ...domain.errors import UserError
from ...domain.people import PersonInput, format_nip, search_key, validate_person
from ...i18n import language, tr
from ..feedback import confirm, show_error, show_info
from ..icons import Icons
from ..models.people import PeopleFilter, PeopleTableModel
from ..widgets.form_dialog import build_form_dialog, error_label
from ..widgets.signature_pad import SignaturePad


class CheckinTableModel(PeopleTableModel):
    """People with today's presence instead of contact details."""
    COLUMNS = ("Nama", "Jabatan", "OPD", "Kehadiran")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.presence: dict = {}

    def _display_row(self, row: int) -> tuple:
        p = self._rows[row]
        state = self.presence.get(p.id)
        mark = "" if state is None else (tr("✓ di kertas") if state.mode == "paper" else tr("✓ hadir"))
        return (p.full_name, p.jabatan, p.opd_name, mark)

    def set_presence(self, presence: dict) -> None:
        self.presence = presence
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 3), self.index(self.rowCount() - 1, 3))


class WalkInDialog(QDialog):
    """Someone not on the invitation list: name, OPD and jabatan required, NIP optional."""

    def __init__(self, opds, name: str = "", parent=None, registered=()) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Peserta datang langsung"))
        self.registered = list(registered)
        self.name = QLineEdit(name)
        self.opd = QComboBox()
        for o in opds:
            self.opd.addItem(o.name + (f" ({o.short_name})" if o.short_name else ""), o.id)
        self.opd.addItem(tr("— bukan OPD (akademisi, swasta, komunitas, …) —"), None)
        self.jabatan = QLineEdit()
        self.nip = QLineEdit()
        self.nip.setPlaceholderText(tr("boleh kosong"))
        self.phone = QLineEdit()
        self.error = error_label()
        build_form_dialog(self, [(tr("Nama"), self.name), (tr("OPD / instansi"), self.opd),
                                 (tr("Jabatan"), self.jabatan), (tr("NIP"), self.nip), (tr("No. HP"), self.phone)],
                          tr("Daftarkan"), extras=(self.error,), min_width=480)

    def value(self) -> PersonInput:
        opd = self.opd.currentData()
        return PersonInput(name=self.name.text(), opd_id=opd, jabatan=self.jabatan.text(), nip=self.nip.text(),
                           phone=self.phone.text(), category="opd_staff" if opd else "other")

    def accept(self) -> None:
        try:
            if not self.jabatan.text().strip():
                raise UserError(tr("Jabatan wajib diisi."))
            clean, _warnings = validate_person(self.value())
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        key = search_key(clean.name)
        twin = next((p for p in self.registered if search_key(p.name) == key
                     and (p.opd_id == clean.opd_id or (clean.nip and p.nip == clean.nip))), None)
        if twin is not None and not confirm(self, tr("{name} sudah terdaftar ({where}). Pilih saja namanya "
                                                     "di daftar. Tetap daftarkan sebagai orang baru?",
                                                     name=twin.full_name, where=twin.opd_name or twin.jabatan)):
            return
        super().accept()


class CheckinPanel(QWidget):
    """Search, pick, sign, save. Used by the check-in page and by the kiosk."""
    saved = Signal(str)          # person id
    needs_day = Signal()

    def __init__(self, services, icons: Icons, kiosk: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.services, self.kiosk = services, kiosk
        self.region_id: str | None = None
        self.day_id: str | None = None
        self.opds = []
        big = QFont()
        big.setPointSize(16 if kiosk else 12)
        self.search = QLineEdit()
        self.search.setObjectName("checkinSearch")
        self.search.setFont(big)
        self.search.setPlaceholderText(tr("Ketik nama, NIP atau OPD…"))
        self.search.setClearButtonEnabled(True)
        self.model = CheckinTableModel(self)
        self.proxy = PeopleFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(44 if kiosk else 28)
        self.table.setFont(big)
        self.table.hideColumn(1)  # the jabatan shows beside the pad once a name is picked
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.table, 1)

        self.who = QLabel(tr("Pilih nama dari daftar, lalu tanda tangan."))
        self.who.setObjectName("checkinWho")
        self.who.setTextFormat(Qt.PlainText)
        self.who.setWordWrap(True)
        self.who.setFont(big)
        self.pad = SignaturePad(aspect=2.5)
        self.pad.setMinimumHeight(220 if kiosk else 160)
        self.save_button = QPushButton(icons.get("check"), tr("Simpan"))
        self.save_button.setToolTip(tr("Simpan tanda tangan (Ctrl+Enter)"))
        self.save_button.setObjectName("checkinSave")
        self.save_button.setFont(big)
        self.clear_button = QPushButton(icons.get("delete"), tr("Hapus"))
        self.undo_button = QPushButton(icons.get("back"), tr("Urungkan"))
        self.undo_button.setToolTip(tr("Urungkan goresan terakhir (Ctrl+Z)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(self.who)
        right.addWidget(self.pad, 1)
        right.addLayout(buttons)
        self.paper_button = self.walkin_button = None
        if not kiosk:
            self.paper_button = QPushButton(tr("Di kertas"))
            self.paper_button.setToolTip(tr("Tandai orang terpilih hadir dengan tanda tangan di daftar hadir kertas"))
            self.walkin_button = QPushButton(icons.get("add"), tr("Datang langsung…"))
            self.walkin_button.setToolTip(tr("Daftarkan peserta yang tidak ada di daftar undangan"))
            extra = QHBoxLayout()
            extra.addWidget(self.walkin_button)
            extra.addStretch(1)
            extra.addWidget(self.paper_button)
            right.addLayout(extra)
        self.status = QLabel()
        self.status.setObjectName("checkinStatus")
        self.status.setTextFormat(Qt.PlainText)
        right.addWidget(self.status)

        split = QSplitter()
        lw, rw = QWidget(), QWidget()
        lw.setLayout(left)
        rw.setLayout(right)
        split.addWidget(lw)
        split.addWidget(rw)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        split.setChildrenCollapsible(False)
        lw.setMinimumWidth(420 if kiosk else 300)
        split.setSizes([560, 640] if kiosk else [480, 520])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for col, width in ((2, 110), (3, 110 if kiosk else 90)):
            header.setSectionResizeMode(col, QHeaderView.Interactive)
            self.table.setColumnWidth(col, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

        self._timer = QTimer(self, singleShot=True, interval=40)
        self._timer.timeout.connect(lambda: self.proxy.set_filter(text=self.search.text()))
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.pick_first)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.activated.connect(lambda _i: self.pad.setFocus())
        self.pad.changed.connect(self._update_buttons)
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo)
        if self.paper_button is not None:
            self.paper_button.clicked.connect(self.mark_paper)
            self.walkin_button.clicked.connect(self.walk_in)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, activated=self.save, context=Qt.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Down"), self.search, activated=self.pick_first, context=Qt.WidgetShortcut)
        self._update_buttons()

    # --- loading ----------------------------------------------------------------------
    def load(self, region_id: str, day_id: str | None) -> None:
        self.region_id, self.day_id = region_id, day_id
        self.opds = self.services.directory.opds(region_id)
        opd_keys = {o.id: search_key(" ".join((o.name, o.short_name, *o.aliases))) for o in self.opds}
        self.model.set_rows(self.services.directory.people(region_id), opd_keys)
        self.refresh_presence()
        self.ready_for_next()

    def refresh_presence(self) -> None:
        self.model.set_presence(self.services.attendance.presence(self.day_id) if self.day_id else {})

    def current_person(self):
        index = self.table.currentIndex()
        return self.model.row_at(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def pick_first(self) -> None:
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
            self.pad.setFocus()

    def _show_current(self) -> None:
        p = self.current_person()
        self.pad.clear()
        if p is None:
            self.who.setText(tr("Pilih nama dari daftar, lalu tanda tangan."))
        else:
            state = self.model.presence.get(p.id)
            extra = ""
            if state is not None:
                extra = "\n" + (tr("Sudah hadir (di kertas).") if state.mode == "paper"
                                else tr("Sudah hadir; tanda tangan baru akan menggantikan yang lama."))
            line = " · ".join(x for x in (p.jabatan, p.opd_name, format_nip(p.nip)) if x)
            self.who.setText(f"{p.full_name}\n{line}{extra}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        person = self.current_person()
        ready = self.day_id is not None and person is not None
        self.save_button.setEnabled(ready and self.pad.has_enough_ink())
        if self.paper_button is not None:
            self.paper_button.setEnabled(ready)
            self.walkin_button.setEnabled(self.day_id is not None)

    def ready_for_next(self) -> None:
        self.pad.clear()
        self.search.clear()
        self.proxy.set_filter(text="")
        self.table.clearSelection()
        self.table.setCurrentIndex(self.proxy.index(-1, -1))
        self.search.setFocus()
        self._show_current()

    # --- saving ------------------------------------------------------------------------
    def save(self) -> None:
        p = self.current_person()
        if p is None or self.day_id is None:
            return
        if not self.pad.has_enough_ink():
            self.status.setText(tr("Tanda tangan terlalu sedikit; mohon tanda tangan sekali lagi."))
            return
        replace = p.id in self.model.presence
        if replace and self.kiosk:  # self-service must not replace anyone's signature
            self.status.setText(tr("{name} sudah tercatat hadir. Bila perlu diganti, minta bantuan "
                                   "fasilitator.", name=p.full_name))
            return
        if replace and not confirm(self, tr("{name} sudah tercatat hadir hari ini. Ganti tanda tangannya?",
                                            name=p.full_name)):
            return
        self._record(p, self.pad.signature(), paper=False, replace=replace)

    def mark_paper(self) -> None:
        p = self.current_person()
        if p is None or self.day_id is None:
            return
        replace = p.id in self.model.presence
        if replace and not confirm(self, tr("{name} sudah tercatat hadir. Ganti menjadi tanda tangan di kertas?",
                                            name=p.full_name)):
            return
        self._record(p, None, paper=True, replace=replace)

    def _record(self, person, signature, paper: bool, replace: bool) -> None:
        try:
            state = self.services.attendance.check_in(self.day_id, person.id, signature, paper=paper,
                                                      replace=replace)
        except UserError as exc:
            show_error(self, exc)
            return
        self.model.presence[person.id] = state
        self.refresh_presence()
        self.status.setText(tr("Tersimpan: {name} — silakan peserta berikutnya.", name=person.full_name))
        self.saved.emit(person.id)
        self.ready_for_next()

    def walk_in(self) -> None:
        dialog = WalkInDialog(self.opds, self.search.text(), self,
                              registered=[self.model.row_at(i) for i in range(self.model.rowCount())])
        if dialog.exec() != QDialog.Accepted:
            return
        try:
            pid = self.services.directory.save_person(self.region_id, dialog.value())
        except UserError as exc:
            show_error(self, exc)
            return
        self.load(self.region_id, self.day_id)
        row = self.model.row_of(pid)
        self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        self.pad.setFocus()


class CheckinPage(QWidget):
    """The check-in area: day, counters, the panel, paper sheets, kiosk."""
    changed = Signal()
    kiosk_requested = Signal(str, str)  # region id, day id

    def __init__(self, services, icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinPage")
        self.services = services
        self.region_id: str | None = None
        title = QLabel(tr("Kehadiran"))
        title.setObjectName("pageTitle")
        self.day = QComboBox()
        self.day.setMinimumContentsLength(30)
        self.counter = QLabel()
        self.counter.setObjectName("checkinCounter")
        self.scan_button = QPushButton(icons.get("import"), tr("Lampirkan foto daftar hadir kertas…"))
        self.kiosk_button = QPushButton(icons.get("people"), tr("Mode kios…"))
        self.kiosk_button.setToolTip(tr("Layar penuh untuk peserta mengisi sendiri; keluar dengan PIN"))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(20)
        top.addWidget(self.day, 1)
        top.addWidget(self.counter)
        top.addStretch(1)
        top.addWidget(self.scan_button)
        top.addWidget(self.kiosk_button)
        self.empty = QLabel(tr("Bimtek wilayah ini belum punya tanggal. Atur jadwalnya di Dasbor "
                               "(tombol \"Atur jadwal…\" pada kartu bimtek)."))
        self.empty.setObjectName("pageIntro")
        self.empty.setWordWrap(True)
        self.panel = CheckinPanel(services, icons)
        self.per_opd = QTableWidget(0, 2)
        self.per_opd.setHorizontalHeaderLabels([tr("OPD"), tr("Hadir")])
        self.per_opd.verticalHeader().hide()
        self.per_opd.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.per_opd.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.per_opd.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.per_opd.setMinimumWidth(160)
        self.per_opd.setMaximumWidth(200)
        body = QHBoxLayout()
        body.addWidget(self.panel, 1)
        body.addWidget(self.per_opd)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addLayout(body, 1)
        self.day.activated.connect(lambda _i: self._day_changed())
        self.panel.saved.connect(lambda _pid: (self._update_counters(), self.changed.emit()))
        self.scan_button.clicked.connect(self.attach_scan)
        self.kiosk_button.clicked.connect(lambda: self.kiosk_requested.emit(self.region_id, self.day.currentData()))

    def load(self, region_id: str) -> None:
        self.region_id = region_id
        days = self.services.attendance.days(region_id)
        previous = self.day.currentData()
        self.day.clear()
        for d in days:
            self.day.addItem(f"Tahap {d.stage} · {format_date(d.day, language())}", d.id)
        today = date.today()
        pick = next((i for i, d in enumerate(days) if d.id == previous), -1)
        if pick < 0:
            upcoming = [i for i, d in enumerate(days) if d.day >= today]
            pick = upcoming[0] if upcoming else len(days) - 1
        self.day.setCurrentIndex(pick)
        has_days = bool(days)
        self.empty.setVisible(not has_days)
        for w in (self.panel, self.per_opd, self.scan_button, self.kiosk_button, self.day):
            w.setEnabled(has_days)
        self.panel.load(region_id, self.day.currentData())
        self._update_counters()

    def select_day(self, day_id: str) -> None:
        """Show the check-in of one bimtek day (the wizard's Registrasi step opens it)."""
        i = self.day.findData(day_id)
        if i >= 0 and i != self.day.currentIndex():
            self.day.setCurrentIndex(i)
            self._day_changed()

    def _day_changed(self) -> None:
        self.panel.day_id = self.day.currentData()
        self.panel.refresh_presence()
        self.panel.ready_for_next()
        self._update_counters()

    def _update_counters(self) -> None:
        day_id = self.day.currentData()
        if not day_id:
            self.counter.setText("")
            self.per_opd.setRowCount(0)
            return
        c = self.services.attendance.counters(day_id)
        scans = len(self.services.attendance.scans(day_id))
        self.counter.setText(tr("Hadir {present} dari {invited}", present=c.present, invited=c.invited)
                             + (tr(" · {n} foto kertas", n=scans) if scans else ""))
        self.per_opd.setRowCount(len(c.per_opd))
        for r, (name, present, invited) in enumerate(c.per_opd):
            self.per_opd.setItem(r, 0, QTableWidgetItem(name))
            item = QTableWidgetItem(f"{present}/{invited}")
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.per_opd.setItem(r, 1, item)

    def attach_scan(self) -> None:
        day_id = self.day.currentData()
        if not day_id:
            return
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Foto atau pindaian daftar hadir kertas"), "",
                                                tr("Gambar atau PDF (*.jpg *.jpeg *.png *.pdf)"))
        added = 0
        for path in paths:
            try:
                with open(path, "rb") as fh:
                    data = fh.read(26 * 1024 * 1024)
                self.services.attendance.add_scan(day_id, data, path.replace("\\", "/").rsplit("/", 1)[-1])
                added += 1
            except (OSError, UserError) as exc:
                show_error(self, tr("{file}: {why}", file=path, why=getattr(exc, "strerror", None) or exc))
        if added:
            self._update_counters()
            show_info(self, tr("{n} berkas dilampirkan ke hari ini.", n=added))
