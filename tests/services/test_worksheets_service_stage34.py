"""WorksheetService for Tahap III and IV on the demo region: dimension references checked
against the region, quick-win scores stored and read back, dot votes scoped to their bimtek
while candidates belong to the masterplan, the live ranking of a stored snapshot, and the
snapshot's signing progress read from the commitment tables without ever creating one."""
from __future__ import annotations

import pytest

from kotacerdas_desktop.domain import wizard as wz
from kotacerdas_desktop.domain.errors import ValidationError
from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.domain.signature import synthetic_signature

COMMITMENT_TABLES = ("commitment", "commitment_version", "commitment_signatory", "commitment_signature")


@pytest.fixture
def b(services, demo_region):
    """Bimtek ids of the demo region by stage."""
    return {c.stage: c.id for c in services.bimtek.cards(demo_region)}


@pytest.fixture
def ws(services):
    return services.worksheets


@pytest.fixture
def other_region(services):
    region = services.regions.create(RegionInput(kind="kabupaten", name="Lain"))
    return {c.stage: c.id for c in services.bimtek.cards(region)}


def rows(services, sql: str, params=()) -> list[tuple]:
    with services.store.engine.connect() as c:
        return [tuple(r) for r in c.exec_driver_sql(sql, params).all()]


def commitment_rows(services) -> dict[str, int]:
    return {t: rows(services, f"SELECT count(*) FROM {t}")[0][0] for t in COMMITMENT_TABLES}


def work_items(services) -> list[tuple]:
    return rows(services, "SELECT id, kind, position, data, archived FROM work_item ORDER BY id")


# ------------------------------------------------------------------ dimension references

def test_strategy_dimension_must_belong_to_the_region(services, ws, b, other_region):
    own = ws.context(b[3]).dimensions
    foreign = ws.context(other_region[3]).dimensions
    assert own and foreign
    before = work_items(services)
    with pytest.raises(ValidationError, match="Dimensi"):
        ws.add(b[3], "strategy", {"dimension": foreign[0][0], "text": "Strategi asing"})
    with pytest.raises(ValidationError, match="Dimensi"):
        ws.add(b[3], "strategy", {"dimension": "0123456789abcdef" * 2, "text": "Tidak ada"})
    with pytest.raises(ValidationError, match="Dimensi"):  # an element is not a dimension
        ws.add(b[3], "strategy", {"dimension": own[0][2][0][0], "text": "Elemen"})
    assert work_items(services) == before
    view = ws.add(b[3], "strategy", {"dimension": own[0][0].upper(), "element": own[0][2][0][0],
                                     "text": "Layanan publik terpadu"})
    assert view.data["dimension"] == own[0][0] and view.warnings == ()
    with pytest.raises(ValidationError, match="Dimensi"):
        ws.update(view.id, {"dimension": foreign[1][0]})
    assert ws.update(view.id, {"dimension": own[1][0]}).data["dimension"] == own[1][0]
    # the strategy belongs to the masterplan: every stage sees it
    assert [i.id for i in ws.items(b[1], "strategy")] == [view.id]
    assert ws.items(other_region[3], "strategy") == []
    partial = ws.add(b[3], "strategy", {"text": "Tanpa dimensi"})
    assert partial.warnings == ("Dimensi belum diisi",)


def test_snapshot_strategy_check_reads_stored_dimensions(ws, b):
    dims = ws.context(b[3]).dimensions
    misi = ws.add(b[3], "misi", {"text": "Misi"})
    for d in dims[:-1]:
        ws.add(b[3], "strategy", {"dimension": d[0], "misi": misi.id, "text": f"Strategi {d[1]}"})
    c = wz.checks(wz.step_for(3, "strategi"), ws.snapshot(b[3]))[0]
    assert not c.done and c.detail == f"{len(dims) - 1} dari {len(dims)}"
    ws.add(b[3], "strategy", {"dimension": dims[-1][0], "misi": misi.id, "text": "Terakhir"})
    assert all(c.done for c in wz.checks(wz.step_for(3, "strategi"), ws.snapshot(b[3])))


# ------------------------------------------------------------------ quick wins and dots

def test_quick_win_scores_round_trip_through_update(ws, b):
    c1 = ws.add(b[3], "qw_criterion", {"name": "Dampak", "weight": 60})
    c2 = ws.add(b[3], "qw_criterion", {"name": "Cepat", "weight": 40})
    assert c1.data == {"name": "Dampak", "weight": 60, "source": "manual"}
    qw = ws.add(b[3], "quick_win", {"name": "Lapor cepat", "scores": {c1.id: 4}})
    assert qw.data["scores"] == {c1.id: 4} and qw.data["status"] == "usulan"
    dashed = f"{c2.id[:8]}-{c2.id[8:12]}-{c2.id[12:16]}-{c2.id[16:20]}-{c2.id[20:]}".upper()
    updated = ws.update(qw.id, {"scores": {c1.id: 5, dashed: 3}})
    assert updated.data["scores"] == {c1.id: 5, c2.id: 3}
    assert ws.item(qw.id).data["scores"] == {c1.id: 5, c2.id: 3}
    assert ws.update(qw.id, {"scores": {c1.id: 5, c2.id: None}}).data["scores"] == {c1.id: 5}
    with pytest.raises(ValidationError, match="Skor per kriteria"):
        ws.update(qw.id, {"scores": {c1.id: 11}})
    assert ws.item(qw.id).data["scores"] == {c1.id: 5}
    sheet = ws.update(qw.id, {"budget": "Rp 1.500.000", "months": "18", "collaborators": ["media", "pemerintah"]})
    assert sheet.data["budget"] == 1_500_000 and sheet.data["collaborators"] == ["pemerintah", "media"]
    assert sheet.warnings == ("quick win harus selesai dalam 12 bulan", "sumber dana belum dipilih")
    assert ws.update(qw.id, {"months": 6, "source": "apbd"}).warnings == ()


def test_dot_votes_belong_to_their_bimtek_and_candidates_to_the_region(ws, b, other_region):
    group = ws.add(b[3], "fgd_group", {"name": "Kelompok 1"})
    qw = ws.add(b[3], "quick_win", {"name": "Lapor cepat"})
    vote = ws.add(b[3], "dot_vote", {"candidate": qw.id, "group": group.id, "dots": 4})
    assert vote.bimtek_id == b[3] and vote.warnings == ()
    assert [i.id for i in ws.items(b[3], "dot_vote")] == [vote.id]
    for other in (b[1], b[2], b[4]):
        assert ws.items(other, "dot_vote") == []
        assert [i.id for i in ws.items(other, "quick_win")] == [qw.id]
        # cast in bimtek 3, the votes count in the ranking of every stage's snapshot
        assert [i.id for i in ws.snapshot(other).of("dot_vote")] == [vote.id]
        assert [i.id for i in ws.snapshot(other).of("quick_win")] == [qw.id]
    assert [i.id for i in ws.snapshot(b[3]).of("dot_vote")] == [vote.id]
    assert ws.items(other_region[3], "quick_win") == []
    # a vote must point at a quick-win candidate of this region
    with pytest.raises(ValidationError, match="Kandidat"):
        ws.add(b[3], "dot_vote", {"candidate": group.id, "group": group.id, "dots": 1})
    foreign_group = ws.add(other_region[3], "fgd_group", {"name": "Asing"})
    with pytest.raises(ValidationError, match="Kelompok"):
        ws.add(b[3], "dot_vote", {"candidate": qw.id, "group": foreign_group.id, "dots": 1})
    ws.set_archived([qw.id])
    with pytest.raises(ValidationError, match="Kandidat"):
        ws.add(b[3], "dot_vote", {"candidate": qw.id, "group": group.id, "dots": 1})


def test_stored_ranking_and_scoring_checks(ws, b):
    ws.upsert(b[3], "qw_config", {}, {"score_min": 1, "score_max": 5, "shortlist_size": 2})
    c1 = ws.add(b[3], "qw_criterion", {"name": "Dampak", "weight": 50})
    dots = ws.add(b[3], "qw_criterion", {"name": "Voting titik", "weight": 50, "source": "dots"})
    groups = [ws.add(b[3], "fgd_group", {"name": f"Kelompok {n}"}) for n in (1, 2)]
    cands = [ws.add(b[3], "quick_win", {"name": name, "status": status, "scores": {c1.id: score}})
             for name, status, score in (("Apel", "terpilih", 5), ("Bambu", "terpilih", 3),
                                         ("Cendana", "terpilih", 3), ("Durian", "ditolak", 5))]
    ws.add(b[3], "dot_vote", {"candidate": cands[1].id, "group": groups[0].id, "dots": 4})
    ws.add(b[3], "dot_vote", {"candidate": cands[2].id, "group": groups[1].id, "dots": 2})
    snap = ws.snapshot(b[3])
    ranked = wz.ranking(snap)
    assert [(r.name, r.rank, r.dots) for r in ranked] == [("Bambu", 1, 4), ("Apel", 2, 0), ("Cendana", 2, 2),
                                                          ("Durian", None, 0)]
    assert [r.total for r in ranked[:3]] == [75.0, 50.0, 50.0]  # a tie: 1, 2, 2
    assert all(c.done for c in wz.checks(wz.step_for(3, "kandidat_qw"), snap))
    assert all(c.done for c in wz.checks(wz.step_for(3, "voting"), snap))
    assert dots.data["source"] == "dots"
    # dot votes of stage 3 count in the stage-4 ranking too (the final pick is made there)
    assert [r.dots for r in wz.ranking(ws.snapshot(b[4]))] == [r.dots for r in wz.ranking(snap)]


def test_roadmap_and_chapter_review_through_the_service(ws, b, demo_region, services):
    ctx = ws.context(b[3])
    misi = ws.add(b[3], "misi", {"text": "Misi"})
    prog = ws.add(b[3], "program", {"source": "baru", "name": "Aplikasi", "misi": misi.id,
                                    "element": ctx.dimensions[0][2][0][0], "opd": ctx.opds[0][0], "horizon": "5"})
    entry = ws.add(b[3], "roadmap", {"program": prog.id, "year": 1, "milestone": "Uji coba",
                                     "budget": "Rp 250.000.000"})
    assert entry.data["budget"] == 250_000_000 and entry.warnings == ("sumber dana belum dipilih",)
    assert ws.update(entry.id, {"source": "apbd"}).warnings == ()
    assert all(c.done for c in wz.checks(wz.step_for(3, "peta_jalan"), ws.snapshot(b[3])))
    review = ws.upsert(b[4], "chapter_review", {"chapter": "b2.6"}, {"status": "disetujui"})
    again = ws.upsert(b[4], "chapter_review", {"chapter": "b2.6"}, {"comments": "Tambah foto"})
    assert again.id == review.id and again.data["status"] == "disetujui"
    with pytest.raises(ValidationError, match="Bab"):
        ws.add(b[4], "chapter_review", {"chapter": "b9.9"})
    c = wz.checks(wz.step_for(4, "reviu_buku"), ws.snapshot(b[4]))[0]
    assert c.detail == "1 dari 13"


# ------------------------------------------------------------------ commitment progress

def test_snapshot_reads_commitment_progress_without_creating_it(services, ws, b, demo_region):
    before = commitment_rows(services)
    assert before["commitment"] == 0
    for stage in (1, 2, 3, 4):
        assert ws.snapshot(b[stage]).commitment == (0, 0, 0)
    ws.context(b[4])
    assert commitment_rows(services) == before
    check = wz.checks(wz.step_for(4, "penandatanganan"), ws.snapshot(b[4]))[0]
    assert not check.done and check.detail == "belum ada"

    view = services.commitment.view(demo_region)  # viewing creates version 1 and the signatories
    n = len(view.signatories)
    assert n > 0
    after_view = commitment_rows(services)
    assert after_view["commitment"] == 1 and after_view["commitment_version"] == 1
    assert ws.snapshot(b[4]).commitment == (1, 0, n)
    assert ws.snapshot(b[1]).commitment == (1, 0, n)  # the commitment is the region's
    assert commitment_rows(services) == after_view

    first = view.signatories[0]
    services.commitment.sign(demo_region, first.id, synthetic_signature(first.name, 1))
    assert ws.snapshot(b[4]).commitment == (1, 1, n)
    check = wz.checks(wz.step_for(4, "penandatanganan"), ws.snapshot(b[4]))[0]
    assert not check.done and check.detail == f"1 dari {n}"

    # the agreed version follows the current text
    ws.upsert(b[4], "commitment_agreement", {}, {"agreed_version": 1})
    assert wz.checks(wz.step_for(4, "teks_komitmen"), ws.snapshot(b[4]))[0].done
    assert services.commitment.set_text(demo_region, view.text + "\n\nTambahan.") == 2
    snap = ws.snapshot(b[4])
    assert snap.commitment == (2, 0, n)  # the earlier signature stays with version 1
    assert not wz.checks(wz.step_for(4, "teks_komitmen"), snap)[0].done


def test_signing_progress_counts_active_signatories_only(services, ws, b, demo_region):
    view = services.commitment.view(demo_region)
    n = len(view.signatories)
    signed, removed = view.signatories[0], view.signatories[1]
    services.commitment.sign(demo_region, signed.id, synthetic_signature(signed.name, 1))
    services.commitment.sign(demo_region, removed.id, synthetic_signature(removed.name, 2))
    assert ws.snapshot(b[4]).commitment == (1, 2, n)
    services.commitment.remove_signatory(removed.id)
    assert ws.snapshot(b[4]).commitment == (1, 1, n - 1)


def test_snapshot_of_another_region_stays_empty(services, ws, b, demo_region, other_region):
    services.commitment.view(demo_region)
    before = commitment_rows(services)
    assert ws.snapshot(other_region[4]).commitment == (0, 0, 0)
    assert commitment_rows(services) == before
