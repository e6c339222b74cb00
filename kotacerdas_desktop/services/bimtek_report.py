"""One bimtek at a glance: its steps, what each check says, and the outputs captured.

`bimtek_report` reads through the services (read-only) and returns plain data:
references are resolved to names (OPD, person, misi text, "Dimensi › Elemen"), choice
fields keep their code and gain a `<field>_label`. `assemble` and `render_text` are pure,
so the CLI prints the text or the JSON and document renderers can use the same data.
"""
from __future__ import annotations

from datetime import date
from typing import Mapping

from ..domain import wizard as wz
from ..domain.bimtek import STAGE_OUTPUT, STAGES, STATUSES
from ..domain.dates import format_date, format_days
from ..domain.worksheets import KINDS
from .errors import NotFound
from .regions import BimtekCard, RegionService
from .worksheets import WizardContext, WorksheetService

STATE_LABELS = {"done": "lengkap", "partial": "sebagian", "empty": "belum"}


def bimtek_report(regions: RegionService, worksheets: WorksheetService, region_id: str, stage: int) -> dict:
    detail = regions.detail(region_id)
    card = next((c for c in detail.bimtek if c.stage == stage), None)
    if card is None:
        raise NotFound(f"Bimtek tahap {stage} tidak ada di {detail.display_name}.")
    return assemble(detail.display_name, card, worksheets.context(card.id), worksheets.snapshot(card.id))


class _Resolver:
    """Turns stored records into plain dicts with names in place of ids."""

    def __init__(self, ctx: WizardContext, snap: wz.Snapshot) -> None:
        self.ctx, self.snap = ctx, snap
        self.items = {i.id: i for i in snap.items}
        self.opds = dict(ctx.opds)
        self.people = dict(ctx.people)

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


def _records(step: str, r: _Resolver, snap: wz.Snapshot) -> dict:
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
    return {}


def assemble(region_name: str, card: BimtekCard, ctx: WizardContext, snap: wz.Snapshot) -> dict:
    """The report of one bimtek as plain, JSON-ready data."""
    r = _Resolver(ctx, snap)
    label, title, _ = STAGES[card.stage]
    steps, missing = [], []
    for step in wz.steps_for(card.stage):
        results = wz.checks(step, snap)
        steps.append({"key": step.key, "title": step.title, "produces": step.produces,
                      "state": wz.step_state(step, snap),
                      "checks": [{"label": c.label, "done": c.done, "detail": c.detail} for c in results],
                      "records": _records(step.key, r, snap)})
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
        _render_records(step["key"], step["records"], out)
    out.append("")
    if report["missing"]:
        out.append("Yang masih kurang:")
        out += [f"  - {m['step']}: {m['label']}" + (f" — {m['detail']}" if m["detail"] else "")
                for m in report["missing"]]
    else:
        out.append("Semua keluaran tahap ini sudah ada.")
    return "\n".join(out)
