"""Writing YAML by hand, one value at a time: the rule `log`, `init` and `import` share.

samplan writes plan text itself (to keep a person's layout and comments, and
to lay out new plans the way the spec's examples do), so every value it puts
into a file goes through `scalar`: plain when any YAML reader reads that back
as exactly the same text, else double-quoted with escapes.

"Any reader" is the point. PyYAML reads YAML 1.1 (`no`, `on` are booleans,
`18:00` is the number 1080, `2012-01-01` a date); ruamel.yaml, yq and editors
read YAML 1.2 (`0o17` is a number there, `y` and `n` were booleans in 1.1's
spec). A text that either would read as something else is quoted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import cast

import yaml

# May start a plain scalar: not blank and no indicator character.
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\t]*")
# The tag a YAML 1.1 reader gives a plain scalar (`yes` is a bool, `2026-11-22` a date).
_resolve = cast(Callable[..., str], yaml.resolver.Resolver().resolve)
# What YAML 1.2 or the 1.1 spec read as something other than text, beyond PyYAML's rules.
_OTHER_READERS = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[yYnN]|\.\.\..*"
)
# Inside `[...]` and `{...}` these end a plain scalar (`?` and `:` for PyYAML only).
_FLOW_INDICATORS = frozenset(",[]{}?:")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def text_scalar(text: str, *, flow: bool = False) -> str:
    """`text` as a YAML scalar that reads back as exactly this text.

    `flow` for a value inside `{...}` or `[...]`, where `,[]{}?:` end a plain scalar.
    """
    plain = (
        _PLAIN.fullmatch(text) is not None
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not (flow and not _FLOW_INDICATORS.isdisjoint(text))
        and all(_escape(c) == c or c in '\\"' for c in text)  # quotes are fine inside
        and _resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
        and _OTHER_READERS.fullmatch(text) is None
    )
    return text if plain else '"' + "".join(_escape(c) for c in text) + '"'


def scalar(value: object, *, flow: bool = False) -> str:
    """A value as YAML: null, a boolean, an integer, an ISO date or text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)
    return text_scalar(str(value), flow=flow)


def flow_mapping(mapping: Mapping[str, object]) -> str:
    """`{key: value, ...}` on one line; keys whose value is None left out."""
    inner = ", ".join(f"{k}: {flow_value(v)}" for k, v in mapping.items() if v is not None)
    return "{" + inner + "}"


def flow_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(flow_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return flow_mapping(value)
    return scalar(value, flow=True)


def _escape(char: str) -> str:
    """The character inside double quotes: itself when printable, else an escape."""
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    printable = (
        0x20 <= code <= 0x7E
        or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029))
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )
    if printable:
        return char
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"
