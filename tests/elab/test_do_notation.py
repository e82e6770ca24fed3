"""`do` notation: Lean's check that the expected type is a monad application; the rest is declined."""
from __future__ import annotations

from .prelude_ce import first_error


def test_do_in_pure_code_is_an_error() -> None:
    e = first_error("def u (x : Nat) : Nat := do\n  let y := x + x\n  y * 2\n")
    assert (e.span.line, e.span.col) == (1, 25)
    assert e.message.startswith("invalid `do` notation, expected type is not a monad application\n  Nat\n")


def test_do_in_a_monad_is_not_supported_yet() -> None:
    e = first_error("def u (x : Nat) : Option Nat := do\n  let y := x + x\n  pure y\n")
    assert "not supported yet" in e.message
