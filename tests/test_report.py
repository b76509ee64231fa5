"""The report view model, and golden files of whole reports (demo plan and a real plan).

Regenerate the golden files after an intended change with
`SAMPLAN_UPDATE_GOLDEN=1 python3 -m pytest tests/test_report.py` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from samplan import indicators
from samplan.i18n import NBSP
from samplan.loader import read_file
from samplan.model import Plan
from samplan.periods import Period, parse_period
from samplan.render import render_public, render_report
from samplan.report import PlanVersion, build_index, build_report, text_blocks
from samplan.report_chain import families
from samplan.report_view import ActivityRow, Labels, ReportView, TextBlock

from .conftest import AS_OF, DATA, PLANS, ROOT

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("SAMPLAN_UPDATE_GOLDEN") == "1"
# A fixed version, so golden files never hold the repository's real commit.
VERSION = PlanVersion(commit="0123abc", date=dt.date(2026, 11, 20))
DEMO = "demo-sjovik-2026.yaml"
T3 = parse_period("2026T3")


def load(path: Path) -> Plan:
    loaded = read_file(path)
    assert loaded.plan is not None, loaded.problems
    return loaded.plan


def demo_report(lang: str | None = None, period: Period = T3, as_of: dt.date = AS_OF) -> ReportView:
    return build_report(
        load(PLANS / DEMO), period, as_of, lang=lang, file=f"plans/{DEMO}", version=VERSION
    )


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"{name} differs from the golden file; if the change is intended, run "
        "SAMPLAN_UPDATE_GOLDEN=1 python3 -m pytest tests/test_report.py and review the diff"
    )


# --- golden files ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_demo(fmt: str) -> None:
    check_golden(f"demo-sjovik-2026.2026T3.{fmt}", render_report(demo_report(), fmt))  # type: ignore[arg-type]


def test_golden_demo_in_english() -> None:
    check_golden("demo-sjovik-2026.2026T3.en.md", render_report(demo_report("en"), "md"))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_real_plan(fmt: str) -> None:
    view = build_report(
        load(PLANS / "harnosand-2012.yaml"),
        parse_period("2012T3"),
        dt.date(2013, 1, 15),
        file="plans/harnosand-2012.yaml",
    )
    check_golden(f"harnosand-2012.2012T3.{fmt}", render_report(view, fmt))  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_public_page(fmt: str) -> None:
    """The residents' page (`--audience public`) of the demo's citizen promises."""
    text = render_public(
        load(PLANS / DEMO),
        T3,
        AS_OF,
        fmt,
        file=f"plans/{DEMO}",  # type: ignore[arg-type]
    )
    check_golden(f"demo-sjovik-2026.2026T3.public.{fmt}", text)


def test_golden_family_child() -> None:
    """The demo's åtgärdsplan read with its family: the agreement's lägesbild and
    coordination, the family's measures in the chain, and the Lagkrav checklist."""
    files = [f"plans/{name}" for name in (DEMO, "demo-sjovik-2026-norrbacka.yaml")]
    plans = [(file, load(ROOT / file)) for file in files]
    family = families(plans, AS_OF)
    file, plan = plans[1]
    view = build_report(plan, T3, AS_OF, file=file, version=VERSION, family=family[file])
    assert view.law is not None and all(row.met for row in view.law)
    check_golden("demo-sjovik-2026-norrbacka.2026T3.md", render_report(view, "md"))


def test_same_input_gives_identical_output() -> None:
    first = render_report(demo_report(), "html")
    second = render_report(demo_report(), "html")
    assert first == second
    assert "0123abc" in first and "a949a9e" not in first


# --- contents ----------------------------------------------------------------------


def test_every_activity_of_the_plan_is_in_its_area() -> None:
    plan = load(PLANS / DEMO)
    view = demo_report()
    assert [a.title for a in view.areas] == [a.title for a in plan.areas]
    for area, shown in zip(plan.areas, view.areas, strict=True):
        assert [r.id for r in shown.activities] == [a.id for a in area.activities]
    assert view.summary.activities == len(plan.all_activities())
    assert sum(row.count for row in view.summary.by_status) == view.summary.activities


def test_overdue_activities_and_missed_occurrences() -> None:
    view = demo_report()
    rows = [(r.title[:20], r.occurrence, r.due, r.days_late) for r in view.overdue]
    assert rows == [
        ("Utreda förutsättning", "", "31 mars 2026", 236),
        ("Revidera kommunens h", "", "31 augusti 2026", 83),
        ("Ta fram en gemensam ", "", "30 september 2026", 53),
        ("Gemensam tillsyn av ", "tillfälle 3 under 2026", "30 september 2026", 53),
    ]
    marked = {r.id for a in view.areas for r in a.activities if r.overdue}
    assert marked == {
        "kamerabevakning-resecentrum",
        "revidera-handlingsplan-vnr",
        "rutin-informationsutbyte",
        "tillsyn-serveringsstallen",
    }
    assert view.summary.overdue == 4
    kamera = row_of(view, "kamerabevakning-resecentrum")
    assert (kamera.status.text, kamera.base_status.text) == ("Försenad", "Pågår")


def test_missed_occurrences_of_one_activity_share_a_row() -> None:
    view = build_report(
        load(PLANS / "harnosand-2012.yaml"), parse_period("2012T3"), dt.date(2013, 1, 15)
    )
    monthly = next(r for r in view.overdue if r.title.startswith("Samverka mellan polis"))
    assert (monthly.occurrences, monthly.occurrence) == (12, "12 tillfällen")
    assert monthly.due == "31 januari–31 december 2012"
    assert monthly.days_late_text == "15–350"
    assert len({r.title for r in view.overdue}) == len(view.overdue)


def row_of(view: ReportView, activity_id: str) -> ActivityRow:
    return next(r for a in view.areas for r in a.activities if r.id == activity_id)


def test_recurring_work_stays_ongoing_after_a_done_occurrence() -> None:
    view = demo_report()
    assert row_of(view, "platssamverkan-norrbacka").status.code == "ongoing"
    assert row_of(view, "belysning-resecentrum").status.code == "done"  # one-off: done is done


def test_continuous_work_without_a_report_in_the_period_is_stale() -> None:
    view = demo_report()
    assert row_of(view, "nattvandring").stale
    assert not row_of(view, "polisnarvaro-helger").stale
    stale = next(f for f in view.summary.figures if "utan rapport" in f.label)
    assert stale.count == 1


def test_latest_note_and_when() -> None:
    view = demo_report()
    rutin = row_of(view, "rutin-informationsutbyte")
    assert rutin.note.startswith("Förslaget är ute på remiss")
    assert rutin.note_date == "24 september 2026"
    assert rutin.when == "Senast 30 september 2026"
    assert row_of(view, "trygghetsvandringar").when == "I mars och september"
    assert row_of(view, "utvardering-sig").note == ""


def test_area_lights_follow_overdue_assessments_and_staleness() -> None:
    view = demo_report()
    assert [a.light.code for a in view.summary.areas] == ["red", "red", "red", "green"]
    assert view.summary.areas[0].overdue == 2
    assert all(a.light.symbol and a.light.text for a in view.summary.areas)


def test_log_of_the_period_stops_at_the_as_of_date() -> None:
    view = demo_report(as_of=dt.date(2026, 10, 1))
    dates = [row.date_iso for area in view.areas for row in area.log]
    assert dates and all("2026-09-01" <= d <= "2026-10-01" for d in dates)


def test_follow_up_meetings_held_and_missed() -> None:
    view = demo_report()
    held = {item.id: item.held for item in view.follow_up.items}
    assert held == {
        "bra-uppfoljning": ["17 september 2026", "12 november 2026"],
        "tertialuppfoljning": [],
        "arlig-uppfoljning": [],
    }
    assert all(not item.missed for item in view.follow_up.items)
    late = build_report(load(PLANS / DEMO), parse_period("2026T1"), dt.date(2026, 5, 10))
    tertial = next(i for i in late.follow_up.items if i.id == "tertialuppfoljning")
    assert tertial.held == ["22 april 2026"] and not tertial.missed
    assert [i.next_due for i in view.follow_up.items] == [
        "28 februari 2027",
        "31 december 2026",
        "31 december 2026",
    ]


def test_upcoming_runs_to_the_end_of_the_next_period() -> None:
    view = demo_report()
    assert view.next_period.code == "2027T1"
    assert view.upcoming_until == "30 april 2027"
    assert all("2026-11-22" < row.due_iso <= "2027-04-30" for row in view.upcoming)
    assert any(row.area == "Planens uppföljning" for row in view.upcoming)
    past = demo_report(period=parse_period("2026T1"), as_of=dt.date(2027, 1, 1))
    assert past.upcoming == []  # the next period ended before the as-of date


def test_indicator_rows_match_the_indicator_rules() -> None:
    plan = load(PLANS / DEMO)
    view = demo_report()
    assert view.indicator_year == 2026
    for ind, row in zip(plan.all_indicators(), view.indicators, strict=True):
        evaluation = indicators.evaluate(ind, 2026)
        assert row.attainment.code == evaluation.attainment
        assert row.trend.code == evaluation.trend
        assert row.chart is not None
        for point in row.chart.points:
            assert point.expected == indicators.expected_value(ind, point.year)
    brander = view.indicators[1]
    assert (brander.baseline, brander.expected, brander.latest) == (
        "24 (2025)",
        "20,4",
        "14 (2026)",
    )
    assert view.indicators[0].latest == f"27{NBSP}% (2026)"


def test_parties_signatories_bodies() -> None:
    view = demo_report()
    assert view.parties[2].part_of == "Sjöviks kommun"
    assert view.signatories[0].date == "19 december 2025"
    bra = view.bodies[0]
    assert (bra.type, bra.meets) == ("Råd", "I februari, maj, september och november varje år")
    assert bra.members[0].name == "Anna Lindqvist" and bra.members[2].name == ""


def test_plan_information_and_version() -> None:
    view = demo_report()
    assert view.plan.decision == "Kommunfullmäktige 15 december 2025, KS 2025/318, KF § 142"
    assert view.plan.validity == "1 januari 2026–31 december 2027"
    assert view.version is not None and view.version.text == "Version 0123abc från 20 november 2026"
    changed = build_report(
        load(PLANS / DEMO), T3, AS_OF, version=PlanVersion("0123abc", dt.date(2026, 1, 2), True)
    )
    assert changed.version is not None and "inte är incheckade" in changed.version.text


def test_description_is_the_introduction_in_paragraphs_and_lists() -> None:
    view = build_report(
        load(PLANS / "harnosand-2012.yaml"), parse_period("2012T3"), dt.date(2013, 1, 15)
    )
    kinds = [block.kind for block in view.plan.description]
    assert kinds[:6] == ["paragraph"] * 4 + ["numbered", "paragraph"]
    assert view.plan.description[0].text.startswith("Ökad trygghet och minskad brottslighet")
    assert "\n" not in view.plan.description[0].text  # wrapped lines make one paragraph
    steps = view.plan.description[4]
    assert len(steps.items) == 5 and steps.items[4].endswith("brottsförebyggande rådet fungerat.")
    html = render_report(view, "html")
    assert '<li><a href="#introduction">Inledning</a></li>' in html
    assert html.index('id="introduction"') < html.index('id="summary"')


def test_a_plan_without_description_has_no_introduction() -> None:
    view = build_report(load(DATA / "report" / "bare.yaml"), parse_period("2026T1"), AS_OF)
    assert view.plan.description == []
    assert "Inledning" not in render_report(view, "md")
    assert "introduction" not in render_report(view, "html")


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("", []),
        ("En rad\nsom fortsätter.\n", [TextBlock("paragraph", "En rad som fortsätter.", [])]),
        (
            "Första.\n\n\n  Andra.",
            [TextBlock("paragraph", "Första.", []), TextBlock("paragraph", "Andra.", [])],
        ),
        (
            "- ett\n- två som\n  fortsätter\n• tre",
            [TextBlock("bullets", "", ["ett", "två som fortsätter", "tre"])],
        ),
        ("3. tre\n4) fyra", [TextBlock("numbered", "", ["tre", "fyra"], start=3)]),
        # Numbers that skip, or a line that neither starts nor continues an item: as written.
        ("1. ett\n3. tre", [TextBlock("paragraph", "1. ett 3. tre", [])]),
        ("- ett\ntvå", [TextBlock("paragraph", "- ett två", [])]),
        ("Steg:\n- ett", [TextBlock("paragraph", "Steg: - ett", [])]),
        ("*LOB, Lagen", [TextBlock("paragraph", "*LOB, Lagen", [])]),  # a footnote mark
    ],
)
def test_text_blocks(text: str, blocks: list[TextBlock]) -> None:
    assert text_blocks(text) == blocks


def test_english_report() -> None:
    view = demo_report("en")
    assert view.lang == "en" and view.t["summary"] == "Summary"
    assert view.period.name == "tertial 3 2026"
    assert row_of(view, "kamerabevakning-resecentrum").status.text == "Overdue"


def test_empty_plan_has_every_section_saying_so() -> None:
    view = build_report(load(DATA / "report" / "bare.yaml"), parse_period("2026T1"), AS_OF)
    assert view.plan.validity == "från 1 januari 2026, tills vidare"
    assert view.areas[0].activities == [] and view.areas[0].light.code == "none"
    assert view.overdue == [] and view.follow_up.items == [] and view.indicators == []
    text = render_report(view, "md")
    for sentence in (
        "Området har inga aktiviteter.",
        "Inget loggades under perioden.",
        "Inget blev genomfört under perioden.",
        "Inga försenade aktiviteter eller missade tillfällen.",
        "Inget ska vara klart under den tiden.",
        "Planen anger ingen egen uppföljningsrytm.",
        "Planen har inga indikatorer.",
        "Planen anger inga undertecknare.",
        "Planen anger inga råd eller grupper.",
    ):
        assert sentence in text, sentence


def test_a_period_before_the_as_of_date_has_no_log_and_nothing_stale() -> None:
    view = demo_report(period=parse_period("2027T1"))
    assert all(not area.log for area in view.areas)
    assert not any(r.stale for area in view.areas for r in area.activities)


def test_labels_work_as_attributes_and_calls() -> None:
    labels = Labels("sv")
    assert labels["summary"] == "Sammanfattning"
    assert labels("due_by", date="1 mars 2026") == "senast 1 mars 2026"
    # Templates read labels as attributes (`t.count`): none may hide a Mapping method.
    assert not set(labels) & set(dir(Mapping))


def test_index_lists_reports_with_their_worst_light() -> None:
    demo = demo_report()
    bare = build_report(load(DATA / "report" / "bare.yaml"), T3, AS_OF)
    index = build_index([("demo.html", demo), ("bare.html", bare)], T3, AS_OF, None)
    assert index.title == "Uppföljningsrapporter för tertial 3 2026"
    assert [(e.href, e.light.code, e.overdue) for e in index.entries] == [
        ("demo.html", "red", 4),
        ("bare.html", "none", 0),
    ]
