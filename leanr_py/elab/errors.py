"""The elaborator's one exception type."""
from __future__ import annotations

from typing import Any


class ElabError(Exception):
    """An elaboration failure. `span` locates it in the source when known (None inside the meta layer)."""

    def __init__(self, message: str, span: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span

    def __str__(self) -> str:
        return self.message


class ElabErrors(ElabError):
    """Several failures of one command, reported in order (the first is the message of the exception):
    a declaration header whose unknown identifiers were each logged and elaborated as `sorry`."""

    def __init__(self, errors: list[ElabError]) -> None:
        super().__init__(errors[0].message, errors[0].span)
        self.errors = errors
