"""calendar, export, import and init as a user runs them: files, exit codes, help, completion."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from typer.testing import CliRunner

from samplan.cli.app import app
from samplan.cli.common import progress
from samplan.loader import load_bytes
from samplan.query import deadlines

from .conftest import AS_OF, PLANS, ROOT
from .test_calendar import rfc5545_problems

runner = CliRunner()
DEMO = str(PLANS / "demo-sjovik-2026.yaml")
TODAY = ["--as-of", "2026-11-22"]
COMMANDS = ["calendar", "export", "import", "init"]


def samplan(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The installed program through its one error handler (exit codes 2 and 3)."""
    return subprocess.run(
        [sys.executable, "-m", "samplan", *args], capture_output=True, text=True, cwd=cwd
    )


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


# --- calendar -------------------------------------------------------------------------------


def demo_deadlines() -> int:
    """How many deadlines the demo plan has over its whole period."""
    plan = load_bytes(Path(DEMO).read_bytes(), DEMO).plan
    assert plan is not None and plan.period.end is not None
    return len(deadlines(plan, plan.period.start, plan.period.end, AS_OF))


def plans_activities() -> int:
    plans = [load_bytes(p.read_bytes(), str(p)).plan for p in PLANS.glob("*.yaml")]
    return sum(len(p.all_activities()) for p in plans if p is not None)


def test_calendar_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "planer.ics"
    result = runner.invoke(app, ["calendar", DEMO, *TODAY, "-o", str(out)])
    assert result.exit_code == 0, result.output
    count = demo_deadlines()
    assert f"Wrote {count} events of 1 plan to" in result.stderr
    data = out.read_bytes()
    assert rfc5545_problems(data) == []
    assert len(Calendar.from_ical(data).walk("VEVENT")) == count > 50


def test_calendar_to_stdout_with_filters() -> None:
    data = invoke("calendar", DEMO, *TODAY, "--party", "polis", "--from", "2027-01-01").encode()
    events = Calendar.from_ical(data).walk("VEVENT")
    assert events and all(e.decoded("DTSTART").year == 2027 for e in events)
    assert all("Ansvarig: Polismyndigheten" in str(e["DESCRIPTION"]) for e in events)


def test_calendar_usage_errors_exit_2() -> None:
    bad_date = samplan("calendar", DEMO, "--until", "31/12")
    assert bad_date.returncode == 2 and "--until" in bad_date.stderr
    backwards = samplan("calendar", DEMO, "--from", "2027-01-01", "--until", "2026-01-01")
    assert backwards.returncode == 2 and "before --from" in backwards.stderr
    unknown = samplan("calendar", DEMO, "--party", "brandkåren")
    assert unknown.returncode == 2 and "`brandkåren`" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_plans_with_errors_are_reported_and_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "trasig.yaml"
    broken.write_text("samplan: 1\nid: Trasig\n", "utf-8")
    out = tmp_path / "x.ics"
    result = runner.invoke(app, ["calendar", DEMO, str(broken), *TODAY, "-o", str(out)])
    assert result.exit_code == 1
    assert "trasig.yaml:" in result.stderr and "Skipped 1 plan file with errors" in result.stderr
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == demo_deadlines()


# --- export --------------------------------------------------------------------------------


def test_export_xlsx_of_all_plans(tmp_path: Path) -> None:
    out = tmp_path / "status.xlsx"
    result = runner.invoke(app, ["export", str(PLANS), *TODAY, "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["Aktiviteter"]
    plans = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert plans == {p.stem for p in PLANS.glob("*.yaml")}


def test_export_csv_and_json_to_stdout() -> None:
    text = invoke("export", DEMO, *TODAY, "--party", "polis", "-f", "csv")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert table[0][0] == "Plan" and len(table) > 2
    assert {row[4].splitlines()[0] for row in table[1:]} == {
        "Polismyndigheten, Lokalpolisområde Sjövik"
    }
    document = json.loads(invoke("export", DEMO, *TODAY, "--format", "json"))
    plan = load_bytes(Path(DEMO).read_bytes(), DEMO).plan
    assert plan is not None
    assert document["version"] == 1 and len(document["activities"]) == len(plan.all_activities())


def test_export_xlsx_needs_a_file() -> None:
    result = samplan("export", DEMO, "--format", "xlsx")
    assert result.returncode == 2 and "-o status.xlsx" in result.stderr


# --- import --------------------------------------------------------------------------------


def test_export_then_import_one_plan_then_validate(tmp_path: Path) -> None:
    sheet = tmp_path / "alla.xlsx"
    invoke("export", str(PLANS), *TODAY, "-o", str(sheet))
    target = tmp_path / "plans" / "sjovik.yaml"
    args = [
        "import", str(sheet), "--id", "sjovik", "--municipality", "Sjöviks kommun",
        "--from-plan", "demo-sjovik-2026", "--start", "2026-01-01", "--end", "2027-12-31",
        "-o", str(target), *TODAY,
    ]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    demo = load_bytes(Path(DEMO).read_bytes(), DEMO).plan
    assert demo is not None
    acts, areas = len(demo.all_activities()), len(demo.areas)
    assert f"Wrote {target}: {acts} activities in {areas} areas" in result.stderr
    assert "Check these:" in result.stderr
    assert "Columns not imported: Försenad (samplan works it out" in result.stderr
    assert "Statuses from the table recorded in the log, dated 2026-11-22" in result.stderr
    assert runner.invoke(app, ["validate", str(target), *TODAY]).exit_code == 0
    again = samplan(*args)
    assert again.returncode == 2 and "exists" in again.stderr and "--force" in again.stderr
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_import_refuses_a_plan_that_would_not_validate(tmp_path: Path) -> None:
    table = tmp_path / "pnr.csv"
    table.write_text("Aktivitet;När;Ansvarig\nSamtal med 811228-9874;2020;Polisen\n", "utf-8")
    target = tmp_path / "plan.yaml"
    args = ["import", str(table), "--id", "x", "--municipality", "X kommun", "-o", str(target)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "P001" in result.stderr and "table row 2" in result.stderr
    assert "nothing was written" in result.stderr and not target.exists()


def test_import_column_option(tmp_path: Path) -> None:
    table = tmp_path / "egen.csv"
    table.write_text("Vad;När;Vem\nSkolbesök;Under 2020;Polisen\n", "utf-8")
    target = tmp_path / "plan.yaml"
    base = ["import", str(table), "--id", "x", "--municipality", "X kommun", "-o", str(target)]
    good = runner.invoke(app, [*base, "--column", "aktivitet=Vad", "--column", "Ansvarig=Vem"])
    assert good.exit_code == 0, good.output
    bad = samplan(*base, "--column", "aktivitet")
    assert bad.returncode == 2 and "FIELD=HEADER" in bad.stderr


# --- init ------------------------------------------------------------------------------------


def test_init_then_validate_then_refuse_to_overwrite(tmp_path: Path) -> None:
    folder = tmp_path / "trygghet"
    result = runner.invoke(app, ["init", str(folder), "--municipality", "Sjöviks kommun"])
    assert result.exit_code == 0, result.output
    assert (folder / ".pre-commit-config.yaml").is_file()
    assert samplan("validate", cwd=folder).returncode == 0  # default: plans/
    again = samplan("init", str(folder), "--municipality", "Sjöviks kommun")
    assert again.returncode == 2
    assert "refusing to overwrite" in again.stderr and "README.md" in again.stderr


# --- help, completion, progress ------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    text = invoke(command, "--help")
    assert "Example: samplan " + command in " ".join(text.split())


def test_shell_completion_script() -> None:
    result = runner.invoke(app, ["--show-completion", "bash"], prog_name="samplan")
    assert result.exit_code == 0
    assert "complete" in result.stdout and "_SAMPLAN_COMPLETE" in result.stdout


def test_progress_is_silent_when_piped(tmp_path: Path) -> None:
    result = samplan("export", str(PLANS), *TODAY, "-o", str(tmp_path / "s.csv"))
    assert result.returncode == 0
    count, plans = plans_activities(), len(list(PLANS.glob("*.yaml")))
    assert result.stderr == f"Wrote {count} activities of {plans} plans to {tmp_path / 's.csv'}.\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_a_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert list(progress([1, 2, 3], "Exporting")) == [1, 2, 3]
    assert "Exporting" in screen.getvalue()


def test_the_hook_that_init_writes_works_with_pre_commit(tmp_path: Path) -> None:
    """A fresh repository from `samplan init`: pre-commit lets a good plan in, stops a bad one."""
    folder = tmp_path / "trygghet"
    assert samplan("init", str(folder), "--municipality", "Sjöviks kommun").returncode == 0
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "HOME": str(tmp_path),
        "GIT_AUTHOR_NAME": "Samordnare",
        "GIT_AUTHOR_EMAIL": "samordnare@example.se",
        "GIT_COMMITTER_NAME": "Samordnare",
        "GIT_COMMITTER_EMAIL": "samordnare@example.se",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=folder, env=env, capture_output=True, text=True, encoding="utf-8"
        )

    pre_commit = (sys.executable, "-m", "pre_commit")
    assert run("git", "init", "-q").returncode == 0
    installed = run(*pre_commit, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert run("git", "add", "-A").returncode == 0
    first = run("git", "commit", "-q", "-m", "Startplan")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "samplan validate" in first.stdout + first.stderr

    [plan] = (folder / "plans").glob("*.yaml")
    plan.write_text(
        plan.read_text("utf-8").replace("responsible:", "ansvarig:", 1), encoding="utf-8"
    )
    assert run("git", "add", "-A").returncode == 0
    refused = run("git", "commit", "-q", "-m", "Trasig plan")
    assert refused.returncode != 0
    said = refused.stdout + refused.stderr  # git puts the hook's output on stderr
    assert f"plans/{plan.name}:" in said and "S001" in said
    assert run("git", "log", "--oneline").stdout.count("\n") == 1  # the bad commit is not made


def test_init_needs_a_folder(tmp_path: Path) -> None:
    """Without DIR, init does not write into whatever folder the user happens to be in."""
    result = samplan("init", cwd=tmp_path)
    assert result.returncode == 2 and "DIR" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("command", "name"),
    [("report", "rapport.docx"), ("report", "rapport.txt"), ("export", "status.ods")],
)
def test_a_file_type_samplan_cannot_write_is_refused(
    tmp_path: Path, command: str, name: str
) -> None:
    target = tmp_path / name
    result = samplan(command, str(PLANS / "ljusdal-2014.yaml"), "-o", str(target))
    assert result.returncode == 2
    assert f"cannot write .{target.suffix[1:]} files" in result.stderr
    assert not target.exists()
