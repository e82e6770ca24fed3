"""`mutual` blocks of definitions: headers elaborated before any member exists, bodies that do not call one
another elaborated in order; mutual recursion is declined with a clear error."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator
from leanr_py.kernel.name import Name
from .prelude_ce import prelude_elaborator


@pytest.fixture
def ce() -> CommandElaborator:
    return prelude_elaborator()


def errors(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src) if m.severity == "error"]


def test_members_that_do_not_call_each_other() -> None:
    ce = prelude_elaborator()
    src = ("mutual\n  def a : Nat := 1\n  theorem b : 2 = 2 := rfl\n"
           "  def c : Nat → Nat\n    | 0 => 0\n    | n+1 => c n\nend\n"
           "example : c 3 = 0 := rfl\nexample : a = 1 := rfl\n")
    assert errors(ce, src) == []
    for n in ("a", "b", "c"):
        assert ce.env.find(Name.of(n)) is not None


def test_a_header_cannot_name_another_member(ce: CommandElaborator) -> None:
    # Lean elaborates every header of the block before any member exists
    src = "mutual\n  abbrev NaturalNum : Type := Nat\n  def n : NaturalNum := 5\nend\n"
    assert errors(ce, src) == ["f.lean:3:10: error: Unknown identifier `NaturalNum`"]
    assert ce.env.find(Name.of("NaturalNum")) is None


def test_members_inside_a_namespace(ce: CommandElaborator) -> None:
    src = "namespace N\nmutual\n  def a : Nat := 1\n  def b (x : N.a = 1) : Nat := 2\nend\nend N\n"
    assert errors(ce, src) == ["f.lean:4:13: error: Unknown identifier `N.a`"]


def test_mutual_recursion_is_declined(ce: CommandElaborator) -> None:
    src = ("mutual\n  def e : Nat → Bool\n    | 0 => true\n    | n+1 => o n\n"
           "  def o : Nat → Bool\n    | 0 => false\n    | n+1 => e n\nend\n")
    (msg,) = errors(ce, src)
    assert msg.startswith("f.lean:1:0: error: ") and "not supported yet" in msg
    assert ce.env.find(Name.of("e")) is None and ce.env.find(Name.of("o")) is None
