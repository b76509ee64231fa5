"""The plan model's validators, kept between runs.

pydantic builds a model's validator from the model's Python definition at
every start; for samplan's 28 models that is about 40 ms, a fifth of
`samplan validate` on one plan (and building any validator imports pydantic's
plugin finder, another 10 ms). The finished validator (pydantic-core's, in
Rust) pickles as its core schema, from which pydantic-core builds it again in
well under a millisecond. So the models are defined with `defer_build` (nothing
is built at import), the first run builds the validators of the models samplan
validates, `Plan` and the repeat rules that `samplan.when` makes, and keeps them
in the user's cache folder, and later runs load them.

The file's name holds everything the validators depend on: the source of
`samplan.model` and of this module, and the Python, pydantic and pydantic-core
versions. Any change gives a new name, so a stale validator is never loaded.
Use `make(cls, ...)` and `plan_validator()` for these models, not `cls(...)` or
`cls.model_validate`, which would build the model's validator again.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import pydantic_core
from pydantic import BaseModel
from pydantic_core import SchemaValidator

from samplan import model
from samplan.cache import cache_folder

PREFIX = "validators-"
KEPT: tuple[type[BaseModel], ...] = (model.Plan, *model.REPEAT_FORMS.values())

M = TypeVar("M", bound=BaseModel)


def plan_validator() -> SchemaValidator:
    """The validator of `samplan.model.Plan`: `validate_python(data)` gives a Plan
    or raises pydantic's ValidationError, exactly as `Plan.model_validate`."""
    return validators()[model.Plan.__name__]


def make(cls: type[M], **fields: Any) -> M:
    """`cls(**fields)` for a model in KEPT, with its kept validator."""
    made: M = validators()[cls.__name__].validate_python(fields)
    return made


@cache
def validators() -> dict[str, SchemaValidator]:
    """The validators of the models in KEPT, by class name."""
    path = _kept_file()
    if path is not None and path.is_file():
        try:
            loaded = pickle.loads(path.read_bytes())
        except Exception:  # a damaged file is built again and replaced
            loaded = None
        if isinstance(loaded, dict) and set(loaded) == {cls.__name__ for cls in KEPT}:
            return loaded
    built: dict[str, Any] = {}
    for cls in KEPT:
        cls.model_rebuild(force=True)
        built[cls.__name__] = cls.__pydantic_validator__
    # A pydantic plugin wraps validators in its own objects; those are not kept.
    if path is not None and all(isinstance(v, SchemaValidator) for v in built.values()):
        _keep(path, built)
    return built


def _kept_file() -> Path | None:
    """Where the validators of this version are kept; None without a cache (or
    without the sources to name it by, as in a zipped install)."""
    folder = cache_folder("model")
    try:
        return folder / f"{PREFIX}{fingerprint()}.pickle" if folder else None
    except OSError:
        return None


def fingerprint() -> str:
    parts = [
        Path(model.__file__).read_bytes(),
        Path(__file__).read_bytes(),
        sys.version.encode(),
        pydantic.VERSION.encode(),
        pydantic_core.__version__.encode(),
    ]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:32]


def _keep(path: Path, built: dict[str, Any]) -> None:
    """Write the validators, and drop those of earlier versions."""
    from samplan.writing import write_file

    try:
        data = pickle.dumps(built)
    except Exception:  # a validator that does not pickle is simply built every time
        return
    try:
        write_file(path, data)
        for old in path.parent.glob(f"{PREFIX}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs time
