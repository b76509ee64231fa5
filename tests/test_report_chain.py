"""The report's chain (lägesbild → problem → orsak → åtgärd), families, the law's
checklist, the residents' page and progress on quantities, on small plans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from samplan.model import Plan
from samplan.periods import parse_period
from samplan.render import Format, render_index, render_public, render_report
from samplan.report import build_index, build_report
from samplan.report_chain import Family
from samplan.report_public import build_public, promises

T3 = parse_period("2026T3")
AS_OF = dt.date(2026, 11, 22)
PARTIES = {
    "kommun": {"name": "Testby kommun", "type": "municipality"},
    "polis": {"name": "Polisen i Testby", "type": "police"},
}


def plan(**fields: Any) -> Plan:
    data: dict[str, Any] = {
        "samplan": 1,
        "id": "testby-2026",
        "title": "Överenskommelse för Testby",
        "municipality": "Testby kommun",
        "period": {"start": "2026-01-01", "end": "2027-12-31"},
        "parties": PARTIES,
    }
    data.update(fields)
    return Plan.model_validate(data)


SITUATION = {
    "date": "2025-11-01",
    "summary": "Otrygghet i centrum.",
    "mapping": "Anmälda brott 2025.",
    "analysis": "Få vuxna ute på kvällarna.",
    "document": {"title": "Lägesbild 2025", "reference": "KS 2025/1", "date": "2025-11-01"},
    "sources": [{"name": "Trygghetsmätningen", "provider": "Polisen", "year": 2025}],
    "problems": [
        {"id": "skadegorelse", "text": "Skadegörelse i Norrbacka.", "priority": 2},
        {
            "id": "otrygghet",
            "text": "Otrygghet i centrum.",
            "priority": 1,
            "indicators": ["otrygg"],
        },
        {"id": "utan-orsak", "text": "Bedrägerier mot äldre."},
    ],
    "causes": [
        {"id": "morker", "text": "Dålig belysning.", "problems": ["otrygghet"]},
        {"id": "vuxna", "text": "Få vuxna ute.", "problems": ["otrygghet", "skadegorelse"]},
        {"id": "lost", "text": "En orsak utan problem."},
    ],
}
INDICATORS = [
    {
        "id": "otrygg",
        "name": "Andel otrygga",
        "unit": "percent",
        "direction": "decrease",
        "values": [{"year": 2025, "value": 30}, {"year": 2026, "value": 25}],
    }
]


def agreement() -> Plan:
    return plan(
        situation=SITUATION,
        indicators=INDICATORS,
        goals=[{"id": "trygg", "text": "Tryggare centrum.", "indicators": ["otrygg"]}],
        coordination={"by": "kommun", "role": "Samordnare", "contact": "trygg@testby.example"},
    )


def action_plan() -> Plan:
    return plan(
        id="testby-atgarder",
        kind="action_plan",
        parent="testby-2026",
        title="Åtgärdsplan för Testby",
        parties={},
        areas=[
            {
                "id": "centrum",
                "title": "Centrum",
                "activities": [
                    {
                        "id": "lampor",
                        "title": "Byta lampor",
                        "causes": ["morker"],
                        "responsible": ["kommun"],
                        "due": "2026-06-30",
                        "log": [{"date": "2026-06-01", "status": "done"}],
                    },
                    {
                        "id": "vandringar",
                        "title": "Minst fyra trygghetsvandringar",
                        "causes": ["morker"],
                        "responsible": ["polis"],
                        "when": "Under 2026",
                        "count": 4,
                        "citizen_promise": True,
                        "log": [
                            {"date": "2026-04-01", "status": "done", "by": "polis"},
                            {
                                "date": "2026-09-15",
                                "status": "done",
                                "by": "polis",
                                "assessment": "yellow",
                                "note": "Vandring med 20 boende.",
                            },
                        ],
                    },
                ],
            }
        ],
    )


def test_chain_rows_follow_priority_and_show_every_gap() -> None:
    parent, child = agreement(), action_plan()
    view = build_report(parent, T3, AS_OF, family=Family(others=(child,)))
    rows = [(r.problem, r.cause, [m.title for m in r.measures]) for r in view.chain]
    lamps_and_walks = ["Byta lampor", "Minst fyra trygghetsvandringar"]
    assert rows == [
        ("Otrygghet i centrum.", "Dålig belysning.", lamps_and_walks),
        ("Otrygghet i centrum.", "Få vuxna ute.", []),  # a cause without a measure
        ("Skadegörelse i Norrbacka.", "Få vuxna ute.", []),
        ("Bedrägerier mot äldre.", "", []),  # a problem without a cause
        ("", "En orsak utan problem.", []),  # a cause that names no problem
    ]  # fmt: skip
    first = view.chain[0]
    assert first.priority == "1"
    assert [i.name for i in first.indicators] == ["Andel otrygga"]
    assert view.chain[2].indicators == []  # a problem without an indicator
    # A measure of another plan of the family says which plan, with its status and progress.
    walk = first.measures[1]
    assert (walk.plan, walk.status.code, walk.progress) == (
        "Åtgärdsplan för Testby",
        "ongoing",
        "2 av 4",
    )
    text = render_report(view, "md")
    for gap in (
        "*Ingen orsak angiven*",
        "*Ingen åtgärd*",
        "*Inget problem angivet*",
        "*Ingen indikator*",
    ):
        assert gap in text, gap


def test_situation_with_a_missing_part_and_where_the_document_is() -> None:
    view = build_report(agreement(), T3, AS_OF)
    situation = view.situation
    assert situation is not None
    assert situation.date == "1 november 2025" and situation.covers == "hela kommunen"
    assert situation.document == "Lägesbild 2025, KS 2025/1, 1 november 2025"
    assert [bool(p.text) for p in situation.parts] == [True, False, True]
    text = render_report(view, "md")
    assert "### Annan relevant information\n\nLägesbilden saknar den här delen." in text
    assert situation.inherited_from == ""


def test_a_child_inherits_situation_goals_coordination_and_party_names() -> None:
    parent, child = agreement(), action_plan()
    view = build_report(child, T3, AS_OF, family=Family(parent=parent, others=(parent,)))
    assert view.situation is not None
    assert view.situation.inherited_from == "Överenskommelse för Testby"
    assert [g.text for g in view.goals.overall] == ["Tryggare centrum."]
    assert view.goals.inherited_from == "Överenskommelse för Testby"
    assert view.goals.overall[0].indicators[0].latest == "25\u00a0% (2026)"
    assert view.coordination is not None
    assert (view.coordination.role, view.coordination.contact) == (
        "Samordnare",
        "trygg@testby.example",
    )
    assert view.areas[0].activities[1].responsible == "Polisen i Testby"  # the parent's party
    text = render_report(view, "html")
    assert "Hämtat från Överenskommelse för Testby." in text


def test_a_plan_without_chain_data_leaves_those_sections_out() -> None:
    bare = plan(areas=[{"id": "a", "title": "A", "activities": []}])
    view = build_report(bare, T3, AS_OF)
    assert view.situation is None and view.chain == [] and view.coordination is None
    assert view.law is None
    for fmt in ("md", "html"):
        text = render_report(view, fmt)  # type: ignore[arg-type]
        for heading in ("Lägesbild", "Från problem till åtgärd", "Samordningsfunktion", "Lagkrav"):
            assert heading not in text, (fmt, heading)


@dataclass(frozen=True)
class FakeGap:
    text: str


@dataclass(frozen=True)
class FakeRequirement:
    code: str
    met: bool
    gaps: tuple[FakeGap, ...] = ()


def test_law_checklist_in_words_with_what_is_missing() -> None:
    law = (
        FakeRequirement("L001", True),
        FakeRequirement("L007", False, tuple(FakeGap(f"Orsak {n}") for n in range(1, 8))),
        FakeRequirement("L005", False, (FakeGap(""),)),
    )
    view = build_report(agreement(), T3, AS_OF, family=Family(law=law))
    assert view.law is not None
    texts = [(r.text, r.status.text, r.detail) for r in view.law]
    assert texts == [
        ("Det finns en lägesbild över brottsligheten.", "Uppfyllt", ""),
        (
            "Varje orsak i lägesbilden har minst en åtgärd.",
            "Inte uppfyllt",
            "Saknas för: Orsak 1, Orsak 2, Orsak 3, Orsak 4, Orsak 5 och 2 till",
        ),
        ("Det finns en samordningsfunktion för arbetet.", "Inte uppfyllt", ""),
    ]
    assert view.law[0].basis == "4 § lagen (2023:196)"
    text = render_report(view, "md")
    assert "## Lagkrav" in text and "1 av 3 krav är uppfyllda." in text


def test_index_lists_each_family_together() -> None:
    parent, child = agreement(), action_plan()
    promise = plan(
        id="testby-lofte",
        kind="citizen_promise",
        parent="testby-2026",
        title="Medborgarlöfte för Testby",
        parties={},
        areas=[{"id": "a", "title": "A", "activities": []}],
    )
    other = plan(id="annan-2026", title="En annan plan")
    reports = [
        (f"{p.id}.html", build_report(p, T3, AS_OF)) for p in (promise, other, child, parent)
    ]
    index = build_index(reports, T3, AS_OF, None)
    assert [[e.title for e in family] for family in index.families] == [
        ["En annan plan"],
        ["Överenskommelse för Testby", "Åtgärdsplan för Testby", "Medborgarlöfte för Testby"],
    ]
    assert index.families[1][1].parent == "Överenskommelse för Testby"
    assert [e.href for e in index.entries][1] == "testby-2026.html"
    # The parent's title keeps its capitals (Testby is a name) in the Markdown index.
    assert "(hör till Överenskommelse för Testby)" in render_index(index, "md")


def test_public_page_of_the_promises_without_internal_columns() -> None:
    parent, child = agreement(), action_plan()
    assert [a.id for a in promises(child)] == ["vandringar"]
    page = build_public(child, T3, AS_OF, family=Family(parent=parent))
    assert [p.title for p in page.promises] == ["Minst fyra trygghetsvandringar"]
    walk = page.promises[0]
    # "Gjort under tertial 3": one walk in the tertial, two of the four so far.
    assert (walk.done, walk.status.text, walk.next) == (
        "1 gång (sammanlagt 2 av 4)",
        "Pågår",
        "senast 31 december 2026",
    )
    assert walk.done_notes == ["15 september 2026: Vandring med 20 boende."]
    assert page.ended == ""
    # Over the whole year the period's walks are all of them: "2 av 4", said once.
    year = build_public(child, parse_period("2026"), AS_OF, family=Family(parent=parent))
    assert year.promises[0].done == "2 av 4"
    assert page.contact is not None and page.contact.contact == "trygg@testby.example"
    from samplan.render import _render

    for fmt in ("md", "html"):
        text = _render(fmt, None, "public", page=page, t=page.t)  # type: ignore[arg-type]
        assert "trygg@testby.example" in text
        # Internal columns stay out: who reported, assessments.
        for internal in ("Rapporterad av", "Polisen i Testby, ", "Risk för avvikelse", "Bedömning"):
            assert internal not in text, (fmt, internal)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_public_page_after_the_promises_ended(fmt: Format) -> None:
    # No "next" after the plan's end: the page says until when the promises held.
    parent, child = agreement(), action_plan()
    ended, family = dt.date(2028, 1, 15), Family(parent=parent)
    page = build_public(child, parse_period("2027"), ended, family=family)
    assert page.ended == "31 december 2027"
    text = render_public(child, parse_period("2027"), ended, fmt, family=family)
    assert "Löftena gällde till och med den 31 december 2027." in text
    assert "Inget mer ska vara klart" not in text


def test_an_entry_written_for_an_earlier_period_says_so() -> None:
    written_late = plan(
        areas=[
            {
                "id": "a",
                "title": "A",
                "activities": [
                    {
                        "id": "rapport",
                        "title": "Årsrapport",
                        "responsible": ["kommun"],
                        "repeat": {"per_year": 1},
                        "log": [{"date": "2027-01-20", "status": "done", "for": "2026"}],
                    }
                ],
            }
        ]
    )
    view = build_report(written_late, parse_period("2026"), dt.date(2027, 1, 31))
    assert [(r.date, r.reports_on) for r in view.process] == [("20 januari 2027", "(avser 2026)")]
    production = [(r.done, r.dates) for r in view.production]
    assert production == [("1 tillfälle", "20 januari 2027 (avser 2026)")]


def test_a_child_read_with_what_it_inherits_names_where_it_comes_from() -> None:
    """The commands read a child with its parent's lägesbild and coordination copied
    in (samplan.family's effective plan); the report still says whose they are."""
    parent = agreement()
    child = action_plan().model_copy(
        update={"situation": parent.situation, "coordination": parent.coordination}
    )
    view = build_report(child, T3, AS_OF, family=Family(parent=parent))
    assert view.situation is not None and view.coordination is not None
    assert view.situation.inherited_from == view.coordination.inherited_from == parent.title
    own = build_report(parent, T3, AS_OF)
    assert own.situation is not None and own.situation.inherited_from == ""
