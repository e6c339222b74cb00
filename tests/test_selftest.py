"""`--self-test`: the whole app in a temporary folder, in a fresh process; errors in slots fail it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_passes_in_a_fresh_process(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "KOTACERDAS_DATA_DIR": str(tmp_path / "never-touched")}
    result = subprocess.run([sys.executable, "-m", "kotacerdas_desktop", "--self-test"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("SELF-TEST OK")
    for check in ("demo", "ikon", "jendela", "pdf", "bundel", "basis data"):
        assert any(line.startswith(f"ok  {check}: ") for line in lines), check
    assert not (tmp_path / "never-touched").exists()


def test_an_error_in_a_slot_fails_the_step():
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kotacerdas_desktop.ui.selftest import SelfTestError, _Run

    QApplication.instance() or QApplication([])
    run = _Run(open(os.devnull, "w"))
    saved = sys.excepthook
    run.install_hooks()
    try:
        def boom():
            raise RuntimeError("kaput in a slot")

        with pytest.raises(SelfTestError, match="kaput in a slot"):
            run.step("slot", lambda: QTimer.singleShot(0, boom) or "scheduled")
    finally:
        sys.excepthook = saved
        import threading
        threading.excepthook = threading.__excepthook__
