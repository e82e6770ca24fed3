"""Fixtures for the meta layer: the hand-built kernel prelude, a `MetaContext` over it, and (when the
shared corpus is present) Lean's real `Init.Prelude` export, loaded once per session."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "kernel"))

from builders import prelude  # noqa: E402

from leanr_py.elab.meta import MetaContext  # noqa: E402
from leanr_py.kernel.environment import Environment, ensure_recursion_limit  # noqa: E402

PRELUDE_EXPORT = (Path(__file__).resolve().parents[2].parent
                  / "shared/corpus/export/core/init-prelude.lean-4.29.1.ndjson")


@pytest.fixture
def env() -> Environment:
    ensure_recursion_limit()
    return prelude()


@pytest.fixture
def mc(env: Environment) -> MetaContext:
    return MetaContext(env)


@pytest.fixture(scope="session")
def lean_env() -> Environment:
    if not PRELUDE_EXPORT.exists():
        pytest.skip("shared corpus (Init.Prelude export) not present")
    from leanr_py.export import check_export

    env = Environment()
    r = check_export(PRELUDE_EXPORT, env=env)
    assert r.ok, r.error
    return env
