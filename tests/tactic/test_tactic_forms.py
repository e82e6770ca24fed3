"""Tactic forms as Lean 4 accepts them: generalize, intro with match alternatives, unhygienic, repeat, …"""
from __future__ import annotations

from .helpers import errors


def ok(src: str) -> None:
    assert errors(src) == []


# ---------------------------------------------------------------- generalize
def test_generalize_introduces_named_local():
    ok("example : 3 = 3 := by\n  generalize 3 = x\n  revert x\n  intro y\n  rfl\n")


def test_generalize_with_equation_and_several():
    ok("example (a b : Nat) : a + b = a + b := by\n  generalize h : a + b = s, a = t\n"
       "  exact rfl\n")
    ok("example (a : Nat) : a + 1 = a + 1 := by\n  generalize h : a + 1 = s\n  have : a + 1 = s := h\n"
       "  rfl\n")
