"""The main window driven as a facilitator would: create, open, edit, archive."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout

from kotacerdas_desktop.app import build_main_window
from kotacerdas_desktop.i18n import set_language
from kotacerdas_desktop.settings import Preferences


@pytest.fixture
def window(qtbot, paths, services):
    w = build_main_window(paths, Preferences(), services)
    qtbot.addWidget(w)
    w.show()
    return w


def _accept_with(monkeypatch, dialog_cls, fill):
    def fake_exec(self):
        fill(self)
        self.accept()
        return QDialog.Accepted if self.result() == QDialog.Accepted else QDialog.Rejected
    monkeypatch.setattr(dialog_cls, "exec", fake_exec)


def test_empty_state_offers_demo_and_create(window):
    page = window.region_page
    assert page.stack.currentWidget() is page.empty
    assert page.empty_demo.isVisible()
    # Only the region list exists until a region is open.
    hidden = {window.nav.item(i).data(Qt.UserRole): window.nav.item(i).isHidden()
              for i in range(window.nav.count())}
    assert hidden == {"regions": False, "dashboard": True, "session": True, "people": True, "checkin": True,
                      "commitment": True, "reports": True, "sync": True, "settings": True}


def test_create_region_and_open_dashboard(window, services, monkeypatch, qtbot):
    from kotacerdas_desktop.ui.dialogs.region_dialog import RegionDialog

    def fill(d):
        d.kind.setCurrentIndex(d.kind.findData("kabupaten"))
        qtbot.keyClicks(d.name, "Tanah Datar")
        qtbot.keyClicks(d.province, "Sumatera Barat")
        d.paper.setCurrentIndex(d.paper.findData("F4"))
    _accept_with(monkeypatch, RegionDialog, fill)
    window.create_region()

    regions = services.regions.list()
    assert [r.display_name for r in regions] == ["Kabupaten Tanah Datar"]
    assert window.region_id == regions[0].id
    assert window.windowTitle().startswith("Kabupaten Tanah Datar")
    window.show_area("dashboard")
    page = window.dashboard_page
    assert page.title.text() == "Kabupaten Tanah Datar"
    assert [c.card.stage for c in page.cards] == [1, 2, 3, 4]
    assert all(c.card.status == "planned" for c in page.cards)
    assert "Tanggal belum ditetapkan" in page.cards[0].when.text()
    assert "Kertas F4" in page.subtitle.text()


def test_invalid_region_name_keeps_dialog_open(qtbot):
    from kotacerdas_desktop.ui.dialogs.region_dialog import RegionDialog

    d = RegionDialog()
    qtbot.addWidget(d)
    d.accept()
    assert d.result() != QDialog.Accepted
    assert "wajib" in d.error.text()


def test_demo_from_empty_state(window, services, qtbot):
    qtbot.mouseClick(window.region_page.empty_demo, Qt.LeftButton)
    assert window.region_id == services.demo.existing()
    assert window.stack.currentWidget() is window.dashboard_page
    assert "120 orang" in window.dashboard_page.facts.text()
    assert "Wali Kota Contoh" in window.dashboard_page.facts.text()
    assert window.region_page.model.rowCount() == 1
    assert window.region_page.model.index(0, 0).data() == "Kota Contoh"


def test_bimtek_schedule_edit_updates_card(window, services, demo_region, monkeypatch):
    from datetime import date

    from kotacerdas_desktop.ui.dialogs.bimtek_dialog import BimtekDialog
    from PySide6.QtCore import QDate

    window.refresh_regions()
    window.open_region(demo_region)
    card = window.dashboard_page.cards[2]

    def fill(d):
        d.first_day.setDate(QDate(2026, 12, 1))
        d.count.setValue(2)
        d.venue.setText("Hotel Baru, Ruang Rapat")
        d.status.setCurrentIndex(d.status.findData("ongoing"))
    _accept_with(monkeypatch, BimtekDialog, fill)
    window.edit_bimtek(card.card.id)
    new = window.dashboard_page.cards[2]
    assert new.card.days == (date(2026, 12, 1), date(2026, 12, 2))
    assert new.card.venue == "Hotel Baru, Ruang Rapat"
    assert new.card.status == "ongoing"
    assert new.when.text() == "1-2 Desember 2026"


def test_kop_fields_autosave_and_survive_reopen(window, services, demo_region, paths, qtbot):
    window.refresh_regions()
    window.open_region(demo_region)
    window.show_area("settings")
    kop = window.settings_page.kop
    edit = kop.edits["address"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Jl. Sudirman No. 5")
    edit.editingFinished.emit()
    kop.paper.setCurrentIndex(kop.paper.findData("A4"))
    kop.paper.activated.emit(kop.paper.currentIndex())
    assert services.regions.detail(demo_region).data.address == "Jl. Sudirman No. 5"

    from kotacerdas_desktop.services import Services

    services.close()
    reopened = Services.open(paths)
    try:
        d = reopened.regions.detail(demo_region)
        assert d.data.address == "Jl. Sudirman No. 5"
        assert d.data.paper_size == "A4"
    finally:
        reopened.close()


def test_kop_rejects_empty_name_with_message_and_other_fields_still_save(window, services, demo_region):
    window.refresh_regions()
    window.open_region(demo_region)
    window.show_area("settings")
    kop = window.settings_page.kop
    kop.edits["name"].setText("   ")
    kop.edits["name"].editingFinished.emit()
    assert kop.error.isVisibleTo(kop)
    assert "wajib" in kop.error.text()
    assert kop.edits["name"].text() == "Contoh"  # put back to what is stored
    assert services.regions.detail(demo_region).data.name == "Contoh"
    kop.edits["province"].setText("Sumatera  Barat Daya")
    kop.edits["province"].editingFinished.emit()
    assert services.regions.detail(demo_region).data.province == "Sumatera Barat Daya"
    assert kop.edits["province"].text() == "Sumatera Barat Daya"
    assert not kop.error.isVisibleTo(kop)


def test_markup_in_names_is_shown_as_text(window, services):
    from kotacerdas_desktop.domain.regions import RegionInput

    rid = services.regions.create(RegionInput(kind="kota", name="<b>Tebal</b> & <i>Miring</i>"))
    window.refresh_regions()
    window.open_region(rid)
    title = window.dashboard_page.title
    assert title.textFormat() == Qt.PlainText
    assert title.text() == "Kota <b>Tebal</b> & <i>Miring</i>"


def test_logo_png_is_stored_and_shown(window, services, demo_region, monkeypatch, tmp_path):
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QFileDialog

    img = QImage(40, 40, QImage.Format_RGB32)
    img.fill(QColor("#2f6690"))
    logo = tmp_path / "logo.png"
    img.save(str(logo))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), ""))
    window.refresh_regions()
    window.open_region(demo_region)
    window.show_area("settings")
    window.settings_page.kop.choose_logo()
    assert services.regions.logo(demo_region) == logo.read_bytes()
    assert window.dashboard_page.logo.pixmap() is not None
    assert not window.dashboard_page.logo.pixmap().isNull()


def test_not_an_image_logo_is_refused(window, demo_region, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    bad = tmp_path / "logo.png"
    bad.write_bytes(b"this is not a picture")
    errors = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    monkeypatch.setattr("kotacerdas_desktop.ui.pages.region_settings.show_error",
                        lambda _p, msg, *a: errors.append(str(msg)))
    window.refresh_regions()
    window.open_region(demo_region)
    window.show_area("settings")
    window.settings_page.kop.choose_logo()
    assert errors and "gambar" in errors[0]


def test_officials_assignment(window, services, monkeypatch):
    from kotacerdas_desktop.domain.regions import RegionInput

    rid = services.regions.create(RegionInput(kind="kota", name="Sawahlunto"))
    from kotacerdas_desktop.domain.people import PersonInput

    pid = services.directory.save_person(rid, PersonInput(
        prefix="", name="Deri Asta", suffix="S.H.", nip="", golongan="", jabatan="Wali Kota",
        opd_id=None, phone="", email="", gender="L", category="official"))
    window.refresh_regions()
    window.open_region(rid)
    window.show_area("settings")
    tab = window.settings_page.officials
    combo = tab.combos["kepala_daerah"]
    label = tab.form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().text()
    assert label == "Wali Kota Sawahlunto"
    combo.setCurrentIndex(combo.findData(pid))
    combo.activated.emit(combo.currentIndex())
    held = {o.role: o.person_id for o in services.regions.detail(rid).officials}
    assert held["kepala_daerah"] == pid
    assert "Deri Asta" in window.dashboard_page.facts.text()


def test_framework_edit_add_rename_move_delete(window, services, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from kotacerdas_desktop.domain.regions import RegionInput

    rid = services.regions.create(RegionInput(kind="kabupaten", name="Agam"))
    window.refresh_regions()
    window.open_region(rid)
    window.show_area("settings")
    tab = window.settings_page.framework
    assert tab.tree.topLevelItemCount() == 6
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Kebencanaan", True))
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    tab.add_element()
    dims = services.regions.detail(rid).dimensions
    assert [e.name for e in dims[0].elements][-1] == "Kebencanaan"
    # rename in place
    item = tab.tree.topLevelItem(1)
    item.setText(0, "Smart Branding Daerah")
    assert services.regions.detail(rid).dimensions[1].name == "Smart Branding Daerah"
    # move the second dimension up
    tab.tree.setCurrentItem(tab.tree.topLevelItem(1))
    tab.move(-1)
    assert services.regions.detail(rid).dimensions[0].name == "Smart Branding Daerah"
    # delete with confirmation
    monkeypatch.setattr("kotacerdas_desktop.ui.pages.settings_framework.confirm", lambda *a: True)
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    tab.remove()
    assert len(services.regions.detail(rid).dimensions) == 5


def test_opd_add_common_and_edit(window, services, monkeypatch):
    from kotacerdas_desktop.domain.regions import RegionInput
    from kotacerdas_desktop.ui.pages.settings_opd import OpdDialog

    rid = services.regions.create(RegionInput(kind="kota", name="Padang Panjang"))
    window.refresh_regions()
    window.open_region(rid)
    window.show_area("settings")
    tab = window.settings_page.opd
    assert tab.empty.isVisibleTo(tab)
    monkeypatch.setattr("kotacerdas_desktop.ui.pages.settings_opd.show_info", lambda *a: None)
    tab.add_common()
    assert tab.table.rowCount() >= 25
    assert not tab.empty.isVisibleTo(tab)

    errors = []
    monkeypatch.setattr("kotacerdas_desktop.ui.pages.settings_opd.show_error",
                        lambda _p, msg, *a: errors.append(str(msg)))
    entered = {}

    def fill(d):
        d.name.setText(entered["name"])
        d.short.setText(entered["short"])
        d.aliases.setText(entered["aliases"])
    _accept_with(monkeypatch, OpdDialog, fill)
    # An alias that another OPD already has is refused with a message; nothing saved.
    before = len(services.directory.opds(rid))
    entered.update(name="Dinas Kominfo dan Statistik", short="Diskominfotik", aliases="Diskominfo")
    tab.open_dialog(None)
    assert errors and "sudah ada" in errors[0]
    assert len(services.directory.opds(rid)) == before
    # A genuinely new OPD is saved with its aliases and shown.
    entered.update(name="Badan Pengelola Kawasan Wisata", short="BPKW", aliases="Pengelola Wisata, BPKW Kota")
    tab.open_dialog(None)
    saved = [o for o in services.directory.opds(rid) if o.short_name == "BPKW"]
    assert saved and saved[0].aliases == ("Pengelola Wisata", "BPKW Kota")
    assert tab.current().short_name == "BPKW"
    assert len(errors) == 1


def test_archive_hides_region_and_closes_it(window, services, demo_region):
    window.refresh_regions()
    window.open_region(demo_region)
    window.archive_region(demo_region, True)
    assert window.region_id is None
    assert services.regions.list() == []
    assert window.region_page.stack.currentWidget() is window.region_page.empty
    window.region_page.show_archived.setChecked(True)
    assert window.region_page.model.rowCount() == 1
    window.region_page.table.selectRow(0)
    assert window.region_page.archive_button.text() == "Pulihkan dari arsip"


def test_geometry_and_last_region_remembered(qtbot, paths, services, demo_region):
    w = build_main_window(paths, Preferences.load(paths.settings), services)
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    w.open_region(demo_region)
    # The offscreen screen is small; use the narrowest size the window allows.
    size = (w.minimumSizeHint().width(), 650)
    w.resize(*size)
    qtbot.waitUntil(lambda: (w.width(), w.height()) == size)
    w.close()
    w2 = build_main_window(paths, Preferences.load(paths.settings), services)
    qtbot.addWidget(w2)
    w2.show()
    assert (w2.width(), w2.height()) == size
    assert w2.region_id == demo_region
    assert w2.stack.currentWidget() is w2.dashboard_page


def test_english_ui(qtbot, paths, services, demo_region):
    set_language("en")
    try:
        w = build_main_window(paths, Preferences(language="en"), services)
        qtbot.addWidget(w)
        w.show()
        w.open_region(demo_region)
        labels = [w.nav.item(i).text() for i in range(w.nav.count())]
        assert labels[0] == "Regions"
        assert "Strategic analysis" in w.dashboard_page.cards[0].findChild(
            type(w.dashboard_page.title), "cardTitle").text()
        assert "September" in w.dashboard_page.cards[0].when.text()
    finally:
        set_language("id")


def test_repaint_many_times_does_not_crash(qtbot):
    """PySide6 6.12.0 on Python 3.11 aborts after a few thousand paints (none_dealloc)."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QWidget

    class Painted(QWidget):
        paints = 0

        def paintEvent(self, _event):  # noqa: N802
            painter = QPainter(self)
            painter.fillRect(self.rect(), Qt.white)
            painter.drawLine(0, 0, self.width(), self.height())
            painter.end()
            Painted.paints += 1

    w = Painted()
    qtbot.addWidget(w)
    w.resize(80, 40)
    with qtbot.waitExposed(w):
        w.show()
    for _ in range(20_000):
        w.repaint()
    assert Painted.paints >= 20_000


def test_backup_from_menu_writes_a_copy_outside_the_data_folder(window, services, demo_region,
                                                               monkeypatch, tmp_path):
    import sqlite3

    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "usb" / "cadangan.sqlite"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    infos = []
    monkeypatch.setattr("kotacerdas_desktop.ui.main_window.show_info", lambda _p, msg, *a: infos.append(msg))
    window.backup()
    assert infos and str(target) in infos[0]
    with sqlite3.connect(target) as c:
        assert c.execute("SELECT name FROM region").fetchall() == [("Contoh",)]
    # Writing into the data folder itself is refused with a message.
    errors = []
    monkeypatch.setattr("kotacerdas_desktop.ui.main_window.show_error", lambda _p, msg, *a: errors.append(str(msg)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(window.paths.data_dir / "kotacerdas.lock"), ""))
    window.backup()
    assert errors and "folder data" in errors[0]


def test_app_controller_paints_then_loads_and_switches_language(qtbot, paths, monkeypatch):
    from kotacerdas_desktop.app import AppController
    from kotacerdas_desktop.storage.database import prepare_database

    info = prepare_database(paths.database, paths.backups)
    controller = AppController(paths, info, Preferences())
    controller.start()
    first = controller.window
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: controller.services is not None, timeout=10_000)
    assert first.nav.item(0).text() == "Wilayah"
    try:
        first.prefs.language = "en"
        first.language_changed.emit("en")
        second = controller.window
        qtbot.addWidget(second)
        assert second is not first
        assert second.nav.item(0).text() == "Regions"
        assert second.menuBar().actions()[0].text() == "&File"
    finally:
        set_language("id")
        controller.services.close()


def test_session_from_dashboard_registration_opens_checkin_and_counts(window, services, demo_region, qtbot):
    from kotacerdas_desktop.domain.signature import synthetic_signature

    window.open_region(demo_region)
    card = window.dashboard_page.cards[1]  # Tahap II
    card.session_button.click()
    assert window.stack.currentWidget() is window.session_page
    assert window.session_page.bimtek_id == card.card.id
    window.session_page.show_step("registrasi")
    reg = window.session_page.current_editor()
    day_id = reg.day.currentData()
    reg.open_button.click()
    assert window.stack.currentWidget() is window.checkin_page
    assert window.checkin_page.day.currentData() == day_id
    person = services.directory.people(demo_region)[0]
    services.attendance.check_in(day_id, person.id, synthetic_signature(person.name, 1))
    window.show_area("session")
    assert reg.present.text().startswith("Hadir 1 dari")
    # the dashboard card counts the wizard's outputs once the session changed something
    window.show_area("dashboard")
    assert window.dashboard_page.cards[1].card.done >= 1
