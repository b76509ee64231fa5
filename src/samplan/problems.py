"""Problems in a plan are values: where, what code, how bad, and what to do.

Codes are stable: once published a code keeps its meaning. The registry below
is the single source for docs/codes.md and the README table (a test keeps
them in sync).
"""

from __future__ import annotations

from enum import StrEnum

import msgspec

from samplan.messages import Msg


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(msgspec.Struct, frozen=True):
    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    code: str
    severity: Severity
    # What is wrong and what to do: a `Msg` (its English text and data, shown in the
    # user's language by the CLI); a plain str is shown as it is.
    text: Msg | str

    @property
    def message(self) -> str:
        """The message in English (JSON output, sorting)."""
        return str(self.text)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)


class Code(msgspec.Struct, frozen=True):
    code: str
    severity: Severity
    summary: str


_E, _W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = {
    c.code: c
    for c in [
        # The file and its YAML
        Code("Y001", _E, "YAML syntax error"),
        Code("Y002", _E, "duplicate key in a mapping (both lines are named)"),
        Code("Y003", _E, "YAML anchors and aliases (`&name`, `*name`, `<<`) are not allowed"),
        Code("Y004", _E, "YAML tags such as `!!python/object` are not allowed"),
        Code("Y005", _E, "nesting too deep"),
        Code("Y006", _E, "file too large"),
        Code("Y007", _E, "file is not UTF-8 (e.g. Latin-1 from an old Windows program)"),
        Code("Y008", _E, "file is empty"),
        Code("Y009", _E, "more than one YAML document in the file"),
        Code("Y010", _E, "the file is not a mapping of keys (a plan starts with `samplan: 1`)"),
        Code("Y011", _E, "a mapping key is not plain text"),
        Code("Y012", _E, "file cannot be read"),
        # The format (schema)
        Code("S001", _E, "unknown key (with a suggestion)"),
        Code("S002", _E, "required key missing"),
        Code("S003", _E, "wrong type of value (text, number, list, mapping ...)"),
        Code("S004", _E, "value not in the allowed vocabulary"),
        Code("S005", _E, "not a valid date (YYYY-MM-DD, and a day that exists)"),
        Code("S006", _E, "not a valid id or key (lowercase letters, digits and hyphens)"),
        Code("S007", _E, "value out of range, or an empty list or text where one is needed"),
        Code("S008", _E, "`repeat`/`schedule` or `target` is not one of the allowed forms"),
        Code("S009", _E, "keys that do not fit together"),
        Code("S010", _E, "not a period (`for: 2019`, `2019H2`, `2019T3`, `2019Q4`)"),
        Code("S011", _E, "not a length of time (`grace: 30d`, `6w`, `2m`)"),
        # References and consistency
        Code("R001", _E, "duplicate id"),
        Code("R002", _E, "unknown party key"),
        Code("R003", _E, "unknown goal id"),
        Code("R004", _E, "unknown cause id"),
        Code("R005", _E, "unknown indicator id"),
        Code(
            "R006",
            _E,
            "unknown parent plan (a warning when the plan is read alone and its parent is"
            " not in its folder)",
        ),
        Code("R007", _E, "the same plan id in two files"),
        Code("R008", _E, "unknown body or party in a follow-up item's or the coordination's `by`"),
        Code("R009", _E, "the period starts after it ends"),
        Code("R010", _E, "log entries are not in date order"),
        Code("R011", _E, "log entry dated after the as-of date"),
        Code("R012", _E, "`cancelled` log entry without a note saying why"),
        Code(
            "R013", _W, "one-off activity with no date: neither `due` nor a `when` that gives one"
        ),
        Code("R014", _W, "due date outside the plan period"),
        Code("R015", _E, "an activity starts after its due date"),
        Code("R016", _E, "`part_of` forms a loop"),
        Code("R017", _E, "log `count` on a status that reports no units"),
        Code("R018", _E, "log entry's `for` period lies after its date"),
        Code("R019", _E, "follow-up item without a rhythm or a date"),
        Code("R020", _W, "an indicator's `direction` contradicts its target"),
        Code("R021", _W, "the date a `when` gives lies outside the plan period"),
        Code("R030", _E, "unknown problem id (a cause's `problems`)"),
        Code("R031", _W, "a key or id the parent plan (or one above it) defines differently"),
        Code("R032", _E, "`fulfils` names no follow-up item of a plan above"),
        # The law (Lag (2023:196)) and Brå's method; see samplan.law
        Code("L001", _W, "no lägesbild in the action plan or a plan above it (4 §)"),
        Code("L002", _W, "the lägesbild lacks mapping, other information or analysis (4 §)"),
        Code("L003", _W, "the lägesbild is older than the allowed age (default 2 years)"),
        Code("L004", _W, "the åtgärdsplan has no decision with body and date"),
        Code("L005", _W, "no samordningsfunktion (`coordination`)"),
        Code("L006", _W, "an action plan's activity works on no cause"),
        Code("L007", _W, "a cause in the lägesbild that no activity works on"),
        Code("L008", _W, "a problem in the lägesbild that no cause points to"),
        Code("L009", _W, "a problem in the lägesbild without an indicator"),
        Code("L010", _W, "an action plan without any follow-up item"),
        # Privacy
        Code("P001", _E, "personnummer or samordningsnummer in a public plan"),
    ]
}


def problem(file: str, line: int, column: int, code: str, message: Msg | str) -> Problem:
    """A problem with the code's registered severity."""
    return Problem(file, line, column, code, CODES[code].severity, message)
