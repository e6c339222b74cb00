"""Start a writer script, let it confirm some changes, SIGKILL it (shared by the crash tests)."""
from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _reader(stream, out: queue.Queue) -> None:
    for line in stream:
        out.put(line)
    out.put(None)


def run_and_kill(script: Path, data_dir: Path, run: int, rng: random.Random, most: int) -> list[str]:
    """Every complete line the child printed (each printed only after its commit)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, str(script), str(data_dir), str(run), str(rng.randrange(2**32))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True)
    reader.start()
    got: list[str] = []
    want = rng.randint(1, most)
    deadline = time.monotonic() + 15
    try:
        while len(got) < want:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                raise AssertionError(f"{script.name} ended early (rc {proc.wait()}): {proc.stderr.read()}")
            got.append(line)
        time.sleep(rng.uniform(0, 0.03))  # land somewhere inside a later transaction
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    reader.join(timeout=10)
    while not lines.empty():  # lines already in the pipe were printed after their commit too
        line = lines.get_nowait()
        if line is None:
            break
        got.append(line)
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return [line for line in got if line.endswith("\n")]
