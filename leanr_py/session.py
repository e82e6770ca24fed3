"""The document API: incremental checking of a whole Lean source text.

    s = Session(gas=10_000_000)                    # over leanr's prelude (loaded from its snapshot)
    s = Session(env, instances)                    # or over a base Environment of your own; owned by the session
    r = s.check(source)                            # CheckResult
    r.diagnostics; r.messages_json(); r.commands; r.gas_exhausted
    r.goals_at(line, col); r.info_at(line, col)    # goals around a tactic; the term under the cursor (JSON-ready)
    r = s.check(source, gas=50_000_000)            # a larger budget re-checks from the first exhausted command
    blob = s.snapshot(); s2 = Session.restore(blob)   # the whole state as bytes, and back

Incremental rule. The source is split into top-level commands (`split_commands`). Command k's *key* is its
text together with the (line, column) where it starts. The state after command k is re-used when the keys of
commands 0..k all equal the previous check's, and the previous result of each of them is valid for the
current budget (see below). Everything from the first command that fails the test is re-checked. A command
whose text is unchanged but that moved (e.g. a line was inserted above it) is re-checked, which keeps
positions right without any shifting logic. Parsing is redone for the whole text on every check (it is a pure
function of the text and cheap next to elaboration), so syntax diagnostics are always fresh; parsed commands
are attributed to the command range their start position falls in.

Roll-back. For each command the session records the names of the constants it added to `env.constants`
(an insertion-ordered dict), its info log (goals around tactics, terms, `sorry`s) and the elaborator's
state after it (`leanr_py.elab.state.ElabState`: scopes, reducible constants, the instance table with its
resolution cache, …). Rolling back to the state after command k deletes the constants of later commands
(newest first), drops their info logs and puts back the state taken after k. The resolution cache is part
of that state because cache hits are observable (metavariable numbers in messages, gas used): with it, an
incremental check gives exactly what a fresh check of the same text gives.

Snapshots. `snapshot()` stores the environment, the base state, every command's key, messages, added
constants, info log (rendered to text), state, budget and exhaustion, and the session's budget, in the
format of `leanr_py.snapshot` (data tables, never code). `Session.restore(blob)` rebuilds a session that
continues exactly as the original would: the same later checks give the same results, and snapshotting it
again gives the same bytes. Anything wrong with a blob raises `SnapshotError`.

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

from .elab.command import CommandElaborator
from .elab.info import Goal, Hypothesis, InfoLog, SorryInfo, TacticInfo, TermInfo
from .elab.instances import InstanceTable
from .elab.state import RECORDS, ElabState, StateCodec, apply, capture
from .elab.term import set_hygiene_counter
from .gas import Gas
from .kernel.environment import Environment
from .kernel.name import Name
from .snapshot import SnapshotError, TypeMemo, check_type, dump_state, load_state
from .syntax import parse_file, split_commands
from .syntax.errors import Diagnostic, Span

__all__ = ["Session", "CheckResult", "CommandInfo", "GAS_MESSAGE", "SnapshotError"]

SESSION_KIND = "leanr session"
SESSION_VERSION = 2   # bump when the stored layout below changes
_RECORDS = {**RECORDS, **{c.__name__: c for c in (Goal, Hypothesis, TacticInfo, TermInfo, SorryInfo)}}

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
    infos: list[InfoLog] = field(default_factory=list, repr=False)   # one per command, in order
    syntax: list[Diagnostic] = field(default_factory=list, repr=False)  # the parser's, among `diagnostics`

    def _log_at(self, line: int, col: int) -> InfoLog | None:
        for c, log in zip(self.commands, self.infos):
            s = c.span
            if (s.line, s.col) <= (line, col) <= (s.end_line, s.end_col):
                return log
        return None

    def goals_at(self, line: int, col: int) -> list[dict[str, Any]] | None:
        """The goals at (line, col) (1-based line, 0-based column) inside a tactic block, as JSON-ready
        dicts (`case`, `hyps`, `target`, `pretty`); None outside every tactic."""
        log = self._log_at(line, col)
        goals = log.goals_at(line, col) if log is not None else None
        return None if goals is None else [g.to_json() for g in goals]

    def info_at(self, line: int, col: int) -> dict[str, Any] | None:
        """The innermost elaborated term at (line, col): its range, text and type, JSON-ready; None
        where there is none."""
        log = self._log_at(line, col)
        t = log.term_at(line, col) if log is not None else None
        return None if t is None else t.to_json()

    def sorries(self) -> list[SorryInfo]:
        """The `sorry`s written in terms, with their goals, in source order."""
        out: list[SorryInfo] = []
        for log in self.infos:
            out.extend(log.all_sorries())
        return out

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


# ---------------------------------------------------------------------- per-command state

@dataclass(slots=True)
class _Entry:
    key: tuple[str, int, int]
    diagnostics: tuple[Diagnostic, ...]
    added: tuple[Name, ...]
    state: ElabState
    exhausted: bool
    budget: int
    info: InfoLog


# ---------------------------------------------------------------------- the session

class Session:
    capture_tactic_states = False   # keep the proof state before each tactic (the REPL's `allTactics`)

    def __init__(self, env: Environment | None = None, instances: InstanceTable | None = None,
                 gas: int = 10_000_000) -> None:
        base_state = None
        if env is None:
            from .prelude import fork_prelude, prelude_state

            env, instances = fork_prelude()
            base_state = prelude_state()
        self.env = env
        self.table = instances if instances is not None else InstanceTable(self.env)
        self.gas = gas
        self.elab = CommandElaborator(self.env, self.table)
        if base_state is not None:
            apply(base_state, self.elab, self.table, self.env)
        self._base = self._capture()
        self._entries: list[_Entry] = []

    # -------------------------------------------------------------- state
    def _capture(self) -> ElabState:
        previous = self._entries[-1].state if getattr(self, "_entries", None) else getattr(self, "_base", None)
        return capture(self.elab, self.table, self.env, previous)

    def _restore(self, s: ElabState) -> None:
        apply(s, self.elab, self.table, self.env)

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
        # fresh names continue from the kept state's counter, whatever else ran in this process meanwhile
        set_hygiene_counter((self._entries[-1].state if self._entries else self._base).hygiene)

        old_budget = self.env.step_budget
        self.env.step_budget = budget
        try:
            for i in range(keep, len(ranges)):
                self._entries.append(self._run(keys[i], asts[i], budget))
        finally:
            self.env.step_budget = old_budget
            self.elab.gas = None

        # commands in source order, each command's messages in the order they were logged (as Lean's)
        keyed = [((d.span.line, d.span.col, -1), d) for d in parsed.diagnostics]
        infos = []
        for i, (r, e) in enumerate(zip(ranges, self._entries)):
            keyed.extend(((r.span.line, r.span.col, j), d) for j, d in enumerate(e.diagnostics))
            infos.append(CommandInfo(i, r.span, r.start, r.end, i < keep, e.exhausted))
        keyed.sort(key=lambda kd: kd[0])
        diags = [d for _, d in keyed]
        return CheckResult(diags, infos, any(c.gas_exhausted for c in infos), budget,
                           [e.info for e in self._entries], list(parsed.diagnostics))

    def _run(self, key: tuple[str, int, int], cmds: list[Any], budget: int) -> _Entry:
        ce = self.elab
        consts = self.env.constants
        n_before = len(consts)
        last_before = next(reversed(consts)) if consts else None
        ce.gas = Gas(budget)   # one budget for all elaboration of the command
        ce.messages = []
        ce.info = info = InfoLog()
        if self.capture_tactic_states:
            info.tactic_states = {}
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
        return _Entry(key, tuple(diags), added, self._capture(), exhausted, budget, info)

    # -------------------------------------------------------------- inspection
    @property
    def constants(self) -> set[Name]:
        return set(self.env.constants)

    def added_by_command(self) -> list[tuple[Name, ...]]:
        """The constants each command of the document added, in command order."""
        return [e.added for e in self._entries]

    @property
    def declarations(self) -> tuple[Name, ...]:
        """The constants the document added, in the order it added them."""
        return tuple(n for e in self._entries for n in e.added)

    def export(self, out: Any = None, decls: Any = None) -> str | int:
        """The document's declarations (or `decls`), with every constant they depend on, prelude included,
        as lean4export NDJSON 3.1.0 (see `leanr_py.export.writer`): the text when `out` is None, else the
        number of lines written to `out` (a path or a text stream). Any kernel can re-check it."""
        import io

        from .export.writer import write_export

        names = self.declarations if decls is None else tuple(decls)
        if out is None:
            buf = io.StringIO()
            write_export(self.env, buf, names)
            return buf.getvalue()
        return write_export(self.env, out, names)

    # -------------------------------------------------------------- states (for the REPL's environments)
    @classmethod
    def from_state(cls, constants: dict, state: ElabState, gas: int = 10_000_000) -> "Session":
        """A session over a copy of `constants`, starting in the elaborator state `state` (e.g. what
        `current_state()` of another session returned)."""
        env = Environment()
        env.constants = dict(constants)
        s = cls.__new__(cls)
        s.env = env
        s.table = InstanceTable(env)
        s.gas = gas
        s.elab = CommandElaborator(env, s.table)
        s._entries = []
        apply(state, s.elab, s.table, env)
        s._base = state
        return s

    def current_state(self) -> tuple[dict, ElabState]:
        """The constants and elaborator state after the last command checked (the constants' dict is the
        session's own: copy it before the session checks anything else)."""
        return self.env.constants, (self._entries[-1].state if self._entries else self._base)

    # -------------------------------------------------------------- snapshots
    def snapshot(self) -> bytes:
        """The whole session as bytes (see the module docstring); the same session gives the same bytes."""
        codec = StateCodec()
        entries = []
        for e in self._entries:
            e.info.resolve()  # text now: the metavariable contexts behind raw records are not stored
            entries.append({"key": e.key, "diagnostics": e.diagnostics, "added": e.added,
                            "state": codec.to_data(e.state), "exhausted": e.exhausted, "budget": e.budget,
                            "tactics": tuple(e.info.tactics), "terms": tuple(e.info.terms),
                            "sorries": tuple(e.info.sorries)})
        data = {"kind": SESSION_KIND, "version": SESSION_VERSION, "gas": self.gas,
                "base": codec.to_data(self._base), "entries": tuple(entries)}
        return dump_state(self.env, data)

    @classmethod
    def restore(cls, blob: bytes, verify: bool = False) -> "Session":
        """A session from `snapshot()`'s bytes; `verify` re-checks every declaration through the kernel.
        Raises `SnapshotError` (with the reason) for anything but a valid session snapshot."""
        types = TypeMemo()
        env, data = load_state(blob, verify=verify, records=_RECORDS, types=types)
        if not isinstance(data, dict) or data.get("kind") != SESSION_KIND:
            raise SnapshotError("not a session snapshot")
        check_type(data, dict[str, Any], "session", types)
        if data.get("version") != SESSION_VERSION:
            raise SnapshotError(f"session layout version {data.get('version')!r} is not supported "
                                f"(this is version {SESSION_VERSION})")
        if set(data) != {"kind", "version", "gas", "base", "entries"}:
            raise SnapshotError("session: unexpected fields")
        check_type(data["gas"], int, "session.gas", types)
        check_type(data["entries"], tuple[dict[str, Any], ...], "session.entries", types)
        codec = StateCodec(types)
        entries = [_entry_from_data(codec, d, i) for i, d in enumerate(data["entries"])]
        added = [n for e in entries for n in e.added]
        names = list(env.constants)
        if len(added) > len(names) or names[len(names) - len(added):] != added or len(set(added)) != len(added):
            raise SnapshotError("session: the commands' constants are not the last constants of the environment")
        s = cls.__new__(cls)
        s.env = env
        s.table = InstanceTable(env)
        s.gas = data["gas"]
        s.elab = CommandElaborator(env, s.table)
        s._base = codec.from_data(data["base"], "session.base")
        s._entries = entries
        s._restore(entries[-1].state if entries else s._base)
        return s


_ENTRY_FIELDS = {"key": tuple[str, int, int], "diagnostics": tuple[Diagnostic, ...], "added": tuple[Name, ...],
                 "state": Any, "exhausted": bool, "budget": int, "tactics": tuple[TacticInfo, ...],
                 "terms": tuple[TermInfo, ...], "sorries": tuple[SorryInfo, ...]}


def _entry_from_data(codec: StateCodec, d: dict[str, Any], i: int) -> _Entry:
    what = f"session.entries[{i}]"
    if set(d) != set(_ENTRY_FIELDS):
        raise SnapshotError(f"{what}: unexpected fields")
    for k, hint in _ENTRY_FIELDS.items():
        check_type(d[k], hint, f"{what}.{k}", codec.types)
    info = InfoLog(list(d["tactics"]), list(d["terms"]), list(d["sorries"]))
    return _Entry(d["key"], d["diagnostics"], d["added"], codec.from_data(d["state"], f"{what}.state"),
                  d["exhausted"], d["budget"], info)
