"""`h.1` on a proof of a structure-like proposition: a non-proof field cannot be projected from a proof, with
Lean's message; proof fields of `Prop` structures still project."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator
from .prelude_ce import prelude_elaborator


@pytest.fixture(scope="module")
def ce() -> CommandElaborator:
    return prelude_elaborator()


def errors(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src) if m.severity == "error"]


def test_exists_witness_cannot_be_projected(ce: CommandElaborator) -> None:
    src = ("example (a : Nat) (h : ∃ x : Nat, x > a + 1) : ∃ x : Nat, x > 0 :=\n"
           "  ⟨h.1, Nat.lt_of_succ_lt h.2⟩\n")
    assert errors(ce, src)[0] == ("f.lean:2:3: error: Invalid projection: Cannot project a value of "
                                  "non-propositional type\n  Nat\nfrom the expression\n  h\nwhich has "
                                  "propositional type\n  ∃ x, x > a + 1")


def test_nonempty_value_cannot_be_projected(ce: CommandElaborator) -> None:
    out = errors(ce, "example (h : Nonempty Nat) : Nat := h.1\n")
    assert out[0].startswith("f.lean:1:36: error: Invalid projection: Cannot project a value of non-propositional")


def test_proof_fields_of_propositions_project(ce: CommandElaborator) -> None:
    src = ("example (h : 1 = 1 ∧ 2 = 2) : 2 = 2 := h.2\n"
           "structure P : Prop where\n  a : 1 = 1\n  b : 2 = 2\nexample (h : P) : 2 = 2 := h.2\n")
    assert errors(ce, src) == []
