"""The environment: checked constants by name, and the door through which declarations enter."""
from __future__ import annotations

import sys
from typing import Iterator

from . import declaration as D
from ..gas import GasExhausted
from .errors import KernelDecline, KernelError, release_traceback
from .expr import HAS_FVAR, HAS_MVAR, Expr, level_params_of
from .name import Name


# The checker recurses along term depth. CPython >= 3.11 keeps Python-to-Python calls off the C stack,
# so while a declaration is checked the limit is raised to let deep (or DAG-shared) terms through;
# exceeding it is reported as too deep a term. It is restored afterwards, because C code that recurses
# (the JSON decoder, repr) shares the limit and would overflow the C stack under a high one.
MIN_RECURSION_LIMIT = 100_000


def ensure_recursion_limit() -> None:
    """Raise the limit for good, for callers that run kernel traversals outside `Environment.add`."""
    if sys.getrecursionlimit() < MIN_RECURSION_LIMIT:
        sys.setrecursionlimit(MIN_RECURSION_LIMIT)


class deep_recursion:
    """`with deep_recursion():` raises the recursion limit for the block and turns a RecursionError into
    `KernelDecline`. A slotted class rather than a generator-based context manager: it is entered tens of
    thousands of times per file, and this costs a third of the calls."""

    __slots__ = ("old",)

    def __enter__(self) -> None:
        self.old = old = sys.getrecursionlimit()
        if old < MIN_RECURSION_LIMIT:
            sys.setrecursionlimit(MIN_RECURSION_LIMIT)

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> bool:
        sys.setrecursionlimit(self.old)
        if exc is None:
            return False
        if isinstance(exc, RecursionError):
            release_traceback(exc)
            raise KernelDecline("term too deeply nested for this checker") from None
        if isinstance(exc, (KernelError, GasExhausted)):
            release_traceback(exc)  # raised deep inside a term: unlink before it is freed (see release_traceback)
        return False


class Environment:
    def __init__(self) -> None:
        self.constants: dict[Name, D.ConstantInfo] = {}
        self.quot_initialized = False
        # optional step budget per declaration (a `Gas` is made for each `add`); None: unbounded
        self.step_budget: int | None = None
        self.current_gas: object = None
        self.literal_checks: dict[Name, bool] = {}  # Nat operations verified for the literal extension
        self.verifying_literals: set[Name] = set()
        self.lparam_cache: dict[tuple, Expr] = {}  # constants' terms at given universe levels
        # `(constant name, gas) -> bool | int`: evaluates the closed constant for `Lean.reduceBool` /
        # `Lean.reduceNat` (trusted, as Lean trusts its compiler). None: those stay stuck, as for export checks.
        self.native_evaluator: object = None

    # ------------------------------------------------------------ lookup
    def find(self, name: Name) -> D.ConstantInfo | None:
        return self.constants.get(name)

    def get(self, name: Name) -> D.ConstantInfo:
        info = self.constants.get(name)
        if info is None:
            raise KernelError(f"unknown constant '{name}'")
        return info

    def __contains__(self, name: Name) -> bool:
        return name in self.constants

    def __len__(self) -> int:
        return len(self.constants)

    def __iter__(self) -> Iterator[D.ConstantInfo]:
        return iter(self.constants.values())

    # ------------------------------------------------------------ adding
    def add(self, decl: D.Declaration) -> None:
        """Check `decl` and add what it declares; raise KernelError (naming the declaration) if it is rejected."""
        from .add import add_declaration

        self._start_budget()
        with deep_recursion():
            add_declaration(self, decl)

    def add_inductive(self, decl: D.InductiveDecl, claimed: list[D.ConstantInfo] | None = None) -> None:
        """Add an inductive block. `claimed` are the constants a producer says the block generates
        (types, constructors, recursors): each must equal what the kernel generates, and every recursor
        must be one the kernel generated."""
        from .inductive import add_inductive

        self._start_budget()
        with deep_recursion():
            add_inductive(self, decl, claimed)

    def _start_budget(self) -> None:
        from ..gas import Gas

        self.current_gas = None if self.step_budget is None else Gas(self.step_budget)

    def _insert(self, info: D.ConstantInfo) -> None:
        self.check_fresh(info.name)
        self.constants[info.name] = info

    def check_fresh(self, name: Name) -> None:
        if name in self.constants:
            raise KernelError(f"already declared: '{name}'", name)


def check_level_params(name: Name, lparams: tuple[Name, ...]) -> None:
    seen: set[Name] = set()
    for p in lparams:
        if p in seen:
            raise KernelError(f"duplicate universe level parameter '{p}'", name)
        seen.add(p)


def check_closed(name: Name, e: Expr, what: str) -> None:
    if e.flags & HAS_FVAR:
        raise KernelError(f"{what} has free variables", name)
    if e.flags & HAS_MVAR:
        raise KernelError(f"{what} has metavariables", name)
    if e.lbr:
        raise KernelError(f"{what} has loose bound variables", name)


def check_undef_level_params(name: Name, e: Expr, lparams: tuple[Name, ...], what: str) -> None:
    used: dict[Name, None] = {}
    level_params_of(e, used)
    allowed = set(lparams)
    for p in used:
        if p not in allowed:
            raise KernelError(f"{what} uses undeclared universe level parameter '{p}'", name)
