from __future__ import annotations

from samplan.loader import MAX_BYTES, load_bytes

PLAN = """samplan: 1
id: test
title: Trygghet på torget
municipality: Härnösands kommun
period: {start: 2026-01-01, end: 2026-12-31}
parties:
  kommun: {name: Kommunen, type: municipality}
areas:
  - id: torget
    title: Torget
    activities:
      - {id: a1, title: Vandring, responsible: [kommun], due: 2026-10-31}
"""


def codes(raw: bytes) -> list[str]:
    return [p.code for p in load_bytes(raw, "x.yaml").problems]


def test_valid_utf8() -> None:
    loaded = load_bytes(PLAN.encode(), "x.yaml")
    assert loaded.problems == []
    assert loaded.plan is not None
    assert loaded.plan.title == "Trygghet på torget"


def test_bom_and_crlf() -> None:
    loaded = load_bytes(b"\xef\xbb\xbf" + PLAN.replace("\n", "\r\n").encode(), "x.yaml")
    assert loaded.problems == []
    assert loaded.plan is not None
    assert loaded.plan.municipality == "Härnösands kommun"


def test_utf16_with_bom() -> None:
    loaded = load_bytes(PLAN.encode("utf-16"), "x.yaml")
    assert loaded.problems == []


def test_latin1_reported_with_position_and_still_read() -> None:
    loaded = load_bytes(PLAN.encode("cp1252"), "x.yaml")
    (problem,) = loaded.problems
    assert (problem.code, problem.line, problem.column) == ("Y007", 3, 18)
    assert loaded.plan is not None and loaded.plan.title == "Trygghet på torget"


def test_too_large() -> None:
    assert codes(b"#" * (MAX_BYTES + 1)) == ["Y006"]


def test_empty_and_whitespace() -> None:
    assert codes(b"") == ["Y008"]
    assert codes(b"  \n\n# nothing\n") == ["Y008"]


def test_scalar_document() -> None:
    assert codes(b"just text\n") == ["Y010"]


def test_binary_garbage_is_a_problem_not_a_crash() -> None:
    assert codes(bytes(range(256)) * 4)


def test_problem_points_at_value() -> None:
    loaded = load_bytes(PLAN.replace("due: 2026-10-31", "due: 2026-02-30").encode(), "x.yaml")
    (problem,) = loaded.problems
    assert (problem.code, problem.line) == ("S005", 12)
    assert problem.column == PLAN.splitlines()[11].index("2026-10-31") + 1
    assert "February 2026 has 28 days" in problem.message
