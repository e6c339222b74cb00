"""Buku I, Buku II and the executive summary as PDF and Word: content, outline, paper,
an empty region, hostile and very long text, no NIP or phone numbers, cancelling."""
from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.domain.worksheets import BOOK_CHAPTERS
from kotacerdas_desktop.reports import books_content, books_data as bd
from kotacerdas_desktop.reports.pdfbase import Cancelled, Progress
from kotacerdas_desktop.services import reports

KINDS = ("buku-1", "buku-2", "ringkasan-eksekutif")
HOSTILE = "<b>Visi</b> & <img src='/etc/passwd'/> <Persero> \"kutip\""
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")


def titles(book: str) -> list[str]:
    return [label.split(" · ", 1)[1] for key, label in BOOK_CHAPTERS if key.startswith(book)]


def render(services, kind: str, region: str, fmt: str = "pdf", paper: str | None = None,
           progress: Progress | None = None) -> bytes:
    out = io.BytesIO()
    reports.render(services, reports.ReportRequest(kind, region, paper=paper, fmt=fmt), out, progress)
    return out.getvalue()


def text_of(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True,
                            timeout=60)
    return " ".join(result.stdout.decode("utf-8").split())


def pages(pdf: bytes) -> list[tuple[int, int]]:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [tuple(round(x) for x in doc[i].get_size()) for i in range(len(doc))]
    finally:
        doc.close()


def headings(docx: bytes, level: int = 1) -> list[str]:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(docx)).paragraphs if p.style.name == f"Heading {level}"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The full demo, built once, with every book rendered once in both formats."""
    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services

    services = Services.open(prepare_paths(tmp_path_factory.mktemp("books") / "data"))
    region = services.demo.create()
    services.demo.fill_full(region)
    services.demo.fill_worksheets(region)
    files = {(kind, fmt): render(services, kind, region, fmt) for kind in KINDS for fmt in ("pdf", "docx")}
    yield services, region, files
    services.close()


@needs_pdftotext
def test_buku_1_pdf_has_its_chapters_vision_and_readiness(demo):
    services, region, files = demo
    text = text_of(files[("buku-1", "pdf")])
    snap = services.worksheets.snapshot(services.bimtek.cards(region)[0].id)
    for title in titles("b1"):
        assert text.count(title) >= 2, title  # in the table of contents and as the chapter's heading
    assert "MASTERPLAN SMART CITY" in text and "ANALISIS STRATEGIS" in text and "DAFTAR ISI" in text
    assert " ".join(snap.one("visi")["text"].split()) in text
    assert "skor tidak resmi" in text and "Kesenjangan (gap)" in text
    assert "Halaman 2 dari" in text and "Halaman 1 dari" not in text  # no number on the title page
    assert "M1" in text and "I1.1.1.1" in text


@needs_pdftotext
def test_buku_2_pdf_has_masterplan_quick_wins_and_annexes(demo):
    services, region, files = demo
    text = text_of(files[("buku-2", "pdf")])
    for title in titles("b2") + ["Lampiran 1 Komitmen bersama", "Lampiran 2 Daftar peserta"]:
        assert text.count(title) >= 2, title
    snap = services.worksheets.snapshot(services.bimtek.cards(region)[3].id)
    final = [q.data["name"] for q in snap.of("quick_win") if q.data.get("status") == "quick_win"]
    assert final and all(name in text for name in final)
    view = services.commitment.view(region)
    assert view.code and view.code in text.split("Lampiran 1 Komitmen bersama")[-1]
    assert "Sumber dana" in text and "APBD" in text and "Peringkat kandidat quick win" in text
    people = services.directory.people(region)
    assert people[0].full_name in text
    digits = text.replace(" ", "")
    for p in people:  # names, jabatan and OPD only
        assert not p.nip or p.nip not in digits
        assert not p.phone or p.phone.lstrip("+") not in digits


@needs_pdftotext
def test_summary_is_short_and_complete(demo):
    services, region, files = demo
    pdf = files[("ringkasan-eksekutif", "pdf")]
    assert 2 <= len(pages(pdf)) <= 4
    text = text_of(pdf)
    snap = services.worksheets.snapshot(services.bimtek.cards(region)[3].id)
    assert " ".join(snap.one("visi")["text"].split()) in text
    assert all(q.data["name"] in text for q in snap.of("quick_win") if q.data.get("status") == "quick_win")
    assert "Program per dimensi" in text and services.commitment.view(region).code in text


def test_docx_has_headings_and_tables(demo):
    from docx import Document

    _services, _region, files = demo
    assert headings(files[("buku-1", "docx")]) == titles("b1")
    assert headings(files[("buku-2", "docx")]) == titles("b2") + ["Lampiran 1 Komitmen bersama",
                                                                  "Lampiran 2 Daftar peserta"]
    assert "1.1 Latar belakang" in headings(files[("buku-1", "docx")], 2)
    doc = Document(io.BytesIO(files[("buku-2", "docx")]))
    assert len(doc.tables) > 10
    assert doc.tables[0].rows[0]._tr.trPr is not None  # the header row repeats on every page
    assert any(s.orientation == 1 for s in doc.sections)  # the matrices are landscape
    assert "Update Field" in doc.element.xml and "TOC \\o" in doc.element.xml
    summary = headings(files[("ringkasan-eksekutif", "docx")])
    assert summary[0] == "1. Wilayah" and len(summary) == 7


def test_paper_size_follows_the_region_or_the_request(demo):
    services, region, files = demo
    assert services.regions.detail(region).data.paper_size == "F4"
    sizes = pages(files[("buku-2", "pdf")])
    assert sizes[0] == (609, 935) and (935, 609) in sizes  # F4, with landscape matrices
    assert pages(render(services, "ringkasan-eksekutif", region, paper="A4"))[0] == (595, 842)
    from docx import Document

    section = Document(io.BytesIO(files[("buku-1", "docx")])).sections[0]
    assert round(section.page_height.mm) == 330 and round(section.page_width.mm) == 215


@needs_pdftotext
def test_an_empty_region_gives_books_that_say_what_is_missing(demo):
    services, _region, _files = demo
    region = services.regions.create(RegionInput(kind="kabupaten", name="Kosong Sekali"))
    for kind in KINDS:
        text = text_of(render(services, kind, region))
        assert "Belum ada" in text, kind
        assert headings(render(services, kind, region, "docx")), kind
    text = text_of(render(services, "buku-1", region))
    assert "Belum ada data analisis kesiapan; isi di Tahap I langkah Analisis kesiapan." in text
    assert "Belum ada rumusan visi" in text
    text = text_of(render(services, "buku-2", region))
    assert "Teks komitmen belum dibuat" in text and "Belum ada peserta terdaftar" in text
    assert services.worksheets.snapshot(services.bimtek.cards(region)[0].id).commitment[0] == 0  # nothing created


@needs_pdftotext
def test_hostile_and_long_text_prints_literally(demo):
    from docx import Document

    services, _region, _files = demo
    region = services.regions.create(RegionInput(kind="kota", name="Uji Teks"))
    b = services.bimtek.cards(region)[0].id
    sheets = services.worksheets
    sheets.add(b, "visi", {"text": HOSTILE, "status": "draf"})
    misi = sheets.add(b, "misi", {"text": "Misi " + HOSTILE})
    long_name = ("Program dengan nama sangat panjang " * 10)[:299]
    sheets.add(b, "program", {"name": long_name, "misi": misi.id, "source": "baru",
                              "description": "x" * 4000})
    sheets.add(b, "strategic_issue", {"title": HOSTILE, "description": ("uraian " * 600)[:4000],
                                      "priority": "tinggi"})
    sheets.add(b, "readiness", {"element": "struktur.sdm", **{k: ("kata " * 900)[:4000] for k in
                                                              ("kondisi", "kekuatan", "kelemahan", "peluang",
                                                               "ancaman", "gap")}})
    sheets.add(b, "quick_win", {"name": "QW " + HOSTILE, "status": "quick_win", "problem": HOSTILE})
    for kind in KINDS:
        text = text_of(render(services, kind, region))
        assert HOSTILE in text, kind
    assert text_of(render(services, "buku-2", region)).count("Quick win 1: QW " + HOSTILE) == 2  # contents, heading
    assert long_name.split()[0] in text_of(render(services, "buku-2", region))
    doc = Document(io.BytesIO(render(services, "buku-1", region, "docx")))
    assert any(HOSTILE in p.text for p in doc.paragraphs)


def test_very_long_cells_never_overflow_a_page():
    """A 400-character programme name and 5000-character fields lay out (cut, wrapped, rows split)."""
    name = "Program " + "sangatpanjangsekali" * 21
    huge = "kata " * 1000
    src = bd.Source(region="Kota Uji", dimensions=[("Smart Governance", ["Pelayanan publik"])],
                    programmes=[{"name": name, "dimension": "Smart Governance", "element": "Pelayanan publik",
                                 "innovations": [huge], "opd": huge}],
                    readiness=[{"element": "Struktur", "subs": [{"label": huge, "auto": False,
                                                                 "record": {k: huge for k in books_content.READINESS_HEADERS}}]}],
                    roadmap={"start_year": 2027, "years": 10, "programs": [
                        {"name": name, "opd": huge, "total_budget_label": "Rp 1",
                         "entries": [{"year": 10, "milestone": huge, "budget_label": "Rp 1", "source": "csr"}]}],
                        "per_year": [{"year": 10, "budget_label": "Rp 1"}]},
                    quick_wins=[{"name": name, "problem": huge * 2, "solution": huge}],
                    goals=[{"level": "misi", "code": "M1", "text": huge}])
    from kotacerdas_desktop.reports.books_docx import write_docx
    from kotacerdas_desktop.reports.books_pdf import write_pdf

    for kind in KINDS:
        for paper in ("A4", "F4"):
            assert write_pdf(io.BytesIO(), books_content.build(kind, src), paper) >= 1
        write_docx(io.BytesIO(), books_content.build(kind, src), "A4")


def test_progress_is_reported_and_cancel_writes_nothing(demo, tmp_path):
    services, region, _files = demo
    seen: list[tuple[int, int]] = []
    render(services, "buku-1", region, progress=Progress(lambda d, t: seen.append((d, t))))
    assert len(seen) > 6 and seen[-1][0] == seen[-1][1]
    assert all(d <= t for d, t in seen)
    calls = {"n": 0}

    def cancel_later() -> bool:
        calls["n"] += 1
        return calls["n"] > 5

    for fmt in ("pdf", "docx"):
        calls["n"] = 0
        target = tmp_path / f"buku.{fmt}"
        with pytest.raises(Cancelled):
            reports.render_to_file(services, reports.ReportRequest("buku-2", region, fmt=fmt), target,
                                   Progress(cancelled=cancel_later))
        assert list(tmp_path.iterdir()) == []
