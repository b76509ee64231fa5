"""The follow-up report as a view model: plain data that templates turn into text.

`build_report` reads a validated plan once, asks `samplan.schedule` and
`samplan.indicators` what is overdue, due and attained, and words everything
with `samplan.i18n`. Templates only ever see the dataclasses below (documented
in docs/report.md), never pydantic models, so a kommun can write its own
template against a small, stable shape.

Everything is a function of (plan, period, as-of date, language, file label,
version): no clock, no environment, stable orders, so the same input gives
byte-identical reports.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from samplan import indicators as ind_eval
from samplan import schedule
from samplan.i18n import (
    SYMBOLS,
    TEXTS,
    Lang,
    capfirst,
    days_ago,
    format_date,
    format_date_range,
    format_value,
    join_words,
    period_name,
    repeat_text,
    target_text,
    word,
)
from samplan.i18n import language as pick_language
from samplan.model import Activity, Area, Indicator, LogEntry, Plan, TargetValue
from samplan.periods import Period, next_period

# Longest span of years a chart draws; a target path can run on for decades.
MAX_CHART_YEARS = 25
STATUS_ORDER: tuple[schedule.Status, ...] = ("planned", "ongoing", "done", "cancelled", "paused")


# --- input from outside the plan ----------------------------------------------


@dataclass(frozen=True)
class PlanVersion:
    """Where the plan file stands in version control (the CLI asks git)."""

    commit: str  # short hash
    date: dt.date  # commit date
    modified: bool = False  # the file has changes that are not committed


# --- the view model ------------------------------------------------------------


class Labels(Mapping[str, str]):
    """The label table of one language: `t.summary` or `t("due_by", date=...)` in templates."""

    def __init__(self, lang: Lang) -> None:
        self._texts = TEXTS[lang]

    def __getitem__(self, key: str) -> str:
        return self._texts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __call__(self, key: str, **values: object) -> str:
        return self._texts[key].format(**values)


@dataclass(frozen=True)
class Badge:
    """A status, assessment or trend: a code for styling, a word and a symbol."""

    code: str  # planned ongoing done cancelled paused overdue | green yellow red none | ...
    text: str  # capitalised: "Pågår"
    symbol: str  # "◐": shown beside the text, never instead of it

    @property
    def label(self) -> str:
        """Symbol and text: `◐ Pågår`."""
        return f"{self.symbol} {self.text}"


@dataclass(frozen=True)
class PeriodView:
    code: str  # 2026T3
    name: str  # tertial 3 2026
    title: str  # Tertial 3 2026
    dates: str  # 1 september–31 december 2026
    start: str  # 1 september 2026
    end: str  # 31 december 2026
    start_iso: str
    end_iso: str


@dataclass(frozen=True)
class TextBlock:
    """A paragraph or a list of a longer plan text (the plan's `description`)."""

    kind: Literal["paragraph", "bullets", "numbered"]
    text: str  # a paragraph, its lines joined; "" for a list
    items: list[str]  # the items of a list, without their markers; [] for a paragraph
    start: int = 1  # the number of the first item of a numbered list


@dataclass(frozen=True)
class PlanInfo:
    id: str
    title: str
    description: list[TextBlock]  # the plan's introduction; [] when it has none
    kind: str  # Samverkansöverenskommelse
    municipality: str
    police_area: str  # "" when not given
    validity: str  # 1 januari 2026–31 december 2027
    decision: str  # Kommunfullmäktige 15 december 2025, KS 2025/318 ("" when not given)
    parent: str  # parent plan id or ""
    file: str  # the plan file as the user named it


@dataclass(frozen=True)
class VersionView:
    commit: str
    date: str
    date_iso: str
    modified: bool
    text: str  # "version a1b2c3d från 20 november 2026"


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int
    badge: Badge | None = None


@dataclass(frozen=True)
class AreaLight:
    anchor: str
    title: str
    light: Badge
    activities: int
    overdue: int


@dataclass(frozen=True)
class Summary:
    activities: int
    by_status: list[CountRow]  # one row per status, in STATUS_ORDER, zeros included
    figures: list[CountRow]  # overdue, missed occurrences, completed, held, stale
    overdue: int
    completed_in_period: int
    areas: list[AreaLight]


@dataclass(frozen=True)
class ActivityRow:
    id: str
    title: str
    responsible: str  # party names, lead first
    when: str
    status: Badge  # "Försenad" when overdue
    base_status: Badge  # the logged status (recurring work that is `done` shows as ongoing)
    overdue: bool
    stale: bool  # continuous work without a report in the period
    citizen_promise: bool
    note: str  # latest note up to the as-of date, "" when none
    note_date: str


@dataclass(frozen=True)
class LogRow:
    date: str
    date_iso: str
    item: str  # activity or follow-up title
    status: Badge
    note: str
    by: str  # party name or ""


@dataclass(frozen=True)
class AreaView:
    anchor: str
    id: str
    title: str
    light: Badge
    activities: list[ActivityRow]
    log: list[LogRow]


@dataclass(frozen=True)
class DeadlineRow:
    """One activity or follow-up item; the occurrences of recurring work in one row."""

    title: str
    occurrence: str  # "tillfälle 3 under 2026", "12 tillfällen"; "" for one-off work
    occurrences: int  # deadlines in this row
    area: str  # area title or "Planens uppföljning"
    responsible: str
    due: str  # "31 mars 2026", or "31 januari–31 december 2012" for several
    due_iso: str  # the first deadline
    days_late: int  # of the first (oldest) deadline; > 0 for overdue rows
    days_late_text: str  # "236", or "15–350" for several
    status: Badge


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    title: str
    by: str
    rhythm: str
    report_to: str
    held: list[str]  # dates of `done` entries in the period
    missed: list[str]  # "31 augusti 2026 (83 dagar sedan)"
    next_due: str  # "" when nothing is due until the end of the next period


@dataclass(frozen=True)
class FollowUpView:
    items: list[FollowUpRow]
    log: list[LogRow]  # held follow-ups in the period, with their notes


@dataclass(frozen=True)
class ChartPoint:
    year: int
    measured: float | None
    expected: float | None
    measured_text: str  # "" when not measured
    expected_text: str  # "" when the target says nothing of the year
    baseline: bool  # this is the baseline year


@dataclass(frozen=True)
class Chart:
    """What the SVG chart and the table beside it show, year by year."""

    id: str  # unique in the report, safe for HTML ids
    title: str
    desc: str  # the chart in one or two sentences for screen readers
    unit: str | None  # count percent yes_no rate
    lang: Lang
    points: list[ChartPoint]
    baseline_year: int | None
    baseline_value: float | None


@dataclass(frozen=True)
class IndicatorView:
    anchor: str
    id: str
    name: str
    source: str
    baseline: str  # "31 % (2025)" or ""
    target: str
    expected: str  # for the report year, "" when the target says nothing of it
    latest: str  # "27 % (2026)" or ""
    latest_note: str
    attainment: Badge
    trend: Badge
    chart: Chart | None  # None when there is nothing to draw


@dataclass(frozen=True)
class PartyRow:
    key: str
    name: str
    type: str
    part_of: str


@dataclass(frozen=True)
class SignatoryRow:
    name: str
    role: str
    party: str
    date: str


@dataclass(frozen=True)
class MemberRow:
    name: str  # "" when the plan gives only the role
    role: str
    party: str


@dataclass(frozen=True)
class BodyRow:
    id: str
    name: str
    type: str
    convener: str
    meets: str
    reports_to: str
    members: list[MemberRow]
    paused: bool


@dataclass(frozen=True)
class ReportView:
    """Everything a report template gets (as `report`)."""

    lang: Lang
    t: Labels
    plan: PlanInfo
    period: PeriodView
    next_period: PeriodView
    as_of: str
    as_of_iso: str
    version: VersionView | None
    indicator_year: int
    summary: Summary
    areas: list[AreaView]
    overdue: list[DeadlineRow]
    upcoming: list[DeadlineRow]
    upcoming_until: str  # last day `upcoming` looks at, formatted
    follow_up: FollowUpView
    indicators: list[IndicatorView]
    parties: list[PartyRow]
    signatories: list[SignatoryRow]
    bodies: list[BodyRow]


@dataclass(frozen=True)
class IndexEntry:
    href: str
    title: str
    municipality: str
    kind: str
    activities: int
    overdue: int
    light: Badge  # the worst area light of the plan


@dataclass(frozen=True)
class IndexView:
    """What the index page template gets (as `index`)."""

    lang: Lang
    t: Labels
    title: str
    period: PeriodView
    as_of: str
    entries: list[IndexEntry]


# --- building it ----------------------------------------------------------------


def build_report(
    plan: Plan,
    period: Period,
    as_of: dt.date,
    *,
    lang: str | None = None,
    file: str = "",
    version: PlanVersion | None = None,
) -> ReportView:
    """The report of `plan` for `period` as it stands on `as_of`.

    `lang` overrides the plan's `language`; `file` is how the plan file is named
    in the report; `version` comes from version control (None: not known).
    """
    chosen = pick_language(lang or plan.language)
    return _Builder(plan, period, as_of, chosen, file).build(version)


def build_index(
    reports: Sequence[tuple[str, ReportView]], period: Period, as_of: dt.date, lang: str | None
) -> IndexView:
    """The index page over already-built reports: `(href, report)` pairs, in the given order."""
    chosen = pick_language(lang)
    entries = [
        IndexEntry(
            href=href,
            title=report.plan.title,
            municipality=report.plan.municipality,
            kind=report.plan.kind,
            activities=report.summary.activities,
            overdue=report.summary.overdue,
            light=_light(chosen, _worst(a.light.code for a in report.summary.areas)),
        )
        for href, report in reports
    ]
    return IndexView(
        lang=chosen,
        t=Labels(chosen),
        title=capfirst(TEXTS[chosen]["index_title"].format(period=period_name(period, chosen))),
        period=_period_view(period, chosen),
        as_of=format_date(as_of, chosen),
        entries=entries,
    )


class _Builder:
    """One report's worth of shared lookups (party names, overdue sets, the log window)."""

    def __init__(self, plan: Plan, period: Period, as_of: dt.date, lang: Lang, file: str) -> None:
        self.plan = plan
        self.period = period
        self.as_of = as_of
        self.lang = lang
        self.file = file
        # Log entries "during the period" are those that exist on the as-of date.
        self.seen_end = min(period.end, as_of)
        self.overdue = schedule.overdue(plan, as_of, file)
        self.overdue_ids = {d.item_id for d in self.overdue if d.item_kind == "activity"}
        self.area_titles = {a.id: a.title for a in plan.areas}
        self.next = next_period(period)
        # Unmet deadlines up to the end of the next period (none once that has passed).
        self.upcoming = schedule.upcoming(plan, as_of, self.next.end, file)

    # -- small helpers --

    def date(self, day: dt.date) -> str:
        return format_date(day, self.lang)

    def name_of(self, key: str) -> str:
        """A party key or body id as a name."""
        party = self.plan.parties.get(key)
        if party is not None:
            return party.name
        body = next((b for b in self.plan.bodies if b.id == key), None)
        return body.name if body is not None else key

    def names(self, keys: Sequence[str]) -> str:
        return ", ".join(self.name_of(k) for k in keys)

    def in_window(self, day: dt.date) -> bool:
        return self.period.start <= day <= self.seen_end

    def status_badge(self, status: str) -> Badge:
        return Badge(status, capfirst(word(self.lang, "status", status)), SYMBOLS[status])

    def recurring(self, activity: Activity) -> bool:
        return schedule.timing_of(activity, self.plan).kind == "recurring"

    def shown_status(self, activity: Activity) -> schedule.Status:
        """The logged status; recurring work stays ongoing after each `done` occurrence."""
        status = schedule.current_status(activity.log, self.as_of)
        return schedule.shown_status(status, self.recurring(activity))

    def stale(self, activity: Activity) -> bool:
        if self.seen_end < self.period.start:  # the period has not begun on the as-of date
            return False
        return schedule.is_stale(activity, self.period.start, self.seen_end)

    # -- the report --

    def build(self, version: PlanVersion | None) -> ReportView:
        rows = {act.id: self.activity_row(act) for _, act in self.plan.all_activities()}
        areas = [self.area_view(n, area, rows) for n, area in enumerate(self.plan.areas, 1)]
        return ReportView(
            lang=self.lang,
            t=Labels(self.lang),
            plan=self.plan_info(),
            period=_period_view(self.period, self.lang),
            next_period=_period_view(self.next, self.lang),
            as_of=self.date(self.as_of),
            as_of_iso=self.as_of.isoformat(),
            version=self.version_view(version),
            indicator_year=self.period.end.year,
            summary=self.summary(rows, areas),
            areas=areas,
            overdue=self.overdue_rows(),
            upcoming=self.upcoming_rows(),
            upcoming_until=self.date(self.next.end),
            follow_up=self.follow_up(),
            indicators=[
                self.indicator_view(n, ind) for n, ind in enumerate(self.plan.all_indicators(), 1)
            ],
            parties=self.parties(),
            signatories=[
                SignatoryRow(
                    name=s.name,
                    role=s.role or "",
                    party=self.name_of(s.party) if s.party else "",
                    date=self.date(s.date) if s.date else "",
                )
                for s in self.plan.signatories
            ],
            bodies=self.bodies(),
        )

    def plan_info(self) -> PlanInfo:
        plan = self.plan
        if plan.period.end is None:
            validity = TEXTS[self.lang]["validity_open"].format(start=self.date(plan.period.start))
        else:
            validity = format_date_range(plan.period.start, plan.period.end, self.lang)
        decision = ""
        if plan.decision is not None:
            when = self.date(plan.decision.date) if plan.decision.date else ""
            who = " ".join(p for p in (plan.decision.body or "", when) if p)
            decision = ", ".join(p for p in (who, plan.decision.reference or "") if p)
        return PlanInfo(
            id=plan.id,
            title=plan.title,
            description=text_blocks(plan.description or ""),
            kind=capfirst(word(self.lang, "kind", plan.kind)),
            municipality=plan.municipality,
            police_area=plan.police_area or "",
            validity=validity,
            decision=decision,
            parent=plan.parent or "",
            file=self.file,
        )

    def version_view(self, version: PlanVersion | None) -> VersionView | None:
        if version is None:
            return None
        words = TEXTS[self.lang]
        described = words["version_commit"].format(
            commit=version.commit, date=self.date(version.date)
        )
        if version.modified:
            described += ", " + words["version_modified"]
        return VersionView(
            commit=version.commit,
            date=self.date(version.date),
            date_iso=version.date.isoformat(),
            modified=version.modified,
            text=capfirst(described),
        )

    # activities and areas

    def activity_row(self, act: Activity) -> ActivityRow:
        base = self.shown_status(act)
        overdue = act.id in self.overdue_ids
        noted = schedule.latest_entry(act.log, self.as_of, "note")
        return ActivityRow(
            id=act.id,
            title=act.title,
            responsible=self.names(act.responsible),
            when=self.when_text(act),
            status=self.status_badge("overdue") if overdue else self.status_badge(base),
            base_status=self.status_badge(base),
            overdue=overdue,
            stale=self.stale(act),
            citizen_promise=act.citizen_promise,
            note=noted.note or "" if noted else "",
            note_date=self.date(noted.date) if noted else "",
        )

    def when_text(self, act: Activity) -> str:
        """The timing as the plan words it, with an explicit deadline the text does not say."""
        due = self.t("due_by", date=self.date(act.due)) if act.due else ""
        if act.when:
            return capfirst(f"{act.when} ({due})" if due else act.when)
        if due:
            return capfirst(due)
        if act.repeat is not None:
            return capfirst(repeat_text(act.repeat, self.lang))
        return ""

    def t(self, key: str, **values: object) -> str:
        return TEXTS[self.lang][key].format(**values)

    def area_view(self, number: int, area: Area, rows: Mapping[str, ActivityRow]) -> AreaView:
        activities = [rows[a.id] for a in area.activities]
        log = [
            self.log_row(entry, act.title)
            for act in area.activities
            for entry in act.log
            if self.in_window(entry.date)
        ]
        return AreaView(
            anchor=f"omrade-{number}",
            id=area.id,
            title=area.title,
            light=_light(self.lang, self.area_light(area, rows)),
            activities=activities,
            log=sorted(log, key=lambda r: r.date_iso),  # stable: plan order within a day
        )

    def area_light(self, area: Area, rows: Mapping[str, ActivityRow]) -> str:
        if not area.activities:
            return "none"
        lights = set()
        for act in area.activities:
            row = rows[act.id]
            assessed = schedule.latest_entry(act.log, self.as_of, "assessment")
            if row.overdue:
                lights.add("red")
            if assessed is not None and row.base_status.code not in ("done", "cancelled"):
                lights.add(assessed.assessment or "green")
            if row.stale:
                lights.add("yellow")
        return _worst(lights) if lights else "green"

    def log_row(self, entry: LogEntry, item: str) -> LogRow:
        return LogRow(
            date=self.date(entry.date),
            date_iso=entry.date.isoformat(),
            item=item,
            status=self.status_badge(entry.status),
            note=entry.note or "",
            by=self.name_of(entry.by) if entry.by else "",
        )

    def summary(self, rows: Mapping[str, ActivityRow], areas: list[AreaView]) -> Summary:
        counts = {status: 0 for status in STATUS_ORDER}
        for row in rows.values():
            counts[row.base_status.code] += 1  # type: ignore[index]
        completed = 0
        held = 0
        for _, act in self.plan.all_activities():
            done_here = [e for e in act.log if e.status == "done" and self.in_window(e.date)]
            if self.recurring(act):
                held += len(done_here)
            elif done_here and rows[act.id].base_status.code == "done":
                completed += 1
        missed = sum(1 for d in self.overdue if d.item_kind == "activity" and d.recurring)
        stale = sum(1 for row in rows.values() if row.stale)
        words = TEXTS[self.lang]
        figures = [
            CountRow(words["activities_total"], len(rows)),
            CountRow(words["overdue_activities"], len(self.overdue_ids)),
            CountRow(words["missed_occurrences"], missed),
            CountRow(words["completed_in_period"], completed),
            CountRow(words["occurrences_in_period"], held),
            CountRow(words["stale"], stale),
        ]
        return Summary(
            activities=len(rows),
            by_status=[
                CountRow(self.status_badge(s).text, counts[s], self.status_badge(s))
                for s in STATUS_ORDER
            ],
            figures=figures,
            overdue=len(self.overdue_ids),
            completed_in_period=completed,
            areas=[
                AreaLight(
                    anchor=a.anchor,
                    title=a.title,
                    light=a.light,
                    activities=len(a.activities),
                    overdue=sum(r.overdue for r in a.activities),
                )
                for a in areas
            ],
        )

    # deadlines

    def deadline_rows(self, found: Sequence[schedule.Deadline]) -> list[DeadlineRow]:
        """One row per item, in order of its first deadline: twelve missed monthly
        meetings are one row with their date range, not twelve rows."""
        groups: dict[tuple[str, str], list[schedule.Deadline]] = {}
        for deadline in found:
            groups.setdefault((deadline.item_kind, deadline.item_id), []).append(deadline)
        return [self.deadline_row(group) for group in groups.values()]

    def deadline_row(self, group: Sequence[schedule.Deadline]) -> DeadlineRow:
        first, last = group[0], group[-1]
        late = max(first.days_late, 0)
        if len(group) == 1:
            occurrence = (
                self.t("occurrence", n=first.occurrence, year=first.due.year)
                if first.recurring
                else ""
            )
            due = self.date(first.due)
            late_text = str(late)
        else:
            occurrence = self.t("occurrences", n=len(group))
            due = format_date_range(first.due, last.due, self.lang)
            late_text = f"{max(last.days_late, 0)}–{late}"
        return DeadlineRow(
            title=first.title,
            occurrence=occurrence,
            occurrences=len(group),
            area=self.area_titles.get(first.area_id, "")
            if first.area_id
            else TEXTS[self.lang]["plan_follow_up"],
            responsible=self.names(first.responsible) or "–",  # a follow-up item without `by`
            due=due,
            due_iso=first.due.isoformat(),
            days_late=late,
            days_late_text=late_text,
            status=self.status_badge(first.shown_status),
        )

    def overdue_rows(self) -> list[DeadlineRow]:
        """Activities and the plan's own follow-up, as `samplan overdue` lists them:
        a yearly evaluation never held is as late as an activity."""
        return self.deadline_rows(self.overdue)

    def upcoming_rows(self) -> list[DeadlineRow]:
        return self.deadline_rows(self.upcoming)

    # the plan's own follow-up

    def follow_up(self) -> FollowUpView:
        in_period = schedule.deadlines(
            self.plan, self.period.start, self.period.end, self.as_of, self.file
        )
        items: list[FollowUpRow] = []
        log: list[LogRow] = []
        for item in self.plan.follow_up:
            held = [e for e in item.log if e.status == "done" and self.in_window(e.date)]
            missed = [
                d
                for d in in_period
                if d.item_kind == "follow_up" and d.item_id == item.id and d.days_late > 0
            ]
            following = next(
                (d for d in self.upcoming if d.item_kind == "follow_up" and d.item_id == item.id),
                None,
            )
            items.append(
                FollowUpRow(
                    id=item.id,
                    title=item.title,
                    by=self.names(item.by_keys),
                    rhythm=capfirst(
                        repeat_text(item.schedule, self.lang) if item.schedule else item.when or ""
                    ),
                    report_to=join_words(item.report_to, self.lang),
                    held=[self.date(e.date) for e in held],
                    missed=[
                        f"{self.date(d.due)} ({days_ago(d.days_late, self.lang)})" for d in missed
                    ],
                    next_due=self.date(following.due) if following else "",
                )
            )
            log.extend(self.log_row(e, item.title) for e in held)
        return FollowUpView(items=items, log=sorted(log, key=lambda r: r.date_iso))

    # indicators

    def indicator_view(self, number: int, ind: Indicator) -> IndicatorView:
        year = self.period.end.year
        ev = ind_eval.evaluate(ind, year)
        unit = ind.unit

        def value_in_year(value: float | None, in_year: int | None) -> str:
            if value is None or in_year is None:
                return ""
            return self.t("value_in_year", value=format_value(value, unit, self.lang), year=in_year)

        return IndicatorView(
            anchor=f"indikator-{number}",
            id=ind.id,
            name=ind.name,
            source=ind.source or "",
            baseline=value_in_year(
                ev.baseline.value if ev.baseline else None,
                ev.baseline.year if ev.baseline else None,
            ),
            target=capfirst(target_text(ind.target, unit, self.lang)),
            expected="" if ev.expected is None else format_value(ev.expected, unit, self.lang),
            latest=value_in_year(ev.latest_value, ev.latest_year),
            latest_note=ev.latest_note or "",
            attainment=_badge(self.lang, "attainment", ev.attainment),
            trend=_badge(self.lang, "trend", ev.trend),
            chart=self.chart(number, ind, year),
        )

    def chart(self, number: int, ind: Indicator, year: int) -> Chart | None:
        measured = {m.year: m.value for m in ind_eval.measurements(ind, year)}
        ends = [year, *([self.plan.period.end.year] if self.plan.period.end else [])]
        if isinstance(ind.target, TargetValue):
            ends.append(ind.target.year)
        starts = [*measured, *([ind.baseline.year] if ind.baseline else [])]
        first = min(starts, default=self.plan.period.start.year)
        last = min(max(ends), first + MAX_CHART_YEARS - 1)
        points = []
        for y in range(first, last + 1):
            expected = ind_eval.expected_value(ind, y) if ind.target is not None else None
            value = measured.get(y)
            points.append(
                ChartPoint(
                    year=y,
                    measured=value,
                    expected=expected,
                    measured_text="" if value is None else format_value(value, ind.unit, self.lang),
                    expected_text=""
                    if expected is None
                    else format_value(expected, ind.unit, self.lang),
                    baseline=ind.baseline is not None and ind.baseline.year == y,
                )
            )
        points = [p for p in points if p.measured is not None or p.expected is not None]
        if not points:
            return None
        return Chart(
            id=f"diagram-{number}",
            title=self.t("chart_caption", name=ind.name),
            desc=self.chart_desc(ind, measured),
            unit=ind.unit,
            lang=self.lang,
            points=points,
            baseline_year=ind.baseline.year if ind.baseline else None,
            baseline_value=ind.baseline.value if ind.baseline else None,
        )

    def chart_desc(self, ind: Indicator, measured: Mapping[int, float]) -> str:
        parts = []
        if ind.baseline is not None:
            parts.append(
                self.t(
                    "chart_desc_baseline",
                    value=format_value(ind.baseline.value, ind.unit, self.lang),
                    year=ind.baseline.year,
                )
            )
        if ind.target is not None:
            parts.append(
                self.t("chart_desc_target", target=target_text(ind.target, ind.unit, self.lang))
            )
        if measured:
            last = max(measured)
            parts.append(
                self.t(
                    "chart_desc_latest",
                    value=format_value(measured[last], ind.unit, self.lang),
                    year=last,
                )
            )
        else:
            parts.append(self.t("chart_desc_none"))
        return " ".join(parts)

    # parties and bodies

    def parties(self) -> list[PartyRow]:
        return [
            PartyRow(
                key=key,
                name=party.name,
                type=capfirst(word(self.lang, "party_type", party.type)),
                part_of=self.name_of(party.part_of) if party.part_of else "",
            )
            for key, party in self.plan.parties.items()
        ]

    def bodies(self) -> list[BodyRow]:
        rows = []
        for body in self.plan.bodies:
            members = [MemberRow(m.name or "", m.role, self.name_of(m.party)) for m in body.members]
            rows.append(
                BodyRow(
                    id=body.id,
                    name=body.name,
                    type=capfirst(word(self.lang, "body_type", body.type)),
                    convener=self.name_of(body.convener) if body.convener else "",
                    meets=capfirst(repeat_text(body.meets, self.lang)) if body.meets else "",
                    reports_to=join_words(body.reports_to, self.lang),
                    members=members,
                    paused=body.status == "paused",
                )
            )
        return rows


# --- module helpers ------------------------------------------------------------

_BULLET = re.compile(r"[-–•*][ \t]+")
_NUMBER = re.compile(r"(\d{1,3})[.)][ \t]+")


def text_blocks(text: str) -> list[TextBlock]:
    """Plain text as paragraphs and lists, the way it is written in a `|` block.

    Blank lines separate blocks. A block whose lines all start with `- ` (or `•`,
    `–`, `*`) is a bulleted list, with `1. `, `2. ` ... a numbered one; an indented
    line continues the item above it. Any other block is a paragraph, its lines
    joined by spaces, so a text wrapped to fit the editor reads as one paragraph.
    """
    blocks = []
    chunk: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.strip():
            chunk.append(line.rstrip())
            continue
        if chunk:
            lines = textwrap.dedent("\n".join(chunk)).splitlines()
            block = _as_list(lines, _BULLET) or _as_list(lines, _NUMBER)
            blocks.append(block or TextBlock("paragraph", _joined(lines), []))
            chunk = []
    return blocks


def _as_list(lines: Sequence[str], marker: re.Pattern[str]) -> TextBlock | None:
    """The lines as a list when every one starts an item or continues one, else None."""
    items: list[list[str]] = []
    numbers: list[int] = []
    for line in lines:
        found = marker.match(line)
        if found:
            items.append([line[found.end() :]])
            numbers.extend(int(n) for n in found.groups())
        elif items and line[:1].isspace():
            items[-1].append(line)
        else:
            return None
    if marker is _BULLET:
        return TextBlock("bullets", "", [_joined(item) for item in items])
    # Numbers that skip or repeat would be renumbered by a list: keep them as written.
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return None
    return TextBlock("numbered", "", [_joined(item) for item in items], start=numbers[0])


def _joined(lines: Iterable[str]) -> str:
    return " ".join(line.strip() for line in lines)


_LIGHT_RANK = {"none": 0, "green": 1, "yellow": 2, "red": 3}


def _worst(lights: Iterable[str]) -> str:
    return max(lights, key=_LIGHT_RANK.__getitem__, default="none")


def _light(lang: Lang, code: str) -> Badge:
    return _badge(lang, "light", code)


def _badge(lang: Lang, vocabulary: str, code: str) -> Badge:
    return Badge(code, capfirst(word(lang, vocabulary, code)), SYMBOLS[code])


def _period_view(period: Period, lang: Lang) -> PeriodView:
    name = period_name(period, lang)
    return PeriodView(
        code=period.code,
        name=name,
        title=capfirst(name),
        dates=format_date_range(period.start, period.end, lang),
        start=format_date(period.start, lang),
        end=format_date(period.end, lang),
        start_iso=period.start.isoformat(),
        end_iso=period.end.isoformat(),
    )
