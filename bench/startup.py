"""Start to first paint of the main window on the demo data, beside a bare
PySide6 QMainWindow measured in the same run.

    python bench/startup.py [--runs 7]

Each run is a fresh process; time is taken from just before the process is
spawned to the moment it reports its first paint (and, for the app, the moment
the region dashboard is filled: "ready"). Prints medians and the ratio.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = r"""
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
from PySide6.QtCore import QTimer
class W(QMainWindow):
    done = False
    def paintEvent(self, e):
        super().paintEvent(e)
        if not W.done:
            W.done = True
            print(f"KC_FIRST_PAINT {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
app = QApplication(sys.argv[:1])
w = W(); w.setCentralWidget(QLabel("bare")); w.resize(1180, 760); w.show()
app.exec()
"""


def run_once(cmd: list[str], env: dict) -> dict[str, float]:
    start = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    marks = {}
    for line in out.stdout.splitlines():
        if line.startswith("KC_"):
            name, stamp = line.split()
            marks[name] = (float(stamp) - start) * 1000
    if "KC_FIRST_PAINT" not in marks:
        raise SystemExit(f"no paint reported by {cmd}: rc={out.returncode}\n{out.stderr[-2000:]}")
    return marks


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               KOTACERDAS_BENCH="1", PYTHONPATH=str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run([sys.executable, "-m", "kotacerdas_desktop", "--data-dir", str(data), "demo"],
                       env=env, check=True, capture_output=True)
        # The app reopens the demo region on start, as a facilitator's laptop would.
        region = subprocess.run([sys.executable, "-m", "kotacerdas_desktop", "--data-dir", str(data),
                                 "--json", "region", "list"], env=env, check=True,
                                capture_output=True, text=True).stdout
        import json

        (data / "settings.json").write_text(json.dumps({"last_region_id": json.loads(region)[0]["id"]}))
        app_cmd = [sys.executable, "-m", "kotacerdas_desktop", "--data-dir", str(data)]
        bare_cmd = [sys.executable, "-c", BARE]
        run_once(app_cmd, env)  # warm the file cache
        run_once(bare_cmd, env)
        bare, paint, ready = [], [], []
        for _ in range(args.runs):
            bare.append(run_once(bare_cmd, env)["KC_FIRST_PAINT"])
            marks = run_once(app_cmd, env)
            paint.append(marks["KC_FIRST_PAINT"])
            ready.append(marks.get("KC_READY", float("nan")))
    mb, mp, mr = statistics.median(bare), statistics.median(paint), statistics.median(ready)
    print(f"runs: {args.runs} (fresh process each, offscreen, demo data: 1 region, 33 OPD, 120 people)")
    print(f"bare QMainWindow first paint      : {mb:7.1f} ms (median)")
    print(f"Kota Cerdas main window first paint: {mp:7.1f} ms (median)  ratio {mp / mb:.2f}")
    print(f"Kota Cerdas dashboard filled (ready): {mr:7.1f} ms (median)  ratio {mr / mb:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
