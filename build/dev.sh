#!/usr/bin/env bash
# Kota Cerdas Desktop: the single developer entry point.
#
#   bash build/dev.sh setup                 set up only
#   bash build/dev.sh app  [ARGS...]        set up, then run .venv/bin/kotacerdas ARGS
#   bash build/dev.sh test [PYTEST ARGS...] set up, then run .venv/bin/python -m pytest ARGS
#   bash build/dev.sh cli  [ARGS...]        set up, then run .venv/bin/kotacerdas-cli ARGS
#
# Setting up (idempotent; silent and fast when nothing is to be done):
#   1. Debian packages (only where dpkg exists): the offscreen Qt libraries and
#      poppler-utils for every mode, plus the xcb/Xvfb set for `app`, plus
#      python3-venv when the venv must be created and `python -m venv` cannot
#      work. Missing ones are installed when root; otherwise the script prints
#      the sudo command and exits 1.
#   2. Python ${PYTHON:-python3} >= 3.11, virtualenv in .venv (recreated when
#      broken).
#   3. pip install -e ".[test]" when pyproject.toml changed since the last
#      successful install (sha256 stamp in .venv/.kc-stamp).
#
# Environment:
#   PYTHON=/path/to/python3.x   interpreter for the venv (default python3); when
#                               set and its X.Y differs from the venv's, the
#                               venv is recreated with it.
#   KC_ASSUME_NONROOT=1         behave as if not root in the Debian step (to test
#                               the "missing packages" message without sudo).
#   QT_QPA_PLATFORM             `test` sets it to offscreen unless already set.
#
# The file can be sourced (functions only, nothing runs) for testing.

set -euo pipefail

KC_ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
KC_VENV="$KC_ROOT/.venv"
KC_STAMP="$KC_VENV/.kc-stamp"
KC_PIP_LOG="$KC_VENV/.kc-pip.log"
KC_MIN_PY="3.11"

# Offscreen Qt (tests, PDF printing, widget grabs) + poppler-utils (pdftoppm and
# pdftotext in tests). See /work/shared/STACK.md.
KC_DEBS_BASE=(
    libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
    libxkbcommon0 libx11-6 libbrotli1 fonts-dejavu-core poppler-utils
)
# A real window (xcb platform plugin), also under Xvfb.
KC_DEBS_APP=(
    xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1
    libxkbcommon-x11-0
)

kc_say() { printf 'dev.sh: %s\n' "$*" >&2; }
kc_die() { kc_say "error: $*"; exit 1; }

kc_usage() {
    cat >&2 <<'EOF'
usage: bash build/dev.sh {setup|app|test|cli} [ARGS...]
  setup               set up the system packages and .venv only
  app  [ARGS...]      set up, then start the app (.venv/bin/kotacerdas ARGS)
  test [PYTEST ARGS]  set up, then run the tests (.venv/bin/python -m pytest ARGS)
  cli  [ARGS...]      set up, then run .venv/bin/kotacerdas-cli ARGS
EOF
}

kc_is_root() {
    [[ "${EUID:-$(id -u)}" -eq 0 && "${KC_ASSUME_NONROOT:-0}" != 1 ]]
}

# Print the given Debian packages that are not installed, one per line.
# (dpkg-query -W is the query behind `dpkg -s`, in one call; unlike the exit
# status of `dpkg -s` it tells "installed" apart from "removed, config left".)
kc_missing_debs() {
    local installed pkg
    installed="$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null || true)"
    for pkg in "$@"; do
        if ! grep -qxF "$pkg installed" <<<"$installed"; then
            printf '%s\n' "$pkg"
        fi
    done
}

# Ensure the Debian packages given as arguments are installed.
kc_ensure_debs() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local -a missing
    mapfile -t missing < <(kc_missing_debs "$@")
    if ((${#missing[@]} == 0)); then
        return 0
    fi

    if ! kc_is_root; then
        kc_say "missing Debian packages: ${missing[*]}"
        kc_say "install them with (run 'sudo apt-get update' first if apt cannot find them):"
        printf '\n    sudo apt-get install -y --no-install-recommends %s\n\n' "${missing[*]}" >&2
        exit 1
    fi
    command -v apt-get >/dev/null 2>&1 ||
        kc_die "missing Debian packages (${missing[*]}) and no apt-get to install them"

    local log
    log="$(mktemp "${TMPDIR:-/tmp}/kc-apt.XXXXXX")"
    kc_say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get update -q >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        kc_die "apt-get update failed (output above)"
    fi
    if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        kc_die "apt-get install failed for: ${missing[*]} (output above)"
    fi
    rm -f "$log"
}

# Does the venv work? Prints its Python X.Y on success.
kc_venv_version() {
    [[ -x "$KC_VENV/bin/python" && -f "$KC_VENV/pyvenv.cfg" ]] || return 1
    "$KC_VENV/bin/python" - "$KC_MIN_PY" 2>/dev/null <<'EOF'
import importlib.util, sys
need = tuple(int(p) for p in sys.argv[1].split("."))
if sys.version_info[:2] < need or importlib.util.find_spec("pip") is None:
    raise SystemExit(1)
print("%d.%d" % sys.version_info[:2])
EOF
}

# The base interpreter: check it exists and is new enough; sets KC_PY and
# KC_PY_VER (X.Y.Z).
kc_check_python() {
    KC_PY="${PYTHON:-python3}"
    command -v "$KC_PY" >/dev/null 2>&1 ||
        kc_die "'$KC_PY' not found. Install Python >= $KC_MIN_PY or set PYTHON=/path/to/python$KC_MIN_PY"
    local ver
    if ! ver="$("$KC_PY" - "$KC_MIN_PY" <<'EOF'
import sys
need = tuple(int(p) for p in sys.argv[1].split("."))
print("%d.%d.%d" % sys.version_info[:3])
raise SystemExit(0 if sys.version_info[:2] >= need else 1)
EOF
)"; then
        kc_die "Kota Cerdas Desktop needs Python >= $KC_MIN_PY, but '$KC_PY' ($(command -v "$KC_PY")) is Python ${ver:-unknown}. Install Python $KC_MIN_PY+ or set PYTHON=/path/to/python$KC_MIN_PY"
    fi
    KC_PY_VER="$ver"
}

kc_sha256() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    else
        shasum -a 256 "$1" | cut -d' ' -f1
    fi
}

# Remove an unusable .venv, but never one that belongs to someone else (a
# root-made venv can look broken to another user who cannot read its Python).
kc_remove_venv() {
    [[ -e "$KC_VENV" || -L "$KC_VENV" ]] || return 0
    if [[ ! -O "$KC_VENV" ]]; then
        kc_die ".venv is not usable by $(id -un) and belongs to another user; remove it ($KC_VENV) or run as its owner"
    fi
    rm -rf -- "$KC_VENV" 2>/dev/null ||
        kc_die "could not remove the old .venv; remove it by hand: rm -rf '$KC_VENV'"
}

kc_create_venv() {
    kc_check_python
    kc_remove_venv
    kc_say "creating virtualenv .venv with $KC_PY ($(command -v "$KC_PY"))"
    local out
    if ! out="$("$KC_PY" -m venv "$KC_VENV" 2>&1)"; then
        printf '%s\n' "$out" >&2
        rm -rf -- "$KC_VENV" 2>/dev/null || true
        kc_die "could not create the virtualenv (on Debian/Ubuntu: apt-get install python3-venv)"
    fi
    if ! "$KC_VENV/bin/python" -m pip install -q --upgrade pip >"$KC_PIP_LOG" 2>&1; then
        cat "$KC_PIP_LOG" >&2
        kc_say "warning: could not upgrade pip; continuing with the bundled one"
    fi
}

kc_setup() {
    local mode="$1"
    local -a debs=("${KC_DEBS_BASE[@]}")
    if [[ "$mode" == app ]]; then
        debs+=("${KC_DEBS_APP[@]}")
    fi

    local venv_ver="" recreate=0
    if venv_ver="$(kc_venv_version)"; then
        # PYTHON set explicitly to another X.Y than the venv's: switch.
        if [[ -n "${PYTHON:-}" ]]; then
            kc_check_python
            if [[ "${KC_PY_VER%.*}" != "$venv_ver" ]]; then
                kc_say "PYTHON is $KC_PY_VER but .venv has $venv_ver; recreating .venv"
                recreate=1
            fi
        fi
    else
        if [[ -e "$KC_VENV" ]]; then
            kc_say ".venv is broken or too old; it will be recreated"
        fi
        recreate=1
    fi

    if ((recreate)) && [[ -z "${PYTHON:-}" ]]; then
        if ! command -v python3 >/dev/null 2>&1; then
            debs+=(python3 python3-venv)
        elif ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
            debs+=(python3-venv)
        fi
    fi
    kc_ensure_debs "${debs[@]}"

    if ((recreate)); then
        kc_create_venv
    fi

    local want_hash have_hash=""
    want_hash="$(kc_sha256 "$KC_ROOT/pyproject.toml")"
    if [[ -f "$KC_STAMP" ]]; then
        have_hash="$(<"$KC_STAMP")"
    fi
    if [[ "$want_hash" != "$have_hash" ]]; then
        kc_say "installing the project into .venv (pip install -e \".[test]\")"
        rm -f -- "$KC_STAMP"
        if ! (cd "$KC_ROOT" && "$KC_VENV/bin/python" -m pip install -q -e ".[test]") >"$KC_PIP_LOG" 2>&1; then
            cat "$KC_PIP_LOG" >&2
            kc_die "pip install -e \".[test]\" failed (output above; also in .venv/.kc-pip.log)"
        fi
        printf '%s\n' "$want_hash" >"$KC_STAMP"
    fi
}

# Serialise concurrent set-ups of one checkout (e.g. two test runs on a fresh
# clone). Best effort: without flock, or an unwritable lock file, no lock.
KC_LOCKED=0
kc_lock() {
    command -v flock >/dev/null 2>&1 || return 0
    local id
    id="$(printf '%s' "$KC_ROOT" | cksum | cut -d' ' -f1)"
    if { exec 9>>"${TMPDIR:-/tmp}/kc-dev-${EUID:-$(id -u)}-$id.lock"; } 2>/dev/null; then
        flock 9
        KC_LOCKED=1
    fi
}

kc_unlock() {
    if ((KC_LOCKED)); then
        exec 9>&-
        KC_LOCKED=0
    fi
}

kc_main() {
    local mode="${1:-}"
    case "$mode" in
        setup | app | test | cli) shift ;;
        -h | --help | help) kc_usage; exit 0 ;;
        "") kc_usage; exit 2 ;;
        *) kc_say "unknown command '$mode'"; kc_usage; exit 2 ;;
    esac

    cd "$KC_ROOT"
    kc_lock
    kc_setup "$mode"
    kc_unlock

    case "$mode" in
        setup) exit 0 ;;
        app) exec "$KC_VENV/bin/kotacerdas" "$@" ;;
        cli) exec "$KC_VENV/bin/kotacerdas-cli" "$@" ;;
        test)
            export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
            exec "$KC_VENV/bin/python" -m pytest "$@"
            ;;
    esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    kc_main "$@"
fi
