"""The guided session through its widgets: fill every step of stages I and II the way a
facilitator does (keyboard where it matters), then reopen the database and read it back."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kotacerdas_desktop.domain import wizard as wz
from kotacerdas_desktop.services import Services
from kotacerdas_desktop.ui.icons import Icons
from kotacerdas_desktop.ui.pages.session import SessionPage, translate_detail
from kotacerdas_desktop.ui.wizard.fields import (BoolEditor, ChoiceEditor, DateEditor, LongTextEditor,
                                                 PeopleEditor, TextEditor)


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
    p.load(region, bimtek(services, region, 1))
    return p


def fill(form, values: dict) -> None:
    """Type into the form's editors and finish each edit as a user does."""
    for key, value in values.items():
        ed = form.editors[key]
        if isinstance(ed, LongTextEditor):
            ed.edit.setPlainText(value)
            ed.flush()
        elif isinstance(ed, TextEditor):
            ed.edit.setText(str(value))
            ed.edit.editingFinished.emit()
        elif isinstance(ed, ChoiceEditor):
            i = ed.combo.findData(value)
            assert i >= 0, f"{key}: {value!r} not offered"
            ed.combo.setCurrentIndex(i)
            ed.combo.activated.emit(i)
        elif isinstance(ed, PeopleEditor):
            ed._show(value)
            ed._emit(value)
        elif isinstance(ed, BoolEditor):
            ed.box.setChecked(value)
        elif isinstance(ed, DateEditor):
            from PySide6.QtCore import QDate
            y, m, d = map(int, value.split("-"))
            ed.edit.setDate(QDate(y, m, d))
            ed.edit.editingFinished.emit()


def reveal(widget) -> None:
    """Bring the tab holding widget to the front, as a user clicks it."""
    from PySide6.QtWidgets import QTabWidget
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QTabWidget):
            for i in range(parent.count()):
                tab = parent.widget(i)
                if tab is widget or tab.isAncestorOf(widget):
                    parent.setCurrentIndex(i)
        parent = parent.parentWidget()


def add_row(qtbot, editor, values: dict):
    reveal(editor)
    before = editor.model.rowCount()
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key_Return, Qt.ControlModifier)
    assert editor.model.rowCount() == before + 1
    fill(editor.form, values)
    return editor.current()


def step(page, key):
    page.show_step(key)
    return page.current_editor()


def test_steps_come_from_the_domain_and_warnings_never_block(page):
    keys = [page.steps.item(i).data(Qt.UserRole) for i in range(page.steps.count())]
    assert keys == [s.key for s in wz.steps_for(1)]
    assert "⚠" in page.checks.text()  # nothing captured yet
    for _ in keys:
        page.next()
    assert page.flow.current.key == "penutup" and not page.next_button.isEnabled()
    page.steps.setCurrentRow(2)  # any step can be revisited
    assert page.flow.current.key == "kesiapan"
    page.previous()
    assert page.flow.current.key == "registrasi"


def test_fill_stage_one_and_read_back_after_reopening(page, services, region, paths, qtbot):
    b1 = bimtek(services, region, 1)
    ctx = services.worksheets.context(b1)
    members = [pid for pid, _ in ctx.people[:5]]

    prep = step(page, "persiapan")
    agenda, mentors, groups = prep.editors
    add_row(qtbot, agenda, {"day": ctx.days[0].isoformat(), "start": "8.30", "end": "09:15",
                            "title": "Pembukaan", "speaker": "Wali Kota"})
    add_row(qtbot, agenda, {"day": ctx.days[1].isoformat(), "start": "08.00", "title": "Paparan hasil FGD"})
    add_row(qtbot, mentors, {"name": "Dr. Rina Mentor", "role": "tenaga_ahli", "institution": "Komdigi"})
    g1 = add_row(qtbot, groups, {"name": "Kelompok Struktur", "members": members[:3]})
    g2 = add_row(qtbot, groups, {"name": "Kelompok Infrastruktur", "members": members[3:]})
    assert all(c.done for c in wz.checks(page.flow.current, page.snap))

    reg = step(page, "registrasi")
    assert reg.day.count() == 2
    assert "Hadir 0 dari" in reg.present.text()
    with qtbot.waitSignal(page.checkin_requested) as sig:
        reg.open_button.click()
    assert sig.args == [reg.day.currentData()]

    ready = step(page, "kesiapan")
    ready.elements.setCurrentRow(0)
    element = ready.elements.currentItem().data(Qt.UserRole)
    for gid, text, words in ((g1.id, "SDM TIK kurang", "melayani, digital"),
                             (g2.id, "Pelatihan rutin belum ada", "Digital, sejahtera")):
        ready.group.setCurrentIndex(ready.group.findData(gid))
        ready.group.activated.emit(ready.group.currentIndex())
        fill(ready.form, {"kondisi": text, "kekuatan": "ASN muda", "keywords": words})
    assert ready.groups_view.text().count("Kondisi saat ini") == 2
    ready.group.setCurrentIndex(0)
    ready.group.activated.emit(0)
    ready.merge_button.click()
    merged = services.worksheets.find(b1, "readiness", {"element": element, "group": ""})
    assert "SDM TIK kurang" in merged.data["kondisi"] and "Pelatihan rutin" in merged.data["kondisi"]
    assert merged.data["kekuatan"] == "ASN muda"  # the same line from both groups, once
    assert merged.data["keywords"] == "melayani, digital, sejahtera"
    fill(ready.form, {"gap": "Kompetensi digital ASN"})
    ready.score.combo.setCurrentIndex(ready.score.combo.findData("2"))
    ready.score.combo.activated.emit(ready.score.combo.currentIndex())
    assert services.worksheets.find(b1, "readiness", {"element": element, "group": ""}).data["score"] == 2

    issues = step(page, "isu").editors[0]
    for title in ("Kompetensi digital ASN rendah", "Data belum terintegrasi", "Layanan belum daring"):
        add_row(qtbot, issues, {"title": title, "priority": "tinggi", "description": "Uraian " + title})

    vision = step(page, "visi")
    words = [vision.keywords.item(i).data(Qt.UserRole) for i in range(vision.keywords.count())]
    assert words[0] == "digital"  # mentioned by both groups
    vision.keywords.itemActivated.emit(vision.keywords.item(0))
    fill(vision.form, {"status": "disepakati"})
    assert services.worksheets.find(b1, "visi").data == {"text": "digital", "status": "disepakati"}

    misi = add_row(qtbot, step(page, "misi").editors[0], {"text": "Mewujudkan ASN yang melek digital"})
    goals = step(page, "tujuan")
    tujuan = add_row(qtbot, goals.editors[0], {"misi": misi.id, "text": "Meningkatkan kompetensi ASN"})
    sasaran = add_row(qtbot, goals.editors[1], {"tujuan": tujuan.id, "text": "ASN tersertifikasi"})
    add_row(qtbot, goals.editors[2], {"sasaran": sasaran.id, "name": "Persentase ASN tersertifikasi",
                                      "baseline": "10", "target": "60", "unit": "%", "year": "2030"})
    assert all(c.done for c in wz.checks(page.flow.current, page.snap))
    assert goals.tabs.tabText(2) == "Indikator (1)"

    closing = step(page, "penutup")
    fill(closing.notulen, {"chair": "Sekretaris Daerah", "minute_taker": "Staf Diskominfo",
                           "conclusions": "Matriks kesiapan disepakati.\nVisi dirumuskan."})
    add_row(qtbot, closing.editors[0], {"action": "Lengkapi data SDM", "owner": "BKPSDM", "due": "2026-10-15"})
    fill(closing.ba, {"number": "005/12/DISKOMINFO/2026", "decisions": "Menyepakati visi."})
    for name in ("Sekretaris Daerah", "Dr. Rina Mentor"):
        add_row(qtbot, closing.editors[1], {"name": name})
    assert all(c.done for c in wz.checks(page.flow.current, page.snap))

    # Reopen the database from scratch: everything is there and the session resumes at Penutup.
    page.flush()
    services.close()
    again = Services.open(paths)
    try:
        assert [a.data["start"] for a in again.worksheets.items(b1, "agenda")] == ["08:30", "08:00"]
        groups_back = again.worksheets.items(b1, "fgd_group")
        assert [g.data["members"] for g in groups_back] == [members[:3], members[3:]]
        assert again.worksheets.find(b1, "notulen").data["conclusions"] == \
            "Matriks kesiapan disepakati.\nVisi dirumuskan."
        assert again.worksheets.items(b1, "indikator")[0].data["year"] == 2030
        assert again.worksheets.items(b1, "followup")[0].data["due"] == "2026-10-15"
        assert len(again.worksheets.items(b1, "strategic_issue")) == 3
        reopened = SessionPage(again, Icons())
        qtbot.addWidget(reopened)
        reopened.load(region, b1)
        assert reopened.flow.current.key == "penutup"
        assert reopened.current_editor().notulen.editors["chair"].edit.text() == "Sekretaris Daerah"
    finally:
        again.close()


def test_fill_stage_two(page, services, region, qtbot):
    b1, b2 = bimtek(services, region, 1), bimtek(services, region, 2)
    misi = services.worksheets.add(b1, "misi", {"text": "Tata kelola digital"})
    page.open_bimtek(b2)
    assert [s.key for s in page.flow.steps][2:5] == ["program_eksisting", "program_baru", "rencana_aksi"]
    ctx = services.worksheets.context(b2)
    element = ctx.dimensions[0][2][0][0]
    opd = ctx.opds[0][0]
    existing = step(page, "program_eksisting").editors[0]
    add_row(qtbot, existing, {"source": "renstra", "ref_code": "2.16.02", "name": "Program Aplikasi Informatika",
                              "misi": misi.id, "element": element, "opd": opd,
                              "year_start": "2026", "year_end": "2030"})
    new_editor = step(page, "program_baru").editors[0]
    assert new_editor.model.rowCount() == 0  # existing programmes are not listed as new ideas
    idea = add_row(qtbot, new_editor, {"name": "Satu Data Kota", "opd": opd, "misi": misi.id, "element": element})
    assert idea.data["source"] == "baru" and idea.data["horizon"] == "5"  # the step's preset
    add_row(qtbot, new_editor, {"name": "Kota Tanpa Kertas", "horizon": "10", "opd": opd, "misi": misi.id,
                                "element": element})
    actions = step(page, "rencana_aksi").editors[0]
    add_row(qtbot, actions, {"program": idea.id, "activity": "Menyusun Perwali Satu Data", "opd": opd,
                             "year": "2027"})
    progs = services.worksheets.items(b2, "program")
    assert {p.data["name"] for p in progs} == {"Program Aplikasi Informatika", "Satu Data Kota", "Kota Tanpa Kertas"}
    snap = services.worksheets.snapshot(b2)
    new_checks = wz.checks(wz.step_for(2, "program_baru"), snap)
    assert all(c.done for c in new_checks)
    # programmes are masterplan records: the same list is visible from stage I's bimtek
    assert len(services.worksheets.items(b1, "program")) == 3


def test_keyboard_add_delete_undo_redo(page, services, region, qtbot):
    b1 = bimtek(services, region, 1)
    editor = step(page, "misi").editors[0]
    add_row(qtbot, editor, {"text": "Misi pertama"})
    add_row(qtbot, editor, {"text": "Misi kedua"})
    texts = lambda: [m.data["text"] for m in services.worksheets.items(b1, "misi")]  # noqa: E731
    assert texts() == ["Misi pertama", "Misi kedua"]
    fill(editor.form, {"text": "Misi kedua (revisi)"})
    page.undo_action.trigger()
    assert texts() == ["Misi pertama", "Misi kedua"]
    page.redo_action.trigger()
    assert texts() == ["Misi pertama", "Misi kedua (revisi)"]
    assert "Ctrl+Z" in page.undo_button.toolTip()
    editor.table.setFocus()
    editor.select(editor.model.rows[0].id)
    qtbot.keyClick(editor.table, Qt.Key_Delete)
    assert texts() == ["Misi kedua (revisi)"]
    assert editor.model.rowCount() == 1
    page.undo_action.trigger()
    assert texts() == ["Misi pertama", "Misi kedua (revisi)"]
    editor.select(editor.model.rows[1].id)
    qtbot.keyClick(editor.table, Qt.Key_Up, Qt.AltModifier)
    assert texts() == ["Misi kedua (revisi)", "Misi pertama"]
    # Ctrl+Enter from inside a form field adds the next row too (keyboard-only entry)
    qtbot.keyClick(editor.form.editors["text"].edit, Qt.Key_Return, Qt.ControlModifier)
    assert len(services.worksheets.items(b1, "misi")) == 3
    assert "Ctrl+Enter" in editor.add_button.toolTip()


def test_bad_input_is_refused_in_plain_words(page, services, region, qtbot, monkeypatch):
    errors = []
    monkeypatch.setattr("kotacerdas_desktop.ui.wizard.records.show_error", lambda _p, e: errors.append(str(e)))
    agenda = step(page, "persiapan").editors[0]
    row = add_row(qtbot, agenda, {"title": "Pembukaan"})
    fill(agenda.form, {"start": "25.99"})
    assert errors and "jam.menit" in errors[-1]
    assert services.worksheets.item(row.id).data.get("start", "") == ""
    assert agenda.form.editors["start"].edit.text() == ""  # the form shows what is stored


def test_check_details_translate(monkeypatch):
    from kotacerdas_desktop import i18n
    i18n.set_language("en")
    try:
        assert translate_detail("2 dari 9") == "2 of 9"
        assert translate_detail("belum: tanggal, tempat") == "missing: dates, venue"
    finally:
        i18n.set_language("id")


def test_programmes_narrow_by_misi_and_dimension(page, services, region, qtbot):
    b1, b2 = bimtek(services, region, 1), bimtek(services, region, 2)
    m1 = services.worksheets.add(b1, "misi", {"text": "Misi satu"})
    m2 = services.worksheets.add(b1, "misi", {"text": "Misi dua"})
    ctx = services.worksheets.context(b2)
    (d1, _n1, els1), (d2, _n2, els2) = ctx.dimensions[:2]
    services.worksheets.add(b2, "program", {"name": "A", "misi": m1.id, "element": els1[0][0]})
    services.worksheets.add(b2, "program", {"name": "B", "misi": m2.id, "element": els2[0][0]})
    page.open_bimtek(b2)
    editor = step(page, "program_eksisting").editors[0]
    assert editor.model.rowCount() == 2
    misi_filter = editor.filters["misi"]
    misi_filter.setCurrentIndex(misi_filter.findData(m2.id))
    misi_filter.activated.emit(misi_filter.currentIndex())
    assert [r.data["name"] for r in editor.model.rows] == ["B"]
    new = add_row(qtbot, editor, {"name": "C"})
    assert new.data["misi"] == m2.id  # added while narrowed to Misi dua
    misi_filter.setCurrentIndex(0)
    dim_filter = editor.filters["element"]
    dim_filter.setCurrentIndex(dim_filter.findData(d1))
    dim_filter.activated.emit(dim_filter.currentIndex())
    assert [r.data["name"] for r in editor.model.rows] == ["A"]


def test_a_pause_in_typing_saves_without_leaving_the_field(page, services, region, qtbot, monkeypatch):
    errors = []
    monkeypatch.setattr("kotacerdas_desktop.ui.wizard.records.show_error", lambda _p, e: errors.append(str(e)))
    b1 = bimtek(services, region, 1)
    editor = step(page, "misi").editors[0]
    add_row(qtbot, editor, {})
    field = editor.form.editors["text"].edit
    field.setFocus()
    qtbot.keyClicks(field, "Misi diketik ")
    qtbot.waitUntil(lambda: [m.data.get("text") for m in services.worksheets.items(b1, "misi")] == ["Misi diketik"],
                    timeout=3000)
    assert field.text() == "Misi diketik " and field.hasFocus()  # the trailing space being typed stays
    qtbot.keyClicks(field, "lagi")
    page.flush()  # leaving the area saves what is there at once
    assert services.worksheets.items(b1, "misi")[0].data["text"] == "Misi diketik lagi"
    # a time is only checked when the field is left: no error while typing "8"
    agenda = step(page, "persiapan").editors[0]
    add_row(qtbot, agenda, {})
    start = agenda.form.editors["start"].edit
    start.setFocus()
    qtbot.keyClicks(start, "8")
    qtbot.wait(1000)
    assert services.worksheets.items(b1, "agenda")[0].data.get("start", "") == "" and not errors
    start.editingFinished.emit()  # leaving the field: now "8" is checked and refused in plain words
    assert errors and "jam.menit" in errors[0]


def test_stage_two_and_timer_survive_reopening(page, services, region, paths, qtbot):
    b2 = bimtek(services, region, 2)
    misi = services.worksheets.add(bimtek(services, region, 1), "misi", {"text": "Misi"})
    page.open_bimtek(b2)
    ctx = services.worksheets.context(b2)
    agenda = step(page, "persiapan").editors[0]
    add_row(qtbot, agenda, {"day": ctx.days[0].isoformat(), "start": "09.00", "end": "10.00", "title": "FGD"})
    page.timer.select_item(agenda.model.rows[0].id)
    page.timer.start()
    idea = add_row(qtbot, step(page, "program_baru").editors[0],
                   {"name": "Satu Data", "misi": misi.id, "horizon": "10"})
    add_row(qtbot, step(page, "rencana_aksi").editors[0], {"program": idea.id, "activity": "Perwali"})
    page.flush()
    services.close()
    again = Services.open(paths)
    try:
        reopened = SessionPage(again, Icons())
        qtbot.addWidget(reopened)
        reopened.load(region, b2)
        assert reopened.flow.current.key == "rencana_aksi"
        assert reopened.timer.is_running() and reopened.timer.state().item_id == agenda.model.rows[0].id
        rows = reopened.current_editor().editors[0].model.rows
        assert [r.data["activity"] for r in rows] == ["Perwali"]
        assert again.worksheets.item(idea.id).data["horizon"] == "10"
    finally:
        again.close()


def test_nature_and_culture_can_be_switched_on(page, services, region, qtbot):
    ready = step(page, "kesiapan")
    assert ready.elements.count() == 9
    fill(ready.config, {"include_alam": True})
    assert ready.elements.count() == 12
    assert "Alam › Kerawanan bencana" in [ready.elements.item(i).text() for i in range(12)]
    fill(ready.config, {"score_min": "0", "score_max": "4"})
    assert [ready.score.combo.itemData(i) for i in range(ready.score.combo.count())] == ["", "0", "1", "2", "3", "4"]
    page.undo_action.trigger()  # the scale back to 1..5 (undo of the last change)
    page.undo_action.trigger()
    assert ready.score.combo.count() == 6 and ready.score.combo.itemData(1) == "1"
