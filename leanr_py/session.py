"""The document API: incremental checking of a whole Lean source text.

    s = Session(env, instances, gas=10_000_000)   # env: a base Environment (e.g. a prelude); owned by the session
    r = s.check(source)                            # CheckResult
    r.diagnostics; r.messages_json(); r.commands; r.gas_exhausted
    r = s.check(source, gas=50_000_000)            # a larger budget re-checks from the first exhausted command

Incremental rule. The source is split into top-level commands (`split_commands`). Command k's *key* is its
text together with the (line, column) where it starts. The state after command k is re-used when the keys of
commands 0..k all equal the previous check's, and the previous result of each of them is valid for the
current budget (see below). Everything from the first command that fails the test is re-checked. A command
whose text is unchanged but that moved (e.g. a line was inserted above it) is re-checked, which keeps
positions right without any shifting logic. Parsing is redone for the whole text on every check (it is a pure
function of the text and cheap next to elaboration), so syntax diagnostics are always fresh; parsed commands
are attributed to the command range their start position falls in.

Roll-back. For each command the session records the names of the constants it added to `env.constants`
(an insertion-ordered dict) and a copy of the elaborator's mutable state after it: scopes, `sorry_decls`,
`reducible`, `user_namespaces`, the instance table's classes/instances/default instances/open scopes/serial,
the instance-resolution cache, and the environment's `quot_initialized` and `literal_checks`. Rolling back
to the state after command k deletes the constants of later commands (newest first) and restores the copy
taken after k (the table's version moves forward; its scratch `MetaContext` is dropped). The resolution
cache is restored rather than cleared because cache hits are observable (metavariable numbers in messages,
gas used): with it, an incremental check gives exactly what a fresh check of the same text gives.

Gas. Each command gets the session's budget: one `Gas` shared by all elaboration of the command (every
`MetaContext` the command creates), and the kernel check of each declaration gets the same budget
(`env.step_budget`). Exhaustion stops that command with the error "(deterministic) step budget exhausted"
at the command; earlier commands are kept and later ones are still checked. A command that finished with
budget B is re-used for any budget >= B (gas is only ever charged, so more gas cannot change a finished
run); an exhausted command is re-used only for the same budget. Results depend on the text and the budget
only.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from .elab.command import CommandElaborator, Scope
from .elab.instances import InstanceTable, install
from .elab.meta import MetaContext
from .elab.term import TermElaborator
from .gas import Gas
from .kernel.environment import Environment
from .kernel.name import Name
from .syntax import parse_file, split_commands
from .syntax.errors import Diagnostic, Span

__all__ = ["Session", "CheckResult", "CommandInfo", "GAS_MESSAGE"]

GAS_MESSAGE = "(deterministic) step budget exhausted"
_GAS_PREFIX = "(deterministic) step budget"


# ---------------------------------------------------------------------- results

@dataclass(slots=True, frozen=True)
class CommandInfo:
    index: int
    span: Span           # whole-file positions of the command's first and last token
    start: int           # offsets into the source
    end: int
    reused: bool         # the state after this command came from the previous check
    gas_exhausted: bool


@dataclass(slots=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    commands: list[CommandInfo]
    gas_exhausted: bool
    budget: int

    @property
    def rechecked(self) -> int:
        """How many commands were elaborated by this check (not re-used)."""
        return sum(1 for c in self.commands if not c.reused)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def messages_json(self) -> list[dict[str, Any]]:
        """The messages in the leanprover-community/repl shape."""
        return [{"severity": d.severity,
                 "pos": {"line": d.span.line, "column": d.span.col},
                 "endPos": {"line": d.span.end_line, "column": d.span.end_col},
                 "data": d.message} for d in self.diagnostics]


# ---------------------------------------------------------------------- state copies

@dataclass(slots=True, frozen=True)
class _State:
    scopes: tuple[Scope, ...]
    sorry_decls: frozenset
    reducible: frozenset
    user_namespaces: frozenset
    classes: dict
    by_class: dict
    defaults: dict
    inst_names: frozenset
    open_scopes: frozenset
    order: int
    quot_initialized: bool
    literal_checks: dict
    inst_cache: dict


@dataclass(slots=True)
class _Entry:
    key: tuple[str, int, int]
    diagnostics: tuple[Diagnostic, ...]
    added: tuple[Name, ...]
    state: _State
    exhausted: bool
    budget: int


class _Elaborator(CommandElaborator):
    """The command elaborator with one `Gas` per command shared by all its term elaboration."""

    cmd_gas: Gas | None = None

    def _term_elab(self, namespace: Name, univs: tuple[str, ...]) -> tuple[TermElaborator, MetaContext]:
        meta = MetaContext(self.env, self.cmd_gas, reducible=self.reducible)
        install(meta, self.table)
        te = TermElaborator(meta, self.table, namespace=namespace, opens=self.scope.opens,
                            level_names=tuple(self.scope.universes) + univs, info=self.info)
        return te, meta


# ---------------------------------------------------------------------- the session

class Session:
    def __init__(self, env: Environment | None = None, instances: InstanceTable | None = None,
                 gas: int = 10_000_000) -> None:
        self.env = env if env is not None else Environment()
        self.table = instances if instances is not None else InstanceTable(self.env)
        self.gas = gas
        self.elab = _Elaborator(self.env, self.table)
        self._base = self._capture()
        self._entries: list[_Entry] = []

    # -------------------------------------------------------------- state
    def _capture(self) -> _State:
        ce, t, env = self.elab, self.table, self.env
        return _State(
            tuple(ce.scopes), frozenset(ce.sorry_decls), frozenset(ce.reducible), frozenset(ce.user_namespaces),
            dict(t.classes), {k: tuple(v) for k, v in t._by_class.items()},  # noqa: SLF001
            {k: tuple(v) for k, v in t._defaults.items()}, frozenset(t.names),  # noqa: SLF001
            frozenset(t.open_scopes), t._order,  # noqa: SLF001
            env.quot_initialized, dict(env.literal_checks), dict(t.cache))

    def _restore(self, s: _State) -> None:
        ce, t, env = self.elab, self.table, self.env
        ce.scopes = list(s.scopes)
        ce.sorry_decls = set(s.sorry_decls)
        ce.reducible = set(s.reducible)
        ce.user_namespaces = set(s.user_namespaces)
        ce.messages = []
        t.classes = dict(s.classes)
        t._by_class = {k: list(v) for k, v in s.by_class.items()}  # noqa: SLF001
        t._defaults = {k: list(v) for k, v in s.defaults.items()}  # noqa: SLF001
        t.names = set(s.inst_names)
        t.open_scopes = set(s.open_scopes)
        t._order = s.order  # noqa: SLF001
        t.version += 1      # forward only: nothing keyed by an older version is trusted
        # the instance cache exactly as after that command: its hits change how many mvars (and how much gas)
        # later commands use, and an entry made by a rolled-back command may be stale (e.g. an `abbrev` redefined)
        t.cache = dict(s.inst_cache)
        t.nesting = 0
        t._meta = None      # noqa: SLF001 - its caches may mention removed constants
        env.quot_initialized = s.quot_initialized
        env.literal_checks = dict(s.literal_checks)
        env.verifying_literals = set()

    def _rollback(self, keep: int) -> None:
        """Back to the state after the first `keep` commands of the previous check."""
        if keep == len(self._entries):
            return
        consts = self.env.constants
        removed = []
        for e in reversed(self._entries[keep:]):
            for n in reversed(e.added):
                info = consts.pop(n, None)
                if info is not None:
                    removed.append(info)
        if removed:  # entries are keyed by the info object, so this only frees memory
            gone = {id(i) for i in removed}
            cache = self.env.lparam_cache
            for k in [k for k in cache if id(k[0]) in gone]:
                del cache[k]
        del self._entries[keep:]
        self._restore(self._entries[-1].state if self._entries else self._base)

    def _added_since(self, n_before: int, last_before: Name | None) -> tuple[Name, ...]:
        consts = self.env.constants
        if last_before is not None and last_before not in consts:
            return ()  # cannot happen with the elaborator as it is (it deletes only its own `example`)
        out: list[Name] = []
        for k in reversed(consts):
            if k is last_before or k == last_before:
                break
            out.append(k)
        out.reverse()
        return tuple(out)

    # -------------------------------------------------------------- checking
    @staticmethod
    def _reusable(e: _Entry, key: tuple[str, int, int], budget: int) -> bool:
        if e.key != key:
            return False
        return budget == e.budget if e.exhausted else budget >= e.budget

    def check(self, source: str, *, gas: int | None = None) -> CheckResult:
        if gas is not None:
            self.gas = gas
        budget = self.gas
        ranges = split_commands(source)
        parsed = parse_file(source)
        starts = [(r.span.line, r.span.col) for r in ranges]
        asts: list[list[Any]] = [[] for _ in ranges]
        for c in parsed.commands:
            i = bisect_right(starts, (c.span.line, c.span.col)) - 1
            asts[max(i, 0)].append(c)
        keys = [(source[r.start:r.end], r.span.line, r.span.col) for r in ranges]

        keep = 0
        while keep < len(keys) and keep < len(self._entries) and \
                self._reusable(self._entries[keep], keys[keep], budget):
            keep += 1
        self._rollback(keep)

        old_budget = self.env.step_budget
        self.env.step_budget = budget
        try:
            for i in range(keep, len(ranges)):
                self._entries.append(self._run(keys[i], asts[i], budget))
        finally:
            self.env.step_budget = old_budget
            self.elab.cmd_gas = None

        diags = list(parsed.diagnostics)
        infos = []
        for i, (r, e) in enumerate(zip(ranges, self._entries)):
            diags.extend(e.diagnostics)
            infos.append(CommandInfo(i, r.span, r.start, r.end, i < keep, e.exhausted))
        diags.sort(key=lambda d: (d.span.line, d.span.col))
        return CheckResult(diags, infos, any(c.gas_exhausted for c in infos), budget)

    def _run(self, key: tuple[str, int, int], cmds: list[Any], budget: int) -> _Entry:
        ce = self.elab
        consts = self.env.constants
        n_before = len(consts)
        last_before = next(reversed(consts)) if consts else None
        ce.cmd_gas = Gas(budget)
        ce.messages = []
        diags: list[Diagnostic] = []
        exhausted = False
        for cmd in cmds:
            try:
                msgs = list(ce.elab_command(cmd))
            except RecursionError:
                msgs = [Diagnostic(cmd.span, "error", "maximum recursion depth reached while checking this command")]
            except Exception as exc:  # noqa: BLE001 - a check never ends in a traceback
                msgs = [Diagnostic(cmd.span, "error", f"internal error: {type(exc).__name__}: {exc}")]
            for m in msgs:
                if m.severity == "error" and m.message.startswith(_GAS_PREFIX) and "exhausted" in m.message:
                    exhausted = True
                    diags.append(Diagnostic(m.span, "error", GAS_MESSAGE))
                else:
                    diags.append(m)
            ce.messages = []
            if exhausted:
                break
        added = self._added_since(n_before, last_before)
        return _Entry(key, tuple(diags), added, self._capture(), exhausted, budget)

    # -------------------------------------------------------------- inspection
    @property
    def constants(self) -> set[Name]:
        return set(self.env.constants)
