"""A Wadler/Leijen-style layout document: text, soft lines, nesting and groups.

A group is laid out flat (its soft lines become spaces) when its flat width fits in what is left
of the current line, otherwise its lines break and take the current nesting as indentation.
Each node records its flat width when built, so the fit test is O(1) and rendering is a single
iterative pass (no recursion: documents can be as deep as the terms they print).

Freeing a document is the other deep walk: each node owns its parts, and CPython frees a chain of objects
with one nested C call per object. Natively the interpreter defers that past a depth limit, but in Pyodide
(WebAssembly) a chain a few thousand objects long overflows the engine's stack, which is fatal. So nodes
record their nesting depth, and a node deeper than `_DEEP` is a `_DeepDoc`, whose finalizer takes its
subtree apart iteratively before it goes: no free ever nests more than `_DEEP` documents.
"""
from __future__ import annotations

import sys
from typing import Iterable

TEXT, LINE, NEST, GROUP, CAT, FSEP = range(6)


class Doc:
    __slots__ = ("kind", "text", "indent", "parts", "width", "depth")
    kind: int
    text: str          # TEXT: the text; LINE: what the line is when flat
    indent: int        # NEST: extra indentation
    parts: tuple["Doc", ...]
    width: int         # flat width (large when it contains a hard line)
    depth: int         # nesting depth: 1 for a leaf

    def __repr__(self) -> str:
        return f"Doc({render(self, 10_000)!r})"


_HARD = 1 << 40
# Deeper documents take themselves apart when freed. Freeing a chain of this many plain nodes (and their part
# tuples) nests well within what Pyodide's stack allows (a few thousand objects).
_DEEP = 256


def _sole_reference_count() -> int:
    """What `sys.getrefcount` reports for an object held only by the loop variable of `_DeepDoc.__del__`'s loop
    (the same code shape, measured once: the figure differs between Python versions)."""
    pending = [object()]
    while pending:
        child = pending.pop()
        return sys.getrefcount(child)
    raise AssertionError("unreachable")


_SOLE_REFERENCE = _sole_reference_count()


class _DeepDoc(Doc):
    __slots__ = ()

    def __del__(self) -> None:
        # Take apart, without nesting, every deep node that dies with this one: a node referenced from
        # elsewhere too (documents share parts) is left whole, and its other owner frees it later.
        pending = list(self.parts)
        self.parts = ()
        while pending:
            child = pending.pop()
            if type(child) is _DeepDoc and sys.getrefcount(child) <= _SOLE_REFERENCE:
                pending.extend(child.parts)
                child.parts = ()
        # each `child` is freed when the loop variable moves on: a plain node frees at most _DEEP levels


def _mk(kind: int, text: str, indent: int, parts: tuple[Doc, ...], width: int) -> Doc:
    depth = 1
    for p in parts:
        if p.depth >= depth:
            depth = p.depth + 1
    d = Doc.__new__(_DeepDoc if depth > _DEEP else Doc)
    d.kind, d.text, d.indent, d.parts, d.width, d.depth = kind, text, indent, parts, width, depth
    return d


def text(s: str) -> Doc:
    return _mk(TEXT, s, 0, (), len(s))


def line(flat: str = " ") -> Doc:
    """A soft line break: `flat` when its group is flat, a newline plus indentation otherwise."""
    return _mk(LINE, flat, 0, (), len(flat))


def hardline() -> Doc:
    return _mk(LINE, "", 0, (), _HARD)


def nest(n: int, d: Doc) -> Doc:
    return _mk(NEST, "", n, (d,), d.width)


def group(d: Doc) -> Doc:
    return _mk(GROUP, "", 0, (d,), d.width)


def cat(*parts: Doc | str) -> Doc:
    return concat(parts)


def concat(parts: Iterable[Doc | str]) -> Doc:
    ps = tuple(text(p) if isinstance(p, str) else p for p in parts)
    if len(ps) == 1:
        return ps[0]
    w = 0
    for p in ps:
        w += p.width
    return _mk(CAT, "", 0, ps, w)


def fill(items: Iterable[Doc | str]) -> Doc:
    """Items separated by soft lines that break one at a time: a separator breaks only when the
    item after it does not fit on the current line (Lean's `Format.fill`)."""
    parts: list[Doc] = []
    for i, it in enumerate(items):
        d = text(it) if isinstance(it, str) else it
        if i:
            parts.append(_mk(FSEP, " ", 0, (d,), 1))
        parts.append(d)
    return concat(parts) if parts else EMPTY


EMPTY = text("")


def render(d: Doc, width: int = 100) -> str:
    """Lay out `d` for a page `width` columns wide."""
    out: list[str] = []
    col = 0
    # (indent, flat, doc)
    stack: list[tuple[int, bool, Doc]] = [(0, False, d)]
    while stack:
        ind, flat, x = stack.pop()
        k = x.kind
        if k == TEXT:
            out.append(x.text)
            col += len(x.text)
        elif k == CAT:
            for p in reversed(x.parts):
                stack.append((ind, flat, p))
        elif k == LINE:
            if flat and x.width < _HARD:
                out.append(x.text)
                col += len(x.text)
            else:
                out.append("\n" + " " * ind)
                col = ind
        elif k == FSEP:
            if flat or col + 1 + x.parts[0].width <= width:
                out.append(" ")
                col += 1
            else:
                out.append("\n" + " " * ind)
                col = ind
        elif k == NEST:
            stack.append((ind + x.indent, flat, x.parts[0]))
        else:  # GROUP
            stack.append((ind, flat or col + x.width <= width, x.parts[0]))
    return "".join(out)
