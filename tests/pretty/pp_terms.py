"""Term builders for the pretty-printer tests (Lean's Init.Prelude names and arities)."""
from __future__ import annotations

from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L
from leanr_py.kernel.expr import Expr
from leanr_py.kernel.name import Name

N = Name.of
NAT = E.mk_const(N("Nat"))
PROP = E.mk_sort(L.ZERO)
U = L.param(N("u"))


def c(n: str, *lv: L.Level) -> Expr:
    return E.mk_const(N(n), lv)


def app(f: Expr, *a: Expr) -> Expr:
    return E.mk_app_n(f, a)


def b(i: int) -> Expr:
    return E.mk_bvar(i)


def lit(n: int) -> Expr:
    return app(c("OfNat.ofNat", L.ZERO), NAT, E.mk_nat_lit(n), app(c("instOfNatNat"), E.mk_nat_lit(n)))


_INST = {"instHAdd": "instAddNat", "instHMul": "instMulNat", "instHSub": "instSubNat"}


def _h(cls: str, inst: str, a: Expr, bb: Expr) -> Expr:
    i = app(c(inst, L.ZERO), NAT, c(_INST[inst]))
    return app(c(cls, L.ZERO, L.ZERO, L.ZERO), NAT, NAT, NAT, i, a, bb)


def add(a: Expr, bb: Expr) -> Expr:
    return _h("HAdd.hAdd", "instHAdd", a, bb)


def mul(a: Expr, bb: Expr) -> Expr:
    return _h("HMul.hMul", "instHMul", a, bb)


def sub(a: Expr, bb: Expr) -> Expr:
    return _h("HSub.hSub", "instHSub", a, bb)


def eq(a: Expr, bb: Expr, t: Expr = NAT, lv: L.Level = L.ONE) -> Expr:
    return app(c("Eq", lv), t, a, bb)


def le(a: Expr, bb: Expr) -> Expr:
    return app(c("LE.le", L.ZERO), NAT, c("instLENat"), a, bb)


def lt(a: Expr, bb: Expr) -> Expr:
    return app(c("LT.lt", L.ZERO), NAT, c("instLTNat"), a, bb)


def succ(a: Expr) -> Expr:
    return app(c("Nat.succ"), a)


def pi(n: str, t: Expr, body: Expr, bi: int = E.DEFAULT) -> Expr:
    return E.mk_pi(N(n), t, body, bi)


def lam(n: str, t: Expr, body: Expr, bi: int = E.DEFAULT) -> Expr:
    return E.mk_lam(N(n), t, body, bi)


def and_(a: Expr, bb: Expr) -> Expr:
    return app(c("And"), a, bb)


def or_(a: Expr, bb: Expr) -> Expr:
    return app(c("Or"), a, bb)


def not_(a: Expr) -> Expr:
    return app(c("Not"), a)


def nat_list(*xs: Expr) -> Expr:
    r = app(c("List.nil", L.ZERO), NAT)
    for x in reversed(xs):
        r = app(c("List.cons", L.ZERO), NAT, x, r)
    return r
