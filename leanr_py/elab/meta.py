"""`MetaContext`: the elaborator's view of the logic (the analogue of Lean's `MetaM`).

It bundles the environment, the metavariable context, the local context (the locals in scope, as `FVar`s
that carry their own types), the unifier settings, the reducibility sets and the gas counter, and offers
`infer_type`, `whnf` (`whnf_r` at reducible transparency), `is_def_eq` that can assign metavariables,
checkpoints, and the queue of postponed problems.

Every public method runs under a raised recursion limit, charges the shared gas counter, and turns kernel
errors into `ElabError`; `is_def_eq` never raises for a failed or ill-typed problem (it answers False and
rolls back), only `GasExhausted` escapes.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..gas import Gas
from ..kernel import expr as E
from ..kernel.environment import Environment, deep_recursion
from ..kernel.errors import KernelError
from ..kernel.expr import DEFAULT as BI_DEFAULT
from ..kernel.expr import Expr, FVar, MVar
from ..kernel.level import Level
from ..kernel.name import Name
from .config import ALL, DEFAULT, INSTANCES, REDUCIBLE, TRANSPARENCIES, MetaConfig
from .errors import ElabError
from .levels import is_level_def_eq
from .mctx import NATURAL, MetavarContext
from .unifier import MetaChecker, Postponed, call_flat

DEFAULT_GAS = 50_000_000

SynthPending = Callable[["MetaContext", MVar], bool]

__all__ = [
    "ALL", "DEFAULT", "INSTANCES", "REDUCIBLE", "MetaConfig", "MetaContext", "Postponed", "SavedState",
]


def _name(n: Name | str) -> Name:
    return n if isinstance(n, Name) else Name.of(n)


def _name_set(names: Iterable[Name | str]) -> set[Name]:
    """A copy of `names` as a set of `Name`s. A session's reducible set holds hundreds of names and a
    MetaContext is made per command: copy it in C when it holds only `Name`s already."""
    out = set(names)
    if set(map(type, out)) <= {Name}:
        return out
    return {_name(n) for n in out}


@dataclass(slots=True, eq=False)
class SavedState:
    """A checkpoint of the metavariable context and the postponed queue (never changed once made; not
    frozen because a frozen dataclass's constructor is several times slower, and one is made per attempt)."""

    mctx_cp: int
    postponed: list
    num_postponed: int
    num_locals: int


class MetaContext:
    def __init__(self, env: Environment, gas: Gas | None = None, *, config: MetaConfig | None = None,
                 reducible: Iterable[Name | str] = (), irreducible: Iterable[Name | str] = (),
                 instances: Iterable[Name | str] = (), mctx: MetavarContext | None = None,
                 synth_pending: SynthPending | None = None) -> None:
        self.env = env
        self.gas = gas if gas is not None else Gas(DEFAULT_GAS)
        self.mctx = mctx if mctx is not None else MetavarContext(self.gas)
        if self.mctx.gas is None:
            self.mctx.gas = self.gas
        self.config = config if config is not None else MetaConfig()
        self.reducible: set[Name] = _name_set(reducible)
        self.irreducible: set[Name] = _name_set(irreducible)
        self.instances: set[Name] = _name_set(instances)
        self.lctx: list[FVar] = []
        self.postponed: list[Postponed] = []
        # called on a synthetic mvar (e.g. a pending instance) that blocks a def-eq problem; returns
        # whether it assigned it (Lean's `synthPending`)
        self.synth_pending = synth_pending
        self.checker = MetaChecker(self)

    # ------------------------------------------------------------------ locals
    def mk_local(self, name: Name | str, type_: Expr, bi: int = BI_DEFAULT, value: Expr | None = None) -> FVar:
        """A fresh local (not added to the context)."""
        return E.mk_fvar(_name(name), type_, value, bi, self.checker.fvars)

    def push_local(self, name: Name | str, type_: Expr, bi: int = BI_DEFAULT, value: Expr | None = None) -> FVar:
        x = self.mk_local(name, type_, bi, value)
        self.lctx.append(x)
        return x

    def pop_locals(self, n: int = 1) -> None:
        del self.lctx[len(self.lctx) - n:]

    @contextmanager
    def with_local(self, name: Name | str, type_: Expr, bi: int = BI_DEFAULT,
                   value: Expr | None = None) -> Iterator[FVar]:
        n = len(self.lctx)
        x = self.push_local(name, type_, bi, value)
        try:
            yield x
        finally:
            del self.lctx[n:]

    # ------------------------------------------------------------------ metavariables
    def new_mvar(self, type_: Expr, kind: str = NATURAL, user_name: Name | str | None = None,
                 lctx: Sequence[FVar] | None = None) -> MVar:
        """A fresh expression mvar of type `type_` that can see the current locals (or `lctx`)."""
        return self.mctx.mk_expr_mvar(type_, tuple(self.lctx if lctx is None else lctx), kind,
                                      None if user_name is None else _name(user_name))

    def new_level_mvar(self) -> Level:
        return self.mctx.mk_level_mvar()

    def new_type_mvar(self, kind: str = NATURAL) -> MVar:
        """`?α : Sort ?u`."""
        return self.new_mvar(E.mk_sort(self.new_level_mvar()), kind)

    def decl(self, m: Expr) -> Any:
        return self.mctx.decl(m)

    def is_assigned(self, m: Expr) -> bool:
        return self.mctx.is_assigned(m)

    def assign(self, m: Expr, v: Expr) -> None:
        """Assign without any check (the caller vouches for the type)."""
        self.mctx.assign(m, v)

    def instantiate_mvars(self, e: Expr) -> Expr:
        if not (e.flags & E.HAS_MVAR):
            return e  # the common case: nothing to walk, no need to raise the recursion limit
        with deep_recursion():
            return self.mctx.instantiate_mvars(e)

    def instantiate_level_mvars(self, l: Level) -> Level:
        return self.mctx.instantiate_level(l)

    def mk_lambda_fvars(self, xs: Sequence[FVar], e: Expr) -> Expr:
        with deep_recursion():
            return self.mctx.mk_lambda_fvars(xs, e)

    def mk_pi_fvars(self, xs: Sequence[FVar], e: Expr) -> Expr:
        with deep_recursion():
            return self.mctx.mk_pi_fvars(xs, e)

    # ------------------------------------------------------------------ checkpoints
    def save(self) -> SavedState:
        return SavedState(self.mctx.save(), self.postponed, len(self.postponed), len(self.lctx))

    def restore(self, st: SavedState) -> None:
        self.mctx.restore(st.mctx_cp)
        del st.postponed[st.num_postponed:]
        self.postponed = st.postponed
        del self.lctx[st.num_locals:]

    def commit(self, st: SavedState) -> None:
        self.mctx.commit(st.mctx_cp)

    def attempt(self, fn: Callable[[], bool], *, guarded: bool = False) -> bool:
        """Run `fn`; keep its effects on the mctx only if it returns True. With `guarded`, it runs with the
        kernel's recursion allowance and a kernel or elaboration error counts as False."""
        st = self.save()
        ok = False
        try:
            if not guarded:
                ok = bool(fn())
            else:
                try:
                    with deep_recursion():
                        ok = bool(fn())
                except (KernelError, ElabError, RecursionError):
                    ok = False
        finally:
            if ok:
                self.commit(st)
            else:
                self.restore(st)
        return ok

    # ------------------------------------------------------------------ transparency
    @property
    def transparency(self) -> str:
        return self.checker.mode

    @contextmanager
    def with_transparency(self, mode: str) -> Iterator[None]:
        if mode not in TRANSPARENCIES:
            raise ElabError(f"unknown transparency mode '{mode}'")
        chk = self.checker
        old = chk.mode
        chk._select(mode)
        try:
            yield
        finally:
            chk._select(old)

    def _run(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            with deep_recursion():
                return call_flat(fn, args)
        except KernelError as exc:
            raise ElabError(exc.message) from None
        except RecursionError:
            raise ElabError("term too deeply nested") from None

    # ------------------------------------------------------------------ inference and reduction
    def infer_type(self, e: Expr) -> Expr:
        """The type of `e` (not checked: `e` is assumed well typed); mvars have their declared types."""
        return self._run(self.checker.infer, e)

    def whnf(self, e: Expr) -> Expr:
        return self._run(self.checker.whnf, e)

    def whnf_r(self, e: Expr) -> Expr:
        """Weak head normal form unfolding only reducible constants."""
        return self._run(self.checker.with_mode, REDUCIBLE, self.checker.whnf, e)

    def whnf_d(self, e: Expr) -> Expr:
        return self._run(self.checker.with_mode, DEFAULT, self.checker.whnf, e)

    def whnf_core(self, e: Expr) -> Expr:
        """Beta, zeta, iota, projections and assigned mvars, but no delta."""
        return self._run(self.checker.whnf_core, e)

    def is_prop(self, t: Expr) -> bool:
        """Is the type `t` a proposition (is its sort `Prop`)?"""
        return bool(self._run(self.checker.is_prop, t))

    def is_proof(self, e: Expr) -> bool:
        return self.is_prop(self.infer_type(e))

    def stuck_mvar(self, e: Expr) -> MVar | None:
        """The unassigned mvar blocking the reduction of `e`, if any (Lean's `getStuckMVar?`)."""
        chk = self.checker
        return self._run(lambda: chk.stuck_mvar(chk.whnf(e)))

    # ------------------------------------------------------------------ unification
    def is_def_eq(self, a: Expr, b: Expr) -> bool:
        """Are `a` and `b` definitionally equal, possibly after assigning mvars? On failure every
        assignment made while trying is undone. Stuck problems may be postponed (see `postponed`): they
        count as success here and are re-tried by `process_postponed` (the elaborator calls it when it
        synthesizes pending mvars, and with `may_postpone=False` at the end)."""
        if a is b:
            return True
        earlier = self.postponed

        def run() -> bool:
            self.postponed = []  # as Lean's `checkpointDefEq`: only this problem's postponed ones are re-tried
            if self.checker.is_def_eq(a, b) and (not self.postponed or self._process_postponed(True)):
                self.postponed = earlier + self.postponed
                return True
            return False

        return self.attempt(run, guarded=True)

    def is_level_def_eq(self, a: Level, b: Level) -> bool:
        return self.attempt(lambda: is_level_def_eq(self.checker, a, b), guarded=True)

    def process_postponed(self, may_postpone: bool = True) -> bool:
        """Re-try the postponed problems until no progress. With `may_postpone=False` whatever is still
        stuck fails. On failure the state is rolled back to before the call."""
        if not self.postponed:
            return True
        return self.attempt(lambda: self._process_postponed(may_postpone), guarded=True)

    def take_postponed(self) -> list[Postponed]:
        """The postponed problems (instantiated), removing them from the queue."""
        out = [self._instantiate_postponed(p) for p in self.postponed]
        self.postponed = []
        return out

    def _instantiate_postponed(self, p: Postponed) -> Postponed:
        if p.is_level:
            return Postponed(self.mctx.instantiate_level(p.lhs), self.mctx.instantiate_level(p.rhs), True)
        return Postponed(self.mctx.instantiate_mvars(p.lhs), self.mctx.instantiate_mvars(p.rhs), False)

    def _num_assigned(self) -> int:
        m = self.mctx
        return len(m.assignment) + len(m.level_assignment) + len(m.delayed)

    def _solve_postponed(self, p: Postponed) -> bool:
        p = self._instantiate_postponed(p)
        if p.is_level:
            return is_level_def_eq(self.checker, p.lhs, p.rhs)
        return self.checker.is_def_eq(p.lhs, p.rhs)

    def _process_postponed(self, may_postpone: bool) -> bool:
        chk = self.checker
        while self.postponed:
            self.gas.charge()
            todo = self.postponed
            self.postponed = []
            n0 = self._num_assigned()
            for p in todo:
                if not self._solve_postponed(p):
                    return False
            if self._num_assigned() == n0 and len(self.postponed) >= len(todo):
                if may_postpone:
                    return True
                todo = self.postponed
                self.postponed = []
                old = chk.may_postpone
                chk.may_postpone = False
                try:
                    for p in todo:
                        if not self._solve_postponed(p):
                            return False
                finally:
                    chk.may_postpone = old
        return True

    # ------------------------------------------------------------------ convenience
    def mk_const(self, name: Name | str, levels: Sequence[Level] | None = None) -> Expr:
        """A constant with fresh level mvars for its universe parameters (unless given)."""
        n = _name(name)
        info = self.env.find(n)
        if info is None:
            raise ElabError(f"unknown constant '{n}'")
        if levels is None:
            levels = [self.new_level_mvar() for _ in info.level_params]
        return E.mk_const(n, levels)
