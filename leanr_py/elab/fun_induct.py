"""Functional induction and case principles (`f.induct`, `f.fun_cases`), derived on demand, as Lean does.

For a definition by pattern equations whose patterns do not overlap and whose right-hand sides are plain
terms (applications, operators, literals: no `if`, `match`, `fun`, `let`), the principle is stated and
proved as a theorem by the same equations, so the kernel checks it like any other declaration:

    def ack : Nat → Nat → Nat                 theorem ack.induct (motive : Nat → Nat → Prop)
      | 0,   y   => y+1                         (case1 : ∀ y, motive 0 y)
      | x+1, 0   => ack x 1                     (case2 : ∀ x, motive x 1 → motive (x+1) 0)
      | x+1, y+1 => ack x (ack (x+1) y)         (case3 : ∀ x y, motive (x+1) y → motive x (ack (x+1) y)
                                                          → motive (x+1) (y+1)) :
                                                ∀ a b, motive a b
                                              | 0, y => case1 y
                                              | x+1, 0 => case2 x (ack.induct motive … x 1)
                                              | …

One case per alternative, named `case1`, `case2`, … as in Lean; one hypothesis per recursive call, inner
calls first (Lean's order). `f.fun_cases` is the same without the hypotheses and the recursion. The proof
recurses as `f` does (structurally or well-founded, with `f`'s `termination_by`/`decreasing_by`).

Not derived (a clear "not supported yet"): overlapping patterns (Lean adds hypotheses that rule out the
earlier alternatives), control flow in a right-hand side (Lean splits cases there), parameters before the
colon, and definitions not made by pattern equations. The equations are kept in the elaborator state, so they
travel with session snapshots and REPL environments.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..kernel.declaration import ConstructorInfo
from ..kernel.name import Name
from ..syntax import ast as A
from .errors import ElabError

__all__ = ["Equations", "record", "principle"]

INDUCT, CASES = "induct", "fun_cases"
_CONTROL = (A.If, A.Match, A.Lam, A.LamAlts, A.Let, A.Have, A.Do, A.By, A.Pi, A.BinderNotation)


@dataclass(frozen=True)
class Equations:
    """A definition by pattern equations as written, with the scope it was written in."""
    cmd: A.Decl
    scope: Any


def record(ce: Any, name: Name, cmd: A.Decl) -> None:
    if isinstance(cmd.value, A.ValEqns) and cmd.kind in ("def", "theorem", "abbrev"):
        ce.fun_equations[name] = Equations(cmd, ce.scope)


def _unsupported(f: Name, why: str, span: Any) -> ElabError:
    return ElabError(f"the functional induction principle of `{f}` ({why}) is not supported yet", span)


def principle(ce: Any, f: Name, kind: str, span: Any) -> Name:
    """The name of `f.induct` (or `f.fun_cases`), declared now if it is not yet."""
    target = f.append(kind)
    if ce.env.find(target) is not None:
        return target
    eqs = ce.fun_equations.get(f)
    if eqs is None:
        raise _unsupported(f, "its equations are not at hand here", span)
    saved_scopes, start = ce.scopes, len(ce.messages)
    ce.scopes = [eqs.scope]
    try:
        te, _ = ce._term_elab(eqs.scope.namespace, tuple(eqs.cmd.univs))  # noqa: SLF001
        thm = _Builder(te, f, eqs.cmd, kind, span).theorem()
        try:
            ce._decl(thm)  # noqa: SLF001
        except ElabError as exc:
            raise _unsupported(f, f"its proof by the equations failed: {exc.message.splitlines()[0]}", span) \
                from None
    finally:
        ce.scopes = saved_scopes
        logged = ce.messages[start:]
        del ce.messages[start:]
    errors = [d for d in logged if d.severity == "error"]
    if errors or ce.env.find(target) is None:
        reason = errors[0].message.splitlines()[0] if errors else "it was not declared"
        raise _unsupported(f, f"its proof by the equations failed: {reason}", span)
    return target


# ---------------------------------------------------------------------- the statement and its proof

class _Builder:
    def __init__(self, te: Any, f: Name, cmd: A.Decl, kind: str, span: Any) -> None:
        self.te, self.f, self.cmd, self.kind, self.span = te, f, cmd, kind, span
        self.sp = cmd.span
        self.fresh = 0

    def fail(self, why: str) -> ElabError:
        return _unsupported(self.f, why, self.span)

    def ident(self, s: str) -> A.Ident:
        return A.Ident(self.sp, s)

    def app(self, fn: A.Term, args: list[A.Term]) -> A.Term:
        return A.App(self.sp, fn, tuple(args)) if args else fn

    def theorem(self) -> A.Decl:
        cmd = self.cmd
        if cmd.binders:
            raise self.fail("parameters before the colon")
        value = cmd.value
        assert isinstance(value, A.ValEqns)
        if value.where:
            raise self.fail("`where` declarations")
        args = self.arguments(cmd.type)
        n = len(args)
        alts = []
        for alt in value.alts:
            if len(alt.patterns) != 1 or len(alt.patterns[0]) != n:
                raise self.fail("alternatives sharing a right-hand side")
            alts.append((alt.patterns[0], alt.rhs))
        shapes = [[self.shape(p) for p in pats] for pats, _ in alts]
        for i in range(len(shapes)):
            for j in range(i):
                if not any(_disjoint(a, b) for a, b in zip(shapes[j], shapes[i])):
                    raise self.fail("overlapping patterns")
        own = str(cmd.name.name) if cmd.name is not None else str(self.f)
        rec_name = f"{own}.{self.kind}"
        cases = [f"case{i + 1}" for i in range(len(alts))]
        taken = {"motive", *cases}
        binders = [A.Binder(self.sp, "explicit", (self.ident("motive"),), self.pi(args, A.Sort(self.sp, "Prop", None)))]
        eq_alts = []
        for (pats, rhs), case in zip(alts, cases):
            pats, pvars = self.name_wildcards(pats)
            if taken & set(pvars):
                raise self.fail("a pattern variable named `motive` or `caseN`")
            calls = self.recursive_calls(rhs, n, set(pvars)) if self.kind == INDUCT else []
            concl: A.Term = self.app(self.ident("motive"), list(pats))
            for call in reversed(calls):
                concl = A.Arrow(self.sp, self.app(self.ident("motive"), call), concl)
            if pvars:
                concl = A.Pi(self.sp, (A.Binder(self.sp, "simple", tuple(self.ident(v) for v in pvars), None),), concl)
            binders.append(A.Binder(self.sp, "explicit", (self.ident(case),), concl))
            proof_args: list[A.Term] = [self.ident(v) for v in pvars]
            for call in calls:
                proof_args.append(self.app(self.ident(rec_name), [self.ident("motive")]
                                           + [self.ident(c) for c in cases] + call))
            eq_alts.append(A.MatchAlt(self.sp, (tuple(pats),), self.app(self.ident(case), proof_args)))
        conclusion = self.pi(args, self.app(self.ident("motive"), [self.ident(x) for x, _ in args]))
        mods = A.Modifiers(self.sp, None, (), None, False, False, False)
        return A.Decl(self.sp, mods, "theorem", self.ident(rec_name), cmd.univs, tuple(binders), conclusion,
                      A.ValEqns(self.sp, tuple(eq_alts)), cmd.termination if self.kind == INDUCT else None)

    # -- the arguments the equations match on: `A → B → C` or `(x : A) → …`, explicit only
    def arguments(self, t: A.Term | None) -> list[tuple[str, A.Term]]:
        out: list[tuple[str, A.Term]] = []
        n_pats = len(self.cmd.value.alts[0].patterns[0]) if self.cmd.value.alts else 0  # type: ignore[union-attr]
        while t is not None and len(out) < n_pats:
            while isinstance(t, A.Paren):
                t = t.term
            if isinstance(t, A.Arrow):
                self.fresh += 1
                out.append((f"x✝{self.fresh}", t.dom))
                t = t.cod
            elif isinstance(t, A.Pi):
                for b in t.binders:
                    if b.kind != "explicit" or b.type is None or b.default is not None or b.pred is not None:
                        raise self.fail("implicit or instance arguments after the colon")
                    for x in b.names:
                        if not isinstance(x, A.Ident):
                            raise self.fail("anonymous arguments")
                        out.append((x.name, b.type))
                t = t.body
            else:
                break
        if len(out) != n_pats:
            raise self.fail("a type that does not show the arguments the equations match on")
        return out

    def pi(self, args: list[tuple[str, A.Term]], body: A.Term) -> A.Term:
        bs = tuple(A.Binder(self.sp, "explicit", (self.ident(x),), t) for x, t in args)
        return A.Pi(self.sp, bs, body)

    # -- patterns
    def is_ctor(self, ident: A.Ident) -> Name | None:
        try:
            n = self.te.resolve_global(Name.of(ident.name), ident.span)
        except ElabError:
            return None
        return n if n is not None and isinstance(self.te.env.find(n), ConstructorInfo) else None

    def shape(self, p: Any) -> tuple:
        while isinstance(p, A.Paren):
            p = p.term
        if isinstance(p, A.Hole):
            return ("var",)
        if isinstance(p, A.Ident):
            c = self.is_ctor(p)
            return self.ctor_shape(c, []) if c is not None else ("var",)
        if isinstance(p, A.NumLit):
            return ("lit", p.value)
        if isinstance(p, (A.StrLit, A.CharLit)):
            return ("lit", p.value)
        if isinstance(p, A.DotIdent):
            return ("ctor", p.name.split(".")[-1], ())
        if isinstance(p, A.App) and isinstance(p.fn, (A.Ident, A.DotIdent)):
            c = self.is_ctor(p.fn) if isinstance(p.fn, A.Ident) else Name.of(p.fn.name)
            if c is not None and not any(isinstance(a, (A.NamedArg, A.EllipsisArg)) for a in p.args):
                return self.ctor_shape(c, [self.shape(a) for a in p.args])
        if isinstance(p, A.BinOp) and p.op == "+" and isinstance(p.rhs, A.NumLit):
            return ("succ", p.rhs.value, self.shape(p.lhs))
        if isinstance(p, A.BinOp) and p.op == "::":
            return ("ctor", "cons", (self.shape(p.lhs), self.shape(p.rhs)))
        if isinstance(p, A.ListLit):  # `[a, b]` is `a :: b :: []`
            out: tuple = ("ctor", "nil", ())
            for x in reversed(p.elems):
                out = ("ctor", "cons", (self.shape(x), out))
            return out
        if isinstance(p, (A.Tuple, A.AnonCtor)):  # one constructor: never disjoint by itself
            return ("ctor", "⟨⟩", tuple(self.shape(x) for x in p.elems))
        return ("other",)

    @staticmethod
    def ctor_shape(c: Name, args: list[tuple]) -> tuple:
        if str(c) == "Nat.zero" and not args:
            return ("lit", 0)
        if str(c) == "Nat.succ" and len(args) == 1:
            return ("succ", 1, args[0])
        return ("ctor", str(c.last), tuple(args))  # type: ignore[attr-defined]

    def name_wildcards(self, pats: tuple) -> tuple[list[A.Term], list[str]]:
        """The patterns with each `_` named (the case binds it), and their variables left to right."""
        names: list[str] = []

        def walk(p: Any) -> Any:
            if isinstance(p, A.Hole):
                self.fresh += 1
                v = f"x✝{self.fresh}"
                names.append(v)
                return A.Ident(p.span, v)
            if isinstance(p, A.Ident):
                if self.is_ctor(p) is None:
                    if p.name in names:
                        raise self.fail("a variable repeated in a pattern")
                    names.append(p.name)
                return p
            if isinstance(p, A.Paren):
                return A.Paren(p.span, walk(p.term))
            if isinstance(p, A.App):
                return A.App(p.span, p.fn, tuple(walk(a) for a in p.args))
            if isinstance(p, A.BinOp):
                return A.BinOp(p.span, p.op, walk(p.lhs), walk(p.rhs))
            if isinstance(p, (A.ListLit, A.Tuple, A.AnonCtor)):
                return type(p)(p.span, tuple(walk(x) for x in p.elems))
            if isinstance(p, (A.NumLit, A.StrLit, A.CharLit, A.DotIdent)):
                return p
            raise self.fail("this kind of pattern")

        return [walk(p) for p in pats], names

    # -- right-hand sides
    def recursive_calls(self, rhs: Any, n: int, pvars: set[str]) -> list[list[A.Term]]:
        """The arguments of each recursive call of `rhs`, inner calls first."""
        out: list[list[A.Term]] = []

        def is_self(t: Any) -> bool:
            if not isinstance(t, A.Ident) or t.name in pvars:
                return False
            try:
                return self.te.resolve_global(Name.of(t.name), t.span) is self.f
            except ElabError:
                return False

        def walk(t: Any) -> None:
            if isinstance(t, (tuple, list)):
                for c in t:
                    walk(c)
                return
            if isinstance(t, _CONTROL):
                raise self.fail("control flow in a right-hand side")
            if isinstance(t, A.App) and is_self(t.fn):
                if len(t.args) != n or any(isinstance(a, (A.NamedArg, A.EllipsisArg)) for a in t.args):
                    raise self.fail("a recursive call that is not applied to all its arguments")
                for a in t.args:
                    walk(a)
                out.append(list(t.args))  # type: ignore[arg-type]
                return
            if is_self(t):
                raise self.fail("a recursive call that is not applied to all its arguments")
            if isinstance(t, A.Node):
                from .match import syntax_children
                for c in syntax_children(t):
                    walk(c)

        walk(rhs)
        return out


def _disjoint(a: tuple, b: tuple) -> bool:
    """Can no value match both patterns? (False when unsure.)"""
    ka, kb = a[0], b[0]
    if "var" in (ka, kb) or "other" in (ka, kb):
        return False
    if ka == "lit" and kb == "lit":
        return a[1] != b[1]
    if ka == "lit" and kb == "succ":
        return a[1] < b[1] if isinstance(a[1], int) else False
    if ka == "succ" and kb == "lit":
        return _disjoint(b, a)
    if ka == "succ" and kb == "succ":
        return False
    if ka == "ctor" and kb == "ctor":
        if a[1] != b[1]:
            return True
        return len(a[2]) == len(b[2]) and any(_disjoint(x, y) for x, y in zip(a[2], b[2]))
    return False
