"""The frozen (PyInstaller) bundle: its size, and its cold start beside the source run.

    python bench/frozen.py [--runs 5]

Builds with build/build_linux.sh only when dist/kotacerdas/ is missing. Start-up is
measured as in bench/startup.py: from just before the process is spawned to its
first paint of the main window on the demo data (offscreen, KOTACERDAS_BENCH=1),
for `python -m kotacerdas_desktop` and for dist/kotacerdas/kotacerdas; also the
time of `--version` (the bare cost of starting the process) and of `--self-test`.
The first frozen run after a build is reported apart (cold file cache).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from startup import run_once  # noqa: E402

FROZEN = ROOT / "dist" / "kotacerdas" / "kotacerdas"


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not FROZEN.exists():
        subprocess.run(["bash", str(ROOT / "build" / "build_linux.sh")], check=True)
    import kotacerdas_desktop

    version = kotacerdas_desktop.__version__
    tarball = ROOT / "dist" / f"kotacerdas-{version}-linux-x86_64.tar.gz"
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), KOTACERDAS_BENCH="1")
    env.pop("KOTACERDAS_DATA_DIR", None)
    src_env = dict(env, PYTHONPATH=str(ROOT))
    source = [sys.executable, "-m", "kotacerdas_desktop"]
    frozen = [str(FROZEN)]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run(frozen + ["--data-dir", str(data), "demo"], env=env, check=True, capture_output=True)
        region = subprocess.run(frozen + ["--data-dir", str(data), "--json", "region", "list"], env=env,
                                check=True, capture_output=True, text=True).stdout
        (data / "settings.json").write_text(json.dumps({"last_region_id": json.loads(region)[0]["id"]}))
        first_frozen = run_once(frozen + ["--data-dir", str(data)], env)["KC_FIRST_PAINT"]
        run_once(source + ["--data-dir", str(data)], src_env)  # warm the file cache
        res = {k: [] for k in ("src_paint", "src_ready", "fz_paint", "fz_ready", "src_ver", "fz_ver")}
        for _ in range(args.runs):
            m = run_once(source + ["--data-dir", str(data)], src_env)
            res["src_paint"].append(m["KC_FIRST_PAINT"])
            res["src_ready"].append(m.get("KC_READY", float("nan")))
            m = run_once(frozen + ["--data-dir", str(data)], env)
            res["fz_paint"].append(m["KC_FIRST_PAINT"])
            res["fz_ready"].append(m.get("KC_READY", float("nan")))
            res["src_ver"].append(timed(source + ["--version"], src_env))
            res["fz_ver"].append(timed(frozen + ["--version"], env))
        self_src = timed(source + ["--self-test"], src_env)
        self_fz = timed(frozen + ["--self-test"], env)
    med = {k: statistics.median(v) for k, v in res.items()}
    folder = du(FROZEN.parent)
    print(f"bundle: dist/kotacerdas/ {folder / 1e6:.1f} MB on disk (sum of file sizes)")
    if tarball.exists():
        print(f"        {tarball.relative_to(ROOT)} {tarball.stat().st_size / 1e6:.1f} MB")
    print(f"runs: {args.runs} (fresh process each, offscreen, demo data; medians)")
    print(f"{'':34}{'source':>10}{'frozen':>10}{'ratio':>8}")
    for label, a, b in (("--version", med["src_ver"], med["fz_ver"]),
                        ("main window first paint", med["src_paint"], med["fz_paint"]),
                        ("dashboard filled (ready)", med["src_ready"], med["fz_ready"]),
                        ("--self-test (1 run)", self_src, self_fz)):
        print(f"{label:34}{a:8.0f}ms{b:8.0f}ms{b / a:8.2f}")
    print(f"frozen first paint, first run after build/copy: {first_frozen:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
