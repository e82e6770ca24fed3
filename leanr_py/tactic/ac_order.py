"""The term order of simp's ordered rewriting (Lean's `Expr.acLt`): a lexicographic path order that
ignores instance-implicit arguments, so a permutation lemma (`a + b = b + a`, `a + (b + c) = b + (a + c)`)
rewrites only when the result is smaller and rewriting terminates in an AC normal form.

Constructor weights, atoms (free variables by creation, constants by name, literals by value) and the
three LPO cases follow Lean, so the normal forms (and the goals shown after `simp`) agree with Lean's.
"""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel.expr import APP, BVAR, CONST, FVAR, LAM, LET, MVAR, NATLIT, PI, PROJ, SORT, STRLIT, Expr

_WEIGHT = {BVAR: 0, FVAR: 1, MVAR: 2, SORT: 3, CONST: 4, NATLIT: 5, STRLIT: 5, PROJ: 7, APP: 8, LAM: 9, PI: 10,
           LET: 11}


class AcOrder:
    """`lt(a, b)` for the terms of one simp call (memoized; the function types give the instance
    arguments to skip)."""

    def __init__(self, meta: Any) -> None:
        self.meta = meta
        self.memo: dict[tuple[int, int], bool] = {}
        self.inst_memo: dict[tuple[int, int], tuple[bool, ...]] = {}

    # -------------------------------------------------------------- helpers
    def _inst_flags(self, f: Expr, n: int) -> tuple[bool, ...]:
        """For the first `n` arguments of `f`: is the parameter instance-implicit?"""
        key = (id(f), n)
        r = self.inst_memo.get(key)
        if r is not None:
            return r
        flags: list[bool] = []
        try:
            t = self.meta.infer_type(f)
            for _ in range(n):
                if t.kind != PI:
                    t = self.meta.whnf(t)
                    if t.kind != PI:
                        break
                flags.append(t.bi == E.INST_IMPLICIT)  # type: ignore[attr-defined]
                t = t.body  # type: ignore[attr-defined]  (binder infos need no instantiation)
        except Exception:  # noqa: BLE001 - an ill-typed head: compare every argument
            pass
        flags.extend([False] * (n - len(flags)))
        r = tuple(flags)
        self.inst_memo[key] = r
        return r

    def _children(self, a: Expr) -> list[Expr]:
        k = a.kind
        if k == APP:
            f, args = E.get_app_fn_args(a)
            flags = self._inst_flags(f, len(args))
            return [x for x, inst in zip(args, flags) if not inst]
        if k == PROJ:
            return [a.struct]  # type: ignore[attr-defined]
        if k in (LAM, PI):
            return [a.type, a.body]  # type: ignore[attr-defined]
        if k == LET:
            return [a.value, a.body]  # type: ignore[attr-defined]
        return []

    # -------------------------------------------------------------- the order
    def lt(self, a: Expr, b: Expr) -> bool:
        if a is b:
            return False
        key = (id(a), id(b))
        r = self.memo.get(key)
        if r is None:
            self.meta.gas.charge()
            r = self._lpo(a, b)
            self.memo[key] = r
        return r

    def _all_children_lt(self, a: Expr, b: Expr) -> bool:
        return all(self.lt(c, b) for c in self._children(a))

    def _lpo(self, a: Expr, b: Expr) -> bool:
        # `a < b` when some child of `b` is at least `a`
        if not self._all_children_lt(b, a):
            return True
        wa, wb = _WEIGHT[a.kind], _WEIGHT[b.kind]
        if wa > wb or not self._all_children_lt(a, b):
            return False
        if wa < wb:
            return True
        return self._lex_same_kind(a, b)

    def _lex_same_kind(self, a: Expr, b: Expr) -> bool:
        k = a.kind
        if k == BVAR:
            return a.idx < b.idx  # type: ignore[attr-defined]
        if k == FVAR:
            return a.serial < b.serial  # type: ignore[attr-defined]
        if k == MVAR:
            return a.serial < b.serial  # type: ignore[attr-defined]
        if k == SORT:
            return str(a.level) < str(b.level)  # type: ignore[attr-defined]
        if k == CONST:
            return a.name < b.name  # type: ignore[attr-defined]  (universe levels are ignored)
        if k in (NATLIT, STRLIT):
            if a.kind != b.kind:
                return a.kind == NATLIT
            return a.val < b.val  # type: ignore[attr-defined]
        if k == PROJ:
            if a.idx != b.idx:  # type: ignore[attr-defined]
                return a.idx < b.idx  # type: ignore[attr-defined]
            return self.lt(a.struct, b.struct)  # type: ignore[attr-defined]
        if k == APP:
            return self._lt_app(a, b)
        if k in (LAM, PI):
            return self._lt_pair(a.type, a.body, b.type, b.body)  # type: ignore[attr-defined]
        if k == LET:
            return self._lt_pair(a.value, a.body, b.value, b.body)  # type: ignore[attr-defined]
        return False

    def _lt_pair(self, a1: Expr, a2: Expr, b1: Expr, b2: Expr) -> bool:
        if self.lt(a1, b1):
            return True
        if self.lt(b1, a1):
            return False
        return self.lt(a2, b2)

    def _lt_app(self, a: Expr, b: Expr) -> bool:
        fa, args_a = E.get_app_fn_args(a)
        fb, args_b = E.get_app_fn_args(b)
        if self.lt(fa, fb):
            return True
        if self.lt(fb, fa):
            return False
        if len(args_a) != len(args_b):
            return len(args_a) < len(args_b)
        flags = self._inst_flags(fa, len(args_a))
        for x, y, inst in zip(args_a, args_b, flags):
            if inst:
                continue
            if self.lt(x, y):
                return True
            if self.lt(y, x):
                return False
        return False


def is_permutation(lhs: Expr, rhs: Expr) -> bool:
    """Are `lhs` and `rhs` the same up to a one-to-one renaming of their metavariables (Lean's test for
    a permutation lemma, rewritten only when the result is smaller)?"""
    if lhs is rhs:
        return False
    fwd: dict[int, Expr] = {}
    back: dict[int, Expr] = {}

    def rename(x: Expr, y: Expr) -> bool:
        return fwd.setdefault(id(x), y) is y and back.setdefault(id(y), x) is x

    return E.alpha_eqv(lhs, rhs, rename)
