"""Coercions, inserted where Lean inserts them (Lean's `Meta.coerceSimple?`, `coerceToFunction?`,
`coerceToSort?`, `expandCoe`):

- a term whose type does not unify with the expected type (`elab_term`, application arguments):
  an instance of `CoeT α e β` is synthesized (the chain `CoeHead? CoeOut* Coe* CoeTail?` or `CoeDep`, from the
  prelude's `Init.Coe` classes), e.g. `Nat → Int` through `NatCast`, `Bool → Prop` (`b = true`), `Prop → Bool`
  (`decide p`), `α → Option α`;
- a term applied to arguments whose type is not a function type: `CoeFun`;
- a term used as a type whose type is not a sort: `CoeSort`;
- `↑e`, the explicit coercion to the expected type.

As `expandCoe`, the result is unfolded through the coercion classes' projections and instances until a
function that is not one of them remains (`↑n` becomes `Nat.cast n`, `b` as a `Prop` becomes `b = true`).
Coercions are only tried between types without metavariables (Lean would postpone the others; here they
keep the `type mismatch` error).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..kernel import expr as E
from ..kernel.expr import CONST, PI, PROJ, SORT, Expr
from ..kernel.name import Name
from ..syntax import ast as A
from . import messages
from .errors import ElabError
from .instances import synth_instance
from .term import _DISPATCH
from .postpone import Postpone, may_postpone, postpone_coercion

if TYPE_CHECKING:
    from .term import TermElaborator

__all__ = ["coerce", "coerce_to_function", "coerce_to_sort", "elab_term_coerced", "expand_coe"]

# Lean's `@[coe_decl]` functions: the projections of the coercion classes, unfolded by `expand_coe`
_COE_DECLS = frozenset(Name.of(f"{c}.coe") for c in (
    "Coe", "CoeTC", "CoeOut", "CoeOTC", "CoeHead", "CoeHTC", "CoeTail", "CoeHTCT", "CoeDep", "CoeT", "CoeFun",
    "CoeSort"))
_MAX_UNFOLD = 64


def _closed(te: "TermElaborator", *es: Expr) -> bool:
    return not any(te.meta.instantiate_mvars(e).flags & E.HAS_MVAR for e in es)


def _unknown_type(te: "TermElaborator", t: Expr) -> bool:
    """Does the (instantiated) type `t` contain an expression metavariable? Universe metavariables are fine
    (`S : Semigroup.{?u}` coerced to `Type ?u`)."""
    return te.meta.mctx._has_unassigned_expr_mvar(te.meta.instantiate_mvars(t))  # noqa: SLF001


def _synth(te: "TermElaborator", cls: str, levels: list, args: list[Expr]) -> Expr | None:
    """An instance of `cls.{levels} args` (None when the class is missing or there is none)."""
    name = Name.of(cls)
    if te.table is None or te.env.find(name) is None:
        return None
    goal = E.mk_app_n(E.mk_const(name, levels), args)
    meta = te.meta
    st = meta.save()
    try:
        r = synth_instance(meta, goal, te.table)
    except ElabError:
        r = None
    if r is None:
        meta.restore(st)
        return None
    meta.commit(st)
    return r


def _level(te: "TermElaborator", t: Expr) -> Any:
    return te.meta.instantiate_level_mvars(te.ensure_type(t, None))


def coerce(te: "TermElaborator", e: Expr, e_type: Expr, expected: Expr) -> Expr | None:
    """`e : e_type` coerced to `expected`, or None."""
    meta = te.meta
    lifted = _monad_lift(te, e, e_type, expected)
    if lifted is not None:
        return lifted
    if _unknown_type(te, e_type) or _unknown_type(te, expected):
        return None   # universe metavariables are fine: `α : Type ?u` coerced to `Option α`
    e_type, expected = meta.instantiate_mvars(e_type), meta.instantiate_mvars(expected)
    u, v = _level(te, e_type), _level(te, expected)
    inst = _synth(te, "CoeT", [u, v], [e_type, e, expected])
    if inst is None:
        return None
    return expand_coe(te, E.mk_app_n(E.mk_const(Name.of("CoeT.coe"), [u, v]), [e_type, e, expected, inst]), e)


def _monad_lift(te: "TermElaborator", e: Expr, e_type: Expr, expected: Expr) -> Expr | None:
    """Lean's `coerceMonadLift?`: an action `e : n β` where `m α` is expected, for monads `n ≠ m` with a
    `MonadLiftT n m` instance, becomes `MonadLiftT.monadLift e : m β` (`BaseIO` actions in `IO`). The result
    types may still be unknown; the monads must be known."""
    meta = te.meta
    t, s = meta.whnf_r(meta.instantiate_mvars(expected)), meta.whnf_r(meta.instantiate_mvars(e_type))
    if t.kind != E.APP or s.kind != E.APP:
        return None
    m, n, beta = t.fn, s.fn, s.arg  # type: ignore[attr-defined]
    if _unknown_type(te, m) or _unknown_type(te, n) or te.table is None \
            or te.env.find(Name.of("MonadLiftT.monadLift")) is None:
        return None
    st = meta.save()
    try:
        if meta.is_def_eq(m, n):
            meta.restore(st)
            return None
        cls = te.mk_app_m("MonadLiftT", [n, m], None)
        inst = synth_instance(meta, cls, te.table)
        lifted = None if inst is None else E.mk_app_n(
            E.mk_const(Name.of("MonadLiftT.monadLift"), E.get_app_fn(cls).levels), [n, m, inst, beta, e])  # type: ignore[attr-defined]
        if lifted is None or not meta.is_def_eq(E.mk_app(m, beta), expected):
            meta.restore(st)
            return None
    except ElabError:
        meta.restore(st)
        return None
    meta.commit(st)
    return lifted


def coerce_to_function(te: "TermElaborator", f: Expr, f_type: Expr) -> tuple[Expr, Expr] | None:
    """`f : f_type` (not a function type) coerced through `CoeFun` to a function, with its type; or None."""
    meta = te.meta
    f_type = meta.instantiate_mvars(f_type)
    if _unknown_type(te, f_type):
        return None
    u, v = _level(te, f_type), meta.new_level_mvar()
    gamma = meta.new_mvar(E.mk_pi(Name.of("f"), f_type, E.mk_sort(v)))
    inst = _synth(te, "CoeFun", [u, v], [f_type, gamma])
    if inst is None:
        return None
    v = meta.instantiate_level_mvars(v)
    g = E.mk_app_n(E.mk_const(Name.of("CoeFun.coe"), [u, v]), [f_type, meta.instantiate_mvars(gamma), inst, f])
    g = expand_coe(te, g, f)
    t = meta.whnf(meta.instantiate_mvars(meta.infer_type(g)))
    return (g, t) if t.kind == PI else None


def coerce_to_sort(te: "TermElaborator", e: Expr, e_type: Expr) -> Expr | None:
    """`e : e_type` (not a sort) coerced through `CoeSort` to a type, or None."""
    meta = te.meta
    e_type = meta.instantiate_mvars(e_type)
    if _unknown_type(te, e_type):
        return None
    u, v = _level(te, e_type), meta.new_level_mvar()
    beta = meta.new_mvar(E.mk_sort(v))
    inst = _synth(te, "CoeSort", [u, v], [e_type, beta])
    if inst is None:
        return None
    v = meta.instantiate_level_mvars(v)
    r = E.mk_app_n(E.mk_const(Name.of("CoeSort.coe"), [u, v]), [e_type, meta.instantiate_mvars(beta), inst, e])
    return expand_coe(te, r, e)


def expand_coe(te: "TermElaborator", e: Expr, atom: Expr) -> Expr:
    """Unfold the coercion classes' projections (and the instances they project from) in `e`, as Lean's
    `expandCoe`; `atom` (the coerced term) is not entered."""
    meta = te.meta
    env = te.env
    budget = [_MAX_UNFOLD]

    def head_unfold(x: Expr) -> Expr:
        while budget[0] > 0:
            f, args = E.get_app_fn_args(x)
            if f.kind != CONST or f.name not in _COE_DECLS:  # type: ignore[attr-defined]
                return x
            budget[0] -= 1
            info = env.find(f.name)  # type: ignore[attr-defined]
            val = getattr(info, "value", None)
            if val is None:
                return x
            val = E.instantiate_level_params(val, info.level_params, f.levels)  # type: ignore[attr-defined]
            y = meta.whnf_core(E.mk_app_n(val, args))            # `inst.i rest…`, reduced when it can be
            g, rest = E.get_app_fn_args(y)
            if g.kind == PROJ:                                    # stuck on the instance: unfold it
                s = meta.whnf(meta.instantiate_mvars(g.struct))   # type: ignore[attr-defined]
                z = meta.whnf_core(E.mk_app_n(E.mk_proj(g.sname, g.idx, s), rest))  # type: ignore[attr-defined]
                if E.get_app_fn(z).kind == PROJ:
                    return x
                y = z
            if y is x:
                return x
            x = y
        return x

    def walk(x: Expr) -> Expr:
        if x is atom:
            return x
        x = head_unfold(x)
        f, args = E.get_app_fn_args(x)
        new = [walk(a) for a in args]
        if any(a is not b for a, b in zip(new, args)):
            x = E.mk_app_n(f, new)
        return x

    return walk(meta.instantiate_mvars(e))


# ---------------------------------------------------------------------------------------------- hooks

def elab_term_coerced(te: "TermElaborator", e: Expr, expected: Expr, span: Any) -> Expr:
    """`e` as a term of type `expected`: itself when the types unify, else coerced; `type mismatch` when
    neither works."""
    meta = te.meta
    t = meta.infer_type(e)
    if meta.is_def_eq(t, expected):
        return e
    c = coerce(te, e, t, expected)
    if c is not None:
        return c
    try:
        te.ensure_has_type(expected, e, span)  # raises the `type mismatch` error
    except ElabError as err:
        later = postpone_coercion(te, e, t, expected, err)   # unless the types may still become coercible
        if later is None:
            raise
        return later
    return e


def sort_or_coerced(te: "TermElaborator", e: Expr, span: Any) -> Expr:
    """`e` when it is a type, else coerced to one through `CoeSort` when possible (the caller checks)."""
    meta = te.meta
    t = meta.whnf(meta.instantiate_mvars(meta.infer_type(e)))
    if t.kind == SORT or E.get_app_fn(t).kind == E.MVAR:
        return e
    c = coerce_to_sort(te, e, t)
    return c if c is not None else e


def _e_coe_arrow(te: "TermElaborator", stx: A.UnOp, expected: Expr | None) -> Expr:
    """`↑e`: `e` coerced to the expected type."""
    meta = te.meta
    if (expected is None or not _closed(te, expected)) and may_postpone(te):
        raise Postpone()   # Lean waits for the expected type
    e = te._elab(stx.arg, None)  # noqa: SLF001
    te.synthesize(False)
    if expected is not None and E.get_app_fn(meta.whnf(meta.instantiate_mvars(expected))).kind == E.MVAR:
        if meta.is_def_eq(meta.infer_type(e), expected):   # still unknown at the end: no coercion, as Lean
            return e
    if expected is None or not _closed(te, expected):
        raise ElabError("'↑' whose expected type is not known yet is not supported yet", stx.span)
    t = meta.infer_type(e)
    if meta.is_def_eq(t, expected):
        return e
    c = coerce(te, e, t, expected)
    if c is None:
        err = ElabError(messages.type_mismatch(meta, te.pp, e, t, expected), stx.span)
        later = postpone_coercion(te, e, t, expected, err)
        if later is None:
            raise err
        return later
    return c


_elab_unop = _DISPATCH[A.UnOp]


def _e_unop(te: "TermElaborator", stx: A.UnOp, expected: Expr | None) -> Expr:
    if stx.op == "↑":
        return _e_coe_arrow(te, stx, expected)
    return _elab_unop(te, stx, expected)


_DISPATCH[A.UnOp] = _e_unop
