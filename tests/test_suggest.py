"""Did-you-mean hints: one matcher, worded the same in every message."""

from __future__ import annotations

from samplan.messages import Msg
from samplan.suggest import closest, english_hint, typo_hint, unknown_message


def test_closest_is_a_likely_typo_or_nothing() -> None:
    assert closest("polsi", ["kommun", "polis"]) == "polis"
    assert closest("brandkåren", ["kommun", "polis"]) is None


def test_typo_hint_ignores_the_case_of_the_word() -> None:
    assert str(typo_hint("Titel", ["id", "title"])) == ": did you mean `title`?"
    assert typo_hint("xyz", ["id", "title"]) == ""


def test_english_hint_names_the_english_word_for_a_swedish_one() -> None:
    words = {"klar": "done", "titel": "title"}
    hint = english_hint(" Klar ", ["planned", "done"], words, "values")
    assert str(hint) == ": did you mean `done`? (values are English)"
    assert str(english_hint("titel", {"id", "title"}, words, "keys")) == (
        ": did you mean `title`? (keys are English)"
    )
    assert english_hint("titel", ["planned", "done"], words, "values") == ""  # not a choice here
    assert english_hint("okänd", ["done"], words, "values") == ""


def test_unknown_message_suggests_and_lists_what_is_known() -> None:
    assert str(unknown_message(Msg("unknown party"), "polsi", {"polis", "kommun"})) == (
        "unknown party `polsi`; did you mean `polis`? (known: kommun, polis)"
    )
    assert str(unknown_message(Msg("unknown area"), "unga", [])) == (
        "unknown area `unga` (known: none are defined)"
    )
