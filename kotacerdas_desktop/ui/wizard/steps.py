"""The editors of each kind of wizard step; which one a step uses is domain data (Step.editor)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QListWidget, QListWidgetItem, QProgressBar, QPushButton, QScrollArea,
                               QSplitter, QTabWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...domain import wizard as wz
from ...domain.dates import format_date
from ...domain.worksheets import KINDS, READINESS_TEXT_FIELDS, is_blank
from ...i18n import language, tr
from ...services.worksheets import ItemView
from ..icons import Icons
from .fields import ChoiceEditor
from .records import Options, RecordEditor, RecordForm, StepUndo, tr_path


class StepEditor(QWidget):
    """Base of the step editors: `reload(snapshot)` after every change, `flush()` before leaving."""

    def __init__(self, step: wz.Step, services, bimtek_id: str, undo: StepUndo, options: Options,
                 icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.step, self.services, self.bimtek_id = step, services, bimtek_id
        self.undo, self.options, self.icons = undo, options, icons
        self.forms: list[RecordForm] = []
        self.editors: list[RecordEditor] = []

    def reload(self, snap: wz.Snapshot) -> None:
        for editor in self.editors:
            editor.reload(_views(snap, editor.section.kind))

    def flush(self) -> None:
        for form in self.forms + [e.form for e in self.editors]:
            form.flush()

    def _editor(self, section: wz.Section) -> RecordEditor:
        editor = RecordEditor(section, self.services, self.bimtek_id, self.undo, self.options, self.icons)
        self.editors.append(editor)
        return editor

    def _tabs(self, sections) -> QTabWidget:
        tabs = QTabWidget()
        tabs.setDocumentMode(True)
        for section in sections:
            tabs.addTab(self._editor(section), tr(section.title))
        return tabs


def _views(snap: wz.Snapshot, kind: str) -> list[ItemView]:
    from ...domain.worksheets import record_warnings
    return [ItemView(i.id, i.kind, dict(i.data), i.position, i.bimtek_id,
                     tuple(record_warnings(KINDS[i.kind], dict(i.data)))) for i in snap.of(kind)]


class SingletonForm(RecordForm):
    """The one record of a kind (notulen, berita acara, visi): created by its first edit."""

    def __init__(self, kind: str, editor: StepEditor, key: dict | None = None,
                 exclude: tuple[str, ...] = ()) -> None:
        super().__init__(KINDS[kind], editor.options, exclude)
        self.owner, self.key = editor, key or {}
        self.edit_requested.connect(self._save)
        editor.forms.append(self)

    def _save(self, changes: dict) -> None:
        self.owner.undo.upsert(self.owner.bimtek_id, self.kind.key, self.key, changes)

    def show_record(self, data) -> None:
        from ...domain.worksheets import defaults
        self.set_item(ItemView("", self.kind.key, {**defaults(self.kind), **dict(data)}, 0, "", ()))
        self.setEnabled(True)


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class RecordsStep(StepEditor):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if len(self.step.sections) == 1:
            layout.addWidget(self._editor(self.step.sections[0]))
        else:
            self.tabs = self._tabs(self.step.sections)
            layout.addWidget(self.tabs)

    def reload(self, snap: wz.Snapshot) -> None:
        super().reload(snap)
        if len(self.step.sections) > 1:
            for i, editor in enumerate(self.editors):
                self.tabs.setTabText(i, f"{tr(editor.section.title)} ({editor.model.rowCount()})")


class PreparationStep(StepEditor):
    schedule_requested = Signal()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.when = QLabel()
        self.when.setTextFormat(Qt.PlainText)
        self.when.setWordWrap(True)
        button = QPushButton(self.icons.get("calendar"), tr("Ubah tanggal dan tempat…"))
        button.clicked.connect(self.schedule_requested)
        top = QHBoxLayout()
        top.addWidget(self.when, 1)
        top.addWidget(button)
        self.tabs = self._tabs(self.step.sections)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def reload(self, snap: wz.Snapshot) -> None:
        super().reload(snap)
        days = ", ".join(format_date(d, language()) for d in snap.days) or tr("Tanggal belum ditetapkan")
        self.when.setText(f"{days} · {snap.venue or tr('Tempat belum ditetapkan')}")
        for i, editor in enumerate(self.editors):
            self.tabs.setTabText(i, f"{tr(editor.section.title)} ({editor.model.rowCount()})")


class RegistrationStep(StepEditor):
    checkin_requested = Signal(str)  # bimtek day id
    kiosk_requested = Signal(str)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.day = QComboBox()
        self.day.currentIndexChanged.connect(lambda _i: self._counters())
        self.present = QLabel()
        self.present.setObjectName("bigCounter")
        self.bar = QProgressBar()
        self.per_opd = QTableWidget(0, 3)
        self.per_opd.setHorizontalHeaderLabels([tr("OPD"), tr("Hadir"), tr("Terdaftar")])
        self.per_opd.verticalHeader().hide()
        self.per_opd.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.per_opd.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.open_button = QPushButton(self.icons.get("checkin"), tr("Buka registrasi hari ini"))
        self.open_button.setToolTip(tr("Pindah ke Kehadiran untuk hari terpilih (Ctrl+5)"))
        self.open_button.clicked.connect(lambda: self._emit(self.checkin_requested))
        self.kiosk_button = QPushButton(self.icons.get("people"), tr("Mode kiosk untuk peserta…"))
        self.kiosk_button.clicked.connect(lambda: self._emit(self.kiosk_requested))
        self.empty = QLabel(tr("Bimtek ini belum punya tanggal. Tetapkan tanggal di langkah Persiapan."))
        self.empty.setObjectName("emptyHint")
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Hari")))
        row.addWidget(self.day, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.kiosk_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.empty)
        layout.addWidget(self.present)
        layout.addWidget(self.bar)
        layout.addWidget(self.per_opd, 1)
        self.days: list = []

    def _emit(self, signal) -> None:
        if self.day.currentData():
            signal.emit(self.day.currentData())

    def reload(self, snap: wz.Snapshot) -> None:
        region = self.options.ctx.region_id
        days = [d for d in self.services.attendance.days(region) if d.bimtek_id == self.bimtek_id]
        keep = self.day.currentData()
        self.day.blockSignals(True)
        self.day.clear()
        for d in days:
            self.day.addItem(format_date(d.day, language()), d.id)
        from datetime import date
        today = next((i for i, d in enumerate(days) if d.day == date.today()), -1)
        index = self.day.findData(keep) if keep else today
        self.day.setCurrentIndex(index if index >= 0 else 0)
        self.day.blockSignals(False)
        self.empty.setVisible(not days)
        for w in (self.open_button, self.kiosk_button, self.day):
            w.setEnabled(bool(days))
        self._counters()

    def _counters(self) -> None:
        day_id = self.day.currentData()
        if not day_id:
            self.present.setText("")
            self.per_opd.setRowCount(0)
            self.bar.hide()
            return
        c = self.services.attendance.counters(day_id)
        self.present.setText(tr("Hadir {present} dari {invited} orang", present=c.present, invited=c.invited))
        self.bar.show()
        self.bar.setRange(0, max(c.invited, 1))
        self.bar.setValue(min(c.present, max(c.invited, 1)))
        rows = [row for row in c.per_opd if row[2]]
        self.per_opd.setRowCount(len(rows))
        for r, (name, present, invited) in enumerate(rows):
            for col, value in enumerate((name, str(present), str(invited))):
                item = QTableWidgetItem(value)
                if col:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.per_opd.setItem(r, col, item)


class ReadinessStep(StepEditor):
    """Per sub-element and per FGD group; then the merged record the book uses."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.group = QComboBox()
        self.group.setMinimumContentsLength(14)
        self.group.setToolTip(tr("Isi masukan setiap kelompok, lalu gabungkan menjadi hasil akhir"))
        self.group.activated.connect(lambda _i: self._show_current())
        self.merge_button = QPushButton(self.icons.get("merge"), tr("Gabungkan"))
        self.merge_button.setToolTip(tr("Gabungkan masukan kelompok: isi kolom hasil gabungan yang masih "
                                        "kosong dari masukan semua kelompok (Ctrl+M)"))
        self.merge_button.setShortcut("Ctrl+M")
        self.merge_button.clicked.connect(self.merge)
        self.merge_all_button = QPushButton(tr("Gabungkan semua elemen"))
        self.merge_all_button.clicked.connect(self.merge_all)
        self.elements = QListWidget()
        self.elements.setMinimumWidth(220)
        self.elements.setWordWrap(True)
        self.elements.currentRowChanged.connect(lambda _r: self._show_current())
        self.form = RecordForm(KINDS["readiness"], self.options, exclude=("element", "group", "score"))
        self.form.edit_requested.connect(self._save)
        self.forms.append(self.form)
        self.score = ChoiceEditor(KINDS["readiness"].field("score"), [])
        self.score.committed.connect(lambda v: self._save({"score": v if v != "" else None}))
        self.score_label = QLabel(tr("Skor (opsional, tidak resmi)"))
        self.form.form.insertRow(len(READINESS_TEXT_FIELDS) + 1, self.score_label, self.score)
        self.groups_view = QLabel()
        self.groups_view.setObjectName("groupInputs")
        self.groups_view.setTextFormat(Qt.PlainText)
        self.groups_view.setWordWrap(True)
        self.groups_view.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.config = SingletonForm("readiness_config", self)
        config_box = QGroupBox(tr("Elemen dan skala skor"))
        config_box.setCheckable(True)
        config_box.setChecked(False)
        config_box.toggled.connect(self.config.setVisible)
        self.config.setVisible(False)
        QVBoxLayout(config_box).addWidget(self.config)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Masukan dari")))
        top.addWidget(self.group, 1)
        top.addWidget(self.merge_button)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addLayout(top)
        split_right = QSplitter(Qt.Vertical)
        split_right.addWidget(_scroll(self.form))
        split_right.addWidget(_scroll(self.groups_view))
        split_right.setStretchFactor(0, 4)
        split_right.setStretchFactor(1, 1)
        rv.addWidget(split_right, 1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.elements, 1)
        lv.addWidget(self.merge_all_button)
        lv.addWidget(config_box)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([240, 720])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.snap: wz.Snapshot | None = None

    def current_key(self) -> tuple[str, str]:
        item = self.elements.currentItem()
        return (item.data(Qt.UserRole) if item else ""), (self.group.currentData() or "")

    def reload(self, snap: wz.Snapshot) -> None:
        self.snap = snap
        cfg = snap.config
        self.config.show_record(snap.one("readiness_config"))
        element, group = self.current_key()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(tr("Hasil gabungan (untuk buku)"), "")
        for g in snap.of("fgd_group"):
            self.group.addItem(tr("Kelompok: {name}", name=g.data.get("name") or "?"), g.id)
        self.group.setCurrentIndex(max(self.group.findData(group), 0))
        self.group.blockSignals(False)
        merged = wz.merged_readiness(snap)
        self.elements.blockSignals(True)
        self.elements.clear()
        for key, label in cfg.elements:
            done = not is_blank(merged.get(key, {}).get("kondisi"))
            item = QListWidgetItem(self.icons.get("check" if done else "todo"), tr_path(label))
            item.setData(Qt.UserRole, key)
            self.elements.addItem(item)
            if key == element:
                self.elements.setCurrentItem(item)
        if self.elements.currentRow() < 0 and self.elements.count():
            self.elements.setCurrentRow(0)
        self.elements.blockSignals(False)
        scale = cfg.scale
        self.score.set_options([(str(v), scale.label(v)) for v in range(scale.minimum, scale.maximum + 1)])
        for w in (self.score, self.score_label):
            w.setVisible(scale.enabled)
        self._show_current()

    def _record(self, element: str, group: str) -> dict:
        for i in self.snap.of("readiness"):
            if i.data.get("element") == element and (i.data.get("group") or "") == group:
                return dict(i.data)
        return {}

    def _show_current(self) -> None:
        if self.snap is None:
            return
        element, group = self.current_key()
        data = self._record(element, group)
        self.form.set_item(ItemView("", "readiness", data, 0, "", ()))
        self.form.setEnabled(bool(element))
        score = data.get("score")
        self.score.set_value("" if score is None else str(score))
        merged_mode = group == ""
        self.merge_button.setEnabled(merged_mode and bool(element))
        lines = []
        for g in self.snap.of("fgd_group"):
            entry = self._record(element, g.id)
            filled = [f"{tr(KINDS['readiness'].field(k).label)}: {entry[k]}" for k in READINESS_TEXT_FIELDS
                      + ("keywords",) if not is_blank(entry.get(k))]
            if filled:
                lines.append(f"▸ {g.data.get('name')}\n" + "\n".join(filled))
        self.groups_view.setText((tr("Masukan kelompok untuk elemen ini:") + "\n\n" + "\n\n".join(lines))
                                 if lines else tr("Belum ada masukan kelompok untuk elemen ini."))

    def _save(self, changes: dict) -> None:
        element, group = self.current_key()
        if not element:
            return
        if "score" in changes and changes["score"] not in (None, ""):
            changes = {"score": int(changes["score"])}
        self.undo.upsert(self.bimtek_id, "readiness", {"element": element, "group": group}, changes)

    def merge(self) -> None:
        element, _ = self.current_key()
        if element:
            self._merge([element])

    def merge_all(self) -> None:
        self._merge([key for key, _ in self.snap.config.elements])

    def _merge(self, elements: list[str]) -> None:
        self.form.flush()
        for element in elements:
            before = self.services.worksheets.find(self.bimtek_id, "readiness", {"element": element, "group": ""})
            after = self.services.worksheets.merge_readiness(self.bimtek_id, element)
            self.undo.replace(before, after, tr("Gabungkan masukan kelompok"))
        self.group.setCurrentIndex(0)
        self._show_current()


class VisionStep(StepEditor):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.keywords = QListWidget()
        self.keywords.setToolTip(tr("Enter atau klik ganda menambahkan kata kunci ke rumusan visi"))
        self.keywords.itemActivated.connect(self._insert)
        self.form = SingletonForm("visi", self)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(tr("Kata kunci visi dari analisis kesiapan (paling sering disebut di atas)")))
        lv.addWidget(self.keywords, 1)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(_scroll(self.form))
        split.setStretchFactor(1, 2)
        split.setSizes([280, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def reload(self, snap: wz.Snapshot) -> None:
        self.form.show_record(snap.one("visi"))
        self.keywords.clear()
        words = wz.vision_keywords(snap)
        for word, n in words:
            item = QListWidgetItem(self.icons.get("keyword"), f"{word}  ×{n}")
            item.setData(Qt.UserRole, word)
            self.keywords.addItem(item)
        if not words:
            self.keywords.addItem(tr("Belum ada kata kunci. Isi kata kunci visi di langkah Analisis kesiapan."))

    def _insert(self, item: QListWidgetItem) -> None:
        word = item.data(Qt.UserRole)
        if not word:
            return
        editor = self.form.editors["text"]
        text = editor.edit.toPlainText().rstrip()
        editor.edit.setPlainText(f"{text} {word}".strip() if text else word)
        editor.flush()


class ClosingStep(StepEditor):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.notulen = SingletonForm("notulen", self)
        self.ba = SingletonForm("berita_acara", self)
        tabs = QTabWidget()
        tabs.setDocumentMode(True)
        tabs.addTab(_scroll(self.notulen), tr("Notulen"))
        tabs.addTab(self._editor(self.step.sections[0]), tr(self.step.sections[0].title))
        tabs.addTab(_scroll(self.ba), tr("Berita acara"))
        tabs.addTab(self._editor(self.step.sections[1]), tr(self.step.sections[1].title))
        self.tabs = tabs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tabs)

    def reload(self, snap: wz.Snapshot) -> None:
        super().reload(snap)
        self.notulen.show_record(snap.one("notulen"))
        self.ba.show_record(snap.one("berita_acara"))


EDITORS = {"records": RecordsStep, "preparation": PreparationStep, "registration": RegistrationStep,
           "readiness": ReadinessStep, "vision": VisionStep, "closing": ClosingStep}


def build_step(step: wz.Step, *args) -> StepEditor:
    from .steps34 import EDITORS_34

    return {**EDITORS, **EDITORS_34}[step.editor](step, *args)
