"""When activities and follow-up items are due, and which deadlines were missed.

This is the spec's "Overdue" section (../shared/spec/plan-format.md) as code:

- A one-off activity has one deadline: its explicit `due`, else the date its
  `when` text gives (`samplan.when`). It is open until its status is `done`,
  `cancelled` or `paused`.
- A recurring activity or follow-up item has occurrence deadlines, counted
  cumulatively within the calendar year of the deadline: at the k-th deadline
  of a year at least k `done` entries dated in that year are required. Each
  `done` entry counts once; an entry dated after the as-of date does not exist
  yet. Only deadlines inside the plan period count.
- `continuous` and `weekdays` work has no deadlines (see `is_stale`).

The as-of date is always passed in; nothing here reads the clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from samplan.errors import UsageError
from samplan.listing import Expired, Listing
from samplan.model import (
    Activity,
    LogEntry,
    Plan,
    RepeatEveryMonths,
    RepeatEveryYears,
    RepeatMonths,
    RepeatPerYear,
    RepeatRule,
    RepeatWeekdays,
    Status,
)
from samplan.suggest import unknown_message
from samplan.when import Kind, Timing, read_when

__all__ = [
    "Deadline",
    "PlanDeadlines",
    "Status",
    "add_months",
    "check_known",
    "collect",
    "current_status",
    "deadlines",
    "is_expired",
    "is_stale",
    "latest_entry",
    "listing",
    "occurrence_dates",
    "overdue",
    "plan_deadlines",
    "reach",
    "shown_status",
    "timing_of",
    "upcoming",
]

# A one-off item with one of these statuses has nothing left to do by its deadline.
_SETTLED: frozenset[str] = frozenset({"done", "cancelled", "paused"})
# A recurring item with one of these statuses has no further occurrences.
_STOPPED: frozenset[str] = frozenset({"cancelled", "paused"})


@dataclass(frozen=True)
class Deadline:
    """One deadline of an activity or follow-up item, as seen on the as-of date."""

    plan_id: str
    plan_title: str
    file: str
    area_id: str | None  # None for the plan's own follow-up items
    item_id: str
    item_kind: Literal["activity", "follow_up"]
    title: str
    responsible: tuple[str, ...]  # party keys (for a follow-up item: its `by`, if any)
    due: dt.date
    occurrence: int | None  # k-th occurrence in the deadline's year; None for one-off
    required: int | None  # `done` entries in that year required by `due`; None for one-off
    recurring: bool
    status: Status  # current status as of the as-of date
    days_late: int  # (as_of - due).days while the deadline is unmet; > 0 exactly when overdue
    # Nothing is left to do for it on the as-of date: the occurrence's `done` entries are
    # there; a one-off item is done, cancelled or paused.
    met: bool

    @property
    def shown_status(self) -> Status:
        return shown_status(self.status, self.recurring)


def current_status(log: Sequence[LogEntry], as_of: dt.date) -> Status:
    """Status of the latest entry dated on or before `as_of`; with none, `planned`."""
    latest = latest_entry(log, as_of)
    return latest.status if latest is not None else "planned"


def latest_entry(
    log: Sequence[LogEntry], as_of: dt.date, having: Literal["note", "assessment"] | None = None
) -> LogEntry | None:
    """The latest entry dated on or before `as_of` (only entries with a `having` field).

    Of two entries on the same day the later one in the log wins.
    """
    latest: LogEntry | None = None
    for entry in log:
        if (
            entry.date <= as_of
            and (latest is None or entry.date >= latest.date)
            and (having is None or getattr(entry, having) is not None)
        ):
            latest = entry
    return latest


def shown_status(status: Status, recurring: bool) -> Status:
    """The status to show: a `done` entry on recurring work records one occurrence,
    and the work itself goes on (spec: it is not finished by a `done` entry)."""
    return "ongoing" if recurring and status == "done" else status


def timing_of(activity: Activity, plan: Plan) -> Timing:
    """The activity's timing: an explicit `due` or `repeat` wins over its `when` text."""
    return _timing(activity, plan.period.start, plan.period.end)


def _timing(activity: Activity, period_start: dt.date, period_end: dt.date | None) -> Timing:
    said = read_when(activity.when or "", period_start, period_end)
    start = activity.start or said.start
    # Timing(...) rather than dataclasses.replace: this runs five times per
    # activity in a report, and replace() costs three times as much.
    if activity.repeat is not None:
        # The rhythm is `repeat`; `start`/`due` (else a dated `when`, such as `Under 2018`
        # next to a monthly `repeat`) bound its occurrences.
        kind: Kind = "continuous" if _no_deadlines(activity.repeat) else "recurring"
        due = activity.due or said.due
        return Timing(said.text, kind, start, due, activity.repeat, said.form)
    if activity.due is not None:
        return Timing(said.text, "deadline", start, activity.due, None, said.form)
    kind = "continuous" if said.kind == "recurring" and _no_deadlines(said.repeat) else said.kind
    return Timing(said.text, kind, start, said.due, said.repeat, said.form)


def _no_deadlines(repeat: object) -> bool:
    return repeat == "continuous" or isinstance(repeat, RepeatWeekdays)


def is_expired(plan: Plan, as_of: dt.date) -> bool:
    """The plan's period ended before `as_of` (a plan `tills vidare` never expires)."""
    return plan.period.end is not None and plan.period.end < as_of


def is_stale(activity: Activity, start: dt.date, end: dt.date) -> bool:
    """Continuous or weekly work with no log entry dated in [start, end].

    Work that was cancelled or paused by `end` is not stale: it is stopped.
    """
    continuous = _timing(activity, start, end).kind == "continuous"
    return (
        continuous
        and current_status(activity.log, end) not in _STOPPED
        and not any(start <= entry.date <= end for entry in activity.log)
    )


# --- occurrences of a recurring rule -------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


# The last deadline ever computed: keeps month arithmetic inside dt.date.max.
_LATEST = dt.date(9998, 12, 31)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _per_year_ends(year: int, count: int) -> list[dt.date]:
    """Ends of `count` equal windows of the year: month ends when they divide the year."""
    if 12 % count == 0:
        step = 12 // count
        return [_month_end(year, step * k) for k in range(1, count + 1)]
    days = 366 if calendar.isleap(year) else 365
    jan1 = dt.date(year, 1, 1)
    return [jan1 + dt.timedelta(days=-(-k * days // count) - 1) for k in range(1, count + 1)]


def _candidates(rule: RepeatRule, start: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Deadlines of `rule` from `start` on, in date order, until past `last`."""
    years = range(start.year, last.year + 1)
    if isinstance(rule, RepeatPerYear):
        for year in years:
            yield from _per_year_ends(year, rule.per_year)
    elif isinstance(rule, RepeatMonths):
        for year in years:
            yield from (_month_end(year, month) for month in sorted(set(rule.months)))
    elif isinstance(rule, RepeatEveryMonths):
        # Windows of N months counted from the start; each is due on its last day.
        k = 1
        while (end := add_months(start, k * rule.every_months) - dt.timedelta(days=1)) <= last:
            yield end
            k += 1
    elif isinstance(rule, RepeatEveryYears):
        year = rule.from_
        while year <= last.year:
            yield dt.date(year, 12, 31)
            year += rule.every_years
    # weekdays: weekly presence has no deadlines


def occurrence_dates(
    rule: RepeatRule, period_start: dt.date, period_end: dt.date | None, horizon: dt.date
) -> list[tuple[dt.date, int, int]]:
    """Occurrence deadlines in [period_start, min(period_end, horizon)].

    Each is `(deadline, required_done_count, year)`: the k-th counted deadline of
    a calendar year requires k `done` entries dated in that year. Deadlines outside
    the period or in `except_months` are not counted, so the requirement is one
    per remaining occurrence (monthly except June–August requires 9 by December).
    """
    last = min(horizon, period_end or horizon, _LATEST)
    counted: Counter[int] = Counter()
    found: list[tuple[dt.date, int, int]] = []
    if last < period_start:
        return found
    for deadline in _candidates(rule, period_start, last):
        if deadline < period_start or deadline > last or deadline.month in rule.except_months:
            continue
        counted[deadline.year] += 1
        found.append((deadline, counted[deadline.year], deadline.year))
    return found


# --- deadlines of a plan --------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    """An activity or a follow-up item, as far as scheduling is concerned."""

    area_id: str | None
    item_id: str
    kind: Literal["activity", "follow_up"]
    title: str
    responsible: tuple[str, ...]
    log: Sequence[LogEntry]
    timing: Timing


def _items(plan: Plan) -> Iterator[_Item]:
    for area, act in plan.all_activities():
        yield _Item(
            area.id,
            act.id,
            "activity",
            act.title,
            tuple(act.responsible),
            act.log,
            timing_of(act, plan),
        )
    for item in plan.follow_up:
        if item.schedule is None:
            timing = read_when(item.when or "", plan.period.start, plan.period.end)
        else:
            timing = Timing(
                text="",
                kind="continuous" if _no_deadlines(item.schedule) else "recurring",
                repeat=item.schedule,
                form="schedule",
            )
        yield _Item(None, item.id, "follow_up", item.title, item.by_keys, item.log, timing)


def _all_deadlines(plan: Plan, as_of: dt.date, horizon: dt.date, file: str) -> Iterator[Deadline]:
    """Every deadline up to `horizon`, as seen on `as_of`."""
    for item in _items(plan):
        status = current_status(item.log, as_of)
        for due, occurrence, required, unmet in _due_dates(plan, item, status, as_of, horizon):
            late = (as_of - due).days
            yield Deadline(
                plan_id=plan.id,
                plan_title=plan.title,
                file=file,
                area_id=item.area_id,
                item_id=item.item_id,
                item_kind=item.kind,
                title=item.title,
                responsible=item.responsible,
                due=due,
                occurrence=occurrence,
                required=required,
                recurring=occurrence is not None,
                status=status,
                days_late=late if unmet else min(late, 0),
                met=not unmet,
            )


_DueDate = tuple[dt.date, int | None, int | None, bool]  # due, occurrence, required, unmet
_DATED_RULES = (RepeatPerYear, RepeatMonths, RepeatEveryMonths, RepeatEveryYears)


def _due_dates(
    plan: Plan, item: _Item, status: Status, as_of: dt.date, horizon: dt.date
) -> Iterator[_DueDate]:
    timing = item.timing
    if timing.kind == "deadline" and timing.due is not None and timing.due <= horizon:
        yield timing.due, None, None, status not in _SETTLED
    elif timing.kind == "recurring" and isinstance(timing.repeat, _DATED_RULES):
        yield from _occurrences(plan, item, timing.repeat, as_of, horizon)


def _occurrences(
    plan: Plan, item: _Item, rule: RepeatRule, as_of: dt.date, horizon: dt.date
) -> Iterator[_DueDate]:
    start = max(plan.period.start, item.timing.start or plan.period.start)
    ends = [d for d in (plan.period.end, item.timing.due) if d is not None]
    done = Counter(e.date.year for e in item.log if e.status == "done" and e.date <= as_of)
    # Occurrences after a cancel/pause are dropped, and the later ones of that
    # year require that many fewer `done` entries.
    stopped: Counter[int] = Counter()
    for due, required, year in occurrence_dates(rule, start, min(ends, default=None), horizon):
        if current_status(item.log, min(due, as_of)) in _STOPPED:
            stopped[year] += 1
            continue
        needed = required - stopped[year]
        yield due, required, needed, done[year] < needed


def _sort_key(d: Deadline) -> tuple[dt.date, str, str, int]:
    return (d.due, d.plan_id, d.item_id, d.occurrence or 0)


def overdue(plan: Plan, as_of: dt.date, file: str = "") -> list[Deadline]:
    """Deadlines before `as_of` that are unmet: each missed occurrence once."""
    found = [d for d in _all_deadlines(plan, as_of, as_of, file) if not d.met and d.due < as_of]
    return sorted(found, key=_sort_key)


def upcoming(plan: Plan, as_of: dt.date, until: dt.date, file: str = "") -> list[Deadline]:
    """Unmet deadlines with as_of <= due <= until: what is due today is not overdue yet."""
    found = [d for d in _all_deadlines(plan, as_of, until, file) if not d.met and d.due >= as_of]
    return sorted(found, key=_sort_key)


def deadlines(
    plan: Plan, start: dt.date, end: dt.date, as_of: dt.date, file: str = ""
) -> list[Deadline]:
    """Every deadline with start <= due <= end, met or not (for reports).

    Occurrences after a recurring item was cancelled or paused are not deadlines.
    """
    found = [d for d in _all_deadlines(plan, as_of, end, file) if d.due >= start]
    return sorted(found, key=_sort_key)


# --- across plans: what `overdue` and `upcoming` list ----------------------------------


@dataclass(frozen=True)
class PlanDeadlines:
    """What one plan gives a listing: its rows that pass the filters, and what the
    listing needs of the plan besides (its keys and areas, to check the filters;
    its expiry).

    Worker processes compute these next to reading the plans (`samplan.corpus`),
    so only these small values travel back, not the plans."""

    file: str
    plan_id: str
    title: str
    expired_on: dt.date | None  # the end of its period, when that is before the as-of date
    rows: list[Deadline]
    keys: frozenset[str]  # its parties and bodies, which `--party` accepts
    areas: frozenset[str]


def plan_deadlines(
    file: str,
    plan: Plan,
    as_of: dt.date,
    until: dt.date | None = None,
    *,
    party: str | None = None,
    area: str | None = None,
) -> PlanDeadlines:
    """One plan's overdue deadlines (`until` None) or upcoming ones up to `until`."""
    found = overdue(plan, as_of, file) if until is None else upcoming(plan, as_of, until, file)
    kept = [
        row
        for row in found
        if (area is None or row.area_id == area)
        and (party is None or party in reach(plan, row.responsible))
    ]
    expired = plan.period.end is not None and is_expired(plan, as_of)
    return PlanDeadlines(
        file=file,
        plan_id=plan.id,
        title=plan.title,
        expired_on=plan.period.end if expired else None,
        rows=kept,
        keys=_keys(plan),
        areas=_areas(plan),
    )


def listing(
    found: Sequence[PlanDeadlines],
    as_of: dt.date,
    until: dt.date | None = None,
    *,
    party: str | None = None,
    area: str | None = None,
    include_expired: bool = False,
) -> Listing:
    """The listing of the plans' deadlines, found with the same `until`, `party` and `area`.

    An unknown party or area is a usage error. An expired plan is named with the
    number of its rows; the rows themselves are listed only with `include_expired`
    (a finished agreement is history, not a to-do).
    """
    if found:
        _check_filters(party, area, [f.keys for f in found], [f.areas for f in found])
    rows: list[Deadline] = []
    expired: list[Expired] = []
    for plan in found:
        if plan.expired_on is not None:
            expired.append(
                Expired(plan.plan_id, plan.title, plan.file, plan.expired_on, len(plan.rows))
            )
            if not include_expired:
                continue
        rows.extend(plan.rows)
    return Listing(
        command="overdue" if until is None else "upcoming",
        as_of=as_of,
        until=until,
        plans=len(found),
        rows=sorted(rows, key=_sort_key),
        expired=expired,
        expired_rows_listed=include_expired,
    )


def collect(
    plans: Sequence[tuple[str, Plan]],
    as_of: dt.date,
    until: dt.date | None = None,
    *,
    party: str | None = None,
    area: str | None = None,
    plan_id: str | None = None,
    include_expired: bool = False,
) -> Listing:
    """Overdue deadlines (`until` None) or upcoming ones up to `until`, over `(file, plan)`s.

    `party` keeps rows whose responsible parties reach it: the party itself, a unit
    `part_of` it (at any depth), or a body it convenes. `area` and `plan_id` keep
    rows of that area or plan. See `listing` for unknown filters and expired plans.
    """
    found = [
        plan_deadlines(file, plan, as_of, until, party=party, area=area)
        for file, plan in plans
        if plan_id in (None, plan.id)
    ]
    return listing(found, as_of, until, party=party, area=area, include_expired=include_expired)


def check_known(plans: Sequence[tuple[str, Plan]], party: str | None, area: str | None) -> None:
    """UsageError for a `party` (or body) or `area` filter that none of the plans has."""
    if plans:
        keys, areas = [_keys(p) for _, p in plans], [_areas(p) for _, p in plans]
        _check_filters(party, area, keys, areas)


def _keys(plan: Plan) -> frozenset[str]:
    return frozenset([*plan.parties, *(b.id for b in plan.bodies)])


def _areas(plan: Plan) -> frozenset[str]:
    return frozenset(a.id for a in plan.areas)


def _check_filters(
    party: str | None,
    area: str | None,
    keys: Sequence[frozenset[str]],
    areas: Sequence[frozenset[str]],
) -> None:
    """UsageError for a filter that none of the plans (their `keys` and `areas`) has."""
    for given, known, what in ((party, keys, "party or body"), (area, areas, "area")):
        every = frozenset().union(*known)
        if given is not None and given not in every:
            raise UsageError(unknown_message(what, given, every))


def reach(plan: Plan, keys: Sequence[str]) -> set[str]:
    """The keys, the bodies' conveners, and every party they are `part_of`: the parties
    a `--party` filter finds rows of `keys` for."""
    conveners = {b.id: b.convener for b in plan.bodies if b.convener}
    reached: set[str] = set()
    for key in [*keys, *(conveners[k] for k in keys if k in conveners)]:
        current: str | None = key
        while current is not None and current not in reached:  # `in reached` stops loops
            reached.add(current)
            found = plan.parties.get(current)
            current = found.part_of if found else None
    return reached
