"""`do` notation: only Lean's first check is implemented. As `Lean.Elab.Term.Do`, a `do` block needs its
expected type to be a monad application `m α`; a `do` whose expected type is known and is not an
application at all (`def u (x : Nat) : Nat := do …`) gets Lean's error. Every other `do` block is not
supported yet."""
from __future__ import annotations

from ..kernel import expr as E
from ..kernel.expr import APP, Expr
from ..syntax import ast as A
from .errors import ElabError
from .term import _DISPATCH, TermElaborator

__all__: list[str] = []


def _e_do(te: TermElaborator, stx: A.Do, expected: Expr | None) -> Expr:
    if expected is not None:
        meta = te.meta
        t = meta.whnf(meta.instantiate_mvars(expected))
        if t.kind != APP and not (t.flags & E.HAS_MVAR):
            raise ElabError("invalid `do` notation, expected type is not a monad application"
                            f"\n  {te.pp(t)}\nYou can use the `do` notation in pure code by writing `Id.run do` "
                            "instead of `do`, where `Id` is the identity monad.", stx.span)
    raise ElabError("'do' notation is not supported yet", stx.span)


_DISPATCH[A.Do] = _e_do
