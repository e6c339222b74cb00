"""Import preview: column mapping, every row with its outcome, fixes, then one apply."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QStackedWidget, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...domain.errors import UserError
from ...domain.people_import import FIELDS
from ...i18n import tr
from ...services.people_import import ACTIONS, OUTCOMES, ImportPlan, ImportResult
from ..feedback import show_error

COLUMNS = (("line", "Baris"), ("outcome", "Hasil"), ("notes", "Masalah / perubahan"), ("name", "Nama"),
           ("nip", "NIP"), ("golongan", "Pangkat/Gol."), ("jabatan", "Jabatan"), ("opd", "OPD"),
           ("phone", "No. HP"), ("email", "Email"))
EDITABLE = {"name", "nip", "golongan", "jabatan", "opd", "phone", "email"}
COLORS = {"problem": "#fdecea", "new": "#eafaf1", "update": "#fef5e7", "same": "#f4f6f7",
          "duplicate": "#f4f6f7"}


def _col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class ImportDialog(QDialog):
    def __init__(self, services, region_id: str, plan: ImportPlan, opds, parent=None) -> None:
        super().__init__(parent)
        self.services, self.region_id, self.plan, self.opds = services, region_id, plan, opds
        self.result_data: ImportResult | None = None
        self._filling = False
        self.setWindowTitle(tr("Impor daftar undangan: {name}", name=Path(plan.path).name))
        self.resize(1200, 760)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_preview())
        self.pages.addWidget(self._build_result())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.refresh()

    # --- building -------------------------------------------------------------------------
    def _build_preview(self) -> QWidget:
        page = QWidget()
        self.sheet = QComboBox()
        self.sheet.addItems(self.plan.sheets)
        self.sheet.setCurrentText(self.plan.sheet)
        self.sheet.activated.connect(lambda _i: self.replan(sheet=self.sheet.currentText()))
        self.header_info = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Lembar kerja:")))
        top.addWidget(self.sheet)
        top.addWidget(self.header_info, 1)

        self.mapping_box = QGroupBox(tr("Kolom berkas → isian (perbaiki bila salah tebak)"))
        self.mapping_layout = QHBoxLayout(self.mapping_box)
        mapping_scroll = QScrollArea()
        mapping_scroll.setWidgetResizable(True)
        mapping_scroll.setWidget(self.mapping_box)
        mapping_scroll.setFixedHeight(112)

        self.opd_box = QGroupBox(tr("OPD yang belum dikenal"))
        self.opd_form = QFormLayout(self.opd_box)

        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.outcome_filter = QComboBox()
        self.outcome_filter.addItem(tr("Semua baris"), None)
        for code, label in OUTCOMES.items():
            self.outcome_filter.addItem(tr(label), code)
        self.outcome_filter.addItem(tr("dilewati (bukan data)"), "skipped")
        self.outcome_filter.activated.connect(lambda _i: self._apply_row_filter())
        mid = QHBoxLayout()
        mid.addWidget(self.summary, 1)
        mid.addWidget(QLabel(tr("Tampilkan:")))
        mid.addWidget(self.outcome_filter)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("importPreview")
        self.table.setHorizontalHeaderLabels([tr(label) for _k, label in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                   | QAbstractItemView.AnyKeyPressed)
        self.table.setWordWrap(False)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.Interactive)
        h.setStretchLastSection(True)
        for col, width in enumerate((50, 120, 330, 200, 150, 70, 140, 130, 130)):
            self.table.setColumnWidth(col, width)
        self.table.itemChanged.connect(self._cell_edited)
        hint = QLabel(tr("Klik dua kali sel untuk memperbaiki baris; baris dinilai ulang seketika. "
                         "Tidak ada yang disimpan sebelum tombol Impor ditekan."))
        hint.setObjectName("pageIntro")
        hint.setWordWrap(True)

        self.import_problems = QCheckBox(tr("Impor juga baris bermasalah (diberi tanda \"perlu diperiksa\")"))
        self.import_problems.setChecked(True)
        self.import_problems.toggled.connect(lambda _v: self._update_apply_button())
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_problems, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(mapping_scroll)
        layout.addWidget(self.opd_box)
        layout.addLayout(mid)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(bottom)
        return page

    def _build_result(self) -> QWidget:
        page = QWidget()
        self.result_summary = QLabel()
        self.result_summary.setObjectName("pageTitle")
        self.result_table = QTableWidget(0, 4)
        self.result_table.setHorizontalHeaderLabels([tr("Baris"), tr("Hasil"), tr("Nama"), tr("Catatan")])
        self.result_table.verticalHeader().hide()
        self.result_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.result_table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((60, 230, 260)):
            self.result_table.setColumnWidth(col, width)
        close = QPushButton(tr("Tutup"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(page)
        layout.addWidget(self.result_summary)
        layout.addWidget(self.result_table, 1)
        layout.addLayout(row)
        return page

    # --- showing the plan ---------------------------------------------------------------------
    def refresh(self) -> None:
        plan = self.plan
        header_row = "-" if plan.header_index is None else str(plan.header_index + 1)
        skipped = [s for s in plan.skipped if s[1] != "empty"]
        self.header_info.setText(tr("Judul kolom di baris {row}; {n} baris bukan data dilewati "
                                    "(judul, bagian OPD, tanda tangan).", row=header_row, n=len(skipped)))
        self._fill_mapping()
        self._fill_opds()
        self._fill_table()
        self._update_apply_button()

    def _fill_mapping(self) -> None:
        while self.mapping_layout.count():
            item = self.mapping_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.mapping_combos = []
        for i, title in enumerate(self.plan.header):
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            label = QLabel(f"{_col_letter(i)}: {title[:24]}")
            label.setTextFormat(Qt.PlainText)
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(11)
            for code, field_label in FIELDS.items():
                combo.addItem(tr(field_label), code)
            combo.setCurrentIndex(max(0, combo.findData(self.plan.mapping.get(i, "ignore"))))
            combo.activated.connect(lambda _x: self.replan(mapping=self._mapping_from_combos()))
            v.addWidget(label)
            v.addWidget(combo)
            self.mapping_layout.addWidget(box)
            self.mapping_combos.append(combo)
        self.mapping_layout.addStretch(1)

    def _mapping_from_combos(self) -> dict[int, str]:
        return {i: c.currentData() for i, c in enumerate(self.mapping_combos) if c.currentData() != "ignore"}

    def _fill_opds(self) -> None:
        while self.opd_form.rowCount():
            self.opd_form.removeRow(0)
        texts = list(dict.fromkeys(self.plan.unknown_opds + [t for t in self.plan.opd_choices]))
        self.opd_box.setVisible(bool(texts))
        for text in texts:
            combo = QComboBox()
            combo.addItem(tr("Biarkan, beri tanda periksa"), None)
            combo.addItem(tr("Buat OPD baru dengan nama ini"), "")
            for o in self.opds:
                combo.addItem(tr("Sama dengan: {name}", name=o.name), o.id)
            combo.setCurrentIndex(max(0, combo.findData(self.plan.opd_choices.get(text))))
            combo.activated.connect(lambda _i, t=text, c=combo: self._choose_opd(t, c.currentData()))
            label = QLabel(text)
            label.setTextFormat(Qt.PlainText)
            self.opd_form.addRow(label, combo)

    def _choose_opd(self, text: str, choice: str | None) -> None:
        if choice is None:
            self.plan.opd_choices.pop(text, None)
        else:
            self.plan.opd_choices[text] = choice
        self.plan = self.services.people_import.evaluate(self.region_id, self.plan)
        self._fill_table()
        self._update_apply_button()

    def _fill_table(self) -> None:
        self._filling = True
        rows = self.plan.rows
        skipped = [x for x in self.plan.skipped if x[1] != "empty"]
        self.table.setRowCount(len(rows) + len(skipped))
        for r, row in enumerate(rows):
            p = row.person
            notes = " ".join(row.problems) if row.problems else (
                tr("sama dengan baris {n}", n=row.duplicate_of) if row.duplicate_of else
                ", ".join(f"{k}: {a or '-'} → {b}" for k, (a, b) in row.changes.items()
                          if k != "opd") + (tr(" OPD berubah") if "opd" in row.changes else ""))
            if p.warnings:
                notes = " ".join(x for x in (notes, tr("Catatan:"), " ".join(p.warnings)) if x)
            values = {"line": str(p.line), "outcome": tr(OUTCOMES[row.outcome]),
                      "name": " ".join(x for x in (p.prefix, p.name) if x) + (f", {p.suffix}" if p.suffix else ""),
                      "nip": p.nip, "golongan": p.golongan, "jabatan": p.jabatan, "opd": p.opd_text,
                      "phone": p.phone, "email": p.email, "notes": notes}
            raw_nip = getattr(p, "raw", {}).get("nip") if isinstance(getattr(p, "raw", None), dict) else None
            if row.outcome == "problem" and not p.nip and raw_nip:
                values["nip"] = raw_nip
            brush = QBrush(QColor(COLORS[row.outcome]))
            for c, (key, _label) in enumerate(COLUMNS):
                item = QTableWidgetItem(values[key])
                item.setData(Qt.UserRole, r)
                item.setBackground(brush)
                if key not in EDITABLE:
                    item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                if notes:
                    item.setToolTip(notes)
                self.table.setItem(r, c, item)
        grey = QBrush(QColor("#eceff1"))
        kinds = {"title": tr("judul"), "header": tr("judul kolom"), "section": tr("bagian OPD"),
                 "signature": tr("tanda tangan"), "continuation": tr("lanjutan baris atas")}
        for i, (line, kind, text) in enumerate(skipped):
            r = len(rows) + i
            values = {"line": str(line), "outcome": tr("dilewati: {kind}", kind=kinds.get(kind, kind)),
                      "notes": text}
            for c, (key, _label) in enumerate(COLUMNS):
                item = QTableWidgetItem(values.get(key, ""))
                item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                item.setBackground(grey)
                item.setData(Qt.UserRole, -1)
                self.table.setItem(r, c, item)
        self._filling = False
        counts = self.plan.counts()
        self.summary.setText(" · ".join(f"{tr(OUTCOMES[k])}: {v}" for k, v in counts.items() if v)
                             or tr("Tidak ada baris data di berkas ini."))
        self._apply_row_filter()

    def _apply_row_filter(self) -> None:
        wanted = self.outcome_filter.currentData()
        for r in range(self.table.rowCount()):
            outcome = self.plan.rows[r].outcome if r < len(self.plan.rows) else "skipped"
            self.table.setRowHidden(r, wanted is not None and outcome != wanted)

    def _update_apply_button(self) -> None:
        counts = self.plan.counts()
        n = counts["new"] + counts["update"] + (counts["problem"] if self.import_problems.isChecked() else 0)
        ok = self.buttons.button(QDialogButtonBox.Ok)
        ok.setText(tr("Impor {n} baris", n=n))
        ok.setEnabled(n > 0)

    # --- actions -------------------------------------------------------------------------
    def replan(self, sheet: str | None = None, mapping: dict[int, str] | None = None) -> None:
        try:
            choices = dict(self.plan.opd_choices)
            plan = self.services.people_import.plan(
                self.region_id, self.plan.path, sheet=sheet or self.plan.sheet, mapping=mapping,
                header_index=self.plan.header_index if mapping is not None else None)
            plan.opd_choices = choices
            self.plan = self.services.people_import.evaluate(self.region_id, plan)
        except UserError as exc:
            show_error(self, exc)
            return
        self.refresh()

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.data(Qt.UserRole) in (None, -1):
            return
        column, index, text = item.column(), item.data(Qt.UserRole), item.text()
        # Rebuild the table after the editor has finished with this item, not inside its signal.
        QTimer.singleShot(0, lambda: self._apply_edit(index, column, text))

    def _apply_edit(self, index: int, column: int, text: str) -> None:
        key = COLUMNS[column][0]
        self.plan = self.services.people_import.edit_row(self.region_id, self.plan, index, {key: text})
        self._fill_table()
        self._update_apply_button()
        self.table.setCurrentCell(index, column)

    def apply(self) -> None:
        try:
            self.result_data = self.services.people_import.apply(
                self.region_id, self.plan, import_problems=self.import_problems.isChecked())
        except UserError as exc:
            show_error(self, exc, tr("Impor gagal, tidak ada yang disimpan"))
            return
        self._show_result(self.result_data)

    def _show_result(self, result: ImportResult) -> None:
        counts = result.counts()
        self.result_summary.setText(" · ".join(f"{tr(ACTIONS[k])}: {v}" for k, v in counts.items() if v))
        self.result_table.setRowCount(len(result.rows))
        for r, row in enumerate(result.rows):
            for c, text in enumerate((str(row.line), tr(ACTIONS[row.action]), row.name, row.note)):
                self.result_table.setItem(r, c, QTableWidgetItem(text))
        self.pages.setCurrentIndex(1)
        self.setWindowTitle(tr("Impor selesai"))
