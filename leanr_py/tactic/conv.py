"""Conversion mode: `conv => …`, `conv at h => …`, `conv in pat => …`.

As in Lean, a conversion goal is a goal `e = ?r` whose right-hand side `?r` is still to be found; the
conversion tactics (`lhs`, `rhs`, `arg i`, `enter [i, …]`, `congr`, `rw`, `simp`, `change`, `unfold`, `rfl`,
`skip`, `done`, and the ordinary combinators) refine it, and goals left at the end are closed by `rfl`.
The proof of `T = T'` then turns the goal `T` into `T'`. Conversion goals are shown as `e = ?r`.
"""
from __future__ import annotations

from typing import Any, Callable

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.expr import PI, Expr, MVar
from ..kernel.name import Name
from ..syntax import ast as A
from ..elab.errors import ElabError
from .core import TacticContext, is_const_app
from .registry import tactic

ConvFn = Callable[[TacticContext, A.Tactic], None]
CONV_TACTICS: dict[str, ConvFn] = {}


def conv_tactic(*names: str) -> Callable[[ConvFn], ConvFn]:
    def register(fn: ConvFn) -> ConvFn:
        for n in names:
            CONV_TACTICS[n] = fn
        return fn
    return register


# ====================================================================== conversion goals
def _eq_type(tc: TacticContext, lhs: Expr, rhs: Expr) -> Expr:
    meta = tc.meta
    alpha = meta.instantiate_mvars(meta.infer_type(lhs))
    u = meta.instantiate_level_mvars(tc.te.ensure_type(alpha, None))
    return E.mk_app_n(E.mk_const(Name.of("Eq"), [u]), [alpha, lhs, rhs])


def new_conv_goal(tc: TacticContext, lctx: Any, lhs: Expr) -> tuple[MVar, MVar]:
    """A conversion goal `lhs = ?r`: (the goal, `?r`)."""
    meta = tc.meta
    alpha = meta.instantiate_mvars(meta.infer_type(lhs))
    r = meta.mctx.mk_expr_mvar(alpha, tuple(lctx), "natural")
    g = tc.new_goal(_eq_type(tc, lhs, r), lctx, None)
    return g, r


def conv_sides(tc: TacticContext, g: MVar) -> tuple[Expr, Expr]:
    t = tc.target(g)
    if not is_const_app(t, "Eq", 3):
        raise ElabError("not a conversion goal", None)
    _, lhs, rhs = E.get_app_args(t)
    return lhs, rhs


def _refl(tc: TacticContext, e: Expr) -> Expr:
    meta = tc.meta
    alpha = meta.instantiate_mvars(meta.infer_type(e))
    u = meta.instantiate_level_mvars(tc.te.ensure_type(alpha, None))
    return E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [u]), [alpha, e])


def _trans(tc: TacticContext, a: Expr, b: Expr, c: Expr, p: Expr, q: Expr) -> Expr:
    meta = tc.meta
    alpha = meta.instantiate_mvars(meta.infer_type(a))
    u = meta.instantiate_level_mvars(tc.te.ensure_type(alpha, None))
    return E.mk_app_n(E.mk_const(Name.of("Eq.trans"), [u]), [alpha, a, b, c, p, q])


def close_by_rfl(tc: TacticContext, g: MVar) -> None:
    meta = tc.meta
    lhs, rhs = conv_sides(tc, g)
    with tc.goal_context(g):
        if not meta.is_def_eq(rhs, lhs):
            raise ElabError("conversion goal could not be closed by 'rfl'", None)
        meta.assign(g, _refl(tc, lhs))


def step(tc: TacticContext, g: MVar, new_lhs: Expr, proof: Expr | None) -> MVar:
    """Replace the conversion goal `g : e = ?r` by `g' : new_lhs = ?r'` (with `proof : e = new_lhs`, or
    None when they are def-eq); `?r := ?r'`."""
    meta = tc.meta
    lhs, rhs = conv_sides(tc, g)
    with tc.goal_context(g):
        ng, r2 = new_conv_goal(tc, tc.lctx(g), new_lhs)
        if not meta.is_def_eq(rhs, r2):
            raise ElabError("internal: conversion goal's right-hand side is already fixed", None)
        meta.assign(g, ng if proof is None else _trans(tc, lhs, new_lhs, r2, proof, ng))
    return ng


def run_conv(tc: TacticContext, g: MVar, lhs: Expr, seq: A.TacticSeq, span: Any) -> tuple[Expr, Expr]:
    """Run the conversion tactics `seq` from `lhs`: (the result `lhs'`, a proof of `lhs = lhs'`)."""
    meta = tc.meta
    with tc.goal_context(g):
        cg, r = new_conv_goal(tc, tc.lctx(g), lhs)
    outer = tc.goals()
    saved_mode = tc.__dict__.get("conv_mode", False)
    tc.__dict__["conv_mode"] = True
    try:
        tc.set_goals([cg])
        tc.run_seq(seq)
        for left in tc.goals():
            close_by_rfl(tc, left)
    finally:
        tc.__dict__["conv_mode"] = saved_mode
        tc.set_goals(outer)
    return meta.instantiate_mvars(r), meta.instantiate_mvars(cg)


# ====================================================================== `conv` in tactic mode
@tactic("conv")
def _conv(tc: TacticContext, stx: A.Tactic) -> None:
    from .cases import kabstract
    from .rewrite import hyp_named, replace_hyp
    from .simp import _mp, _mpr

    seq = next((a for a in stx.args if isinstance(a, A.TacticSeq)), None)
    if seq is None:
        raise ElabError("'conv' expects '=> tactics'", stx.span)
    kws = [a.text for a in stx.args if isinstance(a, A.TacKeyword)]
    g = tc.main_goal(stx.span)
    meta = tc.meta
    if "at" in kws:
        k = next(i for i, a in enumerate(stx.args) if isinstance(a, A.TacKeyword) and a.text == "at")
        h = hyp_named(tc, g, stx.args[k + 1])
        with tc.goal_context(g):
            t = meta.instantiate_mvars(h.type)
        t2, p = run_conv(tc, g, t, seq, stx.span)
        with tc.goal_context(g):
            proof = _mp(tc, t, t2, p, h)
        tc.replace_main_goal([replace_hyp(tc, g, h, t2, proof)])
        return
    target = tc.target(g)
    if "in" in kws:
        k = next(i for i, a in enumerate(stx.args) if isinstance(a, A.TacKeyword) and a.text == "in")
        pat, _ = tc.elab_term(g, stx.args[k + 1], None, allow_natural=True)
        with tc.goal_context(g):
            abstracted = kabstract(tc, target, pat)
        if not abstracted.lbr:
            raise ElabError(f"'pattern' conv tactic failed, pattern was not found\n  {tc.pp(pat)}", stx.span)
        sub = meta.instantiate_mvars(pat)
        sub2, p = run_conv(tc, g, sub, seq, stx.span)
        with tc.goal_context(g):
            t2 = E.instantiate1(abstracted, sub2)
            alpha = meta.instantiate_mvars(meta.infer_type(sub))
            u = meta.instantiate_level_mvars(tc.te.ensure_type(alpha, None))
            f = E.mk_lam(Name.of("x"), alpha, abstracted)
            whole = E.mk_app_n(E.mk_const(Name.of("congrArg"), [u, L.ONE]), [alpha, E.PROP, sub, sub2, f, p])
    else:
        t2, whole = run_conv(tc, g, target, seq, stx.span)
    ng = tc.new_goal(meta.instantiate_mvars(t2), tc.lctx(g), tc.tag(g))
    with tc.goal_context(g):
        meta.assign(g, _mpr(tc, target, t2, whole, ng))
    tc.replace_main_goal([ng])
    from .basic import rfl_goal
    from ..elab.config import REDUCIBLE

    def try_rfl() -> None:  # as Lean's `conv`, try `rfl` on the result
        with meta.with_transparency(REDUCIBLE):
            rfl_goal(tc, ng, stx.span)
    if is_const_app(tc.target(ng), "Eq", 3):
        tc.try_run(try_rfl)


# ====================================================================== navigation
def _explicit_args(tc: TacticContext, g: MVar, e: Expr) -> tuple[Expr, list[Expr], list[int]]:
    """`f args` and the positions of its explicit, non-dependent arguments."""
    meta = tc.meta
    f, args = E.get_app_fn_args(e)
    with tc.goal_context(g):
        ft = meta.infer_type(f)
        pos = []
        for i, a in enumerate(args):
            if ft.kind != PI:
                ft = meta.whnf(ft)
            if ft.kind != PI:
                break
            if ft.bi == E.DEFAULT and not ft.body.lbr:  # type: ignore[attr-defined]
                pos.append(i)
            ft = E.instantiate1(ft.body, a)  # type: ignore[attr-defined]
    return f, args, pos


def congr_goals(tc: TacticContext, g: MVar, which: list[int] | None, span: Any) -> list[MVar]:
    """Split `g : f a₁ … aₙ = ?r` into goals `aᵢ = ?rᵢ` for the explicit arguments (all, or the positions
    `which` among them), the others kept."""
    meta = tc.meta
    lhs, rhs = conv_sides(tc, g)
    lhs = meta.instantiate_mvars(lhs)
    f, args, pos = _explicit_args(tc, g, lhs)
    if not pos:
        raise ElabError("cannot select an argument: the term is not an application with explicit arguments", span)
    chosen = pos if which is None else [pos[i] for i in which]
    new_args = list(args)
    goals: list[MVar] = []
    proofs: dict[int, Expr] = {}
    with tc.goal_context(g):
        for i in chosen:
            cg, r = new_conv_goal(tc, tc.lctx(g), args[i])
            goals.append(cg)
            new_args[i] = r
            proofs[i] = cg
        result = E.mk_app_n(f, new_args)
        if not meta.is_def_eq(rhs, result):
            raise ElabError("internal: conversion goal's right-hand side is already fixed", span)
        alpha = meta.instantiate_mvars(meta.infer_type(lhs))
        beta_u = meta.instantiate_level_mvars(tc.te.ensure_type(alpha, None))
        proof: Expr | None = None
        cur = list(args)
        for i in chosen:
            before = E.mk_app_n(f, cur)
            nxt = list(cur)
            nxt[i] = new_args[i]
            ft = meta.instantiate_mvars(meta.infer_type(args[i]))
            u = meta.instantiate_level_mvars(tc.te.ensure_type(ft, None))
            body = E.mk_app_n(f, [E.lift_loose_bvars(a, 1) if k != i else E.mk_bvar(0) for k, a in enumerate(cur)])
            lam = E.mk_lam(Name.of("x"), ft, body)
            st = E.mk_app_n(E.mk_const(Name.of("congrArg"), [u, beta_u]), [ft, alpha, args[i], new_args[i], lam, proofs[i]])
            proof = st if proof is None else E.mk_app_n(E.mk_const(Name.of("Eq.trans"), [beta_u]),
                                                         [alpha, lhs, before, E.mk_app_n(f, nxt), proof, st])
            cur = nxt
        meta.assign(g, proof if proof is not None else _refl(tc, lhs))
    return goals


def _replace_main(tc: TacticContext, goals: list[MVar]) -> None:
    tc.replace_main_goal(goals)


@conv_tactic("congr")
def _c_congr(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    _replace_main(tc, congr_goals(tc, g, None, stx.span))


@conv_tactic("lhs", "rhs")
def _c_side(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    lhs, _ = conv_sides(tc, g)
    _, _, pos = _explicit_args(tc, g, tc.meta.instantiate_mvars(lhs))
    if len(pos) < 2:
        raise ElabError(f"'{stx.name}' needs a binary application", stx.span)
    k = len(pos) - 2 if stx.name == "lhs" else len(pos) - 1
    _replace_main(tc, congr_goals(tc, g, [k], stx.span))


@conv_tactic("arg")
def _c_arg(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    n = next((a for a in stx.args if isinstance(a, A.NumLit)), None)
    if n is None:
        raise ElabError("'arg' expects an argument position", stx.span)
    _select(tc, g, n.value, stx.span)


def _select(tc: TacticContext, g: MVar, i: int, span: Any) -> None:
    lhs, _ = conv_sides(tc, g)
    _, _, pos = _explicit_args(tc, g, tc.meta.instantiate_mvars(lhs))
    if not 1 <= i <= len(pos):
        raise ElabError(f"invalid 'arg' conv tactic, application has only {len(pos)} (nondependent) explicit "
                        "argument(s)", span)
    _replace_main(tc, congr_goals(tc, g, [i - 1], span))


@conv_tactic("enter")
def _c_enter(tc: TacticContext, stx: A.Tactic) -> None:
    lst = next((a for a in stx.args if isinstance(a, A.TacList)), None)
    if lst is None:
        raise ElabError("'enter' expects a list of argument positions", stx.span)
    for r in lst.rules:
        if not isinstance(r.term, A.NumLit):
            raise ElabError("'enter' with binder names is not supported yet", r.span)
        _select(tc, tc.main_goal(stx.span), r.term.value, r.span)


@conv_tactic("intro")
def _c_intro(tc: TacticContext, stx: A.Tactic) -> None:
    """`intro x` in conversion mode: enter the binder of `fun x => b`, continuing with `b = ?r'` (the
    result is `fun x => ?r'`, proved by `funext`)."""
    from ..elab.term import hygienic

    names = [a for a in stx.args if isinstance(a, (A.Ident, A.Hole))]
    if len(names) > 1 or len(names) != len(stx.args):
        raise ElabError("'intro' with these arguments is not supported yet in conversion mode", stx.span)
    meta = tc.meta
    g = tc.main_goal(stx.span)
    lhs, rhs = conv_sides(tc, g)
    with tc.goal_context(g):
        lam = meta.instantiate_mvars(lhs)
        if lam.kind != E.LAM:
            lam = meta.whnf_core(lam)
        if lam.kind != E.LAM or tc.env.find(Name.of("funext")) is None:
            raise ElabError("conversion 'intro' expects a function (`fun x => …`)", stx.span)
        name = Name.of(names[0].name) if names and isinstance(names[0], A.Ident) else hygienic("x")
        x = meta.mk_local(name, lam.type, lam.bi)  # type: ignore[attr-defined]
        body = E.instantiate1(lam.body, x)  # type: ignore[attr-defined]
    lctx = tc.lctx(g) + (x,)
    cg, rb = new_conv_goal(tc, lctx, body)
    with tc.goal_context(g):
        saved = meta.lctx
        meta.lctx = list(lctx)
        try:
            result = meta.mk_lambda_fvars([x], rb)
            beta = meta.mk_lambda_fvars([x], meta.instantiate_mvars(meta.infer_type(body)))
            h = meta.mk_lambda_fvars([x], cg)
            v = meta.instantiate_level_mvars(tc.te.ensure_type(meta.infer_type(body), stx.span))
        finally:
            meta.lctx = saved
        if not meta.is_def_eq(rhs, result):
            raise ElabError("internal: conversion goal's right-hand side is already fixed", stx.span)
        u = meta.instantiate_level_mvars(tc.te.ensure_type(lam.type, stx.span))  # type: ignore[attr-defined]
        meta.assign(g, E.mk_app_n(E.mk_const(Name.of("funext"), [u, v]), [lam.type, beta, lam, result, h]))  # type: ignore[attr-defined]
    tc.replace_main_goal([cg])


@conv_tactic("pattern")
def _c_pattern(tc: TacticContext, stx: A.Tactic) -> None:
    """`pattern p`: focus on the instance of `p` in the term (`e[p] = ?r` becomes `p = ?r'` with
    `?r := e[?r']`, by `congrArg`)."""
    from .cases import kabstract

    if len(stx.args) != 1 or not isinstance(stx.args[0], A.Term):
        raise ElabError("'pattern' with these arguments is not supported yet", stx.span)
    meta = tc.meta
    g = tc.main_goal(stx.span)
    lhs, rhs = conv_sides(tc, g)
    p, _ = tc.elab_term(g, stx.args[0], None, allow_natural=True)
    with tc.goal_context(g):
        lhs = meta.instantiate_mvars(lhs)
        abstracted = kabstract(tc, lhs, p)
        if abstracted.lbr == 0:
            raise ElabError("'pattern' conv tactic failed, pattern was not found", stx.span)
        probe = meta.mk_local(Name.of("x"), meta.instantiate_mvars(meta.infer_type(p)))
        if _count_occurrences(E.instantiate1(abstracted, probe), probe) > 1:
            raise ElabError("'pattern' with several instances of the pattern is not supported yet", stx.span)
        p = meta.instantiate_mvars(p)
        alpha = meta.instantiate_mvars(meta.infer_type(p))
        cg, rp = new_conv_goal(tc, tc.lctx(g), p)
        result = E.instantiate1(abstracted, rp)
        if not meta.is_def_eq(rhs, result):
            raise ElabError("internal: conversion goal's right-hand side is already fixed", stx.span)
        beta = meta.instantiate_mvars(meta.infer_type(lhs))
        u = meta.instantiate_level_mvars(tc.te.ensure_type(alpha, stx.span))
        v = meta.instantiate_level_mvars(tc.te.ensure_type(beta, stx.span))
        motive = E.mk_lam(Name.of("x"), alpha, abstracted)
        meta.assign(g, E.mk_app_n(E.mk_const(Name.of("congrArg"), [u, v]), [alpha, beta, p, rp, motive, cg]))
    tc.replace_main_goal([cg])


def _count_occurrences(e: Expr, x: Expr) -> int:
    count = 0
    stack = [e]
    while stack:
        y = stack.pop()
        if y is x:
            count += 1
        elif y.kind == E.APP:
            stack.extend((y.fn, y.arg))  # type: ignore[attr-defined]
        elif y.kind in (E.LAM, PI):
            stack.extend((y.type, y.body))  # type: ignore[attr-defined]
        elif y.kind == E.LET:
            stack.extend((y.type, y.value, y.body))  # type: ignore[attr-defined]
        elif y.kind == E.PROJ:
            stack.append(y.struct)  # type: ignore[attr-defined]
    return count


# ====================================================================== conversions
@conv_tactic("rfl")
def _c_rfl(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    close_by_rfl(tc, g)
    tc.replace_main_goal([])


@conv_tactic("skip")
def _c_skip(tc: TacticContext, stx: A.Tactic) -> None:
    pass


@conv_tactic("done")
def _c_done(tc: TacticContext, stx: A.Tactic) -> None:
    if tc.goals():
        raise ElabError("unsolved goals\n" + "\n\n".join(tc.pp_goal(g) for g in tc.goals()), stx.span)


@conv_tactic("rw", "rewrite")
def _c_rw(tc: TacticContext, stx: A.Tactic) -> None:
    from .cases import kabstract
    from .rewrite import _rules_and_locs, _symm_eq, as_equation

    rules, locs = _rules_and_locs(tc, stx)
    if locs is not None:
        raise ElabError("'rw … at' is not available in conversion mode", stx.span)
    meta = tc.meta
    for rule in rules:
        g = tc.main_goal(rule.span)
        lhs, _ = conv_sides(tc, g)
        lhs = meta.instantiate_mvars(lhs)
        pf, _ = tc.elab_term(g, rule.term, None, allow_natural=True)  # type: ignore[arg-type]
        with tc.goal_context(g):
            heq, l, r, _ = as_equation(tc, pf, rule.span, "rewrite")
            if rule.prefix == "←":
                heq, l, r = _symm_eq(tc, heq, l, r), r, l
            abstracted = kabstract(tc, lhs, meta.instantiate_mvars(l))
            if not abstracted.lbr:
                raise ElabError(f"Tactic `rewrite` failed: Did not find an instance of the pattern in the target "
                                f"expression\n  {tc.pp(l)}", rule.span)
            l, r, heq = meta.instantiate_mvars(l), meta.instantiate_mvars(r), meta.instantiate_mvars(heq)
            new = meta.instantiate_mvars(E.instantiate1(abstracted, r))
            alpha = meta.instantiate_mvars(meta.infer_type(l))
            u = meta.instantiate_level_mvars(tc.te.ensure_type(alpha, None))
            beta = meta.instantiate_mvars(meta.infer_type(lhs))
            v = meta.instantiate_level_mvars(tc.te.ensure_type(beta, None))
            f = E.mk_lam(Name.of("x"), alpha, abstracted)
            proof = E.mk_app_n(E.mk_const(Name.of("congrArg"), [u, v]), [alpha, beta, l, r, f, heq])
        tc.replace_main_goal([step(tc, g, new, proof)])


@conv_tactic("simp", "simp_all", "dsimp", "simp_arith")
def _c_simp(tc: TacticContext, stx: A.Tactic) -> None:
    from .simp import Simp, _collect

    g = tc.main_goal(stx.span)
    rules, locs, _, unfold = _collect(tc, stx, g)
    if not any(isinstance(a, A.TacKeyword) and a.text == "only" for a in stx.args):
        tc.te.__dict__["simp_incomplete"] = True   # Lean's larger simp set might have gone further
    lhs, _ = conv_sides(tc, g)
    with tc.goal_context(g):
        start = tc.meta.instantiate_mvars(lhs)
        if unfold:
            from .rewrite import unfold_const
            start = unfold_const(tc, start, unfold)   # definitional: no proof step
        new, p = Simp(tc, g, rules, stx.span).visit(start)
    if start is not lhs:
        g = step(tc, g, start, None)
    tc.replace_main_goal([step(tc, g, tc.meta.instantiate_mvars(new), None if p is None else tc.meta.instantiate_mvars(p))])


@conv_tactic("change")
def _c_change(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    lhs, _ = conv_sides(tc, g)
    v, _ = tc.elab_term(g, stx.args[0], None, allow_natural=True)  # type: ignore[arg-type]
    with tc.goal_context(g):
        if not tc.meta.is_def_eq(v, lhs):
            raise ElabError(f"type mismatch\n  {tc.pp(v)}\nis not definitionally equal to\n  {tc.pp(lhs)}", stx.span)
    tc.replace_main_goal([step(tc, g, tc.meta.instantiate_mvars(v), None)])


@conv_tactic("unfold", "delta")
def _c_unfold(tc: TacticContext, stx: A.Tactic) -> None:
    from .rewrite import unfold_const

    g = tc.main_goal(stx.span)
    names = set()
    for a in stx.args:
        if isinstance(a, A.Ident):
            c = tc.te.resolve_global(Name.of(a.name), a.span)
            if c is None:
                raise ElabError(f"unknown constant '{a.name}'", a.span)
            names.add(c)
    if stx.name == "unfold":   # as Lean's `unfold`: by `f.eq_def` where delta would expose `WellFounded.fix`
        from ..elab.recursion import equation_lemmas
        from .rewrite import lemma_ident

        for n in sorted((n for n in names if n in tc.meta.irreducible), key=str):
            eq_def = [e for e in equation_lemmas(tc.env, n) if str(e.last) == "eq_def"]
            if not eq_def:
                raise ElabError(f"unfold of '{n}', defined by well-founded recursion whose equations are not "
                                "generated, is not supported yet", stx.span)
            rule = A.TacRule(stx.span, None, lemma_ident(stx.span, eq_def[0]))
            _c_rw(tc, A.Tactic(stx.span, "rw", (A.TacList(stx.span, (rule,)),)))
            names.discard(n)
        if not names:
            return
        g = tc.main_goal(stx.span)
    lhs, _ = conv_sides(tc, g)
    with tc.goal_context(g):
        new = unfold_const(tc, tc.meta.instantiate_mvars(lhs), names)
    tc.replace_main_goal([step(tc, g, new, None)])


def conv_lookup(name: str) -> ConvFn | None:
    return CONV_TACTICS.get(name)
