"""Berita acara and notulen of one bimtek, with the attendance summary attached.

Pure renderers over plain data (`Meeting`): no database, no Qt. Every user value goes
through `esc()` or `para()`; an empty section prints a clear placeholder, never an
empty page. The parts shared with the laporan kegiatan (agenda, follow-ups, the
attendance tables, signature grids) live here too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from ..domain.dates import date_in_words, day_name, format_date, format_days
from .pdfbase import (FONT, FONT_BOLD, Page, Progress, available_width, build_pdf, esc, grid_table, placeholder,
                      styles)

NOT_FILLED = "Belum diisi di langkah Penutup."
INDENT = 0.65 * cm


@dataclass(frozen=True)
class Signer:
    heading: str  # "Pimpinan Rapat", "Narasumber", "Mengetahui", ...
    name: str = ""
    position: str = ""  # jabatan
    rank: str = ""  # "Pembina Tk. I (IV/b)"
    nip: str = ""  # grouped for print


@dataclass(frozen=True)
class AgendaItem:
    start: str
    end: str
    title: str
    speaker: str = ""


@dataclass(frozen=True)
class AgendaDay:
    day: date | None
    items: tuple[AgendaItem, ...]


@dataclass(frozen=True)
class AttendanceDay:
    day: date
    present: int
    registered: int
    per_opd: tuple[tuple[str, int, int], ...]  # (OPD, present, registered)


@dataclass(frozen=True)
class FollowUp:
    action: str
    owner: str = ""
    due: date | None = None
    status: str = ""


@dataclass(frozen=True)
class Mentor:
    name: str
    role: str = ""
    institution: str = ""
    topic: str = ""


@dataclass(frozen=True)
class Meeting:
    """One bimtek as the berita acara, the notulen and the laporan kegiatan need it."""
    region: str  # "Kota Contoh"
    stage: int
    stage_label: str  # "Tahap I"
    stage_title: str  # "Analisis Strategis"
    venue: str = ""
    days: tuple[date, ...] = ()
    place: str = ""  # where the documents are signed, e.g. "Contoh"
    agenda: tuple[AgendaDay, ...] = ()
    mentors: tuple[Mentor, ...] = ()
    categories: tuple[tuple[str, int, int], ...] = ()  # (category, present on any day, registered)
    opds: tuple[tuple[str, int, int], ...] = ()  # (OPD, present on any day, registered)
    present: int = 0  # different people present on at least one day
    registered: int = 0
    attendance: tuple[AttendanceDay, ...] = ()
    followups: tuple[FollowUp, ...] = ()
    notulen: dict | None = None
    berita_acara: dict | None = None
    signatories: tuple[Signer, ...] = ()
    chair: Signer | None = None
    minute_taker: Signer | None = None

    @property
    def event(self) -> str:
        return f"Bimbingan Teknis Penyusunan Masterplan Smart City {self.region}"

    @property
    def stage_name(self) -> str:
        return f"{self.stage_label}: {self.stage_title}"

    @property
    def place_date(self) -> str:
        when = format_date(max(self.days), weekday=False) if self.days else "." * 28
        return f"{self.place or '.' * 20}, {when}"


# --- pieces ------------------------------------------------------------------------------------------

def doc_styles() -> dict[str, ParagraphStyle]:
    st = styles()
    body = st["body"]
    st.update({
        "doc_title": ParagraphStyle("doc_title", parent=st["title"], fontSize=14, leading=18, spaceAfter=0),
        "doc_sub": ParagraphStyle("doc_sub", parent=st["title"], fontSize=11, leading=14.5, spaceAfter=0),
        "sec": ParagraphStyle("sec", parent=st["h3"], spaceBefore=9, spaceAfter=3, leftIndent=INDENT,
                              bulletIndent=0, bulletFontName=FONT_BOLD, bulletFontSize=body.fontSize),
        "sbody": ParagraphStyle("sbody", parent=body, leftIndent=INDENT, spaceAfter=3),
        "sitem": ParagraphStyle("sitem", parent=body, leftIndent=INDENT + 0.6 * cm, bulletIndent=INDENT,
                                bulletFontName=FONT, bulletFontSize=body.fontSize, spaceAfter=2),
        "sitem_left": ParagraphStyle("sitem_left", parent=body, leftIndent=INDENT + 0.6 * cm, bulletIndent=INDENT,
                                     bulletFontName=FONT, bulletFontSize=body.fontSize, spaceAfter=2,
                                     alignment=TA_LEFT),
        "smuted": ParagraphStyle("smuted", parent=st["muted"], leftIndent=INDENT),
        "cell_center": ParagraphStyle("cell_center", parent=st["cell"], alignment=TA_CENTER),
        "sig_head": ParagraphStyle("sig_head", parent=st["left"], alignment=TA_LEFT),
    })
    return st


def text_width(page: Page) -> float:
    """The width text really has: the page frame pads 6 pt on either side inside the margins."""
    return available_width(page)


def time_label(value: str) -> str:
    return (value or "").replace(":", ".")


def span_label(start: str, end: str) -> str:
    return f"{time_label(start)}–{time_label(end)}" if start and end else time_label(start or end)


def weekdays(days) -> str:
    """'Selasa dan Rabu, 22-23 September 2026'; '' without days."""
    days = sorted(set(days))
    if not days:
        return ""
    names = [day_name(d) for d in days]
    if len(names) > 2 and (days[-1] - days[0]).days == len(days) - 1:
        head = f"{names[0]} s.d. {names[-1]}"
    else:
        head = ", ".join(names[:-1]) + (" dan " if len(names) > 1 else "") + names[-1]
    return f"{head}, {format_days(days)}"


def section(mark: str, title: str, st) -> list:
    """A numbered section heading; it starts a new page when less than 3 cm are left."""
    return [CondPageBreak(3 * cm), Paragraph(esc(title), st["sec"], bulletText=mark or None)]


_NUMBERED = re.compile(r"^\s*(\d{1,2}|[a-zA-Z])[.)]\s+")
_SPEAKER = re.compile(r"^((?:Tanya|Jawab|Pertanyaan|Jawaban|Tanggapan|T|J)\b[^:]{0,50}):\s*", re.IGNORECASE)


def text_block(text, st, numbered: bool = False, empty: str = NOT_FILLED, body: str = "sbody",
               item: str = "sitem") -> list:
    """User text as paragraphs, one a line; with `numbered` and more than one line a numbered list
    (numbers typed by the user are kept). 'Tanya: ...' / 'Jawab: ...' get their label in bold."""
    lines = [line.strip() for line in str(text or "").splitlines() if line.strip()]
    if not lines:
        return [Paragraph(f"<i>{esc(empty)}</i>", ParagraphStyle("e", parent=st["smuted"],
                                                                  leftIndent=st[body].leftIndent))]
    out = []
    if numbered and len(lines) > 1:
        for n, line in enumerate(lines, 1):
            m = _NUMBERED.match(line)
            label, rest = (m.group(1) + ".", line[m.end():]) if m else (f"{n}.", line)
            out.append(Paragraph(esc(rest), st[item], bulletText=label))
        return out
    for line in lines:
        m = _SPEAKER.match(line)
        text_ = f"<b>{esc(m.group(1))}:</b> {esc(line[m.end():])}" if m else esc(line)
        out.append(Paragraph(text_, st[body]))
    return out


def title_block(lines: list[str], number: str | None, st) -> list:
    """Bold centred title lines; 'Nomor: ...' below (dotted when the number is still missing)."""
    out = [Paragraph(f"<u>{esc(lines[0])}</u>" if number is not None else esc(lines[0]), st["doc_title"])]
    out += [Paragraph(esc(line), st["doc_sub"]) for line in lines[1:]]
    if number is not None:
        out.append(Paragraph(f"Nomor: {esc(number) if number.strip() else '.' * 48}", st["subtitle"]))
    return out + [Spacer(1, 0.45 * cm)]


def indented(flowable, width: float):
    """A flowable shifted right by the section indent: a table of full inner width aligns right (and
    can still split across pages); anything else goes into a one-row frame."""
    if isinstance(flowable, Table) and abs(sum(flowable._colWidths) - (width - INDENT)) < 1:
        flowable.hAlign = "RIGHT"
        return flowable
    t = Table([["", flowable]], colWidths=[INDENT, width - INDENT])
    t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return t


def label_table(rows: list[tuple[str, str]], width: float, st) -> Table:
    """'Label : value' lines of a document's header, values wrapping under themselves."""
    table = Table([[Paragraph(esc(k), st["left"]), ":", Paragraph(esc(v), st["left"])] for k, v in rows],
                  colWidths=[3.6 * cm, 0.4 * cm, width - 4 * cm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("FONTSIZE", (0, 0), (-1, -1), 10.5), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def agenda_table(m: Meeting, width: float, st) -> list:
    """Time | Acara | Narasumber, a spanning header row for each day."""
    if not any(d.items for d in m.agenda):
        return [Paragraph("<i>Agenda belum diisi di langkah Persiapan.</i>", st["smuted"])]
    cell = st["cell"]
    rows: list[list] = [["Waktu", "Acara", "Narasumber / pemandu"]]
    spans = []
    for n, day in enumerate(m.agenda, 1):
        label = f"Hari ke-{n}, {format_date(day.day)}" if day.day else "Belum ditetapkan harinya"
        spans.append(len(rows))
        rows.append([Paragraph(f"<b>{esc(label)}</b>", cell), "", ""])
        rows += [[Paragraph(esc(span_label(a.start, a.end)), cell), Paragraph(esc(a.title), cell),
                  Paragraph(esc(a.speaker) or "-", cell)] for a in day.items]
    inner = width - INDENT
    table = grid_table(rows, [2.3 * cm, inner - 2.3 * cm - 5.2 * cm, 5.2 * cm])
    table.setStyle(TableStyle([cmd for r in spans for cmd in (("SPAN", (0, r), (-1, r)),
                                                              ("BACKGROUND", (0, r), (-1, r), "#f3f4f6"),
                                                              ("NOSPLIT", (0, r), (-1, min(r + 2, len(rows) - 1))))]
                              + [("NOSPLIT", (0, max(1, len(rows) - 2)), (-1, -1))]))
    return [indented(table, width)]


def followup_table(m: Meeting, width: float, st, with_status: bool = False, indent: bool = True) -> list:
    if not m.followups:
        return [Paragraph("<i>Tindak lanjut belum diisi di langkah Penutup.</i>",
                          st["smuted"] if indent else st["muted"])]
    cell, center = st["cell"], st["cell_center"]
    head = ["No", "Tindak lanjut", "Penanggung jawab", "Tenggat"] + (["Status"] if with_status else [])
    rows: list[list] = [head]
    for n, f in enumerate(m.followups, 1):
        row = [Paragraph(str(n), center), Paragraph(esc(f.action), cell), Paragraph(esc(f.owner) or "-", cell),
               Paragraph(esc(format_date(f.due, weekday=False)) if f.due else "-", center)]
        rows.append(row + ([Paragraph(esc(f.status) or "-", center)] if with_status else []))
    inner = width - (INDENT if indent else 0)
    fixed = [0.9 * cm, 0, 4.6 * cm, 2.6 * cm] + ([2.2 * cm] if with_status else [])
    fixed[1] = inner - sum(fixed)
    table = grid_table(rows, fixed)
    return [indented(table, width) if indent else table]


def category_table(m: Meeting, width: float, st, indent: bool = True) -> list:
    cell, center = st["cell"], st["cell_center"]
    rows: list[list] = [["No", "Unsur peserta", "Terdaftar", "Hadir"]]
    rows += [[Paragraph(str(n), center), Paragraph(esc(label), cell), Paragraph(str(reg), center),
              Paragraph(str(present), center)] for n, (label, present, reg) in enumerate(m.categories, 1)]
    rows.append(["", Paragraph("<b>Jumlah</b>", cell), Paragraph(f"<b>{m.registered}</b>", center),
                 Paragraph(f"<b>{m.present}</b>", center)])
    inner = min(width - (INDENT if indent else 0), 11 * cm)
    table = grid_table(rows, [0.9 * cm, inner - 0.9 * cm - 4.4 * cm, 2.2 * cm, 2.2 * cm])
    table.hAlign = "LEFT"
    return [indented(table, width) if indent else table]


def opd_day_table(m: Meeting, width: float, st) -> Table:
    """No | Instansi/OPD | Terdaftar | Hadir on each day, with a total row."""
    cell, center, bold = st["cell"], st["cell_center"], st["cell_bold"]
    order: list[str] = []
    registered: dict[str, int] = {}
    present: dict[tuple[str, int], int] = {}
    for i, day in enumerate(m.attendance):
        for name, here, reg in day.per_opd:
            if name not in registered:
                order.append(name)
            registered[name] = max(registered.get(name, 0), reg)
            present[(name, i)] = here
    n_days = len(m.attendance)
    day_w = min(2.3 * cm, max(1.4 * cm, (width - 0.9 * cm - 5 * cm - 1.9 * cm) / max(n_days, 1)))
    head = [Paragraph("No", bold), Paragraph("Instansi / OPD", bold), Paragraph("Terdaftar", bold)]
    head += [Paragraph(f"Hadir hari ke-{i}<br/>{esc(d.day.strftime('%d-%m-%Y'))}", bold)
             for i, d in enumerate(m.attendance, 1)]
    rows: list[list] = [head]
    for n, name in enumerate(order, 1):
        rows.append([Paragraph(str(n), center), Paragraph(esc(name), cell), Paragraph(str(registered[name]), center)]
                    + [Paragraph(str(present.get((name, i), 0)), center) for i in range(n_days)])
    rows.append(["", Paragraph("<b>Jumlah</b>", cell), Paragraph(f"<b>{sum(registered.values())}</b>", center)]
                + [Paragraph(f"<b>{d.present}</b>", center) for d in m.attendance])
    widths = [0.9 * cm, width - 0.9 * cm - 1.9 * cm - day_w * n_days, 1.9 * cm] + [day_w] * n_days
    table = grid_table(rows, widths, zebra=True)
    table.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 1.5),
                               ("NOSPLIT", (0, max(1, len(rows) - 3)), (-1, -1))]))  # no lone total row
    return table


def attendance_appendix(m: Meeting, width: float, st, heading: str, categories: bool = True) -> list:
    """'Lampiran: Rekapitulasi Kehadiran' on a new page: each day's total, per category (optional),
    then per OPD and day (a long table splits, its header repeated)."""
    out: list = [PageBreak(), Paragraph(esc(heading), st["small"]), Spacer(1, 0.2 * cm),
                 Paragraph("REKAPITULASI KEHADIRAN", st["doc_sub"]),
                 Paragraph(esc(m.event), st["subtitle"]), Paragraph(esc(m.stage_name), st["subtitle"]),
                 Paragraph(esc(", ".join(x for x in (weekdays(m.days), m.venue) if x)), st["subtitle"]),
                 Spacer(1, 0.4 * cm)]
    if not m.attendance or not m.registered:
        out.append(placeholder("Daftar hadir belum diisi di langkah Registrasi (belum ada hari bimtek atau "
                               "peserta terdaftar).", st))
        return out
    for i, d in enumerate(m.attendance, 1):
        share = f" ({round(100 * d.present / d.registered)}%)" if d.registered else ""
        out.append(Paragraph(esc(f"Hari ke-{i}, {format_date(d.day)}: hadir {d.present} dari {d.registered} "
                                 f"orang terdaftar{share}."), st["left"]))
    mark = "B. " if categories else ""
    if categories:
        out += [Spacer(1, 0.25 * cm), Paragraph("<b>A. Kehadiran per unsur peserta</b> (hadir sedikitnya satu hari)",
                                                st["left"]), Spacer(1, 0.1 * cm)] + category_table(m, width, st, False)
    out += [Spacer(1, 0.25 * cm), Paragraph(f"<b>{mark}Kehadiran per instansi/OPD</b>", st["left"]),
            Spacer(1, 0.1 * cm), opd_day_table(m, width, st), Spacer(1, 0.3 * cm),
            Paragraph("<i>Daftar hadir bertanda tangan setiap hari dicetak sebagai dokumen Daftar hadir dan "
                      "menjadi bagian yang tidak terpisahkan dari dokumen ini.</i>", st["muted"])]
    return out


def signature_grid(signers: list[Signer], place_date: str, width: float, st) -> Table:
    """Two signature blocks a row, role as heading; an odd last one centred. Place and date stand
    above the right-hand block; positions, names, ranks and NIPs of a row line up."""
    col = width / 2
    left = st["left"]
    rows: list[list] = [["", Paragraph(esc(place_date), left)]] if place_date else []
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0.4 * cm),
             ("RIGHTPADDING", (0, 0), (-1, -1), 0.3 * cm), ("TOPPADDING", (0, 0), (-1, -1), 0.5),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]
    if place_date:
        style.append(("BOTTOMPADDING", (0, 0), (-1, 0), 8))

    def lines(s: Signer) -> list:
        position = f"{s.heading},\n{s.position}" if s.position else f"{s.heading},"
        return [Paragraph(esc(position), left), Spacer(1, 2.1 * cm),
                Paragraph(f"<u><b>{esc(s.name) or '.' * 36}</b></u>", left),
                Paragraph(esc(s.rank), left) if s.rank else "",
                Paragraph(esc(f"NIP. {s.nip}"), left) if s.nip else ""]

    for i in range(0, len(signers), 2):
        pair = signers[i:i + 2]
        first = len(rows)
        parts = [lines(s) for s in pair]
        rows += [[a, b] for a, b in zip(parts[0], parts[1] if len(parts) > 1 else [""] * 5)]
        style.append(("BOTTOMPADDING", (0, first + 4), (-1, first + 4), 16))
        if len(pair) == 1:
            style += [cmd for r in range(first, first + 5)
                      for cmd in (("SPAN", (0, r), (1, r)), ("LEFTPADDING", (0, r), (1, r), col / 2 + 0.4 * cm))]
    table = Table(rows, colWidths=[col, col])
    table.setStyle(TableStyle(style))
    return table


# --- the two documents -------------------------------------------------------------------------------

def _attendees(m: Meeting, st, width: float) -> list:
    out: list = []
    if m.present:
        out.append(Paragraph(esc(f"Kegiatan dihadiri oleh {m.present} orang dari {m.registered} orang peserta yang "
                                 "terdaftar (daftar hadir terlampir), dengan rincian:"), st["sbody"]))
        out += category_table(m, width, st)
    else:
        out.append(Paragraph("<i>Kehadiran belum tercatat di langkah Registrasi; daftar hadir terlampir.</i>",
                             st["smuted"]))
    return out + [Paragraph("Mentor dan narasumber:", st["sbody"])] + mentor_list(m, st)


def mentor_list(m: Meeting, st) -> list:
    if not m.mentors:
        return [Paragraph("<i>Belum diisi di langkah Persiapan.</i>", st["smuted"])]
    out = []
    for n, x in enumerate(m.mentors, 1):
        role = ", ".join(v for v in (x.role, x.institution) if v)
        text = (f"<b>{esc(x.name)}</b>" + (f" — {esc(role)}" if role else "")
                + (f" ({esc(x.topic)})" if x.topic else ""))
        out.append(Paragraph(text, st["sitem_left"], bulletText=f"{n}."))
    return out


def _split_formulas(proceedings: str) -> tuple[str, str, str]:
    """The user's own opening ('Pada hari ini ...') and closing ('Demikian berita acara ...') lines
    taken out of the proceedings, so they are not printed twice: (opening, body, closing)."""
    lines = [x.strip() for x in str(proceedings or "").splitlines() if x.strip()]
    opening = lines.pop(0) if lines and lines[0].lower().startswith("pada hari ini") else ""
    closing = lines.pop() if lines and lines[-1].lower().startswith("demikian berita acara") else ""
    return opening, "\n".join(lines), closing


def opening_formula(m: Meeting) -> str:
    days = sorted(set(m.days))
    if days:
        when = date_in_words(days[0])
        if len(days) > 1:
            joint = "sampai dengan" if (days[-1] - days[0]).days == len(days) - 1 else "dan"
            when += f" {joint} hari {date_in_words(days[-1])}"
    else:
        when = "........ tanggal ........ bulan ........ tahun ........"
    return (f"Pada hari ini {when} bertempat di {m.venue or '.' * 40}, telah dilaksanakan {m.event} "
            f"{m.stage_name}, dengan hasil sebagai berikut:")


CLOSING = "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."


def berita_acara_story(m: Meeting, page: Page) -> list:
    st = doc_styles()
    width = text_width(page)
    ba = m.berita_acara or {}
    number = str(ba.get("number") or "")
    own_opening, proceedings, own_closing = _split_formulas(ba.get("proceedings"))
    story = title_block(["BERITA ACARA", "PELAKSANAAN BIMBINGAN TEKNIS",
                         f"PENYUSUNAN MASTERPLAN SMART CITY {m.region.upper()}", m.stage_name.upper()], number, st)
    story.append(Paragraph(esc(own_opening or opening_formula(m)), st["body"]))
    story += section("A.", "Peserta", st) + _attendees(m, st, width)
    story += section("B.", "Acara", st) + agenda_table(m, width, st)
    story += section("C.", "Jalannya acara", st) + text_block(proceedings, st)
    story += section("D.", "Keputusan / kesepakatan", st) + text_block(ba.get("decisions"), st, numbered=True)
    story += section("E.", "Tindak lanjut", st) + followup_table(m, width, st)
    signers = list(m.signatories)
    note = []
    if not signers:
        signers = [Signer("Pimpinan Rapat"), Signer("Notulis")]
        note = [Paragraph("<i>Penanda tangan berita acara belum diisi di langkah Penutup; nama ditulis tangan.</i>",
                          st["muted"]), Spacer(1, 0.2 * cm)]
    story.append(KeepTogether([Spacer(1, 0.3 * cm), Paragraph(esc(own_closing or CLOSING), st["body"]),
                               Spacer(1, 0.5 * cm)] + note + [signature_grid(signers, m.place_date, width, st)]))
    heading = f"Lampiran Berita Acara Nomor: {number or '.' * 40}"
    return story + attendance_appendix(m, width, st, heading, categories=False)


def _header_table(m: Meeting, width: float, st) -> Table:
    n = m.notulen or {}
    cats = ", ".join(f"{label} {present}" for label, present, _reg in m.categories if present)
    people = (f"{m.present} orang" + (f" ({cats})" if cats else "") + "; daftar hadir terlampir") if m.present else ""
    dotted = "." * 50
    rows = [("Nama kegiatan", f"{m.event} {m.stage_name}"), ("Hari/tanggal", weekdays(m.days) or dotted),
            ("Waktu", f"Pukul {span_label(n.get('start', ''), n.get('end', ''))}" if n.get("start") else dotted),
            ("Tempat", m.venue or dotted), ("Pimpinan rapat", m.chair.name if m.chair else dotted),
            ("Notulis", m.minute_taker.name if m.minute_taker else dotted), ("Peserta", people or dotted)]
    return label_table(rows, width, st)


def notulen_story(m: Meeting, page: Page) -> list:
    st = doc_styles()
    width = text_width(page)
    n = m.notulen or {}
    story = title_block(["NOTULEN", "BIMBINGAN TEKNIS PENYUSUNAN MASTERPLAN SMART CITY",
                         m.region.upper(), m.stage_name.upper()], None, st)
    story.append(_header_table(m, width, st))
    if m.notulen is None:
        story.append(Paragraph("<i>Notulen belum diisi di langkah Penutup.</i>", st["muted"]))
    story += section("1.", "Acara", st) + agenda_table(m, width, st)
    story += section("2.", "Pokok bahasan dan masukan peserta", st) + text_block(n.get("contributions"), st,
                                                                                 numbered=True)
    story += section("3.", "Tanya jawab", st) + text_block(n.get("qa"), st)
    story += section("4.", "Kesimpulan", st) + text_block(n.get("conclusions"), st, numbered=True)
    story += section("5.", "Tindak lanjut", st) + followup_table(m, width, st)
    signers = [m.chair or Signer("Pimpinan Rapat"), m.minute_taker or Signer("Notulis")]
    # the last section stays with the signatures: a page of signatures alone signs nothing
    story.append(KeepTogether(section("6.", "Pertemuan berikutnya", st) + text_block(n.get("next_meeting"), st)
                              + [Spacer(1, 0.5 * cm), signature_grid(signers, m.place_date, width, st)]))
    return story + attendance_appendix(m, width, st, f"Lampiran Notulen Bimbingan Teknis {m.stage_name}")


def render_berita_acara(m: Meeting, page: Page, out, progress: Progress | None = None) -> int:
    return build_pdf(out, berita_acara_story(m, page), page, progress)


def render_notulen(m: Meeting, page: Page, out, progress: Progress | None = None) -> int:
    return build_pdf(out, notulen_story(m, page), page, progress)
