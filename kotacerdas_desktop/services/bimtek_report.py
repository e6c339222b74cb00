"""One bimtek at a glance: its steps, what each check says, and the outputs captured.

`bimtek_report` reads through the services (read-only) and returns plain data:
references are resolved to names (OPD, person, misi text, "Dimensi › Elemen"), choice
fields keep their code and gain a `<field>_label`. `assemble` and `render_text` are pure,
so the CLI prints the text or the JSON and document renderers can use the same data.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Mapping

from ..domain import wizard as wz
from ..domain.bimtek import STAGE_OUTPUT, STAGES, STATUSES
from ..domain.dates import format_date, format_days, month_name
from ..domain.quickwins import Criterion, shortlist, weight_shares
from ..domain.worksheets import BOOK_CHAPTERS, KINDS, ROADMAP_YEARS, format_money, is_blank
from .errors import NotFound
from .regions import BimtekCard, RegionService
from .worksheets import WizardContext, WorksheetService

if TYPE_CHECKING:
    from .commitment import CommitmentService

STATE_LABELS = {"done": "lengkap", "partial": "sebagian", "empty": "belum"}


def bimtek_report(regions: RegionService, worksheets: WorksheetService, region_id: str, stage: int,
                  commitment: "CommitmentService | None" = None) -> dict:
    """`commitment`: the CommitmentService that names who still has to sign (by default one over the
    worksheets' store); it is read only when the commitment already exists, so reading never creates it."""
    detail = regions.detail(region_id)
    card = next((c for c in detail.bimtek if c.stage == stage), None)
    if card is None:
        raise NotFound(f"Bimtek tahap {stage} tidak ada di {detail.display_name}.")
    snap = worksheets.snapshot(card.id)
    signatories: tuple[tuple[str, str, bool], ...] = ()
    if any(s.key == "penandatanganan" for s in wz.steps_for(stage)) and snap.commitment[0]:
        from .commitment import CommitmentService

        view = (commitment or CommitmentService(worksheets.store)).view(region_id)
        signatories = tuple((x.name, x.role_title, x.signed_current) for x in view.signatories)
    return assemble(detail.display_name, card, worksheets.context(card.id), snap, signatories)


class _Resolver:
    """Turns stored records into plain dicts with names in place of ids."""

    def __init__(self, ctx: WizardContext, snap: wz.Snapshot) -> None:
        self.ctx, self.snap = ctx, snap
        self.items = {i.id: i for i in snap.items}
        self.opds = dict(ctx.opds)
        self.people = dict(ctx.people)
        self.dimensions = {did: name for did, name, _ in ctx.dimensions}
        self.criteria = {c.id: str(c.data.get("name") or "") for c in snap.of("qw_criterion")}

    def title(self, item_id: str) -> str:
        item = self.items.get(item_id)
        if item is None:
            return ""
        return str(item.data.get(KINDS[item.kind].title_field, "")) if KINDS[item.kind].title_field else ""

    def record(self, item: wz.Item) -> dict:
        out: dict = {"id": item.id}
        for f in KINDS[item.kind].fields:
            value = item.data.get(f.key, f.default)
            if f.type == "ref":
                value = self.title(value) if value else ""
            elif f.type == "opd":
                value = self.opds.get(value, "") if value else ""
            elif f.type == "element":
                value = self.ctx.element_label(value) if value else ""
            elif f.type == "people":
                value = [self.people.get(p, p) for p in value or ()]
            elif f.type == "dimension":
                value = self.dimensions.get(value, "") if value else ""
            elif f.type == "money":
                out[f"{f.key}_label"] = format_money(value)
            elif f.type == "multi":
                out[f"{f.key}_labels"] = [dict(f.choices).get(v, v) for v in value or ()]
            elif f.type == "scores":  # by criterion name, in the criteria's order; scores of removed criteria dropped
                value = [{"criterion": name, "score": (value or {}).get(cid)} for cid, name in self.criteria.items()
                         if (value or {}).get(cid) is not None]
            elif f.type == "choice":
                out[f"{f.key}_label"] = dict(f.choices).get(value, value or "")
            out[f.key] = "" if value is None and f.type not in ("int", "year") else value
        if item.kind == "readiness":
            out["score_label"] = self.snap.config.scale.label(item.data.get("score"))
        return out

    def of(self, kind: str, **match) -> list[dict]:
        return [self.record(i) for i in self.snap.of(kind) if all(i.data.get(k) in v for k, v in match.items())]

    def children(self, kind: str, ref: str, parent_id: str) -> list[wz.Item]:
        return [i for i in self.snap.of(kind) if i.data.get(ref) == parent_id]


def _by_misi(r: _Resolver, programmes: list[wz.Item]) -> list[dict]:
    misi_ids = [m.id for m in r.snap.of("misi")]
    groups = [{"misi": r.title(m), "programs": [r.record(p) for p in programmes if p.data.get("misi") == m]}
              for m in misi_ids]
    orphans = [r.record(p) for p in programmes if p.data.get("misi") not in misi_ids]
    return [g for g in groups if g["programs"]] + ([{"misi": "", "programs": orphans}] if orphans else [])


def _roadmap(r: _Resolver, snap: wz.Snapshot) -> dict:
    cfg = dict(snap.one("roadmap_config"))
    start = cfg.get("start_year") if isinstance(cfg.get("start_year"), int) else None
    span = int(cfg.get("years") or 5)
    calendar = (lambda year: start + year - 1) if start else (lambda year: None)
    per_year: dict[int, int] = {}
    programs = []
    for p in wz.roadmap_programmes(snap):
        entries = sorted((r.record(e) for e in r.children("roadmap", "program", p.id)),
                         key=lambda e: (e["year"] or 0, e["milestone"]))
        for e in entries:
            e["calendar_year"] = calendar(e["year"]) if e["year"] else None
            per_year[e["year"] or 0] = per_year.get(e["year"] or 0, 0) + (e["budget"] or 0)
        total = sum(e["budget"] or 0 for e in entries)
        programs.append({**r.record(p), "entries": entries, "total_budget": total,
                         "total_budget_label": format_money(total)})
    years = sorted(per_year)
    return {"start_year": start, "years": span, "years_label": dict(ROADMAP_YEARS).get(str(span), f"{span} tahun"),
            "programs": programs,
            "per_year": [{"year": y, "calendar_year": calendar(y) if y else None, "budget": per_year[y],
                          "budget_label": format_money(per_year[y])} for y in years],
            "total_budget": sum(per_year.values()), "total_budget_label": format_money(sum(per_year.values()))}


def _qw_setup(r: _Resolver, snap: wz.Snapshot) -> tuple[dict, list[dict]]:
    """The scoring set-up and the live ranking (every candidate, best first, rejected last)."""
    cfg = dict(snap.one("qw_config"))
    kind = KINDS["qw_config"]
    lo, hi, size = (cfg.get(k) if isinstance(cfg.get(k), int) else kind.field(k).default
                    for k in ("score_min", "score_max", "shortlist_size"))
    crits = snap.of("qw_criterion")
    ranked = wz.ranking(snap)
    shares = weight_shares(Criterion(c.id, "", int(c.data.get("weight") or 0)) for c in crits)
    criteria = [{**r.record(c), "share": round(shares.get(c.id, 0) * 100, 1)} for c in crits]
    short = {x.id for x in shortlist(ranked, size)}
    items = {c.id: c for c in wz.candidates(snap)}
    rows = [{**r.record(items[x.id]), "rank": x.rank, "total": x.total, "dots": x.dots,
             "missing": list(x.missing), "shortlisted": x.id in short} for x in ranked]
    return {"scale": f"{lo}-{hi}", "shortlist_size": size, "criteria": criteria}, rows


def _votes(r: _Resolver, snap: wz.Snapshot) -> dict:
    per_group: dict[str, dict[str, int]] = {}
    for v in snap.of("dot_vote"):  # the last row per (candidate, group) counts, as in the ranking
        per_group.setdefault(v.data.get("group") or "", {})[v.data.get("candidate") or ""] = max(
            int(v.data.get("dots") or 0), 0)
    groups = []
    for g in [g.id for g in snap.of("fgd_group")] + [g for g in per_group if g not in r.items]:
        votes = [{"candidate": r.title(c) or "(kandidat dihapus)", "dots": n}
                 for c, n in sorted(per_group.get(g, {}).items(), key=lambda cn: -cn[1]) if n]
        groups.append({"group": r.title(g) or "(tanpa kelompok)", "total": sum(v["dots"] for v in votes),
                       "votes": votes})
    return {"groups": groups}


def _final_sheet(row: dict) -> dict:
    start = row.get("start")
    months = row.get("months")
    end = ""
    if start and isinstance(months, int):
        d = date.fromisoformat(start)
        month = d.month - 1 + months - 1
        end = f"{month_name(month % 12 + 1)} {d.year + month // 12}"
    missing = [KINDS["quick_win"].field(k).label for k in wz.QUICK_WIN_SHEET if is_blank(row.get(k))]
    return {**row, "start_label": _day(start), "end_label": end, "missing_fields": missing}


def _later_records(step: str, r: _Resolver, snap: wz.Snapshot, signatories=()) -> dict:
    """The records of the steps of Tahap III and IV."""
    if step == "strategi":
        dims = [(did, name) for did, name, _ in snap.dimensions]
        known = {did for did, _ in dims}
        groups = [{"dimension": name, "strategies": r.of("strategy", dimension=(did,))} for did, name in dims]
        orphans = [r.record(i) for i in snap.of("strategy") if i.data.get("dimension") not in known]
        codes = wz.outline_codes(snap.items)
        for g in groups + [{"strategies": orphans}]:
            for x in g["strategies"]:
                x["misi_code"] = codes.get(r.items[x["id"]].data.get("misi"), "")
        return {"by_dimension": groups + ([{"dimension": "", "strategies": orphans}] if orphans else [])}
    if step == "inovasi":
        statuses: dict[str, int] = {}
        for p in snap.of("program"):
            label = dict(KINDS["program"].field("status").choices).get(p.data.get("status"), "tanpa status")
            statuses[label] = statuses.get(label, 0) + 1
        return {"innovations": r.of("innovation"),
                "program_status": [{"status": k, "count": n} for k, n in statuses.items()]}
    if step == "peta_jalan":
        return _roadmap(r, snap)
    if step == "kandidat_qw":
        setup, rows = _qw_setup(r, snap)
        return {**setup, "ranking": rows, "shortlist": [x["name"] for x in rows if x["shortlisted"]]}
    if step == "voting":
        return _votes(r, snap)
    if step == "reviu_buku":
        done = {i.data.get("chapter"): i for i in snap.of("chapter_review")}
        rows = []
        for key, label in BOOK_CHAPTERS:
            rec = r.record(done[key]) if key in done else {"status": "belum", "status_label": "Belum direviu",
                                                            "reviewer": "", "comments": ""}
            rows.append({**rec, "chapter": key, "chapter_label": label})
        return {"chapters": rows}
    if step == "quick_win_final":
        _setup, rows = _qw_setup(r, snap)
        return {"quick_wins": [_final_sheet(x) for x in rows if x["status"] == "quick_win"],
                "shortlisted": [x["name"] for x in rows if x["status"] == "terpilih"]}
    if step == "teks_komitmen":
        version = snap.commitment[0]
        agreement = dict(snap.one("commitment_agreement"))
        agreed = agreement.get("agreed_version")
        return {"current_version": version or None, "agreed_version": agreed,
                "agreed": bool(version) and agreed == version, "note": agreement.get("note") or ""}
    if step == "penandatanganan":
        version, signed, total = snap.commitment
        return {"version": version or None, "signed": signed, "total": total,
                "unsigned": [{"name": name, "title": title} for name, title, done in signatories if not done]}
    return {}


def _records(step: str, r: _Resolver, snap: wz.Snapshot, signatories=()) -> dict:
    if step == "persiapan":
        days = sorted(set(snap.days) | {date.fromisoformat(i.data["day"]) for i in snap.of("agenda")
                                         if i.data.get("day")})
        agenda = [{"day": d.isoformat(), "day_label": format_date(d),
                   "items": sorted(r.of("agenda", day=(d.isoformat(),)), key=lambda a: a["start"])}
                  for d in days]
        groups = r.of("fgd_group")
        for g in groups:
            g["member_count"] = len(g["members"])
        undated = r.of("agenda", day=("", None))
        return {"agenda": [a for a in agenda if a["items"]] + ([{"day": "", "day_label": "tanpa hari",
                                                                 "items": undated}] if undated else []),
                "mentors": r.of("mentor"), "fgd_groups": groups}
    if step == "registrasi":
        return {"attendance": [{"day": d.isoformat(), "day_label": format_date(d), "present": snap.present.get(d, 0)}
                               for d in snap.days], "total": sum(snap.present.values())}
    if step == "kesiapan":
        scale = snap.config.scale
        rows = []
        for key, label in snap.config.elements:
            merged = [i for i in snap.of("readiness") if i.data.get("element") == key and not i.data.get("group")]
            groups = [r.record(i) for i in snap.of("readiness") if i.data.get("element") == key and i.data.get("group")]
            rows.append({"element": key, "label": label, "merged": r.record(merged[0]) if merged else None,
                         "group_rows": len(groups), "groups": groups})
        return {"score_scale": f"{scale.minimum}-{scale.maximum}" if scale.enabled else "", "elements": rows}
    if step == "isu":
        return {"issues": r.of("strategic_issue")}
    if step == "visi":
        visi = snap.of("visi")
        return {"keywords": [{"word": w, "count": n} for w, n in wz.vision_keywords(snap)],
                "visi": r.record(visi[0]) if visi else None}
    if step == "misi":
        return {"misi": r.of("misi")}
    if step == "tujuan":
        return {"tree": [{"misi": r.title(m.id), "tujuan": [
            {**r.record(t), "sasaran": [{**r.record(s), "indikator": [r.record(i) for i in
                                                                        r.children("indikator", "sasaran", s.id)]}
                                        for s in r.children("sasaran", "tujuan", t.id)]}
            for t in r.children("tujuan", "misi", m.id)]} for m in snap.of("misi")]}
    if step == "program_eksisting":
        return {"by_misi": _by_misi(r, wz.programmes(snap, ("rpjmd", "renstra")))}
    if step == "program_baru":
        return {"by_misi": _by_misi(r, wz.programmes(snap, ("baru",)))}
    if step == "rencana_aksi":
        return {"programs": [{**r.record(p), "actions": [r.record(a) for a in r.children("action", "program", p.id)]}
                             for p in wz.programmes(snap, ("baru",))]}
    if step == "penutup":
        notulen, ba = snap.of("notulen"), snap.of("berita_acara")
        return {"notulen": r.record(notulen[0]) if notulen else None, "followups": r.of("followup"),
                "berita_acara": r.record(ba[0]) if ba else None, "signatories": r.of("ba_signatory")}
    return _later_records(step, r, snap, signatories)


def assemble(region_name: str, card: BimtekCard, ctx: WizardContext, snap: wz.Snapshot,
             signatories: tuple[tuple[str, str, bool], ...] = ()) -> dict:
    """The report of one bimtek as plain, JSON-ready data. signatories: (name, title, signed the
    current text) of the commitment, for the signing step (names only: never NIP or phone)."""
    r = _Resolver(ctx, snap)
    label, title, _ = STAGES[card.stage]
    steps, missing = [], []
    for step in wz.steps_for(card.stage):
        results = wz.checks(step, snap)
        steps.append({"key": step.key, "title": step.title, "produces": step.produces,
                      "state": wz.step_state(step, snap),
                      "checks": [{"label": c.label, "done": c.done, "detail": c.detail} for c in results],
                      "records": _records(step.key, r, snap, signatories)})
        missing += [{"step": step.title, "label": c.label, "detail": c.detail} for c in results if not c.done]
    total = sum(len(s["checks"]) for s in steps)
    return {"region": region_name, "bimtek_id": card.id, "stage": card.stage, "stage_label": label,
            "title": title, "output": STAGE_OUTPUT[card.stage], "status": card.status,
            "status_label": STATUSES.get(card.status, card.status), "venue": card.venue,
            "days": [d.isoformat() for d in card.days], "dates": format_days(list(card.days)),
            "progress": {"passed": total - len(missing), "total": total}, "steps": steps, "missing": missing}


# --- text ------------------------------------------------------------------------------------------

def _time(value: str) -> str:
    return value.replace(":", ".")


def _day(value: str) -> str:
    return format_date(date.fromisoformat(value), weekday=False) if value else ""


def _block(label: str, text: str, indent: str) -> list[str]:
    """'Label: first line' with the following lines aligned under the first."""
    lines = str(text or "-").split("\n")
    head = f"{indent}{label}: "
    return [head + lines[0]] + [" " * len(head) + line for line in lines[1:]]


def _program_line(p: Mapping) -> str:
    code = f"[{p['ref_code']}] " if p.get("ref_code") else ""
    years = (f", {p['year_start']}-{p['year_end']}" if p.get("year_start") and p.get("year_end") else
             f", {p['year_start'] or p['year_end']}" if p.get("year_start") or p.get("year_end") else "")
    horizon = f", {p['horizon_label'].lower()}" if p.get("source") == "baru" and p.get("horizon") else ""
    where = p["element"] or "elemen belum dipilih"
    return f"{code}{p['name']} — {p['opd'] or 'OPD belum dipilih'}; {where}{years}{horizon}"


def _render_records(key: str, rec: Mapping, out: list[str]) -> None:
    i1, i2, i3 = "   ", "     ", "       "
    if key == "persiapan":
        for day in rec["agenda"]:
            out.append(f"{i1}Agenda {day['day_label']}:")
            for a in day["items"]:
                when = _time(a["start"]) + (f"-{_time(a['end'])}" if a["end"] else "")
                out.append(f"{i2}{when:<12} {a['title']}" + (f" — {a['speaker']}" if a["speaker"] else ""))
        if rec["mentors"]:
            out.append(f"{i1}Mentor dan narasumber:")
            out += [f"{i2}- {m['name']} — {m['role_label']}" + (f", {m['institution']}" if m["institution"] else "")
                    + (f" ({m['topic']})" if m["topic"] else "") for m in rec["mentors"]]
        if rec["fgd_groups"]:
            out.append(f"{i1}Kelompok FGD:")
            out += [f"{i2}- {g['name']}: {g['member_count']} anggota" + (f"; pemandu {g['lead']}" if g["lead"] else "")
                    + (f"; fokus {g['focus']}" if g["focus"] else "") for g in rec["fgd_groups"]]
    elif key == "registrasi":
        out += [f"{i1}Hadir {d['day_label']}: {d['present']} orang" for d in rec["attendance"]]
    elif key == "kesiapan":
        scale = f" (skor {rec['score_scale']}, tidak resmi)" if rec["score_scale"] else ""
        out.append(f"{i1}Matriks kesiapan gabungan{scale}:")
        for row in rec["elements"]:
            m = row["merged"]
            score = f"; skor {m['score_label']}" if m and m.get("score_label") else ""
            out.append(f"{i2}{row['label']}: {row['group_rows']} masukan kelompok{score}"
                       + ("" if m else "; hasil gabungan belum ada"))
            if m:
                for field, label in (("kondisi", "Kondisi"), ("kekuatan", "Kekuatan"), ("kelemahan", "Kelemahan"),
                                     ("peluang", "Peluang"), ("ancaman", "Ancaman"), ("gap", "Kesenjangan"),
                                     ("keywords", "Kata kunci")):
                    out += _block(f"{label:<11}", m[field], i3)
    elif key == "isu":
        for n, x in enumerate(rec["issues"], 1):
            where = "; ".join(v for v in (x["element_label"], x["dimension"]) if v)
            out.append(f"{i1}{n}. {x['title']} [prioritas {x['priority_label'].lower() or '-'}]"
                       + (f" — {where}" if where else ""))
            if x["description"]:
                out += _block("Uraian", x["description"], i2)
    elif key == "visi":
        words = ", ".join(f"{k['word']} ({k['count']})" for k in rec["keywords"])
        out.append(f"{i1}Kata kunci visi: {words or '-'}")
        v = rec["visi"]
        if v:
            out += _block(f"Visi ({v['status_label'].lower()})", v["text"], i1)
            if v["explanation"]:
                out += _block("Penjelasan", v["explanation"], i1)
    elif key == "misi":
        out += [f"{i1}{n}. {m['text']}" for n, m in enumerate(rec["misi"], 1)]
    elif key == "tujuan":
        for n, m in enumerate(rec["tree"], 1):
            out.append(f"{i1}Misi {n}: {m['misi']}")
            for t in m["tujuan"]:
                out.append(f"{i2}Tujuan: {t['text']}")
                for s in t["sasaran"]:
                    out.append(f"{i3}Sasaran: {s['text']}")
                    out += [f"{i3}  Indikator: {x['name']} — {x['baseline'] or '?'} → {x['target'] or '?'}"
                            f" {x['unit']} ({x['year'] or 'tahun ?'})" for x in s["indikator"]]
    elif key in ("program_eksisting", "program_baru"):
        for g in rec["by_misi"]:
            out.append(f"{i1}Misi: {g['misi'] or '(tanpa misi)'}")
            for p in g["programs"]:
                out.append(f"{i2}- {_program_line(p)}")
                if p["source"] == "baru" and p["description"]:
                    out += _block("  Uraian", p["description"], i2)
    elif key == "rencana_aksi":
        for p in rec["programs"]:
            out.append(f"{i1}{p['name']} ({p['opd'] or 'OPD belum dipilih'}):")
            out += [f"{i2}- {a['year'] or '?'}: {a['activity']} — {a['opd'] or 'pelaksana belum dipilih'}"
                    + (f"; keluaran: {a['output']}" if a["output"] else "")
                    + (f"; indikator: {a['indicator']}" if a["indicator"] else "") for a in p["actions"]]
            if not p["actions"]:
                out.append(f"{i2}(belum ada rencana aksi)")
    elif key == "penutup":
        n = rec["notulen"]
        if n:
            when = f" ({_time(n['start'])}-{_time(n['end'])})" if n["start"] and n["end"] else ""
            out.append(f"{i1}Notulen{when}: pimpinan {n['chair'] or '-'}, notulis {n['minute_taker'] or '-'}")
            for field, label in (("contributions", "Masukan"), ("qa", "Tanya jawab"), ("conclusions", "Kesimpulan"),
                                 ("next_meeting", "Berikutnya")):
                if n[field]:
                    out += _block(f"{label:<11}", n[field], i2)
        if rec["followups"]:
            out.append(f"{i1}Tindak lanjut:")
            out += [f"{i2}- {f['action']} — {f['owner'] or '-'}" + (f", tenggat {_day(f['due'])}" if f["due"] else "")
                    + f" [{f['status_label'].lower()}]" for f in rec["followups"]]
        ba = rec["berita_acara"]
        if ba:
            out.append(f"{i1}Berita acara nomor {ba['number'] or '-'}:")
            for field, label in (("proceedings", "Jalannya"), ("decisions", "Keputusan")):
                if ba[field]:
                    out += _block(f"{label:<9}", ba[field], i2)
        if rec["signatories"]:
            out.append(f"{i1}Penanda tangan berita acara:")
            out += [f"{i2}- {s['name']}" + (f", {s['jabatan']}" if s["jabatan"] else "") + f" ({s['role_label']})"
                    for s in rec["signatories"]]


def _number(value: float, digits: int = 2, trim: bool = False) -> str:
    """95.5 -> '95,50'; with trim: 20.0 -> '20', 9.1 -> '9,1'."""
    text = f"{value:.{digits}f}".replace(".", ",")
    return text.rstrip("0").rstrip(",") if trim else text


def _render_stage_three(key: str, rec: Mapping, out: list[str]) -> None:
    i1, i2, i3 = "   ", "     ", "       "
    if key == "strategi":
        for g in rec["by_dimension"]:
            out.append(f"{i1}{g['dimension'] or '(tanpa dimensi)'}:" + ("" if g["strategies"] else " (belum ada)"))
            for x in g["strategies"]:
                element = x["element"].split(" › ")[-1] if x["element"] else "seluruh dimensi"
                misi = x["misi_code"] or ("" if x["misi"] else "misi belum dipilih")
                out += _block(f"- [{' · '.join(v for v in (element, misi) if v)}]", x["text"], i2)
    elif key == "inovasi":
        out.append(f"{i1}Inovasi ({len(rec['innovations'])}):" if rec["innovations"] else f"{i1}Inovasi: belum ada")
        for x in rec["innovations"]:
            out.append(f"{i2}- {x['name']} [{x['type_label'] or 'jenis belum dipilih'}] — "
                       f"{x['program'] or 'program belum dipilih'}" + (f"; {x['opd']}" if x["opd"] else ""))
            if x["description"]:
                out += _block("  Uraian", x["description"], i2)
        out.append(f"{i1}Status program: " + (", ".join(f"{x['status'].lower()} {x['count']}"
                                                          for x in rec["program_status"]) or "-"))
    elif key == "peta_jalan":
        start = rec["start_year"]
        span = f"{start}-{start + rec['years'] - 1}" if start else "tahun pertama belum ditetapkan"
        out.append(f"{i1}Peta jalan {span} ({rec['years_label']}):")
        for p in rec["programs"]:
            out.append(f"{i2}{p['name']} — {p['opd'] or 'OPD belum dipilih'}"
                       + (f"; jumlah {p['total_budget_label']}" if p["total_budget"] else ""))
            for e in p["entries"]:
                year = (f"{e['calendar_year']} (tahun {e['year']})" if e["calendar_year"]
                        else f"tahun {e['year'] or '?'}")
                money = ", ".join(v for v in (e["budget_label"], e["source_label"]) if v)
                out.append(f"{i3}{year}: {e['milestone'] or '-'}" + (f" — {money}" if money else ""))
            if not p["entries"]:
                out.append(f"{i3}(belum ada di peta jalan)")
        if rec["total_budget"]:
            out.append(f"{i1}Anggaran per tahun: " + "; ".join(
                f"{y['calendar_year'] or 'tahun ' + str(y['year'] or '?')} {y['budget_label'] or 'Rp 0'}"
                for y in rec["per_year"]))
            out.append(f"{i1}Jumlah seluruhnya: {rec['total_budget_label'] or 'Rp 0'}")
    elif key == "kandidat_qw":
        out.append(f"{i1}Kriteria penilaian (skala {rec['scale']}; daftar pendek {rec['shortlist_size']}):")
        out += [f"{i2}- {c['name']} — bobot {c['weight'] if c['weight'] is not None else 0} "
                f"({_number(c['share'], 1, trim=True)}%)"
                + (", dari hasil voting titik" if c["source"] == "dots" else "")
                for c in rec["criteria"]]
        out.append(f"{i1}Peringkat (nilai 0-100):")
        for x in rec["ranking"]:
            rank = f"{x['rank']}." if x["rank"] is not None else "-"
            out.append(f"{i2}{rank:>4} {x['name']:<20} {_number(x['total']):>6}  {x['dots']:>2} titik  "
                       f"{x['status_label']}"
                       + (f" — belum dinilai: {', '.join(x['missing'])}" if x["missing"] else ""))
        out.append(f"{i1}Daftar pendek ({len(rec['shortlist'])}): {', '.join(rec['shortlist']) or '-'}")
    elif key == "voting":
        if not rec["groups"]:
            out.append(f"{i1}Belum ada kelompok FGD.")
        for g in rec["groups"]:
            votes = ", ".join(f"{v['candidate']} {v['dots']}" for v in g["votes"])
            out.append(f"{i1}{g['group']}: " + (f"{g['total']} titik — {votes}" if votes else "belum memberi titik"))


def _render_stage_four(key: str, rec: Mapping, out: list[str]) -> None:
    i1, i2 = "   ", "     "
    if key == "reviu_buku":
        width = max((len(c["chapter_label"]) for c in rec["chapters"]), default=3)
        out.append(f"{i1}{'Bab':<{width}}  {'Status':<14} Pereviu")
        for c in rec["chapters"]:
            out.append(f"{i1}{c['chapter_label']:<{width}}  {c['status_label']:<14} {c['reviewer'] or '-'}")
            if c["comments"]:
                out += _block("  Catatan", c["comments"], i2)
    elif key == "quick_win_final":
        for n, q in enumerate(rec["quick_wins"], 1):
            out.append(f"{i1}Quick win {n}: {q['name']} — {q['opd'] or 'OPD belum dipilih'}")
            schedule = ", ".join(v for v in (f"mulai {q['start_label']}" if q["start_label"] else "",
                                             f"{q['months']} bulan" if q["months"] else "",
                                             f"sampai {q['end_label']}" if q["end_label"] else "") if v)
            money = q["budget_label"] + (f" ({q['source_label']})" if q["source_label"] else "")
            for label, value in (("Dimensi", q["element"]), ("Program", q["program"]), ("Masalah", q["problem"]),
                                 ("Solusi", q["solution"]), ("Manfaat", q["benefits"]),
                                 ("Penerima", q["beneficiaries"]),
                                 ("Kolaborator", ", ".join(q["collaborators_labels"])),
                                 ("Jadwal", schedule), ("Anggaran", money), ("Indikator", q["indicator"])):
                out += _block(f"{label:<11}", value or "-", i2)
            if q["missing_fields"]:
                out.append(f"{i2}Belum diisi: {', '.join(q['missing_fields'])}")
        if not rec["quick_wins"]:
            out.append(f"{i1}(belum ada quick win final)")
        if rec["shortlisted"]:
            out.append(f"{i1}Daftar pendek lain (terpilih): {', '.join(rec['shortlisted'])}")
    elif key == "teks_komitmen":
        current, agreed = rec["current_version"], rec["agreed_version"]
        if not current:
            out.append(f"{i1}Teks komitmen belum dibuat.")
        else:
            state = ("sesuai" if rec["agreed"] else f"belum sesuai: versi terakhir {current}") if agreed else ""
            out.append(f"{i1}Versi teks terakhir: {current}; versi yang disepakati: "
                       + (f"{agreed} ({state})" if agreed else "belum ada"))
        if rec["note"]:
            out += _block("Catatan", rec["note"], i1)
    elif key == "penandatanganan":
        if not rec["total"]:
            out.append(f"{i1}Belum ada penanda tangan komitmen.")
            return
        out.append(f"{i1}Sudah menandatangani versi {rec['version'] or '-'}: {rec['signed']} dari {rec['total']}")
        if rec["unsigned"]:
            out.append(f"{i1}Belum menandatangani:")
            out += [f"{i2}- {x['name']}" + (f", {x['title']}" if x["title"] else "") for x in rec["unsigned"]]


def render_text(report: Mapping) -> str:
    """The report as readable Indonesian text (what `kotacerdas-cli bimtek show` prints)."""
    p = report["progress"]
    out = [f"{report['region']} — Bimtek {report['stage_label']}: {report['title']}",
           f"Tanggal  : {report['dates'] or 'belum ditetapkan'}",
           f"Tempat   : {report['venue'] or 'belum ditetapkan'}",
           f"Status   : {report['status_label']}",
           f"Keluaran : {report['output']}",
           f"Kemajuan : {p['passed']} dari {p['total']} pemeriksaan terpenuhi"]
    for n, step in enumerate(report["steps"], 1):
        out += ["", f"{n}. {step['title']} ({STATE_LABELS[step['state']]})"]
        out += [f"   {'✓' if c['done'] else '✗'} {c['label']}" + (f" — {c['detail']}" if c["detail"] else "")
                for c in step["checks"]]
        for render in (_render_records, _render_stage_three, _render_stage_four):
            render(step["key"], step["records"], out)
    out.append("")
    if report["missing"]:
        out.append("Yang masih kurang:")
        out += [f"  - {m['step']}: {m['label']}" + (f" — {m['detail']}" if m["detail"] else "")
                for m in report["missing"]]
    else:
        out.append("Semua keluaran tahap ini sudah ada.")
    return "\n".join(out)
