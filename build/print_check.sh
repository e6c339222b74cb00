#!/usr/bin/env bash
# Print through a real CUPS queue (cups-pdf) with the app's print path; see build/print_check.py.
# As root it installs cups and printer-driver-cups-pdf, starts cupsd and adds a queue "PDF".
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then
    command -v cupsd >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q cups printer-driver-cups-pdf
    pgrep -x cupsd >/dev/null || { cupsd; sleep 2; }
    lpstat -p PDF >/dev/null 2>&1 || lpadmin -p PDF -v cups-pdf:/ -E -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
fi
OUT_DIR="${HOME}/PDF"
[ "$(id -u)" = 0 ] && OUT_DIR="/root/PDF"
exec .venv/bin/python build/print_check.py --out-dir "$OUT_DIR" "$@"
