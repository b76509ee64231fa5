"""samplan's folder in the user's cache, for what is worth keeping between runs.

Only things that make a run faster live here (the plan model's validator,
compiled report templates); deleting the folder never changes a result.
`SAMPLAN_CACHE_DIR` moves it, `SAMPLAN_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder(name: str) -> Path | None:
    """`<cache>/samplan/<name>`, made if missing; None when caching is off or the
    folder cannot be made (a read-only home, no home at all)."""
    if os.environ.get("SAMPLAN_NO_CACHE", "") not in ("", "0"):
        return None
    try:
        given = os.environ.get("SAMPLAN_CACHE_DIR")
        if given:
            base = Path(given)  # as given: relative to the working folder, if so
        else:
            home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
            if not home.is_absolute():  # no home: `~` stays `~`, a folder in the working tree
                return None
            base = home / "samplan"
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: Path.home() without a home
        return None
    return folder
