"""Quick-win scoring: a weighted matrix over editable criteria, dot voting as one criterion.

The weighted matrix is a reconstruction (DOMAIN.md §5), so everything is editable and
the ranking copes with what happens in a real room: weights that do not add up to 100,
scores still missing, a scale or the criteria changed after scoring, ties.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

# DOMAIN.md §5, the criteria mentors use; weights sum to 100 and stay editable.
DEFAULT_CRITERIA: tuple[tuple[str, int, str, str], ...] = (
    ("Selesai dalam satu tahun", 20, "manual", "dapat direalisasikan dalam 6-12 bulan"),
    ("Dampak langsung bagi masyarakat", 20, "manual", "warga merasakan manfaatnya secara langsung"),
    ("Mempertajam layanan yang sudah ada", 15, "manual", "bukan membangun infrastruktur baru"),
    ("Inovatif (tidak harus TI)", 15, "manual", "kebaruan cara, kebijakan atau layanan"),
    ("Cakupan dimensi", 10, "manual", "mewakili dimensi yang belum punya quick win"),
    ("Ada OPD pemilik dan sudah di masterplan", 10, "manual", "OPD pengampu per tahun jelas"),
    ("Siap dipresentasikan", 10, "manual", "rencana, visual dan perkiraan dampak tersedia"),
)
DOTS_CRITERION = ("Voting titik peserta", 0, "dots", "jumlah titik dari semua kelompok")


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    weight: int
    source: str = "manual"  # manual | dots


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    scores: Mapping[str, int]
    status: str = "usulan"


@dataclass(frozen=True)
class Ranked:
    id: str
    name: str
    total: float  # 0-100
    rank: int | None  # 1-based; ties share a rank; None for rejected candidates
    missing: tuple[str, ...]  # criteria not yet scored
    dots: int
    status: str


def weight_shares(criteria: Iterable[Criterion]) -> dict[str, float]:
    """Each criterion's share of the total; weights that do not add up to 100 are
    normalised, and all-zero weights count equally."""
    criteria = list(criteria)
    total = sum(max(c.weight, 0) for c in criteria)
    if not criteria:
        return {}
    if total <= 0:
        return {c.id: 1 / len(criteria) for c in criteria}
    return {c.id: max(c.weight, 0) / total for c in criteria}


def rank(candidates: Iterable[Candidate], criteria: Iterable[Criterion], scale: tuple[int, int] = (1, 5),
         dots: Mapping[str, int] | None = None) -> list[Ranked]:
    """Candidates by weighted score, best first. A missing score counts as the lowest
    (and is listed); scores outside a changed scale are clamped; scores for criteria
    that no longer exist are ignored; equal totals share a rank (then by name)."""
    criteria = list(criteria)
    dots = {key: max(int(n or 0), 0) for key, n in (dots or {}).items()}
    lo, hi = scale
    if hi <= lo:
        lo, hi = 1, 5
    shares = weight_shares(criteria)
    most_dots = max(dots.values(), default=0)
    out = []
    for cand in candidates:
        total, missing = 0.0, []
        for c in criteria:
            if c.source == "dots":
                part = dots.get(cand.id, 0) / most_dots if most_dots > 0 else 0.0
            else:
                score = cand.scores.get(c.id)
                if score is None:
                    missing.append(c.name)
                    part = 0.0
                else:
                    part = (min(max(score, lo), hi) - lo) / (hi - lo)
            total += shares[c.id] * part
        out.append(Ranked(cand.id, cand.name, round(total * 100, 2), None, tuple(missing),
                          dots.get(cand.id, 0), cand.status))
    active = sorted((r for r in out if r.status != "ditolak"), key=lambda r: (-r.total, r.name.casefold(), r.id))
    ranked: list[Ranked] = []
    for i, r in enumerate(active):
        position = ranked[-1].rank if ranked and ranked[-1].total == r.total else i + 1
        ranked.append(Ranked(r.id, r.name, r.total, position, r.missing, r.dots, r.status))
    rejected = sorted((r for r in out if r.status == "ditolak"), key=lambda r: r.name.casefold())
    return ranked + rejected


def shortlist(ranked: list[Ranked], size: int) -> list[Ranked]:
    """The first `size` ranks (a tie at the cut keeps every tied candidate)."""
    active = [r for r in ranked if r.rank is not None]
    if size <= 0 or not active:
        return []
    if len(active) <= size:
        return active
    cut = active[size - 1].rank
    return [r for r in active if r.rank <= cut]


def dot_totals(votes: Iterable[tuple[str, str, int]]) -> dict[str, int]:
    """(candidate, group, dots) rows -> dots per candidate; the last row per (candidate, group) counts."""
    per_pair: dict[tuple[str, str], int] = {}
    for candidate, group, n in votes:
        per_pair[(candidate, group)] = max(int(n or 0), 0)
    totals: dict[str, int] = {}
    for (candidate, _group), n in per_pair.items():
        totals[candidate] = totals.get(candidate, 0) + n
    return totals
