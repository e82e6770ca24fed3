"""The verification client end to end through `leanr repl` (leanr_py's engine behind the REPL
protocol): real elaboration and kernel checking, real `#print axioms`, and the fallback from a
missing Lean REPL to it.  Skipped while leanr_py has no `repl` module."""
import importlib.util

import pytest

from offline_bundle.client import DEFAULT_ALLOWED_AXIOMS, Backend, LeanVerifier, leanr_repl_backend

pytestmark = pytest.mark.skipif(importlib.util.find_spec("leanr_py.repl") is None,
                                reason="leanr_py.repl (`leanr repl`) does not exist yet")


@pytest.fixture(scope="module")
def verifier():
    with LeanVerifier([Backend("lean", ("/nonexistent/lean-repl",)), leanr_repl_backend()], workers=2,
                      timeout=120) as v:
        yield v


def test_verdicts_through_leanr_repl(verifier):
    rs = verifier.verify_batch([
        "theorem t1 : 1 + 1 = 2 := rfl",
        "theorem t2 : 2 + 2 = 5 := rfl",
        "theorem t3 : 1 = 1 := sorry",
        "example : 1 = 1 := rfl",
        "namespace N\ntheorem t4 (p : Prop) (h : p) : p := h\nend N",
        "axiom cheat : 2 + 2 = 5\ntheorem t5 : 2 + 2 = 5 := cheat",
    ])
    assert [r.status for r in rs] == ["pass", "fail", "fail", "fail", "pass", "fail"], [r.reason for r in rs]
    assert all(r.backend == "leanr" and r.fallback and r.fallback[0].startswith("lean: cannot run") for r in rs)
    assert rs[0].axioms == {"t1": []} and rs[4].axioms == {"N.t4": []}
    assert rs[1].reason.startswith("error at 1:")
    assert rs[2].reason == "uses sorry"
    assert "`example` at line 1" in rs[3].reason
    assert "cheat" in rs[5].reason


def test_native_decide_needs_its_axiom_allowed(verifier):
    r = verifier.verify("theorem nd : 10 < 20 := by native_decide")
    assert r.status == "fail" and r.axioms == {"nd": ["Lean.ofReduceBool"]} and "Lean.ofReduceBool" in r.reason
    with LeanVerifier([leanr_repl_backend()], workers=1,
                      allowed_axioms=DEFAULT_ALLOWED_AXIOMS | {"Lean.ofReduceBool"}) as v:
        assert v.verify("theorem nd : 10 < 20 := by native_decide").passed


def test_what_leanr_cannot_judge_is_declined_not_failed(verifier):
    r = verifier.verify("theorem e : 1 = 1 := by\n  apply?")
    assert r.status == "declined" and "is not supported yet" in r.reason and "(at 2:" in r.reason


def test_proofs_stay_independent(verifier):
    # each proof is checked in the header's environment, not in the one a previous proof left behind
    rs = verifier.verify_batch(["theorem same : True := trivial"] * 4)
    assert [r.status for r in rs] == ["pass"] * 4, [r.reason for r in rs]


def test_header_leanr_cannot_provide_gives_unavailable():
    with LeanVerifier([leanr_repl_backend()], header="import Mathlib", workers=1, timeout=60) as v:
        r = v.verify("theorem t : True := trivial")
    assert r.status == "unavailable"
    assert r.reason == "no REPL could be started: leanr: cannot provide the header's imports (Mathlib): it has only Init"
