"""The agenda timer of a bimtek as pure values: how long an item was planned, how long
it has run, and where it stands (idle, running, paused, warning, over).

A `TimerState` never reads the clock: every question takes `now` (a float epoch, as
`time.time()` gives). A running timer keeps the moment it was (re)started, so a state
saved at any time and read back after a crash still counts from its real start.

The state is stored as JSON in a local table (`to_dict` / `from_dict`); whatever is
read back that does not make sense gives a fresh idle timer, never an error.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date, datetime

VERSION = 1
DEFAULT_PLANNED = 30 * 60   # an agenda item without an end time
MAX_PLANNED = 24 * 3600
WARNING_SECONDS = 5 * 60    # the last 5 minutes warn ...
WARNING_FRACTION = 0.2      # ... or the last 20% of an item shorter than 25 minutes
PHASES = ("idle", "running", "paused", "warning", "over")
_TIME = re.compile(r"^\s*(\d{1,2})\s*[:.]\s*(\d{2})\s*$")


@dataclass(frozen=True)
class TimerState:
    """One agenda item's timer; `accumulated` is the time run before `started_at`."""

    item_id: str = ""
    title: str = ""
    planned: int = DEFAULT_PLANNED    # seconds
    accumulated: float = 0.0          # seconds run in earlier (paused) stretches
    started_at: float | None = None   # epoch of the current stretch, None while not running

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def start(self, now: float) -> TimerState:
        """Start or resume; a running timer is left as it is."""
        return self if self.running else replace(self, started_at=float(now))

    def pause(self, now: float) -> TimerState:
        """Stop counting and keep the time run so far."""
        if not self.running:
            return self
        return replace(self, accumulated=self.elapsed(now), started_at=None)

    def reset(self) -> TimerState:
        """Back to idle with nothing run; the item and its planned time stay."""
        return replace(self, accumulated=0.0, started_at=None)

    def adjust(self, delta_seconds: float) -> TimerState:
        """Add (or with a negative delta remove) planned time, between 0 and 24 hours."""
        planned = int(min(MAX_PLANNED, max(0, self.planned + round(delta_seconds))))
        return replace(self, planned=planned)

    def elapsed(self, now: float) -> float:
        if self.started_at is None:
            return self.accumulated
        return self.accumulated + max(0.0, now - self.started_at)

    def remaining(self, now: float) -> float:
        """Planned minus elapsed: negative once the item runs over."""
        return self.planned - self.elapsed(now)

    def is_over(self, now: float) -> bool:
        """The planned time is used up (a timer never started is not over)."""
        started = self.running or self.accumulated > 0
        return started and self.remaining(now) <= 0

    def warning_window(self) -> float:
        """The last 5 minutes, or the last 20% of an item shorter than 25 minutes."""
        return min(WARNING_SECONDS, self.planned * WARNING_FRACTION)

    def phase(self, now: float) -> str:
        """'idle', 'over' (even while paused), 'paused', 'warning' or 'running'."""
        if not self.running and self.accumulated <= 0:
            return "idle"
        if self.is_over(now):
            return "over"
        if not self.running:
            return "paused"
        if self.remaining(now) <= self.warning_window():
            return "warning"
        return "running"

    def to_dict(self) -> dict:
        return {"v": VERSION, "item_id": self.item_id, "title": self.title,
                "planned": self.planned, "accumulated": round(self.accumulated, 3),
                "started_at": None if self.started_at is None else round(self.started_at, 3)}

    @classmethod
    def from_dict(cls, data) -> TimerState:
        """The state in `data`; a fresh idle timer when anything in it is off."""
        try:
            return cls._parse(data)
        except (TypeError, ValueError, KeyError, AttributeError, OverflowError):
            return cls()

    @classmethod
    def _parse(cls, data) -> TimerState:
        if not isinstance(data, dict) or data.get("v", VERSION) != VERSION:
            raise ValueError("not a timer state")
        item_id, title = data.get("item_id", ""), data.get("title", "")
        if not isinstance(item_id, str) or not isinstance(title, str):
            raise ValueError("item_id and title are text")
        planned = _number(data.get("planned", DEFAULT_PLANNED))
        accumulated = _number(data.get("accumulated", 0.0))
        started = data.get("started_at")
        started_at = None if started is None else _number(started)
        if not 0 <= planned <= MAX_PLANNED or accumulated < 0 or (started_at is not None and started_at < 0):
            raise ValueError("out of range")
        return cls(item_id=item_id, title=title, planned=int(planned), accumulated=accumulated,
                   started_at=started_at)


def _number(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError("not a number")
    return float(value)


def _minutes(text) -> int | None:
    """'09:30' (or '9.30') -> minutes since midnight; None when it is not a time."""
    m = _TIME.match(text) if isinstance(text, str) else None
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return int(m.group(1)) * 60 + int(m.group(2))


def planned_seconds(start: str, end: str | None) -> int | None:
    """'09:00', '10:30' -> 5400; None when either is missing or end is not after start."""
    begin, finish = _minutes(start), _minutes(end)
    if begin is None or finish is None or finish <= begin:
        return None
    return (finish - begin) * 60


def format_clock(seconds: float) -> str:
    """'12:05'; '-03:10' when overrun; '1:02:03' from an hour. Fractions count up
    (59.2 s left shows '01:00', so '00:00' is the moment time is up)."""
    whole = math.ceil(seconds)
    sign = "-" if whole < 0 else ""
    hours, rest = divmod(abs(whole), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def _fields(item) -> tuple:
    """(day, start, end) of a dict or of a tuple (day, start, end, ...)."""
    if isinstance(item, dict):
        return item.get("day"), item.get("start"), item.get("end")
    return tuple(item[:3]) if len(item) >= 3 else (None, None, None)


def current_item(items, now: datetime):
    """The agenda item running at `now`: today's item with start <= now < end (the
    latest started when several are), else today's latest started item, else None.
    Items are dicts with 'day' (ISO date or date), 'start' and 'end' ('HH:MM'), or
    tuples (day, start, end, ...); the item is returned as given."""
    today = now.date().isoformat()
    minute = now.hour * 60 + now.minute
    running, started = [], []
    for item in items:
        day, start, end = _fields(item)
        if isinstance(day, date):  # a datetime too
            day = day.isoformat()[:10]
        begin = _minutes(start)
        if day != today or begin is None or begin > minute:
            continue
        started.append((begin, item))
        finish = _minutes(end)
        if finish is not None and minute < finish:
            running.append((begin, item))
    for pool in (running, started):
        if pool:
            return max(pool, key=lambda pair: pair[0])[1]
    return None
