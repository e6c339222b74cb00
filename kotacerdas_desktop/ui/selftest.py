"""`kotacerdas --self-test`: prove an installed (frozen) app works end to end.

In a temporary data folder (removed at the end) it opens the services, creates the
demo region with full attendance and worksheets, renders every icon and the main
window (grabbed, never shown), writes two PDFs and reads them back with PDFium,
writes a signed bundle and reads it back, and checks the database. One line per
check with its time, then "SELF-TEST OK" (exit 0) or "SELF-TEST GAGAL: ..." (exit 1).

An error anywhere, also one raised inside a Qt slot or another thread (caught by the
excepthooks installed here), makes the test fail.
"""
from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Callable

from .. import APP_NAME, __version__


class SelfTestError(Exception):
    """A check found something wrong."""


class _Run:
    def __init__(self, out) -> None:
        self.out = out
        self.errors: list[str] = []

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def record(self, exc_type, exc, tb) -> None:
        self.errors.append("".join(traceback.format_exception(exc_type, exc, tb)).rstrip())

    def install_hooks(self) -> None:
        sys.excepthook = self.record
        threading.excepthook = lambda a: self.record(a.exc_type, a.exc_value, a.exc_traceback)

    def step(self, name: str, action: Callable[[], str]) -> None:
        from PySide6.QtWidgets import QApplication

        start = time.perf_counter()
        detail = action()
        QApplication.processEvents()  # let queued slots run: an error in one fails the step
        if self.errors:
            raise SelfTestError(f"kesalahan tak tertangani saat '{name}':\n{self.errors[0]}")
        self.say(f"ok  {name}: {detail} ({time.perf_counter() - start:.1f} s)")


def _check(condition: bool, why: str) -> None:
    if not condition:
        raise SelfTestError(why)


def _pdf_text(path: Path) -> tuple[int, str]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return len(pdf), "\n".join(texts)
    finally:
        pdf.close()


def _checks(run: _Run, tmp: Path) -> None:
    from ..app import build_main_window, make_application
    from ..paths import prepare_paths
    from ..services import Services
    from ..services.reports import ReportRequest, render_to_file
    from ..settings import Preferences
    from ..storage.database import check_database, connect, prepare_database
    from .icons import Icons

    make_application()
    paths = prepare_paths(tmp / "data")
    info = prepare_database(paths.database, paths.backups)
    services = Services.open(paths, info)
    try:
        state: dict = {}

        def demo() -> str:
            region = state["region"] = services.demo.create()
            services.demo.fill_full(region)
            services.demo.fill_worksheets(region)
            people = len(services.directory.people(region))
            stages = {d.stage for d in services.attendance.days(region)}
            _check(people > 0, "data contoh tanpa orang")
            return f"{people} orang, {len(stages)} bimtek"

        def icons() -> str:
            icons = Icons()
            names = Icons.names()
            null = [n for n in names if icons.get(n).pixmap(32).isNull()]
            _check(not null, f"ikon kosong: {', '.join(null)}")
            return f"{len(names)} ikon"

        def window() -> str:
            win = build_main_window(paths, Preferences.load(paths.settings), services)
            try:
                win.resize(1180, 760)
                pixmap = win.grab()  # renders the widget tree without showing a window
                _check(not pixmap.isNull() and pixmap.width() > 0, "jendela utama tidak tergambar")
                return f"jendela utama {pixmap.width()}x{pixmap.height()} tergambar"
            finally:
                win.close()
                win.deleteLater()

        def pdfs() -> str:
            region = state["region"]
            code = services.commitment.view(region).code
            day = services.attendance.days(region)[0]
            done = []
            for req, needle in ((ReportRequest("komitmen", region, variant="signed"), code),
                                (ReportRequest("daftar-hadir", region, stage=day.stage, day=day.day,
                                               variant="signed"), None)):
                path = render_to_file(services, req, tmp / f"{req.kind}.pdf")
                pages, text = _pdf_text(path)
                _check(pages > 0, f"{path.name}: tidak ada halaman")
                if needle:
                    _check(needle in text, f"{path.name}: kode verifikasi {needle} tidak ada di teksnya")
                done.append(f"{req.kind} {pages} hlm")
            return ", ".join(done) + f", kode {code} terbaca"

        def bundle() -> str:
            out = tmp / "bundel"
            out.mkdir()
            result = services.sync.export_bundle(state["region"], out, full=True)
            read = services.sync.read(result.path.read_bytes())
            _check(len(read.versions) == result.versions, "isi bundel tidak sama dengan yang ditulis")
            _check(read.app_version == __version__, f"versi bundel {read.app_version} != {__version__}")
            return f"{result.versions} versi ditulis dan dibaca ulang ({result.path.stat().st_size:,} bita)"

        def database() -> str:
            conn = connect(paths.database)
            try:
                report = check_database(conn)
            finally:
                conn.close()
            _check(report.ok, f"pemeriksaan basis data gagal: {report}")
            return f"utuh, {report.versions} versi"

        for name, action in (("demo", demo), ("ikon", icons), ("jendela", window), ("pdf", pdfs),
                             ("bundel", bundle), ("basis data", database)):
            run.step(name, action)
    finally:
        services.close()


def run_self_test(out=None) -> int:
    out = out or sys.stdout or open(os.devnull, "w")  # a windowed Windows exe has no stdout
    run = _Run(out)
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM") \
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    frozen = "beku (PyInstaller)" if getattr(sys, "frozen", False) else "sumber"
    run.say(f"{APP_NAME} {__version__} self-test ({frozen}, Python {sys.version.split()[0]}, {sys.platform})")
    run.install_hooks()
    start = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="kotacerdas-selftest-", ignore_cleanup_errors=True) as tmp:
            os.environ.pop("KOTACERDAS_DATA_DIR", None)  # never touch the user's data
            _checks(run, Path(tmp))
        if run.errors:
            raise SelfTestError(f"kesalahan tak tertangani:\n{run.errors[0]}")
    except Exception as exc:  # noqa: BLE001 - any failure is the answer
        detail = str(exc) if isinstance(exc, SelfTestError) else traceback.format_exc().rstrip()
        run.say(f"SELF-TEST GAGAL: {detail}")
        return 1
    run.say(f"SELF-TEST OK ({time.perf_counter() - start:.1f} s)")
    return 0
