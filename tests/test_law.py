"""The law's checks: when they apply, the lägesbild's age setting, the report's checklist."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from samplan.cli.app import app
from samplan.family import family_of
from samplan.law import Age, law_checklist, parse_age
from samplan.loader import read_file

from .conftest import AS_OF, DATA

GAPS = DATA / "invalid" / "law-gaps.yaml"
BEFORE = DATA / "valid" / "law-before-2023.yaml"
STORAKER = DATA / "family" / "storaker"


def validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", "--as-of", str(AS_OF), *args])
    return result.exit_code, result.output


def codes(output: str) -> list[str]:
    return [line.split()[2] for line in output.splitlines() if " warning L" in line]


def test_the_lägesbild_age_is_a_setting() -> None:
    assert "L003" in codes(validate(str(GAPS))[1])
    assert "L003" not in codes(validate("--situation-max-age", "5y", str(GAPS))[1])
    assert "L003" in codes(validate("--situation-max-age", "49m", str(GAPS))[1])
    assert "L003" not in codes(validate("--situation-max-age", "50m", str(GAPS))[1])
    code, output = validate("--situation-max-age", "two years", str(GAPS))
    assert code == 2 and "`two years` is not an age" in output


def test_strict_makes_the_law_checks_fail() -> None:
    assert validate(str(GAPS))[0] == 0
    assert validate("--strict", str(GAPS))[0] == 1


def test_plans_from_before_the_law_are_checked_only_with_law() -> None:
    assert codes(validate(str(BEFORE))[1]) == []
    assert codes(validate("--law", str(BEFORE))[1]) == [
        "L004", "L005", "L010", "L002", "L003", "L008", "L009", "L007", "L006",
    ]  # fmt: skip


def test_a_citizen_promise_is_not_asked_for_a_decision() -> None:
    # With --law every plan is checked, but a medborgarlöfte is signed, not decided.
    promise = STORAKER / "medborgarlofte-2026.yaml"
    assert "L004" not in codes(validate("--law", str(promise))[1])
    assert "L006" in codes(validate("--law", str(promise))[1])


def test_a_family_under_the_law_meets_every_requirement() -> None:
    child = STORAKER / "atgardsplan-2026.yaml"
    plan = read_file(child).plan
    assert plan is not None
    checklist = law_checklist(family_of(str(child), plan), AS_OF)
    assert [r.code for r in checklist] == [f"L{n:03}" for n in range(1, 11)]
    assert all(r.met for r in checklist), [(r.code, r.gaps) for r in checklist if not r.met]
    # Two years on, the agreement's lägesbild (2025-10-15) is too old.
    later = law_checklist(family_of(str(child), plan), dt.date(2027, 11, 1))
    old = next(r for r in later if r.code == "L003")
    assert not old.met and old.gaps[0].detail == "2025-10-15"
    assert old.gaps[0].file.endswith("overenskommelse.yaml")


def test_the_checklist_names_what_is_missing() -> None:
    plan = read_file(GAPS).plan
    assert plan is not None
    checklist = {r.code: r for r in law_checklist(family_of(str(GAPS), plan), AS_OF)}
    assert [c for c, r in checklist.items() if r.met] == ["L001"]
    assert [(g.subject, g.text) for g in checklist["L007"].gaps] == [
        ("tristess", "Inget att göra på kvällarna")
    ]
    assert checklist["L002"].gaps[0].detail == "other_information, analysis"
    assert "4 §" in checklist["L002"].basis
    assert "SOU 2021:49" in checklist["L003"].basis


def test_measures_in_child_plans_count_for_the_agreements_causes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    agreement = STORAKER / "overenskommelse.yaml"
    plan = read_file(agreement).plan
    assert plan is not None
    # With its action plan and promise beside it every cause has a measure ...
    checklist = {r.code: r for r in law_checklist(family_of(str(agreement), plan), AS_OF)}
    assert checklist["L007"].met and checklist["L008"].met
    # ... alone it has no activity at all, so there is nothing to compare yet.
    alone = tmp_path / "overenskommelse.yaml"
    alone.write_bytes(agreement.read_bytes())
    checklist = {r.code: r for r in law_checklist(family_of(str(alone), plan), AS_OF)}
    assert checklist["L007"].met and checklist["L008"].met


@pytest.mark.parametrize(
    ("text", "months"), [("2y", 24), ("18m", 18), (" 3Y ", 36), ("0y", None), ("2 år", None)]
)
def test_parse_age(text: str, months: int | None) -> None:
    age = parse_age(text)
    assert (age.months if age else None) == months


def test_age_before_a_day_keeps_the_day_or_the_months_last() -> None:
    assert Age(24).before(dt.date(2026, 11, 22)) == dt.date(2024, 11, 22)
    assert Age(1).before(dt.date(2026, 3, 31)) == dt.date(2026, 2, 28)
    assert Age(24).before(dt.date(2028, 2, 29)) == dt.date(2026, 2, 28)
