"""Word documents into plans: headings, merged cells, content controls, statuses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samplan.docxtables import is_generic, read_docx
from samplan.errors import NoHeaderRow
from samplan.importer import ImportOptions, import_table
from samplan.loader import load_bytes
from samplan.model import Plan
from samplan.problems import Severity
from samplan.rules import check_file

from . import docx_plans

AS_OF = dt.date(2019, 6, 1)


def imported(path: Path, **given: object) -> tuple[Plan, list[str], str]:
    values: dict[str, object] = {"plan_id": "x", "municipality": "Sjöviks kommun"}
    values.update(given)
    result = import_table(path, ImportOptions(**values), AS_OF)  # type: ignore[arg-type]
    return result.plan, [str(n) for n in result.notes], result.yaml_text


def test_the_document_as_read(tmp_path: Path) -> None:
    document = read_docx(docx_plans.word_style(tmp_path / "p.docx"))
    assert document.title == "Medborgarlöfte för Sjöviks kommun 2019"
    toc, actions = document.tables
    assert toc.rows[0] == (1, ["Innehåll", "Sida"])
    assert actions.heading == "Trygg och säker stadskärna"  # not the generic "Åtgärder"
    # Merged cells are written once, as Excel leaves them: "Ansvar" spans two columns,
    # the other headers two rows; the lines of a cell are kept.
    assert actions.rows[0] == (1, ["Åtgärd", "Ansvar", "", "När/Tidplan", "Status/Uppföljning"])
    assert actions.rows[1] == (2, ["", "Ansvarig", "Samverkanspartner", "", ""])
    assert actions.rows[2][1][2] == "Handeln\nRäddningstjänsten"
    assert "Löftet följs upp av Brå två gånger om året." in document.text


def test_harnosand_areas_goals_and_period_from_the_headings(tmp_path: Path) -> None:
    plan, notes, _ = imported(docx_plans.harnosand(tmp_path / "h.docx"))
    assert plan.title == "Handlingsplan för ökad trygghet i Härnösands kommun 2012–2013"
    assert (plan.period.start, plan.period.end) == (dt.date(2012, 1, 1), dt.date(2013, 12, 31))
    assert [a.title for a in plan.areas] == [s[0] for s in docx_plans.HARNOSAND_SECTIONS]
    last = plan.areas[-1]
    assert len(last.goals) == 1  # the merged goal cell holds one goal for two activities
    assert [a.goals for a in last.activities] == [[last.goals[0].id]] * 2
    vuxna = plan.areas[0].activities[2]
    assert vuxna.title == "Starta upp vuxna på stan Marknadsföra"  # a two-line cell
    assert "Rows are named TABLE.ROW: 2.3 is row 3 of the document's table 2." in notes
    assert "Rows whose När gives no date or rhythm; add `due:` or `repeat:`: rows 3.3" in notes


def test_word_style_statuses_become_the_log(tmp_path: Path) -> None:
    plan, notes, text = imported(docx_plans.word_style(tmp_path / "w.docx"))
    assert plan.kind == "citizen_promise"
    assert (plan.period.start, plan.period.end) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert "Tables that are no action tables, ignored: table 1 (`Innehåll`)" in notes
    logs = {a.title: a.log for _, a in plan.all_activities()}
    statuses = {title: [(e.date, e.status) for e in log] for title, log in logs.items()}
    expected = ["done", "ongoing", "planned", "cancelled", "paused", "done", "paused"]
    assert statuses == {
        row[0]: [(AS_OF, status)] for row, status in zip(docx_plans.STATUSES, expected, strict=True)
    }
    cancelled = logs["Kameraövervakning vid resecentrum"][0]
    assert cancelled.note is not None and "statuskolumn" in cancelled.note
    first = plan.areas[0].activities[0]
    assert (first.responsible, first.partners) == (["kommun"], ["handeln", "raddningstjansten"])
    assert "log:\n          - {date: 2019-06-01, status: done}" in text


def test_landskrona_follow_up_texts_and_long_ansvarig(tmp_path: Path) -> None:
    plan, notes, _ = imported(docx_plans.landskrona(tmp_path / "l.docx"))
    assert [a.title for a in plan.areas] == [
        "1. Hot spots riktad patrullering",
        "5. Samarbete skola-socialtjänst-polis",
    ]
    hot_spots = plan.areas[0].activities[0]
    assert hot_spots.follow_up == [
        "Antalet polisanmälda fall av misshandel utomhus",
        "Andelen som känner sig trygga ute på kvällen",
    ]
    assert not hot_spots.log
    contact = plan.areas[1].activities[0]
    assert contact.responsible == ["utbildningsforvaltningen"]
    assert contact.partners == [
        "individ-och-familjeforvaltningen",
        "stadsledningskontoret",
        "polis",
    ]
    assert [e.status for e in contact.log] == ["ongoing"]
    assert any(n.startswith("Status texts that name no status") for n in notes)


def test_status_dated_within_the_plan(tmp_path: Path) -> None:
    """An import long after the plan ended dates the statuses on its last day."""
    path = docx_plans.word_style(tmp_path / "w.docx")
    result = import_table(path, ImportOptions("x", "Sjöviks kommun"), dt.date(2026, 3, 1))
    dates = {e.date for _, a in result.plan.all_activities() for e in a.log}
    assert dates == {dt.date(2019, 12, 31)}


def test_a_document_without_an_action_table(tmp_path: Path) -> None:
    with pytest.raises(NoHeaderRow) as refused:
        imported(docx_plans.no_action_table(tmp_path / "n.docx"))
    assert refused.value.data["source"] == "n.docx, table 1"


@pytest.mark.parametrize(
    ("heading", "generic"),
    [
        ("Bakgrund", True),
        ("Åtgärder 2019", True),
        ("Handlingsplan för 2012-2013", True),
        ("1. Förebyggande arbete ungdomar", False),
        ("Trygg och säker stadskärna", False),
    ],
)
def test_generic_headings_name_no_area(heading: str, generic: bool) -> None:
    assert is_generic(heading) is generic


@pytest.mark.parametrize("name", ["harnosand.docx", "landskrona.docx", "word-style.docx"])
def test_every_imported_plan_validates(tmp_path: Path, name: str) -> None:
    path = docx_plans.BUILDERS[name](tmp_path / name)
    _, _, text = imported(path)
    loaded = load_bytes(text.encode(), name)
    problems = [*loaded.problems, *check_file(loaded, AS_OF)]
    assert loaded.plan is not None
    assert [p for p in problems if p.severity is Severity.ERROR] == []


@pytest.mark.parametrize("name", sorted(docx_plans.EXAMPLES))
def test_the_examples_in_docs_are_what_the_script_writes(tmp_path: Path, name: str) -> None:
    committed = read_docx(docx_plans.DOCS_EXAMPLES / name)
    fresh = read_docx(docx_plans.EXAMPLES[name](tmp_path / name))
    assert (committed.title, committed.headings, committed.text) == (
        fresh.title,
        fresh.headings,
        fresh.text,
    )
    assert [(t.heading, t.rows) for t in committed.tables] == [
        (t.heading, t.rows) for t in fresh.tables
    ]
