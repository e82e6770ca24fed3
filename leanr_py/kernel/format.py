"""A compact, depth-bounded rendering of core terms for kernel error messages.

(The user-facing pretty-printer, with notation, lives in `leanr_py.pretty`.)
"""
from __future__ import annotations

from . import expr as E
from .level import format_level

_MAX_DEPTH = 40
_MAX_LEN = 2000


def format_expr(e: "E.Expr", names: list[str] | None = None) -> str:
    out: list[str] = []
    _fmt(e, names if names is not None else [], out, 0)
    s = "".join(out)
    return s if len(s) <= _MAX_LEN else s[:_MAX_LEN] + "…"


def _fmt(e: "E.Expr", ctx: list[str], out: list[str], depth: int) -> None:
    if depth > _MAX_DEPTH or sum(len(s) for s in out[-50:]) > _MAX_LEN and len(out) > 200:
        out.append("…")
        return
    k = e.kind
    if k == E.BVAR:
        i = e.idx  # type: ignore[attr-defined]
        out.append(ctx[-1 - i] if i < len(ctx) else f"#{i}")
    elif k == E.SORT:
        lv = e.level  # type: ignore[attr-defined]
        s = format_level(lv)
        out.append("Prop" if s == "0" else "Type" if s == "1" else f"Sort {s}" if " " not in s else f"Sort ({s})")
    elif k == E.CONST:
        out.append(str(e.name))  # type: ignore[attr-defined]
        if e.levels:  # type: ignore[attr-defined]
            out.append(".{" + ", ".join(format_level(l) for l in e.levels) + "}")  # type: ignore[attr-defined]
    elif k == E.APP:
        fn, args = E.get_app_fn_args(e)
        out.append("(")
        _fmt(fn, ctx, out, depth + 1)
        for a in args[:64]:
            out.append(" ")
            _fmt(a, ctx, out, depth + 1)
        if len(args) > 64:
            out.append(" …")
        out.append(")")
    elif k in (E.LAM, E.PI):
        n = str(e.name)  # type: ignore[attr-defined]
        out.append("(fun " if k == E.LAM else "(Π ")
        out.append(f"({n} : ")
        _fmt(e.type, ctx, out, depth + 1)  # type: ignore[attr-defined]
        out.append(") => " if k == E.LAM else "), ")
        ctx.append(n)
        _fmt(e.body, ctx, out, depth + 1)  # type: ignore[attr-defined]
        ctx.pop()
        out.append(")")
    elif k == E.LET:
        n = str(e.name)  # type: ignore[attr-defined]
        out.append(f"(let {n} : ")
        _fmt(e.type, ctx, out, depth + 1)  # type: ignore[attr-defined]
        out.append(" := ")
        _fmt(e.value, ctx, out, depth + 1)  # type: ignore[attr-defined]
        out.append("; ")
        ctx.append(n)
        _fmt(e.body, ctx, out, depth + 1)  # type: ignore[attr-defined]
        ctx.pop()
        out.append(")")
    elif k == E.NATLIT:
        v = e.val  # type: ignore[attr-defined]
        out.append(str(v) if v < 10**60 else f"<{v.bit_length()}-bit literal>")
    elif k == E.STRLIT:
        s = e.val  # type: ignore[attr-defined]
        out.append(repr(s if len(s) < 200 else s[:200] + "…"))
    elif k == E.PROJ:
        _fmt(e.struct, ctx, out, depth + 1)  # type: ignore[attr-defined]
        out.append(f".{e.idx + 1}")  # type: ignore[attr-defined]
    elif k == E.FVAR:
        out.append(str(e.name))  # type: ignore[attr-defined]
    elif k == E.MVAR:
        out.append(f"?{e.name}")  # type: ignore[attr-defined]
    else:
        out.append("?")
