from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
PLANS = ROOT / "plans"
AS_OF = dt.date(2026, 11, 22)


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with the repository root as the working directory (relative paths in output)."""
    monkeypatch.chdir(ROOT)
    return ROOT


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")
