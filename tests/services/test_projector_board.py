"""The projector boards: every step of every stage gives a board of the expected kind with
content on the demo region (Tahap III and IV content added here), nothing private ever
reaches a board, and an empty region gives empty boards without failing."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from kotacerdas_desktop.domain import wizard as wz
from kotacerdas_desktop.domain.regions import RegionInput
from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.services import Services
from kotacerdas_desktop.services.projector import (Board, KeywordRow, RankRow, Row, SignRow, SwotRow, board_for,
                                                   shorten)
from kotacerdas_desktop.services.worksheets import WizardContext
from kotacerdas_desktop.storage.models import Person

EXPECTED = {
    "persiapan": "agenda", "registrasi": "list", "kesiapan": "swot", "isu": "list", "visi": "keywords",
    "misi": "list", "tujuan": "list", "program_eksisting": "list", "program_baru": "list", "rencana_aksi": "list",
    "strategi": "list", "inovasi": "list", "peta_jalan": "list", "kandidat_qw": "ranking", "voting": "ranking",
    "reviu_buku": "checks", "quick_win_final": "list", "teks_komitmen": "list", "penandatanganan": "signing",
    "penutup": "list",
}
ROW_TYPES = {"agenda": Row, "list": Row, "checks": Row, "swot": SwotRow, "ranking": RankRow, "signing": SignRow,
             "keywords": KeywordRow}


def fill_later_stages(services: Services, cards: dict) -> None:
    """Tahap III and IV content for whatever kind the demo leaves empty: strategies,
    innovations, a roadmap, quick-win criteria, scored candidates, dot votes, chapter reviews."""
    ws = services.worksheets
    b3, b4 = cards[3].id, cards[4].id
    ctx = ws.context(b3)
    snap = ws.snapshot(b3)
    misi = snap.of("misi")[0].id
    new = wz.programmes(snap, ("baru",))
    if not snap.of("strategy"):
        for dim_id, _name, elements in ctx.dimensions[:3]:
            ws.add(b3, "strategy", {"dimension": dim_id, "element": elements[0][0], "misi": misi,
                                    "text": "Memperkuat layanan digital terpadu dengan satu data"})
    if not snap.of("innovation"):
        ws.add(b3, "innovation", {"program": new[0].id, "name": "Aplikasi layanan warga", "type": "ti"})
    if not snap.of("roadmap"):
        ws.upsert(b3, "roadmap_config", {}, {"start_year": 2027, "years": "5"})
        for year, milestone in ((1, "Perwali ditetapkan"), (2, "Portal data berjalan")):
            ws.add(b3, "roadmap", {"program": new[0].id, "year": year, "milestone": milestone})
    if not snap.of("quick_win"):
        crit = [ws.add(b3, "qw_criterion", {"name": name, "weight": w}).id
                for name, w in (("Selesai dalam satu tahun", 60), ("Dampak langsung", 40))]
        groups = [g.id for g in snap.of("fgd_group")]
        for n, name in enumerate(("SiCantik Kilat", "Lapor Cepat", "Pasar Daring", "Sekolah Pintar")):
            cand = ws.add(b3, "quick_win", {"name": name, "status": "quick_win" if n < 3 else "usulan",
                                            "scores": {crit[0]: 5 - n, crit[1]: 4}, "opd": ctx.opds[0][0],
                                            "months": 6 + n})
            ws.add(b3, "dot_vote", {"candidate": cand.id, "group": groups[0], "dots": 12 - 3 * n})
    if not snap.of("chapter_review"):
        for key, status in (("b1.1", "disetujui"), ("b1.2", "revisi")):
            ws.add(b4, "chapter_review", {"chapter": key, "status": status})


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    services = Services.open(prepare_paths(tmp_path_factory.mktemp("projector") / "data"))
    region = services.demo.create()
    services.demo.fill_full(region)
    services.demo.fill_worksheets(region)
    cards = {c.stage: c for c in services.regions.detail(region).bimtek}
    fill_later_stages(services, cards)
    yield services, region, cards
    services.close()


def _boards(services, region, cards, stage):
    snap = services.worksheets.snapshot(cards[stage].id)
    ctx = services.worksheets.context(cards[stage].id)
    commitment = services.commitment.view(region)
    return [(step, board_for(step, snap, ctx, commitment, today=date(2000, 1, 1)))
            for step in wz.steps_for(stage)]


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_every_step_has_a_board_with_content(demo, stage):
    services, region, cards = demo
    for step, board in _boards(services, region, cards, stage):
        assert isinstance(board, Board)
        assert board.kind == EXPECTED[step.key], step.key
        assert board.title, step.key
        assert board.rows, step.key
        assert all(isinstance(r, ROW_TYPES[board.kind]) for r in board.rows), step.key


def test_board_details(demo):
    services, region, cards = demo
    one = dict((s.key, b) for s, b in _boards(services, region, cards, 1))
    assert one["persiapan"].subtitle.startswith("Hari ke-1")  # no agenda today: the first day
    assert one["persiapan"].rows[0].marker == "08:00–08:30"
    assert [r.text for r in one["registrasi"].rows] == ["103 hadir", "102 hadir"]
    assert one["kesiapan"].columns == ("Kekuatan", "Kelemahan", "Peluang", "Ancaman")
    assert len(one["kesiapan"].rows) == 9 and all(len(r.kekuatan) < 100 for r in one["kesiapan"].rows)
    assert one["visi"].text.startswith("Kota Contoh") and one["visi"].rows[0].count >= one["visi"].rows[-1].count
    assert one["isu"].rows[0].detail == "Tinggi"
    assert [r.marker for r in one["tujuan"].rows[:3]] == ["M1", "T1.1", "T1.2"]
    three = dict((s.key, b) for s, b in _boards(services, region, cards, 3))
    ranking = three["voting"].rows
    assert [r.rank for r in ranking] == sorted(r.rank for r in ranking) and ranking[0].rank == 1
    assert [r.total for r in ranking] == sorted((r.total for r in ranking), reverse=True)
    assert any(r.dots for r in ranking) and "titik" in three["voting"].subtitle
    milestones = [r for r in three["peta_jalan"].rows if r.level == 1]
    assert milestones and all(r.marker for r in milestones)
    four = dict((s.key, b) for s, b in _boards(services, region, cards, 4))
    assert len(four["reviu_buku"].rows) == 13
    assert {r.state for r in four["reviu_buku"].rows} <= {"done", "partial", "todo"}
    assert all("bulan" in r.detail for r in four["quick_win_final"].rows)
    assert four["teks_komitmen"].rows[0] == Row("KOMITMEN BERSAMA", level=0)
    signing = four["penandatanganan"]
    assert signing.done == signing.total == len(signing.rows) == 36
    assert signing.rows[0].role_title.startswith("Wali Kota")


def test_nothing_private_reaches_the_projector(demo):
    services, region, cards = demo
    with services.store.session() as s:
        people = [(p.id.hex, p.nip, p.phone, p.email) for p in s.scalars(select(Person))]
    secrets = {v for person in people for v in person if v and len(v) >= 6}
    assert len(secrets) > 100
    for stage in (1, 2, 3, 4):
        for step, board in _boards(services, region, cards, stage):
            text = repr(board)
            leaked = [v for v in secrets if v in text]
            assert not leaked, (step.key, leaked[:3])
    commitment = services.commitment.view(region)
    assert all(s.person_id for s in commitment.signatories)  # the view has them; the board does not


def test_an_empty_region_gives_empty_boards(services):
    region = services.regions.create(RegionInput(kind="kota", name="Kosong"))
    for stage in (1, 2, 3, 4):
        card = next(c for c in services.regions.detail(region).bimtek if c.stage == stage)
        snap = services.worksheets.snapshot(card.id)
        ctx = services.worksheets.context(card.id)
        for step in wz.steps_for(stage):
            board = board_for(step, snap, ctx)
            assert board.kind == EXPECTED[step.key]
            if board.kind != "checks":
                assert not board.rows and not board.text and board.empty, step.key


def test_unknown_step_shows_its_checks():
    step = wz.Step("baru_sekali", "Langkah baru", "", "", "records")
    ctx = WizardContext("", "", 1, "", (), (), ())
    board = board_for(step, wz.Snapshot(stage=1), ctx)
    assert board.kind == "checks" and board.rows == () and board.empty
    known = board_for(wz.step_for(1, "isu"), wz.Snapshot(stage=1), ctx)
    assert known.kind == "list" and not known.rows


def test_shorten():
    assert shorten("  a\n b ") == "a b"
    long = "kata " * 60
    cut = shorten(long, 50)
    assert len(cut) <= 50 and cut.endswith("…") and not cut.endswith(" …")
