"""How a plan is going on a date: the follow-up rules that reports, export and calendar share.

`samplan.schedule` says which deadlines exist and which were missed; this module
turns that into the judgements a follow-up shows (docs/report.md, "Sammanfattning"):

- each activity's shown status, whether it is overdue, whether continuous work
  went without a report in the period, and its traffic light;
- the light of an area (the worst of its activities; `none` without activities)
  and of the whole plan: the worst of its areas and of its own follow-up items (a
  follow-up item that missed a deadline is red), or `ended` once its period has
  ended (Avslutad: nothing in it is late any more; its missed deadlines are its
  final count);
- the counts of a summary: activities per status, completed one-off work, held
  occurrences of recurring work, missed occurrences of activities and of the
  plan's follow-up, stale continuous work;
- deadlines grouped per item, so twelve missed monthly meetings are one row, and
  an item's next deadline (its first unmet one from the as-of date on).

Everything is a function of the plan, the period and the as-of date; nothing here
words anything (that is `samplan.i18n`'s job) or reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

import msgspec

from samplan import query, schedule
from samplan.model import Activity, Area, LogEntry, Plan, Status

Light = Literal["none", "green", "yellow", "red"]
PlanLight = Light | Literal["ended"]
STATUS_ORDER: tuple[Status, ...] = ("planned", "ongoing", "done", "cancelled", "paused")

_LIGHT_RANK: dict[str, int] = {"none": 0, "green": 1, "yellow": 2, "red": 3}
# Work in one of these (shown) statuses is finished: its last assessment no longer counts.
_FINISHED: frozenset[str] = frozenset({"done", "cancelled"})


def worst(lights: Iterable[Light]) -> Light:
    """The worst of some lights (red > yellow > green > none); `none` for no lights."""
    return max(lights, key=_LIGHT_RANK.__getitem__, default="none")


class ActivityState(msgspec.Struct, frozen=True):
    """One activity as it stands on the as-of date, seen from a report period."""

    area_id: str
    activity: Activity
    status: Status  # the logged status; recurring work that is `done` shows as ongoing
    recurring: bool
    overdue: bool
    stale: bool  # continuous work without a log entry in the period (up to the as-of date)
    assessment: str | None  # the latest assessment on the as-of date
    done_in_period: int  # `done` entries dated in the period, up to the as-of date
    complete: bool  # one-off work done (with a quantity: its units reach the count)
    # (units done, units required) of one-off work with a quantity, for "2 av 4"; else None
    progress: tuple[int, int] | None

    @property
    def light(self) -> Light:
        """Red when overdue; the latest assessment while the work is not finished;
        yellow when stale; the worst of these, green when none applies."""
        lights: set[Light] = set()
        if self.overdue:
            lights.add("red")
        if self.assessment is not None and self.status not in _FINISHED:
            lights.add(self.assessment)  # type: ignore[arg-type]  # green | yellow | red
        if self.stale:
            lights.add("yellow")
        return worst(lights) if lights else "green"

    @property
    def completed_in_period(self) -> bool:
        """One-off work finished with a `done` entry in the period."""
        return not self.recurring and self.done_in_period > 0 and self.complete


class PlanStatus(msgspec.Struct, frozen=True):
    """A plan's follow-up on `as_of`, for the period from `start` to `end`."""

    as_of: dt.date
    start: dt.date
    end: dt.date
    overdue: list[query.Deadline]  # every missed deadline (activities and follow-up items)
    activities: dict[str, ActivityState]  # by activity id, in plan order
    area_lights: dict[str, Light]  # by area id, in plan order
    next_deadlines: list[query.Deadline]  # unmet deadlines from the as-of date on
    # Every deadline, met or not, up to the later of `next_deadlines`' horizon and
    # the `reach` asked for: a report selects its other lists from it.
    timeline: list[query.Deadline]
    ended: bool  # the plan's period ended before the as-of date
    follow_up_items: tuple[str, ...]  # the plan's follow-up item ids, in plan order

    @property
    def seen_end(self) -> dt.date:
        """Log entries "during the period" are those that exist on the as-of date."""
        return min(self.end, self.as_of)

    def in_period(self, entry: LogEntry) -> bool:
        """The entry exists on the as-of date and reports on a day of the period (its
        effective date: results for 2019 written in January 2020 belong to 2019)."""
        return _counts_in(entry, self.start, self.seen_end, self.as_of)

    @property
    def follow_up_lights(self) -> list[Light]:
        """Red for each follow-up item with a missed deadline, green for the others."""
        late = {d.item_id for d in self.overdue if d.item_kind == "follow_up"}
        return ["red" if item in late else "green" for item in self.follow_up_items]

    @property
    def light(self) -> PlanLight:
        """The plan's light: `ended` once its period has ended, else the worst of its
        areas and of its follow-up items."""
        if self.ended:
            return "ended"
        return worst([*self.area_lights.values(), *self.follow_up_lights])

    def by_status(self) -> dict[Status, int]:
        """Activities per shown status, in STATUS_ORDER, zeros included."""
        counts = dict.fromkeys(STATUS_ORDER, 0)
        for state in self.activities.values():
            counts[state.status] += 1
        return counts

    @property
    def overdue_activities(self) -> int:
        return sum(state.overdue for state in self.activities.values())

    @property
    def missed_occurrences(self) -> int:
        """Missed deadlines of recurring activities, each occurrence once."""
        return sum(1 for d in self.overdue if d.item_kind == "activity" and d.recurring)

    @property
    def completed_in_period(self) -> int:
        return sum(state.completed_in_period for state in self.activities.values())

    @property
    def held_in_period(self) -> int:
        """Occurrences of recurring activities held (logged `done`) in the period."""
        return sum(s.done_in_period for s in self.activities.values() if s.recurring)

    @property
    def missed_follow_up(self) -> int:
        """Missed deadlines of the plan's own follow-up items, each occurrence once."""
        return sum(1 for d in self.overdue if d.item_kind == "follow_up")

    @property
    def stale(self) -> int:
        return sum(state.stale for state in self.activities.values())


def plan_status(
    plan: Plan,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    file: str = "",
    reach: dt.date | None = None,
) -> PlanStatus:
    """How `plan` stands on `as_of`, for the period `start`–`end`; its `timeline`
    goes at least up to `reach`."""
    # An item's next deadline may lie beyond the next report period (a yearly
    # follow-up), or, with grace, after the plan's end.
    horizon = schedule.add_months(max(as_of, plan.period.end or as_of), _NEXT_MONTHS)
    timeline = query.timeline(plan, as_of, max(horizon, reach or horizon), file)
    overdue = query.missed(timeline, as_of)
    late = {d.item_id for d in overdue if d.item_kind == "activity"}
    seen_end = min(end, as_of)
    states = {
        act.id: _activity_state(plan, area, act, act.id in late, start, seen_end, as_of)
        for area, act in plan.all_activities()
    }
    return PlanStatus(
        as_of=as_of,
        start=start,
        end=end,
        overdue=overdue,
        activities=states,
        area_lights={area.id: _area_light(area, states) for area in plan.areas},
        next_deadlines=query.pending(timeline, as_of, horizon),
        timeline=timeline,
        ended=schedule.is_expired(plan, as_of),
        follow_up_items=tuple(item.id for item in plan.follow_up),
    )


_NEXT_MONTHS = 12  # how far `next_deadlines` looks past the plan's end (or the as-of date)


def _activity_state(
    plan: Plan,
    area: Area,
    act: Activity,
    overdue: bool,
    start: dt.date,
    seen_end: dt.date,
    as_of: dt.date,
) -> ActivityState:
    timing = schedule.schedule_of(act, plan)
    status = schedule.item_status(timing, act.log, as_of)
    assessed = schedule.latest_entry(act.log, as_of, "assessment")
    return ActivityState(
        area_id=area.id,
        activity=act,
        status=status,
        recurring=timing.recurring,
        overdue=overdue,
        # Before the period has begun on the as-of date nothing can be missing from it.
        stale=seen_end >= start and schedule.is_stale(timing, act.log, start, seen_end, as_of),
        assessment=assessed.assessment if assessed is not None else None,
        complete=schedule.is_complete(timing, act.log, as_of),
        progress=_progress(plan, timing, act, as_of),
        done_in_period=sum(
            1 for e in act.log if e.status == "done" and _counts_in(e, start, seen_end, as_of)
        ),
    )


def _progress(
    plan: Plan, timing: schedule.Schedule, act: Activity, as_of: dt.date
) -> tuple[int, int] | None:
    """How far one-off work with a quantity has come: its one occurrence's units."""
    if not (timing.quantity and timing.kind == "deadline"):
        return None
    period = (plan.period.start, plan.period.end)
    (occurrence,) = schedule.occurrences(timing, act.log, period, as_of, dt.date.max)
    return occurrence.done, occurrence.required


def _counts_in(entry: LogEntry, start: dt.date, end: dt.date, as_of: dt.date) -> bool:
    """The entry exists on `as_of` and reports on a day from `start` to `end`."""
    return entry.date <= as_of and start <= schedule.effective_date(entry) <= end


def _area_light(area: Area, states: dict[str, ActivityState]) -> Light:
    """The worst light of the area's activities; `none` for an area without activities."""
    return worst(states[act.id].light for act in area.activities)


# --- deadlines per item ----------------------------------------------------------------


def by_item(found: Sequence[query.Deadline]) -> list[list[query.Deadline]]:
    """Deadlines grouped per activity or follow-up item, in order of each item's first
    deadline (the order `found` has): twelve missed monthly meetings are one group."""
    groups: dict[tuple[str, str], list[query.Deadline]] = {}
    for deadline in found:
        groups.setdefault((deadline.item_kind, deadline.item_id), []).append(deadline)
    return list(groups.values())


def next_due(
    found: Sequence[query.Deadline], kind: Literal["activity", "follow_up"], item_id: str
) -> query.Deadline | None:
    """The first of `found` (upcoming deadlines, in date order) that belongs to the item."""
    return next((d for d in found if d.item_kind == kind and d.item_id == item_id), None)
