"""The meta layer on Lean's real `Init.Prelude` (lean4export of Lean 4.29.1): numerals through `OfNat`,
`+` through `HAdd`/`instHAdd`/`instAddNat`, pending instances, real `Nat.add` (structural recursion)."""
from __future__ import annotations

import pytest

from leanr_py.elab.mctx import SYNTHETIC
from leanr_py.elab.meta import MetaContext
from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.expr import Expr
from leanr_py.kernel.name import Name

Z = L.ZERO


def C(n: str, *ls: L.Level) -> Expr:
    return E.mk_const(Name.of(n), ls)


def app(f: Expr, *args: Expr) -> Expr:
    return E.mk_app_n(f, args)


NAT = C("Nat")
lit = E.mk_nat_lit
INST_HADD_NAT = app(C("instHAdd", Z), NAT, C("instAddNat"))


def num(n: int) -> Expr:
    """`(n : Nat)` as Lean elaborates it: `@OfNat.ofNat Nat n (instOfNatNat n)`."""
    return app(C("OfNat.ofNat", Z), NAT, lit(n), app(C("instOfNatNat"), lit(n)))


def add(a: Expr, b: Expr, inst: Expr = INST_HADD_NAT, out: Expr = NAT) -> Expr:
    return app(C("HAdd.hAdd", Z, Z, Z), NAT, NAT, out, inst, a, b)


def synth(meta: MetaContext, m: E.MVar) -> bool:
    """A stand-in for instance synthesis: knows `OfNat Nat n` and `HAdd Nat Nat ?γ`."""
    ty = meta.instantiate_mvars(meta.decl(m).type)
    f, args = E.get_app_fn_args(ty)
    if f.kind != E.CONST:
        return False
    if f.name is Name.of("OfNat"):
        return meta.is_def_eq(m, app(C("instOfNatNat"), args[1]))
    if f.name is Name.of("HAdd"):
        return meta.is_def_eq(m, INST_HADD_NAT)
    return False


@pytest.fixture
def mc(lean_env: Environment) -> MetaContext:
    return MetaContext(lean_env)


def test_closed_arithmetic(mc: MetaContext) -> None:
    assert mc.is_def_eq(add(num(2), num(3)), num(5))
    assert mc.is_def_eq(add(num(2), num(3)), lit(5))
    assert not mc.is_def_eq(add(num(2), num(3)), num(6))
    assert mc.whnf(add(num(2), num(3))) is lit(5)


def test_infer_type_of_notation(mc: MetaContext) -> None:
    assert mc.infer_type(add(num(2), num(3))) is NAT
    n = mc.new_mvar(NAT)
    assert mc.infer_type(add(n, num(1))) is NAT


def test_offset_through_hadd(mc: MetaContext) -> None:
    """`?n + 1 =?= 5` ⇒ `?n := 4`, written as a numeral like the other side."""
    n = mc.new_mvar(NAT)
    assert mc.is_def_eq(add(n, num(1)), num(5))
    assert mc.instantiate_mvars(n) is num(4)
    k = mc.new_mvar(NAT)
    assert mc.is_def_eq(app(C("Nat.add"), k, lit(0)), lit(5))
    assert mc.instantiate_mvars(k) is lit(5)


def test_hadd_with_pending_instance_is_postponed(mc: MetaContext) -> None:
    """`@HAdd.hAdd Nat Nat ?γ ?inst 2 3 =?= 5`: stuck on the instance; solved once it is known."""
    gamma = mc.new_type_mvar()
    inst = mc.new_mvar(app(C("HAdd", Z, Z, Z), NAT, NAT, gamma), kind=SYNTHETIC)
    assert mc.is_def_eq(add(num(2), num(3), inst, gamma), num(5))
    assert len(mc.postponed) == 1 and not mc.is_assigned(inst)
    assert mc.is_def_eq(inst, INST_HADD_NAT)        # assigns ?inst and ?γ := Nat (from the types)
    assert mc.instantiate_mvars(gamma) is NAT
    assert mc.process_postponed(may_postpone=False)
    assert mc.postponed == []


def test_hadd_with_pending_instance_wrong_result(mc: MetaContext) -> None:
    gamma = mc.new_type_mvar()
    inst = mc.new_mvar(app(C("HAdd", Z, Z, Z), NAT, NAT, gamma), kind=SYNTHETIC)
    assert mc.is_def_eq(add(num(2), num(3), inst, gamma), num(6))
    assert mc.is_def_eq(inst, INST_HADD_NAT)
    assert not mc.process_postponed()
    assert len(mc.postponed) == 1


def test_synth_pending_hook_unsticks(lean_env: Environment) -> None:
    mc = MetaContext(lean_env, synth_pending=synth)
    gamma = mc.new_type_mvar()
    inst = mc.new_mvar(app(C("HAdd", Z, Z, Z), NAT, NAT, gamma), kind=SYNTHETIC)
    assert mc.is_def_eq(add(num(2), num(3), inst, gamma), num(5))
    assert mc.postponed == []
    assert mc.instantiate_mvars(inst) is INST_HADD_NAT and mc.instantiate_mvars(gamma) is NAT


def test_ofnat_with_pending_instance(lean_env: Environment) -> None:
    """`@OfNat.ofNat Nat 2 ?i =?= 2`."""
    mc = MetaContext(lean_env)
    i = mc.new_mvar(app(C("OfNat", Z), NAT, lit(2)), kind=SYNTHETIC)
    t = app(C("OfNat.ofNat", Z), NAT, lit(2), i)
    assert mc.is_def_eq(t, lit(2))
    assert len(mc.postponed) == 1
    assert mc.stuck_mvar(t) is i
    mc2 = MetaContext(lean_env, synth_pending=synth)
    i2 = mc2.new_mvar(app(C("OfNat", Z), NAT, lit(2)), kind=SYNTHETIC)
    assert mc2.is_def_eq(app(C("OfNat.ofNat", Z), NAT, lit(2), i2), lit(2))
    assert mc2.instantiate_mvars(i2) is app(C("instOfNatNat"), lit(2))


def test_ofnat_instance_by_unification(mc: MetaContext) -> None:
    i = mc.new_mvar(app(C("OfNat", Z), NAT, lit(2)))
    assert mc.is_def_eq(app(C("OfNat.ofNat", Z), NAT, lit(2), i), num(2))
    assert mc.instantiate_mvars(i) is app(C("instOfNatNat"), lit(2))


def test_real_nat_add_stuck_on_mvar(mc: MetaContext) -> None:
    """Lean's `Nat.add` recurses (via `brecOn`/`match`) on its second argument."""
    n = mc.new_mvar(NAT)
    t = app(C("Nat.add"), lit(2), n)
    assert mc.stuck_mvar(t) is n
    assert mc.is_def_eq(t, lit(5))
    assert len(mc.postponed) == 1
    assert mc.is_def_eq(n, num(3))
    assert mc.process_postponed(may_postpone=False) and mc.postponed == []


def test_universe_of_type_mvar(mc: MetaContext) -> None:
    alpha = mc.new_type_mvar()
    a = mc.new_mvar(alpha)
    assert mc.is_def_eq(a, num(1))
    assert mc.instantiate_mvars(alpha) is NAT
    u = mc.decl(alpha).type.level
    assert mc.instantiate_level_mvars(u) is L.ONE


def test_list_and_eq_with_level_mvars(mc: MetaContext) -> None:
    u = mc.new_level_mvar()
    alpha = mc.new_mvar(E.mk_sort(u))
    x = mc.new_mvar(alpha)
    lhs = app(C("Eq", u), alpha, x, num(1))
    rhs = app(C("Eq", L.ONE), NAT, num(1), num(1))
    assert mc.is_def_eq(lhs, rhs)
    assert mc.instantiate_level_mvars(u) is L.ONE
    assert mc.instantiate_mvars(x) is num(1)
    h1 = mc.push_local("h1", rhs)
    p = mc.new_mvar(rhs)
    assert mc.is_def_eq(p, app(C("Eq.refl", L.ONE), NAT, num(1)))
    assert mc.is_def_eq(h1, p)  # proof irrelevance


def test_pattern_under_real_eq(mc: MetaContext) -> None:
    """`?motive x =?= Eq Nat x 0` ⇒ `?motive := fun x => x = 0` (a typical motive problem)."""
    prop_fn = E.mk_pi(Name.of("x"), NAT, E.PROP)
    motive = mc.new_mvar(prop_fn)
    x = mc.push_local("x", NAT)
    assert mc.is_def_eq(app(motive, x), app(C("Eq", L.ONE), NAT, x, num(0)))
    assert mc.whnf(app(motive, num(7))) is app(C("Eq", L.ONE), NAT, num(7), num(0))

