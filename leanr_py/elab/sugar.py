"""Term notations that Lean defines by expansion into simpler terms, elaborated as Lean does:

    [a, b, c]                 List.cons a (List.cons b (List.cons c List.nil))   (built iteratively)
    #[a, b]                   List.toArray [a, b]
    { x : T // p }            Subtype fun (x : T) => p
    { x := 1, y := 2 }        the structure's constructor, fields by name (`s with`, `..`, `: T` too)
    calc a = b := p; _ = c …  the steps chained with `Trans.trans` (`Eq.trans` when both are `=`)
    suffices h : T from e; b  have h : T := b; e        (`by tac` in place of `from e` likewise)
    (· + 1)                   fun x => x + 1            (each `·` of the parentheses a new binder)
    .ctor a                   C.ctor a, C the head of the expected type
    ‹T›                       a hypothesis of type T in the local context (Lean's `by assumption`)

Each handler is registered in `term._DISPATCH` (see the end of this file). The expansions keep the spans of
the source so errors point where Lean's do.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Sequence

from ..kernel import expr as E
from ..kernel.declaration import InductiveInfo
from ..kernel.expr import CONST, PI, Expr
from ..kernel.name import Name
from ..syntax import ast as A
from . import messages
from .errors import ElabError
from .term import _DISPATCH, TermElaborator, _ConstApp, _Omitted, _Pre
from .postpone import Postpone, may_postpone

__all__ = ["structure_fields"]


# ---------------------------------------------------------------------------------------------- lists

def _e_list(te: TermElaborator, stx: A.ListLit, expected: Expr | None) -> Expr:
    meta = te.meta
    nil = te.mk_app_m("List.nil", [], stx.span)
    list_type = meta.infer_type(nil)
    if expected is not None:
        meta.is_def_eq(list_type, expected)  # a hint: the caller checks the result against `expected`
    elem_type = E.get_app_args(meta.instantiate_mvars(list_type))[0]
    elems = [te.elab_term(a, elem_type) for a in stx.elems]
    acc = nil
    for a in reversed(elems):  # iteratively: a long literal must not nest the elaborator's recursion
        acc = te.mk_app_m("List.cons", [a, acc], stx.span)
    return acc


def _e_array(te: TermElaborator, stx: A.ArrayLit, expected: Expr | None) -> Expr:
    return te._elab(_ConstApp(stx.span, "List.toArray", (A.ListLit(stx.span, stx.elems),)), expected)  # noqa: SLF001


# ---------------------------------------------------------------------------------------------- subtype

def _e_subtype(te: TermElaborator, stx: A.Subtype, expected: Expr | None) -> Expr:
    binder = A.Binder(stx.name.span, "explicit", (stx.name,), stx.type)
    return te._elab(_ConstApp(stx.span, "Subtype", (A.Lam(stx.span, (binder,), stx.pred),)), expected)  # noqa: SLF001


# ---------------------------------------------------------------------------------------------- structure instances

def structure_fields(env: Any, name: Name) -> tuple[InductiveInfo, list[tuple[str, int]]] | None:
    """The structure `name` (an inductive with one constructor and no indices) and its fields: (name, binder
    info) in order; None when `name` is not such a type."""
    info = env.find(name)
    if not isinstance(info, InductiveInfo) or len(info.ctors) != 1 or info.num_indices != 0 or info.is_rec:
        return None
    t = env.find(info.ctors[0]).type
    fields = []
    i = 0
    while t.kind == PI:
        if i >= info.num_params:
            fields.append((str(t.name), t.bi))  # type: ignore[attr-defined]
        t = t.body  # type: ignore[attr-defined]
        i += 1
    return info, fields


def parents(env: Any, sname: Name) -> list[tuple[int, Name]]:
    """The parent structures of `sname` (`extends P`): (index of its field `toP`, P)."""
    info = env.find(sname)
    if not isinstance(info, InductiveInfo) or len(info.ctors) != 1:
        return []
    t = env.find(info.ctors[0]).type
    out = []
    i = 0
    while t.kind == PI:
        if i >= info.num_params:
            h = E.get_app_fn(t.type)  # type: ignore[attr-defined]
            if h.kind == CONST and str(t.name) == f"to{h.name.last}" and structure_fields(env, h.name):  # type: ignore[attr-defined]
                out.append((i - info.num_params, h.name))  # type: ignore[attr-defined]
        t = t.body  # type: ignore[attr-defined]
        i += 1
    return out


def all_field_names(env: Any, sname: Name) -> set[str]:
    """The fields of `sname` and of its parents, transitively."""
    out: set[str] = set()
    todo = [sname]
    while todo:
        n = todo.pop()
        found = structure_fields(env, n)
        if found is not None:
            out.update(f for f, _ in found[1])
            todo.extend(p for _, p in parents(env, n))
    return out


def _ancestor_path(env: Any, sname: Name, fld: str) -> list[Name] | None:
    """The parent projections leading from `sname` to the nearest ancestor that has `fld` (breadth first, as
    Lean's `findField?`); None when no ancestor has it."""
    todo: list[tuple[Name, list[Name]]] = [(sname, [])]
    seen = {sname}
    while todo:
        n, path = todo.pop(0)
        if path and env.find(_join_str(n, fld)) is not None:
            return path
        found = structure_fields(env, n)
        for i, p in parents(env, n):
            if p not in seen and found is not None:
                seen.add(p)
                todo.append((p, path + [_join_str(n, found[1][i][0])]))
    return None


def inherited_field_receiver(te: TermElaborator, e: Expr, fld: Any, span: Any) -> Expr:
    """`e` itself, or `e.toB.toA` when `fld` is not a field of `e`'s structure but of its ancestor `A`."""
    if not isinstance(fld, str):
        return e
    meta = te.meta
    t = meta.whnf(meta.instantiate_mvars(meta.infer_type(e)))
    h = E.get_app_fn(t)
    if h.kind != CONST or te.env.find(_join_str(h.name, fld)) is not None:  # type: ignore[attr-defined]
        return e
    path = _ancestor_path(te.env, h.name, fld)  # type: ignore[attr-defined]
    for proj in path or ():
        e = E.mk_proj(proj.prefix, _field_index(te.env, proj), e)  # type: ignore[arg-type]
    return e


def _field_index(env: Any, proj: Name) -> int:
    found = structure_fields(env, proj.prefix)  # type: ignore[arg-type]
    assert found is not None
    return [f for f, _ in found[1]].index(str(proj.last))  # type: ignore[attr-defined]


def _e_struct_inst(te: TermElaborator, stx: A.StructInst, expected: Expr | None) -> Expr:
    meta = te.meta
    sources = [te._elab(s, None) for s in stx.sources]  # noqa: SLF001
    target = te.elab_type(stx.type) if stx.type is not None else expected
    if target is None and sources:
        target = meta.infer_type(sources[0])
    if target is None or te._unknown(target, whnf=True):  # noqa: SLF001
        raise ElabError("invalid {...} notation, expected type is not known", stx.span)
    t = meta.whnf(meta.instantiate_mvars(target))
    head = E.get_app_fn(t)
    found = structure_fields(te.env, head.name) if head.kind == CONST else None  # type: ignore[attr-defined]
    if found is None:
        raise ElabError(f"invalid {{...}} notation, structure type expected\n  {te.pp(t)}", stx.span)
    info, fields = found
    sname = head.name  # type: ignore[attr-defined]
    names = [n for n, _ in fields]
    stx = _with_inherited_defaults(te, sname, names, E.get_app_args(t)[:info.num_params], stx)
    given: dict[str, A.Node] = {}
    inherited = all_field_names(te.env, sname) - set(names)
    for_parents: list[A.StructField] = []
    for f in stx.fields:
        if "." in f.name:
            raise ElabError("nested field updates ('x.y := …') are not supported yet", f.span)
        if f.name in inherited:
            for_parents.append(f)
            continue
        if f.name not in names:
            raise ElabError(f"'{f.name}' is not a field of structure '{sname}'", f.span)
        if f.name in given:
            raise ElabError(f"field '{f.name}' has already been specified", f.span)
        given[f.name] = _field_value(f)
    src_types = [meta.whnf(meta.instantiate_mvars(meta.infer_type(s))) for s in sources]
    # the constructor, its parameters unified with the target first so the fields get their expected types
    ctor, ctor_type = te._const(info.ctors[0], None, stx.span)  # noqa: SLF001
    args: dict[Any, Any] = {}
    ct = ctor_type
    for k in range(info.num_params):
        m = meta.new_mvar(ct.type)  # type: ignore[attr-defined]
        args[k] = _Pre(m)
        ct = E.instantiate1(ct.body, m)  # type: ignore[attr-defined]
    meta.is_def_eq(ct_result(ct), t)
    missing = []
    defaulted: list[int] = []
    for i, (fname, bi) in enumerate(fields):
        k = info.num_params + i
        if fname in given:
            args[k] = given[fname]
            continue
        src = _field_from_sources(te, fname, sources, src_types)
        parent = next((p for j, p in parents(te.env, sname) if j == i), None)
        if parent is not None:
            src = src if src is not None else next(
                (s for s, st in zip(sources, src_types)
                 if E.get_app_fn(st).kind == CONST and E.get_app_fn(st).name is parent), None)  # type: ignore[attr-defined]
            mine = [f for f in for_parents if f.name in all_field_names(te.env, parent)]
            if mine or src is None:  # `{ x := 1, c := 2 }` for `toP`: `{ x := 1 : P }`, sources passed on
                inner = tuple(_Elaborated(stx.span, E.mk_proj(sname, i, s_)) for s_, st in zip(sources, src_types)
                              if E.get_app_fn(st).kind == CONST and E.get_app_fn(st).name is sname)  # type: ignore[attr-defined]
                args[k] = A.StructInst(stx.span, inner + tuple(stx.sources), tuple(mine), stx.ellipsis, None)
                for_parents = [f for f in for_parents if f not in mine]
                continue
        if src is not None:
            args[k] = _Pre(src)
        elif te.env.find(_join_str(sname, fname).append("_default")) is not None:
            args[k] = _Pre(meta.new_mvar(meta.new_type_mvar()))  # typed by the constructor, filled below
            defaulted.append(i)
        elif stx.ellipsis:
            args[k] = A.Hole(stx.span)
        elif bi != E.DEFAULT:  # solved by unification, or synthesized for an instance field, as Lean does
            args[k] = _Omitted(stx.span)
        else:
            missing.append(fname)
    if missing:
        raise ElabError("fields missing: " + ", ".join(f"'{n}'" for n in missing), stx.span)
    if for_parents:
        raise ElabError(f"field '{for_parents[0].name}' is given twice (its parent structure is given too)",
                        for_parents[0].span)
    r = te._app_core(ctor, ctor_type, [], args, target, True, stx.span)  # noqa: SLF001
    for i in defaulted:  # `S.f._default params (earlier fields)`, once the others are known
        vals = E.get_app_args(r)
        d = te.mk_app_m(str(_join_str(sname, fields[i][0]).append("_default")), [], stx.span)
        head = E.get_app_fn(d)
        dt = meta.infer_type(head)
        for a in vals[:info.num_params + i]:   # the argument types fix the default's universe levels
            dt = meta.whnf(dt)
            if dt.kind == PI:
                meta.is_def_eq(dt.type, meta.infer_type(a))  # type: ignore[attr-defined]
                dt = E.instantiate1(dt.body, a)  # type: ignore[attr-defined]
        d = E.mk_app_n(head, vals[:info.num_params + i])
        if not meta.is_def_eq(vals[info.num_params + i], d):
            raise ElabError(f"invalid default value for field '{fields[i][0]}'", stx.span)
    return r


def _field_value(f: A.StructField) -> A.Term:
    value = f.value if f.value is not None else A.Ident(f.span, f.name)   # `{ x }` abbreviates `{ x := x }`
    if f.binders:
        value = A.Lam(f.span, tuple(_field_binder(b) for b in f.binders), value)
    return value


def _with_inherited_defaults(te: TermElaborator, sname: Name, own: list[str], params: Sequence[Expr],
                             stx: A.StructInst) -> A.StructInst:
    """`stx` with the inherited fields it omits that `sname` gives a default (Lean's `Monad` defines `map`,
    `seq`, … from `pure` and `bind`). Such a default is the constant `S.f._default`, taking the structure's
    parameters, then the fields it is computed from, named after them; it applies once they are all known
    (given, or defaulted in turn), and a default of the most derived structure wins over its parents'."""
    if stx.sources or stx.ellipsis:
        return stx
    env = te.env
    given = {f.name: f for f in stx.fields}
    todo: dict[str, Any] = {}
    for f in sorted(all_field_names(env, sname) - set(own) - set(given)):
        d = env.find(_join_str(sname, f).append("_default"))
        if d is not None:
            todo[f] = d
    added: list[A.StructField] = []
    progress = True
    while todo and progress:
        progress = False
        for f, d in list(todo.items()):
            t = d.type
            for _ in params:
                t = t.body if t.kind == PI else t
            needs: list[str] = []
            while t.kind == PI and (str(t.name) in given or str(t.name) in todo):  # type: ignore[attr-defined]
                needs.append(str(t.name))  # type: ignore[attr-defined]
                t = t.body  # type: ignore[attr-defined]
            if any(n not in given for n in needs):
                continue
            args = tuple(_Elaborated(stx.span, p) for p in params) + tuple(_field_value(given[n]) for n in needs)
            value = A.App(stx.span, A.Explicit(stx.span, A.Ident(stx.span, str(d.name))), args)
            given[f] = A.StructField(stx.span, f, (), value)
            added.append(given[f])
            del todo[f]
            progress = True
    return dataclasses.replace(stx, fields=stx.fields + tuple(added)) if added else stx


@dataclasses.dataclass(slots=True, frozen=True, eq=False, repr=False)
class _Elaborated(A.Term):
    """Internal syntax: a term elaborated already (a source `s.toP` handed to a parent's instance)."""

    expr: Expr


def _e_elaborated(te: TermElaborator, stx: _Elaborated, expected: Expr | None) -> Expr:
    return stx.expr


def _field_binder(b: Any) -> A.Binder:
    """A binder of `f x (y z) := …`: Lean reads `(a b)` as the binder names `a b`, so each must be atomic."""
    if isinstance(b, A.Binder):
        return b
    inner = b.term if isinstance(b, A.Paren) else b
    parts = [inner.fn, *inner.args] if isinstance(inner, A.App) else [inner]
    for p in parts:
        if isinstance(p, A.Ident) and "." in p.name:
            raise ElabError(f"invalid binder name '{p.name}', it must be atomic", p.span)
        if not isinstance(p, (A.Ident, A.Hole)):
            raise ElabError("invalid binder, identifier expected", p.span)
    return A.Binder(b.span, "explicit", tuple(parts), None)


def ct_result(t: Expr) -> Expr:
    """The conclusion of a Π telescope (loose bound variables left as they are only when there are none)."""
    while t.kind == PI:
        t = t.body  # type: ignore[attr-defined]
    return t


def _field_from_sources(te: TermElaborator, fname: str, sources: list[Expr],
                        src_types: list[Expr]) -> Expr | None:
    """The field `fname` of the first source that has it, by name, as Lean's `{ s₁, s₂ with … }`: a source
    may be of another structure (or have `fname` from an ancestor)."""
    for s, st in zip(sources, src_types):
        h = E.get_app_fn(st)
        if h.kind != CONST or structure_fields(te.env, h.name) is None:  # type: ignore[attr-defined]
            continue
        if fname not in all_field_names(te.env, h.name):  # type: ignore[attr-defined]
            continue
        receiver = inherited_field_receiver(te, s, fname, None)
        owner = E.get_app_fn(te.meta.whnf(te.meta.instantiate_mvars(te.meta.infer_type(receiver))))
        found = structure_fields(te.env, owner.name)  # type: ignore[attr-defined]
        assert found is not None
        return E.mk_proj(owner.name, [f for f, _ in found[1]].index(fname), receiver)  # type: ignore[attr-defined]
    return None


# ---------------------------------------------------------------------------------------------- calc

def _relation(te: TermElaborator, t: Expr, span: Any) -> tuple[Expr, Expr, Expr]:
    """`R a b` as (R, a, b), as Lean's `getCalcRelation?`."""
    t = te.meta.instantiate_mvars(t)
    if t.kind == E.APP and t.fn.kind == E.APP:  # type: ignore[attr-defined]
        return t.fn.fn, t.fn.arg, t.arg  # type: ignore[attr-defined]
    raise ElabError(f"invalid 'calc' step, relation expected\n  {te.pp(t)}", span)


def _is_eq(te: TermElaborator, rel: Expr) -> bool:
    h = E.get_app_fn(rel)
    return h.kind == CONST and str(h.name) == "Eq"  # type: ignore[attr-defined]


def _e_calc(te: TermElaborator, stx: A.Calc, expected: Expr | None) -> Expr:
    meta = te.meta
    steps = list(stx.steps)
    proof: Expr | None = None
    rel: Expr | None = None
    rhs = None
    if steps[0].proof is None:  # `calc a` then `_ = b := p` …: the chain starts at `a`
        rhs = te.elab(steps[0].term, None)
        steps = steps[1:]
        if not steps:
            raise ElabError("invalid 'calc', it needs at least one step", stx.span)
    for step in steps:
        if step.proof is None:
            raise ElabError("invalid 'calc' step, a proof ':= …' is expected", step.span)
        st = te.elab_type(step.term)
        r, a, b = _relation(te, st, step.term.span)
        if rhs is not None and not meta.is_def_eq(a, rhs):
            raise ElabError(f"invalid 'calc' step, left-hand side is\n  {te.pp(a)} : {te.pp(meta.infer_type(a))}\n"
                            f"but previous right-hand side is\n  {te.pp(rhs)} : {te.pp(meta.infer_type(rhs))}",
                            step.term.span)
        p = te.elab_term(step.proof, st)
        if proof is None:
            proof, rel = p, r
        else:
            proof, rel = _trans(te, proof, rel, p, r, step.span)
        rhs = b
    assert proof is not None
    return proof


def _trans(te: TermElaborator, p1: Expr, r1: Expr, p2: Expr, r2: Expr, span: Any) -> tuple[Expr, Expr]:
    """Chain `p1 : r1 a b` and `p2 : r2 b c`: `Eq.trans` for two equalities, else `Trans.trans` with the
    `Trans r1 r2 ?t` instance, as Lean's `mkCalcTrans`."""
    meta = te.meta
    if _is_eq(te, r1) and _is_eq(te, r2):
        p = te.mk_app_m("Eq.trans", [p1, p2], span)
    else:
        f, ft = te._const_named("Trans.trans", span)  # noqa: SLF001
        try:
            p = te._app_core(f, ft, [_Pre(p1), _Pre(p2)], {"r": _Pre(r1), "s": _Pre(r2)}, None, False, span)  # noqa: SLF001
            te.synthesize(False)
        except ElabError as exc:
            if not exc.message.startswith("failed to synthesize"):
                raise
            raise ElabError(f"invalid 'calc' step, failed to synthesize `Trans` instance\n  Trans {te.pp(r1)} "
                            f"{te.pp(r2)} ?_", span) from None
    t = meta.instantiate_mvars(meta.infer_type(p))
    rel, _, _ = _relation(te, t, span)
    return p, rel


# ---------------------------------------------------------------------------------------------- suffices / ‹T›

def _e_suffices(te: TermElaborator, stx: A.Suffices, expected: Expr | None) -> Expr:
    d = stx.decl
    if d.value is None:
        raise ElabError("'suffices' needs 'from e' or 'by tac'", stx.span)
    have = A.Have(stx.span, dataclasses.replace(d, value=stx.body), d.value)
    return te._elab(have, expected)  # noqa: SLF001


def _e_assumption(te: TermElaborator, stx: A.Assumption, expected: Expr | None) -> Expr:
    meta = te.meta
    t = te.elab_type(stx.type)
    te.synthesize(False)
    for x in reversed(meta.lctx):
        if meta.attempt(lambda x=x: meta.is_def_eq(meta.infer_type(x), t)):
            return x
    hyps = "".join(f"{x.name} : {te.pp(x.type)}\n" for x in meta.lctx)
    raise ElabError(f"tactic 'assumption' failed\n{hyps}⊢ {te.pp(t)}", stx.span)


# ---------------------------------------------------------------------------------------------- `·` functions

_STOP = (A.Paren, A.Tuple, A.Ascription)   # nested parentheses are their own `·` scope


def _replace_cdots(node: Any, names: list[A.Ident]) -> Any:
    if isinstance(node, A.Cdot):
        ident = A.Ident(node.span, "x✝" + _superscript(len(names)))
        names.append(ident)
        return ident
    if isinstance(node, tuple):
        out = tuple(_replace_cdots(x, names) for x in node)
        return out if any(a is not b for a, b in zip(out, node)) else node
    if not isinstance(node, A.Node) or isinstance(node, _STOP):
        return node
    changes = {}
    for f in dataclasses.fields(node):
        v = getattr(node, f.name)
        if isinstance(v, (A.Node, tuple)):
            w = _replace_cdots(v, names)
            if w is not v:
                changes[f.name] = w
    return dataclasses.replace(node, **changes) if changes else node


def has_cdot(term: A.Term) -> bool:
    """Does `term` hold a `·` of its own parentheses' scope (so `(term)` is a function)?"""
    names: list[A.Ident] = []
    _replace_cdots(term, names)
    return bool(names)


def _superscript(i: int) -> str:
    return "" if i == 0 else str(i).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


_elab_paren = _DISPATCH[A.Paren]


def _e_paren(te: TermElaborator, stx: A.Paren, expected: Expr | None) -> Expr:
    names: list[A.Ident] = []
    body = _replace_cdots(stx.term, names)
    if not names:
        return _elab_paren(te, stx, expected)
    binders = tuple(A.Binder(n.span, "explicit", (n,), None) for n in names)
    return te._elab(A.Lam(stx.span, binders, body), expected)  # noqa: SLF001


def _e_cdot(te: TermElaborator, stx: A.Cdot, expected: Expr | None) -> Expr:
    raise ElabError("invalid occurrence of `·` notation", stx.span)


# ---------------------------------------------------------------------------------------------- `.ctor`

def _dot_target(te: TermElaborator, stx: A.DotIdent, expected: Expr | None) -> A.Ident:
    """`.name` resolved against the expected type (its result type when it is a function type)."""
    meta = te.meta
    if expected is None or te._unknown(expected, whnf=True):  # noqa: SLF001
        if may_postpone(te):
            raise Postpone()
        raise ElabError(f"Invalid dotted identifier notation: The expected type of `.{stx.name}` could not be "
                        "determined", stx.span)
    t = meta.instantiate_mvars(expected)
    n = len(meta.lctx)
    try:
        while True:
            w = meta.whnf_r(t)
            if w.kind == PI:
                x = meta.push_local(w.name, w.type, w.bi)  # type: ignore[attr-defined]
                t = E.instantiate1(w.body, x)  # type: ignore[attr-defined]
                continue
            h = E.get_app_fn(w)
            if h.kind == CONST:
                full = _join_str(h.name, stx.name)  # type: ignore[attr-defined]
                if te.env.find(full) is not None:
                    return A.Ident(stx.span, "_root_." + str(full))
                own = _recursive_local(te, full)  # the recursive function being defined
                if own is not None:
                    return A.Ident(stx.span, str(own.name))
                u = meta.whnf(w)
                if u is not w and E.get_app_fn(u) is not h:
                    t = u
                    continue
                raise ElabError(f"{messages.unknown_constant(full)}\n\nNote: Inferred this name from the expected "
                                f"resulting type of `.{stx.name}`:\n  {te.pp(t)}", stx.span)
            raise ElabError(messages.invalid_dotted_ident(te.pp, stx.name, meta.instantiate_mvars(w)), stx.span)
    finally:
        meta.pop_locals(len(meta.lctx) - n)


def _recursive_local(te: TermElaborator, full: Name) -> Any:
    """The local standing for the declaration `full` being defined: named by its full name, or relative to
    an enclosing namespace (`def Nat.ofNat` inside `namespace Hidden` is the local `Nat.ofNat`)."""
    found = te._find_local(full)  # noqa: SLF001
    if found is not None:
        return found
    comps = full.components()
    for ns in te._namespaces():  # noqa: SLF001
        prefix = ns.components()
        if len(comps) > len(prefix) and comps[:len(prefix)] == prefix:
            found = te._find_local(Name.from_components(comps[len(prefix):]))  # noqa: SLF001
            if found is not None:
                return found
    return None


def _join_str(prefix: Name, s: str) -> Name:
    r = prefix
    for c in Name.of(s).components():
        r = r.append(c)
    return r


def _e_dot_ident(te: TermElaborator, stx: A.DotIdent, expected: Expr | None) -> Expr:
    return te._elab_app(_dot_target(te, stx, expected), (), expected, stx.span)  # noqa: SLF001


_elab_app = _DISPATCH[A.App]
_elab_binop = _DISPATCH[A.BinOp]

# notations Lean defines as plain applications (`infixr:67 " :: " => List.cons`, …)
_APP_NOTATIONS = {"::": "List.cons", "∘": "Function.comp", "×'": "PProd", "<|": None, "|>": None,
                  ">>=": "Bind.bind", "<$>": "Functor.map"}
# Lean's `f <*> x` is `Seq.seq f fun _ : Unit => x` (likewise `<*`, `*>`): the second operand is delayed
_SEQ_NOTATIONS = {"<*>": "Seq.seq", "<*": "SeqLeft.seqLeft", "*>": "SeqRight.seqRight"}


def _e_binop(te: TermElaborator, stx: A.BinOp, expected: Expr | None) -> Expr:
    lhs = stx.lhs
    if stx.op in ("×", "×'") and isinstance(lhs, A.Ascription) and lhs.type is not None and \
            isinstance(lhs.term, (A.Ident, A.Hole)):  # `(x : α) × β x` is `Sigma fun x => β x` (`×'`: PSigma)
        binder = A.Binder(lhs.span, "explicit", (lhs.term,), lhs.type)
        sigma = "Sigma" if stx.op == "×" else "PSigma"
        return te._elab(_ConstApp(stx.span, sigma, (A.Lam(stx.span, (binder,), stx.rhs),)), expected)  # noqa: SLF001
    if stx.op in _SEQ_NOTATIONS:
        unit = A.Binder(stx.span, "explicit", (A.Hole(stx.span),), A.Ident(stx.span, "Unit"))
        delayed = A.Lam(stx.rhs.span, (unit,), stx.rhs)
        return te._elab(_ConstApp(stx.span, _SEQ_NOTATIONS[stx.op], (stx.lhs, delayed)), expected)  # noqa: SLF001
    if stx.op not in _APP_NOTATIONS:
        return _elab_binop(te, stx, expected)
    if stx.op == "<|":  # `f <| a` is `f a`
        return te._elab(A.App(stx.span, stx.lhs, (stx.rhs,)), expected)  # noqa: SLF001
    if stx.op == "|>":  # `a |> f` is `f a`
        return te._elab(A.App(stx.span, stx.rhs, (stx.lhs,)), expected)  # noqa: SLF001
    return te._elab(_ConstApp(stx.span, _APP_NOTATIONS[stx.op], (stx.lhs, stx.rhs)), expected)  # noqa: SLF001


def _e_app(te: TermElaborator, stx: A.App, expected: Expr | None) -> Expr:
    if isinstance(stx.fn, A.DotIdent):
        return te._elab_app(_dot_target(te, stx.fn, expected), stx.args, expected, stx.span)  # noqa: SLF001
    return _elab_app(te, stx, expected)


# ---------------------------------------------------------------------------------------------- implicit lambdas

def _blocks_implicit_lambda(stx: Any) -> bool:
    """Lean's `blockImplicitLambda`: `@f`, `fun {x} => …`, `_`, `?x`, `by …`, `(e : T)` keep the expected
    type's implicit binders for themselves."""
    while isinstance(stx, A.Paren):
        stx = stx.term
    if isinstance(stx, A.Lam):
        return any(isinstance(b, A.Binder) and b.kind in ("implicit", "strict", "inst") for b in stx.binders)
    if isinstance(stx, A.App) and isinstance(stx.fn, A.Explicit):
        return True
    return isinstance(stx, (A.Explicit, A.Hole, A.SyntheticHole, A.By, A.Ascription))


def implicit_lambda(te: TermElaborator, stx: Any, expected: Expr | None) -> Expr | None:
    """Lean's implicit lambda: against `∀ {x} [i : C x], T` the term is elaborated against `T` with `x`, `i`
    as locals and abstracted over them (`symm := eqv.symm` for `∀ {x y}, r x y → r y x`). None when the
    expected type has no leading implicit binder or the syntax blocks it."""
    if expected is None or not isinstance(stx, A.Node) or _blocks_implicit_lambda(stx):
        return None
    meta = te.meta
    t = meta.instantiate_mvars(expected)
    if t.kind != PI:
        t = meta.whnf_r(t)  # reducible definitions only, as Lean (`symmetric r` stays folded)
    if t.kind != PI or t.bi == E.DEFAULT:  # type: ignore[attr-defined]
        return None
    n = len(meta.lctx)
    xs = []
    try:
        while t.kind == PI and t.bi != E.DEFAULT:  # type: ignore[attr-defined]
            x = meta.push_local(t.name, t.type, t.bi)  # type: ignore[attr-defined]
            xs.append(x)
            t = E.instantiate1(t.body, x)  # type: ignore[attr-defined]
            if t.kind != PI:
                w = meta.whnf_r(meta.instantiate_mvars(t))
                t = w if w.kind == PI and w.bi != E.DEFAULT else t  # type: ignore[attr-defined]
        body = te.elab_term(stx, t)
        te.synthesize(False)
        return meta.mk_lambda_fvars(xs, body)
    finally:
        meta.pop_locals(len(meta.lctx) - n)


# ---------------------------------------------------------------------------------------------- user notations

def _expand_notation(rhs: Any, args: dict[str, Any], span: Any) -> Any:
    """The notation's right-hand side with its variables replaced by the arguments (and its own nodes placed
    at the use, where Lean reports errors)."""
    if isinstance(rhs, tuple):
        return tuple(_expand_notation(x, args, span) for x in rhs)
    if not isinstance(rhs, A.Node):
        return rhs
    if isinstance(rhs, A.Ident) and rhs.name in args and rhs.univs is None:
        return args[rhs.name]
    changes: dict[str, Any] = {"span": span}
    for f in dataclasses.fields(rhs):
        v = getattr(rhs, f.name)
        if isinstance(v, (A.Node, tuple)):
            changes[f.name] = _expand_notation(v, args, span)
    return dataclasses.replace(rhs, **changes)


def _e_notation(te: TermElaborator, stx: A.NotationApp, expected: Expr | None) -> Expr:
    """A use of `notation`/`infix…`/`prefix`/`postfix` (the parser applied the declaration): its expansion."""
    d = stx.decl
    if d.kind in ("infix", "infixl", "infixr", "prefix", "postfix"):
        body: Any = A.App(stx.span, _expand_notation(d.rhs, {}, stx.span), tuple(stx.args))
    else:
        names = [it.var for it in d.items if it.var is not None]
        if len(names) != len(stx.args):
            raise ElabError("internal error: notation arguments do not match its variables", stx.span)
        body = _expand_notation(d.rhs, dict(zip(names, stx.args)), stx.span)
    return te._elab(body, expected)  # noqa: SLF001


_DISPATCH.update({
    A.NotationApp: _e_notation,
    A.ListLit: _e_list,
    A.ArrayLit: _e_array,
    A.Subtype: _e_subtype,
    A.StructInst: _e_struct_inst,
    A.Calc: _e_calc,
    A.Suffices: _e_suffices,
    A.Assumption: _e_assumption,
    A.Paren: _e_paren,
    A.Cdot: _e_cdot,
    A.DotIdent: _e_dot_ident,
    A.App: _e_app,
    A.BinOp: _e_binop,
    _Elaborated: _e_elaborated,
})
