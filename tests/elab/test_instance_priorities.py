"""Instance priorities written as Lean's `prio` syntax: numerals, `default`, `low`, `mid`, `high`, sums."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator
from .prelude_ce import prelude_elaborator

FOO = "class Foo where\n  a : Nat\n"


@pytest.fixture
def ce() -> CommandElaborator:
    return prelude_elaborator()


def errors(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src) if m.severity == "error"]


def test_named_priorities_and_sums(ce: CommandElaborator) -> None:
    src = (FOO + "instance (priority := default + 1) i1 : Foo := ⟨1⟩\ninstance i2 : Foo := ⟨2⟩\n"
           "example : Foo.a = 1 := rfl\ninstance (priority := high) i3 : Foo := ⟨3⟩\n"
           "instance (priority := (high - 1)) i4 : Foo := ⟨4⟩\nexample : Foo.a = 3 := rfl\n")
    assert errors(ce, src) == []


def test_low_priority_loses(ce: CommandElaborator) -> None:
    src = (FOO + "instance (priority := low) i1 : Foo := ⟨1⟩\ninstance (priority := mid) i2 : Foo := ⟨2⟩\n"
           "example : Foo.a = 2 := rfl\n@[instance low] def i3 : Foo := ⟨3⟩\nexample : Foo.a = 2 := rfl\n")
    assert errors(ce, src) == []


def test_unknown_priority_name(ce: CommandElaborator) -> None:
    out = errors(ce, FOO + "instance (priority := lowest) i1 : Foo := ⟨1⟩\n")
    assert out == ["f.lean:3:22: error: unexpected priority: expected a numeral, 'default', 'low', 'mid' or 'high'"]
