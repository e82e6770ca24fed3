"""Constructors are injective and distinct: `injection`, and the `False` that `contradiction` draws from an
equation between different constructors.

Both are proved without `noConfusion`, by congruence with a function defined by the recursor (so the kernel
checks them by iota reduction): for `h : c as = c bs`, `congrArg (fun x => T.rec … (field i of c) … x) h`
has the type `aᵢ = bᵢ`; for `h : c as = d bs` with `c ≠ d`, transporting `True.intro` along `h` through the
predicate `fun x => T.rec … (True for c, False otherwise) … x` gives `False`. Types whose recursor only
eliminates into `Prop` are left to other means.
"""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import ConstructorInfo, InductiveInfo
from ..kernel.expr import Expr, FVar, MVar
from ..kernel.name import Name
from ..syntax import ast as A
from ..elab.errors import ElabError
from ..elab.injectivity import case_function
from ..elab.match import constructor_view
from ..elab.term import hygienic
from .core import TacticContext, is_const_app, throw_tactic
from .registry import tactic


def ctor_view(tc: TacticContext, e: Expr) -> tuple[ConstructorInfo, list[Expr], list[Expr]] | None:
    """`e` (after whnf) as a constructor application: (constructor, parameters, fields)."""
    return constructor_view(tc.meta, tc.env, e)


def _eq_sides(tc: TacticContext, h: Expr) -> tuple[Expr, Expr, Expr, list[Any]] | None:
    meta = tc.meta
    t = meta.whnf(meta.instantiate_mvars(meta.infer_type(h)))
    if not is_const_app(t, "Eq", 3):
        return None
    alpha, a, b = E.get_app_args(t)
    return alpha, a, b, list(E.get_app_fn(t).levels)  # type: ignore[attr-defined]


def mismatch_false(tc: TacticContext, g: MVar, h: Expr, depth: int = 0) -> Expr | None:
    """A proof of `False` from `h : c … = d …` with different constructors `c`, `d`, or None."""
    meta = tc.meta
    with tc.goal_context(g):
        sides = _eq_sides(tc, h)
        if sides is None:
            return None
        alpha, a, b, lv = sides
        la, lb = meta.whnf(a), meta.whnf(b)
        if la.kind == E.NATLIT and lb.kind == E.NATLIT and la is not lb and depth == 0:
            # different literals: `congrArg (fun x => Nat.beq x a) h : true = false`
            nat = E.mk_const(Name.of("Nat"))
            beq = E.mk_lam(Name.of("x"), nat, E.mk_app_n(E.mk_const(Name.of("Nat.beq")), [E.mk_bvar(0), a]))
            h2 = E.mk_app_n(E.mk_const(Name.of("congrArg"), [L.ONE, L.ONE]),
                            [nat, E.mk_const(Name.of("Bool")), a, b, beq, h])
            return mismatch_false(tc, g, h2, depth + 1)
        va, vb = ctor_view(tc, a), ctor_view(tc, b)
        if va is None or vb is None or va[0].name is vb[0].name:
            return None
        ind = tc.env.find(va[0].induct)
        if not isinstance(ind, InductiveInfo):
            return None
        w = meta.whnf(alpha)
        ilv = list(E.get_app_fn(w).levels)  # type: ignore[attr-defined]
        true_c, false_c = E.mk_const(Name.of("True")), E.mk_const(Name.of("False"))
        f = case_function(tc.env, ind, ilv, va[1], E.PROP, L.ONE,
                           lambda c, _fs: true_c if c.name is va[0].name else false_c)
        if f is None:
            return None
        motive = E.mk_lam(Name.of("x"), alpha, E.mk_lam(Name.of("h"), E.mk_app_n(
            E.mk_const(Name.of("Eq"), lv), [alpha, a, E.mk_bvar(0)]), E.mk_app(E.lift_loose_bvars(f, 2), E.mk_bvar(1))))
        return E.mk_app_n(E.mk_const(Name.of("Eq.rec"), [L.ZERO] + lv),
                          [alpha, a, motive, E.mk_const(Name.of("True.intro")), b, h])


def field_equations(tc: TacticContext, g: MVar, h: Expr, span: Any) -> list[tuple[Expr, Expr]]:
    """For `h : c as = c bs`: (type `aᵢ = bᵢ`, proof) for each non-dependent field that differs."""
    meta = tc.meta
    out: list[tuple[Expr, Expr]] = []
    with tc.goal_context(g):
        sides = _eq_sides(tc, h)
        if sides is None:
            throw_tactic(tc, "injection", "equality expected", g, span)
        alpha, a, b, lv = sides  # type: ignore[misc]
        va, vb = ctor_view(tc, a), ctor_view(tc, b)
        if va is None or vb is None:
            throw_tactic(tc, "injection", "equality of constructor applications expected", g, span)
        if va[0].name is not vb[0].name:  # type: ignore[index]
            return []
        ind = tc.env.find(va[0].induct)  # type: ignore[index]
        w = meta.whnf(alpha)
        ilv = list(E.get_app_fn(w).levels)  # type: ignore[attr-defined]
        for i, (x, y) in enumerate(zip(va[2], vb[2])):  # type: ignore[index]
            if x is y or meta.is_def_eq(x, y):
                continue
            ft = meta.instantiate_mvars(meta.infer_type(x))
            if ft.flags & E.HAS_FVAR and any(fv in va[2] for fv in ()):  # dependent fields are skipped below
                continue
            u = meta.instantiate_level_mvars(tc.te.ensure_type(ft, span))
            f = case_function(tc.env, ind, ilv, va[1], ft, u,  # type: ignore[arg-type]
                               lambda c, fs, i=i, x=x: fs[i] if c.name is va[0].name else x)  # type: ignore[index]
            if f is None:
                raise ElabError("'injection' on this type is not supported yet", span)
            pf = E.mk_app_n(E.mk_const(Name.of("congrArg"), lv + [u]), [alpha, ft, a, b, f, h])
            eq_t = E.mk_app_n(E.mk_const(Name.of("Eq"), [u]), [ft, x, y])
            out.append((eq_t, pf))
    return out


@tactic("injection")
def _injection(tc: TacticContext, stx: A.Tactic) -> None:
    args = list(stx.args)
    names: list[Any] = []
    if any(isinstance(a, A.TacKeyword) and a.text == "with" for a in args):
        k = next(i for i, a in enumerate(args) if isinstance(a, A.TacKeyword) and a.text == "with")
        names, args = args[k + 1:], args[:k]
    if len(args) != 1:
        raise ElabError("'injection' expects one hypothesis", stx.span)
    g = tc.main_goal(stx.span)
    h, _ = tc.elab_term(g, args[0], None)
    false_pf = mismatch_false(tc, g, h)
    meta = tc.meta
    if false_pf is not None:
        with tc.goal_context(g):
            t = tc.target(g)
            u = meta.instantiate_level_mvars(tc.te.ensure_type(t, stx.span))
            meta.assign(g, E.mk_app_n(E.mk_const(Name.of("False.elim"), [u]), [t, false_pf]))
        tc.replace_main_goal([])
        return
    eqs = field_equations(tc, g, h, stx.span)
    lctx = list(tc.lctx(g))
    xs: list[FVar] = []
    for i, (t, _) in enumerate(eqs):
        n = names[i] if i < len(names) else None
        name = Name.of(n.name) if isinstance(n, A.Ident) else hygienic("h")
        x = meta.mk_local(name, t)
        xs.append(x)
    ng = tc.new_goal(tc.target(g), tuple(lctx) + tuple(xs), tc.tag(g))
    with tc.goal_context(g):
        lam = meta.mk_lambda_fvars(xs, ng)
    meta.assign(g, E.mk_app_n(lam, [pf for _, pf in eqs]))
    tc.replace_main_goal([ng])
