"""Random and mutated input never crashes the loader or the rules (no exit 3)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from samplan.cli.app import app
from samplan.loader import load_bytes
from samplan.rules import check_file

from .conftest import AS_OF, PLANS

SEED = (PLANS / "harnosand-2012.yaml").read_bytes()
LINES = SEED.splitlines(keepends=True)
SNIPPETS = [
    b"&a x",
    b"*a",
    b"!!python/object:os.system",
    b": :",
    b"- - -",
    b"{",
    b"]",
    b"'",
    b'"',
    b"\t",
    b"\xff\xfe",
    b"\xe5",
    b"2012-02-30",
    b"no",
    b"~",
    b"? x",
    b"---",
    b"%YAML 1.1",
    b"\x00",
    b"811218-9876",
]


def check(raw: bytes) -> None:
    loaded = load_bytes(raw, "fuzz.yaml")
    for problem in [*loaded.problems, *check_file(loaded, AS_OF)]:
        assert problem.line >= 0 and problem.column >= 0
        assert problem.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes(raw: bytes) -> None:
    check(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(LINES) - 1),
            st.sampled_from(["delete", "insert", "dup", "indent", "dedent", "flip"]),
            st.sampled_from(SNIPPETS),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_mutated_real_plan(mutations: list[tuple[int, str, bytes]]) -> None:
    lines = list(LINES)
    for index, action, snippet in mutations:
        index %= len(lines) or 1
        if not lines:
            break
        line = lines[index]
        if action == "delete":
            del lines[index]
        elif action == "insert":
            lines.insert(index, line[: len(line) // 2] + snippet + b"\n")
        elif action == "dup":
            lines.insert(index, line)
        elif action == "indent":
            lines[index] = b"  " + line
        elif action == "dedent":
            lines[index] = line.lstrip()
        else:
            lines[index] = line.replace(b":", snippet, 1)
    check(b"".join(lines))


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400))
def test_cli_never_exits_3(tmp_path_factory: object, text: str) -> None:
    directory = Path(str(tmp_path_factory.mktemp("fuzz")))  # type: ignore[attr-defined]
    plan = directory / "plan.yaml"
    plan.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = CliRunner().invoke(app, ["validate", "--as-of", "2026-11-22", str(plan)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
