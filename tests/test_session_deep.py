"""Deep and large inputs through a session: a result or a clear error, never a crash of the interpreter.

Each case runs in its own interpreter (a crash there fails the test instead of killing the test run), with
the recursion limit the command line uses; the session's snapshot must round-trip whatever the outcome.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

CASES = {
    # name: (source, gas budget) - budgets keep slow cases short; exhaustion is a clear error too
    "parens nested 10,000 deep": ("def d : Nat := " + "(" * 10_000 + "1" + ")" * 10_000 + "\n", 1_000_000),
    "applications nested 10,000 deep": ("def d : Nat := " + "Nat.succ (" * 10_000 + "0" + ")" * 10_000 + "\n",
                                        1_000_000),
    "sum of 10,000 terms": ("def d : Nat := " + " + ".join(["1"] * 10_000) + "\n", 30_000),
    "list literal of 5,000 elements": ("def l : List Nat := [" + ", ".join(map(str, range(5_000))) + "]\n",
                                       100_000),
    "numeral of 100,000 digits": ("def n : Nat := " + "7" * 100_000 + "\n", 1_000_000),
    "rfl on 100,000-digit numerals": ("theorem t : " + "7" * 100_000 + " = " + "7" * 100_000 + " := rfl\n",
                                      1_000_000),
}

RUNNER = """
import json, sys
from leanr_py.kernel.environment import ensure_recursion_limit
from leanr_py.session import Session
ensure_recursion_limit()
source = sys.stdin.read()
s = Session(gas=int(sys.argv[1]))
r = s.check(source)
blob = s.snapshot()
assert Session.restore(blob).snapshot() == blob
print(json.dumps([[d.severity, d.message] for d in r.diagnostics]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_deep_input_gives_a_result_or_a_clear_error(name: str) -> None:
    source, gas = CASES[name]
    out = subprocess.run([sys.executable, "-c", RUNNER, str(gas)], input=source, capture_output=True, text=True,
                         timeout=600, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert out.returncode == 0, f"{name}: exit {out.returncode}\n{out.stderr[-2000:]}"
    diags = json.loads(out.stdout.strip().splitlines()[-1])
    for severity, message in diags:
        assert "internal error" not in message and "Traceback" not in message, (name, message)
        if severity == "error":   # a clear reason: too deep, budget, or an ordinary elaboration error
            assert message.strip(), name
