"""Commitment page: the signatory list, signing on the pad, text versions, the audit log."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from kotacerdas_desktop.domain.commitment import normalise_code
import sys
from pathlib import Path

from kotacerdas_desktop.ui.icons import Icons
from kotacerdas_desktop.ui.pages import commitment as commitment_mod
from kotacerdas_desktop.ui.pages.commitment import AddSignatoryDialog, CommitmentPage, SignDialog

sys.path.insert(0, str(Path(__file__).resolve().parent))
from strokes import ZIGZAG, at, draw  # noqa: E402



@pytest.fixture
def page(qtbot, services, demo_region):
    widget = CommitmentPage(services, Icons())
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    widget.load(demo_region)
    return widget


def drive_dialog(monkeypatch, qtbot, points, seen: dict) -> None:
    """Replace SignDialog.exec: show it, draw `points` with the mouse, press Save if it can."""
    def fake_exec(dialog):
        dialog.show()
        qtbot.waitUntil(dialog.pad.isVisible)
        seen["dialog"] = dialog
        seen["text"] = dialog.text.toPlainText()
        draw(dialog.pad, points)
        seen["enabled"] = dialog.save_button.isEnabled()
        if dialog.save_button.isEnabled():
            QTest.mouseClick(dialog.save_button, Qt.LeftButton)
        else:
            dialog.reject()
        return dialog.result()
    monkeypatch.setattr(SignDialog, "exec", fake_exec)


def sign_row(page, monkeypatch, qtbot, row: int) -> dict:
    seen: dict = {}
    drive_dialog(monkeypatch, qtbot, ZIGZAG, seen)
    page.table.selectRow(row)
    page.sign_selected()
    return seen


def test_loads_all_signatories_unsigned(page, services, demo_region):
    view = services.commitment.view(demo_region)
    assert len(view.signatories) == 36
    assert page.table.rowCount() == 36
    assert {page.status_text(r) for r in range(36)} == {"Belum"}
    assert page.table.item(0, 1).text() == view.signatories[0].name
    assert page.table.item(0, 2).text() == view.signatories[0].role_title
    assert "Versi 1" in page.status.text() and "0 dari 36" in page.status.text()
    assert page.status.textFormat() == Qt.PlainText
    assert page.progress.value() == 0 and page.progress.text() == "0 dari 36"
    assert page.sign_button.isEnabled()
    assert page.editor.toPlainText() == view.text
    assert not page.is_dirty()
    assert page.text_info.text() == f"Versi 1, SHA-256 {view.text_sha256}"


def test_signing_through_the_dialog_stores_a_bound_signature(page, services, demo_region, monkeypatch,
                                                           qtbot):
    first = services.commitment.view(demo_region).signatories[0]
    changes = []
    page.changed.connect(lambda: changes.append(1))
    seen = sign_row(page, monkeypatch, qtbot, 0)
    assert seen["enabled"] is True
    dialog = seen["dialog"]
    assert dialog.signatory.id == first.id
    assert dialog.text.isReadOnly() and seen["text"] == services.commitment.view(demo_region).text

    view = services.commitment.view(demo_region)
    signed = next(s for s in view.signatories if s.id == first.id)
    assert signed.signed_current and signed.signed_version == 1 and signed.strokes_sha256
    stored = services.attendance.strokes(signed.strokes_sha256)
    assert stored is not None and stored.aspect == 3.0 and len(stored.strokes) == 1
    assert view.code and normalise_code(view.code) == view.code
    assert view.code in page.status.text() and "1 dari 36" in page.status.text()
    assert view.code in page.notice.text()
    assert page.progress.value() == 1
    assert page.status_text(0) == "Sudah"
    assert not page.table.item(0, 4).icon().isNull()  # the signature thumbnail
    assert page.table.item(1, 4).icon().isNull()
    assert page.selected().id == view.signatories[1].id  # moved on to the next unsigned
    assert changes == [1]


def test_a_signatory_cannot_sign_the_same_version_twice(page, services, demo_region, monkeypatch, qtbot):
    sign_row(page, monkeypatch, qtbot, 0)
    page.table.selectRow(0)
    assert not page.sign_button.isEnabled()
    assert "sudah menandatangani versi 1" in page.sign_button.toolTip()
    infos = []
    monkeypatch.setattr(commitment_mod, "show_info", lambda _p, message, *a: infos.append(message))
    monkeypatch.setattr(SignDialog, "exec", lambda _d: pytest.fail("dialog opened for a second signature"))
    page.sign_selected()
    assert infos and "sudah menandatangani versi 1" in infos[0]
    assert services.commitment.view(demo_region).signed == 1


def test_changing_the_text_after_a_signature_makes_a_new_version(page, services, demo_region, monkeypatch,
                                                               qtbot):
    sign_row(page, monkeypatch, qtbot, 0)
    asked = []
    monkeypatch.setattr(commitment_mod, "confirm", lambda _p, message, *a: asked.append(message) or True)
    page.tabs.setCurrentIndex(1)
    page.editor.setPlainText(page.editor.toPlainText() + "\n7. Menyusun laporan kemajuan setiap semester.")
    assert page.is_dirty() and page.dirty_label.isVisibleTo(page)
    assert page.tabs.tabText(1).endswith("•")
    page.save_text_button.click()

    assert len(asked) == 1 and "Sudah ada yang menandatangani versi 1" in asked[0]
    view = services.commitment.view(demo_region)
    assert view.version == 2 and "laporan kemajuan" in view.text
    assert view.signed == 0 and view.code is None
    old = view.signatories[0]
    assert not old.signed_current and old.signed_version == 1
    assert page.status_text(0) == "Menandatangani versi 1 — tidak mencakup teks sekarang"
    assert page.table.item(0, 3).foreground().color().name() == commitment_mod.STALE_COLOR
    assert not page.table.item(0, 4).icon().isNull()  # the old signature stays visible, greyed
    assert "Versi 2" in page.status.text() and "0 dari 36" in page.status.text()
    assert page.text_info.text().startswith("Versi 2, SHA-256 ")
    assert not page.is_dirty() and not page.dirty_label.isVisibleTo(page)
    # the earlier signer can now sign the new version
    page.table.selectRow(0)
    assert page.sign_button.isEnabled()


def test_refusing_the_confirmation_keeps_the_signed_text(page, services, demo_region, monkeypatch, qtbot):
    sign_row(page, monkeypatch, qtbot, 0)
    monkeypatch.setattr(commitment_mod, "confirm", lambda *a: False)
    page.editor.setPlainText("Teks lain sama sekali.")
    page.save_text()
    assert services.commitment.view(demo_region).version == 1
    assert page.is_dirty()  # the edit is still there to save later


def test_text_without_signatures_saves_in_place_and_resets(page, services, demo_region, monkeypatch,
                                                          qtbot):
    asked = []
    monkeypatch.setattr(commitment_mod, "confirm", lambda _p, message, *a: asked.append(message) or True)
    original = page.editor.toPlainText()
    page.tabs.setCurrentIndex(1)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.editor.setFocus()
    page.editor.setPlainText("KOMITMEN\n\n1. Satu hal saja.   ")
    QTest.keyClick(page.editor, Qt.Key_S, Qt.ControlModifier)  # Ctrl+S saves
    assert asked == []  # nobody signed: no question
    view = services.commitment.view(demo_region)
    assert view.version == 1 and view.text == "KOMITMEN\n\n1. Satu hal saja."
    assert page.editor.toPlainText() == view.text and not page.is_dirty()
    page.reset_text_button.click()
    assert len(asked) == 1
    assert services.commitment.view(demo_region).text == original
    assert page.editor.toPlainText() == original


def test_tap_only_pad_keeps_save_disabled(page, services, demo_region, qtbot, monkeypatch):
    view = services.commitment.view(demo_region)
    dialog = SignDialog(view.signatories[3], view, page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.pad.isVisible)
    assert not dialog.save_button.isEnabled()
    QTest.mouseClick(dialog.pad, Qt.LeftButton, Qt.NoModifier, at(dialog.pad, 0.5, 0.5))
    assert dialog.pad.stroke_count() == 1
    assert not dialog.save_button.isEnabled() and dialog.hint.isVisibleTo(dialog)
    draw(dialog.pad, ZIGZAG)
    assert dialog.save_button.isEnabled()
    dialog.clear_button.click()
    assert dialog.pad.is_empty() and not dialog.save_button.isEnabled()

    seen: dict = {}
    drive_dialog(monkeypatch, qtbot, [(0.5, 0.5)], seen)  # through the page: a tap saves nothing
    page.table.selectRow(3)
    page.sign_selected()
    assert seen["enabled"] is False
    assert services.commitment.view(demo_region).signed == 0
    assert page.status_text(3) == "Belum"


def test_audit_tab_lists_the_signing(page, services, demo_region, monkeypatch, qtbot):
    name = services.commitment.view(demo_region).signatories[0].name
    sign_row(page, monkeypatch, qtbot, 0)
    page.tabs.setCurrentIndex(2)
    rows = [[page.audit.item(r, c).text() for c in range(5)] for r in range(page.audit.rowCount())]
    signing = [r for r in rows if r[2] == "komitmen ditandatangani"]
    assert len(signing) == 1
    when, device, _action, subject, detail = signing[0]
    assert subject == name and "versi 1" in detail
    assert services.commitment.view(demo_region).code in detail
    assert when and "T" not in when and device


def test_adding_a_mentor_as_witness(page, services, demo_region, monkeypatch):
    mentor = next(p for p in services.directory.people(demo_region) if p.category == "mentor")
    seen = {}

    def fake_exec(dialog):
        assert mentor.id in [dialog.person.itemData(i) for i in range(dialog.person.count())]
        taken = {s.person_id for s in services.commitment.view(demo_region).signatories}
        assert not taken & {dialog.person.itemData(i) for i in range(dialog.person.count())}
        dialog.select_person(mentor.id)
        seen["role"] = dialog.role.currentData()
        return QDialog.Accepted

    monkeypatch.setattr(AddSignatoryDialog, "exec", fake_exec)
    page.add_button.click()
    assert seen["role"] == "saksi"
    view = services.commitment.view(demo_region)
    assert len(view.signatories) == 37
    added = view.signatories[-1]
    assert added.person_id == mentor.id and added.role == "saksi"
    assert page.table.rowCount() == 37
    assert page.selected().id == added.id
    assert page.table.item(36, 1).text() == mentor.full_name
    assert page.table.item(36, 2).text() == "Saksi / mentor kementerian"
    assert "0 dari 37" in page.status.text()


def test_removing_a_signatory_asks_first(page, services, demo_region, monkeypatch):
    answers = iter([False, True])
    monkeypatch.setattr(commitment_mod, "confirm", lambda *a: next(answers))
    page.table.selectRow(5)
    gone = page.selected()
    page.remove_button.click()
    assert len(services.commitment.view(demo_region).signatories) == 36
    page.remove_button.click()
    view = services.commitment.view(demo_region)
    assert len(view.signatories) == 35 and gone.id not in {s.id for s in view.signatories}
    assert page.table.rowCount() == 35


def test_enter_and_double_click_open_the_sign_dialog(page, monkeypatch, qtbot):
    opened = []
    monkeypatch.setattr(SignDialog, "exec", lambda d: opened.append(d.signatory.id) or QDialog.Rejected)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.selectRow(2)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key_Return)
    assert opened == [page.selected().id]
    rect = page.table.visualItemRect(page.table.item(4, 1))
    QTest.mouseClick(page.table.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    QTest.mouseDClick(page.table.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    assert len(opened) == 2 and opened[1] == page.selected().id == page.view.signatories[4].id
