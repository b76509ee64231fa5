from __future__ import annotations

from pathlib import Path

import pytest

from samplan.cache import cache_folder


def test_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAMPLAN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder("model") == tmp_path / "xdg" / "samplan" / "model"
    assert (tmp_path / "xdg" / "samplan" / "model").is_dir()
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder("model") == tmp_path / "home" / ".cache" / "samplan" / "model"
    monkeypatch.setenv("SAMPLAN_CACHE_DIR", str(tmp_path / "own"))
    assert cache_folder("jinja2-html") == tmp_path / "own" / "jinja2-html"


def test_off_or_unusable_means_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMPLAN_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("SAMPLAN_NO_CACHE", "1")
    assert cache_folder("model") is None
    monkeypatch.setenv("SAMPLAN_NO_CACHE", "0")
    assert cache_folder("model") == tmp_path / "model"
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("SAMPLAN_CACHE_DIR", str(blocker))
    assert cache_folder("model") is None


def test_never_a_folder_in_the_working_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SAMPLAN_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", lambda: Path("~"))  # no HOME and no passwd entry
    assert cache_folder("model") is None


def test_a_relative_folder_is_taken_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SAMPLAN_CACHE_DIR", ".samplan-cache")  # e.g. kept by a CI cache step
    assert cache_folder("model") == Path(".samplan-cache/model")
    assert (tmp_path / ".samplan-cache" / "model").is_dir()
