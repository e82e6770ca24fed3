"""Inductive declarations: well-formedness, positivity, universe checks and recursor generation
(after Lean 4's inductive.cpp). Nested inductives are translated to a mutual block of auxiliary
types, checked, and their recursors translated back.

Recursors are always generated here; constants a producer claims for the block are compared with
the generated ones and a recursor the kernel did not generate is rejected.
"""
from __future__ import annotations

from . import declaration as D
from . import expr as E
from . import level as L
from .environment import Environment, check_closed, check_level_params
from .errors import KernelError
from .expr import CONST, PI, Expr, FVar, alpha_eqv, get_app_fn, get_app_fn_args, instantiate, mk_app_n, mk_const
from .name import Name
from .typechecker import TypeChecker


def add_inductive(env: Environment, decl: D.InductiveDecl, claimed: list[D.ConstantInfo] | None) -> None:
    added: list[Name] = []
    try:
        _add_inductive(env, decl, claimed, added)
    except BaseException:
        for n in added:
            env.constants.pop(n, None)
        raise


def _add_inductive(env: Environment, decl: D.InductiveDecl, claimed: list[D.ConstantInfo] | None,
                   added: list[Name]) -> None:
    if not decl.types:
        raise KernelError("empty inductive declaration")
    first = decl.types[0].name
    check_level_params(first, decl.level_params)
    nested = NestedElimination(env, decl)
    aux_decl = nested.run()
    if not nested.aux2nested:
        checker = InductiveChecker(env, decl, added, num_nested=0)
        generated = checker.run()
    else:
        checker = InductiveChecker(env, aux_decl, added, num_nested=len(aux_decl.types) - len(decl.types))
        aux_generated = checker.run()
        generated = nested.restore(env, aux_generated, added)
    if claimed is not None:
        compare_claimed(generated, claimed)


# ---------------------------------------------------------------------------------------------
class InductiveChecker:
    def __init__(self, env: Environment, decl: D.InductiveDecl, added: list[Name], num_nested: int) -> None:
        self.env = env
        self.decl = decl
        self.added = added
        self.num_nested = num_nested
        self.lparams = decl.level_params
        self.levels = tuple(L.param(p) for p in self.lparams)
        self.nparams = decl.num_params
        self.is_unsafe = decl.is_unsafe
        self.tc = TypeChecker(env, self.lparams, D.UNSAFE if decl.is_unsafe else D.SAFE, decl_name=decl.types[0].name)
        self.params: list[FVar] = []
        self.nindices: list[int] = []
        self.ind_consts: list[Expr] = []
        self.ind_names: dict[Name, int] = {}
        self.result_level: L.Level = L.ZERO
        self.is_not_zero = False
        self.elim_level: L.Level = L.ZERO
        self.k_target = False

    def err(self, msg: str, name: Name | None = None) -> KernelError:
        return KernelError(msg, name if name is not None else self.decl.types[0].name)

    def fvar_for(self, binder: Expr) -> FVar:
        return self.tc.fresh_fvar(binder.name, consume_type_annotations(binder.type), None, binder.bi)  # type: ignore[attr-defined]

    def run(self) -> list[D.ConstantInfo]:
        self.check_inductive_types()
        infos = self.declare_inductive_types()
        infos += self.check_and_declare_constructors()
        self.init_elim_level()
        self.init_k_target()
        infos += self.declare_recursors()
        return infos

    def _insert(self, info: D.ConstantInfo) -> None:
        self.env._insert(info)
        self.added.append(info.name)

    # ------------------------------------------------------------------ types
    def check_inductive_types(self) -> None:
        tc = self.tc
        for idx, ind in enumerate(self.decl.types):
            self.env.check_fresh(ind.name)
            self.env.check_fresh(ind.name.append("rec"))
            if ind.name in self.ind_names:
                raise self.err(f"duplicate inductive type name '{ind.name}'")
            check_closed(ind.name, ind.type, "type")
            tc.ensure_sort(tc.check(ind.type), ind.type)
            t = tc.whnf(ind.type)
            i = 0
            nind = 0
            while t.kind == PI:
                if i < self.nparams:
                    if idx == 0:
                        p = self.fvar_for(t)
                        self.params.append(p)
                    else:
                        if not tc.is_def_eq(t.type, self.params[i].type):  # type: ignore[attr-defined]
                            raise self.err("parameters of all inductive datatypes must match", ind.name)
                        p = self.params[i]
                    t = instantiate(t.body, (p,))  # type: ignore[attr-defined]
                    i += 1
                else:
                    t = instantiate(t.body, (self.fvar_for(t),))  # type: ignore[attr-defined]
                    nind += 1
                t = tc.whnf(t)
            if i != self.nparams:
                raise self.err("number of parameters mismatch in inductive datatype declaration", ind.name)
            s = tc.ensure_sort(t, ind.type)
            if idx == 0:
                self.result_level = s.level  # type: ignore[attr-defined]
                self.is_not_zero = L.is_not_zero(self.result_level)
            elif not L.is_equivalent(s.level, self.result_level):  # type: ignore[attr-defined]
                raise self.err("mutually inductive types must live in the same universe", ind.name)
            self.nindices.append(nind)
            self.ind_consts.append(mk_const(ind.name, self.levels))
            self.ind_names[ind.name] = idx

    def has_ind_occ(self, e: Expr) -> bool:
        names = self.ind_names
        return E.find(e, lambda x: x.kind == CONST and x.name in names) is not None  # type: ignore[attr-defined]

    def is_rec(self) -> bool:
        for ind in self.decl.types:
            for c in ind.ctors:
                t = c.type
                while t.kind == PI:
                    if self.has_ind_occ(t.type):  # type: ignore[attr-defined]
                        return True
                    t = t.body  # type: ignore[attr-defined]
        return False

    def is_reflexive(self) -> bool:
        for ind in self.decl.types:
            for c in ind.ctors:
                t = c.type
                while t.kind == PI:
                    a = t.type  # type: ignore[attr-defined]
                    if a.kind == PI and self.has_ind_occ(a):
                        return True
                    t = instantiate(t.body, (self.fvar_for(t),))  # type: ignore[attr-defined]
        return False

    def declare_inductive_types(self) -> list[D.ConstantInfo]:
        is_rec = self.is_rec()
        is_refl = self.is_reflexive()
        all_names = tuple(t.name for t in self.decl.types)
        infos: list[D.ConstantInfo] = []
        for idx, ind in enumerate(self.decl.types):
            info = D.InductiveInfo(ind.name, self.lparams, ind.type, self.nparams, self.nindices[idx], all_names,
                                   tuple(c.name for c in ind.ctors), self.num_nested, is_rec, self.is_unsafe,
                                   is_refl)
            self._insert(info)
            infos.append(info)
        return infos

    # ------------------------------------------------------------------ constructors
    def is_valid_ind_app(self, t: Expr, idx: int | None = None, indices: bool = True) -> int | None:
        """The index of the block type `t` is a well-formed application of (`idx` if given), else None.
        Without `indices`, an index may mention the block's types."""
        f, args = get_app_fn_args(t)
        if f.kind != CONST:
            return None
        j = self.ind_names.get(f.name)  # type: ignore[attr-defined]
        if j is None or (idx is not None and j != idx):
            return None
        if f is not self.ind_consts[j] or len(args) != self.nparams + self.nindices[j]:
            return None
        for i in range(self.nparams):
            if args[i] is not self.params[i]:
                return None
        if indices and any(self.has_ind_occ(a) for a in args[self.nparams:]):
            return None
        return j

    def is_rec_argument(self, t: Expr) -> int | None:
        tc = self.tc
        t = tc.whnf(t)
        while t.kind == PI:
            t = tc.whnf(instantiate(t.body, (self.fvar_for(t),)))  # type: ignore[attr-defined]
        return self.is_valid_ind_app(t)

    def check_positivity(self, t: Expr, ctor: Name, arg_idx: int) -> None:
        tc = self.tc
        while True:
            t = tc.whnf(t)
            if not self.has_ind_occ(t):
                return
            if t.kind == PI:
                if self.has_ind_occ(t.type):  # type: ignore[attr-defined]
                    raise self.err(f"arg #{arg_idx + 1} of '{ctor}' has a non positive occurrence of the datatypes "
                                   "being declared", ctor)
                t = instantiate(t.body, (self.fvar_for(t),))  # type: ignore[attr-defined]
                continue
            if self.is_valid_ind_app(t) is not None:
                return
            raise self.err(f"arg #{arg_idx + 1} of '{ctor}' contains a non valid occurrence of the datatypes being declared",
                           ctor)

    def check_and_declare_constructors(self) -> list[D.ConstantInfo]:
        tc = self.tc
        infos: list[D.ConstantInfo] = []
        seen: set[Name] = set()
        for idx, ind in enumerate(self.decl.types):
            for cidx, c in enumerate(ind.ctors):
                n = c.name
                if n in seen:
                    raise self.err(f"duplicate constructor name '{n}'", n)
                seen.add(n)
                self.env.check_fresh(n)
                check_closed(n, c.type, "constructor type")
                tc.ensure_sort(tc.check(c.type), c.type)
                t = c.type
                i = 0
                while t.kind == PI:
                    if i < self.nparams:
                        if not tc.is_def_eq(t.type, self.params[i].type):  # type: ignore[attr-defined]
                            raise self.err(f"arg #{i + 1} of '{n}' does not match inductive datatype parameters", n)
                        t = instantiate(t.body, (self.params[i],))  # type: ignore[attr-defined]
                    else:
                        s = tc.ensure_sort(tc.infer(t.type), t.type)  # type: ignore[attr-defined]
                        if not (L.is_geq(self.result_level, s.level) or self.result_level is L.ZERO):  # type: ignore[attr-defined]
                            raise self.err(f"universe level of type_of(arg #{i + 1}) of '{n}' is too big for the "
                                           "corresponding inductive datatype", n)
                        if not self.is_unsafe:
                            self.check_positivity(t.type, n, i)  # type: ignore[attr-defined]
                        t = instantiate(t.body, (self.fvar_for(t),))  # type: ignore[attr-defined]
                    i += 1
                if i < self.nparams:
                    raise self.err(f"constructor '{n}' has fewer arguments than the datatype has parameters", n)
                if self.is_valid_ind_app(t, idx) is None:
                    if self.is_valid_ind_app(t, idx, indices=False) is not None:   # Lean's message for it
                        raise self.err("invalid occurrence of a datatype being declared in an index of the mutual "
                                       "declaration", n)
                    raise self.err(f"invalid return type for '{n}'", n)
                info = D.ConstructorInfo(n, self.lparams, c.type, ind.name, cidx, self.nparams, i - self.nparams,
                                         self.is_unsafe)
                infos.append(info)
        for info in infos:
            self._insert(info)
        return infos

    # ------------------------------------------------------------------ recursors
    def elim_only_at_universe_zero(self) -> bool:
        if self.is_not_zero:
            return False
        if len(self.decl.types) > 1:
            return True
        ctors = self.decl.types[0].ctors
        if len(ctors) > 1:
            return True
        if not ctors:
            return False
        tc = self.tc
        t = ctors[0].type
        i = 0
        to_check: list[FVar] = []
        while t.kind == PI:
            fv = self.fvar_for(t)
            if i >= self.nparams:
                s = tc.ensure_sort(tc.infer(t.type), t.type)  # type: ignore[attr-defined]
                if s.level is not L.ZERO:  # type: ignore[attr-defined]
                    to_check.append(fv)
            t = instantiate(t.body, (fv,))  # type: ignore[attr-defined]
            i += 1
        result_args = E.get_app_args(t)
        return any(not any(a is fv for a in result_args) for fv in to_check)

    def init_elim_level(self) -> None:
        if self.elim_only_at_universe_zero():
            self.elim_level = L.ZERO
            return
        u = Name.of("u")
        i = 1
        while u in self.lparams:
            u = Name.str(Name.anonymous(), f"u_{i}")
            i += 1
        self.elim_level = L.param(u)

    def init_k_target(self) -> None:
        self.k_target = (len(self.decl.types) == 1 and self.result_level is L.ZERO
                         and len(self.decl.types[0].ctors) == 1)
        if not self.k_target:
            return
        t = self.decl.types[0].ctors[0].type
        i = 0
        while t.kind == PI:
            if i >= self.nparams:
                self.k_target = False
                return
            t = t.body  # type: ignore[attr-defined]
            i += 1

    def rec_levels(self) -> tuple[L.Level, ...]:
        if self.elim_level.kind == L.PARAM_K:
            return (self.elim_level,) + self.levels
        return self.levels

    def rec_lparams(self) -> tuple[Name, ...]:
        if self.elim_level.kind == L.PARAM_K:
            return (self.elim_level.a,) + self.lparams  # type: ignore[operator]
        return self.lparams

    def _ctor_fields(self, c: D.Constructor) -> tuple[list[FVar], list[FVar], Expr]:
        """Fields (after the parameters), the recursive ones among them, and the result type."""
        t = c.type
        i = 0
        fields: list[FVar] = []
        rec_fields: list[FVar] = []
        while t.kind == PI:
            if i < self.nparams:
                t = instantiate(t.body, (self.params[i],))  # type: ignore[attr-defined]
            else:
                fv = self.fvar_for(t)
                fields.append(fv)
                if self.is_rec_argument(t.type) is not None:  # type: ignore[attr-defined]
                    rec_fields.append(fv)
                t = instantiate(t.body, (fv,))  # type: ignore[attr-defined]
            i += 1
        return fields, rec_fields, t

    def _indices_of(self, t: Expr) -> tuple[int, list[Expr]]:
        j = self.is_valid_ind_app(t)
        if j is None:
            raise self.err("ill-formed inductive application")
        return j, E.get_app_args(t)[self.nparams:]

    def _rec_field_telescope(self, u: FVar) -> tuple[list[FVar], Expr]:
        tc = self.tc
        t = tc.whnf(u.type)
        xs: list[FVar] = []
        while t.kind == PI:
            x = self.fvar_for(t)
            xs.append(x)
            t = tc.whnf(instantiate(t.body, (x,)))  # type: ignore[attr-defined]
        return xs, t

    def declare_recursors(self) -> list[D.ConstantInfo]:
        tc = self.tc
        types = self.decl.types
        multi = len(types) > 1
        indices_list: list[list[FVar]] = []
        majors: list[FVar] = []
        motives: list[FVar] = []
        for idx, ind in enumerate(types):
            t = tc.whnf(ind.type)
            i = 0
            idxs: list[FVar] = []
            while t.kind == PI:
                if i < self.nparams:
                    t = instantiate(t.body, (self.params[i],))  # type: ignore[attr-defined]
                else:
                    fv = self.fvar_for(t)
                    idxs.append(fv)
                    t = instantiate(t.body, (fv,))  # type: ignore[attr-defined]
                i += 1
                t = tc.whnf(t)
            major = tc.fresh_fvar(Name.of("t"), mk_app_n(mk_app_n(self.ind_consts[idx], self.params), idxs))
            motive_type = E.mk_pi_fvars(idxs, E.mk_pi_fvars([major], E.mk_sort(self.elim_level)))
            motive_name = Name.str(Name.anonymous(), f"motive_{idx + 1}") if multi else Name.of("motive")
            motives.append(tc.fresh_fvar(motive_name, motive_type, None, E.IMPLICIT))
            indices_list.append(idxs)
            majors.append(major)
        minors: list[FVar] = []
        minors_by_type: list[list[FVar]] = []
        rec_names = [ind.name.append("rec") for ind in types]
        levels = self.rec_levels()
        for idx, ind in enumerate(types):
            mins: list[FVar] = []
            for c in ind.ctors:
                fields, rec_fields, res = self._ctor_fields(c)
                j, it_indices = self._indices_of(res)
                intro = mk_app_n(mk_app_n(mk_const(c.name, self.levels), self.params), fields)
                c_app = mk_app_n(mk_app_n(motives[j], it_indices), [intro])
                ihs: list[FVar] = []
                for u in rec_fields:
                    xs, ut = self._rec_field_telescope(u)
                    k, ut_indices = self._indices_of(ut)
                    ih_type = E.mk_pi_fvars(xs, mk_app_n(mk_app_n(motives[k], ut_indices), [mk_app_n(u, xs)]))
                    ihs.append(tc.fresh_fvar(_ih_name(u.name), ih_type))
                minor_type = E.mk_pi_fvars(fields, E.mk_pi_fvars(ihs, c_app))
                mins.append(tc.fresh_fvar(_strip_prefix(c.name, ind.name), minor_type))
            minors_by_type.append(mins)
            minors.extend(mins)
        infos: list[D.ConstantInfo] = []
        all_names = tuple(t.name for t in types)
        minor_idx = 0
        rec_lparams = self.rec_lparams()
        for idx, ind in enumerate(types):
            idxs = indices_list[idx]
            major = majors[idx]
            c_app = mk_app_n(mk_app_n(motives[idx], idxs), [major])
            # as Lean shows recursors: parameters, motives and indices implicit
            binders = list(self.params) + motives + minors + idxs + [major]
            bis = ([E.IMPLICIT] * (len(self.params) + len(motives)) + [E.DEFAULT] * len(minors)
                   + [E.IMPLICIT] * len(idxs) + [E.DEFAULT])
            rec_type = E.mk_binding(True, binders, c_app, bis)
            rules: list[D.RecursorRule] = []
            for c in ind.ctors:
                fields, rec_fields, _ = self._ctor_fields(c)
                vs: list[Expr] = []
                for u in rec_fields:
                    xs, ut = self._rec_field_telescope(u)
                    k, ut_indices = self._indices_of(ut)
                    rec_app = mk_app_n(mk_const(rec_names[k], levels),
                                       list(self.params) + motives + minors + ut_indices + [mk_app_n(u, xs)])
                    vs.append(E.mk_lambda_fvars(xs, rec_app))
                e_app = mk_app_n(mk_app_n(minors[minor_idx], fields), vs)
                binders = list(self.params) + motives + minors + fields
                bis = ([p.bi for p in self.params] + [E.DEFAULT] * (len(motives) + len(minors))
                       + [f.bi for f in fields])
                rhs = E.mk_binding(False, binders, e_app, bis)
                rules.append(D.RecursorRule(c.name, len(fields), rhs))
                minor_idx += 1
            info = D.RecursorInfo(rec_names[idx], rec_lparams, rec_type, all_names, self.nparams,
                                  self.nindices[idx], len(motives), len(minors), tuple(rules), self.k_target,
                                  self.is_unsafe, ind.name, {r.ctor: r for r in rules})
            infos.append(info)
        for info in infos:
            self._insert(info)
        return infos


_OPT_PARAM = Name.of("optParam")
_AUTO_PARAM = Name.of("autoParam")
_OUT_PARAM = Name.of("outParam")
_SEMI_OUT_PARAM = Name.of("semiOutParam")


def consume_type_annotations(t: Expr) -> Expr:
    """Strip `optParam T d`, `autoParam T tac`, `outParam T` and `semiOutParam T` wrappers, as Lean does for recursor binders."""
    while t.kind == E.APP:
        f = get_app_fn(t)
        if f.kind != CONST:
            break
        n = E.get_app_num_args(t)
        if (f.name is _OPT_PARAM or f.name is _AUTO_PARAM) and n == 2:  # type: ignore[attr-defined]
            t = t.fn.arg  # type: ignore[attr-defined]
        elif (f.name is _OUT_PARAM or f.name is _SEMI_OUT_PARAM) and n == 1:  # type: ignore[attr-defined]
            t = t.arg  # type: ignore[attr-defined]
        else:
            break
    return t


def _ih_name(n: Name) -> Name:
    """`x` ↦ `x_ih`; for a hygienic name `x._@.M._hyg.3` the suffix goes on the base name, as in Lean."""
    comps = n.components()
    cut = comps.index("_@") if "_@" in comps else len(comps)
    base, rest = comps[:cut], comps[cut:]
    while base and isinstance(base[-1], int):
        rest.insert(0, base.pop())
    base = base[:-1] + [f"{base[-1]}_ih"] if base else ["x_ih"]
    return Name.from_components(base + rest)


def _strip_prefix(n: Name, prefix: Name) -> Name:
    comps = n.components()
    pre = prefix.components()
    if comps[:len(pre)] == pre:
        comps = comps[len(pre):]
    return Name.from_components(comps)


# ---------------------------------------------------------------------------------------------
class NestedElimination:
    """Replace nested occurrences `I Ds` (an existing inductive applied to parameters that mention the
    block's types) by auxiliary types added to the block; afterwards translate the results back."""

    def __init__(self, env: Environment, decl: D.InductiveDecl) -> None:
        self.env = env
        self.decl = decl
        self.levels = tuple(L.param(p) for p in decl.level_params)
        self.nparams = decl.num_params
        self.new_types: list[D.InductiveType] = list(decl.types)
        self.params: list[FVar] = []
        self.nested_aux: list[tuple[Expr, Name]] = []  # (λ params, I Ds) -> auxiliary type name
        self.aux2nested: dict[Name, Expr] = {}  # auxiliary type -> `I Ds` over self.params
        self.next_idx = 1
        self.tc = TypeChecker(env, decl.level_params, decl_name=decl.types[0].name)

    def err(self, msg: str) -> KernelError:
        return KernelError(msg, self.decl.types[0].name)

    def aux_name(self) -> Name:
        base = self.decl.types[0].name
        while True:
            n = Name.str(base, f"_nested_{self.next_idx}")
            self.next_idx += 1
            if n not in self.env:
                return n

    def instantiate_pi_params(self, e: Expr, args: list[Expr]) -> Expr:
        for _ in args:
            if e.kind != PI:
                raise self.err("invalid nested inductive datatype, number of parameters mismatch")
            e = e.body  # type: ignore[attr-defined]
        return E.instantiate_rev(e, args)

    def is_nested_app(self, e: Expr) -> tuple[Expr, list[Expr], D.InductiveInfo] | None:
        if e.kind != E.APP:
            return None
        fn, args = get_app_fn_args(e)
        if fn.kind != CONST:
            return None
        info = self.env.find(fn.name)  # type: ignore[attr-defined]
        if not isinstance(info, D.InductiveInfo):
            return None
        np = info.num_params
        if np > len(args):
            return None
        names = {t.name for t in self.new_types}
        nested = False
        loose = False
        for a in args[:np]:
            if a.lbr:
                loose = True
            if E.find(a, lambda x: x.kind == CONST and x.name in names) is not None:  # type: ignore[attr-defined]
                nested = True
        if not nested:
            return None
        if loose:
            raise self.err(f"invalid nested inductive datatype '{fn.name}', nested inductive datatypes parameters "  # type: ignore[attr-defined]
                           "cannot contain local variables.")
        return fn, args, info

    def replace_if_nested(self, e: Expr) -> Expr | None:
        found = self.is_nested_app(e)
        if found is None:
            return None
        fn, args, info = found
        np = info.num_params
        i_ds = mk_app_n(fn, args[:np])
        key = E.mk_lambda_fvars(self.params, i_ds)
        for k, aux in self.nested_aux:
            if k is key:
                return mk_app_n(mk_app_n(mk_const(aux, self.levels), self.params), args[np:])
        result: Expr | None = None
        for j_name in info.all:
            j_info = self.env.get(j_name)
            assert isinstance(j_info, D.InductiveInfo)
            j = mk_const(j_name, fn.levels)  # type: ignore[attr-defined]
            j_key = E.mk_lambda_fvars(self.params, mk_app_n(j, args[:np]))
            aux = self.aux_name()
            aux_type = E.instantiate_level_params(j_info.type, j_info.level_params, fn.levels)  # type: ignore[attr-defined]
            aux_type = E.mk_pi_fvars(self.params, self.instantiate_pi_params(aux_type, args[:np]))
            self.nested_aux.append((j_key, aux))
            self.aux2nested[aux] = mk_app_n(j, args[:np])
            if j_name is fn.name:  # type: ignore[attr-defined]
                result = mk_app_n(mk_app_n(mk_const(aux, self.levels), self.params), args[np:])
            ctors = []
            for c_name in j_info.ctors:
                c_info = self.env.get(c_name)
                c_type = E.instantiate_level_params(c_info.type, c_info.level_params, fn.levels)  # type: ignore[attr-defined]
                c_type = E.mk_pi_fvars(self.params, self.instantiate_pi_params(c_type, args[:np]))
                ctors.append(D.Constructor(_replace_prefix(c_name, j_name, aux), c_type))
            self.new_types.append(D.InductiveType(aux, aux_type, tuple(ctors)))
        return result

    def run(self) -> D.InductiveDecl:
        t = self.decl.types[0].type
        for _ in range(self.nparams):
            if t.kind != PI:
                raise self.err("invalid inductive datatype declaration, incorrect number of parameters")
            p = self.tc.fresh_fvar(t.name, t.type, None, t.bi)  # type: ignore[attr-defined]
            self.params.append(p)
            t = instantiate(t.body, (p,))  # type: ignore[attr-defined]
        q = 0
        while q < len(self.new_types):
            ind = self.new_types[q]
            ctors = []
            for c in ind.ctors:
                ct = self.instantiate_pi_params(c.type, self.params) if self.nparams else c.type
                ct = E.replace(ct, lambda x, off: self.replace_if_nested(x))
                # the constructor keeps its own binder infos for the parameters (`{α}` in `RoseTree.mk`)
                ct = _with_param_infos(E.mk_pi_fvars(self.params, ct), c.type, self.nparams)
                ctors.append(D.Constructor(c.name, ct))
            self.new_types[q] = D.InductiveType(ind.name, ind.type, tuple(ctors))
            q += 1
        if not self.aux2nested:
            return self.decl
        return D.InductiveDecl(self.decl.level_params, self.nparams, tuple(self.new_types), self.decl.is_unsafe)

    # ------------------------------------------------------------------ translating back
    def restore_nested(self, e: Expr, rec_names: dict[Name, Name]) -> Expr:
        is_pi = e.kind == PI
        As: list[FVar] = []
        for _ in range(self.nparams):
            if e.kind not in (PI, E.LAM):
                raise self.err("unexpected shape while restoring a nested inductive")
            a = self.tc.fresh_fvar(e.name, e.type, None, e.bi)  # type: ignore[attr-defined]
            As.append(a)
            e = instantiate(e.body, (a,))  # type: ignore[attr-defined]
        env = self.env
        params = self.params

        def nested_over(aux: Name) -> Expr:
            return E.instantiate_rev(E.abstract(self.aux2nested[aux], params), As)

        def repl(t: Expr, off: int) -> Expr | None:
            if t.kind == CONST:
                new = rec_names.get(t.name)  # type: ignore[attr-defined]
                if new is not None:
                    return mk_const(new, t.levels)  # type: ignore[attr-defined]
            fn = get_app_fn(t)
            if fn.kind != CONST:
                return None
            if fn.name in self.aux2nested:  # type: ignore[attr-defined]
                args = E.get_app_args(t)
                return mk_app_n(nested_over(fn.name), args[self.nparams:])  # type: ignore[attr-defined]
            info = env.find(fn.name)  # type: ignore[attr-defined]
            if isinstance(info, D.ConstructorInfo) and info.induct in self.aux2nested:
                args = E.get_app_args(t)
                I, I_args = get_app_fn_args(nested_over(info.induct))
                c_name = _replace_prefix(info.name, info.induct, I.name)  # type: ignore[attr-defined]
                return mk_app_n(mk_app_n(mk_const(c_name, I.levels), I_args), args[self.nparams:])  # type: ignore[attr-defined]
            return None

        e = E.replace(e, repl)
        return E.mk_pi_fvars(As, e) if is_pi else E.mk_lambda_fvars(As, e)

    def restore(self, env: Environment, aux_generated: list[D.ConstantInfo], added: list[Name]) -> list[D.ConstantInfo]:
        originals = [t.name for t in self.decl.types]
        all_names = tuple(originals)
        by_name = {i.name: i for i in aux_generated}
        first = originals[0]
        rec_names: dict[Name, Name] = {}
        aux_types = [t.name for t in self.new_types[len(originals):]]
        for i, aux in enumerate(aux_types):
            rec_names[aux.append("rec")] = Name.str(first, f"rec_{i + 1}")
        result: list[D.ConstantInfo] = []
        for ind_name in originals:
            ind = by_name[ind_name]
            assert isinstance(ind, D.InductiveInfo)
            result.append(D.InductiveInfo(ind.name, ind.level_params, ind.type, ind.num_params, ind.num_indices,
                                          all_names, ind.ctors, ind.num_nested, ind.is_rec, ind.unsafe,
                                          ind.is_reflexive))
            for c_name in ind.ctors:
                c = by_name[c_name]
                assert isinstance(c, D.ConstructorInfo)
                result.append(D.ConstructorInfo(c.name, c.level_params, self.restore_nested(c.type, rec_names),
                                                c.induct, c.cidx, c.num_params, c.num_fields, c.unsafe))
        rec_order = [n.append("rec") for n in originals] + [a.append("rec") for a in aux_types]
        for rec_name in rec_order:
            rec = by_name[rec_name]
            assert isinstance(rec, D.RecursorInfo)
            new_name = rec_names.get(rec_name, rec_name)
            rules = []
            for r in rec.rules:
                c_info = by_name.get(r.ctor)
                c_name = r.ctor
                if isinstance(c_info, D.ConstructorInfo) and c_info.induct in self.aux2nested:
                    I = get_app_fn(self.aux2nested[c_info.induct])
                    c_name = _replace_prefix(r.ctor, c_info.induct, I.name)  # type: ignore[attr-defined]
                rules.append(D.RecursorRule(c_name, r.num_fields, self.restore_nested(r.rhs, rec_names)))
            major = rec.major_induct
            if major in self.aux2nested:
                major = get_app_fn(self.aux2nested[major]).name  # type: ignore[attr-defined]
            result.append(D.RecursorInfo(new_name, rec.level_params, self.restore_nested(rec.type, rec_names),
                                         all_names, rec.num_params, rec.num_indices, rec.num_motives,
                                         rec.num_minors, tuple(rules), rec.k, rec.unsafe, major,
                                         {r.ctor: r for r in rules}))
        # swap the auxiliary block for the restored constants
        for n in list(added):
            env.constants.pop(n, None)
        added.clear()
        for info in result:
            env._insert(info)
            added.append(info.name)
        return result


def _with_param_infos(e: Expr, original: Expr, nparams: int) -> Expr:
    """`e` with the binder infos of its first `nparams` Π binders taken from `original`'s."""
    infos = []
    t = original
    for _ in range(nparams):
        if t.kind != PI:
            return e
        infos.append(t.bi)  # type: ignore[attr-defined]
        t = t.body  # type: ignore[attr-defined]
    binders = []
    for bi in infos:
        if e.kind != PI:
            return e
        binders.append((e.name, e.type, bi))  # type: ignore[attr-defined]
        e = e.body  # type: ignore[attr-defined]
    for name, ty, bi in reversed(binders):
        e = E.mk_pi(name, ty, e, bi)
    return e


def _replace_prefix(n: Name, prefix: Name, new_prefix: Name) -> Name:
    comps = n.components()
    pre = prefix.components()
    if comps[:len(pre)] != pre:
        return n
    return Name.from_components(new_prefix.components() + comps[len(pre):])


# ---------------------------------------------------------------------------------------------
def compare_claimed(generated: list[D.ConstantInfo], claimed: list[D.ConstantInfo]) -> None:
    """Every claimed constant must be one the kernel generated (or installed: quotients), with the same
    type and data; terms are compared ignoring binder names and infos, universe parameters by position."""
    gen = {g.name: g for g in generated}
    for c in claimed:
        g = gen.get(c.name)
        if g is None:
            raise KernelError("not generated by this declaration (a recursor must be one the kernel derives)", c.name)
        if type(g) is not type(c):
            raise KernelError("declared as the wrong kind of constant", c.name)
        if len(g.level_params) != len(c.level_params):
            raise KernelError(f"has {len(c.level_params)} universe parameters, the kernel generates "
                              f"{len(g.level_params)}", c.name)

        def same(a: Expr, b: Expr) -> bool:
            if g.level_params != c.level_params:
                a = E.instantiate_level_params(a, g.level_params, [L.param(p) for p in c.level_params])
            return alpha_eqv(a, b)

        if not same(g.type, c.type):
            raise KernelError("does not have the type the kernel generates", c.name)
        if isinstance(g, D.InductiveInfo):
            assert isinstance(c, D.InductiveInfo)
            fields = ("num_params", "num_indices", "all", "ctors", "num_nested", "is_rec", "unsafe", "is_reflexive")
        elif isinstance(g, D.ConstructorInfo):
            assert isinstance(c, D.ConstructorInfo)
            fields = ("induct", "cidx", "num_params", "num_fields", "unsafe")
        elif isinstance(g, D.QuotInfo):
            fields = ("kind",)
        elif isinstance(g, D.RecursorInfo):
            assert isinstance(c, D.RecursorInfo)
            fields = ("num_params", "num_indices", "num_motives", "num_minors", "k", "unsafe")
            if len(g.rules) != len(c.rules):
                raise KernelError(f"has {len(c.rules)} rules, the kernel generates {len(g.rules)}", c.name)
            for gr, cr in zip(g.rules, c.rules):
                if gr.ctor is not cr.ctor or gr.num_fields != cr.num_fields or not same(gr.rhs, cr.rhs):
                    raise KernelError(f"the rule for '{cr.ctor}' differs from the generated one", c.name)
        else:
            fields = ()
        for f in fields:
            gv, cv = getattr(g, f), getattr(c, f)
            if gv != cv:
                raise KernelError(f"{f} is {cv!r} but the kernel computes {gv!r}", c.name)
