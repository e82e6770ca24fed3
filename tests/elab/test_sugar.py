"""Term notations expanded as Lean does (`leanr_py.elab.sugar`): list literals, structure instances,
`calc`, `suffices`, `·` functions, `.ctor`, `‹T›`, subtypes; over leanr's own prelude."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator
from leanr_py.kernel.name import Name
from .prelude_ce import prelude_elaborator

POINT = "structure Point where\n  x : Nat\n  y : Nat\n"


@pytest.fixture
def ce() -> CommandElaborator:
    return prelude_elaborator()


def errors(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src) if m.severity == "error"]


def ok(ce: CommandElaborator, src: str) -> None:
    assert errors(ce, src) == []


# ---------------------------------------------------------------------- list literals

def test_list_literal(ce: CommandElaborator) -> None:
    ok(ce, "def xs : List Nat := [1, 2, 3]\nexample : xs = List.cons 1 (List.cons 2 [3]) := rfl\n"
           "example : ([] : List Nat) = List.nil := rfl\n")


def test_list_literal_without_expected_type_defaults_numerals(ce: CommandElaborator) -> None:
    ok(ce, "def ys := [1, 2]\nexample : ys = List.cons (1 : Nat) [2] := rfl\n")


def test_long_list_literal_is_elaborated_without_deep_recursion(ce: CommandElaborator) -> None:
    ok(ce, "def zs : List Nat := [" + ", ".join(["0"] * 3000) + "]\n")


def test_list_literal_element_mismatch(ce: CommandElaborator) -> None:
    msg = errors(ce, "def xs : List Nat := [1, Bool.true]\n")[0]
    assert msg.startswith("f.lean:1:25: error: Type mismatch\n  true\nhas type\n  Bool\n")


# ---------------------------------------------------------------------- structure instances

def test_structure_instance_and_update(ce: CommandElaborator) -> None:
    ok(ce, POINT + "def p : Point := { x := 1, y := 2 }\ndef q : Point := { p with x := 5 }\n"
                   "example : q.y = 2 := rfl\nexample : q.x = 5 := rfl\n"
                   "def r := { y := 4, x := 3 : Point }\nexample : r.x = 3 := rfl\n")


def test_structure_instance_field_abbreviation_and_binders(ce: CommandElaborator) -> None:
    ok(ce, "structure F where\n  f : Nat → Nat → Nat\n  x : Nat\n"
           "def x : Nat := 7\ndef g : F := { f a b := a + b, x }\nexample : g.f 2 3 = 5 := rfl\n"
           "example : g.x = 7 := rfl\n")


def test_structure_instance_omitted_implicit_fields(ce: CommandElaborator) -> None:
    ok(ce, "structure P where\n  {α : Type}\n  {β : Type}\n  a : α\n  b : β\n"
           "example : ({ a := 10, b := true : P }).b = true := rfl\n"
           "class C (n : Nat) where\n  v : Nat\ninstance : C 3 := ⟨7⟩\n"
           "structure T where\n  n : Nat\n  [inst : C n]\n  m : Nat\n"
           "example : ({ n := 3, m := 1 } : T).inst.v = 7 := rfl\n")
    assert errors(ce, "structure S where\n  {α : Type}\n  x : Nat\nexample : S := { x := 1 }\n")[0].startswith(
        "f.lean:4:15: error: don't know how to synthesize implicit argument 'α'")
    assert errors(ce, "example : T := { n := 4, m := 1 }\n")[0].startswith(
        "f.lean:1:15: error: failed to synthesize instance of type class\n  C 4")


def test_structure_instance_sources_of_other_structures(ce: CommandElaborator) -> None:
    ok(ce, POINT + "structure P3 where\n  x : Nat\n  y : Nat\n  z : Nat\n"
           "structure Q extends Point where\n  w : Nat\n"
           "def p : Point := { x := 1, y := 2 }\ndef q : P3 := { x := 5, y := 5, z := 5 }\n"
           "def r : P3 := { p, q with x := 6 }\n"
           "example : r.x = 6 ∧ r.y = 2 ∧ r.z = 5 := ⟨rfl, rfl, rfl⟩\n"
           "def s : Q := { x := 3, y := 4, w := 0 }\n"
           "example : ({ s, q with } : P3).y = 4 := rfl\n")


def test_instance_where(ce: CommandElaborator) -> None:
    ok(ce, "class Zero' (α : Type) where\n  zero : α\ninstance : Zero' Nat where\n  zero := 0\n"
           "example : Zero'.zero = (0 : Nat) := rfl\n")
    assert ce.env.find(Name.of("instZero'Nat")) is not None


def test_structure_instance_errors(ce: CommandElaborator) -> None:
    assert errors(ce, POINT + "example : Point := { x := 1 }\n") == ["f.lean:4:19: error: fields missing: 'y'"]
    assert errors(ce, "example : Point := { x := 1, z := 2, y := 3 }\n") == [
        "f.lean:1:29: error: 'z' is not a field of structure 'Point'"]
    assert errors(ce, "example : Point := { x := 1, x := 2, y := 3 }\n") == [
        "f.lean:1:29: error: field 'x' has already been specified"]
    assert errors(ce, "example := { x := 1 }\n") == [
        "f.lean:1:11: error: invalid {...} notation, expected type is not known"]
    assert errors(ce, "example : Nat → Nat := { x := 1 }\n")[0].startswith(
        "f.lean:1:23: error: invalid {...} notation, structure type expected")


def test_structure_instance_field_binders_must_be_atomic(ce: CommandElaborator) -> None:
    src = ("class C (α : Type) where\n  op : α → α → α\ninductive X\n| mk : Nat → X\n"
           "instance : C X where\n  op (X.mk a) (X.mk b) := X.mk (a + b)\n")
    assert errors(ce, src) == ["f.lean:6:6: error: invalid binder name 'X.mk', it must be atomic"]


def test_ellipsis_leaves_fields_to_unification(ce: CommandElaborator) -> None:
    ok(ce, POINT + "example : True :=\n  have h : Point.mk 1 2 = ({ x := 1, .. } : Point) := rfl\n  True.intro\n")
    assert "don't know how to synthesize placeholder" in errors(ce, "def p : Point := { x := 1, .. }\n")[0]


# ---------------------------------------------------------------------- calc

def test_calc_with_equalities(ce: CommandElaborator) -> None:
    ok(ce, "theorem t (a b c : Nat) (h1 : a = b) (h2 : b = c) : a = c :=\n  calc a = b := h1\n    _ = c := h2\n"
           "theorem t2 (a b c : Nat) (h1 : a = b) (h2 : b = c) : a = c :=\n  calc a\n    _ = b := h1\n"
           "    _ = c := h2\n")


def test_calc_mixing_relations_through_trans_instances(ce: CommandElaborator) -> None:
    ok(ce, "example (a b c d : Nat) (h1 : a = b) (h2 : b < c) (h3 : c = d) : a < d :=\n"
           "  calc a = b := h1\n    _ < c := h2\n    _ = d := h3\n")


def test_calc_chains_nat_orders(ce: CommandElaborator) -> None:
    ok(ce, "example (a b c d : Nat) (h1 : a = b) (h2 : b ≤ c) (h3 : c + 1 < d) : a < d :=\n"
           "  calc a = b := h1\n    _ < b + 1 := Nat.lt_succ_self b\n    _ ≤ c + 1 := Nat.succ_le_succ h2\n"
           "    _ < d := h3\n"
           "example (a b c : Nat) (h1 : a ≤ b) (h2 : b ≤ c) : a ≤ c := calc a ≤ b := h1\n    _ ≤ c := h2\n"
           "example (a b c : Nat) (h1 : a < b) (h2 : b < c) : a < c := calc a < b := h1\n    _ < c := h2\n")


def test_calc_step_errors(ce: CommandElaborator) -> None:
    msg = errors(ce, "example (a b c : Nat) (h1 : a = b) (h2 : c = c) : a = c :=\n  calc a = b := h1\n"
                     "    _ = c := h2\n")
    assert msg == ["f.lean:3:13: error: Type mismatch\n  h2\nhas type\n  c = c\nbut is expected to have type\n"
                   "  b = c"]
    msg = errors(ce, "example (a b c : Nat) (h1 : a = b) (h2 : c = c) : a = c :=\n  calc a = b := h1\n"
                     "    c = c := h2\n")
    assert msg[0].startswith("f.lean:3:4: error: invalid 'calc' step, left-hand side is\n  c : Nat\n"
                             "but previous right-hand side is\n  b : Nat")
    msg = errors(ce, "example (a b c : Nat) (h1 : a = b) (h2 : b < c) : a < c :=\n  calc a < b := h2\n")
    assert msg[0].startswith("f.lean:2:16: error: Type mismatch")


# ---------------------------------------------------------------------- suffices, ‹T›, show

def test_suffices(ce: CommandElaborator) -> None:
    ok(ce, "theorem t (p q : Prop) (hp : p) (hpq : p → q) : q :=\n  suffices h : p from hpq h\n  hp\n")


def test_assumption_notation(ce: CommandElaborator) -> None:
    ok(ce, "theorem t (p q : Prop) (hp : p) (hq : q) : p := ‹p›\n")
    assert errors(ce, "example (p : Prop) : p := ‹p›\n") == [
        "f.lean:1:26: error: tactic 'assumption' failed\np : Prop\n⊢ p"]


def test_show_from(ce: CommandElaborator) -> None:
    ok(ce, "example : 2 = 2 := show 2 = 2 from rfl\n")


# ---------------------------------------------------------------------- `·` and `.ctor`

def test_cdot_functions(ce: CommandElaborator) -> None:
    ok(ce, "def inc : Nat → Nat := (· + 1)\nexample : inc 2 = 3 := rfl\n"
           "def add : Nat → Nat → Nat := (· + ·)\nexample : add 2 3 = 5 := rfl\n"
           "def k : Nat → Nat := (Nat.add · (Nat.succ 1))\nexample : k 1 = 3 := rfl\n")


def test_cdot_outside_parentheses(ce: CommandElaborator) -> None:
    assert errors(ce, "example : Nat → Nat := Nat.succ ·\n")


def test_dot_identifiers(ce: CommandElaborator) -> None:
    ok(ce, "def o : Option Nat := .some 2\ndef l : List Nat := .cons 1 .nil\n"
           "def f : Nat → Option Nat := .some\nexample : f 1 = Option.some 1 := rfl\n")


def test_dot_identifier_errors(ce: CommandElaborator) -> None:
    assert errors(ce, "example : Nat := .foo\n") == [
        "f.lean:1:17: error: Unknown constant `Nat.foo`\n\nNote: Inferred this name from the expected resulting "
        "type of `.foo`:\n  Nat"]
    assert errors(ce, "example := .foo\n") == [
        "f.lean:1:11: error: Invalid dotted identifier notation: The expected type of `.foo` could not be determined"]


# ---------------------------------------------------------------------- subtypes

def test_subtype(ce: CommandElaborator) -> None:
    ok(ce, "def Pos := { n : Nat // Nat.lt 0 n }\ndef one : Pos := ⟨1, Nat.le.refl⟩\n"
           "example : one.val = 1 := rfl\ndef Any' := { n // n = (0 : Nat) }\n")


def test_structure_field_defaults(ce: CommandElaborator) -> None:
    src = ("structure Config where\n  verbose : Bool := Bool.false\n  depth : Nat := 3\n  width : Nat := depth + 1\n"
           "def c : Config := { verbose := Bool.true }\nexample : c.depth = 3 := rfl\nexample : c.width = 4 := rfl\n"
           "def d : Config := { depth := 10 }\nexample : d.width = 11 := rfl\n")
    ok(ce, src)
    assert ce.env.find(Name.of("Config.width._default")) is not None


def test_unparenthesised_field_names_are_a_field_and_a_binder(ce: CommandElaborator) -> None:
    assert errors(ce, "structure Person where\n  givenName familyName : Nat\n") == [
        "f.lean:2:12: error: Failed to infer type of binder `familyName`"]
    ok(ce, "structure P where\n  (a b : Nat)\nexample : P := ⟨1, 2⟩\n")


def test_application_notations(ce: CommandElaborator) -> None:
    ok(ce, "def xs : List Nat := 1 :: 2 :: []\nexample : xs = [1, 2] := rfl\n"
           "def f := Nat.succ ∘ Nat.succ\nexample : f 1 = 3 := rfl\n"
           "example : (1 |> Nat.succ) = 2 := rfl\nexample : (Nat.succ <| 1) = 2 := rfl\n"
           "def p : Nat ×' Nat := ⟨1, 2⟩\n")


def test_field_notation_waits_for_default_instances(ce: CommandElaborator) -> None:
    ok(ce, "example : (4 + 1).succ = 6 := rfl\n")


# ---------------------------------------------------------------------- structures that extend others

def test_extends_fields_instances_and_access(ce: CommandElaborator) -> None:
    src = ("structure A where\n  x : Nat\n  y : Nat := 5\nstructure B extends A where\n  z : Nat\n"
           "def b : B := { x := 1, z := 3 }\nexample : b.x = 1 := rfl\nexample : b.y = 5 := rfl\n"
           "example : b.toA.x = 1 := rfl\ndef b2 : B := { b with x := 7 }\nexample : b2.x = 7 := rfl\n"
           "example : b2.z = 3 := rfl\ndef b3 : B := ⟨⟨1, 2⟩, 3⟩\n"
           "structure C extends B where\n  w : Nat := x + z\ndef c : C := { x := 1, z := 2 }\n"
           "example : c.w = 3 := rfl\nexample : c.x = 1 := rfl\n")
    ok(ce, src)


def test_extends_two_parents_and_a_source_of_a_parent_type(ce: CommandElaborator) -> None:
    src = ("structure P (α : Type u) where\n  x : α\n  y : α\nstructure RGB where\n  red : Nat\n  blue : Nat\n"
           "structure RGP (α : Type u) extends P α, RGB where\n  no_blue : blue = 0\n"
           "def p : P Nat := { x := 10, y := 10 }\n"
           "def q : RGP Nat := { p with red := 200, blue := 0, no_blue := rfl }\n"
           "example : q.x = 10 := rfl\nexample : q.red = 200 := rfl\n")
    ok(ce, src)


def test_extends_errors(ce: CommandElaborator) -> None:
    assert errors(ce, "structure A where\n  x : Nat\nstructure B extends A where\n  x : Nat\n") == [
        "f.lean:4:2: error: field 'x' has already been declared"]
    assert errors(ce, "structure D extends Nat where\n  z : Nat\n")[0].startswith(
        "f.lean:1:20: error: invalid 'extends', structure expected")


def test_dependent_pair_types(ce: CommandElaborator) -> None:
    ok(ce, "def s : (n : Nat) × Fin (n + 1) := ⟨2, ⟨1, Nat.le.step Nat.le.refl⟩⟩\nexample : s.1 = 2 := rfl\n"
           "def getWitness {α : Type u} {p : α → Prop} (h : (x : α) ×' p x) : α :=\n  match h with\n"
           "  | .mk x _ => x\n")


# ---------------------------------------------------------------------- implicit lambdas and notations

def test_implicit_lambda(ce: CommandElaborator) -> None:
    ok(ce, "def Symm (r : Nat → Nat → Prop) : Prop := ∀ {a b : Nat}, r a b → r b a\n"
           "structure S (r : Nat → Nat → Prop) where\n  symm : ∀ {a b : Nat}, r a b → r b a\n"
           "theorem eq_symm' {a b : Nat} (h : a = b) : b = a := Eq.symm h\n"
           "def s : S (fun a b => a = b) := { symm := eq_symm' }\n"
           "theorem u (h : Symm (fun a b => a = b)) : Symm (fun a b => a = b) := h\n")
    # an unfolded definition does not introduce implicit lambdas (only reducible ones are looked through)
    ok(ce, "def Symm2 (r : Nat → Nat → Prop) : Prop := ∀ {a b : Nat}, r a b → r b a\n"
           "theorem th (h : Symm2 (fun a b => a = b)) : Symm2 (fun a b => a = b) := h\n"
           "def th2 (f : Symm2 (fun a b => a = b) → Nat) (h : Symm2 (fun a b => a = b)) : Nat := f h\n")


def test_explicit_fun_turns_off_the_implicit_lambda(ce: CommandElaborator) -> None:
    # `@fun α x => …` binds the implicit `α` itself
    ok(ce, "def id1 : {α : Type} → α → α := fun x => x\n"
           "def id2 : {α : Type} → α → α := @fun α (x : α) => id1 x\n"
           "def id3 : {α : Type} → α → α := @fun α x => id1 x\nexample : id3 (α := Nat) 1 = 1 := rfl\n")
    out = errors(ce, "def id4 : {α : Type} → α → α := @fun x => x\n")
    assert len(out) == 1 and out[0].startswith("f.lean:1:")


def test_user_notations(ce: CommandElaborator) -> None:
    ok(ce, "infixl:65 \" +++ \" => Nat.add\nnotation:50 a \" ≺ \" b => Nat.lt a b\nprefix:max \"√\" => Nat.succ\n"
           "local notation \"ℕ\" => Nat\nexample : 1 +++ 2 = 3 := rfl\nexample : 1 ≺ 2 := Nat.le.refl\n"
           "example : √4 = 5 := rfl\nexample : ℕ := 1\n")
    assert errors(ce, "infixl:65 \" +++ \" => Nat.add\nexample : 1 +++ Bool.true = 3 := rfl\n")[0].startswith(
        "f.lean:2:16: error: Application type mismatch")


def test_dotted_operand_takes_the_type_of_the_other_operand() -> None:
    # as Lean's binop%, `.zero` waits for the type the other side of `=` or `+` gives it
    from .prelude_ce import ok

    ok("example (n : Nat) (h : n = .zero) : n = 0 := h\n"
       "example (o : Option Nat) (h : .none = o) : o = none := h.symm\n"
       "example (n : Nat) : n + .zero = n := rfl\n"
       "example (p : Nat × Nat) (h : p = ⟨1, 2⟩) : p.1 = 1 := by rw [h]\n")


# ---------------------------------------------------------------------- binders with default values

def test_binder_default_values(ce: CommandElaborator) -> None:
    ok(ce, "def f (x : Nat) (y : Nat := 1) (w : Nat := 2) (z : Nat) := x + y + w - z\n"
           "example (x z : Nat) : f (z := z) x = x + 1 + 2 - z := rfl\n"
           "example (x y : Nat) : f x y = fun z => x + y + 2 - z := rfl\n"
           "example : f = (fun x z => x + 1 + 2 - z) := rfl\n"
           "example (y : Nat) : f (y := 5) = fun x z => x + 5 + 2 - z := rfl\n"
           "example : @f 1 2 3 4 = 2 := rfl\n"
           "def k (n := 3) : Nat := n\nexample : k = 3 := rfl\n")
    out = errors(ce, "example : f 1 = 3 := rfl\n")
    assert len(out) == 1
    out = errors(ce, "def t (h : 1 = 1 := by rfl) : Nat := 0\n")
    assert out == ["f.lean:1:6: error: binders with tactic default values (autoParam) are not supported yet"]


def test_coercion_to_a_type_with_universe_metavariables(ce: CommandElaborator) -> None:
    # `α : Type ?u` (an auto-bound variable) coerced to `Option α`, also as an argument
    ok(ce, "def g2 {α : Type u} (a : α) (b : Option α) : α := a\nvariable {α} [Add α]\n"
           "example (x y : α) : α := g2 x y\nexample (y : α) : Option α := y\n")


def test_equivalence_notation(ce: CommandElaborator) -> None:
    ok(ce, "variable {α : Sort u} [Setoid α]\n"
           "theorem r1 (a : α) : a ≈ a := Setoid.iseqv.refl a\n"
           "theorem r2 {a b : α} (h : a ≈ b) : b ≈ a := Setoid.iseqv.symm h\n"
           "example (a : α) : (a ≈ a) = HasEquiv.Equiv a a := rfl\n")


def test_sigma_binder_notation(ce: CommandElaborator) -> None:
    ok(ce, "def g (β : Nat → Type) (a : Nat) (b : β a) : Σ a : Nat, β a := Sigma.mk a b\n"
           "example : (Σ n : Nat, Fin (n + 1)) = Sigma (fun n : Nat => Fin (n + 1)) := rfl\n"
           "example : (Σ' n : Nat, n = n) = PSigma (fun n : Nat => n = n) := rfl\n"
           "example : (Σ a b : Nat, Fin (a + b)) = Sigma fun a : Nat => Sigma fun b : Nat => Fin (a + b) := rfl\n")

def test_notation_names_are_prechecked_at_the_declaration(ce: CommandElaborator) -> None:
    precheck = ("error: Unknown identifier `{}` at quotation precheck\n\nNote: You can use "
                "`set_option quotPrecheck false` to disable this check.")
    assert errors(ce, "infixl:65 \" +++ \" => k\n") == ["f.lean:1:21: " + precheck.format("k")]
    # a name that may be one of Lean's core declarations, missing from leanr's prelude: left to the uses
    ok(ce, "postfix:max \"⁻¹\" => SomeCore.inv\n")
    # a section variable only in `local` notation
    src = "variable (op : Nat → Nat → Nat)\n"
    ok(ce, src + "local infixl:65 \" +++ \" => op\nexample : 1 +++ 2 = op 1 2 := rfl\n")
    assert errors(ce, src + "infixl:65 \" *** \" => op\n") == ["f.lean:2:21: " + precheck.format("op")]
    assert errors(ce, "notation:65 a \" +++ \" b => Nat.add a (c + b)\n") == [
        "f.lean:1:38: " + precheck.format("c")]
    # names through `open`, field suffixes, the notation's own variables, and the option
    ok(ce, "namespace N\ndef f (n : Nat) := n\nend N\nopen N in\nnotation \"F\" x => f (Nat.succ.add x 1)\n"
           "set_option quotPrecheck false in\nnotation \"G\" => nope\n")


def test_return_and_no_index_as_terms(ce: CommandElaborator) -> None:
    # Lean's `termReturn` (`return e` is `do return e`) and `no_index e` (read as `e`)
    ok(ce, "def f : Option Nat := return 3\nexample : f = some 3 := rfl\n"
           "def g : Bool → Option Nat := fun\n  | true => return 0\n  | false => return 1\n"
           "inductive Foo (f : Fin n) : Nat → Prop\n  | mk : Foo f f.val\n"
           "theorem foo {f : Fin n} : Foo f (no_index f.val) := .mk\n")
    assert errors(ce, "example : Option Nat := return true\n") != []


def test_warn_sorry_option(ce: CommandElaborator) -> None:
    src = "set_option warn.sorry false in\nexample : True := sorry\nexample : True := sorry\n"
    assert [(m.span.line, m.message) for m in ce.elab_file(src)] == [(3, "declaration uses `sorry`")]


def test_untyped_field_binders_take_their_types_from_the_field(ce: CommandElaborator) -> None:
    ok(ce, "structure S where\n  f : Nat → Nat\n  h x : f x = x\nexample : S := ⟨id, fun _ => rfl⟩\n")
    # nothing fixes `y`: Lean's error
    assert errors(ce, "structure P where\n  x y : Nat\n") == ["f.lean:2:4: error: Failed to infer type of binder `y`"]


def test_a_partial_function_is_inhabited_by_its_argument(ce: CommandElaborator) -> None:
    ok(ce, "def foo : List Unit → Type\n  | [] => Unit → Unit\n  | _ :: tl => foo tl\n"
           "partial def bar : (l : List Unit) → foo l → foo l\n  | [], f => fun t => f t\n  | _ :: tl, f => bar tl f\n")


def test_membership_and_binder_predicates(ce: CommandElaborator) -> None:
    # `x ∈ s` is `Membership.mem s x`; `∀ x > 0, p` is `∀ x, x > 0 → p`, `∃ x ∈ s, p` is `∃ x, x ∈ s ∧ p`
    ok(ce, "example (l : List Nat) (h : 1 ∈ l) : 1 ∈ 0 :: l := List.Mem.tail 0 h\n"
           "example : (2 ∉ [1, 3]) = ¬ Membership.mem [1, 3] 2 := rfl\n"
           "example (f : Nat → Nat) (h : ∀ n > 0, f n = 1) : f 2 = 1 := h 2 (by decide)\n"
           "theorem t1 : ∃ x > 3, x < 5 := ⟨4, by decide, by decide⟩\n"
           "example : (∀ x ∈ [1, 2], x > 0) = ∀ x, x ∈ [1, 2] → x > 0 := rfl\n"
           "example : (∃ x ≤ 3, x = 2) = ∃ x, x ≤ 3 ∧ x = 2 := rfl\n")
