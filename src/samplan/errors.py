"""Errors the core raises for the caller, as opposed to problems in a plan.

Each is a value: its type says what went wrong, its `data` the particulars
(`PeriodReversed(start=..., end=...)`). The core never words them for the
terminal and never names a command-line option; `samplan.cli.errors` does,
in the user's language (a test keeps every type here phrased there).
"""

from __future__ import annotations

from typing import Any


class UsageError(Exception):
    """The request cannot be carried out as asked (a missing path, a bad period).

    The CLI turns it into exit code 2 with its message. Raised as it is, with
    one `Msg` or text, it is the CLI's own, already worded error; the core
    raises the subclasses below, with their data as keyword arguments.
    """

    def __init__(self, *args: object, **data: Any) -> None:
        super().__init__(*args)
        self.data = data

    def __reduce__(self) -> tuple[Any, ...]:  # the data survives a worker process
        return (_rebuild, (type(self), self.args, self.data))

    def __str__(self) -> str:
        if self.args or not self.data:
            return super().__str__()
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.data.items())})"


def _rebuild(cls: type[UsageError], args: tuple[object, ...], data: dict[str, Any]) -> UsageError:
    return cls(*args, **data)


# --- reading plans, periods -------------------------------------------------------


class NoSuchPath(UsageError):
    """`path`: a path given on the command line that does not exist."""


class NotAPeriod(UsageError):
    """`text`: not a period code such as 2026Q3."""


class PeriodYearOutOfRange(UsageError):
    """`text`: a period whose year is not between `first` and `last`."""


class PeriodPartOutOfRange(UsageError):
    """`text`: 2026Q5; a year has `count` parts of that `kind` (quarter, tertial, half)."""


class PeriodReversed(UsageError):
    """A period of one's own that ends (`end`) before it starts (`start`)."""


# --- templates (reports) --------------------------------------------------------


class NoTemplateFolder(UsageError):
    """`folder`: the folder of one's own templates does not exist."""


class TemplateNotFound(UsageError):
    """`name`: a template that a template names does not exist."""


class TemplateSyntax(UsageError):
    """`file`:`line`: a syntax error (`error`, Jinja's own words) in a template."""


class TemplateUndefined(UsageError):
    """`template`: a template uses something that is not there (`error`, Jinja's words)."""


class TemplateNotText(UsageError):
    """A template in `folder` (one's own) is not UTF-8 text (`error`, Python's words)."""


class TemplateFailed(UsageError):
    """One's own template failed at `where` (file:line) with `error` (a sandbox refusal too)."""


# --- starting and naming plans ----------------------------------------------------


class FilesExist(UsageError):
    """`files`: files that `samplan init` would overwrite (comma-separated)."""


class NotAPlanId(UsageError):
    """`plan_id` is not a valid plan id; `example` is one made from it."""


# --- writing reports ----------------------------------------------------------------


class PdfUnavailable(UsageError):
    """`reason`: WeasyPrint, or the Pango it loads, is not installed; `packages`: the
    Debian/Ubuntu packages it needs."""


# --- writing files (samplan log) ---------------------------------------------------


class NoLocks(UsageError):
    """`path`: the file system cannot lock the plan (some network shares)."""


class KeepsChanging(UsageError):
    """`path` was saved by someone else `attempts` times while an entry was added."""


class NotUtf8Option(UsageError):
    """The text given to `option` (a command-line option) is not UTF-8."""


class UnknownName(UsageError):
    """`key` is not one of the `known` names of its `kind` (party or body, area, plan,
    reporter, item); `file`, when given, is the plan file it was looked up in."""


class CannotRead(UsageError):
    """`path` cannot be read: `reason` (the system's words)."""


# --- import (tables) ------------------------------------------------------------------


class TableRefused(UsageError):
    """`file` cannot be imported; `reason` says why, as a code the CLI words:
    other-format (`suffix`), office-not-csv, csv-error (`line`, `error`), cell-too-long
    (`limit`), no-sheet (`sheet`, `sheets`), too-many-rows (`limit`), too-large (`limit`
    MiB), password, old-binary (`old`, `kind`), damaged (`kind`, `error`), out-of-memory,
    zip-bomb (`size` MiB, `parts`), not-kind (`kind`, `part`), dtd (`part`, `kind`)."""


class UnknownColumnField(UsageError):
    """`name` is not a field a column can be mapped to; `choices` (comma-separated)."""


class NoHeaderRow(UsageError):
    """`source`: no header row with an activity column; the first row holds `seen`."""


class NoPlanColumn(UsageError):
    """Only the rows of one plan were asked for, and the table has no Plan column."""


class PlanNotInTable(UsageError):
    """`plan` is not in the table's Plan column, which holds `plans` (comma-separated)."""


class SeveralPlansInTable(UsageError):
    """The table holds rows of several `plans` (comma-separated) and none was chosen."""


class NoActivities(UsageError):
    """`source`: no activities below the header row."""


class NoActivityTable(UsageError):
    """`source`: none of its `count` tables has a header row naming activities (0: no tables)."""


class PlanEndsBeforeStart(UsageError):
    """The plan's given `end` is before its given `start`."""


# --- samplan log -----------------------------------------------------------------------


class PathIsAFolder(UsageError):
    """`path` names a folder where one plan file is wanted."""


class NoSuchPlanFile(UsageError):
    """`path`: the plan file does not exist."""


class CannotWrite(UsageError):
    """`path` cannot be written: `reason` (the system's words)."""


class EmptyNote(UsageError):
    """A log entry's note is given but empty."""


class CancelledWithoutNote(UsageError):
    """A `cancelled` log entry without a note saying why."""


class DateAfterToday(UsageError):
    """A log entry dated `date`, after `today`."""


class ItemIsBoth(UsageError):
    """`item` is both an activity and a follow-up item in `file`."""


class RemovedWhileWaiting(UsageError):
    """`path` was removed while waiting for another samplan log to finish."""


class NegativeCount(UsageError):
    """A log entry reporting a negative `count` of units."""


class CountWithoutProgress(UsageError):
    """A log entry with units done and a `status` that reports none (only done, ongoing)."""


class NotAPeriodFor(UsageError):
    """`period`: what a log entry reports on is not a period code."""


class PeriodNotBegun(UsageError):
    """A log entry dated `on` reports on `period`, which has not begun by then."""
