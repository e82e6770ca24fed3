"""Lean's unused-variables linter on the parameters of a declaration's signature."""
from __future__ import annotations

import pytest

from leanr_py.elab.lint import unused_variable_message

from .prelude_ce import run


def unused(src: str) -> list[tuple[int, int, str]]:
    """(line, column, name) of each unused-variable warning `src` gives."""
    out = []
    for m in run(src)[1]:
        if m.severity == "warning" and m.message.startswith("Variable name `"):
            name = m.message.split("`")[1]
            assert m.message == unused_variable_message(name)
            out.append((m.span.line, m.span.col, name))
    return out


def test_lean_s_message_at_the_parameter() -> None:
    # the REPL corpus' case: `h` is not in the value `constructor` builds
    assert unused("def f (h : Int) : Nat := by constructor\n") == [(1, 7, "h")]
    msg = unused_variable_message("h")
    assert msg.startswith("Variable name `h` is not explicitly referenced.\n\nHint: The binding can be removed")
    assert "  [apply] _h\n\nNote: This linter can be disabled with `set_option linter.unusedVariables false`" in msg


@pytest.mark.parametrize("src,expected", [
    ("theorem t (p q : Prop) (hp : p) (hq : q) : p := hp\n", [(1, 33, "hq")]),
    ("def k (x : Nat) : Nat := 1\n", [(1, 7, "x")]),
    ("example (x y : Nat) : Nat := y\n", [(1, 9, "x")]),
])
def test_unused_parameters_are_reported(src: str, expected: list) -> None:
    assert unused(src) == expected


@pytest.mark.parametrize("src", [
    # named anywhere in the command: the type, a later binder, the body, a tactic
    "theorem t (n : Nat) (h : n > 0) : n > 0 := h\n",
    "example (a b : Nat) (h : a = b) : b = a := by simp [h]\n",
    "example (a b : Nat) (h : a = b) : b = a := by rw [h]\n",
    # used by the elaborated body only: an instance found by resolution
    "def k [inst : Add α] (a : α) : α := a + a\n",
    # silenced by the name, by the option, by an error or a `sorry` in the command
    "def g (n : Nat) (_m : Nat) : Nat := n\n",
    "set_option linter.unusedVariables false in\ndef k (x : Nat) : Nat := 1\n",
    "set_option linter.unusedVariables.funArgs false in\ndef k (x : Nat) : Nat := 1\n",
    "def k (x : Nat) : Nat := sorry\n",
    "def k (x : Nat) : Nat := by\n  exact true\n",
    # a tactic that may use any hypothesis: leanr's proof term is not Lean's, so nothing is claimed
    "theorem t (n : Nat) (h : n > 0) : n ≥ 0 := by omega\n",
    "theorem t (p : Prop) (h : p) (q : Prop) (hq : q) : q := by assumption\n",
    # signatures that are not linted: axioms, variables, anonymous instances
    "axiom ax (n : Nat) : True\n",
    "variable (y : Nat)\ndef k2 : Nat := 1\n",
    "def k3 [Add Nat] : Nat := 1\n",
])
def test_used_or_silenced_parameters_are_not_reported(src: str) -> None:
    assert unused(src) == []


def test_unused_locals_of_a_body_without_tactics() -> None:
    # pattern variables, `fun`, `let` and `have` binders, as Lean reports them (in source order)
    src = ("def len : List α → Nat\n  | [] => 0\n  | x :: xs => len xs + 1\n"
           "def f (n : Nat) : Nat := (fun y => 3) n\n"
           "def g (n : Nat) : Nat := let z := 5; n\n"
           "def h (o : Option Nat) : Nat := match o with\n  | some v => 1\n  | none => 0\n"
           "def p (a : Nat) : Nat := have h : a = a := rfl; a\n")
    assert unused(src) == [(3, 4, "x"), (4, 30, "y"), (5, 29, "z"), (7, 9, "v"), (9, 30, "h")]


@pytest.mark.parametrize("src", [
    "def k (o : Option Nat) : Nat := match o with\n  | some v => v\n  | none => 0\n",
    "def m (l : List Nat) : Nat := l.foldl (fun acc _ => acc + 1) 0\n",
    "theorem ex : ∃ x : Nat, True := ⟨0, trivial⟩\n",
    # with a tactic block in the declaration, Lean lints only the signature
    "theorem t (l : List Nat) : l.length ≥ 0 := by\n  cases l with\n  | nil => simp\n  | cons a b => simp\n",
    "set_option linter.unusedVariables.patternVars false in\n"
    "def len : List α → Nat\n  | [] => 0\n  | x :: xs => len xs + 1\n",
])
def test_used_or_unlinted_locals(src: str) -> None:
    assert unused(src) == []
