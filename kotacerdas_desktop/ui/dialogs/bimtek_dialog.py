"""Schedule of one bimtek: first day, number of days, venue, status."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QLineEdit, QSpinBox, QVBoxLayout)

from ...domain.bimtek import STATUSES, STATUSES_EN
from ...i18n import language, tr
from ...services.regions import BimtekCard
from ..pages.dashboard import stage_title


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
        form = QFormLayout()
        form.addRow(tr("Hari pertama"), self.first_day)
        form.addRow(tr("Jumlah hari"), self.count)
        form.addRow(tr("Tempat"), self.venue)
        form.addRow(tr("Status"), self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(tr("Simpan"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def days(self) -> list[date]:
        q = self.first_day.date()
        first = date(q.year(), q.month(), q.day())
        return [first + timedelta(days=i) for i in range(self.count.value())]

    def values(self) -> dict:
        return {"venue": self.venue.text(), "status": self.status.currentData(), "days": self.days()}
