"""Turning a report view model into Markdown or HTML with Jinja templates.

Where templates come from, first match wins:

1. `builtin/<name>`: always the template shipped with samplan, so a user's
   template can `{% extends "builtin/report.html.j2" %}` and override blocks;
2. the user's `--template-dir`, which can replace any template or partial
   (`report.html.j2`, `partials/style.css.j2` ...);
3. the built-in templates (package `samplan.templates`, the repository's
   top-level `templates/`).

Escaping is not left to template authors: the HTML environment autoescapes
every value, and the Markdown environment escapes every value it prints
(`md_escape`) so plan text can neither inject markup nor break a table.
Mark a value `|safe` to print it as it is.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Sequence
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

import jinja2
from markupsafe import Markup

from samplan.cache import cache_folder
from samplan.errors import (
    NoTemplateFolder,
    TemplateFailed,
    TemplateNotFound,
    TemplateNotText,
    TemplateSyntax,
    TemplateUndefined,
)
from samplan.i18n import capfirst
from samplan.model import Plan
from samplan.periods import Period
from samplan.report import PlanVersion, build_index, build_report
from samplan.report_chain import Family, families
from samplan.report_view import Chart, IndexView, ReportView
from samplan.svgchart import svg_chart

Format = Literal["md", "html"]
FORMATS: tuple[Format, ...] = ("md", "html")
BUILTIN_PREFIX = "builtin"


class _PackageLoader(jinja2.BaseLoader):
    """Templates read through importlib.resources, so they load from a wheel or an
    editable install alike (jinja2.PackageLoader needs a package with a real directory)."""

    def __init__(self, root: Traversable) -> None:
        self.root = root

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Any]:
        node = self.root
        for part in template.split("/"):
            if part in ("", ".", ".."):
                raise jinja2.TemplateNotFound(template)
            node = node / part
        if not node.is_file():
            raise jinja2.TemplateNotFound(template)
        return node.read_text(encoding="utf-8"), None, lambda: True

    def list_templates(self) -> list[str]:
        found: list[str] = []

        def walk(node: Traversable, prefix: str) -> None:
            for child in node.iterdir():
                if child.is_dir():
                    walk(child, f"{prefix}{child.name}/")
                elif child.name.endswith(".j2"):
                    found.append(prefix + child.name)

        walk(self.root, "")
        return sorted(found)


def builtin_templates() -> Traversable:
    return files("samplan.templates")


@functools.lru_cache(maxsize=8)
def environment(fmt: Format, template_dir: str | Path | None = None) -> jinja2.Environment:
    """The Jinja environment for `fmt`, with the user's templates before the built-ins.

    One per format and folder, so a run that renders many reports compiles each
    template once."""
    builtin = _PackageLoader(builtin_templates())
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({BUILTIN_PREFIX: builtin})]
    if template_dir is not None:
        folder = Path(template_dir)
        if not folder.is_dir():
            raise NoTemplateFolder(folder=template_dir)
        loaders.append(jinja2.FileSystemLoader(folder))
    loaders.append(builtin)
    # A user's templates run in Jinja's sandbox: a template from a shared folder
    # cannot reach Python's internals (`().__class__.__mro__ ...`) or run code.
    # The built-ins alone do not need it, and it costs: the demo report took
    # 77 ms instead of 59 ms in the sandbox (20 renders, loaded 2-core machine).
    kind = jinja2.Environment if template_dir is None else _sandbox()
    env = kind(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=fmt == "html",
        finalize=_md_finalize if fmt == "md" else _html_finalize,
        undefined=jinja2.StrictUndefined,  # a typo in a template fails instead of printing ""
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(fmt),
    )
    env.filters["capfirst"] = capfirst
    env.filters["md"] = md_escape
    env.filters["svg_chart"] = _svg_filter
    env.filters["css_counters"] = css_counters
    return env


def _sandbox() -> type[jinja2.Environment]:
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment


def _bytecode_cache(fmt: Format) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs, in samplan's cache folder.

    Jinja otherwise compiles every template at every run (0.1 s of a report).
    It checks a cached template against the template's source and its own
    version, so an edited template or an upgrade is compiled afresh. One folder
    per format: the same source compiles differently with and without HTML
    escaping. Without a usable cache folder, templates are compiled as before.
    """
    try:
        # The compiled code also depends on how this module sets up the environment
        # (finalize, escaping), which Jinja does not check: a change here compiles afresh.
        setup = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]
    except OSError:
        return None
    folder = cache_folder(f"jinja2-{fmt}-{setup}")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


def render_report(view: ReportView, fmt: Format, template_dir: str | Path | None = None) -> str:
    return _render(fmt, template_dir, "report", report=view, t=view.t)


def render_one(
    plan: Plan,
    period: Period,
    as_of: dt.date,
    fmt: Format,
    lang: str | None = None,
    template_dir: str | Path | None = None,
    file: str = "",
    version: PlanVersion | None = None,
    family: Family | None = None,
) -> str:
    """The report of one plan as text; `family`: the plans it belongs with."""
    view = build_report(plan, period, as_of, lang=lang, file=file, version=version, family=family)
    return render_report(view, fmt, template_dir)


def render_all(
    plans: Sequence[tuple[str, Plan, PlanVersion | None]],
    period: Period,
    as_of: dt.date,
    fmt: Format,
    lang: str | None = None,
    template_dir: str | Path | None = None,
    suffix: str | None = None,
) -> dict[str, str]:
    """One report per `(file, plan, version)`, named `<plan id>.<suffix>`, and `index.<suffix>`.

    `suffix` is `fmt` unless the pages become files of another kind (`pdf`). A
    name already taken (a plan with the id `index`, two files with one id) gets
    a number, so no report overwrites another or the index."""
    suffix = suffix or fmt
    files: dict[str, str] = {}
    built: list[tuple[str, ReportView]] = []
    taken = {f"index.{suffix}"}
    family = families([(file, plan) for file, plan, _ in plans], as_of)
    for file, plan, version in plans:
        view = build_report(
            plan, period, as_of, lang=lang, file=file, version=version, family=family[file]
        )
        name = _free_name(plan.id, suffix, taken)
        taken.add(name)
        files[name] = render_report(view, fmt, template_dir)
        built.append((name, view))
    index = build_index(built, period, as_of, lang)
    files[f"index.{suffix}"] = render_index(index, fmt, template_dir)
    return files


def _free_name(stem: str, suffix: str, taken: set[str]) -> str:
    name, number = f"{stem}.{suffix}", 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}.{suffix}"
    return name


def render_index(view: IndexView, fmt: Format, template_dir: str | Path | None = None) -> str:
    return _render(fmt, template_dir, "index", index=view, t=view.t)


def render_public(
    plan: Plan,
    period: Period,
    as_of: dt.date,
    fmt: Format,
    lang: str | None = None,
    template_dir: str | Path | None = None,
    file: str = "",
    family: Family | None = None,
) -> str:
    """The page for residents about the plan's citizen promises (`--audience public`)."""
    from samplan.report_public import build_public

    view = build_public(plan, period, as_of, lang=lang, file=file, family=family)
    return _render(fmt, template_dir, "public", page=view, t=view.t)


def _render(fmt: Format, template_dir: str | Path | None, name: str, **context: Any) -> str:
    env = environment(fmt, template_dir)
    try:
        template = env.get_template(f"{name}.{fmt}.j2")
        text = template.render(**context)
    except jinja2.TemplateNotFound as err:
        raise TemplateNotFound(name=err.name) from None
    except jinja2.TemplateSyntaxError as err:
        raise TemplateSyntax(
            file=err.filename or err.name, line=err.lineno, error=err.message
        ) from None
    except jinja2.UndefinedError as err:
        raise TemplateUndefined(template=f"{name}.{fmt}.j2", error=err.message) from None
    except UnicodeDecodeError as err:
        raise TemplateNotText(folder=str(template_dir), error=err.reason) from None
    except Exception as err:
        if template_dir is None:
            raise  # a built-in template that fails is a bug in samplan
        where = _user_template_failure(err, Path(template_dir))
        raise TemplateFailed(where=where, error=f"{type(err).__name__}: {err}") from None
    # Exactly one final newline, whatever the template's whitespace.
    return text.rstrip("\n") + "\n"


_COUNTER = re.compile(r"\{(page|pages)\}")


def css_counters(label: str) -> Markup:
    """A label such as "Sida {page} av {pages}" as the value of a CSS `content`
    property: `"Sida " counter(page) " av " counter(pages)`."""
    parts = []
    for i, piece in enumerate(_COUNTER.split(label)):
        if i % 2:
            parts.append(f"counter({piece})")
        elif piece:
            # CSS escapes: the text can neither end the string nor the <style> element.
            parts.append(
                '"'
                + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in piece)
                + '"'
            )
    return Markup(" ".join(parts))


def _user_template_failure(err: Exception, folder: Path) -> str:
    """Where in the user's templates `err` was raised (Jinja puts template lines
    in the traceback): `file:line`, else the folder."""
    import traceback

    where = str(folder)
    root = str(folder.resolve())
    for frame in traceback.extract_tb(err.__traceback__):
        if str(Path(frame.filename).resolve()).startswith(root):
            where = f"{frame.filename}:{frame.lineno}"
    return where


def _svg_filter(chart: Chart) -> Markup:
    return Markup(svg_chart(chart))  # svg_chart escapes every text it writes


# --- Markdown escaping ----------------------------------------------------------

# Backslash-escaped anywhere: emphasis, code, links, raw HTML, table cells, strikethrough.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# Escaped only at the start: headings, quotes, list items, thematic breaks, ordered lists.
_MD_LEADING = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+[ \t]*")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def md_escape(value: object) -> str:
    """Plan text that is safe inside a Markdown paragraph, heading or table cell.

    Line breaks become spaces (a newline would end a table row), and every
    character that could start Markdown or HTML is backslash-escaped.
    """
    text = _CONTROL.sub("", _LINE_BREAKS.sub(" ", str(value)))
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    match = _MD_LEADING.match(text)
    if match:
        lead, marker = match.group(1), match.group(2)
        if marker.isdigit():  # "1." or "2)": escape the punctuation after the number
            cut = len(lead) + len(marker)
            text = text[:cut] + "\\" + text[cut:]
        else:
            text = lead + "\\" + text[len(lead) :]
    return text


# Control characters are not allowed in HTML (and show as boxes or act on a
# terminal): from plan text they become U+FFFD, in escaped and safe values alike.
_HTML_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _html_finalize(value: object) -> object:
    if isinstance(value, str) and _HTML_CONTROL.search(value):
        return type(value)(_HTML_CONTROL.sub("\ufffd", value))
    return value


def _md_finalize(value: object) -> object:
    """Every `{{ value }}` in a Markdown template is escaped unless marked safe."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return md_escape(value)
    return value
