"""Output formats for lists of deadlines (`overdue`, `upcoming`), from a registry.

Each formatter takes a `Listing` and returns the text to print; the CLI only
picks one by name. This module stays light (no pydantic, no rich) because the
CLI reads the format names at startup.

The JSON shape is stable (key `version`); fields are only ever added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import msgspec

from samplan.messages import N_, _, active_language, ngettext

if TYPE_CHECKING:
    import datetime as dt

    from samplan.query import Deadline

JSON_VERSION = 1
PLAN_WIDTH = 24  # plan ids are slugs such as `harnosand-2012`; longer ones wrap
RESPONSIBLE_WIDTH = 24


class Expired(msgspec.Struct, frozen=True):
    """A plan whose period ended before the as-of date."""

    plan_id: str
    title: str
    file: str
    ended: dt.date
    rows: int  # its deadlines that match the command and filters


class Listing(msgspec.Struct, frozen=True):
    """What `overdue` or `upcoming` found in the plans it looked at."""

    command: Literal["overdue", "upcoming"]
    as_of: dt.date
    until: dt.date | None  # last day looked at by `upcoming`; None for `overdue`
    plans: int  # plans looked at (after --plan)
    rows: list[Deadline]
    expired: list[Expired]
    expired_rows_listed: bool  # whether `rows` includes the expired plans' rows


Formatter = Callable[[Listing, bool, int], str]  # (listing, color, width) -> text


# The statuses as the table shows them; json and csv keep the values.
STATUS_WORDS = {
    "planned": N_("planned"),
    "ongoing": N_("ongoing"),
    "done": N_("done"),
    "cancelled": N_("cancelled"),
    "paused": N_("paused"),
}


def ordinal(n: int) -> str:
    """`3rd`, or in Swedish `3:e`."""
    if active_language() == "sv":
        return f"{n}:{'a' if n % 10 in (1, 2) and n % 100 not in (11, 12) else 'e'}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def summary(listing: Listing) -> str:
    """The last line, in the user's language."""
    plans = ngettext("{n} plan", "{n} plans", listing.plans).format(n=listing.plans)
    if listing.expired:
        plans = _("{plans} ({expired} expired)").format(plans=plans, expired=len(listing.expired))
    n = len(listing.rows)
    if listing.command == "overdue":
        if not n:
            return _("Nothing overdue as of {as_of} in {plans}.").format(
                as_of=listing.as_of, plans=plans
            )
        return ngettext(
            "{n} missed deadline in {plans} as of {as_of}.",
            "{n} missed deadlines in {plans} as of {as_of}.",
            n,
        ).format(n=n, plans=plans, as_of=listing.as_of)
    if not n:
        return _("Nothing due from {as_of} to {until} in {plans}.").format(
            as_of=listing.as_of, until=listing.until, plans=plans
        )
    return ngettext(
        "{n} deadline from {as_of} to {until} in {plans}.",
        "{n} deadlines from {as_of} to {until} in {plans}.",
        n,
    ).format(n=n, as_of=listing.as_of, until=listing.until, plans=plans)


def expired_lines(listing: Listing) -> list[str]:
    lines = []
    for e in listing.expired:
        line = _("Plan {plan} ({file}) expired on {ended}").format(
            plan=e.plan_id, file=e.file, ended=e.ended
        )
        if e.rows and not listing.expired_rows_listed:
            if listing.command == "overdue":
                unlisted = ngettext(
                    "{n} missed deadline not listed (--include-expired)",
                    "{n} missed deadlines not listed (--include-expired)",
                    e.rows,
                )
            else:
                unlisted = ngettext(
                    "{n} deadline not listed (--include-expired)",
                    "{n} deadlines not listed (--include-expired)",
                    e.rows,
                )
            line += "; " + unlisted.format(n=e.rows)
        lines.append(line + ".")
    return lines


def as_table(listing: Listing, color: bool, width: int) -> str:
    """A text table; the plan column only when more than one plan was looked at."""
    from samplan.textable import Cell, Column, Style, render

    several = listing.plans > 1
    columns = [
        *([Column(_("Plan"), max_width=PLAN_WIDTH)] if several else []),
        Column(_("Item"), wrap=True),
        Column(_("Responsible"), max_width=RESPONSIBLE_WIDTH),
        Column(_("Due")),
        Column(_("Days late") if listing.command == "overdue" else _("Days left"), right=True),
        Column(_("Status")),
    ]
    rows: list[list[Cell]] = []
    for row in listing.rows:
        kind = " " + _("(follow-up)") if row.item_kind == "follow_up" else ""
        due: list[tuple[str, Style]] = [(str(row.due), "")]
        due.extend((line, "dim") for line in _occurrence_words(row))
        cells: list[Cell] = [
            [(row.item_id + kind, "bold"), (row.title, "")],
            [(", ".join(row.responsible) or "–", "")],
            due,
            [(str(abs(row.days_late)), "")],
            [(_(STATUS_WORDS[row.shown_status]), "")],
        ]
        rows.append([[(row.plan_id, "")], *cells] if several else cells)
    lines = [render(columns, rows, width, color)] if rows else []
    lines += [*expired_lines(listing), summary(listing)]
    return "\n".join(lines)


def _occurrence_words(row: Deadline) -> list[str]:
    """Which occurrence a deadline is and how far its work has come, in words:
    `3rd time in 2026`, `2 of 3 done`; a one-off only when it counts units."""
    words = []
    if row.recurring and row.occurrence is not None:
        words.append(
            _("{nth} time in {year}").format(
                nth=ordinal(row.occurrence), year=row.window_start.year
            )
        )
    if row.recurring or row.units_required > 1:
        words.append(
            _("{done} of {required} done").format(done=row.units_done, required=row.units_required)
        )
    return words


def _row_document(row: Deadline) -> dict[str, Any]:
    return {
        "plan": row.plan_id,
        "plan_title": row.plan_title,
        "file": row.file,
        "area": row.area_id,
        "item_kind": row.item_kind,
        "item": row.item_id,
        "title": row.title,
        "responsible": list(row.responsible),
        "due": row.due.isoformat(),
        "recurring": row.recurring,
        "occurrence": row.occurrence,
        "required": row.required,
        "days_late": row.days_late,
        "status": row.shown_status,
        "window_start": row.window_start.isoformat(),
        "units_done": row.units_done,
        "units_required": row.units_required,
    }


def as_json(listing: Listing, color: bool, width: int) -> str:
    import json  # only here: a table, the usual output, does without it

    document = {
        "version": JSON_VERSION,
        "command": listing.command,
        "as_of": listing.as_of.isoformat(),
        "until": listing.until.isoformat() if listing.until else None,
        "plans": listing.plans,
        "expired": [
            {
                "plan": e.plan_id,
                "title": e.title,
                "file": e.file,
                "ended": e.ended.isoformat(),
                "rows": e.rows,
                "rows_listed": listing.expired_rows_listed,
            }
            for e in listing.expired
        ],
        "items": [_row_document(row) for row in listing.rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


CSV_COLUMNS = (
    "plan", "file", "area", "item_kind", "item", "title", "responsible", "due",
    "recurring", "occurrence", "required", "days_late", "status",
)  # fmt: skip


def as_csv(listing: Listing, color: bool, width: int) -> str:
    """One row per deadline; `responsible` joined with `;`. Expired plans: use json."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in listing.rows:
        doc = _row_document(row)
        doc["responsible"] = ";".join(row.responsible)
        doc["recurring"] = "yes" if row.recurring else "no"
        writer.writerow(["" if doc[c] is None else doc[c] for c in CSV_COLUMNS])
    return out.getvalue().rstrip("\n")


LISTING_FORMATS: dict[str, Formatter] = {"table": as_table, "json": as_json, "csv": as_csv}
