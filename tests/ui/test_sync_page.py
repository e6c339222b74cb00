"""The Sync area with two data folders: a facilitator sends in one click, Diskominfo scans,
verifies and imports; a conflict made on both sides is reviewed and resolved."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kotacerdas_desktop.paths import prepare_paths
from kotacerdas_desktop.services import Services
from kotacerdas_desktop.storage.database import connect
from kotacerdas_desktop.ui.dialogs.conflict_dialog import ConflictDialog
from kotacerdas_desktop.ui.icons import Icons
from kotacerdas_desktop.ui.pages import sync as sync_mod
from kotacerdas_desktop.ui.pages.sync import SyncPage
from kotacerdas_desktop.ui.tasks import Task


@pytest.fixture
def world(tmp_path, qtbot, monkeypatch):
    monkeypatch.setattr(Task, "synchronous", True)
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(sync_mod.QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    shown = {"info": [], "error": [], "confirm": []}
    monkeypatch.setattr(sync_mod, "show_info", lambda _p, m, *a: shown["info"].append(str(m)))
    monkeypatch.setattr(sync_mod, "show_error", lambda _p, m, *a: shown["error"].append(str(m)))
    monkeypatch.setattr(sync_mod, "confirm", lambda _p, m, *a: shown["confirm"].append(m) or True)
    a, b = Services.open(prepare_paths(tmp_path / "a")), Services.open(prepare_paths(tmp_path / "b"))
    region = a.demo.create()
    pages = []
    for services in (a, b):
        p = SyncPage(services, Icons())
        qtbot.addWidget(p)
        p.drives.setCurrentIndex(p.drives.findData(None))  # "Pilih folder…"
        p.load(region)
        pages.append(p)
    yield a, b, pages[0], pages[1], region, stick, shown
    for p in pages:
        p.shutdown()
    a.close()
    b.close()


def trust_on_page(page, key_path, monkeypatch, role):
    monkeypatch.setattr(sync_mod.QFileDialog, "getOpenFileName", lambda *a, **k: (str(key_path), ""))
    asked = []
    monkeypatch.setattr(sync_mod, "ask_trust", lambda _p, name, fp: asked.append(fp) or role)
    page.trust_button.click()
    return asked


def send_and_import(sender_page, receiver_page, stick):
    for old in stick.glob("*.kcbundle"):
        old.unlink()
    sender_page.send_button.click()
    receiver_page.scan()
    receiver_page.import_checked(dry_run=False)


def set_phone(services, person_id, phone):
    conn = connect(services.store.paths.database)
    try:
        conn.execute("UPDATE person SET phone = ? WHERE id = ?", (phone, person_id))
    finally:
        conn.close()


def test_send_scan_preview_import_and_history(world, monkeypatch, tmp_path):
    a, b, page_a, page_b, region, stick, shown = world
    assert page_a.last_sent_label.text() == "Belum pernah dikirim"
    a.sync.export_public_key(tmp_path / "a.kckey")
    b.sync.export_public_key(tmp_path / "b.kckey")
    asked = trust_on_page(page_a, tmp_path / "b.kckey", monkeypatch, "office")
    assert asked == [b.sync.device().fingerprint]
    assert "dienkripsi" in page_a.encryption_label.text()

    page_a.send_button.click()
    files = list(stick.glob("*.kcbundle"))
    assert len(files) == 1 and not shown["error"]
    assert "Terenkripsi untuk Diskominfo" in shown["info"][-1]
    assert "urutan 1" in page_a.last_sent_label.text() and files[0].name in page_a.last_sent_label.text()

    # B scans before trusting A: the file verifies but the sender is unknown
    page_b.scan()
    assert page_b.files.count() == 1 and "BELUM TERDAFTAR" in page_b.files.item(0).text()
    (stick / "rusak.kcbundle").write_bytes(b"PK\x03\x04 not a bundle")
    trust_on_page(page_b, tmp_path / "a.kckey", monkeypatch, "facilitator")
    page_b.scan()
    texts = [page_b.files.item(i).text() for i in range(page_b.files.count())]
    good = next(t for t in texts if t.startswith(files[0].name))
    assert "tepercaya" in good and a.sync.device().fingerprint in good and "urutan 1" in good
    broken = next(i for i in range(page_b.files.count()) if page_b.files.item(i).text().startswith("rusak"))
    assert not page_b.files.item(broken).flags() & Qt.ItemIsEnabled
    assert [p.name for p, _ in page_b.checked_files()] == [files[0].name]

    page_b.import_checked(dry_run=True)
    rows = {page_b.summary.item(r, 1).text(): page_b.summary.item(r, 2).text()
            for r in range(page_b.summary.rowCount())}
    assert rows["person"] == "120"
    assert page_b.history.rowCount() == 0 and not shown["confirm"]  # a dry run leaves no trace

    changed = []
    page_b.changed.connect(lambda: changed.append(1))
    page_b.import_checked(dry_run=False)
    assert changed and "versi baru disimpan" in shown["info"][-1]
    assert page_b.history.rowCount() == 1
    assert page_b.history.item(0, 1).text() == "Terima" and page_b.history.item(0, 4).text() == files[0].name


def test_conflict_appears_and_is_resolved_with_a_version(world, monkeypatch, tmp_path):
    a, b, page_a, page_b, region, stick, shown = world
    a.sync.trust(b.sync.device_key().public_key_file_bytes(), "facilitator")
    b.sync.trust(a.sync.device_key().public_key_file_bytes(), "facilitator")
    send_and_import(page_a, page_b, stick)
    assert not shown["error"]
    conn = connect(a.store.paths.database)
    person = conn.execute("SELECT id FROM person ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    set_phone(a, person, "081100000001")
    set_phone(b, person, "082200000002")
    send_and_import(page_b, page_a, stick)
    send_and_import(page_a, page_b, stick)
    assert not shown["error"]
    assert page_b.conflict_table.rowCount() == 1
    assert page_b.conflict_table.item(0, 0).text() == "person"
    assert page_b.conflict_table.item(0, 3).text() == "2"

    a_device = a.sync.device().device_id

    def keep_a(dialog):
        assert dialog.use_buttons and dialog.combine_button is not None
        assert "phone" in dialog.differing
        column = next(i for i, v in enumerate(dialog.heads) if v.device_id == a_device)
        row = dialog.fields.index("phone") + 1
        assert dialog.table.item(row, column).text() == "081100000001"
        assert dialog.use_head(column)
        return dialog.result()

    monkeypatch.setattr(ConflictDialog, "exec", keep_a)
    page_b.conflict_table.selectRow(0)
    page_b.review()
    assert page_b.conflict_table.rowCount() == 0 and b.sync.conflicts() == []
    conn = connect(b.store.paths.database)
    assert conn.execute("SELECT phone FROM person WHERE id = ?", (person,)).fetchone()[0] == "081100000001"
    conn.close()


def test_combine_per_field_and_protected_conflicts(world, qtbot):
    a, b, page_a, page_b, region, stick, shown = world
    from kotacerdas_desktop.sync.merge import Conflict, Version

    def version(device, hlc, payload):
        return Version.coerce({"version_id": device[-1] * 64, "entity": "person", "record_id": "p1", "parents": [],
                               "device_id": device, "hlc": hlc, "deleted": False, "payload": payload})
    one = version("aaaaaaaa1", "1763800000000.00000.aaaaaaaa1", {"name": "Ani", "phone": "1"})
    two = version("bbbbbbbb2", "1763800000001.00000.bbbbbbbb2", {"name": "Ani S", "phone": "2"})
    protected = ConflictDialog(b, Conflict("attendance", "p1", "edit/edit", (one, two), two, True, False))
    qtbot.addWidget(protected)
    assert protected.use_buttons == [] and protected.combine_button is None
    assert protected.findChild(sync_mod.QLabel, "protectedNote") is not None
    dialog = ConflictDialog(b, Conflict("person", "p1", "edit/edit", (one, two), two, False, False))
    qtbot.addWidget(dialog)
    assert dialog.differing == ["name", "phone"] and len(dialog.use_buttons) == 2
    assert dialog.table.horizontalHeaderItem(0).text().startswith("aaaaaaaa ·")
    written = []
    dialog._write = lambda payload, deleted: written.append((payload, deleted)) or True
    dialog.choices["phone"].setCurrentIndex(dialog.choices["phone"].findData(one.version_id))
    dialog.combine()
    assert written == [({"name": "Ani S", "phone": "1"}, False)]


def test_revoking_a_device_from_the_page(qtbot, tmp_path, monkeypatch):
    from kotacerdas_desktop.paths import prepare_paths
    from kotacerdas_desktop.services import Services
    from kotacerdas_desktop.ui.icons import Icons
    from kotacerdas_desktop.ui.pages import sync as sync_mod

    a = Services.open(prepare_paths(tmp_path / "a"))
    b = Services.open(prepare_paths(tmp_path / "b"))
    try:
        b.sync.export_public_key(tmp_path / "b.kckey")
        a.sync.trust((tmp_path / "b.kckey").read_bytes())
        page = sync_mod.SyncPage(a, Icons())
        qtbot.addWidget(page)
        page.load(None)
        assert page.revoke_button.isEnabled()
        monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getItem",
                            lambda _parent, _title, _label, items, *rest: (items[0], True))
        monkeypatch.setattr(sync_mod, "confirm", lambda *a, **k: True)
        page.revoke_device()
        assert [t.revoked for t in a.sync.trusted()] == [True]
        assert not page.revoke_button.isEnabled()
    finally:
        a.close()
        b.close()
