"""Every real plan in plans/ validates with zero problems, alone and together."""

from __future__ import annotations

from pathlib import Path

import pytest

from samplan.corpus import read_plans

from .conftest import AS_OF, PLANS

PLAN_FILES = sorted(PLANS.glob("*.yaml"))


def test_there_are_plans() -> None:
    names = {p.stem for p in PLAN_FILES}
    assert {"harnosand-2012", "ljusdal-2014", "landskrona-2018", "demo-sjovik-2026"} <= names


@pytest.mark.parametrize("plan", PLAN_FILES, ids=[p.stem for p in PLAN_FILES])
def test_plan_validates_alone(plan: Path) -> None:
    corpus = read_plans([plan], AS_OF)
    assert [f"{p.line}:{p.column} {p.code} {p.message}" for p in corpus.problems] == []
    assert corpus.files[0].plan is not None


def test_plans_validate_together() -> None:
    corpus = read_plans([PLANS], AS_OF)
    assert corpus.problems == []
    assert len(corpus.plans()) == len(PLAN_FILES)
