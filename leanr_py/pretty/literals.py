"""String and character literals, escaped as Lean's `String.quote` / `Char.quote` do."""
from __future__ import annotations


def _quote_char(c: str, in_string: bool) -> str:
    if c == "\n":
        return "\\n"
    if c == "\t":
        return "\\t"
    if c == "\\":
        return "\\\\"
    if c == '"':
        return '\\"'
    if not in_string and c == "'":
        return "\\'"
    o = ord(c)
    if o <= 31 or o == 0x7F:
        return "\\x" + format(o, "02x")
    return c


def quote_string(s: str) -> str:
    return '"' + "".join(_quote_char(c, True) for c in s) + '"'


def quote_char(c: str) -> str:
    return "'" + _quote_char(c, False) + "'"
