"""The import preview as a facilitator uses it: read, fix a row, choose an OPD, import."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures"))
from workbooks import messy_workbook  # noqa: E402

from kotacerdas_desktop.domain.regions import RegionInput  # noqa: E402
from kotacerdas_desktop.ui.dialogs.import_dialog import COLUMNS, ImportDialog  # noqa: E402


@pytest.fixture
def dialog(qtbot, services, tmp_path):
    rid = services.regions.create(RegionInput(kind="kota", name="Sawahlunto"))
    services.directory.add_common_opds(rid)
    plan = services.people_import.plan(rid, messy_workbook(tmp_path / "undangan.xlsx"))
    d = ImportDialog(services, rid, plan, services.directory.opds(rid))
    qtbot.addWidget(d)
    d.show()
    d.region = rid
    return d


def col(key: str) -> int:
    return [k for k, _l in COLUMNS].index(key)


def test_preview_lists_every_row_with_outcome_and_problem(dialog):
    t = dialog.table
    people, skipped = 9, len([s for s in dialog.plan.skipped if s[1] != "empty"])
    assert t.rowCount() == people + skipped  # rows that are not people are listed too
    outcomes = [t.item(r, col("outcome")).text() for r in range(t.rowCount())]
    assert outcomes.count("bermasalah") == 4
    assert "dilewati: tanda tangan" in outcomes and "dilewati: bagian OPD" in outcomes
    sari = next(r for r in range(t.rowCount()) if t.item(r, col("name")).text() == "Sari Dewi")
    assert "18 digit" in t.item(sari, col("notes")).text()
    assert "baru 4" in dialog.summary.text().replace(":", "")
    assert dialog.opd_box.isVisible()
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).text() == "Impor 8 baris"


def test_fix_a_cell_choose_opd_and_import(dialog, services, qtbot):
    t = dialog.table
    sari = next(r for r in range(t.rowCount()) if t.item(r, col("name")).text() == "Sari Dewi")
    t.item(sari, col("nip")).setText("19850214 201001 2 004")
    qtbot.waitUntil(lambda: t.item(sari, col("outcome")).text() == "baru")
    label = dialog.opd_form.itemAt(0, dialog.opd_form.ItemRole.LabelRole).widget().text()
    assert label == "Badan Antah Berantah"
    combo = dialog.opd_form.itemAt(0, dialog.opd_form.ItemRole.FieldRole).widget()
    combo.setCurrentIndex(combo.findData(""))
    combo.activated.emit(combo.currentIndex())
    joko = next(r for r in range(t.rowCount()) if t.item(r, col("name")).text() == "Joko Susilo")
    assert "Badan Antah Berantah" not in t.item(joko, col("notes")).text()
    dialog.import_problems.setChecked(False)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    assert dialog.pages.currentIndex() == 1
    actions = {dialog.result_table.item(r, 2).text(): dialog.result_table.item(r, 1).text()
               for r in range(dialog.result_table.rowCount())}
    assert actions["Sari Dewi"] == "ditambahkan"
    assert actions["Budi Santoso"] == "bermasalah, tidak diimpor"
    names = {p.name for p in services.directory.people(dialog.region)}
    assert "Sari Dewi" in names and "Budi Santoso" not in names
    assert "Badan Antah Berantah" in [o.name for o in services.directory.opds(dialog.region)]


def test_remapping_a_column_re_reads_the_file(dialog):
    jabatan = next(i for i, c in enumerate(dialog.mapping_combos) if c.currentData() == "jabatan")
    combo = dialog.mapping_combos[jabatan]
    combo.setCurrentIndex(combo.findData("ignore"))
    combo.activated.emit(combo.currentIndex())
    assert all(dialog.table.item(r, col("jabatan")).text() == "" for r in range(dialog.table.rowCount()))
    assert dialog.plan.mapping.get(jabatan, "ignore") == "ignore"


def test_outcome_filter_hides_other_rows(dialog):
    dialog.outcome_filter.setCurrentIndex(dialog.outcome_filter.findData("problem"))
    dialog.outcome_filter.activated.emit(dialog.outcome_filter.currentIndex())
    shown = [r for r in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(r)]
    assert len(shown) == 4
    dialog.outcome_filter.setCurrentIndex(dialog.outcome_filter.findData("skipped"))
    dialog.outcome_filter.activated.emit(dialog.outcome_filter.currentIndex())
    shown = [dialog.table.item(r, col("notes")).text() for r in range(dialog.table.rowCount())
             if not dialog.table.isRowHidden(r)]
    assert "Mengetahui," in shown
