"""The Nat literal extension computes only operations whose definitions provably agree with it."""
from __future__ import annotations

from leanr_py.kernel import declaration as D
from leanr_py.kernel import level as L
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.expr import (
    TYPE, mk_app_n, mk_arrow, mk_bvar, mk_const, mk_lam, mk_nat_lit, mk_pi, NATLIT,
)
from leanr_py.kernel.name import Name
from leanr_py.kernel.typechecker import TypeChecker

NAT = mk_const(Name.of("Nat"))
ZERO = mk_const(Name.of("Nat.zero"))
SUCC = mk_const(Name.of("Nat.succ"))
NN_N = mk_arrow(NAT, mk_arrow(NAT, NAT))


def nat_env() -> Environment:
    env = Environment()
    env.add(D.InductiveDecl((), 0, (D.InductiveType(Name.of("Nat"), TYPE, (
        D.Constructor(Name.of("Nat.zero"), NAT),
        D.Constructor(Name.of("Nat.succ"), mk_arrow(NAT, NAT)),
    )),)))
    return env


def add_definition(env: Environment, value) -> None:  # type: ignore[no-untyped-def]
    env.add(D.DefinitionDecl(Name.of("Nat.add"), (), NN_N, value, D.Hints(D.HINT_REGULAR, 1)))


def real_add():  # fun n m => Nat.rec (motive := fun _ => Nat) n (fun _ ih => Nat.succ ih) m
    rec = mk_const(Name.of("Nat.rec"), (L.ONE,))
    motive = mk_lam(Name.of("t"), NAT, NAT)
    step = mk_lam(Name.of("k"), NAT, mk_lam(Name.of("ih"), NAT, mk_app_n(SUCC, [mk_bvar(0)])))
    body = mk_app_n(rec, [motive, mk_bvar(1), step, mk_bvar(0)])
    return mk_lam(Name.of("n"), NAT, mk_lam(Name.of("m"), NAT, body))


def add_2_3(env: Environment):  # type: ignore[no-untyped-def]
    return TypeChecker(env).whnf(mk_app_n(mk_const(Name.of("Nat.add")), [mk_nat_lit(2), mk_nat_lit(3)]))


def test_lean_shaped_addition_is_computed_on_literals() -> None:
    env = nat_env()
    add_definition(env, real_add())
    r = add_2_3(env)
    assert r.kind == NATLIT and r.val == 5  # type: ignore[attr-defined]
    big = mk_app_n(mk_const(Name.of("Nat.add")), [mk_nat_lit(10 ** 3000), mk_nat_lit(1)])
    assert TypeChecker(env).whnf(big) is mk_nat_lit(10 ** 3000 + 1)


def test_addition_with_other_equations_is_not_computed_on_literals() -> None:
    env = nat_env()
    add_definition(env, mk_lam(Name.of("a"), NAT, mk_lam(Name.of("b"), NAT, mk_bvar(1))))  # a + b := a
    r = add_2_3(env)
    assert r is not mk_nat_lit(5)
    tc = TypeChecker(env)
    assert tc.is_def_eq(r, mk_nat_lit(2))
    assert not tc.is_def_eq(mk_app_n(mk_const(Name.of("Nat.add")), [mk_nat_lit(2), mk_nat_lit(3)]), mk_nat_lit(5))


def test_wrongly_typed_operation_is_not_computed() -> None:
    env = nat_env()
    env.add(D.DefinitionDecl(Name.of("Nat.add"), (), mk_pi(Name.of("a"), NAT, NAT),
                             mk_lam(Name.of("a"), NAT, mk_bvar(0)), D.Hints(D.HINT_REGULAR, 1)))
    assert not TypeChecker(env).nat_ext(Name.of("Nat.add"))
