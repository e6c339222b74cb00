"""Table model of the region list, over plain RegionSummary rows."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ...i18n import tr
from ...services.regions import RegionSummary


class RegionTableModel(QAbstractTableModel):
    COLUMNS = ("Wilayah", "Provinsi", "OPD", "Orang", "Status")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[RegionSummary] = []

    def set_rows(self, rows: list[RegionSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RegionSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, region_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == region_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return tr(self.COLUMNS[section])
        return None

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
