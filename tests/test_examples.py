"""Every example a newcomer copies runs as printed: `--help` of each command, docs/*.md.

A help example must run (exit 0, or 1 for "problems found" / "something is late").
A `$ samplan ...` line in a ```console block of docs/ runs in a fresh copy of the
repository, the commands of one page one after the other (as a reader would type
them), as of 2026-11-22 (SAMPLAN_AS_OF), and must print exactly the output shown
under it. After a deliberate change, rewrite the outputs and review the diff:

    SAMPLAN_UPDATE_DOCS=1 pytest tests/test_examples.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main

from samplan.cli.app import app

from .conftest import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md"))
AS_OF = "2026-11-22"
UPDATE = bool(os.environ.get("SAMPLAN_UPDATE_DOCS"))
_FENCE = re.compile(r"^```console\n(.*?)^```\n", re.M | re.S)


@dataclass
class Example:
    command: str  # as typed, continuation lines joined
    output: str  # as printed in the doc
    start: int  # offsets of the output in the page, for SAMPLAN_UPDATE_DOCS
    end: int


def doc_examples(text: str) -> list[Example]:
    """The `$ samplan` commands of the page's console blocks, each with its output."""
    found: list[Example] = []
    for block in _FENCE.finditer(text):
        body, offset = block.group(1), block.start(1)
        for cmd in re.finditer(r"^\$ (samplan (?:.*\\\n)*.*)\n", body, re.M):
            end = body.find("\n$ ", cmd.end() - 1)
            end = len(body) if end < 0 else end + 1
            found.append(
                Example(
                    cmd.group(1).replace("\\\n", " "),
                    body[cmd.end() : end],
                    offset + cmd.end(),
                    offset + end,
                )
            )
    return found


def help_examples() -> list[tuple[str, str]]:
    """(command, example) for every `Example:` line and `Examples:` item of every --help."""
    group = typer.main.get_command(app)
    found: list[tuple[str, str]] = []
    for name, command in sorted(group.commands.items()):  # type: ignore[attr-defined]
        lines = [line.strip() for line in (command.help or "").splitlines()]
        for i, line in enumerate(lines):
            if line.startswith("Example:"):
                # An example goes on over the following lines up to a blank line.
                rest = lines[i + 1 : lines.index("", i) if "" in lines[i:] else None]
                found.append((name, " ".join([line.removeprefix("Example:").strip(), *rest])))
            elif line == "Examples:":
                found.extend(
                    (name, item.strip())
                    for item in lines[i + 1 :]
                    if item.strip().startswith("samplan ")
                )
    return found


def fresh_copy(tmp_path: Path) -> Path:
    """What a fresh clone holds that the examples read: the plans, schema and test data."""
    repo = tmp_path / "samplan"
    for folder in ("plans", "schema", "docs/examples", "tests/data"):
        shutil.copytree(ROOT / folder, repo / folder)
    return repo


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "SAMPLAN_AS_OF": AS_OF,
        "SAMPLAN_LANG": "en",  # the docs show the English terminal
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "PYTHONUNBUFFERED": "1",  # stdout and stderr in the order they were written
    }
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        ["bash", "-c", command + " 2>&1"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


@pytest.mark.parametrize("page", DOCS, ids=lambda p: p.name)
def test_doc_examples_run_as_printed(page: Path, tmp_path: Path) -> None:
    text = page.read_text(encoding="utf-8")
    examples = doc_examples(text)
    if not examples:
        assert "$ samplan" not in text, f"{page.name}: a `$ samplan` line outside ```console"
        return
    repo = fresh_copy(tmp_path)
    rewritten, done = text, 0
    for example in examples:
        result = run(example.command, repo)
        assert result.returncode != 3, f"{page.name}: `{example.command}` crashed:\n{result.stdout}"
        if UPDATE:
            shown = "\n".join(_lines(result.stdout)) + "\n" if result.stdout.strip() else ""
            start, end = example.start + done, example.end + done
            rewritten = rewritten[:start] + shown + rewritten[end:]
            done += len(shown) - (example.end - example.start)
            continue
        assert _lines(result.stdout) == _lines(example.output), (
            f"{page.name}: `{example.command}` prints something else than the page shows; "
            "after a deliberate change run SAMPLAN_UPDATE_DOCS=1 pytest tests/test_examples.py "
            "and review the diff"
        )
    if UPDATE and rewritten != text:
        page.write_text(rewritten, encoding="utf-8")


@pytest.mark.parametrize(("command", "example"), help_examples())
def test_help_examples_run(command: str, example: str, tmp_path: Path) -> None:
    result = run(example, fresh_copy(tmp_path))
    assert result.returncode in (0, 1), f"`{example}` (samplan {command} --help):\n{result.stdout}"


def test_every_command_has_a_help_example() -> None:
    group = typer.main.get_command(app)
    with_examples = {command for command, _ in help_examples()}
    assert with_examples == set(group.commands)  # type: ignore[attr-defined]
