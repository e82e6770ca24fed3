"""What a constant is to the evaluator: how many arguments it takes before it runs, and what it does then.

Built-in implementations stand in for Lean's `@[extern]`/`@[implemented_by]` code, as Lean's compiler
uses them: Nat arithmetic on Python ints, `Decidable` instances of Nat/Int comparisons, Int arithmetic,
String operations, `Float` operations on Python floats (`floats`), and `WellFounded.fix` run as plain
recursion. A built-in is used only when the
constant has Lean's type (Nat operations: the kernel's own check of their defining equations), so a
file cannot give one of these names a different meaning behind the evaluator's back.
"""
from __future__ import annotations

from typing import Any, Callable

from ..kernel import expr as E
from ..kernel.declaration import ConstructorInfo, InductiveInfo
from ..kernel.literals import MAX_RESULT_BITS, NAT_BIN_OPS, NatNames, nat_extension_enabled
from ..kernel.name import Name
from ..pretty.literals import decimal
from .values import ERASED, Ctor, EvalError

# prim kinds
CTOR, REC, BUILTIN, QUOT_MK, QUOT_LIFT, FIX, FIX_IH = range(7)


class Prim:
    """A constant that runs once it has `arity` arguments; `strict` lists the arguments a built-in needs
    evaluated first (in order)."""

    __slots__ = ("name", "kind", "arity", "strict", "fn", "data")

    def __init__(self, name: Name, kind: int, arity: int, *, strict: tuple[int, ...] = (),
                 fn: Callable[..., Any] | None = None, data: Any = None) -> None:
        self.name = name
        self.kind = kind
        self.arity = arity
        self.strict = strict
        self.fn = fn
        self.data = data

    def __repr__(self) -> str:
        return f"Prim({self.name}, arity={self.arity})"


N = Name.of
_NAT = E.mk_const(NatNames.nat)
_INT_NAME = N("Int")
_INT = E.mk_const(_INT_NAME)
_BOOL = E.mk_const(N("Bool"))
_STRING = E.mk_const(NatNames.string)


def _arrows(*ts: E.Expr) -> E.Expr:
    r = ts[-1]
    for t in reversed(ts[:-1]):
        r = E.mk_arrow(t, r)
    return r


def _has_type(env: Any, name: Name, expected: E.Expr) -> bool:
    info = env.find(name)
    return info is not None and not info.level_params and E.alpha_eqv(info.type, expected)


def _decidable_rel_type(carrier: E.Expr, rel: E.Expr) -> E.Expr:
    """`(a b : carrier) → Decidable (rel a b)`, `rel` applied to the two bound variables."""
    body = E.mk_app(E.mk_const(N("Decidable")), E.mk_app(E.mk_app(rel, E.mk_bvar(1)), E.mk_bvar(0)))
    return E.mk_pi(N("a"), carrier, E.mk_pi(N("b"), carrier, body))


def _eq_rel(carrier: E.Expr) -> E.Expr:
    from ..kernel.level import ONE

    return E.mk_app(E.mk_const(N("Eq"), (ONE,)), carrier)


def _order_rel(cls: str, field: str, carrier: E.Expr, inst: str) -> E.Expr:
    from ..kernel.level import ZERO

    return E.mk_app(E.mk_app(E.mk_const(N(f"{cls}.{field}"), (ZERO,)), carrier), E.mk_const(N(inst)))


class Builtins:
    """The built-in implementations that apply in one environment, found on first use of each name."""

    def __init__(self, env: Any) -> None:
        self.env = env
        self._cache: dict[Name, Prim | None] = {}
        self._bool: tuple[Ctor, Ctor] | None = None
        self._decidable: tuple[Name, int, Name, int] | None = None

    # -------------------------------------------------------------- results
    def bool_value(self, b: bool) -> Ctor:
        if self._bool is None:
            f = self.env.find(NatNames.bool_false)
            t = self.env.find(NatNames.bool_true)
            if not isinstance(f, ConstructorInfo) or not isinstance(t, ConstructorInfo):
                raise EvalError("'Bool' is not declared")
            self._bool = (Ctor(f.name, f.cidx, ()), Ctor(t.name, t.cidx, ()))
        return self._bool[1] if b else self._bool[0]

    def decidable_value(self, b: bool) -> Ctor:
        if self._decidable is None:
            f = self.env.find(N("Decidable.isFalse"))
            t = self.env.find(N("Decidable.isTrue"))
            if not isinstance(f, ConstructorInfo) or not isinstance(t, ConstructorInfo):
                raise EvalError("'Decidable' is not declared")
            self._decidable = (f.name, f.cidx, t.name, t.cidx)
        fn, fi, tn, ti = self._decidable
        return Ctor(tn, ti, (ERASED,)) if b else Ctor(fn, fi, (ERASED,))

    # -------------------------------------------------------------- lookup
    def get(self, name: Name) -> Prim | None:
        try:
            return self._cache[name]
        except KeyError:
            pass
        p = self._make(name)
        self._cache[name] = p
        return p

    def nat_shaped(self) -> bool:
        return nat_extension_enabled(self.env.constants, NatNames.succ)

    def int_shaped(self) -> bool:
        info = self.env.find(_INT_NAME)
        return (isinstance(info, InductiveInfo) and info.ctors == (N("Int.ofNat"), N("Int.negSucc"))
                and self.nat_shaped() and _has_type(self.env, N("Int.ofNat"), _arrows(_NAT, _INT))
                and _has_type(self.env, N("Int.negSucc"), _arrows(_NAT, _INT)))

    def _make(self, name: Name) -> Prim | None:
        s = str(name)
        env = self.env
        if s.startswith("Nat."):
            if name is NatNames.succ:
                return Prim(name, BUILTIN, 1, strict=(0,), fn=lambda m, a: a[0] + 1) if self.nat_shaped() else None
            op = NAT_BIN_OPS.get(name)
            if op is not None or name in (N("Nat.beq"), N("Nat.ble"), N("Nat.log2")):
                from ..kernel.typechecker import TypeChecker

                if not TypeChecker(env).nat_ext(name):
                    return None
                if name is N("Nat.log2"):
                    return Prim(name, BUILTIN, 1, strict=(0,), fn=lambda m, a: a[0].bit_length() - 1 if a[0] else 0)
                if name is N("Nat.beq"):
                    return Prim(name, BUILTIN, 2, strict=(0, 1), fn=lambda m, a: m.builtins.bool_value(a[0] == a[1]))
                if name is N("Nat.ble"):
                    return Prim(name, BUILTIN, 2, strict=(0, 1), fn=lambda m, a: m.builtins.bool_value(a[0] <= a[1]))
                return Prim(name, BUILTIN, 2, strict=(0, 1), fn=_checked_nat_op(s, op))  # type: ignore[arg-type]
            if s == "Nat.repr" and self.nat_shaped() and env.find(NatNames.string) is not None \
                    and _has_type(env, name, _arrows(_NAT, _STRING)):   # Lean: `@[implemented_by reprFast]`
                return Prim(name, BUILTIN, 1, strict=(0,), fn=lambda m, a: decimal(a[0]))
            if s == "Nat.pred" and self.nat_shaped() and _has_type(env, name, _arrows(_NAT, _NAT)):
                return Prim(name, BUILTIN, 1, strict=(0,), fn=lambda m, a: a[0] - 1 if a[0] else 0)
            rel = {"Nat.decEq": _eq_rel(_NAT), "Nat.decLt": _order_rel("LT", "lt", _NAT, "instLTNat"),
                   "Nat.decLe": _order_rel("LE", "le", _NAT, "instLENat")}.get(s)
            if rel is not None and self.nat_shaped() and _has_type(env, name, _decidable_rel_type(_NAT, rel)):
                test = {"Nat.decEq": lambda x, y: x == y, "Nat.decLt": lambda x, y: x < y,
                        "Nat.decLe": lambda x, y: x <= y}[s]
                return Prim(name, BUILTIN, 2, strict=(0, 1),
                            fn=lambda m, a, test=test: m.builtins.decidable_value(test(a[0], a[1])))
            return None
        if s.startswith("Int."):
            return self._make_int(name, s)
        if s.startswith("String."):
            return self._make_string(name, s)
        if s.startswith("IO."):
            from .io import make_io_prim  # noqa: PLC0415 - `io` builds on this module

            return make_io_prim(env, name)
        if s.startswith("Float."):
            from .floats import make_float_prim  # noqa: PLC0415 - `floats` builds on this module

            return make_float_prim(env, name)
        if s == "WellFounded.fix":
            info = env.find(name)
            if info is not None and E.binding_body_count(info.type) == 6:
                return Prim(name, FIX, 6)
        return None

    def _make_int(self, name: Name, s: str) -> Prim | None:
        if not self.int_shaped():
            return None
        env = self.env
        if s == "Int.ofNat":
            return Prim(name, BUILTIN, 1, strict=(0,), fn=lambda m, a: a[0])
        if s == "Int.negSucc":
            return Prim(name, BUILTIN, 1, strict=(0,), fn=lambda m, a: -a[0] - 1)
        binary: dict[str, Callable[[int, int], int]] = {
            "Int.add": lambda x, y: x + y, "Int.sub": lambda x, y: x - y, "Int.mul": lambda x, y: x * y,
            "Int.ediv": _ediv, "Int.emod": _emod, "Int.tdiv": _tdiv, "Int.tmod": _tmod,
            "Int.fdiv": lambda x, y: x // y if y else 0, "Int.fmod": lambda x, y: x % y if y else x,
        }
        f = binary.get(s)
        if f is not None and _has_type(env, name, _arrows(_INT, _INT, _INT)):
            return Prim(name, BUILTIN, 2, strict=(0, 1), fn=lambda m, a, f=f: f(a[0], a[1]))
        if s == "Int.neg" and _has_type(env, name, _arrows(_INT, _INT)):
            return Prim(name, BUILTIN, 1, strict=(0,), fn=lambda m, a: -a[0])
        unary_nat = {"Int.natAbs": abs, "Int.toNat": lambda x: x if x > 0 else 0}.get(s)
        if unary_nat is not None and _has_type(env, name, _arrows(_INT, _NAT)):
            return Prim(name, BUILTIN, 1, strict=(0,), fn=lambda m, a, f=unary_nat: f(a[0]))
        rel = {"Int.decEq": _eq_rel(_INT), "Int.decLt": _order_rel("LT", "lt", _INT, "Int.instLTInt"),
               "Int.decLe": _order_rel("LE", "le", _INT, "Int.instLEInt")}.get(s)
        if rel is not None and _has_type(env, name, _decidable_rel_type(_INT, rel)):
            test = {"Int.decEq": lambda x, y: x == y, "Int.decLt": lambda x, y: x < y,
                    "Int.decLe": lambda x, y: x <= y}[s]
            return Prim(name, BUILTIN, 2, strict=(0, 1),
                        fn=lambda m, a, test=test: m.builtins.decidable_value(test(a[0], a[1])))
        return None

    def _make_string(self, name: Name, s: str) -> Prim | None:
        env = self.env
        if env.find(NatNames.string) is None:
            return None
        if s == "String.append" and _has_type(env, name, _arrows(_STRING, _STRING, _STRING)):
            return Prim(name, BUILTIN, 2, strict=(0, 1), fn=lambda m, a: m.as_str(a[0]) + m.as_str(a[1]))
        if s == "String.length" and _has_type(env, name, _arrows(_STRING, _NAT)):
            return Prim(name, BUILTIN, 1, strict=(0,), fn=lambda m, a: len(m.as_str(a[0])))
        if s == "String.decEq" and _has_type(env, name, _decidable_rel_type(_STRING, _eq_rel(_STRING))):
            return Prim(name, BUILTIN, 2, strict=(0, 1),
                        fn=lambda m, a: m.builtins.decidable_value(m.as_str(a[0]) == m.as_str(a[1])))
        return None


def _checked_nat_op(label: str, op: Callable[[int, int], "int | None"]) -> Callable[[Any, list], int]:
    def run(m: Any, a: list) -> int:
        r = op(a[0], a[1])
        if r is None:
            raise EvalError(f"'{label}': the result would exceed {MAX_RESULT_BITS} bits")
        return r
    return run


def _ediv(x: int, y: int) -> int:
    """Lean's `Int.ediv`: Euclidean division (the remainder is never negative); `x / 0 = 0`."""
    if y == 0:
        return 0
    q = x // y if y > 0 else -(x // -y)
    return q


def _emod(x: int, y: int) -> int:
    return x - y * _ediv(x, y) if y else x


def _tdiv(x: int, y: int) -> int:
    """Lean's `Int.tdiv`: rounds toward zero."""
    if y == 0:
        return 0
    q = abs(x) // abs(y)
    return q if (x >= 0) == (y >= 0) else -q


def _tmod(x: int, y: int) -> int:
    return x - y * _tdiv(x, y) if y else x


__all__ = ["Prim", "Builtins", "CTOR", "REC", "BUILTIN", "QUOT_MK", "QUOT_LIFT", "FIX", "FIX_IH"]
