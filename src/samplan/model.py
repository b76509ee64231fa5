"""The plan format (../shared/spec/plan-format.md) as pydantic models.

Every model forbids unknown keys, so a typo is reported instead of silently
ignored. Scalars arrive from the YAML loader as the raw text the user wrote
(see ``yamltree``), so text fields keep `no`, `2012` or `18:00` exactly as
typed, and typed fields (dates, numbers, booleans) are parsed here.

Field descriptions are short, Swedish first then English, and flow into the
JSON Schema that editors use for hover help.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from samplan.messages import N_, Msg

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
# Goal, indicator, cause, body ... ids are not constrained to slugs by the
# spec; accept what people write in documents ("1.2", "M1") but no spaces.
REF_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
# `fulfils: PARENT_PLAN_ID/ITEM_ID`: a plan id, a slash, a follow-up item id.
FULFILS_PATTERN = r"^[a-z0-9][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTHS_EN = [
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
]


def _parse_date(value: Any) -> Any:
    """Accept `2012-01-01` (quoted or not); explain impossible dates plainly."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date) or not isinstance(value, str):
        return value
    match = _ISO_DATE.match(value.strip())
    if not match:
        raise ValueError(
            Msg("`{value}` is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31", value=value)
        )
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(
            Msg("`{value}` is not a date: there is no month {month}", value=value, month=month)
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        last = _last_day(year, month)
        raise ValueError(
            Msg(
                "`{value}` is not a date: {month} {year} has {last} days",
                value=value,
                month=Msg(_MONTHS_EN[month - 1]),
                year=year,
                last=last,
            )
        ) from None


def _last_day(year: int, month: int) -> int:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def _parse_bool(value: Any) -> Any:
    """YAML 1.1 booleans arrive as text; also accept Swedish ja/nej."""
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in {"ja", "sant"}:
            return True
        if lowered in {"nej", "falskt"}:
            return False
    return value


def _parse_int_text(value: Any) -> Any:
    """Literal[1] is compared strictly; the loader hands over the text `1`."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value


# A log entry's `for`: the period it reports on, written like `--period`.
PERIOD_PATTERN = re.compile(r"^(\d{4})(?:([QTH])(\d))?$")
_PARTS_OF_YEAR = {"Q": 4, "T": 3, "H": 2}
# `grace`: a number of days, weeks or months.
GRACE_PATTERN = re.compile(r"^(\d{1,3})([dwm])$")


# The messages of the model's own error types (samplan.loader shows them).
PERIOD_FORM = N_(
    "`{value}` is not a period; write a year (2019), a half-year (2019H2), "
    "a tertial (2019T3) or a quarter (2019Q4)"
)
DURATION_FORM = N_("`{value}` is not a length of time; write days, weeks or months: 30d, 6w, 2m")
REPEAT_FORM = N_(
    "must be `continuous` or a mapping with exactly one of "
    "per_year, months, every_months, every_years, weekdays"
)
TARGET_FORM = N_(
    "must be a mapping with exactly one of value (with year), "
    "change_pct_per_year (with mode) or factor (with relative_to)"
)
PARTIES_NEEDED = N_("a plan without `parent` needs its own parties")
AREAS_NEEDED = N_("a plan of kind `{kind}` needs at least one priority area")
# Every message above: the loader finds the one an error was made from.
MESSAGES = (PERIOD_FORM, DURATION_FORM, REPEAT_FORM, TARGET_FORM, PARTIES_NEEDED, AREAS_NEEDED)


def _parse_period_code(value: Any) -> Any:
    """`2019`, `2019H2`, `2019T3`, `2019Q4` (any case) as the canonical code."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    match = PERIOD_PATTERN.match(value.strip().upper())
    if match is None or (match[2] and not 1 <= int(match[3]) <= _PARTS_OF_YEAR[match[2]]):
        raise PydanticCustomError("period_form", PERIOD_FORM, {"value": value})
    return match[0]


def _parse_grace(value: Any) -> Any:
    """`30d`, `6w`, `2m` (days, weeks, months)."""
    if not isinstance(value, str) or GRACE_PATTERN.match(value.strip().lower()) is None:
        raise PydanticCustomError("duration_form", DURATION_FORM, {"value": value})
    return value.strip().lower()


Date = Annotated[dt.date, BeforeValidator(_parse_date)]
PeriodCode = Annotated[
    str,
    BeforeValidator(_parse_period_code),
    Field(json_schema_extra={"pattern": r"^\d{4}([QqTtHh]\d)?$"}),
]
Grace = Annotated[
    str, BeforeValidator(_parse_grace), Field(json_schema_extra={"pattern": r"^\d{1,3}[dwmDWM]$"})
]
Bool = Annotated[bool, BeforeValidator(_parse_bool)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
RefId = Annotated[str, Field(pattern=REF_ID_PATTERN)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Month = Annotated[int, Field(ge=1, le=12)]
Text = Annotated[str, Field(min_length=1)]
Fulfils = Annotated[
    str,
    Field(
        pattern=FULFILS_PATTERN,
        description="Uppfyller förälderplanens uppföljningspunkt: PLAN-ID/PUNKT-ID"
        " / fulfils the parent plan's follow-up item",
    ),
]

PartyType = Literal[
    "municipality", "police", "municipal_unit", "authority", "organisation", "business", "other"
]
BodyType = Literal["council", "steering_group", "working_group", "network"]
Status = Literal["planned", "ongoing", "done", "cancelled", "paused"]
Assessment = Literal["green", "yellow", "red"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class Model(BaseModel):
    # `nan`/`inf` are floats to Python but never a measured value in a plan.
    # defer_build: nothing is built at import; `samplan.validator` keeps the built
    # validator between runs, and a model used on its own is built on first use.
    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, allow_inf_nan=False, defer_build=True
    )


# --- repeat -----------------------------------------------------------------


class _RepeatBase(Model):
    except_months: list[Month] = Field(
        default_factory=list,
        description="Månader utan tillfälle (t.ex. sommaruppehåll) / months without occurrences",
    )


class RepeatPerYear(_RepeatBase):
    per_year: Annotated[int, Field(ge=1, le=366)] = Field(
        description="Antal gånger per kalenderår / occurrences per calendar year"
    )


class RepeatMonths(_RepeatBase):
    months: Annotated[list[Month], Field(min_length=1)] = Field(
        description="Ett tillfälle i slutet av varje angiven månad / one by the end of each month"
    )


class RepeatEveryMonths(_RepeatBase):
    every_months: Annotated[int, Field(ge=1, le=120)] = Field(
        description="Var N:e månad från planens start / every N months from the plan start"
    )


class RepeatEveryYears(_RepeatBase):
    every_years: Annotated[int, Field(ge=1, le=50)] = Field(
        description="Vart N:e år / every N years"
    )
    from_: Year = Field(alias="from", description="Första året / first year")


class RepeatWeekdays(_RepeatBase):
    weekdays: Annotated[list[Weekday], Field(min_length=1)] = Field(
        description="Veckodagar med närvaro, behandlas som löpande / weekly presence, continuous"
    )


RepeatRule: TypeAlias = (
    RepeatPerYear | RepeatMonths | RepeatEveryMonths | RepeatEveryYears | RepeatWeekdays
)
REPEAT_FORMS: dict[str, type[Model]] = {
    "per_year": RepeatPerYear,
    "months": RepeatMonths,
    "every_months": RepeatEveryMonths,
    "every_years": RepeatEveryYears,
    "weekdays": RepeatWeekdays,
}


class _OneOfTag:
    """Picks the union member of a mapping by which distinguishing key it has.

    A class, not a closure, so the validator can be pickled (`samplan.validator`)."""

    __name__ = "one_of_tag"  # pydantic names the discriminator after it

    def __init__(self, forms: dict[str, type[Model]], fallback: str | None = None) -> None:
        self.forms = forms
        self.fallback = fallback

    def __call__(self, value: Any) -> str | None:
        if isinstance(value, BaseModel):
            return next(k for k, cls in self.forms.items() if isinstance(value, cls))
        if isinstance(value, str):
            return self.fallback
        if isinstance(value, dict):
            present = [k for k in self.forms if k in value]
            return present[0] if len(present) == 1 else None
        return None


Repeat: TypeAlias = Annotated[
    Annotated[RepeatPerYear, Tag("per_year")]
    | Annotated[RepeatMonths, Tag("months")]
    | Annotated[RepeatEveryMonths, Tag("every_months")]
    | Annotated[RepeatEveryYears, Tag("every_years")]
    | Annotated[RepeatWeekdays, Tag("weekdays")]
    | Annotated[Literal["continuous"], Tag("continuous")],
    Discriminator(
        _OneOfTag(REPEAT_FORMS, fallback="continuous"),
        custom_error_type="repeat_form",
        custom_error_message=REPEAT_FORM,
    ),
]


# --- parties, people, bodies ------------------------------------------------


class Party(Model):
    name: Text = Field(description="Partens namn / name of the party")
    type: PartyType = Field(description="Typ av part / kind of party")
    part_of: Slug | None = Field(
        default=None, description="Del av (partnyckel) / unit of (party key)"
    )


class Signatory(Model):
    name: Text = Field(description="Namn / name")
    role: Text | None = Field(default=None, description="Roll / role")
    party: Slug | None = Field(default=None, description="Part (partnyckel) / party key")
    date: Date | None = Field(default=None, description="Datum för underskrift / date signed")


class Member(Model):
    name: Text | None = Field(default=None, description="Namn / name")
    role: Text = Field(description="Roll / role")
    party: Slug = Field(description="Part (partnyckel) / party key")


class Body(Model):
    id: RefId = Field(description="Id")
    name: Text = Field(description="Namn, t.ex. Brå eller styrgrupp / name")
    type: BodyType = Field(description="Typ: råd, styrgrupp, arbetsgrupp, nätverk / kind")
    convener: Slug | None = Field(default=None, description="Sammankallande part / convening party")
    members: list[Member] = Field(default_factory=list, description="Ledamöter / members")
    meets: Repeat | None = Field(default=None, description="Mötesrytm / meeting rhythm")
    reports_to: list[Text] = Field(
        default_factory=list, description="Rapporterar till / reports to"
    )
    status: Literal["active", "paused"] = Field(
        default="active", description="Aktiv eller vilande / active or paused"
    )


class LogEntry(Model):
    date: Date = Field(description="Datum / date")
    status: Status = Field(description="Status")
    note: Text | None = Field(default=None, description="Kommentar / note")
    by: RefId | None = Field(
        default=None, description="Rapporterad av (part eller organ) / reported by (party or body)"
    )
    assessment: Assessment | None = Field(
        default=None, description="Bedömning grön/gul/röd / traffic-light assessment"
    )
    count: Annotated[int, Field(ge=0)] | None = Field(
        default=None,
        description="Antal genomförda enheter (done utan count = 1) / units this entry reports",
    )
    for_: PeriodCode | None = Field(
        default=None,
        alias="for",
        description="Perioden posten redovisar, t.ex. 2019 eller 2019T3 / period reported on",
    )


class FollowUpItem(Model):
    id: RefId = Field(description="Id")
    title: Text = Field(description="Vad som följs upp / what is followed up")
    schedule: Repeat | None = Field(default=None, description="Uppföljningsrytm / rhythm")
    when: Text | None = Field(
        default=None, description="När, som i dokumentet: `Årligen i mars` / timing as written"
    )
    by: RefId | Annotated[list[RefId], Field(min_length=1)] | None = Field(
        default=None, description="Organ eller parter / body ids or party keys"
    )
    grace: Grace | None = Field(
        default=None, description="Anstånd efter varje deadline: 30d, 6w, 2m / grace period"
    )
    report_to: list[Text] = Field(default_factory=list, description="Redovisas för / reported to")
    fulfils: Fulfils | None = None
    log: list[LogEntry] = Field(default_factory=list, description="Genomförda tillfällen / log")

    @property
    def by_keys(self) -> tuple[str, ...]:
        """`by` as a tuple of keys, whether one key or a list was written."""
        if self.by is None:
            return ()
        return (self.by,) if isinstance(self.by, str) else tuple(self.by)


# --- situation ---------------------------------------------------------------


class Source(Model):
    name: Text = Field(description="Källa / source")
    provider: Text | None = Field(default=None, description="Utgivare / provider")
    year: Year | None = Field(default=None, description="År / year")


class SituationProblem(Model):
    id: RefId = Field(description="Id")
    text: Text = Field(description="Problemet / the problem")
    indicators: list[RefId] = Field(
        default_factory=list,
        description="Indikatorer som följer problemet (id) / indicators that follow it",
    )
    priority: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="Prioritet, 1 = högst / priority, 1 = highest"
    )


class Cause(Model):
    id: RefId = Field(description="Id")
    text: Text = Field(description="Orsaken / the cause")
    problems: list[RefId] = Field(
        default_factory=list, description="Problem som orsaken ligger bakom (id) / problem ids"
    )


class SituationDocument(Model):
    title: Text | None = Field(default=None, description="Dokumentets titel / title")
    reference: Text | None = Field(
        default=None, description="Diarienummer eller adress / reference or address"
    )
    date: Date | None = Field(default=None, description="Dokumentets datum / date")


class Situation(Model):
    date: Date | None = Field(default=None, description="Lägesbildens datum / date")
    summary: Text | None = Field(default=None, description="Sammanfattning / summary")
    covers: Text | None = Field(
        default=None,
        description="Vad lägesbilden omfattar; tom = hela kommunen / what it covers",
    )
    mapping: Text | None = Field(
        default=None,
        description="Kartläggning av brottsligheten, omfattning och konsekvenser (4 § 1)"
        " / mapping of crime, its extent and consequences",
    )
    other_information: Text | None = Field(
        default=None, description="Annan relevant information (4 § 2) / other information"
    )
    analysis: Text | None = Field(default=None, description="Analys (4 § 3) / analysis")
    document: SituationDocument | None = Field(
        default=None,
        description="Var hela lägesbilden finns / where the full lägesbild is",
    )
    sources: list[Source] = Field(default_factory=list, description="Källor / sources")
    problems: list[SituationProblem] = Field(default_factory=list, description="Problem / problems")
    causes: list[Cause] = Field(default_factory=list, description="Orsaker / causes")


class Coordination(Model):
    by: RefId | None = Field(
        default=None,
        description="Samordnande part eller organ (partnyckel eller id) / party key or body id",
    )
    role: Text | None = Field(
        default=None, description="Samordningsfunktionen, t.ex. brottsförebyggande samordnare"
    )
    contact: Text | None = Field(
        default=None,
        description="Funktionsadress eller telefon, inget personnummer / functional contact",
    )


# --- goals and indicators ----------------------------------------------------


class Baseline(Model):
    year: Year = Field(description="Basår / baseline year")
    value: float = Field(description="Utgångsvärde / baseline value")


class TargetValue(Model):
    value: float = Field(description="Målvärde / target value")
    year: Year = Field(description="Målår / target year")


class TargetChange(Model):
    change_pct_per_year: float = Field(
        description="Förändring i procent per år mot utgångsvärdet, negativ = minskning"
        " / % change per year vs baseline"
    )
    mode: Literal["compound", "linear"] = Field(
        default="compound", description="Ränta-på-ränta eller linjärt / compound or linear"
    )


class TargetFactor(Model):
    factor: Annotated[float, Field(gt=0)] = Field(description="Faktor / factor")
    relative_to: Literal["baseline", "previous_year"] = Field(
        default="baseline", description="Jämfört med / relative to"
    )


TARGET_FORMS: dict[str, type[Model]] = {
    "value": TargetValue,
    "change_pct_per_year": TargetChange,
    "factor": TargetFactor,
}
Target: TypeAlias = Annotated[
    Annotated[TargetValue, Tag("value")]
    | Annotated[TargetChange, Tag("change_pct_per_year")]
    | Annotated[TargetFactor, Tag("factor")],
    Discriminator(
        _OneOfTag(TARGET_FORMS),
        custom_error_type="target_form",
        custom_error_message=TARGET_FORM,
    ),
]


class Measurement(Model):
    year: Year = Field(description="År / year")
    value: float = Field(description="Uppmätt värde / measured value")
    note: Text | None = Field(default=None, description="Kommentar / note")


class Indicator(Model):
    id: RefId = Field(description="Id")
    name: Text = Field(description="Indikatorns namn / name")
    source: Text | None = Field(default=None, description="Källa, t.ex. NTU / source")
    unit: Literal["count", "percent", "yes_no", "rate"] | None = Field(
        default=None, description="Enhet / unit"
    )
    direction: Literal["decrease", "increase"] | None = Field(
        default=None, description="Vilket håll är bättre / which way is better"
    )
    baseline: Baseline | None = Field(default=None, description="Utgångsläge / baseline")
    target: Target | None = Field(default=None, description="Målnivå / target")
    values: list[Measurement] = Field(default_factory=list, description="Mätvärden / values")

    @model_validator(mode="after")
    def _relative_target_needs_baseline(self) -> Indicator:
        relative = isinstance(self.target, TargetChange) or (
            isinstance(self.target, TargetFactor) and self.target.relative_to == "baseline"
        )
        if relative and self.baseline is None:
            raise ValueError(
                Msg(
                    "a target relative to the baseline needs a "
                    "`baseline: {{year: ..., value: ...}}`"
                )
            )
        return self


class Goal(Model):
    id: RefId = Field(description="Id")
    text: Text = Field(description="Målet / the goal")
    level: Literal["long_term", "short_term"] | None = Field(
        default=None, description="Långsiktigt eller kortsiktigt / long or short term"
    )
    indicators: list[RefId] = Field(
        default_factory=list, description="Indikatorer (id) / indicator ids"
    )


# --- activities and areas ----------------------------------------------------


class Activity(Model):
    id: Slug = Field(description="Id, unikt i planen / unique within the plan")
    title: Text = Field(description="Vad ska göras / what is to be done")
    description: Text | None = Field(default=None, description="Beskrivning / description")
    goals: list[RefId] = Field(default_factory=list, description="Mål (id) / goal ids")
    causes: list[RefId] = Field(default_factory=list, description="Orsaker (id) / cause ids")
    responsible: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="Ansvarig part, den första leder / responsible parties, first leads"
    )
    partners: list[Slug] = Field(default_factory=list, description="Samverkanspartner / partners")
    when: Text | None = Field(
        default=None, description="När, som i dokumentet: `Under hösten 2012` / timing as written"
    )
    start: Date | None = Field(default=None, description="Startdatum / start date")
    due: Date | None = Field(
        default=None, description="Slutdatum, går före `when` / deadline, wins over `when`"
    )
    repeat: Repeat | None = Field(default=None, description="Återkommande / recurrence")
    count: Annotated[int, Field(ge=1)] | None = Field(
        default=None,
        description="Antal enheter per tillfälle, t.ex. minst fyra vandringar / units required",
    )
    grace: Grace | None = Field(
        default=None, description="Anstånd efter varje deadline: 30d, 6w, 2m / grace period"
    )
    method: Text | None = Field(default=None, description="Tillvägagångssätt / method")
    follow_up: list[Text] = Field(default_factory=list, description="Uppföljning / follow-up")
    citizen_promise: Bool = Field(
        default=False, description="Del av medborgarlöfte / part of a citizen promise"
    )
    fulfils: Fulfils | None = None
    log: list[LogEntry] = Field(default_factory=list, description="Statushistorik / status log")


class Area(Model):
    id: RefId = Field(description="Id")
    title: Text = Field(description="Prioriterat område / priority area")
    background: Text | None = Field(default=None, description="Bakgrund / background")
    target_group: Text | None = Field(default=None, description="Målgrupp / target group")
    places: list[Text] = Field(default_factory=list, description="Platser / places")
    goals: list[Goal] = Field(default_factory=list, description="Mål / goals")
    indicators: list[Indicator] = Field(
        default_factory=list, description="Områdets indikatorer / indicators of the area"
    )
    activities: list[Activity] = Field(description="Aktiviteter / activities")


# --- the plan ----------------------------------------------------------------


class Period(Model):
    start: Date = Field(description="Gäller från / valid from")
    end: Date | None = Field(default=None, description="Gäller till; tom = tills vidare / until")


class Decision(Model):
    body: Text | None = Field(default=None, description="Beslutande organ / deciding body")
    date: Date | None = Field(default=None, description="Beslutsdatum / date")
    reference: Text | None = Field(default=None, description="Diarienummer, § / reference")


# Kinds that hold the work itself; an agreement or annex may hold only goals.
AREAS_REQUIRED = ("action_plan", "citizen_promise")


class Plan(Model):
    model_config = ConfigDict(
        title="samplan plan",
        json_schema_extra={
            "description": "En samverkansöverenskommelse eller handlingsplan för brottsförebyggande"
            " arbete / a crime-prevention cooperation agreement or action plan (samplan format 1)",
            # What the field validators below require, for editors.
            "allOf": [
                {
                    "if": {
                        "required": ["kind"],
                        "properties": {"kind": {"enum": list(AREAS_REQUIRED)}},
                    },
                    "then": {"required": ["areas"], "properties": {"areas": {"minItems": 1}}},
                },
                {
                    "if": {"not": {"required": ["parent"]}},
                    "then": {
                        "required": ["parties"],
                        "properties": {"parties": {"minProperties": 1}},
                    },
                },
            ],
        },
    )

    samplan: Annotated[Literal[1], BeforeValidator(_parse_int_text)] = Field(
        description="Formatversion / format version"
    )
    id: Slug = Field(description="Planens id, unikt bland alla planer / plan id")
    kind: Literal["agreement", "action_plan", "annex", "citizen_promise"] = Field(
        default="agreement", description="Överenskommelse, handlingsplan, bilaga, medborgarlöfte"
    )
    title: Text = Field(description="Titel / title")
    description: Text | None = Field(
        default=None, description="Inledning och syfte / introduction and purpose"
    )
    language: Literal["sv", "en"] = Field(default="sv", description="Språk / language")
    municipality: Text = Field(description="Kommun / municipality")
    police_area: Text | None = Field(default=None, description="Lokalpolisområde / police area")
    parent: Slug | None = Field(
        default=None, description="Överenskommelsen planen hör till (plan-id) / parent plan id"
    )
    period: Period = Field(description="Giltighetstid / validity period")
    decision: Decision | None = Field(default=None, description="Beslut / decision")
    parties: dict[Slug, Party] = Field(
        default_factory=dict,
        validate_default=True,
        description="Parter, nyckeln används som referens; en plan med `parent` får ärva dem"
        " / parties by key; a plan with a parent may inherit them",
    )
    signatories: list[Signatory] = Field(default_factory=list, description="Undertecknare")
    bodies: list[Body] = Field(default_factory=list, description="Råd och grupper / bodies")
    follow_up: list[FollowUpItem] = Field(
        default_factory=list, description="Planens uppföljning / the plan's follow-up rhythm"
    )
    situation: Situation | None = Field(default=None, description="Lägesbild / situation")
    coordination: Coordination | None = Field(
        default=None, description="Samordningsfunktionen / the coordinating function"
    )
    goals: list[Goal] = Field(default_factory=list, description="Övergripande mål / goals")
    indicators: list[Indicator] = Field(default_factory=list, description="Indikatorer")
    areas: list[Area] = Field(
        default_factory=list,
        validate_default=True,
        description="Prioriterade områden; krävs för handlingsplan och medborgarlöfte"
        " / priority areas; required for action plans and citizen promises",
    )

    @field_validator("parties")
    @classmethod
    def _parties_unless_inherited(cls, value: dict[str, Party], info: ValidationInfo) -> Any:
        # `parent` is validated before `parties`; absent from info.data when it was invalid.
        if not value and info.data.get("parent", "invalid") is None:
            raise PydanticCustomError("required_here", PARTIES_NEEDED)
        return value

    @field_validator("areas")
    @classmethod
    def _areas_for_plans_of_work(cls, value: list[Area], info: ValidationInfo) -> Any:
        kind = info.data.get("kind")
        if not value and kind in AREAS_REQUIRED:
            raise PydanticCustomError("required_here", AREAS_NEEDED, {"kind": kind})
        return value

    def all_goals(self) -> list[Goal]:
        return [*self.goals, *(g for area in self.areas for g in area.goals)]

    def all_indicators(self) -> list[Indicator]:
        return [*self.indicators, *(i for area in self.areas for i in area.indicators)]

    def all_activities(self) -> list[tuple[Area, Activity]]:
        return [(area, act) for area in self.areas for act in area.activities]
