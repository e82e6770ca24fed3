"""Universe levels: interning, normalisation, equivalence and `>=`, checked against an evaluator."""
from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leanr_py.kernel import level as L
from leanr_py.kernel.level import ONE, ZERO, imax, is_equivalent, is_geq, max_, normalize, succ
from leanr_py.kernel.name import Name

PROP_SETTINGS = dict(deadline=None, derandomize=True)

U_, V_, W_ = Name.of("u"), Name.of("v"), Name.of("w")
u, v, w = L.param(U_), L.param(V_), L.param(W_)
TWO = succ(ONE)


def ev(l: L.Level, rho: dict[Name, int]) -> int:
    """The value of `l` when each parameter p is the natural number rho[p]."""
    k = l.kind
    if k == L.ZERO_K:
        return 0
    if k == L.SUCC_K:
        return ev(l.a, rho) + 1  # type: ignore[arg-type]
    if k == L.MAX_K:
        return max(ev(l.a, rho), ev(l.b, rho))  # type: ignore[arg-type]
    if k == L.IMAX_K:
        b = ev(l.b, rho)  # type: ignore[arg-type]
        return 0 if b == 0 else max(ev(l.a, rho), b)  # type: ignore[arg-type]
    if k == L.PARAM_K:
        return rho[l.a]  # type: ignore[index]
    raise AssertionError(k)


# every assignment of {u, v, w} to {0, 1, 2, 3}: 64 points, enough to separate the random levels below
GRID = [dict(zip((U_, V_, W_), vals)) for vals in itertools.product(range(4), repeat=3)]


def same_everywhere(a: L.Level, b: L.Level) -> bool:
    return all(ev(a, rho) == ev(b, rho) for rho in GRID)


def geq_everywhere(a: L.Level, b: L.Level) -> bool:
    return all(ev(a, rho) >= ev(b, rho) for rho in GRID)


levels = st.recursive(
    st.sampled_from([ZERO, ONE, u, v, w]),
    lambda inner: st.builds(succ, inner) | st.builds(max_, inner, inner) | st.builds(imax, inner, inner),
    max_leaves=7,
)


# ------------------------------------------------------------------ interning

def test_levels_are_interned() -> None:
    assert succ(u) is succ(u)
    assert max_(u, v) is max_(u, v)
    assert imax(u, v) is not max_(u, v)
    assert L.param(Name.of("u")) is u


def test_level_flags() -> None:
    assert max_(u, ONE).has_param and not max_(TWO, ONE).has_param
    assert L.to_nat(succ(TWO)) == 3 and L.to_nat(succ(u)) is None


# ------------------------------------------------------------------ equivalence: examples

EQUIVALENT = [
    ("max comm", max_(u, v), max_(v, u)),
    ("max assoc", max_(u, max_(v, w)), max_(max_(u, v), w)),
    ("max idempotent", max_(u, u), u),
    ("max zero", max_(u, ZERO), u),
    ("max absorbs smaller offset", max_(succ(u), u), succ(u)),
    ("max absorbs explicit", max_(ONE, succ(u)), succ(u)),
    ("max explicit", max_(TWO, ONE), TWO),
    ("imax u 0 = 0", imax(u, ZERO), ZERO),
    ("imax u (succ v) = max u (succ v)", imax(u, succ(v)), max_(u, succ(v))),
    ("imax 0 u = u", imax(ZERO, u), u),
    ("imax 1 u = u", imax(ONE, u), u),
    ("imax u u = u", imax(u, u), u),
    ("imax under imax", imax(u, imax(v, ZERO)), ZERO),
    ("succ distributes over max", succ(max_(u, v)), max_(succ(u), succ(v))),
    ("nested max reordered", max_(max_(w, u), max_(v, u)), max_(u, max_(v, w))),
]

NOT_EQUIVALENT = [
    ("max u v vs u", max_(u, v), u),
    ("imax u v vs max u v", imax(u, v), max_(u, v)),
    ("succ u vs u", succ(u), u),
    ("u vs v", u, v),
    ("0 vs 1", ZERO, ONE),
    ("imax u v vs v", imax(u, v), v),
    ("max u 1 vs succ u", max_(u, ONE), succ(u)),
    ("succ max vs max succ one side", succ(max_(u, v)), max_(succ(u), v)),
]


@pytest.mark.parametrize("what,a,b", EQUIVALENT, ids=[x[0] for x in EQUIVALENT])
def test_equivalent_levels(what: str, a: L.Level, b: L.Level) -> None:
    assert same_everywhere(a, b)  # the example itself is right
    assert is_equivalent(a, b) and is_equivalent(b, a)


@pytest.mark.parametrize("what,a,b", NOT_EQUIVALENT, ids=[x[0] for x in NOT_EQUIVALENT])
def test_inequivalent_levels(what: str, a: L.Level, b: L.Level) -> None:
    assert not same_everywhere(a, b)
    assert not is_equivalent(a, b) and not is_equivalent(b, a)


# ------------------------------------------------------------------ geq: examples

GEQ = [
    ("succ u >= u", succ(u), u),
    ("max u v >= u", max_(u, v), u),
    ("max u v >= v", max_(u, v), v),
    ("u >= 0", u, ZERO),
    ("imax u v >= v", imax(u, v), v),
    ("max u (succ v) >= imax u (succ v)", max_(u, succ(v)), imax(u, succ(v))),
    ("succ (max u v) >= succ u", succ(max_(u, v)), succ(u)),
    ("1 >= imax u 0", ONE, imax(u, ZERO)),
    ("2 >= 1", TWO, ONE),
    ("max u v >= max v u", max_(u, v), max_(v, u)),
    pytest.param("u+2 >= 1", succ(succ(u)), ONE, id="u+2 >= 1"),
    pytest.param("max 1 (u+2) >= 1", max_(ONE, succ(succ(u))), ONE, id="max 1 (u+2) >= 1"),
]

NOT_GEQ = [
    ("u >= succ u", u, succ(u)),
    ("u >= v", u, v),
    ("0 >= 1", ZERO, ONE),
    ("imax u v >= u", imax(u, v), u),
    ("u >= max u v", u, max_(u, v)),
    pytest.param("1 >= succ u", ONE, succ(u), id="1 >= succ u"),
    pytest.param("0 >= u", ZERO, u, id="0 >= u"),
    pytest.param("1 >= max u v", ONE, max_(u, v), id="1 >= max u v"),
    ("1 >= u+2", ONE, succ(succ(u))),
]


def _ids(cases: list) -> list[str]:
    return [c[0] if isinstance(c, tuple) else c.id for c in cases]


@pytest.mark.parametrize("what,a,b", GEQ, ids=_ids(GEQ))
def test_geq_holds(what: str, a: L.Level, b: L.Level) -> None:
    assert geq_everywhere(a, b)
    assert is_geq(a, b)


@pytest.mark.parametrize("what,a,b", NOT_GEQ, ids=_ids(NOT_GEQ))
def test_geq_fails(what: str, a: L.Level, b: L.Level) -> None:
    assert not geq_everywhere(a, b)
    assert not is_geq(a, b)


def test_instantiate_substitutes_and_simplifies() -> None:
    l = max_(u, imax(v, w))
    r = L.instantiate(l, {V_: ONE, W_: ZERO})
    assert is_equivalent(r, u)
    assert L.instantiate(succ(u), {U_: v}) is succ(v)
    assert L.instantiate(l, {}) is l


# ------------------------------------------------------------------ properties

@settings(max_examples=150, **PROP_SETTINGS)
@given(levels)
def test_normalize_preserves_value(a: L.Level) -> None:
    assert same_everywhere(normalize(a), a)


imax_free_levels = st.recursive(
    st.sampled_from([ZERO, ONE, u, v, w]),
    lambda inner: st.builds(succ, inner) | st.builds(max_, inner, inner),
    max_leaves=7,
)


@settings(max_examples=150, **PROP_SETTINGS)
@given(imax_free_levels)
def test_normalize_is_idempotent_without_imax(a: L.Level) -> None:
    assert normalize(normalize(a)) is normalize(a)


@pytest.mark.xfail(strict=True, reason=(
    "incompleteness shared with Lean 4's level.cpp: normalize(imax u 1) = mk_max(u, 1) = `max u 1`, whose "
    "arguments are not re-sorted, so it differs from normalize(max 1 u) = `max 1 u`"))
def test_normalize_imax_case_is_idempotent() -> None:
    a = imax(u, ONE)
    assert normalize(normalize(a)) is normalize(a)
    assert is_equivalent(a, max_(ONE, u))


@settings(max_examples=150, **PROP_SETTINGS)
@given(levels, levels)
def test_equivalent_implies_same_value(a: L.Level, b: L.Level) -> None:
    if is_equivalent(a, b):
        assert same_everywhere(a, b)


@settings(max_examples=120, **PROP_SETTINGS)
@given(levels, levels)
def test_max_is_commutative_up_to_equivalence(a: L.Level, b: L.Level) -> None:
    assert is_equivalent(max_(a, b), max_(b, a))


@settings(max_examples=150, **PROP_SETTINGS)
@given(levels, levels)
def test_geq_is_sound(a: L.Level, b: L.Level) -> None:
    if is_geq(a, b):
        assert geq_everywhere(a, b)


@settings(max_examples=120, **PROP_SETTINGS)
@given(levels, levels)
def test_max_is_geq_both_arguments(a: L.Level, b: L.Level) -> None:
    assert is_geq(max_(a, b), a)
    assert is_geq(max_(a, b), b)
    assert is_geq(a, a)


@settings(max_examples=120, **PROP_SETTINGS)
@given(levels, levels, levels)
def test_instantiate_agrees_with_evaluation(a: L.Level, lv: L.Level, lw: L.Level) -> None:
    r = L.instantiate(a, {V_: lv, W_: lw})
    for rho in GRID:
        inner = {U_: rho[U_], V_: ev(lv, rho), W_: ev(lw, rho)}
        assert ev(r, rho) == ev(a, inner)


@settings(max_examples=120, **PROP_SETTINGS)
@given(levels, levels)
def test_mk_max_and_mk_imax_are_sound(a: L.Level, b: L.Level) -> None:
    assert same_everywhere(L.mk_max(a, b), max_(a, b))
    assert same_everywhere(L.mk_imax(a, b), imax(a, b))
