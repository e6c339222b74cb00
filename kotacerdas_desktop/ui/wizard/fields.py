"""One editor widget per worksheet field type; each says when its value is final.

A widget emits `committed(value)` when the user finishes an edit (Enter, leaving
the field, picking from a list, or a pause in typing for long text), never on
every keystroke; the form turns that into one autosaved, undoable change.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QDateEdit, QDialog, QDialogButtonBox,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from ...domain.dates import format_date
from ...domain.worksheets import Field
from ...i18n import language, tr

TYPING_PAUSE_MS = 800


class FieldEditor(QWidget):
    committed = Signal(object)

    def __init__(self, spec: Field, parent=None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._loading = False
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def set_value(self, value) -> None:
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False

    def _emit(self, value) -> None:
        if not self._loading:
            self.committed.emit(value)

    def focus_widget(self) -> QWidget:
        return self

    def _show(self, value) -> None:  # pragma: no cover - every subclass implements it
        raise NotImplementedError


class TextEditor(FieldEditor):
    def __init__(self, spec: Field, names: list[str] | None = None, parent=None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit()
        self.edit.setMaxLength(spec.limit + 50)  # longer input reaches validation and gets a message
        if spec.hint:
            self.edit.setPlaceholderText(tr(spec.hint))
        if names:
            completer = QCompleter(QStringListModel(names, self), self)
            completer.setCaseSensitivity(Qt.CaseInsensitive)
            completer.setFilterMode(Qt.MatchContains)
            self.edit.setCompleter(completer)
            completer.activated.connect(lambda _t: self._commit())
        self.edit.editingFinished.connect(self._commit)
        # a pause in typing saves too: a flat battery mid-field loses at most a second of typing
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self._commit)
        if spec.type == "text":  # times and numbers are checked only when the field is left
            self.edit.textEdited.connect(lambda _t: self.timer.start())
        self.row.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self._last = ""

    def _commit(self) -> None:
        self.timer.stop()
        if self.edit.text() != self._last:
            self._last = self.edit.text()
            self._emit(self.edit.text())

    def flush(self) -> None:
        self._commit()

    def _show(self, value) -> None:
        self._last = "" if value is None else str(value)
        if self.edit.hasFocus() and " ".join(self.edit.text().split()) == " ".join(self._last.split()):
            return  # differs only in spaces still being typed: keep the cursor where the typist is
        if self.edit.text() != self._last:
            self.edit.setText(self._last)
            if not self.edit.hasFocus():
                self.edit.setCursorPosition(0)  # show the start of a long text, not its end


class NumberEditor(TextEditor):
    def __init__(self, spec: Field, parent=None) -> None:
        super().__init__(spec, None, parent)
        if spec.maximum:
            self.edit.setValidator(QIntValidator(min(spec.minimum, 0), spec.maximum, self))
        self.edit.setMaximumWidth(110)
        self.row.addStretch(1)  # the short box sits at the start of its row, under the others


class MoneyEditor(TextEditor):
    """Whole rupiah; typed as 1500000 or 1.500.000, shown as Rp 1.500.000."""

    def __init__(self, spec: Field, parent=None) -> None:
        super().__init__(spec, None, parent)
        self.edit.setPlaceholderText(tr("mis. 250.000.000"))
        self.edit.setMaximumWidth(200)
        self.row.addStretch(1)

    def _show(self, value) -> None:
        from ...domain.worksheets import format_money
        super()._show(format_money(value) if value not in (None, "") else "")


class MultiEditor(FieldEditor):
    """A few fixed choices, any number ticked (pentahelix collaborators)."""

    def __init__(self, spec: Field, parent=None) -> None:
        super().__init__(spec, parent)
        self.boxes: dict[str, QCheckBox] = {}
        for key, label in spec.choices:
            box = QCheckBox(tr(label))
            box.toggled.connect(lambda _on: self._emit([k for k, b in self.boxes.items() if b.isChecked()]))
            self.boxes[key] = box
            self.row.addWidget(box)
        self.row.addStretch(1)
        if self.boxes:
            self.setFocusProxy(next(iter(self.boxes.values())))

    def _show(self, value) -> None:
        chosen = set(value or ())
        for key, box in self.boxes.items():
            box.setChecked(key in chosen)


class LongTextEditor(FieldEditor):
    def __init__(self, spec: Field, parent=None) -> None:
        super().__init__(spec, parent)
        self.edit = PlainText()
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(tr(spec.hint) if spec.hint else "")
        self.edit.setMinimumHeight(64)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self._commit)
        self.edit.textChanged.connect(self._typed)
        self.edit.focus_lost.connect(self._commit)
        self.row.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self._last = ""

    def _typed(self) -> None:
        if not self._loading:
            self.timer.start()

    def _commit(self) -> None:
        self.timer.stop()
        text = self.edit.toPlainText()
        if text != self._last:
            self._last = text
            self._emit(text)

    def flush(self) -> None:
        """Save what is typed now (the page calls this before moving away)."""
        self._commit()

    def _show(self, value) -> None:
        self._last = str(value or "")
        if self.edit.hasFocus() and self.timer.isActive() is False and \
                " ".join(self.edit.toPlainText().split()) == " ".join(self._last.split()):
            return  # the stored text differs only in spaces: keep the cursor where the typist is
        if self.edit.toPlainText() != self._last:
            self.edit.setPlainText(self._last)


class PlainText(QPlainTextEdit):
    focus_lost = Signal()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().focusOutEvent(event)
        self.focus_lost.emit()


class ChoiceEditor(FieldEditor):
    """A closed list (choices, references, OPD, elements, days); the first entry is 'none'."""

    def __init__(self, spec: Field, options: list[tuple[str, str]], parent=None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(10)
        self.combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.set_options(options)
        self.combo.activated.connect(lambda _i: self._emit(self.combo.currentData()))
        self.row.addWidget(self.combo)
        self.setFocusProxy(self.combo)

    def set_options(self, options: list[tuple[str, str]]) -> None:
        current = self.combo.currentData()
        self._loading = True
        self.combo.clear()
        self.combo.addItem("—", "")
        for key, label in options:
            self.combo.addItem(label, key)
            self.combo.setItemData(self.combo.count() - 1, label, Qt.ToolTipRole)
        self._loading = False
        self._show(current)

    def _show(self, value) -> None:
        key = "" if value is None else str(value)
        i = self.combo.findData(key)
        if i < 0 and key:
            self.combo.addItem(tr("(tidak ditemukan)"), key)
            i = self.combo.count() - 1
        self.combo.setCurrentIndex(max(i, 0))


class BoolEditor(FieldEditor):
    def __init__(self, spec: Field, parent=None) -> None:
        super().__init__(spec, parent)
        self.box = QCheckBox(tr(spec.label))
        self.box.toggled.connect(self._emit)
        self.row.addWidget(self.box)
        self.setFocusProxy(self.box)

    def _show(self, value) -> None:
        self.box.setChecked(bool(value))


class DateEditor(FieldEditor):
    """A date, or none: the lowest date shows as '—'."""

    NONE = QDate(2000, 1, 1)

    def __init__(self, spec: Field, parent=None) -> None:
        super().__init__(spec, parent)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd-MM-yyyy")
        self.edit.setMinimumDate(self.NONE)
        self.edit.setSpecialValueText("—")
        self.edit.editingFinished.connect(self._commit)
        self.edit.calendarWidget().clicked.connect(lambda _d: self._commit())
        self.row.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self._last = ""

    def _commit(self) -> None:
        q = self.edit.date()
        text = "" if q == self.NONE else date(q.year(), q.month(), q.day()).isoformat()
        if text != self._last:
            self._last = text
            self._emit(text)

    def _show(self, value) -> None:
        self._last = str(value or "")
        if self._last:
            d = date.fromisoformat(self._last)
            self.edit.setDate(QDate(d.year, d.month, d.day))
        else:
            self.edit.setDate(self.NONE)


class PeopleEditor(FieldEditor):
    """A list of people from the region's directory, picked in a searchable dialog."""

    def __init__(self, spec: Field, people: list[tuple[str, str]], parent=None) -> None:
        super().__init__(spec, parent)
        self.people = people
        self.names = dict(people)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.PlainText)
        self.summary.setWordWrap(True)
        self.button = QPushButton(tr("Pilih anggota…"))
        self.button.setToolTip(tr("Pilih orang dari daftar peserta wilayah"))
        self.button.clicked.connect(self.pick)
        self.row.addWidget(self.button)
        self.row.addWidget(self.summary, 1)
        self.setFocusProxy(self.button)
        self.ids: list[str] = []

    def _show(self, value) -> None:
        self.ids = list(value or [])
        names = [self.names.get(i, tr("(tidak ditemukan)")).split(" — ")[0] for i in self.ids]
        shown = ", ".join(names[:6]) + (tr(" dan {n} lainnya", n=len(names) - 6) if len(names) > 6 else "")
        self.summary.setText(tr("{n} orang: {names}", n=len(names), names=shown) if names else tr("Belum ada anggota."))

    def pick(self) -> None:
        dialog = PeoplePicker(self.people, self.ids, self)
        if dialog.exec() == QDialog.Accepted:
            chosen = dialog.chosen()
            if chosen != self.ids:
                self._show(chosen)
                self._emit(chosen)


class PeoplePicker(QDialog):
    def __init__(self, people: list[tuple[str, str]], chosen: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Pilih anggota"))
        self.resize(520, 560)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Cari nama atau OPD…"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.order = list(chosen)
        for pid, label in people:
            item = QListWidgetItem(label)
            item.setData(Qt.UserRole, pid)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if pid in chosen else Qt.Unchecked)
            self.list.addItem(item)
        self.count = QLabel()
        self.search.textChanged.connect(self._filter)
        self.list.itemChanged.connect(lambda _i: self._count())
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(tr("Simpan"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.search, self.list, self.count, buttons):
            layout.addWidget(w)
        self._count()

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def _count(self) -> None:
        self.count.setText(tr("{n} dipilih", n=len(self.chosen())))

    def chosen(self) -> list[str]:
        ticked = {self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())
                  if self.list.item(i).checkState() == Qt.Checked}
        kept = [pid for pid in self.order if pid in ticked]
        return kept + [self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())
                       if self.list.item(i).data(Qt.UserRole) in ticked
                       and self.list.item(i).data(Qt.UserRole) not in kept]


def day_options(days) -> list[tuple[str, str]]:
    return [(d.isoformat(), format_date(d, language())) for d in days]
