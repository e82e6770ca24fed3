"""Operators and relations elaborated as trees with a maximal type, as Lean's `binop%`/`binrel%`
(`leanr_py.elab.binop`), over leanr's own prelude."""
from __future__ import annotations

from leanr_py.elab.command import CommandElaborator
from leanr_py.kernel.name import Name
from leanr_py.pretty import pp_expr
from .test_coercion import body, ce, errors  # noqa: F401 - `ce` is the fixture: leanr's prelude


def test_a_nat_leaf_deep_in_an_int_tree_is_coerced(ce: CommandElaborator) -> None:
    assert errors(ce, "def f (n : Nat) (i : Int) : Int := i + 2 * n\n") == []
    assert body(ce, "f") == "fun n i => i + 2 * ↑n"


def test_the_expected_type_is_the_first_maximal_type(ce: CommandElaborator) -> None:
    assert errors(ce, "def f (n : Nat) : Int := n + 1\n") == []
    assert body(ce, "f") == "fun n => ↑n + 1"   # not `↑(n + 1)`


def test_the_larger_type_wins_whichever_side_it_is_on(ce: CommandElaborator) -> None:
    assert errors(ce, "def f (n : Nat) (i : Int) := n + i\ndef g (n : Nat) (i : Int) := i - n\n") == []
    assert body(ce, "f") == "fun n i => ↑n + i"
    assert body(ce, "g") == "fun n i => i - ↑n"


def test_relations_coerce_both_sides_to_their_maximal_type(ce: CommandElaborator) -> None:
    assert errors(ce, "def p (i : Int) (n : Nat) : Prop := i = n\ndef q (i : Int) (n : Nat) : Prop := n + 1 < i\n") == []
    assert body(ce, "p") == "fun i n => i = ↑n"
    assert body(ce, "q") == "fun i n => ↑n + 1 < i"


def test_numerals_take_the_type_of_the_tree_at_once(ce: CommandElaborator) -> None:
    assert errors(ce, "def f (n : Nat) : Nat := n + 3 * 2\nexample : f 1 = 7 := rfl\n"
                      "def g (i : Int) := -i + 1\nexample : g 3 = -2 := rfl\n") == []
    ty = ce.env.find(Name.of("g")).type
    assert pp_expr(ty, ce.env) == "Int → Int"


def test_an_exponent_is_elaborated_apart(ce: CommandElaborator) -> None:
    assert errors(ce, "def f (n : Nat) := 2 ^ n + 1\nexample : f 3 = 9 := rfl\n"
                      "def g (n : Nat) (i : Int) := i ^ n + 1\nexample : g 3 (-2) = -7 := by decide\n") == []
    assert body(ce, "g") == "fun n i => i ^ n + 1"


def test_without_a_common_instance_the_operator_is_reported(ce: CommandElaborator) -> None:
    out = errors(ce, "structure Box where\n  x : Nat\ndef s (a b : Box) : Box := a + b\n")
    assert len(out) == 1 and out[0].startswith("f.lean:3:27: error: failed to synthesize")


def test_operands_of_unknown_types_fall_back_to_default_instances(ce: CommandElaborator) -> None:
    assert errors(ce, "example : 2 + 2 = 4 := rfl\ndef f := fun x => x + 1\n") == []
    assert pp_expr(ce.env.find(Name.of("f")).type, ce.env) == "Nat → Nat"


def test_a_leaf_that_needs_its_type_gets_the_trees(ce: CommandElaborator) -> None:
    assert errors(ce, "example (n : Nat) : n + .zero = n := rfl\nexample (n : Nat) : .succ n = n + 1 := rfl\n") == []


def test_propositions_compared_with_beq_become_bools(ce: CommandElaborator) -> None:
    assert errors(ce, "def b : Bool := (5 > 2) == (2 > 1)\nexample : b = true := rfl\n") == []


def test_relation_sides_of_other_types_are_a_type_mismatch_at_the_right_side(ce: CommandElaborator) -> None:
    out = errors(ce, "example (n : Nat) (b : Bool) : Prop := n = b\n")
    assert len(out) == 1 and out[0].startswith("f.lean:1:43: error: Type mismatch\n  b\nhas type\n  Bool\n")
