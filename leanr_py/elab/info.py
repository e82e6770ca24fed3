"""What elaboration learned at each source range, kept for editors and the REPL: the proof state around
every tactic and the type of terms (Lean's info trees, flattened to two lists).

Everything here is already pretty-printed text, so records are plain data: they outlive the metavariable
context they came from, compare by value, and turn into JSON with `to_json()`.

The tactic framework calls `InfoLog.add_tactic` once per tactic it runs (nested tactics included); the
term elaborator may call `InfoLog.add_term`. The session answers `goals_at`/`info_at` from these lists.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..syntax.errors import Span

__all__ = ["Hypothesis", "Goal", "TacticInfo", "TermInfo", "InfoLog", "span_json"]


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


@dataclass(slots=True)
class InfoLog:
    tactics: list[TacticInfo] = field(default_factory=list)
    terms: list[TermInfo] = field(default_factory=list)

    def add_tactic(self, info: TacticInfo) -> None:
        self.tactics.append(info)

    def add_term(self, info: TermInfo) -> None:
        self.terms.append(info)

    def extend(self, other: "InfoLog") -> None:
        self.tactics.extend(other.tactics)
        self.terms.extend(other.terms)
