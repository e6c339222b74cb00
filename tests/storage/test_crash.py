"""Kill -9 a writer in the middle of its work, several times: nothing it confirmed
is lost, and the database (with its history) stays whole."""
from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.storage.database import check_database, connect

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).resolve().parent / "crash_writer.py"
ROUNDS = 6


def _reader(stream, out: queue.Queue) -> None:
    for line in stream:
        out.put(line)
    out.put(None)


def _run_and_kill(data_dir: Path, run: int, rng: random.Random) -> list[str]:
    """Start a writer, wait for some confirmed changes, SIGKILL it; return every complete line."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, str(WRITER), str(data_dir), str(run), str(rng.randrange(2**32))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True)
    reader.start()
    got: list[str] = []
    want = rng.randint(1, 40)
    deadline = time.monotonic() + 15
    try:
        while len(got) < want:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                raise AssertionError(f"writer ended early (rc {proc.wait()}): {proc.stderr.read()}")
            got.append(line)
        time.sleep(rng.uniform(0, 0.03))  # land somewhere inside a later transaction
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    reader.join(timeout=10)
    while True:  # lines already in the pipe were printed after their commit too
        line = lines.get_nowait() if not lines.empty() else None
        if line is None:
            break
        got.append(line)
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return [line for line in got if line.endswith("\n")]


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
