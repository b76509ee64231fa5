"""Ids from Swedish text: `Trygghetsvandring Östra` -> `trygghetsvandring-ostra`.

One place for it, so the id the validator suggests is the id `samplan import`
would make from the same text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from samplan.errors import NotAPlanId
from samplan.model import SLUG_PATTERN


def norm(text: str) -> str:
    """`Område`, `OMRADE ` and `område:` all become `omrade`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_only).split())


# Small words that make a poor last word of an id cut short.
_TAIL_WORDS = {"och", "i", "vid", "med", "for", "av", "pa", "till", "som", "att", "en", "ett", "om"}


def slugify(text: str, limit: int = 48) -> str:
    """`Trygghetsvandring i Östra centrum` -> `trygghetsvandring-i-ostra-centrum`.

    A longer text is cut at a word, not after a small word such as `och`.
    """
    words = norm(text).split()
    if len("-".join(words)) <= limit:
        return "-".join(words)
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > limit:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1] in _TAIL_WORDS:
        kept.pop()
    return "-".join(kept) or "-".join(words)[:limit].strip("-")


def unique(base: str, taken: Collection[str]) -> str:
    """`base`, or `base-2`, `base-3` ... whichever is not taken yet."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


_SLUG = re.compile(SLUG_PATTERN)


def check_plan_id(plan_id: str) -> None:
    """UsageError unless `plan_id` is a valid plan id (a slug)."""
    if not _SLUG.match(plan_id):
        raise NotAPlanId(plan_id=plan_id, example=slugify(plan_id) or "sjovik-2026")
