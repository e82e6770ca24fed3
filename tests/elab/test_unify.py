"""`MetaContext.is_def_eq` with metavariables: patterns, occurs and scope checks, approximations,
rollback, delta/iota/offsets with mvars, proof irrelevance, eta, postponement."""
from __future__ import annotations

import pytest
from builders import (
    NAT, PROP, SUCC, TYPE, ZERO_, C, app, arrow, axiom, defn, eq, fv, lam, lit, pi, refl, sort, unary,
)

from leanr_py.elab.config import MetaConfig
from leanr_py.elab.mctx import SYNTHETIC, SYNTHETIC_OPAQUE
from leanr_py.elab.meta import MetaContext
from leanr_py.gas import Gas, GasExhausted
from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L
from leanr_py.kernel.environment import Environment

NN = arrow(NAT, NAT)
NNN = arrow(NAT, NAT, NAT)
f, g, h, c, d = C("f"), C("g"), C("h"), C("c"), C("d")


@pytest.fixture
def env(env: Environment) -> Environment:
    env.add(axiom("f", NNN))
    env.add(axiom("g", NN))
    env.add(axiom("h", NN))
    env.add(axiom("c", NAT))
    env.add(axiom("d", NAT))
    x = fv("x", NAT)
    env.add(defn("double", NN, lam([x], app(C("Nat.add"), x, x))))
    env.add(defn("konst", NN, lam([x], lit(0))))
    env.add(axiom("P", arrow(NAT, PROP)))
    return env


def inst(mc: MetaContext, e: E.Expr) -> E.Expr:
    return mc.instantiate_mvars(e)


# ---------------------------------------------------------------- patterns

def test_pattern_swaps_arguments(mc: MetaContext) -> None:
    """`?m a b =?= f b a` ⇒ `?m := fun x y => f y x`."""
    m = mc.new_mvar(NNN)
    a = mc.push_local("a", NAT)
    b = mc.push_local("b", NAT)
    assert mc.is_def_eq(app(m, a, b), app(f, b, a))
    x, y = fv("x", NAT), fv("y", NAT)
    assert E.alpha_eqv(inst(mc, m), lam([x, y], app(f, y, x)))
    assert inst(mc, app(m, lit(1), lit(2))) is app(f, lit(2), lit(1))


def test_pattern_on_the_right(mc: MetaContext) -> None:
    m = mc.new_mvar(NN)
    a = mc.push_local("a", NAT)
    assert mc.is_def_eq(app(g, app(g, a)), app(m, a))
    assert inst(mc, app(m, c)) is app(g, app(g, c))


def test_simple_assignment_and_symmetry(mc: MetaContext) -> None:
    m = mc.new_mvar(NAT)
    assert mc.is_def_eq(lit(3), m)
    assert inst(mc, m) is lit(3)
    assert mc.is_def_eq(m, lit(3))
    assert not mc.is_def_eq(m, lit(4))


def test_occurs_check(mc: MetaContext) -> None:
    m = mc.new_mvar(NAT)
    assert not mc.is_def_eq(m, app(SUCC, m))
    assert not mc.is_def_eq(app(g, m), m)
    assert not mc.is_assigned(m)


def test_occurs_check_through_another_mvar(mc: MetaContext) -> None:
    m = mc.new_mvar(NAT)
    n = mc.new_mvar(NAT)
    assert mc.is_def_eq(n, app(SUCC, m))
    assert not mc.is_def_eq(m, n)  # ?m =?= succ ?m after instantiation
    assert inst(mc, n) is app(SUCC, m) and not mc.is_assigned(m)


def test_occurs_check_disappears_by_unfolding(mc: MetaContext) -> None:
    """`?m =?= konst ?m` is solvable: `konst ?m` unfolds to `0`."""
    m = mc.new_mvar(NAT)
    assert mc.is_def_eq(m, app(C("konst"), m))
    assert inst(mc, m) is lit(0)


def test_scope_failure(mc: MetaContext) -> None:
    """`?m` was created before `x`: it cannot be assigned a term mentioning `x`."""
    m = mc.new_mvar(NAT)
    x = mc.push_local("x", NAT)
    assert not mc.is_def_eq(m, app(g, x))
    assert not mc.is_assigned(m)
    # ... but a pattern argument makes `x` available
    k = mc.new_mvar(NN, lctx=[])
    assert mc.is_def_eq(app(k, x), app(g, x))


def test_scope_let_local_is_unfolded(mc: MetaContext) -> None:
    m = mc.new_mvar(NAT)
    y = mc.push_local("y", NAT, value=app(g, c))
    assert mc.is_def_eq(m, app(SUCC, y))
    assert inst(mc, m) is app(SUCC, app(g, c))


def test_context_restriction_of_inner_mvar(mc: MetaContext) -> None:
    """`?m =?= g ?n` where `?n` can see a local `?m` cannot: `?n` is restricted (ctx_approx)."""
    m = mc.new_mvar(NAT)
    x = mc.push_local("x", NAT)
    n = mc.new_mvar(NAT)
    assert mc.is_def_eq(m, app(g, n))
    n2 = E.get_app_args(inst(mc, m))[0]
    assert n2.kind == E.MVAR and mc.decl(n2).lctx == ()
    assert x not in mc.decl(n2).lctx_set


def test_context_restriction_off(env: Environment) -> None:
    mc = MetaContext(env, config=MetaConfig(ctx_approx=False))
    m = mc.new_mvar(NAT)
    mc.push_local("x", NAT)
    n = mc.new_mvar(NAT)
    assert not mc.is_def_eq(m, app(g, n))


def test_mvar_under_binder_pattern(mc: MetaContext) -> None:
    """`fun x => ?m x =?= fun x => f x x`: the binder's local becomes the pattern argument."""
    m = mc.new_mvar(NN)
    x = fv("x", NAT)
    assert mc.is_def_eq(lam([x], app(m, x)), lam([x], app(f, x, x)))
    assert inst(mc, app(m, c)) is app(f, c, c)


def test_mvar_under_binder_cannot_capture(mc: MetaContext) -> None:
    """`fun x => ?m =?= fun x => x` has no solution."""
    m = mc.new_mvar(NAT)
    x = fv("x", NAT)
    assert not mc.is_def_eq(lam([x], m), lam([x], x))


def test_assignment_checks_types(mc: MetaContext) -> None:
    m = mc.new_mvar(NAT)
    assert not mc.is_def_eq(m, C("Bool.true"))
    # and unifies them: `?α` gets `Nat` from the value's type
    alpha = mc.new_type_mvar()
    n = mc.new_mvar(alpha)
    assert mc.is_def_eq(n, lit(2))
    assert inst(mc, alpha) is NAT
    assert mc.instantiate_level_mvars(mc.decl(alpha).type.level) is L.ONE


# ---------------------------------------------------------------- approximations

def test_first_order_fallback(mc: MetaContext) -> None:
    """`?f ?a =?= g c` (no pattern) ⇒ `?f := g`, `?a := c`."""
    F = mc.new_mvar(NN)
    a = mc.new_mvar(NAT)
    assert mc.is_def_eq(app(F, a), app(g, c))
    assert inst(mc, F) is g and inst(mc, a) is c


def test_first_order_partial_application(mc: MetaContext) -> None:
    F = mc.new_mvar(NN)
    assert mc.is_def_eq(app(F, lit(1)), app(f, c, lit(1)))
    assert inst(mc, F) is app(f, c)


def test_first_order_disabled_postpones(env: Environment) -> None:
    mc = MetaContext(env, config=MetaConfig(fo_approx=False))
    F = mc.new_mvar(NN)
    a = mc.new_mvar(NAT)
    assert mc.is_def_eq(app(F, a), app(g, c))
    assert not mc.is_assigned(F) and len(mc.postponed) == 1
    assert not mc.process_postponed(may_postpone=False)


def test_constant_approximation_is_off_by_default(env: Environment) -> None:
    mc = MetaContext(env, config=MetaConfig(postpone_stuck=False))
    F = mc.new_mvar(NN)
    assert not mc.is_def_eq(app(F, lit(3)), c)
    mc2 = MetaContext(env, config=MetaConfig(postpone_stuck=False, const_approx=True))
    F2 = mc2.new_mvar(NN)
    assert mc2.is_def_eq(app(F2, lit(3)), c)
    assert inst(mc2, app(F2, lit(9))) is c


def test_mvar_against_mvar(mc: MetaContext) -> None:
    m = mc.new_mvar(NAT)
    n = mc.new_mvar(NAT)
    assert mc.is_def_eq(m, n)
    assert inst(mc, m) is inst(mc, n)
    assert mc.is_def_eq(n, lit(5))
    assert inst(mc, m) is lit(5)


def test_natural_assigned_before_synthetic(mc: MetaContext) -> None:
    s = mc.new_mvar(NAT, kind=SYNTHETIC)
    n = mc.new_mvar(NAT)
    assert mc.is_def_eq(s, n)
    assert mc.is_assigned(n) and not mc.is_assigned(s)


def test_synthetic_opaque_is_not_assigned(mc: MetaContext) -> None:
    goal = mc.new_mvar(NAT, kind=SYNTHETIC_OPAQUE)
    assert not mc.is_def_eq(goal, lit(1))
    assert mc.is_def_eq(goal, goal)
    n = mc.new_mvar(NAT)
    assert mc.is_def_eq(goal, n) and inst(mc, n) is goal


def test_same_mvar_with_arguments(mc: MetaContext) -> None:
    m = mc.new_mvar(NN)
    a = mc.new_mvar(NAT)
    assert mc.is_def_eq(app(m, a), app(m, lit(1)))
    assert inst(mc, a) is lit(1)


# ---------------------------------------------------------------- rollback

def test_failed_problem_rolls_back_partial_assignments(mc: MetaContext) -> None:
    a = mc.new_mvar(NAT)
    b = mc.new_mvar(NAT)
    # args are compared left to right: ?a := c succeeds, then d =?= c fails
    assert not mc.is_def_eq(app(f, a, d), app(f, c, c))
    assert not mc.is_assigned(a) and not mc.is_assigned(b)


def test_lazy_delta_argument_attempt_rolls_back(mc: MetaContext) -> None:
    """`double ?a =?= double (konst c)`: if comparing arguments had failed half-way and left `?a`
    assigned, unfolding could not succeed. Here the arguments unify."""
    a = mc.new_mvar(NAT)
    assert mc.is_def_eq(app(C("double"), a), app(C("double"), app(C("konst"), c)))
    assert inst(mc, a) is app(C("konst"), c)


def test_explicit_checkpoint(mc: MetaContext) -> None:
    m = mc.new_mvar(NAT)
    st = mc.save()
    assert mc.is_def_eq(m, lit(1))
    mc.restore(st)
    assert not mc.is_assigned(m)
    assert mc.attempt(lambda: mc.is_def_eq(m, lit(2)))
    assert not mc.attempt(lambda: mc.is_def_eq(m, lit(3)))
    assert inst(mc, m) is lit(2)


# ---------------------------------------------------------------- reduction with mvars

def test_delta_and_iota_with_mvars(mc: MetaContext) -> None:
    """`Nat.add ?n 0 =?= 5` (offset, as Lean) and `double ?n =?= double 2` (same head)."""
    n = mc.new_mvar(NAT)
    assert mc.is_def_eq(app(C("Nat.add"), n, lit(0)), lit(5))
    assert inst(mc, n) is lit(5)
    k = mc.new_mvar(NAT)
    assert mc.is_def_eq(app(C("Nat.add"), k, lit(3)), app(C("Nat.add"), lit(1), lit(4)))
    assert inst(mc, k) is lit(2)


def test_offsets(mc: MetaContext) -> None:
    n = mc.new_mvar(NAT)
    assert mc.is_def_eq(app(SUCC, app(SUCC, n)), lit(7))
    assert inst(mc, n) is lit(5)
    m = mc.new_mvar(NAT)
    assert not mc.is_def_eq(app(C("Nat.add"), m, lit(6)), lit(5))
    assert mc.is_def_eq(app(C("Nat.add"), m, lit(2)), app(SUCC, app(SUCC, app(SUCC, c))))
    assert mc.is_def_eq(m, app(SUCC, c))


def test_iota_after_assignment(mc: MetaContext) -> None:
    n = mc.new_mvar(NAT)
    t = app(C("Nat.add"), lit(2), n)
    assert mc.is_def_eq(n, unary(3))
    assert mc.whnf(t) is lit(5)
    assert mc.is_def_eq(t, lit(5))


def test_stuck_recursor_is_postponed_then_solved(mc: MetaContext) -> None:
    """`Nat.add 2 ?n =?= 5` is stuck on `?n` (the recursion is on the second argument)."""
    n = mc.new_mvar(NAT)
    t = app(C("Nat.add"), lit(2), n)
    assert mc.is_def_eq(t, lit(5))
    assert not mc.is_assigned(n) and len(mc.postponed) == 1
    assert mc.stuck_mvar(t) is n
    assert mc.process_postponed()              # still stuck: stays postponed
    assert len(mc.postponed) == 1
    assert not mc.process_postponed(may_postpone=False)
    assert len(mc.postponed) == 1              # rolled back
    assert mc.is_def_eq(n, lit(3))             # the earlier postponed problem is not re-tried here ...
    assert len(mc.postponed) == 1
    assert mc.process_postponed(may_postpone=False)  # ... but when the queue is processed
    assert mc.postponed == []


def test_postponed_problem_that_turns_out_false(mc: MetaContext) -> None:
    n = mc.new_mvar(NAT)
    assert mc.is_def_eq(app(C("Nat.add"), lit(2), n), lit(5))
    assert mc.is_def_eq(n, lit(4))
    assert not mc.process_postponed()   # 2 + 4 ≠ 5: the postponed problem fails, the call rolls back
    assert len(mc.postponed) == 1 and mc.is_assigned(n)


def test_postponement_can_be_disabled(env: Environment) -> None:
    mc = MetaContext(env, config=MetaConfig(postpone_stuck=False))
    n = mc.new_mvar(NAT)
    assert not mc.is_def_eq(app(C("Nat.add"), lit(2), n), lit(5))


def test_structure_eta_and_projections_with_mvars(mc: MetaContext) -> None:
    pair_t = app(C("Prod", L.ZERO, L.ZERO), NAT, NAT)
    p = mc.new_mvar(pair_t)
    x = mc.push_local("x", pair_t)
    a, b = mc.new_mvar(NAT), mc.new_mvar(NAT)
    mk = app(C("Prod.mk", L.ZERO, L.ZERO), NAT, NAT, a, b)
    assert mc.is_def_eq(mk, x)  # eta for structures: ?a := x.1, ?b := x.2
    assert inst(mc, a) is E.mk_proj(C("Prod").name, 0, x)
    assert mc.is_def_eq(p, app(C("Prod.mk", L.ZERO, L.ZERO), NAT, NAT, c, d))
    assert mc.whnf(E.mk_proj(C("Prod").name, 1, p)) is d


# ---------------------------------------------------------------- proof irrelevance, eta

def test_proof_irrelevance(mc: MetaContext) -> None:
    p = app(C("P"), c)
    h1 = mc.push_local("h1", p)
    h2 = mc.push_local("h2", p)
    assert mc.is_def_eq(h1, h2)
    q = mc.push_local("q", app(C("P"), d))
    assert not mc.is_def_eq(h1, q)


def test_proof_irrelevance_assigns_in_the_types(mc: MetaContext) -> None:
    n = mc.new_mvar(NAT)
    h1 = mc.push_local("h1", app(C("P"), c))
    h2 = mc.push_local("h2", app(C("P"), n))
    assert mc.is_def_eq(h1, h2)
    assert inst(mc, n) is c


def test_proof_mvar_of_prop_type(mc: MetaContext) -> None:
    prf = mc.new_mvar(eq(NAT, c, c))
    r = refl(NAT, c)
    assert mc.is_def_eq(prf, r)
    assert inst(mc, prf) is r


def test_eta_with_mvars(mc: MetaContext) -> None:
    m = mc.new_mvar(NN)
    x = fv("x", NAT)
    assert mc.is_def_eq(lam([x], app(m, x)), g)   # eta-expands g, then pattern
    assert inst(mc, app(m, c)) is app(g, c)
    k = mc.new_mvar(NN)
    assert mc.is_def_eq(k, lam([x], app(h, x)))
    assert mc.is_def_eq(k, h)                      # eta against the assigned lambda


def test_binder_domains_unify(mc: MetaContext) -> None:
    alpha = mc.new_type_mvar()
    x = fv("x", NAT)
    y = fv("y", alpha)
    assert mc.is_def_eq(lam([y], c), lam([x], c))
    assert inst(mc, alpha) is NAT


def test_pi_with_mvar_codomain(mc: MetaContext) -> None:
    beta = mc.new_type_mvar()
    assert mc.is_def_eq(arrow(NAT, beta), NN)
    assert inst(mc, beta) is NAT


# ---------------------------------------------------------------- termination

def test_cyclic_problems_terminate(mc: MetaContext) -> None:
    m = mc.new_mvar(NAT)
    n = mc.new_mvar(NAT)
    assert mc.is_def_eq(m, app(g, n))
    assert not mc.is_def_eq(n, app(g, m))
    F = mc.new_mvar(NN)
    a = mc.push_local("a", NAT)
    assert not mc.is_def_eq(app(F, a), app(g, app(F, a)))


def test_gas_bounds_everything(env: Environment) -> None:
    mc = MetaContext(env, Gas(300))
    n = mc.new_mvar(NAT)
    with pytest.raises(GasExhausted):
        mc.is_def_eq(app(C("Nat.pow"), lit(2), app(C("Nat.add"), n, lit(40))), app(C("Nat.mul"), n, lit(3)))
    assert not mc.is_assigned(n)


def test_ill_typed_problem_is_false_not_a_crash(mc: MetaContext) -> None:
    m = mc.new_mvar(NAT)
    bad = app(c, lit(1))  # `c` is not a function
    assert not mc.is_def_eq(app(g, bad), app(g, m))  # the value does not type: no assignment, no raise
    assert not mc.is_assigned(m)
    assert mc.is_def_eq(app(g, bad), app(g, bad))


def test_infer_type_with_mvars(mc: MetaContext) -> None:
    F = mc.new_mvar(NN)
    assert mc.infer_type(app(F, c)) is NAT
    alpha = mc.new_type_mvar()
    a = mc.new_mvar(alpha)
    assert mc.infer_type(a) is alpha
    assert mc.is_def_eq(alpha, NAT)
    assert mc.whnf(mc.infer_type(a)) is NAT
    assert mc.infer_type(sort(mc.new_level_mvar())).kind == E.SORT
    x = fv("x", NAT)
    assert mc.infer_type(lam([x], app(F, x))) is pi([x], NAT)
    assert mc.infer_type(TYPE) is sort(L.succ(L.ONE))
    assert mc.infer_type(ZERO_) is NAT


def test_deep_terms_unify(mc: MetaContext) -> None:
    m = mc.new_mvar(NAT)
    lhs, rhs = m, c
    for _ in range(2_000):
        lhs = app(g, lhs)
        rhs = app(g, rhs)
    assert mc.is_def_eq(lhs, rhs)
    assert inst(mc, m) is c
    assert inst(mc, lhs) is rhs
    k = mc.new_mvar(NAT)
    assert mc.is_def_eq(unary(3_000), app(SUCC, k))
    assert inst(mc, k) is unary(2_999)


def test_errors_are_elab_errors(mc: MetaContext) -> None:
    from leanr_py.elab.errors import ElabError

    with pytest.raises(ElabError) as info:
        mc.infer_type(app(c, lit(1)))
    assert info.value.span is None and "function expected" in info.value.message
