"""Kiosk mode: full-screen self check-in; nothing else is reachable; leaving needs the PIN."""
from __future__ import annotations

import hashlib
import hmac
import os
import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..i18n import tr
from .feedback import show_error
from .icons import Icons
from .pages.checkin import CheckinPanel


def ask_new_pin(parent) -> str | None:
    """Ask the facilitator for a PIN twice (4-8 digits). None when cancelled."""
    while True:
        pin, ok = QInputDialog.getText(parent, tr("Mode kios"), tr("Buat PIN fasilitator (4-8 angka) untuk "
                                                                   "keluar dari mode kios:"), QLineEdit.Password)
        if not ok:
            return None
        if not (pin.isdigit() and 4 <= len(pin) <= 8):
            show_error(parent, tr("PIN harus 4 sampai 8 angka."), tr("Mode kios"))
            continue
        again, ok = QInputDialog.getText(parent, tr("Mode kios"), tr("Ulangi PIN:"), QLineEdit.Password)
        if not ok:
            return None
        if again == pin:
            return pin
        show_error(parent, tr("PIN tidak sama. Ulangi."), tr("Mode kios"))


class KioskWindow(QWidget):
    closed = Signal()

    def __init__(self, services, icons: Icons, region_id: str, day_id: str, title: str, pin: str) -> None:
        super().__init__(None, Qt.Window | Qt.FramelessWindowHint | Qt.WindowStaysOnTopHint)
        self.setObjectName("kioskWindow")
        self._salt = os.urandom(16)
        self._pin_hash = hashlib.sha256(self._salt + pin.encode()).digest()
        self._unlocked = False
        self._failures = 0
        self._blocked_until = 0.0
        heading = QLabel(title)
        heading.setObjectName("kioskTitle")
        heading.setTextFormat(Qt.PlainText)
        font = QFont()
        font.setPointSize(22)
        font.setBold(True)
        heading.setFont(font)
        hint = QLabel(tr("Cari nama Anda, sentuh nama itu, tanda tangani, lalu tekan Simpan."))
        hint.setObjectName("pageIntro")
        hint_font = QFont()
        hint_font.setPointSize(14)
        hint.setFont(hint_font)
        self.panel = CheckinPanel(services, icons, kiosk=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.panel, 1)
        self.panel.load(region_id, day_id)

    def unlock(self, pin: str) -> bool:
        ok = hmac.compare_digest(hashlib.sha256(self._salt + pin.encode()).digest(), self._pin_hash)
        self._unlocked = self._unlocked or ok
        return ok

    def ask_to_leave(self) -> None:
        wait = self._blocked_until - time.monotonic()
        if wait > 0:
            show_error(self, tr("Terlalu banyak PIN salah. Coba lagi dalam {s} detik.", s=int(wait) + 1),
                       tr("Mode kios"))
            return
        pin, ok = QInputDialog.getText(self, tr("Keluar dari mode kios"), tr("PIN fasilitator:"),
                                       QLineEdit.Password)
        if ok and self.unlock(pin):
            self.close()
        elif ok:
            self._failures += 1
            if self._failures >= 3:  # guessing 4 digits gets slow: 8 s, 16 s, 32 s, ...
                self._blocked_until = time.monotonic() + 2 ** min(self._failures, 10)
            show_error(self, tr("PIN salah."), tr("Mode kios"))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.key() == Qt.Key_Escape:
            self.ask_to_leave()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt name
        if not self._unlocked:
            event.ignore()
            return
        self.closed.emit()
        super().closeEvent(event)

    def show_on_best_screen(self) -> None:
        """Use a second screen (the kiosk laptop's or a tablet display) when there is one."""
        screens = QApplication.screens()
        screen = screens[-1] if len(screens) > 1 else QApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.panel.search.setFocus()
