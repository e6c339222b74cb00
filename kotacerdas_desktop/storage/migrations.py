"""Numbered schema upgrades, each applied in its own transaction.

The DDL of every step is frozen here as SQL: models may change later, an
applied step never does. Add a new step at the end; never edit an old one.
`PRAGMA user_version` holds the schema version of a database file.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Callable

from .history import HISTORY_DDL, SYNCED_TABLES, install_history_triggers

SCHEMA_V1_DDL = """
CREATE TABLE region (
    id CHAR(32) PRIMARY KEY,
    kind VARCHAR(10) NOT NULL CHECK (kind IN ('kota', 'kabupaten')),
    name VARCHAR(120) NOT NULL,
    province VARCHAR(120) NOT NULL DEFAULT '',
    office_name VARCHAR(200) NOT NULL DEFAULT '',
    address VARCHAR(300) NOT NULL DEFAULT '',
    phone VARCHAR(60) NOT NULL DEFAULT '',
    email VARCHAR(120) NOT NULL DEFAULT '',
    website VARCHAR(120) NOT NULL DEFAULT '',
    logo_sha256 CHAR(64),
    paper_size VARCHAR(4) NOT NULL DEFAULT 'A4' CHECK (paper_size IN ('A4', 'F4')),
    status VARCHAR(12) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived'))
);
CREATE TABLE framework (
    id CHAR(32) PRIMARY KEY,
    region_id CHAR(32) NOT NULL UNIQUE REFERENCES region (id) ON DELETE CASCADE,
    name VARCHAR(120) NOT NULL,
    kind VARCHAR(12) NOT NULL DEFAULT 'custom'
);
CREATE TABLE dimension (
    id CHAR(32) PRIMARY KEY,
    framework_id CHAR(32) NOT NULL REFERENCES framework (id) ON DELETE CASCADE,
    code VARCHAR(40) NOT NULL DEFAULT '',
    name VARCHAR(120) NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_dimension_framework ON dimension (framework_id);
CREATE TABLE element (
    id CHAR(32) PRIMARY KEY,
    dimension_id CHAR(32) NOT NULL REFERENCES dimension (id) ON DELETE CASCADE,
    name VARCHAR(160) NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_element_dimension ON element (dimension_id);
CREATE TABLE opd (
    id CHAR(32) PRIMARY KEY,
    region_id CHAR(32) NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    name VARCHAR(200) NOT NULL,
    short_name VARCHAR(60) NOT NULL DEFAULT '',
    aliases TEXT NOT NULL DEFAULT '[]',
    head_person_id CHAR(32) REFERENCES person (id) ON DELETE SET NULL,
    position INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_opd_region ON opd (region_id);
CREATE TABLE person (
    id CHAR(32) PRIMARY KEY,
    region_id CHAR(32) NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    prefix VARCHAR(60) NOT NULL DEFAULT '',
    name VARCHAR(200) NOT NULL,
    suffix VARCHAR(120) NOT NULL DEFAULT '',
    nip VARCHAR(18) NOT NULL DEFAULT '',
    golongan VARCHAR(10) NOT NULL DEFAULT '',
    jabatan VARCHAR(200) NOT NULL DEFAULT '',
    opd_id CHAR(32) REFERENCES opd (id) ON DELETE SET NULL,
    phone VARCHAR(20) NOT NULL DEFAULT '',
    email VARCHAR(120) NOT NULL DEFAULT '',
    gender VARCHAR(1) NOT NULL DEFAULT '',
    category VARCHAR(20) NOT NULL DEFAULT 'opd_staff',
    archived INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_person_region ON person (region_id);
CREATE INDEX ix_person_nip ON person (nip);
CREATE TABLE official_role (
    id CHAR(32) PRIMARY KEY,
    region_id CHAR(32) NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    role VARCHAR(24) NOT NULL,
    person_id CHAR(32) REFERENCES person (id) ON DELETE SET NULL,
    UNIQUE (region_id, role)
);
CREATE TABLE bimtek (
    id CHAR(32) PRIMARY KEY,
    region_id CHAR(32) NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    stage INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 4),
    venue VARCHAR(200) NOT NULL DEFAULT '',
    status VARCHAR(12) NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'ongoing', 'done')),
    UNIQUE (region_id, stage)
);
CREATE TABLE bimtek_day (
    id CHAR(32) PRIMARY KEY,
    bimtek_id CHAR(32) NOT NULL REFERENCES bimtek (id) ON DELETE CASCADE,
    day_date VARCHAR(10) NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_bimtek_day_bimtek ON bimtek_day (bimtek_id);
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _split(HISTORY_DDL + SCHEMA_V1_DDL):
        conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    """Search key for people (local, derived), the place written above signatures, and a
    guard so that INSERT OR REPLACE cannot overwrite a version (REPLACE skips delete triggers)."""
    from ..domain.people import search_key

    conn.execute("""CREATE TRIGGER kc_version_no_overwrite BEFORE INSERT ON record_version
        WHEN EXISTS (SELECT 1 FROM record_version WHERE version_id = NEW.version_id)
        BEGIN SELECT RAISE(ABORT, 'record_version is append-only: version exists'); END""")

    conn.execute("ALTER TABLE person ADD COLUMN search_key TEXT NOT NULL DEFAULT ''")
    conn.execute("CREATE INDEX ix_person_search ON person (region_id, search_key)")
    conn.execute("ALTER TABLE region ADD COLUMN signing_place VARCHAR(120) NOT NULL DEFAULT ''")
    rows = conn.execute("SELECT id, prefix, name, suffix, nip FROM person").fetchall()
    # search_key is a local column: filling it makes no history versions.
    conn.executemany(
        "UPDATE person SET search_key = ? WHERE id = ?",
        [(person_search_key(name, prefix, suffix, nip, search_key), pid)
         for pid, prefix, name, suffix, nip in rows],
    )


def person_search_key(name: str, prefix: str, suffix: str, nip: str, key_fn) -> str:
    return " ".join(part for part in (key_fn(f"{prefix} {name} {suffix}"), nip) if part)


def _v3(conn: sqlite3.Connection) -> None:
    """People imported with problems carry a note for the facilitator to review."""
    conn.execute("ALTER TABLE person ADD COLUMN review_note TEXT NOT NULL DEFAULT ''")


SCHEMA_V4_DDL = """
CREATE TABLE attendance (
    id CHAR(32) PRIMARY KEY,
    bimtek_day_id CHAR(32) NOT NULL REFERENCES bimtek_day (id) ON DELETE CASCADE,
    person_id CHAR(32) NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    mode VARCHAR(10) NOT NULL CHECK (mode IN ('signed', 'paper')),
    strokes_sha256 CHAR(64),
    signed_at VARCHAR(32) NOT NULL,
    device_id CHAR(32) NOT NULL DEFAULT ''
);
CREATE INDEX ix_attendance_day ON attendance (bimtek_day_id, person_id);
CREATE TABLE day_scan (
    id CHAR(32) PRIMARY KEY,
    bimtek_day_id CHAR(32) NOT NULL REFERENCES bimtek_day (id) ON DELETE CASCADE,
    attachment_sha256 CHAR(64) NOT NULL,
    file_name VARCHAR(255) NOT NULL DEFAULT '',
    note VARCHAR(300) NOT NULL DEFAULT '',
    added_at VARCHAR(32) NOT NULL
);
CREATE INDEX ix_day_scan_day ON day_scan (bimtek_day_id);
CREATE TABLE commitment (
    id CHAR(32) PRIMARY KEY,
    region_id CHAR(32) NOT NULL UNIQUE REFERENCES region (id) ON DELETE CASCADE,
    title VARCHAR(200) NOT NULL DEFAULT ''
);
CREATE TABLE commitment_version (
    id CHAR(32) PRIMARY KEY,
    commitment_id CHAR(32) NOT NULL REFERENCES commitment (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_sha256 CHAR(64) NOT NULL,
    created_at VARCHAR(32) NOT NULL
);
CREATE INDEX ix_commitment_version ON commitment_version (commitment_id, number);
CREATE TABLE commitment_signatory (
    id CHAR(32) PRIMARY KEY,
    commitment_id CHAR(32) NOT NULL REFERENCES commitment (id) ON DELETE CASCADE,
    person_id CHAR(32) REFERENCES person (id) ON DELETE SET NULL,
    role VARCHAR(24) NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_commitment_signatory ON commitment_signatory (commitment_id);
CREATE TABLE commitment_signature (
    id CHAR(32) PRIMARY KEY,
    version_id CHAR(32) NOT NULL REFERENCES commitment_version (id) ON DELETE CASCADE,
    signatory_id CHAR(32) REFERENCES commitment_signatory (id) ON DELETE SET NULL,
    person_id CHAR(32),
    signer_name VARCHAR(300) NOT NULL,
    role VARCHAR(24) NOT NULL,
    strokes_sha256 CHAR(64) NOT NULL,
    signed_at VARCHAR(32) NOT NULL,
    claim_sha256 CHAR(64) NOT NULL
);
CREATE INDEX ix_commitment_signature ON commitment_signature (version_id);
CREATE TABLE verification_code (
    id CHAR(32) PRIMARY KEY,
    code VARCHAR(20) NOT NULL,
    version_id CHAR(32) NOT NULL REFERENCES commitment_version (id) ON DELETE CASCADE,
    claim_hashes TEXT NOT NULL,
    issued_at VARCHAR(32) NOT NULL
);
CREATE INDEX ix_verification_code ON verification_code (code);
CREATE TABLE audit_log (
    id CHAR(32) PRIMARY KEY,
    region_id CHAR(32),
    at VARCHAR(32) NOT NULL,
    device_id CHAR(32) NOT NULL,
    device_name VARCHAR(120) NOT NULL DEFAULT '',
    action VARCHAR(40) NOT NULL,
    subject VARCHAR(300) NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_audit_log_region ON audit_log (region_id, at);
CREATE TRIGGER kc_attachment_keep BEFORE DELETE ON attachment
BEGIN SELECT RAISE(ABORT, 'attachments hold signatures and scans and are kept'); END;
CREATE TRIGGER kc_audit_log_append_only_upd BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER kc_audit_log_append_only_del BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
"""


def _v4(conn: sqlite3.Connection) -> None:
    """Attendance with signatures, paper scans, the commitment and its signatures, audit log."""
    for statement in _split(SCHEMA_V4_DDL):
        conn.execute(statement)


SCHEMA_V5_DDL = """
CREATE TABLE work_item (
    id CHAR(32) PRIMARY KEY,
    region_id CHAR(32) NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    bimtek_id CHAR(32) REFERENCES bimtek (id) ON DELETE CASCADE,
    kind VARCHAR(40) NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL DEFAULT '{}',
    archived INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_work_item_region ON work_item (region_id, kind);
CREATE INDEX ix_work_item_bimtek ON work_item (bimtek_id, kind);
CREATE TABLE wizard_state (
    bimtek_id CHAR(32) PRIMARY KEY REFERENCES bimtek (id) ON DELETE CASCADE,
    step VARCHAR(40) NOT NULL DEFAULT '',
    timer TEXT NOT NULL DEFAULT '{}',
    updated_at VARCHAR(32) NOT NULL DEFAULT ''
);
"""


def _v5(conn: sqlite3.Connection) -> None:
    """Worksheet records of the bimtek wizard (synced) and the local wizard position."""
    for statement in _split(SCHEMA_V5_DDL):
        conn.execute(statement)


SCHEMA_V6_DDL = """
CREATE TABLE trusted_device (
    device_id CHAR(32) PRIMARY KEY,
    name VARCHAR(120) NOT NULL,
    public_key TEXT NOT NULL,
    encryption_key TEXT NOT NULL DEFAULT '',
    fingerprint VARCHAR(40) NOT NULL,
    role VARCHAR(12) NOT NULL DEFAULT 'facilitator' CHECK (role IN ('facilitator', 'office')),
    enrolled_at VARCHAR(32) NOT NULL,
    revoked_at VARCHAR(32) NOT NULL DEFAULT ''
);
CREATE TABLE sync_log (
    bundle_id CHAR(32) NOT NULL,
    direction VARCHAR(8) NOT NULL CHECK (direction IN ('export', 'import')),
    device_id CHAR(32) NOT NULL,
    device_name VARCHAR(120) NOT NULL DEFAULT '',
    sequence INTEGER NOT NULL DEFAULT 0,
    bundle_hash CHAR(64) NOT NULL,
    region_id CHAR(32) NOT NULL DEFAULT '',
    at VARCHAR(32) NOT NULL,
    file_name VARCHAR(300) NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (bundle_id, direction)
);
CREATE TABLE delivered_version (
    version_id CHAR(64) NOT NULL,
    destination CHAR(32) NOT NULL,
    PRIMARY KEY (version_id, destination)
);
"""


def _v6(conn: sqlite3.Connection) -> None:
    """USB sync bookkeeping of this laptop: trusted devices, bundles sent and received,
    versions a destination confirmed. Local tables: no history, never synced."""
    for statement in _split(SCHEMA_V6_DDL):
        conn.execute(statement)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "skema awal: wilayah, OPD, orang, kerangka, bimtek, riwayat versi", _v1),
    Migration(2, "kunci pencarian orang dan tempat penandatanganan", _v2),
    Migration(3, "catatan pemeriksaan untuk orang hasil impor", _v3),
    Migration(4, "daftar hadir bertanda tangan, komitmen bersama, log audit", _v4),
    Migration(5, "lembar kerja bimtek (tahap I-IV) dan posisi wizard", _v5),
    Migration(6, "sinkronisasi USB: perangkat tepercaya, log bundel, versi terkirim", _v6),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def _split(script: str) -> list[str]:
    """Split a DDL script into statements, keeping trigger bodies whole."""
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip():
        raise ValueError("incomplete SQL statement in migration script")
    return statements


def apply_migration(conn: sqlite3.Connection, migration: Migration) -> None:
    """One upgrade step in one transaction (conn must be in autocommit mode)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        migration.apply(conn)
        existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in SYNCED_TABLES:
            if table in existing:
                install_history_triggers(conn, table)
        conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
