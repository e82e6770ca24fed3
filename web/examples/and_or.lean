-- Propositional logic with proof terms: ∧ is a structure, ∨ an inductive type, → a function.

theorem and_comm' (p q : Prop) : p ∧ q → q ∧ p :=
  fun h => ⟨h.2, h.1⟩

theorem or_intro_left (p q : Prop) (hp : p) : p ∨ q := Or.inl hp

theorem or_comm' (p q : Prop) : p ∨ q → q ∨ p :=
  fun h => Or.rec (motive := fun _ => q ∨ p) (fun hp => Or.inr hp) (fun hq => Or.inl hq) h

theorem imp_trans (p q r : Prop) (hpq : p → q) (hqr : q → r) : p → r :=
  fun hp => hqr (hpq hp)
