"""Which definitions Lean's code generator would refuse: a `def` that is not marked `noncomputable` must not
use an axiom or a `noncomputable` definition outside of types and proofs (Lean reports it when compiling
the definition, after the kernel accepted it).

    msg = noncomputable_use(meta, value, noncomputable_names)   # None, or Lean's message
"""
from __future__ import annotations

from typing import Any, Callable

from ..kernel import expr as E
from ..kernel.declaration import AxiomInfo
from ..kernel.expr import APP, CONST, LAM, LET, PROJ, SORT, Expr
from ..kernel.name import Name
from .errors import ElabError

__all__ = ["noncomputable_use"]

# axioms the code generator implements (`sorry` compiles to a runtime error)
_COMPILED_AXIOMS = frozenset({Name.of("sorryAx"), Name.of("Lean.ofReduceBool"), Name.of("Lean.trustCompiler")})


def noncomputable_use(meta: Any, value: Expr, noncomputable: set[Name],
                      show_name: Callable[[Name], str] = str) -> str | None:
    """Lean's message for the first computationally relevant use of an axiom or a `noncomputable`
    definition in the closed term `value`, or None. `show_name` prints a constant's name as in scope."""
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

    stack = [value]   # explicit stack: terms can be deep (long list literals), Pyodide's stack is small
    while stack and not found:
        e = stack.pop()
        if e in seen:
            continue
        seen.add(e)
        meta.gas.charge()
        k = e.kind
        if k == CONST:
            n = e.name  # type: ignore[attr-defined]
            info = env.find(n)
            flagged = (isinstance(info, AxiomInfo) and n not in _COMPILED_AXIOMS) or n in noncomputable
            if not flagged or irrelevant(e):
                continue
            if isinstance(info, AxiomInfo):
                found.append(f"`{show_name(n)}` not supported by code generator; consider marking definition as "
                             "`noncomputable`")
            else:
                found.append(f"failed to compile definition, consider marking it as 'noncomputable' because it "
                             f"depends on '{show_name(n)}', which is 'noncomputable'")
        elif k in (APP, PROJ) and irrelevant(e):
            continue
        elif k == APP:
            f, args = E.get_app_fn_args(e)
            stack.extend(reversed(args))
            stack.append(f)
        elif k in (LAM, LET):
            x = meta.mk_local(e.name, e.type, E.DEFAULT, e.value if k == LET else None)  # type: ignore[attr-defined]
            stack.append(E.instantiate1(e.body, x))  # type: ignore[attr-defined]
            if k == LET:
                stack.append(e.value)  # type: ignore[attr-defined]
        elif k == PROJ:
            stack.append(e.struct)  # type: ignore[attr-defined]
    return found[0] if found else None
