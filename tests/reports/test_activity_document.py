"""Laporan kegiatan of each bimtek: sections, charts, the stage's outputs, empty and hostile data."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pytest

from kotacerdas_desktop.domain import wizard as wz
from kotacerdas_desktop.domain.bimtek import STAGE_OUTPUT, STAGES
from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.services import reports
from kotacerdas_desktop.services.documents.activity import step_lines

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")


def render(services, region: str, stage: int = 1, paper: str | None = None) -> bytes:
    out = io.BytesIO()
    reports.render(services, reports.ReportRequest("laporan-kegiatan", region, stage=stage, paper=paper), out)
    return out.getvalue()


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                            check=True, timeout=60)
    return " ".join(result.stdout.decode("utf-8").split())


def path_objects(data: bytes) -> int:
    """Vector paths drawn on all pages (bars, pie slices, table rules)."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    pdf = pypdfium2.PdfDocument(data)
    try:
        return sum(1 for page in pdf for obj in page.get_objects(max_depth=5)
                   if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH)
    finally:
        pdf.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services

    services = Services.open(prepare_paths(tmp_path_factory.mktemp("activity") / "data"))
    region = services.demo.create()
    services.demo.fill_full(region)
    services.demo.fill_worksheets(region)
    yield services, region
    services.close()


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_activity_report_of_every_bimtek(demo, stage):
    services, region = demo
    card = next(c for c in services.bimtek.cards(region) if c.stage == stage)
    data = render(services, region, stage)
    text = pdf_text(data)
    assert "LAPORAN KEGIATAN" in text and f"{STAGES[stage][0].upper()}: {STAGES[stage][1].upper()}" in text
    for heading in ("Pelaksanaan", "Kehadiran", "Keluaran tahap", "Tindak lanjut", "Penutup"):
        assert heading in text
    assert card.venue in text and STAGE_OUTPUT[stage] in text
    for step in wz.steps_for(stage):
        assert step.title in text
    assert "✓" in text and f"{card.total} dari {card.total} pemeriksaan terpenuhi" in text
    for m in services.worksheets.items(card.id, "mentor"):
        assert m.data["name"] in text
    for f in services.worksheets.items(card.id, "followup"):
        assert f.data["action"] in text
    # the charts: legend and category labels are drawn text; bars and slices are vector paths
    assert "Hadir (sedikitnya satu hari)" in text
    assert re.search(r"Staf OPD: \d+ orang \(\d+%\)", text)
    assert "Grafik 1." in text and "Grafik 2." in text
    assert path_objects(data) > 60
    # the organiser signs: the head of Diskominfo with NIP
    head = next(o for o in services.directory.opds(region) if o.short_name == "Diskominfo")
    assert head.head_name.split(",")[0] in text
    assert "Kepala Dinas Komunikasi dan Informatika Kota Contoh," in text and "NIP. " in text


def test_outputs_of_the_steps_are_summarised(demo):
    services, region = demo
    text = pdf_text(render(services, region, 3))
    assert re.search(r"Inovasi \(\d+\): ", text)
    assert re.search(r"Peta jalan \d{4}-\d{4}: \d+ program; anggaran Rp", text)
    assert "Daftar pendek (" in text
    stage4 = pdf_text(render(services, region, 4))
    assert re.search(r"Quick win final \(\d\): ", stage4)
    assert re.search(r"Sudah menandatangani: (\d+) dari \1", stage4)


def test_step_lines_shorten_long_lists():
    lines = step_lines("isu", {"issues": [{"title": f"Isu {i}"} for i in range(1, 8)]})
    assert lines == ["Isu strategis (7): Isu 1; Isu 2; Isu 3 dan 4 lainnya"]
    assert step_lines("misi", {"misi": []}) == ["Misi: belum ada"]
    assert step_lines("tidak_dikenal", {}) == []


def test_paper_size(demo):
    services, region = demo
    import pypdfium2

    for paper, size in (("A4", (595, 842)), ("F4", (609, 935))):
        pdf = pypdfium2.PdfDocument(render(services, region, 2, paper))
        assert tuple(round(x) for x in pdf[0].get_size()) == size
        pdf.close()


def test_an_empty_bimtek_and_hostile_names(services):
    region = services.regions.create(RegionInput(kind="kabupaten", name="Kosong"))
    text = pdf_text(render(services, region, 1))
    assert "LAPORAN KEGIATAN" in text
    assert "Kehadiran belum tercatat di langkah Registrasi." in text
    assert "Agenda belum diisi di langkah Persiapan." in text
    assert "Tindak lanjut belum diisi di langkah Penutup." in text
    assert "belum" in text and "0 dari " in text

    hostile = "<b>Dinas</b> & <img src='/etc/passwd'/>"
    other = services.regions.create(RegionInput(kind="kota", name="Uji", office_name=hostile))
    card = next(c for c in services.bimtek.cards(other) if c.stage == 1)
    services.bimtek.update(card.id, venue="Aula &amp; <i>Utama</i>", days=[date(2026, 9, 22), date(2026, 9, 23)])
    opd = services.directory.save_opd(other, "Dinas <script>", "<OPD>")
    from kotacerdas_desktop.domain.people import PersonInput

    services.directory.save_person(other, PersonInput(name="Budi", category="opd_staff", opd_id=opd))
    day = next(d for d in services.attendance.days(other) if d.bimtek_id == card.id)
    person = services.directory.people(other)[0]
    services.attendance.check_in(day.id, person.id, None, paper=True)
    services.worksheets.add(card.id, "mentor", {"name": "Mentor <b>", "topic": "x" * 200})
    text = pdf_text(render(services, other, 1))
    assert hostile in text and "Aula &amp; <i>Utama</i>" in text and "Mentor <b>" in text
    assert "<OPD>" in text  # an OPD name in the chart and the table
