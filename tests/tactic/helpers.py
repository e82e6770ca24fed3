"""Check Lean source over a private copy of leanr's prelude; the messages as (line, col, severity, text)."""
from __future__ import annotations

from leanr_py.elab.command import CommandElaborator
from leanr_py.elab.state import apply
from leanr_py.prelude import fork_prelude, prelude_state


def run(src: str) -> tuple[CommandElaborator, list]:
    """As `leanr check` does: over the prelude with its elaborator state (reducible constants, scopes)."""
    env, table = fork_prelude()
    ce = CommandElaborator(env, table)
    apply(prelude_state(), ce, table, env)
    return ce, ce.elab_file(src)


def messages(src: str) -> list[tuple[int, int, str, str]]:
    return [(d.span.line, d.span.col, d.severity, d.message) for d in run(src)[1]]


def errors(src: str) -> list[tuple[int, int, str]]:
    return [(l, c, m) for l, c, s, m in messages(src) if s == "error"]


def goals_after(src: str) -> list[list[str]]:
    """The goals (pretty-printed) after each tactic, in the order the tactics ran."""
    ce, msgs = run(src)
    assert not [m for m in msgs if m.severity == "error"], msgs
    return [[g.pretty() for g in t.goals_after] for t in ce.info.tactics]
