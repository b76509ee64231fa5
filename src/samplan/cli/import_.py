"""`samplan import`: a table (Excel or CSV) of activities into a plan file."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from samplan.cli.app import app
from samplan.cli.common import (
    AsOf,
    as_of_date,
    date_option,
    municipality_option,
    to_stdout,
    use_color,
    write_output,
)
from samplan.errors import UsageError
from samplan.messages import Msg, _, ngettext

SCHEMA_FILE = Path("schema") / "samplan.schema.json"


class PlanKind(enum.StrEnum):
    action_plan = "action_plan"
    agreement = "agreement"
    annex = "annex"
    citizen_promise = "citizen_promise"


class PlanLanguage(enum.StrEnum):
    sv = "sv"
    en = "en"


@app.command(name="import")
def import_table(
    table: Annotated[
        Path,
        typer.Argument(
            metavar="TABLE", help="The table: .xlsx, or .csv (`;` or `,`, UTF-8 or Windows-1252)."
        ),
    ],
    plan_id: Annotated[str, typer.Option("--id", help="Id of the new plan, e.g. sjovik-2026.")],
    municipality: Annotated[
        str, typer.Option("--municipality", help='The kommun, e.g. "Sjöviks kommun".')
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The plan file to write (`-` for stdout). Default: plans/ID.yaml.",
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title of the plan.")] = None,
    kind: Annotated[
        PlanKind | None,
        typer.Option("--kind", help="Kind of plan. Default: from an export, else action_plan."),
    ] = None,
    lang: Annotated[
        PlanLanguage, typer.Option("--language", help="Language of the plan text.")
    ] = PlanLanguage.sv,
    police_area: Annotated[
        str | None, typer.Option("--police-area", help='e.g. "Lokalpolisområde Sjövik".')
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", help="First day of the plan (YYYY-MM-DD). Default: from När."),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--end", help="Last day of the plan (YYYY-MM-DD). Default: from När."),
    ] = None,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            help="Which header holds a field, as FIELD=HEADER, e.g. --column aktivitet=Vad. "
            "Fields: omrade, mal, aktivitet, nar, ansvarig, samverkanspartner, slutdatum, "
            "tillvagagangssatt, beskrivning, id, plan. Repeat for more.",
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="Excel sheet to read. Default: the first.")
    ] = None,
    from_plan: Annotated[
        str | None,
        typer.Option("--from-plan", help="Only rows whose Plan column says this (an export)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the output file if it exists.")
    ] = False,
    as_of: AsOf = None,
) -> None:
    """Turn a table with the usual columns (Område, Mål, Aktivitet, När, Ansvarig,
    Samverkanspartner) into a plan file that validates.

    Headers are matched without regard to case or accents. Parties are made from
    the Ansvarig texts ("Kommunen i samverkan med polisen" gives the lead kommun
    and the partner polis); `when` keeps the När text and `due` or `repeat` is
    read from it. The plan is written only if it validates; what could not be
    mapped is listed. Exit codes: 0 written, 1 the plan would not validate
    (nothing written), 2 usage error, 3 internal error.

    Example: samplan import docs/examples/handlingsplan-2025.csv --id sjovik-2025
    --municipality "Sjöviks kommun" -o plans/sjovik-2025.yaml
    """
    from samplan.formats import as_text
    from samplan.importer import ImportOptions, ImportRefused, import_table

    day = as_of_date(as_of)
    columns = _columns(column or [])
    target = output or Path("plans") / f"{plan_id}.yaml"
    if target.is_dir():
        raise UsageError(
            _("-o {path} is a folder; name the plan file to write, e.g. {example}").format(
                path=target, example=target / f"{plan_id}.yaml"
            )
        )
    if not to_stdout(target) and target.exists() and not force:
        raise UsageError(
            _("{path} exists; choose another -o or add --force to overwrite it").format(path=target)
        )
    options = ImportOptions(
        plan_id=plan_id,
        municipality=municipality_option(municipality),
        title=title,
        kind=kind.value if kind else None,
        language=lang.value,
        police_area=police_area,
        start=date_option(start, "--start"),
        end=date_option(end, "--end"),
        columns=columns,
        sheet=sheet,
        from_plan=from_plan,
        schema=_schema_path(target),
    )
    try:
        imported = import_table(table, options, day)
    except ImportRefused as refused:
        typer.echo(as_text(refused.problems, 1, use_color(sys.stderr)), err=True)
        _notes(refused.notes)
        typer.echo(
            _("The plan made from the table would not validate; nothing was written."), err=True
        )
        raise typer.Exit(1) from None
    write_output(imported.yaml_text.encode("utf-8"), target)
    plan = imported.plan
    activities, areas, goals = len(plan.all_activities()), len(plan.areas), len(plan.all_goals())
    counts = {
        "activities": ngettext("{n} activity", "{n} activities", activities).format(n=activities),
        "areas": ngettext("{n} area", "{n} areas", areas).format(n=areas),
        "goals": ngettext("{n} goal", "{n} goals", goals).format(n=goals),
        "parties": ngettext("{n} party", "{n} parties", len(plan.parties)).format(
            n=len(plan.parties)
        ),
    }
    typer.echo(
        _("Wrote {path}: {activities} in {areas}, {goals}, {parties} from {source}.").format(
            path=target, source=imported.source, **counts
        ),
        err=True,
    )
    if imported.warnings:
        typer.echo(as_text(imported.warnings, 1, use_color(sys.stderr)), err=True)
    _notes(imported.notes)
    typer.echo(
        _("Next: read the file through, then run `samplan validate {path}`.").format(path=target),
        err=True,
    )


def _notes(notes: list[Msg]) -> None:
    if notes:
        typer.echo(_("Check these:"), err=True)
        for note in notes:
            typer.echo(f"  - {note.local()}", err=True)


def _columns(given: list[str]) -> dict[str, str]:
    """`aktivitet=Vad` -> {"title": "Vad"}."""
    from samplan.columns import field_for

    columns = {}
    for text in given:
        key, sep, header = text.partition("=")
        if not sep or not header.strip():
            raise UsageError(
                _("--column `{value}`: write FIELD=HEADER, e.g. --column aktivitet=Vad").format(
                    value=text
                )
            )
        columns[field_for(key)] = header.strip()
    return columns


def _schema_path(target: Path) -> str:
    """The modeline's path to schema/samplan.schema.json, from the plan file's folder.

    The nearest folder above the plan that has the schema wins; without one, the
    layout `samplan init` makes (plans/ beside schema/) is assumed.
    """
    folder = target.resolve().parent
    for root in [folder, *folder.parents]:
        if (root / SCHEMA_FILE).is_file():
            return Path(os.path.relpath(root / SCHEMA_FILE, folder)).as_posix()
    return "../schema/samplan.schema.json"
