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
from ..elab import messages
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
            raise ElabError(messages.failed_to_synthesize(tc.pp, dec_t), span)
        inst = meta.instantiate_mvars(inst)
        dec = E.mk_app_n(E.mk_const(Name.of("Decidable.decide")), [p, inst])
        true_c = E.mk_const(Name.of("Bool.true"))
        wf = E.find(p, lambda x: x.kind == E.CONST and x.name in meta.irreducible)  # type: ignore[attr-defined]
        if wf is not None:   # Lean's `decide` does not unfold them (definitions by well-founded recursion)
            raise ElabError(f"Tactic `{what}` on a proposition that mentions the irreducible definition "
                            f"'{wf.name}' is not supported yet", span)  # type: ignore[attr-defined]
        r = _kernel_whnf(tc, dec)
        if r is not true_c:
            if r is E.mk_const(Name.of("Bool.false")):
                raise ElabError(f"Tactic `{what}` proved that the proposition\n  {tc.pp(p)}\nis false", span)
            raise ElabError(f"Tactic `{what}` failed for proposition\n  {tc.pp(p)}\nsince its 'Decidable' instance "
                            f"did not reduce to 'isTrue' or 'isFalse'.", span)
        bool_t = E.mk_const(Name.of("Bool"))
        refl = E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [_one()]), [bool_t, true_c])
        pf = E.mk_app_n(E.mk_const(Name.of("of_decide_eq_true")), [p, inst, refl])
    meta.assign(g, pf)
    tc.replace_main_goal([])


def _one() -> Any:
    """The universe of `Bool`'s equality: `Eq.{1}`."""
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
    """Lean's `native_decide`: an auxiliary definition `aux : Bool := decide p`, evaluated by eval-lite, and the
    proof `of_decide_eq_true (Lean.ofReduceBool aux true (Eq.refl true))`; the kernel checks
    `Lean.reduceBool aux ≡ true` with the same evaluator when the declaration is added."""
    from ..kernel.declaration import DefinitionDecl, Hints, HINT_REGULAR

    g = tc.main_goal(stx.span)
    meta = tc.meta
    env = tc.env
    for n in ("Lean.ofReduceBool", "Lean.reduceBool", "of_decide_eq_true", "Decidable.decide"):
        if env.find(Name.of(n)) is None:
            raise ElabError(f"'native_decide' is not supported yet: the prelude lacks '{n}'", stx.span)
    if getattr(env, "native_evaluator", None) is None:
        raise ElabError("'native_decide' is not supported yet: no evaluator is installed for this environment",
                        stx.span)
    p = tc.target(g)
    if meta.mctx.collect_mvars(p) or (p.flags & E.HAS_FVAR):
        raise ElabError(f"Tactic `native_decide` failed: expected type must not contain free variables or "
                        f"metavariables\n  {tc.pp(p)}", stx.span)
    with tc.goal_context(g):
        inst = synth_instance(meta, E.mk_app(E.mk_const(Name.of("Decidable")), p), tc.te.table)
        if inst is None:
            raise ElabError(messages.failed_to_synthesize(tc.pp, E.mk_app(E.mk_const(Name.of("Decidable")), p)),
                            stx.span)
        inst = meta.instantiate_mvars(inst)
    if meta.mctx.collect_mvars(inst) or E.find(p, lambda x: x.kind == E.CONST and any(
            not _closed_level(l) for l in x.levels)) is not None:  # type: ignore[attr-defined]
        raise ElabError("'native_decide' on a universe-polymorphic proposition is not supported yet", stx.span)
    dec = E.mk_app_n(E.mk_const(Name.of("Decidable.decide")), [p, inst])
    bool_t = E.mk_const(Name.of("Bool"))
    aux = _aux_name(tc)
    from ..kernel.errors import KernelError
    try:
        env.add(DefinitionDecl(aux, (), bool_t, dec, Hints(HINT_REGULAR, 1)))
    except KernelError as exc:
        raise ElabError(f"(kernel) {exc.message}", stx.span) from None
    from ..eval.native import evaluate_constant
    try:
        value = evaluate_constant(env, aux, meta.gas)
    except Exception as exc:  # noqa: BLE001 - evaluation errors are reported, never raised through
        del env.constants[aux]
        raise ElabError(f"Tactic `native_decide` failed: could not evaluate the proposition\n  {tc.pp(p)}\n"
                        f"{getattr(exc, 'message', exc)}", stx.span) from None
    if value is not True:
        del env.constants[aux]
        raise ElabError(f"Tactic `native_decide` evaluated that the proposition\n  {tc.pp(p)}\nis false", stx.span)
    true_c = E.mk_const(Name.of("Bool.true"))
    refl = E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [_one()]), [bool_t, true_c])
    h = E.mk_app_n(E.mk_const(Name.of("Lean.ofReduceBool")), [E.mk_const(aux), true_c, refl])
    meta.assign(g, E.mk_app_n(E.mk_const(Name.of("of_decide_eq_true")), [p, inst, h]))
    tc.replace_main_goal([])


def _closed_level(l: Any) -> bool:
    return not (getattr(l, "has_param", False) or getattr(l, "has_mvar", False))


def _aux_name(tc: TacticContext) -> Name:
    """`<declaration or namespace>._nativeDecide_<n>`, fresh in the environment."""
    base = tc.te.__dict__.get("decl_name") or tc.te.namespace
    k = 1
    while True:
        n = base.append(f"_nativeDecide_{k}") if not base.is_anonymous() else Name.of(f"_nativeDecide_{k}")
        if tc.env.find(n) is None:
            return n
        k += 1


@tactic("omega")
def _omega(tc: TacticContext, stx: A.Tactic) -> None:
    """Linear arithmetic over `Nat` with a kernel-checked proof (see `leanr_py.tactic.omega`)."""
    from .omega import omega_goal

    omega_goal(tc, stx.span)
