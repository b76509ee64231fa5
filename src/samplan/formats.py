"""Output formats for problems, from a registry (text, json, github).

Each formatter takes the run's problems and the number of files read and
returns the text to print; the CLI only picks one by name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from samplan.messages import N_, _, local, ngettext
from samplan.problems import Problem, Severity
from samplan.textable import printable

Formatter = Callable[[Sequence[Problem], int, bool], str]

_RED, _YELLOW, _BOLD, _DIM, _RESET = "\033[31m", "\033[33m", "\033[1m", "\033[2m", "\033[0m"


# The severity as the text format shows it (json and github keep the value).
SEVERITY_WORDS = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning")}


def summary(problems: Sequence[Problem], files: int) -> str:
    """The last line, in the user's language."""
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    plans = ngettext("{n} plan file", "{n} plan files", files).format(n=files)
    if not problems:
        return _("No problems in {plans}.").format(plans=plans)
    return _("Found {errors} and {warnings} in {bad} of {plans}.").format(
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        bad=len({p.file for p in problems}),
        plans=plans,
    )


def as_text(problems: Sequence[Problem], files: int, color: bool) -> str:
    lines = []
    for p in problems:
        where = printable(f"{p.file}:{p.line}:{p.column}:")
        severity = _(SEVERITY_WORDS[p.severity])
        message = printable(local(p.text))  # it quotes what the plan says
        if color:
            tint = _RED if p.severity is Severity.ERROR else _YELLOW
            where = f"{_BOLD}{where}{_RESET}"
            severity = f"{tint}{severity}{_RESET}"
            lines.append(f"{where} {severity} {_DIM}{p.code}{_RESET} {message}")
        else:
            lines.append(f"{where} {severity} {p.code} {message}")
    lines.append(summary(problems, files))
    return "\n".join(lines)


def as_json(problems: Sequence[Problem], files: int, color: bool) -> str:
    import json  # only here: the text output, the usual one, does without it

    errors = sum(p.severity is Severity.ERROR for p in problems)
    document = {
        "version": 1,
        "files": files,
        "summary": {"errors": errors, "warnings": len(problems) - errors},
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "code": p.code,
                "severity": p.severity.value,
                "message": p.message,
            }
            for p in problems
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: Sequence[Problem], files: int, color: bool) -> str:
    """GitHub Actions workflow commands: one annotation per problem."""
    lines = [
        f"::{p.severity.value} file={_escape_property(p.file)},line={p.line},col={p.column},"
        f"title={_escape_property(p.code)}::{_escape_data(local(p.text))}"
        for p in problems
    ]
    lines.append(summary(problems, files))
    return "\n".join(lines)


FORMATS: dict[str, Formatter] = {"text": as_text, "json": as_json, "github": as_github}
