"""Corpus rules (across files) and reading failures; file rules are covered by data cases."""

from __future__ import annotations

from pathlib import Path

from samplan.corpus import read_plans
from samplan.loader import read_file

from .conftest import AS_OF

PLAN = """samplan: 1
id: {id}
{parent}title: Plan
municipality: Testby kommun
period: {{start: 2026-01-01, end: 2026-12-31}}
parties:
  kommun: {{name: Kommunen, type: municipality}}
areas:
  - id: a
    title: Område
    activities:
      - {{id: a1, title: Vandring, responsible: [kommun], due: 2026-10-31}}
"""


def write(directory: Path, name: str, ident: str, parent: str = "") -> Path:
    path = directory / name
    line = f"parent: {parent}\n" if parent else ""
    path.write_text(PLAN.format(id=ident, parent=line), encoding="utf-8")
    return path


def test_same_plan_id_in_two_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "testby")
    write(tmp_path, "b.yaml", "testby")
    corpus = read_plans([tmp_path], AS_OF)
    (problem,) = corpus.problems
    assert problem.code == "R007"
    assert problem.file.endswith("b.yaml") and problem.line == 2
    assert "a.yaml" in problem.message


def test_parent_found_among_plans(tmp_path: Path) -> None:
    write(tmp_path, "agreement.yaml", "testby")
    write(tmp_path, "annex.yaml", "testby-bilaga", parent="testby")
    assert read_plans([tmp_path], AS_OF).problems == []


def test_unknown_parent_is_error_in_a_corpus(tmp_path: Path) -> None:
    write(tmp_path, "agreement.yaml", "testby")
    write(tmp_path, "annex.yaml", "testby-bilaga", parent="testbi")
    (problem,) = read_plans([tmp_path], AS_OF).problems
    assert (problem.code, problem.severity.value) == ("R006", "error")
    assert "did you mean `testby`" in problem.message


def test_unreadable_file(tmp_path: Path) -> None:
    (problem,) = read_file(tmp_path / "missing.yaml").problems
    assert problem.code == "Y012"


def test_hidden_folders_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "testby")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "b.yaml", "other")
    assert len(read_plans([tmp_path], AS_OF).files) == 1
