"""`samplan report` as a user runs it: outputs, folders with an index, errors, git version."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samplan.cli.app import app

from .conftest import DATA, ROOT

runner = CliRunner()
DEMO = "plans/demo-sjovik-2026.yaml"
HARNOSAND = "plans/harnosand-2012.yaml"
TODAY = ["--as-of", "2026-11-22"]


def samplan(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The real entry point, for exit codes that `main` sets (2 for usage errors)."""
    return subprocess.run(
        [sys.executable, "-m", "samplan", *args], capture_output=True, text=True, cwd=cwd
    )


def test_one_plan_to_standard_output(in_root: Path) -> None:
    result = runner.invoke(app, ["report", DEMO, *TODAY])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("# Samverkansöverenskommelse och åtgärdsplan")
    # Without --period: the tertial that holds the as-of date.
    assert "**Uppföljning av tertial 3 2026**" in out
    assert "- **Läget per:** 22 november 2026" in out


def test_html_file_from_the_output_name(in_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "rapport.html"
    result = runner.invoke(app, ["report", DEMO, *TODAY, "--period", "2026T3", "-o", str(target)])
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.html"]  # no temporary files left
    forced = tmp_path / "rapport.txt"
    runner.invoke(app, ["report", DEMO, *TODAY, "-f", "html", "-o", str(forced)])
    assert forced.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_same_arguments_give_identical_bytes(in_root: Path) -> None:
    args = ["report", DEMO, *TODAY, "--period", "2026T3", "-f", "html"]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0 and first.stdout_bytes == second.stdout_bytes


def test_periods_from_and_to_and_language(in_root: Path) -> None:
    result = runner.invoke(
        app, ["report", DEMO, *TODAY, "--from", "2026-03-01", "--to", "2026-05-31", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "**Follow-up for 1 March–31 May 2026**" in result.stdout
    quarter = runner.invoke(app, ["report", DEMO, *TODAY, "-p", "2026Q2"])
    assert "kvartal 2 2026 (1 april–30 juni 2026)" in quarter.stdout


def test_several_plans_go_to_a_folder_with_an_index(in_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapporter"
    result = runner.invoke(
        app, ["report", DEMO, HARNOSAND, *TODAY, "-p", "2026T3", "-f", "html", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "demo-sjovik-2026.html",
        "harnosand-2012.html",
        "index.html",
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="demo-sjovik-2026.html"' in index and 'href="harnosand-2012.html"' in index
    # A period the plan does not cover is probably a typo: say so, but render.
    assert "harnosand-2012.yaml: period 2026T3 is outside the plan's validity" in result.stderr


def test_a_plan_with_errors_is_reported_and_skipped(in_root: Path, tmp_path: Path) -> None:
    broken = DATA / "invalid" / "bad-ids.yaml"
    result = runner.invoke(app, ["report", DEMO, str(broken), *TODAY, "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "bad-ids.yaml:" in result.stderr and "error" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo-sjovik-2026.md", "index.md"]


def test_template_dir(in_root: Path, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text(
        '{% extends "builtin/report.md.j2" %}{% block footer %}Egen sidfot{% endblock %}',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["report", DEMO, *TODAY, "--template-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("Egen sidfot\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2026T4"], "is not a period"),
        (["--from", "2026-01-01"], "--from and --to go together"),
        (["--period", "2026T1", "--from", "2026-01-01", "--to", "2026-02-01"], "not both"),
        (["--from", "2026-02-01", "--to", "2026-01-01"], "is before --from"),
        (["--template-dir", "no/such/folder"], "no such folder"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = samplan("report", DEMO, *TODAY, *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr


def test_several_plans_without_a_folder_is_a_usage_error() -> None:
    result = samplan("report", DEMO, HARNOSAND, *TODAY)
    assert result.returncode == 2
    assert "give -o FOLDER" in result.stderr


def test_bad_format_is_a_usage_error() -> None:
    assert runner.invoke(app, ["report", DEMO, "--format", "docx"]).exit_code == 2


# --- the plan version from git -----------------------------------------------------


def git(*args: str, cwd: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": "2026-02-01T12:00:00+01:00",
        "GIT_COMMITTER_DATE": "2026-02-01T12:00:00+01:00",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_version_comes_from_the_last_commit_of_the_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(ROOT / DEMO, plan)
    git("init", "-q", cwd=tmp_path)
    git("add", "plan.yaml", cwd=tmp_path)
    git("commit", "-q", "-m", "plan", cwd=tmp_path)
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%h"], cwd=tmp_path, capture_output=True, text=True
    ).stdout.strip()
    result = runner.invoke(app, ["report", str(plan), *TODAY])
    assert f"- **Planversion:** Version {commit} från 1 februari 2026\n" in result.stdout
    plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = runner.invoke(app, ["report", str(plan), *TODAY])
    assert "med ändringar som inte är incheckade" in changed.stdout


def test_without_git_the_report_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(ROOT / DEMO, plan)
    monkeypatch.setenv("PATH", str(tmp_path))  # no git to be found
    result = runner.invoke(app, ["report", str(plan), *TODAY])
    assert result.exit_code == 0, result.output
    assert "- **Planversion:** Planfilen är inte versionshanterad." in result.stdout


def test_audience_public_writes_the_residents_page(in_root: Path, tmp_path: Path) -> None:
    page = tmp_path / "lofte.html"
    result = runner.invoke(app, ["report", DEMO, *TODAY, "--audience", "public", "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "Så går det med våra löften" in html and "Det här har vi lovat" in html
    assert "Rapporterad av" not in html  # no internal columns
    # One plan at a time: a folder of plans is a usage error, and nothing is written.
    folder = samplan("report", "plans/", *TODAY, "--audience", "public", "-o", str(tmp_path / "x"))
    assert folder.returncode == 2, folder.stderr
    assert "--audience public" in folder.stderr and not (tmp_path / "x").exists()


def test_audience_public_on_an_agreement_names_the_plan_that_holds_its_promises(
    in_root: Path, tmp_path: Path
) -> None:
    # The agreement's medborgarlöfte is a plan of its own beside it (docs/examples/trial):
    # the page of the agreement has no promises, and stderr says where they are.
    agreement = "docs/examples/trial/lindsjo-2024-2027.yaml"
    page = tmp_path / "lofte.md"
    args = ["report", agreement, "--as-of", "2026-01-15", "--audience", "public", "-o", str(page)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Planen innehåller inga medborgarlöften." in page.read_text(encoding="utf-8")
    assert (
        f"{agreement} makes no citizen promises itself; they are in the plan "
        "lindsjo-2025-medborgarlofte below it"
    ) in result.stderr
    promise = "docs/examples/trial/lindsjo-2025-medborgarlofte.yaml"
    args[1] = promise
    assert "makes no citizen promises" not in runner.invoke(app, args).stderr
