"""The tables of a Word document (.docx), with the headings above them.

Kommuner write action plans in Word: a title, a heading per priority area, a
"Bakgrund" and a table Mål | Aktivitet | När | Ansvarig below it. This module
walks the document body in order (content controls included), keeps the
headings (by style, outline level, or a short bold line), and turns every
table into a `Table` of text cells: merged cells are written once (a spanned
or continued cell is empty, as in Excel), a cell's paragraphs and line breaks
become lines. Which table is an action table is the importer's business.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from samplan.errors import UsageError
from samplan.slug import norm
from samplan.tables import Cell, Document, Table, check_cell, clean, damaged, open_office_zip

# Headings that name a part of a section, not a priority area: the area is the
# heading above them ("1. Förebyggande arbete ungdomar" > "Bakgrund" > table).
GENERIC_HEADINGS = {
    "bakgrund", "syfte", "mal", "malsattning", "malsattningar", "aktiviteter", "aktivitet",
    "atgarder", "atgard", "ataganden", "atagande", "insatser", "insats", "handlingsplan",
    "atgardsplan", "aktivitetsplan", "uppfoljning", "tidplan", "tidsplan", "ansvar",
    "innehall", "innehallsforteckning", "sammanfattning", "inledning", "metod",
    "tillvagagangssatt", "genomforande", "organisation", "for", "och", "med", "samt", "i",
    "bilaga", "bilagor", "plan", "arbete", "activities", "actions", "background",
}  # fmt: skip
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik|overskrift)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titel|rubrik|dokumentrubrik)$", re.IGNORECASE)
_PSEUDO = 10  # the level of a short bold line used as a heading


def read_docx(path: Path) -> Document:
    """The tables, headings and text of `path`; UsageError for what is no Word document."""
    from docx import Document as open_document

    with open_office_zip(path, "word/document.xml", "Word (.docx)") as data:
        try:
            document = open_document(data)
            styles = {s.style_id: s.name or s.style_id for s in document.styles}
            return _Walker(path.name, styles).walk(document.element.body)
        except UsageError:
            raise
        except Exception as err:  # a damaged file can make python-docx fail anywhere
            raise damaged(path, "Word (.docx)", err) from None


class _Walker:
    def __init__(self, source: str, styles: dict[str, str]) -> None:
        self.doc = Document(source, [])
        self.styles = styles  # style id (`Rubrik1`) -> name (`heading 1`)
        self.stack: list[tuple[int, str]] = []  # the headings above the current point

    def walk(self, body: Any) -> Document:
        for element in _blocks(body):
            if element.tag == _W_P:
                self._paragraph(element)
            else:
                self._table(element)
        return self.doc

    def _paragraph(self, p: Any) -> None:
        text = " ".join(paragraph_text(p).split())
        if not text:
            return
        level = _heading_level(p, text, self.styles)
        if level is None:
            self.doc.text.append(text)
            return
        if self.doc.title is None and level < _PSEUDO:
            self.doc.title = text
        self.doc.headings.append(text)
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, text))

    def _table(self, tbl: Any) -> None:
        number = len(self.doc.tables) + 1
        rows = [(n, cells) for n, cells in enumerate(_rows(tbl, self.doc.source), start=1)]
        heading = next(
            (t for _, t in reversed(self.stack) if t != self.doc.title and not is_generic(t)),
            None,
        )
        table = Table(f"{self.doc.source}, table {number}", rows, number=number, heading=heading)
        self.doc.tables.append(table)
        for nested in tbl.iterfind(f"{_W}tr/{_W}tc/{_W}tbl"):  # layout tables hold tables
            self._table(nested)


def is_generic(heading: str) -> bool:
    """`Bakgrund`, `Aktiviteter 2019`, `Handlingsplan för 2012-2013`: no area's name."""
    words = [w for w in norm(heading).split() if not w.isdigit()]
    return all(w in GENERIC_HEADINGS for w in words)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_P, _W_TBL, _W_SDT = f"{_W}p", f"{_W}tbl", f"{_W}sdt"


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (_W_P, _W_TBL):
            yield child
        elif child.tag == _W_SDT or child.tag == f"{_W}customXml":
            content = child.find(f"{_W}sdtContent")
            yield from _blocks(content if content is not None else child)


def _children(parent: Any, tag: str) -> Iterator[Any]:
    """`tag` children of `parent`, also those wrapped in content controls."""
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (_W_SDT, f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            yield from _children(content if content is not None else child, tag)


def _rows(tbl: Any, source: str) -> Iterator[list[Cell]]:
    for tr in _children(tbl, f"{_W}tr"):
        cells: list[Cell] = [""] * _grid(tr, "gridBefore")
        for tc in _children(tr, f"{_W}tc"):
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            continued = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
            text = "" if continued else _cell_text(tc)
            check_cell(text, source)
            cells.append(text)
            span = tc.find(f"{_W}tcPr/{_W}gridSpan")
            cells += [""] * (_int(span.get(f"{_W}val")) - 1 if span is not None else 0)
        yield cells


def _grid(tr: Any, name: str) -> int:
    found = tr.find(f"{_W}trPr/{_W}{name}")
    return _int(found.get(f"{_W}val")) if found is not None else 0


def _int(value: str | None) -> int:
    """A count from the XML, kept within what a table can have."""
    try:
        return max(0, min(int(value or "1"), 64))
    except ValueError:
        return 1


def _cell_text(tc: Any) -> str:
    lines = [paragraph_text(p) for p in _children(tc, _W_P)]
    return clean("\n".join(lines))


_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_TEXT_TAGS[f"{_W}noBreakHyphen"] = "-"


def paragraph_text(p: Any) -> str:
    """The text of a paragraph: its runs, tabs and line breaks (not field codes)."""
    out = []
    for element in p.iter(*_TEXT_TAGS):
        fixed = _TEXT_TAGS[element.tag]
        out.append(element.text or "" if fixed is None else fixed)
    return "".join(out)


def _heading_level(p: Any, text: str, styles: dict[str, str]) -> int | None:
    """0 for a title, 1-9 for headings, `_PSEUDO` for a short bold line, else None."""
    found = p.find(f"{_W}pPr/{_W}pStyle")
    ident = str(found.get(f"{_W}val") or "") if found is not None else ""
    for style in (styles.get(ident, ident), ident):
        style = re.sub(r"(?<=[a-zA-Z])(?=\d)", " ", style)  # `Heading1` -> `Heading 1`
        if style.lower().startswith("toc"):
            return None
        if _TITLE_STYLE.match(style):
            return 0
        heading = _HEADING_STYLE.match(style)
        if heading:
            return int(heading.group(1))
    outline = p.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None:
        level = _int(outline.get(f"{_W}val")) + 1
        return level if level <= 9 else None
    runs = [r for r in p.iterfind(f"{_W}r") if "".join(r.itertext()).strip()]
    bold = runs and all(_is_bold(r) for r in runs)
    if bold and len(text) <= 120 and not text.endswith((".", ":", ";", ",")):
        return _PSEUDO
    return None


def _is_bold(run: Any) -> bool:
    b = run.find(f"{_W}rPr/{_W}b")
    return b is not None and b.get(f"{_W}val", "true") not in ("0", "false", "off")
