"""The guided session: the steps of each bimtek stage and what each must produce.

The step lists are data; the wizard pages only render a step's sections. Checks
look at a plain snapshot of what was captured and say what is still missing;
they are warnings, never a lock: the facilitator may move on or go back at any time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable, Mapping

from .readiness import ReadinessConfig, readiness_config, roll_up_keywords
from .worksheets import KINDS, READINESS_TEXT_FIELDS, is_blank, missing_fields


@dataclass(frozen=True)
class Section:
    """One table of records on a step: a kind, the columns shown, an optional filter."""
    kind: str
    title: str
    columns: tuple[str, ...]
    match: tuple[tuple[str, tuple[str, ...]], ...] = ()  # field -> accepted values
    preset: tuple[tuple[str, object], ...] = ()  # values a new record starts with
    filters: tuple[str, ...] = ()  # fields the facilitator can narrow the table by (misi, dimension)

    def accepts(self, data: Mapping) -> bool:
        return all(data.get(key) in values for key, values in self.match)


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    prompt: str  # what the room does now (read aloud, shown on the projector)
    produces: str  # what the step must produce
    editor: str  # preparation | registration | records | readiness | vision | closing
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    data: Mapping
    position: int = 0
    bimtek_id: str = ""


@dataclass(frozen=True)
class Snapshot:
    """Everything the checks of one bimtek need, as plain values."""
    stage: int
    venue: str = ""
    days: tuple[date, ...] = ()
    items: tuple[Item, ...] = ()
    dimensions: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = ()  # (id, name, elements)
    present: Mapping[date, int] = field(default_factory=dict)
    commitment: tuple[int, int, int] = (0, 0, 0)  # (current text version, signed it, signatories)

    def of(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind]

    def one(self, kind: str) -> Mapping:
        found = self.of(kind)
        return found[0].data if found else {}

    @property
    def config(self) -> ReadinessConfig:
        return readiness_config(dict(self.one("readiness_config")))

    def element_dimension(self) -> dict[str, str]:
        return {eid: did for did, _, elements in self.dimensions for eid, _ in elements}


@dataclass(frozen=True)
class Check:
    label: str
    done: bool
    detail: str = ""


# --- the steps -------------------------------------------------------------

PREPARATION = Step(
    "persiapan", "Persiapan",
    "Pastikan jadwal, tempat, agenda, mentor dan kelompok FGD sudah siap sebelum peserta datang.",
    "Tanggal dan tempat, agenda per hari dengan jam dan narasumber, mentor, kelompok FGD beserta anggotanya.",
    "preparation",
    (Section("agenda", "Agenda", ("day", "start", "end", "title", "speaker")),
     Section("mentor", "Mentor dan narasumber", ("name", "role", "institution", "topic")),
     Section("fgd_group", "Kelompok FGD", ("name", "focus", "lead", "members"))))
REGISTRATION = Step(
    "registrasi", "Registrasi",
    "Peserta mengisi daftar hadir dan menandatanganinya di layar atau di kertas.",
    "Daftar hadir bertanda tangan untuk setiap hari bimtek.", "registration")
CLOSING = Step(
    "penutup", "Penutup",
    "Bacakan kesimpulan, sepakati tindak lanjut, lalu tanda tangani berita acara.",
    "Notulen (pimpinan, notulis, masukan, kesimpulan, tindak lanjut) dan berita acara "
    "(nomor, keputusan, penanda tangan).",
    "closing",
    (Section("followup", "Tindak lanjut", ("action", "owner", "due", "status")),
     Section("ba_signatory", "Penanda tangan berita acara", ("name", "jabatan", "role"))))

STAGE_CONTENT: dict[int, tuple[Step, ...]] = {
    1: (
        Step("kesiapan", "Analisis kesiapan",
             "Setiap kelompok FGD mengisi kondisi, kekuatan, kelemahan, peluang, ancaman, kesenjangan "
             "dan kata kunci visi untuk setiap elemen; lalu hasilnya digabungkan.",
             "Matriks kesiapan gabungan untuk setiap elemen dan sub-elemen.", "readiness",
             (Section("readiness", "Analisis kesiapan", ("element", "group", "score")),)),
        Step("isu", "Isu strategis",
             "Rumuskan isu strategis dari kesenjangan yang ditemukan.",
             "Daftar isu strategis dengan prioritas.", "records",
             (Section("strategic_issue", "Isu strategis", ("title", "element", "dimension", "priority")),)),
        Step("visi", "Visi",
             "Kumpulkan kata kunci visi dari setiap elemen, lalu rumuskan visi smart city bersama.",
             "Rumusan visi yang disepakati.", "vision"),
        Step("misi", "Misi",
             "Turunkan visi menjadi beberapa misi.", "Daftar misi.", "records",
             (Section("misi", "Misi", ("text",)),)),
        Step("tujuan", "Tujuan, sasaran dan indikator",
             "Untuk setiap misi tetapkan tujuan, sasaran, dan indikator dengan baseline dan target.",
             "Tujuan per misi, sasaran per tujuan, indikator (baseline, target, satuan, tahun) per sasaran.",
             "records",
             (Section("tujuan", "Tujuan", ("misi", "text")),
              Section("sasaran", "Sasaran", ("tujuan", "text")),
              Section("indikator", "Indikator", ("sasaran", "name", "baseline", "target", "unit", "year")))),
    ),
    2: (
        Step("program_eksisting", "Program eksisting",
             "Per misi dan per dimensi, petakan program yang sudah ada di RPJMD dan Renstra setiap OPD.",
             "Program RPJMD dan Renstra (kode, nama, OPD, tahun) untuk setiap misi dan dimensi.", "records",
             (Section("program", "Program RPJMD dan Renstra",
                      ("source", "ref_code", "name", "opd", "misi", "element", "year_start", "year_end"),
                      match=(("source", ("rpjmd", "renstra")),), preset=(("source", "rpjmd"),),
                      filters=("misi", "element")),)),
        Step("program_baru", "Ide program baru",
             "Usulkan program baru untuk jangka pendek, 5 tahun dan 10 tahun, masing-masing dengan OPD pengampu.",
             "Ide program baru dengan horizon dan OPD pengampu.", "records",
             (Section("program", "Ide program baru", ("name", "horizon", "opd", "misi", "element", "status"),
                      match=(("source", ("baru",)),), preset=(("source", "baru"), ("horizon", "5")),
                      filters=("misi", "element")),)),
        Step("rencana_aksi", "Rencana aksi",
             "Untuk setiap program baru, tuliskan langkah kegiatan, pelaksana dan tahunnya.",
             "Baris rencana aksi untuk setiap program baru.", "records",
             (Section("action", "Rencana aksi", ("program", "activity", "opd", "output", "year"),
                      filters=("program",)),)),
    ),
    3: (
        Step("strategi", "Strategi",
             "Rumuskan strategi untuk setiap dimensi dan elemen, dikaitkan dengan misi.",
             "Strategi per dimensi dan elemen.", "records",
             (Section("strategy", "Strategi", ("dimension", "element", "misi", "text"),
                      filters=("dimension",)),)),
        Step("inovasi", "Inovasi dan program",
             "Untuk setiap program, rumuskan inovasinya: berbasis TI atau kebijakan. Status program "
             "dapat diperbarui di sini.",
             "Inovasi yang terkait dengan program; status setiap program.", "records",
             (Section("innovation", "Inovasi", ("name", "type", "program", "opd"), filters=("program",)),
              Section("program", "Program", ("name", "source", "status", "opd", "misi", "element"),
                      preset=(("source", "baru"), ("horizon", "5")), filters=("misi", "element")))),
        None,  # the action plan step of Tahap II, shared (see below)
        Step("peta_jalan", "Peta jalan",
             "Susun peta jalan program per tahun: capaian, perkiraan anggaran dan sumber dana.",
             "Peta jalan program x tahun (1-5, dapat 10) dengan capaian, anggaran dan sumber dana.",
             "roadmap"),
        Step("kandidat_qw", "Kandidat quick win",
             "Usulkan kandidat quick win, nilai dengan kriteria berbobot, lalu pilih daftar pendek.",
             "Kandidat quick win bernilai pada semua kriteria, peringkat, dan daftar pendek.", "scoring"),
        Step("voting", "Voting titik",
             "Setiap kelompok membagikan titik ke kandidat favoritnya; fasilitator mencatat jumlahnya.",
             "Jumlah titik per kandidat dari setiap kelompok.", "dots"),
    ),
    4: (
        Step("reviu_buku", "Reviu buku",
             "Telusuri Buku I dan Buku II bab demi bab; catat status dan masukan setiap bab.",
             "Status dan catatan reviu untuk setiap bab Buku I dan Buku II.", "review"),
        Step("quick_win_final", "Quick win final",
             "Tetapkan quick win final di pleno dan lengkapi lembar setiap quick win.",
             "3-6 quick win final, masing-masing dengan lembar lengkap (masalah, solusi, manfaat, OPD, "
             "kolaborator, jadwal paling lama 12 bulan, anggaran, indikator).", "records",
             (Section("quick_win", "Quick win", ("name", "status", "opd", "months", "budget"),
                      match=(("status", ("terpilih", "quick_win")),), preset=(("status", "terpilih"),)),)),
        Step("teks_komitmen", "Teks komitmen",
             "Bacakan teks komitmen bersama dan sepakati versi akhirnya sebelum ditandatangani.",
             "Teks komitmen versi akhir yang disepakati.", "commitment_text"),
        Step("penandatanganan", "Penandatanganan komitmen",
             "Kepala daerah, wakil, ketua DPRD dan setiap kepala OPD menandatangani komitmen bersama.",
             "Lembar komitmen yang ditandatangani semua penanda tangan.", "signing"),
    ),
}


STAGES_WITH_STEPS = tuple(STAGE_CONTENT)


def steps_for(stage: int) -> tuple[Step, ...]:
    if stage not in STAGE_CONTENT:
        raise ValueError(f"stage {stage}")
    action = next(st for st in STAGE_CONTENT[2] if st.key == "rencana_aksi")
    content = tuple(action if st is None else st for st in STAGE_CONTENT[stage])
    return (PREPARATION, REGISTRATION, *content, CLOSING)


def step_for(stage: int, key: str) -> Step:
    for s in steps_for(stage):
        if s.key == key:
            return s
    raise KeyError(key)


# --- the checks ------------------------------------------------------------

def _still_missing(*parts: tuple[str, bool]) -> str:
    names = [name for name, present in parts if not present]
    return "belum: " + ", ".join(names) if names else ""


def _ratio(done: int, total: int) -> str:
    return f"{done} dari {total}"


def _share(label: str, items: Iterable, ok: Callable, empty_done: bool = False) -> Check:
    items = list(items)
    good = sum(1 for i in items if ok(i))
    if not items:
        return Check(label, empty_done, "belum ada")
    return Check(label, good == len(items), _ratio(good, len(items)))


def _complete(item: Item) -> bool:
    return not missing_fields(KINDS[item.kind], dict(item.data))


def _at_least(label: str, items: list, n: int = 1) -> Check:
    return Check(label, len(items) >= n, f"{len(items)}" + (f" (minimal {n})" if n > 1 else ""))


def _children(snap: Snapshot, kind: str, ref: str, parents: list[Item]) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = {p.id: [] for p in parents}
    for item in snap.of(kind):
        if item.data.get(ref) in out:
            out[item.data[ref]].append(item)
    return out


def _preparation(snap: Snapshot) -> list[Check]:
    agenda_days = {i.data.get("day") for i in snap.of("agenda")}
    groups = snap.of("fgd_group")
    return [
        Check("Tanggal dan tempat ditetapkan", bool(snap.days) and bool(snap.venue.strip()),
              _still_missing(("tanggal", bool(snap.days)), ("tempat", bool(snap.venue.strip())))),
        _share("Agenda tersusun untuk setiap hari", snap.days, lambda d: d.isoformat() in agenda_days),
        _at_least("Mentor atau narasumber dicatat", snap.of("mentor")),
        _share("Kelompok FGD dibentuk, setiap kelompok punya anggota", groups,
               lambda g: bool(g.data.get("members"))),
    ]


def _registration(snap: Snapshot) -> list[Check]:
    total = sum(snap.present.values())
    return [_share("Peserta hadir tercatat di setiap hari", snap.days, lambda d: snap.present.get(d, 0) > 0),
            Check("Jumlah kehadiran", total > 0, f"{total} kehadiran")]


def merged_readiness(snap: Snapshot) -> dict[str, Mapping]:
    return {i.data.get("element"): i.data for i in snap.of("readiness") if not i.data.get("group")}


def _readiness(snap: Snapshot) -> list[Check]:
    elements = [key for key, _ in snap.config.elements]
    merged = merged_readiness(snap)
    groups = [g.id for g in snap.of("fgd_group")]
    filled = {i.data.get("group") for i in snap.of("readiness")
              if i.data.get("group") and any(not is_blank(i.data.get(k)) for k in READINESS_TEXT_FIELDS)}
    return [
        _share("Masukan setiap kelompok FGD tercatat", groups, lambda g: g in filled),
        _share("Kondisi saat ini (gabungan) untuk setiap sub-elemen", elements,
               lambda e: not is_blank(merged.get(e, {}).get("kondisi"))),
        _share("SWOT gabungan lengkap", elements,
               lambda e: all(not is_blank(merged.get(e, {}).get(k))
                             for k in ("kekuatan", "kelemahan", "peluang", "ancaman"))),
        _share("Kesenjangan (gap) dirumuskan", elements, lambda e: not is_blank(merged.get(e, {}).get("gap"))),
        Check("Kata kunci visi terkumpul", bool(vision_keywords(snap)), f"{len(vision_keywords(snap))} kata kunci"),
    ]


def vision_keywords(snap: Snapshot) -> list[tuple[str, int]]:
    return roll_up_keywords([dict(i.data) for i in snap.of("readiness")])


def _issues(snap: Snapshot) -> list[Check]:
    issues = snap.of("strategic_issue")
    return [_at_least("Isu strategis dirumuskan", issues, 3),
            _share("Setiap isu punya uraian dan prioritas", issues,
                   lambda i: not is_blank(i.data.get("description")) and not is_blank(i.data.get("priority")))]


def _vision(snap: Snapshot) -> list[Check]:
    visi = snap.one("visi")
    return [Check("Rumusan visi ditulis", not is_blank(visi.get("text"))),
            Check("Visi disepakati", visi.get("status") == "disepakati")]


def _misi(snap: Snapshot) -> list[Check]:
    return [_at_least("Misi dirumuskan", snap.of("misi"))]


def _goals(snap: Snapshot) -> list[Check]:
    misi = snap.of("misi")
    tujuan = snap.of("tujuan")
    sasaran = snap.of("sasaran")
    by_misi = _children(snap, "tujuan", "misi", misi)
    by_tujuan = _children(snap, "sasaran", "tujuan", tujuan)
    by_sasaran = _children(snap, "indikator", "sasaran", sasaran)
    return [
        _share("Setiap misi punya tujuan", misi, lambda m: bool(by_misi[m.id])),
        _share("Setiap tujuan punya sasaran", tujuan, lambda t: bool(by_tujuan[t.id])),
        _share("Setiap sasaran punya indikator", sasaran, lambda s: bool(by_sasaran[s.id])),
        _share("Setiap indikator punya baseline, target, satuan dan tahun", snap.of("indikator"),
               lambda i: all(not is_blank(i.data.get(k)) for k in ("baseline", "target", "unit", "year"))),
    ]


def programmes(snap: Snapshot, sources: tuple[str, ...]) -> list[Item]:
    return [p for p in snap.of("program") if p.data.get("source") in sources]


def _existing(snap: Snapshot) -> list[Check]:
    existing = programmes(snap, ("rpjmd", "renstra"))
    everything = snap.of("program")
    covered_misi = {p.data.get("misi") for p in everything}
    dim_of = snap.element_dimension()
    covered_dims = {dim_of.get(p.data.get("element")) for p in everything}
    return [
        _at_least("Program RPJMD/Renstra dipetakan", existing),
        _share("Setiap misi punya program", snap.of("misi"), lambda m: m.id in covered_misi),
        _share("Setiap dimensi punya program", snap.dimensions, lambda d: d[0] in covered_dims),
        _share("Setiap program lengkap (misi, elemen, OPD)", existing, _complete),
    ]


def _new(snap: Snapshot) -> list[Check]:
    new = programmes(snap, ("baru",))
    horizons = {p.data.get("horizon") for p in new}
    return [
        _at_least("Ide program baru diusulkan", new),
        _share("Setiap ide punya horizon dan OPD pengampu", new,
               lambda p: not is_blank(p.data.get("horizon")) and not is_blank(p.data.get("opd"))),
        Check("Ada ide jangka menengah (5 tahun) dan panjang (10 tahun)", {"5", "10"} <= horizons,
              _still_missing(("5 tahun", "5" in horizons), ("10 tahun", "10" in horizons))),
    ]


def _actions(snap: Snapshot) -> list[Check]:
    new = programmes(snap, ("baru",))
    by_program = _children(snap, "action", "program", new)
    return [
        _share("Setiap program baru punya rencana aksi", new, lambda p: bool(by_program[p.id])),
        _share("Setiap rencana aksi punya OPD pelaksana dan tahun", snap.of("action"),
               lambda a: not is_blank(a.data.get("opd")) and not is_blank(a.data.get("year"))),
    ]


def _closing(snap: Snapshot) -> list[Check]:
    notulen = dict(snap.one("notulen"))
    ba = dict(snap.one("berita_acara"))
    missing_n = missing_fields(KINDS["notulen"], notulen)
    missing_b = missing_fields(KINDS["berita_acara"], ba)
    return [
        Check("Notulen lengkap", not missing_n,
              _still_missing(*((m, False) for m in missing_n))),
        _share("Tindak lanjut dengan penanggung jawab", snap.of("followup"), _complete),
        Check("Berita acara lengkap", not missing_b,
              _still_missing(*((m, False) for m in missing_b))),
        _at_least("Penanda tangan berita acara", snap.of("ba_signatory"), 2),
    ]


def _strategy(snap: Snapshot) -> list[Check]:
    strategies = snap.of("strategy")
    covered = {i.data.get("dimension") for i in strategies}
    return [_share("Setiap dimensi punya strategi", snap.dimensions, lambda d: d[0] in covered),
            _share("Setiap strategi terkait misi", strategies, lambda i: not is_blank(i.data.get("misi")))]


def _innovation(snap: Snapshot) -> list[Check]:
    innovations = snap.of("innovation")
    progs = {p.id for p in snap.of("program")}
    return [_at_least("Inovasi dirumuskan", innovations),
            _share("Setiap inovasi terkait program", innovations, lambda i: i.data.get("program") in progs),
            _share("Setiap program punya status", snap.of("program"), lambda p: not is_blank(p.data.get("status")))]


def roadmap_programmes(snap: Snapshot) -> list[Item]:
    """Programmes that belong on the roadmap: the new ideas and any programme already given a year."""
    on_map = {r.data.get("program") for r in snap.of("roadmap")}
    return [p for p in snap.of("program")
            if p.data.get("status") != "ditolak" and (p.data.get("source") == "baru" or p.id in on_map)]


def _roadmap(snap: Snapshot) -> list[Check]:
    on_map = {r.data.get("program") for r in snap.of("roadmap")}
    entries = snap.of("roadmap")
    return [_share("Setiap program baru ada di peta jalan", programmes(snap, ("baru",)),
                   lambda p: p.id in on_map or p.data.get("status") == "ditolak"),
            _share("Setiap capaian punya anggaran dan sumber dana", entries,
                   lambda r: not is_blank(r.data.get("budget")) and not is_blank(r.data.get("source")))]


def candidates(snap: Snapshot) -> list[Item]:
    return snap.of("quick_win")


def ranking(snap: Snapshot):
    """The live quick-win ranking of this snapshot (see domain/quickwins.py)."""
    from .quickwins import Candidate, Criterion, dot_totals, rank

    cfg = dict(snap.one("qw_config"))
    lo, hi = cfg.get("score_min"), cfg.get("score_max")
    scale = (lo if isinstance(lo, int) else 1, hi if isinstance(hi, int) else 5)
    criteria = [Criterion(c.id, str(c.data.get("name") or ""), int(c.data.get("weight") or 0),
                          c.data.get("source") or "manual") for c in snap.of("qw_criterion")]
    dots = dot_totals((v.data.get("candidate"), v.data.get("group"), v.data.get("dots") or 0)
                      for v in snap.of("dot_vote"))
    return rank([Candidate(c.id, str(c.data.get("name") or ""), dict(c.data.get("scores") or {}),
                           c.data.get("status") or "usulan") for c in candidates(snap)], criteria, scale, dots)


def _scoring(snap: Snapshot) -> list[Check]:
    criteria = snap.of("qw_criterion")
    active = [r for r in ranking(snap) if r.rank is not None]
    chosen = [c for c in candidates(snap) if c.data.get("status") in ("terpilih", "quick_win")]
    return [Check("Kriteria penilaian dan bobot ditetapkan",
                  bool(criteria) and sum(int(c.data.get("weight") or 0) for c in criteria) > 0,
                  f"{len(criteria)}"),
            _at_least("Kandidat quick win diusulkan", active, 3),
            _share("Setiap kandidat dinilai pada semua kriteria", active, lambda r: not r.missing),
            _at_least("Daftar pendek dipilih", chosen, 3)]


def _dots(snap: Snapshot) -> list[Check]:
    latest: dict[tuple, int] = {}
    for v in snap.of("dot_vote"):  # the last row per (candidate, group) counts, as in the ranking
        latest[(v.data.get("candidate"), v.data.get("group"))] = v.data.get("dots") or 0
    voted = {group for (_cand, group), n in latest.items() if n > 0}
    return [_share("Setiap kelompok memberi titik", snap.of("fgd_group"), lambda g: g.id in voted)]


def reviewed_chapters(snap: Snapshot) -> dict[str, Mapping]:
    return {i.data.get("chapter"): i.data for i in snap.of("chapter_review")}


def _review(snap: Snapshot) -> list[Check]:
    from .worksheets import BOOK_CHAPTERS

    done = reviewed_chapters(snap)
    keys = [k for k, _ in BOOK_CHAPTERS]
    return [_share("Setiap bab sudah direviu", keys, lambda k: done.get(k, {}).get("status") in ("revisi", "disetujui")),
            _share("Setiap bab disetujui", keys, lambda k: done.get(k, {}).get("status") == "disetujui")]


QUICK_WIN_SHEET = ("opd", "problem", "solution", "benefits", "beneficiaries", "collaborators", "months",
                   "budget", "source", "indicator")


def _final(snap: Snapshot) -> list[Check]:
    final = [c for c in candidates(snap) if c.data.get("status") == "quick_win"]
    return [Check("Quick win final ditetapkan (3-6)", 3 <= len(final) <= 6, f"{len(final)}"),
            _share("Lembar quick win lengkap", final,
                   lambda c: all(not is_blank(c.data.get(k)) for k in QUICK_WIN_SHEET)),
            _share("Jadwal paling lama 12 bulan", final,
                   lambda c: isinstance(c.data.get("months"), int) and c.data["months"] <= 12)]


def _commitment_text(snap: Snapshot) -> list[Check]:
    version = snap.commitment[0]
    agreed = snap.one("commitment_agreement").get("agreed_version")
    return [Check("Teks komitmen versi terakhir disepakati", bool(version) and agreed == version,
                  _still_missing(("kesepakatan", agreed == version)) if version else "belum ada")]


def _signing(snap: Snapshot) -> list[Check]:
    _version, signed, total = snap.commitment
    return [Check("Semua penanda tangan sudah menandatangani", total > 0 and signed == total,
                  _ratio(signed, total) if total else "belum ada")]


CHECKS: dict[str, Callable[[Snapshot], list[Check]]] = {
    "strategi": _strategy, "inovasi": _innovation, "peta_jalan": _roadmap, "kandidat_qw": _scoring,
    "voting": _dots, "reviu_buku": _review, "quick_win_final": _final, "teks_komitmen": _commitment_text,
    "penandatanganan": _signing,
    "persiapan": _preparation, "registrasi": _registration, "kesiapan": _readiness, "isu": _issues,
    "visi": _vision, "misi": _misi, "tujuan": _goals, "program_eksisting": _existing, "program_baru": _new,
    "rencana_aksi": _actions, "penutup": _closing,
}


def checks(step: Step, snap: Snapshot) -> list[Check]:
    return CHECKS[step.key](snap)


def step_state(step: Step, snap: Snapshot) -> str:
    """'done' when every check passes, 'partial' when some do, 'empty' otherwise."""
    results = checks(step, snap)
    passed = sum(c.done for c in results)
    return "done" if passed == len(results) else ("partial" if passed else "empty")


def stage_progress(snap: Snapshot) -> tuple[int, int]:
    """(checks passed, checks in all) over every step of the stage."""
    results = [c for s in steps_for(snap.stage) for c in checks(s, snap)]
    return sum(c.done for c in results), len(results)


class Flow:
    """Where the facilitator is in a stage. Moving never depends on the checks."""

    def __init__(self, stage: int, current: str | None = None) -> None:
        self.steps = steps_for(stage)
        self.index = 0
        if current:
            self.go(current)

    @property
    def current(self) -> Step:
        return self.steps[self.index]

    def go(self, key: str) -> Step:
        for i, s in enumerate(self.steps):
            if s.key == key:
                self.index = i
                break
        return self.current  # an unknown key (a step renamed in a later version) keeps the position

    def next(self) -> Step:
        self.index = min(self.index + 1, len(self.steps) - 1)
        return self.current

    def previous(self) -> Step:
        self.index = max(self.index - 1, 0)
        return self.current

    @property
    def at_start(self) -> bool:
        return self.index == 0

    @property
    def at_end(self) -> bool:
        return self.index == len(self.steps) - 1


def outline_codes(items: Iterable[Item]) -> dict[str, str]:
    """Numbering of the plan outline as in the books: misi M1, tujuan T1.1, sasaran S1.1.1,
    indikator I1.1.1.1; records whose parent is gone get no code."""
    by_kind: dict[str, list[Item]] = {}
    for item in sorted(items, key=lambda i: (i.position, i.id)):
        by_kind.setdefault(item.kind, []).append(item)
    codes: dict[str, str] = {}
    numbers: dict[str, str] = {}
    for n, m in enumerate(by_kind.get("misi", []), 1):
        numbers[m.id] = str(n)
        codes[m.id] = f"M{n}"
    for kind, ref, letter in (("tujuan", "misi", "T"), ("sasaran", "tujuan", "S"), ("indikator", "sasaran", "I")):
        counters: dict[str, int] = {}
        for item in by_kind.get(kind, []):
            parent = item.data.get(ref)
            if parent not in numbers:
                continue
            counters[parent] = counters.get(parent, 0) + 1
            numbers[item.id] = f"{numbers[parent]}.{counters[parent]}"
            codes[item.id] = f"{letter}{numbers[item.id]}"
    return codes
