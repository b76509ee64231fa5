"""The code table in the README and docs/codes.md matches the registry."""

from __future__ import annotations

import re

from samplan.problems import CODES

from .conftest import ROOT


def _rows(text: str) -> dict[str, tuple[str, str]]:
    rows = {}
    for match in re.finditer(r"^\| `([A-Z]\d{3})` \| (\w+) \| (.+?) \|$", text, re.M):
        rows[match.group(1)] = (match.group(2), match.group(3))
    return rows


def test_readme_table_matches_registry() -> None:
    rows = _rows((ROOT / "README.md").read_text(encoding="utf-8"))
    assert rows == {c.code: (c.severity.value, c.summary) for c in CODES.values()}


def test_codes_doc_covers_every_code() -> None:
    text = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"## {code}" in text, code


def test_every_code_is_exercised_by_a_case() -> None:
    seen = set()
    for expected in (ROOT / "tests" / "data" / "invalid").glob("*.expected"):
        seen |= set(re.findall(r" (?:error|warning) ([A-Z]\d{3}) ", expected.read_text("utf-8")))
    untested = set(CODES) - seen - {"Y012", "Y006", "R007"}  # covered in unit tests
    assert untested == set()
