"""Pattern matching: `match`, `fun | …`, `nomatch`, `nofun`, `if … then … else`, compiled to `casesOn`.

    ensure_cases_on(env, I)              # Lean's auxiliary `I.casesOn`, added (kernel-checked) on first use
    compile_match(te, discrs, alts, expected, span)   # the core compiler, also used for pattern equations

A match is compiled as Lean's `cases` would do it, one column at a time, left to right: when some
alternative has a constructor pattern in the first column, the column's variable is split with
`I.casesOn`; the locals whose types depend on it (or on its indices) are reverted into the motive and
re-introduced with refined types in each branch (so `h : n > 0` becomes `h : k + 1 > 0`, and `Eq` /
indexed-family patterns refine the indices when they are distinct variables). Non-variable
discriminants are generalized first (the motive is the expected type with the discriminants abstracted),
`h : e` discriminants add `h : e = pattern`. Literal patterns of `Nat` become `Nat.zero`/`Nat.succ`;
string and character literals are compared by `Decidable` equality (`dite`). A right-hand side is elaborated
once, at the leaf where its alternative is reached first, with its pattern variables as locals.

Indices that are not distinct variables (`Vec α (n + 1)`, `Even 1`) are handled as Lean's `cases` does: the
motive takes equations between the indices, and each branch solves them by substitution (`Eq.rec`),
constructor injectivity (`congrArg` with a projection built from `casesOn`) and disjointness (a proof of
`False` by `Eq.rec` into a `casesOn` that is `True` on one constructor and `False` on the others); a case
whose equations are contradictory needs no alternative (`nomatch h` for `h : Even 1`). What this does not
cover (the matched term itself used in the goal, heterogeneous equations) is refused with a clear
`… is not supported yet`.

Errors follow Lean: `Missing cases:` with the uncovered cases listed as Lean lists them, `Redundant
alternative: …`, wrong number of patterns, invalid patterns.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from typing import Any, Iterator, Sequence

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import (
    ABBREV_HINTS, ConstructorInfo, DefinitionDecl, InductiveInfo, RecursorInfo,
)
from ..kernel.errors import KernelError
from ..kernel.expr import APP, CONST, FVAR, LAM, PI, Expr, FVar
from ..kernel.name import Name
from ..syntax import ast as A
from . import messages
from .errors import ElabError
from ..pretty.names import has_macro_scopes, match_alts_name
from .matcher import build_matcher
from .mctx import head_beta

__all__ = ["ensure_cases_on", "generalized_motive", "mk_heq", "solve_equations", "solve_heq", "substitute", "compile_match", "elab_match", "elab_if", "elab_lam_alts", "elab_nomatch",
           "elab_nofun", "elab_fun_patterns", "MatchResult"]


# ====================================================================== auxiliary `casesOn`


def intro_binders(t: Expr, n: int, counter: E.FVarCounter) -> tuple[list[FVar], Expr]:
    """The first `n` binders of the Π-type `t` as fresh free variables, and what is left of `t`."""
    xs: list[FVar] = []
    for _ in range(n):
        x = E.mk_fvar(t.name, t.type, None, t.bi, counter)  # type: ignore[attr-defined]
        xs.append(x)
        t = E.instantiate1(t.body, x)  # type: ignore[attr-defined]
    return xs, t

def ensure_cases_on(env: Any, ind: Name) -> Name:
    """`ind.casesOn` (Lean's shape: params and motive implicit, indices implicit, then the major premise
    and one minor premise per constructor without induction hypotheses), added to `env` if missing."""
    name = ind.append("casesOn")
    if env.find(name) is not None:
        return name
    rec = env.find(ind.append("rec"))
    info = env.find(ind)
    if not isinstance(rec, RecursorInfo) or not isinstance(info, InductiveInfo):
        raise ElabError(f"'{ind}' is not an inductive type")
    counter = E.FVarCounter()

    def intro(t: Expr, n: int) -> tuple[list[FVar], Expr]:
        return intro_binders(t, n, counter)

    rt = rec.type
    lv = [L.param(p) for p in rec.level_params]
    params, rt = intro(rt, rec.num_params)
    motives, rt = intro(rt, rec.num_motives)
    minors, rt = intro(rt, rec.num_minors)
    idx_major, ret = intro(rt, rec.num_indices + 1)
    # in a mutual block, the recursor has a motive and minor premises per type: the other types' motives
    # are `PUnit`, their minor premises `PUnit.unit` (Lean's `casesOn` does the same)
    mine = info.all.index(ind) if rec.num_motives > 1 else 0
    motive = motives[mine]
    other_lvl = lv[0] if len(rec.level_params) > len(info.level_params) else L.ZERO
    if rec.num_motives > 1 and env.find(Name.of("PUnit")) is None:
        raise ElabError(f"pattern matching on the mutual inductive type '{ind}' needs 'PUnit'")
    motive_vals: list[Expr] = []
    for k, mo in enumerate(motives):
        if k == mine:
            motive_vals.append(mo)
            continue
        xs_k, _ = intro(mo.type, E.binding_body_count(mo.type))
        motive_vals.append(E.mk_lambda_fvars(xs_k, E.mk_const(Name.of("PUnit"), [other_lvl])))
    new_minors: list[FVar] = []
    minor_vals: list[Expr] = []
    for m in minors:
        # the fields are the binders before the induction hypotheses (whose types end in a motive); the
        # conclusion's motive tells the type (of the block, or an auxiliary one of a nested occurrence)
        hyps, concl = intro(m.type, E.binding_body_count(m.type))
        nf = sum(1 for h in hyps if E.get_app_fn(_pi_result(h.type)) not in motives)
        mty = E.instantiate_rev(E.abstract(m.type, motives), motive_vals)
        fields, mt = intro(mty, nf)
        ihs, mret = intro(mt, E.binding_body_count(mt))
        if E.get_app_fn(concl) is not motive:
            minor_vals.append(E.mk_lambda_fvars(fields + ihs, E.mk_const(Name.of("PUnit.unit"), [other_lvl])))
            continue
        nm = E.mk_fvar(m.name, E.mk_pi_fvars(fields, mret), None, E.DEFAULT, counter)
        new_minors.append(nm)
        minor_vals.append(E.mk_lambda_fvars(fields + ihs, E.mk_app_n(nm, fields)))
    binders = params + [motive] + idx_major[:-1]
    implicit = [E.IMPLICIT] * len(binders)
    all_x = binders + [idx_major[-1]] + new_minors
    bis = implicit + [E.DEFAULT] * (1 + len(new_minors))
    val_body = E.mk_app_n(E.mk_const(rec.name, lv), params + motive_vals + minor_vals + idx_major)
    ty = E.mk_binding(True, all_x, ret, bis)
    val = E.mk_binding(False, all_x, val_body, bis)
    try:
        env.add(DefinitionDecl(name, rec.level_params, ty, val, ABBREV_HINTS))
    except KernelError as exc:
        raise ElabError(f"(kernel) could not build '{name}': {exc.message}") from None
    return name


def _pi_result(t: Expr) -> Expr:
    while t.kind == PI:
        t = t.body  # type: ignore[attr-defined]
    return t


# ====================================================================== patterns

@dataclass(slots=True, eq=False)
class PVar:
    name: Name | None          # None: `_` or an inaccessible term (binds nothing)
    span: Any


@dataclass(slots=True, eq=False)
class PCtor:
    ctor: Name
    fields: list               # syntax (or Pat) per field of the constructor
    span: Any


@dataclass(slots=True, eq=False)
class PValue:
    value: Expr                # a literal compared by decidable equality
    span: Any
    nat: int | None = None     # a `Nat` literal: split constructor by constructor when `Nat` is split


_NAT_UNFOLD_LIMIT = 64          # larger `Nat` literal patterns are compared by decidable equality


def _ctor_fields(p: Any, c: Name, span: Any) -> list | None:
    """The field patterns of `p` in the branch of constructor `c` (None: `p` does not match there)."""
    if isinstance(p, PCtor):
        return list(p.fields) if p.ctor is c else None
    if isinstance(p, PValue) and p.nat is not None:
        if str(c) == "Nat.zero":
            return [] if p.nat == 0 else None
        if str(c) == "Nat.succ":
            return [PValue(E.mk_nat_lit(p.nat - 1), p.span, p.nat - 1)] if p.nat > 0 else None
    raise ElabError("mixing literal and constructor patterns on this type is not supported yet", p.span)


@dataclass(slots=True, eq=False)
class PAs:
    name: Name
    pat: Any
    span: Any




PATTERN_LET = "✝pattern"   # the last component of the name of a `let` that binds a variable pattern


# the hypothesis `h : x = v` (`h : ¬x = v`) of a decidable-equality split: an inaccessible name (shown `h✝`)
# marked so that recursion's goals leave it out, as the alternatives of Lean's matcher do not receive it
_SPLIT_HYP_MARK = "valueSplit"
SPLIT_HYP_NAME = Name.from_components(["h", "_@", _SPLIT_HYP_MARK, "_hyg", 0])


def cases_on_app(env: Any, e: Expr) -> tuple[Expr, list[Expr], InductiveInfo] | None:
    """`e` as `I.casesOn params motive major minors extra…` of an inductive type without indices, with all
    its minor premises: (the `casesOn` constant, the arguments, I)."""
    if e.kind != APP:
        return None
    f, args = E.get_app_fn_args(e)
    if f.kind != CONST or f.name.last != "casesOn":  # type: ignore[attr-defined]
        return None
    ind = env.find(f.name.prefix)  # type: ignore[attr-defined]
    if not isinstance(ind, InductiveInfo) or ind.num_indices or len(args) < ind.num_params + 2 + len(ind.ctors):
        return None
    return f, args, ind


def constructor_view(meta: Any, env: Any, e: Expr) -> tuple[ConstructorInfo, list[Expr], list[Expr]] | None:
    """`e` (after whnf) as a constructor application: (constructor, parameters, fields), a `Nat` literal as
    `Nat.zero`/`Nat.succ`, each field as the user would write it (`n`, not the `Nat.add n 0` of `n + 1`)."""
    w = meta.whnf(e)
    if w.kind == E.NATLIT:
        n = w.val  # type: ignore[attr-defined]
        if n == 0:
            w = E.mk_const(Name.of("Nat.zero"))
        else:
            w = E.mk_app(E.mk_const(Name.of("Nat.succ")), E.mk_nat_lit(n - 1))
    f, args = E.get_app_fn_args(w)
    if f.kind != CONST:
        return None
    info = env.find(f.name)  # type: ignore[attr-defined]
    if not isinstance(info, ConstructorInfo) or len(args) != info.num_params + info.num_fields:
        return None
    return info, args[:info.num_params], [_tidy(meta, a) for a in args[info.num_params:]]


def _tidy(meta: Any, e: Expr) -> Expr:
    """A field as the user would write it: `n` rather than the `Nat.rec n … 0` that unfolding `n + 1` leaves."""
    if e.kind in (E.FVAR, E.NATLIT, CONST):
        return e
    w = meta.whnf(e)
    return w if w.kind in (E.FVAR, E.NATLIT, CONST) else e


def _mark_flat_match(env: Any, meta: Any, body: Expr, x: Expr, leaves: dict, n_alts: int) -> Expr:
    """`body` with its motive named after the order of the alternatives when it is one `casesOn` on `x` whose
    cases are the alternatives, one each (see `match_alts_name`); else `body` unchanged."""
    app = cases_on_app(env, body)
    if app is None:
        return body
    f, args, ind = app
    if len(ind.ctors) != n_alts or args[ind.num_params + 1] is not x:
        return body
    alt_of_ctor: dict[Name, int] = {}
    field_names: dict[Name, dict[int, Name]] = {}   # per constructor: field position -> pattern variable
    for k in range(n_alts):
        cases = leaves.get(k, [])
        if len(cases) != 1:
            return body
        h, fields = E.get_app_fn_args(meta.whnf(meta.instantiate_mvars(cases[0][1][0])))
        if h.kind != CONST or h.name not in ind.ctors or h.name in alt_of_ctor:  # type: ignore[attr-defined]
            return body
        alt_of_ctor[h.name] = k  # type: ignore[attr-defined]
        fields = fields[ind.num_params:]
        field_names[h.name] = {fields.index(v): name for name, v, _ in cases[0][3]  # type: ignore[attr-defined]
                               if v.kind == FVAR and v in fields}
    motive = args[ind.num_params]
    if motive.kind != LAM:
        return body
    marked = E.mk_lam(match_alts_name([alt_of_ctor[c] for c in ind.ctors]), motive.type, motive.body,  # type: ignore[attr-defined]
                      motive.bi)  # type: ignore[attr-defined]
    first = ind.num_params + 2
    minors = [_rename_binders(m, field_names[c]) for c, m in zip(ind.ctors, args[first:first + n_alts])]
    return E.mk_app_n(f, list(args[:ind.num_params]) + [marked, x] + minors + list(args[first + n_alts:]))


def _rename_binders(lam: Expr, names: dict[int, Name]) -> Expr:
    """`lam` with its k-th binder named `names[k]` (the pattern variables of an alternative, shown by `match`)."""
    if not names:
        return lam
    k = 0
    binders = []
    e = lam
    while k <= max(names) and e.kind == LAM:
        binders.append(e)
        e = e.body  # type: ignore[attr-defined]
        k += 1
    for i in range(len(binders) - 1, -1, -1):
        b = binders[i]
        e = E.mk_lam(names.get(i, b.name), b.type, e, b.bi)  # type: ignore[attr-defined]
    return e


def is_split_hyp(n: Name) -> bool:
    return n == SPLIT_HYP_NAME


def is_pattern_let(e: Expr) -> bool:
    return e.kind == E.LET and e.name.last == PATTERN_LET  # type: ignore[attr-defined]


def zeta_pattern_lets(e: Expr) -> Expr:
    """`e` with the `let`s that bind variable patterns (see `_Compiler._with_pattern_lets`) substituted."""
    if E.find(e, is_pattern_let) is None:
        return e

    def visit(x: Expr, off: int) -> Expr | None:
        if is_pattern_let(x):
            return zeta_pattern_lets(E.instantiate1(x.body, x.value))  # type: ignore[attr-defined]
        return None
    return E.replace(e, visit)


def _unparen(p: Any) -> Any:
    while isinstance(p, (A.Paren, A.Ascription)):
        p = p.term
    return p


def _is_inaccessible(p: Any) -> bool:
    return isinstance(p, A.App) and isinstance(p.fn, A.Cdot) and len(p.args) == 1


@dataclass(slots=True, eq=False)
class _Alt:
    index: int
    pats: list                 # one per remaining variable: syntax or a classified pattern
    bindings: list             # (name, value expr, span)
    rhs: Any
    span: Any
    orig: tuple                # the patterns as written, for messages


@dataclass(slots=True)
class MatchResult:
    term: Expr
    leaves: dict = field(default_factory=dict)   # alt index -> [(locals, discriminant values, rhs, bindings)]
    discrs: list = field(default_factory=list)   # the discriminants, as given


class _Compiler:
    """One match problem; see the module docstring."""

    def __init__(self, te: Any, span: Any, elab_rhs: Any) -> None:
        self.te = te
        self.meta = te.meta
        self.env = te.env
        self.span = span
        self.elab_rhs = elab_rhs
        self.used: set[int] = set()
        self.missing: list[list[Expr]] = []
        self.leaves: dict[int, list] = {}
        self._exhausting = 0   # nesting of case splits tried only to show that no case is left
        self.lctx_start = len(self.meta.lctx)  # the pattern variables come after this
        self.maybe_impossible = False   # a missing case has hypotheses Lean's `contradiction` might refute
        self.as_spans: set[int] = set()   # spans of `x@p` patterns: `x` is replaced by `p`'s term, as Lean does
        self.discriminants: set[Expr] = set()
        # the leaves of a matcher (`elab.matcher`): `leaf_rhs(alt, goal, discriminant values)` instead of the
        # alternative's right-hand side
        self.leaf_rhs: Any = None

    def _has_refutable_hypothesis(self) -> bool:
        """Is a pattern variable in scope a proof of an inductive family's instance (`h : i + 1 < 1`)? Lean
        tries `contradiction` on such a case before calling it missing; leanr does not yet."""
        meta = self.meta
        for x in meta.lctx[self.lctx_start:]:
            t = meta.whnf(meta.instantiate_mvars(x.type))
            h = E.get_app_fn(t)
            info = self.env.find(h.name) if h.kind == CONST else None  # type: ignore[attr-defined]
            if isinstance(info, InductiveInfo) and info.num_indices and meta.is_prop(t):
                return True
        return False

    # ------------------------------------------------------------------ types
    def _ind_of(self, x: Expr) -> tuple[InductiveInfo | None, Expr]:
        t = self.meta.whnf(self.meta.instantiate_mvars(self.meta.infer_type(x)))
        h = E.get_app_fn(t)
        info = self.env.find(h.name) if h.kind == CONST else None  # type: ignore[attr-defined]
        return (info if isinstance(info, InductiveInfo) else None), t

    # ------------------------------------------------------------------ classification
    def classify(self, p: Any, x: Expr) -> Any:
        """The pattern `p` (syntax) against a variable of `x`'s type."""
        if not isinstance(p, A.Node):
            return p
        p = _unparen(p)
        if isinstance(p, A.Hole) or _is_inaccessible(p):
            return PVar(None, p.span)
        if isinstance(p, A.Ident):
            c = self._ctor_named(p)
            if c is not None:
                return self._ctor_pat(c, [], {}, False, p)
            if p.name == "rfl" and self.env.find(Name.of("Eq.refl")) is not None:
                return PCtor(Name.of("Eq.refl"), [], p.span)
            if "." in p.name:
                raise ElabError("invalid pattern, constructor or constant marked with '[match_pattern]' "
                                "expected", p.span)
            return PVar(Name.of(p.name), p.span)
        if isinstance(p, A.DotIdent):
            return self._ctor_pat(self._dot_ctor(p, x), [], {}, False, p)
        if isinstance(p, A.App):
            fn = p.fn
            explicit = isinstance(fn, A.Explicit)
            if explicit:
                fn = fn.term
            if (isinstance(fn, A.Ident) and len(p.args) == 1 and isinstance(p.args[0], A.Explicit)
                    and "." not in fn.name and self._ctor_named(fn) is None):
                return PAs(Name.of(fn.name), p.args[0].term, p.span)   # `h@p`
            if isinstance(fn, A.DotIdent):
                c = self._dot_ctor(fn, x)
            elif isinstance(fn, A.Ident):
                c = self._ctor_named(fn)
                if c is None:
                    raise ElabError("invalid pattern, constructor or constant marked with '[match_pattern]' "
                                    "expected", fn.span)
            else:
                raise ElabError("invalid pattern: this form of pattern is not supported yet", p.span)
            positional = [a for a in p.args if not isinstance(a, (A.NamedArg, A.EllipsisArg))]
            named = {a.name: a.value for a in p.args if isinstance(a, A.NamedArg)}
            ellipsis = any(isinstance(a, A.EllipsisArg) for a in p.args)
            return self._ctor_pat(c, positional, named, explicit, p, ellipsis)
        if isinstance(p, A.AnonCtor):
            info, t = self._ind_of(x)
            if info is None or len(info.ctors) != 1:
                raise ElabError(f"invalid constructor ⟨...⟩, expected type must be an inductive type with only "
                                f"one constructor \n  {self.te.pp(t)}", p.span)
            c = info.ctors[0]
            nexp = sum(1 for bi in self._field_bis(c) if bi == E.DEFAULT)
            elems = list(p.elems)
            if len(elems) > nexp > 0:
                rest = elems[nexp - 1:]
                elems = elems[:nexp - 1] + [A.AnonCtor(rest[0].span.to(rest[-1].span), tuple(rest))]
            return self._ctor_pat(c, elems, {}, False, p)
        if isinstance(p, A.StructInst) and not p.sources and p.type is None:
            return self._struct_pat(p, x)
        if isinstance(p, A.Tuple):
            elems = list(p.elems)
            body: Any = elems[-1]
            for a in reversed(elems[:-1]):
                body = A.App(p.span, A.Ident(p.span, "Prod.mk"), (a, body))
            return self.classify(body, x)
        if isinstance(p, A.Unit):
            return self._ctor_pat(Name.of("Unit.unit"), [], {}, False, p) if self.env.find(
                Name.of("Unit.unit")) is not None else PVar(None, p.span)
        if isinstance(p, A.NumLit):
            info, t = self._ind_of(x)
            if info is not None and info.name == Name.of("Nat"):
                # compared by decidable equality, or split constructor by constructor where the column has
                # constructor patterns too (Lean's `isNatValueTransition`)
                return PValue(E.mk_nat_lit(p.value), p.span, p.value)
            return PValue(self._elab_value(p, x), p.span)
        if isinstance(p, (A.StrLit, A.CharLit)):
            return PValue(self._elab_value(p, x), p.span)
        if isinstance(p, A.BinOp) and p.op == "+" and isinstance(_unparen(p.rhs), A.NumLit):
            info, _ = self._ind_of(x)
            if info is not None and info.name == Name.of("Nat"):
                return self._nat_pat(_unparen(p.rhs).value, p.lhs, p)
        if isinstance(p, A.BinOp) and p.op == "::":
            return PCtor(Name.of("List.cons"), [p.lhs, p.rhs], p.span)
        if isinstance(p, A.ListLit):
            body = A.Ident(p.span, "List.nil")
            for a in reversed(p.elems):
                body = A.BinOp(p.span, "::", a, body)
            if not p.elems:
                return PCtor(Name.of("List.nil"), [], p.span)
            return self.classify(body, x)
        if isinstance(p, A.BinOp) and p.op == "+":
            info, _ = self._ind_of(x)
            lhs, rhs = _unparen(p.lhs), _unparen(p.rhs)
            if info is not None and info.name == Name.of("Nat") and isinstance(rhs, A.Ident) and \
                    isinstance(lhs, (A.NumLit, A.Ident)) and "." not in rhs.name:
                # `1 + k` is `Nat.add 1 k`, stuck on `k`: not a constructor application, as in Lean
                shown = str(lhs.value) if isinstance(lhs, A.NumLit) else lhs.name
                raise ElabError(f"Invalid pattern(s): `{rhs.name}` is an explicit pattern variable, but it only occurs "
                                "in positions that are inaccessible to pattern matching:\n  "
                                f".(Nat.add {shown} {rhs.name})", p.span)
        raise ElabError("invalid pattern: this form of pattern is not supported yet", p.span)

    def _nat_pat(self, k: int, base: Any, p: Any) -> Any:
        """The pattern `base + k` as `k` successors of `base`."""
        if k > _NAT_UNFOLD_LIMIT:
            raise ElabError(f"patterns 'n + k' with k above {_NAT_UNFOLD_LIMIT} are not supported yet", p.span)
        pat: Any = base
        for _ in range(k):
            pat = PCtor(Name.of("Nat.succ"), [pat], p.span)
        return pat

    def _elab_value(self, p: Any, x: Expr) -> Expr:
        te = self.te
        v = te.elab_term(p, self.meta.infer_type(x))
        te.synthesize(False)
        return self.meta.instantiate_mvars(v)

    def _ctor_named(self, ident: A.Ident) -> Name | None:
        try:
            n = self.te.resolve_global(Name.of(ident.name), ident.span)
        except ElabError:
            return None
        if n is not None and isinstance(self.env.find(n), ConstructorInfo):
            return n
        return None

    def _dot_ctor(self, p: A.DotIdent, x: Expr) -> Name:
        info, t = self._ind_of(x)
        if info is None:
            raise ElabError(messages.invalid_dotted_ident(self.te.pp, p.name, self.meta.instantiate_mvars(t)), p.span)
        full = info.name
        for c in Name.of(p.name).components():
            full = full.append(c)
        if not isinstance(self.env.find(full), ConstructorInfo):
            raise ElabError(f"unknown constant '{full}'", p.span)
        return full

    def _field_bis(self, c: Name) -> list[int]:
        ctor = self.env.find(c)
        t = ctor.type
        out = []
        for i in range(ctor.num_params + ctor.num_fields):
            if i >= ctor.num_params:
                out.append(t.bi)
            t = t.body
        return out

    def _field_names(self, c: Name) -> list[str]:
        ctor = self.env.find(c)
        t = ctor.type
        out = []
        for i in range(ctor.num_params + ctor.num_fields):
            if i >= ctor.num_params:
                out.append(str(t.name))
            t = t.body
        return out

    def _struct_pat(self, p: A.StructInst, x: Expr) -> PCtor:
        """`{ b := bv, a := 0 }` against a structure: its constructor with those fields; each field not given
        is Lean's `Fields missing` error (defaults do not apply in patterns), or `_` after `..`."""
        info, t = self._ind_of(x)
        if info is None or len(info.ctors) != 1:
            raise ElabError(f"invalid structure instance pattern, the expected type is not a structure\n  "
                            f"{self.te.pp(t)}", p.span)
        c = info.ctors[0]
        names = self._field_names(c)
        named: dict[str, Any] = {}
        for fld in p.fields:
            if fld.binders or "." in fld.name:
                raise ElabError("invalid pattern: this form of structure instance pattern is not supported yet",
                                fld.span)
            if fld.name not in names:
                raise ElabError(f"'{fld.name}' is not a field of structure '{info.name}'", fld.span)
            # `{ x }` is `{ x := x }`
            named[fld.name] = fld.value if fld.value is not None else A.Ident(fld.span, fld.name)
        missing = [n for n in names if n not in named]
        if missing and not p.ellipsis:
            raise ElabError("Fields missing: " + ", ".join(f"`{n}`" for n in missing), p.span)
        return self._ctor_pat(c, [], named, False, p, ellipsis=True)

    def _ctor_pat(self, c: Name, args: list, named: dict, explicit: bool, p: Any,
                  ellipsis: bool = False) -> PCtor:
        """With `ellipsis` (`C a ..`), the fields not given are `_`."""
        ctor = self.env.find(c)
        bis = self._field_bis(c)
        names = self._field_names(c)
        fields: list[Any] = [None] * len(bis)
        args = list(args)
        if explicit:
            if len(args) > ctor.num_params + len(bis):
                raise ElabError(f"too many arguments to constructor '{c}' in pattern", p.span)
            args = args[ctor.num_params:] if len(args) >= ctor.num_params else []
            for i, a in enumerate(args):
                fields[i] = a
        else:
            for i, bi in enumerate(bis):
                if names[i] in named:
                    fields[i] = named.pop(names[i])
                elif bi == E.DEFAULT and args:
                    fields[i] = args.pop(0)
            if args:
                raise ElabError(f"too many arguments to constructor '{c}' in pattern", p.span)
            if named:
                raise ElabError(f"invalid argument name '{next(iter(named))}' for constructor '{c}'", p.span)
            missing = [names[i] for i, bi in enumerate(bis) if bi == E.DEFAULT and fields[i] is None]
            if missing and not ellipsis:
                raise ElabError(f"invalid pattern, constructor application '{c}' expects "
                                f"{sum(1 for b in bis if b == E.DEFAULT)} explicit argument(s)", p.span)
        return PCtor(c, [f if f is not None else PVar(None, p.span) for f in fields], p.span)

    # ------------------------------------------------------------------ substitution
    @staticmethod
    def _subst(e: Expr, olds: Sequence[Expr], news: Sequence[Expr]) -> Expr:
        if not olds or not (e.flags & E.HAS_FVAR):
            return e
        return E.instantiate_rev(E.abstract(e, olds), news)

    # ------------------------------------------------------------------ the algorithm
    def compile(self, xs: list[Expr], alts: list[_Alt], goal: Expr, examples: list[Expr]) -> Expr:
        meta = self.meta
        meta.gas.charge()
        if not alts:
            # a variable of an empty type, or of a family whose indices rule out every constructor, closes
            # the case (`nomatch`, `nofun`, impossible indices)
            unsupported: ElabError | None = None
            for x in xs:
                if x.kind != FVAR or x.value is not None or self._exhausting > 2:  # type: ignore[attr-defined]
                    continue
                info, _ = self._ind_of(x)
                if info is None or (len(info.ctors) > 1 and not info.num_indices):
                    continue
                st, n_missing = meta.save(), len(self.missing)
                self._exhausting += 1
                try:
                    # a family that eliminates only into Prop proves `False` here, and `False.elim` the goal
                    rec = self.env.find(info.name.append("rec"))
                    to_false = len(rec.level_params) == len(info.level_params) and not meta.is_prop(goal)
                    false_ = E.mk_const(Name.of("False"))
                    r = self._cases(x, [x], [], false_ if to_false else goal, examples)  # type: ignore[arg-type]
                    if to_false:
                        u = self.te.ensure_type(goal, self.span)
                        r = E.mk_app_n(E.mk_const(Name.of("False.elim"), [u]), [goal, r])
                    if len(self.missing) == n_missing:
                        return r
                except ElabError as exc:
                    if "not supported yet" in exc.message:
                        unsupported = exc   # the case may be impossible for a reason leanr cannot show yet
                finally:
                    self._exhausting -= 1
                del self.missing[n_missing:]
                meta.restore(st)
            if unsupported is not None:
                raise unsupported
            self.missing.append(list(examples))
            self.maybe_impossible = self.maybe_impossible or self._has_refutable_hypothesis()
            return meta.new_mvar(goal)
        if not xs:
            return self._leaf(alts[0], goal, examples)
        x = xs[0]
        col = []
        fresh_alts = []
        for a in alts:
            pat = self.classify(a.pats[0], x)
            binds = list(a.bindings)
            while isinstance(pat, PAs):
                binds.append((pat.name, x, pat.span))
                self.as_spans.add(id(pat.span))
                pat = self.classify(pat.pat, x)
            fresh_alts.append(_Alt(a.index, [pat] + a.pats[1:], binds, a.rhs, a.span, a.orig))
            col.append(pat)
        alts = fresh_alts
        if all(isinstance(p, PVar) for p in col):
            rest = []
            for a in alts:
                p = a.pats[0]
                binds = a.bindings + ([(p.name, x, p.span)] if p.name is not None else [])
                rest.append(_Alt(a.index, a.pats[1:], binds, a.rhs, a.span, a.orig))
            return self.compile(xs[1:], rest, goal, examples)
        first = next(p for p in col if not isinstance(p, PVar))
        x_whnf = meta.whnf(meta.instantiate_mvars(x))
        h = E.get_app_fn(x_whnf)
        if isinstance(first, PValue) and not any(isinstance(p, PCtor) for p in col) and \
                not self._nat_values_by_constructors(col, h, x, goal):
            return self._split_value(x, first.value, xs, alts, goal, examples)
        if h.kind == CONST and isinstance(self.env.find(h.name), ConstructorInfo):  # type: ignore[attr-defined]
            return self._static_split(x_whnf, xs, alts, goal, examples)
        if x.kind != FVAR:
            raise ElabError("dependent pattern matching on a term that is not a variable is not supported yet",
                            self.span)
        return self._cases(x, xs, alts, goal, examples)

    def _nat_values_by_constructors(self, col: list, x_head: Expr, x: Expr, goal: Expr) -> bool:
        """Whether a column of `Nat` literals (and variables) is split constructor by constructor rather than by
        decidable equality: as Lean's match compiler, when the matched term is a constructor application or no
        variable pattern covers the other values (so a missing case reads `(Nat.succ _)`); and when the goal
        depends on the matched variable, which a constructor split refines and a decidable equality does not."""
        values = [p for p in col if isinstance(p, PValue)]
        if any(p.nat is None or p.nat > _NAT_UNFOLD_LIMIT for p in values):
            return False
        if x_head.kind == CONST and isinstance(self.env.find(x_head.name), ConstructorInfo):  # type: ignore[attr-defined]
            return True
        if x.kind == FVAR and _mentions(self.meta.instantiate_mvars(goal), x):
            return True
        return not any(isinstance(p, PVar) for p in col)

    def _leaf(self, alt: _Alt, goal: Expr, examples: list[Expr]) -> Expr:
        meta = self.meta
        self.used.add(alt.index)
        if self.leaf_rhs is not None:
            return self.leaf_rhs(alt, goal, examples)
        lctx = list(meta.lctx)
        n0 = len(meta.lctx)
        fresh: list[FVar] = []
        values: list[Expr] = []
        seen: set[Name] = set()
        try:
            for name, v, span in alt.bindings:
                if name in seen:
                    raise ElabError(f"invalid pattern, variable '{name}' occurred more than once", span)
                seen.add(name)
                # a let-bound local: the right-hand side sees that it is the matched value (zeta), and the
                # `let` is instantiated away below
                fresh.append(meta.push_local(name, meta.instantiate_mvars(meta.infer_type(v)), value=v))
                values.append(v)
            # the hypotheses of decidable-equality splits are the compiled tree's, not the alternative's (Lean
            # elaborates a right-hand side apart from the matcher): its proofs cannot use them
            seen_lctx = meta.lctx
            meta.lctx = [y for y in seen_lctx if not is_split_hyp(y.name)]
            try:
                rhs = self.elab_rhs(alt, goal)
                self.te.synthesize(False)  # instance problems are solved while the pattern variables are in scope
            finally:
                meta.lctx = seen_lctx
            for (name, _, span), x in zip(alt.bindings, fresh):
                self.te.note_binder(span, name, x, rhs, alt.rhs, "pattern")
            lam = meta.mk_lambda_fvars(fresh, rhs)
        finally:
            meta.pop_locals(len(meta.lctx) - n0)
        body = lam
        for _ in fresh:
            body = body.body  # type: ignore[attr-defined]
        result = E.instantiate_rev(body, values)
        self.leaves.setdefault(alt.index, []).append((lctx, list(examples), result, list(alt.bindings)))
        if self.te.mark_pattern_lets:
            return self._with_pattern_lets(alt, fresh, body, values)
        return result

    def _with_pattern_lets(self, alt: _Alt, fresh: list[FVar], body: Expr, values: list[Expr]) -> Expr:
        """The leaf's right-hand side with each variable pattern whose value is not a variable (a constructor
        application of an earlier split, a discriminant term) bound by a `let` marked `PATTERN_LET`, the others
        substituted."""
        meta = self.meta
        # an inaccessible discriminant (`x✝` of `| pats =>` equations) is named by its pattern variable too
        marked = [(v.kind != FVAR or v in self.discriminants and has_macro_scopes(v.name))  # type: ignore[attr-defined]
                  and id(span) not in self.as_spans
                  for (_, _, span), v in zip(alt.bindings, (meta.instantiate_mvars(v) for v in values))]
        # `body` is under one binder per binding, the last innermost; the values do not mention the bindings
        for k in range(len(fresh) - 1, -1, -1):
            if marked[k]:
                body = E.mk_let(fresh[k].name.append(PATTERN_LET), fresh[k].type, values[k], body)
            else:
                body = E.instantiate1(body, values[k])
        return body

    def _static_split(self, xv: Expr, xs: list[Expr], alts: list[_Alt], goal: Expr,
                      examples: list[Expr]) -> Expr:
        f, args = E.get_app_fn_args(xv)
        ctor = self.env.find(f.name)  # type: ignore[attr-defined]
        fields = args[ctor.num_params:]
        keep = []
        for a in alts:
            p = a.pats[0]
            binds = list(a.bindings)
            if not isinstance(p, PVar):
                fp = _ctor_fields(p, f.name, p.span)  # type: ignore[attr-defined]
                if fp is None:
                    continue
                pats = fp + a.pats[1:]
            else:
                if p.name is not None:
                    binds.append((p.name, xv, p.span))
                pats = [PVar(None, p.span) for _ in fields] + a.pats[1:]
            keep.append(_Alt(a.index, pats, binds, a.rhs, a.span, a.orig))
        return self.compile(list(fields) + xs[1:], keep, goal, examples)

    def _split_value(self, x: Expr, v: Expr, xs: list[Expr], alts: list[_Alt], goal: Expr,
                     examples: list[Expr]) -> Expr:
        te, meta = self.te, self.meta
        eq = te.mk_app_m("Eq", [x, v], self.span)
        dec = te._new_inst_mvar(te.mk_app_m("Decidable", [eq], self.span), self.span)  # noqa: SLF001
        te.synthesize(False)
        yes, no = [], []
        for a in alts:
            p = a.pats[0]
            if isinstance(p, PCtor):
                raise ElabError("mixing literal and constructor patterns on this type is not supported yet", p.span)
            if isinstance(p, PValue):
                if meta.is_def_eq(p.value, v):
                    yes.append(_Alt(a.index, a.pats[1:], list(a.bindings), a.rhs, a.span, a.orig))
                else:
                    no.append(a)
            else:
                yes.append(_Alt(a.index, a.pats[1:], list(a.bindings) + (
                    [(p.name, x, p.span)] if p.name is not None else []), a.rhs, a.span, a.orig))
                no.append(_Alt(a.index, list(a.pats), list(a.bindings), a.rhs, a.span, a.orig))
        with meta.with_local(SPLIT_HYP_NAME, eq) as hx:
            if self.leaf_rhs is not None and x.kind == FVAR and _mentions(meta.instantiate_mvars(goal), x):
                # a matcher's alternative is stated for the value: its goal there is the motive at `v`, cast
                # back along `hx` (as Lean's matchers do)
                then_goal = substitute(meta.instantiate_mvars(goal), [x], [v])
                r = self.compile(xs[1:], yes, then_goal, [substitute(e, [x], [v]) for e in examples])
                r = self._cast_along(x, v, hx, r, goal)
            else:
                r = self.compile(xs[1:], yes, goal, examples[:])
            then_ = meta.mk_lambda_fvars([hx], r)
        neq = te.mk_app_m("Not", [eq], self.span)
        with meta.with_local(SPLIT_HYP_NAME, neq) as hn:
            else_ = meta.mk_lambda_fvars([hn], self.compile(xs, no, goal, examples[:]))
        u = self.te.ensure_type(goal, self.span)
        return E.mk_app_n(E.mk_const(Name.of("dite"), [u]), [goal, eq, dec, then_, else_])

    def _cast_along(self, x: Expr, v: Expr, hx: FVar, r: Expr, goal: Expr) -> Expr:
        """`r : goal[v/x]` as a term of `goal`, by `Eq.ndrec` along `(hx : x = v).symm`."""
        meta, te = self.meta, self.te
        xt = meta.instantiate_mvars(meta.infer_type(x))
        u_x = te.ensure_type(xt, self.span)
        u_goal = te.ensure_type(goal, self.span)
        motive = E.mk_lam(Name.of("y"), xt, E.abstract(meta.instantiate_mvars(goal), [x]))
        symm = E.mk_app_n(E.mk_const(Name.of("Eq.symm"), [u_x]), [xt, x, v, hx])
        return E.mk_app_n(E.mk_const(Name.of("Eq.ndrec"), [u_goal, u_x]), [xt, v, motive, r, x, symm])

    def _cases(self, x: FVar, xs: list[Expr], alts: list[_Alt], goal: Expr, examples: list[Expr]) -> Expr:
        te, meta, env = self.te, self.meta, self.env
        info, xt = self._ind_of(x)
        if info is None:
            raise ElabError(f"invalid pattern: the type of the matched term is not an inductive type\n  "
                            f"{te.pp(xt)}", alts[0].pats[0].span)
        for a in alts:
            p = a.pats[0]
            if isinstance(p, PCtor) and p.ctor not in info.ctors:
                raise ElabError(f"type mismatch: the pattern constructor '{p.ctor}' does not construct\n  "
                                f"{te.pp(xt)}", p.span)
        cases_on = ensure_cases_on(env, info.name)
        head, targs = E.get_app_fn_args(xt)
        params = targs[:info.num_params]
        indices = targs[info.num_params:]
        for i, ix in enumerate(indices):
            if ix.kind != FVAR or ix in indices[:i] or any(_mentions(p, ix) for p in params) or \
                    ix.value is not None:  # type: ignore[attr-defined]
                return self._cases_with_equations(x, info, xt, xs, alts, goal, examples)
        targets = list(indices) + [x]
        lctx = list(meta.lctx)
        start = min(lctx.index(t) for t in targets if t in lctx) if all(t in lctx for t in targets) else None
        if start is None:
            raise ElabError("internal: matched variable not in the local context", self.span)
        reverted: list[FVar] = []
        dep: set[FVar] = set(targets)
        for y in lctx[start:]:
            if y in targets:
                continue
            ty = meta.instantiate_mvars(y.type)
            if any(_mentions(ty, d) for d in dep) or (y.value is not None and any(
                    _mentions(meta.instantiate_mvars(y.value), d) for d in dep)):
                if y.value is not None:
                    raise ElabError("pattern matching on a variable a 'let' depends on is not supported yet",
                                    self.span)
                reverted.append(y)
                dep.add(y)
        goal_i = meta.instantiate_mvars(goal)
        motive_body = meta.mk_pi_fvars(reverted, goal_i)
        motive = meta.mk_lambda_fvars(targets, motive_body)
        n0 = len(meta.lctx)
        lvl = te.ensure_type(motive_body, self.span)   # the universe the motive eliminates into
        ind_lvls = list(head.levels)  # type: ignore[attr-defined]
        lvls = recursor_levels(meta, env, info, lvl, ind_lvls, self.span)
        minors: list[Expr] = []
        for c in info.ctors:
            ctor = env.find(c)
            ct = E.instantiate_level_params(ctor.type, ctor.level_params, ind_lvls)
            for p in params:
                ct = E.instantiate1(ct.body, p)  # type: ignore[attr-defined]
            fields: list[FVar] = []
            try:
                fnames = self._field_names(c)
                for k in range(ctor.num_fields):
                    # `h : p w` with `p := fun k => …` reads `h : …[w/k]`, as Lean's instantiated mvars
                    fx = meta.push_local(_fresh_name(fnames[k]), head_beta(ct.type), E.DEFAULT)  # type: ignore[attr-defined]
                    fields.append(fx)
                    ct = E.instantiate1(ct.body, fx)  # type: ignore[attr-defined]
                cidx = E.get_app_args(ct)[info.num_params:]
                cval = E.mk_app_n(E.mk_app_n(E.mk_const(c, ind_lvls), params), fields)
                olds: list[Expr] = list(targets)
                news: list[Expr] = list(cidx) + [cval]
                new_rev: list[FVar] = []
                for y in reverted:
                    yt = self._subst(meta.instantiate_mvars(y.type), olds, news)
                    ny = meta.push_local(y.name, yt, y.bi)
                    new_rev.append(ny)
                    olds.append(y)
                    news.append(ny)
                sub_goal = self._subst(goal_i, olds, news)
                sub_xs = list(fields) + [self._subst(meta.instantiate_mvars(v), olds, news) for v in xs[1:]]
                sub_ex = [self._subst(meta.instantiate_mvars(v), olds, news) for v in examples]
                sub_alts = []
                for a in alts:
                    p = a.pats[0]
                    binds = [(n, self._subst(meta.instantiate_mvars(v), olds, news), s) for n, v, s in a.bindings]
                    if not isinstance(p, PVar):
                        fp = _ctor_fields(p, c, p.span)
                        if fp is None:
                            continue
                        pats = fp + a.pats[1:]
                    else:
                        if p.name is not None:
                            binds.append((p.name, cval, p.span))
                        pats = [PVar(None, p.span) for _ in fields] + a.pats[1:]
                    sub_alts.append(_Alt(a.index, pats, binds, a.rhs, a.span, a.orig))
                body = self.compile(sub_xs, sub_alts, sub_goal, sub_ex)
                minors.append(meta.mk_lambda_fvars(fields + new_rev, body))
            finally:
                meta.pop_locals(len(meta.lctx) - n0)
        app = E.mk_app_n(E.mk_const(cases_on, lvls), list(params) + [motive] + list(indices) + [x])
        return E.mk_app_n(E.mk_app_n(app, minors), reverted)


    # ------------------------------------------------------------------ indices that are not variables
    def _cases_with_equations(self, x: FVar, info: InductiveInfo, xt: Expr, xs: list[Expr], alts: list[_Alt],
                              goal: Expr, examples: list[Expr]) -> Expr:
        """`cases` on `x : I ps is` where the indices `is` are not distinct variables: the motive takes the
        equations `is = js`, and each branch solves `is = (the constructor's indices)` by substitution,
        constructor injectivity and disjointness (Lean's `unifyEqs`), or closes an impossible case."""
        te, meta, env = self.te, self.meta, self.env
        goal_i = meta.instantiate_mvars(goal)
        pos = meta.lctx.index(x)
        # when `x` itself is used (in the goal or a later local), as Lean: the motive also takes `HEq x x'`,
        # which becomes `x = c fields` once the indices agree, and `x` is substituted
        uses_x = _mentions(goal_i, x) or any(_mentions(meta.instantiate_mvars(y.type), x)
                                             for y in meta.lctx[pos + 1:])
        u_x = te.ensure_type(xt, self.span)
        heq = functools.partial(mk_heq, u_x, xt, x)
        cases_on = ensure_cases_on(env, info.name)
        head, targs = E.get_app_fn_args(xt)
        params, indices = targs[:info.num_params], targs[info.num_params:]
        ind_lvls = list(head.levels)  # type: ignore[attr-defined]
        motive, lvl = generalized_motive(te, self.span, x, xt, info, goal_i, uses_x,
                                         "dependent pattern matching")
        n0 = len(meta.lctx)
        lvls = recursor_levels(meta, env, info, lvl, ind_lvls, self.span)
        minors: list[Expr] = []
        for c in info.ctors:
            ctor = env.find(c)
            ct = E.instantiate_level_params(ctor.type, ctor.level_params, ind_lvls)
            for p in params:
                ct = E.instantiate1(ct.body, p)  # type: ignore[attr-defined]
            try:
                fields: list[FVar] = []
                fnames = self._field_names(c)
                for k in range(ctor.num_fields):
                    fx = meta.push_local(_fresh_name(fnames[k]), head_beta(ct.type), E.DEFAULT)  # type: ignore[attr-defined]
                    fields.append(fx)
                    ct = E.instantiate1(ct.body, fx)  # type: ignore[attr-defined]
                cidx = E.get_app_args(ct)[info.num_params:]
                cval = E.mk_app_n(E.mk_app_n(E.mk_const(c, ind_lvls), params), fields)
                hyps = [meta.push_local(_fresh_name("h"), mk_eq(te, ix, ci, self.span)) for ix, ci in zip(indices, cidx)]
                hx = [meta.push_local(_fresh_name("h"), heq(ct, cval))] if uses_x else []

                def cont(olds: list, news: list, c: Name = c, fields: list = fields, cval: Expr = cval) -> Expr:
                    sub = lambda e: self._subst(meta.instantiate_mvars(e), olds, news)  # noqa: E731
                    cv = sub(cval)
                    sub_xs = [sub(f) for f in fields] + [sub(v) for v in xs[1:]]
                    ex = [self._subst(sub(v), [x], [cv]) for v in examples]
                    sub_alts = []
                    for a in alts:
                        p = a.pats[0]
                        binds = [(n, self._subst(sub(v), [x], [cv]), sp) for n, v, sp in a.bindings]
                        if not isinstance(p, PVar):
                            fp = _ctor_fields(p, c, p.span)
                            if fp is None:
                                continue
                            pats = fp + a.pats[1:]
                        else:
                            if p.name is not None:
                                binds.append((p.name, cv, p.span))
                            pats = [PVar(None, p.span) for _ in fields] + a.pats[1:]
                        sub_alts.append(_Alt(a.index, pats, binds, a.rhs, a.span, a.orig))
                    return self.compile(sub_xs, sub_alts, sub(goal_i), ex)

                def major_now(olds: list, news: list, hx: list = hx, cont: Any = cont) -> Expr:
                    return self._unify_heq(hx[0], olds, news, goal_i, cont)

                inner = self._unify(hyps, [], [], goal_i, major_now if uses_x else cont)
                minors.append(meta.mk_lambda_fvars(fields + hyps + hx, inner))
            finally:
                meta.pop_locals(len(meta.lctx) - n0)
        app = E.mk_app_n(E.mk_const(cases_on, lvls), list(params) + [motive] + list(indices) + [x])
        proofs = [mk_refl(te, ix, self.span) for ix in indices]
        if uses_x:
            proofs.append(E.mk_app_n(E.mk_const(Name.of("HEq.refl"), [u_x]), [xt, x]))
        return E.mk_app_n(E.mk_app_n(app, minors), proofs)

    def _ctor_view(self, e: Expr) -> tuple[Name, list[Expr], Expr] | None:
        w = self.meta.whnf(self.meta.instantiate_mvars(e))
        if w.kind == E.NATLIT:
            v = w.val  # type: ignore[attr-defined]
            if v == 0:
                return Name.of("Nat.zero"), [], w
            return Name.of("Nat.succ"), [E.mk_nat_lit(v - 1)], w
        f, args = E.get_app_fn_args(w)
        if f.kind == CONST:
            info = self.env.find(f.name)  # type: ignore[attr-defined]
            if isinstance(info, ConstructorInfo):
                return f.name, args[info.num_params:], w  # type: ignore[attr-defined]
        return None

    def _unify(self, hyps: list[FVar], olds: list, news: list, goal0: Expr, cont: Any) -> Expr:
        """Solve the equations `hyps` (locals `a = b`) one by one, then continue with `cont(olds, news)` (the
        substitution made)."""
        te, meta = self.te, self.meta
        if not hyps:
            return cont(olds, news)
        meta.gas.charge()
        h, rest = hyps[0], hyps[1:]
        _, eargs = E.get_app_fn_args(meta.whnf(meta.instantiate_mvars(h.type)))
        a, b = eargs[1], eargs[2]
        if meta.is_def_eq(a, b):
            return self._unify(rest, olds, news, goal0, cont)
        aw, bw = meta.whnf(a), meta.whnf(b)
        for var, val, symm in ((bw, aw, False), (aw, bw, True)):
            if var.kind == FVAR and var.value is None and not _mentions(val, var) and var in meta.lctx:  # type: ignore[attr-defined]
                return self._subst_var(h, var, val, symm, rest, olds, news, goal0, cont)
        for var, val, var_right in ((bw, aw, True), (aw, bw, False)):
            if var.kind == FVAR and _mentions(val, var):
                absurd = self._nat_acyclic(h, var, val, var_right)
                if absurd is not None:   # `n + 1 = n`: the case is impossible
                    goal_now = self._subst(meta.instantiate_mvars(goal0), olds, news)
                    u = te.ensure_type(goal_now, self.span)
                    return E.mk_app_n(E.mk_const(Name.of("False.elim"), [u]), [goal_now, absurd])
        va, vb = self._ctor_view(a), self._ctor_view(b)
        if va is None or vb is None:
            raise ElabError("dependent elimination failed, failed to solve equation\n  "
                            f"{te.pp(a)} = {te.pp(b)}\n(this kind of index unification is not supported yet)",
                            self.span)
        if va[0] is not vb[0]:  # different constructors: the case is impossible
            goal_now = self._subst(meta.instantiate_mvars(goal0), olds, news)
            u = te.ensure_type(goal_now, self.span)
            return E.mk_app_n(E.mk_const(Name.of("False.elim"), [u]),
                              [goal_now, self._no_confusion(h, a, b, va[0])])
        new_hyps: list[FVar] = []
        proofs: list[Expr] = []
        n0 = len(meta.lctx)
        try:
            for k, (fa, fb) in enumerate(zip(va[1], vb[1])):
                ta, tb = meta.infer_type(fa), meta.infer_type(fb)
                if not meta.is_def_eq(ta, tb):
                    raise ElabError("dependent elimination with dependent constructor fields is not supported yet",
                                    self.span)
                proofs.append(self._injection(h, a, b, va[0], k, fa, ta))
                new_hyps.append(meta.push_local(_fresh_name("h"), mk_eq(te, fa, fb, self.span)))
            inner = self._unify(new_hyps + rest, olds, news, goal0, cont)
            lam = meta.mk_lambda_fvars(new_hyps, inner)
        finally:
            meta.pop_locals(len(meta.lctx) - n0)
        return E.mk_app_n(lam, proofs)

    def _unify_heq(self, hx: FVar, olds: list, news: list, goal0: Expr, cont: Any) -> Expr:
        """`hx : HEq x v` once the index equations are solved: the types agree, so it is `x = v` (`eq_of_heq`),
        solved as the other equations."""
        te, meta = self.te, self.meta
        hx_now = self._subst(hx, olds, news)
        _, (a_t, a, b_t, b) = E.get_app_fn_args(meta.instantiate_mvars(meta.infer_type(hx_now)))
        if not meta.is_def_eq(a_t, b_t):
            raise ElabError("dependent elimination failed: the matched term and the constructor's value have "
                            "types that do not agree (not supported yet)", self.span)
        n1 = len(meta.lctx)
        try:
            he = meta.push_local(_fresh_name("h"), mk_eq(te, a, b, self.span))
            inner = meta.mk_lambda_fvars([he], self._unify([he], olds, news, goal0, cont))
        finally:
            meta.pop_locals(len(meta.lctx) - n1)
        u = te.ensure_type(a_t, self.span)
        return E.mk_app(inner, E.mk_app_n(E.mk_const(Name.of("eq_of_heq"), [u]), [a_t, a, b, hx_now]))

    def _subst_var(self, h: FVar, var: FVar, val: Expr, symm: bool, rest: list[FVar], olds: list, news: list,
                   goal0: Expr, cont: Any) -> Expr:
        """Eliminate `var` (an equation `h : val = var`, or `var = val` when `symm`) by `Eq.rec`: the locals
        that depend on `var` are reverted and re-introduced with `val` for `var`."""
        te, meta = self.te, self.meta
        lctx = list(meta.lctx)
        pos = lctx.index(var)
        reverted: list[FVar] = []
        dep: set = {var}
        gone = set(olds)   # replaced by earlier substitutions: nothing refers to them any more
        for y in lctx[pos + 1:]:
            if y is h or y in gone:
                continue
            yt = meta.instantiate_mvars(y.type)
            if any(_mentions(yt, d) for d in dep):
                if y.value is not None:
                    raise ElabError("index unification under a 'let' is not supported yet", self.span)
                reverted.append(y)
                dep.add(y)
        goal_now = self._subst(meta.instantiate_mvars(goal0), olds, news)
        t = meta.infer_type(var)
        proof = h if not symm else E.mk_app_n(
            E.mk_const(Name.of("Eq.symm"), [te.ensure_type(t, self.span)]), [t, var, val, h])
        with meta.with_local(_fresh_name("h"), mk_eq(te, val, var, self.span)) as hh:
            motive_body = meta.mk_pi_fvars(reverted, goal_now)
            motive = meta.mk_lambda_fvars([var, hh], motive_body)
            lvl = te.ensure_type(motive_body, self.span)
        n0 = len(meta.lctx)
        try:
            o2, n2 = list(olds) + [var], list(news) + [val]
            # earlier substitutions may mention `var`: compose
            n2 = [self._subst(e, [var], [val]) for e in n2]
            new_rev: list[FVar] = []
            n_before = len(n2)
            for y in reverted:
                ny = meta.push_local(y.name, self._subst(meta.instantiate_mvars(y.type), o2, n2), y.bi)
                new_rev.append(ny)
                o2.append(y)
                n2.append(ny)
            if reverted:   # an earlier substitution's result that is re-introduced now: to its new version
                n2[:n_before] = [self._subst(e, reverted, new_rev) for e in n2[:n_before]]
            mapping = dict(zip(reverted, new_rev))
            rest2 = [mapping.get(r, r) for r in rest]
            inner = self._unify(rest2, o2, n2, goal0, cont)
            minor = meta.mk_lambda_fvars(new_rev, inner)
        finally:
            meta.pop_locals(len(meta.lctx) - n0)
        u_alpha = te.ensure_type(t, self.span)
        rec = E.mk_app_n(E.mk_const(Name.of("Eq.rec"), [lvl, u_alpha]), [t, val, motive, minor, var, proof])
        return E.mk_app_n(rec, reverted)

    def _prop_cases(self, y_type: Expr, y: Expr, pick: Any, result_type: Expr) -> Expr:
        """`I.casesOn y` into `result_type` (not depending on `y`), the minor of constructor `c` being
        `pick(c, fields)`."""
        te, meta, env = self.te, self.meta, self.env
        t = meta.whnf(y_type)
        head, targs = E.get_app_fn_args(t)
        info = env.find(head.name)  # type: ignore[attr-defined]
        cases_on = ensure_cases_on(env, info.name)
        rec = env.find(info.name.append("rec"))
        lvl = te.ensure_type(result_type, self.span)
        if len(rec.level_params) == len(info.level_params):
            raise ElabError("index unification over a type that eliminates only into Prop is not supported yet",
                            self.span)
        params, indices = targs[:info.num_params], targs[info.num_params:]
        ind_lvls = list(head.levels)  # type: ignore[attr-defined]
        n0 = len(meta.lctx)
        try:
            js, yp = push_index_locals(meta, head, info, params, len(indices), "y")
            motive = meta.mk_lambda_fvars(js + [yp], result_type)
        finally:
            meta.pop_locals(len(meta.lctx) - n0)
        minors = []
        for c in info.ctors:
            ctor = env.find(c)
            ct = E.instantiate_level_params(ctor.type, ctor.level_params, ind_lvls)
            for p in params:
                ct = E.instantiate1(ct.body, p)  # type: ignore[attr-defined]
            try:
                fields = []
                for _ in range(ctor.num_fields):
                    fx = meta.push_local(_fresh_name("a"), head_beta(ct.type))  # type: ignore[attr-defined]
                    fields.append(fx)
                    ct = E.instantiate1(ct.body, fx)  # type: ignore[attr-defined]
                minors.append(meta.mk_lambda_fvars(fields, pick(c, fields)))
            finally:
                meta.pop_locals(len(meta.lctx) - n0)
        return E.mk_app_n(E.mk_const(cases_on, [lvl] + ind_lvls), list(params) + [motive] + list(indices) + [y]
                          + minors)

    def _no_confusion(self, h: FVar, a: Expr, b: Expr, ctor_a: Name) -> Expr:
        """A proof of `False` from `h : a = b` where `a` and `b` start with different constructors."""
        te, meta = self.te, self.meta
        t = meta.infer_type(a)
        true_, false_ = E.mk_const(Name.of("True")), E.mk_const(Name.of("False"))
        with meta.with_local(_fresh_name("y"), t) as y:
            body = self._prop_cases(t, y, lambda c, _f: true_ if c is ctor_a else false_, E.PROP)
            with meta.with_local(_fresh_name("h"), mk_eq(te, a, y, self.span)) as hy:
                motive = meta.mk_lambda_fvars([y, hy], body)
        u_alpha = te.ensure_type(t, self.span)
        return E.mk_app_n(E.mk_const(Name.of("Eq.rec"), [L.ZERO, u_alpha]),
                          [t, a, motive, E.mk_const(Name.of("True.intro")), b, h])

    def _nat_acyclic(self, h: FVar, var: FVar, val: Expr, var_right: bool) -> Expr | None:
        """A proof of `False` from `h : val = var` (or `var = val` unless `var_right`) when `val` is
        `var + k` for a natural number `k ≥ 1`, as Lean's `acyclic`; None when it is not of that form."""
        meta = self.meta
        nat = E.mk_const(Name.of("Nat"))
        if not meta.is_def_eq(meta.infer_type(var), nat):
            return None
        chain = [val]   # val, its predecessor, …, down to `var`
        while not meta.is_def_eq(chain[-1], var):
            view = self._ctor_view(chain[-1])
            if view is None or view[0] != Name.of("Nat.succ") or len(chain) > 10_000:
                return None
            meta.gas.charge()
            chain.append(view[1][0])
        if len(chain) < 2:
            return None
        le = E.mk_app(E.mk_const(Name.of("Nat.le_refl")), var)   # var ≤ chain[-1]
        for k in range(len(chain) - 2, 0, -1):                    # var ≤ chain[k] = succ chain[k+1]
            le = E.mk_app_n(E.mk_const(Name.of("Nat.le_succ_of_le")), [var, chain[k + 1], le])
        lt = E.mk_app_n(E.mk_const(Name.of("Nat.lt_succ_of_le")), [var, chain[1], le])   # var < val
        lt_fn, lt_args = E.get_app_fn_args(meta.instantiate_mvars(meta.infer_type(lt)))
        with meta.with_local(_fresh_name("t"), nat) as t:
            motive = meta.mk_lambda_fvars([t], E.mk_app_n(lt_fn, list(lt_args[:-1]) + [t]))
        one = L.succ(L.ZERO)
        eq = h if var_right else E.mk_app_n(E.mk_const(Name.of("Eq.symm"), [one]), [nat, var, val, h])
        congr = E.mk_app_n(E.mk_const(Name.of("congrArg"), [one, one]),
                           [nat, E.PROP, val, var, motive, eq])
        lt_self = E.mk_app_n(E.mk_const(Name.of("Eq.mp"), [L.ZERO]),
                             [E.mk_app(motive, val), E.mk_app(motive, var), congr, lt])
        return E.mk_app_n(E.mk_const(Name.of("Nat.lt_irrefl")), [var, lt_self])

    def _injection(self, h: FVar, a: Expr, b: Expr, ctor: Name, k: int, fa: Expr, ta: Expr) -> Expr:
        """A proof of `field_k a = field_k b` from `h : a = b` (same constructor), by `congrArg`."""
        te, meta = self.te, self.meta
        t = meta.infer_type(a)
        with meta.with_local(_fresh_name("y"), t) as y:
            body = self._prop_cases(t, y, lambda c, f: f[k] if c is ctor else fa, ta)
            proj = meta.mk_lambda_fvars([y], body)
        u, v = te.ensure_type(t, self.span), te.ensure_type(ta, self.span)
        return E.mk_app_n(E.mk_const(Name.of("congrArg"), [u, v]), [t, ta, a, b, proj, h])



def recursor_levels(meta: Any, env: Any, info: Any, lvl: Any, ind_lvls: list, span: Any) -> list:
    """Universe arguments of `info`'s recursor for a motive into `lvl`: the motive's level first when the
    type eliminates into any universe; else only into `Prop`, which `lvl` must be."""
    rec = env.find(info.name.append("rec"))
    if len(rec.level_params) > len(info.level_params):
        return [lvl] + ind_lvls
    _only_into_prop(meta, info.name, lvl, span)
    return ind_lvls


def _only_into_prop(meta: Any, ind: Name, lvl: Any, span: Any) -> None:
    """A type that eliminates only into Prop can be matched only when the result is known to be a proof."""
    if not L.is_equivalent(L.normalize(meta.instantiate_level_mvars(lvl)), L.ZERO):
        raise ElabError(f"Tactic `cases` failed with a nested error:\nTactic `induction` failed: recursor "
                        f"`{ind}.casesOn` can only eliminate into `Prop`", span)


def mk_eq(te: Any, a: Expr, b: Expr, span: Any) -> Expr:
    t = te.meta.infer_type(a)
    return E.mk_app_n(E.mk_const(Name.of("Eq"), [te.ensure_type(t, span)]), [t, a, b])


def mk_refl(te: Any, a: Expr, span: Any) -> Expr:
    t = te.meta.infer_type(a)
    return E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [te.ensure_type(t, span)]), [t, a])


def _mentions(e: Expr, x: Expr) -> bool:
    if not (e.flags & E.HAS_FVAR):
        return False
    return E.find(e, lambda y: y is x) is not None


# ====================================================================== messages

def _pp_example(te: Any, e: Expr, top: bool = True) -> str:
    meta = te.meta
    e = meta.instantiate_mvars(e)
    if e.kind == FVAR:
        return "_"
    f, args = E.get_app_fn_args(e)
    if f.kind == CONST:
        info = te.env.find(f.name)  # type: ignore[attr-defined]
        if isinstance(info, ConstructorInfo):
            fields = args[info.num_params:]
            if str(f.name) == "List.nil":  # type: ignore[attr-defined]
                return "[]"
            if not fields:
                return str(f.name)  # type: ignore[attr-defined]
            inner = " ".join(_pp_example(te, a, False) for a in fields)
            return f"({f.name} {inner})"  # type: ignore[attr-defined]
    if e.kind == E.NATLIT:
        return str(e.val)  # type: ignore[attr-defined]
    return "_"


def _pp_pattern(te: Any, p: Any, field_name: str | None = None) -> str:
    """A written pattern, as Lean shows it in messages (`_` as the field's inaccessible name)."""
    p = _unparen(p)
    if isinstance(p, A.Hole):
        return f"{field_name}✝" if field_name else "x✝"
    if isinstance(p, A.Ident):
        return p.name
    if isinstance(p, A.NumLit):
        return str(p.value)
    if isinstance(p, A.BinOp) and p.op == "::":
        lhs = _pp_pattern(te, p.lhs, "head")
        rhs = _pp_pattern(te, p.rhs, "tail")
        s = f"{lhs} :: {rhs}"
        return s
    if isinstance(p, A.BinOp):
        return f"{_pp_pattern(te, p.lhs)} {p.op} {_pp_pattern(te, p.rhs)}"
    if isinstance(p, A.ListLit):
        return "[" + ", ".join(_pp_pattern(te, a) for a in p.elems) + "]"
    if isinstance(p, A.App) and isinstance(p.fn, A.Ident):
        return p.fn.name + " " + " ".join(_paren(_pp_pattern(te, a)) for a in p.args)
    if isinstance(p, A.AnonCtor):
        return "⟨" + ", ".join(_pp_pattern(te, a) for a in p.elems) + "⟩"
    if isinstance(p, A.Tuple):
        return "(" + ", ".join(_pp_pattern(te, a) for a in p.elems) + ")"
    if isinstance(p, A.StrLit):
        return repr(p.value).replace("'", '"')
    return "_"


def _paren(s: str) -> str:
    return f"({s})" if " " in s and not s.startswith(("(", "[", "⟨")) else s


def _pp_alt_patterns(te: Any, pats: Sequence[Any]) -> str:
    out = []
    for p in pats:
        s = _pp_pattern(te, p)
        q = _unparen(p)
        if isinstance(q, A.BinOp) and q.op == "::":
            lhs = _unparen(q.lhs)
            if isinstance(lhs, A.BinOp) and lhs.op == "::":
                s = f"({_pp_pattern(te, lhs)}) :: {_pp_pattern(te, q.rhs, 'tail')}"
        out.append(s)
    return ", ".join(out)


# ====================================================================== entry points

def compile_match(te: Any, discrs: Sequence[Expr], hyps: Sequence[A.Ident | None],
                  alts: Sequence[A.MatchAlt], expected: Expr | None, span: Any,
                  motive: Expr | None = None, elab_rhs: Any = None, generalizing: bool = True) -> MatchResult:
    """Compile `match discrs with alts` against `expected` (None: inferred from the alternatives); the
    result is a term of the expected type (or of the motive applied to the discriminants).

    `elab_rhs(rhs_syntax, goal) -> Expr` elaborates a right-hand side in the current local context (where
    the alternative's pattern variables are locals) against its goal; by default it is a term of that type.
    Proof mode passes its own (tactic blocks as right-hand sides). `MatchResult.leaves` tells, per
    alternative, the local context, the discriminants' values and the right-hand side at each leaf.

    As Lean's (default) `generalizing := true`, the locals whose types depend on a discriminant that is a
    variable see the pattern in its place in each alternative; with `generalizing := false` they keep it."""
    meta = te.meta
    n = len(discrs)
    flat: list[_Alt] = []
    k = 0
    for alt in alts:
        for pats in alt.patterns:
            if len(pats) != n:
                where = pats[0].span if pats else alt.span
                if len(pats) < n:
                    raise ElabError(f"Not enough patterns in match alternative: Expected {n}, but found "
                                    f"{len(pats)}", where)
                raise ElabError(f"Too many patterns in match alternative: Expected {n}, but found {len(pats)}",
                                where)
            flat.append(_Alt(k, list(pats), [], alt.rhs, alt.span, tuple(pats)))
            k += 1
    if expected is not None:
        expected = meta.instantiate_mvars(expected)
    n0 = len(meta.lctx)
    try:
        xs: list[FVar] = []
        gen_goal = expected if expected is not None else meta.new_type_mvar()
        args: list[Expr] = []
        olds: list[Expr] = []
        for i, d in enumerate(discrs):
            d = meta.instantiate_mvars(d)
            dt = _Compiler._subst(meta.instantiate_mvars(meta.infer_type(d)), olds, xs)
            # a variable is matched in place (the locals that depend on it are refined) when the expected type
            # is known; otherwise the unknown result type must not depend on it, so it is generalized
            if d.kind == FVAR and d.value is None and hyps[i] is None and motive is None and d not in olds \
                    and expected is not None and generalizing:  # type: ignore[attr-defined]
                xs.append(d)  # matched in place: dependent locals are refined
                olds.append(d)
                continue
            x = meta.push_local(_fresh_name("x"), dt)
            if motive is None:
                gen_goal = _kabstract(gen_goal, d, x)
            xs.append(x)
            olds.append(d)
            args.append(d)
        hyp_fvars: list[FVar] = []
        for i, h in enumerate(hyps):
            if h is None:
                continue
            eq = te.mk_app_m("Eq", [discrs[i], xs[i]], h.span)
            hyp_fvars.append(meta.push_local(Name.of(h.name), eq))
            args.append(_mk_refl(te, discrs[i], h.span))
        dependents: list[FVar] = []
        if generalizing and motive is None:
            n_args = len(args)
            dependents = _generalize_dependents(te, discrs, xs, n0, args)
            gen_goal = _Compiler._subst(meta.instantiate_mvars(gen_goal), args[n_args:], dependents)
        if motive is not None:
            gen_goal = meta.whnf_core(E.mk_app_n(motive, xs))
        comp = _Compiler(te, span, _elab_rhs_fn(te) if elab_rhs is None else (lambda alt, g: elab_rhs(alt.rhs, g)))
        if motive is None:   # with a motive, Lean elaborates the discriminants against it
            _reject_patterns_over_unsolvable_types(te, comp, xs[:n], flat, expected, n0)
        comp.discriminants = set(xs)
        body = comp.compile(list(xs), flat, gen_goal, list(xs))
        if comp.missing:
            lines = "\n".join(", ".join(_pp_example(te, e) for e in ex) for ex in reversed(comp.missing))
            note = ("\n\nNote: refuting a case from its hypotheses (as Lean's `contradiction` does) is not "
                    "supported yet") if comp.maybe_impossible else ""
            raise ElabError(f"Missing cases:\n{lines}{note}", span)
        for a in flat:
            if a.index not in comp.used:
                pats = _pp_alt_patterns(te, a.orig)
                raise ElabError(f"Redundant alternative: Any expression matching\n  {pats}\nwill match one of the "
                                "preceding alternatives", a.orig[0].span if a.orig else a.span)
        if not any(h is not None for h in hyps):
            build_matcher(te, _Compiler, discrs, flat, span)
        if n == 1:
            body = _mark_flat_match(te.env, meta, body, xs[0], comp.leaves, len(flat))
        gen = [x for x, d in zip(xs, discrs) if x is not meta.instantiate_mvars(d)] + hyp_fvars + dependents
        term = meta.mk_lambda_fvars(gen, body)
        term = E.mk_app_n(term, args) if gen else body
        return MatchResult(term, comp.leaves, list(discrs))
    finally:
        meta.pop_locals(len(meta.lctx) - n0)


# the locals structural and well-founded recursion add while the body is elaborated (`recursion`, `wf`)
_RECURSION_LOCALS = frozenset(("x✝below", "x✝rec"))


def _generalize_dependents(te: Any, discrs: Sequence[Expr], xs: list[FVar], n0: int, args: list[Expr]) -> list[FVar]:
    """Lean's generalization of the locals that depend on a discriminant variable the match abstracts (as
    `x` for `h : d`): each such local `y` (and those depending on it) gets a copy, of the same name, whose type
    says `x` where it said `d`, so that each alternative sees its pattern there; `y` is added to `args`. The
    locals of the recursion being compiled are left out (leanr refines them otherwise)."""
    meta = te.meta
    olds: list[Expr] = []
    news: list[Expr] = []
    for d, x in zip(discrs, xs):
        d = meta.instantiate_mvars(d)
        if d.kind == FVAR and d.value is None and x is not d and d not in olds:  # type: ignore[attr-defined]
            olds.append(d)
            news.append(x)
    if not olds:
        return []
    lctx = meta.lctx[:n0]
    first = min((lctx.index(d) for d in olds if d in lctx), default=None)
    if first is None:
        return []
    skip = {d for d in (meta.instantiate_mvars(d) for d in discrs) if d.kind == FVAR}
    copies: list[FVar] = []
    for y in lctx[first + 1:]:
        if y in skip or y.value is not None:
            continue
        ty = meta.instantiate_mvars(y.type)
        if not any(_mentions(ty, o) for o in olds):
            continue
        if str(y.name) in _RECURSION_LOCALS:
            continue
        copy = meta.push_local(y.name, _Compiler._subst(ty, olds, news), y.bi)
        olds.append(y)
        news.append(copy)
        copies.append(copy)
        args.append(y)
    return copies


def _reject_patterns_over_unsolvable_types(te: Any, comp: _Compiler, xs: list[FVar], alts: list[_Alt],
                                           expected: Expr | None, n0: int) -> None:
    """Lean's "This pattern contains metavariables": a constructor pattern against a discriminant whose type
    has, among the inductive's parameters, a metavariable nothing else can solve (`match 5, rfl with`, where
    `rfl : ?a = ?a`). Such a metavariable is in no earlier local's type, not in the expected type, and in no
    pending instance or postponed unification problem; Lean, having postponed the `match` as long as it can,
    ends with this error. A type that is itself an unknown (`x : ?β`) is left alone: Lean postpones then."""
    meta = te.meta
    reachable: set[int] = set()

    def reach(e: Any) -> None:
        if isinstance(e, Expr):
            reachable.update(m.serial for m in meta.mctx.collect_mvars(e))

    for y in meta.lctx[:n0]:
        reach(y.type)
        if y.value is not None:
            reach(y.value)
    if expected is not None:
        reach(expected)
    for m, _ in te.pending:
        reach(meta.decl(m).type)
    for c in meta.postponed:
        reach(c.lhs)
        reach(c.rhs)
    for i, x in enumerate(xs):
        t = meta.whnf(meta.instantiate_mvars(x.type))
        head = E.get_app_fn(t)
        info = te.env.find(head.name) if head.kind == CONST else None  # type: ignore[attr-defined]
        if not isinstance(info, InductiveInfo):
            continue
        params = E.get_app_args(t)[:info.num_params]
        if not any(m.serial not in reachable for a in params for m in meta.mctx.collect_mvars(a)):
            continue
        for alt in alts:
            p = alt.pats[i]
            try:
                kind = comp.classify(p, x)
            except ElabError:
                continue
            if isinstance(kind, (PCtor, PValue)):
                raise ElabError("Invalid match expression: This pattern contains metavariables:\n  "
                                f"{_pp_pattern_term(te, kind, t, info)}", p.span)


def solve_equations(te: Any, span: Any, hyps: list[FVar], goal: Expr, leaf: Any,
                    olds: Sequence[Expr] = (), news: Sequence[Expr] = ()) -> Expr:
    """Lean's `unifyEqs`: a term of type `goal` in the context of the equation locals `hyps` (the last locals
    of `te.meta.lctx`), found by substitution, injectivity, disjointness and acyclicity of constructors.
    `leaf(olds, news)` gives the term of the case that remains, where each local of `olds` has become the
    corresponding term of `news` (the locals after a substituted one are re-introduced); no leaf is asked for
    when the equations are contradictory. `olds`/`news`: a substitution already made."""
    return _Compiler(te, span, None)._unify(hyps, list(olds), list(news), goal, leaf)  # noqa: SLF001


def mk_heq(u: Any, a_type: Expr, a: Expr, b_type: Expr, b: Expr) -> Expr:
    return E.mk_app_n(E.mk_const(Name.of("HEq"), [u]), [a_type, a, b_type, b])


def push_index_locals(meta: Any, head: Expr, info: InductiveInfo, params: Sequence[Expr], n_indices: int,
                      value_name: str) -> tuple[list[FVar], FVar]:
    """Fresh locals `js` for the indices of the family `head params` and one of type `head params js` (the
    caller pops them): the binders of a `casesOn` motive."""
    it = E.instantiate_level_params(info.type, info.level_params, list(head.levels))  # type: ignore[attr-defined]
    for p in params:
        it = E.instantiate1(it.body, p)  # type: ignore[attr-defined]
    js: list[FVar] = []
    for _ in range(n_indices):
        it = meta.whnf(it) if it.kind != PI else it
        j = meta.push_local(_fresh_name("j"), it.type)  # type: ignore[attr-defined]
        js.append(j)
        it = E.instantiate1(it.body, j)  # type: ignore[attr-defined]
    return js, meta.push_local(_fresh_name(value_name), E.mk_app_n(head, list(params) + js))


def generalized_motive(te: Any, span: Any, x: FVar, xt: Expr, info: InductiveInfo, goal: Expr, with_heq: bool,
                       what: str) -> tuple[Expr, Any]:
    """Lean's `generalizeIndices` for `x : I ps is`: the motive `fun js x' => is = js → (HEq x x' →) goal` of
    `I.casesOn` (the `HEq` when `x` itself is used), and the level of its body."""
    meta = te.meta
    head, targs = E.get_app_fn_args(xt)
    params, indices = targs[:info.num_params], targs[info.num_params:]
    n0 = len(meta.lctx)
    try:
        js, xp = push_index_locals(meta, head, info, params, len(indices), "x")
        for ix, j in zip(indices, js):
            if not meta.is_def_eq(meta.infer_type(ix), j.type):
                raise ElabError(f"{what} on indices whose types depend on each other is not supported yet", span)
        body = goal
        if with_heq:
            body = E.mk_pi(_fresh_name("h"), mk_heq(te.ensure_type(xt, span), xt, x, xp.type, xp), goal)
        for ix, j in reversed(list(zip(indices, js))):
            body = E.mk_pi(_fresh_name("h"), mk_eq(te, ix, j, span), body)
        lvl = te.ensure_type(body, span)
        return meta.mk_lambda_fvars(js + [xp], body), lvl
    finally:
        meta.pop_locals(len(meta.lctx) - n0)


def solve_heq(te: Any, span: Any, hx: FVar, goal: Expr, leaf: Any, olds: Sequence[Expr],
              news: Sequence[Expr]) -> Expr:
    """`solve_equations` for `hx : HEq x v` after the equations that make the two types agree."""
    return _Compiler(te, span, None)._unify_heq(hx, list(olds), list(news), goal, leaf)  # noqa: SLF001


def substitute(e: Expr, olds: Sequence[Expr], news: Sequence[Expr]) -> Expr:
    """`e` with the substitution `solve_equations` passes to its leaf."""
    return _Compiler._subst(e, olds, news)  # noqa: SLF001


def _pp_pattern_term(te: Any, pat: Any, t: Expr, info: InductiveInfo) -> str:
    """A constructor pattern as Lean shows it in that message: the constructor applied to its parameters'
    values (metavariables) when they are explicit, e.g. `Eq.refl ?m.5`, else as written."""
    if isinstance(pat, PCtor) and not pat.fields:
        ctor = te.env.find(pat.ctor)
        if ctor is not None:
            app = E.mk_app_n(E.mk_const(pat.ctor, list(E.get_app_fn(t).levels)),  # type: ignore[attr-defined]
                             list(E.get_app_args(t)[:info.num_params]))
            return te.pp(app)
    return _pp_pattern(te, pat)


def _fresh_name(base: str) -> Name:
    from .term import hygienic  # term.py imports this module at its end
    return hygienic(base)


def _mk_refl(te: Any, a: Expr, span: Any) -> Expr:
    meta = te.meta
    t = meta.infer_type(a)
    u = te.ensure_type(t, span)
    return E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [u]), [t, a])


def _kabstract(e: Expr, d: Expr, x: Expr) -> Expr:
    """`e` with the occurrences of `d` replaced by `x` (structural: terms are interned)."""
    if d.kind not in (E.APP, FVAR, CONST, E.PROJ, E.NATLIT, E.STRLIT):
        return e
    return E.replace(e, lambda y, off: x if y is d else None)


def _elab_rhs_fn(te: Any) -> Any:
    def run(alt: _Alt, goal: Expr) -> Expr:
        rhs = alt.rhs
        v = te.elab_term(rhs, goal)
        return v
    return run


def _as_discr_exprs(te: Any, discrs: Sequence[A.MatchDiscr]) -> list[Expr]:
    out = []
    for d in discrs:
        e = te.elab(d.term, None)
        te.synthesize(False)
        out.append(te.meta.instantiate_mvars(e))
    return out


def elab_match(te: Any, stx: A.Match, expected: Expr | None) -> Expr:
    meta = te.meta
    discrs = _as_discr_exprs(te, stx.discrs)
    motive = None
    if stx.motive is not None:
        motive = te.elab(stx.motive, None)
        te.synthesize(False)
    if expected is not None:
        exp = meta.instantiate_mvars(expected)
        if E.get_app_fn(exp).kind == E.MVAR:
            expected = None
    r = compile_match(te, discrs, [d.hyp for d in stx.discrs], stx.alts, expected, stx.span, motive,
                      generalizing=stx.generalizing)
    return r.term


def elab_nomatch(te: Any, stx: A.Nomatch, expected: Expr | None) -> Expr:
    discrs = [te.elab(d, None) for d in stx.discrs]
    te.synthesize(False)
    goal = expected if expected is not None else te.meta.new_type_mvar()
    return compile_match(te, [te.meta.instantiate_mvars(d) for d in discrs], [None] * len(discrs), (), goal,
                         stx.span).term


def _fun_from_alts(te: Any, alts: Sequence[A.MatchAlt], expected: Expr | None, span: Any,
                   nargs: int | None = None) -> Expr:
    meta = te.meta
    if nargs is None:
        nargs = len(alts[0].patterns[0]) if alts and alts[0].patterns else 0
    if expected is None:
        raise ElabError("invalid 'fun' with alternatives: the expected type must be known", span)
    n0 = len(meta.lctx)
    try:
        xs: list[FVar] = []
        t = meta.instantiate_mvars(expected)
        for i in range(nargs):
            w = meta.whnf(t)
            if w.kind != PI:
                raise ElabError(f"invalid pattern matching 'fun', the expected type is not a function type "
                                f"with {nargs} argument(s)\n  {te.pp(expected)}", span)
            x = meta.push_local(_fresh_name("x"), w.type, w.bi)  # type: ignore[attr-defined]
            xs.append(x)
            t = E.instantiate1(w.body, x)  # type: ignore[attr-defined]
        body = compile_match(te, xs, [None] * nargs, alts, t, span).term
        return meta.mk_lambda_fvars(xs, body)
    finally:
        meta.pop_locals(len(meta.lctx) - n0)


def elab_lam_alts(te: Any, stx: A.LamAlts, expected: Expr | None) -> Expr:
    return _fun_from_alts(te, stx.alts, expected, stx.span)


def elab_nofun(te: Any, stx: A.Nofun, expected: Expr | None) -> Expr:
    if expected is None:
        raise ElabError("invalid 'nofun': the expected type must be known", stx.span)
    return _fun_from_alts(te, (), expected, stx.span, 1)   # `fun x => nomatch x`


def elab_fun_patterns(te: Any, stx: A.Lam, expected: Expr | None) -> Expr:
    """`fun ⟨a, b⟩ (c, d) x => e`: each pattern binder is matched on (Lean's `fun x => match x with | …`)."""
    pats: list[Any] = []
    for b in stx.binders:
        if isinstance(b, A.Binder):
            if b.type is not None or b.kind not in ("simple", "explicit") or b.default is not None:
                raise ElabError("'fun' mixing pattern and typed binders is not supported yet", b.span)
            pats.extend(b.names)
        else:
            pats.append(b)
    alt = A.MatchAlt(stx.span, (tuple(pats),), stx.body)
    return _fun_from_alts(te, (alt,), expected, stx.span, len(pats))


def elab_if(te: Any, stx: A.If, expected: Expr | None) -> Expr:
    """`if c then t else e` is `ite c t e`; `if h : c then t else e` is `dite c (fun h => t) (fun h => e)`."""
    meta = te.meta
    if stx.else_ is None:
        raise ElabError("'if' without 'else' is only allowed in 'do' notation", stx.span)
    fn = "ite" if stx.hyp is None else "dite"
    if te.env.find(Name.of(fn)) is None:
        raise ElabError(f"unknown constant '{fn}' (this notation needs it)", stx.span)
    c = te.elab_type(stx.cond)
    te.synthesize(False)
    if not meta.is_prop(c):
        raise ElabError(f"type mismatch\n  {te.pp(c)}\nis expected to be a proposition", stx.cond.span)
    goal = expected
    if goal is None or E.get_app_fn(meta.instantiate_mvars(goal)).kind == E.MVAR:
        goal = meta.new_type_mvar() if goal is None else goal
    dec = te._new_inst_mvar(te.mk_app_m("Decidable", [c], stx.cond.span), stx.cond.span)  # noqa: SLF001
    if stx.hyp is None:
        t = te.elab_term(stx.then, goal)
        e = te.elab_term(stx.else_, goal)
        u = te.ensure_type(goal, stx.span)
        return E.mk_app_n(E.mk_const(Name.of("ite"), [u]), [goal, c, dec, t, e])
    name = Name.of(stx.hyp.name)
    with meta.with_local(name, c) as h:
        t = meta.mk_lambda_fvars([h], te.elab_term(stx.then, goal))
    with meta.with_local(name, te.mk_app_m("Not", [c], stx.span)) as h:
        e = meta.mk_lambda_fvars([h], te.elab_term(stx.else_, goal))
    u = te.ensure_type(goal, stx.span)
    return E.mk_app_n(E.mk_const(Name.of("dite"), [u]), [goal, c, dec, t, e])


def _elab_lam(te: Any, stx: A.Lam, expected: Expr | None) -> Expr:
    # `fun (x) => e` is `fun x => e`: a parenthesized name is a binder, not a pattern
    binders = tuple(A.Binder(b.span, "explicit", (b.term,), None)
                    if isinstance(b, A.Paren) and isinstance(b.term, (A.Ident, A.Hole)) and "." not in
                    getattr(b.term, "name", "") else b for b in stx.binders)
    if binders != stx.binders:
        stx = replace(stx, binders=binders)
    if any(not isinstance(b, A.Binder) for b in stx.binders):
        return elab_fun_patterns(te, stx, expected)
    return te._e_lam(stx, expected)  # noqa: SLF001


def _elab_let(te: Any, stx: Any, expected: Expr | None) -> Expr:
    """`let (a, b) := e; body` / `have ⟨x, hx⟩ := h; body` is `match e with | (a, b) => body`."""
    d = stx.decl
    p = d.pattern
    if isinstance(p, A.Ident) and isinstance(stx, A.Let) and \
            mentions_ident((d.value, d.alts, d.binders, d.type), p.name) and te._find_local(Name.of(p.name)) is None:  # noqa: SLF001
        raise ElabError("'let rec' is not supported yet", stx.span)   # a `let` that refers to itself
    if p is None or isinstance(p, (A.Ident, A.Hole)) or d.value is None or d.binders or d.alts:
        return te._e_let(stx, expected)  # noqa: SLF001
    value = d.value if d.type is None else A.Ascription(d.value.span, d.value, d.type)
    m = A.Match(stx.span, (A.MatchDiscr(d.span, None, value),), None, (A.MatchAlt(d.span, ((p,),), stx.body),))
    return elab_match(te, m, expected)


def iter_idents(stx: Any) -> Iterator[A.Ident]:
    """The identifiers of a syntax tree (iteratively, any depth)."""
    return iter_nodes(stx, A.Ident)  # type: ignore[return-value]


def iter_nodes(stx: Any, kinds: type | tuple[type, ...], inside: bool = False) -> Iterator[A.Node]:
    """The nodes of the classes `kinds` in a syntax tree (iteratively, any depth; inside them too when
    `inside`)."""
    stack = [stx]
    while stack:
        n = stack.pop()
        if isinstance(n, kinds):
            yield n
            if not inside:
                continue
        if isinstance(n, (tuple, list)):
            stack.extend(n)
        elif isinstance(n, A.Node):
            stack.extend(syntax_children(n))


def syntax_children(n: A.Node) -> list[Any]:
    """The fields of a syntax node that hold nodes (or tuples of them), its span left out."""
    out = []
    for cls in type(n).__mro__:
        for f in getattr(cls, "__slots__", ()):
            if f != "span":
                v = getattr(n, f, None)
                if isinstance(v, (A.Node, tuple, list)):
                    out.append(v)
    return out


def mentions_ident(stx: Any, name: str) -> bool:
    return any(i.name == name for i in iter_idents(stx))


def register(dispatch: dict) -> None:
    """Install the handlers of this module in the term elaborator's dispatch table."""
    dispatch[A.Match] = elab_match
    dispatch[A.If] = elab_if
    dispatch[A.LamAlts] = elab_lam_alts
    dispatch[A.Nomatch] = elab_nomatch
    dispatch[A.Nofun] = elab_nofun
    dispatch[A.Lam] = _elab_lam
    dispatch[A.Let] = _elab_let
    dispatch[A.Have] = _elab_let
