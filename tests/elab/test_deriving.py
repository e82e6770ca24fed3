"""`deriving` handlers (`leanr_py.elab.deriving`): Inhabited, BEq, DecidableEq for enumerations, structures,
parameterised and recursive inductives, as Lean names them (`instBEqColor`, …); every generated declaration is
kernel-checked. Over leanr's own prelude."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator
from leanr_py.kernel.name import Name
from .prelude_ce import prelude_elaborator
from leanr_py.pretty import pp_signature

COLOR = "inductive Color where\n  | red | green | blue\n"
TREE = "inductive Tree (α : Type) where\n  | leaf : Tree α\n  | node : Tree α → α → Tree α → Tree α\n"
POINT = "structure Point where\n  x : Nat\n  y : Nat\n"


@pytest.fixture
def ce() -> CommandElaborator:
    return prelude_elaborator()


def messages(ce: CommandElaborator, src: str, severity: str = "error") -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src) if m.severity == severity]


def test_enumeration(ce: CommandElaborator) -> None:
    src = COLOR + ("  deriving BEq, DecidableEq, Inhabited\n"
                   "example : (Color.red == Color.red) = true := rfl\n"
                   "example : (Color.red == Color.green) = false := rfl\n"
                   "example : decide (Color.red = Color.blue) = false := rfl\n"
                   "example : decide (Color.blue = Color.blue) = true := rfl\n"
                   "example : (default : Color) = Color.red := rfl\n")
    assert messages(ce, src) == []
    for n in ("instBEqColor", "instDecidableEqColor", "instInhabitedColor"):
        assert ce.env.find(Name.of(n)) is not None, n


def test_structure(ce: CommandElaborator) -> None:
    src = POINT + ("  deriving BEq, DecidableEq, Inhabited\n"
                   "example : (Point.mk 1 2 == Point.mk 1 2) = true := rfl\n"
                   "example : decide (Point.mk 1 2 = Point.mk 1 3) = false := rfl\n"
                   "example : decide (Point.mk 4 2 = Point.mk 4 2) = true := rfl\n"
                   "example : (default : Point) = Point.mk 0 0 := rfl\n")
    assert messages(ce, src) == []
    assert pp_signature(Name.of("instBEqPoint"), ce.env) == "instBEqPoint : BEq Point"


def test_recursive_with_parameter(ce: CommandElaborator) -> None:
    src = TREE + ("  deriving BEq, DecidableEq, Inhabited\n"
                  "example : (Tree.node .leaf 1 .leaf == Tree.node .leaf 1 .leaf) = true := rfl\n"
                  "example : decide (Tree.node .leaf 1 .leaf = Tree.node .leaf 2 .leaf) = false := rfl\n"
                  "example : (default : Tree Nat) = Tree.leaf := rfl\n")
    assert messages(ce, src) == []
    assert pp_signature(Name.of("instDecidableEqTree"), ce.env) == \
        "instDecidableEqTree {α : Type} [DecidableEq α] : DecidableEq (Tree α)"


def test_deriving_instance_command(ce: CommandElaborator) -> None:
    assert messages(ce, COLOR + "deriving instance BEq for Color\n"
                                "example : (Color.red == Color.red) = true := rfl\n") == []


def test_unknown_class_is_lean_s_error(ce: CommandElaborator) -> None:
    assert messages(ce, "inductive W where\n  | a\n  deriving Foo\n") == [
        "f.lean:3:11: error: default handlers have not been implemented yet, class: 'Foo' types: [W]"]


def test_class_missing_from_the_prelude_is_ignored_with_a_warning(ce: CommandElaborator) -> None:
    src = "inductive W where\n  | a\n  deriving Repr\n"
    assert messages(ce, src) == []
    assert messages(ce, "inductive W2 where\n  | a\n  deriving Repr\n", "warning") == [
        "f.lean:3:11: warning: deriving 'Repr' is not supported yet (the prelude has no 'Repr'), ignored"]


def test_unsupported_shapes_are_declined(ce: CommandElaborator) -> None:
    msg = messages(ce, "inductive V : Nat → Type where\n  | z : V 0\n  deriving BEq\n")
    assert msg == ["f.lean:3:11: error: deriving 'BEq' for indexed, nested or mutual inductive types is not "
                   "supported yet"]
    msg = messages(ce, "inductive I where\n  | mk {n : Nat} : I\n  deriving BEq\n")
    assert msg == ["f.lean:3:11: error: deriving 'BEq' for constructors with implicit fields is not supported yet"]


def test_field_without_the_instance(ce: CommandElaborator) -> None:
    msg = messages(ce, "inductive F where\n  | mk : (Nat → Nat) → F\n  deriving BEq\n")
    assert len(msg) == 1 and msg[0].startswith("f.lean:3:11: error: deriving 'BEq' for 'F' is not supported yet here")
