"""A command elaborator over a private copy of leanr's prelude, in the state the prelude leaves (its exports,
reducible constants and instances), as `leanr check` starts a file."""
from __future__ import annotations

from leanr_py.elab.command import CommandElaborator
from leanr_py.elab.state import apply
from leanr_py.prelude import fork_prelude, prelude_state


def prelude_elaborator() -> CommandElaborator:
    env, table = fork_prelude()
    ce = CommandElaborator(env, table)
    apply(prelude_state(), ce, table, env)
    return ce
