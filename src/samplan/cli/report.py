"""`samplan report`: follow-up reports as Markdown, HTML or PDF/A, one plan or many."""

from __future__ import annotations

import enum
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from samplan.cli.app import app
from samplan.cli.common import (
    AsOf,
    Paths,
    as_of_date,
    date_option,
    format_for,
    paths_or_default,
    read_usable_plans,
    to_stdout,
    write_output,
)
from samplan.errors import UsageError
from samplan.messages import _, ngettext

if TYPE_CHECKING:
    import datetime as dt

    from samplan.model import Plan
    from samplan.periods import Period
    from samplan.render import Format
    from samplan.report import PlanVersion
    from samplan.report_chain import Family


class ReportFormat(enum.StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"


class Audience(enum.StrEnum):
    council = "council"
    public = "public"


class ReportLanguage(enum.StrEnum):
    sv = "sv"
    en = "en"


@app.command()
def report(
    paths: Paths = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="2026Q3 (quarter), 2026T2 (tertial: T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec), "
            "2026H1 (half-year) or 2026 (year). Default: the tertial that contains --as-of.",
        ),
    ] = None,
    date_from: Annotated[
        str | None,
        typer.Option("--from", help="First day of a period of your own (YYYY-MM-DD), with --to."),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option("--to", help="Last day of a period of your own (YYYY-MM-DD), with --from."),
    ] = None,
    as_of: AsOf = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="md, html or pdf (PDF/A-2a, for the diarium). "
            "Default: from the -o file name, else md.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file. With several plans, or a folder: a folder that gets one "
            "report per plan (<plan id>.html) and an index page. Default: standard output.",
        ),
    ] = None,
    lang: Annotated[
        ReportLanguage | None,
        typer.Option("--lang", help="sv or en. Default: the plan's `language` (Swedish)."),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir",
            help="Folder with your own templates, used before the built-in ones "
            "(see docs/report.md).",
        ),
    ] = None,
    audience: Annotated[
        Audience,
        typer.Option(
            "--audience",
            help="council: the follow-up report for the nämnd (default). public: a short "
            "page in plain language for residents on the plan's citizen promises.",
        ),
    ] = Audience.council,
) -> None:
    """Render the follow-up report of a plan for a period, as Markdown, HTML or PDF/A.

    Plans with errors are reported on stderr and skipped; the others are
    still rendered. Exit codes: 0 done, 1 a plan had errors, 2 usage error,
    3 internal error.

    Examples:

      samplan report plans/demo-sjovik-2026.yaml --period 2026T3 -o report.html

      samplan report plans/demo-sjovik-2026.yaml --period 2026T3 -o rapport.pdf

      samplan report plans/ --period 2026T3 --format html -o reports/

      samplan report plans/demo-sjovik-2026.yaml --audience public -o lofte.html
    """
    from samplan.corpus import discover
    from samplan.render import render_all, render_one, render_public
    from samplan.report_chain import families
    from samplan.writing import write_file

    today = as_of_date(as_of)
    chosen = _period(period, date_from, date_to, today)
    chosen_format = ReportFormat(
        format_for(
            output_format, output, list(ReportFormat), "md", {"htm": "html", "markdown": "md"}
        )
    )
    language = lang.value if lang is not None else None
    sources = paths_or_default(paths)
    to_folder = (
        output is not None
        and not to_stdout(output)
        and (
            output.is_dir()
            or str(output).endswith(("/", "\\"))
            or any(p.is_dir() for p in sources)
            or len(discover(sources)) > 1
        )
    )
    # A PDF is the HTML page printed; `fmt` is the template's format.
    fmt: Format = "md" if chosen_format is ReportFormat.md else "html"
    pdf = chosen_format is ReportFormat.pdf
    if pdf and output is None and sys.stdout.isatty():
        raise UsageError(_("a PDF cannot be shown in the terminal: give -o FILE.pdf"))
    usable, had_errors = read_usable_plans(paths, today, None)
    plans = [(file, plan, _plan_version(Path(file))) for file, plan in usable]
    for file, plan, _version in plans:
        _note_outside(file, plan.period.start, plan.period.end, chosen)

    if audience is Audience.public and (to_folder or len(plans) > 1):
        raise UsageError(_("--audience public makes the page of one plan: give one plan file"))
    if audience is Audience.public and plans:
        file, plan, _version = plans[0]
        family = families([(file, plan)], today)[file]
        text = render_public(plan, chosen, today, fmt, language, template_dir, file, family)
        write_output(_encoded(text, pdf), output)
        _note_promises_below(file, plan, family)
    elif to_folder:
        assert output is not None
        if output.exists() and not output.is_dir():
            raise UsageError(
                _("-o {output}: several reports need a folder, and this is a file").format(
                    output=output
                )
            )
        suffix = chosen_format.value
        files = render_all(plans, chosen, today, fmt, language, template_dir, suffix)
        pages = {name: _encoded(text, pdf) for name, text in files.items()}
        for name, data in pages.items():
            write_file(output / name, data)
        wrote = ngettext(
            "Wrote {n} report and {index}.", "Wrote {n} reports and {index}.", len(files) - 1
        )
        typer.echo(wrote.format(n=len(files) - 1, index=output / f"index.{suffix}"), err=True)
    elif len(plans) == 1:
        file, plan, version = plans[0]
        family = families([(file, plan)], today)[file]  # its parent and children, by folder
        text = render_one(plan, chosen, today, fmt, language, template_dir, file, version, family)
        write_output(_encoded(text, pdf), output)
    elif plans:
        raise UsageError(_("several plans found: give -o FOLDER to write one report per plan"))
    if had_errors:
        raise typer.Exit(1)


def _encoded(text: str, pdf: bool) -> bytes:
    """The rendered page as the bytes to write: UTF-8 text, or the page printed to PDF/A."""
    if not pdf:  # "replace": a file name with bytes that are not UTF-8 gets `?`
        return text.encode("utf-8", "replace")
    from samplan.cli import ISSUES_HINT
    from samplan.pdf import PdfFailed, html_to_pdf

    try:
        return html_to_pdf(text)  # PdfUnavailable is a usage error (exit 2) with its hint
    except PdfFailed as err:  # WeasyPrint's own failure: one line and exit 3, no traceback
        message = _("samplan: internal error: the PDF could not be made: {error}")
        typer.echo(message.format(error=err.reason), err=True)
        typer.echo(_(ISSUES_HINT), err=True)
        raise typer.Exit(3) from None


def _period(
    period: str | None, date_from: str | None, date_to: str | None, today: dt.date
) -> Period:
    from samplan.periods import parse_period, period_containing, period_from_range

    if date_from is not None or date_to is not None:
        if period is not None:
            raise UsageError(_("give either --period or --from/--to, not both"))
        start = date_option(date_from, "--from")
        end = date_option(date_to, "--to")
        if start is None or end is None:
            raise UsageError(_("--from and --to go together"))
        return period_from_range(start, end)
    if period is None:
        return period_containing(today, "tertial")
    return parse_period(period)


def _note_outside(file: str, start: dt.date, end: dt.date | None, period: Period) -> None:
    """A period the plan does not cover is usually a typo in the year."""
    if period.end < start or (end is not None and period.start > end):
        note = _(
            "samplan: note: {file}: period {period} is outside the plan's validity "
            "({start} to {end})"
        ).format(
            file=file,
            period=period.code,
            start=start.isoformat(),
            end=end.isoformat() if end else _("further notice"),
        )
        print(note, file=sys.stderr)


def _note_promises_below(file: str, plan: Plan, family: Family) -> None:
    """An agreement whose medborgarlöfte is a plan of its own makes a page without promises:
    name the plans below it that hold them, so the page for residents can be made from them."""
    from samplan.report_public import promises

    if promises(plan):
        return
    holders = [other.id for other in family.others if other.parent == plan.id and promises(other)]
    if holders:
        typer.echo(
            _(
                "{file} makes no citizen promises itself; they are in the plan {holders} "
                "below it: make the page for residents from that plan's file"
            ).format(file=file, holders=", ".join(holders)),
            err=True,
        )


def _plan_version(path: Path) -> PlanVersion | None:
    """The last commit of the plan file, or None outside git (or without git installed)."""
    import datetime as dt

    from samplan.report import PlanVersion

    folder = path.resolve().parent
    name = path.name
    try:
        log = subprocess.run(
            ["git", "log", "-1", "--format=%h %cs", "--", name],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if log.returncode != 0 or not log.stdout.strip():
            return None
        commit, day = log.stdout.split()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", name],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        return PlanVersion(commit, dt.date.fromisoformat(day), bool(status.stdout.strip()))
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
