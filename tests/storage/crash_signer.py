"""Child process for test_crash_signatures.py: checks people in and signs the commitment
until it is killed.

    python crash_signer.py DATA_DIR RUN SEED

After each call has COMMITTED it prints one line and flushes stdout:

    region <region id>
    checkin <attendance id> <day id> <person id> <strokes sha256>
    sign <signatory id> <version> <strokes sha256> <verification code>

When every signatory has signed the current text, the text is changed (a new version)
and signing starts again, so the loop never runs out of work.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from kotacerdas_desktop.domain.signature import strokes_sha256, synthetic_signature
from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.services import Services


def main() -> int:
    data_dir, run, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    services = Services.open(prepare_paths(data_dir))
    region = services.demo.existing()
    if region is None:
        region = services.demo.create()
        print(f"region {region}", flush=True)
    people = {p.id: p.name for p in services.directory.people(region)}
    days = [d.id for d in services.attendance.days(region)]
    open_pairs = [(d, pid) for d in days for pid in people
                  if pid not in services.attendance.presence(d)]
    rng.shuffle(open_pairs)
    deadline = time.monotonic() + 30  # never outlive a broken parent for long
    step = 0
    while time.monotonic() < deadline:
        step += 1
        stroke_seed = run * 100000 + step
        if rng.random() < 0.6 and open_pairs:
            day, pid = open_pairs.pop()
            view = services.attendance.check_in(day, pid, synthetic_signature(people[pid], stroke_seed))
            print(f"checkin {view.attendance_id} {day} {pid} {view.strokes_sha256}", flush=True)
            continue
        doc = services.commitment.view(region)
        todo = [s for s in doc.signatories if not s.signed_current]
        if not todo:
            services.commitment.set_text(region, f"{doc.text}\n\nPerubahan {stroke_seed}.")
            continue
        signatory = todo[0]
        sig = synthetic_signature(signatory.name, stroke_seed)
        code = services.commitment.sign(region, signatory.id, sig)
        print(f"sign {signatory.id} {doc.version} {strokes_sha256(sig)} {code}", flush=True)
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
