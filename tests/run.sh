#!/usr/bin/env bash
# The full test suite, exactly as the README and CI run it: install into .venv
# (with the Debian packages and axe-core the tests need), then lint, types and tests.
set -euo pipefail
cd "$(dirname "$0")/.."

bash install.sh --test
export PATH="$PWD/.venv/bin:$PATH"

ruff check .
ruff format --check .
mypy src
python -m pytest -q
