"""Parties from the Ansvarig texts: names split, kinds guessed, one key per party."""

from __future__ import annotations

import pytest

from samplan.parties import PartyBook, guess_type, join_parties, split_parties, split_responsible

SPLITS = [
    ("Kommunen i samverkan med polis, räddningstjänst", ["Kommunen"], ["polis", "räddningstjänst"]),
    ("Polis och skola", ["Polis", "skola"], []),
    ("Barn- och utbildningsförvaltningen", ["Barn- och utbildningsförvaltningen"], []),
    ("Polismyndigheten, LPO Sjövik", ["Polismyndigheten, LPO Sjövik"], []),
    ("Ansvarig: TS med stöd av kommunikationsavdelningen.", ["TS"], ["kommunikationsavdelningen"]),
    ("Polisen i samarbete med stadsledningskontoret m.fl.", ["Polisen"], ["stadsledningskontoret"]),
    ("Skolan; Socialtjänsten, IFO", ["Skolan", "Socialtjänsten, IFO"], []),
    ("", [], []),
]


@pytest.mark.parametrize(("text", "lead", "partners"), SPLITS)
def test_split_responsible(text: str, lead: list[str], partners: list[str]) -> None:
    assert split_responsible(text) == (lead, partners)


@pytest.mark.parametrize(
    "names",
    [["Kultur och fritid"], ["Polisen", "Kultur och fritid"], ["Skolan"], ["Tekniska, gata"]],
)
def test_join_parties_reads_back_exactly(names: list[str]) -> None:
    assert split_parties(join_parties(names)) == names


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Polisen", "police"),
        ("Lokalpolisområde Landskrona", "police"),
        ("Räddningstjänsten", "municipal_unit"),
        ("Individ- och familjeförvaltningen", "municipal_unit"),
        ("Landskrona Stadsutveckling AB", "business"),
        ("Försäkringskassan", "authority"),
        ("PRO Sjövik", "organisation"),
        ("Ordningsvakter", "other"),
    ],
)
def test_guess_type(name: str, kind: str) -> None:
    assert guess_type(name) == kind


def test_party_book_gives_one_key_per_party() -> None:
    book = PartyBook("Landskrona stad")
    keys = [book.key_for(n) for n in ["Landskrona stad", "staden", "polisen", "Polis", "Skolan"]]
    assert keys == ["kommun", "kommun", "polis", "polis", "skolan"]
    assert book.key_for("skola") == "skolan"  # the same unit without the article
    assert book.key_for("Polismyndigheten, LPO Landskrona") == "polis"  # fuller name wins
    assert book.parties["polis"].name == "Polismyndigheten, LPO Landskrona"
