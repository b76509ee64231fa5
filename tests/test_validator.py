"""The plan validator kept between runs behaves as the one pydantic builds."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from pydantic import ValidationError

from samplan import validator
from samplan.model import Plan, RepeatEveryYears
from samplan.yamltree import parse_tree

from .conftest import DATA, PLANS

CASES = sorted([*(DATA / "invalid").glob("*.yaml"), *PLANS.glob("*.yaml")])


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache, and validators() forgotten before and after the test."""
    monkeypatch.setenv("SAMPLAN_CACHE_DIR", str(tmp_path))
    validator.validators.cache_clear()
    yield tmp_path / "model"
    validator.validators.cache_clear()


def outcome(check: object, data: object) -> object:
    try:
        return check.validate_python(data)  # type: ignore[attr-defined]
    except ValidationError as err:  # its ValueErrors compare by identity: compare their text
        return [
            {**e, "ctx": {k: str(v) for k, v in e.get("ctx", {}).items()}}
            for e in err.errors(include_url=False)
        ]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_kept_validator_gives_what_pydantic_builds(case: Path) -> None:
    data = parse_tree(case.read_bytes().decode("utf-8", errors="replace")).data
    Plan.model_rebuild(force=True)
    kept = pickle.loads(pickle.dumps(validator.plan_validator()))
    assert outcome(kept, data) == outcome(Plan.__pydantic_validator__, data)


def test_first_run_keeps_the_validators_and_later_runs_load_them(cache: Path) -> None:
    built = validator.validators()
    (kept,) = cache.glob("validators-*.pickle")
    assert kept.name == f"validators-{validator.fingerprint()}.pickle"
    validator.validators.cache_clear()
    loaded = validator.validators()
    assert loaded is not built and set(loaded) == set(built) == {c.__name__ for c in validator.KEPT}


def test_a_damaged_or_old_file_is_replaced(cache: Path) -> None:
    cache.mkdir(parents=True)
    current = cache / f"validators-{validator.fingerprint()}.pickle"
    current.write_bytes(b"not a pickle")
    (cache / "validators-0123.pickle").write_bytes(b"an older version's")
    plan = validator.plan_validator().validate_python(
        {"samplan": 1, "id": "p", "title": "T", "municipality": "K",
         "period": {"start": "2026-01-01"}, "parties": {"k": {"name": "K", "type": "municipality"}},
         "areas": [{"id": "a", "title": "A", "activities": []}]}
    )  # fmt: skip
    assert isinstance(plan, Plan)
    assert [p.name for p in cache.iterdir()] == [current.name]
    assert pickle.loads(current.read_bytes()).keys() == validator.validators().keys()


def test_no_cache_builds_every_time(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMPLAN_NO_CACHE", "1")
    assert validator.validators()
    assert not cache.exists()


def test_make_validates_as_the_constructor() -> None:
    rule = validator.make(RepeatEveryYears, every_years=2, from_=2026)
    assert rule == RepeatEveryYears(every_years=2, **{"from": 2026})
    with pytest.raises(ValidationError):
        validator.make(RepeatEveryYears, every_years=0, from_=2026)
