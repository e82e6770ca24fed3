"""Term parser: precedence climbing over the token list with an extensible operator table.

Binary and prefix operators are handled with an explicit stack (no Python recursion per
operator, so `1+1+…+1` and `a → a → … → a` of any length are fine); nesting of brackets and
binders recurses, bounded by `Cursor.enter` with a clear error.
Column rules: application arguments must pass `checkColGt` against the saved position
(`Cursor.pos_col`); brackets reset the position (Lean's `withoutPosition`).
"""

from __future__ import annotations

from dataclasses import replace

from . import ast as A
from .cursor import MAX_NESTING, Cursor
from .errors import Span
from .lexer import (CHAR, DOTIDENT, EOF, FIELD, FIELDIDX, IDENT, INTERP, KEYWORD, NAME, NUM, SCI,
                    STR, SYMBOL, Token)
from .operators import LEAD_PREC, MAX_PREC, MIN_PREC, Prefix

_LIT_KINDS = frozenset((NUM, SCI, STR, CHAR, INTERP, NAME, IDENT, DOTIDENT))
_ARG_SYMS = frozenset(("(", "[", "{", "⟨", "‹", "@", "_", "?", "#[", "·", "↑", "⇑", "↥", "¬",
                       "!", "λ", "%[", "⦃"))
_ARG_KWS = frozenset(("Type", "Sort", "Prop", "sorry", "fun", "do"))
_LEADING_SYMS = _ARG_SYMS | frozenset(("∀", "∃", "Π", "Σ", "Σ'", "∃!", "-", "←", "<-", "~~~"))
_LEADING_KWS = _ARG_KWS | frozenset(("forall", "exists", "let", "have", "show", "suffices", "if",
                                     "match", "by", "calc", "nomatch", "nofun", "return"))
_ARROWS = frozenset(("→", "->"))
_BINDER_PRED_OPS = frozenset((">", "<", "≥", ">=", "≤", "<=", "≠", "∈", "∉", "⊆", "⊂", "∣"))
_CANON = {"->": "→", "<->": "↔", "/\\": "∧", "\\/": "∨", "!=": "≠", "<=": "≤", ">=": "≥",
          "$": "<|", "<-": "←", "λ": "fun", "forall": "∀", "exists": "∃", "{{": "⦃"}


def _fresh_span(a: Span, b: Span) -> Span:
    return Span(a.line, a.col, b.end_line, b.end_col)


class TermParser(Cursor):
    # -- predicates -------------------------------------------------------------------------
    def can_start_arg(self, t: Token) -> bool:
        k = t.kind
        if k in _LIT_KINDS:
            return not (k == IDENT and t.text in self.stop_words)
        if k == SYMBOL:
            return t.text in _ARG_SYMS or t.text in self.ctx.ops.leading_notations
        if k == KEYWORD:
            return t.text in _ARG_KWS and not (self.forbid_do and t.text == "do")
        return False

    def can_start_term(self, t: Token) -> bool:
        k = t.kind
        if k in _LIT_KINDS:
            return not (k == IDENT and t.text in self.stop_words)
        if k == SYMBOL:
            return (t.text in _LEADING_SYMS or t.text in self.ctx.ops.prefix
                    or t.text in self.ctx.ops.leading_notations)
        if k == KEYWORD:
            return t.text in _LEADING_KWS
        return False

    # -- entry points -------------------------------------------------------------------------
    def parse_term(self, min_prec: int = 0) -> A.Term:
        self.enter()
        try:
            return self._climb(min_prec)
        finally:
            self.leave()

    def parse_term_nopos(self, min_prec: int = 0) -> A.Term:
        """Term inside brackets: column rules off (Lean's withoutPosition)."""
        saved = self.pos_col
        self.pos_col = None
        try:
            return self.parse_term(min_prec)
        finally:
            self.pos_col = saved

    def parse_term_at(self, col: int | None, min_prec: int = 0) -> A.Term:
        saved = self.pos_col
        self.pos_col = col
        try:
            return self.parse_term(min_prec)
        finally:
            self.pos_col = saved

    # -- precedence climbing with an explicit stack ---------------------------------------------
    def _climb(self, min_prec: int) -> A.Term:
        ops = self.ctx.ops
        # frames: ("bin", lhs, Infix, saved_min) | ("pre", Prefix, start_tok, saved_min)
        stack: list[tuple] = []
        while True:
            t = self.peek()
            pre: Prefix | None = None
            if t.kind == SYMBOL and t.text in ops.prefix:
                pre = ops.prefix[t.text]
                if pre.prec < min_prec:
                    pre = None
            if pre is not None:
                if len(stack) >= MAX_NESTING:  # the syntax tree would be as deep as the chain
                    raise self.error_at(t, f"maximum nesting depth exceeded ({MAX_NESTING} levels); "
                                           "the term is nested too deeply to parse")
                self.next()
                stack.append(("pre", pre, t, min_prec))
                min_prec = pre.arg_prec
                continue
            left, lhs_prec = self._leading(min_prec)
            while True:
                t = self.peek()
                if t.kind == SYMBOL:
                    s = t.text
                    op = ops.infix.get(s)
                    if op is not None and op.prec >= min_prec and lhs_prec >= op.lhs_prec:
                        self.next()
                        stack.append(("bin", left, op, min_prec))
                        min_prec = op.rhs_prec
                        break
                    if s == "|>." and min_prec <= MIN_PREC:
                        left = self._pipe_field(left)
                        lhs_prec = MIN_PREC
                        continue
                    post = ops.postfix.get(s)
                    if post is not None and post[0] >= min_prec and lhs_prec >= post[1]:
                        self.next()
                        left = self._mk_unary(s, left, post[3], left.span.to(t.span()))
                        lhs_prec = post[0]
                        continue
                    if s in ops.trailing_notations:
                        res = self._try_trailing_notation(left, lhs_prec, min_prec)
                        if res is not None:
                            left, lhs_prec = res
                            continue
                if not stack:
                    return left
                frame = stack.pop()
                if frame[0] == "bin":
                    _, lhs, op, min_prec = frame
                    span = _fresh_span(lhs.span, left.span)
                    if op.symbol == "→":
                        left = A.Arrow(span, lhs, left)
                    elif op.decl is not None:
                        left = A.NotationApp(span, op.decl, (lhs, left))
                    else:
                        left = A.BinOp(span, op.symbol, lhs, left)
                    lhs_prec = op.prec
                else:
                    _, pre, start, min_prec = frame
                    left = self._mk_unary(pre.symbol, left, pre.decl,
                                          _fresh_span(start.span(), left.span))
                    lhs_prec = pre.prec

    def _mk_unary(self, sym: str, arg: A.Term, decl: object, span: Span) -> A.Term:
        if decl is not None:
            return A.NotationApp(span, decl, (arg,))
        return A.UnOp(span, sym, arg)

    def _pipe_field(self, left: A.Term) -> A.Term:
        self.next()  # |>.
        t = self.next()
        if t.kind == IDENT:
            field: int | str = t.value  # type: ignore[assignment]
        elif t.kind == NUM:
            field = t.value  # type: ignore[assignment]
        else:
            raise self.error_at(t, "unexpected token; expected field name or index")
        fn: A.Term = A.Proj(left.span.to(t.span()), left, field)
        args = self._args()
        if args:
            fn = A.App(fn.span.to(args[-1].span), fn, tuple(args))
        return fn

    # -- leading: atoms, applications, keyword-led forms ------------------------------------
    def _leading(self, min_prec: int) -> tuple[A.Term, int]:
        t = self.peek()
        if t.kind == KEYWORD and t.text in _LEADING_KWS and t.text not in ("fun", "do", "Type",
                                                                            "Sort", "Prop", "sorry"):
            if min_prec > LEAD_PREC:
                raise self.unexpected("term")
            return self._keyword_form(), LEAD_PREC
        if t.kind == SYMBOL and t.text in ("∀", "∃", "Π", "Σ", "Σ'", "∃!"):
            if min_prec > LEAD_PREC:
                raise self.unexpected("term")
            return self._binder_notation(), LEAD_PREC
        if t.kind == KEYWORD and t.text in ("Type", "Sort") and min_prec <= LEAD_PREC:
            term = self._sort(True)
            if isinstance(term, A.Sort) and term.level is not None:
                return term, LEAD_PREC
            return self._app_tail(term, min_prec)
        head = self._primary()
        return self._app_tail(head, min_prec)

    def _app_tail(self, head: A.Term, min_prec: int) -> tuple[A.Term, int]:
        if min_prec > LEAD_PREC or isinstance(head, (A.Lam, A.LamAlts, A.Do)):
            return head, MAX_PREC
        args = self._args()
        if not args:
            return head, MAX_PREC
        return A.App(head.span.to(args[-1].span), head, tuple(args)), LEAD_PREC

    def _args(self) -> list[A.Arg]:
        args: list[A.Arg] = []
        while True:
            t = self.peek()
            if not self.can_start_arg(t) and not (t.kind == SYMBOL and t.text == ".."):
                break
            if not self.col_ok(t):
                break
            if t.text == "..":
                self.next()
                args.append(A.EllipsisArg(t.span()))
                continue
            if t.text == "(" and self.peek(1).kind == IDENT and self.at(":=", 2):
                self.next()
                name = self.next()
                self.next()
                val = self.parse_term_nopos()
                self.expect(")")
                args.append(A.NamedArg(self.span_from(t), name.value, val))  # type: ignore[arg-type]
                continue
            arg = self._primary()
            args.append(arg)
            if isinstance(arg, (A.Lam, A.LamAlts, A.Do)):
                break
        return args

    def parse_arg(self) -> A.Term:
        """One argument-level term (max precedence) with its trailing projections."""
        return self._primary()

    def _primary(self) -> A.Term:
        """An atom at max precedence followed by its projections / indexing."""
        t = self.peek()
        term = self._atom()
        while True:
            n = self.peek()
            if n.kind == FIELDIDX or n.kind == FIELD:
                self.next()
                term = A.Proj(term.span.to(n.span()), term, n.value)  # type: ignore[arg-type]
            elif n.kind == SYMBOL and n.text == "[" and not n.ws_before:
                self.next()
                idx = self.parse_term_nopos()
                self.expect("]")
                suffix = ""
                nn = self.peek()
                proof = None
                if nn.kind == SYMBOL and nn.text in ("!", "?") and not nn.ws_before:
                    self.next()
                    suffix = nn.text
                elif nn.kind == SYMBOL and nn.text == "'" and not nn.ws_before:
                    self.next()
                    proof = self.parse_arg()
                term = A.Index(self.span_from(t), term, idx, suffix, proof)
            else:
                return term

    def _atom(self) -> A.Term:
        t = self.peek()
        k = t.kind
        if k == IDENT:
            self.next()
            if t.text in self.stop_words:
                self.i -= 1
                raise self.unexpected("term")
            if t.text == "nat_lit" and self.peek().kind == NUM:
                n = self.next()
                return A.RawNatLit(self.span_from(t), n.value)  # type: ignore[arg-type]
            if t.text == "no_index" and self.can_start_arg(self.peek()):
                return self.parse_arg()   # `no_index e` only tells simp's index not to look into `e`
            univs = None
            if self.at(".{") and not self.peek().ws_before:
                self.next()
                univs = self._level_list("}")
            return A.Ident(self.span_from(t), t.value, univs)  # type: ignore[arg-type]
        if k == NUM:
            self.next()
            return A.NumLit(t.span(), t.value)  # type: ignore[arg-type]
        if k == SCI:
            self.next()
            m, neg, e = t.value  # type: ignore[misc]
            return A.SciLit(t.span(), m, neg, e)
        if k == STR:
            self.next()
            return A.StrLit(t.span(), t.value)  # type: ignore[arg-type]
        if k == CHAR:
            self.next()
            return A.CharLit(t.span(), t.value)  # type: ignore[arg-type]
        if k == NAME:
            self.next()
            return A.NameLit(t.span(), t.value)  # type: ignore[arg-type]
        if k == DOTIDENT:
            self.next()
            return A.DotIdent(t.span(), t.value)  # type: ignore[arg-type]
        if k == INTERP:
            self.next()
            return self._interp(t)
        if k == KEYWORD:
            s = t.text
            if s in ("Type", "Sort", "Prop"):
                return self._sort(False)
            if s == "sorry":
                self.next()
                return A.Sorry(t.span())
            if s == "fun":
                return self._fun()
            if s == "do":
                return self._do()
            raise self.unexpected("term")
        if k == SYMBOL:
            s = t.text
            notations = self.ctx.ops.leading_notations.get(s)
            if notations:
                r = self._try_leading_notation(notations)
                if r is not None:
                    return r
            if s == "(":
                return self._paren()
            if s == "⟨":
                self.next()
                elems = self._comma_terms("⟩")
                self.expect("⟩")
                return A.AnonCtor(self.span_from(t), tuple(elems))
            if s == "[":
                if self._binder_arrow_ahead():
                    return self._dep_arrow()
                self.next()
                elems = self._comma_terms("]")
                self.expect("]", "',' or ']'")
                return A.ListLit(self.span_from(t), tuple(elems))
            if s == "#[":
                self.next()
                elems = self._comma_terms("]")
                self.expect("]", "',' or ']'")
                return A.ArrayLit(self.span_from(t), tuple(elems))
            if s == "{" or s == "⦃":
                if self._binder_arrow_ahead():
                    return self._dep_arrow()
                if s == "{":
                    return self._brace()
                raise self.unexpected("term")
            if s == "‹":
                self.next()
                ty = self.parse_term_nopos()
                self.expect("›")
                return A.Assumption(self.span_from(t), ty)
            if s == "_":
                self.next()
                return A.Hole(t.span())
            if s == "?":
                self.next()
                n = self.peek()
                if not n.ws_before and (n.kind == IDENT or n.text == "_"):
                    self.next()
                    return A.SyntheticHole(self.span_from(t), None if n.text == "_" else n.value)  # type: ignore[arg-type]
                raise self.unexpected("identifier or '_'")
            if s == "@":
                self.next()
                inner = self._atom()
                return A.Explicit(self.span_from(t), inner)
            if s == "·" or s == ".":
                self.next()
                return A.Cdot(t.span())
            if s == "λ":
                return self._fun()
            if s in ("←", "<-"):
                self.next()
                inner = self.parse_term()
                return A.DoNested(self.span_from(t), inner)
            if s in self.ctx.ops.prefix:
                # prefix operator in argument position, e.g. `f ¬p`, `f ↑x`
                pre = self.ctx.ops.prefix[s]
                self.next()
                arg = self.parse_term(pre.arg_prec)
                return self._mk_unary(pre.symbol, arg, pre.decl, self.span_from(t))
            if s in ("∀", "∃", "Π", "Σ", "Σ'", "∃!"):
                return self._binder_notation()
        raise self.unexpected("term")

    def _interp(self, t: Token) -> A.Term:
        prefix, parts = t.value  # type: ignore[misc]
        out: list[object] = []
        for p in parts:
            if isinstance(p, str):
                out.append(p)
            else:
                sub = TermParserFactory.sub(self, p, (t.end_line, t.end_col))
                term = sub.parse_term_nopos()
                if not sub.at_eof():
                    raise sub.unexpected("'}'")
                out.append(term)
        return A.InterpStr(t.span(), prefix, tuple(out))  # type: ignore[arg-type]

    # -- sorts and levels --------------------------------------------------------------------
    def _sort(self, allow_level: bool) -> A.Term:
        t = self.next()
        if t.text == "Prop":
            return A.Sort(t.span(), "Prop", None)
        level = None
        n = self.peek()
        if allow_level and self.col_ok(n) and (n.kind in (IDENT, NUM) or n.text in ("_", "(")) \
                and not (n.kind == IDENT and n.text in self.stop_words):
            level = self._level_atom()
        elif n.text == "*" and not n.ws_before:
            self.next()
            level = A.LevelHole(n.span())
        return A.Sort(self.span_from(t), t.text, level)

    def _level_atom(self) -> A.Level:
        t = self.peek()
        if t.kind == NUM:
            self.next()
            return A.LevelNum(t.span(), t.value)  # type: ignore[arg-type]
        if t.kind == IDENT:
            self.next()
            return A.LevelName(t.span(), t.value)  # type: ignore[arg-type]
        if t.text == "_":
            self.next()
            return A.LevelHole(t.span())
        if t.text == "(":
            self.next()
            lvl = self._level()
            self.expect(")")
            return lvl
        raise self.unexpected("universe level")

    def _level(self) -> A.Level:
        t = self.peek()
        if t.kind == IDENT and t.text in ("max", "imax"):
            self.next()
            args = [self._level_atom()]
            while self.peek().kind in (IDENT, NUM) or self.peek().text in ("_", "("):
                args.append(self._level_atom())
            cls = A.LevelMax if t.text == "max" else A.LevelIMax
            lvl: A.Level = cls(self.span_from(t), tuple(args))
        else:
            lvl = self._level_atom()
        while self.at("+"):
            self.next()
            n = self.peek()
            if n.kind != NUM:
                raise self.unexpected("numeral")
            self.next()
            lvl = A.LevelAdd(self.span_from(t), lvl, n.value)  # type: ignore[arg-type]
        return lvl

    def _level_list(self, close: str) -> tuple[A.Level, ...]:
        out = [self._level()]
        while self.accept(","):
            out.append(self._level())
        self.expect(close)
        return tuple(out)

    # -- brackets ------------------------------------------------------------------------------
    def _comma_terms(self, close: str) -> list[A.Term]:
        elems: list[A.Term] = []
        if self.at(close):
            return elems
        while True:
            elems.append(self.parse_term_nopos())
            if not self.accept(","):
                break
            if self.at(close):  # trailing comma
                break
        return elems

    def _paren(self) -> A.Term:
        t = self.peek()
        if self._binder_arrow_ahead():
            return self._dep_arrow()
        self.next()
        if self.at(")"):
            self.next()
            return A.Unit(self.span_from(t))
        first = self.parse_term_nopos()
        if self.at(","):
            elems = [first]
            while self.accept(","):
                elems.append(self.parse_term_nopos())
            self.expect(")")
            return A.Tuple(self.span_from(t), tuple(elems))
        if self.accept(":"):
            ty = None if self.at(")") else self.parse_term_nopos()
            self.expect(")")
            return A.Ascription(self.span_from(t), first, ty)
        self.expect(")", "')', ',' or ':'")
        return A.Paren(self.span_from(t), first)

    def _binder_arrow_ahead(self) -> bool:
        """`(x y : A) → B`, `{x : A} → B`, `[Foo α] → B`, `⦃x : A⦄ → B`."""
        j = self.i
        t = self.toks[j] if j < len(self.toks) else None
        if t is None:
            return False
        close = self.match_of(j)
        if t.text == "{" and j + 1 < len(self.toks) and self.toks[j + 1].text == "{" \
                and not self.toks[j + 1].ws_before:
            inner_close = self.match_of(j + 1)
            close = inner_close + 1 if inner_close >= 0 else -1
        if close < 0 or close + 1 >= len(self.toks):
            return False
        after = self.toks[close + 1]
        if not (after.kind == SYMBOL and after.text in _ARROWS):
            return False
        if t.text == "[":
            # `[] → …` is an empty list and `[1, 2] → …` a list, not an instance binder
            depth = 0
            for tok in self.toks[j + 1:close]:
                if tok.kind == SYMBOL and tok.text in ("(", "[", "{", "⟨", "#["):
                    depth += 1
                elif tok.kind == SYMBOL and tok.text in (")", "]", "}", "⟩"):
                    depth -= 1
                elif depth == 0 and tok.kind == SYMBOL and tok.text == ",":
                    return False
            return close > j + 1
        # contents must be binder idents followed by ':' (or nothing, for `{x}` implicit)
        k = j + 1
        if t.text == "{" and self.toks[k].text == "{":
            k += 1
        n = 0
        while k < close and (self.toks[k].kind == IDENT and "." not in self.toks[k].text
                             or self.toks[k].text == "_"):
            k += 1
            n += 1
        if n == 0:
            return False
        nxt = self.toks[k]
        return nxt.text == ":" or (t.text != "(" and k >= close - (1 if nxt.text == "}" else 0))

    def _dep_arrow(self) -> A.Term:
        t = self.peek()
        binder = self.parse_bracket_binder()
        self.next()  # →
        body = self.parse_term(25)
        return A.Pi(self.span_from(t), (binder,), body)

    def _brace(self) -> A.Term:
        t = self.next()  # {
        close = self.match_of(self.i - 1)
        if self.at("}"):
            self.next()
            return A.StructInst(self.span_from(t), (), (), False, None)
        kind = "set"
        j = self.i
        end = close if close >= 0 else len(self.toks)
        while j < end:
            tk = self.toks[j]
            if tk.kind == SYMBOL and tk.text in ("(", "[", "{", "⟨", "#[", "‹", "⦃", "%[", ".{"):
                m = self.match_of(j)
                j = m + 1 if m >= 0 else j + 1
                continue
            if tk.kind == KEYWORD and tk.text == "with":
                kind = "struct"
                break
            if tk.kind == SYMBOL and tk.text in (":=", ".."):
                kind = "struct"
                break
            if tk.kind == SYMBOL and tk.text == "//":
                kind = "subtype"
                break
            if tk.kind == KEYWORD and tk.text in ("fun", "by", "match", "do", "have", "let"):
                break
            j += 1
        if kind == "subtype":
            name_tok = self.expect_ident("identifier")
            name = A.Ident(name_tok.span(), name_tok.value)  # type: ignore[arg-type]
            ty = None
            if self.accept(":"):
                ty = self.parse_term_nopos()
            self.expect("//")
            pred = self.parse_term_nopos()
            self.expect("}")
            return A.Subtype(self.span_from(t), name, ty, pred)
        if kind == "struct":
            return self._struct_inst(t)
        elems = self._comma_terms("}")
        if self.at(":") and len(elems) == 1:
            # `{ x : T }`-like forms are not terms; report like Lean
            raise self.unexpected("'}'")
        self.expect("}", "',' or '}'")
        return A.SetLit(self.span_from(t), tuple(elems))

    def _struct_inst(self, t: Token) -> A.Term:
        saved = self.pos_col
        self.pos_col = None
        try:
            sources: list[A.Term] = []
            # sources `s with` — detect by scanning (already known a `with` may exist)
            start_i = self.i
            if self.peek().text != ".." and not (self.peek().kind == IDENT and self.at(":=", 1)):
                try:
                    src = [self.parse_term()]
                    while self.accept(","):
                        src.append(self.parse_term())
                    if self.at("with"):
                        self.next()
                        sources = src
                    else:
                        self.i = start_i
                except Exception:
                    self.i = start_i
            fields, ellipsis = self.parse_struct_fields(("}", ":"))
            ty = None
            if self.accept(":"):
                ty = self.parse_term_nopos()
            self.expect("}", "'}'")
        finally:
            self.pos_col = saved
        return A.StructInst(self.span_from(t), tuple(sources), tuple(fields), ellipsis, ty)

    def parse_struct_fields(self, closers: tuple[str, ...]) -> tuple[list[A.StructField], bool]:
        """sepByIndent(structInstField, ", ", allowTrailingSep) [..]"""
        fields: list[A.StructField] = []
        ellipsis = False
        col = None
        sep = True
        closer_set = frozenset(closers)
        saved = self.pos_col
        try:
            while True:
                n = self.peek()
                if n.kind == EOF or self.at_any(closer_set):
                    break
                if n.kind == SYMBOL and n.text == "..":
                    self.next()
                    ellipsis = True
                    break
                if col is None:
                    col = n.col
                elif not sep and not (n.first and n.col == col):
                    break
                if n.kind != IDENT:
                    if not sep:
                        break
                    raise self.unexpected("structure instance field")
                self.pos_col = col
                fields.append(self._struct_field())
                sep = self.accept(",") is not None
        finally:
            self.pos_col = saved
        return fields, ellipsis

    def _struct_field(self) -> A.StructField:
        t = self.next()
        binders = self.parse_fun_binders(stop=(":=", ",", "}", ":"))
        value = None
        if self.accept(":="):
            value = self.parse_term()
        elif self.at(":") and binders:
            self.next()
            ty = self.parse_term()
            self.expect(":=")
            val = self.parse_term()
            value = A.Ascription(val.span, val, ty)
        return A.StructField(self.span_from(t), t.value, tuple(binders), value)  # type: ignore[arg-type]

    # -- binders ------------------------------------------------------------------------------
    def _binder_name(self) -> A.Term:
        t = self.peek()
        if t.kind == IDENT:
            self.next()
            return A.Ident(t.span(), t.value)  # type: ignore[arg-type]
        if t.text == "_":
            self.next()
            return A.Hole(t.span())
        raise self.unexpected("identifier or '_'")

    def _is_binder_name(self, t: Token) -> bool:
        return (t.kind == IDENT and t.text not in self.stop_words) or (t.kind == SYMBOL and t.text == "_")

    def parse_bracket_binder(self, allow_default: bool = True) -> A.Binder:
        t = self.next()
        s = t.text
        saved = self.pos_col
        self.pos_col = None
        try:
            if s == "(":
                names = [self._binder_name()]
                while self._is_binder_name(self.peek()):
                    names.append(self._binder_name())
                ty = default = None
                if self.accept(":"):
                    ty = self.parse_term()
                if allow_default and self.accept(":="):
                    default = self.parse_term()
                self.expect(")")
                return A.Binder(self.span_from(t), "explicit", tuple(names), ty, default)
            if s == "{" and self.at("{") and not self.peek().ws_before:
                self.next()
                names = [self._binder_name()]
                while self._is_binder_name(self.peek()):
                    names.append(self._binder_name())
                ty = self.parse_term() if self.accept(":") else None
                self.expect("}")
                self.expect("}")
                return A.Binder(self.span_from(t), "strict", tuple(names), ty)
            if s in ("{", "⦃"):
                names = [self._binder_name()]
                while self._is_binder_name(self.peek()):
                    names.append(self._binder_name())
                ty = self.parse_term() if self.accept(":") else None
                self.expect("}" if s == "{" else "⦄")
                return A.Binder(self.span_from(t), "implicit" if s == "{" else "strict",
                                tuple(names), ty)
            if s == "[":
                names_t: tuple[A.Term, ...] = ()
                if self.peek().kind == IDENT and self.at(":", 1):
                    n = self.next()
                    names_t = (A.Ident(n.span(), n.value),)  # type: ignore[arg-type]
                    self.next()
                ty = self.parse_term()
                self.expect("]")
                return A.Binder(self.span_from(t), "inst", names_t, ty)
        finally:
            self.pos_col = saved
        self.i -= 1
        raise self.unexpected("binder")

    def at_bracket_binder(self) -> bool:
        return self.at("(") or self.at("{") or self.at("[") or self.at("⦃")

    def parse_bracket_binders(self) -> list[A.Binder]:
        out: list[A.Binder] = []
        while self.at_bracket_binder():
            out.append(self.parse_bracket_binder())
        return out

    def parse_sig_binders(self) -> list[A.Binder]:
        """Declaration signature binders: bracketed, or bare identifiers (as in `inductive`
        constructors / `instance` / def with auto-bound simple binders)."""
        out: list[A.Binder] = []
        while True:
            if self.at_bracket_binder():
                out.append(self.parse_bracket_binder())
            elif self._is_binder_name(self.peek()) and self.col_ok(self.peek()):
                t = self.peek()
                names = []
                while self._is_binder_name(self.peek()) and self.col_ok(self.peek()):
                    names.append(self._binder_name())
                out.append(A.Binder(self.span_from(t), "simple", tuple(names), None))
            else:
                return out

    def _paren_is_binder(self) -> bool:
        """At `(`: is this `(x y : T)` / `(x)` rather than a pattern?"""
        k = self.i + 1
        n = 0
        while k < len(self.toks) and self._is_binder_name(self.toks[k]) and "." not in self.toks[k].text:
            k += 1
            n += 1
        if n == 0 or k >= len(self.toks):
            return False
        return self.toks[k].text == ":"

    def parse_fun_binders(self, stop: tuple[str, ...] = ("=>", "↦", ":")) -> list[A.FunBinder]:
        out: list[A.FunBinder] = []
        stops = frozenset(stop)
        while True:
            t = self.peek()
            if t.kind == EOF or (t.text in stops and t.kind in (SYMBOL, KEYWORD)):
                return out
            if t.kind == SYMBOL and t.text == "(" and self._paren_is_binder():
                out.append(self.parse_bracket_binder(allow_default=False))
            elif t.kind == SYMBOL and t.text in ("{", "⦃", "["):
                out.append(self.parse_bracket_binder(allow_default=False))
            elif self._is_binder_name(t):
                names = []
                while self._is_binder_name(self.peek()):
                    names.append(self._binder_name())
                out.append(A.Binder(self.span_from(t), "simple", tuple(names), None))
            elif self.can_start_arg(t):
                out.append(self._primary())
            else:
                return out

    def _typed_simple(self, binders: list[A.FunBinder], ty: A.Term) -> list[A.FunBinder]:
        """Attach a trailing `: T` to the preceding simple binder groups."""
        out: list[A.FunBinder] = []
        for b in binders:
            if isinstance(b, A.Binder) and b.kind == "simple":
                out.append(A.Binder(b.span, "simple", b.names, ty))
            else:
                out.append(b)
        return out

    def parse_quant_binders(self) -> list[A.Binder]:
        """Binders of ∀ / ∃ / Σ: idents and bracketed binders, optional `: T`, or a binder
        predicate `x > 0`."""
        out: list[A.Binder] = []
        while True:
            t = self.peek()
            if self.at_bracket_binder():
                out.append(self.parse_bracket_binder(allow_default=False))
            elif self._is_binder_name(t):
                names = []
                while self._is_binder_name(self.peek()):
                    names.append(self._binder_name())
                out.append(A.Binder(self.span_from(t), "simple", tuple(names), None))
            else:
                break
        if not out:
            raise self.unexpected("binder")
        if self.accept(":"):
            ty_start = self.peek()
            ty = self.parse_term()
            if any(b.kind != "simple" for b in out):
                raise self.error_at(ty_start, "unexpected type ascription")   # `∀ (x : A) y : B, …`
            out = [A.Binder(b.span, b.kind, b.names, ty) for b in out]
        elif self.at_any(_BINDER_PRED_OPS) and len(out) == 1 and out[-1].kind == "simple":
            op = self.next().text
            bound = self.parse_term(51)
            b = out[-1]
            out[-1] = A.Binder(b.span, b.kind, b.names, None, None, (_CANON.get(op, op), bound))
        return out

    # -- keyword-led forms ------------------------------------------------------------------
    def _binder_notation(self) -> A.Term:
        t = self.next()
        kind = _CANON.get(t.text, t.text)
        binders = self.parse_quant_binders()
        self.expect(",")
        body = self.parse_term()
        if kind in ("∀", "Π"):
            return A.Pi(self.span_from(t), tuple(binders), body)
        return A.BinderNotation(self.span_from(t), kind, tuple(binders), body)

    def _fun(self) -> A.Term:
        t = self.next()
        if self.at("|"):
            alts = self.parse_match_alts(lambda: self.parse_term())
            return A.LamAlts(self.span_from(t), tuple(alts))
        binders = self.parse_fun_binders()
        if not binders:
            raise self.unexpected("binder")
        if self.accept(":"):
            ty_start = self.peek()
            ty = self.parse_term()
            if not all(isinstance(b, A.Binder) and b.kind == "simple" for b in binders):
                # as Lean's `expandSimpleBinderWithType`: `fun (x : A) : B => e` is not a return type
                raise self.error_at(ty_start, "unexpected type ascription")
            binders = self._typed_simple(binders, ty)
        if not (self.accept("=>") or self.accept("↦")):
            raise self.unexpected("'=>'")
        body = self.parse_term()
        return A.Lam(self.span_from(t), tuple(binders), body)

    def _keyword_form(self) -> A.Term:
        t = self.peek()
        s = t.text
        if s == "forall" or s == "exists":
            return self._binder_notation()
        if s in ("let", "have"):
            self.next()
            saved = self.pos_col
            self.pos_col = t.col
            try:
                is_rec = s == "let" and self.peek().text == "rec"
                if is_rec:
                    self.next()
                decl = self.parse_let_decl(allow_anonymous=(s == "have"))
                if is_rec:
                    decl = replace(decl, rec=True)
            finally:
                self.pos_col = saved
            self.accept(";")
            body = self.parse_term()
            cls = A.Let if s == "let" else A.Have
            return cls(self.span_from(t), decl, body)
        if s == "suffices":
            self.next()
            saved = self.pos_col
            self.pos_col = t.col
            try:
                pat = None
                if (self._is_binder_name(self.peek())) and self.at(":", 1):
                    pat = self._binder_name()
                    self.next()
                ty = self.parse_term()
                if self.accept("from"):
                    val = self.parse_term()
                elif self.at("by"):
                    val = self._by()
                else:
                    raise self.unexpected("'from' or 'by'")
            finally:
                self.pos_col = saved
            self.accept(";")
            body = self.parse_term()
            decl = A.LetDecl(self.span_from(t), pat, (), ty, val)
            return A.Suffices(self.span_from(t), decl, body)
        if s == "show":
            self.next()
            ty = self.parse_term()
            val = None
            if self.accept("from"):
                val = self.parse_term()
            elif self.at("by"):
                val = self._by()
            return A.Show(self.span_from(t), ty, val)
        if s == "if":
            return self._if()
        if s == "match":
            return self._match()
        if s == "by":
            return self._by()
        if s == "calc":
            return self._calc()
        if s == "nomatch":
            self.next()
            ds = [self.parse_term()]
            while self.accept(","):
                ds.append(self.parse_term())
            return A.Nomatch(self.span_from(t), tuple(ds))
        if s == "nofun":
            self.next()
            return A.Nofun(t.span())
        if s == "return":   # Lean's `termReturn`: `return e` is `do return e`
            self.next()
            val = None
            n = self.peek()
            if self.can_start_term(n) and not n.first:
                val = self.parse_term()
            ret = A.DoReturn(self.span_from(t), val)
            return A.Do(self.span_from(t), A.DoSeq(self.span_from(t), (ret,)))
        raise self.unexpected("term")

    def parse_let_decl(self, allow_anonymous: bool = False, allow_no_value: bool = False,
                       arrow: bool = False) -> A.LetDecl:
        t = self.peek()
        pattern: A.Term | None = None
        binders: list[A.FunBinder] = []
        if t.kind == IDENT and t.text not in self.stop_words:
            self.next()
            pattern = A.Ident(t.span(), t.value)  # type: ignore[arg-type]
            binders = self.parse_fun_binders(stop=(":=", ":", "|", "←", "<-", ";"))
        elif t.text == "_" and t.kind == SYMBOL:
            self.next()
            pattern = A.Hole(t.span())
        elif allow_anonymous and (self.at(":") or self.at(":=")):
            pattern = None
        else:
            pattern = self.parse_term()
        ty = None
        if self.accept(":"):
            ty = self.parse_term()
        value = None
        alts: list[A.MatchAlt] = []
        if self.accept(":="):
            value = self.parse_term()
        elif self.at("|"):
            alts = self.parse_match_alts(lambda: self.parse_term())
        elif not allow_no_value:
            raise self.unexpected("':=' or '|'")
        return A.LetDecl(self.span_from(t), pattern, tuple(binders), ty, value, tuple(alts))

    def _if(self) -> A.Term:
        t = self.next()
        hyp = None
        if self.at("let"):
            self.next()
            pat = self.parse_term()
            self.expect(":=")
            d = self.parse_term()
            self.expect("then")
            th = self.parse_term()
            self.expect("else")
            el = self.parse_term()
            alt1 = A.MatchAlt(pat.span, ((pat,),), th)
            hole = A.Hole(el.span)
            alt2 = A.MatchAlt(el.span, ((hole,),), el)
            return A.Match(self.span_from(t), (A.MatchDiscr(d.span, None, d),), None, (alt1, alt2))
        if self._is_binder_name(self.peek()) and self.at(":", 1):
            h = self._binder_name()
            hyp = h if isinstance(h, A.Ident) else A.Ident(h.span, "_")
            self.next()
        cond = self.parse_term()
        self.expect("then")
        th = self.parse_term()
        self.expect("else")
        el = self.parse_term()
        return A.If(self.span_from(t), hyp, cond, th, el)

    def parse_match_discrs(self) -> tuple[A.Term | None, list[A.MatchDiscr]]:
        motive, discrs, _ = self.parse_match_header()
        return motive, discrs

    def parse_match_header(self) -> tuple[A.Term | None, list[A.MatchDiscr], bool]:
        """`(generalizing := b)? (motive := t)? (h :)? e, …`: the motive, the discriminants and whether
        generalizing is on."""
        generalizing = True
        if self.at("(") and self.peek(1).text == "generalizing" and self.at(":=", 2):
            self.next(); self.next(); self.next()
            flag = self.next()
            if flag.text not in ("true", "false"):
                raise self.error_at(flag, "expected 'true' or 'false'")
            generalizing = flag.text == "true"
            self.expect(")")
        motive = None
        if self.at("(") and self.peek(1).text == "motive" and self.at(":=", 2):
            self.next(); self.next(); self.next()
            motive = self.parse_term_nopos()
            self.expect(")")
        discrs: list[A.MatchDiscr] = []
        while True:
            d0 = self.peek()
            hyp = None
            if self._is_binder_name(d0) and self.at(":", 1):
                h = self._binder_name()
                hyp = h if isinstance(h, A.Ident) else A.Ident(h.span, "_")
                self.next()
            term = self.parse_term()
            discrs.append(A.MatchDiscr(self.span_from(d0), hyp, term))
            if not self.accept(","):
                break
        return motive, discrs, generalizing

    def _match(self) -> A.Term:
        t = self.next()
        motive, discrs, generalizing = self.parse_match_header()
        self.expect("with")
        alts = self.parse_match_alts(lambda: self.parse_term())
        return A.Match(self.span_from(t), tuple(discrs), motive, tuple(alts), generalizing)

    def parse_match_alts(self, rhs_parser, require: bool = True) -> list[A.MatchAlt]:
        """many1Indent(`| pats,* (| pats,*)* => rhs`): alternatives at column ≥ the first `|`;
        rhs parsed with that position (checkColGt)."""
        alts: list[A.MatchAlt] = []
        first = self.peek()
        if not self.at("|"):
            if require:
                raise self.unexpected("'|'")
            return alts
        col = first.col
        saved = self.pos_col
        try:
            while self.at("|") and self.peek().col >= col:
                start = self.next()
                self.pos_col = None
                groups = [tuple(self._pattern_list())]
                while self.accept("|"):
                    groups.append(tuple(self._pattern_list()))
                self.pos_col = col
                if not self.accept("=>"):
                    raise self.unexpected("'=>'")
                rhs = rhs_parser()
                alts.append(A.MatchAlt(self.span_from(start), tuple(groups), rhs))
        finally:
            self.pos_col = saved
        return alts

    def _pattern_list(self) -> list[A.Term]:
        pats = [self.parse_term()]
        while self.accept(","):
            pats.append(self.parse_term())
        return pats

    def _calc(self) -> A.Term:
        t = self.next()
        steps = self.parse_calc_steps()
        return A.Calc(self.span_from(t), tuple(steps))

    def parse_calc_steps(self) -> list[A.CalcStep]:
        steps: list[A.CalcStep] = []
        saved = self.pos_col
        try:
            f = self.peek()
            self.pos_col = f.col
            rel = self.parse_term()
            proof = None
            if self.accept(":="):
                proof = self.parse_term()
            steps.append(A.CalcStep(self.span_from(f), rel, proof))
            n = self.peek()
            # later steps are right of the enclosing block, or aligned with a first step that began a line
            if n.first and self.can_start_term(n) and (saved is None or n.col > saved or f.first and n.col >= f.col):
                col = n.col
                self.pos_col = col
                while True:
                    n = self.peek()
                    if not (n.first and n.col == col and self.can_start_term(n)):
                        break
                    rel = self.parse_term()
                    self.expect(":=")
                    proof = self.parse_term()
                    steps.append(A.CalcStep(self.span_from(n), rel, proof))
        finally:
            self.pos_col = saved
        return steps

    # -- user notations ----------------------------------------------------------------------
    def _try_leading_notation(self, decls: list) -> A.Term | None:
        start_i = self.i
        for decl in reversed(decls):
            self.i = start_i
            try:
                return self._parse_notation_items(decl, 0, [], self.peek())
            except Exception:
                continue
        self.i = start_i
        return None

    def _try_trailing_notation(self, left: A.Term, lhs_prec: int,
                               min_prec: int) -> tuple[A.Term, int] | None:
        t = self.peek()
        start_i = self.i
        for decl in reversed(self.ctx.ops.trailing_notations.get(t.text, [])):
            prec = decl.prec if decl.prec is not None else 0
            first_prec = decl.items[0].prec or 0
            if prec < min_prec or lhs_prec < first_prec:
                continue
            self.i = start_i
            try:
                term = self._parse_notation_items(decl, 1, [left], None)
                return term, prec
            except Exception:
                continue
        self.i = start_i
        return None

    def _parse_notation_items(self, decl, start: int, args: list, first_tok) -> A.Term:
        begin_span = args[0].span if args else first_tok.span()
        saved = self.pos_col
        for item in decl.items[start:]:
            if item.atom is not None:
                if self.peek().text != item.atom:
                    raise self.unexpected(f"'{item.atom}'")
                self.next()
            else:
                args.append(self.parse_term(item.prec or 0))
        self.pos_col = saved
        end = self.prev().span()
        return A.NotationApp(_fresh_span(begin_span, end), decl, tuple(args))

    # -- provided by other mixins ----------------------------------------------------------------
    def _by(self) -> A.Term:  # pragma: no cover - TacticParser
        raise NotImplementedError

    def _do(self) -> A.Term:  # pragma: no cover - DoParser
        raise NotImplementedError


class TermParserFactory:
    """Creates a sub-parser over a token list (string interpolation pieces)."""

    @staticmethod
    def sub(parent: TermParser, toks: list[Token], eof_pos: tuple[int, int]) -> TermParser:
        p = type(parent)(toks, parent.ctx, eof_pos)
        p.stop_words = parent.stop_words
        return p
