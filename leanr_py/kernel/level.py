"""Universe levels: zero, succ, max, imax, params (and metavariables for the elaborator).

Levels are interned: structurally equal levels are the same object, so `is` is equality.
Normalisation, equivalence and `>=` follow the Lean 4 kernel (level.cpp).
"""
from __future__ import annotations

from .name import Name

ZERO_K, SUCC_K, MAX_K, IMAX_K, PARAM_K, MVAR_K = range(6)


class Level:
    __slots__ = ("kind", "a", "b", "has_param", "has_mvar", "depth", "__weakref__")

    kind: int
    a: object
    b: object

    def __repr__(self) -> str:
        return f"Level({format_level(self)})"

    def __str__(self) -> str:
        return format_level(self)


_table: dict[tuple, Level] = {}


def _mk(kind: int, a: object, b: object) -> Level:
    key = (kind, a, b)
    lv = _table.get(key)
    if lv is None:
        lv = Level()
        lv.kind, lv.a, lv.b = kind, a, b
        if kind == PARAM_K:
            lv.has_param, lv.has_mvar, lv.depth = True, False, 1
        elif kind == MVAR_K:
            lv.has_param, lv.has_mvar, lv.depth = False, True, 1
        elif kind == SUCC_K:
            lv.has_param, lv.has_mvar, lv.depth = a.has_param, a.has_mvar, a.depth + 1  # type: ignore[union-attr]
        else:
            lv.has_param = a.has_param or b.has_param  # type: ignore[union-attr]
            lv.has_mvar = a.has_mvar or b.has_mvar  # type: ignore[union-attr]
            lv.depth = max(a.depth, b.depth) + 1  # type: ignore[union-attr]
        _table[key] = lv
    return lv


ZERO = Level()
ZERO.kind, ZERO.a, ZERO.b, ZERO.has_param, ZERO.has_mvar, ZERO.depth = ZERO_K, None, None, False, False, 0
_table[(ZERO_K, None, None)] = ZERO


def succ(l: Level) -> Level:
    return _mk(SUCC_K, l, None)


def max_(a: Level, b: Level) -> Level:
    return _mk(MAX_K, a, b)


def imax(a: Level, b: Level) -> Level:
    return _mk(IMAX_K, a, b)


def param(n: Name) -> Level:
    return _mk(PARAM_K, n, None)


def mvar(id_: object) -> Level:
    return _mk(MVAR_K, id_, None)


def of_nat(n: int, base: Level = ZERO) -> Level:
    for _ in range(n):
        base = succ(base)
    return base


ONE = succ(ZERO)


def to_offset(l: Level) -> tuple[Level, int]:
    k = 0
    while l.kind == SUCC_K:
        l = l.a  # type: ignore[assignment]
        k += 1
    return l, k


def is_explicit(l: Level) -> bool:
    return to_offset(l)[0] is ZERO


def to_nat(l: Level) -> int | None:
    base, k = to_offset(l)
    return k if base is ZERO else None


def is_not_zero(l: Level) -> bool:
    """True when `l` is >= 1 for every assignment of its parameters."""
    k = l.kind
    if k == SUCC_K:
        return True
    if k == MAX_K:
        return is_not_zero(l.a) or is_not_zero(l.b)  # type: ignore[arg-type]
    if k == IMAX_K:
        return is_not_zero(l.b)  # type: ignore[arg-type]
    return False


def mk_succ_n(l: Level, n: int) -> Level:
    for _ in range(n):
        l = succ(l)
    return l


def mk_max(l1: Level, l2: Level) -> Level:
    """`max` with the cheap simplifications Lean's `mk_max` applies."""
    if is_explicit(l1) and is_explicit(l2):
        return l1 if to_offset(l1)[1] >= to_offset(l2)[1] else l2
    if l1 is l2 or l2 is ZERO:
        return l1
    if l1 is ZERO:
        return l2
    if l2.kind == MAX_K and (l2.a is l1 or l2.b is l1):
        return l2
    b1, k1 = to_offset(l1)
    b2, k2 = to_offset(l2)
    if b1 is b2:
        return l1 if k1 > k2 else l2
    return max_(l1, l2)


def mk_imax(l1: Level, l2: Level) -> Level:
    if is_not_zero(l2):
        return mk_max(l1, l2)
    if l2 is ZERO or l1 is ZERO or l1 is ONE:
        return l2
    if l1 is l2:
        return l1
    return imax(l1, l2)


def instantiate(l: Level, subst: dict[Name, Level]) -> Level:
    if not l.has_param:
        return l
    k = l.kind
    if k == PARAM_K:
        return subst.get(l.a, l)  # type: ignore[arg-type]
    if k == SUCC_K:
        base, n = to_offset(l)  # succ chains can be long: no recursion along them
        return mk_succ_n(instantiate(base, subst), n)
    if k == MAX_K:
        return mk_max(instantiate(l.a, subst), instantiate(l.b, subst))  # type: ignore[arg-type]
    if k == IMAX_K:
        return mk_imax(instantiate(l.a, subst), instantiate(l.b, subst))  # type: ignore[arg-type]
    return l


def params_of(l: Level, out: dict[Name, None]) -> None:
    """Collect the parameter names of `l` into `out` (an ordered set)."""
    if not l.has_param:
        return
    k = l.kind
    if k == PARAM_K:
        out[l.a] = None  # type: ignore[index]
    elif k == SUCC_K:
        params_of(to_offset(l)[0], out)
    elif k in (MAX_K, IMAX_K):
        params_of(l.a, out)  # type: ignore[arg-type]
        params_of(l.b, out)  # type: ignore[arg-type]


def _push_max_args(l: Level, out: list[Level]) -> None:
    if l.kind == MAX_K:
        _push_max_args(l.a, out)  # type: ignore[arg-type]
        _push_max_args(l.b, out)  # type: ignore[arg-type]
    else:
        out.append(l)


def _name_key(n: object) -> str:
    return str(n)


def _norm_lt(a: Level, b: Level) -> bool:
    if a is b:
        return False
    l1, k1 = to_offset(a)
    l2, k2 = to_offset(b)
    if l1 is not l2:
        if l1.kind != l2.kind:
            return l1.kind < l2.kind
        if l1.kind in (PARAM_K, MVAR_K):
            return _name_key(l1.a) < _name_key(l2.a)
        if l1.kind in (MAX_K, IMAX_K):
            if l1.a is not l2.a:
                return _norm_lt(l1.a, l2.a)  # type: ignore[arg-type]
            return _norm_lt(l1.b, l2.b)  # type: ignore[arg-type]
        return False
    return k1 < k2


class _NormKey:
    __slots__ = ("l",)

    def __init__(self, l: Level) -> None:
        self.l = l

    def __lt__(self, other: "_NormKey") -> bool:
        return _norm_lt(self.l, other.l)


_norm_cache: dict[Level, Level] = {}


def normalize(l: Level) -> Level:
    r = _norm_cache.get(l)
    if r is None:
        r = _norm_cache[l] = _normalize(l)
    return r


def _normalize(l: Level) -> Level:
    r, k = to_offset(l)
    kind = r.kind
    if kind in (ZERO_K, PARAM_K, MVAR_K):
        return l
    if kind == IMAX_K:
        return mk_succ_n(mk_imax(normalize(r.a), normalize(r.b)), k)  # type: ignore[arg-type]
    todo: list[Level] = []
    args: list[Level] = []
    _push_max_args(r, todo)
    for a in todo:
        _push_max_args(normalize(a), args)
    args.sort(key=_NormKey)
    rargs: list[Level] = []
    i = 0
    if is_explicit(args[i]):
        while i + 1 < len(args) and is_explicit(args[i + 1]):
            i += 1
        k_expl = to_offset(args[i])[1]
        j = i + 1
        while j < len(args) and to_offset(args[j])[1] < k_expl:
            j += 1
        if j < len(args):
            i += 1  # the explicit universe is subsumed by some succ^k'(l) with k' >= k
    rargs.append(args[i])
    prev_base, prev_k = to_offset(args[i])
    i += 1
    while i < len(args):
        cur_base, cur_k = to_offset(args[i])
        if prev_base is cur_base:
            if prev_k < cur_k:
                prev_k = cur_k
                rargs[-1] = args[i]
        else:
            prev_base, prev_k = cur_base, cur_k
            rargs.append(args[i])
        i += 1
    rargs = [mk_succ_n(a, k) for a in rargs]
    result = rargs[-1]
    for a in reversed(rargs[:-1]):
        result = max_(a, result)
    return result


def is_equivalent(a: Level, b: Level) -> bool:
    return a is b or normalize(a) is normalize(b)


def is_geq(a: Level, b: Level) -> bool:
    """`a >= b` for every assignment of the parameters (sound, incomplete as Lean's)."""
    return _is_geq_core(normalize(a), normalize(b))


def _is_geq_core(l1: Level, l2: Level) -> bool:
    if l1 is l2 or l2 is ZERO:
        return True
    if l2.kind == MAX_K:
        return _is_geq_core(l1, l2.a) and _is_geq_core(l1, l2.b)  # type: ignore[arg-type]
    if l1.kind == MAX_K and (_is_geq_core(l1.a, l2) or _is_geq_core(l1.b, l2)):  # type: ignore[arg-type]
        return True
    if l2.kind == IMAX_K:
        return _is_geq_core(l1, l2.a) and _is_geq_core(l1, l2.b)  # type: ignore[arg-type]
    if l1.kind == IMAX_K:
        return _is_geq_core(l1.b, l2)  # type: ignore[arg-type]
    b1, k1 = to_offset(l1)
    b2, k2 = to_offset(l2)
    if b1 is b2 or b2 is ZERO:
        return k1 >= k2
    if k1 == k2 and k1 > 0:
        return _is_geq_core(b1, b2)
    return False


def format_level(l: Level) -> str:
    base, k = to_offset(l)
    if base is ZERO:
        return str(k)
    if base.kind == PARAM_K:
        s = str(base.a)
    elif base.kind == MVAR_K:
        s = f"?u{base.a}"
    else:
        op = "max" if base.kind == MAX_K else "imax"
        s = f"{op} {_paren(base.a)} {_paren(base.b)}"  # type: ignore[arg-type]
        if k:
            s = f"({s})"
    return s if k == 0 else f"{s}+{k}"


def _paren(l: Level) -> str:
    s = format_level(l)
    return f"({s})" if " " in s or "+" in s else s
