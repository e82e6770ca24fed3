"""A per-declaration step budget: exhaustion declines (never hangs), deterministically."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from leanr_py.export import check_export
from leanr_py.kernel.environment import Environment

REPO = Path(__file__).resolve().parents[2]
FILE = REPO.parent / "shared" / "corpus" / "export" / "misc" / "vow-postcond.ndjson"


def run(budget: int | None) -> tuple[str, str | None]:
    if not FILE.is_file():
        pytest.skip("corpus absent")
    env = Environment()
    env.step_budget = budget
    r = check_export(FILE, env=env)
    return r.status, r.error


def test_small_budget_declines_with_the_declaration_named() -> None:
    status, error = run(100)
    assert status == "decline"
    assert "step budget of 100 exhausted" in (error or "")


def test_same_budget_same_outcome() -> None:
    assert run(2_000) == run(2_000)


def test_enough_budget_accepts() -> None:
    assert run(10_000_000)[0] == "accept"


def test_cli_option() -> None:
    if not FILE.is_file():
        pytest.skip("corpus absent")
    p = subprocess.run([sys.executable, "-m", "leanr_py", "check-export", str(FILE), "--max-steps", "50"],
                       capture_output=True, text=True, cwd=REPO)
    assert p.returncode == 2 and "step budget" in p.stdout
    p = subprocess.run([sys.executable, "-m", "leanr_py", "check-export", str(FILE), "--max-steps", "0"],
                       capture_output=True, text=True, cwd=REPO)
    assert p.returncode == 2 and "positive" in p.stderr
