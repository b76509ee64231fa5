"""The README's promises hold: its example plan validates, its links and commands exist."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from samplan.cli.app import app
from samplan.loader import load_bytes
from samplan.rules import check_file

from .conftest import AS_OF, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_example_plan_validates() -> None:
    (example,) = [b for b in re.findall(r"```yaml\n(.*?)```", README, re.S) if "samplan: 1" in b]
    loaded = load_bytes(example.encode(), "README.md")
    assert loaded.plan is not None, loaded.problems
    assert [*loaded.problems, *check_file(loaded, AS_OF)] == []


def test_links_exist() -> None:
    for target in re.findall(r"\]\(((?!https?://)[^)#]+)\)", README):
        assert (ROOT / target).exists(), target


def test_commands_in_the_table_exist() -> None:
    named = set(re.findall(r"^\| `samplan (\w+)", README, re.M))
    assert len(named) >= 10
    for command in named:
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert "Example" in result.output or "example" in result.output, command


def test_setup_commands_are_the_ones_ci_runs() -> None:
    assert "bash tests/run.sh" in README
    assert "bash tests/run.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash install.sh && .venv/bin/samplan validate plans/" in README
