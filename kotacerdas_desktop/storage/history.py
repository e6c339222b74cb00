"""The version log: every saved change of a synced record appends an immutable version.

The mechanism lives in the database itself. Each synced table carries SQLite
triggers (installed by `install_history_triggers`) that append a row to
`record_version` on every INSERT, real UPDATE and DELETE, so no feature, ORM
shortcut or bulk statement can skip it. The triggers call a few SQL functions
that `register_functions` adds to every connection; a connection without them
(an outside SQLite shell) cannot write synced tables at all.

A version id is the SHA-256 of a canonical encoding of entity, record id,
parent version ids, device id, hybrid logical clock, deleted flag and payload
(`version_id`); the sync code recomputes it to detect tampering.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Iterable

# Tables whose rows are user records with UUID ids and full history, in
# dependency order (parents first). Later schema versions append to this.
SYNCED_TABLES: tuple[str, ...] = (
    "region",
    "framework",
    "dimension",
    "element",
    "opd",
    "person",
    "official_role",
    "bimtek",
    "bimtek_day",
    "attendance",
    "day_scan",
    "commitment",
    "commitment_version",
    "commitment_signatory",
    "commitment_signature",
    "verification_code",
    "audit_log",
    "work_item",
)
# Tables of this laptop only (where the facilitator is in the wizard): no history, never synced.
LOCAL_TABLES: tuple[str, ...] = ("wizard_state", "trusted_device", "sync_log", "delivered_version")


def canonical_json(value: object) -> str:
    """One byte-exact text for a JSON value: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def version_id(entity: str, record_id: str, parents: Iterable[str], device_id: str,
               hlc: str, deleted: bool, payload: dict) -> str:
    body = canonical_json({
        "entity": entity,
        "record": record_id,
        "parents": sorted(parents),
        "device": device_id,
        "hlc": hlc,
        "deleted": bool(deleted),
        "payload": payload,
    })
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# --- hybrid logical clock -------------------------------------------------------

@dataclass(frozen=True, order=True)
class Hlc:
    wall_ms: int
    counter: int
    device_id: str

    def encode(self) -> str:
        return f"{self.wall_ms:013d}.{self.counter:05d}.{self.device_id}"

    @classmethod
    def decode(cls, text: str) -> "Hlc":
        wall, counter, device = text.split(".", 2)
        return cls(int(wall), int(counter), device)


def next_hlc(previous_local: str | None, parent: str | None, device_id: str,
             now_ms: int) -> str:
    """The clock value of a new local event.

    It is later than every earlier event of this device and later than the
    version it edits (the HLC receive rule, applied when a record is edited).
    """
    wall, counter = now_ms, 0
    for text in (previous_local, parent):
        if not text:
            continue
        seen = Hlc.decode(text)
        if seen.wall_ms > wall:
            wall, counter = seen.wall_ms, seen.counter + 1
        elif seen.wall_ms == wall and seen.counter >= counter:
            counter = seen.counter + 1
    return Hlc(wall, counter, device_id).encode()


# --- SQL functions used by the triggers ------------------------------------------

class _ConnectionState:
    recording = True


# Keyed by id(): sqlite3 connections take no weak references. A new connection
# that reuses an id registers afresh and replaces the entry.
_STATES: "dict[int, _ConnectionState]" = {}

# Columns that are derived on this machine (search keys and the like): they are
# not part of a record's payload and changing them makes no version.
LOCAL_COLUMNS: frozenset[str] = frozenset({"search_key"})


def _sql_canon(payload_json: str) -> str:
    return canonical_json(json.loads(payload_json))


def _sql_version_id(entity, record_id, parents_json, device_id, hlc, deleted, payload_json):
    return version_id(entity, record_id, json.loads(parents_json), device_id, hlc,
                      bool(deleted), json.loads(payload_json))


def _sql_parents(parents_json: str | None) -> str:
    return canonical_json(sorted(json.loads(parents_json or "[]")))


def register_functions(conn: sqlite3.Connection) -> None:
    """Add the history functions to a DB-API connection (call on every connect)."""
    state = _ConnectionState()
    _STATES[id(conn)] = state
    det = {"deterministic": True}
    conn.create_function("kc_canon", 1, _sql_canon, **det)
    conn.create_function("kc_parents", 1, _sql_parents, **det)
    conn.create_function("kc_version_id", 7, _sql_version_id, **det)
    # 'now' is fixed within one SQLite statement step, so the clock function is
    # deterministic for its inputs and safe wherever SQLite re-evaluates it.
    conn.create_function("kc_hlc", 4, lambda prev, parent, dev, now: next_hlc(prev, parent, dev, int(now)), **det)
    conn.create_function("kc_recording", 0, lambda: 1 if state.recording else 0)


class paused_recording:
    """Context manager: let the sync code write current-view rows without new versions."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.state = _STATES[id(conn)]

    def __enter__(self):
        self.state.recording = False
        return self

    def __exit__(self, *exc):
        self.state.recording = True


# --- triggers ---------------------------------------------------------------------

_NOW_MS = "CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)"
_DEVICE = "(SELECT device_id FROM local_device WHERE id = 1)"


def payload_sql(columns: list[str], row: str) -> str:
    """SQL expression giving the canonical payload of a row (alias `row`)."""
    return "kc_canon(json_object(" + ", ".join(
        f"'{c}', {row}.\"{c}\"" for c in sorted(columns) if c != "id" and c not in LOCAL_COLUMNS) + "))"


def _version_insert(table: str, row: str, columns: list[str], deleted: int) -> str:
    payload = payload_sql(columns, row)
    parents = ("kc_parents((SELECT json_group_array(version_id) FROM record_head "
               f"WHERE record_id = {row}.id))")
    prev = f"(SELECT max(hlc) FROM record_version WHERE device_id = {_DEVICE})"
    parent_hlc = ("(SELECT max(v.hlc) FROM record_head h JOIN record_version v "
                  f"ON v.version_id = h.version_id WHERE h.record_id = {row}.id)")
    return f"""
    INSERT INTO record_version (version_id, entity, record_id, parents, device_id, hlc, deleted, payload)
    SELECT kc_version_id(e, r, p, d, c, {deleted}, pl), e, r, p, d, c, {deleted}, pl FROM (
        SELECT '{table}' AS e, {row}.id AS r, {parents} AS p, {_DEVICE} AS d,
               kc_hlc({prev}, {parent_hlc}, {_DEVICE}, {_NOW_MS}) AS c,
               {payload} AS pl
    );"""


def table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def install_history_triggers(conn: sqlite3.Connection, table: str) -> None:
    """(Re)create the three history triggers of one synced table for its current columns."""
    columns = table_columns(conn, table)
    if "id" not in columns:
        raise ValueError(f"synced table {table} has no id column")
    changed = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in columns
                          if c not in LOCAL_COLUMNS)
    for suffix in ("ins", "upd", "del"):
        conn.execute(f"DROP TRIGGER IF EXISTS kc_hist_{table}_{suffix}")
    conn.execute(f"""CREATE TRIGGER kc_hist_{table}_ins AFTER INSERT ON "{table}"
        WHEN kc_recording() BEGIN {_version_insert(table, 'NEW', columns, 0)} END""")
    conn.execute(f"""CREATE TRIGGER kc_hist_{table}_upd AFTER UPDATE ON "{table}"
        WHEN kc_recording() AND ({changed}) BEGIN
        SELECT RAISE(ABORT, 'record id cannot change') WHERE OLD.id IS NOT NEW.id;
        {_version_insert(table, 'NEW', columns, 0)} END""")
    conn.execute(f"""CREATE TRIGGER kc_hist_{table}_del AFTER DELETE ON "{table}"
        WHEN kc_recording() BEGIN {_version_insert(table, 'OLD', columns, 1)} END""")


def expected_trigger_names(tables: Iterable[str] = SYNCED_TABLES) -> set[str]:
    return {f"kc_hist_{t}_{s}" for t in tables for s in ("ins", "upd", "del")}


HISTORY_DDL = """
CREATE TABLE local_device (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    device_id CHAR(32) NOT NULL,
    name VARCHAR(120) NOT NULL,
    created_at VARCHAR(32) NOT NULL
);
CREATE TABLE record_version (
    version_id CHAR(64) PRIMARY KEY,
    entity VARCHAR(40) NOT NULL,
    record_id CHAR(32) NOT NULL,
    parents TEXT NOT NULL,
    device_id CHAR(32) NOT NULL,
    hlc VARCHAR(64) NOT NULL,
    deleted INTEGER NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX ix_record_version_record ON record_version (record_id);
CREATE INDEX ix_record_version_device_hlc ON record_version (device_id, hlc);
CREATE TABLE record_head (
    record_id CHAR(32) NOT NULL,
    version_id CHAR(64) NOT NULL REFERENCES record_version (version_id),
    entity VARCHAR(40) NOT NULL,
    PRIMARY KEY (record_id, version_id)
);
CREATE TRIGGER kc_version_immutable_upd BEFORE UPDATE ON record_version
BEGIN SELECT RAISE(ABORT, 'record_version is append-only'); END;
CREATE TRIGGER kc_version_immutable_del BEFORE DELETE ON record_version
BEGIN SELECT RAISE(ABORT, 'record_version is append-only'); END;
CREATE TRIGGER kc_version_heads AFTER INSERT ON record_version
BEGIN
    DELETE FROM record_head WHERE record_id = NEW.record_id
        AND version_id IN (SELECT value FROM json_each(NEW.parents));
    INSERT INTO record_head (record_id, version_id, entity)
        SELECT NEW.record_id, NEW.version_id, NEW.entity
        WHERE NOT EXISTS (
            SELECT 1 FROM record_version v, json_each(v.parents) p
            WHERE v.record_id = NEW.record_id AND p.value = NEW.version_id);
END;
CREATE TABLE attachment (
    sha256 CHAR(64) PRIMARY KEY,
    media_type VARCHAR(80) NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    created_at VARCHAR(32) NOT NULL
);
CREATE TRIGGER kc_attachment_immutable BEFORE UPDATE ON attachment
BEGIN SELECT RAISE(ABORT, 'attachments are content-addressed and immutable'); END;
"""
