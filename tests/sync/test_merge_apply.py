"""Applying import plans to real databases (storage/sync_apply.py): two data folders A and B
exchange versions; both end with the same view, the same conflicts and winners; a re-import
changes nothing; a refused or failing import leaves the database byte-for-byte as it was."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from kotacerdas_desktop.domain.people import PersonInput
from kotacerdas_desktop.domain.worksheets import KINDS
from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.services import Services
from kotacerdas_desktop.storage import sync_apply
from kotacerdas_desktop.storage.database import check_database, connect
from kotacerdas_desktop.storage.history import SYNCED_TABLES
from kotacerdas_desktop.storage.sync_apply import (REGION_LINKS, ImportRefused, apply_plan, current_conflicts,
                                                   duplicate_people_in, export_attachments, export_versions, held_records,
                                                   import_versions, plan_for, resolve_conflict)
from kotacerdas_desktop.sync.merge import Version


@pytest.fixture
def pair(tmp_path):
    a, b = Services.open(prepare_paths(tmp_path / "a")), Services.open(prepare_paths(tmp_path / "b"))
    yield a, b
    a.close()
    b.close()


@pytest.fixture
def synced(pair):
    """The full demo made on A and sent to B."""
    a, b = pair
    region = a.demo.create()
    a.demo.fill_full(region)
    a.demo.fill_worksheets(region)
    send(a, b, region)
    return a, b, region


def conn_of(services) -> sqlite3.Connection:
    return connect(services.store.paths.database)


def send(src, dst, region, *, check=True, since=None):
    with closing(conn_of(src)) as cs, closing(conn_of(dst)) as cd:
        versions = export_versions(cs, region, since)
        result = import_versions(cd, [v.to_dict() for v in versions], export_attachments(cs, versions))
        if check:
            report = check_database(cd)
            assert report.ok, report
        return result


def view(s: Services, region: str) -> dict:
    """What the app shows of a region, through the services."""
    cards = s.bimtek.cards(region)
    return {
        "detail": s.regions.detail(region),
        "people": s.directory.people(region, include_archived=True),
        "opds": s.directory.opds(region, include_archived=True),
        "cards": cards,
        "sheets": {(c.id, k): s.worksheets.items(c.id, k) for c in cards for k in KINDS},
        "presence": {d.id: s.attendance.presence(d.id) for d in s.attendance.days(region)},
    }


def dump(s: Services) -> dict:
    """Every synced table, the version log, the heads and the attachments, order-free."""
    with closing(conn_of(s)) as c:
        out = {t: sorted(c.execute(f'SELECT * FROM "{t}"').fetchall()) for t in SYNCED_TABLES}
        out["record_version"] = sorted(c.execute("SELECT * FROM record_version").fetchall())
        out["record_head"] = sorted(c.execute("SELECT * FROM record_head").fetchall())
        out["attachment"] = sorted(c.execute("SELECT sha256, media_type, size, data FROM attachment").fetchall())
    return out


def file_bytes(s: Services) -> tuple[bytes, bytes]:
    db = Path(s.store.paths.database)
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes(), (wal.read_bytes() if wal.exists() else b"")


def edit_person(s: Services, region: str, pid: str, **changes) -> None:
    p = s.directory.person(pid)
    fields = {k: getattr(p, k) for k in ("prefix", "name", "suffix", "nip", "golongan", "jabatan", "opd_id",
                                         "phone", "email", "gender", "category")}
    s.directory.save_person(region, PersonInput(**{**fields, **changes}), person_id=pid)


# --- a whole region travels -------------------------------------------------------------

def test_the_demo_region_arrives_whole_on_a_fresh_database(synced):
    a, b, region = synced
    assert [r.name for r in b.regions.list()] == [r.name for r in a.regions.list()]
    assert view(b, region) == view(a, region)
    assert len(view(b, region)["people"]) == 120
    assert dump(b) == dump(a)  # the same rows, versions, heads and attachments
    with closing(conn_of(b)) as c:
        for row in c.execute("SELECT version_id, entity, record_id, parents, device_id, hlc, deleted, payload "
                             "FROM record_version LIMIT 50"):
            v = Version.coerce(dict(zip(("version_id", "entity", "record_id", "parents", "device_id", "hlc",
                                         "deleted", "payload"), row)))
            assert v.computed_id() == v.version_id  # merge.py hashes as the triggers do
        assert current_conflicts(c) == []


def test_reapplying_the_same_versions_changes_nothing(synced):
    a, b, region = synced
    before, raw = dump(b), file_bytes(b)
    result = send(a, b, region)
    assert (result.inserted, result.written, result.removed, result.attachments_added) == (0, 0, 0, 0)
    assert set(result.plan.duplicates) == {v[0] for v in before["record_version"]}
    assert dump(b) == before
    assert file_bytes(b) == raw
    # B sends everything back: A changes nothing either.
    before_a = dump(a)
    assert send(b, a, region).inserted == 0
    assert dump(a) == before_a


def test_later_edits_travel_incrementally_and_tombstones_with_them(synced):
    a, b, region = synced
    with closing(conn_of(a)) as c:
        delivered = {v.version_id for v in export_versions(c, region)}
    a.regions.replace_framework(region, "giffinger")  # deletes the old framework and its children
    pid = a.directory.people(region)[0].id
    edit_person(a, region, pid, jabatan="Analis Kebijakan")
    result = send(a, b, region, since=delivered)
    assert result.removed > 0 and result.written > 0
    assert result.plan.summary["framework"].new == 1 and result.plan.summary["framework"].deleted == 1
    assert result.plan.summary["person"].updated == 1
    assert view(b, region) == view(a, region)
    assert dump(b) == dump(a)


# --- concurrent edits ---------------------------------------------------------------------

def test_the_same_person_edited_on_both_sides_is_one_conflict_with_one_winner(synced):
    a, b, region = synced
    pid = a.directory.people(region)[5].id
    edit_person(a, region, pid, jabatan="Kepala Bidang A")
    edit_person(b, region, pid, jabatan="Kepala Bidang B")
    send(a, b, region)
    send(b, a, region)
    assert a.directory.person(pid) == b.directory.person(pid)
    assert view(a, region) == view(b, region)
    conflicts = []
    for s in (a, b):
        with closing(conn_of(s)) as c:
            (conflict,) = current_conflicts(c)
            conflicts.append(conflict)
            assert conflict.record_id == pid and conflict.kind == "edit/edit" and len(conflict.heads) == 2
            assert {h.payload["jabatan"] for h in conflict.heads} == {"Kepala Bidang A", "Kepala Bidang B"}
            assert check_database(c).ok
    assert conflicts[0] == conflicts[1]
    winner = conflicts[0].winner
    assert a.directory.person(pid).jabatan == winner.payload["jabatan"]

    # Resolving on B (keeping the other head) ends the conflict on both once it travels.
    loser = next(h for h in conflicts[0].heads if h.version_id != winner.version_id)
    with closing(conn_of(b)) as c:
        result = resolve_conflict(c, pid, dict(loser.payload))
        assert result.inserted == 1 and current_conflicts(c) == []
    send(b, a, region)
    for s in (a, b):
        assert s.directory.person(pid).jabatan == loser.payload["jabatan"]
        with closing(conn_of(s)) as c:
            assert current_conflicts(c) == [] and check_database(c).ok


def test_delete_on_one_side_and_edit_on_the_other_is_an_edit_delete_conflict(synced):
    a, b, region = synced
    element = a.regions.detail(region).dimensions[0].elements[0].id
    a.regions.remove("element", element)
    b.regions.rename("element", element, "Nama baru dari B")
    send(a, b, region)
    send(b, a, region)
    assert view(a, region) == view(b, region)
    for s in (a, b):
        with closing(conn_of(s)) as c:
            (conflict,) = current_conflicts(c)
            assert conflict.record_id == element and conflict.kind == "edit/delete"
            shown = c.execute("SELECT count(*) FROM element WHERE id = ?", (element,)).fetchone()[0]
            assert shown == (0 if conflict.winner.deleted else 1)
            assert check_database(c).ok


def test_a_signature_replaced_on_both_laptops_is_a_protected_conflict_keeping_both(synced):
    from kotacerdas_desktop.domain.signature import synthetic_signature

    a, b, region = synced
    day = a.attendance.days(region)[0].id
    pid, first = next(iter(a.attendance.presence(day).items()))
    a.attendance.check_in(day, pid, synthetic_signature("tanda tangan A", 7), replace=True)
    b.attendance.check_in(day, pid, synthetic_signature("tanda tangan B", 8), replace=True)
    send(a, b, region)
    send(b, a, region)
    assert a.attendance.presence(day) == b.attendance.presence(day)
    strokes = set()
    for s in (a, b):
        with closing(conn_of(s)) as c:
            (conflict,) = [x for x in current_conflicts(c) if x.entity == "attendance"]
            assert conflict.record_id == first.attendance_id and conflict.protected
            strokes = {h.payload["strokes_sha256"] for h in conflict.heads}
            assert len(strokes) == 2
            assert all(s.attendance.strokes(sha) is not None for sha in strokes)  # both signatures kept
    assert a.attendance.presence(day)[pid].strokes_sha256 in strokes


def test_a_deleted_day_with_a_new_check_in_elsewhere_is_kept_on_both_sides(synced):
    """A removes a bimtek day while B checks someone in on it: nothing is lost, both show the same."""
    a, b, region = synced
    card = next(c for c in a.bimtek.cards(region) if c.stage == 1)
    days = a.attendance.days(region)
    day = next(d for d in days if d.bimtek_id == card.id)
    keep = [d.day for d in days if d.bimtek_id == card.id and d.id != day.id]
    a.bimtek.update(card.id, days=keep)
    absent = next(p for p in b.directory.people(region) if p.id not in b.attendance.presence(day.id))
    b.attendance.check_in(day.id, absent.id, None, paper=True)
    ra = send(a, b, region)
    rb = send(b, a, region)
    assert day.id in ra.kept and day.id in rb.kept
    assert view(a, region) == view(b, region)
    assert dump(a) == dump(b)
    assert absent.id in a.attendance.presence(day.id)
    for s in (a, b):
        with closing(conn_of(s)) as c:
            assert held_records(c) == [("bimtek_day", day.id, "kept")]
            # check_database knows the kept day is held for review, not damage
            report = check_database(c)
            assert report.ok, report
    # Re-applying keeps it so and writes nothing.
    assert send(a, b, region).written == 0


def test_a_version_whose_parent_has_not_arrived_is_kept_and_settles_later(synced):
    a, b, region = synced
    pid = a.directory.people(region)[3].id
    edit_person(a, region, pid, jabatan="Langkah dua")
    edit_person(a, region, pid, jabatan="Langkah tiga")
    bundle, attachments = _bundle(a, region)
    chain = sorted((v for v in bundle if v["record_id"] == pid), key=lambda v: v["hlc"])
    with closing(conn_of(b)) as c:
        result = import_versions(c, [chain[-1]], attachments)
        assert result.plan.orphans == (chain[-1]["version_id"],)
        (conflict,) = current_conflicts(c)
        assert conflict.waiting and conflict.winner.version_id == chain[-1]["version_id"]
        assert check_database(c).ok
    assert b.directory.person(pid).jabatan == "Langkah tiga"
    send(a, b, region)
    with closing(conn_of(b)) as c:
        assert current_conflicts(c) == []
    assert dump(b) == dump(a)


def test_a_commitment_made_on_both_laptops_shows_the_older_one_everywhere(pair):
    """commitment.region_id is UNIQUE: two laptops that each opened the commitment page made one."""
    a, b = pair
    region = a.demo.create()
    send(a, b, region)
    a.commitment.view(region)
    b.commitment.view(region)
    send(a, b, region)
    send(b, a, region)
    assert a.commitment.view(region) == b.commitment.view(region)
    assert view(a, region) == view(b, region)
    assert dump(a) == dump(b)
    held = []
    for s in (a, b):
        with closing(conn_of(s)) as c:
            held.append(held_records(c))
            commitments = sorted(r[0] for r in c.execute("SELECT record_id FROM record_head WHERE entity = 'commitment'"))
            shown = c.execute("SELECT id FROM commitment").fetchall()
            assert len(commitments) == 2 and len(shown) == 1
            older = min(commitments, key=lambda rid: min(
                (Version.coerce(dict(zip(("version_id", "entity", "record_id", "parents", "device_id", "hlc",
                                          "deleted", "payload"), row))).clock(), row[0])
                for row in c.execute("SELECT version_id, entity, record_id, parents, device_id, hlc, deleted, "
                                     "payload FROM record_version WHERE record_id = ?", (rid,))))
            assert shown[0][0] == older
    assert held[0] == held[1]
    hidden = {rid for _entity, rid, _why in held[0]}
    assert {e for e, _rid, _why in held[0]} >= {"commitment", "commitment_version"}
    assert older not in hidden and len(hidden) > 2
    # Nothing more happens on a re-import.
    before = dump(b)
    send(a, b, region)
    assert dump(b) == before


def test_people_with_the_same_nip_are_flagged_not_merged(synced):
    a, b, region = synced
    nip = "198001012005011003"
    pa = a.directory.save_person(region, PersonInput(name="Rina Marlina", nip=nip, category="opd_staff"))
    pb = b.directory.save_person(region, PersonInput(name="Rina Marlina", nip=nip, category="opd_staff"))
    send(a, b, region)
    send(b, a, region)
    for s in (a, b):
        with closing(conn_of(s)) as c:
            assert duplicate_people_in(c, region) == [(nip, sorted([pa, pb]))]
        assert {pa, pb} <= {p.id for p in s.directory.people(region)}


# --- refusals and failures ------------------------------------------------------------------

def _bundle(src, region):
    with closing(conn_of(src)) as c:
        versions = export_versions(c, region)
        return [v.to_dict() for v in versions], export_attachments(c, versions)


@pytest.mark.parametrize("spoil", ["payload", "attachment", "missing_attachment", "column"])
def test_a_bad_bundle_is_refused_and_the_database_is_byte_for_byte_the_same(synced, spoil):
    a, b, region = synced
    pid = a.directory.people(region)[0].id
    edit_person(a, region, pid, jabatan="Sesudah")
    a.attendance.check_in(a.attendance.days(region)[0].id, a.directory.people(region)[-1].id, None,
                          paper=True, replace=True)
    bundle, attachments = _bundle(a, region)
    if spoil == "payload":
        target = next(v for v in bundle if v["record_id"] == pid and v["payload"]["jabatan"] == "Sesudah")
        target["payload"]["jabatan"] = "Dipalsukan"
    elif spoil == "attachment":
        first = attachments[0]
        attachments[0] = type(first)(first.sha256, first.media_type, first.data + b"x", first.created_at)
    elif spoil == "missing_attachment":
        bundle.append(_new_logo_version(a, region, bundle))
    else:
        bundle.append(_forged_column_version(bundle))
    before, raw = dump(b), file_bytes(b)
    with closing(conn_of(b)) as c:
        plan = plan_for(c, bundle)
        assert plan.refused == (spoil == "payload")
        with pytest.raises(ImportRefused, match="ditolak"):
            apply_plan(c, plan, [] if spoil == "missing_attachment" else attachments)
    assert file_bytes(b) == raw
    assert dump(b) == before


def _new_logo_version(a, region, bundle) -> dict:
    from kotacerdas_desktop.storage.history import Hlc, version_id

    region_versions = [v for v in bundle if v["record_id"] == region]
    head = max(region_versions, key=lambda v: v["hlc"])
    payload = {**head["payload"], "logo_sha256": "f" * 64}
    hlc = Hlc(Hlc.decode(head["hlc"]).wall_ms + 1, 0, head["device_id"]).encode()
    vid = version_id("region", region, [head["version_id"]], head["device_id"], hlc, False, payload)
    return {**head, "version_id": vid, "parents": [head["version_id"]], "hlc": hlc, "payload": payload}


def _forged_column_version(bundle) -> dict:
    from kotacerdas_desktop.storage.history import Hlc, version_id

    head = next(v for v in bundle if v["entity"] == "opd")
    payload = {**head["payload"], "kolom_baru": 1}
    hlc = Hlc(Hlc.decode(head["hlc"]).wall_ms + 1, 0, head["device_id"]).encode()
    vid = version_id("opd", head["record_id"], [head["version_id"]], head["device_id"], hlc, False, payload)
    return {**head, "version_id": vid, "parents": [head["version_id"]], "hlc": hlc, "payload": payload}


def test_an_apply_that_fails_midway_leaves_the_database_as_it_was(pair, monkeypatch):
    a, b = pair
    region = a.demo.create()
    a.demo.fill_full(region)
    bundle, attachments = _bundle(a, region)
    before = dump(b)  # (a rolled-back spill may leave unused WAL frames: compare contents)
    real, calls = sync_apply._upsert, []

    def failing(conn, v, defaults):
        calls.append(v.record_id)
        if len(calls) == 200:
            raise OSError("disk penuh (simulasi)")
        return real(conn, v, defaults)

    monkeypatch.setattr(sync_apply, "_upsert", failing)
    with closing(conn_of(b)) as c:
        with pytest.raises(OSError):
            import_versions(c, bundle, attachments)
        assert not c.in_transaction
        assert check_database(c).ok
    assert dump(b) == before
    monkeypatch.setattr(sync_apply, "_upsert", real)
    with closing(conn_of(b)) as c:
        import_versions(c, bundle, attachments)
        assert check_database(c).ok
    assert view(b, region) == view(a, region)


def test_a_backup_is_made_before_writing(synced, tmp_path):
    a, b, region = synced
    edit_person(a, region, a.directory.people(region)[0].id, jabatan="Baru")
    bundle, attachments = _bundle(a, region)
    with closing(conn_of(b)) as c:
        result = apply_plan(c, plan_for(c, bundle), attachments, backups_dir=tmp_path / "cadangan")
        assert result.backup is not None and result.backup.exists() and result.inserted == 1
        nothing = apply_plan(c, plan_for(c, bundle), attachments, backups_dir=tmp_path / "cadangan2")
        assert nothing.backup is None and nothing.inserted == 0


# --- what an export carries -----------------------------------------------------------------

def test_a_region_export_carries_its_records_only_with_their_attachments(synced):
    a, _b, region = synced
    assert set(REGION_LINKS) == set(SYNCED_TABLES)
    from kotacerdas_desktop.domain.regions import RegionInput

    other = a.regions.create(RegionInput(kind="kabupaten", name="Agam", province="Sumatera Barat"))
    a.directory.save_person(other, PersonInput(name="Orang Agam", category="opd_staff"))
    a.regions.set_logo(region, _png())
    a.attendance.add_scan(a.attendance.days(region)[0].id, _png() + b"pindaian", "hadir.png")
    with closing(conn_of(a)) as c:
        mine, theirs = export_versions(c, region), export_versions(c, other)
        everything = export_versions(c, None)
        assert {v.version_id for v in mine} | {v.version_id for v in theirs} == {v.version_id for v in everything}
        assert not {v.record_id for v in mine} & {v.record_id for v in theirs}
        assert {v.entity for v in mine} == set(SYNCED_TABLES)
        shas = {x.sha256 for x in export_attachments(c, mine)}
        logo = c.execute("SELECT logo_sha256 FROM region WHERE id = ?", (region,)).fetchone()[0]
        strokes = {r[0] for r in c.execute("SELECT strokes_sha256 FROM attendance WHERE strokes_sha256 IS NOT NULL")}
        scans = {r[0] for r in c.execute("SELECT attachment_sha256 FROM day_scan")}
        assert logo in shas and strokes <= shas and len(scans) == 1 and scans <= shas
        assert export_attachments(c, theirs) == []
        since = {v.version_id for v in mine[:100]}
        assert [v.version_id for v in export_versions(c, region, since)] == [v.version_id for v in mine[100:]]


def _png() -> bytes:
    import base64

    return base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@pytest.mark.parametrize("seed", range(3))
def test_three_databases_with_random_edits_and_exchanges_converge(tmp_path, seed):
    import random

    from kotacerdas_desktop.domain.regions import RegionInput

    rng = random.Random(seed)
    dbs = [Services.open(prepare_paths(tmp_path / name)) for name in "abc"]
    try:
        region = dbs[0].regions.create(RegionInput(kind="kota", name="Solok", province="Sumatera Barat"))
        people = [dbs[0].directory.save_person(region, PersonInput(name=f"Orang {i}", category="opd_staff"))
                  for i in range(4)]
        for other in dbs[1:]:
            send(dbs[0], other, region)
        elements = [e.id for d in dbs[0].regions.detail(region).dimensions for e in d.elements][:4]
        for step in range(30):
            s = rng.choice(dbs)
            action = rng.choice(["person", "person", "rename", "remove", "send"])
            try:
                if action == "person":
                    pid = rng.choice(people)
                    edit_person(s, region, pid, jabatan=f"Jabatan {step}")
                elif action == "rename":
                    s.regions.rename("element", rng.choice(elements), f"Elemen {step}")
                elif action == "remove":
                    s.regions.remove("element", rng.choice(elements))
                else:
                    send(s, rng.choice([d for d in dbs if d is not s]), region)
            except Exception as exc:  # editing what this database no longer shows
                assert "tidak ditemukan" in str(exc).lower() or "NotFound" in type(exc).__name__, exc
        pairs = [(x, y) for x in dbs for y in dbs if x is not y] * 2
        rng.shuffle(pairs)
        for x, y in pairs:
            send(x, y, region)
        dumps = [dump(s) for s in dbs]
        assert dumps[0] == dumps[1] == dumps[2]
        views = [view(s, region) for s in dbs]
        assert views[0] == views[1] == views[2]
        conflicts = []
        for s in dbs:
            with closing(conn_of(s)) as c:
                conflicts.append(current_conflicts(c))
        assert conflicts[0] == conflicts[1] == conflicts[2]
        assert conflicts[0], "these seeds make conflicts"
        # Resolve every conflict on one database, keeping a losing head, and send it around.
        with closing(conn_of(dbs[1])) as c:
            for conflict in conflicts[1]:
                loser = conflict.heads[0]
                resolve_conflict(c, conflict.record_id, None if loser.deleted else dict(loser.payload),
                                 deleted=loser.deleted)
            assert current_conflicts(c) == [] and check_database(c).ok
        for other in (dbs[0], dbs[2]):
            send(dbs[1], other, region)
        assert dump(dbs[0]) == dump(dbs[1]) == dump(dbs[2])
    finally:
        for s in dbs:
            s.close()
