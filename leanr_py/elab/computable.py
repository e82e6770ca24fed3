"""Which definitions Lean's code generator would refuse: a `def` that is not marked `noncomputable` must not
use an axiom or a `noncomputable` definition outside of types and proofs (Lean reports it when compiling
the definition, after the kernel accepted it).

    msg = noncomputable_use(meta, value, noncomputable_names)   # None, or Lean's message
"""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel.declaration import AxiomInfo
from ..kernel.environment import deep_recursion
from ..kernel.expr import APP, CONST, LAM, LET, PI, PROJ, SORT, Expr
from ..kernel.name import Name
from .errors import ElabError

__all__ = ["noncomputable_use"]

# axioms the code generator implements (`sorry` compiles to a runtime error)
_COMPILED_AXIOMS = frozenset({Name.of("sorryAx"), Name.of("Lean.ofReduceBool"), Name.of("Lean.trustCompiler")})


def noncomputable_use(meta: Any, value: Expr, noncomputable: set[Name]) -> str | None:
    """Lean's message for the first computationally relevant use of an axiom or a `noncomputable`
    definition in the closed term `value`, or None."""
    env = meta.env
    found: list[str] = []
    seen: set[Expr] = set()

    def irrelevant(e: Expr) -> bool:
        try:
            t = meta.infer_type(e)
            if meta.whnf(t).kind == SORT:
                return True              # a type
            return meta.is_prop(t)       # a proof
        except ElabError:
            return False

    def go(e: Expr) -> None:
        if found or e in seen:
            return
        seen.add(e)
        meta.gas.charge()
        k = e.kind
        if k == CONST:
            n = e.name  # type: ignore[attr-defined]
            info = env.find(n)
            if (isinstance(info, AxiomInfo) and n not in _COMPILED_AXIOMS) or n in noncomputable:
                if irrelevant(e):
                    return
            if isinstance(info, AxiomInfo) and n not in _COMPILED_AXIOMS:
                found.append(f"`{n}` not supported by code generator; consider marking definition as "
                             "`noncomputable`")
            elif n in noncomputable:
                found.append(f"failed to compile definition, consider marking it as 'noncomputable' because it "
                             f"depends on '{n}', which is 'noncomputable'")
            return
        if k in (APP, PROJ) and irrelevant(e):
            return
        if k == APP:
            f, args = E.get_app_fn_args(e)
            go(f)
            for a in args:
                go(a)
        elif k in (LAM, LET):
            x = meta.mk_local(e.name, e.type, E.DEFAULT, e.value if k == LET else None)  # type: ignore[attr-defined]
            if k == LET:
                go(e.value)  # type: ignore[attr-defined]
            go(E.instantiate1(e.body, x))  # type: ignore[attr-defined]
        elif k == PROJ:
            go(e.struct)  # type: ignore[attr-defined]
        elif k == PI:
            return

    with deep_recursion():
        go(value)
    return found[0] if found else None
