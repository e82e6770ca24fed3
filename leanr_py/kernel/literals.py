"""Nat and String literal extensions: GMP-style Nat arithmetic on Python ints, literal <-> constructor."""
from __future__ import annotations

import math
from typing import Callable

from .expr import Expr, get_app_fn, mk_app, mk_const, mk_nat_lit
from .level import ZERO
from .name import Name

# results larger than this many bits are not computed by the extension (the definitions still unfold)
MAX_RESULT_BITS = 1 << 24


class NatNames:
    nat = Name.of("Nat")
    zero = Name.of("Nat.zero")
    succ = Name.of("Nat.succ")
    log2 = Name.of("Nat.log2")
    string = Name.of("String")
    bool_true = Name.of("Bool.true")
    bool_false = Name.of("Bool.false")
    char = Name.of("Char")
    char_of_nat = Name.of("Char.ofNat")
    list_nil = Name.of("List.nil")
    list_cons = Name.of("List.cons")
    string_mk = Name.of("String.mk")
    string_of_list = Name.of("String.ofList")


def _pow(a: int, b: int) -> int | None:
    if a in (0, 1):
        return a if b > 0 else 1
    if b * max(a.bit_length(), 1) > MAX_RESULT_BITS:
        return None
    return a ** b


def _shl(a: int, b: int) -> int | None:
    if a == 0:
        return 0
    if b + a.bit_length() > MAX_RESULT_BITS:
        return None
    return a << b


NAT_BIN_OPS: dict[Name, Callable[[int, int], "int | None"]] = {
    Name.of("Nat.add"): lambda a, b: a + b,
    Name.of("Nat.sub"): lambda a, b: a - b if a > b else 0,
    Name.of("Nat.mul"): lambda a, b: a * b,
    Name.of("Nat.div"): lambda a, b: a // b if b else 0,
    Name.of("Nat.mod"): lambda a, b: a % b if b else a,
    Name.of("Nat.gcd"): math.gcd,
    Name.of("Nat.land"): lambda a, b: a & b,
    Name.of("Nat.lor"): lambda a, b: a | b,
    Name.of("Nat.xor"): lambda a, b: a ^ b,
    Name.of("Nat.shiftLeft"): _shl,
    Name.of("Nat.shiftRight"): lambda a, b: a >> b,
    Name.of("Nat.pow"): _pow,
}

NAT_PREDS: dict[Name, Callable[[int, int], bool]] = {
    Name.of("Nat.beq"): lambda a, b: a == b,
    Name.of("Nat.ble"): lambda a, b: a <= b,
}


def nat_lit_to_constructor(e: Expr) -> Expr:
    v = e.val  # type: ignore[attr-defined]
    if v == 0:
        return mk_const(NatNames.zero)
    return mk_app(mk_const(NatNames.succ), mk_nat_lit(v - 1))


def string_lit_to_constructor(e: Expr, constants: dict) -> Expr:
    """`"ab"` as `String.ofList [Char.ofNat 97, Char.ofNat 98]` (or `String.mk` where that is the constructor)."""
    char = mk_const(NatNames.char)
    nil = mk_app(mk_const(NatNames.list_nil, (ZERO,)), char)
    cons = mk_app(mk_const(NatNames.list_cons, (ZERO,)), char)
    of_nat = mk_const(NatNames.char_of_nat)
    r = nil
    for ch in reversed(e.val):  # type: ignore[attr-defined]
        r = mk_app(mk_app(cons, mk_app(of_nat, mk_nat_lit(ord(ch)))), r)
    head = NatNames.string_mk if NatNames.string_mk in constants else NatNames.string_of_list
    return mk_app(mk_const(head), r)


def is_app_of(e: Expr, name: Name) -> bool:
    f = get_app_fn(e)
    return f.kind == 2 and f.name is name  # type: ignore[attr-defined]
