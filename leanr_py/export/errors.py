"""The export reader's exception types."""
from __future__ import annotations


class ExportError(Exception):
    """The export file is malformed at `line` (1-based)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class ExportDecline(ExportError):
    """The file is well formed but uses a format or feature this reader knowingly does not support."""
