"""Deadlines as an iCalendar file (RFC 5545) for Outlook, Google and Apple calendars.

Every deadline of an activity and every occurrence of recurring work or of the
plan's own follow-up becomes an all-day VEVENT (calendars ignore to-do items). Each
event's UID is `<plan>.<item>.<deadline date>@samplan` (follow-up items:
`<plan>.follow_up.<item>.<date>@samplan`), which does not change when the
status or the title does, so a subscribed calendar updates its events instead
of duplicating them. DTSTAMP is the as-of date, so the same plans and as-of
date always give the same bytes.

The `icalendar` library writes the file: it escapes text and folds lines at
75 octets as RFC 5545 requires, also in the middle of å, ä and ö.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import msgspec

from samplan import __version__
from samplan.export import header
from samplan.i18n import Lang, capfirst, language, text, word
from samplan.model import Activity, Area, FollowUpItem, Plan
from samplan.query import Deadline, deadlines, matches, names
from samplan.schedule import latest_entry

OPEN_ENDED_HORIZON = dt.timedelta(days=366)  # how far ahead a plan `tills vidare` is shown

# Words for the calendar that samplan.i18n (the report's words) does not have.
LABELS: dict[Lang, dict[str, str]] = {
    "sv": {
        "days_late": "{days} dagar försenad",
        "ended": "ej genomförd; planen avslutades {date}",
        "progress": "{done} av {required} genomförda",
        "occurrence": "tillfälle {n} år {year}",
        "plans": "Samverkansplaner ({count})",
    },
    "en": {
        "days_late": "{days} days overdue",
        "ended": "not done; the plan ended on {date}",
        "progress": "{done} of {required} done",
        "occurrence": "occurrence {n} in {year}",
        "plans": "Crime-prevention plans ({count})",
    },
}


class Window(msgspec.Struct, frozen=True):
    """Which deadlines to show: from/until (default: each plan's period)."""

    start: dt.date | None = None
    end: dt.date | None = None

    def of(self, plan: Plan, as_of: dt.date) -> tuple[dt.date, dt.date]:
        end = self.end or plan.period.end or max(as_of, plan.period.start) + OPEN_ENDED_HORIZON
        return self.start or plan.period.start, end


PLAN_PERIODS = Window()  # the default: each plan's own period


class CalendarEvent(msgspec.Struct, frozen=True):
    uid: str
    day: dt.date
    summary: str
    description: str


def plan_events(
    file: str,
    plan: Plan,
    as_of: dt.date,
    window: Window = PLAN_PERIODS,
    party: str | None = None,
    area: str | None = None,
) -> list[CalendarEvent]:
    """The events of one plan; `party` and `area` filter as `samplan overdue` does."""
    start, end = window.of(plan, as_of)
    if end < start:
        return []
    items = _Items.of(plan)
    return [
        _event(plan, items, d, as_of)
        for d in deadlines(plan, start, end, as_of, file)
        if matches(plan, d.area_id, d.responsible, party, area)
    ]


class _Items(msgspec.Struct, frozen=True):
    """A plan's activities (with their area) and follow-up items by id: looked up
    once per plan, not searched for each deadline (which grew with the square of
    the activities)."""

    activities: dict[tuple[str | None, str], tuple[Area, Activity]]
    follow_up: dict[str, FollowUpItem]

    @classmethod
    def of(cls, plan: Plan) -> _Items:
        return cls(
            {(area.id, act.id): (area, act) for area in plan.areas for act in area.activities},
            {item.id: item for item in plan.follow_up},
        )


def _event(plan: Plan, items: _Items, d: Deadline, as_of: dt.date) -> CalendarEvent:
    lang = language(plan.language)
    state = _state(d)
    title = d.title
    if d.recurring:
        n = LABELS[lang]["occurrence"].format(n=d.occurrence, year=d.window_start.year)
        title = f"{title} ({n})"
    summary = f"{capfirst(word(lang, 'status', state))}: {title}" if state else title
    item = f"follow_up.{d.item_id}" if d.item_kind == "follow_up" else d.item_id
    return CalendarEvent(
        uid=f"{plan.id}.{item}.{d.due.isoformat()}@samplan",
        day=d.due,
        summary=_text(summary),
        description=_text(_description(plan, items, d, as_of, lang)),
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _text(value: str) -> str:
    """RFC 5545 TEXT holds no control characters but tab and (escaped) line breaks."""
    return _CONTROL.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))


def _state(d: Deadline) -> str | None:
    """What the title says first: overdue, done, cancelled, paused; nothing while open,
    or once the plan has ended (nothing is late in an ended plan; see `_description`)."""
    if d.days_late > 0 and not d.ended:
        return "overdue"
    if not d.met:
        return None
    return "done" if d.recurring else d.status


def _description(plan: Plan, items: _Items, d: Deadline, as_of: dt.date, lang: Lang) -> str:
    labels = LABELS[lang]
    lines = [f"{text(lang, 'plan')}: {plan.title}"]
    if d.item_kind == "follow_up":
        item = items.follow_up[d.item_id]
        lines.append(f"{text(lang, 'follow_up_item')}: {names(plan, d.responsible)}")
        lines += [f"{text(lang, 'report_to')}: {', '.join(item.report_to)}"] * bool(item.report_to)
        log = item.log
    else:
        area, act = items.activities[d.area_id, d.item_id]
        lines.append(f"{text(lang, 'area')}: {area.title}")
        lines.append(f"{text(lang, 'responsible')}: {names(plan, act.responsible)}")
        partners = header("partners", lang)
        lines += [f"{partners}: {names(plan, act.partners)}"] * bool(act.partners)
        lines += [f"{text(lang, 'when')}: {act.when}"] * bool(act.when)
        log = act.log
    status = word(lang, "status", d.shown_status)
    if d.units_required > 1:  # a quantity, or the k-th occurrence of a year
        status += ", " + labels["progress"].format(done=d.units_done, required=d.units_required)
    if d.days_late > 0:
        late = labels["ended"].format(date=plan.period.end) if d.ended else None
        status += ", " + (late or labels["days_late"].format(days=d.days_late))
    lines.append(f"{text(lang, 'status')} ({as_of.isoformat()}): {status}")
    latest = latest_entry(log, as_of, "note")
    if latest is not None:
        lines.append(f"{text(lang, 'latest_note')} ({latest.date}): {latest.note}")
    return "\n".join(lines)


def calendar_name(plans: Sequence[Plan]) -> str:
    if len(plans) == 1:
        return plans[0].title
    lang = language(plans[0].language if plans else None)
    return LABELS[lang]["plans"].format(count=len(plans))


def to_ical(events: Sequence[CalendarEvent], name: str, as_of: dt.date) -> bytes:
    """The VCALENDAR, events in date order; DTSTAMP is the as-of date (00:00 UTC)."""
    from icalendar import Calendar, Event

    stamp = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", f"-//samplan//samplan {__version__}//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", " ".join(_text(name).split()))  # one line, unescaped
    for ev in sorted(events, key=lambda e: (e.day, e.uid)):
        event = Event()
        event.add("uid", ev.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", ev.day)
        event.add("dtend", ev.day + dt.timedelta(days=1))  # all-day: DTEND is the next day
        event.add("summary", ev.summary)
        event.add("description", ev.description)
        event.add("transp", "TRANSPARENT")  # a deadline does not make the day busy
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
