"""The core's errors in the user's words and language: the CLI phrases them here.

The core raises `samplan.errors` types with their data; each has its message
below, with the command-line options it concerns, in the catalog's English
(a test checks that every type has one and that the fields match its data).
"""

from __future__ import annotations

from samplan import errors
from samplan.errors import UsageError
from samplan.messages import N_, Msg, _
from samplan.suggest import unknown_message

PHRASES: dict[type[UsageError], str] = {
    errors.NoSuchPath: N_("no such file or folder: {path}"),
    errors.NotAPeriod: N_(
        "`{text}` is not a period; use a quarter (2026Q3), a tertial (2026T2), "
        "a half-year (2026H1), a year (2026), or --from/--to dates"
    ),
    errors.PeriodYearOutOfRange: N_(
        "`{text}` is not a period: the year must be between {first} and {last}"
    ),
    errors.PeriodReversed: N_("--to {end} is before --from {start}"),
    errors.NoTemplateFolder: N_("--template-dir {folder}: no such folder"),
    errors.TemplateNotFound: N_("template not found: {name}"),
    errors.TemplateSyntax: N_("{file}:{line}: {error}"),
    errors.TemplateUndefined: N_("template {template}: {error}"),
    errors.TemplateNotText: N_("a template in {folder} is not UTF-8 text: {error}"),
    errors.TemplateFailed: N_("{where}: the template failed: {error}"),
    errors.FilesExist: N_(
        "refusing to overwrite existing files: {files}; move them away or choose another folder"
    ),
    errors.CannotWrite: N_("cannot write {path}: {reason}"),
    errors.NoLocks: N_(
        "cannot lock {path}: the file system does not support locks (a network share?); "
        "nothing was written"
    ),
    errors.KeepsChanging: N_(
        "{path} was changed by someone else while the entry was being added, {attempts} "
        "times; nothing was written; try again"
    ),
    errors.NotUtf8Option: N_(
        "{option} is not valid UTF-8 text (the terminal or script sends another encoding); "
        "nothing was written"
    ),
    errors.NotAPlanId: N_(
        "--id `{plan_id}` is not a valid plan id: use lowercase a-z, digits and hyphens "
        "(e.g. `{example}`)"
    ),
    errors.PdfUnavailable: N_(
        "cannot write PDF: {reason}; install what WeasyPrint needs "
        "(Debian/Ubuntu: apt-get install {packages}), see the README"
    ),
    errors.CannotRead: N_("cannot read {path}: {reason}"),
    errors.UnknownColumnField: N_(
        "--column: `{name}` is not a column samplan knows; use one of: {choices}"
    ),
    errors.NoHeaderRow: N_(
        "{source}: found no header row with an activity column (Aktivitet, Åtgärd, "
        "Åtagande ...) and one more known column; the first row holds {seen}. Name the "
        "columns with --column, e.g. --column aktivitet=Vad --column ansvarig=Vem"
    ),
    errors.NoPlanColumn: N_("--from-plan needs a Plan column, and the table has none"),
    errors.PlanNotInTable: N_("--from-plan `{plan}` is not in the Plan column; it holds: {plans}"),
    errors.SeveralPlansInTable: N_(
        "the table holds rows of several plans ({plans}); choose one with --from-plan"
    ),
    errors.NoActivities: N_("{source}: no activities found below the header row"),
    errors.NoActivityTable: N_(
        "{source}: none of its tables has a header row naming activities (Aktivitet, "
        "Åtgärd, Åtagande or Insats) and one more known column (Ansvarig, När, Mål ...)"
    ),
    errors.PlanEndsBeforeStart: N_("--end {end} is before --start {start}"),
    errors.PathIsAFolder: N_("{path} is a folder; name one plan file"),
    errors.NoSuchPlanFile: N_("no such plan file: {path}"),
    errors.EmptyNote: N_("the note is empty; leave --note out or say what happened"),
    errors.CancelledWithoutNote: N_(
        "a `cancelled` entry needs a note saying why (the plan format requires it); add --note"
    ),
    errors.DateAfterToday: N_(
        "the date {date} is after today ({today}); the log records what has happened"
    ),
    errors.ItemIsBoth: N_(
        "`{item}` is both an activity and a follow-up item in {file}; "
        "rename one of them so that it is clear which one to log"
    ),
    errors.RemovedWhileWaiting: N_("{path} was removed while waiting for another samplan log"),
    errors.NegativeCount: N_("--count {count} is negative; give the number of units done"),
    errors.CountWithoutProgress: N_(
        "a `{status}` entry reports no units; --count goes with --status done or ongoing"
    ),
    errors.NotAPeriodFor: N_(
        "--for `{period}` is not a period; write a year (2019), a half-year "
        "(2019H2), a tertial (2019T3) or a quarter (2019Q4)"
    ),
    errors.PeriodNotBegun: N_(
        "--for {period} has not begun on {on}; an entry reports on a period up to its date"
    ),
}

# Why a table cannot be imported, by the `reason` of a TableRefused.
TABLE_REFUSED = {
    "office-not-csv": N_(
        "{file} is an Office file, not CSV; give it the right ending (.xlsx, .docx)"
    ),
    "csv-error": N_("{file}, line {line}: {error}"),
    "cell-too-long": N_("{file}: a cell is longer than {limit:,} characters"),
    "no-sheet": N_("{file} has no sheet `{sheet}`; sheets: {sheets}"),
    "too-many-rows": N_("{file}: more than {limit:,} rows; is this an action plan?"),
    "too-large": N_("{file} is larger than {limit} MiB; refusing to read it"),
    "password": N_(
        "{file} is password-protected; open it, remove the password "
        "(Arkiv > Info > Skydda), save it, and import again"
    ),
    "old-binary": N_("{file} is an old {old} file; save it as {kind} and import again"),
    "damaged": N_("cannot read {file} as a {kind} file; it is damaged ({error})"),
    "out-of-memory": N_("cannot read {file}: it unpacks to more than fits in memory"),
    "zip-bomb": N_(
        "{file} unpacks to {size:,} MiB in {parts:,} parts (a zip bomb?); refusing to read it"
    ),
    "not-kind": N_("{file} is not a {kind} file (it has no {part})"),
    "dtd": N_("{file}: {part} declares a DTD, which {kind} files never do; refusing to read it"),
}
# What to do with a file of a format samplan does not read, by its suffix.
OTHER_FORMATS = {
    ".xls": N_("an old Excel file (.xls); open it in Excel and save it as Excel (.xlsx) or CSV"),
    ".doc": N_("an old Word file (.doc); open it in Word and save it as Word (.docx)"),
    ".ods": N_("an OpenDocument sheet; save it as Excel (.xlsx) or CSV"),
    ".odt": N_("an OpenDocument text; save it as Word (.docx)"),
    ".pdf": N_("a PDF; samplan reads the Word (.docx) or Excel (.xlsx) file the PDF was made from"),
}

# What is unknown, by the `kind` of an UnknownName: one message each, so that a
# language can make the adjective agree with the noun (okänd part, okänt mål).
UNKNOWN = {
    "party or body": Msg("unknown party or body"),
    "area": Msg("unknown area"),
    "plan": Msg("unknown plan"),
    "reporter": Msg("--by: unknown party or body"),
    "item": Msg("unknown activity or follow-up item"),
    "status": Msg("unknown status"),
    "assessment": Msg("unknown assessment"),
}

# A year has quarters 1–4: the parts' name, by kind of period.
_PARTS = {
    "quarter": N_("`{text}` is not a period: a year has quarters 1–{count}"),
    "tertial": N_("`{text}` is not a period: a year has tertials 1–{count}"),
    "half": N_("`{text}` is not a period: a year has halves 1–{count}"),
}


def phrase(err: UsageError) -> str:
    """What to print for `err` (after `samplan: error:`), in the active language."""
    if isinstance(err, errors.UnknownName):
        data = err.data
        what = UNKNOWN.get(data["kind"], data["kind"])
        if data.get("english"):  # the Swedish word for one of the values
            english = Msg(
                "{unknown} `{key}`: did you mean `{english}`? (values are English)",
                unknown=what,
                key=data["key"],
                english=data["english"],
            )
            return english.local()
        message = unknown_message(what, data["key"], data["known"]).local()
        return f"{data['file']}: {message}" if data.get("file") else message
    if isinstance(err, errors.TableRefused):
        data = err.data
        if data["reason"] == "other-format":
            return f"{data['file']}: {_(OTHER_FORMATS[data['suffix']])}"
        return _(TABLE_REFUSED[data["reason"]]).format(**data)
    if isinstance(err, errors.NoActivityTable) and not err.data["count"]:
        return _("{source} has no tables; samplan imports the table of activities").format(
            **err.data
        )
    if isinstance(err, errors.PeriodPartOutOfRange):
        return _(_PARTS[err.data["kind"]]).format(**err.data)
    template = PHRASES.get(type(err))
    if template is not None:
        data = {k: v.local() if isinstance(v, Msg) else v for k, v in err.data.items()}
        return _(template).format(**data)
    message = err.args[0] if err.args else ""
    return message.local() if isinstance(message, Msg) else str(message)
