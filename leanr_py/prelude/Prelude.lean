/-
leanr prelude: the parts of Lean 4's `Init` (`Init.Prelude`, `Init.Core`, `Init.Classical`, `Init.Data.*`)
that real files use, written in the subset of Lean that leanr's elaborator supports. Names, argument order,
binder kinds and universe parameters follow Lean 4.29's declarations. Until `match` and structural recursion
are elaborated, recursive functions and proofs by cases are written with the recursors (`T.rec` with an
explicit motive); they satisfy the same defining equations as Lean's, so terms compute as in Lean and the
kernel's Nat literal extension accepts them. The only axioms are Lean's: `propext`, `Classical.choice` and
the quotient package built into the kernel (`Quot.sound`).
-/
-- a section, so that the universe names stay here and do not leak into the files checked over the prelude
section
universe u v w

/-! # Basic functions and types -/

@[reducible] def outParam (α : Sort u) : Sort u := α
@[reducible] def semiOutParam (α : Sort u) : Sort u := α
@[reducible] def optParam (α : Sort u) (default : α) : Sort u := α

def id {α : Sort u} (a : α) : α := a

@[reducible] def Function.comp {α : Sort u} {β : Sort v} {δ : Sort w} (f : β → δ) (g : α → β) : α → δ :=
  fun x => f (g x)

@[reducible] def Function.const {α : Sort u} (β : Sort v) (a : α) : β → α :=
  fun _ => a

@[reducible] def inferInstance {α : Sort u} [i : α] : α := i
@[reducible] def inferInstanceAs (α : Sort u) [i : α] : α := i

set_option bootstrap.inductiveCheckResultingUniverse false in
inductive PUnit : Sort u where
  | unit : PUnit

abbrev Unit : Type := PUnit

abbrev Unit.unit : Unit := PUnit.unit

inductive True : Prop where
  | intro : True

inductive False : Prop

inductive Empty : Type

set_option bootstrap.inductiveCheckResultingUniverse false in
inductive PEmpty : Sort u

def False.elim {C : Sort u} (h : False) : C :=
  False.rec (motive := fun _ => C) h

def Not (b : Prop) : Prop := b → False

def absurd {a : Prop} {b : Sort v} (h₁ : a) (h₂ : Not a) : b :=
  False.elim (h₂ h₁)

inductive Eq : α → α → Prop where
  | refl (a : α) : Eq a a

abbrev Eq.ndrec.{u1, u2} {α : Sort u2} {a : α} {motive : α → Sort u1} (m : motive a) {b : α} (h : Eq a b) :
    motive b :=
  Eq.rec (motive := fun x _ => motive x) m h

def rfl {α : Sort u} {a : α} : Eq a a := Eq.refl a

theorem id_eq {α : Sort u_1} (a : α) : Eq (id a) a := rfl

theorem Eq.subst {α : Sort u} {motive : α → Prop} {a b : α} (h₁ : Eq a b) (h₂ : motive a) : motive b :=
  Eq.ndrec h₂ h₁

theorem Eq.symm {α : Sort u} {a b : α} (h : Eq a b) : Eq b a :=
  Eq.rec (motive := fun x _ => Eq x a) rfl h

theorem Eq.trans {α : Sort u} {a b c : α} (h₁ : Eq a b) (h₂ : Eq b c) : Eq a c :=
  Eq.rec (motive := fun x _ => Eq a x) h₁ h₂

def cast {α β : Sort u} (h : Eq α β) (a : α) : β :=
  Eq.rec (motive := fun x _ => x) a h

theorem congrArg {α : Sort u} {β : Sort v} {a₁ a₂ : α} (f : α → β) (h : Eq a₁ a₂) : Eq (f a₁) (f a₂) :=
  Eq.rec (motive := fun x _ => Eq (f a₁) (f x)) rfl h

theorem congr {α : Sort u} {β : Sort v} {f₁ f₂ : α → β} {a₁ a₂ : α} (h₁ : Eq f₁ f₂) (h₂ : Eq a₁ a₂) :
    Eq (f₁ a₁) (f₂ a₂) :=
  Eq.rec (motive := fun (g : α → β) _ => Eq (f₁ a₁) (g a₂)) (congrArg f₁ h₂) h₁

theorem congrFun {α : Sort u} {β : α → Sort v} {f g : (x : α) → β x} (h : Eq f g) (a : α) : Eq (f a) (g a) :=
  Eq.rec (motive := fun (k : (x : α) → β x) _ => Eq (f a) (k a)) rfl h

inductive HEq : {α : Sort u} → α → {β : Sort u} → β → Prop where
  | refl (a : α) : HEq a a

protected def HEq.rfl {α : Sort u} {a : α} : HEq a a := HEq.refl a

theorem eq_of_heq {α : Sort u} {a a' : α} (h : HEq a a') : Eq a a' :=
  have : (α β : Sort u) → (a : α) → (b : β) → HEq a b → (h : Eq α β) → Eq (cast h a) b :=
    fun _ _ a _ h₁ =>
      HEq.rec (motive := fun {β} b _ => (h : Eq _ β) → Eq (cast h a) b) (fun (h : Eq _ _) => (rfl : Eq (cast (Eq.refl _) a) a)) h₁
  this α α a a' h rfl

theorem heq_of_eq {α : Sort u_1} {a a' : α} (h : Eq a a') : HEq a a' :=
  Eq.subst (motive := fun x => HEq a x) h (HEq.refl a)

structure Prod (α : Type u) (β : Type v) where
  mk ::
  fst : α
  snd : β

structure PProd (α : Sort u) (β : Sort v) where
  fst : α
  snd : β

structure MProd (α β : Type u) where
  fst : α
  snd : β

structure And (a b : Prop) : Prop where
  intro ::
  left : a
  right : b

inductive Or (a b : Prop) : Prop where
  | inl (h : a) : Or a b
  | inr (h : b) : Or a b

theorem Or.intro_left {a : Prop} (b : Prop) (h : a) : Or a b := Or.inl h
theorem Or.intro_right {b : Prop} (a : Prop) (h : b) : Or a b := Or.inr h

theorem Or.elim {a b c : Prop} (h : Or a b) (left : a → c) (right : b → c) : c :=
  Or.rec (motive := fun _ => c) left right h

theorem Or.resolve_left {a b : Prop} (h : Or a b) (na : Not a) : b := Or.elim h (fun ha => absurd ha na) id
theorem Or.resolve_right {a b : Prop} (h : Or a b) (nb : Not b) : a := Or.elim h id (fun hb => absurd hb nb)
theorem Or.neg_resolve_left {a b : Prop} (h : Or (Not a) b) (ha : a) : b := Or.elim h (fun na => absurd ha na) id
theorem Or.neg_resolve_right {a b : Prop} (h : Or a (Not b)) (nb : b) : a := Or.elim h id (fun nb' => absurd nb nb')

inductive Bool : Type where
  | false : Bool
  | true : Bool

export Bool (false true)

-- used by the `sorry` term
axiom sorryAx (α : Sort u) (synthetic : Bool) : α

structure Subtype {α : Sort u} (p : α → Prop) where
  val : α
  property : p val

class inductive Nonempty (α : Sort u) : Prop where
  | intro (val : α) : Nonempty α

axiom Classical.choice {α : Sort u} : Nonempty α → α

class Inhabited (α : Sort u) where
  default : α

structure PLift (α : Sort u) : Type u where
  up ::
  down : α

structure ULift.{r, s} (α : Type s) : Type (max s r) where
  up ::
  down : α

class inductive Decidable (p : Prop) where
  | isFalse (h : Not p) : Decidable p
  | isTrue (h : p) : Decidable p

def Decidable.decide (p : Prop) [h : Decidable p] : Bool :=
  Decidable.rec (motive := fun _ => Bool) (fun _ => Bool.false) (fun _ => Bool.true) h

export Decidable (isTrue isFalse decide)

abbrev DecidablePred {α : Sort u} (r : α → Prop) := (a : α) → Decidable (r a)
abbrev DecidableRel {α : Sort u} {β : Sort v} (r : α → β → Prop) := (a : α) → (b : β) → Decidable (r a b)
abbrev DecidableEq (α : Sort u) := (a b : α) → Decidable (Eq a b)

def decEq {α : Sort u} [inst : DecidableEq α] (a b : α) : Decidable (Eq a b) := inst a b

/-! # Propositional logic (`Init.Core`) -/

structure Iff (a b : Prop) : Prop where
  intro ::
  mp : a → b
  mpr : b → a

inductive Exists {α : Sort u} (p : α → Prop) : Prop where
  | intro (w : α) (h : p w) : Exists p

def trivial : True := True.intro

theorem mt {a b : Prop} (h₁ : a → b) (h₂ : Not b) : Not a := fun ha => h₂ (h₁ ha)

theorem not_false : Not False := id

theorem not_not_intro {p : Prop} (h : p) : Not (Not p) := fun hn => hn h

theorem proofIrrel {a : Prop} (h₁ h₂ : a) : Eq h₁ h₂ := rfl

theorem id.def {α : Sort u} (a : α) : Eq (id a) a := rfl

def Eq.mp {α β : Sort u} (h : Eq α β) (a : α) : β := Eq.rec (motive := fun x _ => x) a h

def Eq.mpr {α β : Sort u} (h : Eq α β) (b : β) : α := Eq.rec (motive := fun x _ => x) b (Eq.symm h)

theorem Eq.substr {α : Sort u} {p : α → Prop} {a b : α} (h₁ : Eq b a) (h₂ : p a) : p b :=
  Eq.subst (motive := p) (Eq.symm h₁) h₂

theorem cast_eq {α : Sort u} (h : Eq α α) (a : α) : Eq (cast h a) a := rfl

@[reducible] def Ne {α : Sort u} (a b : α) : Prop := Not (Eq a b)

theorem Ne.intro {α : Sort u} {a b : α} (h : Eq a b → False) : Ne a b := h
theorem Ne.elim {α : Sort u} {a b : α} (h : Ne a b) : Eq a b → False := h
theorem Ne.irrefl {α : Sort u} {a : α} (h : Ne a a) : False := h rfl
theorem Ne.symm {α : Sort u} {a b : α} (h : Ne a b) : Ne b a := fun h₁ => h (Eq.symm h₁)
theorem false_of_ne {α : Sort u} {a : α} : Ne a a → False := Ne.irrefl

theorem ne_false_of_self {p : Prop} : p → Ne p False :=
  fun hp h => Eq.mp h hp

theorem ne_true_of_not {p : Prop} : Not p → Ne p True :=
  fun hnp h => hnp (Eq.mpr h trivial)

theorem true_ne_false : Not (Eq True False) := ne_false_of_self trivial

theorem HEq.symm {α β : Sort u} {a : α} {b : β} (h : HEq a b) : HEq b a :=
  HEq.rec (motive := fun {β} b _ => HEq b a) (HEq.refl a) h

theorem HEq.trans {α β φ : Sort u} {a : α} {b : β} {c : φ} (h₁ : HEq a b) (h₂ : HEq b c) : HEq a c :=
  HEq.rec (motive := fun {φ} c _ => HEq a c) h₁ h₂

theorem type_eq_of_heq {α β : Sort u} {a : α} {b : β} (h : HEq a b) : Eq α β :=
  HEq.rec (motive := fun {β} _ _ => Eq α β) rfl h

theorem Iff.refl (a : Prop) : Iff a a := Iff.intro (fun h => h) (fun h => h)

protected theorem Iff.rfl {a : Prop} : Iff a a := Iff.refl a

theorem Iff.trans {a b c : Prop} (h₁ : Iff a b) (h₂ : Iff b c) : Iff a c :=
  Iff.intro (fun ha => Iff.mp h₂ (Iff.mp h₁ ha)) (fun hc => Iff.mpr h₁ (Iff.mpr h₂ hc))

theorem Iff.symm {a b : Prop} (h : Iff a b) : Iff b a := Iff.intro (Iff.mpr h) (Iff.mp h)

theorem Iff.comm {a b : Prop} : Iff (Iff a b) (Iff b a) := Iff.intro Iff.symm Iff.symm

theorem Iff.of_eq {a b : Prop} (h : Eq a b) : Iff a b := Eq.subst (motive := fun x => Iff a x) h Iff.rfl

theorem iff_iff_implies_and_implies {a b : Prop} : Iff (Iff a b) (And (a → b) (b → a)) :=
  Iff.intro (fun h => And.intro h.mp h.mpr) (fun h => Iff.intro h.left h.right)

theorem And.symm {a b : Prop} : And a b → And b a := fun h => And.intro h.right h.left

theorem And.comm {a b : Prop} : Iff (And a b) (And b a) := Iff.intro And.symm And.symm

def And.elim {a b : Prop} {α : Sort u} (f : a → b → α) (h : And a b) : α := f h.left h.right

theorem Or.symm {a b : Prop} : Or a b → Or b a := fun h => Or.elim h Or.inr Or.inl

theorem Or.comm {a b : Prop} : Iff (Or a b) (Or b a) := Iff.intro Or.symm Or.symm

theorem Exists.elim {α : Sort u} {p : α → Prop} {b : Prop} (h₁ : Exists (fun x => p x))
    (h₂ : ∀ (a : α), p a → b) : b :=
  Exists.rec (motive := fun _ => b) h₂ h₁

theorem iff_of_true {a b : Prop} (ha : a) (hb : b) : Iff a b := Iff.intro (fun _ => hb) (fun _ => ha)

theorem iff_of_false {a b : Prop} (ha : Not a) (hb : Not b) : Iff a b :=
  Iff.intro (fun h => absurd h ha) (fun h => absurd h hb)

theorem not_congr {a b : Prop} (h : Iff a b) : Iff (Not a) (Not b) :=
  Iff.intro (fun na hb => na (h.mpr hb)) (fun nb ha => nb (h.mp ha))

def Not.elim {a : Prop} {α : Sort u} (H1 : Not a) (H2 : a) : α := absurd H2 H1


/-! # Quotients, function extensionality, propositional extensionality, classical logic -/

init_quot

axiom Quot.sound {α : Sort u} {r : α → α → Prop} {a b : α} : r a b → Eq (Quot.mk r a) (Quot.mk r b)

axiom propext {a b : Prop} : Iff a b → Eq a b

theorem Eq.propIntro {a b : Prop} (h₁ : a → b) (h₂ : b → a) : Eq a b := propext (Iff.intro h₁ h₂)

theorem iff_iff_eq {a b : Prop} : Iff (Iff a b) (Eq a b) := Iff.intro propext Iff.of_eq

theorem Quot.liftBeta {α : Sort u} {r : α → α → Prop} {β : Sort v} (f : α → β)
    (c : ∀ (a b : α), r a b → Eq (f a) (f b)) (a : α) : Eq (Quot.lift f c (Quot.mk r a)) (f a) := rfl

@[reducible] protected def Quot.liftOn {α : Sort u} {β : Sort v} {r : α → α → Prop} (q : Quot r)
    (f : α → β) (c : (a b : α) → r a b → Eq (f a) (f b)) : β :=
  Quot.lift f c q

theorem Quot.inductionOn {α : Sort u} {r : α → α → Prop} {motive : Quot r → Prop} (q : Quot r)
    (h : ∀ (a : α), motive (Quot.mk r a)) : motive q :=
  Quot.ind h q

theorem Quot.exists_rep {α : Sort u} {r : α → α → Prop} (q : Quot r) : Exists (fun a => Eq (Quot.mk r a) q) :=
  Quot.inductionOn (motive := fun q => Exists (fun a => Eq (Quot.mk r a) q)) q (fun a => Exists.intro a rfl)

theorem funext {α : Sort u} {β : α → Sort v} {f g : (x : α) → β x} (h : ∀ x, Eq (f x) (g x)) : Eq f g :=
  let eqv (f g : (x : α) → β x) : Prop := ∀ x, Eq (f x) (g x)
  let extfunApp (q : Quot eqv) (x : α) : β x :=
    Quot.lift (fun (k : (x : α) → β x) => k x) (fun (a b : (x : α) → β x) (h : eqv a b) => h x) q
  congrArg extfunApp (Quot.sound (r := eqv) h)

structure Equivalence {α : Sort u} (r : α → α → Prop) : Prop where
  refl : ∀ x, r x x
  symm : ∀ {x y}, r x y → r y x
  trans : ∀ {x y z}, r x y → r y z → r x z

class Setoid (α : Sort u) where
  r : α → α → Prop
  iseqv : Equivalence r

class HasEquiv (α : Sort u) where
  Equiv : α → α → Sort v

instance instHasEquivOfSetoid {α : Sort u} [Setoid α] : HasEquiv α := ⟨Setoid.r⟩

theorem Setoid.refl {α : Sort u} [Setoid α] (a : α) : Setoid.r a a := Equivalence.refl Setoid.iseqv a
theorem Setoid.symm {α : Sort u} [Setoid α] {a b : α} (hab : Setoid.r a b) : Setoid.r b a :=
  Equivalence.symm Setoid.iseqv hab
theorem Setoid.trans {α : Sort u} [Setoid α] {a b c : α} (hab : Setoid.r a b) (hbc : Setoid.r b c) : Setoid.r a c :=
  Equivalence.trans Setoid.iseqv hab hbc

def Quotient {α : Sort u} (s : Setoid α) : Sort u := @Quot α Setoid.r

def Quotient.mk {α : Sort u} (s : Setoid α) (a : α) : Quotient s := Quot.mk Setoid.r a

def Quotient.mk' {α : Sort u} [s : Setoid α] (a : α) : Quotient s := Quotient.mk s a

theorem Quotient.sound {α : Sort u} {s : Setoid α} {a b : α} : Setoid.r a b → Eq (Quotient.mk s a) (Quotient.mk s b) :=
  Quot.sound

def Quotient.lift {α : Sort u} {β : Sort v} {s : Setoid α} (f : α → β) :
    (∀ a b, Setoid.r a b → Eq (f a) (f b)) → Quotient s → β :=
  Quot.lift f

theorem Quotient.ind {α : Sort u} {s : Setoid α} {motive : Quotient s → Prop} :
    ((a : α) → motive (Quotient.mk s a)) → (q : Quotient s) → motive q :=
  Quot.ind

def Quotient.liftOn {α : Sort u} {β : Sort v} {s : Setoid α} (q : Quotient s) (f : α → β)
    (c : ∀ a b, Setoid.r a b → Eq (f a) (f b)) : β :=
  Quot.lift f c q

theorem Quotient.inductionOn {α : Sort u} {s : Setoid α} {motive : Quotient s → Prop} (q : Quotient s)
    (h : (a : α) → motive (Quotient.mk s a)) : motive q :=
  Quot.ind h q

/-! ## Classical logic (`Init.Classical`): choice gives excluded middle (Diaconescu) -/

noncomputable def Classical.indefiniteDescription {α : Sort u} (p : α → Prop) (h : Exists (fun x => p x)) :
    Subtype (fun x => p x) :=
  Classical.choice (Exists.elim h (fun x px => Nonempty.intro (Subtype.mk x px)))

noncomputable def Classical.choose {α : Sort u} {p : α → Prop} (h : Exists (fun x => p x)) : α :=
  (Classical.indefiniteDescription p h).val

theorem Classical.choose_spec {α : Sort u} {p : α → Prop} (h : Exists (fun x => p x)) : p (Classical.choose h) :=
  (Classical.indefiniteDescription p h).property

theorem Classical.em (p : Prop) : Or p (Not p) :=
  let U (x : Prop) : Prop := Or (Eq x True) p
  let V (x : Prop) : Prop := Or (Eq x False) p
  have exU : Exists (fun x => U x) := Exists.intro True (Or.inl rfl)
  have exV : Exists (fun x => V x) := Exists.intro False (Or.inl rfl)
  have u_def : U (Classical.choose exU) := Classical.choose_spec exU
  have v_def : V (Classical.choose exV) := Classical.choose_spec exV
  have not_uv_or_p : Or (Ne (Classical.choose exU) (Classical.choose exV)) p :=
    Or.elim u_def
      (fun hut => Or.elim v_def
        (fun hvf => Or.inl (fun huv => true_ne_false (Eq.trans (Eq.symm hut) (Eq.trans huv hvf))))
        Or.inr)
      Or.inr
  have p_implies_uv : p → Eq (Classical.choose exU) (Classical.choose exV) :=
    fun hp =>
      have hpred : Eq U V :=
        funext (fun x => propext (Iff.intro (fun _ => Or.inr hp) (fun _ => Or.inr hp)))
      have h₀ : ∀ (exU : Exists (fun x => U x)) (exV : Exists (fun x => V x)),
          Eq (@Classical.choose Prop U exU) (@Classical.choose Prop V exV) :=
        Eq.rec (motive := fun (W : Prop → Prop) _ => ∀ (exU : Exists (fun x => U x)) (exW : Exists (fun x => W x)),
            Eq (@Classical.choose Prop U exU) (@Classical.choose Prop W exW))
          (fun _ _ => rfl) hpred
      h₀ exU exV
  Or.elim not_uv_or_p (fun hne => Or.inr (mt p_implies_uv hne)) Or.inl

noncomputable def Classical.inhabited_of_nonempty {α : Sort u} (h : Nonempty α) : Inhabited α :=
  Inhabited.mk (Classical.choice h)

noncomputable def Classical.ofNonempty {α : Sort u} [Nonempty α] : α := Classical.choice inferInstance

noncomputable def Classical.propDecidable (a : Prop) : Decidable a :=
  Classical.choice (Or.elim (Classical.em a) (fun ha => Nonempty.intro (Decidable.isTrue ha))
    (fun hna => Nonempty.intro (Decidable.isFalse hna)))

-- Lean: `scoped instance (priority := low)`, an instance where `Classical` is open
attribute [scoped instance 10] Classical.propDecidable

noncomputable def Classical.decEq (α : Sort u) : DecidableEq α := fun _ _ => Classical.propDecidable _

theorem Classical.byContradiction {p : Prop} (h : Not p → False) : p :=
  Or.elim (Classical.em p) id (fun np => False.elim (h np))

theorem Classical.byCases {p q : Prop} (hpq : p → q) (hnpq : Not p → q) : q := Or.elim (Classical.em p) hpq hnpq

theorem Classical.not_not {a : Prop} : Iff (Not (Not a)) a :=
  Iff.intro (fun h => Classical.byContradiction h) not_not_intro

theorem Classical.exists_true_of_nonempty {α : Sort u} : Nonempty α → Exists (fun (_ : α) => True) :=
  fun h => Nonempty.rec (motive := fun _ => Exists (fun (_ : α) => True)) (fun x => Exists.intro x trivial) h

/-! # Bool, `if`, decidability -/

def cond {α : Sort u} (c : Bool) (x y : α) : α := Bool.rec (motive := fun _ => α) y x c

def Bool.dcond {α : Sort u} (c : Bool) (x : Eq c Bool.true → α) (y : Eq c Bool.false → α) : α :=
  Bool.rec (motive := fun b => (Eq b Bool.true → α) → (Eq b Bool.false → α) → α)
    (fun _ y => y rfl) (fun x _ => x rfl) c x y

def Bool.or (x y : Bool) : Bool := Bool.rec (motive := fun _ => Bool) y Bool.true x
def Bool.and (x y : Bool) : Bool := Bool.rec (motive := fun _ => Bool) Bool.false y x
def Bool.not (y : Bool) : Bool := Bool.rec (motive := fun _ => Bool) Bool.true Bool.false y
def Bool.xor (x y : Bool) : Bool := Bool.rec (motive := fun _ => Bool) y (Bool.not y) x

export Bool (or and not)

theorem ne_true_of_eq_false {b : Bool} : Eq b Bool.false → Not (Eq b Bool.true) :=
  fun h₁ h₂ => Eq.subst (motive := fun b => Bool.rec (motive := fun _ => Prop) True False b)
    (Eq.trans (Eq.symm h₁) h₂) trivial

theorem ne_false_of_eq_true {b : Bool} : Eq b Bool.true → Not (Eq b Bool.false) :=
  fun h₁ h₂ => ne_true_of_eq_false h₂ h₁

theorem Bool.of_not_eq_true {b : Bool} : Not (Eq b Bool.true) → Eq b Bool.false :=
  Bool.rec (motive := fun b => Not (Eq b Bool.true) → Eq b Bool.false) (fun _ => rfl) (fun h => absurd rfl h) b

theorem Bool.of_not_eq_false {b : Bool} : Not (Eq b Bool.false) → Eq b Bool.true :=
  Bool.rec (motive := fun b => Not (Eq b Bool.false) → Eq b Bool.true) (fun h => absurd rfl h) (fun _ => rfl) b

theorem eq_false_of_ne_true {b : Bool} : Not (Eq b Bool.true) → Eq b Bool.false := Bool.of_not_eq_true
theorem eq_true_of_ne_false {b : Bool} : Not (Eq b Bool.false) → Eq b Bool.true := Bool.of_not_eq_false


def ite {α : Sort u} (c : Prop) [h : Decidable c] (t e : α) : α :=
  Decidable.rec (motive := fun _ => α) (fun _ => e) (fun _ => t) h

def dite {α : Sort u} (c : Prop) [h : Decidable c] (t : c → α) (e : Not c → α) : α :=
  Decidable.rec (motive := fun _ => α) e t h

theorem decide_eq_true {p : Prop} [inst : Decidable p] : p → Eq (Decidable.decide p) Bool.true :=
  Decidable.rec (motive := fun d => p → Eq (@Decidable.decide p d) Bool.true)
    (fun hn hp => absurd hp hn) (fun _ _ => rfl) inst

theorem decide_eq_false {p : Prop} [inst : Decidable p] : Not p → Eq (Decidable.decide p) Bool.false :=
  Decidable.rec (motive := fun d => Not p → Eq (@Decidable.decide p d) Bool.false)
    (fun _ _ => rfl) (fun hp hn => absurd hp hn) inst

theorem of_decide_eq_true {p : Prop} [inst : Decidable p] : Eq (Decidable.decide p) Bool.true → p :=
  Decidable.rec (motive := fun d => Eq (@Decidable.decide p d) Bool.true → p)
    (fun _ h => absurd h (ne_true_of_eq_false rfl)) (fun hp _ => hp) inst

theorem of_decide_eq_false {p : Prop} [inst : Decidable p] : Eq (Decidable.decide p) Bool.false → Not p :=
  Decidable.rec (motive := fun d => Eq (@Decidable.decide p d) Bool.false → Not p)
    (fun hn _ => hn) (fun _ h => absurd h (ne_false_of_eq_true rfl)) inst

theorem of_decide_eq_self_eq_true {α : Sort u_1} [inst : DecidableEq α] (a : α) :
    Eq (Decidable.decide (Eq a a)) Bool.true :=
  decide_eq_true rfl

theorem decide_true_eq_true (h : Decidable True) : Eq (@Decidable.decide True h) Bool.true := decide_eq_true trivial
theorem decide_false_eq_false (h : Decidable False) : Eq (@Decidable.decide False h) Bool.false :=
  decide_eq_false not_false

def Bool.decEq (a b : Bool) : Decidable (Eq a b) :=
  Bool.rec (motive := fun a => Decidable (Eq a b))
    (Bool.rec (motive := fun b => Decidable (Eq Bool.false b)) (Decidable.isTrue rfl)
      (Decidable.isFalse (ne_true_of_eq_false rfl)) b)
    (Bool.rec (motive := fun b => Decidable (Eq Bool.true b)) (Decidable.isFalse (ne_false_of_eq_true rfl))
      (Decidable.isTrue rfl) b)
    a

instance instDecidableEqBool : DecidableEq Bool := Bool.decEq

class BEq (α : Type u) where
  beq : α → α → Bool

instance instBEqOfDecidableEq {α : Type u_1} [DecidableEq α] : BEq α := ⟨fun a b => Decidable.decide (Eq a b)⟩

def bne {α : Type u} [BEq α] (a b : α) : Bool := Bool.not (BEq.beq a b)

class LawfulBEq (α : Type u) [BEq α] : Prop where
  eq_of_beq : {a b : α} → Eq (BEq.beq a b) Bool.true → Eq a b
  rfl : {a : α} → Eq (BEq.beq a a) Bool.true

export LawfulBEq (eq_of_beq)

instance instDecidableTrue : Decidable True := Decidable.isTrue trivial
instance instDecidableFalse : Decidable False := Decidable.isFalse not_false

instance instDecidableAnd {p q : Prop} [dp : Decidable p] [dq : Decidable q] : Decidable (And p q) :=
  Decidable.rec (motive := fun _ => Decidable (And p q))
    (fun hp => Decidable.isFalse (fun h => hp h.left))
    (fun hp => Decidable.rec (motive := fun _ => Decidable (And p q))
      (fun hq => Decidable.isFalse (fun h => hq h.right)) (fun hq => Decidable.isTrue (And.intro hp hq)) dq)
    dp

instance instDecidableOr {p q : Prop} [dp : Decidable p] [dq : Decidable q] : Decidable (Or p q) :=
  Decidable.rec (motive := fun _ => Decidable (Or p q))
    (fun hp => Decidable.rec (motive := fun _ => Decidable (Or p q))
      (fun hq => Decidable.isFalse (fun h => Or.elim h hp hq)) (fun hq => Decidable.isTrue (Or.inr hq)) dq)
    (fun hp => Decidable.isTrue (Or.inl hp))
    dp

instance instDecidableNot {p : Prop} [dp : Decidable p] : Decidable (Not p) :=
  Decidable.rec (motive := fun _ => Decidable (Not p)) (fun hp => Decidable.isTrue hp)
    (fun hp => Decidable.isFalse (absurd hp)) dp

instance instDecidableForall {p q : Prop} [dp : Decidable p] [dq : Decidable q] : Decidable (p → q) :=
  Decidable.rec (motive := fun _ => Decidable (p → q))
    (fun hp => Decidable.isTrue (fun h => absurd h hp))
    (fun hp => Decidable.rec (motive := fun _ => Decidable (p → q))
      (fun hq => Decidable.isFalse (fun h => absurd (h hp) hq)) (fun hq => Decidable.isTrue (fun _ => hq)) dq)
    dp

instance instDecidableIff {p q : Prop} [dp : Decidable p] [dq : Decidable q] : Decidable (Iff p q) :=
  Decidable.rec (motive := fun _ => Decidable (Iff p q))
    (fun hp => Decidable.rec (motive := fun _ => Decidable (Iff p q))
      (fun hq => Decidable.isTrue (Iff.intro (fun h => absurd h hp) (fun h => absurd h hq)))
      (fun hq => Decidable.isFalse (fun h => hp (h.mpr hq))) dq)
    (fun hp => Decidable.rec (motive := fun _ => Decidable (Iff p q))
      (fun hq => Decidable.isFalse (fun h => hq (h.mp hp)))
      (fun hq => Decidable.isTrue (Iff.intro (fun _ => hq) (fun _ => hp))) dq)
    dp

def Decidable.byCases {p : Prop} {q : Sort u} [dec : Decidable p] (h1 : p → q) (h2 : Not p → q) : q :=
  Decidable.rec (motive := fun _ => q) h2 h1 dec

theorem Decidable.em (p : Prop) [Decidable p] : Or p (Not p) := Decidable.byCases Or.inl Or.inr

theorem Decidable.byContradiction {p : Prop} [dec : Decidable p] (h : Not p → False) : p :=
  Decidable.byCases id (fun np => False.elim (h np))

theorem Decidable.of_not_not {p : Prop} [Decidable p] : Not (Not p) → p :=
  fun hnn => Decidable.byContradiction (fun hn => absurd hn hnn)

theorem Decidable.not_not {p : Prop} [Decidable p] : Iff (Not (Not p)) p := Iff.intro Decidable.of_not_not not_not_intro

theorem Decidable.not_and_iff_or_not (p q : Prop) [d₁ : Decidable p] [d₂ : Decidable q] :
    Iff (Not (And p q)) (Or (Not p) (Not q)) :=
  Iff.intro
    (fun h => Decidable.byCases (p := p)
      (fun hp => Decidable.byCases (p := q) (fun hq => absurd (And.intro hp hq) h) Or.inr)
      Or.inl)
    (fun h hpq => Or.elim h (fun hnp => hnp hpq.left) (fun hnq => hnq hpq.right))

def decidable_of_decidable_of_iff {p q : Prop} [Decidable p] (h : Iff p q) : Decidable q :=
  dite p (fun hp => Decidable.isTrue (Iff.mp h hp)) (fun hp => Decidable.isFalse (fun hq => absurd (Iff.mpr h hq) hp))

def decidable_of_iff {b : Prop} (a : Prop) (h : Iff a b) [Decidable a] : Decidable b :=
  decidable_of_decidable_of_iff h

theorem if_pos {c : Prop} {h : Decidable c} (hc : c) {α : Sort u} {t e : α} : Eq (ite c t e) t :=
  Decidable.rec (motive := fun d => Eq (@ite α c d t e) t) (fun hnc => absurd hc hnc) (fun _ => rfl) h

theorem if_neg {c : Prop} {h : Decidable c} (hnc : Not c) {α : Sort u} {t e : α} : Eq (ite c t e) e :=
  Decidable.rec (motive := fun d => Eq (@ite α c d t e) e) (fun _ => rfl) (fun hc => absurd hc hnc) h

theorem dif_pos {c : Prop} {h : Decidable c} (hc : c) {α : Sort u} {t : c → α} {e : Not c → α} :
    Eq (dite c t e) (t hc) :=
  Decidable.rec (motive := fun d => Eq (@dite α c d t e) (t hc)) (fun hnc => absurd hc hnc) (fun _ => rfl) h

theorem dif_neg {c : Prop} {h : Decidable c} (hnc : Not c) {α : Sort u} {t : c → α} {e : Not c → α} :
    Eq (dite c t e) (e hnc) :=
  Decidable.rec (motive := fun d => Eq (@dite α c d t e) (e hnc)) (fun _ => rfl) (fun hc => absurd hc hnc) h

theorem ite_self {α : Sort u} {c : Prop} {d : Decidable c} (a : α) : Eq (ite c a a) a :=
  Decidable.rec (motive := fun d => Eq (@ite α c d a a) a) (fun _ => rfl) (fun _ => rfl) d

theorem ite_congr {α : Sort u} {x y u v : α} {b : Prop} {s : Decidable b} {c : Prop} [inst : Decidable c]
    (h₁ : Eq b c) (h₂ : c → Eq x u) (h₃ : Not c → Eq y v) : Eq (@ite α b s x y) (@ite α c inst u v) :=
  Decidable.rec (motive := fun d => Eq (@ite α b d x y) (@ite α c inst u v))
    (fun hnb => Eq.trans (if_neg hnb) (Eq.trans (h₃ (fun hc => hnb (Eq.mpr h₁ hc))) (Eq.symm (if_neg (fun hc => hnb (Eq.mpr h₁ hc))))))
    (fun hb => Eq.trans (if_pos hb) (Eq.trans (h₂ (Eq.mp h₁ hb)) (Eq.symm (if_pos (Eq.mp h₁ hb))))) s

/-! # Numerals, arithmetic and order classes -/

inductive Nat where
  | zero : Nat
  | succ (n : Nat) : Nat

class OfNat (α : Type u) (x : Nat) where
  ofNat : α

@[default_instance 100] instance instOfNatNat (n : Nat) : OfNat Nat n := ⟨n⟩

class HAdd (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hAdd : α → β → γ
class HSub (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hSub : α → β → γ
class HMul (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hMul : α → β → γ
class HDiv (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hDiv : α → β → γ
class HMod (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hMod : α → β → γ
class HPow (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hPow : α → β → γ
class HAppend (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hAppend : α → β → γ

class Add (α : Type u) where
  add : α → α → α
class Sub (α : Type u) where
  sub : α → α → α
class Mul (α : Type u) where
  mul : α → α → α
class Neg (α : Type u) where
  neg : α → α
class Div (α : Type u) where
  div : α → α → α
class Mod (α : Type u) where
  mod : α → α → α
class Pow (α : Type u) (β : Type v) where
  pow : α → β → α
class NatPow (α : Type u) where
  pow : α → Nat → α
class HomogeneousPow (α : Type u) where
  pow : α → α → α
class Append (α : Type u) where
  append : α → α → α
class Dvd (α : Type u_1) where
  dvd : α → α → Prop

@[default_instance] instance instHAdd {α : Type u_1} [Add α] : HAdd α α α := ⟨fun a b => Add.add a b⟩
@[default_instance] instance instHSub {α : Type u_1} [Sub α] : HSub α α α := ⟨fun a b => Sub.sub a b⟩
@[default_instance] instance instHMul {α : Type u_1} [Mul α] : HMul α α α := ⟨fun a b => Mul.mul a b⟩
@[default_instance] instance instHDiv {α : Type u_1} [Div α] : HDiv α α α := ⟨fun a b => Div.div a b⟩
@[default_instance] instance instHMod {α : Type u_1} [Mod α] : HMod α α α := ⟨fun a b => Mod.mod a b⟩
@[default_instance] instance instHPow {α : Type u_1} {β : Type u_2} [Pow α β] : HPow α β α := ⟨fun a b => Pow.pow a b⟩
@[default_instance] instance instPowNat {α : Type u_1} [NatPow α] : Pow α Nat := ⟨fun a n => NatPow.pow a n⟩
instance instPowOfHomogeneousPow {α : Type u_1} [HomogeneousPow α] : Pow α α := ⟨fun a b => HomogeneousPow.pow a b⟩
instance instHAppendOfAppend {α : Type u_1} [Append α] : HAppend α α α := ⟨fun a b => Append.append a b⟩

class LE (α : Type u) where
  le : α → α → Prop
class LT (α : Type u) where
  lt : α → α → Prop

@[reducible] def GE.ge {α : Type u} [LE α] (a b : α) : Prop := LE.le b a
@[reducible] def GT.gt {α : Type u} [LT α] (a b : α) : Prop := LT.lt b a

-- used by `calc`
class Trans (r : α → β → Sort u) (s : β → γ → Sort v) (t : outParam (α → γ → Sort w)) where
  trans {a : α} {b : β} {c : γ} : r a b → s b c → t a c

instance (r : α → γ → Sort u) : Trans Eq r r :=
  ⟨fun {a b c} heq h' => Eq.rec (motive := fun x _ => r x c) h' (Eq.symm heq)⟩

instance (r : α → β → Sort u) : Trans r Eq r :=
  ⟨fun {a b c} h' heq => Eq.rec (motive := fun x _ => r a x) h' heq⟩

class Max (α : Type u) where
  max : α → α → α
export Max (max)

class Min (α : Type u) where
  min : α → α → α
export Min (min)

def maxOfLe {α : Type u_1} [LE α] [inst : DecidableRel (@LE.le α _)] : Max α :=
  ⟨fun x y => @ite _ (LE.le x y) (inst x y) y x⟩
def minOfLe {α : Type u_1} [LE α] [inst : DecidableRel (@LE.le α _)] : Min α :=
  ⟨fun x y => @ite _ (LE.le x y) (inst x y) x y⟩

instance instInhabitedSort : Inhabited (Sort u) := ⟨PUnit⟩
instance instInhabitedForall (α : Sort u) {β : Sort v} [Inhabited β] : Inhabited (α → β) :=
  ⟨fun _ => Inhabited.default⟩
instance instInhabitedPUnit : Inhabited PUnit := ⟨PUnit.unit⟩
instance instInhabitedNat : Inhabited Nat := ⟨Nat.zero⟩
instance instInhabitedBool : Inhabited Bool := ⟨Bool.false⟩
instance instInhabitedProp : Inhabited Prop := ⟨True⟩
instance instInhabitedTrue : Inhabited True := ⟨trivial⟩
instance instNonemptyOfInhabited {α : Sort u} [Inhabited α] : Nonempty α := ⟨Inhabited.default⟩

/-! # Nat -/

protected def Nat.add : Nat → Nat → Nat := fun n m =>
  Nat.rec (motive := fun _ => Nat) n (fun _ ih => Nat.succ ih) m

def Nat.pred : Nat → Nat := fun n =>
  Nat.rec (motive := fun _ => Nat) Nat.zero (fun k _ => k) n

protected def Nat.sub : Nat → Nat → Nat := fun n m =>
  Nat.rec (motive := fun _ => Nat) n (fun _ ih => Nat.pred ih) m

protected def Nat.mul : Nat → Nat → Nat := fun n m =>
  Nat.rec (motive := fun _ => Nat) Nat.zero (fun _ ih => Nat.add ih n) m

protected def Nat.pow : Nat → Nat → Nat := fun n m =>
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

def Nat.blt (a b : Nat) : Bool := Nat.ble (Nat.succ a) b

-- `x / y` and `x % y` by repeated subtraction, with `x + 1` steps of fuel (always enough)
protected def Nat.div : Nat → Nat → Nat := fun x y =>
  Nat.rec (motive := fun _ => Nat → Nat) (fun _ => Nat.zero)
    (fun _ ih x => Bool.rec (motive := fun _ => Nat) Nat.zero (Nat.succ (ih (Nat.sub x y)))
      (Bool.and (Nat.ble y x) (Nat.ble (Nat.succ Nat.zero) y)))
    (Nat.succ x) x

protected def Nat.mod : Nat → Nat → Nat := fun x y =>
  Nat.rec (motive := fun _ => Nat → Nat) (fun x => x)
    (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x y))
      (Bool.and (Nat.ble y x) (Nat.ble (Nat.succ Nat.zero) y)))
    (Nat.succ x) x

instance instAddNat : Add Nat := ⟨Nat.add⟩
instance instSubNat : Sub Nat := ⟨Nat.sub⟩
instance instMulNat : Mul Nat := ⟨Nat.mul⟩
instance instNatPowNat : NatPow Nat := ⟨Nat.pow⟩
instance Nat.instDiv : Div Nat := ⟨Nat.div⟩
instance Nat.instMod : Mod Nat := ⟨Nat.mod⟩

protected inductive Nat.le (n : Nat) : Nat → Prop where
  | refl : Nat.le n n
  | step {m : Nat} : Nat.le n m → Nat.le n (Nat.succ m)

protected def Nat.lt (n m : Nat) : Prop := Nat.le (Nat.succ n) m

instance instLENat : LE Nat := ⟨Nat.le⟩
instance instLTNat : LT Nat := ⟨Nat.lt⟩

protected theorem Nat.le_refl (n : Nat) : LE.le n n := Nat.le.refl

theorem Nat.le_succ (n : Nat) : LE.le n (Nat.succ n) := Nat.le.step Nat.le.refl

theorem Nat.le_step {n m : Nat} (h : LE.le n m) : LE.le n (Nat.succ m) := Nat.le.step h

theorem Nat.le_succ_of_le {n m : Nat} (h : LE.le n m) : LE.le n (Nat.succ m) := Nat.le.step h

theorem Nat.zero_le (n : Nat) : LE.le 0 n :=
  Nat.rec (motive := fun n => LE.le 0 n) Nat.le.refl (fun _ ih => Nat.le.step ih) n

protected theorem Nat.le_trans {n m k : Nat} : LE.le n m → LE.le m k → LE.le n k :=
  fun h₁ h₂ => Nat.le.rec (motive := fun k _ => Nat.le n k) h₁ (fun {m} _ ih => Nat.le.step ih) h₂

protected theorem Nat.lt_trans {n m k : Nat} (h₁ : LT.lt n m) (h₂ : LT.lt m k) : LT.lt n k :=
  Nat.le_trans (Nat.le_step h₁) h₂

protected theorem Nat.lt_of_lt_of_le {n m k : Nat} : LT.lt n m → LE.le m k → LT.lt n k := Nat.le_trans

protected theorem Nat.lt_of_le_of_lt {n m k : Nat} (h₁ : LE.le n m) (h₂ : LT.lt m k) : LT.lt n k :=
  Nat.le_trans (Nat.le.rec (motive := fun m _ => Nat.le (Nat.succ n) (Nat.succ m)) Nat.le.refl
    (fun {m} _ ih => Nat.le.step ih) h₁) h₂

instance Nat.instTransLt : Trans (@LT.lt Nat instLTNat) (@LT.lt Nat instLTNat) (@LT.lt Nat instLTNat) :=
  ⟨Nat.lt_trans⟩
instance Nat.instTransLe : Trans (@LE.le Nat instLENat) (@LE.le Nat instLENat) (@LE.le Nat instLENat) :=
  ⟨Nat.le_trans⟩
instance Nat.instTransLtLe : Trans (@LT.lt Nat instLTNat) (@LE.le Nat instLENat) (@LT.lt Nat instLTNat) :=
  ⟨Nat.lt_of_lt_of_le⟩
instance Nat.instTransLeLt : Trans (@LE.le Nat instLENat) (@LT.lt Nat instLTNat) (@LT.lt Nat instLTNat) :=
  ⟨Nat.lt_of_le_of_lt⟩

theorem Nat.succ_le_succ {n m : Nat} : LE.le n m → LE.le (Nat.succ n) (Nat.succ m) :=
  fun h => Nat.le.rec (motive := fun m _ => Nat.le (Nat.succ n) (Nat.succ m)) Nat.le.refl
    (fun {m} _ ih => Nat.le.step ih) h

theorem Nat.lt_succ_of_le {n m : Nat} : LE.le n m → LT.lt n (Nat.succ m) := Nat.succ_le_succ

theorem Nat.lt_succ_self (n : Nat) : LT.lt n (Nat.succ n) := Nat.le.refl

protected theorem Nat.lt_add_one (n : Nat) : LT.lt n (n + 1) := Nat.le.refl

theorem Nat.zero_lt_succ (n : Nat) : LT.lt 0 (Nat.succ n) := Nat.succ_le_succ (Nat.zero_le n)

theorem Nat.succ_pos (n : Nat) : LT.lt 0 (Nat.succ n) := Nat.zero_lt_succ n

theorem Nat.pred_le (n : Nat) : LE.le (Nat.pred n) n :=
  Nat.rec (motive := fun n => LE.le (Nat.pred n) n) Nat.le.refl (fun k _ => Nat.le_succ k) n

theorem Nat.pred_le_pred {n m : Nat} : LE.le n m → LE.le (Nat.pred n) (Nat.pred m) :=
  fun h => Nat.le.rec (motive := fun m _ => Nat.le (Nat.pred n) (Nat.pred m)) Nat.le.refl
    (fun {m} h _ => Nat.le_trans (Nat.pred_le n) h) h

theorem Nat.le_of_succ_le_succ {n m : Nat} : LE.le (Nat.succ n) (Nat.succ m) → LE.le n m := Nat.pred_le_pred

theorem Nat.le_of_lt_succ {m n : Nat} : LT.lt m (Nat.succ n) → LE.le m n := Nat.le_of_succ_le_succ

theorem Nat.not_succ_le_zero (n : Nat) : LE.le (Nat.succ n) 0 → False :=
  fun h => Nat.le.rec (motive := fun m _ => Nat.rec (motive := fun _ => Prop) False (fun _ _ => True) m)
    trivial (fun {m} _ _ => trivial) h

theorem Nat.not_lt_zero (n : Nat) : Not (LT.lt n 0) := Nat.not_succ_le_zero n

theorem Nat.not_succ_le_self (n : Nat) : Not (LE.le (Nat.succ n) n) :=
  Nat.rec (motive := fun n => Not (LE.le (Nat.succ n) n)) (Nat.not_succ_le_zero 0)
    (fun _ ih h => ih (Nat.le_of_succ_le_succ h)) n

protected theorem Nat.lt_irrefl (n : Nat) : Not (LT.lt n n) := Nat.not_succ_le_self n

theorem Nat.le_of_ble_eq_true {n m : Nat} (h : Eq (Nat.ble n m) Bool.true) : LE.le n m :=
  Nat.rec (motive := fun n => ∀ m, Eq (Nat.ble n m) Bool.true → LE.le n m)
    (fun m _ => Nat.zero_le m)
    (fun n ih m => Nat.rec (motive := fun m => Eq (Nat.ble (Nat.succ n) m) Bool.true → LE.le (Nat.succ n) m)
      (fun h => absurd h (ne_true_of_eq_false rfl))
      (fun m _ h => Nat.succ_le_succ (ih m h)) m)
    n m h

theorem Nat.ble_self_eq_true (n : Nat) : Eq (Nat.ble n n) Bool.true :=
  Nat.rec (motive := fun n => Eq (Nat.ble n n) Bool.true) rfl (fun _ ih => ih) n

theorem Nat.ble_succ_eq_true {n m : Nat} : Eq (Nat.ble n m) Bool.true → Eq (Nat.ble n (Nat.succ m)) Bool.true :=
  Nat.rec (motive := fun n => ∀ m, Eq (Nat.ble n m) Bool.true → Eq (Nat.ble n (Nat.succ m)) Bool.true)
    (fun _ _ => rfl)
    (fun n ih m => Nat.rec (motive := fun m => Eq (Nat.ble (Nat.succ n) m) Bool.true →
        Eq (Nat.ble (Nat.succ n) (Nat.succ m)) Bool.true)
      (fun h => absurd h (ne_true_of_eq_false rfl))
      (fun m _ h => ih m h) m)
    n m

theorem Nat.ble_eq_true_of_le {n m : Nat} (h : LE.le n m) : Eq (Nat.ble n m) Bool.true :=
  Nat.le.rec (motive := fun m _ => Eq (Nat.ble n m) Bool.true) (Nat.ble_self_eq_true n)
    (fun {m} _ ih => Nat.ble_succ_eq_true ih) h

theorem Nat.not_le_of_not_ble_eq_true {n m : Nat} (h : Not (Eq (Nat.ble n m) Bool.true)) : Not (LE.le n m) :=
  fun h' => absurd (Nat.ble_eq_true_of_le h') h

instance Nat.decLe (n m : Nat) : Decidable (LE.le n m) :=
  dite (Eq (Nat.ble n m) Bool.true) (fun h => Decidable.isTrue (Nat.le_of_ble_eq_true h))
    (fun h => Decidable.isFalse (Nat.not_le_of_not_ble_eq_true h))

instance Nat.decLt (n m : Nat) : Decidable (LT.lt n m) := Nat.decLe (Nat.succ n) m

theorem Nat.eq_of_beq_eq_true {n m : Nat} : Eq (Nat.beq n m) Bool.true → Eq n m :=
  Nat.rec (motive := fun n => ∀ m, Eq (Nat.beq n m) Bool.true → Eq n m)
    (fun m => Nat.rec (motive := fun m => Eq (Nat.beq Nat.zero m) Bool.true → Eq Nat.zero m)
      (fun _ => rfl) (fun _ _ h => absurd h (ne_true_of_eq_false rfl)) m)
    (fun n ih m => Nat.rec (motive := fun m => Eq (Nat.beq (Nat.succ n) m) Bool.true → Eq (Nat.succ n) m)
      (fun h => absurd h (ne_true_of_eq_false rfl))
      (fun m _ h => congrArg Nat.succ (ih m h)) m)
    n m

theorem Nat.beq_refl (n : Nat) : Eq (Nat.beq n n) Bool.true :=
  Nat.rec (motive := fun n => Eq (Nat.beq n n) Bool.true) rfl (fun _ ih => ih) n

theorem Nat.ne_of_beq_eq_false {n m : Nat} : Eq (Nat.beq n m) Bool.false → Not (Eq n m) :=
  fun h₁ h₂ => absurd (Eq.subst (motive := fun x => Eq (Nat.beq n x) Bool.true) h₂ (Nat.beq_refl n))
    (ne_true_of_eq_false h₁)

protected def Nat.decEq (n m : Nat) : Decidable (Eq n m) :=
  Bool.rec (motive := fun b => Eq (Nat.beq n m) b → Decidable (Eq n m))
    (fun h => Decidable.isFalse (Nat.ne_of_beq_eq_false h))
    (fun h => Decidable.isTrue (Nat.eq_of_beq_eq_true h))
    (Nat.beq n m) rfl

instance instDecidableEqNat : DecidableEq Nat := Nat.decEq

instance instBEqNat : BEq Nat := ⟨Nat.beq⟩

instance instMaxNat : Max Nat := @maxOfLe Nat instLENat Nat.decLe
instance instMinNat : Min Nat := @minOfLe Nat instLENat Nat.decLe

protected def Nat.max (n m : Nat) : Nat := ite (LE.le n m) m n
protected def Nat.min (n m : Nat) : Nat := ite (LE.le n m) n m

protected theorem Nat.le_antisymm {n m : Nat} (h₁ : LE.le n m) (h₂ : LE.le m n) : Eq n m :=
  Nat.le.rec (motive := fun m _ => LE.le m n → Eq n m) (fun _ => rfl)
    (fun {m} h _ h' => absurd (Nat.le_trans h' h) (Nat.not_succ_le_self m)) h₁ h₂

protected theorem Nat.eq_or_lt_of_le {n m : Nat} : LE.le n m → Or (Eq n m) (LT.lt n m) :=
  fun h => Nat.le.rec (motive := fun m _ => Or (Eq n m) (LT.lt n m)) (Or.inl rfl)
    (fun {m} h _ => Or.inr (Nat.lt_succ_of_le h)) h

protected theorem Nat.lt_or_ge (n m : Nat) : Or (LT.lt n m) (GE.ge n m) :=
  Nat.rec (motive := fun m => Or (LT.lt n m) (GE.ge n m)) (Or.inr (Nat.zero_le n))
    (fun m ih => Or.elim ih (fun h => Or.inl (Nat.le_step h))
      (fun h => Or.elim (Nat.eq_or_lt_of_le h) (fun e => Or.inl (Eq.subst (motive := fun x => LT.lt n (Nat.succ x)) (Eq.symm e) (Nat.lt_succ_self n)))
        (fun l => Or.inr l)))
    m

/-! ## Nat lemmas (`Init.Core`, `Init.Data.Nat.Basic`) -/

protected theorem Nat.add_zero (n : Nat) : Eq (n + 0) n := rfl
theorem Nat.add_succ (n m : Nat) : Eq (n + Nat.succ m) (Nat.succ (n + m)) := rfl
theorem Nat.add_one (n : Nat) : Eq (n + 1) (Nat.succ n) := rfl
theorem Nat.succ_eq_add_one (n : Nat) : Eq (Nat.succ n) (n + 1) := rfl
protected theorem Nat.mul_zero (n : Nat) : Eq (n * 0) 0 := rfl
theorem Nat.mul_succ (n m : Nat) : Eq (n * Nat.succ m) (n * m + n) := rfl
protected theorem Nat.pow_zero (b : Nat) : Eq (b ^ (0 : Nat)) 1 := rfl
protected theorem Nat.pow_succ {b n : Nat} : Eq (b ^ Nat.succ n) (b ^ n * b) := rfl
protected theorem Nat.sub_zero (n : Nat) : Eq (n - 0) n := rfl
protected theorem Nat.pred_zero : Nat.pred 0 = 0 := rfl
protected theorem Nat.pred_succ (n : Nat) : Eq (Nat.pred (Nat.succ n)) n := rfl

protected theorem Nat.zero_add (n : Nat) : Eq (0 + n) n :=
  Nat.rec (motive := fun n => Eq (0 + n) n) rfl (fun _ ih => congrArg Nat.succ ih) n

theorem Nat.succ_add (n m : Nat) : Eq (Nat.succ n + m) (Nat.succ (n + m)) :=
  Nat.rec (motive := fun m => Eq (Nat.succ n + m) (Nat.succ (n + m))) rfl (fun _ ih => congrArg Nat.succ ih) m

protected theorem Nat.add_comm (n m : Nat) : Eq (n + m) (m + n) :=
  Nat.rec (motive := fun m => Eq (n + m) (m + n)) (Eq.symm (Nat.zero_add n))
    (fun m ih => Eq.trans (congrArg Nat.succ ih) (Eq.symm (Nat.succ_add m n))) m

protected theorem Nat.add_assoc (n m k : Nat) : Eq (n + m + k) (n + (m + k)) :=
  Nat.rec (motive := fun k => Eq (n + m + k) (n + (m + k))) rfl (fun _ ih => congrArg Nat.succ ih) k

protected theorem Nat.add_left_comm (n m k : Nat) : Eq (n + (m + k)) (m + (n + k)) :=
  Eq.trans (Eq.symm (Nat.add_assoc n m k))
    (Eq.trans (congrArg (fun x => x + k) (Nat.add_comm n m)) (Nat.add_assoc m n k))

protected theorem Nat.add_right_comm (n m k : Nat) : Eq (n + m + k) (n + k + m) :=
  Eq.trans (Nat.add_assoc n m k) (Eq.trans (congrArg (fun x => n + x) (Nat.add_comm m k)) (Eq.symm (Nat.add_assoc n k m)))

theorem Nat.one_add (n : Nat) : Eq (1 + n) (Nat.succ n) := Eq.trans (Nat.add_comm 1 n) rfl

theorem Nat.succ_ne_zero (n : Nat) : Not (Eq (Nat.succ n) 0) :=
  fun h => Eq.subst (motive := fun m => Nat.rec (motive := fun _ => Prop) False (fun _ _ => True) m) h trivial

theorem Nat.succ.inj {n m : Nat} (h : Eq (Nat.succ n) (Nat.succ m)) : Eq n m := congrArg Nat.pred h

theorem Nat.succ_inj {a b : Nat} : Iff (Eq (Nat.succ a) (Nat.succ b)) (Eq a b) := Iff.intro Nat.succ.inj (congrArg Nat.succ)

protected theorem Nat.zero_mul (n : Nat) : Eq (0 * n) 0 :=
  Nat.rec (motive := fun n => Eq (0 * n) 0) rfl (fun _ ih => ih) n

theorem Nat.succ_mul (n m : Nat) : Eq (Nat.succ n * m) (n * m + m) :=
  Nat.rec (motive := fun m => Eq (Nat.succ n * m) (n * m + m)) rfl
    (fun m ih => congrArg Nat.succ (Eq.trans (congrArg (fun x => x + n) ih)
      (Eq.trans (Nat.add_assoc (n * m) m n)
        (Eq.trans (congrArg (fun x => n * m + x) (Nat.add_comm m n)) (Eq.symm (Nat.add_assoc (n * m) n m))))))
    m

protected theorem Nat.mul_comm (n m : Nat) : Eq (n * m) (m * n) :=
  Nat.rec (motive := fun m => Eq (n * m) (m * n)) (Eq.symm (Nat.zero_mul n))
    (fun m ih => Eq.trans (congrArg (fun x => x + n) ih) (Eq.symm (Nat.succ_mul m n))) m

protected theorem Nat.mul_one (n : Nat) : Eq (n * 1) n := Nat.zero_add n
protected theorem Nat.one_mul (n : Nat) : Eq (1 * n) n := Eq.trans (Nat.mul_comm 1 n) (Nat.mul_one n)

protected theorem Nat.left_distrib (n m k : Nat) : Eq (n * (m + k)) (n * m + n * k) :=
  Nat.rec (motive := fun k => Eq (n * (m + k)) (n * m + n * k)) rfl
    (fun k ih => Eq.trans (congrArg (fun x => x + n) ih) (Nat.add_assoc (n * m) (n * k) n)) k

protected theorem Nat.mul_add (n m k : Nat) : Eq (n * (m + k)) (n * m + n * k) := Nat.left_distrib n m k

protected theorem Nat.right_distrib (n m k : Nat) : Eq ((n + m) * k) (n * k + m * k) :=
  Eq.trans (Nat.mul_comm (n + m) k)
    (Eq.trans (Nat.left_distrib k n m)
      (Eq.trans (congrArg (fun x => x + k * m) (Nat.mul_comm k n)) (congrArg (fun x => n * k + x) (Nat.mul_comm k m))))

protected theorem Nat.add_mul (n m k : Nat) : Eq ((n + m) * k) (n * k + m * k) := Nat.right_distrib n m k

protected theorem Nat.mul_assoc (n m k : Nat) : Eq (n * m * k) (n * (m * k)) :=
  Nat.rec (motive := fun k => Eq (n * m * k) (n * (m * k))) rfl
    (fun k ih => Eq.trans (congrArg (fun x => x + n * m) ih) (Eq.symm (Nat.left_distrib n (m * k) m))) k

protected theorem Nat.mul_left_comm (n m k : Nat) : Eq (n * (m * k)) (m * (n * k)) :=
  Eq.trans (Eq.symm (Nat.mul_assoc n m k))
    (Eq.trans (congrArg (fun x => x * k) (Nat.mul_comm n m)) (Nat.mul_assoc m n k))

theorem Nat.succ_sub_succ_eq_sub (n m : Nat) : Eq (Nat.succ n - Nat.succ m) (n - m) :=
  Nat.rec (motive := fun m => Eq (Nat.succ n - Nat.succ m) (n - m)) rfl (fun _ ih => congrArg Nat.pred ih) m

theorem Nat.succ_sub_succ (n m : Nat) : Eq (Nat.succ n - Nat.succ m) (n - m) := Nat.succ_sub_succ_eq_sub n m

protected theorem Nat.zero_sub (n : Nat) : Eq (0 - n) 0 :=
  Nat.rec (motive := fun n => Eq (0 - n) 0) rfl (fun _ ih => congrArg Nat.pred ih) n

protected theorem Nat.sub_self (n : Nat) : Eq (n - n) 0 :=
  Nat.rec (motive := fun n => Eq (n - n) 0) rfl (fun n ih => Eq.trans (Nat.succ_sub_succ n n) ih) n

protected theorem Nat.add_sub_cancel {n m : Nat} : Eq (n + m - m) n :=
  Nat.rec (motive := fun m => Eq (n + m - m) n) rfl (fun m ih => Eq.trans (Nat.succ_sub_succ (n + m) m) ih) m

theorem Nat.sub_le (n m : Nat) : LE.le (n - m) n :=
  Nat.rec (motive := fun m => LE.le (n - m) n) (Nat.le_refl n)
    (fun m ih => Nat.le_trans (Nat.pred_le (n - m)) ih) m

theorem Nat.sub_lt {n m : Nat} : LT.lt 0 n → LT.lt 0 m → LT.lt (n - m) n :=
  Nat.rec (motive := fun n => LT.lt 0 n → LT.lt 0 m → LT.lt (n - m) n)
    (fun h => absurd h (Nat.lt_irrefl 0))
    (fun n _ _ => Nat.rec (motive := fun m => LT.lt 0 m → LT.lt (Nat.succ n - m) (Nat.succ n))
      (fun h => absurd h (Nat.lt_irrefl 0))
      (fun m _ _ => Eq.subst (motive := fun x => LT.lt x (Nat.succ n)) (Eq.symm (Nat.succ_sub_succ n m))
        (Nat.lt_succ_of_le (Nat.sub_le n m)))
      m)
    n

protected theorem Nat.lt_of_not_le {a b : Nat} (h : Not (LE.le a b)) : LT.lt b a :=
  Or.elim (Nat.lt_or_ge b a) id (fun hba => absurd hba h)

theorem Nat.gt_of_not_le {n m : Nat} (h : Not (LE.le n m)) : GT.gt n m := Nat.lt_of_not_le h

protected theorem Nat.le_of_not_lt {a b : Nat} (h : Not (LT.lt a b)) : LE.le b a :=
  Or.elim (Nat.lt_or_ge a b) (fun hab => absurd hab h) id

protected theorem Nat.not_le_of_gt {n m : Nat} (h : GT.gt n m) : Not (LE.le n m) :=
  fun hnm => Nat.lt_irrefl n (Nat.lt_of_le_of_lt hnm h)

protected theorem Nat.not_lt_of_le {a b : Nat} (h : LE.le a b) : Not (LT.lt b a) := fun hba => Nat.not_le_of_gt hba h

protected theorem Nat.lt_of_le_of_ne {n m : Nat} (h₁ : LE.le n m) (h₂ : Not (Eq n m)) : LT.lt n m :=
  Or.elim (Nat.eq_or_lt_of_le h₁) (fun e => absurd e h₂) id

protected theorem Nat.le_of_eq {n m : Nat} (p : Eq n m) : LE.le n m := Eq.subst (motive := fun x => LE.le n x) p (Nat.le_refl n)

protected theorem Nat.le_of_lt {n m : Nat} (h : LT.lt n m) : LE.le n m := Nat.le_trans (Nat.le_succ n) h

theorem Nat.lt_of_succ_lt {n m : Nat} (h : LT.lt (Nat.succ n) m) : LT.lt n m := Nat.le_of_lt h

theorem Nat.lt_of_succ_lt_succ {n m : Nat} : LT.lt (Nat.succ n) (Nat.succ m) → LT.lt n m := Nat.le_of_succ_le_succ

theorem Nat.succ_lt_succ {n m : Nat} : LT.lt n m → LT.lt (Nat.succ n) (Nat.succ m) := Nat.succ_le_succ

protected theorem Nat.lt_succ_iff {m n : Nat} : Iff (LT.lt m (Nat.succ n)) (LE.le m n) := Iff.intro Nat.le_of_lt_succ Nat.lt_succ_of_le

protected theorem Nat.pos_of_ne_zero {n : Nat} : Not (Eq n 0) → LT.lt 0 n :=
  Nat.rec (motive := fun n => Not (Eq n 0) → LT.lt 0 n) (fun h => absurd rfl h) (fun n _ _ => Nat.zero_lt_succ n) n

theorem Nat.le_add_right (n k : Nat) : LE.le n (n + k) :=
  Nat.rec (motive := fun k => LE.le n (n + k)) (Nat.le_refl n) (fun _ ih => Nat.le_succ_of_le ih) k

theorem Nat.le_add_left (n m : Nat) : LE.le n (m + n) :=
  Eq.subst (motive := fun x => LE.le n x) (Nat.add_comm n m) (Nat.le_add_right n m)

protected theorem Nat.add_le_add_left {n m : Nat} (h : LE.le n m) (k : Nat) : LE.le (k + n) (k + m) :=
  Nat.le.rec (motive := fun m _ => LE.le (k + n) (k + m)) (Nat.le_refl (k + n))
    (fun {m} _ ih => Nat.le_succ_of_le ih) h

protected theorem Nat.add_le_add_right {n m : Nat} (h : LE.le n m) (k : Nat) : LE.le (n + k) (m + k) :=
  Eq.subst (motive := fun x => LE.le x (m + k)) (Nat.add_comm k n)
    (Eq.subst (motive := fun x => LE.le (k + n) x) (Nat.add_comm k m) (Nat.add_le_add_left h k))


/-! # Option, sums, sigma types -/

inductive Option (α : Type u) where
  | none : Option α
  | some (val : α) : Option α

export Option (none some)

instance instInhabitedOption {α : Type u_1} : Inhabited (Option α) := ⟨Option.none⟩

protected def Option.getD {α : Type u_1} (opt : Option α) (dflt : α) : α :=
  Option.rec (motive := fun _ => α) dflt (fun a => a) opt

protected def Option.map {α : Type u_1} {β : Type u_2} (f : α → β) : Option α → Option β :=
  fun o => Option.rec (motive := fun _ => Option β) Option.none (fun a => Option.some (f a)) o

protected def Option.bind {α : Type u_1} {β : Type u_2} : Option α → (α → Option β) → Option β :=
  fun o f => Option.rec (motive := fun _ => Option β) Option.none f o

def Option.isSome {α : Type u_1} : Option α → Bool :=
  fun o => Option.rec (motive := fun _ => Bool) Bool.false (fun _ => Bool.true) o

def Option.isNone {α : Type u_1} : Option α → Bool :=
  fun o => Option.rec (motive := fun _ => Bool) Bool.true (fun _ => Bool.false) o

instance instInhabitedProd {α : Type u} {β : Type v} [Inhabited α] [Inhabited β] : Inhabited (Prod α β) :=
  ⟨Prod.mk Inhabited.default Inhabited.default⟩

def Prod.map {α₁ : Type u₁} {α₂ : Type u₂} {β₁ : Type v₁} {β₂ : Type v₂} (f : α₁ → α₂) (g : β₁ → β₂) :
    Prod α₁ β₁ → Prod α₂ β₂ :=
  fun x => Prod.mk (f x.fst) (g x.snd)

inductive Sum (α : Type u) (β : Type v) where
  | inl (val : α) : Sum α β
  | inr (val : β) : Sum α β

inductive PSum (α : Sort u) (β : Sort v) where
  | inl (val : α) : PSum α β
  | inr (val : β) : PSum α β

structure Sigma {α : Type u} (β : α → Type v) where
  mk ::
  fst : α
  snd : β fst

structure PSigma {α : Sort u} (β : α → Sort v) where
  mk ::
  fst : α
  snd : β fst

/-! # List -/

inductive List (α : Type u) where
  | nil : List α
  | cons (head : α) (tail : List α) : List α

instance instInhabitedList {α : Type u_1} : Inhabited (List α) := ⟨List.nil⟩

class Membership (α : outParam (Type u)) (γ : Type v) where
  mem : γ → α → Prop

def List.length {α : Type u_1} : List α → Nat :=
  fun l => List.rec (motive := fun _ => Nat) 0 (fun _ _ ih => Nat.succ ih) l

protected def List.append {α : Type u_1} (xs ys : List α) : List α :=
  List.rec (motive := fun _ => List α) ys (fun a _ ih => List.cons a ih) xs

instance List.instAppend {α : Type u} : Append (List α) := ⟨List.append⟩

def List.map {α : Type u_1} {β : Type u_2} (f : α → β) (l : List α) : List β :=
  List.rec (motive := fun _ => List β) List.nil (fun a _ ih => List.cons (f a) ih) l

def List.filter {α : Type u} (p : α → Bool) (l : List α) : List α :=
  List.rec (motive := fun _ => List α) List.nil
    (fun a _ ih => Bool.rec (motive := fun _ => List α) ih (List.cons a ih) (p a)) l

def List.foldl {α : Type u} {β : Type v} (f : α → β → α) (init : α) : List β → α :=
  fun l => List.rec (motive := fun _ => α → α) (fun acc => acc) (fun b _ ih acc => ih (f acc b)) l init

def List.foldr {α : Type u} {β : Type v} (f : α → β → β) (init : β) (l : List α) : β :=
  List.rec (motive := fun _ => β) init (fun a _ ih => f a ih) l

def List.reverseAux {α : Type u} : List α → List α → List α :=
  fun l => List.rec (motive := fun _ => List α → List α) (fun r => r) (fun a _ ih r => ih (List.cons a r)) l

def List.reverse {α : Type u} (as : List α) : List α := List.reverseAux as List.nil

def List.concat {α : Type u} : List α → α → List α := fun l a => List.append l (List.cons a List.nil)

def List.flatten {α : Type u_1} : List (List α) → List α :=
  fun l => List.rec (motive := fun _ => List α) List.nil (fun a _ ih => List.append a ih) l

def List.flatMap {α : Type u} {β : Type v} (b : α → List β) (as : List α) : List β := List.flatten (List.map b as)

def List.head? {α : Type u} : List α → Option α :=
  fun l => List.rec (motive := fun _ => Option α) Option.none (fun a _ _ => Option.some a) l

def List.headD {α : Type u} (as : List α) (fallback : α) : α :=
  List.rec (motive := fun _ => α) fallback (fun a _ _ => a) as

def List.tail {α : Type u} : List α → List α :=
  fun l => List.rec (motive := fun _ => List α) List.nil (fun _ as _ => as) l

def List.isEmpty {α : Type u} : List α → Bool :=
  fun l => List.rec (motive := fun _ => Bool) Bool.true (fun _ _ _ => Bool.false) l

def List.replicate {α : Type u} : (n : Nat) → (a : α) → List α :=
  fun n a => Nat.rec (motive := fun _ => List α) List.nil (fun _ ih => List.cons a ih) n

def List.elem {α : Type u} [BEq α] (a : α) (l : List α) : Bool :=
  List.rec (motive := fun _ => Bool) Bool.false (fun b _ ih => Bool.or (BEq.beq a b) ih) l

def List.all {α : Type u} : List α → (α → Bool) → Bool :=
  fun l p => List.rec (motive := fun _ => Bool) Bool.true (fun a _ ih => Bool.and (p a) ih) l

def List.any {α : Type u} : List α → (α → Bool) → Bool :=
  fun l p => List.rec (motive := fun _ => Bool) Bool.false (fun a _ ih => Bool.or (p a) ih) l

def List.getD {α : Type u_1} (as : List α) (i : Nat) (fallback : α) : α :=
  List.rec (motive := fun _ => Nat → α) (fun _ => fallback)
    (fun a _ ih i => Nat.rec (motive := fun _ => α) a (fun k _ => ih k) i) as i

inductive List.Mem {α : Type u} (a : α) : List α → Prop where
  | head (as : List α) : List.Mem a (List.cons a as)
  | tail (b : α) {as : List α} : List.Mem a as → List.Mem a (List.cons b as)

instance List.instMembership {α : Type u} : Membership α (List α) := ⟨fun l a => List.Mem a l⟩

theorem List.nil_append {α : Type u} (as : List α) : Eq (HAppend.hAppend (@List.nil α) as) as := rfl

theorem List.cons_append {α : Type u} (a : α) (as bs : List α) :
    Eq (HAppend.hAppend (List.cons a as) bs) (List.cons a (HAppend.hAppend as bs)) := rfl

theorem List.append_nil {α : Type u} (as : List α) : Eq (HAppend.hAppend as (@List.nil α)) as :=
  List.rec (motive := fun as => Eq (HAppend.hAppend as (@List.nil α)) as) rfl
    (fun a _ ih => congrArg (List.cons a) ih) as

theorem List.append_assoc {α : Type u} (as bs cs : List α) :
    Eq (HAppend.hAppend (HAppend.hAppend as bs) cs) (HAppend.hAppend as (HAppend.hAppend bs cs)) :=
  List.rec (motive := fun as => Eq (HAppend.hAppend (HAppend.hAppend as bs) cs) (HAppend.hAppend as (HAppend.hAppend bs cs)))
    rfl (fun a _ ih => congrArg (List.cons a) ih) as

theorem List.length_nil {α : Type u} : Eq (List.length (@List.nil α)) 0 := rfl

theorem List.length_cons {α : Type u} {a : α} {as : List α} :
    Eq (List.length (List.cons a as)) (List.length as + 1) := rfl

theorem List.length_append {α : Type u} {as bs : List α} :
    Eq (List.length (HAppend.hAppend as bs)) (List.length as + List.length bs) :=
  List.rec (motive := fun as => Eq (List.length (HAppend.hAppend as bs)) (List.length as + List.length bs))
    (Eq.symm (Nat.zero_add (List.length bs)))
    (fun a as ih => Eq.trans (congrArg Nat.succ ih) (Eq.symm (Nat.succ_add (List.length as) (List.length bs)))) as

theorem List.length_map {α : Type u_1} {β : Type u_2} {as : List α} (f : α → β) :
    Eq (List.length (List.map f as)) (List.length as) :=
  List.rec (motive := fun as => Eq (List.length (List.map f as)) (List.length as)) rfl
    (fun _ _ ih => congrArg Nat.succ ih) as

theorem List.map_append {α : Type u_1} {β : Type u_2} {f : α → β} {l₁ l₂ : List α} :
    Eq (List.map f (HAppend.hAppend l₁ l₂)) (HAppend.hAppend (List.map f l₁) (List.map f l₂)) :=
  List.rec (motive := fun l₁ => Eq (List.map f (HAppend.hAppend l₁ l₂)) (HAppend.hAppend (List.map f l₁) (List.map f l₂)))
    rfl (fun a _ ih => congrArg (List.cons (f a)) ih) l₁

theorem List.reverse_nil {α : Type u} : Eq (List.reverse (@List.nil α)) List.nil := rfl

def List.hasDecEq {α : Type u} [inst : DecidableEq α] (a b : List α) : Decidable (Eq a b) :=
  List.rec (motive := fun a => (b : List α) → Decidable (Eq a b))
    (fun b => List.rec (motive := fun b => Decidable (Eq List.nil b)) (Decidable.isTrue rfl)
      (fun _ _ _ => Decidable.isFalse (fun h => Eq.subst (motive := fun l => List.rec (motive := fun _ => Prop) True (fun _ _ _ => False) l) h trivial)) b)
    (fun a as ih b => List.rec (motive := fun b => Decidable (Eq (List.cons a as) b))
      (Decidable.isFalse (fun h => Eq.subst (motive := fun l => List.rec (motive := fun _ => Prop) True (fun _ _ _ => False) l) (Eq.symm h) trivial))
      (fun c cs _ => @Decidable.byCases (Eq a c) _ (inst a c)
        (fun hac => Decidable.rec (motive := fun _ => Decidable (Eq (List.cons a as) (List.cons c cs)))
          (fun hn => Decidable.isFalse (fun h => hn (congrArg List.tail h)))
          (fun he => Decidable.isTrue (Eq.subst (motive := fun x => Eq (List.cons a as) (List.cons x cs)) hac
            (congrArg (List.cons a) he)))
          (ih cs))
        (fun hn => Decidable.isFalse (fun h => hn (congrArg (fun l => List.headD l a) h))))
      b)
    a b

instance instDecidableEqList {α : Type u} [DecidableEq α] : DecidableEq (List α) := List.hasDecEq

/-! # Fin, machine words, Char, String -/

structure Fin (n : Nat) where
  mk ::
  val : Nat
  isLt : LT.lt val n

theorem Fin.eq_of_val_eq {n : Nat} {i j : Fin n} : Eq i.val j.val → Eq i j :=
  Fin.rec (motive := fun i => Eq i.val j.val → Eq i j)
    (fun v hv => Fin.rec (motive := fun j => Eq v j.val → Eq (Fin.mk v hv) j)
      (fun w _ e => Eq.subst (motive := fun x => (hx : LT.lt x n) → Eq (Fin.mk v hv) (Fin.mk x hx)) e (fun _ => rfl) _) j)
    i

theorem Fin.val_eq_of_eq {n : Nat} {i j : Fin n} (h : Eq i j) : Eq i.val j.val := congrArg Fin.val h

instance instDecidableEqFin (n : Nat) : DecidableEq (Fin n) := fun i j =>
  decidable_of_decidable_of_iff (p := Eq i.val j.val) (Iff.intro Fin.eq_of_val_eq Fin.val_eq_of_eq)

instance instLTFin {n : Nat} : LT (Fin n) := ⟨fun a b => LT.lt a.val b.val⟩
instance instLEFin {n : Nat} : LE (Fin n) := ⟨fun a b => LE.le a.val b.val⟩

def Fin.decLt {n : Nat} (a b : Fin n) : Decidable (LT.lt a b) := Nat.decLt a.val b.val
def Fin.decLe {n : Nat} (a b : Fin n) : Decidable (LE.le a b) := Nat.decLe a.val b.val

structure BitVec (w : Nat) where
  ofFin ::
  toFin : Fin (2 ^ w)

def BitVec.toNat {w : Nat} (x : BitVec w) : Nat := x.toFin.val

structure UInt32 where
  ofBitVec ::
  toBitVec : BitVec 32

def UInt32.size : Nat := 4294967296

def UInt32.toNat (n : UInt32) : Nat := n.toBitVec.toNat

@[reducible] def Nat.isValidChar (n : Nat) : Prop := Or (LT.lt n 55296) (And (LT.lt 57343 n) (LT.lt n 1114112))

def UInt32.isValidChar (n : UInt32) : Prop := Nat.isValidChar n.toNat

structure Char where
  val : UInt32
  valid : UInt32.isValidChar val

def BitVec.ofNatLT {w : Nat} (i : Nat) (p : LT.lt i (2 ^ w)) : BitVec w := BitVec.ofFin (Fin.mk i p)

def BitVec.decEq {w : Nat} (x y : BitVec w) : Decidable (Eq x y) :=
  BitVec.rec (motive := fun x => Decidable (Eq x y))
    (fun a => BitVec.rec (motive := fun y => Decidable (Eq (BitVec.ofFin a) y))
      (fun b => decidable_of_decidable_of_iff (p := Eq a b)
        (Iff.intro (congrArg BitVec.ofFin) (congrArg BitVec.toFin))) y) x

instance instDecidableEqBitVec {w : Nat} : DecidableEq (BitVec w) := BitVec.decEq

instance instLTBitVec {w : Nat} : LT (BitVec w) := ⟨fun x y => LT.lt x.toNat y.toNat⟩
instance instLEBitVec {w : Nat} : LE (BitVec w) := ⟨fun x y => LE.le x.toNat y.toNat⟩

instance instDecidableEqUInt32 : DecidableEq UInt32 := fun a b =>
  UInt32.rec (motive := fun a => Decidable (Eq a b))
    (fun x => UInt32.rec (motive := fun b => Decidable (Eq (UInt32.ofBitVec x) b))
      (fun y => decidable_of_decidable_of_iff (p := Eq x y)
        (Iff.intro (congrArg UInt32.ofBitVec) (congrArg UInt32.toBitVec))) b) a

instance instLTUInt32 : LT UInt32 := ⟨fun a b => LT.lt a.toBitVec b.toBitVec⟩
instance instLEUInt32 : LE UInt32 := ⟨fun a b => LE.le a.toBitVec b.toBitVec⟩

def Char.ofNatAux (n : Nat) (h : Nat.isValidChar n) : Char :=
  have hlt : LT.lt n (2 ^ 32) :=
    Or.elim h (fun h₁ => Nat.lt_trans h₁ (Nat.le_of_ble_eq_true rfl))
      (fun h₂ => Nat.lt_trans h₂.right (Nat.le_of_ble_eq_true rfl))
  Char.mk (UInt32.ofBitVec (BitVec.ofNatLT n hlt)) h

def Char.ofNat (n : Nat) : Char :=
  dite (Nat.isValidChar n) (fun h => Char.ofNatAux n h)
    (fun _ => Char.ofNatAux 0 (Or.inl (Nat.le_of_ble_eq_true rfl)))

theorem Char.val_eq_of_eq {c d : Char} : Eq c d → Eq c.val d.val := congrArg Char.val

theorem Char.ext {c d : Char} : Eq c.val d.val → Eq c d :=
  Char.rec (motive := fun c => Eq c.val d.val → Eq c d)
    (fun v hv => Char.rec (motive := fun d => Eq v d.val → Eq (Char.mk v hv) d)
      (fun w _ e => Eq.subst (motive := fun x => (hx : UInt32.isValidChar x) → Eq (Char.mk v hv) (Char.mk x hx))
        e (fun _ => rfl) _) d)
    c

theorem Char.ne_of_val_ne {c d : Char} (h : Not (Eq c.val d.val)) : Not (Eq c d) := fun h' => absurd (Char.val_eq_of_eq h') h
theorem Char.val_ne_of_ne {c d : Char} (h : Not (Eq c d)) : Not (Eq c.val d.val) := fun h' => absurd (Char.ext h') h

instance instDecidableEqChar : DecidableEq Char := fun c d =>
  decidable_of_decidable_of_iff (p := Eq c.val d.val) (Iff.intro Char.ext Char.val_eq_of_eq)

def Char.toNat (c : Char) : Nat := c.val.toNat

instance instInhabitedChar : Inhabited Char := ⟨Char.ofNat 65⟩

instance instLTChar : LT Char := ⟨fun a b => LT.lt a.val b.val⟩
instance instLEChar : LE Char := ⟨fun a b => LE.le a.val b.val⟩

-- Lean 4.29 stores a string as UTF-8 bytes; here a string is its list of characters, with Lean's
-- conversions `String.ofList` / `String.toList` as constructor and projection.
structure String where
  ofList ::
  toList : List Char

def String.length (s : String) : Nat := List.length s.toList

def String.append (s t : String) : String := String.ofList (HAppend.hAppend s.toList t.toList)

instance String.instAppend : Append String := ⟨String.append⟩

def String.push (s : String) (c : Char) : String := String.ofList (List.concat s.toList c)

def String.singleton (c : Char) : String := String.ofList (List.cons c List.nil)

def String.isEmpty (s : String) : Bool := List.isEmpty s.toList

def String.join (l : List String) : String :=
  List.foldl (fun r s => String.append r s) (String.ofList List.nil) l

instance String.instInhabited : Inhabited String := ⟨String.ofList List.nil⟩

def String.decEq (s₁ s₂ : String) : Decidable (Eq s₁ s₂) :=
  String.rec (motive := fun s₁ => Decidable (Eq s₁ s₂))
    (fun a => String.rec (motive := fun s₂ => Decidable (Eq (String.ofList a) s₂))
      (fun b => decidable_of_decidable_of_iff (p := Eq a b)
        (Iff.intro (congrArg String.ofList) (congrArg String.toList))) s₂) s₁

instance instDecidableEqString : DecidableEq String := String.decEq

/-! # Int -/

inductive Int : Type where
  | ofNat : Nat → Int
  | negSucc : Nat → Int

instance instOfNat {n : Nat} : OfNat Int n := ⟨Int.ofNat n⟩

instance Int.instInhabited : Inhabited Int := ⟨Int.ofNat 0⟩

def Int.negOfNat : Nat → Int :=
  fun n => Nat.rec (motive := fun _ => Int) (Int.ofNat 0) (fun m _ => Int.negSucc m) n

protected def Int.neg (n : Int) : Int :=
  Int.rec (motive := fun _ => Int) (fun n => Int.negOfNat n) (fun n => Int.ofNat (Nat.succ n)) n

@[default_instance mid] instance Int.instNegInt : Neg Int := ⟨Int.neg⟩

def Int.subNatNat (m n : Nat) : Int :=
  Nat.rec (motive := fun _ => Int) (Int.ofNat (m - n)) (fun k _ => Int.negSucc k) (n - m)

protected def Int.add (m n : Int) : Int :=
  Int.rec (motive := fun _ => Int)
    (fun m => Int.rec (motive := fun _ => Int) (fun n => Int.ofNat (m + n))
      (fun n => Int.subNatNat m (Nat.succ n)) n)
    (fun m => Int.rec (motive := fun _ => Int) (fun n => Int.subNatNat n (Nat.succ m))
      (fun n => Int.negSucc (Nat.succ (m + n))) n)
    m

protected def Int.mul (m n : Int) : Int :=
  Int.rec (motive := fun _ => Int)
    (fun m => Int.rec (motive := fun _ => Int) (fun n => Int.ofNat (m * n))
      (fun n => Int.negOfNat (m * Nat.succ n)) n)
    (fun m => Int.rec (motive := fun _ => Int) (fun n => Int.negOfNat (Nat.succ m * n))
      (fun n => Int.ofNat (Nat.succ m * Nat.succ n)) n)
    m

instance Int.instAdd : Add Int := ⟨Int.add⟩
instance Int.instMul : Mul Int := ⟨Int.mul⟩

protected def Int.sub (m n : Int) : Int := Int.add m (Int.neg n)

instance Int.instSub : Sub Int := ⟨Int.sub⟩

protected def Int.pow (m : Int) : Nat → Int := fun n =>
  Nat.rec (motive := fun _ => Int) (Int.ofNat 1) (fun _ ih => Int.mul ih m) n

instance Int.instNatPow : NatPow Int := ⟨Int.pow⟩

def Int.natAbs (m : Int) : Nat :=
  Int.rec (motive := fun _ => Nat) (fun m => m) (fun m => Nat.succ m) m

def Int.toNat : Int → Nat := fun m => Int.rec (motive := fun _ => Nat) (fun m => m) (fun _ => 0) m

def Int.ediv : Int → Int → Int := fun m n =>
  Int.rec (motive := fun _ => Int)
    (fun m => Int.rec (motive := fun _ => Int) (fun n => Int.ofNat (m / n))
      (fun n => Int.neg (Int.ofNat (m / Nat.succ n))) n)
    (fun m => Int.rec (motive := fun _ => Int)
      (fun n => Nat.rec (motive := fun _ => Int) (Int.ofNat 0) (fun k _ => Int.negSucc (m / Nat.succ k)) n)
      (fun n => Int.ofNat (Nat.succ (m / Nat.succ n))) n)
    m

def Int.emod : Int → Int → Int := fun m n =>
  Int.rec (motive := fun _ => Int) (fun m => Int.ofNat (m % Int.natAbs n))
    (fun m => Int.subNatNat (Int.natAbs n) (Nat.succ (m % Int.natAbs n))) m

instance Int.instDivInt : Div Int := ⟨Int.ediv⟩
instance Int.instModInt : Mod Int := ⟨Int.emod⟩

protected def Int.decEq (a b : Int) : Decidable (Eq a b) :=
  Int.rec (motive := fun a => Decidable (Eq a b))
    (fun m => Int.rec (motive := fun b => Decidable (Eq (Int.ofNat m) b))
      (fun n => decidable_of_decidable_of_iff (p := Eq m n)
        (Iff.intro (congrArg Int.ofNat) (congrArg (fun i => Int.rec (motive := fun _ => Nat) (fun k => k) (fun _ => 0) i))))
      (fun _ => Decidable.isFalse (fun h => Eq.subst
        (motive := fun i => Int.rec (motive := fun _ => Prop) (fun _ => True) (fun _ => False) i) h trivial)) b)
    (fun m => Int.rec (motive := fun b => Decidable (Eq (Int.negSucc m) b))
      (fun _ => Decidable.isFalse (fun h => Eq.subst
        (motive := fun i => Int.rec (motive := fun _ => Prop) (fun _ => False) (fun _ => True) i) h trivial))
      (fun n => decidable_of_decidable_of_iff (p := Eq m n)
        (Iff.intro (congrArg Int.negSucc) (congrArg (fun i => Int.rec (motive := fun _ => Nat) (fun _ => 0) (fun k => k) i))))
      b)
    a

instance Int.instDecidableEq : DecidableEq Int := Int.decEq

inductive Int.NonNeg : Int → Prop where
  | mk (n : Nat) : Int.NonNeg (Int.ofNat n)

protected def Int.le (a b : Int) : Prop := Int.NonNeg (Int.sub b a)
protected def Int.lt (a b : Int) : Prop := Int.le (Int.add a 1) b

instance Int.instLEInt : LE Int := ⟨Int.le⟩
instance Int.instLTInt : LT Int := ⟨Int.lt⟩

def Int.decNonneg (m : Int) : Decidable (Int.NonNeg m) :=
  Int.rec (motive := fun m => Decidable (Int.NonNeg m)) (fun n => Decidable.isTrue (Int.NonNeg.mk n))
    (fun _ => Decidable.isFalse (fun h => Int.NonNeg.rec
      (motive := fun i _ => Int.rec (motive := fun _ => Prop) (fun _ => True) (fun _ => False) i) (fun _ => trivial) h))
    m

instance Int.decLe (a b : Int) : Decidable (LE.le a b) := Int.decNonneg (Int.sub b a)
instance Int.decLt (a b : Int) : Decidable (LT.lt a b) := Int.decNonneg (Int.sub b (Int.add a 1))

/-! # Array (a list underneath, as Lean's model of arrays) -/

structure Array (α : Type u) where
  mk ::
  toList : List α

def List.toArray {α : Type u_1} (xs : List α) : Array α := Array.mk xs

def Array.size {α : Type u} (a : Array α) : Nat := List.length a.toList

def Array.empty {α : Type u} : Array α := Array.mk List.nil

def Array.emptyWithCapacity {α : Type u} (c : Nat) : Array α := Array.mk List.nil

def Array.push {α : Type u} (a : Array α) (v : α) : Array α := Array.mk (List.concat a.toList v)

instance Array.instInhabited {α : Type u} : Inhabited (Array α) := ⟨Array.empty⟩

def Array.map {α : Type u} {β : Type v} (f : α → β) (as : Array α) : Array β := Array.mk (List.map f as.toList)

def Array.getInternal {α : Type u} (a : Array α) (i : Nat) (h : LT.lt i a.size) : α :=
  List.rec (motive := fun l => (i : Nat) → LT.lt i (List.length l) → α)
    (fun i h => absurd h (Nat.not_lt_zero i))
    (fun x _ ih i => Nat.rec (motive := fun k => LT.lt k (Nat.succ _) → α) (fun _ => x)
      (fun k _ h => ih k (Nat.lt_of_succ_lt_succ h)) i)
    a.toList i h

/-! # Well-founded relations (`Init.WF`) -/

inductive Acc {α : Sort u} (r : α → α → Prop) : α → Prop where
  | intro (x : α) (h : (y : α) → r y x → Acc r y) : Acc r x

inductive WellFounded {α : Sort u} (r : α → α → Prop) : Prop where
  | intro (h : ∀ a, Acc r a) : WellFounded r

class WellFoundedRelation (α : Sort u) where
  rel : α → α → Prop
  wf : WellFounded rel

theorem WellFounded.apply {α : Sort u} {r : α → α → Prop} (wf : WellFounded r) (a : α) : Acc r a :=
  WellFounded.rec (motive := fun _ => Acc r a) (fun p => p a) wf

noncomputable def WellFounded.fixF {α : Sort u} {r : α → α → Prop} {C : α → Sort v}
    (F : ∀ x, (∀ y, r y x → C y) → C x) (x : α) (a : Acc r x) : C x :=
  Acc.rec (motive := fun x _ => C x) (fun x₁ _ ih => F x₁ ih) a

noncomputable def WellFounded.fix {α : Sort u} {C : α → Sort v} {r : α → α → Prop} (hwf : WellFounded r)
    (F : ∀ x, (∀ y, r y x → C y) → C x) (x : α) : C x :=
  WellFounded.fixF F x (WellFounded.apply hwf x)

def Nat.lt_wfRel : WellFoundedRelation Nat :=
  WellFoundedRelation.mk Nat.lt (WellFounded.intro (fun n =>
    have below : ∀ n m, Nat.lt m n → Acc Nat.lt m :=
      fun n => Nat.rec (motive := fun n => ∀ m, Nat.lt m n → Acc Nat.lt m)
        (fun m h => absurd h (Nat.not_lt_zero m))
        (fun n ih m h => Or.elim (Nat.eq_or_lt_of_le (Nat.le_of_lt_succ h))
          (fun e => Eq.subst (motive := fun x => Acc Nat.lt x) (Eq.symm e) (Acc.intro n ih))
          (fun l => ih m l))
        n
    Acc.intro n (below n)))

/-! # More Int division conventions (`Init.Data.Int.Basic`) -/

def Int.tdiv : Int → Int → Int := fun m n =>
  Int.rec (motive := fun _ => Int)
    (fun m => Int.rec (motive := fun _ => Int) (fun n => Int.ofNat (m / n)) (fun n => Int.neg (Int.ofNat (m / Nat.succ n))) n)
    (fun m => Int.rec (motive := fun _ => Int) (fun n => Int.neg (Int.ofNat (Nat.succ m / n)))
      (fun n => Int.ofNat (Nat.succ m / Nat.succ n)) n)
    m

def Int.tmod : Int → Int → Int := fun m n =>
  Int.rec (motive := fun _ => Int)
    (fun m => Int.rec (motive := fun _ => Int) (fun n => Int.ofNat (m % n)) (fun n => Int.ofNat (m % Nat.succ n)) n)
    (fun m => Int.rec (motive := fun _ => Int) (fun n => Int.neg (Int.ofNat (Nat.succ m % n)))
      (fun n => Int.neg (Int.ofNat (Nat.succ m % Nat.succ n))) n)
    m

def Int.fdiv : Int → Int → Int := fun m n =>
  Int.rec (motive := fun _ => Int)
    (fun m => Nat.rec (motive := fun _ => Int) (Int.ofNat 0)
      (fun m' _ => Int.rec (motive := fun _ => Int) (fun n => Int.ofNat (Nat.succ m' / n))
        (fun n => Int.negSucc (m' / Nat.succ n)) n) m)
    (fun m => Int.rec (motive := fun _ => Int)
      (fun n => Nat.rec (motive := fun _ => Int) (Int.ofNat 0) (fun n' _ => Int.negSucc (m / Nat.succ n')) n)
      (fun n => Int.ofNat (Nat.succ m / Nat.succ n)) n)
    m

def Int.fmod : Int → Int → Int := fun m n =>
  Int.rec (motive := fun _ => Int)
    (fun m => Nat.rec (motive := fun _ => Int) (Int.ofNat 0)
      (fun m' _ => Int.rec (motive := fun _ => Int) (fun n => Int.ofNat (Nat.succ m' % n))
        (fun n => Int.subNatNat (m' % Nat.succ n) n) n) m)
    (fun m => Int.rec (motive := fun _ => Int) (fun n => Int.subNatNat n (Nat.succ (m % n)))
      (fun n => Int.neg (Int.ofNat (Nat.succ m % Nat.succ n))) n)
    m

/-! # ToString (`Init.Data.ToString.Basic`, `Init.Data.Repr`) -/

class ToString (α : Type u) where
  toString : α → String

def Nat.digitChar (n : Nat) : Char :=
  ite (LT.lt n 10) (Char.ofNat (n + 48)) (ite (LT.lt n 16) (Char.ofNat (n + 87)) (Char.ofNat 42))

def Nat.toDigitsCore (base : Nat) : Nat → Nat → List Char → List Char := fun fuel =>
  Nat.rec (motive := fun _ => Nat → List Char → List Char) (fun _ ds => ds)
    (fun _ ih n ds =>
      ite (Eq (n / base) 0) (List.cons (Nat.digitChar (n % base)) ds)
        (ih (n / base) (List.cons (Nat.digitChar (n % base)) ds)))
    fuel

def Nat.toDigits (base : Nat) (n : Nat) : List Char := Nat.toDigitsCore base (n + 1) n List.nil

protected def Nat.repr (n : Nat) : String := String.ofList (Nat.toDigits 10 n)

protected def Int.repr (m : Int) : String :=
  Int.rec (motive := fun _ => String) (fun m => Nat.repr m)
    (fun m => String.append "-" (Nat.repr (Nat.succ m))) m

export ToString (toString)

instance instToStringString : ToString String := ⟨fun s => s⟩
instance instToStringNat : ToString Nat := ⟨Nat.repr⟩
instance instToStringInt : ToString Int := ⟨Int.repr⟩
instance instToStringBool : ToString Bool := ⟨fun b => cond b "true" "false"⟩
instance instToStringChar : ToString Char := ⟨String.singleton⟩
instance instToStringUnit : ToString Unit := ⟨fun _ => "()"⟩
instance instToStringProd {α : Type u} {β : Type v} [ToString α] [ToString β] : ToString (Prod α β) :=
  ⟨fun p => String.append (String.append (String.append (String.append "(" (ToString.toString p.1)) ", ")
    (ToString.toString p.2)) ")"⟩

/-! # More of `Init.Core`, `Init.Data` that files use -/

export Inhabited (default)

theorem eq_iff_iff {p q : Prop} : Iff (Eq p q) (Iff p q) := Iff.intro Iff.of_eq propext

def panicCore {α : Sort u} [Inhabited α] (msg : String) : α := Inhabited.default

def panic {α : Sort u} [Inhabited α] (msg : String) : α := panicCore msg

def mkPanicMessageWithDecl (modName declName : String) (line col : Nat) (msg : String) : String :=
  String.append "PANIC at " (String.append declName (String.append " " (String.append modName
    (String.append ":" (String.append (Nat.repr line) (String.append ":" (String.append (Nat.repr col)
      (String.append ": " msg))))))))

def panicWithPosWithDecl {α : Sort u} [Inhabited α] (modName declName : String) (line col : Nat) (msg : String) : α :=
  panic (mkPanicMessageWithDecl modName declName line col msg)

def Option.get! {α : Type u} [Inhabited α] : Option α → α := fun o =>
  Option.rec (motive := fun _ => α)
    (panicWithPosWithDecl "Init.Data.Option.BasicAux" "Option.get!" 16 14 "value is none") (fun x => x) o

def Option.get {α : Type u} : (o : Option α) → Eq (Option.isSome o) true → α := fun o =>
  Option.rec (motive := fun o => Eq (Option.isSome o) true → α)
    (fun h => absurd h (ne_true_of_eq_false rfl)) (fun x _ => x) o

def List.leftpad {α : Type u} (n : Nat) (a : α) (l : List α) : List α :=
  HAppend.hAppend (List.replicate (n - List.length l) a) l

def List.rightpad {α : Type u} (n : Nat) (a : α) (l : List α) : List α :=
  HAppend.hAppend l (List.replicate (n - List.length l) a)

inductive Ordering where
  | lt | eq | gt

class Ord (α : Type u) where
  compare : α → α → Ordering

export Ord (compare)

def compareOfLessAndEq {α : Type u} (x y : α) [LT α] [Decidable (LT.lt x y)] [DecidableEq α] : Ordering :=
  ite (LT.lt x y) Ordering.lt (ite (Eq x y) Ordering.eq Ordering.gt)

instance instOrdNat : Ord Nat := ⟨fun x y => compareOfLessAndEq x y⟩
instance Int.instOrd : Ord Int := ⟨fun x y => compareOfLessAndEq x y⟩

theorem Nat.mod_eq_of_lt {a b : Nat} (h : LT.lt a b) : Eq (a % b) a :=
  have hb : Eq (Nat.ble b a) false :=
    Bool.of_not_eq_true (fun h' => Nat.not_le_of_gt h (Nat.le_of_ble_eq_true h'))
  Eq.mpr (congrArg (fun t => Eq (Bool.rec (motive := fun _ => Nat) a
      (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x)
        (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b))
          (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b)))
        a (Nat.sub a b))
      (Bool.and t (Nat.ble (Nat.succ Nat.zero) b))) a) hb) rfl

def List.getLast? {α : Type u} : List α → Option α := fun l =>
  List.rec (motive := fun _ => Option α) none (fun a _ ih => some (Option.getD ih a)) l

def List.getLastD {α : Type u} (as : List α) (fallback : α) : α := Option.getD (List.getLast? as) fallback

def Bool.toNat (b : Bool) : Nat := cond b 1 0

def InvImage {α : Sort u} {β : Sort v} (r : β → β → Prop) (f : α → β) : α → α → Prop :=
  fun a₁ a₂ => r (f a₁) (f a₂)

theorem InvImage.accessible {α : Sort u} {β : Sort v} {r : β → β → Prop} {a : α} (f : α → β)
    (ac : Acc r (f a)) : Acc (InvImage r f) a :=
  have aux : ∀ {b : β}, Acc r b → ∀ (x : α), Eq (f x) b → Acc (InvImage r f) x :=
    fun {b} ac => Acc.rec (motive := fun b _ => ∀ (x : α), Eq (f x) b → Acc (InvImage r f) x)
      (fun b _ ih x e => Acc.intro x (fun y lt => ih (f y) (Eq.subst (motive := fun t => r (f y) t) e lt) y rfl)) ac
  aux ac a rfl

theorem InvImage.wf {α : Sort u} {β : Sort v} {r : β → β → Prop} (f : α → β) (h : WellFounded r) :
    WellFounded (InvImage r f) :=
  WellFounded.intro (fun a => InvImage.accessible f (WellFounded.apply h (f a)))

def invImage {α : Sort u} {β : Sort v} (f : α → β) (h : WellFoundedRelation β) : WellFoundedRelation α :=
  WellFoundedRelation.mk (InvImage (@WellFoundedRelation.rel β h) f) (InvImage.wf f (@WellFoundedRelation.wf β h))

def measure {α : Sort u} (f : α → Nat) : WellFoundedRelation α := invImage f Nat.lt_wfRel

/-! # `SizeOf` (`Init.SizeOf`): the class and the instances for `Nat` and, at low priority, every type (Lean
also derives an instance for each inductive type, which leanr does not) -/

class SizeOf (α : Sort u) where
  sizeOf : α → Nat

export SizeOf (sizeOf)

protected def default.sizeOf (α : Sort u) : α → Nat := fun _ => 0

instance (priority := low) instSizeOfDefault (α : Sort u) : SizeOf α where
  sizeOf := default.sizeOf α

theorem sizeOf_default {α : Sort u} (n : α) : Eq (sizeOf n) 0 := rfl

instance instSizeOfNat : SizeOf Nat where
  sizeOf n := n

theorem sizeOf_nat (n : Nat) : Eq (sizeOf n) n := rfl

def sizeOfWFRel {α : Sort u} [SizeOf α] : WellFoundedRelation α := measure sizeOf

instance (priority := low) instWellFoundedRelationOfSizeOf {α : Sort u} [SizeOf α] : WellFoundedRelation α :=
  sizeOfWFRel

theorem Nat.pred_lt {n : Nat} : Not (Eq n 0) → LT.lt (Nat.pred n) n :=
  Nat.rec (motive := fun n => Not (Eq n 0) → LT.lt (Nat.pred n) n) (fun h => absurd rfl h)
    (fun n _ _ => Nat.lt_succ_self n) n

/-! # Lemmas Lean's simp set uses (`Init.SimpLemmas`, `Init.Data.List.Basic`) -/

theorem not_false_eq_true : Eq (Not False) True := propext (Iff.intro (fun _ => trivial) (fun _ h => h))
theorem not_true_eq_false : Eq (Not True) False := propext (Iff.intro (fun h => h trivial) False.elim)
theorem of_eq_true {p : Prop} (h : Eq p True) : p := cast (Eq.symm h) trivial
theorem of_eq_false {p : Prop} (h : Eq p False) : Not p := fun hp => cast h hp
theorem eq_true {p : Prop} (h : p) : Eq p True := propext (Iff.intro (fun _ => trivial) (fun _ => h))
theorem eq_false {p : Prop} (h : Not p) : Eq p False := propext (Iff.intro h False.elim)

theorem and_true (p : Prop) : Eq (And p True) p := propext (Iff.intro And.left (fun h => And.intro h trivial))
theorem true_and (p : Prop) : Eq (And True p) p := propext (Iff.intro And.right (fun h => And.intro trivial h))
theorem and_false (p : Prop) : Eq (And p False) False := propext (Iff.intro And.right False.elim)
theorem false_and (p : Prop) : Eq (And False p) False := propext (Iff.intro And.left False.elim)
theorem or_true (p : Prop) : Eq (Or p True) True := propext (Iff.intro (fun _ => trivial) (fun h => Or.inr h))
theorem true_or (p : Prop) : Eq (Or True p) True := propext (Iff.intro (fun _ => trivial) (fun h => Or.inl h))
theorem or_false (p : Prop) : Eq (Or p False) p := propext (Iff.intro (fun h => Or.elim h id False.elim) Or.inl)
theorem false_or (p : Prop) : Eq (Or False p) p := propext (Iff.intro (fun h => Or.elim h False.elim id) Or.inr)
theorem and_self (p : Prop) : Eq (And p p) p := propext (Iff.intro And.left (fun h => And.intro h h))
theorem or_self (p : Prop) : Eq (Or p p) p := propext (Iff.intro (fun h => Or.elim h id id) Or.inl)
theorem eq_self_iff_true {α : Sort u} (a : α) : Iff (Eq a a) True := iff_of_true rfl trivial
theorem eq_self {α : Sort u} (a : α) : Eq (Eq a a) True := propext (eq_self_iff_true a)
theorem imp_self {a : Prop} : Iff (a → a) True := iff_of_true id trivial
theorem implies_true (α : Sort u) : Eq (α → True) True := propext (Iff.intro (fun _ => trivial) (fun _ _ => trivial))
theorem true_implies (p : Prop) : Eq (True → p) p := propext (Iff.intro (fun h => h trivial) (fun h _ => h))
theorem false_implies (p : Prop) : Eq (False → p) True :=
  propext (Iff.intro (fun _ => trivial) (fun _ h => False.elim h))
theorem forall_congr {α : Sort u} {p q : α → Prop} (h : ∀ a, Eq (p a) (q a)) : Eq (∀ a, p a) (∀ a, q a) :=
  congrArg (fun r : α → Prop => ∀ a, r a) (funext h)
theorem implies_congr {p₁ p₂ : Sort u} {q₁ q₂ : Sort v} (h₁ : Eq p₁ p₂) (h₂ : Eq q₁ q₂) :
    Eq (p₁ → q₁) (p₂ → q₂) :=
  Eq.rec (motive := fun t _ => Eq (p₁ → q₁) (t → q₂)) (congrArg (fun t => p₁ → t) h₂) h₁
theorem implies_congr_ctx {p₁ p₂ q₁ q₂ : Prop} (h₁ : Eq p₁ p₂) (h₂ : p₂ → Eq q₁ q₂) :
    Eq (p₁ → q₁) (p₂ → q₂) :=
  propext (Iff.intro (fun hq hp₂ => Eq.mp (h₂ hp₂) (hq (Eq.mpr h₁ hp₂)))
                     (fun hq hp₁ => Eq.mpr (h₂ (Eq.mp h₁ hp₁)) (hq (Eq.mp h₁ hp₁))))
theorem ne_eq {α : Sort u} (a b : α) : Eq (Ne a b) (Not (Eq a b)) := rfl
theorem gt_iff_lt {α : Type u} [LT α] {a b : α} : Iff (GT.gt a b) (LT.lt b a) := Iff.rfl
theorem ge_iff_le {α : Type u} [LE α] {a b : α} : Iff (GE.ge a b) (LE.le b a) := Iff.rfl
theorem Bool.not_true : Eq (Bool.not true) false := rfl
theorem Bool.not_false : Eq (Bool.not false) true := rfl
theorem Bool.or_false (b : Bool) : Eq (Bool.or b false) b := Bool.rec (motive := fun b => Eq (Bool.or b false) b) rfl rfl b
theorem Bool.or_true (b : Bool) : Eq (Bool.or b true) true := Bool.rec (motive := fun b => Eq (Bool.or b true) true) rfl rfl b
theorem Bool.false_or (b : Bool) : Eq (Bool.or false b) b := Bool.rec (motive := fun b => Eq (Bool.or false b) b) rfl rfl b
theorem Bool.true_or (b : Bool) : Eq (Bool.or true b) true := Bool.rec (motive := fun b => Eq (Bool.or true b) true) rfl rfl b
theorem Bool.or_self (b : Bool) : Eq (Bool.or b b) b := Bool.rec (motive := fun b => Eq (Bool.or b b) b) rfl rfl b
theorem Bool.and_false (b : Bool) : Eq (Bool.and b false) false := Bool.rec (motive := fun b => Eq (Bool.and b false) false) rfl rfl b
theorem Bool.and_true (b : Bool) : Eq (Bool.and b true) b := Bool.rec (motive := fun b => Eq (Bool.and b true) b) rfl rfl b
theorem Bool.false_and (b : Bool) : Eq (Bool.and false b) false := Bool.rec (motive := fun b => Eq (Bool.and false b) false) rfl rfl b
theorem Bool.true_and (b : Bool) : Eq (Bool.and true b) b := Bool.rec (motive := fun b => Eq (Bool.and true b) b) rfl rfl b
theorem Bool.and_self (b : Bool) : Eq (Bool.and b b) b := Bool.rec (motive := fun b => Eq (Bool.and b b) b) rfl rfl b
theorem Bool.not_not (b : Bool) : Eq (Bool.not (Bool.not b)) b := Bool.rec (motive := fun b => Eq (Bool.not (Bool.not b)) b) rfl rfl b
theorem Bool.not_eq_true (b : Bool) : Eq (Not (Eq b true)) (Eq b false) :=
  propext (Iff.intro Bool.of_not_eq_true ne_true_of_eq_false)
theorem Bool.not_eq_false (b : Bool) : Eq (Not (Eq b false)) (Eq b true) :=
  propext (Iff.intro Bool.of_not_eq_false (fun h1 h2 => ne_true_of_eq_false h2 h1))
theorem Bool.or_eq_true (a b : Bool) : Eq (Eq (Bool.or a b) true) (Or (Eq a true) (Eq b true)) :=
  Bool.rec (motive := fun a => Eq (Eq (Bool.or a b) true) (Or (Eq a true) (Eq b true)))
    (propext (Iff.intro Or.inr (fun h => Or.elim h (fun h' => absurd h' (ne_true_of_eq_false rfl)) id)))
    (propext (Iff.intro Or.inl (fun _ => rfl))) a
theorem Bool.and_eq_true (a b : Bool) : Eq (Eq (Bool.and a b) true) (And (Eq a true) (Eq b true)) :=
  Bool.rec (motive := fun a => Eq (Eq (Bool.and a b) true) (And (Eq a true) (Eq b true)))
    (propext (Iff.intro (fun h => absurd h (ne_true_of_eq_false rfl)) And.left))
    (propext (Iff.intro (fun h => And.intro rfl h) And.right)) a
theorem decide_eq_true_eq {p : Prop} [Decidable p] : Eq (Eq (Decidable.decide p) true) p :=
  propext (Iff.intro of_decide_eq_true decide_eq_true)
theorem cond_true {α : Sort u} (a b : α) : Eq (cond true a b) a := rfl
theorem cond_false {α : Sort u} (a b : α) : Eq (cond false a b) b := rfl

theorem List.map_nil {α : Type u_1} {β : Type u_2} {f : α → β} : Eq (List.map f List.nil) List.nil := rfl

theorem List.map_cons {α : Type u_1} {β : Type u_2} (f : α → β) (a : α) (l : List α) :
    Eq (List.map f (List.cons a l)) (List.cons (f a) (List.map f l)) := rfl

theorem List.reverseAux_eq_append {α : Type u} (as bs : List α) :
    Eq (List.reverseAux as bs) (HAppend.hAppend (List.reverseAux as List.nil) bs) :=
  List.rec (motive := fun as => ∀ (bs : List α), Eq (List.reverseAux as bs) (HAppend.hAppend (List.reverseAux as List.nil) bs))
    (fun _ => rfl)
    (fun a as ih bs => Eq.trans (ih (List.cons a bs))
      (Eq.symm (Eq.trans (congrArg (fun l => HAppend.hAppend l bs) (ih (List.cons a List.nil)))
        (List.append_assoc (List.reverseAux as List.nil) (List.cons a List.nil) bs))))
    as bs

theorem List.reverse_cons {α : Type u} (a : α) (as : List α) :
    Eq (List.reverse (List.cons a as)) (HAppend.hAppend (List.reverse as) (List.cons a List.nil)) :=
  List.reverseAux_eq_append as (List.cons a List.nil)

theorem List.reverse_append {α : Type u} (as bs : List α) :
    Eq (List.reverse (HAppend.hAppend as bs)) (HAppend.hAppend (List.reverse bs) (List.reverse as)) :=
  List.rec (motive := fun as => Eq (List.reverse (HAppend.hAppend as bs)) (HAppend.hAppend (List.reverse bs) (List.reverse as)))
    (Eq.symm (List.append_nil (List.reverse bs)))
    (fun a as ih => Eq.trans (List.reverse_cons a (HAppend.hAppend as bs))
      (Eq.trans (congrArg (fun l => HAppend.hAppend l (List.cons a List.nil)) ih)
        (Eq.trans (List.append_assoc (List.reverse bs) (List.reverse as) (List.cons a List.nil))
          (congrArg (fun l => HAppend.hAppend (List.reverse bs) l) (Eq.symm (List.reverse_cons a as))))))
    as

theorem List.reverse_reverse {α : Type u} (as : List α) : Eq (List.reverse (List.reverse as)) as :=
  List.rec (motive := fun as => Eq (List.reverse (List.reverse as)) as) rfl
    (fun a as ih => Eq.trans (congrArg List.reverse (List.reverse_cons a as))
      (Eq.trans (List.reverse_append (List.reverse as) (List.cons a List.nil))
        (congrArg (List.cons a) ih)))
    as

theorem List.length_reverse {α : Type u} (as : List α) : Eq (List.length (List.reverse as)) (List.length as) :=
  List.rec (motive := fun as => Eq (List.length (List.reverse as)) (List.length as)) rfl
    (fun a as ih => Eq.trans (congrArg List.length (List.reverse_cons a as))
      (Eq.trans List.length_append (congrArg Nat.succ ih)))
    as

/-! # Zero and One, more List and Nat functions -/

class Zero (α : Type u) where
  zero : α

class One (α : Type u) where
  one : α

instance (priority := 300) Zero.toOfNat0 {α : Type u} [Zero α] : OfNat α 0 := ⟨Zero.zero⟩
instance (priority := 200) Zero.ofOfNat0 {α : Type u} [OfNat α 0] : Zero α := ⟨0⟩
instance (priority := 300) One.toOfNat1 {α : Type u} [One α] : OfNat α 1 := ⟨One.one⟩
instance (priority := 200) One.ofOfNat1 {α : Type u} [OfNat α 1] : One α := ⟨1⟩

def List.sum {α : Type u_1} [Add α] [Zero α] : List α → α :=
  fun l => List.foldr (fun a b => a + b) Zero.zero l

def List.get {α : Type u} (as : List α) : Fin (List.length as) → α :=
  List.rec (motive := fun l => Fin (List.length l) → α)
    (fun i => absurd i.isLt (Nat.not_lt_zero i.val))
    (fun a as ih i => Nat.rec (motive := fun k => LT.lt k (Nat.succ (List.length as)) → α) (fun _ => a)
      (fun k _ h => ih (Fin.mk k (Nat.lt_of_succ_lt_succ h))) i.val i.isLt)
    as

def List.set {α : Type u_1} (l : List α) (n : Nat) (a : α) : List α :=
  List.rec (motive := fun _ => Nat → List α) (fun _ => List.nil)
    (fun b bs ih n => Nat.rec (motive := fun _ => List α) (List.cons a bs) (fun k _ => List.cons b (ih k)) n) l n

def List.take {α : Type u} : (n : Nat) → (xs : List α) → List α := fun n xs =>
  List.rec (motive := fun _ => Nat → List α) (fun _ => List.nil)
    (fun a _ ih n => Nat.rec (motive := fun _ => List α) List.nil (fun k _ => List.cons a (ih k)) n) xs n

def List.drop {α : Type u} : (n : Nat) → (xs : List α) → List α := fun n xs =>
  List.rec (motive := fun _ => Nat → List α) (fun _ => List.nil)
    (fun a as ih n => Nat.rec (motive := fun _ => List α) (List.cons a as) (fun k _ => ih k) n) xs n

def List.zipWith {α : Type u} {β : Type v} {γ : Type w} (f : α → β → γ) : (xs : List α) → (ys : List β) → List γ :=
  fun xs => List.rec (motive := fun _ => List β → List γ) (fun _ => List.nil)
    (fun a _ ih ys => List.rec (motive := fun _ => List γ) List.nil (fun b bs _ => List.cons (f a b) (ih bs)) ys) xs

def Array.zipWith {α : Type u} {β : Type v} {γ : Type w} (f : α → β → γ) (as : Array α) (bs : Array β) :
    Array γ :=
  Array.mk (List.zipWith f as.toList bs.toList)

def List.range.loop : Nat → List Nat → List Nat := fun n =>
  Nat.rec (motive := fun _ => List Nat → List Nat) (fun ns => ns) (fun k ih ns => ih (List.cons k ns)) n

def List.range (n : Nat) : List Nat := List.range.loop n List.nil

def List.find? {α : Type u} (p : α → Bool) : List α → Option α := fun l =>
  List.rec (motive := fun _ => Option α) none (fun a _ ih => cond (p a) (some a) ih) l

def List.contains {α : Type u} [BEq α] (as : List α) (a : α) : Bool := List.elem a as

def List.head! {α : Type u} [Inhabited α] : List α → α := fun l =>
  List.rec (motive := fun _ => α) (panicWithPosWithDecl "Init.Data.List.BasicAux" "List.head!" 35 12 "empty list")
    (fun a _ _ => a) l

def List.zip {α : Type u} {β : Type v} : List α → List β → List (Prod α β) := List.zipWith Prod.mk

def List.partition {α : Type u} (p : α → Bool) (as : List α) : Prod (List α) (List α) :=
  Prod.mk (List.filter p as) (List.filter (fun a => Bool.not (p a)) as)

def List.max? {α : Type u} [Max α] : List α → Option α := fun l =>
  List.rec (motive := fun _ => Option α) none (fun a as _ => some (List.foldl Max.max a as)) l

def List.min? {α : Type u} [Min α] : List α → Option α := fun l =>
  List.rec (motive := fun _ => Option α) none (fun a as _ => some (List.foldl Min.min a as)) l

def List.eraseDups {α : Type u} [BEq α] (as : List α) : List α :=
  List.reverse (List.foldl (fun acc a => cond (List.elem a acc) acc (List.cons a acc)) List.nil as)

def Array.foldl {α : Type u} {β : Type v} (f : β → α → β) (init : β) (as : Array α) (start : Nat := 0)
    (stop : Nat := as.size) : β :=
  List.foldl f init (List.drop start (List.take stop as.toList))

def Array.foldr {α : Type u} {β : Type v} (f : α → β → β) (init : β) (as : Array α) (start : Nat := as.size)
    (stop : Nat := 0) : β :=
  List.foldr f init (List.drop stop (List.take start as.toList))


def Nat.gcd : Nat → Nat → Nat := fun m n =>
  Nat.rec (motive := fun _ => Nat → Nat → Nat) (fun _ n => n)
    (fun _ ih m n => Nat.rec (motive := fun _ => Nat) n (fun k _ => ih (n % Nat.succ k) (Nat.succ k)) m)
    (Nat.succ m) m n

def Nat.lcm (m n : Nat) : Nat := m * n / Nat.gcd m n

/-! # Bitwise Nat operations (`Init.Data.Nat.Basic`, `Init.Data.Nat.Bitwise.Basic`), computed on literals by
the kernel as Lean's kernel does -/

def Nat.log2 (n : Nat) : Nat :=
  Nat.rec (motive := fun _ => Nat → Nat) (fun _ => 0)
    (fun _ ih n => ite (LE.le 2 n) (Nat.succ (ih (n / 2))) 0) n n

def Nat.shiftLeft : Nat → Nat → Nat := fun n m =>
  Nat.rec (motive := fun _ => Nat → Nat) (fun n => n) (fun _ ih n => ih (2 * n)) m n

def Nat.shiftRight : Nat → Nat → Nat := fun n m =>
  Nat.rec (motive := fun _ => Nat) n (fun _ ih => ih / 2) m

-- `n + m + 1` halvings of the larger argument reach zero
def Nat.bitwise (f : Bool → Bool → Bool) (n m : Nat) : Nat :=
  Nat.rec (motive := fun _ => Nat → Nat → Nat) (fun _ _ => 0)
    (fun _ ih n m =>
      ite (Eq n 0) (ite (Eq (f false true) true) m 0)
        (ite (Eq m 0) (ite (Eq (f true false) true) n 0)
          (ite (Eq (f (decide (Eq (n % 2) 1)) (decide (Eq (m % 2) 1))) true)
            (ih (n / 2) (m / 2) + ih (n / 2) (m / 2) + 1)
            (ih (n / 2) (m / 2) + ih (n / 2) (m / 2)))))
    (Nat.succ (n + m)) n m

def Nat.land : Nat → Nat → Nat := Nat.bitwise and
def Nat.lor : Nat → Nat → Nat := Nat.bitwise or
def Nat.xor : Nat → Nat → Nat := Nat.bitwise bne

/-! # More Nat lemmas, Char classification, and small functions -/

def flip {α : Sort u} {β : Sort v} {φ : Sort w} (f : α → β → φ) : β → α → φ := fun b a => f a b

theorem Nat.succ_le_of_lt {n m : Nat} (h : LT.lt n m) : LE.le (Nat.succ n) m := h
theorem Nat.lt_of_succ_le {n m : Nat} (h : LE.le (Nat.succ n) m) : LT.lt n m := h
theorem Nat.succ_le {n m : Nat} : Iff (LE.le (Nat.succ n) m) (LT.lt n m) := Iff.rfl
theorem Nat.lt_iff_add_one_le {m n : Nat} : Iff (LT.lt m n) (LE.le (m + 1) n) := Iff.rfl
protected theorem Nat.zero_lt_one : LT.lt 0 (1 : Nat) := Nat.zero_lt_succ 0

protected theorem Nat.le_total (m n : Nat) : Or (LE.le m n) (LE.le n m) :=
  Or.elim (Nat.lt_or_ge m n) (fun h => Or.inl (Nat.le_of_lt h)) Or.inr

protected theorem Nat.lt_asymm {a b : Nat} (h : LT.lt a b) : Not (LT.lt b a) := fun h' => Nat.lt_irrefl a (Nat.lt_trans h h')

theorem Nat.ne_of_lt {a b : Nat} (h : LT.lt a b) : Ne a b :=
  fun e => Nat.lt_irrefl a (Eq.subst (motive := fun x => LT.lt a x) (Eq.symm e) h)

theorem Nat.ne_of_gt {a b : Nat} (h : LT.lt b a) : Ne a b :=
  fun e => Nat.lt_irrefl b (Eq.subst (motive := fun x => LT.lt b x) e h)

theorem Nat.eq_zero_of_le_zero {n : Nat} (h : LE.le n 0) : Eq n 0 := Nat.le_antisymm h (Nat.zero_le n)

theorem Nat.le_zero {i : Nat} : Iff (LE.le i 0) (Eq i 0) :=
  Iff.intro Nat.eq_zero_of_le_zero (fun h => Eq.subst (motive := fun x => LE.le x 0) (Eq.symm h) (Nat.le_refl 0))

protected theorem Nat.add_sub_cancel_left {n m : Nat} : Eq (n + m - n) m :=
  Eq.trans (congrArg (fun x => x - n) (Nat.add_comm n m)) Nat.add_sub_cancel

protected theorem Nat.two_mul (n : Nat) : Eq (2 * n) (n + n) :=
  Eq.trans (Nat.succ_mul 1 n) (congrArg (fun x => x + n) (Nat.one_mul n))

protected theorem Nat.mul_two (n : Nat) : Eq (n * 2) (n + n) := congrArg (fun x => x + n) (Nat.mul_one n)

protected theorem Nat.add_lt_add_left {n m : Nat} (h : LT.lt n m) (k : Nat) : LT.lt (k + n) (k + m) :=
  Nat.add_le_add_left h k

protected theorem Nat.add_lt_add_right {n m : Nat} (h : LT.lt n m) (k : Nat) : LT.lt (n + k) (m + k) :=
  Eq.subst (motive := fun x => LE.le x (m + k)) (Nat.succ_add n k) (Nat.add_le_add_right h k)

theorem Nat.add_le_add {a b c d : Nat} (h₁ : LE.le a b) (h₂ : LE.le c d) : LE.le (a + c) (b + d) :=
  Nat.le_trans (Nat.add_le_add_right h₁ c) (Nat.add_le_add_left h₂ b)

protected theorem Nat.add_left_cancel {n m k : Nat} : Eq (n + m) (n + k) → Eq m k :=
  Nat.rec (motive := fun n => Eq (n + m) (n + k) → Eq m k)
    (fun h => Eq.trans (Eq.symm (Nat.zero_add m)) (Eq.trans h (Nat.zero_add k)))
    (fun n ih h => ih (Nat.succ.inj (Eq.trans (Eq.symm (Nat.succ_add n m)) (Eq.trans h (Nat.succ_add n k)))))
    n

protected theorem Nat.add_right_cancel {n m k : Nat} : Eq (n + m) (k + m) → Eq n k :=
  Nat.rec (motive := fun m => Eq (n + m) (k + m) → Eq n k) (fun h => h) (fun _ ih h => ih (Nat.succ.inj h)) m

theorem List.length_replicate {α : Type u} (n : Nat) (a : α) : Eq (List.length (List.replicate n a)) n :=
  Nat.rec (motive := fun n => Eq (List.length (List.replicate n a)) n) rfl (fun _ ih => congrArg Nat.succ ih) n

theorem List.map_map {α : Type u_1} {β : Type u_2} {γ : Type u_3} (g : β → γ) (f : α → β) (l : List α) :
    Eq (List.map g (List.map f l)) (List.map (Function.comp g f) l) :=
  List.rec (motive := fun l => Eq (List.map g (List.map f l)) (List.map (Function.comp g f) l)) rfl
    (fun a _ ih => congrArg (List.cons (g (f a))) ih) l

def List.filterMap {α : Type u} {β : Type v} (f : α → Option β) : List α → List β := fun l =>
  List.rec (motive := fun _ => List β) List.nil
    (fun a _ ih => Option.rec (motive := fun _ => List β) ih (fun b => List.cons b ih) (f a)) l

def Char.isUpper (c : Char) : Bool := and (decide (LE.le 65 c.toNat)) (decide (LE.le c.toNat 90))
def Char.isLower (c : Char) : Bool := and (decide (LE.le 97 c.toNat)) (decide (LE.le c.toNat 122))
def Char.isAlpha (c : Char) : Bool := or (Char.isUpper c) (Char.isLower c)
def Char.isDigit (c : Char) : Bool := and (decide (LE.le 48 c.toNat)) (decide (LE.le c.toNat 57))
def Char.isAlphanum (c : Char) : Bool := or (Char.isAlpha c) (Char.isDigit c)
def Char.isWhitespace (c : Char) : Bool :=
  or (decide (Eq c.toNat 32)) (or (decide (Eq c.toNat 9)) (or (decide (Eq c.toNat 13)) (decide (Eq c.toNat 10))))
def Char.toUpper (c : Char) : Char := cond (Char.isLower c) (Char.ofNat (c.toNat - 32)) c
def Char.toLower (c : Char) : Char := cond (Char.isUpper c) (Char.ofNat (c.toNat + 32)) c
def String.toUpper (s : String) : String := String.ofList (List.map Char.toUpper s.toList)
def String.toLower (s : String) : String := String.ofList (List.map Char.toLower s.toList)
def String.front (s : String) : Char := Option.getD (List.head? s.toList) 'A'

def List.isPrefixOf {α : Type u} [BEq α] : List α → List α → Bool := fun l =>
  List.rec (motive := fun _ => List α → Bool) (fun _ => true)
    (fun a _ ih l₂ => List.rec (motive := fun _ => Bool) false (fun b bs _ => and (BEq.beq a b) (ih bs)) l₂) l

-- the pieces of `rest` between occurrences of `sep` (not empty), `acc` the current piece reversed; `fuel`
-- bounds the steps (each consumes a character)
def String.splitOnAux (sep : List Char) (fuel : Nat) : List Char → List Char → List (List Char) :=
  Nat.rec (motive := fun _ => List Char → List Char → List (List Char))
    (fun rest acc => List.cons (HAppend.hAppend (List.reverse acc) rest) List.nil)
    (fun _ ih rest acc =>
      List.rec (motive := fun _ => List (List Char)) (List.cons (List.reverse acc) List.nil)
        (fun c cs _ => cond (List.isPrefixOf sep (List.cons c cs))
          (List.cons (List.reverse acc) (ih (List.drop (List.length sep) (List.cons c cs)) List.nil))
          (ih cs (List.cons c acc)))
        rest)
    fuel

def String.splitOn (s : String) (sep : String := " ") : List String :=
  cond (decide (Eq sep ""))
    (List.cons s List.nil)
    (List.map String.ofList (String.splitOnAux sep.toList (Nat.succ (List.length s.toList)) s.toList List.nil))
def String.back (s : String) : Char := Option.getD (List.getLast? s.toList) 'A'

def String.intercalate (s : String) : List String → String := fun l =>
  List.rec (motive := fun _ => String) ""
    (fun a as _ => List.foldl (fun acc b => String.append acc (String.append s b)) a as) l

theorem Nat.mod_lt (x : Nat) {y : Nat} (hy : LT.lt 0 y) : LT.lt (x % y) y :=
  have h1 : Eq (Nat.ble (Nat.succ Nat.zero) y) true := Nat.ble_eq_true_of_le hy
  have steps : ∀ (fuel x : Nat), LT.lt x fuel →
      LT.lt (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x)
        (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x y))
          (Bool.and (Nat.ble y x) (Nat.ble (Nat.succ Nat.zero) y))) fuel x) y :=
    fun fuel => Nat.rec (motive := fun fuel => ∀ (x : Nat), LT.lt x fuel →
        LT.lt (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x)
          (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x y))
            (Bool.and (Nat.ble y x) (Nat.ble (Nat.succ Nat.zero) y))) fuel x) y)
      (fun x h => absurd h (Nat.not_lt_zero x))
      (fun f ih x h =>
        Bool.rec (motive := fun b => Eq (Nat.ble y x) b →
            LT.lt (Bool.rec (motive := fun _ => Nat) x
              (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x)
                (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x y))
                  (Bool.and (Nat.ble y x) (Nat.ble (Nat.succ Nat.zero) y))) f (Nat.sub x y))
              (Bool.and b (Nat.ble (Nat.succ Nat.zero) y))) y)
          (fun hb => Nat.lt_of_not_le (fun hle => absurd (Nat.ble_eq_true_of_le hle) (ne_true_of_eq_false hb)))
          (fun hb => Eq.subst (motive := fun c => LT.lt (Bool.rec (motive := fun _ => Nat) x
              (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x)
                (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x y))
                  (Bool.and (Nat.ble y x) (Nat.ble (Nat.succ Nat.zero) y))) f (Nat.sub x y)) c) y)
            (Eq.symm h1)
            (ih (Nat.sub x y) (Nat.lt_of_lt_of_le
              (Nat.sub_lt (Nat.lt_of_lt_of_le hy (Nat.le_of_ble_eq_true hb)) hy) (Nat.le_of_lt_succ h))))
          (Nat.ble y x) rfl)
      fuel
  steps (Nat.succ x) x (Nat.lt_succ_self x)

end

/-! # Native reduction (`Init.Core`, `namespace Lean`), used by `native_decide` -/

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

-- ==== coercions (Lean's `Init.Coe`, `Init.Data.Cast`, `Init.Data.Int.Basic`), used by elab/coercion.py ====
class Coe (α : Sort u) (β : Sort v) where
  coe : α → β

class CoeTC (α : Sort u) (β : Sort v) where
  coe : α → β

instance [Coe β γ] [CoeTC α β] : CoeTC α γ where coe a := Coe.coe (CoeTC.coe a : β)
instance [Coe α β] : CoeTC α β where coe a := Coe.coe a
instance : CoeTC α α where coe a := a

class CoeOut (α : Sort u) (β : Sort v) where
  coe : α → β

class CoeOTC (α : Sort u) (β : Sort v) where
  coe : α → β

instance [CoeOut α β] [CoeOTC β γ] : CoeOTC α γ where coe a := CoeOTC.coe (CoeOut.coe a : β)
instance [CoeTC α β] : CoeOTC α β where coe a := CoeTC.coe a

class CoeHead (α : Sort u) (β : Sort v) where
  coe : α → β

class CoeHTC (α : Sort u) (β : Sort v) where
  coe : α → β

instance [CoeHead α β] [CoeOTC β γ] : CoeHTC α γ where coe a := CoeOTC.coe (CoeHead.coe a : β)
instance [CoeOTC α β] : CoeHTC α β where coe a := CoeOTC.coe a

class CoeTail (α : Sort u) (β : Sort v) where
  coe : α → β

class CoeHTCT (α : Sort u) (β : Sort v) where
  coe : α → β

instance [CoeTail β γ] [CoeHTC α β] : CoeHTCT α γ where coe a := CoeTail.coe (CoeHTC.coe a : β)
instance [CoeHTC α β] : CoeHTCT α β where coe a := CoeHTC.coe a

class CoeDep (α : Sort u) (_ : α) (β : Sort v) where
  coe : β

class CoeT (α : Sort u) (_ : α) (β : Sort v) where
  coe : β

instance [CoeHTCT α β] : CoeT α a β where coe := CoeHTCT.coe a
instance [inst : CoeDep α a β] : CoeT α a β where coe := @CoeDep.coe α a β inst

class CoeFun (α : Sort u) (γ : outParam (α → Sort v)) where
  coe : (f : α) → γ f

instance [CoeFun α fun _ => β] : CoeOut α β where coe a := CoeFun.coe a

class CoeSort (α : Sort u) (β : outParam (Sort v)) where
  coe : α → β

instance [CoeSort α β] : CoeOut α β where coe a := CoeSort.coe a

instance boolToProp : Coe Bool Prop where
  coe b := Eq b true

instance boolToSort : CoeSort Bool Prop where
  coe b := Eq b true

instance decPropToBool (p : Prop) [Decidable p] : CoeDep Prop p Bool where
  coe := decide p

instance optionCoe {α : Type u} : Coe α (Option α) where
  coe := Option.some

instance subtypeCoe {α : Sort u} {p : α → Prop} : CoeOut (Subtype p) α where
  coe v := v.val

class NatCast (R : Type u) where
  natCast : Nat → R

instance : NatCast Nat where natCast n := n

@[reducible] protected def Nat.cast {R : Type u} [NatCast R] : Nat → R := NatCast.natCast

instance [NatCast R] : CoeTail Nat R where coe := Nat.cast
instance [NatCast R] : CoeHTCT Nat R where coe := Nat.cast

class IntCast (R : Type u) where
  intCast : Int → R

instance : IntCast Int where intCast n := n

@[reducible] protected def Int.cast {R : Type u} [IntCast R] : Int → R := IntCast.intCast

instance [IntCast R] : CoeTail Int R where coe := Int.cast
instance [IntCast R] : CoeHTCT Int R where coe := Int.cast

instance : NatCast Int where natCast n := Int.ofNat n
-- ==== end of coercions ====

-- ==== index notation (`Init.GetElem`): `xs[i]`, `xs[i]?`, `xs[i]!` ====
class GetElem (coll : Type u) (idx : Type v) (elem : outParam (Type w))
    (valid : outParam (coll → idx → Prop)) where
  getElem (xs : coll) (i : idx) (h : valid xs i) : elem

export GetElem (getElem)

def outOfBounds [Inhabited α] : α :=
  panic "index out of bounds"

@[inline] def decidableGetElem? {coll : Type u} {idx : Type v} {elem : Type w} {valid : coll → idx → Prop}
    [GetElem coll idx elem valid] (xs : coll) (i : idx) [Decidable (valid xs i)] : Option elem :=
  if h : valid xs i then some (getElem xs i h) else none

-- Lean gives `getElem?`/`getElem!` default values; the instances below define them explicitly
class GetElem? (coll : Type u) (idx : Type v) (elem : outParam (Type w))
    (valid : outParam (coll → idx → Prop)) extends GetElem coll idx elem valid where
  getElem? : coll → idx → Option elem
  getElem! [Inhabited elem] (xs : coll) (i : idx) : elem

export GetElem? (getElem? getElem!)

instance : GetElem (List α) Nat α fun as i => i < as.length where
  getElem as i h := as.get ⟨i, h⟩

instance : GetElem? (List α) Nat α fun as i => i < as.length where
  getElem as i h := as.get ⟨i, h⟩
  getElem? as i := decidableGetElem? as i
  getElem! as i := match decidableGetElem? as i with | some e => e | none => outOfBounds

instance : GetElem (Array α) Nat α fun xs i => i < xs.size where
  getElem xs i h := xs.toList.get ⟨i, h⟩

instance : GetElem? (Array α) Nat α fun xs i => i < xs.size where
  getElem xs i h := xs.toList.get ⟨i, h⟩
  getElem? xs i := decidableGetElem? xs i
  getElem! xs i := match decidableGetElem? xs i with | some e => e | none => outOfBounds
-- ==== end of index notation ====

/-! # Omega support

`omega` proves `False` from facts `lᵢ ≤ rᵢ` over `Nat`: it adds multiples of them (`Nat.mul_le_mul_left`,
`Nat.add_le_add`) into one `L ≤ R`, reads both sides as `Omega.Lin` expressions over a list of atoms (`L` is
definitionally `Omega.Lin.denote atoms l`), and closes the proof with `Omega.refute`, whose side condition
`Omega.check l r = true` the kernel evaluates: every coefficient of `r` is at most the one of `l`, and `r`'s
constant is below `l`'s. -/

theorem Nat.mul_le_mul_left {m n : Nat} (k : Nat) (h : LE.le m n) : LE.le (k * m) (k * n) :=
  Nat.le.rec (motive := fun n _ => LE.le (k * m) (k * n)) (Nat.le_refl (k * m))
    (fun {n} _ ih => Nat.le_trans ih (Nat.le_add_right (k * n) k)) h

theorem Nat.mul_le_mul_right {m n : Nat} (k : Nat) (h : LE.le m n) : LE.le (m * k) (n * k) :=
  Eq.subst (motive := fun x => LE.le x (n * k)) (Nat.mul_comm k m)
    (Eq.subst (motive := fun x => LE.le (k * m) x) (Nat.mul_comm k n) (Nat.mul_le_mul_left k h))

protected theorem Nat.le_of_add_le_add_left {a b c : Nat} (h : LE.le (a + b) (a + c)) : LE.le b c :=
  Nat.rec (motive := fun a => LE.le (a + b) (a + c) → LE.le b c)
    (fun h => Eq.subst (motive := fun x => LE.le b x) (Nat.zero_add c)
      (Eq.subst (motive := fun x => LE.le x (0 + c)) (Nat.zero_add b) h))
    (fun a ih h => ih (Nat.le_of_succ_le_succ
      (Eq.subst (motive := fun x => LE.le x (Nat.succ (a + c))) (Nat.succ_add a b)
        (Eq.subst (motive := fun x => LE.le (Nat.succ a + b) x) (Nat.succ_add a c) h))))
    a h

protected theorem Nat.add_add_add_comm (a b c d : Nat) : Eq (a + b + (c + d)) (a + c + (b + d)) :=
  Eq.trans (Nat.add_assoc a b (c + d))
    (Eq.trans (congrArg (fun t => a + t) (Nat.add_left_comm b c d)) (Eq.symm (Nat.add_assoc a c (b + d))))

protected theorem Nat.sub_eq_zero_of_le {n m : Nat} (h : LE.le n m) : Eq (n - m) 0 :=
  Nat.le.rec (motive := fun m _ => Eq (n - m) 0) (Nat.sub_self n) (fun {m} _ ih => congrArg Nat.pred ih) h

protected theorem Nat.sub_add_cancel {n m : Nat} (h : LE.le m n) : Eq (n - m + m) n :=
  Nat.rec (motive := fun m => ∀ (n : Nat), LE.le m n → Eq (n - m + m) n)
    (fun _ _ => rfl)
    (fun m ih n => Nat.rec (motive := fun n => LE.le (Nat.succ m) n → Eq (n - Nat.succ m + Nat.succ m) n)
      (fun h => absurd h (Nat.not_succ_le_zero m))
      (fun n _ h => congrArg Nat.succ
        (Eq.trans (congrArg (fun x => x + m) (Nat.succ_sub_succ n m)) (ih n (Nat.le_of_succ_le_succ h))))
      n)
    m n h

protected theorem Nat.lt_or_gt_of_ne {a b : Nat} (ne : Ne a b) : Or (LT.lt a b) (GT.gt a b) :=
  Or.elim (Nat.lt_or_ge a b) Or.inl (fun h => Or.inr (Nat.lt_of_le_of_ne h (Ne.symm ne)))

theorem Decidable.not_or_of_imp {a b : Prop} [Decidable a] (h : a → b) : Or (Not a) b :=
  Or.elim (Decidable.em a) (fun ha => Or.inr (h ha)) Or.inl

theorem Decidable.and_or_not_and_not_of_iff {a b : Prop} [Decidable b] (h : Iff a b) :
    Or (And a b) (And (Not a) (Not b)) :=
  Or.elim (Decidable.em b) (fun hb => Or.inl (And.intro (Iff.mpr h hb) hb))
    (fun hnb => Or.inr (And.intro (fun ha => hnb (Iff.mp h ha)) hnb))

-- `m % k + k * (m / k) = m`, for the fuel-driven `Nat.div`/`Nat.mod` above: by induction on the fuel
theorem Nat.mod_add_div (m k : Nat) : Eq (m % k + k * (m / k)) m :=
  have steps : ∀ (fuel x : Nat), Eq ((Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x k)) (Bool.and (Nat.ble k x) (Nat.ble (Nat.succ Nat.zero) k))) fuel x) + k * (Nat.rec (motive := fun _ => Nat → Nat) (fun _ => Nat.zero) (fun _ ih x => Bool.rec (motive := fun _ => Nat) Nat.zero (Nat.succ (ih (Nat.sub x k))) (Bool.and (Nat.ble k x) (Nat.ble (Nat.succ Nat.zero) k))) fuel x)) x :=
    fun fuel => Nat.rec (motive := fun fuel => ∀ (x : Nat), Eq ((Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x k)) (Bool.and (Nat.ble k x) (Nat.ble (Nat.succ Nat.zero) k))) fuel x) + k * (Nat.rec (motive := fun _ => Nat → Nat) (fun _ => Nat.zero) (fun _ ih x => Bool.rec (motive := fun _ => Nat) Nat.zero (Nat.succ (ih (Nat.sub x k))) (Bool.and (Nat.ble k x) (Nat.ble (Nat.succ Nat.zero) k))) fuel x)) x)
      (fun x => rfl)
      (fun f ih x =>
        Bool.rec (motive := fun b => Eq (Nat.ble k x) b →
            Eq (Bool.rec (motive := fun _ => Nat) x (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x k)) (Bool.and (Nat.ble k x) (Nat.ble (Nat.succ Nat.zero) k))) f (Nat.sub x k)) (Bool.and b (Nat.ble (Nat.succ Nat.zero) k))
              + k * Bool.rec (motive := fun _ => Nat) Nat.zero (Nat.succ (Nat.rec (motive := fun _ => Nat → Nat) (fun _ => Nat.zero) (fun _ ih x => Bool.rec (motive := fun _ => Nat) Nat.zero (Nat.succ (ih (Nat.sub x k))) (Bool.and (Nat.ble k x) (Nat.ble (Nat.succ Nat.zero) k))) f (Nat.sub x k))) (Bool.and b (Nat.ble (Nat.succ Nat.zero) k))) x)
          (fun _ => rfl)
          (fun hb => Bool.rec (motive := fun c =>
              Eq (Bool.rec (motive := fun _ => Nat) x (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x k)) (Bool.and (Nat.ble k x) (Nat.ble (Nat.succ Nat.zero) k))) f (Nat.sub x k)) c
                + k * Bool.rec (motive := fun _ => Nat) Nat.zero (Nat.succ (Nat.rec (motive := fun _ => Nat → Nat) (fun _ => Nat.zero) (fun _ ih x => Bool.rec (motive := fun _ => Nat) Nat.zero (Nat.succ (ih (Nat.sub x k))) (Bool.and (Nat.ble k x) (Nat.ble (Nat.succ Nat.zero) k))) f (Nat.sub x k))) c) x)
            rfl
            (Eq.trans (Eq.symm (Nat.add_assoc (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x k)) (Bool.and (Nat.ble k x) (Nat.ble (Nat.succ Nat.zero) k))) f (Nat.sub x k)) (k * (Nat.rec (motive := fun _ => Nat → Nat) (fun _ => Nat.zero) (fun _ ih x => Bool.rec (motive := fun _ => Nat) Nat.zero (Nat.succ (ih (Nat.sub x k))) (Bool.and (Nat.ble k x) (Nat.ble (Nat.succ Nat.zero) k))) f (Nat.sub x k))) k))
              (Eq.trans (congrArg (fun t => t + k) (ih (Nat.sub x k))) (Nat.sub_add_cancel (Nat.le_of_ble_eq_true hb))))
            (Nat.ble (Nat.succ Nat.zero) k))
          (Nat.ble k x) rfl)
      fuel
  steps (Nat.succ m) m

-- the recursion of `Nat.div.inductionOn` on `fuel`, with `x < fuel`
def Nat.div.inductionOn.go {motive : Nat → Nat → Sort u} (y : Nat)
    (ind : ∀ x y, And (LT.lt 0 y) (LE.le y x) → motive (x - y) y → motive x y)
    (base : ∀ x y, Not (And (LT.lt 0 y) (LE.le y x)) → motive x y) (fuel : Nat) :
    ∀ (x : Nat), LT.lt x fuel → motive x y :=
  Nat.rec (motive := fun fuel => ∀ (x : Nat), LT.lt x fuel → motive x y)
    (fun x h => absurd h (Nat.not_lt_zero x))
    (fun _ ih x h => dite (And (LT.lt 0 y) (LE.le y x))
      (fun hc => ind x y hc (ih (x - y)
        (Nat.lt_of_lt_of_le (Nat.sub_lt (Nat.lt_of_lt_of_le hc.left hc.right) hc.left) (Nat.le_of_lt_succ h))))
      (fun hc => base x y hc))
    fuel

def Nat.div.inductionOn {motive : Nat → Nat → Sort u} (x y : Nat)
    (ind : ∀ x y, And (LT.lt 0 y) (LE.le y x) → motive (x - y) y → motive x y)
    (base : ∀ x y, Not (And (LT.lt 0 y) (LE.le y x)) → motive x y) : motive x y :=
  Nat.div.inductionOn.go y ind base (Nat.succ x) x (Nat.lt_succ_self x)

def Nat.mod.inductionOn {motive : Nat → Nat → Sort u} (x y : Nat)
    (ind : ∀ x y, And (LT.lt 0 y) (LE.le y x) → motive (x - y) y → motive x y)
    (base : ∀ x y, Not (And (LT.lt 0 y) (LE.le y x)) → motive x y) : motive x y :=
  Nat.div.inductionOn x y ind base

-- for the fuel-driven `Nat.mod`: more fuel than `x` does not change `x % b`
theorem Nat.mod_eq_sub_mod {a b : Nat} (h : GE.ge a b) : Eq (a % b) ((a - b) % b) :=
  have more : ∀ (f x : Nat), LT.lt x f → Eq (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) (Nat.succ f) x) (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) f x) :=
    fun f => Nat.rec (motive := fun f => ∀ (x : Nat), LT.lt x f → Eq (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) (Nat.succ f) x) (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) f x))
      (fun x hx => absurd hx (Nat.not_lt_zero x))
      (fun f ih x hx =>
        Bool.rec (motive := fun c => Eq (Nat.ble b x) c →
            Eq (Bool.rec (motive := fun _ => Nat) x (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) (Nat.succ f) (Nat.sub x b))
                (Bool.and c (Nat.ble (Nat.succ Nat.zero) b)))
              (Bool.rec (motive := fun _ => Nat) x (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) f (Nat.sub x b))
                (Bool.and c (Nat.ble (Nat.succ Nat.zero) b))))
          (fun _ => rfl)
          (fun hbx => Bool.rec (motive := fun c => Eq (Nat.ble (Nat.succ Nat.zero) b) c →
              Eq (Bool.rec (motive := fun _ => Nat) x (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) (Nat.succ f) (Nat.sub x b)) c)
                (Bool.rec (motive := fun _ => Nat) x (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) f (Nat.sub x b)) c))
            (fun _ => rfl)
            (fun hb =>
              have pos : LT.lt 0 b := Nat.le_of_ble_eq_true hb
              ih (Nat.sub x b) (Nat.lt_of_lt_of_le
                (Nat.sub_lt (Nat.lt_of_lt_of_le pos (Nat.le_of_ble_eq_true hbx)) pos) (Nat.le_of_lt_succ hx)))
            (Nat.ble (Nat.succ Nat.zero) b) rfl)
          (Nat.ble b x) rfl)
      f
  have enough : ∀ (x k : Nat), Eq (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) (Nat.succ x + k) x) (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) (Nat.succ x) x) :=
    fun x k => Nat.rec (motive := fun k => Eq (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) (Nat.succ x + k) x) (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) (Nat.succ x) x)) rfl
      (fun k ih => Eq.trans (more (Nat.succ x + k) x
        (Nat.lt_of_lt_of_le (Nat.lt_succ_self x) (Nat.le_add_right (Nat.succ x) k))) ih) k
  have any : ∀ (f x : Nat), LT.lt x f → Eq (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) f x) (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) (Nat.succ x) x) :=
    fun f x hx => Eq.subst (motive := fun t => Eq (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) t x) (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) (Nat.succ x) x))
      (Eq.trans (Nat.add_comm (Nat.succ x) (f - Nat.succ x)) (Nat.sub_add_cancel hx)) (enough x (f - Nat.succ x))
  have pos : LT.lt 0 b → Eq (a % b) ((a - b) % b) := fun hb =>
    Eq.mpr (congrArg (fun t => Eq (Bool.rec (motive := fun _ => Nat) a (Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih x => Bool.rec (motive := fun _ => Nat) x (ih (Nat.sub x b)) (Bool.and (Nat.ble b x) (Nat.ble (Nat.succ Nat.zero) b))) a (Nat.sub a b)) t) ((a - b) % b))
        (congr (congrArg Bool.and (Nat.ble_eq_true_of_le h)) (Nat.ble_eq_true_of_le hb)))
      (any a (a - b) (Nat.sub_lt (Nat.lt_of_lt_of_le hb h) hb))
  Nat.rec (motive := fun c => Eq b c → Eq (a % b) ((a - b) % b))
    (fun hb => Eq.subst (motive := fun c => Eq (a % c) ((a - c) % c)) (Eq.symm hb) rfl)
    (fun c _ hb => pos (Eq.subst (motive := fun c => LT.lt 0 c) (Eq.symm hb) (Nat.succ_pos c)))
    b rfl

-- divisibility on Nat and Int (Init/Data/Nat/Dvd, Init/Data/Int/DivMod)
instance Nat.instDvdNat : Dvd Nat := ⟨fun a b => Exists (fun c => Eq b (a * c))⟩
instance Int.instDvdInt : Dvd Int := ⟨fun a b => Exists (fun c => Eq b (a * c))⟩

theorem Nat.zero_mod (b : Nat) : Eq (0 % b) 0 :=
  Nat.casesOn (motive := fun b => Eq (0 % b) 0) b rfl (fun _ => rfl)

theorem Nat.add_mod_right (x z : Nat) : Eq ((x + z) % z) (x % z) :=
  Eq.trans (Nat.mod_eq_sub_mod (Nat.le_add_left z x)) (congrArg (fun t => t % z) Nat.add_sub_cancel)

theorem Nat.mul_mod_right (n k : Nat) : Eq ((n * k) % n) 0 :=
  Nat.rec (motive := fun k => Eq ((n * k) % n) 0) (Nat.zero_mod n)
    (fun k ih => Eq.trans (Nat.add_mod_right (n * k) n) ih) k

theorem Nat.mod_eq_zero_of_dvd {a b : Nat} (h : a ∣ b) : Eq (b % a) 0 :=
  Exists.elim h (fun c hc => Eq.trans (congrArg (fun t => t % a) hc) (Nat.mul_mod_right a c))

theorem Nat.dvd_of_mod_eq_zero {a b : Nat} (h : Eq (b % a) 0) : a ∣ b :=
  ⟨b / a, Eq.symm (Eq.trans (Eq.symm (Nat.zero_add (a * (b / a))))
    (Eq.trans (congrArg (fun t => t + a * (b / a)) (Eq.symm h)) (Nat.mod_add_div b a)))⟩

theorem Nat.dvd_iff_mod_eq_zero {k n : Nat} : Iff (k ∣ n) (Eq (n % k) 0) :=
  ⟨Nat.mod_eq_zero_of_dvd, Nat.dvd_of_mod_eq_zero⟩

instance Nat.decidable_dvd (k n : Nat) : Decidable (k ∣ n) :=
  decidable_of_decidable_of_iff (Iff.intro Nat.dvd_of_mod_eq_zero Nat.mod_eq_zero_of_dvd)

protected theorem Nat.dvd_refl (a : Nat) : a ∣ a := ⟨1, Eq.symm (Nat.mul_one a)⟩
protected theorem Nat.dvd_zero (a : Nat) : a ∣ 0 := ⟨0, Eq.symm (Nat.mul_zero a)⟩
protected theorem Nat.one_dvd (n : Nat) : 1 ∣ n := ⟨n, Eq.symm (Nat.one_mul n)⟩
protected theorem Nat.dvd_mul_right (a b : Nat) : a ∣ a * b := ⟨b, rfl⟩
protected theorem Nat.dvd_mul_left (a b : Nat) : a ∣ b * a := ⟨b, Nat.mul_comm b a⟩
protected theorem Nat.dvd_trans {a b c : Nat} (h₁ : a ∣ b) (h₂ : b ∣ c) : a ∣ c :=
  Exists.elim h₁ (fun d hd => Exists.elim h₂ (fun e he =>
    ⟨d * e, Eq.trans he (Eq.trans (congrArg (fun t => t * e) hd) (Nat.mul_assoc a d e))⟩))

-- small core lemmas (Init/Core, Init/Data/Nat/Basic, Init/Data/List/Basic), with Lean's statements
@[simp] theorem Function.comp_apply {α : Sort u} {β : Sort v} {δ : Sort w} {f : β → δ} {g : α → β} {x : α} :
    Eq (Function.comp f g x) (f (g x)) := rfl
theorem Function.comp_def {α : Sort u} {β : Sort v} {δ : Sort w} (f : β → δ) (g : α → β) :
    Eq (Function.comp f g) (fun x => f (g x)) := rfl
protected theorem Nat.min_def {n m : Nat} : Eq (min n m) (ite (LE.le n m) n m) := rfl
protected theorem Nat.max_def {n m : Nat} : Eq (max n m) (ite (LE.le n m) m n) := rfl
protected theorem Nat.one_pos : LT.lt 0 (1 : Nat) := Nat.zero_lt_one
theorem Nat.add_one_ne_zero (n : Nat) : Not (Eq (n + 1) 0) := Nat.succ_ne_zero n
theorem Nat.succ_sub_one (n : Nat) : Eq (Nat.succ n - 1) n := rfl
protected theorem Nat.not_le {a b : Nat} : Iff (Not (LE.le a b)) (LT.lt b a) :=
  ⟨Nat.lt_of_not_le, Nat.not_le_of_gt⟩
protected theorem Nat.not_lt {a b : Nat} : Iff (Not (LT.lt a b)) (LE.le b a) :=
  ⟨Nat.le_of_not_lt, Nat.not_lt_of_le⟩
theorem Option.some_ne_none {α : Type u} (a : α) : Not (Eq (some a) none) := fun h => nomatch h
@[simp] theorem List.foldl_cons {α : Type u} {β : Type v} {f : α → β → α} {a : β} {l : List β} {b : α} :
    Eq (List.foldl f b (List.cons a l)) (List.foldl f (f b a) l) := rfl
theorem List.mem_cons {α : Type u} {a b : α} {l : List α} :
    Iff (Membership.mem (List.cons b l) a) (Or (Eq a b) (Membership.mem l a)) :=
  ⟨fun h => match h with
    | List.Mem.head _ => Or.inl rfl
    | List.Mem.tail _ h' => Or.inr h',
   fun h => match h with
    | Or.inl e => Eq.mpr (congrArg (fun t => List.Mem t (List.cons b l)) e) (List.Mem.head l)
    | Or.inr m => List.Mem.tail b m⟩
theorem Bool.and_comm (x y : Bool) : Eq (and x y) (and y x) :=
  Bool.casesOn (motive := fun x => Eq (and x y) (and y x)) x
    (Bool.casesOn (motive := fun y => Eq (and false y) (and y false)) y rfl rfl)
    (Bool.casesOn (motive := fun y => Eq (and true y) (and y true)) y rfl rfl)
theorem Bool.or_comm (x y : Bool) : Eq (or x y) (or y x) :=
  Bool.casesOn (motive := fun x => Eq (or x y) (or y x)) x
    (Bool.casesOn (motive := fun y => Eq (or false y) (or y false)) y rfl rfl)
    (Bool.casesOn (motive := fun y => Eq (or true y) (or y true)) y rfl rfl)
theorem Prod.ext {α : Type u} {β : Type v} {p q : Prod α β} (h₁ : Eq p.1 q.1) (h₂ : Eq p.2 q.2) : Eq p q :=
  Prod.casesOn (motive := fun p => Eq p.1 q.1 → Eq p.2 q.2 → Eq p q) p
    (fun a b => Prod.casesOn (motive := fun q => Eq a q.1 → Eq b q.2 → Eq (Prod.mk a b) q) q
      (fun c d e₁ e₂ => Eq.mpr (congrArg (fun t => Eq (Prod.mk a b) (Prod.mk t d)) e₁.symm)
        (Eq.mpr (congrArg (fun t => Eq (Prod.mk a b) (Prod.mk a t)) e₂.symm) rfl))) h₁ h₂
protected theorem Subtype.ext {α : Sort u} {p : α → Prop} {a1 a2 : Subtype p} (h : Eq a1.val a2.val) : Eq a1 a2 :=
  Subtype.casesOn (motive := fun a1 => Eq a1.val a2.val → Eq a1 a2) a1
    (fun v1 p1 => Subtype.casesOn (motive := fun a2 => Eq v1 a2.val → Eq (Subtype.mk v1 p1) a2) a2
      (fun v2 p2 e => Eq.ndrec (motive := fun v => ∀ (p : _), Eq (Subtype.mk v1 p1) (Subtype.mk v p))
        (fun _ => rfl) e p2)) h

-- membership in a list, and bounded quantifiers over it, are decidable (`decide` on `x ∈ l`, `∀ x ∈ l, p x`)
instance List.instDecidableMem {α : Type u} [DecidableEq α] (a : α) (l : List α) : Decidable (a ∈ l) :=
  List.rec (motive := fun l => Decidable (a ∈ l)) (isFalse (fun (h : List.Mem a List.nil) => nomatch h))
    (fun b l ih =>
      if h : a = b then isTrue (Eq.subst (motive := fun x => List.Mem a (List.cons x l)) h (List.Mem.head l)) else
        match ih with
        | isTrue h' => isTrue (List.Mem.tail b h')
        | isFalse h' => isFalse (fun m => Or.elim (List.mem_cons.mp m) h h')) l

instance List.decidableBAll {α : Type u} (p : α → Prop) [DecidablePred p] (l : List α) :
    Decidable (∀ x, x ∈ l → p x) :=
  List.rec (motive := fun l => Decidable (∀ x, x ∈ l → p x)) (isTrue (fun (x : α) (h : List.Mem x List.nil) => nomatch h))
    (fun b l ih =>
      if hb : p b then
        match ih with
        | isTrue h => isTrue (fun x m => Or.elim (List.mem_cons.mp m)
            (fun e => Eq.subst (motive := p) e.symm hb) (fun m' => h x m'))
        | isFalse h => isFalse (fun h' => h (fun x m => h' x (List.Mem.tail b m)))
      else isFalse (fun h' => hb (h' b (List.Mem.head l)))) l

instance List.decidableBEx {α : Type u} (p : α → Prop) [DecidablePred p] (l : List α) :
    Decidable (∃ x, x ∈ l ∧ p x) :=
  List.rec (motive := fun l => Decidable (∃ x, x ∈ l ∧ p x)) (isFalse (fun h => Exists.elim h (fun x hx => absurd hx.1 (fun (m : List.Mem x List.nil) => nomatch m))))
    (fun b l ih =>
      if hb : p b then isTrue ⟨b, List.Mem.head l, hb⟩ else
        match ih with
        | isTrue h => isTrue (match h with | ⟨x, m, px⟩ => ⟨x, List.Mem.tail b m, px⟩)
        | isFalse h => isFalse (fun ⟨x, m, px⟩ => Or.elim (List.mem_cons.mp m)
            (fun e => hb (Eq.subst (motive := p) e px)) (fun m' => h ⟨x, m', px⟩))) l

-- more of Lean's `Array` and `List` API (Init/Data/Array/Basic, Init/Data/List/Basic), over leanr's list-backed
-- `Array`
def Array.filter {α : Type u} (p : α → Bool) (as : Array α) (start : Nat := 0) (stop : Nat := as.size) : Array α :=
  Array.mk (List.filter p (List.drop start (List.take stop as.toList)))
def Array.filterMap {α : Type u} {β : Type u} (f : α → Option β) (as : Array α) (start : Nat := 0)
    (stop : Nat := as.size) : Array β :=
  Array.mk (List.filterMap f (List.drop start (List.take stop as.toList)))
def Array.any {α : Type u} (as : Array α) (p : α → Bool) (start : Nat := 0) (stop : Nat := as.size) : Bool :=
  List.any (List.drop start (List.take stop as.toList)) p
def Array.all {α : Type u} (as : Array α) (p : α → Bool) (start : Nat := 0) (stop : Nat := as.size) : Bool :=
  List.all (List.drop start (List.take stop as.toList)) p
def Array.contains {α : Type u} [BEq α] (as : Array α) (a : α) : Bool := List.contains as.toList a
def Array.reverse {α : Type u} (as : Array α) : Array α := Array.mk (List.reverse as.toList)
def Array.append {α : Type u} (as : Array α) (bs : Array α) : Array α := Array.mk (List.append as.toList bs.toList)
instance Array.instAppend {α : Type u} : Append (Array α) := ⟨Array.append⟩
def Array.range (n : Nat) : Array Nat := Array.mk (List.range n)
def Array.zip {α : Type u} {β : Type u} (as : Array α) (bs : Array β) : Array (Prod α β) :=
  Array.mk (List.zip as.toList bs.toList)
def Array.pop {α : Type u} (a : Array α) : Array α := Array.mk (List.take (Nat.sub a.size 1) a.toList)
def Array.back? {α : Type u} (a : Array α) : Option α := List.getLast? a.toList
def Array.isEmpty {α : Type u} (a : Array α) : Bool := Nat.beq a.size 0
def Array.replicate {α : Type u} (n : Nat) (v : α) : Array α := Array.mk (List.replicate n v)
def Array.getD {α : Type u_1} (a : Array α) (i : Nat) (v₀ : α) : α := List.getD a.toList i v₀
def Array.set! {α : Type u} (a : Array α) (i : Nat) (v : α) : Array α := Array.mk (List.set a.toList i v)
def Array.extract {α : Type u_1} (as : Array α) (start : Nat := 0) (stop : Nat := as.size) : Array α :=
  Array.mk (List.drop start (List.take stop as.toList))

def List.countP {α : Type u} (p : α → Bool) (l : List α) : Nat :=
  List.rec (motive := fun (_ : List α) => Nat) 0 (fun a _ ih => Bool.rec (motive := fun _ => Nat) ih (ih + 1) (p a)) l
def List.count {α : Type u} [BEq α] (a : α) (l : List α) : Nat := List.countP (fun x => BEq.beq x a) l
def List.lookup {α : Type u} {β : Type v} [BEq α] (a : α) (l : List (Prod α β)) : Option β :=
  List.rec (motive := fun (_ : List (Prod α β)) => Option β) none
    (fun p _ ih => Bool.rec (motive := fun _ => Option β) ih (some p.2) (BEq.beq a p.1)) l
def List.erase {α : Type u} [BEq α] (l : List α) (a : α) : List α :=
  List.rec (motive := fun (_ : List α) => List α) List.nil
    (fun b as ih => Bool.rec (motive := fun _ => List α) (List.cons b ih) as (BEq.beq b a)) l
def List.dropLast {α : Type u} (l : List α) : List α := List.take (Nat.sub (List.length l) 1) l
def List.splitAt {α : Type u} (n : Nat) (l : List α) : Prod (List α) (List α) := Prod.mk (List.take n l) (List.drop n l)
def List.intersperse {α : Type u} (sep : α) (l : List α) : List α :=
  List.rec (motive := fun (_ : List α) => List α) List.nil
    (fun a as ih => List.rec (motive := fun (_ : List α) => List α) (List.cons a List.nil) (fun _ _ _ => List.cons a (List.cons sep ih)) as) l
def List.intercalate {α : Type u} (sep : List α) (xs : List (List α)) : List α :=
  List.rec (motive := fun (_ : List (List α)) => List α) List.nil
    (fun x rest ih => List.rec (motive := fun (_ : List (List α)) => List α) x (fun _ _ _ => List.append x (List.append sep ih)) rest) xs
def List.unzip {α : Type u} {β : Type v} (l : List (Prod α β)) : Prod (List α) (List β) :=
  List.rec (motive := fun (_ : List (Prod α β)) => Prod (List α) (List β)) (Prod.mk List.nil List.nil)
    (fun p _ ih => Prod.mk (List.cons p.1 ih.1) (List.cons p.2 ih.2)) l
def List.span {α : Type u} (p : α → Bool) (l : List α) : Prod (List α) (List α) :=
  List.rec (motive := fun (_ : List α) => Prod (List α) (List α)) (Prod.mk List.nil List.nil)
    (fun a as ih => Bool.rec (motive := fun _ => Prod (List α) (List α)) (Prod.mk List.nil (List.cons a as))
      (Prod.mk (List.cons a ih.1) ih.2) (p a)) l


noncomputable def Nat.strongRecOn {motive : Nat → Sort u} (n : Nat)
    (ind : ∀ n, (∀ m, LT.lt m n → motive m) → motive n) : motive n :=
  WellFounded.fix (WellFoundedRelation.wf (self := Nat.lt_wfRel)) ind n

-- the case split `omega` makes for an atom `a - b`
theorem Omega.sub_cases (a b : Nat) :
    Or (And (LE.le b a) (Eq (a - b + b) a)) (And (LT.lt a b) (Eq (a - b) 0)) :=
  Or.elim (Nat.lt_or_ge a b)
    (fun h => Or.inr (And.intro h (Nat.sub_eq_zero_of_le (Nat.le_of_lt h))))
    (fun h => Or.inl (And.intro h (Nat.sub_add_cancel h)))

-- the case splits `omega` makes for atoms `min a b` and `max a b`
theorem Omega.min_cases (a b : Nat) :
    Or (And (LE.le a b) (Eq (Min.min a b) a)) (And (LT.lt b a) (Eq (Min.min a b) b)) :=
  Or.elim (Nat.lt_or_ge b a)
    (fun h => Or.inr (And.intro h (@if_neg (LE.le a b) (Nat.decLe a b) (Nat.not_le_of_gt h) Nat a b)))
    (fun h => Or.inl (And.intro h (@if_pos (LE.le a b) (Nat.decLe a b) h Nat a b)))

theorem Omega.max_cases (a b : Nat) :
    Or (And (LE.le a b) (Eq (Max.max a b) b)) (And (LT.lt b a) (Eq (Max.max a b) a)) :=
  Or.elim (Nat.lt_or_ge b a)
    (fun h => Or.inr (And.intro h (@if_neg (LE.le a b) (Nat.decLe a b) (Nat.not_le_of_gt h) Nat b a)))
    (fun h => Or.inl (And.intro h (@if_pos (LE.le a b) (Nat.decLe a b) h Nat b a)))

theorem Omega.and_left {x y : Bool} (h : Eq (Bool.and x y) true) : Eq x true :=
  Bool.rec (motive := fun x => Eq (Bool.and x y) true → Eq x true) (fun h => h) (fun _ => rfl) x h

theorem Omega.and_right {x y : Bool} (h : Eq (Bool.and x y) true) : Eq y true :=
  Bool.rec (motive := fun x => Eq (Bool.and x y) true → Eq y true)
    (fun h => absurd h (ne_true_of_eq_false rfl)) (fun h => h) x h

-- linear expressions over `Nat` atoms (`atom i` is the `i`-th atom of the list the expression is read over)
inductive Omega.Lin where
  | atom : Nat → Omega.Lin
  | num : Nat → Omega.Lin
  | add : Omega.Lin → Omega.Lin → Omega.Lin
  | mulL : Nat → Omega.Lin → Omega.Lin
  | mulR : Omega.Lin → Nat → Omega.Lin
  | succ : Omega.Lin → Omega.Lin

def Omega.Lin.denote (ρ : List Nat) (e : Omega.Lin) : Nat :=
  Omega.Lin.rec (motive := fun _ => Nat) (fun i => List.getD ρ i 0) (fun n => n)
    (fun _ _ a b => a + b) (fun k _ a => k * a) (fun _ k a => a * k) (fun _ a => Nat.succ a) e

-- normal form: coefficient list (position `i` is atom `i`'s coefficient) and constant
def Omega.single (i : Nat) : List Nat :=
  Nat.rec (motive := fun _ => List Nat) (List.cons 1 List.nil) (fun _ ih => List.cons 0 ih) i

def Omega.addC (l m : List Nat) : List Nat :=
  List.rec (motive := fun _ => List Nat → List Nat) (fun m => m)
    (fun a as ih m => List.rec (motive := fun _ => List Nat) (List.cons a as)
      (fun b bs _ => List.cons (a + b) (ih bs)) m) l m

def Omega.scaleC (k : Nat) (l : List Nat) : List Nat :=
  List.rec (motive := fun _ => List Nat) List.nil (fun c _ ih => List.cons (k * c) ih) l

def Omega.Lin.coeffs (e : Omega.Lin) : List Nat :=
  Omega.Lin.rec (motive := fun _ => List Nat) (fun i => Omega.single i) (fun _ => List.nil)
    (fun _ _ a b => Omega.addC a b) (fun k _ a => Omega.scaleC k a) (fun _ k a => Omega.scaleC k a) (fun _ a => a) e

def Omega.Lin.const (e : Omega.Lin) : Nat :=
  Omega.Lin.rec (motive := fun _ => Nat) (fun _ => 0) (fun n => n)
    (fun _ _ a b => a + b) (fun k _ a => k * a) (fun _ k a => k * a) (fun _ a => Nat.succ a) e

def Omega.evalC (cs ρ : List Nat) : Nat :=
  List.rec (motive := fun _ => List Nat → Nat) (fun _ => 0)
    (fun c _ ih ρ => c * List.headD ρ 0 + ih (List.tail ρ)) cs ρ

def Omega.zeroC (l : List Nat) : Bool :=
  List.rec (motive := fun _ => Bool) true (fun c _ ih => Bool.and (Nat.beq c 0) ih) l

-- `geC l m`: every coefficient of `m` is at most the one of `l` (missing ones are 0)
def Omega.geC (l m : List Nat) : Bool :=
  List.rec (motive := fun _ => List Nat → Bool) (fun m => Omega.zeroC m)
    (fun a _ ih m => List.rec (motive := fun _ => Bool) true (fun b bs _ => Bool.and (Nat.ble b a) (ih bs)) m) l m

def Omega.check (l r : Omega.Lin) : Bool :=
  Bool.and (Omega.geC (Omega.Lin.coeffs l) (Omega.Lin.coeffs r)) (Nat.blt (Omega.Lin.const r) (Omega.Lin.const l))

theorem Omega.evalC_single (i : Nat) : ∀ (ρ : List Nat), Eq (Omega.evalC (Omega.single i) ρ) (List.getD ρ i 0) :=
  Nat.rec (motive := fun i => ∀ (ρ : List Nat), Eq (Omega.evalC (Omega.single i) ρ) (List.getD ρ i 0))
    (fun ρ => List.rec (motive := fun ρ => Eq (Omega.evalC (Omega.single 0) ρ) (List.getD ρ 0 0))
      rfl (fun x _ _ => Nat.one_mul x) ρ)
    (fun i ih ρ => List.rec
      (motive := fun ρ => Eq (Omega.evalC (Omega.single (Nat.succ i)) ρ) (List.getD ρ (Nat.succ i) 0))
      (Eq.trans (congrArg (fun t => t + Omega.evalC (Omega.single i) List.nil) (Nat.zero_mul 0))
        (Eq.trans (Nat.zero_add (Omega.evalC (Omega.single i) List.nil)) (ih List.nil)))
      (fun x xs _ => Eq.trans (congrArg (fun t => t + Omega.evalC (Omega.single i) xs) (Nat.zero_mul x))
        (Eq.trans (Nat.zero_add (Omega.evalC (Omega.single i) xs)) (ih xs)))
      ρ)
    i

theorem Omega.evalC_addC (l : List Nat) :
    ∀ (m ρ : List Nat), Eq (Omega.evalC (Omega.addC l m) ρ) (Omega.evalC l ρ + Omega.evalC m ρ) :=
  List.rec
    (motive := fun l => ∀ (m ρ : List Nat), Eq (Omega.evalC (Omega.addC l m) ρ) (Omega.evalC l ρ + Omega.evalC m ρ))
    (fun m ρ => Eq.symm (Nat.zero_add (Omega.evalC m ρ)))
    (fun a as ih m => List.rec (motive := fun m => ∀ (ρ : List Nat),
        Eq (Omega.evalC (Omega.addC (List.cons a as) m) ρ) (Omega.evalC (List.cons a as) ρ + Omega.evalC m ρ))
      (fun ρ => rfl)
      (fun b bs _ ρ => Eq.trans (congrArg (fun t => (a + b) * List.headD ρ 0 + t) (ih bs (List.tail ρ)))
        (Eq.trans (congrArg (fun t => t + (Omega.evalC as (List.tail ρ) + Omega.evalC bs (List.tail ρ)))
            (Nat.add_mul a b (List.headD ρ 0)))
          (Nat.add_add_add_comm (a * List.headD ρ 0) (b * List.headD ρ 0)
            (Omega.evalC as (List.tail ρ)) (Omega.evalC bs (List.tail ρ)))))
      m)
    l

theorem Omega.evalC_scaleC (k : Nat) (l : List Nat) :
    ∀ (ρ : List Nat), Eq (Omega.evalC (Omega.scaleC k l) ρ) (k * Omega.evalC l ρ) :=
  List.rec (motive := fun l => ∀ (ρ : List Nat), Eq (Omega.evalC (Omega.scaleC k l) ρ) (k * Omega.evalC l ρ))
    (fun _ => rfl)
    (fun c cs ih ρ => Eq.trans (congrArg (fun t => k * c * List.headD ρ 0 + t) (ih (List.tail ρ)))
      (Eq.trans (congrArg (fun t => t + k * Omega.evalC cs (List.tail ρ)) (Nat.mul_assoc k c (List.headD ρ 0)))
        (Eq.symm (Nat.mul_add k (c * List.headD ρ 0) (Omega.evalC cs (List.tail ρ))))))
    l

theorem Omega.Lin.denote_eq (ρ : List Nat) (e : Omega.Lin) :
    Eq (Omega.Lin.denote ρ e) (Omega.evalC (Omega.Lin.coeffs e) ρ + Omega.Lin.const e) :=
  Omega.Lin.rec
    (motive := fun e => Eq (Omega.Lin.denote ρ e) (Omega.evalC (Omega.Lin.coeffs e) ρ + Omega.Lin.const e))
    (fun i => Eq.symm (Omega.evalC_single i ρ))
    (fun n => Eq.symm (Nat.zero_add n))
    (fun a b iha ihb => Eq.trans (congrArg (fun t => t + Omega.Lin.denote ρ b) iha)
      (Eq.trans (congrArg (fun t => Omega.evalC (Omega.Lin.coeffs a) ρ + Omega.Lin.const a + t) ihb)
        (Eq.trans (Nat.add_add_add_comm (Omega.evalC (Omega.Lin.coeffs a) ρ) (Omega.Lin.const a)
            (Omega.evalC (Omega.Lin.coeffs b) ρ) (Omega.Lin.const b))
          (congrArg (fun t => t + (Omega.Lin.const a + Omega.Lin.const b))
            (Eq.symm (Omega.evalC_addC (Omega.Lin.coeffs a) (Omega.Lin.coeffs b) ρ))))))
    (fun k a iha => Eq.trans (congrArg (fun t => k * t) iha)
      (Eq.trans (Nat.mul_add k (Omega.evalC (Omega.Lin.coeffs a) ρ) (Omega.Lin.const a))
        (congrArg (fun t => t + k * Omega.Lin.const a) (Eq.symm (Omega.evalC_scaleC k (Omega.Lin.coeffs a) ρ)))))
    (fun a k iha => Eq.trans (Nat.mul_comm (Omega.Lin.denote ρ a) k)
      (Eq.trans (congrArg (fun t => k * t) iha)
        (Eq.trans (Nat.mul_add k (Omega.evalC (Omega.Lin.coeffs a) ρ) (Omega.Lin.const a))
          (congrArg (fun t => t + k * Omega.Lin.const a) (Eq.symm (Omega.evalC_scaleC k (Omega.Lin.coeffs a) ρ))))))
    (fun _ iha => congrArg Nat.succ iha)
    e

theorem Omega.evalC_of_zeroC (l : List Nat) : ∀ (ρ : List Nat), Eq (Omega.zeroC l) true → Eq (Omega.evalC l ρ) 0 :=
  List.rec (motive := fun l => ∀ (ρ : List Nat), Eq (Omega.zeroC l) true → Eq (Omega.evalC l ρ) 0)
    (fun _ _ => rfl)
    (fun c cs ih ρ h =>
      Eq.trans (congrArg (fun t => t * List.headD ρ 0 + Omega.evalC cs (List.tail ρ))
          (Nat.eq_of_beq_eq_true (@Omega.and_left (Nat.beq c 0) (Omega.zeroC cs) h)))
        (Eq.trans (congrArg (fun t => t + Omega.evalC cs (List.tail ρ)) (Nat.zero_mul (List.headD ρ 0)))
          (Eq.trans (Nat.zero_add (Omega.evalC cs (List.tail ρ)))
            (ih (List.tail ρ) (@Omega.and_right (Nat.beq c 0) (Omega.zeroC cs) h)))))
    l

theorem Omega.evalC_le_of_geC (l : List Nat) :
    ∀ (m ρ : List Nat), Eq (Omega.geC l m) true → LE.le (Omega.evalC m ρ) (Omega.evalC l ρ) :=
  List.rec
    (motive := fun l => ∀ (m ρ : List Nat), Eq (Omega.geC l m) true → LE.le (Omega.evalC m ρ) (Omega.evalC l ρ))
    (fun m ρ h => Nat.le_of_eq (Omega.evalC_of_zeroC m ρ h))
    (fun a as ih m => List.rec (motive := fun m => ∀ (ρ : List Nat),
        Eq (Omega.geC (List.cons a as) m) true → LE.le (Omega.evalC m ρ) (Omega.evalC (List.cons a as) ρ))
      (fun ρ _ => Nat.zero_le (Omega.evalC (List.cons a as) ρ))
      (fun b bs _ ρ h => Nat.add_le_add
        (Nat.mul_le_mul_right (List.headD ρ 0)
          (Nat.le_of_ble_eq_true (@Omega.and_left (Nat.ble b a) (Omega.geC as bs) h)))
        (ih bs (List.tail ρ) (@Omega.and_right (Nat.ble b a) (Omega.geC as bs) h)))
      m)
    l

theorem Omega.refute (ρ : List Nat) (l r : Omega.Lin)
    (h : LE.le (Omega.Lin.denote ρ l) (Omega.Lin.denote ρ r)) (hc : Eq (Omega.check l r) true) : False :=
  have h1 : LE.le (Omega.evalC (Omega.Lin.coeffs l) ρ + Omega.Lin.const l)
      (Omega.evalC (Omega.Lin.coeffs r) ρ + Omega.Lin.const r) :=
    Eq.subst (motive := fun x => LE.le x (Omega.evalC (Omega.Lin.coeffs r) ρ + Omega.Lin.const r))
      (Omega.Lin.denote_eq ρ l)
      (Eq.subst (motive := fun x => LE.le (Omega.Lin.denote ρ l) x) (Omega.Lin.denote_eq ρ r) h)
  have h2 : LE.le (Omega.evalC (Omega.Lin.coeffs r) ρ + Omega.Lin.const r)
      (Omega.evalC (Omega.Lin.coeffs l) ρ + Omega.Lin.const r) :=
    Nat.add_le_add_right (Omega.evalC_le_of_geC (Omega.Lin.coeffs l) (Omega.Lin.coeffs r) ρ
      (@Omega.and_left (Omega.geC (Omega.Lin.coeffs l) (Omega.Lin.coeffs r))
        (Nat.blt (Omega.Lin.const r) (Omega.Lin.const l)) hc)) (Omega.Lin.const r)
  have h3 : LE.le (Omega.Lin.const l) (Omega.Lin.const r) := Nat.le_of_add_le_add_left (Nat.le_trans h1 h2)
  Nat.not_succ_le_self (Omega.Lin.const r)
    (Nat.le_trans (Nat.le_of_ble_eq_true (@Omega.and_right (Omega.geC (Omega.Lin.coeffs l) (Omega.Lin.coeffs r))
      (Nat.blt (Omega.Lin.const r) (Omega.Lin.const l)) hc)) h3)

/-! ## Int facts as Nat facts

An `Int` term is read as `Int.subNatNat P N` for linear `Nat` terms `P`, `N`: an atom `x` as
`Int.subNatNat x.toNat (-x).toNat`, a cast `↑n` as `Int.subNatNat n 0`, and `+`, `-`, negation and
multiplication by a literal act on the pairs. A comparison of two such terms is then one of `Nat` terms
(`Omega.int_le_iff`, `Omega.int_lt_iff`, `Omega.int_eq_iff`), which the `Nat` procedure refutes. The lemmas
below are proved by induction on the pair (`Omega.subNatNat_induction`): both components are lowered
together until one is zero, where `Int.subNatNat` is a constructor. -/

theorem Omega.subNatNat_succ_succ (m n : Nat) :
    Eq (Int.subNatNat (Nat.succ m) (Nat.succ n)) (Int.subNatNat m n) :=
  Eq.trans
    (congrArg (fun p => Nat.rec (motive := fun _ => Int) (Int.ofNat p) (fun k _ => Int.negSucc k) (Nat.succ n - Nat.succ m))
      (Nat.succ_sub_succ m n))
    (congrArg (fun q => Nat.rec (motive := fun _ => Int) (Int.ofNat (m - n)) (fun k _ => Int.negSucc k) q)
      (Nat.succ_sub_succ n m))

theorem Int.subNatNat_add_add (m n k : Nat) : Eq (Int.subNatNat (m + k) (n + k)) (Int.subNatNat m n) :=
  Nat.rec (motive := fun k => Eq (Int.subNatNat (m + k) (n + k)) (Int.subNatNat m n)) rfl
    (fun k ih => Eq.trans (Omega.subNatNat_succ_succ (m + k) (n + k)) ih) k

theorem Omega.subNatNat_zero (m : Nat) : Eq (Int.subNatNat m 0) (Int.ofNat m) :=
  congrArg (fun q => Nat.rec (motive := fun _ => Int) (Int.ofNat m) (fun k _ => Int.negSucc k) q) (Nat.zero_sub m)

theorem Omega.negOfNat_eq (n : Nat) : Eq (Int.negOfNat n) (Int.subNatNat 0 n) :=
  Nat.rec (motive := fun n => Eq (Int.negOfNat n) (Int.subNatNat 0 n)) rfl (fun _ _ => rfl) n

-- a property of all pairs follows from the pairs with a zero component and a step adding one to both
theorem Omega.subNatNat_induction {P : Nat → Nat → Prop} (left : ∀ (m : Nat), P m 0)
    (right : ∀ (n : Nat), P 0 (Nat.succ n)) (step : ∀ (m n : Nat), P m n → P (Nat.succ m) (Nat.succ n))
    (m n : Nat) : P m n :=
  Nat.rec (motive := fun m => ∀ (n : Nat), P m n)
    (fun n => Nat.rec (motive := fun n => P 0 n) (left 0) (fun n _ => right n) n)
    (fun m ih n => Nat.rec (motive := fun n => P (Nat.succ m) n) (left (Nat.succ m)) (fun n _ => step m n (ih n)) n)
    m n

theorem Omega.neg_subNatNat (m n : Nat) : Eq (Int.neg (Int.subNatNat m n)) (Int.subNatNat n m) :=
  Omega.subNatNat_induction (P := fun m n => Eq (Int.neg (Int.subNatNat m n)) (Int.subNatNat n m))
    (fun m => Eq.trans (congrArg Int.neg (Omega.subNatNat_zero m)) (Omega.negOfNat_eq m))
    (fun n => Eq.symm (Omega.subNatNat_zero (Nat.succ n)))
    (fun m n ih => Eq.trans (congrArg Int.neg (Omega.subNatNat_succ_succ m n))
      (Eq.trans ih (Eq.symm (Omega.subNatNat_succ_succ n m))))
    m n

theorem Omega.subNatNat_add_subNatNat (a b c d : Nat) :
    Eq (Int.add (Int.subNatNat a b) (Int.subNatNat c d)) (Int.subNatNat (a + c) (b + d)) :=
  Omega.subNatNat_induction
    (P := fun a b => ∀ (c d : Nat), Eq (Int.add (Int.subNatNat a b) (Int.subNatNat c d)) (Int.subNatNat (a + c) (b + d)))
    (fun m c d => Eq.trans (congrArg (fun x => Int.add x (Int.subNatNat c d)) (Omega.subNatNat_zero m))
      (Omega.subNatNat_induction
        (P := fun c d => Eq (Int.add (Int.ofNat m) (Int.subNatNat c d)) (Int.subNatNat (m + c) (0 + d)))
        (fun c => Eq.trans (congrArg (Int.add (Int.ofNat m)) (Omega.subNatNat_zero c))
          (Eq.symm (Omega.subNatNat_zero (m + c))))
        (fun n => congrArg (Int.subNatNat m) (Eq.symm (Nat.zero_add (Nat.succ n))))
        (fun c d ih => Eq.trans (congrArg (Int.add (Int.ofNat m)) (Omega.subNatNat_succ_succ c d))
          (Eq.trans ih (Eq.symm (Omega.subNatNat_succ_succ (m + c) (0 + d)))))
        c d))
    (fun k c d => Omega.subNatNat_induction
        (P := fun c d => Eq (Int.add (Int.negSucc k) (Int.subNatNat c d)) (Int.subNatNat (0 + c) (Nat.succ k + d)))
        (fun c => Eq.trans (congrArg (Int.add (Int.negSucc k)) (Omega.subNatNat_zero c))
          (congrArg (fun x => Int.subNatNat x (Nat.succ k)) (Eq.symm (Nat.zero_add c))))
        (fun n => congrArg (fun x => Int.subNatNat 0 (Nat.succ x)) (Eq.symm (Nat.succ_add k n)))
        (fun c d ih => Eq.trans (congrArg (Int.add (Int.negSucc k)) (Omega.subNatNat_succ_succ c d))
          (Eq.trans ih (Eq.symm (Omega.subNatNat_succ_succ (0 + c) (Nat.succ k + d)))))
        c d)
    (fun a b ih c d => Eq.trans (congrArg (fun x => Int.add x (Int.subNatNat c d)) (Omega.subNatNat_succ_succ a b))
      (Eq.trans (ih c d) (Eq.trans (Eq.symm (Omega.subNatNat_succ_succ (a + c) (b + d)))
        (congr (congrArg Int.subNatNat (Eq.symm (Nat.succ_add a c))) (Eq.symm (Nat.succ_add b d))))))
    a b c d

theorem Omega.ofNat_mul_subNatNat (k m n : Nat) :
    Eq (Int.mul (Int.ofNat k) (Int.subNatNat m n)) (Int.subNatNat (k * m) (k * n)) :=
  Omega.subNatNat_induction (P := fun m n => Eq (Int.mul (Int.ofNat k) (Int.subNatNat m n)) (Int.subNatNat (k * m) (k * n)))
    (fun m => Eq.trans (congrArg (Int.mul (Int.ofNat k)) (Omega.subNatNat_zero m)) (Eq.symm (Omega.subNatNat_zero (k * m))))
    (fun n => Omega.negOfNat_eq (k * Nat.succ n))
    (fun m n ih => Eq.trans (congrArg (Int.mul (Int.ofNat k)) (Omega.subNatNat_succ_succ m n))
      (Eq.trans ih (Eq.symm (Int.subNatNat_add_add (k * m) (k * n) k))))
    m n

theorem Omega.negSucc_mul_subNatNat (k m n : Nat) :
    Eq (Int.mul (Int.negSucc k) (Int.subNatNat m n)) (Int.subNatNat (Nat.succ k * n) (Nat.succ k * m)) :=
  Omega.subNatNat_induction
    (P := fun m n => Eq (Int.mul (Int.negSucc k) (Int.subNatNat m n)) (Int.subNatNat (Nat.succ k * n) (Nat.succ k * m)))
    (fun m => Eq.trans (congrArg (Int.mul (Int.negSucc k)) (Omega.subNatNat_zero m)) (Omega.negOfNat_eq (Nat.succ k * m)))
    (fun n => Eq.symm (Omega.subNatNat_zero (Nat.succ k * Nat.succ n)))
    (fun m n ih => Eq.trans (congrArg (Int.mul (Int.negSucc k)) (Omega.subNatNat_succ_succ m n))
      (Eq.trans ih (Eq.symm (Int.subNatNat_add_add (Nat.succ k * n) (Nat.succ k * m) (Nat.succ k)))))
    m n

protected theorem Int.mul_comm (a b : Int) : Eq (a * b) (b * a) :=
  Int.rec (motive := fun a => Eq (a * b) (b * a))
    (fun m => Int.rec (motive := fun b => Eq (Int.ofNat m * b) (b * Int.ofNat m))
      (fun n => congrArg Int.ofNat (Nat.mul_comm m n))
      (fun n => congrArg Int.negOfNat (Nat.mul_comm m (Nat.succ n))) b)
    (fun m => Int.rec (motive := fun b => Eq (Int.negSucc m * b) (b * Int.negSucc m))
      (fun n => congrArg Int.negOfNat (Nat.mul_comm (Nat.succ m) n))
      (fun n => congrArg Int.ofNat (Nat.mul_comm (Nat.succ m) (Nat.succ n))) b)
    a

theorem Omega.not_nonNeg_negSucc (n : Nat) : Not (Int.NonNeg (Int.negSucc n)) :=
  fun h => Int.NonNeg.rec
    (motive := fun i _ => Int.rec (motive := fun _ => Prop) (fun _ => True) (fun _ => False) i) (fun _ => trivial) h

theorem Omega.nonNeg_subNatNat (m n : Nat) : Iff (Int.NonNeg (Int.subNatNat m n)) (LE.le n m) :=
  Omega.subNatNat_induction (P := fun m n => Iff (Int.NonNeg (Int.subNatNat m n)) (LE.le n m))
    (fun m => Iff.intro (fun _ => Nat.zero_le m)
      (fun _ => Eq.subst (motive := fun x => Int.NonNeg x) (Eq.symm (Omega.subNatNat_zero m)) (Int.NonNeg.mk m)))
    (fun n => Iff.intro (fun h => absurd h (Omega.not_nonNeg_negSucc n)) (fun h => absurd h (Nat.not_succ_le_zero n)))
    (fun m n ih => Eq.subst (motive := fun x => Iff (Int.NonNeg x) (LE.le (Nat.succ n) (Nat.succ m)))
      (Eq.symm (Omega.subNatNat_succ_succ m n))
      (Iff.intro (fun h => Nat.succ_le_succ (Iff.mp ih h)) (fun h => Iff.mpr ih (Nat.le_of_succ_le_succ h))))
    m n

theorem Omega.subNatNat_le_subNatNat (a b c d : Nat) :
    Iff (LE.le (Int.subNatNat a b) (Int.subNatNat c d)) (LE.le (a + d) (c + b)) :=
  have e : Eq (Int.sub (Int.subNatNat c d) (Int.subNatNat a b)) (Int.subNatNat (c + b) (d + a)) :=
    Eq.trans (congrArg (Int.add (Int.subNatNat c d)) (Omega.neg_subNatNat a b)) (Omega.subNatNat_add_subNatNat c d b a)
  Eq.subst (motive := fun x => Iff (Int.NonNeg x) (LE.le (a + d) (c + b))) (Eq.symm e)
    (Eq.subst (motive := fun x => Iff (Int.NonNeg (Int.subNatNat (c + b) (d + a))) (LE.le x (c + b))) (Nat.add_comm d a)
      (Omega.nonNeg_subNatNat (c + b) (d + a)))

theorem Omega.subNatNat_eq_of_add_eq {a b c d : Nat} (h : Eq (a + d) (c + b)) :
    Eq (Int.subNatNat a b) (Int.subNatNat c d) :=
  Eq.trans (Eq.symm (Int.subNatNat_add_add a b d))
    (Eq.trans (congrArg (fun x => Int.subNatNat x (b + d)) h)
      (Eq.trans (congrArg (Int.subNatNat (c + b)) (Nat.add_comm b d)) (Int.subNatNat_add_add c d b)))

-- every integer is the difference of its positive and negative parts
theorem Omega.eq_subNatNat_toNat (a : Int) : Eq a (Int.subNatNat (Int.toNat a) (Int.toNat (-a))) :=
  Int.rec (motive := fun a => Eq a (Int.subNatNat (Int.toNat a) (Int.toNat (-a))))
    (fun m => Nat.rec (motive := fun m => Eq (Int.ofNat m) (Int.subNatNat m (Int.toNat (-(Int.ofNat m)))))
      rfl (fun m _ => Eq.symm (Omega.subNatNat_zero (Nat.succ m))) m)
    (fun _ => rfl) a

protected theorem Int.le_refl (a : Int) : LE.le a a :=
  Eq.subst (motive := fun x => LE.le x x) (Eq.symm (Omega.eq_subNatNat_toNat a))
    (Iff.mpr (Omega.subNatNat_le_subNatNat (Int.toNat a) (Int.toNat (-a)) (Int.toNat a) (Int.toNat (-a)))
      (Nat.le_refl (Int.toNat a + Int.toNat (-a))))

protected theorem Int.le_of_eq {a b : Int} (h : Eq a b) : LE.le a b := Eq.subst (motive := fun x => LE.le a x) h (Int.le_refl a)

-- the pair of each form of term
theorem Omega.ofNat_eq (n : Nat) : Eq (Int.ofNat n) (Int.subNatNat n 0) := Eq.symm (Omega.subNatNat_zero n)

theorem Omega.add_eq {a b : Int} {A B C D : Nat} (ha : Eq a (Int.subNatNat A B)) (hb : Eq b (Int.subNatNat C D)) :
    Eq (a + b) (Int.subNatNat (A + C) (B + D)) :=
  Eq.trans (congr (congrArg Int.add ha) hb) (Omega.subNatNat_add_subNatNat A B C D)

theorem Omega.neg_eq {a : Int} {A B : Nat} (ha : Eq a (Int.subNatNat A B)) : Eq (-a) (Int.subNatNat B A) :=
  Eq.trans (congrArg Int.neg ha) (Omega.neg_subNatNat A B)

theorem Omega.sub_eq {a b : Int} {A B C D : Nat} (ha : Eq a (Int.subNatNat A B)) (hb : Eq b (Int.subNatNat C D)) :
    Eq (a - b) (Int.subNatNat (A + D) (B + C)) :=
  Eq.trans (congrArg (Int.add a) (Omega.neg_eq hb)) (Omega.add_eq ha (Eq.refl (Int.subNatNat D C)))

theorem Omega.ofNat_mul_eq (k : Nat) {a : Int} {A B : Nat} (ha : Eq a (Int.subNatNat A B)) :
    Eq (Int.ofNat k * a) (Int.subNatNat (k * A) (k * B)) :=
  Eq.trans (congrArg (Int.mul (Int.ofNat k)) ha) (Omega.ofNat_mul_subNatNat k A B)

theorem Omega.negSucc_mul_eq (k : Nat) {a : Int} {A B : Nat} (ha : Eq a (Int.subNatNat A B)) :
    Eq (Int.negSucc k * a) (Int.subNatNat (Nat.succ k * B) (Nat.succ k * A)) :=
  Eq.trans (congrArg (Int.mul (Int.negSucc k)) ha) (Omega.negSucc_mul_subNatNat k A B)

theorem Omega.mul_ofNat_eq (k : Nat) {a : Int} {A B : Nat} (ha : Eq a (Int.subNatNat A B)) :
    Eq (a * Int.ofNat k) (Int.subNatNat (k * A) (k * B)) :=
  Eq.trans (Int.mul_comm a (Int.ofNat k)) (Omega.ofNat_mul_eq k ha)

theorem Omega.mul_negSucc_eq (k : Nat) {a : Int} {A B : Nat} (ha : Eq a (Int.subNatNat A B)) :
    Eq (a * Int.negSucc k) (Int.subNatNat (Nat.succ k * B) (Nat.succ k * A)) :=
  Eq.trans (Int.mul_comm a (Int.negSucc k)) (Omega.negSucc_mul_eq k ha)

-- comparisons of the pairs as comparisons of `Nat` terms
theorem Omega.int_le_iff {a b : Int} {A B C D : Nat} (ha : Eq a (Int.subNatNat A B)) (hb : Eq b (Int.subNatNat C D)) :
    Iff (LE.le a b) (LE.le (A + D) (C + B)) :=
  Eq.subst (motive := fun x => Iff (LE.le x b) (LE.le (A + D) (C + B))) (Eq.symm ha)
    (Eq.subst (motive := fun y => Iff (LE.le (Int.subNatNat A B) y) (LE.le (A + D) (C + B))) (Eq.symm hb)
      (Omega.subNatNat_le_subNatNat A B C D))

theorem Omega.int_lt_iff {a b : Int} {A B C D : Nat} (ha : Eq a (Int.subNatNat A B)) (hb : Eq b (Int.subNatNat C D)) :
    Iff (LT.lt a b) (LE.le (A + 1 + D) (C + B)) :=
  Omega.int_le_iff (Omega.add_eq ha (Omega.ofNat_eq 1)) hb

theorem Omega.int_eq_iff {a b : Int} {A B C D : Nat} (ha : Eq a (Int.subNatNat A B)) (hb : Eq b (Int.subNatNat C D)) :
    Iff (Eq a b) (Eq (A + D) (C + B)) :=
  Iff.intro
    (fun h => Nat.le_antisymm (Iff.mp (Omega.int_le_iff ha hb) (Int.le_of_eq h))
      (Iff.mp (Omega.int_le_iff hb ha) (Int.le_of_eq (Eq.symm h))))
    (fun h => Eq.trans ha (Eq.trans (Omega.subNatNat_eq_of_add_eq h) (Eq.symm hb)))
-- ==== end of Omega support ====

/-! # Thunk -/

structure Thunk (α : Type u) : Type u where
  mk ::
  fn : Unit → α

def Thunk.get {α : Type u} (x : Thunk α) : α := x.fn ()

protected def Thunk.pure {α : Type u} (a : α) : Thunk α := Thunk.mk (fun _ => a)

/-! # Well-founded recursion support -/

theorem Acc.inv {α : Sort u} {r : α → α → Prop} {x y : α} (h₁ : Acc r x) (h₂ : r y x) : Acc r y :=
  Acc.rec (motive := fun x _ => r y x → Acc r y) (fun _ h _ h₂ => h y h₂) h₁ h₂

theorem WellFounded.fixF_eq {α : Sort u} {r : α → α → Prop} {C : α → Sort v}
    (F : ∀ x, (∀ y, r y x → C y) → C x) (x : α) (acx : Acc r x) :
    Eq (WellFounded.fixF F x acx) (F x (fun (y : α) (p : r y x) => WellFounded.fixF F y (Acc.inv acx p))) :=
  Acc.rec (motive := fun x acx =>
      Eq (WellFounded.fixF F x acx) (F x (fun (y : α) (p : r y x) => WellFounded.fixF F y (Acc.inv acx p))))
    (fun _ _ _ => rfl) acx

theorem WellFounded.fix_eq {α : Sort u} {C : α → Sort v} {r : α → α → Prop} (hwf : WellFounded r)
    (F : ∀ x, (∀ y, r y x → C y) → C x) (x : α) :
    Eq (WellFounded.fix hwf F x) (F x (fun y _ => WellFounded.fix hwf F y)) :=
  WellFounded.fixF_eq F x (WellFounded.apply hwf x)

inductive Prod.Lex {α : Type u} {β : Type v} (ra : α → α → Prop) (rb : β → β → Prop) :
    Prod α β → Prod α β → Prop where
  | left {a₁ : α} (b₁ : β) {a₂ : α} (b₂ : β) (h : ra a₁ a₂) : Prod.Lex ra rb (Prod.mk a₁ b₁) (Prod.mk a₂ b₂)
  | right (a : α) {b₁ b₂ : β} (h : rb b₁ b₂) : Prod.Lex ra rb (Prod.mk a b₁) (Prod.mk a b₂)

theorem Prod.Lex.accAux {α : Type u} {β : Type v} {ra : α → α → Prop} {rb : β → β → Prop} :
    ∀ (p q : Prod α β), Prod.Lex ra rb p q → ∀ (xa : α) (xb : β), Eq q (Prod.mk xa xb) →
      (∀ (ya : α), ra ya xa → ∀ (b : β), Acc (Prod.Lex ra rb) (Prod.mk ya b)) →
      (∀ (yb : β), rb yb xb → Acc (Prod.Lex ra rb) (Prod.mk xa yb)) → Acc (Prod.Lex ra rb) p :=
  fun p q lt => Prod.Lex.rec
    (motive := fun p q _ => ∀ (xa : α) (xb : β), Eq q (Prod.mk xa xb) →
      (∀ (ya : α), ra ya xa → ∀ (b : β), Acc (Prod.Lex ra rb) (Prod.mk ya b)) →
      (∀ (yb : β), rb yb xb → Acc (Prod.Lex ra rb) (Prod.mk xa yb)) → Acc (Prod.Lex ra rb) p)
    (fun {a₁ : α} (b₁ : β) {a₂ : α} (b₂ : β) (h : ra a₁ a₂) xa xb e iha _ =>
      iha a₁ (Eq.subst (motive := fun x => ra a₁ x) (congrArg Prod.fst e) h) b₁)
    (fun (a : α) {b₁ b₂ : β} (h : rb b₁ b₂) xa xb e _ ihb =>
      Eq.subst (motive := fun x => Acc (Prod.Lex ra rb) (Prod.mk x b₁)) (Eq.symm (congrArg Prod.fst e))
        (ihb b₁ (Eq.subst (motive := fun x => rb b₁ x) (congrArg Prod.snd e) h)))
    lt

theorem Prod.lexAccessible {α : Type u} {β : Type v} {ra : α → α → Prop} {rb : β → β → Prop} {a : α}
    (aca : Acc ra a) (acb : ∀ (b : β), Acc rb b) (b : β) : Acc (Prod.Lex ra rb) (Prod.mk a b) :=
  Acc.rec (motive := fun xa _ => ∀ (b : β), Acc (Prod.Lex ra rb) (Prod.mk xa b))
    (fun xa _ iha b =>
      Acc.rec (motive := fun xb _ => Acc (Prod.Lex ra rb) (Prod.mk xa xb))
        (fun xb _ ihb => Acc.intro (Prod.mk xa xb)
          (fun p lt => Prod.Lex.accAux p (Prod.mk xa xb) lt xa xb rfl iha ihb))
        (acb b))
    aca b

theorem Prod.lex_wf {α : Type u} {β : Type v} {ra : α → α → Prop} {rb : β → β → Prop}
    (ha : WellFounded ra) (hb : WellFounded rb) : WellFounded (Prod.Lex ra rb) :=
  WellFounded.intro (fun p => Prod.rec (motive := fun p => Acc (Prod.Lex ra rb) p)
    (fun a b => Prod.lexAccessible (WellFounded.apply ha a) (WellFounded.apply hb) b) p)
-- ==== end of well-founded recursion support ====

/-! # Monads (`Init.Prelude`, `Init.Control`): Lean's classes with Lean's shapes. Lean's classes give
default methods (`Monad` defines `map`, `seq`, `seqLeft`, `seqRight` from `pure` and `bind`); the
instances here spell every method out, with the value Lean's default gives. -/
section
universe u v w u_1 u_2 u_3 u_4

class Functor (f : Type u → Type v) : Type (max (u+1) v) where
  map : {α β : Type u} → (α → β) → f α → f β
  mapConst : {α β : Type u} → α → f β → f α := Function.comp map (Function.const _)

class Pure (f : Type u → Type v) where
  pure {α : Type u} : α → f α

export Pure (pure)

class Seq (f : Type u → Type v) : Type (max (u+1) v) where
  seq : {α β : Type u} → f (α → β) → (Unit → f α) → f β

class SeqLeft (f : Type u → Type v) : Type (max (u+1) v) where
  seqLeft : {α β : Type u} → f α → (Unit → f β) → f α

class SeqRight (f : Type u → Type v) : Type (max (u+1) v) where
  seqRight : {α β : Type u} → f α → (Unit → f β) → f β

class Applicative (f : Type u → Type v) extends Functor f, Pure f, Seq f, SeqLeft f, SeqRight f

class Bind (m : Type u → Type v) where
  bind : {α β : Type u} → m α → (α → m β) → m β

export Bind (bind)

class Monad (m : Type u → Type v) extends Applicative m, Bind m : Type (max (u+1) v)

/- The defaults Lean's `Applicative` and `Monad` give their parents' methods: `S.f._default` takes the
class parameter, then the methods it is computed from (named after them); a structure instance that omits
`f` gets it (`leanr_py.elab.sugar`). -/
@[reducible] def Applicative.map._default {f : Type u → Type v} (pure : {α : Type u} → α → f α)
    (seq : {α β : Type u} → f (α → β) → (Unit → f α) → f β) {α β : Type u} (g : α → β) (x : f α) : f β :=
  seq (pure g) fun _ => x

@[reducible] def Applicative.seqLeft._default {f : Type u → Type v}
    (map : {α β : Type u} → (α → β) → f α → f β) (seq : {α β : Type u} → f (α → β) → (Unit → f α) → f β)
    {α β : Type u} (a : f α) (b : Unit → f β) : f α :=
  seq (map (Function.const β) a) b

@[reducible] def Applicative.seqRight._default {f : Type u → Type v}
    (map : {α β : Type u} → (α → β) → f α → f β) (seq : {α β : Type u} → f (α → β) → (Unit → f α) → f β)
    {α β : Type u} (a : f α) (b : Unit → f β) : f β :=
  seq (map (Function.const α id) a) b

@[reducible] def Monad.map._default {m : Type u → Type v} (pure : {α : Type u} → α → m α)
    (bind : {α β : Type u} → m α → (α → m β) → m β) {α β : Type u} (f : α → β) (x : m α) : m β :=
  bind x (Function.comp pure f)

@[reducible] def Monad.seq._default {m : Type u → Type v} (map : {α β : Type u} → (α → β) → m α → m β)
    (bind : {α β : Type u} → m α → (α → m β) → m β) {α β : Type u} (f : m (α → β)) (x : Unit → m α) : m β :=
  bind f fun y => map y (x ())

@[reducible] def Monad.seqLeft._default {m : Type u → Type v} (pure : {α : Type u} → α → m α)
    (bind : {α β : Type u} → m α → (α → m β) → m β) {α β : Type u} (x : m α) (y : Unit → m β) : m α :=
  bind x fun a => bind (y ()) fun _ => pure a

@[reducible] def Monad.seqRight._default {m : Type u → Type v} (bind : {α β : Type u} → m α → (α → m β) → m β)
    {α β : Type u} (x : m α) (y : Unit → m β) : m β :=
  bind x fun _ => y ()

@[reducible] def Functor.discard {f : Type u → Type v} {α : Type u} [Functor f] (x : f α) : f PUnit :=
  Functor.mapConst PUnit.unit x

export Functor (discard)

class MonadLift (m : semiOutParam (Type u → Type v)) (n : Type u → Type w) where
  monadLift : {α : Type u} → m α → n α

class MonadLiftT (m : Type u → Type v) (n : Type u → Type w) where
  monadLift : {α : Type u} → m α → n α

export MonadLiftT (monadLift)

@[reducible] def liftM {m : Type u_1 → Type u_2} {n : Type u_1 → Type u_3} [MonadLiftT m n] {α : Type u_1} :
    m α → n α := MonadLiftT.monadLift

instance instMonadLiftTOfMonadLift (m : Type u_1 → Type u_2) (n : Type u_1 → Type u_3) (o : Type u_1 → Type u_4)
    [MonadLift n o] [MonadLiftT m n] : MonadLiftT m o where
  monadLift x := MonadLift.monadLift (m := n) (MonadLiftT.monadLift x)

instance instMonadLiftT (m : Type u_1 → Type u_2) : MonadLiftT m m where
  monadLift x := x

class MonadExceptOf (ε : semiOutParam (Type u)) (m : Type v → Type w) where
  throw {α : Type v} : ε → m α
  tryCatch {α : Type v} (body : m α) (handler : ε → m α) : m α

@[reducible] def throwThe (ε : Type u) {m : Type v → Type w} [MonadExceptOf ε m] {α : Type v} (e : ε) : m α :=
  MonadExceptOf.throw e

@[reducible] def tryCatchThe (ε : Type u) {m : Type v → Type w} [MonadExceptOf ε m] {α : Type v} (x : m α)
    (handle : ε → m α) : m α :=
  MonadExceptOf.tryCatch x handle

class MonadExcept (ε : outParam (Type u)) (m : Type v → Type w) where
  throw {α : Type v} : ε → m α
  tryCatch {α : Type v} : m α → (ε → m α) → m α

export MonadExcept (throw tryCatch)

instance instMonadExceptOfMonadExceptOf (ε : Type u) (m : Type v → Type w) [MonadExceptOf ε m] :
    MonadExcept ε m where
  throw := throwThe ε
  tryCatch := tryCatchThe ε

class MonadFinally (m : Type u → Type v) where
  tryFinally' {α β : Type u} : m α → (Option α → m β) → m (Prod α β)

@[reducible] def tryFinally {m : Type u → Type v} {α β : Type u} [MonadFinally m] [Functor m] (x : m α)
    (finalizer : m β) : m α :=
  Functor.map (fun (p : Prod α β) => p.1) (MonadFinally.tryFinally' x (fun _ => finalizer))

inductive ForInStep (α : Type u) where
  | done : α → ForInStep α
  | yield : α → ForInStep α

class ForIn (m : Type u₁ → Type u₂) (ρ : Type u) (α : outParam (Type v)) where
  forIn {β : Type u₁} [Monad m] (x : ρ) (b : β) (f : α → β → m (ForInStep β)) : m β

export ForIn (forIn)

/-! ## `Id` (`Init.Control.Id`) -/

def Id (type : Type u) : Type u := type

def Id.run {α : Type u_1} (x : Id α) : α := x

instance Id.instMonad : Monad Id where
  pure x := x
  bind x f := f x
  map f x := f x
  mapConst a _ := a
  seq f x := f (x ())
  seqLeft x _ := x
  seqRight _ y := y ()

/-! ## `Option` (`Init.Data.Option.Basic`) -/

instance Option.instMonad : Monad Option where
  pure := Option.some
  bind := Option.bind
  map := Option.map
  mapConst a x := Option.map (Function.const _ a) x
  seq f x := Option.bind f fun y => Option.map y (x ())
  seqLeft x y := Option.bind x fun a => Option.bind (y ()) fun _ => Option.some a
  seqRight x y := Option.bind x fun _ => y ()

/-! ## `Except` (`Init.Prelude`, `Init.Control.Except`) -/

inductive Except (ε : Type u) (α : Type v) where
  | error : ε → Except ε α
  | ok : α → Except ε α

instance instInhabitedExcept {ε : Type u} {α : Type v} [Inhabited ε] : Inhabited (Except ε α) :=
  ⟨Except.error Inhabited.default⟩

protected def Except.pure {ε : Type u} {α : Type v} (a : α) : Except ε α := Except.ok a

protected def Except.map {ε : Type u} {α : Type v} {β : Type v} (f : α → β) : Except ε α → Except ε β
  | Except.error err => Except.error err
  | Except.ok v => Except.ok (f v)

protected def Except.bind {ε : Type u} {α : Type v} {β : Type v} (ma : Except ε α) (f : α → Except ε β) :
    Except ε β :=
  match ma with
  | Except.error err => Except.error err
  | Except.ok v => f v

protected def Except.tryCatch {ε : Type u} {α : Type v} (ma : Except ε α) (handle : ε → Except ε α) :
    Except ε α :=
  match ma with
  | Except.ok a => Except.ok a
  | Except.error e => handle e

instance Except.instMonad {ε : Type u} : Monad (Except ε) where
  pure := Except.pure
  bind := Except.bind
  map := Except.map
  mapConst a x := Except.map (Function.const _ a) x
  seq f x := Except.bind f fun y => Except.map y (x ())
  seqLeft x y := Except.bind x fun a => Except.bind (y ()) fun _ => Except.pure a
  seqRight x y := Except.bind x fun _ => y ()

instance Except.instMonadExceptOf (ε : Type u) : MonadExceptOf ε (Except ε) where
  throw := Except.error
  tryCatch := Except.tryCatch

instance Except.instToString {ε : Type u_1} {α : Type u_2} [ToString ε] [ToString α] : ToString (Except ε α) where
  toString e := match e with
    | Except.error e => String.append "error: " (ToString.toString e)
    | Except.ok a => String.append "ok: " (ToString.toString a)

/-! ## `EStateM` (`Init.Prelude`) -/

inductive EStateM.Result (ε σ α : Type u) where
  | ok : α → σ → EStateM.Result ε σ α
  | error : ε → σ → EStateM.Result ε σ α

def EStateM (ε σ α : Type u) : Type u := σ → EStateM.Result ε σ α

instance EStateM.instInhabited {ε σ α : Type u} [Inhabited ε] : Inhabited (EStateM ε σ α) where
  default := fun s => EStateM.Result.error Inhabited.default s

protected def EStateM.pure {ε σ α : Type u} (a : α) : EStateM ε σ α := fun s => EStateM.Result.ok a s

protected def EStateM.set {ε σ : Type u} (s : σ) : EStateM ε σ PUnit := fun _ => EStateM.Result.ok PUnit.unit s

protected def EStateM.get {ε σ : Type u} : EStateM ε σ σ := fun s => EStateM.Result.ok s s

protected def EStateM.throw {ε σ α : Type u} (e : ε) : EStateM ε σ α := fun s => EStateM.Result.error e s

protected def EStateM.bind {ε σ α β : Type u} (x : EStateM ε σ α) (f : α → EStateM ε σ β) : EStateM ε σ β :=
  fun s => match x s with
    | EStateM.Result.ok a s => f a s
    | EStateM.Result.error e s => EStateM.Result.error e s

protected def EStateM.map {ε σ α β : Type u} (f : α → β) (x : EStateM ε σ α) : EStateM ε σ β :=
  fun s => match x s with
    | EStateM.Result.ok a s => EStateM.Result.ok (f a) s
    | EStateM.Result.error e s => EStateM.Result.error e s

protected def EStateM.seqRight {ε σ α β : Type u} (x : EStateM ε σ α) (y : Unit → EStateM ε σ β) :
    EStateM ε σ β :=
  fun s => match x s with
    | EStateM.Result.ok _ s => y () s
    | EStateM.Result.error e s => EStateM.Result.error e s

instance EStateM.instMonad {ε σ : Type u} : Monad (EStateM ε σ) where
  pure := EStateM.pure
  bind := EStateM.bind
  map := EStateM.map
  mapConst a x := EStateM.map (Function.const _ a) x
  seq f x := EStateM.bind f fun y => EStateM.map y (x ())
  seqLeft x y := EStateM.bind x fun a => EStateM.bind (y ()) fun _ => EStateM.pure a
  seqRight := EStateM.seqRight

instance EStateM.instMonadExceptOf {ε σ : Type u} : MonadExceptOf ε (EStateM ε σ) where
  throw := EStateM.throw
  tryCatch x handle := fun s => match x s with
    | EStateM.Result.error e s => handle e s
    | ok => ok

instance EStateM.instMonadFinally {ε σ : Type u} : MonadFinally (EStateM ε σ) where
  tryFinally' x h := fun s => match x s with
    | EStateM.Result.ok a s => match h (Option.some a) s with
      | EStateM.Result.ok b s => EStateM.Result.ok (Prod.mk a b) s
      | EStateM.Result.error e s => EStateM.Result.error e s
    | EStateM.Result.error e s => match h Option.none s with
      | EStateM.Result.ok _ s => EStateM.Result.error e s
      | EStateM.Result.error e s => EStateM.Result.error e s

def EStateM.run {ε σ α : Type u} (x : EStateM ε σ α) (s : σ) : EStateM.Result ε σ α := x s

def EStateM.run' {ε σ α : Type u} (x : EStateM ε σ α) (s : σ) : Option α :=
  match EStateM.run x s with
  | EStateM.Result.ok v _ => Option.some v
  | EStateM.Result.error _ _ => Option.none

/-! ## `ReaderT` and `MonadReader` (`Init.Prelude`) -/

def ReaderT (ρ : Type u) (m : Type u → Type v) (α : Type u) : Type (max u v) := ρ → m α

instance instInhabitedReaderT (ρ : Type u) (m : Type u → Type v) (α : Type u) [Inhabited (m α)] :
    Inhabited (ReaderT ρ m α) where
  default := fun _ => Inhabited.default

def ReaderT.run {ρ : Type u} {m : Type u → Type v} {α : Type u} (x : ReaderT ρ m α) (r : ρ) : m α := x r

instance ReaderT.instMonadLift {ρ : Type u} {m : Type u → Type v} : MonadLift m (ReaderT ρ m) where
  monadLift x := fun _ => x

instance ReaderT.instMonadExceptOf {ρ : Type u} {m : Type u → Type v} (ε : Type u_1) [MonadExceptOf ε m] :
    MonadExceptOf ε (ReaderT ρ m) where
  throw e := fun _ => MonadExceptOf.throw e
  tryCatch := fun x c r => tryCatchThe ε (x r) (fun e => (c e) r)

protected def ReaderT.read {ρ : Type u} {m : Type u → Type v} [Monad m] : ReaderT ρ m ρ := fun r => pure r

protected def ReaderT.pure {ρ : Type u} {m : Type u → Type v} [Monad m] {α : Type u} (a : α) : ReaderT ρ m α :=
  fun _ => pure a

protected def ReaderT.bind {ρ : Type u} {m : Type u → Type v} [Monad m] {α β : Type u} (x : ReaderT ρ m α)
    (f : α → ReaderT ρ m β) : ReaderT ρ m β :=
  fun r => bind (x r) fun a => f a r

instance ReaderT.instMonad {ρ : Type u} {m : Type u → Type v} [Monad m] : Monad (ReaderT ρ m) where
  pure := ReaderT.pure
  bind := ReaderT.bind
  map f x r := Functor.map f (x r)
  mapConst a x r := Functor.mapConst a (x r)
  seq f x r := Seq.seq (f r) fun _ => x () r
  seqLeft a b r := SeqLeft.seqLeft (a r) fun _ => b () r
  seqRight a b r := SeqRight.seqRight (a r) fun _ => b () r

protected def ReaderT.adapt {ρ : Type u} {m : Type u → Type v} {ρ' α : Type u} (f : ρ' → ρ) :
    ReaderT ρ m α → ReaderT ρ' m α :=
  fun x r => x (f r)

class MonadReaderOf (ρ : semiOutParam (Type u)) (m : Type u → Type v) where
  read : m ρ

def readThe (ρ : Type u) {m : Type u → Type v} [MonadReaderOf ρ m] : m ρ := MonadReaderOf.read

class MonadReader (ρ : outParam (Type u)) (m : Type u → Type v) where
  read : m ρ

export MonadReader (read)

instance instMonadReaderOfMonadReaderOf (ρ : Type u) (m : Type u → Type v) [MonadReaderOf ρ m] :
    MonadReader ρ m where
  read := readThe ρ

instance instMonadReaderOfReaderTOfMonad {ρ : Type u} {m : Type u → Type v} [Monad m] :
    MonadReaderOf ρ (ReaderT ρ m) where
  read := ReaderT.read

/-! ## `IO` (`Init.System.IO`): actions are `EStateM` functions of the world token. The primitives are
opaque constants, as Lean's `@[extern]` ones; `#eval` runs them (`leanr_py.eval.io`). -/

def IO.RealWorld : Type := Unit

def EIO (ε : Type) : Type → Type := EStateM ε IO.RealWorld

instance instMonadEIO {ε : Type} : Monad (EIO ε) := inferInstanceAs (Monad (EStateM ε IO.RealWorld))

instance instMonadFinallyEIO {ε : Type} : MonadFinally (EIO ε) :=
  inferInstanceAs (MonadFinally (EStateM ε IO.RealWorld))

instance instMonadExceptOfEIO {ε : Type} : MonadExceptOf ε (EIO ε) :=
  inferInstanceAs (MonadExceptOf ε (EStateM ε IO.RealWorld))

def BaseIO : Type → Type := EIO Empty

instance instMonadBaseIO : Monad BaseIO := inferInstanceAs (Monad (EIO Empty))

def BaseIO.toEIO {ε : Type} {α : Type} (act : BaseIO α) : EIO ε α :=
  fun s => match act s with
    | EStateM.Result.ok a s => EStateM.Result.ok a s
    | EStateM.Result.error e _ => Empty.rec (motive := fun _ => EStateM.Result ε IO.RealWorld α) e

instance instMonadLiftBaseIOEIO {ε : Type} : MonadLift BaseIO (EIO ε) := ⟨BaseIO.toEIO⟩

inductive IO.Error where
  | userError (msg : String)

instance IO.instToStringError : ToString IO.Error where
  toString e := match e with
    | IO.Error.userError msg => msg

@[reducible] def IO : Type → Type := EIO IO.Error

def IO.userError (s : String) : IO.Error := IO.Error.userError s

/-- Lean's stream has also `read`/`write` on byte arrays, which leanr does not model. -/
structure IO.FS.Stream where
  flush : IO Unit
  getLine : IO String
  putStr : String → IO Unit
  isTty : BaseIO Bool

/-- A stream that discards what is written: the value the opaque primitives below stand on. -/
def IO.FS.Stream.ofNothing : IO.FS.Stream where
  flush := fun s => EStateM.Result.ok PUnit.unit s
  getLine := fun s => EStateM.Result.ok "" s
  putStr := fun _ s => EStateM.Result.ok PUnit.unit s
  isTty := fun s => EStateM.Result.ok Bool.false s

@[extern "lean_get_stdout"] opaque IO.getStdout : BaseIO IO.FS.Stream :=
  fun s => EStateM.Result.ok IO.FS.Stream.ofNothing s

@[extern "lean_get_stderr"] opaque IO.getStderr : BaseIO IO.FS.Stream :=
  fun s => EStateM.Result.ok IO.FS.Stream.ofNothing s

@[extern "lean_get_set_stdout"] opaque IO.setStdout : IO.FS.Stream → BaseIO IO.FS.Stream :=
  fun h s => EStateM.Result.ok h s

@[extern "lean_get_set_stderr"] opaque IO.setStderr : IO.FS.Stream → BaseIO IO.FS.Stream :=
  fun h s => EStateM.Result.ok h s

def IO.print {α : Type u_1} [ToString α] (s : α) : IO Unit :=
  EStateM.bind (BaseIO.toEIO IO.getStdout) fun out => out.putStr (ToString.toString s)

def IO.println {α : Type u_1} [ToString α] (s : α) : IO Unit := IO.print (String.push (ToString.toString s) '\n')

def IO.eprint {α : Type u_1} [ToString α] (s : α) : IO Unit :=
  EStateM.bind (BaseIO.toEIO IO.getStderr) fun out => out.putStr (ToString.toString s)

def IO.eprintln {α : Type u_1} [ToString α] (s : α) : IO Unit := IO.eprint (String.push (ToString.toString s) '\n')

def IO.withStdout {m : Type → Type} {α : Type} [Monad m] [MonadFinally m] [MonadLiftT BaseIO m]
    (h : IO.FS.Stream) (x : m α) : m α :=
  bind (liftM (IO.setStdout h)) fun prev => tryFinally x (discard (liftM (m := BaseIO) (IO.setStdout prev)))

def IO.withStderr {m : Type → Type} {α : Type} [Monad m] [MonadFinally m] [MonadLiftT BaseIO m]
    (h : IO.FS.Stream) (x : m α) : m α :=
  bind (liftM (IO.setStderr h)) fun prev => tryFinally x (discard (liftM (m := BaseIO) (IO.setStderr prev)))

/-! ## `for` over lists (`Init.Data.List.Control`) -/

def List.forIn.loop {α : Type u} {β : Type v} {m : Type v → Type w} [Monad m]
    (f : α → β → m (ForInStep β)) (as : List α) : β → m β :=
  List.rec (motive := fun _ => β → m β) (fun b => pure b)
    (fun a _ ih b => bind (f a b) fun
      | ForInStep.done b => pure b
      | ForInStep.yield b => ih b) as

protected def List.forIn {α : Type u} {β : Type v} {m : Type v → Type w} [Monad m] (as : List α) (init : β)
    (f : α → β → m (ForInStep β)) : m β :=
  List.forIn.loop f as init

instance List.instForIn {m : Type u_1 → Type u_2} {α : Type u_3} : ForIn m (List α) α where
  forIn := List.forIn

/-! ## `Float` (`Init.Data.Float`, `Init.Data.OfScientific`): IEEE binary64 numbers. As in Lean, the
operations are opaque constants (Lean's `@[extern]` ones), so the kernel proves nothing about their
values and `decide` cannot decide a comparison; `#eval` and `native_decide` compute them with the
machine's doubles (`leanr_py.eval.floats`). -/

structure FloatSpec where
  float : Type
  val   : float
  lt    : float → float → Prop
  le    : float → float → Prop
  decLt : DecidableRel lt
  decLe : DecidableRel le

opaque floatSpec : FloatSpec := {
  float := Unit,
  val   := (),
  lt    := fun _ _ => True,
  le    := fun _ _ => True,
  decLt := fun _ _ => inferInstanceAs (Decidable True),
  decLe := fun _ _ => inferInstanceAs (Decidable True)
}

structure Float where
  val : floatSpec.float

instance instInhabitedFloat : Inhabited Float := ⟨{ val := floatSpec.val }⟩

@[extern "lean_float_add"] opaque Float.add : Float → Float → Float
@[extern "lean_float_sub"] opaque Float.sub : Float → Float → Float
@[extern "lean_float_mul"] opaque Float.mul : Float → Float → Float
@[extern "lean_float_div"] opaque Float.div : Float → Float → Float
@[extern "lean_float_negate"] opaque Float.neg : Float → Float

def Float.lt : Float → Float → Prop := fun a b => floatSpec.lt a.val b.val

def Float.le : Float → Float → Prop := fun a b => floatSpec.le a.val b.val

instance instAddFloat : Add Float := ⟨Float.add⟩
instance instSubFloat : Sub Float := ⟨Float.sub⟩
instance instMulFloat : Mul Float := ⟨Float.mul⟩
instance instDivFloat : Div Float := ⟨Float.div⟩
instance instNegFloat : Neg Float := ⟨Float.neg⟩
instance instLTFloat : LT Float := ⟨Float.lt⟩
instance instLEFloat : LE Float := ⟨Float.le⟩

@[extern "lean_float_beq"] opaque Float.beq (a b : Float) : Bool

instance instBEqFloat : BEq Float := ⟨Float.beq⟩

@[extern "lean_float_decLt"] opaque Float.decLt (a b : Float) : Decidable (LT.lt a b) :=
  floatSpec.decLt a.val b.val

@[extern "lean_float_decLe"] opaque Float.decLe (a b : Float) : Decidable (LE.le a b) :=
  floatSpec.decLe a.val b.val

instance floatDecLt (a b : Float) : Decidable (LT.lt a b) := Float.decLt a b
instance floatDecLe (a b : Float) : Decidable (LE.le a b) := Float.decLe a b

@[extern "lean_float_to_string"] opaque Float.toString : Float → String

@[extern "lean_float_isnan"] opaque Float.isNaN : Float → Bool
@[extern "lean_float_isfinite"] opaque Float.isFinite : Float → Bool
@[extern "lean_float_isinf"] opaque Float.isInf : Float → Bool
@[extern "lean_float_frexp"] opaque Float.frExp : Float → Prod Float Int

instance instToStringFloat : ToString Float := ⟨Float.toString⟩

@[extern "sin"] opaque Float.sin : Float → Float
@[extern "cos"] opaque Float.cos : Float → Float
@[extern "tan"] opaque Float.tan : Float → Float
@[extern "asin"] opaque Float.asin : Float → Float
@[extern "acos"] opaque Float.acos : Float → Float
@[extern "atan"] opaque Float.atan : Float → Float
@[extern "atan2"] opaque Float.atan2 : Float → Float → Float
@[extern "sinh"] opaque Float.sinh : Float → Float
@[extern "cosh"] opaque Float.cosh : Float → Float
@[extern "tanh"] opaque Float.tanh : Float → Float
@[extern "asinh"] opaque Float.asinh : Float → Float
@[extern "acosh"] opaque Float.acosh : Float → Float
@[extern "atanh"] opaque Float.atanh : Float → Float
@[extern "exp"] opaque Float.exp : Float → Float
@[extern "exp2"] opaque Float.exp2 : Float → Float
@[extern "log"] opaque Float.log : Float → Float
@[extern "log2"] opaque Float.log2 : Float → Float
@[extern "log10"] opaque Float.log10 : Float → Float
@[extern "pow"] opaque Float.pow : Float → Float → Float
@[extern "sqrt"] opaque Float.sqrt : Float → Float
@[extern "cbrt"] opaque Float.cbrt : Float → Float
@[extern "ceil"] opaque Float.ceil : Float → Float
@[extern "floor"] opaque Float.floor : Float → Float
@[extern "round"] opaque Float.round : Float → Float
@[extern "fabs"] opaque Float.abs : Float → Float

instance instHomogeneousPowFloat : HomogeneousPow Float := ⟨Float.pow⟩
instance instMinFloat : Min Float := minOfLe
instance instMaxFloat : Max Float := maxOfLe

/-- `x * 2^i`. -/
@[extern "lean_float_scaleb"] opaque Float.scaleB (x : Float) (i : Int) : Float

/-- Decimal and scientific literals: `1.23` is `OfScientific.ofScientific 123 true 2`, `121e100` is
`OfScientific.ofScientific 121 false 100` (raw literals, no `OfNat`). -/
class OfScientific (α : Type u) where
  ofScientific (mantissa : Nat) (exponentSign : Bool) (decimalExponent : Nat) : α

/-- Lean computes it from `m * 2^e` on `UInt64`, which leanr does not model; opaque either way, so only
its evaluation matters, and that is built in. -/
protected opaque Float.ofScientific (m : Nat) (s : Bool) (e : Nat) : Float

/-- Priority `mid+1`, above the default instance `Neg Int` (`mid`): `-42.0` is a `Float`. -/
@[default_instance 501] instance instOfScientificFloat : OfScientific Float := ⟨Float.ofScientific⟩

def Float.ofNat (n : Nat) : Float := OfScientific.ofScientific n false 0

def Float.ofInt : Int → Float
  | Int.ofNat n => Float.ofNat n
  | Int.negSucc n => Float.neg (Float.ofNat (Nat.succ n))

instance instOfNatFloat {n : Nat} : OfNat Float n := ⟨Float.ofNat n⟩

@[reducible] def Nat.toFloat (n : Nat) : Float := Float.ofNat n

end
