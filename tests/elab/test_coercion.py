"""Coercions inserted as Lean inserts them (`leanr_py.elab.coercion`), over leanr's own prelude with its
`Init.Coe` classes: `CoeT` chains (NatCast, Bool → Prop, Prop → Bool, Option), `CoeFun`, `CoeSort`, `↑e`;
the result unfolded to the coercion function, as Lean's `expandCoe`."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator
from leanr_py.kernel.name import Name
from .prelude_ce import prelude_elaborator
from leanr_py.pretty import pp_expr


@pytest.fixture
def ce() -> CommandElaborator:
    return prelude_elaborator()


def errors(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src) if m.severity == "error"]


def body(ce: CommandElaborator, name: str) -> str:
    return pp_expr(ce.env.find(Name.of(name)).value, ce.env)


def test_nat_to_int_through_natcast(ce: CommandElaborator) -> None:
    assert errors(ce, "def f (n : Nat) : Int := n\nexample : f 3 = 3 := rfl\n") == []
    assert body(ce, "f") == "fun n => ↑n"   # `Nat.cast n`, shown as Lean shows it
    assert "Nat.cast" in repr(ce.env.find(Name.of("f")).value)


def test_bool_to_prop_and_prop_to_bool(ce: CommandElaborator) -> None:
    assert errors(ce, "def g (b : Bool) : Prop := b\ntheorem tb : Bool.true := rfl\n"
                      "def h (p : Prop) [Decidable p] : Bool := p\n") == []
    assert body(ce, "g") == "fun b => b = true"
    assert "Decidable.decide" in repr(ce.env.find(Name.of("h")).value)


def test_coercion_of_an_application_argument(ce: CommandElaborator) -> None:
    assert errors(ce, "def add (a : Int) (n : Nat) : Int := Int.add a n\n"
                      "def o (n : Nat) : Option Nat := n\nexample : o 1 = Option.some 1 := rfl\n") == []
    assert "Nat.cast" in repr(ce.env.find(Name.of("add")).value)


def test_explicit_coercion_arrow(ce: CommandElaborator) -> None:
    assert errors(ce, "def k (n : Nat) : Int := ↑n\nexample : k 2 = 2 := rfl\n") == []
    assert errors(ce, "def k2 (n : Nat) : Bool := ↑n\n") == [
        "f.lean:1:27: error: Type mismatch\n  n\nhas type\n  Nat\nbut is expected to have type\n  Bool"]


def test_coe_fun(ce: CommandElaborator) -> None:
    src = ("structure Fn where\n  toFun : Nat → Nat\ninstance : CoeFun Fn (fun _ => Nat → Nat) where\n"
           "  coe f := f.toFun\ndef dbl : Fn := ⟨fun n => n + n⟩\nexample : dbl 2 = 4 := rfl\n")
    assert errors(ce, src) == []


def test_coe_sort(ce: CommandElaborator) -> None:
    src = ("structure Carrier where\n  ty : Type\ninstance : CoeSort Carrier Type where\n  coe c := c.ty\n"
           "def natC : Carrier := ⟨Nat⟩\ndef three : natC := (3 : Nat)\n")
    assert errors(ce, src) == []


def test_user_coe_instance_chains(ce: CommandElaborator) -> None:
    src = ("structure A where\n  n : Nat\nstructure B where\n  a : A\ninstance : Coe Nat A := ⟨fun n => ⟨n⟩⟩\n"
           "instance : Coe A B := ⟨fun a => ⟨a⟩⟩\ndef b : B := (5 : Nat)\nexample : b.a.n = 5 := rfl\n")
    assert errors(ce, src) == []


def test_no_coercion_keeps_the_type_mismatch(ce: CommandElaborator) -> None:
    assert errors(ce, "def bad (n : Nat) : Bool := n\n") == [
        "f.lean:1:28: error: Type mismatch\n  n\nhas type\n  Nat\nbut is expected to have type\n  Bool"]
    msg = errors(ce, "def bad2 (f : Bool → Bool) (n : Nat) : Bool := f n\n")[0]
    assert msg.startswith("f.lean:1:49: error: Application type mismatch")


def test_coe_sort_and_coe_fun_on_a_universe_polymorphic_structure(ce: CommandElaborator) -> None:
    # `S : Semigroup.{?u}` (the universe still unknown) is coerced to `Type ?u`, a morphism to a function
    src = ("structure Semigroup where\n  carrier : Type u\n  mul : carrier → carrier → carrier\n"
           "instance : CoeSort Semigroup (Type u) where\n  coe s := s.carrier\n"
           "structure Morphism (S1 S2 : Semigroup) where\n  mor : S1 → S2\n"
           "instance (S1 S2 : Semigroup) : CoeFun (Morphism S1 S2) (fun _ => S1 → S2) where\n  coe m := m.mor\n"
           "def app (S1 S2 : Semigroup) (f : Morphism S1 S2) (a : S1) : S2 := f a\n")
    assert errors(ce, src) == []
    assert body(ce, "app") == "fun S1 S2 f a => f.mor a"


def test_nat_leaf_beside_an_int_operand_is_cast(ce: CommandElaborator) -> None:
    # Lean's `binop%`: the leaves are coerced to the maximal type, `Int` beside `Nat`
    assert errors(ce, "def k (n : Nat) (x : Int) := (x = n, n + x, x * n, n ≤ x)\n") == []
    assert body(ce, "k") == "fun n x => (x = ↑n, ↑n + x, x * ↑n, ↑n ≤ x)"


def test_decidable_proposition_with_numerals_to_bool(ce: CommandElaborator) -> None:
    # `decide (1 < 2)`: the coercion waits for the numerals' default instance (`Nat`), as Lean postpones it
    src = "def b : Bool := 1 < 2\nexample : b = true := rfl\n#eval [1, 2, 3].filter (· < 2)\n" \
          "#eval [1, 2, 3].filter (fun x => x < 2)\n"
    assert [(m.severity, m.message) for m in ce.elab_file(src)] == [("info", "[1]"), ("info", "[1]")]
    assert body(ce, "b") == "Decidable.decide (1 < 2)"
