"""Name visibility commands: `open … (x)`, `hiding`, `renaming`, `export`, `protected`, `private`, and the
`attribute` command (over leanr's own prelude)."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator
from .prelude_ce import prelude_elaborator

FOO = "namespace Foo\ndef a : Nat := 1\ndef b : Nat := 2\nprotected def c : Nat := 3\nend Foo\n"


@pytest.fixture
def ce() -> CommandElaborator:
    return prelude_elaborator()


def errors(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src) if m.severity == "error"]


def test_open_only_some_names(ce: CommandElaborator) -> None:
    assert errors(ce, FOO + "section\nopen Foo (a)\nexample : a = 1 := rfl\nend\n"
                            "example : Foo.a = 1 := rfl\n") == []
    assert errors(ce, "open Foo (a)\nexample : Nat := bb\n") == ["f.lean:2:17: error: Unknown identifier `bb`"]
    assert errors(ce, "open Foo (zz)\n") == ["f.lean:1:0: error: unknown constant 'Foo.zz'"]


def test_open_hiding(ce: CommandElaborator) -> None:
    assert errors(ce, FOO + "open Foo hiding b\nexample : a = 1 := rfl\n") == []
    # `b` is hidden: in a header it is then an auto-bound implicit, as in Lean
    assert errors(ce, "def two : Nat := Foo.b\ndef k : Nat := b\n") == ["f.lean:2:15: error: Unknown identifier `b`"]


def test_open_renaming(ce: CommandElaborator) -> None:
    assert errors(ce, FOO + "open Foo renaming a → aa, b → bb\nexample : aa = 1 := rfl\nexample : bb = 2 := rfl\n"
                            "def k : Nat := a\n") == ["f.lean:9:15: error: Unknown identifier `a`"]


def test_export_outlives_its_section(ce: CommandElaborator) -> None:
    assert errors(ce, FOO + "namespace Bar\nexport Foo (b)\nend Bar\nexample : Bar.b = 2 := rfl\n"
                            "open Bar in\nexample : Nat.succ b = 3 := rfl\n") == []


def test_protected_needs_a_qualified_name(ce: CommandElaborator) -> None:
    assert errors(ce, FOO + "open Foo in\nexample : Foo.c = 3 := rfl\n") == []
    assert errors(ce, "open Foo in\ndef k : Nat := c\n") == ["f.lean:2:15: error: Unknown identifier `c`"]
    assert errors(ce, "namespace Foo\ndef k : Nat := c\nend Foo\n") == ["f.lean:2:15: error: Unknown identifier `c`"]


def test_private_declarations_are_visible_in_their_file(ce: CommandElaborator) -> None:
    assert errors(ce, "private def secret : Nat := 4\nexample : secret = 4 := rfl\n") == []


def test_attribute_command_and_attributes(ce: CommandElaborator) -> None:
    assert errors(ce, "@[simp, inline] def one : Nat := 1\n@[reducible] def two : Nat := 2\n"
                      "attribute [simp] one two\nattribute [local simp] two\n") == []
    assert "two" in {str(n) for n in ce.reducible}
    assert errors(ce, "attribute [simp] nonexistent\n") == ["f.lean:1:17: error: unknown constant 'nonexistent'"]


def test_protected_inductive_type(ce: CommandElaborator) -> None:
    src = "protected inductive Foo.R : Nat → Prop\n  | base : Foo.R 0\nopen Foo in\n"
    assert errors(ce, src + "example : Foo.R 0 := Foo.R.base\n") == []
    assert errors(ce, "open Foo in\ndef k : Prop := R 0\n") == ["f.lean:2:16: error: Unknown identifier `R`"]


def test_core_arithmetic_is_protected_as_in_lean(ce: CommandElaborator) -> None:
    # after `open Nat`, a user's `add`, `le`, `add_comm` are not ambiguous with `Nat.add`, `Nat.le`, …
    src = ("open Nat\ndef add : Nat → Nat → Nat\n  | m, zero => m\n  | m, succ n => succ (add m n)\n"
           "theorem add_zero (m : Nat) : add m zero = m := rfl\n"
           "def le (a b : Nat) : Prop := a = b\nexample : le 1 1 := rfl\n"
           "theorem add_comm (a b : Nat) : a + b = b + a := Nat.add_comm a b\n"
           "example : succ_ne_zero 0 = Nat.succ_ne_zero 0 := rfl\n")
    assert errors(ce, src) == []


def test_ambiguous_name_keeps_the_interpretation_that_elaborates(ce: CommandElaborator) -> None:
    src = ("def String.add (a b : String) : String := a ++ b\ndef Bool.add (a b : Bool) : Bool := a != b\n"
           "def add (α β : Type) : Type := Sum α β\nopen Bool String\n")
    assert errors(ce, src + "example : String := add \"a\" \"b\"\nexample : Bool := add true false\n"
                            "example : Type := add Nat Nat\nexample : add \"a\" \"b\" = \"ab\" := rfl\n") == []
    out = errors(ce, "example : String := add \"a\" 1\n")
    assert len(out) == 1 and out[0].startswith("f.lean:1:20: error: overloaded, errors \n  1:24 ")


def test_ambiguous_name_with_several_successes(ce: CommandElaborator) -> None:
    src = "def A.f (n : Nat) : Nat := n\ndef B.f (n : Nat) : Nat := n + 1\nopen A B\n"
    assert errors(ce, src + "example : Nat := f 1\n") == [
        "f.lean:4:17: error: ambiguous, possible interpretations \n  A.f 1 : Nat\n  \n  B.f 1 : Nat"]


def test_protected_declaration_is_not_its_own_short_name(ce: CommandElaborator) -> None:
    # in the body of a protected `Foo.pure`, `pure` is the exported `Pure.pure`, not `Foo.pure` itself
    src = ("def Foo (α : Type) : Type := Option α\n"
           "protected def Foo.pure {α : Type} (a : α) : Foo α := (pure a : Option α)\n"
           "example : Foo.pure 1 = some 1 := rfl\n"
           "protected def Foo.count : Nat → Nat\n  | 0 => 0\n  | n + 1 => Foo.count n + 1\n")
    assert errors(ce, src) == []
