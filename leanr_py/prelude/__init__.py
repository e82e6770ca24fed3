"""leanr's prelude: a small `Init.Prelude` in Lean source, elaborated once per process.

    env, table = load_prelude()          # shared: do not add to them; fork them (see `fork`)
    env2, table2 = fork_prelude()        # a private copy for one check

The Lean text is `Prelude.lean` next to this file, shipped as package data.
"""
from __future__ import annotations

from importlib.resources import files

from ..elab.command import CommandElaborator
from ..elab.instances import InstanceTable
from ..kernel.environment import Environment

PRELUDE_SOURCE = files(__package__).joinpath("Prelude.lean").read_text(encoding="utf-8")

__all__ = ["load_prelude", "fork_prelude", "PreludeError", "PRELUDE_SOURCE", "DEFAULT_INSTANCES"]

# Lean's `@[default_instance]` declarations among the prelude's instances (registered here, not by attribute)
DEFAULT_INSTANCES: tuple[tuple[str, int], ...] = (
    ("instHAdd", 1000), ("instHSub", 1000), ("instHMul", 1000), ("instHPow", 1000), ("instPowNat", 1000),
    ("instOfNatNat", 100),
)


class PreludeError(RuntimeError):
    """The prelude did not elaborate: a bug in leanr, never in the user's file."""


_CACHE: tuple[Environment, InstanceTable] | None = None


def load_prelude() -> tuple[Environment, InstanceTable]:
    """The prelude's environment and instance table (elaborated on first use, then cached)."""
    global _CACHE
    if _CACHE is None:
        env = Environment()
        table = InstanceTable(env)
        ce = CommandElaborator(env, table)
        msgs = ce.elab_file(PRELUDE_SOURCE)
        if msgs:
            lines = "\n".join(m.format("Prelude.lean") for m in msgs)
            raise PreludeError(f"the prelude does not elaborate:\n{lines}")
        for name, prio in DEFAULT_INSTANCES:
            table.add_default_instance(name, prio)
        table.declared_classes_only = True
        _CACHE = (env, table)
    return _CACHE


def fork_prelude() -> tuple[Environment, InstanceTable]:
    """A private copy of the prelude's environment and instance table."""
    env, table = load_prelude()
    e = Environment()
    e.constants = dict(env.constants)
    e.quot_initialized = env.quot_initialized
    e.literal_checks = dict(env.literal_checks)
    t = InstanceTable(e)
    # an exact copy of the registrations (classes, instances with their serials, default instances), as
    # `Session` copies them for roll-back
    t.classes = dict(table.classes)
    t._by_class = {k: list(v) for k, v in table._by_class.items()}  # noqa: SLF001
    t._defaults = {k: list(v) for k, v in table._defaults.items()}  # noqa: SLF001
    t.names = set(table.names)
    t.open_scopes = set(table.open_scopes)
    t._order = table._order  # noqa: SLF001
    t.declared_classes_only = table.declared_classes_only
    return e, t
