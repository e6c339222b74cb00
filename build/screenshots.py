"""Grab the main screens offscreen into docs/ (python build/screenshots.py [--lang en])."""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kotacerdas_desktop.app import build_main_window, make_application  # noqa: E402
from kotacerdas_desktop.i18n import set_language  # noqa: E402
from kotacerdas_desktop.paths import prepare_paths  # noqa: E402
from kotacerdas_desktop.services import Services  # noqa: E402
from kotacerdas_desktop.settings import Preferences  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="id")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args()
    out = Path(args.out)
    (out / "session").mkdir(parents=True, exist_ok=True)
    set_language(args.lang)
    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        paths = prepare_paths(Path(tmp))
        services = Services.open(paths)
        window = build_main_window(paths, Preferences(language=args.lang), services)
        window.resize(1280, 800)
        window.show()
        suffix = "" if args.lang == "id" else f"-{args.lang}"

        def grab(name: str) -> None:
            window.resize(1280, 800)
            for _ in range(3):
                app.processEvents()
            window.grab().save(str(out / f"{name}{suffix}.png"))
            print("wrote", out / f"{name}{suffix}.png")

        grab("01-region-list-empty")
        window.create_demo()
        services.regions.create(__import__("kotacerdas_desktop.domain.regions", fromlist=["x"]).RegionInput(
            kind="kabupaten", name="Tanah Datar", province="Sumatera Barat"))
        window.show_area("regions")
        window.refresh_regions()
        grab("02-region-list")
        window.open_region(services.demo.existing())
        grab("03-dashboard")
        window.show_area("settings")
        tabs = window.settings_page.tabs
        for i, name in enumerate(("04-settings-kop", "05-settings-framework", "06-settings-officials",
                                  "07-settings-opd")):
            tabs.setCurrentIndex(i)
            grab(name)
        window.show_area("people")
        grab("08-people")
        sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
        from workbooks import messy_workbook

        from kotacerdas_desktop.ui.dialogs.import_dialog import ImportDialog

        region_id = window.region_id
        plan = services.people_import.plan(region_id, messy_workbook(Path(tmp) / "undangan.xlsx"))
        dialog = ImportDialog(services, region_id, plan, services.directory.opds(region_id), window)
        dialog.resize(1280, 800)
        dialog.show()
        for _ in range(3):
            app.processEvents()
        dialog.grab().save(str(out / f"09-import-preview{suffix}.png"))
        print("wrote", out / f"09-import-preview{suffix}.png")
        dialog.close()

        # Check-in on the first day: some people already signed, one person about to sign.
        from kotacerdas_desktop.domain.signature import synthetic_signature
        from kotacerdas_desktop.ui.kiosk import KioskWindow

        people = services.directory.people(region_id)
        day = services.attendance.days(region_id)[0]
        for i, person in enumerate(people[:61]):
            services.attendance.check_in(day.id, person.id, synthetic_signature(person.name, 1),
                                         paper=i % 20 == 7)
        window.show_area("checkin")
        page = window.checkin_page
        page.day.setCurrentIndex(0)
        page._day_changed()
        target = people[70]
        page.panel.search.setText(target.name.split()[0])
        page.panel.proxy.set_filter(text=target.name.split()[0])
        row = next(r for r in range(page.panel.proxy.rowCount())
                   if page.panel.proxy.index(r, 0).data() == target.full_name)
        page.panel.table.setCurrentIndex(page.panel.proxy.index(row, 0))
        page.panel.pad.set_signature(synthetic_signature(target.name, 3))
        grab("10-checkin")
        kiosk = KioskWindow(services, window.icons, region_id, day.id,
                            f"Kota Contoh · {page.day.currentText()}", "2468")
        kiosk.resize(1280, 800)
        kiosk.show()
        kiosk.panel.search.setText("siti")
        kiosk.panel.proxy.set_filter(text="siti")
        kiosk.panel.pick_first()
        kiosk.panel.pad.set_signature(synthetic_signature("Siti", 5))
        for _ in range(3):
            app.processEvents()
        kiosk.grab().save(str(out / f"11-kiosk{suffix}.png"))
        print("wrote", out / f"11-kiosk{suffix}.png")
        kiosk.unlock("2468")
        kiosk.close()

        # Commitment: the officials and the first heads of OPD have signed.
        view = services.commitment.view(region_id)
        for sg in view.signatories[:14]:
            services.commitment.sign(region_id, sg.id, synthetic_signature(sg.name, 2))
        window.show_area("commitment")
        window.commitment_page.load(region_id)
        grab("12-commitment")
        from kotacerdas_desktop.ui.pages.commitment import SignDialog

        view = services.commitment.view(region_id)
        sign = SignDialog(view.signatories[14], view, window)
        sign.resize(900, 760)
        sign.show()
        sign.pad.set_signature(synthetic_signature(view.signatories[14].name, 4))
        for _ in range(3):
            app.processEvents()
        sign.grab().save(str(out / f"13-commitment-sign{suffix}.png"))
        print("wrote", out / f"13-commitment-sign{suffix}.png")
        sign.close()

        # The guided session: every step of stages I and II with the demo's worksheets.
        services.demo.fill_worksheets(region_id)
        window.open_region(region_id)
        window.show_area("session")
        session = window.session_page
        for card in services.bimtek.cards(region_id):
            session.open_bimtek(card.id)
            for n, st in enumerate(session.flow.steps, 1):
                session.show_step(st.key)
                editor = session.current_editor()
                for table_editor in editor.editors:
                    if table_editor.model.rowCount():
                        table_editor.select(table_editor.model.rows[0].id)
                if st.key == "kesiapan":
                    editor.group.setCurrentIndex(1)  # the first FGD group's inputs
                    editor._show_current()
                grab(f"session/tahap{card.stage}-{n:02d}-{st.key}")

        # The Reports area with the commitment sheet previewed.
        from kotacerdas_desktop.ui.tasks import Task
        Task.synchronous = True
        window.show_area("reports")
        reports = window.reports_page
        reports.documents.setCurrentRow(1)
        reports.preview()
        grab("14-reports")

        # USB sync: a second laptop edits the same person; its bundle arrives with a conflict.
        other = Services.open(prepare_paths(Path(tmp) / "laptop-b"))
        stick = Path(tmp) / "stick"
        stick.mkdir()
        services.sync.export_public_key(stick / "kantor.kckey")
        other.sync.export_public_key(stick / "fasilitator.kckey")
        other.sync.trust((stick / "kantor.kckey").read_bytes(), role="office")
        services.sync.trust((stick / "fasilitator.kckey").read_bytes())
        other.sync.trust((stick / "kantor.kckey").read_bytes(), role="office")
        first = services.sync.export_bundle(region_id, Path(tmp) / "awal.kcbundle", full=True)
        other.sync.trust((stick / "kantor.kckey").read_bytes(), role="office")
        other.sync.import_bundle(first.path, accept_unknown=True)
        person = services.directory.people(region_id)[3]
        from kotacerdas_desktop.domain.people import PersonInput
        def edited(phone):
            p = person
            return PersonInput(prefix=p.prefix, name=p.name, suffix=p.suffix, nip=p.nip, golongan=p.golongan,
                               jabatan=p.jabatan, opd_id=p.opd_id, phone=phone, email=p.email,
                               gender=p.gender, category=p.category)
        services.directory.save_person(region_id, edited("0811-1111-2222"), person.id)
        other.directory.save_person(region_id, edited("0813-3333-4444"), person.id)
        other.sync.export_bundle(region_id, stick)
        other.close()
        services.sync.import_bundle(next(stick.glob("*.kcbundle")))
        window.show_area("sync")
        sync_page = window.sync_page
        sync_page.load(region_id)
        sync_page.drives.addItem(str(stick), str(stick))
        sync_page.drives.setCurrentIndex(sync_page.drives.count() - 1)
        sync_page.scan()
        sync_page.refresh()
        grab("15-sync")
        from kotacerdas_desktop.ui.dialogs.conflict_dialog import ConflictDialog
        if sync_page.conflicts:
            dialog = ConflictDialog(services, sync_page.conflicts[0], window)
            dialog.resize(1000, 640)
            dialog.show()
            for _ in range(3):
                app.processEvents()
            dialog.grab().save(str(out / f"16-conflict{suffix}.png"))
            print("wrote", out / f"16-conflict{suffix}.png")
            dialog.close()

        # The projector window, as the room sees it, for the boards that matter most.
        (out / "projector").mkdir(parents=True, exist_ok=True)
        from kotacerdas_desktop.ui.projector import ProjectorWindow

        shots = ((1, "kesiapan"), (2, "program_baru"), (3, "kandidat_qw"), (4, "penandatanganan"))
        for stage, key in shots:
            session.open_bimtek(services.bimtek.cards(region_id)[stage - 1].id)
            session.show_step(key)
            session.projector = ProjectorWindow(window)
            session.projector.resize(1280, 720)
            session._update_projector()
            session.timer.start()
            session.projector.set_timer(session.timer.state())
            session.projector.show()
            for _ in range(3):
                app.processEvents()
            session.projector.grab().save(str(out / "projector" / f"tahap{stage}-{key}{suffix}.png"))
            print("wrote", out / "projector" / f"tahap{stage}-{key}{suffix}.png")
            session.timer.reset()
            session.projector.close()
            session.projector = None
        window.close()
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
