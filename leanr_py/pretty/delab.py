"""Core terms back to Lean 4 syntax ("delaboration"), as a layout document.

The printer keeps a context of display names for the bound variables it has entered (locally
nameless: bodies are never instantiated), chooses fresh readable names that never capture, hides
implicit and instance arguments using the head constant's type, and prints notation with the
parser's precedences, inserting parentheses only where a precedence or an open trailing position
(`fun`, `∀`, `¬`, …) requires them.

Recursion is bounded: nesting beyond `max_depth`, or work beyond `max_steps`, prints `⋯` as Lean
does with `pp.deepTerms false` / `pp.maxSteps`. Spines (applications, binder chains, list literals,
`∃` chains) are walked with loops, so the Python stack grows with term nesting only up to the bound.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import ConstructorInfo, InductiveInfo, TheoremInfo
from ..kernel.expr import Expr, FVar
from ..kernel.name import Name
from ..syntax.operators import ARG_PREC, LEAD_PREC, MAX_PREC
from . import doc as D
from .doc import Doc
from .levels import pp_sort
from .literals import decimal, quote_char, quote_string
from .names import binder_base, const_name, has_macro_scopes, local_name
from .notation import (ALIASES, BINOPS, COERCIONS, LAZY_BINOPS, PROP_HEADS, UNOPS, infix_entry,
                       prefix_entry)

ARROW_PREC = 25
FIELD_PREC = MAX_PREC + 1   # `x.f` binds tighter than application


@dataclass(slots=True, frozen=True)
class Options:
    width: int = 100
    max_depth: int = 64          # nesting beyond this prints `⋯`
    max_steps: int = 5000        # subterms visited beyond this print `⋯` (Lean's pp.maxSteps)
    implicit: bool = False       # show implicit arguments (Lean's pp.explicit-lite)
    notation: bool = True
    field_notation: bool = True  # `n.succ` for `Nat.succ n` (Lean's pp.fieldNotation.generalized)
    # the shortest name that denotes a constant where the term is shown (Lean's `unresolveNameGlobal`),
    # None for the full name; given by the elaborator, which knows the namespace and the open ones
    display_name: "Callable[[Name], Name | None] | None" = None


# A printed subterm: (document, precedence, trailing precedence or None when closed).
# The trailing precedence of `fun x => b` is 0: anything that follows it is absorbed by its body.
R = tuple[Doc, int, "int | None"]

_ELLIPSIS: R = (D.text("⋯"), MAX_PREC, None)


def paren(d: Doc) -> Doc:
    return D.cat("(", D.nest(1, d), ")")


def place(r: R, need: int, follow: int | None = None) -> Doc:
    """`r` where a term of precedence >= `need` is expected, followed by a trailing parser of
    precedence `follow` (None: nothing of this term's own follows)."""
    d, prec, rprec = r
    if prec < need or (follow is not None and rprec is not None and rprec <= follow):
        return paren(d)
    return d


def trailing(r: R, need: int, follow: int | None = None) -> int | None:
    d, prec, rprec = r
    if prec < need or (follow is not None and rprec is not None and rprec <= follow):
        return None
    return rprec


# ------------------------------------------------------------------ term utilities (iterative)

def has_loose_bvar(e: Expr, i: int) -> bool:
    if e.lbr <= i:
        return False
    seen: set[tuple[Expr, int]] = set()
    stack = [(e, i)]
    while stack:
        x, off = stack.pop()
        if x.lbr <= off:
            continue
        key = (x, off)
        if key in seen:
            continue
        seen.add(key)
        k = x.kind
        if k == E.BVAR:
            if x.idx == off:  # type: ignore[attr-defined]
                return True
        elif k == E.APP:
            stack.append((x.fn, off))  # type: ignore[attr-defined]
            stack.append((x.arg, off))  # type: ignore[attr-defined]
        elif k == E.LAM or k == E.PI:
            stack.append((x.type, off))  # type: ignore[attr-defined]
            stack.append((x.body, off + 1))  # type: ignore[attr-defined]
        elif k == E.LET:
            stack.append((x.type, off))  # type: ignore[attr-defined]
            stack.append((x.value, off))  # type: ignore[attr-defined]
            stack.append((x.body, off + 1))  # type: ignore[attr-defined]
        elif k == E.PROJ:
            stack.append((x.struct, off))  # type: ignore[attr-defined]
    return False


def contains_fvars(e: Expr, fvars: set) -> bool:
    if not (e.flags & E.HAS_FVAR) or not fvars:
        return False
    return E.find(e, lambda x: x.kind == E.FVAR and x in fvars) is not None


def collect_fvars(e: Expr, out: dict[FVar, None], budget: int = 200_000) -> None:
    if not (e.flags & E.HAS_FVAR):
        return
    seen: set[Expr] = set()
    stack = [e]
    while stack and budget > 0:
        x = stack.pop()
        if x in seen or not (x.flags & E.HAS_FVAR):
            continue
        seen.add(x)
        budget -= 1
        k = x.kind
        if k == E.FVAR:
            out[x] = None  # type: ignore[index]
        elif k == E.APP:
            stack.append(x.arg)  # type: ignore[attr-defined]
            stack.append(x.fn)  # type: ignore[attr-defined]
        elif k in (E.LAM, E.PI):
            stack.append(x.body)  # type: ignore[attr-defined]
            stack.append(x.type)  # type: ignore[attr-defined]
        elif k == E.LET:
            stack.append(x.body)  # type: ignore[attr-defined]
            stack.append(x.value)  # type: ignore[attr-defined]
            stack.append(x.type)  # type: ignore[attr-defined]
        elif k == E.PROJ:
            stack.append(x.struct)  # type: ignore[attr-defined]


def shifted_eq(a: Expr, b: Expr, s: int = 1, budget: int = 5000) -> bool:
    """Is `b` the term `a` with its loose bound variables lifted by `s`?"""
    stack = [(a, b, 0)]
    while stack:
        x, y, off = stack.pop()
        if x.lbr <= off:
            if x is not y:
                return False
            continue
        budget -= 1
        if budget < 0 or x.kind != y.kind:
            return False
        k = x.kind
        if k == E.BVAR:
            i = x.idx  # type: ignore[attr-defined]
            if y.idx != (i + s if i >= off else i):  # type: ignore[attr-defined]
                return False
        elif k == E.APP:
            stack.append((x.fn, y.fn, off))  # type: ignore[attr-defined]
            stack.append((x.arg, y.arg, off))  # type: ignore[attr-defined]
        elif k in (E.LAM, E.PI):
            if x.bi != y.bi:  # type: ignore[attr-defined]
                return False
            stack.append((x.type, y.type, off))  # type: ignore[attr-defined]
            stack.append((x.body, y.body, off + 1))  # type: ignore[attr-defined]
        elif k == E.LET:
            stack.append((x.type, y.type, off))  # type: ignore[attr-defined]
            stack.append((x.value, y.value, off))  # type: ignore[attr-defined]
            stack.append((x.body, y.body, off + 1))  # type: ignore[attr-defined]
        elif k == E.PROJ:
            if x.idx != y.idx or x.sname is not y.sname:  # type: ignore[attr-defined]
                return False
            stack.append((x.struct, y.struct, off))  # type: ignore[attr-defined]
        else:
            return False
    return True


def _is_nat_lit_app(e: Expr) -> bool:
    if e.kind == E.NATLIT or e.kind == E.STRLIT:
        return True
    fn, args = E.get_app_fn_args(e)
    return (fn.kind == E.CONST and str(fn.name) == "OfNat.ofNat" and len(args) == 3  # type: ignore[attr-defined]
            and args[1].kind == E.NATLIT)


def _scientific(mantissa: int, negative_exponent: bool, exponent: int) -> str:
    """`OfScientific.ofScientific m s e` as Lean's `delabOfScientific` writes it: `2.5`, `0.25`, `1e3`, `1e-5`."""
    digits = decimal(mantissa)
    if negative_exponent and exponent == len(digits):
        return "0." + digits
    if negative_exponent and exponent < len(digits):
        return digits[:len(digits) - exponent] + "." + digits[len(digits) - exponent:]
    return digits + "e" + ("-" if negative_exponent else "") + decimal(exponent)


# ------------------------------------------------------------------ the printer

class Printer:
    def __init__(self, env: object | None, opts: Options = Options(),
                 fvar_names: dict[FVar, str] | None = None) -> None:
        self.env = env
        self.opts = opts
        self.names: list[str] = []                  # display names of entered binders (last = bvar 0)
        self.types: list[Expr | None] = []          # their types (in their own context)
        self.visible: dict[str, list[int]] = {}     # display name → positions in `names`
        self.fvar_display: dict[FVar, str] = dict(fvar_names or {})
        self.fvars_by_name: dict[str, set] = {}
        self.reserved: set[str] = set()
        self.steps = 0
        self.depth = 0
        self._bi_cache: dict[Name, tuple[int, ...]] = {}
        self._field_cache: dict[Name, tuple | None] = {}
        self._proj_cache: dict[Name, list[str] | None] = {}
        for fv, s in self.fvar_display.items():
            self.fvars_by_name.setdefault(s, set()).add(fv)

    # ---------------------------------------------------------------- context
    def note_fvars(self, e: Expr) -> None:
        found: dict[FVar, None] = {}
        collect_fvars(e, found)
        for fv in found:
            if fv not in self.fvar_display:
                self.fvar_display[fv] = local_name(fv.name)
            self.fvars_by_name.setdefault(self.fvar_display[fv], set()).add(fv)

    def push(self, name: str, type_: Expr | None, visible: bool = True) -> None:
        if visible:
            self.visible.setdefault(name, []).append(len(self.names))
        self.names.append(name)
        self.types.append(type_)

    def pop(self, n: int = 1) -> None:
        for _ in range(n):
            name = self.names.pop()
            self.types.pop()
            pos = self.visible.get(name)
            if pos and pos[-1] == len(self.names):
                pos.pop()
                if not pos:
                    del self.visible[name]

    def taken(self, s: str) -> bool:
        return s in self.visible or s in self.fvars_by_name or s in self.reserved

    def choose(self, n: Name, body: Expr | None, default: str = "x") -> str:
        """A display name for a binder named `n` whose body is `body` (bvar 0 = the binder).

        Shadowing an enclosing name is allowed when the body does not refer to it (Lean's
        `pp.safeShadowing`); otherwise `x_1`, `x_2`, … are tried."""
        base = binder_base(n, default)
        if not self.taken(base):
            return base
        if body is not None and base not in self.reserved:
            pos = self.visible.get(base)
            uses = False
            if pos:
                uses = has_loose_bvar(body, len(self.names) - pos[-1])
            if not uses and base in self.fvars_by_name:
                uses = contains_fvars(body, self.fvars_by_name[base])
            if not uses:
                return base
        i = 1
        while self.taken(f"{base}_{i}"):
            i += 1
        return f"{base}_{i}"

    def bvar_type(self, idx: int) -> Expr | None:
        if idx < len(self.types):
            return self.types[-1 - idx]
        return None

    # ---------------------------------------------------------------- environment queries
    def const_type(self, n: Name) -> Expr | None:
        if self.env is None:
            return None
        info = self.env.constants.get(n)  # type: ignore[attr-defined]
        return None if info is None else info.type

    def binder_infos(self, fn: Expr, n: int) -> list[int]:
        if self.opts.implicit:
            return [E.DEFAULT] * n
        t: Expr | None = None
        k = fn.kind
        if k == E.CONST:
            cached = self._bi_cache.get(fn.name)  # type: ignore[attr-defined]
            if cached is None:
                ty = self.const_type(fn.name)  # type: ignore[attr-defined]
                bis: list[int] = []
                while ty is not None and ty.kind == E.PI:
                    bis.append(ty.bi)  # type: ignore[attr-defined]
                    ty = ty.body  # type: ignore[attr-defined]
                cached = self._bi_cache[fn.name] = tuple(bis)  # type: ignore[attr-defined]
            out = list(cached[:n])
            return out + [E.DEFAULT] * (n - len(out))
        if k == E.FVAR:
            t = fn.type  # type: ignore[attr-defined]
        elif k == E.BVAR:
            t = self.bvar_type(fn.idx)  # type: ignore[attr-defined]
        out = []
        while t is not None and t.kind == E.PI and len(out) < n:
            out.append(t.bi)  # type: ignore[attr-defined]
            t = t.body  # type: ignore[attr-defined]
        return out + [E.DEFAULT] * (n - len(out))

    def is_prop(self, t: Expr, local: list[Expr | None] | None = None) -> bool:
        """Heuristic `isProp t` (is `t` a proposition?), without a type checker: follow Π bodies and
        look at the codomain of the head's type."""
        local = list(local or [])
        while True:
            if t.kind == E.PI:
                local.append(t.type)  # type: ignore[attr-defined]
                t = t.body  # type: ignore[attr-defined]
            elif t.kind == E.LET:
                local.append(t.type)  # type: ignore[attr-defined]
                t = t.body  # type: ignore[attr-defined]
            else:
                break
        head, args = E.get_app_fn_args(t)
        k = head.kind
        ht: Expr | None = None
        levels: dict[Name, L.Level] = {}
        if k == E.CONST:
            ht = self.const_type(head.name)  # type: ignore[attr-defined]
            if ht is None:
                return const_name(head.name) in PROP_HEADS  # type: ignore[attr-defined]
            info = self.env.constants.get(head.name)  # type: ignore[union-attr]
            levels = dict(zip(info.level_params, head.levels))  # type: ignore[attr-defined]
        elif k == E.FVAR:
            ht = head.type  # type: ignore[attr-defined]
        elif k == E.BVAR:
            i = head.idx  # type: ignore[attr-defined]
            ht = local[-1 - i] if i < len(local) else self.bvar_type(i - len(local))
        if ht is None:
            return False
        m = 0
        while m < len(args) and ht.kind == E.PI:
            ht = ht.body  # type: ignore[attr-defined]
            m += 1
        if m < len(args):
            return False
        if ht.kind == E.SORT:
            lv = ht.level  # type: ignore[attr-defined]
            if levels and lv.has_param:
                lv = L.instantiate(lv, levels)
            return L.normalize(lv) is L.ZERO
        if ht.kind == E.BVAR and ht.idx < m:  # type: ignore[attr-defined]
            a = args[m - 1 - ht.idx]  # type: ignore[attr-defined]
            return a.kind == E.SORT and L.normalize(a.level) is L.ZERO  # type: ignore[attr-defined]
        return False

    def proj_fields(self, sname: Name) -> list[str] | None:
        if sname in self._proj_cache:
            return self._proj_cache[sname]
        out: list[str] | None = None
        env = self.env
        info = env.constants.get(sname) if env is not None else None  # type: ignore[attr-defined]
        if isinstance(info, InductiveInfo) and len(info.ctors) == 1:
            c = env.constants.get(info.ctors[0])  # type: ignore[union-attr]
            if isinstance(c, ConstructorInfo):
                t = c.type
                for _ in range(c.num_params):
                    t = t.body if t.kind == E.PI else t  # type: ignore[attr-defined]
                out = []
                while t.kind == E.PI:
                    n = t.name  # type: ignore[attr-defined]
                    out.append("" if has_macro_scopes(n) or n.is_anonymous() else str(n))
                    t = t.body  # type: ignore[attr-defined]
        self._proj_cache[sname] = out
        return out

    def field_info(self, n: Name) -> tuple[str, int] | None:
        """Generalized field notation for constant `n` = `S.f`: (field, index of the object argument),
        when the first explicit argument's type is an application of `S` (Lean's rule)."""
        if n in self._field_cache:
            return self._field_cache[n]
        res: tuple[str, int] | None = None
        comps = n.components()
        env = self.env
        info = env.constants.get(n) if env is not None else None  # type: ignore[attr-defined]
        if (len(comps) >= 2 and isinstance(comps[-1], str) and info is not None
                and not has_macro_scopes(n) and comps[0] != "_private"
                and not comps[-1].startswith("_") and n.prefix is not None
                and str(n.prefix) != "Function" and not isinstance(info, TheoremInfo)
                and not self.is_prop(info.type)):
            base = n.prefix
            t = info.type
            i = 0
            while t.kind == E.PI:
                if binder_base(t.name, "") == "motive":  # type: ignore[attr-defined]
                    break
                dh = E.get_app_fn(t.type)  # type: ignore[attr-defined]
                is_base = dh.kind == E.CONST and dh.name is base  # type: ignore[attr-defined]
                if t.bi == E.DEFAULT:  # type: ignore[attr-defined]
                    if is_base:
                        res = (comps[-1], i)
                    break
                if is_base:
                    break
                t = t.body  # type: ignore[attr-defined]
                i += 1
        self._field_cache[n] = res
        return res

    # ---------------------------------------------------------------- entry
    def pp(self, e: Expr) -> R:
        self.steps += 1
        if self.depth >= self.opts.max_depth or self.steps > self.opts.max_steps:
            return _ELLIPSIS
        self.depth += 1
        try:
            return self._pp(e)
        finally:
            self.depth -= 1

    def _pp(self, e: Expr) -> R:
        k = e.kind
        if k == E.APP:
            return self.pp_app(e)
        if k == E.CONST:
            return self.pp_app(e)
        if k == E.BVAR:
            i = e.idx  # type: ignore[attr-defined]
            s = self.names[-1 - i] if i < len(self.names) else f"#{i - len(self.names)}"
            return D.text(s), MAX_PREC, None
        if k == E.FVAR:
            s = self.fvar_display.get(e)  # type: ignore[arg-type]
            return D.text(s if s is not None else local_name(e.name)), MAX_PREC, None  # type: ignore[attr-defined]
        if k == E.MVAR:
            n = e.name  # type: ignore[attr-defined]
            s = f"?m.{e.serial}" if n.is_anonymous() else "?" + str(n)  # type: ignore[attr-defined]
            return D.text(s), MAX_PREC, None
        if k == E.SORT:
            s, atomic = pp_sort(e.level)  # type: ignore[attr-defined]
            return D.text(s), MAX_PREC if atomic else LEAD_PREC, None
        if k == E.NATLIT:
            return D.text(decimal(e.val)), MAX_PREC, None  # type: ignore[attr-defined]
        if k == E.STRLIT:
            return D.text(quote_string(e.val)), MAX_PREC, None  # type: ignore[attr-defined]
        if k == E.LAM:
            return self.pp_lam(e)
        if k == E.PI:
            return self.pp_pi(e)
        if k == E.LET:
            return self.pp_let(e)
        if k == E.PROJ:
            return self.pp_proj(e)
        return D.text("?"), MAX_PREC, None

    # ---------------------------------------------------------------- applications
    def pp_app(self, e: Expr) -> R:
        fn, args = E.get_app_fn_args(e)
        if fn.kind == E.CONST and self.opts.notation and not self.opts.implicit:
            r = self.pp_notation(fn, args)
            if r is not None:
                return r
        return self.app_from(fn, args, 0, None)

    def app_from(self, fn: Expr, args: list[Expr], start: int, head: R | None) -> R:
        """`fn args`, where the first `start` arguments are already printed as `head` (if given)."""
        bis = self.binder_infos(fn, len(args))
        obj_idx = -1
        if head is None:
            if fn.kind == E.CONST:
                n = fn.name  # type: ignore[attr-defined]
                fi = self.field_info(n) if self.opts.field_notation and not self.opts.implicit else None
                if fi is not None and fi[1] < len(args) and not _is_nat_lit_app(args[fi[1]]):
                    obj_idx = fi[1]
                    obj = place(self.pp(args[obj_idx]), MAX_PREC, FIELD_PREC)
                    head = (D.cat(obj, "." + fi[0]), MAX_PREC, None)
                else:
                    head = (D.text(self.const_text(n)), MAX_PREC, None)
            else:
                head = self.pp(fn)
        shown = [i for i in range(start, len(args)) if bis[i] == E.DEFAULT and i != obj_idx]
        if not shown:
            return head
        parts: list[Doc] = [place(head, MAX_PREC, MAX_PREC)]
        rp: int | None = None
        for j, i in enumerate(shown):
            r = self.pp(args[i])
            last = j == len(shown) - 1
            parts.append(D.line())
            parts.append(place(r, MAX_PREC, None if last else MAX_PREC))
            if last:
                rp = trailing(r, MAX_PREC)
        return D.group(D.nest(2, D.concat(parts))), LEAD_PREC, rp

    def const_text(self, n: Name) -> str:
        """A constant as Lean shows it: its alias, or its shortest name in scope unless a local or a bound
        variable shown with that name would capture it, else its full name."""
        s = const_name(n)
        if s in ALIASES:
            return ALIASES[s]
        shorten = self.opts.display_name
        short = shorten(n) if shorten is not None else None
        if short is not None:
            t = str(short)
            if t not in self.reserved and t not in self.names:
                return t
        return s

    def pp_notation(self, fn: Expr, args: list[Expr]) -> R | None:
        name = const_name(fn.name)  # type: ignore[attr-defined]
        spec = BINOPS.get(name)
        n = len(args)
        r: R | None = None
        arity = 0
        if spec is not None and n >= spec[1]:
            arity = spec[1]
            r = self.binop_chain(fn.name, spec, args[:arity])  # type: ignore[attr-defined]
        elif name in LAZY_BINOPS and n >= LAZY_BINOPS[name][1]:
            sym, arity, li, ri = LAZY_BINOPS[name]
            thunk = args[ri]
            if thunk.kind == E.LAM and not has_loose_bvar(thunk.body, 0):  # type: ignore[attr-defined]
                self.push("_", thunk.type, visible=False)  # type: ignore[attr-defined]
                try:
                    rhs = self.pp(thunk.body)  # type: ignore[attr-defined]
                finally:
                    self.pop()
                r = self.binop(sym, self.pp(args[li]), rhs)
        elif name in UNOPS and n >= UNOPS[name][1]:
            sym, arity, i = UNOPS[name]
            r = self.unop(sym, args[i])
        elif name in COERCIONS and n >= COERCIONS[name][0]:
            arity, i = COERCIONS[name]
            a = place(self.pp(args[i]), MAX_PREC, None)
            r = D.cat("↑", a), MAX_PREC, FIELD_PREC
        elif name == "List.cons" and n >= 3:
            arity = 3
            r = self.pp_list(args[:3])
        elif name == "List.nil" and n >= 1:
            arity = 1
            r = D.text("[]"), MAX_PREC, None
        elif name == "List.nil" and n == 0:
            return D.text("[]"), MAX_PREC, None
        elif name == "OfNat.ofNat" and n >= 3 and args[1].kind == E.NATLIT:
            arity = 3
            r = D.text(decimal(args[1].val)), MAX_PREC, None  # type: ignore[attr-defined]
        elif name == "OfScientific.ofScientific" and n >= 5 and args[2].kind == E.NATLIT \
                and args[4].kind == E.NATLIT and args[3].kind == E.CONST \
                and str(args[3].name) in ("Bool.true", "Bool.false"):  # type: ignore[attr-defined]
            arity = 5
            r = D.text(_scientific(args[2].val, str(args[3].name) == "Bool.true", args[4].val)), MAX_PREC, None  # type: ignore[attr-defined]
        elif name == "Char.ofNat" and n >= 1 and args[0].kind == E.NATLIT:
            v = args[0].val  # type: ignore[attr-defined]
            if v < 0xD800 or 0xDFFF < v < 0x110000:
                arity = 1
                r = D.text(quote_char(chr(v))), MAX_PREC, None
        elif name == "ite" and n >= 5:
            arity = 5
            r = self.pp_ite(args[1], None, args[3], args[4])
        elif name == "dite" and n >= 5 and args[3].kind == E.LAM and args[4].kind == E.LAM:
            arity = 5
            r = self.pp_ite(args[1], args[3], args[3], args[4])
        elif name.endswith(".casesOn") and (m := self.pp_match(fn, args)) is not None:
            return m
        elif name == "Exists" and n >= 2 and args[1].kind == E.LAM:
            arity = 2
            r = self.pp_exists(args[1])
        elif name == "Subtype" and n >= 2 and args[1].kind == E.LAM:
            arity = 2
            r = self.pp_subtype(args[1])
        elif name == "Prod.mk" and n >= 4:
            arity = 4
            r = self.pp_tuple(args[:4])
        if r is None:
            return None
        if n > arity:
            return self.app_from(fn, args, arity, r)
        return r

    def binop_chain(self, cname: Name, spec: tuple[str, int, int, int], args: list[Expr]) -> R:
        """`a + b + c` (left-associative) or `a ∧ b ∧ c` (right-associative): the spine of the same
        operator is walked with a loop and laid out as one filled group."""
        sym, arity, li, ri = spec
        op = infix_entry(sym)
        left_assoc = op.lhs_prec == op.prec and op.rhs_prec > op.prec
        right_assoc = op.rhs_prec == op.prec and op.lhs_prec > op.prec
        budget = max(self.opts.max_steps - self.steps, 1)
        if left_assoc or right_assoc:
            inner, outer = (li, ri) if left_assoc else (ri, li)
            rest = [args[outer]]
            cur = args[inner]
            cut = False
            while True:
                f, a = E.get_app_fn_args(cur)
                if not (f.kind == E.CONST and f.name is cname and len(a) == arity):  # type: ignore[attr-defined]
                    break
                if len(rest) >= budget:
                    cut = True
                    break
                rest.append(a[outer])
                cur = a[inner]
            rest.reverse()
            end_r = _ELLIPSIS if cut else self.pp(cur)
            if left_assoc:
                operands = [end_r] + [self.pp(x) for x in rest]
            else:
                operands = [self.pp(x) for x in reversed(rest)] + [end_r]
        else:
            operands = [self.pp(args[li]), self.pp(args[ri])]
        return self.infix_doc(sym, operands)

    def infix_doc(self, sym: str, operands: list[R]) -> R:
        op = infix_entry(sym)
        items: list[Doc] = []
        last = len(operands) - 1
        for i, r in enumerate(operands):
            if i < last:
                need = op.lhs_prec if i == 0 else op.rhs_prec
                if 0 < i and op.lhs_prec > op.prec:   # right-assoc: every non-last operand is a lhs
                    need = op.lhs_prec
                items.append(D.cat(place(r, need, op.prec), " " + sym))
            else:
                items.append(place(r, op.rhs_prec))
        d = D.group(D.nest(2, D.fill(items)))
        return d, op.prec, trailing(operands[-1], op.rhs_prec)

    def binop(self, sym: str, lhs: R, rhs: R) -> R:
        op = infix_entry(sym)
        ld = place(lhs, op.lhs_prec, op.prec)
        rd = place(rhs, op.rhs_prec)
        d = D.group(D.nest(2, D.cat(ld, " " + sym, D.line(), rd)))
        return d, op.prec, trailing(rhs, op.rhs_prec)

    def unop(self, sym: str, arg: Expr) -> R:
        op = prefix_entry(sym)
        r = self.pp(arg)
        a = place(r, op.arg_prec)
        sep = ""
        if sym == "-":
            h = E.get_app_fn(arg)
            if h.kind == E.CONST and str(h.name) == "Neg.neg":  # type: ignore[attr-defined]
                sep = " "
        tp = trailing(r, op.arg_prec)
        rp = op.arg_prec if tp is None else min(tp, op.arg_prec)
        return D.cat(sym + sep, a), op.prec, rp

    def pp_list(self, args: list[Expr]) -> R:
        elems = [args[1]]
        tail = args[2]
        while True:
            f, a = E.get_app_fn_args(tail)
            if f.kind == E.CONST and str(f.name) == "List.cons" and len(a) == 3:  # type: ignore[attr-defined]
                elems.append(a[1])
                tail = a[2]
            else:
                break
        f, a = E.get_app_fn_args(tail)
        if f.kind == E.CONST and str(f.name) == "List.nil" and len(a) <= 1:  # type: ignore[attr-defined]
            parts: list[Doc] = []
            for i, x in enumerate(elems):
                if i:
                    parts.append(D.text(","))
                    parts.append(D.line())
                if self.steps > self.opts.max_steps:
                    parts.append(D.text("⋯"))
                    break
                parts.append(place(self.pp(x), 0))
            return D.group(D.cat("[", D.nest(1, D.concat(parts)), "]")), MAX_PREC, None
        operands = []
        for x in elems:
            operands.append(self.pp(x) if self.steps <= self.opts.max_steps else _ELLIPSIS)
        operands.append(self.pp(tail))
        return self.infix_doc("::", operands)

    def pp_tuple(self, args: list[Expr]) -> R:
        elems = [args[2]]
        rest = args[3]
        while True:
            f, a = E.get_app_fn_args(rest)
            if f.kind == E.CONST and str(f.name) == "Prod.mk" and len(a) == 4:  # type: ignore[attr-defined]
                elems.append(a[2])
                rest = a[3]
            else:
                break
        elems.append(rest)
        parts: list[Doc] = []
        for i, x in enumerate(elems):
            if i:
                parts.append(D.text(","))
                parts.append(D.line())
            parts.append(place(self.pp(x), 0))
        return D.group(D.cat("(", D.nest(1, D.concat(parts)), ")")), MAX_PREC, None

    def pp_ite(self, c: Expr, hyp: Expr | None, t: Expr, f: Expr) -> R:
        cd = place(self.pp(c), 0)
        if hyp is None:
            td = place(self.pp(t), 0)
            fd = place(self.pp(f), 0)
            head = D.cat("if ", cd, " then")
        else:
            h = self.choose(t.name, t.body, "h")  # type: ignore[attr-defined]
            self.push(h, t.type)  # type: ignore[attr-defined]
            try:
                td = place(self.pp(t.body), 0)  # type: ignore[attr-defined]
            finally:
                self.pop()
            self.push(h, f.type)  # type: ignore[attr-defined]
            try:
                fd = place(self.pp(f.body), 0)  # type: ignore[attr-defined]
            finally:
                self.pop()
            head = D.cat("if ", h, " : ", cd, " then")
        d = D.group(D.cat(head, D.nest(2, D.cat(D.line(), td)), D.line(), "else",
                          D.nest(2, D.cat(D.line(), fd))))
        return d, LEAD_PREC, 0

    def pp_match(self, fn: Expr, args: list[Expr]) -> R | None:
        """A `casesOn` that a `match` with one alternative per constructor compiled to (its motive says so, see
        `elab.match.match_alts_name`), shown as Lean shows the matcher: `match x with | pat => rhs …`, the
        alternatives in their order, each on its line."""
        from ..kernel.declaration import InductiveInfo
        from .names import match_alts_of

        ind = self.env.constants.get(fn.name.prefix) if self.env is not None else None  # type: ignore[attr-defined]
        if not isinstance(ind, InductiveInfo) or ind.num_indices:
            return None
        k, first = len(ind.ctors), ind.num_params + 2
        motive = args[ind.num_params] if len(args) > ind.num_params else None
        order = match_alts_of(motive.name) if motive is not None and motive.kind == E.LAM else None  # type: ignore[attr-defined]
        if order is None or len(args) != first + k or sorted(order) != list(range(k)):
            return None
        params = args[:ind.num_params]
        alts: list[tuple[int, Doc]] = []
        for c, minor, alt in zip(ind.ctors, args[first:], order):
            nf = self.env.constants[c].num_fields  # type: ignore[union-attr]
            body, names = minor, []
            for _ in range(nf):
                if body.kind != E.LAM:
                    return None
                names.append(self.choose(body.name, body.body, "a"))  # type: ignore[attr-defined]
                self.push(names[-1], body.type)  # type: ignore[attr-defined]
                body = body.body  # type: ignore[attr-defined]
            try:
                if str(c) == "Nat.zero":
                    pat = D.text("0")
                else:
                    pattern = E.mk_app_n(E.mk_const(c, fn.levels[1:]),  # type: ignore[attr-defined]
                                         [E.lift_loose_bvars(p, nf) for p in params] +
                                         [E.mk_bvar(nf - 1 - i) for i in range(nf)])
                    pat = place(self.pp(pattern), 0)
                alts.append((alt, D.cat(D.hardline(), "| ", pat, " => ", D.nest(2, place(self.pp(body), 0)))))
            finally:
                self.pop(nf)
        head = D.cat("match ", place(self.pp(args[ind.num_params + 1]), 0), " with")
        return D.cat(head, *[d for _, d in sorted(alts, key=lambda a: a[0])]), LEAD_PREC, 0

    def pp_exists(self, lam: Expr) -> R:
        names: list[str] = []
        x = lam
        while True:
            nm = self.choose(x.name, x.body)  # type: ignore[attr-defined]
            names.append(nm)
            self.push(nm, x.type)  # type: ignore[attr-defined]
            body = x.body  # type: ignore[attr-defined]
            f, a = E.get_app_fn_args(body)
            if (f.kind == E.CONST and str(f.name) == "Exists" and len(a) == 2  # type: ignore[attr-defined]
                    and a[1].kind == E.LAM):
                x = a[1]
                continue
            break
        try:
            bd = place(self.pp(body), 0)
        finally:
            self.pop(len(names))
        d = D.group(D.cat("∃ " + " ".join(names) + ",", D.nest(2, D.cat(D.line(), bd))))
        return d, LEAD_PREC, 0

    def pp_subtype(self, lam: Expr) -> R:
        nm = self.choose(lam.name, lam.body)  # type: ignore[attr-defined]
        self.push(nm, lam.type)  # type: ignore[attr-defined]
        try:
            bd = place(self.pp(lam.body), 0)  # type: ignore[attr-defined]
        finally:
            self.pop()
        return D.group(D.cat("{ " + nm + " //", D.nest(2, D.cat(D.line(), bd)), " }")), MAX_PREC, None

    # ---------------------------------------------------------------- binders
    def binder_group_doc(self, names: list[str], bi: int, type_doc: Doc, show_name: bool = True) -> Doc:
        ns = " ".join(names)
        if bi == E.INST_IMPLICIT:
            return D.cat("[", type_doc, "]") if not show_name else D.cat("[" + ns + " : ", type_doc, "]")
        op, cl = {E.DEFAULT: ("(", ")"), E.IMPLICIT: ("{", "}"), E.STRICT_IMPLICIT: ("⦃", "⦄")}[bi]
        return D.cat(op + ns + " : ", D.nest(2, type_doc), cl)

    def pp_lam(self, e: Expr) -> R:
        groups: list[Doc] = []
        pushed = 0
        x = e
        cur: tuple[int, list[str], Expr] | None = None  # (bi, names, type) of the group being built
        inst_binders: list[tuple[int, str, Doc]] = []    # (index in groups, name, type) of `[…]` binders

        def flush() -> None:
            nonlocal cur
            if cur is None:
                return
            bi, ns, _ = cur
            s = " ".join(ns)
            groups.append(D.text(s if bi == E.DEFAULT else "{" + s + "}" if bi == E.IMPLICIT
                                 else "⦃" + s + "⦄"))
            cur = None

        try:
            while x.kind == E.LAM:
                self.steps += 1
                if pushed and self.steps > self.opts.max_steps:
                    break
                bi = x.bi  # type: ignore[attr-defined]
                body = x.body  # type: ignore[attr-defined]
                nm = self.choose(x.name, body)  # type: ignore[attr-defined]
                if bi == E.INST_IMPLICIT:
                    flush()
                    td = place(self.pp(x.type), 0)  # type: ignore[attr-defined]
                    inst_binders.append((len(groups), nm, td))
                    groups.append(td)   # replaced below, once what follows it is known
                else:
                    same = (cur is not None and cur[0] == bi
                            and (bi == E.DEFAULT or shifted_eq(cur[2], x.type, 1)))  # type: ignore[attr-defined]
                    if same:
                        cur[1].append(nm)  # type: ignore[index]
                        cur = (bi, cur[1], x.type)  # type: ignore[index, attr-defined]
                    else:
                        flush()
                        cur = (bi, [nm], x.type)  # type: ignore[attr-defined]
                self.push(nm, x.type)  # type: ignore[attr-defined]
                pushed += 1
                x = body
            flush()
            bd = place(self.pp(x), 0)
        finally:
            self.pop(pushed)
        for i, nm, td in inst_binders:
            # as Lean's `delabLam`: the name of an instance binder is shown when what follows shows it
            after = D.render(D.concat(_join(groups[i + 1:], D.text(" ")) + [D.text(" "), bd]), width=1 << 30)
            groups[i] = self.binder_group_doc([nm], E.INST_IMPLICIT, td, _shows_ident(after, nm))
        head = D.concat([D.text("fun ")] + _join(groups, D.text(" ")) + [D.text(" =>")])
        return D.group(D.cat(head, D.nest(2, D.cat(D.line(), bd)))), MAX_PREC, 0

    def pp_pi(self, e: Expr) -> R:
        prop = self.is_prop(e)
        # segments: ("arrow", doc) | ("dep", doc) | ("forall", [docs])
        segs: list[tuple[str, object]] = []
        pushed = 0
        x = e
        cur: list | None = None  # [bi, names, type, type_doc] of a binder group being built

        def flush() -> None:
            nonlocal cur
            if cur is None:
                return
            bi, ns, _, td = cur
            gd = self.binder_group_doc(ns, bi, td)
            cur = None
            if prop:
                if segs and segs[-1][0] == "forall":
                    segs[-1][1].append(gd)  # type: ignore[union-attr]
                else:
                    segs.append(("forall", [gd]))
            else:
                segs.append(("dep", gd))

        try:
            while x.kind == E.PI:
                self.steps += 1
                if pushed and self.steps > self.opts.max_steps:
                    break
                bi = x.bi  # type: ignore[attr-defined]
                body = x.body  # type: ignore[attr-defined]
                dep = has_loose_bvar(body, 0)
                if not dep and bi == E.DEFAULT:
                    flush()
                    td = place(self.pp(x.type), ARROW_PREC + 1, ARROW_PREC)  # type: ignore[attr-defined]
                    segs.append(("arrow", td))
                    self.push("_", x.type, visible=False)  # type: ignore[attr-defined]
                else:
                    nm = self.choose(x.name, body)  # type: ignore[attr-defined]
                    if bi == E.INST_IMPLICIT:
                        flush()
                        td = place(self.pp(x.type), 0)  # type: ignore[attr-defined]
                        gd = self.binder_group_doc([nm], bi, td, dep)
                        if prop:
                            if segs and segs[-1][0] == "forall":
                                segs[-1][1].append(gd)  # type: ignore[union-attr]
                            else:
                                segs.append(("forall", [gd]))
                        else:
                            segs.append(("dep", gd))
                    elif cur is not None and cur[0] == bi and shifted_eq(cur[2], x.type, 1):  # type: ignore[attr-defined]
                        cur[1].append(nm)
                        cur[2] = x.type  # type: ignore[attr-defined]
                    else:
                        flush()
                        td = place(self.pp(x.type), 0)  # type: ignore[attr-defined]
                        cur = [bi, [nm], x.type, td]  # type: ignore[attr-defined]
                    self.push(nm, x.type)  # type: ignore[attr-defined]
                pushed += 1
                x = body
            flush()
            body_r = self.pp(x)
        finally:
            self.pop(pushed)
        last_forall = segs[-1][0] == "forall"
        need = 0 if last_forall else ARROW_PREC
        parts: list[Doc] = []
        for kind, d in segs:
            if kind == "arrow":
                parts.append(D.cat(d, " →"))  # type: ignore[arg-type]
            elif kind == "dep":
                parts.append(D.cat(d, " →"))  # type: ignore[arg-type]
            else:
                parts.append(D.cat("∀ ", D.nest(2, D.fill(d)), ","))  # type: ignore[arg-type]
        parts.append(place(body_r, need))
        d = D.group(D.nest(2, D.fill(parts)))
        prec = LEAD_PREC if segs[0][0] == "forall" else ARROW_PREC
        # a `∀` anywhere extends to the end: as the left of `→` (or of an application) it needs parentheses
        rp = 0 if any(kind == "forall" for kind, _ in segs) else trailing(body_r, need)
        return d, prec, rp

    def pp_let(self, e: Expr) -> R:
        n = 0
        parts: list[Doc] = []
        x = e
        try:
            while x.kind == E.LET:
                self.steps += 1
                if n and self.steps > self.opts.max_steps:
                    break
                vd = place(self.pp(x.value), 0)  # type: ignore[attr-defined]
                nm = self.choose(x.name, x.body)  # type: ignore[attr-defined]
                parts.append(D.cat("let " + nm + " := ", D.nest(2, vd), ";"))
                parts.append(D.line())
                self.push(nm, x.type)  # type: ignore[attr-defined]
                n += 1
                x = x.body  # type: ignore[attr-defined]
            parts.append(place(self.pp(x), 0))
        finally:
            self.pop(n)
        return D.group(D.concat(parts)), LEAD_PREC, 0

    def pp_proj(self, e: Expr) -> R:
        obj = place(self.pp(e.struct), MAX_PREC, FIELD_PREC)  # type: ignore[attr-defined]
        fields = self.proj_fields(e.sname)  # type: ignore[attr-defined]
        i = e.idx  # type: ignore[attr-defined]
        f = fields[i] if fields is not None and i < len(fields) and fields[i] else str(i + 1)
        return D.cat(obj, "." + f), MAX_PREC, None


def _shows_ident(text: str, name: str) -> bool:
    """Does `text` show the identifier `name` (not as part of a longer identifier)?"""
    return re.search(r"(?<![\w'.])" + re.escape(name) + r"(?![\w'!?✝])", text) is not None


def _join(items: Sequence[Doc], sep: Doc) -> list[Doc]:
    out: list[Doc] = []
    for i, d in enumerate(items):
        if i:
            out.append(sep)
        out.append(d)
    return out


__all__ = ["Options", "Printer", "R", "place", "paren", "has_loose_bvar", "shifted_eq", "ARG_PREC"]
