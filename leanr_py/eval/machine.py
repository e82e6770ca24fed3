"""eval-lite: an evaluator for closed core terms of an environment.

    ev = Evaluator(env, gas)             # gas: a `Gas` (shared budget) or None for the default budget
    v = ev.eval(expr)                    # weak head normal form (see `values`)
    ev.eval_bool(expr), ev.as_nat(v), ev.as_str(v), ev.force(v)

An environment machine over the kernel's de Bruijn terms with an explicit continuation stack (no Python
recursion, so deep computations fit Pyodide's small stack). Arguments are passed by need; definitions are
unfolded on first use and their values kept; recursors (and so `casesOn`, `brecOn`, structural recursion)
run their rules on constructor values; Nat and Int are Python ints; types and proofs are erased. Every
step is charged to the gas budget, so a computation that does not end stops with `GasExhausted`.
"""
from __future__ import annotations

from typing import Any

from ..gas import Gas
from ..kernel import expr as E
from ..kernel.declaration import (
    AxiomInfo, ConstructorInfo, DefinitionInfo, InductiveInfo, OpaqueInfo, QuotInfo, QUOT_LIFT as Q_LIFT,
    QUOT_MK as Q_MK, RecursorInfo, TheoremInfo,
)
from ..kernel.expr import APP, BVAR, CONST, FVAR, LAM, LET, MVAR, NATLIT, PI, PROJ, SORT, STRLIT, Expr
from ..kernel.literals import NatNames, string_lit_to_constructor
from ..kernel.name import Name
from .prims import BUILTIN, CTOR, FIX, FIX_IH, QUOT_LIFT, QUOT_MK, REC, Builtins, Prim
from .values import ERASED, Closure, Ctor, Erased, EvalError, Pap, Thunk

DEFAULT_EVAL_BUDGET = 10_000_000
GAS_BATCH = 1024            # steps are charged to the shared budget in batches (deterministically)

# continuation frames: (tag, ...)
F_UPDATE, F_APPLY, F_PROJ, F_CASE, F_STRICT, F_CACHE, F_MEMO = range(7)

_SORRY = Name.of("sorryAx")
_INT = Name.of("Int")


class _Jump:
    """Continue by evaluating `expr` in `env` (a tail call: no update frame)."""

    __slots__ = ("expr", "env")

    def __init__(self, expr: Expr, env: tuple) -> None:
        self.expr = expr
        self.env = env


class _RecMeta:
    __slots__ = ("major_idx", "pre", "rules", "prop", "native")

    def __init__(self, major_idx: int, pre: int, rules: dict, prop: str | None, native: str | None) -> None:
        self.major_idx = major_idx    # position of the major premise
        self.pre = pre                # parameters + motives + minor premises: passed on to the rule
        self.rules = rules            # constructor name -> (rule closure value, number of fields)
        self.prop = prop              # None | "k" (Eq-like) | "struct" (And-like) | "no" (not computable)
        self.native = native          # "nat" | "int" | "string" | None: what a Python int/str major denotes


class Evaluator:
    def __init__(self, env: Any, gas: Gas | None = None) -> None:
        self.env = env
        self.constants = env.constants
        self.gas = gas if gas is not None else Gas(DEFAULT_EVAL_BUDGET)
        self.builtins = Builtins(env)
        self.const_values: dict[Name, Any] = {}
        self.memo: dict[Expr, Any] = {}       # closed terms already evaluated
        self.spines: dict[Expr, tuple[Expr, tuple[Expr, ...]]] = {}
        self.eta_cache: dict[Expr, Expr | None] = {}
        self.steps = 0

    # ================================================================== API
    def eval(self, e: Expr) -> Any:
        """The weak head normal form of the closed term `e`."""
        if e.lbr or e.flags & (E.HAS_FVAR | E.HAS_MVAR):
            raise EvalError("cannot evaluate a term with free variables or metavariables")
        return self._run(_Jump(e, ()))

    def force(self, v: Any) -> Any:
        if type(v) is Thunk:
            if v.expr is None:
                return v.value
            return self._run(v)
        return v

    def call(self, f: Any, args: tuple) -> Any:
        """The weak head normal form of the function value `f` applied to `args` (values or thunks)."""
        stack: list[tuple] = [(F_APPLY, tuple(args))]
        return self._run(self.force(f), stack)

    def eval_bool(self, e: Expr) -> bool:
        v = self.eval(e)
        if type(v) is Ctor and v.name in (NatNames.bool_true, NatNames.bool_false):
            return v.name is NatNames.bool_true
        raise EvalError("the term did not evaluate to a Bool")

    def as_nat(self, v: Any) -> int:
        v = self.force(v)
        if type(v) is int:
            return v
        raise EvalError("a Nat was expected")

    def as_str(self, v: Any) -> str:
        """A String value as Python text (from a literal or from `String.mk` of a list of characters)."""
        v = self.force(v)
        if type(v) is str:
            return v
        if type(v) is Ctor and v.fields:
            data = self.force(v.fields[0])
            if type(data) is Ctor and len(data.fields) == 1:   # Lean 4.29: `ByteArray.mk (Array.mk bytes)`
                arr = self.force(data.fields[0])
                if type(arr) is Ctor and len(arr.fields) == 1:
                    raw = bytes(self.char_code(b) for b in self.list_items(arr.fields[0]))
                    try:
                        return raw.decode("utf-8")
                    except UnicodeDecodeError:
                        raise EvalError("a String value is not valid UTF-8") from None
            return "".join(chr(self.char_code(c)) for c in self.list_items(data))
        raise EvalError("a String was expected")

    def char_code(self, v: Any) -> int:
        """A Char's code point: the first field of `Char.mk` (and of its `UInt32`/`BitVec`/`Fin`) down to a Nat."""
        v = self.force(v)
        for _ in range(8):
            if type(v) is int:
                return v
            if type(v) is not Ctor or not v.fields:
                break
            v = self.force(v.fields[0])
        raise EvalError("a Char was expected")

    def list_items(self, v: Any) -> list[Any]:
        """The elements of a `List` value (iteratively: lists may be long)."""
        out = []
        v = self.force(v)
        while type(v) is Ctor and len(v.fields) == 2:
            out.append(v.fields[0])
            v = self.force(v.fields[1])
        if type(v) is not Ctor or v.fields:
            raise EvalError("a List was expected")
        return out

    # ================================================================== the machine
    def _charge(self) -> None:
        self.gas.charge(GAS_BATCH)

    def _run(self, start: Any, stack: list | None = None) -> Any:
        if stack is None:
            stack = []
        memo = self.memo
        spines = self.spines
        const_values = self.const_values
        v: Any = start
        c: Expr
        e: tuple
        steps = self.steps
        try:
            while True:
                # ---------------------------------------------------- return a value (or continue)
                tv = type(v)
                if tv is Thunk:
                    if v.expr is None:
                        v = v.value
                        continue
                    stack.append((F_UPDATE, v))
                    c, e = v.expr, v.env
                elif tv is _Jump:
                    c, e = v.expr, v.env
                else:
                    if not stack:
                        return v
                    fr = stack.pop()
                    tag = fr[0]
                    if tag == F_APPLY:
                        if tv is Closure:      # `_apply`'s first case, inlined: the most frequent step
                            args = fr[1]
                            body = v.lam
                            e = v.env
                            n = len(args)
                            i = 0
                            while i < n and body.kind == LAM:
                                e = (args[i],) + e
                                body = body.body  # type: ignore[attr-defined]
                                i += 1
                            if i == n:
                                if body.kind == LAM:
                                    v = Closure(body, e)
                                    continue
                            else:
                                stack.append((F_APPLY, args[i:]))
                            c = body
                        else:
                            v = self._apply(v, fr[1], stack)
                            continue
                    elif tag == F_UPDATE:
                        t = fr[1]
                        t.value = v
                        t.expr = None
                        t.env = ()
                    elif tag == F_CASE:
                        v = self._case(fr[1], fr[2], v, stack)
                    elif tag == F_STRICT:
                        v = self._strict(fr[1], fr[2], fr[3], v, stack)
                    elif tag == F_PROJ:
                        v = self._proj(fr[1], fr[2], v, stack)
                    elif tag == F_MEMO:
                        m = v
                        if tv is Closure:    # `fun a b => f a b` kept as `f`: instance methods collapse once
                            h = self._eta_head(v.lam)
                            if h is not None:
                                m = Thunk(h, v.env)   # evaluated when next needed, not now
                        memo[fr[1]] = m
                    else:  # F_CACHE
                        self.const_values[fr[1]] = v
                    if tag != F_APPLY:
                        continue
                # ---------------------------------------------------- evaluate c in e
                while True:
                    steps += 1
                    if steps >= GAS_BATCH:
                        steps = 0
                        self._charge()
                    k = c.kind
                    if k == APP:
                        if c.lbr == 0:
                            m = memo.get(c)
                            if m is not None:
                                v = m
                                break
                            stack.append((F_MEMO, c))
                        sp = spines.get(c)
                        if sp is None:
                            sp = spines[c] = _spine(c)
                        c, args = sp
                        argv = []
                        for a in args:    # arguments by need (`_arg`, inlined: this is the hot path)
                            ak = a.kind
                            if ak == BVAR:
                                argv.append(e[a.idx])  # type: ignore[attr-defined]
                            elif ak == NATLIT or ak == STRLIT:
                                argv.append(a.val)  # type: ignore[attr-defined]
                            elif ak == LAM:
                                argv.append(Closure(a, e))
                            elif a.lbr == 0:
                                m = const_values.get(a.name) if ak == CONST else memo.get(a)  # type: ignore[attr-defined]
                                argv.append(m if m is not None else (ERASED if ak == SORT or ak == PI else Thunk(a, ())))
                            else:
                                argv.append(Thunk(a, e))
                        stack.append((F_APPLY, tuple(argv)))
                        continue
                    if k == BVAR:
                        v = e[c.idx]  # type: ignore[attr-defined]
                        break
                    if k == CONST:
                        v = const_values.get(c.name)  # type: ignore[attr-defined]
                        if v is None:
                            v = self._const(c.name, stack)  # type: ignore[attr-defined]
                        break
                    if k == LAM:
                        v = Closure(c, e)
                        break
                    if k == LET:
                        e = (self._arg(c.value, e),) + e  # type: ignore[attr-defined]
                        c = c.body  # type: ignore[attr-defined]
                        continue
                    if k == NATLIT or k == STRLIT:
                        v = c.val  # type: ignore[attr-defined]
                        break
                    if k == PROJ:
                        stack.append((F_PROJ, c.idx, c.sname))  # type: ignore[attr-defined]
                        c = c.struct  # type: ignore[attr-defined]
                        continue
                    if k == SORT or k == PI:
                        v = ERASED
                        break
                    if k == FVAR or k == MVAR:
                        raise EvalError("cannot evaluate a term with free variables or metavariables")
                    raise EvalError("unexpected term")
        finally:
            self.steps = steps

    def _arg(self, a: Expr, e: tuple) -> Any:
        k = a.kind
        if k == BVAR:
            return e[a.idx]  # type: ignore[attr-defined]
        if k == NATLIT or k == STRLIT:
            return a.val  # type: ignore[attr-defined]
        if k == LAM:
            return Closure(a, e)
        if k == SORT or k == PI:
            return ERASED
        if a.lbr == 0:
            if k == CONST:
                v = self.const_values.get(a.name)  # type: ignore[attr-defined]
                if v is not None:
                    return v
            else:
                v = self.memo.get(a)
                if v is not None:
                    return v
            return Thunk(a, ())
        return Thunk(a, e)

    def _eta_head(self, lam: Expr) -> Expr | None:
        """For `fun x₁ … xₖ => h x₁ … xₖ` with the xᵢ not free in `h`: `h` (its bound variables lowered)."""
        try:
            return self.eta_cache[lam]
        except KeyError:
            pass
        k = 0
        body = lam
        while body.kind == LAM:
            body = body.body  # type: ignore[attr-defined]
            k += 1
        h: Expr | None = body
        for i in range(k):
            if h.kind != APP or h.arg.kind != BVAR or h.arg.idx != i:  # type: ignore[union-attr,attr-defined]
                h = None
                break
            h = h.fn  # type: ignore[union-attr,attr-defined]
        if h is not None:
            if any(E.has_loose_bvar(h, i) for i in range(min(k, h.lbr))):
                h = None
            else:
                h = E.lower_loose_bvars(h, k)
        self.eta_cache[lam] = h
        return h

    # ------------------------------------------------------------------ application
    def _apply(self, f: Any, args: tuple, stack: list) -> Any:
        tf = type(f)
        if tf is Closure:
            body = f.lam
            env = f.env
            n = len(args)
            i = 0
            while i < n and body.kind == LAM:
                env = (args[i],) + env
                body = body.body  # type: ignore[attr-defined]
                i += 1
            if i == n:
                if body.kind == LAM:
                    return Closure(body, env)
            else:
                stack.append((F_APPLY, args[i:]))
            return _Jump(body, env)
        if tf is Pap:
            prim = f.prim
            allargs = f.args + args
            if len(allargs) < prim.arity:
                return Pap(prim, allargs)
            if len(allargs) > prim.arity:
                stack.append((F_APPLY, allargs[prim.arity:]))
                allargs = allargs[:prim.arity]
            return self._call(prim, allargs, stack)
        if tf is Erased:
            return ERASED
        raise EvalError(f"cannot apply a value that is not a function ({_describe(f)})")

    def _call(self, prim: Prim, args: tuple, stack: list) -> Any:
        kind = prim.kind
        if kind == CTOR:
            cidx, nparams = prim.data
            return Ctor(prim.name, cidx, args[nparams:])
        if kind == BUILTIN:
            strict = prim.strict
            stack.append((F_STRICT, prim, list(args), 0))
            return args[strict[0]]
        if kind == REC:
            meta: _RecMeta = prim.data
            if meta.prop is not None:
                return self._prop_rec(prim, meta, args, stack)
            stack.append((F_CASE, prim, args))
            return args[meta.major_idx]
        if kind == QUOT_MK:
            return args[2]
        if kind == QUOT_LIFT:
            stack.append((F_APPLY, (args[5],)))
            return args[3]
        if kind == FIX:    # WellFounded.fix F x = F x (fun y _ => WellFounded.fix F y), as compiled code runs it
            stack.append((F_APPLY, (args[5], Pap(self._fix_ih(prim), args[:5]))))
            return args[4]
        if kind == FIX_IH:
            return self._call(prim.data, args[:6], stack)
        raise EvalError(f"cannot evaluate '{prim.name}'")

    def _fix_ih(self, fix: Prim) -> Prim:
        p = fix.data
        if p is None:
            p = fix.data = Prim(fix.name, FIX_IH, 7, data=fix)
        return p

    def _strict(self, prim: Prim, args: list, pos: int, v: Any, stack: list) -> Any:
        strict = prim.strict
        args[strict[pos]] = v
        pos += 1
        if pos < len(strict):
            stack.append((F_STRICT, prim, args, pos))
            return args[strict[pos]]
        return prim.fn(self, args)  # type: ignore[misc]

    def _proj(self, idx: int, sname: Name, v: Any, stack: list) -> Any:
        if type(v) is Ctor:
            if idx < len(v.fields):
                return v.fields[idx]
            raise EvalError(f"projection {idx + 1} out of range for '{v.name}'")
        if v is ERASED:
            return ERASED
        if type(v) is str and sname is NatNames.string:
            stack.append((F_PROJ, idx, sname))
            return _Jump(string_lit_to_constructor(E.mk_str_lit(v), self.constants), ())
        if type(v) is float:
            raise EvalError("the field of a `Float` (its `floatSpec` value) is not supported yet")
        raise EvalError(f"cannot project out of {_describe(v)}")

    # ------------------------------------------------------------------ recursors
    def _prop_rec(self, prim: Prim, meta: _RecMeta, args: tuple, stack: list) -> Any:
        """Recursors of propositions: their major premise is a proof, never evaluated (proofs are erased)."""
        if not meta.rules:   # `False.elim` and friends: compiled code would panic here
            raise EvalError(f"unreachable code has been reached ('{prim.name}')")
        if meta.prop == "no":
            raise EvalError(f"code generator does not support recursor '{prim.name}' yet, consider using "
                            "'match ... with' and/or structural recursion")
        (rule, nfields), = meta.rules.values()
        stack.append((F_APPLY, args[:meta.pre] + (ERASED,) * nfields))
        return rule

    def _case(self, prim: Prim, args: tuple, major: Any, stack: list) -> Any:
        meta: _RecMeta = prim.data
        tm = type(major)
        if tm is Ctor:
            ctor = major.name
            fields = major.fields
        elif tm is int:
            if meta.native == "nat":
                if meta.pre == 3 and meta.major_idx == 3:
                    # `Nat.rec motive zero succ n`, its two kernel-generated rules run directly:
                    # `zero`, or `succ (n - 1) (Nat.rec motive zero succ (n - 1))` with the latter suspended
                    if major == 0:
                        return args[1]
                    m = major - 1
                    stack.append((F_APPLY, (m, Thunk(_APPLY_1, (m, Pap(prim, args[:3]))))))
                    return args[2]
                if major == 0:
                    ctor, fields = NatNames.zero, ()
                else:
                    ctor, fields = NatNames.succ, (major - 1,)
            elif meta.native == "int":
                if major >= 0:
                    ctor, fields = _INT_OF_NAT, (major,)
                else:
                    ctor, fields = _INT_NEG_SUCC, (-major - 1,)
            else:
                raise EvalError(f"'{prim.name}' applied to a number")
        elif tm is str and meta.native == "string":
            stack.append((F_CASE, prim, args))
            return _Jump(string_lit_to_constructor(E.mk_str_lit(major), self.constants), ())
        elif tm is float:
            raise EvalError(f"matching on the structure of a `Float` ('{prim.name}') is not supported yet")
        else:
            raise EvalError(f"'{prim.name}' applied to {_describe(major)}")
        entry = meta.rules.get(ctor)
        if entry is None:
            raise EvalError(f"'{prim.name}' has no rule for '{ctor}'")
        rule, nfields = entry
        if len(fields) != nfields:
            raise EvalError(f"'{ctor}' has {len(fields)} fields, '{prim.name}' expects {nfields}")
        stack.append((F_APPLY, args[:meta.pre] + tuple(fields)))
        return rule

    def _rec_prim(self, info: RecursorInfo) -> Prim:
        ind = self.constants.get(info.major_induct)
        if not isinstance(ind, InductiveInfo):
            raise EvalError(f"'{info.name}': unknown inductive type")
        rules = {r.ctor: (Closure(r.rhs, ()) if r.rhs.kind == LAM else Thunk(r.rhs, ()), r.num_fields)
                 for r in info.rules}
        prop = None
        if _is_prop_type(ind.type):
            if info.k:
                prop = "k"
            elif len(info.rules) == 1 and ind.num_indices == 0:
                prop = "struct"      # And-like: every field a proof (else it could only eliminate into Prop)
            else:
                prop = "no"
        native = None
        if info.major_induct is NatNames.nat and self.builtins.nat_shaped():
            native = "nat"
        elif info.major_induct is _INT and self.builtins.int_shaped():
            native = "int"
        elif info.major_induct is NatNames.string:
            native = "string"
        meta = _RecMeta(info.major_idx, info.num_params + info.num_motives + info.num_minors, rules, prop, native)
        return Prim(info.name, REC, info.major_idx + 1, data=meta)

    # ------------------------------------------------------------------ constants
    def _const(self, name: Name, stack: list) -> Any:
        v = self.const_values.get(name)
        if v is not None:
            return v
        p = self.builtins.get(name)
        if p is not None:
            v = self.const_values[name] = Pap(p, ()) if p.arity else p.fn(self, [])  # type: ignore[misc]
            return v
        info = self.constants.get(name)
        if info is None:
            raise EvalError(f"unknown constant '{name}'")
        if isinstance(info, OpaqueInfo):
            impl = self.constants.get(name.append("_unsafe_rec"))   # Lean's `implemented_by` for `partial`
            if isinstance(impl, DefinitionInfo):
                stack.append((F_CACHE, name))
                return _Jump(impl.value, ())
            if _is_partial_placeholder(info.value):
                raise EvalError(f"evaluating the 'partial' definition '{name}' is not supported yet (its "
                                "kernel value is only a default inhabitant, not its code)")
        if isinstance(info, (DefinitionInfo, OpaqueInfo)):
            stack.append((F_CACHE, name))
            return _Jump(info.value, ())
        if isinstance(info, ConstructorInfo):
            if name is NatNames.zero and self.builtins.nat_shaped():
                v = 0
            elif info.num_params + info.num_fields == 0:
                v = Ctor(name, info.cidx, ())
            else:
                v = Pap(Prim(name, CTOR, info.num_params + info.num_fields, data=(info.cidx, info.num_params)), ())
        elif isinstance(info, RecursorInfo):
            v = Pap(self._rec_prim(info), ())
        elif isinstance(info, (InductiveInfo, TheoremInfo)):
            v = ERASED
        elif isinstance(info, QuotInfo):
            if info.kind == Q_MK:
                v = Pap(Prim(name, QUOT_MK, 3), ())
            elif info.kind == Q_LIFT:
                v = Pap(Prim(name, QUOT_LIFT, 6), ())
            else:   # the type `Quot` and the proof principle `Quot.ind`
                v = ERASED
        elif isinstance(info, AxiomInfo):
            if name is _SORRY:
                raise EvalError("cannot evaluate code that uses 'sorry'")
            raise EvalError(f"cannot evaluate '{name}': it is an axiom, it has no code")
        else:
            raise EvalError(f"cannot evaluate '{name}'")
        self.const_values[name] = v
        return v


_APPLY_1 = E.mk_app(E.mk_bvar(1), E.mk_bvar(0))   # `f a` with `f`, `a` the first two values of the environment
_INT_OF_NAT = Name.of("Int.ofNat")
_INHABITED_DEFAULT = Name.of("Inhabited.default")
_INT_NEG_SUCC = Name.of("Int.negSucc")


def _spine(c: Expr) -> tuple[Expr, tuple[Expr, ...]]:
    """An application's head and arguments; the head stops at a closed partial application (such as
    `HAdd.hAdd Nat Nat Nat inst`), which is then evaluated once and memoized."""
    args = []
    while c.kind == APP:
        args.append(c.arg)  # type: ignore[attr-defined]
        c = c.fn  # type: ignore[attr-defined]
        if c.lbr == 0 and c.kind == APP:
            break
    args.reverse()
    return c, tuple(args)


def _is_partial_placeholder(v: Expr) -> bool:
    """The value a `partial def` gets in the kernel, not its code: `fun xs => Inhabited.default`, or one of
    its arguments when that inhabits the result type (`fun l f => f` for `(l : L) → foo l → foo l`)."""
    lams = 0
    while v.kind == LAM:
        v = v.body  # type: ignore[attr-defined]
        lams += 1
    if v.kind == E.BVAR:
        return lams > 0
    f = E.get_app_fn(v)
    return f.kind == CONST and f.name is _INHABITED_DEFAULT  # type: ignore[attr-defined]


def _is_prop_type(t: Expr) -> bool:
    while t.kind == PI:
        t = t.body  # type: ignore[attr-defined]
    return t is E.PROP


def _describe(v: Any) -> str:
    if type(v) is int:
        return "a number"
    if type(v) is str:
        return "a string"
    if type(v) is float:
        return "a float"
    if type(v) is Ctor:
        return f"'{v.name}'"
    if type(v) is Closure or type(v) is Pap:
        return "a function"
    if v is ERASED:
        return "a type or proof"
    return "a value"
