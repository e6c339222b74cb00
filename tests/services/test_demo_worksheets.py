"""`demo --full` worksheets: Kota Contoh's four bimtek get their agenda, mentors, FGD groups,
notulen, follow-ups and berita acara, and every stage its full content (Tahap III: strategy,
innovation, roadmap, scored quick-win candidates and dot votes; Tahap IV: chapter review, final
quick-win sheets, the agreed commitment text); every record is valid, every check of every stage
passes, and the same seed gives the same data."""
from __future__ import annotations

import re

import pytest

from kotacerdas_desktop.domain import wizard as wz
from kotacerdas_desktop.domain.errors import ValidationError
from kotacerdas_desktop.domain.quickwins import shortlist
from kotacerdas_desktop.domain.worksheets import (BOOK_CHAPTERS, KINDS, PENTAHELIX, READINESS_ELEMENTS, clean_record,
                                                  is_blank, readiness_choices)
from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.services import Services


def _full_demo(folder) -> tuple[Services, str]:
    services = Services.open(prepare_paths(folder))
    region = services.demo.create()
    services.demo.fill_full(region)
    services.demo.fill_worksheets(region)
    return services, region


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    services, region = _full_demo(tmp_path_factory.mktemp("demo-sheets") / "data")
    cards = {c.stage: c for c in services.regions.detail(region).bimtek}
    yield services, region, cards
    services.close()


def _items(services, card, kind):
    return services.worksheets.items(card.id, kind)


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_every_check_of_every_stage_passes(demo, stage):
    # "Registrasi" relies on the attendance fill_full makes, "Tanggal dan tempat" on the schedule
    # demo.create sets and "Penandatanganan" on the signatures fill_full makes; everything else
    # comes from fill_worksheets.
    services, _, cards = demo
    snap = services.worksheets.snapshot(cards[stage].id)
    failing = [(s.key, c.label, c.detail) for s in wz.steps_for(stage) for c in wz.checks(s, snap) if not c.done]
    assert failing == []
    assert all(wz.step_state(s, snap) == "done" for s in wz.steps_for(stage))
    assert wz.stage_progress(snap)[0] == wz.stage_progress(snap)[1] > 10


def test_every_record_is_valid_and_without_warnings(demo):
    services, _, cards = demo
    for kind in KINDS:
        for card in cards.values():
            for item in _items(services, card, kind):
                assert item.warnings == (), (kind, item.data)
                assert clean_record(KINDS[kind], item.data) == item.data


def test_region_content_is_written_through_the_stage_that_made_it(demo):
    services, _, cards = demo
    by_id = {c.id: c.stage for c in cards.values()}
    for kind, stage in (("readiness", 1), ("strategic_issue", 1), ("visi", 1), ("misi", 1), ("tujuan", 1),
                        ("sasaran", 1), ("indikator", 1), ("program", 2), ("action", 2), ("strategy", 3),
                        ("innovation", 3), ("roadmap_config", 3), ("roadmap", 3), ("qw_config", 3),
                        ("qw_criterion", 3), ("quick_win", 3), ("chapter_review", 4),
                        ("commitment_agreement", 4)):
        assert {by_id[i.bimtek_id] for i in _items(services, cards[1], kind)} == {stage}, kind
    # dot votes belong to the bimtek they were cast in
    assert {v.bimtek_id for v in _items(services, cards[3], "dot_vote")} == {cards[3].id}
    assert _items(services, cards[4], "dot_vote") == []


def test_common_parts_of_each_bimtek(demo):
    services, region, cards = demo
    people = {p.id for p in services.directory.people(region)}
    for stage, card in cards.items():
        agenda = _items(services, card, "agenda")
        assert {a.data["day"] for a in agenda} == {d.isoformat() for d in card.days}
        assert all("08:00" <= a.data["start"] < a.data["end"] <= "16:30" for a in agenda)
        assert any("Wali Kota" in a.data["title"] for a in agenda)
        mentors = _items(services, card, "mentor")
        assert [m.data["role"] for m in mentors] == ["mentor", "tenaga_ahli"]
        assert all(m.data["institution"] and m.data["topic"] for m in mentors)
        groups = _items(services, card, "fgd_group")
        assert 3 <= len(groups) <= 4
        members = [set(g.data["members"]) for g in groups]
        assert all(m and m <= people for m in members)
        assert sum(len(m) for m in members) == len(set().union(*members))  # nobody in two groups
        assert all(g.data["lead"] for g in groups)
        (notulen,) = _items(services, card, "notulen")
        assert notulen.data["chair"] and notulen.data["minute_taker"] and notulen.data["next_meeting"]
        assert 2 <= len(_items(services, card, "followup")) <= 4
        (ba,) = _items(services, card, "berita_acara")
        assert re.fullmatch(r"005/\d{3}/DISKOMINFO/2026", ba.data["number"])
        assert ba.data["proceedings"].startswith("Pada hari ini ")
        assert "Demikian berita acara ini dibuat" in ba.data["proceedings"]
        assert [s.data["role"] for s in _items(services, card, "ba_signatory")] == ["pimpinan", "narasumber",
                                                                                    "notulis"]


def test_stage_one_content(demo):
    services, _, cards = demo
    groups = [g.id for g in _items(services, cards[1], "fgd_group")]
    readiness = _items(services, cards[1], "readiness")
    sub_elements = [key for key, _ in readiness_choices()]
    assert len(sub_elements) == 3 * len([e for e in READINESS_ELEMENTS if e[0] not in ("alam", "budaya")])
    for element in sub_elements:
        rows = [r.data for r in readiness if r.data["element"] == element]
        assert sorted(r["group"] for r in rows) == sorted(["", *groups])
        assert all(1 <= r["score"] <= 5 and r["keywords"] and r["gap"] for r in rows)
    assert 6 <= len(_items(services, cards[1], "strategic_issue")) <= 8
    (visi,) = _items(services, cards[1], "visi")
    assert visi.data["status"] == "disepakati" and visi.data["explanation"]
    top = [w for w, _ in wz.vision_keywords(services.worksheets.snapshot(cards[1].id))[:6]]
    assert {"digital", "cerdas", "pelayanan prima"} <= set(top)
    assert 4 <= len(_items(services, cards[1], "misi")) <= 5
    for parent, kind, ref in (("misi", "tujuan", "misi"), ("tujuan", "sasaran", "tujuan"),
                              ("sasaran", "indikator", "sasaran")):
        children = _items(services, cards[1], kind)
        for p in _items(services, cards[1], parent):
            assert 1 <= sum(c.data[ref] == p.id for c in children) <= 2, (kind, p.data)


def test_stage_two_content(demo):
    services, region, cards = demo
    programmes = _items(services, cards[2], "program")
    existing = [p.data for p in programmes if p.data["source"] != "baru"]
    new = [p for p in programmes if p.data["source"] == "baru"]
    assert 25 <= len(existing) <= 35 and 12 <= len(new) <= 15
    assert {p["source"] for p in existing} == {"rpjmd", "renstra"}
    assert all(re.fullmatch(r"\d\.\d{2}\.\d{2}", p["ref_code"]) and p["year_start"] <= p["year_end"]
               for p in existing)
    assert {p.data["horizon"] for p in new} == {"1", "5", "10"}
    actions = _items(services, cards[2], "action")
    for p in new:
        assert 1 <= sum(a.data["program"] == p.id for a in actions) <= 3, p.data["name"]
    opds = {o.id: o.short_name for o in services.directory.opds(region)}
    assert opds[next(p["opd"] for p in existing if p["name"] == "Program Pengelolaan Persampahan")] == "DLH"


def test_stage_three_content(demo):
    services, region, cards = demo
    snap = services.worksheets.snapshot(cards[3].id)
    strategies = snap.of("strategy")
    per_dimension = [sum(s.data["dimension"] == d for s in strategies) for d, _, _ in snap.dimensions]
    assert len(per_dimension) == 6 and all(1 <= n <= 3 for n in per_dimension)
    assert any(s.data.get("element") for s in strategies) and all(s.data["misi"] for s in strategies)
    new = wz.programmes(snap, ("baru",))
    assert {p.data["status"] for p in new} == {"terpilih"}
    innovations = snap.of("innovation")
    assert len({i.data["program"] for i in innovations}) >= len(new) - 2
    assert {i.data["type"] for i in innovations} == {"ti", "kebijakan", "layanan"}
    assert snap.one("roadmap_config") == {"start_year": 2027, "years": "5"}  # first bimtek 2026, plus one
    roadmap = snap.of("roadmap")
    for p in new:
        years = sorted(r.data["year"] for r in roadmap if r.data["program"] == p.id)
        assert years and years == list(range(years[0], years[-1] + 1)) and years[-1] <= 5, p.data["name"]
        if p.data["horizon"] in ("5", "10"):
            assert years[-1] == 5
    assert all(150_000_000 <= r.data["budget"] <= 5_000_000_000 for r in roadmap)
    assert {r.data["source"] for r in roadmap} <= {"apbd", "apbn_dak", "csr", "kpbu", "masyarakat"}
    assert snap.one("qw_config") == {"score_min": 1, "score_max": 5, "shortlist_size": 10}
    criteria = snap.of("qw_criterion")
    assert len(criteria) == 8 and sum(c.data["weight"] for c in criteria) == 100
    assert [c.data["source"] for c in criteria].count("dots") == 1
    groups = {g.id for g in _items(services, cards[3], "fgd_group")}
    votes = snap.of("dot_vote")
    assert {v.data["group"] for v in votes} == groups and all(v.data["dots"] > 0 for v in votes)


def test_ranking_shortlist_and_final_quick_wins(demo):
    services, region, cards = demo
    snap = services.worksheets.snapshot(cards[3].id)  # dot votes belong to Tahap III
    ranked = wz.ranking(snap)
    assert 12 <= len(ranked) <= 16 and all(not r.missing for r in ranked)
    by_status = {s: [r for r in ranked if r.status == s] for s in ("quick_win", "terpilih", "usulan", "ditolak")}
    assert len(by_status["quick_win"]) == 6 and all(r.rank is not None for r in by_status["quick_win"])
    assert 1 <= len(by_status["ditolak"]) <= 2 and all(r.rank is None for r in by_status["ditolak"])
    short = shortlist(ranked, snap.one("qw_config")["shortlist_size"])
    assert {r.id for r in short} == {r.id for r in by_status["quick_win"] + by_status["terpilih"]}
    assert len(short) == 10 and all(r.dots > 0 for r in by_status["quick_win"])
    finals = [c for c in wz.candidates(snap) if c.data["status"] == "quick_win"]
    element_dimension = snap.element_dimension()
    assert len({element_dimension[c.data["element"]] for c in finals}) == 6  # one per dimension
    opds = {o.id for o in services.directory.opds(region)}
    for c in finals:
        d = c.data
        assert all(not is_blank(d.get(k)) for k in wz.QUICK_WIN_SHEET), d["name"]
        assert d["start"].startswith("2027-") and 1 <= d["months"] <= 12 and d["program"]
        assert set(d["collaborators"]) <= {k for k, _ in PENTAHELIX} and "pemerintah" in d["collaborators"]
        assert 100_000_000 <= d["budget"] <= 1_000_000_000 and d["source"]
        assert d["opd"] in opds


def test_stage_four_content(demo):
    services, region, cards = demo
    snap = services.worksheets.snapshot(cards[4].id)
    reviews = wz.reviewed_chapters(snap)
    assert list(reviews) == [k for k, _ in BOOK_CHAPTERS]
    assert all(r["status"] == "disetujui" and r["reviewer"] and r["comments"] for r in reviews.values())
    view = services.commitment.view(region)
    assert snap.one("commitment_agreement")["agreed_version"] == view.version == snap.commitment[0]
    assert snap.commitment[1] == snap.commitment[2] == len(view.signatories) > 30


def _canonical(services, region) -> list:
    """Every record with ids replaced by what they name, so two databases can be compared."""
    cards = services.regions.detail(region).bimtek
    ctx = services.worksheets.context(cards[0].id)
    names = {**dict(ctx.people), **dict(ctx.opds)}
    names.update({eid: ctx.element_label(eid) for _, _, els in ctx.dimensions for eid, _ in els})
    names.update({did: name for did, name, _ in ctx.dimensions})
    items = {}
    for card in cards:
        for kind in KINDS:
            for i in services.worksheets.items(card.id, kind):
                items[i.id] = (card.stage if KINDS[kind].scope == "bimtek" else 0, kind, i.position, i.data)
    names.update({item_id: f"{kind}#{pos}" for item_id, (_, kind, pos, _) in items.items()})

    def plain(value):
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dict):  # quick-win scores, keyed by criterion
            return sorted((plain(k), v) for k, v in value.items())
        return names.get(value, value) if isinstance(value, str) else value

    return sorted((stage, kind, pos, sorted((k, plain(v)) for k, v in data.items()))
                  for stage, kind, pos, data in items.values())


def test_same_seed_same_worksheets(demo, tmp_path):
    services, region, _ = demo
    other, other_region = _full_demo(tmp_path / "data")
    try:
        first, second = _canonical(services, region), _canonical(other, other_region)
        assert first == second and len(first) > 400
    finally:
        other.close()


def test_filling_twice_is_refused(demo):
    services, region, cards = demo
    before = len(_items(services, cards[1], "agenda"))
    with pytest.raises(ValidationError, match="sudah berisi"):
        services.demo.fill_worksheets(region)
    assert len(_items(services, cards[1], "agenda")) == before
