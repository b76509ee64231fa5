"""Reading a set of plans: the worker-process path gives what one process gives."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from samplan import corpus
from samplan.corpus import Digest, read_plans
from samplan.query import plan_deadlines

from .conftest import AS_OF, DATA, PLANS


@pytest.fixture
def many_plans(tmp_path: Path) -> Path:
    """Enough files for worker processes: real plans under new ids, a duplicate id,
    a parent link, and broken files."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for copy in range(5):
        for plan in sorted(PLANS.glob("*.yaml")):
            text = plan.read_text(encoding="utf-8")
            if re.search(r"^parent:", text, flags=re.M):  # a family's child names its parent's id
                continue
            text = re.sub(r"^id: (.+)$", rf"id: \1-{copy}", text, count=1, flags=re.M)
            (folder / f"{copy}-{plan.name}").write_text(text, encoding="utf-8")
    shutil.copy(PLANS / "harnosand-2012.yaml", folder / "z-same-id-as-plans.yaml")
    shutil.copy(PLANS / "harnosand-2012.yaml", folder / "z-same-id-again.yaml")
    broken = ("unknown-references", "syntax-tab-indent", "wrong-types", "personnummer", "latin1")
    for case in broken:
        shutil.copy(DATA / "invalid" / f"{case}.yaml", folder / f"z-{case}.yaml")
    return folder


def read_in_one_process(
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    contents: bool = True,
    digest: Digest | None = None,
) -> corpus.Corpus:
    with monkeypatch.context() as patch:
        patch.setattr(corpus, "_cpus", lambda: 1)
        return read_plans([folder], AS_OF, contents=contents, digest=digest)


def test_workers_give_the_same_corpus_as_one_process(
    many_plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = read_in_one_process(many_plans, monkeypatch)
    monkeypatch.setattr(corpus, "_cpus", lambda: 2)
    pooled = read_plans([many_plans], AS_OF)

    assert len(pooled.files) == len(alone.files) == 27
    assert pooled.problems == alone.problems
    assert {p.code for p in pooled.problems} >= {"R002", "R007", "P001", "S003", "Y001", "Y007"}
    for ours, theirs in zip(pooled.files, alone.files, strict=True):
        assert (ours.file, ours.plan, ours.data, ours.spans, ours.problems) == (
            theirs.file, theirs.plan, theirs.data, theirs.spans, theirs.problems
        )  # fmt: skip


def test_files_keep_what_commands_use(many_plans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "_cpus", lambda: 2)
    files = read_plans([many_plans], AS_OF).files
    valid = [f for f in files if f.plan is not None]
    broken = next(f for f in files if f.file.endswith("z-wrong-types.yaml"))

    assert len(valid) == 25
    assert all(f.data is None and f.text is None for f in valid)
    assert broken.plan is None and isinstance(broken.data, dict)  # overdue reads its id
    assert all(len(path) <= 1 for f in files for path in f.spans)
    assert ("id",) in valid[0].spans  # where the corpus rules point


def test_heads_only_give_the_same_problems(
    many_plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus, "_cpus", lambda: 2)
    full = read_plans([many_plans], AS_OF)
    heads = read_plans([many_plans], AS_OF, contents=False)
    alone = read_in_one_process(many_plans, monkeypatch, contents=False)

    assert heads.problems == full.problems == alone.problems
    for (_, head), (_, plan) in zip(heads.plans(), full.plans(), strict=True):
        assert head.areas == head.follow_up == [] and head.situation is None
        assert (head.id, head.parent, head.period) == (plan.id, plan.parent, plan.period)


def test_digests_are_taken_where_the_plans_are_read(
    many_plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`overdue` takes each plan's deadlines in the workers; they equal those of
    the whole plans, and only the plans' heads come back."""
    full = read_plans([many_plans], AS_OF)
    digest = partial(plan_deadlines, as_of=AS_OF)
    monkeypatch.setattr(corpus, "_cpus", lambda: 2)
    pooled = read_plans([many_plans], AS_OF, digest=digest)
    alone = read_in_one_process(many_plans, monkeypatch, digest=digest)

    expected = {f.file: plan_deadlines(f.file, p, AS_OF) for f, p in full.plans()}
    assert pooled.digests == alone.digests == expected
    assert sum(len(d.rows) for d in expected.values()) > 100
    assert pooled.problems == full.problems
    assert all(plan.areas == [] for _, plan in pooled.plans())


NOT_PLANS = {
    "docker-compose.yml": "services:\n  web:\n    image: nginx\n",
    "ci.yaml": "on: [push]\njobs:\n  test: {runs-on: ubuntu-latest\n",  # broken YAML too
    "lista.yaml": "- ett\n- två\n",
    "tom.yml": "",
}


def test_yaml_that_is_not_a_plan_is_skipped_in_folders(tmp_path: Path) -> None:
    """A plans folder also holds other YAML (compose files, CI workflows): not plans."""
    shutil.copy(PLANS / "harnosand-2012.yaml", tmp_path / "harnosand-2012.yaml")
    (tmp_path / "trasig.yaml").write_text("samplan: 1\nid: [trasig\n", encoding="utf-8")
    for name, text in NOT_PLANS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    read = read_plans([tmp_path], AS_OF)
    assert sorted(Path(f).name for f in read.not_plans) == sorted(NOT_PLANS)
    assert [Path(f.file).name for f in read.files] == ["harnosand-2012.yaml", "trasig.yaml"]
    # A broken plan is still a plan: its syntax error is reported.
    assert {(Path(p.file).name, p.code) for p in read.problems} == {("trasig.yaml", "Y001")}


def test_a_file_named_on_the_command_line_is_read_as_a_plan(tmp_path: Path) -> None:
    named = tmp_path / "docker-compose.yml"
    named.write_text(NOT_PLANS["docker-compose.yml"], encoding="utf-8")
    read = read_plans([named], AS_OF)
    assert read.not_plans == [] and "S002" in {p.code for p in read.problems}


# --- what a folder holds ------------------------------------------------------------

MINIMAL = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def plan_text(plan_id: str) -> str:
    return MINIMAL.replace("id: minimal", f"id: {plan_id}", 1)


def read_folder(folder: Path) -> tuple[list[str], list[str]]:
    """The files read (relative) and the problems as `file code message`."""
    found = read_plans([folder], AS_OF)
    files = [str(Path(f.file).relative_to(folder)) for f in found.files]
    problems = [f"{Path(p.file).relative_to(folder)} {p.code} {p.message}" for p in found.problems]
    return files, problems


def test_upper_case_suffixes_are_plans(tmp_path: Path) -> None:
    (tmp_path / "A.YAML").write_text(plan_text("a"), encoding="utf-8")
    (tmp_path / "b.Yml").write_text(plan_text("b"), encoding="utf-8")
    (tmp_path / "c.yaml.bak").write_text(plan_text("c"), encoding="utf-8")
    assert read_folder(tmp_path) == (["A.YAML", "b.Yml"], [])


def test_a_symlinked_folder_is_read_and_its_errors_count(tmp_path: Path) -> None:
    elsewhere = tmp_path / "delad"
    elsewhere.mkdir()
    (elsewhere / "trasig.yaml").write_text(
        plan_text("trasig").replace("period: {start: 2026-01-01}", "period: nej"), "utf-8"
    )
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.yaml").write_text(plan_text("a"), encoding="utf-8")
    (plans / "delad").symlink_to(elsewhere)
    (plans / "delad" / "tillbaka").symlink_to(plans)  # a loop: each folder is read once
    files, problems = read_folder(plans)
    assert files == ["a.yaml", "delad/trasig.yaml"]
    assert [p.split(" ")[:2] for p in problems] == [["delad/trasig.yaml", "S003"]]


def test_dangling_and_looping_links_are_named(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(plan_text("a"), encoding="utf-8")
    (tmp_path / "borta.yaml").symlink_to(tmp_path / "finns-inte.yaml")
    (tmp_path / "snurr.yaml").symlink_to("snurr.yaml")
    (tmp_path / "snurrmapp").symlink_to("snurrmapp")  # not a plan's name: nothing to say
    files, problems = read_folder(tmp_path)
    assert files == ["a.yaml", "borta.yaml", "snurr.yaml"]
    assert problems == [
        f"borta.yaml Y012 cannot read: the symlink points to {tmp_path / 'finns-inte.yaml'}, "
        "which does not exist",
        "snurr.yaml Y012 cannot read: Too many levels of symbolic links",
    ]


def test_an_unreadable_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.yaml").write_text(plan_text("a"), encoding="utf-8")
    (tmp_path / "lakan").mkdir()
    (tmp_path / "lakan" / "b.yaml").write_text(plan_text("b"), encoding="utf-8")
    scandir = os.scandir

    def no_entry(path: Any) -> Any:  # what a folder of mode 000 gives (root may read it)
        if Path(path).name == "lakan":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", no_entry)
    files, problems = read_folder(tmp_path)
    assert files == ["a.yaml", "lakan"]
    assert problems == ["lakan Y012 cannot read the folder: Permission denied"]


def test_validate_fails_where_a_plan_could_not_be_read(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(plan_text("a"), encoding="utf-8")
    (tmp_path / "borta.yaml").symlink_to(tmp_path / "finns-inte.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "samplan", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert f"{tmp_path / 'borta.yaml'}:0:0: error Y012" in result.stdout + result.stderr


def test_a_fifo_named_like_a_plan_is_named_not_read(tmp_path: Path) -> None:
    """Reading it would wait for a writer for ever."""
    (tmp_path / "a.yaml").write_text(plan_text("a"), encoding="utf-8")
    os.mkfifo(tmp_path / "ror.yaml")
    files, problems = read_folder(tmp_path)
    assert files == ["a.yaml", "ror.yaml"]
    assert problems == ["ror.yaml Y012 cannot read: not a regular file (a pipe or a device)"]


def test_a_family_is_read_alike_by_workers_and_in_one_batch(
    many_plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo family (an agreement and the two plans under it) among other plans:
    the workers get its files in one batch and give what one process gives."""
    for plan in PLANS.glob("demo-*.yaml"):
        shutil.copy(plan, many_plans / f"m-{plan.name}")
    found = [(path, False) for path in sorted(many_plans.glob("*.yaml"))]
    batches = corpus._batches(found, corpus.index_plans([p for p, _ in found]), 4)
    assert sorted(i for batch in batches for i in batch) == list(range(len(found)))
    assert all(len(batch) <= 4 for batch in batches)
    demo = {i for i, (path, _) in enumerate(found) if path.name.startswith("m-demo-")}
    assert len(demo) == 3 and any(demo <= set(batch) for batch in batches)

    alone = read_in_one_process(many_plans, monkeypatch)
    monkeypatch.setattr(corpus, "_cpus", lambda: 2)
    pooled = read_plans([many_plans], AS_OF)
    assert pooled.problems == alone.problems
    assert [(f.file, f.plan) for f in pooled.files] == [(f.file, f.plan) for f in alone.files]
