"""A command elaborator over a private copy of leanr's prelude, in the state the prelude leaves (its exports,
reducible constants and instances), as `leanr check` starts a file."""
from __future__ import annotations

from leanr_py.elab.command import CommandElaborator
from leanr_py.elab.state import apply
from leanr_py.prelude import fork_prelude, prelude_state
from leanr_py.syntax.errors import Diagnostic


def prelude_elaborator() -> CommandElaborator:
    env, table = fork_prelude()
    ce = CommandElaborator(env, table)
    apply(prelude_state(), ce, table, env)
    return ce


def run(src: str) -> tuple[CommandElaborator, list[Diagnostic]]:
    """Elaborate `src` as a file after the prelude: the elaborator and its messages."""
    ce = prelude_elaborator()
    return ce, ce.elab_file(src)


def ok(src: str) -> CommandElaborator:
    """Elaborate `src`, which must give no error."""
    ce, msgs = run(src)
    errs = [m.format("t.lean") for m in msgs if m.severity == "error"]
    assert not errs, errs
    return ce


def first_error(src: str) -> Diagnostic:
    """The first error `src` gives (it must give one)."""
    _, msgs = run(src)
    errs = [m for m in msgs if m.severity == "error"]
    assert errs, "expected an error"
    return errs[0]
