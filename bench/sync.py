"""USB sync speed: export and import of ten demo regions' worth of data (about 20,000
records with their history) beside a raw SQLite copy of the same database (the floor).

    python bench/sync.py [--regions 10]

(a) floor: the SQLite backup API copying the whole database file;
(b) export: one signed, encrypted bundle per region written to a folder;
(c) import: every bundle verified, planned and applied into an empty data folder.
Prints times, sizes and the ratios to the floor; timings live here, never in tests.
"""
from __future__ import annotations

import argparse
import importlib.util
import sqlite3
import tempfile
import time
from pathlib import Path

_spec = importlib.util.spec_from_file_location("bench_people", Path(__file__).with_name("people.py"))
_people = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_people)  # sys.path and the offscreen platform, like every bench


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--regions", type=int, default=10)
    args = ap.parse_args()

    from kotacerdas_desktop.domain.regions import RegionInput
    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        a = Services.open(prepare_paths(root / "a"))
        b = Services.open(prepare_paths(root / "b"))
        regions = []
        t0 = time.perf_counter()
        for i in range(args.regions):
            rid = a.demo.create()
            a.demo.fill_full(rid)
            a.demo.fill_worksheets(rid)
            detail = a.regions.detail(rid)
            a.regions.update(rid, RegionInput(**{**vars(detail.data), "name": f"Contoh {i + 1:02d}"}))
            regions.append(rid)
        with sqlite3.connect(a.store.paths.database) as conn:
            records = sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in
                          ("person", "attendance", "work_item", "opd", "commitment_signature", "bimtek_day"))
            versions = conn.execute("SELECT count(*) FROM record_version").fetchone()[0]
        print(f"setup: {args.regions} regions, {records:,} records, {versions:,} versions "
              f"({time.perf_counter() - t0:.1f} s, not measured)")
        stick = root / "stick"
        stick.mkdir()
        a.sync.export_public_key(stick / "a.kckey")
        b.sync.export_public_key(stick / "b.kckey")
        a.sync.trust((stick / "b.kckey").read_bytes(), role="office")
        b.sync.trust((stick / "a.kckey").read_bytes())

        t0 = time.perf_counter()
        src = sqlite3.connect(a.store.paths.database)
        dst = sqlite3.connect(root / "copy.sqlite")
        src.backup(dst)
        dst.close()
        src.close()
        floor = time.perf_counter() - t0
        size = (root / "copy.sqlite").stat().st_size

        t0 = time.perf_counter()
        files = [a.sync.export_bundle(rid, stick, encrypt_to=a.sync.office_key()).path for rid in regions]
        export = time.perf_counter() - t0
        bundle_bytes = sum(f.stat().st_size for f in files)

        t0 = time.perf_counter()
        inserted = sum(b.sync.import_bundle(f).inserted for f in files)
        imported = time.perf_counter() - t0
        a.close()
        b.close()
    print(f"(a) floor, SQLite backup copy : {floor * 1000:8.0f} ms ({size / 1e6:.1f} MB)")
    print(f"(b) export, {len(files)} bundles        : {export * 1000:8.0f} ms ({bundle_bytes / 1e6:.1f} MB), "
          f"{export / floor:.1f}x the floor")
    print(f"(c) import into an empty folder : {imported * 1000:8.0f} ms ({inserted:,} versions), "
          f"{imported / floor:.1f}x the floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
