"""The metavariable context (Lean's `MetavarContext`).

Expression metavariables are declared with the local context they may refer to (a tuple of `FVar`s,
outermost first), a type, a user name and a kind; universe level metavariables are `L.mvar(serial)`.
Assignments, delayed assignments (Lean's `mkLambdaFVars` over metavariables whose context contains the
abstracted locals) and declarations are recorded on an undo trail, so `save()`/`restore()` roll back a
failed unification attempt in time proportional to what it changed.

`instantiate_mvars` replaces assigned metavariables by their values, beta-reducing an assigned head applied
to arguments as Lean does; it walks the term with an explicit stack (no recursion along term depth) and
shares work across calls while the assignment is unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.expr import (
    APP, CONST, FVAR, HAS_FVAR, HAS_MVAR, LAM, LET, MVAR, PI, PROJ, SORT, Expr, FVar, MVar, get_app_fn_args,
    mk_app_n,
)
from ..kernel.level import Level
from ..kernel.name import Name
from .errors import ElabError

NATURAL, SYNTHETIC, SYNTHETIC_OPAQUE = "natural", "synthetic", "syntheticOpaque"
KINDS = (NATURAL, SYNTHETIC, SYNTHETIC_OPAQUE)

_ANON = Name.anonymous()


@dataclass(slots=True, frozen=True, eq=False)
class MVarDecl:
    mvar: MVar
    user_name: Name
    lctx: tuple[FVar, ...]
    type: Expr
    kind: str
    depth: int
    lctx_set: frozenset = field(default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(self, "lctx_set", frozenset(self.lctx))


@dataclass(slots=True, frozen=True, eq=False)
class DelayedAssignment:
    """`?n xs := ?pending` where `?pending`'s context contains the locals `fvars`: once `?pending` is
    fully instantiated, `?n as` is `(fun fvars => value) as`."""

    fvars: tuple[FVar, ...]
    pending: MVar


class MetavarContext:
    def __init__(self, gas: object = None) -> None:
        self.gas = gas
        self.decls: dict[int, MVarDecl] = {}
        self.assignment: dict[int, Expr] = {}
        self.delayed: dict[int, DelayedAssignment] = {}
        self.level_decls: dict[int, int] = {}          # serial -> depth
        self.level_assignment: dict[int, Level] = {}
        self.depth = 0
        self.next_serial = 0
        self.version = 0                               # bumped on every change (cache validity)
        self._trail: list[tuple] = []
        self._open = 0
        self._inst_cache: dict[Expr, Expr] = {}
        self._inst_version = -1

    # ------------------------------------------------------------------ declarations
    def _fresh_serial(self) -> int:
        self.next_serial += 1
        return self.next_serial

    def mk_expr_mvar(self, type_: Expr, lctx: Sequence[FVar] = (), kind: str = NATURAL,
                     user_name: Name | None = None) -> MVar:
        if kind not in KINDS:
            raise ElabError(f"unknown metavariable kind '{kind}'")
        s = self._fresh_serial()
        m = E.mk_mvar(s, user_name if user_name is not None else _ANON)
        self.decls[s] = MVarDecl(m, m.name, tuple(lctx), type_, kind, self.depth)
        self._log(("decl", s))
        return m

    def mk_level_mvar(self) -> Level:
        s = self._fresh_serial()
        self.level_decls[s] = self.depth
        self._log(("ldecl", s))
        return L.mvar(s)

    def decl(self, m: Expr) -> MVarDecl:
        d = self.decls.get(m.serial)  # type: ignore[attr-defined]
        if d is None:
            raise ElabError(f"unknown metavariable ?{m.serial}")  # type: ignore[attr-defined]
        return d

    def find_decl(self, m: Expr) -> MVarDecl | None:
        return self.decls.get(m.serial)  # type: ignore[attr-defined]

    def mvar_of(self, serial: int) -> MVar:
        return self.decls[serial].mvar

    # ------------------------------------------------------------------ assignments
    def is_assigned(self, m: Expr) -> bool:
        return m.serial in self.assignment  # type: ignore[attr-defined]

    def is_delayed_assigned(self, m: Expr) -> bool:
        return m.serial in self.delayed  # type: ignore[attr-defined]

    def get_assignment(self, m: Expr) -> Expr | None:
        return self.assignment.get(m.serial)  # type: ignore[attr-defined]

    def get_delayed(self, m: Expr) -> DelayedAssignment | None:
        return self.delayed.get(m.serial)  # type: ignore[attr-defined]

    def is_read_only(self, m: Expr) -> bool:
        d = self.decls.get(m.serial)  # type: ignore[attr-defined]
        return d is None or d.depth != self.depth

    def is_assignable(self, m: Expr, assign_synthetic_opaque: bool = False) -> bool:
        """Unassigned, not delayed-assigned, declared at the current depth, and not synthetic-opaque."""
        s = m.serial  # type: ignore[attr-defined]
        if s in self.assignment or s in self.delayed:
            return False
        d = self.decls.get(s)
        if d is None or d.depth != self.depth:
            return False
        return assign_synthetic_opaque or d.kind != SYNTHETIC_OPAQUE

    def assign(self, m: Expr, v: Expr) -> None:
        s = m.serial  # type: ignore[attr-defined]
        if s in self.assignment:
            raise ElabError(f"metavariable ?{s} is already assigned")
        if v.lbr:
            raise ElabError("metavariable value has loose bound variables")
        self._log(("assign", s, None))
        self.assignment[s] = v

    def assign_delayed(self, m: Expr, fvars: Sequence[FVar], pending: MVar) -> None:
        s = m.serial  # type: ignore[attr-defined]
        self._log(("delayed", s))
        self.delayed[s] = DelayedAssignment(tuple(fvars), pending)

    def is_level_assignable(self, l: Level) -> bool:
        s = l.a
        return l.kind == L.MVAR_K and s not in self.level_assignment and self.level_decls.get(s, -1) == self.depth  # type: ignore[arg-type]

    def assign_level(self, l: Level, v: Level) -> None:
        s = l.a
        if s in self.level_assignment:
            raise ElabError(f"universe metavariable ?u{s} is already assigned")
        self._log(("lassign", s, None))
        self.level_assignment[s] = v  # type: ignore[index]

    def _set_compressed(self, s: int, v: Expr) -> None:
        """Store the instantiated value of an assigned mvar (equivalent, so only recorded for undo)."""
        old = self.assignment[s]
        if old is not v:
            if self._open:
                self._trail.append(("assign", s, old))
            self.assignment[s] = v

    # ------------------------------------------------------------------ checkpoints
    def _log(self, entry: tuple) -> None:
        if self._open:
            self._trail.append(entry)
        self.version += 1

    def save(self) -> int:
        """A checkpoint: `restore(cp)` undoes everything since; `commit(cp)` keeps it."""
        self._open += 1
        return len(self._trail)

    def restore(self, cp: int) -> None:
        trail = self._trail
        while len(trail) > cp:
            entry = trail.pop()
            tag = entry[0]
            if tag == "assign":
                if entry[2] is None:
                    del self.assignment[entry[1]]
                else:
                    self.assignment[entry[1]] = entry[2]
            elif tag == "decl":
                del self.decls[entry[1]]
            elif tag == "delayed":
                del self.delayed[entry[1]]
            elif tag == "lassign":
                if entry[2] is None:
                    del self.level_assignment[entry[1]]
                else:
                    self.level_assignment[entry[1]] = entry[2]
            elif tag == "ldecl":
                del self.level_decls[entry[1]]
            elif tag == "depth":
                self.depth = entry[1]
        self.version += 1
        self._close()

    def commit(self, cp: int) -> None:
        self._close()

    def _close(self) -> None:
        if self._open > 0:
            self._open -= 1
        if self._open == 0:
            self._trail.clear()  # nothing can roll back past this point any more

    def push_depth(self) -> None:
        """Enter a nested context: metavariables declared before become read-only."""
        self._log(("depth", self.depth))
        self.depth += 1

    def pop_depth(self, old: int) -> None:
        self._log(("depth", self.depth))
        self.depth = old

    # ------------------------------------------------------------------ levels
    def instantiate_level(self, l: Level) -> Level:
        if not l.has_mvar:
            return l
        base = l
        k = 0
        while base.kind == L.SUCC_K:  # `L.to_offset`, inlined: this runs for every level with an mvar
            base = base.a  # type: ignore[assignment]
            k += 1
        kind = base.kind
        if kind == L.MVAR_K:
            v = self.level_assignment.get(base.a)  # type: ignore[arg-type]
            if v is None:
                return l
            if v.has_mvar:
                v2 = self.instantiate_level(v)
                if v2 is not v:
                    if self._open:
                        self._trail.append(("lassign", base.a, v))
                    self.level_assignment[base.a] = v2  # type: ignore[index]
                v = v2
            return L.mk_succ_n(v, k) if k else v
        if kind == L.MAX_K:
            r = L.mk_max(self.instantiate_level(base.a), self.instantiate_level(base.b))  # type: ignore[arg-type]
        elif kind == L.IMAX_K:
            r = L.mk_imax(self.instantiate_level(base.a), self.instantiate_level(base.b))  # type: ignore[arg-type]
        else:
            return l
        return L.mk_succ_n(r, k)

    def level_has_assigned(self, l: Level) -> bool:
        if not l.has_mvar:
            return False
        base = L.to_offset(l)[0]
        if base.kind == L.MVAR_K:
            return base.a in self.level_assignment
        if base.kind in (L.MAX_K, L.IMAX_K):
            return self.level_has_assigned(base.a) or self.level_has_assigned(base.b)  # type: ignore[arg-type]
        return False

    def level_has_assignable(self, l: Level) -> bool:
        if not l.has_mvar:
            return False
        base = L.to_offset(l)[0]
        if base.kind == L.MVAR_K:
            return self.is_level_assignable(base)
        if base.kind in (L.MAX_K, L.IMAX_K):
            return self.level_has_assignable(base.a) or self.level_has_assignable(base.b)  # type: ignore[arg-type]
        return False

    def collect_level_mvars(self, l: Level, out: dict[Level, None]) -> None:
        if not l.has_mvar:
            return
        base = L.to_offset(l)[0]
        if base.kind == L.MVAR_K:
            out[base] = None
        elif base.kind in (L.MAX_K, L.IMAX_K):
            self.collect_level_mvars(base.a, out)  # type: ignore[arg-type]
            self.collect_level_mvars(base.b, out)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ instantiation
    def _charge(self) -> None:
        if self.gas is not None:
            self.gas.charge()  # type: ignore[attr-defined]

    def instantiate_mvars(self, e: Expr) -> Expr:
        """`e` with every assigned (and resolvable delayed-assigned) metavariable replaced by its value."""
        if not (e.flags & HAS_MVAR):
            return e
        if self._inst_version != self.version:
            self._inst_cache = {}
            self._inst_version = self.version
        cache = self._inst_cache
        r = cache.get(e)
        if r is not None:
            return r
        r = self._instantiate(e, cache)
        # path compression may have bumped nothing; keep the cache tied to the version we started from
        self._inst_version = self.version
        return r

    def _instantiate(self, root: Expr, cache: dict[Expr, Expr]) -> Expr:
        assignment = self.assignment
        delayed = self.delayed
        # stack of (node, plan); plan None: not yet expanded
        stack: list[tuple[Expr, object]] = [(root, None)]
        while stack:
            x, plan = stack[-1]
            if plan is None:
                if x in cache:
                    stack.pop()
                    continue
                if not (x.flags & HAS_MVAR):
                    cache[x] = x
                    stack.pop()
                    continue
                self._charge()
                k = x.kind
                if k == SORT:
                    cache[x] = E.mk_sort(self.instantiate_level(x.level))  # type: ignore[attr-defined]
                    stack.pop()
                    continue
                if k == CONST:
                    cache[x] = E.mk_const(x.name, [self.instantiate_level(l) for l in x.levels])  # type: ignore[attr-defined]
                    stack.pop()
                    continue
                if k == MVAR:
                    v = assignment.get(x.serial)  # type: ignore[attr-defined]
                    if v is None:
                        cache[x] = x
                        stack.pop()
                        continue
                    kids: list[Expr] = [v]
                elif k == APP:
                    f, args = get_app_fn_args(x)
                    if f.kind == MVAR:
                        v = assignment.get(f.serial)  # type: ignore[attr-defined]
                        if v is None:
                            d = delayed.get(f.serial)  # type: ignore[attr-defined]
                            if d is not None and len(args) >= len(d.fvars):
                                kids = [d.pending, *args]
                            else:
                                kids = list(args)
                        else:
                            kids = [v, *args]
                    else:
                        kids = [f, *args]
                elif k == LAM or k == PI:
                    kids = [x.type, x.body]  # type: ignore[attr-defined]
                elif k == LET:
                    kids = [x.type, x.value, x.body]  # type: ignore[attr-defined]
                elif k == PROJ:
                    kids = [x.struct]  # type: ignore[attr-defined]
                else:
                    cache[x] = x
                    stack.pop()
                    continue
                # an application's plan keeps its head and argument count for the second visit
                stack[-1] = (x, (kids, f, len(args)) if k == APP else kids)
                for c in kids:
                    if c not in cache:
                        stack.append((c, None))
                continue
            stack.pop()
            k = x.kind
            if k == MVAR:
                v = plan[0]  # type: ignore[index]
                r = cache[v]
                self._set_compressed(x.serial, r)  # type: ignore[attr-defined]
            elif k == APP:
                kids, f, n_args = plan  # type: ignore[misc]
                if f.kind == MVAR:
                    s = f.serial  # type: ignore[attr-defined]
                    if s in assignment:
                        head = cache[kids[0]]
                        self._set_compressed(s, head)
                        r = beta(head, [cache[a] for a in kids[1:]])
                    elif len(kids) == n_args:
                        r = mk_app_n(f, [cache[a] for a in kids])
                    else:
                        d = delayed[s]
                        val = cache[kids[0]]
                        new_args = [cache[a] for a in kids[1:]]
                        if val.flags & HAS_MVAR and self._has_unassigned_expr_mvar(val):
                            r = mk_app_n(f, new_args)
                        else:
                            n = len(d.fvars)
                            body = E.abstract(val, d.fvars)
                            r = mk_app_n(E.instantiate_rev(body, new_args[:n]), new_args[n:])
                else:
                    r = mk_app_n(cache[kids[0]], [cache[a] for a in kids[1:]])
            elif k == LAM:
                kids = plan  # type: ignore[assignment]
                r = E.mk_lam(x.name, cache[kids[0]], cache[kids[1]], x.bi)  # type: ignore[attr-defined]
            elif k == PI:
                kids = plan  # type: ignore[assignment]
                r = E.mk_pi(x.name, cache[kids[0]], cache[kids[1]], x.bi)  # type: ignore[attr-defined]
            elif k == LET:
                kids = plan  # type: ignore[assignment]
                r = E.mk_let(x.name, cache[kids[0]], cache[kids[1]], cache[kids[2]], x.nondep)  # type: ignore[attr-defined]
            else:  # PROJ
                r = E.mk_proj(x.sname, x.idx, cache[plan[0]])  # type: ignore[attr-defined]
            cache[x] = r
        return cache[root]

    def _has_unassigned_expr_mvar(self, e: Expr) -> bool:
        """Does `e` (already instantiated) contain an expression metavariable?"""
        return E.find(e, lambda x: bool(x.flags & HAS_MVAR) and x.kind == MVAR) is not None

    def instantiate_head(self, e: Expr) -> Expr | None:
        """If `e`'s head is an assigned (or resolvable delayed-assigned) mvar: `e` with the head replaced
        by its value and beta-reduced; otherwise None."""
        f, args = get_app_fn_args(e)
        if f.kind != MVAR:
            return None
        v = self.assignment.get(f.serial)  # type: ignore[attr-defined]
        if v is not None:
            return beta(v, args)
        d = self.delayed.get(f.serial)  # type: ignore[attr-defined]
        if d is None or len(args) < len(d.fvars):
            return None
        val = self.instantiate_mvars(d.pending)
        if self._has_unassigned_expr_mvar(val):
            return None
        n = len(d.fvars)
        return mk_app_n(E.instantiate_rev(E.abstract(val, d.fvars), args[:n]), args[n:])

    # ------------------------------------------------------------------ queries
    def has_assigned_mvars(self, e: Expr) -> bool:
        if not (e.flags & HAS_MVAR):
            return False

        def pred(x: Expr) -> bool:
            if not (x.flags & HAS_MVAR):
                return False
            k = x.kind
            if k == MVAR:
                return x.serial in self.assignment or x.serial in self.delayed  # type: ignore[attr-defined]
            if k == SORT:
                return self.level_has_assigned(x.level)  # type: ignore[attr-defined]
            if k == CONST:
                return any(self.level_has_assigned(l) for l in x.levels)  # type: ignore[attr-defined]
            return False

        return _find_masked(e, pred) is not None

    def has_unassigned_mvars(self, e: Expr) -> bool:
        e = self.instantiate_mvars(e)
        return bool(e.flags & HAS_MVAR)

    def collect_mvars(self, e: Expr) -> list[MVar]:
        """The unassigned expression metavariables of `e` (after instantiation), in order of first
        occurrence; a delayed-assigned one contributes the unassigned mvars of its pending value."""
        out: dict[int, MVar] = {}
        todo = [self.instantiate_mvars(e)]
        seen: set[int] = set()
        while todo:
            x = todo.pop()
            for m in _mvars_in(x):
                s = m.serial
                if s in seen:
                    continue
                seen.add(s)
                d = self.delayed.get(s)
                if d is not None:
                    todo.append(self.instantiate_mvars(d.pending))
                elif s not in self.assignment:
                    out[s] = m
        return list(out.values())

    def collect_level_mvars_of(self, e: Expr) -> list[Level]:
        e = self.instantiate_mvars(e)
        out: dict[Level, None] = {}

        for lv in E.levels_in(e, skip=lambda x: not (x.flags & HAS_MVAR)):
            self.collect_level_mvars(lv, out)
        return list(out)

    # ------------------------------------------------------------------ abstraction over locals
    def mk_binding(self, is_lambda: bool, xs: Sequence[FVar], e: Expr, lets_as_binders: bool = False) -> Expr:
        """`fun xs => e` / `(xs) → e`, after eliminating the dependencies of metavariables on `xs`
        (Lean's `MetavarContext.mkBinding`): an unassigned `?m` whose context contains some of `xs` is
        replaced by `?n ys` for a fresh `?n` over the reverted locals `ys`; a natural `?m` is assigned
        `?n ys`, a synthetic-opaque one becomes the pending value of a delayed assignment of `?n`."""
        xs = list(xs)
        if not xs:
            return self.instantiate_mvars(e)
        body = E.abstract(self.elim_mvar_deps(xs, self.instantiate_mvars(e)), xs)
        for i in range(len(xs) - 1, -1, -1):
            fv = xs[i]
            prefix = xs[:i]
            t = E.abstract(self.elim_mvar_deps(prefix, self.instantiate_mvars(fv.type)), prefix)
            if fv.value is not None and not lets_as_binders:
                v = E.abstract(self.elim_mvar_deps(prefix, self.instantiate_mvars(fv.value)), prefix)
                body = E.mk_let(fv.name, t, v, body)
            elif is_lambda:
                body = E.mk_lam(fv.name, t, body, fv.bi)
            else:
                body = E.mk_pi(fv.name, t, body, fv.bi)
        return body

    def mk_lambda_fvars(self, xs: Sequence[FVar], e: Expr) -> Expr:
        return self.mk_binding(True, xs, e)

    def mk_pi_fvars(self, xs: Sequence[FVar], e: Expr) -> Expr:
        return self.mk_binding(False, xs, e)

    def elim_mvar_deps(self, xs: Sequence[FVar], e: Expr) -> Expr:
        """Replace the unassigned mvars of `e` (instantiated) that can see some of `xs`; see `mk_binding`."""
        if not xs or not (e.flags & HAS_MVAR):
            return e
        xs_set = frozenset(xs)
        memo: dict[int, Expr] = {}

        def visit(x: Expr) -> Expr | None:
            if x.kind != MVAR:
                return None
            s = x.serial  # type: ignore[attr-defined]
            r = memo.get(s)
            if r is None:
                r = memo[s] = self._elim_mvar(xs_set, x)
            return r

        return _replace_masked(e, visit, HAS_MVAR)

    def _elim_mvar(self, xs_set: frozenset, m: Expr) -> Expr:
        s = m.serial  # type: ignore[attr-defined]
        if s in self.assignment:  # assigned meanwhile (by an earlier elimination)
            return self.elim_mvar_deps(list(xs_set), self.instantiate_mvars(m))
        d = self.decls.get(s)
        if d is None or xs_set.isdisjoint(d.lctx_set):
            return m
        reverted: list[FVar] = []
        rset: set[FVar] = set()
        for y in d.lctx:
            if y in xs_set or mentions_fvars(self.instantiate_mvars(y.type), rset) or (
                    y.value is not None and mentions_fvars(self.instantiate_mvars(y.value), rset)):
                reverted.append(y)
                rset.add(y)
        new_lctx = tuple(y for y in d.lctx if y not in rset)
        # reverted let-locals become ordinary binders: `?n` takes their values as arguments
        new_type = self.mk_binding(False, reverted, d.type, lets_as_binders=True)
        assignable = self.is_assignable(m, True)
        kind = d.kind if assignable else SYNTHETIC_OPAQUE
        new = self.mk_expr_mvar(new_type, new_lctx, kind)
        result = mk_app_n(new, reverted)
        if assignable and d.kind != SYNTHETIC_OPAQUE:
            self.assign(m, result)
        else:
            dl = self.delayed.get(s)
            if dl is None:
                self.assign_delayed(new, reverted, m)  # type: ignore[arg-type]
            else:
                self.assign_delayed(new, [*reverted, *dl.fvars], dl.pending)
        return result


# ---------------------------------------------------------------------- helpers

def beta(f: Expr, args: Sequence[Expr]) -> Expr:
    """`f args`, beta-reducing as many leading lambdas of `f` as there are arguments."""
    if not args:
        return f
    m = 0
    n = len(args)
    b = f
    while b.kind == LAM and m < n:
        b = b.body  # type: ignore[attr-defined]
        m += 1
    if m == 0:
        return mk_app_n(f, args)
    return mk_app_n(E.instantiate(b, list(args[m - 1::-1])), args[m:])


def head_beta(e: Expr) -> Expr:
    f, args = get_app_fn_args(e)
    if f.kind != LAM or not args:
        return e
    return head_beta(beta(f, args))


def mentions_fvars(e: Expr, fvars: set[FVar]) -> bool:
    if not fvars or not (e.flags & HAS_FVAR):
        return False
    return _find_masked(e, lambda x: x.kind == FVAR and x in fvars, HAS_FVAR) is not None


def _find_masked(e: Expr, pred, mask: int = HAS_MVAR) -> Expr | None:  # type: ignore[no-untyped-def]
    """First subterm with a `mask` flag satisfying `pred` (subterms without the flag are skipped)."""
    return E.find(e, pred, skip=lambda x: not (x.flags & mask))


def _mvars_in(e: Expr) -> list[MVar]:
    out: list[MVar] = []
    _find_masked(e, lambda x: x.kind == MVAR and out.append(x) is not None)  # type: ignore[func-returns-value]
    return out


def fvars_in(e: Expr) -> list[FVar]:
    out: list[FVar] = []
    _find_masked(e, lambda x: x.kind == FVAR and out.append(x) is not None, HAS_FVAR)  # type: ignore[func-returns-value]
    return out


def _replace_masked(e: Expr, visit, mask: int) -> Expr:  # type: ignore[no-untyped-def]
    """Rebuild `e` bottom-up with an explicit stack: `visit(x)` returns a replacement for `x` or None to
    descend; subterms without a `mask` flag are kept. Only closed leaves (fvars, mvars) may be replaced,
    so results are cached per node regardless of binder depth."""
    cache: dict[Expr, Expr] = {}
    stack: list[tuple[Expr, bool]] = [(e, False)]
    while stack:
        x, expanded = stack.pop()
        if not expanded:
            if x in cache:
                continue
            if not (x.flags & mask):
                cache[x] = x
                continue
            r = visit(x)
            if r is not None:
                cache[x] = r
                continue
            k = x.kind
            if k == APP:
                kids: tuple[Expr, ...] = (x.fn, x.arg)  # type: ignore[attr-defined]
            elif k == LAM or k == PI:
                kids = (x.type, x.body)  # type: ignore[attr-defined]
            elif k == LET:
                kids = (x.type, x.value, x.body)  # type: ignore[attr-defined]
            elif k == PROJ:
                kids = (x.struct,)  # type: ignore[attr-defined]
            else:
                cache[x] = x
                continue
            stack.append((x, True))
            for c in kids:
                if c not in cache:
                    stack.append((c, False))
            continue
        k = x.kind
        if k == APP:
            r = E.mk_app(cache[x.fn], cache[x.arg])  # type: ignore[attr-defined]
        elif k == LAM:
            r = E.mk_lam(x.name, cache[x.type], cache[x.body], x.bi)  # type: ignore[attr-defined]
        elif k == PI:
            r = E.mk_pi(x.name, cache[x.type], cache[x.body], x.bi)  # type: ignore[attr-defined]
        elif k == LET:
            r = E.mk_let(x.name, cache[x.type], cache[x.value], cache[x.body], x.nondep)  # type: ignore[attr-defined]
        else:
            r = E.mk_proj(x.sname, x.idx, cache[x.struct])  # type: ignore[attr-defined]
        cache[x] = r
    return cache[e]


def replace_leaves(e: Expr, visit, mask: int = HAS_FVAR | HAS_MVAR) -> Expr:  # type: ignore[no-untyped-def]
    """Public form of the explicit-stack rebuild (see `_replace_masked`)."""
    return _replace_masked(e, visit, mask)


def implicit_prefix(e: Expr, n: int) -> Expr:
    """`e` (a Π or λ) with its first `n` binders made implicit."""
    if n == 0:
        return e
    mk = E.mk_pi if e.kind == PI else E.mk_lam
    return mk(e.name, e.type, implicit_prefix(e.body, n - 1), E.IMPLICIT)  # type: ignore[attr-defined]
