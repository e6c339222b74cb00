"""Document speed: the daftar hadir of 300 signed participants beside ReportLab alone drawing
the same table (the floor), and Buku II of the full demo region.

    python bench/reports.py [--people 300] [--runs 3]

(a) daftar hadir: services.reports.render of ReportRequest('daftar-hadir', stage 1, its first
    day, variant 'signed') into memory: the people, their check-ins and strokes read through
    the services, the heading, the zig-zag signature cells, the organiser's block;
(b) floor: a plain SimpleDocTemplate with one Table of the same rows and columns (No, Nama, NIP,
    Pangkat/Gol, Jabatan, Instansi/OPD, No. HP, Tanda tangan) whose signature cells are
    pdfbase.SignatureFlowable of the same Signature objects; no service call, no kop, no footer;
    (b') the same with the strokes thinned beforehand as the daftar hadir prints them
    (reports.attendance_pdf.print_signature), the fairer floor once that module exists;
(c) Buku II: ReportRequest('buku-2') of Kota Contoh after demo.create, fill_full and
    fill_worksheets (PDF).

Prints medians over the runs and the ratio of (a) to each floor. A document module that is missing
(or fails) is reported as "skipped: <reason>", so the bench still runs while documents are
being written. Timings live here, never in tests.
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import statistics
import tempfile
import time
import uuid
from pathlib import Path

_spec = importlib.util.spec_from_file_location("bench_people", Path(__file__).with_name("people.py"))
_people = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_people)  # sets the offscreen platform and sys.path like every bench

SEED = 2022


def timed(fn, runs: int) -> tuple[float, object]:
    """Median wall time of `runs` calls in ms, and the last call's result."""
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def check_in_everyone(services, region_id: str, day_id: str) -> dict[str, object]:
    """Every active person of the region signed in on the day, with synthetic strokes, in one
    transaction (as demo.fill_full writes them). Returns person id -> the stored Signature."""
    from sqlalchemy import select

    from kotacerdas_desktop.domain.signature import decode, encode, synthetic_signature
    from kotacerdas_desktop.services.attendance import store_attachment
    from kotacerdas_desktop.storage.models import Attendance, Person

    signatures = {}
    with services.store.session() as s:
        people = s.scalars(select(Person).where(Person.region_id == uuid.UUID(region_id),
                                                Person.archived.is_(False))).all()
        for n, p in enumerate(people):
            data = encode(synthetic_signature(p.name, SEED + n))
            digest = store_attachment(s, data, "application/x-kotacerdas-strokes")
            s.add(Attendance(bimtek_day_id=uuid.UUID(day_id), person_id=p.id, mode="signed", strokes_sha256=digest,
                             signed_at=f"2026-09-22T01:{n // 60 % 60:02d}:{n % 60:02d}Z",
                             device_id=services.store.info.device_id))
            signatures[p.id.hex] = decode(data)
    return signatures


def floor_rows(services, region_id: str, signatures: dict) -> list[tuple]:
    """The table's values, read once before timing: the floor makes no service call."""
    from kotacerdas_desktop.domain.people import format_nip
    from kotacerdas_desktop.services.directory import national_phone

    people = sorted(services.directory.people(region_id), key=lambda p: (p.opd_name, p.name))
    return [(p.full_name, format_nip(p.nip) if p.nip else "-", p.golongan, p.jabatan, p.opd_name,
             national_phone(p.phone), signatures[p.id]) for p in people]


def render_floor(rows: list[tuple], paper: str) -> bytes:
    """ReportLab alone: one landscape table of the same rows with vector signatures."""
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from kotacerdas_desktop.reports.pdfbase import (LANDSCAPE_MARGINS, Page, SignatureFlowable, available_width,
                                                    esc, grid_table, styles)

    page = Page(paper=paper, landscape=True)
    width = available_width(page)
    st = styles(9.5)
    fixed = [1.0 * cm, 3.6 * cm, 2.6 * cm, 2.6 * cm, 4.0 * cm]  # No, NIP, Pangkat/Gol, No. HP, Tanda tangan
    rest = width - sum(fixed)
    widths = [fixed[0], rest * 0.37, fixed[1], fixed[2], rest * 0.33, rest * 0.30, fixed[3], fixed[4]]
    table = [["No", "Nama", "NIP", "Pangkat/Gol", "Jabatan", "Instansi/OPD", "No. HP", "Tanda tangan"]]
    for n, (name, nip, rank, jabatan, opd, phone, signature) in enumerate(rows, 1):
        table.append([str(n), Paragraph(esc(name), st["cell"]), nip, Paragraph(esc(rank), st["cell"]),
                      Paragraph(esc(jabatan), st["cell"]), Paragraph(esc(opd), st["cell"]), phone,
                      SignatureFlowable(signature, fixed[4] - 0.3 * cm, 0.82 * cm)])
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=page.size, **LANDSCAPE_MARGINS)
    doc.build([grid_table(table, widths, font_size=7.5)])
    return out.getvalue()


def document(services, req, runs: int) -> tuple[float | None, str]:
    """(median ms, what was made) of one document through services.reports.render, or
    (None, 'skipped: ...') when its module is missing or fails."""
    from kotacerdas_desktop.services.reports import render

    def once() -> bytes:
        out = io.BytesIO()
        render(services, req, out)
        return out.getvalue()

    try:
        ms, pdf = timed(once, runs)
    except ModuleNotFoundError as exc:
        return None, f"skipped: the module {exc.name} does not exist yet"
    except Exception as exc:  # noqa: BLE001 - a document still being written must not stop the bench
        return None, f"skipped: {type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    return ms, f"{pages(pdf)} pages, {len(pdf) / 1024:,.0f} KiB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services
    from kotacerdas_desktop.services.reports import ReportRequest

    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(prepare_paths(Path(tmp) / "attendance"))
        try:
            region_id = services.demo.create()
            _people.fill_region(services, region_id, args.people - len(services.directory.people(region_id)))
            day = services.attendance.days(region_id)[0]
            signatures = check_in_everyone(services, region_id, day.id)
            rows = floor_rows(services, region_id, signatures)
            paper = services.regions.detail(region_id).data.paper_size or "A4"
            present = services.attendance.counters(day.id).present
            print(f"region                      : {len(rows)} people, {present} signed in on {day.day} "
                  f"(tahap {day.stage}), paper {paper} landscape")
            ms, made = document(services, ReportRequest("daftar-hadir", region_id, stage=day.stage, day=day.day,
                                                        variant="signed"), args.runs)
            floors = [("(b) floor, full strokes", rows)]
            try:  # the document prints strokes thinned to what a table cell can show; so may the floor
                from kotacerdas_desktop.reports.attendance_pdf import print_signature

                floors.append(("(b') floor, thinned strokes", [(*r[:-1], print_signature(r[-1])) for r in rows]))
            except ImportError as exc:
                print(f"(b') floor, thinned strokes : skipped: {exc}")
            if ms is None:
                print(f"(a) daftar hadir, signed    : {made}")
            else:
                print(f"(a) daftar hadir, signed    : median {ms:8.1f} ms ({made})")
            for label, table in floors:
                floor_ms, pdf = timed(lambda: render_floor(table, paper), args.runs)
                print(f"{label:<28}: median {floor_ms:8.1f} ms ({pages(pdf)} pages, {len(pdf) / 1024:,.0f} KiB)"
                      + (f"; (a) is {ms / floor_ms:.2f}x this floor" if ms is not None else ""))
        finally:
            services.close()

        services = Services.open(prepare_paths(Path(tmp) / "demo"))
        try:
            region_id = services.demo.create()
            services.demo.fill_full(region_id)
            records = services.demo.fill_worksheets(region_id)
            print(f"demo region                 : Kota Contoh, {records} worksheet records")
            ms, made = document(services, ReportRequest("buku-2", region_id), args.runs)
            if ms is None:
                print(f"(c) Buku II Masterplan      : {made}")
            else:
                print(f"(c) Buku II Masterplan      : median {ms:8.1f} ms ({made})")
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
