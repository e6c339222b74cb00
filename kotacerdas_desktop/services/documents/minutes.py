"""Berita acara ("berita-acara") and notulen ("notulen") of one bimtek.

`gather` reads the bimtek through the services (read-only) into a plain `Meeting`:
agenda, mentors, attendance per day and OPD and per category, follow-ups, the notulen
and berita acara records, and the signatories with their jabatan, pangkat and NIP looked
up in the region's directory. The laporan kegiatan (activity.py) reuses it.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from ...domain.bimtek import STAGES
from ...domain.people import CATEGORIES, format_nip, pangkat_golongan_text
from ...domain.worksheets import KINDS, MENTOR_ROLES
from ...reports.minutes_pdf import (AgendaDay, AgendaItem, AttendanceDay, FollowUp, Meeting, Mentor, Signer,
                                    render_berita_acara, render_notulen)
from ...reports.pdfbase import Page, Progress
from ..errors import NotFound
from ..reports import ReportRequest, kop_for, paper_for

SIGNER_HEADINGS = {"pimpinan": "Pimpinan Rapat", "narasumber": "Narasumber", "notulis": "Notulis",
                   "saksi": "Saksi", "mengetahui": "Mengetahui"}
FOLLOWUP_STATUS = dict(KINDS["followup"].field("status").choices)


def _key(name: str) -> str:
    return " ".join(str(name or "").split()).casefold()


class PeopleIndex:
    """People of the region found by what a worksheet holds: the full name with titles, the bare
    name, or the wizard's 'Name — OPD' label."""

    def __init__(self, people) -> None:
        self.by_key: dict[str, object] = {}
        for p in people:
            for k in (p.full_name, p.name, f"{p.full_name} — {p.opd_name}" if p.opd_name else ""):
                if k:
                    self.by_key.setdefault(_key(k), p)

    def find(self, name: str):
        key = _key(name)
        return self.by_key.get(key) or self.by_key.get(key.split(" — ")[0]) if key else None

    def signer(self, heading: str, name: str, position: str = "") -> Signer:
        p = self.find(name)
        shown = str(name or "").split(" — ")[0].strip()
        if p is None:
            return Signer(heading, shown, position)
        return Signer(heading, shown or p.full_name, position or p.jabatan,
                      pangkat_golongan_text(p.golongan) if p.golongan else "",
                      format_nip(p.nip) if p.nip else "")


def _date(value) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _agenda(items) -> tuple[AgendaDay, ...]:
    days: dict[date | None, list[AgendaItem]] = {}
    for i in items:
        d = i.data
        days.setdefault(_date(d.get("day")), []).append(
            AgendaItem(d.get("start") or "", d.get("end") or "", d.get("title") or "", d.get("speaker") or ""))
    ordered = sorted(days, key=lambda d: (d is None, d or date.min))
    return tuple(AgendaDay(d, tuple(sorted(days[d], key=lambda a: a.start))) for d in ordered)


def _mentors(mentor_items, agenda: tuple[AgendaDay, ...], people: PeopleIndex) -> tuple[Mentor, ...]:
    """The mentor records, then agenda speakers whom the directory files as mentor or speaker."""
    roles = dict(MENTOR_ROLES)
    out = [Mentor(d.get("name") or "", roles.get(d.get("role"), d.get("role") or ""), d.get("institution") or "",
                  d.get("topic") or "") for d in (i.data for i in mentor_items) if d.get("name")]
    seen = {_key(m.name) for m in out}
    for day in agenda:
        for a in day.items:
            p = people.find(a.speaker)
            if (p is not None and p.category in ("mentor", "speaker") and _key(a.speaker) not in seen
                    and _key(p.full_name) not in seen):
                seen.add(_key(a.speaker))
                out.append(Mentor(a.speaker.split(" — ")[0], "Narasumber", p.jabatan, a.title))
    return tuple(out)


def _attendance(services, region_id: str, bimtek_id: str, everyone: dict, active: list, progress: Progress):
    """Per day and OPD (the attendance counters), and different people present on any day per
    category and per OPD, against the active people of the region."""
    days = [d for d in services.attendance.days(region_id) if d.bimtek_id == bimtek_id]
    per_day, anyday = [], set()
    for n, d in enumerate(days, 1):
        progress.check()
        c = services.attendance.counters(d.id)
        anyday |= set(services.attendance.presence(d.id))
        per_day.append(AttendanceDay(d.day, c.present, c.invited, tuple(c.per_opd)))
    here = [everyone[pid] for pid in anyday if pid in everyone]
    reg_cat = Counter(p.category for p in active)
    got_cat = Counter(p.category for p in here)
    categories = tuple((label, got_cat.get(code, 0), reg_cat.get(code, 0)) for code, label in CATEGORIES.items()
                       if reg_cat.get(code) or got_cat.get(code))
    reg_opd = Counter(p.opd_name or "(tanpa OPD)" for p in active)
    got_opd = Counter(p.opd_name or "(tanpa OPD)" for p in here)
    opds = tuple((name, got_opd.get(name, 0), reg) for name, reg in reg_opd.items())
    return tuple(per_day), categories, opds, len(here), len(active)


def gather(services, req: ReportRequest, progress: Progress | None = None) -> Meeting:
    progress = progress or Progress()
    detail = services.regions.detail(req.region_id)
    card = next((c for c in detail.bimtek if c.stage == req.stage), None)
    if card is None:
        raise NotFound(f"Bimtek tahap {req.stage} tidak ada di {detail.display_name}.")
    progress.step(1, 4)
    ws = services.worksheets
    everyone = {p.id: p for p in services.directory.people(req.region_id, include_archived=True)}
    active = [p for p in everyone.values() if not p.archived]
    people = PeopleIndex(active)
    agenda = _agenda(ws.items(card.id, "agenda"))
    mentors = _mentors(ws.items(card.id, "mentor"), agenda, people)
    progress.step(2, 4)
    attendance, categories, opds, present, registered = _attendance(services, req.region_id, card.id, everyone,
                                                                    active, progress)
    progress.step(3, 4)
    followups = tuple(FollowUp(d.get("action") or "", d.get("owner") or "", _date(d.get("due")),
                               FOLLOWUP_STATUS.get(d.get("status"), d.get("status") or ""))
                      for d in (i.data for i in ws.items(card.id, "followup")))
    notulen = ws.find(card.id, "notulen")
    ba = ws.find(card.id, "berita_acara")
    rows = [i.data for i in ws.items(card.id, "ba_signatory")]
    rows.sort(key=lambda d: d.get("role") == "mengetahui")  # "Mengetahui" signs last, centred
    signatories = tuple(people.signer(SIGNER_HEADINGS.get(d.get("role"), "Penanda tangan"), d.get("name") or "",
                                      d.get("jabatan") or "") for d in rows)
    n = notulen.data if notulen else {}
    label, title, _ = STAGES[card.stage]
    progress.step(4, 4)
    return Meeting(
        region=detail.display_name, stage=card.stage, stage_label=label, stage_title=title, venue=card.venue,
        days=tuple(card.days), place=detail.data.signing_place or detail.data.name, agenda=agenda,
        mentors=mentors, categories=categories, opds=opds, present=present, registered=registered,
        attendance=attendance, followups=followups, notulen=dict(n) if notulen else None,
        berita_acara=dict(ba.data) if ba else None, signatories=signatories,
        chair=people.signer("Pimpinan Rapat", n.get("chair") or "") if n.get("chair") else None,
        minute_taker=people.signer("Notulis", n.get("minute_taker") or "") if n.get("minute_taker") else None)


def page_for(services, req: ReportRequest, title: str, meeting: Meeting) -> Page:
    return Page(paper=paper_for(services, req), title=f"{title} {meeting.stage_label} — {meeting.region}",
                kop=kop_for(services, req.region_id), footer=f"{title} {meeting.stage_label} · {meeting.region}")


def render(services, req: ReportRequest, out, progress: Progress | None = None) -> int:
    """Write the berita acara or the notulen (by `req.kind`) of bimtek `req.stage`; returns the pages."""
    meeting = gather(services, req, progress)
    if req.kind == "notulen":
        return render_notulen(meeting, page_for(services, req, "Notulen", meeting), out, progress)
    return render_berita_acara(meeting, page_for(services, req, "Berita Acara", meeting), out, progress)
