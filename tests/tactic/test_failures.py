"""Each tactic's failure: Lean's message, at the failing tactic's position (line 2, column 2 here), and the
next declaration is still checked."""
from __future__ import annotations

import pytest

from .helpers import errors

CASES = [
    # (hypotheses and goal, tactic, start of the message)
    ("(p q : Prop) (hq : q) : p", "exact hq", "Type mismatch\n  hq\nhas type\n  q\nbut is expected to have type\n  p"),
    ("(p q : Prop) (hq : q) : p", "apply hq", "Tactic `apply` failed: could not unify the type of `hq`"),
    ("(p : Prop) (hp : p) : p", "intro h", "Tactic `intro` failed: There are no additional binders"),
    ("(p q : Prop) : p", "left", "Tactic `left` failed: target is not an inductive datatype"),
    ("(p q : Prop) : p", "constructor", "Tactic `constructor` failed: target is not an inductive datatype"),
    ("(p q : Prop) : p", "assumption", "Tactic `assumption` failed\n\np q : Prop\n⊢ p"),
    ("(p q : Prop) : p", "contradiction", "Tactic `contradiction` failed\n\np q : Prop\n⊢ p"),
    ("(p : Prop) : p", "symm", "Tactic `symm` failed"),
    ("(n : Nat) : n = n + 1", "rfl", "Tactic `rfl` failed: The left-hand side\n  n\nis not definitionally equal"),
    ("(p : Prop) (hp : p) : p", "cases hp", "Tactic `cases` failed: major premise type is not an inductive type"),
    ("(a b : Nat) (h : a + 1 = b + 1) : a = b", "subst h", "Tactic `subst` failed: invalid equality proof"),
    ("(a : Nat) : a = a", "rw [Nat.add_zero]", "Tactic `rewrite` failed: Did not find an instance of the pattern"),
    ("(a : Nat) : a = a", "unfold id", "Tactic `unfold` failed: Failed to unfold `id`"),
    ("(a : Nat) : a = a", "split", "Tactic `split` failed"),
    ("(p : Prop) (hp : p) : p", "injection hp", "Tactic `injection` failed: equality expected"),
    ("(p : Prop) : p", "done", "unsolved goals\np : Prop\n⊢ p"),
    ("(p : Prop) : p", "case foo => skip", "Case tag `foo` not found."),
    ("(p : Prop) : 2 + 2 = 5", "decide", "Tactic `decide` proved that the proposition\n  2 + 2 = 5\nis false"),
    ("(p q : Prop) (hq : q) : p", "first | assumption | exact hq", "Type mismatch\n  hq"),
    ("(p : Prop) : p", "show 1 = 1", "Type mismatch"),
]


@pytest.mark.parametrize("goal,tac,msg", CASES, ids=[c[1] for c in CASES])
def test_failure_message_and_position(goal: str, tac: str, msg: str) -> None:
    src = f"theorem bad {goal} := by\n  {tac}\ntheorem good (p : Prop) (hp : p) : p := by exact hp\n"
    es = errors(src)
    assert len(es) == 1, es
    line, col, m = es[0]
    assert m.startswith(msg), m
    assert line == 2 and col >= 2


def test_induction_on_a_nested_inductive_is_lean_s_error() -> None:
    src = ("inductive LazyList (α : Type u)\n| nil : LazyList α\n| cons (hd : α) (tl : LazyList α) : LazyList α\n"
           "| delayed (t : Thunk (LazyList α)) : LazyList α\n\n"
           "example (as : LazyList α) : True := by\n  induction as\n")
    (line, col, m), = errors(src)
    assert (line, col) == (7, 2)
    assert m == ("The `induction` tactic does not support the type `LazyList` because it is a nested inductive "
                 "type\n\nHint: Consider using the `cases` tactic instead")


@pytest.mark.parametrize("hyp,goal,message", [
    # Lean's own expectations: the type when no argument was tried, else the conclusion and a note
    ("1 = 1 → True", "False", "could not unify the conclusion of `h`\n  True\nwith the goal\n  False\n\n"
                              "Note: The full type of `h` is\n  1 = 1 → True\n\nh : 1 = 1 → True\n⊢ False"),
    ("1 = 1 → True", "2 = 2 → False", "could not unify the type of `h`\n  1 = 1 → True\nwith the goal\n"
                                      "  2 = 2 → False\n\nh : 1 = 1 → True\n⊢ 2 = 2 → False"),
    ("3 = 3 → 1 = 1 → True", "2 = 2 → False",
     "could not unify the conclusion of `h`\n  1 = 1 → True\nwith the goal\n  2 = 2 → False\n\n"
     "Note: The full type of `h` is\n  3 = 3 → 1 = 1 → True\n\nh : 3 = 3 → 1 = 1 → True\n⊢ 2 = 2 → False"),
    ("True", "False", "could not unify the type of `h`\n  True\nwith the goal\n  False\n\nh : True\n⊢ False"),
])
def test_apply_failure_names_the_type_or_the_conclusion_as_lean(hyp: str, goal: str, message: str) -> None:
    assert errors(f"example (h : {hyp}) : {goal} := by\n  apply h\n") == [
        (2, 2, "Tactic `apply` failed: " + message)]


def test_a_named_hole_refers_to_the_metavariable_of_that_name() -> None:
    # `?a` twice is one metavariable (one goal); `?succ` is the goal tagged `succ`
    assert errors("example : True ∧ True := by\n  refine ⟨?a, ?a⟩\n  exact trivial\n") == []
    assert errors("example (n : Nat) : n = n := by\n  cases n\n  rfl\n  exact ?succ\n") == [
        (4, 2, "`exact` tactic failed, value\n  ?succ\ndepends on the main goal metavariable `?succ`")]
    # `apply ?succ` leaves the goal list as Lean's does, the goal still a metavariable of the proof
    assert errors("example (n : Nat) : n = n := by\n  cases n\n  rfl\n  apply ?succ\n")
