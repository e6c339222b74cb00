"""Every document kind, in every format and variant, renders for an empty region and for
the full demo, through the same path as the Reports area and the CLI (atomic file)."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.services import Services
from kotacerdas_desktop.services.reports import DOCUMENTS, ReportRequest, render_to_file

CASES = [(doc.key, fmt, variant) for doc in DOCUMENTS.values() for fmt in doc.formats
         for variant in ([v for v, _ in doc.variants] or [""])]


@pytest.fixture(scope="module")
def regions(tmp_path_factory):
    services = Services.open(prepare_paths(tmp_path_factory.mktemp("every") / "data"))
    demo = services.demo.create()
    services.demo.fill_full(demo)
    services.demo.fill_worksheets(demo)
    from kotacerdas_desktop.domain.regions import RegionInput
    empty = services.regions.create(RegionInput(kind="kabupaten", name="Kosong Sekali"))
    services.bimtek.update(services.bimtek.cards(empty)[0].id, days=[__import__("datetime").date(2026, 3, 2)])
    yield services, {"demo": demo, "empty": empty}
    services.close()


@pytest.mark.parametrize("which", ["empty", "demo"])
@pytest.mark.parametrize("kind,fmt,variant", CASES)
def test_renders(regions, which, kind, fmt, variant, tmp_path):
    services, ids = regions
    doc = DOCUMENTS[kind]
    req = ReportRequest(kind, ids[which], stage=1 if doc.scope != "region" else None, variant=variant, fmt=fmt)
    path = render_to_file(services, req, tmp_path / f"out.{fmt}")
    data = Path(path).read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == [f"out.{fmt}"]  # nothing else left behind
    if fmt == "pdf":
        assert data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    else:
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
