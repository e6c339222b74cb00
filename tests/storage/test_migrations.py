"""Schema upgrades: from the committed schema-1 fixture, refusal of newer files,
rollback of a failing step, backups, and models that match the real schema."""
from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from kotacerdas_desktop.domain.people import search_key
from kotacerdas_desktop.storage import database
from kotacerdas_desktop.storage.database import (BACKUP_KEEP, DatabaseError, NewerSchemaError,
                                                 backup_database, check_database, connect,
                                                 prepare_database)
from kotacerdas_desktop.storage.history import LOCAL_TABLES, SYNCED_TABLES
from kotacerdas_desktop.storage.migrations import (MIGRATIONS, SCHEMA_VERSION, Migration,
                                                   person_search_key)
from kotacerdas_desktop.storage.models import Base

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_V1 = FIXTURES / "schema_v1.sqlite"
sys.path.insert(0, str(FIXTURES))
import make_schema_v1  # noqa: E402


# --- helpers -------------------------------------------------------------------------

def plain(path: Path) -> sqlite3.Connection:
    """A bare stdlib connection (no pragmas, no history functions): reads change nothing.
    The committed fixture is only ever opened read-only."""
    if Path(path) == FIXTURE_V1:
        conn = sqlite3.connect(f"{FIXTURE_V1.as_uri()}?mode=ro", uri=True)
    else:
        conn = sqlite3.connect(str(path))
    conn.row_factory = sqlite3.Row
    return conn


def user_version(path: Path) -> int:
    conn = plain(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def snapshot(path: Path) -> dict[str, dict[str, dict]]:
    """Every row of every synced table, by id."""
    conn = plain(path)
    try:
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: {r["id"]: dict(r) for r in conn.execute(f'SELECT * FROM "{t}"')}
                for t in SYNCED_TABLES if t in present}
    finally:
        conn.close()


def versions(path: Path) -> set[tuple]:
    conn = plain(path)
    try:
        return {tuple(r) for r in conn.execute("SELECT version_id, entity, record_id, parents, "
                                               "device_id, hlc, deleted, payload FROM record_version")}
    finally:
        conn.close()


def table_names(path: Path) -> set[str]:
    conn = plain(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def assert_models_match(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    try:
        db_tables = table_names(path)
        for table in Base.metadata.sorted_tables:
            assert table.name in db_tables, f"model table {table.name} missing from the database"
            info = {r[1]: r for r in conn.execute(f'PRAGMA table_info("{table.name}")')}
            assert set(info) == {c.name for c in table.columns}, table.name
            for column in table.columns:
                if column.primary_key:
                    continue
                assert bool(info[column.name][3]) == (not column.nullable), \
                    f"NOT NULL of {table.name}.{column.name} differs between model and schema"
        assert {t.name for t in Base.metadata.sorted_tables} == set(SYNCED_TABLES) | set(LOCAL_TABLES)
    finally:
        conn.close()


@pytest.fixture
def v1_copy(tmp_path) -> Path:
    """The committed schema-1 database, copied where a test may upgrade it."""
    data = tmp_path / "data"
    data.mkdir()
    target = data / "kotacerdas.sqlite"
    shutil.copyfile(FIXTURE_V1, target)
    return target


# --- the fixture itself ----------------------------------------------------------------

def test_fixture_is_a_small_self_contained_schema_1_file():
    assert FIXTURE_V1.is_file()
    assert FIXTURE_V1.stat().st_size < 200 * 1024
    for suffix in ("-wal", "-shm", "-journal"):
        assert not Path(str(FIXTURE_V1) + suffix).exists()
    conn = plain(FIXTURE_V1)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        cols = {r[1] for r in conn.execute("PRAGMA table_info(person)")}
        assert "search_key" not in cols and "nip" in cols
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in SYNCED_TABLES
                  if t in present}
        assert counts == {"region": 1, "framework": 1, "dimension": 1, "element": 1, "opd": 2,
                          "person": 3, "official_role": 1, "bimtek": 4, "bimtek_day": 1}
        # The triggers of schema 1 wrote the versions: one per row, plus the opd head update.
        assert conn.execute("SELECT count(*) FROM record_version").fetchone()[0] == sum(counts.values()) + 1
    finally:
        conn.close()


def test_first_migration_still_builds_the_fixture_schema(tmp_path):
    """MIGRATIONS[0] is frozen: rebuilding gives the same tables and indexes as the committed file."""
    rebuilt = make_schema_v1.build(tmp_path / "rebuilt.sqlite")

    def ddl(path):
        conn = plain(path)
        try:
            return sorted(tuple(r) for r in conn.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'index')"))
        finally:
            conn.close()

    assert ddl(rebuilt) == ddl(FIXTURE_V1)
    assert snapshot(rebuilt) == snapshot(FIXTURE_V1)


# --- upgrading the fixture -----------------------------------------------------------------

def test_upgrade_from_schema_1_keeps_everything(v1_copy, tmp_path):
    backups = tmp_path / "data" / "backups"
    before_rows = snapshot(v1_copy)
    before_versions = versions(v1_copy)
    conn = plain(v1_copy)
    device_before = conn.execute("SELECT device_id, name FROM local_device").fetchone()
    conn.close()

    info = prepare_database(v1_copy, backups)

    assert user_version(v1_copy) == SCHEMA_VERSION
    assert info.schema_version == SCHEMA_VERSION
    assert info.upgraded_from == 1
    assert (info.device_id, info.device_name) == tuple(device_before)

    # The backup: in the backups folder, itself a schema-1 database with the same rows.
    assert info.backup is not None and info.backup.is_file()
    assert info.backup.parent == backups
    assert list(backups.glob("*.sqlite")) == [info.backup]
    assert user_version(info.backup) == 1
    assert snapshot(info.backup) == before_rows
    assert versions(info.backup) == before_versions
    with plain(info.backup) as bconn:
        assert bconn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # Old rows intact, column by column; new columns carry their defaults.
    after_rows = snapshot(v1_copy)
    assert after_rows.keys() >= before_rows.keys()
    assert not any(after_rows[t] for t in after_rows.keys() - before_rows.keys())  # new tables start empty
    for table, rows in before_rows.items():
        assert after_rows[table].keys() == rows.keys(), table
        for rid, old in rows.items():
            new = after_rows[table][rid]
            assert {k: new[k] for k in old} == old, (table, rid)
    assert {r["signing_place"] for r in after_rows["region"].values()} == {""}

    # v2 filled the people's search keys without writing history.
    people = after_rows["person"]
    for p in people.values():
        assert p["search_key"] == person_search_key(p["name"], p["prefix"], p["suffix"], p["nip"],
                                                    search_key)
        assert p["search_key"].startswith(p["name"].lower())
    kadis = people[make_schema_v1.PERSON_KADIS]
    assert kadis["search_key"] == "ahmad zulkifli 197805122003121004"
    assert versions(v1_copy) == before_versions

    conn = connect(v1_copy)
    try:
        report = check_database(conn)
    finally:
        conn.close()
    assert report.ok, report
    assert report.versions == len(before_versions)
    assert_models_match(v1_copy)


def test_second_prepare_after_upgrade_changes_nothing(v1_copy, tmp_path):
    backups = tmp_path / "data" / "backups"
    prepare_database(v1_copy, backups)
    rows, vers = snapshot(v1_copy), versions(v1_copy)
    info = prepare_database(v1_copy, backups)
    assert info.upgraded_from is None and info.backup is None
    assert len(list(backups.glob("*.sqlite"))) == 1
    assert snapshot(v1_copy) == rows and versions(v1_copy) == vers


def test_upgraded_database_works_through_the_services(v1_copy):
    from kotacerdas_desktop.domain.regions import RegionInput
    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services

    services = Services.open(prepare_paths(v1_copy.parent))
    try:
        region = make_schema_v1.REGION
        detail = services.regions.detail(region)
        assert detail.display_name == "Kota Bukittinggi"
        assert {o.role: o.person_id for o in detail.officials}["kepala_daerah"] == make_schema_v1.PERSON_WALI
        names = [p.name for p in services.directory.people(region)]
        assert sorted(names) == ["Ahmad Zulkifli", "Erman Safar", "Siti Rahmawati"]
        old_head = _head(v1_copy, region)
        data = detail.data
        services.regions.update(region, RegionInput(**{**vars(data), "signing_place": "Bukittinggi"}))
        check = services.maintenance.check()
    finally:
        services.close()
    assert check.ok, check
    conn = plain(v1_copy)
    try:
        head = conn.execute("SELECT v.parents, v.payload FROM record_head h JOIN record_version v "
                            "USING (version_id) WHERE h.record_id = ?", (region,)).fetchone()
    finally:
        conn.close()
    assert head["parents"] == f'["{old_head}"]'
    assert '"signing_place":"Bukittinggi"' in head["payload"]


def _head(path: Path, record_id: str) -> str:
    conn = plain(path)
    try:
        (vid,), = conn.execute("SELECT version_id FROM record_head WHERE record_id = ?",
                               (record_id,)).fetchall()
        return vid
    finally:
        conn.close()


def test_fresh_database_has_current_schema_matching_models(tmp_path):
    path = tmp_path / "baru.sqlite"
    info = prepare_database(path, tmp_path / "backups")
    assert user_version(path) == SCHEMA_VERSION == MIGRATIONS[-1].version
    assert info.backup is None and info.upgraded_from is None
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())
    assert_models_match(path)
    conn = connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        report = check_database(conn)
    finally:
        conn.close()
    assert report.ok, report


# --- refusing what this version cannot handle ------------------------------------------

@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_newer_schema_is_refused_and_left_untouched(tmp_path, journal):
    path = tmp_path / "dari-versi-baru.sqlite"
    prepare_database(path, tmp_path / "backups")
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    before = path.read_bytes()

    with pytest.raises(NewerSchemaError) as err:
        prepare_database(path, tmp_path / "backups")
    message = str(err.value)
    assert f"skema {SCHEMA_VERSION + 1}" in message
    assert "lebih baru" in message and "Perbarui aplikasi" in message
    assert str(path) in message
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())
    assert isinstance(err.value, DatabaseError)


def test_random_bytes_give_a_clear_database_error(tmp_path):
    path = tmp_path / "kotacerdas.sqlite"
    path.write_bytes(os.urandom(4096) * 3)
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as err:
        prepare_database(path, tmp_path / "backups")
    message = str(err.value)
    assert "bukan basis data Kota Cerdas" in message and str(path) in message
    assert "Traceback" not in message
    assert path.read_bytes() == before


def test_foreign_sqlite_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "lain.sqlite"
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE belanja (barang TEXT)")
    conn.execute("INSERT INTO belanja VALUES ('beras')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="tidak dikenal"):
        prepare_database(path, tmp_path / "backups")
    assert path.read_bytes() == before


# --- a failing step rolls back ----------------------------------------------------------------

def _boom(exc_type):
    def apply(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE separuh_jadi (id INTEGER PRIMARY KEY)")
        conn.execute("INSERT INTO separuh_jadi VALUES (1)")
        raise exc_type("langkah gagal (simulasi)")
    return apply


@pytest.mark.parametrize("exc_type", [sqlite3.OperationalError, RuntimeError])
def test_failing_migration_rolls_back(tmp_path, monkeypatch, exc_type):
    path = tmp_path / "kotacerdas.sqlite"
    prepare_database(path, tmp_path / "backups")
    rows, vers = snapshot(path), versions(path)
    failing = Migration(SCHEMA_VERSION + 1, "gagal", _boom(exc_type))
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS + (failing,))
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)

    expected = DatabaseError if exc_type is sqlite3.OperationalError else RuntimeError
    with pytest.raises(expected) as err:
        prepare_database(path, tmp_path / "backups")
    if expected is DatabaseError:
        assert f"tetap pada skema {SCHEMA_VERSION}" in str(err.value)
        assert "Cadangan:" in str(err.value)

    assert user_version(path) == SCHEMA_VERSION
    assert "separuh_jadi" not in table_names(path)
    assert snapshot(path) == rows and versions(path) == vers
    monkeypatch.undo()
    conn = connect(path)
    try:
        assert check_database(conn).ok
    finally:
        conn.close()


def test_each_step_commits_on_its_own(v1_copy, tmp_path, monkeypatch):
    """Upgrading 1 -> 3 where step 3 fails leaves a good schema-2 database."""
    failing = Migration(SCHEMA_VERSION + 1, "gagal", _boom(sqlite3.OperationalError))
    monkeypatch.setattr(database, "MIGRATIONS", MIGRATIONS + (failing,))
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(DatabaseError):
        prepare_database(v1_copy, tmp_path / "data" / "backups")
    assert user_version(v1_copy) == SCHEMA_VERSION
    assert "separuh_jadi" not in table_names(v1_copy)
    backups = list((tmp_path / "data" / "backups").glob("*.sqlite"))
    assert len(backups) == 1 and user_version(backups[0]) == 1


# --- backups -------------------------------------------------------------------------------

def test_backup_rotation_keeps_the_newest(tmp_path):
    path = tmp_path / "kotacerdas.sqlite"
    backups = tmp_path / "backups"
    prepare_database(path, backups)
    backups.mkdir(exist_ok=True)
    mine = backups / "punya-saya.sqlite"
    mine.write_bytes(b"bukan cadangan otomatis")
    conn = connect(path)
    made = []
    try:
        for _ in range(BACKUP_KEEP + 4):
            made.append(backup_database(conn, backups, "manual"))
        outside = backup_database(conn, backups, "manual", target=tmp_path / "salinan.sqlite")
    finally:
        conn.close()
    kept = sorted(backups.glob("kotacerdas-*.sqlite"))
    assert len(kept) == BACKUP_KEEP
    assert kept == sorted(made)[-BACKUP_KEEP:]
    assert mine.read_bytes() == b"bukan cadangan otomatis"
    assert outside.is_file() and outside.parent == tmp_path
    assert not list(backups.glob("*.tmp"))
    for b in kept[-1:] + [outside]:
        assert user_version(b) == SCHEMA_VERSION
        with plain(b) as c:
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
