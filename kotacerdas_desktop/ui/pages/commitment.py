"""Commitment sheet (komitmen bersama): sign on screen, edit the text, read the audit log.

Every signature is bound to the exact text version it covers (DOMAIN.md section 7): a
signatory whose signature belongs to an older version is shown in a warning colour, and
changing a signed text asks first because it makes a new version.
"""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView,
                               QLabel, QPlainTextEdit, QProgressBar, QPushButton, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from ...domain.commitment import COMMITMENT_ROLES
from ...domain.dates import format_datetime
from ...domain.errors import UserError
from ...i18n import language, tr
from ...services.attendance import ACTIONS
from ..feedback import confirm, show_error, show_info
from ..icons import Icons
from ..widgets.form_dialog import build_form_dialog, error_label
from ..widgets.signature_pad import SignaturePad, paint_signature

COLUMNS = (("no", "No"), ("name", "Nama"), ("role", "Jabatan"), ("status", "Status"),
           ("signature", "Tanda tangan"))
HEADERS = (("at", "Waktu"), ("device", "Perangkat"), ("action", "Kejadian"), ("subject", "Subjek"),
           ("detail", "Rincian"))
THUMB = QSize(120, 40)
SIGNED_COLOR = "#1e8449"
STALE_COLOR = "#b9770e"
STALE_INK = "#9aa3b5"


def _plain(text: str = "", name: str | None = None, wrap: bool = False) -> QLabel:
    """A label that never interprets markup (names and texts come from users)."""
    label = QLabel(text)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def local_time(stamp: str) -> str:
    """A stored UTC stamp ('2024-05-01T02:03:04.5Z') as local time in the UI language."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return stamp or ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone()
    sep = ":" if language() == "en" else "."
    return f"{format_datetime(local, language(), weekday=False)}{sep}{local.second:02d}"


def short_hash(digest: str) -> str:
    return f"{digest[:12]}…" if digest else "—"


def sign_with_dialog(parent, services, region_id: str, sg, view) -> str | None:
    """Show the text to one signatory, take the signature and store it bound to exactly
    that version of the text. Returns the new verification code, or None (cancelled or refused)."""
    dialog = SignDialog(sg, view, parent)
    if dialog.exec() != QDialog.Accepted:
        return None
    try:
        return services.commitment.sign(region_id, sg.id, dialog.signature(), expected_version=view.version,
                                        expected_text_sha256=view.text_sha256)
    except UserError as exc:
        show_error(parent, exc)
        return None


class SignDialog(QDialog):
    """One signatory reads the current text and signs it on the pad."""

    def __init__(self, signatory, view, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("commitmentSignDialog")
        self.setWindowTitle(tr("Tandatangani komitmen"))
        self.signatory = signatory
        name = _plain(signatory.name, "signerName", wrap=True)
        font = QFont(name.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        name.setFont(font)
        role = _plain(signatory.role_title, "signerRole", wrap=True)
        version = _plain(tr("Teks versi {v} · SHA-256 {hash}", v=view.version,
                            hash=short_hash(view.text_sha256)), "pageIntro")
        self.text = QPlainTextEdit(view.text)
        self.text.setObjectName("signText")
        self.text.setReadOnly(True)
        self.text.setMinimumHeight(180)
        self.text.setTabChangesFocus(True)
        agree = _plain(tr("Dengan menandatangani, Anda menyetujui teks versi {v} di atas.", v=view.version),
                       wrap=True)
        self.pad = SignaturePad(aspect=3.0)
        self.pad.setObjectName("commitmentPad")
        self.hint = _plain(tr("Tanda tangan belum cukup; goreskan tanda tangan lengkap."), "pageIntro")
        self.clear_button = QPushButton(tr("Hapus"))
        self.clear_button.setToolTip(tr("Hapus goresan dan mulai lagi"))
        self.cancel_button = QPushButton(tr("Batal"))
        self.save_button = QPushButton(tr("Simpan tanda tangan"))
        self.save_button.setObjectName("saveSignature")
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(name)
        layout.addWidget(role)
        layout.addWidget(version)
        layout.addWidget(self.text, 2)
        layout.addWidget(agree)
        layout.addWidget(self.pad, 3)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.clear_button.clicked.connect(self.pad.clear)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._save)
        self.pad.changed.connect(self._update)
        self.resize(780, 760)
        self._update()

    def _update(self) -> None:
        enough = self.pad.has_enough_ink()
        self.save_button.setEnabled(enough)
        self.hint.setVisible(not self.pad.is_empty() and not enough)
        self.clear_button.setEnabled(not self.pad.is_empty())

    def _save(self) -> None:
        if self.pad.has_enough_ink():
            self.accept()

    def signature(self):
        return self.pad.signature()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.pad.setFocus()


class AddSignatoryDialog(QDialog):
    """Pick a person of the region and the role they sign in."""

    def __init__(self, people, taken: set[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Tambah penanda tangan"))
        self.people = [p for p in people if p.id not in taken]
        self.person = QComboBox()
        self.person.setObjectName("signatoryPerson")
        self.person.setMaxVisibleItems(20)
        self.person.setMinimumContentsLength(30)
        for p in self.people:
            self.person.addItem(f"{p.full_name} · {p.jabatan or p.opd_name}".strip(" ·"), p.id)
        self.role = QComboBox()
        self.role.setObjectName("signatoryRole")
        for code, label in COMMITMENT_ROLES.items():
            self.role.addItem(tr(label), code)
        self.error = error_label()
        build_form_dialog(self, [(tr("Orang"), self.person), (tr("Peran"), self.role)],
                          tr("Tambahkan"), (self.error,), 480)
        self.person.currentIndexChanged.connect(self._default_role)
        self._default_role()
        if not self.people:
            self.error.setText(tr("Semua orang di wilayah ini sudah ada di daftar penanda tangan."))
            self.error.show()

    def _default_role(self) -> None:
        index = self.person.currentIndex()
        if 0 <= index < len(self.people):
            category = self.people[index].category
            role = {"mentor": "saksi", "speaker": "saksi"}.get(category, "kepala_opd")
            self.role.setCurrentIndex(max(0, self.role.findData(role)))

    def select_person(self, person_id: str) -> None:
        self.person.setCurrentIndex(max(0, self.person.findData(person_id)))

    def value(self) -> tuple[str | None, str]:
        return self.person.currentData(), self.role.currentData()


class CommitmentPage(QWidget):
    changed = Signal()

    def __init__(self, services, icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("commitmentPage")
        self.services = services
        self.icons = icons
        self.region_id: str | None = None
        self.view = None
        self._loaded_text = ""
        self._thumbs: dict[tuple[str, bool], QIcon] = {}
        title = QLabel(tr("Komitmen Bersama"))
        title.setObjectName("pageTitle")
        self.status = _plain(name="commitmentStatus", wrap=True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("commitmentTabs")
        self.tabs.addTab(self._build_signing(), icons.get("people"), tr("Penandatanganan"))
        self.tabs.addTab(self._build_text(), icons.get("edit"), tr("Teks"))
        self.tabs.addTab(self._build_audit(), icons.get("calendar"), tr("Log audit"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

    # --- building ------------------------------------------------------------------------
    def _build_signing(self) -> QWidget:
        tab = QWidget()
        self.progress = QProgressBar()
        self.progress.setObjectName("commitmentProgress")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("signatoryTable")
        self.table.setHorizontalHeaderLabels([tr(label) for _k, label in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setIconSize(THUMB)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(THUMB.height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((44, 300, 260, 300)):
            self.table.setColumnWidth(col, width)
        self.sign_button = QPushButton(self.icons.get("edit"), tr("Tandatangani…"))
        self.sign_button.setObjectName("signButton")
        self.sign_button.setToolTip(tr("Tandatangani sebagai penanda tangan terpilih (Enter)"))
        self.sign_button.setMinimumHeight(44)
        font = QFont(self.sign_button.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.sign_button.setFont(font)
        self.add_button = QPushButton(self.icons.get("add"), tr("Tambah penanda tangan…"))
        self.remove_button = QPushButton(self.icons.get("delete"), tr("Hapus dari daftar"))
        self.notice = _plain(name="commitmentNotice", wrap=True)
        self.notice.setTextInteractionFlags(Qt.TextSelectableByMouse)
        actions = QHBoxLayout()
        actions.addWidget(self.sign_button)
        actions.addStretch(1)
        actions.addWidget(self.add_button)
        actions.addWidget(self.remove_button)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.notice)
        self.sign_button.clicked.connect(self.sign_selected)
        self.add_button.clicked.connect(self.add_signatory)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(lambda _i: self.sign_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        for seq in ("Return", "Enter"):
            QShortcut(QKeySequence(seq), self.table, activated=self.sign_selected, context=Qt.WidgetShortcut)
        QShortcut(QKeySequence("Delete"), self.table, activated=self.remove_selected,
                  context=Qt.WidgetShortcut)
        return tab

    def _build_text(self) -> QWidget:
        tab = QWidget()
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("commitmentText")
        self.text_info = _plain(name="commitmentTextInfo")
        self.text_info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.dirty_label = _plain(tr("● Perubahan belum disimpan"), "formError")
        self.dirty_label.hide()
        self.save_text_button = QPushButton(self.icons.get("check"), tr("Simpan teks"))
        self.save_text_button.setToolTip(tr("Simpan teks komitmen (Ctrl+S)"))
        self.reset_text_button = QPushButton(self.icons.get("back"), tr("Kembalikan teks bawaan"))
        info = QHBoxLayout()
        info.addWidget(self.text_info, 1)
        info.addWidget(self.dirty_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_text_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_text_button)
        layout = QVBoxLayout(tab)
        layout.addWidget(_plain(tr("Teks yang ditandatangani. Setelah ada tanda tangan, setiap perubahan "
                                   "membuat versi baru."), "pageIntro", wrap=True))
        layout.addWidget(self.editor, 1)
        layout.addLayout(info)
        layout.addLayout(buttons)
        self.editor.textChanged.connect(self._update_dirty)
        self.save_text_button.clicked.connect(self.save_text)
        self.reset_text_button.clicked.connect(self.reset_text)
        QShortcut(QKeySequence.StandardKey.Save, tab, activated=self.save_text,
                  context=Qt.WidgetWithChildrenShortcut)
        return tab

    def _build_audit(self) -> QWidget:
        tab = QWidget()
        self.audit = QTableWidget(0, len(HEADERS))
        self.audit.setObjectName("auditTable")
        self.audit.setHorizontalHeaderLabels([tr(label) for _k, label in HEADERS])
        self.audit.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.audit.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.audit.setAlternatingRowColors(True)
        self.audit.setWordWrap(False)
        self.audit.verticalHeader().hide()
        header = self.audit.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((210, 140, 220, 240)):
            self.audit.setColumnWidth(col, width)
        self.refresh_button = QPushButton(tr("Muat ulang"))
        self.refresh_button.clicked.connect(self.load_audit)
        row = QHBoxLayout()
        row.addWidget(_plain(tr("Catatan setiap tanda tangan dan perubahan teks, terbaru di atas. "
                                "Catatan tidak dapat diubah."), "pageIntro", wrap=True), 1)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.audit, 1)
        return tab

    # --- loading ---------------------------------------------------------------------------
    def load(self, region_id: str, select: str | None = None) -> None:
        """Show the region's commitment; keeps unsaved text edits of the same region."""
        same_region = region_id == self.region_id
        current = self.selected() if same_region else None
        keep = select or (current.id if current else None)
        if not same_region:
            self.notice.clear()
        self.region_id = region_id
        self.view = self.services.commitment.view(region_id)
        self._fill_table(keep)
        if not same_region or not self.is_dirty():
            self.editor.setPlainText(self.view.text)
        self._loaded_text = self.view.text
        self._update_status()
        self._update_dirty()
        self.load_audit()

    def _update_status(self) -> None:
        v = self.view
        total, signed = len(v.signatories), v.signed
        if v.code:
            text = tr("Versi {v} · {x} dari {y} sudah menandatangani · Kode verifikasi {code}",
                      v=v.version, x=signed, y=total, code=v.code)
        else:
            text = tr("Versi {v} · {x} dari {y} sudah menandatangani · belum ada kode verifikasi",
                      v=v.version, x=signed, y=total)
        self.status.setText(text)
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(signed)
        self.progress.setFormat(tr("{x} dari {y}", x=signed, y=total))
        self.text_info.setText(tr("Versi {v}, SHA-256 {hash}", v=v.version, hash=v.text_sha256))

    def _thumb(self, digest: str, stale: bool) -> QIcon:
        key = (digest, stale)
        if key not in self._thumbs:
            sig = self.services.attendance.strokes(digest)
            pixmap = QPixmap(THUMB * self.devicePixelRatioF())
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            pixmap.fill(Qt.transparent)
            painter = QPainter(pixmap)
            paint_signature(painter, QRectF(2, 2, THUMB.width() - 4, THUMB.height() - 4), sig,
                            STALE_INK if stale else "#1a2a6c")
            painter.end()
            self._thumbs[key] = QIcon(pixmap)
        return self._thumbs[key]

    def _fill_table(self, select: str | None) -> None:
        table = self.table
        table.setRowCount(0)
        table.setRowCount(len(self.view.signatories))
        target = None
        for row, sg in enumerate(self.view.signatories):
            status_text, colour = self._status(sg)
            for col, text in enumerate((str(row + 1), sg.name, sg.role_title, status_text, "")):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, sg.id)
                table.setItem(row, col, item)
            table.item(row, 0).setTextAlignment(Qt.AlignCenter)
            table.item(row, 2).setToolTip(tr(COMMITMENT_ROLES.get(sg.role, sg.role)))
            status = table.item(row, 3)
            if colour:
                status.setForeground(QColor(colour))
            if sg.signed_current:
                status.setToolTip(tr("Ditandatangani {when}", when=local_time(sg.signed_at)))
            elif sg.signed_version is not None:
                status.setToolTip(tr("Tanda tangan ini untuk teks versi {n}; teks sekarang versi {v}. "
                                     "Minta tanda tangan ulang.", n=sg.signed_version, v=self.view.version))
            if sg.strokes_sha256:
                stale = not sg.signed_current
                table.item(row, 4).setIcon(self._thumb(sg.strokes_sha256, stale))
            if sg.id == select:
                target = row
        if target is None and self.view.signatories:
            target = next((i for i, s in enumerate(self.view.signatories) if not s.signed_current), 0)
        if target is not None:
            table.selectRow(target)
            table.scrollToItem(table.item(target, 0))
        self._update_buttons()

    @staticmethod
    def _status(sg) -> tuple[str, str | None]:
        """(status text, colour or None) of one signatory."""
        if sg.signed_current:
            return tr("Sudah"), SIGNED_COLOR
        if sg.signed_version is not None:
            return (tr("Menandatangani versi {n} — tidak mencakup teks sekarang", n=sg.signed_version),
                    STALE_COLOR)
        return tr("Belum"), None

    def status_text(self, row: int) -> str:
        item = self.table.item(row, 3)
        return item.text() if item else ""

    def selected(self):
        if self.view is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        sid = self.table.item(rows[0].row(), 0).data(Qt.UserRole)
        return next((s for s in self.view.signatories if s.id == sid), None)

    def _update_buttons(self) -> None:
        sg = self.selected()
        self.remove_button.setEnabled(sg is not None)
        self.add_button.setEnabled(self.region_id is not None)
        self.sign_button.setEnabled(sg is not None and not sg.signed_current)
        if sg is not None and sg.signed_current:
            self.sign_button.setToolTip(tr("{name} sudah menandatangani versi {v}.", name=sg.name,
                                           v=self.view.version))
        else:
            self.sign_button.setToolTip(tr("Tandatangani sebagai penanda tangan terpilih (Enter)"))

    # --- signing -----------------------------------------------------------------------------
    def sign_selected(self) -> None:
        sg = self.selected()
        if sg is None or self.region_id is None:
            return
        if sg.signed_current:
            show_info(self, tr("{name} sudah menandatangani versi {v}. Tanda tangan tidak dapat diulang "
                               "untuk versi yang sama.", name=sg.name, v=self.view.version))
            return
        if self.is_dirty():
            show_info(self, tr("Teks komitmen punya perubahan yang belum disimpan. Simpan atau batalkan "
                               "dulu, agar yang ditandatangani sama dengan yang terlihat."))
            self.tabs.setCurrentIndex(1)
            return
        code = sign_with_dialog(self, self.services, self.region_id, sg, self.view)
        self.load(self.region_id)
        if code is None:
            return
        self._select_next_unsigned(sg.id)
        self.notice.setText(tr("Tanda tangan {name} tersimpan. Kode verifikasi baru: {code}",
                               name=sg.name, code=code))
        self.changed.emit()

    def _select_next_unsigned(self, after_id: str) -> None:
        ids = [s.id for s in self.view.signatories]
        start = ids.index(after_id) + 1 if after_id in ids else 0
        order = list(range(start, len(ids))) + list(range(0, start))
        row = next((i for i in order if not self.view.signatories[i].signed_current), None)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollToItem(self.table.item(row, 0))

    def add_signatory(self) -> None:
        if self.region_id is None:
            return
        people = self.services.directory.people(self.region_id)
        taken = {s.person_id for s in self.view.signatories if s.person_id}
        dialog = AddSignatoryDialog(people, taken, self)
        if dialog.exec() != QDialog.Accepted:
            return
        person_id, role = dialog.value()
        if not person_id:
            return
        try:
            new_id = self.services.commitment.add_signatory(self.region_id, person_id, role)
        except UserError as exc:
            show_error(self, exc)
            return
        self.load(self.region_id, select=new_id)
        self.changed.emit()

    def remove_selected(self) -> None:
        sg = self.selected()
        if sg is None or self.region_id is None:
            return
        if not confirm(self, tr("Hapus {name} dari daftar penanda tangan? Tanda tangan yang sudah ada "
                                "tetap tercatat pada versi yang ditandatangani.", name=sg.name)):
            return
        try:
            self.services.commitment.remove_signatory(sg.id)
        except UserError as exc:
            show_error(self, exc)
            return
        self.load(self.region_id)
        self.changed.emit()

    # --- text ----------------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self.view is not None and self.editor.toPlainText() != self._loaded_text

    def _update_dirty(self) -> None:
        dirty = self.is_dirty()
        self.dirty_label.setVisible(dirty)
        self.tabs.setTabText(1, tr("Teks") + (" •" if dirty else ""))

    def _signed_warning(self) -> str:
        return tr("Sudah ada yang menandatangani versi {n}. Mengubah teks membuat versi baru; tanda tangan "
                  "yang ada tetap pada versi lama dan tidak mencakup teks baru. Lanjutkan?",
                  n=self.view.version)

    def save_text(self) -> None:
        if self.region_id is None or self.view is None:
            return
        if not self.is_dirty():
            return
        if self.view.signed and not confirm(self, self._signed_warning()):
            return
        self._apply_text(lambda: self.services.commitment.set_text(self.region_id, self.editor.toPlainText()))

    def reset_text(self) -> None:
        if self.region_id is None or self.view is None:
            return
        message = tr("Kembalikan teks komitmen ke teks bawaan? Perubahan pada teks sekarang hilang.")
        if self.view.signed:
            message += "\n\n" + self._signed_warning()
        if not confirm(self, message):
            return
        self._apply_text(lambda: self.services.commitment.reset_text(self.region_id))

    def _apply_text(self, action) -> None:
        before = self.view.version
        try:
            version = action()
        except UserError as exc:
            show_error(self, exc)
            return
        self._loaded_text = self.editor.toPlainText()  # saved: show the stored (canonical) text
        self.load(self.region_id)
        if version != before:
            self.notice.setText(tr("Teks disimpan sebagai versi {v}. Tanda tangan versi {n} tidak mencakup "
                                   "teks ini; minta tanda tangan ulang.", v=version, n=before))
        self.changed.emit()

    # --- audit ----------------------------------------------------------------------------------
    def load_audit(self) -> None:
        if self.region_id is None:
            return
        entries = self.services.attendance.audit_log(self.region_id)
        self.audit.setRowCount(0)
        self.audit.setRowCount(len(entries))
        for row, e in enumerate(entries):
            cells = (local_time(e.at), e.device_name, tr(ACTIONS.get(e.action, e.action)), e.subject, e.detail)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setToolTip(e.at)
                elif col == 4:
                    item.setToolTip(text)
                self.audit.setItem(row, col, item)
