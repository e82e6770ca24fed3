"""Readable, non-recursive rendering of syntax trees: `dump(node)` gives an S-expression,
e.g. `(BinOp + (Ident a) (NumLit 1))`. Spans are included with `spans=True`."""

from __future__ import annotations

from dataclasses import MISSING, fields

from .ast import Node

_SKIP = frozenset(("span", "keyword_span"))


def dump(node: object, spans: bool = False) -> str:
    out: list[str] = []
    # explicit stack of work items: ("node", obj) or ("text", str)
    stack: list[tuple[str, object]] = [("node", node)]
    while stack:
        kind, obj = stack.pop()
        if kind == "text":
            out.append(obj)  # type: ignore[arg-type]
            continue
        if isinstance(obj, Node):
            parts: list[tuple[str, object]] = []
            head = type(obj).__name__
            if spans:
                head += f"@{obj.span}"
            parts.append(("text", "(" + head))
            for f in fields(obj):
                if f.name in _SKIP:
                    continue
                v = getattr(obj, f.name)
                if v is None or v == () or v is False or (f.default is not MISSING and v == f.default):
                    continue   # empty, or at its default: left out
                if f.name == "decl" and type(obj).__name__ == "NotationApp":
                    parts.append(("text", f" <notation {' '.join(i.atom or i.var for i in v.items)}>"))
                    continue
                parts.append(("text", " "))
                parts.append(("node", v))
            parts.append(("text", ")"))
            stack.extend(reversed(parts))
        elif isinstance(obj, tuple):
            parts = [("text", "[")]
            for i, v in enumerate(obj):
                if i:
                    parts.append(("text", " "))
                parts.append(("node", v))
            parts.append(("text", "]"))
            stack.extend(reversed(parts))
        elif isinstance(obj, str):
            plain = obj and not any(ch.isspace() or ch in "()[]\"" for ch in obj)
            out.append(obj if plain else repr(obj))
        else:
            out.append(repr(obj))
    return "".join(out)
