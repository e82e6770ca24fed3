"""Interpolated strings `s!"a{x}b"`, expanded as Lean's `expandInterpolatedStr`: every chunk through
`toString`, joined left to right with `++`, the whole ascribed `String`:

    s!"a{x}{y}b"   ~>   ((toString "a" ++ toString x ++ toString "" ++ toString y ++ toString "b" : String))

Lean's chunks alternate literal pieces and terms and start and end with a literal piece (empty ones kept, as
`}{` between two terms), so `rfl` proofs about the expansion see the same term as in Lean. `m!` (message
data) and `f!` (formats) need Lean's meta-level types and are refused."""
from __future__ import annotations

from typing import Any

from ..kernel.expr import Expr
from ..syntax import ast as A
from .errors import ElabError
from .term import _DISPATCH, TermElaborator, _ConstApp

__all__ = ["expand_interpolated_string"]


def _lean_chunks(parts: tuple) -> list[Any]:
    """The parser's parts with the empty literal pieces Lean keeps put back."""
    chunks: list[Any] = []
    for p in parts:
        if not isinstance(p, str) and (not chunks or not isinstance(chunks[-1], str)):
            chunks.append("")
        chunks.append(p)
    if not chunks or not isinstance(chunks[-1], str):
        chunks.append("")
    return chunks


def expand_interpolated_string(stx: A.InterpStr) -> A.Term:
    if stx.prefix != "s!":
        raise ElabError(f"interpolated strings '{stx.prefix}\"…\"' are not supported yet (only s!\"…\")", stx.span)
    result: A.Term | None = None
    for chunk in _lean_chunks(stx.parts):
        piece = A.StrLit(stx.span, chunk) if isinstance(chunk, str) else chunk
        elem = _ConstApp(piece.span, "ToString.toString", (piece,))
        result = elem if result is None else A.BinOp(stx.span, "++", result, elem)
    assert result is not None
    return A.Ascription(stx.span, result, _ConstApp(stx.span, "String", ()))


def _e_interp_str(te: TermElaborator, stx: A.InterpStr, expected: Expr | None) -> Expr:
    return te._elab(expand_interpolated_string(stx), expected)  # noqa: SLF001


_DISPATCH[A.InterpStr] = _e_interp_str
