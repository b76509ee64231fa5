"""From the bytes of a plan file to a validated `Plan`, or to located problems.

Reading never raises for bad input: every failure becomes a `Problem` with the
line and column of the offending key or value, in words a coordinator can act
on rather than pydantic's raw text.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path as FsPath
from typing import Any

import msgspec
from pydantic import BaseModel, ValidationError

from samplan.messages import Msg
from samplan.model import MESSAGES, REPEAT_FORM, Plan
from samplan.problems import Problem, problem
from samplan.slug import slugify
from samplan.suggest import english_hint, typo_hint
from samplan.validator import plan_validator
from samplan.yamltree import Path, Span, Tree, parse_tree

MAX_BYTES = 8 * 1024 * 1024


class Loaded(msgspec.Struct):
    """The outcome of reading one file: a plan when it validated, and problems."""

    file: str
    plan: Plan | None = None
    data: Any = None
    spans: dict[Path, Span] = msgspec.field(default_factory=dict)
    problems: list[Problem] = msgspec.field(default_factory=list)
    text: str | None = None  # the decoded YAML, so rules can rule out work with one search

    def at(self, path: Path, code: str, message: Msg | str, *, key: bool = False) -> Problem:
        """A problem placed at a data path (at its key with `key=True`)."""
        line, col = locate(self.spans, path, key=key)
        return problem(self.file, line, col, code, message)


def locate(spans: dict[Path, Span], path: Path, *, key: bool = False) -> tuple[int, int]:
    """Position of the deepest part of `path` that exists in the file."""
    while path not in spans and path:
        path = path[:-1]
    span = spans.get(path)
    if span is None:
        return 1, 1
    return (span.key_line, span.key_column) if key else (span.line, span.column)


def read_file(path: str | FsPath, label: str | None = None) -> Loaded:
    label = label if label is not None else str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as err:
        return Loaded(
            label,
            problems=[
                problem(label, 0, 0, "Y012", Msg("cannot read: {reason}", reason=err.strerror))
            ],
        )
    return load_bytes(raw, label)


def load_bytes(raw: bytes, file: str) -> Loaded:
    loaded = Loaded(file)
    if len(raw) > MAX_BYTES:
        loaded.problems.append(
            problem(
                file,
                1,
                1,
                "Y006",
                Msg(
                    "file is larger than {size} MiB; a plan "
                    "is a few hundred KiB at most, so this is probably not a plan",
                    size=MAX_BYTES // 2**20,
                ),
            )
        )
        return loaded
    text = decode(raw, loaded)
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        loaded.problems.append(
            problem(
                file,
                1,
                1,
                "Y008",
                Msg(
                    "file is empty; a plan starts with `samplan: 1`, "
                    "then id, title, municipality, period, parties and areas"
                ),
            )
        )
        return loaded
    loaded.text = text
    tree = parse_tree(text)
    loaded.spans = tree.spans
    loaded.problems.extend(problem(file, i.line, i.column, i.code, i.message) for i in tree.issues)
    if not tree.ok:
        return loaded
    loaded.data = tree.data
    if not isinstance(tree.data, dict):
        loaded.problems.append(
            loaded.at(
                (),
                "Y010",
                Msg(
                    "the file must be a mapping of keys such as `samplan: 1`, "
                    "`id: ...`; found {found}",
                    found=_describe(tree.data),
                ),
            )
        )
        return loaded
    validate_tree(loaded, tree)
    return loaded


def decode_utf(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; else UnicodeDecodeError,
    whose `object` is the bytes after any BOM."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")


def decode(raw: bytes, loaded: Loaded) -> str:
    """As `decode_utf`; otherwise report the first bad byte and go on."""
    try:
        return decode_utf(raw)
    except UnicodeDecodeError as err:
        raw = err.object
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        byte = raw[err.start]
        guess = bytes([byte]).decode("cp1252", errors="replace")
        loaded.problems.append(
            problem(
                loaded.file,
                line,
                col,
                "Y007",
                Msg(
                    "the file is not UTF-8: byte 0x{byte} (`{guess}` in Windows-1252/Latin-1). "
                    "Save it as UTF-8 (in Notepad: Save as → Encoding: UTF-8)",
                    byte=format(byte, "02X"),
                    guess=guess,
                ),
            )
        )
        # Go on with the likely encoding so the user sees every other problem too.
        return raw.decode("cp1252", errors="replace")


def validate_tree(loaded: Loaded, tree: Tree) -> None:
    try:
        loaded.plan = plan_validator().validate_python(tree.data)
    except ValidationError as err:
        found = [_explain(loaded, tree, detail) for detail in err.errors(include_url=False)]
        loaded.problems.extend(_without_echoes(found))


def _without_echoes(found: list[Problem]) -> list[Problem]:
    """Drop "missing `title`" when the same mapping has `titel` and we suggested `title`."""
    suggested = {
        (p.message.split("did you mean `")[1].split("`")[0])
        for p in found
        if p.code == "S001" and "did you mean `" in p.message
    }
    return [
        p for p in found if not (p.code == "S002" and p.message.rsplit("`", 2)[-2] in suggested)
    ]


# --- pydantic errors into plain language --------------------------------------


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Path, bool]:
    """Follow pydantic's loc through the data, skipping union tags and aliases.

    Returns the path and whether the final element was found in the data.
    """
    path: list[str | int] = []
    node = data
    found = True
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
            path.append(part)
        elif part == "from_" and isinstance(node, dict) and "from" in node:
            node = node["from"]
            path.append("from")
        else:
            found = False
    return tuple(path), found


def _describe(value: Any) -> Msg | str:
    if value is None:
        return Msg("nothing (an empty value)")
    if isinstance(value, dict):
        return Msg("a mapping (`key: value` lines)")
    if isinstance(value, list):
        return Msg("a list (`- item` lines)")
    return f"`{value}`"


_FORM_CODES = {"period_form": "S010", "duration_form": "S011"}


def _model_message(detail: Any) -> Msg | str:
    """The message of one of the model's own errors (`samplan.model.MESSAGES`), with
    its data, found by the text pydantic made of it; else pydantic's text."""
    text, ctx = detail["msg"], detail.get("ctx") or {}
    for template in MESSAGES:
        try:
            if template.format(**ctx) == text:
                return Msg(template, **ctx)
        except (KeyError, IndexError):
            continue
    return str(text)


def _explain(loaded: Loaded, tree: Tree, detail: Any) -> Problem:
    kind: str = detail["type"]
    loc: tuple[Any, ...] = tuple(detail["loc"])
    path, found = _data_path(tree.data, loc)
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    where = _where(path)
    name = next((str(p) for p in reversed(path) if isinstance(p, str)), "plan")
    is_key = "[key]" in loc
    if "continuous" in loc[len(path) :] and kind == "literal_error":
        kind = "repeat_form"  # a text repeat other than `continuous`
        detail = {**detail, "msg": REPEAT_FORM, "ctx": {}}
    if is_key and kind == "string_pattern_mismatch":
        parent = next((str(p) for p in reversed(path[:-1]) if isinstance(p, str)), "plan")
        return loaded.at(
            path,
            "S006",
            Msg(
                "`{value}` is not a valid key in `{parent}`: use lowercase letters a-z, "
                "digits and hyphens, no spaces or å/ä/ö (e.g. `{example}`)",
                value=value,
                parent=parent,
                example=_example_id(str(value)),
            ),
            key=True,
        )

    if kind == "required_here":  # required or not depending on other keys (model.Plan)
        if found:
            return loaded.at(
                path,
                "S007",
                Msg(
                    "`{name}` needs at least one entry: {reason}",
                    name=name,
                    reason=_model_message(detail),
                ),
            )
        return loaded.at(
            path,
            "S002",
            Msg(
                "{where} is missing the required key `{key}`: {reason}",
                where=where,
                key=loc[-1],
                reason=_model_message(detail),
            ),
        )
    if kind == "extra_forbidden":
        return loaded.at(path, "S001", _unknown_key(path), key=True)
    if kind == "literal_error" and path == ("samplan",):
        return loaded.at(
            path, "S004", Msg("this samplan reads format version 1; found `{value}`", value=value)
        )
    if kind == "missing":
        missing = "from" if loc[-1] == "from_" else str(loc[-1])
        return loaded.at(
            path,
            "S002",
            Msg("{where} is missing the required key `{key}`", where=where, key=missing),
        )
    if kind in _FORM_CODES:  # the model's own forms: `for: 2019T3`, `grace: 30d`
        form = _model_message(detail)
        return loaded.at(path, _FORM_CODES[kind], Msg("{where}: {form}", where=where, form=form))
    if kind in ("repeat_form", "target_form"):
        return loaded.at(
            path,
            "S008",
            Msg(
                "{where}: {form}; found {found}",
                where=where,
                form=_model_message(detail),
                found=_describe(value),
            ),
        )
    if kind == "literal_error":
        allowed = ctx.get("expected", "")
        choices = [c.strip(" '") for c in allowed.replace(" or ", ", ").split(",")]
        hint = english_hint(str(value), choices, SWEDISH_VALUES, "values") or typo_hint(
            str(value), choices
        )
        return loaded.at(
            path,
            "S004",
            Msg(
                "`{name}` cannot be {found}; use one of: {choices}{hint}",
                name=name,
                found=_describe(value),
                choices=", ".join(choices),
                hint=hint,
            ),
        )
    if kind == "string_pattern_mismatch":
        slug = _example_id(str(value))
        if isinstance(path[-1], int) and any(sep in str(value) for sep in (";", " och ", " ")):
            keys = ", ".join(
                _example_id(part) for part in re.split(r";| och | ", str(value)) if part
            )
            return loaded.at(
                path,
                "S006",
                Msg(
                    "`{value}` is not one key: separate keys with commas, [{keys}]",
                    value=value,
                    keys=keys,
                ),
            )
        return loaded.at(
            path,
            "S006",
            Msg(
                "`{value}` is not a valid id for `{name}`: use lowercase letters a-z, "
                "digits and hyphens, no spaces or å/ä/ö (e.g. `{example}`)",
                value=value,
                name=name,
                example=slug,
            ),
        )
    if kind == "value_error":
        error = ctx.get("error")
        said = error.args[0] if isinstance(error, ValueError) and error.args else None
        message = said if isinstance(said, Msg) else str(error or detail["msg"])
        code = "S005" if "is not a date" in str(message) else "S009"
        return loaded.at(path, code, Msg("{where}: {message}", where=where, message=message))
    if kind in ("too_short", "string_too_short"):
        if kind == "too_short":
            return loaded.at(
                path, "S007", Msg("`{name}` needs at least one entry; it is empty", name=name)
            )
        return loaded.at(path, "S007", Msg("`{name}` needs some text; it is empty", name=name))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": Msg("`{name}` must be at least {bound}; found `{value}`"),
            "less_than_equal": Msg("`{name}` must be at most {bound}; found `{value}`"),
            "greater_than": Msg("`{name}` must be more than {bound}; found `{value}`"),
            "less_than": Msg("`{name}` must be less than {bound}; found `{value}`"),
        }
        return loaded.at(path, "S007", Msg(words[kind].text, name=name, bound=bound, value=value))
    expected = _expected_kind(kind)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        allowed = sorted(_allowed_keys(path))
        shown: Msg | str = f"({', '.join(allowed)})" if allowed else Msg("(`key: value` lines)")
        expected = Msg("{expected} {keys}", expected=expected, keys=shown)
    subject = where if path and isinstance(path[-1], int) else f"`{name}`"
    return loaded.at(
        path,
        "S003",
        Msg(
            "{subject} must be {expected}; found {found}",
            subject=subject,
            expected=expected,
            found=_describe(value),
        ),
    )


def _expected_kind(kind: str) -> Msg:
    table = {
        "string_type": Msg("text"),
        "int_parsing": Msg("a whole number"),
        "int_type": Msg("a whole number"),
        "int_from_float": Msg("a whole number"),
        "float_parsing": Msg("a number (use a point: 12.5)"),
        "float_type": Msg("a number"),
        "finite_number": Msg("an ordinary number (not nan or inf)"),
        "bool_parsing": Msg("yes or no (true/false)"),
        "bool_type": Msg("yes or no (true/false)"),
        "list_type": Msg("a list (`- item` lines, or [a, b])"),
        "dict_type": Msg("a mapping of keys"),
        "model_type": Msg("a mapping of keys"),
        "model_attributes_type": Msg("a mapping of keys"),
        "date_type": Msg("a date (YYYY-MM-DD)"),
    }
    return table.get(kind, Msg("a different kind of value"))


def _where(path: Path) -> Msg | str:
    if not path:
        return Msg("the plan")
    parts = [p for p in path if isinstance(p, str)]
    last = parts[-1] if parts else "item"
    if isinstance(path[-1], int):
        return Msg("item {n} of `{list}`", n=path[-1] + 1, list=last)
    return f"`{last}`"


# The display labels of the spec, and other words people write, as values.
SWEDISH_VALUES = {
    "ej påbörjad": "planned",
    "planerad": "planned",
    "pågår": "ongoing",
    "pågående": "ongoing",
    "genomförd": "done",
    "klar": "done",
    "klart": "done",
    "avbruten": "cancelled",
    "avbrutet": "cancelled",
    "vilande": "paused",
    "pausad": "paused",
    "grön": "green",
    "gul": "yellow",
    "röd": "red",
    "kommun": "municipality",
    "polis": "police",
    "polisen": "police",
    "förvaltning": "municipal_unit",
    "myndighet": "authority",
    "förening": "organisation",
    "organisation": "organisation",
    "företag": "business",
    "råd": "council",
    "brå": "council",
    "styrgrupp": "steering_group",
    "arbetsgrupp": "working_group",
    "nätverk": "network",
    "överenskommelse": "agreement",
    "handlingsplan": "action_plan",
    "åtgärdsplan": "action_plan",
    "bilaga": "annex",
    "medborgarlöfte": "citizen_promise",
    "minska": "decrease",
    "öka": "increase",
    "antal": "count",
    "andel": "percent",
    "löpande": "continuous",
    "kontinuerligt": "continuous",
}
# Swedish words people reach for, mapped to the format's English keys.
SWEDISH_KEYS = {
    "ansvarig": "responsible",
    "ansvariga": "responsible",
    "när": "when",
    "nar": "when",
    "mål": "goals",
    "mal": "goals",
    "aktiviteter": "activities",
    "aktivitet": "activities",
    "åtgärder": "activities",
    "parter": "parties",
    "part": "party",
    "titel": "title",
    "rubrik": "title",
    "namn": "name",
    "typ": "type",
    "beskrivning": "description",
    "bakgrund": "background",
    "målgrupp": "target_group",
    "platser": "places",
    "uppföljning": "follow_up",
    "lägesbild": "situation",
    "orsaker": "causes",
    "indikatorer": "indicators",
    "samverkanspartner": "partners",
    "partners": "partners",
    "tillvägagångssätt": "method",
    "metod": "method",
    "giltighetstid": "period",
    "period": "period",
    "kommun": "municipality",
    "datum": "date",
    "status": "status",
    "kommentar": "note",
    "anteckning": "note",
    "områden": "areas",
    "prioriterade_områden": "areas",
    "slutdatum": "due",
    "deadline": "due",
    "startdatum": "start",
    "logg": "log",
    "undertecknare": "signatories",
    "organ": "bodies",
    "beslut": "decision",
    "språk": "language",
    "utgångsvärde": "baseline",
    "målvärde": "target",
    "värden": "values",
    "källa": "source",
    "enhet": "unit",
    "riktning": "direction",
    "år": "year",
    "värde": "value",
}


def _unknown_key(path: Path) -> Msg:
    key = str(path[-1]) if path else ""
    allowed = _allowed_keys(path[:-1])
    if key.isdigit():
        return Msg(
            "unknown key `{key}` (a decimal comma? write numbers with a point: 12.5)", key=key
        )
    if " " in key.strip():
        # Keys never contain spaces: this is text after a comma in `{a: x, y}`.
        return Msg(
            "unknown key `{key}`: a comma inside a value written in {{ }}? "
            "Put that value in quotes",
            key=key,
        )
    hint = english_hint(key, allowed, SWEDISH_KEYS, "keys") or typo_hint(key, sorted(allowed))
    if hint:
        return Msg("unknown key `{key}`{hint}", key=key, hint=hint)
    return Msg(
        "unknown key `{key}`; allowed here: {allowed}", key=key, allowed=", ".join(sorted(allowed))
    )


def _allowed_keys(path: Path) -> set[str]:
    """Keys the model accepts at a data path (all union members' keys)."""
    nodes: list[Any] = [Plan]
    for part in path:
        nxt: list[Any] = []
        for node in nodes:
            if isinstance(node, _MappingOf):  # parties: any key, then the model
                nxt.extend(node.models)
            elif isinstance(part, int):
                nxt.append(node)  # list items: _models_in already unwrapped list[...]
            else:
                fld = node.model_fields.get(part) or next(
                    (f for f in node.model_fields.values() if f.alias == part), None
                )
                if fld is not None:
                    nxt.extend(_models_in(fld.annotation))
        nodes = nxt
    keys: set[str] = set()
    for node in nodes:
        if not isinstance(node, _MappingOf):
            keys.update(f.alias or n for n, f in node.model_fields.items())
    return keys


class _MappingOf(msgspec.Struct, frozen=True):
    models: list[type[BaseModel]]


def _models_in(annotation: Any) -> list[Any]:
    """The models inside list[...], dict[..., M], Optional, unions and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is dict and args:
        return [_MappingOf(_models_in(args[1]))]
    return [m for arg in args for m in _models_in(arg)]


def _example_id(text: str) -> str:
    """The id to propose for text that is not one (never empty)."""
    return slugify(text) or "my-id"
