"""The engine's rules, one small table each: an item's schedule, its occurrences and
how log entries count into them (spec: "Overdue" and the second edition)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from samplan.model import LogEntry, Plan, RepeatPerYear
from samplan.schedule import (
    add_months,
    current_status,
    effective_date,
    follow_up_schedule,
    is_expired,
    is_stale,
    item_status,
    latest_entry,
    occurrences,
    schedule_of,
    shown_status,
    units,
    with_grace,
)

D = dt.date.fromisoformat


def make_plan(
    activity: dict[str, Any] | None = None,
    *,
    start: str = "2019-01-01",
    end: str | None = "2019-12-31",
    kind: str = "action_plan",
    follow_up: list[dict[str, Any]] | None = None,
) -> Plan:
    return Plan.model_validate(
        {
            "samplan": 1,
            "id": "testby",
            "kind": kind,
            "title": "Testby",
            "municipality": "Testby kommun",
            "period": {"start": start, "end": end},
            "parties": {"kommun": {"name": "Testby kommun", "type": "municipality"}},
            "follow_up": follow_up or [],
            "areas": [
                {
                    "id": "unga",
                    "title": "Unga",
                    "activities": [
                        {"id": "a1", "title": "Aktivitet", "responsible": ["kommun"]}
                        | (activity or {})
                    ],
                }
            ],
        }
    )


def entry(day: str, status: str = "done", **fields: Any) -> dict[str, Any]:
    return {"date": day, "status": status, **fields}


Row = tuple[str, int, int, bool]  # deadline, units required, units done, met


def due_rows(plan: Plan, as_of: str, horizon: str | None = None) -> list[Row]:
    """The activity's occurrences up to `horizon` (default: the as-of date)."""
    act = plan.areas[0].activities[0]
    found = occurrences(
        schedule_of(act, plan),
        act.log,
        (plan.period.start, plan.period.end),
        D(as_of),
        D(horizon or as_of),
    )
    return [(o.deadline.isoformat(), o.required, o.done, o.met) for o in found]


def missed(plan: Plan, as_of: str) -> list[str]:
    return [day for day, _, _, met in due_rows(plan, as_of) if not met and day < as_of]


# --- statuses and entries ---------------------------------------------------------------


def test_status_is_latest_entry_up_to_as_of() -> None:
    log = [
        LogEntry(date=D("2012-02-01"), status="ongoing"),
        LogEntry(date=D("2012-05-01"), status="paused"),
        LogEntry(date=D("2012-05-01"), status="done"),
        LogEntry(date=D("2012-09-01"), status="cancelled", note="x"),
    ]
    assert current_status([], D("2012-06-01")) == "planned"
    assert current_status(log, D("2012-01-31")) == "planned"
    assert current_status(log, D("2012-02-01")) == "ongoing"
    assert current_status(log, D("2012-06-01")) == "done"  # same day: later in the log wins
    assert current_status(log, D("2013-01-01")) == "cancelled"


def test_latest_entry_with_a_note_or_an_assessment() -> None:
    log = [
        LogEntry(date=D("2012-02-01"), status="ongoing", note="a", assessment="green"),
        LogEntry(date=D("2012-03-01"), status="ongoing", note="b"),
        LogEntry(date=D("2012-03-01"), status="ongoing", note="c"),
        LogEntry(date=D("2012-04-01"), status="done"),
    ]
    assert latest_entry(log, D("2012-12-31")) is log[3]
    assert latest_entry(log, D("2012-12-31"), "note") is log[2]  # same day: later in the log
    assert latest_entry(log, D("2012-12-31"), "assessment") is log[0]
    assert latest_entry(log, D("2012-01-31"), "note") is None


def test_recurring_work_is_shown_ongoing_after_a_done_entry() -> None:
    assert shown_status("done", recurring=True) == "ongoing"
    assert shown_status("done", recurring=False) == "done"
    assert shown_status("paused", recurring=True) == "paused"


@pytest.mark.parametrize(
    ("activity", "shown"),
    [
        ({"due": "2019-06-30", "log": [entry("2019-05-01")]}, "done"),
        ({"repeat": {"per_year": 2}, "log": [entry("2019-05-01")]}, "ongoing"),
        ({"when": "Två gånger per år", "log": [entry("2019-05-01", "paused")]}, "paused"),
        ({"due": "2019-06-30"}, "planned"),
    ],
)
def test_an_items_status(activity: dict[str, Any], shown: str) -> None:
    plan = make_plan(activity)
    act = plan.areas[0].activities[0]
    assert item_status(schedule_of(act, plan), act.log, D("2019-12-31")) == shown


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"status": "done"}, 1),
        ({"status": "done", "count": 5}, 5),
        ({"status": "done", "count": 0}, 0),
        ({"status": "ongoing"}, 0),
        ({"status": "ongoing", "count": 2}, 2),
        ({"status": "planned"}, 0),
        ({"status": "paused"}, 0),
        ({"status": "cancelled", "note": "Slut"}, 0),
    ],
)
def test_units_an_entry_reports(fields: dict[str, Any], expected: int) -> None:
    assert units(LogEntry.model_validate({"date": "2019-05-01", **fields})) == expected


@pytest.mark.parametrize(
    ("day", "period", "expected"),
    [
        ("2020-01-28", None, "2020-01-28"),
        ("2020-01-28", "2019", "2019-12-31"),  # results of 2019 written in January
        ("2019-10-02", "2019T3", "2019-10-02"),  # within its period: its own date
        ("2019-09-05", "2019H1", "2019-06-30"),
        ("2019-04-10", "2019Q1", "2019-03-31"),
    ],
)
def test_effective_date(day: str, period: str | None, expected: str) -> None:
    logged = LogEntry.model_validate({"date": day, "status": "done", "for": period})
    assert effective_date(logged) == D(expected)


@pytest.mark.parametrize(
    ("day", "grace", "expected"),
    [
        ("2019-04-30", None, "2019-04-30"),
        ("2019-04-30", "1m", "2019-05-31"),  # a month's end stays a month's end
        ("2019-08-31", "1m", "2019-09-30"),
        ("2019-12-31", "1m", "2020-01-31"),
        ("2019-02-14", "1m", "2019-03-14"),
        ("2019-04-30", "30d", "2019-05-30"),
        ("2019-04-30", "6w", "2019-06-11"),
        ("9999-12-01", "2m", "9999-12-31"),  # past the calendar: the last day there is
    ],
)
def test_with_grace(day: str, grace: str | None, expected: str) -> None:
    assert with_grace(D(day), grace) == D(expected)


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(D("2012-01-31"), 1) == D("2012-02-29")
    assert add_months(D("2012-11-15"), 3) == D("2013-02-15")
    assert add_months(D("2013-03-31"), -1) == D("2013-02-28")


def test_expired_after_the_period_end() -> None:
    assert not is_expired(make_plan(), D("2019-12-31"))
    assert is_expired(make_plan(), D("2020-01-01"))
    assert not is_expired(make_plan(end=None), D("2099-01-01"))


# --- an item's schedule -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("activity", "kind", "due", "count"),
    [
        ({"when": "Under 2019", "due": "2019-03-31"}, "deadline", "2019-03-31", 1),
        ({"when": "Under hösten 2019"}, "deadline", "2019-12-31", 1),
        ({"when": "Under 2019", "repeat": {"per_year": 2}}, "recurring", "2019-12-31", 1),
        # `due` ends a recurring `when`; it does not make it a one-off
        ({"when": "2 gånger/år", "due": "2018-12-31"}, "recurring", "2018-12-31", 1),
        ({"when": "Kontinuerligt", "repeat": "continuous"}, "continuous", None, 1),
        ({"when": "Under 2019", "count": 4}, "deadline", "2019-12-31", 4),
        ({"when": "vid behov"}, "undated", None, 1),
    ],
)
def test_schedule_of_an_activity(
    activity: dict[str, Any], kind: str, due: str | None, count: int
) -> None:
    plan = make_plan(activity)
    found = schedule_of(plan.areas[0].activities[0], plan)
    assert (found.kind, found.due, found.count) == (kind, due and D(due), count)


def test_explicit_repeat_wins_over_a_when_rhythm() -> None:
    plan = make_plan({"when": "Månadsvis", "repeat": {"per_year": 2}})
    assert schedule_of(plan.areas[0].activities[0], plan).rhythm == RepeatPerYear(per_year=2)


def test_in_a_citizen_promise_an_undated_activity_is_due_at_the_plans_end() -> None:
    promise = make_plan(kind="citizen_promise")
    assert schedule_of(promise.areas[0].activities[0], promise).due == D("2019-12-31")
    plan = make_plan()
    assert schedule_of(plan.areas[0].activities[0], plan).kind == "undated"


def test_a_follow_up_item_may_give_when_instead_of_schedule() -> None:
    plan = make_plan(
        follow_up=[
            {"id": "f1", "title": "Uppföljning", "when": "Varje tertial", "grace": "1m"},
            {"id": "f2", "title": "Slutrapport", "when": "Senast 2019-11-30"},
        ]
    )
    tertial, final = (follow_up_schedule(item, plan) for item in plan.follow_up)
    assert (tertial.kind, tertial.grace) == ("recurring", "1m")
    assert (final.kind, final.due) == ("deadline", D("2019-11-30"))


# --- occurrences: one table per rule ----------------------------------------------------


def test_one_off_without_a_quantity_is_settled_by_its_status() -> None:
    plan = make_plan({"due": "2019-06-30", "log": [entry("2019-05-01", "ongoing")]})
    assert due_rows(plan, "2019-07-01") == [("2019-06-30", 1, 0, False)]
    plan = make_plan({"due": "2019-06-30", "log": [entry("2019-07-05")]})
    assert due_rows(plan, "2019-07-10") == [("2019-06-30", 1, 1, True)]


@pytest.mark.parametrize(
    ("log", "as_of", "expected"),
    [
        # "Minst fyra trygghetsvandringar under året": two of four are not enough ...
        ([entry("2019-04-10", count=2)], "2020-01-15", [("2019-12-31", 4, 2, False)]),
        # ... not even when the latest entry says `done`
        ([entry("2019-04-10"), entry("2019-09-10")], "2020-01-15", [("2019-12-31", 4, 2, False)]),
        # ongoing entries with a count add up
        (
            [entry("2019-04-10", "ongoing", count=3), entry("2019-11-10", count=1)],
            "2020-01-15",
            [("2019-12-31", 4, 4, True)],
        ),
        # results of 2019 written down in January count
        (
            [entry("2020-01-28", count=4, **{"for": "2019"})],
            "2020-02-01",
            [("2019-12-31", 4, 4, True)],
        ),
        # cancelled: nothing more is due
        (
            [entry("2019-04-10"), entry("2019-06-01", "cancelled", note="Inga pengar")],
            "2020-01-15",
            [("2019-12-31", 4, 1, True)],
        ),
    ],
)
def test_one_off_with_a_count_is_complete_when_its_units_reach_it(
    log: list[dict[str, Any]], as_of: str, expected: list[Row]
) -> None:
    plan = make_plan({"when": "Under 2019", "count": 4, "log": log}, end="2020-12-31")
    assert due_rows(plan, as_of) == expected


def test_per_year_counts_cumulatively_in_the_calendar_year() -> None:
    plan = make_plan({"repeat": {"per_year": 2}, "count": 2, "log": [entry("2019-03-01", count=3)]})
    assert due_rows(plan, "2019-12-31") == [
        ("2019-06-30", 2, 2, True),
        ("2019-12-31", 4, 3, False),  # the k-th deadline of a year needs k × count units
    ]


@pytest.mark.parametrize(
    ("held", "as_of", "missed_deadlines"),
    [
        # a school year with "En gång per termin": Aug–Jan and Feb–Jul, one window each
        (["2019-09-12", "2020-03-05"], "2020-01-31", []),
        (["2019-09-12", "2020-03-05"], "2020-08-15", []),
        (["2019-09-12"], "2020-08-15", ["2020-07-31"]),
        (["2020-01-20"], "2020-08-15", ["2020-07-31"]),  # one meeting covers one window
    ],
)
def test_every_months_windows_cross_the_new_year(
    held: list[str], as_of: str, missed_deadlines: list[str]
) -> None:
    plan = make_plan(
        {"when": "En gång per termin", "log": [entry(day) for day in held]},
        start="2019-08-01",
        end="2020-07-31",
    )
    assert missed(plan, as_of) == missed_deadlines


SCHOOL_YEAR = ("2024-08-01", "2025-06-30")
CALENDAR_YEAR = ("2025-01-01", "2025-12-31")
SCHOOL_TERMS = ["2024-09-15", "2024-11-20", "2025-03-10"]


@pytest.mark.parametrize(
    ("when", "period", "held", "as_of", "missed_deadlines"),
    [
        # a school-year plan ending 30 June: Aug-Jan, then Feb-Jun cut short by its end;
        # "Två gånger per termin" needs two in each
        ("Två gånger per termin", SCHOOL_YEAR, SCHOOL_TERMS, "2025-02-15", []),
        ("Två gånger per termin", SCHOOL_YEAR, ["2024-09-15"], "2025-02-15", ["2025-01-31"]),
        ("Två gånger per termin", SCHOOL_YEAR, SCHOOL_TERMS, "2025-06-15", []),
        ("Två gånger per termin", SCHOOL_YEAR, SCHOOL_TERMS, "2025-07-01", ["2025-06-30"]),
        ("Två gånger per termin", SCHOOL_YEAR, [*SCHOOL_TERMS, "2025-05-05"], "2025-07-01", []),
        # "per läsår": one window, the school year, due at the plan's end
        ("En gång per läsår", SCHOOL_YEAR, [], "2025-06-15", []),
        ("En gång per läsår", SCHOOL_YEAR, [], "2025-07-01", ["2025-06-30"]),
        ("En gång per läsår", SCHOOL_YEAR, ["2025-05-20"], "2025-07-01", []),
        ("2 ggr per läsår", SCHOOL_YEAR, ["2024-10-01"], "2025-07-01", ["2025-06-30"]),
        ("2 ggr per läsår", SCHOOL_YEAR, ["2024-10-01", "2025-04-01"], "2025-07-01", []),
        # the same texts in a calendar-year plan: Jan-Jun and Jul-Dec
        ("Två gånger per termin", CALENDAR_YEAR, ["2025-02-15", "2025-04-20"], "2025-07-01", []),
        ("Två gånger per termin", CALENDAR_YEAR, ["2025-02-15"], "2025-07-01", ["2025-06-30"]),
        (
            "Två gånger per termin",
            CALENDAR_YEAR,
            ["2025-09-10"],
            "2026-01-01",
            ["2025-06-30", "2025-12-31"],
        ),
        ("En gång per läsår", CALENDAR_YEAR, ["2025-03-01"], "2026-01-01", []),
    ],
)
def test_n_times_per_term_or_school_year(
    when: str, period: tuple[str, str], held: list[str], as_of: str, missed_deadlines: list[str]
) -> None:
    plan = make_plan(
        {"when": when, "log": [entry(day) for day in held]}, start=period[0], end=period[1]
    )
    assert missed(plan, as_of) == missed_deadlines


def test_every_months_counted_from_mid_february() -> None:
    held = ["2019-03-01", "2019-06-20", "2019-09-01"]
    plan = make_plan(
        {"repeat": {"every_months": 3}, "log": [entry(day) for day in held]},
        start="2019-02-15",
        end="2020-02-14",
    )
    assert due_rows(plan, "2019-11-20") == [
        ("2019-05-14", 1, 1, True),
        ("2019-08-14", 1, 1, True),
        ("2019-11-14", 1, 1, True),
    ]


def test_due_ends_a_recurring_when() -> None:
    plan = make_plan(
        {"when": "2 gånger/år", "due": "2018-12-31", "log": [entry("2018-05-02")]},
        start="2018-01-01",
    )
    assert missed(plan, "2019-06-01") == ["2018-12-31"]


def test_nothing_is_due_before_the_start() -> None:
    plan = make_plan({"repeat": {"per_year": 4}, "start": "2019-07-01"})
    assert missed(plan, "2019-12-31") == ["2019-09-30"]


def test_every_years_one_window_per_year() -> None:
    plan = make_plan(
        {
            "repeat": {"every_years": 2, "from": 2019},
            "log": [entry("2020-01-10", **{"for": "2019"})],
        },
        end="2022-12-31",
    )
    assert due_rows(plan, "2022-06-01") == [("2019-12-31", 1, 1, True), ("2021-12-31", 1, 0, False)]


def test_grace_moves_each_deadline_of_a_tertial_report() -> None:
    plan = make_plan(
        {
            "repeat": {"per_year": 3},
            "grace": "1m",
            "log": [entry("2019-05-20"), entry("2019-09-25"), entry("2020-01-22")],
        }
    )
    assert due_rows(plan, "2020-02-01") == [
        ("2019-05-31", 1, 1, True),
        ("2019-09-30", 2, 2, True),
        ("2020-01-31", 3, 3, True),  # the report written in January counts for 2019
    ]
    assert missed(make_plan({"repeat": {"per_year": 3}, "grace": "1m"}), "2019-05-31") == []


def test_paused_work_has_no_occurrences_while_paused() -> None:
    log = [entry("2019-02-01", "paused"), entry("2019-07-01", "ongoing")]
    plan = make_plan({"repeat": {"per_year": 4}, "log": log})
    assert missed(plan, "2019-12-31") == ["2019-09-30"]
    assert due_rows(plan, "2019-12-31")[0][1] == 1  # the two paused quarters need nothing


# --- continuous work --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("activity", "stale"),
    [
        ({"repeat": "continuous"}, True),
        ({"repeat": {"weekdays": ["fri"]}, "log": [entry("2019-05-04", "ongoing")]}, False),
        ({"repeat": "continuous", "log": [entry("2019-01-10", "cancelled", note="Slut")]}, False),
        ({"due": "2019-06-30"}, False),  # one-off work is late, never stale
        ({"repeat": "continuous", "start": "2019-09-01"}, False),  # not stale before its start
        # a report for the period written after it counts in it
        (
            {"repeat": "continuous", "log": [entry("2019-09-10", "ongoing", **{"for": "2019T2"})]},
            False,
        ),
    ],
)
def test_stale_continuous_work(activity: dict[str, Any], stale: bool) -> None:
    plan = make_plan(activity)
    act = plan.areas[0].activities[0]
    found = is_stale(
        schedule_of(act, plan), act.log, D("2019-05-01"), D("2019-08-31"), D("2019-12-31")
    )
    assert found is stale


def test_a_recurring_when_recurs_only_inside_the_time_it_names() -> None:
    plan = make_plan({"when": "Månadsvis under 2018"}, start="2018-01-01", end="2019-12-31")
    found = due_rows(plan, "2019-12-31")
    assert (len(found), found[-1][0]) == (12, "2018-12-31")


@pytest.mark.parametrize(
    ("title", "when", "count"),
    [
        ("Minst fyra trygghetsvandringar under året", "Under 2019", 4),
        ("Trygghetsvandringar", "3 ggr under 2019", 3),
        ("Trygghetsvandringar", "tre gånger under året", 3),
        ("Minst fyra trygghetsvandringar under året", "2 gånger under året", 2),  # `when` wins
        ("Trygghetsvandringar", "Under 2019", 1),
    ],
)
def test_a_quantity_from_the_when_text_or_the_title(title: str, when: str, count: int) -> None:
    plan = make_plan({"title": title, "when": when})
    found = schedule_of(plan.areas[0].activities[0], plan)
    assert (found.kind, found.due, found.count) == ("deadline", D("2019-12-31"), count)


def test_an_explicit_count_or_repeat_wins_over_the_title() -> None:
    title = "Minst fyra trygghetsvandringar under året"
    plan = make_plan({"title": title, "when": "Under 2019", "count": 6})
    assert schedule_of(plan.areas[0].activities[0], plan).count == 6
    plan = make_plan({"title": title, "repeat": {"per_year": 2}})
    assert schedule_of(plan.areas[0].activities[0], plan).count == 1
