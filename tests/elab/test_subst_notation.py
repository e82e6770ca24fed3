"""`h ▸ e` (`leanr_py.elab.subst_notation`): transport along an equation, both directions, with and without
an expected type, and Lean's errors."""
from __future__ import annotations

from .prelude_ce import first_error, ok

HEAD = "variable (a b : Nat) (p q : Nat → Prop)\n"


def test_forward_backward_and_inside_types() -> None:
    ok(HEAD + "example (h : a = b) (h1 : p a) : p b := h ▸ h1\n"
       "example (h : a = b) (h1 : p b) : p a := h ▸ h1\n"
       "example (h : a = b) : b = a := h ▸ rfl\n"
       "example (m n : Nat) (as : List (Fin m)) (h : m = n) : List (Fin n) := h ▸ as\n"
       "example (h : a = b) (h1 : p a) : p b := by exact h ▸ h1\n")


def test_without_expected_type_the_left_side_is_replaced() -> None:
    ok(HEAD + "example (h : a = b) (h1 : p a) : p b := (fun x => x) (h ▸ h1)\n")


def test_mismatch_and_non_equation_are_errors() -> None:
    e = first_error(HEAD + "example (h : a = b) (h1 : p a) : q b := h ▸ h1\n")
    assert e.message.startswith("Type mismatch\n  h1\nhas type\n  p a\nbut is expected to have type\n  q a")
    e = first_error(HEAD + "example (h : a ≤ b) (h1 : p a) : p b := h ▸ h1\n")
    assert e.message.startswith("invalid `▸` notation, argument\n  h\nhas type\n  a ≤ b\nequality expected")
    e = first_error(HEAD + "example (c : Nat) (h : a = b) (h1 : p c) : p c := h ▸ h1\n")
    assert "does not contain the expected result type on either the left or the right hand side" in e.message
