"""Index notation `xs[i]`, `xs[i]?`, `xs[i]!` (`leanr_py.elab.index`) through the prelude's `GetElem` classes,
with the bound proved by a hypothesis or by evaluation, and Lean's error when it cannot be."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator
from .prelude_ce import prelude_elaborator

HELP = ("failed to prove index is valid, possible solutions:\n"
        "  - Use `have`-expressions to prove the index is valid\n"
        "  - Use `a[i]!` notation instead, runtime check is performed, and 'Panic' error message is produced "
        "if index is not valid\n"
        "  - Use `a[i]?` notation instead, result is an `Option` type\n"
        "  - Use `a[i]'h` notation instead, where `h` is a proof that index is valid\n")


@pytest.fixture(scope="module")
def ce() -> CommandElaborator:
    return prelude_elaborator()


def errors(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src) if m.severity == "error"]


def test_list_and_array_indexing(ce: CommandElaborator) -> None:
    src = ("def xs := [1, 2, 3]\nexample : xs[0] = 1 := rfl\nexample : xs[1]! = 2 := rfl\n"
           "example : xs[5]? = none := rfl\nexample : xs[2]? = some 3 := rfl\n"
           "def arr : Array Nat := ⟨[4, 5]⟩\nexample : arr[1] = 5 := rfl\nexample : arr[1]? = some 5 := rfl\n"
           "def f (ys : List Nat) (i : Nat) (h : i < ys.length) : Nat := ys[i]\n"
           "example : f [7, 8] 1 (by decide) = 8 := rfl\n")
    assert errors(ce, src) == []


def test_wrong_value_is_rejected(ce: CommandElaborator) -> None:
    out = errors(ce, "example : [1, 2][1] = 1 := rfl\n")
    assert len(out) == 1 and out[0].startswith("f.lean:1:27: error: Type mismatch")


def test_unprovable_bound_of_a_variable(ce: CommandElaborator) -> None:
    out = errors(ce, "def getThird (xs : Array α) : α := xs[2]\n")
    assert out == [f"f.lean:1:35: error: {HELP}α : Type ?u.4\nxs : Array α\n⊢ 2 < xs.size"]


def test_closed_bound_that_is_false(ce: CommandElaborator) -> None:
    out = errors(ce, "def zs := [1, 2, 3]\nexample : zs[7] = 1 := rfl\n")
    assert out == [f"f.lean:2:10: error: {HELP}⊢ 7 < zs.length"]


def test_bounds_needing_arithmetic_are_declined(ce: CommandElaborator) -> None:
    out = errors(ce, "def k (ys : List Nat) (i : Nat) (h : i + 1 < ys.length) : Nat := ys[i]\n")
    assert len(out) == 1 and out[0].startswith("f.lean:1:65: error: proving this index bound needs more")
    assert "not supported yet" in out[0]


def test_the_bound_proof_given(ce: CommandElaborator) -> None:
    # `xs[i]'h`: the proof is given rather than searched (a hypothesis `get_elem_tactic` would not find)
    src = ("def g (ys : List Nat) (i : Nat) (h : i + 1 < ys.length) : Nat := ys[i]'(Nat.lt_of_succ_lt h)\n"
           "example (a : Array Nat) (h : 2 < a.size) : a[2]'h = a[2] := rfl\n")
    assert errors(ce, src) == []
    assert errors(ce, "def g (ys : List Nat) (i : Nat) (h : i < ys.length + 1) : Nat := ys[i]'h\n") != []
