"""`Float` in eval-lite: the prelude's opaque operations (Lean's `@[extern]` ones) computed on Python floats,
which are IEEE binary64 numbers as Lean's `Float` is. A `Float` value is a Python `float`.

Results follow C's (Lean calls the C library): division by zero and the poles of `log`/`atanh` give
infinities, arguments out of a function's domain give NaN, overflow gives an infinity, `round` rounds
halfway cases away from zero, and `Float.toString` is C++'s `std::to_string` (`%f`), with `NaN` for
every NaN as Lean's runtime writes it. A built-in is used only for the prelude's opaque constant with
Lean's type; any other opaque `Float` operation is refused rather than evaluated from its kernel value
(a default inhabitant, not its code).
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable

from ..kernel import expr as E
from ..kernel.declaration import OpaqueInfo
from ..kernel.level import ZERO
from ..kernel.literals import NatNames
from ..kernel.name import Name
from .prims import BUILTIN, Prim
from .values import Ctor, EvalError

N = Name.of
_FLOAT = E.mk_const(N("Float"))
_BOOL = E.mk_const(N("Bool"))
_NAT = E.mk_const(NatNames.nat)
_INT = E.mk_const(N("Int"))
_INF = math.inf
_NAN = math.nan


def float_to_string(x: float) -> str:
    """Lean's `Float.toString`: `std::to_string(x)`, i.e. `%f` (`14.000000`, `inf`, `-inf`), and `NaN`."""
    return "NaN" if x != x else "%f" % x


def of_scientific(mantissa: int, negative_exponent: bool, exponent: int) -> float:
    """`mantissa * 10^∓exponent` rounded to the nearest double (ties to even)."""
    if mantissa == 0:
        return 0.0
    magnitude = len(str(mantissa)) + (-exponent if negative_exponent else exponent)
    if magnitude > 330:   # beyond the largest double: the literal is infinite
        return _INF
    if magnitude < -330:   # below half the smallest subnormal: zero
        return 0.0
    q = Fraction(mantissa, 10 ** exponent) if negative_exponent else Fraction(mantissa * 10 ** exponent)
    try:
        return float(q)
    except OverflowError:
        return _INF


def _div(x: float, y: float) -> float:
    if y == 0.0:
        if x != x or x == 0.0:
            return _NAN
        return math.copysign(_INF, x) * math.copysign(1.0, y)
    return x / y


def _c_round(x: float) -> float:
    """C's `round`: halfway cases away from zero (Python's `round` goes to even)."""
    if not math.isfinite(x):
        return x
    a = abs(x)
    f = math.floor(a)
    return math.copysign(float(f + 1 if a - f >= 0.5 else f), x)


def _integral(fn: Callable[[float], int]) -> Callable[[float], float]:
    """`floor`/`ceil` on doubles: infinities and NaN unchanged, a zero result keeps the argument's sign."""
    def run(x: float) -> float:
        if not math.isfinite(x):
            return x
        r = float(fn(x))
        return math.copysign(r, x) if r == 0.0 else r
    return run


def _pow(x: float, y: float) -> float:
    def odd_integer(v: float) -> bool:
        return math.isfinite(v) and v == math.floor(v) and math.fmod(v, 2.0) != 0.0
    try:
        return math.pow(x, y)
    except OverflowError:
        return -_INF if x < 0 and odd_integer(y) else _INF
    except ValueError:
        if x == 0.0 and y < 0:   # a pole: ±inf, the sign of a zero base for odd integer exponents
            return math.copysign(_INF, x) if odd_integer(y) else _INF
        return _NAN


def _c_math(fn: Callable[..., float], pole: Callable[[float], float] | None = None,
            overflow: Callable[[float], float] = lambda x: _INF) -> Callable[..., float]:
    """A `math` function with C's results where Python raises: a pole's infinity, NaN out of the domain,
    an infinity on overflow."""
    def run(*xs: float) -> float:
        try:
            return fn(*xs)
        except ValueError:
            x = xs[0]
            if pole is not None and x == x:
                r = pole(x)
                if r == r:
                    return r
            return _NAN
        except OverflowError:
            return overflow(xs[0])
    return run


def _log_pole(x: float) -> float:
    return -_INF if x == 0.0 else _NAN


def _atanh_pole(x: float) -> float:
    return math.copysign(_INF, x) if abs(x) == 1.0 else _NAN


def _scale_b(x: float, i: int) -> float:
    if x == 0.0 or not math.isfinite(x):
        return x
    i = max(-5000, min(5000, i))   # beyond these every finite double under- or overflows anyway
    try:
        return math.ldexp(x, i)
    except OverflowError:
        return math.copysign(_INF, x)


_UNARY: dict[str, Callable[[float], float]] = {
    "Float.neg": lambda x: -x,
    "Float.sin": _c_math(math.sin), "Float.cos": _c_math(math.cos), "Float.tan": _c_math(math.tan),
    "Float.asin": _c_math(math.asin), "Float.acos": _c_math(math.acos), "Float.atan": _c_math(math.atan),
    "Float.sinh": _c_math(math.sinh, overflow=lambda x: math.copysign(_INF, x)),
    "Float.cosh": _c_math(math.cosh), "Float.tanh": _c_math(math.tanh),
    "Float.asinh": _c_math(math.asinh), "Float.acosh": _c_math(math.acosh),
    "Float.atanh": _c_math(math.atanh, _atanh_pole),
    "Float.exp": _c_math(math.exp), "Float.exp2": _c_math(math.exp2),
    "Float.log": _c_math(math.log, _log_pole), "Float.log2": _c_math(math.log2, _log_pole),
    "Float.log10": _c_math(math.log10, _log_pole),
    "Float.sqrt": _c_math(math.sqrt), "Float.cbrt": _c_math(math.cbrt),
    "Float.ceil": _integral(math.ceil), "Float.floor": _integral(math.floor), "Float.round": _c_round,
    "Float.abs": abs,
}

_BINARY: dict[str, Callable[[float, float], float]] = {
    "Float.add": lambda x, y: x + y, "Float.sub": lambda x, y: x - y, "Float.mul": lambda x, y: x * y,
    "Float.div": _div, "Float.pow": _pow, "Float.atan2": _c_math(math.atan2),
}

_TESTS: dict[str, Callable[[float], bool]] = {
    "Float.isNaN": math.isnan, "Float.isFinite": math.isfinite, "Float.isInf": math.isinf,
}


def _arrows(*ts: E.Expr) -> E.Expr:
    r = ts[-1]
    for t in reversed(ts[:-1]):
        r = E.mk_arrow(t, r)
    return r


def _decidable_order(name: str, cls: str, inst: str) -> E.Expr:
    rel = E.mk_app(E.mk_app(E.mk_const(N(f"{cls}.{name}"), (ZERO,)), _FLOAT), E.mk_const(N(inst)))
    body = E.mk_app(E.mk_const(N("Decidable")), E.mk_app(E.mk_app(rel, E.mk_bvar(1)), E.mk_bvar(0)))
    return E.mk_pi(N("a"), _FLOAT, E.mk_pi(N("b"), _FLOAT, body))


def as_float(v: Any) -> float:
    if type(v) is float:
        return v
    raise EvalError("evaluating a `Float` that is not the result of a `Float` operation (such as "
                    "`default` or `Float.mk`) is not supported yet")


def _unary(f: Callable[[float], float]) -> Callable[[Any, list], float]:
    return lambda m, a: f(as_float(a[0]))


def _binary(f: Callable[[float, float], float]) -> Callable[[Any, list], float]:
    return lambda m, a: f(as_float(a[0]), as_float(a[1]))


def _frexp(m: Any, a: list) -> Ctor:
    x = as_float(a[0])
    s, e = math.frexp(x) if math.isfinite(x) else (x, 0)
    prod = m.env.find(N("Prod.mk"))
    return Ctor(prod.name, prod.cidx, (s, e))


def make_float_prim(env: Any, name: Name) -> Prim | None:
    """The built-in of a `Float` operation: the prelude's opaque constant with Lean's type."""
    info = env.find(name)
    if not isinstance(info, OpaqueInfo) or info.level_params or env.find(N("Float")) is None:
        return None
    s = str(name)
    ty = info.type
    if s in _UNARY and E.alpha_eqv(ty, _arrows(_FLOAT, _FLOAT)):
        return Prim(name, BUILTIN, 1, strict=(0,), fn=_unary(_UNARY[s]))
    if s in _BINARY and E.alpha_eqv(ty, _arrows(_FLOAT, _FLOAT, _FLOAT)):
        return Prim(name, BUILTIN, 2, strict=(0, 1), fn=_binary(_BINARY[s]))
    if s in _TESTS and E.alpha_eqv(ty, _arrows(_FLOAT, _BOOL)):
        test = _TESTS[s]
        return Prim(name, BUILTIN, 1, strict=(0,), fn=lambda m, a: m.builtins.bool_value(test(as_float(a[0]))))
    if s == "Float.beq" and E.alpha_eqv(ty, _arrows(_FLOAT, _FLOAT, _BOOL)):
        return Prim(name, BUILTIN, 2, strict=(0, 1),
                    fn=lambda m, a: m.builtins.bool_value(as_float(a[0]) == as_float(a[1])))
    order = {"Float.decLt": ("lt", "LT", "instLTFloat"), "Float.decLe": ("le", "LE", "instLEFloat")}.get(s)
    if order is not None and E.alpha_eqv(ty, _decidable_order(*order)):
        test = (lambda x, y: x < y) if s == "Float.decLt" else (lambda x, y: x <= y)
        return Prim(name, BUILTIN, 2, strict=(0, 1),
                    fn=lambda m, a: m.builtins.decidable_value(test(as_float(a[0]), as_float(a[1]))))
    if s == "Float.toString" and E.alpha_eqv(ty, _arrows(_FLOAT, E.mk_const(NatNames.string))):
        return Prim(name, BUILTIN, 1, strict=(0,), fn=lambda m, a: float_to_string(as_float(a[0])))
    if s == "Float.ofScientific" and E.alpha_eqv(ty, _arrows(_NAT, _BOOL, _NAT, _FLOAT)):
        return Prim(name, BUILTIN, 3, strict=(0, 1, 2), fn=lambda m, a: of_scientific(
            a[0], type(a[1]) is Ctor and a[1].name is NatNames.bool_true, a[2]))
    if s == "Float.scaleB" and E.alpha_eqv(ty, _arrows(_FLOAT, _INT, _FLOAT)):
        return Prim(name, BUILTIN, 2, strict=(0, 1), fn=lambda m, a: _scale_b(as_float(a[0]), a[1]))
    prod = E.mk_app(E.mk_app(E.mk_const(N("Prod"), (ZERO, ZERO)), _FLOAT), _INT)
    if s == "Float.frExp" and E.alpha_eqv(ty, _arrows(_FLOAT, prod)):
        return Prim(name, BUILTIN, 1, strict=(0,), fn=_frexp)
    raise EvalError(f"evaluating the opaque `Float` operation '{name}' is not supported yet")


__all__ = ["as_float", "float_to_string", "of_scientific", "make_float_prim"]
