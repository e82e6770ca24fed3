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


# ---------------------------------------------------------------- intro with match alternatives
def test_intro_match_alternatives():
    ok("example (p q : Nat → Prop) : (∃ x, p x ∨ q x) → ∃ x, q x ∨ p x := by\n  intro\n"
       "  | ⟨w, Or.inl h⟩ => exact ⟨w, Or.inr h⟩\n  | ⟨w, Or.inr h⟩ => exact ⟨w, Or.inl h⟩\n")


def test_intro_match_alternative_error_is_reported():
    (l, c, m), = errors("example (p q : Prop) : p ∨ q → q ∨ p := by\n  intro\n  | Or.inl h => exact Or.inl h\n"
                        "  | Or.inr h => exact Or.inl h\n")
    assert (l, c) == (3, 29) and "type mismatch" in m


# ---------------------------------------------------------------- repeat
def test_repeat_works_on_every_goal_of_the_list():
    ok("example (p : Prop) : p ∨ p → p := by\n  intro h\n  cases h\n  repeat assumption\n")
    ok("example : ∀ a b c : Nat, a = b → a = c → c = b := by\n  intros\n  apply Eq.trans\n  apply Eq.symm\n"
       "  repeat assumption\n")


def test_repeat_stops_at_the_first_failure_on_the_main_goal():
    # the first `constructor` succeeds, the second fails on `p`: the goal `q ∧ p` is never split
    (l, c, m), = errors("theorem t (p q : Prop) (hp : p) (hq : q) : p ∧ q ∧ p := by\n  repeat constructor\n"
                        "  all_goals assumption\n")
    assert l == 3 and m.startswith("Tactic `assumption` failed")


# ---------------------------------------------------------------- unhygienic
def test_unhygienic_intros_names_are_accessible():
    ok("example : ∀ a b c : Nat, a = b → a = c → c = b := by unhygienic\n  intros\n  apply Eq.trans\n"
       "  apply Eq.symm\n  exact a_2\n  exact a_1\n")


def test_hygienic_intros_names_are_not_accessible():
    (l, c, m), = errors("example : ∀ a b : Nat, a = b → b = a := by\n  intros\n  exact Eq.symm a_1\n")
    assert (l, c) == (3, 16) and m == "Unknown identifier `a_1`"


# ---------------------------------------------------------------- simp
def test_simp_does_not_close_the_goal_with_a_hypothesis():
    ok("example (x y : Nat) (p : Nat → Prop) (h : p (x * y)) : p ((x + 0) * (y * 1)) := by\n"
       "  simp; assumption\n")
    (l, c, m), = errors("example (p : Prop) (h : p) : p := by\n  simp\n")
    assert (l, c) == (2, 2) and m.startswith("`simp` made no progress")


def test_simp_ordered_rewriting_with_permutation_lemmas():
    ok("example (x y : Nat) (p : Nat → Prop) (h : p (x + y)) : p (y + x) := by\n"
       "  simp [Nat.add_comm]\n  exact h\n")
    ok("example (w x y z : Nat) : x * y + z * w * x = x * w * z + y * x := by\n"
       "  simp [Nat.mul_comm, Nat.mul_assoc, Nat.mul_left_comm, Nat.add_comm, Nat.add_assoc, Nat.add_left_comm]\n")
    # `x + y` is already the smaller side: a commutativity lemma does not apply
    (l, c, m), = errors("example (x y : Nat) (p : Nat → Prop) (h : p (y + x)) : p (x + y) := by\n"
                        "  simp [Nat.add_comm]\n  exact h\n")
    assert (l, c) == (2, 2) and m.startswith("`simp` made no progress")


def test_simp_enters_binders():
    ok("example : (fun x : Nat => 0 + x) = (fun x => x) := by\n  simp\n")
    ok("example : ∀ x : Nat, x + 0 = x := by\n  simp\n")
    ok("example (p : Prop) : p → p := by\n  simp\n")


def test_simp_contextual_uses_the_premise():
    ok("example (y : Nat) : ∀ (x : Nat) (h : x = 0), y + x = y := by\n  simp +contextual\n")


def test_simp_lemma_universes_are_fresh_at_each_use():
    ok("example : ∀ (x : Nat), x = 0 → True := by\n  simp\n")


# ---------------------------------------------------------------- conv
def test_conv_intro_enters_a_function():
    ok("example : (fun x : Nat => 0 + x) = (fun x => x) := by\n  conv =>\n    lhs\n    intro x\n"
       "    rw [Nat.zero_add]\n")
    (l, c, m), = errors("example (f : Nat → Nat) : f = f := by\n  conv =>\n    lhs\n    intro x\n")
    assert (l, c) == (4, 4) and "expects a function" in m


def test_conv_pattern_focuses_on_the_instance():
    ok("example (a b c : Nat) : a * (b * c) = a * (c * b) := by\n  conv =>\n    pattern b * c\n"
       "    rw [Nat.mul_comm]\n")
    (l, c, m), = errors("example (a b c : Nat) : a * b = b * a := by\n  conv =>\n    pattern c * c\n")
    assert (l, c) == (3, 4) and m == "'pattern' conv tactic failed, pattern was not found"


# ---------------------------------------------------------------- cases on an application
def test_cases_target_is_a_whole_term():
    ok("example (p : Prop) (m n : Nat) (h₁ : m < n → p) (h₂ : m ≥ n → p) : p := by\n"
       "  cases Nat.lt_or_ge m n\n  case inl hlt => exact h₁ hlt\n  case inr hge => exact h₂ hge\n")
    ok("example (m n : Nat) : m - n = 0 ∨ m ≠ n := by\n  cases Decidable.em (m = n) with\n"
       "  | inl heq => rw [heq]; apply Or.inl; exact Nat.sub_self n\n  | inr hne => apply Or.inr; exact hne\n")


def test_simp_does_not_enter_the_alternatives_of_a_compiled_match():
    # the unfolded literal match is a deep case tree; its alternatives are left as they are
    src = ("def f (x y z : Nat) : Nat :=\n  match x, y, z with\n  | 5, _, _ => y\n  | _, 5, _ => y\n"
           "  | _, _, 5 => y\n  | _, _, _ => 1\n\n"
           "example (x y w : Nat) : f x y w = f x y w + 0 := by\n  simp [f]\n")
    ok(src)


def test_split_takes_the_one_alternative_of_a_match_on_a_variable_pattern():
    ok("theorem ex : True ∧ (match True with | _ => True) := by\n  constructor; exact trivial\n  split; trivial\n")
    # a user's own redex is no match: Lean's failure
    assert errors("example : (fun x => x + 1) 2 = 3 := by\n  split\n") != []


def test_simp_at_a_hypothesis_whose_type_is_a_type():
    # the hypothesis is a value (`f : Fin (n + 1)`), not a proof: its cast is over `Type`, not `Prop`
    ok("@[simp] theorem succ_eq (n : Nat) : Nat.succ n = n + 1 := rfl\n"
       "example {n : Nat} (f : Fin (n + 1)) : n.succ > 0 := by\n  simp only [← succ_eq n] at f\n  exact Nat.lt_of_le_of_lt (Nat.zero_le _) f.isLt\n"
       "def foo : List Unit → Type\n  | [] => Unit → Unit\n  | _ :: tl => foo tl\n"
       "def bar' : (l : List Unit) → foo l → foo l\n  | [], f => by simp only [foo] at f; exact (fun t => f t)\n"
       "  | _ :: tl, f => bar' tl f\n")


def test_simp_lemma_whose_left_side_unfolds_to_a_pattern_does_not_loop():
    # `Function.comp f g x` unfolds to `?f (?g ?x)`: matching it against `Nat.succ` leaves variables unassigned,
    # which is no rewrite (it used to rewrite forever)
    ok("def Set (α : Type u) := α → Prop\ndef mem (a : α) (s : Set α) := s a\n"
       "def image (f : α → β) (s : Set α) : Set β := fun b => ∃ a, mem a s ∧ f a = b\n"
       "example {Γ : Set Nat} : (image (Nat.succ ∘ Nat.succ) Γ) = (image (fun a => a.succ.succ) Γ) := by\n"
       "  simp only [Function.comp_apply]\n"
       "example (f g : Nat → Nat) (x : Nat) : (f ∘ g) x = f (g x) := by simp only [Function.comp_apply]\n")


def test_split_at_a_match_on_a_constructor_term():
    ok("example (h : match none (α := α) with\n  | some _ => True\n  | _ => True) : True := by\n"
       "  split at h <;> trivial\n")
