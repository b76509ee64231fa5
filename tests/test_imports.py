"""Start-up stays light: what `samplan validate` and `samplan --help` import.

samplan runs in pre-commit hooks and CI on every commit, so the libraries only
some commands need (report templates, calendars, spreadsheets, rich tables)
must be imported inside those commands, never on the way to `validate` or
`--help`. Each check runs samplan in a fresh Python
(an import made by another test must not hide one) and lists the modules that
were loaded when it exited.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

# Runs samplan.cli.main() like the console script, then writes the names of
# the loaded modules to the file named in SAMPLAN_MODULES_OUT when it exits,
# and those of samplan's models whose validators pydantic built, to ..._BUILT.
WRAPPER = """
import atexit, json, os, sys
def dump():
    open(os.environ["SAMPLAN_MODULES_OUT"], "w").write(json.dumps(sorted(sys.modules)))
    model = sys.modules.get("samplan.model")
    built = [n for n, c in vars(model).items() if getattr(c, "__pydantic_complete__", False)]
    open(os.environ["SAMPLAN_MODULES_OUT"] + ".built", "w").write(json.dumps(sorted(built)))
atexit.register(dump)
sys.argv = ["samplan", *sys.argv[1:]]
from samplan.cli import main
main()
"""

NEVER_AT_START = ("jinja2", "rich", "icalendar", "openpyxl", "babel", "weasyprint")


def modules_loaded(args: list[str], tmp_path: Path) -> set[str]:
    out = tmp_path / "modules.json"
    env = {**os.environ, "SAMPLAN_MODULES_OUT": str(out), "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    return set(json.loads(out.read_text()))


def loaded_packages(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in packages)


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "plans/", "--as-of", "2026-11-22"],
        ["validate", "plans/harnosand-2012.yaml", "--as-of", "2026-11-22", "--format", "json"],
    ],
    ids=["folder", "one-plan-json"],
)
def test_validate_imports_no_report_or_editing_libraries(args: list[str], tmp_path: Path) -> None:
    modules_loaded(args, tmp_path)  # the first run keeps the validators (samplan.validator)
    modules = modules_loaded(args, tmp_path)
    assert "samplan.corpus" in modules  # it did validate
    assert loaded_packages(modules, NEVER_AT_START) == []
    # typer 0.29's pydantic TypeAdapters for options, and pydantic's plugin finder
    # that building any validator imports: 25-40 ms (see the typer pin in pyproject).
    assert not {"typer._adapters", "pydantic.plugin._loader"} & modules


def test_help_imports_neither_the_model_nor_yaml(tmp_path: Path) -> None:
    modules = modules_loaded(["--help"], tmp_path)
    assert "samplan.cli" in modules
    assert loaded_packages(modules, ("pydantic", "yaml", *NEVER_AT_START)) == []
    assert not {"samplan.model", "samplan.loader", "samplan.corpus"} & modules


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "plans/", "--as-of", "2026-11-22"],
        ["overdue", "plans/", "--as-of", "2026-11-22"],
        ["report", "plans/demo-sjovik-2026.yaml", "--as-of", "2026-11-22", "--format", "html"],
    ],
    ids=["validate", "overdue", "report"],
)
def test_no_validator_is_built_once_they_are_kept(args: list[str], tmp_path: Path) -> None:
    """With the validators in the cache (samplan.validator), pydantic builds none
    (40 ms): a model built from its definition on the way shows up here."""
    modules_loaded(args, tmp_path)  # the first run keeps them
    modules = modules_loaded(args, tmp_path)
    assert "samplan.validator" in modules
    built = json.loads((tmp_path / "modules.json.built").read_text())
    assert built == []
