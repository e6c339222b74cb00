"""Kill -9 a process that checks people in and signs the commitment, several times:
every check-in and signature it confirmed is there with decodable strokes, every
verification code it handed out still verifies, and the database stays whole."""
from __future__ import annotations

import hashlib
import os
import random
import sys
import time
from pathlib import Path

import pytest

from kotacerdas_desktop.domain.signature import decode
from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.storage.database import check_database, connect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from killer import run_and_kill  # noqa: E402

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")

ROOT = Path(__file__).resolve().parents[2]
SIGNER = Path(__file__).resolve().parent / "crash_signer.py"
ROUNDS = 5


def _run_and_kill(data_dir: Path, run: int, rng: random.Random) -> list[list[str]]:
    return [line.split() for line in run_and_kill(SIGNER, data_dir, run, rng, most=30)]


def _strokes_ok(conn, digest: str) -> None:
    row = conn.execute("SELECT data, size FROM attachment WHERE sha256 = ?", (digest,)).fetchone()
    assert row is not None, f"strokes {digest} are missing"
    data = bytes(row[0])
    assert hashlib.sha256(data).hexdigest() == digest and row[1] == len(data)
    decode(data)  # raises on damaged bytes


def _verify(data_dir: Path, confirmed: list[list[str]]) -> None:
    conn = connect(prepare_paths(data_dir).database)
    try:
        report = check_database(conn)
        assert report.ok, report
        for kind, *rest in confirmed:
            if kind == "region":
                assert conn.execute("SELECT 1 FROM region WHERE id = ?", (rest[0],)).fetchone()
            elif kind == "checkin":
                aid, day, pid, digest = rest
                row = conn.execute("SELECT bimtek_day_id, person_id, mode, strokes_sha256 FROM attendance "
                                   "WHERE id = ?", (aid,)).fetchone()
                assert row == (day, pid, "signed", digest), f"confirmed check-in {aid}: {row}"
                _strokes_ok(conn, digest)
            elif kind == "sign":
                sid, version, digest, _code = rest
                rows = conn.execute(
                    "SELECT v.number FROM commitment_signature s JOIN commitment_version v "
                    "ON v.id = s.version_id WHERE s.signatory_id = ? AND s.strokes_sha256 = ?",
                    (sid, digest)).fetchall()
                assert rows == [(int(version),)], f"confirmed signature of {sid}: {rows}"
                _strokes_ok(conn, digest)
            else:
                raise AssertionError(f"unexpected line {kind} {rest}")
    finally:
        conn.close()


def test_sigkill_loses_no_confirmed_checkin_or_signature(tmp_path):
    rng = random.Random(os.environ.get("KC_CRASH_SEED") or time.time_ns())
    data_dir = tmp_path / "data"
    confirmed: list[list[str]] = []
    started = time.monotonic()
    for run in range(1, ROUNDS + 1):
        confirmed += _run_and_kill(data_dir, run, rng)
        _verify(data_dir, confirmed)
    kinds = [line[0] for line in confirmed]
    assert kinds.count("region") == 1
    assert kinds.count("checkin") + kinds.count("sign") >= ROUNDS

    # The app opens the crashed folder normally: the same people present, every code verifies.
    from kotacerdas_desktop.services import Services

    services = Services.open(prepare_paths(data_dir))
    try:
        region = services.demo.existing()
        assert region == next(line[1] for line in confirmed if line[0] == "region")
        presence = {d.id: services.attendance.presence(d.id) for d in services.attendance.days(region)}
        for kind, *rest in confirmed:
            if kind == "checkin":
                aid, day, pid, digest = rest
                assert presence[day][pid].attendance_id == aid
                assert services.attendance.strokes(digest) is not None
            elif kind == "sign":
                result = services.commitment.verify(rest[3])
                assert result.check.ok, (rest, result.check)
                assert result.version == int(rest[1])
        assert services.maintenance.check().ok
    finally:
        services.close()
    assert time.monotonic() - started < 20
