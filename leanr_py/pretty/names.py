"""How names are shown: macro scopes erased, private prefixes dropped, inaccessible names marked.

Lean's hygienic names look like `a._@.Mod._hyg.12`; bound variables print with the scopes erased
(`a`), inaccessible locals as `a✝` (then `a✝¹`, `a✝²`, … when several share a base name).
"""
from __future__ import annotations

from typing import Sequence

from ..kernel.name import Name
from ..syntax.lexer import KEYWORDS

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def has_macro_scopes(n: Name) -> bool:
    """Lean's `Name.hasMacroScopes`: the name ends in `_hyg` followed by numbers."""
    while n.prefix is not None and isinstance(n.last, int):
        n = n.prefix
    return n.last == "_hyg" if n.prefix is not None else False


def erase_macro_scopes(n: Name) -> Name:
    """`a._@.Mod._hyg.12` ↦ `a` (names without scopes are returned unchanged)."""
    if not has_macro_scopes(n):
        return n
    comps = n.components()
    try:
        cut = comps.index("_@")
    except ValueError:
        return n
    return Name.from_components(comps[:cut])


def strip_private(n: Name) -> Name:
    """`_private.Mod.0.Foo.bar` ↦ `Foo.bar`."""
    comps = n.components()
    if comps and comps[0] == "_private":
        for i in range(1, len(comps)):
            if isinstance(comps[i], int):
                return Name.from_components(comps[i + 1:])
    return n


def const_name(n: Name) -> str:
    """The text of a constant's name as Lean shows it (full name, private prefix removed)."""
    n = strip_private(erase_macro_scopes(n))
    return "[anonymous]" if n.is_anonymous() else str(n)


def binder_base(n: Name, default: str = "x") -> str:
    """The base spelling for a bound variable named `n` (scopes erased, private prefix dropped,
    only the last component kept; keywords escaped as `«namespace»`; anonymous ↦ `default`)."""
    n = strip_private(erase_macro_scopes(n))
    if n.is_anonymous():
        return default
    last = n.last
    s = str(Name.str(Name.anonymous(), last) if isinstance(last, str) else last)
    if isinstance(last, int):
        return default
    if s in KEYWORDS:
        return "«" + s + "»"
    return s


def inaccessible(base: str, k: int) -> str:
    """The `k`-th inaccessible name with this base: `a✝`, `a✝¹`, `a✝²`, …"""
    return base + "✝" + (str(k).translate(_SUPERSCRIPTS) if k else "")


def local_name(n: Name) -> str:
    """A free variable's name: scoped names are inaccessible (`a✝`)."""
    if has_macro_scopes(n):
        return inaccessible(binder_base(n), 0)
    return binder_base(n, "x✝")


# the motive of the `casesOn` of a match with one alternative per constructor is named with the order of its
# alternatives (`split` makes one goal per alternative, in that order, tagged `h_1`, `h_2`, … as Lean's)
_MATCH_ALTS_MARK = "matchAlts"


def match_alts_name(alt_of_ctor: Sequence[int]) -> Name:
    return Name.from_components(["x", "_@", _MATCH_ALTS_MARK, ",".join(map(str, alt_of_ctor)), "_hyg", 0])


def match_alts_of(n: Name) -> list[int] | None:
    """The alternative (0-based) of each constructor, from a motive binder named by `match_alts_name`."""
    parts = n.components()
    if len(parts) == 6 and parts[2] == _MATCH_ALTS_MARK and isinstance(parts[3], str):
        try:
            return [int(k) for k in parts[3].split(",")]
        except ValueError:
            return None
    return None
