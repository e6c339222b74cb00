"""Opening the masterplan database: pragmas, upgrades with backups, engine.

`prepare_database` uses only the standard sqlite3 module (fast to import), so
the app can check and upgrade the file before SQLAlchemy is loaded.
"""
from __future__ import annotations

import os
import platform
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..domain.errors import UserError
from .history import (SYNCED_TABLES, expected_trigger_names, payload_sql, register_functions,
                      table_columns)
from .migrations import MIGRATIONS, SCHEMA_VERSION, apply_migration

BACKUP_KEEP = 10
BUSY_TIMEOUT_MS = 5000


class DatabaseError(UserError, RuntimeError):
    """The database cannot be opened or upgraded; the message is for the user."""


class NewerSchemaError(DatabaseError):
    pass


@dataclass(frozen=True)
class DatabaseInfo:
    path: Path
    schema_version: int
    upgraded_from: int | None
    backup: Path | None
    device_id: str
    device_name: str


def utc_now_text() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def apply_pragmas(conn: sqlite3.Connection) -> None:
    """Durability settings for every connection (WAL + synchronous=FULL, see STACK notes)."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise DatabaseError(
            "Basis data tidak dapat memakai mode WAL (mungkin folder data berada di "
            "drive jaringan atau drive yang hanya-baca). Pakai folder data di disk lokal."
        )
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # REPLACE conflicts then fire delete triggers too, so they leave a tombstone.
    conn.execute("PRAGMA recursive_triggers = ON")


def connect(path: Path) -> sqlite3.Connection:
    """A stdlib connection in autocommit mode with pragmas and history functions."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        register_functions(conn)
        apply_pragmas(conn)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(_describe(path, exc)) from exc
    return conn


def describe_write_error(path: Path, exc: Exception) -> str:
    """Plain words for a failed write (read-only file, full disk, lock held too long)."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return (f"Basis data '{path}' hanya dapat dibaca (berkas atau media hanya-baca). "
                "Salin folder data ke disk lokal atau periksa izin berkas.")
    if "disk is full" in text or "full" in text:
        return "Disk penuh: perubahan tidak tersimpan. Kosongkan ruang disk lalu coba lagi."
    if "locked" in text or "busy" in text:
        return "Basis data sedang dikunci proses lain terlalu lama; perubahan tidak tersimpan. Coba lagi."
    if "disk i/o" in text or "i/o error" in text:
        return "Gagal menulis ke disk (kesalahan I/O); perubahan tidak tersimpan. Periksa drive penyimpanan."
    return f"Perubahan tidak tersimpan: {exc}."


def _describe(path: Path, exc: Exception) -> str:
    text = str(exc)
    if "file is not a database" in text or "malformed" in text:
        return (f"Berkas '{path}' bukan basis data Kota Cerdas yang utuh ({text}). "
                "Pulihkan dari cadangan di folder backups.")
    if "locked" in text:
        return f"Basis data '{path}' sedang dikunci proses lain. Coba lagi sebentar."
    return f"Basis data '{path}' tidak dapat dibuka: {text}."


def read_schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def prepare_database(path: Path, backups_dir: Path, device_name: str | None = None) -> DatabaseInfo:
    """Create or upgrade the database file; refuse one written by a newer version."""
    path = Path(path)
    # Look before touching: switching to WAL rewrites the header of a file in
    # rollback-journal mode (e.g. a backup), and a refused file must stay as it was.
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(_describe(path, exc)) from exc
    try:
        try:
            current = read_schema_version(conn)
            has_tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(_describe(path, exc)) from exc
        if current > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"Basis data '{path}' dibuat oleh versi Kota Cerdas Desktop yang lebih baru "
                f"(skema {current}, versi ini hanya mengenal sampai skema {SCHEMA_VERSION}). "
                "Perbarui aplikasi; berkas tidak diubah."
            )
        if current == 0 and has_tables:
            raise DatabaseError(
                f"Berkas '{path}' berisi tabel yang tidak dikenal; ini bukan basis data "
                "Kota Cerdas. Berkas tidak diubah.")
        try:
            register_functions(conn)
            apply_pragmas(conn)
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(_describe(path, exc)) from exc
        backup = None
        pending = [m for m in MIGRATIONS if m.version > current]
        if pending and current > 0:
            backup = backup_database(conn, backups_dir, f"sebelum-skema-{SCHEMA_VERSION}-dari-{current}")
        for migration in pending:
            try:
                apply_migration(conn, migration)
            except sqlite3.DatabaseError as exc:
                raise DatabaseError(
                    f"Peningkatan skema ke versi {migration.version} gagal ({exc}); basis data "
                    f"tetap pada skema {read_schema_version(conn)}."
                    + (f" Cadangan: {backup}" if backup else "")
                ) from exc
        try:  # fail now, in plain words, rather than at the first edit
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            raise DatabaseError(describe_write_error(path, exc)) from exc
        device_id, name = ensure_device(conn, device_name)
        return DatabaseInfo(path, SCHEMA_VERSION, current if pending and current else None,
                            backup, device_id, name)
    finally:
        conn.close()


def ensure_device(conn: sqlite3.Connection, name: str | None = None) -> tuple[str, str]:
    row = conn.execute("SELECT device_id, name FROM local_device WHERE id = 1").fetchone()
    if row:
        return row[0], row[1]
    device_id = uuid.uuid4().hex
    name = (name or platform.node() or "perangkat").strip()[:120]
    conn.execute("INSERT INTO local_device (id, device_id, name, created_at) VALUES (1, ?, ?, ?)",
                 (device_id, name, utc_now_text()))
    return device_id, name


def backup_database(conn: sqlite3.Connection, backups_dir: Path, reason: str,
                    target: Path | None = None, keep: int = BACKUP_KEEP) -> Path:
    """Copy a live database with SQLite's backup API; rotate automatic backups."""
    backups_dir = Path(backups_dir)
    kind = "manual" if reason == "manual" else "auto"
    if target is None:
        backups_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = backups_dir / f"kotacerdas-{kind}-{stamp}-{reason}.sqlite"
    target = Path(target)
    if not target.parent.is_dir():
        raise DatabaseError(f"Folder tujuan '{target.parent}' tidak ada.")
    if target.exists() and not target.is_file():
        raise DatabaseError(f"'{target}' bukan berkas; pilih nama berkas lain.")
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.unlink(missing_ok=True)
        dest = sqlite3.connect(str(tmp))
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            ok = dest.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dest.close()
        if ok != "ok":
            raise DatabaseError(f"Cadangan basis data tidak utuh: {ok}")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        why = getattr(exc, "strerror", None) or str(exc)
        raise DatabaseError(f"Cadangan tidak dapat ditulis ke '{target}': {why}. "
                            "Periksa ruang kosong dan izin tulis di tujuan.") from exc
    except DatabaseError:
        tmp.unlink(missing_ok=True)
        raise
    if target.parent == backups_dir:
        _rotate(backups_dir, kind, keep)
    return target


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _rotate(backups_dir: Path, kind: str, keep: int) -> None:
    """Keep the newest `keep` backups of one kind; upgrade and manual backups never evict each other."""
    backups = sorted(backups_dir.glob(f"kotacerdas-{kind}-*.sqlite"), key=lambda p: p.name)
    for old in backups[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)


@dataclass(frozen=True)
class CheckReport:
    integrity: str
    foreign_key_problems: int
    schema_version: int
    missing_triggers: list[str]
    records_without_history: int
    heads_not_matching: int
    versions_with_bad_id: int
    versions: int
    heads_inconsistent: int = 0
    rows_missing: int = 0
    attachments_missing: int = 0
    attachments_corrupt: int = 0

    @property
    def ok(self) -> bool:
        return (self.integrity == "ok" and not self.foreign_key_problems
                and self.schema_version == SCHEMA_VERSION and not self.missing_triggers
                and not self.records_without_history and not self.heads_not_matching
                and not self.versions_with_bad_id and not self.heads_inconsistent
                and not self.rows_missing and not self.attachments_missing
                and not self.attachments_corrupt)


def check_database(conn: sqlite3.Connection, verify_hashes: bool = True) -> CheckReport:
    """Integrity, schema version and history consistency of an open database."""
    import json

    from .history import version_id

    integrity = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
    fk = len(conn.execute("PRAGMA foreign_key_check").fetchall())
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    missing = sorted(expected_trigger_names() - triggers)
    without = 0
    for table in SYNCED_TABLES:
        without += conn.execute(
            f'SELECT count(*) FROM "{table}" t WHERE NOT EXISTS '
            "(SELECT 1 FROM record_head h WHERE h.record_id = t.id)").fetchone()[0]
    # Records a sync import deliberately shows otherwise than their history says (a deleted
    # parent kept for a child that arrived from another laptop; the loser of a unique-key clash)
    # are listed for review by storage/sync_apply.held_records and are not damage.
    held = set()
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'trusted_device'").fetchone():
        from .sync_apply import held_records
        held = {rid for _entity, rid, _state in held_records(conn)}
    # A record with one head must hold exactly what that head version says.
    heads_bad = 0
    for table in SYNCED_TABLES:
        expr = payload_sql(table_columns(conn, table), "t")
        rows = conn.execute(
            f'SELECT v.deleted, v.payload, {expr}, t.id FROM "{table}" t JOIN record_head h ON h.record_id = t.id '
            "JOIN record_version v ON v.version_id = h.version_id "
            "WHERE (SELECT count(*) FROM record_head h2 WHERE h2.record_id = t.id) = 1 "
            f"AND (v.deleted = 1 OR v.payload IS NOT {expr})").fetchall()
        defaults = _column_defaults(conn, table) if rows else {}
        for deleted, head_payload, current, rid in rows:
            if str(rid) in held:
                continue
            if deleted or not _same_payload(json.loads(head_payload), json.loads(current), defaults):
                heads_bad += 1
    # record_head must be exactly the versions that no later version names as parent.
    computed = ("SELECT v.record_id, v.version_id FROM record_version v WHERE NOT EXISTS ("
                "SELECT 1 FROM record_version w, json_each(w.parents) p "
                "WHERE w.record_id = v.record_id AND p.value = v.version_id)")
    stored = "SELECT record_id, version_id FROM record_head"
    heads_inconsistent = conn.execute(
        f"SELECT count(DISTINCT record_id) FROM (SELECT * FROM ({computed} EXCEPT {stored}) "
        f"UNION ALL SELECT * FROM ({stored} EXCEPT {computed}))").fetchone()[0]
    # A record whose history says 'present' must have its row.
    rows_missing = 0
    for table in SYNCED_TABLES:
        rows_missing += sum(1 for (rid,) in conn.execute(
            "SELECT h.record_id FROM record_head h JOIN record_version v ON v.version_id = h.version_id "
            "WHERE v.entity = ? AND v.deleted = 0 "
            "AND (SELECT count(*) FROM record_head h2 WHERE h2.record_id = h.record_id) = 1 "
            f'AND NOT EXISTS (SELECT 1 FROM "{table}" t WHERE t.id = h.record_id)', (table,)) if rid not in held)
    # Every signature, logo and scan a record points to must be stored.
    attachments_missing = 0
    references = {"region": "logo_sha256", "attendance": "strokes_sha256", "day_scan": "attachment_sha256",
                  "commitment_signature": "strokes_sha256"}
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, column in references.items():
        if table in tables:
            attachments_missing += conn.execute(
                f'SELECT count(*) FROM "{table}" t WHERE t."{column}" IS NOT NULL AND NOT EXISTS '
                f'(SELECT 1 FROM attachment a WHERE a.sha256 = t."{column}")').fetchone()[0]
    attachments_corrupt = 0
    if verify_hashes:  # content-addressed: every attachment must still hash to its name
        import hashlib

        for digest, data in conn.execute("SELECT sha256, data FROM attachment"):
            if hashlib.sha256(bytes(data)).hexdigest() != digest:
                attachments_corrupt += 1
    bad_ids = 0
    total = conn.execute("SELECT count(*) FROM record_version").fetchone()[0]
    if verify_hashes:
        for row in conn.execute("SELECT version_id, entity, record_id, parents, device_id, hlc, "
                                "deleted, payload FROM record_version"):
            vid, entity, rid, parents, dev, hlc, deleted, payload = row
            if vid != version_id(entity, rid, json.loads(parents), dev, hlc, bool(deleted),
                                 json.loads(payload)):
                bad_ids += 1
    return CheckReport(integrity, fk, read_schema_version(conn), missing, without, heads_bad,
                       bad_ids, total, heads_inconsistent, rows_missing, attachments_missing,
                       attachments_corrupt)


def _column_defaults(conn: sqlite3.Connection, table: str) -> dict:
    """Each column's default value, as SQLite evaluates it."""
    return {name: (conn.execute(f"SELECT {dflt}").fetchone()[0] if dflt is not None else None)
            for _cid, name, _type, _notnull, dflt, _pk in conn.execute(f'PRAGMA table_info("{table}")')}


def _same_payload(head: dict, current: dict, defaults: dict) -> bool:
    """Does the row hold what its head version says? A version written before a later
    schema added a column lacks that key, which means the column's default."""
    if set(head) - set(current):
        return False
    return all(head[k] == v if k in head else v == defaults.get(k) for k, v in current.items())
