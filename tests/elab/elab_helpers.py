"""Helpers for the term/command elaborator tests: a private copy of the Init.Prelude environment (so the
declarations a test adds do not leak into others) with Prelude's instances registered."""
from __future__ import annotations

from .test_instances import PRELUDE_INSTANCES

from leanr_py.elab.command import CommandElaborator
from leanr_py.elab.instances import InstanceTable
from leanr_py.kernel.environment import Environment
from leanr_py.syntax.errors import Diagnostic

# Prelude's instances and default instances (the export does not record attributes)
INSTANCES = PRELUDE_INSTANCES + ["instHDiv", "instHMod", "instHPow", "instPowNat", "instNatPowNat"]
DEFAULTS = [("instHAdd", 1000), ("instHMul", 1000), ("instHPow", 1000), ("instPowNat", 1000),
            ("instOfNatNat", 100)]


def fork(env: Environment) -> Environment:
    e = Environment()
    e.constants = dict(env.constants)
    e.quot_initialized = env.quot_initialized
    e.literal_checks = dict(env.literal_checks)
    return e


def table_for(env: Environment) -> InstanceTable:
    t = InstanceTable(env)
    for n in INSTANCES:
        t.add_instance(n)
    for n, p in DEFAULTS:
        t.add_default_instance(n, p)
    return t


def elaborator(lean_env: Environment) -> CommandElaborator:
    env = fork(lean_env)
    return CommandElaborator(env, table_for(env))


def errors(msgs: list[Diagnostic]) -> list[Diagnostic]:
    return [m for m in msgs if m.severity == "error"]
