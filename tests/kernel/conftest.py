"""Fixtures for kernel tests: a fresh copy of the hand-built prelude per test."""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from builders import prelude  # noqa: E402

from leanr_py.kernel.environment import Environment, ensure_recursion_limit  # noqa: E402
from leanr_py.kernel.typechecker import TypeChecker  # noqa: E402


@pytest.fixture
def env() -> Environment:
    ensure_recursion_limit()
    return prelude()


@pytest.fixture
def tc(env: Environment) -> TypeChecker:
    return TypeChecker(env)
