"""`fun x => x.f` as an argument before the one that fixes `x`'s type waits for it, as Lean postpones it
(`leanr_py.elab.postpone`); the expected type reaches a call through field notation (`xs.map f : ?T`)."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator
from leanr_py.elab.postpone import waits_for_binder_type  # noqa: F401 - the module under test
from .prelude_ce import prelude_elaborator


@pytest.fixture(scope="module")
def ce() -> CommandElaborator:
    return prelude_elaborator()


def errors(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src) if m.severity == "error"]


def test_field_notation_on_a_binder_of_a_function_argument(ce: CommandElaborator) -> None:
    src = ("def g (xs : List Nat) := xs.map (fun x => x.succ)\nexample : g [1, 2] = [2, 3] := rfl\n"
           "def h (xs : List Nat) := xs.foldl (fun acc x => acc + x.succ) 0\nexample : h [1, 2] = 5 := rfl\n"
           "def p (xs : List (Nat × Nat)) := xs.map (fun q => q.1 + (q).2)\nexample : p [(1, 2)] = [3] := rfl\n")
    assert errors(ce, src) == []


def test_expected_type_through_field_notation(ce: CommandElaborator) -> None:
    src = "def g3 (xs : List Nat) := xs.map (fun x => Nat.succ x)\nexample : g3 [0] = [1] := rfl\n"
    assert errors(ce, src) == []


def test_wrong_result_still_rejected(ce: CommandElaborator) -> None:
    out = errors(ce, "def g4 (xs : List Nat) := xs.map (fun x => x.succ)\nexample : g4 [1] = [1] := rfl\n")
    assert len(out) == 1 and out[0].startswith("f.lean:2:26: error: Type mismatch")


def test_no_type_anywhere_is_still_an_error(ce: CommandElaborator) -> None:
    out = errors(ce, "def k := fun x => x.succ\n")
    assert out[0] == "f.lean:1:18: error: Invalid field notation: Type of\n  x\nis not known; cannot resolve field `succ`"
    # `fun (x) => …` is a binder, as `fun x => …`, not a pattern
    assert errors(ce, "example := fun (n) => n.succ.succ\n")[0].startswith(
        "f.lean:1:22: error: Invalid field notation: Type of\n  n\nis not known")


def test_application_of_a_binder_waits_too(ce: CommandElaborator) -> None:
    src = ("def ap (x : Nat) (fs : List (Nat → Nat)) := fs.map (fun f => f x)\n"
           "example : ap 1 [Nat.succ] = [2] := rfl\n"
           "def ap2 (x : Nat) (fs : List (Nat → Nat)) := fs.map (· x)\n"
           "example : ap2 1 [Nat.succ] = [2] := rfl\n")
    assert errors(ce, src) == []


def test_postponed_coercion_and_coercion_arrow_wait_for_types() -> None:
    # Lean's example (Type Classes, coercions): `↑` waits for the type `s ∪ x` gives `x`; the coercion of
    # `x : List ?α` to `Set Nat` waits for the numerals' default instance
    from .prelude_ce import run as _run

    src = ("def Set (α : Type u) := α → Prop\ndef Set.union (a b : Set α) : Set α := fun x => a x ∨ b x\n"
           "def List.toSet : List α → Set α\n  | [] => fun _ => False\n  | a::as => fun x => x = a ∨ as.toSet x\n"
           "instance : Coe (List α) (Set α) where\n  coe a := a.toSet\n"
           "def s : Set Nat := fun x => x = 1\n"
           "#check let x := ↑[2, 3]; Set.union s x\n#check let x := [2, 3]; Set.union s x\n")
    _, msgs = _run(src)
    assert [m.message for m in msgs] == ["let x := [2, 3].toSet; s.union x : Set Nat",
                                        "let x := [2, 3]; s.union x.toSet : Set Nat"]


def test_field_notation_waits_for_the_type_of_its_receiver() -> None:
    from .prelude_ce import ok as _ok

    _ok("structure P where\n  val : Nat\n"
        "inductive Q : P → Prop\n  | intro : t.val = 0 → Q t\n")


def test_numeral_relation_meets_a_proof_about_nat(ce: CommandElaborator) -> None:
    # `1 > 0` (numerals of a type still unknown) against `0 < Nat.succ 0`: `GT.gt` unfolds to meet `LT.lt`,
    # whose arguments then fix the type, rather than both unfolding into a stuck projection of the instance
    src = ("example : ∃ x : Nat, x > 0 :=\n  have h : 1 > 0 := Nat.zero_lt_succ 0\n  Exists.intro 1 h\n"
           "example : ∃ x : Nat, x > 0 :=\n  have h : 1 > 0 := Nat.zero_lt_succ 0\n  ⟨1, h⟩\n")
    assert errors(ce, src) == []
    assert errors(ce, "example : True :=\n  have h : 2 > 0 := Nat.zero_lt_succ 0\n  trivial\n")[0].startswith(
        "f.lean:2:20: error: Type mismatch")
