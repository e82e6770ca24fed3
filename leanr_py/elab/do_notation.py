"""`do` notation, as Lean's `Lean.Elab.Do`: the block is translated into ordinary syntax over `Bind.bind` and
`Pure.pure` in the monad `m` of the expected type `m α`, and that term is elaborated against `m α`.

- The monad: the expected type `m α` with a `Bind m` instance, unfolding the type until one is found
  (`extractBind`); an unknown expected type gives a fresh `?m ?α` that the actions then fix.
- `e` not last: `Bind.bind (e : m PUnit) fun (_ : PUnit) => rest`; `let x ← e`: `Bind.bind e fun x => rest`;
  `let x := e`, `have`: a `let`/`have` around the rest; `return e`: `Pure.pure e` (what follows is dropped).
- `let mut x` and reassignment (`x := e`, `x ← e`): a new `x` of the same type shadows the old one. An
  `if`/`unless`/`match` that is not last gets Lean's join point: `let __do_jp (x…) (_ : PUnit) := rest` and
  every branch ends by calling it with the variables it may have reassigned (a `return` in a branch leaves
  the block instead). `for x in xs do` is `ForIn.forIn xs s (fun x s => body)` with the reassigned variables
  as its state `s`; `break`/`continue` are `ForInStep.done`/`yield`.
- `(← e)`: lifted to a `let __do_lift ← e` just before the element that contains it.
Not supported yet (declined): `return` inside `for`, a branch that declares again a variable it reassigns
for the rest of the block, `try`/`catch`, `while`/`repeat`."""
from __future__ import annotations

import dataclasses
from typing import Any

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.expr import APP, Expr
from ..kernel.name import Name
from ..syntax import ast as A
from .errors import ElabError
from .instances import synth_instance
from .sugar import _Elaborated
from .term import _DISPATCH, TermElaborator, _ConstApp

__all__: list[str] = []

_JOIN_POINT = "__do_jp"


def _not_a_monad(te: TermElaborator, t: Expr, span: Any) -> ElabError:
    return ElabError("invalid `do` notation, expected type is not a monad application"
                     f"\n  {te.pp(t)}\nYou can use the `do` notation in pure code by writing `Id.run do` "
                     "instead of `do`, where `Id` is the identity monad.", span)


def _unknown_monad(te: TermElaborator) -> tuple[Expr, Expr]:
    """Lean's `mkUnknownMonadResult`: `?m : Type ?u → Type ?v` and `?α : Type ?u`."""
    meta = te.meta
    u, v = meta.new_level_mvar(), meta.new_level_mvar()
    m = meta.new_mvar(E.mk_arrow(E.mk_sort(L.succ(u)), E.mk_sort(L.succ(v))))
    return m, meta.new_mvar(E.mk_sort(L.succ(u)))


def _has_bind(te: TermElaborator, m: Expr) -> bool:
    meta = te.meta
    st = meta.save()
    try:
        ty = te.mk_app_m("Bind", [m], None)
        ok = synth_instance(meta, ty, te.table) is not None
    except ElabError:
        ok = False
    meta.restore(st)
    return ok


def _extract_monad(te: TermElaborator, expected: Expr | None, span: Any) -> tuple[Expr, Expr]:
    """The monad `m` and the result type `α` of the block (Lean's `extractBind`)."""
    meta = te.meta
    if expected is None:
        return _unknown_monad(te)
    t = meta.instantiate_mvars(expected)
    if E.get_app_fn(t).kind == E.MVAR:
        m, a = _unknown_monad(te)
        meta.is_def_eq(t, E.mk_app(m, a))
        return m, a
    while True:
        if t.kind == APP and _has_bind(te, t.fn):  # type: ignore[attr-defined]
            return t.fn, t.arg  # type: ignore[attr-defined]
        w = meta.whnf_core(t)
        if w is not t and w != t:
            t = w
            continue
        if E.get_app_fn(t).kind == E.MVAR:
            return _unknown_monad(te)
        u = meta._run(meta.checker.unfold_definition, t)  # noqa: SLF001
        if u is None:
            raise _not_a_monad(te, meta.instantiate_mvars(expected), span)
        t = u


# ------------------------------------------------------------------------------------------------ analysis

def _pattern_names(p: Any, out: list[str]) -> None:
    """The variables a pattern binds (identifiers that are not constructors are assumed variables)."""
    out.extend(v.name for v in _pattern_vars(p))


def _pattern_vars(p: Any) -> list[A.Ident]:
    """The identifiers of the variables a pattern binds, in order."""
    out: list[A.Ident] = []
    todo = [p]
    while todo:
        n = todo.pop()
        if isinstance(n, tuple):
            todo.extend(reversed(n))
        elif isinstance(n, A.Ident):
            if "." not in n.name:
                out.append(n)
        elif isinstance(n, A.App):
            todo.extend(reversed(n.args))   # `C a b`: the arguments
        elif isinstance(n, A.Node):
            for f in dataclasses.fields(n):
                if f.name != "span":
                    todo.append(getattr(n, f.name))
    return out


def _walk_elems(seq: A.DoSeq) -> list[A.DoElem]:
    """Every element of `seq` and of the sequences nested in its elements (not inside nested `do` terms)."""
    out: list[A.DoElem] = []
    todo: list[A.DoElem] = list(reversed(seq.elems))
    while todo:
        el = todo.pop()
        out.append(el)
        for sub in _subseqs(el):
            todo.extend(reversed(sub.elems))
    return out


def _subseqs(el: A.DoElem) -> list[A.DoSeq]:
    if isinstance(el, A.DoIf):
        return [el.then] + ([el.else_] if el.else_ is not None else [])
    if isinstance(el, (A.DoUnless, A.DoFor)):
        return [el.body]
    if isinstance(el, A.DoMatch):
        return [a.rhs for a in el.alts if isinstance(a.rhs, A.DoSeq)]
    return []


def _reassigned(seqs: list[A.DoSeq]) -> tuple[set[str], set[str]]:
    """The variables reassigned in `seqs`, and the names they declare again (`let`, patterns)."""
    assigned: set[str] = set()
    declared: list[str] = []
    for seq in seqs:
        for el in _walk_elems(seq):
            if isinstance(el, A.DoReassign) or (isinstance(el, A.DoBind) and el.let_kind == ""):
                names: list[str] = []
                _pattern_names(el.pattern, names)
                assigned.update(names)
            elif isinstance(el, A.DoBind):
                _pattern_names(el.pattern, declared)
            elif isinstance(el, A.DoLet) and el.decl.pattern is not None:
                _pattern_names(el.decl.pattern, declared)
            elif isinstance(el, A.DoFor):
                _pattern_names(el.pattern, declared)
            elif isinstance(el, A.DoMatch):
                for alt in el.alts:
                    _pattern_names(alt.patterns, declared)
            elif isinstance(el, A.DoIf) and el.hyp is not None:
                declared.append(el.hyp.name)
    return assigned, set(declared)


def _is_jump(el: A.DoElem, word: str) -> bool:
    return isinstance(el, A.DoExpr) and isinstance(el.term, A.Ident) and el.term.name == word


# ------------------------------------------------------------------------------------------------ nested actions

_BINDERS = (A.Lam, A.LamAlts, A.Let, A.Have, A.Match, A.Pi, A.BinderNotation)


class _Lifter:
    """Replaces each `(← e)` of a term by a fresh variable, collecting `let x ← e` before the element."""

    def __init__(self, owner: "_DoBlock") -> None:
        self.owner = owner
        self.binds: list[A.DoElem] = []

    def lift(self, node: Any, under_binder: bool = False) -> Any:
        if isinstance(node, tuple):
            return tuple(self.lift(x, under_binder) for x in node)
        if not isinstance(node, A.Node) or isinstance(node, A.Do):
            return node
        if isinstance(node, A.DoNested):
            if under_binder:
                raise ElabError("cannot lift `(<- ...)` over a binder, this error usually happens when you are "
                                "trying to lift a method nested in a `fun`, `let`, or `match`-alternative, and "
                                "it can often be fixed by adding a missing `do`", node.span)
            inner = self.lift(node.term, under_binder)
            name = self.owner.fresh("__do_lift")
            self.binds.append(A.DoBind(node.span, "let", A.Ident(node.span, name), None, inner))
            return A.Ident(node.span, name)
        changes: dict[str, Any] = {}
        inside = under_binder or isinstance(node, _BINDERS)
        for f in dataclasses.fields(node):
            if f.name == "span":
                continue
            v = getattr(node, f.name)
            if isinstance(v, (A.Node, tuple)):
                nv = self.lift(v, inside)
                if nv is not v:
                    changes[f.name] = nv
        return dataclasses.replace(node, **changes) if changes else node


def _lift_elem(owner: "_DoBlock", el: A.DoElem) -> list[A.DoElem]:
    """`el` preceded by the binds of the nested actions in its terms (its sequences keep their own)."""
    lifter = _Lifter(owner)
    if isinstance(el, A.DoExpr):
        el = dataclasses.replace(el, term=lifter.lift(el.term))
    elif isinstance(el, A.DoLet):
        el = dataclasses.replace(el, decl=dataclasses.replace(el.decl, value=lifter.lift(el.decl.value)))
    elif isinstance(el, (A.DoBind, A.DoReassign)):
        el = dataclasses.replace(el, value=lifter.lift(el.value))
    elif isinstance(el, A.DoReturn):
        el = dataclasses.replace(el, value=lifter.lift(el.value))
    elif isinstance(el, (A.DoIf, A.DoUnless)):
        el = dataclasses.replace(el, cond=lifter.lift(el.cond))
    elif isinstance(el, A.DoFor):
        el = dataclasses.replace(el, coll=lifter.lift(el.coll))
    elif isinstance(el, A.DoMatch):
        el = dataclasses.replace(el, discrs=lifter.lift(el.discrs))
    return [*lifter.binds, el]


# ------------------------------------------------------------------------------------------------ translation

@dataclasses.dataclass(slots=True, frozen=True, eq=False, repr=False)
class _TypeOf(A.Term):
    """Internal syntax: the type of the local `name` (a reassigned variable keeps its type)."""

    name: str


def _e_type_of(te: TermElaborator, stx: _TypeOf, expected: Expr | None) -> Expr:
    x = te._find_local(Name.of(stx.name))  # noqa: SLF001
    if x is None:
        raise ElabError(f"Unknown identifier `{stx.name}`", stx.span)
    return te.meta.infer_type(x)


@dataclasses.dataclass(slots=True)
class _Loop:
    """The `for` body being translated: its state (the variables it reassigns)."""

    state: A.Term


class _DoBlock:
    def __init__(self, te: TermElaborator, m: Expr, result: Expr, span: Any) -> None:
        self.te = te
        self.m = m
        self.result = result     # `m α`, the type of the whole block
        self.span = span
        self.counter = 0

    def fresh(self, base: str) -> str:
        self.counter += 1
        return f"{base}_{self.counter}"

    def monad_of(self, t: A.Term, span: Any) -> A.Term:
        return A.App(span, _Elaborated(span, self.m), (t,))

    def pure(self, value: A.Term | None, span: Any) -> A.Term:
        return _ConstApp(span, "Pure.pure", (value if value is not None else A.Ident(span, "PUnit.unit"),))

    def bind(self, action: A.Term, pattern: A.Term, rest: A.Term, span: Any) -> A.Term:
        return _ConstApp(span, "Bind.bind", (action, A.Lam(span, (pattern,), rest)))

    # -- sequences --------------------------------------------------------------------------------
    def seq(self, elems: tuple[A.DoElem, ...] | list[A.DoElem], mut: tuple[str, ...], loop: _Loop | None,
            result: A.Term) -> A.Term:
        """The term for `elems` (the elements of one sequence), with the mutable variables `mut` in scope."""
        flat: list[A.DoElem] = []
        for el in elems:
            flat.extend(_lift_elem(self, el))
        # the mutable variables in scope before each element
        scopes: list[tuple[str, ...]] = []
        for el in flat:
            scopes.append(mut)
            names: list[str] = []
            if isinstance(el, A.DoLet) and el.decl.pattern is not None:
                names = self.check_not_shadowing(el.decl.pattern, mut)
            elif isinstance(el, A.DoBind) and el.let_kind:
                names = self.check_not_shadowing(el.pattern, mut)
            if names and "mut" in getattr(el, "kind", getattr(el, "let_kind", "")):
                mut = mut + tuple(names)
        # the first element that leaves the sequence (`return`, `break`, `continue`) ends it
        for i, el in enumerate(flat):
            if isinstance(el, A.DoReturn) or _is_jump(el, "break") or _is_jump(el, "continue"):
                flat, scopes = flat[:i + 1], scopes[:i + 1]
                break
        term = self.last(flat[-1], scopes[-1], loop, result)
        for el, sc in zip(reversed(flat[:-1]), reversed(scopes[:-1])):
            term = self.elem(el, sc, term, loop, result)
        return term

    def last(self, el: A.DoElem, mut: tuple[str, ...], loop: _Loop | None, result: A.Term) -> A.Term:
        span = el.span
        if isinstance(el, A.DoExpr):
            if loop is not None and _is_jump(el, "break"):
                return self.pure(_ConstApp(span, "ForInStep.done", (loop.state,)), span)
            if loop is not None and _is_jump(el, "continue"):
                return self.pure(_ConstApp(span, "ForInStep.yield", (loop.state,)), span)
            return el.term
        if isinstance(el, A.DoReturn):
            if loop is not None:
                raise ElabError("'return' inside a 'for' loop is not supported yet", span)
            return self.pure(el.value, span)
        if isinstance(el, A.DoIf):
            els = self.branch(el.else_, mut, loop, result) if el.else_ is not None else self.pure(None, span)
            return A.If(span, el.hyp, el.cond, self.branch(el.then, mut, loop, result), els)
        if isinstance(el, A.DoUnless):
            return A.If(span, None, el.cond, self.pure(None, span), self.branch(el.body, mut, loop, result))
        if isinstance(el, A.DoMatch):
            for a in el.alts:
                self.check_not_shadowing(a.patterns, mut)
            return A.Match(span, el.discrs, None, tuple(
                A.MatchAlt(a.span, a.patterns, self.branch(a.rhs, mut, loop, result)) for a in el.alts))
        if isinstance(el, A.DoFor):
            return self.elem(el, mut, self.pure(None, span), loop, result)
        raise ElabError("invalid `do` block, the last element must be an expression", span)

    def branch(self, seq: Any, mut: tuple[str, ...], loop: _Loop | None, result: A.Term,
               jump: A.Term | None = None) -> A.Term:
        elems = list(seq.elems) if isinstance(seq, A.DoSeq) else [A.DoExpr(seq.span, seq)]
        if jump is not None:
            elems.append(A.DoExpr(jump.span, jump))
        return self.seq(elems, mut, loop, result)

    def elem(self, el: A.DoElem, mut: tuple[str, ...], rest: A.Term, loop: _Loop | None, result: A.Term) -> A.Term:
        """The term for the element `el` followed by the term `rest`."""
        span = el.span
        if isinstance(el, A.DoLet):
            if el.kind == "have":
                return A.Have(span, el.decl, rest)
            return A.Let(span, el.decl, rest)
        if isinstance(el, A.DoBind):
            value = el.value
            if el.let_kind == "":
                self.check_mutable(el.pattern, mut)
                if isinstance(el.pattern, A.Ident):
                    value = A.Ascription(span, value, self.monad_of(_TypeOf(span, el.pattern.name), span))
            elif el.type is not None:
                value = A.Ascription(span, value, self.monad_of(el.type, span))
            return self.bind(value, el.pattern, rest, span)
        if isinstance(el, A.DoReassign):
            self.check_mutable(el.pattern, mut)
            ty = _TypeOf(span, el.pattern.name) if isinstance(el.pattern, A.Ident) else None
            return A.Let(span, A.LetDecl(span, el.pattern, (), ty, el.value), rest)
        if isinstance(el, A.DoExpr):
            action = A.Ascription(span, el.term, self.monad_of(A.Ident(span, "PUnit"), span))
            return self.bind(action, A.Hole(span), rest, span)
        if isinstance(el, (A.DoIf, A.DoUnless, A.DoMatch)):
            return self.join(el, mut, rest, loop, result)
        if isinstance(el, A.DoFor):
            return self.for_in(el, mut, rest, loop, result)
        return self.last(el, mut, loop, result)   # `return`, `break`, `continue`: the rest is dropped

    def check_not_shadowing(self, pattern: Any, mut: tuple[str, ...]) -> list[str]:
        """The names `pattern` declares; as in Lean, a declaration may not shadow a mutable variable."""
        names: list[str] = []
        for v in _pattern_vars(pattern):
            if v.name in mut:
                raise ElabError(f"mutable variable `{v.name}` cannot be shadowed", v.span)
            names.append(v.name)
        return names

    def check_mutable(self, pattern: A.Term, mut: tuple[str, ...]) -> None:
        names: list[str] = []
        _pattern_names(pattern, names)
        for n in names:
            if n not in mut:
                raise ElabError(f"`{n}` cannot be mutated, only variables declared using `let mut` can be "
                                f"mutated. If you did not intend to mutate but define `{n}`, consider using "
                                f"`let {n}` instead", pattern.span)

    def updated(self, seqs: list[A.DoSeq], mut: tuple[str, ...], span: Any) -> list[str]:
        assigned, declared = _reassigned(seqs)
        upd = [x for x in mut if x in assigned]
        clash = sorted(set(upd) & declared)
        if clash:
            raise ElabError(f"a `do` block that declares `{clash[0]}` again where it is reassigned is not "
                            "supported yet", span)
        return upd

    def join(self, el: Any, mut: tuple[str, ...], rest: A.Term, loop: _Loop | None, result: A.Term) -> A.Term:
        """A branching element followed by `rest`: `rest` becomes the join point the branches end with."""
        span = el.span
        upd = self.updated(_subseqs(el), mut, span)
        jp = self.fresh(_JOIN_POINT)
        jump = A.App(span, A.Ident(span, jp), tuple(A.Ident(span, x) for x in upd) + (A.Ident(span, "PUnit.unit"),))
        binders = tuple(A.Binder(span, "explicit", (A.Ident(span, x),), _TypeOf(span, x)) for x in upd) + \
            (A.Binder(span, "explicit", (A.Hole(span),), A.Ident(span, "PUnit")),)
        if isinstance(el, A.DoIf):
            then = self.branch(el.then, mut, loop, result, jump)
            els = self.branch(el.else_, mut, loop, result, jump) if el.else_ is not None else jump
            body: A.Term = A.If(span, el.hyp, el.cond, then, els)
        elif isinstance(el, A.DoUnless):
            body = A.If(span, None, el.cond, jump, self.branch(el.body, mut, loop, result, jump))
        else:
            for a in el.alts:
                self.check_not_shadowing(a.patterns, mut)
            body = A.Match(span, el.discrs, None, tuple(
                A.MatchAlt(a.span, a.patterns, self.branch(a.rhs, mut, loop, result, jump)) for a in el.alts))
        return A.Let(span, A.LetDecl(span, A.Ident(span, jp), binders, result, rest), body)

    def for_in(self, el: A.DoFor, mut: tuple[str, ...], rest: A.Term, loop: _Loop | None,
               result: A.Term) -> A.Term:
        """`for x in xs do body` followed by `rest`: `ForIn.forIn xs s fun x s => body`, `s` the variables the
        body reassigns (as a tuple; `PUnit.unit` when there are none)."""
        span = el.span
        self.check_not_shadowing(el.pattern, mut)
        upd = self.updated([el.body], mut, span)
        names = [A.Ident(span, x) for x in upd]
        state: A.Term = A.Ident(span, "PUnit.unit") if not names else names[0] if len(names) == 1 else \
            A.Tuple(span, tuple(names))
        state_pat: A.Term = A.Hole(span) if not names else state
        inner = _Loop(state)
        yield_ = A.DoExpr(span, self.pure(_ConstApp(span, "ForInStep.yield", (state,)), span))
        body = self.seq([*el.body.elems, yield_], mut, inner, self.monad_of(A.Hole(span), span))
        loop_term = _ConstApp(span, "ForIn.forIn", (el.coll, state, A.Lam(span, (el.pattern, state_pat), body)))
        return self.bind(loop_term, state_pat, rest, span)


def _check_exits_are_last(seq: A.DoSeq) -> None:
    """Lean's `do` elaborator (the default, `backward.do.legacy`): `return`, `break` and `continue` end the
    sequence they are written in."""
    todo = [seq]
    while todo:
        cur = todo.pop()
        for i, el in enumerate(cur.elems):
            if i + 1 < len(cur.elems) and (isinstance(el, A.DoReturn) or _is_jump(el, "break")
                                           or _is_jump(el, "continue")):
                raise ElabError("must be last element in a `do` sequence", el.span)
            todo.extend(reversed(_subseqs(el)))


def _e_do(te: TermElaborator, stx: A.Do, expected: Expr | None) -> Expr:
    if te.__dict__.get("do_legacy", True):
        _check_exits_are_last(stx.seq)
    m, a = _extract_monad(te, expected, stx.span)
    result = E.mk_app(m, a)
    block = _DoBlock(te, m, result, stx.span)
    term = block.seq(stx.seq.elems, (), None, _Elaborated(stx.span, result))
    return te.elab_term(term, result)


def _e_nested_action(te: TermElaborator, stx: A.DoNested, expected: Expr | None) -> Expr:
    raise ElabError("invalid use of `(<- ...)`, must be nested inside a 'do' expression", stx.span)


_DISPATCH[A.Do] = _e_do
_DISPATCH[A.DoNested] = _e_nested_action
_DISPATCH[_TypeOf] = _e_type_of
