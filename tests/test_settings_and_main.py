"""Preferences file and the entry points' behaviour without a display."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kotacerdas_desktop.settings import Preferences

ROOT = Path(__file__).resolve().parent.parent


def test_preferences_round_trip_and_bad_file(tmp_path):
    path = tmp_path / "settings.json"
    assert Preferences.load(path) == Preferences()
    Preferences(language="en", last_region_id="abc").save(path)
    assert Preferences.load(path) == Preferences(language="en", last_region_id="abc")
    path.write_text("{not json")
    assert Preferences.load(path) == Preferences()
    path.write_text('{"language": 5, "unknown": true}')
    assert Preferences.load(path).language == "id"


def test_gui_without_display_explains_instead_of_crashing(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run([sys.executable, "-m", "kotacerdas_desktop", "--data-dir", str(tmp_path / "d")],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert "xvfb-run" in out.stderr
    assert "Traceback" not in out.stderr and "qt.qpa" not in out.stderr


def test_python_m_dispatches_cli_commands(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-m", "kotacerdas_desktop", "--data-dir", str(tmp_path / "d"),
                          "region", "list"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Belum ada wilayah" in out.stdout
