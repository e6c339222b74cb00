"""Entry points: `kotacerdas` (GUI), `kotacerdas-cli`, and `python -m kotacerdas_desktop`."""
from __future__ import annotations

import argparse
import ctypes.util
import logging
import os
import sys

from . import APP_NAME, __version__

CLI_COMMANDS = {"info", "demo", "check", "backup", "region", "people", "attendance", "commitment", "bimtek", "report", "bundle", "device", "conflicts",
                "verify", "cli"}


def main_cli(argv: list[str] | None = None) -> int:
    from .cli import run

    return run(sys.argv[1:] if argv is None else argv)


def display_problem() -> str | None:
    """Why a window cannot open here, in plain words, or None when it can."""
    if sys.platform in ("win32", "darwin"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal", "vnc")):
        return None
    if platform.startswith("wayland") or (not platform and os.environ.get("WAYLAND_DISPLAY")):
        return None
    if not os.environ.get("DISPLAY"):
        return ("Tidak ada layar (DISPLAY kosong): Kota Cerdas Desktop butuh desktop grafis.\n"
                "Di server tanpa layar, jalankan di bawah Xvfb, misalnya:\n"
                "    xvfb-run -a bash build/dev.sh app\n"
                "atau pakai perintah baris: bash build/dev.sh cli --help")
    libs = {"xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4",
            "xcb-keysyms": "libxcb-keysyms1", "xkbcommon-x11": "libxkbcommon-x11-0"}
    missing = [lib for lib in libs if ctypes.util.find_library(lib) is None]
    if missing:
        return (f"Pustaka layar X11 yang dibutuhkan Qt belum terpasang ({', '.join(missing)}).\n"
                f"Pasang dengan: sudo apt-get install {' '.join(libs[m] for m in missing)}")
    return None


def gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kotacerdas", description=f"{APP_NAME} {__version__}")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument("--data-dir", help="folder data (bawaan: KOTACERDAS_DATA_DIR atau folder pengguna)")
    p.add_argument("--lang", choices=["id", "en"], help="bahasa tampilan untuk sesi ini")
    p.add_argument("--self-test", action="store_true",
                   help="uji seluruh aplikasi di folder sementara, cetak hasilnya, lalu keluar (0 = baik)")
    return p


def main_gui(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = gui_parser().parse_args(argv)
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from .app import run_app

    return run_app(args)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--self-test" in argv:
        from .ui.selftest import run_self_test

        return run_self_test()
    words, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a in ("--data-dir", "--lang"):
            skip = True
        elif not a.startswith("-"):
            words.append(a)
    if words and words[0] in CLI_COMMANDS:
        if words[0] == "cli":
            argv = [a for a in argv if a != "cli"]
        return main_cli(argv)
    return main_gui(argv)


if __name__ == "__main__":
    raise SystemExit(main())
