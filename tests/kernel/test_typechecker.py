"""Type inference, reduction and definitional equality: a positive and a negative case per rule."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import (
    BOOL, FALSE_B, NAT, PROP, SUCC, TRUE_B, TYPE, TYPE1, ZERO_, C, N, app, arrow, axiom, block, const_motive,
    defn, eq, fv, ind, lam, list_of, lit, nat_only, nat_rec, pair, pi, prod, refl, sort, u, unary, v,
)
from leanr_py.gas import Gas, GasExhausted
from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L
from leanr_py.kernel.declaration import (
    DefinitionDecl, Hints, OpaqueDecl, QuotDecl, RecursorInfo, TheoremDecl,
)
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.errors import KernelError
from leanr_py.kernel.expr import alpha_eqv, mk_let, mk_proj, mk_str_lit
from leanr_py.kernel.typechecker import TypeChecker

PROP_SETTINGS = dict(deadline=None, derandomize=True, max_examples=40)
ONE, ZERO = L.ONE, L.ZERO
STEP_SUCC = lam([fv("k", NAT), fv("ih", NAT)], app(SUCC, E.mk_bvar(0)))


def check(env: Environment, e: E.Expr, lparams: tuple[str, ...] | None = None) -> E.Expr:
    return TypeChecker(env, None if lparams is None else tuple(N(p) for p in lparams)).check(e)


def rejects(env: Environment, e: E.Expr, match: str, lparams: tuple[str, ...] | None = None) -> None:
    with pytest.raises(KernelError, match=match):
        check(env, e, lparams)


def has_type(env: Environment, e: E.Expr, t: E.Expr) -> bool:
    """`e` checks and its inferred type is definitionally `t`."""
    tc = TypeChecker(env)
    return tc.is_def_eq(tc.check(e), t)


def whnf(env: Environment, e: E.Expr) -> E.Expr:
    return TypeChecker(env).whnf(e)


def defeq(env: Environment, a: E.Expr, b: E.Expr) -> bool:
    r = TypeChecker(env).is_def_eq(a, b)
    assert TypeChecker(env).is_def_eq(b, a) == r, "definitional equality must be symmetric"
    return r


def succ_n(e: E.Expr, n: int) -> E.Expr:
    for _ in range(n):
        e = app(SUCC, e)
    return e


# ------------------------------------------------------------------ sorts, constants, universe parameters

def test_sort_has_type_the_next_sort(env: Environment) -> None:
    assert check(env, sort(u), ("u",)) is sort(L.succ(u))
    assert check(env, PROP) is TYPE
    assert check(env, TYPE) is TYPE1


def test_sort_with_undefined_universe_parameter_is_rejected(env: Environment) -> None:
    rejects(env, sort(v), "undefined universe level parameter 'v'", ("u",))
    with pytest.raises(KernelError, match="universe"):
        env.add(axiom("bad", sort(v), ("u",)))


def test_constant_instantiates_its_universe_parameters(env: Environment) -> None:
    t = check(env, C("Prod", ZERO, ONE))
    assert alpha_eqv(t, arrow(TYPE, TYPE1, sort(L.succ(L.max_(ZERO, ONE)))))


def test_constant_with_wrong_number_of_levels_is_rejected(env: Environment) -> None:
    rejects(env, C("Prod", ZERO), "incorrect number of universe levels")
    rejects(env, C("Nat", ZERO), "incorrect number of universe levels")
    with pytest.raises(KernelError, match="incorrect number of universe levels"):
        env.add(axiom("p", app(C("Prod", ZERO), NAT, NAT)))


def test_constant_level_using_undeclared_parameter_is_rejected(env: Environment) -> None:
    assert check(env, C("PUnit", u), ("u",)) is sort(u)
    rejects(env, C("PUnit", v), "undefined universe level parameter", ("u",))


def test_unknown_constant_is_rejected(env: Environment) -> None:
    rejects(env, C("Nat.nope"), "unknown constant")
    with pytest.raises(KernelError, match="unknown constant"):
        env.add(axiom("a", C("Nope")))


# ------------------------------------------------------------------ λ, Π, application

def test_lambda_pi_and_application_types(env: Environment) -> None:
    x = fv("x", NAT)
    assert alpha_eqv(check(env, lam([x], app(SUCC, x))), arrow(NAT, NAT))
    assert check(env, pi([x], NAT)) is TYPE
    a = fv("α", TYPE)
    assert check(env, pi([a], a)) is TYPE1  # Π over Type lands in Type 1
    assert check(env, pi([x], C("True"))) is PROP  # impredicative Prop
    assert check(env, app(SUCC, lit(1))) is NAT
    ident = lam([a, fv("y", a)], E.mk_bvar(0))
    assert alpha_eqv(check(env, app(ident, NAT)), arrow(NAT, NAT))  # dependent result instantiated


def test_application_type_mismatch_is_rejected(env: Environment) -> None:
    rejects(env, app(SUCC, TRUE_B), "application type mismatch")
    rejects(env, app(C("Nat.add"), lit(1), FALSE_B), "application type mismatch")


def test_applying_a_non_function_is_rejected(env: Environment) -> None:
    rejects(env, app(ZERO_, ZERO_), "function expected")


def test_binder_domain_must_be_a_type(env: Environment) -> None:
    rejects(env, E.mk_lam(N("x"), ZERO_, E.mk_bvar(0)), "type expected")
    rejects(env, E.mk_pi(N("x"), NAT, ZERO_), "type expected")


def test_loose_bound_variable_is_rejected(env: Environment) -> None:
    rejects(env, E.mk_bvar(0), "loose bound")


# ------------------------------------------------------------------ let (typing and ζ)

def test_let_typing_and_zeta(env: Environment) -> None:
    e = mk_let(N("x"), NAT, lit(0), app(SUCC, E.mk_bvar(0)))
    assert check(env, e) is NAT
    assert whnf(env, e) is lit(1)
    assert TypeChecker(env).whnf_core(e) is app(SUCC, lit(0))


def test_let_bound_type_is_unfolded_when_checking(env: Environment) -> None:
    # let A : Type := Nat; (fun (a : A) => a) 0  -- needs ζ to see A ≡ Nat
    body = app(E.mk_lam(N("a"), E.mk_bvar(0), E.mk_bvar(0)), lit(0))
    e = mk_let(N("A"), TYPE, NAT, body)
    assert check(env, e) is NAT


def test_let_value_of_wrong_type_is_rejected(env: Environment) -> None:
    rejects(env, mk_let(N("x"), NAT, TRUE_B, E.mk_bvar(0)), "let value type mismatch")


# ------------------------------------------------------------------ β and δ

def test_beta(env: Environment) -> None:
    x, y = fv("x", NAT), fv("y", NAT)
    k = lam([x, y], x)
    tc = TypeChecker(env)
    assert tc.whnf_core(app(k, lit(1), lit(2))) is lit(1)
    over = app(lam([x], lam([y], app(C("Nat.add"), x, y))), lit(1))  # partial application stays a λ
    assert tc.whnf_core(over).kind == E.LAM


def test_whnf_core_does_not_unfold_definitions(env: Environment) -> None:
    e = app(C("Nat.add"), lit(1), lit(2))
    assert TypeChecker(env).whnf_core(e) is e
    assert whnf(env, e) is lit(3)


def test_definition_unfolds(env: Environment) -> None:
    env.add(defn("two", NAT, succ_n(ZERO_, 2)))
    assert whnf(env, C("two")) is lit(2)
    assert defeq(env, C("two"), lit(2))
    assert not defeq(env, C("two"), lit(3))


def test_opaque_does_not_unfold(env: Environment) -> None:
    env.add(OpaqueDecl(N("secret"), (), NAT, lit(2)))
    assert whnf(env, C("secret")) is C("secret")
    assert not defeq(env, C("secret"), lit(2))


def test_universe_polymorphic_definition_instantiates_levels(env: Environment) -> None:
    a = fv("α", sort(u))
    env.add(defn("myid", pi([a], arrow(a, a)), lam([a, fv("x", a)], E.mk_bvar(0)), lparams=("u",)))
    e = app(C("myid", ONE), NAT, lit(7))
    assert check(env, e) is NAT
    assert whnf(env, e) is lit(7)
    rejects(env, app(C("myid", ONE), TRUE_B), "application type mismatch")


# ------------------------------------------------------------------ declarations

def test_theorem_of_a_proposition_is_accepted(env: Environment) -> None:
    env.add(TheoremDecl(N("triv"), (), C("True"), C("True.intro")))
    assert N("triv") in env


def test_theorem_whose_type_is_not_a_proposition_is_rejected(env: Environment) -> None:
    with pytest.raises(KernelError, match="not a proposition"):
        env.add(TheoremDecl(N("notprop"), (), NAT, lit(0)))
    assert N("notprop") not in env


def test_declaration_value_of_wrong_type_is_rejected(env: Environment) -> None:
    with pytest.raises(KernelError, match="type mismatch"):
        env.add(defn("d", NAT, TRUE_B))
    with pytest.raises(KernelError, match="type mismatch"):
        env.add(TheoremDecl(N("t"), (), C("True"), lit(0)))
    assert N("d") not in env and N("t") not in env


def test_duplicate_declaration_is_rejected(env: Environment) -> None:
    env.add(axiom("ax", NAT))
    with pytest.raises(KernelError, match="already declared"):
        env.add(axiom("ax", NAT))
    with pytest.raises(KernelError, match="already declared"):
        env.add(defn("Nat.add", NAT, lit(0)))


def test_duplicate_universe_parameters_are_rejected(env: Environment) -> None:
    env.add(axiom("ok", sort(L.max_(u, v)), ("u", "v")))
    with pytest.raises(KernelError, match="duplicate universe"):
        env.add(axiom("twice", sort(u), ("u", "u")))


def test_unsafe_constant_is_rejected_in_a_safe_definition(env: Environment) -> None:
    env.add(axiom("uax", NAT, unsafe=True))
    with pytest.raises(KernelError, match="unsafe"):
        env.add(defn("use_safe", NAT, C("uax")))
    with pytest.raises(KernelError, match="unsafe"):
        env.add(TheoremDecl(N("thm"), (), eq(NAT, C("uax"), C("uax")), refl(NAT, C("uax"))))
    env.add(defn("use_unsafe", NAT, C("uax"), safety="unsafe"))
    assert N("use_unsafe") in env and N("use_safe") not in env


def test_partial_constant_is_rejected_in_a_safe_definition(env: Environment) -> None:
    env.add(defn("part", NAT, lit(0), safety="partial"))
    with pytest.raises(KernelError, match="partial"):
        env.add(defn("use_safe", NAT, C("part")))
    env.add(defn("use_partial", NAT, C("part"), safety="partial"))
    env.add(defn("use_unsafe", NAT, C("part"), safety="unsafe"))


def test_safe_definition_cannot_refer_to_itself(env: Environment) -> None:
    with pytest.raises(KernelError, match="unknown constant 'loop'"):
        env.add(defn("loop", NAT, C("loop")))
    assert N("loop") not in env
    env.add(defn("uloop", NAT, C("uloop"), safety="unsafe"))  # unsafe ones may
    assert N("uloop") in env


def test_declaration_with_free_variable_is_rejected(env: Environment) -> None:
    with pytest.raises(KernelError, match="free variables"):
        env.add(axiom("a", fv("T", TYPE)))


# ------------------------------------------------------------------ ι (recursors)

def test_nat_rec_reduces_on_constructors_and_literals(env: Environment) -> None:
    z = fv("z", NAT)
    mot = const_motive(NAT)
    assert whnf(env, nat_rec(mot, z, STEP_SUCC, ZERO_)) is z
    assert defeq(env, nat_rec(mot, z, STEP_SUCC, unary(2)), succ_n(z, 2))
    assert defeq(env, nat_rec(mot, z, STEP_SUCC, lit(3)), succ_n(z, 3))
    assert not defeq(env, nat_rec(mot, z, STEP_SUCC, lit(3)), succ_n(z, 2))


def test_nat_rec_on_a_variable_is_stuck(env: Environment) -> None:
    n = fv("n", NAT)
    e = nat_rec(const_motive(NAT), lit(0), STEP_SUCC, n)
    assert whnf(env, e) is e


def test_add_with_literal_zero_reduces_through_the_recursor(env: Environment) -> None:
    x = fv("x", NAT)
    assert whnf(env, app(C("Nat.add"), x, lit(0))) is x
    assert defeq(env, app(C("Nat.add"), x, lit(2)), succ_n(x, 2))


EQ_REC = C("Eq.rec", ONE, ONE)


def _eq_rec_nat(h: E.Expr, b: E.Expr) -> E.Expr:
    bb = fv("b", NAT)
    motive = lam([bb, fv("h", eq(NAT, lit(0), bb))], NAT)
    return app(EQ_REC, NAT, lit(0), motive, lit(5), b, h)


def test_eq_rec_on_a_variable_proof_of_a_eq_a_reduces_by_k(env: Environment) -> None:
    assert isinstance(env.get(N("Eq.rec")), RecursorInfo) and env.get(N("Eq.rec")).k  # type: ignore[attr-defined]
    h = fv("h", eq(NAT, lit(0), lit(0)))
    e = _eq_rec_nat(h, lit(0))
    assert has_type(env, e, NAT)
    assert whnf(env, e) is lit(5)
    h2 = fv("h", eq(NAT, lit(0), app(C("Nat.add"), lit(0), lit(0))))  # a = a only up to defeq
    assert whnf(env, _eq_rec_nat(h2, app(C("Nat.add"), lit(0), lit(0)))) is lit(5)


def test_eq_rec_on_a_proof_of_a_eq_b_is_stuck(env: Environment) -> None:
    h = fv("h", eq(NAT, lit(0), lit(1)))
    e = _eq_rec_nat(h, lit(1))
    assert whnf(env, e) is e


def test_no_k_for_a_type_valued_equality(env: Environment) -> None:
    a, b = fv("a", NAT), fv("b", NAT)
    ia = fv("a", NAT)
    teq = C("TEq")
    env.add(block((), 1, ind("TEq", pi([a], arrow(NAT, TYPE)), ("TEq.refl", pi([ia], app(teq, ia, ia))))))
    rec = env.get(N("TEq.rec"))
    assert isinstance(rec, RecursorInfo) and not rec.k
    h = fv("h", app(teq, lit(0), lit(0)))
    motive = lam([b, fv("h", app(teq, lit(0), b))], NAT)
    e = app(C("TEq.rec", ONE), lit(0), motive, lit(5), lit(0), h)
    assert has_type(env, e, NAT)
    assert whnf(env, e) is e
    assert whnf(env, app(C("TEq.rec", ONE), lit(0), motive, lit(5), lit(0), app(C("TEq.refl"), lit(0)))) is lit(5)


# ------------------------------------------------------------------ projections

def _pnb(env: Environment) -> E.Expr:
    return pair(NAT, BOOL, lit(1), TRUE_B)


def test_projection_reduces_on_a_constructor(env: Environment) -> None:
    assert whnf(env, mk_proj(N("Prod"), 0, _pnb(env))) is lit(1)
    assert whnf(env, mk_proj(N("Prod"), 1, _pnb(env))) is TRUE_B


def test_projection_on_a_variable_is_stuck(env: Environment) -> None:
    p = fv("p", prod(NAT, BOOL))
    e = mk_proj(N("Prod"), 0, p)
    assert whnf(env, e) is e


def test_projection_types(env: Environment) -> None:
    p = fv("p", prod(NAT, BOOL))
    assert check(env, mk_proj(N("Prod"), 0, p)) is NAT
    assert check(env, mk_proj(N("Prod"), 1, p)) is BOOL
    # a field whose type depends on an earlier one: Σ-like structure
    fam = fv("β", arrow(NAT, TYPE))
    w = fv("w", NAT)
    sig = app(C("Sig"), fam)
    env.add(block((), 1, ind("Sig", pi([fam], TYPE), ("Sig.mk", pi([fam, w, fv("val", app(fam, w))], sig)))))
    B = fv("B", arrow(NAT, TYPE))
    s = fv("s", app(C("Sig"), B))
    assert check(env, mk_proj(N("Sig"), 1, s)) is app(B, mk_proj(N("Sig"), 0, s))


def test_out_of_range_projection_is_rejected(env: Environment) -> None:
    p = fv("p", prod(NAT, BOOL))
    rejects(env, mk_proj(N("Prod"), 2, p), "index out of range")


def test_projection_naming_the_wrong_structure_is_rejected(env: Environment) -> None:
    p = fv("p", prod(NAT, BOOL))
    rejects(env, mk_proj(N("And"), 0, p), "invalid projection")
    rejects(env, mk_proj(N("Nat"), 0, lit(1)), "invalid projection")  # Nat is not a structure


def test_data_projection_out_of_a_prop_structure_is_rejected(env: Environment) -> None:
    pred = fv("p", arrow(NAT, PROP))
    w = fv("w", NAT)
    ex = app(C("PEx"), pred)
    env.add(block((), 1, ind("PEx", pi([pred], PROP), ("PEx.intro", pi([pred, w, fv("h", app(pred, w))], ex)))))
    q = fv("q", arrow(NAT, PROP))
    h = fv("h", app(C("PEx"), q))
    rejects(env, mk_proj(N("PEx"), 0, h), "cannot project data out of a proof")
    rejects(env, mk_proj(N("PEx"), 1, h), "proof projection after a data field")
    # proofs out of a proof are fine
    a, b = fv("a", PROP), fv("b", PROP)
    hab = fv("hab", app(C("And"), a, b))
    assert check(env, mk_proj(N("And"), 1, hab)) is b


# ------------------------------------------------------------------ quotients

def _quot_setup() -> tuple[E.Expr, ...]:
    r = fv("r", arrow(NAT, NAT, PROP))
    f = fv("f", arrow(NAT, BOOL))
    x, y = fv("x", NAT), fv("y", NAT)
    h = fv("h", pi([x, y], arrow(app(r, x, y), eq(BOOL, app(f, x), app(f, y)))))
    a = fv("a", NAT)
    return r, f, h, a


def test_quot_lift_reduces_on_quot_mk(env: Environment) -> None:
    r, f, h, a = _quot_setup()
    mk = app(C("Quot.mk", ONE), NAT, r, a)
    assert check(env, mk) is app(C("Quot", ONE), NAT, r)
    e = app(C("Quot.lift", ONE, ONE), NAT, r, BOOL, f, h, mk)
    assert check(env, e) is BOOL
    assert whnf(env, e) is app(f, a)


def test_quot_lift_on_a_variable_is_stuck(env: Environment) -> None:
    r, f, h, _ = _quot_setup()
    q = fv("q", app(C("Quot", ONE), NAT, r))
    e = app(C("Quot.lift", ONE, ONE), NAT, r, BOOL, f, h, q)
    assert whnf(env, e) is e


def test_quot_ind_reduces_on_quot_mk(env: Environment) -> None:
    r, _, _, a = _quot_setup()
    qt = app(C("Quot", ONE), NAT, r)
    beta = fv("β", arrow(qt, PROP))
    x = fv("x", NAT)
    hmk = fv("mk", pi([x], app(beta, app(C("Quot.mk", ONE), NAT, r, x))))
    mk = app(C("Quot.mk", ONE), NAT, r, a)
    e = app(C("Quot.ind", ONE), NAT, r, beta, hmk, mk)
    assert check(env, e) is app(beta, mk)
    assert whnf(env, e) is app(hmk, a)


def test_quot_package_cannot_be_added_twice_or_without_eq(env: Environment) -> None:
    with pytest.raises(KernelError, match="already initialized"):
        env.add(QuotDecl())
    bare = nat_only()
    with pytest.raises(KernelError, match="Eq"):
        bare.add(QuotDecl())


# ------------------------------------------------------------------ Nat literal extension

NAT_CASES = [
    ("Nat.add", 2, 3, 5), ("Nat.sub", 5, 3, 2), ("Nat.sub", 3, 5, 0), ("Nat.mul", 6, 7, 42),
    ("Nat.div", 7, 2, 3), ("Nat.div", 7, 0, 0), ("Nat.mod", 7, 3, 1), ("Nat.mod", 7, 0, 7),
    ("Nat.gcd", 12, 18, 6), ("Nat.gcd", 0, 5, 5), ("Nat.pow", 2, 10, 1024), ("Nat.pow", 0, 0, 1),
    ("Nat.land", 12, 10, 8), ("Nat.lor", 12, 10, 14), ("Nat.xor", 12, 10, 6),
    ("Nat.shiftLeft", 3, 4, 48), ("Nat.shiftRight", 48, 4, 3),
]


@pytest.mark.parametrize("op,a,b,expected", NAT_CASES, ids=[f"{c[0]} {c[1]} {c[2]}" for c in NAT_CASES])
def test_nat_binary_operation_on_literals(env: Environment, op: str, a: int, b: int, expected: int) -> None:
    e = app(C(op), lit(a), lit(b))
    assert check(env, e) is NAT
    assert whnf(env, e) is lit(expected)


@pytest.mark.parametrize("op,a,b,expected", [
    ("Nat.beq", 3, 3, True), ("Nat.beq", 3, 4, False), ("Nat.ble", 3, 4, True), ("Nat.ble", 4, 3, False),
    ("Nat.ble", 4, 4, True)])
def test_nat_predicates_on_literals(env: Environment, op: str, a: int, b: int, expected: bool) -> None:
    e = app(C(op), lit(a), lit(b))
    assert check(env, e) is BOOL
    assert whnf(env, e) is (TRUE_B if expected else FALSE_B)


def test_nat_log2(env: Environment) -> None:
    assert whnf(env, app(C("Nat.log2"), lit(1024))) is lit(10)
    assert whnf(env, app(C("Nat.log2"), lit(1023))) is lit(9)
    assert whnf(env, app(C("Nat.log2"), lit(0))) is lit(0)


def test_nat_extension_applies_to_arguments_that_reduce_to_literals(env: Environment) -> None:
    e = app(C("Nat.gcd"), app(C("Nat.mul"), lit(4), lit(3)), unary(18))
    assert whnf(env, e) is lit(6)


def test_nat_extension_does_not_fire_on_variables(env: Environment) -> None:
    x = fv("x", NAT)
    e = app(C("Nat.gcd"), x, lit(3))
    assert whnf(env, e) is e  # Nat.gcd is opaque here: only the extension could reduce it


def test_nat_literal_and_succ_are_defeq(env: Environment) -> None:
    assert defeq(env, lit(5), app(SUCC, lit(4)))
    assert defeq(env, lit(5), unary(5))
    assert defeq(env, lit(0), ZERO_)
    assert not defeq(env, lit(5), app(SUCC, lit(5)))
    assert not defeq(env, lit(0), app(SUCC, ZERO_))
    x = fv("x", NAT)
    assert not defeq(env, app(SUCC, x), lit(5))
    assert check(env, lit(10 ** 30)) is NAT


def test_huge_literal_arithmetic_stays_fast(env: Environment) -> None:
    big = 10 ** 5000
    tc = TypeChecker(env, gas=Gas(2_000))  # a bounded number of steps: unary arithmetic would need ~10**5000
    assert tc.whnf(app(C("Nat.add"), lit(big), lit(big))) is lit(2 * big)
    assert tc.whnf(app(C("Nat.sub"), lit(big), lit(1))) is lit(big - 1)
    assert tc.whnf(app(C("Nat.mod"), lit(big + 7), lit(big))) is lit(7)
    assert tc.whnf(app(C("Nat.div"), lit(big * 3), lit(big))) is lit(3)
    assert tc.whnf(app(C("Nat.gcd"), lit(big), lit(big * 6))) is lit(big)
    assert tc.is_def_eq(app(C("Nat.add"), lit(big), lit(1)), app(SUCC, lit(big)))
    assert not tc.is_def_eq(app(C("Nat.add"), lit(big), lit(2)), app(SUCC, lit(big)))
    assert tc.whnf(app(C("Nat.beq"), lit(big), lit(big))) is TRUE_B
    assert tc.whnf(app(C("Nat.ble"), lit(big + 1), lit(big))) is FALSE_B
    assert tc.gas.used < 2_000  # type: ignore[union-attr]


def test_huge_multiplication_once_addition_was_verified(env: Environment) -> None:
    big = 10 ** 5000
    assert TypeChecker(env).whnf(app(C("Nat.add"), lit(1), lit(1))) is lit(2)  # verifies Nat.add first
    assert TypeChecker(env).whnf(app(C("Nat.mul"), lit(1), lit(1))) is lit(1)  # then Nat.mul
    tc = TypeChecker(env, gas=Gas(2_000))
    assert tc.whnf(app(C("Nat.mul"), lit(big), lit(big))) is lit(big * big)
    assert tc.whnf(app(C("Nat.pow"), lit(10), lit(5000))) is lit(big)


def test_huge_multiplication_in_a_fresh_environment(env: Environment) -> None:
    big = 10 ** 50
    tc = TypeChecker(env, gas=Gas(2_000))
    assert tc.whnf(app(C("Nat.mul"), lit(big), lit(big))) is lit(big * big)
    assert tc.whnf(app(C("Nat.pow"), lit(10), lit(50))) is lit(big)


def _as_value(e: E.Expr) -> object:
    if e.kind == E.NATLIT:
        return e.val  # type: ignore[attr-defined]
    if e is ZERO_:
        return 0
    if e is TRUE_B:
        return True
    if e is FALSE_B:
        return False
    return e


PY_OPS = {"Nat.add": lambda a, b: a + b, "Nat.sub": lambda a, b: max(a - b, 0), "Nat.mul": lambda a, b: a * b,
          "Nat.pow": lambda a, b: a ** b, "Nat.beq": lambda a, b: a == b, "Nat.ble": lambda a, b: a <= b}


@settings(**PROP_SETTINGS)
@given(st.sampled_from(sorted(PY_OPS)), st.integers(0, 9), st.integers(0, 4))
def test_nat_extension_agrees_with_unfolding_the_definition(op: str, a: int, b: int) -> None:
    from builders import prelude

    env = prelude()
    definition = env.get(N(op)).value  # type: ignore[attr-defined]
    unfolded = TypeChecker(env).whnf(app(definition, lit(a), lit(b)))  # head is a λ: no extension at the top
    by_extension = TypeChecker(env).whnf(app(C(op), lit(a), lit(b)))
    expected = PY_OPS[op](a, b)
    assert _as_value(unfolded) == expected
    assert _as_value(by_extension) == expected


# ------------------------------------------------------------------ String literals

def test_string_literal_is_defeq_to_its_constructor_form(env: Environment) -> None:
    char = C("Char")
    ab = app(C("String.mk"), list_of(char, [app(C("Char.ofNat"), lit(97)), app(C("Char.ofNat"), lit(98))]))
    assert check(env, mk_str_lit("ab")) is C("String")
    assert defeq(env, mk_str_lit("ab"), ab)
    assert defeq(env, mk_str_lit(""), app(C("String.mk"), list_of(char, [])))
    via_mk = app(C("String.mk"), list_of(char, [app(C("Char.mk"), lit(97)), app(C("Char.mk"), lit(98))]))
    assert defeq(env, mk_str_lit("ab"), via_mk)


def test_string_literal_differs_from_another_constructor_form(env: Environment) -> None:
    char = C("Char")
    ba = app(C("String.mk"), list_of(char, [app(C("Char.ofNat"), lit(98)), app(C("Char.ofNat"), lit(97))]))
    assert not defeq(env, mk_str_lit("ab"), ba)
    assert not defeq(env, mk_str_lit("ab"), mk_str_lit("ba"))


def test_projection_of_a_string_literal(env: Environment) -> None:
    data = whnf(env, mk_proj(N("String"), 0, mk_str_lit("a")))
    assert E.get_app_fn(data) is C("List.cons", ZERO)


# ------------------------------------------------------------------ proof irrelevance, η, structure η, unit

def test_two_proofs_of_a_proposition_are_defeq(env: Environment) -> None:
    p = fv("p", PROP)
    h1, h2 = fv("h1", p), fv("h2", p)
    assert defeq(env, h1, h2)
    t1 = fv("t1", C("True"))
    assert defeq(env, t1, C("True.intro"))


def test_proofs_of_different_propositions_are_not_defeq(env: Environment) -> None:
    p, q = fv("p", PROP), fv("q", PROP)
    assert not defeq(env, fv("h1", p), fv("h2", q))


def test_two_inhabitants_of_a_type_are_not_defeq(env: Environment) -> None:
    assert not defeq(env, fv("n1", NAT), fv("n2", NAT))
    assert not defeq(env, lit(1), lit(2))


def test_eta(env: Environment) -> None:
    f = fv("f", arrow(NAT, NAT))
    x = fv("x", NAT)
    assert defeq(env, lam([x], app(f, x)), f)
    assert not defeq(env, lam([x], app(f, app(SUCC, x))), f)
    assert not defeq(env, lam([x], x), f)


def test_structure_eta(env: Environment) -> None:
    p = fv("p", prod(NAT, BOOL))
    q = fv("q", prod(NAT, NAT))
    fst, snd = mk_proj(N("Prod"), 0, p), mk_proj(N("Prod"), 1, p)
    assert defeq(env, p, pair(NAT, BOOL, fst, snd))
    qf, qs = mk_proj(N("Prod"), 0, q), mk_proj(N("Prod"), 1, q)
    assert not defeq(env, q, pair(NAT, NAT, qs, qf))
    assert not defeq(env, p, pair(NAT, BOOL, fst, TRUE_B))


def test_structure_eta_lets_recursors_reduce_on_variables(env: Environment) -> None:
    p = fv("p", prod(NAT, BOOL))
    motive = lam([fv("t", prod(NAT, BOOL))], NAT)
    minor = lam([fv("a", NAT), fv("b", BOOL)], E.mk_bvar(1))
    e = app(C("Prod.rec", ONE, ZERO, ZERO), NAT, BOOL, motive, minor, p)
    assert has_type(env, e, NAT)
    assert whnf(env, e) is mk_proj(N("Prod"), 0, p)


def test_unit_like_values_are_defeq(env: Environment) -> None:
    punit = C("PUnit", ONE)
    assert defeq(env, fv("a", punit), fv("b", punit))
    assert not defeq(env, fv("a", BOOL), fv("b", BOOL))
    assert not defeq(env, fv("a", C("PUnit", L.succ(ONE))), fv("b", punit))


# ------------------------------------------------------------------ lazy δ

def test_lazy_delta_with_definitions_of_different_heights(env: Environment) -> None:
    env.add(DefinitionDecl(N("d0"), (), NAT, lit(5), Hints("regular", 0)))
    for i in range(1, 30):
        env.add(DefinitionDecl(N(f"d{i}"), (), NAT, C(f"d{i - 1}"), Hints("regular", i)))
    assert defeq(env, C("d29"), C("d3"))
    assert defeq(env, C("d29"), lit(5))
    assert not defeq(env, C("d29"), lit(6))


def test_lazy_delta_same_head_compares_arguments_then_unfolds(env: Environment) -> None:
    n = fv("n", NAT)
    env.add(defn("double", arrow(NAT, NAT), lam([n], app(C("Nat.add"), n, n)), height=2))
    env.add(defn("const0", arrow(NAT, NAT), lam([n], lit(0)), height=1))
    x = fv("x", NAT)
    assert defeq(env, app(C("double"), x), app(C("double"), app(C("Nat.add"), x, lit(0))))  # by the arguments
    assert defeq(env, app(C("const0"), lit(1)), app(C("const0"), lit(2)))  # arguments differ, unfolding agrees
    assert not defeq(env, app(C("double"), lit(2)), app(C("double"), lit(3)))
    assert defeq(env, app(C("double"), lit(2)), lit(4))


def test_abbreviation_and_opaque_hints(env: Environment) -> None:
    env.add(DefinitionDecl(N("ab"), (), NAT, lit(3), Hints("abbrev")))
    env.add(DefinitionDecl(N("op"), (), NAT, C("ab"), Hints("opaque")))
    assert defeq(env, C("op"), C("ab"))
    assert defeq(env, C("op"), lit(3))
    assert not defeq(env, C("op"), lit(4))


# ------------------------------------------------------------------ gas

def _long_defeq() -> tuple[E.Expr, E.Expr]:
    z = fv("z", NAT)
    return nat_rec(const_motive(NAT), z, STEP_SUCC, lit(300)), succ_n(z, 300)


def _run(env: Environment, budget: int) -> tuple[object, int]:
    g = Gas(budget)
    a, b = _long_defeq()
    try:
        r: object = TypeChecker(env, gas=g).is_def_eq(a, b)
    except GasExhausted:
        r = "exhausted"
    return r, g.used


def test_gas_exhaustion_raises(env: Environment) -> None:
    a, b = _long_defeq()
    with pytest.raises(GasExhausted):
        TypeChecker(env, gas=Gas(100)).is_def_eq(a, b)
    assert TypeChecker(env, gas=Gas(10 ** 7)).is_def_eq(a, b)


def test_gas_is_deterministic(env: Environment) -> None:
    first = _run(env, 500)
    assert first == _run(env, 500)
    assert first[0] == "exhausted"
    ok = _run(env, 10 ** 7)
    assert ok == _run(env, 10 ** 7) and ok[0] is True
    used = ok[1]
    assert _run(env, used) == (True, used)  # exactly enough
    assert _run(env, used - 1)[0] == "exhausted"


# ------------------------------------------------------------------ depth

def test_deep_term_is_checked(env: Environment) -> None:
    e = unary(20_000)
    env.add(defn("deep", NAT, e))
    assert whnf(env, C("deep")) is lit(20_000)


# ------------------------------------------------------------------ check mode under binders (bodies checked open)

_X, _B, _F = fv("x", NAT), fv("b", BOOL), fv("f", arrow(NAT, NAT))
_A = fv("A", TYPE)
_a = fv("a", _A)
_P = fv("p", prod(NAT, BOOL))

UNDER_BINDERS_REJECTED = [
    ("ill-typed closed application", arrow(NAT, NAT), lam([_X], app(SUCC, TRUE_B)), "application type mismatch"),
    ("bound variable applied", arrow(NAT, NAT), lam([_X], app(_X, _X)), "function expected"),
    ("bound function, wrong argument", arrow(arrow(NAT, NAT), BOOL, NAT), lam([_F, _B], app(_F, _B)),
     "application type mismatch"),
    ("bound variable as a type", TYPE, pi([_X], _X), "type expected"),
    ("local type against Nat", pi([_A], arrow(_A, NAT)), lam([_A, _a], app(lam([fv("y", NAT)], E.mk_bvar(0)), _a)),
     "application type mismatch"),
    ("Nat against a local type", pi([_A, _a], _A), lam([_A, _a], app(lam([fv("y", _A)], E.mk_bvar(0)), lit(0))),
     "application type mismatch"),
    ("let value of the wrong type", arrow(NAT, NAT), lam([_X], mk_let(N("y"), NAT, TRUE_B, E.mk_bvar(0))),
     "let value type mismatch"),
    ("projection out of range", arrow(prod(NAT, BOOL), NAT), lam([_P], mk_proj(N("Prod"), 2, _P)), "out of range"),
    ("projection of the wrong type", arrow(prod(NAT, BOOL), NAT), lam([_P], mk_proj(N("Prod"), 1, _P)),
     "type mismatch"),
]


@pytest.mark.parametrize("what,type_,value,match", UNDER_BINDERS_REJECTED, ids=[c[0] for c in UNDER_BINDERS_REJECTED])
def test_ill_typed_body_under_binders_is_rejected(env: Environment, what: str, type_: E.Expr, value: E.Expr,
                                                  match: str) -> None:
    with pytest.raises(KernelError, match=match):
        env.add(defn("d", type_, value))
    assert N("d") not in env


UNDER_BINDERS_ACCEPTED = [
    ("dependent identity", pi([_A, _a], _A), lam([_A, _a], app(lam([fv("y", _A)], E.mk_bvar(0)), _a))),
    ("reflexivity", pi([_A, _a], eq(_A, _a, _a)), lam([_A, _a], refl(_A, _a))),
    ("let over a bound variable", arrow(NAT, NAT), lam([_X], mk_let(N("y"), NAT, _X, app(SUCC, E.mk_bvar(0))))),
    ("let-bound type used as a domain", arrow(NAT, NAT),
     lam([_X], mk_let(N("T"), TYPE, NAT, app(E.mk_lam(N("z"), E.mk_bvar(0), E.mk_bvar(0)), _X)))),
    ("projection of a bound pair", arrow(prod(NAT, BOOL), BOOL), lam([_P], mk_proj(N("Prod"), 1, _P))),
]


@pytest.mark.parametrize("what,type_,value", UNDER_BINDERS_ACCEPTED, ids=[c[0] for c in UNDER_BINDERS_ACCEPTED])
def test_well_typed_body_under_binders_is_accepted(env: Environment, what: str, type_: E.Expr,
                                                   value: E.Expr) -> None:
    env.add(defn("d", type_, value))
    assert N("d") in env


def test_universe_and_safety_checks_reach_under_binders(env: Environment) -> None:
    x = fv("x", NAT)
    with pytest.raises(KernelError, match="undefined universe level parameter 'v'"):
        env.add(defn("d1", arrow(NAT, TYPE), lam([x], C("PUnit", L.succ(v))), lparams=("u",)))
    with pytest.raises(KernelError, match="undefined universe level parameter 'v'"):
        env.add(defn("d2", pi([fv("s", sort(v))], NAT), lam([fv("s", sort(v))], lit(0)), lparams=("u",)))
    env.add(axiom("uax", NAT, unsafe=True))
    with pytest.raises(KernelError, match="unsafe"):
        env.add(defn("d3", arrow(NAT, NAT), lam([x], C("uax"))))


def test_declaration_type_must_be_a_type(env: Environment) -> None:
    with pytest.raises(KernelError, match="type expected"):
        env.add(defn("d", lit(0), lit(0)))


def test_lambdas_with_different_domains_are_not_defeq(env: Environment) -> None:
    assert not defeq(env, lam([fv("x", NAT)], lit(0)), lam([fv("x", BOOL)], lit(0)))
    assert defeq(env, lam([fv("x", NAT)], lit(0)), lam([fv("y", NAT)], app(C("Nat.add"), lit(0), lit(0))))


def test_indexed_single_constructor_type_is_not_unit_like(env: Environment) -> None:
    a, ia = fv("a", NAT), fv("a", NAT)
    teq = C("TEq")
    env.add(block((), 1, ind("TEq", pi([a], arrow(NAT, TYPE)), ("TEq.refl", pi([ia], app(teq, ia, ia))))))
    t = app(teq, lit(0), lit(0))
    assert not defeq(env, fv("h1", t), fv("h2", t))
