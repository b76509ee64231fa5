"""`samplan log`: record progress on an activity or follow-up item without editing YAML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from samplan.cli.app import app
from samplan.cli.common import AsOf, as_of_date, date_option, use_color
from samplan.listing import STATUS_WORDS
from samplan.messages import _


@app.command(name="log")
def log_command(
    plan: Annotated[
        Path, typer.Argument(metavar="PLAN", help="The plan file (YAML) to add the entry to.")
    ],
    item: Annotated[
        str,
        typer.Argument(
            metavar="ACTIVITY", help="Id of the activity (any area) or of a follow-up item."
        ),
    ],
    status: Annotated[
        str, typer.Option("--status", "-s", help="planned, ongoing, done, cancelled or paused.")
    ],
    note: Annotated[
        str | None,
        typer.Option("--note", "-n", help="What happened; required with --status cancelled (why)."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", help="Date of the entry (YYYY-MM-DD); default: today."),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help="Party key or body id of who reports it, e.g. polis or bra."),
    ] = None,
    assessment: Annotated[
        str | None,
        typer.Option("--assessment", "-a", help="Traffic light: green, yellow or red."),
    ] = None,
    count: Annotated[
        int | None,
        typer.Option("--count", "-c", help="Units of work it reports, e.g. 2 trygghetsvandringar."),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="PERIOD",
            help="The period it reports on: 2019, 2019H2, 2019T3 or 2019Q4.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the change as a diff and write nothing.")
    ] = False,
    as_of: AsOf = None,
) -> None:
    """Add a log entry to an activity or follow-up item; nothing else in the file changes.

    The entry goes into the YAML file in the style of the log around it (in date
    order); comments, quoting, blank lines and line endings stay as they were.
    The plan must validate before and after; otherwise the file is not changed
    and the problems are printed (exit 1).

    Example: samplan log plans/demo-sjovik-2026.yaml trygghetsvandringar --status done
    --note "Trygghetsvandring i Norrbacka; 31 deltagare." --by kommunledning

    Example: samplan log plans/demo-sjovik-2026.yaml trygghetsvandringar --status done
    --count 2 --for 2026T3 --by kommunledning
    """
    from samplan.formats import as_text
    from samplan.logbook import record

    today = as_of_date(as_of)
    on = date_option(date, "--date") or today
    outcome = record(
        plan,
        item,
        status=status,
        on=on,
        today=today,
        note=note,
        by=by,
        assessment=assessment,
        count=count,
        period=period,
        write=not dry_run,
    )
    color = use_color(sys.stderr)
    if outcome.refused == "invalid_before":
        typer.echo(
            _("{plan} has errors; fix them first (the file was not changed):").format(plan=plan),
            err=True,
        )
        typer.echo(as_text(outcome.problems, 1, color), err=True)
        raise typer.Exit(1)
    if outcome.refused == "invalid_after":
        typer.echo(
            _(
                "Not logged: with this entry {plan} would not validate (the file was not "
                "changed; lines are as they would be after the edit):"
            ).format(plan=plan),
            err=True,
        )
        typer.echo(as_text(outcome.problems, 1, color), err=True)
        raise typer.Exit(1)
    if outcome.kind == "follow_up":
        done = _("{status} for follow-up item {item} in {plan} ({date})")
    else:
        done = _("{status} for {item} in {plan} ({date})")
    done = done.format(status=_(STATUS_WORDS.get(status, status)), item=item, plan=plan, date=on)
    if dry_run:
        typer.echo(outcome.diff(), nl=False)
        typer.echo(_("Would log {entry}; nothing written (--dry-run).").format(entry=done))
    else:
        typer.echo(_("Logged {entry}.").format(entry=done))
    if outcome.problems:  # warnings the new entry brings; they do not block it
        typer.echo(as_text(outcome.problems, 1, color), err=True)
