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


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """samplan's cache (samplan.cache) in a folder of the test run, not the user's,
    also for the commands the tests start as subprocesses."""
    os.environ["SAMPLAN_CACHE_DIR"] = str(tmp_path_factory.mktemp("samplan-cache"))
    # English whatever the developer's locale: the tests compare the English text
    # (tests/test_messages.py runs samplan in Swedish on purpose).
    os.environ["SAMPLAN_LANG"] = "en"
