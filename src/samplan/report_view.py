"""The report's view model: the plain data that report templates and charts read.

Templates only ever see these dataclasses (documented in docs/report.md), never
pydantic models, so a kommun can write its own template against a small, stable
shape. `samplan.report` builds them from a plan; `samplan.status` holds the
follow-up rules (lights, counts) they show.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from samplan.i18n import TEXTS, Lang


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
    light: Badge  # the plan's light: worst of its areas and follow-up, or ended


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
    light: Badge  # the plan's light (Summary.light)


@dataclass(frozen=True)
class IndexView:
    """What the index page template gets (as `index`)."""

    lang: Lang
    t: Labels
    title: str
    period: PeriodView
    as_of: str
    entries: list[IndexEntry]
