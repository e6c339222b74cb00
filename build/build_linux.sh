#!/usr/bin/env bash
# Build the Linux bundle and test it:
#   1. PyInstaller one-folder app into dist/kotacerdas/ (installer.spec);
#   2. its self-test (dist/kotacerdas/kotacerdas --self-test, under a timeout): a
#      failing self-test fails the build;
#   3. the tarball dist/kotacerdas-<version>-linux-x86_64.tar.gz:
#        kotacerdas-<version>/kotacerdas/          the app folder
#        kotacerdas-<version>/kotacerdas.desktop   menu entry (template; install.sh fills in paths)
#        kotacerdas-<version>/kotacerdas.png       the app icon
#        kotacerdas-<version>/install.sh           per-user install, no admin rights
#
#   bash build/build_linux.sh
set -euo pipefail

cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.."

bash build/dev.sh setup
.venv/bin/python -m pip install -q -e ".[build]"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --workpath build/work --distpath dist installer.spec

# The one version: kotacerdas_desktop/__init__.py (also shown by the app, the CLI and in bundles).
version="$(.venv/bin/python -c 'import kotacerdas_desktop; print(kotacerdas_desktop.__version__)')"
shown="$(dist/kotacerdas/kotacerdas --version)"
[[ "$shown" == *" $version" ]] || { echo "build_linux: frozen app says '$shown', expected $version" >&2; exit 1; }

echo "build_linux: self-test of the frozen app"
if ! env -u KOTACERDAS_DATA_DIR timeout 120 dist/kotacerdas/kotacerdas --self-test; then
    echo "build_linux: the frozen app failed its self-test" >&2
    exit 1
fi

name="kotacerdas-$version"
stage="build/work/tarball/$name"
rm -rf -- "build/work/tarball"
mkdir -p -- "$stage"
cp -a dist/kotacerdas "$stage/kotacerdas"
cp build/work/icons/kotacerdas.png "$stage/kotacerdas.png"
cat >"$stage/kotacerdas.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Kota Cerdas Desktop
Comment=Fasilitasi bimtek masterplan smart city, luring
Exec=@PREFIX@/kotacerdas/kotacerdas
Icon=kotacerdas
Terminal=false
Categories=Office;Education;
StartupWMClass=kotacerdas
X-KotaCerdas-Version=$version
DESKTOP
cat >"$stage/install.sh" <<'INSTALL'
#!/bin/sh
# Install Kota Cerdas Desktop for this user only (no admin rights):
#   app   -> ~/.local/opt/kotacerdas/
#   menu  -> ~/.local/share/applications/kotacerdas.desktop
#   icon  -> ~/.local/share/icons/hicolor/256x256/apps/kotacerdas.png
# Uninstall: sh install.sh --uninstall   (your data in ~/.local/share stays)
set -eu
here="$(cd -- "$(dirname -- "$0")" && pwd)"
prefix="${HOME}/.local/opt/kotacerdas"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
if [ "${1:-}" = "--uninstall" ]; then
    rm -rf -- "$prefix" "$apps/kotacerdas.desktop" "$icons/kotacerdas.png"
    echo "Kota Cerdas Desktop dihapus (data Anda tidak disentuh)."
    exit 0
fi
mkdir -p -- "$prefix" "$apps" "$icons"
rm -rf -- "$prefix/kotacerdas"
cp -R -- "$here/kotacerdas" "$prefix/kotacerdas"
cp -- "$here/kotacerdas.png" "$icons/kotacerdas.png"
sed "s|@PREFIX@|$prefix|g" "$here/kotacerdas.desktop" >"$apps/kotacerdas.desktop"
chmod +x "$apps/kotacerdas.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
echo "Kota Cerdas Desktop terpasang di $prefix"
echo "Buka dari menu aplikasi, atau jalankan: $prefix/kotacerdas/kotacerdas"
echo "Uji: $prefix/kotacerdas/kotacerdas --self-test"
INSTALL
chmod +x "$stage/install.sh"

tarball="dist/$name-linux-x86_64.tar.gz"
tar -C build/work/tarball -czf "$tarball" "$name"
echo "build_linux: $tarball ($(du -h "$tarball" | cut -f1)); app folder $(du -sh dist/kotacerdas | cut -f1)"
