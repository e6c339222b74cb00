"""The version log written by SQLite triggers: one version per real change, from
every write path (services/ORM, raw SQL, SQLAlchemy Core bulk), chained by parents,
with recomputable ids, an HLC that always moves forward, tombstones on delete, and
an append-only table."""
from __future__ import annotations

import json
import re
import sqlite3
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kotacerdas_desktop.domain.people import PersonInput, ValidationError
from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.storage.database import check_database, connect
from kotacerdas_desktop.storage.history import (LOCAL_COLUMNS, SYNCED_TABLES, Hlc, canonical_json,
                                                next_hlc, paused_recording, version_id)

HEX32 = re.compile(r"^[0-9a-f]{32}$")


# --- helpers ------------------------------------------------------------------------------

@pytest.fixture
def db(services):
    """A stdlib connection to the same database as the services (with the history functions)."""
    conn = connect(services.store.paths.database)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


def n_versions(conn, record_id: str | None = None) -> int:
    if record_id is None:
        return conn.execute("SELECT count(*) FROM record_version").fetchone()[0]
    return conn.execute("SELECT count(*) FROM record_version WHERE record_id = ?",
                        (record_id,)).fetchone()[0]


def versions_of(conn, record_id: str) -> list[sqlite3.Row]:
    return conn.execute("SELECT *, rowid FROM record_version WHERE record_id = ? ORDER BY rowid",
                        (record_id,)).fetchall()


def heads(conn, record_id: str) -> list[str]:
    return [r[0] for r in conn.execute("SELECT version_id FROM record_head WHERE record_id = ?",
                                       (record_id,))]


def row_payload(row: sqlite3.Row) -> dict:
    return {k: row[k] for k in row.keys() if k != "id" and k not in LOCAL_COLUMNS}


def current_rows(conn) -> dict[str, tuple[str, sqlite3.Row]]:
    out = {}
    for table in SYNCED_TABLES:
        for row in conn.execute(f'SELECT * FROM "{table}"'):
            out[row["id"]] = (table, row)
    return out


def assert_history_consistent(conn) -> None:
    """Every record's versions form one chain whose head is the current row (or a tombstone)."""
    by_record: dict[str, list[sqlite3.Row]] = {}
    for v in conn.execute("SELECT *, rowid FROM record_version ORDER BY rowid"):
        by_record.setdefault(v["record_id"], []).append(v)
    rows = current_rows(conn)
    assert set(rows) <= set(by_record), "a record without any version"
    for rid, chain in by_record.items():
        assert json.loads(chain[0]["parents"]) == []
        for earlier, later in zip(chain, chain[1:]):
            assert json.loads(later["parents"]) == [earlier["version_id"]]
            assert clock(later["hlc"]) > clock(earlier["hlc"])
            assert earlier["deleted"] == 0, "a version after a tombstone"
        last = chain[-1]
        assert heads(conn, rid) == [last["version_id"]]
        if rid in rows:
            table, row = rows[rid]
            assert last["entity"] == table and last["deleted"] == 0
            assert last["payload"] == canonical_json(row_payload(row))
        else:
            assert last["deleted"] == 1, f"deleted record {rid} has no tombstone"


def clock(hlc: "str | Hlc") -> tuple[int, int]:
    """(wall ms, counter): the part of an HLC that orders events."""
    h = Hlc.decode(hlc) if isinstance(hlc, str) else hlc
    return h.wall_ms, h.counter


def region_input(name="Padang Panjang", **kw) -> RegionInput:
    base = dict(kind="kota", name=name, province="Sumatera Barat")
    base.update(kw)
    return RegionInput(**base)


# --- one version per change, through the services ------------------------------------------

def test_creating_a_region_writes_one_version_per_record(services, db):
    assert n_versions(db) == 0
    region = services.regions.create(region_input())
    rows = current_rows(db)
    assert len(rows) > 10  # region, framework, dimensions, elements, roles, four bimtek
    assert n_versions(db) == len(rows)
    for rid, (table, row) in rows.items():
        (v,) = versions_of(db, rid)
        assert v["entity"] == table and v["deleted"] == 0 and v["parents"] == "[]"
        assert v["payload"] == canonical_json(row_payload(row))
    assert region in rows and rows[region][0] == "region"
    assert_history_consistent(db)


def test_real_update_appends_one_version_chained_to_the_head(services, db):
    region = services.regions.create(region_input())
    before_total = n_versions(db)
    (first,) = versions_of(db, region)

    services.regions.update(region, region_input(province="Sumatera Utara"))

    assert n_versions(db) == before_total + 1
    chain = versions_of(db, region)
    assert len(chain) == 2
    assert json.loads(chain[1]["parents"]) == [first["version_id"]]
    assert heads(db, region) == [chain[1]["version_id"]]
    assert json.loads(chain[1]["payload"])["province"] == "Sumatera Utara"
    assert json.loads(first["payload"])["province"] == "Sumatera Barat"


def test_noop_saves_append_nothing(services, db):
    region = services.regions.create(region_input())
    person = services.directory.save_person(region, PersonInput(
        prefix="Dr.", name="Ahmad Zulkifli", suffix="S.Kom.", nip="197805122003121004",
        jabatan="Kepala Dinas", category="opd_staff"))
    opd = services.directory.save_opd(region, "Dinas Komunikasi dan Informatika", "Diskominfo")
    card = services.bimtek.cards(region)[0]
    services.bimtek.update(card.id, venue="Aula Balai Kota")
    total = n_versions(db)

    services.regions.update(region, region_input())
    services.directory.save_person(region, PersonInput(
        prefix="Dr.", name="Ahmad Zulkifli", suffix="S.Kom.", nip="197805122003121004",
        jabatan="Kepala Dinas", category="opd_staff"), person_id=person)
    services.directory.save_opd(region, "Dinas Komunikasi dan Informatika", "Diskominfo", opd_id=opd)
    services.bimtek.update(card.id, venue="Aula Balai Kota", status=card.status)
    services.directory.set_opd_head(opd, None)
    services.regions.set_official(region, "sekda", None)

    assert n_versions(db) == total


def test_person_edit_writes_one_version_and_search_key_stays_local(services, db):
    region = services.regions.create(region_input())
    pid = services.directory.save_person(region, PersonInput(name="Siti Rahmawati", category="opd_staff"))
    assert n_versions(db, pid) == 1
    services.directory.save_person(region, PersonInput(name="Siti Rahmawati Putri", category="opd_staff"),
                                   person_id=pid)
    chain = versions_of(db, pid)
    assert len(chain) == 2
    row = db.execute("SELECT * FROM person WHERE id = ?", (pid,)).fetchone()
    assert row["search_key"] == "siti rahmawati putri"
    for v in chain:
        assert "search_key" not in json.loads(v["payload"])

    # Changing only the local column makes no version, from any connection.
    db.execute("UPDATE person SET search_key = 'apa saja' WHERE id = ?", (pid,))
    assert n_versions(db, pid) == 2
    assert_history_consistent(db)


def test_failed_service_call_leaves_no_version(services, db):
    services.regions.create(region_input())
    total = n_versions(db)
    with pytest.raises(ValidationError):
        services.regions.create(region_input())  # duplicate
    with pytest.raises(ValidationError):
        services.directory.save_opd(services.regions.list()[0].id, "")
    assert n_versions(db) == total


def test_delete_writes_a_tombstone_that_becomes_the_head(services, db):
    region = services.regions.create(region_input())
    element = services.regions.detail(region).dimensions[0].elements[0].id
    (before,) = versions_of(db, element)

    services.regions.remove("element", element)

    assert db.execute("SELECT count(*) FROM element WHERE id = ?", (element,)).fetchone()[0] == 0
    chain = versions_of(db, element)
    assert len(chain) == 2
    tomb = chain[1]
    assert tomb["deleted"] == 1
    assert json.loads(tomb["parents"]) == [before["version_id"]]
    assert tomb["payload"] == before["payload"]  # the last state travels with the tombstone
    assert heads(db, element) == [tomb["version_id"]]


def test_replacing_the_framework_tombstones_every_old_record(services, db):
    region = services.regions.create(region_input(), framework="ministry")
    old = services.regions.detail(region)
    old_ids = {d.id for d in old.dimensions} | {e.id for d in old.dimensions for e in d.elements}
    old_ids.add(db.execute("SELECT id FROM framework").fetchone()[0])

    services.regions.replace_framework(region, "giffinger")

    for rid in old_ids:
        chain = versions_of(db, rid)
        assert [v["deleted"] for v in chain] == [0, 1], rid
        assert heads(db, rid) == [chain[-1]["version_id"]]
    assert_history_consistent(db)
    assert check_database(db).ok


def test_version_ids_recompute_and_check_passes_after_demo(services, db, demo_region):
    services.regions.update(demo_region, RegionInput(**{**vars(services.regions.detail(demo_region).data),
                                                        "signing_place": "Contoh"}))
    rows = db.execute("SELECT * FROM record_version").fetchall()
    assert len(rows) > 200
    for v in rows:
        assert v["version_id"] == version_id(v["entity"], v["record_id"], json.loads(v["parents"]),
                                             v["device_id"], v["hlc"], bool(v["deleted"]),
                                             json.loads(v["payload"]))
    assert_history_consistent(db)
    report = check_database(db)
    assert report.ok and report.versions == len(rows)


# --- raw SQL and SQLAlchemy Core write history too --------------------------------------------

def test_raw_sql_insert_update_delete(services, db):
    rid = uuid.uuid4().hex
    db.execute("INSERT INTO region (id, kind, name) VALUES (?, 'kabupaten', 'Agam')", (rid,))
    assert n_versions(db, rid) == 1
    db.execute("UPDATE region SET name = name, province = province WHERE id = ?", (rid,))
    assert n_versions(db, rid) == 1  # no-op update
    db.execute("UPDATE region SET province = 'Sumatera Barat' WHERE id = ?", (rid,))
    assert n_versions(db, rid) == 2
    db.execute("UPDATE region SET province = 'X' WHERE id = 'tidak-ada'")
    assert n_versions(db) == 2
    db.execute("DELETE FROM region WHERE id = ?", (rid,))
    chain = versions_of(db, rid)
    assert [v["deleted"] for v in chain] == [0, 0, 1]
    assert_history_consistent(db)


def test_raw_multi_row_statements_write_one_version_per_row(services, db):
    ids = [uuid.uuid4().hex for _ in range(5)]
    values = ", ".join(f"('{i}', 'kota', 'Kota {n}')" for n, i in enumerate(ids))
    db.execute(f"INSERT INTO region (id, kind, name) VALUES {values}")
    assert n_versions(db) == 5
    db.execute("UPDATE region SET status = 'archived' WHERE name IN ('Kota 1', 'Kota 2', 'Kota 3')")
    assert n_versions(db) == 8
    assert_history_consistent(db)


def test_rolled_back_transaction_leaves_no_version(services, db):
    db.execute("BEGIN")
    db.execute("INSERT INTO region (id, kind, name) VALUES (?, 'kota', 'Batal')", (uuid.uuid4().hex,))
    assert n_versions(db) == 1
    db.execute("ROLLBACK")
    assert n_versions(db) == 0
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO region (id, kind, name) VALUES (?, 'desa', 'Salah')", (uuid.uuid4().hex,))
    assert n_versions(db) == 0


def test_core_bulk_insert_and_update_on_the_engine(services, db):
    from sqlalchemy import insert, update

    from kotacerdas_desktop.storage.models import Region

    ids = [uuid.uuid4() for _ in range(40)]
    with services.store.engine.begin() as conn:
        conn.execute(insert(Region), [dict(id=i, kind="kabupaten", name=f"Bulk {n}")
                                      for n, i in enumerate(ids)])
    assert n_versions(db) == 40
    for i in ids:
        assert n_versions(db, i.hex) == 1
    with services.store.engine.begin() as conn:
        conn.execute(update(Region).where(Region.name.in_(["Bulk 1", "Bulk 2"])).values(province="Riau"))
        conn.execute(update(Region).values(kind="kabupaten"))  # changes nothing
    assert n_versions(db) == 42
    assert_history_consistent(db)
    assert check_database(db).ok


def test_id_cannot_change(services, db):
    rid = uuid.uuid4().hex
    db.execute("INSERT INTO region (id, kind, name) VALUES (?, 'kota', 'Solok')", (rid,))
    with pytest.raises(sqlite3.IntegrityError, match="record id cannot change"):
        db.execute("UPDATE region SET id = ? WHERE id = ?", (uuid.uuid4().hex, rid))
    assert n_versions(db) == 1


def test_connection_without_history_functions_cannot_write(services):
    conn = sqlite3.connect(str(services.store.paths.database))
    try:
        with pytest.raises(sqlite3.OperationalError, match="no such function"):
            conn.execute("INSERT INTO region (id, kind, name) VALUES (?, 'kota', 'Diam-diam')",
                         (uuid.uuid4().hex,))
        conn.rollback()
        assert conn.execute("SELECT count(*) FROM region").fetchone()[0] == 0
    finally:
        conn.close()


# --- the version table is append-only -------------------------------------------------------

def test_versions_cannot_be_updated_or_deleted(services, db, demo_region):
    vid = db.execute("SELECT version_id FROM record_version LIMIT 1").fetchone()[0]
    total = n_versions(db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE record_version SET payload = '{}' WHERE version_id = ?", (vid,))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM record_version WHERE version_id = ?", (vid,))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM record_version")
    assert n_versions(db) == total

    import sqlalchemy.exc
    with pytest.raises(sqlalchemy.exc.IntegrityError):
        with services.store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE record_version SET hlc = '0'")
    assert check_database(db).ok


def test_insert_or_replace_cannot_overwrite_a_version(services, db):
    rid = uuid.uuid4().hex
    db.execute("INSERT INTO region (id, kind, name) VALUES (?, 'kota', 'Sawahlunto')", (rid,))
    (v,) = versions_of(db, rid)
    try:
        db.execute("INSERT OR REPLACE INTO record_version (version_id, entity, record_id, parents, "
                   "device_id, hlc, deleted, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   (v["version_id"], v["entity"], rid, v["parents"], v["device_id"], v["hlc"], 0,
                    '{"dipalsukan":true}'))
    except sqlite3.DatabaseError:
        pass
    assert versions_of(db, rid)[0]["payload"] == v["payload"]


# --- pausing and local columns ------------------------------------------------------------

def test_paused_recording_writes_no_versions(services, db):
    rid = uuid.uuid4().hex
    db.execute("INSERT INTO region (id, kind, name) VALUES (?, 'kota', 'Payakumbuh')", (rid,))
    with paused_recording(db):
        db.execute("UPDATE region SET province = 'Sumatera Barat' WHERE id = ?", (rid,))
        other = uuid.uuid4().hex
        db.execute("INSERT INTO region (id, kind, name) VALUES (?, 'kota', 'Pariaman')", (other,))
        db.execute("DELETE FROM region WHERE id = ?", (other,))
    assert n_versions(db) == 1
    # The check notices that the current row is not what its head version says ...
    report = check_database(db)
    assert report.heads_not_matching == 1 and not report.ok
    # ... and recording is back on after the block.
    db.execute("UPDATE region SET province = 'Sumbar' WHERE id = ?", (rid,))
    assert n_versions(db) == 2
    assert check_database(db).ok


def test_paused_recording_is_per_connection(services, db):
    other = connect(services.store.paths.database)
    try:
        with paused_recording(db):
            other.execute("INSERT INTO region (id, kind, name) VALUES (?, 'kota', 'Sibolga')",
                          (uuid.uuid4().hex,))
    finally:
        other.close()
    assert n_versions(db) == 1


# --- ids, device, payload ---------------------------------------------------------------------

def test_every_record_id_is_a_32_hex_uuid4(services, db, demo_region):
    assert HEX32.match(demo_region)
    count = 0
    for rid, (_table, _row) in current_rows(db).items():
        assert HEX32.match(rid), rid
        assert uuid.UUID(rid).hex == rid and uuid.UUID(rid).version == 4
        count += 1
    assert count > 150
    for (rid,) in db.execute("SELECT DISTINCT record_id FROM record_version"):
        assert HEX32.match(rid)
    for table in ("opd", "person", "official_role"):
        for row in db.execute(f"SELECT * FROM {table}"):
            for key in ("region_id", "opd_id", "person_id", "head_person_id"):
                if key in row.keys() and row[key] is not None:
                    assert HEX32.match(row[key]), (table, key, row[key])


def test_device_id_is_stable_across_reopen(paths):
    from kotacerdas_desktop.services import Services

    first = Services.open(paths)
    try:
        device = first.store.info.device_id
        first.regions.create(region_input())
    finally:
        first.close()
    assert HEX32.match(device)
    second = Services.open(paths)
    try:
        assert second.store.info.device_id == device
        second.regions.create(region_input("Bukittinggi"))
    finally:
        second.close()
    conn = connect(paths.database)
    try:
        assert conn.execute("SELECT device_id FROM local_device").fetchall() == [(device,)]
        assert {r[0] for r in conn.execute("SELECT DISTINCT device_id FROM record_version")} == {device}
        for (hlc,) in conn.execute("SELECT hlc FROM record_version"):
            assert Hlc.decode(hlc).device_id == device
    finally:
        conn.close()


def test_payload_is_canonical_sorted_json(services, db):
    rid = uuid.uuid4().hex
    db.execute("INSERT INTO region (id, kind, name, office_name) VALUES (?, 'kabupaten', ?, ?)",
               (rid, "Lima Puluh Kota", 'Dinas "Kominfo" — Sumbar'))
    pid = services.directory.save_person(rid, PersonInput(name="Ngabèhi Surya", category="official"))
    for record in (rid, pid):
        (v,) = versions_of(db, record)
        text = v["payload"]
        data = json.loads(text)
        assert text == json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert list(data) == sorted(data)
        assert "id" not in data and not (set(data) & LOCAL_COLUMNS)
    region_payload = json.loads(versions_of(db, rid)[0]["payload"])
    assert region_payload["office_name"] == 'Dinas "Kominfo" — Sumbar'
    assert region_payload["logo_sha256"] is None and region_payload["paper_size"] == "A4"
    assert "Ngabèhi" in versions_of(db, pid)[0]["payload"]  # UTF-8, not \u escapes
    assert canonical_json({"b": 1, "a": [2, {"d": None, "c": "é"}]}) == '{"a":[2,{"c":"é","d":null}],"b":1}'
    with pytest.raises(ValueError):
        canonical_json({"x": float("nan")})


# --- the hybrid logical clock ----------------------------------------------------------------

def _device_hlcs(conn) -> list[tuple[int, int]]:
    return [clock(h) for (h,) in conn.execute(
        "SELECT hlc FROM record_version WHERE device_id = (SELECT device_id FROM local_device) "
        "ORDER BY rowid")]


def test_hlc_strictly_increases_within_one_millisecond(services, db):
    db.execute("BEGIN")
    for n in range(300):
        db.execute("INSERT INTO region (id, kind, name) VALUES (?, 'kota', ?)", (uuid.uuid4().hex, f"K{n}"))
    db.execute("UPDATE region SET province = 'P'")  # 300 versions from one statement
    db.execute("COMMIT")
    hlcs = _device_hlcs(db)
    assert len(hlcs) == 600
    assert all(a < b for a, b in zip(hlcs, hlcs[1:]))
    walls = [w for w, _ in hlcs]
    assert len(set(walls)) < len(walls), "expected several versions within one millisecond"
    assert max(c for _, c in hlcs) > 0


def test_hlc_increases_over_a_demo_and_edits(services, db, demo_region):
    services.regions.update(demo_region, RegionInput(**{**vars(services.regions.detail(demo_region).data),
                                                        "phone": "(0752) 999"}))
    hlcs = _device_hlcs(db)
    assert len(hlcs) > 200
    assert all(a < b for a, b in zip(hlcs, hlcs[1:]))


def test_edit_of_a_version_from_the_future_moves_the_clock_past_it(services, db):
    rid = uuid.uuid4().hex
    with paused_recording(db):
        db.execute("INSERT INTO region (id, kind, name) VALUES (?, 'kota', 'Masa Depan')", (rid,))
    row = db.execute("SELECT * FROM region WHERE id = ?", (rid,)).fetchone()
    other_device = uuid.uuid4().hex
    future = Hlc(Hlc.decode(next_hlc(None, None, "x", 0)).wall_ms + 4_102_444_800_000, 7,
                 other_device).encode()
    payload = row_payload(row)
    vid = version_id("region", rid, [], other_device, future, False, payload)
    db.execute("INSERT INTO record_version (version_id, entity, record_id, parents, device_id, hlc, "
               "deleted, payload) VALUES (?, 'region', ?, '[]', ?, ?, 0, ?)",
               (vid, rid, other_device, future, canonical_json(payload)))
    assert heads(db, rid) == [vid]

    db.execute("UPDATE region SET province = 'Sumatera Barat' WHERE id = ?", (rid,))
    new = versions_of(db, rid)[-1]
    got, sent = Hlc.decode(new["hlc"]), Hlc.decode(future)
    assert (got.wall_ms, got.counter) == (sent.wall_ms, sent.counter + 1)
    assert got.device_id == services.store.info.device_id
    assert json.loads(new["parents"]) == [vid]
    assert check_database(db).ok


def test_next_hlc_first_event_uses_the_wall_clock():
    assert next_hlc(None, None, "dev", 1_700_000_000_123) == "1700000000123.00000.dev"


def test_next_hlc_same_millisecond_bumps_the_counter():
    prev = next_hlc(None, None, "dev", 1000)
    again = next_hlc(prev, None, "dev", 1000)
    assert again == "0000000001000.00001.dev"
    assert next_hlc(again, None, "dev", 1000) == "0000000001000.00002.dev"


def test_next_hlc_clock_going_backwards_never_goes_back():
    prev = Hlc(5000, 3, "dev").encode()
    assert next_hlc(prev, None, "dev", 1000) == "0000000005000.00004.dev"


def test_next_hlc_parent_from_the_future_is_passed():
    prev = Hlc(1000, 0, "dev").encode()
    parent = Hlc(9000, 7, "lain").encode()
    assert next_hlc(prev, parent, "dev", 1500) == "0000000009000.00008.dev"
    # An older parent does not hold the clock back.
    assert next_hlc(prev, Hlc(10, 99, "lain").encode(), "dev", 1500) == "0000000001500.00000.dev"


def test_next_hlc_later_wall_clock_resets_the_counter():
    assert next_hlc(Hlc(1000, 42, "dev").encode(), None, "dev", 1001) == "0000000001001.00000.dev"


HLCS = st.builds(Hlc, st.integers(0, 10**13 - 1), st.integers(0, 5000),
                 st.sampled_from(["a" * 32, "b" * 32, "0123456789abcdef" * 2]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**13 - 1), st.one_of(st.none(), HLCS)),
                min_size=1, max_size=40))
def test_next_hlc_is_monotonic_and_passes_parents(events):
    device = "d" * 32
    prev = None
    for now, parent in events:
        new = Hlc.decode(next_hlc(prev, parent.encode() if parent else None, device, now))
        assert new.device_id == device
        assert new.wall_ms == max([now] + [h.wall_ms for h in (Hlc.decode(prev) if prev else None, parent) if h])
        if prev:
            assert clock(new) > clock(prev)
            assert new.encode() > prev  # text order (what SQL max() uses) agrees
        if parent:
            assert (new.wall_ms, new.counter) > (parent.wall_ms, parent.counter)
        prev = new.encode()


@given(HLCS, HLCS)
def test_encoded_hlc_sorts_like_the_clock(a, b):
    assert (a.encode() < b.encode()) == (a < b)
    assert Hlc.decode(a.encode()) == a
