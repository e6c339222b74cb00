"""Quick-win scoring and ranking without Qt: normalised weights, ties and shared ranks,
missing scores, criteria or scale changed after scoring, the dots criterion, rejected
candidates, the shortlist cut, dot totals, and property checks over random rooms."""
from __future__ import annotations

import random

import pytest

from kotacerdas_desktop.domain.quickwins import (DEFAULT_CRITERIA, DOTS_CRITERION, Candidate, Criterion, Ranked,
                                                 dot_totals, rank, shortlist, weight_shares)

A, B = Criterion("a", "Dampak", 50), Criterion("b", "Cepat", 50)


def cand(id: str, name: str | None = None, status: str = "usulan", **scores) -> Candidate:
    return Candidate(id, name or id.upper(), scores, status)


def by_id(ranked: list[Ranked]) -> dict[str, Ranked]:
    return {r.id: r for r in ranked}


# ------------------------------------------------------------------ defaults

def test_default_criteria_sum_to_100_and_are_manual():
    assert sum(w for _, w, _, _ in DEFAULT_CRITERIA) == 100
    assert {src for _, _, src, _ in DEFAULT_CRITERIA} == {"manual"}
    assert len({name for name, _, _, _ in DEFAULT_CRITERIA}) == len(DEFAULT_CRITERIA)
    assert all(name and hint for name, _, _, hint in DEFAULT_CRITERIA)
    assert DOTS_CRITERION[2] == "dots" and DOTS_CRITERION[1] == 0


# ------------------------------------------------------------------ weights

def test_weight_shares_normalise():
    assert weight_shares([A, B]) == {"a": 0.5, "b": 0.5}
    assert weight_shares([Criterion("a", "x", 2), Criterion("b", "y", 2)]) == {"a": 0.5, "b": 0.5}
    assert weight_shares([Criterion("a", "x", 30), Criterion("b", "y", 10)]) == {"a": 0.75, "b": 0.25}
    assert weight_shares([Criterion("a", "x", 0), Criterion("b", "y", 0), Criterion("c", "z", 0)]) == \
        pytest.approx({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
    assert weight_shares([Criterion("a", "x", -5), Criterion("b", "y", 5)]) == {"a": 0.0, "b": 1.0}
    assert weight_shares([]) == {}


def test_weights_not_summing_to_100_rank_like_their_proportions():
    cands = [cand("p", a=5, b=1), cand("q", a=1, b=5), cand("r", a=3, b=3)]
    hundred = rank(cands, [Criterion("a", "A", 75), Criterion("b", "B", 25)])
    small = rank(cands, [Criterion("a", "A", 3), Criterion("b", "B", 1)])
    assert [(r.id, r.total, r.rank) for r in hundred] == [(r.id, r.total, r.rank) for r in small]
    assert [r.id for r in hundred] == ["p", "r", "q"]
    assert by_id(hundred)["p"].total == 75.0 and by_id(hundred)["q"].total == 25.0
    two = rank(cands, [Criterion("a", "A", 2), Criterion("b", "B", 2)])
    fifty = rank(cands, [A, B])
    assert [(r.id, r.total) for r in two] == [(r.id, r.total) for r in fifty]


def test_all_zero_weights_count_equally():
    cands = [cand("p", a=5, b=1), cand("q", a=5, b=5)]
    out = by_id(rank(cands, [Criterion("a", "A", 0), Criterion("b", "B", 0)]))
    assert out["p"].total == 50.0 and out["q"].total == 100.0
    assert out["q"].rank == 1 and out["p"].rank == 2


def test_totals_at_the_ends_of_the_scale():
    out = by_id(rank([cand("top", a=5, b=5), cand("low", a=1, b=1), cand("mid", a=3, b=3)], [A, B]))
    assert out["top"].total == 100.0 and out["low"].total == 0.0 and out["mid"].total == 50.0


def test_no_criteria_gives_zero_totals_and_a_shared_rank():
    out = rank([cand("p"), cand("q")], [])
    assert [(r.id, r.total, r.rank, r.missing) for r in out] == [("p", 0.0, 1, ()), ("q", 0.0, 1, ())]


# ------------------------------------------------------------------ ties

def test_equal_totals_share_a_rank_and_the_next_rank_skips():
    cands = [cand("z", "Zebra", a=4, b=4), cand("y", "apel", a=4, b=4), cand("x", "Mangga", a=2, b=2),
             cand("w", "Bambu", a=5, b=5)]
    out = rank(cands, [A, B])
    assert [(r.name, r.rank) for r in out] == [("Bambu", 1), ("apel", 2), ("Zebra", 2), ("Mangga", 4)]


def test_tie_at_the_top_gives_1_1_3_ordered_by_name_case_insensitively():
    cands = [cand("c", "Cek", a=5, b=4), cand("b", "bersih", a=4, b=5), cand("a", "Antre", a=4, b=4)]
    out = rank(cands, [A, B])
    assert [r.rank for r in out] == [1, 1, 3]
    assert [r.name for r in out] == ["bersih", "Cek", "Antre"]
    assert out[0].total == out[1].total == 87.5


def test_tie_from_permuted_scores_over_equal_weights():
    crits = [Criterion(k, k, 1) for k in "abc"]
    cands = [cand("p", "P", a=5, b=3, c=1), cand("q", "Q", a=1, b=3, c=5), cand("r", "R", a=3, b=1, c=5)]
    out = rank(cands, crits)
    assert [r.rank for r in out] == [1, 1, 1]
    assert [r.id for r in out] == ["p", "q", "r"]


def test_same_name_tie_is_ordered_by_id():
    out = rank([cand("b2", "Sama", a=3, b=3), cand("a1", "sama", a=3, b=3)], [A, B])
    assert [r.id for r in out] == ["a1", "b2"] and [r.rank for r in out] == [1, 1]


# ------------------------------------------------------------------ missing scores

def test_missing_scores_count_as_lowest_and_are_listed():
    out = by_id(rank([cand("full", a=3, b=3), cand("half", a=5), cand("none")], [A, B]))
    assert out["full"].missing == () and out["full"].total == 50.0
    assert out["half"].missing == ("Cepat",) and out["half"].total == 50.0
    assert out["none"].missing == ("Dampak", "Cepat") and out["none"].total == 0.0
    assert out["full"].rank == out["half"].rank == 1 and out["none"].rank == 3
    # a missing score equals the lowest score exactly
    lowest = by_id(rank([cand("half", a=5), cand("low", a=5, b=1)], [A, B]))
    assert lowest["half"].total == lowest["low"].total and lowest["half"].rank == lowest["low"].rank


def test_a_none_score_is_missing_too():
    out = rank([Candidate("p", "P", {"a": 5, "b": None})], [A, B])
    assert out[0].missing == ("Cepat",) and out[0].total == 50.0 and out[0].rank == 1


# ------------------------------------------------------------------ criteria and scale changed after scoring

def test_a_removed_criterion_is_ignored_and_a_new_one_is_missing():
    scored = [cand("p", a=5, b=1, old=5), cand("q", a=1, b=5, old=1)]
    before = by_id(rank(scored, [A, B, Criterion("old", "Lama", 50)]))
    assert before["p"].total > before["q"].total
    after = by_id(rank(scored, [A, B]))
    assert after["p"].total == after["q"].total == 50.0 and after["p"].rank == after["q"].rank == 1
    with_new = by_id(rank(scored, [A, B, Criterion("new", "Baru", 50)]))
    assert with_new["p"].missing == with_new["q"].missing == ("Baru",)
    assert with_new["p"].total == with_new["q"].total == 33.33  # the new criterion counts as lowest


def test_scores_are_clamped_into_a_changed_scale():
    scored_on_ten = [cand("p", a=10, b=8), cand("q", a=5, b=1), cand("r", a=0, b=0)]
    out = by_id(rank(scored_on_ten, [A, B], scale=(1, 5)))
    assert out["p"].total == 100.0  # 10 and 8 clamp to 5
    assert out["q"].total == 50.0
    assert out["r"].total == 0.0  # 0 clamps to 1, the lowest
    assert all(0 <= r.total <= 100 for r in out.values())
    widened = by_id(rank([cand("p", a=5, b=5)], [A, B], scale=(0, 10)))
    assert widened["p"].total == 50.0


def test_a_reversed_or_flat_scale_falls_back_to_one_to_five():
    cands = [cand("p", a=5, b=3)]
    default = rank(cands, [A, B])[0].total
    assert rank(cands, [A, B], scale=(5, 1))[0].total == default == 75.0
    assert rank(cands, [A, B], scale=(3, 3))[0].total == default


# ------------------------------------------------------------------ dots

def test_dots_are_normalised_by_the_most_dots():
    dots_c = Criterion("d", "Titik", 50, "dots")
    cands = [cand("p", a=5), cand("q", a=5), cand("r", a=5)]
    out = by_id(rank(cands, [Criterion("a", "A", 50), dots_c], dots={"p": 8, "q": 4}))
    assert out["p"].total == 100.0 and out["q"].total == 75.0 and out["r"].total == 50.0
    assert (out["p"].dots, out["q"].dots, out["r"].dots) == (8, 4, 0)
    assert [out[k].rank for k in "pqr"] == [1, 2, 3]
    assert all(r.missing == () for r in out.values())  # the dots criterion is never "missing"


def test_zero_dots_everywhere_give_a_zero_part():
    dots_c = Criterion("d", "Titik", 50, "dots")
    for dots in (None, {}, {"p": 0, "q": 0}):
        out = by_id(rank([cand("p", a=5), cand("q", a=1)], [Criterion("a", "A", 50), dots_c], dots=dots))
        assert out["p"].total == 50.0 and out["q"].total == 0.0
        assert out["p"].missing == ()


def test_dots_of_unknown_candidates_still_set_the_maximum():
    dots_c = Criterion("d", "Titik", 100, "dots")
    out = rank([cand("p")], [dots_c], dots={"p": 5, "gone": 10})
    assert out[0].total == 50.0 and out[0].dots == 5


# ------------------------------------------------------------------ rejected candidates

def test_rejected_candidates_get_no_rank_and_come_last():
    cands = [cand("best", "Terbaik", "ditolak", a=5, b=5), cand("z", "Zaitun", "ditolak", a=1, b=1),
             cand("ok", "Oke", a=3, b=3), cand("low", "Rendah", "terpilih", a=1, b=2),
             cand("a", "Apel", "ditolak")]
    out = rank(cands, [A, B])
    assert [r.id for r in out] == ["ok", "low", "a", "best", "z"]
    assert [r.rank for r in out] == [1, 2, None, None, None]
    assert out[3].total == 100.0 and out[3].status == "ditolak"
    assert out[2].missing == ("Dampak", "Cepat")


def test_only_rejected_candidates():
    out = rank([cand("p", status="ditolak", a=5, b=5)], [A, B])
    assert [r.rank for r in out] == [None]
    assert shortlist(out, 3) == []


# ------------------------------------------------------------------ shortlist

def _totals(*pairs) -> list[Ranked]:
    cands = [cand(name, name, a=a, b=a) for name, a in pairs]
    return rank(cands, [A, B])


def test_shortlist_plain_cut():
    ranked = _totals(("a", 5), ("b", 4), ("c", 3), ("d", 2))
    assert [r.id for r in shortlist(ranked, 2)] == ["a", "b"]
    assert [r.id for r in shortlist(ranked, 1)] == ["a"]


def test_shortlist_keeps_everyone_tied_at_the_cut():
    ranked = _totals(("a", 5), ("b", 4), ("c", 4), ("d", 4), ("e", 1))
    assert [r.rank for r in ranked] == [1, 2, 2, 2, 5]
    assert [r.id for r in shortlist(ranked, 2)] == ["a", "b", "c", "d"]
    assert [r.id for r in shortlist(ranked, 3)] == ["a", "b", "c", "d"]
    assert [r.id for r in shortlist(ranked, 4)] == ["a", "b", "c", "d"]
    assert [r.id for r in shortlist(ranked, 1)] == ["a"]


def test_shortlist_larger_than_the_candidates_and_degenerate_sizes():
    ranked = rank([cand("a", a=5, b=5), cand("b", a=1, b=1), cand("x", status="ditolak", a=5, b=5)], [A, B])
    assert [r.id for r in shortlist(ranked, 10)] == ["a", "b"]  # rejected never shortlisted
    assert [r.id for r in shortlist(ranked, 2)] == ["a", "b"]
    assert shortlist(ranked, 0) == [] and shortlist(ranked, -1) == []
    assert shortlist([], 5) == []


# ------------------------------------------------------------------ dot totals

def test_dot_totals_sum_over_groups():
    assert dot_totals([("p", "g1", 3), ("p", "g2", 2), ("q", "g1", 1)]) == {"p": 5, "q": 1}
    assert dot_totals([]) == {}


def test_dot_totals_last_row_per_candidate_and_group_wins():
    votes = [("p", "g1", 3), ("q", "g1", 2), ("p", "g1", 1), ("p", "g2", 4), ("q", "g1", 0)]
    assert dot_totals(votes) == {"p": 5, "q": 0}


def test_dot_totals_clamp_negatives_and_blank_counts():
    assert dot_totals([("p", "g1", -3), ("q", "g1", None), ("r", "g1", "2")]) == {"p": 0, "q": 0, "r": 2}
    assert dot_totals([("p", "g1", 4), ("p", "g1", -1)]) == {"p": 0}


# ------------------------------------------------------------------ property-style checks

def _random_room(rng: random.Random):
    crits = [Criterion(f"c{i}", f"Kriteria {i}", rng.choice([0, 0, 1, 5, 10, 20, 35, 100]),
                       "dots" if rng.random() < 0.2 else "manual") for i in range(rng.randint(0, 7))]
    lo = rng.randint(0, 3)
    hi = rng.randint(lo - 1, 10)  # sometimes reversed or flat
    names = ["Apel", "apel", "Bambu", "Cendana", "Durian", "Enau", "Flamboyan"]
    cands = []
    for i in range(rng.randint(0, 12)):
        scores = {}
        for c in crits + [Criterion("removed", "x", 1)]:
            roll = rng.random()
            if roll < 0.2:
                continue  # missing
            scores[c.id] = rng.randint(-2, 12) if roll < 0.3 else rng.randint(0, 10)
        cands.append(Candidate(f"k{i}", rng.choice(names), scores,
                               rng.choice(["usulan", "usulan", "terpilih", "quick_win", "ditolak"])))
    dots = {c.id: rng.randint(0, 9) for c in cands if rng.random() < 0.6}
    return cands, crits, (lo, hi), dots


@pytest.mark.parametrize("seed", [1, 7, 42, 2024, 31337])
def test_random_rooms_keep_the_invariants(seed):
    rng = random.Random(seed)
    for _ in range(60):
        cands, crits, scale, dots = _random_room(rng)
        out = rank(cands, crits, scale, dots)
        assert sorted(r.id for r in out) == sorted(c.id for c in cands)
        assert all(0.0 <= r.total <= 100.0 for r in out)
        active = [r for r in out if r.rank is not None]
        rejected = [r for r in out if r.rank is None]
        assert out == active + rejected  # rejected last
        assert {r.id for r in rejected} == {c.id for c in cands if c.status == "ditolak"}
        ranks = [r.rank for r in active]
        assert ranks == sorted(ranks)  # non-decreasing along the list
        totals = [r.total for r in active]
        assert totals == sorted(totals, reverse=True)
        for i, r in enumerate(active):
            if i == 0:
                assert r.rank == 1
            elif r.total == active[i - 1].total:
                assert r.rank == active[i - 1].rank
            else:
                assert r.rank == i + 1
        manual = [c for c in crits if c.source != "dots"]
        for r in out:
            c = next(x for x in cands if x.id == r.id)
            assert r.missing == tuple(m.name for m in manual if c.scores.get(m.id) is None)
            assert r.dots == dots.get(r.id, 0)
        for size in (1, 3, 20):
            short = shortlist(out, size)
            assert short == active[:len(short)]
            assert len(short) >= min(size, len(active))
            if short and len(short) < len(active):
                assert active[len(short)].rank > short[-1].rank  # the cut never splits a tie


@pytest.mark.parametrize("seed", [3, 99])
def test_random_weights_scale_invariance(seed):
    """Multiplying every weight by the same factor never changes totals or ranks."""
    rng = random.Random(seed)
    for _ in range(40):
        cands, crits, scale, dots = _random_room(rng)
        factor = rng.randint(2, 9)
        scaled = [Criterion(c.id, c.name, c.weight * factor, c.source) for c in crits]
        first, second = rank(cands, crits, scale, dots), rank(cands, scaled, scale, dots)
        assert [(r.id, r.rank) for r in first] == [(r.id, r.rank) for r in second]
        assert [r.total for r in first] == pytest.approx([r.total for r in second], abs=0.011)


def test_negative_dots_given_directly_stay_within_0_to_100():
    out = by_id(rank([cand("p"), cand("q")], [Criterion("d", "Titik", 100, "dots")], dots={"p": 4, "q": -4}))
    assert out["p"].total == 100.0
    assert out["q"].total == 0.0 and out["q"].dots == 0
