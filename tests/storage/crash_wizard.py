"""Child process for test_crash_wizard.py: edits the wizard worksheets through the service
until it is killed.

    python crash_wizard.py DATA_DIR RUN SEED

Before changing a record that already exists it prints (and flushes) the intent:

    try <item id> <field> <value>
    archiving <item id>

After each call has RETURNED (committed) it prints one line and flushes stdout:

    region <region id>
    edit <item id> <kind> <field> <value>
    archive <item id>

A `try` (or `archiving`) without its `edit` (or `archive`) is the call that was in flight when the process was killed:
that value may or may not be stored. Values never contain a line break; the value is
everything after the fourth space.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from kotacerdas_desktop.domain.worksheets import READINESS_TEXT_FIELDS, readiness_choices
from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.services import Services

ELEMENTS = [key for key, _ in readiness_choices()]


def say(line: str) -> None:
    print(line, flush=True)


def main() -> int:
    data_dir, run, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    services = Services.open(prepare_paths(data_dir))
    ws = services.worksheets
    region = services.demo.existing()
    if region is None:
        region = services.demo.create()
        say(f"region {region}")
    cards = {c.stage: c.id for c in services.bimtek.cards(region)}
    b1, b2 = cards[1], cards[2]
    ctx = ws.context(b2)
    opds = [oid for oid, _ in ctx.opds]
    elements = [eid for _, _, els in ctx.dimensions for eid, _ in els]
    deadline = time.monotonic() + 30  # never outlive a broken parent for long
    step = 0
    while time.monotonic() < deadline:
        step += 1
        value = f"r{run} s{step} {rng.randrange(10**6)} é–ü"
        roll = rng.random()
        if roll < 0.25:
            view = ws.add(b1, "misi", {"text": f"Misi {value}"})
            say(f"edit {view.id} misi text Misi {value}")
        elif roll < 0.55:
            element, field = rng.choice(ELEMENTS), rng.choice(READINESS_TEXT_FIELDS)
            key = {"element": element, "group": ""}
            current = ws.find(b1, "readiness", key)
            if current is not None:
                say(f"try {current.id} {field} {value}")
            view = ws.upsert(b1, "readiness", key, {field: value})
            say(f"edit {view.id} readiness {field} {value}")
        elif roll < 0.7:
            misi = ws.items(b1, "misi")
            data = {"source": "baru", "name": f"Program {value}", "horizon": rng.choice(["1", "5", "10"]),
                    "opd": rng.choice(opds), "element": rng.choice(elements)}
            if misi:
                data["misi"] = rng.choice(misi).id
            view = ws.add(b2, "program", data)
            say(f"edit {view.id} program name Program {value}")
        elif roll < 0.85:
            targets = ws.items(b1, "misi") + ws.items(b2, "program")
            if not targets:
                continue
            target = rng.choice(targets)
            field, text = ("text", f"Misi {value}") if target.kind == "misi" else ("name", f"Program {value}")
            say(f"try {target.id} {field} {text}")
            view = ws.update(target.id, {field: text})
            say(f"edit {view.id} {view.kind} {field} {text}")
        else:
            targets = ws.items(b1, "misi") + ws.items(b2, "program")
            if len(targets) < 3:
                continue
            target = rng.choice(targets)
            say(f"archiving {target.id}")
            ws.set_archived([target.id])
            say(f"archive {target.id}")
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
