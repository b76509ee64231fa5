"""A box-drawn text table for the terminal, with wrapped cells.

`overdue` over a national corpus prints thousands of rows; rich's general
table layout took about a millisecond a row (four seconds for 290 plans). This
writer does the one layout samplan needs: fixed columns at their natural
width, one column (or a capped one) wrapped to fit, the rest of the terminal
to the widest. Cells are plain text; styles (bold, dim) are whole lines of a
cell and are added after the layout, so widths never count escape codes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

import msgspec

Style = Literal["", "bold", "dim"]
_ANSI = {"bold": "\x1b[1m", "dim": "\x1b[2m"}
_RESET = "\x1b[0m"
MIN_WRAPPED = 12  # a wrapped column never gets narrower than this
# Before the wrapped column gets narrower than this, capped columns give up width ...
COMFORTABLE = 32
SHRUNK = 16  # ... but not narrower than their longest word, or this
_HYPHENATED = re.compile(r"[^-]+-*|-+")  # pieces of a word, each with its hyphens


class Column(msgspec.Struct, frozen=True):
    header: str
    wrap: bool = False  # wrap to the width left over (at most one column should)
    max_width: int | None = None  # wrap at this width
    right: bool = False  # right-aligned (numbers)


# A cell: its lines, each with a style.
Cell = Sequence[tuple[str, Style]]


def text_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide East Asian characters take two,
    combining marks none (so `å` typed as a + ring still counts one)."""
    # Below U+0300 (ASCII, and Latin-1 with å, ä, ö, é) every character takes one.
    if text.isascii() or max(text) < "\u0300":
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


# Control characters in plan text (a YAML "\e" or "\x07" in double quotes) would
# reach the terminal as escape sequences; tabs and line breaks are left to the layout.
_CONTROLS = {c: "\ufffd" for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n"}


def printable(text: str) -> str:
    """`text` for a terminal: control characters shown as �, so a plan cannot send
    escape sequences (clear the screen, change colours, ring the bell)."""
    return text.translate(_CONTROLS)


def wrap(text: str, width: int) -> list[str]:
    """Words filled into lines of `width` columns. A word too long for a line is
    broken after its hyphens (ids are hyphenated), and a piece still too long is
    cut (folded)."""
    lines: list[str] = []
    line, used = "", 0
    for word in printable(text).split():
        size = text_width(word)
        pieces = [(word, size)] if size <= width else _pieces(word)
        for n, (piece, size) in enumerate(pieces):
            gap = 1 if line and not n else 0  # a space between words, none inside one
            if used + gap + size <= width:
                line, used = line + " " * gap + piece, used + gap + size
                continue
            if line:
                lines.append(line)
            while size > width:
                cut = _fit(piece, width)
                lines.append(piece[:cut])
                piece = piece[cut:]
                size = text_width(piece)
            line, used = piece, size
    lines.append(line)
    return lines


def _pieces(word: str) -> list[tuple[str, int]]:
    return [(piece, text_width(piece)) for piece in _HYPHENATED.findall(word)]


def _fit(word: str, width: int) -> int:
    """How many characters of `word` fit in `width` columns (at least one)."""
    used = 0
    for i, ch in enumerate(word):
        used += text_width(ch)
        if used > width:
            return max(i, 1)
    return len(word)


def render(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int, color: bool
) -> str:
    """The table, at most `width` columns wide where the wrapped column allows it."""
    widths = _widths(columns, rows, width)
    out = [
        _rule("┏", "━", "┳", "┓", widths),
        _line([[(c.header, "bold")] for c in columns], columns, widths, color, "┃"),
        _rule("┡", "━", "╇", "┩", widths),
    ]
    out.extend(_line(row, columns, widths, color, "│") for row in rows)
    out.append(_rule("└", "─", "┴", "┘", widths))
    return "\n".join(out)


def _natural(column: Column, rows: Sequence[Sequence[Cell]], index: int) -> int:
    cells = (row[index] for row in rows)
    return max([text_width(column.header), *(text_width(t) for c in cells for t, _ in c)])


def _longest_word(column: Column, rows: Sequence[Sequence[Cell]], index: int) -> int:
    words = (w for row in rows for text, _ in row[index] for w in text.split())
    return max([text_width(column.header), *(text_width(w) for w in words)])


def _widths(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int) -> list[int]:
    """Fixed columns at their natural width; capped ones at most at their cap, and
    narrower (down to their longest word, or SHRUNK) while the wrapped column would be
    uncomfortably narrow; the wrapped column gets the rest."""
    natural = [_natural(c, rows, i) for i, c in enumerate(columns)]
    widths = [
        min(n, c.max_width) if c.max_width else n for c, n in zip(columns, natural, strict=True)
    ]
    # Each column has a space either side and a rule on its left; one more rule ends it.
    frame = 3 * len(columns) + 1
    for i, column in enumerate(columns):
        if not column.wrap:
            continue
        capped = [j for j, c in enumerate(columns) if c.max_width and j != i]
        floor = {j: min(widths[j], _longest_word(columns[j], rows, j), SHRUNK) for j in capped}
        while (rest := width - frame - sum(widths) + widths[i]) < COMFORTABLE:
            wider = [j for j in capped if widths[j] > floor[j]]
            if not wider:
                break
            widest = max(wider, key=lambda j: widths[j])
            widths[widest] -= 1
        widths[i] = max(rest, MIN_WRAPPED, text_width(column.header))
    return widths


def _rule(left: str, fill: str, cross: str, right: str, widths: Sequence[int]) -> str:
    return left + cross.join(fill * (w + 2) for w in widths) + right


def _line(
    cells: Sequence[Cell], columns: Sequence[Column], widths: Sequence[int], color: bool, bar: str
) -> str:
    """One table row: its cells wrapped to their widths, as many lines as the tallest."""
    laid = [
        [(part, style) for text, style in cell for part in wrap(text, w)]
        for cell, w in zip(cells, widths, strict=True)
    ]
    height = max(len(lines) for lines in laid)
    text_lines = []
    for k in range(height):
        parts = []
        for lines, w, column in zip(laid, widths, columns, strict=True):
            text, style = lines[k] if k < len(lines) else ("", "")
            pad = " " * (w - text_width(text))
            shown = _ANSI[style] + text + _RESET if color and style and text else text
            parts.append(f" {pad}{shown} " if column.right else f" {shown}{pad} ")
        text_lines.append(bar + bar.join(parts) + bar)
    return "\n".join(text_lines)
