"""Entry points: parse a whole file (with error recovery), or a single term / command."""

from __future__ import annotations

from dataclasses import dataclass

from ..kernel.errors import release_traceback
from . import ast as A
from .commands import CommandParser, is_command_start
from .cursor import ParseContext
from .errors import Diagnostic, ParseError, Span
from .lexer import BASE_SYMBOLS, Lexer, Token
from .split import split_tokens


class Parser(CommandParser):
    """The full parser (terms + tactics + commands) over one token list."""


@dataclass(slots=True, frozen=True, eq=False)
class ParsedFile:
    commands: tuple[A.Command, ...]
    diagnostics: tuple[Diagnostic, ...]


def _eof_pos(text: str, lexer: Lexer, toks: list[Token], stop: int) -> tuple[int, int]:
    return lexer.lines.pos(stop) if toks else (1, 0)


def _recursion_error(p: Parser) -> ParseError:
    t = p.peek()
    return p.error_at(t, "maximum recursion depth exceeded while parsing; the input is nested "
                         "too deeply")


def _resume_index(p: Parser, toks: list[Token], after: int) -> int | None:
    """Next token (after index `after`) that starts a line and can start a command."""
    for k in range(max(after, p.i) + 1, len(toks)):
        t = toks[k]
        if t.first and is_command_start(t, toks[k + 1] if k + 1 < len(toks) else None):
            return k
    return None


def parse_file(text: str) -> ParsedFile:
    """Parse a whole Lean file. Syntax errors become diagnostics; parsing resumes at the next
    command."""
    ctx = ParseContext()
    lexer = Lexer(text)
    toks = lexer.tokenize_tolerant()
    diags: list[Diagnostic] = list(lexer.errors)
    lex_stop = len(text) if not lexer.errors else None
    commands: list[A.Command] = []
    ranges = split_tokens(toks)
    for a, b in ranges:
        stop = toks[b].pos if b < len(toks) else (len(text) if lex_stop is not None else toks[b - 1].end)
        if ctx.symbols is BASE_SYMBOLS and not ctx.ident_tokens:
            ctoks = toks[a:b]
        else:  # notations added tokens: re-lex this command with the current token table
            sub = Lexer(text, ctx.symbols, ctx.ident_tokens)
            ctoks = sub.tokenize_tolerant(toks[a].pos, stop)
        follow = toks[b] if b < len(toks) else None
        eof = lexer.lines.pos(stop) if follow is None else (follow.line, follow.col)
        p = Parser(ctoks, ctx, eof, follow)
        while not p.at_eof():
            here = p.i
            try:
                commands.append(p.parse_command())
                continue
            except ParseError as e:
                release_traceback(e)
                diags.append(e.diagnostic)
            except RecursionError as exc:
                release_traceback(exc)
                diags.append(_recursion_error(p).diagnostic)
            nxt = _resume_index(p, ctoks, here)
            if nxt is None:
                break
            p.i = nxt
            p.pos_col = None
            p.depth = 0
    return ParsedFile(tuple(commands), tuple(diags))


def _single(text: str, what: str):
    ctx = ParseContext()
    lexer = Lexer(text)
    toks = lexer.tokenize()
    end = (toks[-1].end_line, toks[-1].end_col) if toks else (1, 0)
    return Parser(toks, ctx, end)


def parse_term(text: str) -> A.Term:
    """Parse `text` as one term (raises ParseError)."""
    p = _single(text, "term")
    try:
        term = p.parse_term()
    except RecursionError as exc:
        release_traceback(exc)
        raise _recursion_error(p) from None
    if not p.at_eof():
        raise p.unexpected("end of input")
    return term


def parse_command(text: str) -> A.Command:
    """Parse `text` as one command (raises ParseError)."""
    p = _single(text, "command")
    try:
        cmd = p.parse_command()
    except RecursionError as exc:
        release_traceback(exc)
        raise _recursion_error(p) from None
    if not p.at_eof():
        raise p.unexpected("end of input")
    return cmd


__all__ = ["ParsedFile", "Parser", "parse_file", "parse_term", "parse_command", "Span"]
