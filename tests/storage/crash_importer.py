"""Child process for test_crash_import.py: imports one bundle into DATA_DIR until killed.

    python crash_importer.py DATA_DIR BUNDLE
Prints 'start' (flushed) right before the import begins and 'done' after it committed.
"""
from __future__ import annotations

import sys
from pathlib import Path

from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.services import Services


def main() -> int:
    services = Services.open(prepare_paths(Path(sys.argv[1])))
    print("start", flush=True)
    services.sync.import_bundle(Path(sys.argv[2]))
    print("done", flush=True)
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
