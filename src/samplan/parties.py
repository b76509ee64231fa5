"""Parties from the Ansvarig texts of a table: names split, kinds guessed, one key each.

"Kommunen i samverkan med polis, räddningstjänst" gives the lead `kommun` and
the partners `polis` and `raddningstjanst`; "Socialtjänsten" and "socialtjänst"
get one key; "Polisen" gives way to a fuller police name found later.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import msgspec

from samplan.slug import norm, slugify, unique

_LEAD_WITH = re.compile(
    r"\s+(?:i\s+samverkan\s+med|i\s+samarbete\s+med|tillsammans\s+med|med\s+st[öo]d\s+av|"
    r"i\s+samr[åa]d\s+med|med\s+hj[äa]lp\s+av)\s+",
    re.IGNORECASE,
)
# `,` `och` `samt` `&` `/` separate parties, except after a hyphen: the `och` in
# "Barn- och utbildningsförvaltningen" joins the parts of one name.
_BETWEEN = re.compile(r"(?<!-)(?:\s*,\s*|\s+och\s+|\s+samt\s+|\s*&\s*|\s*/\s*)", re.IGNORECASE)
# "Polismyndigheten, Lokalpolisområde Sjövik" is one party.
_POLICE_UNIT = re.compile(r"polisomr[åa]de|polisregion|\blpo\b", re.IGNORECASE)
_AND_OTHERS = re.compile(r"\s*(?:m\.\s?fl\.?|med flera)\s*$", re.IGNORECASE)
_LABEL = re.compile(r"^\s*ansvarig[a]?\s*:\s*", re.IGNORECASE)


def split_parties(text: str) -> list[str]:
    """Party names in a cell: one per line or `;` when the cell has them, else by `,`/och."""
    text = _LABEL.sub("", text)
    if "\n" in text or ";" in text:
        parts = re.split(r"\s*[\n;]\s*", text)
    else:
        parts = []
        for part in _BETWEEN.split(text):
            if parts and _POLICE_UNIT.search(part) and "polis" in parts[-1].casefold():
                parts[-1] = f"{parts[-1]}, {part}"
            else:
                parts.append(part)
    names = (_AND_OTHERS.sub("", p).strip(" .,:") for p in parts)
    return [n for n in names if n]


def join_parties(names: Sequence[str]) -> str:
    """The cell text `split_parties` reads back as exactly these names.

    One name per line; a single name that a comma or `och` would split, such as
    "Polismyndigheten Gävleborgs län, Polisen Norra Gävleborg", ends with `;`.
    """
    text = "\n".join(names)
    if len(names) == 1 and split_parties(text) != list(names):
        text += ";"
    return text


def split_responsible(text: str) -> tuple[list[str], list[str]]:
    """Lead and partners: `Kommunen i samverkan med polis, räddningstjänst` gives
    ([Kommunen], [polis, räddningstjänst])."""
    lead, *rest = _LEAD_WITH.split(text, maxsplit=1)
    return split_parties(lead), split_parties(rest[0]) if rest else []


class Party(msgspec.Struct):
    key: str
    name: str
    type: str
    part_of: str | None = None
    generic: bool = False  # named only "Polisen"; a full police name may take its place


_GENERIC_MUNICIPALITY = {"kommun", "kommunen", "staden", "stad"}
_GENERIC_POLICE = {"polis", "polisen", "polismyndigheten", "lokalpolisen"}
# Kinds of party by words in the name (after `norm`), checked in this order.
_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("business", r"\bab\b|bolag|foretag|handel|fastighet|bostad|naringsliv|krog|butik|hotell"),
    (
        "authority",
        r"lansstyrelse|forsakringskass|skatteverk|kriminalvard|frivard|tullverk|migrationsverk|"
        r"arbetsformedling|aklagar|kronofogd|kustbevakning|trafikverk|myndighet|\bregion\b|"
        r"inspektion|socialstyrelse",
    ),
    (
        "organisation",
        r"forening|forbund|nattvandr|kyrka|forsamling|idrott|frivillig|rada barnen|roda korset|"
        r"studieforbund|\bpro\b|\bspf\b",
    ),
    (
        "municipal_unit",
        r"forvaltning|namnd|kontor|skol|socialtjanst|socialsekreterare|raddningstjanst|fritid|"
        r"kultur|faltgrupp|faltare|faltarbetare|faltsekreterare|elevhalsa|individ och famil|"
        r"\bifo\b|\bssp\b|stadsbyggnad|samhallsbyggnad|samhallsforvaltning|kommunledning|"
        r"stadsledning|hemtjanst|omsorg|bibliotek|gatu|teknisk|miljo|avdelning|enhet|"
        r"ungdomsmottagning|kommunikation|sakerhet|folkhalsa|integration|arbetsmarknad|"
        r"\bbygg|stadsdel|kommunens|trygghetssamordnare|samordnare|socialforvaltning",
    ),
)


def guess_type(name: str) -> str:
    key = norm(name)
    if "polis" in key:
        return "police"
    for kind, pattern in _TYPE_WORDS:
        if re.search(pattern, key):
            return kind
    return "other"


class PartyBook:
    """Parties named in the table, keyed so that one party gets one key."""

    def __init__(self, municipality: str) -> None:
        self.municipality = municipality
        self.parties: dict[str, Party] = {"kommun": Party("kommun", municipality, "municipality")}
        self._by_name: dict[str, str] = {}

    def key_for(self, text: str) -> str:
        name = _display_name(text)
        ident = norm(name)
        known = next((k for i, k in self._by_name.items() if _same_word(i, ident)), None)
        if known is not None:
            return known
        key = self._new_key(name, ident)
        self._by_name[ident] = key
        return key

    def _new_key(self, name: str, ident: str) -> str:
        if ident in _GENERIC_MUNICIPALITY or ident == norm(self.municipality):
            return "kommun"
        kind = guess_type(name)
        if kind == "police":
            current = self.parties.get("polis")
            if ident in _GENERIC_POLICE:
                if current is None:
                    self.parties["polis"] = Party("polis", "Polisen", "police", generic=True)
                return "polis"
            if current is None or current.generic:
                self.parties["polis"] = Party("polis", name, "police")
                return "polis"
        key = unique(slugify(name, 40) or "part", self.parties)
        part_of = "kommun" if kind == "municipal_unit" else None
        self.parties[key] = Party(key, name, kind, part_of)
        return key


def _display_name(text: str) -> str:
    name = " ".join(text.split()).strip(" .,:;")
    return name[:1].upper() + name[1:]


def _same_word(a: str, b: str) -> bool:
    """`skolan` and `skola`, `socialtjansten` and `socialtjanst`: one word, with and
    without the Swedish definite ending."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return " " not in long and len(short) >= 4 and long in (short + "n", short + "en", short + "et")
