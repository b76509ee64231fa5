#!/usr/bin/env bash
# Install samplan into a virtual environment in .venv beside this file.
#
#   bash install.sh          samplan and what its commands need
#   bash install.sh --test   also everything the test suite needs (tests/run.sh)
#
# A virtual environment, because Debian's and Ubuntu's system Python refuses
# `pip install` outside one (PEP 668). Debian packages are installed with apt-get
# when run as root; otherwise the command to run is printed.
set -euo pipefail
cd "$(dirname "$0")"

with_tests=0
case "${1:-}" in
  "") ;;
  --test) with_tests=1 ;;
  *) echo "usage: bash install.sh [--test]" >&2; exit 2 ;;
esac

# What samplan's commands need from Debian: `python3 -m venv` (Debian splits it
# out of python3), and Pango with a font that has å, ä and ö for the PDF report.
debs=(python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
# The browser test of the HTML report drives Debian's Chromium (never a
# downloaded browser) and axe-core from npm; pdftoppm renders PDF pages.
test_debs=(chromium chromium-driver poppler-utils npm)

missing=()
want=("${debs[@]}")
[ "$with_tests" = 1 ] && want+=("${test_debs[@]}")
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${want[@]}"; do
    [ "$pkg" = npm ] && command -v npm >/dev/null 2>&1 && continue
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
  done
fi

# samplan needs Python 3.11 or newer; Ubuntu 22.04's python3 is 3.10 but it
# offers python3.11 as a package.
python=""
for candidate in python3 python3.13 python3.12 python3.11; do
  if command -v "$candidate" >/dev/null 2>&1 &&
    "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  python=python3.11
  missing+=(python3.11 python3.11-venv)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install.sh: apt-get install ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "install.sh: these Debian packages are missing; as root, run:" >&2
    echo "  apt-get install ${missing[*]}" >&2
  fi
fi

# A venv made without pip (or half made by an earlier failed run) is made again.
if [ ! -x .venv/bin/pip ]; then
  rm -rf .venv
  "$python" -m venv .venv
fi
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
if [ "$with_tests" = 1 ]; then
  "${pip[@]}" -e ".[test]"
  if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null 2>&1; then
    npm install --silent --no-save --no-audit --no-fund --no-package-lock axe-core@4 >/dev/null
  fi
else
  "${pip[@]}" .
fi
echo "install.sh: samplan is in .venv; run .venv/bin/samplan, or 'source .venv/bin/activate' first" >&2
