"""`samplan init`: start a plans repository for a kommun."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samplan.cli.app import app
from samplan.cli.common import AsOf, as_of_date, municipality_option
from samplan.errors import UsageError
from samplan.messages import _


@app.command()
def init(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Folder of the new repository (made if missing); `.` for the current folder.",
        ),
    ],
    municipality: Annotated[
        str, typer.Option("--municipality", help='The kommun, e.g. "Sjöviks kommun".')
    ] = "Min kommun",
    plan_id: Annotated[
        str | None,
        typer.Option("--id", help="Id of the starter plan. Default: from the kommun and the year."),
    ] = None,
    police_area: Annotated[
        str | None, typer.Option("--police-area", help='e.g. "Lokalpolisområde Sjövik".')
    ] = None,
    as_of: AsOf = None,
) -> None:
    """Start a plans repository: plans/ with a commented starter plan that
    validates, the schema for the editor, a pre-commit hook that runs
    `samplan validate`, and a short README in Swedish for the kommun's staff.

    Existing files are never overwritten (exit 2, naming them).

    Example: samplan init trygghetsplaner --municipality "Sjöviks kommun"
    """
    from samplan.scaffold import starter_files, write_starter

    if directory.exists() and not directory.is_dir():
        raise UsageError(
            _("{path} is a file, not a folder; give the folder for the new repository").format(
                path=directory
            )
        )
    files = starter_files(
        as_of_date(as_of), municipality_option(municipality), plan_id, police_area
    )
    for path in write_starter(directory, files):
        typer.echo(_("Created {path}").format(path=path))
    typer.echo(
        _(
            "Next: cd {folder}, edit {plan}, run `samplan validate`, "
            "and `git init && pre-commit install` to check every change."
        ).format(folder=directory, plan=files[0].path)
    )
