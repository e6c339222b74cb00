"""Editing worksheet records: options for references, undoable autosave, form and table.

Every change goes to the service at once (autosave) and is pushed on the step's
undo stack as already done; undo and redo call the service again.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QSplitter, QTableView, QVBoxLayout, QWidget)

from ...domain import wizard as wz
from ...domain.dates import format_date
from ...domain.errors import UserError
from ...domain.worksheets import KINDS, Field, Kind, format_money, is_blank
from ...i18n import language, tr
from ...services.worksheets import ItemView, WizardContext
from ..feedback import show_error
from ..icons import Icons
from .fields import (BoolEditor, ChoiceEditor, DateEditor, FieldEditor, LongTextEditor, MoneyEditor,
                     MultiEditor, NumberEditor, PeopleEditor, TextEditor, day_options)


def lower_first(text: str) -> str:
    """'Kelompok FGD' -> 'kelompok FGD' inside a sentence; acronyms ('FGD groups', 'OPD') stay."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def tr_path(text: str) -> str:
    """'Struktur › Anggaran' translated part by part."""
    return " › ".join(tr(part) for part in text.split(" › "))


def blank_of(f: Field):
    return {"int": None, "year": None, "bool": False, "people": []}.get(f.type, "")


class Options:
    """Choices and display labels of every field, from the region context and current records."""

    def __init__(self, ctx: WizardContext) -> None:
        self.ctx = ctx
        self.opds = list(ctx.opds)
        self.opd_names = dict(ctx.opds)
        self.elements = [(eid, f"{dim} › {name}") for _, dim, els in ctx.dimensions for eid, name in els]
        self.element_names = dict(self.elements)
        self.dimensions = [(did, name) for did, name, _els in ctx.dimensions]
        self.dimension_names = dict(self.dimensions)
        self.dimension_of = {eid: did for did, _, els in ctx.dimensions for eid, _ in els}
        self.people_names = [label.split(" — ")[0] for _, label in ctx.people]
        self.person_names = {pid: label.split(" — ")[0] for pid, label in ctx.people}
        self.refs: dict[str, list[tuple[str, str]]] = {}
        self.ref_names: dict[str, str] = {}

    def update_records(self, snap: wz.Snapshot) -> None:
        codes = wz.outline_codes(snap.items)
        self.refs, self.ref_names = {}, {}
        for item in snap.items:
            k = KINDS.get(item.kind)
            if k is None or not k.title_field:
                continue
            title = str(item.data.get(k.title_field) or tr("(tanpa judul)"))
            label = f"{codes[item.id]}. {title}" if item.id in codes else title
            self.refs.setdefault(item.kind, []).append((item.id, label))
            self.ref_names[item.id] = label

    def options(self, f: Field) -> list[tuple[str, str]]:
        if f.type == "choice":
            return [(key, tr_path(label)) for key, label in f.choices]
        if f.type == "ref":
            return self.refs.get(f.target, [])
        if f.type == "opd":
            return self.opds
        if f.type == "element":
            return self.elements
        if f.type == "dimension":
            return self.dimensions
        if f.type == "day":
            return day_options(self.ctx.days)
        return []

    def display(self, f: Field, value) -> str:
        if is_blank(value):
            return ""
        if f.type == "choice":
            return tr_path(dict(f.choices).get(value, str(value)))
        if f.type == "ref":
            return self.ref_names.get(value, tr("(dihapus)"))
        if f.type == "opd":
            return self.opd_names.get(value, tr("(dihapus)"))
        if f.type == "element":
            return self.element_names.get(value, tr("(dihapus)"))
        if f.type == "dimension":
            return self.dimension_names.get(value, tr("(dihapus)"))
        if f.type == "money":
            return format_money(value)
        if f.type == "multi":
            names = dict(f.choices)
            return ", ".join(tr(names.get(v, v)) for v in value)
        if f.type == "scores":
            return tr("{n} skor", n=len(value))
        if f.type in ("day", "date"):
            from datetime import date
            return format_date(date.fromisoformat(value), language(), weekday=f.type == "day")
        if f.type == "time":
            return value.replace(":", "." if language() == "id" else ":")
        if f.type == "people":
            return tr("{n} orang", n=len(value))
        if f.type == "bool":
            return "✓"
        if f.type == "longtext":
            first = str(value).split("\n")[0]
            return first[:80] + ("…" if len(first) > 80 or "\n" in str(value) else "")
        return str(value)

    def editor(self, f: Field) -> FieldEditor:
        if f.type == "text":
            return TextEditor(f, self.people_names if f.suggest == "people" else None)
        if f.type in ("int", "year"):
            return NumberEditor(f)
        if f.type == "money":
            return MoneyEditor(f)
        if f.type == "multi":
            return MultiEditor(f)
        if f.type == "longtext":
            return LongTextEditor(f)
        if f.type == "time":
            return TextEditor(f)
        if f.type == "date":
            return DateEditor(f)
        if f.type == "bool":
            return BoolEditor(f)
        if f.type == "people":
            return PeopleEditor(f, list(self.ctx.people))
        return ChoiceEditor(f, self.options(f))


# --- undo -------------------------------------------------------------------

class _Command(QUndoCommand):
    """A change already applied through the service; the first redo (on push) is skipped."""

    def __init__(self, undo: "StepUndo", text: str, do, undo_fn) -> None:
        super().__init__(text)
        self.owner, self.do, self.undo_fn, self.first = undo, do, undo_fn, True

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self.owner.run(self.do)

    def undo(self) -> None:
        self.owner.run(self.undo_fn)


class StepUndo(QUndoStack):
    """Undo/redo of one step's edits; `changed` tells the page to reload after each."""

    changed = Signal()

    def __init__(self, services, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.services = services
        self.widget = parent_widget

    @property
    def ws(self):
        return self.services.worksheets

    def run(self, fn) -> None:
        try:
            fn()
        except UserError as exc:
            show_error(self.widget, exc)
        self.changed.emit()

    def edit(self, view: ItemView, changes: dict) -> ItemView | None:
        k = KINDS[view.kind]
        old = {key: view.data.get(key, blank_of(k.field(key))) for key in changes}
        try:
            new_view = self.ws.update(view.id, changes)
        except UserError as exc:
            show_error(self.widget, exc)
            self.changed.emit()
            return None
        new = {key: new_view.data.get(key) for key in changes}
        if new != old:
            label = ", ".join(tr(k.field(key).label) for key in changes)
            self.push(_Command(self, tr("Ubah {field}", field=label),
                               lambda: self.ws.update(view.id, new), lambda: self.ws.update(view.id, old)))
        self.changed.emit()
        return new_view

    def upsert(self, bimtek_id: str, kind: str, key: dict, changes: dict) -> ItemView | None:
        current = self.ws.find(bimtek_id, kind, key)
        if current is not None:
            return self.edit(current, changes)
        try:
            view = self.ws.upsert(bimtek_id, kind, key, changes)
        except UserError as exc:
            show_error(self.widget, exc)
            self.changed.emit()
            return None
        k = KINDS[kind]
        old = {f: blank_of(k.field(f)) for f in changes}
        new = {f: view.data.get(f) for f in changes}
        self.push(_Command(self, tr("Ubah {field}", field=", ".join(tr(k.field(f).label) for f in changes)),
                           lambda: self.ws.update(view.id, new), lambda: self.ws.update(view.id, old)))
        self.changed.emit()
        return view

    def replace(self, before: ItemView | None, after: ItemView, text: str) -> None:
        """Record a change made by a service call (e.g. merging group inputs) as one undo step."""
        k = KINDS[after.kind]
        keys = [f.key for f in k.fields]
        old = {key: (before.data if before else {}).get(key, blank_of(k.field(key))) for key in keys}
        new = {key: after.data.get(key, blank_of(k.field(key))) for key in keys}
        if old != new:
            self.push(_Command(self, text, lambda: self.ws.update(after.id, new),
                               lambda: self.ws.update(after.id, old)))
        self.changed.emit()

    def add(self, bimtek_id: str, kind: str, data: dict, after: str | None = None) -> ItemView | None:
        try:
            view = self.ws.add(bimtek_id, kind, data, after)
        except UserError as exc:
            show_error(self.widget, exc)
            return None
        self.push(_Command(self, tr("Tambah {kind}", kind=tr(KINDS[kind].label)),
                           lambda: self.ws.set_archived([view.id], False),
                           lambda: self.ws.set_archived([view.id], True)))
        self.changed.emit()
        return view

    def delete(self, ids: list[str]) -> bool:
        try:
            self.ws.set_archived(ids, True)
        except UserError as exc:
            show_error(self.widget, exc)
            return False
        self.push(_Command(self, tr("Hapus {n} baris", n=len(ids)), lambda: self.ws.set_archived(ids, True),
                           lambda: self.ws.set_archived(ids, False)))
        self.changed.emit()
        return True

    def move(self, item_id: str, offset: int) -> None:
        self.ws.move(item_id, offset)
        self.push(_Command(self, tr("Pindahkan baris"), lambda: self.ws.move(item_id, offset),
                           lambda: self.ws.move(item_id, -offset)))
        self.changed.emit()


# --- form -------------------------------------------------------------------

class RecordForm(QWidget):
    """All fields of one record; each finished edit becomes `edit_requested({key: value})`."""

    edit_requested = Signal(dict)

    def __init__(self, kind: Kind, options: Options, exclude: tuple[str, ...] = (), parent=None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.options = options
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.editors: dict[str, FieldEditor] = {}
        self.labels: dict[str, QLabel] = {}
        for f in kind.fields:
            if f.key in exclude or f.type == "scores":  # scores are edited in the scoring matrix
                continue
            editor = options.editor(f)
            editor.committed.connect(lambda value, key=f.key: self.edit_requested.emit({key: value}))
            self.editors[f.key] = editor
            if f.type == "bool":
                self.form.addRow("", editor)
            else:
                label = QLabel(tr(f.label) + (" *" if f.required else ""))
                label.setBuddy(editor)
                self.labels[f.key] = label
                self.form.addRow(label, editor)
        self.warning = QLabel()
        self.warning.setObjectName("recordWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.PlainText)
        self.form.addRow(self.warning)
        self.setEnabled(False)

    def set_item(self, view: ItemView | None) -> None:
        self.setEnabled(view is not None)
        data = view.data if view else {}
        for key, editor in self.editors.items():
            editor.set_value(data.get(key, blank_of(self.kind.field(key))))
        warnings = view.warnings if view else ()
        self.warning.setText(("⚠ " + "; ".join(tr(w) for w in warnings)) if warnings else "")

    def refresh_options(self) -> None:
        for key, editor in self.editors.items():
            if isinstance(editor, ChoiceEditor) and self.kind.field(key).type == "ref":
                editor.set_options(self.options.options(self.kind.field(key)))

    def flush(self) -> None:
        for editor in self.editors.values():
            if isinstance(editor, (LongTextEditor, TextEditor)):
                editor.flush()

    def focus_first(self, skip: tuple[str, ...] = ()) -> None:
        for key, editor in self.editors.items():
            if key not in skip:
                editor.setFocus(Qt.ShortcutFocusReason)
                return


class RecordModel(QAbstractTableModel):
    def __init__(self, kind: Kind, columns: tuple[str, ...], options: Options, icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.kind, self.options, self.icons = kind, options, icons
        self.fields = [kind.field(c) for c in columns]
        self.rows: list[ItemView] = []

    def set_rows(self, rows: list[ItemView]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt name
        return 0 if parent.isValid() else len(self.fields)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt name
        if role == Qt.DisplayRole:
            return tr(self.fields[section].label) if orientation == Qt.Horizontal else str(section + 1)
        return None

    def data(self, index, role=Qt.DisplayRole):
        row = self.rows[index.row()]
        f = self.fields[index.column()]
        if role == Qt.DisplayRole:
            return self.options.display(f, row.data.get(f.key))
        if role == Qt.ToolTipRole:
            text = self.options.display(f, row.data.get(f.key)) if f.type != "longtext" \
                else str(row.data.get(f.key) or "")
            if index.column() == 0 and row.warnings:
                text = (text + "\n" if text else "") + "⚠ " + "; ".join(tr(w) for w in row.warnings)
            return text or None
        if role == Qt.DecorationRole and index.column() == 0 and row.warnings:
            return self.icons.get("warning")
        return None


class RecordEditor(QWidget):
    """A table of one section's records beside the form of the selected record.

    Ctrl+Enter adds a record (after the selected one), Delete removes the selected
    rows (undo brings them back), Alt+Up/Alt+Down reorder."""

    def __init__(self, section: wz.Section, services, bimtek_id: str, undo: StepUndo, options: Options,
                 icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.section, self.services, self.bimtek_id = section, services, bimtek_id
        self.undo, self.options, self.icons = undo, options, icons
        self.kind = KINDS[section.kind]
        self.model = RecordModel(self.kind, section.columns, options, icons, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.table.doubleClicked.connect(lambda _i: self.form.focus_first())
        self.empty = QLabel(tr("Belum ada {kind}. Tekan Ctrl+Enter atau klik Tambah untuk mulai mengisi.",
                               kind=lower_first(tr(self.kind.label))))
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.form = RecordForm(self.kind, options)
        self.form.edit_requested.connect(self._edit)
        self.add_button = QPushButton(icons.get("add"), tr("Tambah"))
        self.add_button.setToolTip(tr("Tambah {kind} (Ctrl+Enter)", kind=lower_first(tr(self.kind.label))))
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton(icons.get("delete"), tr("Hapus"))
        self.delete_button.setToolTip(tr("Hapus baris terpilih (Delete); Ctrl+Z membatalkan"))
        self.delete_button.clicked.connect(self.delete)
        self.up_button = QPushButton(icons.get("up"), "")
        self.up_button.setToolTip(tr("Naikkan (Alt+Atas)"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton(icons.get("down"), "")
        self.down_button.setToolTip(tr("Turunkan (Alt+Bawah)"))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.history_button = QPushButton(icons.get("history"), "")
        self.history_button.setToolTip(tr("Riwayat…") + " " +
                                       tr("Semua versi baris terpilih: kapan, di perangkat mana, apa yang berubah"))
        self.history_button.clicked.connect(self.show_history)
        self._shortcut(("Ctrl+Return", "Ctrl+Enter"), self.add, Qt.WidgetWithChildrenShortcut, self)
        self._shortcut(("Delete",), self.delete, Qt.WidgetShortcut, self.table)
        self._shortcut(("Alt+Up",), lambda: self.move(-1), Qt.WidgetShortcut, self.table)
        self._shortcut(("Alt+Down",), lambda: self.move(1), Qt.WidgetShortcut, self.table)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button, self.history_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        filter_row = QHBoxLayout()
        self.filters: dict[str, QComboBox] = {}
        for key in section.filters:
            f = self.kind.field(key)
            combo = QComboBox()
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setToolTip(tr("Tampilkan hanya baris dengan {field} ini", field=lower_first(tr(f.label))))
            combo.activated.connect(lambda _i: self.reload())
            self.filters[key] = combo
            filter_row.addWidget(QLabel(tr("Dimensi") if f.type == "element" else tr(f.label)))
            filter_row.addWidget(combo, 1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(buttons)
        if self.filters:
            lv.addLayout(filter_row)
        lv.addWidget(self.empty)
        lv.addWidget(self.table, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setMinimumWidth(260)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.setTabOrder(self.table, self.form)
        self._sized = False

    def _shortcut(self, keys, slot, context, widget) -> QAction:
        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(context)
        action.triggered.connect(slot)
        widget.addAction(action)
        return action

    # --- data ---
    def reload(self, items: list[ItemView] | None = None) -> None:
        current = self.current()
        if items is None:
            items = self.services.worksheets.items(self.bimtek_id, self.section.kind)
        self._fill_filters()
        rows = [i for i in items if self.section.accepts(i.data) and self._passes(i.data)]
        self.model.set_rows(rows)
        self.form.refresh_options()
        self.empty.setVisible(not rows)
        if current is not None:
            self.select(current.id)
        if self.current() is None:
            self.form.set_item(None)
        if rows and not self._sized:  # once: later the user's column widths stay as they are
            self._sized = True
            self.table.horizontalHeader().setResizeContentsPrecision(40)
            self.table.resizeColumnsToContents()
            for col in range(self.model.columnCount()):
                self.table.setColumnWidth(col, min(self.table.columnWidth(col), 320))

    def _fill_filters(self) -> None:
        for key, combo in self.filters.items():
            f = self.kind.field(key)
            keep = combo.currentData()
            combo.clear()
            combo.addItem(tr("Semua"), None)
            if f.type == "element":
                options = [(did, name) for did, name, _els in self.options.ctx.dimensions]
            else:
                options = self.options.options(f)
            for value, label in options:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(keep), 0))

    def _passes(self, data: dict) -> bool:
        for key, combo in self.filters.items():
            wanted = combo.currentData()
            if wanted is None:
                continue
            value = data.get(key)
            if self.kind.field(key).type == "element":
                value = self.options.dimension_of.get(value)
            if value != wanted:
                return False
        return True

    def filter_preset(self) -> dict:
        """A row added while the table is narrowed to one misi starts with that misi."""
        out = {}
        for key, combo in self.filters.items():
            if combo.currentData() is not None and self.kind.field(key).type != "element":
                out[key] = combo.currentData()
        return out

    def current(self) -> ItemView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def selected_ids(self) -> list[str]:
        return [self.model.rows[i.row()].id for i in sorted(self.table.selectionModel().selectedRows())]

    def select(self, item_id: str) -> None:
        for row, item in enumerate(self.model.rows):
            if item.id == item_id:
                # not selectRow(): with Ctrl held (Ctrl+Enter) it would add to the selection
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
                self.table.scrollTo(index)
                return

    def _selected(self) -> None:
        self.form.set_item(self.current())

    # --- actions ---
    def _edit(self, changes: dict) -> None:
        view = self.current()
        if view is None:
            return
        self.undo.edit(view, changes)

    def add(self) -> None:
        self.form.flush()
        current = self.current()
        data = {**dict(self.section.preset), **self.filter_preset()}
        if current is not None:  # a new tujuan under the same misi as the selected one, etc.
            for f in self.kind.fields:
                if f.type in ("ref", "day") and f.key not in data and current.data.get(f.key):
                    data[f.key] = current.data[f.key]
        view = self.undo.add(self.bimtek_id, self.section.kind, data, after=current.id if current else None)
        if view is not None:
            self.select(view.id)
            self.form.focus_first(skip=tuple(data))

    def delete(self) -> None:
        ids = self.selected_ids()
        if ids:
            row = self.table.selectionModel().selectedRows()[0].row()
            if self.undo.delete(ids) and self.model.rows:
                self.select(self.model.rows[min(row, len(self.model.rows) - 1)].id)

    def show_history(self) -> None:
        from .history import HistoryDialog

        current = self.current()
        if current is not None:
            HistoryDialog(self.services, current, self.options, self).exec()

    def move(self, offset: int) -> None:
        current = self.current()
        if current is not None:
            self.undo.move(current.id, offset)
            self.select(current.id)
