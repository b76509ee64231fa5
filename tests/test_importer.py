"""Tables into plans: Swedish CSV and Excel as kommuner have them, and back from an export."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from samplan.columns import field_for
from samplan.corpus import read_plans
from samplan.errors import (
    NoHeaderRow,
    NotAPlanId,
    SeveralPlansInTable,
    UnknownColumnField,
)
from samplan.export import plan_rows, to_csv, to_xlsx
from samplan.importer import Imported, ImportOptions, ImportRefused, import_table
from samplan.loader import load_bytes
from samplan.model import Activity, Plan, RepeatPerYear
from samplan.planbuilder import split_goals
from samplan.rules import check_file
from samplan.schedule import item_status, schedule_of
from samplan.slug import slugify

from .conftest import AS_OF, PLANS

# A table as Swedish Excel saves "CSV (semikolonavgränsad)": Windows-1252, `;`,
# CRLF, a title row above the header, merged cells left empty, a blank row, a
# column samplan does not know, text that begins like a formula (with the `'`
# Excel puts before it), and a När it cannot read.
HARNOSAND_ROWS = [
    ["Handlingsplan för ökad trygghet 2012", "", "", "", "", "", ""],
    [
        "Prioriterat område",
        "Mål",
        "Åtgärd",
        "Tidsplan",
        "ANSVARIG",
        "Samverkanspartner",
        "Kommentar",
    ],
    [
        "Förebyggande arbete ungdomar",
        "Ökad kontakt mellan polis, föräldrar och skolpersonal",
        "Kontaktuppgifter ska lämnas mellan polis och skola",
        "Under 2012",
        "Polis och skola",
        "",
        "",
    ],
    [
        "",
        "",
        "Föreläsning för elever och föräldrar",
        "Under höstterminen 2012",
        "Kommunen i samverkan med polis, räddningstjänst",
        "Länsstyrelsen",
        "ny",
    ],
    [
        "",
        "Främja föräldraengagemang",
        "Starta upp vuxna på stan",
        "Kontinuerligt varje fredag och lördag",
        "Kommunen i samverkan med polisen",
        "Föreningen Nattvandrarna",
        "",
    ],
    ["", "", "", "", "", "", ""],
    [
        "Trygga medborgare i ett tryggt centrum",
        "Bättre ordning i centrum",
        "Krogtillsyn",
        "2 gånger/år",
        "Polis",
        "Handeln, Socialtjänsten",
        "",
    ],
    ["", "", "Trygghetsvandring i Östra centrum", "vid behov", "Kommun och polis", "", ""],
    [
        "",
        "",
        '\'=HYPERLINK("http://evil.example";"klicka")',
        "senast den 1 december 2012",
        "Barn- och utbildningsförvaltningen",
        "",
        "",
    ],
    ["", "", "Krogtillsyn", "Under 2013", "Polisen", "", ""],
]


def write_cp1252_csv(tmp_path: Path) -> Path:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(HARNOSAND_ROWS)
    path = tmp_path / "handlingsplan.csv"
    path.write_bytes(out.getvalue().encode("cp1252"))
    assert b';"\'=HYPERLINK(""http' in path.read_bytes()  # quoted as Excel quotes it
    return path


def options(**given: object) -> ImportOptions:
    values: dict[str, object] = {"plan_id": "harnosand-2012", "municipality": "Härnösands kommun"}
    values.update(given)
    return ImportOptions(**values)  # type: ignore[arg-type]


def imported_from(path: Path, **given: object) -> Imported:
    return import_table(path, options(**given), AS_OF)


def activities(plan: Plan) -> dict[str, object]:
    return {act.id: act for _, act in plan.all_activities()}


# --- the Swedish CSV ----------------------------------------------------------------------


def test_swedish_excel_csv_becomes_a_valid_plan(tmp_path: Path) -> None:
    result = imported_from(write_cp1252_csv(tmp_path))
    plan = result.plan
    # It validates: no errors (the undated `vid behov` row is a warning).
    loaded = load_bytes(result.yaml_text.encode("utf-8"), "x.yaml")
    problems = [*loaded.problems, *check_file(loaded, AS_OF)]
    assert [p.code for p in problems] == ["R013"]
    assert [a.title for a in plan.areas] == [
        "Förebyggande arbete ungdomar",
        "Trygga medborgare i ett tryggt centrum",
    ]
    acts = {act.title: act for _, act in plan.all_activities()}
    assert len(acts) == 7 - 1  # two rows titled Krogtillsyn
    contact = acts["Kontaktuppgifter ska lämnas mellan polis och skola"]
    assert contact.id == "kontaktuppgifter-ska-lamnas-mellan-polis"  # cut at 48, not at "och"
    assert contact.responsible == ["polis", "skola"] and contact.partners == []
    assert contact.when == "Under 2012" and contact.due == dt.date(2012, 12, 31)
    lecture = acts["Föreläsning för elever och föräldrar"]
    assert lecture.responsible == ["kommun"]
    assert lecture.partners == ["polis", "raddningstjanst", "lansstyrelsen"]
    assert lecture.due == dt.date(2012, 12, 31)
    assert lecture.goals == contact.goals  # an empty Mål cell inherits the goal above
    night = acts["Starta upp vuxna på stan"]
    assert night.repeat is not None and night.due is None
    hyperlink = next(a for t, a in acts.items() if t.startswith("=HYPERLINK"))
    assert hyperlink.title == '=HYPERLINK("http://evil.example";"klicka")'  # text, guard off
    assert hyperlink.due == dt.date(2012, 12, 1)
    assert plan.period.start == dt.date(2012, 1, 1) and plan.period.end == dt.date(2013, 12, 31)
    assert plan.title == "Handlingsplan för ökad trygghet 2012"  # the line above the header
    assert plan.kind == "action_plan" and plan.municipality == "Härnösands kommun"


def test_krogtillsyn_twice_gets_two_ids(tmp_path: Path) -> None:
    plan = imported_from(write_cp1252_csv(tmp_path)).plan
    ids = [a.id for _, a in plan.all_activities()]
    assert "krogtillsyn" in ids and "krogtillsyn-2" in ids
    first = activities(plan)["krogtillsyn"]
    assert first.repeat == RepeatPerYear(per_year=2)  # type: ignore[attr-defined]


def test_parties_from_the_ansvarig_texts(tmp_path: Path) -> None:
    parties = imported_from(write_cp1252_csv(tmp_path)).plan.parties
    kinds = {key: (p.name, p.type, p.part_of) for key, p in parties.items()}
    assert kinds == {
        "kommun": ("Härnösands kommun", "municipality", None),
        "polis": ("Polisen", "police", None),
        "skola": ("Skola", "municipal_unit", "kommun"),
        "raddningstjanst": ("Räddningstjänst", "municipal_unit", "kommun"),
        "lansstyrelsen": ("Länsstyrelsen", "authority", None),
        "foreningen-nattvandrarna": ("Föreningen Nattvandrarna", "organisation", None),
        "handeln": ("Handeln", "business", None),
        "socialtjansten": ("Socialtjänsten", "municipal_unit", "kommun"),
        "barn-och-utbildningsforvaltningen": (
            "Barn- och utbildningsförvaltningen",
            "municipal_unit",
            "kommun",
        ),
    }


def test_what_could_not_be_mapped_is_listed(tmp_path: Path) -> None:
    result = imported_from(write_cp1252_csv(tmp_path))
    notes = "\n".join(map(str, result.notes))
    assert "not UTF-8; read it as Windows-1252" in notes
    assert "Comments without a status, kept as `description`: rows 4" in notes
    assert "Empty rows skipped: 6" in notes
    assert "När gives no date or rhythm; add `due:` or `repeat:`: rows 8" in notes
    assert (
        "Period set from the years in the title and the När column: 2012-01-01 – 2013-12-31"
        in notes
    )
    assert "lansstyrelsen: Länsstyrelsen (authority)" in notes
    assert "Title taken from the line above the header: Handlingsplan för ökad" in notes
    assert [w.code for w in result.warnings] == ["R013"]
    # The YAML says it too, above the activity.
    assert "# När-texten ger inget datum" in result.yaml_text


def test_generated_yaml_is_readable_and_in_spec_order(tmp_path: Path) -> None:
    text = imported_from(write_cp1252_csv(tmp_path)).yaml_text
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/samplan.schema.json"
    assert "från tabellen handlingsplan.csv den 2026-11-22" in lines[1]
    keys = [line.split(":")[0] for line in lines if line and line[0].isalpha()]
    assert keys == [
        "samplan", "id", "kind", "title", "language", "municipality", "period", "parties",
        "areas",
    ]  # fmt: skip
    assert "  polis: {name: Polisen, type: police}" in lines
    assert '        title: =HYPERLINK("http://evil.example";"klicka")' in lines  # YAML text
    assert "        responsible: [polis, skola]" in lines


def test_utf8_with_bom_and_commas(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    text = (
        "Område,Mål,Aktivitet,När,Ansvarig\r\n"
        'Trafik,Säkrare trafik,"Nykterhetskontroller, fler",Under 2019,Polisen\r\n'
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = imported_from(path, plan_id="trafik-2019")
    act = result.plan.areas[0].activities[0]
    assert act.title == "Nykterhetskontroller, fler" and act.due == dt.date(2019, 12, 31)
    assert not any("Windows-1252" in str(n) for n in result.notes)


def test_headers_any_case_accents_and_configured_names(tmp_path: Path) -> None:
    path = tmp_path / "egen.csv"
    path.write_text("VAD;NAR;vem;Mal\nSkolbesök;Under 2020;Polisen;Tryggare skola\n", "utf-8")
    with pytest.raises(NoHeaderRow) as no_header:
        imported_from(path)
    assert no_header.value.data["source"] == "egen.csv"
    plan = imported_from(path, columns={"title": "Vad", "responsible": "Vem"}).plan
    act = plan.areas[0].activities[0]
    assert (act.title, act.when, act.responsible) == ("Skolbesök", "Under 2020", ["polis"])
    assert plan.areas[0].title == "Handlingsplan"  # no Område column: one area
    assert plan.areas[0].goals[0].text == "Tryggare skola"
    assert field_for("Åtgärd") == "title" and field_for("samverkanspartner") == "partners"
    # A coordinator's sheet often says only "Samverkan" (or "Samarbetspartner").
    assert field_for("Samverkan") == field_for("Samarbetspartner") == "partners"
    with pytest.raises(UnknownColumnField) as unknown:
        field_for("kostnad")
    assert unknown.value.data["name"] == "kostnad"


def test_xlsx_with_dates_and_section_rows(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Handlingsplan"
    sheet.append(["Område", "Mål", "Aktivitet", "När", "Ansvarig", "Slutdatum"])
    sheet.append(["Våld i nära relation", None, None, None, None, None])  # a section heading
    sheet.append([None, "Tidigt stöd", "Utbilda personal", "Hösten", "Socialtjänsten", None])
    sheet.append([None, None, "Ny rutin", None, "Socialtjänsten", dt.datetime(2025, 5, 31)])
    sheet.append([None, "–", "Öppet hus", "Under 2025", "Kommunen", None])  # – means no goal
    path = tmp_path / "plan.xlsx"
    book.save(path)
    plan = imported_from(path, plan_id="vald-2025").plan
    area = plan.areas[0]
    assert area.title == "Våld i nära relation" and area.id == "vald-i-nara-relation"
    utbilda, rutin, oppet = area.activities
    assert utbilda.due == dt.date(2025, 12, 31)  # "Hösten" in the one year of the period
    assert rutin.due == dt.date(2025, 5, 31) and rutin.goals == ["tidigt-stod"]
    assert oppet.goals == []


def test_word_tables_pasted_one_after_another(tmp_path: Path) -> None:
    """Tab-separated text as it comes out of a Word document: numbered headings,
    prose, a header row per table, footnotes."""
    lines = [
        "1. Förebyggande arbete ungdomar",
        "Mål\tAktivitet\tNär\tAnsvarig",
        "Ökad kontakt\tKontaktuppgifter lämnas\tUnder 2012\tPolis och skola",
        "",
        "2. Trygga medborgare i ett tryggt centrum",
        "Bakgrund",
        "Ett av målen är att minska oron. Det mäts i NTU. Siffrorna kommer i mars.",
        "Mål\tAktivitet\tNär\tAnsvarig",
        "Aktiv krogtillsyn\tSynliga poliser vid krogstängning\tKontinuerligt\tPolis",
        "\tTrygghetsvandring\tUnder hösten 2012\tKommun och polis",
        "¹ Brottsförebyggande rådets Nationella trygghetsundersökning.",
    ]
    path = tmp_path / "word.txt.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = imported_from(path)
    plan = result.plan
    assert plan.title.startswith("Handlingsplan för brottsförebyggande arbete")
    assert [(a.title, len(a.activities)) for a in plan.areas] == [
        ("1. Förebyggande arbete ungdomar", 1),
        ("2. Trygga medborgare i ett tryggt centrum", 2),
    ]
    walk = plan.areas[1].activities[1]
    assert walk.goals == ["aktiv-krogtillsyn"] and walk.due == dt.date(2012, 12, 31)
    notes = "\n".join(map(str, result.notes))
    assert "Repeated header rows skipped: rows 8" in notes
    assert "Rows with text in one cell only (prose, notes), not imported: rows 6, 7, 11" in notes
    assert "ansvarig" not in plan.parties


def test_several_plans_in_one_table_need_a_choice(tmp_path: Path) -> None:
    path = tmp_path / "alla.csv"
    path.write_text(
        "Plan;Aktivitet;När;Ansvarig\na-2020;Ett;2020;Polisen\nb-2020;Två;2020;Polisen\n",
        "utf-8",
    )
    with pytest.raises(SeveralPlansInTable) as several:
        imported_from(path)
    assert several.value.data == {"plans": "a-2020, b-2020"}
    plan = imported_from(path, from_plan="b-2020").plan
    assert [a.title for _, a in plan.all_activities()] == ["Två"]


def test_a_plan_that_would_not_validate_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pnr.csv"
    path.write_text(
        "Aktivitet;När;Ansvarig\n"
        "Kontakt med familjen;2020;Polisen\n"
        "Samtal med 811228-9874 om stöd;2020;Socialtjänsten\n",
        "utf-8",
    )
    with pytest.raises(ImportRefused) as refused:
        imported_from(path)
    [problem] = refused.value.problems
    assert problem.code == "P001" and problem.message.startswith("table row 3: ")
    with pytest.raises(NotAPlanId) as raised:
        imported_from(path, plan_id="Härnösand 2012")
    assert raised.value.data == {"plan_id": "Härnösand 2012", "example": "harnosand-2012"}


# --- the pieces ---------------------------------------------------------------------------


def test_slugify_and_goals() -> None:
    assert slugify("Trygghetsvandring i Östra centrum") == "trygghetsvandring-i-ostra-centrum"
    assert slugify("Minskad otrygghet vid resecentrum och Torget kvällstid", 40) == (
        "minskad-otrygghet-vid-resecentrum"
    )
    assert split_goals("• Färre bränder\n• Mindre klotter") == ["Färre bränder", "Mindre klotter"]
    assert split_goals("Minska förekomst av mängdbrott\noch ordningsstörningar") == [
        "Minska förekomst av mängdbrott och ordningsstörningar"
    ]


# --- export, then import: every activity comes back ------------------------------------


def effective_due(act: object, plan: Plan) -> dt.date | None:
    timing = schedule_of(act, plan)  # type: ignore[arg-type]
    return timing.due if timing.kind == "deadline" else None


def shown(plan: Plan, act: Activity) -> str:
    return item_status(schedule_of(act, plan), act.log, AS_OF)


def described(plan: Plan) -> list[tuple[object, ...]]:
    def names(keys: list[str]) -> list[str]:
        return [plan.parties[k].name for k in keys]

    return [
        (
            act.id,
            act.title,
            names(act.responsible),
            names(act.partners),
            act.when,
            effective_due(act, plan),
            area.title,
            shown(plan, act),
        )
        for area, act in plan.all_activities()
    ]


@functools.cache
def plans_as_read() -> dict[str, Plan]:
    return {Path(f.file).name: plan for f, plan in read_plans([PLANS], AS_OF).plans()}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("plan_file", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.stem)
def test_round_trip_keeps_every_activity(plan_file: Path, fmt: str, tmp_path: Path) -> None:
    """Export, import: the same activities, parties, dates and statuses; from xlsx also the
    same title, kind and period (its sheet Om says them; a CSV has only the rows)."""
    # As export reads it: a family's child with what it inherits (its parent's parties).
    original = plans_as_read()[plan_file.name]
    rows = plan_rows(str(plan_file), original, AS_OF)
    table = tmp_path / f"export.{fmt}"
    table.write_bytes((to_xlsx if fmt == "xlsx" else to_csv)(rows, AS_OF))
    again = imported_from(table, plan_id=original.id, municipality=original.municipality).plan
    assert described(again) == described(original)
    if fmt == "xlsx":
        assert (again.title, again.kind) == (original.title, original.kind)
        assert again.period == original.period
    else:
        dues = [d for _, act in again.all_activities() if (d := effective_due(act, again))]
        assert again.period.start <= min(dues) and max(dues) <= (again.period.end or max(dues))
