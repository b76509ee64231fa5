from __future__ import annotations

import pytest

from samplan.pii import find_identity_numbers, luhn_ok


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
