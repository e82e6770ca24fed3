"""Rewriting: `rw`/`rewrite`/`rwa` (rules `e`, `← e`, several rules, `at h`, closing by `rfl` afterwards),
`unfold`, `change … at`, and the motive-based proof step shared with `simp`.

A rewrite with `h : l = r` abstracts the instances of `l` in the target (`kabstract`: the first def-eq
instance fixes the pattern's metavariables), and proves the old target from the new one with
`Eq.rec (motive := fun x _ => P x) (new : P r) (Eq.symm h)`; `↔` rules go through `propext`.
"""
from __future__ import annotations

from typing import Any, Sequence

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.expr import FVAR, Expr, FVar, MVar
from ..kernel.name import Name
from ..syntax import ast as A
from ..elab.config import REDUCIBLE
from ..elab import messages
from ..elab.errors import ElabError
from .basic import rfl_goal
from .cases import kabstract
from .core import TacticContext, apply_to_fresh_mvars, is_const_app, throw_tactic
from .registry import tactic


# ====================================================================== equations
def as_equation(tc: TacticContext, pf: Expr, span: Any, what: str) -> tuple[Expr, Expr, Expr, list[MVar]]:
    """`pf : ∀ xs, l = r` (or `l ↔ r`, or a proposition `p`, read as `p = True`) instantiated with fresh
    mvars: (proof of `l = r`, l, r, the new mvars)."""
    pf, t, mvars = apply_to_fresh_mvars(tc.meta, pf, instances_synthetic=True)
    if not is_const_app(t, "Eq", 3) and not is_const_app(t, "Iff", 2):
        whnf_t = tc.meta.whnf_r(t)  # Lean's `matchEq?` looks through reducible heads and beta-redexes
        if is_const_app(whnf_t, "Eq", 3) or is_const_app(whnf_t, "Iff", 2):
            t = whnf_t
    if is_const_app(t, "Eq", 3):
        _, l, r = E.get_app_args(t)
        return pf, l, r, mvars
    if is_const_app(t, "Iff", 2):
        if tc.env.find(Name.of("propext")) is None:
            raise ElabError("rewriting with '↔' needs 'propext', which the prelude lacks", span)
        l, r = E.get_app_args(t)
        return E.mk_app_n(E.mk_const(Name.of("propext")), [l, r, pf]), l, r, mvars
    raise ElabError(f"Tactic `{what}` failed: Equality or iff proof expected\n  {tc.pp(t)}", span)


def eq_of(tc: TacticContext, l: Expr) -> tuple[Expr, list[Any]]:
    """The type of `l` and the universe level list of `Eq` at it."""
    meta = tc.meta
    alpha = meta.instantiate_mvars(meta.infer_type(l))
    u = tc.te.ensure_type(alpha, None)
    return alpha, [meta.instantiate_level_mvars(u)]


def transport_back(tc: TacticContext, abstracted: Expr, l: Expr, r: Expr, heq: Expr, new_proof: Expr,
                   span: Any) -> Expr:
    """From `heq : l = r` and a proof of `P r` (`P` = `abstracted`, one loose bvar), a proof of `P l`:
    `Eq.rec (motive := fun x _ => P x) new_proof (Eq.symm heq)`."""
    meta = tc.meta
    alpha, lv = eq_of(tc, l)
    u = meta.instantiate_level_mvars(tc.te.ensure_type(E.instantiate1(abstracted, l), span))
    eq_rx = E.mk_app_n(E.mk_const(Name.of("Eq"), lv), [alpha, r, E.mk_bvar(0)])
    motive = E.mk_lam(Name.of("x"), alpha, E.mk_lam(Name.of("h"), eq_rx, E.lift_loose_bvars(abstracted, 1)))
    symm = E.mk_app_n(E.mk_const(Name.of("Eq.symm"), lv), [alpha, l, r, heq])
    return E.mk_app_n(E.mk_const(Name.of("Eq.rec"), [u] + lv), [alpha, r, motive, new_proof, l, symm])


def rewrite_goal(tc: TacticContext, g: MVar, rule: A.Node, symm: bool, span: Any, what: str = "rewrite") -> tuple[MVar, list[MVar]]:
    """Rewrite the target of `g` once with `rule`; the new goal and the rule's leftover mvars (new goals)."""
    meta = tc.meta
    pf, _ = tc.elab_term(g, rule, None, allow_natural=True, allow_holes=True)
    with tc.goal_context(g):
        heq, l, r, mvars = as_equation(tc, pf, span, what)
        if symm:
            heq, l, r = _symm_eq(tc, heq, l, r), r, l
        target = tc.target(g)
        l_inst = meta.instantiate_mvars(l)
        if E.get_app_fn(l_inst).kind == E.MVAR:
            throw_tactic(tc, what, f"Motive is not type correct... pattern is a metavariable\n  {tc.pp(l_inst)}", g, span)
        abstracted = kabstract(tc, target, l_inst)
        if not abstracted.lbr:
            throw_tactic(tc, what, f"Did not find an instance of the pattern in the target expression\n  "
                         f"{tc.pp(l_inst)}", g, span)
        l, r, heq = meta.instantiate_mvars(l), meta.instantiate_mvars(r), meta.instantiate_mvars(heq)
        new_t = meta.instantiate_mvars(E.instantiate1(abstracted, r))
        ng = tc.new_goal(new_t, tc.lctx(g), tc.tag(g))
        proof = transport_back(tc, abstracted, l, r, heq, ng, span)
    meta.assign(g, proof)
    rest = [m for m in mvars if not meta.is_assigned(m)]
    return ng, rest


def _symm_eq(tc: TacticContext, heq: Expr, l: Expr, r: Expr) -> Expr:
    alpha, lv = eq_of(tc, l)
    return E.mk_app_n(E.mk_const(Name.of("Eq.symm"), lv), [alpha, l, r, heq])


def replace_hyp(tc: TacticContext, g: MVar, h: FVar, new_type: Expr, proof: Expr) -> MVar:
    """A goal where the hypothesis `h` has the type `new_type` (proved by `proof` from the old context);
    `h` keeps its place and name when nothing depends on it."""
    meta = tc.meta
    lctx = list(tc.lctx(g))
    i = lctx.index(h)
    nh = meta.mk_local(h.name, new_type, h.bi)
    depends = any(h in E.find(meta.instantiate_mvars(y.type), lambda x: x is h) and True or False
                  for y in lctx[i + 1:] if E.find(meta.instantiate_mvars(y.type), lambda x: x is h) is not None)
    if depends or E.find(tc.target(g), lambda x: x is h) is not None:
        new_lctx = lctx + [nh]
    else:
        new_lctx = lctx[:i] + lctx[i + 1:] + [nh] if _mentions_later(meta, new_type, lctx[i + 1:]) else \
            lctx[:i] + [nh] + lctx[i + 1:]
    ng = tc.new_goal(tc.target(g), new_lctx, tc.tag(g))
    saved = meta.lctx
    meta.lctx = [y for y in new_lctx if y is not nh]
    try:
        lam = meta.mk_lambda_fvars([nh], ng)
    finally:
        meta.lctx = saved
    meta.assign(g, E.mk_app(lam, proof))
    return ng


def _mentions_later(meta: Any, t: Expr, later: Sequence[FVar]) -> bool:
    s = set(later)
    return E.find(t, lambda x: x in s) is not None if s else False


def rewrite_hyp(tc: TacticContext, g: MVar, h: FVar, rule: A.Node, symm: bool, span: Any) -> tuple[MVar, list[MVar]]:
    meta = tc.meta
    pf, _ = tc.elab_term(g, rule, None, allow_natural=True, allow_holes=True)
    with tc.goal_context(g):
        heq, l, r, mvars = as_equation(tc, pf, span, "rewrite")
        if symm:
            heq, l, r = _symm_eq(tc, heq, l, r), r, l
        ht = meta.instantiate_mvars(h.type)
        l_inst = meta.instantiate_mvars(l)
        abstracted = kabstract(tc, ht, l_inst)
        if not abstracted.lbr:
            throw_tactic(tc, "rewrite", f"Did not find an instance of the pattern in the target expression\n  "
                         f"{tc.pp(l_inst)}", g, span)
        l, r, heq = meta.instantiate_mvars(l), meta.instantiate_mvars(r), meta.instantiate_mvars(heq)
        alpha, lv = eq_of(tc, l)
        new_t = meta.instantiate_mvars(E.instantiate1(abstracted, r))
        u = meta.instantiate_level_mvars(tc.te.ensure_type(ht, span))
        # Eq.rec {α} {a := l} {motive := fun x _ => P x} (h : P l) {b := r} heq : P r
        eq_lx = E.mk_app_n(E.mk_const(Name.of("Eq"), lv), [alpha, l, E.mk_bvar(0)])
        motive = E.mk_lam(Name.of("x"), alpha, E.mk_lam(Name.of("h"), eq_lx, E.lift_loose_bvars(abstracted, 1)))
        proof = E.mk_app_n(E.mk_const(Name.of("Eq.rec"), [u] + lv), [alpha, l, motive, h, r, heq])
    ng = replace_hyp(tc, g, h, new_t, proof)
    return ng, [m for m in mvars if not meta.is_assigned(m)]


# ====================================================================== equation lemmas
def definition_named(tc: TacticContext, rule: A.Node) -> Name | None:
    """The definition a rule names (`rw [f]`, `simp [f]`), when it is one and not a local or a theorem."""
    if not isinstance(rule, A.Ident):
        return None
    if tc.te._find_local(Name.of(rule.name)) is not None:  # noqa: SLF001
        return None
    c = tc.te.resolve_global(Name.of(rule.name), rule.span)
    info = tc.env.find(c) if c is not None else None
    if info is None or getattr(info, "value", None) is None or tc.meta.is_prop(info.type):
        return None
    return c


def equations_of(tc: TacticContext, name: Name) -> list[Name]:
    """`name.eq_1`, … (or `name.eq_def` alone when there are none), as the recursion compiler made them."""
    from ..elab.recursion import equation_lemmas

    eqs = equation_lemmas(tc.env, name)
    numbered = [n for n in eqs if str(n.last) != "eq_def"]
    return numbered or eqs


def lemma_ident(span: Any, name: Name) -> A.Ident:
    return A.Ident(span, "_root_." + str(name))


# ====================================================================== rw
def _rules_and_locs(tc: TacticContext, stx: A.Tactic) -> tuple[list[A.TacRule], list[Any] | None]:
    rules: list[A.TacRule] = []
    locs: list[Any] | None = None
    args = list(stx.args)
    i = 0
    while i < len(args):
        a = args[i]
        if isinstance(a, A.TacList):
            rules.extend(a.rules)
        elif isinstance(a, A.TacKeyword) and a.text == "at":
            locs = list(args[i + 1:])
            break
        elif isinstance(a, A.TacNamedArg):
            pass  # configuration is ignored
        else:
            raise ElabError(f"'{stx.name}' expects a list of rules `[…]`", getattr(a, "span", stx.span))
        i += 1
    return rules, locs


def rewrite_goal_with(tc: TacticContext, g: MVar, rule: A.Node, symm: bool, span: Any) -> tuple[MVar, list[MVar]]:
    """`rw [rule]` on the target; a definition's name rewrites with the first of its equation lemmas that
    applies, as Lean does."""
    with tc.goal_context(g):
        d = definition_named(tc, rule)
    if d is None:
        return rewrite_goal(tc, g, rule, symm, span)
    eqs = equations_of(tc, d)
    if not eqs:
        raise ElabError(f"rewriting with the definition '{d}' is not supported yet (it has no equation lemmas)", span)
    for n in eqs:
        out: list[tuple[MVar, list[MVar]]] = []
        err = tc.try_run(lambda n=n: out.append(rewrite_goal(tc, g, lemma_ident(span, n), symm, span)))
        if err is None:
            return out[0]
    # as Lean: each equation is tried in turn, and the failure names the definition
    raise ElabError(f"Failed to rewrite using equation theorems for `{d}`", span)


def hyp_named(tc: TacticContext, g: MVar, n: A.Node) -> FVar:
    if not isinstance(n, A.Ident):
        raise ElabError("expected a hypothesis name", getattr(n, "span", None))
    with tc.goal_context(g):
        x = tc.te._find_local(Name.of(n.name))  # noqa: SLF001
    if x is None or x not in tc.lctx(g):
        raise ElabError(messages.unknown_identifier(n.name), n.span)
    return x


@tactic("rw", "rewrite", "rwa")
def _rw(tc: TacticContext, stx: A.Tactic) -> None:
    rules, locs = _rules_and_locs(tc, stx)
    if not rules:
        raise ElabError(f"'{stx.name}' needs at least one rule", stx.span)
    meta = tc.meta
    for rule in rules:
        if rule.term is None:
            raise ElabError("'*' is not a rewrite rule", rule.span)
        g = tc.main_goal(rule.span)
        symm = rule.prefix == "←"
        targets = locs if locs is not None else [None]
        new_goals: list[MVar] = []
        for loc in targets:
            g = tc.main_goal(rule.span)
            if loc is None or (isinstance(loc, A.TacKeyword) and loc.text == "⊢"):
                ng, extra = rewrite_goal_with(tc, g, rule.term, symm, rule.span)
            elif isinstance(loc, A.TacKeyword) and loc.text == "*":
                raise ElabError("'rw … at *' is not supported yet", loc.span)
            else:
                h = hyp_named(tc, g, loc)
                ng, extra = rewrite_hyp(tc, g, h, rule.term, symm, rule.span)
            tc.replace_main_goal([ng])
            new_goals.extend(extra)
        gs = tc.goals()
        tc.set_goals(gs[:1] + [m for m in new_goals if not meta.is_assigned(m)] + gs[1:])
    # `rw` closes the goal with `rfl` (at reducible transparency) when it can
    if stx.name in ("rw", "rwa"):
        g = tc.goals()[0] if tc.goals() else None
        if g is not None:
            def try_rfl() -> None:
                with meta.with_transparency(REDUCIBLE):
                    rfl_goal(tc, g, stx.span)
            tc.try_run(try_rfl)
    if stx.name == "rwa":
        from .basic import assumption_goal

        g = tc.main_goal(stx.span)
        if not assumption_goal(tc, g):
            throw_tactic(tc, "assumption", "", g, stx.span)
        tc.replace_main_goal([])


# ====================================================================== unfold / delta
def unfold_const(tc: TacticContext, e: Expr, names: set[Name]) -> Expr:
    """`e` with the constants `names` unfolded (applied occurrences beta- and iota-reduced at the head)."""
    meta = tc.meta

    def fn(x: Expr, _off: int) -> Expr | None:
        f = E.get_app_fn(x)
        if f.kind == E.CONST and f.name in names:  # type: ignore[attr-defined]
            info = tc.env.find(f.name)  # type: ignore[attr-defined]
            val = getattr(info, "value", None)
            if val is None:
                return None
            body = E.instantiate_level_params(val, info.level_params, f.levels)  # type: ignore[union-attr, attr-defined]
            args = [E.replace(a, fn) for a in E.get_app_args(x)]
            r = meta.whnf_core(E.mk_app_n(body, args))
            return r
        return None

    return E.replace(e, fn)


@tactic("unfold", "delta", "simp_wf")
def _unfold(tc: TacticContext, stx: A.Tactic) -> None:
    names: set[Name] = set()
    locs: list[Any] | None = None
    args = list(stx.args)
    for i, a in enumerate(args):
        if isinstance(a, A.TacKeyword) and a.text == "at":
            locs = args[i + 1:]
            break
        if not isinstance(a, A.Ident):
            raise ElabError(f"'{stx.name}' expects constant names", getattr(a, "span", stx.span))
        c = tc.te.resolve_global(Name.of(a.name), a.span)
        if c is None:
            raise ElabError(f"unknown constant '{a.name}'", a.span)
        names.add(c)
    g = tc.main_goal(stx.span)
    meta = tc.meta
    if locs is None and stx.name == "unfold" and _unfold_by_equations(tc, g, names, stx.span):
        return
    if stx.name == "simp_wf":   # Lean's `try simp only [InvImage, …]`: the goals it cleans up, never a failure
        names |= {n for n in map(Name.of, ("InvImage", "invImage", "measure", "WellFoundedRelation.rel"))
                  if tc.env.find(n) is not None}
    with tc.goal_context(g):
        if locs is None:
            t = tc.target(g)
            nt = unfold_const(tc, t, names)
            if nt is t and stx.name == "simp_wf":
                return
            if nt is t:
                throw_tactic(tc, stx.name, f"Failed to unfold {', '.join(f'`{n}`' for n in sorted(map(str, names)))}",
                             g, stx.span)
            ng = tc.change_goal(g, nt)
            tc.replace_main_goal([ng])
            return
    for loc in locs:
        g = tc.main_goal(stx.span)
        h = hyp_named(tc, g, loc)
        with tc.goal_context(g):
            nt = unfold_const(tc, meta.instantiate_mvars(h.type), names)
        tc.replace_main_goal([replace_hyp(tc, g, h, nt, h)])


def _unfold_by_equations(tc: TacticContext, g: MVar, names: set[Name], span: Any) -> bool:
    """`unfold f` with `f.eq_def` (what Lean's `unfold` uses), once for each occurrence of `f` in the target;
    False when some name has no `eq_def` (delta unfolding is used then)."""
    from ..elab.recursion import equation_lemmas, reduce_cases_on_constructors

    defs = []
    for n in sorted(names, key=str):
        eq_def = [e for e in equation_lemmas(tc.env, n) if str(e.last) == "eq_def"]
        if not eq_def:
            if n in tc.meta.irreducible:   # well-founded recursion through a match: no `eq_def` yet
                raise ElabError(f"unfold of '{n}', defined by well-founded recursion whose equations are not "
                                "generated, is not supported yet", span)
            return False
        defs.append((n, eq_def[0]))
    progress = False
    for n, eq_def in defs:
        count = sum(1 for x in E.subterms(tc.target(tc.main_goal(span))) if x.kind == E.CONST and x.name is n)  # type: ignore[attr-defined]
        for _ in range(count):
            g = tc.main_goal(span)
            out: list[MVar] = []
            if tc.try_run(lambda g=g: out.append(rewrite_goal(tc, g, lemma_ident(span, eq_def), False, span)[0])) is not None:
                break
            tc.replace_main_goal(out)
            progress = True
    if not progress:
        g = tc.main_goal(span)
        throw_tactic(tc, "unfold", f"Failed to unfold {', '.join(f'`{n}`' for n, _ in defs)}", g, span)
    # as Lean's `unfold`, a match on a constructor that unfolding exposed is reduced (its `reduceMatcher`)
    g = tc.main_goal(span)
    target = tc.target(g)
    with tc.goal_context(g):
        reduced = reduce_cases_on_constructors(tc.meta, tc.env, target)
    if reduced is not target:
        tc.replace_main_goal([tc.change_goal(g, reduced)])
    return True


def change_hyp(tc: TacticContext, g: MVar, hstx: Any, type_stx: A.Node, span: Any) -> None:
    meta = tc.meta
    h = hyp_named(tc, g, hstx)
    v, _ = tc.elab_term(g, type_stx, None, allow_natural=True)
    with tc.goal_context(g):
        if not meta.is_def_eq(v, meta.instantiate_mvars(h.type)):
            throw_tactic(tc, "change", f"the given type\n  {tc.pp(v)}\nis not definitionally equal to\n  "
                         f"{tc.pp(h.type)}", g, span)
    tc.replace_main_goal([replace_hyp(tc, g, h, meta.instantiate_mvars(v), h)])


_ = (FVAR, L)
