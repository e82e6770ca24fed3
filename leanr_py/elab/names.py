"""What a name may refer to beyond namespaces and plain `open`s, as Lean's name resolution:

- aliases: `export Foo (a)` makes `a` (in the current namespace, for the rest of the file) denote `Foo.a`;
  `open Foo (a)` and `open Foo renaming a → b` do the same for the current scope only;
- hidden: `open Foo hiding a` opens `Foo` except for `Foo.a`;
- protected: a `protected` declaration `Foo.a` is not reached by the atomic name `a` through a namespace or
  an `open` (only by a name with at least two components, such as `Foo.a`).

The command elaborator keeps these in its scopes (`Scope.aliases/hidden/protected`) and hands a `NameScope` to
each term elaborator; `private` needs nothing here (a file is one module: private names are visible in it).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..kernel.name import Name

__all__ = ["NameScope", "EMPTY"]


@dataclass(slots=True, frozen=True)
class NameScope:
    aliases: tuple[tuple[Name, Name], ...] = ()   # (alias, constant), in the order they were made
    hidden: frozenset[Name] = frozenset()
    protected: frozenset[Name] = frozenset()

    def targets(self, alias: Name) -> list[Name]:
        """The constants `alias` was made to denote (several when made ambiguous on purpose)."""
        return [t for a, t in self.aliases if a is alias]

    def aliases_of(self, target: Name) -> list[Name]:
        """The aliases made to denote `target` (`decide` for `Decidable.decide`), newest first."""
        return [a for a, t in reversed(self.aliases) if t is target]

    def reachable(self, full: Name, written: Name, via_open: bool) -> bool:
        """May `written` denote the constant `full` it resolved to through a namespace (or an `open`)?"""
        if via_open and full in self.hidden:
            return False
        return not (full in self.protected and len(written.components()) == 1)


EMPTY = NameScope()
