"""Plans written as three other kommuner would (docs/examples/trial/): they validate, and
the answers a coordinator acts on are right at fixed dates.

The plans were written to try samplan on styles the seeds do not have: a four-year
samverkansöverenskommelse with a citizen promise as its child, tertial reports with a
month's grace and the past year's results written down in January (`for:`); a school-year
åtgärdsplan; a plan exported from a spreadsheet (`Q2`, `T1-T2`, `v.12`, `jan-25`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from samplan.cli.app import app

from .conftest import ROOT

runner = CliRunner()
TRIAL = ROOT / "docs" / "examples" / "trial"
AGREEMENT = TRIAL / "lindsjo-2024-2027.yaml"
PROMISE = TRIAL / "lindsjo-2025-medborgarlofte.yaml"
SCHOOL = TRIAL / "bergvik-skola-fritid-2025-26.yaml"
SHEET = TRIAL / "norrvik-2025-export.yaml"


def late(*paths: Path, as_of: str, expired: bool = False) -> list[tuple[str, str, int | None]]:
    """(item, due, occurrence) of every missed deadline, as `overdue --format json` lists them."""
    args = ["overdue", "--as-of", as_of, "--format", "json", *map(str, paths)]
    result = runner.invoke(app, [*args, *(["--include-expired"] if expired else [])])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return [(row["item"], row["due"], row["occurrence"]) for row in document["items"]]


def test_the_trial_plans_validate_without_errors() -> None:
    result = runner.invoke(app, ["validate", "--as-of", "2025-12-31", str(TRIAL)])
    assert result.exit_code == 0, result.output
    assert "Found 0 errors" in result.output


def test_results_of_the_past_year_are_due_in_january_with_the_grace() -> None:
    # Tertial 3 and the yearly follow-up of 2025 are due 31 January 2026 (grace: 1m),
    # not on 31 December; on 1 February they are late, as is what 2025 left undone.
    assert late(AGREEMENT, as_of="2026-01-31") == [
        ("soprum", "2025-06-30", None),
        ("brandtillsyn", "2025-12-31", 2),
        ("trygghetsvandringar", "2025-12-31", 1),
    ]
    assert late(AGREEMENT, as_of="2026-02-01")[3:] == [
        ("arsuppfoljning", "2026-01-31", 1),
        ("tertialrapport", "2026-01-31", 3),
    ]


def test_results_written_in_january_count_for_the_past_year(tmp_path: Path) -> None:
    plan = tmp_path / AGREEMENT.name
    shutil.copy(AGREEMENT, plan)
    logged = [
        ["arsuppfoljning", "--for", "2025", "-d", "2026-01-27", "--by", "bra"],
        ["tertialrapport", "--for", "2025T3", "-d", "2026-01-20", "--by", "polisen"],
        ["trygghetsvandringar", "--count", "2", "--for", "2025", "-d", "2026-01-10"],
        ["brandtillsyn", "--for", "2025H2", "-d", "2026-01-12", "--by", "raddningstjansten"],
    ]
    for item, *options in logged:
        args = ["log", str(plan), item, "-s", "done", *options, "--as-of", "2026-02-01"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    assert late(plan, as_of="2026-02-01") == [("soprum", "2025-06-30", None)]


def test_minst_fyra_under_aret_is_four_units_each_year() -> None:
    # `count: 4` on a yearly activity: 4 walks in 2024 meet the year, 2 in 2025 do not.
    rows = late(AGREEMENT, as_of="2028-02-15", expired=True)
    walks = [row for row in rows if row[0] == "trygghetsvandringar"]
    assert walks == [
        ("trygghetsvandringar", "2025-12-31", 1),
        ("trygghetsvandringar", "2026-12-31", 1),
        ("trygghetsvandringar", "2027-12-31", 1),
    ]


def test_the_citizen_promise_reads_its_parents_parties_and_counts_units() -> None:
    assert late(PROMISE, as_of="2025-12-01") == [
        ("lofte-uppfoljning", "2025-08-31", 2),
        ("dialogmote", "2025-11-30", None),
    ]
    rows = late(PROMISE, as_of="2026-01-15", expired=True)
    assert ("vandringar-2025", "2025-12-31", None) in rows


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2025-10-31", []),
        # `Före jullovet`: the day before the schools' Christmas break (20 December)
        (
            "2026-01-10",
            [("lovplanering-sportlov", "2025-12-19", None), ("franvarorutin", "2025-12-31", None)],
        ),
        (
            "2026-06-30",
            [
                ("lovplanering-sportlov", "2025-12-19", None),
                ("franvarorutin", "2025-12-31", None),
                ("valborg", "2026-04-30", None),  # Valborgsmässoafton 2026
            ],
        ),
    ],
)
def test_the_school_year(as_of: str, expected: list[tuple[str, str, int | None]]) -> None:
    assert late(SCHOOL, as_of=as_of) == expected


def test_the_school_year_after_it_ends() -> None:
    # What the school year left undone is still there the day after it ends.
    # `En gång per termin` with only an autumn meeting misses the spring term, which the
    # plan's end on 30 June cuts short: the first window that starts in 2026.
    assert late(SCHOOL, as_of="2026-07-01", expired=True) == [
        ("lovplanering-sportlov", "2025-12-19", None),
        ("franvarorutin", "2025-12-31", None),
        ("valborg", "2026-04-30", None),
        ("elevrad", "2026-06-30", 1),
        ("lasarsrapport", "2026-06-30", None),
        ("lasarsuppfoljning", "2026-06-30", None),
        ("skolavslutning", "2026-06-30", None),
        ("terminsuppfoljning", "2026-06-30", 1),
        ("trygghetsenkat", "2026-06-30", None),
    ]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2025-02-01", [("a5", "2025-01-31", None)]),  # jan-25, not logged until 5 Feb
        ("2025-04-01", [("a6", "2025-03-31", None)]),  # due 2025-03-31, paused later
        ("2025-07-01", [("b2", "2025-04-30", 4), ("b2", "2025-06-30", 6)]),  # 1 ggr/mån
        (
            "2025-09-01",
            [
                ("b2", "2025-04-30", 4),
                ("b2", "2025-06-30", 6),
                ("b2", "2025-07-31", 7),
                ("a3", "2025-08-31", None),  # T1-T2: by the end of August
                ("b2", "2025-08-31", 8),
            ],
        ),
    ],
)
def test_the_spreadsheet_plan(as_of: str, expected: list[tuple[str, str, int | None]]) -> None:
    assert late(SHEET, as_of=as_of) == expected
