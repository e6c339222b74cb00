"""PyInstaller entry script for the GUI (see installer.spec)."""

from kotacerdas_desktop.__main__ import main_gui

raise SystemExit(main_gui())
