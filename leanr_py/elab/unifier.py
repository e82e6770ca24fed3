"""Inference, reduction and definitional equality over terms with metavariables (Lean's `Meta` core).

`MetaChecker` is a subclass of the kernel's `TypeChecker`: the kernel's rules (beta, delta, iota,
projections, quotients, Nat literals, lazy delta by reducibility hints, proof irrelevance, eta, structure
eta) are reused as they are; this class adds what the elaborator needs on top:

- metavariables: an mvar's type comes from the context; an assigned mvar (or one whose head is) is
  instantiated when reduction or comparison reaches it;
- transparency: which constants delta may unfold (all / default / instances / reducible);
- caching: the kernel's caches are kept (one set per transparency) but only ever store mvar-free keys and
  values, as Lean's `Meta` does, because results about terms with mvars change with their assignment
  (and with rollback);
- assignment cases in `is_def_eq_core`: Miller patterns `?m xs =?= t` with occurs and scope checks,
  first-order approximation, optional constant approximation, mvar-vs-mvar preference, Nat offsets,
  universe level unification; every branch that may fail after assigning is run under a checkpoint;
- postponement: problems stuck on an unassigned mvar (a flex term that is no pattern, a recursor or
  projection whose major premise is an mvar, undecidable level constraints) are recorded and reported
  as success, to be re-tried by `MetaContext.process_postponed`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import (
    HINT_ABBREV, SAFE, ConstantInfo, DefinitionInfo, RecursorInfo, TheoremInfo,
)
from ..kernel.errors import KernelError
from ..kernel.expr import (
    APP, CONST, FVAR, HAS_FVAR, HAS_MVAR, LAM, MVAR, NATLIT, PI, PROJ, SORT, STRLIT, Expr, FVar,
    get_app_fn, get_app_fn_args, mk_app_n,
)
from ..kernel.level import Level
from ..kernel.name import Name
from ..kernel.typechecker import TypeChecker
from . import offset
from .config import ALL, DEFAULT, INSTANCES
from .levels import is_level_def_eq
from .mctx import NATURAL, SYNTHETIC, SYNTHETIC_OPAQUE, MVarDecl, mentions_fvars, head_beta, replace_leaves

if TYPE_CHECKING:
    from .meta import MetaContext

_BOOL_TRUE = Name.of("Bool.true")
_QUOT_LIFT = Name.of("Quot.lift")
_QUOT_IND = Name.of("Quot.ind")
_BVAR0 = E.mk_bvar(0)


def call_flat(fn: Callable[..., Any], args: tuple) -> Any:
    """`fn(*args)`; a bound method is called through its function so that CPython runs the call inside the
    same interpreter frame loop (a bound method called with `*args` goes through C, one C frame per level of
    a deep unification, which overflows WebAssembly's stack in Pyodide at a few hundred levels)."""
    func = getattr(fn, "__func__", None)
    if func is not None:
        return func(fn.__self__, *args)  # type: ignore[attr-defined]
    return fn(*args)


@dataclass(slots=True, frozen=True, eq=False)
class Postponed:
    """A unification problem left for later: two terms, or two levels when `is_level`."""

    lhs: Any
    rhs: Any
    is_level: bool = False


class _MvarFreeCache(dict):
    """A cache that silently refuses entries whose key or value mentions a metavariable."""

    __slots__ = ()

    def __setitem__(self, k: Expr, v: Expr) -> None:
        if not ((k.flags | v.flags) & HAS_MVAR):
            dict.__setitem__(self, k, v)


class _MvarFreePairs(set):
    __slots__ = ()

    def add(self, key: tuple[Expr, Expr]) -> None:
        if not ((key[0].flags | key[1].flags) & HAS_MVAR):
            set.add(self, key)


class _Fail(Exception):
    pass


class MetaChecker(TypeChecker):
    def __init__(self, meta: "MetaContext") -> None:
        super().__init__(meta.env, None, SAFE, meta.gas)
        self.meta = meta
        self.mctx = meta.mctx
        self.config = meta.config
        self.may_postpone = True
        self.infer_cache = (_MvarFreeCache(), _MvarFreeCache())
        self._caches: dict[str, tuple] = {}
        self.mode = DEFAULT
        self._select(DEFAULT)
        self._proj_fns: dict[Name, int | None] = {}

    # ------------------------------------------------------------------ plumbing
    def charge(self) -> None:
        if self.gas is not None:
            self.gas.charge()  # type: ignore[attr-defined]

    def _select(self, mode: str) -> None:
        c = self._caches.get(mode)
        if c is None:
            c = self._caches[mode] = (_MvarFreeCache(), _MvarFreeCache(), {}, _MvarFreePairs())
        self.whnf_core_cache, self.whnf_cache, self.eqv_parent, self.failure_cache = c
        self.mode = mode

    def with_mode(self, mode: str, fn: Callable[..., Any], *args: Any) -> Any:
        old = self.mode
        if old == mode:
            return call_flat(fn, args)
        self._select(mode)
        try:
            return call_flat(fn, args)
        finally:
            self._select(old)

    def at_least_default(self, fn: Callable[..., Any], *args: Any) -> Any:
        if self.mode == DEFAULT or self.mode == ALL:
            return call_flat(fn, args)
        return self.with_mode(DEFAULT, fn, *args)

    def can_postpone(self) -> bool:
        return self.may_postpone

    def postpone(self, t: Expr, s: Expr) -> None:
        self.meta.postponed.append(Postponed(t, s, False))

    def postpone_levels(self, a: Level, b: Level) -> None:
        self.meta.postponed.append(Postponed(a, b, True))

    def _attempt(self, fn: Callable[..., bool], *args: Any) -> bool:
        """Run a branch that may assign before failing: keep its assignments only if it succeeds."""
        st = self.meta.save()
        ok = False
        try:
            ok = bool(call_flat(fn, args))
        except KernelError:
            ok = False
        finally:
            if ok:
                self.meta.commit(st)
            else:
                self.meta.restore(st)
        return ok

    def _inst_head(self, e: Expr) -> Expr:
        """Instantiate an assigned mvar at the head of `e` (beta-reducing it with the arguments)."""
        while e.flags & HAS_MVAR:
            k = e.kind
            if k == MVAR:
                v = self.mctx.assignment.get(e.serial)  # type: ignore[attr-defined]
                if v is None:
                    d = self.mctx.delayed.get(e.serial)  # type: ignore[attr-defined]
                    if d is None or d.fvars:
                        return e
                    r = self.mctx.instantiate_head(e)
                    if r is None:
                        return e
                    v = r
                e = v
            elif k == APP:
                if get_app_fn(e).kind != MVAR:
                    return e
                r = self.mctx.instantiate_head(e)
                if r is None:
                    return e
                e = r
            else:
                return e
        return e

    # ------------------------------------------------------------------ transparency
    def can_unfold(self, info: ConstantInfo | None) -> bool:
        mode = self.mode
        if isinstance(info, TheoremInfo):
            return mode == ALL
        if not isinstance(info, DefinitionInfo):
            return False
        if mode == ALL:
            return True
        n = info.name
        meta = self.meta
        if n in meta.irreducible:
            return False
        if mode == DEFAULT:
            return True
        if n in meta.reducible or info.hints.kind == HINT_ABBREV:
            return True
        return mode == INSTANCES and n in meta.instances

    def is_delta(self, e: Expr) -> ConstantInfo | None:
        info = super().is_delta(e)
        return info if info is not None and self.can_unfold(info) else None

    def unfold_definition_core(self, e: Expr) -> Expr | None:
        if e.kind != CONST or not self.can_unfold(self.constants.get(e.name)):  # type: ignore[attr-defined]
            return None
        return super().unfold_definition_core(e)

    # ------------------------------------------------------------------ inference
    def infer(self, e: Expr) -> Expr:
        if self.mode == DEFAULT or self.mode == ALL:
            return self.infer_core(e, True)
        return self.with_mode(DEFAULT, self.infer_core, e, True)

    def infer_core(self, e: Expr, infer_only: bool) -> Expr:
        if e.kind == MVAR:
            d = self.mctx.find_decl(e)
            if d is None:
                raise self.error(f"unknown metavariable ?{e.serial}")  # type: ignore[attr-defined]
            return d.type
        self.charge()
        return super().infer_core(e, True)

    def infer_safe(self, e: Expr) -> Expr | None:
        try:
            return self.infer(e)
        except KernelError:
            return None

    def is_prop(self, t: Expr) -> bool:
        s = self.whnf(self.infer(t))
        if s.kind != SORT:
            return False
        l = self.mctx.instantiate_level(s.level)  # type: ignore[attr-defined]
        return l is L.ZERO or L.normalize(l) is L.ZERO

    # ------------------------------------------------------------------ reduction
    def whnf_core(self, e: Expr, cheap_rec: bool = False, cheap_proj: bool = False) -> Expr:
        k = e.kind
        if k == CONST or k == SORT or k == PI or k == LAM:
            return e  # already in weak head normal form (the kernel's answer too), without the call
        if e.flags & HAS_MVAR:
            if k == MVAR or (k == APP and get_app_fn(e).kind == MVAR):
                r = self._inst_head(e)
                if r is e:
                    return e
                return self.whnf_core(r, cheap_rec, cheap_proj)
        return super().whnf_core(e, cheap_rec, cheap_proj)

    def whnf(self, e: Expr) -> Expr:
        k = e.kind
        if k == SORT or k == PI:
            return e  # already in weak head normal form (the kernel's answer too), without the call
        if k == MVAR:
            r = self._inst_head(e)
            return r if r is e else self.whnf(r)
        return super().whnf(e)

    def to_ctor_when_k(self, rec: RecursorInfo, major: Expr) -> Expr | None:
        try:
            t = self.mctx.instantiate_mvars(self.whnf(self.infer(major)))
        except KernelError:
            return None
        I, args = get_app_fn_args(t)
        if I.kind != CONST or I.name is not rec.major_induct:  # type: ignore[attr-defined]
            return None
        if any(a.flags & HAS_MVAR for a in args[rec.num_params:]):
            return None  # as Lean: indices with mvars could be assigned by the check below
        st = self.meta.save()
        r = None
        try:
            r = self.at_least_default(super().to_ctor_when_k, rec, major)
        except KernelError:
            r = None
        finally:
            if r is None:
                self.meta.restore(st)
            else:
                self.meta.commit(st)
        return r

    def to_ctor_when_structure(self, induct: Name, e: Expr) -> Expr:
        if not self.config.eta_struct:
            return e
        try:
            return super().to_ctor_when_structure(induct, e)
        except KernelError:
            return e

    def projection_arg(self, name: Name) -> int | None:
        """For a structure projection function `fun params self => self.i`: the position of `self`."""
        if name in self._proj_fns:
            return self._proj_fns[name]
        info = self.constants.get(name)
        r = None
        if isinstance(info, DefinitionInfo):
            v = info.value
            n = 0
            while v.kind == LAM:
                v = v.body  # type: ignore[attr-defined]
                n += 1
            if n and v.kind == PROJ and v.struct is _BVAR0:  # type: ignore[attr-defined]
                r = n - 1
        self._proj_fns[name] = r
        return r

    def stuck_mvar(self, e: Expr) -> Expr | None:
        """The unassigned mvar that blocks the reduction of `e` (Lean's `getStuckMVar?`), if any."""
        try:
            for _ in range(1000):
                self.charge()
                e = self._inst_head(e)
                k = e.kind
                if k == MVAR:
                    d = self.mctx.delayed.get(e.serial)  # type: ignore[attr-defined]
                    if d is not None:
                        e = d.pending
                        continue
                    return e
                if k == PROJ:
                    e = self.whnf(e.struct)  # type: ignore[attr-defined]
                    continue
                if k != APP:
                    return None
                f, args = get_app_fn_args(e)
                if f.kind == MVAR or f.kind == PROJ:
                    e = f
                    continue
                if f.kind != CONST:
                    return None
                n = f.name  # type: ignore[attr-defined]
                info = self.constants.get(n)
                if isinstance(info, RecursorInfo):
                    idx = info.major_idx
                elif n is _QUOT_LIFT:
                    idx = 5
                elif n is _QUOT_IND:
                    idx = 4
                else:
                    p = self.projection_arg(n)
                    if p is None:
                        return None
                    idx = p
                if idx >= len(args):
                    return None
                e = self.whnf(args[idx])
        except KernelError:
            return None
        return None

    # ------------------------------------------------------------------ definitional equality
    def is_def_eq(self, t: Expr, s: Expr) -> bool:
        if t is s:
            return True
        pure = not ((t.flags | s.flags) & HAS_MVAR)
        if pure and self.eqv_parent and self._eqv_find(t) is self._eqv_find(s):
            return True
        r = self.is_def_eq_core(t, s)
        if r and pure:
            self._eqv_add(t, s)
        return r

    def is_level_def_eq(self, a: Level, b: Level) -> bool:
        return is_level_def_eq(self, a, b)

    def is_def_eq_levels(self, ls1: tuple[Level, ...], ls2: tuple[Level, ...]) -> bool:
        if len(ls1) != len(ls2):
            return False
        for a, b in zip(ls1, ls2):
            if a is not b and not is_level_def_eq(self, a, b):
                return False
        return True

    def _quick(self, t: Expr, s: Expr) -> bool | None:
        if t is s:
            return True
        k = t.kind
        if k == s.kind:
            if k == LAM or k == PI:
                return self.is_def_eq_binding(t, s)
            if k == SORT:
                return is_level_def_eq(self, t.level, s.level)  # type: ignore[attr-defined]
            if k == NATLIT or k == STRLIT:
                return t.val == s.val  # type: ignore[attr-defined]
        if self.eqv_parent and not ((t.flags | s.flags) & HAS_MVAR) and self._eqv_find(t) is self._eqv_find(s):
            return True
        return None

    def quick_is_def_eq(self, t: Expr, s: Expr) -> bool | None:
        """Used by the kernel's lazy delta loop after each unfolding: a side that became flexible is
        handed back to the full algorithm, so that it can be assigned."""
        r = self._quick(t, s)
        if r is not None:
            return r
        if (t.flags | s.flags) & HAS_MVAR and (get_app_fn(t).kind == MVAR or get_app_fn(s).kind == MVAR):
            return self.is_def_eq_core(t, s)
        return None

    def is_def_eq_core(self, t: Expr, s: Expr) -> bool:
        self.charge()
        if t is s:
            return True
        has_mvar = (t.flags | s.flags) & HAS_MVAR
        if has_mvar:
            t = self._inst_head(t)
            s = self._inst_head(s)
            if t is s:
                return True
        r = self._quick(t, s)
        if r is not None:
            return r
        if has_mvar:
            r = self._flex(t, s)
            if r is not None:
                return r
        if s.kind == CONST and s.name is _BOOL_TRUE and not (t.flags & (HAS_FVAR | HAS_MVAR)):  # type: ignore[attr-defined]
            w = self.whnf(t)
            if w.kind == CONST and w.name is _BOOL_TRUE:  # type: ignore[attr-defined]
                return True
        try:
            r = self.is_def_eq_proof_irrel(t, s)
        except KernelError:
            r = None
        if r is not None:
            return r
        t_n = self.whnf_core(t, False, True)
        s_n = self.whnf_core(s, False, True)
        if t_n is not t or s_n is not s:
            return self.is_def_eq_core(t_n, s_n)
        r, t_n, s_n = self.lazy_delta_reduction(t_n, s_n)
        if r is not None:
            return r
        tk = t_n.kind
        sk = s_n.kind
        if tk == CONST and sk == CONST and t_n.name is s_n.name:  # type: ignore[attr-defined]
            return self.is_def_eq_levels(t_n.levels, s_n.levels)  # type: ignore[attr-defined]
        if tk == FVAR and t_n is s_n:
            return True
        if tk == PROJ and sk == PROJ and t_n.idx == s_n.idx:  # type: ignore[attr-defined]
            if self._attempt(self.lazy_delta_proj, t_n.struct, s_n.struct):  # type: ignore[attr-defined]
                return True
        t_nn = self.whnf_core(t_n)
        s_nn = self.whnf_core(s_n)
        if t_nn is not t_n or s_nn is not s_n:
            return self.is_def_eq_core(t_nn, s_nn)
        if tk == APP and sk == APP and self._attempt(self.is_def_eq_app, t_n, s_n):
            return True
        if tk == LAM and sk != LAM and self._attempt(self.try_eta_expansion, t_n, s_n):
            return True
        if sk == LAM and tk != LAM and self._attempt(self.try_eta_expansion, s_n, t_n):
            return True
        if self.config.eta_struct and (self._attempt(self.try_eta_struct, t_n, s_n)
                                       or self._attempt(self.try_eta_struct, s_n, t_n)):
            return True
        if tk == STRLIT or sk == STRLIT:
            try:
                r = self.try_string_lit_expansion(t_n, s_n)
            except KernelError:
                r = None
            if r is not None:
                return r
        if self._attempt(self.is_def_eq_unit_like, t_n, s_n):
            return True
        return self._on_failure(t, s, t_n, s_n)

    def delta_order(self, d_t: Any, d_s: Any) -> int:
        # Lean's `unfoldNonProjFnDefEq`: against a projection function application (`LT.lt …`), the other side
        # (`GT.gt …`) unfolds first, so that both may meet at the same head
        if d_t is not d_s:
            t_proj = self.projection_arg(d_t.name) is not None
            s_proj = self.projection_arg(d_s.name) is not None
            if t_proj != s_proj:
                return 1 if t_proj else -1
        return super().delta_order(d_t, d_s)

    def args_first(self, info: Any, t: Expr, s: Expr) -> bool:
        # Lean's `tryHeuristic`: besides regular definitions, an abbreviation or projection function (`LT.lt`)
        # applied to mvars is first compared argument-wise, so that `@LT.lt ?α ?i a b =?= @LT.lt Nat inst c d`
        # assigns `?α` and `?i` instead of unfolding both sides into stuck projections of `?i`
        return super().args_first(info, t, s) or bool((t.flags | s.flags) & HAS_MVAR)

    def is_def_eq_args(self, t: Expr, s: Expr) -> bool:
        # the kernel's lazy delta compares the arguments of equal heads, then unfolds if they differ:
        # an argument comparison that fails half-way must not leave assignments behind
        return self._attempt(super().is_def_eq_args, t, s)

    def is_def_eq_offset(self, t: Expr, s: Expr) -> bool | None:
        r = super().is_def_eq_offset(t, s)
        if r is not None or not self.config.offset_cnstrs:
            return r
        return self._offset_nat(t, s)

    def _offset_nat(self, t: Expr, s: Expr) -> bool | None:
        head = self._inst_head
        consts = self.constants
        ot = offset.is_offset(t, head)
        if ot is not None:
            a, k1 = ot
            vs = offset.eval_nat(s, head)
            if vs is not None:
                return vs >= k1 and self.is_def_eq_core(a, offset.mk_numeral(vs - k1, consts, s))
            os_ = offset.is_offset(s, head)
            if os_ is None:
                return None
            b, k2 = os_
            if k1 == k2:
                return self.is_def_eq_core(a, b)
            if k1 < k2:
                return self.is_def_eq_core(a, offset.mk_add(b, k2 - k1, consts))
            return self.is_def_eq_core(offset.mk_add(a, k1 - k2, consts), b)
        vt = offset.eval_nat(t, head)
        if vt is None:
            return None
        os_ = offset.is_offset(s, head)
        if os_ is not None:
            b, k2 = os_
            return vt >= k2 and self.is_def_eq_core(offset.mk_numeral(vt - k2, consts, t), b)
        vs = offset.eval_nat(s, head)
        if vs is not None:
            return vt == vs
        return None

    def _on_failure(self, t: Expr, s: Expr, t_n: Expr, s_n: Expr) -> bool:
        mv = self.stuck_mvar(t_n)
        if mv is None:
            mv = self.stuck_mvar(s_n)
        if mv is None:
            return False
        d = self.mctx.find_decl(mv)
        if d is None or self.mctx.is_read_only(mv):
            return False
        hook = self.meta.synth_pending
        if d.kind == SYNTHETIC and hook is not None and not self.mctx.is_assigned(mv):
            if hook(self.meta, mv) and self.mctx.is_assigned(mv):
                return self.is_def_eq_core(self.mctx.instantiate_mvars(t), self.mctx.instantiate_mvars(s))
        if d.kind != SYNTHETIC_OPAQUE and self.may_postpone and self.config.postpone_stuck:
            self.postpone(t, s)
            return True
        return False

    # ------------------------------------------------------------------ assignment
    def _flex(self, t: Expr, s: Expr) -> bool | None:
        """Problems with an mvar at the head of a side (Lean's `isDefEqQuickOther` mvar cases)."""
        tf = get_app_fn(t)
        sf = get_app_fn(s)
        t_m = tf.kind == MVAR
        s_m = sf.kind == MVAR
        if not t_m and not s_m:
            return None
        mctx = self.mctx
        aso = self.config.assign_synthetic_opaque
        ta = t_m and mctx.is_assignable(tf, aso)
        sa = s_m and mctx.is_assignable(sf, aso)
        if t_m and s_m and tf.serial == sf.serial:  # type: ignore[attr-defined]
            return self._same_mvar(t, s, ta)
        if ta and not sa:
            return self.process_assignment(t, s)
        if sa and not ta:
            return self.process_assignment(s, t)
        if not ta and not sa:
            return None  # unassignable mvars behave like opaque constants
        # both assignable
        t_bare = t is tf
        s_bare = s is sf
        if s_bare and not t_bare:
            first, second = (s, t), (t, s)
        elif t_bare and not s_bare:
            first, second = (t, s), (s, t)
        else:
            td = mctx.decl(tf)
            sd = mctx.decl(sf)
            # assign a natural mvar rather than a synthetic one, and the newer rather than the older
            if (td.kind == NATURAL) != (sd.kind == NATURAL):
                first, second = ((t, s), (s, t)) if td.kind == NATURAL else ((s, t), (t, s))
            elif tf.serial > sf.serial:  # type: ignore[attr-defined]
                first, second = (t, s), (s, t)
            else:
                first, second = (s, t), (t, s)
        if self._attempt(self.process_assignment, *first):
            return True
        return self.process_assignment(*second)

    def _same_mvar(self, t: Expr, s: Expr, assignable: bool) -> bool | None:
        ta = E.get_app_args(t)
        sa = E.get_app_args(s)
        if len(ta) == len(sa) and self._attempt(self._args_eq, ta, sa):
            return True
        if not assignable:
            return None
        if self.may_postpone and self.config.postpone_stuck:
            self.postpone(t, s)
            return True
        return False

    def _args_eq(self, xs: list[Expr], ys: list[Expr]) -> bool:
        return all(self.is_def_eq(a, b) for a, b in zip(xs, ys))

    def _simp_arg(self, a: Expr) -> Expr:
        a = self._inst_head(a)
        while a.kind == LAM:  # eta-reduce `fun x => f x`
            b = a.body  # type: ignore[attr-defined]
            if b.kind == APP and b.arg is _BVAR0 and not E.has_loose_bvar(b.fn, 0):  # type: ignore[attr-defined]
                a = E.lower_loose_bvars(b.fn, 1)  # type: ignore[attr-defined]
            else:
                break
        return a

    def process_assignment(self, mvar_app: Expr, v: Expr) -> bool:
        """Solve `?m a1 .. an =?= v` for an assignable `?m`."""
        self.charge()
        mctx = self.mctx
        m, args = get_app_fn_args(mvar_app)
        d = mctx.decl(m)
        v = mctx.instantiate_mvars(v)
        args = [self._simp_arg(a) for a in args]
        seen: set[Expr] = set()
        for a in args:
            if a.kind != FVAR or a in seen or (a in d.lctx_set and not self.config.quasi_pattern_approx):
                return self._non_pattern(mvar_app, m, d, args, v)
            seen.add(a)
        arg_set = frozenset(seen)
        w: Expr | None = v
        v2 = None
        while w is not None:
            v2 = self._checked(m, d, arg_set, w)
            if v2 is not None:
                break
            w = self._unfold_step(w)  # a failed occurs/scope check may disappear by reduction
        if v2 is None:
            return False
        # the arguments are binders even when some are let-bound locals (`?m x` with `x := v` in scope)
        value = mctx.mk_binding(True, args, v2, lets_as_binders=True) if args else v2
        if value.flags & HAS_FVAR and not self._fvars_in_scope(value, d.lctx_set):
            return False
        return self._check_types_and_assign(m, d, value)

    def _checked(self, m: Expr, d: MVarDecl, arg_set: frozenset, v: Expr) -> Expr | None:
        st = self.meta.save()
        r = None
        try:
            r = self.check_assignment(m, d, arg_set, v)
        finally:
            if r is None:
                self.meta.restore(st)
            else:
                self.meta.commit(st)
        return r

    def check_assignment(self, m: Expr, d: MVarDecl, arg_set: frozenset, v: Expr) -> Expr | None:
        """`v` made a valid value for `?m` applied to the locals `arg_set`: None when `?m` occurs in it
        or it mentions a local neither in `?m`'s context nor among the arguments (let-bound locals are
        replaced by their values); mvars that can see too much get a restricted context (ctx_approx)."""
        if not (v.flags & (HAS_FVAR | HAS_MVAR)):
            return v
        mctx = self.mctx
        allowed = d.lctx_set | arg_set if arg_set else d.lctx_set
        ms = m.serial  # type: ignore[attr-defined]

        def visit(x: Expr) -> Expr | None:
            k = x.kind
            if k == FVAR:
                if x in allowed:
                    return x
                if x.value is not None:  # type: ignore[attr-defined]
                    r = self.check_assignment(m, d, arg_set, mctx.instantiate_mvars(x.value))  # type: ignore[attr-defined]
                    if r is None:
                        raise _Fail
                    return r
                raise _Fail
            if k == MVAR:
                if x.serial == ms:  # type: ignore[attr-defined]
                    raise _Fail
                xd = mctx.find_decl(x)
                if xd is None:
                    raise _Fail
                if xd.lctx_set <= allowed:
                    return x
                if (not self.config.ctx_approx or xd.kind == SYNTHETIC_OPAQUE
                        or not mctx.is_assignable(x)):
                    raise _Fail
                return self._restrict(x, xd, allowed)
            if k == SORT or k == CONST:
                return x
            return None

        try:
            return replace_leaves(v, visit)
        except _Fail:
            return None

    def _restrict(self, x: Expr, xd: MVarDecl, allowed: frozenset) -> Expr:
        """A fresh mvar for `x` whose context keeps only the `allowed` locals; `x` is assigned to it."""
        mctx = self.mctx
        keep: list[FVar] = []
        dropped: set[FVar] = set()
        for y in xd.lctx:
            if y in allowed and not mentions_fvars(mctx.instantiate_mvars(y.type), dropped) and not (
                    y.value is not None and mentions_fvars(mctx.instantiate_mvars(y.value), dropped)):
                keep.append(y)
            else:
                dropped.add(y)
        t = mctx.instantiate_mvars(xd.type)
        if mentions_fvars(t, dropped):
            raise _Fail
        n = mctx.mk_expr_mvar(t, keep, xd.kind, xd.user_name)
        mctx.assign(x, n)
        return n

    def _fvars_in_scope(self, e: Expr, scope: frozenset) -> bool:
        return E.find(e, lambda x: x.kind == FVAR and x not in scope) is None

    def _check_types_and_assign(self, m: Expr, d: MVarDecl, value: Expr) -> bool:
        vt = self.infer_safe(value)
        if vt is None:
            return False
        if d.type is not vt and not self.at_least_default(self.is_def_eq, d.type, vt):
            return False
        if self.mctx.is_assigned(m):  # assigned while unifying the types
            return self.is_def_eq(self.mctx.instantiate_mvars(m), value)
        self.mctx.assign(m, value)
        return True

    def _unfold_step(self, v: Expr) -> Expr | None:
        w = self.whnf_core(v)
        if w is not v:
            return w
        return self.unfold_definition(v)

    def _non_pattern(self, mvar_app: Expr, m: Expr, d: MVarDecl, args: list[Expr], v: Expr) -> bool:
        if self.config.fo_approx:
            w: Expr | None = v
            while w is not None:
                self.charge()
                w = head_beta(w)
                if self._attempt(self._fo_approx, m, args, w):
                    return True
                w = self.unfold_definition(w)
        if self.config.const_approx and self._attempt(self._const_approx, m, d, len(args), v):
            return True
        if self.may_postpone and self.config.postpone_stuck:
            self.postpone(mvar_app, v)
            return True
        return False

    def _fo_approx(self, m: Expr, args: list[Expr], v: Expr) -> bool:
        """`?m a1..an =?= f b1..bk` (k >= n) ⇒ `ai =?= b(k-n+i)` and `?m =?= f b1..b(k-n)`."""
        if v.kind != APP:
            return False
        vf, vargs = get_app_fn_args(v)
        n = len(args)
        k = len(vargs)
        if k < n:
            return False
        for i in range(n):
            if not self.is_def_eq(args[i], vargs[k - n + i]):
                return False
        return self.is_def_eq(m, mk_app_n(vf, vargs[:k - n]))

    def _const_approx(self, m: Expr, d: MVarDecl, n: int, v: Expr) -> bool:
        """`?m a1..an =?= v` ⇒ `?m := fun _ .. _ => v` when `v` does not need the arguments."""
        t = self.mctx.instantiate_mvars(d.type)
        xs: list[FVar] = []
        for _ in range(n):
            if t.kind != PI:
                t = self.whnf(t)
                if t.kind != PI:
                    return False
            x = self.fresh_fvar(t.name, t.type, None, t.bi)  # type: ignore[attr-defined]
            xs.append(x)
            t = E.instantiate1(t.body, x)  # type: ignore[attr-defined]
        v2 = self._checked(m, d, frozenset(), v)
        if v2 is None:
            return False
        return self._check_types_and_assign(m, d, self.mctx.mk_lambda_fvars(xs, v2))
