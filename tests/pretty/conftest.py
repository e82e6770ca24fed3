"""Fixtures for pretty-printer tests: Lean's real Init.Prelude (session-scoped, skipped when the
shared corpus is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

from leanr_py.kernel.environment import Environment

PRELUDE = (Path(__file__).resolve().parents[2].parent
           / "shared/corpus/export/core/init-prelude.lean-4.29.1.ndjson")


@pytest.fixture(scope="session")
def prelude_env() -> Environment:
    if not PRELUDE.exists():
        pytest.skip("shared corpus not available")
    from leanr_py.export import check_export

    env = Environment()
    r = check_export(str(PRELUDE), env=env)
    assert r.status == "accept", r.error
    return env
