"""`samplan calendar`: deadlines as an iCalendar file to subscribe to in Outlook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samplan.cli.app import app
from samplan.cli.common import (
    Area,
    AsOf,
    Party,
    Paths,
    PlanId,
    as_of_date,
    date_option,
    progress,
    read_usable_plans,
    write_output,
)
from samplan.errors import UsageError
from samplan.messages import _, ngettext


@app.command()
def calendar(
    paths: Paths = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this .ics file (`-` for stdout). Default: stdout."
        ),
    ] = None,
    as_of: AsOf = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from", help="First day to include (YYYY-MM-DD). Default: each plan's start."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Last day to include (YYYY-MM-DD). Default: each plan's end (a plan that "
            "runs until further notice: one year after --as-of).",
        ),
    ] = None,
    party: Party = None,
    area: Area = None,
    plan: PlanId = None,
) -> None:
    """Write every deadline and recurring occurrence (activities and the plans'
    own follow-up) as all-day events in an iCalendar (.ics) file.

    Each event keeps its UID when its status or title changes, so a calendar
    that subscribes to the file updates instead of duplicating. The title says
    when something is overdue (Försenad) or done (Genomförd) as of --as-of.
    Exit codes: 0 done, 1 a plan had errors, 2 usage error, 3 internal error.

    Example: samplan calendar plans/ --party kommun -o kommunens-planer.ics
    """
    from samplan.calendar import Window, calendar_name, plan_events, to_ical
    from samplan.query import check_known

    day = as_of_date(as_of)
    window = Window(date_option(start, "--from"), date_option(until, "--until"))
    if window.start and window.end and window.end < window.start:
        raise UsageError(
            _("--until {until} is before --from {start}").format(
                until=window.end, start=window.start
            )
        )
    plans, had_errors = read_usable_plans(paths, day, plan)
    check_known(plans, party, area)
    events = [
        event
        for file, one in progress(plans, _("Collecting deadlines"))
        for event in plan_events(file, one, day, window, party, area)
    ]
    data = to_ical(events, calendar_name([one for _file, one in plans]), day)
    wrote = ngettext(
        "Wrote {events} of {n} plan to {path}.",
        "Wrote {events} of {n} plans to {path}.",
        len(plans),
    ).format(
        events=ngettext("{n} event", "{n} events", len(events)).format(n=len(events)),
        n=len(plans),
        path=output,
    )
    write_output(data, output, wrote)
    if had_errors:
        raise typer.Exit(1)
