"""Shared fixtures: offscreen Qt, a fresh data folder and store per test."""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def paths(tmp_path):
    from kotacerdas_desktop.paths import prepare_paths

    return prepare_paths(tmp_path / "data")


@pytest.fixture
def services(paths):
    from kotacerdas_desktop.services import Services

    s = Services.open(paths)
    yield s
    s.close()


@pytest.fixture
def demo_region(services):
    return services.demo.create()
