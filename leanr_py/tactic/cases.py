"""Case analysis and induction: `cases`, `induction` (with `with | ctor x y => …` alternatives and
`generalizing`), `rcases`/`obtain`/`rintro` (patterns `⟨a, b⟩`, `a | b`, `_`, `-`, `rfl`), `subst`,
`generalize`, and the local-context surgery they share (`rename_locals`, `revert`).

Both `cases` and `induction` apply the kernel's recursor `T.rec` with the motive
`fun idx x => ∀ reverted, target`: the locals that depend on the major premise (and `generalizing` ones)
are reverted into the motive and re-introduced in every case, as Lean does. Indices must be distinct local
variables (a unification-based `cases` on other indices is not supported yet and says so).
"""
from __future__ import annotations

from typing import Any, Sequence

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import ConstructorInfo, InductiveInfo, RecursorInfo
from ..kernel.expr import CONST, FVAR, PI, Expr, FVar, MVar
from ..kernel.name import Name
from ..pretty.names import has_macro_scopes
from ..syntax import ast as A
from ..elab import messages
from ..elab.errors import ElabError
from ..elab.mctx import mentions_fvars
from ..elab.term import hygienic
from .core import TacticContext, is_const_app, throw_tactic, unsolved_goals
from .registry import tactic

ANON = Name.anonymous()


# ====================================================================== local-context surgery
def _subst_fvars(e: Expr, olds: Sequence[FVar], news: Sequence[Expr]) -> Expr:
    if not olds or not (e.flags & E.HAS_FVAR):
        return e
    return E.instantiate_rev(E.abstract(e, list(olds)), list(news))


def rename_locals(tc: TacticContext, g: MVar, renamed: dict[int, Name]) -> MVar:
    """A goal equal to `g` whose locals at the given positions carry new names."""
    if not renamed:
        return g
    meta = tc.meta
    d = meta.decl(g)
    lctx = list(d.lctx)
    start = min(renamed)
    olds: list[FVar] = []
    news: list[FVar] = []
    for i in range(start, len(lctx)):
        x = lctx[i]
        t = _subst_fvars(meta.instantiate_mvars(x.type), olds, news)
        v = None if x.value is None else _subst_fvars(meta.instantiate_mvars(x.value), olds, news)
        nx = meta.mk_local(renamed.get(i, x.name), t, x.bi, v)
        olds.append(x)
        news.append(nx)
    target = _subst_fvars(meta.instantiate_mvars(d.type), olds, news)
    ng = tc.new_goal(target, tuple(lctx[:start]) + tuple(news), d.user_name)
    saved = meta.lctx
    meta.lctx = lctx[:start] + news
    try:
        lam = meta.mk_lambda_fvars(news, ng)
    finally:
        meta.lctx = saved
    meta.assign(g, E.mk_app_n(lam, olds))
    return ng


def dependents(tc: TacticContext, g: MVar, xs: Sequence[FVar]) -> list[FVar]:
    """`xs` and every local of `g` that depends on them, in context order."""
    meta = tc.meta
    rset = set(xs)
    out: list[FVar] = []
    seen: set[FVar] = set()
    for y in meta.decl(g).lctx:
        if y in rset or mentions_fvars(meta.instantiate_mvars(y.type), seen) or (
                y.value is not None and mentions_fvars(meta.instantiate_mvars(y.value), seen)):
            out.append(y)
            seen.add(y)
    return out


def revert(tc: TacticContext, g: MVar, xs: Sequence[FVar], span: Any) -> tuple[MVar, list[FVar]]:
    """Lean's `revert`: move `xs` and every later local depending on them into the target. Returns the new
    goal and the reverted locals in context order."""
    meta = tc.meta
    d = meta.decl(g)
    reverted = dependents(tc, g, xs)
    if not reverted:
        return g, []
    if any(x.value is not None for x in reverted):
        raise ElabError("reverting 'let' variables is not supported yet", span)
    keep = tuple(y for y in d.lctx if y not in set(reverted))
    saved = meta.lctx
    meta.lctx = list(keep)
    try:
        t = meta.mk_pi_fvars(reverted, meta.instantiate_mvars(d.type))
    finally:
        meta.lctx = saved
    ng = tc.new_goal(t, keep, d.user_name)
    meta.assign(g, E.mk_app_n(ng, reverted))
    return ng, reverted


# ====================================================================== the core of cases / induction
class CaseResult:
    __slots__ = ("ctor", "goal", "fields", "ihs")

    def __init__(self, ctor: Name, goal: MVar, fields: list[FVar], ihs: list[FVar]) -> None:
        self.ctor, self.goal, self.fields, self.ihs = ctor, goal, fields, ihs


def cases_core(tc: TacticContext, g: MVar, x: FVar, span: Any, *, induction: bool,
               names: dict[Name, list[Any]] | None = None, generalizing: Sequence[FVar] = (),
               what: str | None = None) -> list[CaseResult]:
    """Split goal `g` on the local `x` (of an inductive type) with its recursor; one new goal per
    constructor, tagged with the constructor's name (under the goal's tag). `names` gives, per constructor,
    the names (Ident/Hole syntax) of its fields and then of its induction hypotheses."""
    what = what or ("induction" if induction else "cases")
    meta = tc.meta
    d = meta.decl(g)
    with tc.goal_context(g):
        xt = meta.whnf(meta.instantiate_mvars(x.type))
    head = E.get_app_fn(xt)
    ind = tc.env.find(head.name) if head.kind == CONST else None  # type: ignore[attr-defined]
    if not isinstance(ind, InductiveInfo):
        throw_tactic(tc, what, f"major premise type is not an inductive type\n  {tc.pp(xt)}", g, span)
    assert isinstance(ind, InductiveInfo)
    if ind.num_nested and what == "induction":  # Lean's own limitation
        raise ElabError(f"The `induction` tactic does not support the type `{ind.name}` because it is a nested "
                        "inductive type\n\nHint: Consider using the `cases` tactic instead", span)
    if ind.num_nested or len(ind.all) > 1:
        kind = "nested" if ind.num_nested else "mutually"
        raise ElabError(f"`{what}` on the {kind} inductive type `{ind.name}` is not supported yet", span)
    rec = tc.env.find(ind.name.append("rec"))
    assert isinstance(rec, RecursorInfo)
    args = E.get_app_args(xt)
    params, indices = args[:ind.num_params], args[ind.num_params:]
    if any(ix.kind != FVAR or ix in indices[:i] or any(mentions_fvars(p, {ix}) for p in params)
           for i, ix in enumerate(indices)):
        if induction or generalizing:
            raise ElabError(f"'{what}' on a term whose type has indices that are not distinct variables is not "
                            "supported yet", span)
        return _cases_unifying_indices(tc, g, x, span, ind, names or {}, what)
    # revert the indices, `x`, their dependents and the `generalizing` locals
    to_revert = [ix for ix in indices] + [x] + [y for y in generalizing if y is not x]  # type: ignore[misc]
    reverted = dependents(tc, g, to_revert)  # type: ignore[arg-type]
    if any(y.value is not None for y in reverted):
        raise ElabError(f"'{what}' with dependent 'let' variables is not supported yet", span)
    major_set = set(indices) | {x}
    extra = [y for y in reverted if y not in major_set]    # re-introduced in every case
    base_lctx = tuple(y for y in d.lctx if y not in set(reverted))
    # the motive: fun indices x => ∀ extra, target
    target = meta.instantiate_mvars(d.type)
    saved = meta.lctx
    meta.lctx = list(d.lctx)
    try:
        body = meta.mk_pi_fvars(extra, target)
        u = tc.te.ensure_type(body, span)
        motive = meta.mk_lambda_fvars([*indices, x], body)  # type: ignore[list-item]
    finally:
        meta.lctx = saved
    u = meta.instantiate_level_mvars(u)
    lparams = list(head.levels)  # type: ignore[attr-defined]
    if len(rec.level_params) == len(ind.level_params) + 1:
        rec_levels = [u] + lparams
    else:
        if not _is_zero(u):
            throw_tactic(tc, what, f"recursor `{rec.name}` can only eliminate into `Prop`", g, span)
        rec_levels = lparams
    rec_c = E.mk_const(rec.name, rec_levels)
    rt = E.instantiate_level_params(rec.type, rec.level_params, rec_levels)
    rt = _instantiate_pis(rt, list(params) + [motive])
    minors: list[Expr] = []
    results: list[CaseResult] = []
    parent = d.user_name
    for ci, cname in enumerate(ind.ctors):
        assert rt.kind == PI
        minor_t = rt.type  # type: ignore[attr-defined]
        cinfo = tc.env.find(cname)
        assert isinstance(cinfo, ConstructorInfo)
        short = Name.of(str(cname.last))
        namer = FieldNamer((names or {}).get(short, ()))
        nf = cinfo.num_fields
        field_names = _ctor_field_names(cinfo)
        fields: list[FVar] = []
        ihs: list[FVar] = []
        lctx = list(base_lctx)
        t = minor_t
        k = 0
        while t.kind == PI:
            if k < nf:
                base = field_names[k]
            else:
                rec_field = _rec_field_for_ih(meta, fields, t.type)  # type: ignore[attr-defined]
                base = Name.of((_base_str(rec_field.name) if rec_field is not None else "a") + "_ih")
            name = namer.name(t.bi, base)  # type: ignore[attr-defined]
            yt = nat_literal_form(tc, _head_beta(meta.instantiate_mvars(t.type)))  # type: ignore[attr-defined]
            y = meta.mk_local(name, yt, E.DEFAULT)
            (fields if k < nf else ihs).append(y)
            lctx.append(y)
            t = E.instantiate1(t.body, y)  # type: ignore[attr-defined]
            k += 1
        if not induction:
            # `cases` keeps no induction hypotheses in the context
            lctx = [y for y in lctx if y not in ihs]
        # t is `motive idx (c params fields)`: beta-reduce to `∀ extra, target[…]`
        t = _head_beta(meta.instantiate_mvars(t))
        # re-introduce the reverted locals with their names
        re: list[FVar] = []
        for y in extra:
            if t.kind != PI:
                t = meta.whnf_core(t)
            ny = meta.mk_local(y.name, nat_literal_form(tc, t.type), y.bi)  # type: ignore[attr-defined]
            re.append(ny)
            lctx.append(ny)
            t = E.instantiate1(t.body, ny)  # type: ignore[attr-defined]
        t = nat_literal_form(tc, t)
        tag = short if parent.is_anonymous() else _join(parent, short)
        ng = tc.new_goal(t, lctx, tag)
        saved = meta.lctx
        meta.lctx = list(base_lctx) + fields + ihs + re
        try:
            minors.append(meta.mk_lambda_fvars(fields + ihs + re, ng))
        finally:
            meta.lctx = saved
        results.append(CaseResult(short, ng, fields, ihs if induction else []))
        rt = E.instantiate1(rt.body, minors[-1])  # type: ignore[attr-defined]
    meta.assign(g, E.mk_app_n(rec_c, list(params) + [motive] + minors + list(indices) + [x] + extra))
    return results


def _cases_unifying_indices(tc: TacticContext, g: MVar, x: FVar, span: Any, ind: InductiveInfo,
                            names: dict[Name, list[Any]], what: str) -> list[CaseResult]:
    """`cases x` where `x : I ps is` and the indices `is` are not distinct locals, as Lean's `cases`: the goal
    is generalized over fresh indices `js` and major `x'` with the equations `is = js` and `HEq x x'`; in each
    constructor's case the equations are solved (`elab.match.solve_equations`: substitution, injectivity,
    and the impossible cases disappear), then `x` is replaced by the constructor applied to its fields."""
    from ..elab.match import (ensure_cases_on, generalized_motive, mk_eq, mk_heq, mk_refl, recursor_levels,
                              solve_equations, solve_heq, substitute)

    meta, te, env = tc.meta, tc.te, tc.env
    d = meta.decl(g)
    if any(y.value is not None for y in dependents(tc, g, [x])):
        raise ElabError(f"'{what}' with dependent 'let' variables is not supported yet", span)
    target = meta.instantiate_mvars(d.type)
    saved = meta.lctx
    meta.lctx = list(d.lctx)
    n0 = len(meta.lctx)
    try:
        xt = meta.whnf(meta.instantiate_mvars(x.type))
        head, targs = E.get_app_fn_args(xt)
        params, indices = targs[:ind.num_params], targs[ind.num_params:]
        ind_lvls = list(head.levels)  # type: ignore[attr-defined]
        u_x = te.ensure_type(xt, span)
        motive, lvl = generalized_motive(te, span, x, xt, ind, target, True, f"'{what}'")
        lvls = recursor_levels(meta, env, ind, lvl, ind_lvls, span)
        minors: list[Expr] = []
        results: list[CaseResult] = []
        for cname in ind.ctors:
            cinfo = env.find(cname)
            assert isinstance(cinfo, ConstructorInfo)
            short = Name.of(str(cname.last))
            tag = short if d.user_name.is_anonymous() else _join(d.user_name, short)
            namer = FieldNamer(names.get(short, ()))
            field_names = _ctor_field_names(cinfo)
            ct = _instantiate_pis(E.instantiate_level_params(cinfo.type, cinfo.level_params, ind_lvls), params)
            fields: list[FVar] = []
            for k in range(cinfo.num_fields):
                ct = ct if ct.kind == PI else meta.whnf(ct)
                ft = nat_literal_form(tc, _head_beta(meta.instantiate_mvars(ct.type)))  # type: ignore[attr-defined]
                fields.append(meta.push_local(namer.name(ct.bi, field_names[k]), ft, E.DEFAULT))  # type: ignore[attr-defined]
                ct = E.instantiate1(ct.body, fields[-1])  # type: ignore[attr-defined]
            cval = E.mk_app_n(E.mk_app_n(E.mk_const(cname, ind_lvls), params), fields)
            eqs = [meta.push_local(hygienic("h"), mk_eq(te, ix, ci, span))
                   for ix, ci in zip(indices, E.get_app_args(ct)[ind.num_params:])]
            hx = meta.push_local(hygienic("h"), mk_heq(u_x, xt, x, ct, cval))
            keep = set(d.lctx) | set(fields)

            def leaf(olds: list, news: list, tag: Name = tag, short: Name = short, keep: set = keep,
                     fields: list = fields) -> Expr:
                live = set(keep)
                for o, n in zip(olds, news):
                    if o in live and n.kind == FVAR:
                        live.add(n)   # a local re-introduced after a substitution
                gone = set(olds)
                lctx = [y for y in meta.lctx if y in live and y not in gone]
                t = nat_literal_form(tc, substitute(target, olds, news))
                ng = tc.new_goal(t, lctx, tag)
                now = [substitute(f, olds, news) for f in fields]
                results.append(CaseResult(short, ng, [f for f in now if f.kind == FVAR], []))  # type: ignore[misc]
                return ng

            def major_now(olds: list, news: list, hx: FVar = hx, leaf: Any = leaf) -> Expr:
                # the indices agree now: `HEq x (c fields)` is an equation, solved as the others
                return solve_heq(te, span, hx, target, leaf, olds, news)

            inner = solve_equations(te, span, eqs, target, major_now)
            minors.append(meta.mk_lambda_fvars(fields + eqs + [hx], inner))
            meta.pop_locals(len(meta.lctx) - n0)
        app = E.mk_app_n(E.mk_const(ensure_cases_on(env, ind.name), lvls), list(params) + [motive] + list(indices)
                         + [x] + minors)
        proofs = [mk_refl(te, ix, span) for ix in indices]
        proofs.append(E.mk_app_n(E.mk_const(Name.of("HEq.refl"), [u_x]), [xt, x]))
        meta.assign(g, E.mk_app_n(app, proofs))
        return results
    finally:
        meta.lctx = saved


def _base_str(n: Name) -> str:
    from ..pretty.names import binder_base

    return binder_base(n, "a")


def _rec_field_for_ih(meta: Any, fields: list[FVar], ih_type: Expr) -> FVar | None:
    """The recursive field an induction hypothesis is about (`motive … field`)."""
    t = ih_type
    while t.kind == PI:
        t = t.body  # type: ignore[attr-defined]
    args = E.get_app_args(t)
    if args and args[-1].kind == FVAR and args[-1] in fields:
        return args[-1]  # type: ignore[return-value]
    if args:
        h = E.get_app_fn(args[-1])
        if h.kind == FVAR and h in fields:
            return h  # type: ignore[return-value]
    return None


def _ctor_field_names(cinfo: ConstructorInfo) -> list[Name]:
    t = cinfo.type
    out = []
    i = 0
    while t.kind == PI:
        if i >= cinfo.num_params:
            out.append(t.name)  # type: ignore[attr-defined]
        t = t.body  # type: ignore[attr-defined]
        i += 1
    return out


class AltVars(list):
    """The names an alternative gives its case's fields (`| cons a as`), for the explicit fields only, or
    with `@` (`| @cons n a as`) for every field, as Lean's `introN (useNamesForExplicitOnly := …)`."""
    all_fields = False


class FieldNamer:
    """Names the fields of one case, in order, from the names its alternative gives (`AltVars`)."""

    def __init__(self, given: Sequence[Any]) -> None:
        self.given, self.used = list(given), 0
        self.all_fields = getattr(given, "all_fields", False)

    def name(self, bi: Any, base: Name) -> Name:
        if self.all_fields or bi == E.DEFAULT:
            self.used += 1
            return _pick_name(self.given, self.used - 1, base)
        return _pick_name([], 0, base)


def _pick_name(given: list[Any], k: int, base: Name) -> Name:
    if k < len(given):
        s = given[k]
        if isinstance(s, A.Ident):
            return Name.of(s.name)
        if not isinstance(s, A.Hole):
            raise ElabError("expected an identifier or '_' in the alternative's patterns", s.span)
    b = base if not has_macro_scopes(base) and not base.is_anonymous() else Name.of(_base_str(base))
    return hygienic(str(b))


def _join(a: Name, b: Name) -> Name:
    for c in b.components():
        a = a.append(c)
    return a


def _is_zero(u: Any) -> bool:
    return u is L.ZERO or (hasattr(L, "is_zero") and L.is_zero(u))  # type: ignore[attr-defined]


def _instantiate_pis(t: Expr, args: Sequence[Expr]) -> Expr:
    for a in args:
        assert t.kind == PI
        t = E.instantiate1(t.body, a)  # type: ignore[attr-defined]
    return t


def _head_beta(e: Expr) -> Expr:
    from ..elab.mctx import head_beta

    return head_beta(e)


def nat_literal_form(tc: TacticContext, t: Expr) -> Expr:
    """`Nat.zero` as `0` and `Nat.succ n` as `n + 1` (what Lean's Nat eliminators show); def-eq."""
    env = tc.env
    if env.find(Name.of("instOfNatNat")) is None or env.find(Name.of("instHAdd")) is None or \
            env.find(Name.of("instAddNat")) is None:
        return t
    nat = E.mk_const(Name.of("Nat"))
    zero_c = E.mk_const(Name.of("Nat.zero"))
    succ_c = E.mk_const(Name.of("Nat.succ"))
    lz = L.ZERO

    def lit(n: int) -> Expr:
        return E.mk_app_n(E.mk_const(Name.of("OfNat.ofNat"), [lz]),
                          [nat, E.mk_nat_lit(n), E.mk_app(E.mk_const(Name.of("instOfNatNat")), E.mk_nat_lit(n))])

    def add1(a: Expr) -> Expr:
        inst = E.mk_app_n(E.mk_const(Name.of("instHAdd"), [lz]), [nat, E.mk_const(Name.of("instAddNat"))])
        return E.mk_app_n(E.mk_const(Name.of("HAdd.hAdd"), [lz, lz, lz]), [nat, nat, nat, inst, a, lit(1)])

    def fn(e: Expr, _off: int) -> Expr | None:
        if e is zero_c:
            return lit(0)
        if e.kind == E.APP and e.fn is succ_c:  # type: ignore[attr-defined]
            return add1(E.replace(e.arg, fn))  # type: ignore[attr-defined]
        return None

    if not E.occurs_const(t, {Name.of("Nat.zero"), Name.of("Nat.succ")}):
        return t
    return E.replace(t, fn)


# ====================================================================== cases / induction tactics
def _split_args(stx: A.Tactic) -> tuple[list[Any], dict[str, list[Any]], A.TacAlts | None]:
    """(targets, keyword → following args, alternatives)."""
    targets: list[Any] = []
    kw: dict[str, list[Any]] = {}
    alts = None
    cur: list[Any] = targets
    for a in stx.args:
        if isinstance(a, A.TacKeyword):
            cur = kw.setdefault(a.text, [])
        elif isinstance(a, A.TacAlts):
            alts = a
        else:
            cur.append(a)
    return targets, kw, alts


def _major(tc: TacticContext, g: MVar, stx_t: Any, span: Any) -> tuple[MVar, FVar]:
    """The major premise as a local: a hypothesis name, `h : e` (named), or a term (generalized)."""
    meta = tc.meta
    if isinstance(stx_t, A.Ident):
        with tc.goal_context(g):
            x = tc.te._find_local(Name.of(stx_t.name))  # noqa: SLF001
        if x is not None and x in tc.lctx(g):
            return g, x
    v, _ = tc.elab_term(g, stx_t, None)
    v = meta.instantiate_mvars(v)
    if v.kind == FVAR and v in tc.lctx(g):
        return g, v  # type: ignore[return-value]
    with tc.goal_context(g):
        t = meta.instantiate_mvars(meta.infer_type(v))
    return generalize_term(tc, g, v, t, hygienic("x"), span)


def generalize_term(tc: TacticContext, g: MVar, v: Expr, t: Expr, name: Name, span: Any,
                    eq_name: Name | None = None) -> tuple[MVar, FVar]:
    """Replace occurrences of `v` in the target by a new local `name : t` (Lean's `generalize`);
    with `eq_name`, also add `eq_name : v = name`."""
    meta = tc.meta
    d = meta.decl(g)
    target = meta.instantiate_mvars(d.type)
    with tc.goal_context(g):
        abstracted = kabstract(tc, target, v)
    x = meta.mk_local(name, t)
    lctx = d.lctx + (x,)
    new_t = E.instantiate1(abstracted, x)
    if eq_name is not None:
        with tc.goal_context(g):
            u = tc.te.ensure_type(t, span)
        eq_t = E.mk_app_n(E.mk_const(Name.of("Eq"), [u]), [t, v, x])
        h = meta.mk_local(eq_name, eq_t)
        ng = tc.new_goal(new_t, lctx + (h,), d.user_name)
        saved = meta.lctx
        meta.lctx = list(lctx)
        try:
            lam = meta.mk_lambda_fvars([x, h], ng)
        finally:
            meta.lctx = saved
        refl = E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [u]), [t, v])
        meta.assign(g, E.mk_app_n(lam, [v, refl]))
    else:
        ng = tc.new_goal(new_t, lctx, d.user_name)
        saved = meta.lctx
        meta.lctx = list(d.lctx)
        try:
            lam = meta.mk_lambda_fvars([x], ng)
        finally:
            meta.lctx = saved
        meta.assign(g, E.mk_app(lam, v))
    return ng, x


def kabstract(tc: TacticContext, e: Expr, p: Expr) -> Expr:
    """`e` with the instances of `p` (up to reducible def-eq on candidates with the same head) replaced by
    bvar 0 (Lean's `kabstract`); the result has one loose bvar more."""
    meta = tc.meta
    p = meta.instantiate_mvars(p)
    if p.kind == FVAR:
        return E.abstract(e, [p])
    head = E.get_app_fn(p)
    nargs = E.get_app_num_args(p)
    e = E.lift_loose_bvars(e, 1)

    def visit(x: Expr, offset: int) -> Expr:
        # children first would be Lean's order; instances do not nest in practice
        if x.lbr == 0 and E.get_app_num_args(x) == nargs and _same_head(E.get_app_fn(x), head) and \
                (x is p or _match_instance(meta, x, p)):
            return E.mk_bvar(offset)
        k = x.kind
        if k == E.APP:
            f2, a2 = visit(x.fn, offset), visit(x.arg, offset)  # type: ignore[attr-defined]
            return x if f2 is x.fn and a2 is x.arg else E.mk_app(f2, a2)  # type: ignore[attr-defined]
        if k in (E.LAM, PI):
            t2, b2 = visit(x.type, offset), visit(x.body, offset + 1)  # type: ignore[attr-defined]
            if t2 is x.type and b2 is x.body:  # type: ignore[attr-defined]
                return x
            return (E.mk_lam if k == E.LAM else E.mk_pi)(x.name, t2, b2, x.bi)  # type: ignore[attr-defined]
        if k == E.LET:
            t2, v2, b2 = visit(x.type, offset), visit(x.value, offset), visit(x.body, offset + 1)  # type: ignore[attr-defined]
            return E.mk_let(x.name, t2, v2, b2)  # type: ignore[attr-defined]
        return x

    from ..elab.config import REDUCIBLE

    with _deep(), meta.with_transparency(REDUCIBLE):  # candidates match up to reducible unfolding
        return visit(e, 0)


def _match_instance(meta: Any, x: Expr, p: Expr) -> bool:
    """Is `x` an instance of the pattern `p` (same head)? Arguments are unified first, pairwise (so the
    pattern's variables are assigned from `x` rather than both sides being evaluated), then as a whole."""
    xs, ps = E.get_app_args(x), E.get_app_args(meta.instantiate_mvars(p))

    fx, fp = E.get_app_fn(x), E.get_app_fn(p)

    def pairwise() -> bool:
        if fx.kind == CONST and not all(meta.is_level_def_eq(u, v) for u, v in zip(fx.levels, fp.levels)):  # type: ignore[attr-defined]
            return False
        return all(a is b or meta.is_def_eq(a, b) for a, b in zip(xs, ps))

    if meta.attempt(pairwise, guarded=True):
        return True
    return meta.is_def_eq(x, p)


def _deep():  # type: ignore[no-untyped-def]
    from ..kernel.environment import deep_recursion

    return deep_recursion()


def _same_head(a: Expr, b: Expr) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == CONST:
        return a.name is b.name  # type: ignore[attr-defined]
    return a is b


def _alt_names(tc: TacticContext, alts: A.TacAlts | None) -> tuple[dict[Name, AltVars], dict[Name, A.TacAlt],
                                                                      A.TacAlt | None]:
    names: dict[Name, AltVars] = {}
    by_ctor: dict[Name, A.TacAlt] = {}
    wildcard = None
    if alts is None:
        return names, by_ctor, None
    for alt in alts.alts:
        pat = alt.patterns[0]
        if len(alt.patterns) != 1:
            raise ElabError("several patterns in one alternative are not supported yet", alt.span)
        if isinstance(pat, A.Hole):
            wildcard = alt
            continue
        vars_ = AltVars()
        if isinstance(pat, A.Explicit):
            pat, vars_.all_fields = pat.term, True
        if isinstance(pat, A.App) and isinstance(pat.fn, A.Explicit):
            pat, vars_.all_fields = A.App(pat.span, pat.fn.term, pat.args), True
        if isinstance(pat, A.Ident):
            head, args = pat.name, []
        elif isinstance(pat, A.App) and isinstance(pat.fn, A.Ident):
            head, args = pat.fn.name, list(pat.args)
        elif isinstance(pat, A.DotIdent):
            head, args = pat.name, []  # type: ignore[attr-defined]
        else:
            raise ElabError("invalid alternative name", pat.span)
        short = Name.of(head.split(".")[-1]) if head else ANON
        vars_.extend(args)
        names[short] = vars_
        by_ctor[short] = alt
    return names, by_ctor, wildcard


def _is_eq_between_locals_and_terms(tc: TacticContext, g: MVar, h: FVar) -> bool:
    """Is `h : a = b` with a local on one side that the other side does not mention?"""
    meta = tc.meta
    t = meta.whnf_r(meta.instantiate_mvars(h.type))
    if not is_const_app(t, "Eq", 3):
        return False
    _, a, b = E.get_app_args(t)
    lctx = tc.lctx(g)
    return (b.kind == FVAR and b in lctx and not mentions_fvars(a, {b})) or \
        (a.kind == FVAR and a in lctx and not mentions_fvars(b, {a}))  # type: ignore[arg-type]


def cases_tactic(tc: TacticContext, stx: A.Tactic, induction: bool) -> None:
    what = "induction" if induction else "cases"
    targets, kw, alts = _split_args(stx)
    if "with" in kw and kw["with"] and alts is None:
        bad = kw["with"][0]
        if isinstance(bad, A.Ident):
            raise ElabError("Invalid syntax for induction tactic: The `with` keyword must be followed by a tactic "
                            "or by an alternative (e.g. `| zero =>`), but here it is followed by the identifier "
                            f"`{bad.name}`.", bad.span)
    using = kw.get("using")
    if using is not None and len(using) != 1:
        raise ElabError(f"'{what} … using' expects one eliminator term", stx.span)
    if len(targets) != 1 and using is None:
        raise ElabError(f"'{what}' on several targets is not supported yet", stx.span)
    g = tc.main_goal(stx.span)
    xs: list[FVar] = []
    for t in targets:
        if using is not None and not induction and not isinstance(t, A.Ident):
            raise ElabError("'cases … using' on a term that is not a local variable is not supported yet", t.span)
        g, x = _major(tc, g, t, stx.span)
        xs.append(x)
    gen: list[FVar] = []
    for a in kw.get("generalizing", []):
        if not isinstance(a, A.Ident):
            raise ElabError("'generalizing' expects local names", a.span)
        with tc.goal_context(g):
            y = tc.te._find_local(Name.of(a.name))  # noqa: SLF001
        if y is None:
            raise ElabError(messages.unknown_identifier(a.name), a.span)
        gen.append(y)
    names, by_ctor, wildcard = _alt_names(tc, alts)
    if using is not None:
        from .elim import elim_using

        if not induction and gen:
            raise ElabError("'cases … using' with 'generalizing' is not supported yet", stx.span)
        named = elim_using(tc, g, xs, using[0], gen, names, stx.span, what)
        _run_alternatives(tc, stx, alts, by_ctor, wildcard, [CaseResult(n, ng, [], []) for n, ng in named])
        return
    if not induction and alts is None and not gen and _is_eq_between_locals_and_terms(tc, g, x):
        subst_local(tc, g, x, stx.span)  # `cases h` on `h : a = b` substitutes, as Lean's unification does
        return
    with tc.goal_context(g):
        head = E.get_app_fn(tc.meta.whnf(tc.meta.instantiate_mvars(x.type)))
    ind = tc.env.find(head.name) if head.kind == CONST else None  # type: ignore[attr-defined]
    results = cases_core(tc, g, x, stx.span, induction=induction, names=names, generalizing=gen)
    # the cases the indices rule out have no goal: an alternative naming one is an error, as in Lean
    ruled_out = {Name.of(str(c.last)) for c in ind.ctors} - {r.ctor for r in results} \
        if isinstance(ind, InductiveInfo) else set()
    _run_alternatives(tc, stx, alts, by_ctor, wildcard, results, ruled_out)


def _run_alternatives(tc: TacticContext, stx: A.Tactic, alts: A.TacAlts | None, by_ctor: dict[Name, A.TacAlt],
                      wildcard: A.TacAlt | None, results: list[CaseResult], ruled_out: set[Name] = set()) -> None:
    """The new goals, or with `with`, each closed by its alternative's tactics."""
    if alts is None:
        tc.replace_main_goal([r.goal for r in results])
        return
    # every alternative names a case (Lean's `checkAltNames`)
    seen: list[Name] = []
    for c, alt in by_ctor.items():
        seen.append(c)
        if c in ruled_out:
            raise ElabError(f"alternative '{c}' is not needed", alt.span)
        if c not in {r.ctor for r in results}:
            from .elim import invalid_alt_message

            raise ElabError(invalid_alt_message(c, [f"'{r.ctor}'" for r in results if r.ctor not in seen]),
                            alt.span)
    tc.replace_main_goal([])
    remaining: list[MVar] = []
    for r in results:
        alt = by_ctor.get(r.ctor) or wildcard
        if alt is None:
            # Lean reports a missing alternative at the alternatives given
            where = alts.alts[0].span.to(alts.alts[-1].span) if alts.alts else stx.span
            raise ElabError(f"alternative '{r.ctor}' has not been provided", where)
        tc.set_goals([r.goal] + tc.goals())
        tc.close_or_admit(r.goal, lambda alt=alt: tc.run_seq(alt.tactics), alt.span)
    tc.set_goals(remaining + tc.goals())


@tactic("cases")
def _cases(tc: TacticContext, stx: A.Tactic) -> None:
    cases_tactic(tc, stx, False)


@tactic("induction")
def _induction(tc: TacticContext, stx: A.Tactic) -> None:
    cases_tactic(tc, stx, True)


# ====================================================================== rcases / obtain / rintro
def rcases_pattern_on(tc: TacticContext, x: FVar, pat: A.Node, span: Any) -> None:
    """Destructure the local `x` of the main goal with an rcases pattern; the goals replace the main goal."""
    g = tc.main_goal(span)
    while isinstance(pat, A.Paren):
        pat = pat.term
    if isinstance(pat, A.Ascription) and pat.type is not None:
        pat = pat.term
    if isinstance(pat, A.Hole):
        return
    if isinstance(pat, A.Ident):
        if pat.name == "rfl":
            subst_local(tc, g, x, span)
            return
        if pat.name == "-" or pat.name == "_":
            return
        i = tc.lctx(g).index(x)
        tc.replace_main_goal([rename_locals(tc, g, {i: Name.of(pat.name)})])
        return
    alts = _or_alternatives(pat)
    if len(alts) > 1:
        results = cases_core(tc, g, x, span, induction=False, what="rcases")
        if len(results) != len(alts) and len(results) < len(alts):
            raise ElabError("too many alternatives in the pattern", span)
        produced: list[MVar] = []
        rest = [gg for gg in tc.goals() if gg is not g]
        for i, r in enumerate(results):
            p = alts[i] if i < len(alts) else alts[-1]
            tc.set_goals([r.goal])
            _apply_fields(tc, r, [p], span)
            produced.extend(tc.goals())
        tc.set_goals(produced + rest)
        return
    if isinstance(pat, A.AnonCtor):
        results = cases_core(tc, g, x, span, induction=False, what="rcases")
        rest = [gg for gg in tc.goals() if gg is not g]
        produced = []
        for r in results:
            tc.set_goals([r.goal])
            _apply_fields(tc, r, list(pat.elems), span)
            produced.extend(tc.goals())
        tc.set_goals(produced + rest)
        return
    raise ElabError("this rcases pattern is not supported yet", getattr(pat, "span", span))


def _or_alternatives(pat: A.Node) -> list[A.Node]:
    if isinstance(pat, A.BinOp) and pat.op in ("|", "∣"):
        return _or_alternatives(pat.lhs) + _or_alternatives(pat.rhs)
    return [pat]


def _apply_fields(tc: TacticContext, r: CaseResult, pats: list[A.Node], span: Any) -> None:
    fields = r.fields
    if not fields:
        return
    if len(pats) > len(fields) and len(fields) >= 1:
        k = len(fields)
        pats = pats[:k - 1] + [A.AnonCtor(span, tuple(pats[k - 1:]))]
    # name the fields first (by position), then destructure nested patterns
    g = tc.main_goal(span)
    lctx = tc.lctx(g)
    renamed: dict[int, Name] = {}
    for f, p in zip(fields, pats):
        q = p
        while isinstance(q, A.Paren):
            q = q.term
        if isinstance(q, A.Ident) and q.name not in ("rfl", "-", "_") and f in lctx:
            renamed[lctx.index(f)] = Name.of(q.name)
    if renamed:
        g = rename_locals(tc, g, renamed)
        tc.replace_main_goal([g])
    # renaming keeps positions: the fields are the last locals of the case's goal
    lctx = tc.lctx(g)
    todo: list[tuple[int, A.Node]] = []
    base = len(lctx) - len(fields)
    for i, p in enumerate(pats[:len(fields)]):
        q = p
        while isinstance(q, A.Paren):
            q = q.term
        if isinstance(q, A.Ident) and q.name not in ("rfl",):
            continue
        if isinstance(q, A.Hole):
            continue
        todo.append((base + i, q))
    # process nested patterns from the last field backwards, so earlier positions stay valid
    for idx, q in reversed(todo):
        gs = tc.goals()
        out: list[MVar] = []
        for gg in gs[:1]:
            tc.set_goals([gg])
            xx = tc.lctx(gg)[idx]
            rcases_pattern_on(tc, xx, q, span)
            out.extend(tc.goals())
        tc.set_goals(out + gs[1:])


def obtain_decl(tc: TacticContext, d: A.LetDecl, span: Any) -> None:
    """`obtain pat : t := e` / `have pat := e`: destructure `e` with the pattern."""
    g = tc.main_goal(span)
    meta = tc.meta
    if d.value is None:
        raise ElabError("'obtain' without ':=' is not supported yet", span)
    t = tc.elab_type(g, d.type) if d.type is not None else None
    v, _ = tc.elab_term(g, d.value, t)
    with tc.goal_context(g):
        vt = t if t is not None else meta.instantiate_mvars(meta.infer_type(v))
    pat = d.pattern if d.pattern is not None else A.Ident(span, "this")
    if v.kind == FVAR and v in tc.lctx(g) and not isinstance(pat, A.Ident):
        rcases_pattern_on(tc, v, pat, span)  # type: ignore[arg-type]
        return
    x = meta.mk_local(hygienic("h") if not isinstance(pat, A.Ident) else Name.of(pat.name), vt)
    ng = tc.new_goal(tc.target(g), tc.lctx(g) + (x,), tc.tag(g))
    with tc.goal_context(g):
        lam = meta.mk_lambda_fvars([x], ng)
    meta.assign(g, E.mk_app(lam, v))
    tc.replace_main_goal([ng])
    if not isinstance(pat, A.Ident):
        rcases_pattern_on(tc, x, pat, span)


@tactic("obtain")
def _obtain(tc: TacticContext, stx: A.Tactic) -> None:
    d = stx.args[0]
    assert isinstance(d, A.LetDecl)
    if d.value is None:
        if d.type is None:
            raise ElabError("'obtain' needs ':=' or a type", stx.span)
        g = tc.main_goal(stx.span)
        t = tc.elab_type(g, d.type)
        pf = tc.new_goal(t, tc.lctx(g), None)
        x = tc.meta.mk_local(hygienic("h"), t)
        ng = tc.new_goal(tc.target(g), tc.lctx(g) + (x,), tc.tag(g))
        with tc.goal_context(g):
            lam = tc.meta.mk_lambda_fvars([x], ng)
        tc.meta.assign(g, E.mk_app(lam, pf))
        tc.replace_main_goal([pf, ng])
        tc.set_goals([ng, pf] + tc.goals()[2:])
        if d.pattern is not None:
            rcases_pattern_on(tc, x, d.pattern, stx.span)
        gs = tc.goals()
        tc.set_goals([pf] + [q for q in gs if q is not pf])
        return
    obtain_decl(tc, d, stx.span)


@tactic("rcases")
def _rcases(tc: TacticContext, stx: A.Tactic) -> None:
    targets, kw, _ = _split_args(stx)
    pats = kw.get("with", [])
    if len(targets) != 1 or len(pats) != 1:
        raise ElabError("'rcases' supports one target and one pattern yet", stx.span)
    d = A.LetDecl(stx.span, pats[0], (), None, targets[0])
    obtain_decl(tc, d, stx.span)


@tactic("rintro")
def _rintro(tc: TacticContext, stx: A.Tactic) -> None:
    from .basic import intro_pattern

    for a in stx.args:
        if isinstance(a, A.TacKeyword):
            raise ElabError("'rintro' with a type ascription is not supported yet", a.span)
        q = a
        while isinstance(q, A.Paren):
            q = q.term
        if isinstance(q, (A.Ident, A.Hole, A.AnonCtor)) and not (isinstance(q, A.Ident) and q.name == "rfl"):
            intro_pattern(tc, q, stx.span)
            continue
        g = tc.main_goal(stx.span)
        x, ng = tc.intro_local(g, hygienic("h"), stx.span)
        tc.replace_main_goal([ng])
        rcases_pattern_on(tc, x, q, stx.span)


# ====================================================================== subst
def subst_local(tc: TacticContext, g: MVar, h: FVar, span: Any) -> None:
    """`subst h` for `h : a = b` where `b` (or `a`) is a local not occurring in the other side."""
    meta = tc.meta
    t = meta.whnf_r(meta.instantiate_mvars(h.type))
    if not is_const_app(t, "Eq", 3):
        throw_tactic(tc, "subst", f"invalid equality proof, it is not of the form (x = t) or (t = x)\n  "
                     f"{tc.pp(h.type)}", g, span)
    alpha, a, b = E.get_app_args(t)
    lv = E.get_app_fn(t).levels  # type: ignore[attr-defined]
    lctx = tc.lctx(g)
    if b.kind == FVAR and b in lctx and not mentions_fvars(a, {b}):
        var, val, symm = b, a, False
    elif a.kind == FVAR and a in lctx and not mentions_fvars(b, {a}):
        var, val, symm = a, b, True
    else:
        throw_tactic(tc, "subst", f"invalid equality proof, it is not of the form (x = t) or (t = x)\n  "
                     f"{tc.pp(h.type)}", g, span)
    # revert var and h (and dependents); motive over var and h
    reverted = dependents(tc, g, [var, h])  # type: ignore[list-item]
    if any(y.value is not None for y in reverted):
        raise ElabError("'subst' with dependent 'let' variables is not supported yet", span)
    extra = [y for y in reverted if y is not var and y is not h]
    base = tuple(y for y in tc.lctx(g) if y not in set(reverted))
    target = meta.instantiate_mvars(meta.decl(g).type)
    saved = meta.lctx
    meta.lctx = list(tc.lctx(g))
    try:
        body = meta.mk_pi_fvars(extra, target)
        u = tc.te.ensure_type(body, span)
        if not symm:
            # h : val = var ; Eq.rec {motive := fun var h => body} (m : body[var:=val, h:=refl]) h
            motive = meta.mk_lambda_fvars([var, h], body)
        else:
            # h : var = val: use h.symm
            hs = meta.mk_local(h.name, E.mk_app_n(E.mk_const(Name.of("Eq"), lv), [alpha, val, var]))
            body2 = _subst_fvars(body, [h], [E.mk_app_n(E.mk_const(Name.of("Eq.symm"), lv), [alpha, val, var, hs])])
            motive = meta.mk_lambda_fvars([var, hs], body2)
    finally:
        meta.lctx = saved
    u = meta.instantiate_level_mvars(u)
    refl = E.mk_app_n(E.mk_const(Name.of("Eq.refl"), lv), [alpha, val])
    minor_t = _head_beta(E.mk_app_n(motive, [val, refl]))
    # the minor premise: re-introduce `extra`
    lctx = list(base)
    t = minor_t
    re: list[FVar] = []
    for y in extra:
        if t.kind != PI:
            t = meta.whnf_core(t)
        ny = meta.mk_local(y.name, t.type, y.bi)  # type: ignore[attr-defined]
        re.append(ny)
        lctx.append(ny)
        t = E.instantiate1(t.body, ny)  # type: ignore[attr-defined]
    ng = tc.new_goal(t, lctx, tc.tag(g))
    meta.lctx = list(base) + re
    try:
        minor = meta.mk_lambda_fvars(re, ng)
    finally:
        meta.lctx = saved
    hp = h if not symm else E.mk_app_n(E.mk_const(Name.of("Eq.symm"), lv), [alpha, var, val, h])
    rec = E.mk_const(Name.of("Eq.rec"), [u] + list(lv))
    meta.assign(g, E.mk_app_n(rec, [alpha, val, motive, minor, var, hp] + extra))
    tc.replace_main_goal([ng])


@tactic("subst")
def _subst(tc: TacticContext, stx: A.Tactic) -> None:
    for a in stx.args:
        g = tc.main_goal(stx.span)
        if not isinstance(a, A.Ident):
            raise ElabError("'subst' expects hypotheses", getattr(a, "span", stx.span))
        with tc.goal_context(g):
            h = tc.te._find_local(Name.of(a.name))  # noqa: SLF001
        if h is None:
            raise ElabError(messages.unknown_identifier(a.name), a.span)
        t = tc.meta.whnf_r(tc.meta.instantiate_mvars(h.type))
        if not is_const_app(t, "Eq", 3):
            # `subst x` with a variable: find `h : x = e` or `h : e = x`
            var = h
            for y in reversed(tc.lctx(g)):
                yt = tc.meta.instantiate_mvars(y.type)
                if is_const_app(yt, "Eq", 3) and var in E.get_app_args(yt)[1:]:
                    h = y
                    break
            else:
                throw_tactic(tc, "subst", f"did not find equation for eliminating '{a.name}'", g, stx.span)
        subst_local(tc, g, h, stx.span)


@tactic("subst_vars")
def _subst_vars(tc: TacticContext, stx: A.Tactic) -> None:
    progress = True
    while progress:
        progress = False
        g = tc.main_goal(stx.span)
        for y in reversed(tc.lctx(g)):
            yt = tc.meta.instantiate_mvars(y.type)
            if is_const_app(yt, "Eq", 3):
                if tc.try_run(lambda y=y: subst_local(tc, g, y, stx.span)) is None:
                    progress = True
                    break


def contradiction_by_cases(tc: TacticContext, g: MVar, span: Any) -> bool:
    """`contradiction` on a hypothesis of an empty inductive type (no constructors)."""
    meta = tc.meta
    for x in tc.lctx(g):
        with tc.goal_context(g):
            t = meta.whnf(meta.instantiate_mvars(x.type))
        h = E.get_app_fn(t)
        info = tc.env.find(h.name) if h.kind == CONST else None  # type: ignore[attr-defined]
        if isinstance(info, InductiveInfo) and not info.ctors and info.num_indices == 0:
            if tc.try_run(lambda x=x: cases_core(tc, g, x, span, induction=False)) is None:
                tc.replace_main_goal([])
                return True
    return False


# ====================================================================== generalize
@tactic("generalize")
def _generalize(tc: TacticContext, stx: A.Tactic) -> None:
    # `generalize (h :)? e = x, …`: one generalization after another, each introducing its local
    items: list[tuple[Name | None, A.BinOp]] = []
    args = list(stx.args)
    i = 0
    while i < len(args):
        h_name = None
        if i + 2 < len(args) and isinstance(args[i], A.Ident) and isinstance(args[i + 1], A.TacKeyword) \
                and args[i + 1].text == ":":
            h_name = Name.of(args[i].name)
            i += 2
        eq = args[i]
        if not isinstance(eq, A.BinOp) or eq.op != "=" or not isinstance(eq.rhs, A.Ident):
            raise ElabError("'generalize' with these arguments is not supported yet", stx.span)
        items.append((h_name, eq))
        i += 1
    if not items:
        raise ElabError("'generalize' with these arguments is not supported yet", stx.span)
    for h_name, eq in items:
        g = tc.main_goal(stx.span)
        v, _ = tc.elab_term(g, eq.lhs, None)
        with tc.goal_context(g):
            t = tc.meta.instantiate_mvars(tc.meta.infer_type(v))
        ng, _ = generalize_term(tc, g, v, t, Name.of(eq.rhs.name), stx.span, eq_name=h_name)
        tc.replace_main_goal([ng])


@tactic("revert")
def _revert(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    xs = []
    for a in stx.args:
        if not isinstance(a, A.Ident):
            raise ElabError("'revert' expects hypotheses", getattr(a, "span", stx.span))
        with tc.goal_context(g):
            y = tc.te._find_local(Name.of(a.name))  # noqa: SLF001
        if y is None:
            raise ElabError(messages.unknown_identifier(a.name), a.span)
        xs.append(y)
    ng, _ = revert(tc, g, xs, stx.span)
    tc.replace_main_goal([ng])


@tactic("clear")
def _clear(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    meta = tc.meta
    for a in stx.args:
        if not isinstance(a, A.Ident):
            raise ElabError("'clear' expects hypotheses", getattr(a, "span", stx.span))
        with tc.goal_context(g):
            y = tc.te._find_local(Name.of(a.name))  # noqa: SLF001
        if y is None:
            raise ElabError(messages.unknown_identifier(a.name), a.span)
        lctx = tc.lctx(g)
        for z in lctx:
            if z is not y and mentions_fvars(meta.instantiate_mvars(z.type), {y}):
                throw_tactic(tc, "clear", f"variable '{z.name}' depends on '{a.name}'", g, stx.span)
        if mentions_fvars(tc.target(g), {y}):
            throw_tactic(tc, "clear", f"target depends on '{a.name}'", g, stx.span)
        ng = tc.new_goal(tc.target(g), tuple(z for z in lctx if z is not y), tc.tag(g))
        meta.assign(g, ng)
        tc.replace_main_goal([ng])
        g = ng


@tactic("rename_i")
def _rename_i(tc: TacticContext, stx: A.Tactic) -> None:
    from .combinators import rename_inaccessibles

    g = tc.main_goal(stx.span)
    tc.replace_main_goal([rename_inaccessibles(tc, g, list(stx.args), stx)])

