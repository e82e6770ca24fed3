"""The basic tactics: closing goals with terms (`exact`, `refine`, `apply`, `constructor`, `exists`, `left`,
`right`, `rfl`, `assumption`, `trivial`, `contradiction`, `exfalso`, `symm`, `trans`, `sorry`), introducing
(`intro`, `intros`) and local facts (`have`, `let`, `suffices`, `show`, `change`), and `done`/`skip`."""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel.declaration import InductiveInfo
from ..kernel.expr import CONST, PI, Expr, MVar
from ..kernel.name import Name
from ..pretty.names import has_macro_scopes
from ..syntax import ast as A
from ..elab import messages
from ..elab.errors import ElabError
from ..elab.mctx import beta
from ..elab.term import _ConstApp, hygienic
from .core import (NO_GOALS, TacticContext, is_const_app, keyword_span, pp_goals, throw_tactic, type_mismatch,
                   unsolved_goals)
from .registry import tactic

ANON = Name.anonymous()


# ====================================================================== helpers
def term_args(stx: A.Tactic) -> list[Any]:
    return [a for a in stx.args if not isinstance(a, A.TacKeyword)]


def one_term(stx: A.Tactic) -> A.Term:
    args = stx.args
    if len(args) != 1 or isinstance(args[0], (A.TacKeyword, A.TacList, A.TacticSeq, A.TacAlts)):
        raise ElabError(f"'{stx.name}' with these arguments is not supported yet", stx.span)
    return args[0]  # type: ignore[return-value]


def tag_new_goals(tc: TacticContext, parent: Name, suffix: str, goals: list[MVar]) -> list[MVar]:
    """Lean's `tagUntaggedGoals`: one untagged new goal inherits the parent's tag, several get
    `parent.suffix_i`."""
    meta = tc.meta
    anon = [g for g in goals if meta.decl(g).user_name.is_anonymous()]
    if not anon:
        return goals
    out = []
    idx = 1
    for g in goals:
        if g in anon:
            if len(anon) == 1:
                tag = parent
            else:
                tag = _append(parent, f"{suffix}_{idx}")
            idx += 1
            if not tag.is_anonymous():
                d = meta.decl(g)
                ng = tc.new_goal(d.type, d.lctx, tag, d.kind)
                meta.assign(g, ng)
                g = ng
        out.append(g)
    return out


def _append(n: Name, s: str) -> Name:
    return Name.of(s) if n.is_anonymous() else n.append(s)


def refine_core(tc: TacticContext, stx: A.Node, span: Any, *, tag_suffix: str = "refine",
                allow_natural: bool = False) -> list[MVar]:
    """`refine e`: `e`'s `?_`/`?x` holes become the new goals (replacing the main goal)."""
    g = tc.main_goal(span)
    v, new = tc.elab_term(g, stx, tc.target(g), allow_holes=True, allow_natural=allow_natural)
    tc.close_goal(g, v, span, check=False, tactic="refine")
    meta = tc.meta
    holes = [m for m in new if not meta.is_assigned(m)]
    holes = tag_new_goals(tc, tc.tag(g), tag_suffix, holes)
    tc.replace_main_goal(holes)
    return holes


def apply_expr(tc: TacticContext, g: MVar, f: Expr, span: Any, what: str = "apply",
               shown: str | None = None) -> list[MVar]:
    """Lean's `MVarId.apply`: instantiate `f`'s leading Π binders with fresh mvars until its conclusion
    unifies with the target; the unassigned ones are the new goals (non-dependent first)."""
    meta = tc.meta
    target = tc.target(g)
    with tc.goal_context(g):
        ft = meta.instantiate_mvars(meta.infer_type(f))
        n_f = _arity(tc, ft)
        n_t = _arity(tc, target)
        first = max(n_f - n_t, 0)
        order = list(range(first, n_f + 1)) + list(range(first - 1, -1, -1))
        for n in order:
            st = meta.save()
            args, binfos, names, body = _telescope(tc, ft, n)
            if args is not None and meta.is_def_eq(body, target):
                meta.commit(st)
                break
            meta.restore(st)
        else:
            head = shown if shown is not None else tc.pp(f)
            throw_tactic(tc, what, _unify_failure(tc, head, ft, first, target), g, span)
        # instance arguments are synthesized
        table = tc.te.table
        from ..elab.instances import synth_instance
        for a, bi in zip(args, binfos):
            if bi == E.INST_IMPLICIT and not meta.is_assigned(a):
                r = synth_instance(meta, meta.instantiate_mvars(meta.decl(a).type), table)
                if r is None or not meta.is_def_eq(a, r):
                    raise ElabError(messages.failed_to_synthesize(tc.pp, meta.instantiate_mvars(meta.decl(a).type)),
                                    span)
        if len(args) == 1 and not meta.is_assigned(args[0]):  # Lean's `appendParentTag`: a single new
            d = meta.decl(args[0])                            # goal inherits the parent's tag
            if d.user_name != tc.tag(g):
                inherit = tc.new_goal(d.type, d.lctx, tc.tag(g), d.kind)
                meta.assign(args[0], inherit)
                args = [inherit]
        value = meta.instantiate_mvars(E.mk_app_n(f, args))
    if value == g:
        # `apply ?x` naming this very goal: Lean assigns the goal to itself, so it leaves the goal list but
        # stays a metavariable of the proof (which the kernel then refuses); leanr leaves it unassigned
        tc.replace_main_goal([])
        return []
    if g in meta.mctx.collect_mvars(value):
        throw_tactic(tc, what, "the goal occurs in the term it would be assigned", g, span)
    meta.assign(g, value)
    new = [a for a in args if not meta.is_assigned(a)]
    deps = set()
    for a in new:
        for m in meta.mctx.collect_mvars(meta.instantiate_mvars(meta.decl(a).type)):
            deps.add(m.serial)
    nondep = [a for a in new if a.serial not in deps]
    dep = [a for a in new if a.serial in deps]
    others = [m for m in meta.mctx.collect_mvars(value) if m not in new and not meta.is_assigned(m)
              and meta.decl(m).kind != "synthetic"]
    result = nondep + dep + [m for m in others if m not in nondep and m not in dep]
    tc.replace_main_goal(result)
    return result


def _arity(tc: TacticContext, t: Expr) -> int:
    n = 0
    meta = tc.meta
    while True:
        if t.kind != PI:
            t = meta.whnf(t)
            if t.kind != PI:
                return n
        n += 1
        t = t.body  # type: ignore[attr-defined]
        if t.lbr:  # dependent body: count with a placeholder
            t = E.instantiate1(t, E.mk_sort(E.PROP.level))  # type: ignore[attr-defined]


def _unify_failure(tc: TacticContext, head: str, ft: Expr, n_args: int, target: Expr) -> str:
    """Lean's `throwApplyError`: the type of `head` after the `n_args` arguments first tried, its full type in
    a note when that is not the whole type."""
    st = tc.meta.save()
    try:
        _, _, _, conclusion = _telescope(tc, ft, n_args)
        shown_conclusion = tc.pp(conclusion) if n_args else ""
    finally:
        tc.meta.restore(st)
    if not n_args:
        return f"could not unify the type of `{head}`\n  {tc.pp(ft)}\nwith the goal\n  {tc.pp(target)}"
    return (f"could not unify the conclusion of `{head}`\n  {shown_conclusion}\nwith the goal\n  {tc.pp(target)}\n\n"
            f"Note: The full type of `{head}` is\n  {tc.pp(ft)}")


def _telescope(tc: TacticContext, t: Expr, n: int) -> tuple[Any, list[int], list[Name], Expr]:
    meta = tc.meta
    args: list[MVar] = []
    binfos: list[int] = []
    names: list[Name] = []
    for _ in range(n):
        if t.kind != PI:
            t = meta.whnf(t)
            if t.kind != PI:
                return None, [], [], t
        nm = t.name  # type: ignore[attr-defined]
        user = ANON if has_macro_scopes(nm) or nm.is_anonymous() else nm
        kind = "synthetic" if t.bi == E.INST_IMPLICIT else "natural"  # type: ignore[attr-defined]
        m = meta.new_mvar(t.type, kind, user)  # type: ignore[attr-defined]
        args.append(m)
        binfos.append(t.bi)  # type: ignore[attr-defined]
        names.append(user)
        t = E.instantiate1(t.body, m)  # type: ignore[attr-defined]
    return args, binfos, names, t


def whnf_target(tc: TacticContext, g: MVar) -> Expr:
    with tc.goal_context(g):
        return tc.meta.whnf_r(tc.target(g))


def inductive_of(tc: TacticContext, t: Expr) -> tuple[InductiveInfo | None, Expr]:
    h = E.get_app_fn(t)
    info = tc.env.find(h.name) if h.kind == CONST else None  # type: ignore[attr-defined]
    return (info if isinstance(info, InductiveInfo) else None), h


def apply_const(tc: TacticContext, g: MVar, name: Name, span: Any, what: str) -> list[MVar]:
    with tc.goal_context(g):
        f = tc.meta.mk_const(name)
    return apply_expr(tc, g, f, span, what, shown=str(name))


def const_app(span: Any, name: str, *args: Any) -> A.Term:
    return _ConstApp(span, name, tuple(args))


# ====================================================================== closing with terms
@tactic("exact")
def _exact(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    v, _ = tc.elab_term(g, one_term(stx), tc.target(g))
    tc.close_goal(g, v, stx.span, check=False)
    tc.replace_main_goal([])


@tactic("refine")
def _refine(tc: TacticContext, stx: A.Tactic) -> None:
    refine_core(tc, one_term(stx), stx.span)


@tactic("refine'")
def _refine_prime(tc: TacticContext, stx: A.Tactic) -> None:
    refine_core(tc, one_term(stx), stx.span, tag_suffix="refine'", allow_natural=True)


@tactic("apply")
def _apply(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    term = one_term(stx)
    f, _ = tc.elab_term(g, term, None, allow_holes=True, allow_natural=True)
    apply_expr(tc, g, f, stx.span)


@tactic("apply?", "rw?", "simp?", "aesop", "norm_num", "linarith", "positivity", "ring", "nlinarith")
def _unsupported_search(tc: TacticContext, stx: A.Tactic) -> None:
    raise ElabError(f"the tactic '{stx.name}' is not supported yet", stx.span)


@tactic("constructor")
def _constructor(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    t = whnf_target(tc, g)
    info, _ = inductive_of(tc, t)
    if info is None:
        throw_tactic(tc, "constructor", "target is not an inductive datatype", g, stx.span)
    for c in info.ctors:  # type: ignore[union-attr]
        err = tc.try_run(lambda c=c: apply_const(tc, g, c, stx.span, "constructor"))
        if err is None:
            return
    throw_tactic(tc, "constructor", "no applicable constructor found", g, stx.span)


def _left_right(tc: TacticContext, stx: A.Tactic, idx: int) -> None:
    g = tc.main_goal(stx.span)
    t = whnf_target(tc, g)
    info, _ = inductive_of(tc, t)
    if info is None or len(info.ctors) != 2:
        throw_tactic(tc, stx.name, "target is not an inductive datatype with two constructors" if info is None
                     else f"target is an inductive type with {len(info.ctors)} constructors, expected 2", g, stx.span)
    apply_const(tc, g, info.ctors[idx], stx.span, stx.name)  # type: ignore[union-attr]


@tactic("left")
def _left(tc: TacticContext, stx: A.Tactic) -> None:
    _left_right(tc, stx, 0)


@tactic("right")
def _right(tc: TacticContext, stx: A.Tactic) -> None:
    _left_right(tc, stx, 1)


@tactic("exists", "exists'")
def _exists(tc: TacticContext, stx: A.Tactic) -> None:
    """`exists x, y` is `refine ⟨x, y, ?_⟩; try trivial`."""
    terms = term_args(stx)
    if not terms:
        raise ElabError("'exists' needs at least one term", stx.span)
    anon = A.AnonCtor(stx.span, tuple(terms) + (A.SyntheticHole(stx.span, None),))
    refine_core(tc, anon, stx.span)
    g = tc.goals()[0] if tc.goals() else None
    if g is not None:
        tc.try_run(lambda: _trivial_goal(tc, stx))


@tactic("exfalso")
def _exfalso(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    meta = tc.meta
    with tc.goal_context(g):
        false = E.mk_const(Name.of("False"))
        ng = tc.new_goal(false, tc.lctx(g), tc.tag(g))
        u = tc.te.ensure_type(tc.target(g), stx.span)
        meta.assign(g, E.mk_app_n(E.mk_const(Name.of("False.elim"), [u]), [tc.target(g), ng]))
    tc.replace_main_goal([ng])


@tactic("sorry", "admit")
def _sorry(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    observer = tc.te.__dict__.get("on_sorry")
    if observer is not None:  # the REPL numbers the goals of `sorry`s as proof states
        from .state import ProofState
        observer(stx.span, ProofState.capture(tc.te, [g]))
    with tc.goal_context(g):
        v, _ = tc.elab_term(g, A.Sorry(stx.span), tc.target(g))
    tc.close_goal(g, v, stx.span, check=False)
    tc.te.uses_sorry = True
    tc.replace_main_goal([])


@tactic("done")
def _done(tc: TacticContext, stx: A.Tactic) -> None:
    gs = tc.goals()
    if gs:
        raise unsolved_goals(tc, gs, stx.span)


@tactic("skip")
def _skip(tc: TacticContext, stx: A.Tactic) -> None:
    pass


# ====================================================================== rfl and friends
_REFL = {"Eq": "Eq.refl", "Iff": "Iff.refl", "HEq": "HEq.refl"}


@tactic("rfl")
def _rfl(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    rfl_goal(tc, g, stx.span)


@tactic("ac_rfl")
def _ac_rfl(tc: TacticContext, stx: A.Tactic) -> None:
    """Closes what `rfl` closes; equalities up to associativity and commutativity are not supported yet."""
    g = tc.main_goal(stx.span)
    if tc.try_run(lambda: rfl_goal(tc, g, stx.span)) is not None:
        raise ElabError("the tactic 'ac_rfl' is not supported yet beyond definitional equality", stx.span)


def rfl_goal(tc: TacticContext, g: MVar, span: Any) -> None:
    meta = tc.meta
    t = tc.target(g)
    with tc.goal_context(g):
        w = t if _rel_head(t) in _REFL else meta.whnf_r(t)
    head = _rel_head(w)
    if head not in _REFL:
        for lemma in LEAN_CORE_REFL:  # relations whose reflexivity Lean's core marks `@[refl]`
            if tc.env.find(lemma) is not None and tc.try_run(
                    lambda lemma=lemma: _close_by_apply(tc, g, lemma, span)) is None:
                tc.replace_main_goal([])
                return
        throw_tactic(tc, "rfl", "The goal is not a reflexive relation (neither `=` nor a relation with a @[refl] "
                     "lemma)", g, span)
    args = E.get_app_args(w)
    lhs, rhs = (args[1], args[2]) if head == "Eq" else (args[0], args[1]) if head == "Iff" else (args[1], args[3])
    with tc.goal_context(g):
        ok = meta.is_def_eq(lhs, rhs) if head != "HEq" else (
            meta.is_def_eq(args[0], args[2]) and meta.is_def_eq(lhs, rhs))
        if not ok:
            throw_tactic(tc, "rfl", f"The left-hand side\n  {tc.pp(lhs)}\nis not definitionally equal to the "
                         f"right-hand side\n  {tc.pp(rhs)}", g, span)
        refl = Name.of(_REFL[head])
        if tc.env.find(refl) is None:
            raise ElabError(f"unknown constant '{refl}'", span)
        f = meta.mk_const(refl)
        if head == "Eq":
            lv = E.get_app_fn(w).levels  # type: ignore[attr-defined]
            v = E.mk_app_n(E.mk_const(refl, lv), [args[0], lhs])
        elif head == "Iff":
            v = E.mk_app(f, lhs)
        else:
            lv = E.get_app_fn(w).levels  # type: ignore[attr-defined]
            v = E.mk_app_n(E.mk_const(refl, lv), [args[0], lhs])
    tc.close_goal(g, v, span)
    tc.replace_main_goal([])


LEAN_CORE_REFL = tuple(Name.of(n) for n in ("Nat.le_refl", "Int.le_refl", "Iff.refl", "HEq.refl"))


def _close_by_apply(tc: TacticContext, g: MVar, lemma: Name, span: Any) -> None:
    if apply_const(tc, g, lemma, span, "rfl"):
        raise ElabError("reflexivity lemma left goals", span)


def _rel_head(t: Expr) -> str | None:
    h = E.get_app_fn(t)
    if h.kind != CONST:
        return None
    n = str(h.name)  # type: ignore[attr-defined]
    k = E.get_app_num_args(t)
    if (n == "Eq" and k == 3) or (n == "Iff" and k == 2) or (n == "HEq" and k == 4):
        return n
    return None


@tactic("assumption")
def _assumption(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    if not assumption_goal(tc, g):
        throw_tactic(tc, "assumption", "", g, stx.span)


def assumption_goal(tc: TacticContext, g: MVar) -> bool:
    meta = tc.meta
    t = tc.target(g)
    with tc.goal_context(g):
        for x in reversed(tc.lctx(g)):
            if meta.is_def_eq(meta.instantiate_mvars(x.type), t):
                meta.assign(g, x)
                return True
    return False


def _trivial_goal(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    if tc.try_run(lambda: rfl_goal(tc, g, stx.span)) is None:
        return
    if assumption_goal(tc, g):
        tc.replace_main_goal([])
        return
    t = whnf_target(tc, g)
    if is_const_app(t, "True", 0):
        tc.close_goal(g, E.mk_const(Name.of("True.intro")), stx.span)
        tc.replace_main_goal([])
        return
    if is_const_app(t, "And", 2):
        def both() -> None:
            new = apply_const(tc, g, Name.of("And.intro"), stx.span, "trivial")
            for n in new:
                tc.focus(n, lambda: _trivial_goal(tc, stx))
        if tc.try_run(both) is None:
            return
    from .decide import decide_goal
    if tc.try_run(lambda: decide_goal(tc, g, stx.span)) is None:
        return
    raise ElabError(f"Tactic `trivial` failed\n\n{tc.pp_goal(g)}", stx.span)


@tactic("trivial")
def _trivial(tc: TacticContext, stx: A.Tactic) -> None:
    _trivial_goal(tc, stx)


@tactic("contradiction")
def _contradiction(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    meta = tc.meta
    target = tc.target(g)
    with tc.goal_context(g):
        u = tc.te.ensure_type(target, stx.span)
        hyps = tc.lctx(g)
        for x in hyps:
            t = meta.whnf(meta.instantiate_mvars(x.type))
            if is_const_app(t, "False", 0):
                meta.assign(g, E.mk_app_n(E.mk_const(Name.of("False.elim"), [u]), [target, x]))
                tc.replace_main_goal([])
                return
            # `h : ¬ a = a`
            if t.kind == PI and not t.body.lbr:  # type: ignore[attr-defined]
                dom = meta.instantiate_mvars(t.type)  # type: ignore[attr-defined]
                cod = meta.whnf(t.body)  # type: ignore[attr-defined]
                if is_const_app(cod, "False", 0):
                    if is_const_app(dom, "Eq", 3):
                        a = E.get_app_args(dom)
                        if meta.is_def_eq(a[1], a[2]):
                            pf = E.mk_app_n(E.mk_const(Name.of("Eq.refl"), E.get_app_fn(dom).levels), [a[0], a[1]])  # type: ignore[attr-defined]
                            meta.assign(g, E.mk_app_n(E.mk_const(Name.of("False.elim"), [u]),
                                                      [target, E.mk_app(x, pf)]))
                            tc.replace_main_goal([])
                            return
                    for y in hyps:
                        if meta.is_def_eq(meta.instantiate_mvars(y.type), dom):
                            meta.assign(g, E.mk_app_n(E.mk_const(Name.of("False.elim"), [u]),
                                                      [target, E.mk_app(x, y)]))
                            tc.replace_main_goal([])
                            return
    from .cases import contradiction_by_cases
    from .injection import mismatch_false
    for x in tc.lctx(g):
        pf = mismatch_false(tc, g, x)
        if pf is not None:
            with tc.goal_context(g):
                meta.assign(g, E.mk_app_n(E.mk_const(Name.of("False.elim"), [u]), [target, pf]))
            tc.replace_main_goal([])
            return
    if contradiction_by_cases(tc, g, stx.span):
        return
    throw_tactic(tc, "contradiction", "", g, stx.span)


@tactic("symm")
def _symm(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    t = whnf_target(tc, g)
    for rel, lemma in (("Eq", "Eq.symm"), ("Iff", "Iff.symm"), ("HEq", "HEq.symm"), ("Ne", "Ne.symm")):
        if is_const_app(tc.target(g), rel) or is_const_app(t, rel):
            if tc.env.find(Name.of(lemma)) is None:
                break
            refine_core(tc, const_app(stx.span, lemma, A.SyntheticHole(stx.span, None)), stx.span)
            return
    throw_tactic(tc, "symm", "the goal is not of the form `a = b`, `a ≠ b`, `a ↔ b` or `HEq a b`", g, stx.span)


@tactic("trans")
def _trans(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    t = tc.target(g)
    if not is_const_app(t, "Eq", 3):
        raise ElabError("'trans' is only supported for '=' yet", stx.span)
    terms = term_args(stx)
    mid: A.Term = terms[0] if terms else A.SyntheticHole(stx.span, None)
    hole = A.SyntheticHole(stx.span, None)
    anon_b = A.Hole(stx.span)
    e = A.App(stx.span, A.Explicit(stx.span, A.Ident(stx.span, "Eq.trans")),
              (anon_b, anon_b, mid, anon_b, hole, hole))
    refine_core(tc, e, stx.span)


# ====================================================================== intro
@tactic("intro")
def _intro(tc: TacticContext, stx: A.Tactic) -> None:
    if stx.args and isinstance(stx.args[0], A.MatchAlt):
        _intro_match(tc, stx)
        return
    args = term_args(stx)
    if not args:
        g = tc.main_goal(stx.span)
        _, ng = tc.intro_local(g, None, stx.span, inaccessible=True)
        tc.replace_main_goal([ng])
        return
    for a in args:
        intro_pattern(tc, a, stx.span)


def _intro_match(tc: TacticContext, stx: A.Tactic) -> None:
    """`intro | pats => tacs | …` is Lean's `refine fun | pats => ?_ | …` with the alternatives' tactics
    run on the holes: the function by cases, each alternative proved by its tactics."""
    alts = [_tactic_alt_as_term(a) for a in stx.args if isinstance(a, A.MatchAlt)]
    refine_core(tc, A.LamAlts(stx.span, tuple(alts)), stx.span, tag_suffix="intro")


def intro_pattern(tc: TacticContext, a: A.Node, span: Any) -> None:
    g = tc.main_goal(span)
    while isinstance(a, A.Paren):
        a = a.term
    if isinstance(a, A.Ident) and "." not in a.name:
        _, ng = tc.intro_local(g, Name.of(a.name), span)
        tc.replace_main_goal([ng])
    elif isinstance(a, A.Hole):
        _, ng = tc.intro_local(g, None, span, inaccessible=True)
        tc.replace_main_goal([ng])
    elif isinstance(a, (A.AnonCtor, A.Tuple)):  # `(a, b)` destructures a pair like `⟨a, b⟩`
        if isinstance(a, A.Tuple):
            a = A.AnonCtor(a.span, a.elems)
        x, ng = tc.intro_local(g, hygienic("h"), span)
        tc.replace_main_goal([ng])
        from .cases import rcases_pattern_on
        rcases_pattern_on(tc, x, a, span)
    elif isinstance(a, A.Ascription) and isinstance(a.term, A.Ident) and a.type is not None:
        x, ng = tc.intro_local(g, Name.of(a.term.name), span)
        ty = tc.elab_type(ng, a.type)
        with tc.goal_context(ng):
            if not tc.meta.is_def_eq(ty, tc.meta.instantiate_mvars(x.type)):
                raise ElabError(type_mismatch(tc, x, x.type, ty), a.span)
        tc.replace_main_goal([ng])
    else:
        raise ElabError("this 'intro' pattern is not supported yet", getattr(a, "span", span))


@tactic("intros")
def _intros(tc: TacticContext, stx: A.Tactic) -> None:
    args = term_args(stx)
    if args:
        for a in args:
            name = None if isinstance(a, A.Hole) else Name.of(a.name) if isinstance(a, A.Ident) else None
            if name is None and not isinstance(a, A.Hole):
                raise ElabError("'intros' takes identifiers or '_'", a.span)
            g = tc.main_goal(stx.span)
            _, ng = tc.intro_local(g, name, stx.span, inaccessible=name is None)
            tc.replace_main_goal([ng])
        return
    meta = tc.meta
    while True:
        g = tc.main_goal(stx.span)
        t = tc.target(g)
        if t.kind not in (PI, E.LET):
            with tc.goal_context(g):
                w = meta.whnf_core(t)
            if w.kind not in (PI, E.LET):
                return
        _, ng = tc.intro_local(g, None, stx.span, inaccessible=True)
        tc.replace_main_goal([ng])


# ====================================================================== have / let / show / change / suffices
def _decl_name(d: A.LetDecl) -> Name:
    if d.pattern is None:
        return Name.of("this")
    if isinstance(d.pattern, A.Ident):
        return Name.of(d.pattern.name)
    if isinstance(d.pattern, A.Hole):
        return hygienic("x")
    raise ElabError("this 'have' pattern is not supported yet", d.pattern.span)


@tactic("have", "let")
def _have(tc: TacticContext, stx: A.Tactic) -> None:
    d = stx.args[0]
    assert isinstance(d, A.LetDecl)
    if d.alts:
        raise ElabError(f"'{stx.name}' with alternatives is not supported yet", stx.span)
    if d.pattern is not None and not isinstance(d.pattern, (A.Ident, A.Hole)):
        if stx.name == "have" and d.value is not None:
            from .cases import obtain_decl
            obtain_decl(tc, d, stx.span)
            return
        raise ElabError(f"this '{stx.name}' pattern is not supported yet", d.pattern.span)
    g = tc.main_goal(stx.span)
    meta = tc.meta
    name = _decl_name(d)
    value_stx: A.Node | None = d.value
    if d.binders:
        if d.value is None:
            raise ElabError(f"'{stx.name}' with binders needs a value", stx.span)
        value_stx = A.Lam(stx.span, d.binders, d.value)  # type: ignore[arg-type]
        if d.type is not None:
            ty_stx: A.Node | None = A.Pi(stx.span, d.binders, d.type)  # type: ignore[arg-type]
        else:
            ty_stx = None
    else:
        ty_stx = d.type
    t = tc.elab_type(g, ty_stx) if ty_stx is not None else None
    new_goals: list[MVar] = []
    if value_stx is None:
        if t is None:
            raise ElabError(f"'{stx.name}' needs a type or a value", stx.span)
        v = tc.new_goal(t, tc.lctx(g), None)
        new_goals.append(v)
    else:
        v, holes = tc.elab_term(g, value_stx, t, allow_holes=True)
        new_goals.extend(h for h in holes if not meta.is_assigned(h))
        if t is None:
            with tc.goal_context(g):
                t = meta.instantiate_mvars(meta.infer_type(v))
    is_let = stx.name == "let"
    x = meta.mk_local(name, t, E.DEFAULT, v if is_let else None)
    ng = tc.new_goal(tc.target(g), tc.lctx(g) + (x,), tc.tag(g))
    with tc.goal_context(g):
        lam = meta.mk_lambda_fvars([x], ng)
        if is_let:
            meta.assign(g, lam)
        else:
            meta.assign(g, E.mk_let(name, meta.instantiate_mvars(t), v, lam.body, nondep=True))  # type: ignore[attr-defined]
    tc.replace_main_goal(new_goals + [ng] if value_stx is None else [ng] + new_goals)


@tactic("suffices")
def _suffices(tc: TacticContext, stx: A.Tactic) -> None:
    d = stx.args[0]
    assert isinstance(d, A.LetDecl)
    if d.value is not None or d.binders or d.type is None:
        raise ElabError("only 'suffices h : t' is supported yet", stx.span)
    g = tc.main_goal(stx.span)
    meta = tc.meta
    name = _decl_name(d)
    t = tc.elab_type(g, d.type)
    x = meta.mk_local(name, t)
    body = tc.new_goal(tc.target(g), tc.lctx(g) + (x,), tc.tag(g))
    arg = tc.new_goal(t, tc.lctx(g), None)
    with tc.goal_context(g):
        lam = meta.mk_lambda_fvars([x], body)
        meta.assign(g, E.mk_app(lam, arg))
    tc.replace_main_goal([body, arg])


@tactic("show")
def _show(tc: TacticContext, stx: A.Tactic) -> None:
    if len(stx.args) > 1:  # `show t from e` is `exact show t from e`
        g = tc.main_goal(stx.span)
        v, _ = tc.elab_term(g, A.Show(stx.span, stx.args[0], stx.args[1]), tc.target(g))  # type: ignore[arg-type]
        tc.close_goal(g, v, stx.span, check=False)
        tc.replace_main_goal([])
        return
    gs = tc.goals()
    if not gs:
        raise ElabError(NO_GOALS, stx.span)
    meta = tc.meta
    last: ElabError | None = None
    for i, g in enumerate(gs):
        def attempt(g: MVar = g) -> None:
            t = tc.elab_type(g, stx.args[0])
            with tc.goal_context(g):
                if not meta.is_def_eq(t, tc.target(g)):
                    raise ElabError(type_mismatch(tc, E.mk_const(Name.of("_")), tc.target(g), t), stx.span)
            ng = tc.change_goal(g, meta.instantiate_mvars(t))
            rest = [x for x in gs if x is not g]
            tc.set_goals([ng] + rest)
        err = tc.try_run(attempt)
        if err is None:
            return
        last = err
    raise ElabError(f"type mismatch\n  {tc.pp(tc.target(gs[0]))}\nis not definitionally equal to the goal"
                    if last is None else last.message, stx.span)


@tactic("change")
def _change(tc: TacticContext, stx: A.Tactic) -> None:
    args = list(stx.args)
    if any(isinstance(a, A.TacKeyword) and a.text == "at" for a in args):
        i = next(k for k, a in enumerate(args) if isinstance(a, A.TacKeyword) and a.text == "at")
        from .rewrite import change_hyp
        g = tc.main_goal(stx.span)
        for h in args[i + 1:]:
            change_hyp(tc, g, h, args[0], stx.span)
            g = tc.main_goal(stx.span)
        return
    g = tc.main_goal(stx.span)
    meta = tc.meta
    v, _ = tc.elab_term(g, args[0], None, allow_natural=True)
    with tc.goal_context(g):
        if not meta.is_def_eq(v, tc.target(g)):
            throw_tactic(tc, "change", f"the given type\n  {tc.pp(v)}\nis not definitionally equal to the goal", g,
                         stx.span)
    ng = tc.change_goal(g, meta.instantiate_mvars(v))
    tc.replace_main_goal([ng])


@tactic("exact_mod_cast", "assumption_mod_cast")
def _mod_cast(tc: TacticContext, stx: A.Tactic) -> None:
    raise ElabError(f"the tactic '{stx.name}' is not supported yet", stx.span)


__all__ = ["apply_expr", "refine_core", "rfl_goal", "assumption_goal", "intro_pattern", "term_args", "one_term",
           "const_app", "inductive_of", "whnf_target", "tag_new_goals", "apply_const"]



@tactic("funext")
def _funext(tc: TacticContext, stx: A.Tactic) -> None:
    """`funext x y`: `apply funext; intro x`, once per name (with no names: while the goal is an equation
    of functions, with inaccessible names)."""
    if tc.env.find(Name.of("funext")) is None:
        raise ElabError("'funext' is not supported yet: the prelude lacks 'funext'", stx.span)
    names = term_args(stx)

    def step(pat: A.Node | None) -> None:
        g = tc.main_goal(stx.span)
        apply_const(tc, g, Name.of("funext"), stx.span, "funext")
        if pat is None:
            g = tc.main_goal(stx.span)
            _, ng = tc.intro_local(g, None, stx.span, inaccessible=True)
            tc.replace_main_goal([ng])
        else:
            intro_pattern(tc, pat, stx.span)

    if names:
        for n in names:
            step(n)
        return
    step(None)
    while tc.goals():
        g = tc.goals()[0]
        t = whnf_target(tc, g)
        if not is_const_app(t, "Eq", 3):
            return
        with tc.goal_context(g):
            ty = tc.meta.whnf(E.get_app_args(t)[0])
        if ty.kind != PI:
            return
        step(None)


@tactic("calc")
def _calc(tc: TacticContext, stx: A.Tactic) -> None:
    """`calc` steps: the `calc` term against the main goal (as `exact calc …`)."""
    g = tc.main_goal(stx.span)
    steps = tuple(a for a in stx.args if isinstance(a, A.CalcStep))
    v, _ = tc.elab_term(g, A.Calc(stx.span, steps), tc.target(g))
    tc.close_goal(g, v, stx.span, check=False)
    tc.replace_main_goal([])


@tactic("match")
def _match(tc: TacticContext, stx: A.Tactic) -> None:
    """Tactic `match`: the term `match … with | pats => by tacs` refined against the main goal (`?_`
    right-hand sides become goals), as Lean's `refine match … with …`."""
    discrs = tuple(a for a in stx.args if isinstance(a, A.MatchDiscr))
    alts = [_tactic_alt_as_term(a) for a in stx.args if isinstance(a, A.MatchAlt)]
    if A.Match not in _term_dispatch():
        raise ElabError("the tactic 'match' is not supported yet", stx.span)
    refine_core(tc, A.Match(stx.span, discrs, None, tuple(alts)), stx.span, tag_suffix="match")


def _tactic_alt_as_term(alt: A.MatchAlt) -> A.MatchAlt:
    """A tactic-mode alternative as a term alternative: tactics become `by tacs`, and `_`
    becomes `?_` so that it turns into a goal."""
    rhs = alt.rhs
    if isinstance(rhs, A.TacticSeq):
        rhs = A.By(rhs.span, rhs)
    elif isinstance(rhs, A.Hole):
        rhs = A.SyntheticHole(rhs.span, None)
    return A.MatchAlt(alt.span, alt.patterns, rhs)


def _term_dispatch() -> dict:
    from ..elab.term import _DISPATCH

    return _DISPATCH


@tactic("specialize")
def _specialize(tc: TacticContext, stx: A.Tactic) -> None:
    """`specialize h a b`: the hypothesis `h` becomes `h a b`."""
    from .rewrite import replace_hyp

    term = one_term(stx)
    head = term.fn if isinstance(term, A.App) else term
    if not isinstance(head, A.Ident):
        raise ElabError("'specialize' expects a hypothesis applied to arguments", stx.span)
    g = tc.main_goal(stx.span)
    with tc.goal_context(g):
        h = tc.te._find_local(Name.of(head.name))  # noqa: SLF001
    if h is None or h not in tc.lctx(g):
        raise ElabError("'specialize' requires a term of the form `h x_1 .. x_n` where `h` appears in the local "
                        "context", stx.span)
    v, _ = tc.elab_term(g, term, None)
    with tc.goal_context(g):
        t = tc.meta.instantiate_mvars(tc.meta.infer_type(v))
    tc.replace_main_goal([replace_hyp(tc, g, h, t, v)])


@tactic("split")
def _split(tc: TacticContext, stx: A.Tactic) -> None:
    """`split` on an `if c then t else e` (or `if h : c then t else e`) of the target: cases `isTrue` (`h✝ : c`,
    the `if` replaced by `t`) and `isFalse` (`h✝ : ¬c`, by `e`), through `Decidable.byCases` and `if_pos`/`if_neg`
    (`dif_pos`/`dif_neg`)."""
    from .cases import revert
    from .rewrite import hyp_named

    g = tc.main_goal(stx.span)
    if not stx.args:
        tc.replace_main_goal(_split_goal(tc, g, tc.target(g), stx.span))
        return
    args = list(stx.args)
    if len(args) != 2 or not isinstance(args[0], A.TacKeyword) or args[0].text != "at" or \
            not isinstance(args[1], A.Ident):
        raise ElabError("'split at' other than at one hypothesis is not supported yet", stx.span)
    # `split at h`: the `if`/`match` of `h` split with `h` reverted into the target, then `h` introduced back
    h = hyp_named(tc, g, args[1])
    g, reverted = revert(tc, g, [h], stx.span)
    new_goals = _split_goal(tc, g, tc.meta.instantiate_mvars(h.type), stx.span)
    out = []
    for ng in new_goals:
        for x in reverted:
            _, ng = tc.intro_local(ng, x.name, stx.span)
        out.append(ng)
    tc.replace_main_goal(out)


def _splittable(tc: TacticContext, x: Expr) -> bool:
    """A closed `if` or a marked `match` (what `split` splits)."""
    return (is_const_app(x, "ite", 5) or is_const_app(x, "dite", 5) or _marked_match(tc, x) is not None) \
        and not x.lbr


def _is_match_redex(x: Expr) -> bool:
    return x.kind == E.APP and x.fn.kind == E.LAM and has_macro_scopes(x.fn.name)  # type: ignore[attr-defined]


def _split_goal(tc: TacticContext, g: MVar, where: Expr, span: Any) -> list[MVar]:
    """Split `g` on the first `if`/`match` of `where` (its target or a reverted hypothesis' type); the new goals."""
    from .cases import kabstract
    from .rewrite import transport_back

    meta = tc.meta
    target = tc.target(g)
    ite = E.find(where, lambda x: _splittable(tc, x))
    if ite is not None and _marked_match(tc, ite) is not None:
        return _split_match(tc, g, ite, span)
    if ite is None and E.find(where, _is_match_redex) is not None:
        # a match on a term that is not a variable compiles to `(fun x✝ => match x✝ with …) d`; one whose one
        # alternative is a variable, to `(fun x✝ => rhs) d`: the redex is reduced (definitionally), and what it
        # exposes is split, if anything (Lean's split on a one-alternative matcher takes that alternative)
        def reduce(e: Expr) -> Expr:
            return E.replace(e, lambda x, off: beta(x.fn, [x.arg]) if _is_match_redex(x) else None)
        ng = tc.change_goal(g, reduce(target))
        exposed = reduce(where)
        if E.find(exposed, lambda x: _splittable(tc, x)) is None:
            return [ng]
        return _split_goal(tc, ng, exposed if where is not target else tc.target(ng), span)
    if ite is None:
        if E.find(where, lambda x: x.kind == CONST and (".match_" in str(x.name) or str(x.name.last) in (  # type: ignore[attr-defined]
                    "casesOn", "rec", "brecOn"))) is not None:
            raise ElabError("'split' on 'match' is not supported yet", span)
        throw_tactic(tc, "split", "consider using `set_option trace.split.failure true`", g, span)
    dependent = E.get_app_fn(ite).name.last == "dite"  # type: ignore[attr-defined,union-attr]
    alpha, c, inst, t, e = E.get_app_args(ite)  # type: ignore[arg-type]
    u = E.get_app_fn(ite).levels  # type: ignore[attr-defined,union-attr]
    not_c = E.mk_app(E.mk_const(Name.of("Not")), c)
    goals = []
    branches = []
    with tc.goal_context(g):
        q_level = meta.instantiate_level_mvars(tc.te.ensure_type(target, span))
        abstracted = kabstract(tc, target, ite)  # type: ignore[arg-type]
        for tag, hyp_t, lemma, value in (("isTrue", c, "if_pos", t), ("isFalse", not_c, "if_neg", e)):
            h = meta.mk_local(hygienic("h"), hyp_t)
            if dependent:  # `dite c t e`: the branch `t h` (or `e h`), by `dif_pos` (`dif_neg`)
                lemma = lemma.replace("if_", "dif_")
                value = beta(value, [h])
            new_t = E.instantiate1(abstracted, value)
            ng = tc.new_goal(new_t, tc.lctx(g) + (h,), _tag(tc.tag(g), tag))
            eq = E.mk_app_n(E.mk_const(Name.of(lemma), u), [c, inst, h, alpha, t, e])
            saved = meta.lctx
            meta.lctx = list(tc.lctx(g)) + [h]
            try:
                body = transport_back(tc, abstracted, ite, value, eq, ng, span)  # type: ignore[arg-type]
                branches.append(meta.mk_lambda_fvars([h], body))
            finally:
                meta.lctx = saved
            goals.append(ng)
        meta.assign(g, E.mk_app_n(E.mk_const(Name.of("Decidable.byCases"), [q_level]),
                                  [c, target, inst] + branches))
    return goals


def _marked_match(tc: TacticContext, e: Expr) -> tuple[InductiveInfo, list[int]] | None:
    """`e` as a match compiled to one `casesOn` whose cases are its alternatives (its motive names their
    order, see `match.match_alts_name`): the inductive type and the alternative of each constructor."""
    from ..elab.match import cases_on_app
    from ..pretty.names import match_alts_of

    app = cases_on_app(tc.env, e)
    if app is None:
        return None
    _, args, ind = app
    motive = args[ind.num_params]
    order = match_alts_of(motive.name) if motive.kind == E.LAM else None  # type: ignore[attr-defined]
    return None if order is None or len(order) != len(ind.ctors) else (ind, order)


def _split_match(tc: TacticContext, g: MVar, app: Expr, span: Any) -> list[MVar]:
    """`split` on a match of the target: one goal per alternative, in their order, tagged `h_1`, `h_2`, …,
    the matched local replaced by the alternative's pattern (a matched term is generalized first, with
    `heq✝ : term = pattern`), and the match reduced to the alternative's right-hand side."""
    from ..elab.recursion import reduce_cases_on_constructors
    from .cases import cases_core, generalize_term

    meta = tc.meta
    ind, order = _marked_match(tc, app)  # type: ignore[misc]
    major = E.get_app_args(app)[ind.num_params + 1]
    if major.kind == E.FVAR and major in tc.lctx(g):
        x = major
    else:
        with tc.goal_context(g):
            t = meta.instantiate_mvars(meta.infer_type(major))
        g, x = generalize_term(tc, g, major, t, hygienic("x"), span, eq_name=hygienic("heq"))
    goals = []
    for r in cases_core(tc, g, x, span, induction=False, what="split"):
        alt = order[[c.last for c in ind.ctors].index(r.ctor.last)]   # (`r.ctor` is the short name)
        with tc.goal_context(r.goal):
            reduced = reduce_cases_on_constructors(meta, tc.env, tc.target(r.goal))
        goals.append((alt, tc.change_goal(r.goal, reduced, _tag(tc.tag(g), f"h_{alt + 1}"))))
    return [ng for _, ng in sorted(goals, key=lambda p: p[0])]


@tactic("trace")
def _trace(tc: TacticContext, stx: A.Tactic) -> None:
    """`trace "text"`: the text as an information message."""
    if len(stx.args) != 1 or not isinstance(stx.args[0], A.StrLit):
        raise ElabError("'trace' with a term other than a string literal is not supported yet", stx.span)
    tc.log_info(keyword_span(stx), stx.args[0].value)


@tactic("trace_state")
def _trace_state(tc: TacticContext, stx: A.Tactic) -> None:
    """`trace_state`: the goals as an information message."""
    tc.log_info(keyword_span(stx), pp_goals(tc.meta, tc.goals()) if tc.goals() else "no goals")


@tactic("by_cases")
def _by_cases(tc: TacticContext, stx: A.Tactic) -> None:
    """`by_cases h : p` (or `by_cases p`, with `h✝`): goals `pos` with `h : p` and `neg` with `h : ¬p`, as
    Lean's `refine (if h : p then ?pos else ?neg)` with `Classical` open (any proposition may be split; a
    `Bool` is read as `b = true`)."""
    from ..elab.instances import synth_instance

    args = list(stx.args)
    name = hygienic("h")
    if len(args) == 3 and isinstance(args[0], A.Ident) and isinstance(args[1], A.TacKeyword) \
            and args[1].text == ":":
        name = Name.of(args[0].name)
        args = args[2:]
    if len(args) != 1 or isinstance(args[0], (A.TacKeyword, A.TacList, A.TacticSeq, A.TacAlts)):
        raise ElabError("'by_cases' expects a proposition, optionally named: `by_cases h : p`", stx.span)
    g = tc.main_goal(stx.span)
    meta = tc.meta
    p = tc.elab_type(g, args[0])
    target = tc.target(g)
    with tc.goal_context(g):
        if not meta.is_def_eq(meta.infer_type(p), E.PROP):
            raise ElabError(type_mismatch(tc, p, meta.infer_type(p), E.PROP), args[0].span)
        u = meta.instantiate_level_mvars(tc.te.ensure_type(target, stx.span))
        inst = synth_instance(meta, E.mk_app(E.mk_const(Name.of("Decidable")), p), tc.te.table)
        if inst is None:
            inst = E.mk_app(E.mk_const(Name.of("Classical.propDecidable")), p)
        branches = []
        goals = []
        for tag, hyp_t in (("pos", p), ("neg", E.mk_app(E.mk_const(Name.of("Not")), p))):
            h = meta.mk_local(name, hyp_t)
            ng = tc.new_goal(target, tc.lctx(g) + (h,), Name.of(tag))
            branches.append(meta.mk_lambda_fvars([h], ng))
            goals.append(ng)
        meta.assign(g, E.mk_app_n(E.mk_const(Name.of("dite"), [u]), [target, p, inst] + branches))
    tc.replace_main_goal(goals)


def _tag(parent: Name, s: str) -> Name:
    return Name.of(s) if parent.is_anonymous() else parent.append(s)
