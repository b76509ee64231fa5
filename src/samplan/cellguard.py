"""The spreadsheet formula guard, for export and import alike.

Text a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`,
a tab or a carriage return: CSV/formula injection) is written to CSV behind a
`'`, which Excel shows as text. `samplan import` takes that `'` off again, so
a cell survives export and import unchanged.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: str) -> bool:
    """Text a spreadsheet would read as a formula."""
    return value.startswith(FORMULA_START)


def guard(value: str) -> str:
    """The text as a CSV cell that a spreadsheet shows as text, never runs."""
    return "'" + value if is_formula_like(value) else value


def unguard(value: str) -> str:
    """The text `guard` was given: a `'` before formula-like text taken off."""
    return value[1:] if value.startswith("'") and is_formula_like(value[1:]) else value
