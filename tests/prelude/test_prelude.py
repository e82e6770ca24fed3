"""leanr's prelude: it elaborates, matches Lean's `Init.Prelude` signatures, and checks small files."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from leanr_py.kernel.environment import Environment
from leanr_py.kernel.expr import alpha_eqv
from leanr_py.kernel.name import Name
from leanr_py.kernel.typechecker import TypeChecker
from leanr_py.prelude import PRELUDE_SOURCE, fork_prelude, load_prelude
from leanr_py.session import Session

PRELUDE_EXPORT = Path(__file__).resolve().parents[3] / "shared/corpus/export/core/init-prelude.lean-4.29.1.ndjson"


def check(text: str) -> list:
    env, table = fork_prelude()
    return Session(env, table).check(text).diagnostics


def errors(text: str) -> list:
    return [d for d in check(text) if d.severity == "error"]


def test_source_is_the_packaged_lean_file() -> None:
    lean = Path(__file__).resolve().parents[2] / "leanr_py/prelude/Prelude.lean"
    assert lean.read_text(encoding="utf-8") == PRELUDE_SOURCE


def test_prelude_loads_and_is_cached() -> None:
    env, table = load_prelude()
    assert load_prelude()[0] is env
    for n in ("True.intro", "Eq.refl", "rfl", "And.intro", "Or.inl", "Iff.mp", "Exists.intro", "Nat.add",
              "Nat.pow", "Nat.ble", "instOfNatNat", "instHPow", "instPowNat", "instNatPowNat", "List.cons",
              "Option.some", "Prod.mk", "Decidable.isTrue", "instLENat", "instLTNat", "id"):
        assert env.find(Name.of(n)) is not None, n
    assert {e.name for e in table.default_instances_of(Name.of("HAdd"))} == {Name.of("instHAdd")}
    # no axioms but Lean's own `sorryAx` (the `sorry` term; declarations using it are flagged)
    assert [n for n, c in env.constants.items() if type(c).__name__ == "AxiomInfo"] == [Name.of("sorryAx")]


def test_fork_is_private() -> None:
    env, _ = fork_prelude()
    assert check("def leak : Nat := 3\n") == []
    assert load_prelude()[0].find(Name.of("leak")) is None and env.find(Name.of("leak")) is None


@pytest.mark.skipif(not PRELUDE_EXPORT.exists(), reason="Lean's Init.Prelude export is not available")
def test_signatures_agree_with_lean() -> None:
    from leanr_py.export import check_export

    ref = Environment()
    assert check_export(str(PRELUDE_EXPORT), env=ref).status == "accept"
    env, _ = load_prelude()
    compared = 0
    for n, c in env.constants.items():
        r = ref.find(n)
        if r is None:
            continue  # Iff, Exists, Ne live in Init.Core
        assert c.level_params == r.level_params, n
        assert alpha_eqv(c.type, r.type), n
        compared += 1
    assert compared > 100


def test_numerals_compute() -> None:
    assert errors("example : 2 + 2 = 4 := rfl\n") == []
    assert errors("example : 10 - 3 = 7 := rfl\nexample : 3 - 10 = 0 := rfl\nexample : 6 * 7 = 42 := rfl\n") == []


def test_wrong_equation_is_an_error() -> None:
    (e,) = errors("example : 2 + 2 = 5 := rfl\n")
    assert "type mismatch" in e.message


def test_tactics_decline() -> None:
    (e,) = errors("example : 10 * 10 = 100 := by decide\n")
    assert "not supported yet" in e.message


def test_nat_literal_extension_enabled() -> None:
    env, _ = fork_prelude()
    for op in ("Nat.add", "Nat.sub", "Nat.mul", "Nat.pow", "Nat.beq", "Nat.ble"):
        assert TypeChecker(env).nat_ext(Name.of(op)), op


def test_big_numbers_fast() -> None:
    t = time.perf_counter()
    assert errors("example : 2^64 + 7 = 18446744073709551623 := rfl\n") == []
    assert errors("example : 2^64 + 7 = 18446744073709551624 := rfl\n") != []
    assert time.perf_counter() - t < 5.0


def test_small_development() -> None:
    src = """inductive Color where
  | red
  | green

def Color.flip (c : Color) : Color := Color.rec (motive := fun _ => Color) Color.green Color.red c

theorem Color.flip_red : Color.red.flip = Color.green := rfl

structure Point where
  x : Nat
  y : Nat

def Point.sum (p : Point) : Nat := p.x + p.y

theorem Point.sum_ex : (Point.mk 2 3).sum = 5 := rfl

theorem and_swap (p q : Prop) (h : p ∧ q) : q ∧ p := ⟨h.2, h.1⟩

theorem ex_two : ∃ n : Nat, n + 1 = 3 := ⟨2, rfl⟩

theorem three_lt_five : (3 : Nat) < 5 := Nat.le.step Nat.le.refl

theorem symm_ex (a b : Nat) (h : a = b) : b = a := Eq.symm h
"""
    assert check(src) == []


def test_instance_binder_must_be_a_class() -> None:
    (e,) = errors("def f [n : Nat] : n = n := rfl\n")
    assert "invalid binder annotation, type is not a class instance" in e.message
    assert not errors("def g [Inhabited Nat] : Nat := 0\n")


def test_resulting_universe_that_may_be_prop_is_refused() -> None:
    (e,) = errors("inductive PBool : Sort u where\n  | t\n  | f\n")
    assert "may be `Prop` for some parameter values" in e.message
    assert not errors("inductive PBool' : Sort (max 1 u) where\n  | t\n  | f\n")
    assert not errors("inductive PProp : Prop where\n  | t\n  | f\n")


def test_universe_names_are_bound_in_the_header_only() -> None:
    (e,) = errors("def L := List (Type u)\n")
    assert "unknown universe level `u`" in e.message
    assert not errors("def L (α : Type u) : Type u := List α\n")
