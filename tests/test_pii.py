from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from samplan.pii import find_identity_numbers, luhn_ok, may_contain_identity_numbers
from samplan.yamltree import parse_tree


def test_luhn() -> None:
    assert luhn_ok("8112189876")
    assert not luhn_ok("8112189875")


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Anna 811218-9876", ["personnummer"]),
        ("19811218-9876", ["personnummer"]),
        ("198112189876", ["personnummer"]),
        ("8112189876", ["personnummer"]),
        ("811218+9876", ["personnummer"]),
        ("samordningsnummer 701063-2391", ["samordningsnummer"]),
        ("811218-9875", []),  # wrong check digit
        ("Dnr KS 2025/1234", []),
        ("telefon 0470-123456", []),
        ("811332-9876", []),  # no month 13
        ("år 2012-2013", []),
        ("ABC8112189876", []),  # part of a longer code
        ("", []),
    ],
)
def test_find(text: str, kinds: list[str]) -> None:
    assert [f.kind for f in find_identity_numbers(text)] == kinds


def test_masked() -> None:
    (found,) = find_identity_numbers("x 19811218-9876")
    assert found.masked == "811218-****"
    assert "9876" not in found.masked


# Text around an identity number, in the ways YAML can write it: plain,
# folded over lines, double-quoted with escapes (\\u0038, a line joined by \\).
_PIECES = st.lists(
    st.sampled_from(
        ["8112189876", "811218", "-", "9876", "81121", "89876", " ", "\n", "å", "\u0660"]
    ),
    max_size=8,
)


@given(_PIECES)
def test_the_quick_look_never_misses_a_number_in_a_value(pieces: list[str]) -> None:
    value = "".join(pieces)
    ascii_escaped = json.dumps(value)  # double-quoted, non-ASCII as \\uXXXX
    joined = '"' + "\\\n  ".join(json.dumps(p)[1:-1] for p in pieces) + '"'
    block = ">-\n  " + value.replace("\n", "\n  ")
    for text in (
        yaml.safe_dump({"v": value}),
        f"v: {ascii_escaped}",
        f"v: {joined}",
        f"v: {block}",
    ):
        tree = parse_tree(text)
        read = tree.data["v"] if isinstance(tree.data, dict) else None
        if isinstance(read, str) and any(find_identity_numbers(read)):
            assert may_contain_identity_numbers(text), text


def test_the_quick_look_passes_plans_without_six_digits_in_a_row() -> None:
    assert not may_contain_identity_numbers(
        "date: 2026-03-31\nnote: Dnr KS 2025/318, tel 0470-12345"
    )
    assert may_contain_identity_numbers("note: 811218-9876")
