"""An indicator as an inline SVG line chart: measured values, target path, baseline.

Hand-written rather than a plotting library: the chart is a few dozen
elements, must be byte-identical between runs, self-contained (no fonts,
scripts or external references) and accessible (`role="img"`, `<title>`,
`<desc>`). Everything drawn is also in the table the report puts beside it;
the chart repeats the numbers, it never holds the only copy.

Colours are dark enough for 3:1 against white (WCAG 1.4.11), and each series
differs by line style and marker shape too, so nothing depends on colour. The
legend is HTML beside the chart (templates), so it stays readable when the
chart is scaled down to a phone's width.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from samplan.i18n import format_number, format_value
from samplan.report_view import Chart

WIDTH = 560
HEIGHT = 280
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 24, 36
INSET = 28  # room between the value axis and the first year, and after the last
FONT = 15  # px in the 560-wide drawing; the page scales it with the chart
MEASURED_COLOUR = "#1f4e79"
TARGET_COLOUR = "#8a4600"
BASELINE_COLOUR = "#595959"
GRID_COLOUR = "#d9d9d9"
TEXT_COLOUR = "#1a1a1a"


def svg_chart(chart: Chart) -> str:
    """The chart as an `<svg>` element (a string of markup; every text is escaped)."""
    values = [
        v
        for p in chart.points
        for v in (p.measured, p.expected)
        if v is not None and math.isfinite(v)
    ]
    if chart.baseline_value is not None and math.isfinite(chart.baseline_value):
        values.append(chart.baseline_value)
    ticks = _ticks(values, chart.unit)
    low, high = ticks[0], ticks[-1]
    plot_w = WIDTH - LEFT - RIGHT - 2 * INSET
    plot_h = HEIGHT - TOP - BOTTOM
    years = [p.year for p in chart.points]
    span = max(years[-1] - years[0], 1)

    def x(year: int) -> float:
        if len(years) == 1:
            return LEFT + INSET + plot_w / 2
        return LEFT + INSET + (year - years[0]) / span * plot_w

    rise = high - low

    def y(value: float) -> float:
        clamped = min(max(value, low), high)
        if math.isfinite(rise):
            part = (clamped - low) / rise
        else:  # values near ±1e308: in halves, whose differences do not overflow
            part = (clamped / 2 - low / 2) / (high / 2 - low / 2)
        return TOP + plot_h - part * plot_h

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="{chart.id}-title {chart.id}-desc">',
        f'<title id="{chart.id}-title">{escape(chart.title)}</title>',
        f'<desc id="{chart.id}-desc">{escape(chart.desc)}</desc>',
    ]
    # Grid and value axis.
    for tick in ticks:
        ty = _n(y(tick))
        out.append(
            f'<line x1="{LEFT}" y1="{ty}" x2="{WIDTH - RIGHT}" y2="{ty}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{LEFT - 8}" y="{_n(y(tick) + 4)}" text-anchor="end" font-size="{FONT}" '
            f'fill="{TEXT_COLOUR}">{escape(_tick_text(tick, chart))}</text>'
        )
    # Year axis.
    for year in years:
        out.append(
            f'<text x="{_n(x(year))}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle" '
            f'font-size="{FONT}" fill="{TEXT_COLOUR}">{year}</text>'
        )
    # Baseline: a dotted reference line across the plot.
    if chart.baseline_value is not None:
        by = _n(y(chart.baseline_value))
        out.append(
            f'<line x1="{LEFT}" y1="{by}" x2="{WIDTH - RIGHT}" y2="{by}" '
            f'stroke="{BASELINE_COLOUR}" stroke-width="1.5" stroke-dasharray="2 4"/>'
        )
    # Target path: dashed, hollow diamonds.
    for run in _runs([(p.year, p.expected) for p in chart.points]):
        out.append(_polyline(run, x, y, TARGET_COLOUR, "7 5", 2))
        for year, value in run:
            cx, cy = x(year), y(value)
            out.append(
                f'<path d="M{_n(cx)} {_n(cy - 5)} L{_n(cx + 5)} {_n(cy)} L{_n(cx)} {_n(cy + 5)} '
                f'L{_n(cx - 5)} {_n(cy)} Z" fill="#ffffff" stroke="{TARGET_COLOUR}" '
                f'stroke-width="2"/>'
            )
    # Measured values: solid line, filled circles, the value written above each.
    for run in _runs([(p.year, p.measured) for p in chart.points]):
        out.append(_polyline(run, x, y, MEASURED_COLOUR, None, 2.5))
    for point in chart.points:
        if point.measured is None:
            continue
        cx, cy = x(point.year), y(point.measured)
        out.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="5" fill="{MEASURED_COLOUR}"/>')
        out.append(
            f'<text x="{_n(cx)}" y="{_n(cy - 10)}" text-anchor="middle" font-size="{FONT}" '
            f'font-weight="bold" fill="{TEXT_COLOUR}">{escape(point.measured_text)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _polyline(
    run: list[tuple[int, float]],
    x: Callable[[int], float],
    y: Callable[[float], float],
    colour: str,
    dash: str | None,
    width: float,
) -> str:
    points = " ".join(f"{_n(x(year))},{_n(y(value))}" for year, value in run)
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width}"'
        f'{dashed} stroke-linejoin="round"/>'
    )


def _runs(series: list[tuple[int, float | None]]) -> list[list[tuple[int, float]]]:
    """Consecutive years with a value; a missing year breaks the line."""
    runs: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for year, value in series:
        if value is None or not math.isfinite(value):
            if current:
                runs.append(current)
            current = []
        else:
            current.append((year, value))
    if current:
        runs.append(current)
    return runs


def _ticks(values: list[float], unit: str | None) -> list[float]:
    """Round tick values spanning the values, with headroom for the labels above points.

    The axis starts at 0 unless every value lies in the upper half of the range
    from 0 (a share that moves between 79 and 85 %): then starting at 0 would
    flatten the change the chart exists to show.
    """
    if unit == "yes_no":
        return [0.0, 1.0]
    low = min(values, default=0.0)
    high = max(values, default=1.0)
    if low >= 0 and (low <= high / 2 or low == high):
        low = 0.0
    elif low >= 0:
        low = max(0.0, low - (high - low))
    if high == low:  # all zero, or one negative value
        high = low + 1 if abs(low) < 1e300 else low / 2
        low, high = min(low, high), max(low, high)
    try:
        ticks = _round_ticks(low, high)
    except (OverflowError, ValueError):  # values near 1e308 or 5e-324
        ticks = []
    if len(ticks) < 2 or not all(math.isfinite(t) for t in ticks) or ticks[0] >= ticks[-1]:
        return [low, high]  # no round steps fit such values; the axis spans them as they are
    return ticks


def _round_ticks(low: float, high: float) -> list[float]:
    raw_step = (high - low) / 4
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    if last - high < step * 0.3:
        last += step
    count = round((last - first) / step)
    return [first + k * step for k in range(count + 1)]


def _tick_text(value: float, chart: Chart) -> str:
    if chart.unit == "yes_no":
        return format_value(value, "yes_no", chart.lang)
    if chart.unit == "percent":
        return format_value(value, "percent", chart.lang)
    return format_number(value, chart.lang, decimals=2)


def _n(value: float) -> str:
    """A coordinate with one decimal and no trailing zeros: stable, compact output."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
