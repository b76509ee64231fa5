"""`samplan init`'s files: a starter plan that validates, hooks, schema, README."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from samplan.errors import NotAPlanId, UsageError
from samplan.loader import load_bytes
from samplan.query import overdue
from samplan.rules import check_file
from samplan.scaffold import starter_files, write_starter
from samplan.schema import schema_text

from .conftest import AS_OF, ROOT


def files_by_path(**given: object) -> dict[str, bytes]:
    values: dict[str, object] = {"as_of": AS_OF, "municipality": "Sjöviks kommun"}
    values.update(given)
    return {f.path: f.content for f in starter_files(**values)}  # type: ignore[arg-type]


def test_the_files_of_a_new_repository() -> None:
    assert list(files_by_path()) == [
        "plans/sjoviks-kommun-2026.yaml",
        "schema/samplan.schema.json",
        ".pre-commit-config.yaml",
        "README.md",
    ]


@pytest.mark.parametrize(
    "municipality",
    ["Sjöviks kommun", "Malung-Sälens kommun", "Landskrona stad", "Ö: kommun, med #tecken"],
)
@pytest.mark.parametrize("as_of", [AS_OF, dt.date(2027, 1, 1), dt.date(2030, 12, 31)])
def test_starter_plan_validates_without_a_single_problem(municipality: str, as_of: dt.date) -> None:
    files = files_by_path(as_of=as_of, municipality=municipality, police_area="LPO: Sjövik")
    path, content = next((p, c) for p, c in files.items() if p.startswith("plans/"))
    loaded = load_bytes(content, path)
    assert loaded.plan is not None, loaded.problems
    assert [*loaded.problems, *check_file(loaded, as_of)] == []
    plan = loaded.plan
    assert plan.municipality == municipality and plan.parties["kommun"].name == municipality
    assert plan.police_area == "LPO: Sjövik"
    assert plan.period.start == as_of.replace(day=1)
    assert plan.period.end == dt.date(as_of.year + 1, 12, 31)
    assert overdue(plan, as_of) == []  # a new plan starts with nothing late
    assert len(plan.all_activities()) >= 4 and plan.follow_up and plan.bodies


def test_starter_plan_is_commented_in_swedish_for_a_coordinator() -> None:
    text = files_by_path(plan_id="sjovik-2026")["plans/sjovik-2026.yaml"].decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/samplan.schema.json"
    comments = [line for line in lines if "#" in line]
    assert len(comments) > 20
    for phrase in (
        "byt ut",
        "samplan validate",
        "samplan log plans/sjovik-2026.yaml trygghetsvandring",
        "den första parten leder arbetet",
        "municipal_unit (förvaltning",
    ):
        assert phrase in text
    assert "# police_area: Lokalpolisområde" in text  # left for the kommun to fill in


def test_the_modeline_finds_the_schema_that_is_written() -> None:
    files = files_by_path()
    assert files["schema/samplan.schema.json"].decode("utf-8") == schema_text()
    json.loads(files["schema/samplan.schema.json"])
    modeline = files["plans/sjoviks-kommun-2026.yaml"].decode("utf-8").splitlines()[0]
    relative = modeline.split("$schema=")[1]
    assert (Path("plans") / relative).resolve() == Path("schema/samplan.schema.json").resolve()


def test_pre_commit_runs_the_installed_samplan_offline() -> None:
    config = yaml.safe_load(files_by_path()[".pre-commit-config.yaml"])
    [repo] = config["repos"]
    assert repo["repo"] == "local"  # no tag to fetch, no network
    [hook] = repo["hooks"]
    assert hook["id"] == "samplan-validate" and hook["language"] == "system"
    assert hook["entry"] == "samplan validate plans/" and hook["pass_filenames"] is False
    published = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    [remote] = [h for h in published if h["id"] == "samplan-validate"]
    assert remote["entry"] == hook["entry"]


def test_readme_speaks_to_the_kommuns_staff() -> None:
    readme = files_by_path(plan_id="sjovik-2026")["README.md"].decode("utf-8")
    assert readme.startswith("# Brottsförebyggande planer för Sjöviks kommun")
    for command in (
        "samplan validate",
        "samplan overdue",
        "samplan log plans/sjovik-2026.yaml",
        "samplan calendar",
        "samplan export --format xlsx",
        "pre-commit install",
    ):
        assert command in readme
    assert "personnummer" in readme


def test_same_input_same_files() -> None:
    assert files_by_path() == files_by_path()


def test_write_starter_creates_folders(tmp_path: Path) -> None:
    written = write_starter(tmp_path / "ny", starter_files(AS_OF))
    assert [p.relative_to(tmp_path / "ny").as_posix() for p in written] == [
        "plans/min-kommun-2026.yaml",
        "schema/samplan.schema.json",
        ".pre-commit-config.yaml",
        "README.md",
    ]
    assert all(p.is_file() for p in written)


def test_write_starter_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("vår egen\n", "utf-8")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "min-kommun-2026.yaml").write_text("x\n", "utf-8")
    with pytest.raises(UsageError) as refused:
        write_starter(tmp_path, starter_files(AS_OF))
    message = str(refused.value)
    assert str(tmp_path / "README.md") in message
    assert str(tmp_path / "plans" / "min-kommun-2026.yaml") in message
    assert (tmp_path / "README.md").read_text("utf-8") == "vår egen\n"
    assert not (tmp_path / "schema").exists()  # nothing written at all


def test_an_id_that_is_not_a_slug_is_refused() -> None:
    with pytest.raises(NotAPlanId) as refused:
        starter_files(AS_OF, plan_id="Sjövik 2026")
    assert refused.value.data == {"plan_id": "Sjövik 2026", "example": "sjovik-2026"}
