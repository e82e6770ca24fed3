"""`omega`: linear arithmetic over `Nat` and `Int`, proved by a kernel-checked certificate.

The goal is turned into `False`: `→`/`¬`/`∀` binders are introduced, `∧`/`↔` goals split, a decidable
comparison goal is negated with `Decidable.byContradiction`, and any other goal is proved from the
hypotheses with `False.elim`. The hypotheses, and that negation, are read as facts `l ≤ r` between linear
`Nat` expressions:

    a ≤ b, a < b (as `a.succ ≤ b`), a ≥ b, a > b, a = b (both ways), ¬(a ≤ b), ¬(a < b), a ≠ b (a case split),
    p ∧ q, p ∨ q (a case split), ¬(p ∨ q), ¬(p ∧ q), ¬¬p, p → q and p ↔ q (case splits; decidable `p`), False

and the same comparisons between `i j : Fin n` (read on `i.val`, `j.val`; every atom `i.val` has `i.val < n`).

Comparisons between `Int` terms are read as `Nat` facts. An `Int` term is read as `Int.subNatNat P N` for
linear `Nat` terms `P`, `N` (`IntPair`, with a proof of the equation): an `Int` atom `x` as its positive and
negative parts `x.toNat`, `(-x).toNat` (two `Nat` atoms, `Omega.eq_subNatNat_toNat`), a cast `↑n` of a `Nat`
term as `Int.subNatNat n 0`, literals by evaluation, and `+`, `-`, `-·`, multiplication by a literal on either
side act on the pairs (`Omega.add_eq`, …). Then `a ≤ b` is `A + D ≤ C + B` when `a`, `b` are read as
`(A, B)`, `(C, D)` (`Omega.int_le_iff`; `Omega.int_lt_iff`, `Omega.int_eq_iff` likewise), a negation the
negation of that. This is exact: a linear system over `ℤ` in `x` has a solution iff the one in the two parts
has one over `ℕ`, so the search below, tightening included, decides the `Int` problem as the `Nat` one.

Terms are linear combinations of atoms: `+`, multiplication by a numeral, `Nat.succ`, numerals, and closed
terms the kernel evaluates to a literal; every other subterm (`x * y`, `f x`, …) is an atom. Some atoms come
with facts: `a - b`, `min a b`, `max a b` with a case split (`Omega.sub_cases`, `Omega.min_cases`,
`Omega.max_cases`), `a / k` and `a % k` for a literal `k > 0` with `a % k + k * (a / k) = a` and `a % k < k`.

A refutation is searched by Fourier–Motzkin elimination (atoms are non-negative) with exact substitution along
equalities and integer tightening (a row whose coefficients share a divisor `g` is divided by `g`, its
constant rounded up). Each row carries non-negative integer multipliers of the facts it combines. The proof
adds the multiplied facts with `Nat.mul_le_mul_left` and `Nat.add_le_add` into one `L ≤ R` and ends with
`Omega.refute atoms l r h rfl` (prelude, section "Omega support"): `l`, `r` are `Omega.Lin` expressions whose
denotations over the atom list are `L` and `R` by definition, and the kernel evaluates the side condition
`Omega.check l r = true`. A tightened row is a new fact proved by contradiction the same way; case splits
become `Or.elim`. When the relaxation has no refutation and no integer point is found, an atom of small
integer range is split (`x < m ∨ x ≥ m`), which makes the search exact on bounded problems. No axiom is used
beyond those of the hypotheses.

Without a refutation the error is Lean's "omega could not prove the goal", with the constraints of the branch
that has none and an integer counterexample when a bounded search finds one. The constraints of facts read
from `Int` are shown over the `Int` atoms, and a counterexample gives each `Int` atom the difference of its
parts. When no counterexample is found (an unbounded problem that needs Lean's dark shadow), or facts over
other types (`BitVec`, `UInt64`, …) or atoms Lean interprets (`/` and `%` on `Int`, `x.toNat` of an `Int` atom
`x` also compared as an `Int`, …) were met, the message says what is "not supported yet", so that a file is
declined rather than wrongly rejected.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from math import gcd
from typing import Any, Iterable

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.expr import Expr, FVar, MVar
from ..kernel.name import Name
from ..elab.errors import ElabError
from ..gas import GasExhausted
from ..elab.config import REDUCIBLE
from ..elab.instances import synth_instance
from .core import TacticContext

__all__ = ["omega_goal"]

# bounds that keep the search small (omega's problems are small; a larger one fails with a clear message)
MAX_ROWS = 4000
MAX_BRANCHES = 256

_N = Name.of


def _c(name: str, levels: tuple = ()) -> Expr:
    return E.mk_const(_N(name), list(levels))


NAT = _c("Nat")
INT_NAME = _N("Int")
PROP_FALSE = _c("False")
BOOL_TRUE = _c("Bool.true")

# the instances the elaborator puts in `Nat` arithmetic; a term with another instance is an atom
INST_HADD = E.mk_app_n(_c("instHAdd", (L.ZERO,)), [NAT, _c("instAddNat")])
INST_HMUL = E.mk_app_n(_c("instHMul", (L.ZERO,)), [NAT, _c("instMulNat")])
INST_HSUB = E.mk_app_n(_c("instHSub", (L.ZERO,)), [NAT, _c("instSubNat")])
INST_LE = _c("instLENat")
INST_LT = _c("instLTNat")

# the same for `Int`
INT = _c("Int")
INT_HADD = E.mk_app_n(_c("instHAdd", (L.ZERO,)), [INT, _c("Int.instAdd")])
INT_HMUL = E.mk_app_n(_c("instHMul", (L.ZERO,)), [INT, _c("Int.instMul")])
INT_HSUB = E.mk_app_n(_c("instHSub", (L.ZERO,)), [INT, _c("Int.instSub")])
INT_NEG = _c("Int.instNegInt")
INT_LE = _c("Int.instLEInt")
INT_LT = _c("Int.instLTInt")
INT_NATCAST = _c("instNatCastInt")

REQUIRED = ("Omega.refute", "Omega.Lin.atom", "Omega.sub_cases", "Omega.min_cases", "Omega.max_cases", "Nat.mul_le_mul_left", "Nat.add_le_add",
            "Nat.lt_or_gt_of_ne", "Nat.succ_le_of_lt", "Nat.lt_of_not_le", "Nat.le_of_not_lt", "Nat.le_of_eq",
            "Decidable.byContradiction", "Decidable.not_or_of_imp", "Decidable.and_or_not_and_not_of_iff",
            "Nat.mod_add_div", "Nat.mod_lt", "Omega.int_le_iff", "Omega.int_lt_iff", "Omega.int_eq_iff",
            "Omega.eq_subNatNat_toNat", "Omega.add_eq", "Omega.sub_eq", "Omega.neg_eq", "Omega.ofNat_eq",
            "Omega.ofNat_mul_eq", "Omega.negSucc_mul_eq", "Omega.mul_ofNat_eq", "Omega.mul_negSucc_eq", "mt")


def _nat_add(a: Expr, b: Expr) -> Expr:
    return E.mk_app_n(_c("HAdd.hAdd", (L.ZERO, L.ZERO, L.ZERO)), [NAT, NAT, NAT, INST_HADD, a, b])


def _nat_mul(a: Expr, b: Expr) -> Expr:
    return E.mk_app_n(_c("HMul.hMul", (L.ZERO, L.ZERO, L.ZERO)), [NAT, NAT, NAT, INST_HMUL, a, b])


# `Int` atoms Lean's omega interprets and this one does not (a failure with them is "not supported yet")
INT_INTERPRETED = {"HDiv.hDiv": "`/` and `%` on Int", "HMod.hMod": "`/` and `%` on Int",
                   "Int.ediv": "`/` and `%` on Int", "Int.emod": "`/` and `%` on Int", "Min.min": "min on Int",
                   "Max.max": "max on Int", "ite": "if-then-else", "dite": "if-then-else",
                   "Int.toNat": "Int.toNat", "Int.natAbs": "Int.natAbs", "Nat.cast": "Int casts",
                   "NatCast.natCast": "Int casts", "Int.cast": "Int casts", "IntCast.intCast": "Int casts",
                   "HPow.hPow": "powers of variables"}


def _is_const(e: Expr, name: str) -> bool:
    return e.kind == E.CONST and e.name is _N(name)  # type: ignore[attr-defined]


def _app_of(e: Expr, name: str, nargs: int) -> list[Expr] | None:
    """The arguments of `e` when it is `name a₁ … aₙ` with exactly `nargs` arguments."""
    fn, args = E.get_app_fn_args(e)
    if len(args) == nargs and _is_const(fn, name):
        return args
    return None


def _fin_dim(ty: Expr) -> Expr | None:
    """`n` when `ty` is `Fin n`."""
    args = _app_of(ty, "Fin", 1)
    return None if args is None else args[0]


def _fin_val(n: Expr, i: Expr) -> Expr:
    return E.mk_app_n(_c("Fin.val"), [n, i])


def _is_not(t: Expr) -> Expr | None:
    """`p` when `t` is `¬p` or `p → False`."""
    args = _app_of(t, "Not", 1)
    if args is not None:
        return args[0]
    if t.kind == E.PI and t.body is PROP_FALSE and t.body.lbr == 0:  # type: ignore[attr-defined]
        return t.type  # type: ignore[attr-defined]
    return None


# ====================================================================== linear terms

@dataclass(frozen=True)
class LinTerm:
    refl: Expr                      # the `Omega.Lin` expression
    coeffs: tuple[tuple[int, int], ...]  # (atom index, coefficient ≠ 0), sorted
    const: int


def _add_coeffs(*parts: Iterable[tuple[int, int]], scale: Iterable[int] | None = None) -> tuple[tuple[int, int], ...]:
    acc: dict[int, int] = {}
    scales = list(scale) if scale is not None else [1] * len(parts)
    for part, k in zip(parts, scales):
        for i, c in part:
            acc[i] = acc.get(i, 0) + k * c
    return tuple(sorted((i, c) for i, c in acc.items() if c != 0))


class Linearizer:
    """Reads `Nat` terms as `Omega.Lin` expressions; atoms are numbered in the order they are met."""

    def __init__(self, tc: TacticContext) -> None:
        self.tc = tc
        self.atoms: list[Expr] = []
        self.index: dict[Expr, int] = {}
        # atom index of `a - b`, `min a b`, `max a b` → (the lemma of its case split, a, b)
        self.subtractions: dict[int, tuple[str, Expr, Expr]] = {}
        self.divisions: dict[int, tuple[Expr, Expr, int]] = {}  # atom of `a / k` or `a % k` → (a, k, value of k)
        self.bounds: dict[int, Expr] = {}  # atom `Fin.val n i` → the proof of `i.val < n`
        self.uninterpreted: set[str] = set()  # atoms Lean's omega reads and this one does not
        self.cache: dict[Expr, LinTerm] = {}
        # `x.toNat` and `(-x).toNat` of an `Int` atom `x` (the Nat atoms it is read with) → (x, sign)
        self.int_parts: dict[Expr, tuple[Expr, int]] = {}

    def atom(self, e: Expr) -> LinTerm:
        i = self.index.get(e)
        if i is None:  # as Lean's `AtomM`: an atom equal to a known one up to reducible unfolding is that one
            i = self._known_atom(e)
            if i is not None:
                self.index[e] = i
        if i is None:
            i = self.index[e] = len(self.atoms)
            self.atoms.append(e)
            args = _app_of(e, "HSub.hSub", 6)
            if args is not None and self._nat_op(args, INST_HSUB):
                self.subtractions[i] = ("Omega.sub_cases", args[4], args[5])
            for op, inst, lemma in (("Min.min", "instMinNat", "Omega.min_cases"),
                                    ("Max.max", "instMaxNat", "Omega.max_cases")):
                args = _app_of(e, op, 4)
                if args is not None and args[0] is NAT and _is_const(args[1], inst):
                    self.subtractions[i] = (lemma, args[2], args[3])
            args = _app_of(e, "Fin.val", 2)
            if args is not None:
                self.bounds[i] = E.mk_app_n(_c("Fin.isLt"), args)
            self._classify(i, e)
        return LinTerm(E.mk_app(_c("Omega.Lin.atom"), E.mk_nat_lit(i)), ((i, 1),), 0)

    def _classify(self, i: int, e: Expr) -> None:
        if e in self.int_parts:
            return
        fn, args = E.get_app_fn_args(e)
        name = str(fn.name) if fn.kind == E.CONST else ""  # type: ignore[attr-defined]
        if name in ("HDiv.hDiv", "HMod.hMod") and len(args) == 6 and args[0] is NAT and args[1] is NAT:
            k = self._evaluate(args[5]) if self._closed(args[5]) else None
            if k is not None and k > 0:
                self.divisions[i] = (args[4], args[5], k)
            else:
                self.uninterpreted.add("`/` and `%` by a non-literal")
        elif name in ("Min.min", "Max.max") and i in self.subtractions:
            pass
        elif name in ("Min.min", "Max.max", "ite", "dite", "Int.toNat", "Int.natAbs", "Nat.cast", "NatCast.natCast",
                      "HPow.hPow"):
            self.uninterpreted.add({"Min.min": "min", "Max.max": "max", "ite": "if-then-else",
                                    "dite": "if-then-else", "HPow.hPow": "powers of variables"}.get(name, "Int casts"))

    @staticmethod
    def num(n: int) -> LinTerm:
        return LinTerm(E.mk_app(_c("Omega.Lin.num"), E.mk_nat_lit(n)), (), n)

    @staticmethod
    def _nat_op(args: list[Expr], inst: Expr) -> bool:
        return args[0] is NAT and args[1] is NAT and args[2] is NAT and args[3] is inst

    def lin(self, e: Expr) -> LinTerm:
        hit = self.cache.get(e)
        if hit is None:
            hit = self.cache[e] = self._lin(e)
        return hit

    def _lin(self, e: Expr) -> LinTerm:
        if e.kind == E.NATLIT:
            return self.num(e.val)  # type: ignore[attr-defined]
        canonical = self._canonical(e)
        if canonical is not None:  # the same atom or operation as its usual spelling (definitionally equal)
            return self.lin(canonical)
        fn, args = E.get_app_fn_args(e)
        if fn.kind == E.CONST:
            name = str(fn.name)  # type: ignore[attr-defined]
            if name == "OfNat.ofNat" and len(args) == 3 and args[0] is NAT and args[1].kind == E.NATLIT \
                    and _app_of(args[2], "instOfNatNat", 1) is not None:
                return self.num(args[1].val)  # type: ignore[attr-defined]
            if name == "Nat.zero" and not args:
                return self.num(0)
            if name == "Nat.succ" and len(args) == 1:
                a = self.lin(args[0])
                return LinTerm(E.mk_app(_c("Omega.Lin.succ"), a.refl), a.coeffs, a.const + 1)
            if name == "HAdd.hAdd" and len(args) == 6 and self._nat_op(args, INST_HADD):
                a, b = self.lin(args[4]), self.lin(args[5])
                return LinTerm(E.mk_app_n(_c("Omega.Lin.add"), [a.refl, b.refl]), _add_coeffs(a.coeffs, b.coeffs),
                               a.const + b.const)
            if name == "HMul.hMul" and len(args) == 6 and self._nat_op(args, INST_HMUL):
                a, b = self.lin(args[4]), self.lin(args[5])
                if not a.coeffs and self._closed(args[4]):
                    k = a.const
                    return LinTerm(E.mk_app_n(_c("Omega.Lin.mulL"), [E.mk_nat_lit(k), b.refl]),
                                   _add_coeffs(b.coeffs, scale=[k]), k * b.const)
                if not b.coeffs and self._closed(args[5]):
                    k = b.const
                    return LinTerm(E.mk_app_n(_c("Omega.Lin.mulR"), [a.refl, E.mk_nat_lit(k)]),
                                   _add_coeffs(a.coeffs, scale=[k]), k * a.const)
        value = self._evaluate(e)
        if value is not None:
            return self.num(value)
        return self.atom(e)

    def _known_atom(self, e: Expr) -> int | None:
        meta = self.tc.meta
        head = E.get_app_fn(e)
        for j, a in enumerate(self.atoms):
            h = E.get_app_fn(a)
            if h.kind != head.kind or (h.kind == E.CONST and h.name is not head.name):  # type: ignore[attr-defined]
                continue
            with meta.with_transparency(REDUCIBLE):
                if meta.is_def_eq(a, e):
                    return j
        return None

    def _canonical(self, e: Expr) -> Expr | None:
        """`i.val` for the projection `i.1` of a `Fin`, `a + b`/`a * b`/`a - b` for `Nat.add`/`Nat.mul`/`Nat.sub`,
        `a - 1` for `Nat.pred a`."""
        if e.kind == E.PROJ and e.sname is _N("Fin") and e.idx == 0:  # type: ignore[attr-defined]
            try:
                ty = self.tc.meta.instantiate_mvars(self.tc.meta.infer_type(e.struct))  # type: ignore[attr-defined]
            except ElabError:
                return None
            args = _app_of(ty, "Fin", 1)
            return E.mk_app_n(_c("Fin.val"), [args[0], e.struct]) if args is not None else None  # type: ignore[attr-defined]
        fn, args = E.get_app_fn_args(e)
        if fn.kind != E.CONST or not args:
            return None
        ops = {"Nat.add": ("HAdd.hAdd", INST_HADD), "Nat.mul": ("HMul.hMul", INST_HMUL),
               "Nat.sub": ("HSub.hSub", INST_HSUB)}
        name = str(fn.name)  # type: ignore[attr-defined]
        if name in ops and len(args) == 2:
            op, inst = ops[name]
            return E.mk_app_n(_c(op, (L.ZERO, L.ZERO, L.ZERO)), [NAT, NAT, NAT, inst, *args])
        if name in ("Nat.min", "Nat.max") and len(args) == 2:
            op, inst = ("Min.min", "instMinNat") if name == "Nat.min" else ("Max.max", "instMaxNat")
            return E.mk_app_n(_c(op, (L.ZERO,)), [NAT, _c(inst), *args])
        if name == "Nat.pred" and len(args) == 1:
            return E.mk_app_n(_c("HSub.hSub", (L.ZERO, L.ZERO, L.ZERO)), [NAT, NAT, NAT, INST_HSUB, args[0],
                                                                         E.mk_nat_lit(1)])
        return None

    @staticmethod
    def _closed(e: Expr) -> bool:
        return not (e.flags & (E.HAS_FVAR | E.HAS_MVAR))

    def _evaluate(self, e: Expr) -> int | None:
        """The value of a closed `Nat` term (`2 ^ 3`, `7 / 2`) when the kernel's reduction gives a literal."""
        if not self._closed(e) or e.kind == E.CONST and not _is_const(e, "Nat.zero"):
            return None
        from ..elab.config import ALL

        meta = self.tc.meta
        try:
            with meta.with_transparency(ALL):
                r = meta.whnf(e)
        except Exception:  # noqa: BLE001 - a term that does not evaluate (or runs out of gas) stays an atom
            return None
        if r.kind == E.NATLIT:
            return r.val  # type: ignore[attr-defined]
        if _is_const(r, "Nat.zero"):
            return 0
        return None


# ====================================================================== facts and the search

@dataclass
class Fact:
    """A proof of `lhs ≤ rhs` over `Nat`; `from_int` when it is read from a fact over `Int`."""
    proof: Expr
    lhs: Expr
    rhs: Expr
    from_int: bool = False


@dataclass
class Split:
    """A proof of `left ∨ right`: each side is assumed in its own branch."""
    proof: Expr
    left: Expr
    right: Expr
    from_int: bool = False


@dataclass(frozen=True)
class IntPair:
    """`proof : t = Int.subNatNat pos neg` for an `Int` term `t` and `Nat` terms `pos`, `neg`."""
    pos: Expr
    neg: Expr
    proof: Expr


@dataclass
class Branch:
    facts: list[Fact] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)
    false_proof: Expr | None = None          # a proof of `False` met among the hypotheses
    seen_subtractions: frozenset = frozenset()   # atoms whose case split / defining facts are added
    bounded: frozenset = frozenset()             # (atom, m) of the splits `x < m ∨ x ≥ m` made on this path


class NoCertificate(Exception):
    def __init__(self, facts: list[Fact], reason: str = "") -> None:
        super().__init__(reason)
        self.facts = facts
        self.reason = reason


@dataclass
class Tightened:
    """A row `a·x + c ≤ 0` obtained from the combination `source` (multipliers of earlier rows) whose atom
    coefficients are all multiples of `g`, divided by `g` with the constant rounded up: sound over the
    integers. Its proof assumes the negation and refutes it together with the combination."""
    coeffs: dict[int, int]
    const: int
    g: int
    source: dict[int, int]


def find_certificate(rows: list[tuple[tuple[tuple[int, int], ...], int]], charge: Any = None) \
        -> tuple[dict[int, int], list[Tightened]] | None:
    """Non-negative integer multipliers `kᵢ` such that `Σ kᵢ·(aᵢ·x + cᵢ) ≤ 0` has only non-negative atom
    coefficients and a positive constant: a contradiction, atoms being non-negative. Row `i` is `(aᵢ, cᵢ)`
    for the fact `aᵢ·x + cᵢ ≤ 0`. Fourier–Motzkin elimination with the multipliers carried along; a row
    whose coefficients have a common divisor `g` is tightened (divided by `g`, constant rounded up), which
    makes a new row `len(rows) + k` described by the `k`-th `Tightened` of the answer."""
    virtual: list[Tightened] = []

    def tighten(a: dict[int, int], c: int, mult: dict[int, int]) -> tuple[dict[int, int], int, dict[int, int]]:
        g = 0
        for v in a.values():
            g = gcd(g, v)
        if g <= 1 or c % g == 0:
            return a, c, mult
        a2, c2 = {i: v // g for i, v in a.items()}, -((-c) // g)
        virtual.append(Tightened(a2, c2, g, mult))
        return a2, c2, {len(rows) + len(virtual) - 1: 1}

    work = [tighten(dict(a), c, {i: 1}) for i, (a, c) in enumerate(rows)]
    while True:
        for a, c, mult in work:
            if c > 0 and all(v >= 0 for v in a.values()):
                return mult, virtual
        # rows every non-negative point satisfies never help a refutation
        work = [r for r in work if not (r[1] <= 0 and all(v <= 0 for v in r[0].values()))]
        variables = sorted({j for a, _, _ in work for j in a})
        if not variables:
            return None
        eq = _equality(work)
        if eq is not None:
            # substitute along an equality (exact over the integers when its coefficient is 1)
            ep, em, j = eq
            e = ep[0][j]
            new_rows = [tighten({i: v for i, v in ep[0].items() if i != j}, ep[1], ep[2])]  # x_j ≥ 0
            for r in work:
                if r is ep or r is em:
                    continue
                k = r[0].get(j, 0)
                if k == 0:
                    new_rows.append(r)
                    continue
                other = em if k > 0 else ep
                kr, ko = e, abs(k)
                a = {i: kr * r[0].get(i, 0) + ko * other[0].get(i, 0) for i in set(r[0]) | set(other[0])}
                a = {i: v for i, v in a.items() if v != 0}
                mult = {i: kr * r[2].get(i, 0) + ko * other[2].get(i, 0) for i in set(r[2]) | set(other[2])}
                new_rows.append(tighten(*_reduce(a, kr * r[1] + ko * other[1], mult)))
            work = _unique(new_rows)
            continue

        def cost(j: int) -> tuple[int, int]:
            pos = sum(1 for a, _, _ in work if a.get(j, 0) > 0)
            neg = sum(1 for a, _, _ in work if a.get(j, 0) < 0)
            return pos * neg, j

        j = min(variables, key=cost)
        pos_rows = [r for r in work if r[0].get(j, 0) > 0]
        neg_rows = [r for r in work if r[0].get(j, 0) < 0]
        if len(pos_rows) * len(neg_rows) > MAX_ROWS * 4:
            raise NoCertificate([], "the problem is too large")
        if charge is not None:  # the command's deterministic gas bounds the search too
            charge(1 + len(pos_rows) * len(neg_rows))
        new: list[tuple[dict[int, int], int, dict[int, int]]] = [r for r in work if r[0].get(j, 0) == 0]
        # an upper bound on x_j against the lower bound x_j ≥ 0: drop the (non-negative) x_j term
        for a, c, mult in pos_rows:
            new.append(tighten({i: v for i, v in a.items() if i != j}, c, mult))
        for ap, cp, mp in pos_rows:
            for an, cn, mn in neg_rows:
                kp, kn = -an[j], ap[j]
                a = {i: kp * ap.get(i, 0) + kn * an.get(i, 0) for i in set(ap) | set(an)}
                a = {i: v for i, v in a.items() if v != 0}
                mult = {i: kp * mp.get(i, 0) + kn * mn.get(i, 0) for i in set(mp) | set(mn)}
                new.append(tighten(*_reduce(a, kp * cp + kn * cn, mult)))
        work = _unique(new)


Row = tuple[dict[int, int], int, dict[int, int]]


def _unique(rows: list[Row]) -> list[Row]:
    seen: set = set()
    out = []
    for a, c, mult in rows:
        key = (tuple(sorted(a.items())), c)
        if key not in seen:
            seen.add(key)
            out.append((a, c, mult))
    if len(out) > MAX_ROWS:
        raise NoCertificate([], "the problem is too large")
    return out


def _equality(work: list[Row]) -> tuple[Row, Row, int] | None:
    """Two rows `a·x + c ≤ 0` and `-a·x - c ≤ 0` (an equality), the row where the chosen variable has a
    positive coefficient first, and that variable: the one of smallest absolute coefficient."""
    by_key = {(tuple(sorted(a.items())), c): r for r in work for a, c in [(r[0], r[1])]}
    best: tuple[int, int, Row, Row, int] | None = None
    for key, r in by_key.items():
        if not key[0]:
            continue
        neg = by_key.get((tuple((i, -v) for i, v in key[0]), -key[1]))
        if neg is None:
            continue
        for j, v in key[0]:
            if v > 0 and (best is None or (v, j) < best[:2]):
                best = (v, j, r, neg, j)
    if best is None:
        return None
    return best[2], best[3], best[4]


class _OutOfBudget(Exception):
    pass


def _eliminate(rows: list[tuple[dict[int, int], int]], j: int) -> list[tuple[dict[int, int], int]]:
    """Fourier–Motzkin projection of `{a·x + c ≤ 0, x ≥ 0}` along `x_j` (no multipliers kept)."""
    out = [(a, c) for a, c in rows if a.get(j, 0) == 0]
    pos = [(a, c) for a, c in rows if a.get(j, 0) > 0]
    neg = [(a, c) for a, c in rows if a.get(j, 0) < 0]
    out += [({i: v for i, v in a.items() if i != j}, c) for a, c in pos]
    for ap, cp in pos:
        for an, cn in neg:
            kp, kn = -an[j], ap[j]
            a = {i: kp * ap.get(i, 0) + kn * an.get(i, 0) for i in set(ap) | set(an)}
            out.append(({i: v for i, v in a.items() if v}, kp * cp + kn * cn))
    seen: set = set()
    unique = []
    for a, c in out:
        g = 0
        for v in list(a.values()) + [c]:
            g = gcd(g, v)
        if g > 1:
            a, c = {i: v // g for i, v in a.items()}, c // g
        key = (tuple(sorted(a.items())), c)
        if key not in seen:
            seen.add(key)
            unique.append((a, c))
    if len(unique) > MAX_ROWS:
        raise _OutOfBudget
    return unique


def integer_point(rows: list[tuple[dict[int, int], int]], budget: int = 400) -> dict[int, int] | None:
    """Non-negative integers `x` with `a·x + c ≤ 0` for every row, found by trying the values of one
    variable at a time between the bounds its projection gives; None when none is found (the search is
    bounded, so None does not mean there is none)."""
    left = [budget]

    def search(rows: list[tuple[dict[int, int], int]], variables: list[int]) -> dict[int, int] | None:
        left[0] -= 1
        if left[0] < 0:
            raise _OutOfBudget
        if any(not a and c > 0 for a, c in rows):
            return None
        rows = [(a, c) for a, c in rows if a]
        if not variables:
            return {}
        solved = _unit_equality(rows)
        if solved is not None:  # x_j = -(r·x + c): search the others, then compute x_j
            j, r, c0 = solved
            found = search(_substitute(rows, j, r, c0), [v for v in variables if v != j])
            if found is None:
                return None
            found[j] = -(sum(v * found.get(i, 0) for i, v in r.items()) + c0)
            return found
        j, rest = variables[0], variables[1:]
        bounds = _bounds(rows, j)
        if bounds is None:
            return None
        lo, hi = bounds
        top = lo + 30 if hi is None else min(hi, lo + 30)
        for v in range(lo, top + 1):
            sub = [({i: x for i, x in a.items() if i != j}, c + a.get(j, 0) * v) for a, c in rows]
            found = search(sub, rest)
            if found is not None:
                found[j] = v
                return found
        return None

    variables = sorted({j for a, _ in rows for j in a})
    try:
        return search(rows, variables)
    except _OutOfBudget:
        return None


def _substitute(rows: list[tuple[dict[int, int], int]], j: int, r: dict[int, int], c0: int) \
        -> list[tuple[dict[int, int], int]]:
    """The rows with `x_j := -(r·x + c0)`, and `r·x + c0 ≤ 0` (that is `x_j ≥ 0`)."""
    out = [(_combine_into({i: v for i, v in a.items() if i != j}, a.get(j, 0), r), c - a.get(j, 0) * c0)
           for a, c in rows]
    out.append((dict(r), c0))
    return out


def _bounds(rows: list[tuple[dict[int, int], int]], keep: int) -> tuple[int, int | None] | None:
    """The integer range `[lo, hi]` (`hi` None: unbounded) that the projection of the rows onto `x_keep`
    allows, None when the projection is infeasible. Unit equalities are substituted first, then variables
    eliminated cheapest first."""
    while True:
        others = sorted({j for a, _ in rows for j in a if j != keep})
        if not others:
            break
        solved = _unit_equality(rows, avoid=keep)
        if solved is not None:
            rows = _substitute(rows, *solved)
            continue

        def cost(j: int) -> tuple[int, int]:
            pos = sum(1 for a, _ in rows if a.get(j, 0) > 0)
            return pos * sum(1 for a, _ in rows if a.get(j, 0) < 0), j

        rows = _eliminate(rows, min(others, key=cost))
    lo, hi = 0, None
    for a, c in rows:
        k = a.get(keep, 0)
        if k == 0:
            if c > 0:
                return None
        elif k > 0:       # k·x ≤ -c
            hi = (-c) // k if hi is None else min(hi, (-c) // k)
        else:             # x ≥ c / -k
            lo = max(lo, -((-c) // (-k)))
    return lo, hi


def _unit_equality(rows: list[tuple[dict[int, int], int]], avoid: int | None = None) \
        -> tuple[int, dict[int, int], int] | None:
    """`(j, r, c)` when two rows say `x_j + r·x + c = 0` (`j` is not `avoid`)."""
    keys = {(tuple(sorted(a.items())), c) for a, c in rows}
    for a, c in rows:
        for j, v in sorted(a.items()):
            if abs(v) != 1 or j == avoid:
                continue
            neg = (tuple(sorted((i, -w) for i, w in a.items())), -c)
            if neg in keys:
                sign = v  # normalise to x_j + r·x + c = 0
                r = {i: w * sign for i, w in a.items() if i != j}
                return j, r, c * sign
    return None


def _combine_into(a: dict[int, int], k: int, r: dict[int, int]) -> dict[int, int]:
    """`a - k·r` (substituting `x_j = -(r·x + c)` into a row whose `x_j` coefficient was `k`)."""
    out = dict(a)
    for i, v in r.items():
        out[i] = out.get(i, 0) - k * v
    return {i: v for i, v in out.items() if v}


def _reduce(a: dict[int, int], c: int, mult: dict[int, int]) -> tuple[dict[int, int], int, dict[int, int]]:
    g = 0
    for v in list(a.values()) + [c] + list(mult.values()):
        g = gcd(g, v)
    if g > 1:
        return {i: v // g for i, v in a.items()}, c // g, {i: v // g for i, v in mult.items() if v}
    return a, c, {i: v for i, v in mult.items() if v}


class Omega:
    def __init__(self, tc: TacticContext, g: MVar, span: Any) -> None:
        self.tc = tc
        self.meta = tc.meta
        self.span = span
        self.g = g
        self.lin = Linearizer(tc)
        self.branches = 0
        self.unsupported: set[str] = set()
        self.hyp_counter = 0
        self.int_cache: dict[Expr, IntPair] = {}
        self.from_int = False   # facts being read come from a fact over `Int`

    # ------------------------------------------------------------------ terms
    def infer(self, e: Expr) -> Expr:
        return self.meta.instantiate_mvars(self.meta.infer_type(e))

    def local(self, base: str, type_: Expr) -> FVar:
        self.hyp_counter += 1
        # in the local context while omega runs (instance synthesis looks there); `goal_context` restores it
        return self.meta.push_local(_N(f"{base}_omega_{self.hyp_counter}"), type_)

    def decidable(self, p: Expr) -> Expr | None:
        try:
            inst = synth_instance(self.meta, E.mk_app(_c("Decidable"), p), self.tc.te.table)
        except ElabError:
            return None
        return None if inst is None else self.meta.instantiate_mvars(inst)

    # ------------------------------------------------------------------ goal
    def prove(self, target: Expr, branch: Branch) -> Expr:
        """A proof of `target` from the facts of `branch` (and the binders it introduces)."""
        t = self.meta.instantiate_mvars(target)
        ne = _app_of(t, "Ne", 3)
        if ne is not None and (ne[0] is NAT or ne[0] is INT or _fin_dim(ne[0]) is not None):
            t = E.mk_app(_c("Not"), E.mk_app_n(_c("Eq", (L.ONE,)), ne))
        p = _is_not(t)
        if p is not None:
            h = self.local("h", p)
            body = self.refute(self.extend(branch, h, p))
            return self.meta.mk_lambda_fvars([h], body)
        if t.kind == E.PI:
            x = self.local("x", t.type)  # type: ignore[attr-defined]
            body_t = E.instantiate1(t.body, x)  # type: ignore[attr-defined]
            inner = self.extend(branch, x, t.type) if self.meta.is_prop(t.type) else branch  # type: ignore[attr-defined]
            return self.meta.mk_lambda_fvars([x], self.prove(body_t, inner))
        if t is PROP_FALSE:
            return self.refute(branch)
        if _is_const(t, "True"):
            return _c("True.intro")
        args = _app_of(t, "And", 2)
        if args is not None:
            return E.mk_app_n(_c("And.intro"), [*args, self.prove(args[0], branch), self.prove(args[1], branch)])
        args = _app_of(t, "Iff", 2)
        if args is not None:
            a, b = args
            mp = E.mk_arrow(a, b)
            mpr = E.mk_arrow(b, a)
            return E.mk_app_n(_c("Iff.intro"), [a, b, self.prove(mp, branch), self.prove(mpr, branch)])
        if not self.meta.is_prop(t):
            raise ElabError(f"omega could not prove the goal: the goal is not a proposition\n  {self.tc.pp(t)}",
                            self.span)
        inst = self.decidable(t) if self.arithmetic(t) else None
        rel = self.nat_rel(t) if inst is None and self.arithmetic(t) else None
        if rel is not None and rel[0] != "eq":  # `Fin` comparisons: decided on the values
            kind, a, b, _ = rel
            a, b = (b, a) if kind in ("ge", "gt") else (a, b)
            inst = E.mk_app_n(_c("Nat.decLe" if kind in ("le", "ge") else "Nat.decLt"), [a, b])
        if inst is None:
            # not a statement about Nat terms: prove False from the hypotheses (Lean's `exfalso`)
            self.note_goal(t)
            return E.mk_app_n(_c("False.elim", (L.ZERO,)), [t, self.refute(branch)])
        neg = E.mk_app(_c("Not"), t)
        h = self.local("h", neg)
        body = self.meta.mk_lambda_fvars([h], self.refute(self.extend(branch, h, neg)))
        return E.mk_app_n(_c("Decidable.byContradiction"), [t, inst, body])

    def note_goal(self, t: Expr) -> None:
        """Record why a goal is not read (for the failure message)."""
        before = set(self.unsupported)
        self.nat_rel(t)
        p = _is_not(t)
        if p is not None:
            self.nat_rel(p)
        if self.unsupported == before:
            self.unsupported.add("goals that are not comparisons of Nat terms")

    # ------------------------------------------------------------------ facts
    def extend(self, branch: Branch, proof: Expr, type_: Expr, from_int: bool = False) -> Branch:
        """`branch` with the facts read from `proof : type_` (and the case splits of new subtractions)."""
        nb = Branch(list(branch.facts), list(branch.splits), branch.false_proof, branch.seen_subtractions,
                    branch.bounded)
        saved, self.from_int = self.from_int, from_int
        try:
            self.read_fact(nb, proof, self.meta.instantiate_mvars(type_), 0)
        finally:
            self.from_int = saved
        self.add_subtraction_splits(nb)
        return nb

    def add_subtraction_splits(self, branch: Branch) -> None:
        """The case split of every new atom `a - b`, and the facts `a % k + k * (a / k) = a`, `a % k < k` of
        every new atom `a / k` or `a % k` (`k` a positive literal), until no new atom appears."""
        seen = set(branch.seen_subtractions)
        done = 0
        while True:
            new = []
            for f in branch.facts[done:]:
                for side in (f.lhs, f.rhs):
                    for i, _ in self.lin.lin(side).coeffs:
                        if (i in self.lin.subtractions or i in self.lin.divisions or i in self.lin.bounds) \
                                and i not in seen:
                            seen.add(i)
                            new.append(i)
            done = len(branch.facts)
            if not new:
                break
            for i in new:
                if i in self.lin.subtractions:
                    lemma, a, b = self.lin.subtractions[i]
                    pf = E.mk_app_n(_c(lemma), [a, b])
                    left, right = E.get_app_args(self.infer(pf))
                    branch.splits.append(Split(pf, left, right))
                    continue
                if i in self.lin.bounds:
                    pf = self.lin.bounds[i]
                    self.read_fact(branch, pf, self.infer(pf), 0)
                    continue
                a, k, kv = self.lin.divisions[i]
                key = ("div", a, k)
                if key in seen:
                    continue
                seen.add(key)
                pf = E.mk_app_n(_c("Nat.mod_add_div"), [a, k])
                self.read_fact(branch, pf, self.infer(pf), 0)
                pos = E.mk_app(_c("Nat.zero_lt_succ"), E.mk_nat_lit(kv - 1))
                pf = E.mk_app_n(_c("Nat.mod_lt"), [a, k, pos])
                self.read_fact(branch, pf, self.infer(pf), 0)
        branch.seen_subtractions = frozenset(seen)

    def nat_rel(self, t: Expr) -> tuple[str, Expr, Expr, tuple[Expr, Expr, Expr] | None] | None:
        """(`le`/`lt`/`ge`/`gt`/`eq`, a, b, fin) when `t` is that relation between `Nat` terms `a`, `b`, or
        between `i j : Fin n` (then `a`, `b` are `i.val`, `j.val` and `fin` is `(n, i, j)`; `≤`/`<` on `Fin`
        are those of the values by definition)."""
        fn, args = E.get_app_fn_args(t)
        if fn.kind != E.CONST:
            return None
        name = str(fn.name)  # type: ignore[attr-defined]
        if name in ("Nat.le", "Nat.lt") and len(args) == 2:  # the relations behind `≤`, `<` on Nat
            return name[4:], args[0], args[1], None
        rels = {"LE.le": "le", "LT.lt": "lt", "GE.ge": "ge", "GT.gt": "gt"}
        if name in rels and len(args) == 4:
            le = name in ("LE.le", "GE.ge")
            if args[0] is NAT:
                inst_ok = args[1] is (INST_LE if le else INST_LT)
                return (rels[name], args[2], args[3], None) if inst_ok else None
            n = _fin_dim(args[0])
            if n is not None and _app_of(args[1], "instLEFin" if le else "instLTFin", 1) is not None:
                return rels[name], _fin_val(n, args[2]), _fin_val(n, args[3]), (n, args[2], args[3])
            self.note_type(args[0])
            return None
        if name == "Eq" and len(args) == 3:
            if args[0] is NAT:
                return "eq", args[1], args[2], None
            n = _fin_dim(args[0])
            if n is not None:
                return "eq", _fin_val(n, args[1]), _fin_val(n, args[2]), (n, args[1], args[2])
            self.note_type(args[0])
        if name == "Ne" and len(args) == 3 and args[0] is not NAT:
            self.note_type(args[0])
        if name == "Dvd.dvd" and len(args) == 4:
            self.unsupported.add("divisibility facts `∣`")
        return None

    def arithmetic(self, t: Expr, depth: int = 0) -> bool:
        """Is `t` built from `Nat` comparisons with `¬ ∧ ∨ → ↔` (worth a case split)?"""
        if depth > 16:
            return False
        fn, args = E.get_app_fn_args(t)
        if fn.kind == E.CONST:
            name = str(fn.name)  # type: ignore[attr-defined]
            if name in ("LE.le", "LT.lt", "GE.ge", "GT.gt") and len(args) == 4 or name in ("Eq", "Ne") and len(args) == 3:
                return args[0] is NAT or args[0] is INT or _fin_dim(args[0]) is not None
            if name in ("Nat.le", "Nat.lt", "Int.le", "Int.lt"):
                return len(args) == 2
            if name in ("Not", "And", "Or", "Iff"):
                return all(self.arithmetic(a, depth + 1) for a in args)
            return name in ("False", "True") and not args
        if t.kind == E.PI and t.body.lbr == 0:  # type: ignore[attr-defined]
            return self.arithmetic(t.type, depth + 1) and self.arithmetic(t.body, depth + 1)  # type: ignore[attr-defined]
        return False

    # ------------------------------------------------------------------ facts over Int
    def int_rel(self, t: Expr) -> tuple[str, Expr, Expr] | None:
        """(`le`/`lt`/`eq`, a, b) when `t` is `a ≤ b`, `a < b`, `a = b` (or `b ≥ a`, `b > a`) between `Int` terms."""
        fn, args = E.get_app_fn_args(t)
        if fn.kind != E.CONST:
            return None
        name = str(fn.name)  # type: ignore[attr-defined]
        if name in ("Int.le", "Int.lt") and len(args) == 2:
            return name[4:], args[0], args[1]
        if name in ("LE.le", "LT.lt", "GE.ge", "GT.gt") and len(args) == 4 and args[0] is INT \
                and args[1] is (INT_LE if name in ("LE.le", "GE.ge") else INT_LT):
            kind = "le" if name in ("LE.le", "GE.ge") else "lt"
            return (kind, args[2], args[3]) if name in ("LE.le", "LT.lt") else (kind, args[3], args[2])
        if name == "Eq" and len(args) == 3 and args[0] is INT:
            return "eq", args[1], args[2]
        return None

    def int_fact(self, branch: Branch, proof: Expr, kind: str, a: Expr, b: Expr, negated: bool, depth: int) -> None:
        """The `Nat` fact of `proof : a ≤ b` (`<`, `=`; `¬…` when `negated`) over `Int`: with `a`, `b` read as
        `Int.subNatNat A B`, `Int.subNatNat C D`, it is `A + D ≤ C + B` (`A + 1 + D ≤ C + B`, `A + D = C + B`)."""
        pa, pb = self.int_pair(a), self.int_pair(b)
        lhs = _nat_add(pa.pos, pb.neg) if kind != "lt" else _nat_add(_nat_add(pa.pos, E.mk_nat_lit(1)), pb.neg)
        rhs = _nat_add(pb.pos, pa.neg)
        if kind == "eq":
            int_p, nat_p = E.mk_app_n(_c("Eq", (L.ONE,)), [INT, a, b]), E.mk_app_n(_c("Eq", (L.ONE,)), [NAT, lhs, rhs])
        else:
            op, inst = ("LE.le", INT_LE) if kind == "le" else ("LT.lt", INT_LT)
            int_p = E.mk_app_n(_c(op, (L.ZERO,)), [INT, inst, a, b])
            nat_p = E.mk_app_n(_c("LE.le", (L.ZERO,)), [NAT, INST_LE, lhs, rhs])
        lemma = {"le": "Omega.int_le_iff", "lt": "Omega.int_lt_iff", "eq": "Omega.int_eq_iff"}[kind]
        iff = E.mk_app_n(_c(lemma), [a, b, pa.pos, pa.neg, pb.pos, pb.neg, pa.proof, pb.proof])
        if negated:
            mpr = E.mk_app_n(_c("Iff.mpr"), [int_p, nat_p, iff])
            proof, t = E.mk_app_n(_c("mt"), [nat_p, int_p, mpr, proof]), E.mk_app(_c("Not"), nat_p)
        else:
            proof, t = E.mk_app_n(_c("Iff.mp"), [int_p, nat_p, iff, proof]), nat_p
        saved, self.from_int = self.from_int, True
        try:
            self.read_fact(branch, proof, t, depth + 1)
        finally:
            self.from_int = saved

    def int_pair(self, e: Expr) -> IntPair:
        hit = self.int_cache.get(e)
        if hit is None:
            hit = self.int_cache[e] = self._int_pair(e)
        return hit

    def _int_pair(self, e: Expr) -> IntPair:
        """`e` as `Int.subNatNat pos neg`: literals, casts `↑n` (`n` is read as a `Nat` term), `+`, `-`, `-·`,
        multiplication by a literal; any other term is an atom `x`, read as `x.toNat - (-x).toNat`."""
        value = self.int_value(e)
        if value is not None:  # `e = Int.subNatNat v 0` (or `0 v`) by evaluation
            pos, neg = (value, 0) if value >= 0 else (0, -value)
            return IntPair(E.mk_nat_lit(pos), E.mk_nat_lit(neg), E.mk_app_n(_c("Eq.refl", (L.ONE,)), [INT, e]))
        fn, args = E.get_app_fn_args(e)
        name = str(fn.name) if fn.kind == E.CONST else ""  # type: ignore[attr-defined]
        binary = {"HAdd.hAdd": INT_HADD, "HSub.hSub": INT_HSUB, "HMul.hMul": INT_HMUL}
        if name in binary and len(args) == 6 and args[0] is INT and args[1] is INT and args[2] is INT \
                and args[3] is binary[name]:
            name, args = {"HAdd.hAdd": "Int.add", "HSub.hSub": "Int.sub", "HMul.hMul": "Int.mul"}[name], args[4:]
        elif name == "Neg.neg" and len(args) == 3 and args[0] is INT and args[1] is INT_NEG:
            name, args = "Int.neg", args[2:]
        if name in ("Int.add", "Int.sub") and len(args) == 2:
            a, b = self.int_pair(args[0]), self.int_pair(args[1])
            lemma = "Omega.add_eq" if name == "Int.add" else "Omega.sub_eq"
            proof = E.mk_app_n(_c(lemma), [*args, a.pos, a.neg, b.pos, b.neg, a.proof, b.proof])
            if name == "Int.add":
                return IntPair(_nat_add(a.pos, b.pos), _nat_add(a.neg, b.neg), proof)
            return IntPair(_nat_add(a.pos, b.neg), _nat_add(a.neg, b.pos), proof)
        if name == "Int.neg" and len(args) == 1:
            a = self.int_pair(args[0])
            return IntPair(a.neg, a.pos, E.mk_app_n(_c("Omega.neg_eq"), [args[0], a.pos, a.neg, a.proof]))
        if name == "Int.mul" and len(args) == 2:
            for side, lemmas in ((0, ("Omega.ofNat_mul_eq", "Omega.negSucc_mul_eq")),
                                 (1, ("Omega.mul_ofNat_eq", "Omega.mul_negSucc_eq"))):
                k = self.int_value(args[side])
                if k is None:
                    continue
                other = args[1 - side]
                a = self.int_pair(other)
                if k >= 0:
                    lit = E.mk_nat_lit(k)
                    proof = E.mk_app_n(_c(lemmas[0]), [lit, other, a.pos, a.neg, a.proof])
                    return IntPair(_nat_mul(lit, a.pos), _nat_mul(lit, a.neg), proof)
                lit = E.mk_nat_lit(-k - 1)
                proof = E.mk_app_n(_c(lemmas[1]), [lit, other, a.pos, a.neg, a.proof])
                succ = E.mk_app(_c("Nat.succ"), lit)
                return IntPair(_nat_mul(succ, a.neg), _nat_mul(succ, a.pos), proof)
        n = None
        if name == "Int.ofNat" and len(args) == 1:
            n = args[0]
        elif name in ("Nat.cast", "NatCast.natCast") and len(args) == 3 and args[0] is INT and args[1] is INT_NATCAST:
            n = args[2]
        if n is not None:  # `↑n = Int.subNatNat n 0`
            return IntPair(n, E.mk_nat_lit(0), E.mk_app(_c("Omega.ofNat_eq"), n))
        if name == "Int.negSucc" and len(args) == 1:  # `Int.negSucc n = Int.subNatNat 0 n.succ` by definition
            return IntPair(E.mk_nat_lit(0), E.mk_app(_c("Nat.succ"), args[0]), E.mk_app_n(_c("Eq.refl", (L.ONE,)), [INT, e]))
        return self.int_atom(e, name)

    def int_atom(self, e: Expr, head: str) -> IntPair:
        pos = E.mk_app(_c("Int.toNat"), e)
        neg = E.mk_app(_c("Int.toNat"), E.mk_app_n(_c("Neg.neg", (L.ZERO,)), [INT, INT_NEG, e]))
        self.lin.int_parts.setdefault(pos, (e, 1))
        self.lin.int_parts.setdefault(neg, (e, -1))
        if head in INT_INTERPRETED:
            self.lin.uninterpreted.add(INT_INTERPRETED[head])
        return IntPair(pos, neg, E.mk_app(_c("Omega.eq_subNatNat_toNat"), e))

    def int_value(self, e: Expr) -> int | None:
        """The value of a closed `Int` term when the kernel's reduction gives `Int.ofNat k` or `Int.negSucc k`."""
        if e.flags & (E.HAS_FVAR | E.HAS_MVAR):
            return None
        from ..elab.config import ALL

        try:
            with self.meta.with_transparency(ALL):
                r = self.meta.whnf(e)
        except Exception:  # noqa: BLE001 - a term that does not evaluate stays an atom
            return None
        fn, args = E.get_app_fn_args(r)
        if len(args) != 1 or not (_is_const(fn, "Int.ofNat") or _is_const(fn, "Int.negSucc")):
            return None
        k = args[0].val if args[0].kind == E.NATLIT else self.lin._evaluate(args[0])  # type: ignore[attr-defined]
        if k is None:
            return None
        return k if _is_const(fn, "Int.ofNat") else -k - 1

    def note_type(self, ty: Expr) -> None:
        """Facts over the other types Lean's omega reads are not supported yet (said when it fails)."""
        head = E.get_app_fn(ty)
        if head.kind == E.CONST and str(head.name) in ("Int", "Fin", "BitVec", "UInt8", "UInt16", "UInt32",  # type: ignore[attr-defined]
                                                       "UInt64", "USize"):
            self.unsupported.add(f"facts over {head.name}")  # type: ignore[attr-defined]

    def le_fact(self, branch: Branch, proof: Expr, a: Expr, b: Expr) -> None:
        branch.facts.append(Fact(proof, a, b, self.from_int))

    def split(self, branch: Branch, proof: Expr, left: Expr, right: Expr) -> None:
        branch.splits.append(Split(proof, left, right, self.from_int))

    def lt_fact(self, branch: Branch, proof: Expr, a: Expr, b: Expr) -> None:
        """From `proof : a < b`, the fact `a.succ ≤ b`."""
        self.le_fact(branch, E.mk_app_n(_c("Nat.succ_le_of_lt"), [a, b, proof]), E.mk_app(_c("Nat.succ"), a), b)

    def read_fact(self, branch: Branch, proof: Expr, t: Expr, depth: int) -> None:
        if depth > 32:
            return
        if t is PROP_FALSE:
            if branch.false_proof is None:
                branch.false_proof = proof
            return
        irel = self.int_rel(t)
        if irel is not None:
            self.int_fact(branch, proof, *irel, False, depth)
            return
        rel = self.nat_rel(t)
        if rel is not None:
            kind, a, b, fin = rel
            if kind == "eq" and fin is not None:  # i = j gives i.val = j.val
                proof = E.mk_app_n(_c("Fin.val_eq_of_eq"), [*fin, proof])
            if kind == "le":
                self.le_fact(branch, proof, a, b)
            elif kind == "ge":
                self.le_fact(branch, proof, b, a)
            elif kind == "lt":
                self.lt_fact(branch, proof, a, b)
            elif kind == "gt":
                self.lt_fact(branch, proof, b, a)
            else:
                self.le_fact(branch, E.mk_app_n(_c("Nat.le_of_eq"), [a, b, proof]), a, b)
                symm = E.mk_app_n(_c("Eq.symm", (L.ONE,)), [NAT, a, b, proof])
                self.le_fact(branch, E.mk_app_n(_c("Nat.le_of_eq"), [b, a, symm]), b, a)
            return
        args = _app_of(t, "And", 2)
        if args is not None:
            p, q = args
            self.read_fact(branch, E.mk_app_n(_c("And.left"), [p, q, proof]), p, depth + 1)
            self.read_fact(branch, E.mk_app_n(_c("And.right"), [p, q, proof]), q, depth + 1)
            return
        args = _app_of(t, "Or", 2)
        if args is not None:
            self.split(branch, proof, args[0], args[1])
            return
        args = _app_of(t, "Iff", 2)
        if args is not None:  # (a ∧ b) ∨ (¬a ∧ ¬b)
            a, b = args
            inst = self.decidable(b) if self.arithmetic(a) and self.arithmetic(b) else None
            if inst is not None:
                pf = E.mk_app_n(_c("Decidable.and_or_not_and_not_of_iff"), [a, b, inst, proof])
                left, right = E.get_app_args(self.infer(pf))
                self.split(branch, pf, left, right)
            return
        if t.kind == E.PI and t.body.lbr == 0 and _is_not(t) is None:  # type: ignore[attr-defined]
            a, b = t.type, t.body  # type: ignore[attr-defined]
            inst = self.decidable(a) if self.arithmetic(a) and self.arithmetic(b) else None
            if inst is not None:  # ¬a ∨ b
                pf = E.mk_app_n(_c("Decidable.not_or_of_imp"), [a, b, inst, proof])
                self.split(branch, pf, E.mk_app(_c("Not"), a), b)
            return
        args = _app_of(t, "Ne", 3)
        if args is not None:
            if args[0] is not NAT and args[0] is not INT and _fin_dim(args[0]) is None:
                self.note_type(args[0])
                return
            t = E.mk_app(_c("Not"), E.mk_app_n(_c("Eq", (L.ONE,)), args))
        p = _is_not(t)
        if p is not None:
            self.read_negation(branch, proof, p, depth)

    def read_negation(self, branch: Branch, proof: Expr, p: Expr, depth: int) -> None:
        """Facts from `proof : ¬p`."""
        irel = self.int_rel(p)
        if irel is not None:
            self.int_fact(branch, proof, *irel, True, depth)
            return
        rel = self.nat_rel(p)
        if rel is not None:
            kind, a, b, fin = rel
            if kind == "eq" and fin is not None:  # ¬(i = j) gives ¬(i.val = j.val)
                h = self.local("h", E.mk_app_n(_c("Eq", (L.ONE,)), [NAT, a, b]))
                inner = E.mk_app(proof, E.mk_app_n(_c("Fin.eq_of_val_eq"), [*fin, h]))
                proof = self.meta.mk_lambda_fvars([h], inner)
            if kind == "ge":       # ¬(a ≥ b) is ¬(b ≤ a)
                kind, a, b = "le", b, a
            elif kind == "gt":     # ¬(a > b) is ¬(b < a)
                kind, a, b = "lt", b, a
            if kind == "le":       # b < a
                self.lt_fact(branch, E.mk_app_n(_c("Nat.lt_of_not_le"), [a, b, proof]), b, a)
            elif kind == "lt":     # b ≤ a
                self.le_fact(branch, E.mk_app_n(_c("Nat.le_of_not_lt"), [a, b, proof]), b, a)
            else:                  # a < b ∨ a > b
                pf = E.mk_app_n(_c("Nat.lt_or_gt_of_ne"), [a, b, proof])
                left, right = E.get_app_args(self.infer(pf))
                self.split(branch, pf, left, right)
            return
        args = _app_of(p, "Ne", 3)
        if args is not None:
            p = E.mk_app(_c("Not"), E.mk_app_n(_c("Eq", (L.ONE,)), args))
        q = _is_not(p)
        if q is not None:  # ¬¬q
            inst = self.decidable(q)
            if inst is not None:
                self.read_fact(branch, E.mk_app_n(_c("Decidable.of_not_not"), [q, inst, proof]), q, depth + 1)
            return
        args = _app_of(p, "Or", 2)
        if args is not None:  # ¬(a ∨ b): ¬a and ¬b
            a, b = args
            for side, ctor in ((a, "Or.inl"), (b, "Or.inr")):
                x = self.local("h", side)
                inj = E.mk_app_n(_c(ctor), [a, b, x])
                self.read_fact(branch, self.meta.mk_lambda_fvars([x], E.mk_app(proof, inj)),
                               E.mk_app(_c("Not"), side), depth + 1)
            return
        args = _app_of(p, "And", 2)
        if args is not None:  # ¬(a ∧ b): ¬a ∨ ¬b, for decidable a and b
            a, b = args
            da, db = self.decidable(a), self.decidable(b)
            if da is not None and db is not None:
                iff = E.mk_app_n(_c("Decidable.not_and_iff_or_not"), [a, b, da, db])
                na, nb = E.mk_app(_c("Not"), a), E.mk_app(_c("Not"), b)
                pf = E.mk_app_n(_c("Iff.mp"), [E.mk_app(_c("Not"), p), E.mk_app_n(_c("Or"), [na, nb]), iff, proof])
                self.split(branch, pf, na, nb)
            return

    # ------------------------------------------------------------------ refutation
    def refute(self, branch: Branch) -> Expr:
        """A proof of `False` from the facts of `branch`, splitting its disjunctions as needed."""
        if branch.false_proof is not None:
            return branch.false_proof
        rows = []
        for f in branch.facts:
            lt, rt = self.lin.lin(f.lhs), self.lin.lin(f.rhs)
            rows.append((_add_coeffs(lt.coeffs, rt.coeffs, scale=[1, -1]), lt.const - rt.const))
        try:
            cert = find_certificate(rows, self.meta.gas.charge)
        except NoCertificate as exc:
            raise NoCertificate(branch.facts, exc.reason) from None
        if cert is not None:
            return self.certificate_proof(branch.facts, *cert)
        if not branch.splits:
            found = self.bounded_split(rows, branch.bounded)
            if found is None:
                raise NoCertificate(branch.facts)
            split, key = found
            branch = Branch(branch.facts, [split], branch.false_proof, branch.seen_subtractions,
                            branch.bounded | {key})
        self.branches += 1
        if self.branches > MAX_BRANCHES:
            raise NoCertificate(branch.facts, "too many case splits")
        split, rest = branch.splits[0], branch.splits[1:]
        base = Branch(branch.facts, rest, None, branch.seen_subtractions, branch.bounded)
        h1 = self.local("h", split.left)
        pf1 = self.refute(self.extend(base, h1, split.left, split.from_int))
        h2 = self.local("h", split.right)
        pf2 = self.refute(self.extend(base, h2, split.right, split.from_int))
        return E.mk_app_n(_c("Or.elim"), [split.left, split.right, PROP_FALSE, split.proof,
                                           self.meta.mk_lambda_fvars([h1], pf1),
                                           self.meta.mk_lambda_fvars([h2], pf2)])

    def bounded_split(self, rows: list[tuple[tuple[tuple[int, int], ...], int]], done: frozenset) \
            -> tuple[Split, tuple[int, int]] | None:
        """When the rational relaxation has no refutation and no integer point is found quickly, split on an
        atom whose integer values lie in a small range `[lo, hi]`: `x < m ∨ x ≥ m` (`Nat.lt_or_ge`) with
        `m = lo + 1`, or `m = lo` when `lo = hi` (then the second branch fixes `x`). Each branch narrows the
        range, so the search is exact on bounded problems (as Lean's case analysis of the grey shadows);
        a split already made on the path (`done`) is not repeated."""
        dict_rows = [(dict(a), c) for a, c in rows]
        if integer_point(dict_rows) is not None:
            return None
        best: tuple[int, int, int] | None = None
        variables = sorted({j for a, _ in dict_rows for j in a})
        for j in variables:
            try:
                bounds = _bounds(dict_rows, j)
            except _OutOfBudget:
                continue
            if bounds is None:
                continue
            lo, hi = bounds
            if hi is None or hi - lo > 16:
                continue
            m = lo if hi <= lo else lo + 1
            if (j, m) not in done and (best is None or (hi - lo, j) < best[:2]):
                best = (hi - lo, j, m)
        if best is None:
            return None
        _, j, m = best
        pf = E.mk_app_n(_c("Nat.lt_or_ge"), [self.lin.atoms[j], E.mk_nat_lit(m)])
        left, right = E.get_app_args(self.infer(pf))
        return Split(pf, left, right), (j, m)

    def sides(self, proof: Expr) -> tuple[Expr, Expr]:
        args = E.get_app_args(self.infer(proof))
        return args[2], args[3]

    def certificate_proof(self, facts: list[Fact], cert: dict[int, int], virtual: list[Tightened]) -> Expr:
        memo: dict[int, Fact] = {}

        def fact(i: int) -> Fact:
            if i < len(facts):
                return facts[i]
            if i not in memo:
                memo[i] = self.tightened_fact(virtual[i - len(facts)], fact)
            return memo[i]

        return self.close(self.combine([(k, fact(i)) for i, k in sorted(cert.items()) if k > 0]))

    def combine(self, pairs: list[tuple[int, Fact]]) -> Fact:
        """`Σ kᵢ·lᵢ ≤ Σ kᵢ·rᵢ` by `Nat.mul_le_mul_left` and `Nat.add_le_add`."""
        acc: Fact | None = None
        for k, f in pairs:
            if k != 1:
                pf = E.mk_app_n(_c("Nat.mul_le_mul_left"), [f.lhs, f.rhs, E.mk_nat_lit(k), f.proof])
                f = Fact(pf, *self.sides(pf))
            if acc is None:
                acc = f
            else:
                pf = E.mk_app_n(_c("Nat.add_le_add"), [acc.lhs, acc.rhs, f.lhs, f.rhs, acc.proof, f.proof])
                acc = Fact(pf, *self.sides(pf))
        assert acc is not None
        return acc

    def close(self, acc: Fact) -> Expr:
        """`False` from `acc : L ≤ R` when R's coefficients are at most L's and R's constant is below L's."""
        lt, rt = self.lin.lin(acc.lhs), self.lin.lin(acc.rhs)
        # the kernel evaluates the same check; a failure here is a bug in the search, never a wrong proof
        lc = dict(lt.coeffs)
        if not (rt.const < lt.const and all(lc.get(i, 0) >= c for i, c in rt.coeffs)):
            raise NoCertificate([], "internal: the certificate does not check")
        atoms = E.mk_app(_c("List.nil", (L.ZERO,)), NAT)
        for a in reversed(self.lin.atoms):
            atoms = E.mk_app_n(_c("List.cons", (L.ZERO,)), [NAT, a, atoms])
        rfl = E.mk_app_n(_c("Eq.refl", (L.ONE,)), [_c("Bool"), BOOL_TRUE])
        return E.mk_app_n(_c("Omega.refute"), [atoms, lt.refl, rt.refl, acc.proof, rfl])

    def nat_sum(self, terms: list[tuple[int, int]], const: int) -> Expr:
        """The `Nat` term `k₁ * a₁ + … + c` (atoms by index)."""
        parts: list[Expr] = []
        for i, k in terms:
            atom = self.lin.atoms[i]
            parts.append(atom if k == 1 else E.mk_app_n(_c("HMul.hMul", (L.ZERO, L.ZERO, L.ZERO)),
                                                         [NAT, NAT, NAT, INST_HMUL, E.mk_nat_lit(k), atom]))
        if const or not parts:
            parts.append(E.mk_nat_lit(const))
        acc = parts[0]
        for p in parts[1:]:
            acc = E.mk_app_n(_c("HAdd.hAdd", (L.ZERO, L.ZERO, L.ZERO)), [NAT, NAT, NAT, INST_HADD, acc, p])
        return acc

    def tightened_fact(self, t: Tightened, fact: Any) -> Fact:
        """`L' ≤ R'` for the tightened row, by contradiction: `g` times `R' + 1 ≤ L'` plus the source
        combination has a positive constant and no atom left."""
        lhs = self.nat_sum(sorted((i, v) for i, v in t.coeffs.items() if v > 0), max(t.const, 0))
        rhs = self.nat_sum(sorted((i, -v) for i, v in t.coeffs.items() if v < 0), max(-t.const, 0))
        goal = E.mk_app_n(_c("LE.le", (L.ZERO,)), [NAT, INST_LE, lhs, rhs])
        hn = self.local("h", E.mk_app(_c("Not"), goal))
        lt = E.mk_app_n(_c("Nat.lt_of_not_le"), [lhs, rhs, hn])
        negated = Fact(E.mk_app_n(_c("Nat.succ_le_of_lt"), [rhs, lhs, lt]), E.mk_app(_c("Nat.succ"), rhs), lhs)
        pairs = [(k, fact(i)) for i, k in sorted(t.source.items()) if k > 0] + [(t.g, negated)]
        body = self.close(self.combine(pairs))
        dec = E.mk_app_n(_c("Nat.decLe"), [lhs, rhs])
        proof = E.mk_app_n(_c("Decidable.byContradiction"), [goal, dec, self.meta.mk_lambda_fvars([hn], body)])
        return Fact(proof, lhs, rhs)

    # ------------------------------------------------------------------ messages
    def failure(self, exc: NoCertificate) -> ElabError:
        """Lean's message, with the facts of the branch that has no refutation. When this omega may be
        weaker than Lean's on the problem (no integer counterexample found, facts over `Int`, atoms Lean
        interprets), the message says what is not supported yet."""
        lines = ["omega could not prove the goal:"]
        if exc.reason:
            lines.append(f"({exc.reason})")
        point = None
        if exc.facts:
            lines.append("a possible counterexample may satisfy the constraints")
            rows = []
            for f in exc.facts:
                lt, rt = self.lin.lin(f.lhs), self.lin.lin(f.rhs)
                row = dict(_add_coeffs(lt.coeffs, rt.coeffs, scale=[1, -1])), lt.const - rt.const
                shown_int = self.pp_int_row(*row) if f.from_int else None
                lines.append(f"  {shown_int or f'{self.pp_lin(f.lhs)} ≤ {self.pp_lin(f.rhs)}'}")
                rows.append(row)
            point = integer_point(rows) if not exc.reason else None
            if point is not None:
                shown = ", ".join(self.pp_point(point))
                if shown:
                    lines.append(f"for example {shown}")
        else:
            lines.append("No usable constraints found for the hypotheses and goal.")
        missing = sorted(self.unsupported | self.lin.uninterpreted)
        parts = {i for i, a in enumerate(self.lin.atoms) if a in self.lin.int_parts}
        if any(i in parts for f in exc.facts if not f.from_int for side in (f.lhs, f.rhs)
               for i, _ in self.lin.lin(side).coeffs):
            # `x.toNat` met outside the reading of `x`: that one of `x.toNat`, `(-x).toNat` is 0 is not used
            missing.append("`Int.toNat` of a variable also compared as an Int")
            missing.sort()
        if exc.facts and point is None:
            missing.append("integer reasoning beyond the rational relaxation (no integer counterexample was "
                           "found)")
        if exc.reason:
            missing.append("larger problems")
        if missing:
            lines.append("(leanr's omega: " + "; ".join(missing) + " — not supported yet)")
        return ElabError("\n".join(lines), self.span)

    def pp_int_row(self, coeffs: dict[int, int], const: int) -> str | None:
        """`row ≤ 0` (over the parts `x.toNat`, `(-x).toNat` of `Int` atoms and `Nat` atoms, shown as casts)
        as a comparison of `Int` terms; None when a part's coefficient is not the opposite of its partner's."""
        terms: dict[Expr, int] = {}
        seen: dict[Expr, int] = {}   # Int atom → how many of its parts have a coefficient
        for i, c in sorted(coeffs.items()):
            atom = self.lin.atoms[i]
            owner = self.lin.int_parts.get(atom)
            if owner is None:
                terms[E.mk_app_n(_c("Nat.cast", (L.ZERO,)), [INT, INT_NATCAST, atom])] = c
                continue
            x, sign = owner
            if x in terms and terms[x] != sign * c:
                return None
            terms[x] = sign * c
            seen[x] = seen.get(x, 0) + 1
        if any(n != 2 for n in seen.values()):
            return None

        def side(items: list[tuple[Expr, int]], k: int) -> str:
            out = [self._pp_term(e) if c == 1 else f"{c}*{self._pp_term(e)}" for e, c in items]
            if k or not out:
                out.append(str(k))
            return " + ".join(out)

        left = [(e, c) for e, c in terms.items() if c > 0]
        right = [(e, -c) for e, c in terms.items() if c < 0]
        return f"{side(left, max(const, 0))} ≤ {side(right, max(-const, 0))}"

    def _pp_term(self, e: Expr) -> str:
        text = self.tc.pp(e)
        return f"({text})" if " " in text else text

    def pp_point(self, point: dict[int, int]) -> list[str]:
        """The values of a counterexample: an `Int` atom `x` is its parts' difference."""
        out, done = [], set()
        for i in sorted(point):
            atom = self.lin.atoms[i]
            owner = self.lin.int_parts.get(atom)
            if owner is None:
                out.append(f"{self.pp_atom(i)} := {point[i]}")
                continue
            x = owner[0]
            if x in done:
                continue
            done.add(x)
            value = 0
            for j, a in enumerate(self.lin.atoms):
                o = self.lin.int_parts.get(a)
                if o is not None and o[0] == x:
                    value += o[1] * point.get(j, 0)
            out.append(f"{self._pp_term(x)} := {value}")
        return out

    def pp_atom(self, i: int) -> str:
        atom = self.tc.pp(self.lin.atoms[i])
        return f"({atom})" if " " in atom else atom

    def pp_lin(self, e: Expr) -> str:
        t = self.lin.lin(e)
        parts = []
        for i, c in t.coeffs:
            atom = self.pp_atom(i)
            parts.append(atom if c == 1 else f"{c}*{atom}")
        if t.const or not parts:
            parts.append(str(t.const))
        return " + ".join(parts)


def omega_goal(tc: TacticContext, span: Any) -> None:
    """Close the main goal with a kernel-checked `omega` proof, or fail with Lean's message."""
    g = tc.main_goal(span)
    for n in REQUIRED:
        if tc.env.find(_N(n)) is None:
            raise ElabError(f"'omega' is not supported yet: the prelude lacks '{n}'", span)
    target = tc.target(g)
    if tc.meta.mctx.collect_mvars(target):
        raise ElabError(f"omega on a goal with metavariables is not supported yet\n  {tc.pp(target)}", span)
    try:
        proof = _omega_proof(tc, g, target, span)
    except (ElabError, GasExhausted, RecursionError):
        raise
    except Exception as exc:  # noqa: BLE001 - reported as an error of the tactic, never a traceback
        raise ElabError(f"omega could not prove the goal: this case is not supported yet ({type(exc).__name__}: "
                        f"{exc})", span) from None
    tc.meta.assign(g, proof)
    tc.replace_main_goal([])


def _omega_proof(tc: TacticContext, g: MVar, target: Expr, span: Any) -> Expr:
    om = Omega(tc, g, span)
    with tc.goal_context(g):
        branch = Branch()
        for x in tc.lctx(g):
            t = tc.meta.instantiate_mvars(x.type)
            try:
                if tc.meta.is_prop(t):
                    branch = om.extend(branch, x, t)
            except ElabError:
                continue
        try:
            proof = om.prove(target, branch)
        except NoCertificate as exc:
            raise om.failure(exc) from None
    return proof
