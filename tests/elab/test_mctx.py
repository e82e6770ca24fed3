"""The metavariable context: declarations, assignments, instantiation, delayed assignments, checkpoints."""
from __future__ import annotations

import pytest
from builders import NAT, SUCC, C, app, arrow, fv, lam, lit, sort

from leanr_py.elab.errors import ElabError
from leanr_py.elab.mctx import NATURAL, SYNTHETIC_OPAQUE, MetavarContext
from leanr_py.gas import Gas, GasExhausted
from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L
from leanr_py.kernel.name import Name

F = C("f")  # an opaque head: instantiation never looks at the environment


def test_unassigned_instantiates_to_itself() -> None:
    mctx = MetavarContext()
    m = mctx.mk_expr_mvar(NAT)
    e = app(F, m, lit(1))
    assert mctx.instantiate_mvars(e) is e
    assert mctx.collect_mvars(e) == [m]
    assert not mctx.has_assigned_mvars(e)


def test_assignment_is_substituted_everywhere() -> None:
    mctx = MetavarContext()
    m = mctx.mk_expr_mvar(NAT)
    x = fv("x", NAT)
    e = lam([x], app(F, m, app(SUCC, m), x))
    mctx.assign(m, lit(3))
    assert mctx.has_assigned_mvars(e)
    assert mctx.instantiate_mvars(e) is lam([x], app(F, lit(3), app(SUCC, lit(3)), x))
    assert mctx.collect_mvars(e) == []


def test_chains_of_assignments_and_path_compression() -> None:
    mctx = MetavarContext()
    a, b, c = (mctx.mk_expr_mvar(NAT) for _ in range(3))
    mctx.assign(a, app(SUCC, b))
    mctx.assign(b, app(SUCC, c))
    mctx.assign(c, lit(0))
    assert mctx.instantiate_mvars(a) is app(SUCC, app(SUCC, lit(0)))
    assert mctx.get_assignment(a) is app(SUCC, app(SUCC, lit(0)))  # compressed


def test_assigned_head_is_beta_reduced() -> None:
    mctx = MetavarContext()
    m = mctx.mk_expr_mvar(arrow(NAT, NAT, NAT))
    x, y = fv("x", NAT), fv("y", NAT)
    mctx.assign(m, lam([x, y], app(F, y, x)))
    assert mctx.instantiate_mvars(app(m, lit(1), lit(2))) is app(F, lit(2), lit(1))
    # more arguments than lambdas: the rest stay applied
    g = mctx.mk_expr_mvar(arrow(NAT, NAT))
    mctx.assign(g, F)
    assert mctx.instantiate_mvars(app(g, lit(1), lit(2))) is app(F, lit(1), lit(2))


def test_double_assignment_is_refused() -> None:
    mctx = MetavarContext()
    m = mctx.mk_expr_mvar(NAT)
    mctx.assign(m, lit(1))
    with pytest.raises(ElabError):
        mctx.assign(m, lit(2))


def test_level_mvars() -> None:
    mctx = MetavarContext()
    u = mctx.mk_level_mvar()
    v = mctx.mk_level_mvar()
    e = app(C("List", L.succ(u)), sort(L.max_(u, v)))
    assert mctx.collect_level_mvars_of(e) == [u, v]
    mctx.assign_level(u, L.ONE)
    mctx.assign_level(v, L.ZERO)
    assert mctx.instantiate_mvars(e) is app(C("List", L.of_nat(2)), sort(L.ONE))
    assert not mctx.instantiate_mvars(e).flags & E.HAS_MVAR


def test_deep_terms_instantiate_without_recursion() -> None:
    mctx = MetavarContext()
    m = mctx.mk_expr_mvar(NAT)
    e = m
    for _ in range(30_000):
        e = app(SUCC, e)
    mctx.assign(m, lit(0))
    r = mctx.instantiate_mvars(e)
    n = 0
    while r.kind == E.APP:
        r = r.arg
        n += 1
    assert n == 30_000 and r is lit(0)
    # deep binders too
    b = m
    for i in range(5_000):
        b = E.mk_lam(Name.of("x"), NAT, b)
    assert mctx.instantiate_mvars(b).flags & E.HAS_MVAR == 0


def test_instantiation_charges_gas() -> None:
    mctx = MetavarContext(Gas(50))
    m = mctx.mk_expr_mvar(NAT)
    e = m
    for i in range(200):
        e = app(F, e, lit(i))
    mctx.assign(m, lit(0))
    with pytest.raises(GasExhausted):
        mctx.instantiate_mvars(e)


# ---------------------------------------------------------------- checkpoints

def test_restore_undoes_assignments_and_declarations() -> None:
    mctx = MetavarContext()
    m = mctx.mk_expr_mvar(NAT)
    u = mctx.mk_level_mvar()
    cp = mctx.save()
    n = mctx.mk_expr_mvar(NAT)
    mctx.assign(m, app(SUCC, n))
    mctx.assign_level(u, L.ONE)
    assert mctx.instantiate_mvars(m) is app(SUCC, n)
    mctx.restore(cp)
    assert not mctx.is_assigned(m)
    assert mctx.find_decl(n) is None
    assert mctx.instantiate_level(u) is u
    assert mctx.instantiate_mvars(app(F, m)) is app(F, m)  # the instantiation cache was invalidated


def test_nested_checkpoints() -> None:
    mctx = MetavarContext()
    a, b = mctx.mk_expr_mvar(NAT), mctx.mk_expr_mvar(NAT)
    outer = mctx.save()
    mctx.assign(a, lit(1))
    inner = mctx.save()
    mctx.assign(b, lit(2))
    mctx.restore(inner)
    assert mctx.is_assigned(a) and not mctx.is_assigned(b)
    mctx.assign(b, lit(3))
    mctx.commit(outer)
    assert mctx.instantiate_mvars(app(F, a, b)) is app(F, lit(1), lit(3))


def test_restore_undoes_path_compression_consistently() -> None:
    mctx = MetavarContext()
    a, b = mctx.mk_expr_mvar(NAT), mctx.mk_expr_mvar(NAT)
    mctx.assign(a, app(SUCC, b))
    cp = mctx.save()
    mctx.assign(b, lit(0))
    assert mctx.instantiate_mvars(a) is app(SUCC, lit(0))  # compresses a's value
    mctx.restore(cp)
    assert mctx.instantiate_mvars(a) is app(SUCC, b)


def test_depth_makes_outer_mvars_read_only() -> None:
    mctx = MetavarContext()
    m = mctx.mk_expr_mvar(NAT)
    old = mctx.depth
    mctx.push_depth()
    n = mctx.mk_expr_mvar(NAT)
    assert not mctx.is_assignable(m) and mctx.is_assignable(n)
    mctx.pop_depth(old)
    assert mctx.is_assignable(m)


# ---------------------------------------------------------------- abstraction over locals

def test_lambda_over_natural_mvar_assigns_it() -> None:
    """`fun x => ?m` where `?m` can see `x`: `?m := ?n x` for a fresh `?n : (x : Nat) → Nat`."""
    mctx = MetavarContext()
    x = fv("x", NAT)
    m = mctx.mk_expr_mvar(NAT, [x])
    e = mctx.mk_lambda_fvars([x], app(F, m))
    n = mctx.collect_mvars(e)[0]
    assert mctx.decl(n).lctx == () and E.alpha_eqv(mctx.decl(n).type, arrow(NAT, NAT))
    assert mctx.instantiate_mvars(m) is app(n, x)
    assert e is E.mk_lam(x.name, NAT, app(F, app(n, E.mk_bvar(0))))
    y = fv("y", NAT)
    mctx.assign(n, lam([y], app(SUCC, y)))
    assert mctx.instantiate_mvars(e) is lam([x], app(F, app(SUCC, x)))


def test_delayed_assignment_for_synthetic_opaque() -> None:
    """A synthetic-opaque `?g` (a goal) is not assigned: `?n` is delayed-assigned to it, and
    `(fun x => ?n x)` becomes `fun x => val` once `?g := val` is complete."""
    mctx = MetavarContext()
    x = fv("x", NAT)
    g = mctx.mk_expr_mvar(NAT, [x], SYNTHETIC_OPAQUE)
    e = mctx.mk_lambda_fvars([x], g)
    assert not mctx.is_assigned(g)
    (n,) = [mctx.mvar_of(s) for s in mctx.delayed]
    assert e is E.mk_lam(x.name, NAT, app(n, E.mk_bvar(0)))
    assert mctx.instantiate_mvars(e) is e  # pending value not known yet
    h = mctx.mk_expr_mvar(NAT, [x])
    mctx.assign(g, app(F, x, h))
    assert mctx.instantiate_mvars(e) is e  # still has an unassigned mvar: stays delayed
    mctx.assign(h, lit(7))
    assert mctx.instantiate_mvars(e) is lam([x], app(F, x, lit(7)))
    assert mctx.instantiate_mvars(app(n, lit(2))) is app(F, lit(2), lit(7))


def test_lambda_reverts_dependent_locals() -> None:
    """Abstracting `α` in `fun α => ?m` where `?m` sees `a : α` reverts `a` too."""
    mctx = MetavarContext()
    alpha = fv("α", sort(L.ONE))
    a = fv("a", alpha)
    m = mctx.mk_expr_mvar(alpha, [alpha, a])
    e = mctx.mk_lambda_fvars([alpha], m)
    n = mctx.collect_mvars(e)[0]
    assert mctx.instantiate_mvars(m) is app(n, alpha, a)
    assert mctx.decl(n).type is E.mk_pi_fvars([alpha, a], alpha)


def test_mvar_not_seeing_the_local_is_left_alone() -> None:
    mctx = MetavarContext()
    x = fv("x", NAT)
    m = mctx.mk_expr_mvar(NAT, [])
    e = mctx.mk_lambda_fvars([x], app(F, m, x))
    assert e is lam([x], app(F, m, x))
    assert mctx.decl(m).kind == NATURAL and not mctx.is_assigned(m)
