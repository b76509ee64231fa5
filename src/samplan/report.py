"""Building the follow-up report: a plan in, the view model (`samplan.report_view`) out.

`build_report` reads a validated plan once, asks `samplan.status` how it is going
(lights, counts, missed deadlines), `samplan.schedule` what is due and
`samplan.indicators` what is attained, and words everything with `samplan.i18n`.

Everything is a function of (plan, period, as-of date, language, file label,
version): no clock, no environment, stable orders, so the same input gives
byte-identical reports.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence

import msgspec

from samplan import query, schedule, status
from samplan import report_chain as chain
from samplan.i18n import (
    TEXTS,
    Lang,
    capfirst,
    days_ago,
    format_date,
    format_date_range,
    join_words,
    period_name,
    repeat_text,
    word,
)
from samplan.i18n import language as pick_language
from samplan.model import Activity, Area, LogEntry, Plan
from samplan.periods import Period, next_period, parse_period
from samplan.report_chain import Family
from samplan.report_indicators import indicator_view
from samplan.report_view import (
    ActivityRow,
    AreaLight,
    AreaView,
    Badge,
    BodyRow,
    CountRow,
    DeadlineRow,
    FollowUpRow,
    FollowUpView,
    IndexEntry,
    IndexView,
    IndicatorBrief,
    Labels,
    LogRow,
    MeasureView,
    MemberRow,
    PartyRow,
    PeriodView,
    PlanInfo,
    ProcessRow,
    ProductionRow,
    ReportView,
    SignatoryRow,
    Summary,
    TextBlock,
    VersionView,
    badge,
)

# Under an agreement in the index: its action plans, annexes, then citizen promises.
_KIND_ORDER = ("agreement", "action_plan", "annex", "citizen_promise")


# --- input from outside the plan ----------------------------------------------


class PlanVersion(msgspec.Struct, frozen=True):
    """Where the plan file stands in version control (the CLI asks git)."""

    commit: str  # short hash
    date: dt.date  # commit date
    modified: bool = False  # the file has changes that are not committed


# --- building it ----------------------------------------------------------------


def build_report(
    plan: Plan,
    period: Period,
    as_of: dt.date,
    *,
    lang: str | None = None,
    file: str = "",
    version: PlanVersion | None = None,
    family: Family | None = None,
) -> ReportView:
    """The report of `plan` for `period` as it stands on `as_of`.

    `lang` overrides the plan's `language`; `file` is how the plan file is named
    in the report; `version` comes from version control (None: not known);
    `family` holds the parent the plan inherits from and the plans whose
    activities count as measures in its chain (see `report_chain.Family`).
    """
    chosen = pick_language(lang or plan.language)
    return ReportBuilder(plan, period, as_of, chosen, file, family or Family()).build(version)


def build_index(
    reports: Sequence[tuple[str, ReportView]], period: Period, as_of: dt.date, lang: str | None
) -> IndexView:
    """The index page over already-built reports: `(href, report)` pairs.

    Plans are shown by family, in the given order of their heads: an agreement,
    then the action plans, annexes and citizen promises that name it as `parent`.
    """
    chosen = pick_language(lang)
    titles = {report.plan.id: report.plan.title for _, report in reports}

    def entry(href: str, report: ReportView) -> IndexEntry:
        return IndexEntry(
            href=href,
            title=report.plan.title,
            municipality=report.plan.municipality,
            kind=capfirst(word(chosen, "kind", report.plan.kind_code)),
            activities=report.summary.activities,
            overdue=report.summary.overdue,
            light=_light(chosen, report.summary.light.code),
            parent=titles.get(report.plan.parent_id, ""),
        )

    children: dict[str, list[tuple[str, ReportView]]] = {}
    for href, report in reports:
        if report.plan.parent_id in titles:
            children.setdefault(report.plan.parent_id, []).append((href, report))
    placed: set[str] = set()

    def family(href: str, report: ReportView) -> list[IndexEntry]:
        placed.add(report.plan.id)
        found = [entry(href, report)]
        below = sorted(
            children.get(report.plan.id, []), key=lambda c: _KIND_ORDER.index(c[1].plan.kind_code)
        )
        for child in below:
            if child[1].plan.id not in placed:  # a loop of parents is shown once
                found.extend(family(*child))
        return found

    families = [family(h, r) for h, r in reports if r.plan.parent_id not in titles]
    families += [family(h, r) for h, r in reports if r.plan.id not in placed]
    return IndexView(
        lang=chosen,
        t=Labels(chosen),
        title=capfirst(TEXTS[chosen]["index_title"].format(period=period_name(period, chosen))),
        period=period_view(period, chosen),
        as_of=format_date(as_of, chosen),
        entries=[e for family in families for e in family],
        families=families,
    )


class ReportBuilder:
    """One report's worth of shared lookups (party names, the plan's status, the log window)."""

    def __init__(
        self, plan: Plan, period: Period, as_of: dt.date, lang: Lang, file: str, family: Family
    ) -> None:
        self.plan = plan
        self.family = family
        self.period = period
        self.as_of = as_of
        self.lang = lang
        self.file = file
        self.next = next_period(period)
        # Its timeline reaches the next period's end, which comes after this one's.
        self.status = status.plan_status(
            plan, period.start, period.end, as_of, file, reach=self.next.end
        )
        self.others: dict[str, status.PlanStatus] = {}  # of the family's other plans
        self.briefs: dict[str, IndicatorBrief] = {}
        self.area_titles = {a.id: a.title for a in plan.areas}
        # Unmet deadlines up to the end of the next period (none once that has passed).
        self.upcoming = query.pending(self.status.timeline, as_of, self.next.end)

    # -- small helpers --

    def date(self, day: dt.date) -> str:
        return format_date(day, self.lang)

    def name_of(self, key: str) -> str:
        """A party key or body id as a name; a child plan may use its parent's."""
        parent = self.family.parent
        if parent is not None and query.name_of(self.plan, key) == key:
            return query.name_of(parent, key)
        return query.name_of(self.plan, key)

    def names(self, keys: Sequence[str]) -> str:
        return ", ".join(self.name_of(k) for k in keys)

    def status_badge(self, status: str) -> Badge:
        return badge(self.lang, "status", status)

    # -- the report --

    def build(self, version: PlanVersion | None) -> ReportView:
        rows = {act.id: self.activity_row(act) for _, act in self.plan.all_activities()}
        areas = [self.area_view(n, area, rows) for n, area in enumerate(self.plan.areas, 1)]
        year = self.period.end.year
        indicators = [
            indicator_view(n, ind, year, self.plan, self.lang)
            for n, ind in enumerate(self.plan.all_indicators(), 1)
        ]
        self.briefs = {
            ind.id: IndicatorBrief(ind.anchor, ind.name, ind.latest, ind.attainment, ind.trend)
            for ind in indicators
        }
        return ReportView(
            lang=self.lang,
            t=Labels(self.lang),
            plan=self.plan_info(),
            period=period_view(self.period, self.lang),
            next_period=period_view(self.next, self.lang),
            as_of=self.date(self.as_of),
            as_of_iso=self.as_of.isoformat(),
            version=self.version_view(version),
            indicator_year=self.period.end.year,
            summary=self.summary(areas),
            areas=areas,
            overdue=self.overdue_rows(),
            upcoming=self.upcoming_rows(),
            upcoming_until=self.date(self.next.end),
            follow_up=self.follow_up(),
            indicators=indicators,
            situation=chain.situation_view(self.plan, self.family, self.lang, text_blocks),
            goals=chain.goals_view(self.plan, self.family, self.lang, self.brief),
            chain=chain.chain_rows(self.plan, self.family, self.brief, self.measure),
            production=self.production(),
            process=self.process(),
            coordination=chain.coordination_view(self.plan, self.family, self.name_of),
            law=chain.law_view(self.family, self.lang),
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
            kind_code=plan.kind,
            municipality=plan.municipality,
            police_area=plan.police_area or "",
            validity=validity,
            decision=decision,
            parent=self.family.parent.title if self.family.parent else plan.parent or "",
            parent_id=plan.parent or "",
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
        state = self.status.activities[act.id]
        base, overdue = state.status, state.overdue
        noted = schedule.latest_entry(act.log, self.as_of, "note")
        return ActivityRow(
            id=act.id,
            title=act.title,
            responsible=self.names(act.responsible),
            when=self.when_text(act),
            status=self.status_badge("overdue") if overdue else self.status_badge(base),
            base_status=self.status_badge(base),
            overdue=overdue,
            stale=state.stale,
            citizen_promise=act.citizen_promise,
            note=noted.note or "" if noted else "",
            note_date=self.date(noted.date) if noted else "",
            progress=self.progress(act),
        )

    def state(self, act: Activity, plan: Plan | None = None) -> status.ActivityState:
        """An activity of the plan, or of another plan of its family, on the as-of date."""
        if plan is None or plan is self.plan:
            return self.status.activities[act.id]
        if plan.id not in self.others:
            self.others[plan.id] = status.plan_status(
                plan, self.period.start, self.period.end, self.as_of
            )
        return self.others[plan.id].activities[act.id]

    def progress(self, act: Activity, plan: Plan | None = None) -> str:
        """Units done of those required ("2 av 4") for one-off work counted in units
        (the spec's quantities); "" for other work."""
        found = self.state(act, plan).progress
        return self.t("progress", done=found[0], required=found[1]) if found else ""

    def reports_on(self, entry: LogEntry) -> str:
        """The period an entry written later reports on (`for`): "(avser 2019)"; else ""."""
        if entry.for_ is None or schedule.effective_date(entry) == entry.date:
            return ""
        period = period_name(parse_period(entry.for_), self.lang)
        return "(" + self.t("reports_on", period=period) + ")"

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
            if self.status.in_period(entry)
        ]
        return AreaView(
            anchor=f"omrade-{number}",
            id=area.id,
            title=area.title,
            light=_light(self.lang, self.status.area_lights[area.id]),
            activities=activities,
            log=sorted(log, key=lambda r: r.date_iso),  # stable: plan order within a day
        )

    def log_row(self, entry: LogEntry, item: str) -> LogRow:
        return LogRow(
            date=self.date(entry.date),
            date_iso=entry.date.isoformat(),
            item=item,
            status=self.status_badge(entry.status),
            note=entry.note or "",
            by=self.name_of(entry.by) if entry.by else "",
        )

    def summary(self, areas: list[AreaView]) -> Summary:
        counts = self.status.by_status()
        words = TEXTS[self.lang]
        figures = [
            CountRow(words["activities_total"], len(self.status.activities)),
            CountRow(words["overdue_activities"], self.status.overdue_activities),
            CountRow(words["missed_occurrences"], self.status.missed_occurrences),
            CountRow(words["missed_follow_up"], self.status.missed_follow_up),
            CountRow(words["completed_in_period"], self.status.completed_in_period),
            CountRow(words["occurrences_in_period"], self.status.held_in_period),
            CountRow(words["stale"], self.status.stale),
        ]
        return Summary(
            activities=len(self.status.activities),
            by_status=[
                CountRow(self.status_badge(s).text, counts[s], self.status_badge(s))
                for s in status.STATUS_ORDER
            ],
            figures=figures,
            overdue=self.status.overdue_activities,
            completed_in_period=self.status.completed_in_period,
            light=_light(self.lang, self.status.light),
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

    # the chain, and Brå's production and process

    def brief(self, indicator_id: str) -> IndicatorBrief | None:
        """An indicator of the plan, or of the parent it inherits from; None when unknown."""
        if indicator_id in self.briefs:
            return self.briefs[indicator_id]
        parent = self.family.parent
        found = (
            next((i for i in parent.all_indicators() if i.id == indicator_id), None)
            if parent
            else None
        )
        if found is None:
            return None
        view = indicator_view(0, found, self.period.end.year, self.plan, self.lang)
        return IndicatorBrief("", view.name, view.latest, view.attainment, view.trend)

    def measure(self, member: Plan, act: Activity) -> MeasureView:
        """An activity of the plan or of another plan of its family, as a measure."""
        state = self.state(act, member)
        shown = "overdue" if state.overdue else state.status
        return MeasureView(
            title=act.title,
            plan=member.title if member is not self.plan else "",
            status=self.status_badge(shown),
            progress=self.progress(act, member),
        )

    def production(self) -> list[ProductionRow]:
        """What was done in the period: each activity and follow-up item with units of
        work in it (a `done` entry, or one with `count`), and how much."""
        items: list[tuple[str, str, Sequence[LogEntry], str]] = []
        for area, act in self.plan.all_activities():
            progress = self.progress(act)
            if not progress and not self.status.activities[act.id].recurring:
                progress = self.status_badge("done").text
            items.append((self.area_titles[area.id], act.title, act.log, progress))
        words = TEXTS[self.lang]
        items += [(words["plan_follow_up"], i.title, i.log, "") for i in self.plan.follow_up]
        rows = []
        for where, title, log, amount in items:
            done = [e for e in log if schedule.units(e) > 0 and self.status.in_period(e)]
            if not done:
                continue
            if not amount:  # recurring work: how many occurrences
                held = sum(schedule.units(e) for e in done)
                amount = self.t("occurrences", n=held) if held > 1 else words["one_occurrence"]
            dates = [" ".join(filter(None, (self.date(e.date), self.reports_on(e)))) for e in done]
            rows.append(ProductionRow(title, where, amount, join_words(dates, self.lang)))
        return rows

    def process(self) -> list[ProcessRow]:
        """Every log entry of the period, notes and assessments included, by date."""
        found = [
            (entry, act.title)
            for _, act in self.plan.all_activities()
            for entry in act.log
            if self.status.in_period(entry)
        ]
        found += [
            (entry, item.title)
            for item in self.plan.follow_up
            for entry in item.log
            if self.status.in_period(entry)
        ]
        found.sort(key=lambda pair: pair[0].date)  # stable: plan order within a day
        return [
            ProcessRow(
                date=self.date(entry.date),
                date_iso=entry.date.isoformat(),
                item=title,
                status=self.status_badge(entry.status),
                assessment=_light(self.lang, entry.assessment) if entry.assessment else None,
                note=entry.note or "",
                by=self.name_of(entry.by) if entry.by else "",
                reports_on=self.reports_on(entry),
            )
            for entry, title in found
        ]

    # deadlines

    def deadline_rows(self, found: Sequence[query.Deadline]) -> list[DeadlineRow]:
        """One row per item, in order of its first deadline: twelve missed monthly
        meetings are one row with their date range, not twelve rows."""
        return [self.deadline_row(group) for group in status.by_item(found)]

    def deadline_row(self, group: Sequence[query.Deadline]) -> DeadlineRow:
        first, last = group[0], group[-1]
        late = max(first.days_late, 0)
        if len(group) == 1:
            occurrence = (
                self.t("occurrence", n=first.occurrence, year=first.window_start.year)
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
            progress=self.t("progress", done=last.units_done, required=last.units_required)
            if last.units_required > 1
            else "",
        )

    def overdue_rows(self) -> list[DeadlineRow]:
        """Activities and the plan's own follow-up, as `samplan overdue` lists them:
        a yearly evaluation never held is as late as an activity."""
        return self.deadline_rows(self.status.overdue)

    def upcoming_rows(self) -> list[DeadlineRow]:
        return self.deadline_rows(self.upcoming)

    # the plan's own follow-up

    def follow_up(self) -> FollowUpView:
        in_period = query.within(self.status.timeline, self.period.start, self.period.end)
        items: list[FollowUpRow] = []
        log: list[LogRow] = []
        for item in self.plan.follow_up:
            held = [e for e in item.log if e.status == "done" and self.status.in_period(e)]
            missed = [
                d
                for d in in_period
                if d.item_kind == "follow_up" and d.item_id == item.id and d.days_late > 0
            ]
            following = status.next_due(self.status.next_deadlines, "follow_up", item.id)
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


def _light(lang: Lang, code: str) -> Badge:
    return badge(lang, "light", code)


def period_view(period: Period, lang: Lang) -> PeriodView:
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
