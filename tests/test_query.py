"""Overdue, upcoming and report deadlines of whole plans (the spec's "Overdue" section
and its second edition), and the filters across plans, with fixed as-of dates."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samplan.errors import UnknownName
from samplan.loader import read_file
from samplan.model import Activity, Plan
from samplan.query import Deadline, collect, deadlines, overdue, upcoming
from samplan.schedule import add_months, current_status

from .conftest import AS_OF, PLANS

D = dt.date.fromisoformat
JAN_15_2013 = D("2013-01-15")


def make_plan(
    *activities: dict[str, Any],
    follow_up: list[dict[str, Any]] | None = None,
    start: str = "2012-01-01",
    end: str | None = "2013-12-31",
) -> Plan:
    return Plan.model_validate(
        {
            "samplan": 1,
            "id": "testby-2012",
            "title": "Testby",
            "municipality": "Testby kommun",
            "period": {"start": start, "end": end},
            "parties": {
                "kommun": {"name": "Testby kommun", "type": "municipality"},
                "polis": {"name": "Polisen", "type": "police"},
                "skola": {"name": "Skolan", "type": "municipal_unit", "part_of": "kommun"},
                "rektor": {"name": "Rektorerna", "type": "municipal_unit", "part_of": "skola"},
            },
            "bodies": [{"id": "bra", "name": "Brå", "type": "council", "convener": "kommun"}],
            "follow_up": follow_up or [],
            "areas": [{"id": "unga", "title": "Unga", "activities": list(activities)}],
        }
    )


def act(ident: str = "a1", **fields: Any) -> dict[str, Any]:
    return {"id": ident, "title": f"Aktivitet {ident}", "responsible": ["kommun"], **fields}


def done(*dates: str) -> list[dict[str, str]]:
    return [{"date": day, "status": "done"} for day in dates]


def rows(found: list[Deadline]) -> list[tuple[str, str, int | None, int | None]]:
    return [(d.item_id, d.due.isoformat(), d.occurrence, d.required) for d in found]


# --- status and timing ------------------------------------------------------------


# --- one-off activities -----------------------------------------------------------


def test_one_off_overdue_after_its_due_date_until_settled() -> None:
    plan = make_plan(
        act("open", due="2012-06-30"),
        act("ongoing", due="2012-06-30", log=[{"date": "2012-03-01", "status": "ongoing"}]),
        act("done", due="2012-06-30", log=done("2012-07-10")),
        act("cancelled", due="2012-06-30",
            log=[{"date": "2012-05-01", "status": "cancelled", "note": "Ersatt"}]),
        act("paused", due="2012-06-30", log=[{"date": "2012-05-01", "status": "paused"}]),
        act("later", due="2012-12-31"),
    )  # fmt: skip
    found = overdue(plan, D("2012-08-01"), "plan.yaml")
    assert [(d.item_id, d.days_late, d.status) for d in found] == [
        ("ongoing", 32, "ongoing"),
        ("open", 32, "planned"),
    ]
    first = found[0]
    assert (first.recurring, first.occurrence, first.required) == (False, None, None)
    assert (first.file, first.area_id, first.item_kind) == ("plan.yaml", "unga", "activity")


def test_one_off_is_not_overdue_on_its_due_day() -> None:
    plan = make_plan(act(due="2012-06-30"))
    assert overdue(plan, D("2012-06-30")) == []
    assert [d.days_late for d in overdue(plan, D("2012-07-01"))] == [1]


def test_due_derived_from_when() -> None:
    plan = make_plan(act("host", when="Under höstterminen 2012"), act("ar", when="2012"))
    assert rows(overdue(plan, JAN_15_2013)) == [
        ("ar", "2012-12-31", None, None),
        ("host", "2012-12-31", None, None),
    ]


def test_log_entries_after_as_of_are_ignored() -> None:
    plan = make_plan(
        act("a1", due="2012-06-30", log=done("2012-09-01")),
        act("a2", repeat={"per_year": 1}, log=done("2013-02-01")),
    )
    assert [d.item_id for d in overdue(plan, D("2012-08-01"))] == ["a1"]
    assert rows(overdue(plan, JAN_15_2013)) == [("a2", "2012-12-31", 1, 1)]


def test_undated_and_continuous_are_never_overdue() -> None:
    plan = make_plan(
        act("projekt", when="Under projekttiden"),
        act("kont", when="Kontinuerligt", repeat="continuous"),
        act("helg", when="Varje fredag och lördag", repeat={"weekdays": ["fri", "sat"]}),
        act("ingen"),
    )
    assert overdue(plan, D("2014-06-01")) == []
    assert upcoming(plan, D("2012-01-01"), D("2013-12-31")) == []


# --- recurring activities ---------------------------------------------------------


def test_per_year_reports_each_missed_occurrence_with_its_deadline() -> None:
    plan = make_plan(act(repeat={"per_year": 2}))
    assert rows(overdue(plan, JAN_15_2013)) == [
        ("a1", "2012-06-30", 1, 2 - 1),
        ("a1", "2012-12-31", 2, 2),
    ]


def test_done_entries_count_once_and_only_in_their_year() -> None:
    one = make_plan(act(repeat={"per_year": 2}, log=done("2012-11-02")))
    assert rows(overdue(one, JAN_15_2013)) == [("a1", "2012-12-31", 2, 2)]
    other_year = make_plan(
        act(repeat={"per_year": 2}, log=done("2011-12-20", "2013-01-10")), start="2011-06-01"
    )
    missed_2012 = [r for r in rows(overdue(other_year, JAN_15_2013)) if r[1].startswith("2012")]
    assert missed_2012 == [("a1", "2012-06-30", 1, 1), ("a1", "2012-12-31", 2, 2)]


def test_late_done_entry_makes_up_for_a_missed_occurrence_of_the_same_year() -> None:
    plan = make_plan(act(repeat={"per_year": 4}, log=done("2012-03-01", "2012-12-05")))
    assert rows(overdue(plan, D("2012-12-10"))) == [("a1", "2012-09-30", 3, 3)]


def test_months_rule_ends_of_listed_months() -> None:
    plan = make_plan(act(repeat={"months": [12, 4, 8]}, log=done("2012-04-20")))
    assert rows(overdue(plan, JAN_15_2013)) == [
        ("a1", "2012-08-31", 2, 2),
        ("a1", "2012-12-31", 3, 3),
    ]


def test_every_months_with_summer_break() -> None:
    months = [f"2012-{m:02d}-10" for m in range(1, 6)]
    plan = make_plan(act(repeat={"every_months": 1, "except_months": [6, 7, 8]}, log=done(*months)))
    assert rows(overdue(plan, JAN_15_2013)) == [
        ("a1", "2012-09-30", 6, 1),  # each monthly window needs its own entry
        ("a1", "2012-10-31", 7, 1),
        ("a1", "2012-11-30", 8, 1),
        ("a1", "2012-12-31", 9, 1),
    ]
    found = deadlines(plan, D("2012-01-01"), D("2012-12-31"), D("2012-01-01"))
    assert [d.due.month for d in found] == [1, 2, 3, 4, 5, 9, 10, 11, 12]


def test_every_months_windows_count_from_the_plan_start() -> None:
    plan = make_plan(act(repeat={"every_months": 3}), start="2012-02-15")
    assert [r[1] for r in rows(overdue(plan, D("2012-12-01")))] == [
        "2012-05-14",
        "2012-08-14",
        "2012-11-14",
    ]


def test_every_years_due_by_end_of_each_year() -> None:
    plan = make_plan(
        act(repeat={"every_years": 3, "from": 2014}, log=done("2014-10-01")),
        start="2014-01-01",
        end="2020-12-31",
    )
    assert rows(overdue(plan, D("2021-03-01"))) == [
        ("a1", "2017-12-31", 1, 1),
        ("a1", "2020-12-31", 1, 1),
    ]


def test_recurring_when_text_without_repeat() -> None:
    plan = make_plan(act(when="2 gånger/år"))
    assert rows(overdue(plan, JAN_15_2013)) == [
        ("a1", "2012-06-30", 1, 1),
        ("a1", "2012-12-31", 2, 2),
    ]


def test_only_deadlines_inside_the_plan_period_count() -> None:
    plan = make_plan(act(repeat={"per_year": 2}), start="2012-07-01", end="2013-03-31")
    # The first half of 2012 is before the plan; the second half of 2013 after it.
    assert rows(overdue(plan, D("2014-01-15"))) == [("a1", "2012-12-31", 1, 1)]


def test_explicit_start_and_due_bound_recurring_work() -> None:
    plan = make_plan(act(repeat={"every_months": 1}, start="2012-09-01", due="2012-11-30"))
    assert [r[1] for r in rows(overdue(plan, JAN_15_2013))] == [
        "2012-09-30",
        "2012-10-31",
        "2012-11-30",
    ]


def test_a_dated_when_bounds_an_explicit_repeat() -> None:
    plan = make_plan(act(when="Under 2012", repeat={"months": [6, 12]}))
    assert [r[1] for r in rows(overdue(plan, D("2014-01-15")))] == ["2012-06-30", "2012-12-31"]


def test_paused_or_cancelled_work_is_not_overdue_after_that_date() -> None:
    pause = {"date": "2012-05-10", "status": "paused"}
    paused = make_plan(act(repeat={"per_year": 4}, log=[*done("2012-03-01"), pause]))
    assert overdue(paused, JAN_15_2013) == []
    late_pause = make_plan(
        act(repeat={"per_year": 4}, log=[*done("2012-03-01"), {**pause, "date": "2012-07-15"}])
    )
    assert rows(overdue(late_pause, JAN_15_2013)) == [("a1", "2012-06-30", 2, 2)]
    cancel = {"date": "2012-02-01", "status": "cancelled", "note": "Upphör"}
    assert overdue(make_plan(act(repeat={"months": [3, 9]}, log=[cancel])), JAN_15_2013) == []


def test_resumed_work_is_due_again_without_the_paused_occurrences() -> None:
    log = [
        *done("2012-03-01"),
        {"date": "2012-05-10", "status": "paused"},
        {"date": "2012-08-01", "status": "ongoing"},
    ]
    plan = make_plan(act(repeat={"per_year": 4}, log=log))
    # Q2 fell in the pause, so Q3 needs 2 done entries and Q4 needs 3.
    assert rows(overdue(plan, JAN_15_2013)) == [
        ("a1", "2012-09-30", 3, 2),
        ("a1", "2012-12-31", 4, 3),
    ]


# --- follow-up items, expiry, staleness --------------------------------------------


def test_follow_up_items_follow_the_recurring_rule() -> None:
    plan = make_plan(
        act(when="Kontinuerligt", repeat="continuous"),
        follow_up=[
            {"id": "avstamning", "title": "Avstämning", "schedule": {"per_year": 2},
             "by": "bra", "log": done("2012-05-03")},
            {"id": "utan-ansvarig", "title": "Översyn", "schedule": {"per_year": 1}},
            {"id": "lopande", "title": "Löpande", "schedule": "continuous"},
        ],
    )  # fmt: skip
    found = overdue(plan, JAN_15_2013)
    assert rows(found) == [
        ("avstamning", "2012-12-31", 2, 2),
        ("utan-ansvarig", "2012-12-31", 1, 1),
    ]
    assert [(d.item_kind, d.area_id, d.responsible) for d in found] == [
        ("follow_up", None, ("bra",)),
        ("follow_up", None, ()),
    ]


# --- upcoming and all deadlines -------------------------------------------------------


def test_upcoming_lists_unmet_deadlines_in_the_window() -> None:
    plan = make_plan(
        act("snart", due="2012-03-15"),
        act("klar", due="2012-03-15", log=done("2012-03-01")),
        act("sedan", due="2012-06-30"),
        act("mote", repeat={"months": [3, 4]}, log=done("2012-02-20")),
    )
    found = upcoming(plan, D("2012-03-01"), D("2012-04-30"))
    assert rows(found) == [("snart", "2012-03-15", None, None), ("mote", "2012-04-30", 2, 2)]
    assert [d.days_late for d in found] == [-14, -60]
    # Due on the as-of date: not overdue yet, so upcoming (0 days left), or it is in neither.
    (today,) = upcoming(plan, D("2012-03-15"), D("2012-03-31"))
    assert (today.item_id, today.days_late) == ("snart", 0)
    assert "snart" not in [d.item_id for d in overdue(plan, D("2012-03-15"))]


def test_deadlines_includes_met_ones_without_lateness() -> None:
    plan = make_plan(
        act("klar", due="2012-03-15", log=done("2012-03-20")),
        act("sen", due="2012-04-15"),
        act("mote", repeat={"per_year": 2}, log=done("2012-05-01")),
    )
    found = deadlines(plan, D("2012-01-01"), D("2012-12-31"), D("2012-09-01"))
    assert [(d.item_id, d.due.isoformat(), d.days_late) for d in found] == [
        ("klar", "2012-03-15", 0),
        ("sen", "2012-04-15", 139),
        ("mote", "2012-06-30", 0),
        ("mote", "2012-12-31", -121),
    ]


def test_met_says_whether_anything_is_left_to_do_for_a_deadline() -> None:
    plan = make_plan(
        act("klar", due="2012-03-15", log=done("2012-03-20")),
        act("sen", due="2012-04-15"),
        act("mote", repeat={"per_year": 2}, log=done("2012-05-01", "2012-08-01")),
        act("kurs", repeat={"per_year": 2}, log=done("2012-05-01")),
    )
    as_of = D("2012-09-01")
    found = deadlines(plan, D("2012-01-01"), D("2012-12-31"), as_of)
    assert [(d.item_id, d.due.isoformat(), d.met, d.shown_status) for d in found] == [
        ("klar", "2012-03-15", True, "done"),
        ("sen", "2012-04-15", False, "planned"),
        ("kurs", "2012-06-30", True, "ongoing"),
        ("mote", "2012-06-30", True, "ongoing"),
        ("kurs", "2012-12-31", False, "ongoing"),
        ("mote", "2012-12-31", True, "ongoing"),  # its second `done` entry came early
    ]
    unmet = [*overdue(plan, as_of), *upcoming(plan, as_of, D("2012-12-31"))]
    assert sorted(unmet, key=lambda d: d.due) == [d for d in found if not d.met]


def test_sorted_by_due_then_plan_then_item_then_occurrence() -> None:
    plan = make_plan(act("b", due="2012-06-30"), act("a", repeat={"per_year": 2}))
    assert [(d.item_id, d.occurrence) for d in overdue(plan, JAN_15_2013)] == [
        ("a", 1),
        ("b", None),
        ("a", 2),
    ]


# --- across plans: filters ---------------------------------------------------------


def test_collect_filters_by_party_through_units_and_bodies() -> None:
    plan = make_plan(
        act("skolan", due="2012-06-30", responsible=["rektor"]),
        act("polisen", due="2012-06-30", responsible=["polis"]),
        follow_up=[{"id": "bra-mote", "title": "Brå", "schedule": {"per_year": 1}, "by": "bra"}],
    )
    plans = [("p.yaml", plan)]

    def ids(**where: Any) -> list[str]:
        return [d.item_id for d in collect(plans, JAN_15_2013, **where).rows]

    assert ids(party="kommun") == ["skolan", "bra-mote"]
    assert ids(party="skola") == ["skolan"]
    assert ids(party="polis") == ["polisen"]
    assert ids(party="bra") == ["bra-mote"]
    assert ids(area="unga") == ["polisen", "skolan"]
    assert ids(plan_id="annan") == []
    with pytest.raises(UnknownName) as party:
        collect(plans, JAN_15_2013, party="polsi")
    assert (party.value.data["kind"], party.value.data["key"]) == ("party or body", "polsi")
    with pytest.raises(UnknownName) as area:
        collect(plans, JAN_15_2013, area="ungdom")
    assert (area.value.data["kind"], area.value.data["key"]) == ("area", "ungdom")


def test_collect_names_expired_plans() -> None:
    plan = make_plan(act(due="2012-06-30"))
    listing = collect([("p.yaml", plan)], D("2014-02-01"))
    assert [(e.plan_id, e.ended) for e in listing.expired] == [("testby-2012", D("2013-12-31"))]
    assert collect([("p.yaml", plan)], JAN_15_2013).expired == []


# --- the real plans -------------------------------------------------------------------

HARNOSAND_MISSED = {
    # one-off activities whose timing ended in 2012
    *(
        (item, "2012-12-31")
        for item in [
            "kontaktuppgifter",
            "forelasning-natmobbing",
            "kronobergsmodellen",
            "utbildningsdagar-ak6",
            "ungdomsgrupp-utredare",
            "arbeta-rokfria-skolgardar",
            "rutiner-grannsamverkan",
            "trygghetsvandringar",
            "samverkan-berorda",
            "samverkan-polis-socialtjanst",
            "smadit-utbildning",
            "cykelkontroller",
        ]
    ),
    # "2 gånger/år"
    ("utbildning-nya-planer", "2012-06-30"),
    ("utbildning-nya-planer", "2012-12-31"),
    # "Uppföljning månadsvis": every month end of 2012
    *(
        ("arbetsgrupp-livsstilskriminella", add_months(D("2012-01-31"), m).isoformat())
        for m in range(12)
    ),
    # the plan's own follow-up: yearly evaluation and review, twice-yearly avstämning
    ("utvardering", "2012-12-31"),
    ("oversyn-handlingsplan", "2012-12-31"),
    ("avstamning", "2012-06-30"),
    ("avstamning", "2012-12-31"),
}


def _plan(name: str) -> Plan:
    loaded = read_file(PLANS / name)
    assert loaded.plan is not None, loaded.problems
    return loaded.plan


def test_harnosand_as_of_january_2013() -> None:
    found = overdue(_plan("harnosand-2012.yaml"), JAN_15_2013)
    missed = {(d.item_id, d.due.isoformat()) for d in found}
    assert missed == HARNOSAND_MISSED
    assert len(found) == len(HARNOSAND_MISSED)  # each missed occurrence once
    never = {"utveckla-kaken", "krogtillsyn-ordningsvakter", "avvisa-omhandertaga",
             "anmalningar-lvm-sol", "vuxna-pa-stan"}  # fmt: skip
    assert never.isdisjoint(item for item, _ in missed)


def _really_late(plan: Plan, row: Deadline, as_of: dt.date) -> bool:
    """Check one row against the plan by the spec's words, independently of the engine."""
    logs = {a.id: a.log for _, a in plan.all_activities()} | {f.id: f.log for f in plan.follow_up}
    log = logs[row.item_id]
    if not row.recurring:
        return row.due < as_of and current_status(log, as_of) not in {"done", "cancelled", "paused"}
    done_in_year = sum(
        e.status == "done" and e.date.year == row.due.year and e.date <= as_of for e in log
    )
    return row.due < as_of and row.required is not None and done_in_year < row.required


def test_demo_plan_today_is_short_and_really_late() -> None:
    plan = _plan("demo-sjovik-2026.yaml")
    found = overdue(plan, AS_OF)
    assert 0 < len(found) <= 10
    assert all(_really_late(plan, row, AS_OF) for row in found)
    assert all(row.days_late == (AS_OF - row.due).days > 0 for row in found)
    assert "kamerabevakning-resecentrum" in {row.item_id for row in found}


# --- properties ---------------------------------------------------------------------

_days = st.integers(min_value=0, max_value=3 * 365)
_BASE = D("2012-01-01")


@st.composite
def one_off_plans(draw: st.DrawFn) -> tuple[Plan, dt.date]:
    """A plan of one-off activities whose log entries are all dated up to some day."""
    logged_until = _BASE + dt.timedelta(days=draw(_days))
    activities = []
    for i in range(draw(st.integers(min_value=1, max_value=6))):
        entry_days = sorted(draw(st.lists(_days, max_size=3)))
        statuses = draw(st.lists(st.sampled_from(["planned", "ongoing", "done", "cancelled",
                                                  "paused"]),
                                 min_size=len(entry_days), max_size=len(entry_days)))  # fmt: skip
        log = [
            {"date": min(_BASE + dt.timedelta(days=n), logged_until).isoformat(), "status": s,
             "note": "Skäl"}
            for n, s in zip(entry_days, statuses, strict=True)
        ]  # fmt: skip
        due = _BASE + dt.timedelta(days=draw(_days))
        activities.append(act(f"a{i}", due=due.isoformat(), log=log))
    return make_plan(*activities, end="2014-12-31"), logged_until


@settings(max_examples=200, deadline=None)
@given(one_off_plans(), _days, _days)
def test_overdue_one_offs_only_grow_as_as_of_moves_on(
    plan_and_day: tuple[Plan, dt.date], step1: int, step2: int
) -> None:
    plan, logged_until = plan_and_day
    earlier = logged_until + dt.timedelta(days=step1)
    later = earlier + dt.timedelta(days=step2)
    before = {d.item_id for d in overdue(plan, earlier)}
    after = {d.item_id for d in overdue(plan, later)}
    assert before <= after


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from([{"per_year": 2}, {"per_year": 4}, {"months": [3, 9]},
                     {"every_years": 2, "from": 2012}]),
    st.lists(_days, max_size=8),
    _days,
)  # fmt: skip
def test_missed_occurrences_are_exactly_the_shortfall(
    repeat: dict[str, Any], entry_days: list[int], as_of_days: int
) -> None:
    """Per year (per_year, months, every_years), the missed occurrences are the deadlines
    whose requirement exceeds the count of that year."""
    as_of = _BASE + dt.timedelta(days=as_of_days)
    dates = sorted((_BASE + dt.timedelta(days=n)).isoformat() for n in entry_days)
    plan = make_plan(act(repeat=repeat, log=done(*dates)), end="2014-12-31")
    activity: Activity = plan.areas[0].activities[0]
    counts = Counter(e.date.year for e in activity.log if e.date <= as_of)
    found = overdue(plan, as_of)
    assert all(d.required is not None and counts[d.due.year] < d.required for d in found)
    met = [
        d for d in deadlines(plan, _BASE, as_of - dt.timedelta(days=1), as_of) if d.days_late <= 0
    ]
    assert all(d.required is not None and counts[d.due.year] >= d.required for d in met)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 5), st.lists(_days, max_size=8), _days)
def test_every_months_windows_need_their_own_entries(
    months: int, entry_days: list[int], as_of_days: int
) -> None:
    """A window of `every_months` is met exactly when an entry is dated inside it."""
    as_of = _BASE + dt.timedelta(days=as_of_days)
    dates = sorted((_BASE + dt.timedelta(days=n)).isoformat() for n in entry_days)
    plan = make_plan(act(repeat={"every_months": months}, log=done(*dates)), end="2014-12-31")
    logged = [D(day) for day in dates if D(day) <= as_of]
    for d in deadlines(plan, _BASE, as_of, as_of):
        inside = any(d.window_start <= day <= d.window_end for day in logged)
        assert d.met == inside, d
