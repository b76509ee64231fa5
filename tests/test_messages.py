"""The terminal in the user's language: the catalog, the choice of language, the output."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator

import pytest

from samplan import i18n_catalog
from samplan.messages import Msg, PluralMsg, language_from, use_language

from .conftest import ROOT

INVALID = "tests/data/invalid/unknown-keys.yaml"
AS_OF = "2026-11-22"


def test_every_message_has_a_current_swedish_translation() -> None:
    problems = i18n_catalog.check()
    assert not problems, (
        "The terminal's message catalog is not complete:\n  "
        + "\n  ".join(problems)
        + "\n\nA new or changed message: run `python -m samplan.i18n_catalog update`, then "
        "translate the empty and fuzzy entries in src/samplan/locale/sv/LC_MESSAGES/"
        "samplan.po (remove the `#, fuzzy` line once checked), then run "
        "`python -m samplan.i18n_catalog compile` and commit the .pot, .po and .mo "
        "(README: Translating samplan)."
    )


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "sv_FI"}, "sv"),
        ({"LANG": "sv"}, "sv"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "sv_SE.UTF-8", "LANG": "en_US.UTF-8"}, "sv"),
        ({"LC_ALL": "C", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LC_MESSAGES": "sv_SE.UTF-8", "LANG": "en_US.UTF-8"}, "sv"),
        ({"LANGUAGE": "sv:en", "LANG": "en_US.UTF-8"}, "sv"),
        ({"LANGUAGE": "de:sv", "LANG": "en_US.UTF-8"}, "sv"),
        ({"LANGUAGE": "sv"}, "sv"),
        # GNU gettext: LANGUAGE does not apply in the C locale.
        ({"LANGUAGE": "sv", "LANG": "C"}, "en"),
        ({"SAMPLAN_LANG": "en", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"SAMPLAN_LANG": "sv", "LC_ALL": "C"}, "sv"),
        ({"SAMPLAN_LANG": "", "LANG": "sv_SE.UTF-8"}, "sv"),
    ],
)
def test_language_from_the_environment(environ: dict[str, str], language: str) -> None:
    assert language_from(environ) == language


@pytest.fixture
def swedish() -> Iterator[None]:
    use_language("sv")
    yield
    use_language("en")


def test_a_message_is_a_value_english_by_default_and_local_when_shown(swedish: None) -> None:
    msg = Msg("{plans} ({expired} expired)", plans=PluralMsg("{n} plan", "{n} plans", 3), expired=2)
    assert str(msg) == "3 plans (2 expired)"
    assert msg.local() == "3 planer (varav 2 har löpt ut)"
    assert pickle.loads(pickle.dumps(msg)) == msg
    assert hash(msg) == hash(pickle.loads(pickle.dumps(msg)))


def run(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    """samplan as the user's shell starts it, with only LANG saying the language."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "SAMPLAN_LANG"))}
    env.update(LANG=lang, NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "samplan", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_validate_in_swedish_and_english() -> None:
    sv = run("validate", INVALID, "--as-of", AS_OF, lang="sv_SE.UTF-8")
    en = run("validate", INVALID, "--as-of", AS_OF, lang="C")
    assert sv.returncode == en.returncode == 1
    assert sv.stdout.splitlines()[-1] == "Hittade 5 fel och 0 varningar i 1 av 1 planfil."
    assert en.stdout.splitlines()[-1] == "Found 5 errors and 0 warnings in 1 of 1 plan file."
    assert f"{INVALID}:3:1: fel S001 " in sv.stdout
    assert f"{INVALID}:3:1: error S001 " in en.stdout


def test_json_output_is_the_same_in_every_language() -> None:
    args = ("validate", INVALID, "--as-of", AS_OF, "--format", "json")
    sv, en = run(*args, lang="sv_SE.UTF-8"), run(*args, lang="C")
    assert sv.stdout == en.stdout
    assert json.loads(sv.stdout)["problems"][0]["severity"] == "error"


def test_overdue_table_in_swedish_and_english() -> None:
    args = ("overdue", "plans/demo-sjovik-2026.yaml", "--as-of", AS_OF)
    sv, en = run(*args, lang="sv_SE.UTF-8"), run(*args, lang="C")
    words = ["Aktivitet", "Ansvarig", "Senast", "Dagar sen", "pågår", "3:e gången 2026"]
    assert all(word in sv.stdout for word in [*words, "2 av 3 genomförda"]), sv.stdout
    assert all(w in en.stdout for w in ["Item", "Responsible", "Due", "Days late", "ongoing"])
    assert sv.stdout.splitlines()[-1].endswith(f"missade förfallodagar i 1 plan per {AS_OF}.")
    assert en.stdout.splitlines()[-1].endswith(f"missed deadlines in 1 plan as of {AS_OF}.")


def test_help_in_swedish_and_english() -> None:
    sv, en = run("validate", "--help", lang="sv_SE.UTF-8"), run("validate", "--help", lang="C")
    assert "Kontrollera planer mot formatet och reglerna" in sv.stdout
    assert "Exempel: samplan validate plans/ --format github" in sv.stdout
    assert "Alternativ:" in sv.stdout and "Också varningar ger underkänt" in sv.stdout
    assert "Check plans against the format and the rules" in en.stdout
    assert "Example: samplan validate plans/ --format github" in en.stdout


def test_errors_in_swedish_and_english() -> None:
    args = ("upcoming", "plans/", "--within", "3x", "--as-of", AS_OF)
    sv, en = run(*args, lang="sv_SE.UTF-8"), run(*args, lang="C")
    assert sv.returncode == en.returncode == 2
    assert sv.stderr.startswith("samplan: fel: --within `3x` är ingen tidslängd")
    assert en.stderr.startswith("samplan: error: --within `3x` is not a length")


def _texts(message: Msg | str) -> Iterator[str | None]:
    """The msgids of a message and the messages in its arguments (None for a plain str)."""
    if not isinstance(message, Msg):
        yield None
        return
    yield message.text
    for _name, value in message.args:
        if isinstance(value, Msg):
            yield from _texts(value)


def test_every_problem_in_the_test_plans_is_a_message_in_the_catalog() -> None:
    """Problems are `Msg` values whose texts all have a Swedish translation."""
    from samplan.corpus import read_plans

    from .conftest import AS_OF, DATA, PLANS

    catalog = i18n_catalog._read(i18n_catalog.po_file("sv"), "sv")
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    corpus = read_plans([DATA / "invalid", PLANS], AS_OF)
    assert len(corpus.problems) > 50
    for problem in corpus.problems:
        for text in _texts(problem.text):
            assert text in known, (
                f"{problem.file}:{problem.line}: {problem.code} {problem.message!r}: "
                + (
                    'a plain-text message: build it as Msg("... {name} ...", name=...)'
                    if text is None
                    else "a message that is not in the catalog: mark it for extraction"
                )
                + " and run `python -m samplan.i18n_catalog update` (README: Translating samplan)"
            )


def test_every_core_error_is_phrased_by_the_cli_with_the_fields_it_has() -> None:
    import inspect
    import re

    from samplan import errors
    from samplan.cli.errors import _PARTS, PHRASES

    types = {
        c
        for _n, c in inspect.getmembers(errors, inspect.isclass)
        if issubclass(c, errors.UsageError)
    } - {errors.UsageError}
    assert types == {*PHRASES, errors.PeriodPartOutOfRange, errors.UnknownName, errors.TableRefused}
    for error, template in [
        *PHRASES.items(),
        *((errors.PeriodPartOutOfRange, t) for t in _PARTS.values()),
    ]:
        fields = set(re.findall(r"\{(\w+)\}", template))
        documented = set(re.findall(r"`(\w+)`", error.__doc__ or ""))
        assert fields <= documented | {"count"}, (error.__name__, fields, documented)


def test_a_core_error_in_swedish(swedish: None) -> None:
    from samplan.cli.errors import phrase
    from samplan.errors import PeriodPartOutOfRange, PeriodReversed

    start, end = dt.date(2026, 3, 2), dt.date(2026, 3, 1)
    assert (
        phrase(PeriodReversed(start=start, end=end))
        == "--to 2026-03-01 ligger före --from 2026-03-02"
    )
    assert phrase(PeriodPartOutOfRange(text="2026Q5", kind="quarter", count=4)) == (
        "`2026Q5` är ingen period: ett år har kvartal 1–4"
    )
    assert pickle.loads(pickle.dumps(PeriodReversed(start=start, end=end))).data == {
        "start": start,
        "end": end,
    }


def test_the_core_raises_typed_errors_not_sentences() -> None:
    """Outside cli/, an error is a samplan.errors type with its data; cli/errors.py words it."""
    worded = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "src" / "samplan").rglob("*.py"))
        if "cli" not in path.parts and path.name != "errors.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "UsageError(" in line
    ]
    assert worded == [], (
        "the core raises a UsageError with a sentence; add a type with its data to "
        "src/samplan/errors.py and its message to PHRASES in src/samplan/cli/errors.py"
    )


def test_no_translation_is_its_text_repeated() -> None:
    # A merge once left the Swedish help of `report --audience` three times over in one
    # msgstr, and the catalog check (fields, fuzzy, empty) could not see it.
    from babel.messages.pofile import read_po

    with i18n_catalog.po_file("sv").open("rb") as fh:
        catalog = read_po(fh, locale="sv")
    repeated = []
    for message in catalog:
        for text in message.string if isinstance(message.string, tuple) else [message.string]:
            if text and any(
                len(text) % n == 0 and text == text[: len(text) // n] * n for n in range(2, 6)
            ):
                repeated.append(text[:60])
    assert not repeated
