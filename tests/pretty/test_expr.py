"""Each printing rule on hand-built terms, checked against what Lean 4 prints."""
from __future__ import annotations

import pytest

from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L
from leanr_py.kernel.name import Name
from leanr_py.pretty import Options, pp_expr

from .pp_terms import (NAT, PROP, U, add, and_, app, b, c, eq, lam, le, lit, lt, mul, N, nat_list,
                       not_, or_, pi, sub, succ)

X = E.mk_fvar(N("x"), NAT)
Y = E.mk_fvar(N("y"), NAT)
HYG = E.mk_fvar(N("a._@.Foo._hyg.12"), NAT)


@pytest.fixture
def pp(prelude_env):
    return lambda e, **kw: pp_expr(e, prelude_env, **kw)


# ------------------------------------------------------------------ binders

def test_forall_prop_body(pp):
    assert pp(pi("n", NAT, eq(add(b(0), lit(0)), b(0)))) == "∀ (n : Nat), n + 0 = n"


def test_forall_groups_same_type(pp):
    assert pp(pi("n", NAT, pi("m", NAT, eq(add(b(1), b(0)), add(b(0), b(1)))))) == \
        "∀ (n m : Nat), n + m = m + n"


def test_forall_with_arrow(pp):
    e = pi("n", NAT, pi("h", lt(b(0), lit(5)), le(b(1), lit(5))))
    assert pp(e) == "∀ (n : Nat), n < 5 → n ≤ 5"


def test_dependent_arrow_when_body_is_a_type(pp):
    e = pi("α", E.mk_sort(U), pi("a", b(0), b(1)), E.IMPLICIT)
    assert pp(e) == "{α : Sort u} → α → α"
    e2 = pi("n", NAT, app(c("Fin"), b(0)))
    assert pp(e2) == "(n : Nat) → Fin n"


def test_non_dependent_arrow(pp):
    assert pp(pi("a", NAT, NAT)) == "Nat → Nat"
    assert pp(pi("f", pi("a", NAT, NAT), NAT)) == "(Nat → Nat) → Nat"
    assert pp(pi("a", NAT, pi("b", NAT, NAT))) == "Nat → Nat → Nat"


def test_forall_left_of_an_arrow_is_parenthesized(pp):
    # `(∀ n, n < 5 → n ≤ 5) → True`: the `∀` would otherwise swallow the rest
    inner = pi("n", NAT, pi("h", lt(b(0), lit(5)), le(b(1), lit(5))))
    assert pp(pi("h", inner, c("True"))) == "(∀ (n : Nat), n < 5 → n ≤ 5) → True"
    assert pp(pi("h", lt(lit(1), lit(5)), pi("k", inner, c("True")))) == "1 < 5 → (∀ (n : Nat), n < 5 → n ≤ 5) → True"


def test_instance_binder(pp):
    alpha = E.mk_sort(L.succ(U))
    e = pi("α", alpha, pi("inst", app(c("Add", U), b(0)),
                          pi("a", b(1), eq(b(0), b(0), b(2), L.succ(U))), E.INST_IMPLICIT), E.IMPLICIT)
    assert pp(e) == "∀ {α : Type u} [Add α] (a : α), a = a"


def test_fun_default_hides_binder_types(pp):
    assert pp(lam("x", NAT, add(b(0), lit(1)))) == "fun x => x + 1"
    assert pp(lam("x", NAT, lam("y", NAT, add(b(1), b(0))))) == "fun x y => x + y"


def test_fun_implicit_binder(pp):
    e = lam("α", E.mk_sort(U), lam("a", b(0), b(0)), E.IMPLICIT)
    assert pp(e) == "fun {α} a => a"


def test_fresh_names_never_capture(pp):
    e = pi("x", NAT, pi("x", NAT, eq(b(1), b(0))))
    assert pp(e) == "∀ (x x_1 : Nat), x = x_1"
    # safe shadowing: the inner `x` hides an outer one its body does not use
    assert pp(lam("x", NAT, lam("x", NAT, b(0)))) == "fun x x => x"
    # a free variable named `x` is not captured either
    assert pp(lam("x", NAT, add(X, b(0)))) == "fun x_1 => x + x_1"


def test_hygienic_binder_names(pp):
    assert pp(lam("a._@.Foo._hyg.12", NAT, b(0))) == "fun a => a"
    assert pp(add(HYG, lit(1))) == "a✝ + 1"


def test_anonymous_binder_gets_a_name(pp):
    e = E.mk_lam(Name.anonymous(), NAT, b(0))
    assert pp(e) == "fun x => x"


def test_let(pp):
    e = E.mk_let(N("x"), NAT, lit(5), add(b(0), lit(1)))
    assert pp(e) == "let x := 5; x + 1"


# ------------------------------------------------------------------ applications

def test_implicit_args_hidden(pp):
    assert pp(app(c("id", L.ONE), NAT, lit(1))) == "id 1"


def test_over_applied(pp):
    f = app(c("id", L.ONE), pi("a", NAT, NAT), c("Nat.succ"), lit(1))
    assert pp(f) == "id Nat.succ 1"


def test_partial_application_of_notation(pp):
    e = app(c("HAdd.hAdd", L.ZERO, L.ZERO, L.ZERO), NAT, NAT, NAT,
            app(c("instHAdd", L.ZERO), NAT, c("instAddNat")), lit(1))
    assert pp(e) == "HAdd.hAdd 1"


def test_field_notation(pp):
    assert pp(le(succ(X), Y)) == "x.succ ≤ y"
    assert pp(le(succ(X), Y), options=Options(field_notation=False)) == "Nat.succ x ≤ y"
    assert pp(succ(add(X, lit(1)))) == "(x + 1).succ"
    assert pp(succ(lit(1))) == "Nat.succ 1"


def test_fun_as_last_argument_needs_no_parentheses(pp):
    e = app(c("List.map", L.ZERO, L.ZERO), NAT, NAT, lam("x", NAT, add(b(0), lit(1))), nat_list(lit(1)))
    assert pp(e) == "List.map (fun x => x + 1) [1]"


def test_explicit_option_shows_everything(pp):
    assert pp(app(c("id", L.ONE), NAT, X), options=Options(implicit=True)) == "id Nat x"


# ------------------------------------------------------------------ notation and parentheses

def test_arithmetic_precedence(pp):
    assert pp(mul(add(lit(1), lit(2)), lit(3))) == "(1 + 2) * 3"
    assert pp(add(lit(1), mul(lit(2), lit(3)))) == "1 + 2 * 3"
    assert pp(add(add(lit(1), lit(2)), lit(3))) == "1 + 2 + 3"
    assert pp(add(lit(1), add(lit(2), lit(3)))) == "1 + (2 + 3)"
    assert pp(sub(X, sub(Y, lit(1)))) == "x - (y - 1)"


def test_logic(pp):
    p, q = app(c("True")), app(c("False"))
    assert pp(and_(p, and_(q, p))) == "True ∧ False ∧ True"
    assert pp(and_(and_(p, q), p)) == "(True ∧ False) ∧ True"
    assert pp(or_(and_(p, q), p)) == "True ∧ False ∨ True"
    assert pp(and_(or_(p, q), p)) == "(True ∨ False) ∧ True"
    assert pp(app(c("Iff"), p, q)) == "True ↔ False"
    assert pp(not_(eq(X, Y))) == "¬x = y"
    assert pp(eq(not_(p), q, PROP)) == "(¬True) = False"
    assert pp(app(c("Ne", L.ONE), NAT, X, Y)) == "x ≠ y"


def test_relations(pp):
    assert pp(lt(X, Y)) == "x < y"
    assert pp(app(c("GE.ge", L.ZERO), NAT, c("instLENat"), X, Y)) == "x ≥ y"
    assert pp(eq(eq(X, Y, NAT), eq(Y, X), PROP)) == "(x = y) = (y = x)"


def test_heq_and_prod(pp):
    one = L.ONE
    assert pp(app(c("HEq", one), NAT, X, NAT, Y)) == "x ≍ y"
    assert pp(app(c("Prod", L.ZERO, L.ZERO), NAT, NAT)) == "Nat × Nat"


def test_function_comp_over_applied(pp):
    e = app(c("Function.comp", L.ONE, L.ONE, L.ONE), NAT, NAT, NAT, c("Nat.succ"), c("Nat.succ"), X)
    assert pp(e) == "(Nat.succ ∘ Nat.succ) x"


def test_exists_and_subtype(pp):
    ex = lambda t, body: app(c("Exists", L.ONE), t, body)  # noqa: E731
    assert pp(ex(NAT, lam("x", NAT, eq(b(0), lit(0))))) == "∃ x, x = 0"
    assert pp(ex(NAT, lam("x", NAT, ex(NAT, lam("y", NAT, eq(b(1), b(0))))))) == "∃ x y, x = y"
    assert pp(app(c("Subtype", L.ONE), NAT, lam("x", NAT, eq(b(0), lit(0))))) == "{ x // x = 0 }"


def test_lists(pp):
    assert pp(nat_list(lit(1), lit(2), lit(3))) == "[1, 2, 3]"
    assert pp(nat_list()) == "[]"
    cons = app(c("List.cons", L.ZERO), NAT, lit(1), E.mk_fvar(N("l"), app(c("List", L.ZERO), NAT)))
    assert pp(cons) == "1 :: l"


def test_literals(pp):
    assert pp(lit(42)) == "42"
    assert pp(E.mk_nat_lit(7)) == "7"
    assert pp(E.mk_str_lit('a"b\n\\\x01')) == '"a\\"b\\n\\\\\\x01"'
    assert pp(app(c("Char.ofNat"), E.mk_nat_lit(ord("a")))) == "'a'"
    assert pp(app(c("Char.ofNat"), E.mk_nat_lit(ord("'")))) == "'\\''"
    assert pp(c("Bool.true")) == "true"


def test_if_then_else(pp):
    dec = app(c("instDecidableEqNat"), X, lit(0))
    e = app(c("ite", L.ONE), NAT, eq(X, lit(0)), dec, lit(1), lit(2))
    assert pp(e) == "if x = 0 then 1 else 2"
    d = app(c("dite", L.ONE), NAT, eq(X, lit(0)), dec, lam("h", eq(X, lit(0)), lit(1)),
            lam("h", not_(eq(X, lit(0))), lit(2)))
    assert pp(d) == "if h : x = 0 then 1 else 2"
    assert pp(add(e, lit(1))) == "(if x = 0 then 1 else 2) + 1"


def test_negation_prefix(pp):
    i = c("Int")
    neg = lambda a: app(c("Neg.neg", L.ZERO), i, c("Int.instNegInt"), a)  # noqa: E731
    z = E.mk_fvar(N("z"), i)
    assert pp(neg(z)) == "-z"
    assert pp(neg(neg(z))) == "- -z"


# ------------------------------------------------------------------ atoms

def test_projection_uses_field_names(pp):
    p = E.mk_fvar(N("p"), app(c("Prod", L.ZERO, L.ZERO), NAT, NAT))
    assert pp(E.mk_proj(N("Prod"), 0, p)) == "p.fst"
    assert pp(E.mk_proj(N("Prod"), 1, p)) == "p.snd"
    assert pp(E.mk_proj(N("Unknown"), 1, p)) == "p.2"


def test_bvars_mvars_fvars(pp):
    assert pp(b(3)) == "#3"
    assert pp(b(0), names=["k"]) == "k"
    assert pp(b(1), names=["k"]) == "#0"
    assert pp(E.mk_mvar(5, Name.anonymous())) == "?m.5"
    assert pp(E.mk_mvar(5, N("x"))) == "?x"
    assert pp(X) == "x"


def test_printing_without_environment():
    assert pp_expr(pi("n", NAT, eq(add(b(0), lit(0)), b(0))), None) == "∀ (n : Nat), n + 0 = n"


# ------------------------------------------------------------------ layout and depth

def test_long_terms_wrap(pp):
    t = X
    for _ in range(30):
        t = add(t, Y)
    s = pp(eq(t, t), width=60)
    lines = s.split("\n")
    assert len(lines) > 2 and all(len(ln) <= 60 for ln in lines)
    assert lines[1].startswith("  ")


def test_deep_terms_print_ellipsis(pp):
    t = X
    for _ in range(20_000):
        t = add(lit(1), t)
    s = pp(t)
    assert "⋯" in s and s.replace("\n", " ").startswith("1 +")
    u = X
    for _ in range(20_000):
        u = succ(u)
    assert "⋯" in pp(u)
    v = NAT
    for _ in range(20_000):
        v = lam("x", NAT, v)
    assert pp(v).startswith("fun x x x")


def test_deterministic(pp):
    e = pi("x", NAT, pi("x", NAT, eq(b(1), add(b(0), X))))
    assert pp(e) == pp(e) == "∀ (x_1 x_2 : Nat), x_1 = x_2 + x"
