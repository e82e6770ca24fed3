"""eval-lite: evaluation of closed core terms (`#eval`, native reduction for `Lean.reduceBool`).

    from leanr_py.eval import Evaluator, EvalError
    v = Evaluator(env, gas).eval(expr)
"""
from __future__ import annotations

from .machine import DEFAULT_EVAL_BUDGET, Evaluator
from .values import ERASED, Closure, Ctor, EvalError, Pap, Thunk

__all__ = ["Evaluator", "EvalError", "DEFAULT_EVAL_BUDGET", "ERASED", "Closure", "Ctor", "Pap", "Thunk"]
