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
    out.mkdir(parents=True, exist_ok=True)
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
        window.close()
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
