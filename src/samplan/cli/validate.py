"""`samplan validate`: every problem in every plan, with FILE:LINE:COL."""

from __future__ import annotations

import enum

import typer

from samplan.cli.app import app
from samplan.cli.common import AsOf, Paths, as_of_date, read_corpus, use_color
from samplan.formats import FORMATS

OutputFormat = enum.Enum("OutputFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


@app.command()
def validate(
    paths: Paths = None,
    output_format: OutputFormat = typer.Option(
        "text", "--format", "-f", help="text, json (stable shape) or github (annotations)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Warnings also fail (exit 1)."),
    as_of: AsOf = None,
) -> None:
    """Check plans against the format and the rules; report every problem.

    Exit codes: 0 no problems (warnings allowed), 1 problems found,
    2 usage error, 3 internal error.

    Example: samplan validate plans/ --format github
    """
    corpus = read_corpus(paths, as_of_date(as_of), contents=False)  # problems are all it shows
    formatter = FORMATS[output_format.value]
    color = use_color()
    # click strips ANSI codes when stdout is not a terminal unless told otherwise (FORCE_COLOR).
    typer.echo(formatter(corpus.problems, len(corpus.files), color), color=color)
    if corpus.errors or (strict and corpus.warnings):
        raise typer.Exit(1)
