"""Hierarchical names (`Nat.succ`, `_private.0.x`), interned: equal names are the same object."""
from __future__ import annotations

from typing import Union

Component = Union[str, int]


class Name:
    """A Lean name: anonymous, or a prefix name plus a string or numeric component.

    Names are interned, so equality is identity and the hash is the object's id. Create them with
    `Name.anonymous()`, `Name.str(prefix, s)`, `Name.num(prefix, i)` or `Name.of("A.b.c")`.
    """

    __slots__ = ("prefix", "last", "_text", "depth", "__weakref__")
    _table: dict[tuple, "Name"] = {}
    _anonymous: "Name"

    prefix: "Name | None"
    last: Component | None

    def __init__(self, prefix: "Name | None", last: Component | None) -> None:
        self.prefix = prefix
        self.last = last
        self._text: str | None = None
        self.depth = 0 if prefix is None else prefix.depth + 1

    @staticmethod
    def anonymous() -> "Name":
        return ANONYMOUS

    @staticmethod
    def str(prefix: "Name", s: str) -> "Name":
        key = (prefix, s)
        n = Name._table.get(key)
        if n is None:
            n = Name._table[key] = Name(prefix, s)
        return n

    @staticmethod
    def num(prefix: "Name", i: int) -> "Name":
        key = (prefix, i, 0)
        n = Name._table.get(key)
        if n is None:
            n = Name._table[key] = Name(prefix, i)
        return n

    @staticmethod
    def of(text: str) -> "Name":
        """Parse dotted text; a component that is all digits becomes numeric (as Lean's `Name.mkSimple` chains do not)."""
        n = _OF_CACHE.get(text)
        if n is not None:
            return n
        n = ANONYMOUS
        if not text:
            return n
        for part in _split_dotted(text):
            n = Name.num(n, int(part)) if part.isdigit() and not part.startswith("«") else Name.str(n, part.strip("«»"))
        if len(_OF_CACHE) < _OF_CACHE_LIMIT:
            _OF_CACHE[text] = n  # names are interned and immutable: the parse of a text never changes
        return n

    @staticmethod
    def from_components(parts: "list[Component] | tuple[Component, ...]") -> "Name":
        n = ANONYMOUS
        for p in parts:
            n = Name.num(n, p) if isinstance(p, int) else Name.str(n, p)
        return n

    def append(self, s: Component) -> "Name":
        return Name.num(self, s) if isinstance(s, int) else Name.str(self, s)

    def components(self) -> list[Component]:
        out: list[Component] = []
        n: Name | None = self
        while n is not None and n.prefix is not None:
            out.append(n.last)  # type: ignore[arg-type]
            n = n.prefix
        out.reverse()
        return out

    def is_anonymous(self) -> bool:
        return self.prefix is None

    def is_prefix_of(self, other: "Name") -> bool:
        n: Name | None = other
        while n is not None and n.depth >= self.depth:
            if n is self:
                return True
            n = n.prefix
        return False

    def __str__(self) -> str:
        if self._text is None:
            if self.prefix is None:
                self._text = "[anonymous]"
            else:
                self._text = ".".join(_escape(c) for c in self.components())
        return self._text

    def __repr__(self) -> str:
        return f"`{self}"

    def __lt__(self, other: "Name") -> bool:  # deterministic ordering for output
        return _sort_key(self) < _sort_key(other)


def _sort_key(n: Name) -> tuple:
    return tuple((0, c, "") if isinstance(c, int) else (1, 0, c) for c in n.components())


def _escape(c: Component) -> str:
    if isinstance(c, int):
        return str(c)
    if c and (c[0].isalpha() or c[0] == "_" or ord(c[0]) > 127) and all(
        ch.isalnum() or ch in "_'!?" or ord(ch) > 127 for ch in c
    ):
        return c
    return f"«{c}»"


def _split_dotted(text: str) -> list[str]:
    if "«" not in text:
        return text.split(".")  # the common case; the loop below gives the same parts
    parts: list[str] = []
    cur: list[str] = []
    in_guillemets = False
    for ch in text:
        if ch == "«":
            in_guillemets = True
        elif ch == "»":
            in_guillemets = False
        if ch == "." and not in_guillemets:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


# `Name.of` results by text (the elaborator parses the same few hundred names over and over)
_OF_CACHE: dict[str, Name] = {}
_OF_CACHE_LIMIT = 100_000

ANONYMOUS = Name(None, None)
Name._anonymous = ANONYMOUS
