"""Child process for test_crash.py: writes through the services until it is killed.

    python crash_writer.py DATA_DIR RUN SEED

After each change has COMMITTED it prints one line and flushes stdout:

    <table> <record id> <column> <sequence>

where the record's <column> now holds a text ending in "langkah <sequence>".
Sequences grow across runs (RUN * 100000 + step), so the parent can tell which
printed change is the latest of a record.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from kotacerdas_desktop.domain.people import PersonInput
from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.services import Services

REGION_NAME = "Uji Tabrakan"


def main() -> int:
    data_dir, run, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    services = Services.open(prepare_paths(data_dir))
    existing = [r for r in services.regions.list() if r.name == REGION_NAME]
    if existing:
        region = existing[0].id
    else:
        region = services.regions.create(RegionInput(kind="kota", name=REGION_NAME,
                                                     province="Sumatera Barat"))
        print(f"region {region} name 0", flush=True)
    people = [p.id for p in services.directory.people(region)]
    bimtek = [c.id for c in services.bimtek.cards(region)]
    deadline = time.monotonic() + 30  # never outlive a broken parent for long
    step = 0
    while time.monotonic() < deadline:
        step += 1
        seq = run * 100000 + step
        value = f"langkah {seq}"
        action = rng.random()
        if action < 0.35 or not people:
            pid = services.directory.save_person(region, PersonInput(
                name="Peserta Uji", jabatan=value, category="opd_staff"))
            people.append(pid)
            print(f"person {pid} jabatan {seq}", flush=True)
        elif action < 0.7:
            pid = rng.choice(people)
            services.directory.save_person(region, PersonInput(
                name="Peserta Uji", jabatan=value, category="opd_staff"), person_id=pid)
            print(f"person {pid} jabatan {seq}", flush=True)
        elif action < 0.85:
            oid = services.directory.save_opd(region, f"Dinas {value}")
            print(f"opd {oid} name {seq}", flush=True)
        else:
            bid = rng.choice(bimtek)
            services.bimtek.update(bid, venue=f"Aula {value}")
            print(f"bimtek {bid} venue {seq}", flush=True)
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
