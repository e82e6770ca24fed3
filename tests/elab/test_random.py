"""Random unification problems: `is_def_eq` never raises, and whenever it answers True with nothing
postponed, the kernel agrees on the instantiated terms (and every assignment has its mvar's type)."""
from __future__ import annotations

import random

import pytest
from builders import NAT, SUCC, C, app, arrow, axiom, defn, fv, lam, lit

from leanr_py.elab.meta import MetaContext
from leanr_py.kernel import expr as E
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.typechecker import TypeChecker

NN = arrow(NAT, NAT)
NNN = arrow(NAT, NAT, NAT)


@pytest.fixture
def env(env: Environment) -> Environment:
    env.add(axiom("f", NNN))
    env.add(axiom("g", NN))
    env.add(axiom("c", NAT))
    x = fv("x", NAT)
    env.add(defn("double", NN, lam([x], app(C("Nat.add"), x, x))))
    return env


def gen_nat(rng: random.Random, leaves: list[E.Expr], funs: list[E.Expr], depth: int) -> E.Expr:
    if depth == 0 or rng.random() < 0.3:
        return rng.choice(leaves)
    r = rng.random()
    if r < 0.25:
        return app(SUCC, gen_nat(rng, leaves, funs, depth - 1))
    if r < 0.45:
        return app(C("f"), gen_nat(rng, leaves, funs, depth - 1), gen_nat(rng, leaves, funs, depth - 1))
    if r < 0.6:
        return app(C("Nat.add"), gen_nat(rng, leaves, funs, depth - 1), gen_nat(rng, leaves, funs, depth - 1))
    if r < 0.7:
        return app(C("double"), gen_nat(rng, leaves, funs, depth - 1))
    return app(rng.choice(funs), gen_nat(rng, leaves, funs, depth - 1))


def test_random_problems_are_sound(env: Environment) -> None:
    rng = random.Random(20240601)
    kernel = TypeChecker(env)
    answered = solved = 0
    for _ in range(400):
        mc = MetaContext(env)
        x = mc.push_local("x", NAT)
        y = mc.push_local("y", NAT)
        ms = [mc.new_mvar(NAT) for _ in range(2)]
        fs = [mc.new_mvar(NN) for _ in range(2)]
        leaves = [x, y, C("c"), lit(0), lit(2), *ms]
        funs = [C("g"), *fs]
        a = gen_nat(rng, leaves, funs, 3)
        b = gen_nat(rng, leaves, funs, 3)
        ok = mc.is_def_eq(a, b)
        answered += 1
        if not ok or (mc.postponed and not mc.process_postponed(may_postpone=False)):
            continue
        for m in [*ms, *fs]:
            if mc.is_assigned(m):
                v = mc.instantiate_mvars(m)
                if not v.flags & E.HAS_MVAR:
                    assert kernel.is_def_eq(kernel.infer(v), mc.decl(m).type)
        ia, ib = mc.instantiate_mvars(a), mc.instantiate_mvars(b)
        if ia.flags & E.HAS_MVAR or ib.flags & E.HAS_MVAR:
            continue
        solved += 1
        assert kernel.is_def_eq(ia, ib), (a, b, ia, ib)
    assert answered == 400 and solved > 20, solved
