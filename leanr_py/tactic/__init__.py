"""Proof mode: `by` blocks, goals, the tactic framework and the tactics.

Elaborating `by tacs` (syntax `A.By`) creates a synthetic-opaque goal metavariable of the expected type;
the block runs when the enclosing term is finished (after instance and default-instance synthesis, so
numerals are typed), as in Lean. A proof state is a list of goals: metavariables with their local contexts,
their case tags being the metavariables' user names. After every tactic (nested ones too) the framework
records `TacticInfo(span, goals_before, goals_after)` in the elaborator's `InfoLog`, goals pretty-printed
as Lean shows them. Goals left at the end are Lean's `unsolved goals` error at the `by` block; a failing
tactic reports at its own position.

Modules: `registry` (name → implementation; add tactics there), `core` (`TacticContext`: goals, running
tactics, the helpers tactics use), `by` (the `by` term), `state` (the resumable API below) and one module
per family of tactics.

Resumable proof states, for the REPL's tactic mode and for editors:

    from leanr_py.tactic import ProofState, run_tactic, goals
    st = ProofState.for_goal(env, table, type_expr)        # or from a `sorry`/`by` position
    st2, msgs = run_tactic(st, "intro h")                  # msgs: [Diagnostic]
    goals(st2)                                             # [leanr_py.elab.info.Goal]
    st2.is_solved(); st2.proof_term()

States are immutable from the caller's point of view: running a tactic copies the metavariable context,
so running the same tactic on the same state twice gives the same result. To get the states of the
`sorry` tactics of a file (as the REPL reports `sorries`), set `te.on_sorry = fn(span, ProofState)` on the
term elaborators a `CommandElaborator` makes (override its `_term_elab`).
"""
from __future__ import annotations

from typing import Any

__all__ = ["ProofState", "run_tactic", "goals"]


def __getattr__(name: str) -> Any:  # the state API is imported on first use (it pulls in the elaborator)
    if name in __all__:
        from . import state

        return getattr(state, name)
    raise AttributeError(name)
