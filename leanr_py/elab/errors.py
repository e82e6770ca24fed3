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
