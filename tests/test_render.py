"""Rendering: escaping of plan text, user templates over built-ins, packaged templates."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from samplan.errors import (
    NoTemplateFolder,
    TemplateFailed,
    TemplateNotText,
    TemplateSyntax,
    TemplateUndefined,
)
from samplan.loader import read_file
from samplan.model import Plan
from samplan.periods import parse_period, period_from_range
from samplan.render import (
    Format,
    builtin_templates,
    environment,
    md_escape,
    render_all,
    render_one,
    render_report,
)
from samplan.report import build_report

from .conftest import DATA, PLANS, ROOT

HOSTILE = DATA / "report" / "hostile.yaml"
T1 = parse_period("2026T1")
APRIL = dt.date(2026, 4, 15)


def load(path: Path) -> Plan:
    loaded = read_file(path)
    assert loaded.plan is not None, loaded.problems
    return loaded.plan


# --- Markdown escaping ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Plain svensk text, 27 %.", "Plain svensk text, 27 %."),
        ("a | b", r"a \| b"),
        ("one\ntwo\r\nthree", "one two three"),
        ("# not a heading", r"\# not a heading"),
        ("- not a list", r"\- not a list"),
        ("> not a quote", r"\> not a quote"),
        ("1. not a list", r"1\. not a list"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("[link](javascript:x)", r"\[link\](javascript:x)"),
        ("*bold* _em_ `code` ~x~", r"\*bold\* \_em\_ \`code\` \~x\~"),
        ("back\\slash", "back\\\\slash"),
        ("&amp; &#60; & fritid", r"\&amp; \&#60; & fritid"),
        ("Kommunledningsförvaltningen – Sjövik", "Kommunledningsförvaltningen – Sjövik"),
        ("bell\x07", "bell"),
    ],
)
def test_md_escape(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_pipes_and_newlines_do_not_break_markdown_tables() -> None:
    text = render_one(load(HOSTILE), T1, APRIL, "md")
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("|---"):
            columns = line.count("|")
            body = lines[number + 1 :]
            rows = body[: next((i for i, row in enumerate(body) if not row.startswith("|")), None)]
            for row in rows:
                unescaped = len(re.findall(r"(?<!\\)\|", row))
                assert unescaped == columns, row
    assert not re.search(r"(?<!\\)[<>]", text)  # every angle bracket is escaped
    assert r"\<script\>alert(1)\</script\>" in text


def test_markdown_lists_in_a_description_carry_no_markup() -> None:
    text = render_one(load(HOSTILE), T1, APRIL, "md")
    assert "- \\[länk\\](javascript:alert(1))\n" in text
    assert "1. \\# rubrik\n2. \\| inte \\| en \\| tabell \\|\n" in text


# --- HTML escaping ---------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers.extend(name for name, _ in attrs if name.startswith("on"))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_period_of_ones_own_is_not_named_twice(fmt: Format) -> None:
    # A range is named by its dates, so the report does not add them again in brackets;
    # a school year is named as one ("läsåret 2025/26") and its dates follow.
    plan = load(HOSTILE)
    ranged = period_from_range(dt.date(2026, 3, 1), dt.date(2026, 5, 15))
    text = render_one(plan, ranged, APRIL, fmt)
    assert "1 mars–15 maj 2026 (1 mars–15 maj 2026)" not in text
    assert "för 1 mars–15 maj 2026. Den visar läget" in text
    school = period_from_range(dt.date(2025, 8, 1), dt.date(2026, 6, 30))
    text = render_one(plan, school, APRIL, fmt)
    assert "Läsåret 2025/26 (1 augusti 2025–30 juni 2026)" in text
    assert "för läsåret 2025/26 (1 augusti 2025–30 juni 2026). Den visar" in text


def test_html_shows_plan_text_as_text() -> None:
    html = render_one(load(HOSTILE), T1, APRIL, "html")
    parser = _Tags()
    parser.feed(html)
    assert "script" not in parser.tags and "img" not in parser.tags and "b" not in parser.tags
    assert parser.handlers == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;" in html
    # The chart's title and description escape too.
    assert '<title id="diagram-1-title">Mätvärden och målnivå för Otrygghet &lt;script&gt;' in html


def test_html_is_self_contained() -> None:
    html = render_one(load(PLANS / "demo-sjovik-2026.yaml"), parse_period("2026T3"), APRIL, "html")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<script" not in html and "@import" not in html and "url(" not in html
    assert html.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert html.count("<h1") == 1
    assert html.endswith("</html>\n")


def test_html_lang_follows_the_report_language() -> None:
    plan = load(PLANS / "demo-sjovik-2026.yaml")
    html = render_one(plan, parse_period("2026T3"), APRIL, "html", lang="en")
    assert '<html lang="en">' in html and "Summary" in html


def test_headings_go_down_one_level_at_a_time() -> None:
    html = render_one(load(PLANS / "demo-sjovik-2026.yaml"), parse_period("2026T3"), APRIL, "html")
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_every_table_has_a_caption_and_header_scopes() -> None:
    html = render_one(load(PLANS / "demo-sjovik-2026.yaml"), parse_period("2026T3"), APRIL, "html")
    assert html.count("<table") == html.count("<caption")
    assert "<th>" not in html  # every header cell says whether it heads a row or a column


# --- templates -------------------------------------------------------------------------


def test_user_template_extends_the_builtin_one(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text(
        '{% extends "builtin/report.md.j2" %}'
        "{% block footer %}Diarienummer KS 2026/1 för {{ report.plan.title }}{% endblock %}",
        encoding="utf-8",
    )
    text = render_one(load(HOSTILE), T1, APRIL, "md", template_dir=tmp_path)
    assert "## Sammanfattning" in text
    assert text.endswith(
        "Diarienummer KS 2026/1 för \\<script\\>alert(1)\\</script\\> "
        "Trygghet \\| i \\<b\\>Testby\\</b\\>\n"
    )


def test_user_partial_overrides_the_builtin_partial(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "style.css.j2").write_text("body { color: #000000; }", "utf-8")
    html = render_one(load(HOSTILE), T1, APRIL, "html", template_dir=tmp_path)
    assert "<style>\nbody { color: #000000; }</style>" in html


def test_template_errors_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(NoTemplateFolder) as missing:
        environment("md", tmp_path / "missing")
    assert missing.value.data == {"folder": tmp_path / "missing"}
    (tmp_path / "report.md.j2").write_text("{{ report.no_such_field }}", encoding="utf-8")
    view = build_report(load(HOSTILE), T1, APRIL)
    with pytest.raises(TemplateUndefined) as undefined:
        render_report(view, "md", tmp_path)
    assert undefined.value.data["template"] == "report.md.j2"
    assert "no_such_field" in undefined.value.data["error"]
    (tmp_path / "report.md.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(TemplateSyntax) as syntax:
        render_report(view, "md", tmp_path)
    assert syntax.value.data["file"].endswith("report.md.j2") and syntax.value.data["line"] == 1


def test_render_all_names_reports_by_plan_id_and_adds_an_index() -> None:
    plans = [
        ("plans/demo-sjovik-2026.yaml", load(PLANS / "demo-sjovik-2026.yaml"), None),
        ("tests/data/report/bare.yaml", load(DATA / "report" / "bare.yaml"), None),
    ]
    files = render_all(plans, parse_period("2026T3"), APRIL, "html")
    assert list(files) == ["demo-sjovik-2026.html", "bare-plan.html", "index.html"]
    assert 'href="demo-sjovik-2026.html"' in files["index.html"]
    markdown = render_all(plans, parse_period("2026T3"), APRIL, "md", lang="en")
    assert "[Handlingsplan utan uppföljning](bare-plan.md)" in markdown["index.md"]
    assert markdown["index.md"].startswith("# Follow-up reports for tertial 3 2026")


def test_builtin_templates_are_found_through_the_package() -> None:
    names = sorted(p.name for p in builtin_templates().iterdir() if p.name.endswith(".j2"))
    assert names == [
        "index.html.j2",
        "index.md.j2",
        "public.html.j2",
        "public.md.j2",
        "report.html.j2",
        "report.md.j2",
    ]
    loader = environment("html").loader
    assert loader is not None
    assert "partials/style.css.j2" in loader.list_templates()


def test_every_package_is_listed_for_the_wheel() -> None:
    """pyproject.toml lists packages (templates/ is mapped in); a new one must be added."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT / "src").parts)
        for path in (ROOT / "src" / "samplan").rglob("__init__.py")
    }
    assert found | {"samplan.templates"} == listed
    assert config["tool"]["setuptools"]["package-dir"]["samplan.templates"] == "templates"


# --- hostile templates and text ------------------------------------------------------


def test_user_templates_run_in_the_sandbox(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text(
        "{{ ().__class__.__base__.__subclasses__() }}", encoding="utf-8"
    )
    view = build_report(load(HOSTILE), T1, APRIL)
    with pytest.raises(TemplateFailed) as err:
        render_report(view, "md", tmp_path)
    assert err.value.data["where"] == f"{tmp_path / 'report.md.j2'}:1"
    assert err.value.data["error"].startswith("SecurityError: ")


def test_a_user_template_that_raises_is_one_located_line(tmp_path: Path) -> None:
    (tmp_path / "report.html.j2").write_text(
        '{% extends "builtin/report.html.j2" %}\n{% block title %}{{ 1 // 0 }}{% endblock %}\n',
        encoding="utf-8",
    )
    view = build_report(load(HOSTILE), T1, APRIL)
    with pytest.raises(TemplateFailed) as err:
        render_report(view, "html", tmp_path)
    assert err.value.data == {
        "where": f"{tmp_path / 'report.html.j2'}:2",
        "error": "ZeroDivisionError: integer division or modulo by zero",
    }


def test_a_user_template_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_bytes(
        "Rapport för {{ report.plan.title }} – å".encode("cp1252")
    )
    view = build_report(load(HOSTILE), T1, APRIL)
    with pytest.raises(TemplateNotText) as err:
        render_report(view, "md", tmp_path)
    assert err.value.data["folder"] == str(tmp_path)


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_control_characters_do_not_reach_the_report(fmt: Format) -> None:
    plan = load(PLANS / "demo-sjovik-2026.yaml")
    hostile = "Kontroll \x01 escape \x1b[31m vt \x0b ff \x0c us \x1f c1 \x9b slut"
    plan = plan.model_copy(update={"title": hostile, "municipality": hostile})
    text = render_one(plan, T1, APRIL, fmt)
    assert CONTROL.findall(text) == []
    assert "escape" in text and "[31m" in text
