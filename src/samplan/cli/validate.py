"""`samplan validate`: every problem in every plan, with FILE:LINE:COL."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from samplan.cli.app import app
from samplan.cli.common import AS_OF_HELP, as_of_date, paths_or_default, use_color
from samplan.errors import UsageError
from samplan.formats import FORMATS

OutputFormat = enum.Enum("OutputFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


@app.command()
def validate(
    paths: list[Path] = typer.Argument(
        None, help="Plan files or folders (searched for *.yaml, *.yml). Default: plans/"
    ),
    output_format: OutputFormat = typer.Option(
        "text", "--format", "-f", help="text, json (stable shape) or github (annotations)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Warnings also fail (exit 1)."),
    as_of: str | None = typer.Option(None, "--as-of", help=AS_OF_HELP),
) -> None:
    """Check plans against the format and the rules; report every problem.

    Exit codes: 0 no problems (warnings allowed), 1 problems found,
    2 usage error, 3 internal error.

    Example: samplan validate plans/ --format github
    """
    from samplan.corpus import read_plans  # heavy (pydantic): only when the command runs

    corpus = read_plans(paths_or_default(paths), as_of_date(as_of))
    if not corpus.files:
        raise UsageError("no plan files (*.yaml, *.yml) found in " + ", ".join(map(str, paths)))
    formatter = FORMATS[output_format.value]
    color = use_color()
    # click strips ANSI codes when stdout is not a terminal unless told otherwise (FORCE_COLOR).
    typer.echo(formatter(corpus.problems, len(corpus.files), color), color=color)
    if corpus.errors or (strict and corpus.warnings):
        raise typer.Exit(1)
