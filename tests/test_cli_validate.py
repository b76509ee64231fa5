"""`samplan validate` as a user runs it: exit codes, formats, defaults."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from samplan.cli.app import app

from .conftest import DATA, PLANS, ROOT

runner = CliRunner()
BROKEN = "tests/data/invalid/unknown-references.yaml"
WARN = "tests/data/invalid/dates-warnings.yaml"


def test_default_path_is_plans(in_root: Path) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("No problems in ")


def test_errors_exit_1(in_root: Path) -> None:
    result = runner.invoke(app, ["validate", "--as-of", "2026-11-22", BROKEN])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith("Found 9 errors and 0 warnings in 1 of 1")


def test_warnings_pass_unless_strict(in_root: Path) -> None:
    assert runner.invoke(app, ["validate", "--as-of", "2026-11-22", WARN]).exit_code == 0
    strict = runner.invoke(app, ["validate", "--strict", "--as-of", "2026-11-22", WARN])
    assert strict.exit_code == 1


def test_all_files_in_one_run(in_root: Path) -> None:
    result = runner.invoke(app, ["validate", "--as-of", "2026-11-22", "tests/data/invalid"])
    assert result.exit_code == 1
    files = {line.split(":", 1)[0] for line in result.output.splitlines()[:-1]}
    assert len(files) == len(list((DATA / "invalid").glob("*.yaml")))


def test_json_shape(in_root: Path) -> None:
    result = runner.invoke(app, ["validate", "-f", "json", "--as-of", "2026-11-22", BROKEN])
    document = json.loads(result.output)
    assert document["version"] == 1
    assert document["files"] == 1
    assert document["summary"] == {"errors": 9, "warnings": 0}
    first = document["problems"][0]
    assert set(first) == {"file", "line", "column", "code", "severity", "message"}
    assert first["file"] == BROKEN and first["code"] == "R002"


def test_github_annotations(in_root: Path) -> None:
    result = runner.invoke(app, ["validate", "-f", "github", "--as-of", "2026-11-22", BROKEN])
    first = result.output.splitlines()[0]
    assert first.startswith(f"::error file={BROKEN},line=9,col=56,title=R002::unknown party")


def test_unknown_format_is_usage_error(in_root: Path) -> None:
    assert runner.invoke(app, ["validate", "-f", "xml"]).exit_code == 2


def test_folder_without_plans_exit_2(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "samplan", "validate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "no plan files (*.yaml, *.yml) found in plans" in result.stderr


def test_missing_path_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "samplan", "validate", "no/such/plans"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "no such file or folder: no/such/plans" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_as_of_exit_2() -> None:
    args = [sys.executable, "-m", "samplan", "validate", "--as-of", "22/11/2026"]
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr == "samplan: error: --as-of `22/11/2026` is not a date; use YYYY-MM-DD\n"


def test_colour_only_when_asked() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    args = [sys.executable, "-m", "samplan", "validate", "--as-of", "2026-11-22", BROKEN]
    plain = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env)
    assert "\033[" not in plain.stdout
    forced = subprocess.run(
        args, capture_output=True, text=True, cwd=ROOT, env={**env, "FORCE_COLOR": "1"}
    )
    assert "\033[31merror" in forced.stdout
    no_color = subprocess.run(
        args,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**env, "FORCE_COLOR": "1", "NO_COLOR": "1"},
    )
    assert "\033[" not in no_color.stdout


def test_internal_error_exit_3_with_hint(tmp_path: Path) -> None:
    # A failure inside the core must end as exit 3 with a hint, not a bare traceback exit 1.
    script = (
        "import samplan.corpus as c\n"
        "def boom(*a, **k):\n    raise RuntimeError('boom')\n"
        "c.read_plans = boom\n"
        "from samplan.cli import main\nimport sys\nsys.argv=['samplan','validate']\nmain()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 3
    assert "please report" in result.stderr


def test_other_yaml_in_a_plans_folder_is_named_once_on_stderr(tmp_path: Path) -> None:
    shutil.copy(PLANS / "harnosand-2012.yaml", tmp_path / "harnosand-2012.yaml")
    (tmp_path / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "samplan", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "No problems in 1 plan file."
    compose = tmp_path / "docker-compose.yml"
    assert result.stderr.splitlines() == [
        f"Skipped {compose}: not a plan (it has no `samplan:` key)."
    ]
