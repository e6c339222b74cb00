"""One sync conflict side by side: every head of the record in its own column, the fields
that differ highlighted; keep one version, or combine field by field. Protected records
(attendance, signatures) are only shown: every version is kept."""
from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from ...i18n import tr
from ...storage.database import connect
from ...storage.sync_apply import resolve_conflict
from ...sync.merge import combine_fields
from ..feedback import show_error

DIFFERS = QColor("#fdebd0")


DEVICE_NAMES: dict[str, str] = {}  # filled per dialog from the trusted devices and this laptop


def head_title(version) -> str:
    """'Laptop Fasilitator 3 · 22-11-2026 11:05' (the device id's start when it is unknown)."""
    when = datetime.fromtimestamp(version.clock()[0] / 1000).strftime("%d-%m-%Y %H:%M")
    return f"{DEVICE_NAMES.get(version.device_id, version.device_id[:8])} · {when}"


def device_names(services) -> dict[str, str]:
    """Who is behind each device id: trusted laptops, bundles received, and this laptop."""
    names = {t.device_id: t.name for t in services.sync.trusted()}
    for entry in services.sync.log():
        names.setdefault(entry.device_id, entry.device_name)
    me = services.sync.device()
    names[me.device_id] = tr("{name} (perangkat ini)", name=me.name)
    return names


# Column names as a Diskominfo officer reads them (the payload keeps the database names).
FIELD_LABELS = {
    "name": "Nama", "prefix": "Gelar depan", "suffix": "Gelar belakang", "nip": "NIP", "golongan": "Pangkat/Gol",
    "jabatan": "Jabatan", "opd_id": "OPD", "phone": "No. HP", "email": "Email", "gender": "Jenis kelamin",
    "category": "Kategori", "archived": "Diarsipkan", "region_id": "Wilayah", "review_note": "Catatan pemeriksaan",
    "short_name": "Singkatan", "aliases": "Nama lain", "head_person_id": "Kepala OPD", "position": "Urutan",
    "venue": "Tempat", "status": "Status", "stage": "Tahap", "kind": "Jenis", "data": "Isi lembar kerja",
    "bimtek_id": "Bimtek", "person_id": "Orang", "mode": "Cara hadir", "signed_at": "Waktu",
    "day_date": "Tanggal", "text": "Teks", "role": "Peran", "office_name": "Nama kantor", "address": "Alamat",
    "website": "Laman", "paper_size": "Kertas", "province": "Provinsi", "signing_place": "Tempat tanda tangan",
}
SKIP_FIELDS = {"id", "search_key"}


def field_label(name: str) -> str:
    return tr(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def _shown(value, names: dict | None = None) -> str:
    """A stored value for reading: ids become names where known, worksheet JSON becomes lines."""
    if isinstance(value, str) and names and value in names:
        return names[value]
    if isinstance(value, str) and value.startswith("{"):
        try:
            data = json.loads(value)
        except ValueError:
            data = None
        if isinstance(data, dict):
            value = "; ".join(f"{k}: {names.get(v, v) if names and isinstance(v, str) else v}"
                              for k, v in sorted(data.items()))
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "…"


def record_names(services) -> dict[str, str]:
    """Region, OPD and person names by id, so references read as names."""
    names: dict[str, str] = {}
    for region in services.regions.list(include_archived=True):
        names[region.id] = region.display_name
        for opd in services.directory.opds(region.id, include_archived=True):
            names[opd.id] = opd.name
        for person in services.directory.people(region.id, include_archived=True):
            names[person.id] = person.name
    return names


class ConflictDialog(QDialog):
    """`exec()` returns Accepted once a merge version was written."""

    def __init__(self, services, conflict, parent=None) -> None:
        DEVICE_NAMES.clear()
        DEVICE_NAMES.update(device_names(services))
        super().__init__(parent)
        self.services, self.conflict = services, conflict
        self.heads = list(conflict.heads)
        self.setWindowTitle(tr("Tinjau konflik"))
        self.resize(900, 560)
        intro = QLabel(tr("Rekaman {record} ({entity}) diubah di beberapa perangkat. Isian yang berbeda "
                          "ditandai.", record=conflict.record_id[:12], entity=conflict.entity))
        intro.setWordWrap(True)
        self.names = record_names(services)
        self.fields = sorted({k for v in self.heads for k in v.payload} - SKIP_FIELDS)
        self.differing = [f for f in self.fields
                          if len({json.dumps(v.payload.get(f), sort_keys=True) for v in self.heads}) > 1]
        self.live = [i for i, v in enumerate(self.heads) if not v.deleted]
        can_combine = not conflict.protected and len(self.live) > 1 and bool(self.differing)
        columns = [head_title(v) for v in self.heads] + ([tr("Pakai nilai dari")] if can_combine else [])
        self.table = QTableWidget(len(self.fields) + 1, len(columns))
        self.table.setObjectName("conflictHeads")
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setVerticalHeaderLabels([tr("Status")] + [field_label(f) for f in self.fields])
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.choices: dict[str, QComboBox] = {}
        for col, v in enumerate(self.heads):
            self.table.setItem(0, col, QTableWidgetItem(tr("Dihapus") if v.deleted else tr("Ada")))
            for row, name in enumerate(self.fields, start=1):
                item = QTableWidgetItem(_shown(v.payload.get(name, ""), self.names))
                item.setToolTip(item.text())
                if name in self.differing:
                    item.setBackground(QBrush(DIFFERS))
                self.table.setItem(row, col, item)
        if can_combine:
            for name in self.differing:
                box = QComboBox()
                for i in self.live:
                    box.addItem(head_title(self.heads[i]), self.heads[i].version_id)
                box.setCurrentIndex(box.findData(conflict.winner.version_id) if not conflict.winner.deleted else 0)
                self.choices[name] = box
                self.table.setCellWidget(self.fields.index(name) + 1, len(self.heads), box)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        self.use_buttons: list[QPushButton] = []
        self.combine_button: QPushButton | None = None
        if conflict.protected:
            note = QLabel(tr("Data kehadiran dan tanda tangan tidak pernah ditimpa: semua versi di atas "
                             "disimpan dan tetap tercatat. Tidak ada yang perlu dipilih."))
            note.setWordWrap(True)
            note.setObjectName("protectedNote")
            layout.addWidget(note)
        else:
            row = QHBoxLayout()
            for i, v in enumerate(self.heads):
                b = QPushButton(tr("Pakai versi ini") + f" ({head_title(v)})")
                b.setToolTip(tr("Simpan versi {title} sebagai hasil akhir", title=head_title(v)))
                b.clicked.connect(lambda _=False, i=i: self.use_head(i))
                self.use_buttons.append(b)
                row.addWidget(b)
            if can_combine:
                self.combine_button = QPushButton(tr("Gabungkan per isian"))
                self.combine_button.setToolTip(tr("Ambil tiap isian yang berbeda dari versi yang dipilih "
                                                  "di kolom terakhir"))
                self.combine_button.clicked.connect(self.combine)
                row.addWidget(self.combine_button)
            layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.button(QDialogButtonBox.Close).setText(tr("Tutup"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)

    # --- resolving -------------------------------------------------------------
    def use_head(self, index: int) -> bool:
        v = self.heads[index]
        return self._write(None if v.deleted else dict(v.payload), v.deleted)

    def combine(self) -> bool:
        choices = {name: box.currentData() for name, box in self.choices.items()}
        try:
            payload = combine_fields(self.heads, choices)
        except ValueError as exc:
            show_error(self, exc)
            return False
        return self._write(payload, False)

    def _write(self, payload, deleted: bool) -> bool:
        if self.conflict.protected:
            return False
        conn = connect(self.services.store.paths.database)
        try:
            resolve_conflict(conn, self.conflict.record_id, payload, deleted=deleted)
        except Exception as exc:  # noqa: BLE001 - shown in plain words, the dialog stays open
            show_error(self, exc)
            return False
        finally:
            conn.close()
        self.accept()
        return True
