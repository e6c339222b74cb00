"""The database side of sync: apply an import plan in one transaction, collect an export.

`apply_plan` re-plans inside `BEGIN IMMEDIATE` (the database may have changed since the
preview), refuses a plan with any tamper alarm, a missing attachment or a payload that
does not fit the schema, then:

1. stores the attachments the new versions need (content-addressed, verified);
2. inserts the new versions as they are (`record_head` follows by its own trigger; the
   heads are checked against the plan);
3. materialises the current view with history recording paused (no local versions):
   each touched record's winner payload is upserted, parents first, or, for a deleted
   winner, its row is deleted, children first. Foreign keys are deferred to COMMIT.

The view keeps referential integrity without writing anything no version says:
- a deleted winner whose row still has live dependents (a concurrent edit elsewhere) is
  KEPT, showing its last state (a tombstone carries it), and reported in `kept`;
- a live winner whose parent record is deleted brings the parent back the same way;
- two records clashing on a UNIQUE key (e.g. two laptops each created the region's
  commitment): the older record (earliest version by clock, then id) is shown on every
  machine; the other is taken out of the view together with its dependents;
- a live winner whose parent is unknown here or not shown is not shown either.
Records not shown are reported in `not_shown` / `held_records`; their versions are stored.
Each later apply re-examines such records, so they settle once the missing data arrives.
Audit-log rows are append-only: an existing row is never changed or removed.

Any failure rolls back: the database is exactly as before.
"""
from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from ..domain.errors import UserError
from ..sync.merge import (PROTECTED_ENTITIES, Attachment, Conflict, ImportPlan, Version, attachment_refs, choose_winner,
                          conflict_kind, duplicate_people, merge_version, plan_import, winner_key)
from .database import backup_database, utc_now_text
from .history import LOCAL_COLUMNS, SYNCED_TABLES, next_hlc, paused_recording

# How each synced record belongs to a region: (column in its payload, entity it names),
# or None for the region itself. Membership is read from version payloads, so tombstones
# of deleted records travel with their region too. audit_log.region_id may be NULL
# (not region-bound): such entries only go into a full export (region_id=None).
REGION_LINKS: dict[str, tuple[str, str] | None] = {
    "region": None,
    "framework": ("region_id", "region"),
    "dimension": ("framework_id", "framework"),
    "element": ("dimension_id", "dimension"),
    "opd": ("region_id", "region"),
    "person": ("region_id", "region"),
    "official_role": ("region_id", "region"),
    "bimtek": ("region_id", "region"),
    "bimtek_day": ("bimtek_id", "bimtek"),
    "attendance": ("bimtek_day_id", "bimtek_day"),
    "day_scan": ("bimtek_day_id", "bimtek_day"),
    "commitment": ("region_id", "region"),
    "commitment_version": ("commitment_id", "commitment"),
    "commitment_signatory": ("commitment_id", "commitment"),
    "commitment_signature": ("version_id", "commitment_version"),
    "verification_code": ("version_id", "commitment_version"),
    "audit_log": ("region_id", "region"),
    "work_item": ("region_id", "region"),
}
_ORDER = {t: i for i, t in enumerate(SYNCED_TABLES)}
_VERSION_COLUMNS = "version_id, entity, record_id, parents, device_id, hlc, deleted, payload"
_CHUNK = 400


class ImportRefused(UserError, ValueError):
    """The bundle or plan cannot be applied; nothing was written. The text is for the user."""


@dataclass(frozen=True)
class ApplyResult:
    plan: ImportPlan                      # the plan as re-computed inside the transaction
    inserted: int                         # new versions stored
    attachments_added: int
    written: int                          # rows inserted or changed in the current view
    removed: int                          # rows deleted from the current view
    kept: tuple[str, ...]                 # deleted winners still shown (live records need them)
    not_shown: tuple[tuple[str, str], ...]  # (record id, reason) live winners not in the view
    backup: Path | None = None


# --- reading versions ----------------------------------------------------------------

def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[tuple]:
    cur = conn.cursor()
    cur.row_factory = None  # whatever the caller's row factory, plain tuples here
    return cur.execute(sql, params).fetchall()


def _rows_in(conn, sql: str, values: Iterable[str], suffix: str = "") -> list[tuple]:
    """`sql` ending in a column name, run with `IN (values)` in chunks."""
    values, out = sorted(set(values)), []
    for i in range(0, len(values), _CHUNK):
        part = values[i:i + _CHUNK]
        out += _rows(conn, f"{sql} IN ({','.join('?' * len(part))}){suffix}", part)
    return out


def _version(row: tuple) -> Version:
    return Version.coerce(dict(zip(("version_id", "entity", "record_id", "parents", "device_id",
                                    "hlc", "deleted", "payload"), row)))


def _versions_where(conn, column: str, values: Iterable[str]) -> list[Version]:
    return [_version(r) for r in _rows_in(conn, f"SELECT {_VERSION_COLUMNS} FROM record_version WHERE {column}",
                                          values)]


def known_versions(conn: sqlite3.Connection, incoming: Iterable[Version]) -> dict[str, Version]:
    """Every stored version a plan for `incoming` must know: all versions of the records it
    touches, and any stored version whose id it uses as id or parent."""
    incoming = list(incoming)
    known = {v.version_id: v for v in _versions_where(conn, "record_id", {v.record_id for v in incoming})}
    ids = {v.version_id for v in incoming} | {p for v in incoming for p in v.parents}
    known.update((v.version_id, v) for v in _versions_where(conn, "version_id", ids - set(known)))
    return known


def plan_for(conn: sqlite3.Connection, incoming: Iterable[Version | Mapping],
             now_ms: int | None = None) -> ImportPlan:
    """The preview of an import (reads only). Malformed versions become tamper alarms."""
    raw = list(incoming)
    coerced = []
    for item in raw:
        try:
            coerced.append(Version.coerce(item))
        except ValueError:
            pass  # plan_import reports it
    now_ms = int(time.time() * 1000) if now_ms is None else now_ms
    return plan_import(known_versions(conn, coerced), raw, now_ms=now_ms)


# --- applying -------------------------------------------------------------------------

def apply_plan(conn: sqlite3.Connection, plan: ImportPlan, attachments: Iterable[Attachment] = (),
               backups_dir: Path | None = None) -> ApplyResult:
    """Apply an import plan in one transaction (see module docs); raise ImportRefused
    with nothing written when it cannot be applied."""
    if plan.refused:
        raise ImportRefused(plan.refusal_reason())
    backup = None
    if backups_dir is not None and plan.new_versions:
        backup = backup_database(conn, backups_dir, "sebelum-impor")
    conn.execute("BEGIN IMMEDIATE")
    try:
        fresh = plan_import(known_versions(conn, plan.incoming), plan.incoming,
                            now_ms=int(time.time() * 1000))
        if fresh.refused:
            raise ImportRefused(fresh.refusal_reason())
        columns = _schema(conn)
        _check_payloads(fresh.new_versions, columns)
        added = _store_attachments(conn, fresh.new_versions, attachments)
        conn.executemany(f"INSERT INTO record_version ({_VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [v.to_row() for v in fresh.new_versions])
        _verify_heads(conn, fresh)
        conn.execute("PRAGMA defer_foreign_keys = ON")
        with paused_recording(conn):
            written, removed, kept, not_shown = _materialise(conn, fresh, columns)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return ApplyResult(fresh, len(fresh.new_versions), added, written, removed, kept, not_shown, backup)


def import_versions(conn: sqlite3.Connection, incoming: Iterable[Version | Mapping],
                    attachments: Iterable[Attachment] = (), backups_dir: Path | None = None) -> ApplyResult:
    """Plan and apply in one go."""
    return apply_plan(conn, plan_for(conn, incoming), attachments, backups_dir)


def resolve_conflict(conn: sqlite3.Connection, record_id: str, payload: Mapping | None,
                     deleted: bool = False, now_ms: int | None = None) -> ApplyResult:
    """Write the merge version that ends a conflict (parents = all current heads), by this
    device, and show it. `payload`: a head's payload or a `combine_fields` result."""
    heads = [_version(r) for r in _rows(conn, f"SELECT {_VERSION_COLUMNS} FROM record_version WHERE "
                                              "version_id IN (SELECT version_id FROM record_head "
                                              "WHERE record_id = ?)", (record_id,))]
    if not heads:
        raise ImportRefused("Rekaman itu tidak dikenal.")
    device = _rows(conn, "SELECT device_id FROM local_device WHERE id = 1")[0][0]
    previous = _rows(conn, "SELECT max(hlc) FROM record_version WHERE device_id = ?", (device,))[0][0]
    hlc = next_hlc(previous, max(heads, key=winner_key).hlc, device,
                   int(time.time() * 1000) if now_ms is None else now_ms)
    return import_versions(conn, [merge_version(heads, payload, device, hlc, deleted)])


def _check_payloads(versions: Iterable[Version], columns: dict[str, list[str]]) -> None:
    for v in versions:
        unknown = set(v.payload) - set(columns[v.entity]) - LOCAL_COLUMNS
        if unknown:
            raise ImportRefused(f"Bundel ditolak: versi untuk '{v.entity}' memuat kolom yang tidak dikenal "
                                f"({', '.join(sorted(unknown))}); mungkin dari versi aplikasi yang lebih baru. "
                                "Basis data tidak diubah.")
        if set(v.payload) & LOCAL_COLUMNS or not all(
                x is None or type(x) in (str, int, float) for x in v.payload.values()):
            raise ImportRefused(f"Bundel ditolak: isi versi untuk '{v.entity}' tidak sah. "
                                "Basis data tidak diubah.")


def _store_attachments(conn, versions: Iterable[Version], attachments: Iterable[Attachment]) -> int:
    provided = {}
    for a in attachments:
        if not a.verify():
            raise ImportRefused(f"Bundel ditolak: lampiran {a.sha256[:12]} tidak cocok dengan isinya. "
                                "Basis data tidak diubah.")
        provided[a.sha256] = a
    needed = sorted({sha for v in versions for sha in attachment_refs(v)})
    stored = {r[0] for r in _rows_in(conn, "SELECT sha256 FROM attachment WHERE sha256", needed)}
    missing = [sha for sha in needed if sha not in stored and sha not in provided]
    if missing:
        raise ImportRefused(f"Bundel ditolak: {len(missing)} lampiran (tanda tangan, pindaian atau logo) "
                            f"tidak ada di bundel, mis. {missing[0][:12]}. Basis data tidak diubah.")
    new = [provided[sha] for sha in needed if sha not in stored]
    conn.executemany("INSERT INTO attachment (sha256, media_type, size, data, created_at) VALUES (?, ?, ?, ?, ?)",
                     [(a.sha256, a.media_type, len(a.data), a.data, a.created_at or utc_now_text()) for a in new])
    return len(new)


def _verify_heads(conn, plan: ImportPlan) -> None:
    for rid, record in plan.records.items():
        stored = tuple(sorted(r[0] for r in _rows(conn, "SELECT version_id FROM record_head WHERE record_id = ?",
                                                  (rid,))))
        if stored != record.heads:
            raise RuntimeError(f"record_head of {rid} is {stored}, the plan says {record.heads}")


# --- the current view -------------------------------------------------------------------

def _head_winners(conn, record_ids: Iterable[str] | None = None) -> dict[str, Version]:
    sql = (f"SELECT {', '.join('v.' + c.strip() for c in _VERSION_COLUMNS.split(','))} "
           "FROM record_head h JOIN record_version v ON v.version_id = h.version_id")
    if record_ids is None:
        heads = [_version(r) for r in _rows(conn, sql)]
    else:
        heads = [_version(r) for r in _rows_in(conn, sql + " WHERE h.record_id", record_ids)]
    by_record: dict[str, list[Version]] = defaultdict(list)
    for v in heads:
        by_record[v.record_id].append(v)
    return {rid: choose_winner(vs) for rid, vs in by_record.items()}


def _deviations(conn, exclude) -> dict[str, Version]:
    """Records outside `exclude` whose row presence disagrees with their winner (kept or
    not shown by an earlier apply): they are examined again."""
    present = {t: {r[0] for r in _rows(conn, f'SELECT id FROM "{t}"')} for t in SYNCED_TABLES}
    return {rid: w for rid, w in _head_winners(conn).items()
            if rid not in exclude and (rid in present[w.entity]) == w.deleted}


def _schema(conn) -> dict[str, dict[str, object]]:
    """table -> {column: default value as SQLite evaluates it}, without id."""
    out = {}
    for t in SYNCED_TABLES:
        out[t] = {name: (_rows(conn, f"SELECT {dflt}")[0][0] if dflt is not None else None)
                  for _cid, name, _type, _nn, dflt, _pk in _rows(conn, f'PRAGMA table_info("{t}")')
                  if name != "id"}
    return out


def _row_values(v: Version, defaults: dict[str, object]) -> dict:
    """The row a version shows: its payload, the column default for a key it lacks (a version
    from an older schema), and the local columns derived here."""
    values = {c: v.payload.get(c, d) for c, d in defaults.items() if c not in LOCAL_COLUMNS}
    if v.entity == "person":
        from ..domain.people import search_key
        from .migrations import person_search_key

        values["search_key"] = person_search_key(values["name"] or "", values["prefix"] or "",
                                                 values["suffix"] or "", values["nip"] or "", search_key)
    return values


def _upsert(conn, v: Version, defaults: dict[str, object]) -> int:
    """Make the row hold `v`'s payload; 0 when it already does (or must not change)."""
    values = _row_values(v, defaults)
    quoted = [f'"{c}"' for c in values]
    current = _rows(conn, f'SELECT {", ".join(quoted)} FROM "{v.entity}" WHERE id = ?', (v.record_id,))
    if current and list(current[0]) == list(values.values()):
        return 0
    if current and v.entity == "audit_log":
        return 0  # append-only: an existing entry is never changed
    conn.execute(f'INSERT INTO "{v.entity}" (id, {", ".join(quoted)}) VALUES (?{", ?" * len(values)}) '
                 f'ON CONFLICT(id) DO UPDATE SET {", ".join(f"{q} = excluded.{q}" for q in quoted)}',
                 [v.record_id, *values.values()])
    return 1


def _reverse_links(conn) -> dict[str, list[tuple[str, str]]]:
    """parent table -> [(child table, column)] for the synced tables' foreign keys."""
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for child in SYNCED_TABLES:
        for fk in _rows(conn, f'PRAGMA foreign_key_list("{child}")'):
            links[fk[2]].append((child, fk[3]))
    return links


def _materialise(conn, plan: ImportPlan, columns) -> tuple[int, int, tuple, tuple]:
    winners = {rid: r.winner for rid, r in plan.records.items()}
    winners.update(_deviations(conn, set(winners)))
    written, not_shown, postponed = 0, {}, []
    for w in sorted((w for w in winners.values() if not w.deleted), key=lambda w: (_ORDER[w.entity], w.record_id)):
        try:
            written += _upsert(conn, w, columns[w.entity])
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" not in str(exc):
                raise ImportRefused(f"Bundel ditolak: rekaman '{w.entity}' {w.record_id[:8]} tidak sesuai "
                                    f"dengan skema ({exc}). Basis data tidak diubah.") from exc
            postponed.append(w)

    # Deletions, children first; a row with live dependents stays (kept).
    links = _reverse_links(conn)
    doomed = {w.record_id: w for w in winners.values() if w.deleted and w.entity != "audit_log"
              and _rows(conn, f'SELECT 1 FROM "{w.entity}" WHERE id = ?', (w.record_id,))}
    deps = {rid: {r[0] for child, col in links[w.entity]
                  for r in _rows(conn, f'SELECT id FROM "{child}" WHERE "{col}" = ?', (rid,))}
            for rid, w in doomed.items()}
    changed = True
    while changed:
        changed = False
        for rid in sorted(doomed):
            if deps[rid] - set(doomed):
                del doomed[rid]
                changed = True
    removed = 0
    for w in sorted(doomed.values(), key=lambda w: (-_ORDER[w.entity], w.record_id)):
        removed += conn.execute(f'DELETE FROM "{w.entity}" WHERE id = ?', (w.record_id,)).rowcount

    for w in postponed:  # a UNIQUE clash may have gone with the deletions
        written += _settle_clash(conn, w, columns[w.entity], not_shown)
    more_written, more_kept, more_hidden = _repair_references(conn, columns)
    not_shown.update(more_hidden)
    shown = {**winners, **more_kept}
    kept = {rid for rid, w in shown.items() if w.deleted and _present(conn, w)}
    hidden = {rid: not_shown.get(rid, "tidak dapat ditampilkan") for rid, w in shown.items()
              if not w.deleted and not _present(conn, w)}
    return written + more_written, removed, tuple(sorted(kept)), tuple(sorted(hidden.items()))


def _rank(conn, record_id: str) -> tuple:
    """A record's age: its earliest version by (clock, id). The same on every machine once
    the record's history has arrived."""
    return min(winner_key(v) for v in _versions_where(conn, "record_id", [record_id]))


def _rivals(conn, v: Version, defaults) -> list[str]:
    """Other rows holding the same values on one of the table's UNIQUE keys."""
    values, out = _row_values(v, defaults), []
    for _seq, name, unique, origin, _partial in _rows(conn, f'PRAGMA index_list("{v.entity}")'):
        cols = [r[2] for r in _rows(conn, f'PRAGMA index_info("{name}")')]
        if unique and origin != "pk" and all(values.get(c) is not None for c in cols):
            where = " AND ".join(f'"{c}" = ?' for c in cols)
            out += [r[0] for r in _rows(conn, f'SELECT id FROM "{v.entity}" WHERE {where} AND id != ?',
                                        [*(values[c] for c in cols), v.record_id])]
    return sorted(set(out))


def _settle_clash(conn, w: Version, defaults, not_shown: dict) -> int:
    """Two records on one UNIQUE key (e.g. the region's commitment made on two laptops):
    the older record (`_rank`) is shown everywhere, the other is taken out of the view with
    its dependents (they stay in the history and in `held_records`)."""
    try:
        return _upsert(conn, w, defaults)
    except sqlite3.IntegrityError:
        pass
    reason = "bentrok kunci unik dengan rekaman lain"
    rivals = _rivals(conn, w, defaults)
    mine = _rank(conn, w.record_id)
    if not rivals or any(_rank(conn, r) < mine for r in rivals):
        not_shown[w.record_id] = reason
        return 0
    for rid in rivals:
        conn.execute(f'DELETE FROM "{w.entity}" WHERE id = ?', (rid,))
        not_shown[rid] = reason
    return _upsert(conn, w, defaults)


def _present(conn, v: Version) -> bool:
    return bool(_rows(conn, f'SELECT 1 FROM "{v.entity}" WHERE id = ?', (v.record_id,)))


def _repair_references(conn, columns) -> tuple[int, dict, dict]:
    """Rows pointing at a missing parent: bring back a deleted parent (its last state), or,
    when the parent is unknown here, take the row out of the view until it arrives."""
    fks = {t: {fk[0]: fk[3] for fk in _rows(conn, f'PRAGMA foreign_key_list("{t}")')} for t in SYNCED_TABLES}
    written, kept, hidden = 0, {}, {}
    for _ in range(4 * len(SYNCED_TABLES)):
        problems = [p for p in _rows(conn, "PRAGMA foreign_key_check") if p[0] in SYNCED_TABLES]
        if not problems:
            return written, kept, hidden
        for table, rowid, parent, fkid in problems:
            found = _rows(conn, f'SELECT id, "{fks[table][fkid]}" FROM "{table}" WHERE rowid = ?', (rowid,))
            if not found:
                continue  # already taken out with an earlier problem
            child, ref = found[0]
            winner = _head_winners(conn, [ref]).get(ref)
            if winner is not None and winner.entity == parent and winner.deleted and not _present(conn, winner):
                try:  # a deleted parent comes back, showing its last state
                    written += _upsert(conn, winner, columns[parent])
                    kept[ref] = winner
                    continue
                except sqlite3.IntegrityError:
                    pass
            conn.execute(f'DELETE FROM "{table}" WHERE id = ?', (child,))
            hidden[child] = f"rekaman induk {ref[:8]} ({parent}) tidak ditampilkan"
    raise ImportRefused("Bundel ditolak: rujukan antar-rekaman tidak dapat dibuat utuh. Basis data tidak diubah.")


# --- what the database shows now -------------------------------------------------------

def current_conflicts(conn: sqlite3.Connection) -> list[Conflict]:
    """Every record with several heads now, with the displayed winner."""
    multi = [r[0] for r in _rows(conn, "SELECT record_id FROM record_head GROUP BY record_id HAVING count(*) > 1")]
    out = []
    for rid in multi:
        heads = sorted(_versions_where(conn, "version_id", [r[0] for r in _rows(
            conn, "SELECT version_id FROM record_head WHERE record_id = ?", (rid,))]), key=winner_key)
        versions = _versions_where(conn, "record_id", [rid])
        ids = {v.version_id for v in versions}
        waiting = any(p not in ids for v in versions for p in v.parents)
        out.append(Conflict(heads[-1].entity, rid, conflict_kind(heads), tuple(heads), heads[-1],
                            heads[-1].entity in PROTECTED_ENTITIES, waiting))
    return out


def held_records(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(entity, record id, "kept" | "not shown") for every record the view shows otherwise
    than its winner says (see module docs): for the conflict screen, and until resolved."""
    return sorted((w.entity, rid, "kept" if w.deleted else "not shown")
                  for rid, w in _deviations(conn, set()).items())


def duplicate_people_in(conn: sqlite3.Connection, region_id: str | None = None) -> list[tuple[str, list[str]]]:
    """Same NIP under several person records (per region), from the current view."""
    sql = "SELECT id, region_id, nip, archived FROM person" + (" WHERE region_id = ?" if region_id else "")
    rows = _rows(conn, sql, (region_id,) if region_id else ())
    return duplicate_people({r[0]: {"region_id": r[1], "nip": r[2], "archived": r[3]} for r in rows})


# --- exporting --------------------------------------------------------------------------

def region_of_records(versions: Iterable[Version]) -> dict[str, set[str]]:
    """record id -> the region ids it belongs to, following REGION_LINKS through every
    version's payload (a record whose chain ends at an unknown parent belongs nowhere)."""
    links: dict[str, set[str]] = defaultdict(set)
    entity: dict[str, str] = {}
    for v in versions:
        entity[v.record_id] = v.entity
        if v.entity not in REGION_LINKS:
            raise KeyError(f"no region link for synced table {v.entity}")
        link = REGION_LINKS[v.entity]
        if link is None:
            links[v.record_id].add(v.record_id)
        elif isinstance(v.payload.get(link[0]), str):
            links[v.record_id].add(v.payload[link[0]])
    regions: dict[str, set[str]] = {}

    def resolve(rid: str, depth: int = 0) -> set[str]:
        if rid in regions:
            return regions[rid]
        if rid not in entity or depth > len(SYNCED_TABLES):
            return set()
        if entity[rid] == "region":
            regions[rid] = {rid}
        else:
            regions[rid] = set().union(*(resolve(p, depth + 1) for p in links[rid])) if links[rid] else set()
        return regions[rid]

    for rid in entity:
        resolve(rid)
    return regions


def export_versions(conn: sqlite3.Connection, region_id: str | None,
                    since: set[str] | None = None) -> list[Version]:
    """Every version of the records of one region (all regions when None), tombstones
    included, minus the version ids in `since` (already delivered). In storage order."""
    rows = _rows(conn, f"SELECT {_VERSION_COLUMNS} FROM record_version ORDER BY rowid")
    versions = [_version(r) for r in rows]
    since = since or set()
    if region_id is None:
        return [v for v in versions if v.version_id not in since]
    regions = region_of_records(versions)
    return [v for v in versions if v.version_id not in since and region_id in regions.get(v.record_id, ())]


def export_attachments(conn: sqlite3.Connection, versions: Iterable[Version]) -> list[Attachment]:
    """The stored attachments the given versions point to (signatures, scans, logos)."""
    wanted = {sha for v in versions for sha in attachment_refs(v)}
    rows = _rows_in(conn, "SELECT sha256, media_type, data, created_at FROM attachment WHERE sha256", wanted)
    return [Attachment(r[0], r[1], bytes(r[2]), r[3]) for r in sorted(rows)]
