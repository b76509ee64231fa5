"""Report periods: parsing `2026Q3`/`2026T2`/`2026H1`/`2026`, ranges, and the next period."""

from __future__ import annotations

import datetime as dt

import pytest

from samplan.errors import PeriodReversed, UsageError
from samplan.periods import (
    Period,
    next_period,
    parse_period,
    period_containing,
    period_from_range,
    school_year,
)

D = dt.date


@pytest.mark.parametrize(
    ("code", "kind", "start", "end"),
    [
        ("2026Q1", "quarter", D(2026, 1, 1), D(2026, 3, 31)),
        ("2026Q3", "quarter", D(2026, 7, 1), D(2026, 9, 30)),
        ("2026Q4", "quarter", D(2026, 10, 1), D(2026, 12, 31)),
        ("2026T1", "tertial", D(2026, 1, 1), D(2026, 4, 30)),
        ("2026T2", "tertial", D(2026, 5, 1), D(2026, 8, 31)),
        ("2026T3", "tertial", D(2026, 9, 1), D(2026, 12, 31)),
        ("2026H1", "half", D(2026, 1, 1), D(2026, 6, 30)),
        ("2026H2", "half", D(2026, 7, 1), D(2026, 12, 31)),
        ("2026", "year", D(2026, 1, 1), D(2026, 12, 31)),
        ("2024Q1", "quarter", D(2024, 1, 1), D(2024, 3, 31)),
    ],
)
def test_parse_period(code: str, kind: str, start: dt.date, end: dt.date) -> None:
    period = parse_period(code)
    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert period.code == code
    assert parse_period(period.code) == period


def test_lower_case_and_spaces_are_accepted() -> None:
    assert parse_period(" 2026t2 ") == parse_period("2026T2")


@pytest.mark.parametrize(
    "text",
    ["", "2026T4", "2026Q0", "2026Q5", "2026H3", "26T1", "2026-T1", "T1 2026", "1899", "2026X1"],
)
def test_bad_periods_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_period(text)
    assert raised.value.data["text"] == text


@pytest.mark.parametrize(
    ("code", "following"),
    [
        ("2026Q3", "2026Q4"),
        ("2026Q4", "2027Q1"),
        ("2026T2", "2026T3"),
        ("2026T3", "2027T1"),
        ("2026H1", "2026H2"),
        ("2026H2", "2027H1"),
        ("2026", "2027"),
    ],
)
def test_next_period_is_the_same_kind(code: str, following: str) -> None:
    assert next_period(parse_period(code)).code == following


def test_range_and_its_next_period_of_the_same_length() -> None:
    period = period_from_range(D(2026, 3, 1), D(2026, 3, 15))
    assert (period.kind, period.code, period.days) == ("range", "2026-03-01..2026-03-15", 15)
    following = next_period(period)
    assert (following.start, following.end) == (D(2026, 3, 16), D(2026, 3, 30))
    assert following.days == period.days


@pytest.mark.parametrize(
    ("start", "end", "following"),
    [
        # Whole months are followed by as many whole months: March by April (not 1 April
        # to 1 May), November–February by March–June.
        (D(2026, 3, 1), D(2026, 3, 31), (D(2026, 4, 1), D(2026, 4, 30))),
        (D(2025, 11, 1), D(2026, 2, 28), (D(2026, 3, 1), D(2026, 6, 30))),
        (D(2025, 7, 1), D(2026, 6, 30), (D(2026, 7, 1), D(2027, 6, 30))),
        # A school year by the next school year, the summer between them included.
        (D(2025, 8, 1), D(2026, 6, 30), (D(2026, 8, 1), D(2027, 6, 30))),
        (D(2025, 8, 1), D(2026, 7, 31), (D(2026, 8, 1), D(2027, 7, 31))),
    ],
)
def test_the_period_after_whole_months_and_a_school_year(
    start: dt.date, end: dt.date, following: tuple[dt.date, dt.date]
) -> None:
    after = next_period(period_from_range(start, end))
    assert (after.start, after.end) == following


def test_a_school_year_is_a_range_from_august_to_june_or_july() -> None:
    assert school_year(period_from_range(D(2025, 8, 1), D(2026, 6, 30))) == 2025
    assert school_year(period_from_range(D(2025, 8, 1), D(2026, 7, 31))) == 2025
    assert school_year(period_from_range(D(2025, 7, 1), D(2026, 6, 30))) is None
    assert school_year(period_from_range(D(2025, 8, 1), D(2027, 6, 30))) is None
    assert school_year(parse_period("2025")) is None


def test_range_ending_before_it_starts_is_a_usage_error() -> None:
    with pytest.raises(PeriodReversed) as raised:
        period_from_range(D(2026, 3, 2), D(2026, 3, 1))
    assert raised.value.data == {"start": D(2026, 3, 2), "end": D(2026, 3, 1)}


@pytest.mark.parametrize(("month", "tertial"), [(1, 1), (4, 1), (5, 2), (8, 2), (9, 3), (12, 3)])
def test_period_containing_a_day(month: int, tertial: int) -> None:
    day = D(2026, month, 15)
    period = period_containing(day)
    assert period == Period("tertial", period.start, period.end, tertial)
    assert period.contains(day) and not period.contains(period.end + dt.timedelta(days=1))
    assert period_containing(day, "quarter").index == (month - 1) // 3 + 1
    assert period_containing(day, "year").code == "2026"


@pytest.mark.parametrize("kind", ["quarter", "tertial", "half", "year"])
def test_the_last_period_samplan_reckons_with(kind: str) -> None:
    last = period_containing(dt.date(2200, 12, 31), kind)  # type: ignore[arg-type]
    assert last.end == dt.date(2200, 12, 31)
    assert next_period(last).start == dt.date(2201, 1, 1)
