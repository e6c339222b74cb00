"""Kill -9 a writer in the middle of its work, several times: nothing it confirmed
is lost, and the database (with its history) stays whole."""
from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

import pytest

from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.storage.database import check_database, connect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from killer import run_and_kill  # noqa: E402

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).resolve().parent / "crash_writer.py"
ROUNDS = 6


def _run_and_kill(data_dir: Path, run: int, rng: random.Random) -> list[str]:
    return run_and_kill(WRITER, data_dir, run, rng, most=40)


def _verify(data_dir: Path, confirmed: list[tuple[str, str, str, int]]) -> None:
    paths = prepare_paths(data_dir)
    conn = connect(paths.database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        report = check_database(conn)
        assert report.ok, report
        latest: dict[str, int] = {}
        for table, rid, column, seq in confirmed:
            row = conn.execute(f'SELECT "{column}" FROM "{table}" WHERE id = ?', (rid,)).fetchone()
            assert row is not None, f"confirmed {table} {rid} is missing"
            if seq == 0:
                continue
            payloads = [json.loads(p)[column] for (p,) in conn.execute(
                "SELECT payload FROM record_version WHERE record_id = ? AND entity = ?", (rid, table))]
            assert any(p.endswith(f"langkah {seq}") for p in payloads), \
                f"confirmed change {seq} of {table} {rid} has no version"
            latest[(table, rid, column)] = max(seq, latest.get((table, rid, column), 0))
        for (table, rid, column), seq in latest.items():
            (value,) = conn.execute(f'SELECT "{column}" FROM "{table}" WHERE id = ?', (rid,)).fetchone()
            # The row holds the last confirmed value, or a later one committed just before the kill.
            assert int(value.rsplit(" ", 1)[1]) >= seq, (table, rid, value, seq)
    finally:
        conn.close()


def test_sigkill_loses_no_confirmed_change(tmp_path):
    rng = random.Random(os.environ.get("KC_CRASH_SEED") or time.time_ns())
    data_dir = tmp_path / "data"
    confirmed: list[tuple[str, str, str, int]] = []
    started = time.monotonic()
    for run in range(1, ROUNDS + 1):
        for line in _run_and_kill(data_dir, run, rng):
            table, rid, column, seq = line.split()
            confirmed.append((table, rid, column, int(seq)))
        _verify(data_dir, confirmed)
    assert len(confirmed) >= ROUNDS
    assert time.monotonic() - started < 60

    # The app opens the crashed folder normally and sees the same people.
    from kotacerdas_desktop.services import Services

    services = Services.open(prepare_paths(data_dir))
    try:
        (region,) = services.regions.list()
        people = {p.id for p in services.directory.people(region.id)}
        assert {rid for table, rid, _c, _s in confirmed if table == "person"} <= people
        assert services.maintenance.check().ok
    finally:
        services.close()
