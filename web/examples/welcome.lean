-- Welcome to the leanr playground: Lean 4, checked in your browser.
-- Type \and, \to, \forall, \N followed by a space for ∧, →, ∀, ℕ.
-- Errors are underlined; hover them, or see the list on the right.

theorem and_swap (p q : Prop) (hp : p) (hq : q) : q ∧ p := ⟨hq, hp⟩

theorem modus_ponens (p q : Prop) (hpq : p → q) (hp : p) : q := hpq hp

example (n : Nat) : n + 0 = n := rfl

def double (n : Nat) : Nat := n + n

example : double 21 = 42 := rfl
