"""The guided session of Tahap III and IV without Qt: the step lists (Tahap III shares the
action-plan step of Tahap II), complete and empty hand-built snapshots, and the edges of
each new check: strategy per dimension, innovation, roadmap, scoring and shortlist, dots
per group, book review, 3-6 final quick wins within 12 months, the agreed commitment text
and signing progress."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from kotacerdas_desktop.domain import wizard as wz
from kotacerdas_desktop.domain.wizard import Flow, Item, Snapshot
from kotacerdas_desktop.domain.worksheets import BOOK_CHAPTERS

D1, D2 = date(2027, 3, 9), date(2027, 3, 10)
DIMS = (("dim1", "Smart Governance", (("e1", "Tata kelola"), ("e2", "Layanan publik"))),
        ("dim2", "Smart Branding", (("e3", "Pariwisata"),)))

STAGE3_KEYS = ["persiapan", "registrasi", "strategi", "inovasi", "rencana_aksi", "peta_jalan", "kandidat_qw",
               "voting", "penutup"]
STAGE4_KEYS = ["persiapan", "registrasi", "reviu_buku", "quick_win_final", "teks_komitmen", "penandatanganan",
               "penutup"]


def it(kind: str, id: str, position: int = 0, **data) -> Item:
    return Item(id, kind, data, position)


def results(step_key: str, snap: Snapshot) -> list[wz.Check]:
    return wz.checks(wz.step_for(snap.stage, step_key), snap)


def check(step_key: str, snap: Snapshot, label_start: str) -> wz.Check:
    found = [c for c in results(step_key, snap) if c.label.startswith(label_start)]
    assert len(found) == 1, (step_key, label_start, [c.label for c in results(step_key, snap)])
    return found[0]


def with_items(snap: Snapshot, *items: Item, drop: tuple[str, ...] = ()) -> Snapshot:
    kept = tuple(i for i in snap.items if i.kind not in drop)
    return dataclasses.replace(snap, items=kept + items)


def common_items() -> list[Item]:
    return [
        it("agenda", "ag1", day=D1.isoformat(), start="08:30", end="09:00", title="Pembukaan"),
        it("agenda", "ag2", 1, day=D2.isoformat(), start="08:00", title="Paparan"),
        it("mentor", "mt1", name="Dr. Rina", role="mentor"),
        it("fgd_group", "g1", name="Kelompok 1", members=["p1", "p2"]),
        it("fgd_group", "g2", 1, name="Kelompok 2", members=["p3"]),
        it("notulen", "nt", chair="Sekda", minute_taker="Budi", conclusions="Sepakat"),
        it("followup", "fu1", action="Kirim data", owner="Bappeda"),
        it("berita_acara", "ba", number="005/1/2027", decisions="Disepakati"),
        it("ba_signatory", "bs1", name="A"),
        it("ba_signatory", "bs2", 1, name="B"),
        it("misi", "m1", text="Misi satu"),
        it("misi", "m2", 1, text="Misi dua"),
    ]


SHEET = dict(opd="o1", problem="Aduan lambat", solution="Kanal tunggal", benefits="Cepat", beneficiaries="Warga",
             collaborators=["pemerintah", "media"], months=9, budget=150_000_000, source="apbd",
             indicator="Tanggap < 2 hari")


def quick_win(id: str, position: int = 0, status: str = "quick_win", **data) -> Item:
    return it("quick_win", id, position, name=f"QW {id}", status=status, **{**SHEET, **data})


def stage3() -> Snapshot:
    items = common_items() + [
        it("program", "p1", source="rpjmd", name="SPBE", misi="m1", element="e1", opd="o1", status="terpilih"),
        it("program", "n1", 1, source="baru", name="Aplikasi", misi="m1", element="e2", opd="o1", horizon="5",
           status="usulan"),
        it("program", "n2", 2, source="baru", name="Kota pintar", misi="m2", element="e3", opd="o2", horizon="10",
           status="terpilih"),
        it("strategy", "st1", dimension="dim1", element="e1", misi="m1", text="Layanan terpadu"),
        it("strategy", "st2", 1, dimension="dim2", misi="m2", text="Citra kota"),
        it("innovation", "in1", program="n1", name="Lapor cepat", type="ti", opd="o1"),
        it("innovation", "in2", 1, program="p1", name="Perwali SPBE", type="kebijakan"),
        it("action", "a1", program="n1", activity="Kajian", opd="o1", year=2027),
        it("action", "a2", 1, program="n2", activity="Pilot", opd="o2", year=2028),
        it("roadmap_config", "rc", start_year=2027, years="5"),
        it("roadmap", "r1", program="n1", year=1, milestone="Uji coba", budget=100_000_000, source="apbd"),
        it("roadmap", "r2", 1, program="n2", year=2, milestone="Peluncuran", budget=250_000_000, source="csr"),
        it("qw_config", "qc", score_min=1, score_max=5, shortlist_size=3),
        it("qw_criterion", "c1", name="Dampak", weight=60, source="manual"),
        it("qw_criterion", "c2", 1, name="Cepat", weight=40, source="manual"),
        it("qw_criterion", "c3", 2, name="Voting titik", weight=0, source="dots"),
        it("quick_win", "q1", name="Lapor cepat", status="terpilih", scores={"c1": 5, "c2": 4}),
        it("quick_win", "q2", 1, name="Pasar daring", status="terpilih", scores={"c1": 4, "c2": 4}),
        it("quick_win", "q3", 2, name="Bus sekolah", status="terpilih", scores={"c1": 3, "c2": 5}),
        it("quick_win", "q4", 3, name="Taman baca", status="usulan", scores={"c1": 2, "c2": 2}),
        it("dot_vote", "v1", candidate="q1", group="g1", dots=3),
        it("dot_vote", "v2", 1, candidate="q3", group="g2", dots=2),
    ]
    return Snapshot(3, "Hotel Ngarai", (D1, D2), tuple(items), DIMS, {D1: 20, D2: 18})


def stage4() -> Snapshot:
    items = common_items() + [
        it("chapter_review", f"cr{n}", n, chapter=key, status="disetujui", reviewer="Tim")
        for n, (key, _) in enumerate(BOOK_CHAPTERS)
    ] + [quick_win(f"f{n}", n) for n in range(4)] + [
        quick_win("x1", 5, status="ditolak", months=None),
        it("commitment_agreement", "ca", agreed_version=2, note="Dibacakan di pleno"),
    ]
    return Snapshot(4, "Balai Kota", (D1,), tuple(items), DIMS, {D1: 40}, (2, 36, 36))


# ------------------------------------------------------------------ steps

def test_stage_three_and_four_steps():
    assert [s.key for s in wz.steps_for(3)] == STAGE3_KEYS
    assert [s.key for s in wz.steps_for(4)] == STAGE4_KEYS
    for stage in (3, 4):
        for s in wz.steps_for(stage):
            assert s.key in wz.CHECKS and s.title and s.prompt and s.produces and s.editor, s.key
            if s.editor == "records":
                assert s.sections, s.key
                for section in s.sections:
                    assert section.columns
    assert {s.editor for s in wz.steps_for(3)[2:-1]} == {"records", "roadmap", "scoring", "dots"}
    assert [s.editor for s in wz.steps_for(4)[2:-1]] == ["review", "records", "commitment_text", "signing"]
    assert wz.STAGES_WITH_STEPS == (1, 2, 3, 4)


def test_stage_three_reuses_the_action_plan_step_of_stage_two():
    assert wz.step_for(3, "rencana_aksi") is wz.step_for(2, "rencana_aksi")
    assert None not in wz.steps_for(3)
    assert wz.steps_for(3)[0] is wz.steps_for(4)[0] is wz.PREPARATION
    assert wz.steps_for(3)[-1] is wz.steps_for(4)[-1] is wz.CLOSING


def test_final_quick_win_section_shows_the_chosen_candidates():
    section = wz.step_for(4, "quick_win_final").sections[0]
    assert section.kind == "quick_win"
    assert section.accepts({"status": "terpilih"}) and section.accepts({"status": "quick_win"})
    assert not section.accepts({"status": "usulan"}) and not section.accepts({"status": "ditolak"})
    assert dict(section.preset) == {"status": "terpilih"}


def test_flow_through_stage_three_and_four():
    flow = Flow(3)
    assert [flow.next().key for _ in range(len(STAGE3_KEYS) - 1)] == STAGE3_KEYS[1:]
    assert flow.at_end
    assert Flow(4, "teks_komitmen").index == 4
    assert Flow(4, "strategi").current.key == "persiapan"  # a stage-3 step is not in stage 4


# ------------------------------------------------------------------ complete and empty snapshots

@pytest.mark.parametrize("make", [stage3, stage4])
def test_complete_snapshot_passes_every_check(make):
    snap = make()
    for step in wz.steps_for(snap.stage):
        failed = [c for c in wz.checks(step, snap) if not c.done]
        assert not failed, (step.key, failed)
        assert wz.step_state(step, snap) == "done"
    done, total = wz.stage_progress(snap)
    assert done == total > 0


@pytest.mark.parametrize("stage", [3, 4])
def test_empty_snapshot_fails_every_content_check(stage):
    snap = Snapshot(stage)
    for step in wz.steps_for(stage):
        found = wz.checks(step, snap)
        assert found, step.key
        assert not any(c.done for c in found), (step.key, [c for c in found if c.done])
        assert wz.step_state(step, snap) == "empty"
    assert wz.stage_progress(snap)[0] == 0


@pytest.mark.parametrize("stage, make", [(3, stage3), (4, stage4)])
def test_common_items_alone_leave_the_content_steps_empty(stage, make):
    snap = Snapshot(stage, "Hotel", (D1, D2), tuple(common_items()), DIMS, {D1: 3, D2: 3})
    for step in wz.steps_for(stage)[2:-1]:
        if step.key == "rencana_aksi":
            continue  # no new programmes: nothing to plan
        assert wz.step_state(step, snap) == "empty", (step.key, wz.checks(step, snap))


# ------------------------------------------------------------------ Tahap III

def test_strategy_per_dimension_and_linked_to_misi():
    snap = with_items(stage3(), it("strategy", "st1", dimension="dim1", text="Hanya satu"), drop=("strategy",))
    c = check("strategi", snap, "Setiap dimensi punya strategi")
    assert not c.done and c.detail == "1 dari 2"
    c = check("strategi", snap, "Setiap strategi terkait misi")
    assert not c.done and c.detail == "0 dari 1"
    # no framework loaded: the per-dimension check cannot pass
    assert not check("strategi", dataclasses.replace(stage3(), dimensions=()), "Setiap dimensi").done


def test_innovation_checks():
    snap = with_items(stage3(), it("innovation", "in9", program="gone", name="Yatim", type="ti"))
    c = check("inovasi", snap, "Setiap inovasi terkait program")
    assert not c.done and c.detail == "2 dari 3"
    snap = with_items(stage3(), it("program", "p9", source="renstra", name="Tanpa status", status=""))
    c = check("inovasi", snap, "Setiap program punya status")
    assert not c.done and c.detail == "3 dari 4"
    assert not check("inovasi", with_items(stage3(), drop=("innovation",)), "Inovasi dirumuskan").done


def test_roadmap_needs_every_new_programme_but_ignores_rejected_ones():
    snap = with_items(stage3(), it("program", "n3", 3, source="baru", name="Ditolak", status="ditolak"))
    assert check("peta_jalan", snap, "Setiap program baru ada di peta jalan").done
    assert [p.id for p in wz.roadmap_programmes(snap)] == ["n1", "n2"]
    snap = with_items(stage3(), it("program", "n3", 3, source="baru", name="Baru lagi", status="usulan"))
    c = check("peta_jalan", snap, "Setiap program baru ada di peta jalan")
    assert not c.done and c.detail == "2 dari 3"
    # an existing programme joins the roadmap once given a year; a rejected one never does
    snap = with_items(stage3(), it("roadmap", "r3", 2, program="p1", year=3, milestone="Integrasi",
                                   budget=1, source="apbn_dak"))
    assert [p.id for p in wz.roadmap_programmes(snap)] == ["p1", "n1", "n2"]
    rejected = dataclasses.replace(snap, items=tuple(
        dataclasses.replace(i, data={**i.data, "status": "ditolak"}) if i.id == "p1" else i for i in snap.items))
    assert [p.id for p in wz.roadmap_programmes(rejected)] == ["n1", "n2"]


def test_roadmap_entries_need_budget_and_source():
    snap = with_items(stage3(), it("roadmap", "r3", 2, program="n1", year=2, milestone="Tanpa dana"),
                      it("roadmap", "r4", 3, program="n2", year=3, milestone="Tanpa sumber", budget=5))
    c = check("peta_jalan", snap, "Setiap capaian punya anggaran")
    assert not c.done and c.detail == "2 dari 4"


def test_ranking_of_the_snapshot():
    ranked = wz.ranking(stage3())
    assert [r.id for r in ranked] == ["q1", "q2", "q3", "q4"]
    assert [r.rank for r in ranked] == [1, 2, 3, 4]
    assert [r.dots for r in ranked] == [3, 0, 2, 0]
    # weight 0 on the dots criterion: only 60/40 count
    assert ranked[0].total == pytest.approx(90.0) and ranked[3].total == pytest.approx(25.0)
    # give the dots criterion a weight: the votes now move the ranking
    snap = with_items(stage3(), it("qw_criterion", "c3", 2, name="Voting titik", weight=100, source="dots"),
                      *[i for i in stage3().of("qw_criterion") if i.id != "c3"], drop=("qw_criterion",))
    ranked = wz.ranking(snap)
    assert [r.id for r in ranked][:2] == ["q1", "q3"]
    # a changed scale after scoring: scores clamp into 1-3
    snap = with_items(stage3(), it("qw_config", "qc", score_min=1, score_max=3), drop=("qw_config",))
    # (ties ordered by name: Bus sekolah, Lapor cepat, Pasar daring)
    assert [(r.id, r.rank) for r in wz.ranking(snap)] == [("q3", 1), ("q1", 1), ("q2", 1), ("q4", 4)]


def test_scoring_checks():
    assert all(c.done for c in results("kandidat_qw", stage3()))
    snap = with_items(stage3(), it("quick_win", "q5", 4, name="Baru", status="usulan", scores={"c1": 4}))
    c = check("kandidat_qw", snap, "Setiap kandidat dinilai")
    assert not c.done and c.detail == "4 dari 5"
    # a rejected candidate need not be scored and does not count as a candidate
    snap = with_items(stage3(), it("quick_win", "q5", 4, name="Ditolak", status="ditolak"))
    assert check("kandidat_qw", snap, "Setiap kandidat dinilai").done
    assert check("kandidat_qw", snap, "Kandidat quick win diusulkan").detail == "4 (minimal 3)"
    # a new criterion after scoring leaves every candidate unscored on it
    snap = with_items(stage3(), it("qw_criterion", "c4", 3, name="Siap", weight=10))
    assert check("kandidat_qw", snap, "Setiap kandidat dinilai").detail == "0 dari 4"
    # two candidates only, two chosen
    two = with_items(stage3(), *[q for q in stage3().of("quick_win") if q.id in ("q1", "q2")], drop=("quick_win",))
    assert not check("kandidat_qw", two, "Kandidat quick win diusulkan").done
    assert not check("kandidat_qw", two, "Daftar pendek dipilih").done


def test_scoring_needs_criteria_with_weight():
    zero = with_items(stage3(), it("qw_criterion", "c1", name="Dampak", weight=0),
                      it("qw_criterion", "c2", 1, name="Cepat", weight=0), drop=("qw_criterion",))
    assert not check("kandidat_qw", zero, "Kriteria penilaian").done
    none = with_items(stage3(), drop=("qw_criterion",))
    assert not check("kandidat_qw", none, "Kriteria penilaian").done
    assert check("kandidat_qw", none, "Setiap kandidat dinilai").done  # nothing to score on


def test_dots_are_checked_per_group():
    snap = with_items(stage3(), it("dot_vote", "v1", candidate="q1", group="g1", dots=5), drop=("dot_vote",))
    c = check("voting", snap, "Setiap kelompok memberi titik")
    assert not c.done and c.detail == "1 dari 2"
    snap = with_items(stage3(), it("dot_vote", "v1", candidate="q1", group="g1", dots=5),
                      it("dot_vote", "v2", 1, candidate="q2", group="g2", dots=0), drop=("dot_vote",))
    assert check("voting", snap, "Setiap kelompok memberi titik").detail == "1 dari 2"
    # votes from a group that is not in this bimtek do not count for it
    snap = with_items(stage3(), it("dot_vote", "v1", candidate="q1", group="g1", dots=5),
                      it("dot_vote", "v2", 1, candidate="q2", group="other", dots=4), drop=("dot_vote",))
    assert check("voting", snap, "Setiap kelompok memberi titik").detail == "1 dari 2"
    assert not check("voting", with_items(stage3(), drop=("fgd_group",)), "Setiap kelompok").done


# ------------------------------------------------------------------ Tahap IV

def test_review_per_chapter():
    snap = with_items(stage4(), *[it("chapter_review", f"cr{n}", n, chapter=key,
                                     status="revisi" if n == 0 else ("belum" if n == 1 else "disetujui"))
                                  for n, (key, _) in enumerate(BOOK_CHAPTERS)], drop=("chapter_review",))
    c = check("reviu_buku", snap, "Setiap bab sudah direviu")
    assert not c.done and c.detail == "12 dari 13"
    c = check("reviu_buku", snap, "Setiap bab disetujui")
    assert not c.done and c.detail == "11 dari 13"
    missing_one = with_items(stage4(), *[i for i in stage4().of("chapter_review") if i.data["chapter"] != "b2.7"],
                             drop=("chapter_review",))
    assert check("reviu_buku", missing_one, "Setiap bab sudah direviu").detail == "12 dari 13"


@pytest.mark.parametrize("n, ok", [(0, False), (2, False), (3, True), (4, True), (5, True), (6, True),
                                   (7, False)])
def test_three_to_six_final_quick_wins(n, ok):
    snap = with_items(stage4(), *[quick_win(f"f{i}", i) for i in range(n)],
                      quick_win("t1", 10, status="terpilih"), quick_win("x1", 11, status="ditolak"),
                      drop=("quick_win",))
    c = check("quick_win_final", snap, "Quick win final ditetapkan")
    assert c.done is ok and c.detail == str(n)


def test_final_quick_win_sheets_complete_and_within_twelve_months():
    snap = with_items(stage4(), *[quick_win(f"f{i}", i) for i in range(3)], quick_win("f3", 3, months=13),
                      drop=("quick_win",))
    c = check("quick_win_final", snap, "Jadwal paling lama 12 bulan")
    assert not c.done and c.detail == "3 dari 4"
    assert check("quick_win_final", snap, "Lembar quick win lengkap").done
    snap = with_items(stage4(), *[quick_win(f"f{i}", i) for i in range(3)], quick_win("f3", 3, months=12),
                      drop=("quick_win",))
    assert check("quick_win_final", snap, "Jadwal paling lama 12 bulan").done
    for key in wz.QUICK_WIN_SHEET:
        blank = [] if key == "collaborators" else ("" if key != "months" else None)
        snap = with_items(stage4(), *[quick_win(f"f{i}", i) for i in range(3)],
                          quick_win("f3", 3, **{key: blank}), drop=("quick_win",))
        c = check("quick_win_final", snap, "Lembar quick win lengkap")
        assert not c.done and c.detail == "3 dari 4", key
    # a missing duration fails the schedule check too
    snap = with_items(stage4(), *[quick_win(f"f{i}", i) for i in range(3)], quick_win("f3", 3, months=None),
                      drop=("quick_win",))
    assert not check("quick_win_final", snap, "Jadwal paling lama 12 bulan").done


def test_commitment_text_must_be_the_current_version():
    assert check("teks_komitmen", stage4(), "Teks komitmen").done
    c = check("teks_komitmen", dataclasses.replace(stage4(), commitment=(3, 0, 36)), "Teks komitmen")
    assert not c.done and c.detail == "belum: kesepakatan"
    c = check("teks_komitmen", with_items(stage4(), drop=("commitment_agreement",)), "Teks komitmen")
    assert not c.done and c.detail == "belum: kesepakatan"
    c = check("teks_komitmen", dataclasses.replace(stage4(), commitment=(0, 0, 0)), "Teks komitmen")
    assert not c.done and c.detail == "belum ada"
    no_text = with_items(dataclasses.replace(stage4(), commitment=(0, 0, 0)),
                         it("commitment_agreement", "ca", agreed_version=0), drop=("commitment_agreement",))
    assert not check("teks_komitmen", no_text, "Teks komitmen").done


@pytest.mark.parametrize("progress, ok, detail", [
    ((5, 3, 4), False, "3 dari 4"),
    ((5, 4, 4), True, "4 dari 4"),
    ((5, 0, 4), False, "0 dari 4"),
    ((1, 0, 0), False, "belum ada"),
    ((0, 0, 0), False, "belum ada"),
])
def test_signing_progress(progress, ok, detail):
    c = check("penandatanganan", dataclasses.replace(stage4(), commitment=progress), "Semua penanda tangan")
    assert c.done is ok and c.detail == detail


def test_dots_check_agrees_with_the_last_row_per_candidate_and_group():
    snap = with_items(stage3(), it("dot_vote", "v1", 0, candidate="q1", group="g1", dots=3),
                      it("dot_vote", "v2", 1, candidate="q1", group="g1", dots=0),
                      it("dot_vote", "v3", 2, candidate="q3", group="g2", dots=2), drop=("dot_vote",))
    assert {r.id: r.dots for r in wz.ranking(snap)}["q1"] == 0  # the ranking: g1 gave nothing
    c = check("voting", snap, "Setiap kelompok memberi titik")
    assert not c.done and c.detail == "1 dari 2"
