"""`exact?`: close the goal with one hypothesis or library lemma, as Lean's library search does, and say
which (`Try this: exact …`).

The candidates are the hypotheses, then `rfl` and `True.intro`, then the theorems of the environment
whose conclusion has the goal's head symbol (the goal's reducible unfolding too: `a > b` finds lemmas about
`<`), fewest premises first, then by name, so the answer does not depend on the order declarations were
made. A candidate's premises that unification leaves open must be closed by a hypothesis or by `rfl`. As
leanr's library is smaller than Lean's, finding nothing is declined rather than reported as Lean's error."""
from __future__ import annotations

import re
from typing import Any

from ..kernel import expr as E
from ..kernel.declaration import TheoremInfo
from ..kernel.expr import CONST, PI, Expr, MVar
from ..kernel.name import Name
from ..syntax import ast as A
from ..elab.errors import ElabError
from .core import TacticContext, keyword_span
from .registry import tactic

MAX_CANDIDATES = 400   # gas bounds the work too; this bounds a search over a large environment
_INTERNAL = re.compile(r"^(_.*|rec|recOn|casesOn|brecOn|binductionOn|below|ibelow|noConfusion|noConfusionType|"
                       r"eq_\d+|eq_def|induct|fun_cases|match_\d+|proof_\d+|sizeOf_spec)$")


@tactic("exact?")
def _exact_search(tc: TacticContext, stx: A.Tactic) -> None:
    if stx.args:
        raise ElabError("'exact? using …' is not supported yet", stx.span)
    from .basic import apply_expr, assumption_goal, rfl_goal

    g = tc.main_goal(stx.span)
    meta = tc.meta
    with tc.goal_context(g):
        heads = _heads(meta, meta.instantiate_mvars(tc.target(g)))
        hyps = [x for x in reversed(tc.lctx(g)) if meta.is_prop(meta.instantiate_mvars(x.type))]
    candidates: list[Any] = list(hyps) + [Name.of("rfl"), Name.of("True.intro")] + _library(tc, heads)

    def close_with(c: Any) -> None:
        f = meta.mk_const(c) if isinstance(c, Name) else c
        for ng in apply_expr(tc, g, f, stx.span, "exact?"):
            if meta.is_assigned(ng):
                continue
            if assumption_goal(tc, ng):
                continue
            if tc.try_run(lambda ng=ng: rfl_goal(tc, ng, stx.span)) is not None:
                raise ElabError("a premise is left open", stx.span)
        # a candidate counts only if unification is done, nothing postponed
        if meta.postponed and not meta.process_postponed(may_postpone=False):
            raise ElabError("unification left problems open", stx.span)
        if meta.mctx.collect_mvars(meta.instantiate_mvars(g)):
            raise ElabError("the proof has holes", stx.span)
        tc.replace_main_goal([])

    for c in candidates[:MAX_CANDIDATES]:
        if isinstance(c, Name) and tc.env.find(c) is None:
            continue
        if tc.try_run(lambda c=c: close_with(c)) is None:
            proof = meta.instantiate_mvars(g)
            with tc.goal_context(g):
                shown = tc.pp(proof)
            tc.log_info(keyword_span(stx), f"Try this:\n  [apply] exact {shown}")
            return
    raise ElabError("`exact?` could not close the goal from the hypotheses and leanr's library; a search of "
                    "Lean's whole library is not supported yet", stx.span)


def _heads(meta: Any, t: Expr) -> set[Name]:
    """The head symbols of `t` and of its reducible unfoldings (`a > b` is `b < a`)."""
    out: set[Name] = set()
    for _ in range(4):
        h = _head(t)
        if h is None:
            break
        out.add(h)
        if h not in meta.reducible:
            break
        u = meta.checker.unfold_definition(t)
        if u is None:
            break
        t = meta.whnf_core(u)
    return out


def _head(t: Expr) -> Name | None:
    while t.kind == PI:
        t = t.body  # type: ignore[attr-defined]
    f = E.get_app_fn(t)
    return f.name if f.kind == CONST else None  # type: ignore[attr-defined]


def _library(tc: TacticContext, heads: set[Name]) -> list[Name]:
    """Theorems concluding with one of `heads`, fewest premises first, then by name."""
    found: list[tuple[int, str, Name]] = []
    for name, info in tc.env.constants.items():
        if not isinstance(info, TheoremInfo) or _head(info.type) not in heads:
            continue
        if any(isinstance(c, str) and _INTERNAL.match(c) for c in name.components()):
            continue
        n, t = 0, info.type
        while t.kind == PI:
            n += 1
            t = t.body  # type: ignore[attr-defined]
        found.append((n, str(name), name))
    found.sort()
    return [n for _, _, n in found]
