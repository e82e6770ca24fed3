"""Token layer: Lean 4 source text to a list of tokens with positions.

The regular token classes (identifiers, numerals, string/char literals, comments) are
defined in ``tokens.lark`` and compiled with lark; this module adds what is not regular:
nested block comments, doc comments, string interpolation ``s!"…{e}…"``, field-access
dots, and the *extensible* table of symbol tokens (Lean's token table: a `notation`
command adds tokens, and symbols are read by longest match against the table).

Positions: lines 1-based, columns 0-based in codepoints (as Lean prints them).
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import Diagnostic, ParseError, Span

# Token kinds
IDENT = "ident"        # possibly dotted identifier; value = the name (« » removed)
KEYWORD = "kw"         # reserved identifier-like token (def, fun, at, ...)
SYMBOL = "sym"         # symbol token from the token table
NUM = "num"            # natural-number literal; value = int
SCI = "sci"            # scientific literal; value = (mantissa, exponent sign, exponent): m * 10^∓e, − if the sign
STR = "str"            # string literal; value = decoded str
CHAR = "char"          # char literal; value = str of length 1
INTERP = "interp"      # interpolated string; value = (prefix, parts) parts: str | list[Token]
NAME = "name"          # name literal `foo; value = name
FIELDIDX = "fieldidx"  # `.1` directly after a term; value = int
FIELD = "field"        # `.foo` directly after a term; value = "foo"
DOTIDENT = "dotident"  # `.foo` not directly after a term; value = "foo"
DOC = "doc"            # doc comment /-- ... -/; value = the text inside
HASHCMD = "hash"       # #check, #eval, ...; value = the text
EOF = "eof"

KEYWORDS = frozenset("""
def theorem lemma example abbrev axiom opaque instance class structure inductive
namespace section end open variable universe set_option attribute notation infix infixl
infixr prefix postfix private protected noncomputable partial unsafe mutual where extends
deriving fun let have show from suffices if then else match with do by at in calc
forall exists Type Sort Prop sorry termination_by decreasing_by nomatch nofun return
mut for unless import export local scoped macro syntax macro_rules elab using
omit include nonrec
""".split())

# The built-in symbol tokens (Lean's token table for core term/tactic syntax).
BASE_SYMBOLS = frozenset("""
:= => -> <- <-> → ← ↔ ( ) [ ] { } ⦃ ⦄ ⟨ ⟩ ‹ › , : ; | . .. ... @ @[ #[ .{ ? ! ¬ ∀ ∃ λ Π Σ Σ'
× ×' ∧ ∨ /\\ \\/ = == ≠ != ≤ <= ≥ >= < > + - * / % ^ ++ :: ∘ ▸ <|> |>. <| |> $ && || <;>
· • ∣ ∈ ∉ ⊆ ⊂ ∪ ∩ \\ ⁻¹ ↑ ⇑ ↥ <$> >>= >> *> <* <*> >=> =<< ⊢ |- ≈ ≃ ∅ ↦ // ⊕ ⊗ ∑ ∏
<&> $> ^^^ &&& ||| >>> <<< ⋯ ∃! ×ˢ ⊤ ⊥ ≍ ⊓ ⊔ ≡ ∼ ≅ ⟹
""".split())

_CLOSERS = frozenset(")]}⟩›")


@dataclass(slots=True)
class Token:
    kind: str
    text: str
    value: object
    pos: int          # start offset in the text
    end: int          # end offset
    line: int
    col: int
    end_line: int
    end_col: int
    first: bool       # first token on its line
    ws_before: bool   # whitespace/comment (or start of text) before it

    def span(self) -> Span:
        return Span(self.line, self.col, self.end_line, self.end_col)

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.text!r}, {self.line}:{self.col})"


TOKENS_GRAMMAR = Path(__file__).with_name("tokens.lark")
# The token regexes compiled from tokens.lark by lark, with the grammar's sha256: building them with lark
# takes ~0.5 s at every start, so they are kept in a table, used only while the hash matches the grammar.
# After editing tokens.lark run `python -c 'from leanr_py.syntax.lexer import write_token_table as w; w()'`
# (tests/syntax/test_token_table.py fails while the table is stale).
TOKENS_TABLE = Path(__file__).with_name("tokens.json")


def token_patterns_from_grammar(grammar: str) -> dict[str, str]:
    from lark import Lark

    lark = Lark(grammar, parser="lalr", lexer="basic")
    return {t.name: t.pattern.to_regexp() for t in lark.terminals}


def _grammar_hash(grammar: str) -> str:
    return hashlib.sha256(grammar.encode("utf-8")).hexdigest()


def write_token_table() -> None:
    grammar = TOKENS_GRAMMAR.read_text(encoding="utf-8")
    table = {"grammar_sha256": _grammar_hash(grammar), "patterns": token_patterns_from_grammar(grammar)}
    TOKENS_TABLE.write_text(json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern[str]]:
    grammar = TOKENS_GRAMMAR.read_text(encoding="utf-8")
    try:
        table = json.loads(TOKENS_TABLE.read_text(encoding="utf-8"))
        current = table.get("grammar_sha256") == _grammar_hash(grammar)
        patterns = table["patterns"] if current else None
    except (OSError, ValueError, KeyError, AttributeError):
        patterns = None
    if not isinstance(patterns, dict):
        patterns = token_patterns_from_grammar(grammar)
    return {name: re.compile(rx) for name, rx in patterns.items()}


_ID_START_CACHE: dict[str, bool] = {}


def is_id_start(c: str) -> bool:
    r = _ID_START_CACHE.get(c)
    if r is None:
        r = _regexes()["IDENT"].match(c) is not None or c == "«"
        _ID_START_CACHE[c] = r
    return r


class LineMap:
    """Offset → (line, column) for one text."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts

    def pos(self, offset: int) -> tuple[int, int]:
        ln = bisect_right(self.starts, offset) - 1
        return ln + 1, offset - self.starts[ln]


def parse_decimal(digits: str) -> int:
    """Decimal string to int without CPython's int-max-str-digits limit (divide and conquer)."""
    n = len(digits)
    if n <= 3000:
        return int(digits)
    # iterative bottom-up combination of 3000-digit chunks
    first = n % 3000 or 3000
    chunks = [int(digits[:first])] + [int(digits[i:i + 3000]) for i in range(first, n, 3000)]
    widths = [first] + [3000] * (len(chunks) - 1)
    while len(chunks) > 1:
        nc: list[int] = []
        nw: list[int] = []
        # combine pairs from the right so widths stay aligned
        i = len(chunks) % 2
        if i:
            nc.append(chunks[0])
            nw.append(widths[0])
        pow_cache: dict[int, int] = {}
        while i < len(chunks):
            w = widths[i + 1]
            p = pow_cache.get(w)
            if p is None:
                p = pow_cache[w] = 10 ** w
            nc.append(chunks[i] * p + chunks[i + 1])
            nw.append(widths[i] + w)
            i += 2
        chunks, widths = nc, nw
    return chunks[0]


_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "r": "\r", "0": "\0"}


class Lexer:
    """Scans one text; `tokenize` gives the tokens (comments skipped, doc comments kept)."""

    def __init__(self, text: str, symbols: frozenset[str] = BASE_SYMBOLS,
                 ident_tokens: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.lines = LineMap(text)
        self.symbols = symbols
        self.ident_tokens = ident_tokens
        self.max_sym = max(len(s) for s in symbols)
        self.errors: list[Diagnostic] = []
        rx = _regexes()
        self.rx_ident = rx["IDENT"]
        self.rx_hex, self.rx_bin, self.rx_oct = rx["HEX_NUM"], rx["BIN_NUM"], rx["OCT_NUM"]
        self.rx_sci, self.rx_dec = rx["SCI_NUM"], rx["DEC_NUM"]
        self.rx_char, self.rx_name = rx["CHAR"], rx["NAME_LIT"]

    # -- errors -------------------------------------------------------------------------
    def error(self, start: int, end: int, msg: str) -> ParseError:
        l1, c1 = self.lines.pos(start)
        l2, c2 = self.lines.pos(end)
        return ParseError(Diagnostic(Span(l1, c1, l2, c2), "error", msg))

    # -- main loop ------------------------------------------------------------------------
    def tokenize(self, start: int = 0, stop: int | None = None) -> list[Token]:
        """Tokens of text[start:stop]; raises ParseError on a lexical error."""
        toks, _ = self._scan(start, len(self.text) if stop is None else stop, False, [])
        return _module_system_keywords(toks)

    def tokenize_tolerant(self, start: int = 0, stop: int | None = None) -> list[Token]:
        """Like tokenize, but a lexical error is recorded in `self.errors` and the tokens
        before it are returned."""
        toks: list[Token] = []
        try:
            self._scan(start, len(self.text) if stop is None else stop, False, toks)
        except ParseError as e:
            self.errors.append(e.diagnostic)
        return _module_system_keywords(toks)

    def _scan(self, i: int, n: int, in_brace: bool, toks: list[Token]) -> tuple[list[Token], int]:
        text = self.text
        depth = 0
        ws = True
        while i < n:
            c = text[i]
            if c in " \t\r\n":
                i += 1
                ws = True
                continue
            if c == "-" and text.startswith("--", i):
                j = text.find("\n", i)
                i = n if j < 0 or j > n else j
                ws = True
                continue
            if c == "/" and text.startswith("/-", i):
                is_doc = text.startswith("/--", i) and not text.startswith("/--/", i)
                end = self._block_comment_end(i, n)
                if is_doc:
                    tok = self._make(DOC, i, end, text[i + 3:end - 2], ws, toks)
                    toks.append(tok)
                i = end
                ws = True
                continue
            start = i
            if c.isdigit():
                tok, i = self._number(i, n, ws, toks)
            elif c == '"':
                end = self._string_end(i, n)
                tok = self._make(STR, i, end, self._decode(i + 1, end - 1), ws, toks)
                i = end
            elif c == "'" and (m := self.rx_char.match(text, i, n)) is not None:
                tok = self._make(CHAR, i, m.end(), self._decode(i + 1, m.end() - 1), ws, toks)
                i = m.end()
            elif c == "`" and (m := self.rx_name.match(text, i, n)) is not None:
                name = m.group(0).lstrip("`")
                tok = self._make(NAME, i, m.end(), name, ws, toks)
                i = m.end()
            elif c == "#" and i + 1 < n and text[i + 1].isalpha():
                m = self.rx_ident.match(text, i + 1, n)
                end = m.end() if m else i + 1
                tok = self._make(HASHCMD, i, end, text[i:end], ws, toks)
                i = end
            elif c == "." and i + 1 < n and (text[i + 1].isdigit() or is_id_start(text[i + 1])) \
                    and not text.startswith("..", i):
                tok, i = self._dot(i, n, ws, toks)
            elif is_id_start(c):
                m = self.rx_ident.match(text, i, n)
                end = m.end()
                s = text[i:end]
                if end < n and text[end] == '"' and s in ("s!", "f!", "m!"):
                    tok, i = self._interp(i, end, n, ws, toks)
                elif s in KEYWORDS:
                    tok = self._make(KEYWORD, i, end, s, ws, toks)
                    i = end
                elif s == "_":
                    tok = self._make(SYMBOL, i, end, s, ws, toks)
                    i = end
                elif s in self.ident_tokens:
                    tok = self._make(SYMBOL, i, end, s, ws, toks)
                    i = end
                else:
                    # an identifier whose head is a keyword-like token table entry is still an ident
                    tok = self._make(IDENT, i, end, s.replace("«", "").replace("»", ""), ws, toks)
                    i = end
            else:
                L = min(self.max_sym, n - i)
                sym = None
                while L > 0:
                    s = text[i:i + L]
                    if s in self.symbols:
                        sym = s
                        break
                    L -= 1
                if sym is None:
                    sym = c
                tok = self._make(SYMBOL, i, i + len(sym), sym, ws, toks)
                i += len(sym)
                if in_brace:
                    if sym == "{":
                        depth += 1
                    elif sym == "}":
                        if depth == 0:
                            return toks, start
                        depth -= 1
            ws = False
            toks.append(tok)
        if in_brace:
            raise self.error(i, i, "unterminated string interpolation; expected '}'")
        return toks, i

    def _make(self, kind: str, start: int, end: int, value: object, ws: bool,
              toks: list[Token]) -> Token:
        l1, c1 = self.lines.pos(start)
        l2, c2 = self.lines.pos(end)
        first = not toks or toks[-1].end_line < l1
        return Token(kind, self.text[start:end], value, start, end, l1, c1, l2, c2, first, ws)

    def _block_comment_end(self, i: int, n: int) -> int:
        text = self.text
        depth = 0
        j = i
        while j < n:
            if text.startswith("/-", j):
                depth += 1
                j += 2
            elif text.startswith("-/", j):
                depth -= 1
                j += 2
                if depth == 0:
                    return j
            else:
                j += 1
        raise self.error(i, n, "unterminated comment")

    def _number(self, i: int, n: int, ws: bool, toks: list[Token]) -> tuple[Token, int]:
        text = self.text
        for rx, base in ((self.rx_hex, 16), (self.rx_bin, 2), (self.rx_oct, 8)):
            m = rx.match(text, i, n)
            if m:
                digits = m.group(0)[2:].replace("_", "")
                return self._make(NUM, i, m.end(), int(digits, base), ws, toks), m.end()
        m = self.rx_sci.match(text, i, n)
        if m:
            s = m.group(0).replace("_", "")
            mant, _, exp = s.lower().partition("e")
            whole, _, frac = mant.partition(".")
            e = int(exp) if exp else 0
            if exp.startswith("-") or len(frac) > e:   # Lean's `decodeScientificLitVal?`
                value = (parse_decimal(whole + frac), True, len(frac) - e)
            else:
                value = (parse_decimal(whole + frac), False, e - len(frac))
            return self._make(SCI, i, m.end(), value, ws, toks), m.end()
        m = self.rx_dec.match(text, i, n)
        assert m is not None
        return self._make(NUM, i, m.end(), parse_decimal(m.group(0).replace("_", "")), ws, toks), m.end()

    def _dot(self, i: int, n: int, ws: bool, toks: list[Token]) -> tuple[Token, int]:
        text = self.text
        prev = toks[-1] if toks else None
        attached = (not ws and prev is not None and prev.end == i and
                    (prev.kind in (IDENT, FIELDIDX, FIELD, STR, CHAR, INTERP, NUM)
                     or prev.text in _CLOSERS or prev.text == "·"))  # `(·.1)` projects the hole
        if text[i + 1].isdigit():
            if attached:
                j = i + 1
                while j < n and text[j].isdigit():
                    j += 1
                return self._make(FIELDIDX, i, j, int(text[i + 1:j]), ws, toks), j
            return self._make(SYMBOL, i, i + 1, ".", ws, toks), i + 1
        m = self.rx_ident.match(text, i + 1, n)
        assert m is not None
        if attached:
            # one component per field token: `(e).f.g` is two projections
            end = m.end()
            s = text[i + 1:end]
            k = s.find(".")
            if k >= 0 and not s.startswith("«"):
                end = i + 1 + k
            name = text[i + 1:end].replace("«", "").replace("»", "")
            return self._make(FIELD, i, end, name, ws, toks), end
        name = m.group(0).replace("«", "").replace("»", "")
        return self._make(DOTIDENT, i, m.end(), name, ws, toks), m.end()

    def _string_end(self, i: int, n: int) -> int:
        text = self.text
        j = i + 1
        while j < n:
            c = text[j]
            if c == "\\":
                j += 2
            elif c == '"':
                return j + 1
            else:
                j += 1
        raise self.error(i, n, "unterminated string literal")

    def _decode(self, i: int, j: int) -> str:
        """Decode escapes of the literal body text[i:j]."""
        text = self.text
        if "\\" not in text[i:j]:
            return text[i:j]
        out: list[str] = []
        k = i
        while k < j:
            c = text[k]
            if c != "\\":
                out.append(c)
                k += 1
                continue
            e = text[k + 1] if k + 1 < j else ""
            if e in _SIMPLE_ESCAPES:
                out.append(_SIMPLE_ESCAPES[e])
                k += 2
            elif e == "x":
                out.append(chr(int(text[k + 2:k + 4], 16)))
                k += 4
            elif e == "u":
                if text.startswith("{", k + 2):
                    close = text.index("}", k + 2)
                    out.append(chr(int(text[k + 3:close], 16)))
                    k = close + 1
                else:
                    out.append(chr(int(text[k + 2:k + 6], 16)))
                    k += 6
            elif e == "\n":  # line continuation: skip following whitespace
                k += 2
                while k < j and text[k] in " \t\r\n":
                    k += 1
            else:
                raise self.error(k, k + 2, f"invalid escape sequence '\\{e}'")
        return "".join(out)

    def _interp(self, i: int, q: int, n: int, ws: bool, toks: list[Token]) -> tuple[Token, int]:
        """Interpolated string starting at i whose quote is at q."""
        text = self.text
        parts: list[object] = []
        buf_start = q + 1
        j = q + 1
        while True:
            if j >= n:
                raise self.error(i, n, "unterminated string literal")
            c = text[j]
            if c == "\\":
                j += 2
            elif c == '"':
                if j > buf_start:
                    parts.append(self._decode(buf_start, j))
                j += 1
                break
            elif c == "{":
                if j > buf_start:
                    parts.append(self._decode(buf_start, j))
                sub, close = self._scan(j + 1, n, True, [])
                parts.append(sub)
                j = close + 1
                buf_start = j
            else:
                j += 1
        tok = self._make(INTERP, i, j, (text[i:q], parts), ws, toks)
        return tok, j


# The words of Lean's module system are keywords only where they can be: `module` as a file's first token,
# alone on its line; `public` and `meta` first on their line (or after an attribute list, or each other) and
# before what a declaration or a section starts with. Elsewhere they stay identifiers (users' variables).
_MODULE_SYSTEM_FOLLOWERS = frozenset((
    "def", "theorem", "lemma", "abbrev", "instance", "structure", "class", "inductive", "opaque", "axiom",
    "section", "import", "noncomputable", "partial", "unsafe", "protected", "private", "nonrec", "mutual",
    "notation", "infix", "infixl", "infixr", "prefix", "postfix", "syntax", "macro", "macro_rules", "elab",
    "deriving", "local", "scoped", "example", "public", "meta"))


def _module_system_keywords(toks: list[Token]) -> list[Token]:
    for k, t in enumerate(toks):
        if t.kind != IDENT or t.text not in ("module", "public", "meta"):
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if t.text == "module":
            keyword = k == 0 and (nxt is None or nxt.line > t.line)
        else:
            prev = toks[k - 1] if k else None
            at_command = t.first or (prev is not None and (prev.text == "]" or prev.kind == KEYWORD and prev.text in (
                "public", "meta")))
            keyword = at_command and nxt is not None and nxt.line == t.line and nxt.kind in (KEYWORD, IDENT) \
                and nxt.text in _MODULE_SYSTEM_FOLLOWERS
        if keyword:
            toks[k] = Token(KEYWORD, t.text, t.text, t.pos, t.end, t.line, t.col, t.end_line, t.end_col, t.first,
                            t.ws_before)
    return toks


def tokenize(text: str, symbols: frozenset[str] = BASE_SYMBOLS) -> list[Token]:
    """All tokens of `text` (comments dropped, doc comments kept as DOC tokens)."""
    return Lexer(text, symbols).tokenize()
