"""Schedule of one bimtek: first day, number of days, venue, status."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QLineEdit, QSpinBox

from ...domain.bimtek import STATUSES, STATUSES_EN
from ...i18n import language, tr
from ...services.regions import BimtekCard
from ..pages.dashboard import stage_title
from ..widgets.form_dialog import build_form_dialog


class BimtekDialog(QDialog):
    def __init__(self, card: BimtekCard, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(stage_title(card.stage))
        self.first_day = QDateEdit()
        self.first_day.setCalendarPopup(True)
        self.first_day.setDisplayFormat("dd-MM-yyyy")
        start = card.days[0] if card.days else date.today()
        self.first_day.setDate(QDate(start.year, start.month, start.day))
        self.count = QSpinBox()
        self.count.setRange(0, 7)
        self.count.setValue(len(card.days) if card.days else 2)
        self.count.setSpecialValueText(tr("belum ditetapkan"))
        self.venue = QLineEdit(card.venue)
        self.venue.setPlaceholderText(tr("mis. Hotel …, Ruang Serbaguna"))
        self.status = QComboBox()
        labels = STATUSES if language() == "id" else STATUSES_EN
        for code, label in labels.items():
            self.status.addItem(label, code)
        self.status.setCurrentIndex(list(labels).index(card.status))
        build_form_dialog(self, [(tr("Hari pertama"), self.first_day), (tr("Jumlah hari"), self.count),
                                 (tr("Tempat"), self.venue), (tr("Status"), self.status)], tr("Simpan"))

    def days(self) -> list[date]:
        q = self.first_day.date()
        first = date(q.year(), q.month(), q.day())
        return [first + timedelta(days=i) for i in range(self.count.value())]

    def values(self) -> dict:
        return {"venue": self.venue.text(), "status": self.status.currentData(), "days": self.days()}
