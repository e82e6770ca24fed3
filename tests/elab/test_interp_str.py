"""Interpolated strings `s!"…"` (`leanr_py.elab.interp_str`): Lean's expansion through `toString` and `++`;
over leanr's own prelude."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator
from leanr_py.elab.interp_str import expand_interpolated_string
from leanr_py.syntax import ast as A
from leanr_py.syntax import parse_file
from .prelude_ce import prelude_elaborator


@pytest.fixture(scope="module")
def ce() -> CommandElaborator:
    return prelude_elaborator()


def messages(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src)]


def _chunks(src: str) -> list:
    term = parse_file(f"def v := {src}\n").commands[0].value.term  # type: ignore[attr-defined]
    out: list = []
    node = expand_interpolated_string(term).term  # type: ignore[attr-defined]
    while isinstance(node, A.BinOp):
        out.append(node.rhs.args[0])
        node = node.lhs
    out.append(node.args[0])
    return [c.value if isinstance(c, A.StrLit) else type(c).__name__ for c in reversed(out)]


def test_chunks_alternate_as_in_lean() -> None:
    assert _chunks('s!"a{x}{y}b"') == ["a", "Ident", "", "Ident", "b"]
    assert _chunks('s!"{x}"') == ["", "Ident", ""]
    assert _chunks('s!""') == [""]
    assert _chunks('s!"ab"') == ["ab"]


def test_values(ce: CommandElaborator) -> None:
    src = ('def x := 5\ndef s := s!"a{x}b"\nexample : s = "a5b" := rfl\n'
           'example : s!"{x}{x+1}" = "56" := rfl\nexample : s!"" = "" := rfl\n'
           'def greet (name : String) : String := s!"Hi {name}, {name.length} letters, {true}"\n'
           '#eval greet "Bob"\n')
    assert messages(ce, src) == ['f.lean:7:0: info: "Hi Bob, 3 letters, true"']


def test_wrong_value_is_rejected(ce: CommandElaborator) -> None:
    out = messages(ce, 'example : s!"{1}" = "2" := by decide\n')
    assert len(out) == 1 and out[0].startswith("f.lean:1:30: error: ")


def test_result_is_a_string(ce: CommandElaborator) -> None:
    out = messages(ce, 'def n : Nat := s!"a"\n')
    assert out[0].startswith("f.lean:1:15: error: Type mismatch")


def test_piece_without_to_string(ce: CommandElaborator) -> None:
    out = messages(ce, 'def f := s!"{fun (n : Nat) => n}"\n')
    assert out[0].startswith("f.lean:1:13: error: failed to synthesize instance of type class\n  ToString (Nat → Nat)")


def test_other_prefixes_are_refused(ce: CommandElaborator) -> None:
    assert messages(ce, 'def m := m!"a{1}"\n') == [
        'f.lean:1:9: error: interpolated strings \'m!"…"\' are not supported yet (only s!"…")']
