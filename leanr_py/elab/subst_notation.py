"""`h ▸ e`: transport `e` along the equation `h : a = b`, as Lean's `elabSubst`.

With an expected type `T`: the occurrences of `b` in `T` are abstracted (else those of `a`, and `h` is used
backwards), `e` is elaborated against `T[b := a]`, and the result is `@Eq.rec α a (fun x _ => T[b := x]) e b h`.
If `e` does not have that type but its own type mentions `b`, `e` is first transported backwards. Without an
expected type, the occurrences of `a` in the type of `e` become `b`.
"""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel.errors import KernelError
from ..kernel.expr import Expr
from ..kernel.name import Name
from ..kernel.typechecker import TypeChecker
from ..syntax import ast as A
from .errors import ElabError

__all__ = ["elab_subst"]


def elab_subst(te: Any, stx: A.BinOp, expected: Expr | None) -> Expr:
    from ..tactic.cases import kabstract   # the tactic layer's `kabstract` only needs `te.meta`

    meta = te.meta
    heq = te.elab(stx.lhs, None)
    te.synthesize(False)
    heq_t = meta.instantiate_mvars(meta.infer_type(heq))
    f, args = E.get_app_fn_args(meta.whnf(heq_t))
    if f.kind != E.CONST or f.name != Name.of("Eq") or len(args) != 3:  # type: ignore[attr-defined]
        raise ElabError(f"invalid `▸` notation, argument\n  {te.pp(heq)}\nhas type\n  {te.pp(heq_t)}\n"
                        "equality expected", stx.lhs.span)
    alpha, lhs, rhs = args
    uncertain = False
    if expected is not None:
        expected = meta.instantiate_mvars(expected)
        uncertain = bool(meta.mctx.collect_mvars(expected))   # Lean would postpone until it is known
        abst = kabstract(te, expected, rhs)
        if not abst.lbr:
            abst = kabstract(te, expected, lhs)
            if not abst.lbr:
                if uncertain:
                    raise ElabError("`▸` whose expected type is not known yet is not supported yet", stx.span)
                raise ElabError(f"invalid `▸` notation, expected result type of cast is \n  {te.pp(expected)}\n"
                                f"however, the equality \n  {te.pp(heq)}\nof type \n  {te.pp(heq_t)}\ndoes not "
                                "contain the expected result type on either the left or the right hand side",
                                stx.span)
            heq = _symm(te, alpha, lhs, rhs, heq)
            lhs, rhs = rhs, lhs
        want = E.instantiate1(abst, lhs)
        e = _elab_transported(te, stx, want, alpha, lhs, rhs, heq)
        return _eq_rec(te, alpha, lhs, rhs, abst, e, heq, stx, uncertain)
    e = te.elab(stx.rhs, None)
    e_t = meta.instantiate_mvars(meta.infer_type(e))
    abst = kabstract(te, e_t, lhs)
    if not abst.lbr:
        raise ElabError(f"invalid `▸` notation, the equality\n  {te.pp(heq)}\nhas type \n  {te.pp(heq_t)}\n"
                        f"but its left hand side is not mentioned in the type\n  {te.pp(e_t)}", stx.span)
    return _eq_rec(te, alpha, lhs, rhs, abst, e, heq, stx, True)


def _elab_transported(te: Any, stx: A.BinOp, want: Expr, alpha: Expr, lhs: Expr, rhs: Expr, heq: Expr) -> Expr:
    """`e` against `want`; failing that, `e` transported backwards when its type mentions `rhs`."""
    from ..tactic.cases import kabstract

    meta = te.meta
    st = meta.save()
    try:
        e = te.elab(stx.rhs, want)
        te.ensure_has_type(want, e, stx.rhs.span)
        meta.commit(st)
        return e
    except ElabError as exc:
        meta.restore(st)
        e = te.elab(stx.rhs, None)
        e_t = meta.instantiate_mvars(meta.infer_type(e))
        abst = kabstract(te, e_t, rhs)
        if not abst.lbr or not meta.is_def_eq(E.instantiate1(abst, lhs), want):
            raise exc from None
        back = _symm(te, alpha, lhs, rhs, heq)
        return _eq_rec(te, alpha, rhs, lhs, abst, e, back, stx, True)


def _symm(te: Any, alpha: Expr, a: Expr, b: Expr, h: Expr) -> Expr:
    """`h.symm : b = a`."""
    return E.mk_app_n(E.mk_const(Name.of("Eq.symm"), [_level(te, alpha)]), [alpha, a, b, h])


def _level(te: Any, ty: Expr) -> Any:
    meta = te.meta
    s = meta.whnf(meta.instantiate_mvars(meta.infer_type(ty)))
    if s.kind != E.SORT:
        raise ElabError("invalid `▸` notation: the equation's type is not a type")
    return s.level  # type: ignore[attr-defined]


def _eq_rec(te: Any, alpha: Expr, a: Expr, b: Expr, abst: Expr, e: Expr, h: Expr, stx: A.BinOp,
            check: bool) -> Expr:
    """`@Eq.rec α a (fun x _ => abst[x]) e b h`, refused with Lean's message when the motive is ill-typed."""
    meta = te.meta
    x = meta.mk_local(Name.of("x"), alpha)
    hx = meta.mk_local(Name.of("h"), E.mk_app_n(E.mk_const(Name.of("Eq"), [_level(te, alpha)]), [alpha, a, x]))
    body = E.instantiate1(abst, x)
    motive = meta.mk_lambda_fvars([x, hx], body)
    closed = meta.instantiate_mvars(motive)
    if check and not meta.mctx.collect_mvars(closed):
        try:
            TypeChecker(te.env).infer(closed)
        except KernelError:
            raise ElabError("invalid `▸` notation, failed to compute motive for the substitution", stx.span) \
                from None
    u = _level(te, meta.instantiate_mvars(meta.infer_type(e)))
    return E.mk_app_n(E.mk_const(Name.of("Eq.rec"), [u, _level(te, alpha)]), [alpha, a, motive, e, b, h])
