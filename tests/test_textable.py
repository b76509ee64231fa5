import re

from hypothesis import given
from hypothesis import strategies as st

from samplan.textable import Column, render, text_width, wrap

ANSI = re.compile(r"\x1b\[\d+m")


def test_wrap_fills_words_and_breaks_ids_after_hyphens() -> None:
    assert wrap("Gemensam tillsyn av serveringsställen", 20) == [
        "Gemensam tillsyn av",
        "serveringsställen",
    ]
    assert wrap("arbetsgrupp-livsstilskriminella", 20) == ["arbetsgrupp-", "livsstilskriminella"]
    assert wrap("kommunikationsinsatsavseende", 10) == ["kommunikat", "ionsinsats", "avseende"]
    assert wrap("", 10) == [""]


def test_width_counts_terminal_columns() -> None:
    assert text_width("förvaltning") == 11
    assert text_width("fo\u0308rvaltning") == 11  # ö as o + combining diaeresis
    assert text_width("警察") == 4


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=80), st.integers(1, 30))
def test_wrap_keeps_every_character_and_each_line_fits(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == "".join(text.split())
    assert all(text_width(line) <= width or len(line) == 1 for line in lines)


COLUMNS = [
    Column("Item", wrap=True),
    Column("Responsible", max_width=12),
    Column("Days", right=True),
]
TILLSYN = [("tillsyn", "bold"), ("Gemensam tillsyn av serveringsställen", "")]
RUTIN = [("rutin", "bold"), ("Ta fram en rutin", "")]
ROWS = [
    [TILLSYN, [("kommun", "")], [("53", "")]],
    [RUTIN, [("socialforvaltningen, polis", "")], [("7", "")]],
]


def test_table_fills_the_width_and_aligns_every_line() -> None:
    table = render(COLUMNS, ROWS, 50, color=False)
    lines = table.splitlines()
    assert {text_width(line) for line in lines} == {50}
    assert lines[1] == "┃ Item                     ┃ Responsible  ┃ Days ┃"
    assert lines[3] == "│ tillsyn                  │ kommun       │   53 │"
    assert lines[4] == "│ Gemensam tillsyn av      │              │      │"
    assert "│ rutin                    │ socialforval │    7 │" in lines


def test_colour_codes_do_not_move_the_columns() -> None:
    plain = render(COLUMNS, ROWS, 50, color=False)
    colored = render(COLUMNS, ROWS, 50, color=True)
    assert "\x1b[1mtillsyn\x1b[0m" in colored
    assert ANSI.sub("", colored) == plain


def test_capped_columns_give_way_to_a_narrow_wrapped_column() -> None:
    columns = [Column("Plan", max_width=24), Column("Item", wrap=True)]
    rows = [[[("a-very-long-plan-identifier-2026", "")], [("Titel", "")]]]
    wide = render(columns, rows, 80, color=False).splitlines()
    narrow = render(columns, rows, 40, color=False).splitlines()
    assert wide[3].startswith("│ a-very-long-plan-        │ Titel")
    assert wide[4].startswith("│ identifier-2026          │")
    assert [line[:20] for line in narrow[3:6]] == [
        "│ a-very-long-     │",
        "│ plan-identifier- │",
        "│ 2026             │",
    ]
    assert {text_width(line) for line in narrow} == {40}


def test_control_characters_in_cells_cannot_reach_the_terminal() -> None:
    assert wrap("Utreda\x1b[31m RÖD\ttak\x07", 40) == ["Utreda\ufffd[31m RÖD tak\ufffd"]
    table = render([Column("Item", wrap=True)], [[[("a\x1b[2Jb\nc", "")]]], 20, color=True)
    assert "\x1b[2J" not in table and {text_width(ANSI.sub("", x)) for x in table.splitlines()} == {
        20
    }
