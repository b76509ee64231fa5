"""Swedish personal identity numbers in text (plans are public documents).

A personnummer is YYMMDD-NNNC (optionally with the century, YYYYMMDD), where
C is a Luhn check digit over the ten digits; a samordningsnummer adds 60 to
the day. Requiring a real date and a valid check digit keeps dnr, phone
numbers and sums from being flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import msgspec

_CANDIDATE = re.compile(r"(?<![\d-])((?:19|20)?\d{6})([-+ ]?)(\d{4})(?![\d-])")
# Spelled \d\d{5}, not \d{6}: then `re` skips ahead to a digit and searches twice as fast.
_SIX_DIGITS = re.compile(r"\d\d{5}")


class Found(msgspec.Struct, frozen=True):
    start: int  # offset in the text
    masked: str  # e.g. 850709-****
    kind: str  # "personnummer" or "samordningsnummer"


def may_contain_identity_numbers(yaml_text: str) -> bool:
    """False only when no value read from this YAML text can hold a candidate.

    Every candidate has six digits in a row. A value gets them only from six
    digits in a row in the text, or through an escape (a backslash) in a
    double-quoted value; line folding always leaves a space. One search of
    the text is much cheaper than looking at every value of a large plan.
    """
    return "\\" in yaml_text or _SIX_DIGITS.search(yaml_text) is not None


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def find_identity_numbers(text: str) -> Iterator[Found]:
    for match in _CANDIDATE.finditer(text):
        date_part, sep, tail = match.groups()
        if not sep and len(date_part) == 6 and not _looks_isolated(text, match):
            continue
        short = date_part[-6:]
        year, month, day = int(short[:2]), int(short[2:4]), int(short[4:6])
        kind = "personnummer"
        if day > 60:
            day -= 60
            kind = "samordningsnummer"
        full_year = int(date_part[:4]) if len(date_part) == 8 else 2000 + year
        try:
            dt.date(full_year, month, day)
        except ValueError:
            continue
        if luhn_ok(short + tail):
            yield Found(match.start(), f"{short}-****", kind)


def _looks_isolated(text: str, match: re.Match[str]) -> bool:
    """Ten bare digits count only when they stand alone, not inside a longer code."""
    before = text[max(0, match.start() - 1) : match.start()]
    after = text[match.end() : match.end() + 1]
    return not (before.isalnum() or after.isalnum())
