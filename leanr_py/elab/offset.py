"""Nat numerals and offset terms (Lean's `Meta.Offset`): `evalNat` reads closed numerals written with
literals, `OfNat.ofNat Nat n (instOfNatNat n)`, `Nat.succ` and `+ - *` at `Nat`'s own instances; an
offset term is `e + k` for a numeral `k`, so `?n + 1 =?= 5` is solved as `?n =?= 4`."""
from __future__ import annotations

from typing import Callable

from ..kernel.expr import APP, CONST, NATLIT, Expr, get_app_fn_args, mk_app_n, mk_const, mk_nat_lit
from ..kernel.level import ZERO
from ..kernel.name import Name

_N = Name.of
NAT, NAT_ZERO, NAT_SUCC = _N("Nat"), _N("Nat.zero"), _N("Nat.succ")
OF_NAT, INST_OF_NAT_NAT = _N("OfNat.ofNat"), _N("instOfNatNat")

# operation -> (python function, instance check on the arguments before the operands, number of those)
_NAT_OPS: dict[Name, Callable[[int, int], int]] = {
    _N("Nat.add"): lambda a, b: a + b,
    _N("Nat.sub"): lambda a, b: a - b if a > b else 0,
    _N("Nat.mul"): lambda a, b: a * b,
}
# heterogeneous/homogeneous class operations and the Nat instances they must use
_CLASS_OPS: dict[Name, tuple[str, Name, Name, Name]] = {
    _N("HAdd.hAdd"): ("add", _N("instHAdd"), _N("instAddNat"), _N("Nat.add")),
    _N("HSub.hSub"): ("sub", _N("instHSub"), _N("instSubNat"), _N("Nat.sub")),
    _N("HMul.hMul"): ("mul", _N("instHMul"), _N("instMulNat"), _N("Nat.mul")),
}
_MONO_OPS: dict[Name, tuple[Name, Name]] = {
    _N("Add.add"): (_N("instAddNat"), _N("Nat.add")),
    _N("Sub.sub"): (_N("instSubNat"), _N("Nat.sub")),
    _N("Mul.mul"): (_N("instMulNat"), _N("Nat.mul")),
}
_ADD = _N("Nat.add")
_HADD, _INST_HADD, _INST_ADD_NAT = _N("HAdd.hAdd"), _N("instHAdd"), _N("instAddNat")

Head = Callable[[Expr], Expr]  # instantiates an assigned-mvar head (identity when there is none)


def _is_const(e: Expr, n: Name) -> bool:
    return e.kind == CONST and e.name is n  # type: ignore[attr-defined]


def _is_nat(e: Expr) -> bool:
    return _is_const(e, NAT)


def _nat_op(e: Expr, head: Head) -> tuple[Name, Expr, Expr] | None:
    """`(Nat.add|Nat.sub|Nat.mul, a, b)` when `e` is that operation on Nat through Nat's instances."""
    f, args = get_app_fn_args(e)
    if f.kind != CONST:
        return None
    n = f.name  # type: ignore[attr-defined]
    if n in _NAT_OPS:
        return (n, args[0], args[1]) if len(args) == 2 else None
    c = _CLASS_OPS.get(n)
    if c is not None:
        if len(args) != 6 or not all(_is_nat(head(a)) for a in args[:3]):
            return None
        inst = head(args[3])
        ifn, iargs = get_app_fn_args(inst)
        if not _is_const(ifn, c[1]) or len(iargs) != 2 or not _is_nat(head(iargs[0])) \
                or not _is_const(head(iargs[1]), c[2]):
            return None
        return c[3], args[4], args[5]
    m = _MONO_OPS.get(n)
    if m is not None:
        if len(args) != 4 or not _is_nat(head(args[0])) or not _is_const(head(args[1]), m[0]):
            return None
        return m[1], args[2], args[3]
    return None


def eval_nat(e: Expr, head: Head, fuel: int = 10_000) -> int | None:
    """The value of a closed Nat numeral expression, or None."""
    k = 0
    while fuel > 0:
        fuel -= 1
        e = head(e)
        if e.kind == NATLIT:
            return e.val + k  # type: ignore[attr-defined]
        if _is_const(e, NAT_ZERO):
            return k
        if e.kind != APP:
            return None
        f, args = get_app_fn_args(e)
        if _is_const(f, NAT_SUCC) and len(args) == 1:
            k += 1
            e = args[0]
            continue
        if _is_const(f, OF_NAT) and len(args) == 3:
            if not _is_nat(head(args[0])):
                return None
            lit = head(args[1])
            if lit.kind != NATLIT:
                return None
            inst = head(args[2])
            ifn, iargs = get_app_fn_args(inst)
            if not _is_const(ifn, INST_OF_NAT_NAT) or len(iargs) != 1 or head(iargs[0]) is not lit:
                return None
            return lit.val + k  # type: ignore[attr-defined]
        op = _nat_op(e, head)
        if op is None:
            return None
        a = eval_nat(op[1], head, fuel // 2)
        if a is None:
            return None
        b = eval_nat(op[2], head, fuel // 2)
        if b is None:
            return None
        return _NAT_OPS[op[0]](a, b) + k
    return None


def is_offset(e: Expr, head: Head) -> tuple[Expr, int] | None:
    """`(base, k)` when `e` is `base + k` (`Nat.succ` or an addition of a numeral), else None."""
    k = 0
    found = False
    for _ in range(10_000):
        e = head(e)
        if e.kind != APP:
            break
        f, args = get_app_fn_args(e)
        if _is_const(f, NAT_SUCC) and len(args) == 1:
            k += 1
            e = args[0]
            found = True
            continue
        op = _nat_op(e, head)
        if op is None or op[0] is not _ADD:
            break
        v = eval_nat(op[2], head)
        if v is None:
            break
        k += v
        e = op[1]
        found = True
    return (e, k) if found else None


def mk_numeral(v: int, constants: dict, like: Expr | None = None) -> Expr:
    """`v` as `OfNat.ofNat Nat v (instOfNatNat v)` when `like` is written that way, else a raw literal."""
    lit = mk_nat_lit(v)
    if like is not None and OF_NAT in constants and INST_OF_NAT_NAT in constants:
        f = like
        while f.kind == APP:
            f = f.fn  # type: ignore[attr-defined]
        if _is_const(f, OF_NAT):
            return mk_app_n(mk_const(OF_NAT, (ZERO,)), [mk_const(NAT), lit, mk_app_n(mk_const(INST_OF_NAT_NAT), [lit])])
    return lit


def mk_add(a: Expr, k: int, constants: dict) -> Expr:
    """`a + k` written as Lean's `mkNatAdd` writes it (`HAdd.hAdd` at Nat's instances, `k` a numeral), so that
    a term solved by an offset is the one a user writes: `Nat.add a k` would be a different term to `simp`."""
    if not all(n in constants for n in (_HADD, _INST_HADD, _INST_ADD_NAT, OF_NAT, INST_OF_NAT_NAT)):
        return mk_app_n(mk_const(_ADD), [a, mk_nat_lit(k)])
    nat = mk_const(NAT)
    inst = mk_app_n(mk_const(_INST_HADD, (ZERO,)), [nat, mk_const(_INST_ADD_NAT)])
    lit = mk_nat_lit(k)
    num = mk_app_n(mk_const(OF_NAT, (ZERO,)), [nat, lit, mk_app_n(mk_const(INST_OF_NAT_NAT), [lit])])
    return mk_app_n(mk_const(_HADD, (ZERO, ZERO, ZERO)), [nat, nat, nat, inst, a, num])
