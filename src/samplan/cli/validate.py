"""`samplan validate`: every problem in every plan, with FILE:LINE:COL."""

from __future__ import annotations

import enum

import typer

from samplan.cli.app import app
from samplan.cli.common import AsOf, Paths, as_of_date, read_corpus, use_color
from samplan.formats import FORMATS
from samplan.messages import _

OutputFormat = enum.Enum("OutputFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


@app.command()
def validate(
    paths: Paths = None,
    output_format: OutputFormat = typer.Option(
        "text", "--format", "-f", help="text, json (stable shape) or github (annotations)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Warnings also fail (exit 1)."),
    as_of: AsOf = None,
    law: bool = typer.Option(
        False,
        "--law",
        help="Check every plan against Lag (2023:196) and Brå's method (codes Lnnn), not "
        "only agreements and action plans whose period starts on or after 2023-07-01.",
    ),
    situation_max_age: str = typer.Option(
        "2y",
        "--situation-max-age",
        metavar="AGE",
        help="How old a lägesbild may be at the as-of date before L003 warns: years or "
        "months, e.g. 3y, 18m. The default, 2y, is the interval SOU 2021:49 proposed.",
    ),
) -> None:
    """Check plans against the format and the rules; report every problem.

    Exit codes: 0 no problems (warnings allowed), 1 problems found,
    2 usage error, 3 internal error.

    Example: samplan validate plans/ --format github
    """
    from samplan.law import LawSettings, parse_age

    age = parse_age(situation_max_age)
    if age is None:
        raise typer.BadParameter(
            _("`{value}` is not an age; use years or months: 2y, 18m").format(
                value=situation_max_age
            ),
            param_hint="--situation-max-age",
        )
    settings = LawSettings(every_plan=law, situation_max_age=age)
    # Problems are all it shows: the plans' contents are not kept.
    corpus = read_corpus(paths, as_of_date(as_of), contents=False, law=settings)
    formatter = FORMATS[output_format.value]
    color = use_color()
    # click strips ANSI codes when stdout is not a terminal unless told otherwise (FORCE_COLOR).
    typer.echo(formatter(corpus.problems, len(corpus.files), color), color=color)
    if corpus.errors or (strict and corpus.warnings):
        raise typer.Exit(1)
