"""The core's errors in the user's words and language: the CLI phrases them here.

The core raises `samplan.errors` types with their data; each has its message
below, with the command-line options it concerns, in the catalog's English
(a test checks that every type has one and that the fields match its data).
"""

from __future__ import annotations

from samplan import errors
from samplan.errors import UsageError
from samplan.messages import N_, Msg, _

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
}

# A year has quarters 1–4: the parts' name, by kind of period.
_PARTS = {
    "quarter": N_("`{text}` is not a period: a year has quarters 1–{count}"),
    "tertial": N_("`{text}` is not a period: a year has tertials 1–{count}"),
    "half": N_("`{text}` is not a period: a year has halves 1–{count}"),
}


def phrase(err: UsageError) -> str:
    """What to print for `err` (after `samplan: error:`), in the active language."""
    if isinstance(err, errors.PeriodPartOutOfRange):
        return _(_PARTS[err.data["kind"]]).format(**err.data)
    template = PHRASES.get(type(err))
    if template is not None:
        data = {k: v.local() if isinstance(v, Msg) else v for k, v in err.data.items()}
        return _(template).format(**data)
    message = err.args[0] if err.args else ""
    return message.local() if isinstance(message, Msg) else str(message)
