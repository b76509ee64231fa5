"""`samplan log` as a user runs it: the one-line answer, exit codes, refusals, --dry-run."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

from samplan.cli import main
from samplan.loader import read_file
from samplan.model import LogEntry
from samplan.pii import luhn_ok

from .conftest import DATA, PLANS

DEMO = PLANS / "demo-sjovik-2026.yaml"
TODAY = ["--as-of", "2026-11-22"]


def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str, str]:
    """Run `samplan ARGS` through the real entry point: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["samplan", *args])
    with pytest.raises(SystemExit) as stop:
        main()
    out, err = capsys.readouterr()
    return int(stop.value.code or 0), out, err


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.yaml"
    shutil.copyfile(DEMO, path)
    return path


def last_entry(path: Path, item_id: str) -> LogEntry:
    plan = read_file(path).plan
    assert plan is not None
    logs = {act.id: act.log for _, act in plan.all_activities()}
    logs.update({f.id: f.log for f in plan.follow_up})
    return logs[item_id][-1]


def test_logs_and_says_what_it_did(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(
        capsys,
        monkeypatch,
        "log",
        str(demo),
        "trygghetsvandringar",
        "--status",
        "done",
        "--date",
        "2026-11-20",
        "--note",
        "Vandring i Västra: 18 deltagare",
        "--by",
        "kommunledning",
        "--assessment",
        "green",
        *TODAY,
    )
    assert (code, err) == (0, "")
    assert out == f"Logged done for trygghetsvandringar in {demo} (2026-11-20).\n"
    entry = last_entry(demo, "trygghetsvandringar")
    assert entry.model_dump(exclude_none=True) == {
        "date": dt.date(2026, 11, 20),
        "status": "done",
        "note": "Vandring i Västra: 18 deltagare",
        "by": "kommunledning",
        "assessment": "green",
    }


def test_follow_up_item_and_default_date_is_the_as_of_date(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(
        capsys, monkeypatch, "log", str(demo), "arlig-uppfoljning", "-s", "ongoing", *TODAY
    )
    assert code == 0
    assert out == f"Logged ongoing for follow-up item arlig-uppfoljning in {demo} (2026-11-22).\n"
    assert last_entry(demo, "arlig-uppfoljning").date == dt.date(2026, 11, 22)


TINY = """samplan: 1
id: liten
title: Liten plan
municipality: Sjöviks kommun
period: {start: 2020-01-01}
parties:
  kommun: {name: Sjöviks kommun, type: municipality}
areas:
  - id: centrum
    title: Centrum
    activities:
      - {id: kontroll, title: Kontroll, responsible: [kommun], repeat: continuous}
"""


def test_default_date_is_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(TINY, encoding="utf-8")  # no dated entries: valid whatever day it is
    before = dt.date.today()
    code, _, _ = run(capsys, monkeypatch, "log", str(path), "kontroll", "--status", "done")
    assert code == 0
    assert last_entry(path, "kontroll").date in (before, dt.date.today())


def test_dry_run_prints_the_diff_and_writes_nothing(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = demo.read_bytes()
    code, out, _ = run(
        capsys,
        monkeypatch,
        "log",
        str(demo),
        "nattvandring",
        "--status",
        "done",
        "--dry-run",
        *TODAY,
    )
    assert code == 0
    assert demo.read_bytes() == before
    lines = out.splitlines()
    assert lines[:2] == [f"--- {demo}", f"+++ {demo}"]
    assert [line for line in lines[2:] if line.startswith(("+", "-"))] == [
        "+          - {date: 2026-11-22, status: done}"
    ]
    assert lines[-1] == (
        f"Would log done for nattvandring in {demo} (2026-11-22); nothing written (--dry-run)."
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["trygghetsvandring", "-s", "done"], "did you mean `trygghetsvandringar`?"),
        (["nattvandring", "-s", "genomförd"], "did you mean `done`? (values are English)"),
        (["nattvandring", "-s", "cancelled"], "a `cancelled` entry needs a note"),
        (["nattvandring", "-s", "done", "--by", "polisen"], "did you mean `polis`?"),
        (["nattvandring", "-s", "done", "--assessment", "orange"], "unknown assessment"),
        (["nattvandring", "-s", "done", "--date", "2026-11-31"], "--date"),
        (["nattvandring", "-s", "done", "--date", "2027-01-01"], "is after today"),
        (["nattvandring", "-s", "planned", "--count", "2"], "a `planned` entry reports no units"),
        (["nattvandring", "-s", "done", "--count", "-1"], "--count -1 is negative"),
        (["nattvandring", "-s", "done", "--for", "2026T4"], "--for `2026T4` is not a period"),
        (["nattvandring", "-s", "done", "--for", "2027"], "--for 2027 has not begun"),
        (["nattvandring", "-s", "done", "--by", "braa"], "unknown party or body `braa`"),
        # Not even a key's spelling: the body's name, with å, or with a space.
        (["nattvandring", "-s", "done", "--by", "brå"], "unknown party or body `brå`"),
        (["nattvandring", "-s", "done", "--by", "Brå Sjövik"], "unknown party or body"),
    ],
)
def test_usage_errors_exit_2_and_change_nothing(
    demo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    before, mtime = demo.read_bytes(), demo.stat().st_mtime_ns
    code, out, err = run(capsys, monkeypatch, "log", str(demo), *args, *TODAY)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err
    assert (demo.read_bytes(), demo.stat().st_mtime_ns) == (before, mtime)


def test_count_for_and_a_body_as_reporter(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Results of a tertial written down after it, by a body (spec: second edition)."""
    args = ["--count", "2", "--for", "2026t3", "--by", "bra", "--date", "2026-11-20"]
    code, _, err = run(
        capsys, monkeypatch, "log", str(demo), "trygghetsvandringar", "-s", "done", *args, *TODAY
    )
    assert (code, err) == (0, "")
    entry = last_entry(demo, "trygghetsvandringar")
    assert (entry.count, entry.for_, entry.by) == (2, "2026T3", "bra")
    assert "- {date: 2026-11-20, status: done, by: bra, count: 2, for: 2026T3}" in (
        demo.read_text(encoding="utf-8")
    )


def test_unknown_plan_file_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "saknas.yaml"
    code, _, err = run(capsys, monkeypatch, "log", str(missing), "x", "-s", "done", *TODAY)
    assert code == 2
    assert f"no such plan file: {missing}" in err


def test_invalid_plan_is_refused_with_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "invalid.yaml"
    shutil.copyfile(DATA / "log" / "invalid.yaml", path)
    before = path.read_bytes()
    code, out, err = run(capsys, monkeypatch, "log", str(path), "belysning", "-s", "done", *TODAY)
    assert (code, out) == (1, "")
    assert err.startswith(f"{path} has errors; fix them first (the file was not changed):\n")
    assert f"{path}:15:31: error R002 unknown party `polisen`" in err
    assert path.read_bytes() == before


def test_entry_that_breaks_the_plan_is_refused(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "850709123"
    number = next(f"{body[:6]}-{body[6:]}{d}" for d in "0123456789" if luhn_ok(body + d))
    before = demo.read_bytes()
    code, out, err = run(
        capsys,
        monkeypatch,
        "log",
        str(demo),
        "nattvandring",
        "-s",
        "done",
        "--note",
        f"Kontakt {number}",
        *TODAY,
    )
    assert (code, out) == (1, "")
    assert err.startswith(f"Not logged: with this entry {demo} would not validate")
    assert " error P001 " in err
    assert demo.read_bytes() == before


def test_help_has_an_example(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, monkeypatch, "log", "--help")
    assert code == 0
    assert "Example: samplan log plans/" in out
