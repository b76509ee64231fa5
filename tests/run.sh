#!/usr/bin/env bash
# The full test suite, exactly as the README and CI run it:
# install, then lint, types and tests. Installs the browser-test tools when it can.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"

# The accessibility test of the HTML report drives Debian's Chromium and runs axe-core.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium chromium-driver fonts-dejavu-core >/dev/null
  else
    echo "note: install Debian's chromium and chromium-driver for the browser test" >&2
  fi
fi
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm install --silent --no-save --no-audit --no-fund --no-package-lock axe-core@4 >/dev/null
  else
    echo "note: install Node.js/npm so axe-core can be installed for the browser test" >&2
  fi
fi

ruff check .
ruff format --check .
mypy src
python3 -m pytest -q
