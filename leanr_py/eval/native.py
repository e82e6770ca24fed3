"""The kernel's native reduction step (`Lean.reduceBool c`, `Lean.reduceNat c`) computed by eval-lite.

Lean's kernel lets `Lean.reduceBool c` reduce to the value compiled code computes for the constant `c`;
proofs that use it (`native_decide`) depend on the axiom `Lean.ofReduceBool`, so `#print axioms` shows
the trust. Here the kernel calls `env.native_evaluator`, which `install_native_evaluator` sets to
eval-lite. The elaborator installs it on the environments it elaborates into; export checking never does,
so a file that relies on it is refused there (the term stays stuck).
"""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel.errors import KernelError
from ..kernel.literals import NatNames
from ..kernel.name import Name
from .machine import Evaluator
from .values import Ctor, EvalError


def install_native_evaluator(env: Any) -> None:
    """Let `env`'s kernel evaluate `Lean.reduceBool c`; each constant is evaluated once (the elaborator and
    the kernel both ask), the result kept while the constant is the same declaration."""
    results: dict[Name, tuple[Any, bool | int]] = {}

    def evaluator(name: Name, gas: Any) -> bool | int:
        info = env.find(name)
        hit = results.get(name)
        if hit is not None and hit[0] is info:
            return hit[1]
        r = evaluate_constant(env, name, gas)
        results[name] = (info, r)
        return r

    env.native_evaluator = evaluator


def evaluate_constant(env: Any, name: Name, gas: Any = None) -> bool | int:
    """The value of the closed constant `name` of type Bool (as a Python bool) or Nat (an int)."""
    ev = Evaluator(env, gas)
    try:
        v = ev.eval(E.mk_const(name, tuple(_levels_zero(env, name))))
    except EvalError as exc:
        raise KernelError(f"failed to evaluate '{name}' for native reduction: {exc.message}") from None
    if type(v) is Ctor and v.name in (NatNames.bool_true, NatNames.bool_false):
        return v.name is NatNames.bool_true
    if type(v) is int and v >= 0:
        return v
    raise KernelError(f"native reduction of '{name}' did not produce a Bool or a Nat")


def _levels_zero(env: Any, name: Name) -> list:
    from ..kernel.level import ZERO

    info = env.find(name)
    if info is None:
        raise KernelError(f"unknown constant '{name}'")
    return [ZERO] * len(info.level_params)
