"""Did-you-mean hints for an unknown name, key or value, worded the same everywhere.

One matcher (`closest`) serves every message: schema errors in the loader,
references in the rules, and the arguments of `samplan log`, `overdue` and the
other commands.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping

from samplan.messages import Msg


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice `word` is most likely a typo of, if one is close enough."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def typo_hint(word: str, choices: Iterable[str]) -> Msg | str:
    """`: did you mean `title`?` for the choice `word` (any case) is a typo of; else ""."""
    close = closest(word.lower(), choices)
    return Msg(": did you mean `{close}`?", close=close) if close else ""


def english_hint(
    word: str, choices: Collection[str], swedish: Mapping[str, str], what: str
) -> Msg | str:
    """`: did you mean `done`? (values are English)` when `word` is the Swedish word
    (per `swedish`) for one of `choices`; else "". `what` is "keys" or "values"."""
    english = swedish.get(word.strip().lower())
    if english not in choices:
        return ""
    if what == "keys":
        return Msg(": did you mean `{english}`? (keys are English)", english=english)
    return Msg(": did you mean `{english}`? (values are English)", english=english)


def unknown_message(unknown: Msg | str, key: str, known: Iterable[str]) -> Msg:
    """`unknown party `polsi`; did you mean `polis`? (known: kommun, polis)`.

    `unknown` says what is unknown, `Msg("unknown party")` (one message, so that a
    language can make the adjective agree with the noun); a plain str names only
    the thing, in English, as callers not yet translated do."""
    if isinstance(unknown, str):
        unknown = f"unknown {unknown}"
    names = sorted(known)
    close = closest(key, names)
    hint = Msg("; did you mean `{close}`?", close=close) if close else ""
    listing = ", ".join(names) if names else Msg("none are defined")
    return Msg(
        "{unknown} `{key}`{hint} (known: {listing})",
        unknown=unknown,
        key=key,
        hint=hint,
        listing=listing,
    )
