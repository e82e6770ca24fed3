"""Universe levels as Lean prints them: `u`, `u + 1`, `max u v`, `imax u v`, `?u.3`; and sorts."""
from __future__ import annotations

from ..kernel import level as L
from ..kernel.level import Level
from .names import binder_base


def _leaf(l: Level) -> str:
    if l.kind == L.PARAM_K:
        return binder_base(l.a, "u")  # type: ignore[arg-type]
    # metavariable: `?u.N` for numeric ids, `?name` otherwise
    a = l.a
    return f"?u.{a}" if isinstance(a, int) else f"?{a}"


def _max_args(l: Level, kind: int) -> list[Level]:
    out: list[Level] = []
    stack = [l]
    while stack:
        x = stack.pop()
        if x.kind == kind:
            stack.append(x.b)  # type: ignore[arg-type]
            stack.append(x.a)  # type: ignore[arg-type]
        else:
            out.append(x)
    return out


def _quote(l: Level, prec: int, depth: int = 0) -> str:
    """Lean's `Level.PP.Result.quote`: parenthesize compound levels when `prec > 0`."""
    base, k = L.to_offset(l)
    if base.kind == L.ZERO_K:
        return str(k)
    if depth > 64:
        return "⋯"
    if base.kind in (L.PARAM_K, L.MVAR_K):
        s = _leaf(base)
        if k == 0:
            return s
        s = f"{s} + {k}"
        return f"({s})" if prec > 0 else s
    if k > 0:
        s = f"{_quote(base, 65, depth + 1)} + {k}"
        return f"({s})" if prec > 0 else s
    kw = "max" if base.kind == L.MAX_K else "imax"
    s = kw + " " + " ".join(_quote(a, 1024, depth + 1) for a in _max_args(base, base.kind))
    return f"({s})" if prec > 0 else s


def pp_level(l: Level) -> str:
    """A level at top level, e.g. `max u v`, `u + 1`, `0`."""
    return _quote(l, 0)


def pp_level_arg(l: Level) -> str:
    """A level in argument position (`Sort (max u v)`, `Type (u + 1)`)."""
    return _quote(l, 1024)


def pp_sort(l: Level) -> tuple[str, bool]:
    """`Prop`, `Type`, `Type u`, `Sort u`, … and whether it is atomic (needs no parentheses)."""
    if l is L.ZERO:
        return "Prop", True
    if l.kind == L.SUCC_K:
        inner = l.a  # type: ignore[assignment]
        if inner is L.ZERO:
            return "Type", True
        return "Type " + pp_level_arg(inner), False  # type: ignore[arg-type]
    return "Sort " + pp_level_arg(l), False
