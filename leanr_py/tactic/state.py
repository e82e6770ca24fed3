"""Resumable proof states for the REPL's tactic mode and for editors.

    st = ProofState.for_goal(env, table, goal_type)           # a goal over the environment `env`
    st = ProofState.capture(te, [goal_mvar])                  # or from inside an elaboration
    st2, msgs = run_tactic(st, "intro h\\nexact h")            # msgs: [Diagnostic]
    goals(st2)                                                # [Goal] (leanr_py.elab.info), JSON-ready
    st2.is_solved(), st2.proof_term()

A state owns a private copy of the metavariable context; `run_tactic` copies it again before running, so
states never change once made (running a tactic twice on one state gives equal results). Positions in the
messages are relative to the tactic text (line 1, column 0 at its start).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..gas import Gas, GasExhausted
from ..kernel.expr import Expr, MVar
from ..kernel.name import Name
from ..syntax.errors import Diagnostic, ParseError, Span
from ..elab.errors import ElabError
from ..elab.info import Goal, InfoLog
from ..elab.instances import InstanceTable, install
from ..elab.mctx import SYNTHETIC_OPAQUE, MetavarContext
from ..elab.names import EMPTY, NameScope
from ..elab.meta import MetaContext
from ..elab.term import TermElaborator
from .core import TacticContext, goal_record, logged_messages
from . import by as _by  # noqa: F401 - loads the tactic families into the registry
from ..elab.messages import SORRY_WARNING

__all__ = ["ProofState", "run_tactic", "goals"]

DEFAULT_GAS = 20_000_000


def _copy_mctx(src: MetavarContext, gas: Gas) -> MetavarContext:
    m = MetavarContext(gas)
    m.decls = dict(src.decls)
    m.assignment = dict(src.assignment)
    m.delayed = dict(src.delayed)
    m.level_decls = dict(src.level_decls)
    m.level_assignment = dict(src.level_assignment)
    m.depth = src.depth
    m.next_serial = src.next_serial
    return m


def _frozen_env(env: Any, hidden: frozenset = frozenset(), self_refs: frozenset = frozenset()) -> Any:
    """The environment as it is now: the declaration being proved, and those after it, are added to `env`
    later and must not be usable by the tactics run on this state (a proof of `ex` by `exact ex`). The
    names `self_refs` (the declaration being proved) stay as axioms of their type: Lean elaborates a body
    with the declaration itself as a local, so a tactic may name it, and the kernel, which checks the
    proof without them, rejects the proof that does."""
    from ..kernel.declaration import AxiomInfo
    from ..kernel.environment import Environment

    if not isinstance(env, Environment):
        return env
    e = Environment()
    e.constants = {n: c for n, c in env.constants.items() if n not in hidden} if hidden else dict(env.constants)
    for n in sorted(self_refs, key=str):
        c = env.constants.get(n)
        if c is not None:
            e.constants[n] = AxiomInfo(n, c.level_params, c.type)
    e.quot_initialized = env.quot_initialized
    e.literal_checks = dict(env.literal_checks)
    e.native_evaluator = env.native_evaluator
    return e


@dataclass(frozen=True, eq=False)
class ProofState:
    env: Any
    table: InstanceTable
    mctx: MetavarContext                    # private: never mutated once the state exists
    goal_list: tuple[MVar, ...]
    root: MVar                              # the goal the proof started from
    namespace: Name = Name.anonymous()
    opens: tuple[Name, ...] = ()
    level_names: tuple[str, ...] = ()
    reducible: frozenset = frozenset()
    fvar_next: int = 0
    uses_sorry: bool = False
    info: tuple = field(default=())         # TacticInfo records of the tactics that led here
    names: NameScope = EMPTY                # aliases (`true` for `Bool.true`), hidden and protected names
    trace_classes: tuple[str, ...] = ()     # `set_option trace.… true` in force where the proof began
    self_refs: frozenset = frozenset()      # the declaration being proved, nameable but no proof (`_frozen_env`)

    @classmethod
    def for_goal(cls, env: Any, table: InstanceTable, goal_type: Expr, *, namespace: Name = Name.anonymous(),
                 opens: Sequence[Name] = (), level_names: Sequence[str] = (),
                 reducible: Sequence[Name] = (), names: NameScope = EMPTY) -> "ProofState":
        meta = MetaContext(env, reducible=reducible)
        g = meta.new_mvar(goal_type, SYNTHETIC_OPAQUE)
        return cls(env, table, _copy_mctx(meta.mctx, meta.gas), (g,), g, namespace, tuple(opens),
                   tuple(level_names), frozenset(reducible), meta.checker.fvars.next, names=names)

    @classmethod
    def capture(cls, te: TermElaborator, goal_mvars: Sequence[MVar], root: MVar | None = None,
                hidden: frozenset = frozenset()) -> "ProofState":
        """The state of goals being elaborated by `te` (copied: `te` may go on), without the constants
        `hidden` (declared since, when captured after the elaboration)."""
        meta = te.meta
        self_refs = frozenset({te.decl_self}) & hidden if te.decl_self is not None else frozenset()
        return cls(_frozen_env(te.env, hidden, self_refs), te.table, _copy_mctx(meta.mctx, meta.gas), tuple(goal_mvars),  # type: ignore[arg-type]
                   root if root is not None else goal_mvars[0], te.namespace, tuple(te.opens),
                   tuple(te.level_names), frozenset(meta.reducible), meta.checker.fvars.next, te.uses_sorry,
                   names=te.names, trace_classes=tuple(getattr(te, "trace_classes", ())), self_refs=self_refs)

    # ------------------------------------------------------------------ queries
    def _meta(self, gas: Gas | None = None) -> MetaContext:
        g = gas if gas is not None else Gas(DEFAULT_GAS)
        meta = MetaContext(self.env, g, mctx=_copy_mctx(self.mctx, g), reducible=self.reducible)
        meta.checker.fvars.next = max(meta.checker.fvars.next, self.fvar_next)
        install(meta, self.table)
        return meta

    def goals(self) -> list[Goal]:
        meta = self._meta()
        tc = TacticContext(self._elaborator(meta), self.goal_list)
        return [goal_record(meta, g) for g in tc.goals()]

    def is_solved(self) -> bool:
        return not self.goals()

    def proof_term(self) -> Expr:
        """The proof of the root goal (with metavariables where goals are still open)."""
        return self.mctx.instantiate_mvars(self.root)

    def _elaborator(self, meta: MetaContext) -> TermElaborator:
        te = TermElaborator(meta, self.table, namespace=self.namespace, opens=self.opens,
                            level_names=self.level_names, auto_bound_levels=False, info=InfoLog(),
                            names=self.names)
        te.trace_classes = self.trace_classes  # type: ignore[attr-defined]
        return te


def goals(state: ProofState) -> list[Goal]:
    return state.goals()


def run_tactic(state: ProofState, tactic_text: str, *, gas: int = DEFAULT_GAS,
               info: InfoLog | None = None) -> tuple[ProofState, list[Diagnostic]]:
    """Run the tactic sequence `tactic_text` on `state`; the new state and the messages. On an error the
    returned state is `state` itself (as Lean's REPL, a failed tactic gives no new state)."""
    from ..syntax.parse import _single  # one parser over the text

    msgs: list[Diagnostic] = []
    try:
        p = _single(tactic_text, "tactic")
        seq = p.parse_tactic_seq()
        if not p.at_eof():
            raise p.unexpected("end of input")
    except ParseError as exc:
        return state, [exc.diagnostic]
    except RecursionError:
        return state, [Diagnostic(Span(1, 0, 1, 0), "error", "the tactic text is nested too deeply")]
    meta = state._meta(Gas(gas))  # noqa: SLF001
    te = state._elaborator(meta)  # noqa: SLF001
    if info is not None:  # the caller keeps what the tactics record (e.g. the REPL's `sorry`s)
        te.info = info
    te.uses_sorry = state.uses_sorry
    te.__dict__["no_recovery"] = True  # a failing tactic fails the request (the state stays as it was)
    tc = TacticContext(te, state.goal_list)
    try:
        tc.run_seq(seq)
    except ElabError as exc:
        return state, [Diagnostic(exc.span or seq.span, "error", exc.message)]
    except GasExhausted as exc:
        return state, [Diagnostic(seq.span, "error", f"(deterministic) {exc}")]
    msgs.extend(logged_messages(te))   # `trace`, simp's traces
    if te.uses_sorry and not state.uses_sorry:
        msgs.append(Diagnostic(seq.span, "warning", SORRY_WARNING))
    new = ProofState(state.env, state.table, meta.mctx, tuple(tc.goals()), state.root, state.namespace,
                     state.opens, state.level_names, state.reducible, meta.checker.fvars.next, te.uses_sorry,
                     state.info + tuple(te.info.tactics), state.names, state.trace_classes, state.self_refs)
    return new, msgs
