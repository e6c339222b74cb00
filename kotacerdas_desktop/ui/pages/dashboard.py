"""Region dashboard: the four bimtek as cards with status and progress."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from ...domain.bimtek import STAGE_OUTPUT, STAGES, STATUSES, STATUSES_EN
from ...domain.dates import format_date, format_date_range
from ...domain.regions import role_title
from ...i18n import language, tr
from ...services.regions import BimtekCard, RegionDetail
from ..icons import Icons


def stage_title(stage: int) -> str:
    label, name_id, name_en = STAGES[stage]
    return f"{label} · {name_id if language() == 'id' else name_en}"


def days_text(card: BimtekCard) -> str:
    if not card.days:
        return tr("Tanggal belum ditetapkan")
    lang = language()
    if len(card.days) == 1:
        return format_date(card.days[0], lang)
    contiguous = (card.days[-1] - card.days[0]).days == len(card.days) - 1
    if contiguous:
        return format_date_range(card.days[0], card.days[-1], lang)
    return ", ".join(format_date(d, lang, weekday=False) for d in card.days)


class BimtekCardWidget(QFrame):
    edit_requested = Signal(str)
    session_requested = Signal(str)

    def __init__(self, card: BimtekCard, icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName("bimtekCard")
        self.setProperty("status", card.status)
        self.setFrameShape(QFrame.StyledPanel)
        title = QLabel(stage_title(card.stage))
        title.setObjectName("cardTitle")
        title.setWordWrap(True)
        statuses = STATUSES if language() == "id" else STATUSES_EN
        self.status = QLabel(statuses[card.status])
        self.status.setObjectName("statusBadge")
        self.status.setProperty("status", card.status)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.status)
        output = QLabel(tr("Keluaran: {output}", output=tr(STAGE_OUTPUT[card.stage])))
        output.setObjectName("cardOutput")
        output.setWordWrap(True)
        self.when = QLabel(days_text(card))
        self.when.setWordWrap(True)
        self.where = QLabel(card.venue or tr("Tempat belum ditetapkan"))
        self.where.setTextFormat(Qt.PlainText)
        self.where.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, card.total)
        self.progress.setValue(card.done)
        self.progress.setFormat(tr("{done} dari {total} selesai", done=card.done, total=card.total))
        missing = QLabel("\n".join("• " + tr(m) for m in card.missing) or tr("Semua keluaran tercapai."))
        missing.setObjectName("cardMissing")
        missing.setWordWrap(True)
        self.edit_button = QPushButton(icons.get("calendar"), tr("Atur jadwal…"))
        self.edit_button.setToolTip(tr("Tanggal, tempat dan status {stage}", stage=STAGES[card.stage][0]))
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(card.id))
        self.session_button = QPushButton(icons.get("session"), tr("Buka sesi"))
        self.session_button.setToolTip(tr("Pandu {stage} langkah demi langkah", stage=STAGES[card.stage][0]))
        self.session_button.clicked.connect(lambda: self.session_requested.emit(card.id))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(output)
        for icon, label in (("calendar", self.when), ("venue", self.where)):
            row = QHBoxLayout()
            pic = QLabel()
            pic.setPixmap(icons.get(icon).pixmap(16, 16))
            row.addWidget(pic, 0, Qt.AlignTop)
            row.addWidget(label, 1)
            layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(missing)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.session_button)
        layout.addLayout(buttons)


class DashboardPage(QWidget):
    edit_bimtek_requested = Signal(str)
    session_requested = Signal(str)
    settings_requested = Signal()

    def __init__(self, icons: Icons, parent=None) -> None:
        super().__init__(parent)
        self.icons = icons
        self.setObjectName("dashboardPage")
        self.logo = QLabel()
        self.logo.setFixedSize(64, 64)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageIntro")
        self.subtitle.setWordWrap(True)
        self.settings_button = QPushButton(icons.get("settings"), tr("Pengaturan wilayah"))
        self.settings_button.clicked.connect(self.settings_requested)
        head_text = QVBoxLayout()
        head_text.addWidget(self.title)
        head_text.addWidget(self.subtitle)
        head = QHBoxLayout()
        head.addWidget(self.logo)
        head.addLayout(head_text, 1)
        head.addWidget(self.settings_button, 0, Qt.AlignTop)
        self.facts = QLabel()
        self.facts.setObjectName("dashboardFacts")
        for label in (self.title, self.subtitle, self.facts):
            label.setTextFormat(Qt.PlainText)  # names typed by users are never markup
        self.facts.setWordWrap(True)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        cards = QWidget()
        cards.setObjectName("dashboardCards")
        cards.setLayout(self.grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(cards)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        layout.addWidget(scroll, 1)
        self.cards: list[BimtekCardWidget] = []

    def show_region(self, detail: RegionDetail, people: int, opds: int, logo: bytes | None) -> None:
        self.title.setText(detail.display_name)
        parts = [detail.data.province, tr(detail.framework_name),
                 tr("Kertas {paper}", paper=detail.data.paper_size)]
        self.subtitle.setText(" · ".join(p for p in parts if p))
        pix = QPixmap()
        if logo and pix.loadFromData(logo):
            self.logo.setPixmap(pix.scaled(64, 64, Qt.KeepAspectRatio, Qt.SmoothTransformation))
            self.logo.show()
        else:
            self.logo.clear()
            self.logo.hide()
        head = next((o for o in detail.officials if o.role == "kepala_daerah"), None)
        head_text = (f"{role_title('kepala_daerah', detail.data.kind, detail.data.name, language())}: "
                     f"{head.person_name}") if head and head.person_name else tr("Kepala daerah belum diisi")
        self.facts.setText(" · ".join([
            tr("{n} OPD", n=opds), tr("{n} orang terdaftar", n=people),
            tr("{n} dimensi", n=len(detail.dimensions)), head_text]))
        for card in self.cards:
            self.grid.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for i, card in enumerate(detail.bimtek):
            w = BimtekCardWidget(card, self.icons)
            w.edit_requested.connect(self.edit_bimtek_requested)
            w.session_requested.connect(self.session_requested)
            self.grid.addWidget(w, i // 2, i % 2)
            self.cards.append(w)

