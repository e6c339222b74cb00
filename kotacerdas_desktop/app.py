"""Composition root: paths -> lock -> database -> window (painted) -> services.

The window paints before SQLAlchemy and the services are imported; they are
loaded right after the first paint (see STACK notes on start-up cost).
"""
from __future__ import annotations

import logging
import os
import sys
import time
import traceback

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from . import APP_ID, APP_NAME, __version__
from .i18n import set_language, tr
from .paths import AppPaths, DataDirError, prepare_paths, resolve_data_dir, resource_path
from .settings import Preferences
from .storage.database import DatabaseError, DatabaseInfo, prepare_database
from .storage.lock import AlreadyRunningError, InstanceLock

log = logging.getLogger(__name__)
BENCH = os.environ.get("KOTACERDAS_BENCH") == "1"


def _bench(mark: str) -> None:
    if BENCH:
        print(f"{mark} {time.time():.6f}", flush=True)


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ID)
    app.setApplicationVersion(__version__)
    try:
        app.setStyleSheet(resource_path("style.qss").read_text(encoding="utf-8"))
    except OSError:
        log.warning("style sheet missing")
    icon = resource_path("icons", "kotacerdas.png")  # rendered at build time; the SVG in a source run
    app.setWindowIcon(QIcon(str(icon if icon.exists() else resource_path("icons", "kotacerdas.svg"))))
    return app


def install_excepthook() -> None:
    """An error inside a slot is logged and shown, never lost silently."""
    def hook(exc_type, exc, tb):
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unhandled error\n%s", text)
        if QApplication.instance() is not None and not BENCH:
            QMessageBox.critical(None, APP_NAME, tr("Terjadi kesalahan tak terduga: {why}\n\n"
                                                    "Data yang sudah tersimpan tetap aman.", why=exc))
    sys.excepthook = hook


def build_main_window(paths: AppPaths, prefs: Preferences, services=None):
    from .ui.main_window import MainWindow

    window = MainWindow(paths, prefs)
    if services is not None:
        window.attach_services(services)
    return window


class AppController:
    """Owns the window and services; rebuilds the window when the language changes."""

    def __init__(self, paths: AppPaths, info: DatabaseInfo, prefs: Preferences) -> None:
        self.paths, self.info, self.prefs = paths, info, prefs
        self.services = None
        self.window = None

    def start(self) -> None:
        self.window = build_main_window(self.paths, self.prefs)
        self.window.first_painted.connect(self._after_first_paint)
        self.window.show()

    def _after_first_paint(self) -> None:
        _bench("KC_FIRST_PAINT")
        QTimer.singleShot(0, self._load_services)

    def _load_services(self) -> None:
        from .services import Services

        self.services = Services.open(self.paths, self.info)
        self._attach(self.window)
        _bench("KC_READY")
        if BENCH:
            QTimer.singleShot(0, QApplication.instance().quit)

    def _attach(self, window) -> None:
        window.attach_services(self.services)
        window.language_changed.connect(self._relanguage)

    def _relanguage(self, lang: str) -> None:
        set_language(lang)
        old = self.window
        self.window = build_main_window(self.paths, self.prefs)
        old.close()
        self._attach(self.window)
        self.window.show()
        old.deleteLater()


def run_app(args) -> int:
    app = make_application()
    install_excepthook()
    try:
        paths = prepare_paths(resolve_data_dir(args.data_dir))
        lock = InstanceLock(paths.lock_file, purpose="app").acquire()
    except (DataDirError, AlreadyRunningError) as exc:
        print(exc, file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    try:
        logging.getLogger().addHandler(_file_handler(paths))
        info = prepare_database(paths.database, paths.backups)
        if info.upgraded_from:
            log.info("database upgraded from schema %s, backup %s", info.upgraded_from, info.backup)
        prefs = Preferences.load(paths.settings)
        set_language(args.lang or prefs.language)
        controller = AppController(paths, info, prefs)
        controller.start()
        code = app.exec()
        if controller.services is not None:
            controller.services.close()
        return code
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    finally:
        lock.release()


def _file_handler(paths: AppPaths) -> logging.Handler:
    from logging.handlers import RotatingFileHandler

    handler = RotatingFileHandler(paths.logs / "kotacerdas.log", maxBytes=1_000_000, backupCount=3,
                                  encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler
