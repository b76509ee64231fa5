from __future__ import annotations

from samplan.yamltree import MAX_DEPTH, parse_tree


def test_scalars_stay_text_and_null_is_none() -> None:
    tree = parse_tree("a: no\nb: 2012\nc: 18:00\nd:\ne: ~\nf: 'null'\ng: 1.10\n")
    assert tree.data == {
        "a": "no",
        "b": "2012",
        "c": "18:00",
        "d": None,
        "e": None,
        "f": "null",
        "g": "1.10",
    }


def test_spans_for_keys_and_values() -> None:
    tree = parse_tree("top:\n  - id: x\n    list: [a, b]\n")
    assert tree.spans[("top",)].key_line == 1
    span = tree.spans[("top", 0, "list", 1)]
    assert (span.line, span.column) == (3, 15)
    key = tree.spans[("top", 0, "id")]
    assert (key.key_line, key.key_column, key.line, key.column) == (2, 5, 2, 9)


def test_duplicate_keys_name_both_lines_and_keep_first() -> None:
    tree = parse_tree("a: 1\nb: 2\na: 3\n")
    assert tree.data == {"a": "1", "b": "2"}
    (issue,) = tree.issues
    assert (issue.code, issue.line) == ("Y002", 3)
    assert "line 1" in str(issue.message)


def test_alias_refused_before_expansion() -> None:
    text = "a: &a [x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )
    tree = parse_tree(text)
    assert not tree.ok
    assert {i.code for i in tree.issues} == {"Y003"}


def test_depth_limit() -> None:
    tree = parse_tree("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5))
    assert not tree.ok
    assert tree.issues[-1].code == "Y005"


def test_python_tag_is_refused_and_not_executed() -> None:
    tree = parse_tree("a: !!python/object/apply:os.system ['false']\n")
    assert not tree.ok
    assert tree.issues[0].code == "Y004"


def test_second_document() -> None:
    tree = parse_tree("a: 1\n---\nb: 2\n")
    assert not tree.ok
    assert tree.issues[0].code == "Y009"
    assert tree.issues[0].line == 2


def test_syntax_error_position() -> None:
    tree = parse_tree("a: 1\nb: [1, 2\nc: 3\n")
    assert not tree.ok
    assert tree.issues[0].code == "Y001"


def test_alias_as_a_key_is_refused_not_a_crash() -> None:
    # Found by the fuzz test: `*x : 2` puts an alias where a key is expected.
    tree = parse_tree("a: &x 1\n*x : 2\n")
    assert not tree.ok
    assert [(i.code, i.line) for i in tree.issues] == [("Y003", 1), ("Y003", 2)]
