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


def release_traceback(exc: BaseException) -> None:
    """Free a deep exception's traceback one frame at a time.

    Freeing a traceback of tens of thousands of frames in one go recurses in C, which overflows the
    small WebAssembly stack of Pyodide (a fatal error, not an exception); unlinking it first avoids that.
    """
    tb, exc.__traceback__ = exc.__traceback__, None
    chain = []
    while tb is not None:
        chain.append(tb)
        tb = tb.tb_next
    for t in chain:
        t.tb_next = None
    t = None  # the loop variable must not keep the deepest entry alive
    while chain:
        chain.pop()  # deepest first: its frame's caller is still held by the next entry
