"""`leanr check` on source files: syntax errors as Lean prints them; no verdict without elaboration."""
from __future__ import annotations

import json
from pathlib import Path

from leanr_py.cli import main


def write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_syntax_error_is_reported_with_position_and_exit_1(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = write(tmp_path, "bad.lean", "def x : Nat := 1\ndef y := (\ndef z := 2\n")
    assert main(["check", f]) == 1
    out = capsys.readouterr().out
    assert f"{f}:3:0: error: unexpected token 'def'; expected term" in out


def test_file_without_syntax_errors_gets_no_verdict(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = write(tmp_path, "good.lean", "def x : Nat := 1\n")
    assert main(["check", f]) == 2
    assert "elaboration is not implemented yet" in capsys.readouterr().err


def test_json_messages(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = write(tmp_path, "bad.lean", "example := (\n")
    assert main(["check", "--json", f]) == 1
    data = json.loads(capsys.readouterr().out)
    (msg,) = data["messages"]
    assert msg["severity"] == "error" and msg["pos"]["line"] >= 1 and "endPos" in msg


def test_unreadable_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", str(tmp_path / "missing.lean")]) == 2
    assert "cannot read" in capsys.readouterr().err
