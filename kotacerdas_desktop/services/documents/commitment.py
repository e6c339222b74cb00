"""Lembar komitmen of a region (kind "komitmen"), PDF, in two variants:

- signed: the signatures captured on screen; one that covers an earlier version of the text
  is drawn struck through with "(menandatangani versi N)";
- blank: every signature space empty, for wet ink.

The officials (kepala daerah, wakil, ketua DPRD, sekda) sign in blocks, the heads of OPD in
a zig-zag grid, a witness (the ministry mentor) last. The verification code is on every page.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from ...domain.commitment import commitment_role_title
from ...domain.dates import format_date
from ...domain.people import format_nip, pangkat_golongan_text
from ...domain.regions import OFFICIAL_ROLES
from ...reports.commitment_pdf import CommitmentSheet, Signatory, render_commitment
from ..reports import paper_for

DEFAULT_OFFICIALS = ("kepala_daerah", "wakil_kepala_daerah", "ketua_dprd")
BLANK_HEAD_ROWS = 10  # a blank sheet for a region whose heads of OPD are not listed yet
DOTS = "...................................."


def _signed_date(view) -> date | None:
    """The day of the latest signature that covers the current text (local time)."""
    stamps = [s.signed_at for s in view.signatories if s.signed_current and s.signed_at]
    if not stamps:
        return None
    try:
        return datetime.fromisoformat(max(stamps).replace("Z", "+00:00")).astimezone().date()
    except ValueError:
        return None


def _planned_date(services, region_id) -> date | None:
    """The first day of Bimtek Tahap IV (where the commitment is signed), if scheduled."""
    card = next((c for c in services.bimtek.cards(region_id) if c.stage == 4), None)
    return card.days[0] if card is not None and card.days else None


def build_sheet(services, req, progress) -> CommitmentSheet:
    view = services.commitment.view(req.region_id)
    detail = services.regions.detail(req.region_id)
    people = {p.id: p for p in services.directory.people(req.region_id, include_archived=True)}
    opds = {o.id: o.name for o in services.directory.opds(req.region_id, include_archived=True)}
    signed = req.variant != "blank"
    strokes: dict = {}

    def signatory(sg, with_opd: bool = False) -> Signatory:
        p = people.get(sg.person_id) if sg.person_id else None
        signature, void, note = None, False, ""
        if signed and sg.strokes_sha256 and sg.signed_version:
            if sg.strokes_sha256 not in strokes:
                strokes[sg.strokes_sha256] = services.attendance.strokes(sg.strokes_sha256)
            signature = strokes[sg.strokes_sha256]
            if not sg.signed_current:
                void, note = True, f"(menandatangani versi {sg.signed_version})"
        opd = opds.get(p.opd_id, "") if with_opd and p is not None else ""
        if opd and opd.casefold() in (sg.role_title or "").casefold():
            opd = ""
        return Signatory(sg.name if sg.name != "—" else "", sg.role_title, opd,
                         format_nip(p.nip) if p is not None and p.nip else "",
                         pangkat_golongan_text(p.golongan) if p is not None else "", signature, void, note)

    officials, heads, witnesses = [], [], []
    for i, sg in enumerate(view.signatories, 1):
        if i % 20 == 0:
            progress.step(i, len(view.signatories) * 2)
        if sg.role in OFFICIAL_ROLES:
            officials.append(signatory(sg))
        elif sg.role == "saksi":  # the ministry mentor, under their own jabatan
            jabatan = people[sg.person_id].jabatan if sg.person_id in people else ""
            witnesses.append(replace(signatory(sg), position=f"Menyaksikan,\n{jabatan or 'Mentor Kementerian'}"))
        else:
            heads.append(signatory(sg, with_opd=True))
    kind, name = detail.data.kind, detail.data.name
    if not officials:  # nobody assigned yet: the usual blocks, names written by hand
        officials = [Signatory("", commitment_role_title(r, kind, name)) for r in DEFAULT_OFFICIALS]
    day = (_signed_date(view) if signed else None) or _planned_date(services, req.region_id)
    place = detail.data.signing_place or name
    place_date = f"{place}, {format_date(day, weekday=False) if day else DOTS}"
    sha = view.text_sha256
    notes = [f"Teks komitmen versi {view.version}; sidik teks (SHA-256) {sha}."]
    if signed and view.code:
        notes.append(f"{view.signed} dari {len(view.signatories)} penanda tangan telah menandatangani teks versi "
                     f"{view.version} secara elektronik (tanda tangan elektronik tidak tersertifikasi, PP 71/2019), "
                     f"masing-masing terikat pada sidik teks di atas. Keaslian dapat diperiksa dengan kode "
                     f"verifikasi {view.code} (kotacerdas-cli verify {view.code}).")
    elif signed:
        notes.append("Belum ada tanda tangan elektronik pada teks versi ini.")
    else:
        notes.append("Lembar untuk tanda tangan basah. Kode verifikasi pada lembar ini menunjukkan versi teks "
                     "yang dicetak" + (f" ({view.code})." if view.code else "; belum ada tanda tangan elektronik."))
    if any(h.void for h in heads + officials):
        notes.append("Tanda tangan yang dicoret menandatangani versi teks sebelumnya dan tidak mencakup teks ini.")
    return CommitmentSheet(
        text=view.text, place_date=place_date, officials=tuple(officials), heads=tuple(heads),
        witnesses=tuple(witnesses), heads_title=f"KEPALA PERANGKAT DAERAH {detail.display_name.upper()}",
        blank_heads=0 if heads or signed else BLANK_HEAD_ROWS,
        empty_heads_note="Belum ada kepala perangkat daerah dalam daftar penanda tangan; tambahkan di halaman "
                         "Komitmen.",
        code=view.code, version=view.version, text_sha256=sha, paper=paper_for(services, req),
        logo=services.regions.logo(req.region_id), notes=tuple(notes),
        title=f"Lembar komitmen {detail.display_name} versi {view.version}")


def render(services, req, out, progress) -> int:
    """Write the commitment sheet of `req` to the binary file object `out`."""
    return render_commitment(build_sheet(services, req, progress), out, progress)
