"""Buku I Analisis Strategis, Buku II Masterplan and the executive summary, as PDF or Word.

The masterplan lives in the region's worksheet records, visible from any bimtek's snapshot;
this module reads them (read-only: a commitment is only read when it already exists) with
the resolver of `bimtek_report`, so names, labels and money read the same as everywhere
else, and hands a plain `Source` to `reports/books_data.py`. Participants appear with name,
jabatan and OPD only: never a NIP or a phone number.
"""
from __future__ import annotations

from datetime import date

from ...domain import wizard as wz
from ...domain.bimtek import STAGES, STATUSES
from ...domain.dates import format_days
from ...domain.people import CATEGORIES
from ...domain.regions import role_title
from ...domain.readiness import merge_readiness
from ...domain.worksheets import INNOVATION_TYPES
from ...reports import books_content, books_data as bd
from ...reports.pdfbase import Progress
from ..bimtek_report import _Resolver, _records
from ..reports import ReportRequest, paper_for
from ..worksheets import WizardContext


def gather(services, region_id: str, progress: Progress | None = None) -> bd.Source:
    """Everything the books say about a region, as plain values."""
    progress = progress or Progress()
    detail = services.regions.detail(region_id)
    cards = services.bimtek.cards(region_id)
    if cards:  # region-scoped records are visible from any bimtek's snapshot
        card = max(cards, key=lambda c: c.stage)
        snap, ctx = services.worksheets.snapshot(card.id), services.worksheets.context(card.id)
    else:  # a region always has its four bimtek; nothing to read is the honest answer otherwise
        snap, ctx = wz.Snapshot(stage=0), WizardContext(region_id, "", 0, "", (), (), ())
    r = _Resolver(ctx, snap)
    opds = services.directory.opds(region_id, include_archived=True)
    r.opds.update({o.id: o.name for o in opds if o.id not in r.opds})  # an archived OPD keeps its name
    progress.check()
    people = services.directory.people(region_id)
    counts: dict[str, int] = {}
    for p in people:
        counts[p.category] = counts.get(p.category, 0) + 1
    src = bd.Source(
        region=detail.display_name, kind=detail.data.kind, province=detail.data.province,
        office=detail.data.office_name, address=detail.data.address, year=_year(cards, snap),
        logo=services.regions.logo(region_id), framework=detail.framework_name,
        dimensions=[(d.name, [e.name for e in d.elements]) for d in detail.dimensions],
        officials=[(role_title(o.role, detail.data.kind, detail.data.name), o.person_name) for o in detail.officials],
        opd_count=sum(1 for o in opds if not o.archived),
        categories=[(label, counts[key]) for key, label in CATEGORIES.items() if counts.get(key)],
        participants=[(p.full_name, p.jabatan, p.opd_name) for p in people])
    for c in cards:
        present = sum(services.worksheets.snapshot(c.id).present.values()) if c.days else 0
        src.bimtek.append({"stage": c.stage, "label": STAGES[c.stage][0], "title": STAGES[c.stage][1],
                           "dates": format_days(list(c.days)), "venue": c.venue, "present": present,
                           "status": STATUSES.get(c.status, c.status)})
    progress.check()
    _strategic(src, r, snap)
    _masterplan(src, r, snap)
    if snap.commitment[0]:  # only an existing commitment: reading must never create one
        src.commitment = _commitment(services.commitment.view(region_id))
    return src


def _year(cards, snap: wz.Snapshot) -> int:
    days = [d for c in cards for d in c.days]
    if days:
        return max(days).year
    start = snap.one("roadmap_config").get("start_year")
    return start - 1 if isinstance(start, int) else date.today().year


def _strategic(src: bd.Source, r: _Resolver, snap: wz.Snapshot) -> None:
    """Buku I: readiness, issues, vision, missions and the goal tree."""
    scale = snap.config.scale
    src.scale = {"enabled": scale.enabled, "minimum": scale.minimum, "maximum": scale.maximum,
                 "labels": "; ".join(f"{scale.minimum + i} = {x}" for i, x in enumerate(scale.labels))}
    elements: dict[str, list[dict]] = {}
    for row in _records("kesiapan", r, snap)["elements"]:
        element, _, sub = row["label"].partition(" › ")
        record, auto = row["merged"], False
        if record is None and row["groups"]:  # no merged record yet: merge the groups' records on the fly
            record = merge_readiness([dict(g) for g in row["groups"]]) or None
            if record is not None:
                record["score_label"] = scale.label(record.get("score")) if scale.enabled else ""
            auto = record is not None
        if record is not None and not scale.enabled:
            record = {**record, "score": None, "score_label": ""}
        elements.setdefault(element, []).append({"label": sub or element, "record": record, "auto": auto})
    src.readiness = [{"element": e, "subs": subs} for e, subs in elements.items()]
    src.issues = _records("isu", r, snap)["issues"]
    visi = _records("visi", r, snap)
    src.vision = visi["visi"]
    src.keywords = [(k["word"], k["count"]) for k in visi["keywords"]]
    codes = wz.outline_codes(snap.items)
    src.misi = [(codes.get(m.id, ""), str(m.data.get("text") or "")) for m in snap.of("misi")]
    for m in snap.of("misi"):
        src.goals.append({"level": "misi", "code": codes.get(m.id, ""), "text": str(m.data.get("text") or "")})
        for t in r.children("tujuan", "misi", m.id):
            src.goals.append({"level": "tujuan", "code": codes.get(t.id, ""), "text": str(t.data.get("text") or "")})
            for s in r.children("sasaran", "tujuan", t.id):
                src.goals.append({"level": "sasaran", "code": codes.get(s.id, ""),
                                  "text": str(s.data.get("text") or "")})
                for i in r.children("indikator", "sasaran", s.id):
                    src.goals.append({"level": "indikator", "code": codes.get(i.id, ""), **r.record(i),
                                      "text": str(i.data.get("name") or "")})


def _masterplan(src: bd.Source, r: _Resolver, snap: wz.Snapshot) -> None:
    """Buku II: strategies, programmes with their innovations, actions, roadmap, quick wins."""
    codes = wz.outline_codes(snap.items)
    dim_of = snap.element_dimension()
    dim_names = {did: name for did, name, _ in snap.dimensions}
    element_names = {eid: name for _, _, els in r.ctx.dimensions for eid, name in els}
    element_order = {eid: n for n, eid in enumerate(element_names)}
    types = dict(INNOVATION_TYPES)
    innovations: dict[str, list[str]] = {}
    for i in snap.of("innovation"):
        label = str(i.data.get("name") or "") + (f" ({types[i.data['type']]})" if i.data.get("type") in types else "")
        innovations.setdefault(i.data.get("program"), []).append(label)
    misi_order = {m.id: n for n, m in enumerate(snap.of("misi"))}
    ordered = sorted(snap.of("program"), key=lambda p: (element_order.get(p.data.get("element"), 10 ** 6),
                                                        misi_order.get(p.data.get("misi"), 10 ** 6)))
    for p in ordered:  # by element in the framework's order, then by misi, then as entered
        rec = r.record(p)
        element = p.data.get("element")
        src.programmes.append({**rec, "dimension": dim_names.get(dim_of.get(element), ""),
                               "element": element_names.get(element, ""),
                               "misi_code": codes.get(p.data.get("misi"), ""),
                               "innovations": innovations.get(p.id, [])})
    for group in _records("strategi", r, snap)["by_dimension"]:
        src.strategies.append({"dimension": group.get("dimension", ""), "strategies": [
            {**x, "element": x["element"].split(" › ")[-1] if x["element"] else ""} for x in group["strategies"]]})
    src.actions = [{"programme": p["name"], "opd": p["opd"], "actions": p["actions"]}
                   for p in _records("rencana_aksi", r, snap)["programs"]]
    src.roadmap = _records("peta_jalan", r, snap)
    ranking = _records("kandidat_qw", r, snap)
    src.ranking, src.criteria = ranking["ranking"], ranking["criteria"]
    src.quick_wins = _records("quick_win_final", r, snap)["quick_wins"]
    for q in src.quick_wins:
        item = r.items.get(q["id"])
        q["dimension"] = dim_names.get(dim_of.get(item.data.get("element")), "") if item else ""


def _commitment(view) -> dict:
    rows = []
    for s in view.signatories:
        status = ("Sudah" if s.signed_current else
                  f"Versi {s.signed_version} (teks sudah berubah)" if s.signed_version else "Belum")
        rows.append({"name": s.name, "title": s.role_title, "signed": s.signed_current, "status": status})
    return {"version": view.version, "text": view.text, "code": view.code, "signed": view.signed,
            "total": len(view.signatories), "signatories": rows}


def render(services, req: ReportRequest, out, progress: Progress):
    """Write the book `req.kind` ("buku-1", "buku-2", "ringkasan-eksekutif") as PDF or DOCX to `out`."""
    progress.step(0, 1)
    book = books_content.build(req.kind, gather(services, req.region_id, progress))
    if req.fmt == "docx":
        from ...reports.books_docx import write_docx

        return write_docx(out, book, paper_for(services, req), progress)
    from ...reports.books_pdf import write_pdf

    return write_pdf(out, book, paper_for(services, req), progress)
