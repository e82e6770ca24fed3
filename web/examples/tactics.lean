-- Proofs by tactics: put the cursor inside a `by` block to see the goals.

theorem and_swap (p q : Prop) (hp : p) (hq : q) : q ∧ p := by
  constructor
  exact hq
  exact hp

theorem imp_self' (p : Prop) : p → p := by
  intro hp
  exact hp
