"""Lembar komitmen: signed and blank, A4 and F4 portrait, the verification code and QR on every
page, signatures of an earlier text version struck through, an empty region, hostile names."""
from __future__ import annotations

import io
import re
import subprocess
import uuid
from pathlib import Path

import pytest

from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.domain.signature import synthetic_signature
from kotacerdas_desktop.reports.pdfbase import Cancelled, Progress
from kotacerdas_desktop.services.reports import ReportRequest, render

A4 = (595.28, 841.89)
F4 = (609.45, 935.43)
LONG_NAME = " ".join(f"Komitmen{i:03d}" for i in range(40))[:400]
HOSTILE = ["<b>", "&amp;", "<img src='/etc/passwd'>", LONG_NAME]


def _add_people(services, region_id: str, rows: list[tuple[str, str, str]]) -> list[str]:
    """(name, jabatan, nip) straight into the store, as a synced bundle could have left them."""
    from kotacerdas_desktop.storage.models import Person

    people = [Person(region_id=uuid.UUID(region_id), name=n, jabatan=j, nip=nip, search_key=n.lower())
              for n, j, nip in rows]
    with services.store.session() as s:
        s.add_all(people)
        s.flush()
        return [p.id.hex for p in people]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services

    services = Services.open(prepare_paths(tmp_path_factory.mktemp("km") / "data"))
    region = services.demo.create()
    services.demo.fill_full(region)  # every signatory signs version 1
    ids = _add_people(services, region, [(n, "Kepala <Persero> & Co", "198001012005011003") for n in HOSTILE]
                      + [("Mentor Kementerian", "Tenaga Ahli Kementerian Kominfo", "")])
    for pid in ids:
        services.commitment.add_signatory(region, pid, "saksi" if pid == ids[-1] else "kepala_opd")
    view = services.commitment.view(region)
    services.commitment.set_text(region, view.text + "\n7. Menyediakan data terbuka secara berkala.")
    resigned = [s for s in services.commitment.view(region).signatories if s.role != "saksi"][:3]
    for sg in resigned + [s for s in services.commitment.view(region).signatories if s.name in HOSTILE[:2]]:
        services.commitment.sign(region, sg.id, synthetic_signature(sg.name, 3))
    empty = services.regions.create(RegionInput("kabupaten", "Kosong"))
    yield {"services": services, "region": region, "empty": empty, "resigned": resigned}
    services.close()


def _pdf(services, tmp_path: Path, region_id: str, **kw) -> Path:
    buf = io.BytesIO()
    render(services, ReportRequest("komitmen", region_id, **kw), buf)
    path = tmp_path / f"km-{uuid.uuid4().hex[:8]}.pdf"
    path.write_bytes(buf.getvalue())
    return path


def _text(path: Path, page: int | None = None, raw: bool = False) -> str:
    args = ["pdftotext", "-raw" if raw else "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pages(path: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()
    return int(re.search(r"Pages:\s+(\d+)", info).group(1)), (float(w), float(h))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _corner_ink(path: Path, page: int) -> float:
    """Share of dark pixels in the top right corner (where the QR code goes)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    image = pdf[page - 1].render(scale=2).to_pil().convert("L")
    w, h = image.size
    corner = image.crop((int(w * 0.75), 0, w - int(w * 0.08), int(h * 0.07)))
    histogram = corner.histogram()
    pdf.close()
    return sum(histogram[:100]) / sum(histogram)


@pytest.mark.parametrize("variant", ["signed", "blank"])
@pytest.mark.parametrize("paper,size", [("A4", A4), ("F4", F4)])
def test_code_and_qr_on_every_page(world, tmp_path, variant, paper, size):
    services, region = world["services"], world["region"]
    view = services.commitment.view(region)
    path = _pdf(services, tmp_path, region, variant=variant, paper=paper)
    pages, got = _pages(path)
    assert got == pytest.approx(size, abs=0.5) and pages >= 2
    for n in range(1, pages + 1):
        text = _text(path, n)
        assert f"Kode verifikasi: {view.code} · teks versi 2" in text
        assert f"Kode verifikasi {view.code}" in text  # beside the QR code
        assert f"Halaman {n} dari {pages}" in text
        assert _corner_ink(path, n) > 0.05
    first = _text(path, 1)
    assert "KOMITMEN BERSAMA" in first and "PEMERINTAH KOTA CONTOH" in first
    assert "1. Mengintegrasikan" in first and "Contoh," in first
    flat = _squash(_text(path, raw=True))
    assert _squash("7. Menyediakan data terbuka secara berkala.") in flat
    for sg in view.signatories:
        assert _squash(sg.name) in flat
    assert "KEPALA PERANGKAT DAERAH KOTA CONTOH" in _text(path)
    assert view.text_sha256 in flat


def test_signed_strikes_through_signatures_of_the_earlier_version(world, tmp_path):
    services, region = world["services"], world["region"]
    view = services.commitment.view(region)
    stale = [s for s in view.signatories if s.signed_version == 1 and not s.signed_current]
    assert stale and view.signed >= 5
    text = _text(_pdf(services, tmp_path, region, variant="signed"))
    assert text.count("(menandatangani versi 1)") == len(stale)
    assert "TIDAK MENCAKUP TEKS INI" in text  # the officials' blocks are wide enough for the full mark
    assert _squash(f"{view.signed} dari {len(view.signatories)} penanda tangan") in _squash(text)
    assert _squash(f"kotacerdas-cli verify {view.code}") in _squash(text)
    assert "Menyaksikan," in text and "Tenaga Ahli Kementerian Kominfo" in text


def test_blank_leaves_every_signature_to_wet_ink(world, tmp_path):
    services, region = world["services"], world["region"]
    text = _text(_pdf(services, tmp_path, region, variant="blank"))
    assert "menandatangani versi" not in text and "TIDAK MENCAKUP" not in text
    assert "Lembar untuk tanda tangan basah" in text


def test_hostile_names_print_literally(world, tmp_path):
    services, region = world["services"], world["region"]
    path = _pdf(services, tmp_path, region, variant="signed", paper="A4")
    text = _text(path)
    for name in ("<b>", "&amp;", "<img src='/etc/passwd'>", "Kepala <Persero> & Co"):
        assert name in text
    assert _squash(LONG_NAME) in _squash(_text(path, raw=True))


@pytest.mark.parametrize("variant", ["signed", "blank"])
def test_an_empty_region_gives_a_clear_sheet(world, tmp_path, variant):
    path = _pdf(world["services"], tmp_path, world["empty"], variant=variant)
    pages, size = _pages(path)
    assert size == pytest.approx(A4, abs=0.5)
    for n in range(1, pages + 1):
        assert "Kode verifikasi: belum ada" in _text(path, n)
        assert _corner_ink(path, n) < 0.01  # no code, no QR
    text = _text(path)
    assert "PEMERINTAH KABUPATEN KOSONG" in text
    for title in ("Bupati Kosong", "Wakil Bupati Kosong"):
        assert title in text
    assert "Kosong, ....." in text
    if variant == "signed":
        assert "Belum ada kepala perangkat daerah" in text
        assert "Belum ada tanda tangan elektronik" in text
    else:
        assert re.search(r"^\s*10\b", text, re.MULTILINE)


def test_a_text_without_title_lines_gets_the_fixed_title(world, tmp_path):
    services = world["services"]
    region = services.regions.create(RegionInput("kota", "Tanpa Judul"))
    services.commitment.set_text(region, "Kami berkomitmen untuk bekerja sama. " * 40)
    text = _text(_pdf(services, tmp_path, region))
    assert "LEMBAR KOMITMEN" in text and "Kami berkomitmen untuk bekerja sama." in text


def test_rendering_can_be_cancelled(world):
    with pytest.raises(Cancelled):
        render(world["services"], ReportRequest("komitmen", world["region"]), io.BytesIO(),
               Progress(cancelled=lambda: True))
