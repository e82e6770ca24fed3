"""`IO` in eval-lite: the prelude's opaque primitives (Lean's `@[extern]` ones) run here, and `#eval` of an
action runs it on the world token.

An action of `EIO ε α` (so `IO α`, `BaseIO α`) is an `EStateM ε IO.RealWorld α`: a function from the world
to `EStateM.Result.ok a w` or `.error e w`. The primitives are `IO.getStdout`/`IO.getStderr` (the current
streams) and `IO.setStdout`/`IO.setStderr` (swap them, returning the previous one). The standard streams
are `IO.FS.Stream` values whose `putStr` appends to the evaluator's output buffer (which `#eval` shows, as
Lean shows what an action prints), `flush` does nothing, `getLine` reads the empty input and `isTty` is
false: the same results as the opaque constants' kernel values, so a computation's value never depends
on whether it ran here or was reduced by the kernel.
"""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel.declaration import ConstructorInfo, OpaqueInfo
from ..kernel.name import Name
from .prims import BUILTIN, Prim
from .values import Ctor, EvalError, Pap

N = Name.of
_STREAM = N("IO.FS.Stream")
_STREAM_MK = N("IO.FS.Stream.mk")
_RESULT_OK = N("EStateM.Result.ok")
_RESULT_ERROR = N("EStateM.Result.error")
_UNIT = N("PUnit.unit")
_ESTATEM = N("EStateM")
_REAL_WORLD = N("IO.RealWorld")
_STREAM_FIELDS = ("flush", "getLine", "putStr", "isTty")


class IOState:
    """What the actions of one evaluation share: the output so far and the current standard streams."""

    def __init__(self) -> None:
        self.output: list[str] = []
        self.streams: dict[str, Any] = {}   # "stdout"/"stderr" → the stream value set by `IO.setStdout`…


def io_state(ev: Any) -> IOState:
    st = getattr(ev, "io", None)
    if st is None:
        st = ev.io = IOState()
    return st


def _ctor(ev: Any, name: Name, fields: tuple) -> Ctor:
    info = ev.env.find(name)
    if not isinstance(info, ConstructorInfo):
        raise EvalError(f"'{name}' is not declared")
    return Ctor(name, info.cidx, fields)


def _ok(ev: Any, value: Any, world: Any) -> Ctor:
    return _ctor(ev, _RESULT_OK, (value, world))


def _unit(ev: Any) -> Ctor:
    return _ctor(ev, _UNIT, ())


def _action(label: str, arity: int, fn: Any) -> Pap:
    """A primitive action taking `arity` arguments, the world last (evaluated first, so it runs in order)."""
    return Pap(Prim(N(label), BUILTIN, arity, strict=(arity - 1,), fn=fn), ())


def _standard_stream(ev: Any, which: str) -> Ctor:
    def put_str(m: Any, a: list) -> Ctor:
        io_state(m).output.append(m.as_str(a[0]))
        return _ok(m, _unit(m), a[1])

    fields = {
        "flush": _action(f"IO.FS.Stream.{which}.flush", 1, lambda m, a: _ok(m, _unit(m), a[0])),
        "getLine": _action(f"IO.FS.Stream.{which}.getLine", 1, lambda m, a: _ok(m, "", a[0])),
        "putStr": _action(f"IO.FS.Stream.{which}.putStr", 2, put_str),
        "isTty": _action(f"IO.FS.Stream.{which}.isTty", 1, lambda m, a: _ok(m, m.builtins.bool_value(False), a[0])),
    }
    return _ctor(ev, _STREAM_MK, tuple(fields[f] for f in _STREAM_FIELDS))


def _current(ev: Any, which: str) -> Any:
    st = io_state(ev)
    if which not in st.streams:
        st.streams[which] = _standard_stream(ev, which)
    return st.streams[which]


def _stream_shaped(env: Any) -> bool:
    """Is `IO.FS.Stream` the prelude's structure (the fields the standard streams provide)?"""
    info = env.find(_STREAM_MK)
    return isinstance(info, ConstructorInfo) and info.num_params == 0 and info.num_fields == len(_STREAM_FIELDS)


def _base_io_of(t: E.Expr) -> E.Expr:
    return E.mk_app(E.mk_const(N("BaseIO")), t)


def make_io_prim(env: Any, name: Name) -> Prim | None:
    """The built-in of an `IO` primitive, when `name` is the prelude's opaque constant with its type."""
    s = str(name)
    which = {"IO.getStdout": "stdout", "IO.getStderr": "stderr",
             "IO.setStdout": "stdout", "IO.setStderr": "stderr"}.get(s)
    info = env.find(name)
    if which is None or not isinstance(info, OpaqueInfo) or info.level_params or not _stream_shaped(env):
        return None
    stream = E.mk_const(_STREAM)
    if s.startswith("IO.get"):
        if not E.alpha_eqv(info.type, _base_io_of(stream)):
            return None
        return Prim(name, BUILTIN, 1, strict=(0,), fn=lambda m, a: _ok(m, _current(m, which), a[0]))
    if not E.alpha_eqv(info.type, E.mk_arrow(stream, _base_io_of(stream))):
        return None

    def swap(m: Any, a: list) -> Ctor:
        prev = _current(m, which)
        io_state(m).streams[which] = a[0]
        return _ok(m, prev, a[1])

    return Prim(name, BUILTIN, 2, strict=(1,), fn=swap)


def io_action_type(tc: Any, ty: E.Expr) -> tuple[E.Expr, E.Expr] | None:
    """`(ε, α)` when the type `ty` is `EStateM ε IO.RealWorld α` up to unfolding (`IO α`, `EIO ε α`, …)."""
    t = ty
    for _ in range(64):
        t = tc.whnf_core(t)
        h, args = E.get_app_fn_args(t)
        if h.kind == E.CONST and h.name is _ESTATEM and len(args) == 3:  # type: ignore[attr-defined]
            w = args[1]
            if w.kind == E.CONST and w.name is _REAL_WORLD:  # type: ignore[attr-defined]
                return args[0], args[2]
            return None
        u = tc.unfold_definition(t)
        if u is None:
            return None
        t = u
    return None


def run_action(ev: Any, action: Any) -> tuple[bool, Any, str]:
    """Run the action value on the world: (succeeded, its value or its error, what it printed)."""
    st = io_state(ev)
    st.output.clear()
    r = ev.force(ev.call(action, (_unit(ev),)))
    if type(r) is not Ctor or r.name not in (_RESULT_OK, _RESULT_ERROR):
        raise EvalError("an IO action did not produce an `EStateM.Result`")
    return r.name is _RESULT_OK, r.fields[0], "".join(st.output)


__all__ = ["IOState", "io_state", "make_io_prim", "io_action_type", "run_action"]
