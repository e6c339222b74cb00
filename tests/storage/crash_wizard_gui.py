"""Child process for test_crash_wizard.py: types misi into the session page (offscreen)
until it is killed.

    python crash_wizard_gui.py DATA_DIR RUN SEED

After each misi text has been committed through the widgets (add a row, type the text,
finish the edit) it prints one line and flushes stdout:

    region <region id>
    misi <text>
"""
from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from kotacerdas_desktop.paths import prepare_paths  # noqa: E402
from kotacerdas_desktop.services import Services  # noqa: E402


def main() -> int:
    data_dir, run, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    app = QApplication.instance() or QApplication([])
    from kotacerdas_desktop.ui.icons import Icons
    from kotacerdas_desktop.ui.pages.session import SessionPage

    services = Services.open(prepare_paths(data_dir))
    region = services.demo.existing()
    if region is None:
        region = services.demo.create()
        print(f"region {region}", flush=True)
    b1 = next(c.id for c in services.bimtek.cards(region) if c.stage == 1)
    page = SessionPage(services, Icons())
    page.load(region, b1)
    page.open_bimtek(b1)
    page.show_step("misi")
    assert page.flow.current.key == "misi"
    deadline = time.monotonic() + 30  # never outlive a broken parent for long
    step = 0
    while time.monotonic() < deadline:
        step += 1
        value = f"Misi GUI r{run} s{step} {rng.randrange(10**6)}"
        editor = page.current_editor().editors[0]
        editor.add()
        text = editor.form.editors["text"]
        text.edit.setText(value)
        text.edit.editingFinished.emit()
        app.processEvents()
        print(f"misi {value}", flush=True)
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
