"""Reading tables: CSV as Excel writes it, xlsx, and the formula guard."""

from __future__ import annotations

from samplan.cellguard import guard, is_formula_like, unguard
from samplan.tables import read_csv_bytes, sniff_delimiter


def test_sniff_delimiter_prefers_the_separator_of_the_table() -> None:
    assert sniff_delimiter("Mål;Aktivitet;När\na, b;c;d\n") == ";"
    assert sniff_delimiter('Mål,Aktivitet,När\n"a; b",c,d\n') == ","
    table = read_csv_bytes("Aktivitet\tNär\nEtt\t2020\n".encode(), "tab.csv")
    assert table.rows[1] == (2, ["Ett", "2020"])


def test_formula_guard_is_taken_off_exactly_as_it_was_put_on() -> None:
    for text in ["=SUM(A1)", "+46 70", "-1", "@x", "\tindrag", "Vanlig text", "'citat'", ""]:
        assert unguard(guard(text)) == text
        assert is_formula_like(text) == (guard(text) != text)
    assert guard("=1+1") == "'=1+1"
    assert unguard("'vanlig") == "'vanlig"  # an apostrophe before ordinary text stays
    table = read_csv_bytes("Aktivitet;När\n'=HYPERLINK(1);2020\n".encode(), "f.csv")
    assert table.rows[1] == (2, ["=HYPERLINK(1)", "2020"])
