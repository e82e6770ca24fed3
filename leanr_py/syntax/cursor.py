"""Token cursor shared by the term, tactic and command parsers: lookahead, expectations,
Lean-style error messages, bracket matching and the saved "position" column (Lean's
`withPosition` / `checkColGt` / `checkColGe`)."""

from __future__ import annotations

import sys

from .errors import Diagnostic, ParseError, Span
from .lexer import EOF, IDENT, KEYWORD, SYMBOL, Token
from .operators import OperatorTable

_OPEN = {"(": ")", "[": "]", "{": "}", "⦃": "⦄", "⟨": "⟩", "#[": "]", "@[": "]", "‹": "›",
         "%[": "]", ".{": "}", "{{": "}}"}
_CLOSE = frozenset(_OPEN.values())


# Nesting beyond this is refused whatever the recursion limit (Lean's own default maxRecDepth is 512),
# so the same input gives the same result on every runtime, and no error raised at the deepest point
# carries a traceback long enough to overflow Pyodide's stack when it is freed.
MAX_NESTING = 500


class ParseContext:
    """State that outlives one command: the operator table and extra tokens added by
    notation commands (Lean's token table), extended for the rest of the file."""

    def __init__(self) -> None:
        from .lexer import BASE_SYMBOLS

        self.ops = OperatorTable()
        self.symbols: frozenset[str] = BASE_SYMBOLS
        self.ident_tokens: frozenset[str] = frozenset()

    def add_token(self, tok: str) -> None:
        from .lexer import is_id_start

        if not tok:
            return
        if is_id_start(tok[0]):
            if all(is_id_start(c) or c.isdigit() for c in tok):
                self.ident_tokens = self.ident_tokens | {tok}
            return
        if tok not in self.symbols:
            self.symbols = self.symbols | {tok}


def _stack_depth() -> int:
    f = sys._getframe()
    n = 0
    while f is not None:
        n += 1
        f = f.f_back
    return n


class Cursor:
    FRAMES_PER_LEVEL = 8

    def __init__(self, toks: list[Token], ctx: ParseContext, eof_pos: tuple[int, int],
                 follow: Token | None = None) -> None:
        self.toks = toks
        self.ctx = ctx
        self.i = 0
        ln, col = eof_pos
        self.eof = Token(EOF, "", None, -1, -1, ln, col, ln, col, True, True)
        # the token after this command (errors at the end of a command point at it, as in Lean)
        self.follow = follow
        self.pos_col: int | None = None
        self.depth = 0
        budget = sys.getrecursionlimit() - _stack_depth() - 60
        self.max_depth = max(8, min(MAX_NESTING, budget // self.FRAMES_PER_LEVEL))
        self.stop_words: frozenset[str] = frozenset()
        self.forbid_do = False   # Lean's `withForbidden "do"`: `for x in xs do`, `unless c do`
        self._match_tab: list[int] | None = None

    # -- lookahead ------------------------------------------------------------------------
    def peek(self, k: int = 0) -> Token:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else self.eof

    def next(self) -> Token:
        t = self.peek()
        if t.kind != EOF:
            self.i += 1
        return t

    def prev(self) -> Token:
        return self.toks[self.i - 1] if self.i > 0 else self.eof

    def at(self, text: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t.text == text and (t.kind == SYMBOL or t.kind == KEYWORD)

    def at_any(self, texts: frozenset[str] | set[str], k: int = 0) -> bool:
        t = self.peek(k)
        return t.text in texts and (t.kind == SYMBOL or t.kind == KEYWORD)

    def at_eof(self) -> bool:
        return self.peek().kind == EOF

    def accept(self, text: str) -> Token | None:
        if self.at(text):
            return self.next()
        return None

    def expect(self, text: str, expected: str | None = None) -> Token:
        if self.at(text):
            return self.next()
        raise self.unexpected(expected or f"'{text}'")

    def expect_ident(self, expected: str = "identifier") -> Token:
        t = self.peek()
        if t.kind == IDENT:
            return self.next()
        raise self.unexpected(expected)

    def col_ok(self, t: Token) -> bool:
        """Lean's checkColGt against the saved position."""
        return self.pos_col is None or t.col > self.pos_col

    # -- spans ----------------------------------------------------------------------------
    def span_from(self, start: Token) -> Span:
        end = self.prev() if self.i > 0 else start
        if end.kind == EOF or end.pos < start.pos:
            end = start
        return Span(start.line, start.col, end.end_line, end.end_col)

    # -- errors ---------------------------------------------------------------------------
    def error_at(self, t: Token, msg: str) -> ParseError:
        return ParseError(Diagnostic(t.span(), "error", msg))

    def unexpected(self, expected: str) -> ParseError:
        t = self.peek()
        if t.kind == EOF and self.follow is not None:
            t = self.follow
        if t.kind == EOF:
            what = "unexpected end of input"
        elif t.kind == IDENT:
            what = "unexpected identifier"
        elif t.kind in ("num", "sci", "str", "char", "interp", "name"):
            what = f"unexpected literal {t.text[:40]}"
        elif t.kind == "doc":
            what = "unexpected doc comment"
        else:
            what = f"unexpected token '{t.text}'"
        return self.error_at(t, f"{what}; expected {expected}")

    # -- nesting --------------------------------------------------------------------------
    def enter(self) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            raise self.error_at(self.peek(), f"maximum nesting depth exceeded ({self.max_depth} "
                                "levels); the term is nested too deeply to parse")

    def leave(self) -> None:
        self.depth -= 1

    def match_of(self, j: int) -> int:
        """Index of the closing bracket matching the opener at token index j (-1 if none)."""
        if self._match_tab is None:
            m = [-1] * len(self.toks)
            stack: list[int] = []
            for k, t in enumerate(self.toks):
                if t.kind != SYMBOL:
                    continue
                if t.text in _OPEN:
                    stack.append(k)
                elif t.text in _CLOSE:
                    # pop to the nearest matching opener
                    for s in range(len(stack) - 1, -1, -1):
                        if _OPEN[self.toks[stack[s]].text] == t.text:
                            m[stack[s]] = k
                            del stack[s:]
                            break
            self._match_tab = m
        return self._match_tab[j] if j < len(self._match_tab) else -1
