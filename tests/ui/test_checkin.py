"""Check-in at the door as the facilitator runs it: search, pick, sign, save, next."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

import sys
from pathlib import Path

from kotacerdas_desktop.ui.icons import Icons
from kotacerdas_desktop.ui.pages.checkin import CheckinPage

sys.path.insert(0, str(Path(__file__).resolve().parent))
from strokes import draw, scrawl  # noqa: E402


def draw_signature(qtbot, pad, seed: int = 0) -> None:
    draw(pad, scrawl(seed))


def select_person(qtbot, panel, person) -> None:
    panel.search.setText(person.nip or person.name)
    qtbot.waitUntil(lambda: any(panel.proxy.index(r, 0).data() == person.full_name
                                for r in range(panel.proxy.rowCount())), timeout=2000)
    row = next(r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data() == person.full_name)
    panel.table.setCurrentIndex(panel.proxy.index(row, 0))


@pytest.fixture
def page(qtbot, services, demo_region):
    p = CheckinPage(services, Icons())
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    p.load(demo_region)
    return p


def test_hundred_check_ins_in_a_row(page, services, qtbot):
    panel = page.panel
    people = services.directory.people(page.region_id)[:100]
    day = page.day.currentData()
    for i, person in enumerate(people):
        assert panel.search.hasFocus() or not page.isActiveWindow()
        panel.search.setText(person.nip or person.name)
        qtbot.waitUntil(lambda: panel.proxy.rowCount() >= 1 and panel.proxy.rowCount() < 120, timeout=2000)
        # the person is in the results; pick them (Enter picks the first, otherwise click)
        row = next(r for r in range(panel.proxy.rowCount())
                   if panel.proxy.index(r, 0).data() == person.full_name)
        panel.table.setCurrentIndex(panel.proxy.index(row, 0))
        draw_signature(qtbot, panel.pad, i)
        assert panel.save_button.isEnabled()
        qtbot.mouseClick(panel.save_button, Qt.LeftButton)
        assert panel.search.text() == "" and panel.pad.is_empty()
    presence = services.attendance.presence(day)
    assert {p.id for p in people} <= set(presence)
    assert all(presence[p.id].mode == "signed" and presence[p.id].strokes_sha256 for p in people)
    assert services.attendance.strokes(presence[people[0].id].strokes_sha256).strokes
    assert "Hadir 100 dari 120" in page.counter.text()


def test_signing_again_asks_and_a_tap_is_not_a_signature(page, services, qtbot, monkeypatch):
    panel = page.panel
    person = services.directory.people(page.region_id)[3]
    select_person(qtbot, panel, person)
    QTest.mouseClick(panel.pad, Qt.LeftButton, Qt.NoModifier, panel.pad.drawing_rect().center().toPoint())
    assert not panel.save_button.isEnabled()  # a tap is not a signature
    draw_signature(qtbot, panel.pad)
    panel.save()
    first = services.attendance.presence(page.day.currentData())[person.id]
    select_person(qtbot, panel, person)
    assert "Sudah hadir" in panel.who.text()
    draw_signature(qtbot, panel.pad, 1)
    monkeypatch.setattr("kotacerdas_desktop.ui.pages.checkin.confirm", lambda *a: False)
    panel.save()
    assert services.attendance.presence(page.day.currentData())[person.id] == first
    monkeypatch.setattr("kotacerdas_desktop.ui.pages.checkin.confirm", lambda *a: True)
    panel.save()
    again = services.attendance.presence(page.day.currentData())[person.id]
    assert again.strokes_sha256 != first.strokes_sha256
    actions = [a.action for a in services.attendance.audit_log(page.region_id)]
    assert actions[:2] == ["resign", "checkin"]


def test_walk_in_and_paper(page, services, qtbot, monkeypatch):
    from kotacerdas_desktop.ui.pages.checkin import WalkInDialog

    panel = page.panel

    def fake_exec(self):
        self.name.setText("Fitri Handayani, S.Kom.")
        self.jabatan.setText("Relawan TIK")
        self.opd.setCurrentIndex(self.opd.count() - 1)
        self.accept()
        return self.result()
    monkeypatch.setattr(WalkInDialog, "exec", fake_exec)
    panel.walk_in()
    assert panel.current_person().name == "Fitri Handayani"
    panel.mark_paper()
    fitri = next(p for p in services.directory.people(page.region_id) if p.name == "Fitri Handayani")
    state = services.attendance.presence(page.day.currentData())[fitri.id]
    assert state.mode == "paper" and state.strokes_sha256 is None
    assert "Hadir 1 dari 121" in page.counter.text()


def test_region_without_days_explains_itself(qtbot, services):
    from kotacerdas_desktop.domain.regions import RegionInput

    rid = services.regions.create(RegionInput(kind="kota", name="Tanpa Jadwal"))
    p = CheckinPage(services, Icons())
    qtbot.addWidget(p)
    p.load(rid)
    assert p.empty.isVisibleTo(p) and not p.panel.isEnabled()


def test_kiosk_needs_the_pin_to_leave(qtbot, services, demo_region, monkeypatch):
    from kotacerdas_desktop.ui.kiosk import KioskWindow

    day = services.attendance.days(demo_region)[0]
    k = KioskWindow(services, Icons(), demo_region, day.id, "Kota Contoh · Tahap I", "2468")
    qtbot.addWidget(k)
    k.show()
    k.close()
    assert k.isVisible()  # closing without the PIN is refused
    assert not k.unlock("1111")
    monkeypatch.setattr("kotacerdas_desktop.ui.kiosk.QInputDialog.getText", lambda *a, **kw: ("2468", True))
    k.ask_to_leave()
    assert not k.isVisible()
    assert k.panel.kiosk and k.panel.paper_button is None  # nothing else reachable


def test_pen_pressure_reaches_the_database(page, services, qtbot):
    """A pen signature at the desk: pressures from tablet events are stored with the strokes."""
    import sys
    from pathlib import Path

    from PySide6.QtCore import QEvent

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_signature_pad import send_tablet  # noqa: E402

    panel = page.panel
    person = services.directory.people(page.region_id)[10]
    select_person(qtbot, panel, person)
    r = panel.pad.drawing_rect()
    pressures = [0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.7, 0.5, 0.4, 0.3]
    points = [QPoint(int(r.left() + r.width() * (0.1 + 0.08 * i)),
                     int(r.top() + r.height() * (0.3 if i % 2 else 0.7))) for i in range(10)]
    send_tablet(panel.pad, QEvent.TabletPress, points[0], pressures[0])
    for pos, pressure in zip(points[1:], pressures[1:]):
        send_tablet(panel.pad, QEvent.TabletMove, pos, pressure)
    send_tablet(panel.pad, QEvent.TabletRelease, points[-1], 0.0)
    assert panel.save_button.isEnabled()
    panel.save()
    state = services.attendance.presence(page.day.currentData())[person.id]
    stored = services.attendance.strokes(state.strokes_sha256)
    assert len(stored.strokes) == 1
    got = [round(p[2], 2) for p in stored.strokes[0]]
    assert got[0] == 0.2 and max(got) == 0.9 and len(set(got)) > 5


def test_kiosk_from_the_main_window_hides_it_until_the_pin(qtbot, paths, services, demo_region, monkeypatch):
    from kotacerdas_desktop.app import build_main_window
    from kotacerdas_desktop.settings import Preferences

    w = build_main_window(paths, Preferences(), services)
    qtbot.addWidget(w)
    w.show()
    w.open_region(demo_region)
    w.show_area("checkin")
    monkeypatch.setattr("kotacerdas_desktop.ui.kiosk.ask_new_pin", lambda _parent: "1357")
    w.checkin_page.kiosk_button.click()
    assert w.kiosk is not None and w.kiosk.isVisible() and not w.isVisible()
    kiosk = w.kiosk
    assert kiosk.unlock("1357")
    kiosk.close()
    assert w.isVisible() and w.kiosk is None


def test_kiosk_never_replaces_a_signature_and_slows_pin_guessing(qtbot, services, demo_region, monkeypatch):
    from kotacerdas_desktop.domain.signature import synthetic_signature
    from kotacerdas_desktop.ui.kiosk import KioskWindow

    day = services.attendance.days(demo_region)[0]
    person = services.directory.people(demo_region)[2]
    services.attendance.check_in(day.id, person.id, synthetic_signature(person.name, 1))
    before = services.attendance.presence(day.id)[person.id]
    k = KioskWindow(services, Icons(), demo_region, day.id, "Kios", "2468")
    qtbot.addWidget(k)
    k.show()
    select_person(qtbot, k.panel, person)
    draw_signature(qtbot, k.panel.pad)
    k.panel.save()
    assert services.attendance.presence(day.id)[person.id] == before
    assert "fasilitator" in k.panel.status.text()
    errors = []
    monkeypatch.setattr("kotacerdas_desktop.ui.kiosk.show_error", lambda _p, msg, *a: errors.append(msg))
    monkeypatch.setattr("kotacerdas_desktop.ui.kiosk.QInputDialog.getText", lambda *a, **kw: ("0000", True))
    for _ in range(4):
        k.ask_to_leave()
    assert k.isVisible() and any("Terlalu banyak" in e for e in errors)
    k.unlock("2468")
    k.close()


def test_walk_in_of_someone_already_registered_asks_first(qtbot, services, demo_region, monkeypatch):
    from kotacerdas_desktop.ui.pages.checkin import WalkInDialog

    people = services.directory.people(demo_region)
    known = next(p for p in people if p.opd_id)
    d = WalkInDialog(services.directory.opds(demo_region), known.name, registered=people)
    qtbot.addWidget(d)
    d.opd.setCurrentIndex(d.opd.findData(known.opd_id))
    d.jabatan.setText("Staf")
    asked = []
    monkeypatch.setattr("kotacerdas_desktop.ui.pages.checkin.confirm", lambda _p, msg: asked.append(msg) or False)
    d.accept()
    assert asked and known.name in asked[0] and d.result() != d.DialogCode.Accepted
