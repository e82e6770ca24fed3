"""Tactic combinators: sequencing and focusing (`·`, `{ }`, `( )`, `next`, `case`, `focus`), `<;>`,
`first`, `try`, `repeat`, `iterate`, `all_goals`, `any_goals`, `fail`."""
from __future__ import annotations

from ..kernel.name import Name
from ..syntax import ast as A
from ..syntax.errors import Span
from ..elab.errors import ElabError
from ..elab.term import hygienic
from .core import TacticContext, pp_goals, unsolved_goals
from .registry import tactic

MAX_REPEAT = 100_000  # gas bounds the work; this only bounds a tactic that succeeds without progress


def _seq_arg(stx: A.Tactic) -> A.TacticSeq:
    for a in stx.args:
        if isinstance(a, A.TacticSeq):
            return a
    raise ElabError(f"'{stx.name}' expects a tactic sequence", stx.span)


def _close_focused(tc: TacticContext, stx: A.Tactic, seq: A.TacticSeq) -> None:
    """Run `seq` on the main goal alone; it must close it (Lean's `·`/`case`/`next`)."""
    g = tc.main_goal(stx.span)
    if tc.__dict__.get("conv_mode"):  # conversion goals left open are closed by `rfl`
        from .conv import close_by_rfl
        left = tc.focus(g, lambda: tc.run_seq(seq))
        for c in left:
            close_by_rfl(tc, c)
        tc.set_goals([x for x in tc.goals() if x not in left])
        return
    tc.close_or_admit(g, lambda: tc.run_seq(seq), stx.span)


@tactic("·")
def _cdot(tc: TacticContext, stx: A.Tactic) -> None:
    _close_focused(tc, stx, _seq_arg(stx))


@tactic("{")
def _braces(tc: TacticContext, stx: A.Tactic) -> None:
    """`{ tacs }` must close the main goal; goals left are reported at the `}`, as Lean's."""
    sp = stx.span
    closing = Span(sp.end_line, sp.end_col - 1, sp.end_line, sp.end_col) if sp is not None and sp.end_col else sp
    _close_focused(tc, A.Tactic(closing, stx.name, stx.args), _seq_arg(stx))


@tactic("(")
def _parens(tc: TacticContext, stx: A.Tactic) -> None:
    tc.run_seq(_seq_arg(stx))


@tactic("focus")
def _focus(tc: TacticContext, stx: A.Tactic) -> None:
    g = tc.main_goal(stx.span)
    tc.focus(g, lambda: tc.run_seq(_seq_arg(stx)))


@tactic("<;>")
def _then_all(tc: TacticContext, stx: A.Tactic) -> None:
    first, second = stx.args[0], stx.args[1]
    g = tc.main_goal(stx.span)
    produced = tc.focus(g, lambda: tc.run(first))  # type: ignore[arg-type]
    rest = [x for x in tc.goals() if x not in produced]
    out = []
    for ng in produced:
        tc.set_goals([ng])
        tc.run(second)  # type: ignore[arg-type]
        out.extend(tc.goals())
    tc.set_goals(out + rest)


@tactic("first")
def _first(tc: TacticContext, stx: A.Tactic) -> None:
    last: ElabError | None = None
    for alt in stx.args:
        err = tc.try_run(lambda alt=alt: tc.run_seq(alt))  # type: ignore[misc]
        if err is None:
            return
        last = err
    raise last if last is not None else ElabError("'first' needs alternatives", stx.span)


@tactic("unhygienic")
def _unhygienic(tc: TacticContext, stx: A.Tactic) -> None:
    """`unhygienic tacs`: the names tactics invent for locals are accessible (`a`, `a_1`, …)."""
    saved = tc.__dict__.get("unhygienic", False)
    tc.__dict__["unhygienic"] = True
    try:
        tc.run_seq(_seq_arg(stx))
    finally:
        tc.__dict__["unhygienic"] = saved


@tactic("try")
def _try(tc: TacticContext, stx: A.Tactic) -> None:
    tc.try_run(lambda: tc.run_seq(_seq_arg(stx)))


@tactic("repeat")
def _repeat(tc: TacticContext, stx: A.Tactic) -> None:
    """Lean's `repeat tac`: run `tac` on the goal list while it succeeds (a failed run is undone). Each
    run acts on the main goal of the whole list, so goals beside the first are worked on too."""
    seq = _seq_arg(stx)
    count = 0
    while tc.try_run(lambda: tc.run_seq(seq)) is None:
        count += 1
        if count > MAX_REPEAT:
            raise ElabError("maximum recursion depth has been reached in 'repeat'", stx.span)


@tactic("iterate")
def _iterate(tc: TacticContext, stx: A.Tactic) -> None:
    seq = _seq_arg(stx)
    n = stx.args[0].value if isinstance(stx.args[0], A.NumLit) else None
    if n is None:
        while tc.try_run(lambda: tc.run_seq(seq)) is None:
            tc.meta.gas.charge()
        return
    for _ in range(n):
        tc.run_seq(seq)


@tactic("all_goals")
def _all_goals(tc: TacticContext, stx: A.Tactic) -> None:
    seq = _seq_arg(stx)
    out = []
    for g in tc.goals():
        if tc.meta.is_assigned(g):
            continue
        tc.set_goals([g])
        tc.run_seq(seq)
        out.extend(tc.goals())
    tc.set_goals(out)


@tactic("any_goals")
def _any_goals(tc: TacticContext, stx: A.Tactic) -> None:
    seq = _seq_arg(stx)
    out = []
    ok = False
    last: ElabError | None = None
    for g in tc.goals():
        if tc.meta.is_assigned(g):
            continue
        tc.set_goals([g])
        err = tc.try_run(lambda: tc.run_seq(seq))
        if err is None:
            ok = True
        else:
            last = err
        out.extend(tc.goals() if err is None else [g])
    tc.set_goals(out)
    if not ok:
        raise last if last is not None else ElabError("any_goals failed", stx.span)


@tactic("fail")
def _fail(tc: TacticContext, stx: A.Tactic) -> None:
    msg = "tactic 'fail' failed"
    for a in stx.args:
        if isinstance(a, A.StrLit):
            msg = a.value
    gs = tc.goals()
    raise ElabError(msg + ("\n" + pp_goals(tc.meta, gs) if gs else ""), stx.span)


@tactic("next")
def _next(tc: TacticContext, stx: A.Tactic) -> None:
    seq = _seq_arg(stx)
    names = [a for a in stx.args if not isinstance(a, (A.TacticSeq, A.TacKeyword))]
    g = tc.main_goal(stx.span)
    g = rename_inaccessibles(tc, g, names, stx)
    tc.replace_main_goal([g])
    _close_focused(tc, stx, seq)


@tactic("case", "case'")
def _case(tc: TacticContext, stx: A.Tactic) -> None:
    seq = _seq_arg(stx)
    args = [a for a in stx.args if not isinstance(a, (A.TacticSeq, A.TacKeyword))]
    if not args:
        raise ElabError("'case' needs a tag", stx.span)
    tag_stx, names = args[0], args[1:]
    if isinstance(tag_stx, A.Hole):
        g = tc.main_goal(stx.span)
    elif isinstance(tag_stx, A.Ident):
        g = find_tagged(tc, tag_stx.name, stx)
    else:
        raise ElabError("'case' tags must be identifiers", tag_stx.span)
    g = rename_inaccessibles(tc, g, names, stx)
    rest = [x for x in tc.goals() if x is not g]
    tc.set_goals([g] + rest)
    if stx.name == "case'":
        tc.focus(g, lambda: tc.run_seq(seq))
        return
    _close_focused(tc, stx, seq)


def find_tagged(tc: TacticContext, tag: str, stx: A.Tactic) -> object:
    """Lean's `findTag?`: the goal whose tag is `tag`, else one whose tag has it as a suffix, else prefix."""
    goals = tc.goals()
    want = Name.of(tag).components()
    tags = [(g, [str(c) for c in tc.tag(g).components()]) for g in goals]
    w = [str(c) for c in want]
    for g, t in tags:
        if t == w:
            return g
    for g, t in tags:
        if len(t) >= len(w) and t[len(t) - len(w):] == w:
            return g
    for g, t in tags:
        if len(t) >= len(w) and t[:len(w)] == w:
            return g
    raise ElabError(f"Case tag `{tag}` not found.\n\n" + _available_tags(tc, goals), stx.span)


def _available_tags(tc: TacticContext, goals: list) -> str:
    tags = [str(tc.tag(g)) for g in goals if not tc.tag(g).is_anonymous()]
    if not tags:
        return "There are no cases to select."
    return "Available tags:" + "".join(f"\n  • `{t}`" for t in tags)


def rename_inaccessibles(tc: TacticContext, g, names: list, stx: A.Tactic):  # type: ignore[no-untyped-def]
    """`case tag x y =>`: the last inaccessible hypotheses get the given names (Lean's
    `renameInaccessibles`)."""
    if not names:
        return g
    from ..pretty.names import has_macro_scopes

    meta = tc.meta
    d = meta.decl(g)
    lctx = list(d.lctx)
    todo = list(names)
    renamed: dict = {}
    for i in range(len(lctx) - 1, -1, -1):
        if not todo:
            break
        x = lctx[i]
        if has_macro_scopes(x.name) or x.name.is_anonymous():
            n = todo.pop()
            if isinstance(n, A.Hole):
                continue
            if not isinstance(n, A.Ident):
                raise ElabError("expected an identifier or '_'", n.span)
            renamed[i] = Name.of(n.name)
    if todo:
        raise ElabError("too many variable names provided", stx.span)
    from .cases import rename_locals
    return rename_locals(tc, g, renamed)


_ = hygienic
