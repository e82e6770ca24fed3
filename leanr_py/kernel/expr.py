"""Core terms: locally nameless, hash-consed.

Every closed constructor (`mk_app`, `mk_pi`, ...) returns the unique object for its structure, so
equality is identity and the hash is the object's id: no `__eq__`/`__hash__` ever walks a tree.
Each node caches its loose-bound-variable range (`lbr`: one more than the largest loose de Bruijn
index, 0 when closed) and flags (`HAS_FVAR`, `HAS_LPARAM`, `HAS_MVAR`).

Free variables (`FVar`) are never interned: each is a fresh object carrying its name, type and
(for let-bound locals) value, so the type checker needs no separate local context.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Sequence

from . import level as L
from .level import Level
from .name import Name

BVAR, SORT, CONST, APP, LAM, PI, LET, NATLIT, STRLIT, PROJ, FVAR, MVAR = range(12)

HAS_FVAR, HAS_LPARAM, HAS_MVAR = 1, 2, 4

# binder infos
DEFAULT, IMPLICIT, STRICT_IMPLICIT, INST_IMPLICIT = range(4)
BINDER_INFO_NAMES = ("default", "implicit", "strictImplicit", "instImplicit")


class Expr:
    __slots__ = ("lbr", "flags", "__weakref__")
    kind: int
    lbr: int
    flags: int

    def __repr__(self) -> str:
        from .format import format_expr

        return f"<{format_expr(self)}>"

    __str__ = __repr__


class BVar(Expr):
    __slots__ = ("idx",)
    kind = BVAR
    idx: int


class Sort(Expr):
    __slots__ = ("level",)
    kind = SORT
    level: Level


class Const(Expr):
    __slots__ = ("name", "levels")
    kind = CONST
    name: Name
    levels: tuple[Level, ...]


class App(Expr):
    __slots__ = ("fn", "arg")
    kind = APP
    fn: Expr
    arg: Expr


class Binder(Expr):
    __slots__ = ("name", "type", "body", "bi")
    name: Name
    type: Expr
    body: Expr
    bi: int


class Lam(Binder):
    __slots__ = ()
    kind = LAM


class Pi(Binder):
    __slots__ = ()
    kind = PI


class Let(Expr):
    __slots__ = ("name", "type", "value", "body", "nondep")
    kind = LET
    name: Name
    type: Expr
    value: Expr
    body: Expr
    nondep: bool


class NatLit(Expr):
    __slots__ = ("val",)
    kind = NATLIT
    val: int


class StrLit(Expr):
    __slots__ = ("val",)
    kind = STRLIT
    val: str


class Proj(Expr):
    __slots__ = ("sname", "idx", "struct")
    kind = PROJ
    sname: Name
    idx: int
    struct: Expr


class FVar(Expr):
    """A local hypothesis. `value` is set for let-bound locals (zeta-reducible)."""

    __slots__ = ("serial", "name", "type", "value", "bi")
    kind = FVAR
    serial: int
    name: Name
    type: Expr
    value: Expr | None
    bi: int


class MVar(Expr):
    """A metavariable (elaborator only; the kernel rejects any term containing one)."""

    __slots__ = ("serial", "name")
    kind = MVAR
    serial: int
    name: Name


_table: dict[tuple, Expr] = {}


def intern_table_size() -> int:
    return len(_table)


def mk_bvar(i: int) -> Expr:
    key = (BVAR, i)
    e = _table.get(key)
    if e is None:
        e = BVar.__new__(BVar)
        e.idx = i
        e.lbr = i + 1
        e.flags = 0
        _table[key] = e
    return e


def mk_sort(l: Level) -> Expr:
    key = (SORT, l)
    e = _table.get(key)
    if e is None:
        e = Sort.__new__(Sort)
        e.level = l
        e.lbr = 0
        e.flags = (HAS_LPARAM if l.has_param else 0) | (HAS_MVAR if l.has_mvar else 0)
        _table[key] = e
    return e


def mk_const(n: Name, levels: Sequence[Level] = ()) -> Expr:
    levels = tuple(levels)
    key = (CONST, n, levels)
    e = _table.get(key)
    if e is None:
        e = Const.__new__(Const)
        e.name = n
        e.levels = levels
        e.lbr = 0
        f = 0
        for l in levels:
            if l.has_param:
                f |= HAS_LPARAM
            if l.has_mvar:
                f |= HAS_MVAR
        e.flags = f
        _table[key] = e
    return e


def mk_app(f: Expr, a: Expr) -> Expr:
    key = (APP, f, a)
    e = _table.get(key)
    if e is None:
        e = App.__new__(App)
        e.fn = f
        e.arg = a
        e.lbr = f.lbr if f.lbr > a.lbr else a.lbr
        e.flags = f.flags | a.flags
        _table[key] = e
    return e


def _mk_binder(cls: type, kind: int, n: Name, t: Expr, b: Expr, bi: int) -> Expr:
    key = (kind, n, t, b, bi)
    e = _table.get(key)
    if e is None:
        e = cls.__new__(cls)
        e.name = n
        e.type = t
        e.body = b
        e.bi = bi
        bl = b.lbr - 1
        e.lbr = t.lbr if t.lbr > bl else bl
        e.flags = t.flags | b.flags
        _table[key] = e
    return e


def mk_lam(n: Name, t: Expr, b: Expr, bi: int = DEFAULT) -> Expr:
    return _mk_binder(Lam, LAM, n, t, b, bi)


def mk_pi(n: Name, t: Expr, b: Expr, bi: int = DEFAULT) -> Expr:
    return _mk_binder(Pi, PI, n, t, b, bi)


def mk_let(n: Name, t: Expr, v: Expr, b: Expr, nondep: bool = False) -> Expr:
    key = (LET, n, t, v, b, nondep)
    e = _table.get(key)
    if e is None:
        e = Let.__new__(Let)
        e.name, e.type, e.value, e.body, e.nondep = n, t, v, b, nondep
        e.lbr = max(t.lbr, v.lbr, b.lbr - 1)
        e.flags = t.flags | v.flags | b.flags
        _table[key] = e
    return e


def mk_nat_lit(v: int) -> Expr:
    if v < 0:
        raise ValueError("negative Nat literal")
    key = (NATLIT, v)
    e = _table.get(key)
    if e is None:
        e = NatLit.__new__(NatLit)
        e.val = v
        e.lbr = 0
        e.flags = 0
        _table[key] = e
    return e


def mk_str_lit(v: str) -> Expr:
    key = (STRLIT, v)
    e = _table.get(key)
    if e is None:
        e = StrLit.__new__(StrLit)
        e.val = v
        e.lbr = 0
        e.flags = 0
        _table[key] = e
    return e


def mk_proj(sname: Name, idx: int, s: Expr) -> Expr:
    key = (PROJ, sname, idx, s)
    e = _table.get(key)
    if e is None:
        e = Proj.__new__(Proj)
        e.sname, e.idx, e.struct = sname, idx, s
        e.lbr = s.lbr
        e.flags = s.flags
        _table[key] = e
    return e


class FVarCounter:
    """Serial numbers for fresh free variables; deterministic per checker."""

    __slots__ = ("next",)

    def __init__(self) -> None:
        self.next = 0


_global_fvars = FVarCounter()


def mk_fvar(name: Name, type_: Expr, value: Expr | None = None, bi: int = DEFAULT,
            counter: FVarCounter = _global_fvars) -> FVar:
    e = FVar.__new__(FVar)
    counter.next += 1
    e.serial = counter.next
    e.name, e.type, e.value, e.bi = name, type_, value, bi
    e.lbr = 0
    e.flags = HAS_FVAR
    return e


def mk_mvar(serial: int, name: Name) -> MVar:
    e = MVar.__new__(MVar)
    e.serial = serial
    e.name = name
    e.lbr = 0
    e.flags = HAS_MVAR
    return e


# ---------------------------------------------------------------- applications

def mk_app_n(f: Expr, args: Iterable[Expr]) -> Expr:
    for a in args:
        f = mk_app(f, a)
    return f


def get_app_fn(e: Expr) -> Expr:
    while e.kind == APP:
        e = e.fn  # type: ignore[attr-defined]
    return e


def get_app_args(e: Expr) -> list[Expr]:
    args: list[Expr] = []
    while e.kind == APP:
        args.append(e.arg)  # type: ignore[attr-defined]
        e = e.fn  # type: ignore[attr-defined]
    args.reverse()
    return args


def get_app_fn_args(e: Expr) -> tuple[Expr, list[Expr]]:
    args: list[Expr] = []
    while e.kind == APP:
        args.append(e.arg)  # type: ignore[attr-defined]
        e = e.fn  # type: ignore[attr-defined]
    args.reverse()
    return e, args


def get_app_num_args(e: Expr) -> int:
    n = 0
    while e.kind == APP:
        e = e.fn  # type: ignore[attr-defined]
        n += 1
    return n


# ---------------------------------------------------------------- substitution

def instantiate(e: Expr, subst: Sequence[Expr]) -> Expr:
    """Replace loose `bvar i` by `subst[i]` (lifted under binders); larger indices drop by len(subst)."""
    if e.lbr == 0 or not subst:
        return e
    n = len(subst)
    cache: dict[tuple[Expr, int], Expr] = {}
    lift = lift_loose_bvars

    def go(x: Expr, off: int) -> Expr:
        if x.lbr <= off:
            return x
        key = (x, off)
        r = cache.get(key)
        if r is not None:
            return r
        k = x.kind
        if k == BVAR:
            i = x.idx  # type: ignore[attr-defined]
            if i - off < n:
                r = lift(subst[i - off], off)
            else:
                r = mk_bvar(i - n)
        elif k == APP:
            # closed children are kept without a call (the test `go` would start with)
            f = x.fn  # type: ignore[attr-defined]
            a = x.arg  # type: ignore[attr-defined]
            r = mk_app(f if f.lbr <= off else go(f, off), a if a.lbr <= off else go(a, off))
        elif k == LAM:
            r = mk_lam(x.name, go(x.type, off), go(x.body, off + 1), x.bi)  # type: ignore[attr-defined]
        elif k == PI:
            r = mk_pi(x.name, go(x.type, off), go(x.body, off + 1), x.bi)  # type: ignore[attr-defined]
        elif k == LET:
            r = mk_let(x.name, go(x.type, off), go(x.value, off), go(x.body, off + 1), x.nondep)  # type: ignore[attr-defined]
        elif k == PROJ:
            r = mk_proj(x.sname, x.idx, go(x.struct, off))  # type: ignore[attr-defined]
        else:
            r = x
        cache[key] = r
        return r

    r = go(e, 0)
    del go  # the closure refers to itself: unbind it so it is freed now, not by the cyclic collector
    return r


def instantiate1(e: Expr, v: Expr) -> Expr:
    return instantiate(e, (v,))


def instantiate_rev(e: Expr, subst: Sequence[Expr]) -> Expr:
    """Like `instantiate` with the substitution reversed: `bvar 0` is the last element."""
    if e.lbr == 0 or not subst:
        return e
    return instantiate(e, subst[::-1])


def lift_loose_bvars(e: Expr, d: int, s: int = 0) -> Expr:
    """Add `d` to every loose bound variable with index >= s."""
    if d == 0 or e.lbr <= s:
        return e
    cache: dict[tuple[Expr, int], Expr] = {}

    def go(x: Expr, off: int) -> Expr:
        if x.lbr <= off:
            return x
        key = (x, off)
        r = cache.get(key)
        if r is not None:
            return r
        k = x.kind
        if k == BVAR:
            r = mk_bvar(x.idx + d)  # type: ignore[attr-defined]
        elif k == APP:
            r = mk_app(go(x.fn, off), go(x.arg, off))  # type: ignore[attr-defined]
        elif k == LAM:
            r = mk_lam(x.name, go(x.type, off), go(x.body, off + 1), x.bi)  # type: ignore[attr-defined]
        elif k == PI:
            r = mk_pi(x.name, go(x.type, off), go(x.body, off + 1), x.bi)  # type: ignore[attr-defined]
        elif k == LET:
            r = mk_let(x.name, go(x.type, off), go(x.value, off), go(x.body, off + 1), x.nondep)  # type: ignore[attr-defined]
        elif k == PROJ:
            r = mk_proj(x.sname, x.idx, go(x.struct, off))  # type: ignore[attr-defined]
        else:
            r = x
        cache[key] = r
        return r

    r = go(e, s)
    del go  # the closure refers to itself: unbind it so it is freed now, not by the cyclic collector
    return r


def lower_loose_bvars(e: Expr, d: int, s: int = 0) -> Expr:
    """Subtract `d` from every loose bound variable with index >= s (they must be >= s + d)."""
    if d == 0 or e.lbr <= s:
        return e
    cache: dict[tuple[Expr, int], Expr] = {}

    def go(x: Expr, off: int) -> Expr:
        if x.lbr <= off:
            return x
        key = (x, off)
        r = cache.get(key)
        if r is not None:
            return r
        k = x.kind
        if k == BVAR:
            r = mk_bvar(x.idx - d)  # type: ignore[attr-defined]
        elif k == APP:
            r = mk_app(go(x.fn, off), go(x.arg, off))  # type: ignore[attr-defined]
        elif k == LAM:
            r = mk_lam(x.name, go(x.type, off), go(x.body, off + 1), x.bi)  # type: ignore[attr-defined]
        elif k == PI:
            r = mk_pi(x.name, go(x.type, off), go(x.body, off + 1), x.bi)  # type: ignore[attr-defined]
        elif k == LET:
            r = mk_let(x.name, go(x.type, off), go(x.value, off), go(x.body, off + 1), x.nondep)  # type: ignore[attr-defined]
        elif k == PROJ:
            r = mk_proj(x.sname, x.idx, go(x.struct, off))  # type: ignore[attr-defined]
        else:
            r = x
        cache[key] = r
        return r

    r = go(e, s)
    del go  # the closure refers to itself: unbind it so it is freed now, not by the cyclic collector
    return r


def has_loose_bvar(e: Expr, i: int) -> bool:
    """Does bound variable `i` occur loose in `e`?"""
    if e.lbr <= i:
        return False
    seen: set[tuple[Expr, int]] = set()

    def go(x: Expr, off: int) -> bool:
        if x.lbr <= off:
            return False
        key = (x, off)
        if key in seen:
            return False
        seen.add(key)
        k = x.kind
        if k == BVAR:
            return x.idx == off  # type: ignore[attr-defined]
        if k == APP:
            return go(x.fn, off) or go(x.arg, off)  # type: ignore[attr-defined]
        if k == LAM or k == PI:
            return go(x.type, off) or go(x.body, off + 1)  # type: ignore[attr-defined]
        if k == LET:
            return go(x.type, off) or go(x.value, off) or go(x.body, off + 1)  # type: ignore[attr-defined]
        if k == PROJ:
            return go(x.struct, off)  # type: ignore[attr-defined]
        return False

    r = go(e, i)
    del go  # the closure refers to itself: unbind it so it is freed now, not by the cyclic collector
    return r


def abstract(e: Expr, fvars: Sequence[Expr]) -> Expr:
    """Replace `fvars[i]` by `bvar (n - 1 - i)` (the last one becomes `bvar 0`), shifting under binders."""
    if not (e.flags & HAS_FVAR) or not fvars:
        return e
    n = len(fvars)
    index = {fv: n - 1 - i for i, fv in enumerate(fvars)}
    cache: dict[tuple[Expr, int], Expr] = {}

    def go(x: Expr, off: int) -> Expr:
        if not (x.flags & HAS_FVAR):
            return x
        key = (x, off)
        r = cache.get(key)
        if r is not None:
            return r
        k = x.kind
        if k == FVAR:
            j = index.get(x)
            r = x if j is None else mk_bvar(j + off)
        elif k == APP:
            # children without free variables are kept without a call (the test `go` would start with)
            f = x.fn  # type: ignore[attr-defined]
            a = x.arg  # type: ignore[attr-defined]
            r = mk_app(go(f, off) if f.flags & HAS_FVAR else f, go(a, off) if a.flags & HAS_FVAR else a)
        elif k == LAM:
            r = mk_lam(x.name, go(x.type, off), go(x.body, off + 1), x.bi)  # type: ignore[attr-defined]
        elif k == PI:
            r = mk_pi(x.name, go(x.type, off), go(x.body, off + 1), x.bi)  # type: ignore[attr-defined]
        elif k == LET:
            r = mk_let(x.name, go(x.type, off), go(x.value, off), go(x.body, off + 1), x.nondep)  # type: ignore[attr-defined]
        elif k == PROJ:
            r = mk_proj(x.sname, x.idx, go(x.struct, off))  # type: ignore[attr-defined]
        else:
            r = x
        cache[key] = r
        return r

    r = go(e, 0)
    del go  # the closure refers to itself: unbind it so it is freed now, not by the cyclic collector
    return r


def mk_binding(is_pi: bool, fvars: Sequence[FVar], body: Expr, binder_infos: Sequence[int] | None = None) -> Expr:
    """Close `body` over `fvars` with Π or λ binders (let-bound fvars become `let`); `binder_infos`
    overrides the fvars' own binder infos."""
    r = abstract(body, fvars)
    for i in range(len(fvars) - 1, -1, -1):
        fv = fvars[i]
        bi = fv.bi if binder_infos is None else binder_infos[i]
        t = abstract(fv.type, fvars[:i])
        if fv.value is not None:
            r = mk_let(fv.name, t, abstract(fv.value, fvars[:i]), r)
        elif is_pi:
            r = mk_pi(fv.name, t, r, bi)
        else:
            r = mk_lam(fv.name, t, r, bi)
    return r


def mk_pi_fvars(fvars: Sequence[FVar], body: Expr) -> Expr:
    return mk_binding(True, fvars, body)


def mk_lambda_fvars(fvars: Sequence[FVar], body: Expr) -> Expr:
    return mk_binding(False, fvars, body)


def instantiate_level_params(e: Expr, names: Sequence[Name], levels: Sequence[Level]) -> Expr:
    if not (e.flags & HAS_LPARAM) or not names:
        return e
    subst = dict(zip(names, levels))
    cache: dict[Expr, Expr] = {}
    inst = L.instantiate

    def go(x: Expr) -> Expr:
        if not (x.flags & HAS_LPARAM):
            return x
        r = cache.get(x)
        if r is not None:
            return r
        k = x.kind
        if k == SORT:
            r = mk_sort(inst(x.level, subst))  # type: ignore[attr-defined]
        elif k == CONST:
            r = mk_const(x.name, [inst(l, subst) for l in x.levels])  # type: ignore[attr-defined]
        elif k == APP:
            r = mk_app(go(x.fn), go(x.arg))  # type: ignore[attr-defined]
        elif k == LAM:
            r = mk_lam(x.name, go(x.type), go(x.body), x.bi)  # type: ignore[attr-defined]
        elif k == PI:
            r = mk_pi(x.name, go(x.type), go(x.body), x.bi)  # type: ignore[attr-defined]
        elif k == LET:
            r = mk_let(x.name, go(x.type), go(x.value), go(x.body), x.nondep)  # type: ignore[attr-defined]
        elif k == PROJ:
            r = mk_proj(x.sname, x.idx, go(x.struct))  # type: ignore[attr-defined]
        elif k == FVAR:
            r = x
        else:
            r = x
        cache[x] = r
        return r

    r = go(e)
    del go  # the closure refers to itself: unbind it so it is freed now, not by the cyclic collector
    return r


def replace(e: Expr, fn) -> Expr:  # type: ignore[no-untyped-def]
    """Rebuild `e` bottom-up; `fn(x, offset)` returns a replacement or None to descend."""
    cache: dict[tuple[Expr, int], Expr] = {}

    def go(x: Expr, off: int) -> Expr:
        key = (x, off)
        r = cache.get(key)
        if r is not None:
            return r
        r = fn(x, off)
        if r is None:
            k = x.kind
            if k == APP:
                r = mk_app(go(x.fn, off), go(x.arg, off))  # type: ignore[attr-defined]
            elif k == LAM:
                r = mk_lam(x.name, go(x.type, off), go(x.body, off + 1), x.bi)  # type: ignore[attr-defined]
            elif k == PI:
                r = mk_pi(x.name, go(x.type, off), go(x.body, off + 1), x.bi)  # type: ignore[attr-defined]
            elif k == LET:
                r = mk_let(x.name, go(x.type, off), go(x.value, off), go(x.body, off + 1), x.nondep)  # type: ignore[attr-defined]
            elif k == PROJ:
                r = mk_proj(x.sname, x.idx, go(x.struct, off))  # type: ignore[attr-defined]
            else:
                r = x
        cache[key] = r
        return r

    r = go(e, 0)
    del go  # the closure refers to itself: unbind it so it is freed now, not by the cyclic collector
    return r


def children(x: Expr) -> tuple[Expr, ...]:
    """Immediate subterms, left to right."""
    k = x.kind
    if k == APP:
        return (x.fn, x.arg)  # type: ignore[attr-defined]
    if k == LAM or k == PI:
        return (x.type, x.body)  # type: ignore[attr-defined]
    if k == LET:
        return (x.type, x.value, x.body)  # type: ignore[attr-defined]
    if k == PROJ:
        return (x.struct,)  # type: ignore[attr-defined]
    return ()


def subterms(e: Expr, skip=None, seen: "set[Expr] | dict[Expr, None] | None" = None) -> Iterator[Expr]:  # type: ignore[no-untyped-def]
    """Each distinct subterm of `e` once, in pre-order (iterative). `skip(x)` true: neither `x` nor what is
    below it. `seen` may be shared between calls so that shared subterms are visited once overall."""
    if seen is None:
        seen = set()
    add = seen.add if isinstance(seen, set) else (lambda x: seen.__setitem__(x, None))  # type: ignore[union-attr]
    stack = [e]
    while stack:
        x = stack.pop()
        if x in seen:
            continue
        add(x)
        if skip is not None and skip(x):
            continue
        yield x
        k = x.kind
        if k == APP:
            stack.append(x.arg)  # type: ignore[attr-defined]
            stack.append(x.fn)  # type: ignore[attr-defined]
        elif k == LAM or k == PI:
            stack.append(x.body)  # type: ignore[attr-defined]
            stack.append(x.type)  # type: ignore[attr-defined]
        elif k == LET:
            stack.append(x.body)  # type: ignore[attr-defined]
            stack.append(x.value)  # type: ignore[attr-defined]
            stack.append(x.type)  # type: ignore[attr-defined]
        elif k == PROJ:
            stack.append(x.struct)  # type: ignore[attr-defined]


def find(e: Expr, pred, skip=None) -> Expr | None:  # type: ignore[no-untyped-def]
    """First subterm (pre-order) satisfying `pred`, visiting each shared node once."""
    for x in subterms(e, skip):
        if pred(x):
            return x
    return None


def occurs_const(e: Expr, names: "set[Name] | dict[Name, object]") -> bool:
    return find(e, lambda x: x.kind == CONST and x.name in names) is not None  # type: ignore[attr-defined]


def levels_in(e: Expr, skip=None) -> Iterator[Level]:  # type: ignore[no-untyped-def]
    """The universe levels of the sorts and constants in `e` (each distinct subterm visited once)."""
    for x in subterms(e, skip):
        if x.kind == SORT:
            yield x.level  # type: ignore[attr-defined]
        elif x.kind == CONST:
            yield from x.levels  # type: ignore[attr-defined]


def level_params_of(e: Expr, out: dict[Name, None]) -> None:
    """Collect the universe parameter names occurring in `e` into `out` (ordered set)."""
    for lv in levels_in(e, skip=lambda x: not (x.flags & HAS_LPARAM)):
        L.params_of(lv, out)


def binding_body_count(e: Expr) -> int:
    n = 0
    while e.kind == PI:
        e = e.body  # type: ignore[attr-defined]
        n += 1
    return n


def mk_arrow(a: Expr, b: Expr) -> Expr:
    return mk_pi(Name.of("a"), a, lift_loose_bvars(b, 1))


def is_sort(e: Expr) -> bool:
    return e.kind == SORT


PROP = mk_sort(L.ZERO)
TYPE = mk_sort(L.ONE)


def alpha_eqv(a: Expr, b: Expr, same_mvar: Callable[[Expr, Expr], bool] | None = None) -> bool:
    """Structural equality ignoring binder names and binder infos (iterative, shared pairs visited once).
    With `same_mvar`, two metavariables correspond when it says so (every pair that meets is asked, a
    metavariable meeting itself too: the caller may be building a renaming)."""
    seen: set[tuple[Expr, Expr]] = set()
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if x is y and (same_mvar is None or not x.flags & HAS_MVAR):
            continue
        k = x.kind
        if k != y.kind or x.lbr != y.lbr:
            return False
        key = (x, y)
        if key in seen:
            continue
        seen.add(key)
        if k == MVAR and same_mvar is not None:
            if not same_mvar(x, y):
                return False
        elif k == APP:
            stack.append((x.fn, y.fn))  # type: ignore[attr-defined]
            stack.append((x.arg, y.arg))  # type: ignore[attr-defined]
        elif k == LAM or k == PI:
            stack.append((x.type, y.type))  # type: ignore[attr-defined]
            stack.append((x.body, y.body))  # type: ignore[attr-defined]
        elif k == LET:
            stack.append((x.type, y.type))  # type: ignore[attr-defined]
            stack.append((x.value, y.value))  # type: ignore[attr-defined]
            stack.append((x.body, y.body))  # type: ignore[attr-defined]
        elif k == PROJ:
            if x.sname is not y.sname or x.idx != y.idx:  # type: ignore[attr-defined]
                return False
            stack.append((x.struct, y.struct))  # type: ignore[attr-defined]
        elif k == SORT:
            if not L.is_equivalent(x.level, y.level):  # type: ignore[attr-defined]
                return False
        elif k == CONST:
            if x.name is not y.name or len(x.levels) != len(y.levels) or not all(  # type: ignore[attr-defined]
                    L.is_equivalent(p, q) for p, q in zip(x.levels, y.levels)):  # type: ignore[attr-defined]
                return False
        elif x is not y:
            return False  # other leaves are interned: distinct objects differ
    return True
