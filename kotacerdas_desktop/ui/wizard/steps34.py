"""Step editors of stages III and IV: roadmap grid, quick-win scoring, dot voting,
chapter review, the agreed commitment text and the signing progress."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from ...domain import wizard as wz
from ...domain.quickwins import DEFAULT_CRITERIA, DOTS_CRITERION, Ranked, shortlist
from ...domain.worksheets import BOOK_CHAPTERS, KINDS, REVIEW_STATUSES, format_money
from ...i18n import tr
from ...services.worksheets import ItemView
from ..feedback import show_error
from .records import RecordForm
from .steps import SingletonForm, StepEditor, _scroll


def _table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _item(text: str, data=None, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    if data is not None:
        item.setData(Qt.UserRole, data)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemIsEditable)
    return item


class BarChart(QWidget):
    """Horizontal bars, best first: the live quick-win ranking or the dots per candidate."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float, str]] = []  # (label, value, value text)
        self.empty = ""
        self.setMinimumHeight(160)

    def set_rows(self, rows: list[tuple[str, float, str]], empty: str) -> None:
        self.rows, self.empty = rows, empty
        self.setMinimumHeight(max(160, 28 * len(rows) + 16))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt name
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        if not self.rows:
            p.setPen(QColor("#7f8c8d"))
            p.drawText(self.rect().adjusted(12, 12, -12, -12), Qt.AlignCenter | Qt.TextWordWrap, self.empty)
            return
        label_w = min(self.width() * 0.45, 280)
        top, bar_h = 8, 20
        most = max((v for _, v, _ in self.rows), default=0) or 1
        for i, (label, value, text) in enumerate(self.rows):
            y = top + i * 28
            p.setPen(QColor("#1f3b57"))
            p.drawText(QRectF(6, y, label_w - 10, bar_h), Qt.AlignVCenter | Qt.AlignLeft,
                       p.fontMetrics().elidedText(label, Qt.ElideRight, int(label_w - 10)))
            width = (self.width() - label_w - 70) * max(value, 0) / most
            p.fillRect(QRectF(label_w, y + 2, max(width, 1), bar_h - 4), QColor("#2f6690" if i else "#27ae60"))
            p.drawText(QRectF(label_w + width + 6, y, 64, bar_h), Qt.AlignVCenter | Qt.AlignLeft, text)


class RoadmapStep(StepEditor):
    """Programmes x years; a cell holds that year's milestone, budget and funding source."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.config = SingletonForm("roadmap_config", self)
        self.grid = _table([])
        self.grid.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.grid.verticalHeader().setDefaultSectionSize(54)
        self.grid.currentCellChanged.connect(lambda *_: self._show_cell())
        self.grid.setToolTip(tr("Pilih sel program x tahun, lalu isi capaiannya di kanan; Delete mengosongkan sel"))
        self.form = RecordForm(KINDS["roadmap"], self.options, exclude=("program", "year"))
        self.form.edit_requested.connect(self._save)
        self.forms.append(self.form)
        self.cell_title = QLabel()
        self.cell_title.setObjectName("cellTitle")
        self.cell_title.setWordWrap(True)
        self.cell_title.setTextFormat(Qt.PlainText)
        self.empty = QLabel(tr("Belum ada program baru. Usulkan program di Tahap II (Ide program baru) atau di "
                               "langkah Inovasi dan program."))
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.cell_title)
        rv.addWidget(self.form)
        rv.addStretch(1)
        rv.addWidget(QLabel(tr("Rentang peta jalan")))
        rv.addWidget(self.config)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.empty)
        lv.addWidget(self.grid, 1)
        lv.addWidget(self.totals)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(_scroll(right))
        split.setSizes([560, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._bind_delete()
        self.snap: wz.Snapshot | None = None

    def _bind_delete(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence
        action = QAction(self.grid)
        action.setShortcut(QKeySequence.Delete)
        action.setShortcutContext(Qt.WidgetShortcut)
        action.triggered.connect(self.clear_cell)
        self.grid.addAction(action)

    def years(self) -> tuple[int | None, int]:
        cfg = self.snap.one("roadmap_config")
        return cfg.get("start_year"), int(cfg.get("years") or 5)

    def reload(self, snap: wz.Snapshot) -> None:
        self.snap = snap
        self.config.show_record(snap.one("roadmap_config"))
        start, count = self.years()
        self.programmes = wz.roadmap_programmes(snap)
        entries = {(r.data.get("program"), r.data.get("year")): r for r in snap.of("roadmap")}
        self.entries = entries
        row, col = self.grid.currentRow(), self.grid.currentColumn()
        self.grid.setColumnCount(count)
        self.grid.setHorizontalHeaderLabels([str(start + i) if start else tr("Tahun {n}", n=i + 1)
                                             for i in range(count)])
        self.grid.setRowCount(len(self.programmes))
        self.grid.setVerticalHeaderLabels([self.options.ref_names.get(p.id, "?") for p in self.programmes])
        per_year = [0] * count
        for r, prog in enumerate(self.programmes):
            for c in range(count):
                entry = entries.get((prog.id, c + 1))
                text = ""
                if entry:
                    budget = entry.data.get("budget")
                    text = str(entry.data.get("milestone") or "…")
                    if budget:
                        text += "\n" + format_money(budget)
                        per_year[c] += budget
                cell = _item(text)
                if entry:
                    cell.setBackground(QColor("#eaf2f8"))
                self.grid.setItem(r, c, cell)
        self.grid.verticalHeader().setMaximumWidth(260)
        for c in range(count):
            self.grid.setColumnWidth(c, 150)
        self.empty.setVisible(not self.programmes)
        self.totals.setText(tr("Total perkiraan anggaran per tahun: {list}", list=" · ".join(
            f"{self.grid.horizontalHeaderItem(c).text()}: {format_money(v) or 'Rp 0'}"
            for c, v in enumerate(per_year))))
        if self.programmes:
            self.grid.setCurrentCell(min(max(row, 0), len(self.programmes) - 1), min(max(col, 0), count - 1))
        self._show_cell()

    def current_key(self) -> tuple[str, int] | None:
        r, c = self.grid.currentRow(), self.grid.currentColumn()
        if self.snap is None or not 0 <= r < len(self.programmes) or c < 0:
            return None
        return self.programmes[r].id, c + 1

    def _show_cell(self) -> None:
        key = self.current_key()
        if key is None:
            self.form.set_item(None)
            self.cell_title.setText(tr("Pilih sel di tabel."))
            return
        entry = self.entries.get(key)
        self.form.set_item(ItemView("", "roadmap", dict(entry.data) if entry else {}, 0, "", ()))
        self.form.setEnabled(True)
        header = self.grid.horizontalHeaderItem(key[1] - 1).text()
        self.cell_title.setText(f"{self.options.ref_names.get(key[0], '?')} · {header}")

    def _save(self, changes: dict) -> None:
        key = self.current_key()
        if key is not None:
            self.undo.upsert(self.bimtek_id, "roadmap", {"program": key[0], "year": key[1]}, changes)

    def clear_cell(self) -> None:
        key = self.current_key()
        entry = self.entries.get(key) if key else None
        if entry is not None:
            self.undo.delete([entry.id])


class ScoringStep(StepEditor):
    """Candidates scored per criterion in a matrix; the live ranking beside it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.matrix = _table([])
        self.matrix.setToolTip(tr("Ketik skor di sel (angka pada skala); Enter menyimpan"))
        self.matrix.itemChanged.connect(self._score_typed)
        self.scale_hint = QLabel()
        self.scale_hint.setWordWrap(True)
        self.shortlist_button = QPushButton(self.icons.get("check"), tr("Tandai daftar pendek"))
        self.shortlist_button.setToolTip(tr("Beri status 'terpilih' kepada peringkat teratas sesuai jumlah "
                                            "daftar pendek; bisa diurungkan (Ctrl+Z)"))
        self.shortlist_button.clicked.connect(self.mark_shortlist)
        matrix_page = QWidget()
        mv = QVBoxLayout(matrix_page)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setObjectName("pageIntro")
        self.legend.setTextFormat(Qt.PlainText)
        mv.addWidget(self.scale_hint)
        mv.addWidget(self.matrix, 1)
        mv.addWidget(self.legend)
        mv.addWidget(self.shortlist_button, 0, Qt.AlignRight)
        candidates = self._editor(wz.Section("quick_win", "Kandidat", ("name", "program", "status", "opd")))
        criteria = self._editor(wz.Section("qw_criterion", "Kriteria", ("name", "weight", "source")))
        self.defaults_button = QPushButton(self.icons.get("add"), tr("Pakai kriteria bawaan"))
        self.defaults_button.setToolTip(tr("Tujuh kriteria yang dipakai mentor, ditambah voting titik; "
                                           "bobot dapat diubah"))
        self.defaults_button.clicked.connect(self.add_default_criteria)
        self.weights = QLabel()
        self.weights.setWordWrap(True)
        self.config = SingletonForm("qw_config", self)
        crit_page = QWidget()
        cv = QVBoxLayout(crit_page)
        top = QHBoxLayout()
        top.addWidget(self.weights, 1)
        top.addWidget(self.defaults_button)
        cv.addLayout(top)
        cv.addWidget(criteria, 1)
        cv.addWidget(self.config)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(matrix_page, tr("Matriks penilaian"))
        self.tabs.addTab(candidates, tr("Kandidat"))
        self.tabs.addTab(crit_page, tr("Kriteria dan bobot"))
        self.chart = BarChart()
        self.chart.setMinimumWidth(220)
        chart_box = QWidget()
        xv = QVBoxLayout(chart_box)
        xv.setContentsMargins(0, 0, 0, 0)
        xv.addWidget(QLabel(tr("Peringkat sementara (nilai 0-100)")))
        xv.addWidget(_scroll(self.chart), 1)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.tabs)
        split.addWidget(chart_box)
        split.setSizes([620, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.snap: wz.Snapshot | None = None
        self._filling = False

    def reload(self, snap: wz.Snapshot) -> None:
        super().reload(snap)
        self.snap = snap
        self.config.show_record(snap.one("qw_config"))
        cfg = snap.one("qw_config")
        lo, hi = cfg.get("score_min") or 1, cfg.get("score_max") or 5
        self.scale = (lo if isinstance(lo, int) else 1, hi if isinstance(hi, int) else 5)
        criteria = snap.of("qw_criterion")
        total = sum(int(c.data.get("weight") or 0) for c in criteria)
        self.weights.setText(tr("Jumlah bobot {n}; nilai dihitung sebagai proporsi bobot.", n=total)
                             if criteria else tr("Belum ada kriteria."))
        self.defaults_button.setVisible(not criteria)
        ranked = wz.ranking(snap)
        self.ranked = {r.id: r for r in ranked}
        self._fill_matrix(snap, criteria, ranked)
        self.chart.set_rows([(f"{r.rank}. {r.name}", r.total, f"{r.total:.0f}") for r in ranked if r.rank],
                            tr("Belum ada kandidat yang dinilai."))
        self.scale_hint.setText(tr("Skala skor {lo}-{hi}. Kolom voting titik terisi dari langkah Voting titik.",
                                   lo=self.scale[0], hi=self.scale[1]) if criteria else
                                tr("Belum ada kriteria penilaian. Buka tab Kriteria dan bobot, atau klik "
                                   "Pakai kriteria bawaan di sana."))

    def _fill_matrix(self, snap, criteria, ranked: list[Ranked]) -> None:
        self._filling = True
        try:
            self.criteria = criteria
            self.rows = snap.of("quick_win")  # a stable order while typing; the rank has its own column
            headers = [tr("Kandidat")] + [f"K{i} ({c.data.get('weight') or 0})" for i, c in enumerate(criteria, 1)] \
                + [tr("Nilai"), tr("Peringkat"), tr("Status")]
            self.matrix.setColumnCount(len(headers))
            self.matrix.setHorizontalHeaderLabels(headers)
            for i, c in enumerate(criteria, 1):  # short headers; the full criterion in the tooltip
                self.matrix.horizontalHeaderItem(i).setToolTip(
                    f"K{i}: {c.data.get('name')} — {tr('Bobot')} {c.data.get('weight') or 0}")
            self.matrix.setRowCount(len(self.rows))
            statuses = dict(KINDS["quick_win"].field("status").choices)
            for r, cand in enumerate(self.rows):
                rk = self.ranked.get(cand.id)
                self.matrix.setItem(r, 0, _item(str(cand.data.get("name") or "?"), cand.id))
                scores = cand.data.get("scores") or {}
                for c, crit in enumerate(criteria, 1):
                    if crit.data.get("source") == "dots":
                        cell = _item(str(rk.dots if rk else 0))
                        cell.setBackground(QColor("#f4f6f7"))
                    else:
                        value = scores.get(crit.id)
                        cell = _item("" if value is None else str(value), crit.id, editable=True)
                        if value is None and cand.data.get("status") != "ditolak":
                            cell.setBackground(QColor("#fdf2e9"))
                    self.matrix.setItem(r, c, cell)
                base = len(criteria) + 1
                self.matrix.setItem(r, base, _item(f"{rk.total:.1f}" if rk else ""))
                self.matrix.setItem(r, base + 1, _item(str(rk.rank) if rk and rk.rank else "—"))
                self.matrix.setItem(r, base + 2, _item(tr(statuses.get(cand.data.get("status"), "?"))))
            self.matrix.resizeColumnsToContents()
            self.legend.setText("  ".join(f"K{i} = {c.data.get('name')}" for i, c in enumerate(criteria, 1)))
        finally:
            self._filling = False

    def _score_typed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() == 0:
            return
        crit_id = item.data(Qt.UserRole)
        if not crit_id:
            return
        cand = self.rows[item.row()]
        text = item.text().strip()
        scores = dict(cand.data.get("scores") or {})
        if not text:
            scores.pop(crit_id, None)
        else:
            try:
                value = int(text)
            except ValueError:
                value = None
            if value is None or not self.scale[0] <= value <= self.scale[1]:
                show_error(self, tr("Skor harus bilangan bulat {lo}-{hi}.", lo=self.scale[0], hi=self.scale[1]))
                self.undo.changed.emit()
                return
            scores[crit_id] = value
        view = ItemView(cand.id, "quick_win", dict(cand.data), cand.position, cand.bimtek_id)
        self.undo.edit(view, {"scores": scores})

    def add_default_criteria(self) -> None:
        for name, weight, source, description in DEFAULT_CRITERIA + (
                (DOTS_CRITERION[0], 10, DOTS_CRITERION[2], DOTS_CRITERION[3]),):
            self.undo.add(self.bimtek_id, "qw_criterion",
                          {"name": name, "weight": weight, "source": source, "description": description})

    def mark_shortlist(self) -> None:
        size = self.snap.one("qw_config").get("shortlist_size") or 10
        chosen = {r.id for r in shortlist(wz.ranking(self.snap), int(size))}
        for cand in self.snap.of("quick_win"):
            if cand.id in chosen and cand.data.get("status") == "usulan":
                self.undo.edit(ItemView(cand.id, "quick_win", dict(cand.data), cand.position, cand.bimtek_id),
                               {"status": "terpilih"})


class DotsStep(StepEditor):
    """Dots per candidate from each FGD group of this bimtek, entered by the facilitator."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.table = _table([])
        self.table.setToolTip(tr("Ketik jumlah titik setiap kelompok untuk setiap kandidat"))
        self.table.itemChanged.connect(self._typed)
        self.empty = QLabel()
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.chart = BarChart()
        split = QSplitter(Qt.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.empty)
        lv.addWidget(self.table, 1)
        split.addWidget(left)
        split.addWidget(_scroll(self.chart))
        split.setSizes([600, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._filling = False

    def reload(self, snap: wz.Snapshot) -> None:
        self.snap = snap
        self.groups = snap.of("fgd_group")
        self.rows = [c for c in snap.of("quick_win") if c.data.get("status") != "ditolak"]
        votes = {(v.data.get("candidate"), v.data.get("group")): v.data.get("dots") or 0 for v in snap.of("dot_vote")}
        self._filling = True
        try:
            self.table.setColumnCount(len(self.groups) + 2)
            self.table.setHorizontalHeaderLabels([tr("Kandidat")] + [str(g.data.get("name") or "?")
                                                                     for g in self.groups] + [tr("Jumlah")])
            self.table.setRowCount(len(self.rows))
            totals = []
            for r, cand in enumerate(self.rows):
                self.table.setItem(r, 0, _item(str(cand.data.get("name") or "?")))
                total = 0
                for c, g in enumerate(self.groups, 1):
                    n = votes.get((cand.id, g.id))
                    total += n or 0
                    self.table.setItem(r, c, _item("" if n is None else str(n), g.id, editable=True))
                self.table.setItem(r, len(self.groups) + 1, _item(str(total)))
                totals.append((str(cand.data.get("name") or "?"), total, str(total)))
            self.table.resizeColumnToContents(0)
        finally:
            self._filling = False
        self.chart.set_rows(sorted(totals, key=lambda t: -t[1]), tr("Belum ada titik."))
        hints = []
        if not self.groups:
            hints.append(tr("Bimtek ini belum punya kelompok FGD; bentuk di langkah Persiapan."))
        if not self.rows:
            hints.append(tr("Belum ada kandidat quick win; usulkan di langkah Kandidat quick win."))
        self.empty.setText(" ".join(hints))
        self.empty.setVisible(bool(hints))

    def _typed(self, item: QTableWidgetItem) -> None:
        group = item.data(Qt.UserRole)
        if self._filling or not group:
            return
        cand = self.rows[item.row()]
        text = item.text().strip() or "0"
        if not text.isdigit() or int(text) > 99:
            show_error(self, tr("Jumlah titik harus bilangan 0-99."))
            self.undo.changed.emit()
            return
        self.undo.upsert(self.bimtek_id, "dot_vote", {"candidate": cand.id, "group": group}, {"dots": int(text)})


class ReviewStep(StepEditor):
    """Buku I and Buku II chapter by chapter: status and the reviewers' notes."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.table = _table([tr("Bab"), tr("Status"), tr("Pereviu"), tr("Catatan")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.currentCellChanged.connect(lambda *_: self._show())
        self.form = RecordForm(KINDS["chapter_review"], self.options, exclude=("chapter",))
        self.form.edit_requested.connect(self._save)
        self.forms.append(self.form)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.table)
        split.addWidget(_scroll(self.form))
        split.setSizes([600, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def reload(self, snap: wz.Snapshot) -> None:
        self.done = wz.reviewed_chapters(snap)
        statuses = dict(REVIEW_STATUSES)
        row = max(self.table.currentRow(), 0)
        self.table.setRowCount(len(BOOK_CHAPTERS))
        for r, (key, title) in enumerate(BOOK_CHAPTERS):
            data = self.done.get(key, {})
            status = data.get("status") or "belum"
            cells = (tr(title), tr(statuses.get(status, status)), str(data.get("reviewer") or ""),
                     str(data.get("comments") or "").split("\n")[0])
            for c, text in enumerate(cells):
                cell = _item(text, key)
                if c == 1:
                    cell.setBackground(QColor({"disetujui": "#e9f7ef", "revisi": "#fdf2e9"}.get(status, "white")))
                self.table.setItem(r, c, cell)
        self.table.resizeColumnToContents(0)
        self.table.setCurrentCell(row, 0)
        self._show()

    def _show(self) -> None:
        r = self.table.currentRow()
        if not 0 <= r < len(BOOK_CHAPTERS):
            self.form.set_item(None)
            return
        data = dict(self.done.get(BOOK_CHAPTERS[r][0], {}))
        self.form.set_item(ItemView("", "chapter_review", data, 0, "", ()))

    def _save(self, changes: dict) -> None:
        r = self.table.currentRow()
        if 0 <= r < len(BOOK_CHAPTERS):
            self.undo.upsert(self.bimtek_id, "chapter_review", {"chapter": BOOK_CHAPTERS[r][0]}, changes)


from .steps_commitment import CommitmentTextStep, SigningStep  # noqa: E402

EDITORS_34 = {"roadmap": RoadmapStep, "scoring": ScoringStep, "dots": DotsStep, "review": ReviewStep,
              "commitment_text": CommitmentTextStep, "signing": SigningStep}
