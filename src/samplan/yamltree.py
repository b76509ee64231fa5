"""YAML text to plain data plus the source position of every key and value.

One pass over libyaml's event stream (the C parser when PyYAML has it) builds
the data and the positions together, so there is no second, slower parse for
line numbers. Building from events rather than a composed node graph also
means aliases, tags, duplicate keys and nesting depth are seen as they occur:
an alias bomb is refused before anything is expanded.

Scalars are kept as the exact text the user wrote; only a plain `null`, `~`
or empty value becomes None. Types are decided later by the model, so a text
field keeps `no` or `2012` as text and `18:00` is never read as a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
# Explicit tags that only restate a plain type are harmless; anything else
# (`!!python/object`, custom `!Ref`) could mean code execution elsewhere.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """1-based line and column of a key (if any) and of its value."""

    key_line: int
    key_column: int
    line: int
    column: int


@dataclass(slots=True)
class YamlIssue:
    code: str
    line: int
    column: int
    message: str


@dataclass(slots=True)
class Tree:
    data: Any = None
    spans: dict[Path, Span] = field(default_factory=dict)
    issues: list[YamlIssue] = field(default_factory=list)
    ok: bool = True  # False when the text could not be parsed at all


class _Fatal(Exception):
    def __init__(self, issue: YamlIssue) -> None:
        self.issue = issue


def _pos(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def parse_tree(text: str) -> Tree:
    tree = Tree()
    text = text.replace("\r\n", "\n")  # columns count characters users see
    try:
        _Builder(tree).run(yaml.parse(text, Loader=_Loader))
        # Hostile constructs stop here: validating what is left would only
        # add noise about keys the attacker chose.
        tree.ok = not any(i.code in ("Y003", "Y004") for i in tree.issues)
    except _Fatal as fatal:
        tree.issues.append(fatal.issue)
        tree.ok = False
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = _pos(mark) if mark is not None else (1, 1)
        tree.issues.append(YamlIssue("Y001", line, col, _syntax_message(err, text)))
        tree.ok = False
    except yaml.YAMLError as err:  # reader errors: control characters and the like
        tree.issues.append(YamlIssue("Y001", 1, 1, f"cannot read the YAML: {err}"))
        tree.ok = False
    return tree


_HINTS = {
    "mapping values are not allowed": (
        "a `: ` inside a value; put the whole value in quotes: \"Mål: ökad trygghet\""
    ),
    "could not find expected ':'": "a line without `key: value`, or an unclosed quote above",
    "found undefined alias": "an alias (`*name`) with no anchor",
    "did not find expected key": "indentation does not line up with the keys above",
    "did not find expected '-' indicator": "a list item that does not line up with the others",
}


def _syntax_message(err: yaml.MarkedYAMLError, text: str) -> str:
    problem = (err.problem or "invalid YAML").strip()
    mark, context_mark = err.problem_mark, err.context_mark
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return "YAML syntax error: a tab character; indent with spaces, not tabs"
    hint = next((h for needle, h in _HINTS.items() if needle in problem), "")
    if context_mark is not None and err.context and (mark is None or context_mark.line != mark.line):
        hint = hint or f"{err.context.strip()} that began at line {context_mark.line + 1}"
    return f"YAML syntax error: {problem}" + (f" ({hint})" if hint else "")


class _Builder:
    """Turns the event stream into data; a stack of open containers."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.documents = 0

    def issue(self, code: str, mark: Any, message: str) -> None:
        line, col = _pos(mark)
        self.tree.issues.append(YamlIssue(code, line, col, message))

    def run(self, events: Any) -> None:
        # Each frame: [container, path, pending_key, pending_key_mark, seen_keys]
        stack: list[list[Any]] = []
        root: list[Any] = []
        spans = self.tree.spans
        for event in events:
            kind = type(event).__name__
            if kind == "DocumentStartEvent":
                self.documents += 1
                if self.documents > 1:
                    raise _Fatal(
                        YamlIssue(
                            "Y009",
                            *_pos(event.start_mark),
                            "a second YAML document starts here (`---`); "
                            "one plan file holds exactly one plan",
                        )
                    )
                continue
            if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            if kind == "AliasEvent":
                self.issue(
                    "Y003",
                    event.start_mark,
                    f"alias `*{event.anchor}` is not allowed in a plan; write the value out",
                )
                value: Any = None
                self._place(stack, root, value, event.start_mark, spans)
                continue
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                frame = stack.pop()
                if frame[2] is not _NO_KEY:  # a key without a value cannot happen in YAML
                    raise _Fatal(YamlIssue("Y001", *_pos(event.start_mark), "incomplete mapping"))
                continue
            self._check_node(event)
            if kind == "ScalarEvent":
                value = self._scalar(event)
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                    self._take_key(stack[-1], value, event)
                    continue
                self._place(stack, root, value, event.start_mark, spans)
            else:  # MappingStartEvent / SequenceStartEvent
                if len(stack) >= MAX_DEPTH:
                    raise _Fatal(
                        YamlIssue(
                            "Y005",
                            *_pos(event.start_mark),
                            f"nesting deeper than {MAX_DEPTH} levels; a plan needs at most about 8",
                        )
                    )
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                    self.issue(
                        "Y011",
                        event.start_mark,
                        "a mapping key must be plain text, not a list or mapping",
                    )
                    raise _Fatal(self.tree.issues.pop())
                container: Any = {} if kind == "MappingStartEvent" else []
                path = self._place(stack, root, container, event.start_mark, spans)
                stack.append([container, path, _NO_KEY, None, {}])
        self.tree.data = root[0] if root else None

    def _check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self.issue(
                "Y003",
                event.start_mark,
                f"anchor `&{event.anchor}` is not allowed in a plan; write values out in full",
            )
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.issue(
                "Y004",
                event.start_mark,
                f"YAML tag `{shown}` is not allowed; plan files hold plain text, numbers and dates",
            )

    @staticmethod
    def _scalar(event: Any) -> str | None:
        plain = event.style is None
        if event.tag == "tag:yaml.org,2002:null" or (plain and _NULL.match(event.value)):
            return None
        return str(event.value)

    def _take_key(self, frame: list[Any], key: Any, event: Any) -> None:
        if key is None:
            key = ""
        if key == "<<" and event.style is None:
            self.issue("Y003", event.start_mark, "merge key `<<` is not allowed in a plan")
        seen: dict[str, tuple[int, int]] = frame[4]
        line, col = _pos(event.start_mark)
        if key in seen:
            first_line, _ = seen[key]
            self.issue(
                "Y002",
                event.start_mark,
                f"duplicate key `{key}`: also at line {first_line}; "
                "keep one (with YAML the last one would silently win)",
            )
            # Give the duplicate's value a place of its own so it does not
            # overwrite the first one's span; it is dropped from the data.
            key = _Duplicate(key)
        else:
            seen[key] = (line, col)
        frame[2] = key
        frame[3] = (line, col)

    @staticmethod
    def _place(
        stack: list[list[Any]],
        root: list[Any],
        value: Any,
        mark: Any,
        spans: dict[Path, Span],
    ) -> Path:
        line, col = _pos(mark)
        if not stack:
            root.append(value)
            spans[()] = Span(line, col, line, col)
            return ()
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            path = (*frame[1], len(container))
            container.append(value)
            spans[path] = Span(line, col, line, col)
            return path
        key = frame[2]
        key_line, key_col = frame[3]
        frame[2] = _NO_KEY
        if isinstance(key, _Duplicate):
            path = (*frame[1], key)
            return path
        path = (*frame[1], key)
        container[key] = value
        spans[path] = Span(key_line, key_col, line, col)
        return path


class _Duplicate(str):
    """Marks the path of a duplicate key's value, which is not kept."""


_NO_KEY: Any = object()
