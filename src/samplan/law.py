"""What Lag (2023:196) and Brå's method ask of a plan, checked on its family.

Since 1 July 2023 a kommun must have a lägesbild with a kartläggning of crime,
other relevant information and an analysis (4 §), decide an åtgärdsplan from it
and keep a samordningsfunktion. Brå's method ties each measure to a cause of a
problem and follows up what was done and what effect it had.

Each requirement is a `LawCheck` whose `find` returns the gaps: where in which
file of the family something is missing, and what. Two users:
- `samplan.rules` turns the gaps in the file it checks into warnings Lnnn;
- `law_checklist(family, as_of)` gives, per requirement, met or not with its
  gaps, for the report's "Lagkrav" checklist.

The allowed age of a lägesbild is a setting (`LawSettings.situation_max_age`):
two years by default, the interval SOU 2021:49 proposed for following up the
lägesbild, which the law itself does not fix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import msgspec

from samplan.family import Family, Member
from samplan.model import Plan
from samplan.yamltree import Path

# When Lag (2023:196) came into force: plans whose period starts on or after it are under it.
IN_FORCE = dt.date(2023, 7, 1)
UNDER_LAW_KINDS = ("agreement", "action_plan")
# Kinds that hold measures (whose activities should work on causes) and are decided.
PLANS_OF_MEASURES = ("action_plan",)


class Age(msgspec.Struct, frozen=True):
    """A length in whole months (`2y`, `18m`), as the lägesbild's allowed age."""

    months: int

    def before(self, day: dt.date) -> dt.date:
        """The day `months` before `day` (the last day of a shorter month)."""
        total = day.year * 12 + day.month - 1 - self.months
        year, month = divmod(total, 12)
        month += 1
        for d in (day.day, 30, 29, 28):
            try:
                return dt.date(year, month, d)
            except ValueError:
                continue
        raise AssertionError("unreachable")

    def __str__(self) -> str:
        return f"{self.months // 12}y" if self.months % 12 == 0 else f"{self.months}m"


_AGE = re.compile(r"^\s*(\d{1,3})\s*([ym])\s*$", re.IGNORECASE)


def parse_age(text: str) -> Age | None:
    """`3y` (years) or `18m` (months); None when it is neither."""
    match = _AGE.match(text)
    if not match or int(match.group(1)) == 0:
        return None
    count = int(match.group(1))
    return Age(count * 12 if match.group(2).lower() == "y" else count)


class LawSettings(msgspec.Struct, frozen=True):
    # Check every plan, not only agreements and action plans from 2023-07-01 (`--law`).
    every_plan: bool = False
    situation_max_age: Age = Age(24)


class Gap(msgspec.Struct, frozen=True):
    """One thing a requirement finds missing: where (a file of the family and the
    data path in it) and what (the id and text of a cause, problem, activity ...)."""

    file: str
    path: Path
    subject: str = ""  # id of the problem, cause, activity ...; "" for the plan
    text: str = ""  # its text or title, for the report
    detail: str = ""  # e.g. the lägesbild's date, the parts missing


Finder = Callable[[Family, dt.date, LawSettings], list[Gap]]


class LawCheck(msgspec.Struct, frozen=True):
    code: str
    requirement: str  # what is required, in English (the report words it for its readers)
    basis: str  # the paragraph of the law or Brå's step it rests on
    find: Finder


class Requirement(msgspec.Struct, frozen=True):
    """One requirement for the report's checklist: met or not, and what is missing."""

    code: str
    requirement: str
    basis: str
    met: bool
    gaps: tuple[Gap, ...]


def under_law(plan: Plan, settings: LawSettings) -> bool:
    """Whether the law checks apply to the plan (or `--law` asks for them on any plan)."""
    return settings.every_plan or (plan.kind in UNDER_LAW_KINDS and plan.period.start >= IN_FORCE)


def _is_plan_of_measures(family: Family, settings: LawSettings) -> bool:
    return family.plan.kind in PLANS_OF_MEASURES or (
        settings.every_plan and family.plan.kind != "agreement"
    )


# --- the lägesbild (4 §) ------------------------------------------------------


def situation_missing(family: Family, as_of: dt.date, settings: LawSettings) -> list[Gap]:
    """An action plan neither has a lägesbild nor inherits one."""
    if not _is_plan_of_measures(family, settings) or family.situation_holder is not None:
        return []
    return [Gap(family.file, ("kind",))]


SITUATION_PARTS = ("mapping", "other_information", "analysis")


def situation_incomplete(family: Family, as_of: dt.date, settings: LawSettings) -> list[Gap]:
    """The lägesbild lacks one of the three parts 4 § names."""
    holder = family.situation_holder
    if holder is None or holder.plan.situation is None:
        return []
    situation = holder.plan.situation
    missing = [part for part in SITUATION_PARTS if not getattr(situation, part)]
    if not missing:
        return []
    return [Gap(holder.file, ("situation",), detail=", ".join(missing))]


def situation_old(family: Family, as_of: dt.date, settings: LawSettings) -> list[Gap]:
    """The lägesbild is older than the allowed age at the as-of date, or has no date."""
    holder = family.situation_holder
    if holder is None or holder.plan.situation is None:
        return []
    date = holder.plan.situation.date
    if date is None:
        return [Gap(holder.file, ("situation",), detail="")]
    if date >= settings.situation_max_age.before(as_of):
        return []
    return [Gap(holder.file, ("situation", "date"), detail=date.isoformat())]


# --- the åtgärdsplan and the samordningsfunktion --------------------------------


def decision_missing(family: Family, as_of: dt.date, settings: LawSettings) -> list[Gap]:
    """An action plan without a decision that names the body and the date."""
    plan = family.plan
    # A medborgarlöfte is made and signed by the parties, not decided as an åtgärdsplan:
    # `--law` checks its chain and follow-up, not a decision.
    if not _is_plan_of_measures(family, settings) or plan.kind == "citizen_promise":
        return []
    decision = plan.decision
    if decision is not None and decision.body and decision.date:
        return []
    return [Gap(family.file, ("decision",) if decision else ("kind",))]


def coordination_missing(family: Family, as_of: dt.date, settings: LawSettings) -> list[Gap]:
    """Neither the plan nor a plan above it names the samordningsfunktion."""
    if any(m.plan.coordination is not None for m in family.chain):
        return []
    return [Gap(family.file, ("kind",))]


def no_follow_up(family: Family, as_of: dt.date, settings: LawSettings) -> list[Gap]:
    """An action plan with no follow-up item of its own."""
    if not _is_plan_of_measures(family, settings) or family.plan.follow_up:
        return []
    return [Gap(family.file, ("kind",))]


# --- Brå's chain: problem → cause → measure → indicator --------------------------


def measure_without_cause(family: Family, as_of: dt.date, settings: LawSettings) -> list[Gap]:
    """An action plan's activity that works on no cause, while the lägesbild lists causes."""
    holder = family.situation_holder
    if not _is_plan_of_measures(family, settings) or holder is None:
        return []
    if not (holder.plan.situation and holder.plan.situation.causes):
        return []
    return [
        Gap(family.file, ("areas", a, "activities", i), act.id, act.title)
        for a, area in enumerate(family.plan.areas)
        for i, act in enumerate(area.activities)
        if not act.causes
    ]


def _working_on(family: Family) -> tuple[Member, ...] | None:
    """The plans whose measures work on the family's lägesbild (its holder and every
    plan below it), or None when they have no activity at all: then there is
    nothing to compare the lägesbild with yet."""
    holder = family.situation_holder
    if holder is None:
        return None
    plans = (holder, *family.below(holder.plan.id))
    if not any(area.activities for m in plans for area in m.plan.areas):
        return None
    return plans


def cause_without_measure(family: Family, as_of: dt.date, settings: LawSettings) -> list[Gap]:
    """A cause in the lägesbild that no activity of the family works on."""
    plans = _working_on(family)
    holder = family.situation_holder
    if plans is None or holder is None or holder.plan.situation is None:
        return []
    addressed = {c for m in plans for _, act in m.plan.all_activities() for c in act.causes}
    return [
        Gap(holder.file, ("situation", "causes", n), cause.id, cause.text)
        for n, cause in enumerate(holder.plan.situation.causes)
        if cause.id not in addressed
    ]


def problem_without_cause(family: Family, as_of: dt.date, settings: LawSettings) -> list[Gap]:
    """A problem in the lägesbild that no cause (of the family) points to."""
    plans = _working_on(family)
    holder = family.situation_holder
    if plans is None or holder is None or holder.plan.situation is None:
        return []
    explained = {
        p for m in plans if m.plan.situation for c in m.plan.situation.causes for p in c.problems
    }
    return [
        Gap(holder.file, ("situation", "problems", n), found.id, found.text)
        for n, found in enumerate(holder.plan.situation.problems)
        if found.id not in explained
    ]


def problem_without_indicator(family: Family, as_of: dt.date, settings: LawSettings) -> list[Gap]:
    """A problem in the lägesbild with no indicator: its effect cannot be followed up."""
    holder = family.situation_holder
    if holder is None or holder.plan.situation is None:
        return []
    return [
        Gap(holder.file, ("situation", "problems", n), found.id, found.text)
        for n, found in enumerate(holder.plan.situation.problems)
        if not found.indicators
    ]


LAW = "Lag (2023:196)"
CHECKS: tuple[LawCheck, ...] = (
    LawCheck("L001", "a lägesbild", f"{LAW} 4 §", situation_missing),
    LawCheck(
        "L002",
        "the lägesbild has a mapping of crime, other relevant information and an analysis",
        f"{LAW} 4 § 1–3",
        situation_incomplete,
    ),
    LawCheck("L003", "the lägesbild is recent", "SOU 2021:49 (not the law's text)", situation_old),
    LawCheck(
        "L004",
        "the åtgärdsplan is decided (body and date)",
        f"{LAW}, åtgärdsplan decided from the lägesbild",
        decision_missing,
    ),
    LawCheck(
        "L005",
        "a samordningsfunktion",
        f"{LAW}, samordningsfunktion",
        coordination_missing,
    ),
    LawCheck(
        "L006",
        "every measure works on a cause",
        "Brå's method: measures chosen from the causes",
        measure_without_cause,
    ),
    LawCheck(
        "L007",
        "every cause has a measure",
        "Brå's method: measures chosen from the causes",
        cause_without_measure,
    ),
    LawCheck(
        "L008",
        "every problem has an identified cause",
        "Brå's method: analysis of problems and their causes",
        problem_without_cause,
    ),
    LawCheck(
        "L009",
        "every problem has an indicator",
        "Brå's method: follow-up of effect",
        problem_without_indicator,
    ),
    LawCheck(
        "L010",
        "the åtgärdsplan is followed up",
        "Brå's method: follow-up of production, process and effect",
        no_follow_up,
    ),
)
CHECKS_BY_CODE = {check.code: check for check in CHECKS}


def law_checklist(
    family: Family, as_of: dt.date, settings: LawSettings | None = None
) -> list[Requirement]:
    """Each requirement of the law and of Brå's method for the family's plan, as of
    `as_of`: met or not, with the gaps (in any file of the family). Whether the
    plan is under the law at all is `under_law(family.plan, settings)`."""
    settings = settings or LawSettings()
    found = []
    for check in CHECKS:
        gaps = tuple(check.find(family, as_of, settings))
        found.append(Requirement(check.code, check.requirement, check.basis, not gaps, gaps))
    return found
