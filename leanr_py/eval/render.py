"""Values as `#eval` shows them: Lean's `ToExpr`/`Repr` output for core types, a `Repr` or `ToString`
instance the user declared, else the `Repr` Lean derives on the fly (`eval.derive.repr`).

    text = Renderer(evaluator, find_instance).render(value, type)

`find_instance(class_name, type)` returns an instance term (or None); it is asked only for types that
are not core types. Layout follows Lean's `Format` (groups, nesting, width 120).
"""
from __future__ import annotations

from typing import Any, Callable

from ..kernel import expr as E
from ..kernel.declaration import ConstructorInfo, DefinitionInfo, InductiveInfo
from ..kernel.expr import Expr
from ..kernel.name import Name
from ..kernel.typechecker import TypeChecker
from ..pretty import doc as D
from ..pretty import pp_expr
from ..pretty.literals import decimal, quote_char, quote_string
from .floats import as_float, float_to_string
from .machine import Evaluator
from .values import ERASED, Ctor, EvalError

MAX_PREC = 1024
WIDTH = 120

N = Name.of
_UINTS = {N("UInt8"), N("UInt16"), N("UInt32"), N("UInt64"), N("USize")}


class Renderer:
    def __init__(self, ev: Evaluator, find_instance: Callable[[str, Expr], Expr | None] | None = None) -> None:
        self.ev = ev
        self.env = ev.env
        self.tc = TypeChecker(ev.env, gas=ev.gas)
        self.find_instance = find_instance
        self.depth = 0

    def render(self, v: Any, ty: Expr) -> str:
        try:
            return D.render(self.doc(v, ty, 0), WIDTH)
        except _NoRepr:  # as Lean, the message names the type of the whole value
            raise EvalError("Could not synthesize a `ToExpr`, `Repr`, or `ToString` instance for type\n  "
                            + pp_expr(ty, self.env)) from None

    # ------------------------------------------------------------------ dispatch on the type
    def doc(self, v: Any, ty: Expr, prec: int) -> D.Doc:
        self.depth += 1
        if self.depth > 200:
            raise EvalError("showing values nested more than 200 levels deep is not supported yet")
        try:
            return self._doc(v, ty, prec)
        finally:
            self.depth -= 1

    def _doc(self, v: Any, ty: Expr, prec: int) -> D.Doc:
        ev = self.ev
        t = self.tc.whnf(ty)
        head, args = E.get_app_fn_args(t)
        hname = head.name if head.kind == E.CONST else None  # type: ignore[attr-defined]
        s = str(hname) if hname is not None else ""
        if s == "Nat" or hname in _UINTS or (s == "Fin" and len(args) == 1):
            return D.text(decimal(self._number(v)))
        if s == "Int":
            n = self._number(v)
            txt = decimal(n)
            return D.text(f"({txt})" if n < 0 and prec >= MAX_PREC else txt)
        if s == "Float" and not args:   # Lean's `Repr Float`: `toString`, in parentheses when negative
            x = as_float(ev.force(v))
            txt = float_to_string(x)
            return D.text(f"({txt})" if x < 0 and prec >= MAX_PREC else txt)
        if s == "Bool" and not args:
            c = ev.force(v)
            return D.text("true" if type(c) is Ctor and c.name is N("Bool.true") else "false")
        if s == "String" and not args:
            return D.text(quote_string(ev.as_str(v)))
        if s == "Char" and not args:
            return D.text(quote_char(chr(ev.char_code(v))))
        if s == "Decidable" and len(args) == 1:   # Lean's `Repr (Decidable p)`
            c = ev.force(v)
            if type(c) is Ctor:
                return _app_paren(D.text("isTrue _" if c.name is N("Decidable.isTrue") else "isFalse _"), prec)
        if s == "Subtype" and len(args) == 2:   # Lean's `Repr (Subtype p)` shows the value only
            c = ev.force(v)
            if type(c) is Ctor and c.fields:
                return self.doc(c.fields[0], args[0], prec)
        if s in ("Unit", "PUnit") and len(args) <= 1:
            return D.text("()")
        if s == "List" and len(args) == 1:
            return _bracket_fill("[", [self.doc(x, args[0], 0) for x in ev.list_items(v)], "]")
        if s == "Array" and len(args) == 1:
            c = ev.force(v)
            items = ev.list_items(c.fields[0]) if type(c) is Ctor and c.fields else []
            return _bracket_fill("#[", [self.doc(x, args[0], 0) for x in items], "]")
        if s == "Option" and len(args) == 1:
            c = ev.force(v)
            if type(c) is Ctor and not c.fields:
                return D.text("none")
            if type(c) is Ctor and len(c.fields) == 1:
                return _app_paren(D.cat("some ", self.doc(c.fields[0], args[0], MAX_PREC)), prec)
        if s in ("Prod", "PProd", "MProd") and len(args) == 2:
            items = []
            c = ev.force(v)
            cur_ty = t
            while True:   # `(a, b, c)` for `a × (b × c)`
                _, targs = E.get_app_fn_args(cur_ty)
                if type(c) is not Ctor or len(c.fields) != 2:
                    raise EvalError("a pair was expected")
                items.append(self.doc(c.fields[0], targs[0], 0))
                nxt = self.tc.whnf(targs[1])
                nh = E.get_app_fn(nxt)
                if nh.kind == E.CONST and nh.name is hname:  # type: ignore[attr-defined]
                    c = ev.force(c.fields[1])
                    cur_ty = nxt
                    continue
                items.append(self.doc(c.fields[1], targs[1], 0))
                break
            return _bracket("(", items, ")")
        if hname is not None:
            user = self._user_instance(v, t)
            if user is not None:
                return user
            info = self.env.find(hname)
            if isinstance(info, InductiveInfo):
                return self._derived(v, t, info, args, prec)
        raise _NoRepr()

    def _number(self, v: Any) -> int:
        """Nat, Int, and the structures over a Nat (Fin, UInt*): the innermost number."""
        c = self.ev.force(v)
        for _ in range(8):
            if type(c) is int:
                return c
            if type(c) is not Ctor or not c.fields:
                break
            c = self.ev.force(c.fields[0])
        raise EvalError("a number was expected")

    # ------------------------------------------------------------------ instances declared by the user
    def _user_instance(self, v: Any, t: Expr) -> D.Doc | None:
        if self.find_instance is None:
            return None
        for cls, method in (("Repr", "Repr.reprPrec"), ("ToString", "ToString.toString")):
            inst = self.find_instance(cls, t)
            if inst is None:
                continue
            level = self._universe_of(t)
            fn = E.mk_app(E.mk_app(E.mk_const(N(method), (level,)), t), inst)
            if cls == "Repr":
                fmt = self.ev.call(self.ev.eval(fn), (v, 0))
                return self._format_doc(fmt)
            return D.text(self.ev.as_str(self.ev.call(self.ev.eval(fn), (v,))))
        return None

    def _universe_of(self, t: Expr) -> Any:
        from ..kernel import level as L

        s = self.tc.whnf(self.tc.infer(t))
        if s.kind != E.SORT:
            raise EvalError("a type was expected")
        lvl = s.level  # type: ignore[attr-defined]
        if lvl.kind == L.SUCC_K:
            return lvl.a
        raise EvalError("the type of the value is not in `Type u`")

    def _format_doc(self, f: Any) -> D.Doc:
        """A `Std.Format` value as a layout document."""
        ev = self.ev
        f = ev.force(f)
        if type(f) is not Ctor:
            raise EvalError("a Format was expected")
        kind = str(f.name).rsplit(".", 1)[-1]
        if kind == "nil":
            return D.EMPTY
        if kind == "line":
            return D.line()
        if kind == "text":
            return D.text(ev.as_str(f.fields[0]))
        if kind == "nest":
            return D.nest(ev.as_nat(f.fields[0]), self._format_doc(f.fields[1]))
        if kind == "append":
            return D.cat(self._format_doc(f.fields[0]), self._format_doc(f.fields[1]))
        if kind == "group":
            return D.group(self._format_doc(f.fields[0]))
        if kind in ("tag", "align"):
            return self._format_doc(f.fields[-1]) if kind == "tag" else D.EMPTY
        raise EvalError(f"unknown Format constructor '{f.name}'")

    # ------------------------------------------------------------------ `deriving Repr`, as Lean derives it
    def _derived(self, v: Any, t: Expr, ind: InductiveInfo, targs: list[Expr], prec: int) -> D.Doc:
        c = self.ev.force(v)
        if type(c) is not Ctor:
            raise EvalError(f"a value of '{ind.name}' was expected")
        cinfo = self.env.find(c.name)
        if not isinstance(cinfo, ConstructorInfo):
            raise EvalError(f"'{c.name}' is not a constructor")
        fields = self._field_types(cinfo, E.get_app_fn(t), targs[:ind.num_params])
        struct_fields = self._structure_fields(ind, cinfo)
        if struct_fields is not None:
            parts = []
            for (fname, ftype, _bi), val, in zip(fields, c.fields):
                shown = D.text("_") if ftype is None or self._irrelevant(ftype) else self.doc(val, ftype, 0)
                parts.append(D.cat(f"{fname} := ", shown))
            return _bracket("{ ", parts, " }")
        body: list[D.Doc | str] = [str(c.name)]
        for (fname, ftype, bi), val in zip(fields, c.fields):
            if bi != E.DEFAULT:
                continue
            if ftype is None:
                raise EvalError(f"showing '{c.name}' (a field whose type depends on another) is not supported yet")
            body.append(D.line())
            body.append(D.text("_") if self._irrelevant(ftype) else self.doc(val, ftype, MAX_PREC))
        return _app_paren(D.group(D.nest(1 if prec >= MAX_PREC else 2, D.concat(body))), prec)

    def _field_types(self, cinfo: ConstructorInfo, head: Expr, params: list[Expr]) -> list[tuple[str, Expr | None, int]]:
        """(name, type, binder info) of each field; the type is None when it depends on an earlier field."""
        ct = E.instantiate_level_params(cinfo.type, cinfo.level_params, head.levels)  # type: ignore[attr-defined]
        for p in params:
            ct = self.tc.whnf(ct) if ct.kind != E.PI else ct
            ct = E.instantiate1(ct.body, p)  # type: ignore[attr-defined]
        out: list[tuple[str, Expr | None, int]] = []
        while True:
            if ct.kind != E.PI:
                ct = self.tc.whnf(ct)
                if ct.kind != E.PI:
                    break
            ftype = None if _mentions_unknown(ct.type) else ct.type  # type: ignore[attr-defined]
            out.append((str(ct.name), ftype, ct.bi))  # type: ignore[attr-defined]
            ct = E.instantiate1(ct.body, _UNKNOWN)  # type: ignore[attr-defined]
        return out

    def _irrelevant(self, ftype: Expr) -> bool:
        """A type or proof field: shown as `_`."""
        s = self.tc.whnf(self.tc.infer(ftype))
        if s is E.PROP:
            return True
        t = self.tc.whnf(ftype)
        while t.kind == E.PI:
            t = t.body  # type: ignore[attr-defined]
        return t.kind == E.SORT

    def _structure_fields(self, ind: InductiveInfo, cinfo: ConstructorInfo) -> list[Name] | None:
        """The projections of a structure (Lean's `isStructure`): one constructor, no indices, and a
        projection function `S.f := fun … self => self.i` for every field."""
        if len(ind.ctors) != 1 or ind.num_indices:
            return None
        ct = cinfo.type
        names = []
        for _ in range(cinfo.num_params):
            if ct.kind != E.PI:
                return None
            ct = ct.body  # type: ignore[attr-defined]
        for i in range(cinfo.num_fields):
            if ct.kind != E.PI:
                return None
            pname = ind.name.append(str(ct.name.last) if ct.name.last is not None else "")  # type: ignore[attr-defined]
            proj = self.env.find(pname)
            if not isinstance(proj, DefinitionInfo) or not _is_projection_value(proj.value, ind.name, i):
                return None
            names.append(pname)
            ct = ct.body  # type: ignore[attr-defined]
        return names


class _NoRepr(EvalError):
    """A part of the value has no way to be shown."""

    def __init__(self) -> None:
        super().__init__("no representation")


_UNKNOWN = E.mk_fvar(N("_field"), E.PROP)


def _mentions_unknown(e: Expr) -> bool:
    return bool(e.flags & E.HAS_FVAR) and E.find(e, lambda x: x is _UNKNOWN) is not None


def _is_projection_value(v: Expr, sname: Name, idx: int) -> bool:
    while v.kind == E.LAM:
        v = v.body  # type: ignore[attr-defined]
    return v.kind == E.PROJ and v.sname is sname and v.idx == idx and v.struct.kind == E.BVAR  # type: ignore[attr-defined]


def _bracket(left: str, items: list[D.Doc], right: str) -> D.Doc:
    """Lean's `Format.bracket l (joinSep items ("," ++ line)) r`."""
    parts: list[D.Doc | str] = [left]
    for i, it in enumerate(items):
        if i:
            parts.append(",")
            parts.append(D.line())
        parts.append(it)
    parts.append(right)
    return D.group(D.nest(len(left), D.concat(parts)))


def _bracket_fill(left: str, items: list[D.Doc], right: str) -> D.Doc:
    """Lean's `Format.bracketFill` (lists and arrays): items flow onto as few lines as fit."""
    if not items:
        return D.text(left + right)
    parts = [D.cat(it, ",") for it in items[:-1]] + [items[-1]]
    return D.nest(len(left), D.cat(left, D.fill(parts), right))


def _app_paren(d: D.Doc, prec: int) -> D.Doc:
    """Lean's `Repr.addAppParen`."""
    return D.cat("(", d, ")") if prec >= MAX_PREC else d


__all__ = ["Renderer", "ERASED"]
