"""The masterplan workbooks (matriks program, peta jalan, quick win): what each sheet holds,
that they open in a spreadsheet ready to filter and print, that nothing typed in the workshop
becomes a formula, and that a region with nothing yet still gives every sheet."""
from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pytest

from kotacerdas_desktop.domain import wizard as wz
from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.reports.masterplan_xlsx import EMPTY_TEXT, HEADER_ROW
from kotacerdas_desktop.reports.pdfbase import Cancelled, Progress
from kotacerdas_desktop.services import Services
from kotacerdas_desktop.services.reports import ReportRequest, render, render_to_file

KINDS = ("matriks-program", "peta-jalan", "quick-win")
SHEETS = {"matriks-program": ["Matriks program"], "peta-jalan": ["Peta jalan", "Anggaran", "Sumber dana"],
          "quick-win": ["Peringkat", "Quick win final"]}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Kota Contoh with attendance, the signed commitment and the worksheets of all four bimtek."""
    services = Services.open(prepare_paths(tmp_path_factory.mktemp("masterplan") / "data"))
    region_id = services.demo.create()
    services.demo.fill_full(region_id)
    services.demo.fill_worksheets(region_id)
    yield services, region_id
    services.close()


def workbook(services, region_id: str, kind: str, paper: str | None = None) -> openpyxl.Workbook:
    buf = io.BytesIO()
    render(services, ReportRequest(kind, region_id, fmt="xlsx", paper=paper), buf)
    return openpyxl.load_workbook(io.BytesIO(buf.getvalue()))


def header(ws) -> list:
    return [c.value for c in ws[HEADER_ROW]]


def data_rows(ws, count: int | None = None) -> list[tuple]:
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    return rows if count is None else rows[:count]


def column(ws, label: str) -> int:
    return header(ws).index(label) + 1


def snapshot(services, region_id: str) -> wz.Snapshot:
    return services.worksheets.snapshot(services.regions.detail(region_id).bimtek[0].id)


def assert_table(ws, last_row: int) -> None:
    """Labels frozen, an auto filter over the table, landscape and the labels repeated on print."""
    assert ws.freeze_panes.endswith(str(HEADER_ROW + 1)), ws.freeze_panes
    ref = ws.auto_filter.ref
    assert ref.startswith(f"A{HEADER_ROW}:") and ref.endswith(str(last_row)), ref
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    for cell in ws[HEADER_ROW]:
        assert cell.font.bold and cell.data_type == "s"
        assert ws.column_dimensions[cell.column_letter].width >= 6


def assert_no_formulas(wb) -> None:
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


# --- the full demo --------------------------------------------------------------------------------

def test_every_workbook_opens_with_its_sheets(demo):
    services, region_id = demo
    for kind in KINDS:
        wb = workbook(services, region_id, kind)
        assert wb.sheetnames == SHEETS[kind]
        assert wb.properties.creator == "Kota Cerdas Desktop"
        for ws in wb:
            assert "Kota Contoh" in ws["A1"].value and ws["A1"].font.bold
            assert "Kota Cerdas Desktop" in ws["A2"].value
            assert len(data_rows(ws)) >= 1 and data_rows(ws)[0][0] != EMPTY_TEXT
        assert_no_formulas(wb)


def test_programme_matrix(demo):
    services, region_id = demo
    snap = snapshot(services, region_id)
    ws = workbook(services, region_id, "matriks-program")["Matriks program"]
    assert header(ws) == ["No", "Dimensi", "Elemen", "Misi", "Sumber", "Kode rujukan", "Program", "Inovasi",
                          "Uraian", "OPD pengampu", "Horizon", "Tahun mulai", "Tahun selesai", "Status",
                          "Total anggaran peta jalan (Rp)", "Sumber dana"]
    rows = data_rows(ws)
    assert len(rows) == len(snap.of("program")) == 48
    assert_table(ws, HEADER_ROW + len(rows))
    assert ws.freeze_panes == "A5"
    assert [r[0] for r in rows] == list(range(1, 49))
    # by the framework's dimension order, then misi (M1, M2, ...) within a dimension
    order = [d.name for d in services.regions.detail(region_id).dimensions]
    keys = [(order.index(r[1]), int(r[3].split(".")[0][1:])) for r in rows]
    assert keys == sorted(keys)
    by_name = {r[6]: r for r in rows}
    existing = by_name["Program Pengelolaan Persampahan"]
    assert existing[1:3] == ("Smart Environment", "Tata kelola sampah")
    assert existing[4:6] == ("RPJMD", "2.11.08") and existing[9] == "Dinas Lingkungan Hidup"
    assert existing[11:13] == (2025, 2029) and existing[14] is None
    assert existing[3].startswith("M") and ". " in existing[3]
    new = by_name["MPP Contoh Daring"]
    assert new[4] == "Ide baru" and new[10] == "Pendek (1 tahun)" and new[13] == "Terpilih"
    assert "Izin Tuntas Tanpa Tatap Muka" in new[7] and new[8]
    # the roadmap budget of a programme is the sum of its entries, a real number with thousands
    programme = next(p for p in snap.of("program") if p.data.get("name") == "MPP Contoh Daring")
    budget = sum(e.data.get("budget") or 0 for e in snap.of("roadmap") if e.data.get("program") == programme.id)
    assert new[14] == budget == 1_100_000_000 and new[15] == "APBD"
    row = next(i for i, r in enumerate(rows, HEADER_ROW + 1) if r[6] == "MPP Contoh Daring")
    money = ws.cell(row=row, column=15)
    assert money.data_type == "n" and money.number_format == "#,##0"
    existing_row = next(i for i, r in enumerate(rows, HEADER_ROW + 1) if r[6] == "Program Pengelolaan Persampahan")
    assert ws.cell(row=existing_row, column=12).number_format == "0"  # a year is not 2.025
    assert ws.cell(row=row, column=9).alignment.wrap_text  # the long Uraian wraps
    assert 40 <= ws.column_dimensions["I"].width <= 60


def test_roadmap_years_budget_and_sources(demo):
    services, region_id = demo
    snap = snapshot(services, region_id)
    wb = workbook(services, region_id, "peta-jalan")
    plan, budget, sources = wb["Peta jalan"], wb["Anggaran"], wb["Sumber dana"]
    years = ["2027", "2028", "2029", "2030", "2031"]  # the demo's roadmap starts in 2027, five years
    assert header(plan) == ["No", "Dimensi", "Elemen", "Program", "OPD pengampu", "Horizon", *years, "Sumber dana"]
    programmes = wz.roadmap_programmes(snap)
    rows = data_rows(plan)
    assert len(rows) == len(programmes)
    assert_table(plan, HEADER_ROW + len(rows))
    assert plan.freeze_panes == "E5"  # No .. Program stay in view when scrolling through the years
    satu_data = next(r for r in rows if r[3].startswith("Contoh Satu Data"))
    assert satu_data[6].startswith("Perwali Satu Data ditetapkan")
    assert satu_data[7].startswith("Portal Satu Data beroperasi")

    assert header(budget) == ["No", "Program", "OPD pengampu", "Sumber dana", *years, "Jumlah"]
    money = data_rows(budget)
    assert_table(budget, HEADER_ROW + len(programmes))  # the totals row stays outside the filter
    *per_programme, totals = money
    assert len(per_programme) == len(programmes)
    assert totals[1] == "Jumlah"
    expected = sum(e.data.get("budget") or 0 for e in snap.of("roadmap")
                   if e.data.get("program") in {p.id for p in programmes})
    assert totals[-1] == expected > 0
    assert sum(r[-1] or 0 for r in per_programme) == expected
    for col in range(4, 9):
        assert totals[col] == sum(r[col] or 0 for r in per_programme)
    for r in per_programme:
        assert r[-1] == sum(v or 0 for v in r[4:9])
    total_cell = budget.cell(row=HEADER_ROW + len(money), column=10)
    assert total_cell.font.bold and total_cell.number_format == "#,##0" and total_cell.data_type == "n"

    assert header(sources)[0] == "Sumber dana" and header(sources)[-1] == "Jumlah"
    *by_source, source_totals = data_rows(sources)
    assert [r[0] for r in by_source][0] == "APBD"
    assert source_totals[-1] == expected == sum(r[-1] for r in by_source)


def test_roadmap_without_a_first_year_counts_years(tmp_path):
    services = Services.open(prepare_paths(tmp_path / "data"))
    try:
        region_id = services.regions.create(RegionInput(kind="kabupaten", name="Agam"))
        bimtek = services.regions.detail(region_id).bimtek[0].id
        services.worksheets.upsert(bimtek, "roadmap_config", {}, {"years": "10"})
        wb = workbook(services, region_id, "peta-jalan")
    finally:
        services.close()
    assert header(wb["Peta jalan"])[6:16] == [f"Tahun {n}" for n in range(1, 11)]
    assert header(wb["Anggaran"])[4:15] == [f"Tahun {n}" for n in range(1, 11)] + ["Jumlah"]


def test_quick_win_ranking_and_final_sheets(demo):
    services, region_id = demo
    snap = snapshot(services, region_id)
    wb = workbook(services, region_id, "quick-win")
    ranking, final = wb["Peringkat"], wb["Quick win final"]
    criteria = snap.of("qw_criterion")
    labels = header(ranking)
    assert labels[:6] == ["Peringkat", "Nama", "Nilai total (0-100)", "Titik", "Status", "Daftar pendek"]
    assert labels[6:-1] == [f"{c.data['name']} (bobot {c.data.get('weight') or 0}"
                            + ("; jumlah titik)" if c.data.get("source") == "dots" else ")") for c in criteria]
    dots = [6 + n for n, c in enumerate(criteria) if c.data.get("source") == "dots"]
    assert labels[-1] == "Belum dinilai"
    rows = data_rows(ranking)
    ranked = wz.ranking(snap)
    assert len(rows) == len(snap.of("quick_win")) == len(ranked)
    assert_table(ranking, HEADER_ROW + len(rows))
    assert [r[1] for r in rows] == [x.name for x in ranked]
    assert rows[0][0] == 1 and rows[0][2] == ranked[0].total and rows[0][5] == "ya"
    totals = [r[2] for r in rows if r[0] is not None]
    assert totals == sorted(totals, reverse=True)
    first = next(c for c in snap.of("quick_win") if c.id == ranked[0].id)
    manual = [c for c in criteria if c.data.get("source") != "dots"]
    assert [rows[0][6 + criteria.index(c)] for c in manual] == [first.data["scores"][c.id] for c in manual]
    assert dots and all(r[col] == r[3] for r in rows for col in dots)  # the dot criterion shows the dots
    assert ranking.cell(row=HEADER_ROW + 1, column=3).number_format == "0.00"

    finals = [x for x in ranked if x.status == "quick_win"]
    assert 3 <= len(finals) <= 6
    labels = header(final)
    assert labels == ["No", "Nama quick win", "Program", "Dimensi", "Elemen", "OPD pemilik", "Masalah", "Solusi",
                      "Tujuan dan manfaat", "Penerima manfaat", "Kolaborator (pentahelix)", "Mulai",
                      "Lama pelaksanaan (bulan)", "Selesai", "Anggaran (Rp)", "Sumber dana",
                      "Indikator keberhasilan"]
    rows = data_rows(final)
    assert [r[1] for r in rows] == [x.name for x in finals]
    sipelita = next(r for r in rows if r[1] == "SiPelita")
    assert sipelita[2] == "MPP Contoh Daring" and sipelita[3:5] == ("Smart Governance", "Pelayanan publik")
    assert sipelita[6].startswith("Pelaku usaha mikro") and sipelita[10] == "Pemerintah, Akademisi, Dunia usaha"
    assert sipelita[11] == datetime(2027, 2, 1) and sipelita[12] == 10 and sipelita[13] == "November 2027"
    assert sipelita[14] == 650_000_000 and sipelita[15] == "APBD" and sipelita[16].startswith("80% izin")
    row = HEADER_ROW + 1 + rows.index(sipelita)
    assert final.cell(row=row, column=15).number_format == "#,##0"
    assert final.cell(row=row, column=12).is_date


def test_paper_follows_the_request(demo):
    services, region_id = demo
    own = services.regions.detail(region_id).data.paper_size
    assert own == "F4"  # Kota Contoh prints on F4, as most Indonesian offices do
    assert workbook(services, region_id, "quick-win")["Peringkat"].page_setup.paperSize == 14
    assert workbook(services, region_id, "quick-win", paper="A4")["Peringkat"].page_setup.paperSize == 9


# --- safety and empty regions ---------------------------------------------------------------------

def test_formula_like_text_stays_text(tmp_path):
    services = Services.open(prepare_paths(tmp_path / "data"))
    try:
        region_id = services.regions.create(RegionInput(kind="kota", name="Uji"))
        opd = services.directory.save_opd(region_id, "=Dinas Uji")
        detail = services.regions.detail(region_id)
        bimtek = detail.bimtek[0].id
        element = detail.dimensions[0].elements[0].id
        ws = services.worksheets
        misi = ws.add(bimtek, "misi", {"text": "+6281 misi"}).id
        prog = ws.add(bimtek, "program", {"source": "baru", "name": '=HYPERLINK("http://x","klik")', "misi": misi,
                                          "element": element, "opd": opd, "description": "@SUM(A1)"}).id
        ws.add(bimtek, "innovation", {"program": prog, "name": "-1+2"})
        ws.add(bimtek, "roadmap", {"program": prog, "year": 1, "milestone": "=1+1", "budget": 5_000_000,
                                   "source": "apbd"})
        crit = ws.add(bimtek, "qw_criterion", {"name": "=kriteria", "weight": 10}).id
        ws.add(bimtek, "quick_win", {"name": "@qw", "status": "quick_win", "program": prog, "problem": "=A1",
                                     "scores": {crit: 3}, "budget": 1_500_000, "start": "2027-01-04",
                                     "months": 6})
        books = {kind: workbook(services, region_id, kind) for kind in KINDS}
    finally:
        services.close()
    for wb in books.values():
        assert_no_formulas(wb)
    matrix = books["matriks-program"]["Matriks program"]
    row = data_rows(matrix)[0]
    assert row[6] == "'" + '=HYPERLINK("http://x","klik")'
    assert row[3] == "M1. +6281 misi"  # starts with the code: nothing to neutralise
    assert row[7] == "'-1+2" and row[8] == "'@SUM(A1)" and row[9] == "'=Dinas Uji" and row[14] == 5_000_000
    plan = books["peta-jalan"]["Peta jalan"]
    assert data_rows(plan)[0][3].startswith("'=HYPERLINK") and data_rows(plan)[0][6] == "'=1+1"
    ranking = books["quick-win"]["Peringkat"]
    assert header(ranking)[6] == "'=kriteria (bobot 10)" and data_rows(ranking)[0][1] == "'@qw"
    final = data_rows(books["quick-win"]["Quick win final"])[0]
    assert final[1] == "'@qw" and final[6] == "'=A1" and final[14] == 1_500_000


def test_empty_region_gives_every_sheet_with_one_row_saying_so(tmp_path):
    services = Services.open(prepare_paths(tmp_path / "data"))
    try:
        region_id = services.regions.create(RegionInput(kind="kota", name="Kosong"))
        books = {kind: workbook(services, region_id, kind) for kind in KINDS}
    finally:
        services.close()
    for kind, wb in books.items():
        assert wb.sheetnames == SHEETS[kind]
        for ws in wb:
            assert ws.max_row == HEADER_ROW + 1, ws.title
            assert data_rows(ws) == [(EMPTY_TEXT,) + (None,) * (ws.max_column - 1)]
            assert all(header(ws)), ws.title
            assert_table(ws, HEADER_ROW + 1)
    assert header(books["peta-jalan"]["Peta jalan"])[6:11] == [f"Tahun {n}" for n in range(1, 6)]


def test_cancel_writes_nothing(demo, tmp_path):
    services, region_id = demo
    target = tmp_path / "matriks.xlsx"
    with pytest.raises(Cancelled):
        render_to_file(services, ReportRequest("matriks-program", region_id, fmt="xlsx"), target,
                       Progress(cancelled=lambda: True))
    assert list(tmp_path.iterdir()) == []


def test_render_to_file_reports_progress(demo, tmp_path):
    services, region_id = demo
    steps = []
    path = render_to_file(services, ReportRequest("peta-jalan", region_id, fmt="xlsx"), tmp_path / "peta.xlsx",
                          Progress(report=lambda done, total: steps.append((done, total))))
    assert steps[0] == (0, 3) and steps[-1] == (3, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["peta.xlsx"]
    assert openpyxl.load_workbook(path).sheetnames == SHEETS["peta-jalan"]
