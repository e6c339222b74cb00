"""The commitment steps of Tahap IV: the text agreed in plenary, then who has signed it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar,
                               QPushButton, QVBoxLayout)

from ...domain import wizard as wz
from ...domain.errors import UserError
from ...i18n import tr
from ..feedback import show_error
from .steps import StepEditor
from .steps34 import _item, _table

class CommitmentTextStep(StepEditor):
    """The commitment text as it stands; the plenary agrees on this exact version."""

    commitment_requested = Signal()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.edit_button = QPushButton(self.icons.get("edit"), tr("Ubah teks di Komitmen…"))
        self.edit_button.setToolTip(tr("Buka area Komitmen (Ctrl+6)"))
        self.edit_button.clicked.connect(self.commitment_requested)
        self.agree_button = QPushButton(self.icons.get("check"), tr("Sepakati teks versi ini"))
        self.agree_button.clicked.connect(self.agree)
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        row.addWidget(self.edit_button)
        row.addWidget(self.agree_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.text, 1)
        self.version = 0

    def reload(self, snap: wz.Snapshot) -> None:
        view = self.services.commitment.view(self.options.ctx.region_id)
        self.version = view.version
        self.text.setPlainText(view.text)
        agreed = snap.one("commitment_agreement").get("agreed_version")
        if agreed == view.version:
            self.state.setText(tr("Versi {v} sudah disepakati di pleno.", v=view.version))
        elif agreed:
            self.state.setText(tr("Versi {old} pernah disepakati, tetapi teks sudah berubah menjadi versi {v}. "
                                  "Sepakati ulang.", old=agreed, v=view.version))
        else:
            self.state.setText(tr("Versi {v} belum disepakati.", v=view.version))
        self.agree_button.setEnabled(agreed != view.version)

    def agree(self) -> None:
        self.undo.upsert(self.bimtek_id, "commitment_agreement", {}, {"agreed_version": self.version})


class SigningStep(StepEditor):
    """Who has signed the current text and who has not; signing uses the commitment's own dialog."""

    commitment_changed = Signal()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bar = QProgressBar()
        self.table = _table([tr("Nama"), tr("Sebagai"), tr("Tanda tangan")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.doubleClicked.connect(lambda _i: self.sign())
        self.sign_button = QPushButton(self.icons.get("commitment"), tr("Tandatangani…"))
        self.sign_button.setToolTip(tr("Penanda tangan terpilih membaca teks dan menandatangani (Enter)"))
        self.sign_button.clicked.connect(self.sign)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.PlainText)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        from PySide6.QtGui import QAction, QKeySequence
        enter = QAction(self.table)
        enter.setShortcuts([QKeySequence(Qt.Key_Return), QKeySequence(Qt.Key_Enter)])
        enter.setShortcutContext(Qt.WidgetShortcut)
        enter.triggered.connect(self.sign)
        self.table.addAction(enter)

    def reload(self, snap: wz.Snapshot) -> None:
        self.view = self.services.commitment.view(self.options.ctx.region_id)
        rows = self.view.signatories
        row = max(self.table.currentRow(), 0)
        self.bar.setRange(0, max(len(rows), 1))
        self.bar.setValue(self.view.signed)
        self.bar.setFormat(tr("{signed} dari {total} sudah menandatangani versi {v}", signed=self.view.signed,
                              total=len(rows), v=self.view.version))
        self.table.setRowCount(len(rows))
        for r, sg in enumerate(rows):
            state = (tr("sudah") if sg.signed_current else
                     tr("versi lama ({v})", v=sg.signed_version) if sg.signed_version else tr("belum"))
            for c, text in enumerate((sg.name, sg.role_title, state)):
                cell = _item(text, sg.id)
                if c == 2:
                    cell.setBackground(QColor("#e9f7ef" if sg.signed_current else "#fdf2e9"))
                self.table.setItem(r, c, cell)
        self.table.resizeColumnsToContents()
        if rows:
            self.table.selectRow(min(row, len(rows) - 1))

    def sign(self) -> None:
        from ..pages.commitment import sign_with_dialog

        r = self.table.currentRow()
        if not 0 <= r < len(self.view.signatories):
            return
        sg = self.view.signatories[r]
        if sg.signed_current:
            self.notice.setText(tr("{name} sudah menandatangani versi ini.", name=sg.name))
            return
        try:
            code = sign_with_dialog(self, self.services, self.options.ctx.region_id, sg, self.view)
        except UserError as exc:  # pragma: no cover - sign_with_dialog reports its own errors
            show_error(self, exc)
            return
        if code:
            self.notice.setText(tr("Tanda tangan {name} tersimpan. Kode verifikasi: {code}", name=sg.name, code=code))
            self.commitment_changed.emit()
        self.undo.changed.emit()
