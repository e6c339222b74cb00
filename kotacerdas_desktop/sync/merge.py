"""Merging version logs: the pure part of an import (no Qt, no SQLAlchemy, no database).

An import is a set union of versions. Given the versions this machine already knows
(at least every version of the records the bundle touches) and the incoming ones,
`plan_import` says what would happen, before anything is written:

- an unknown version is new; a known id with the same content is a duplicate (no-op);
- a known id with other content, a version whose id is not the hash of its content,
  a malformed version, a record changing table, a parent that belongs to another
  record, or an HLC naming another device is a tamper alarm: the whole bundle is refused;
- a version whose parent is unknown is kept and flagged (orphan, "menunggu bundel
  sebelumnya") until the earlier bundle arrives;
- per touched record, the heads after the union (versions that no other version of the
  record names as parent); several heads are a conflict (edit/edit, edit/delete,
  delete/delete).

The displayed winner among several heads (WINNER RULE, the same on every machine):
the head with the highest hybrid logical clock (wall ms, counter, device id), then the
highest version id. Tombstones get no favour either way. Attendance and commitment
signatures (PROTECTED_ENTITIES) are insert-only in practice: several heads there are
flagged `protected` (tamper or a real double signing) and every head stays in the
history, so the resolution screen must show them all; nothing is dropped.

A resolution is a new version whose parents are all heads (`merge_version`).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from ..storage.history import SYNCED_TABLES, Hlc, canonical_json, version_id

PROTECTED_ENTITIES: frozenset[str] = frozenset({"attendance", "commitment_signature"})
# Columns that name a content-addressed attachment (sha256) in a record's payload.
ATTACHMENT_COLUMNS: dict[str, str] = {"region": "logo_sha256", "attendance": "strokes_sha256",
                                      "day_scan": "attachment_sha256",
                                      "commitment_signature": "strokes_sha256"}
WAITING_TEXT = "menunggu bundel sebelumnya"
FUTURE_SKEW_MS = 24 * 3600 * 1000  # a remote clock more than a day ahead is warned about

_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class VersionFormatError(ValueError):
    """A version that is not well formed (its message is for the user)."""


@dataclass(frozen=True, eq=False)
class Version:
    """One immutable version of one record, as stored in `record_version`."""
    version_id: str
    entity: str
    record_id: str
    parents: tuple[str, ...]
    device_id: str
    hlc: str
    deleted: bool
    payload: Mapping

    @classmethod
    def coerce(cls, value: "Version | Mapping") -> "Version":
        """A Version from a Version, a dict or a record_version row (JSON text columns)."""
        if isinstance(value, Version):
            return value
        import json

        try:
            parents, payload = value["parents"], value["payload"]
            if isinstance(parents, str):
                parents = json.loads(parents)
            if isinstance(payload, str):
                payload = json.loads(payload)
            fields = {k: value[k] for k in ("version_id", "entity", "record_id", "device_id", "hlc")}
            deleted = value["deleted"]
        except (KeyError, TypeError, ValueError) as exc:
            raise VersionFormatError(f"versi tidak lengkap atau rusak ({exc})") from exc
        if not all(isinstance(v, str) for v in fields.values()):
            raise VersionFormatError("id, tabel, perangkat dan jam versi harus teks")
        if not isinstance(parents, list) or not all(isinstance(p, str) and _HEX64.match(p) for p in parents):
            raise VersionFormatError("daftar induk versi tidak sah")
        if not isinstance(payload, dict):
            raise VersionFormatError("isi versi harus objek JSON")
        if deleted not in (0, 1) or isinstance(deleted, float):
            raise VersionFormatError("tanda hapus versi tidak sah")
        return cls(fields["version_id"], fields["entity"], fields["record_id"], tuple(sorted(set(parents))),
                   fields["device_id"], fields["hlc"], bool(deleted), payload)

    def computed_id(self) -> str:
        return version_id(self.entity, self.record_id, self.parents, self.device_id, self.hlc,
                          self.deleted, dict(self.payload))

    def content(self) -> tuple:
        return (self.version_id, self.entity, self.record_id, self.parents, self.device_id, self.hlc,
                self.deleted, canonical_json(self.payload))

    def clock(self) -> tuple[int, int, str]:
        h = Hlc.decode(self.hlc)
        return h.wall_ms, h.counter, h.device_id

    def to_dict(self) -> dict:
        """JSON-ready form (what a bundle carries)."""
        return {"version_id": self.version_id, "entity": self.entity, "record_id": self.record_id,
                "parents": list(self.parents), "device_id": self.device_id, "hlc": self.hlc,
                "deleted": self.deleted, "payload": dict(self.payload)}

    def to_row(self) -> tuple:
        """Values for INSERT INTO record_version (version_id, entity, record_id, parents,
        device_id, hlc, deleted, payload)."""
        return (self.version_id, self.entity, self.record_id, canonical_json(list(self.parents)),
                self.device_id, self.hlc, int(self.deleted), canonical_json(self.payload))

    def __eq__(self, other) -> bool:
        return isinstance(other, Version) and self.content() == other.content()

    def __hash__(self) -> int:
        return hash(self.version_id)

    def __repr__(self) -> str:
        return (f"Version({self.entity}:{self.record_id[:8]} {self.version_id[:10]} "
                f"{'DEL ' if self.deleted else ''}hlc={self.hlc})")


@dataclass(frozen=True)
class Attachment:
    sha256: str
    media_type: str
    data: bytes
    created_at: str = ""

    def verify(self) -> bool:
        import hashlib

        return hashlib.sha256(self.data).hexdigest() == self.sha256


def attachment_refs(version: Version) -> set[str]:
    """The attachments (sha256) a version's payload points to."""
    column = ATTACHMENT_COLUMNS.get(version.entity)
    value = version.payload.get(column) if column else None
    return {value} if isinstance(value, str) and value else set()


# --- heads and winners ----------------------------------------------------------------

def record_heads(versions: Iterable[Version]) -> dict[str, tuple[str, ...]]:
    """Per record: the versions no other version of that record names as parent (sorted ids)."""
    by_record: dict[str, list[Version]] = defaultdict(list)
    for v in versions:
        by_record[v.record_id].append(v)
    out = {}
    for rid, vs in by_record.items():
        named = {p for v in vs for p in v.parents}
        out[rid] = tuple(sorted({v.version_id for v in vs} - named))
    return out


def winner_key(v: Version) -> tuple:
    return (*v.clock(), v.version_id)


def choose_winner(heads: Iterable[Version]) -> Version:
    """The displayed version among a record's heads: highest HLC, then highest version id."""
    return max(heads, key=winner_key)


def conflict_kind(heads: Sequence[Version]) -> str:
    deleted = {v.deleted for v in heads}
    return "edit/delete" if deleted == {True, False} else ("delete/delete" if True in deleted else "edit/edit")


# --- the plan ------------------------------------------------------------------------

@dataclass(frozen=True)
class TamperAlarm:
    version_id: str
    record_id: str
    reason: str


@dataclass(frozen=True)
class Conflict:
    entity: str
    record_id: str
    kind: str                   # "edit/edit", "edit/delete" or "delete/delete"
    heads: tuple[Version, ...]  # sorted by winner_key, the winner last
    winner: Version
    protected: bool             # attendance / signatures: never overwritten, show every head
    waiting: bool               # some version of the record still misses a parent


@dataclass(frozen=True)
class RecordPlan:
    entity: str
    record_id: str
    heads: tuple[str, ...]
    winner: Version
    before: Version | None      # the displayed winner before the import
    status: str                 # "new", "updated", "deleted" or "unchanged" (as displayed)
    conflict: Conflict | None
    missing_parents: tuple[str, ...]


@dataclass
class EntitySummary:
    new: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    conflicts: int = 0


@dataclass(frozen=True)
class ImportPlan:
    incoming: tuple[Version, ...]          # every well-formed incoming version, deduplicated
    new_versions: tuple[Version, ...]      # to insert, in a fixed order
    duplicates: tuple[str, ...]
    tamper: tuple[TamperAlarm, ...]
    orphans: tuple[str, ...]               # new versions with a missing parent
    records: dict[str, RecordPlan]
    conflicts: tuple[Conflict, ...]
    summary: dict[str, EntitySummary]
    clock_warnings: tuple[str, ...] = field(default=())

    @property
    def refused(self) -> bool:
        return bool(self.tamper)

    def refusal_reason(self) -> str:
        if not self.tamper:
            return ""
        first = self.tamper[0]
        more = f" (dan {len(self.tamper) - 1} masalah lain)" if len(self.tamper) > 1 else ""
        return (f"Bundel ditolak: versi {first.version_id[:12]} tidak dapat dipercaya: "
                f"{first.reason}{more}. Basis data tidak diubah.")


def _validate(v: Version) -> str | None:
    if v.entity not in SYNCED_TABLES:
        return f"tabel '{v.entity}' tidak dikenal"
    if not _HEX32.match(v.record_id) or not _HEX32.match(v.device_id):
        return "id rekaman atau perangkat tidak sah"
    try:
        clock = Hlc.decode(v.hlc)
    except ValueError:
        return "jam versi (HLC) tidak sah"
    if clock.device_id != v.device_id or clock.encode() != v.hlc:
        return "jam versi (HLC) tidak cocok dengan perangkatnya"
    if v.version_id in v.parents:
        return "versi menyebut dirinya sendiri sebagai induk"
    try:
        if v.version_id != v.computed_id():
            return "isi versi tidak cocok dengan id-nya (diubah setelah dibuat)"
    except ValueError:
        return "isi versi bukan JSON yang sah"
    return None


def plan_import(known: Mapping[str, Version], incoming: Iterable[Version | Mapping], *,
                now_ms: int | None = None) -> ImportPlan:
    """What importing `incoming` into a store holding `known` would do (see module docs).

    `known` must hold at least every known version of the records `incoming` touches and
    every known version whose id `incoming` uses (as id or parent)."""
    tamper: list[TamperAlarm] = []
    unique: dict[str, Version] = {}
    for raw in incoming:
        try:
            v = Version.coerce(raw)
        except VersionFormatError as exc:
            vid = raw.get("version_id", "?") if isinstance(raw, Mapping) else "?"
            tamper.append(TamperAlarm(str(vid), "?", str(exc)))
            continue
        problem = _validate(v)
        if problem is None and v.version_id in unique and unique[v.version_id] != v:
            problem = "id versi yang sama muncul dua kali dengan isi berbeda"
        if problem is None and v.version_id in known and known[v.version_id] != v:
            problem = "id versi sudah dikenal dengan isi berbeda"
        if problem:
            tamper.append(TamperAlarm(v.version_id, v.record_id, problem))
        else:
            unique[v.version_id] = v
    entity_of: dict[str, str] = {}
    for v in (*known.values(), *unique.values()):
        if entity_of.setdefault(v.record_id, v.entity) != v.entity:
            tamper.append(TamperAlarm(v.version_id, v.record_id, "rekaman berpindah tabel"))
    everything = {**known, **unique}
    for v in unique.values():
        for p in v.parents:
            if p in everything and everything[p].record_id != v.record_id:
                tamper.append(TamperAlarm(v.version_id, v.record_id, "induk versi milik rekaman lain"))
    if tamper:
        return ImportPlan((), (), (), tuple(tamper), (), {}, (), {})

    new = {vid: v for vid, v in unique.items() if vid not in known}
    duplicates = tuple(sorted(vid for vid in unique if vid in known))
    order = {t: i for i, t in enumerate(SYNCED_TABLES)}
    new_versions = tuple(sorted(new.values(), key=lambda v: (order[v.entity], v.record_id, winner_key(v))))
    orphans = tuple(sorted(vid for vid, v in new.items() if any(p not in everything for p in v.parents)))

    touched = {v.record_id for v in unique.values()}
    before_by: dict[str, list[Version]] = defaultdict(list)
    after_by: dict[str, list[Version]] = defaultdict(list)
    for v in known.values():
        if v.record_id in touched:
            before_by[v.record_id].append(v)
            after_by[v.record_id].append(v)
    for v in new.values():
        after_by[v.record_id].append(v)

    records: dict[str, RecordPlan] = {}
    conflicts: list[Conflict] = []
    summary: dict[str, EntitySummary] = {}
    for rid in sorted(touched):
        versions = after_by[rid]
        ids = {v.version_id for v in versions}
        heads = record_heads(versions)[rid]
        head_versions = sorted((everything[h] for h in heads), key=winner_key)
        winner = head_versions[-1]
        before = None
        if before_by.get(rid):
            before_heads = record_heads(before_by[rid])[rid]
            before = choose_winner(everything[h] for h in before_heads)
        missing = tuple(sorted({p for v in versions for p in v.parents} - ids))
        conflict = None
        if len(heads) > 1:
            conflict = Conflict(winner.entity, rid, conflict_kind(head_versions), tuple(head_versions),
                                winner, winner.entity in PROTECTED_ENTITIES, bool(missing))
            conflicts.append(conflict)
        was, now = before is not None and not before.deleted, not winner.deleted
        if now and not was:
            status = "new"
        elif was and not now:
            status = "deleted"
        elif now and before.version_id != winner.version_id:
            status = "updated"
        else:
            status = "unchanged"
        records[rid] = RecordPlan(winner.entity, rid, heads, winner, before, status, conflict, missing)
        s = summary.setdefault(winner.entity, EntitySummary())
        setattr(s, status, getattr(s, status) + 1)
        s.conflicts += conflict is not None

    warnings = []
    if now_ms is not None:
        for v in new_versions:
            if v.clock()[0] > now_ms + FUTURE_SKEW_MS:
                warnings.append(f"Jam perangkat {v.device_id[:8]} berada di masa depan "
                                f"({v.hlc}); periksa tanggal di laptop itu.")
    summary = {t: summary[t] for t in SYNCED_TABLES if t in summary}
    return ImportPlan(tuple(unique.values()), new_versions, duplicates, (), orphans, records,
                      tuple(conflicts), summary, tuple(dict.fromkeys(warnings)))


# --- resolving a conflict -------------------------------------------------------------

def combine_fields(heads: Sequence[Version], choices: Mapping[str, str]) -> dict:
    """A payload taken field by field from the heads: `choices` maps a field to the version
    id whose value it keeps; every other field comes from the displayed winner."""
    by_id = {v.version_id: v for v in heads}
    payload = dict(choose_winner(heads).payload)
    for name, vid in choices.items():
        if vid not in by_id:
            raise ValueError(f"versi {vid[:12]} bukan salah satu kepala rekaman")
        if name not in by_id[vid].payload:
            raise ValueError(f"kolom '{name}' tidak ada di versi {vid[:12]}")
        payload[name] = by_id[vid].payload[name]
    return payload


def merge_version(heads: Sequence[Version], payload: Mapping | None, device_id: str, hlc: str,
                  deleted: bool = False) -> Version:
    """The version that resolves a conflict: its parents are all heads of the record.

    `payload` is the chosen head's payload or a field-by-field combination
    (`combine_fields`); None with deleted=True keeps the winner's last state in the
    tombstone. `hlc` must come after every head (next_hlc with the latest head as parent)."""
    if not heads:
        raise ValueError("tidak ada kepala untuk digabung")
    entity, record = heads[0].entity, heads[0].record_id
    if any(v.entity != entity or v.record_id != record for v in heads):
        raise ValueError("kepala yang digabung harus milik satu rekaman")
    clock = Hlc.decode(hlc)
    if clock.device_id != device_id or (clock.wall_ms, clock.counter) <= max(v.clock()[:2] for v in heads):
        raise ValueError("jam versi gabungan harus sesudah semua kepala, dari perangkat ini")
    body = dict(choose_winner(heads).payload if payload is None else payload)
    parents = tuple(sorted({v.version_id for v in heads}))
    vid = version_id(entity, record, parents, device_id, hlc, deleted, body)
    return Version(vid, entity, record, parents, device_id, hlc, bool(deleted), body)


# --- people with the same NIP ---------------------------------------------------------

def duplicate_people(people: Mapping[str, Mapping] | Iterable[tuple[str, Mapping]]) -> list[tuple[str, list[str]]]:
    """Same NIP under several record ids in one region: flagged for review, never merged.

    `people` maps a person record id to its current payload (archived people and empty
    NIPs are left out). Returns (nip, sorted record ids), sorted by NIP then ids."""
    items = people.items() if isinstance(people, Mapping) else people
    groups: dict[tuple, list[str]] = defaultdict(list)
    for rid, p in items:
        nip = "".join(str(p.get("nip") or "").split())
        if nip and not p.get("archived"):
            groups[(str(p.get("region_id") or ""), nip)].append(rid)
    return sorted(((nip, sorted(ids)) for (_region, nip), ids in groups.items() if len(ids) > 1),
                  key=lambda item: (item[0], item[1]))
