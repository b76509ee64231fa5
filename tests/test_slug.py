from __future__ import annotations

import re

import pytest

from samplan.model import SLUG_PATTERN
from samplan.slug import norm, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Trygghetsvandring i Östra centrum", "trygghetsvandring-i-ostra-centrum"),
        ("Testby Plan", "testby-plan"),
        ("Brå", "bra"),
        ("Räddningstjänst; Polisen", "raddningstjanst-polisen"),
        ("", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert slug == "" or re.match(SLUG_PATTERN, slug)


def test_cut_at_a_word_not_after_a_small_one() -> None:
    assert slugify("Samverkan mellan skola och socialtjänst i alla stadsdelar", 30) == (
        "samverkan-mellan-skola"
    )


def test_norm_folds_case_accents_and_punctuation() -> None:
    assert norm(" OMRÅDE: ") == norm("område") == "omrade"
