"""Transparency modes: which constants `whnf` and `is_def_eq` may unfold."""
from __future__ import annotations

import pytest
from builders import NAT, C, app, arrow, defn, fv, lam, lit

from leanr_py.elab.config import ALL, DEFAULT, INSTANCES, REDUCIBLE
from leanr_py.elab.errors import ElabError
from leanr_py.elab.meta import MetaContext
from leanr_py.kernel.declaration import ABBREV_HINTS, DefinitionDecl, TheoremDecl
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.name import Name
from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L

NN = arrow(NAT, NAT)


@pytest.fixture
def env(env: Environment) -> Environment:
    x = fv("x", NAT)
    env.add(defn("reg", NN, lam([x], app(C("Nat.succ"), x))))
    env.add(DefinitionDecl(Name.of("abb"), (), NN, lam([x], app(C("Nat.succ"), x)), ABBREV_HINTS))
    env.add(defn("red", NN, lam([x], app(C("Nat.succ"), x))))
    env.add(defn("inst", NAT, lit(7)))
    env.add(defn("irr", NAT, lit(8)))
    one_eq = app(C("Eq", L.ONE), NAT, lit(1), lit(1))
    env.add(TheoremDecl(Name.of("thm"), (), one_eq, app(C("Eq.refl", L.ONE), NAT, lit(1))))
    return env


@pytest.fixture
def mc(env: Environment) -> MetaContext:
    return MetaContext(env, reducible=["red"], instances=["inst"], irreducible=["irr"])


def test_whnf_default_unfolds_definitions(mc: MetaContext) -> None:
    assert mc.transparency == DEFAULT
    assert mc.whnf(app(C("reg"), lit(1))) is lit(2)
    assert mc.whnf(C("inst")) is lit(7)


def test_whnf_r_unfolds_only_reducible(mc: MetaContext) -> None:
    t = app(C("reg"), lit(1))
    assert mc.whnf_r(t) is t
    assert mc.whnf_r(app(C("abb"), lit(1))) is lit(2)   # abbrev hints count as @[reducible]
    assert mc.whnf_r(app(C("red"), lit(1))) is lit(2)   # the @[reducible] set
    assert mc.whnf_r(C("inst")) is C("inst")


def test_instances_transparency(mc: MetaContext) -> None:
    with mc.with_transparency(INSTANCES):
        assert mc.whnf(C("inst")) is lit(7)
        assert mc.whnf(app(C("reg"), lit(1))) is app(C("reg"), lit(1))
    assert mc.transparency == DEFAULT


def test_irreducible_needs_all(mc: MetaContext) -> None:
    assert mc.whnf(C("irr")) is C("irr")
    assert not mc.is_def_eq(C("irr"), lit(8))
    with mc.with_transparency(ALL):
        assert mc.whnf(C("irr")) is lit(8)
        assert mc.is_def_eq(C("irr"), lit(8))


def test_theorems_unfold_only_in_all(mc: MetaContext) -> None:
    assert mc.whnf(C("thm")) is C("thm")
    with mc.with_transparency(ALL):
        assert mc.whnf(C("thm")).kind == E.APP


def test_def_eq_respects_transparency(mc: MetaContext) -> None:
    m = mc.new_mvar(NAT)
    with mc.with_transparency(REDUCIBLE):
        assert not mc.is_def_eq(app(C("reg"), m), lit(3))
        assert mc.is_def_eq(app(C("red"), m), lit(3))
    assert mc.instantiate_mvars(m) is lit(2)
    k = mc.new_mvar(NAT)
    assert mc.is_def_eq(app(C("reg"), k), lit(3))
    assert mc.instantiate_mvars(k) is lit(2)


def test_caches_are_per_transparency(mc: MetaContext) -> None:
    t = app(C("reg"), lit(4))
    assert mc.whnf(t) is lit(5)
    assert mc.whnf_r(t) is t   # a default-mode cache entry must not leak into reducible mode
    assert mc.whnf(t) is lit(5)


def test_unknown_mode(mc: MetaContext) -> None:
    with pytest.raises(ElabError):
        with mc.with_transparency("bogus"):
            pass
