"""A type being defined under a dotted name (`inductive List.All`) is named in its constructors by its short
name too, as Lean resolves it inside the declaration's namespace."""
from __future__ import annotations

from .prelude_ce import prelude_elaborator


def errors(src: str) -> list[str]:
    return [m.format("f.lean") for m in prelude_elaborator().elab_file(src) if m.severity == "error"]


def test_short_and_full_names_of_the_type_being_defined() -> None:
    src = ("inductive List.All {α : Type u} (P : α → Prop) : List α → Prop\n"
           "  | nil : All P []\n  | cons {x xs} : P x → All P xs → List.All P (x :: xs)\n"
           "example : List.All (fun n => n = 1) [1] := .cons rfl .nil\n"
           "inductive Foo.Bar : Type\n  | mk : Foo.Bar\n  | mk2 : Bar → Bar\n")
    assert errors(src) == []


def test_short_name_outside_its_namespace_is_unknown() -> None:
    out = errors("inductive Foo.T : Type\n  | mk : T\n")
    assert out == []
    out = errors("inductive Foo.T : Type\n  | mk : Foo.T\ndef t : Foo.T := T.mk\n")
    assert out == ["f.lean:3:17: error: Unknown identifier `T.mk`"]
