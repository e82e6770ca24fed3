"""The tactic registry: tactic name → implementation.

A tactic is a function `(tc: TacticContext, stx: syntax.ast.Tactic) -> None`. It reads the goals from
`tc.goals` (the first one is the main goal), changes them through `TacticContext`'s helpers
(`tc.main_goal()`, `tc.replace_main_goal(...)`, `tc.close_main_goal(value)`, `tc.elab_term(...)`,
`tc.run_seq(...)`, …) and reports failure by raising `ElabError(message, span)` with Lean's message.
The framework records the goals before and after every tactic in the info log and undoes the metavariable
context of a tactic that fails inside `first`/`try`/`<;>`/`any_goals`, so an implementation never cleans up
after itself.

Register with the decorator (one implementation may serve several names):

    from leanr_py.tactic.registry import tactic

    @tactic("exfalso")
    def _exfalso(tc, stx): ...

The name is the tactic's keyword as the parser gives it in `Tactic.name` (structural forms use their
marker: `"·"`, `"<;>"`, `"{"`, `"("`, `"first"`, `"calc"`, `"have"`, …). Registering a name twice
replaces the earlier implementation (the last import wins); `lookup` answers None for an unknown name,
which the framework reports as Lean does for syntax it cannot elaborate (`… is not supported yet`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ..syntax import ast as A
    from .core import TacticContext

__all__ = ["TacticFn", "TACTICS", "tactic", "lookup", "registered"]

TacticFn = Callable[["TacticContext", "A.Tactic"], None]

TACTICS: dict[str, TacticFn] = {}


def tactic(*names: str) -> Callable[[TacticFn], TacticFn]:
    """Register the decorated function as the implementation of the tactics `names`."""
    if not names:
        raise ValueError("a tactic needs at least one name")

    def register(fn: TacticFn) -> TacticFn:
        for n in names:
            TACTICS[n] = fn
        return fn

    return register


def lookup(name: str) -> TacticFn | None:
    return TACTICS.get(name)


def registered() -> list[str]:
    """The registered tactic names, sorted (for documentation and error hints)."""
    return sorted(TACTICS)
