"""Use cases through the service API, checked against what is stored."""
from __future__ import annotations

from datetime import date

import pytest

from kotacerdas_desktop.domain.people import PersonInput, ValidationError
from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.services.errors import NotFound


def _versions(services, record_id: str) -> list[tuple]:
    with services.store.engine.connect() as c:
        return c.exec_driver_sql("SELECT version_id, deleted, parents FROM record_version "
                                 "WHERE record_id = ? ORDER BY hlc", (record_id,)).all()


def test_create_region_makes_framework_roles_and_four_bimtek(services):
    rid = services.regions.create(RegionInput(kind="kabupaten", name="Agam", province="Sumatera Barat"),
                                  framework="giffinger")
    d = services.regions.detail(rid)
    assert d.display_name == "Kabupaten Agam"
    assert d.framework_kind == "giffinger"
    assert [dim.name for dim in d.dimensions][:2] == ["Smart Governance", "Smart People"]
    assert [o.role for o in d.officials] == ["kepala_daerah", "wakil_kepala_daerah", "ketua_dprd", "sekda"]
    assert [c.stage for c in d.bimtek] == [1, 2, 3, 4]
    assert len(_versions(services, rid)) == 1


def test_duplicate_region_is_refused_even_when_archived(services):
    rid = services.regions.create(RegionInput(kind="kota", name="Padang"))
    services.regions.set_archived(rid, True)
    with pytest.raises(ValidationError, match="sudah ada .diarsipkan"):
        services.regions.create(RegionInput(kind="kota", name="padang"))
    # A kabupaten of the same name is a different region.
    services.regions.create(RegionInput(kind="kabupaten", name="Padang"))


def test_update_writes_one_version_per_real_change(services):
    rid = services.regions.create(RegionInput(kind="kota", name="Solok"))
    services.regions.update(rid, RegionInput(kind="kota", name="Solok", province="Sumatera Barat"))
    services.regions.update(rid, RegionInput(kind="kota", name="Solok", province="Sumatera Barat"))
    versions = _versions(services, rid)
    assert len(versions) == 2
    assert versions[1][2] == f'["{versions[0][0]}"]'


def test_framework_reorder_rename_remove_and_replace(services):
    rid = services.regions.create(RegionInput(kind="kota", name="Payakumbuh"))
    dims = services.regions.detail(rid).dimensions
    services.regions.move("dimension", dims[5].id, -10)
    names = [d.name for d in services.regions.detail(rid).dimensions]
    assert names[0] == "Smart Environment" and names[1] == "Smart Governance"
    el = services.regions.detail(rid).dimensions[1].elements[2]
    services.regions.move("element", el.id, -1)
    assert services.regions.detail(rid).dimensions[1].elements[1].id == el.id
    with pytest.raises(ValidationError):
        services.regions.rename("element", el.id, "   ")
    services.regions.remove("dimension", dims[0].id)
    assert len(services.regions.detail(rid).dimensions) == 5
    tomb = _versions(services, dims[0].id)
    assert tomb[-1][1] == 1  # deletion kept as a tombstone
    services.regions.replace_framework(rid, "custom")
    d = services.regions.detail(rid)
    assert d.framework_kind == "custom" and d.dimensions == ()
    services.regions.add_element(services.regions.add_dimension(rid, "Smart Water"), "Air bersih")
    assert services.regions.detail(rid).dimensions[0].elements[0].name == "Air bersih"


def test_official_must_belong_to_the_region(services):
    a = services.regions.create(RegionInput(kind="kota", name="A Kota"))
    b = services.regions.create(RegionInput(kind="kota", name="B Kota"))
    pid = services.directory.save_person(b, PersonInput(name="Budi Santoso", category="official"))
    with pytest.raises(NotFound):
        services.regions.set_official(a, "kepala_daerah", pid)
    with pytest.raises(ValidationError):
        services.regions.set_official(b, "gubernur", pid)
    services.regions.set_official(b, "sekda", pid)
    assert {o.role: o.person_name for o in services.regions.detail(b).officials}["sekda"] == "Budi Santoso"


def test_opd_aliases_clash_and_reorder(services):
    rid = services.regions.create(RegionInput(kind="kota", name="Bukittinggi"))
    added = services.directory.add_common_opds(rid)
    assert added >= 25
    assert services.directory.add_common_opds(rid) == 0
    with pytest.raises(ValidationError, match="sudah ada"):
        services.directory.save_opd(rid, "DISKOMINFO")
    opds = services.directory.opds(rid)
    services.directory.move_opd(opds[3].id, -3)
    assert services.directory.opds(rid)[0].id == opds[3].id
    services.directory.set_opd_archived(opds[0].id, True)
    assert opds[0].id not in [o.id for o in services.directory.opds(rid)]


def test_person_is_validated_and_searchable(services):
    rid = services.regions.create(RegionInput(kind="kota", name="Sawahlunto"))
    with pytest.raises(ValidationError, match="NIP"):
        services.directory.save_person(rid, PersonInput(name="Ani", nip="1234"))
    pid = services.directory.save_person(rid, PersonInput(
        name="DR. H. NOVA ERIZON, S.STP, M.SI", nip="19780512 200312 1 004", phone="0812-3456-7890"))
    p = next(x for x in services.directory.people(rid) if x.id == pid)
    assert p.nip == "197805122003121004"
    assert p.phone == "+6281234567890"
    assert p.gender == "L"
    with services.store.engine.connect() as c:
        key = c.exec_driver_sql("SELECT search_key FROM person WHERE id = ?", (pid,)).scalar_one()
    assert "nova erizon" in key and "197805122003121004" in key


def test_bimtek_days_venue_status(services):
    rid = services.regions.create(RegionInput(kind="kota", name="Pariaman"))
    card = services.bimtek.cards(rid)[0]
    card = services.bimtek.update(card.id, venue="  Hotel  Nan Tongga ", status="ongoing",
                                  days=[date(2026, 7, 6), date(2026, 7, 5), date(2026, 7, 5)])
    assert card.venue == "Hotel Nan Tongga"
    assert card.days == (date(2026, 7, 5), date(2026, 7, 6))
    # progress counts the checks of every wizard step of Tahap I; only "date and venue" holds so far
    assert card.done == 1 and card.total > 20
    assert card.missing[0] == "Persiapan" and "Penutup" in card.missing
    card = services.bimtek.update(card.id, days=[date(2026, 7, 6)])
    assert card.days == (date(2026, 7, 6),)
    with pytest.raises(ValidationError):
        services.bimtek.update(card.id, status="batal")
    with pytest.raises(ValidationError):
        services.bimtek.update(card.id, days=[date(2026, 1, 1), date(2026, 3, 1)])


def test_logo_validation(services):
    rid = services.regions.create(RegionInput(kind="kota", name="Sungai Penuh"))
    with pytest.raises(ValidationError, match="PNG atau JPEG"):
        services.regions.set_logo(rid, b"GIF89a....")
    with pytest.raises(ValidationError, match="terlalu besar"):
        services.regions.set_logo(rid, b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024))
    digest = services.regions.set_logo(rid, b"\x89PNG\r\n\x1a\nfake-but-png-signed")
    assert services.regions.detail(rid).logo_sha256 == digest
    services.regions.set_logo(rid, None)
    assert services.regions.logo(rid) is None


def test_find_region_by_name_or_id(services):
    rid = services.regions.create(RegionInput(kind="kabupaten", name="Tanah Datar"))
    assert services.regions.find("Kabupaten Tanah Datar").id == rid
    assert services.regions.find("tanah datar").id == rid
    assert services.regions.find(rid[:8]).id == rid
    with pytest.raises(NotFound):
        services.regions.find("Atlantis")


def test_demo_region(services, demo_region):
    d = services.regions.detail(demo_region)
    assert d.display_name == "Kota Contoh"
    assert len(services.directory.people(demo_region)) == 120
    opds = services.directory.opds(demo_region)
    assert 30 <= len(opds) <= 35
    assert sum(1 for o in opds if o.head_person_id) == len(opds)
    assert all(o.person_id for o in d.officials)
    with pytest.raises(ValidationError):
        services.demo.create()
    report = services.maintenance.check()
    assert report.ok, report
