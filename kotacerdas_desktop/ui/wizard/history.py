"""The history of one worksheet record: every stored version, when, where and what changed."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from ...domain.dates import format_datetime
from ...domain.worksheets import KINDS
from ...i18n import language, tr
from ...services.worksheets import ItemView
from .records import Options


class HistoryDialog(QDialog):
    def __init__(self, services, view: ItemView, options: Options, parent=None) -> None:
        super().__init__(parent)
        kind = KINDS[view.kind]
        title = str(view.data.get(kind.title_field) or "") if kind.title_field else tr(kind.label)
        self.setWindowTitle(tr("Riwayat: {name}", name=title))
        self.resize(820, 460)
        versions = services.worksheets.history(view.id)
        table = QTableWidget(len(versions), 3)
        table.setHorizontalHeaderLabels([tr("Waktu"), tr("Perangkat"), tr("Perubahan")])
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setWordWrap(True)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        labels = {f.key: f for f in kind.fields}
        for r, v in enumerate(reversed(versions)):  # newest first
            when = datetime.fromisoformat(v.at.replace("Z", "+00:00")).astimezone()
            parts = []
            for key in v.changed:
                if key == "_archived":
                    parts.append(tr("dihapus") if v.values.get("_archived") else tr("dipulihkan"))
                elif key in labels:
                    shown = options.display(labels[key], v.values.get(key)) or "—"
                    parts.append(f"{tr(labels[key].label)}: {shown}")
            for c, text in enumerate((format_datetime(when, language()), v.device, "; ".join(parts) or "—")):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        note = QLabel(tr("Setiap perubahan tersimpan sebagai versi tersendiri dan ikut tersinkron ke Diskominfo."))
        note.setWordWrap(True)
        note.setTextFormat(Qt.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
