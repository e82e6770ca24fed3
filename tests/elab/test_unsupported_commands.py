"""`syntax`, `macro`, `macro_rules` and `elab` commands are refused as not supported yet (with a position),
the parser recovers at the next command, and `leanr check` declines such a file instead of rejecting it."""
from __future__ import annotations

from pathlib import Path

import pytest

from leanr_py.cli import EXIT_DECLINE, EXIT_REJECT, check_source_command
from leanr_py.syntax import parse_file


def test_each_command_is_refused_with_its_position() -> None:
    src = 'syntax "foo" : term\nmacro_rules | `(foo) => `(1)\nmacro "bar" : term => `(2)\ndef x := 1\n'
    parsed = parse_file(src)
    assert [(d.span.line, d.span.col, d.message) for d in parsed.diagnostics] == [
        (1, 0, "'syntax' (user-defined syntax, macros and elaborators) is not supported yet"),
        (2, 0, "'macro_rules' (user-defined syntax, macros and elaborators) is not supported yet"),
        (3, 0, "'macro' (user-defined syntax, macros and elaborators) is not supported yet")]
    assert any(type(c).__name__ == "Decl" for c in parsed.commands)   # `def x` still parsed


@pytest.mark.parametrize("src, code", [
    ('def x : Nat := 1\nmacro "bar" : term => `(2)\n', EXIT_DECLINE),
    ('macro "bar" : term => `(2)\ndef y := (\n', EXIT_REJECT),       # a real syntax error still rejects
])
def test_check_declines_only_unsupported_syntax(tmp_path: Path, src: str, code: int,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "m.lean"
    f.write_text(src, encoding="utf-8")
    assert check_source_command([str(f)], decline_exit=True) == code
