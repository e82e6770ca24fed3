"""Splitting a file into top-level commands (source ranges), the unit of error recovery
and of incremental re-checking.

A command starts at a token in column 0 that can begin a command (a command keyword, a
modifier, `@[`, a doc comment or a `#` command). Doc comments, attributes and modifiers
attach to the command that follows them; `… in` joins a command to the next; `mutual`
extends to its `end`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .commands import MODIFIER_KWS, is_command_start
from .errors import Diagnostic, ParseError, Span
from .lexer import DOC, KEYWORD, SYMBOL, Lexer, Token


@dataclass(slots=True, frozen=True)
class CommandRange:
    start: int        # offset of the first token
    end: int          # offset just after the last token
    span: Span
    first_token: int  # index range into the token list used for splitting
    last_token: int   # exclusive


def _is_prefix(t: Token) -> bool:
    return t.kind == DOC or (t.kind == KEYWORD and t.text in MODIFIER_KWS | {"local", "scoped"})


def split_tokens(toks: list[Token]) -> list[tuple[int, int]]:
    """Token index ranges [a, b) of the top-level commands."""
    ranges: list[tuple[int, int]] = []
    n = len(toks)
    start = 0
    has_main = False     # the current chunk has seen more than doc/attributes/modifiers
    in_mutual = False
    mutual_ended = False
    bracket = 0          # inside @[ … ]
    for k, t in enumerate(toks):
        if k > start and t.col == 0 and t.first and is_command_start(t, toks[k + 1] if k + 1 < n else None):
            prev = toks[k - 1]
            joined = prev.kind == KEYWORD and prev.text == "in"
            if has_main and not joined and not (in_mutual and not mutual_ended):
                ranges.append((start, k))
                start = k
                has_main = False
                in_mutual = mutual_ended = False
        # classify t for the current chunk
        if t.kind == SYMBOL and t.text == "@[" and not has_main:
            bracket += 1
            continue
        if bracket:
            if t.kind == SYMBOL and t.text == "]":
                bracket -= 1
            continue
        if t.kind == KEYWORD and t.text == "in" and not in_mutual:
            has_main = False  # `open X in` / `set_option … in`: what follows is one command
            continue
        if not has_main and not _is_prefix(t):
            has_main = True
            if t.kind == KEYWORD and t.text == "mutual":
                in_mutual = True
        elif in_mutual and t.kind == KEYWORD and t.text == "end" and t.first:
            mutual_ended = True
    if start < n:
        ranges.append((start, n))
    return ranges


def split_commands(text: str) -> list[CommandRange]:
    """Source ranges of the top-level commands of `text`."""
    lexer = Lexer(text)
    toks = lexer.tokenize_tolerant()
    out: list[CommandRange] = []
    for a, b in split_tokens(toks):
        f, l = toks[a], toks[b - 1]
        out.append(CommandRange(f.pos, l.end, Span(f.line, f.col, l.end_line, l.end_col), a, b))
    return out


__all__ = ["CommandRange", "split_commands", "split_tokens", "Diagnostic", "ParseError"]
