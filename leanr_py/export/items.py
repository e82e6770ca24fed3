"""What a reader yields: one declaration (or one claim to verify) with the line it came from."""
from __future__ import annotations

from dataclasses import dataclass

from ..kernel.declaration import ConstantInfo, Declaration
from ..kernel.name import Name

AXIOM, DEF, THM, OPAQUE, QUOT, INDUCTIVE, MUTUAL, CHECK = (
    "axiom", "def", "thm", "opaque", "quot", "inductive", "mutual", "check")


@dataclass(slots=True, frozen=True, eq=False)
class ExportItem:
    """`decl` is submitted to the kernel; `claimed` are constants the file says exist afterwards.

    kind QUOT: add `decl` (a QuotDecl) unless the quotient package is already installed, then verify `claimed`.
    kind INDUCTIVE: `env.add_inductive(decl, claimed)`; the kernel compares the claims.
    kind CHECK: `decl` is None; every claimed constant must already be in the environment, unchanged.
    Other kinds: `env.add(decl)`.
    """

    line: int
    kind: str
    name: Name
    decl: Declaration | None
    claimed: tuple[ConstantInfo, ...] | None = None
