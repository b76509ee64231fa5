"""The report's view model: the plain data that report templates and charts read.

Templates only ever see these value types (documented in docs/report.md), never
pydantic models, so a kommun can write its own template against a small, stable
shape. `samplan.report` builds them from a plan; `samplan.status` holds the
follow-up rules (lights, counts) they show.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Literal

import msgspec

from samplan.i18n import SYMBOLS, TEXTS, Lang, capfirst, word


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


class Badge(msgspec.Struct, frozen=True):
    """A status, assessment or trend: a code for styling, a word and a symbol."""

    code: str  # planned ongoing done cancelled paused overdue | green yellow red none | ...
    text: str  # capitalised: "Pågår"
    symbol: str  # "◐": shown beside the text, never instead of it

    @property
    def label(self) -> str:
        """Symbol and text: `◐ Pågår`."""
        return f"{self.symbol} {self.text}"


def badge(lang: Lang, vocabulary: str, code: str) -> Badge:
    """The badge of a code of one of the i18n vocabularies (status, light, attainment …)."""
    return Badge(code, capfirst(word(lang, vocabulary, code)), SYMBOLS[code])


class PeriodView(msgspec.Struct, frozen=True):
    code: str  # 2026T3
    name: str  # tertial 3 2026
    title: str  # Tertial 3 2026
    dates: str  # 1 september–31 december 2026
    start: str  # 1 september 2026
    end: str  # 31 december 2026
    start_iso: str
    end_iso: str


class TextBlock(msgspec.Struct, frozen=True):
    """A paragraph or a list of a longer plan text (the plan's `description`)."""

    kind: Literal["paragraph", "bullets", "numbered"]
    text: str  # a paragraph, its lines joined; "" for a list
    items: list[str]  # the items of a list, without their markers; [] for a paragraph
    start: int = 1  # the number of the first item of a numbered list


class PlanInfo(msgspec.Struct, frozen=True):
    id: str
    title: str
    description: list[TextBlock]  # the plan's introduction; [] when it has none
    kind: str  # Samverkansöverenskommelse
    kind_code: str  # agreement action_plan annex citizen_promise
    municipality: str
    police_area: str  # "" when not given
    validity: str  # 1 januari 2026–31 december 2027
    decision: str  # Kommunfullmäktige 15 december 2025, KS 2025/318 ("" when not given)
    parent: str  # the parent plan's title when it was read with the plan, else its id; or ""
    parent_id: str
    file: str  # the plan file as the user named it


class VersionView(msgspec.Struct, frozen=True):
    commit: str
    date: str
    date_iso: str
    modified: bool
    text: str  # "version a1b2c3d från 20 november 2026"


class CountRow(msgspec.Struct, frozen=True):
    label: str
    count: int
    badge: Badge | None = None


class AreaLight(msgspec.Struct, frozen=True):
    anchor: str
    title: str
    light: Badge
    activities: int
    overdue: int


class Summary(msgspec.Struct, frozen=True):
    activities: int
    by_status: list[CountRow]  # one row per status, in STATUS_ORDER, zeros included
    figures: list[CountRow]  # overdue, missed occurrences, completed, held, stale
    overdue: int
    completed_in_period: int
    areas: list[AreaLight]
    light: Badge  # the plan's light: worst of its areas and follow-up, or ended


class ActivityRow(msgspec.Struct, frozen=True):
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
    progress: str  # "2 av 4" for one-off work counted in units (`count`); else ""


class LogRow(msgspec.Struct, frozen=True):
    date: str
    date_iso: str
    item: str  # activity or follow-up title
    status: Badge
    note: str
    by: str  # party name or ""


class AreaView(msgspec.Struct, frozen=True):
    anchor: str
    id: str
    title: str
    light: Badge
    activities: list[ActivityRow]
    log: list[LogRow]


class DeadlineRow(msgspec.Struct, frozen=True):
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
    progress: str  # units done of those required by the (last) deadline: "2 av 4"; or ""


class FollowUpRow(msgspec.Struct, frozen=True):
    id: str
    title: str
    by: str
    rhythm: str
    report_to: str
    held: list[str]  # dates of `done` entries in the period
    missed: list[str]  # "31 augusti 2026 (83 dagar sedan)"
    next_due: str  # "" when nothing is due until the end of the next period


class FollowUpView(msgspec.Struct, frozen=True):
    items: list[FollowUpRow]
    log: list[LogRow]  # held follow-ups in the period, with their notes


class ChartPoint(msgspec.Struct, frozen=True):
    year: int
    measured: float | None
    expected: float | None
    measured_text: str  # "" when not measured
    expected_text: str  # "" when the target says nothing of the year
    baseline: bool  # this is the baseline year


class Chart(msgspec.Struct, frozen=True):
    """What the SVG chart and the table beside it show, year by year."""

    id: str  # unique in the report, safe for HTML ids
    title: str
    desc: str  # the chart in one or two sentences for screen readers
    unit: str | None  # count percent yes_no rate
    lang: Lang
    points: list[ChartPoint]
    baseline_year: int | None
    baseline_value: float | None


class IndicatorView(msgspec.Struct, frozen=True):
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


class PartyRow(msgspec.Struct, frozen=True):
    key: str
    name: str
    type: str
    part_of: str


class SignatoryRow(msgspec.Struct, frozen=True):
    name: str
    role: str
    party: str
    date: str


class MemberRow(msgspec.Struct, frozen=True):
    name: str  # "" when the plan gives only the role
    role: str
    party: str


class BodyRow(msgspec.Struct, frozen=True):
    id: str
    name: str
    type: str
    convener: str
    meets: str
    reports_to: str
    members: list[MemberRow]
    paused: bool


class ReportView(msgspec.Struct, frozen=True):
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
    situation: SituationView | None  # the plan's lägesbild, or its parent's
    goals: GoalsView
    chain: list[ChainRow]  # from problem to measure; [] without problems and causes
    production: list[ProductionRow]
    process: list[ProcessRow]
    coordination: CoordinationView | None
    law: list[LawRequirement] | None  # None: the plan is not under the law
    parties: list[PartyRow]
    signatories: list[SignatoryRow]
    bodies: list[BodyRow]


class IndexEntry(msgspec.Struct, frozen=True):
    href: str
    title: str
    municipality: str
    kind: str
    activities: int
    overdue: int
    light: Badge  # the plan's light (Summary.light)
    parent: str  # the title of the plan it belongs to, when that is in the index; else ""


class IndexView(msgspec.Struct, frozen=True):
    """What the index page template gets (as `index`)."""

    lang: Lang
    t: Labels
    title: str
    period: PeriodView
    as_of: str
    entries: list[IndexEntry]  # family by family: each plan, then the plans that belong to it
    families: list[list[IndexEntry]]  # the same entries, one list per family


# --- the law's chain: lägesbild, goals, problem → cause → measure, coordination -------


class SituationPart(msgspec.Struct, frozen=True):
    """One of the three parts of a lägesbild the law names (4 §)."""

    title: str  # Kartläggning av brottsligheten
    text: list[TextBlock]  # [] when the plan leaves the part out: the report says so


class SourceRow(msgspec.Struct, frozen=True):
    name: str
    provider: str
    year: str


class SituationView(msgspec.Struct, frozen=True):
    date: str  # "" when not given
    date_iso: str
    summary: list[TextBlock]
    covers: str  # what it covers ("Hela kommunen" when not given)
    parts: list[SituationPart]  # kartläggning, annan relevant information, analys
    sources: list[SourceRow]
    document: str  # where the full lägesbild is: title, reference, date ("" when not given)
    inherited_from: str  # the parent plan's title when the lägesbild is the parent's, else ""


class IndicatorBrief(msgspec.Struct, frozen=True):
    """An indicator as the goals and the chain show it: its latest value and verdicts."""

    anchor: str  # "" when the indicator is not in this report's indicator section
    name: str
    latest: str  # "27 % (2026)", "" when not measured
    attainment: Badge
    trend: Badge


class GoalView(msgspec.Struct, frozen=True):
    id: str
    text: str
    level: str  # "Långsiktigt mål", "" when not given
    area: str  # the area's title; "" for an overall goal
    indicators: list[IndicatorBrief]  # [] is a gap: the goal cannot be followed up


class GoalsView(msgspec.Struct, frozen=True):
    overall: list[GoalView]
    by_area: list[GoalView]
    inherited_from: str  # the parent plan's title when the goals shown are the parent's


class MeasureView(msgspec.Struct, frozen=True):
    """An activity that addresses a cause."""

    title: str
    plan: str  # the plan it belongs to, when another plan of the family; else ""
    status: Badge
    progress: str  # "1 av 4" for work counted in units; "" otherwise


class ChainRow(msgspec.Struct, frozen=True):
    """One problem and one of its causes, with the measures against that cause."""

    problem: str  # "" is a gap: a cause that names no problem
    priority: str  # "1", "" when not given
    cause: str  # "" is a gap: no cause points to the problem
    measures: list[MeasureView]  # [] is a gap: no measure addresses the cause
    indicators: list[IndicatorBrief]  # the problem's; [] is a gap


class CoordinationView(msgspec.Struct, frozen=True):
    by: str  # party or body name, "" when not given
    role: str
    contact: str
    inherited_from: str


class LawRequirement(msgspec.Struct, frozen=True):
    """One requirement of Lag (2023:196) or Brå's method, met or not on the as-of date."""

    code: str  # the check's problem code (Lnnn)
    text: str  # the requirement in plain words
    met: bool
    status: Badge  # uppfyllt / inte uppfyllt
    detail: str  # what is missing, when not met ("" when met)
    basis: str  # "4 § lagen (2023:196)", "Brå steg 5"


class ProductionRow(msgspec.Struct, frozen=True):
    """Work done in the period (Brå: produktion)."""

    title: str
    area: str
    done: str  # "3 tillfällen", "Genomförd", "2 av 4"
    dates: str  # the dates of the work in the period, "(avser 2026)" after a late entry


class ProcessRow(msgspec.Struct, frozen=True):
    """A note or an assessment written in the period (Brå: process)."""

    date: str
    date_iso: str
    item: str
    status: Badge
    assessment: Badge | None
    note: str
    by: str
    reports_on: str  # "avser tertial 3 2026" for an entry written for an earlier period


# --- the page for residents (`--audience public`) ---------------------------------------


class PromiseView(msgspec.Struct, frozen=True):
    """A promise to residents, as they read it: no internal columns."""

    title: str
    description: str
    who: str  # the responsible parties, lead first
    status: Badge  # "Försenad" when a deadline passed
    done: str  # what was done in the period: "3 gånger", "Klart", "2 av 4"; "" when nothing
    done_notes: list[str]  # "22 september 2026: Trygghetsvandring i Norrbacka ..."
    next: str  # the next deadline, "" when none is coming


class PublicView(msgspec.Struct, frozen=True):
    """What the residents' page template gets (as `page`)."""

    lang: Lang
    t: Labels
    plan: PlanInfo
    period: PeriodView
    as_of: str
    as_of_iso: str
    promises: list[PromiseView]
    worked_on: int  # promises with work done in the period
    coming: list[PromiseView]  # promises with a deadline up to the end of the next period
    next_until: str
    contact: CoordinationView | None
    ended: str = ""  # the plan's last day when it has ended by the as-of date, else ""
