"""Compare a constant an export file claims with the one the kernel installed.

Used for the quotient constants (the kernel builds them itself) and for legacy-format recursors
that arrive after their inductive block. Terms are compared structurally, ignoring binder names
and binder infos as Lean's `Expr.eqv` does; iteratively, with a memo of pairs already equal.
"""
from __future__ import annotations

from ..kernel import declaration as D
from ..kernel.expr import APP, CONST, LAM, LET, PI, PROJ, SORT, Expr


def same_term(a: Expr, b: Expr) -> bool:
    if a is b:
        return True
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Expr, Expr]] = [(a, b)]
    while stack:
        x, y = stack.pop()
        if x is y:
            continue
        key = (id(x), id(y))
        if key in seen:
            continue
        seen.add(key)
        if x.kind != y.kind or x.lbr != y.lbr:
            return False
        k = x.kind
        if k == APP:
            stack.append((x.fn, y.fn))  # type: ignore[attr-defined]
            stack.append((x.arg, y.arg))  # type: ignore[attr-defined]
        elif k == LAM or k == PI:
            stack.append((x.type, y.type))  # type: ignore[attr-defined]
            stack.append((x.body, y.body))  # type: ignore[attr-defined]
        elif k == LET:
            stack.append((x.type, y.type))  # type: ignore[attr-defined]
            stack.append((x.value, y.value))  # type: ignore[attr-defined]
            stack.append((x.body, y.body))  # type: ignore[attr-defined]
        elif k == PROJ:
            if x.sname is not y.sname or x.idx != y.idx:  # type: ignore[attr-defined]
                return False
            stack.append((x.struct, y.struct))  # type: ignore[attr-defined]
        elif k == CONST:
            if x.name is not y.name or x.levels != y.levels:  # type: ignore[attr-defined]
                return False
        elif k == SORT:
            if x.level is not y.level:  # type: ignore[attr-defined]
                return False
        else:  # bvar and literals are interned by value: distinct objects differ
            return False
    return True


def claim_mismatch(claimed: D.ConstantInfo, actual: D.ConstantInfo | None) -> str | None:
    """Why `claimed` differs from the installed `actual`, or None if they agree."""
    if actual is None:
        return "not a constant the kernel installed"
    if type(actual) is not type(claimed):
        return f"is a {_kind(actual)} in the environment, but the file declares a {_kind(claimed)}"
    if tuple(actual.level_params) != tuple(claimed.level_params):
        return f"universe parameters differ from the kernel's"
    if not same_term(claimed.type, actual.type):
        return f"type differs from the kernel's"
    if isinstance(claimed, D.QuotInfo) and claimed.kind != actual.kind:  # type: ignore[attr-defined]
        return f"quotient kind '{claimed.kind}' differs from the kernel's"
    if isinstance(claimed, D.RecursorInfo):
        return _recursor_mismatch(claimed, actual)  # type: ignore[arg-type]
    return None


def _recursor_mismatch(claimed: D.RecursorInfo, actual: D.RecursorInfo) -> str | None:
    for field in ("num_params", "num_indices", "num_motives", "num_minors", "k"):
        if getattr(claimed, field) != getattr(actual, field):
            return f"{field} differs from the kernel's"
    if len(claimed.rules) != len(actual.rules):
        return f"number of recursor rules differs from the kernel's"
    for mine, theirs in zip(claimed.rules, actual.rules):
        if mine.ctor is not theirs.ctor or mine.num_fields != theirs.num_fields:
            return f"recursor rule for '{mine.ctor}' differs from the kernel's"
        if not same_term(mine.rhs, theirs.rhs):
            return f"right-hand side of the rule for '{mine.ctor}' differs from the kernel's"
    return None


def _kind(info: D.ConstantInfo) -> str:
    return type(info).__name__.removesuffix("Info").lower()
