from __future__ import annotations

from samplan.formats import as_github, as_text, summary
from samplan.problems import Problem, Severity

P = Problem("a,b:c.yaml", 3, 7, "R002", Severity.ERROR, "50% of\nit")
W = Problem("x.yaml", 1, 1, "R013", Severity.WARNING, "no date")


def test_summary_wording() -> None:
    assert summary([], 1) == "No problems in 1 plan file."
    assert summary([P, W], 4) == "Found 1 error and 1 warning in 2 of 4 plan files."


def test_text_line() -> None:
    assert as_text([W], 1, False).splitlines()[0] == "x.yaml:1:1: warning R013 no date"


def test_github_escapes_properties_and_data() -> None:
    line = as_github([P], 1, False).splitlines()[0]
    assert line == "::error file=a%2Cb%3Ac.yaml,line=3,col=7,title=R002::50%25 of%0Ait"


def test_text_never_passes_control_characters_from_the_plan_to_the_terminal() -> None:
    quoted = Problem("p.yaml", 7, 1, "S001", Severity.ERROR, "unknown key `\x1b[2Jboom\x07`")
    plain = as_text([quoted], 1, False)
    assert plain.splitlines()[0] == "p.yaml:7:1: error S001 unknown key `\ufffd[2Jboom\ufffd`"
    colored = as_text([quoted], 1, True)
    assert "\x1b[2J" not in colored and "\x07" not in colored
