"""`TacticContext`: the proof state of one running tactic block and the helpers tactics are written with.

A goal is an expression metavariable: its declaration holds the local context and the target, its user
name is the case tag. Tactics close goals by assigning them (`close_goal`, checked against the target) and
make new ones with `new_goal`. The goal list may hold goals that unification solved meanwhile; `goals()`
drops them, as Lean's `getUnsolvedGoals`.

`run(stx)` runs one tactic: it charges gas, records `TacticInfo` (goals before and after, pretty-printed)
in the elaborator's info log and dispatches through the registry. Failure is an `ElabError` at the
tactic's span; `try_run` undoes the metavariable context and the goal list of a failed attempt.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

from ..kernel import expr as E
from ..kernel.expr import CONST, HAS_MVAR, LET, PI, Expr, FVar, MVar
from ..kernel.name import Name
from ..pretty import Options, pp_expr, pp_goal
from ..pretty.names import binder_base, has_macro_scopes
from ..syntax import ast as A
from ..syntax.errors import Diagnostic, Span
from ..elab import messages
from ..elab.errors import ElabError
from ..elab.info import Goal, Hypothesis, TacticInfo
from ..elab.mctx import NATURAL, SYNTHETIC_OPAQUE
from ..elab.term import TermElaborator, hygienic
from .registry import lookup

__all__ = ["TacticContext", "goal_record", "pp_goals", "throw_tactic"]

NO_GOALS = "No goals to be solved"   # Lean 4.29's wording

ANON = Name.anonymous()


def unused_name(suggestion: Name, lctx: Sequence[FVar]) -> Name:
    """Lean's `LocalContext.getUnusedName`: `suggestion` if no local has that user name, else the first
    of `suggestion_1`, `suggestion_2`, … that none has."""
    used = {x.name for x in lctx}
    if suggestion not in used:
        return suggestion
    i = 1
    while True:
        cand = Name.of(f"{suggestion}_{i}")
        if cand not in used:
            return cand
        i += 1


class TacticContext:
    def __init__(self, te: TermElaborator, goals: Sequence[MVar]) -> None:
        self.te = te
        self.meta = te.meta
        self.env = te.env
        self._goals: list[MVar] = list(goals)

    # ================================================================== goals
    def goals(self) -> list[MVar]:
        """The unsolved goals, in order (solved ones are dropped from the list)."""
        mctx = self.meta.mctx
        out: list[MVar] = []
        for g in self._goals:
            if not mctx.is_assigned(g) and not mctx.is_delayed_assigned(g) and g not in out:
                out.append(g)
        self._goals = out
        return list(out)

    def set_goals(self, goals: Sequence[MVar]) -> None:
        self._goals = list(goals)

    def main_goal(self, span: Any) -> MVar:
        gs = self.goals()
        if not gs:
            raise ElabError(NO_GOALS, span)
        return gs[0]

    def replace_main_goal(self, new: Sequence[MVar]) -> None:
        """Replace the main goal (the first one when the tactic started, solved or not by now)."""
        self._goals = list(new) + self._goals[1:]

    def target(self, g: MVar) -> Expr:
        return self.meta.instantiate_mvars(self.meta.decl(g).type)

    def tag(self, g: MVar) -> Name:
        return self.meta.decl(g).user_name

    def lctx(self, g: MVar) -> tuple[FVar, ...]:
        return self.meta.decl(g).lctx

    @contextmanager
    def goal_context(self, g: MVar) -> Iterator[None]:
        """Run with the goal's locals as the elaborator's local context."""
        meta = self.meta
        saved = meta.lctx
        meta.lctx = list(meta.decl(g).lctx)
        try:
            yield
        finally:
            meta.lctx = saved

    def new_goal(self, type_: Expr, lctx: Sequence[FVar], tag: Name | str | None = None,
                 kind: str = SYNTHETIC_OPAQUE) -> MVar:
        name = ANON if tag is None else (tag if isinstance(tag, Name) else Name.of(tag))
        return self.meta.mctx.mk_expr_mvar(type_, tuple(lctx), kind, name)

    def close_goal(self, g: MVar, value: Expr, span: Any, *, check: bool = True, tactic: str = "exact") -> None:
        """Assign `value` to the goal `g`; with `check`, its type must be def-eq to the target. A value that
        mentions the goal itself (`exact ?g` naming it) is Lean's error, never a cyclic assignment."""
        meta = self.meta
        if value.flags & HAS_MVAR and g in meta.mctx.collect_mvars(meta.instantiate_mvars(value)):
            raise ElabError(f"`{tactic}` tactic failed, value\n  {self.pp(value)}\ndepends on the main goal "
                            f"metavariable `{self.pp(g)}`", span)
        if check:
            with self.goal_context(g):
                vt = meta.infer_type(value)
                if not meta.is_def_eq(vt, meta.decl(g).type):
                    raise ElabError(type_mismatch(self, value, vt, meta.decl(g).type), span)
        meta.assign(g, value)

    def change_goal(self, g: MVar, new_type: Expr, tag: Name | None = None) -> MVar:
        """A goal of the (def-eq) type `new_type` that replaces `g`."""
        d = self.meta.decl(g)
        ng = self.new_goal(new_type, d.lctx, d.user_name if tag is None else tag)
        self.meta.assign(g, ng)
        return ng

    def intro_local(self, g: MVar, name: Name | None, span: Any, *, inaccessible: bool = False) -> tuple[FVar, MVar]:
        """Lean's `intro1`: the target must be a Π or a `let` (after whnf); the new local and goal."""
        meta = self.meta
        t = self.target(g)
        if t.kind not in (PI, LET):
            with self.goal_context(g):
                t = meta.whnf(t)
        if t.kind not in (PI, LET):
            raise ElabError(f"Tactic `intro` failed: There are no additional binders or `let` bindings in the "
                            f"goal to introduce\n\n{self.pp_goal(g)}", span)
        base = t.name  # type: ignore[attr-defined]
        d = meta.decl(g)
        if name is None and self.__dict__.get("unhygienic"):
            # Lean with `tactic.hygienic false`: the binder's name made unused in the context (`a_1`, …)
            name = unused_name(Name.of(binder_base(base, "a")), d.lctx)
        elif name is None:
            name = hygienic(binder_base(base, "a")) if inaccessible or has_macro_scopes(base) else base
        if t.kind == PI:
            x = meta.mk_local(name, t.type, t.bi)  # type: ignore[attr-defined]
        else:
            x = meta.mk_local(name, t.type, E.DEFAULT, t.value)  # type: ignore[attr-defined]
        body = E.instantiate1(t.body, x)  # type: ignore[attr-defined]
        ng = self.new_goal(body, d.lctx + (x,), d.user_name)
        with self.goal_context(g):
            meta.assign(g, meta.mk_lambda_fvars([x], ng))
        return x, ng

    # ================================================================== running tactics
    def run(self, stx: A.Tactic) -> None:
        self.meta.gas.charge()
        before = self.snapshot_goals()
        fn = None
        if self.__dict__.get("conv_mode"):  # conversion mode: its own tactics first (see `conv`)
            from .conv import conv_lookup
            fn = conv_lookup(stx.name)
        if fn is None:
            fn = lookup(stx.name)
        expansions = getattr(self.te, "tactic_macros", {}).get(stx.name) if not stx.args else None
        if expansions:
            self._run_macro(stx, expansions, fn)
            self.te.info.add_tactic(TacticInfo(stx.span, before, self.snapshot_goals()))
            return
        if fn is None:
            raise ElabError(f"the tactic '{stx.name}' is not supported yet", stx.span)
        states = self.te.info.tactic_states
        state = None
        if states is not None:  # the proof state before the tactic, for the REPL's `allTactics`
            from .state import ProofState
            state = ProofState.capture(self.te, self.goals()) if self.goals() else None
        try:
            fn(self, stx)
        except RecursionError:
            raise ElabError("the terms of this proof are nested too deeply for this tactic", stx.span) from None
        record = TacticInfo(stx.span, before, self.snapshot_goals())
        self.te.info.add_tactic(record)
        if states is not None and state is not None:
            states[id(record)] = state

    def _run_macro(self, stx: A.Tactic, expansions: tuple[A.TacticSeq, ...], builtin: Any) -> None:
        """As Lean's macro expansion of a tactic: the newest `macro_rules` first, then the older ones and the
        built-in tactic of that name; the first that succeeds is kept. Errors point at the use."""
        first_error: ElabError | None = None
        attempts: list[Callable[[], None]] = [lambda seq=seq: self.run_seq(seq) for seq in reversed(expansions)]
        if builtin is not None:
            attempts.append(lambda: builtin(self, stx))
        for attempt in attempts:
            err = self.try_run(attempt)
            if err is None:
                return
            first_error = first_error or err
        assert first_error is not None
        raise ElabError(first_error.message, stx.span)

    def run_seq(self, seq: A.TacticSeq) -> None:
        for t in seq.tactics:
            self.run(t)

    def save(self) -> tuple[Any, list[MVar], int, int]:
        return self.meta.save(), list(self._goals), len(self.te.info.tactics), len(logged_messages(self.te))

    def restore(self, st: tuple[Any, list[MVar], int, int]) -> None:
        self.meta.restore(st[0])
        self._goals = list(st[1])
        del self.te.info.tactics[st[2]:]
        del logged_messages(self.te)[st[3]:]  # as Lean's: the message log is part of the state undone

    def log_info(self, span: Any, text: str) -> None:
        """An information message (`trace`, simp's traces), reported with the declaration's messages."""
        logged_messages(self.te).append(Diagnostic(span, "info", text))

    def trace_enabled(self, cls: str) -> bool:
        """Is `set_option trace.<cls> true` (or a parent class of it) in force?"""
        on = getattr(self.te, "trace_classes", ())
        return any(cls == c or cls.startswith(c + ".") for c in on)

    def try_run(self, fn: Callable[[], None]) -> ElabError | None:
        """Run `fn`; on an `ElabError` undo its effects and return the error (None on success). Inside,
        focused blocks do not recover from errors (see `close_or_admit`): the attempt fails as a whole."""
        st = self.save()
        outer = self.__dict__.get("recover", True)
        self.__dict__["recover"] = False
        try:
            fn()
        except ElabError as exc:
            self.restore(st)
            return exc
        except BaseException:
            self.restore(st)
            raise
        finally:
            self.__dict__["recover"] = outer
        self.meta.commit(st[0])
        return None

    def recovering(self) -> bool:
        return self.__dict__.get("recover", True) and not self.te.__dict__.get("no_recovery")

    def close_or_admit(self, g: MVar, fn: Callable[[], None], span: Any) -> None:
        """Lean's `closeUsingOrAdmit` (`·`, `case`, `next`, induction alternatives): run `fn` focused on `g`,
        which it must close. When recovering, a failure is logged (reported with the declaration) and `g` is
        admitted, so the rest of the proof is still checked."""
        if not self.recovering():
            left = self.focus(g, fn)
            if left:
                raise unsolved_goals(self, left, span)
            return
        rest = [x for x in self.goals() if x is not g]
        st = self.save()
        try:
            left = self.focus(g, fn)
            if left:
                raise unsolved_goals(self, left, span)
        except ElabError as exc:
            self.restore(st)
            if self.te.__dict__.get("simp_incomplete") and SIMP_SET_NOTE not in exc.message:
                exc = ElabError(exc.message + SIMP_SET_NOTE, exc.span)
            self.te.__dict__.setdefault("recovered_errors", []).append(exc)
            self.admit(g, span)
            self._goals = rest
            return
        self.meta.commit(st[0])

    def admit(self, g: MVar, span: Any) -> None:
        """`g := sorryAx T true` (a synthetic sorry: errors were reported, no `sorry` warning)."""
        meta = self.meta
        t = self.target(g)
        with self.goal_context(g):
            u = meta.instantiate_level_mvars(self.te.ensure_type(t, span))
        meta.assign(g, E.mk_app_n(E.mk_const(Name.of("sorryAx"), [u]), [t, E.mk_const(Name.of("Bool.true"))]))

    def focus(self, g: MVar, fn: Callable[[], None]) -> list[MVar]:
        """Run `fn` with `g` as the only goal; the goals it leaves (the others are put back after them)."""
        rest = [x for x in self.goals() if x is not g]
        self._goals = [g]
        fn()
        left = self.goals()
        self._goals = left + rest
        return left

    # ================================================================== terms
    def elaborator(self) -> TermElaborator:
        """A term elaborator for terms inside the proof (same metavariable context and scope)."""
        te = self.te
        c = TermElaborator(te.meta, te.table, namespace=te.namespace, opens=te.opens,
                           level_names=te.level_names, auto_bound_levels=False, info=te.info, names=te.names)
        c.__dict__["no_recovery"] = True  # a nested `by` that fails makes the tactic fail (see `by`)
        c.__dict__["logged_messages"] = logged_messages(te)
        c.trace_classes = getattr(te, "trace_classes", ())  # type: ignore[attr-defined]
        c.closure_consts, c.closure_fvars, c.closure_scope = te.closure_consts, te.closure_fvars, te.closure_scope
        c.decl_self = te.decl_self
        c.matchers = te.matchers  # a `match` of the proof gives the declaration a matcher too
        on_sorry = te.__dict__.get("on_sorry")
        if on_sorry is not None:
            c.__dict__["on_sorry"] = on_sorry
        return c

    def elab_term(self, g: MVar, stx: A.Node, expected: Expr | None, *, allow_holes: bool = False,
                  allow_natural: bool = False, postpone_check: bool = False) -> tuple[Expr, list[MVar]]:
        """Elaborate `stx` in the context of goal `g` against `expected`, synthesizing everything (nested
        `by` blocks included). Returns the value and the new unassigned mvars it contains, which are
        `?_`/`?x` holes (allowed with `allow_holes`) or natural mvars (allowed with `allow_natural`);
        otherwise a leftover is Lean's `don't know how to synthesize placeholder` error."""
        meta = self.meta
        start = meta.mctx.next_serial
        c = self.elaborator()
        with self.goal_context(g):
            v = c.elab(stx, expected)
            if expected is not None and not postpone_check:
                t = meta.infer_type(v)
                if not meta.is_def_eq(t, expected):
                    raise ElabError(type_mismatch(self, v, t, expected), stx.span)
            c.synthesize(True)
            if c.uses_sorry:
                self.te.uses_sorry = True
            v = meta.instantiate_mvars(v)
            new = [m for m in meta.mctx.collect_mvars(v) if m.serial > start]
            bad = [m for m in new if not (allow_holes and meta.decl(m).kind == SYNTHETIC_OPAQUE)
                   and not (allow_natural and meta.decl(m).kind != SYNTHETIC_OPAQUE)]
            if bad:
                self._report_unassigned(c, bad, stx)
        return v, new

    def _report_unassigned(self, c: TermElaborator, bad: list[MVar], stx: A.Node) -> None:
        for m in bad:
            o = c.origins.get(m.serial)
            if o is not None:
                if o.kind == "implicit":
                    app = f"\n  {c.pp(o.app[0])}" if o.app else ""
                    raise ElabError(f"don't know how to synthesize implicit argument '{o.name}'{app}\ncontext:\n"
                                    f"{self.pp_mvar_goal(m)}", o.span)
                raise ElabError(f"don't know how to synthesize placeholder\ncontext:\n{self.pp_mvar_goal(m)}",
                                o.span)
        raise ElabError(f"don't know how to synthesize placeholder\ncontext:\n{self.pp_mvar_goal(bad[0])}",
                        stx.span)

    def elab_type(self, g: MVar, stx: A.Node) -> Expr:
        meta = self.meta
        c = self.elaborator()
        with self.goal_context(g):
            t = c.elab_type(stx)
            c.synthesize(True)
            if c.uses_sorry:
                self.te.uses_sorry = True
            t = meta.instantiate_mvars(t)
        return t

    # ================================================================== printing
    def pp(self, e: Expr) -> str:
        try:
            return pp_expr(self.meta.instantiate_mvars(e), self.env)
        except Exception:  # noqa: BLE001 - a message must never fail to be produced
            return repr(e)

    def pp_mvar_goal(self, m: MVar) -> str:
        return goal_record(self.meta, m).pretty()

    def pp_goal(self, g: MVar) -> str:
        return goal_record(self.meta, g).pretty()

    def snapshot_goals(self) -> tuple[Goal, ...]:
        return tuple(goal_record(self.meta, g) for g in self.goals())


def throw_tactic(tc: TacticContext, name: str, msg: str, g: MVar | None, span: Any) -> None:
    """Lean's `Tactic `name` failed: msg` followed by the goal."""
    text = f"Tactic `{name}` failed: {msg}" if msg else f"Tactic `{name}` failed"
    if g is not None:
        text += "\n\n" + tc.pp_goal(g)
    raise ElabError(text, span)


def type_mismatch(tc: TacticContext, v: Expr, vt: Expr, expected: Expr) -> str:
    return messages.type_mismatch(tc.meta, tc.pp, v, vt, expected)


def goal_record(meta: Any, g: MVar) -> Goal:
    """The goal `g` as Lean displays it, as data (hypotheses grouped as `x y : Nat`)."""
    d = meta.decl(g)
    hyps = [(x, meta.instantiate_mvars(x.type), None if x.value is None else meta.instantiate_mvars(x.value))
            for x in d.lctx]
    target = meta.instantiate_mvars(d.type)
    text = pp_goal(hyps, target, meta.env, options=Options(display_name=getattr(meta, "display_name", None)))
    tag = None if d.user_name.is_anonymous() else str(d.user_name)
    return Goal(tuple(_parse_hyps(text)), _target_text(text), tag)


def _blocks(text: str) -> list[str]:
    """`pp_goal`'s output split into entries: a line at column 0 starts one, indented lines continue it."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and line.startswith(" "):
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out


def _parse_hyps(text: str) -> list[Hypothesis]:
    hyps = []
    for b in _blocks(text):
        if b.startswith("⊢ "):
            break
        names, _, rest = b.partition(" :")
        rest = rest[1:] if rest.startswith(" ") else rest.lstrip("\n")
        value = None
        k = rest.find(" :=")
        if k >= 0:
            rest, value = rest[:k], rest[k + 3:].lstrip(" \n")
        hyps.append(Hypothesis(tuple(names.split(" ")), rest.strip("\n"), value))
    return hyps


def _target_text(text: str) -> str:
    for b in _blocks(text):
        if b.startswith("⊢ "):
            return b[2:]
    return ""


SIMP_SET_NOTE = ("\n\nNote: leanr's default simp set is smaller than Lean's; simp lemmas it lacks are not "
                 "supported yet")


def unsolved_goals(tc: TacticContext, goals: Sequence[MVar], span: Any) -> ElabError:
    """Lean's `unsolved goals` error. When a default-set `simp` left a goal open earlier, Lean's larger simp
    set might have closed it, so the message says so (the file then gets no verdict)."""
    note = SIMP_SET_NOTE if tc.te.__dict__.get("simp_incomplete") else ""
    return ElabError("unsolved goals\n" + pp_goals(tc.meta, goals) + note, span)


def pp_goals(meta: Any, goals: Sequence[MVar]) -> str:
    """Several goals as Lean lists them (blank line between)."""
    return "\n\n".join(goal_record(meta, g).pretty() for g in goals)


def is_const_app(e: Expr, name: str, nargs: int | None = None) -> bool:
    f = E.get_app_fn(e)
    if f.kind != CONST or str(f.name) != name:  # type: ignore[attr-defined]
        return False
    return nargs is None or E.get_app_num_args(e) == nargs


__all__ += ["is_const_app", "type_mismatch", "NATURAL"]


def apply_to_fresh_mvars(meta: Any, pf: Expr, instances_synthetic: bool = False) -> tuple[Expr, Expr, list[MVar]]:
    """`pf : ∀ xs, T` applied to a fresh mvar per binder (unfolding the type to expose binders):
    (the application, T instantiated, the mvars). Instance binders get synthetic mvars when asked, so
    resolution fills them."""
    t = meta.instantiate_mvars(meta.infer_type(pf))
    mvars: list[MVar] = []
    while True:
        if t.kind != PI:
            w = meta.whnf_r(t)
            if w.kind != PI:
                break
            t = w
        kind = "synthetic" if instances_synthetic and t.bi == E.INST_IMPLICIT else "natural"  # type: ignore[attr-defined]
        m = meta.new_mvar(t.type, kind)  # type: ignore[attr-defined]
        mvars.append(m)
        pf = E.mk_app(pf, m)
        t = E.instantiate1(t.body, m)  # type: ignore[attr-defined]
    return pf, t, mvars


def logged_messages(te: Any) -> list[Diagnostic]:
    """Messages other than errors that tactics logged while elaborating with `te`, in order."""
    return te.__dict__.setdefault("logged_messages", [])


def keyword_span(stx: A.Tactic) -> Any:
    """The span of a tactic's leading keyword, where Lean reports its messages."""
    sp = stx.span
    if sp is None or sp.line != sp.end_line:
        return sp
    return Span(sp.line, sp.col, sp.line, min(sp.end_col, sp.col + len(stx.name)))
