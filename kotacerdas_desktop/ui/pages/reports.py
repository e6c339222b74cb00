"""Reports: every document of the region or of a bimtek; preview, print, save as.

Rendering runs on a worker thread with progress and cancel; the preview and printing
read the finished PDF (pypdfium2), so what is printed is exactly what was previewed.
"""
from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QProgressDialog, QPushButton, QScrollArea, QSplitter,
                               QVBoxLayout, QWidget)

from ...domain.dates import format_date
from ...domain.errors import UserError
from ...i18n import language, tr
from ...services.reports import DOCUMENTS, FORMATS, ReportRequest, default_file_name
from ..feedback import show_error, show_info
from ..icons import Icons
from ..tasks import Task

PREVIEW_WIDTH = 760


class ReportsPage(QWidget):
    changed = Signal()

    def __init__(self, services, icons: Icons, ui_state: QSettings | None = None, parent=None) -> None:
        super().__init__(parent)
        self.services, self.icons, self.ui_state = services, icons, ui_state
        self.setObjectName("reportsPage")
        self.region_id: str | None = None
        self.task: Task | None = None
        self.tmp = tempfile.TemporaryDirectory(prefix="kotacerdas-preview-")
        self.preview_path: Path | None = None
        self.preview_request: ReportRequest | None = None

        title = QLabel(tr("Laporan dan cetak"))
        title.setObjectName("pageTitle")
        self.documents = QListWidget()
        self.documents.setObjectName("documentList")
        for doc in DOCUMENTS.values():
            item = QListWidgetItem(self.icons.get("export"), tr(doc.title))
            item.setData(Qt.UserRole, doc.key)
            item.setToolTip(tr(doc.description))
            self.documents.addItem(item)
        self.documents.currentRowChanged.connect(lambda _r: self._document_changed())
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setObjectName("pageIntro")
        self.stage = QComboBox()
        self.stage.currentIndexChanged.connect(lambda _i: self._fill_days())
        self.day = QComboBox()
        self.variant = QComboBox()
        self.fmt = QComboBox()
        self.fmt.currentIndexChanged.connect(lambda _i: self._update_buttons())
        self.paper = QComboBox()
        self.paper.addItem(tr("Sesuai pengaturan wilayah"), None)
        self.paper.addItem("A4", "A4")
        self.paper.addItem("F4 (215 x 330 mm)", "F4")
        form = QFormLayout()
        self.stage_label, self.day_label, self.variant_label = QLabel(tr("Bimtek")), QLabel(tr("Hari")), \
            QLabel(tr("Varian"))
        form.addRow(self.stage_label, self.stage)
        form.addRow(self.day_label, self.day)
        form.addRow(self.variant_label, self.variant)
        form.addRow(tr("Format"), self.fmt)
        form.addRow(tr("Kertas"), self.paper)
        self.preview_button = QPushButton(self.icons.get("open"), tr("Pratinjau"))
        self.preview_button.setToolTip(tr("Buat dokumen dan tampilkan halamannya (Ctrl+R)"))
        self.preview_button.setShortcut("Ctrl+R")
        self.preview_button.clicked.connect(self.preview)
        self.print_button = QPushButton(self.icons.get("export"), tr("Cetak…"))
        self.print_button.setToolTip(tr("Cetak ke printer (Ctrl+P)"))
        self.print_button.setShortcut("Ctrl+P")
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.icons.get("backup"), tr("Simpan sebagai…"))
        self.save_button.setToolTip(tr("Simpan dokumen ke berkas (Ctrl+Shift+S)"))
        self.save_button.setShortcut("Ctrl+Shift+S")
        self.save_button.clicked.connect(self.save_as)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(b)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.documents, 1)
        lv.addWidget(self.description)
        lv.addLayout(form)
        lv.addLayout(buttons)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        self.preview_note = QLabel(tr("Pilih dokumen lalu tekan Pratinjau."))
        self.preview_note.setObjectName("emptyHint")
        self.preview_note.setWordWrap(True)
        self.pages_layout.addWidget(self.preview_note)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        scroll.setObjectName("previewArea")
        self.scroll = scroll
        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setSizes([330, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(split, 1)

    # --- choices -------------------------------------------------------------
    def load(self, region_id: str) -> None:
        self.region_id = region_id
        self.stage.blockSignals(True)
        self.stage.clear()
        from .dashboard import stage_title
        for card in self.services.bimtek.cards(region_id):
            self.stage.addItem(stage_title(card.stage), card.stage)
        self.stage.blockSignals(False)
        self._fill_days()
        if self.documents.currentRow() < 0:
            self.documents.setCurrentRow(0)
        self._document_changed()
        self._clear_preview(tr("Pilih dokumen lalu tekan Pratinjau."))

    def _fill_days(self) -> None:
        self.day.clear()
        if self.region_id is None:
            return
        stage = self.stage.currentData()
        for d in self.services.attendance.days(self.region_id):
            if d.stage == stage:
                self.day.addItem(format_date(d.day, language()), d.day.isoformat())
        self._update_buttons()

    def document(self):
        item = self.documents.currentItem()
        return DOCUMENTS[item.data(Qt.UserRole)] if item else None

    def _document_changed(self) -> None:
        doc = self.document()
        if doc is None:
            return
        self.description.setText(tr(doc.description))
        for w in (self.stage, self.stage_label):
            w.setVisible(doc.scope in ("bimtek", "day"))
        for w in (self.day, self.day_label):
            w.setVisible(doc.scope == "day")
        self.variant.clear()
        for key, label in doc.variants:
            self.variant.addItem(tr(label), key)
        for w in (self.variant, self.variant_label):
            w.setVisible(bool(doc.variants))
        self.fmt.clear()
        for f in doc.formats:
            self.fmt.addItem(tr(FORMATS[f]), f)
        self._update_buttons()

    def _update_buttons(self) -> None:
        doc = self.document()
        pdf = self.fmt.currentData() == "pdf"
        ready = doc is not None and self.region_id is not None and not (doc.scope == "day" and not self.day.count())
        self.preview_button.setEnabled(ready and pdf)
        self.print_button.setEnabled(ready and pdf)
        self.save_button.setEnabled(ready)
        if doc is not None and doc.scope == "day" and not self.day.count():
            self.description.setText(tr("Bimtek ini belum punya tanggal; atur jadwalnya di Dasbor."))

    def request(self) -> ReportRequest:
        doc = self.document()
        day = self.day.currentData() if doc.scope == "day" else None
        return ReportRequest(doc.key, self.region_id,
                             stage=self.stage.currentData() if doc.scope in ("bimtek", "day") else None,
                             day=date.fromisoformat(day) if day else None,
                             variant=self.variant.currentData() or "", paper=self.paper.currentData(),
                             fmt=self.fmt.currentData() or doc.formats[0])

    # --- rendering ---------------------------------------------------------
    def _run(self, req: ReportRequest, path: Path, done) -> None:
        """Render in the background with a progress dialog; `done(path)` on success."""
        from ...services.reports import render_to_file
        from ...reports.pdfbase import Progress

        if self.task is not None and self.task.running():
            return
        dialog = QProgressDialog(tr("Menyusun {doc}…", doc=tr(req.document.title)), tr("Batal"), 0, 0, self)
        dialog.setWindowTitle(tr("Menyusun dokumen"))
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(400)
        services = self.services

        def work(report, cancelled):
            return render_to_file(services, req, path, Progress(report, cancelled))

        task = Task(work, self)
        self.task = task
        dialog.canceled.connect(task.cancel)

        def progress(n, total):
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(n, total))

        def finished(result):
            dialog.reset()
            dialog.close()
            self.task = None
            done(Path(result))

        def failed(exc):
            from ...reports.pdfbase import Cancelled
            dialog.reset()
            dialog.close()
            self.task = None
            if isinstance(exc, Cancelled):
                self.parent_status(tr("Dibatalkan; tidak ada berkas yang ditulis."))
            elif isinstance(exc, UserError):
                show_error(self, exc, tr("Dokumen tidak dapat dibuat"))
            else:
                show_error(self, tr("Kesalahan tak terduga saat menyusun dokumen ({kind}: {why}). Data tetap "
                                    "aman.", kind=type(exc).__name__, why=exc), tr("Dokumen tidak dapat dibuat"))

        task.progress.connect(progress)
        task.finished.connect(finished)
        task.failed.connect(failed)
        task.start()

    def parent_status(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 6000)

    def preview(self) -> None:
        req = self.request()
        path = Path(self.tmp.name) / default_file_name(self.services, req)
        self._run(req, path, lambda p: self._show_preview(req, p))

    def _clear_preview(self, note: str) -> None:
        while self.pages_layout.count():
            w = self.pages_layout.takeAt(0).widget()
            if w is not None and w is not self.preview_note:
                w.deleteLater()
        self.preview_note.setText(note)
        self.pages_layout.addWidget(self.preview_note)
        self.preview_note.show()

    def _show_preview(self, req: ReportRequest, path: Path) -> None:
        from PySide6.QtGui import QPixmap

        from ..pdfview import page_count, render_page

        self.preview_path, self.preview_request = path, req
        count = page_count(path)
        self._clear_preview(tr("{doc}: {n} halaman", doc=tr(req.document.title), n=count))
        width = min(PREVIEW_WIDTH, max(self.scroll.viewport().width() - 40, 300))
        for i in range(min(count, 60)):  # beyond 60 pages: save and open, the preview stays quick
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(render_page(path, i, width)))
            label.setObjectName("previewPage")
            label.setToolTip(tr("Halaman {n}", n=i + 1))
            self.pages_layout.addWidget(label)
        if count > 60:
            self.pages_layout.addWidget(QLabel(tr("… {n} halaman lagi; simpan dokumen untuk melihat semuanya.",
                                                  n=count - 60)))

    def print_document(self) -> None:
        req = self.request()
        if self.preview_request == req and self.preview_path is not None and self.preview_path.exists():
            self._print(req, self.preview_path)
            return
        path = Path(self.tmp.name) / default_file_name(self.services, req)
        self._run(req, path, lambda p: (self._show_preview(req, p), self._print(req, p)))

    def _print(self, req: ReportRequest, path: Path) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        from ..pdfview import print_pdf, printer_for
        from ...services.reports import paper_for

        landscape = req.kind == "daftar-hadir"
        printer = printer_for(path, paper_for(self.services, req), landscape)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("Cetak {doc}", doc=tr(req.document.title)))
        if dialog.exec() != QDialog.Accepted:
            return
        try:
            pages = print_pdf(path, printer)
        except OSError as exc:
            show_error(self, tr("Tidak dapat mencetak: {why}", why=exc))
            return
        self.parent_status(tr("{n} halaman dikirim ke {printer}.", n=pages, printer=printer.printerName() or "PDF"))

    def save_as(self) -> None:
        req = self.request()
        folder = (self.ui_state.value("paths/last_report_dir") if self.ui_state else None) or \
            QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
        suggested = str(Path(folder) / default_file_name(self.services, req))
        filters = {"pdf": tr("PDF (*.pdf)"), "xlsx": tr("Excel (*.xlsx)"), "docx": tr("Word (*.docx)")}
        path, _ = QFileDialog.getSaveFileName(self, tr("Simpan {doc}", doc=tr(req.document.title)), suggested,
                                              filters[req.fmt])
        if not path:
            return
        if self.ui_state is not None:
            self.ui_state.setValue("paths/last_report_dir", str(Path(path).parent))
        self._run(req, Path(path), lambda p: show_info(self, tr("Dokumen disimpan ke {path}", path=p)))

    def shutdown(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task.wait(10000)
        self.tmp.cleanup()
