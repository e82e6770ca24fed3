"""Tactic blocks: generic tactic AST (name + arguments + nested blocks).

Block structure follows Lean's `sepByIndent tactic "; "`: the first tactic fixes the
column; further tactics are separated by `;` or start a new line at exactly that column;
arguments of a tactic must be right of it (checkColGt). `t <;> t'`, `· tacs`, `{ tacs }`,
`( tacs )`, `=> tacs` (case/next/conv/alternatives) and `| alt => tacs` nest blocks.
"""

from __future__ import annotations

from dataclasses import replace

from . import ast as A
from .lexer import EOF, IDENT, KEYWORD, SYMBOL, Token
from .terms import TermParser

# tactics whose arguments are several argument-level terms (`intro a ⟨b, c⟩`)
MANY_ARGS = frozenset("""
intro intros rename_i funext subst revert clear unfold injection injections case case' next
rcases fun_induction fun_cases simp_wf delta ext exact? delta
unfold_let rintro
""".split())
# tactics taking a nested tactic sequence
COMBINATORS = frozenset("""
try repeat repeat' all_goals any_goals focus iterate classical with_reducible solve
on_goal pick_goal case_fallthrough skip_goal unhygienic
""".split())
# keyword-like words inside tactics (reserved tokens in Lean or tactic-local keywords)
TACTIC_WORDS = frozenset(("at", "with", "using", "in", "from", "generalizing", "only", "says",
                          "then", "else", "to", "as", "is", "says", "by_cases"))
# tactics whose targets are whole terms (`cases m + 3 * k`, `generalize h : f x = y`), as Lean's
# `casesTarget,+`; their arguments after `with` / `generalizing` stay argument-level
TERM_TARGETS = frozenset(("cases", "induction", "generalize", "rcases"))
_STOP_IDENTS = frozenset(("only", "generalizing", "says", "to"))
_TACTIC_KWS = frozenset(("have", "let", "show", "suffices", "calc", "match", "exists", "sorry",
                         "open", "set_option", "nofun", "nomatch", "if", "fun", "rfl", "exact",
                         "by", "unless", "do", "return"))
_CLOSERS = frozenset((";", "<;>", ")", "]", "}", "⟩", ",", "|", "›"))


class TacticParser(TermParser):
    def can_start_tactic(self, t: Token) -> bool:
        if t.kind == IDENT:
            return True
        if t.kind == KEYWORD:
            return t.text in _TACTIC_KWS
        if t.kind == SYMBOL:
            return t.text in ("·", ".", "{", "(")
        return False

    def _by(self) -> A.Term:
        t = self.next()  # by
        n = self.peek()
        if self.at_eof() or (n.first and not self.col_ok(n)):
            # Lean's `checkColGt`: a line not right of the saved position is not part of the block (left empty)
            return A.By(t.span(), A.TacticSeq(t.span(), ()))
        seq = self.parse_tactic_seq()
        return A.By(self.span_from(t), seq)

    def parse_tactic_seq(self) -> A.TacticSeq:
        first = self.peek()
        if not self.can_start_tactic(first) or not self.col_ok(first) and not first.first:
            raise self.unexpected("'{'" if first.kind == EOF else "tactic")
        col = first.col
        saved_pos, saved_stop = self.pos_col, self.stop_words
        tactics: list[A.Tactic] = []
        try:
            while True:
                self.pos_col = col
                self.stop_words = _STOP_IDENTS
                tactics.append(self.parse_tactic())
                self.pos_col = col
                if self.accept(";"):
                    n = self.peek()
                    if self.can_start_tactic(n) and n.col >= col:
                        continue
                    break
                n = self.peek()
                if n.first and n.col == col and self.can_start_tactic(n):
                    continue
                break
        finally:
            self.pos_col, self.stop_words = saved_pos, saved_stop
        return A.TacticSeq(first.span().to(tactics[-1].span), tuple(tactics))

    def parse_tactic(self) -> A.Tactic:
        self.enter()
        try:
            start = self.peek()
            tac = self._tactic_atom()
            while self.at("<;>"):
                self.next()
                rhs = self._tactic_atom()
                tac = A.Tactic(self.span_from(start), "<;>", (tac, rhs))
            return tac
        finally:
            self.leave()

    def _nested_seq_until(self, close: str) -> A.TacticSeq:
        t = self.peek()
        saved = self.pos_col
        self.pos_col = None
        try:
            if self.at(close):
                return A.TacticSeq(t.span(), ())
            seq = self.parse_tactic_seq()
        finally:
            self.pos_col = saved
        return seq

    def _tactic_atom(self) -> A.Tactic:
        t = self.peek()
        s = t.text
        if t.kind == SYMBOL:
            if s in ("·", "."):
                self.next()
                seq = self.parse_tactic_seq()
                return A.Tactic(self.span_from(t), "·", (seq,))
            if s in ("{", "("):
                self.next()
                close = "}" if s == "{" else ")"
                seq = self._nested_seq_until(close)
                self.expect(close, "'" + close + "'")
                return A.Tactic(self.span_from(t), s, (seq,))
            raise self.unexpected("tactic")
        if not self.can_start_tactic(t):
            raise self.unexpected("tactic")
        if t.kind == KEYWORD:
            if s in ("have", "let", "suffices"):
                self.next()
                is_rec = s == "let" and self.peek().text == "rec"
                if is_rec:
                    self.next()
                decl = self.parse_let_decl(allow_anonymous=True, allow_no_value=True)
                if is_rec:
                    decl = replace(decl, rec=True)
                return A.Tactic(self.span_from(t), s, (decl,))
            if s == "show":
                self.next()
                ty = self.parse_term()
                args: list[A.TacArg] = [ty]
                if self.accept("from"):
                    args.append(self.parse_term())
                return A.Tactic(self.span_from(t), s, tuple(args))
            if s == "calc":
                self.next()
                steps = self.parse_calc_steps()
                return A.Tactic(self.span_from(t), s, tuple(steps))
            if s == "match":
                self.next()
                flag = self.peek(1)
                motive, discrs, generalizing = self.parse_match_header()
                if not generalizing:
                    raise self.error_at(flag, "'match (generalizing := false)' in tactic mode is not supported yet")
                self.expect("with")
                alts = self.parse_match_alts(self._match_rhs_tactics)
                margs: list[A.TacArg] = list(discrs) + list(alts)
                return A.Tactic(self.span_from(t), s, tuple(margs))
            if s == "if":
                return self._tactic_if()
        if t.kind == IDENT and s == "obtain":
            self.next()
            pat = None if self.at(":") or self.at(":=") else self.parse_term()
            ty = self.parse_term() if self.accept(":") else None
            val = self.parse_term() if self.accept(":=") else None
            decl = A.LetDecl(self.span_from(t), pat, (), ty, val)
            return A.Tactic(self.span_from(t), "obtain", (decl,))
        if t.kind == IDENT and s == "intro" and self.at("|", 1):
            self.next()  # `intro | pats => tacs …` introduces and matches at once
            alts = self.parse_match_alts(self._match_rhs_tactics)
            return A.Tactic(self.span_from(t), s, tuple(alts))
        if t.kind == IDENT and s == "first":
            self.next()
            alts: list[A.TacArg] = []
            col = self.peek().col
            while self.at("|") and self.peek().col >= col:
                self.next()
                alts.append(self.parse_tactic_seq())
            return A.Tactic(self.span_from(t), s, tuple(alts))
        if t.kind == IDENT and s in COMBINATORS:
            self.next()
            cargs: list[A.TacArg] = []
            if s in ("iterate", "on_goal", "pick_goal") and self.peek().kind == "num":
                n = self.next()
                cargs.append(A.NumLit(n.span(), n.value))  # type: ignore[arg-type]
            if s == "classical" and not self.col_ok(self.peek()):
                return A.Tactic(self.span_from(t), s, ())
            cargs.append(self.parse_tactic_seq())
            return A.Tactic(self.span_from(t), s, tuple(cargs))
        self.next()
        args = self._tactic_args(s)
        return A.Tactic(self.span_from(t), s, tuple(args))

    def _match_rhs_tactics(self) -> A.Node:
        """Tactic-mode match alternatives: `_`, `?x` or a tactic sequence."""
        if self.at("_") or self.at("?"):
            return self.parse_term()
        return self.parse_tactic_seq()

    def _tactic_if(self) -> A.Tactic:
        t = self.next()
        args: list[A.TacArg] = []
        if self._is_binder_name(self.peek()) and self.at(":", 1):
            args.append(self._binder_name())
            self.next()
        args.append(self.parse_term())
        self.expect("then")
        args.append(self.parse_tactic_seq())
        if self.accept("else"):
            args.append(self.parse_tactic_seq())
        return A.Tactic(self.span_from(t), "if", tuple(args))

    def _tactic_args(self, name: str) -> list[A.TacArg]:
        args: list[A.TacArg] = []
        many = name in MANY_ARGS or name in TERM_TARGETS
        term_targets = name in TERM_TARGETS
        after_with = False
        while True:
            n = self.peek()
            if n.kind == EOF:
                break
            s = n.text
            if n.kind == SYMBOL and s == "|" and (after_with or name in ("match", "first")):
                args.append(self._tac_alts())
                break
            if not self.col_ok(n):
                break
            after_with = False
            if n.kind == SYMBOL:
                if s == "=>":
                    self.next()
                    args.append(self.parse_tactic_seq())
                    break
                if s in _CLOSERS:
                    if s == "," :
                        self.next()
                        continue
                    break
                if s == "[":
                    args.append(self._tac_list())
                    continue
                if s in ("⊢", "|-", "*", "←", "<-", ":=", ":", "↑"):
                    self.next()
                    args.append(A.TacKeyword(n.span(), "⊢" if s == "|-" else s))
                    continue
                if s in ("+", "-") and self.peek(1).kind == IDENT and not self.peek(1).ws_before:
                    self.next()
                    f = self.next()
                    args.append(A.TacFlag(self.span_from(n), s, f.value))  # type: ignore[arg-type]
                    continue
                if s == "(" and self.peek(1).kind == IDENT and self.at(":=", 2):
                    self.next()
                    nm = self.next()
                    self.next()
                    val = self.parse_term_nopos()
                    self.expect(")")
                    args.append(A.TacNamedArg(self.span_from(n), nm.value, val))  # type: ignore[arg-type]
                    continue
            if (n.kind == KEYWORD and s in TACTIC_WORDS) or (n.kind == IDENT and s in _STOP_IDENTS):
                self.next()
                args.append(A.TacKeyword(n.span(), s))
                after_with = s == "with"
                if s in ("with", "generalizing", "at"):
                    term_targets = False
                continue
            if self.can_start_term(n):
                if many and not term_targets:
                    args.append(self.parse_arg())
                else:
                    args.append(self.parse_term())
                continue
            break
        return args

    def _tac_list(self) -> A.TacList:
        t = self.next()  # [
        saved = self.pos_col
        self.pos_col = None
        rules: list[A.TacRule] = []
        try:
            while not self.at("]"):
                r0 = self.peek()
                prefix = None
                if self.at_any(frozenset(("←", "<-", "-", "↑", "↓"))):
                    prefix = "←" if r0.text == "<-" else r0.text
                    self.next()
                if self.at("*"):
                    self.next()
                    rules.append(A.TacRule(self.span_from(r0), prefix, None))
                else:
                    rules.append(A.TacRule(self.span_from(r0), prefix, self.parse_term()))
                if not self.accept(","):
                    break
            self.expect("]", "',' or ']'")
        finally:
            self.pos_col = saved
        return A.TacList(self.span_from(t), tuple(rules))

    def _tac_alts(self) -> A.TacAlts:
        first = self.peek()
        col = first.col
        alts: list[A.TacAlt] = []
        saved = self.pos_col
        try:
            while self.at("|") and self.peek().col >= col:
                a = self.next()
                self.pos_col = None
                pats = [self.parse_term()]
                while self.accept(",") or self.accept("|"):
                    pats.append(self.parse_term())
                self.expect("=>")
                self.pos_col = col
                seq = self.parse_tactic_seq()
                alts.append(A.TacAlt(self.span_from(a), tuple(pats), seq))
        finally:
            self.pos_col = saved
        return A.TacAlts(self.span_from(first), tuple(alts))

    # -- do notation -----------------------------------------------------------------------
    def _do(self) -> A.Term:
        t = self.next()  # do
        seq = self.parse_do_seq()
        return A.Do(self.span_from(t), seq)

    def parse_do_seq(self) -> A.DoSeq:
        first = self.peek()
        if not self.can_start_term(first) and first.text not in ("let", "have", "return", "if",
                                                                 "unless", "for", "match"):
            raise self.unexpected("do element")
        col = first.col
        saved = self.pos_col
        elems: list[A.DoElem] = []
        try:
            while True:
                self.pos_col = col
                elems.append(self._do_elem())
                if self.accept(";"):
                    continue
                n = self.peek()
                if n.first and n.col == col and n.kind != EOF and \
                        not (n.kind == SYMBOL and n.text in _CLOSERS):
                    continue
                break
        finally:
            self.pos_col = saved
        return A.DoSeq(first.span().to(elems[-1].span), tuple(elems))

    def _term_before_do(self) -> A.Term:
        """The term of `for x in e do` / `unless e do`: a trailing `do` is the element's, not an argument."""
        saved = self.forbid_do
        self.forbid_do = True
        try:
            return self.parse_term()
        finally:
            self.forbid_do = saved

    def _do_elem(self) -> A.DoElem:
        t = self.peek()
        s = t.text if t.kind == KEYWORD else None
        if s in ("let", "have"):
            self.next()
            kind = s
            if s == "let" and self.peek().text == "mut":
                self.next()
                kind = "let mut"
            decl = self.parse_let_decl(allow_anonymous=(s == "have"), allow_no_value=True)
            if decl.value is None and not decl.alts and self.at_any(frozenset(("←", "<-"))):
                self.next()
                val = self.parse_term()
                pat = decl.pattern if decl.pattern is not None else A.Hole(t.span())
                return A.DoBind(self.span_from(t), kind, pat, decl.type, val)
            return A.DoLet(self.span_from(t), kind, decl)
        if s == "return":
            self.next()
            val = None
            n = self.peek()
            if self.can_start_term(n) and self.col_ok(n) and not n.first:
                val = self.parse_term()
            return A.DoReturn(self.span_from(t), val)
        if s == "if":
            self.next()
            hyp = None
            if self._is_binder_name(self.peek()) and self.at(":", 1):
                h = self._binder_name()
                hyp = h if isinstance(h, A.Ident) else None
                self.next()
            cond = self.parse_term()
            self.expect("then")
            th = self.parse_do_seq()
            el = None
            if self.at("else"):
                self.next()
                if self.at("if"):
                    inner = self._do_elem()
                    el = A.DoSeq(inner.span, (inner,))
                else:
                    el = self.parse_do_seq()
            return A.DoIf(self.span_from(t), hyp, cond, th, el)
        if s == "unless":
            self.next()
            cond = self._term_before_do()
            self.expect("do")
            return A.DoUnless(self.span_from(t), cond, self.parse_do_seq())
        if s == "for":
            self.next()
            pat = self.parse_term()
            self.expect("in")
            coll = self._term_before_do()
            self.expect("do")
            return A.DoFor(self.span_from(t), pat, coll, self.parse_do_seq())
        if s == "match":
            self.next()
            _, discrs = self.parse_match_discrs()
            self.expect("with")
            alts = self.parse_match_alts(self.parse_do_seq)
            return A.DoMatch(self.span_from(t), tuple(discrs), tuple(alts))
        term = self.parse_term()
        if self.at_any(frozenset(("←", "<-"))):
            self.next()
            val = self.parse_term()
            return A.DoBind(self.span_from(t), "", term, None, val)
        if self.at(":="):
            self.next()
            val = self.parse_term()
            return A.DoReassign(self.span_from(t), term, val)
        return A.DoExpr(self.span_from(t), term)
