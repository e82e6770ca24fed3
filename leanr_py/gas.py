"""Deterministic step budget shared by every loop that can run long (kernel, elaborator, tactics, eval).

Results depend only on the input and the budget, never on clocks.
"""
from __future__ import annotations


class GasExhausted(Exception):
    """The step budget ran out; the current command stops and can be resumed with a larger budget."""

    def __init__(self, budget: int) -> None:
        super().__init__(f"step budget of {budget} exhausted")
        self.budget = budget


class Gas:
    __slots__ = ("budget", "left")

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.left = budget

    def charge(self, n: int = 1) -> None:
        self.left -= n
        if self.left < 0:
            self.left = 0
            raise GasExhausted(self.budget)

    @property
    def used(self) -> int:
        return self.budget - self.left
