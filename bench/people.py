"""People directory speed: search latency per keystroke over 5,000 people and the
time to import a 2,000-row workbook.

    python bench/people.py [--people 5000] [--rows 2000]

Prints medians and p95; timings live here, never in tests.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def fill_region(services, region_id: str, count: int) -> None:
    """Add `count` fictional people in one transaction (setup, not measured)."""
    import uuid

    from sqlalchemy import select

    from kotacerdas_desktop.domain.demo_data import generate_demo_people
    from kotacerdas_desktop.storage.models import Opd, Person

    with services.store.session() as s:
        opds = {o.short_name: o.id for o in s.scalars(select(Opd).where(Opd.region_id == uuid.UUID(region_id)))}
        seed, added = 1, 0
        while added < count:
            for item in generate_demo_people(seed=seed, count=120):
                if added >= count:
                    break
                s.add(Person(region_id=uuid.UUID(region_id), prefix=item["prefix"], name=item["name"],
                             suffix=item["suffix"], nip=item["nip"], golongan=item["golongan"],
                             jabatan=item["jabatan"], opd_id=opds.get(item["opd"]), phone=item["phone"],
                             email=item["email"], gender=item["gender"], category=item["category"]))
                added += 1
            seed += 1


def bench_search(services, region_id: str, people: int) -> None:
    from kotacerdas_desktop.app import build_main_window, make_application
    from kotacerdas_desktop.settings import Preferences

    app = make_application()
    window = build_main_window(services.store.paths, Preferences(), services)
    window.resize(1280, 800)
    window.show()
    window.open_region(region_id)
    t = time.perf_counter()
    window.show_area("people")
    app.processEvents()
    load_ms = (time.perf_counter() - t) * 1000
    page = window.people_page
    rows = page.model.rowCount()
    people_rows = [page.model.row_at(i) for i in range(rows)]
    rng = random.Random(7)
    queries = [p.name for p in rng.sample(people_rows, 12)] + \
              [p.nip[:10] for p in rng.sample([p for p in people_rows if p.nip], 4)] + ["dinas kesehatan", "bappeda"]
    latencies = []
    for query in queries:
        for i in range(1, len(query) + 1):
            t = time.perf_counter()
            page.proxy.set_filter(text=query[:i])
            page._update_summary()
            app.processEvents()  # the view repaints with the new rows
            latencies.append((time.perf_counter() - t) * 1000)
        page.proxy.set_filter(text="")
    window.close()
    print(f"people in region          : {rows}")
    print(f"open the People area      : {load_ms:7.1f} ms")
    print(f"search, per keystroke     : median {statistics.median(latencies):6.2f} ms, "
          f"p95 {p95(latencies):6.2f} ms, max {max(latencies):6.2f} ms ({len(latencies)} keystrokes)")


def make_workbook(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    from kotacerdas_desktop.domain.demo_data import DEMO_OPDS, generate_demo_people

    wb = Workbook()
    ws = wb.active
    ws.append(["DAFTAR UNDANGAN BIMTEK SMART CITY TAHAP I"])
    ws.append(["Hari/Tanggal: Selasa, 22 September 2026"])
    ws.append([])
    ws.append(["No", "Nama", "NIP", "Pangkat/Gol", "Jabatan", "Unit Kerja", "No. HP", "Email"])
    names = {o["short_name"]: o["name"] for o in DEMO_OPDS}
    written, seed = 0, 100
    while written < rows:
        for item in generate_demo_people(seed=seed, count=120):
            if written >= rows:
                break
            nip = item["nip"]
            nip = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if nip and written % 3 == 0 else nip
            ws.append([written + 1, " ".join(x for x in (item["prefix"], item["name"]) if x)
                       + (f", {item['suffix']}" if item["suffix"] else ""), nip, item["golongan"],
                       item["jabatan"], names.get(item["opd"], item["opd"]),
                       item["phone"].replace("+62", "0"), item["email"]])
            written += 1
        seed += 1
    ws.append([])
    ws.append(["", "Mengetahui,"])
    ws.append(["", "Kepala Dinas Komunikasi dan Informatika"])
    wb.save(path)


def bench_import(services, region_id: str, rows: int, tmp: Path) -> None:
    path = tmp / "undangan.xlsx"
    make_workbook(path, rows)
    t = time.perf_counter()
    plan = services.people_import.plan(region_id, path)
    plan_s = time.perf_counter() - t
    t = time.perf_counter()
    result = services.people_import.apply(region_id, plan)
    apply_s = time.perf_counter() - t
    t = time.perf_counter()
    again = services.people_import.plan(region_id, path)
    replan_s = time.perf_counter() - t
    print(f"import {rows}-row workbook : read+preview {plan_s:5.2f} s, apply {apply_s:5.2f} s, "
          f"total {plan_s + apply_s:5.2f} s ({result.counts()['added']} added)")
    print(f"same file again (preview) : {replan_s:5.2f} s, outcomes {again.counts()}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=5000)
    ap.add_argument("--rows", type=int, default=2000)
    args = ap.parse_args()
    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services

    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(prepare_paths(Path(tmp) / "data"))
        region_id = services.demo.create()
        fill_region(services, region_id, args.people - 120)
        bench_search(services, region_id, args.people)
        from kotacerdas_desktop.domain.regions import RegionInput

        other = services.regions.create(RegionInput(kind="kabupaten", name="Impor Uji"))
        services.directory.add_common_opds(other)
        bench_import(services, other, args.rows, Path(tmp))
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
