"""Daftar hadir: PDF (signed / names / blank, A4 and F4 landscape) and XLSX, for the demo region
with signatures and paper check-ins, for an empty region, and with hostile names."""
from __future__ import annotations

import io
import re
import subprocess
import uuid
from datetime import date
from pathlib import Path

import pytest

from kotacerdas_desktop.domain.errors import ValidationError
from kotacerdas_desktop.domain.people import format_nip
from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.domain.signature import synthetic_signature
from kotacerdas_desktop.reports.pdfbase import Cancelled, Progress
from kotacerdas_desktop.services.reports import ReportRequest, render

LONG_NAME = " ".join(f"Panjang{i:03d}" for i in range(40))[:400]
HOSTILE = ["<b>", "&amp;", "<img src='/etc/passwd'>", LONG_NAME, "=cmd|' /C calc'!A0"]
A4_LANDSCAPE = (841.89, 595.28)
F4_LANDSCAPE = (935.43, 609.45)


def _add_person(services, region_id: str, name: str, opd_id: str | None, **extra) -> str:
    """Straight into the store, as a synced bundle or an old import could have left it."""
    from kotacerdas_desktop.storage.models import Person

    with services.store.session() as s:
        p = Person(region_id=uuid.UUID(region_id), name=name, opd_id=uuid.UUID(opd_id) if opd_id else None,
                   search_key=name.lower(), **extra)
        s.add(p)
        s.flush()
        return p.id.hex


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services

    services = Services.open(prepare_paths(tmp_path_factory.mktemp("dh") / "data"))
    region = services.demo.create()
    services.demo.fill_full(region)
    services.demo.fill_worksheets(region)
    day = services.attendance.days(region)[0]
    kominfo = next(o for o in services.directory.opds(region) if o.short_name == "Diskominfo")
    hostile = {}
    for i, name in enumerate(HOSTILE):
        pid = _add_person(services, region, name, kominfo.id, nip="198001012005011003", golongan="III/c",
                          jabatan="Analis <Persero> & Co", phone="+6281234567890")
        services.attendance.check_in(day.id, pid, synthetic_signature(name, 1), paper=i == 1, replace=True)
        hostile[name] = pid
    empty = services.regions.create(RegionInput("kabupaten", "Kosong"))
    card = next(c for c in services.bimtek.cards(empty) if c.stage == 1)
    services.bimtek.update(card.id, days=[date(2026, 3, 2), date(2026, 3, 3)])
    yield {"services": services, "region": region, "day": day, "empty": empty, "hostile": hostile}
    services.close()


def _pdf(services, tmp_path: Path, **kw) -> Path:
    buf = io.BytesIO()
    render(services, ReportRequest("daftar-hadir", stage=kw.pop("stage", 1), **kw), buf)
    path = tmp_path / f"dh-{uuid.uuid4().hex[:8]}.pdf"
    path.write_bytes(buf.getvalue())
    return path


def _text(path: Path, page: int | None = None, raw: bool = False) -> str:
    args = ["pdftotext"] + (["-raw"] if raw else ["-layout"])
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pages(path: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()
    return pages, (float(w), float(h))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("variant", ["signed", "names", "blank"])
@pytest.mark.parametrize("paper,size", [("A4", A4_LANDSCAPE), ("F4", F4_LANDSCAPE)])
def test_every_variant_renders_landscape_on_the_paper_asked(world, tmp_path, variant, paper, size):
    path = _pdf(world["services"], tmp_path, region_id=world["region"], variant=variant, paper=paper)
    pages, got = _pages(path)
    assert got == pytest.approx(size, abs=0.5)
    assert pages >= 2
    for n in (1, pages):  # the heading is repeated on every page
        text = _text(path, n)
        assert "DAFTAR HADIR" in text and "TAHAP I: ANALISIS STRATEGIS" in text
        assert "Selasa, 22 September 2026" in text and "Hotel Contoh Indah" in text
        assert f"Halaman {n} dari {pages}" in text
    last = _squash(_text(path, pages))
    assert "Mengetahui," in last and _squash("Kepala Dinas Komunikasi dan Informatika Kota Contoh") in last


def test_region_paper_is_the_default(world, tmp_path):
    path = _pdf(world["services"], tmp_path, region_id=world["region"])  # Kota Contoh prints on F4
    assert _pages(path)[1] == pytest.approx(F4_LANDSCAPE, abs=0.5)


def test_signed_lists_who_came_with_nip_time_and_the_organiser(world, tmp_path):
    services, region, day = world["services"], world["region"], world["day"]
    path = _pdf(services, tmp_path, region_id=region, variant="signed")
    text = _text(path)
    presence = services.attendance.presence(day.id)
    people = {p.id: p for p in services.directory.people(region)}
    present = [people[i] for i in presence if i in people]
    absent = [p for p in people.values() if p.id not in presence]
    civil = next(p for p in present if p.nip and p.id not in world["hostile"].values())
    assert format_nip(civil.nip) in text and re.search(r"\d{8} \d{6} \d \d{3}", text)
    assert "Pukul 08.00 – 16.30 WIB" in text
    flat = _squash(_text(path, raw=True))
    assert all(_squash(p.full_name) in flat for p in present)
    assert absent and not any(_squash(p.full_name) in flat for p in absent if len(p.full_name) > 12)
    assert "tanda tangan di kertas" in text
    assert f"Hadir {len(present)} orang dari {len(people)} peserta terdaftar" in text
    kominfo = next(o for o in services.directory.opds(region) if o.short_name == "Diskominfo")
    head = people[kominfo.head_person_id]
    assert head.full_name in text and f"NIP. {format_nip(head.nip)}" in text
    first = _text(path, 1)  # officials first, in signing order
    assert first.index("Wali Kota Contoh") < first.index("Sekretaris Daerah")


def test_names_prints_everyone_and_blank_prints_no_one(world, tmp_path):
    services, region = world["services"], world["region"]
    people = services.directory.people(region)
    flat = _squash(_text(_pdf(services, tmp_path, region_id=region, variant="names"), raw=True))
    assert all(_squash(p.full_name) in flat for p in people)
    assert "tandatangandikertas" not in flat
    blank = _pdf(services, tmp_path, region_id=region, variant="blank")
    text = _text(blank, raw=True)
    head = next(o for o in services.directory.opds(region) if o.short_name == "Diskominfo").head_person_id
    assert not any(p.full_name in text for p in people if len(p.full_name) > 12 and p.id != head)
    numbers = [int(x) for x in re.findall(r"^(\d{1,3})\b", text, re.MULTILINE)]
    assert max(numbers) >= len(people)


def test_hostile_names_print_literally_and_never_overflow(world, tmp_path):
    services, region = world["services"], world["region"]
    for variant in ("signed", "names"):
        path = _pdf(services, tmp_path, region_id=region, variant=variant, paper="A4")
        text, flat = _text(path), _squash(_text(path, raw=True))
        for name in ("<b>", "&amp;", "<img src='/etc/passwd'>"):
            assert name in text
        assert _squash(LONG_NAME) in flat
        assert "<Persero>" in text


def test_second_day_and_days_that_are_not_of_the_bimtek(world, tmp_path):
    services, region = world["services"], world["region"]
    second = _text(_pdf(services, tmp_path, region_id=region, day=date(2026, 9, 23), variant="names"), 1)
    assert "Rabu, 23 September 2026 (hari ke-2 dari 2" in second
    with pytest.raises(ValidationError, match="bukan hari Bimtek Tahap I"):
        _pdf(services, tmp_path, region_id=region, day=date(2026, 10, 27))
    with pytest.raises(ValidationError, match="Bimtek tahap 2 belum punya tanggal"):
        _pdf(services, tmp_path, region_id=world["empty"], stage=2)


@pytest.mark.parametrize("variant", ["signed", "names", "blank"])
def test_an_empty_region_gives_a_clear_form(world, tmp_path, variant):
    path = _pdf(world["services"], tmp_path, region_id=world["empty"], variant=variant)
    text = _text(path)
    assert "KABUPATEN KOSONG" in text and "Senin, 2 Maret 2026" in text
    assert "Pukul ........ s.d. ........" in text  # no agenda yet
    assert _squash("Kepala Dinas Komunikasi dan Informatika Kabupaten Kosong") in _squash(text)
    assert "....................................." in text  # the organiser's name written by hand
    if variant == "signed":
        assert "Belum ada peserta yang tercatat hadir" in text
    else:
        assert re.search(r"^\s*20\b", text, re.MULTILINE)  # at least 20 numbered rows


def test_rendering_can_be_cancelled(world):
    with pytest.raises(Cancelled):
        render(world["services"], ReportRequest("daftar-hadir", world["region"], stage=1),
               io.BytesIO(), Progress(cancelled=lambda: True))


def test_xlsx_keeps_nip_and_phone_as_text_and_neutralises_formulas(world):
    from openpyxl import load_workbook

    services, region = world["services"], world["region"]
    buf = io.BytesIO()
    render(services, ReportRequest("daftar-hadir", region, stage=1, fmt="xlsx", variant="signed"), buf)
    ws = load_workbook(io.BytesIO(buf.getvalue())).active
    header = next(r for r in range(1, 15) if ws.cell(r, 1).value == "No")
    assert [c.value for c in ws[header]] == ["No", "Nama", "NIP", "Pangkat/Gol", "Jabatan", "Instansi/OPD",
                                             "No. HP", "Tanda tangan"]
    assert ws.freeze_panes == f"A{header + 1}" and ws.auto_filter.ref.startswith(f"A{header}:H")
    rows = [r for r in ws.iter_rows(min_row=header + 1, values_only=False) if isinstance(r[0].value, int)]
    names = {r[1].value: r for r in rows if r[1].value}
    assert "'=cmd|' /C calc'!A0" in names and "=cmd|' /C calc'!A0" not in names
    assert all(r[1].data_type == "s" for r in rows if r[1].value)
    nip_cells = [r[2] for r in rows if r[2].value and r[2].value != "-"]
    assert nip_cells and all(isinstance(c.value, str) and re.fullmatch(r"\d{8} \d{6} \d \d{3}", c.value)
                             for c in nip_cells)
    phones = [r[6] for r in rows if r[6].value and r[6].value != "-"]
    assert phones and all(isinstance(c.value, str) and c.value.startswith("08") for c in phones)
    assert {r[7].value for r in rows} <= {"Ya (layar)", "Ya (kertas)"}
    assert "Ya (kertas)" in {r[7].value for r in rows}
    for name in ("<b>", "&amp;", "<img src='/etc/passwd'>", LONG_NAME):
        assert name in names


def test_xlsx_names_and_blank(world):
    from openpyxl import load_workbook

    services, region = world["services"], world["region"]
    for variant, expect in (("names", len(services.directory.people(region))), ("blank", 120)):
        buf = io.BytesIO()
        render(services, ReportRequest("daftar-hadir", region, stage=1, fmt="xlsx", variant=variant), buf)
        ws = load_workbook(io.BytesIO(buf.getvalue())).active
        numbers = [c.value for c in ws["A"] if isinstance(c.value, int)]
        assert max(numbers) >= expect
    buf = io.BytesIO()
    render(services, ReportRequest("daftar-hadir", world["empty"], stage=1, fmt="xlsx"), buf)
    ws = load_workbook(io.BytesIO(buf.getvalue())).active
    assert any(c.value == "Belum ada peserta yang tercatat hadir pada hari ini." for c in ws["B"])


def test_absurdly_long_values_are_cut_rather_than_overflowing_the_page(world, tmp_path):
    services = world["services"]
    region = services.regions.create(RegionInput("kota", "Panjang"))
    card = next(c for c in services.bimtek.cards(region) if c.stage == 1)
    services.bimtek.update(card.id, days=[date(2026, 5, 4)])
    day = services.attendance.days(region)[0]
    pid = _add_person(services, region, "Nama " * 1000, None, jabatan="Jabatan " * 800, golongan="X" * 300,
                      phone="9" * 200)
    services.attendance.check_in(day.id, pid, synthetic_signature("x", 2))
    for variant in ("signed", "names"):
        for paper in ("A4", "F4"):
            text = _text(_pdf(services, tmp_path, region_id=region, variant=variant, paper=paper))
            assert "Nama Nama" in text and "…" in text
