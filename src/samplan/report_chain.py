"""The report's view of the law's chain: lägesbild → problem → orsak → åtgärd → effekt.

Lag (2023:196) asks for a lägesbild, an åtgärdsplan built on it and a
samordningsfunktion; Brå asks that every measure be tied to a cause of a
problem and that effects be followed up. These builders turn that part of a plan
(and of its family: the parent it inherits from, the plans below it) into the
view model of `samplan.report_view`. A gap in the chain is shown as a gap, never
left out: a problem without a cause, a cause without a measure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

import msgspec

from samplan import family as plan_family
from samplan import law as plan_law
from samplan.i18n import SYMBOLS, TEXTS, Lang, capfirst, format_date, join_words
from samplan.loader import read_file
from samplan.model import Activity, Cause, Goal, Plan, Situation
from samplan.report_view import (
    Badge,
    ChainRow,
    CoordinationView,
    GoalsView,
    GoalView,
    IndicatorBrief,
    LawRequirement,
    MeasureView,
    SituationPart,
    SituationView,
    SourceRow,
    TextBlock,
)

T = TypeVar("T")

# The three parts of a lägesbild in the order of 4 §, with their label keys.
_PARTS = (
    ("mapping", "situation_mapping"),
    ("other_information", "situation_other"),
    ("analysis", "situation_analysis"),
)


class Gap(Protocol):
    @property
    def text(self) -> str: ...


class Requirement(Protocol):
    """One requirement of the law's checklist (`samplan.law.Requirement`)."""

    @property
    def code(self) -> str: ...
    @property
    def met(self) -> bool: ...
    @property
    def gaps(self) -> Sequence[Gap]: ...


class Family(msgspec.Struct, frozen=True):
    """The plans a report reads beside its own: the parent it inherits from, and the
    other plans of its family, whose activities count as measures in its chain; and
    for a plan under the law, the law's checklist on the as-of date."""

    parent: Plan | None = None
    others: tuple[Plan, ...] = ()
    law: tuple[Requirement, ...] | None = None  # None: the plan is not under the law


def families(plans: Sequence[tuple[str, Plan]], as_of: dt.date) -> dict[str, Family]:
    """Each plan's family for its report, by file: found by `samplan.family` among the
    plans read together and in their folders, with the law's checklist on `as_of`
    for a plan under the law (Lag 2023:196, default settings).

    The family is read as the files are written (a child read by the commands holds
    what it inherits). The measures of a plan's chain are the activities of the plan
    that holds its lägesbild and of every plan below that one (spec: the family read
    together)."""
    found = plan_family.families([(file, _as_written(file, plan)) for file, plan in plans])
    settings = plan_law.LawSettings()
    reports = {}
    for file, fam in found.items():
        holder = fam.situation_holder
        members = [m.plan for m in fam.descendants]
        if holder is not None and holder.file != file:
            above = found.get(holder.file) or plan_family.family_of(holder.file, holder.plan)
            members = [holder.plan, *(m.plan for m in above.descendants), *members]
        others = {p.id: p for p in members if p.id != fam.plan.id}
        law = None
        if plan_law.under_law(fam.plan, settings):
            law = tuple(plan_law.law_checklist(fam, as_of, settings))
        reports[file] = Family(
            parent=fam.ancestors[0].plan if fam.ancestors else None,
            others=tuple(others.values()),
            law=law,
        )
    return reports


def _as_written(file: str, plan: Plan) -> Plan:
    """A child plan as its file has it, without what the commands add from its parent."""
    if plan.parent is None:
        return plan
    return read_file(Path(file)).plan or plan


def situation_of(plan: Plan, family: Family) -> tuple[Situation | None, Plan | None]:
    """The plan's lägesbild and the plan it comes from: its parent's when the plan has
    none or holds the parent's (as the commands read a child, with what it inherits)."""
    return _inherited(
        plan.situation, family.parent.situation if family.parent else None, plan, family
    )


def _inherited(
    own: T | None, parents: T | None, plan: Plan, family: Family
) -> tuple[T | None, Plan | None]:
    """A part of a plan and the plan it comes from, the plan's or its parent's."""
    if parents is not None and family.parent is not None and (own is None or own == parents):
        return parents, family.parent
    return (own, plan) if own is not None else (None, None)


def situation_view(
    plan: Plan, family: Family, lang: Lang, blocks: Callable[[str], list[TextBlock]]
) -> SituationView | None:
    situation, source = situation_of(plan, family)
    if situation is None or source is None:
        return None
    words = TEXTS[lang]
    document = ""
    if situation.document is not None:
        doc = situation.document
        when = format_date(doc.date, lang) if doc.date else ""
        document = ", ".join(p for p in (doc.title or "", doc.reference or "", when) if p)
    return SituationView(
        date=format_date(situation.date, lang) if situation.date else "",
        date_iso=situation.date.isoformat() if situation.date else "",
        summary=blocks(situation.summary or ""),
        covers=situation.covers or words["situation_covers_all"],
        parts=[
            SituationPart(words[key], blocks(getattr(situation, field) or ""))
            for field, key in _PARTS
        ],
        sources=[
            SourceRow(s.name, s.provider or "", str(s.year) if s.year else "")
            for s in situation.sources
        ],
        document=document,
        inherited_from=source.title if source is not plan else "",
    )


def goals_view(
    plan: Plan, family: Family, lang: Lang, brief: Callable[[str], IndicatorBrief | None]
) -> GoalsView:
    """The plan's goals; a plan without overall goals of its own shows its parent's."""
    overall, source = _inherited(
        plan.goals or None, family.parent.goals or None if family.parent else None, plan, family
    )

    def view(goal: Goal, area: str) -> GoalView:
        level = TEXTS[lang][f"goal_{goal.level}"] if goal.level else ""
        found = [b for b in (brief(i) for i in goal.indicators) if b is not None]
        return GoalView(goal.id, goal.text, level, area, found)

    return GoalsView(
        overall=[view(g, "") for g in overall or []],
        by_area=[view(g, area.title) for area in plan.areas for g in area.goals],
        inherited_from=source.title if source is not None and source is not plan else "",
    )


def chain_rows(
    plan: Plan,
    family: Family,
    brief: Callable[[str], IndicatorBrief | None],
    measure: Callable[[Plan, Activity], MeasureView],
) -> list[ChainRow]:
    """One row per problem and cause, in the lägesbild's order (by priority when given);
    then the causes that name no problem. Measures come from the plan and the rest of
    its family (the plans below it, or for a child, its siblings)."""
    situation, _ = situation_of(plan, family)
    if situation is None or not (situation.problems or situation.causes):
        return []
    plans = [plan, *family.others]
    against: dict[str, list[MeasureView]] = {}
    for member in plans:
        for _, act in member.all_activities():
            for cause in act.causes:
                against.setdefault(cause, []).append(measure(member, act))

    def row(problem_text: str, priority: str, cause: Cause | None, inds: list[str]) -> ChainRow:
        return ChainRow(
            problem=problem_text,
            priority=priority,
            cause=cause.text if cause else "",
            measures=against.get(cause.id, []) if cause else [],
            indicators=[b for b in (brief(i) for i in inds) if b is not None],
        )

    rows = []
    order = sorted(
        enumerate(situation.problems),
        key=lambda p: (p[1].priority is None, p[1].priority or 0, p[0]),
    )
    for _, problem in order:
        causes: list[Cause | None] = [c for c in situation.causes if problem.id in c.problems]
        priority = str(problem.priority) if problem.priority is not None else ""
        for found in causes or [None]:
            rows.append(row(problem.text, priority, found, problem.indicators))
    known = {p.id for p in situation.problems}
    rows.extend(
        row("", "", cause, []) for cause in situation.causes if not known & set(cause.problems)
    )
    return rows


def coordination_view(
    plan: Plan, family: Family, name_of: Callable[[str], str]
) -> CoordinationView | None:
    parents = family.parent.coordination if family.parent else None
    found, source = _inherited(plan.coordination, parents, plan, family)
    if found is None or source is None:
        return None
    return CoordinationView(
        by=name_of(found.by) if found.by else "",
        role=found.role or "",
        contact=found.contact or "",
        inherited_from=source.title if source is not plan else "",
    )


# Subjects named under a requirement that is not met; the rest are counted.
_MAX_NAMED = 5


def law_view(family: Family, lang: Lang) -> list[LawRequirement] | None:
    """The law's checklist in words a politician reads; None for a plan not under it."""
    if family.law is None:
        return None
    words = TEXTS[lang]
    met = Badge("green", capfirst(words["law_met"]), SYMBOLS["green"])
    not_met = Badge("red", capfirst(words["law_not_met"]), SYMBOLS["red"])
    rows = []
    for found in family.law:
        named = list(dict.fromkeys(g.text for g in found.gaps if g.text))
        detail = ""
        if not found.met and named:
            shown = named[:_MAX_NAMED]
            if len(named) > _MAX_NAMED:
                shown.append(words["law_more"].format(n=len(named) - _MAX_NAMED))
            detail = f"{words['law_missing']}: {join_words(shown, lang)}"
        rows.append(
            LawRequirement(
                code=found.code,
                text=words.get(f"law_{found.code}", found.code),
                met=found.met,
                status=met if found.met else not_met,
                detail=detail,
                basis=words.get(f"law_basis_{found.code}", ""),
            )
        )
    return rows
