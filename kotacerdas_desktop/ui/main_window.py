"""The main window: navigation on the left, the current area on the right.

It paints before the database layer is loaded (see app.py) and fills in when
`attach_services` is called.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QDialog, QFileDialog, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget)

from .. import APP_NAME, __version__
from ..i18n import tr
from ..paths import AppPaths
from ..domain.errors import UserError
from ..settings import Preferences
from .feedback import show_error, show_info
from .icons import Icons


class MainWindow(QMainWindow):
    language_changed = Signal(str)
    first_painted = Signal()

    AREAS = ("regions", "dashboard", "session", "people", "checkin", "commitment", "reports", "sync", "settings")

    def __init__(self, paths: AppPaths, prefs: Preferences, parent=None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.prefs = prefs
        self.services = None
        self.icons = Icons()
        self.region_id: str | None = None
        self.region_title = ""
        self._painted = False
        self._settings_loaded_for: str | None = None
        self._people_loaded_for: str | None = None
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(210)
        self.stack = QStackedWidget()
        loading = QLabel(tr("Memuat data…"))
        loading.setAlignment(Qt.AlignCenter)
        loading.setObjectName("loading")
        self.stack.addWidget(loading)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.stack.setContentsMargins(12, 8, 12, 4)
        self.setCentralWidget(central)
        self.statusBar().showMessage(tr("Semua perubahan tersimpan otomatis."))
        self.ui_state = QSettings(str(paths.ui_state), QSettings.IniFormat)
        geometry = self.ui_state.value("main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QApplication.primaryScreen()
            area = screen.availableGeometry() if screen else None
            width, height = 1180, 760
            if area is not None:
                width, height = min(width, int(area.width() * 0.95)), min(height, int(area.height() * 0.9))
            self.resize(width, height)
        state = self.ui_state.value("main/state")
        if state is not None:
            self.restoreState(state)

    # --- start-up ------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def attach_services(self, services) -> None:
        """Build the areas once the store is open."""
        from .pages.checkin import CheckinPage
        from .pages.commitment import CommitmentPage
        from .pages.dashboard import DashboardPage
        from .pages.people import PeoplePage
        from .pages.region_list import RegionListPage
        from .pages.region_settings import RegionSettingsPage
        from .pages.reports import ReportsPage
        from .pages.session import SessionPage
        from .pages.sync import SyncPage

        self.services = services
        self.region_page = RegionListPage(self.icons)
        self.dashboard_page = DashboardPage(self.icons)
        self.settings_page = RegionSettingsPage(services, self.icons)
        self.people_page = PeoplePage(services, self.icons, self.ui_state)
        self.checkin_page = CheckinPage(services, self.icons)
        self.commitment_page = CommitmentPage(services, self.icons)
        self.session_page = SessionPage(services, self.icons)
        self.reports_page = ReportsPage(services, self.icons, self.ui_state)
        self.sync_page = SyncPage(services, self.icons, self.ui_state)
        self.pages = {"regions": self.region_page, "dashboard": self.dashboard_page,
                      "session": self.session_page,
                      "people": self.people_page, "checkin": self.checkin_page,
                      "commitment": self.commitment_page, "reports": self.reports_page, "sync": self.sync_page,
                      "settings": self.settings_page}
        self._loaded_for: dict[str, str | None] = {}
        self.kiosk = None
        for page in self.pages.values():
            self.stack.addWidget(page)
        labels = {"regions": tr("Wilayah"), "dashboard": tr("Dasbor"), "session": tr("Sesi bimtek"),
                  "people": tr("Peserta"),
                  "checkin": tr("Kehadiran"), "commitment": tr("Komitmen"), "reports": tr("Laporan"),
                  "sync": tr("Sinkronisasi USB"),
                  "settings": tr("Pengaturan wilayah")}
        for key in self.AREAS:
            item = QListWidgetItem(self.icons.get(key), labels[key])
            item.setData(Qt.UserRole, key)
            self.nav.addItem(item)
        self.nav.currentItemChanged.connect(self._nav_changed)

        self.region_page.create_requested.connect(self.create_region)
        self.region_page.demo_requested.connect(self.create_demo)
        self.region_page.open_requested.connect(self.open_region)
        self.region_page.archive_requested.connect(self.archive_region)
        self.region_page.show_archived_changed.connect(lambda _v: self.refresh_regions())
        self.dashboard_page.edit_bimtek_requested.connect(self.edit_bimtek)
        self.dashboard_page.settings_requested.connect(lambda: self.show_area("settings"))
        self.dashboard_page.session_requested.connect(self.open_session)
        self.session_page.schedule_requested.connect(self.edit_bimtek)
        self.session_page.checkin_requested.connect(self.open_checkin_day)
        self.session_page.kiosk_requested.connect(lambda day: self.start_kiosk(self.region_id, day))
        self.session_page.changed.connect(self._session_changed)
        self.session_page.commitment_requested.connect(lambda: self.show_area("commitment"))
        self.session_page.commitment_changed.connect(lambda: self._loaded_for.pop("commitment", None))
        self.sync_page.changed.connect(self._people_changed)  # an import may change everything
        self.settings_page.changed.connect(self._region_changed)
        self.settings_page.changed.connect(self._invalidate_people)
        self.people_page.changed.connect(self._people_changed)
        self.checkin_page.kiosk_requested.connect(self.start_kiosk)
        self._build_menus()
        self.refresh_regions()
        last = self.prefs.last_region_id
        if last and any(r.id == last for r in services.regions.list()):
            self.open_region(last)
        else:
            self.show_area("regions")
        self.statusBar().showMessage(tr("Semua perubahan tersimpan otomatis · perangkat {device}",
                                        device=services.store.info.device_name))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(tr("&Berkas"))
        self._action(file_menu, tr("Wilayah &baru…"), "add", QKeySequence.New, self.create_region)
        self._action(file_menu, tr("&Daftar wilayah"), "regions", "Ctrl+1", lambda: self.show_area("regions"))
        self.dashboard_action = self._action(file_menu, tr("Da&sbor wilayah"), "dashboard", "Ctrl+2",
                                             lambda: self.show_area("dashboard"))
        self.session_action = self._action(file_menu, tr("S&esi bimtek"), "session", "Ctrl+3",
                                           lambda: self.show_area("session"))
        self.people_action = self._action(file_menu, tr("P&eserta"), "people", "Ctrl+4",
                                          lambda: self.show_area("people"))
        self.checkin_action = self._action(file_menu, tr("&Kehadiran"), "check", "Ctrl+5",
                                           lambda: self.show_area("checkin"))
        self.commitment_action = self._action(file_menu, tr("Ko&mitmen"), "edit", "Ctrl+6",
                                              lambda: self.show_area("commitment"))
        self.reports_action = self._action(file_menu, tr("&Laporan dan cetak"), "reports", "Ctrl+7",
                                           lambda: self.show_area("reports"))
        self.sync_action = self._action(file_menu, tr("Sinkronisasi &USB"), "sync", "Ctrl+8",
                                        lambda: self.show_area("sync"))
        self.settings_action = self._action(file_menu, tr("&Pengaturan wilayah"), "settings", "Ctrl+9",
                                            lambda: self.show_area("settings"))
        file_menu.addSeparator()
        self._action(file_menu, tr("&Cadangkan basis data…"), "backup", "Ctrl+Shift+B", self.backup)
        file_menu.addSeparator()
        self._action(file_menu, tr("&Keluar"), "quit", "Ctrl+Q", self.close)
        tools = bar.addMenu(tr("&Alat"))
        self._action(tools, tr("&Preferensi…"), "language", "Ctrl+,", self.preferences)
        help_menu = bar.addMenu(tr("Ban&tuan"))
        self._action(help_menu, tr("&Tentang {app}", app=APP_NAME), "about", None, self.about)

    def _action(self, menu, text, icon, shortcut, slot) -> QAction:
        action = QAction(self.icons.get(icon), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- navigation ------------------------------------------------------------------
    def show_area(self, key: str) -> None:
        if key != "regions" and self.region_id is None:
            key = "regions"
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            if item.data(Qt.UserRole) == key:
                self.nav.setCurrentItem(item)
        if self.stack.currentWidget() is getattr(self, "session_page", None) and key != "session":
            self.session_page.flush()
        if key == "dashboard" and getattr(self, "_dashboard_stale", False):
            self._dashboard_stale = False
            self._show_dashboard()
        if key == "settings" and self._settings_loaded_for != self.region_id:
            self.settings_page.load(self.region_id, self.region_title)
            self._settings_loaded_for = self.region_id
        if key == "people" and self._people_loaded_for != self.region_id:
            self.people_page.load(self.region_id)
            self._people_loaded_for = self.region_id
        if key in ("checkin", "commitment", "session", "reports", "sync") and \
                self._loaded_for.get(key) != self.region_id:
            self.pages[key].load(self.region_id)
            self._loaded_for[key] = self.region_id
        elif key == "session" and self.stack.currentWidget() is not self.session_page:
            self.session_page.refresh()  # check-ins made meanwhile count in Registrasi
        self.stack.setCurrentWidget(self.pages[key])

    def open_session(self, bimtek_id: str) -> None:
        self.show_area("session")
        if self.session_page.bimtek_id != bimtek_id:
            self.session_page.open_bimtek(bimtek_id)

    def open_checkin_day(self, day_id: str) -> None:
        self.show_area("checkin")
        self.checkin_page.select_day(day_id)

    def _session_changed(self) -> None:
        self._dashboard_stale = True

    def _nav_changed(self, current, _previous) -> None:
        if current is not None:
            self.show_area(current.data(Qt.UserRole))

    def _update_nav(self) -> None:
        has_region = self.region_id is not None
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            if item.data(Qt.UserRole) != "regions":
                item.setHidden(not has_region)
        for action in (self.dashboard_action, self.session_action, self.people_action, self.reports_action,
                       self.sync_action, self.checkin_action,
                       self.commitment_action, self.settings_action):
            action.setEnabled(has_region)
        self.setWindowTitle(f"{self.region_title} — {APP_NAME}" if has_region else APP_NAME)

    # --- regions ---------------------------------------------------------------------
    def refresh_regions(self, select: str | None = None) -> None:
        rows = self.services.regions.list(include_archived=self.region_page.show_archived.isChecked())
        self.region_page.set_regions(rows, select or self.region_id)
        self._update_nav()

    def open_region(self, region_id: str) -> None:
        try:
            detail = self.services.regions.detail(region_id)
        except UserError as exc:
            show_error(self, exc)
            return
        self.region_id = region_id
        self.region_title = detail.display_name
        self._show_dashboard(detail)
        self._settings_loaded_for = None  # loaded when first shown
        self._people_loaded_for = None
        self.prefs.last_region_id = region_id
        self._save_prefs()
        self._update_nav()
        self.show_area("dashboard")

    def _show_dashboard(self, detail=None) -> None:
        if detail is None:
            detail = self.services.regions.detail(self.region_id)
        self.region_title = detail.display_name
        people = len(self.services.directory.people(self.region_id))
        opds = len(self.services.directory.opds(self.region_id))
        self.dashboard_page.show_region(detail, people, opds, self.services.regions.logo(self.region_id))

    def _people_changed(self) -> None:
        self._settings_loaded_for = None  # officials and OPD heads list people
        self._loaded_for = {}
        self._show_dashboard()
        self.refresh_regions()

    def _invalidate_people(self) -> None:
        self._people_loaded_for = None
        self._loaded_for = {}

    def start_kiosk(self, region_id: str, day_id: str) -> None:
        from .kiosk import KioskWindow, ask_new_pin

        if not day_id:
            return
        pin = ask_new_pin(self)
        if pin is None:
            return
        title = f"{self.region_title} · {self.checkin_page.day.currentText()}"
        self.kiosk = KioskWindow(self.services, self.icons, region_id, day_id, title, pin)
        self.kiosk.closed.connect(self._kiosk_closed)
        self.kiosk.show_on_best_screen()
        if len(QApplication.screens()) < 2:
            self.hide()  # one screen: the facilitator's window must not be reachable behind the kiosk

    def _kiosk_closed(self) -> None:
        self.kiosk = None
        self.show()
        self._loaded_for = {}
        if self.stack.currentWidget() is self.checkin_page:
            self.checkin_page.load(self.region_id)
            self._loaded_for["checkin"] = self.region_id

    def _region_changed(self) -> None:
        self._show_dashboard()
        self.settings_page.title.setText(tr("Pengaturan {region}", region=self.region_title))
        self.refresh_regions()

    def create_region(self) -> None:
        from .dialogs.region_dialog import RegionDialog

        dialog = RegionDialog(self)
        if dialog.exec() != QDialog.Accepted:
            return
        try:
            region_id = self.services.regions.create(dialog.value(), dialog.framework_kind())
        except UserError as exc:
            show_error(self, exc)
            return
        self.refresh_regions(region_id)
        self.open_region(region_id)
        self.show_area("settings")

    def create_demo(self) -> None:
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            region_id = self.services.demo.existing() or self.services.demo.create()
        except UserError as exc:
            QApplication.restoreOverrideCursor()
            show_error(self, exc)
            return
        QApplication.restoreOverrideCursor()
        self.refresh_regions(region_id)
        self.open_region(region_id)

    def archive_region(self, region_id: str, archived: bool) -> None:
        try:
            self.services.regions.set_archived(region_id, archived)
        except UserError as exc:
            show_error(self, exc)
            self.refresh_regions()
            return
        if archived and region_id == self.region_id:
            self.region_id = None
            self.region_title = ""
            self.prefs.last_region_id = ""
            self._save_prefs()
        self.refresh_regions(region_id)
        self.statusBar().showMessage(tr("Wilayah diarsipkan.") if archived else tr("Wilayah dipulihkan."), 5000)

    def edit_bimtek(self, bimtek_id: str) -> None:
        from .dialogs.bimtek_dialog import BimtekDialog

        card = next((c for c in self.services.bimtek.cards(self.region_id) if c.id == bimtek_id), None)
        if card is None:
            self._show_dashboard()
            return
        dialog = BimtekDialog(card, self)
        if dialog.exec() != QDialog.Accepted:
            return
        try:
            self.services.bimtek.update(bimtek_id, **dialog.values())
        except UserError as exc:
            show_error(self, exc)
            return
        self._show_dashboard()
        self._loaded_for.pop("checkin", None)
        if self.session_page.bimtek_id:
            self.session_page.reload_context()

    # --- tools -------------------------------------------------------------------------
    def backup(self) -> None:
        from datetime import datetime

        from PySide6.QtCore import QStandardPaths

        folder = self.ui_state.value("paths/last_backup_dir") or QStandardPaths.writableLocation(
            QStandardPaths.DocumentsLocation)
        default = str(Path(folder) / f"cadangan-kotacerdas-{datetime.now():%Y%m%d-%H%M}.sqlite")
        path, _ = QFileDialog.getSaveFileName(self, tr("Cadangkan basis data"), default,
                                              tr("Basis data SQLite (*.sqlite)"))
        if not path:
            return
        self.ui_state.setValue("paths/last_backup_dir", str(Path(path).parent))
        try:
            written = self.services.maintenance.backup(Path(path))
        except (OSError, UserError) as exc:
            show_error(self, tr("Cadangan gagal: {why}", why=exc))
            return
        show_info(self, tr("Cadangan ditulis ke {path}", path=written))

    def preferences(self) -> None:
        from .dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.prefs.language, self.services.store.info.device_name, self)
        if dialog.exec() == QDialog.Accepted and dialog.chosen_language() != self.prefs.language:
            self.prefs.language = dialog.chosen_language()
            self._save_prefs()
            self.language_changed.emit(self.prefs.language)

    def about(self) -> None:
        info = self.services.store.info
        show_info(self, tr("{app} {version}\nAlat fasilitasi bimtek masterplan smart city, sepenuhnya luring.\n\n"
                           "Folder data: {data}\nPerangkat: {device}\nVersi skema: {schema}",
                           app=APP_NAME, version=__version__, data=self.paths.data_dir,
                           device=info.device_name, schema=info.schema_version), tr("Tentang"))

    def _save_prefs(self) -> None:
        try:
            self.prefs.save(self.paths.settings)
        except OSError:
            self.statusBar().showMessage(tr("Preferensi tidak dapat disimpan."), 5000)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt name
        if getattr(self, "session_page", None) is not None:
            self.session_page.flush()
            self.reports_page.shutdown()
            self.sync_page.shutdown()
        self.ui_state.setValue("main/geometry", self.saveGeometry())
        self.ui_state.setValue("main/state", self.saveState())
        self.ui_state.sync()
        super().closeEvent(event)
