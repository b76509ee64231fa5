"""The indicator chart: accessible SVG whose drawing matches the numbers in its table."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from samplan.report_view import Chart, ChartPoint
from samplan.svgchart import HEIGHT, WIDTH, _ticks, svg_chart

SVG = "{http://www.w3.org/2000/svg}"


def chart(
    points: list[tuple[int, float | None, float | None]],
    unit: str | None = "count",
    baseline: tuple[int, float] | None = None,
    title: str = "Antal anlagda bränder",
) -> Chart:
    return Chart(
        id="diagram-1",
        title=title,
        desc="Utgångsvärde 24 år 2025.",
        unit=unit,
        lang="sv",
        points=[
            ChartPoint(
                year=year,
                measured=measured,
                expected=expected,
                measured_text="" if measured is None else f"{measured:g}",
                expected_text="" if expected is None else f"{expected:g}",
                baseline=baseline is not None and baseline[0] == year,
            )
            for year, measured, expected in points
        ],
        baseline_year=baseline[0] if baseline else None,
        baseline_value=baseline[1] if baseline else None,
    )


DEMO = chart(
    [(2024, 19, None), (2025, 24, 24), (2026, 14, 20.4), (2027, None, 17.34)],
    baseline=(2025, 24),
)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_svg_is_well_formed_and_accessible() -> None:
    root = parse(svg_chart(DEMO))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "diagram-1-title diagram-1-desc"
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "diagram-1-title"
    assert title.text == "Antal anlagda bränder"
    assert desc is not None and desc.text == "Utgångsvärde 24 år 2025."


def test_plan_text_is_escaped() -> None:
    svg = svg_chart(chart([(2025, 1, None)], title='<script>alert(1)</script> "&'))
    assert "<script>" not in svg
    root = parse(svg)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == '<script>alert(1)</script> "&'


def test_one_circle_and_label_per_measured_value() -> None:
    root = parse(svg_chart(DEMO))
    circles = root.findall(f"{SVG}circle")
    assert len(circles) == 3
    labels = [t.text for t in root.findall(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert labels == ["19", "24", "14"]


def test_heights_follow_the_values() -> None:
    root = parse(svg_chart(DEMO))
    ys = [float(c.get("cy", "0")) for c in root.findall(f"{SVG}circle")]
    # 19, 24, 14: higher values are drawn higher up (smaller y).
    assert ys[1] < ys[0] < ys[2]
    xs = [float(c.get("cx", "0")) for c in root.findall(f"{SVG}circle")]
    assert xs == sorted(xs) and len(set(xs)) == 3
    target = [p for p in root.findall(f"{SVG}polyline") if p.get("stroke-dasharray") == "7 5"]
    assert len(target) == 1
    points = [tuple(map(float, pair.split(","))) for pair in target[0].get("points", "").split()]
    assert [round(y) for _, y in points] == sorted(round(y) for _, y in points)  # a decrease


def test_the_value_axis_labels_the_values() -> None:
    root = parse(svg_chart(DEMO))
    axis = [t.text for t in root.findall(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert axis == ["0", "5", "10", "15", "20", "25", "30"]
    years = [t.text for t in root.findall(f"{SVG}text") if t.get("text-anchor") == "middle"]
    assert [y for y in years if y and y.isdigit() and len(y) == 4] == [
        "2024",
        "2025",
        "2026",
        "2027",
    ]


def test_a_gap_in_the_years_breaks_the_line() -> None:
    gappy = chart([(2024, 11, None), (2025, None, 10), (2026, 10, 9)], unit="percent")
    root = parse(svg_chart(gappy))
    solid = [p for p in root.findall(f"{SVG}polyline") if p.get("stroke-dasharray") is None]
    assert [len(p.get("points", "").split()) for p in solid] == [1, 1]


def test_a_single_year_is_drawn_in_the_middle() -> None:
    root = parse(svg_chart(chart([(2026, 5, None)])))
    (circle,) = root.findall(f"{SVG}circle")
    assert 0 < float(circle.get("cx", "0")) < WIDTH


@pytest.mark.parametrize(
    ("values", "unit", "ticks"),
    [
        ([19, 24, 14, 20.4], "count", [0, 5, 10, 15, 20, 25, 30]),
        ([79, 81, 80, 85], "percent", [70, 75, 80, 85, 90]),
        ([0, 1], "yes_no", [0, 1]),
        ([5, 5], "count", [0, 2, 4, 6]),
        ([0], "count", [0, 0.25, 0.5, 0.75, 1, 1.25]),
        ([-4, 2], "rate", [-4, -2, 0, 2, 4]),
    ],
)
def test_ticks(values: list[float], unit: str, ticks: list[float]) -> None:
    assert _ticks(values, unit) == pytest.approx(ticks)


def test_yes_no_axis_says_yes_and_no() -> None:
    svg = svg_chart(chart([(2026, 1, 1)], unit="yes_no"))
    assert re.search(r">nej</text>", svg) and re.search(r">ja</text>", svg)


EXTREMES = [
    [1e308],
    [-1e308, 1e308],
    [1.7976931348623157e308, -1.7976931348623157e308],
    [5e-324],
    [0.0, 5e-324],
    [-5e-324, 5e-324],
    [1e308, 5e-324],
]


@pytest.mark.parametrize("values", EXTREMES)
def test_values_near_the_float_limits_still_draw(values: list[float]) -> None:
    points = [(2024 + i, v, values[0]) for i, v in enumerate(values)]
    svg = svg_chart(chart(points))
    root = parse(svg)
    assert "nan" not in svg and "inf" not in svg
    for circle in root.iter(f"{SVG}circle"):
        assert 0 <= float(circle.get("cy", "-1")) <= HEIGHT
