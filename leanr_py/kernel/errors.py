"""The kernel's one exception type."""
from __future__ import annotations


class KernelError(Exception):
    """A declaration was rejected. `decl` names the declaration being checked, when known."""

    def __init__(self, message: str, decl: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.decl = decl

    def __str__(self) -> str:
        return f"{self.decl}: {self.message}" if self.decl is not None else self.message


class KernelDecline(KernelError):
    """The input uses a feature this kernel knowingly does not support (not a verdict on soundness)."""
