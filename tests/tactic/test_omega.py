"""`omega`: linear arithmetic over Nat with a kernel-checked proof (the kernel re-checks every declaration, so
a wrong proof term would be reported as a `(kernel)` error)."""
from __future__ import annotations

import itertools
import re
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from .helpers import errors, messages

FAIL = "omega could not prove the goal"


def ok(src: str) -> None:
    assert errors(src) == []


def first_error(src: str) -> str:
    es = errors(src)
    assert es, "expected an error"
    return es[0][2]


@pytest.mark.parametrize("stmt", [
    "(x y : Nat) : x + y ≤ y + x + 1",
    "(x y z : Nat) : x < y → y < z → x + 2 ≤ z",
    "(x y : Nat) (h : 2*x + 3*y = 7) : x ≤ 3",
    "(x y : Nat) (h : x ≤ y ∧ y ≤ 3) (h2 : x ≠ 3) : x < 3",
    "(x : Nat) (h : x < 5) : ¬ (x > 7)",
    "(x y : Nat) (h : x < y) (h2 : y < x) : False",
    "(x y z : Nat) (h1 : x + y + z = 10) (h2 : x = 2 * y) (h3 : z ≥ 4) : y ≤ 2",
    "(n : Nat) : n + 0 = n",
    "(x y : Nat) (h : ¬ (x ≤ y)) : y < x",
    "(x y : Nat) : x ≤ y ∨ y < x",
    "(x y : Nat) (h : x = y) : x + 1 ≠ y",
    "(a b c d e : Nat) (h1 : a ≤ b) (h2 : b ≤ c) (h3 : c ≤ d) (h4 : d ≤ e) (h5 : e < a + 1) : a = e",
    "(x : Nat) : x ≥ 0",
    "(xs : List Nat) (i : Nat) (h : i < xs.length) : i + 1 ≤ xs.length",
    "(x : Nat) (h : 2 ^ 3 ≤ x) : 7 < x",
    "(p : Prop) (x : Nat) (h : p ∧ x > 3) : x ≠ 2",
    "(x y : Nat) : x ≤ y ↔ x < y + 1",
    "(x y : Nat) (h : ¬ (x < y ∨ y < x)) : x = y",
    "(x : Nat) (h : x * 2 = 6) : x = 3",
    "(x y : Nat) (h : x * y + 1 ≤ 3) : x * y < 3",
    "(f : Nat → Nat) (x : Nat) (h : f x ≥ x + 2) : f x ≠ 0",
    "(x y : Nat) (h : x ≤ 3 ∨ x ≥ 10) (h2 : y = x + 1) (h3 : 5 ≤ y) : y > 10",
    ": ∀ n : Nat, n < n + 1",
    "(x y : Nat) : ¬ (x < y ∧ y < x)",
])
def test_omega_proves(stmt: str) -> None:
    ok(f"theorem t {stmt} := by omega\n")


@pytest.mark.parametrize("stmt", [
    "(x y : Nat) (h : x - y = 3) : x ≥ 3",
    "(x y z : Nat) (h : x - (y - z) = 0) (h2 : z = 0) : x ≤ y",
    "(x y : Nat) (h : x + y = 5) (h2 : x - y = 1) : x = 3",
    "(a b : Nat) : a - b ≤ a",
    "(a b : Nat) (h : b ≤ a) : a - b + b = a",
    "(i j n : Nat) (h1 : i < n) (h2 : j ≤ i) : n - i + j ≤ n",
    "(n : Nat) (h : 0 < n) : n - 1 + 1 = n",
    "(a b : Nat) : max a b ≥ a",
    "(a b : Nat) : min a b + max a b = a + b",
    "(a b c : Nat) (h : max a b < c) : a < c",
])
def test_omega_nat_subtraction_min_max(stmt: str) -> None:
    ok(f"theorem t {stmt} := by omega\n")


@pytest.mark.parametrize("stmt", [
    "(x : Nat) (h : x % 2 = 1) : x ≠ 0",
    "(x : Nat) : x % 2 = 0 ∨ x % 2 = 1",
    "(x : Nat) (h : x / 3 = 2) : x ≥ 6 ∧ x < 9",
    "(x : Nat) (h : x % 4 = 3) : x % 2 = 1",
    "(x : Nat) : x % 3 < 3",
    "(x y : Nat) (h : 2 * x = 2 * y + 1) : False",
    "(x y : Nat) (h : 3 * x + 6 * y = 10) : False",
    "(x : Nat) (h1 : 2 * x ≥ 5) (h2 : 2 * x ≤ 6) : x = 3",
    # no rational refutation: the integer points of a bounded region are enumerated by case splits
    "(x y : Nat) (h1 : 11*x + 13*y ≥ 27) (h2 : 11*x + 13*y ≤ 45) (h3 : 7*x ≤ 9*y + 4) (h4 : 9*y ≤ 7*x + 10) : False",
    "(x y : Nat) (h0 : (2*x + 5) - 3*y ≠ 3*y + 5) (h1 : 3*x + y = (2*x + 4) - y) : (2*x + 4*y + 4) / 4 ≠ (2*x + 5) - 3*y",
])
def test_omega_integer_reasoning_and_literal_division(stmt: str) -> None:
    ok(f"theorem t {stmt} := by omega\n")


@pytest.mark.parametrize("stmt", [
    "(n : Nat) (i : Fin n) : i.val < n",
    "(n : Nat) (i j : Fin n) (h : i < j) : i.val + 1 < n",
    "(n : Nat) (i j : Fin n) (h : i.val = j.val) : i = j",
    "(n : Nat) (i j : Fin n) (h : i ≠ j) (h2 : i.val ≤ j.val) : i < j",
    "(n : Nat) (i : Fin (n + 1)) : i.val ≤ n",
    "(xs : Array Nat) (i : Nat) (h : i + 1 < xs.size) : i < xs.size",
    "(a b : Nat) (h : Nat.sub a b = 2) : a ≥ 2",
    "(a : Nat) (h : 0 < a) : Nat.pred a + 1 = a",
    "(a b : Nat) (h : Nat.le a b) : Nat.lt a (b + 1)",
    "(a b : Nat) : Nat.max a b ≥ b ∧ Nat.min a b ≤ b",
])
def test_omega_fin_and_array_bounds(stmt: str) -> None:
    ok(f"theorem t {stmt} := by omega\n")


@pytest.mark.parametrize("stmt", [
    "(x y : Nat) (h : x ≤ y → y ≤ 3) (h2 : x ≤ y) : y < 4",
    "(x y : Nat) (h : x = 3 ↔ y = 4) (h2 : y = 4) : x = 3",
    "(x y : Nat) (h : x < 3 → False) : x ≥ 3",
    "(x : Nat) (h : ¬ (x ≠ 5)) : x = 5",
])
def test_omega_implications_and_iff(stmt: str) -> None:
    ok(f"theorem t {stmt} := by omega\n")


def test_omega_proof_is_kernel_checked_and_axiom_free() -> None:
    src = ("theorem t1 (x y : Nat) (h : x ≠ y) (h2 : x ≤ y) : x < y := by omega\n"
           "theorem t2 (x y : Nat) (h : x - y = 3) : x ≥ 3 := by omega\n"
           "theorem t3 (x y : Nat) : x < y ∨ x ≥ y := by omega\n"
           "#print axioms t1\n#print axioms t2\n#print axioms t3\n")
    infos = [m for _, _, s, m in messages(src) if s == "info"]
    assert infos == ["'t1' does not depend on any axioms", "'t2' does not depend on any axioms",
                     "'t3' does not depend on any axioms"]


def test_omega_inside_combinators_and_after_other_tactics() -> None:
    ok("theorem t (x y : Nat) (h : x ≠ y) (h2 : x ≤ y) : x < y := by\n  first | omega | rfl\n")
    ok("theorem t (a : Nat) (h : ∃ x : Nat, x > a + 1) : ∃ x : Nat, x > a := by\n"
       "  cases h with\n  | intro w hw =>\n    exists w\n    omega\n")
    ok("theorem t (x : Nat) : x + 1 > 0 ∧ x ≤ x * 1 + 0 := by\n  constructor <;> omega\n")


def test_omega_failure_messages() -> None:
    (l, c, m), = errors("theorem t (x y : Nat) : x ≤ y := by omega\n")
    assert (l, c) == (1, 36)
    assert m.splitlines()[0] == FAIL + ":"
    assert "y + 1 ≤ x" in m
    # a product of variables is an atom: facts about it are used, nothing else is known
    m = first_error("theorem t (x y : Nat) : x * y ≤ x := by omega\n")
    assert m.startswith(FAIL) and "x * y" in m
    m = first_error("theorem t (x y : Nat) (h : x < 2) : x * y < 2 * y + 1 := by omega\n")
    assert m.startswith(FAIL)
    # an integer counterexample of the constraints is shown
    m = first_error("theorem t (x : Nat) (h : x ≤ 5) : x ≤ 4 := by omega\n")
    assert "for example x := 5" in m and "not supported yet" not in m


def test_omega_outside_the_fragment_says_not_supported() -> None:
    m = first_error("theorem t (x : Int) (h : x / 2 = 3) : x ≥ 6 := by omega\n")
    assert m.startswith(FAIL) and "not supported yet" in m
    # a user's `x.toNat` is the positive part `omega` reads `x` with, but their relation is not known to it
    m = first_error("theorem t (x : Int) (h : x ≤ 0) : x.toNat = 0 := by omega\n")
    assert m.startswith(FAIL) and "not supported yet" in m


def test_omega_does_not_prove_false_statements() -> None:
    for stmt in ["(x : Nat) (h : x - 1 = 0) : x = 0", "(a b : Nat) : max a b ≤ a", "(a b : Nat) : min a b = a", "(x y : Nat) (h : x ≠ y) : x < y",
                 "(x y : Nat) (h : x + y = 1) : x = 1", "(a b : Nat) : a - b + b = a"]:
        assert first_error(f"theorem t {stmt} := by omega\n").startswith(FAIL), stmt


# ---------------------------------------------------------------- random linear problems against brute force
REL = ["≤", "<", "=", "≠", "≥"]
# a*x + b*y + k, or with `minus` the truncated difference (a*x + k) - b*y
SIDE = st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 6), st.sampled_from([False, False, True]))
CONSTRAINT = st.tuples(SIDE, st.sampled_from(REL), SIDE)


def _text(side: tuple[int, int, int, bool]) -> str:
    a, b, k, minus = side
    if minus:
        return f"({a}*x + {k}) - {b}*y"
    parts = [f"{a}*x" if a else "", f"{b}*y" if b else "", str(k) if k or not (a or b) else ""]
    return " + ".join(p for p in parts if p)


def _value(side: tuple[int, int, int, bool], x: int, y: int) -> int:
    a, b, k, minus = side
    return max(0, a * x + k - b * y) if minus else a * x + b * y + k


def _holds(c: tuple, x: int, y: int) -> bool:
    lhs, rel, rhs = _value(c[0], x, y), c[1], _value(c[2], x, y)
    return {"≤": lhs <= rhs, "<": lhs < rhs, "=": lhs == rhs, "≠": lhs != rhs, "≥": lhs >= rhs}[rel]


def _counterexample(hyps: list, goal: tuple, bound: int) -> bool:
    """A point of the box `[0, bound)²` where the hypotheses hold and the goal does not."""
    return any(all(_holds(h, x, y) for h in hyps) and not _holds(goal, x, y)
               for x, y in itertools.product(range(bound), repeat=2))


@settings(deadline=None, derandomize=True, max_examples=40)
@given(st.lists(CONSTRAINT, min_size=1, max_size=2), CONSTRAINT)
def test_omega_agrees_with_brute_force_on_random_problems(hyps: list, goal: tuple) -> None:
    binders = " ".join(f"(h{i} : {_text(l)} {rel} {_text(r)})" for i, (l, rel, r) in enumerate(hyps))
    src = f"theorem t (x y : Nat) {binders} : {_text(goal[0])} {goal[1]} {_text(goal[2])} := by omega\n"
    es = errors(src)
    if not es:   # proved: sound, so no counterexample anywhere
        assert not _counterexample(hyps, goal, 30), src
    else:        # refused with omega's message (never a kernel error)
        assert len(es) == 1 and es[0][2].startswith(FAIL), (src, es)
        assert "(kernel)" not in es[0][2]
    if _counterexample(hyps, goal, 12):
        assert es, src


# ---------------------------------------------------------------- Int
@pytest.mark.parametrize("stmt", [
    "(x y : Int) (h : x < y) : x + 1 ≤ y",
    "(x : Int) (h : 2 * x + 1 = 4) : False",
    "(a b : Int) (h1 : a - b ≥ 3) (h2 : b ≥ 0) : a > 2",
    "(x : Int) : x ≤ x * 1 + 0",
    "(n : Nat) (x : Int) (h : x = (n : Int)) : x ≥ 0",
    "(n : Nat) (x : Int) (h : x = n) : x ≥ 0",
    "(x : Int) (h : -x > 3) : x < -3",
    "(x y : Int) (h : x ≠ y) (h2 : x ≤ y) : x < y",
    "(x : Int) (h : x < 3) : x < 4",
    "(x y : Int) : x ≤ y ∨ y < x",
    "(x y z : Int) (h1 : x - y = 2) (h2 : y - z = -5) : x - z = -3",
    "(x : Int) (h : 3 * x = 2 * x + 7) : x = 7",
    "(x : Int) (h : x * (-2) ≥ 4) : x ≤ -2",
    "(x y : Int) (h : ¬ (x ≤ y)) : y < x",
    "(x : Int) (h : x ≤ 5 ∧ x ≥ 5) : x = 5",
    "(x y : Int) (h : x = y) : x - y = 0",
    "(x : Int) (n : Nat) (h : x + (n : Int) < 0) : x < 0",
    "(x : Int) (h : (x < 0 ∨ x > 10)) (h2 : 0 ≤ x) (h3 : x ≤ 10) : False",
    "(x : Int) : x - x = 0",
    "(x : Int) (h : 2 * x ≥ 1) (h2 : 2 * x ≤ 1) : False",
    "(x : Int) (h : 0 < x) : ¬ (x ≤ 0)",
    "(x : Int) (f : Int → Int) (h : f x > 2) : f x - 1 > 1",
    "(x : Int) (h : x ≥ -2 ∧ x ≤ 2) : x * x ≤ x * x + (3 - 3)",
    "(m n : Nat) (h : (m : Int) - (n : Int) = 3) : m ≥ 3",
    ": (3 : Int) - 5 = -2",
    "(x : Int) (h : Int.negSucc 2 = x) : x + 3 = 0",
])
def test_omega_int(stmt: str) -> None:
    ok(f"theorem t {stmt} := by omega\n")


def test_omega_int_proof_is_axiom_free() -> None:
    src = ("theorem t1 (x : Int) (h : 2 * x + 1 = 4) : False := by omega\n"
           "theorem t2 (x y : Int) (h : x ≠ y) (h2 : x ≤ y) : x < y := by omega\n#print axioms t1\n#print axioms t2\n")
    infos = [m for _, _, s, m in messages(src) if s == "info"]
    assert infos == ["'t1' does not depend on any axioms", "'t2' does not depend on any axioms"]


def test_omega_int_failures() -> None:
    m = first_error("theorem t (x y : Int) (h : x ≤ y) : x < y := by omega\n")
    assert m.splitlines()[0] == FAIL + ":"
    assert "x ≤ y" in m and "y ≤ x" in m and "not supported yet" not in m
    assert "for example" in m
    for stmt in ["(x : Int) (h : 2 * x ≥ 1) : x ≥ 2", "(x : Int) : x * 1 ≥ 0", "(x y : Int) (h : x - y = 1) : x = 1",
                 "(x : Int) (n : Nat) (h : x ≤ (n : Int)) : x ≥ 0", "(x : Int) : -x ≤ x"]:
        m = first_error(f"theorem t {stmt} := by omega\n")
        assert m.startswith(FAIL) and "not supported yet" not in m and "(kernel)" not in m, (stmt, m)


def test_omega_int_decide_still_works() -> None:
    ok("example : (3 : Int) - 5 < 0 := by decide\nexample : (-2 : Int) * 3 = -6 := by decide\n")


# a*x + b*y + k over Int, with negative coefficients
ISIDE = st.tuples(st.integers(-3, 3), st.integers(-3, 3), st.integers(-4, 4))
ICONSTRAINT = st.tuples(ISIDE, st.sampled_from(REL + [">"]), ISIDE)


def _itext(side: tuple[int, int, int]) -> str:
    a, b, k = side
    parts = [f"({a})*x" if a else "", f"({b})*y" if b else "", f"({k})" if k or not (a or b) else ""]
    return " + ".join(p for p in parts if p)


def _iholds(c: tuple, x: int, y: int) -> bool:
    (a, b, k), rel, (a2, b2, k2) = c
    lhs, rhs = a * x + b * y + k, a2 * x + b2 * y + k2
    return {"≤": lhs <= rhs, "<": lhs < rhs, "=": lhs == rhs, "≠": lhs != rhs, "≥": lhs >= rhs, ">": lhs > rhs}[rel]


def _icounterexample(hyps: list, goal: tuple, bound: int) -> bool:
    return any(all(_iholds(h, x, y) for h in hyps) and not _iholds(goal, x, y)
               for x, y in itertools.product(range(-bound, bound + 1), repeat=2))


@settings(deadline=None, derandomize=True, max_examples=40, phases=[Phase.generate])
@given(st.lists(ICONSTRAINT, min_size=1, max_size=2), ICONSTRAINT)
def test_omega_int_agrees_with_brute_force_on_random_problems(hyps: list, goal: tuple) -> None:
    binders = " ".join(f"(h{i} : {_itext(l)} {rel} {_itext(r)})" for i, (l, rel, r) in enumerate(hyps))
    src = f"theorem t (x y : Int) {binders} : {_itext(goal[0])} {goal[1]} {_itext(goal[2])} := by omega\n"
    es = errors(src)
    if not es:   # proved: sound, so no counterexample anywhere
        assert not _icounterexample(hyps, goal, 20), src
    else:        # refused with omega's message (never a kernel error)
        assert len(es) == 1 and es[0][2].startswith(FAIL), (src, es)
        assert "(kernel)" not in es[0][2]
    if _icounterexample(hyps, goal, 8):
        assert es, src
    if es and "not supported yet" not in es[0][2]:   # a definite refusal shows a true counterexample
        shown = re.search(r"for example (.*)", es[0][2])
        assert shown, (src, es)
        values = dict(kv.split(" := ") for kv in shown.group(1).split(", "))
        x, y = int(values.get("x", 0)), int(values.get("y", 0))
        assert all(_iholds(h, x, y) for h in hyps) and not _iholds(goal, x, y), (src, es)
