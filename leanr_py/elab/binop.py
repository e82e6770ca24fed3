"""Arithmetic operators and relations, elaborated as Lean's `binop%` / `binrel%` elaborators do
(`Lean.Elab.Extra`).

`a + b * c` is read as a tree whose leaves are elaborated first, without expected type. The tree's
*maximal type* is then computed from the leaves' known types (and, for an operator, the expected type): a type
with a coercion to another is smaller than it. When there is one, every leaf of unknown type (a numeral) is
unified with it and every leaf of another type is coerced to it (`↑n + i` for `n : Nat`, `i : Int`), so
`n + 3 * 2` is all `Nat` at once, without waiting for default instances. When the types are incomparable or all
unknown, the operators are applied as they are (the default instances decide later).

Operators in a tree: `+ - * / % ++` (`binop%`), unary `-` (`unop%`) and the base of `^` (`rightact%`; the
exponent is a leaf elaborated apart). Relations `= ≠ < ≤ > ≥ ==` are `binrel%`: both sides are one tree,
without the expected type.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from ..kernel import expr as E
from ..kernel.expr import CONST, PI, Expr
from ..kernel.name import Name
from ..syntax import ast as A
from .errors import ElabError
from .instances import synth_instance

if TYPE_CHECKING:
    from .term import TermElaborator

BINOP = {"+": "HAdd.hAdd", "-": "HSub.hSub", "*": "HMul.hMul", "/": "HDiv.hDiv", "%": "HMod.hMod",
         "++": "HAppend.hAppend"}
RIGHTACT = {"^": "HPow.hPow"}
BINREL = {"=": "Eq", "≠": "Ne", "<": "LT.lt", "≤": "LE.le", ">": "GT.gt", "≥": "GE.ge", "==": "BEq.beq"}
_NO_PROP = frozenset({"=="})     # `binrel_no_prop%`: propositions on both sides are compared as `Bool`s
_NEG = "Neg.neg"                 # unary `-` is `unop% Neg.neg`


@dataclass
class _Leaf:
    stx: A.Term
    expr: Expr | None            # None: `.c`, `⟨…⟩`, … wait for the tree's type


@dataclass
class _Op:
    stx: A.Node
    fn: str
    kind: str                    # "binop", "rightact" (rhs is a leaf apart), "unop" (no rhs)
    lhs: "_Tree"
    rhs: "_Tree | None"


_Tree = Union[_Leaf, _Op]


def elab_op(te: "TermElaborator", stx: A.BinOp | A.UnOp, expected: Expr | None) -> Expr:
    """A relation (`binrel%`), or a tree of operators (`binop%`, `rightact%`, `unop%`) rooted at `stx`."""
    if isinstance(stx, A.BinOp) and stx.op in BINREL:
        tree = _Op(stx, BINREL[stx.op], "binop", _to_tree(te, stx.lhs), _to_tree(te, stx.rhs))
        return _elab_relation(te, tree, stx.op in _NO_PROP)
    return _to_expr(te, _to_tree(te, stx), expected)


def needs_expected_type(stx: A.Node) -> bool:
    """Syntax that cannot be elaborated without its expected type: `.c`, `.c args`, `⟨…⟩`."""
    while isinstance(stx, A.Paren):
        stx = stx.term
    if isinstance(stx, A.App):
        stx = stx.fn
    return isinstance(stx, (A.DotIdent, A.AnonCtor))


# ---------------------------------------------------------------------------------------------- the tree

def _to_tree(te: "TermElaborator", stx: A.Term) -> _Tree:
    """Operators (through parentheses without `·`) become nodes; the rest are leaves, elaborated left to right
    without expected type, except those that need one."""
    from .sugar import has_cdot

    inner = stx
    while isinstance(inner, A.Paren) and not has_cdot(inner.term):
        inner = inner.term
    if isinstance(inner, A.BinOp) and inner.op in BINOP:
        return _Op(inner, BINOP[inner.op], "binop", _to_tree(te, inner.lhs), _to_tree(te, inner.rhs))
    if isinstance(inner, A.BinOp) and inner.op in RIGHTACT:
        return _Op(inner, RIGHTACT[inner.op], "rightact", _to_tree(te, inner.lhs), _leaf(te, inner.rhs))
    if isinstance(inner, A.UnOp) and inner.op == "-":
        return _Op(inner, _NEG, "unop", _to_tree(te, inner.arg), None)
    return _leaf(te, stx)


def _leaf(te: "TermElaborator", stx: A.Term) -> _Leaf:
    return _Leaf(stx, None if needs_expected_type(stx) else te._elab(stx, None))  # noqa: SLF001


def _leaves(t: _Tree, out: list[_Leaf]) -> list[_Leaf]:
    """The leaves that take part in the maximal type: not the exponent of `^`."""
    if isinstance(t, _Leaf):
        out.append(t)
    else:
        _leaves(t.lhs, out)
        if t.rhs is not None and t.kind != "rightact":
            _leaves(t.rhs, out)
    return out


# ---------------------------------------------------------------------------------------------- max type

def _max_type(te: "TermElaborator", t: _Tree, expected: Expr | None) -> Expr | None:
    """Lean's `analyze`: the maximal type of the leaves (starting from `expected`), or None when every type is
    unknown or two of them have no coercion either way."""
    meta = te.meta
    best = None if expected is None or te._unknown(expected) else meta.instantiate_mvars(expected)  # noqa: SLF001
    for leaf in _leaves(t, []):
        if leaf.expr is None:
            continue
        ty = meta.instantiate_mvars(meta.infer_type(leaf.expr))
        if te._unknown(ty):  # noqa: SLF001
            continue
        if best is None:
            best = ty
        elif not _def_eq_without_assigning(te, best, ty):
            if _has_coe(te, ty, best):
                continue
            if _has_coe(te, best, ty):
                best = ty
            else:
                return None
    return best


def _def_eq_without_assigning(te: "TermElaborator", a: Expr, b: Expr) -> bool:
    meta = te.meta
    st = meta.save()
    try:
        meta.mctx.push_depth()
        return meta.is_def_eq(a, b)
    finally:
        meta.restore(st)


def _has_coe(te: "TermElaborator", from_type: Expr, to_type: Expr) -> bool:
    """Is there a coercion from `from_type` to `to_type`? Asked of a stand-in of that type, as Lean asks it of a
    fresh local; nothing is assigned."""
    from .coercion import coerce

    meta = te.meta
    st = meta.save()
    try:
        return coerce(te, meta.new_mvar(from_type), from_type, to_type) is not None
    except ElabError:
        return False
    finally:
        meta.restore(st)


# ---------------------------------------------------------------------------------------------- coercions

def _apply_coe(te: "TermElaborator", t: _Tree, max_type: Expr, is_pred: bool) -> _Tree:
    """Lean's `applyCoe`: leaves of unknown type get `max_type`, the others a coercion to it. Below an operator
    that has no homogeneous instance at `max_type` (`HPow Int Int Int`), the subtree is elaborated on its own."""
    return _coe_visit(te, t, max_type, None, False, is_pred)


def _coe_visit(te: "TermElaborator", t: _Tree, max_type: Expr, parent: str | None, is_lhs: bool,
               is_pred: bool) -> _Tree:
    if isinstance(t, _Op):
        if t.kind == "rightact":
            return _Op(t.stx, t.fn, t.kind, _coe_visit(te, t.lhs, max_type, None, False, False), t.rhs)
        if t.kind == "unop":
            return _Op(t.stx, t.fn, t.kind, _coe_visit(te, t.lhs, max_type, None, False, False), None)
        if is_pred or _has_homogeneous_instance(te, t.fn, max_type):
            assert t.rhs is not None
            return _Op(t.stx, t.fn, t.kind, _coe_visit(te, t.lhs, max_type, t.fn, True, False),
                       _coe_visit(te, t.rhs, max_type, t.fn, False, False))
        assert t.rhs is not None  # each operand on its own, then the operator without coercions
        return _Leaf(t.stx, _build(te, _Op(t.stx, t.fn, t.kind, _Leaf(t.lhs.stx, _to_expr(te, t.lhs, None)),
                                           _Leaf(t.rhs.stx, _to_expr(te, t.rhs, None))), False))
    meta = te.meta
    e = t.expr if t.expr is not None else te._elab(t.stx, max_type)  # noqa: SLF001
    ty = meta.instantiate_mvars(meta.infer_type(e))
    if te._unknown(ty) and parent is not None and _has_heterogeneous_defaults(te, parent, max_type, is_lhs):  # noqa: SLF001
        return _Leaf(t.stx, e)
    from .coercion import elab_term_coerced

    return _Leaf(t.stx, elab_term_coerced(te, e, max_type, t.stx.span))  # a coercion may wait for mvars


def _class_app(te: "TermElaborator", fn: str, args: list[Expr]) -> Expr | None:
    """`C args` for the class `C` of the operator `C.op`, or None when it is not declared."""
    cls = Name.of(fn).prefix
    if te.table is None or te.env.find(cls) is None:
        return None
    st = te.meta.save()
    try:
        return te.mk_app_m(str(cls), args, None)
    except ElabError:
        te.meta.restore(st)
        return None


def _has_homogeneous_instance(te: "TermElaborator", fn: str, max_type: Expr) -> bool:
    """Is there an instance `C max max max` for the operator's class (`HAdd Nat Nat Nat`)?"""
    meta = te.meta
    st = meta.save()
    try:
        goal = _class_app(te, fn, [max_type, max_type, max_type])
        return goal is not None and synth_instance(meta, goal, te.table) is not None
    except ElabError:
        return False
    finally:
        meta.restore(st)


def _has_heterogeneous_defaults(te: "TermElaborator", fn: str, max_type: Expr, is_lhs: bool) -> bool:
    """Lean's `hasHeterogeneousDefaultInstances`: does the operator's class have more than one default instance,
    one of them taking `max_type`'s type constructor on the other side (`HMul α (Array α) (Array α)`)? Then a
    leaf of unknown type is left to those instances rather than given `max_type`."""
    head = E.get_app_fn(max_type)
    if te.table is None or head.kind != CONST:
        return False
    defaults = te.table.default_instances_of(Name.of(fn).prefix)
    if len(defaults) <= 1:
        return False
    for d in defaults:
        info = te.env.find(d.name)
        if info is None:
            continue
        body = info.type
        while body.kind == PI:
            body = body.body  # type: ignore[attr-defined]
        _, args = E.get_app_fn_args(body)
        if len(args) != 3:
            continue
        other = args[1] if is_lhs else args[0]
        other_head = E.get_app_fn(other)
        if other_head.kind == CONST and other_head.name == head.name:  # type: ignore[attr-defined]
            return True
    return False


# ---------------------------------------------------------------------------------------------- building

def _to_expr(te: "TermElaborator", t: _Tree, expected: Expr | None) -> Expr:
    max_type = _max_type(te, t, expected)
    if max_type is None:
        return _build(te, t, unify_operands=True)
    return _build(te, _apply_coe(te, t, max_type, False), unify_operands=False)


def _build(te: "TermElaborator", t: _Tree, unify_operands: bool) -> Expr:
    """The applications of the tree's operators (`toExprCore`). Without a maximal type the two operands of an
    operator are unified when they can be (the homogeneous instance is the default one for each class)."""
    if isinstance(t, _Leaf):
        return t.expr if t.expr is not None else te._elab(t.stx, None)  # noqa: SLF001
    a = _build(te, t.lhs, unify_operands)
    if t.rhs is None:
        e = te.mk_app_m(t.fn, [a], t.stx.span, (t.lhs.stx.span,))
    else:
        b = _build(te, t.rhs, unify_operands)
        if unify_operands and t.kind == "binop":
            te.meta.is_def_eq(te.meta.infer_type(a), te.meta.infer_type(b))
        e = te.mk_app_m(t.fn, [a, b], t.stx.span, (t.lhs.stx.span, t.rhs.stx.span))
    te.info.record_term(t.stx, e, te)
    return e


def _elab_relation(te: "TermElaborator", tree: _Op, no_prop: bool) -> Expr:
    """Lean's `elabBinRelCore`: both sides as one tree, without the expected type. Without a maximal type, the
    sides are built apart and the right one must have the left one's type."""
    meta = te.meta
    max_type = _max_type(te, tree, None)
    if max_type is not None:
        if no_prop and _def_eq_without_assigning(te, max_type, E.PROP):
            max_type = E.mk_const(Name.of("Bool"), [])
        built = _apply_coe(te, tree, max_type, True)
        assert isinstance(built, _Op) and built.rhs is not None
        a, b = _build(te, built.lhs, False), _build(te, built.rhs, False)
    else:
        assert tree.rhs is not None
        from .coercion import elab_term_coerced

        a, b = _build(te, tree.lhs, True), _build(te, tree.rhs, True)
        b = elab_term_coerced(te, b, meta.infer_type(a), tree.rhs.stx.span)
    return te.mk_app_m(tree.fn, [a, b], tree.stx.span, (tree.lhs.stx.span, tree.rhs.stx.span))  # type: ignore[union-attr]


__all__ = ["BINOP", "BINREL", "RIGHTACT", "elab_op", "needs_expected_type"]
