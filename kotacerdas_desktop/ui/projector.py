"""The projector view: a second, frameless full-screen window for the hotel projector.

It shows the facilitator's current step in large type (its title and prompt), the agenda
clock and the step's live board (services/projector.py): lists, the SWOT board, the
quick-win ranking chart, signing progress, vision keywords. Sizes follow the window
height, so the same layout reads on a 720p projector and a 4K screen. The window
follows screens coming and going: the projector cable is unplugged all the time.
Everything is drawn as plain text; nothing typed by users is ever read as markup.
"""
from __future__ import annotations

import contextlib
import time

from typing import Callable

from PySide6.QtCore import QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPainter, QPalette, QScreen
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QVBoxLayout, QWidget)

from ..domain.timer import TimerState, format_clock
from ..i18n import language, tr
from ..services.projector import Board, Row

BACKGROUND, TEXT, MUTED, ACCENT = "#0d1117", "#f0f3f6", "#9da7b3", "#58c4f6"
TRACK, LINE, GOLD, GREEN, RED, AMBER = "#21262d", "#30363d", "#ffca28", "#56d364", "#ff6b6b", "#ffb300"
PHASE_COLOURS = {"idle": MUTED, "running": TEXT, "paused": MUTED, "warning": AMBER, "over": RED}
SWOT_COLOURS = ("#56d364", "#ff6b6b", "#58a6ff", "#ffb300")
STATE_GLYPHS = {"done": ("✓", GREEN), "partial": ("◐", AMBER), "todo": ("○", MUTED)}
WRAP = int(Qt.TextWordWrap)


def preferred_screen(screens, avoid=None):
    """The screen for the projector: the last one that is not `avoid` (the facilitator's),
    else the only one there is; None without screens."""
    screens = [s for s in screens if s is not None]
    others = [s for s in screens if s is not avoid]
    return others[-1] if others else (screens[0] if screens else None)


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(9, int(px)))
    font.setBold(bold)
    return font


def _draw(p: QPainter, font: QFont, colour: str, *args) -> None:
    """Plain text in one font and colour: _draw(p, font, colour, rect, flags, text)."""
    p.setFont(font)
    p.setPen(QColor(colour))
    p.drawText(*args)


def _text_height(font: QFont, width: int, text: str) -> int:
    return QFontMetrics(font).boundingRect(QRect(0, 0, max(width, 10), 100000), WRAP, text).height()


class BoardView(QWidget):
    """Draws one Board, shrinking the type (and flowing into columns) until it fits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board = Board("list", "")
        self.unit = 24.0  # the body text size in pixels; the window sets it from its height
        self.shown_rows = 0  # rows drawn in the last paint (the rest are counted as "more")

    def set_board(self, board: Board) -> None:
        self.board = board
        self.update()

    def set_unit(self, unit: float) -> None:
        self.unit = max(10.0, unit)
        self.update()

    # --- painting ------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt name
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        u, b = self.unit, self.board
        area = self.rect()
        head = _font(u * 1.1, True)
        head_h = QFontMetrics(head).height()
        _draw(p, head, ACCENT, QRect(0, 0, area.width(), head_h), Qt.AlignLeft | Qt.AlignVCenter, b.title)
        if b.subtitle:
            _draw(p, _font(u * 0.85), MUTED, QRect(0, 0, area.width(), head_h), Qt.AlignRight | Qt.AlignVCenter,
                  b.subtitle)
        body = area.adjusted(0, int(head_h + u * 0.5), 0, 0)
        self.shown_rows = 0
        if not b.rows and not b.text:
            _draw(p, _font(u * 1.2), MUTED, body, Qt.AlignCenter | WRAP, b.empty or tr("Belum ada isi."))
        elif b.kind == "swot":
            self._swot(p, body)
        elif b.kind == "ranking":
            self._ranking(p, body)
        elif b.kind == "keywords":
            self._keywords(p, body)
        elif b.kind == "signing":
            self._signing(p, body)
        else:
            self._list(p, body, self._rows())
        p.end()

    def _rows(self) -> list[Row]:
        if self.board.kind != "checks":
            return list(self.board.rows)
        from .pages.session import translate_detail  # the domain's check details, translated

        return [Row(r.text, translate_detail(r.detail), r.marker, r.level, r.state) for r in self.board.rows]

    def _more(self, p: QPainter, rect: QRect, n: int, px: float) -> None:
        _draw(p, _font(px * 0.8), MUTED, rect, Qt.AlignRight | Qt.AlignBottom, tr("… dan {n} lainnya", n=n))

    def _list(self, p: QPainter, rect: QRect, rows: list[Row]) -> None:
        """Rows flowing down, then into a second or third column, at the largest fitting size;
        below a readable size the muted second lines go first, then rows are counted as more."""
        max_cols = 3 if rect.width() > self.unit * 45 else 2
        combos = [(s, 1, True) for s in (1.6, 1.3, 1.15)]
        combos += [(s, c, True) for s in (1.0, 0.88, 0.76) for c in range(1, max_cols + 1)]
        combos += [(s, c, False) for s in (0.88, 0.76, 0.66) for c in range(1, max_cols + 1)]
        for scale, cols, details in combos:
            shown = rows if details else [Row(r.text, "", r.marker, r.level, r.state) for r in rows]
            placed = self._plan(shown, rect, scale, cols)
            if len(placed) == len(rows):
                break
        else:  # nothing fits: the smallest size, and a last line saying how many more
            placed = self._plan(shown, rect.adjusted(0, 0, 0, -QFontMetrics(_font(self.unit * scale * 0.8)).height()),
                                scale, cols)
            self._more(p, rect, len(rows) - len(placed), self.unit * scale)
        px = self.unit * scale
        for r, x, top, width, marker_w, text_h in placed:
            font = _font(px * (1.05, 1, 0.92)[min(r.level, 2)], r.level == 0)
            if marker_w:
                glyph, colour = STATE_GLYPHS.get(r.state, (r.marker, ACCENT if r.level == 0 else MUTED))
                _draw(p, _font(px * 1.05, True) if r.marker else font, colour,
                      QRect(x - marker_w, top, marker_w, text_h), Qt.AlignLeft, glyph)
            _draw(p, font, ACCENT if r.level == 0 else TEXT, QRect(x, top, width, text_h), WRAP, r.text)
            if r.detail:
                _draw(p, _font(px * 0.8), MUTED, QRect(x, top + text_h, width, rect.bottom() - top - text_h), WRAP,
                      r.detail)
        self.shown_rows = len(placed)

    def _plan(self, rows: list[Row], rect: QRect, scale: float, cols: int) -> list[tuple]:
        """(row, x, top, width, marker width, text height) of each row that fits, in order."""
        px = self.unit * scale
        fonts = [_font(px * 1.05, True), _font(px), _font(px * 0.92)]
        marker_w = max([QFontMetrics(fonts[0]).horizontalAdvance(r.marker) for r in rows if r.marker]
                       + [QFontMetrics(fonts[1]).horizontalAdvance("✓") for r in rows if r.state], default=0)
        marker_w += int(px * 0.5) if marker_w else 0
        gap = int(px * 1.2)
        col_w = (rect.width() - gap * (cols - 1)) // cols
        headed = any(r.level == 0 for r in rows)
        placed, col, y = [], 0, 0
        for r in rows:
            indent = int(px * 1.1 * (min(r.level, 2) - 1)) if headed and r.level else 0
            width = col_w - indent - marker_w
            text_h = _text_height(fonts[min(r.level, 2)], width, r.text)
            extra = int(px * 0.45) if r.level == 0 and y else 0  # air above a heading
            h = text_h + (_text_height(_font(px * 0.8), width, r.detail) if r.detail else 0) + int(px * 0.35)
            if y + extra + h > rect.height() and y:
                col, y, extra = col + 1, 0, 0
            if col >= cols:
                break
            x = rect.left() + col * (col_w + gap) + indent + marker_w
            placed.append((r, x, rect.top() + y + extra, width, marker_w, text_h))
            y += extra + h
        return placed

    def _swot(self, p: QPainter, rect: QRect) -> None:
        rows, heads = self.board.rows, self.board.columns
        first_w = int(rect.width() * 0.16)
        cell_w = (rect.width() - first_w) // 4
        pad = 0
        for step in range(13):
            px = self.unit * (1.0 - step * 0.04) * 0.9
            pad = int(px * 0.35)
            font, bold = _font(px), _font(px, True)
            head_h = QFontMetrics(_font(px * 1.1, True)).height() + pad * 2
            heights = [max([_text_height(bold, first_w - 2 * pad, r.element)]
                           + [_text_height(font, cell_w - 2 * pad, c) for c in (r.kekuatan, r.kelemahan,
                                                                                 r.peluang, r.ancaman)]) + 2 * pad
                       for r in rows]
            if head_h + sum(heights) <= rect.height():
                break
        y = rect.top()
        for n, title in enumerate(heads):
            x = rect.left() + first_w + n * cell_w
            p.fillRect(QRect(x + 2, y, cell_w - 4, int(px * 0.25)), QColor(SWOT_COLOURS[n]))
            _draw(p, _font(px * 1.1, True), SWOT_COLOURS[n], QRect(x + pad, y, cell_w - 2 * pad, head_h),
                  Qt.AlignLeft | Qt.AlignVCenter, title)
        y += head_h
        shown = 0
        for n, (r, h) in enumerate(zip(rows, heights)):
            if y + h > rect.bottom() and shown:
                self._more(p, rect, len(rows) - shown, px)
                break
            new_group = n == 0 or rows[n - 1].group != r.group  # a stronger line between elements
            p.setPen(QColor(MUTED if new_group else LINE))
            p.drawLine(rect.left(), y, rect.right(), y)
            cells = (r.element, r.kekuatan, r.kelemahan, r.peluang, r.ancaman)
            for c, text in enumerate(cells):
                x = rect.left() + (0 if c == 0 else first_w + (c - 1) * cell_w)
                p.setFont(bold if c == 0 else font)
                p.setPen(QColor(TEXT if c else ACCENT))
                p.drawText(QRect(x + pad, y + pad, (first_w if c == 0 else cell_w) - 2 * pad, h), WRAP,
                           text or "—")
            y += h
            shown += 1
        self.shown_rows = shown

    def _ranking(self, p: QPainter, rect: QRect) -> None:
        rows = self.board.rows
        u = self.unit
        fit = max(1, int(rect.height() // (u * 1.6)))
        shown = rows if len(rows) <= fit else rows[:fit - 1]
        row_h = min(u * 2.4, rect.height() / max(len(shown) + (len(shown) < len(rows)), 1))
        font = _font(row_h * 0.42)
        bold = _font(row_h * 0.5, True)
        fm = QFontMetrics(font)
        rank_w = QFontMetrics(bold).horizontalAdvance("00") + int(u * 0.4)
        name_w = int(rect.width() * 0.36)
        total_w = fm.horizontalAdvance("100,0") + int(u * 0.5)
        dot = max(4.0, row_h * 0.22)
        dots_w = int(dot * 1.4 * 10 + fm.horizontalAdvance("+00")) if any(r.dots for r in rows) else 0
        bar_x = rect.left() + rank_w + name_w
        bar_w = max(10, rect.right() - bar_x - total_w - dots_w)
        for n, r in enumerate(shown):
            y = rect.top() + n * row_h
            mid = y + row_h / 2
            _draw(p, bold, GOLD if r.rank <= 3 else MUTED, QRectF(rect.left(), y, rank_w, row_h),
                  Qt.AlignLeft | Qt.AlignVCenter, str(r.rank))
            p.setFont(font)
            p.setPen(QColor(TEXT))
            star = "★ " if r.status in ("terpilih", "quick_win") else ""
            p.drawText(QRectF(rect.left() + rank_w, y, name_w - u * 0.5, row_h), Qt.AlignLeft | Qt.AlignVCenter,
                       fm.elidedText(star + r.name, Qt.ElideRight, int(name_w - u * 0.5)))
            bar_h = row_h * 0.5
            p.fillRect(QRectF(bar_x, mid - bar_h / 2, bar_w, bar_h), QColor(TRACK))
            p.fillRect(QRectF(bar_x, mid - bar_h / 2, bar_w * max(0.0, min(r.total, 100.0)) / 100, bar_h),
                       QColor(GOLD if r.rank <= 3 else ACCENT))
            total = f"{r.total:.1f}".replace(".", "," if language() == "id" else ".")
            p.drawText(QRectF(bar_x + bar_w + u * 0.3, y, total_w, row_h), Qt.AlignLeft | Qt.AlignVCenter, total)
            p.setBrush(QColor(AMBER))
            p.setPen(Qt.NoPen)
            x = bar_x + bar_w + total_w
            for _ in range(min(r.dots, 10)):
                p.drawEllipse(QRectF(x, mid - dot / 2, dot, dot))
                x += dot * 1.4
            p.setBrush(Qt.NoBrush)
            if r.dots > 10:
                p.setPen(QColor(AMBER))
                p.drawText(QRectF(x, y, dots_w, row_h), Qt.AlignLeft | Qt.AlignVCenter, f"+{r.dots - 10}")
        if len(shown) < len(rows):
            self._more(p, rect, len(rows) - len(shown), row_h * 0.5)
        self.shown_rows = len(shown)

    def _signing(self, p: QPainter, rect: QRect) -> None:
        b, u = self.board, self.unit
        bar = QRectF(rect.left(), rect.top(), rect.width(), u * 1.4)
        p.fillRect(bar, QColor(TRACK))
        p.fillRect(QRectF(bar.x(), bar.y(), bar.width() * (b.done / b.total if b.total else 0), bar.height()),
                   QColor("#238636"))
        _draw(p, _font(u * 0.95, True), TEXT, bar, Qt.AlignCenter, f"{b.done} / {b.total}")
        rows = [Row(r.name, r.role_title, state="done" if r.signed else "todo") for r in b.rows]
        self._list(p, rect.adjusted(0, int(u * 2.1), 0, 0), rows)

    def _keywords(self, p: QPainter, rect: QRect) -> None:
        b, u = self.board, self.unit
        top = rect.top()
        if b.text:
            for scale in (1.6, 1.4, 1.2, 1.0, 0.85):
                font = _font(u * scale, True)
                h = _text_height(font, rect.width(), b.text)
                if h <= rect.height() * 0.4:
                    break
            _draw(p, font, TEXT, QRect(rect.left(), top, rect.width(), h), Qt.AlignHCenter | WRAP, b.text)
            top += h + int(u * 1.0)
        most = max((r.count for r in b.rows), default=1) or 1
        area = QRect(rect.left(), top, rect.width(), rect.bottom() - top)
        for scale in (1.0, 0.85, 0.72, 0.6):
            placed = self._chips(area, scale, most)
            if len(placed) == len(b.rows):
                break
        for box, font, r in placed:
            p.setPen(Qt.NoPen)
            p.setBrush(QColor("#1b2735"))
            p.drawRoundedRect(box, box.height() / 3, box.height() / 3)
            _draw(p, font, ACCENT, box.adjusted(box.height() * 0.4, 0, 0, 0), Qt.AlignLeft | Qt.AlignVCenter, r.word)
            _draw(p, _font(font.pixelSize() * 0.6), MUTED, box.adjusted(0, 0, -box.height() * 0.35, 0),
                  Qt.AlignRight | Qt.AlignVCenter, str(r.count))
        self.shown_rows = len(placed)

    def _chips(self, area: QRect, scale: float, most: int) -> list:
        """(box, font, row) for each keyword that fits, biggest counts in the largest type."""
        u, out = self.unit, []
        x, y, line_h = area.left(), area.top(), 0
        for r in self.board.rows:
            font = _font(u * scale * (0.9 + 1.1 * r.count / most), True)
            fm = QFontMetrics(font)
            h = fm.height() * 1.5
            w = fm.horizontalAdvance(r.word) + h * 0.4 + QFontMetrics(_font(font.pixelSize() * 0.6)) \
                .horizontalAdvance(str(r.count)) + h * 0.7
            if x + w > area.right() and x > area.left():
                x, y, line_h = area.left(), y + line_h + u * 0.4, 0
            if y + h > area.bottom():
                break
            out.append((QRectF(x, y, min(w, area.width()), h), font, r))
            x, line_h = x + w + u * 0.5, max(line_h, h)
        return out


class ProjectorWindow(QWidget):
    """`show_on(screen)`, then `show_step(...)` on every step change and `set_timer(...)` on
    every tick; Esc or a double-click closes it (`closed`)."""

    closed = Signal()

    def __init__(self, facilitator: QWidget | None = None, now: Callable[[], float] = time.time) -> None:
        super().__init__(None, Qt.Window | Qt.FramelessWindowHint)
        self.setObjectName("projectorWindow")
        self.setWindowTitle(tr("Layar proyektor"))
        self.setAttribute(Qt.WA_ShowWithoutActivating)  # the facilitator keeps typing in the main window
        self.setAttribute(Qt.WA_QuitOnClose, False)  # closing the main window still quits the app
        self._facilitator = facilitator
        self._now = now
        self._timer_state: TimerState | None = None
        self._ticker = QTimer(self, interval=500, timeout=lambda: self.set_timer(self._timer_state))
        self._screen: QScreen | None = None
        self._wanted = False    # shown by the facilitator and not closed since
        self._watching = False  # connected to the screens coming and going
        palette = self.palette()
        for role, colour in ((QPalette.Window, BACKGROUND), (QPalette.WindowText, TEXT), (QPalette.Text, TEXT)):
            palette.setColor(role, QColor(colour))
        self.setPalette(palette)
        self.setAutoFillBackground(True)

        def label(colour: str, wrap: bool = False) -> QLabel:
            widget = QLabel()
            widget.setTextFormat(Qt.PlainText)
            widget.setWordWrap(wrap)
            widget.setStyleSheet(f"color: {colour};")
            return widget

        self.context_label = label(MUTED)
        self.title_label = label(TEXT, True)
        self.prompt_label = label("#c9d1d9", True)
        self.clock = label(PHASE_COLOURS["idle"])
        self.clock.setObjectName("projectorClock")
        self.clock.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.clock_title = label(MUTED, True)
        self.clock_title.setAlignment(Qt.AlignRight | Qt.AlignTop)
        self.board = BoardView()
        self.board.setAttribute(Qt.WA_TransparentForMouseEvents)  # double-clicks reach the window
        texts, self.clock_box = QWidget(), QWidget()
        for box, widgets in ((texts, (self.context_label, self.title_label, self.prompt_label)),
                             (self.clock_box, (self.clock, self.clock_title))):
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                column.addWidget(widget)
            column.addStretch(1)
        self.clock_box.hide()
        top = QHBoxLayout()
        top.addWidget(texts, 1)
        top.addWidget(self.clock_box, 0, Qt.AlignTop)
        rule = QFrame()
        rule.setFixedHeight(2)
        rule.setStyleSheet(f"background: {LINE};")
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(top)
        self.layout_.addWidget(rule)
        self.layout_.addWidget(self.board, 1)
        self.resize(1280, 720)
        self._scale_fonts()

    # --- public API ------------------------------------------------------------------------
    def show_step(self, region_title: str, stage_title: str, step_title: str, prompt: str, board: Board) -> None:
        self.context_label.setText(" · ".join(t for t in (region_title, stage_title) if t))
        self.title_label.setText(step_title)
        self.prompt_label.setText(prompt)
        self.prompt_label.setVisible(bool(prompt))
        self.board.set_board(board)

    def set_timer(self, state: TimerState | None, now: float | None = None) -> None:
        """The agenda clock: remaining time and phase colour; None hides it. A running timer
        keeps counting here on its own (every 500 ms) until the next call."""
        self._timer_state = state
        self.clock_box.setVisible(state is not None)
        if state is None or not state.running:
            self._ticker.stop()
        elif not self._ticker.isActive():
            self._ticker.start()
        if state is None:
            return
        now = self._now() if now is None else now
        phase = state.phase(now)
        self.clock.setText(format_clock(state.remaining(now)))
        if self.clock.property("phase") != phase:  # restyle on a change only, not on every tick
            self.clock.setProperty("phase", phase)
            self.clock.setStyleSheet(f"color: {PHASE_COLOURS.get(phase, TEXT)};")
        self.clock_title.setText(tr("Waktu habis!") if phase == "over" else state.title)

    def show_on(self, screen: QScreen | None = None) -> None:
        """Full screen on `screen`, or on the best screen that is not the facilitator's."""
        self._wanted = True
        self._watch(True)
        self.choose_screen(screen or preferred_screen(QGuiApplication.screens(), self._facilitator_screen()))
        self.showFullScreen()

    def choose_screen(self, screen: QScreen | None) -> None:
        if screen is None:
            return
        self._screen = screen
        if self.isFullScreen():
            self.showNormal()  # a full-screen window only moves between screens when normal
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        if self._wanted:
            self.showFullScreen()

    def current_screen(self) -> QScreen | None:
        return self._screen if self._screen is not None else self.screen()

    # --- screens coming and going ------------------------------------------------------------
    def _facilitator_screen(self) -> QScreen | None:
        if self._facilitator is not None:
            return self._facilitator.window().screen()
        return QGuiApplication.primaryScreen()

    def _watch(self, on: bool) -> None:
        app = QGuiApplication.instance()
        if app is None or on == self._watching:
            return
        self._watching = on
        for signal, slot in ((app.screenAdded, self._screen_added), (app.screenRemoved, self._screen_removed)):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.connect(slot) if on else signal.disconnect(slot)

    def _screen_removed(self, screen) -> None:
        """Our screen went away (cable pulled): go to the facilitator's screen, else the primary,
        else any that is left, and stay shown."""
        if screen is not self.current_screen():
            return
        remaining = [s for s in QGuiApplication.screens() if s is not screen]
        candidates = [self._facilitator_screen(), QGuiApplication.primaryScreen(), *remaining]
        target = next((s for s in candidates if s is not None and any(s is r for r in remaining)), None)
        self._screen = None  # never keep a screen Qt is about to delete
        if target is not None:
            self.choose_screen(target)

    def _screen_added(self, screen) -> None:
        """A projector plugged (back) in: leave the facilitator's screen for it."""
        if not self._wanted or screen is None:
            return
        current = self.current_screen()
        if current is None or current is self._facilitator_screen():
            self.choose_screen(screen)

    # --- Qt events ------------------------------------------------------------------------------
    def _scale_fonts(self) -> None:
        h = max(self.height(), 300)
        margin = int(h * 0.03)
        self.layout_.setContentsMargins(margin, int(margin * 0.7), margin, margin)
        self.layout_.setSpacing(int(h * 0.015))
        for widget, share, bold in ((self.context_label, 0.028, False), (self.title_label, 0.055, True),
                                    (self.prompt_label, 0.032, False), (self.clock, 0.1, True),
                                    (self.clock_title, 0.024, False)):
            widget.setFont(_font(h * share, bold))
        self.clock_box.setFixedWidth(int(self.width() * 0.26))
        self.board.set_unit(h * 0.03)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._scale_fonts()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.key() == Qt.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, _event) -> None:  # noqa: N802 - Qt name
        self.close()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt name
        self._wanted = False
        self._ticker.stop()
        self._watch(False)
        self.closed.emit()
        super().closeEvent(event)


class ScreenDialog(QDialog):
    """The screens by name and size; the facilitator's own screen and the primary are marked."""

    def __init__(self, parent: QWidget | None, screens) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Pilih layar proyektor"))
        self.screens = list(screens)
        own = parent.window().screen() if parent is not None else None
        self.list = QListWidget()
        for n, screen in enumerate(self.screens, 1):
            size = screen.geometry()
            notes = [tr("layar utama") if screen is QGuiApplication.primaryScreen() else "",
                     tr("layar jendela ini") if screen is own else ""]
            note = ", ".join(t for t in notes if t)
            text = f"{n}. {screen.name() or tr('Layar')} — {size.width()} × {size.height()}"
            self.list.addItem(QListWidgetItem(f"{text} ({note})" if note else text))
        best = preferred_screen(self.screens, own)
        self.list.setCurrentRow(next((i for i, s in enumerate(self.screens) if s is best), 0))
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Tampilkan layar proyektor di:")))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> QScreen | None:
        row = self.list.currentRow()
        return self.screens[row] if 0 <= row < len(self.screens) else None


def pick_screen(parent: QWidget | None, screens=None) -> QScreen | None:
    """Ask which screen the projector view goes to; None when cancelled or without screens."""
    screens = list(screens if screens is not None else QGuiApplication.screens())
    if not screens:
        return None
    dialog = ScreenDialog(parent, screens)
    return dialog.chosen() if dialog.exec() == QDialog.Accepted else None
