"""Invalid (and tricky valid) plans as data files with their exact diagnostics.

Each tests/data/invalid/NAME.yaml has NAME.expected: the exact output of
`samplan validate --as-of 2026-11-22 tests/data/invalid/NAME.yaml`.
Regenerate after a deliberate message change with
`SAMPLAN_UPDATE_EXPECTED=1 pytest tests/test_validate_cases.py`, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samplan.cli.app import app

from .conftest import DATA, ROOT

CASES = sorted((DATA / "invalid").glob("*.yaml"))
VALID = sorted((DATA / "valid").glob("*.yaml"))


def run_validate(path: Path) -> tuple[int, str]:
    runner = CliRunner()
    rel = path.relative_to(ROOT).as_posix()
    result = runner.invoke(app, ["validate", "--as-of", "2026-11-22", rel])
    return result.exit_code, result.output


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_case(case: Path, in_root: Path) -> None:
    code, output = run_validate(case)
    expected_file = case.with_suffix(".expected")
    if os.environ.get("SAMPLAN_UPDATE_EXPECTED"):
        expected_file.write_text(output, encoding="utf-8")
    assert output == expected_file.read_text(encoding="utf-8")
    has_errors = " error " in output
    assert code == (1 if has_errors else 0)


@pytest.mark.parametrize("case", VALID, ids=[c.stem for c in VALID])
def test_valid_case(case: Path, in_root: Path) -> None:
    code, output = run_validate(case)
    assert code == 0, output
    assert output.strip() == "No problems in 1 plan file."


def test_every_case_has_expectations() -> None:
    assert len(CASES) >= 25
    for case in CASES:
        assert case.with_suffix(".expected").exists(), case.name
