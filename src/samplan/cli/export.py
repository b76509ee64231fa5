"""`samplan export`: one row per activity as Excel (xlsx), CSV or JSON."""

from __future__ import annotations

import enum
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
    format_for,
    progress,
    read_usable_plans,
    working,
    write_output,
)
from samplan.errors import UsageError
from samplan.messages import _, ngettext


class ExportFormat(enum.StrEnum):
    xlsx = "xlsx"
    csv = "csv"
    json = "json"


@app.command()
def export(
    paths: Paths = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (needed for xlsx; `-` for stdout). Default: stdout.",
        ),
    ] = None,
    output_format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="xlsx (Excel), csv (`;`-separated UTF-8, as Swedish Excel reads it) or json "
            "(stable shape with a `version` key). Default: from the -o file name, else csv.",
        ),
    ] = None,
    as_of: AsOf = None,
    party: Party = None,
    area: Area = None,
    plan: PlanId = None,
) -> None:
    """Export every activity as a status sheet: plan, area, goals, title, responsible,
    partners, when, due, status, latest note and whether it is overdue.

    The sheet can be edited and read back with `samplan import`. Text that
    begins like a formula (=, +, -, @) is always written as text.
    Plans with errors are reported on stderr and skipped. Exit codes: 0 done,
    1 a plan had errors, 2 usage error, 3 internal error.

    Example: samplan export plans/ --party polis -o status-polisen.xlsx
    """
    from samplan.export import EXPORT_FORMATS, plan_rows
    from samplan.query import check_known

    fmt = format_for(output_format, output, list(ExportFormat), "csv")
    if fmt == "xlsx" and output is None:
        raise UsageError(_("xlsx is a binary file: give a file name with -o, e.g. -o status.xlsx"))
    day = as_of_date(as_of)
    plans, had_errors = read_usable_plans(paths, day, plan)
    check_known(plans, party, area)
    rows = [
        row
        for file, one in progress(plans, _("Exporting"))
        for row in plan_rows(file, one, day, party, area)
    ]
    with working(_("Writing {format} ...").format(format=fmt)):
        data = EXPORT_FORMATS[fmt](rows, day)
    count = len({r.plan_id for r in rows})
    wrote = ngettext(
        "Wrote {activities} of {n} plan to {path}.",
        "Wrote {activities} of {n} plans to {path}.",
        count,
    ).format(
        activities=ngettext("{n} activity", "{n} activities", len(rows)).format(n=len(rows)),
        n=count,
        path=output,
    )
    write_output(data, output, wrote)
    if had_errors:
        raise typer.Exit(1)
