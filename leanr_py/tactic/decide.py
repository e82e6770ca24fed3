"""`decide` (the `Decidable` instance evaluated by the kernel), `native_decide` and `omega`.

`decide` builds Lean's proof `of_decide_eq_true (Eq.refl true)` for `p` with its synthesized instance and
asks the kernel's reduction whether `Decidable.decide p` is `true` before committing (the kernel re-checks
the same fact when the declaration is added)."""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel.expr import Expr, MVar
from ..kernel.name import Name
from ..syntax import ast as A
from ..elab.errors import ElabError
from ..elab.instances import synth_instance
from .core import TacticContext
from .registry import tactic


def decide_goal(tc: TacticContext, g: MVar, span: Any, what: str = "decide") -> None:
    meta = tc.meta
    env = tc.env
    for n in ("Decidable.decide", "of_decide_eq_true", "Bool.true"):
        if env.find(Name.of(n)) is None:
            raise ElabError(f"'{what}' is not supported yet: the prelude lacks '{n}'", span)
    p = tc.target(g)
    if meta.mctx.collect_mvars(p):
        raise ElabError(f"Tactic `{what}` failed: expected type must not contain metavariables\n  {tc.pp(p)}", span)
    with tc.goal_context(g):
        if tc.lctx(g) and any(E.find(p, lambda x, xs=set(tc.lctx(g)): x in xs) for _ in (0,)):
            raise ElabError(f"Tactic `{what}` failed: expected type must not contain free variables\n  {tc.pp(p)}\n"
                            "Use the `+revert` option to automatically cleanup and revert free variables.", span)
        dec_t = E.mk_app(E.mk_const(Name.of("Decidable")), p)
        inst = synth_instance(meta, dec_t, tc.te.table)
        if inst is None:
            raise ElabError(f"failed to synthesize\n  Decidable {tc.pp(p)}\n\nAdditional diagnostic information may "
                            "be available using the `set_option diagnostics true` command.", span)
        inst = meta.instantiate_mvars(inst)
        dec = E.mk_app_n(E.mk_const(Name.of("Decidable.decide")), [p, inst])
        true_c = E.mk_const(Name.of("Bool.true"))
        r = _kernel_whnf(tc, dec)
        if r is not true_c:
            if r is E.mk_const(Name.of("Bool.false")):
                raise ElabError(f"Tactic `{what}` proved that the proposition\n  {tc.pp(p)}\nis false", span)
            raise ElabError(f"Tactic `{what}` failed for proposition\n  {tc.pp(p)}\nsince its 'Decidable' instance "
                            f"did not reduce to 'isTrue' or 'isFalse'.", span)
        bool_t = E.mk_const(Name.of("Bool"))
        refl = E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [E.mk_sort(E.PROP.level).level if False else _one()]),
                          [bool_t, true_c])
        pf = E.mk_app_n(E.mk_const(Name.of("of_decide_eq_true")), [p, inst, refl])
    meta.assign(g, pf)
    tc.replace_main_goal([])


def _one():  # type: ignore[no-untyped-def]
    from ..kernel import level as L

    return L.ONE


def _kernel_whnf(tc: TacticContext, e: Expr) -> Expr:
    """Evaluate with the kernel's own reduction (default transparency is not enough for instances
    defined by well-founded recursion; the kernel unfolds everything)."""
    from ..elab.config import ALL

    meta = tc.meta
    with meta.with_transparency(ALL):
        return meta.whnf(e)


@tactic("decide")
def _decide(tc: TacticContext, stx: A.Tactic) -> None:
    decide_goal(tc, tc.main_goal(stx.span), stx.span)


@tactic("native_decide")
def _native_decide(tc: TacticContext, stx: A.Tactic) -> None:
    raise ElabError("the tactic 'native_decide' is not supported yet", stx.span)


@tactic("omega")
def _omega(tc: TacticContext, stx: A.Tactic) -> None:
    raise ElabError("the tactic 'omega' is not supported yet", stx.span)
