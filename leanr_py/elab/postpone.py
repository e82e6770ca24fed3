"""Which `fun` arguments wait for the other arguments of an application before they are elaborated.

Lean elaborates `fun x => x.succ` against `?α → ?β` and, meeting field notation on `x` whose type is still
the metavariable `?α`, postpones the whole `fun` until the other arguments have fixed `?α`
(`xs.map (fun x => x.succ)`: the receiver `xs` comes after the function). leanr decides this up front: an
untyped-binder `fun` whose binder type is unknown and whose body uses field notation on such a binder
(`x.f`, `(x).f`, `x.1`) or applies it (`fun y => y x`, also `(· x)`) is elaborated after the other arguments. Other `fun`s keep their place, as their
elaboration order can matter to unification (motives, `congrArg`)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..kernel import expr as E
from ..kernel.expr import Expr
from ..syntax import ast as A

if TYPE_CHECKING:
    from .term import TermElaborator

__all__ = ["POSTPONED_TERMS", "Postpone", "PostponedCoercion", "is_resuming", "may_postpone", "postpone_coercion",
           "postpone_term", "resume_postponed",
           "waits_for_binder_type"]


def _untyped_binder_names(lam: A.Lam) -> set[str]:
    names: set[str] = set()
    for b in lam.binders:
        if isinstance(b, A.Ident):
            names.add(b.name)
        elif isinstance(b, A.Binder) and b.type is None:
            names.update(n.name for n in b.names if isinstance(n, A.Ident))
    return names


def _receiver_name(node: A.Node) -> str | None:
    """The binder name `x` when `node` needs `x`'s type to be known: field notation on it (`x.f…`, `(x).f`,
    `x.1`) or an application of it (`x a`)."""
    if isinstance(node, A.Ident) and "." in node.name:
        return node.name.split(".", 1)[0]
    if isinstance(node, A.App) and isinstance(node.fn, A.Ident) and "." not in node.fn.name:
        return node.fn.name
    if isinstance(node, A.Proj):
        inner = node.term
        while isinstance(inner, A.Paren):
            inner = inner.term
        if isinstance(inner, A.Ident):
            return inner.name
    return None


def _uses_field_of(body: A.Node, names: set[str]) -> bool:
    from .match import iter_nodes   # match.py imports the term elaborator, which imports this module

    return any(_receiver_name(node) in names for node in iter_nodes(body, A.Node, inside=True))


def waits_for_binder_type(te: "TermElaborator", arg: A.Node, dom: Expr) -> bool:
    """Should the argument `arg` (expected type `dom`) be elaborated after the other arguments?"""
    parens = 0
    while isinstance(arg, A.Paren):
        arg = arg.term
        parens += 1
    cdot_applied = parens > 0 and isinstance(arg, A.App) and isinstance(arg.fn, A.Cdot)  # `(· x)`, `(·.f)`
    if not isinstance(arg, A.Lam) and not cdot_applied:
        return False
    names = _untyped_binder_names(arg) if isinstance(arg, A.Lam) else set()
    if not names and not cdot_applied:
        return False
    w = te.meta.whnf(te.meta.instantiate_mvars(dom))
    if w.kind != E.PI or not te._unknown(w.type, whnf=True):  # type: ignore[attr-defined]  # noqa: SLF001
        return False
    return cdot_applied or _uses_field_of(arg.body, names)  # type: ignore[union-attr]


# ---------------------------------------------------------------------------------------------- postponed terms
# Lean's postponed elaboration problems (`SyntheticMVarKind.postponed`): a term that needs a type not known yet
# (`↑e` or `.c` without an expected type, `x.f` on an `x` of unknown type) becomes a synthetic-opaque
# metavariable, and is elaborated again, in its own local context, when `TermElaborator.synthesize` has made
# progress (before default instances, as Lean); at the end, without postponing, so its error is Lean's.

POSTPONED_TERMS = "postponed_terms"   # the queue on the term elaborator: (mvar, syntax)
_NO_POSTPONE = "no_postpone"
_RESUMING = "resuming"


class Postpone(Exception):
    """Raised where a term needs a type that is not known yet; the nearest enclosing elaboration of the
    construct catches it (`TermElaborator._elab`) and postpones that construct."""


class PostponedCoercion:
    """`value` (already elaborated) where a term of another type is expected, when both types still have
    metavariables: the coercion is looked for again once they are solved (Lean's `.coe` problems)."""

    __slots__ = ("value", "error")

    def __init__(self, value: Expr, error: Exception) -> None:
        self.value, self.error = value, error

    def resume(self, te: "TermElaborator", want: Expr, final: bool) -> Expr:
        from .coercion import coerce

        meta = te.meta
        vt = meta.infer_type(self.value)
        if meta.is_def_eq(vt, want):
            return self.value
        c = coerce(te, self.value, vt, want)
        if c is not None:
            return c
        if not final and _has_mvars(te, vt, want, self.value):
            raise Postpone()
        raise self.error


def _has_mvars(te: "TermElaborator", *ts: Expr) -> bool:
    return any(te.meta.mctx.collect_mvars(t) for t in ts)


def postpone_coercion(te: "TermElaborator", value: Expr, vt: Expr, want: Expr, error: Exception) -> Expr | None:
    """A placeholder for `value` coerced to `want`, when the coercion may be found once the metavariables
    of the two types are solved (or of the value: `decide p` needs `p`'s instances, as `1 < 2` coerced to
    `Bool` before its numerals default to `Nat`); None when it cannot be postponed."""
    if not may_postpone(te) or not _has_mvars(te, vt, want, value):
        return None
    from .mctx import SYNTHETIC_OPAQUE

    m = te.meta.new_mvar(te.meta.instantiate_mvars(want), SYNTHETIC_OPAQUE)
    te.__dict__.setdefault(POSTPONED_TERMS, []).append((m, PostponedCoercion(value, error)))
    return m


def may_postpone(te: "TermElaborator") -> bool:
    return not te.__dict__.get(_NO_POSTPONE)


def postpone_term(te: "TermElaborator", stx: A.Node, expected: Expr | None) -> Expr:
    """A placeholder for `stx`, elaborated later by `resume_postponed`."""
    from .mctx import SYNTHETIC_OPAQUE

    meta = te.meta
    t = meta.instantiate_mvars(expected) if expected is not None else meta.new_type_mvar()
    m = meta.new_mvar(t, SYNTHETIC_OPAQUE)
    te.__dict__.setdefault(POSTPONED_TERMS, []).append((m, stx))
    return m


def is_resuming(te: "TermElaborator", stx: A.Node) -> bool:
    return te.__dict__.get(_RESUMING) is stx


def resume_postponed(te: "TermElaborator", final: bool) -> bool:
    """Elaborate the postponed terms whose types are now known (all of them, errors included, when
    `final`); whether any was."""
    meta = te.meta
    queue = te.__dict__.setdefault(POSTPONED_TERMS, [])
    entries = list(queue)
    queue.clear()   # taken out while they are tried: a nested `synthesize` must not resume them again
    progress = False
    waiting: list[tuple[Any, A.Node]] = []
    try:
        while entries:
            m, stx = entries.pop(0)
            if m.serial not in meta.mctx.decls or meta.is_assigned(m):   # undone with the attempt that made it
                continue
            saved_lctx = meta.lctx
            meta.lctx = list(meta.decl(m).lctx)
            st = meta.save()
            n_pending = len(te.pending)
            flags = (te.__dict__.get(_NO_POSTPONE), te.__dict__.get(_RESUMING))
            te.__dict__[_NO_POSTPONE], te.__dict__[_RESUMING] = final, stx
            try:
                want = meta.instantiate_mvars(meta.decl(m).type)
                e = stx.resume(te, want, final) if isinstance(stx, PostponedCoercion) else te.elab_term(stx, want)
            except Postpone:
                meta.restore(st)
                del te.pending[n_pending:]
                waiting.append((m, stx))
                continue
            except BaseException:
                meta.commit(st)
                raise
            finally:
                meta.lctx = saved_lctx
                te.__dict__[_NO_POSTPONE], te.__dict__[_RESUMING] = flags
            meta.commit(st)
            meta.assign(m, e)
            progress = True
    finally:
        queue[:0] = waiting + entries   # still waiting, in their order, before those postponed meanwhile
    return progress
