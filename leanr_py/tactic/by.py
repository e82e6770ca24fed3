"""The `by` term: a synthetic-opaque goal now, its tactic block run when the enclosing term is finished.

`elab_by` is the `A.By` handler of the term elaborator. The block is queued on the elaborator and run by
`run_tactic_blocks` from `TermElaborator.synthesize(final=True)`, after instance and default-instance
synthesis (as Lean's `synthesizeSyntheticMVars` runs tactic blocks last), in source order.

Error recovery, as Lean's: when a block of a declaration fails (a tactic's error, or goals left unsolved),
the error is kept in `te.recovered_errors` (the command elaborator reports them) and the goal is admitted
with a synthetic `sorryAx`, so the declaration is still added and later commands can use it. Blocks nested
in the terms of tactics (`exact (by …)`) do not recover: their failure is the tactic's, so that `first` and
`try` see it.
"""
from __future__ import annotations

from typing import Any

from ..kernel.expr import Expr, MVar
from ..syntax import ast as A
from ..syntax.errors import Diagnostic
from ..elab.errors import ElabError
from ..elab.info import TacticInfo
from ..elab.mctx import SYNTHETIC_OPAQUE
from ..elab.term import TermElaborator
from .core import SIMP_SET_NOTE, TacticContext, unsolved_goals

__all__ = ["elab_by", "run_tactic_blocks", "run_block"]

_QUEUE = "tactic_blocks"
RECOVERED = "recovered_errors"   # errors of failed blocks whose goals were admitted
NO_RECOVERY = "no_recovery"      # set on elaborators of terms inside tactics


def block_messages(te: TermElaborator, default_span: Any) -> list[Diagnostic]:
    """What the declaration's `by` blocks leave to report, in order: the information they logged (`trace`,
    simp's traces), then the errors of failed blocks whose goals were admitted."""
    out = list(te.__dict__.get("logged_messages", ()))
    out.extend(Diagnostic(err.span or default_span, "error", err.message) for err in te.__dict__.get(RECOVERED, ()))
    return out


def elab_by(te: TermElaborator, stx: A.By, expected: Expr | None) -> Expr:
    from ..elab.mctx import head_beta

    meta = te.meta
    t = head_beta(meta.instantiate_mvars(expected)) if expected is not None else meta.new_type_mvar()
    m = meta.new_mvar(t, SYNTHETIC_OPAQUE)
    queue = te.__dict__.setdefault(_QUEUE, [])
    queue.append((m, stx))
    return m


def run_tactic_blocks(te: TermElaborator) -> None:
    """Run the queued `by` blocks of `te` (blocks queued meanwhile run too)."""
    queue: list[tuple[MVar, A.By]] = te.__dict__.get(_QUEUE) or []
    while queue:
        m, stx = queue.pop(0)
        run_block(te, m, stx)


def run_block(te: TermElaborator, m: MVar, stx: A.By) -> None:
    meta = te.meta
    t = meta.instantiate_mvars(meta.decl(m).type)
    if meta.mctx.collect_mvars(t) and _is_mvar_head(meta, t):
        raise ElabError("invalid 'by' tactic, expected type has not been provided", stx.span)
    if te.__dict__.get(NO_RECOVERY):
        _run(te, m, stx)
        return
    st = meta.save()
    try:
        _run(te, m, stx)
    except ElabError as exc:
        meta.restore(st)
        if te.__dict__.get("simp_incomplete") and SIMP_SET_NOTE not in exc.message:
            # after a default-set simp that may have stopped short of Lean's, no failure is conclusive
            exc = ElabError(exc.message + SIMP_SET_NOTE, exc.span)
        te.__dict__.setdefault(RECOVERED, []).append(exc)
        _admit(te, m, stx)
        return
    meta.commit(st)


def _run(te: TermElaborator, m: MVar, stx: A.By) -> None:
    tc = TacticContext(te, [m])
    before = tc.snapshot_goals()
    tc.run_seq(stx.tactics)
    left = tc.goals()
    te.info.add_tactic(TacticInfo(stx.span, before, tc.snapshot_goals()))
    if left:
        raise unsolved_goals(tc, left, stx.span)


def _admit(te: TermElaborator, m: MVar, stx: A.By) -> None:
    """`m := sorryAx T true` (a synthetic sorry: no `declaration uses `sorry`` warning, as in Lean)."""
    from ..kernel import expr as E
    from ..kernel.name import Name

    meta = te.meta
    t = meta.instantiate_mvars(meta.decl(m).type)
    saved = meta.lctx
    meta.lctx = list(meta.decl(m).lctx)
    try:
        u = meta.instantiate_level_mvars(te.ensure_type(t, stx.span))
    finally:
        meta.lctx = saved
    meta.assign(m, E.mk_app_n(E.mk_const(Name.of("sorryAx"), [u]), [t, E.mk_const(Name.of("Bool.true"))]))


def _is_mvar_head(meta: Any, t: Expr) -> bool:
    from ..kernel.expr import MVAR, get_app_fn

    return get_app_fn(meta.whnf_core(t)).kind == MVAR


# the tactics register themselves on import
from . import basic, cases, combinators, conv, decide, fun_induction, injection, rewrite, search, simp  # noqa: E402,F401,E501
