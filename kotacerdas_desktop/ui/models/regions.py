"""Table model of the region list, over plain RegionSummary rows."""
from __future__ import annotations

from PySide6.QtCore import Qt

from ...i18n import tr
from .base import RowTableModel


class RegionTableModel(RowTableModel):
    COLUMNS = ("Wilayah", "Provinsi", "OPD", "Orang", "Status")

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.DisplayRole:
            return (r.display_name, r.province, r.opds, r.people,
                    tr("Diarsipkan") if r.status == "archived" else tr("Aktif"))[col]
        if role == Qt.TextAlignmentRole and col in (2, 3):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and r.status == "archived":
            from PySide6.QtGui import QColor

            return QColor("#7f8c8d")
        if role == Qt.UserRole:
            return r.id
        return None
