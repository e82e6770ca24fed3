"""`inductive`, `structure` and `class` commands (and `mutual … end` blocks of inductives).

As in Lean, the parameters (the binders before the colon) are elaborated first, then the type, then each type
being defined is pushed as a local (`T : ∀ params, type`) and the constructor types are elaborated with it in
scope. Building the kernel declaration replaces that local by the constant `T.{us}` (applied to the section
variables used), closes the types over the parameters (implicit in constructors) and submits one
`InductiveDecl` to `env.add`, which checks positivity/universes and generates `T.rec`.

A result universe left open (type omitted, `Sort _`, `Type _`) is solved from the constructor fields as in
Lean: the least level above every field's universe, and at least `Type` when the type was omitted.

Structures are one-constructor inductives (`S.mk` or the `ctor ::` name) plus projections
`S.f : ∀ {params} (self : S params), F` defined with the kernel's `Proj` (reducible, as in Lean); for a
`class` `self` is instance-implicit and the type is registered in the instance table.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Sequence

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import (
    ABBREV_HINTS, Constructor, DefinitionDecl, InductiveDecl, InductiveInfo, InductiveType, RecursorInfo,
)
from ..kernel.errors import KernelError
from ..kernel.name import Name
from ..pretty.levels import pp_level
from ..syntax import ast as A
from . import messages
from .errors import ElabError
from .levels import occurs
from .autobound import with_auto_bound
from .deriving import derive
from .mctx import fvars_in
from .mutual import first_mention
from .instances import check_class_out_params
from .options import get_option
from .term import _BI, TermElaborator, _join

if TYPE_CHECKING:
    from .command import CommandElaborator
    from .meta import MetaContext

__all__ = ["elab_inductives", "elab_structure", "full_name"]


# ---------------------------------------------------------------------------------------------- helpers

def full_name(ce: "CommandElaborator", ident: A.Ident) -> Name:
    raw = ident.name
    if raw.startswith("_root_."):
        return Name.of(raw[len("_root_."):])
    return _join(ce.scope.namespace, Name.of(raw))


def _check_fresh(ce: "CommandElaborator", name: Name, span: Any) -> None:
    if ce.env.find(name) is not None:
        raise ElabError(f"'{name}' has already been declared", span)


def _result_sort(meta: "MetaContext", ty: Expr) -> Any:
    """The level `l` of the `Sort l` that ends the telescope `ty` (None when it is not a sort)."""
    t = meta.instantiate_mvars(ty)
    while True:
        if t.kind == E.PI:
            t = t.body  # type: ignore[attr-defined]
            continue
        if t.kind == E.SORT:
            return t.level  # type: ignore[attr-defined]
        w = meta.whnf(t)
        if w is t:
            return None
        t = w


def _field_levels(te: TermElaborator, ctor_type: Expr, nparams_skip: int, span: Any) -> list:
    """The universe levels of the fields of a constructor type (a Π telescope over the fields)."""
    meta = te.meta
    out = []
    n = len(meta.lctx)
    t = meta.instantiate_mvars(ctor_type)
    try:
        i = 0
        while True:
            if t.kind != E.PI:
                w = meta.whnf(t)
                if w.kind != E.PI:
                    break
                t = w
            dom = t.type  # type: ignore[attr-defined]
            if i >= nparams_skip:
                out.append(meta.instantiate_level_mvars(te.ensure_type(dom, span)))
            x = meta.push_local(t.name, dom, t.bi)  # type: ignore[attr-defined]
            t = E.instantiate1(t.body, x)  # type: ignore[attr-defined]
            i += 1
    finally:
        meta.pop_locals(len(meta.lctx) - n)
    return out


def _pred(l: Any, k: int) -> Any:
    """`l - k` as a level (None when it cannot be expressed)."""
    if k == 0:
        return l
    if l.kind == L.ZERO_K:
        return L.ZERO
    if l.kind == L.SUCC_K:
        return _pred(l.a, k - 1)
    if l.kind == L.MAX_K:
        a, b = _pred(l.a, k), _pred(l.b, k)
        return None if a is None or b is None else L.mk_max(a, b)
    return None


def _components(l: Any, out: list) -> None:
    """The arguments of nested `max`/`imax` (as Lean's `accLevel`, which bounds each of them)."""
    if l.kind in (L.MAX_K, L.IMAX_K):
        _components(l.a, out)
        _components(l.b, out)
    elif l not in out:
        out.append(l)


def _solve_result_universe(te: TermElaborator, result: Any, field_levels: list, at_least_type: bool,
                           span: Any) -> None:
    """Assign the level mvar of an open result universe `?r + k` from the fields' levels."""
    meta = te.meta
    result = meta.instantiate_level_mvars(result)
    base, k = L.to_offset(result)
    if base.kind != L.MVAR_K:
        return
    need = []
    comps: list = []
    for lv in field_levels:
        _components(meta.instantiate_level_mvars(lv), comps)
    for lv in comps:
        if occurs(base, lv):
            if L.to_offset(lv)[0] is base:
                continue  # a recursive occurrence
            raise ElabError("failed to compute resulting universe level of inductive datatype, "
                            "provide universe explicitly", span)
        p = _pred(L.normalize(lv), k)
        if p is None:
            raise ElabError("failed to compute resulting universe level of inductive datatype, provide "
                            f"universe explicitly: {L.format_level(lv)} does not fit in the given universe", span)
        need.append(p)
    if at_least_type and k == 0:
        need.append(L.ONE)
    r = L.ZERO
    for p in need:
        r = L.mk_max(r, p)
    meta.mctx.assign_level(base, L.normalize(r))


def _check_resulting_universe(te: TermElaborator, level: Any, span: Any) -> None:
    """As Lean: a resulting universe that is `Prop` for some parameter values but not all is refused."""
    if level is None:
        return
    lv = L.normalize(te.meta.instantiate_level_mvars(level))
    if lv is not L.ZERO and not L.is_not_zero(lv):
        raise ElabError("Invalid universe polymorphic resulting type: The resulting universe is not `Prop`, but "
                        f"it may be `Prop` for some parameter values:\n  Sort {L.format_level(lv)}\n\nHint: A "
                        "possible solution is to use levels of the form `max 1 _` or `_ + 1` to ensure the "
                        "universe is of the form `Type _`", span)


def _used_section_vars(meta: "MetaContext", var_fvars: Sequence[E.FVar], es: Sequence[Expr]) -> list:
    used: set = set()
    for e in es:
        used.update(fvars_in(meta.instantiate_mvars(e)))
    for x in reversed(var_fvars):
        if x in used:
            used.update(fvars_in(meta.instantiate_mvars(x.type)))
    for x in var_fvars:
        if x.bi == E.INST_IMPLICIT and x not in used and fvars_in(x.type) and set(fvars_in(x.type)) <= used:
            used.add(x)
    return [x for x in var_fvars if x in used]


def _ctor_binder_infos(params: Sequence[E.FVar]) -> list[int]:
    """Parameters are implicit in constructors and projections (instance-implicit ones stay so)."""
    return [E.INST_IMPLICIT if x.bi == E.INST_IMPLICIT else E.IMPLICIT for x in params]


def _submit(ce: "CommandElaborator", decl: Any, span: Any) -> None:
    try:
        ce.env.add(decl)
    except KernelError as exc:
        raise ElabError(f"(kernel) {exc.message}", span) from None


Expr = E.Expr


# ---------------------------------------------------------------------------------------------- inductive

class _ParamVaries(ElabError):
    """A constructor passes something else than the parameter `param` (Lean's `Mismatched inductive type
    parameter`)."""

    def __init__(self, message: str, span: Any, param: E.FVar) -> None:
        super().__init__(message, span)
        self.param = param


def elab_inductives(ce: "CommandElaborator", cmds: Sequence[A.Inductive], span: Any) -> None:
    """One `inductive` command, or the inductives of a `mutual` block (they share their parameters). As in
    Lean, auto-bound implicits of the header that the constructors do not keep fixed become indices (with
    those after them): `inductive Sub : Term n l₁ → Term n l₂ → Prop | refl : Sub t t` varies `l₂`."""
    kept: int | None = None
    while True:
        header_autos: list[E.FVar] = []
        try:
            return _elab_inductives(ce, cmds, span, kept, header_autos)
        except _ParamVaries as exc:
            if exc.param not in header_autos or cmds[0].binders or len(cmds) > 1:
                raise
            kept = header_autos.index(exc.param)


def _elab_inductives(ce: "CommandElaborator", cmds: Sequence[A.Inductive], span: Any, kept: int | None,
                     header_autos: list[E.FVar]) -> None:
    """`elab_inductives` with the auto-bound implicits from position `kept` on made indices."""
    first = cmds[0]
    names = [full_name(ce, c.name) for c in cmds]
    for c, n in zip(cmds, names):
        _check_fresh(ce, n, c.name.span)
        for k in c.ctors:
            _check_fresh(ce, _join(n, Name.of(k.name.name)), k.name.span)
    if len(cmds) > 1:  # as Lean, each header is elaborated before any type of the block exists
        spelled = frozenset(str(c.name.name) for c in cmds) | frozenset(str(n) for n in names)
        for c in cmds:
            hit = first_mention((c.binders, c.type), spelled)
            if hit is not None:
                raise ElabError(messages.unknown_identifier(hit.name), hit.span)
    for c in cmds[1:]:
        if [n for b in c.binders for n in ce_binder_names(b)] != [n for b in first.binders for n in ce_binder_names(b)]:
            raise ElabError("invalid mutually inductive types, parameters must be the same", c.span)
        if tuple(c.univs) != tuple(first.univs):
            raise ElabError("invalid mutually inductive types, universe parameters must be the same", c.span)
    ns = names[0].prefix if names[0].prefix is not None else ce.scope.namespace
    te, meta = ce._term_elab(ns, tuple(first.univs))  # noqa: SLF001
    n_declared = len(ce.scope.universes) + len(first.univs)
    var_fvars = te.elab_binders(ce.scope.variables)
    te.auto_bound_levels = ce.auto_bound_mode() is not None

    def header(autos: list) -> tuple[list, list[Expr], list[bool]]:
        header_autos[:] = autos
        moved = autos[kept:] if kept is not None else []
        params = autos[:len(autos) - len(moved)] + te.elab_binders(first.binders)
        for c in cmds[1:]:  # the other types' parameters, which must be the same
            mark = len(meta.lctx)
            try:
                ys = te.elab_binders(c.binders)
                for x, y in zip(params[len(autos):], ys):
                    if not meta.is_def_eq(y.type, x.type):
                        raise ElabError(f"Invalid mutually inductive types: Parameter `{y.name}` "
                                        + messages.has_type_but_is_expected(meta, te.pp, y.type, x.type), c.span)
            finally:
                meta.pop_locals(len(meta.lctx) - mark)
        # the types
        types: list[Expr] = []
        open_result: list[bool] = []
        for c in cmds:
            if c.type is not None:
                t = te.elab_type(c.type)
            else:
                t = E.mk_sort(meta.new_level_mvar())
            te.synthesize(False)
            lv = _result_sort(meta, t)
            if lv is None:
                raise ElabError("invalid resulting type, expecting 'Sort _' or an indexed family of sorts",
                                c.type.span if c.type is not None else c.span)
            types.append(meta.mk_pi_fvars(moved, t))
            open_result.append(c.type is None)
        return params, types, open_result

    fresh, (params, types, open_result) = with_auto_bound(te, header, ce.auto_bound_mode())
    params = fresh + params
    # the types being defined, as locals
    tlocals = []
    for c, t in zip(cmds, types):
        short = Name.of(c.name.name[len("_root_."):] if c.name.name.startswith("_root_.") else c.name.name)
        tlocals.append(meta.push_local(short, meta.mk_pi_fvars(params, t)))
    # the constructors (their types, over the params and the type locals)
    ctor_types: list[list[tuple[Name, Expr, Any]]] = []
    for c, n, tl in zip(cmds, names, tlocals):
        cs = []
        for k in c.ctors:
            mark = len(meta.lctx)
            try:
                def ctor_header(autos: list, k: A.Ctor = k, tl: E.FVar = tl) -> tuple[list, Expr]:
                    ys = autos + te.elab_binders(k.binders)
                    body = te.elab_type(k.type) if k.type is not None else E.mk_app_n(tl, params)
                    te.synthesize(False)
                    _unify_ctor_params(te, body, tl, params)
                    return ys, body

                fresh, (ys, body) = with_auto_bound(te, ctor_header, ce.auto_bound_mode())
                ct = meta.mk_pi_fvars(fresh + ys, body)
            finally:
                meta.pop_locals(len(meta.lctx) - mark)
            _check_ctor_result(te, ct, tl, params, c.name.name, k)
            _check_param_occurrences(te, ct, tlocals, params, k.type.span if k.type is not None else k.span)
            cs.append((_join(n, Name.of(k.name.name)), ct, k))
        ctor_types.append(cs)
    te.synthesize(True)
    # open result universes
    for c, t, cs, open_ in zip(cmds, types, ctor_types, open_result):
        lv = _result_sort(meta, t)
        if L.to_offset(meta.instantiate_level_mvars(lv))[0].kind == L.MVAR_K:
            levels = []
            for _, ct, k in cs:
                levels += _field_levels(te, ct, 0, k.span)
            _solve_result_universe(te, lv, levels, open_, c.span)
    types = [te.finalize(t, c.type.span if c.type is not None else c.span) for c, t in zip(cmds, types)]
    # Lean's `Init` turns the check off for its universe-polymorphic subsingletons (`PUnit`, `PEmpty`)
    if get_option(ce.scope.options, "bootstrap.inductiveCheckResultingUniverse") is not False:
        for c, t in zip(cmds, types):
            _check_resulting_universe(te, _result_sort(meta, t), c.span)
    ctor_types = [[(cn, te.finalize(ct, k.span), k) for cn, ct, k in cs] for cs in ctor_types]
    # section variables used, universe parameters
    all_es = [meta.mk_pi_fvars(params, t) for t in types] + \
        [meta.mk_pi_fvars(params, ct) for cs in ctor_types for _, ct, _ in cs]
    vs = _used_section_vars(meta, var_fvars, all_es)
    lparams = ce._level_params(te, meta, all_es, list(first.univs), n_declared)  # noqa: SLF001
    us = [L.param(u) for u in lparams]
    consts = {tl: E.mk_app_n(E.mk_const(n, us), vs) for tl, n in zip(tlocals, names)}

    def subst(e: Expr) -> Expr:
        e = meta.instantiate_mvars(e)
        return E.replace(e, lambda x, off: consts.get(x) if x.kind == E.FVAR else None)

    all_params = vs + params
    ind_types = []
    for n, t, cs in zip(names, types, ctor_types):
        ity = subst(meta.mk_pi_fvars(all_params, subst(t)))
        ctors = tuple(Constructor(cn, subst(E.mk_binding(True, all_params, subst(ct),
                                                         [x.bi for x in vs] + _ctor_binder_infos(params))))
                      for cn, ct, _ in cs)
        ind_types.append(InductiveType(n, ity, ctors))
    n_promoted = _fixed_index_prefix(te, types, [[ct for _, ct, _ in cs] for cs in ctor_types], tlocals, params)
    if not n_promoted:  # promoted indices are parameters, which the check leaves out
        for t, cs in zip(types, ctor_types):
            for cn, ct, k in cs:
                _check_ctor_universe(te, cn, ct, _result_sort(meta, t), k.span)
    meta.pop_locals(len(tlocals))
    decl = InductiveDecl(lparams, len(all_params) + n_promoted, tuple(ind_types), False)
    _submit(ce, decl, span)
    for c, n in zip(cmds, names):
        ce.user_namespaces.add(n)
        if c.is_class and ce.table is not None:
            check_class_out_params(ce.env, n)
            ce.table.add_class(n)
    for n in names:
        _aux_constructions(ce, n, span)
    for c, n in zip(cmds, names):
        if c.deriving:
            derive(ce, [n], first.binders, c.deriving)


def _aux_constructions(ce: "CommandElaborator", ind: Name, span: Any) -> None:
    """Lean's `mkAuxConstructions` as far as leanr has them: `T.recOn` and `T.casesOn` (kernel-checked
    definitions), so user terms may name them as in Lean; `T.noConfusion` is built when first named."""
    info = ce.env.find(ind)
    if not isinstance(info, InductiveInfo) or info.num_nested:
        return
    from .match import ensure_cases_on  # match.py builds on this module's callers

    _add_rec_on(ce, ind, span)
    try:
        ensure_cases_on(ce.env, ind)
    except ElabError:
        pass  # shapes `casesOn` does not cover yet stay without it (named uses then say so)


def _add_rec_on(ce: "CommandElaborator", ind: Name, span: Any) -> None:
    """`T.recOn`: `T.rec` with the indices and the major premise before the minor premises."""
    rec = ce.env.find(ind.append("rec"))
    name = ind.append("recOn")
    if not isinstance(rec, RecursorInfo) or ce.env.find(name) is not None:
        return
    counter = E.FVarCounter()
    xs: list[E.FVar] = []
    t = rec.type
    while t.kind == E.PI:
        x = E.mk_fvar(t.name, t.type, None, t.bi, counter)  # type: ignore[attr-defined]
        xs.append(x)
        t = E.instantiate1(t.body, x)  # type: ignore[attr-defined]
    np, nm, nmin = rec.num_params, rec.num_motives, rec.num_minors
    ps, motives, minors, rest = xs[:np], xs[np:np + nm], xs[np + nm:np + nm + nmin], xs[np + nm + nmin:]
    order = ps + motives + rest + minors
    lv = [L.param(p) for p in rec.level_params]
    val_body = E.mk_app_n(E.mk_const(rec.name, lv), xs)
    bis = [x.bi for x in order]
    _submit(ce, DefinitionDecl(name, rec.level_params, E.mk_binding(True, order, t, bis),
                               E.mk_binding(False, order, val_body, bis), ABBREV_HINTS), span)
    ce.reducible.add(name)


def _telescope(meta: "MetaContext", t: Expr, whnf: bool = True) -> tuple[list[E.FVar], Expr]:
    """Push locals for the Π binders of `t` (whnf between them unless `whnf` is false: the binders as
    written); the locals and the body. The caller pops."""
    xs: list[E.FVar] = []
    t = meta.instantiate_mvars(t)
    while True:
        if t.kind != E.PI:
            if not whnf:
                return xs, t
            w = meta.whnf(t)
            if w.kind != E.PI:
                return xs, t
            t = w
        x = meta.push_local(t.name, t.type, t.bi)  # type: ignore[attr-defined]
        xs.append(x)
        t = E.instantiate1(t.body, x)  # type: ignore[attr-defined]


def _fixed_index_mask(te: TermElaborator, n_indices: int, ctor_types: Sequence[Expr], tlocals: Sequence[E.FVar],
                      n_params: int) -> list[bool]:
    """Lean's `computeFixedIndexBitMask`: index `i` is fixed when every constructor binds it as its own `i`-th
    argument and every recursive occurrence in a field passes that same argument."""
    meta = te.meta
    mask = [True] * n_indices
    for ct in ctor_types:
        mark = len(meta.lctx)
        try:
            ys, body = _telescope(meta, ct)
            args = E.get_app_args(body)
            for i in range(n_indices):
                if not (i < len(ys) and n_params + i < len(args) and args[n_params + i] is ys[i]):
                    mask[i] = False
            for y in ys:
                for e in E.subterms(meta.instantiate_mvars(y.type)):
                    h = E.get_app_fn(e)
                    if h.kind == E.FVAR and h in tlocals:
                        e_args = E.get_app_args(e)
                        for i in range(n_params, n_params + n_indices):
                            # an index a partial application (`List.All (All P)`) leaves out is not fixed
                            if i >= len(e_args) or i >= len(args) or e_args[i] is not args[i]:
                                mask[i - n_params] = False
        finally:
            meta.pop_locals(len(meta.lctx) - mark)
    return mask


def _fixed_index_prefix(te: TermElaborator, types: Sequence[Expr], ctor_types: Sequence[Sequence[Expr]],
                        tlocals: Sequence[E.FVar], params: Sequence[E.FVar]) -> int:
    """How many leading indices become parameters (Lean's `fixedIndicesToParams`): `inductive Eq : α → α →
    Prop | refl (a : α) : Eq a a` gets the parameters `α a`, so `Eq.refl a` takes `a` explicitly. Indices are
    promoted from the front only, while fixed in every type of the block and their types agree."""
    meta = te.meta
    n_params = len(params)
    arities = []
    for t in types:
        mark = len(meta.lctx)
        xs, _ = _telescope(meta, t)
        meta.pop_locals(len(meta.lctx) - mark)
        arities.append(len(xs))
    masks = [_fixed_index_mask(te, n, cts, tlocals, n_params) for n, cts in zip(arities, ctor_types)]
    if not any(any(m) for m in masks):
        return 0
    mark = len(meta.lctx)
    try:
        first = meta.instantiate_mvars(types[0])
        others = [meta.whnf(meta.instantiate_mvars(t)) for t in types[1:]]
        others += [meta.whnf(meta.instantiate_mvars(ct)) for cts in ctor_types for ct in cts]
        i = 0
        while i < len(masks[0]):
            if not all(i < len(m) and m[i] for m in masks):
                break
            first = meta.whnf(first)
            if first.kind != E.PI or any(o.kind != E.PI or not meta.is_def_eq(o.type, first.type)  # type: ignore[attr-defined]
                                         for o in others):
                break
            x = meta.push_local(Name.of("a"), first.type)  # type: ignore[attr-defined]
            first = E.instantiate1(first.body, x)  # type: ignore[attr-defined]
            others = [meta.whnf(E.instantiate1(o.body, x)) for o in others]  # type: ignore[attr-defined]
            i += 1
        return i
    finally:
        meta.pop_locals(len(meta.lctx) - mark)


def _parent_field(te: TermElaborator, parent: A.Term, fields: list, spans: list, seen: set[str]) -> None:
    """The subobject field `toP : P` of `extends P`, and P's fields as let-bound locals `x := toP.x` (so later
    fields may mention them; `_zeta_parent_fields` replaces them by their values)."""
    from .sugar import parents, structure_fields

    meta = te.meta
    pt = te.elab_type(parent)
    te.synthesize(False)
    head = E.get_app_fn(meta.whnf(meta.instantiate_mvars(pt)))
    found = structure_fields(te.env, head.name) if head.kind == E.CONST else None  # type: ignore[attr-defined]
    if found is None:
        raise ElabError(f"invalid 'extends', structure expected\n  {te.pp(pt)}", parent.span)
    pname = head.name  # type: ignore[attr-defined]
    to_name = f"to{pname.last}"
    if to_name in seen:
        raise ElabError(f"field '{to_name}' has already been declared", parent.span)
    seen.add(to_name)
    to_p = meta.push_local(Name.of(to_name), meta.instantiate_mvars(pt))
    fields.append(to_p)
    spans.append(parent.span)
    todo = [(pname, to_p)]   # the parent's fields and, through its own parents, its ancestors' fields
    while todo:
        sname, obj = todo.pop(0)
        sfields = structure_fields(te.env, sname)
        ancestors = dict(parents(te.env, sname))
        for i, (fname, _) in enumerate(sfields[1] if sfields is not None else ()):
            val = E.mk_proj(sname, i, obj)  # the kernel projection: a class's `self` is instance-implicit
            if i in ancestors:
                todo.append((ancestors[i], val))
            if fname in seen:
                raise ElabError(f"field '{fname}' from '{sname}' is also a field of another parent or of the "
                                "structure: overlapping parents are not supported yet", parent.span)
            seen.add(fname)
            meta.push_local(Name.of(fname), meta.infer_type(val), value=val)


def _zeta_parent_fields(meta: "MetaContext", e: Expr) -> Expr:
    """`e` with the let-bound locals of parent fields replaced by their values."""
    e = meta.instantiate_mvars(e)
    return E.replace(e, lambda x, off: x.value if x.kind == E.FVAR and x.value is not None else None)  # type: ignore[attr-defined]


def _default_value(ce: "CommandElaborator", te: TermElaborator, name: Name, lparams: Any, params: list,
                   pinfos: list, fields: list, i: int, stx: A.Term) -> None:
    """The default value of field `i`, as Lean's `S.f._default : ∀ {params} (earlier fields), F` (used by
    structure instances that omit the field)."""
    meta = te.meta
    x = fields[i]
    v = te.elab_term(stx, x.type)
    te.synthesize(True)
    v = _zeta_parent_fields(meta, te.finalize(v, stx.span))
    if set(fvars_in(v)) & set(fields[i:]):
        raise ElabError("default values that use later fields are not supported yet", stx.span)
    if meta.mctx.collect_level_mvars_of(v):
        raise ElabError("default values with universe metavariables are not supported yet", stx.span)
    binders = params + fields[:i]
    infos = pinfos + [E.DEFAULT] * i
    dtype = meta.instantiate_mvars(E.mk_binding(True, binders, meta.instantiate_mvars(x.type), infos))
    dval = meta.instantiate_mvars(E.mk_binding(False, binders, v, infos))
    dname = _join(name, x.name).append("_default")
    _submit(ce, DefinitionDecl(dname, lparams, dtype, dval, ABBREV_HINTS), stx.span)
    ce.reducible.add(dname)


def ce_binder_names(b: Any) -> list[str]:
    return [n.name if isinstance(n, A.Ident) else "_" for n in getattr(b, "names", ())]


def _unify_ctor_params(te: TermElaborator, body: Expr, tl: E.FVar, params: Sequence[E.FVar]) -> None:
    """As Lean, the parameter positions of the constructor's resulting type are unified with the parameters:
    in `inductive R : FoldImpl α β → … | intro : R ⟨γ, x₀, f, out⟩ …` nothing else determines the
    implicit `α β` that `R`'s occurrence received."""
    meta = te.meta
    t = meta.instantiate_mvars(body)
    while t.kind == E.PI:
        t = t.body  # type: ignore[attr-defined]
    h, args = E.get_app_fn_args(t)
    if h is not tl:
        return
    for a, p in zip(args, params):
        if a is not p and a.lbr == 0 and meta.mctx.has_unassigned_mvars(a):
            meta.is_def_eq(a, p)


def _check_param_occurrences(te: TermElaborator, ct: Expr, tlocals: Sequence[E.FVar], params: Sequence[E.FVar],
                             span: Any) -> None:
    """Every occurrence of a type being defined in a constructor's type gives all the parameters (Lean's
    `checkParamOccs`): `List.All (All P) t.children` misses the parameter `t` of `All`."""
    meta = te.meta
    n = len(params)
    if not n:
        return
    types = set(tlocals)
    mark = len(meta.lctx)
    try:
        xs, body = _telescope(meta, ct, whnf=False)
        for part in [x.type for x in xs] + [body]:
            todo: list[tuple[Expr, Expr]] = [(part, part)]   # (term, the application it is an argument of)
            while todo:
                e, parent = todo.pop()
                if e.kind == E.APP or (e.kind == E.FVAR and e in types):
                    f, args = E.get_app_fn_args(e)
                    if f in types and len(args) < n:
                        tl = next(x for x in tlocals if x is f)
                        raise ElabError(
                            "Missing parameter(s) in occurrence of inductive type: In the expression"
                            f"\n  {te.pp(parent)}\nfound\n  {te.pp(e)}\nbut expected all parameters to be "
                            f"specified:\n  {te.pp(E.mk_app_n(tl, params))}\n\nNote: All occurrences of an "
                            "inductive type in the types of its constructors must specify its fixed parameters. "
                            "Only indices can be omitted in a partial application of the type constructor.", span)
                    todo.extend((a, e) for a in args if a.lbr == 0)
                    if f.kind != E.FVAR:
                        todo.append((f, e))
    finally:
        meta.pop_locals(len(meta.lctx) - mark)


def _check_ctor_universe(te: TermElaborator, ctor: Name, ct: Expr, result: Any, span: Any) -> None:
    """Every field of a constructor lives in a universe no larger than the type's (Lean's
    `checkResultingUniverses`; the kernel checks it too, with a terser message)."""
    meta = te.meta
    result = meta.instantiate_level_mvars(result) if result is not None else None
    if result is None or result is L.ZERO or result.has_mvar:
        return
    mark = len(meta.lctx)
    try:
        xs, _ = _telescope(meta, ct, whnf=False)
        for x in xs:
            s = meta.whnf(meta.instantiate_mvars(meta.infer_type(x.type)))
            if s.kind == E.SORT and not s.level.has_mvar \
                    and not L.is_geq(result, s.level):  # type: ignore[attr-defined]
                named = "" if "_hyg" in str(x.name) else f" `{x.name}`"
                raise ElabError(f"Invalid universe level in constructor `{ctor}`: Parameter{named} has type"
                                f"\n  {te.pp(x.type)}\nat universe level\n  {pp_level(L.normalize(s.level))}"  # type: ignore[attr-defined]
                                "\nwhich is not less than or equal to the inductive type's resulting universe "
                                f"level\n  {pp_level(L.normalize(result))}", span)
    finally:
        meta.pop_locals(len(meta.lctx) - mark)


def _check_ctor_result(te: TermElaborator, ct: Expr, tl: E.FVar, params: Sequence[E.FVar], tname: str,
                       k: A.Ctor) -> None:
    """The constructor's type must end in `T params indices` (the parameters as given, in order)."""
    meta = te.meta
    span = k.type.span if k.type is not None else k.span
    mark = len(meta.lctx)
    try:
        _, t = _telescope(meta, ct, whnf=False)  # opened with locals: the messages show the binders' names
        h, args = E.get_app_fn_args(t)
        if h is not tl:
            raise ElabError(f"Unexpected resulting type for constructor `{tname}.{k.name.name}`: Expected\n  "
                            f"{te.pp(E.mk_app_n(tl, params))}\nbut found\n  {te.pp(t)}", span)
        if len(args) < len(params):
            raise ElabError(f"inductive datatype parameter mismatch\n  {te.pp(t)}\nexpected\n  "
                            f"{te.pp(E.mk_app_n(tl, params))}", span)
        for a, p in zip(args, params):
            if a is not p:
                raise _ParamVaries(f"Mismatched inductive type parameter in\n  {te.pp(t)}\nThe provided argument\n  "
                                f"{te.pp(a)}\nis not definitionally equal to the expected parameter\n  {te.pp(p)}"
                                f"\n\nNote: The value of parameter `{te.pp(p)}` must be fixed throughout the "
                                "inductive declaration. Consider making this parameter an index if it must vary.",
                                span, p)
    finally:
        meta.pop_locals(len(meta.lctx) - mark)


# ---------------------------------------------------------------------------------------------- structure

def elab_structure(ce: "CommandElaborator", cmd: A.Structure) -> None:
    name = full_name(ce, cmd.name)
    _check_fresh(ce, name, cmd.name.span)
    ctor_short = Name.of(cmd.ctor.name) if cmd.ctor is not None else Name.of("mk")
    ctor_name = _join(name, ctor_short)
    _check_fresh(ce, ctor_name, cmd.ctor.span if cmd.ctor is not None else cmd.name.span)
    is_class = cmd.kind == "class"
    te, meta = ce._term_elab(name.prefix if name.prefix is not None else ce.scope.namespace,  # noqa: SLF001
                             tuple(cmd.univs))
    n_declared = len(ce.scope.universes) + len(cmd.univs)
    var_fvars = te.elab_binders(ce.scope.variables)
    te.auto_bound_levels = ce.auto_bound_mode() is not None

    def header(autos: list) -> tuple[list, Expr]:
        params = autos + te.elab_binders(cmd.binders)
        ty = te.elab_type(cmd.type) if cmd.type is not None else E.mk_sort(meta.new_level_mvar())
        te.synthesize(False)
        return params, ty

    fresh, (params, ty) = with_auto_bound(te, header, ce.auto_bound_mode())
    params = fresh + params
    rlevel = _result_sort(meta, ty)
    if rlevel is None or meta.instantiate_mvars(ty).kind != E.SORT:
        raise ElabError(f"invalid structure type, a sort expected\n  {te.pp(ty)}",
                        cmd.type.span if cmd.type is not None else cmd.span)
    # the structure itself, as a local, for fields that mention it (`children : List (RoseTree α)`)
    short = cmd.name.name[len("_root_."):] if cmd.name.name.startswith("_root_.") else cmd.name.name
    self_local = meta.push_local(Name.of(short), meta.mk_pi_fvars(params, ty))
    # fields, as locals (later fields may depend on earlier ones)
    fields: list[E.FVar] = []
    field_spans: list[Any] = []
    seen: set[str] = set()
    defaults: list[tuple[int, A.Term]] = []   # (field index, default value)
    for parent in cmd.extends:  # `extends P`: a field `toP : P`, P's fields in scope as `toP.x`
        _parent_field(te, parent, fields, field_spans, seen)
    for fd in cmd.fields:
        bi = _BI.get(fd.kind, E.DEFAULT)
        untyped: tuple = ()
        if len(fd.names) > 1 and (fd.span.line, fd.span.col) == (fd.names[0].span.line, fd.names[0].span.col):
            # `a b : T` without parentheses is the field `a` with a binder `b` whose type the field's type must
            # fix (`max_def x y : max x y = …`), as Lean reads it
            untyped = tuple(A.Binder(x.span, "simple", (x,), None) for x in fd.names[1:])
            fd = replace(fd, names=fd.names[:1], binders=untyped + tuple(fd.binders))
        if fd.type is None:
            raise ElabError("a field without a type is not supported yet (give its type)", fd.span)
        for ident in fd.names:
            if fd.default is not None:
                defaults.append((len(fields), fd.default))
            if ident.name in seen:
                raise ElabError(f"field '{ident.name}' has already been declared", ident.span)
            seen.add(ident.name)
            mark = len(meta.lctx)
            try:
                zs = te.elab_binders(fd.binders)
                ft = te.elab_type(fd.type)
                te.synthesize(False)
                for z, b in zip(zs, untyped):
                    if meta.instantiate_mvars(z.type).flags & E.HAS_MVAR:
                        raise ElabError(f"Failed to infer type of binder `{b.names[0].name}`", b.span)
                ft = _zeta_parent_fields(meta, meta.mk_pi_fvars(zs, ft))
            finally:
                meta.pop_locals(len(meta.lctx) - mark)
            fields.append(meta.push_local(Name.of(ident.name), ft, bi))
            field_spans.append(ident.span)
    te.synthesize(True)
    if L.to_offset(meta.instantiate_level_mvars(rlevel))[0].kind == L.MVAR_K:
        levels = [meta.instantiate_level_mvars(te.ensure_type(x.type, s)) for x, s in zip(fields, field_spans)]
        _solve_result_universe(te, rlevel, levels, cmd.type is None, cmd.span)
    ty = te.finalize(ty, cmd.type.span if cmd.type is not None else cmd.span)
    field_types = [te.finalize(x.type, s) for x, s in zip(fields, field_spans)]
    all_es = [meta.mk_pi_fvars(params, ty), meta.mk_pi_fvars(params, meta.mk_pi_fvars(fields, E.PROP))]
    vs = _used_section_vars(meta, var_fvars, all_es)
    lparams = ce._level_params(te, meta, all_es, list(cmd.univs), n_declared)  # noqa: SLF001
    us = [L.param(u) for u in lparams]
    all_params = vs + params
    s_app = E.mk_app_n(E.mk_const(name, us), all_params)
    self_app = E.mk_app_n(E.mk_const(name, us), vs)

    def close_self(e: Expr) -> Expr:
        """`e` with the structure's local replaced by the structure (over the section variables)."""
        return E.replace(meta.instantiate_mvars(e), lambda x, off: self_app if x is self_local else None)
    ctor_body = close_self(meta.mk_pi_fvars(fields, s_app))
    recursive = ctor_body is not meta.instantiate_mvars(meta.mk_pi_fvars(fields, s_app))
    if recursive and (defaults or cmd.extends):
        raise ElabError("recursive structures with default values or parents are not supported yet", cmd.name.span)
    pinfos = [x.bi for x in vs] + _ctor_binder_infos(params)
    ctor_type = meta.instantiate_mvars(E.mk_binding(True, all_params, ctor_body, pinfos))
    ind_type = meta.instantiate_mvars(meta.mk_pi_fvars(all_params, meta.instantiate_mvars(ty)))
    decl = InductiveDecl(lparams, len(all_params), (InductiveType(name, ind_type,
                                                                  (Constructor(ctor_name, ctor_type),)),), False)
    _submit(ce, decl, cmd.span)
    ce.user_namespaces.add(name)
    _aux_constructions(ce, name, cmd.span)
    # projections: `S.f : ∀ {params} (self : S params), F[earlier fields := S.g params self]`
    self_bi = E.INST_IMPLICIT if is_class else E.DEFAULT
    self_x = meta.push_local(Name.of("self"), s_app, self_bi)
    try:
        earlier: dict[Any, Expr] = {}
        for i, (x, ft) in enumerate(zip(fields, field_types)):
            pname = _join(name, x.name)
            if ce.env.find(pname) is not None:
                raise ElabError(f"'{pname}' has already been declared", field_spans[i])
            ft = E.replace(close_self(ft), lambda e, off: earlier.get(e) if e.kind == E.FVAR else None)
            ptype = meta.instantiate_mvars(E.mk_binding(True, all_params + [self_x], ft, pinfos + [self_bi]))
            pval = meta.instantiate_mvars(E.mk_binding(False, all_params + [self_x], E.mk_proj(name, i, self_x),
                                                       pinfos + [self_bi]))
            _submit(ce, DefinitionDecl(pname, lparams, ptype, pval, ABBREV_HINTS), field_spans[i])
            ce.reducible.add(pname)
            earlier[x] = E.mk_app(E.mk_app_n(E.mk_const(pname, us), all_params), self_x)
    finally:
        meta.pop_locals(1)
    for i, stx in defaults:
        _default_value(ce, te, name, lparams, all_params, pinfos, fields, i, stx)
    if is_class and ce.table is not None:
        check_class_out_params(ce.env, name)
        ce.table.add_class(name)
        from .sugar import parents

        for _, pname in parents(ce.env, name):   # as Lean, a class's parent projections are instances
            if pname in ce.table.classes:
                ce.table.add_instance(name.append(f"to{pname.last}"))
    if cmd.deriving:
        derive(ce, [name], cmd.binders, cmd.deriving)
