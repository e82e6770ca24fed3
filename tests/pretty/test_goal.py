from leanr_py.kernel import expr as E
from leanr_py.pretty import pp_goal

from .pp_terms import NAT, add, b, eq, lit, N


def test_goal_layout_groups_same_types(prelude_env):
    x, y = E.mk_fvar(N("x"), NAT), E.mk_fvar(N("y"), NAT)
    g = pp_goal([(x, NAT, None), (y, NAT, None), (N("h"), eq(x, y), None)], eq(y, x), prelude_env)
    assert g == "x y : Nat\nh : x = y\n⊢ y = x"


def test_goal_with_de_bruijn_context_and_let(prelude_env):
    hyps = [(N("x"), NAT, lit(5)), (N("h"), eq(b(0), lit(5)), None)]
    g = pp_goal(hyps, eq(add(b(1), b(1)), lit(10)), prelude_env)
    assert g == "x : Nat := 5\nh : x = 5\n⊢ x + x = 10"


def test_goal_inaccessible_names(prelude_env):
    hyps = [(N("x"), NAT, None), (N("x"), NAT, None), (N("a._@.M._hyg.3"), NAT, None)]
    g = pp_goal(hyps, eq(b(2), b(1)), prelude_env)
    assert g == "x✝ x a✝ : Nat\n⊢ x✝ = x"


def test_goal_binders_avoid_hypothesis_names(prelude_env):
    x = E.mk_fvar(N("x"), NAT)
    target = E.mk_pi(N("x"), NAT, eq(b(0), x))
    assert pp_goal([(x, NAT, None)], target, prelude_env) == "x : Nat\n⊢ ∀ (x_1 : Nat), x_1 = x"


def test_goal_wraps_long_targets(prelude_env):
    x = E.mk_fvar(N("x"), NAT)
    t = x
    for _ in range(30):
        t = add(t, x)
    g = pp_goal([(x, NAT, None)], eq(t, t), prelude_env, width=50)
    lines = g.split("\n")
    assert lines[1].startswith("⊢ x + x") and all(len(ln) <= 50 for ln in lines)
    assert all(ln.startswith("  ") for ln in lines[2:])


def test_goal_case_tag(prelude_env):
    assert pp_goal([], eq(lit(1), lit(1)), prelude_env, case="succ") == "case succ\n⊢ 1 = 1"
