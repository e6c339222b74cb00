"""Berita acara and notulen of each bimtek: content, paper, empty bimtek, hostile text."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pytest

from kotacerdas_desktop.domain.bimtek import STAGES
from kotacerdas_desktop.domain.dates import date_in_words
from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.services import reports

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")

HOSTILE = "<b>tebal</b> &amp; <img src='/etc/passwd'/> <Persero>"
LONG = " ".join(["panjang"] * 60)[:400]
WORD = "w" * 400


def render(services, kind: str, region: str, stage: int = 1, paper: str | None = None) -> bytes:
    out = io.BytesIO()
    reports.render(services, reports.ReportRequest(kind, region, stage=stage, paper=paper), out)
    return out.getvalue()


def pdf_text(data: bytes) -> str:
    """The text of a PDF as pdftotext reads it, whitespace collapsed."""
    result = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                            check=True, timeout=60)
    return " ".join(result.stdout.decode("utf-8").split())


def page_size(data: bytes) -> tuple[int, int]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        w, h = pdf[0].get_size()
        return round(w), round(h)
    finally:
        pdf.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The full demo (attendance, signed commitment, worksheets of all four bimtek), built once."""
    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services

    services = Services.open(prepare_paths(tmp_path_factory.mktemp("minutes") / "data"))
    region = services.demo.create()
    services.demo.fill_full(region)
    services.demo.fill_worksheets(region)
    yield services, region
    services.close()


def _card(services, region, stage):
    return next(c for c in services.bimtek.cards(region) if c.stage == stage)


def _lines(text: str) -> list[str]:
    """Each line of a worksheet value without the number the user typed ('1. ')."""
    return [re.sub(r"^\s*\d+[.)]\s+", "", x).strip() for x in text.splitlines() if x.strip()]


def _document(demo, kind: str, record: str, stage: int):
    """(services, bimtek card, the worksheet record, the PDF's text) for one demo bimtek."""
    services, region = demo
    card = _card(services, region, stage)
    text = pdf_text(render(services, kind, region, stage))
    return services, card, services.worksheets.find(card.id, record).data, text


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_berita_acara_of_every_bimtek(demo, stage):
    services, card, ba, text = _document(demo, "berita-acara", "berita_acara", stage)
    assert "BERITA ACARA" in text
    assert f"{STAGES[stage][0].upper()}: {STAGES[stage][1].upper()}" in text
    assert f"Nomor: {ba['number']}" in text
    assert f"Pada hari ini {date_in_words(min(card.days))}" in text
    assert card.venue in text
    assert "Demikian berita acara ini dibuat dengan sebenarnya" in text
    assert text.count("Pada hari ini") == 1 and text.count("Demikian berita acara") == 1  # the user's own, once
    for line in _lines(ba["decisions"]):
        assert line in text
    for s in services.worksheets.items(card.id, "ba_signatory"):
        assert s.data["name"] in text
    for f in services.worksheets.items(card.id, "followup"):
        assert f.data["action"] in text
    assert "Pimpinan Rapat" in text and "Narasumber" in text
    assert "Lampiran Berita Acara Nomor" in text and "REKAPITULASI KEHADIRAN" in text
    assert "Diskominfo" in text  # the attendance table per OPD
    assert "NIP. " in text  # signatories found in the directory print their NIP


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_notulen_of_every_bimtek(demo, stage):
    _, _, n, text = _document(demo, "notulen", "notulen", stage)
    assert "NOTULEN" in text
    for label in ("Nama kegiatan", "Hari/tanggal", "Waktu", "Tempat", "Pimpinan rapat", "Notulis", "Peserta",
                  "Tanya jawab", "Kesimpulan", "Tindak lanjut", "Pertemuan berikutnya"):
        assert label in text
    assert f"Pukul {n['start'].replace(':', '.')}–{n['end'].replace(':', '.')}" in text
    assert n["chair"] in text and n["minute_taker"] in text
    for line in _lines(n["conclusions"]) + _lines(n["contributions"]):
        assert line in text
    assert n["next_meeting"] in text
    assert "REKAPITULASI KEHADIRAN" in text and "Kehadiran per unsur peserta" in text


def test_paper_follows_the_request_and_the_region(demo):
    services, region = demo
    assert services.regions.detail(region).data.paper_size == "F4"
    assert page_size(render(services, "berita-acara", region)) == (609, 935)  # F4 215 x 330 mm
    assert page_size(render(services, "notulen", region, paper="A4")) == (595, 842)
    assert page_size(render(services, "berita-acara", region, paper="F4")) == (609, 935)


def test_an_empty_bimtek_prints_placeholders(services):
    region = services.regions.create(RegionInput(kind="kabupaten", name="Kosong"))
    ba = pdf_text(render(services, "berita-acara", region, 2))
    assert "PELAKSANAAN BIMBINGAN TEKNIS" in ba and "TAHAP II" in ba
    assert "Nomor: ....." in ba
    assert "Pada hari ini ........ tanggal ........ bulan" in ba
    assert "Belum diisi di langkah Penutup." in ba
    assert "Tindak lanjut belum diisi di langkah Penutup." in ba
    assert "Daftar hadir belum diisi di langkah Registrasi" in ba
    assert "Pimpinan Rapat" in ba and "Notulis" in ba  # blank blocks to sign by hand
    notulen = pdf_text(render(services, "notulen", region, 4))
    assert "Notulen belum diisi di langkah Penutup." in notulen
    assert "Agenda belum diisi di langkah Persiapan." in notulen


def test_hostile_and_long_text_is_printed_literally(services):
    region = services.regions.create(RegionInput(kind="kota", name="Uji <b>", paper_size="A4"))
    card = _card(services, region, 1)
    services.bimtek.update(card.id, venue="Aula <b>Utama</b> & Co", days=[date(2026, 9, 22)])
    ws = services.worksheets
    ws.add(card.id, "agenda", {"day": "2026-09-22", "start": "08:00", "end": "09:00", "title": HOSTILE,
                               "speaker": WORD[:200]})
    ws.upsert(card.id, "notulen", {}, {"chair": HOSTILE, "minute_taker": "Notulis & <u>", "start": "08:00",
                                        "end": "12:00", "contributions": LONG, "qa": f"Tanya: {HOSTILE}\nJawab: {WORD}",
                                        "conclusions": f"{HOSTILE}\n{WORD}", "next_meeting": HOSTILE})
    ws.add(card.id, "followup", {"action": HOSTILE, "owner": WORD[:200], "due": "2026-10-01"})
    ws.upsert(card.id, "berita_acara", {}, {"number": "<b>005</b>&amp;", "proceedings": f"{HOSTILE}\n{LONG}",
                                             "decisions": WORD})
    ws.add(card.id, "ba_signatory", {"name": HOSTILE, "jabatan": LONG[:200], "role": "mengetahui"})
    for kind in ("berita-acara", "notulen"):
        data = render(services, kind, region)
        text = pdf_text(data)
        assert HOSTILE in text, kind
        assert "Aula <b>Utama</b> & Co" in text
        body = re.sub(r"Halaman \d+ dari \d+|(Berita Acara|Notulen) Tahap I · Kota Uji <b>", "", text)
        assert WORD in body.replace(" ", "")  # a 400-character word wraps (maybe over a page), nothing is lost
        assert LONG in text
    assert "Nomor: <b>005</b>&amp;" in pdf_text(render(services, "berita-acara", region))
    assert "Notulis & <u>" in pdf_text(render(services, "notulen", region))
