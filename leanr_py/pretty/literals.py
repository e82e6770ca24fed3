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



def decimal(n: int) -> str:
    """`n` in decimal without CPython's int-max-str-digits limit (split by squared powers of ten; the
    inverse of the lexer's `parse_decimal`)."""
    if n < 0:
        return "-" + decimal(-n)
    if n < 10 ** 3000:
        return str(n)
    chunk = 2000
    pows = [10 ** chunk]
    while pows[-1] * pows[-1] <= n:
        pows.append(pows[-1] * pows[-1])
    out: list[str] = []
    todo: list[tuple[int, int, int]] = [(n, len(pows) - 1, 0)]   # (value, level, digits to pad to; 0: none)
    while todo:
        v, level, width = todo.pop()
        if level < 0:
            s = str(v)
            out.append(s.zfill(width) if width else s)
            continue
        low_width = chunk << level
        hi, lo = divmod(v, pows[level])
        if not hi and not width:       # leading part: no zeros in front
            todo.append((lo, level - 1, 0))
            continue
        todo.append((lo, level - 1, low_width))
        todo.append((hi, level - 1, width - low_width if width else 0))
    return "".join(out)
