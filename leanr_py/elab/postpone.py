"""Which `fun` arguments wait for the other arguments of an application before they are elaborated.

Lean elaborates `fun x => x.succ` against `?α → ?β` and, meeting field notation on `x` whose type is still
the metavariable `?α`, postpones the whole `fun` until the other arguments have fixed `?α`
(`xs.map (fun x => x.succ)`: the receiver `xs` comes after the function). leanr decides this up front: an
untyped-binder `fun` whose binder type is unknown and whose body uses field notation on such a binder
(`x.f`, `(x).f`, `x.1`) or applies it (`fun y => y x`, also `(· x)`) is elaborated after the other arguments. Other `fun`s keep their place, as their
elaboration order can matter to unification (motives, `congrArg`)."""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..kernel import expr as E
from ..kernel.expr import Expr
from ..syntax import ast as A

if TYPE_CHECKING:
    from .term import TermElaborator

__all__ = ["waits_for_binder_type"]


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
    todo: list[object] = [body]
    while todo:
        node = todo.pop()
        if isinstance(node, tuple):
            todo.extend(node)
            continue
        if not isinstance(node, A.Node):
            continue
        if _receiver_name(node) in names:
            return True
        for f in dataclasses.fields(node):
            if f.name != "span":
                todo.append(getattr(node, f.name))
    return False


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
