"""`mutual … end` blocks of definitions whose bodies do not refer to one another.

As Lean's `elabMutualDef`, the headers of a block are elaborated before any of its declarations exists, so
a header that names another member (`mutual abbrev N : Type := Nat; def n : N := 5 end`) meets an
`Unknown identifier`. When no body names another member (a member may still recurse on itself), the block
is the same as its declarations one after another, which is how it is elaborated; a body that calls
another member needs mutual recursion, which is not supported yet.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..syntax import ast as A
from . import messages
from .errors import ElabError
from .match import iter_idents

if TYPE_CHECKING:
    from .command import CommandElaborator

__all__ = ["elab_mutual_defs", "first_mention"]

_DEFINITION_KINDS = frozenset(("def", "theorem", "lemma", "abbrev", "instance", "opaque"))


def first_mention(roots: Iterable[object], names: frozenset[str]) -> A.Ident | None:
    """The first identifier (in source order) under `roots` that is one of `names` or a field of one."""
    hits = [i for i in iter_idents([r for r in roots if r is not None])
            if i.name in names or i.name.split(".", 1)[0] in names]
    return min(hits, key=lambda i: (i.span.line, i.span.col), default=None)


def elab_mutual_defs(ce: "CommandElaborator", cmd: A.Mutual) -> None:
    decls = list(cmd.commands)
    if not decls or not all(isinstance(d, A.Decl) and d.kind in _DEFINITION_KINDS and d.name is not None
                            for d in decls):
        raise ElabError("'mutual' blocks mixing definitions with other commands are not supported yet", cmd.span)
    members = [d.name.name for d in decls]  # type: ignore[union-attr]
    namespace = str(ce.scope.namespace)
    spelled = frozenset(members + [f"{namespace}.{m}" for m in members if namespace])
    for d in decls:
        hit = first_mention((d.binders, d.type), spelled)
        if hit is not None:
            raise ElabError(messages.unknown_identifier(hit.name), hit.span)
    for d in decls:
        own = d.name.name  # type: ignore[union-attr]
        others = frozenset(s for s in spelled if s != own and not s.endswith("." + own))
        if first_mention((d.value,), others) is not None:
            raise ElabError("'mutual' blocks of definitions (mutual recursion) are not supported yet", cmd.span)
    for d in decls:
        for m in ce.elab_command(d):
            if m.severity == "error":
                return
