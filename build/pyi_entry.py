"""PyInstaller entry script (see installer.spec) for both executables of the bundle.

`kotacerdas`: the GUI, or the CLI when a command is given. `kotacerdas-cli` (a console
program on Windows): always the CLI, e.g. `kotacerdas-cli report ...`, plus `--self-test`.
"""
import os
import sys

from kotacerdas_desktop.__main__ import main

_name = os.path.splitext(os.path.basename(sys.executable))[0].lower()
_argv = sys.argv[1:]
if _name.endswith("-cli") and "--self-test" not in _argv:
    _argv = ["cli", *_argv]
raise SystemExit(main(_argv))
