"""Command parser: declarations, scoping commands, `#` commands, notations (which extend
the term parser for the rest of the file through the shared ParseContext)."""

from __future__ import annotations

from dataclasses import replace

from . import ast as A
from .lexer import DOC, EOF, HASHCMD, IDENT, KEYWORD, NUM, STR, SYMBOL, Token
from .operators import PREC_NAMES, Infix, Prefix
from .tactics import TacticParser

DECL_KWS = frozenset(("def", "theorem", "lemma", "abbrev", "example", "instance", "opaque",
                      "axiom"))
MODIFIER_KWS = frozenset(("private", "protected", "noncomputable", "partial", "unsafe", "nonrec", "public", "meta"))
COMMAND_KWS = DECL_KWS | MODIFIER_KWS | frozenset((
    "class", "structure", "inductive", "namespace", "section", "end", "open", "variable",
    "universe", "set_option", "attribute", "notation", "infix", "infixl", "infixr",
    "prefix", "postfix", "mutual", "import", "export", "local", "scoped", "macro", "syntax",
    "macro_rules", "elab", "omit", "include", "module"))
NOTATION_KWS = frozenset(("notation", "infix", "infixl", "infixr", "prefix", "postfix"))


def is_command_start(t: Token, nxt: Token | None) -> bool:
    if t.kind == KEYWORD:
        return t.text in COMMAND_KWS or (t.text == "deriving" and nxt is not None
                                         and nxt.text == "instance")
    if t.kind == HASHCMD or t.kind == DOC or (t.kind == IDENT and t.text == "init_quot"):
        return True
    return t.kind == SYMBOL and t.text == "@["


class CommandParser(TacticParser):
    def parse_command(self) -> A.Command:
        start = self.peek()
        saved = self.pos_col
        self.pos_col = start.col
        try:
            return self._command(start)
        finally:
            self.pos_col = saved

    def _tactic_macro(self, start: Token) -> A.TacticMacro | None:
        """The keyword-tactic forms of `syntax`, `macro` and `macro_rules`; None for any other form."""
        kw = self.next().text
        atoms: list[str] = []
        rules: list[tuple[str, A.TacticSeq]] = []
        if kw in ("syntax", "macro"):
            atom = self.peek()
            if atom.kind != STR or not _is_keyword_atom(atom.value) or self.peek(1).text != ":" \
                    or self.peek(2).text != "tactic":
                return None
            self.i += 3
            atoms.append(atom.value)
            if kw == "macro":
                if not self.accept("=>"):
                    return None
                rules.append((atom.value, self._tactic_quotation()))
        else:
            while self.accept("|"):
                if not (self.accept("`") and self.accept("(") and self.peek().text == "tactic"
                        and self.peek(1).text == "|" and self.peek(2).kind == IDENT and self.peek(3).text == ")"):
                    return None
                lhs = self.peek(2).value
                self.i += 4
                self.expect("=>")
                rules.append((lhs, self._tactic_quotation()))
            if not rules:
                return None
        return A.TacticMacro(self.span_from(start), tuple(atoms), tuple(rules))

    def _tactic_quotation(self) -> A.TacticSeq:
        """`(tactic| t₁; t₂ …)"""
        self.expect("`")
        self.expect("(")
        if self.peek().text != "tactic":
            raise self.unexpected("'tactic'")
        self.next()
        self.expect("|")
        seq = self._nested_seq_until(")")
        self.expect(")")
        return seq

    def _command(self, start: Token) -> A.Command:
        mods, attr_kind = self._modifiers()
        t = self.peek()
        s = t.text
        if t.kind == HASHCMD:
            return self._hash_command(start, mods)
        if t.kind == IDENT and s == "init_quot":
            self.next()
            return A.InitQuot(self.span_from(start))
        if t.kind != KEYWORD:
            raise self.unexpected("command")
        if s in DECL_KWS:
            return self._decl(start, mods, attr_kind)
        if s == "class" and self.peek(1).text == "inductive":
            self.next()
            return self._inductive(start, mods, is_class=True)
        if s in ("structure", "class"):
            return self._structure(start, mods)
        if s == "inductive":
            return self._inductive(start, mods)
        if s in NOTATION_KWS:
            return self._notation(start, mods, attr_kind)
        if s in ("syntax", "macro", "macro_rules", "elab"):
            plain = not (mods.attrs or mods.visibility or attr_kind)   # a doc comment is fine
            macro = self._tactic_macro(start) if plain and s != "elab" else None
            if macro is None:
                raise self.error_at(t, f"'{s}' (user-defined syntax, macros and elaborators) is not supported yet")
            return macro
        if s in ("namespace", "section", "end"):
            self.next()
            name = None
            n = self.peek()
            if n.kind == IDENT and (n.line == t.line):
                name = self.next().value
            if s == "namespace":
                if name is None:
                    raise self.unexpected("identifier")
                return A.Namespace(self.span_from(start), name)  # type: ignore[arg-type]
            if s == "section":
                return A.Section(self.span_from(start), name)  # type: ignore[arg-type]
            return A.End(self.span_from(start), name)  # type: ignore[arg-type]
        if s == "open":
            return self._maybe_in(start, self._open(start))
        if s == "export":
            self.next()
            ns = self.expect_ident().value
            self.expect("(")
            names = []
            while self.peek().kind == IDENT:
                names.append(self.next().value)
            self.expect(")")
            return A.Export(self.span_from(start), ns, tuple(names))  # type: ignore[arg-type]
        if s == "variable":
            self.next()
            binders = self.parse_sig_binders()
            if not binders:
                raise self.unexpected("binder")
            return self._maybe_in(start, A.Variable(self.span_from(start), tuple(binders)))
        if s == "universe":
            self.next()
            names = [self.expect_ident().value]
            while self.peek().kind == IDENT and self.col_ok(self.peek()):
                names.append(self.next().value)
            return A.Universe(self.span_from(start), tuple(names))  # type: ignore[arg-type]
        if s == "set_option":
            self.next()
            name = self._option_name()
            value = self._option_value()
            return self._maybe_in(start, A.SetOption(self.span_from(start), name, value))
        if s == "attribute":
            self.next()
            self.expect("[")
            attrs = self._attr_list()
            names = []
            while self.peek().kind == IDENT and self.col_ok(self.peek()):
                n = self.next()
                names.append(A.Ident(n.span(), n.value))  # type: ignore[arg-type]
            if not names:
                raise self.unexpected("identifier")
            return A.Attribute(self.span_from(start), tuple(attrs), tuple(names))
        if s == "mutual":
            self.next()
            cmds: list[A.Command] = []
            while not self.at("end"):
                if self.at_eof():
                    raise self.unexpected("'end'")
                cmds.append(self.parse_command())
            self.next()
            return A.Mutual(self.span_from(start), tuple(cmds))
        if s == "deriving":
            self.next()
            self.expect("instance")
            classes = [self._ident_node()]
            while self.accept(","):
                classes.append(self._ident_node())
            self.expect("for")
            types = [self._ident_node()]
            while self.accept(","):
                types.append(self._ident_node())
            return A.DerivingInstance(self.span_from(start), tuple(classes), tuple(types))
        if s == "module":
            self.next()
            return A.ModuleHeader(self.span_from(start))
        if s == "import":
            self.next()
            return A.Import(self.span_from(start), self.expect_ident().value)  # type: ignore[arg-type]
        raise self.unexpected("command")

    def _maybe_in(self, start: Token, cmd: A.Command) -> A.Command:
        if self.at("in"):
            self.next()
            body = self.parse_command()
            return A.InCommand(self.span_from(start), cmd, body)
        return cmd

    def _ident_node(self) -> A.Ident:
        n = self.expect_ident()
        return A.Ident(n.span(), n.value)  # type: ignore[arg-type]

    # -- modifiers and attributes -----------------------------------------------------------
    def _modifiers(self) -> tuple[A.Modifiers, str | None]:
        start = self.peek()
        doc = None
        attrs: list[A.Attr] = []
        vis = None
        nc = partial = unsafe = nonrec = False
        attr_kind = None
        if start.kind == DOC:
            doc = self.next().value
        if self.at("@["):
            self.next()
            attrs = self._attr_list()
        while True:
            t = self.peek()
            if t.kind != KEYWORD:
                break
            if t.text in ("private", "protected"):
                vis = t.text
            elif t.text == "noncomputable":
                nc = True
            elif t.text == "partial":
                partial = True
            elif t.text == "unsafe":
                unsafe = True
            elif t.text == "nonrec":
                nonrec = True
            elif t.text in ("public", "meta"):
                pass   # the module system's visibility and phase: leanr checks a file as one unit
            elif t.text in ("local", "scoped"):
                attr_kind = t.text
            else:
                break
            self.next()
        mods = A.Modifiers(self.span_from(start) if self.i > 0 else start.span(), doc,
                           tuple(attrs), vis, nc, partial, unsafe, nonrec)
        return mods, attr_kind

    def _attr_list(self) -> list[A.Attr]:
        """After `@[` or `[`: attr, attr ]"""
        saved = self.pos_col
        self.pos_col = None
        attrs: list[A.Attr] = []
        try:
            while True:
                a = self.peek()
                scope = None
                erase = False
                if self.at("local") or self.at("scoped"):
                    scope = self.next().text
                if self.at("-"):
                    self.next()
                    erase = True
                n = self.peek()
                if n.kind not in (IDENT, KEYWORD):
                    raise self.unexpected("attribute")
                self.next()
                args: list[A.Term] = []
                while not self.at(",") and not self.at("]") and not self.at_eof():
                    if self.can_start_arg(self.peek()):
                        args.append(self.parse_arg())
                    elif self.at("←") or self.at("<-") or self.at("↓"):
                        tk = self.next()
                        args.append(A.Ident(tk.span(), tk.text))
                    else:
                        raise self.unexpected("']'")
                attrs.append(A.Attr(self.span_from(a), n.text, tuple(args), scope, erase))
                if not self.accept(","):
                    break
            self.expect("]", "',' or ']'")
        finally:
            self.pos_col = saved
        return attrs

    # -- declarations ----------------------------------------------------------------------------
    def _decl_id(self) -> tuple[A.Ident, tuple[str, ...]]:
        n = self.expect_ident()
        univs: list[str] = []
        if self.at(".{") and not self.peek().ws_before:
            self.next()
            univs.append(self.expect_ident().value)  # type: ignore[arg-type]
            while self.accept(","):
                univs.append(self.expect_ident().value)  # type: ignore[arg-type]
            self.expect("}")
        return A.Ident(self.span_from(n), n.value), tuple(univs)  # type: ignore[arg-type]

    def _decl(self, start: Token, mods: A.Modifiers, attr_kind: str | None) -> A.Command:
        kw = self.next()
        kind = kw.text
        name: A.Ident | None = None
        univs: tuple[str, ...] = ()
        priority = None
        if kind == "instance":
            if self.at("(") and self.peek(1).text == "priority" and self.at(":=", 2):
                self.next(); self.next(); self.next()
                priority = self.parse_term_nopos()
                self.expect(")")
            if self.peek().kind == IDENT:
                name, univs = self._decl_id()
        elif kind != "example":
            name, univs = self._decl_id()
        binders = self.parse_sig_binders()
        ty = None
        if self.accept(":"):
            ty = self.parse_term()
        value: A.DeclValue | None = None
        v0 = self.peek()
        if self.at(":="):
            self.next()
            term = self.parse_term()
            value = A.ValSimple(self.span_from(v0), term)
        elif self.at("|"):
            alts = self.parse_match_alts(lambda: self.parse_term())
            value = A.ValEqns(self.span_from(v0), tuple(alts))
        elif self.at("where") and kind in ("instance", "def", "abbrev", "theorem", "example"):
            self.next()
            fields, _ = self.parse_struct_fields(())
            value = A.ValStructInst(self.span_from(v0), tuple(fields))
        elif kind not in ("axiom", "opaque", "instance"):
            raise self.unexpected("':=', 'where' or '|'")
        termination = self._termination()
        if isinstance(value, (A.ValSimple, A.ValEqns)) and self.at("where"):
            self.next()
            wh = self._where_decls()
            if isinstance(value, A.ValSimple):
                value = A.ValSimple(value.span, value.term, tuple(wh))
            else:
                value = A.ValEqns(value.span, value.alts, tuple(wh))
            termination = termination or self._termination()
        deriving = self._deriving()
        return A.Decl(self.span_from(start), mods, kind, name, univs, tuple(binders), ty, value,
                      termination, deriving, priority, attr_kind, kw.span())

    def _where_decls(self) -> list[A.LetDecl]:
        out: list[A.LetDecl] = []
        col = self.peek().col
        saved = self.pos_col
        try:
            while self.peek().kind == IDENT and (not out or (self.peek().first and self.peek().col == col)):
                self.pos_col = col
                d = self.parse_let_decl()
                term = self._termination()
                out.append(replace(d, termination=term) if term is not None else d)
        finally:
            self.pos_col = saved
        return out

    def _termination(self) -> A.Termination | None:
        tb = db = None
        start = self.peek()
        while True:
            t = self.peek()
            if self.at("termination_by"):
                self.next()
                structural = False
                if self.peek().kind == IDENT and self.peek().text == "structural":
                    self.next()
                    structural = True
                vars_: list[A.Term] = []
                # `x y =>` variables
                j = 0
                while self._is_binder_name(self.peek(j)):
                    j += 1
                if j and self.at("=>", j):
                    for _ in range(j):
                        vars_.append(self._binder_name())
                    self.next()
                term = self.parse_term()
                tb = A.TerminationBy(self.span_from(t), structural, tuple(vars_), term)
            elif self.at("decreasing_by"):
                self.next()
                db = self.parse_tactic_seq()
            else:
                break
        if tb is None and db is None:
            return None
        return A.Termination(self.span_from(start), tb, db)

    def _deriving(self) -> tuple[A.Ident, ...]:
        if not self.at("deriving"):
            return ()
        self.next()
        out = [self._ident_node()]
        while self.accept(","):
            out.append(self._ident_node())
        return tuple(out)

    def _inductive(self, start: Token, mods: A.Modifiers, is_class: bool = False) -> A.Command:
        self.next()  # inductive
        name, univs = self._decl_id()
        binders = self.parse_sig_binders()
        ty = self.parse_term() if self.accept(":") else None
        self.accept("where")
        ctors: list[A.Ctor] = []
        while True:
            c0 = self.peek()
            if c0.kind == DOC and self.at("|", 1):
                self.next()
            if not self.at("|"):
                break
            self.next()
            cmods, _ = self._modifiers()
            cname = self._ident_node()
            saved = self.pos_col
            self.pos_col = None if not c0.first else c0.col
            try:
                cbinders = self.parse_sig_binders()
                cty = self.parse_term() if self.accept(":") else None
            finally:
                self.pos_col = saved
            ctors.append(A.Ctor(self.span_from(c0), cmods, cname, tuple(cbinders), cty))
        deriving = self._deriving()
        return A.Inductive(self.span_from(start), mods, name, univs, tuple(binders), ty,
                           tuple(ctors), deriving, is_class)

    def _structure(self, start: Token, mods: A.Modifiers) -> A.Command:
        kind = self.next().text
        name, univs = self._decl_id()
        binders = self.parse_sig_binders()
        extends: list[A.Term] = []
        if self.accept("extends"):
            extends.append(self.parse_term())
            while self.accept(","):
                extends.append(self.parse_term())
        ty = self.parse_term() if self.accept(":") else None
        ctor = None
        fields: list[A.StructFieldDecl] = []
        if self.accept("where") or self.accept(":="):
            # optional constructor `mk ::`
            j = 0
            while self.peek(j).kind == KEYWORD and self.peek(j).text in MODIFIER_KWS:
                j += 1
            if self.peek(j).kind == IDENT and self.at("::", j + 1):
                self._modifiers()
                ctor = self._ident_node()
                self.next()
            col = None
            saved = self.pos_col
            try:
                while True:
                    f = self.peek()
                    if f.kind == EOF or self.at("deriving"):
                        break
                    if col is None:
                        col = f.col
                    elif f.first and f.col != col:
                        break
                    if not (f.kind in (IDENT, DOC) or self.at_bracket_binder()
                            or (f.kind == KEYWORD and f.text in MODIFIER_KWS)):
                        break
                    self.pos_col = col
                    fields.append(self._struct_field_decl())
            finally:
                self.pos_col = saved
        deriving = self._deriving()
        return A.Structure(self.span_from(start), mods, kind, name, univs, tuple(binders),
                           tuple(extends), ty, ctor, tuple(fields), deriving)

    def _struct_field_decl(self) -> A.StructFieldDecl:
        start = self.peek()
        fmods, _ = self._modifiers()
        if self.at_bracket_binder():
            b = self.parse_bracket_binder()
            names = tuple(n for n in b.names if isinstance(n, A.Ident))
            return A.StructFieldDecl(self.span_from(start), fmods, b.kind, names, (), b.type,
                                     b.default)
        names = [self._ident_node()]
        while self.peek().kind == IDENT and self.col_ok(self.peek()):
            names.append(self._ident_node())
        binders = self.parse_bracket_binders()
        ty = self.parse_term() if self.accept(":") else None
        default = None
        if self.accept(":="):
            default = self.parse_term()
        elif self.at("|"):
            alts = self.parse_match_alts(lambda: self.parse_term())
            default = A.LamAlts(self.span_from(start), tuple(alts))
        return A.StructFieldDecl(self.span_from(start), fmods, "explicit", tuple(names),
                                 tuple(binders), ty, default)

    # -- other commands ----------------------------------------------------------------------
    def _open(self, start: Token) -> A.Command:
        self.next()  # open
        scoped = False
        if self.at("scoped"):
            self.next()
            scoped = True
        names = [self.expect_ident().value]
        if self.at("("):
            self.next()
            only = []
            while self.peek().kind == IDENT:
                only.append(self.next().value)
            self.expect(")")
            return A.Open(self.span_from(start), tuple(names), only=tuple(only))  # type: ignore[arg-type]
        if self.peek().kind == IDENT and self.peek().text == "hiding":
            self.next()
            hid = []
            while self.peek().kind == IDENT and self.col_ok(self.peek()):
                hid.append(self.next().value)
            return A.Open(self.span_from(start), tuple(names), hiding=tuple(hid))  # type: ignore[arg-type]
        if self.peek().kind == IDENT and self.peek().text == "renaming":
            self.next()
            ren = []
            while True:
                a = self.expect_ident().value
                if not (self.accept("→") or self.accept("->")):
                    raise self.unexpected("'→'")
                b = self.expect_ident().value
                ren.append((a, b))
                if not self.accept(","):
                    break
            return A.Open(self.span_from(start), tuple(names), renaming=tuple(ren))  # type: ignore[arg-type]
        while self.peek().kind == IDENT and self.col_ok(self.peek()):
            names.append(self.next().value)
        return A.Open(self.span_from(start), tuple(names), scoped=scoped)  # type: ignore[arg-type]

    def _option_name(self) -> str:
        t = self.next()
        if t.kind not in (IDENT, KEYWORD):
            self.i -= 1
            raise self.unexpected("identifier")
        name = t.text
        # names like `trace.Meta.synthInstance` may contain keyword components
        while self.peek().kind in (IDENT, "field", "dotident") and not self.peek().ws_before:
            name += self.next().text
        return name

    def _option_value(self) -> A.Term:
        t = self.peek()
        if t.kind in (NUM, STR) or t.kind == IDENT:
            return self.parse_arg()
        raise self.unexpected("option value")

    def _hash_command(self, start: Token, mods: A.Modifiers) -> A.Command:
        t = self.next()
        name = t.text
        if name == "#guard_msgs":
            spec = None
            if self.at("("):
                self.next()
                close = self.match_of(self.i - 1)
                if close < 0:
                    raise self.unexpected("')'")
                spec = " ".join(tk.text for tk in self.toks[self.i:close])
                self.i = close + 1
            self.expect("in")
            body = self.parse_command()
            return A.GuardMsgs(self.span_from(start), mods.doc, spec, body, t.span())
        if name == "#print":
            n = self.peek()
            if n.kind == STR:
                self.next()
                return A.HashCommand(self.span_from(start), name, A.StrLit(n.span(), n.value))  # type: ignore[arg-type]
            if n.text == "axioms" and n.kind in (IDENT, KEYWORD):
                self.next()
                name = "#print axioms"
            n = self.peek()
            if n.kind == IDENT:
                self.next()
                return A.HashCommand(self.span_from(start), name, A.Ident(n.span(), n.value))  # type: ignore[arg-type]
            if n.kind == KEYWORD:  # #print prefix / #print Nat-like keywords
                self.next()
                return A.HashCommand(self.span_from(start), name, A.Ident(n.span(), n.text))
            raise self.unexpected("identifier or string literal")
        if name == "#exit":
            return A.HashCommand(self.span_from(start), name, None)
        arg = self.parse_term()
        return A.HashCommand(self.span_from(start), name, arg)

    # -- notation ------------------------------------------------------------------------------
    def _prec(self) -> int:
        t = self.peek()
        if t.kind == NUM:
            self.next()
            val = t.value  # type: ignore[assignment]
        elif t.kind == IDENT and t.text in PREC_NAMES:
            self.next()
            val = PREC_NAMES[t.text]
        elif self.at("("):
            self.next()
            val = self._prec()
            self.expect(")")
            return val
        else:
            raise self.unexpected("precedence")
        while self.at("+") or self.at("-"):
            op = self.next().text
            n = self.peek()
            if n.kind != NUM:
                raise self.unexpected("numeral")
            self.next()
            val = val + n.value if op == "+" else val - n.value  # type: ignore[operator]
        return val  # type: ignore[return-value]

    def _notation(self, start: Token, mods: A.Modifiers, attr_kind: str | None) -> A.Command:
        kind = self.next().text
        prec = None
        if self.at(":") and not self.peek().ws_before:
            self.next()
            prec = self._prec()
        name = None
        priority = None
        while self.at("(") and self.peek(1).kind == IDENT and self.at(":=", 2):
            self.next()
            key = self.next().text
            self.next()
            if key == "name":
                name = self.expect_ident().value
            elif key == "priority":
                pt = self.peek()
                if pt.kind == NUM:
                    priority = self.next().value
                else:
                    self.next()
            else:
                self.parse_term_nopos()
            self.expect(")")
        items: list[A.NotationItem] = []
        while not self.at("=>"):
            it = self.peek()
            if it.kind == STR:
                self.next()
                atom = str(it.value).strip()
                if not atom:
                    raise self.error_at(it, "invalid atom")
                items.append(A.NotationItem(it.span(), atom, None, None))
            elif it.kind == IDENT:
                self.next()
                p = None
                if self.at(":") and not self.peek().ws_before:
                    self.next()
                    p = self._prec()
                items.append(A.NotationItem(self.span_from(it), None, it.value, p))  # type: ignore[arg-type]
            else:
                raise self.unexpected("'=>'" if items else "string literal")
        self.next()  # =>
        rhs = self.parse_term()
        if kind != "notation" and (len(items) != 1 or items[0].atom is None):
            raise self.error_at(start, f"{kind} expects exactly one string atom")
        decl = A.Notation(self.span_from(start), mods, kind, prec, name, priority,  # type: ignore[arg-type]
                          tuple(items), rhs, attr_kind)
        self._register_notation(decl)
        return decl

    def _register_notation(self, decl: A.Notation) -> None:
        ctx = self.ctx
        ops = ctx.ops
        for it in decl.items:
            if it.atom is not None:
                ctx.add_token(it.atom)
        p = decl.prec
        items = decl.items
        if decl.kind in ("infix", "infixl", "infixr"):
            sym = items[0].atom
            assert sym is not None
            q = p if p is not None else 0
            lhs, rhs = {"infixl": (q, q + 1), "infixr": (q + 1, q), "infix": (q + 1, q + 1)}[decl.kind]
            ops.infix[sym] = Infix(sym, q, lhs, rhs, "<notation>", decl)
            return
        if decl.kind == "prefix":
            sym = items[0].atom
            assert sym is not None
            q = p if p is not None else 0
            ops.prefix[sym] = Prefix(sym, q, q, "<notation>", decl)
            return
        if decl.kind == "postfix":
            sym = items[0].atom
            assert sym is not None
            q = p if p is not None else 0
            ops.postfix[sym] = (q, q, "<notation>", decl)
            return
        # general mixfix
        if len(items) == 3 and items[0].var and items[1].atom and items[2].var:
            q = p if p is not None else 0
            ops.infix[items[1].atom] = Infix(items[1].atom, q, items[0].prec or 0,
                                             items[2].prec or 0, "<notation>", decl)
            return
        if items[0].atom is not None:
            ops.leading_notations.setdefault(items[0].atom, []).append(decl)
        elif len(items) > 1 and items[1].atom is not None:
            ops.trailing_notations.setdefault(items[1].atom, []).append(decl)


def _is_keyword_atom(text: str) -> bool:
    """A tactic keyword a user may declare: an identifier-like word (symbols would need new tokens)."""
    return text.replace("_", "a").replace("'", "a").isalnum() and not text[0].isdigit()
