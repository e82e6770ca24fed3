"""eval-lite: evaluation of closed core terms (`#eval`, native reduction for `Lean.reduceBool`).

    from leanr_py.eval import Evaluator, EvalError
    v = Evaluator(env, gas).eval(expr)          # weak head normal form; see `values`
    Renderer(ev, find_instance).render(v, ty)   # as `#eval` shows it (`render`)

What a result computed here rests on, beyond the kernel (the same kind of trust Lean places in its
compiler for `native_decide`): the built-in implementations of `prims` (Nat operations only where the
kernel verified their defining equations; Int, String, `WellFounded.fix` by Lean's names and types),
and the erasure of proofs (a proof is never looked at: `Eq.rec` and other eliminations of propositions
into data use their single rule). Proofs built with it depend on the axiom `Lean.ofReduceBool`.
"""
from __future__ import annotations

from .machine import DEFAULT_EVAL_BUDGET, Evaluator
from .values import ERASED, Closure, Ctor, EvalError, Pap, Thunk

__all__ = ["Evaluator", "EvalError", "DEFAULT_EVAL_BUDGET", "ERASED", "Closure", "Ctor", "Pap", "Thunk"]
