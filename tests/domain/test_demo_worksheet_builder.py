"""The demo worksheet builder works on plain values: every record it makes passes the
worksheet validation, refers only to earlier records, and the output depends on the seed only."""
from __future__ import annotations

from kotacerdas_desktop.domain.demo_data import DEMO_BIMTEK, DEMO_OPDS, generate_demo_people
from kotacerdas_desktop.domain.demo_worksheets import DemoPerson, build_demo_worksheets
from kotacerdas_desktop.domain.frameworks import MINISTRY
from kotacerdas_desktop.domain.worksheets import KINDS, clean_record, record_warnings


def _inputs():
    people = [DemoPerson(f"{i:032x}", p["name"], p["opd"], p["jabatan"], p["category"], p["is_opd_head"],
                         p["role"]) for i, p in enumerate(sorted(generate_demo_people(), key=lambda p: p["name"]), 1)]
    opds = {o["short_name"]: f"{i:032x}" for i, o in enumerate(DEMO_OPDS, 1000)}
    elements = {(code, el): f"{2000 + 10 * d + e:032x}" for d, (code, _, els) in enumerate(MINISTRY.dimensions)
                for e, el in enumerate(els)}
    bimtek = {b["stage"]: (b["venue"], b["days"]) for b in DEMO_BIMTEK}
    return people, opds, elements, bimtek


def test_records_are_valid_and_refer_backwards():
    people, opds, elements, bimtek = _inputs()
    records = build_demo_worksheets(people, opds, elements, bimtek)
    seen: dict[str, str] = {}
    ids = {p.id for p in people} | set(opds.values()) | set(elements.values())
    for r in records:
        k = KINDS[r.kind]
        for ref in r.refs:
            assert r.data[ref] in seen and seen[r.data[ref]] == k.field(ref).target, (r.kind, ref)
        data = {key: ("f" * 32 if key in r.refs else v) for key, v in r.data.items()}  # a stored id
        assert clean_record(k, data) == data, r.kind
        assert record_warnings(k, data) == [], (r.kind, r.data)
        for f in k.fields:
            if f.type in ("opd", "element") and data.get(f.key):
                assert data[f.key] in ids
            if f.type == "people":
                assert set(data.get(f.key, [])) <= ids
        if r.key:
            seen[r.key] = r.kind
    assert {r.stage for r in records if KINDS[r.kind].scope == "region"} == {1, 2}
    assert {r.stage for r in records if r.kind == "agenda"} == {1, 2, 3, 4}


def test_same_seed_same_records_other_seed_other_groups():
    inputs = _inputs()
    assert build_demo_worksheets(*inputs) == build_demo_worksheets(*inputs)
    groups = [r.data["members"] for r in build_demo_worksheets(*inputs) if r.kind == "fgd_group"]
    other = [r.data["members"] for r in build_demo_worksheets(*inputs, seed=7) if r.kind == "fgd_group"]
    assert groups != other


def test_missing_schedule_and_people_still_build():
    records = build_demo_worksheets([], {}, {}, {1: ("", []), 2: ("", [])})
    assert not [r for r in records if r.kind in ("agenda", "mentor", "ba_signatory")]
    assert all(not r.data.get("opd") for r in records if r.kind == "program")
    ba = next(r for r in records if r.kind == "berita_acara")
    assert ba.data["proceedings"].startswith("Telah dilaksanakan") and ba.data["number"].endswith("/2026")
