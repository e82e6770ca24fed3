/-
leanr prelude: a small part of Lean 4's `Init.Prelude` (and `Init.Core`), written in the subset of Lean
that leanr's elaborator supports. Names, argument order, binder kinds and universe parameters follow
Lean 4.29's declarations; recursive functions are written with `Nat.rec` and an explicit motive, and satisfy
the same defining equations as Lean's, so the kernel's Nat literal extension accepts them.
-/
universe u v w

@[reducible] def outParam (α : Sort u) : Sort u := α
@[reducible] def semiOutParam (α : Sort u) : Sort u := α

def id {α : Sort u} (a : α) : α := a

inductive True : Prop where
  | intro : True

inductive False : Prop

def False.elim {C : Sort u} (h : False) : C :=
  False.rec (motive := fun _ => C) h

def Not (a : Prop) : Prop := a → False

def absurd {a : Prop} {b : Sort v} (h₁ : a) (h₂ : Not a) : b :=
  False.elim (h₂ h₁)

-- As in Lean, `α` is auto-bound and the first index is promoted to a parameter (`Eq.refl a`, `a` explicit).
inductive Eq : α → α → Prop where
  | refl (a : α) : Eq a a

def rfl {α : Sort u} {a : α} : Eq a a := @Eq.refl α a

theorem Eq.symm {α : Sort u} {a b : α} (h : Eq a b) : Eq b a :=
  Eq.rec (motive := fun x (_ : Eq a x) => Eq x a) rfl h

theorem Eq.trans {α : Sort u} {a b c : α} (h₁ : Eq a b) (h₂ : Eq b c) : Eq a c :=
  Eq.rec (motive := fun x (_ : Eq b x) => Eq a x) h₁ h₂

theorem congrArg {α : Sort u} {β : Sort v} {a₁ a₂ : α} (f : α → β) (h : Eq a₁ a₂) : Eq (f a₁) (f a₂) :=
  Eq.rec (motive := fun x (_ : Eq a₁ x) => Eq (f a₁) (f x)) rfl h

structure And (a b : Prop) : Prop where
  intro ::
  left : a
  right : b

inductive Or (a b : Prop) : Prop where
  | inl (h : a) : Or a b
  | inr (h : b) : Or a b

structure Iff (a b : Prop) : Prop where
  intro ::
  mp : a → b
  mpr : b → a

inductive Exists {α : Sort u} (p : α → Prop) : Prop where
  | intro (w : α) (h : p w) : Exists p

@[reducible] def Ne {α : Sort u} (a b : α) : Prop := Not (Eq a b)

inductive Bool : Type where
  | false : Bool
  | true : Bool

class inductive Decidable (p : Prop) where
  | isFalse (h : Not p) : Decidable p
  | isTrue (h : p) : Decidable p

def Decidable.decide (p : Prop) [h : Decidable p] : Bool :=
  Decidable.rec (motive := fun _ => Bool) (fun _ => Bool.false) (fun _ => Bool.true) h

class Inhabited (α : Sort u) where
  default : α

structure Prod (α : Type u) (β : Type v) where
  mk ::
  fst : α
  snd : β

inductive Option (α : Type u) where
  | none : Option α
  | some (val : α) : Option α

inductive List (α : Type u) where
  | nil : List α
  | cons (head : α) (tail : List α) : List α

inductive Nat where
  | zero : Nat
  | succ (n : Nat) : Nat

instance instInhabitedNat : Inhabited Nat := ⟨Nat.zero⟩
instance instInhabitedBool : Inhabited Bool := ⟨Bool.false⟩

class OfNat (α : Type u) (x : Nat) where
  ofNat : α

instance instOfNatNat (n : Nat) : OfNat Nat n := ⟨n⟩

class HAdd (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hAdd : α → β → γ

class HSub (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hSub : α → β → γ

class HMul (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hMul : α → β → γ

class HPow (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hPow : α → β → γ

class Add (α : Type u) where
  add : α → α → α

class Sub (α : Type u) where
  sub : α → α → α

class Mul (α : Type u) where
  mul : α → α → α

class Pow (α : Type u) (β : Type v) where
  pow : α → β → α

class NatPow (α : Type u) where
  pow : α → Nat → α

instance instHAdd {α : Type u_1} [Add α] : HAdd α α α := ⟨fun a b => Add.add a b⟩
instance instHSub {α : Type u_1} [Sub α] : HSub α α α := ⟨fun a b => Sub.sub a b⟩
instance instHMul {α : Type u_1} [Mul α] : HMul α α α := ⟨fun a b => Mul.mul a b⟩
instance instHPow {α : Type u_1} {β : Type u_2} [Pow α β] : HPow α β α := ⟨fun a b => Pow.pow a b⟩
instance instPowNat {α : Type u_1} [NatPow α] : Pow α Nat := ⟨fun a n => NatPow.pow a n⟩

class LE (α : Type u) where
  le : α → α → Prop

class LT (α : Type u) where
  lt : α → α → Prop

@[reducible] def GE.ge {α : Type u} [LE α] (a b : α) : Prop := LE.le b a
@[reducible] def GT.gt {α : Type u} [LT α] (a b : α) : Prop := LT.lt b a

def Nat.add : Nat → Nat → Nat := fun n m =>
  Nat.rec (motive := fun _ => Nat) n (fun _ ih => Nat.succ ih) m

def Nat.pred : Nat → Nat := fun n =>
  Nat.rec (motive := fun _ => Nat) Nat.zero (fun k _ => k) n

def Nat.sub : Nat → Nat → Nat := fun n m =>
  Nat.rec (motive := fun _ => Nat) n (fun _ ih => Nat.pred ih) m

def Nat.mul : Nat → Nat → Nat := fun n m =>
  Nat.rec (motive := fun _ => Nat) Nat.zero (fun _ ih => Nat.add ih n) m

def Nat.pow : Nat → Nat → Nat := fun n m =>
  Nat.rec (motive := fun _ => Nat) (Nat.succ Nat.zero) (fun _ ih => Nat.mul ih n) m

def Nat.beq : Nat → Nat → Bool := fun n m =>
  Nat.rec (motive := fun _ => Nat → Bool)
    (fun m => Nat.rec (motive := fun _ => Bool) Bool.true (fun _ _ => Bool.false) m)
    (fun _ ih m => Nat.rec (motive := fun _ => Bool) Bool.false (fun k _ => ih k) m)
    n m

def Nat.ble : Nat → Nat → Bool := fun n m =>
  Nat.rec (motive := fun _ => Nat → Bool)
    (fun _ => Bool.true)
    (fun _ ih m => Nat.rec (motive := fun _ => Bool) Bool.false (fun k _ => ih k) m)
    n m

instance instAddNat : Add Nat := ⟨Nat.add⟩
instance instSubNat : Sub Nat := ⟨Nat.sub⟩
instance instMulNat : Mul Nat := ⟨Nat.mul⟩
instance instNatPowNat : NatPow Nat := ⟨Nat.pow⟩

inductive Nat.le (n : Nat) : Nat → Prop where
  | refl : Nat.le n n
  | step {m : Nat} : Nat.le n m → Nat.le n (Nat.succ m)

def Nat.lt (n m : Nat) : Prop := Nat.le (Nat.succ n) m

instance instLENat : LE Nat := ⟨Nat.le⟩
instance instLTNat : LT Nat := ⟨Nat.lt⟩

-- ==== `sorry` (Lean's Init.Prelude `sorryAx`), used by the `sorry` term ====
axiom sorryAx (α : Sort u) (synthetic : Bool) : α
-- ==== end `sorry` ====

-- ==== pattern matching and `if` (match.py, recursion.py): Lean's PUnit, PProd, ite, dite ====
set_option bootstrap.inductiveCheckResultingUniverse false in
inductive PUnit : Sort u where
  | unit : PUnit

structure PProd (α : Sort u) (β : Sort v) where
  fst : α
  snd : β

def ite {α : Sort u} (c : Prop) [h : Decidable c] (t e : α) : α :=
  Decidable.rec (motive := fun _ => α) (fun _ => e) (fun _ => t) h

def dite {α : Sort u} (c : Prop) [h : Decidable c] (t : c → α) (e : Not c → α) : α :=
  Decidable.rec (motive := fun _ => α) e t h
-- ==== end of pattern matching and `if` ====

/-! ## Notation support: `calc` (`Trans`) and `{ x // p }` (`Subtype`), as in Lean's `Init.Prelude` -/

class Trans (r : α → β → Sort u) (s : β → γ → Sort v) (t : outParam (α → γ → Sort w)) where
  trans {a : α} {b : β} {c : γ} : r a b → s b c → t a c

instance (r : α → γ → Sort u) : Trans Eq r r :=
  ⟨fun {a b c} heq h' => Eq.rec (motive := fun x _ => r x c) h' (Eq.symm heq)⟩

instance (r : α → β → Sort u) : Trans r Eq r :=
  ⟨fun {a b c} h' heq => Eq.rec (motive := fun x _ => r a x) h' heq⟩

structure Subtype {α : Sort u} (p : α → Prop) where
  val : α
  property : p val

-- ==== native reduction (Lean's Init.Core, `namespace Lean`), used by `native_decide` ====
namespace Lean
axiom trustCompiler : True

opaque reduceBool (b : Bool) : Bool :=
  -- This ensures that `#print axioms` will track use of `reduceBool`.
  have := trustCompiler
  b

opaque reduceNat (n : Nat) : Nat :=
  -- This ensures that `#print axioms` will track use of `reduceNat`.
  have := trustCompiler
  n

axiom ofReduceBool (a b : Bool) (h : reduceBool a = b) : a = b

axiom ofReduceNat (a b : Nat) (h : reduceNat a = b) : a = b
end Lean
-- ==== end of native reduction ====
