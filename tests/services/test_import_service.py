"""Importing invitation lists through the service: preview, apply, re-import, round trip."""
from __future__ import annotations

from pathlib import Path

import sys

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures"))
from workbooks import messy_workbook  # noqa: E402

from kotacerdas_desktop.domain.regions import RegionInput  # noqa: E402


@pytest.fixture
def region(services):
    rid = services.regions.create(RegionInput(kind="kota", name="Sawahlunto"))
    services.directory.add_common_opds(rid)
    return rid


def outcomes(plan) -> dict[int, str]:
    return {r.line: r.outcome for r in plan.rows}


def test_preview_spells_out_every_row_and_writes_nothing(services, region, tmp_path):
    path = messy_workbook(tmp_path / "undangan.xlsx")
    plan = services.people_import.plan(region, path)
    assert plan.header_index == 4
    assert outcomes(plan) == {7: "new", 8: "new", 10: "new", 11: "problem", 12: "duplicate",
                              13: "problem", 14: "problem", 15: "problem", 16: "new"}
    rows = {r.line: r for r in plan.rows}
    assert rows[7].person.name == "Ahmad Fauzi" and rows[7].person.prefix == "Drs. H."
    assert rows[7].person.nip == "197003121995031002"
    assert rows[7].opd_id is not None  # the section row "A. SEKRETARIAT DAERAH" is its OPD
    assert rows[10].person.phone == "+6281311112223"  # a number that lost its leading 0
    assert any("Excel" in p for p in rows[11].problems)
    assert any("Nama" in p for p in rows[13].problems)
    assert any("18 digit" in p for p in rows[14].problems)
    assert any("Badan Antah Berantah" in p for p in rows[15].problems)
    assert any("email" in p.lower() for p in rows[15].problems)
    assert plan.unknown_opds == ["Badan Antah Berantah"]
    kinds = {kind for _line, kind, _text in plan.skipped}
    assert {"title", "section", "signature"} <= kinds
    assert services.directory.people(region) == []


def test_apply_is_one_transaction_and_every_row_gets_a_result(services, region, tmp_path):
    path = messy_workbook(tmp_path / "undangan.xlsx")
    plan = services.people_import.plan(region, path)
    result = services.people_import.apply(region, plan, import_problems=True)
    by_line = {r.line: r.action for r in result.rows}
    assert set(by_line) == {r.line for r in plan.rows}
    assert by_line[12] == "duplicate" and by_line[13] == "skipped"  # no name: cannot be a person
    assert by_line[11] == "added_flagged" and by_line[15] == "added_flagged"
    people = {p.name: p for p in services.directory.people(region)}
    assert len(people) == 7
    budi = people["Budi Santoso"]
    assert budi.nip == "" and "197805122003121" in budi.review_note  # the lost digits are not stored
    joko = people["Joko Susilo"]
    assert joko.email == "" and "joko@" in joko.review_note and joko.opd_id is None
    formula = next(p for p in people.values() if p.name.startswith("="))
    assert formula.jabatan == "@SUM(A1)"  # stored as plain text
    assert services.maintenance.check().ok


def test_second_import_of_the_same_file_creates_no_duplicates(services, region, tmp_path):
    path = messy_workbook(tmp_path / "undangan.xlsx")
    services.people_import.apply(region, services.people_import.plan(region, path))
    before = services.directory.people(region)
    plan = services.people_import.plan(region, path)
    assert {r.outcome for r in plan.rows} <= {"same", "problem", "duplicate"}
    result = services.people_import.apply(region, plan)
    assert not [r for r in result.rows if r.action in ("added", "added_flagged")]
    assert len(services.directory.people(region)) == len(before)


def test_skip_problems_and_create_unknown_opd(services, region, tmp_path):
    path = messy_workbook(tmp_path / "undangan.xlsx")
    plan = services.people_import.plan(region, path)
    plan.opd_choices["Badan Antah Berantah"] = ""  # create it
    plan = services.people_import.evaluate(region, plan)
    result = services.people_import.apply(region, plan, import_problems=False)
    assert result.opds_created == ["Badan Antah Berantah"]
    actions = {r.line: r.action for r in result.rows}
    assert actions[11] == "skipped" and actions[14] == "skipped"
    assert actions[15] == "skipped"  # still an invalid email
    assert "Badan Antah Berantah" in [o.name for o in services.directory.opds(region)]


def test_fixing_a_row_in_the_preview(services, region, tmp_path):
    path = messy_workbook(tmp_path / "undangan.xlsx")
    plan = services.people_import.plan(region, path)
    index = next(i for i, r in enumerate(plan.rows) if r.line == 14)
    plan = services.people_import.edit_row(region, plan, index, {"nip": "19850214 201001 2 004"})
    fixed = plan.rows[index]
    assert fixed.outcome == "new" and fixed.person.nip == "198502142010012004"
    assert fixed.person.name == "Sari Dewi" and fixed.person.opd_text == "Dinas Pariwisata"
    # a NIP that another row of the file already has makes it a duplicate of that row
    plan = services.people_import.edit_row(region, plan, index, {"nip": "198502142010012003"})
    assert plan.rows[index].outcome == "duplicate" and plan.rows[index].duplicate_of == 10


def test_updates_show_changes_and_empty_cells_erase_nothing(services, region, tmp_path):
    path = messy_workbook(tmp_path / "undangan.xlsx")
    services.people_import.apply(region, services.people_import.plan(region, path))
    wb = load_workbook(path)
    ws = wb.active
    ws["E7"] = "Asisten Pemerintahan dan Kesra"  # jabatan of Ahmad Fauzi changed
    ws["G7"] = None  # phone left empty
    wb.save(path)
    plan = services.people_import.plan(region, path)
    row = next(r for r in plan.rows if r.line == 7)
    assert row.outcome == "update"
    assert row.changes == {"jabatan": ("Asisten Pemerintahan", "Asisten Pemerintahan dan Kesra")}
    services.people_import.apply(region, plan)
    ahmad = next(p for p in services.directory.people(region) if p.name == "Ahmad Fauzi")
    assert ahmad.jabatan == "Asisten Pemerintahan dan Kesra" and ahmad.phone == "+6281234567890"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_changes_nothing(services, demo_region, tmp_path, suffix):
    from kotacerdas_desktop.domain.people import PersonInput

    services.directory.save_person(demo_region, PersonInput(
        name="=cmd|' /C calc'!A0", jabatan="+Kepala Seksi", category="other"))
    path, count = services.directory.export(demo_region, tmp_path / f"peserta{suffix}")
    assert count == 121
    with services.store.engine.connect() as c:
        versions = c.exec_driver_sql("SELECT count(*) FROM record_version").scalar_one()
    plan = services.people_import.plan(demo_region, path)
    assert plan.counts()["same"] == 121, [(r.line, r.outcome, r.problems, r.changes) for r in plan.rows
                                          if r.outcome != "same"][:5]
    services.people_import.apply(demo_region, plan)
    with services.store.engine.connect() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM record_version").scalar_one() == versions


def test_exported_workbook_is_safe(services, demo_region, tmp_path):
    from kotacerdas_desktop.domain.people import PersonInput

    services.directory.save_person(demo_region, PersonInput(name="=HYPERLINK(\"http://x\")", jabatan="-2+3"))
    path, _ = services.directory.export(demo_region, tmp_path / "peserta.xlsx")
    ws = load_workbook(path).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    nips = [c.value for c in cells if isinstance(c.value, str) and len(c.value) == 18 and c.value.isdigit()]
    assert len(nips) > 50  # NIPs are text, all 18 digits kept
    assert any(c.value == "'=HYPERLINK(\"http://x\")" for c in cells)


def test_csv_in_windows_1252_with_semicolons(services, region, tmp_path):
    path = tmp_path / "undangan.csv"
    path.write_bytes("No;Nama;NIP;Unit Kerja;HP\r\n1;José Sé, S.H.;19700312 199503 1 002;Bappeda;0812-3456-7890\r\n"
                     .encode("cp1252"))
    plan = services.people_import.plan(region, path)
    assert outcomes(plan) == {2: "new"}
    assert plan.rows[0].person.name == "José Sé" and plan.rows[0].person.suffix == "S.H."


def test_bad_files_are_refused_in_plain_words(services, region, tmp_path):
    from kotacerdas_desktop.domain.errors import UserError

    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UserError) as exc:
        services.people_import.plan(region, bad)
    assert "Traceback" not in str(exc.value) and str(exc.value)
    old = tmp_path / "lama.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(UserError, match="xlsx"):
        services.people_import.plan(region, old)
