"""Lean's injectivity theorems of a constructor, built when first named (as `T.noConfusion` is):

    C.inj   : ∀ {ps} {a₁ … aₙ} {b₁ … bₙ}, C ps a₁ … aₙ = C ps b₁ … bₙ → a₁ = b₁ ∧ … ∧ aₙ = bₙ
    C.injEq : ∀ {ps} (a₁ … aₙ) (b₁ … bₙ), (C ps a₁ … aₙ = C ps b₁ … bₙ) = (a₁ = b₁ ∧ … ∧ aₙ = bₙ)

The conclusion leaves out the fields that are proofs (they are equal by proof irrelevance). `inj` is proved
field by field by congruence with a function defined by the recursor (as the `injection` tactic does), the
converse of `injEq` by congruence (`congr`), and `injEq` from both by `propext`. Built for constructors with at
least one field that is not a proof, whose fields' types do not depend on one another, of a type without
indices that eliminates into any universe; for others the names stay unknown.
"""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import ConstructorInfo, InductiveInfo, RecursorInfo, TheoremDecl
from ..kernel.errors import KernelError
from ..kernel.expr import PI, Expr, FVar
from ..kernel.name import Name
from ..kernel.typechecker import TypeChecker
from .mctx import implicit_prefix

__all__ = ["case_function", "ensure_injectivity"]

_NEEDED = ("Eq", "Eq.refl", "And", "And.intro", "And.left", "And.right", "congrArg", "congr", "propext", "Iff.intro")


def ensure_injectivity(env: Any, ctor: Name) -> bool:
    """Add `ctor.inj` and `ctor.injEq` to `env` when `ctor` is a constructor they are built for; True when
    they are there."""
    if env.find(ctor.append("injEq")) is not None:
        return True
    info = env.find(ctor)
    if not isinstance(info, ConstructorInfo) or any(env.find(Name.of(n)) is None for n in _NEEDED):
        return False
    ind = env.find(info.induct)
    rec = env.find(info.induct.append("rec"))
    if not isinstance(ind, InductiveInfo) or not isinstance(rec, RecursorInfo) or ind.num_indices \
            or len(ind.all) != 1 or len(rec.level_params) != len(ind.level_params) + 1:
        return False
    try:
        _build(env, info, ind)
    except KernelError:
        return False
    return env.find(ctor.append("injEq")) is not None


def _build(env: Any, info: ConstructorInfo, ind: InductiveInfo) -> None:
    counter = E.FVarCounter()
    tc = TypeChecker(env)
    levels = [L.param(u) for u in info.level_params]
    t = info.type
    params: list[FVar] = []
    for _ in range(info.num_params):
        x = E.mk_fvar(t.name, t.type, None, E.IMPLICIT, counter)  # type: ignore[attr-defined]
        params.append(x)
        t = E.instantiate1(t.body, x)  # type: ignore[attr-defined]
    field_types: list[Expr] = []
    names: list[Name] = []
    ft = t
    while ft.kind == PI:
        if ft.body.lbr:  # type: ignore[attr-defined]
            return   # a later field's type depends on this one: Lean states those by `HEq`
        field_types.append(ft.type)  # type: ignore[attr-defined]
        names.append(ft.name)  # type: ignore[attr-defined]
        ft = ft.body  # type: ignore[attr-defined]
    fields_a = [E.mk_fvar(n, ty, None, E.DEFAULT, counter) for n, ty in zip(names, field_types)]
    fields_b = [E.mk_fvar(n, ty, None, E.DEFAULT, counter) for n, ty in zip(names, field_types)]
    sorts = []
    for ty in field_types:
        s = tc.whnf(tc.infer(ty))
        if s.kind != E.SORT:
            return
        sorts.append(s.level)  # type: ignore[attr-defined]
    data = [i for i, u in enumerate(sorts) if L.to_nat(L.normalize(u)) != 0]
    if not data:
        return
    self_t = E.mk_app_n(E.mk_const(ind.name, levels), params)
    ind_u = tc.whnf(tc.infer(self_t)).level  # type: ignore[attr-defined]
    ctor = E.mk_app_n(E.mk_const(info.name, levels), params)
    lhs, rhs = E.mk_app_n(ctor, fields_a), E.mk_app_n(ctor, fields_b)
    eq_lv = [ind_u]
    hyp_t = E.mk_app_n(E.mk_const(Name.of("Eq"), eq_lv), [self_t, lhs, rhs])
    eqs = [E.mk_app_n(E.mk_const(Name.of("Eq"), [sorts[i]]), [field_types[i], fields_a[i], fields_b[i]]) for i in data]
    conj = _and(eqs)
    h = E.mk_fvar(Name.of("h"), hyp_t, None, E.DEFAULT, counter)
    # inj: field by field, `congrArg (fun x => T.rec … (field i of C; aᵢ for the others) x) h`
    proofs = []
    for i in data:
        f = case_function(env, ind, levels, params, field_types[i], sorts[i],
                          lambda c, fs, i=i: fs[i] if c.name is info.name else fields_a[i])
        assert f is not None   # the type was checked to eliminate into any universe
        proofs.append(E.mk_app_n(E.mk_const(Name.of("congrArg"), [ind_u, sorts[i]]),
                                 [self_t, field_types[i], lhs, rhs, f, h]))
    inj_body = _and_intro(eqs, proofs)
    inj_type = E.mk_pi_fvars(params + fields_a + fields_b + [h], conj)
    inj_value = E.mk_lambda_fvars(params + fields_a + fields_b + [h], inj_body)
    # `inj`'s fields are implicit (the parameters already are), `injEq`'s explicit
    inj_type = implicit_prefix(inj_type, len(params) + 2 * len(fields_a))
    inj_value = implicit_prefix(inj_value, len(params) + 2 * len(fields_a))
    if env.find(info.name.append("inj")) is None:   # the prelude states some (`Nat.succ.inj`) itself
        env.add(TheoremDecl(info.name.append("inj"), info.level_params, inj_type, inj_value))
    # the converse: `congr (… (congrArg (C ps) e₁) …) eₙ`, a proof field by `rfl` (proof irrelevance)
    c = E.mk_fvar(Name.of("h"), conj, None, E.DEFAULT, counter)
    parts = _and_parts(eqs, c)
    acc_f_a, acc_f_b = ctor, ctor
    acc: Expr | None = None
    rest_t = t
    for i, ty in enumerate(field_types):
        rest_t = rest_t.body  # type: ignore[attr-defined]
        cod = rest_t   # the type of `C ps a₁ … aᵢ` (fields do not depend on each other)
        if i in data:
            e_i = parts[data.index(i)]
        else:
            e_i = E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [sorts[i]]), [ty, fields_a[i]])
        cod_u = tc.whnf(tc.infer(cod)).level  # type: ignore[attr-defined]
        if acc is None:
            acc = E.mk_app_n(E.mk_const(Name.of("congrArg"), [sorts[i], cod_u]),
                             [ty, cod, fields_a[i], fields_b[i], ctor, e_i])
        else:
            acc = E.mk_app_n(E.mk_const(Name.of("congr"), [sorts[i], cod_u]),
                             [ty, cod, acc_f_a, acc_f_b, fields_a[i], fields_b[i], acc, e_i])
        acc_f_a, acc_f_b = E.mk_app(acc_f_a, fields_a[i]), E.mk_app(acc_f_b, fields_b[i])
    assert acc is not None
    inj_app = E.mk_app_n(E.mk_const(info.name.append("inj"), levels), params + fields_a + fields_b)
    iff = E.mk_app_n(E.mk_const(Name.of("Iff.intro")), [hyp_t, conj, inj_app, E.mk_lambda_fvars([c], acc)])
    value = E.mk_app_n(E.mk_const(Name.of("propext")), [hyp_t, conj, iff])
    statement = E.mk_app_n(E.mk_const(Name.of("Eq"), [L.ONE]), [E.PROP, hyp_t, conj])
    env.add(TheoremDecl(info.name.append("injEq"), info.level_params,
                        E.mk_pi_fvars(params + fields_a + fields_b, statement),
                        E.mk_lambda_fvars(params + fields_a + fields_b, value)))


def _and(ps: list[Expr]) -> Expr:
    out = ps[-1]
    for p in reversed(ps[:-1]):
        out = E.mk_app_n(E.mk_const(Name.of("And")), [p, out])
    return out


def _and_intro(ps: list[Expr], proofs: list[Expr]) -> Expr:
    out = proofs[-1]
    for k in range(len(ps) - 2, -1, -1):
        out = E.mk_app_n(E.mk_const(Name.of("And.intro")), [ps[k], _and(ps[k + 1:]), proofs[k], out])
    return out


def _and_parts(ps: list[Expr], c: Expr) -> list[Expr]:
    """Proofs of each `ps[i]` from `c : ps₀ ∧ (ps₁ ∧ …)`."""
    out = []
    cur = c
    for k in range(len(ps) - 1):
        rest = _and(ps[k + 1:])
        out.append(E.mk_app_n(E.mk_const(Name.of("And.left")), [ps[k], rest, cur]))
        cur = E.mk_app_n(E.mk_const(Name.of("And.right")), [ps[k], rest, cur])
    out.append(cur)
    return out


def case_function(env: Any, ind: InductiveInfo, levels: list, params: list[Expr], result_t: Expr, result_u: Any,
                  pick: Any) -> Expr | None:
    """`fun x => T.rec (motive := fun _ => result_t) minors x` where the minor of constructor `c` returns
    `pick(c, fields)`; None when `T` is not a lone inductive type without indices whose recursor can eliminate
    into `result_t`'s universe (or `pick` gives None)."""
    rec = env.find(ind.name.append("rec"))
    if not isinstance(rec, RecursorInfo) or len(ind.all) > 1 or ind.num_indices:
        return None
    if len(rec.level_params) != len(ind.level_params) + 1:
        return None  # eliminates into Prop only
    counter = E.FVarCounter()
    rec_levels = [result_u] + list(levels)
    rt = E.instantiate_level_params(rec.type, rec.level_params, rec_levels)
    for p in params:
        rt = E.instantiate1(rt.body, p)  # type: ignore[attr-defined]
    self_t = E.mk_app_n(E.mk_const(ind.name, list(levels)), params)
    motive = E.mk_lam(Name.of("x"), self_t, result_t)
    rt = E.instantiate1(rt.body, motive)  # type: ignore[attr-defined]
    minors: list[Expr] = []
    for cname in ind.ctors:
        cinfo = env.find(cname)
        xs: list[FVar] = []
        mt = rt.type  # type: ignore[attr-defined]
        while mt.kind == PI:
            x = E.mk_fvar(mt.name, mt.type, None, E.DEFAULT, counter)  # type: ignore[attr-defined]
            xs.append(x)
            mt = E.instantiate1(mt.body, x)  # type: ignore[attr-defined]
        body = pick(cinfo, xs[:cinfo.num_fields])
        if body is None:
            return None
        minors.append(E.mk_lambda_fvars(xs, body))
        rt = E.instantiate1(rt.body, minors[-1])  # type: ignore[attr-defined]
    x = E.mk_fvar(Name.of("x"), self_t, None, E.DEFAULT, counter)
    app = E.mk_app_n(E.mk_const(rec.name, rec_levels), list(params) + [motive] + minors + [x])
    return E.mk_lambda_fvars([x], app)
