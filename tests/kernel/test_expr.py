"""Hash-consed terms: interning, cached loose-bvar ranges and flags, and substitution laws."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import BOOL, NAT, C, N, fv, lam, pi, u, v
from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L
from leanr_py.kernel.environment import ensure_recursion_limit
from leanr_py.kernel.expr import (
    HAS_FVAR, HAS_LPARAM, abstract, alpha_eqv, has_loose_bvar, instantiate, instantiate_level_params,
    instantiate_rev, lift_loose_bvars, lower_loose_bvars, mk_app, mk_bvar, mk_lam, mk_nat_lit, mk_pi, mk_sort,
    mk_str_lit,
)

PROP_SETTINGS = dict(deadline=None, derandomize=True)

# ------------------------------------------------------------------ reference implementations (naive, uncached)


def ref_lbr(e: E.Expr) -> int:
    k = e.kind
    if k == E.BVAR:
        return e.idx + 1  # type: ignore[attr-defined]
    if k == E.APP:
        return max(ref_lbr(e.fn), ref_lbr(e.arg))  # type: ignore[attr-defined]
    if k in (E.LAM, E.PI):
        return max(ref_lbr(e.type), ref_lbr(e.body) - 1, 0)  # type: ignore[attr-defined]
    if k == E.LET:
        return max(ref_lbr(e.type), ref_lbr(e.value), ref_lbr(e.body) - 1, 0)  # type: ignore[attr-defined]
    if k == E.PROJ:
        return ref_lbr(e.struct)  # type: ignore[attr-defined]
    return 0


def ref_has_fvar(e: E.Expr) -> bool:
    k = e.kind
    if k == E.FVAR:
        return True
    return any(ref_has_fvar(c) for c in children(e))


def children(e: E.Expr) -> list[E.Expr]:
    k = e.kind
    if k == E.APP:
        return [e.fn, e.arg]  # type: ignore[attr-defined]
    if k in (E.LAM, E.PI):
        return [e.type, e.body]  # type: ignore[attr-defined]
    if k == E.LET:
        return [e.type, e.value, e.body]  # type: ignore[attr-defined]
    if k == E.PROJ:
        return [e.struct]  # type: ignore[attr-defined]
    return []


def ref_occurs(e: E.Expr, i: int) -> bool:
    """Does `bvar i` occur loose in `e`?"""
    k = e.kind
    if k == E.BVAR:
        return e.idx == i  # type: ignore[attr-defined]
    if k in (E.LAM, E.PI):
        return ref_occurs(e.type, i) or ref_occurs(e.body, i + 1)  # type: ignore[attr-defined]
    if k == E.LET:
        return ref_occurs(e.type, i) or ref_occurs(e.value, i) or ref_occurs(e.body, i + 1)  # type: ignore[attr-defined]
    return any(ref_occurs(c, i) for c in children(e))


def ref_instantiate(e: E.Expr, subst: list[E.Expr], off: int = 0) -> E.Expr:
    k = e.kind
    n = len(subst)
    if k == E.BVAR:
        i = e.idx  # type: ignore[attr-defined]
        if i < off:
            return e
        if i - off < n:
            return lift_loose_bvars(subst[i - off], off)
        return mk_bvar(i - n)
    if k == E.APP:
        return mk_app(ref_instantiate(e.fn, subst, off), ref_instantiate(e.arg, subst, off))  # type: ignore[attr-defined]
    if k == E.LAM:
        return mk_lam(e.name, ref_instantiate(e.type, subst, off), ref_instantiate(e.body, subst, off + 1), e.bi)  # type: ignore[attr-defined]
    if k == E.PI:
        return mk_pi(e.name, ref_instantiate(e.type, subst, off), ref_instantiate(e.body, subst, off + 1), e.bi)  # type: ignore[attr-defined]
    if k == E.LET:
        return E.mk_let(e.name, ref_instantiate(e.type, subst, off), ref_instantiate(e.value, subst, off),  # type: ignore[attr-defined]
                        ref_instantiate(e.body, subst, off + 1), e.nondep)  # type: ignore[attr-defined]
    if k == E.PROJ:
        return E.mk_proj(e.sname, e.idx, ref_instantiate(e.struct, subst, off))  # type: ignore[attr-defined]
    return e


def rename_binders(e: E.Expr, name: str, bi: int | None = None) -> E.Expr:
    """The same term with every binder called `name` (and, if given, every binder info set to `bi`)."""
    new = N(name)

    def repl(x: E.Expr, off: int) -> E.Expr | None:
        if x.kind == E.LAM:
            return mk_lam(new, rename_binders(x.type, name, bi), rename_binders(x.body, name, bi),  # type: ignore[attr-defined]
                          x.bi if bi is None else bi)  # type: ignore[attr-defined]
        if x.kind == E.PI:
            return mk_pi(new, rename_binders(x.type, name, bi), rename_binders(x.body, name, bi),  # type: ignore[attr-defined]
                         x.bi if bi is None else bi)  # type: ignore[attr-defined]
        if x.kind == E.LET:
            return E.mk_let(new, rename_binders(x.type, name, bi), rename_binders(x.value, name, bi),  # type: ignore[attr-defined]
                            rename_binders(x.body, name, bi), x.nondep)  # type: ignore[attr-defined]
        return None

    return E.replace(e, repl)


# ------------------------------------------------------------------ random terms

X, Y, Z = fv("x", NAT), fv("y", BOOL), fv("z", NAT)
POOL = [X, Y, Z]
LEAF_CONSTS = [NAT, C("Nat.zero"), C("Prod", u, v), C("PUnit", L.max_(u, L.ONE)), mk_sort(L.imax(u, v)),
               mk_sort(L.ZERO), mk_nat_lit(3), mk_str_lit("s")]
BINDER_NAMES = [N("a"), N("b"), N("c")]


@st.composite
def terms(draw: st.DrawFn, ctx: int = 0, size: int = 6, fvars: bool = True) -> E.Expr:
    """A random term whose loose bound variables are < ctx."""
    leaf_kinds = ["const"] + (["bvar"] if ctx else []) + (["fvar"] if fvars else [])
    if size <= 1:
        kind = draw(st.sampled_from(leaf_kinds))
    else:
        kind = draw(st.sampled_from(leaf_kinds + ["app", "app", "lam", "pi", "let", "proj"]))
    if kind == "const":
        return draw(st.sampled_from(LEAF_CONSTS))
    if kind == "bvar":
        return mk_bvar(draw(st.integers(0, ctx - 1)))
    if kind == "fvar":
        return draw(st.sampled_from(POOL))
    sub = size - 1
    if kind == "app":
        return mk_app(draw(terms(ctx, sub // 2 + 1, fvars)), draw(terms(ctx, sub // 2, fvars)))
    if kind == "proj":
        return E.mk_proj(N("Prod"), draw(st.integers(0, 1)), draw(terms(ctx, sub, fvars)))
    name = draw(st.sampled_from(BINDER_NAMES))
    bi = draw(st.integers(0, 3))
    t = draw(terms(ctx, sub // 2, fvars))
    if kind == "let":
        val = draw(terms(ctx, sub // 3, fvars))
        return E.mk_let(name, t, val, draw(terms(ctx + 1, sub // 2, fvars)))
    body = draw(terms(ctx + 1, sub // 2 + 1, fvars))
    return mk_lam(name, t, body, bi) if kind == "lam" else mk_pi(name, t, body, bi)


closed_terms = terms(0, 8)
open_terms = terms(3, 8)


# ------------------------------------------------------------------ interning

def test_structurally_equal_terms_are_the_same_object() -> None:
    a = mk_app(C("Nat.succ"), mk_nat_lit(1))
    b = mk_app(C("Nat.succ"), mk_nat_lit(1))
    assert a is b
    assert mk_pi(N("x"), NAT, mk_bvar(0)) is mk_pi(N("x"), NAT, mk_bvar(0))
    assert mk_nat_lit(10 ** 100) is mk_nat_lit(10 ** 100)
    assert mk_str_lit("héllo") is mk_str_lit("héllo")
    assert E.mk_const(N("Prod"), (u, v)) is C("Prod", u, v)
    assert mk_sort(L.max_(u, v)) is mk_sort(L.max_(u, v))


def test_different_terms_are_different_objects() -> None:
    assert mk_app(C("Nat.succ"), mk_nat_lit(1)) is not mk_app(C("Nat.succ"), mk_nat_lit(2))
    assert C("Prod", u, v) is not C("Prod", v, u)
    assert mk_lam(N("x"), NAT, mk_bvar(0)) is not mk_pi(N("x"), NAT, mk_bvar(0))


def test_free_variables_are_never_shared() -> None:
    a, b = fv("x", NAT), fv("x", NAT)
    assert a is not b and a.serial != b.serial
    assert mk_app(C("Nat.succ"), a) is not mk_app(C("Nat.succ"), b)


def test_negative_nat_literal_is_refused() -> None:
    with pytest.raises(ValueError):
        mk_nat_lit(-1)


def test_hashing_a_50000_deep_term_does_not_recurse() -> None:
    succ = C("Nat.succ")
    e = C("Nat.zero")
    for _ in range(50_000):
        e = mk_app(succ, e)
    deep = e
    d = {deep: 1}
    s = {deep, mk_app(succ, deep)}
    assert d[deep] == 1 and deep in s and len(s) == 2
    assert hash(deep) == hash(deep)
    # a deep binder chain, built and compared without recursion
    a = b = mk_bvar(0)
    for _ in range(50_000):
        a = mk_lam(N("p"), NAT, mk_app(a, mk_bvar(0)))
        b = mk_lam(N("q"), NAT, mk_app(b, mk_bvar(0)))
    assert a is not b and a.lbr == 0 and alpha_eqv(a, b)
    assert {a: 0, b: 1}[a] == 0


def test_substitution_on_a_deep_term_with_the_kernel_recursion_limit() -> None:
    ensure_recursion_limit()
    x = fv("x", NAT)
    succ = C("Nat.succ")
    e = x
    for _ in range(20_000):
        e = mk_app(succ, e)
    body = abstract(e, [x])
    assert body.lbr == 1 and not (body.flags & HAS_FVAR)
    assert instantiate(body, [x]) is e


# ------------------------------------------------------------------ lbr and flags

def test_loose_bvar_range() -> None:
    assert mk_bvar(3).lbr == 4
    assert mk_lam(N("x"), NAT, mk_bvar(0)).lbr == 0
    assert mk_lam(N("x"), NAT, mk_bvar(1)).lbr == 1
    assert mk_pi(N("x"), mk_bvar(2), mk_bvar(0)).lbr == 3
    assert mk_app(mk_bvar(0), mk_bvar(5)).lbr == 6
    assert E.mk_let(N("x"), NAT, mk_bvar(1), mk_bvar(0)).lbr == 2
    assert E.mk_proj(N("Prod"), 0, mk_bvar(2)).lbr == 3
    assert NAT.lbr == 0 and mk_nat_lit(4).lbr == 0


def test_flags() -> None:
    x = fv("x", NAT)
    assert x.flags & HAS_FVAR
    assert mk_app(C("Nat.succ"), x).flags & HAS_FVAR
    assert lam([x], x).flags == 0
    assert mk_sort(u).flags & HAS_LPARAM and not (mk_sort(L.ONE).flags & HAS_LPARAM)
    assert C("Prod", u, L.ZERO).flags & HAS_LPARAM and not (C("Prod", L.ZERO, L.ZERO).flags & HAS_LPARAM)
    assert mk_lam(N("y"), mk_sort(v), mk_bvar(0)).flags & HAS_LPARAM


def test_has_loose_bvar() -> None:
    e = mk_lam(N("x"), NAT, mk_app(mk_bvar(0), mk_bvar(2)))
    assert has_loose_bvar(e, 1)
    assert not has_loose_bvar(e, 0)
    assert not has_loose_bvar(e, 2)


def test_abstract_makes_the_last_fvar_bvar_zero() -> None:
    x, y = fv("x", NAT), fv("y", NAT)
    e = mk_app(mk_app(C("Nat.add"), x), y)
    assert abstract(e, [x, y]) is mk_app(mk_app(C("Nat.add"), mk_bvar(1)), mk_bvar(0))
    assert pi([x, y], NAT) is mk_pi(N("x"), NAT, mk_pi(N("y"), NAT, NAT))


def test_instantiate_lowers_outer_loose_bvars() -> None:
    e = mk_app(mk_bvar(0), mk_bvar(3))
    assert instantiate(e, [NAT]) is mk_app(NAT, mk_bvar(2))
    # a substituted term is lifted under binders
    assert instantiate(mk_lam(N("x"), NAT, mk_bvar(1)), [mk_bvar(0)]) is mk_lam(N("x"), NAT, mk_bvar(1))


def test_instantiate_level_params_substitutes() -> None:
    e = mk_app(C("PUnit", u), mk_sort(L.succ(v)))
    r = instantiate_level_params(e, [N("u"), N("v")], [L.ONE, L.ZERO])
    assert r is mk_app(C("PUnit", L.ONE), mk_sort(L.ONE))


# ------------------------------------------------------------------ properties

@settings(max_examples=100, **PROP_SETTINGS)
@given(open_terms)
def test_cached_lbr_and_fvar_flag_match_reference(e: E.Expr) -> None:
    assert e.lbr == ref_lbr(e)
    assert bool(e.flags & HAS_FVAR) == ref_has_fvar(e)
    for i in range(4):
        assert has_loose_bvar(e, i) == ref_occurs(e, i)


@settings(max_examples=100, **PROP_SETTINGS)
@given(open_terms, st.lists(closed_terms, min_size=1, max_size=3))
def test_instantiate_matches_reference(e: E.Expr, subst: list[E.Expr]) -> None:
    assert instantiate(e, subst) is ref_instantiate(e, subst)


@settings(max_examples=100, **PROP_SETTINGS)
@given(closed_terms)
def test_instantiate_after_abstract_is_identity(e: E.Expr) -> None:
    body = abstract(e, POOL)
    assert not (body.flags & HAS_FVAR)
    assert instantiate_rev(body, POOL) is e


@settings(max_examples=100, **PROP_SETTINGS)
@given(open_terms)
def test_abstract_after_instantiate_with_fresh_fvars_is_identity(e: E.Expr) -> None:
    fresh = [fv("f0", NAT), fv("f1", NAT), fv("f2", NAT)]
    opened = instantiate_rev(e, fresh)
    assert opened.lbr == 0
    assert abstract(opened, fresh) is e


@settings(max_examples=100, **PROP_SETTINGS)
@given(open_terms, st.integers(0, 3), st.integers(0, 3))
def test_lower_after_lift_is_identity(e: E.Expr, d: int, s: int) -> None:
    lifted = lift_loose_bvars(e, d, s)
    assert lifted.lbr == (e.lbr + d if e.lbr > s else e.lbr)
    assert lower_loose_bvars(lifted, d, s) is e


@settings(max_examples=100, **PROP_SETTINGS)
@given(closed_terms, st.lists(open_terms, min_size=1, max_size=3))
def test_instantiate_of_closed_term_is_itself(e: E.Expr, subst: list[E.Expr]) -> None:
    assert instantiate(e, subst) is e
    assert lift_loose_bvars(e, 2) is e


@settings(max_examples=100, **PROP_SETTINGS)
@given(open_terms)
def test_instantiate_level_params_with_identity_substitution(e: E.Expr) -> None:
    names = [N("u"), N("v")]
    r = instantiate_level_params(e, names, [u, v])
    assert alpha_eqv(r, e)
    assert instantiate_level_params(e, names, [L.param(N("w")), L.param(N("w"))]).flags & HAS_LPARAM == \
        e.flags & HAS_LPARAM


@settings(max_examples=100, **PROP_SETTINGS)
@given(open_terms)
def test_alpha_eqv_is_reflexive_and_ignores_binder_names(e: E.Expr) -> None:
    assert alpha_eqv(e, e)
    renamed = rename_binders(e, "renamed", bi=E.IMPLICIT)
    assert alpha_eqv(e, renamed) and alpha_eqv(renamed, e)
    assert not alpha_eqv(e, mk_app(e, e))


def test_alpha_eqv_distinguishes_bound_variables() -> None:
    x, y = fv("x", NAT), fv("y", NAT)
    k1 = lam([x, y], x)
    k2 = lam([x, y], y)
    assert not alpha_eqv(k1, k2)
    assert alpha_eqv(k1, lam([fv("a", NAT), fv("b", NAT)], mk_bvar(1)))
    assert not alpha_eqv(lam([x], x), pi([x], x))
    assert not alpha_eqv(lam([x], x), lam([fv("x", BOOL)], mk_bvar(0)))
