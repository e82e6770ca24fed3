"""Decimal text to int, for numbers of any length.

`int(text)` refuses more than `sys.get_int_max_str_digits()` digits (4300 by default) and accepts
signs, underscores, spaces and non-ASCII digits; export files need none of that.
"""
from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]+")
_CHUNK = 4000


def parse_decimal(text: str) -> int | None:
    """The value of a string of ASCII digits, or None if `text` is anything else."""
    if not _DIGITS.fullmatch(text):
        return None
    return _convert(text, 0)


def _convert(text: str, depth: int) -> int:
    """Split in halves: depth is log2(len / _CHUNK), a few dozen at most."""
    if len(text) <= _CHUNK:
        return int(text)
    half = len(text) // 2
    high, low = text[:-half], text[-half:]
    return _convert(high, depth + 1) * 10 ** half + _convert(low, depth + 1)
