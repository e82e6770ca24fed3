"""What elaboration learned at each source range, kept for editors and the REPL: the proof state around
every tactic and the type of terms (Lean's info trees, flattened to two lists).

Records are plain data, already pretty-printed: they outlive the metavariable context they came from,
compare by value, and turn into JSON with `to_json()`.

The tactic framework calls `InfoLog.add_tactic` once per tactic it runs (nested tactics included). The term
elaborator calls `InfoLog.record_term` for every term it elaborates: that only appends the raw term and
its metavariable context (cheap); the text of a `TermInfo` is made on demand (`term_at`, `resolve`), after
elaboration has assigned what it could. `sorry`s also keep the local context they were written in, for
the goal the REPL shows at each of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..syntax import ast as A
from ..syntax.errors import Span

__all__ = ["Hypothesis", "Goal", "TacticInfo", "TermInfo", "SorryInfo", "InfoLog", "span_json", "contains",
           "goal_of"]


def span_json(span: Span) -> dict[str, Any]:
    return {"pos": {"line": span.line, "column": span.col},
            "endPos": {"line": span.end_line, "column": span.end_col}}


@dataclass(slots=True, frozen=True)
class Hypothesis:
    names: tuple[str, ...]          # display names, already made inaccessible (`a✝`) where Lean would
    type: str
    value: str | None = None        # `let` hypotheses: `x : Nat := 5`

    def pretty(self) -> str:
        head = f"{' '.join(self.names)} : {self.type}"
        return head if self.value is None else f"{head} := {self.value}"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"names": list(self.names), "type": self.type}
        if self.value is not None:
            out["value"] = self.value
        return out


@dataclass(slots=True, frozen=True)
class Goal:
    hyps: tuple[Hypothesis, ...]
    target: str
    case: str | None = None         # `case succ` tag, None when the goal is untagged

    def pretty(self) -> str:
        """Lean's layout: `case succ`, one line per hypothesis group, `⊢ target`."""
        lines = [f"case {self.case}"] if self.case else []
        lines.extend(h.pretty() for h in self.hyps)
        lines.append(f"⊢ {self.target}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {"case": self.case, "hyps": [h.to_json() for h in self.hyps], "target": self.target,
                "pretty": self.pretty()}


@dataclass(slots=True, frozen=True)
class TacticInfo:
    span: Span                      # the tactic's source range
    goals_before: tuple[Goal, ...]
    goals_after: tuple[Goal, ...]

    def to_json(self) -> dict[str, Any]:
        return {**span_json(self.span), "goalsBefore": [g.to_json() for g in self.goals_before],
                "goalsAfter": [g.to_json() for g in self.goals_after]}


@dataclass(slots=True, frozen=True)
class TermInfo:
    span: Span
    expr: str                       # the elaborated term, pretty-printed
    type: str                       # its type, pretty-printed

    def to_json(self) -> dict[str, Any]:
        return {**span_json(self.span), "expr": self.expr, "type": self.type}


@dataclass(slots=True, frozen=True)
class SorryInfo:
    """A `sorry` written in a term, with the goal it stands for."""

    span: Span
    goal: Goal

    def to_json(self) -> dict[str, Any]:
        return {**span_json(self.span), "goal": self.goal.pretty()}


def contains(span: Span, line: int, col: int) -> bool:
    """Is (line, col) inside `span` (its end included, as an editor's cursor right after a token)?"""
    return (span.line, span.col) <= (line, col) <= (span.end_line, span.end_col)


def _size(span: Span) -> tuple[int, int]:
    return (span.end_line - span.line, span.end_col - span.col if span.end_line == span.line else span.end_col)


def _render(pp: Any, e: Any) -> str:
    try:
        return pp(e)
    except Exception:  # noqa: BLE001 - a failed rendering is shown as such, never raised into a query
        return "<failed to pretty print>"


def goal_of(meta: Any, lctx: tuple, target: Any, case: str | None = None) -> Goal:
    """A goal as Lean shows it: hypotheses of the same type (and no value) grouped (`x y : Nat`)."""
    from ..pretty import pp_expr

    pp = lambda e: pp_expr(meta.instantiate_mvars(e), meta.env)  # noqa: E731
    hyps: list[Hypothesis] = []
    for x in lctx:
        ty = _render(pp, x.type)
        val = None if getattr(x, "value", None) is None else _render(pp, x.value)
        name = str(x.name)
        if hyps and val is None and hyps[-1].value is None and hyps[-1].type == ty:
            hyps[-1] = Hypothesis(hyps[-1].names + (name,), ty)
        else:
            hyps.append(Hypothesis((name,), ty, val))
    return Goal(tuple(hyps), _render(pp, target), case)


@dataclass(slots=True)
class InfoLog:
    tactics: list[TacticInfo] = field(default_factory=list)
    terms: list[TermInfo] = field(default_factory=list)
    sorries: list[SorryInfo] = field(default_factory=list)
    # terms recorded raw: (span, term, its term elaborator, local context for a `sorry` else None)
    raw_terms: list[tuple[Span, Any, Any, tuple | None]] = field(default_factory=list)
    # `by` blocks recorded raw, with their local contexts (for the REPL's root goals); never stored
    by_blocks: list[tuple[Span, Any, Any, tuple]] = field(default_factory=list)
    # when not None: the proof state before each tactic, by `id` of its record (the REPL's `allTactics`
    # gives each tactic a proof state to go on from); never stored
    tactic_states: dict[int, Any] | None = None

    def add_tactic(self, info: TacticInfo) -> None:
        self.tactics.append(info)

    def add_term(self, info: TermInfo) -> None:
        self.terms.append(info)

    def record_term(self, stx: Any, e: Any, te: Any) -> None:
        """The term elaborator's hook: `stx` elaborated to `e` by `te` (rendered only on demand)."""
        self.raw_terms.append((stx.span, e, te, tuple(te.meta.lctx) if type(stx) is A.Sorry else None))
        if type(stx) is A.By:
            self.by_blocks.append((stx.span, e, te, tuple(te.meta.lctx)))

    def extend(self, other: "InfoLog") -> None:
        self.tactics.extend(other.tactics)
        self.terms.extend(other.terms)
        self.sorries.extend(other.sorries)
        self.raw_terms.extend(other.raw_terms)

    # -------------------------------------------------------------- rendering
    @staticmethod
    def _term_info(span: Span, e: Any, te: Any) -> TermInfo:
        from ..pretty import pp_expr

        meta = te.meta
        pp = lambda x: pp_expr(meta.instantiate_mvars(x), meta.env)  # noqa: E731
        return TermInfo(span, _render(pp, e), _render(lambda x: pp(meta.infer_type(x)), e))

    def resolve(self) -> None:
        """Render every raw record into `terms`/`sorries` (before the metavariable contexts go away, e.g.
        for a snapshot)."""
        for span, e, te, lctx in self.raw_terms:
            if lctx is not None:
                self.sorries.append(self.sorry_info(span, e, te, lctx))
            self.terms.append(self._term_info(span, e, te))
        self.raw_terms = []
        self.by_blocks = []
        self.tactic_states = None

    @staticmethod
    def sorry_goal(e: Any, te: Any, lctx: tuple) -> Any:
        """A fresh goal metavariable for a recorded `sorry`: its type in the local context it was written
        in (made in the finished elaboration's context, for the goal's text and for a proof state)."""
        meta = te.meta
        saved = meta.lctx
        meta.lctx = list(lctx)
        try:
            return meta.new_mvar(meta.instantiate_mvars(meta.infer_type(e)))
        finally:
            meta.lctx = saved

    @classmethod
    def sorry_info(cls, span: Span, e: Any, te: Any, lctx: tuple) -> SorryInfo:
        """A recorded `sorry` (span, term, elaborator, local context) with its goal rendered."""
        try:
            from ..tactic.core import goal_record  # Lean's layout of goals, as the tactic framework shows them

            return SorryInfo(span, goal_record(te.meta, cls.sorry_goal(e, te, lctx)))
        except Exception:  # noqa: BLE001 - without proof mode (or if it fails), a plainer rendering
            try:
                target = te.meta.infer_type(e)
            except Exception:  # noqa: BLE001
                target = e
            return SorryInfo(span, goal_of(te.meta, lctx, target))

    # -------------------------------------------------------------- queries
    def term_at(self, line: int, col: int) -> TermInfo | None:
        """The innermost term whose range holds the position (the last one recorded among equals)."""
        best: tuple[tuple[int, int], int] | None = None
        found: Any = None
        for i, t in enumerate(self.terms):
            if contains(t.span, line, col) and (best is None or (_size(t.span), -i) < best):
                best, found = (_size(t.span), -i), t
        n = len(self.terms)
        for i, (span, e, te, _) in enumerate(self.raw_terms):
            if contains(span, line, col) and (best is None or (_size(span), -(n + i)) < best):
                best, found = (_size(span), -(n + i)), (span, e, te)
        if found is None or isinstance(found, TermInfo):
            return found
        return self._term_info(*found)

    def goals_at(self, line: int, col: int) -> tuple[Goal, ...] | None:
        """The goals at a position inside a tactic block: of the innermost tactic holding it, the goals
        after it when the position is at its end, else before it. None outside every tactic."""
        best: tuple[tuple[int, int], int] | None = None
        found: TacticInfo | None = None
        for i, t in enumerate(self.tactics):
            if contains(t.span, line, col) and (best is None or (_size(t.span), -i) < best):
                best, found = (_size(t.span), -i), t
        if found is None:
            return None
        at_end = (line, col) == (found.span.end_line, found.span.end_col)
        return found.goals_after if at_end else found.goals_before

    def all_sorries(self) -> list[SorryInfo]:
        """Every term `sorry`, in source order (rendering raw ones)."""
        out = list(self.sorries)
        for span, e, te, lctx in self.raw_terms:
            if lctx is not None:
                out.append(self.sorry_info(span, e, te, lctx))
        last = {(s.span.line, s.span.col, s.span.end_line, s.span.end_col): s for s in out}  # re-elaborated: last
        return sorted(last.values(), key=lambda s: (s.span.line, s.span.col))
