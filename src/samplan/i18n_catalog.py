"""Keeping the terminal's message catalog (a tool for developers and translators).

    python -m samplan.i18n_catalog update    # sources -> samplan.pot -> sv .po (-> .mo)
    python -m samplan.i18n_catalog compile   # sv .po -> .mo, after translating
    python -m samplan.i18n_catalog check     # what tests/test_messages.py checks

`update` extracts every message from src/samplan (`_()`, `ngettext()`, `N_()`,
`Msg()`, `PluralMsg()`) and the help texts of the commands and their options
(read from the typer application), writes `locale/samplan.pot`, merges it into
each language's `.po` (new messages come in empty, changed ones fuzzy) and
compiles the `.mo`. Then translate the empty and fuzzy entries in the `.po`
(a text editor or Poedit), and run `compile`.

The compiled `.mo` is kept in git next to its `.po` rather than made by a build
step: an editable install (`pip install -e .`, the README's set-up) runs
straight from src/, where a build step's output would never appear, and
users' installs then need no Babel at all. `check` (and the test) make sure
the committed `.mo` is the one the `.po` compiles to.

This module needs Babel (a test dependency); samplan itself never imports it.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from samplan.messages import DOMAIN, LOCALE_DIR

SOURCES = Path(__file__).parent
POT = LOCALE_DIR / f"{DOMAIN}.pot"
TRANSLATED = ("sv",)
KEYWORDS = {**DEFAULT_KEYWORDS, "Msg": None, "PluralMsg": (1, 2)}
HOW = "python -m samplan.i18n_catalog update"
_DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\n', re.MULTILINE)
# A message marked with a formatted string cannot be looked up in the catalog.
_NOT_LITERAL = re.compile(r"\b(_|N_|ngettext|Msg|PluralMsg)\(\s*[fF]['\"]")
_FIELD = re.compile(r"(?<!\{)\{(\w*)[^{}]*\}")


def po_file(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every message in the sources and the command-line help, as a template."""
    catalog = Catalog(project="samplan", msgid_bugs_address="", charset="utf-8")
    for file, line, message, comments, context in extract_from_dir(
        SOURCES, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        location = f"src/samplan/{file}"
        catalog.add(message, locations=[(location, line)], auto_comments=comments, context=context)
    for where, text in help_texts():
        catalog.add(text, locations=[(where, 0)])
    return catalog


def help_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for the help of `samplan`, each command and each option."""
    import typer.main

    from samplan.cli.app import app, help_parts

    group: Any = typer.main.get_command(app)
    commands = [("samplan", group), *((f"samplan {n}", c) for n, c in group.commands.items())]
    for where, command in commands:
        for part, translated in help_parts(command.help or ""):
            if translated:
                yield f"{where} --help", part
        for param in command.params:
            if getattr(param, "help", None):
                yield f"{where} --help", param.help


def _po_text(catalog: Catalog) -> str:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False)
    return out.getvalue().decode("utf-8")


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _same(a: str, b: str) -> bool:
    """Equal but for the header's dates."""
    return _DATES.sub("", a) == _DATES.sub("", b)


def _read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=language)


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or not _same(path.read_text(encoding="utf-8"), text):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def update() -> None:
    template = extract()
    _write_if_changed(POT, _po_text(template))
    for language in TRANSLATED:
        path = po_file(language)
        if path.exists():
            catalog = _read(path, language)
        else:
            catalog = Catalog(locale=language, project="samplan", charset="utf-8")
        catalog.update(template, update_creation_date=False)
        catalog.obsolete.clear()  # a message gone from the sources is gone
        _write_if_changed(path, _po_text(catalog))
    compile_all()


def compile_all() -> None:
    for language in TRANSLATED:
        catalog = _read(po_file(language), language)
        mo = po_file(language).with_suffix(".mo")
        data = _mo_bytes(catalog)
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)


def check() -> list[str]:
    """What is out of date or untranslated, each with what to do; [] when all is well."""
    found = []
    for path in sorted(SOURCES.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _NOT_LITERAL.search(line):
                found.append(
                    f"src/samplan/{path.relative_to(SOURCES)}:{n}: a message must be a plain "
                    "string literal with {named} fields, not an f-string: "
                    '_("... {name} ...").format(name=...) or Msg("... {name} ...", name=...)'
                )
    template = extract()
    if not POT.exists() or not _same(POT.read_text(encoding="utf-8"), _po_text(template)):
        found.append(f"{POT.relative_to(SOURCES.parent.parent)} is not current: run `{HOW}`")
        return found
    for language in TRANSLATED:
        path = po_file(language)
        shown = path.relative_to(SOURCES.parent.parent)
        catalog = _read(path, language)
        ids = {m.id for m in catalog if m.id}
        for message in template:
            if message.id and message.id not in ids:
                found.append(f"{shown}: no entry for {_first(message.id)!r}: run `{HOW}`")
        for message in catalog:
            if not message.id:
                continue
            if message.fuzzy:
                found.append(
                    f"{shown}: fuzzy (check the translation, then remove the `#, fuzzy` line): "
                    f"{_first(message.id)!r}"
                )
            elif not all(_strings(message.string)):
                found.append(f"{shown}: not translated: {_first(message.id)!r}")
            elif _fields(message.id) != _fields(message.string):
                found.append(
                    f"{shown}: the {{fields}} of the translation differ from the original's: "
                    f"{_first(message.id)!r}"
                )
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != _mo_bytes(catalog):
            found.append(
                f"{mo.relative_to(SOURCES.parent.parent)} is not compiled from the .po: "
                "run `python -m samplan.i18n_catalog compile`"
            )
    return found


def _strings(value: Any) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [value]


def _first(msgid: Any) -> str:
    return str(msgid[0] if isinstance(msgid, tuple | list) else msgid)


def _fields(value: Any) -> set[str]:
    return {field for text in _strings(value) for field in _FIELD.findall(text)}


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        problems = check()
        print("\n".join(problems) or "The catalog is complete and current.")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
