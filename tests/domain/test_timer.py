"""The agenda timer as pure values: run, pause, adjust, phases, persistence, agenda times."""
from __future__ import annotations

import json
import math
from datetime import date, datetime

import pytest

from kotacerdas_desktop.domain.timer import (DEFAULT_PLANNED, MAX_PLANNED, TimerState, current_item,
                                             format_clock, planned_seconds)

T0 = 1_700_000_000.0


def test_start_pause_resume_accumulate():
    s = TimerState(item_id="a", title="Paparan", planned=600)
    assert not s.running and s.elapsed(T0) == 0 and s.remaining(T0) == 600
    s = s.start(T0)
    assert s.running and s.elapsed(T0 + 100) == 100
    assert s.start(T0 + 50) is s  # starting a running timer changes nothing
    s = s.pause(T0 + 100)
    assert not s.running and s.elapsed(T0 + 999) == 100
    assert s.pause(T0 + 200) is s
    s = s.start(T0 + 500)
    assert s.elapsed(T0 + 530) == 130 and s.remaining(T0 + 530) == 470
    assert s.reset() == TimerState(item_id="a", title="Paparan", planned=600)


def test_clock_going_back_never_counts_negative():
    s = TimerState(planned=600).start(T0)
    assert s.elapsed(T0 - 60) == 0


def test_adjust_keeps_planned_within_bounds():
    s = TimerState(planned=600)
    assert s.adjust(300).planned == 900
    assert s.adjust(-300).planned == 300
    assert s.adjust(-3600).planned == 0
    assert s.adjust(10 * MAX_PLANNED).planned == MAX_PLANNED
    running = s.start(T0)
    assert running.adjust(60).started_at == T0  # adjusting does not stop the run


def test_overrun_is_negative_and_over():
    s = TimerState(planned=60).start(T0)
    assert not s.is_over(T0 + 59.5)
    assert s.is_over(T0 + 60)
    assert s.remaining(T0 + 190) == -130
    assert not TimerState(planned=0).is_over(T0)  # never started: not over
    assert s.adjust(300).is_over(T0 + 190) is False


@pytest.mark.parametrize("planned, at, phase", [
    (3600, 0, "running"),
    (3600, 3600 - 301, "running"),
    (3600, 3600 - 300, "warning"),   # the last 5 minutes of a long item
    (3600, 3600, "over"),
    (600, 479, "running"),
    (600, 480, "warning"),           # the last 20% of a 10-minute item
    (1500, 1200, "warning"),         # 25 minutes: both rules give 5 minutes
])
def test_phases_while_running(planned, at, phase):
    assert TimerState(planned=planned).start(T0).phase(T0 + at) == phase


def test_phases_idle_paused_over():
    s = TimerState(planned=600)
    assert s.phase(T0) == "idle"
    paused = s.start(T0).pause(T0 + 590)
    assert paused.phase(T0 + 9999) == "paused"  # a paused item in its last minutes is paused
    assert s.start(T0).pause(T0 + 700).phase(T0 + 9999) == "over"  # still over while paused
    assert s.start(T0).reset().phase(T0 + 700) == "idle"


def test_round_trip_through_json():
    for s in (TimerState(), TimerState("id-1", "Paparan materi", 5400, 12.5, None),
              TimerState("id-2", "Diskusi", 600, 30.0, T0 + 0.25)):
        assert TimerState.from_dict(json.loads(json.dumps(s.to_dict()))) == s


def test_missing_keys_take_defaults():
    assert TimerState.from_dict({}) == TimerState()
    assert TimerState.from_dict({"item_id": "x", "planned": 900}) == TimerState(item_id="x", planned=900)


@pytest.mark.parametrize("garbage", [
    None, "", "{}", 42, [], ["planned", 5], {"v": 99, "planned": 60},
    {"planned": "600"}, {"planned": -1}, {"planned": MAX_PLANNED + 1}, {"planned": math.inf},
    {"planned": float("nan")}, {"planned": True}, {"accumulated": -5}, {"accumulated": "1"},
    {"started_at": "yesterday"}, {"started_at": -1.0}, {"item_id": 5}, {"title": ["a"]},
    {"planned": 10 ** 400},
])
def test_garbage_gives_a_fresh_idle_timer(garbage):
    state = TimerState.from_dict(garbage)
    assert state == TimerState()
    assert state.phase(T0) == "idle" and state.planned == DEFAULT_PLANNED


def test_planned_seconds():
    assert planned_seconds("09:00", "10:30") == 5400
    assert planned_seconds("9.00", "09:15") == 900
    assert planned_seconds("09:00", "") is None
    assert planned_seconds("09:00", None) is None
    assert planned_seconds("10:30", "10:30") is None
    assert planned_seconds("10:30", "09:00") is None
    assert planned_seconds("25:00", "26:00") is None
    assert planned_seconds("", "10:00") is None


@pytest.mark.parametrize("seconds, text", [
    (725, "12:05"), (0, "00:00"), (59.2, "01:00"), (0.4, "00:01"), (-0.4, "00:00"),
    (-1, "-00:01"), (-190, "-03:10"), (3723, "1:02:03"), (-3723, "-1:02:03"), (36000, "10:00:00"),
])
def test_format_clock(seconds, text):
    assert format_clock(seconds) == text


AGENDA = [
    {"id": "open", "day": "2024-05-06", "start": "08:00", "end": "09:00"},
    {"id": "talk", "day": "2024-05-06", "start": "09:00", "end": "10:30"},
    {"id": "fgd", "day": "2024-05-06", "start": "11:00", "end": ""},
    {"id": "bad", "day": "2024-05-06", "start": "later", "end": "12:00"},
    {"id": "next", "day": "2024-05-07", "start": "08:00", "end": "09:00"},
]


@pytest.mark.parametrize("moment, expected", [
    (datetime(2024, 5, 6, 7, 59), None),          # nothing started yet today
    (datetime(2024, 5, 6, 8, 0), "open"),
    (datetime(2024, 5, 6, 9, 0), "talk"),          # end is exclusive
    (datetime(2024, 5, 6, 10, 45), "talk"),        # a break: the latest started item
    (datetime(2024, 5, 6, 15, 0), "fgd"),          # no end: current until the day is over
    (datetime(2024, 5, 7, 8, 30), "next"),
    (datetime(2024, 5, 8, 8, 30), None),           # no agenda that day
])
def test_current_item(moment, expected):
    found = current_item(AGENDA, moment)
    assert (found or {}).get("id") == expected


def test_current_item_takes_tuples_and_dates_and_overlaps():
    items = [(date(2024, 5, 6), "09:00", "12:00", "long"), ("2024-05-06", "10:00", "10:30", "short"),
             ("2024-05-06",)]
    assert current_item(items, datetime(2024, 5, 6, 10, 10))[3] == "short"  # the latest started
    assert current_item(items, datetime(2024, 5, 6, 10, 40))[3] == "long"
    assert current_item([], datetime(2024, 5, 6, 10, 0)) is None
