-- Structures and inductive types.

structure Point where
  x : Nat
  y : Nat

def Point.add (p q : Point) : Point := ⟨p.x + q.x, p.y + q.y⟩

example : (Point.add ⟨1, 2⟩ ⟨3, 4⟩).x = 4 := rfl

inductive Color where
  | red
  | green
  | blue

def Color.next : Color → Color := fun c => Color.rec Color.green Color.blue Color.red c

example : Color.next Color.red = Color.green := rfl
