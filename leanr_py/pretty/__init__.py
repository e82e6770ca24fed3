"""Core terms back to Lean 4 syntax, for goals and error messages.

    from leanr_py.pretty import pp_expr, pp_level, pp_signature, pp_goal
    pp_expr(e, env)                 # '∀ (n : Nat), n + 0 = n'
    pp_signature(`Nat.add_comm, env) # 'Nat.add_comm (n m : Nat) : n + m = m + n'
    pp_goal([(x, Nat, None), (h, x = y, None)], y = x, env)
"""
from __future__ import annotations

from typing import Sequence

from ..kernel.expr import Expr
from . import doc
from .delab import Options, Printer, place
from .goal import goal_names, pp_goal, pp_signature
from .levels import pp_level


def pp_expr(e: Expr, env: object | None = None, *, names: Sequence[str] | None = None,
            width: int = 100, options: Options | None = None) -> str:
    """`e` as Lean shows it. `names` are display names for loose bound variables (last = `#0`);
    loose variables beyond them print as `#i`."""
    opts = options or Options(width=width)
    pr = Printer(env, opts)
    pr.note_fvars(e)
    for n in names or ():
        pr.push(n, None)
    return doc.render(place(pr.pp(e), 0), opts.width)


__all__ = ["Options", "Printer", "pp_expr", "pp_level", "pp_signature", "pp_goal", "goal_names"]
