"""Type class instance resolution (`leanr_py.elab.instances`): on Lean's real `Init.Prelude` export (its
instances registered explicitly) and on small hand-made class sets for priorities, loops and limits."""
from __future__ import annotations

import pytest
from builders import arrow, axiom, fv, imp, pi

from leanr_py.elab.instances import (
    InstanceTable, apply_default_instances, install, synth_instance, synth_pending,
)
from leanr_py.elab.mctx import SYNTHETIC
from leanr_py.elab.meta import MetaContext
from leanr_py.gas import Gas, GasExhausted
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
BOOL = C("Bool")
lit = E.mk_nat_lit
ADD_NAT = app(C("instHAdd", Z), NAT, C("instAddNat"))


def num(n: int) -> Expr:
    return app(C("OfNat.ofNat", Z), NAT, lit(n), app(C("instOfNatNat"), lit(n)))


def hadd(a: Expr, b: Expr, c: Expr) -> Expr:
    return app(C("HAdd", Z, Z, Z), a, b, c)


# Instances of Init.Prelude as Lean declares them (`Nat.decEq` is a plain def; `Nat.decLt`/`decLe` are
# instances), and the default instances Lean marks with `@[default_instance]`.
PRELUDE_INSTANCES = [
    "instAddNat", "instMulNat", "instSubNat", "instHAdd", "instHMul", "instHSub", "instOfNatNat",
    "instBEqOfDecidableEq", "instDecidableEqNat", "instDecidableEqBool", "instDecidableEqString",
    "instLTNat", "instLENat", "Nat.decLt", "Nat.decLe", "instInhabitedNat", "instInhabitedBool",
    "instDecidableAnd", "instDecidableNot", "instNonemptyOfInhabited", "instInhabitedOption",
]


def prelude_table(env: Environment, order: list[str] | None = None) -> InstanceTable:
    t = InstanceTable(env)
    for n in order if order is not None else PRELUDE_INSTANCES:
        t.add_instance(n)
    t.add_default_instance("instHAdd")
    t.add_default_instance("instHMul")
    t.add_default_instance("instOfNatNat", 100)
    return t


@pytest.fixture(scope="module")
def table(lean_env: Environment) -> InstanceTable:
    return prelude_table(lean_env)


@pytest.fixture
def mc(lean_env: Environment, table: InstanceTable) -> MetaContext:
    m = MetaContext(lean_env)
    install(m, table)
    return m


def snapshot(mc: MetaContext) -> tuple:
    m = mc.mctx
    return dict(m.assignment), dict(m.level_assignment), dict(m.delayed), list(mc.postponed), len(mc.lctx)


# ---------------------------------------------------------------------- the table

def test_classes_and_out_params(table: InstanceTable) -> None:
    assert table.classes[Name.of("HAdd")].out_params == (2,)
    assert table.classes[Name.of("OfNat")].out_params == ()
    # `DecidableEq Nat` unfolds (reducibly) to `(a b : Nat) → Decidable (a = b)`
    assert [e.name for e in table.instances_of(Name.of("Decidable"))][:1] == [Name.of("instDecidableNot")]


def test_semi_out_params_detected(lean_env: Environment) -> None:
    t = InstanceTable(lean_env)
    info = t.add_class("HAdd")
    assert info.out_params == (2,) and info.semi_out_params == ()
    with pytest.raises(Exception):
        t.add_class("NoSuchClass")


# ---------------------------------------------------------------------- resolution on Init.Prelude

def test_hadd_out_param(mc: MetaContext) -> None:
    gamma = mc.new_type_mvar()
    r = synth_instance(mc, hadd(NAT, NAT, gamma))
    assert r is ADD_NAT
    assert mc.instantiate_mvars(gamma) is NAT


def test_out_param_mismatch_fails_cleanly(mc: MetaContext) -> None:
    before = snapshot(mc)
    assert synth_instance(mc, hadd(NAT, NAT, BOOL)) is None
    assert snapshot(mc) == before


def test_ofnat(mc: MetaContext) -> None:
    assert synth_instance(mc, app(C("OfNat", Z), NAT, lit(3))) is app(C("instOfNatNat"), lit(3))


def test_decidable_eq(mc: MetaContext) -> None:
    prop = app(C("Eq", L.ONE), NAT, num(2), num(3))
    assert synth_instance(mc, app(C("Decidable"), prop)) is app(C("instDecidableEqNat"), num(2), num(3))
    assert synth_instance(mc, app(C("DecidableEq", L.ONE), NAT)) is C("instDecidableEqNat")


def test_decidable_connectives(mc: MetaContext) -> None:
    lt = app(C("LT.lt", Z), NAT, C("instLTNat"), num(2), num(3))
    p = app(C("And"), app(C("Not"), lt), app(C("Eq", L.ONE), BOOL, C("Bool.true"), C("Bool.false")))
    r = synth_instance(mc, app(C("Decidable"), p))
    assert r is not None and E.get_app_fn(r) is C("instDecidableAnd")
    assert mc.infer_type(r) is app(C("Decidable"), p)
    assert E.occurs_const(r, {Name.of("Nat.decLt"), Name.of("instDecidableEqBool")})


def test_chain_with_subgoal(mc: MetaContext) -> None:
    r = synth_instance(mc, app(C("BEq", Z), NAT))
    assert r is app(C("instBEqOfDecidableEq", Z), NAT, C("instDecidableEqNat"))
    r2 = synth_instance(mc, app(C("Nonempty", L.ONE), app(C("Option", Z), NAT)))
    assert r2 is not None and mc.infer_type(r2) is app(C("Nonempty", L.ONE), app(C("Option", Z), NAT))


def test_unresolvable_leaves_nothing(mc: MetaContext) -> None:
    alpha = mc.new_type_mvar()
    before = snapshot(mc)
    assert synth_instance(mc, app(C("BEq", Z), app(C("List", Z), NAT))) is None
    assert synth_instance(mc, app(C("Inhabited", L.ONE), app(C("List", Z), NAT))) is None
    assert synth_instance(mc, app(C("OfNat", Z), alpha, lit(2))) is None  # ?α is the caller's: read-only
    assert snapshot(mc) == before and not mc.is_assigned(alpha)
    assert synth_instance(mc, NAT) is None  # not a class


def test_result_cache(mc: MetaContext, table: InstanceTable) -> None:
    g = app(C("BEq", Z), BOOL)
    r = synth_instance(mc, g)
    assert r is app(C("instBEqOfDecidableEq", Z), BOOL, C("instDecidableEqBool"))
    assert any(k[0] is g for k in table.cache)
    assert synth_instance(mc, g) is r


def test_level_mvars_in_goal(mc: MetaContext) -> None:
    u = mc.new_level_mvar()
    r = synth_instance(mc, app(C("Inhabited", u), NAT))
    assert r is C("instInhabitedNat")
    assert mc.instantiate_level_mvars(u) is L.ONE


def test_local_instance_first(mc: MetaContext) -> None:
    add_nat = app(C("Add", Z), NAT)
    with mc.with_local("inst", add_nat, E.INST_IMPLICIT) as x:
        assert synth_instance(mc, add_nat) is x
        assert synth_instance(mc, hadd(NAT, NAT, NAT)) is app(C("instHAdd", Z), NAT, x)
    assert synth_instance(mc, add_nat) is C("instAddNat")


# ---------------------------------------------------------------------- the meta layer's hooks

def test_synth_pending_hook(mc: MetaContext) -> None:
    """`@HAdd.hAdd Nat Nat ?γ ?inst 2 3 =?= 5` ⇒ `?inst := instHAdd Nat instAddNat`, `?γ := Nat`."""
    gamma = mc.new_type_mvar()
    inst = mc.new_mvar(hadd(NAT, NAT, gamma), kind=SYNTHETIC)
    t = app(C("HAdd.hAdd", Z, Z, Z), NAT, NAT, gamma, inst, num(2), num(3))
    assert mc.is_def_eq(t, num(5))
    assert mc.postponed == []
    assert mc.instantiate_mvars(inst) is ADD_NAT and mc.instantiate_mvars(gamma) is NAT


def test_synth_pending_wrong_sum(mc: MetaContext) -> None:
    gamma = mc.new_type_mvar()
    inst = mc.new_mvar(hadd(NAT, NAT, gamma), kind=SYNTHETIC)
    t = app(C("HAdd.hAdd", Z, Z, Z), NAT, NAT, gamma, inst, num(2), num(3))
    assert not mc.is_def_eq(t, num(6))
    assert not mc.is_assigned(inst)


def test_default_instance_ofnat(mc: MetaContext) -> None:
    alpha = mc.new_type_mvar()
    i = mc.new_mvar(app(C("OfNat", Z), alpha, lit(2)), kind=SYNTHETIC)
    assert not synth_pending(mc, i)
    assert apply_default_instances(mc)
    assert mc.instantiate_mvars(alpha) is NAT
    assert mc.instantiate_mvars(i) is app(C("instOfNatNat"), lit(2))
    assert not apply_default_instances(mc)  # nothing left


def test_default_instances_for_sum(mc: MetaContext) -> None:
    """`2 + 3` with nothing known: `HAdd ?α ?α ?β` (instHAdd, priority 1000) then `OfNat ?α _` (100)."""
    alpha = mc.new_type_mvar()
    beta = mc.new_type_mvar()
    i2 = mc.new_mvar(app(C("OfNat", Z), alpha, lit(2)), kind=SYNTHETIC)
    i3 = mc.new_mvar(app(C("OfNat", Z), alpha, lit(3)), kind=SYNTHETIC)
    ih = mc.new_mvar(hadd(alpha, alpha, beta), kind=SYNTHETIC)
    assert apply_default_instances(mc, [i2, i3, ih])
    assert mc.instantiate_mvars(alpha) is NAT and mc.instantiate_mvars(beta) is NAT
    assert mc.instantiate_mvars(ih) is ADD_NAT
    assert mc.instantiate_mvars(i3) is app(C("instOfNatNat"), lit(3))


def test_determinism(lean_env: Environment) -> None:
    goals = [app(C("BEq", Z), NAT), hadd(NAT, NAT, NAT), app(C("DecidableEq", L.ONE), BOOL),
             app(C("Nonempty", L.ONE), NAT)]
    results = []
    for order in (PRELUDE_INSTANCES, list(reversed(PRELUDE_INSTANCES)), PRELUDE_INSTANCES):
        mc = MetaContext(lean_env)
        install(mc, prelude_table(lean_env, order))
        results.append([synth_instance(mc, g) for g in goals])
    assert results[0] == results[1] == results[2]
    assert all(r is not None for r in results[0])


# ---------------------------------------------------------------------- hand-made class sets

TY = E.mk_sort(L.ONE)
CLS = arrow(TY, TY)


def foo(t: Expr) -> Expr:
    return app(C("Foo"), t)


def bar(t: Expr) -> Expr:
    return app(C("Bar"), t)


def inst_type(hyps: list, concl) -> Expr:  # type: ignore[no-untyped-def]
    """`{α : Type} → [hyps α] → concl α`."""
    a = imp("α", TY)
    hs = [fv(f"h{i}", h(a), E.INST_IMPLICIT) for i, h in enumerate(hyps)]
    return pi([a, *hs], concl(a))


@pytest.fixture
def toy(env: Environment) -> Environment:
    env.add(axiom("Foo", CLS))
    env.add(axiom("Bar", CLS))
    env.add(axiom("fooNat1", foo(C("Nat"))))
    env.add(axiom("fooNat2", foo(C("Nat"))))
    env.add(axiom("fooSelf", inst_type([foo], foo)))
    env.add(axiom("fooOfBar", inst_type([bar], foo)))
    env.add(axiom("barOfFoo", inst_type([foo], bar)))
    lst = lambda a: app(C("List", L.ZERO), a)  # noqa: E731
    env.add(axiom("fooOfFooList", inst_type([lambda a: foo(lst(a))], foo)))
    return env


def toy_meta(env: Environment, names: list[tuple[str, int]], gas: Gas | None = None) -> MetaContext:
    t = InstanceTable(env)
    t.add_class("Foo")
    t.add_class("Bar")
    for n, prio in names:
        t.add_instance(n, prio)
    mc = MetaContext(env, gas)
    install(mc, t)
    return mc


def test_priorities(toy: Environment) -> None:
    nat = C("Nat")
    assert synth_instance(toy_meta(toy, [("fooNat1", 1000), ("fooNat2", 1000)]), foo(nat)) is C("fooNat2")
    assert synth_instance(toy_meta(toy, [("fooNat2", 1000), ("fooNat1", 1000)]), foo(nat)) is C("fooNat1")
    assert synth_instance(toy_meta(toy, [("fooNat1", 2000), ("fooNat2", 1000)]), foo(nat)) is C("fooNat1")
    assert synth_instance(toy_meta(toy, [("fooNat1", 10), ("fooNat2", 5)]), foo(nat)) is C("fooNat1")


def test_self_loop_terminates(toy: Environment) -> None:
    mc = toy_meta(toy, [("fooSelf", 1000)])
    before = snapshot(mc)
    assert synth_instance(mc, foo(C("Bool"))) is None
    assert snapshot(mc) == before


def test_mutual_loop_terminates(toy: Environment) -> None:
    mc = toy_meta(toy, [("fooNat1", 1), ("fooOfBar", 1000), ("barOfFoo", 1000), ("fooSelf", 1000)])
    assert synth_instance(mc, foo(C("Bool"))) is None
    assert synth_instance(mc, bar(C("Bool"))) is None
    # with an answer available, the loop is harmless: found through the tables
    r = synth_instance(mc, bar(C("Nat")))
    assert r is app(C("barOfFoo"), C("Nat"), C("fooNat1"))


def test_growing_goals_hit_the_step_bound(toy: Environment) -> None:
    mc = toy_meta(toy, [("fooOfFooList", 1000)])
    before = snapshot(mc)
    assert synth_instance(mc, foo(C("Nat")), max_steps=500) is None
    assert snapshot(mc) == before


def test_gas_exhaustion_escapes_and_rolls_back(toy: Environment) -> None:
    mc = toy_meta(toy, [("fooOfFooList", 1000)], gas=Gas(20_000))
    before = snapshot(mc)
    with pytest.raises(GasExhausted):
        synth_instance(mc, foo(C("Nat")), max_steps=10**9)
    assert snapshot(mc) == before and mc.mctx.depth == 0


def test_scoped_instance(toy: Environment) -> None:
    t = InstanceTable(toy)
    t.add_instance("fooNat1", scope="Scoped")
    mc = MetaContext(toy)
    install(mc, t)
    assert synth_instance(mc, foo(C("Nat"))) is None
    t.open_scope("Scoped")
    assert synth_instance(mc, foo(C("Nat"))) is C("fooNat1")
    t.erase("fooNat1")
    assert synth_instance(mc, foo(C("Nat"))) is None


def test_a_local_instance_whose_universe_is_a_max_of_metavariables() -> None:
    # `Inhabited.{imax ?a ?b} α` is solved by the local instance of that very type (Lean's preprocessLevels)
    from leanr_py.elab.instances import synth_instance
    from leanr_py.elab.meta import MetaContext
    from leanr_py.kernel import level as L
    from leanr_py.prelude import fork_prelude

    env, table = fork_prelude()
    meta = MetaContext(env)
    a, b = meta.new_level_mvar(), meta.new_level_mvar()
    for lvl in (L.imax(a, b), L.max_(a, b)):
        alpha = meta.push_local(Name.of("α"), E.mk_sort(lvl))
        ty = E.mk_app(E.mk_const(Name.of("Inhabited"), [lvl]), alpha)
        inst = meta.push_local(Name.of("inst"), ty, E.INST_IMPLICIT)
        assert synth_instance(meta, ty, table) is inst
        meta.pop_locals(2)


def test_universe_metavariables_alone_do_not_make_a_problem_stuck() -> None:
    # `α` is auto-bound with an unknown universe: Lean tries resolution and reports its failure
    from .prelude_ce import first_error

    e = first_error("example (as : List α) : as ≤ as :=\n  ⟨[], by simp⟩\n")
    assert e.message.startswith("failed to synthesize instance of type class\n  LE (List α)")
