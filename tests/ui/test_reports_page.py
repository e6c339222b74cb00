"""The Reports area: choose a document, preview its pages, save it, print it, cancel."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kotacerdas_desktop.ui.icons import Icons
from kotacerdas_desktop.ui.pages import reports as reports_mod
from kotacerdas_desktop.ui.pages.reports import ReportsPage
from kotacerdas_desktop.ui.tasks import Task


@pytest.fixture
def page(services, qtbot, monkeypatch):
    monkeypatch.setattr(Task, "synchronous", True)
    region = services.demo.create()
    services.demo.fill_worksheets(region)
    p = ReportsPage(services, Icons())
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.show()
    p.load(region)
    yield p
    p.shutdown()


def choose(page, key):
    for i in range(page.documents.count()):
        if page.documents.item(i).data(Qt.UserRole) == key:
            page.documents.setCurrentRow(i)
            return
    raise AssertionError(key)


def test_options_follow_the_document(page):
    choose(page, "daftar-hadir")
    assert page.day.isVisibleTo(page) and page.variant.count() == 3
    assert [page.fmt.itemData(i) for i in range(page.fmt.count())] == ["pdf", "xlsx"]
    choose(page, "buku-2")
    assert not page.day.isVisibleTo(page) and not page.stage.isVisibleTo(page)
    choose(page, "matriks-program")
    assert not page.preview_button.isEnabled() and page.save_button.isEnabled()  # no preview for xlsx


def test_preview_shows_the_pages(page):
    choose(page, "berita-acara")
    page.stage.setCurrentIndex(0)
    page.preview()
    pages = [page.pages_layout.itemAt(i).widget() for i in range(page.pages_layout.count())]
    images = [w for w in pages if w is not None and w.objectName() == "previewPage"]
    assert len(images) >= 2 and not images[0].pixmap().isNull()
    assert "halaman" in page.preview_note.text()


def test_save_as_writes_the_file(page, tmp_path, monkeypatch):
    target = tmp_path / "matriks.xlsx"
    monkeypatch.setattr(reports_mod.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr(reports_mod, "show_info", lambda _p, text, *a: shown.append(text))
    choose(page, "matriks-program")
    page.save_as()
    assert target.exists() and target.read_bytes()[:2] == b"PK"
    assert shown and str(target) in shown[0]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_print_goes_to_a_pdf_printer(page, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    out = tmp_path / "printed.pdf"

    class Accept:
        def __init__(self, printer, _parent):
            printer.setOutputFormat(QPrinter.PdfFormat)
            printer.setOutputFileName(str(out))

        def setWindowTitle(self, _t):
            pass

        def exec(self):
            return reports_mod.QDialog.Accepted
    monkeypatch.setattr("PySide6.QtPrintSupport.QPrintDialog", Accept)
    choose(page, "notulen")
    page.print_document()
    from kotacerdas_desktop.ui.pdfview import page_count
    assert out.exists() and page_count(out) == page_count(page.preview_path)


def test_cancel_leaves_no_file(page, tmp_path, monkeypatch):
    from kotacerdas_desktop.reports.pdfbase import Cancelled

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "buku.pdf"
    monkeypatch.setattr(reports_mod.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    def cancelling(fn, parent=None):
        task = Task(lambda report, cancelled: fn(report, lambda: True), parent)
        return task
    monkeypatch.setattr(reports_mod, "Task", cancelling)
    status = []
    monkeypatch.setattr(page, "parent_status", status.append)
    choose(page, "berita-acara")
    page.save_as()
    assert not target.exists() and not list(folder.iterdir())
    assert status and "Dibatalkan" in status[0]
    assert issubclass(Cancelled, Exception)
