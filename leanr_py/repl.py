"""`leanr repl`: the leanprover-community/repl JSON protocol over leanr's engine, on stdin/stdout.

Requests are JSON objects separated by blank lines (each line's trailing whitespace is dropped and the lines
are joined, as the Lean REPL reads them, so a raw line break inside a JSON string disappears); a request
starting with `#` or `--` is skipped; end of input ends the loop. Every response is one line of JSON
followed by a blank line, flushed at once. Malformed input gets an error object, never an exit.

    {"cmd": TEXT}                          run commands over leanr's prelude: {"env": n, "messages", "sorries"}
    {"cmd": TEXT, "env": n}                run them after environment n (n itself never changes)
    {"path": FILE, "env"?: n}              the same with a file's text
    {"tactic": TEXT, "proofState": n}      run tactics on a proof state (a `sorry`'s, or a previous result):
                                           {"proofState": m, "goals", "messages", "sorries", "proofStatus"}
    {"pickleTo": FILE, "env": n}           save environment n (leanr's snapshot format) -> {"env": n}
    {"unpickleEnvFrom": FILE}              load one as a new environment -> {"env": m}
    {"pickleTo": FILE, "proofState": n}    save a proof state (one goal, or none) -> a proof-state response
    {"unpickleProofStateFrom": FILE, "env"?: n}   load one (over environment n when given)
Options of commands: `"allTactics": true` adds `tactics` (each tactic's range, text and goals before it;
no per-tactic proof states or used constants yet); `"infotree": …` adds the tactic nodes of the info tree as a
flat list (Lean nests them; leanr does not record the nesting); `"rootGoals": true` adds, after the sorries,
the goal of each outermost `by` block (at its start) with a proof state.
Unknown fields are ignored, as the Lean REPL does.

Errors are objects `{"message": …}`: "Unknown environment.", "Unknown proof state.", a tactic that does not
parse ("Lean error:\n<input>:L:C: …"), unreadable files or snapshots. `import` lines at the start of a command
without `env` are accepted and ignored: leanr's prelude is all there is, so names from other modules are
unknown identifiers, never silently accepted.

Environments and proof states are kept for the whole process, as in the Lean REPL. An environment is the
constants and the elaborator state after its command (shared, never mutated); a command copies them into
a fresh `Session`. Not carried over yet: notations (`notation`, `infixl`, …) declared by an earlier command,
since each command's text is parsed on its own (the parser has no state to start from).
"""
from __future__ import annotations

import copy
import json
import re
import sys
from dataclasses import dataclass
from typing import IO, Any, Iterator

from .elab.info import InfoLog, TacticInfo, contains, span_json
from .elab.instances import InstanceTable
from .elab.names import EMPTY as EMPTY_NAMES
from .elab.state import ElabState, apply
from .gas import Gas, GasExhausted
from .kernel import expr as E
from .kernel.environment import Environment
from .kernel.errors import KernelError
from .kernel.name import Name
from .session import CheckResult, Session
from .snapshot import SnapshotError, check_type, dump_state, load_state
from .syntax import split_commands
from .syntax.errors import Diagnostic, Span

__all__ = ["Repl", "main", "read_requests"]

PROOF_KIND = "leanr proof state"
_UNSUPPORTED = "is not supported yet"
_JSON_RECURSION_LIMIT = 1000
PROOF_VERSION = 1
DEFAULT_GAS = 10_000_000


def read_requests(stream: IO[str]) -> Iterator[str]:
    """Requests as the Lean REPL reads them: lines up to a blank one, each right-stripped, joined."""
    while True:
        parts: list[str] = []
        while True:
            line = stream.readline()
            if not line.strip():
                break
            parts.append(line.rstrip())
        if not parts:
            if not line:
                return      # end of input
            continue        # blank lines between requests
        yield "".join(parts)
        if not line:
            return


def _message(d: Diagnostic) -> dict[str, Any]:
    return {"severity": d.severity, **span_json(d.span), "data": d.message.strip()}


def _ordered(x: Any) -> Any:
    """Keys in the order the Lean REPL prints them (its JSON objects come out in reverse key order)."""
    if isinstance(x, dict):
        return {k: _ordered(x[k]) for k in sorted(x, reverse=True)}
    if isinstance(x, list):
        return [_ordered(v) for v in x]
    return x


def _error(text: str) -> dict[str, Any]:
    return {"message": text}


def _tactic_api() -> Any:
    """The proof-mode API (`leanr_py.tactic`), or None when this build has no resumable proof states."""
    try:
        from .tactic import by as _by  # noqa: F401 - the tactics register themselves with proof mode
        from .tactic import state as tactic_state
    except ImportError:
        return None
    return tactic_state


@dataclass(slots=True, frozen=True)
class _Env:
    constants: dict          # never mutated once stored
    state: ElabState


class Repl:
    """The REPL's state: environments and proof states by number, as the Lean REPL keeps them."""

    def __init__(self, gas: int = DEFAULT_GAS) -> None:
        self.gas = gas
        self.envs: list[_Env] = []
        self.proof_states: list[Any] = []
        self._fresh: _Env | None = None

    def fresh_env(self) -> _Env:
        """leanr's prelude (loaded once, from its snapshot)."""
        if self._fresh is None:
            from .prelude import load_prelude, prelude_state

            env, _ = load_prelude()
            self._fresh = _Env(env.constants, prelude_state())
        return self._fresh

    # ------------------------------------------------------------------ dispatch
    def handle_text(self, text: str) -> dict[str, Any] | None:
        """The response to one request's text (None for a skipped comment)."""
        if text.startswith("#") or text.startswith("--"):
            return None
        limit = sys.getrecursionlimit()
        # json's parser recurses (in C) once per nesting level: under the engine's raised recursion limit a
        # deeply nested request would overflow the C stack, so parse it under the interpreter's usual limit
        sys.setrecursionlimit(min(limit, _JSON_RECURSION_LIMIT))
        try:
            req = json.loads(text, strict=False)
        except (json.JSONDecodeError, RecursionError) as exc:
            return _error(f"Could not parse JSON:\n{exc}")
        finally:
            sys.setrecursionlimit(limit)
        if not isinstance(req, dict):
            return _error("Could not parse as a valid JSON command:\nexpected an object")
        try:
            return self.handle(req)
        except RecursionError:
            return _error("the input is nested too deeply for this checker")

    def handle(self, req: dict[str, Any]) -> dict[str, Any]:
        def nat(key: str) -> int | None:
            v = req.get(key)
            return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else None

        def text(key: str) -> str | None:
            v = req.get(key)
            return v if isinstance(v, str) else None

        if text("tactic") is not None and nat("proofState") is not None:
            return self.tactic(text("tactic"), nat("proofState"))  # type: ignore[arg-type]
        if text("pickleTo") is not None and nat("env") is not None:
            return self.pickle_env(text("pickleTo"), nat("env"))  # type: ignore[arg-type]
        if text("unpickleEnvFrom") is not None:
            return self.unpickle_env(text("unpickleEnvFrom"))  # type: ignore[arg-type]
        if text("pickleTo") is not None and nat("proofState") is not None:
            return self.pickle_proof_state(text("pickleTo"), nat("proofState"))  # type: ignore[arg-type]
        if text("unpickleProofStateFrom") is not None:
            return self.unpickle_proof_state(text("unpickleProofStateFrom"), req.get("env"))  # type: ignore[arg-type]
        if text("cmd") is not None:
            return self.command(text("cmd"), req)  # type: ignore[arg-type]
        if text("path") is not None:
            try:
                with open(text("path"), encoding="utf-8") as f:  # type: ignore[arg-type]
                    source = f.read()
            except (OSError, UnicodeDecodeError) as exc:
                return _error(f"{type(exc).__name__}: {exc}")
            return self.command(source, req)
        return _error("Could not parse as a valid JSON command:\nexpected one of the fields 'cmd', 'path', "
                      "'tactic' with 'proofState', 'pickleTo', 'unpickleEnvFrom', 'unpickleProofStateFrom'")

    # ------------------------------------------------------------------ commands
    def _env_arg(self, v: Any) -> tuple[_Env | None, bool]:
        """(environment, found) for an `env` field: absent means the prelude."""
        if v is None:
            return self.fresh_env(), True
        if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < len(self.envs):
            return self.envs[v], True
        return None, False

    def command(self, source: str, req: dict[str, Any]) -> dict[str, Any]:
        base, found = self._env_arg(req.get("env"))
        if not found or base is None:
            return _error("Unknown environment.")
        source, import_errors = _imports(source, allowed=req.get("env") is None)
        s = Session.from_state(base.constants, base.state, self.gas)
        s.capture_tactic_states = req.get("allTactics") is True
        r = s.check(source)
        constants, state = s.current_state()
        self.envs.append(_Env(constants, state))
        out: dict[str, Any] = {"env": len(self.envs) - 1}
        msgs = [_message(d) for d in import_errors + r.diagnostics]
        if msgs:
            out["messages"] = msgs
        # a proof state sees the constants declared before its command, not its own declaration (`exact ex`)
        added = s.added_by_command()
        hidden = [frozenset(n for later in added[i:] for n in later) for i in range(len(added))]
        sorries = self._sorries(r.infos, hidden=hidden)
        if req.get("rootGoals") is True:
            sorries += self._root_goals(r.infos, hidden)
        if sorries:
            out["sorries"] = sorries
        if req.get("allTactics") is True:
            tactics = self._tactics_json(source, r)
            if tactics:
                out["tactics"] = tactics
        if isinstance(req.get("infotree"), str):
            tree = _infotree_json(source, r)
            if tree:
                out["infotree"] = tree
        return out

    def _sorries(self, logs: list[InfoLog], positions: bool = True,
                 hidden: list[frozenset] | None = None) -> list[dict[str, Any]]:
        """Every `sorry` (in terms and as a tactic) with its goal and a proof state to go on from; without
        `positions` (tactic mode, where they would be relative to the tactic text) as the Lean REPL shows them."""
        api = _tactic_api()
        # a `sorry` elaborated again for the same goal (backtracking) counts once, its last elaboration;
        # one run on several goals (`all_goals sorry`) counts once per goal
        found: dict[tuple[int, int, int, int, str], tuple[int, Span, Any, Any, frozenset]] = {}
        order = 0
        for i, log in enumerate(logs):
            hide = hidden[i] if hidden is not None and i < len(hidden) else frozenset()
            for span, e, te, lctx in log.raw_terms:
                if lctx is None:
                    continue
                g = None
                try:
                    g = InfoLog.sorry_goal(e, te, lctx)
                    if api is not None:
                        from .tactic.core import goal_record

                        text = goal_record(te.meta, g).pretty()
                    else:
                        text = InfoLog.sorry_info(span, e, te, lctx).goal.pretty()
                except Exception as exc:  # noqa: BLE001 - a goal that cannot be shown is reported, not raised
                    text = f"<goal unavailable: {type(exc).__name__}>"
                    g = None
                found[(span.line, span.col, span.end_line, span.end_col, text)] = (order, span, te, g, hide)
                order += 1
        out = []
        for key in sorted(found, key=lambda k: (k[:4], found[k][0])):
            _, span, te, g, hide = found[key]
            entry: dict[str, Any] = span_json(span) if positions else {}
            entry["goal"] = key[4]
            if api is not None and g is not None:
                entry["proofState"] = self._record(api.ProofState.capture(te, [g], hidden=hide))
            out.append(entry)
        return out

    def _tactics_json(self, source: str, r: CheckResult) -> list[dict[str, Any]]:
        """Each tactic with its text, range, goals before it and a proof state to go on from."""
        states: dict[int, Any] = {}
        for log in r.infos:
            states.update(log.tactic_states or {})
        out = []
        for t, text in _tactic_records(source, r):
            entry: dict[str, Any] = {"tactic": text}
            st = states.get(id(t))
            if st is not None:
                entry["proofState"] = self._record(st)
            entry.update(span_json(t.span))
            entry["goals"] = "\n\n".join(g.pretty() for g in t.goals_before)
            out.append(entry)
        return out

    def _root_goals(self, logs: list[InfoLog], hidden: list[frozenset]) -> list[dict[str, Any]]:
        """The goal each outermost `by` block starts from, as a `sorry` at the block's start (as the Lean
        REPL's `rootGoals`), with a proof state to run tactics on."""
        api = _tactic_api()
        out = []
        for i, log in enumerate(logs):
            hide = hidden[i] if i < len(hidden) else frozenset()
            spans = [b[0] for b in log.by_blocks]
            for span, e, te, lctx in log.by_blocks:
                if any(o != span and contains(o, span.line, span.col) and contains(o, span.end_line, span.end_col)
                       for o in spans):
                    continue  # nested in another block of the command: not a root
                pos = {"line": span.line, "column": span.col}
                entry: dict[str, Any] = {"pos": pos, "endPos": pos}
                try:
                    g = InfoLog.sorry_goal(e, te, lctx)
                    from .tactic.core import goal_record

                    entry["goal"] = goal_record(te.meta, g).pretty()
                    if api is not None:
                        entry["proofState"] = self._record(api.ProofState.capture(te, [g], hidden=hide))
                except Exception as exc:  # noqa: BLE001 - a goal that cannot be shown is reported, not raised
                    entry["goal"] = f"<goal unavailable: {type(exc).__name__}>"
                out.append(entry)
        return out

    def _record(self, st: Any) -> int:
        self.proof_states.append(st)
        return len(self.proof_states) - 1

    # ------------------------------------------------------------------ tactic mode
    def tactic(self, text: str, n: int) -> dict[str, Any]:
        if not 0 <= n < len(self.proof_states):
            return _error("Unknown proof state.")
        api = _tactic_api()
        if api is None:
            return _error("tactic mode is not supported yet")
        st = self.proof_states[n]
        log = InfoLog()
        new, msgs = api.run_tactic(st, text, gas=self.gas, info=log)
        errors = [d for d in msgs if d.severity == "error"]
        if errors and new is st:
            if any(_is_syntax_error(d) or _UNSUPPORTED in d.message for d in errors):
                # text that does not parse, or a tactic leanr cannot run: no verdict, so no new state
                d = errors[0]
                return _error(f"Lean error:\n<input>:{d.span.line}:{d.span.col + 1}: {d.message}")
            # as Lean's tactic framework recovers from an error: the goals are admitted
            new = _admit_all(api, st)
            log = InfoLog()
        return self._proof_response(new, msgs, self._sorries([log], positions=False))

    def _proof_response(self, st: Any, msgs: list[Diagnostic],
                        sorries: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        goals = [g.pretty() for g in st.goals()]
        out: dict[str, Any] = {"proofState": self._record(st), "goals": goals,
                               "proofStatus": _proof_status(st, goals)}
        # as the Lean REPL's tactic mode: information as traces, one per trace node (`[cls] …`)
        traces = [t for d in msgs if d.severity == "info" for t in re.split(r"\n(?=\[[\w.]+\] )", d.message)]
        msgs = [d for d in msgs if d.severity != "info"]
        if traces:
            out["traces"] = traces
        if msgs:
            out["messages"] = [_message(d) for d in msgs]
        if sorries:
            out["sorries"] = sorries
        return out

    # ------------------------------------------------------------------ pickling
    def pickle_env(self, path: str, n: int) -> dict[str, Any]:
        if not 0 <= n < len(self.envs):
            return _error("Unknown environment.")
        env = self.envs[n]
        try:
            blob = Session.from_state(env.constants, env.state, self.gas).snapshot()
            with open(path, "wb") as f:
                f.write(blob)
        except (OSError, SnapshotError) as exc:
            return _error(f"{type(exc).__name__}: {exc}")
        return {"env": n}

    def unpickle_env(self, path: str) -> dict[str, Any]:
        try:
            with open(path, "rb") as f:
                blob = f.read()
            s = Session.restore(blob)
        except (OSError, SnapshotError) as exc:
            return _error(f"{type(exc).__name__}: {exc}")
        constants, state = s.current_state()
        self.envs.append(_Env(constants, state))
        return {"env": len(self.envs) - 1}

    def pickle_proof_state(self, path: str, n: int) -> dict[str, Any]:
        if not 0 <= n < len(self.proof_states):
            return _error("Unknown proof State.")
        st = self.proof_states[n]
        try:
            blob = dump_state(st.env, _proof_state_data(st))
            with open(path, "wb") as f:
                f.write(blob)
        except (OSError, SnapshotError, ValueError) as exc:
            return _error(f"{type(exc).__name__}: {exc}")
        return self._proof_response(st, [])

    def unpickle_proof_state(self, path: str, env_id: Any) -> dict[str, Any]:
        base, found = (None, True) if env_id is None else self._env_arg(env_id)
        if not found:
            return _error("Unknown environment.")
        api = _tactic_api()
        if api is None:
            return _error("tactic mode is not supported yet")
        try:
            with open(path, "rb") as f:
                blob = f.read()
            env, data = load_state(blob)
            if base is not None:  # over environment n: its constants and its instances, reducibility, …
                env = _environment(base.constants)
            st = _proof_state_from(api, env, base.state if base is not None else self.fresh_env().state, data)
        except (OSError, SnapshotError) as exc:
            return _error(f"{type(exc).__name__}: {exc}")
        return self._proof_response(st, [])


# ---------------------------------------------------------------------------------------- helpers

def _environment(constants: dict) -> Environment:
    env = Environment()
    env.constants = dict(constants)
    return env


def _imports(source: str, allowed: bool) -> tuple[str, list[Diagnostic]]:
    """The source with its leading `import` commands blanked (positions kept); errors where they are not
    allowed (after `env`, as in Lean)."""
    errors: list[Diagnostic] = []
    chars = list(source)
    for r in split_commands(source):
        if not source[r.start:r.end].lstrip().startswith("import"):
            break
        if not allowed:
            errors.append(Diagnostic(r.span, "error",
                                     "invalid 'import' command, it must be used in the beginning of the file"))
        for i in range(r.start, r.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars), errors


def _is_syntax_error(d: Diagnostic) -> bool:
    """A tactic text that does not parse (the Lean REPL answers those with an error object)."""
    return d.message.startswith(("unexpected", "unknown tactic"))


def _tactic_records(source: str, r: CheckResult) -> Iterator[tuple[TacticInfo, str]]:
    """The tactics run, with their text; `by` blocks themselves are terms, not tactics."""
    records = [t for log in r.infos for t in log.tactics]
    # in source order, an enclosing tactic before the tactics inside it (Lean's info tree order)
    records.sort(key=lambda t: (t.span.line, t.span.col, -t.span.end_line, -t.span.end_col))
    for t in records:
        text = _source_text(source, t.span)
        if text != "by" and not text.startswith(("by ", "by\n", "by\t")):
            yield t, text


def _admit_all(api: Any, st: Any) -> Any:
    """`st` with every goal closed by `sorry` (Lean's recovery after a failing tactic)."""
    new = st
    for _ in range(len(st.goals())):
        nxt, msgs = api.run_tactic(new, "sorry")
        if nxt is new or any(d.severity == "error" for d in msgs):
            return new
        new = nxt
    return new


def _proof_status(st: Any, goals: list[str]) -> str:
    """Lean REPL's verdicts: open goals; metavariables or `sorry` left in the proof; a kernel error; or
    completed (the kernel checked the proof against the root goal)."""
    if goals:
        return "Incomplete: open goals remain"
    mctx = st.mctx
    pf = mctx.instantiate_mvars(st.root)
    if pf.flags & E.HAS_MVAR and mctx.collect_mvars(pf):
        return "Incomplete: contains metavariable(s)"
    decl = mctx.decl(st.root)
    target = mctx.instantiate_mvars(decl.type)
    lctx = list(decl.lctx)
    pf = mctx.mk_lambda_fvars(lctx, pf)
    ty = mctx.mk_pi_fvars(lctx, target)
    if ty.flags & E.HAS_MVAR or pf.flags & E.HAS_FVAR or ty.flags & E.HAS_FVAR:
        return "Incomplete: contains metavariable(s)"
    from .kernel.typechecker import TypeChecker

    levels: dict[Name, None] = {}
    E.level_params_of(ty, levels)
    E.level_params_of(pf, levels)
    try:
        env = st.env
        if st.self_refs:  # the declaration being proved is no proof of anything (tactic.state._frozen_env)
            env = copy.copy(env)
            env.constants = {n: c for n, c in env.constants.items() if n not in st.self_refs}
        tc = TypeChecker(env, tuple(levels), gas=Gas(DEFAULT_GAS))
        tc.ensure_sort(tc.check(ty))
        if not tc.is_def_eq(tc.check(pf), ty):
            return "Error: proof has a different type than the root goal"
    except (KernelError, GasExhausted) as exc:
        return f"Error: kernel type check failed: {exc}"
    if any(x.kind == E.CONST and str(x.name) == "sorryAx" for x in E.subterms(pf)):  # type: ignore[attr-defined]
        return "Incomplete: contains sorry"
    return "Completed"


def _proof_state_data(st: Any) -> dict[str, Any]:
    """A proof state as snapshot data: its single goal closed over its hypotheses (`∀ hyps, target`) and
    the hypotheses' names, re-introduced when it is loaded."""
    mctx = st.mctx
    open_goals = [g for g in st.goal_list if mctx.instantiate_mvars(g) is g]
    if len(open_goals) > 1:
        raise ValueError("pickling a proof state with several goals is not supported yet")
    if not open_goals:
        return {"kind": PROOF_KIND, "version": PROOF_VERSION, "goal": None, "names": ()}
    d = mctx.decl(open_goals[0])
    lctx = list(d.lctx)
    closed = mctx.mk_pi_fvars(lctx, mctx.instantiate_mvars(d.type))
    if closed.flags & (E.HAS_MVAR | E.HAS_FVAR):
        raise ValueError("this proof state's goal mentions metavariables and cannot be pickled yet")
    return {"kind": PROOF_KIND, "version": PROOF_VERSION, "goal": closed, "names": tuple(str(x.name) for x in lctx)}


def _proof_state_from(api: Any, env: Environment, state: ElabState, data: Any) -> Any:
    """A proof state from `_proof_state_data`, over `env` with the elaborator state `state`."""
    if not isinstance(data, dict) or data.get("kind") != PROOF_KIND or data.get("version") != PROOF_VERSION:
        raise SnapshotError("not a proof-state snapshot of this version")
    check_type(data.get("names"), tuple[str, ...], "proof state names")
    goal = data.get("goal")
    table = InstanceTable(env)
    apply(state, None, table, env)
    if goal is None:  # a finished proof: the state of a proved trivial goal
        st = api.ProofState.for_goal(env, table, E.mk_const(Name.of("True")))
        done, _ = api.run_tactic(st, "exact True.intro")
        return done
    if not isinstance(goal, E.Expr):
        raise SnapshotError("proof state goal is not a term")
    st = api.ProofState.for_goal(env, table, goal, reducible=tuple(state.reducible),
                                 names=state.scopes[-1].name_scope() if state.scopes else EMPTY_NAMES)
    names = data["names"]
    if names:
        st2, msgs = api.run_tactic(st, "intro " + " ".join(n if n.isidentifier() else "_" for n in names))
        if any(d.severity == "error" for d in msgs):
            raise SnapshotError("the proof state's hypotheses could not be re-introduced")
        st = st2
    return st


def _source_text(source: str, span: Span) -> str:
    lines = source.split("\n")
    if span.line == span.end_line:
        return lines[span.line - 1][span.col:span.end_col]
    parts = [lines[span.line - 1][span.col:]] + lines[span.line:span.end_line - 1] + \
        [lines[span.end_line - 1][:span.end_col]]
    return "\n".join(parts)


def _infotree_json(source: str, r: CheckResult) -> list[dict[str, Any]]:
    out = []
    for t, text in _tactic_records(source, r):
        rng = {"synthetic": False, "start": {"line": t.span.line, "column": t.span.col},
               "finish": {"line": t.span.end_line, "column": t.span.end_col}}
        out.append({"node": {"stx": {"range": rng, "pp": text},
                             "goalsBefore": [g.pretty() for g in t.goals_before],
                             "goalsAfter": [g.pretty() for g in t.goals_after]},
                    "kind": "TacticInfo", "children": []})
    return out


# ---------------------------------------------------------------------------------------- the loop

def serve(stdin: IO[str], stdout: IO[str], repl: Repl | None = None) -> int:
    repl = repl if repl is not None else Repl()
    for text in read_requests(stdin):
        try:
            resp = repl.handle_text(text)
        except Exception as exc:  # noqa: BLE001 - one bad request never ends the session
            resp = _error(f"internal error: {type(exc).__name__}: {exc}")
        if resp is None:
            continue
        stdout.write(json.dumps(_ordered(resp), ensure_ascii=False) + "\n\n")
        stdout.flush()
    return 0


def main(gas: int = DEFAULT_GAS) -> int:
    from .kernel.environment import ensure_recursion_limit

    ensure_recursion_limit()
    repl = Repl(gas)
    repl.fresh_env()  # start-up: the prelude, before the first request
    return serve(sys.stdin, sys.stdout, repl)
