"""Did-you-mean hints for an unknown name, key or value, worded the same everywhere.

One matcher (`closest`) serves every message: schema errors in the loader,
references in the rules, and the arguments of `samplan log`, `overdue` and the
other commands.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice `word` is most likely a typo of, if one is close enough."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def typo_hint(word: str, choices: Iterable[str]) -> str:
    """`: did you mean `title`?` for the choice `word` (any case) is a typo of; else ""."""
    close = closest(word.lower(), choices)
    return f": did you mean `{close}`?" if close else ""


def english_hint(word: str, choices: Collection[str], swedish: Mapping[str, str], what: str) -> str:
    """`: did you mean `done`? (values are English)` when `word` is the Swedish word
    (per `swedish`) for one of `choices`; else "". `what` is "keys" or "values"."""
    english = swedish.get(word.strip().lower())
    return f": did you mean `{english}`? ({what} are English)" if english in choices else ""


def unknown_message(what: str, key: str, known: Iterable[str]) -> str:
    """`unknown party `polsi`; did you mean `polis`? (known: kommun, polis)`."""
    names = sorted(known)
    close = closest(key, names)
    hint = f"; did you mean `{close}`?" if close else ""
    listing = ", ".join(names) if names else "none are defined"
    return f"unknown {what} `{key}`{hint} (known: {listing})"
