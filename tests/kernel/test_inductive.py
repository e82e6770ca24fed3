"""Inductive declarations: well-formedness, positivity, universes, recursor generation, claimed constants."""
from __future__ import annotations

import dataclasses

import pytest

from builders import (
    BOOL, NAT, PROP, SUCC, TYPE, ZERO_, C, N, app, arrow, block, const_motive, defn, fv, imp, ind, lam, list_of,
    lit, pi, sort, u,
)
from leanr_py.kernel import declaration as D
from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.errors import KernelError
from leanr_py.kernel.expr import alpha_eqv
from leanr_py.kernel.typechecker import TypeChecker

T = C("T")


def rejected(env: Environment, decl: D.InductiveDecl, match: str) -> None:
    before = set(env.constants)
    with pytest.raises(KernelError, match=match):
        env.add(decl)
    assert set(env.constants) == before, "a rejected block must leave nothing behind"


def rec_of(env: Environment, name: str) -> D.RecursorInfo:
    info = env.get(N(name))
    assert isinstance(info, D.RecursorInfo)
    return info


def motive_sort(rec: D.RecursorInfo) -> E.Expr:
    """The sort a recursor's (first) motive returns."""
    t = rec.type
    for _ in range(rec.num_params):
        t = t.body  # type: ignore[attr-defined]
    m = t.type  # type: ignore[attr-defined]
    while m.kind == E.PI:
        m = m.body  # type: ignore[attr-defined]
    return m


# ------------------------------------------------------------------ the type itself

def test_simple_enumeration_is_accepted(env: Environment) -> None:
    env.add(block((), 0, ind("T", TYPE, ("T.a", T), ("T.b", T))))
    info = env.get(N("T"))
    assert isinstance(info, D.InductiveInfo) and info.ctors == (N("T.a"), N("T.b")) and not info.is_rec
    assert env.get(N("T.b")).cidx == 1  # type: ignore[attr-defined]


def test_type_that_is_not_a_sort_is_rejected(env: Environment) -> None:
    rejected(env, block((), 0, ind("T", NAT, ("T.a", T))), "type expected")
    rejected(env, block((), 0, ind("T", arrow(NAT, NAT))), "type expected")


def test_wrong_number_of_parameters_is_rejected(env: Environment) -> None:
    a = fv("α", TYPE)
    env.add(block((), 1, ind("Box", pi([a], TYPE), ("Box.mk", pi([a, fv("x", a)], app(C("Box"), a))))))
    rejected(env, block((), 2, ind("T", arrow(TYPE, TYPE))), "number of parameters")


def test_empty_block_is_rejected(env: Environment) -> None:
    with pytest.raises(KernelError, match="empty"):
        env.add(D.InductiveDecl((), 0, ()))


def test_duplicate_universe_parameters_are_rejected(env: Environment) -> None:
    rejected(env, block(("u", "u"), 0, ind("T", sort(u))), "duplicate universe")


def test_existing_name_is_rejected(env: Environment) -> None:
    rejected(env, block((), 0, ind("Nat", TYPE)), "already declared")
    rejected(env, block((), 0, ind("T", TYPE, ("Nat.succ", T))), "already declared")


# ------------------------------------------------------------------ constructors

def test_constructor_returning_parameters_swapped_is_rejected(env: Environment) -> None:
    a, b = fv("α", TYPE), fv("β", TYPE)
    P = C("P")
    ok = block((), 2, ind("P", pi([a, b], TYPE), ("P.mk", pi([a, b], app(P, a, b)))))
    env.add(ok)
    bad = block((), 2, ind("Q", pi([a, b], TYPE), ("Q.mk", pi([a, b], app(C("Q"), b, a)))))
    rejected(env, bad, "invalid return type")


def test_constructor_returning_other_universe_levels_is_rejected(env: Environment) -> None:
    a = fv("α", TYPE)
    good = block(("u",), 1, ind("B", pi([a], TYPE), ("B.mk", pi([a], app(C("B", u), a)))))
    bad = block(("u",), 1, ind("B", pi([a], TYPE), ("B.mk", pi([a], app(C("B", L.ZERO), a)))))
    rejected(env, bad, "invalid return type")
    env.add(good)


def test_constructor_returning_another_type_is_rejected(env: Environment) -> None:
    rejected(env, block((), 0, ind("T", TYPE, ("T.mk", NAT))), "invalid return type")
    rejected(env, block((), 0, ind("T", TYPE, ("T.mk", arrow(T, BOOL)))), "invalid return type")


def test_constructor_parameter_of_another_type_is_rejected(env: Environment) -> None:
    a, p = fv("α", TYPE), fv("α", PROP)
    rejected(env, block((), 1, ind("B", pi([a], TYPE), ("B.mk", pi([p], app(C("B"), p))))),
             "does not match inductive datatype parameters|application type mismatch")


def test_duplicate_constructor_names_are_rejected(env: Environment) -> None:
    rejected(env, block((), 0, ind("T", TYPE, ("T.a", T), ("T.a", T))), "duplicate constructor")


def test_ill_typed_constructor_is_rejected(env: Environment) -> None:
    rejected(env, block((), 0, ind("T", TYPE, ("T.mk", arrow(app(SUCC, BOOL), T)))), "type mismatch")


# ------------------------------------------------------------------ positivity

def test_non_positive_occurrence_is_rejected(env: Environment) -> None:
    rejected(env, block((), 0, ind("T", TYPE, ("T.mk", arrow(arrow(T, NAT), T)))), "non positive occurrence")
    rejected(env, block((), 0, ind("T", TYPE, ("T.mk", arrow(arrow(NAT, arrow(T, NAT)), T)))),
             "non positive occurrence")


def test_positive_function_field_is_accepted(env: Environment) -> None:
    env.add(block((), 0, ind("T", TYPE, ("T.leaf", T), ("T.node", arrow(arrow(NAT, T), T)))))
    info = env.get(N("T"))
    assert isinstance(info, D.InductiveInfo) and info.is_rec and info.is_reflexive
    # the minor premise for `node` has an induction hypothesis over every `f a`
    rec = rec_of(env, "T.rec")
    node_minor = rec.type.body.body.type  # type: ignore[attr-defined]  # Π motive, Π leaf, Π (node : _)
    ih = node_minor.body.type  # type: ignore[attr-defined]  # Π (f : Nat → T), Π (f_ih : _)
    assert ih.kind == E.PI and ih.type is NAT


def test_occurrence_in_an_index_is_rejected(env: Environment) -> None:
    J = C("J")
    # Lean 4's kernel message for it (lean4 issue 2125)
    rejected(env, block((), 0, ind("J", arrow(TYPE, TYPE), ("J.mk", app(J, app(J, NAT))))),
             "invalid occurrence of a datatype being declared in an index of the mutual declaration")
    rejected(env, block((), 0, ind("J", arrow(TYPE, TYPE), ("J.mk", arrow(app(J, app(J, NAT)), app(J, NAT))))),
             "non valid occurrence")


def test_unsafe_block_skips_positivity_but_is_unsafe(env: Environment) -> None:
    env.add(block((), 0, ind("T", TYPE, ("T.mk", arrow(arrow(T, NAT), T))), unsafe=True))
    assert env.get(N("T.mk")).is_unsafe
    with pytest.raises(KernelError, match="unsafe"):
        env.add(defn("useT", TYPE, T))
    env.add(defn("useT", TYPE, T, safety="unsafe"))


# ------------------------------------------------------------------ universes

def test_field_universe_too_big_is_rejected(env: Environment) -> None:
    rejected(env, block((), 0, ind("Big", TYPE, ("Big.mk", arrow(TYPE, C("Big"))))), "too big")


def test_field_in_a_parameter_universe_too_big_is_rejected(env: Environment) -> None:
    a = fv("α", sort(L.succ(u)))
    rejected(env, block(("u",), 1, ind("Wrap", pi([a], TYPE),
                                       ("Wrap.mk", pi([a, fv("x", a)], app(C("Wrap", u), a))))), "too big")


def test_field_in_a_parameter_universe_fits_when_the_type_is_big_enough(env: Environment) -> None:
    a = fv("α", sort(u))
    env.add(block(("u",), 1, ind("Wrap", pi([a], sort(L.max_(L.ONE, u))),
                                 ("Wrap.mk", pi([a, fv("x", a)], app(C("Wrap", u), a))))))


def test_prop_inductive_with_large_field_is_accepted(env: Environment) -> None:
    env.add(block((), 0, ind("PBig", PROP, ("PBig.mk", arrow(TYPE, C("PBig"))))))
    rec = rec_of(env, "PBig.rec")
    assert rec.level_params == () and motive_sort(rec) is PROP  # the data field forces Prop elimination


def test_mutual_types_must_live_in_the_same_universe(env: Environment) -> None:
    rejected(env, block((), 0, ind("A", TYPE), ind("B", PROP)), "same universe")


# ------------------------------------------------------------------ recursors

def test_nat_recursor_has_the_expected_type_and_rules(env: Environment) -> None:
    uu = L.param(N("u"))
    motive = imp("motive", arrow(NAT, sort(uu)))
    zero = fv("zero", app(motive, ZERO_))
    n = fv("n", NAT)
    succ = fv("succ", pi([n], arrow(app(motive, n), app(motive, app(SUCC, n)))))
    t = fv("t", NAT)
    expected = pi([motive, zero, succ, t], app(motive, t))
    rec = rec_of(env, "Nat.rec")
    assert rec.level_params == (N("u"),)
    assert alpha_eqv(rec.type, expected)
    assert (rec.num_params, rec.num_indices, rec.num_motives, rec.num_minors, rec.k) == (0, 0, 1, 2, False)
    assert [r.ctor for r in rec.rules] == [N("Nat.zero"), N("Nat.succ")]
    assert [r.num_fields for r in rec.rules] == [0, 1]
    rec_c = C("Nat.rec", uu)
    assert alpha_eqv(rec.rules[0].rhs, lam([motive, zero, succ], zero))
    assert alpha_eqv(rec.rules[1].rhs, lam([motive, zero, succ, n], app(succ, n, app(rec_c, motive, zero, succ, n))))
    # and a wrong expectation is told apart
    assert not alpha_eqv(rec.type, pi([motive, succ, zero, t], app(motive, t)))


def test_generated_recursor_type_checks(env: Environment) -> None:
    for name in ("Nat.rec", "Eq.rec", "Prod.rec", "List.rec", "Acc.rec", "Or.rec"):
        rec = rec_of(env, name)
        TypeChecker(env, rec.level_params).ensure_sort(TypeChecker(env, rec.level_params).check(rec.type))


def test_or_like_predicate_eliminates_only_into_prop(env: Environment) -> None:
    rec = rec_of(env, "Or.rec")
    assert rec.level_params == () and motive_sort(rec) is PROP
    pred = fv("p", arrow(NAT, PROP))
    w = fv("w", NAT)
    env.add(block((), 1, ind("PEx", pi([pred], PROP),
                             ("PEx.intro", pi([pred, w, fv("h", app(pred, w))], app(C("PEx"), pred))))))
    assert motive_sort(rec_of(env, "PEx.rec")) is PROP


@pytest.mark.parametrize("name", ["Eq.rec", "And.rec", "True.rec", "False.rec", "Acc.rec"])
def test_eq_and_like_predicates_eliminate_into_any_sort(env: Environment, name: str) -> None:
    rec = rec_of(env, name)
    s = motive_sort(rec)
    assert s.kind == E.SORT and s.level.kind == L.PARAM_K  # type: ignore[attr-defined]
    assert rec.level_params[0] is s.level.a  # type: ignore[attr-defined]


def test_eq_recursor_is_k_and_and_recursor_is_not(env: Environment) -> None:
    assert rec_of(env, "Eq.rec").k
    assert not rec_of(env, "And.rec").k  # has fields
    assert not rec_of(env, "Nat.rec").k  # not a Prop
    assert not rec_of(env, "Or.rec").k  # two constructors


def _even_odd() -> D.InductiveDecl:
    n = imp("n", NAT)
    even, odd = C("Even"), C("Odd")
    return block((), 0,
                 ind("Even", arrow(NAT, PROP), ("Even.zero", app(even, ZERO_)),
                     ("Even.succ", pi([n], arrow(app(odd, n), app(even, app(SUCC, n)))))),
                 ind("Odd", arrow(NAT, PROP), ("Odd.succ", pi([n], arrow(app(even, n), app(odd, app(SUCC, n)))))))


def test_mutual_inductive_is_accepted_with_a_recursor_per_type(env: Environment) -> None:
    env.add(_even_odd())
    for name in ("Even.rec", "Odd.rec"):
        rec = rec_of(env, name)
        assert (rec.num_motives, rec.num_minors, rec.num_indices) == (2, 3, 1)
        assert rec.all == (N("Even"), N("Odd"))
        assert motive_sort(rec) is PROP
    # Even 2 by construction
    e2 = app(C("Even.succ"), lit(1), app(C("Odd.succ"), lit(0), C("Even.zero")))
    tc = TypeChecker(env)
    assert tc.is_def_eq(tc.check(e2), app(C("Even"), lit(2)))


def test_mutual_block_with_a_wrong_constructor_target_is_rejected(env: Environment) -> None:
    even, odd = C("Even"), C("Odd")
    n = imp("n", NAT)
    bad = block((), 0,
                ind("Even", arrow(NAT, PROP), ("Even.zero", app(odd, ZERO_))),
                ind("Odd", arrow(NAT, PROP), ("Odd.succ", pi([n], arrow(app(even, n), app(odd, app(SUCC, n)))))))
    rejected(env, bad, "invalid return type")


def _tree() -> D.InductiveDecl:
    tree = C("Tree")
    return block((), 0, ind("Tree", TYPE, ("Tree.node", arrow(app(C("List", L.ZERO), tree), tree))))


def test_nested_inductive_is_accepted_with_auxiliary_recursors(env: Environment) -> None:
    env.add(_tree())
    rec, rec1 = rec_of(env, "Tree.rec"), rec_of(env, "Tree.rec_1")
    assert rec.num_motives == 2 and rec1.num_motives == 2 and rec.num_minors == 3
    assert rec1.major_induct is N("List")
    assert not any("_nested" in str(n) for n in env.constants), "auxiliary types must not leak"
    list_tree = app(C("List", L.ZERO), C("Tree"))
    node = env.get(N("Tree.node"))
    assert alpha_eqv(node.type, arrow(list_tree, C("Tree")))
    assert E.find(rec1.type, lambda x: x is list_tree) is not None


def test_nested_recursor_computes(env: Environment) -> None:
    env.add(_tree())
    tree = C("Tree")
    lt = app(C("List", L.ZERO), tree)
    leaf = app(C("Tree.node"), list_of(tree, []))
    t = app(C("Tree.node"), list_of(tree, [leaf, leaf]))
    # count the nodes: node cs ih = ih + 1; nil = 0; cons h t ih_h ih_t = ih_h + ih_t
    add = C("Nat.add")
    m1 = lam([fv("t", tree)], NAT)
    m2 = lam([fv("l", lt)], NAT)
    cs, ih, h, tl, ih_h, ih_t = fv("cs", lt), fv("ih", NAT), fv("h", tree), fv("tl", lt), fv("a", NAT), fv("b", NAT)
    minor_node = lam([cs, ih], app(SUCC, ih))
    minor_nil = lit(0)
    minor_cons = lam([h, tl, ih_h, ih_t], app(add, ih_h, ih_t))
    e = app(C("Tree.rec", L.ONE), m1, m2, minor_node, minor_nil, minor_cons, t)
    tc = TypeChecker(env)
    assert tc.is_def_eq(tc.check(e), NAT)
    assert tc.whnf(e) is lit(3)


def test_structure_with_two_universe_parameters(env: Environment) -> None:
    info = env.get(N("Prod"))
    assert isinstance(info, D.InductiveInfo) and info.level_params == (N("u"), N("v"))
    mk = env.get(N("Prod.mk"))
    assert (mk.num_params, mk.num_fields) == (2, 2)  # type: ignore[attr-defined]
    assert rec_of(env, "Prod.rec").level_params == (N("u_1"), N("u"), N("v"))


# ------------------------------------------------------------------ claimed constants

def _nat_block() -> D.InductiveDecl:
    return block((), 0, ind("Nat", TYPE, ("Nat.zero", NAT), ("Nat.succ", arrow(NAT, NAT))))


def _generated_nat() -> list[D.ConstantInfo]:
    env = Environment()
    env.add(_nat_block())
    return [env.get(N(n)) for n in ("Nat", "Nat.zero", "Nat.succ", "Nat.rec")]


def _claim_rejected(claimed: list[D.ConstantInfo], match: str) -> None:
    env = Environment()
    with pytest.raises(KernelError, match=match):
        env.add_inductive(_nat_block(), claimed)
    assert len(env) == 0, "a rejected claim must roll the whole block back"


def test_claimed_constants_equal_to_the_generated_ones_are_accepted() -> None:
    env = Environment()
    env.add_inductive(_nat_block(), _generated_nat())
    assert N("Nat.rec") in env


def test_claimed_recursor_with_wrong_num_params_is_rejected() -> None:
    ind_, z, s, rec = _generated_nat()
    _claim_rejected([ind_, z, s, dataclasses.replace(rec, num_params=1)], "num_params")


def test_claimed_recursor_with_wrong_rules_is_rejected() -> None:
    ind_, z, s, rec = _generated_nat()
    assert isinstance(rec, D.RecursorInfo)
    r0, r1 = rec.rules
    swapped_rhs = (D.RecursorRule(r0.ctor, r0.num_fields, r1.rhs), D.RecursorRule(r1.ctor, r1.num_fields, r0.rhs))
    _claim_rejected([ind_, z, s, dataclasses.replace(rec, rules=swapped_rhs)], "differs")
    _claim_rejected([ind_, z, s, dataclasses.replace(rec, rules=(r0,))], "rules, the kernel generates")
    _claim_rejected([ind_, z, s, dataclasses.replace(rec, rules=(r1, r0))], "differs")


def test_claimed_extra_recursor_is_rejected() -> None:
    generated = _generated_nat()
    rec = generated[3]
    _claim_rejected(generated + [dataclasses.replace(rec, name=N("Nat.rec2"))], "not generated")


def test_claimed_recursor_with_wrong_type_or_k_is_rejected() -> None:
    ind_, z, s, rec = _generated_nat()
    _claim_rejected([ind_, z, s, dataclasses.replace(rec, type=arrow(NAT, NAT))], "type")
    _claim_rejected([ind_, z, s, dataclasses.replace(rec, k=True)], "k is")
    _claim_rejected([ind_, z, s, dataclasses.replace(rec, level_params=())], "universe parameters")


def test_claimed_constructor_of_the_wrong_kind_is_rejected() -> None:
    ind_, z, s, rec = _generated_nat()
    fake = D.AxiomInfo(z.name, z.level_params, z.type)
    _claim_rejected([ind_, fake, s, rec], "wrong kind")
    _claim_rejected([ind_, z, dataclasses.replace(s, cidx=0), rec], "cidx")


def test_claimed_recursor_may_rename_its_universe_parameter() -> None:
    ind_, z, s, rec = _generated_nat()
    assert isinstance(rec, D.RecursorInfo)
    w = N("w")
    ren = [L.param(w)]
    renamed = dataclasses.replace(
        rec, level_params=(w,), type=E.instantiate_level_params(rec.type, rec.level_params, ren),
        rules=tuple(D.RecursorRule(r.ctor, r.num_fields, E.instantiate_level_params(r.rhs, rec.level_params, ren))
                    for r in rec.rules))
    env = Environment()
    env.add_inductive(_nat_block(), [ind_, z, s, renamed])


def test_generated_nat_rule_computes_one_step(env: Environment) -> None:
    z = fv("z", NAT)
    step = lam([fv("k", NAT), fv("ih", NAT)], app(SUCC, E.mk_bvar(0)))
    e = app(C("Nat.rec", L.ONE), const_motive(NAT), z, step, app(SUCC, ZERO_))
    # the major `Nat.succ Nat.zero` is normalised to the literal 1, read back as `Nat.succ 0`
    assert TypeChecker(env).whnf(e) is app(SUCC, app(C("Nat.rec", L.ONE), const_motive(NAT), z, step, lit(0)))


# ------------------------------------------------------------------ more shapes

def test_indexed_family_recursor_and_iota(env: Environment) -> None:
    al = fv("α", TYPE)
    n = imp("n", NAT)
    vec = C("Vec")
    env.add(block((), 1, ind("Vec", pi([al], arrow(NAT, TYPE)), ("Vec.nil", pi([al], app(vec, al, lit(0)))),
                             ("Vec.cons", pi([al, n, fv("x", al), fv("xs", app(vec, al, n))],
                                             app(vec, al, app(SUCC, n)))))))
    rec = rec_of(env, "Vec.rec")
    assert (rec.num_params, rec.num_indices, rec.num_minors) == (1, 1, 2)
    k, x = fv("k", NAT), fv("x", NAT)
    xs, ih = fv("xs", app(vec, NAT, k)), fv("ih", NAT)
    motive = lam([k, fv("v", app(vec, NAT, k))], NAT)
    length = app(C("Vec.rec", L.ONE), NAT, motive, lit(0), lam([k, x, xs, ih], app(SUCC, ih)))
    two = app(C("Vec.cons"), NAT, lit(1), lit(7), app(C("Vec.cons"), NAT, lit(0), lit(8), app(C("Vec.nil"), NAT)))
    e = app(length, lit(2), two)
    tc = TypeChecker(env)
    assert tc.is_def_eq(tc.check(e), NAT)
    assert tc.whnf(e) is lit(2)
    with pytest.raises(KernelError, match="application type mismatch"):
        TypeChecker(env).check(app(length, lit(3), two))  # wrong index


def test_nested_inductive_with_a_parameter(env: Environment) -> None:
    al = fv("α", TYPE)
    rose = app(C("Rose"), al)
    env.add(block((), 1, ind("Rose", pi([al], TYPE),
                             ("Rose.node", pi([al, fv("x", al), fv("cs", app(C("List", L.ZERO), rose))], rose)))))
    assert rec_of(env, "Rose.rec_1").num_params == 1
    TypeChecker(env).check(app(C("Rose.node"), NAT, lit(1), list_of(app(C("Rose"), NAT), [])))


@pytest.mark.parametrize("shape", ["under a function", "through Prod", "List of List"])
def test_other_nested_shapes_are_accepted(env: Environment, shape: str) -> None:
    lst = app(C("List", L.ZERO), T)
    field = {"under a function": arrow(NAT, lst), "through Prod": app(C("Prod", L.ZERO, L.ZERO), T, T),
             "List of List": app(C("List", L.ZERO), lst)}[shape]
    env.add(block((), 0, ind("T", TYPE, ("T.leaf", T), ("T.mk", arrow(field, T)))))
    assert rec_of(env, "T.rec_1").num_motives >= 2
    assert not any("_nested" in str(n) for n in env.constants)


def test_nested_non_positive_occurrence_is_rejected(env: Environment) -> None:
    rejected(env, block((), 0, ind("T", TYPE, ("T.mk", arrow(app(C("List", L.ZERO), arrow(T, NAT)), T)))),
             "non positive occurrence")


def test_mutual_and_nested_together(env: Environment) -> None:
    A, B = C("A"), C("B")
    env.add(block((), 0, ind("A", TYPE, ("A.mk", arrow(app(C("List", L.ZERO), B), A))),
                  ind("B", TYPE, ("B.mk", arrow(A, B)), ("B.nil", B))))
    for name in ("A.rec", "B.rec", "A.rec_1"):
        assert rec_of(env, name).num_motives == 3
