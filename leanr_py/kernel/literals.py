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
    # `String.mk` only when it is `String`'s constructor: a definition a file declares under that name
    # must not decide what a literal is
    from . import declaration as D

    mk = constants.get(NatNames.string_mk)
    head = NatNames.string_mk if isinstance(mk, D.ConstructorInfo) else NatNames.string_of_list
    return mk_app(mk_const(head), r)


def is_app_of(e: Expr, name: Name) -> bool:
    f = get_app_fn(e)
    return f.kind == 2 and f.name is name  # type: ignore[attr-defined]


def _arrows(arg_types: list[Expr], result: Expr) -> Expr:
    from .expr import mk_arrow

    t = result
    for a in reversed(arg_types):
        t = mk_arrow(a, t)
    return t


def nat_extension_enabled(constants: dict, op: Name) -> bool:
    """Do `Nat` (and `Bool` for predicates) have Lean's shape and `op` Lean's type?"""
    from . import declaration as D
    from .expr import alpha_eqv, mk_sort
    from .level import ONE

    nat = mk_const(NatNames.nat)
    nat_info = constants.get(NatNames.nat)
    zero = constants.get(NatNames.zero)
    succ = constants.get(NatNames.succ)
    info = constants.get(op)
    if not (isinstance(nat_info, D.InductiveInfo) and nat_info.ctors == (NatNames.zero, NatNames.succ)
            and nat_info.type is mk_sort(ONE) and not nat_info.level_params
            and zero is not None and zero.type is nat
            and succ is not None and alpha_eqv(succ.type, _arrows([nat], nat))
            and info is not None and not info.level_params):
        return False
    if op is NatNames.succ or op is NatNames.log2:
        expected = _arrows([nat], nat)
    elif op in NAT_PREDS:
        bool_info = constants.get(Name.of("Bool"))
        if not (isinstance(bool_info, D.InductiveInfo) and bool_info.ctors == (NatNames.bool_false, NatNames.bool_true)):
            return False
        expected = _arrows([nat, nat], mk_const(Name.of("Bool")))
    else:
        expected = _arrows([nat, nat], nat)
    return alpha_eqv(info.type, expected)


class NatEquations:
    """Defining equations of a Nat operation, over two variables `n`, `m`, by cases on the constructors."""

    def __init__(self, requires: tuple[Name, ...], build) -> None:  # type: ignore[no-untyped-def]
        self.requires = requires
        self.build = build


def _c(name: Name) -> Expr:
    return mk_const(name)


_PRED = Name.of("Nat.pred")
_ADD, _SUB, _MUL, _POW = Name.of("Nat.add"), Name.of("Nat.sub"), Name.of("Nat.mul"), Name.of("Nat.pow")
_BEQ, _BLE = Name.of("Nat.beq"), Name.of("Nat.ble")


def _equations(op: Name, n: Expr, m: Expr) -> list[tuple[Expr, Expr]]:
    z = _c(NatNames.zero)

    def s(x: Expr) -> Expr:
        return mk_app(_c(NatNames.succ), x)

    def f(name: Name, *args: Expr) -> Expr:
        r = _c(name)
        for a in args:
            r = mk_app(r, a)
        return r

    t, ff = _c(NatNames.bool_true), _c(NatNames.bool_false)
    if op is NatNames.succ:
        return []
    if op is _ADD:
        return [(f(_ADD, n, z), n), (f(_ADD, n, s(m)), s(f(_ADD, n, m)))]
    if op is _SUB:
        return [(f(_PRED, z), z), (f(_PRED, s(n)), n),
                (f(_SUB, n, z), n), (f(_SUB, n, s(m)), f(_PRED, f(_SUB, n, m)))]
    if op is _MUL:
        return [(f(_MUL, n, z), z), (f(_MUL, n, s(m)), f(_ADD, f(_MUL, n, m), n))]
    if op is _POW:
        return [(f(_POW, n, z), s(z)), (f(_POW, n, s(m)), f(_MUL, f(_POW, n, m), n))]
    if op is _BEQ:
        return [(f(_BEQ, z, z), t), (f(_BEQ, z, s(m)), ff), (f(_BEQ, s(n), z), ff),
                (f(_BEQ, s(n), s(m)), f(_BEQ, n, m))]
    if op is _BLE:
        return [(f(_BLE, z, z), t), (f(_BLE, z, s(m)), t), (f(_BLE, s(n), z), ff),
                (f(_BLE, s(n), s(m)), f(_BLE, n, m))]
    raise KeyError(op)


_REQUIRES = {_MUL: (_ADD,), _POW: (_MUL,)}

# Operations whose definitions (well-founded recursion, bitwise helpers) cannot be pinned down by
# equations on variables; like Lean's kernel, the extension trusts them once their type is Lean's.
TRUSTED_BY_TYPE = ("Nat.div", "Nat.mod", "Nat.gcd", "Nat.log2", "Nat.land", "Nat.lor", "Nat.xor",
                   "Nat.shiftLeft", "Nat.shiftRight")


def nat_equations(op: Name) -> NatEquations | None:
    if op in (NatNames.succ, _ADD, _SUB, _MUL, _POW, _BEQ, _BLE):
        return NatEquations(_REQUIRES.get(op, ()), lambda n, m: _equations(op, n, m))
    return None
