"""The demo worksheet builder works on plain values: every record it makes passes the
worksheet validation, refers only to earlier records, and the output depends on the seed only."""
from __future__ import annotations

from kotacerdas_desktop.domain import demo_roadmap as rm
from kotacerdas_desktop.domain.demo_data import DEMO_BIMTEK, DEMO_OPDS, generate_demo_people
from kotacerdas_desktop.domain.demo_worksheets import DemoPerson, build_demo_worksheets
from kotacerdas_desktop.domain.frameworks import MINISTRY
from kotacerdas_desktop.domain.worksheets import BOOK_CHAPTERS, KINDS, clean_record, record_warnings


def _inputs():
    people = [DemoPerson(f"{i:032x}", p["name"], p["opd"], p["jabatan"], p["category"], p["is_opd_head"],
                         p["role"]) for i, p in enumerate(sorted(generate_demo_people(), key=lambda p: p["name"]), 1)]
    opds = {o["short_name"]: f"{i:032x}" for i, o in enumerate(DEMO_OPDS, 1000)}
    elements = {(code, el): f"{2000 + 10 * d + e:032x}" for d, (code, _, els) in enumerate(MINISTRY.dimensions)
                for e, el in enumerate(els)}
    bimtek = {b["stage"]: (b["venue"], b["days"]) for b in DEMO_BIMTEK}
    return people, opds, elements, bimtek


DIMENSIONS = {code: f"{3000 + d:032x}" for d, (code, _, _) in enumerate(MINISTRY.dimensions)}


def _build(*inputs, **options):
    return build_demo_worksheets(*(inputs or _inputs()), **{"dimensions": DIMENSIONS, "commitment_version": 3,
                                                            **options})


def test_records_are_valid_and_refer_backwards():
    people, opds, elements, _ = _inputs()
    records = _build()
    seen: dict[str, str] = {}
    data_of: dict[str, dict] = {}
    ids = {p.id for p in people} | set(opds.values()) | set(elements.values()) | set(DIMENSIONS.values())
    for r in records:
        k = KINDS[r.kind]
        for ref in r.refs:
            value, f = r.data[ref], k.field(ref)
            target = "qw_criterion" if f.type == "scores" else f.target  # scores are keyed by criterion
            for local in (value if isinstance(value, dict) else [value]):
                assert seen.get(local) == target, (r.kind, ref, local)

        def stored(value):
            return {f"{n:032x}": v for n, v in enumerate(value.values())} if isinstance(value, dict) else "f" * 32

        data = {key: (stored(v) if key in r.refs else v) for key, v in r.data.items()}  # stored ids
        assert clean_record(k, data) == data, r.kind
        if r.updates:  # a change: the record as it is afterwards must be clean
            assert seen[r.updates] == r.kind and not r.key
            data = data_of[r.updates] = {**data_of[r.updates], **data}
        assert record_warnings(k, data) == [], (r.kind, r.data)
        for f in k.fields:
            if f.type in ("opd", "element", "dimension") and data.get(f.key):
                assert data[f.key] in ids, (r.kind, f.key)
            if f.type == "people":
                assert set(data.get(f.key, [])) <= ids
        if r.key:
            seen[r.key] = r.kind
            data_of[r.key] = data
    assert {r.stage for r in records if KINDS[r.kind].scope == "region"} == {1, 2, 3, 4}
    assert {r.stage for r in records if r.kind == "agenda"} == {1, 2, 3, 4}


def test_stage_three_and_four_content():
    records = _build()

    def of(kind, stage=None):
        return [r for r in records if r.kind == kind and stage in (None, r.stage)]

    assert {r.data["dimension"] for r in of("strategy")} == set(DIMENSIONS.values())
    assert all(r.data["misi"] for r in of("strategy"))
    (config,) = of("roadmap_config")
    assert config.data == {"start_year": 2027, "years": "5"}  # the year after the first bimtek (2026)
    roadmap = of("roadmap")
    assert all(1 <= r.data["year"] <= 5 and 150_000_000 <= r.data["budget"] <= 5_000_000_000 for r in roadmap)
    assert {r.data["source"] for r in roadmap} >= {"apbd", "apbn_dak", "csr", "kpbu"}
    assert {r.data["type"] for r in of("innovation")} == {"ti", "kebijakan", "layanan"}
    criteria = of("qw_criterion")
    assert len(criteria) == 8 and sum(r.data["weight"] for r in criteria) == 100
    assert [r.data["source"] for r in criteria].count("dots") == 1
    candidates = of("quick_win", 3)
    assert 12 <= len(candidates) <= 16
    assert all(len(r.data["scores"]) == 7 and all(1 <= v <= 5 for v in r.data["scores"].values())
               for r in candidates)
    finals = of("quick_win", 4)
    assert len(finals) == 6 and all(r.updates and r.data["status"] == "quick_win" for r in finals)
    assert all(r.data["start"].startswith("2027-") and r.data["months"] <= 12 for r in finals)
    assert [r.data["chapter"] for r in of("chapter_review")] == [k for k, _ in BOOK_CHAPTERS]
    (agreement,) = of("commitment_agreement")
    assert agreement.data["agreed_version"] == 3
    groups = {r.key for r in of("fgd_group", 3)}
    assert {r.data["group"] for r in of("dot_vote")} == groups
    assert not [r for r in _build(commitment_version=0) if r.kind == "commitment_agreement"]
    assert len(rm.FINAL_SHEETS) == 6


def test_same_seed_same_records_other_seed_other_groups():
    inputs = _inputs()
    assert _build(*inputs) == _build(*inputs)
    groups = [r.data["members"] for r in _build(*inputs) if r.kind == "fgd_group"]
    other = [r.data["members"] for r in _build(*inputs, seed=7) if r.kind == "fgd_group"]
    assert groups != other


def test_missing_schedule_and_people_still_build():
    records = build_demo_worksheets([], {}, {}, {1: ("", []), 2: ("", [])})
    assert not [r for r in records if r.kind in ("agenda", "mentor", "ba_signatory")]
    assert all(not r.data.get("opd") for r in records if r.kind == "program")
    ba = next(r for r in records if r.kind == "berita_acara")
    assert ba.data["proceedings"].startswith("Telah dilaksanakan") and ba.data["number"].endswith("/2026")
    assert not [r for r in records if r.kind in ("strategy", "quick_win", "chapter_review")]  # no Tahap III/IV
