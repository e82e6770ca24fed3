"""Run-time values of eval-lite.

Values in weak head normal form:
  - `int`      Nat and Int (Lean's `Nat`/`Int` are arbitrary precision; so are Python ints)
  - `str`      String
  - `Ctor`     a constructor applied to its fields (parameters are erased)
  - `Closure`  a `fun` together with the values of its free bound variables
  - `Pap`      a constant (constructor, recursor, built-in, …) applied to fewer arguments than it needs
  - `ERASED`   types and proofs: computationally irrelevant, as in Lean's compiler
Arguments are passed lazily as `Thunk`s (call by need), so proofs and types are never evaluated and a
recursor's induction hypothesis is computed only if it is used.
"""
from __future__ import annotations

from typing import Any

from ..kernel.expr import Expr
from ..kernel.name import Name


# Freeing a long chain of values (a list of thousands of cells, a chain of suspended computations)
# would recurse in C once per link, which overflows Pyodide's small stack (a fatal error, not an
# exception). So each value hands its references to this list when it dies, and the list is emptied by
# one loop: however long the chain, frees nest at most a few levels deep.
_GRAVE: list = []
_DRAINING = [False]


def _drain() -> None:
    """Free what `_GRAVE` holds, one object at a time (values dying meanwhile only add to it)."""
    if _DRAINING[0]:
        return
    _DRAINING[0] = True
    try:
        while _GRAVE:
            _GRAVE.pop()
    finally:
        _DRAINING[0] = False


class EvalError(Exception):
    """A term eval-lite cannot evaluate (axioms, `sorry`, unsupported primitives), with the reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Erased:
    """Types and proofs (and anything applied to them)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "◾"


ERASED = Erased()


class Ctor:
    __slots__ = ("name", "cidx", "fields")

    def __init__(self, name: Name, cidx: int, fields: tuple) -> None:
        self.name = name
        self.cidx = cidx
        self.fields = fields          # values or thunks

    def __repr__(self) -> str:
        return f"Ctor({self.name}, {list(self.fields)!r})"

    def __del__(self) -> None:
        if self.fields:
            _GRAVE.append(self.fields)   # the grave gets the only reference: no local may keep one
            self.fields = ()
            if not _DRAINING[0]:
                _drain()


class Closure:
    __slots__ = ("lam", "env")

    def __init__(self, lam: Expr, env: tuple) -> None:
        self.lam = lam                # a `Lam` node
        self.env = env                # env[i] is the value of `bvar i` below the binder

    def __repr__(self) -> str:
        return "<closure>"

    def __del__(self) -> None:
        if self.env:
            _GRAVE.append(self.env)
            self.env = ()
            if not _DRAINING[0]:
                _drain()


class Pap:
    __slots__ = ("prim", "args")

    def __init__(self, prim: Any, args: tuple) -> None:
        self.prim = prim
        self.args = args

    def __repr__(self) -> str:
        return f"<{self.prim.name} applied to {len(self.args)} arguments>"

    def __del__(self) -> None:
        if self.args:
            _GRAVE.append(self.args)
            self.args = ()
            if not _DRAINING[0]:
                _drain()


class Thunk:
    """A suspended computation of `expr` in `env`; after forcing, `expr` is None and `value` holds the result."""

    __slots__ = ("expr", "env", "value")

    def __init__(self, expr: Expr, env: tuple) -> None:
        self.expr: Expr | None = expr
        self.env = env
        self.value: Any = None

    def __repr__(self) -> str:
        return "<thunk>" if self.expr is not None else f"<thunk={self.value!r}>"

    def __del__(self) -> None:
        if self.env or self.value is not None:
            _GRAVE.append(self.env)
            _GRAVE.append(self.value)
            self.env = ()
            self.value = None
            if not _DRAINING[0]:
                _drain()
