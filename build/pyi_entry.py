"""PyInstaller entry script (see installer.spec): the GUI, or the CLI when a command is given."""

from kotacerdas_desktop.__main__ import main

raise SystemExit(main())
