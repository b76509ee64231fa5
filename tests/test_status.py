"""The follow-up status rules (samplan.status): lights, counts, deadlines per item."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from samplan import query
from samplan.model import Plan
from samplan.status import Light, by_item, next_due, plan_status, worst

D = dt.date.fromisoformat
START, END = D("2012-09-01"), D("2012-12-31")  # the period reported on
AS_OF = D("2012-11-15")


def plan_with(
    *activities: dict[str, Any],
    areas: int = 1,
    meetings: tuple[str, ...] = (),
    end: str = "2013-12-31",
    follow_up: dict[str, Any] | None = None,
) -> Plan:
    """A plan whose follow-up item `moten` (March and October) held `meetings`."""
    acts = [{"responsible": ["kommun"], **a} for a in activities]
    held = [{"date": day, "status": "done"} for day in meetings]
    return Plan.model_validate(
        {
            "samplan": 1,
            "id": "testby-2012",
            "title": "Testby",
            "municipality": "Testby kommun",
            "period": {"start": "2012-01-01", "end": end},
            "parties": {"kommun": {"name": "Testby kommun", "type": "municipality"}},
            "follow_up": [
                {
                    "id": "moten",
                    "title": "Möten",
                    "schedule": {"months": [3, 10]},
                    "by": "kommun",
                    "log": held,
                },
                *([follow_up] if follow_up else []),
            ],
            "areas": [
                {"id": "unga", "title": "Unga", "activities": acts},
                *({"id": f"tom{n}", "title": "Tom", "activities": []} for n in range(1, areas)),
            ],
        }
    )


@pytest.mark.parametrize(
    ("lights", "expected"),
    [
        ([], "none"),
        (["none", "green"], "green"),
        (["green", "yellow", "green"], "yellow"),
        (["yellow", "red", "none"], "red"),
    ],
)
def test_worst_light(lights: list[Light], expected: Light) -> None:
    assert worst(lights) == expected


def log(*entries: str) -> list[dict[str, str]]:
    """Log entries written as `"2012-10-01 ongoing yellow"` (date, status, assessment)."""
    found = []
    for entry in entries:
        day, status, *assessed = entry.split()
        found.append({"date": day, "status": status})
        if status == "cancelled":
            found[-1]["note"] = "Inställd"
        if assessed:
            found[-1]["assessment"] = assessed[0]
    return found


UNDER_2013 = {"when": "Under 2013"}
CONTINUOUS = {"repeat": "continuous"}
# Each case: one activity, and the light of its area as of AS_OF.
LIGHT_CASES: list[tuple[str, dict[str, Any], list[dict[str, str]], Light]] = [
    ("nothing logged, not due yet", UNDER_2013, [], "green"),
    ("past its deadline", {"due": "2012-10-01"}, [], "red"),
    ("done before its deadline", {"due": "2012-10-01"}, log("2012-09-20 done"), "green"),
    ("assessed yellow", UNDER_2013, log("2012-10-01 ongoing yellow"), "yellow"),
    ("assessed red", UNDER_2013, log("2012-10-01 ongoing red"), "red"),
    ("assessment of finished work", UNDER_2013, log("2012-10-01 done red"), "green"),
    ("assessment after the as-of date", UNDER_2013, log("2012-12-01 ongoing red"), "green"),
    ("continuous, silent in the period", CONTINUOUS, log("2012-05-01 ongoing"), "yellow"),
    ("continuous, reported in the period", CONTINUOUS, log("2012-10-01 ongoing"), "green"),
    ("continuous, cancelled", CONTINUOUS, log("2012-05-01 cancelled"), "green"),
    (
        "recurring, done, assessed",
        {"repeat": {"per_year": 1}},
        log("2012-10-01 done yellow"),
        "yellow",
    ),
]


@pytest.mark.parametrize(
    ("case", "activity", "entries", "light"), LIGHT_CASES, ids=[c[0] for c in LIGHT_CASES]
)
def test_area_light(
    case: str, activity: dict[str, Any], entries: list[dict[str, str]], light: Light
) -> None:
    plan = plan_with({"id": "a", "title": case, "log": entries, **activity}, meetings=MET)
    status = plan_status(plan, START, END, AS_OF)
    assert status.area_lights == {"unga": light}
    assert status.activities["a"].light == light
    assert status.light == light


MET = ("2012-03-20", "2012-10-12")  # both meetings of 2012 held


@pytest.mark.parametrize(
    ("meetings", "light", "missed"),
    [
        (MET, "green", 0),
        (MET[:1], "red", 1),  # the October meeting was missed: the plan is not "enligt plan"
        ((), "red", 2),
    ],
)
def test_the_plans_follow_up_items_count_in_its_light(
    meetings: tuple[str, ...], light: Light, missed: int
) -> None:
    plan = plan_with({"id": "a", "title": "A", "due": "2013-06-30"}, meetings=meetings)
    status = plan_status(plan, START, END, AS_OF)
    assert status.area_lights == {"unga": "green"}
    assert (status.light, status.missed_follow_up) == (light, missed)


def test_an_ended_plan_is_ended_with_its_final_count() -> None:
    plan = plan_with({"id": "a", "title": "A", "due": "2012-06-30"}, end="2012-12-31")
    status = plan_status(plan, START, END, D("2013-02-01"))
    assert status.light == "ended"
    assert (status.overdue_activities, status.missed_follow_up) == (1, 2)


def test_next_due_looks_past_the_next_report_period() -> None:
    yearly = {"id": "arlig", "title": "Årlig uppföljning", "when": "Årligen", "grace": "1m"}
    plan = plan_with({"id": "a", "title": "A", "due": "2013-06-30"}, follow_up=yearly)
    status = plan_status(plan, START, END, D("2013-01-15"))
    following = next_due(status.next_deadlines, "follow_up", "arlig")
    assert following is not None and following.due == D("2013-01-31")
    status = plan_status(plan, START, END, D("2013-02-01"))
    following = next_due(status.next_deadlines, "follow_up", "arlig")
    assert following is not None and following.due == D("2014-01-31")  # a year ahead


def test_an_area_without_activities_has_no_light_and_does_not_lighten_the_plan() -> None:
    status = plan_status(
        plan_with({"id": "a", "title": "A", "due": "2012-10-01"}, areas=2), START, END, AS_OF
    )
    assert status.area_lights == {"unga": "red", "tom1": "none"}
    assert status.light == "red"


def test_nothing_is_stale_before_the_period_has_begun() -> None:
    plan = plan_with({"id": "a", "title": "A", "repeat": "continuous"})
    assert plan_status(plan, START, END, D("2012-08-31")).activities["a"].stale is False
    assert plan_status(plan, START, END, AS_OF).activities["a"].stale is True


def test_summary_counts() -> None:
    plan = plan_with(
        {"id": "klar", "title": "Klar", "due": "2012-12-31", "log": log("2012-10-01 done")},
        {"id": "tidig", "title": "Klar före", "due": "2012-12-31", "log": log("2012-05-01 done")},
        {"id": "sen", "title": "Sen", "due": "2012-10-01", "log": log("2012-09-01 ongoing")},
        {
            "id": "mote",
            "title": "Möte",
            "repeat": {"per_year": 4},
            "log": log("2012-02-01 done", "2012-10-05 done"),
        },
        {"id": "jour", "title": "Jour", "repeat": "continuous"},
        {"id": "stopp", "title": "Stopp", "due": "2012-10-01", "log": log("2012-09-02 cancelled")},
    )
    status = plan_status(plan, START, END, AS_OF)
    assert status.by_status() == {
        "planned": 1,
        "ongoing": 2,
        "done": 2,
        "cancelled": 1,
        "paused": 0,
    }
    assert status.overdue_activities == 2  # `sen`, and `mote` (3 of 4 due by 30 Sep, 2 held)
    assert status.missed_occurrences == 1
    assert status.completed_in_period == 1  # `tidig` was done before the period
    assert status.held_in_period == 1
    assert status.stale == 1
    # The plan's follow-up item was never held (March, October): overdue, not an activity.
    follow_up = [d.due for d in status.overdue if d.item_kind == "follow_up"]
    assert follow_up == [D("2012-03-31"), D("2012-10-31")]


@pytest.mark.parametrize(
    ("entries", "complete", "overdue"),
    [
        ([{"date": "2012-10-01", "status": "done", "count": 2}], False, False),  # "2 av 4"
        ([{"date": "2012-10-01", "status": "done", "count": 4}], True, False),
        (
            [
                {"date": "2012-09-10", "status": "ongoing", "count": 3},
                {"date": "2012-10-01", "status": "done"},
            ],
            True,
            False,
        ),
    ],
)
def test_a_quantity_is_completed_by_its_units(
    entries: list[dict[str, Any]], complete: bool, overdue: bool
) -> None:
    act = {"id": "vandringar", "title": "Trygghetsvandringar", "due": "2012-12-31", "count": 4}
    status = plan_status(plan_with({**act, "log": entries}), START, END, AS_OF)
    state = status.activities["vandringar"]
    assert (state.complete, state.overdue) == (complete, overdue)
    assert state.progress is not None and state.progress[1] == 4
    assert (state.progress[0] == 4) is complete
    assert status.completed_in_period == int(complete)
    later = plan_status(plan_with({**act, "log": entries}), START, END, D("2013-01-10"))
    assert later.activities["vandringar"].overdue is not complete


def test_deadlines_grouped_per_item_in_order_of_first_deadline() -> None:
    plan = plan_with(
        {"id": "manad", "title": "Månadsmöte", "repeat": {"every_months": 1}},
        {"id": "en", "title": "En gång", "due": "2012-02-15"},
    )
    found = query.overdue(plan, AS_OF)
    groups = by_item(found)
    assert [(g[0].item_id, len(g)) for g in groups] == [("manad", 10), ("en", 1), ("moten", 2)]
    later = query.upcoming(plan, AS_OF, D("2013-12-31"))
    following = next_due(later, "follow_up", "moten")
    assert following is not None and following.due == D("2013-03-31")
    assert next_due(later, "activity", "en") is None
