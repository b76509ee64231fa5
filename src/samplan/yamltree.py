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

from typing import Any, NamedTuple

import msgspec
import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from samplan.messages import N_, Msg

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64
_NULL_TAG = "tag:yaml.org,2002:null"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # plain scalars that mean "nothing"
# Explicit tags that only restate a plain type are harmless; anything else
# (`!!python/object`, custom `!Ref`) could mean code execution elsewhere.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}

Path = tuple[str | int, ...]


class Span(NamedTuple):
    """1-based line and column of a key (if any) and of its value.

    A named tuple because a plan has thousands: it is the cheapest to create.
    """

    key_line: int
    key_column: int
    line: int
    column: int


class YamlIssue(msgspec.Struct):
    code: str
    line: int
    column: int
    message: Msg | str


class Tree(msgspec.Struct):
    data: Any = None
    spans: dict[Path, Span] = msgspec.field(default_factory=dict)
    issues: list[YamlIssue] = msgspec.field(default_factory=list)
    ok: bool = True  # False when the text could not be parsed at all


_span = tuple.__new__  # Span(...) without the Python-level __new__ of a named tuple


class _Fatal(Exception):
    def __init__(self, issue: YamlIssue) -> None:
        self.issue = issue


def _pos(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def parse_tree(text: str) -> Tree:
    tree = Tree()
    text = text.replace("\r\n", "\n")  # columns count characters users see
    try:
        parser = _Loader(text)
        try:
            # Events straight from the parser: no Python generator in between.
            _Builder(tree).run(iter(parser.get_event, None))
        finally:
            parser.dispose()
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
        tree.issues.append(
            YamlIssue("Y001", 1, 1, Msg("cannot read the YAML: {error}", error=str(err)))
        )
        tree.ok = False
    return tree


# PyYAML's own words for a problem stay English; the hint says it in the user's language.
_HINTS = {
    "mapping values are not allowed": N_(
        'a `: ` inside a value; put the whole value in quotes: "Mål: ökad trygghet"'
    ),
    "could not find expected ':'": N_("a line without `key: value`, or an unclosed quote above"),
    "found undefined alias": N_("an alias (`*name`) with no anchor"),
    "did not find expected key": N_("indentation does not line up with the keys above"),
    "did not find expected '-' indicator": N_("a list item that does not line up with the others"),
    "did not find expected alphabetic or numeric character": N_(
        "a value starting with `*` or `&`, which YAML reads as an alias or anchor; "
        "quote the value, and start list items with `- `"
    ),
}


def _syntax_message(err: yaml.MarkedYAMLError, text: str) -> Msg:
    problem = (err.problem or "invalid YAML").strip()
    mark, context_mark = err.problem_mark, err.context_mark
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return Msg("YAML syntax error: a tab character; indent with spaces, not tabs")
    hint: Msg | None = next((Msg(h) for needle, h in _HINTS.items() if needle in problem), None)
    if (
        hint is None
        and context_mark is not None
        and err.context
        and (mark is None or context_mark.line != mark.line)
    ):
        hint = Msg(
            "{context} that began at line {line}",
            context=err.context.strip(),
            line=context_mark.line + 1,
        )
    if hint is None:
        return Msg("YAML syntax error: {problem}", problem=problem)
    return Msg("YAML syntax error: {problem} ({hint})", problem=problem, hint=hint)


class _Builder:
    """Turns the event stream into data; a stack of open containers."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.documents = 0
        self.aliases: set[str] = set()

    def issue(self, code: str, mark: Any, message: Msg) -> None:
        line, col = _pos(mark)
        self.tree.issues.append(YamlIssue(code, line, col, message))

    def run(self, events: Any) -> None:
        # Each frame: [container, path, pending_key, pending_key_mark, seen_keys, is_mapping].
        # This loop sees every event of every plan (thousands per plan), so the
        # common cases are inline and the helpers only run for the rare ones.
        stack: list[list[Any]] = []
        root: list[Any] = []
        spans = self.tree.spans
        top: list[Any] | None = None  # stack[-1]
        scalar, no_key, nulls, new_span = ScalarEvent, _NO_KEY, _NULLS, _span  # locals: faster
        for event in events:
            kind = event.__class__
            value: Any
            if kind is scalar:
                tag = event.tag
                if tag is not None or event.anchor is not None:
                    self._check_node(event)
                value = event.value
                # `style` is None (Python parser) or "" (libyaml) for a plain scalar.
                if (not event.style and value in nulls) or tag == _NULL_TAG:
                    value = None
                if top is not None and top[5] and top[2] is no_key:  # a key
                    if value is None or value == "<<" or value in top[4]:
                        self._take_key(top, value, event)
                    else:
                        mark = event.start_mark
                        top[2] = value
                        top[3] = top[4][value] = (mark.line + 1, mark.column + 1)
                    continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                if frame[2] is not no_key:  # a key without a value cannot happen in YAML
                    raise _Fatal(
                        YamlIssue("Y001", *_pos(event.start_mark), Msg("incomplete mapping"))
                    )
                top = stack[-1] if stack else None
                continue
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.tag is not None or event.anchor is not None:
                    self._check_node(event)
                if len(stack) >= MAX_DEPTH:
                    raise _Fatal(
                        YamlIssue(
                            "Y005",
                            *_pos(event.start_mark),
                            Msg(
                                "nesting deeper than {depth} levels; a plan needs at most about 8",
                                depth=MAX_DEPTH,
                            ),
                        )
                    )
                if top is not None and top[5] and top[2] is no_key:
                    self.issue(
                        "Y011",
                        event.start_mark,
                        Msg("a mapping key must be plain text, not a list or mapping"),
                    )
                    raise _Fatal(self.tree.issues.pop())
                value = {} if kind is MappingStartEvent else []
            elif kind is AliasEvent:
                if event.anchor not in self.aliases:  # once per name: a bomb repeats them
                    self.aliases.add(event.anchor)
                    self.issue(
                        "Y003",
                        event.start_mark,
                        Msg(
                            "alias `*{anchor}` is not allowed in a plan; write the value out",
                            anchor=event.anchor,
                        ),
                    )
                value = None
                if top is not None and top[5] and top[2] is no_key:  # an alias as a key
                    self._take_key(top, None, event)
                    continue
            elif kind is DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    raise _Fatal(
                        YamlIssue(
                            "Y009",
                            *_pos(event.start_mark),
                            Msg(
                                "a second YAML document starts here (`---`); "
                                "one plan file holds exactly one plan"
                            ),
                        )
                    )
                continue
            else:  # StreamStart, StreamEnd and DocumentEnd carry nothing for the tree
                continue

            # Place the value: as the root, in the open list, or under the pending key.
            mark = event.start_mark
            line, col = mark.line + 1, mark.column + 1
            if top is None:
                path: Path = ()
                root.append(value)
                spans[path] = new_span(Span, (line, col, line, col))
            elif not top[5]:
                container = top[0]
                path = (*top[1], len(container))
                spans[path] = new_span(Span, (line, col, line, col))
                container.append(value)
            else:
                key = top[2]
                top[2] = no_key
                path = (*top[1], key)
                # A duplicate key's value is dropped; its path (with the marked
                # key) still gives what is below it a place of its own.
                if key.__class__ is not _Duplicate:
                    top[0][key] = value
                    spans[path] = new_span(Span, (*top[3], line, col))
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                top = [value, path, no_key, None, {}, kind is MappingStartEvent]
                stack.append(top)
        self.tree.data = root[0] if root else None

    def _check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self.issue(
                "Y003",
                event.start_mark,
                Msg(
                    "anchor `&{anchor}` is not allowed in a plan; write values out in full",
                    anchor=event.anchor,
                ),
            )
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.issue(
                "Y004",
                event.start_mark,
                Msg(
                    "YAML tag `{tag}` is not allowed; plan files hold plain text, "
                    "numbers and dates",
                    tag=shown,
                ),
            )

    def _take_key(self, frame: list[Any], key: Any, event: Any) -> None:
        if key is None:
            key = ""
        if key == "<<" and not event.style:
            self.issue("Y003", event.start_mark, Msg("merge key `<<` is not allowed in a plan"))
        seen: dict[str, tuple[int, int]] = frame[4]
        line, col = _pos(event.start_mark)
        if key in seen:
            first_line, _ = seen[key]
            self.issue(
                "Y002",
                event.start_mark,
                Msg(
                    "duplicate key `{key}`: also at line {line}; "
                    "is `- ` missing in front of a new list item?",
                    key=key,
                    line=first_line,
                )
                if key == "id"
                else Msg(
                    "duplicate key `{key}`: also at line {line}; "
                    "keep one (with YAML the last one would silently win)",
                    key=key,
                    line=first_line,
                ),
            )
            # Give the duplicate's value a place of its own so it does not
            # overwrite the first one's span; it is dropped from the data.
            key = _Duplicate(key)
        else:
            seen[key] = (line, col)
        frame[2] = key
        frame[3] = (line, col)


class _Duplicate(str):
    """Marks the path of a duplicate key's value, which is not kept."""


_NO_KEY: Any = object()
