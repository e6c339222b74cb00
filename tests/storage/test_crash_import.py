"""Kill -9 an import of a large bundle at random moments: the database is afterwards either
exactly as before or holds the whole bundle, never part of it, and stays consistent."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.services import Services
from kotacerdas_desktop.storage.database import check_database, connect

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).resolve().parent / "crash_importer.py"


def _versions(path: Path) -> int:
    conn = connect(path)
    try:
        return conn.execute("SELECT count(*) FROM record_version").fetchone()[0]
    finally:
        conn.close()


def test_killed_import_is_all_or_nothing(tmp_path):
    source = Services.open(prepare_paths(tmp_path / "a"))
    region = source.demo.create()
    source.demo.fill_full(region)
    source.demo.fill_worksheets(region)
    target_paths = prepare_paths(tmp_path / "b")
    target = Services.open(target_paths)
    stick = tmp_path / "stick"
    stick.mkdir()
    source.sync.export_public_key(stick / "a.kckey")
    target.sync.trust((stick / "a.kckey").read_bytes())
    bundle = source.sync.export_bundle(region, stick / "demo.kcbundle")
    source.close()
    target.close()
    before = _versions(target_paths.database)
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    rng = random.Random(7)
    outcomes = set()
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, str(CHILD), str(target_paths.data_dir), str(bundle.path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert proc.stdout.readline().strip() == "start"
        time.sleep(rng.uniform(0.0, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        rest = proc.stdout.read()
        proc.stdout.close()
        proc.stderr.close()
        count = _versions(target_paths.database)
        assert count in (before, before + bundle.versions), count
        outcomes.add("whole" if count != before else "none")
        conn = connect(target_paths.database)
        try:
            report = check_database(conn)
        finally:
            conn.close()
        assert report.ok, report
        if count != before:  # once it landed, later runs find it already imported: stop
            break
        assert "done" not in rest
    assert outcomes
