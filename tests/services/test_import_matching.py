"""Who is who on import: namesakes, duplicates, ids, archived people (from review findings)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from kotacerdas_desktop.domain.people import PersonInput
from kotacerdas_desktop.domain.regions import RegionInput


@pytest.fixture
def region(services):
    rid = services.regions.create(RegionInput(kind="kota", name="Padang"))
    services.directory.add_common_opds(rid)
    return rid


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    return path


def by_line(plan) -> dict[int, object]:
    return {r.line: r for r in plan.rows}


def test_numbered_officials_by_position_are_people_not_a_signature_block(services, region, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "Nama", "Jabatan", "Instansi", "No. HP"])
    ws.append([1, "Ahmad Fauzi", "Kabid", "Bappeda", "0812-1111-2222"])
    ws.append([2, "Camat Padang Barat", None, None, None])
    ws.append([3, "Kepala Dinas Kesehatan", None, None, None])
    ws.append([4, "Rudi Hartono, S.E.", "Kabid", "Bappeda", None])
    wb.save(tmp_path / "u.xlsx")
    plan = services.people_import.plan(region, tmp_path / "u.xlsx")
    assert [r.person.name for r in plan.rows] == ["Ahmad Fauzi", "Camat Padang Barat",
                                                  "Kepala Dinas Kesehatan", "Rudi Hartono"]


def test_name_in_capitals_alone_is_a_person(services, region, tmp_path):
    path = write_csv(tmp_path / "u.csv", [["Nama", "Jabatan", "OPD"], ["AHMAD FAUZI", "Kabid", "Bappeda"],
                                          ["HENDRA GUNAWAN", "", ""], ["Siti Rahma", "Staf", "Bappeda"]])
    plan = services.people_import.plan(region, path)
    assert [r.person.name for r in plan.rows] == ["Ahmad Fauzi", "Hendra Gunawan", "Siti Rahma"]
    assert by_line(plan)[4].person.opd_text == "Bappeda"


def test_same_person_twice_in_a_file_with_and_without_nip(services, region, tmp_path):
    path = write_csv(tmp_path / "u.csv", [
        ["Nama", "NIP", "OPD", "HP"],
        ["ANDI WIJAYA, S.T., M.T.", "19800101 200501 1 003", "Bappeda", "0812-5555-6666"],
        ["Andi Wijaya ST MT", "", "Bappeda", "0812 5555 6666"],
        ["Ani Lestari", "197805122003121000", "Bappeda", ""],
        ["Budi Lestari", "197805122003121000", "Bappeda", ""]])
    plan = services.people_import.plan(region, path)
    rows = by_line(plan)
    assert rows[3].outcome == "duplicate" and rows[3].duplicate_of == 2
    # two different people whose NIPs Excel rounded alike are not merged
    assert rows[5].outcome != "duplicate"


def test_list_without_opd_matches_registered_people_by_name(services, region, tmp_path):
    opd = next(o for o in services.directory.opds(region) if o.short_name == "Bappeda")
    services.directory.save_person(region, PersonInput(name="Rina Marlina", phone="0813-1111-2222",
                                                       opd_id=opd.id, jabatan="Analis"))
    path = write_csv(tmp_path / "u.csv", [["Nama", "HP", "Jabatan"], ["Rina Marlina, S.Kom", "0813 1111 2222", "Analis"]])
    plan = services.people_import.plan(region, path)
    assert plan.rows[0].outcome == "update" and set(plan.rows[0].changes) == {"suffix"}


def test_namesake_with_other_contacts_is_not_overwritten(services, region, tmp_path):
    opd = next(o for o in services.directory.opds(region) if o.short_name == "Bappeda")
    pid = services.directory.save_person(region, PersonInput(name="Joko Susilo", phone="0812-1111-1111",
                                                             opd_id=opd.id, jabatan="Kabid"))
    path = write_csv(tmp_path / "u.csv", [["Nama", "HP", "Jabatan", "OPD"],
                                          ["Joko Susilo", "0899-2222-3333", "Staf", "Bappeda"]])
    plan = services.people_import.plan(region, path)
    row = plan.rows[0]
    assert row.outcome == "problem" and row.match_id is None
    assert any("mungkin orang lain" in p for p in row.problems)
    services.people_import.apply(region, plan)
    assert services.directory.person(pid).phone == "+6281211111111"  # untouched
    assert len([p for p in services.directory.people(region) if p.name == "Joko Susilo"]) == 2


def test_exported_id_finds_the_person_after_a_name_fix(services, region, tmp_path):
    pid = services.directory.save_person(region, PersonInput(name="Yusuf Maulna", phone="0812-7777-8888"))
    path, _ = services.directory.export(region, tmp_path / "ekspor.csv")
    text = path.read_text(encoding="utf-8-sig").replace("Yusuf Maulna", "Yusuf Maulana")
    path.write_text(text, encoding="utf-8-sig")
    plan = services.people_import.plan(region, path)
    row = plan.rows[0]
    assert row.match_id == pid and row.outcome == "update"
    assert row.changes["name"] == ("Yusuf Maulna", "Yusuf Maulana")


def test_archived_person_invited_again_becomes_active(services, region, tmp_path):
    pid = services.directory.save_person(region, PersonInput(name="Sari Dewi", nip="19850214 201001 2 003"))
    services.directory.update_people([pid], archived=True)
    path = write_csv(tmp_path / "u.csv", [["Nama", "NIP", "HP"], ["Sari Dewi", "198502142010012003", "0812 3333 4444"]])
    plan = services.people_import.plan(region, path)
    assert plan.rows[0].changes["archived"] == ("diarsipkan", "aktif")
    services.people_import.apply(region, plan)
    p = services.directory.person(pid)
    assert not p.archived and p.phone == "+6281233334444"


def test_editing_a_name_in_the_preview_keeps_titles_single(services, region, tmp_path):
    path = write_csv(tmp_path / "u.csv", [["Nama", "OPD"], ["dr. Rina, M.Kes", "Bappeda"]])
    plan = services.people_import.plan(region, path)
    plan = services.people_import.edit_row(region, plan, 0, {"name": "dr. Rina Marlinah, M.Kes."})
    p = plan.rows[0].person
    assert (p.prefix, p.name, p.suffix) == ("dr.", "Rina Marlinah", "M.Kes.")


def test_control_characters_in_golongan_and_opd_are_problems(services, region, tmp_path):
    path = write_csv(tmp_path / "u.csv", [["Nama", "Gol", "OPD"], ["Ani", "III\x1b/a", "Dinas\x1bJahat"]])
    plan = services.people_import.plan(region, path)
    assert plan.rows[0].outcome == "problem"
    plan.opd_choices["Dinas\x1bJahat"] = ""
    result = services.people_import.apply(region, plan)
    assert result.opds_created == []
    assert "Dinas\x1bJahat" not in [o.name for o in services.directory.opds(region)]
    ani = next(p for p in services.directory.people(region) if p.name == "Ani")
    assert ani.golongan == "" and ani.review_note
