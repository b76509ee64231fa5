"""`samplan overdue` and `samplan upcoming` as a user runs them: formats, filters, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from samplan.cli.app import app
from samplan.errors import UsageError
from samplan.listing import CSV_COLUMNS

from .conftest import ROOT

runner = CliRunner()
HARNOSAND = "plans/harnosand-2012.yaml"
DEMO = "plans/demo-sjovik-2026.yaml"
JAN_2013 = ["--as-of", "2013-01-15"]
TODAY = ["--as-of", "2026-11-22"]


def run_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def items(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(row["item"], row["due"]) for row in document["items"]]


def test_table_lists_missed_deadlines(in_root: Path) -> None:
    result = runner.invoke(app, ["overdue", *JAN_2013, HARNOSAND])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "kontaktuppgifter" in out and "avstamning (follow-up)" in out
    assert "2nd time in 2012" in out and "0 of 1 done" in out
    assert "utveckla-kaken" not in out and "anmalningar-lvm-sol" not in out
    assert out.rstrip().endswith("30 missed deadlines in 1 plan as of 2013-01-15.")


def test_json_shape(in_root: Path) -> None:
    document = run_json("overdue", *JAN_2013, HARNOSAND)
    assert {k: document[k] for k in ("version", "command", "as_of", "until", "plans")} == {
        "version": 1,
        "command": "overdue",
        "as_of": "2013-01-15",
        "until": None,
        "plans": 1,
    }
    assert document["expired"] == []
    first = document["items"][0]
    assert first == {
        "plan": "harnosand-2012",
        "plan_title": "Överenskommelse för ökad trygghet i Härnösands kommun 2012-2013",
        "file": HARNOSAND,
        "area": "livsstilskriminella",
        "item_kind": "activity",
        "item": "arbetsgrupp-livsstilskriminella",
        "title": "Samverka mellan polis, fältarbetare och frivård genom arbetsgrupp",
        "responsible": ["polis", "kommun"],
        "due": "2012-01-31",
        "recurring": True,
        "occurrence": 1,
        "required": 1,
        "days_late": 350,
        "status": "planned",
        "window_start": "2012-01-01",
        "units_done": 0,
        "units_required": 1,
    }
    assert len(document["items"]) == 30


def test_csv_has_a_header_and_one_row_per_deadline(in_root: Path) -> None:
    result = runner.invoke(app, ["overdue", *JAN_2013, HARNOSAND, "--format", "csv"])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == 30
    smadit = next(r for r in table if r["item"] == "smadit-utbildning")
    assert (smadit["responsible"], smadit["due"], smadit["recurring"]) == (
        "polis;socialtjanst",
        "2012-12-31",
        "no",
    )
    assert smadit["occurrence"] == "" and smadit["days_late"] == "15"


def test_party_filter_reaches_units_and_convened_bodies(in_root: Path) -> None:
    skola = items(run_json("overdue", *JAN_2013, HARNOSAND, "--party", "skola"))
    assert skola == [("kontaktuppgifter", "2012-12-31")]
    kommun = {
        item for item, _ in items(run_json("overdue", *JAN_2013, HARNOSAND, "--party", "kommun"))
    }
    # skola and socialtjanst are part_of kommun; rådet (convened by kommun) reviews the plan
    assert {"kontaktuppgifter", "smadit-utbildning", "oversyn-handlingsplan"} <= kommun
    assert "kronobergsmodellen" not in kommun  # the police alone


def test_area_and_plan_filters(in_root: Path) -> None:
    trafik = items(run_json("overdue", *JAN_2013, "plans/", "--area", "trafik"))
    assert sorted(trafik) == [
        ("cykelkontroller", "2012-12-31"),
        ("smadit-utbildning", "2012-12-31"),
        ("utbildning-nya-planer", "2012-06-30"),
        ("utbildning-nya-planer", "2012-12-31"),
    ]
    one = run_json("overdue", *TODAY, "plans/", "--plan", "demo-sjovik-2026")
    assert one["plans"] == 1 and {row["plan"] for row in one["items"]} == {"demo-sjovik-2026"}


def test_expired_plans_are_named_and_their_rows_listed_on_request(in_root: Path) -> None:
    late = ["overdue", "--as-of", "2014-02-01", HARNOSAND]
    result = runner.invoke(app, late)
    assert result.exit_code == 0, result.output
    assert (
        f"Plan harnosand-2012 ({HARNOSAND}) expired on 2013-12-31; "
        "48 missed deadlines not listed (--include-expired)."
    ) in result.stdout
    assert "Nothing overdue as of 2014-02-01 in 1 plan (1 expired)." in result.stdout
    document = run_json(*late)
    assert document["items"] == []
    assert document["expired"] == [
        {
            "plan": "harnosand-2012",
            "title": "Överenskommelse för ökad trygghet i Härnösands kommun 2012-2013",
            "file": HARNOSAND,
            "ended": "2013-12-31",
            "rows": 48,
            "rows_listed": False,
        }
    ]
    listed = run_json(*late, "--include-expired")
    assert len(listed["items"]) == 48 and listed["expired"][0]["rows_listed"] is True
    # A sheet (csv) stays a sheet: the note goes to stderr, not silently nowhere.
    sheet = runner.invoke(app, [*late, "--format", "csv"])
    assert sheet.exit_code == 0, sheet.output
    assert sheet.stdout.splitlines() == [",".join(CSV_COLUMNS)]
    assert "48 missed deadlines not listed (--include-expired)." in sheet.stderr


def test_a_plan_is_current_while_a_grace_after_its_end_runs(in_root: Path) -> None:
    """The 2024-2027 trial agreement's tertial report and yearly follow-up for 2027
    have `grace: 1m`: due 31 January 2028, they are still coming in mid-January and
    the plan expires only once that month is over."""
    trial = "docs/examples/trial/lindsjo-2024-2027.yaml"
    coming = run_json("upcoming", "--as-of", "2028-01-15", trial)
    assert coming["expired"] == []
    assert {(row["item"], row["due"]) for row in coming["items"]} >= {
        ("tertialrapport", "2028-01-31")
    }
    after = run_json("upcoming", "--as-of", "2028-02-01", trial)
    assert after["items"] == [] and after["expired"][0]["ended"] == "2027-12-31"


def test_fail_if_any(in_root: Path) -> None:
    late = runner.invoke(app, ["overdue", *JAN_2013, HARNOSAND, "--fail-if-any"])
    assert late.exit_code == 1
    early = runner.invoke(app, ["overdue", "--as-of", "2012-01-15", HARNOSAND, "--fail-if-any"])
    assert early.exit_code == 0, early.output
    assert "Nothing overdue as of 2012-01-15 in 1 plan." in early.stdout


def test_log_entries_after_a_past_as_of_do_not_stop_the_command(in_root: Path) -> None:
    result = runner.invoke(app, ["overdue", "--as-of", "2026-05-01", DEMO, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["items"]
    # done on 2026-06-24, so not yet done on 1 May; due 31 March
    assert ("kamerabevakning-resecentrum", "2026-03-31") in [(r["item"], r["due"]) for r in rows]


BROKEN = """samplan: 1
id: trasig
title: Trasig plan
municipality: Testby kommun
period: {start: 2026-01-01, end: 2026-12-31}
parties:
  kommun: {name: Kommunen, type: municipality}
areas:
  - id: a
    title: Område
    activities:
      - {id: a1, title: Vandring, responsible: [polis], due: 2026-03-31}
"""


def test_plans_with_errors_are_reported_and_skipped(in_root: Path, tmp_path: Path) -> None:
    (tmp_path / "trasig.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "demo.yaml").write_bytes((ROOT / DEMO).read_bytes())
    result = runner.invoke(app, ["overdue", *TODAY, str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    assert "trasig.yaml:12:" in result.stderr and "R002" in result.stderr
    assert {row["plan"] for row in json.loads(result.stdout)["items"]} == {"demo-sjovik-2026"}
    only_valid = runner.invoke(
        app, ["overdue", *TODAY, str(tmp_path), "--plan", "demo-sjovik-2026"]
    )
    assert only_valid.exit_code == 0 and only_valid.stderr == ""


def test_upcoming_within_and_until(in_root: Path) -> None:
    soon = run_json("upcoming", *TODAY, DEMO, "--within", "6w")
    assert soon["command"] == "upcoming" and soon["until"] == "2027-01-03"
    found = items(soon)
    assert ("tillsyn-serveringsstallen", "2026-12-31") in found
    assert ("kartlaggning-narkotika-sociala-medier", "2026-12-31") in found
    assert ("tertialuppfoljning", "2026-12-31") in found
    assert all("2026-11-22" < due <= "2027-01-03" for _, due in found)
    # Brå's November meeting and platssamverkan in November are already held
    assert ("bra-uppfoljning", "2026-11-30") not in found
    same = run_json("upcoming", *TODAY, DEMO, "--until", "2027-01-03")
    assert same["items"] == soon["items"]
    assert run_json("upcoming", *TODAY, DEMO, "--within", "1m")["until"] == "2026-12-22"
    assert run_json("upcoming", *TODAY, DEMO)["until"] == "2026-12-22"  # 30 days by default
    platssamverkan = next(r for r in soon["items"] if r["item"] == "platssamverkan-norrbacka")
    assert platssamverkan["status"] == "ongoing"  # its latest entry is `done`: one occurrence
    table = runner.invoke(app, ["upcoming", *TODAY, DEMO, "--within", "6w"])
    assert "Days left" in table.stdout and "from 2026-11-22 to 2027-01-03" in table.stdout


def test_usage_errors_exit_2(in_root: Path) -> None:
    for args in (
        ["overdue", HARNOSAND, "--party", "polsi"],
        ["overdue", HARNOSAND, "--area", "trafk"],
        ["overdue", HARNOSAND, "--plan", "harnosand"],
        ["overdue", HARNOSAND, "--as-of", "15/1/2013"],
        ["overdue", HARNOSAND, "--format", "xml"],
        ["upcoming", HARNOSAND, "--within", "soon"],
        ["upcoming", HARNOSAND, "--within", "3d", "--until", "2026-12-01"],
        ["upcoming", HARNOSAND, "--as-of", "2013-01-15", "--until", "2012-12-01"],
        ["upcoming", HARNOSAND, "--as-of", "9999-12-31"],
    ):
        result = runner.invoke(app, args)
        # Option errors exit 2 here; a UsageError becomes exit 2 in samplan.cli.main.
        assert result.exit_code == 2 or isinstance(result.exception, UsageError), args
    real = subprocess.run(
        [sys.executable, "-m", "samplan", "overdue", HARNOSAND, "--party", "polsi"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert real.returncode == 2 and "Traceback" not in real.stderr
    assert "unknown party or body `polsi`; did you mean `polis`?" in real.stderr
