"""Worksheet records of the bimtek wizard: every edit is its own transaction.

A record belongs either to one bimtek (agenda, notulen, ...) or to the region's
masterplan (readiness, misi, programmes, ...), see domain/worksheets.py. Values
are validated field by field and references are checked against the region, so
an edit is either stored whole or refused with one plain sentence.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ..domain import wizard as wz
from ..domain.errors import ValidationError
from ..domain.readiness import check_score, merge_readiness, readiness_config
from ..domain.worksheets import (KINDS, Kind, clean_value, defaults, is_blank, kind as kind_of,
                                 record_warnings)
from ..storage.models import (Attendance, Bimtek, BimtekDay, Commitment, CommitmentSignatory,
                              CommitmentSignature, CommitmentVersion, Dimension, Element, Framework, Opd,
                              Person, WizardState, WorkItem)
from ..storage.store import Store
from .errors import NotFound
from .regions import _uuid


@dataclass(frozen=True)
class ItemView:
    id: str
    kind: str
    data: dict
    position: int
    bimtek_id: str
    warnings: tuple[str, ...] = ()

    def get(self, key: str, default=None):
        return self.data.get(key, default)


@dataclass(frozen=True)
class VersionView:
    at: str  # UTC, ISO 8601
    device: str
    deleted: bool
    values: dict  # "_archived": True when the record was deleted (archived) in this version
    changed: tuple[str, ...]


@dataclass(frozen=True)
class WizardContext:
    """What the wizard pages need to show references: days, framework, OPDs, people."""
    region_id: str
    bimtek_id: str
    stage: int
    venue: str
    days: tuple[date, ...]
    dimensions: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]
    opds: tuple[tuple[str, str], ...]
    people: tuple[tuple[str, str], ...] = field(default=())  # (id, "Name — OPD")

    def element_label(self, element_id: str) -> str:
        for _, dim, elements in self.dimensions:
            for eid, name in elements:
                if eid == element_id:
                    return f"{dim} › {name}"
        return ""


def _view(w: WorkItem) -> ItemView:
    data = w.values
    return ItemView(w.id.hex, w.kind, data, w.position, w.bimtek_id.hex if w.bimtek_id else "",
                    tuple(record_warnings(KINDS[w.kind], data)) if w.kind in KINDS else ())


def _blank_to_none(value):
    return None if is_blank(value) else value


def _changed(current: dict, clean: dict) -> dict:
    """The cleaned values that really differ from the record (an empty value equals an absent one)."""
    return {key: value for key, value in clean.items()
            if _blank_to_none(value) != _blank_to_none(current.get(key))}


def _commitment_progress(s: Session, region_id: uuid.UUID) -> tuple[int, int, int]:
    """(current text version, signatories who signed it, active signatories); zeros before the
    commitment exists (reading never creates it)."""
    doc = s.scalar(select(Commitment).where(Commitment.region_id == region_id))
    if doc is None:
        return (0, 0, 0)
    current = s.scalar(select(CommitmentVersion).where(CommitmentVersion.commitment_id == doc.id)
                       .order_by(CommitmentVersion.number.desc()))
    active = [sg.id for sg in s.scalars(select(CommitmentSignatory).where(
        CommitmentSignatory.commitment_id == doc.id, CommitmentSignatory.active.is_(True)))]
    if current is None:
        return (0, 0, len(active))
    signed = s.scalar(select(func.count(func.distinct(CommitmentSignature.signatory_id))).where(
        CommitmentSignature.version_id == current.id, CommitmentSignature.signatory_id.in_(active))) if active else 0
    return (current.number, signed or 0, len(active))


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def person_label(p: Person, opd_name: str = "") -> str:
    text = f"{p.prefix} {p.name}".strip()
    text = f"{text}, {p.suffix}" if p.suffix else text
    return f"{text} — {opd_name}" if opd_name else text


class WorksheetService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- reading ---------------------------------------------------------
    @staticmethod
    def _bimtek(s: Session, bimtek_id) -> Bimtek:
        b = s.get(Bimtek, _uuid(bimtek_id))
        if b is None:
            raise NotFound("Bimtek tidak ditemukan.")
        return b

    @staticmethod
    def _scoped(b: Bimtek, k: Kind):
        q = select(WorkItem).where(WorkItem.kind == k.key, WorkItem.archived.is_(False))
        if k.scope == "bimtek":
            q = q.where(WorkItem.bimtek_id == b.id)
        else:
            q = q.where(WorkItem.region_id == b.region_id)
        return q.order_by(WorkItem.position, WorkItem.id)

    def items(self, bimtek_id, kind: str) -> list[ItemView]:
        k = kind_of(kind)
        with self.store.session() as s:
            b = self._bimtek(s, bimtek_id)
            return [_view(w) for w in s.scalars(self._scoped(b, k))]

    def item(self, item_id) -> ItemView:
        with self.store.session() as s:
            return _view(self._item(s, item_id))

    @staticmethod
    def _item(s: Session, item_id) -> WorkItem:
        w = s.get(WorkItem, _uuid(item_id))
        if w is None:
            raise NotFound("Data lembar kerja tidak ditemukan (mungkin sudah dihapus).")
        return w

    def find(self, bimtek_id, kind: str, key: dict | None = None) -> ItemView | None:
        """The record whose values match `key` (the singleton when key is empty), or None."""
        with self.store.session() as s:
            w = self._find(s, self._bimtek(s, bimtek_id), kind_of(kind), key or {})
            return _view(w) if w else None

    def _find(self, s: Session, b: Bimtek, k: Kind, key: dict) -> WorkItem | None:
        """The first record whose values equal `key` (cleaned like values; empty equals absent)."""
        wanted = {f: _blank_to_none(clean_value(k, f, v)) for f, v in key.items()}
        for w in s.scalars(self._scoped(b, k)):
            values = w.values
            if all(_blank_to_none(values.get(f)) == v for f, v in wanted.items()):
                return w
        return None

    def context(self, bimtek_id) -> WizardContext:
        with self.store.session() as s:
            b = self._bimtek(s, bimtek_id)
            dims = []
            fw = s.scalar(select(Framework).where(Framework.region_id == b.region_id))
            if fw is not None:
                for d in s.scalars(select(Dimension).where(Dimension.framework_id == fw.id)
                                   .order_by(Dimension.position)):
                    elements = s.scalars(select(Element).where(Element.dimension_id == d.id)
                                         .order_by(Element.position)).all()
                    dims.append((d.id.hex, d.name, tuple((e.id.hex, e.name) for e in elements)))
            opds = s.scalars(select(Opd).where(Opd.region_id == b.region_id, Opd.archived.is_(False))
                             .order_by(Opd.position, Opd.name)).all()
            names = {o.id: o.short_name or o.name for o in opds}
            people = s.scalars(select(Person).where(Person.region_id == b.region_id,
                                                    Person.archived.is_(False)).order_by(Person.name)).all()
            return WizardContext(
                b.region_id.hex, b.id.hex, b.stage, b.venue,
                tuple(date.fromisoformat(d.day_date) for d in b.days), tuple(dims),
                tuple((o.id.hex, o.name) for o in opds),
                tuple((p.id.hex, person_label(p, names.get(p.opd_id, ""))) for p in people))

    def snapshot(self, bimtek_id) -> wz.Snapshot:
        with self.store.session() as s:
            return self._snapshot(s, self._bimtek(s, bimtek_id))

    @staticmethod
    def _snapshot(s: Session, b: Bimtek) -> wz.Snapshot:
        # dot votes are cast in one bimtek but count in the ranking of every stage after it
        bimtek_kinds = [k.key for k in KINDS.values() if k.scope == "bimtek" and k.key != "dot_vote"]
        rows = s.execute(select(WorkItem.id, WorkItem.kind, WorkItem.data, WorkItem.position, WorkItem.bimtek_id)
                         .where(WorkItem.archived.is_(False),
                                ((WorkItem.bimtek_id == b.id) & WorkItem.kind.in_(bimtek_kinds))
                                | ((WorkItem.region_id == b.region_id) & WorkItem.kind.not_in(bimtek_kinds)))
                         .order_by(WorkItem.kind, WorkItem.position, WorkItem.id)).all()
        items = tuple(wz.Item(r.id.hex, r.kind, json.loads(r.data or "{}"), r.position,
                              r.bimtek_id.hex if r.bimtek_id else "") for r in rows)
        dims = []
        fw = s.scalar(select(Framework).where(Framework.region_id == b.region_id))
        if fw is not None:
            for d in s.scalars(select(Dimension).where(Dimension.framework_id == fw.id).order_by(Dimension.position)):
                els = s.scalars(select(Element.id).where(Element.dimension_id == d.id)).all()
                dims.append((d.id.hex, d.name, tuple((e.hex, "") for e in els)))
        present = dict(s.execute(
            select(BimtekDay.day_date, func.count(Attendance.id))
            .join(Attendance, Attendance.bimtek_day_id == BimtekDay.id)
            .where(BimtekDay.bimtek_id == b.id).group_by(BimtekDay.day_date)).all())
        return wz.Snapshot(b.stage, b.venue, tuple(date.fromisoformat(d.day_date) for d in b.days), items,
                           tuple(dims), {date.fromisoformat(k): v for k, v in present.items()},
                           _commitment_progress(s, b.region_id))

    # --- writing ---------------------------------------------------------
    def _check_refs(self, s: Session, region_id: uuid.UUID, k: Kind, values: dict,
                    bimtek_id: uuid.UUID | None = None) -> None:
        for key, value in values.items():
            f = k.field(key)
            if not value or f.type not in ("ref", "opd", "element", "people", "dimension"):
                continue
            if f.type == "ref":
                target = s.get(WorkItem, uuid.UUID(value))
                ok = target is not None and target.region_id == region_id and target.kind == f.target \
                    and not target.archived
                if ok and k.scope == "bimtek" and KINDS[f.target].scope == "bimtek":
                    ok = target.bimtek_id == bimtek_id  # e.g. dots come from this bimtek's own groups
            elif f.type == "opd":
                target = s.get(Opd, uuid.UUID(value))
                ok = target is not None and target.region_id == region_id
            elif f.type == "dimension":
                ok = s.scalar(select(func.count()).select_from(Dimension)
                              .join(Framework, Dimension.framework_id == Framework.id)
                              .where(Dimension.id == uuid.UUID(value), Framework.region_id == region_id)) == 1
            elif f.type == "element":
                ok = s.scalar(select(func.count()).select_from(Element)
                              .join(Dimension, Element.dimension_id == Dimension.id)
                              .join(Framework, Dimension.framework_id == Framework.id)
                              .where(Element.id == uuid.UUID(value), Framework.region_id == region_id)) == 1
            else:
                found = s.scalar(select(func.count()).select_from(Person).where(
                    Person.id.in_([uuid.UUID(v) for v in value]), Person.region_id == region_id))
                ok = found == len(value)
            if not ok:
                raise ValidationError(f"{f.label}: pilihan tidak ditemukan di wilayah ini (mungkin sudah dihapus).")

    def _clean(self, s: Session, b_region: uuid.UUID, k: Kind, changes: dict, current: dict,
               bimtek_id: uuid.UUID | None = None) -> dict:
        clean = {key: clean_value(k, key, value) for key, value in changes.items()}
        self._check_refs(s, b_region, k, clean, bimtek_id)
        if k.key == "readiness" and clean.get("score") is not None:
            cfg = s.scalar(select(WorkItem).where(WorkItem.region_id == b_region,
                                                  WorkItem.kind == "readiness_config",
                                                  WorkItem.archived.is_(False)).order_by(WorkItem.position))
            check_score(readiness_config(cfg.values if cfg else None), clean["score"])
        return clean

    def add(self, bimtek_id, kind: str, data: dict | None = None, after: str | None = None) -> ItemView:
        """A new record at the end (or right after `after`), starting from the kind's defaults."""
        k = kind_of(kind)
        with self.store.session() as s:
            b = self._bimtek(s, bimtek_id)
            return _view(self._add(s, b, k, data or {}, after))

    def _add(self, s: Session, b: Bimtek, k: Kind, data: dict, after: str | None = None) -> WorkItem:
        values = {**defaults(k), **self._clean(s, b.region_id, k, data, {}, b.id)}
        siblings = list(s.scalars(self._scoped(b, k)))
        index = len(siblings)
        for i, other in enumerate(siblings):
            if other.id.hex == after:
                index = i + 1
        for pos, other in enumerate(siblings[:index] + [None] + siblings[index:]):
            if other is not None and other.position != pos:
                other.position = pos
        position = index
        w = WorkItem(region_id=b.region_id, bimtek_id=b.id, kind=k.key, position=position)
        w.values = values
        s.add(w)
        s.flush()
        return w

    def update(self, item_id, changes: dict) -> ItemView:
        """Change some fields of one record; returns it as stored."""
        with self.store.session() as s:
            w = self._item(s, item_id)
            k = kind_of(w.kind)
            values = w.values
            clean = _changed(values, self._clean(s, w.region_id, k, changes, values, w.bimtek_id))
            if clean:
                w.values = {**values, **clean}
            return _view(w)

    def upsert(self, bimtek_id, kind: str, key: dict, changes: dict) -> ItemView:
        """Change the record matching `key` (a singleton when key is empty), creating it if needed."""
        k = kind_of(kind)
        with self.store.session() as s:
            b = self._bimtek(s, bimtek_id)
            w = self._find(s, b, k, key)
            if w is None:
                return _view(self._add(s, b, k, {**key, **changes}))
            values = w.values
            clean = _changed(values, self._clean(s, w.region_id, k, changes, values, w.bimtek_id))
            if clean:
                w.values = {**values, **clean}
            return _view(w)

    def set_archived(self, item_ids: list[str], archived: bool = True) -> None:
        """Delete (archive) or restore records in one transaction; history keeps every state."""
        with self.store.session() as s:
            for item_id in item_ids:
                w = self._item(s, item_id)
                if w.archived != archived:
                    w.archived = archived

    def move(self, item_id, offset: int) -> None:
        with self.store.session() as s:
            w = self._item(s, item_id)
            b = self._bimtek(s, w.bimtek_id) if w.bimtek_id else None
            siblings = s.scalars(self._scoped(b, kind_of(w.kind))).all() if b else [w]
            if w not in siblings:
                return
            i = siblings.index(w)
            j = max(0, min(len(siblings) - 1, i + offset))
            siblings.insert(j, siblings.pop(i))
            for pos, item in enumerate(siblings):
                if item.position != pos:
                    item.position = pos

    def merge_readiness(self, bimtek_id, element: str) -> ItemView:
        """Fill the merged record of one sub-element from the FGD groups' records (empty fields only)."""
        with self.store.session() as s:
            b = self._bimtek(s, bimtek_id)
            k = KINDS["readiness"]
            entries = [w.values for w in s.scalars(self._scoped(b, k))
                       if w.values.get("element") == element and w.values.get("group")]
            merged_row = self._find(s, b, k, {"element": element, "group": ""})  # absent group = merged
            current = merged_row.values if merged_row else {}
            changes = merge_readiness(entries, current)
            if merged_row is None:
                return _view(self._add(s, b, k, {"element": element, "group": "", **changes}))
            if changes:
                merged_row.values = {**current, **changes}
            return _view(merged_row)

    def history(self, item_id) -> list[VersionView]:
        """Every stored version of one record, oldest first: when, on which device, what changed."""
        from ..storage.history import Hlc

        with self.store.session() as s:
            w = self._item(s, item_id)
            rows = s.execute(text("SELECT hlc, device_id, deleted, payload FROM record_version "
                                  "WHERE entity = 'work_item' AND record_id = :rid ORDER BY hlc"),
                             {"rid": w.id.hex}).all()
            devices = dict(s.execute(text("SELECT device_id, name FROM local_device")).all())
            out, before = [], {}
            for hlc, device, deleted, payload in rows:
                row = json.loads(payload)
                try:
                    values = json.loads(row.get("data") or "{}")
                except (TypeError, ValueError):
                    values = {}
                if row.get("archived") in (1, True):
                    values = {**values, "_archived": True}
                changed = tuple(sorted(k for k in set(values) | set(before)
                                       if _blank_to_none(values.get(k)) != _blank_to_none(before.get(k))))
                stamp = Hlc.decode(hlc)
                out.append(VersionView(
                    datetime.fromtimestamp(stamp.wall_ms / 1000, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    devices.get(device, device[:8]), bool(deleted), values, changed))
                before = values
            return out

    # --- where the facilitator is (local, not synced) --------------------
    def position(self, bimtek_id) -> tuple[str, dict]:
        with self.store.session() as s:
            st = s.get(WizardState, _uuid(bimtek_id))
            if st is None:
                return "", {}
            try:
                timer = json.loads(st.timer or "{}")
            except ValueError:
                timer = {}
            return st.step, timer if isinstance(timer, dict) else {}

    def set_position(self, bimtek_id, step: str | None = None, timer: dict | None = None) -> None:
        with self.store.session() as s:
            b = self._bimtek(s, bimtek_id)
            st = s.get(WizardState, b.id)
            if st is None:
                st = WizardState(bimtek_id=b.id, step="", timer="{}")
                s.add(st)
            if step is not None:
                if step not in {x.key for x in wz.steps_for(b.stage)}:
                    raise ValidationError(f"Langkah '{step[:40]}' tidak ada pada tahap {b.stage}.")
                st.step = step
            if timer is not None:
                st.timer = json.dumps(timer, sort_keys=True)
            st.updated_at = _now()
