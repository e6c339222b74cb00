"""Wizard edit latency on the demo region's full worksheets (about 300 records): the time
from a finished edit to the step being ready again (saved durably, checks recomputed,
table and form reloaded), beside a bare durable UPDATE of the same row (the floor).

    python bench/wizard.py [--edits 100]

(a) floor: one UPDATE of a work_item row in its own transaction through sqlite3 (WAL,
    synchronous=FULL, history triggers running as in the app);
(b) service: WorksheetService.update alone;
(c) page: the Programme step of Tahap II in the real SessionPage (offscreen): the form's
    edit -> StepUndo -> service -> snapshot -> checks -> table and form reload.

Prints medians and p95; timings live here, never in tests.
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import tempfile
import time
from pathlib import Path

_spec = importlib.util.spec_from_file_location("bench_people", Path(__file__).with_name("people.py"))
_people = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_people)  # sets the offscreen platform and sys.path like every bench
p95 = _people.p95


def report(label: str, values: list[float]) -> float:
    median = statistics.median(values)
    print(f"{label:<58} median {median:7.1f} ms   p95 {p95(values):7.1f} ms")
    return median


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=100)
    args = ap.parse_args()

    from PySide6.QtWidgets import QApplication

    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services
    from kotacerdas_desktop.storage.database import connect
    from kotacerdas_desktop.ui.icons import Icons
    from kotacerdas_desktop.ui.pages.session import SessionPage

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        paths = prepare_paths(Path(tmp))
        services = Services.open(paths)
        region = services.demo.create()
        services.demo.fill_full(region)
        services.demo.fill_worksheets(region)
        b2 = next(c.id for c in services.bimtek.cards(region) if c.stage == 2)
        programmes = services.worksheets.items(b2, "program")
        print(f"{len(services.worksheets.snapshot(b2).items)} worksheet records, "
              f"{len(programmes)} programmes; {args.edits} edits each")

        target = programmes[0]
        conn = connect(paths.database)
        floor = []
        for i in range(args.edits):
            t0 = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute("UPDATE work_item SET data = json_set(data, '$.ref_code', ?) WHERE id = ?",
                         (f"9.{i:02d}", target.id))
            conn.execute("COMMIT")
            floor.append((time.perf_counter() - t0) * 1000)
        conn.close()

        service = []
        for i in range(args.edits):
            t0 = time.perf_counter()
            services.worksheets.update(target.id, {"ref_code": f"8.{i:02d}"})
            service.append((time.perf_counter() - t0) * 1000)

        page = SessionPage(services, Icons())
        page.resize(1280, 800)
        page.show()
        page.load(region, b2)
        page.show_step("program_eksisting")
        editor = page.current_editor().editors[0]
        editor.select(editor.model.rows[0].id)
        app.processEvents()
        full = []
        for i in range(args.edits):
            t0 = time.perf_counter()
            editor.form.edit_requested.emit({"ref_code": f"7.{i:02d}"})
            app.processEvents()
            full.append((time.perf_counter() - t0) * 1000)
        assert services.worksheets.item(editor.current().id).data["ref_code"] == f"7.{args.edits - 1:02d}"

        f = report("floor: durable UPDATE of one row (sqlite3)", floor)
        report("service: WorksheetService.update", service)
        m = report("page: edit -> saved, checks, table and form ready", full)
        print(f"ratio page / floor: {m / f:.1f}x")
        page.close()
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
