"""WorksheetService on the demo region: scoping per bimtek or region, ordering, archiving,
reference checks against the region, the readiness score scale and merge, the wizard
position, one history version per real change, and the snapshot the checks read."""
from __future__ import annotations

import json
import uuid

import pytest

from kotacerdas_desktop.domain import wizard as wz
from kotacerdas_desktop.domain.errors import ValidationError
from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.services import Services
from kotacerdas_desktop.services.errors import NotFound


@pytest.fixture
def b(services, demo_region):
    """Bimtek ids of the demo region by stage."""
    return {c.stage: c.id for c in services.bimtek.cards(demo_region)}


@pytest.fixture
def ws(services):
    return services.worksheets


def rows(services, sql: str, params=()) -> list[tuple]:
    with services.store.engine.connect() as c:
        return [tuple(r) for r in c.exec_driver_sql(sql, params).all()]


def versions(services, record_id: str | None = None) -> int:
    if record_id is None:
        return rows(services, "SELECT count(*) FROM record_version WHERE entity = 'work_item'")[0][0]
    return rows(services, "SELECT count(*) FROM record_version WHERE entity = 'work_item' AND record_id = ?",
                (record_id,))[0][0]


def texts(ws, bimtek_id, kind="misi", key="text") -> list:
    return [i.data.get(key) for i in ws.items(bimtek_id, kind)]


def state(services) -> list[tuple]:
    """Every work_item row and the history size: to show that a refused call changed nothing."""
    return rows(services, "SELECT id, kind, position, data, archived FROM work_item ORDER BY id") + \
        [("versions", versions(services))]


@pytest.fixture
def other_region(services):
    region = services.regions.create(RegionInput(kind="kabupaten", name="Lain"))
    return {c.stage: c.id for c in services.bimtek.cards(region)}


# ------------------------------------------------------------------ basics

def test_add_update_items_round_trip(ws, b):
    ctx = ws.context(b[1])
    view = ws.add(b[1], "agenda", {"day": ctx.days[0].isoformat(), "start": "8.30", "title": " Pembukaan  acara "})
    assert view.kind == "agenda" and view.bimtek_id == b[1] and view.position == 0
    assert view.data == {"day": "2026-09-22", "start": "08:30", "title": "Pembukaan acara"}
    assert view.warnings == ()
    assert len(view.id) == 32 and uuid.UUID(view.id).hex == view.id
    updated = ws.update(view.id, {"end": "08.15", "speaker": "Wali Kota"})
    assert updated.data == {**view.data, "end": "08:15", "speaker": "Wali Kota"}
    assert updated.warnings == ("jam selesai tidak setelah jam mulai",)
    assert ws.items(b[1], "agenda") == [updated]
    assert ws.item(view.id) == updated
    assert ws.update(view.id, {"end": ""}).warnings == ()
    partial = ws.add(b[1], "agenda", {"title": "Tanpa jam"})
    assert partial.warnings == ("Hari belum diisi", "Mulai belum diisi")
    assert partial.position == 1


def test_defaults_and_unknowns(ws, b):
    program = ws.add(b[2], "program", {"name": "SPBE"})
    assert program.data == {"source": "rpjmd", "status": "usulan", "name": "SPBE"}
    with pytest.raises(ValidationError):
        ws.add(b[1], "nope", {})
    with pytest.raises(ValidationError, match="'warna'"):
        ws.add(b[1], "misi", {"text": "x", "warna": "merah"})
    with pytest.raises(ValidationError, match="'warna'"):
        ws.update(program.id, {"warna": "merah"})
    with pytest.raises(NotFound):
        ws.items(uuid.uuid4().hex, "misi")
    with pytest.raises(NotFound):
        ws.update(uuid.uuid4().hex, {"text": "x"})
    with pytest.raises(NotFound):
        ws.item(uuid.uuid4().hex)
    assert texts(ws, b[1]) == []


def test_region_kinds_are_shared_and_bimtek_kinds_are_not(ws, b, other_region):
    misi = ws.add(b[1], "misi", {"text": "Mewujudkan tata kelola digital"})
    agenda = ws.add(b[1], "agenda", {"title": "Pembukaan"})
    for stage in (1, 2, 3, 4):
        assert [i.id for i in ws.items(b[stage], "misi")] == [misi.id]
    assert [i.id for i in ws.items(b[1], "agenda")] == [agenda.id]
    for stage in (2, 3, 4):
        assert ws.items(b[stage], "agenda") == []
    # a record of stage 2 edits the same masterplan
    ws.update(misi.id, {"text": "Mewujudkan tata kelola digital yang melayani"})
    ws.add(b[2], "misi", {"text": "Kedua"})
    assert texts(ws, b[1]) == ["Mewujudkan tata kelola digital yang melayani", "Kedua"]
    # another region sees nothing
    assert ws.items(other_region[1], "misi") == [] and ws.items(other_region[1], "agenda") == []
    snap2 = ws.snapshot(b[2])
    assert [i.id for i in snap2.of("misi")] == [misi.id, ws.items(b[1], "misi")[1].id]
    assert snap2.of("agenda") == []
    assert ws.snapshot(other_region[1]).items == ()


def test_add_after_inserts_in_order(ws, b):
    m1, m2, m3 = (ws.add(b[1], "misi", {"text": t}).id for t in ("satu", "dua", "tiga"))
    x = ws.add(b[1], "misi", {"text": "setelah satu"}, after=m1)
    assert x.position == 1
    assert texts(ws, b[1]) == ["satu", "setelah satu", "dua", "tiga"]
    assert [i.position for i in ws.items(b[1], "misi")] == [0, 1, 2, 3]
    ws.add(b[1], "misi", {"text": "akhir"}, after=m3)
    ws.add(b[1], "misi", {"text": "tanpa jangkar"}, after=uuid.uuid4().hex)
    assert texts(ws, b[1]) == ["satu", "setelah satu", "dua", "tiga", "akhir", "tanpa jangkar"]
    # `after` from another bimtek of the same region (region kinds are one list)
    ws.add(b[2], "misi", {"text": "dari tahap 2"}, after=m2)
    assert texts(ws, b[1])[:4] == ["satu", "setelah satu", "dua", "dari tahap 2"]
    assert [i.position for i in ws.items(b[1], "misi")] == list(range(7))


def test_move(services, ws, b):
    ids = [ws.add(b[1], "agenda", {"title": t}).id for t in "ABCD"]
    ws.move(ids[3], -2)
    assert texts(ws, b[1], "agenda", "title") == list("ADBC")
    ws.move(ids[0], 10)  # clamped at the end
    assert texts(ws, b[1], "agenda", "title") == list("DBCA")
    ws.move(ids[3], -10)
    assert texts(ws, b[1], "agenda", "title") == list("DBCA")
    assert [i.position for i in ws.items(b[1], "agenda")] == [0, 1, 2, 3]
    before = versions(services)
    ws.move(ids[3], 0)
    assert versions(services) == before  # nothing moved, nothing written
    ws.set_archived([ids[1]])
    ws.move(ids[1], -1)  # an archived record is not moved
    assert texts(ws, b[1], "agenda", "title") == list("DCA")


def test_set_archived_hides_and_restores(services, ws, b):
    m1, m2, m3 = (ws.add(b[1], "misi", {"text": t}).id for t in ("satu", "dua", "tiga"))
    ws.set_archived([m1, m3])
    assert texts(ws, b[1]) == ["dua"]
    assert [i.id for i in ws.snapshot(b[1]).of("misi")] == [m2]
    assert ws.item(m1).data == {"text": "satu"}  # still readable by id
    ws.set_archived([m1], False)
    assert texts(ws, b[1]) == ["satu", "dua"]
    before = state(services)
    ws.set_archived([m1], False)  # already restored: nothing written
    assert state(services) == before
    # one transaction: an unknown id archives nothing
    with pytest.raises(NotFound):
        ws.set_archived([m1, uuid.uuid4().hex])
    assert texts(ws, b[1]) == ["satu", "dua"]


def test_upsert_creates_once_then_updates(ws, b):
    first = ws.upsert(b[1], "visi", {}, {"text": "Kota digital"})
    again = ws.upsert(b[2], "visi", {}, {"status": "disepakati"})  # region kind: the same record
    assert again.id == first.id
    assert again.data == {"text": "Kota digital", "status": "disepakati"}
    assert len(ws.items(b[1], "visi")) == 1
    assert ws.find(b[3], "visi").id == first.id
    n1 = ws.upsert(b[1], "notulen", {}, {"chair": "Sekda"})
    n2 = ws.upsert(b[2], "notulen", {}, {"chair": "Asisten"})  # bimtek kind: one per bimtek
    assert n1.id != n2.id
    assert ws.upsert(b[1], "notulen", {}, {"qa": "T: ?\nJ: !"}).id == n1.id
    assert ws.find(b[1], "notulen").data == {"chair": "Sekda", "qa": "T: ?\nJ: !"}
    r1 = ws.upsert(b[1], "readiness", {"element": "struktur.sdm", "group": ""}, {"kondisi": "A"})
    r2 = ws.upsert(b[1], "readiness", {"element": "struktur.anggaran", "group": ""}, {"kondisi": "B"})
    r3 = ws.upsert(b[1], "readiness", {"element": "struktur.sdm", "group": ""}, {"gap": "C"})
    assert r1.id == r3.id != r2.id
    assert r3.data == {"element": "struktur.sdm", "group": "", "kondisi": "A", "gap": "C"}
    assert ws.find(b[1], "readiness", {"element": "infrastruktur.fisik"}) is None
    with pytest.raises(ValidationError, match="Rumusan visi terlalu panjang"):
        ws.upsert(b[1], "visi", {}, {"text": "v" * 1001})
    assert ws.find(b[1], "visi").data["text"] == "Kota digital"


def test_upsert_key_is_cleaned_like_the_values(ws, b):
    group = ws.add(b[1], "fgd_group", {"name": "Kelompok 1"})
    dashed = str(uuid.UUID(group.id)).upper()
    first = ws.upsert(b[1], "readiness", {"element": "struktur.sdm", "group": dashed}, {"kondisi": "A"})
    second = ws.upsert(b[1], "readiness", {"element": "struktur.sdm", "group": dashed}, {"kekuatan": "B"})
    assert second.id == first.id
    assert len(ws.items(b[1], "readiness")) == 1


# ------------------------------------------------------------------ references

def test_valid_references_are_accepted(ws, b, services, demo_region):
    ctx = ws.context(b[2])
    assert len(ctx.opds) > 10 and len(ctx.people) > 50 and ctx.dimensions
    assert ctx.region_id == demo_region and ctx.bimtek_id == b[2] and ctx.stage == 2
    opd, element = ctx.opds[0][0], ctx.dimensions[0][2][0][0]
    assert ctx.element_label(element) == f"{ctx.dimensions[0][1]} › {ctx.dimensions[0][2][0][1]}"
    assert ctx.element_label(uuid.uuid4().hex) == ""
    misi = ws.add(b[1], "misi", {"text": "M"})
    program = ws.add(b[2], "program", {"name": "P", "misi": str(uuid.UUID(misi.id)), "opd": opd.upper(),
                                       "element": element})
    assert program.data["misi"] == misi.id and program.data["opd"] == opd and program.warnings == ()
    people = [pid for pid, _ in ctx.people[:3]]
    group = ws.add(b[1], "fgd_group", {"name": "G", "members": people + people[:1]})
    assert group.data["members"] == people


def _refused(services, call, match=None):
    before = state(services)
    with pytest.raises(ValidationError, match=match):
        call()
    assert state(services) == before


def test_references_outside_the_region_or_gone_are_refused(services, ws, b, other_region):
    misi = ws.add(b[1], "misi", {"text": "M"})
    tujuan = ws.add(b[1], "tujuan", {"misi": misi.id, "text": "T"})
    foreign = ws.add(other_region[1], "misi", {"text": "Misi wilayah lain"})
    gone = ws.add(b[1], "misi", {"text": "Dihapus"})
    ws.set_archived([gone.id])
    found = "pilihan tidak ditemukan di wilayah ini"
    for bad in (foreign.id, gone.id, tujuan.id, uuid.uuid4().hex):  # other region, archived, wrong kind, none
        _refused(services, lambda: ws.add(b[1], "tujuan", {"misi": bad, "text": "x"}), "^Misi: " + found)
        _refused(services, lambda: ws.update(tujuan.id, {"misi": bad}), "^Misi: " + found)
        _refused(services, lambda: ws.upsert(b[1], "tujuan", {"text": "T"}, {"misi": bad}), found)
    _refused(services, lambda: ws.update(tujuan.id, {"misi": "bukan-id"}), "rujukan tidak sah")
    assert ws.item(tujuan.id).data == {"misi": misi.id, "text": "T"}

    other_ctx = ws.context(other_region[1])
    ctx = ws.context(b[1])
    program = ws.add(b[2], "program", {"name": "P"})
    for field, bad in (("opd", uuid.uuid4().hex), ("element", uuid.uuid4().hex),
                       ("element", other_ctx.dimensions[0][2][0][0]), ("misi", foreign.id),
                       ("element", ctx.opds[0][0])):  # an OPD id is no element
        _refused(services, lambda: ws.update(program.id, {field: bad}), found)
    foreign_opd = services.directory.save_opd(other_ctx.region_id, "Dinas Wilayah Lain")
    _refused(services, lambda: ws.update(program.id, {"opd": foreign_opd}), "^OPD pengampu: " + found)
    people = [pid for pid, _ in ctx.people[:2]]
    for members in (people + [uuid.uuid4().hex], [uuid.uuid4().hex]):
        _refused(services, lambda: ws.add(b[1], "fgd_group", {"name": "G", "members": members}), "^Anggota: ")
    # after all those refusals a valid OPD is still accepted
    assert ws.update(program.id, {"opd": ctx.opds[0][0]}).data["opd"] == ctx.opds[0][0]


def test_person_of_another_region_is_refused(services, ws, b, other_region):
    from kotacerdas_desktop.domain.people import PersonInput

    region = ws.context(other_region[1]).region_id
    stranger_id = services.directory.save_person(region, PersonInput(name="Orang Lain"))
    assert ws.context(other_region[1]).people[0][0] == stranger_id
    _refused(services, lambda: ws.add(b[1], "fgd_group", {"name": "G", "members": [stranger_id]}), "^Anggota: ")
    assert ws.add(other_region[1], "fgd_group", {"name": "G", "members": [stranger_id]}).data["members"] == \
        [stranger_id]


# ------------------------------------------------------------------ readiness

def test_readiness_score_follows_the_configured_scale(services, ws, b):
    key = {"element": "struktur.sdm", "group": ""}
    assert ws.upsert(b[1], "readiness", key, {"score": 5}).data["score"] == 5
    for bad in (6, 0, 10):
        _refused(services, lambda: ws.upsert(b[1], "readiness", key, {"score": bad}), "Skor harus di antara 1 dan 5")
    _refused(services, lambda: ws.add(b[1], "readiness", {"element": "struktur.anggaran", "score": 6}),
             "Skor harus di antara 1 dan 5")
    _refused(services, lambda: ws.upsert(b[1], "readiness", key, {"score": 11}), "Skor harus di antara 0 dan 10")
    ws.upsert(b[2], "readiness_config", {}, {"score_min": 2, "score_max": 10})  # from stage 2: same masterplan
    assert ws.upsert(b[1], "readiness", key, {"score": 8}).data["score"] == 8
    _refused(services, lambda: ws.upsert(b[1], "readiness", key, {"score": 1}), "Skor harus di antara 2 dan 10")
    assert ws.upsert(b[1], "readiness", key, {"score": None}).data["score"] is None
    assert ws.snapshot(b[1]).config.scale.maximum == 10
    # an archived configuration no longer applies
    ws.set_archived([ws.find(b[1], "readiness_config").id])
    _refused(services, lambda: ws.upsert(b[1], "readiness", key, {"score": 8}), "Skor harus di antara 1 dan 5")


def test_readiness_score_zero_allowed_on_a_scale_from_zero(ws, b):
    ws.upsert(b[1], "readiness_config", {}, {"score_min": 0, "score_max": 4})
    assert ws.upsert(b[1], "readiness", {"element": "struktur.sdm", "group": ""}, {"score": 0}).data["score"] == 0


def test_merge_readiness_fills_only_empty_merged_fields(services, ws, b):
    g1 = ws.add(b[1], "fgd_group", {"name": "Kelompok 1"}).id
    g2 = ws.add(b[1], "fgd_group", {"name": "Kelompok 2"}).id
    element = "struktur.sdm"
    ws.upsert(b[1], "readiness", {"element": element, "group": g1},
              {"kondisi": "SDM TIK kurang", "kekuatan": "ASN muda", "keywords": "Digital, melayani", "score": 2})
    ws.upsert(b[1], "readiness", {"element": element, "group": g2},
              {"kondisi": "sdm tik kurang\nPelatihan belum rutin", "keywords": "digital, sejahtera", "score": 3})
    ws.upsert(b[1], "readiness", {"element": "struktur.anggaran", "group": g2}, {"kondisi": "Lain elemen"})
    ws.set_archived([ws.upsert(b[1], "readiness", {"element": element, "group": g1, "gap": "x"}, {}).id])
    ws.upsert(b[1], "readiness", {"element": element, "group": ""}, {"kondisi": "Tulisan fasilitator"})
    merged = ws.merge_readiness(b[1], element)
    assert merged.data == {"element": element, "group": "", "kondisi": "Tulisan fasilitator",
                           "kekuatan": "ASN muda", "keywords": "Digital, melayani, sejahtera", "score": 3}
    assert [i.id for i in ws.items(b[1], "readiness") if i.data["element"] == element and not i.data["group"]] \
        == [merged.id]
    before = state(services)
    assert ws.merge_readiness(b[1], element) == merged  # nothing left to fill: nothing written
    assert state(services) == before
    # no merged record yet: it is created from the groups
    other = ws.merge_readiness(b[1], "struktur.anggaran")
    assert other.data == {"element": "struktur.anggaran", "group": "", "kondisi": "Lain elemen"}
    # nothing to merge at all: an empty merged record to type into
    empty = ws.merge_readiness(b[1], "infrastruktur.fisik")
    assert empty.data == {"element": "infrastruktur.fisik", "group": ""}
    assert wz.merged_readiness(ws.snapshot(b[1]))[element]["kekuatan"] == "ASN muda"


def test_merge_readiness_uses_a_merged_record_without_group_key(ws, b):
    g1 = ws.add(b[1], "fgd_group", {"name": "Kelompok 1"}).id
    own = ws.add(b[1], "readiness", {"element": "struktur.sdm", "kondisi": "Tulisan fasilitator"})
    ws.add(b[1], "readiness", {"element": "struktur.sdm", "group": g1, "kondisi": "dari kelompok", "gap": "G"})
    merged = ws.merge_readiness(b[1], "struktur.sdm")
    assert merged.id == own.id
    assert merged.data["kondisi"] == "Tulisan fasilitator" and merged.data["gap"] == "G"


# ------------------------------------------------------------------ wizard position

def test_position_round_trip_and_unknown_steps(ws, b):
    assert ws.position(b[1]) == ("", {})
    ws.set_position(b[1], step="misi")
    assert ws.position(b[1]) == ("misi", {})
    timer = {"item": "abc", "started": "2026-09-22T01:02:03Z", "paused": 12}
    ws.set_position(b[1], timer=timer)
    assert ws.position(b[1]) == ("misi", timer)
    ws.set_position(b[1], step="penutup")
    assert ws.position(b[1]) == ("penutup", timer)
    assert ws.position(b[2]) == ("", {})
    for stage, step in ((1, "langkah_lama"), (2, "misi"), (3, "kesiapan")):
        with pytest.raises((KeyError, ValidationError)):
            ws.set_position(b[stage], step=step)
    assert ws.position(b[1]) == ("penutup", timer)
    assert ws.position(b[2]) == ("", {})
    with pytest.raises(NotFound):
        ws.set_position(uuid.uuid4().hex, step="persiapan")


def test_position_is_local_and_survives_reopening(services, paths, b):
    before = versions(services)
    services.worksheets.set_position(b[2], step="program_baru", timer={"running": True})
    assert versions(services) == before  # not synced: no history
    assert rows(services, "SELECT count(*) FROM record_version WHERE entity = 'wizard_state'") == [(0,)]
    misi = services.worksheets.add(b[1], "misi", {"text": "Tetap ada"})
    services.close()
    again = Services.open(paths)
    try:
        assert again.worksheets.position(b[2]) == ("program_baru", {"running": True})
        assert again.worksheets.item(misi.id).data == {"text": "Tetap ada"}
        assert wz.Flow(2, again.worksheets.position(b[2])[0]).current.key == "program_baru"
    finally:
        again.close()


# ------------------------------------------------------------------ history

def test_each_change_writes_exactly_one_version(services, ws, b):
    total = versions(services)
    misi = ws.add(b[1], "misi", {"text": "Satu"})
    assert versions(services, misi.id) == 1 and versions(services) == total + 1
    ws.update(misi.id, {"text": "Satu (revisi)"})
    assert versions(services, misi.id) == 2
    ws.upsert(b[1], "visi", {}, {"text": "V"})
    visi = ws.find(b[1], "visi")
    ws.upsert(b[1], "visi", {}, {"status": "disepakati"})
    assert versions(services, visi.id) == 2
    ws.set_archived([misi.id])
    assert versions(services, misi.id) == 3
    total = versions(services)
    # no-op changes write nothing
    ws.update(misi.id, {"text": "  Satu   (revisi) "})  # cleans to the stored value
    ws.upsert(b[1], "visi", {}, {"status": "disepakati"})
    ws.set_archived([misi.id])
    ws.update(visi.id, {})
    assert versions(services) == total
    # the last version holds exactly the stored row
    payload = rows(services, "SELECT payload FROM record_version WHERE record_id = ? ORDER BY hlc DESC LIMIT 1",
                   (visi.id,))[0][0]
    assert json.loads(json.loads(payload)["data"]) == {"text": "V", "status": "disepakati"}
    from kotacerdas_desktop.storage.database import check_database, connect
    conn = connect(services.store.paths.database)
    try:
        assert check_database(conn).ok
    finally:
        conn.close()


# ------------------------------------------------------------------ snapshot

def test_snapshot_has_schedule_framework_items_and_attendance_per_day(services, ws, b, demo_region):
    days = [d for d in services.attendance.days(demo_region) if d.bimtek_id == b[1]]
    assert len(days) == 2
    people = [p.id for p in services.directory.people(demo_region)]
    for pid in people[:3]:
        services.attendance.check_in(days[0].id, pid, None, paper=True)
    for pid in people[3:5]:
        services.attendance.check_in(days[1].id, pid, None, paper=True)
    snap = ws.snapshot(b[1])
    assert snap.stage == 1 and snap.venue == "Hotel Contoh Indah, Ruang Serbaguna"
    assert snap.days == (days[0].day, days[1].day)
    assert dict(snap.present) == {days[0].day: 3, days[1].day: 2}
    assert dict(ws.snapshot(b[2]).present) == {}
    ctx = ws.context(b[1])
    assert [d[0] for d in snap.dimensions] == [d[0] for d in ctx.dimensions]
    assert {e for _, _, els in snap.dimensions for e, _ in els} == \
        {e for _, _, els in ctx.dimensions for e, _ in els}
    check = wz.checks(wz.step_for(1, "registrasi"), snap)
    assert all(c.done for c in check) and check[1].detail == "5 kehadiran"
    assert wz.step_state(wz.step_for(1, "persiapan"), snap) == "partial"  # dates and venue, no agenda yet
    ws.add(b[1], "agenda", {"day": days[0].day.isoformat(), "start": "08:00", "title": "A"})
    ws.add(b[2], "agenda", {"day": "2026-10-27", "start": "08:00", "title": "B"})
    snap = ws.snapshot(b[1])
    assert [i.data["title"] for i in snap.of("agenda")] == ["A"]
    assert all(i.bimtek_id == b[1] for i in snap.items)
