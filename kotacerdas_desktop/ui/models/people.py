"""Table model of a region's people and the filter that searches it as you type.

Search keys are computed once per load, so filtering 5,000 rows per keystroke
is a plain substring test per row.
"""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

from ...domain.people import CATEGORIES, CATEGORY_LABELS_EN, format_nip, format_phone, pangkat_golongan_text, search_key
from ...i18n import language, tr
from ...services.directory import PersonView
from .base import RowTableModel

KEY_ROLE = Qt.UserRole + 1


class PeopleTableModel(RowTableModel):
    COLUMNS = ("Nama", "NIP", "Pangkat/Gol.", "Jabatan", "OPD", "No. HP", "Email", "Kategori")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._keys: list[str] = []
        self._sort_names: list[str] = []
        self._sort = (0, Qt.AscendingOrder)
        self._display: dict[int, tuple] = {}
        self._opd_keys: dict[str | None, str] = {}

    def set_rows(self, rows: list[PersonView], opd_keys: dict[str | None, str] | None = None) -> None:
        """opd_keys: extra searchable words per OPD id (full name, aliases)."""
        self._opd_keys = opd_keys or {}
        self._keys = [" ".join((search_key(f"{p.prefix} {p.name} {p.suffix}"), p.nip,
                                search_key(p.opd_name), self._opd_keys.get(p.opd_id, "")))
                      for p in rows]
        self._sort_names = [search_key(p.name) for p in rows]
        self._display: dict[int, tuple] = {}
        super().set_rows(rows)
        if self._sort != (0, Qt.AscendingOrder):  # rows arrive in name order already
            self.sort(*self._sort)

    def _sort_value(self, row: int, column: int):
        p = self._rows[row]
        return (self._sort_names[row], p.nip, p.golongan, p.jabatan.casefold(), p.opd_name.casefold(),
                p.phone, p.email.casefold(), p.category)[column]

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        """Sort the rows themselves with one Python sort (fast for thousands of rows);
        the filter model on top keeps this order."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort = (column, order)
        order_rows = sorted(range(len(self._rows)), key=lambda r: self._sort_value(r, column),
                            reverse=order == Qt.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        where = {r: i for i, r in enumerate(order_rows)}
        self._rows = [self._rows[r] for r in order_rows]
        self._keys = [self._keys[r] for r in order_rows]
        self._sort_names = [self._sort_names[r] for r in order_rows]
        self.changePersistentIndexList(old, [self.index(where[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def _display_row(self, row: int) -> tuple:
        """The shown texts of one row, formatted once and kept (repaints ask many times)."""
        cached = self._display.get(id(self._rows[row]))
        if cached is None:
            p = self._rows[row]
            labels = CATEGORIES if language() == "id" else CATEGORY_LABELS_EN
            cached = (("⚑ " if p.review_note else "") + p.full_name, format_nip(p.nip),
                      pangkat_golongan_text(p.golongan) if p.golongan else "", p.jabatan, p.opd_name,
                      format_phone(p.phone) if p.phone else "", p.email, labels.get(p.category, p.category))
            self._display[id(p)] = cached
        return cached

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.DisplayRole:
            return self._display_row(index.row())[index.column()] if index.isValid() else None
        if not index.isValid() or role not in (Qt.ToolTipRole, Qt.ForegroundRole, KEY_ROLE, Qt.UserRole):
            return None
        p = self._rows[index.row()]
        if role == Qt.ToolTipRole and p.review_note:
            return tr("Perlu diperiksa: {note}", note=p.review_note)
        if role == Qt.ForegroundRole and p.archived:
            from PySide6.QtGui import QColor

            return QColor("#7f8c8d")
        if role == KEY_ROLE:
            return self._keys[index.row()]
        if role == Qt.UserRole:
            return p.id
        return None


class PeopleFilter(QSortFilterProxyModel):
    """Search words (all must match), OPD, category and 'needs review'."""

    NO_OPD = "__none__"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._opd: str | None = None
        self._category: str | None = None
        self._flagged = False

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        """Sorting is the source model's job (one Python sort, not a comparison per pair)."""
        self.sourceModel().sort(column, order)

    def set_filter(self, *, text: str | None = None, opd: str | None | object = ...,
                   category: str | None | object = ..., flagged: bool | None = None) -> None:
        modern = hasattr(self, "beginFilterChange")  # Qt >= 6.9
        if modern:
            self.beginFilterChange()
        if text is not None:
            self._words = search_key(text).split()
        if opd is not ...:
            self._opd = opd
        if category is not ...:
            self._category = category
        if flagged is not None:
            self._flagged = flagged
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def _accepts(self, p: PersonView, key: str) -> bool:
        if self._opd is not None and (p.opd_id or self.NO_OPD) != self._opd:
            return False
        if self._category is not None and p.category != self._category:
            return False
        if self._flagged and not p.review_note:
            return False
        return all(w in key for w in self._words)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802
        model: PeopleTableModel = self.sourceModel()
        p = model.row_at(source_row)
        return p is not None and self._accepts(p, model._keys[source_row])
