"""Plans that belong together: inheritance, the parent found in the folder, `fulfils`."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from samplan.cli.app import app
from samplan.corpus import read_plans
from samplan.family import families, family_of, index_plans
from samplan.loader import read_file

from .conftest import AS_OF, DATA

STORAKER = DATA / "family" / "storaker"
AGREEMENT = STORAKER / "overenskommelse.yaml"
ACTION_PLAN = STORAKER / "atgardsplan-2026.yaml"
PROMISE = STORAKER / "medborgarlofte-2026.yaml"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [*args, "--as-of", str(AS_OF)])
    return result.exit_code, result.output


def test_the_child_alone_finds_its_parent_in_its_folder() -> None:
    for child in (ACTION_PLAN, PROMISE):
        code, output = run("validate", str(child))
        assert (code, output.strip()) == (0, "No problems in 1 plan file.")


def test_overdue_and_report_on_the_child_alone_use_the_parents_parties() -> None:
    code, output = run("overdue", str(ACTION_PLAN), "--format", "csv")
    assert code == 0, output
    assert "belysning-skolgardar" in output
    assert "storaker-2025" not in output  # only the plan asked about is listed
    code, output = run("report", str(ACTION_PLAN))
    assert code == 0, output
    # Party names from the agreement, the unit of the action plan itself.
    assert "Lokalpolisområde Storåker, Fritidsgårdarna" in output
    assert "Barn- och utbildningsförvaltningen, Lokalpolisområde Storåker" in output


def test_the_child_alone_without_its_parent_names_the_parent(tmp_path: Path) -> None:
    alone = tmp_path / ACTION_PLAN.name
    shutil.copy(ACTION_PLAN, alone)
    code, output = run("validate", str(alone))
    assert code == 1
    lines = output.splitlines()
    assert any("warning R006 parent plan `storaker-2025` is neither among" in ln for ln in lines)
    unknown = [line for line in lines if " error R002 unknown party `polis`" in line]
    assert unknown and all("parent plan `storaker-2025`, which was not found" in u for u in unknown)


def test_effective_plan_inherits_what_the_child_does_not_define() -> None:
    parent, child = read_file(AGREEMENT).plan, read_file(ACTION_PLAN).plan
    assert parent is not None and child is not None
    family = family_of(str(ACTION_PLAN), child)
    assert [m.plan.id for m in family.ancestors] == ["storaker-2025"]
    effective = family.effective
    assert list(effective.parties) == [*parent.parties, "fritid"]
    assert effective.situation == parent.situation
    assert effective.coordination == parent.coordination
    assert [b.id for b in effective.bodies] == ["bra"]
    assert {g.id for g in effective.all_goals()} == {"tryggt-centrum", "farre-narkotikabrott"}
    assert child.parties.keys() == {"fritid"}  # the plan as written is unchanged


def test_fulfilled_entries_count_for_the_parents_follow_up_item(tmp_path: Path) -> None:
    parent = read_file(AGREEMENT).plan
    assert parent is not None
    family = family_of(str(AGREEMENT), parent)
    assert [m.plan.id for m in family.descendants] == [
        "storaker-atgarder-2026",
        "storaker-medborgarlofte-2026",
    ]
    tertial = next(i for i in family.effective.follow_up if i.id == "tertial")
    assert [e.date.isoformat() for e in tertial.log] == ["2026-04-28", "2026-08-31"]
    # The agreement alone misses its 2026 tertial reports; with the action plan
    # that fulfils them next to it, only 2025's (before the action plan) are missed.
    alone = tmp_path / AGREEMENT.name
    shutil.copy(AGREEMENT, alone)
    _, without = run("overdue", str(alone), "--format", "csv")
    _, with_children = run("overdue", str(AGREEMENT), "--format", "csv")
    assert "2026-04-30" in without and "2026-08-31" in without
    assert "2026-04-30" not in with_children and "2026-08-31" not in with_children
    assert with_children.count("tertial") == 3  # 2025's three


def test_families_of_plans_read_together() -> None:
    corpus = read_plans([STORAKER], AS_OF)
    assert corpus.problems == []
    found = families([(f.file, p) for f, p in corpus.plans()])
    roots = {file: family.root.plan.id for file, family in found.items()}
    assert set(roots.values()) == {"storaker-2025"}
    # The commands get each plan with what it inherits.
    promise = next(p for f, p in corpus.plans() if f.file == str(PROMISE))
    assert "polis" in promise.parties and promise.situation is not None


def test_a_parent_is_read_once_per_worker_run(tmp_path: Path) -> None:
    """Many children of one agreement in a folder read by worker processes: each
    child finds the parent, and the result is the same as in one process."""
    shutil.copy(AGREEMENT, tmp_path / "a.yaml")
    text = ACTION_PLAN.read_text(encoding="utf-8")
    for n in range(20):
        (tmp_path / f"child-{n:02}.yaml").write_text(
            text.replace("id: storaker-atgarder-2026", f"id: child-{n:02}"), encoding="utf-8"
        )
    corpus = read_plans([tmp_path], AS_OF, contents=False)
    assert corpus.problems == []
    assert len(corpus.plans()) == 21


def test_the_quick_look_reads_id_and_parent_as_written(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(
        b"\xef\xbb\xbfsamplan: 1\r\nid: 'barn-2026'   # kommentar\r\nparent: \"avtal-2025\"\r\n"
    )
    (tmp_path / "b.yaml").write_text("samplan: 1\nid: avtal-2025\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("- not a plan\n", encoding="utf-8")
    index = index_plans([tmp_path / "a.yaml"])  # the folder's other files are looked at too
    assert index.ids == {
        "barn-2026": (str(tmp_path / "a.yaml"),),
        "avtal-2025": (str(tmp_path / "b.yaml"),),
    }
    assert index.children == {"avtal-2025": (str(tmp_path / "a.yaml"),)}
    assert index.read_together == 1


def test_log_by_accepts_a_party_of_the_parent(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(STORAKER, folder)
    child = folder / ACTION_PLAN.name
    result = CliRunner().invoke(
        app,
        ["log", str(child), "sociala-medier", "--status", "ongoing", "--by", "skolan",
         "--date", "2026-11-20", "--as-of", str(AS_OF)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "{date: 2026-11-20, status: ongoing, by: skolan}" in child.read_text(encoding="utf-8")
