"""Corpus rules (across files) and reading failures; file rules are covered by data cases."""

from __future__ import annotations

from pathlib import Path

from samplan.corpus import read_plans
from samplan.family import Family
from samplan.loader import read_file
from samplan.model import Party
from samplan.rules import Context, part_of_loops

from .conftest import AS_OF, DATA

PLAN = """samplan: 1
id: {id}
{parent}title: Plan
municipality: Testby kommun
period: {{start: 2019-01-01, end: 2019-12-31}}
parties:
  kommun: {{name: Kommunen, type: municipality}}
areas:
  - id: a
    title: Område
    activities:
      - {{id: a1, title: Vandring, responsible: [kommun], due: 2019-10-31}}
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


# --- issue 14: sizes that used to hang ---------------------------------------


def _plan_with_parties(tmp_path: Path, parties: list[str], responsible: list[str]) -> Path:
    lines = [
        "samplan: 1",
        "id: stor",
        "title: Stor plan",
        "municipality: M",
        "period: {start: 2019-01-01, end: 2019-12-31}",
        "parties:",
        *parties,
        "areas:",
        "  - id: a",
        "    title: A",
        "    activities:",
        f"      - {{id: x, title: X, due: 2019-06-30, responsible: [{', '.join(responsible)}]}}",
    ]
    path = tmp_path / "stor.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_long_part_of_chain_is_no_loop_and_a_long_loop_is_reported_once(
    tmp_path: Path,
) -> None:
    n = 2000
    chain = [f"  p{i}: {{name: P{i}, type: other, part_of: p{i + 1}}}" for i in range(n - 1)]
    path = _plan_with_parties(tmp_path, [*chain, f"  p{n - 1}: {{name: P, type: other}}"], ["p0"])
    assert read_plans([path], AS_OF).problems == []
    loop = [f"  p{i}: {{name: P{i}, type: other, part_of: p{(i + 1) % n}}}" for i in range(n)]
    path = _plan_with_parties(tmp_path, loop, ["p0"])
    problems = read_plans([path], AS_OF).problems
    assert [p.code for p in problems] == ["R016"]
    assert problems[0].line == 7  # at the loop's first party in the file
    assert problems[0].message == (
        "`part_of` goes round: p0 → p1 → p2 → p3 → … → p1998 → p1999 → p0 (2000 parties)"
    )


def test_50000_parties_in_loops_give_one_problem_per_loop() -> None:
    n = 50_000
    parties = {
        f"p{i}": Party.model_construct(name="P", type="other", part_of=f"p{(i + 1) % n}")
        for i in range(n)
    }
    parties["q0"] = Party.model_construct(name="Q", type="other", part_of="q1")
    parties["q1"] = Party.model_construct(name="Q", type="other", part_of="q0")
    parties["tail"] = Party.model_construct(name="T", type="other", part_of="p7")
    loaded = read_file(DATA / "valid" / "minimal.yaml")
    assert loaded.plan is not None
    plan = loaded.plan.model_copy(update={"parties": parties})
    found = list(part_of_loops(Context(loaded, plan, AS_OF, Family(loaded.file, plan))))
    assert [p.message.split(": ", 1)[1][:7] for p in found] == ["p0 → p1", "q0 → q1"]


def test_thousands_of_unknown_parties_suggest_a_few_not_every_key(tmp_path: Path) -> None:
    parties = [f"  part-{i:05}: {{name: P{i}, type: other}}" for i in range(2000)]
    wrong = [f"prat-{i:05}" for i in range(4000)]
    path = _plan_with_parties(tmp_path, parties, wrong)
    problems = read_plans([path], AS_OF).problems
    assert len(problems) == 4000 and {p.code for p in problems} == {"R002"}
    assert problems[1].message.startswith(
        "unknown party `prat-00001`; did you mean `part-00001`? (2000 are defined; also close: "
    )
    assert sum(len(p.message) for p in problems) < 4000 * 200  # was 270 MiB
