"""The pure merge (sync/merge.py): random edit/delete histories on three devices with partial
exchanges; importing every device's versions into every other, in any order and each twice,
ends with the same versions, heads, displayed winners and conflicts everywhere, and no version
is ever dropped. Altered versions are tamper alarms that refuse the whole bundle."""
from __future__ import annotations

import hashlib
import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotacerdas_desktop.storage import history
from kotacerdas_desktop.sync.merge import (PROTECTED_ENTITIES, Version, choose_winner, combine_fields,
                                           duplicate_people, merge_version, plan_import, record_heads)

DEVICES = ("a" * 32, "b" * 32, "c" * 32)
RECORDS = tuple((f"{i:032x}", {3: "attendance", 5: "commitment_signature"}.get(i, "person"))
                for i in range(1, 7))


# --- a device that edits records the way the triggers do ---------------------------------

class Device:
    def __init__(self, device_id: str, skew: int) -> None:
        self.id, self.skew = device_id, skew
        self.store: dict[str, Version] = {}
        self.last: str | None = None

    def heads(self, record_id: str) -> list[Version]:
        versions = [v for v in self.store.values() if v.record_id == record_id]
        return [self.store[h] for h in record_heads(versions).get(record_id, ())]

    def write(self, record_id: str, entity: str, payload: dict | None, now: int) -> Version | None:
        """An edit (payload) or a delete (None) of what this device shows; None if impossible."""
        heads = self.heads(record_id)
        shown = choose_winner(heads) if heads else None
        if payload is None and (shown is None or shown.deleted):
            return None
        if payload is not None and shown is not None and shown.deleted:
            return None  # the app cannot edit a record it no longer shows
        if shown is None and record_id != RECORDS[DEVICES.index(self.id) % len(RECORDS)][0] \
                and DEVICES.index(self.id) != 0:
            return None  # records are created on one device (UUIDs are made where created)
        parent = max((h.hlc for h in heads), default=None)
        hlc = history.next_hlc(self.last, parent, self.id, now + self.skew)
        body = dict(shown.payload) if payload is None else payload
        parents = [h.version_id for h in heads]
        deleted = payload is None
        vid = history.version_id(entity, record_id, parents, self.id, hlc, deleted, body)
        v = Version(vid, entity, record_id, tuple(sorted(parents)), self.id, hlc, deleted, body)
        self.store[vid] = v
        self.last = hlc
        return v

    def receive(self, versions) -> None:
        plan = plan_import(self.store, versions)
        assert not plan.refused, plan.tamper
        assert {v.version_id for v in plan.new_versions} == {v.version_id for v in versions} - set(self.store)
        for v in plan.new_versions:
            self.store[v.version_id] = v


def state(store: dict[str, Version]):
    """Heads, displayed winner and conflict of every record, from the versions alone."""
    plan = plan_import({}, store.values())
    records = {rid: (r.heads, r.winner.version_id, r.winner.deleted) for rid, r in plan.records.items()}
    conflicts = sorted((c.record_id, c.kind, tuple(h.version_id for h in c.heads), c.winner.version_id,
                        c.protected) for c in plan.conflicts)
    return records, conflicts


EDIT = st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, len(RECORDS) - 1), st.integers(0, 3))
OPS = st.one_of(
    EDIT, EDIT, EDIT,
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, len(RECORDS) - 1), st.just(0)),
    st.tuples(st.just("send"), st.integers(0, 2), st.integers(0, 2), st.integers(0, 2**32)),
)


def run_history(ops, skews, ticks) -> tuple[list[Device], dict[str, Version]]:
    devices = [Device(d, s) for d, s in zip(DEVICES, skews)]
    created: dict[str, Version] = {}
    now = 1_700_000_000_000
    for (kind, a, b, c), tick in zip(ops, itertools.cycle(ticks)):
        now += tick
        if kind == "send":
            if a != b:  # a partial bundle: a random subset, so parents may be missing
                rng = random.Random(c)
                pool = sorted(devices[a].store.values(), key=lambda v: v.version_id)
                size = len(pool) if rng.random() < 0.5 else rng.randint(0, len(pool))
                devices[b].receive(rng.sample(pool, size))
            continue
        record_id, entity = RECORDS[b]
        v = devices[a].write(record_id, entity, None if kind == "delete" else
                             {"name": f"nilai {c}", "region_id": "f" * 32}, now)
        if v is not None:
            created[v.version_id] = v
    return devices, created


def check_convergence(devices, created, order, resolver_index) -> None:
    """Every device's snapshot into every other, in `order`, each twice; then resolve all."""
    bundles = [(src, dst) for src in range(3) for dst in range(3) if src != dst] * 2
    snapshots = [list(d.store.values()) for d in devices]
    for i in order:
        src, dst = bundles[i]
        devices[dst].receive(snapshots[src])

    for d in devices:
        assert set(d.store) == set(created), "a version was dropped or invented"
        assert all(d.store[v] == created[v] for v in created)
        assert all(p in d.store for v in d.store.values() for p in v.parents)
    states = [state(d.store) for d in devices]
    assert states[0] == states[1] == states[2]
    records, conflicts = states[0]
    for rid, (heads, winner, _deleted) in records.items():
        head_versions = [created[h] for h in heads]
        assert winner == max(head_versions, key=lambda v: (history.Hlc.decode(v.hlc), v.version_id)).version_id
    for rid, kind, heads, _winner, protected in conflicts:
        assert len(heads) > 1
        assert protected == (dict(RECORDS)[rid] in PROTECTED_ENTITIES)
        deleted = {created[h].deleted for h in heads}
        assert kind == {frozenset({True, False}): "edit/delete", frozenset({True}): "delete/delete",
                        frozenset({False}): "edit/edit"}[frozenset(deleted)]
    # A second import of anything is a no-op.
    again = plan_import(devices[0].store, snapshots[1] + snapshots[2])
    assert again.new_versions == () and not again.refused

    # Resolving every conflict on one device and sending it around ends every conflict everywhere.
    resolver = devices[resolver_index]
    for rid, *_ in conflicts:
        heads = resolver.heads(rid)
        hlc = history.next_hlc(resolver.last, max(h.hlc for h in heads), resolver.id, 1_800_000_000_000)
        merged = merge_version(heads, dict(heads[0].payload), resolver.id, hlc)
        resolver.store[merged.version_id] = merged
        resolver.last = hlc
    for d in devices:
        if d is not resolver:
            d.receive(list(resolver.store.values()))
    after = [state(d.store) for d in devices]
    assert after[0] == after[1] == after[2]
    assert after[0][1] == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OPS, min_size=12, max_size=60), skews=st.lists(st.integers(-3, 3), min_size=3, max_size=3),
       ticks=st.lists(st.integers(0, 2), min_size=1, max_size=5), order=st.permutations(range(12)),
       resolver=st.integers(0, 2))
def test_every_order_of_every_bundle_converges(ops, skews, ticks, order, resolver):
    devices, created = run_history(ops, skews, ticks)
    check_convergence(devices, created, order, resolver)


@pytest.mark.parametrize("seed", range(25))
def test_long_random_histories_converge(seed):
    """Longer histories than hypothesis tends to draw: hundreds of edits, deletes and partial sends."""
    rng = random.Random(seed)
    ops = []
    for _ in range(300):
        kind = rng.choice(["edit"] * 8 + ["delete"] + ["send"] * 3)
        ops.append((kind, rng.randrange(3), rng.randrange(3 if kind == "send" else len(RECORDS)),
                    rng.randrange(2**32 if kind == "send" else 4)))
    devices, created = run_history(ops, [rng.randint(-3, 3) for _ in range(3)], [rng.randint(0, 2)])
    order = list(range(12))
    rng.shuffle(order)
    check_convergence(devices, created, order, rng.randrange(3))
    assert len(created) > 50


@settings(max_examples=60, deadline=None)
@given(ops=st.lists(OPS, min_size=5, max_size=25), data=st.data())
def test_a_partial_bundle_keeps_orphans_and_they_settle_later(ops, data):
    devices, created = run_history(ops, [0, 0, 0], [1])
    source = devices[0]
    versions = sorted(source.store.values(), key=lambda v: v.version_id)
    if not versions:
        return
    late = data.draw(st.lists(st.sampled_from(versions), unique=True))
    first = [v for v in versions if v not in late]
    target = Device("d" * 32, 0)
    plan = plan_import(target.store, first)
    known = {v.version_id for v in first}
    assert set(plan.orphans) == {v.version_id for v in first if any(p not in known for p in v.parents)}
    for rid, record in plan.records.items():
        assert bool(record.missing_parents) == any(set(v.parents) - known for v in first if v.record_id == rid)
    target.receive(first)
    target.receive(late)
    assert state(target.store) == state(source.store)


# --- tampering ------------------------------------------------------------------------

def _history():
    """a creates r0 and r1, b gets both and edits r0, a edits r0 again, deletes r1, creates r2."""
    devices = [Device(d, 0) for d in DEVICES]
    a, b = devices[0], devices[1]
    created = [a.write(RECORDS[0][0], "person", {"name": "awal"}, 1),
               a.write(RECORDS[1][0], "person", {"name": "satu"}, 2)]
    b.receive(list(a.store.values()))
    created += [b.write(RECORDS[0][0], "person", {"name": "dari b"}, 3),
                a.write(RECORDS[0][0], "person", {"name": "dari a"}, 4),
                a.write(RECORDS[1][0], "person", None, 5),
                a.write(RECORDS[2][0], "attendance", {"mode": "signed"}, 6)]
    return devices, sorted(created, key=lambda v: v.version_id)


def _altered(v: Version, **changes) -> dict:
    return {**v.to_dict(), **changes}


@pytest.mark.parametrize("change", [
    lambda v: _altered(v, payload={**v.payload, "name": "dipalsukan"}),
    lambda v: _altered(v, hlc=history.Hlc(9_999_999_999_999, 0, v.device_id).encode()),
    lambda v: _altered(v, deleted=not v.deleted),
    lambda v: _altered(v, parents=["0" * 64]),
    lambda v: _altered(v, device_id="e" * 32),
    lambda v: _altered(v, entity="region"),
    lambda v: _altered(v, payload="bukan objek"),
    lambda v: _altered(v, parents="[rusak"),
    lambda v: {k: x for k, x in v.to_dict().items() if k != "hlc"},
])
def test_an_altered_version_refuses_the_whole_bundle(change):
    devices, versions = _history()
    target = Device("d" * 32, 0)
    bundle = [v.to_dict() for v in versions]
    bundle[len(bundle) // 2] = change(versions[len(bundle) // 2])
    plan = plan_import(target.store, bundle)
    assert plan.refused and plan.new_versions == () and plan.records == {}
    assert "ditolak" in plan.refusal_reason()
    # Also when the receiver already knows the genuine one.
    plan = plan_import(devices[0].store, bundle)
    assert plan.refused


def test_a_rehashed_forgery_of_a_known_id_or_a_table_change_is_refused():
    devices, versions = _history()
    v = versions[0]
    # Same id, other content (the id no longer matches): refused even if otherwise well formed.
    forged = Version(v.version_id, v.entity, v.record_id, v.parents, v.device_id, v.hlc, v.deleted,
                     {**v.payload, "name": "x"})
    assert plan_import(devices[0].store, [forged]).refused
    # A correctly hashed version that moves a known record into another table.
    body = dict(v.payload)
    hlc = history.Hlc(1_900_000_000_000, 0, v.device_id).encode()
    moved_id = history.version_id("region", v.record_id, [], v.device_id, hlc, False, body)
    moved = Version(moved_id, "region", v.record_id, (), v.device_id, hlc, False, body)
    assert plan_import(devices[0].store, [moved]).refused
    # A parent that belongs to another record.
    other = next(x for x in versions if x.record_id != v.record_id)
    vid = history.version_id(v.entity, v.record_id, [other.version_id], v.device_id, hlc, False, body)
    crossed = Version(vid, v.entity, v.record_id, (other.version_id,), v.device_id, hlc, False, body)
    assert plan_import(devices[0].store, [crossed]).refused
    # The same id twice in one bundle with different content.
    assert plan_import({}, [v.to_dict(), _altered(v, payload={"name": "y"})]).refused


# --- plans, winners, resolutions ----------------------------------------------------------

def test_the_plan_summarises_per_entity_and_duplicates_are_no_ops():
    devices, versions = _history()
    target = Device("d" * 32, 0)
    plan = plan_import(target.store, versions)
    assert sum(s.new + s.deleted + s.unchanged + s.updated for s in plan.summary.values()) == len(plan.records)
    assert list(plan.summary) == [t for t in history.SYNCED_TABLES if t in plan.summary]
    target.receive(versions)
    again = plan_import(target.store, [v.to_dict() for v in versions])
    assert again.new_versions == () and set(again.duplicates) == {v.version_id for v in versions}
    assert all(r.status == "unchanged" for r in again.records.values())
    # A record in conflict is counted as such.
    assert sum(s.conflicts for s in plan.summary.values()) == len(plan.conflicts)


@given(st.permutations(list(range(5))))
def test_the_winner_does_not_depend_on_the_order_heads_are_seen(order):
    heads = []
    for i, dev in enumerate(["1" * 32, "2" * 32, "3" * 32, "4" * 32, "5" * 32]):
        hlc = history.Hlc(1000 + (i % 2), 0, dev).encode()
        body = {"name": str(i)}
        heads.append(Version(history.version_id("person", "9" * 32, [], dev, hlc, i == 4, body),
                             "person", "9" * 32, (), dev, hlc, i == 4, body))
    assert choose_winner([heads[i] for i in order]) == choose_winner(heads)
    assert choose_winner(heads).hlc.startswith("0000000001001")


def test_merge_version_and_field_by_field_combination():
    devices, _ = _history()
    a, b = devices[0], devices[1]
    b.receive(list(a.store.values()))
    rid = RECORDS[0][0]
    heads = b.heads(rid)
    assert len(heads) == 2  # edited on a and on b concurrently
    first, second = heads
    combined = combine_fields(heads, {"name": first.version_id})
    assert combined["name"] == first.payload["name"]
    hlc = history.next_hlc(b.last, max(h.hlc for h in heads), b.id, 1)
    merged = merge_version(heads, combined, b.id, hlc)
    assert set(merged.parents) == {first.version_id, second.version_id}
    assert merged.version_id == merged.computed_id() == history.version_id(
        merged.entity, rid, merged.parents, b.id, hlc, False, combined)
    with pytest.raises(ValueError):
        merge_version(heads, combined, b.id, min(h.hlc for h in heads).replace(first.device_id, b.id))
    with pytest.raises(ValueError):
        combine_fields(heads, {"name": "0" * 64})
    tomb = merge_version(heads, None, b.id, hlc, deleted=True)
    assert tomb.deleted and tomb.payload == choose_winner(heads).payload


def test_version_ids_agree_with_the_history_module():
    """merge.py hashes through storage.history.version_id, which the triggers use too."""
    body = {"name": "Siti", "nip": "", "x": None}
    parents = ["b" * 64, "a" * 64]
    vid = history.version_id("person", "1" * 32, parents, "d" * 32, "0000000000001.00000." + "d" * 32, False, body)
    v = Version.coerce({"version_id": vid, "entity": "person", "record_id": "1" * 32,
                        "parents": history.canonical_json(sorted(parents)), "device_id": "d" * 32,
                        "hlc": "0000000000001.00000." + "d" * 32, "deleted": 0,
                        "payload": history.canonical_json(body)})
    assert v.computed_id() == vid and v.parents == tuple(sorted(parents))
    assert hashlib.sha256(history.canonical_json({
        "entity": "person", "record": "1" * 32, "parents": sorted(parents), "device": "d" * 32,
        "hlc": "0000000000001.00000." + "d" * 32, "deleted": False, "payload": body}).encode()).hexdigest() == vid


def test_duplicate_people_are_flagged_per_region_never_merged():
    people = {
        "1" * 32: {"region_id": "r1", "nip": "197805122003121004", "archived": 0},
        "2" * 32: {"region_id": "r1", "nip": "197805122003121004", "archived": 0},
        "3" * 32: {"region_id": "r2", "nip": "197805122003121004", "archived": 0},
        "4" * 32: {"region_id": "r1", "nip": "", "archived": 0},
        "5" * 32: {"region_id": "r1", "nip": "", "archived": 0},
        "6" * 32: {"region_id": "r1", "nip": "199001012015031001", "archived": 1},
        "7" * 32: {"region_id": "r1", "nip": "199001012015031001", "archived": 0},
    }
    assert duplicate_people(people) == [("197805122003121004", ["1" * 32, "2" * 32])]
    assert duplicate_people(list(people.items())) == duplicate_people(people)
