"""Universe level unification (Lean's `Meta.LevelDefEq`): `?u =?= v` assigns, `succ`/`succ` peels, `max`
against `0` splits; what cannot be decided yet (`max ?u ?v =?= 1`) is postponed while allowed."""
from __future__ import annotations

from typing import Protocol

from ..kernel import level as L
from ..kernel.level import Level
from .mctx import MetavarContext


class LevelHost(Protocol):
    mctx: MetavarContext

    def charge(self) -> None: ...

    def can_postpone(self) -> bool: ...

    def postpone_levels(self, a: Level, b: Level) -> None: ...


def occurs(m: Level, l: Level) -> bool:
    """Does the level mvar `m` occur in `l`?"""
    if not l.has_mvar:
        return False
    base = L.to_offset(l)[0]
    if base is m:
        return True
    if base.kind in (L.MAX_K, L.IMAX_K):
        return occurs(m, base.a) or occurs(m, base.b)  # type: ignore[arg-type]
    return False


def is_level_def_eq(host: LevelHost, a: Level, b: Level) -> bool:
    host.charge()
    mctx = host.mctx
    a = mctx.instantiate_level(a)
    b = mctx.instantiate_level(b)
    while a.kind == L.SUCC_K and b.kind == L.SUCC_K:
        a = a.a  # type: ignore[assignment]
        b = b.a  # type: ignore[assignment]
    if a is b:
        return True
    if not a.has_mvar and not b.has_mvar:
        return L.is_equivalent(a, b)  # exactly the kernel's notion, which re-checks the result
    ba, ka = L.to_offset(a)
    bb, kb = L.to_offset(b)
    if ba is bb:
        return ka == kb
    r = _solve(host, a, b)
    if r is not None:
        return r
    r = _solve(host, b, a)
    if r is not None:
        return r
    if L.is_equivalent(a, b):
        return True
    na, nb = L.normalize(a), L.normalize(b)
    if (na is not a or nb is not b) and (na.kind == L.SUCC_K and nb.kind == L.SUCC_K):
        return is_level_def_eq(host, na, nb)
    if a.kind == L.SUCC_K or b.kind == L.SUCC_K:
        # as Lean: `?u + 1 =?= max (v + 1) (w + 1)` is `?u =?= max v w`
        da, db = _dec(a), _dec(b)
        if da is not None and db is not None:
            return is_level_def_eq(host, da, db)
    if mctx.level_has_assignable(a) or mctx.level_has_assignable(b):
        if host.can_postpone():
            host.postpone_levels(a, b)
            return True
        return False
    return False


def _solve(host: LevelHost, u: Level, v: Level) -> bool | None:
    mctx = host.mctx
    if u.kind == L.MVAR_K and mctx.is_level_assignable(u):
        if not occurs(u, v):
            mctx.assign_level(u, v)
            return True
        return None
    if u is L.ZERO:
        if v.kind == L.MAX_K:
            return is_level_def_eq(host, L.ZERO, v.a) and is_level_def_eq(host, L.ZERO, v.b)  # type: ignore[arg-type]
        if v.kind == L.IMAX_K:
            return is_level_def_eq(host, L.ZERO, v.b)  # type: ignore[arg-type]
        if v.kind == L.SUCC_K:
            return False
    if u.kind == L.SUCC_K:
        if v is L.ZERO or v.kind == L.PARAM_K:
            return False
        if v.kind == L.MVAR_K and not mctx.is_level_assignable(v):
            return False
    return None


def _dec(l: Level) -> Level | None:
    """`l` minus one when every branch of it is a successor (Lean's `Level.dec`; `imax` then acts as `max`)."""
    if l.kind == L.SUCC_K:
        return l.a  # type: ignore[return-value]
    if l.kind in (L.MAX_K, L.IMAX_K):
        da, db = _dec(l.a), _dec(l.b)  # type: ignore[arg-type]
        if da is None or db is None:
            return None
        return L.mk_max(da, db)
    return None
