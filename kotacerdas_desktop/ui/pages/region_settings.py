"""Region settings: letterhead and paper, framework, officials, OPD list.

Every field saves itself when it loses focus; there is no Save button to forget.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget)

from ...domain.regions import KINDS, OFFICIAL_ROLES, PAPER_SIZES, RegionInput, kop_lines, role_title
from ...i18n import language, tr
from ...services import Services
from ...domain.errors import UserError, ValidationError
from ..feedback import show_error
from ..icons import Icons
from .settings_framework import FrameworkTab
from .settings_opd import OpdTab


class KopTab(QWidget):
    changed = Signal()

    FIELDS = (("name", "Nama wilayah"), ("province", "Provinsi"), ("office_name", "Nama kantor (kop)"),
              ("address", "Alamat"), ("phone", "Telepon"), ("email", "Email"), ("website", "Laman"),
              ("signing_place", "Tempat penandatanganan"))

    def __init__(self, services: Services, icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.region_id: str | None = None
        self.kind = QComboBox()
        for code, label in KINDS.items():
            self.kind.addItem(label, code)
        self.paper = QComboBox()
        for code, label in PAPER_SIZES.items():
            self.paper.addItem(label, code)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow(tr("Jenis"), self.kind)
        for key, label in self.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"kop_{key}")
            edit.editingFinished.connect(lambda k=key: self.save_field(k))
            self.edits[key] = edit
            form.addRow(tr(label), edit)
        self.edits["signing_place"].setPlaceholderText(tr("bawaan: nama wilayah"))
        form.addRow(tr("Ukuran kertas"), self.paper)
        self.kind.activated.connect(lambda _i: self.save_field("kind"))
        self.paper.activated.connect(lambda _i: self.save_field("paper_size"))
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()

        self.logo = QLabel(tr("Belum ada logo"))
        self.logo.setObjectName("logoPreview")
        self.logo.setFixedSize(120, 120)
        self.logo.setAlignment(Qt.AlignCenter)
        self.logo_button = QPushButton(icons.get("logo"), tr("Pilih logo…"))
        self.logo_remove = QPushButton(icons.get("delete"), tr("Hapus logo"))
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_remove.clicked.connect(self.remove_logo)
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.RichText)  # built by _preview with escaped text
        self.preview.setObjectName("kopPreview")
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(QLabel(tr("Logo daerah (PNG/JPEG)")))
        side.addWidget(self.logo)
        side.addWidget(self.logo_button)
        side.addWidget(self.logo_remove)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addSpacing(24)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(tr("Pratinjau kop surat:")))
        layout.addWidget(self.preview)
        layout.addStretch(1)

    def load(self, region_id: str) -> None:
        self.region_id = region_id
        d = self.services.regions.detail(region_id)
        self.kind.setCurrentIndex(list(KINDS).index(d.data.kind))
        self.paper.setCurrentIndex(list(PAPER_SIZES).index(d.data.paper_size))
        for key, edit in self.edits.items():
            edit.setText(getattr(d.data, key))
        self._show_logo(self.services.regions.logo(region_id))
        self._preview(d.data)
        self.error.hide()

    def _field_value(self, key: str) -> str:
        if key == "kind":
            return self.kind.currentData()
        if key == "paper_size":
            return self.paper.currentData()
        return self.edits[key].text()

    def _show_field(self, key: str, value: str) -> None:
        if key == "kind":
            self.kind.setCurrentIndex(list(KINDS).index(value))
        elif key == "paper_size":
            self.paper.setCurrentIndex(list(PAPER_SIZES).index(value))
        elif self.edits[key].text() != value:
            self.edits[key].setText(value)

    def save_field(self, key: str) -> None:
        """Save one field on its own: a refused value never blocks the others."""
        if self.region_id is None:
            return
        stored = self.services.regions.detail(self.region_id).data
        if getattr(stored, key) == self._field_value(key) and key != "signing_place":
            self.error.hide()
            return
        try:
            self.services.regions.update(self.region_id, replace(stored, **{key: self._field_value(key)}))
        except UserError as exc:
            self.error.setText(tr("{why} Isian dikembalikan ke nilai tersimpan.", why=exc))
            self.error.show()
            self._show_field(key, getattr(stored, key))
            return
        self.error.hide()
        d = self.services.regions.detail(self.region_id)
        for k in ("kind", "paper_size", *self.edits):  # show the cleaned values
            self._show_field(k, getattr(d.data, k))
        self._preview(d.data)
        self.changed.emit()

    def _preview(self, d: RegionInput) -> None:
        lines = kop_lines(d.kind, d.name, d.office_name, d.address, d.phone, d.email, d.website)
        html = "".join(f"<div style='font-weight:bold;font-size:{15 if i == 0 else 13}px'>{_esc(t)}</div>"
                       if i < 2 else f"<div>{_esc(t)}</div>" for i, t in enumerate(lines))
        self.preview.setText(html)

    def _show_logo(self, data: bytes | None) -> None:
        pix = QPixmap()
        if data and pix.loadFromData(data):
            self.logo.setPixmap(pix.scaled(116, 116, Qt.KeepAspectRatio, Qt.SmoothTransformation))
            self.logo_remove.setEnabled(True)
        else:
            self.logo.setText(tr("Belum ada logo"))
            self.logo_remove.setEnabled(False)

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih logo daerah"), "",
                                              tr("Gambar (*.png *.jpg *.jpeg)"))
        if not path or self.region_id is None:
            return
        try:
            with open(path, "rb") as fh:
                data = fh.read(6 * 1024 * 1024)
            pix = QPixmap()
            if not pix.loadFromData(data):
                raise ValidationError(tr("Berkas itu bukan gambar yang dapat dibaca."))
            self.services.regions.set_logo(self.region_id, data)
        except OSError as exc:
            show_error(self, tr("Berkas tidak dapat dibaca: {why}", why=exc.strerror or exc))
            return
        except UserError as exc:
            show_error(self, exc)
            return
        self._show_logo(data)
        self.changed.emit()

    def remove_logo(self) -> None:
        if self.region_id is None:
            return
        try:
            self.services.regions.set_logo(self.region_id, None)
        except UserError as exc:
            show_error(self, exc)
            return
        self._show_logo(None)
        self.changed.emit()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class OfficialsTab(QWidget):
    changed = Signal()

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.region_id: str | None = None
        self.combos: dict[str, QComboBox] = {}
        self.form = QFormLayout()
        intro = QLabel(tr("Pejabat yang menandatangani komitmen. Pilih dari orang yang terdaftar "
                          "di wilayah ini; setiap peran boleh dikosongkan."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addStretch(1)
        for role in OFFICIAL_ROLES:
            combo = QComboBox()
            combo.setObjectName(f"official_{role}")
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(30)
            combo.setMaxVisibleItems(20)
            combo.activated.connect(lambda _i, r=role: self._save(r))
            self.combos[role] = combo
            self.form.addRow(role, combo)

    def load(self, region_id: str) -> None:
        self.region_id = region_id
        d = self.services.regions.detail(region_id)
        people = self.services.directory.people(region_id)
        held = {o.role: o.person_id for o in d.officials}
        for i, role in enumerate(OFFICIAL_ROLES):
            label = self.form.itemAt(i, QFormLayout.ItemRole.LabelRole).widget()
            label.setText(role_title(role, d.data.kind, d.data.name if language() == "id" else "", language()))
            combo = self.combos[role]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("— belum diisi —"), None)
            for p in people:
                combo.addItem(f"{p.full_name} · {p.jabatan or p.opd_name}".strip(" ·"), p.id)
            idx = combo.findData(held.get(role)) if held.get(role) else 0
            combo.setCurrentIndex(max(idx, 0))
            combo.blockSignals(False)

    def _save(self, role: str) -> None:
        try:
            self.services.regions.set_official(self.region_id, role, self.combos[role].currentData())
        except UserError as exc:
            show_error(self, exc)
            return
        self.changed.emit()


class RegionSettingsPage(QWidget):
    changed = Signal()

    def __init__(self, services: Services, icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("regionSettingsPage")
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setTextFormat(Qt.PlainText)
        note = QLabel(tr("Perubahan tersimpan otomatis."))
        note.setObjectName("pageIntro")
        self.tabs = QTabWidget()
        self.kop = KopTab(services, icons)
        self.framework = FrameworkTab(services, icons)
        self.officials = OfficialsTab(services)
        self.opd = OpdTab(services, icons)
        self.tabs.addTab(self.kop, icons.get("edit"), tr("Kop dan kertas"))
        self.tabs.addTab(self.framework, icons.get("dashboard"), tr("Kerangka"))
        self.tabs.addTab(self.officials, icons.get("people"), tr("Pejabat"))
        self.tabs.addTab(self.opd, icons.get("regions"), tr("Daftar OPD"))
        for tab in (self.kop, self.framework, self.officials, self.opd):
            tab.changed.connect(self.changed)
        self.opd.changed.connect(lambda: self.officials.load(self.opd.region_id))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(note)
        layout.addWidget(self.tabs, 1)

    def load(self, region_id: str, title: str) -> None:
        self.title.setText(tr("Pengaturan {region}", region=title))
        for tab in (self.kop, self.framework, self.officials, self.opd):
            tab.load(region_id)
