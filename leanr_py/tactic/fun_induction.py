"""`fun_induction f` and `fun_cases f`: induction (or case analysis) following the equations of `f`, by its
functional principle `f.induct` (`f.fun_cases`), derived on demand (`elab.fun_induct`).

As Lean's: the call `f a b` of the goal (or `f a b` given) picks the targets; there is one goal per
alternative of `f`, named `case1`, `case2`, …, with the pattern variables and, for `fun_induction`, one
hypothesis per recursive call; and in each goal the call is unfolded by that alternative's equation.
`with | case1 y => tacs | …` names the variables, as `induction … with` does."""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel.expr import CONST, FVAR, PI, Expr
from ..kernel.name import Name
from ..syntax import ast as A
from ..elab.errors import ElabError
from ..elab.fun_induct import CASES, INDUCT
from .cases import CaseResult, _alt_names, _run_alternatives, _split_args
from .core import TacticContext
from .registry import tactic


@tactic("fun_induction", "fun_cases")
def _functional(tc: TacticContext, stx: A.Tactic) -> None:
    functional_tactic(tc, stx, INDUCT if stx.name == "fun_induction" else CASES)


def functional_tactic(tc: TacticContext, stx: A.Tactic, kind: str) -> None:
    what = "fun_induction" if kind == INDUCT else "fun_cases"
    args, kw, alts = _split_args(stx)
    if set(kw) - {"with"}:
        raise ElabError(f"'{what}' with '{sorted(set(kw) - {'with'})[0]}' is not supported yet", stx.span)
    if not args or not isinstance(args[0], A.Ident):
        raise ElabError(f"'{what}' expects a function name, optionally applied to its arguments", stx.span)
    g = tc.main_goal(stx.span)
    meta = tc.meta
    head = args[0]
    f = tc.te.resolve_global(Name.of(head.name), head.span)
    if f is None:
        raise ElabError(f"Unknown constant `{head.name}`", head.span)
    derive = getattr(tc.te, "functional_principle", None)
    if derive is None:
        raise ElabError(f"'{what}' is not supported yet here", stx.span)
    principle = derive(f, kind, stx.span)
    arity = _motive_arity(tc, principle)
    # the targets: the arguments given, or those of the one call of `f` in the goal
    with tc.goal_context(g):
        if len(args) > 1:
            if len(args) - 1 != arity:
                raise ElabError(f"'{what} {f}' expects {arity} arguments", stx.span)
            targets = [meta.instantiate_mvars(tc.elab_term(g, a, None)[0]) for a in args[1:]]
        else:
            calls: list[Expr] = []
            for x in E.subterms(meta.instantiate_mvars(tc.target(g))):
                fn = E.get_app_fn(x)
                if fn.kind == CONST and fn.name is f and len(E.get_app_args(x)) == arity and x not in calls:  # type: ignore[attr-defined]
                    calls.append(x)
            if len(calls) != 1:
                raise ElabError(f"'{what} {f}' with {'no' if not calls else 'several'} calls of `{f}` in the goal "
                                "is not supported yet (give the arguments: `" + what + f" {f} x y`)", stx.span)
            targets = list(E.get_app_args(calls[0]))
    lctx = tc.lctx(g)
    if any(t.kind != FVAR or t not in lctx for t in targets) or len(set(targets)) != len(targets):
        raise ElabError(f"'{what}' on a call whose arguments are not distinct local variables is not supported yet",
                        stx.span)
    names, by_ctor, wildcard = _alt_names(tc, alts)
    from .elim import elim_using

    elim = A.Ident(head.span, f"_root_.{principle}")
    named = elim_using(tc, g, targets, elim, [], names, stx.span, what)  # type: ignore[arg-type]
    results = [CaseResult(n, _unfold_call(tc, f, n, ng, stx.span), [], []) for n, ng in named]
    _run_alternatives(tc, stx, alts, by_ctor, wildcard, results)


def _motive_arity(tc: TacticContext, principle: Name) -> int:
    t = tc.env.find(principle).type  # type: ignore[union-attr]
    while t.kind == PI and str(t.name) != "motive":  # type: ignore[attr-defined]
        t = t.body  # type: ignore[attr-defined]
    assert t.kind == PI
    m = t.type  # type: ignore[attr-defined]
    n = 0
    while m.kind == PI:
        n += 1
        m = m.body  # type: ignore[attr-defined]
    return n


def _unfold_call(tc: TacticContext, f: Name, case: Name, g: Any, span: Any) -> Any:
    """The goal of alternative `caseK` with the call of `f` unfolded by the equation `f.eq_K`, as Lean's."""
    from .rewrite import lemma_ident, rewrite_goal

    s = str(case)
    k = s[4:] if s.startswith("case") else ""
    eq = f.append(f"eq_{k}") if k.isdigit() else None
    if eq is None or tc.env.find(eq) is None:
        raise ElabError(f"unfolding `{f}` in the goals of its functional principle is not supported yet "
                        "(it has no equation for this alternative)", span)
    out: list[Any] = []
    err = tc.try_run(lambda: out.append(rewrite_goal(tc, g, lemma_ident(span, eq), False, span)))
    if err is not None:
        raise ElabError(f"unfolding `{f}` by `{eq}` in the goal of {case} is not supported yet", span)
    ng, rest = out[0]
    if rest:
        raise ElabError(f"unfolding `{f}` by `{eq}` left arguments to find: not supported yet", span)
    return ng
