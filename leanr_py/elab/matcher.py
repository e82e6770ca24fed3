"""Lean's auxiliary matcher definitions: `f.match_1`, `f.match_2`, … for the `match`es of a declaration.

As Lean, each `match` (pattern equations, `fun | …`, `fun ⟨a, b⟩ => …`, `nomatch` included) of a declaration's
body gets a definition over a motive, the discriminants and one function per alternative:

    f.match_1.{u_1} : (motive : Weekday → Sort u_1) → (d : Weekday) →
      (Unit → motive Weekday.sunday) → … → motive d

whose value is the compiled case tree, each leaf applying its alternative's function to the values of that
alternative's pattern variables (`Unit` when it has none). The free variables of the discriminants' types
become leading implicit parameters (`{α : Type u_1}`) and the universes are renamed `u_1, u_2, …` with the
motive's last. The declaration's own body keeps its case tree (leanr's recursion and equation machinery work
on it), so the matcher is what `#print f.match_1` shows and what a user may apply; a matcher whose patterns
cannot be stated over variables of the discriminants' types (an alternative mentioning a variable its
patterns do not bind) is left out. Matchers are numbered in the order Lean creates them: a `match` inside
an alternative before the one containing it; a `match` compiled again (a right-hand side elaborated once per
leaf of the tree) is counted once.
"""
from __future__ import annotations

from typing import Any, Sequence

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import ABBREV_HINTS, DefinitionDecl
from ..kernel.errors import KernelError
from ..kernel.expr import Expr, FVar
from ..kernel.name import Name
from .errors import ElabError
from .mctx import implicit_prefix

__all__ = ["PendingMatchers", "add_matchers"]


class _NoMatcher(Exception):
    """The match has no matcher leanr can state."""


class PendingMatchers:
    """The matchers a declaration's body created, as (type, value) over the elaboration's fvars and mvars;
    closed and added once the declaration is (`add_matchers`)."""

    def __init__(self) -> None:
        self.built: list[tuple[Expr, Expr] | None] = []
        self.index: dict[int, int] = {}   # the `match` syntax (by its span) -> its place in `built`
        self.building = False


def build_matcher(te: Any, comp_cls: Any, discrs: Sequence[Expr], alts: list, span: Any) -> None:
    """Build the matcher of the match `alts` over `discrs` (just compiled successfully) and record it in
    `te.matchers`, in place of an earlier one of the same syntax (the last compilation is the one kept: an
    earlier one may belong to an attempt that failed). Nothing is recorded when leanr cannot state it; the
    elaboration state is unchanged."""
    pending: PendingMatchers | None = te.matchers
    if pending is None or pending.building:
        return
    slot = pending.index.get(id(span))
    if slot is None:
        slot = pending.index[id(span)] = len(pending.built)
        pending.built.append(None)
    meta = te.meta
    st = meta.save()
    saved_lets = te.mark_pattern_lets
    pending.building = True
    try:
        built = _build(te, comp_cls, discrs, alts, span)
    except (_NoMatcher, ElabError, KernelError):
        built = None
    finally:
        pending.building = False
        te.mark_pattern_lets = saved_lets
        meta.restore(st)
    pending.built[slot] = built


def _build(te: Any, comp_cls: Any, discrs: Sequence[Expr], alts: list, span: Any) -> tuple[Expr, Expr]:
    meta = te.meta
    te.mark_pattern_lets = False
    ds: list[FVar] = []
    olds: list[Expr] = []
    for d in discrs:
        d = meta.instantiate_mvars(d)
        dt = comp_cls._subst(meta.instantiate_mvars(meta.infer_type(d)), olds, ds)
        name = d.name if d.kind == E.FVAR else Name.of("x")  # type: ignore[attr-defined]
        ds.append(meta.push_local(name, dt))
        olds.append(d)
    u = L.param(Name.of("_motive_u"))
    motive = meta.push_local(Name.of("motive"), meta.mk_pi_fvars(ds, E.mk_sort(u)))
    unit = E.mk_const(Name.of("Unit"))
    n_start = len(meta.lctx)
    alt_fns: dict[int, FVar] = {}

    def leaf_rhs(alt: Any, goal: Expr, examples: list[Expr]) -> Expr:
        pats, values, var_fvars = leaf_pattern_values(comp, alt, examples)
        fn = alt_fns.get(alt.index)
        if fn is None:
            # the alternative's type, from the first leaf that reaches it: its variables' types must be stated
            # over the variables themselves (and the declaration's context), not over this leaf's locals
            local = set(meta.lctx[n_start:]) | set(ds)
            target = E.mk_app_n(motive, pats)
            ty = meta.mk_pi_fvars(var_fvars, target) if var_fvars else E.mk_pi(Name.of("x"), unit, target, E.DEFAULT)
            if E.find(ty, lambda x: x.kind == E.FVAR and x in local) is not None:
                raise _NoMatcher
            fn = alt_fns[alt.index] = meta.mk_local(Name.of(f"h_{alt.index + 1}"), ty)
        return E.mk_app_n(fn, values) if values else E.mk_app(fn, E.mk_const(Name.of("Unit.unit")))

    comp = comp_cls(te, span, None)
    comp.leaf_rhs = leaf_rhs
    comp.discriminants = set(ds)
    goal = E.mk_app_n(motive, ds)
    body = comp.compile(list(ds), alts, goal, list(ds))
    if comp.missing or len(alt_fns) != len(alts):
        raise _NoMatcher
    hs = [alt_fns[i] for i in sorted(alt_fns)]
    binders = [motive] + ds + hs
    value = meta.instantiate_mvars(meta.mk_lambda_fvars(binders, body))
    type_ = meta.instantiate_mvars(meta.mk_pi_fvars(binders, goal))
    return type_, value


def add_matchers(env: Any, meta: Any, te: Any, decl_name: Name) -> None:
    """Add the declaration's matchers `decl_name.match_k` (kernel-checked; one the kernel refuses is left
    out, as is one with unsolved metavariables)."""
    pending: PendingMatchers | None = te.matchers
    if pending is None:
        return
    k = 0
    for built in pending.built:
        if built is None:
            continue
        type_, value = built
        type_, value = meta.instantiate_mvars(type_), meta.instantiate_mvars(value)
        if (type_.flags | value.flags) & E.HAS_MVAR:
            continue
        closed = _close(meta, type_, value)
        if closed is None:
            continue
        k += 1
        type_, value, lparams = closed
        try:
            env.add(DefinitionDecl(decl_name.append(f"match_{k}"), lparams, type_, value, ABBREV_HINTS))
        except KernelError:
            k -= 1


def _close(meta: Any, type_: Expr, value: Expr) -> tuple[Expr, Expr, tuple] | None:
    """The matcher over the locals it mentions (implicit, with the locals their types mention, in the order
    they were made), its universes renamed `u_1, u_2, …` in order of occurrence, the motive's last."""
    used: set[FVar] = set()
    todo = [type_, value]
    while todo:
        e = todo.pop()
        for x in E.subterms(e):
            if x.kind == E.FVAR and x not in used:
                if x.value is not None:  # type: ignore[attr-defined]
                    return None
                used.add(x)  # type: ignore[arg-type]
                todo.append(meta.instantiate_mvars(x.type))  # type: ignore[attr-defined]
    params = sorted(used, key=lambda x: x.serial)
    type_ = implicit_prefix(meta.mk_pi_fvars(params, type_), len(params))
    value = implicit_prefix(meta.mk_lambda_fvars(params, value), len(params))
    found: dict[Name, None] = {}
    E.level_params_of(type_, found)
    E.level_params_of(value, found)
    motive_u = Name.of("_motive_u")
    names = [n for n in found if n != motive_u] + [motive_u]
    fresh = [Name.of(f"u_{i}") for i in range(1, len(names) + 1)]
    levels = [L.param(n) for n in fresh]
    type_ = E.instantiate_level_params(type_, names, levels)
    value = E.instantiate_level_params(value, names, levels)
    return type_, value, tuple(fresh)


def leaf_pattern_values(comp: Any, alt: Any, examples: list[Expr]) -> tuple[list[Expr], list[Expr], list[FVar]]:
    """The alternative's patterns as terms over fresh variables, the values those variables take at this
    leaf (`examples`: the discriminants' values here), and the variables, in the order Lean binds them (a
    variable, named or `_`, where its value first occurs; one that occurs again is the same variable)."""
    from .match import PCtor, PValue, PVar, constructor_view   # match.py imports this module

    meta = comp.meta
    env = comp.env
    seen: dict[Expr, FVar] = {}
    values: list[Expr] = []
    fvars: list[FVar] = []

    def abstract(t: Expr) -> Expr:
        return E.replace(t, lambda y, off: seen.get(y)) if seen else t

    def var(name: Name | None, value: Expr) -> Expr:
        v = meta.instantiate_mvars(value)
        if v.kind == E.FVAR and v in seen:   # an inaccessible position the compiler unified with a variable
            return seen[v]
        t = abstract(meta.instantiate_mvars(meta.infer_type(v)))
        x = meta.mk_local(name if name is not None else Name.of("x✝"), t)
        seen[v] = x
        values.append(v)
        fvars.append(x)
        return x

    def walk(p: Any, value: Expr) -> Expr:
        p = comp.classify(p, value)
        if isinstance(p, PVar):
            return var(p.name, value)
        if isinstance(p, PValue):
            return p.value
        if not isinstance(p, PCtor):   # `x@p`: not stated yet
            raise _NoMatcher
        view = constructor_view(meta, env, meta.instantiate_mvars(value))
        if view is None or view[0].name != p.ctor or len(p.fields) != len(view[2]):
            raise _NoMatcher
        info, params, fields = view
        head = E.get_app_fn(meta.whnf(value))   # the constructor's universe levels (none for a literal)
        ctor = E.mk_const(info.name, head.levels if head.kind == E.CONST else [])  # type: ignore[attr-defined]
        return E.mk_app_n(ctor, [abstract(a) for a in params] + [walk(fp, fv) for fp, fv in zip(p.fields, fields)])

    pats = [walk(p, ex) for p, ex in zip(alt.orig, examples)]
    return pats, values, fvars
