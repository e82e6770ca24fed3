"""The leanprover-community/repl JSON protocol as the client needs it: encoding commands so that the
REPL can never choke on them, framing responses, and reading the verdict out of a response.

Facts this module is built on (leanprover-community/repl, REPL/Main.lean):
- commands are read line by line up to a blank line (`getLines`), so a command must be one JSON object
  with no blank line inside it, followed by a blank line;
- input that is not JSON, or JSON that is not a command, raises an uncaught error and the REPL process
  exits: nothing malformed may ever be sent;
- each response is a JSON object followed by a blank line;
- a response is either a command result (`env`, `messages`, `sorries`, ...) or an error object with
  a single `message` field.
"""
from __future__ import annotations

import json
import re
from typing import Any


class ProtocolInputError(ValueError):
    """A command that must not be sent (it could not be encoded as one blank-line-free JSON object)."""


def encode_command(command: dict[str, Any]) -> bytes:
    """One command as the bytes to write: a single line of JSON, then the blank line that ends it.

    Refuses what would make the REPL die or misread the command: text that is not valid Unicode
    (lone surrogates), or anything whose encoding is not a single line that decodes back to the same
    command."""
    try:
        text = json.dumps(command, ensure_ascii=False, allow_nan=False)
        data = text.encode("utf-8")
    except (TypeError, ValueError) as e:     # UnicodeEncodeError is a ValueError
        raise ProtocolInputError(f"cannot encode the command as JSON: {e}") from None
    if b"\n" in data or b"\r" in data:
        raise ProtocolInputError("the encoded command is not a single line")
    if json.loads(data.decode("utf-8")) != command:
        raise ProtocolInputError("the command does not survive a JSON round trip")
    return data + b"\n\n"


class ResponseFramer:
    """Collects stdout bytes and cuts them into responses at blank lines."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    @property
    def pending(self) -> int:
        return len(self._buffer)

    def feed(self, data: bytes) -> None:
        self._buffer += data

    def next_block(self) -> str | None:
        """The next complete response text (without its terminating blank line), or None."""
        while True:
            start = 0
            # skip blank lines between responses
            while True:
                nl = self._buffer.find(b"\n", start)
                if nl < 0 or self._buffer[start:nl].strip():
                    break
                start = nl + 1
            if start:
                del self._buffer[:start]
            end = _find_blank_line(self._buffer)
            if end is None:
                return None
            block, rest = bytes(self._buffer[:end[0]]), self._buffer[end[1]:]
            self._buffer = bytearray(rest)
            text = block.decode("utf-8", errors="replace").strip()
            if text:
                return text


def _find_blank_line(buffer: bytearray) -> tuple[int, int] | None:
    """(end of the content, start of what follows) for the first line that is blank after content."""
    pos = 0
    seen_content = False
    while True:
        nl = buffer.find(b"\n", pos)
        if nl < 0:
            return None
        line = buffer[pos:nl]
        if line.strip():
            seen_content = True
        elif seen_content:
            return pos, nl + 1
        pos = nl + 1


def parse_response(text: str) -> dict[str, Any]:
    """A response block as a JSON object; ValueError when it is anything else (garbage output)."""
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError(f"a response must be a JSON object, not {type(value).__name__}")
    return value


# --- reading verdicts -------------------------------------------------------------------------

# Lean's warning for a declaration that uses `sorry`: "declaration uses 'sorry'" in older versions,
# "declaration uses `sorry`" in newer ones.
_SORRY_WARNING = re.compile(r"declaration uses ['`]sorry['`]")


def message_text(message: dict[str, Any]) -> str:
    data = message.get("data")
    return data if isinstance(data, str) else json.dumps(data)


def message_where(message: dict[str, Any]) -> str:
    pos = message.get("pos") or {}
    if isinstance(pos, dict) and "line" in pos:
        return f"{pos.get('line')}:{pos.get('column', 0)}"
    return "?"


def errors_of(response: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in response.get("messages") or [] if isinstance(m, dict) and m.get("severity") == "error"]


def uses_sorry(response: dict[str, Any]) -> bool:
    """Both signs of `sorry`: the REPL's `sorries` field and Lean's warning."""
    if response.get("sorries"):
        return True
    return any(isinstance(m, dict) and _SORRY_WARNING.search(message_text(m))
               for m in response.get("messages") or [])


# `#print axioms` answers (Lean, src/Lean/Elab/Print.lean):
#   'N' depends on axioms: [a, b, c]        or        'N' does not depend on any axioms
_DEPENDS = re.compile(r"^'(?P<name>.*)' depends on axioms:\s*\[(?P<axioms>[^\]]*)\]\s*$", re.S)
_INDEPENDENT = re.compile(r"^'(?P<name>.*)' does not depend on any axioms\s*$", re.S)


def parse_axioms_answer(text: str) -> tuple[str, list[str]] | None:
    """(declaration, axioms) from the text of a `#print axioms` message, or None if it is not one."""
    text = text.strip()
    m = _INDEPENDENT.match(text)
    if m:
        return m.group("name"), []
    m = _DEPENDS.match(text)
    if m:
        return m.group("name"), [a.strip() for a in m.group("axioms").split(",") if a.strip()]
    return None
