"""Stages III and IV through their widgets: roadmap, scoring, dot voting, review, quick-win
sheets, the agreed commitment text and signing; programme history."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kotacerdas_desktop.domain import wizard as wz
from kotacerdas_desktop.domain.signature import synthetic_signature
from kotacerdas_desktop.ui.icons import Icons
from kotacerdas_desktop.ui.pages.session import SessionPage

from test_session import fill, reveal  # noqa: E402 - shared typing helpers


@pytest.fixture
def region(services):
    return services.demo.create()


def bimtek(services, region, stage):
    return next(c.id for c in services.bimtek.cards(region) if c.stage == stage)


@pytest.fixture
def page(services, region, qtbot):
    p = SessionPage(services, Icons())
    qtbot.addWidget(p)
    p.resize(1300, 800)
    p.show()
    p.activateWindow()
    qtbot.waitUntil(p.isActiveWindow)
    p.load(region, bimtek(services, region, 3))
    return p


@pytest.fixture
def plan(services, region):
    """A misi, two new programmes and three quick-win candidates to work with."""
    b1 = bimtek(services, region, 1)
    misi = services.worksheets.add(b1, "misi", {"text": "Tata kelola digital"})
    progs = [services.worksheets.add(b1, "program", {"name": n, "source": "baru", "misi": misi.id, "horizon": "5"})
             for n in ("Satu Data", "Kota Tanpa Kertas")]
    cands = [services.worksheets.add(b1, "quick_win", {"name": n, "program": progs[0].id})
             for n in ("SiPelita", "LAPOR Bos", "Si Cepat")]
    return misi, progs, cands


def type_cell(table, row, col, text):
    item = table.item(row, col)
    item.setText(text)  # itemChanged saves, as after typing in the cell and pressing Enter


def test_every_stage_three_and_four_step_opens(page, services, region):
    for stage in (3, 4):
        page.open_bimtek(bimtek(services, region, stage))
        for st in wz.steps_for(stage):
            page.show_step(st.key)
            assert page.current_editor() is not None and page.title.text()


def test_roadmap_cells_budget_and_delete_with_undo(page, services, region, plan, qtbot):
    _misi, progs, _c = plan
    page.show_step("peta_jalan")
    road = page.current_editor()
    assert road.grid.rowCount() == 2 and road.grid.columnCount() == 5
    fill(road.config, {"start_year": "2027"})
    assert road.grid.horizontalHeaderItem(0).text() == "2027"
    road.grid.setCurrentCell(0, 1)
    fill(road.form, {"milestone": "Portal data terbit", "budget": "Rp 250.000.000", "source": "apbd"})
    b3 = bimtek(services, region, 3)
    entry = services.worksheets.find(b3, "roadmap", {"program": progs[0].id, "year": 2})
    assert entry.data["budget"] == 250_000_000 and entry.data["source"] == "apbd"
    assert "Rp 250.000.000" in road.grid.item(0, 1).text()
    assert "2028: Rp 250.000.000" in road.totals.text()
    fill(road.config, {"years": "10"})
    assert road.grid.columnCount() == 10
    road.grid.setFocus()
    road.grid.setCurrentCell(0, 1)
    qtbot.keyClick(road.grid, Qt.Key_Delete)
    assert services.worksheets.find(b3, "roadmap", {"program": progs[0].id, "year": 2}) is None
    page.undo_action.trigger()
    assert services.worksheets.find(b3, "roadmap", {"program": progs[0].id, "year": 2}) is not None


def test_scoring_matrix_ranking_and_shortlist(page, services, region, plan, qtbot, monkeypatch):
    errors = []
    monkeypatch.setattr("kotacerdas_desktop.ui.wizard.steps34.show_error", lambda _p, e: errors.append(str(e)))
    _m, _p, cands = plan
    page.show_step("kandidat_qw")
    score = page.current_editor()
    assert score.defaults_button.isVisible() or True
    score.defaults_button.click()
    b3 = bimtek(services, region, 3)
    criteria = services.worksheets.items(b3, "qw_criterion")
    assert len(criteria) == 8 and sum(c.data["weight"] for c in criteria) == 110
    assert "110" in score.weights.text()
    manual = [i for i, c in enumerate(score.criteria, 1) if c.data.get("source") == "manual"]
    values = {"SiPelita": 5, "LAPOR Bos": 3, "Si Cepat": 4}
    for r, cand in enumerate(score.rows):
        for col in manual:
            type_cell(score.matrix, r, col, str(values[cand.data["name"]]))
    ranked = wz.ranking(services.worksheets.snapshot(b3))
    assert [r.name for r in ranked] == ["SiPelita", "Si Cepat", "LAPOR Bos"]
    assert not ranked[0].missing
    assert score.chart.rows[0][0] == "1. SiPelita"
    type_cell(score.matrix, 0, manual[0], "9")  # outside the 1-5 scale
    assert errors and "1-5" in errors[-1]
    fill(score.config, {"shortlist_size": "2"})
    score.mark_shortlist()
    statuses = {c.data["name"]: c.data["status"] for c in services.worksheets.items(b3, "quick_win")}
    assert statuses == {"SiPelita": "terpilih", "Si Cepat": "terpilih", "LAPOR Bos": "usulan"}
    page.undo_action.trigger()
    page.undo_action.trigger()
    assert all(c.data["status"] == "usulan" for c in services.worksheets.items(b3, "quick_win"))


def test_dot_voting_per_group_counts_in_ranking(page, services, region, plan):
    _m, _p, cands = plan
    b3 = bimtek(services, region, 3)
    groups = [services.worksheets.add(b3, "fgd_group", {"name": n}) for n in ("Kelompok A", "Kelompok B")]
    services.worksheets.add(b3, "qw_criterion", {"name": "Voting", "weight": 100, "source": "dots"})
    page.show_step("voting")
    dots = page.current_editor()
    assert dots.table.columnCount() == 4  # candidate, two groups, total
    row = [c.data["name"] for c in dots.rows].index("LAPOR Bos")
    type_cell(dots.table, row, 1, "4")
    type_cell(dots.table, row, 2, "3")
    assert dots.table.item(row, 3).text() == "7"
    assert dots.chart.rows[0][:2] == ("LAPOR Bos", 7)
    ranked = wz.ranking(services.worksheets.snapshot(b3))
    assert ranked[0].name == "LAPOR Bos" and ranked[0].dots == 7
    assert all(c.done for c in wz.checks(wz.step_for(3, "voting"), services.worksheets.snapshot(b3)))
    assert {v.data["group"] for v in services.worksheets.items(b3, "dot_vote")} == {g.id for g in groups}


def test_stage_four_review_quick_win_sheet_text_and_signing(page, services, region, plan, qtbot, monkeypatch):
    _m, progs, cands = plan
    b4 = bimtek(services, region, 4)
    page.open_bimtek(b4)

    page.show_step("reviu_buku")
    review = page.current_editor()
    assert review.table.rowCount() == 13
    review.table.setCurrentCell(2, 0)
    fill(review.form, {"status": "disetujui", "comments": "Tambahkan data BPS 2025."})
    assert services.worksheets.find(b4, "chapter_review", {"chapter": "b1.3"}).data["status"] == "disetujui"
    assert review.table.item(2, 1).text() == "Disetujui"

    services.worksheets.update(cands[0].id, {"status": "terpilih"})
    page.show_step("quick_win_final")
    final = page.current_editor().editors[0]
    assert [r.data["name"] for r in final.model.rows] == ["SiPelita"]  # only the shortlist
    final.select(final.model.rows[0].id)
    ctx = services.worksheets.context(b4)
    fill(final.form, {"status": "quick_win", "opd": ctx.opds[0][0], "problem": "Antre lama",
                      "solution": "Antrean daring", "benefits": "Layanan cepat", "beneficiaries": "Warga",
                      "months": "8", "budget": "150.000.000", "source": "apbd", "indicator": "Waktu tunggu < 15 menit"})
    final.form.editors["collaborators"].boxes["akademisi"].setChecked(True)
    final.form.editors["collaborators"].boxes["media"].setChecked(True)
    stored = services.worksheets.item(cands[0].id).data
    assert stored["collaborators"] == ["akademisi", "media"] and stored["budget"] == 150_000_000
    assert final.form.editors["budget"].edit.text() == "Rp 150.000.000"
    fill(final.form, {"months": "14"})
    assert "12 bulan" in final.form.warning.text()

    page.show_step("teks_komitmen")
    text = page.current_editor()
    assert "KOMITMEN" in text.text.toPlainText().upper()
    text.agree_button.click()
    snap = services.worksheets.snapshot(b4)
    assert all(c.done for c in wz.checks(wz.step_for(4, "teks_komitmen"), snap))

    def fake_sign(_parent, services_, region_id, sg, view):
        return services_.commitment.sign(region_id, sg.id, synthetic_signature(sg.name, 3),
                                         expected_version=view.version)
    monkeypatch.setattr("kotacerdas_desktop.ui.pages.commitment.sign_with_dialog", fake_sign)
    page.show_step("penandatanganan")
    signing = page.current_editor()
    total = signing.table.rowCount()
    assert total > 3 and signing.bar.value() == 0
    signing.table.selectRow(0)
    with qtbot.waitSignal(page.commitment_changed):
        signing.sign()
    assert signing.bar.value() == 1 and signing.table.item(0, 2).text() == "sudah"
    assert "KC-" in signing.notice.text()
    assert services.worksheets.snapshot(b4).commitment[1:] == (1, total)


def test_programme_history_lists_status_changes(page, services, region, plan, monkeypatch):
    from kotacerdas_desktop.ui.wizard import history as history_mod

    _m, progs, _c = plan
    services.worksheets.update(progs[0].id, {"status": "terpilih"})
    services.worksheets.update(progs[0].id, {"status": "quick_win"})
    page.show_step("inovasi")
    programmes = page.current_editor().editors[1]
    reveal(programmes)
    programmes.select(progs[0].id)
    shown = []
    monkeypatch.setattr(history_mod.HistoryDialog, "exec", lambda self: shown.append(self) or 0)
    programmes.history_button.click()
    table = shown[0].findChild(history_mod.QTableWidget)
    changes = [table.item(r, 2).text() for r in range(table.rowCount())]
    assert changes[0] == "Status: Quick win" and changes[1] == "Status: Terpilih"
    assert table.rowCount() == 3


def test_programmes_and_quick_wins_editable_from_stage_one(page, services, region, plan, monkeypatch, qtbot):
    from kotacerdas_desktop.ui.wizard import masterplan as mp

    _m, progs, cands = plan
    page.open_bimtek(bimtek(services, region, 1))
    seen = []

    def fake_exec(dialog):
        programmes, quick_wins = dialog.editors
        assert {r.data["name"] for r in programmes.model.rows} == {"Satu Data", "Kota Tanpa Kertas"}
        programmes.select(progs[1].id)
        fill(programmes.form, {"status": "ditolak"})
        quick_wins.select(cands[2].id)
        fill(quick_wins.form, {"status": "terpilih"})
        seen.append(True)
        return 0
    monkeypatch.setattr(mp.MasterplanDialog, "exec", fake_exec)
    page.masterplan_button.click()
    assert seen
    assert services.worksheets.item(progs[1].id).data["status"] == "ditolak"
    assert services.worksheets.item(cands[2].id).data["status"] == "terpilih"


def test_projector_follows_the_step_and_the_timer(page, services, region, plan, qtbot):
    page.projector_button.setChecked(True)
    projector = page.projector
    assert projector is not None and projector.isVisible()
    page.show_step("kandidat_qw")
    assert projector.board.board.kind == "ranking"
    page.show_step("peta_jalan")
    assert projector.board.board.kind == "list"
    page.timer.start()
    assert projector.clock_box.isVisible() and ":" in projector.clock.text()
    projector.close()  # Esc on the projector
    assert page.projector is None and not page.projector_button.isChecked()
