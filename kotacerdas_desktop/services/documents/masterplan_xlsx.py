"""The masterplan as spreadsheets: the programme matrix, the roadmap and the quick wins.

Region-scoped: the masterplan records belong to the region, so the snapshot of any of its
bimtek holds them all (dot votes included). References are resolved to names here (OPD,
"Dimensi" and "Elemen", misi code and text, programme), choices to their labels; the
workbook itself is written by reports/masterplan_xlsx.py. A region with nothing yet gives
every sheet with its labels and one row "Belum ada data", never an error.
"""
from __future__ import annotations

from datetime import date
from typing import Mapping

from ...domain import wizard as wz
from ...domain.dates import format_date, month_name
from ...domain.quickwins import shortlist
from ...domain.worksheets import (FUNDING_SOURCES, HORIZONS, KINDS, PENTAHELIX, PROGRAMME_SOURCES,
                                  PROGRAMME_STATUSES)
from ...reports.masterplan_xlsx import Column, Sheet, write_workbook
from ..reports import paper_for

_LAST = 10 ** 6  # sorts records whose dimension or misi is unknown after the known ones
_SOURCES, _STATUSES, _HORIZONS = dict(PROGRAMME_SOURCES), dict(PROGRAMME_STATUSES), dict(HORIZONS)
_FUNDS = dict(FUNDING_SOURCES)
_NO_SOURCE = "Sumber dana belum dipilih"


class Masterplan:
    """The region's masterplan records with what it takes to name them."""

    def __init__(self, region: str, snap: wz.Snapshot, dimensions, opds: Mapping[str, str]) -> None:
        self.region, self.snap = region, snap
        self.opds = dict(opds)  # id -> name (archived OPDs too: an old programme keeps its name)
        self._elements = {el.id: (d, dim.name, e, el.name)  # dimensions in the framework's order
                          for d, dim in enumerate(dimensions) for e, el in enumerate(dim.elements)}
        codes = wz.outline_codes(snap.items)
        self._misi = {m.id: (n, codes.get(m.id, ""), str(m.data.get("text") or ""))
                      for n, m in enumerate(snap.of("misi"))}
        self._titles = {i.id: str(i.data.get(KINDS[i.kind].title_field) or "")
                        for i in snap.items if i.kind in KINDS and KINDS[i.kind].title_field}

    def element(self, element_id) -> tuple[int, str, int, str]:
        """(dimension index, dimension name, element index, element name)."""
        return self._elements.get(element_id or "", (_LAST, "", _LAST, ""))

    def misi(self, misi_id) -> str:
        found = self._misi.get(misi_id or "")
        if not found:
            return ""
        return f"{found[1]}. {found[2]}" if found[1] else found[2]

    def title(self, item_id) -> str:
        return self._titles.get(item_id or "", "")

    def opd(self, opd_id) -> str:
        return self.opds.get(opd_id or "", "")

    def order(self, programmes: list[wz.Item]) -> list[wz.Item]:
        """By dimension (framework order), then misi (outline order), then element, then as entered."""
        position = {p.id: n for n, p in enumerate(self.snap.of("program"))}

        def key(p: wz.Item):
            d, _, e, _ = self.element(p.data.get("element"))
            m = self._misi.get(p.data.get("misi") or "", (_LAST,))[0]
            return d, m, e, position.get(p.id, _LAST)
        return sorted(programmes, key=key)


def gather(services, region_id: str) -> Masterplan:
    detail = services.regions.detail(region_id)
    if detail.bimtek:
        snap = services.worksheets.snapshot(detail.bimtek[0].id)
    else:  # a region always has its four bimtek; an empty snapshot is the honest answer otherwise
        snap = wz.Snapshot(stage=0)
    opds = {o.id: o.name for o in services.directory.opds(region_id, include_archived=True)}
    return Masterplan(detail.display_name, snap, tuple(detail.dimensions), opds)


def _funds(entries: list[wz.Item]) -> str:
    used = {e.data.get("source") for e in entries if e.data.get("source")}
    return ", ".join(label for key, label in FUNDING_SOURCES if key in used)


def _budget(entries: list[wz.Item]) -> int | None:
    amounts = [e.data["budget"] for e in entries if isinstance(e.data.get("budget"), int)]
    return sum(amounts) if amounts else None


def _subtitle(mp: Masterplan, *parts: str) -> str:
    made = f"dibuat {format_date(date.today(), weekday=False)} dengan Kota Cerdas Desktop"
    return " · ".join([mp.region, *(p for p in parts if p), made])


def _roadmap_of(mp: Masterplan) -> dict[str, list[wz.Item]]:
    out: dict[str, list[wz.Item]] = {}
    for entry in mp.snap.of("roadmap"):
        out.setdefault(entry.data.get("program") or "", []).append(entry)
    return out


# --- matriks program ----------------------------------------------------------------------------

MATRIX_COLUMNS = [
    Column("No", "int"), Column("Dimensi"), Column("Elemen"), Column("Misi", "long", 40), Column("Sumber"),
    Column("Kode rujukan"), Column("Program", width=40), Column("Inovasi", "long", 40), Column("Uraian", "long"),
    Column("OPD pengampu", width=30), Column("Horizon"), Column("Tahun mulai", "year"),
    Column("Tahun selesai", "year"), Column("Status"), Column("Total anggaran peta jalan (Rp)", "money"),
    Column("Sumber dana", width=24),
]


def matrix_sheets(mp: Masterplan) -> list[Sheet]:
    innovations: dict[str, list[str]] = {}
    for i in mp.snap.of("innovation"):
        innovations.setdefault(i.data.get("program") or "", []).append(str(i.data.get("name") or ""))
    roadmap = _roadmap_of(mp)
    rows = []
    for n, p in enumerate(mp.order(mp.snap.of("program")), 1):
        d = p.data
        _, dim, _, element = mp.element(d.get("element"))
        entries = roadmap.get(p.id, [])
        rows.append([n, dim, element, mp.misi(d.get("misi")), _SOURCES.get(d.get("source"), ""),
                     d.get("ref_code") or "", d.get("name") or "", "; ".join(innovations.get(p.id, [])),
                     d.get("description") or "", mp.opd(d.get("opd")), _HORIZONS.get(d.get("horizon"), ""),
                     d.get("year_start"), d.get("year_end"), _STATUSES.get(d.get("status"), ""),
                     _budget(entries), _funds(entries)])
    return [Sheet("Matriks program", f"Matriks Program Smart City {mp.region}",
                  _subtitle(mp, f"{len(rows)} program"), MATRIX_COLUMNS, rows, freeze_columns=0)]


# --- peta jalan ---------------------------------------------------------------------------------

def _years(mp: Masterplan) -> tuple[list[int | None], list[str], str]:
    """The roadmap's year numbers (1..N, then None for entries without a year), their column
    labels (calendar years once the first year is set), and the span as words."""
    cfg = dict(mp.snap.one("roadmap_config"))
    start = cfg.get("start_year") if isinstance(cfg.get("start_year"), int) else None
    try:
        span = int(cfg.get("years") or 5)
    except (TypeError, ValueError):
        span = 5
    entries = mp.snap.of("roadmap")
    used = [e.data.get("year") for e in entries if isinstance(e.data.get("year"), int)]
    years: list[int | None] = list(range(1, max([span, *used]) + 1))
    if any(not isinstance(e.data.get("year"), int) for e in entries):
        years.append(None)
    labels = [("Tahun belum diisi" if y is None else str(start + y - 1) if start else f"Tahun {y}") for y in years]
    period = f"peta jalan {start}-{start + span - 1}" if start else f"peta jalan {span} tahun"
    return years, labels, period


def roadmap_sheets(mp: Masterplan) -> list[Sheet]:
    years, labels, period = _years(mp)
    roadmap = _roadmap_of(mp)
    programmes = mp.order(wz.roadmap_programmes(mp.snap))
    plan_rows, budget_rows = [], []
    per_year = [0] * len(years)
    per_source: dict[str, list[int]] = {}
    for n, p in enumerate(programmes, 1):
        d = p.data
        _, dim, _, element = mp.element(d.get("element"))
        entries = roadmap.get(p.id, [])
        in_year = [[e for e in entries if e.data.get("year") == y
                    or (y is None and not isinstance(e.data.get("year"), int))] for y in years]
        milestones = ["\n".join(str(e.data.get("milestone") or "") for e in group) for group in in_year]
        plan_rows.append([n, dim, element, d.get("name") or "", mp.opd(d.get("opd")),
                          _HORIZONS.get(d.get("horizon"), ""), *milestones, _funds(entries)])
        budgets = [_budget(group) for group in in_year]
        budget_rows.append([n, d.get("name") or "", mp.opd(d.get("opd")), _funds(entries), *budgets,
                            _budget(entries)])
        for i, group in enumerate(in_year):
            per_year[i] += budgets[i] or 0
            for e in group:
                if isinstance(e.data.get("budget"), int):
                    source = _FUNDS.get(e.data.get("source"), _NO_SOURCE)
                    per_source.setdefault(source, [0] * len(years))[i] += e.data["budget"]
    total = sum(per_year)
    plan = Sheet("Peta jalan", f"Peta Jalan Smart City {mp.region}",
                 _subtitle(mp, period, f"{len(plan_rows)} program"),
                 [Column("No", "int"), Column("Dimensi"), Column("Elemen"), Column("Program", width=36),
                  Column("OPD pengampu", width=28), Column("Horizon"),
                  *(Column(label, "long", 30) for label in labels), Column("Sumber dana", width=24)],
                 plan_rows, freeze_columns=4)
    budget = Sheet("Anggaran", f"Anggaran Peta Jalan Smart City {mp.region}",
                   _subtitle(mp, period, "perkiraan anggaran (Rp) per program per tahun"),
                   [Column("No", "int"), Column("Program", width=36), Column("OPD pengampu", width=28),
                    Column("Sumber dana", width=24), *(Column(label, "money") for label in labels),
                    Column("Jumlah", "money")],
                   budget_rows, totals=["", "Jumlah", "", "", *per_year, total] if budget_rows else None,
                   freeze_columns=2)
    order = [label for _, label in FUNDING_SOURCES] + [_NO_SOURCE]
    source_rows = [[source, *(amount or None for amount in per_source[source]), sum(per_source[source])]
                   for source in order if source in per_source]
    sources = Sheet("Sumber dana", f"Anggaran Peta Jalan per Sumber Dana {mp.region}",
                    _subtitle(mp, period, "perkiraan anggaran (Rp) per sumber dana per tahun"),
                    [Column("Sumber dana", width=26), *(Column(label, "money") for label in labels),
                     Column("Jumlah", "money")],
                    source_rows, totals=["Jumlah", *per_year, total] if source_rows else None, freeze_columns=1)
    return [plan, budget, sources]


# --- quick win ----------------------------------------------------------------------------------

def _end_month(start: str, months) -> str:
    if not start or not isinstance(months, int):
        return ""
    d = date.fromisoformat(start)
    month = d.month - 1 + months - 1
    return f"{month_name(month % 12 + 1)} {d.year + month // 12}"


def _criterion_label(c: wz.Item) -> str:
    """'Dampak langsung (bobot 20)'; a criterion scored by the dot vote shows the candidate's dots."""
    dots = "; jumlah titik" if c.data.get("source") == "dots" else ""
    return f"{c.data.get('name') or ''} (bobot {c.data.get('weight') or 0}{dots})"


def quick_win_sheets(mp: Masterplan) -> list[Sheet]:
    snap = mp.snap
    cfg = dict(snap.one("qw_config"))
    size = cfg.get("shortlist_size") if isinstance(cfg.get("shortlist_size"), int) else \
        KINDS["qw_config"].field("shortlist_size").default
    criteria = snap.of("qw_criterion")
    ranked = wz.ranking(snap)
    short = {x.id for x in shortlist(ranked, size)}
    items = {c.id: c for c in wz.candidates(snap)}
    rank_rows = []
    for x in ranked:
        scores = dict(items[x.id].data.get("scores") or {})
        per_criterion = [x.dots if c.data.get("source") == "dots" else scores.get(c.id) for c in criteria]
        rank_rows.append([x.rank, x.name, x.total, x.dots, _STATUSES.get(x.status, x.status),
                          "ya" if x.id in short else "", *per_criterion, ", ".join(x.missing)])
    lo = cfg.get("score_min") if isinstance(cfg.get("score_min"), int) else 1
    hi = cfg.get("score_max") if isinstance(cfg.get("score_max"), int) else 5
    ranking = Sheet(
        "Peringkat", f"Peringkat Kandidat Quick Win {mp.region}",
        _subtitle(mp, f"{len(rank_rows)} kandidat", f"skala skor {lo}-{hi}", f"daftar pendek {size}"),
        [Column("Peringkat", "int"), Column("Nama", width=30), Column("Nilai total (0-100)", "score"),
         Column("Titik", "int"), Column("Status"), Column("Daftar pendek"),
         *(Column(_criterion_label(c), "int", 14) for c in criteria), Column("Belum dinilai", "long", 30)],
        rank_rows, freeze_columns=2)
    fields = KINDS["quick_win"]
    label = {f.key: f.label for f in fields.fields}
    collaborators = dict(PENTAHELIX)
    final_rows = []
    for n, x in enumerate((x for x in ranked if x.status == "quick_win"), 1):
        d = items[x.id].data
        _, dim, _, element = mp.element(d.get("element"))
        start = d.get("start") or ""
        final_rows.append([
            n, d.get("name") or "", mp.title(d.get("program")), dim, element, mp.opd(d.get("opd")),
            d.get("problem") or "", d.get("solution") or "", d.get("benefits") or "", d.get("beneficiaries") or "",
            ", ".join(collaborators.get(k, k) for k in d.get("collaborators") or ()),
            date.fromisoformat(start) if start else None, d.get("months"), _end_month(start, d.get("months")),
            d.get("budget"), _FUNDS.get(d.get("source"), ""), d.get("indicator") or ""])
    final = Sheet(
        "Quick win final", f"Quick Win Final {mp.region}", _subtitle(mp, f"{len(final_rows)} quick win"),
        [Column("No", "int"), Column(label["name"], width=24), Column(label["program"], width=32),
         Column("Dimensi"), Column("Elemen"), Column(label["opd"], width=28), Column(label["problem"], "long"),
         Column(label["solution"], "long"), Column(label["benefits"], "long"),
         Column(label["beneficiaries"], "long", 30), Column(label["collaborators"], width=30),
         Column(label["start"], "date"), Column(label["months"], "int", 12), Column("Selesai"),
         Column(label["budget"], "money"), Column(label["source"]), Column(label["indicator"], "long", 36)],
        final_rows, freeze_columns=2)
    return [ranking, final]


BUILDERS = {"matriks-program": matrix_sheets, "peta-jalan": roadmap_sheets, "quick-win": quick_win_sheets}


def render(services, req, out, progress):
    """Write the workbook of `req.kind` for the region to `out`; returns the number of data rows."""
    progress.check()
    mp = gather(services, req.region_id)
    sheets = BUILDERS[req.kind](mp)
    return write_workbook(out, sheets, title=sheets[0].title, paper=paper_for(services, req), progress=progress)
