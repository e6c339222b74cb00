"""Daftar hadir of one bimtek day (kind "daftar-hadir"), PDF or XLSX, in three variants:

- signed: the people present that day, with the signatures captured on screen (people who
  signed on paper are marked so);
- names: every active participant of the region printed, signature cells empty for wet ink,
  plus a few empty rows for walk-ins;
- blank: a numbered form, enough rows for the region's participants, the last page filled.

Rows follow the usual order: regional officials, then OPD by OPD order and name, then the
others by name.
"""
from __future__ import annotations

from datetime import date

from ...domain.bimtek import STAGES
from ...domain.dates import format_date, format_date_range
from ...domain.errors import ValidationError
from ...domain.people import format_nip, pangkat_golongan_text
from ...reports.attendance_pdf import AttendanceRow, AttendanceSheet, Signer
from ..directory import national_phone
from ..reports import paper_for

EVENT = "Bimbingan Teknis Penyusunan Masterplan Smart City"
MIN_FORM_ROWS = 20  # a blank form never has fewer rows (walk-ins, a region not yet filled in)
WALK_IN_ROWS = 5  # empty rows after the printed names
_WIT = ("papua", "maluku")
_WITA = ("bali", "nusa tenggara", "sulawesi", "gorontalo", "kalimantan selatan", "kalimantan timur",
         "kalimantan utara")
_WIB = ("aceh", "sumatera", "sumatra", "riau", "jambi", "bengkulu", "lampung", "bangka", "banten", "jakarta",
        "jawa", "yogyakarta", "kalimantan barat", "kalimantan tengah")


def time_zone(province: str) -> str:
    """'WIB', 'WITA' or 'WIT' for an Indonesian province; '' when unknown."""
    low = (province or "").lower()
    for zone, words in (("WIT", _WIT), ("WITA", _WITA), ("WIB", _WIB)):
        if any(w in low for w in words):
            return zone
    return ""


def _dotted(t: str) -> str:
    return t.replace(":", ".")


def day_of(req, card):
    """The requested day of the bimtek (its first day when none is given)."""
    stage = STAGES[req.stage][0]
    if not card.days:
        raise ValidationError(f"Bimtek tahap {req.stage} belum punya tanggal; isi dulu tanggal pelaksanaannya "
                              "di dasbor wilayah.")
    if req.day is None:
        return card.days[0]
    if req.day not in card.days:
        raise ValidationError(f"Tanggal {format_date(req.day, weekday=False)} bukan hari Bimtek {stage}; "
                              f"hari bimteknya: {', '.join(format_date(d, weekday=False) for d in card.days)}.")
    return req.day


def time_text(services, bimtek_id: str, day: date, province: str) -> str:
    """'Pukul 08.00 – 16.30 WIB' from the day's agenda; a dotted line when there is none."""
    items = [i for i in services.worksheets.items(bimtek_id, "agenda") if i.get("day") == day.isoformat()]
    starts = sorted(i.get("start") for i in items if i.get("start"))
    ends = sorted(i.get("end") or i.get("start") for i in items if i.get("end") or i.get("start"))
    if not starts:
        return "Pukul ........ s.d. ........"
    zone = time_zone(province)
    return f"Pukul {_dotted(starts[0])} – {_dotted(ends[-1])}" + (f" {zone}" if zone else "")


def organiser(services, region_id: str, detail, people: dict, place_date: str) -> Signer:
    """'Mengetahui,' the head of the organising office (the office of the kop, else Diskominfo),
    with name, rank and NIP when the office is an OPD with a head; a dotted line otherwise."""
    office = detail.data.office_name or "Dinas Komunikasi dan Informatika"
    position = office if office.lower().startswith("kepala") else f"Kepala {office}"
    if detail.display_name.lower() not in position.lower():
        position = f"{position} {detail.display_name}"
    key = office.casefold()

    def matches(o) -> bool:
        names = {o.name.casefold(), o.short_name.casefold(), *(a.casefold() for a in o.aliases)}
        if detail.data.office_name:
            return key in names
        return any("kominfo" in n or "komunikasi" in n for n in names)

    opd = next((o for o in services.directory.opds(region_id) if matches(o)), None)
    head = people.get(opd.head_person_id) if opd is not None and opd.head_person_id else None
    if head is None:
        return Signer(place_date, f"Mengetahui,\n{position},")
    return Signer(place_date, f"Mengetahui,\n{position},", head.full_name,
                  pangkat_golongan_text(head.golongan), format_nip(head.nip) if head.nip else "")


def ordered(people: list, opds: dict, roles: dict) -> list:
    """Regional officials (in signing order: kepala daerah, wakil, ...), then OPD by OPD order and
    name, then the others by name. `roles` maps a person id to the official role's rank."""
    def key(ip):
        i, p = ip
        if p.id in roles:
            return (0, roles[p.id], i)
        if p.opd_id in opds:
            return (2, opds[p.opd_id][1], i)
        return (1 if p.category == "official" else 3, 0, i)
    return [p for _, p in sorted(enumerate(people), key=key)]


def row_for(p, opds: dict, region_name: str, mode: str = "", signature=None) -> AttendanceRow:
    opd = opds[p.opd_id][0] if p.opd_id in opds else (region_name if p.category == "official" else "-")
    return AttendanceRow(p.full_name, format_nip(p.nip) if p.nip else "-", pangkat_golongan_text(p.golongan) or "-",
                         p.jabatan or "-", opd, national_phone(p.phone) if p.phone else "-", mode, signature)


def build_sheet(services, req, progress) -> AttendanceSheet:
    detail = services.regions.detail(req.region_id)
    card = next(c for c in services.bimtek.cards(req.region_id) if c.stage == req.stage)
    day = day_of(req, card)
    info = next(d for d in services.attendance.days(req.region_id) if d.bimtek_id == card.id and d.day == day)
    roman, theme, _ = STAGES[req.stage]
    region = detail.display_name
    everyone = services.directory.people(req.region_id, include_archived=True)
    by_id = {p.id: p for p in everyone}
    opds = {o.id: (o.name, o.position) for o in services.directory.opds(req.region_id, include_archived=True)}
    presence = services.attendance.presence(info.id)
    roles = {o.person_id: i for i, o in enumerate(detail.officials) if o.person_id}
    place_date = f"{detail.data.signing_place or detail.data.name}, {format_date(day, weekday=False)}"
    n_day = card.days.index(day) + 1
    span = format_date_range(card.days[0], card.days[-1])
    heading = ("DAFTAR HADIR", EVENT.upper(), f"{roman.upper()}: {theme.upper()}", region.upper())
    sheet_info = (("Hari/Tanggal", f"{format_date(day)} (hari ke-{n_day} dari {len(card.days)}, {span})"),
                  ("Waktu", time_text(services, card.id, day, detail.data.province)),
                  ("Tempat", card.venue or "........................................"))
    variant = req.variant or "signed"
    rows: list[AttendanceRow] = []
    notes: tuple[str, ...] = ()
    active = [p for p in everyone if not p.archived]
    if variant == "signed":
        present = ordered([by_id[pid] for pid in presence if pid in by_id], opds, roles)
        cache: dict = {}
        for i, p in enumerate(present, 1):
            if i % 25 == 0:
                progress.step(i, len(present) * 2)
            view = presence[p.id]
            sig = None
            if view.mode == "signed" and view.strokes_sha256 and req.fmt == "pdf":
                if view.strokes_sha256 not in cache:
                    cache[view.strokes_sha256] = services.attendance.strokes(view.strokes_sha256)
                sig = cache[view.strokes_sha256]
            rows.append(row_for(p, opds, region, view.mode, sig))
        paper = sum(1 for r in rows if r.mode == "paper")
        notes = (f"Hadir {len(rows)} orang dari {len(active)} peserta terdaftar"
                 + (f"; {paper} orang menandatangani lembar kertas yang dilampirkan." if paper else "."),)
        if paper < len(rows):
            notes += ("Tanda tangan pada daftar ini direkam pada layar saat registrasi (tanda tangan elektronik "
                      "tidak tersertifikasi, PP 71/2019) dan tersimpan bersama waktu perekamannya.",)
        blank, empty_note = 0, "Belum ada peserta yang tercatat hadir pada hari ini."
    elif variant == "names":
        for p in ordered(active, opds, roles):
            view = presence.get(p.id) if req.fmt == "xlsx" else None
            rows.append(row_for(p, opds, region, view.mode if view else ""))
        blank, empty_note = (WALK_IN_ROWS if rows else MIN_FORM_ROWS), ""
    else:
        blank, empty_note = max(len(active), MIN_FORM_ROWS), ""
    return AttendanceSheet(
        heading=heading, info=sheet_info, rows=tuple(rows), blank_rows=blank, fill_last_page=variant == "blank",
        empty_note=empty_note, organiser=organiser(services, req.region_id, detail, by_id, place_date),
        paper=paper_for(services, req), title=f"Daftar hadir {roman} {region} {day.isoformat()}",
        footer=f"Daftar hadir Bimtek {roman} · {region} · {format_date(day)}", notes=notes)


def render(services, req, out, progress) -> int:
    """Write the daftar hadir of `req` (PDF or XLSX) to the binary file object `out`."""
    sheet = build_sheet(services, req, progress)
    if req.fmt == "xlsx":
        from ...reports.attendance_xlsx import render_attendance_xlsx

        return render_attendance_xlsx(sheet, out, progress)
    from ...reports.attendance_pdf import render_attendance

    return render_attendance(sheet, out, progress)
