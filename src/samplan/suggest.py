"""Did-you-mean hints for an unknown name, key or value, worded the same everywhere.

One matcher (`closest`) serves every message: schema errors in the loader,
references in the rules, and the arguments of `samplan log`, `overdue` and the
other commands.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Collection, Iterable, Mapping

from samplan.messages import Msg

# Up to this many known names are listed in full after an unknown one; beyond
# it only the close ones are (4,000 bad references to 2,000 parties once
# printed 270 MiB).
LISTED_IN_FULL = 12
# difflib compares with every choice, and names that all look alike (`part-0001`
# ... `part-2000`) make each comparison slow: beyond this many choices only those
# sharing the rarer three-letter pieces with the word are compared.
COMPARED_IN_FULL = 200


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice `word` is most likely a typo of, if one is close enough."""
    match = Vocabulary(choices).close(word, 1)
    return match[0] if match else None


def typo_hint(word: str, choices: Iterable[str]) -> Msg | str:
    """`: did you mean `title`?` for the choice `word` (any case) is a typo of; else ""."""
    close = closest(word.lower(), choices)
    return Msg(": did you mean `{close}`?", close=close) if close else ""


def english_word(word: str, choices: Collection[str], swedish: Mapping[str, str]) -> str | None:
    """The one of `choices` that `word` is the Swedish word for (per `swedish`), if any."""
    english = swedish.get(word.strip().lower())
    return english if english in choices else None


def english_hint(
    word: str, choices: Collection[str], swedish: Mapping[str, str], what: str
) -> Msg | str:
    """`: did you mean `done`? (values are English)` when `word` is the Swedish word
    (per `swedish`) for one of `choices`; else "". `what` is "keys" or "values"."""
    english = english_word(word, choices, swedish)
    if english is None:
        return ""
    if what == "keys":
        return Msg(": did you mean `{english}`? (keys are English)", english=english)
    return Msg(": did you mean `{english}`? (values are English)", english=english)


class Vocabulary:
    """The names known at one place (party keys of a plan ...), to look up many
    unknown names in: built once, each look-up costs about the same however many
    names there are."""

    def __init__(self, known: Iterable[str]) -> None:
        self.names = sorted(set(known))
        self._pieces: dict[str, list[int]] = {}
        if len(self.names) > COMPARED_IN_FULL:
            for n, name in enumerate(self.names):
                for piece in _pieces(name):
                    self._pieces.setdefault(piece, []).append(n)

    def close(self, word: str, count: int = 3) -> list[str]:
        """Up to `count` names `word` is likely a typo of, closest first."""
        choices = self.names
        if len(choices) > COMPARED_IN_FULL:
            rare = max(COMPARED_IN_FULL // 4, len(choices) // 50)
            shared: Counter[int] = Counter()
            for piece in _pieces(word):
                found = self._pieces.get(piece, ())
                if len(found) <= rare:
                    shared.update(found)
            choices = [self.names[n] for n, _ in shared.most_common(8)]
        return difflib.get_close_matches(word, choices, n=count, cutoff=0.6)

    def unknown(self, unknown: Msg | str, key: str) -> Msg:
        """`unknown party `polsi`; did you mean `polis`? (known: kommun, polis)`; with
        many names, the close ones only. `unknown` as in `unknown_message`."""
        if isinstance(unknown, str):
            unknown = f"unknown {unknown}"
        close = self.close(key)
        hint = Msg("; did you mean `{close}`?", close=close[0]) if close else ""
        if len(self.names) > LISTED_IN_FULL:
            others = Msg("; also close: {names}", names=", ".join(close[1:])) if close[1:] else ""
            return Msg(
                "{unknown} `{key}`{hint} ({count} are defined{others})",
                unknown=unknown,
                key=key,
                hint=hint,
                count=len(self.names),
                others=others,
            )
        listing = ", ".join(self.names) if self.names else Msg("none are defined")
        return Msg(
            "{unknown} `{key}`{hint} (known: {listing})",
            unknown=unknown,
            key=key,
            hint=hint,
            listing=listing,
        )


def _pieces(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def unknown_message(unknown: Msg | str, key: str, known: Iterable[str]) -> Msg:
    """`unknown party `polsi`; did you mean `polis`? (known: kommun, polis)`.

    `unknown` says what is unknown, `Msg("unknown party")` (one message, so that a
    language can make the adjective agree with the noun); a plain str names only
    the thing, in English, as callers not yet translated do. For many look-ups in
    the same names, make a `Vocabulary` once."""
    return Vocabulary(known).unknown(unknown, key)
