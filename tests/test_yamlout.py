"""The one rule for writing text into YAML: it must read back as exactly the same text."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from samplan.loader import load_bytes
from samplan.yamlout import flow_mapping, flow_value, scalar, text_scalar

TRICKY = [
    "no", "No", "yes", "on", "off", "y", "n", "true", "null", "~", "", " ",
    "2012", "2012-01-01", "18:00", "1:30:00", "0o17", "0x1F", "1e3", ".5", "+1", ".inf", ".NaN",
    ": ", "a: b", "a:", "key:value", "#", "#1", "x #y", "x#y", "- punkt", "-", "--- x", "...",
    "? fråga", "!tag", "&anchor", "*alias", "|", ">", "%YAML", "@x", "`x`", "=", "<<",
    '"citat"', "'citat'", 'Hon sa "ja"', "O'Brien", "back\\slash",
    "rad ett\nrad två", "slut\n", "\r", "tab\there", "{a}", "[a]", "a, b", "a,b", "}",
    "0?", "a?b", "a:b",
    "\xa0ledande hårt blanksteg", "hårt\xa0blanksteg", "slut\xa0",
    "\u2028", "a\x85b", "\ufeffBOM", "\x00", "\x1b[31m", "\x7f", "😀 emoji",
    "Sjöviks kommun", "Under 2012", "2 gånger/år", "Polisen, LPO Sjövik", "Å, ä",
]  # fmt: skip


def read_back(line: str) -> object:
    return yaml.safe_load(line)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_reads_back_in_block_and_flow(text: str) -> None:
    assert read_back(f"v: {text_scalar(text)}\n") == {"v": text}
    assert read_back(f"v: {flow_mapping({'a': text, 'b': [text, text]})}\n") == {
        "v": {"a": text, "b": [text, text]}
    }
    assert load_bytes(f"v: {text_scalar(text)}\n".encode(), "s.yaml").data == {"v": text}


def test_plain_where_that_is_safe_and_quoted_where_another_reader_differs() -> None:
    for text in ["Sjöviks kommun", "Under 2012", "2 gånger/år", 'Hon sa "ja"', "x#y", "a:b"]:
        assert text_scalar(text) == text
    # YAML 1.2 readers (ruamel.yaml, yq, editors) and the YAML 1.1 spec read these as
    # numbers or booleans although PyYAML reads them as text.
    for text in ["0o17", "y", "N", ".5e3", "..."]:
        assert text_scalar(text).startswith('"'), text
    assert text_scalar("a, b") == "a, b"
    assert text_scalar("a, b", flow=True) == '"a, b"'
    assert text_scalar("rad\u2028två") == '"rad\\u2028två"'  # a line break in YAML


def test_values_of_other_types() -> None:
    assert scalar(None) == "null"
    assert scalar(True) == "true"
    assert scalar(7) == "7"
    assert scalar(dt.date(2026, 1, 2)) == "2026-01-02"
    assert flow_value(["a", None, 3]) == "[a, null, 3]"
    assert flow_mapping({"name": "Polisen", "part_of": None}) == "{name: Polisen}"


@settings(deadline=None)  # a loaded machine must not make it flaky
@given(st.text())
def test_any_text_reads_back(text: str) -> None:
    assert read_back(f"v: {text_scalar(text)}\n") == {"v": text}
    assert read_back(f"v: [{text_scalar(text, flow=True)}]\n") == {"v": [text]}
