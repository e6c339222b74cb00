"""What the projector shows for each step of a bimtek, as plain values (no Qt).

`board_for(step, snap, ctx, commitment)` turns the facilitator's current step into a
`Board`: a kind the projector window knows how to draw ("swot", "list", "ranking",
"signing", "keywords", "agenda", "checks") and its rows, already translated and cut
to what a room can read from the back. The projector is public: a board carries
names of people (speakers, owners, signatories) but never a NIP, a phone number, an
e-mail address or an internal id.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Mapping

from ..domain import wizard as wz
from ..domain.dates import format_date
from ..domain.worksheets import (BOOK_CHAPTERS, HORIZONS, INNOVATION_TYPES, PRIORITIES, PROGRAMME_STATUSES,
                                 READINESS_ELEMENTS, REVIEW_STATUSES, VISION_STATUSES)
from ..i18n import language, tr

if TYPE_CHECKING:
    from .commitment import CommitmentView
    from .worksheets import WizardContext

KINDS = ("swot", "list", "ranking", "signing", "keywords", "agenda", "checks")
SWOT = (("kekuatan", "Kekuatan"), ("kelemahan", "Kelemahan"), ("peluang", "Peluang"), ("ancaman", "Ancaman"))
TEXT_LIMIT = 140   # one list row
CELL_LIMIT = 60    # one SWOT cell
KEYWORDS_MAX = 24


@dataclass(frozen=True)
class Row:
    """One line of a list, agenda or checks board."""
    text: str
    detail: str = ""  # a muted second line: OPD, priority, speaker, a check's detail
    marker: str = ""  # before the text: a code (M1, T1.2), a number, a time
    level: int = 1    # 0 = group heading, 1 = item, 2 = sub-item
    state: str = ""   # done | partial | todo (checks, chapter review); "" for none


@dataclass(frozen=True)
class SwotRow:
    element: str  # the sub-element, e.g. "Anggaran"
    kekuatan: str
    kelemahan: str
    peluang: str
    ancaman: str
    group: str = ""  # its element, e.g. "Struktur"


@dataclass(frozen=True)
class RankRow:
    rank: int
    name: str
    total: float  # 0-100
    dots: int
    status: str   # usulan | terpilih | quick_win
    status_label: str = ""


@dataclass(frozen=True)
class SignRow:
    name: str
    role_title: str
    signed: bool


@dataclass(frozen=True)
class KeywordRow:
    word: str
    count: int


@dataclass(frozen=True)
class Board:
    kind: str
    title: str
    rows: tuple = ()
    subtitle: str = ""
    text: str = ""    # a short paragraph above the rows (the visi)
    empty: str = ""   # what to say while there is nothing to show
    done: int = 0     # signing: signed so far
    total: int = 0    # signing: signatories
    columns: tuple[str, ...] = ()  # swot: the quadrant headings


# --- small helpers -------------------------------------------------------------

def shorten(text, limit: int = TEXT_LIMIT) -> str:
    """One line of at most `limit` characters, cut at a word with '…'."""
    flat = " ".join(str(text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.-") + "…"


def _cell(text) -> str:
    """A SWOT cell: the first point of a merged bullet list, '(+n)' for the others."""
    points = [line.strip().lstrip("•-* ").strip() for line in str(text or "").split("\n")]
    points = [p for p in points if p]
    if not points:
        return ""
    more = f" +{len(points) - 1}" if len(points) > 1 else ""
    return shorten(points[0], CELL_LIMIT) + more


def _label(choices, key) -> str:
    return tr(dict(choices).get(key, "")) if key else ""


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _names(ctx: WizardContext, opd_names: Mapping[str, str] | None) -> dict[str, str]:
    names = dict(ctx.opds)
    names.update(opd_names or {})
    return names


def _misi_groups(snap: wz.Snapshot, items, row) -> list[Row]:
    """Items grouped under their misi (in misi order), items without one last."""
    codes = wz.outline_codes(snap.items)
    misi = sorted(snap.of("misi"), key=lambda m: (m.position, m.id))
    known = {m.id for m in misi}
    out: list[Row] = []
    for m in [*misi, None]:
        mine = [i for i in items if (i.data.get("misi") == m.id if m else i.data.get("misi") not in known)]
        if not mine:
            continue
        out.append(Row(shorten(m.data.get("text"), 90), marker=codes.get(m.id, ""), level=0) if m
                   else Row(tr("Belum terkait misi"), level=0))
        out.extend(row(i) for i in mine)
    return out


# --- one board per step ---------------------------------------------------------

def _agenda(snap, today: date) -> Board:
    items = snap.of("agenda")
    days = sorted({i.data.get("day") for i in items if i.data.get("day")})
    known = [d.isoformat() for d in snap.days]
    day = today.isoformat() if today.isoformat() in days else next((d for d in known if d in days),
                                                                     days[0] if days else "")
    rows = tuple(Row(i.data.get("title") or "", i.data.get("speaker") or "",
                     "–".join(t for t in (i.data.get("start"), i.data.get("end")) if t))
                 for i in sorted((i for i in items if i.data.get("day") == day),
                                 key=lambda i: (i.data.get("start") or "", i.position)))
    subtitle = ""
    if day:
        when = date.fromisoformat(day)
        number = known.index(day) + 1 if day in known else 0
        subtitle = _join(tr("Hari ke-{n}", n=number) if number else "", format_date(when, language()))
    return Board("agenda", tr("Agenda"), rows, subtitle, empty=tr("Agenda belum disusun."))


def _attendance(snap) -> Board:
    rows = tuple(Row(tr("{n} hadir", n=snap.present.get(d, 0)), format_date(d, language()), tr("Hari ke-{n}", n=n))
                 for n, d in enumerate(snap.days, 1))
    total = sum(snap.present.values())
    return Board("list", tr("Kehadiran"), rows, tr("{n} kehadiran", n=total) if rows else "",
                 empty=tr("Tanggal bimtek belum ditetapkan."))


def _swot(snap) -> Board:
    merged = wz.merged_readiness(snap)
    labels = {f"{key}.{sub}": (tr(sub_label), tr(label))
              for key, label, subs in READINESS_ELEMENTS for sub, sub_label in subs}
    rows = []
    for element, _ in snap.config.elements:
        data = merged.get(element, {})
        cells = [_cell(data.get(key)) for key, _ in SWOT]
        if any(cells):
            sub, group = labels.get(element, (element, ""))
            rows.append(SwotRow(sub, *cells, group=group))
    return Board("swot", tr("Analisis kesiapan"), tuple(rows), tr("Hasil gabungan semua kelompok"),
                 empty=tr("Belum ada hasil gabungan analisis kesiapan."),
                 columns=tuple(tr(label) for _, label in SWOT))


def _issues(snap) -> Board:
    order = {key: n for n, (key, _) in enumerate(PRIORITIES)}
    issues = sorted(snap.of("strategic_issue"), key=lambda i: order.get(i.data.get("priority"), len(order)))
    rows = tuple(Row(shorten(i.data.get("title")), _label(PRIORITIES, i.data.get("priority")), str(n))
                 for n, i in enumerate(issues, 1))
    return Board("list", tr("Isu strategis"), rows, empty=tr("Belum ada isu strategis."))


def _vision(snap) -> Board:
    visi = snap.one("visi")
    words = wz.vision_keywords(snap)[:KEYWORDS_MAX]
    return Board("keywords", tr("Visi"), tuple(KeywordRow(w, n) for w, n in words),
                 _label(VISION_STATUSES, visi.get("status")) if visi.get("text") else "",
                 text=str(visi.get("text") or ""), empty=tr("Belum ada kata kunci visi."))


def _goals(snap, with_goals: bool) -> Board:
    codes = wz.outline_codes(snap.items)
    rows: list[Row] = []
    for m in sorted(snap.of("misi"), key=lambda m: (m.position, m.id)):
        rows.append(Row(shorten(m.data.get("text"), 200), marker=codes.get(m.id, ""), level=0 if with_goals else 1))
        if with_goals:
            rows.extend(Row(shorten(t.data.get("text")), marker=codes.get(t.id, ""))
                        for t in sorted(snap.of("tujuan"), key=lambda t: (t.position, t.id))
                        if t.data.get("misi") == m.id)
    title = tr("Tujuan") if with_goals else tr("Misi")
    return Board("list", title, tuple(rows), empty=tr("Belum ada misi."))


def _programmes(snap, names, step_key: str) -> Board:
    def row(p) -> Row:
        source = p.data.get("source")
        when = (_label(HORIZONS, p.data.get("horizon")) if source == "baru"
                else "–".join(str(p.data[k]) for k in ("year_start", "year_end") if p.data.get(k)))
        status = p.data.get("status")
        return Row(shorten(p.data.get("name")), _join(names.get(p.data.get("opd"), ""), when,
                                                     "" if status == "usulan" else _label(PROGRAMME_STATUSES, status)))

    if step_key == "program_eksisting":
        items, title = wz.programmes(snap, ("rpjmd", "renstra")), tr("Program eksisting")
    else:
        items, title = wz.programmes(snap, ("baru",)), tr("Ide program baru")
    return Board("list", title, tuple(_misi_groups(snap, items, row)), tr("{n} program", n=len(items)),
                 empty=tr("Belum ada program."))


def _innovations(snap, names) -> Board:
    innovations = snap.of("innovation")
    linked = {i.data.get("program") for i in innovations}
    progs = [p for p in snap.of("program") if p.id in linked]
    rows: list[Row] = []
    for p in progs:
        rows.append(Row(shorten(p.data.get("name")), _join(names.get(p.data.get("opd"), ""),
                                                           _label(PROGRAMME_STATUSES, p.data.get("status"))),
                        level=0))
        rows.extend(Row(shorten(i.data.get("name")), _label(INNOVATION_TYPES, i.data.get("type")), "→")
                    for i in innovations if i.data.get("program") == p.id)
    return Board("list", tr("Inovasi"), tuple(rows), tr("{n} inovasi", n=len(innovations)) if rows else "",
                 empty=tr("Belum ada inovasi."))


def _actions(snap, names) -> Board:
    actions = snap.of("action")
    with_actions = {a.data.get("program") for a in actions}
    rows: list[Row] = []
    for p in snap.of("program"):
        if p.id not in with_actions and p.data.get("source") != "baru":
            continue
        mine = sorted((a for a in actions if a.data.get("program") == p.id),
                      key=lambda a: (a.data.get("year") or 0, a.position))
        rows.append(Row(shorten(p.data.get("name")), "" if mine else tr("belum ada rencana aksi"), level=0))
        rows.extend(Row(shorten(a.data.get("activity")), names.get(a.data.get("opd"), ""),
                        str(a.data.get("year") or "")) for a in mine)
    return Board("list", tr("Rencana aksi"), tuple(rows), empty=tr("Belum ada program baru."))


def _strategies(snap, ctx) -> Board:
    strategies = snap.of("strategy")
    rows: list[Row] = []
    for dim_id, dim_name, elements in ctx.dimensions:
        mine = [s for s in strategies if s.data.get("dimension") == dim_id]
        if mine:
            rows.append(Row(dim_name, level=0))
            element = dict(elements)
            rows.extend(Row(shorten(s.data.get("text"), 200), element.get(s.data.get("element"), "")) for s in mine)
    return Board("list", tr("Strategi"), tuple(rows), empty=tr("Belum ada strategi."))


def _roadmap(snap) -> Board:
    start = snap.one("roadmap_config").get("start_year")
    entries = snap.of("roadmap")
    rows: list[Row] = []
    for p in wz.roadmap_programmes(snap):
        mine = sorted((e for e in entries if e.data.get("program") == p.id), key=lambda e: e.data.get("year") or 0)
        rows.append(Row(shorten(p.data.get("name")), "" if mine else tr("belum ada capaian"), level=0))
        for e in mine:
            year = e.data.get("year") or 0
            marker = str(start + year - 1) if isinstance(start, int) and year else tr("Th {n}", n=year)
            rows.append(Row(shorten(e.data.get("milestone")), marker=marker))
    return Board("list", tr("Peta jalan"), tuple(rows), empty=tr("Belum ada program di peta jalan."))


def _ranking(snap, voting: bool) -> Board:
    ranked = [r for r in wz.ranking(snap) if r.rank is not None]
    rows = tuple(RankRow(r.rank, shorten(r.name, 80), r.total, r.dots, r.status,
                         _label(PROGRAMME_STATUSES, r.status))
                 for r in ranked)
    subtitle = tr("{n} titik dari semua kelompok", n=sum(r.dots for r in ranked)) if voting and rows \
        else tr("{n} kandidat", n=len(rows)) if rows else ""
    return Board("ranking", tr("Peringkat kandidat quick win"), rows, subtitle,
                 empty=tr("Belum ada kandidat quick win."))


def _review(snap) -> Board:
    done = wz.reviewed_chapters(snap)
    states = {"disetujui": "done", "revisi": "partial"}
    rows = tuple(Row(tr(label), _label(REVIEW_STATUSES, done.get(key, {}).get("status") or "belum"),
                     state=states.get(done.get(key, {}).get("status"), "todo")) for key, label in BOOK_CHAPTERS)
    approved = sum(r.state == "done" for r in rows)
    return Board("checks", tr("Reviu buku"), rows, tr("{done} dari {total} bab disetujui", done=approved,
                                                      total=len(rows)))


def _final(snap, names) -> Board:
    chosen = wz.candidates(snap)
    final = [c for c in chosen if c.data.get("status") == "quick_win"]
    picked = final or [c for c in chosen if c.data.get("status") == "terpilih"]

    def detail(c) -> str:
        months = c.data.get("months")
        return _join(names.get(c.data.get("opd"), ""), tr("{n} bulan", n=months) if months else "")

    rows = tuple(Row(shorten(c.data.get("name"), 100), detail(c), str(n)) for n, c in enumerate(picked, 1))
    subtitle = "" if not rows else tr("{n} quick win", n=len(rows)) if final else tr("Daftar pendek (belum final)")
    return Board("list", tr("Quick win final"), rows, subtitle, empty=tr("Belum ada quick win terpilih."))


def _commitment_text(snap, commitment: CommitmentView | None) -> Board:
    text = commitment.text if commitment else ""
    rows = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            heading = line.isupper() and len(line) < 90
            rows.append(Row(line, level=0 if heading else 1))
    version = commitment.version if commitment else snap.commitment[0]
    agreed = snap.one("commitment_agreement").get("agreed_version")
    subtitle = _join(tr("Versi {n}", n=version), tr("disepakati") if agreed == version else
                     tr("belum disepakati")) if version else ""
    return Board("list", tr("Teks komitmen"), tuple(rows), subtitle, empty=tr("Teks komitmen belum ada."))


def _signing(snap, commitment: CommitmentView | None) -> Board:
    if commitment is not None:
        rows = tuple(SignRow(s.name, s.role_title, s.signed_current) for s in commitment.signatories)
        done, total = commitment.signed, len(rows)
    else:
        rows, (_, done, total) = (), snap.commitment
    return Board("signing", tr("Penandatanganan komitmen"), rows,
                 tr("{done} dari {total} sudah menandatangani", done=done, total=total) if total else "",
                 empty=tr("Belum ada penanda tangan."), done=done, total=total)


def _closing(snap) -> Board:
    rows: list[Row] = []
    conclusions = [line.strip() for line in str(snap.one("notulen").get("conclusions") or "").split("\n")]
    conclusions = [c for c in conclusions if c]
    if conclusions:
        rows.append(Row(tr("Kesimpulan"), level=0))
        rows.extend(Row(shorten(c, 200)) for c in conclusions)
    followups = snap.of("followup")
    if followups:
        rows.append(Row(tr("Tindak lanjut"), level=0))
        for f in followups:
            due = f.data.get("due")
            when = format_date(date.fromisoformat(due), language(), weekday=False) if due else ""
            rows.append(Row(shorten(f.data.get("action")), _join(f.data.get("owner") or "", when),
                            state="done" if f.data.get("status") == "selesai" else "todo"))
    return Board("list", tr("Kesimpulan dan tindak lanjut"), tuple(rows),
                 empty=tr("Belum ada kesimpulan atau tindak lanjut."))


def checks_board(step: wz.Step, snap: wz.Snapshot) -> Board:
    try:
        found = wz.checks(step, snap)
    except KeyError:
        found = []
    rows = tuple(Row(tr(c.label), c.detail, state="done" if c.done else "todo") for c in found)
    return Board("checks", tr(step.title), rows, empty=tr("Tidak ada yang perlu diperiksa."))


def board_for(step: wz.Step, snap: wz.Snapshot, ctx: WizardContext, commitment: CommitmentView | None = None, *,
              today: date | None = None, opd_names: Mapping[str, str] | None = None) -> Board:
    """The projector board of `step`. `opd_names` (id -> short name) may replace the OPD
    names of the context; `today` picks the agenda day (default: the real today).
    The detail of "checks" rows is the domain's Indonesian detail: translate it when shown."""
    key = step.key
    names = _names(ctx, opd_names)
    if key == "persiapan":
        return _agenda(snap, today or date.today())
    builders = {
        "registrasi": lambda: _attendance(snap),
        "kesiapan": lambda: _swot(snap),
        "isu": lambda: _issues(snap),
        "visi": lambda: _vision(snap),
        "misi": lambda: _goals(snap, False),
        "tujuan": lambda: _goals(snap, True),
        "program_eksisting": lambda: _programmes(snap, names, key),
        "program_baru": lambda: _programmes(snap, names, key),
        "inovasi": lambda: _innovations(snap, names),
        "rencana_aksi": lambda: _actions(snap, names),
        "strategi": lambda: _strategies(snap, ctx),
        "peta_jalan": lambda: _roadmap(snap),
        "kandidat_qw": lambda: _ranking(snap, False),
        "voting": lambda: _ranking(snap, True),
        "reviu_buku": lambda: _review(snap),
        "quick_win_final": lambda: _final(snap, names),
        "teks_komitmen": lambda: _commitment_text(snap, commitment),
        "penandatanganan": lambda: _signing(snap, commitment),
        "penutup": lambda: _closing(snap),
    }
    build = builders.get(key)
    return build() if build else checks_board(step, snap)

