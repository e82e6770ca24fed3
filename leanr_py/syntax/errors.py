"""Positions and syntax errors of the syntax layer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class Span:
    """A source range: lines 1-based, columns 0-based in codepoints (as Lean prints them)."""

    line: int
    col: int
    end_line: int
    end_col: int

    def to(self, other: "Span") -> "Span":
        """The span from the start of self to the end of other."""
        return Span(self.line, self.col, other.end_line, other.end_col)

    def __str__(self) -> str:
        return f"{self.line}:{self.col}-{self.end_line}:{self.end_col}"


@dataclass(slots=True, frozen=True)
class Diagnostic:
    span: Span
    severity: str  # 'error' | 'warning' | 'info'
    message: str

    def format(self, filename: str = "<input>") -> str:
        return f"{filename}:{self.span.line}:{self.span.col}: {self.severity}: {self.message}"


class ParseError(Exception):
    """A syntax error inside one command."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic
