#!/usr/bin/env bash
# Build the one-folder Linux bundle into dist/kotacerdas/ with PyInstaller.
#   bash build/build_linux.sh
set -euo pipefail

cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.."

bash build/dev.sh setup
.venv/bin/python -m pip install -q -e ".[build]"
exec .venv/bin/pyinstaller --noconfirm --clean --workpath build/work --distpath dist installer.spec
