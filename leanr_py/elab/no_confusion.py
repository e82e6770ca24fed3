"""`T.noConfusionType` and `T.noConfusion`, with Lean 4.29's statements (the heterogeneous form):

    T.noConfusionType.{w} (P : Sort w) {ps} (t : T ps) {ps'} (t' : T ps') : Sort w
      -- P → P for the same constructor without fields, P for different constructors, and
      -- (f₁ = f₁' → … → P) → P for the same constructor (`≍` where the two fields' types differ;
      -- fields that are proofs are left out)
    T.noConfusion.{w} {P : Sort w} {ps} {t : T ps} {ps'} {t' : T ps'} (eqs : ps = ps') (h : t ≍ t') :
      T.noConfusionType P t t'

(`t = t'` when `T` has no parameters; a parameter whose type depends on earlier ones is related by `≍`.)
Both are kernel-checked definitions built from `T.casesOn`, `Eq.ndrec` and `eq_of_heq`, as Lean builds them.
Inductive families (indices), nested and propositional types get none yet.
"""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import DefinitionDecl, InductiveInfo
from ..kernel.errors import KernelError
from ..kernel.expr import Expr, FVar
from ..kernel.name import Name
from ..kernel.typechecker import TypeChecker
from .errors import ElabError
from .match import ABBREV_HINTS, ensure_cases_on, intro_binders

__all__ = ["ensure_no_confusion"]

_NEEDED = ("Eq", "Eq.refl", "Eq.ndrec", "HEq", "HEq.refl", "eq_of_heq")


def ensure_no_confusion(env: Any, ind: Name) -> bool:
    """Add `ind.noConfusionType` and `ind.noConfusion` to `env` when `ind` is a type they are built for
    and the prelude has what they need; True when they are there."""
    nct_name, nc_name = ind.append("noConfusionType"), ind.append("noConfusion")
    if env.find(nc_name) is not None:
        return True
    info = env.find(ind)
    if (not isinstance(info, InductiveInfo) or info.num_indices or info.num_nested or len(info.all) != 1
            or any(env.find(Name.of(n)) is None for n in _NEEDED) or env.find(nct_name) is not None):
        return False
    if _is_prop_family(env, info):
        return False   # distinct proofs are equal: nothing to tell apart
    try:
        cases_on = ensure_cases_on(env, ind)
    except ElabError:
        return False
    if len(env.find(cases_on).level_params) == len(info.level_params):
        return False   # eliminates only into `Prop`
    try:
        _Builder(env, info, cases_on).add(nct_name, nc_name)
    except KernelError as exc:
        raise ElabError(f"(kernel) could not build '{nc_name}': {exc.message}") from None
    return True


_GADGETS = {Name.of("outParam"): 1, Name.of("semiOutParam"): 1, Name.of("optParam"): 2, Name.of("autoParam"): 2}


def _without_annotations(t: Expr) -> Expr:
    """`t` without the `outParam`/`optParam`/… wrappers on top (Lean states these constructions without)."""
    while True:
        f, args = E.get_app_fn_args(t)
        if f.kind != E.CONST or _GADGETS.get(f.name) != len(args):  # type: ignore[attr-defined]
            return t
        t = args[0]


def _is_prop_family(env: Any, info: InductiveInfo) -> bool:
    t = info.type
    tc = TypeChecker(env)
    counter = E.FVarCounter()
    while True:
        t = tc.whnf(t)
        if t.kind != E.PI:
            return t is E.PROP
        t = E.instantiate1(t.body, E.mk_fvar(t.name, t.type, None, t.bi, counter))  # type: ignore[attr-defined]


class _Builder:
    def __init__(self, env: Any, info: InductiveInfo, cases_on: Name) -> None:
        self.env, self.info, self.cases_on = env, info, cases_on
        self.counter = E.FVarCounter()
        self.tc = TypeChecker(env)
        taken = {str(p) for p in info.level_params}
        w = next(n for n in ["u"] + [f"u_{i}" for i in range(1, 100)] if n not in taken)
        self.w = Name.of(w)
        self.W = L.param(self.w)
        self.lparams = (self.w,) + tuple(info.level_params)
        self.ind_lv = [L.param(p) for p in info.level_params]

    # ------------------------------------------------------------------ helpers
    def fvar(self, name: Any, ty: Expr, bi: int = E.DEFAULT) -> FVar:
        return E.mk_fvar(name if isinstance(name, Name) else Name.of(name), ty, None, bi, self.counter)

    def sort_level(self, ty: Expr) -> Any:
        s = self.tc.whnf(self.tc.infer(ty))
        return s.level  # type: ignore[attr-defined]

    @staticmethod
    def subst(e: Expr, olds: list[FVar], news: list[Expr]) -> Expr:
        return E.instantiate_rev(E.abstract(e, olds), news) if olds else e

    def copies(self, xs: list[FVar], suffix: str) -> list[FVar]:
        """Implicit fresh locals standing for `xs` (names with `suffix`), each type over the earlier copies."""
        out: list[FVar] = []
        for x in xs:
            ty = _without_annotations(self.subst(x.type, xs[:len(out)], list(out)))
            out.append(self.fvar(Name.of(str(x.name) + suffix), ty, E.IMPLICIT))
        return out

    def eq_or_heq(self, a: Expr, b: Expr) -> tuple[Expr, bool]:
        """`a = b` when both sides have the same type, else `a ≍ b` (and whether it is `≍`)."""
        ta, tb = self.tc.infer(a), self.tc.infer(b)
        lv = self.sort_level(ta)
        if ta is tb:
            return E.mk_app_n(E.mk_const(Name.of("Eq"), [lv]), [ta, a, b]), False
        return E.mk_app_n(E.mk_const(Name.of("HEq"), [lv]), [ta, a, tb, b]), True

    def ctor_fields(self, ctor: Name, ps: list[FVar], suffix: str) -> list[FVar]:
        c = self.env.find(ctor)
        t = E.instantiate_level_params(c.type, c.level_params, self.ind_lv)
        for p in ps:
            t = E.instantiate1(self.tc.whnf(t).body if t.kind != E.PI else t.body, p)  # type: ignore[attr-defined]
        fields: list[FVar] = []
        for _ in range(c.num_fields):
            t = t if t.kind == E.PI else self.tc.whnf(t)
            f = self.fvar(Name.of(str(t.name) + suffix), t.type, t.bi)  # type: ignore[attr-defined]
            fields.append(f)
            t = E.instantiate1(t.body, f)  # type: ignore[attr-defined]
        return fields

    def ind_app(self, ps: list[Expr]) -> Expr:
        return E.mk_app_n(E.mk_const(self.info.name, self.ind_lv), ps)

    def cases(self, ps: list[Expr], motive: Expr, major: Expr, minors: list[Expr]) -> Expr:
        lv = [self.sort_level(E.mk_app(motive, major))] + self.ind_lv
        return E.mk_app_n(E.mk_const(self.cases_on, lv), list(ps) + [motive, major] + minors)

    # ------------------------------------------------------------------ the two definitions
    def add(self, nct_name: Name, nc_name: Name) -> None:
        info = self.info
        raw, _ = intro_binders(info.type, info.num_params, self.counter)
        ps = self.copies(raw, "")
        ps2 = self.copies(ps, "'")
        P = self.fvar("P", E.mk_sort(self.W))
        t = self.fvar("t", self.ind_app(ps))
        t2 = self.fvar("t'", self.ind_app(ps2))
        sort_w = E.mk_sort(self.W)
        # the field equations per constructor (with whether each is `≍`), shared by both definitions
        self.kinds: dict[Name, list[bool]] = {}
        outer_minors: list[Expr] = []
        for ci in info.ctors:
            fs = self.ctor_fields(ci, ps, "")
            inner_minors: list[Expr] = []
            for cj in info.ctors:
                fs2 = self.ctor_fields(cj, ps2, "_1")
                if ci is cj:
                    hyps: list[Expr] = []
                    kinds: list[bool] = []
                    for a, b in zip(fs, fs2):
                        if self.tc.is_prop(a.type):
                            continue
                        eq, heq = self.eq_or_heq(a, b)
                        hyps.append(eq)
                        kinds.append(heq)
                    self.kinds[ci] = kinds
                    k_t = P
                    for h in reversed(hyps):
                        k_t = E.mk_arrow(h, k_t)
                    res = E.mk_arrow(k_t, P)
                else:
                    res = P
                inner_minors.append(E.mk_lambda_fvars(fs2, res))
            motive2 = E.mk_lambda_fvars([self.fvar("t", self.ind_app(ps2))], sort_w)
            outer_minors.append(E.mk_lambda_fvars(fs, self.cases(ps2, motive2, t2, inner_minors)))
        motive = E.mk_lambda_fvars([self.fvar("t", self.ind_app(ps))], sort_w)
        nct_body = self.cases(ps, motive, t, outer_minors)
        nct_binders = [P] + ps + [t] + ps2 + [t2]
        nct_bis = [E.DEFAULT] + [E.IMPLICIT] * len(ps) + [E.DEFAULT] + [E.IMPLICIT] * len(ps2) + [E.DEFAULT]
        nct_type = E.mk_binding(True, nct_binders, sort_w, nct_bis)
        nct_val = E.mk_binding(False, nct_binders, nct_body, nct_bis)
        self.env.add(DefinitionDecl(nct_name, self.lparams, nct_type, nct_val, ABBREV_HINTS))
        nct_const = E.mk_const(nct_name, [self.W] + self.ind_lv)

        def nct(p_s: list[Expr], a: Expr, p_s2: list[Expr], b: Expr) -> Expr:
            return E.mk_app_n(nct_const, [P] + p_s + [a] + p_s2 + [b])

        # noConfusion: one equation per parameter, then one between the values
        targets = ps2 + [t2]
        sources: list[Expr] = list(ps) + [t]
        eqs: list[FVar] = []
        heqs: list[bool] = []
        single = len(targets) == 1
        for k, (src, tgt) in enumerate(zip(sources, targets)):
            eq, heq = self.eq_or_heq(src, tgt)
            eqs.append(self.fvar("eq" if single else f"eq_{k + 1}", eq))
            heqs.append(heq)
        goal = nct(list(ps), t, list(ps2), t2)
        body = self._transport(0, sources, targets, eqs, heqs, {}, nct, ps, t)
        nc_binders = [P] + ps + [t] + ps2 + [t2] + eqs
        nc_bis = [E.IMPLICIT] * (len(nc_binders) - len(eqs)) + [E.DEFAULT] * len(eqs)
        nc_type = E.mk_binding(True, nc_binders, goal, nc_bis)
        nc_val = E.mk_binding(False, nc_binders, body, nc_bis)
        self.env.add(DefinitionDecl(nc_name, self.lparams, nc_type, nc_val, ABBREV_HINTS))

    def _transport(self, i: int, sources: list[Expr], targets: list[FVar], eqs: list[FVar], heqs: list[bool],
                   cur: dict[FVar, Expr], nct: Any, ps: list[FVar], t: FVar) -> Expr:
        """A proof of `noConfusionType P …` where the targets before `i` are their sources (`cur` gives the
        locals in scope for the others): `Eq.ndrec` along equation `i`, generalizing what comes after it."""
        originals = targets + eqs

        def at(e: Expr, m: dict[FVar, Expr]) -> Expr:
            keys = [x for x in originals if x in m]
            return self.subst(e, keys, [m[x] for x in keys])

        if i == len(targets):
            return self._refl_cases(nct, ps, t)
        src, tgt, eqv = sources[i], targets[i], eqs[i]
        rest = targets[i + 1:] + eqs[i + 1:]
        goal = nct(list(ps), t, targets[:-1], targets[-1])

        def opened(value: Expr) -> tuple[list[FVar], dict[FVar, Expr]]:
            m = dict(cur)
            m[tgt] = value
            fresh: list[FVar] = []
            for r in rest:
                y = self.fvar(r.name, at(r.type, m), r.bi if r in targets else E.DEFAULT)
                fresh.append(y)
                m[r] = y
            return fresh, m

        x = self.fvar(tgt.name, at(tgt.type, cur))
        rest_x, m_x = opened(x)
        motive_body = E.mk_binding(True, rest_x, at(goal, m_x), [y.bi for y in rest_x])
        motive = E.mk_lambda_fvars([x], motive_body)
        rest_a, m_a = opened(src)
        minor = E.mk_binding(False, rest_a, self._transport(i + 1, sources, targets, eqs, heqs, m_a, nct, ps, t),
                             [y.bi for y in rest_a])
        a_type = self.tc.infer(src)
        h: Expr = cur.get(eqv, eqv)
        if heqs[i]:
            h = E.mk_app_n(E.mk_const(Name.of("eq_of_heq"), [self.sort_level(a_type)]),
                           [a_type, src, cur.get(tgt, tgt), h])
        ndrec = E.mk_app_n(E.mk_const(Name.of("Eq.ndrec"), [self.sort_level(motive_body), self.sort_level(a_type)]),
                           [a_type, src, motive, minor, cur.get(tgt, tgt), h])
        return E.mk_app_n(ndrec, [cur.get(r, r) for r in rest])

    def _refl_cases(self, nct: Any, ps: list[FVar], t: FVar) -> Expr:
        """`T.casesOn t` proving `noConfusionType P t t`: each case is `fun fs k => k rfl …`."""
        info = self.info
        tm = self.fvar("t", self.ind_app(ps))
        motive = E.mk_lambda_fvars([tm], nct(list(ps), tm, list(ps), tm))
        minors: list[Expr] = []
        for c in info.ctors:
            fs = self.ctor_fields(c, ps, "")
            val = E.mk_app_n(E.mk_const(c, self.ind_lv), list(ps) + fs)
            kept = [f for f in fs if not self.tc.is_prop(f.type)]
            k_t = nct(list(ps), val, list(ps), val)
            k_t = self.tc.whnf(k_t).type  # type: ignore[attr-defined]  # `(eqs → P) → P`: k's type
            k = self.fvar("k", k_t)
            refls: list[Expr] = []
            for f, heq in zip(kept, self.kinds[c]):
                ft = f.type
                lv = self.sort_level(ft)
                refls.append(E.mk_app_n(E.mk_const(Name.of("HEq.refl" if heq else "Eq.refl"), [lv]), [ft, f]))
            minors.append(E.mk_lambda_fvars(fs + [k], E.mk_app_n(k, refls)))
        return self.cases(ps, motive, t, minors)
