"""Type inference, weak head normalisation and definitional equality, after Lean 4's type_checker.cpp.

One `TypeChecker` per declaration: its caches are keyed by interned terms (identity), and local
hypotheses are `FVar` objects that carry their own types, so no local context is threaded around.

The elaborator's `leanr_py.elab.unifier.MetaChecker` subclasses this class (the kernel itself never
depends on it): it relies on the cache attributes (`whnf_core_cache`, `whnf_cache`, `infer_cache`,
`eqv_parent`, `failure_cache`) and overrides `is_delta`, `unfold_definition_core`, `quick_is_def_eq`,
`is_def_eq_args`, `is_def_eq_offset`, `is_def_eq_levels`, `to_ctor_when_k`, `to_ctor_when_structure`
and `is_prop`. Renaming any of these is a change to that interface.
"""
from __future__ import annotations

from . import expr as E
from . import level as L
from .declaration import (
    SAFE, UNSAFE, ConstantInfo, ConstructorInfo, DefinitionInfo, InductiveInfo, RecursorInfo,
    TheoremInfo,
)
from .environment import Environment
from .errors import KernelError
from .expr import (
    APP, BVAR, CONST, FVAR, LAM, LET, MVAR, NATLIT, PI, PROJ, SORT, STRLIT, Expr, FVarCounter,
    get_app_fn, get_app_fn_args, instantiate, mk_app, mk_app_n, mk_const, mk_nat_lit, mk_sort,
)
from .format import format_expr
from .literals import (
    NAT_BIN_OPS, NAT_PREDS, NatNames, nat_equations, nat_extension_enabled, nat_lit_to_constructor, string_lit_to_constructor,
)
from .name import Name

_QUOT_LIFT = Name.of("Quot.lift")
_QUOT_IND = Name.of("Quot.ind")
_QUOT_MK = Name.of("Quot.mk")
_BOOL_TRUE = Name.of("Bool.true")
_REDUCE_BOOL = Name.of("Lean.reduceBool")
_REDUCE_NAT = Name.of("Lean.reduceNat")
_STRING_MK = Name.of("String.mk")
_STRING_OF_LIST = Name.of("String.ofList")

_DONT_CARE = mk_const(Name.of("_kernel.dontCare"))


class TypeChecker:
    def __init__(self, env: Environment, lparams: tuple[Name, ...] | None = None, safety: str = SAFE,
                 gas: object = None, decl_name: object = None) -> None:
        self.env = env
        self.constants = env.constants
        self.lparams = None if lparams is None else frozenset(lparams)
        self.safety = safety
        self.gas = gas if gas is not None else env.current_gas
        self.decl_name = decl_name
        self.fvars = FVarCounter()
        self.infer_cache: tuple[dict[Expr, Expr], dict[Expr, Expr]] = ({}, {})
        self.whnf_core_cache: dict[Expr, Expr] = {}
        self.whnf_cache: dict[Expr, Expr] = {}
        self.eqv_parent: dict[Expr, Expr] = {}
        self.failure_cache: set[tuple[Expr, Expr]] = set()
        self.nat = NatNames
        # check-mode inference of open terms: locals[-1 - i] is what `bvar i` denotes; serials identify
        # the whole stack (one fresh serial per push) so results can be cached per (term, context)
        self.locals: list[E.FVar] = []
        self.local_serials: list[int] = [0]
        self.open_cache: dict[tuple[Expr, int], Expr] = {}

    # ------------------------------------------------------------------ errors
    def error(self, msg: str) -> KernelError:
        return KernelError(msg, self.decl_name)

    def fmt(self, e: Expr) -> str:
        return format_expr(e)

    def fresh_fvar(self, name: Name, type_: Expr, value: Expr | None = None, bi: int = E.DEFAULT) -> E.FVar:
        return E.mk_fvar(name, type_, value, bi, self.fvars)

    # ------------------------------------------------------------------ inference
    def infer(self, e: Expr) -> Expr:
        return self.infer_core(e, True)

    def check(self, e: Expr) -> Expr:
        return self.infer_core(e, False)

    def ensure_sort(self, t: Expr, ctx: Expr | None = None) -> Expr:
        if t.kind == SORT:
            return t
        t2 = self.whnf(t)
        if t2.kind == SORT:
            return t2
        raise self.error(f"type expected, got {self.fmt(ctx if ctx is not None else t)} : {self.fmt(t)}")

    def ensure_pi(self, t: Expr, ctx: Expr | None = None) -> Expr:
        if t.kind == PI:
            return t
        t2 = self.whnf(t)
        if t2.kind == PI:
            return t2
        raise self.error(f"function expected, {self.fmt(ctx if ctx is not None else t)} has type {self.fmt(t)}")

    def check_level(self, l: L.Level) -> None:
        if self.lparams is not None and l.has_param:
            used: dict[Name, None] = {}
            L.params_of(l, used)
            for p in used:
                if p not in self.lparams:
                    raise self.error(f"invalid reference to undefined universe level parameter '{p}'")
        if l.has_mvar:
            raise self.error("universe level metavariable in kernel term")

    def infer_core(self, e: Expr, infer_only: bool) -> Expr:
        if e.lbr:
            raise self.error("type checker does not support loose bound variables")
        cache = self.infer_cache[infer_only]
        r = cache.get(e)
        if r is not None:
            return r
        k = e.kind
        if k == APP:
            r = self.infer_app(e, infer_only)
        elif k == CONST:
            r = self.infer_const(e, infer_only)
        elif k == FVAR:
            r = e.type  # type: ignore[attr-defined]
        elif k == LAM:
            r = self.infer_lambda(e, True) if infer_only else self.infer_binders_open(e)
        elif k == PI:
            r = self.infer_pi(e, True) if infer_only else self.infer_binders_open(e)
        elif k == SORT:
            if not infer_only:
                self.check_level(e.level)  # type: ignore[attr-defined]
            r = mk_sort(L.succ(e.level))  # type: ignore[attr-defined]
        elif k == LET:
            r = self.infer_let(e, True) if infer_only else self.infer_binders_open(e)
        elif k == PROJ:
            r = self.infer_proj(e, infer_only)
        elif k == NATLIT:
            r = mk_const(NatNames.nat)
        elif k == STRLIT:
            r = mk_const(NatNames.string)
        elif k == MVAR:
            raise self.error("kernel type checker does not support metavariables")
        else:
            raise self.error("unexpected term")
        cache[e] = r
        return r

    def infer_const(self, e: Expr, infer_only: bool) -> Expr:
        name = e.name  # type: ignore[attr-defined]
        info = self.constants.get(name)
        if info is None:
            raise self.error(f"unknown constant '{name}'")
        ls = e.levels  # type: ignore[attr-defined]
        ps = info.level_params
        if len(ps) != len(ls):
            raise self.error(f"incorrect number of universe levels for '{name}': {len(ps)} expected, {len(ls)} given")
        if not infer_only:
            if self.safety != UNSAFE and info.is_unsafe:
                raise self.error(f"invalid declaration, it uses unsafe declaration '{name}'")
            if self.safety == SAFE and info.is_partial:
                raise self.error(f"invalid declaration, safe declaration must not contain partial declaration '{name}'")
            for l in ls:
                self.check_level(l)
        if not ps:
            return info.type
        return self.instantiate_lparams(info, info.type, e, ls)

    def instantiate_lparams(self, info: ConstantInfo, term: Expr, key: object, levels: tuple[L.Level, ...]) -> Expr:
        """`term` (the type, value or a recursor rule of `info`) at `levels`, cached for the environment's
        lifetime: keyed by the constant's info object, so a name that is later re-added gets new entries."""
        cache = self.env.lparam_cache
        k = (info, term, key)
        r = cache.get(k)
        if r is None:
            r = cache[k] = E.instantiate_level_params(term, info.level_params, levels)
        return r

    def infer_lambda(self, e: Expr, infer_only: bool) -> Expr:
        fvars: list[E.FVar] = []
        while e.kind == LAM:
            d = E.instantiate_rev(e.type, fvars)  # type: ignore[attr-defined]
            if not infer_only:
                self.ensure_sort(self.infer_core(d, False), d)
            fvars.append(self.fresh_fvar(e.name, d, None, e.bi))  # type: ignore[attr-defined]
            e = e.body  # type: ignore[attr-defined]
        r = self.infer_core(E.instantiate_rev(e, fvars), infer_only)
        return E.mk_pi_fvars(fvars, r)

    def infer_pi(self, e: Expr, infer_only: bool) -> Expr:
        fvars: list[E.FVar] = []
        us: list[L.Level] = []
        while e.kind == PI:
            d = E.instantiate_rev(e.type, fvars)  # type: ignore[attr-defined]
            s = self.ensure_sort(self.infer_core(d, infer_only), d)
            us.append(s.level)  # type: ignore[attr-defined]
            fvars.append(self.fresh_fvar(e.name, d, None, e.bi))  # type: ignore[attr-defined]
            e = e.body  # type: ignore[attr-defined]
        body = E.instantiate_rev(e, fvars)
        s = self.ensure_sort(self.infer_core(body, infer_only), body)
        r = s.level  # type: ignore[attr-defined]
        for u in reversed(us):
            r = L.mk_imax(u, r)
        return mk_sort(r)

    def infer_app(self, e: Expr, infer_only: bool) -> Expr:
        if not infer_only:
            return self.check_app(e, False)
        fn, args = get_app_fn_args(e)
        f_type = self.infer_core(fn, True)
        j = 0
        n = len(args)
        for i in range(n):
            if f_type.kind == PI:
                f_type = f_type.body  # type: ignore[attr-defined]
            else:
                f_type = E.instantiate_rev(f_type, args[j:i])
                f_type = self.ensure_pi(f_type, e)
                f_type = f_type.body  # type: ignore[attr-defined]
                j = i
        return E.instantiate_rev(f_type, args[j:n])

    def check_app(self, e: Expr, is_open: bool) -> Expr:
        """Check-mode typing of an application spine: each argument against its binder's domain, the
        function type instantiated only as far as dependent domains (and the result) need. With `is_open`,
        `e`'s loose bound variables denote the innermost locals."""
        fn, args = get_app_fn_args(e)
        vals: list[Expr | None] = [None] * len(args)

        def infer(x: Expr) -> Expr:
            return self.infer_open(x) if is_open else self.infer_core(x, False)

        def inst(t: Expr, j: int, i: int) -> Expr:
            """`t` has loose bound variables for args[j:i] (`bvar 0` is args[i - 1])."""
            if not t.lbr or i == j:
                return t
            subst = []
            for idx in range(min(t.lbr, i - j)):
                v = vals[i - 1 - idx]
                if v is None:
                    v = vals[i - 1 - idx] = self.materialize(args[i - 1 - idx]) if is_open else args[i - 1 - idx]
                subst.append(v)
            return instantiate(t, subst)

        f_type = infer(fn)
        j = 0
        for i, a in enumerate(args):
            if f_type.kind != PI:
                f_type = self.ensure_pi(inst(f_type, j, i), mk_app_n(fn, args[:i]))
                j = i
            d = inst(f_type.type, j, i)  # type: ignore[attr-defined]
            a_type = infer(a)
            if not self.is_def_eq(a_type, d):
                me = self.materialize(mk_app_n(fn, args[:i + 1])) if is_open else mk_app_n(fn, args[:i + 1])
                raise self.error(  # Lean's layout
                    f"application type mismatch\n  {self.fmt(me)}\nargument has type\n  {self.fmt(a_type)}\n"
                    f"but function has type\n  {self.fmt(inst(f_type, j, i))}")
            f_type = f_type.body  # type: ignore[attr-defined]
        return inst(f_type, j, len(args))

    def infer_let(self, e: Expr, infer_only: bool) -> Expr:
        fvars: list[E.FVar] = []
        while e.kind == LET:
            t = E.instantiate_rev(e.type, fvars)  # type: ignore[attr-defined]
            v = E.instantiate_rev(e.value, fvars)  # type: ignore[attr-defined]
            if not infer_only:
                self.ensure_sort(self.infer_core(t, False), t)
                vt = self.infer_core(v, False)
                if not self.is_def_eq(vt, t):
                    raise self.error(f"let value type mismatch for '{e.name}': {self.fmt(vt)} vs {self.fmt(t)}")  # type: ignore[attr-defined]
            fvars.append(self.fresh_fvar(e.name, t, v))  # type: ignore[attr-defined]
            e = e.body  # type: ignore[attr-defined]
        r = self.infer_core(E.instantiate_rev(e, fvars), infer_only)
        # the let-bound locals may occur in the type: substitute their values back
        return E.instantiate_rev(E.abstract(r, fvars), [fv.value for fv in fvars])  # type: ignore[misc]

    # Check mode walks binder bodies without instantiating them: a body is instantiated only when a
    # dependent type needs it. Terms whose binders are shared across many levels (DAGs) are thus
    # checked in time linear in their number of distinct nodes rather than quadratic.
    def materialize(self, e: Expr) -> Expr:
        n = e.lbr
        if not n:
            return e
        return instantiate(e, self.locals[-1:-n - 1:-1])

    def _push_local(self, fv: E.FVar) -> None:
        self.locals.append(fv)
        self.fvars.next += 1
        self.local_serials.append(self.fvars.next)

    def infer_open(self, e: Expr) -> Expr:
        if not e.lbr:
            return self.infer_core(e, False)
        key = (e, self.local_serials[-1])
        r = self.open_cache.get(key)
        if r is not None:
            return r
        k = e.kind
        if k == BVAR:
            r = self.locals[-1 - e.idx].type  # type: ignore[attr-defined]
        elif k == APP:
            r = self.check_app(e, True)
        elif k == LAM or k == PI or k == LET:
            r = self.infer_binders_open(e)
        else:
            r = self.infer_core(self.materialize(e), False)
        self.open_cache[key] = r
        return r

    def infer_binders_open(self, e: Expr) -> Expr:
        """Check a λ, Π or let telescope whose loose bound variables denote the innermost locals."""
        start = len(self.locals)
        k = e.kind
        fvars: list[E.FVar] = []
        us: list[L.Level] = []
        try:
            while e.kind == k:
                d = self.materialize(e.type)  # type: ignore[attr-defined]
                s = self.ensure_sort(self.infer_core(d, False), d)
                value = None
                if k == PI:
                    us.append(s.level)  # type: ignore[attr-defined]
                elif k == LET:
                    value = self.materialize(e.value)  # type: ignore[attr-defined]
                    vt = self.infer_core(value, False)
                    if not self.is_def_eq(vt, d):
                        raise self.error(f"let value type mismatch for '{e.name}': {self.fmt(vt)} vs {self.fmt(d)}")  # type: ignore[attr-defined]
                fv = self.fresh_fvar(e.name, d, value, E.DEFAULT if k == LET else e.bi)  # type: ignore[attr-defined]
                fvars.append(fv)
                self._push_local(fv)
                e = e.body  # type: ignore[attr-defined]
            if k == PI:
                s = self.ensure_sort(self.infer_open(e), e)
                r = s.level  # type: ignore[attr-defined]
                for u in reversed(us):
                    r = L.mk_imax(u, r)
                return mk_sort(r)
            t = self.infer_open(e)
            if k == LAM:
                return E.mk_pi_fvars(fvars, t)
            return E.instantiate_rev(E.abstract(t, fvars), [fv.value for fv in fvars])  # type: ignore[misc]
        finally:
            del self.locals[start:]
            del self.local_serials[start + 1:]

    def is_prop(self, t: Expr) -> bool:
        return self.whnf(self.infer(t)) is E.PROP

    def infer_proj(self, e: Expr, infer_only: bool) -> Expr:
        struct = e.struct  # type: ignore[attr-defined]
        idx = e.idx  # type: ignore[attr-defined]
        stype = self.whnf(self.infer_core(struct, infer_only))
        I, args = get_app_fn_args(stype)
        bad = f"invalid projection {self.fmt(e)}"
        if I.kind != CONST:
            raise self.error(bad + f": structure type expected, got {self.fmt(stype)}")
        info = self.constants.get(I.name)  # type: ignore[attr-defined]
        if not isinstance(info, InductiveInfo) or I.name is not e.sname:  # type: ignore[attr-defined]
            raise self.error(bad + ": not a projection of the named structure")
        if len(info.ctors) != 1 or len(args) != info.num_params + info.num_indices or info.num_indices:
            raise self.error(bad + ": not a structure")
        ctor = self.constants[info.ctors[0]]
        r = E.instantiate_level_params(ctor.type, ctor.level_params, I.levels)  # type: ignore[attr-defined]
        for a in args[:info.num_params]:
            r = self.whnf(r)
            if r.kind != PI:
                raise self.error(bad)
            r = instantiate(r.body, (a,))  # type: ignore[attr-defined]
        is_prop_type = self.is_prop(stype)
        for i in range(idx):
            r = self.whnf(r)
            if r.kind != PI:
                raise self.error(bad + ": index out of range")
            body = r.body  # type: ignore[attr-defined]
            if body.lbr:
                if is_prop_type and not self.is_prop(r.type):  # type: ignore[attr-defined]
                    raise self.error(bad + ": a proof projection after a data field it depends on")
                r = instantiate(body, (E.mk_proj(I.name, i, struct),))  # type: ignore[attr-defined]
            else:
                r = body
        r = self.whnf(r)
        if r.kind != PI:
            raise self.error(bad + ": index out of range")
        t = r.type  # type: ignore[attr-defined]
        if is_prop_type and not self.is_prop(t):
            raise self.error(bad + ": cannot project data out of a proof")
        return t

    # ------------------------------------------------------------------ reduction
    def whnf_core(self, e: Expr, cheap_rec: bool = False, cheap_proj: bool = False) -> Expr:
        k = e.kind
        if k == APP or k == PROJ or k == LET:
            pass
        elif k == FVAR:
            v = e.value  # type: ignore[attr-defined]
            return e if v is None else self.whnf_core(v, cheap_rec, cheap_proj)
        else:
            return e
        cacheable = not cheap_rec and not cheap_proj
        if cacheable:
            r = self.whnf_core_cache.get(e)
            if r is not None:
                return r
        if self.gas is not None:
            self.gas.charge()  # type: ignore[attr-defined]
        if k == APP:
            f0 = get_app_fn(e)
            # a constant head is already in whnf: skip the call, and gather the arguments only when needed
            f = f0 if f0.kind == CONST else self.whnf_core(f0, cheap_rec, cheap_proj)
            if f.kind == LAM:
                args = E.get_app_args(e)
                m = 0
                n = len(args)
                while f.kind == LAM and m < n:
                    f = f.body  # type: ignore[attr-defined]
                    m += 1
                r = self.whnf_core(mk_app_n(instantiate(f, args[m - 1::-1]), args[m:]), cheap_rec, cheap_proj)
            elif f is f0:
                red = self.reduce_recursor(e, cheap_rec, cheap_proj)
                if red is None:
                    r = e
                else:
                    r = self.whnf_core(red, cheap_rec, cheap_proj)
            else:
                r = self.whnf_core(mk_app_n(f, E.get_app_args(e)), cheap_rec, cheap_proj)
        elif k == PROJ:
            red = self.reduce_proj(e, cheap_rec, cheap_proj)
            r = e if red is None else self.whnf_core(red, cheap_rec, cheap_proj)
        else:  # LET
            r = self.whnf_core(instantiate(e.body, (e.value,)), cheap_rec, cheap_proj)  # type: ignore[attr-defined]
        if cacheable:
            self.whnf_core_cache[e] = r
        return r

    def reduce_proj(self, e: Expr, cheap_rec: bool, cheap_proj: bool) -> Expr | None:
        c = self.whnf_core(e.struct, cheap_rec, cheap_proj) if cheap_proj else self.whnf(e.struct)  # type: ignore[attr-defined]
        if c.kind == STRLIT:
            c = self.str_lit_to_ctor(c)
        mk, args = get_app_fn_args(c)
        if mk.kind != CONST:
            return None
        info = self.constants.get(mk.name)  # type: ignore[attr-defined]
        if not isinstance(info, ConstructorInfo):
            return None
        i = info.num_params + e.idx  # type: ignore[attr-defined]
        return args[i] if i < len(args) else None

    def str_lit_to_ctor(self, e: Expr) -> Expr:
        return string_lit_to_constructor(e, self.constants)

    def reduce_recursor(self, e: Expr, cheap_rec: bool, cheap_proj: bool) -> Expr | None:
        fn = get_app_fn(e)
        if fn.kind != CONST:
            return None
        info = self.constants.get(fn.name)  # type: ignore[attr-defined]
        if isinstance(info, RecursorInfo):
            return self.inductive_reduce_rec(e, info, cheap_rec, cheap_proj)
        if self.env.quot_initialized and (fn.name is _QUOT_LIFT or fn.name is _QUOT_IND):  # type: ignore[attr-defined]
            return self.quot_reduce_rec(e, fn.name is _QUOT_LIFT, cheap_rec, cheap_proj)  # type: ignore[attr-defined]
        return None

    def _whnf_for_rec(self, e: Expr, cheap_rec: bool, cheap_proj: bool) -> Expr:
        return self.whnf_core(e, cheap_rec, cheap_proj) if cheap_rec else self.whnf(e)

    def quot_reduce_rec(self, e: Expr, is_lift: bool, cheap_rec: bool, cheap_proj: bool) -> Expr | None:
        mk_pos, arg_pos = (5, 3) if is_lift else (4, 3)
        fn, args = get_app_fn_args(e)
        if len(args) <= mk_pos:
            return None
        mk = self._whnf_for_rec(args[mk_pos], cheap_rec, cheap_proj)
        mk_fn, mk_args = get_app_fn_args(mk)
        if mk_fn.kind != CONST or mk_fn.name is not _QUOT_MK or len(mk_args) != 3:  # type: ignore[attr-defined]
            return None
        return mk_app_n(mk_app(args[arg_pos], mk_args[2]), args[mk_pos + 1:])

    def inductive_reduce_rec(self, e: Expr, rec: RecursorInfo, cheap_rec: bool, cheap_proj: bool) -> Expr | None:
        fn, args = get_app_fn_args(e)
        major_idx = rec.major_idx
        if major_idx >= len(args):
            return None
        major = args[major_idx]
        if rec.k:
            c = self.to_ctor_when_k(rec, major)
            if c is not None:
                major = c
        major = self._whnf_for_rec(major, cheap_rec, cheap_proj)
        if major.kind == NATLIT:
            major = nat_lit_to_constructor(major)
        elif major.kind == STRLIT:
            major = self._whnf_for_rec(self.str_lit_to_ctor(major), cheap_rec, cheap_proj)
        else:
            major = self.to_ctor_when_structure(rec.major_induct, major)
        mfn, margs = get_app_fn_args(major)
        if mfn.kind != CONST:
            return None
        rule = rec.rules_by_ctor.get(mfn.name)  # type: ignore[attr-defined]
        if rule is None:
            return None
        if rule.num_fields > len(margs):
            return None
        if len(fn.levels) != len(rec.level_params):  # type: ignore[attr-defined]
            return None
        rhs = self.instantiate_lparams(rec, rule.rhs, fn, fn.levels) if rec.level_params else rule.rhs  # type: ignore[attr-defined]
        rhs = mk_app_n(rhs, args[:rec.num_params + rec.num_motives + rec.num_minors])
        nparams = len(margs) - rule.num_fields
        rhs = mk_app_n(rhs, margs[nparams:])
        return mk_app_n(rhs, args[major_idx + 1:])

    def to_ctor_when_k(self, rec: RecursorInfo, major: Expr) -> Expr | None:
        app_type = self.whnf(self.infer(major))
        I, type_args = get_app_fn_args(app_type)
        if I.kind != CONST or I.name is not rec.major_induct:  # type: ignore[attr-defined]
            return None
        info = self.constants.get(I.name)  # type: ignore[attr-defined]
        if not isinstance(info, InductiveInfo) or not info.ctors:
            return None
        new_ctor = mk_app_n(mk_const(info.ctors[0], I.levels), type_args[:rec.num_params])  # type: ignore[attr-defined]
        new_type = self.infer(new_ctor)
        if not self.is_def_eq(app_type, new_type):
            return None
        return new_ctor

    def is_structure_like(self, name: Name) -> InductiveInfo | None:
        info = self.constants.get(name)
        if isinstance(info, InductiveInfo) and len(info.ctors) == 1 and info.num_indices == 0 and not info.is_rec:
            return info
        return None

    def to_ctor_when_structure(self, induct: Name, e: Expr) -> Expr:
        info = self.is_structure_like(induct)
        if info is None:
            return e
        f = get_app_fn(e)
        if f.kind == CONST and isinstance(self.constants.get(f.name), ConstructorInfo):  # type: ignore[attr-defined]
            return e
        e_type = self.whnf(self.infer(e))
        I, args = get_app_fn_args(e_type)
        if I.kind != CONST or I.name is not induct:  # type: ignore[attr-defined]
            return e
        if self.whnf(self.infer(e_type)) is E.PROP:
            return e
        return self.expand_eta_struct(info, I, args, e)

    def expand_eta_struct(self, info: InductiveInfo, I: Expr, type_args: list[Expr], e: Expr) -> Expr:
        ctor = self.constants[info.ctors[0]]
        assert isinstance(ctor, ConstructorInfo)
        r = mk_app_n(mk_const(ctor.name, I.levels), type_args[:info.num_params])  # type: ignore[attr-defined]
        for i in range(ctor.num_fields):
            r = mk_app(r, E.mk_proj(info.name, i, e))
        return r

    def is_delta(self, e: Expr) -> ConstantInfo | None:
        f = get_app_fn(e)
        if f.kind == CONST:
            info = self.constants.get(f.name)  # type: ignore[attr-defined]
            if isinstance(info, (DefinitionInfo, TheoremInfo)):
                return info
        return None

    def unfold_definition(self, e: Expr) -> Expr | None:
        if e.kind == APP:
            f0, args = get_app_fn_args(e)
            f = self.unfold_definition_core(f0)
            return None if f is None else mk_app_n(f, args)
        return self.unfold_definition_core(e)

    def unfold_definition_core(self, e: Expr) -> Expr | None:
        if e.kind != CONST:
            return None
        info = self.constants.get(e.name)  # type: ignore[attr-defined]
        if not isinstance(info, (DefinitionInfo, TheoremInfo)):
            return None
        if len(e.levels) != len(info.level_params):  # type: ignore[attr-defined]
            return None
        if not info.level_params:
            return info.value
        return self.instantiate_lparams(info, info.value, e, e.levels)  # type: ignore[attr-defined]

    def whnf(self, e: Expr) -> Expr:
        k = e.kind
        if k == BVAR or k == SORT or k == PI or k == NATLIT or k == STRLIT or k == MVAR:
            return e
        if k == FVAR:
            v = e.value  # type: ignore[attr-defined]
            if v is None:
                return e
        r = self.whnf_cache.get(e)
        if r is not None:
            return r
        t = e
        while True:
            if self.gas is not None:
                self.gas.charge()  # type: ignore[attr-defined]
            t1 = self.whnf_core(t)
            v = self.reduce_nat(t1)
            if v is None and self.env.native_evaluator is not None:
                v = self.reduce_native(t1)
            if v is not None:
                self.whnf_cache[e] = v
                return v
            nxt = self.unfold_definition(t1)
            if nxt is None:
                self.whnf_cache[e] = t1
                return t1
            t = nxt

    # ------------------------------------------------------------------ Nat literal extension
    def nat_ext(self, op: Name) -> bool:
        cache = self.env.literal_checks
        if cache.get(op):
            return True
        if not nat_extension_enabled(self.constants, op):
            return False
        ok = verify_nat_equations(self.env, op)
        if ok:
            cache[op] = True
        return ok

    def nat_value(self, e: Expr) -> int | None:
        """The value of `e` if, after whnf, it is a Nat literal or `Nat.zero`."""
        e = self.whnf(e)
        if e.kind == NATLIT:
            return e.val  # type: ignore[attr-defined]
        if e.kind == CONST and e.name is NatNames.zero:  # type: ignore[attr-defined]
            return 0
        return None

    def reduce_native(self, e: Expr) -> Expr | None:
        """`Lean.reduceBool c` / `Lean.reduceNat c` (`c` a constant) computed by the environment's
        `native_evaluator`, as Lean's kernel runs compiled code for them; only called when one is installed."""
        if e.kind != APP or e.arg.kind != CONST or e.fn.kind != CONST:  # type: ignore[attr-defined]
            return None
        op = e.fn.name  # type: ignore[attr-defined]
        if op is not _REDUCE_BOOL and op is not _REDUCE_NAT:
            return None
        r = self.env.native_evaluator(e.arg.name, self.gas)  # type: ignore[attr-defined,operator]
        if op is _REDUCE_BOOL and type(r) is bool:
            return mk_const(_BOOL_TRUE if r else NatNames.bool_false)
        if op is _REDUCE_NAT and type(r) is int and r >= 0:
            return mk_nat_lit(r)
        raise self.error(f"native reduction of '{e.arg.name}' did not produce a literal")  # type: ignore[attr-defined]

    def reduce_nat(self, e: Expr) -> Expr | None:
        if e.flags & E.HAS_FVAR or e.kind != APP:
            return None
        f = e.fn  # type: ignore[attr-defined]
        if f.kind == CONST:
            n = f.name  # type: ignore[attr-defined]
            if (n is NatNames.succ or n is NatNames.log2) and not self.nat_ext(n):
                return None
            if n is NatNames.succ:
                v = self.nat_value(e.arg)  # type: ignore[attr-defined]
                return None if v is None else mk_nat_lit(v + 1)
            if n is NatNames.log2:
                v = self.nat_value(e.arg)  # type: ignore[attr-defined]
                return None if v is None else mk_nat_lit(v.bit_length() - 1 if v > 0 else 0)
            return None
        if f.kind != APP:
            return None
        g = f.fn  # type: ignore[attr-defined]
        if g.kind != CONST:
            return None
        n = g.name  # type: ignore[attr-defined]
        op = NAT_BIN_OPS.get(n)
        pred = None if op is not None else NAT_PREDS.get(n)
        if op is None and pred is None:
            return None
        if not self.nat_ext(n):
            return None
        a = self.nat_value(f.arg)  # type: ignore[attr-defined]
        if a is None:
            return None
        b = self.nat_value(e.arg)  # type: ignore[attr-defined]
        if b is None:
            return None
        if op is not None:
            v = op(a, b)
            return None if v is None else mk_nat_lit(v)
        return mk_const(NatNames.bool_true if pred(a, b) else NatNames.bool_false)  # type: ignore[misc]

    # ------------------------------------------------------------------ definitional equality
    def _eqv_find(self, e: Expr) -> Expr:
        parent = self.eqv_parent
        root = e
        while True:
            p = parent.get(root)
            if p is None:
                break
            root = p
        while e is not root:  # path compression
            p = parent[e]
            parent[e] = root
            e = p
        return root

    def _eqv_add(self, a: Expr, b: Expr) -> None:
        ra = self._eqv_find(a)
        rb = self._eqv_find(b)
        if ra is not rb:
            self.eqv_parent[ra] = rb

    def is_def_eq(self, t: Expr, s: Expr) -> bool:
        if t is s:
            return True
        r = self.is_def_eq_core(t, s)
        if r:
            self._eqv_add(t, s)
        return r

    def is_def_eq_levels(self, ls1: tuple[L.Level, ...], ls2: tuple[L.Level, ...]) -> bool:
        if len(ls1) != len(ls2):
            return False
        for a, b in zip(ls1, ls2):
            if not L.is_equivalent(a, b):
                return False
        return True

    def quick_is_def_eq(self, t: Expr, s: Expr) -> bool | None:
        if t is s or (self.eqv_parent and self._eqv_find(t) is self._eqv_find(s)):
            return True
        k = t.kind
        if k == s.kind:
            if k == LAM or k == PI:
                return self.is_def_eq_binding(t, s)
            if k == SORT:
                return L.is_equivalent(t.level, s.level)  # type: ignore[attr-defined]
            if k == NATLIT or k == STRLIT:
                return t.val == s.val  # type: ignore[attr-defined]
        return None

    def is_def_eq_binding(self, t: Expr, s: Expr) -> bool:
        k = t.kind
        subst: list[Expr] = []
        while True:
            s_dom: Expr | None = None
            if t.type is not s.type:  # type: ignore[attr-defined]
                s_dom = E.instantiate_rev(s.type, subst)  # type: ignore[attr-defined]
                t_dom = E.instantiate_rev(t.type, subst)  # type: ignore[attr-defined]
                if not self.is_def_eq(t_dom, s_dom):
                    return False
            if t.body.lbr or s.body.lbr:  # type: ignore[attr-defined]
                if s_dom is None:
                    s_dom = E.instantiate_rev(s.type, subst)  # type: ignore[attr-defined]
                subst.append(self.fresh_fvar(s.name, s_dom, None, s.bi))  # type: ignore[attr-defined]
            else:
                subst.append(_DONT_CARE)
            t = t.body  # type: ignore[attr-defined]
            s = s.body  # type: ignore[attr-defined]
            if t.kind != k or s.kind != k:
                break
        return self.is_def_eq(E.instantiate_rev(t, subst), E.instantiate_rev(s, subst))

    def is_def_eq_core(self, t: Expr, s: Expr) -> bool:
        if self.gas is not None:
            self.gas.charge()  # type: ignore[attr-defined]
        r = self.quick_is_def_eq(t, s)
        if r is not None:
            return r
        # proofs by reflection: a closed term against `Bool.true` is evaluated
        if s.kind == CONST and s.name is _BOOL_TRUE and not (t.flags & E.HAS_FVAR):  # type: ignore[attr-defined]
            w = self.whnf(t)
            if w.kind == CONST and w.name is _BOOL_TRUE:  # type: ignore[attr-defined]
                return True
        t_n = self.whnf_core(t, False, True)
        s_n = self.whnf_core(s, False, True)
        if t_n is not t or s_n is not s:
            r = self.quick_is_def_eq(t_n, s_n)
            if r is not None:
                return r
        r = self.is_def_eq_proof_irrel(t_n, s_n)
        if r is not None:
            return r
        r, t_n, s_n = self.lazy_delta_reduction(t_n, s_n)
        if r is not None:
            return r
        tk = t_n.kind
        sk = s_n.kind
        if tk == CONST and sk == CONST and t_n.name is s_n.name and \
                self.is_def_eq_levels(t_n.levels, s_n.levels):  # type: ignore[attr-defined]
            return True
        if tk == FVAR and t_n is s_n:
            return True
        if tk == PROJ and sk == PROJ and t_n.idx == s_n.idx:  # type: ignore[attr-defined]
            if self.lazy_delta_proj(t_n.struct, s_n.struct):  # type: ignore[attr-defined]
                return True
        t_nn = self.whnf_core(t_n)
        s_nn = self.whnf_core(s_n)
        if t_nn is not t_n or s_nn is not s_n:
            return self.is_def_eq_core(t_nn, s_nn)
        if self.is_def_eq_app(t_n, s_n):
            return True
        if self.try_eta_expansion(t_n, s_n) or self.try_eta_expansion(s_n, t_n):
            return True
        if self.try_eta_struct(t_n, s_n) or self.try_eta_struct(s_n, t_n):
            return True
        r = self.try_string_lit_expansion(t_n, s_n)
        if r is not None:
            return r
        if self.is_def_eq_unit_like(t_n, s_n):
            return True
        return False

    def lazy_delta_proj(self, t: Expr, s: Expr) -> bool:
        """Projections of the same index: compare the structures, unfolding lazily."""
        return self.is_def_eq(t, s)

    def is_def_eq_proof_irrel(self, t: Expr, s: Expr) -> bool | None:
        t_type = self.infer(t)
        if not self.is_prop(t_type):
            return None
        s_type = self.infer(s)
        return self.is_def_eq(t_type, s_type)

    def is_nat_zero(self, e: Expr) -> bool:
        return (e.kind == NATLIT and e.val == 0) or (e.kind == CONST and e.name is NatNames.zero)  # type: ignore[attr-defined]

    def nat_pred(self, e: Expr) -> Expr | None:
        if e.kind == NATLIT and e.val > 0:  # type: ignore[attr-defined]
            return mk_nat_lit(e.val - 1)  # type: ignore[attr-defined]
        if e.kind == APP and e.fn.kind == CONST and e.fn.name is NatNames.succ:  # type: ignore[attr-defined]
            return e.arg  # type: ignore[attr-defined]
        return None

    def is_def_eq_offset(self, t: Expr, s: Expr) -> bool | None:
        if self.is_nat_zero(t) and self.is_nat_zero(s):
            return True
        pt = self.nat_pred(t)
        if pt is None:
            return None
        ps = self.nat_pred(s)
        if ps is None:
            return None
        return self.is_def_eq_core(pt, ps)

    def lazy_delta_reduction(self, t_n: Expr, s_n: Expr) -> tuple[bool | None, Expr, Expr]:
        while True:
            r = self.is_def_eq_offset(t_n, s_n)
            if r is not None:
                return r, t_n, s_n
            if not (t_n.flags & E.HAS_FVAR) and not (s_n.flags & E.HAS_FVAR):
                v = self.reduce_nat(t_n)
                if v is not None:
                    return self.is_def_eq_core(v, s_n), t_n, s_n
                v = self.reduce_nat(s_n)
                if v is not None:
                    return self.is_def_eq_core(t_n, v), t_n, s_n
                if self.env.native_evaluator is not None:
                    v = self.reduce_native(t_n)
                    if v is not None:
                        return self.is_def_eq_core(v, s_n), t_n, s_n
                    v = self.reduce_native(s_n)
                    if v is not None:
                        return self.is_def_eq_core(t_n, v), t_n, s_n
            d_t = self.is_delta(t_n)
            d_s = self.is_delta(s_n)
            if d_t is None and d_s is None:
                return None, t_n, s_n
            if self.gas is not None:
                self.gas.charge()  # type: ignore[attr-defined]
            if d_t is not None and d_s is None:
                u = self.unfold_definition(t_n)
                if u is None:
                    return None, t_n, s_n
                t_n = self.whnf_core(u, False, True)
            elif d_t is None:
                u = self.unfold_definition(s_n)
                if u is None:
                    return None, t_n, s_n
                s_n = self.whnf_core(u, False, True)
            else:
                c = self.delta_order(d_t, d_s)
                if c < 0:
                    u = self.unfold_definition(t_n)
                    if u is None:
                        return None, t_n, s_n
                    t_n = self.whnf_core(u, False, True)
                elif c > 0:
                    u = self.unfold_definition(s_n)
                    if u is None:
                        return None, t_n, s_n
                    s_n = self.whnf_core(u, False, True)
                else:
                    if t_n.kind == APP and s_n.kind == APP and d_t is d_s and self.args_first(d_t, t_n, s_n):
                        key = (t_n, s_n)
                        if key not in self.failure_cache:
                            if self.is_def_eq_levels(get_app_fn(t_n).levels, get_app_fn(s_n).levels) and \
                                    self.is_def_eq_args(t_n, s_n):  # type: ignore[attr-defined]
                                return True, t_n, s_n
                            self.failure_cache.add(key)
                    ut = self.unfold_definition(t_n)
                    us = self.unfold_definition(s_n)
                    if ut is None or us is None:
                        return None, t_n, s_n
                    t_n = self.whnf_core(ut, False, True)
                    s_n = self.whnf_core(us, False, True)
            r = self.quick_is_def_eq(t_n, s_n)
            if r is not None:
                return r, t_n, s_n

    def delta_order(self, d_t: ConstantInfo, d_s: ConstantInfo) -> int:
        """Which side lazy delta unfolds: below 0 the left, above 0 the right, 0 both (or their arguments)."""
        return _hints(d_t).compare(_hints(d_s))

    def args_first(self, info: ConstantInfo, t: Expr, s: Expr) -> bool:
        """Whether lazy delta compares the arguments of two applications of `info` before unfolding both."""
        return _hints(info).kind == "regular"

    def is_def_eq_args(self, t: Expr, s: Expr) -> bool:
        while t.kind == APP and s.kind == APP:
            if not self.is_def_eq(t.arg, s.arg):  # type: ignore[attr-defined]
                return False
            t = t.fn  # type: ignore[attr-defined]
            s = s.fn  # type: ignore[attr-defined]
        return t.kind != APP and s.kind != APP

    def is_def_eq_app(self, t: Expr, s: Expr) -> bool:
        if t.kind != APP or s.kind != APP:
            return False
        tf, ta = get_app_fn_args(t)
        sf, sa = get_app_fn_args(s)
        if len(ta) != len(sa) or not self.is_def_eq(tf, sf):
            return False
        for a, b in zip(ta, sa):
            if not self.is_def_eq(a, b):
                return False
        return True

    def try_eta_expansion(self, t: Expr, s: Expr) -> bool:
        if t.kind == LAM and s.kind != LAM:
            s_type = self.whnf(self.infer(s))
            if s_type.kind != PI:
                return False
            new_s = E.mk_lam(s_type.name, s_type.type, mk_app(s, E.mk_bvar(0)), s_type.bi)  # type: ignore[attr-defined]
            return self.is_def_eq(t, new_s)
        return False

    def try_eta_struct(self, t: Expr, s: Expr) -> bool:
        f, args = get_app_fn_args(s)
        if f.kind != CONST:
            return False
        ctor = self.constants.get(f.name)  # type: ignore[attr-defined]
        if not isinstance(ctor, ConstructorInfo):
            return False
        if len(args) != ctor.num_params + ctor.num_fields:
            return False
        if self.is_structure_like(ctor.induct) is None:
            return False
        if not self.is_def_eq(self.infer(t), self.infer(s)):
            return False
        for i in range(ctor.num_params, len(args)):
            if not self.is_def_eq(E.mk_proj(ctor.induct, i - ctor.num_params, t), args[i]):
                return False
        return True

    def try_string_lit_expansion(self, t: Expr, s: Expr) -> bool | None:
        for a, b in ((t, s), (s, t)):
            if a.kind == STRLIT and b.kind == APP:
                head = get_app_fn(b)
                if head.kind == CONST and head.name in (_STRING_MK, _STRING_OF_LIST):  # type: ignore[attr-defined]
                    return self.is_def_eq_core(self.str_lit_to_ctor(a), b)
        return None

    def is_def_eq_unit_like(self, t: Expr, s: Expr) -> bool:
        t_type = self.whnf(self.infer(t))
        I = get_app_fn(t_type)
        if I.kind != CONST:
            return False
        info = self.is_structure_like(I.name)  # type: ignore[attr-defined]
        if info is None:
            return False
        ctor = self.constants[info.ctors[0]]
        if not isinstance(ctor, ConstructorInfo) or ctor.num_fields != 0:
            return False
        return self.is_def_eq_core(t_type, self.infer(s))


def _hints(info: ConstantInfo):  # type: ignore[no-untyped-def]
    from .declaration import OPAQUE_HINTS

    if isinstance(info, DefinitionInfo):
        return info.hints
    return OPAQUE_HINTS  # theorems unfold last


def verify_nat_equations(env: Environment, op: Name) -> bool:
    """Do `op`'s defining equations hold definitionally on variables? They determine `op` on every
    numeral, so computing it on literals with Python ints agrees with unfolding its definition."""
    equations = nat_equations(op)
    if equations is None:
        return True  # trusted by its type, as Lean's kernel does (see literals.TRUSTED_BY_TYPE)
    if op in env.verifying_literals:
        return False  # `op` is not computed on literals while its own equations are being checked
    env.verifying_literals.add(op)
    try:
        for dep in equations.requires:
            if not TypeChecker(env).nat_ext(dep):
                return False
        tc = TypeChecker(env)
        n = tc.fresh_fvar(Name.of("n"), mk_const(NatNames.nat))
        m = tc.fresh_fvar(Name.of("m"), mk_const(NatNames.nat))
        return all(tc.is_def_eq(lhs, rhs) for lhs, rhs in equations.build(n, m))
    except KernelError:
        return False
    finally:
        env.verifying_literals.discard(op)
