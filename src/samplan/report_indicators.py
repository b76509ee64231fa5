"""Indicators in the report: each one's values, verdicts and chart, for a year.

`samplan.indicators` judges an indicator (expected value, attainment, trend);
this words the judgement and lays out the chart (`samplan.svgchart` draws it)
for the report's effect section and for the goals and the chain.
"""

from __future__ import annotations

from collections.abc import Mapping

from samplan import indicators as ind_eval
from samplan.i18n import Lang, capfirst, format_value, target_text, text
from samplan.model import Indicator, Plan, TargetValue
from samplan.report_view import Chart, ChartPoint, IndicatorView, badge

# Longest span of years a chart draws; a target path can run on for decades.
MAX_CHART_YEARS = 25


def indicator_view(number: int, ind: Indicator, year: int, plan: Plan, lang: Lang) -> IndicatorView:
    """The indicator as it stands in `year`, with its chart; `number` makes its anchors."""
    ev = ind_eval.evaluate(ind, year)
    unit = ind.unit

    def value_in_year(value: float | None, in_year: int | None) -> str:
        if value is None or in_year is None:
            return ""
        return text(lang, "value_in_year", value=format_value(value, unit, lang), year=in_year)

    return IndicatorView(
        anchor=f"indikator-{number}",
        id=ind.id,
        name=ind.name,
        source=ind.source or "",
        baseline=value_in_year(
            ev.baseline.value if ev.baseline else None,
            ev.baseline.year if ev.baseline else None,
        ),
        target=capfirst(target_text(ind.target, unit, lang)),
        expected="" if ev.expected is None else format_value(ev.expected, unit, lang),
        latest=value_in_year(ev.latest_value, ev.latest_year),
        latest_note=ev.latest_note or "",
        attainment=badge(lang, "attainment", ev.attainment),
        trend=badge(lang, "trend", ev.trend),
        chart=_chart(number, ind, year, plan, lang),
    )


def _chart(number: int, ind: Indicator, year: int, plan: Plan, lang: Lang) -> Chart | None:
    measured = {m.year: m.value for m in ind_eval.measurements(ind, year)}
    ends = [year, *([plan.period.end.year] if plan.period.end else [])]
    if isinstance(ind.target, TargetValue):
        ends.append(ind.target.year)
    starts = [*measured, *([ind.baseline.year] if ind.baseline else [])]
    first = min(starts, default=plan.period.start.year)
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
                measured_text="" if value is None else format_value(value, ind.unit, lang),
                expected_text="" if expected is None else format_value(expected, ind.unit, lang),
                baseline=ind.baseline is not None and ind.baseline.year == y,
            )
        )
    points = [p for p in points if p.measured is not None or p.expected is not None]
    if not points:
        return None
    return Chart(
        id=f"diagram-{number}",
        title=text(lang, "chart_caption", name=ind.name),
        desc=_chart_desc(ind, measured, lang),
        unit=ind.unit,
        lang=lang,
        points=points,
        baseline_year=ind.baseline.year if ind.baseline else None,
        baseline_value=ind.baseline.value if ind.baseline else None,
    )


def _chart_desc(ind: Indicator, measured: Mapping[int, float], lang: Lang) -> str:
    parts = []
    if ind.baseline is not None:
        parts.append(
            text(
                lang,
                "chart_desc_baseline",
                value=format_value(ind.baseline.value, ind.unit, lang),
                year=ind.baseline.year,
            )
        )
    if ind.target is not None:
        parts.append(
            text(lang, "chart_desc_target", target=target_text(ind.target, ind.unit, lang))
        )
    if measured:
        last = max(measured)
        parts.append(
            text(
                lang,
                "chart_desc_latest",
                value=format_value(measured[last], ind.unit, lang),
                year=last,
            )
        )
    else:
        parts.append(text(lang, "chart_desc_none"))
    return " ".join(parts)
