"""A tiny prelude built by hand with the kernel API, and helpers to write terms with named locals.

`prelude()` returns a fresh `Environment` holding (names as in Lean's Prelude, so the Nat literal
extension recognises them): Nat (+ add, sub, mul, pow, pred, beq, ble defined by `Nat.rec`, and
div/mod/gcd/log2/... as axioms), Bool, Eq, True, False, And, Or, Prod, PUnit, List, Acc, Char,
Char.ofNat, String, and the quotient package. The block is checked once and copied per call.
"""
from __future__ import annotations

from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L
from leanr_py.kernel.declaration import (
    AxiomDecl, Constructor, DefinitionDecl, Hints, InductiveDecl, InductiveType, QuotDecl,
)
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.expr import Expr, FVar
from leanr_py.kernel.level import Level
from leanr_py.kernel.name import Name

# ------------------------------------------------------------------ term helpers


def N(s: str) -> Name:
    return Name.of(s)


def C(name: str, *levels: Level) -> Expr:
    return E.mk_const(Name.of(name), levels)


def app(f: Expr, *args: Expr) -> Expr:
    return E.mk_app_n(f, args)


def fv(name: str, type_: Expr, bi: int = E.DEFAULT) -> FVar:
    """A fresh named local (free variable)."""
    return E.mk_fvar(Name.of(name), type_, bi=bi)


def imp(name: str, type_: Expr) -> FVar:
    return fv(name, type_, E.IMPLICIT)


def pi(xs: list[FVar], body: Expr) -> Expr:
    return E.mk_pi_fvars(list(xs), body)


def lam(xs: list[FVar], body: Expr) -> Expr:
    return E.mk_lambda_fvars(list(xs), body)


def arrow(*ts: Expr) -> Expr:
    """`arrow(a, b, c)` is `a → b → c`."""
    r = ts[-1]
    for t in reversed(ts[:-1]):
        r = E.mk_arrow(t, r)
    return r


def sort(l: Level) -> Expr:
    return E.mk_sort(l)


def lp(name: str) -> Level:
    return L.param(Name.of(name))


def lit(n: int) -> Expr:
    return E.mk_nat_lit(n)


def unary(n: int) -> Expr:
    """`Nat.succ (... (Nat.succ Nat.zero))`."""
    e = ZERO_
    for _ in range(n):
        e = E.mk_app(SUCC, e)
    return e


def ind(name: str, type_: Expr, *ctors: tuple[str, Expr]) -> InductiveType:
    return InductiveType(Name.of(name), type_, tuple(Constructor(Name.of(c), t) for c, t in ctors))


def block(lparams: tuple[str, ...], nparams: int, *types: InductiveType, unsafe: bool = False) -> InductiveDecl:
    return InductiveDecl(tuple(Name.of(p) for p in lparams), nparams, tuple(types), unsafe)


def defn(name: str, type_: Expr, value: Expr, lparams: tuple[str, ...] = (), height: int = 1,
         safety: str = "safe") -> DefinitionDecl:
    return DefinitionDecl(Name.of(name), tuple(Name.of(p) for p in lparams), type_, value,
                          Hints("regular", height), safety)


def axiom(name: str, type_: Expr, lparams: tuple[str, ...] = (), unsafe: bool = False) -> AxiomDecl:
    return AxiomDecl(Name.of(name), tuple(Name.of(p) for p in lparams), type_, unsafe)


# ------------------------------------------------------------------ common constants

PROP, TYPE = E.PROP, E.TYPE
TYPE1 = E.mk_sort(L.succ(L.ONE))
u, v = lp("u"), lp("v")

NAT = C("Nat")
ZERO_ = C("Nat.zero")
SUCC = C("Nat.succ")
BOOL = C("Bool")
TRUE_B, FALSE_B = C("Bool.true"), C("Bool.false")


def nat_rec(motive: Expr, z: Expr, s: Expr, t: Expr, level: Level = L.ONE) -> Expr:
    return app(C("Nat.rec", level), motive, z, s, t)


def const_motive(t: Expr) -> Expr:
    return lam([fv("_", NAT)], t)


def eq(alpha: Expr, a: Expr, b: Expr, level: Level = L.ONE) -> Expr:
    return app(C("Eq", level), alpha, a, b)


def refl(alpha: Expr, a: Expr, level: Level = L.ONE) -> Expr:
    return app(C("Eq.refl", level), alpha, a)


def prod(a: Expr, b: Expr, lu: Level = L.ZERO, lv: Level = L.ZERO) -> Expr:
    return app(C("Prod", lu, lv), a, b)


def pair(a: Expr, b: Expr, x: Expr, y: Expr, lu: Level = L.ZERO, lv: Level = L.ZERO) -> Expr:
    return app(C("Prod.mk", lu, lv), a, b, x, y)


def list_of(alpha: Expr, items: list[Expr], level: Level = L.ZERO) -> Expr:
    r = app(C("List.nil", level), alpha)
    for x in reversed(items):
        r = app(C("List.cons", level), alpha, x, r)
    return r


# ------------------------------------------------------------------ the prelude

def _nat_decls(env: Environment) -> None:
    n, m, k, ih = fv("n", NAT), fv("m", NAT), fv("k", NAT), fv("ih", NAT)
    env.add(block((), 0, ind("Nat", TYPE, ("Nat.zero", NAT), ("Nat.succ", arrow(NAT, NAT)))))
    nn = arrow(NAT, NAT, NAT)
    mot = const_motive(NAT)
    env.add(defn("Nat.pred", arrow(NAT, NAT), lam([n], nat_rec(mot, ZERO_, lam([k, ih], k), n))))
    env.add(defn("Nat.add", nn, lam([n, m], nat_rec(mot, n, lam([k, ih], app(SUCC, ih)), m))))
    env.add(defn("Nat.sub", nn, lam([n, m], nat_rec(mot, n, lam([k, ih], app(C("Nat.pred"), ih)), m)), height=2))
    env.add(defn("Nat.mul", nn, lam([n, m], nat_rec(mot, ZERO_, lam([k, ih], app(C("Nat.add"), ih, n)), m)),
                 height=2))
    env.add(defn("Nat.pow", nn, lam([n, m], nat_rec(mot, app(SUCC, ZERO_), lam([k, ih], app(C("Nat.mul"), ih, n)), m)),
                 height=3))
    # functions Lean defines by well-founded recursion: opaque here, computed only by the extension
    for name in ("div", "mod", "gcd", "land", "lor", "xor", "shiftLeft", "shiftRight"):
        env.add(axiom(f"Nat.{name}", nn))
    env.add(axiom("Nat.log2", arrow(NAT, NAT)))


def _bool_decls(env: Environment) -> None:
    env.add(block((), 0, ind("Bool", TYPE, ("Bool.false", BOOL), ("Bool.true", BOOL))))
    n, m, k, m2, ih = fv("n", NAT), fv("m", NAT), fv("k", NAT), fv("m'", NAT), fv("ih", arrow(NAT, BOOL))
    b = fv("b", BOOL)
    nb = arrow(NAT, BOOL)
    to_bool = const_motive(BOOL)
    to_fn = const_motive(nb)
    # beq 0 m = (m == 0); beq (k+1) m = match m with 0 => false | m'+1 => beq k m'
    is_zero = lam([m], nat_rec(to_bool, TRUE_B, lam([k, b], FALSE_B), m))
    step = lam([k, ih, m], nat_rec(to_bool, FALSE_B, lam([m2, b], app(ih, m2)), m))
    env.add(defn("Nat.beq", arrow(NAT, NAT, BOOL), lam([n, m], app(nat_rec(to_fn, is_zero, step, n), m))))
    # ble 0 m = true; ble (k+1) m = match m with 0 => false | m'+1 => ble k m'
    always = lam([m], TRUE_B)
    env.add(defn("Nat.ble", arrow(NAT, NAT, BOOL), lam([n, m], app(nat_rec(to_fn, always, step, n), m))))


def _logic_decls(env: Environment) -> None:
    U = sort(u)
    alpha = imp("α", U)
    a = fv("a", alpha)
    env.add(block(("u",), 2, ind("Eq", pi([alpha], arrow(alpha, alpha, PROP)),
                                 ("Eq.refl", pi([alpha, a], app(C("Eq", u), alpha, a, a))))))
    env.add(block((), 0, ind("True", PROP, ("True.intro", C("True")))))
    env.add(block((), 0, ind("False", PROP)))
    ip, iq = imp("a", PROP), imp("b", PROP)
    env.add(block((), 2, ind("And", arrow(PROP, PROP, PROP),
                             ("And.intro", pi([ip, iq, fv("left", ip), fv("right", iq)], app(C("And"), ip, iq))))))
    env.add(block((), 2, ind("Or", arrow(PROP, PROP, PROP),
                             ("Or.inl", pi([ip, iq, fv("h", ip)], app(C("Or"), ip, iq))),
                             ("Or.inr", pi([ip, iq, fv("h", iq)], app(C("Or"), ip, iq))))))


def _data_decls(env: Environment) -> None:
    A, B = imp("α", sort(L.succ(u))), imp("β", sort(L.succ(v)))
    prod_c = app(C("Prod", u, v), A, B)
    env.add(block(("u", "v"), 2,
                  ind("Prod", pi([fv("α", sort(L.succ(u))), fv("β", sort(L.succ(v)))], sort(L.succ(L.max_(u, v)))),
                      ("Prod.mk", pi([A, B, fv("fst", A), fv("snd", B)], prod_c)))))
    env.add(block(("u",), 0, ind("PUnit", sort(u), ("PUnit.unit", C("PUnit", u)))))
    T = imp("α", sort(L.succ(u)))
    list_t = app(C("List", u), T)
    env.add(block(("u",), 1, ind("List", pi([fv("α", sort(L.succ(u)))], sort(L.succ(u))),
                                 ("List.nil", pi([T], list_t)),
                                 ("List.cons", pi([T, fv("head", T), fv("tail", list_t)], list_t)))))
    # Acc.{u} {α : Sort u} (r : α → α → Prop) : α → Prop
    al = imp("α", sort(u))
    r = fv("r", arrow(al, al, PROP))
    ri = imp("r", arrow(al, al, PROP))
    x, y = fv("x", al), fv("y", al)
    acc = C("Acc", u)
    h = fv("h", pi([y], arrow(app(ri, y, x), app(acc, al, ri, y))))
    env.add(block(("u",), 2, ind("Acc", pi([al, r], arrow(al, PROP)),
                                 ("Acc.intro", pi([al, ri, x, h], app(acc, al, ri, x))))))
    # Char / String (enough for the string literal extension)
    env.add(block((), 0, ind("Char", TYPE, ("Char.mk", arrow(NAT, C("Char"))))))
    n = fv("n", NAT)
    env.add(defn("Char.ofNat", arrow(NAT, C("Char")), lam([n], app(C("Char.mk"), n))))
    env.add(block((), 0, ind("String", TYPE, ("String.mk", pi([fv("data", app(C("List", L.ZERO), C("Char")))],
                                                                 C("String"))))))


_BASE: Environment | None = None


def _build() -> Environment:
    env = Environment()
    _nat_decls(env)
    _bool_decls(env)
    _logic_decls(env)
    _data_decls(env)
    env.add(QuotDecl())
    return env


def prelude() -> Environment:
    """A fresh copy of the prelude environment (safe to extend in a test)."""
    global _BASE
    if _BASE is None:
        _BASE = _build()
    env = Environment()
    env.constants = dict(_BASE.constants)
    env.quot_initialized = _BASE.quot_initialized
    return env


def nat_only() -> Environment:
    """An environment holding only the inductive `Nat`."""
    env = Environment()
    env.add(block((), 0, ind("Nat", TYPE, ("Nat.zero", NAT), ("Nat.succ", arrow(NAT, NAT)))))
    return env
