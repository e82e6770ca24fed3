"""Error messages and their positions as Lean (4.29 and later) prints them."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator

from .prelude_ce import prelude_elaborator


@pytest.fixture
def ce() -> CommandElaborator:
    return prelude_elaborator()


def errors(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src) if m.severity == "error"]


def test_type_mismatch_of_the_same_sort_shows_the_types_only(ce: CommandElaborator) -> None:
    assert errors(ce, "theorem t (p q : Prop) (hq : q) : p := hq\n") == [
        "f.lean:1:39: error: Type mismatch\n  hq\nhas type\n  q\nbut is expected to have type\n  p"]


def test_type_mismatch_of_different_sorts_shows_the_sorts(ce: CommandElaborator) -> None:
    assert errors(ce, "example : Sort 2 := Unit\n") == [
        "f.lean:1:20: error: Type mismatch\n  Unit\nhas type\n  Type\nof sort `Type 1` but is expected to have type\n"
        "  Type 1\nof sort `Type 2`"]


def test_application_type_mismatch_names_the_argument_then_the_application(ce: CommandElaborator) -> None:
    assert errors(ce, "def g (n : Nat) : Nat := n\nexample : Nat := g true\n") == [
        "f.lean:2:19: error: Application type mismatch: The argument\n  true\nhas type\n  Bool\n"
        "but is expected to have type\n  Nat\nin the application\n  g true"]


def test_operator_argument_mismatch_is_reported_at_that_argument(ce: CommandElaborator) -> None:
    out = errors(ce, "universe u\n#check fun {T : Sort u} (a : T) => a + 0\n")
    assert len(out) == 1
    assert out[0].startswith("f.lean:2:35: error: Application type mismatch: The argument\n  a\nhas type\n  T\n"
                             "of sort `Sort u` but is expected to have type\n")
    assert out[0].endswith(" in the application\n  HAdd.hAdd a")


def test_function_expected(ce: CommandElaborator) -> None:
    assert errors(ce, "example (x : Nat) : Nat := x x\n") == [
        "f.lean:1:27: error: Function expected at\n  x\nbut this term has type\n  Nat"]


def test_unknown_identifier_and_dotted_constant(ce: CommandElaborator) -> None:
    assert errors(ce, "example : Nat := zz\n") == ["f.lean:1:17: error: Unknown identifier `zz`"]
    assert errors(ce, "def d (b : Bool) : Nat := .toNat b\n") == [
        "f.lean:1:26: error: Unknown constant `Nat.toNat`\n\nNote: Inferred this name from the expected resulting "
        "type of `.toNat`:\n  Nat"]


def test_missing_cases_alternative_is_reported_at_the_alternatives(ce: CommandElaborator) -> None:
    src = ("theorem t (b : Bool) : b = b := by\n  cases b with\n  | true =>\n    rfl\n")
    assert errors(ce, src) == ["f.lean:3:2: error: alternative 'false' has not been provided"]


def test_type_mismatch_shows_the_arguments_unified_up_to_the_difference() -> None:
    # as Lean's addPPExplicitToExposeDiff: `rfl : ?a = ?a` against `f 0 y = y` shows `f 0 y = f 0 y`
    from .prelude_ce import first_error

    e = first_error("def f : Nat → Nat → Nat\n  | 0, y => y\n  | x+1, y => f x y\n"
                    "example (y : Nat) : f 0 y = y + 1 := rfl\n")
    assert e.message == ("Type mismatch\n  rfl\nhas type\n  f 0 y = f 0 y\nbut is expected to have type\n"
                         "  f 0 y = y + 1")


def test_dotted_identifier_messages() -> None:
    from .prelude_ce import first_error

    e = first_error("def f (α : Type) (x : α) : α := .mk\n")
    assert e.message == ("Invalid dotted identifier notation: The expected type of `.mk`\n  α\nis not of the form "
                         "`C ...` or `... → C ...` where C is a constant")
    e = first_error("example (n : Nat) :=\n  match n > 42 with\n  | .true  => n - 1\n  | .false => n + 1\n")
    assert e.message == "Invalid dotted identifier notation: Not supported on type universe\n  Prop"


HEADER_NOTE = ("\n\nNote: Because this declaration's type has been explicitly provided, all parameter types and "
               "holes (e.g., `_`) in its header are resolved before its body is processed; information from the "
               "declaration body cannot be used to infer what these values should be")


def test_binder_types_the_header_leaves_open(ce: CommandElaborator) -> None:
    # as Lean, the definition's type first (its error is at the name), then the binder's
    assert errors(ce, "def identity x :=\n  x\n") == ["f.lean:1:4: error: Failed to infer type of definition `identity`",
                                                  "f.lean:1:13: error: Failed to infer type of binder `x`"]
    assert errors(ce, "def emptyNats :=\n  []\n")[0] == "f.lean:1:4: error: Failed to infer type of definition `emptyNats`"
    assert errors(ce, "def boo : _ :=\n  sorry\n") == ["f.lean:1:4: error: Failed to infer type of definition `boo`"
                                                          + HEADER_NOTE]
    assert errors(ce, "example : _ :=\n  sorry\n") == ["f.lean:1:0: error: Failed to infer type of example" + HEADER_NOTE]
    # with the type given, the body may not fix the binder's type
    assert errors(ce, "def plusTwo x : Nat :=\n  x + 2\n") == [
        "f.lean:1:12: error: Failed to infer type of binder `x`" + HEADER_NOTE]
    assert errors(ce, "def listOne : List _ := [1]\n")[0].startswith(
        "f.lean:1:19: error: don't know how to synthesize placeholder")
    assert errors(ce, "example trivial_proof : True :=\n  trivial\n") == [
        "f.lean:1:8: error: Failed to infer type of binder `trivial_proof`\n\nNote: Examples do not have names. "
        "The identifier `trivial_proof` is being interpreted as a parameter `(trivial_proof : _)`."]
    assert errors(ce, "opaque m n : Nat\n") == [
        "f.lean:1:9: error: Failed to infer type of binder `n`\n\nNote: Multiple constants cannot be declared in a "
        "single declaration. The identifier `n` is being interpreted as a parameter `(n : _)`."]
    # without a type the body may, and auto-bound names are generalized first
    assert errors(ce, "def plusThree x := x + 3\ntheorem t (h : a = b) : b = a := h.symm\n") == []


def test_explicit_hole_for_an_instance_argument_is_synthesized(ce: CommandElaborator) -> None:
    assert errors(ce, "def le' {α : Type} [LE α] [inst : DecidableRel (@LE.le α _)] (x y : α) : Bool :=\n"
                      "  decide (x ≤ y)\n") == []


def test_field_notation_on_a_type_variable(ce: CommandElaborator) -> None:
    assert errors(ce, "def double_plus_one {α} [Add α] (x : α) :=\n   (x + x).succ\n") == [
        "f.lean:2:3: error: Invalid field notation: Field projection operates on types of the form `C ...` where C "
        "is a constant. The expression\n  x + x\nhas type `α` which does not have the necessary form."]
