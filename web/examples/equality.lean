-- Equality: reflexivity, symmetry, transitivity and congruence, from Eq's own lemmas.

theorem my_symm {α : Type} {a b : α} (h : a = b) : b = a := Eq.symm h

theorem my_trans {α : Type} {a b c : α} (h₁ : a = b) (h₂ : b = c) : a = c := Eq.trans h₁ h₂

theorem my_congr {α β : Type} (f : α → β) {a b : α} (h : a = b) : f a = f b := congrArg f h

example : 2 + 2 = 4 := rfl
