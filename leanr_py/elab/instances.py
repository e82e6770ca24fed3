"""Type class instance resolution (Lean 4's `synthInstance`): the instance table and tabled resolution.

`InstanceTable` records which constants are classes (with their out-param positions, read off the class
type's `outParam`/`semiOutParam` binders), the instances of each class with priorities and optional scopes,
and the `@[default_instance]`s.

`synth_instance(meta, goal)` is Lean 4's tabled resolution (SLG-style, as in `Lean.Meta.SynthInstance`):

- a *generator* node per distinct subgoal (keyed by its type with the assignable mvars renamed canonically,
  so `Add α ← Semiring α ← Add α` meets its own key and waits instead of looping) tries the instances of
  the subgoal's class, highest priority first and among equals the later-registered first;
- trying an instance instantiates its binders with fresh mvars, unifies its conclusion with the subgoal at
  `instances` transparency and yields a *consumer* node whose remaining subgoals are the instance-implicit
  binders;
- a consumer waits on the table entry of its next subgoal and is resumed once per answer of that entry;
  a consumer without subgoals is an answer of its own entry, passed on to every waiter (answers are stored
  abstracted over their leftover mvars, so one answer serves every consumer of the same key).

The metavariable context of this layer is mutable (an undo trail), not persistent as Lean's, so each node
stores the *delta* of the context since resolution began (read off the trail) and switching nodes is
"restore to the start, replay the node's delta": linear in what resolution itself did, never in the size
of the surrounding context. Resolution runs one metavariable depth deeper, so the goal's own mvars are
read-only; out-param arguments (and the goal's universe mvars) are replaced by fresh mvars beforehand and
unified with the answer's type afterwards (`HAdd Nat Nat ?γ` finds `γ := Nat`). Every step charges the meta
layer's gas; a step bound and an answer-size bound make any instance set terminate. Failure leaves no
assignment behind; results for mvar-free goals are cached in the table.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Union

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.expr import CONST, HAS_MVAR, INST_IMPLICIT, MVAR, PI, SORT, Expr, FVar, MVar
from ..kernel.level import Level
from ..kernel.name import Name
from .config import DEFAULT, INSTANCES
from .errors import ElabError
from .mctx import SYNTHETIC, mentions_fvars, replace_leaves
from .meta import MetaContext

DEFAULT_PRIORITY = 1000
MAX_STEPS = 20_000      # generator/consumer steps per resolution (Lean bounds it by heartbeats)
MAX_SIZE = 128          # instances in one answer (Lean's `synthInstance.maxSize`)
MAX_NESTING = 8         # resolution started from inside resolution (through `synth_pending`)

__all__ = [
    "ClassInfo", "InstanceEntry", "InstanceTable", "check_class_out_params", "apply_default_instances", "unsolved_instance", "install",
    "synth_instance",
    "synth_pending",
]


def _name(n: Name | str) -> Name:
    return n if isinstance(n, Name) else Name.of(n)


@dataclass(slots=True, frozen=True)
class ClassInfo:
    name: Name
    out_params: tuple[int, ...]        # argument positions bound as `outParam _`
    semi_out_params: tuple[int, ...]   # argument positions bound as `semiOutParam _`


@dataclass(slots=True, frozen=True)
class InstanceEntry:
    name: Name
    class_name: Name
    priority: int
    order: int                  # registration serial: among equal priorities the later one is tried first
    scope: Name | None = None   # a scoped instance is active only while its scope is open


def check_class_out_params(env: Any, name: Name) -> None:
    """As Lean's `addClass`: a parameter whose type mentions an `outParam` parameter must be an `outParam`
    itself (an instance-implicit one becomes one)."""
    info = env.find(name)
    t = info.type
    out: list[bool] = []   # for each parameter so far, whether it is an out-param
    while t.kind == PI:
        d = t.type  # type: ignore[attr-defined]
        h = E.get_app_fn(d)
        if h.kind == CONST and h.name is _OUT_PARAM:  # type: ignore[attr-defined]
            out.append(True)
        elif any(is_out and E.has_loose_bvar(d, len(out) - 1 - j) for j, is_out in enumerate(out)):
            if t.bi != INST_IMPLICIT:  # type: ignore[attr-defined]
                raise ElabError(f"invalid class, parameter #{len(out) + 1} depends on `outParam`, but it is not "
                                "an `outParam`")
            out.append(True)
        else:
            out.append(False)
        t = t.body  # type: ignore[attr-defined]


class InstanceTable:
    """Classes, instances (indexed by class) and default instances of one environment."""

    def __init__(self, env: "object") -> None:
        self.env = env
        self.classes: dict[Name, ClassInfo] = {}
        self._by_class: dict[Name, list[InstanceEntry]] = {}
        self._defaults: dict[Name, list[InstanceEntry]] = {}
        self.names: set[Name] = set()
        self.open_scopes: set[Name] = set()
        self._order = 0
        self.version = 0
        self.cache: dict[tuple, Expr | None] = {}
        self._shared: dict[tuple, Expr | None] | None = None   # see `share_answers`
        self._shared_at = 0
        self.simp_lemmas: list[Name] = []   # `@[simp]` declarations, in order (read by the simp tactic)
        self.nesting = 0
        self._meta: MetaContext | None = None
        # True once the classes are all declared (`class` commands): an instance binder over anything else is
        # an error. False for environments read from exports, which do not record which types are classes.
        self.declared_classes_only = False

    # ------------------------------------------------------------------ registration
    def _changed(self) -> None:
        self.version += 1
        self.cache.clear()
        self._shared = None

    def share_answers(self, answers: dict[tuple, Expr | None]) -> None:
        """Also remember answers in (and read them from) `answers`, kept in memory for a captured state: while
        the constants and instances are that state's, an answer found for this command holds for every
        command run from that state (REPL commands from one environment, re-checks after an edit). The
        state's own `inst_cache`, which snapshots store, is not touched: it records what its commands asked."""
        self._shared = answers
        self._shared_at = len(self.env)  # type: ignore[arg-type]

    def stop_sharing(self) -> None:
        """Something resolution depends on besides constants and instances (reducibility) has changed."""
        self._shared = None

    def _answers(self) -> dict[tuple, Expr | None] | None:
        if self._shared is not None and len(self.env) != self._shared_at:  # type: ignore[arg-type]
            self._shared = None
        return self._shared

    def cached(self, key: tuple) -> tuple[bool, Expr | None]:
        """(found, answer) for a cache key; an answer shared from the state is recorded as found now."""
        if key in self.cache:
            return True, self.cache[key]
        shared = self._answers()
        if shared is not None and key in shared:
            hit = self.cache[key] = shared[key]
            return True, hit
        return False, None

    def remember(self, key: tuple, answer: Expr | None) -> None:
        self.cache[key] = answer
        shared = self._answers()
        if shared is not None:
            shared[key] = answer

    def _scratch(self) -> MetaContext:
        if self._meta is None:
            self._meta = MetaContext(self.env)  # type: ignore[arg-type]
        return self._meta

    def add_class(self, name: Name | str) -> ClassInfo:
        """Declare `name` a class; its out-params are the binders typed `outParam _`/`semiOutParam _`."""
        n = _name(name)
        info = self.env.find(n)  # type: ignore[attr-defined]
        if info is None:
            raise ElabError(f"unknown constant '{n}'")
        outs: list[int] = []
        semis: list[int] = []
        t = info.type
        i = 0
        while t.kind == PI:
            h = E.get_app_fn(t.type)
            if h.kind == CONST:
                if h.name is _OUT_PARAM:  # type: ignore[attr-defined]
                    outs.append(i)
                elif h.name is _SEMI_OUT_PARAM:  # type: ignore[attr-defined]
                    semis.append(i)
            t = t.body  # type: ignore[attr-defined]
            i += 1
        ci = ClassInfo(n, tuple(outs), tuple(semis))
        self.classes[n] = ci
        self._changed()
        return ci

    def _entry(self, name: Name | str, priority: int, scope: Name | str | None) -> InstanceEntry:
        n = _name(name)
        info = self.env.find(n)  # type: ignore[attr-defined]
        if info is None:
            raise ElabError(f"unknown constant '{n}'")
        meta = self._scratch()
        cls = _conclusion_class(meta, E.instantiate_level_params(
            info.type, info.level_params, [meta.new_level_mvar() for _ in info.level_params]))
        if cls is None:
            raise ElabError(f"'{n}' is not an instance: its type does not conclude in a constant application")
        if cls not in self.classes:
            self.add_class(cls)
        self._order += 1
        return InstanceEntry(n, cls, priority, self._order, None if scope is None else _name(scope))

    def add_instance(self, name: Name | str, priority: int = DEFAULT_PRIORITY,
                     scope: Name | str | None = None) -> InstanceEntry:
        """Register the constant `name` as an instance (`@[instance prio]`, `scoped` when `scope` is given);
        its class is the head of its type's conclusion after the Π binders (unfolding reducible ones)."""
        ent = self._entry(name, priority, scope)
        self._by_class.setdefault(ent.class_name, []).append(ent)
        self.names.add(ent.name)
        self._changed()
        return ent

    def add_default_instance(self, name: Name | str, priority: int = DEFAULT_PRIORITY) -> InstanceEntry:
        """`@[default_instance prio]`: used by `apply_default_instances` for goals stuck on mvars."""
        ent = self._entry(name, priority, None)
        self._defaults.setdefault(ent.class_name, []).append(ent)
        self.names.add(ent.name)
        self._changed()
        return ent

    def erase(self, name: Name | str) -> tuple[tuple[bool, InstanceEntry], ...]:
        """Remove the instance `name`; the removed entries (with whether each was a default instance), for
        `restore`."""
        n = _name(name)
        removed: list[tuple[bool, InstanceEntry]] = []
        for is_default, d in ((False, self._by_class), (True, self._defaults)):
            for k, v in d.items():
                removed.extend((is_default, e) for e in v if e.name is n)
                d[k] = [e for e in v if e.name is not n]
        self.names.discard(n)
        self._changed()
        return tuple(removed)

    def restore(self, removed: tuple[tuple[bool, InstanceEntry], ...]) -> None:
        """Put back entries `erase` removed (they keep their priority and declaration order)."""
        for is_default, ent in removed:
            d = self._defaults if is_default else self._by_class
            d.setdefault(ent.class_name, []).append(ent)
            self.names.add(ent.name)
        self._changed()

    def open_scope(self, scope: Name | str) -> None:
        self.open_scopes.add(_name(scope))
        self._changed()

    def close_scope(self, scope: Name | str) -> None:
        self.open_scopes.discard(_name(scope))
        self._changed()

    # ------------------------------------------------------------------ queries
    def instances_of(self, cls: Name) -> list[InstanceEntry]:
        """Active instances of `cls` in the order they are *tried*: priority descending, then latest first."""
        es = [e for e in self._by_class.get(cls, ()) if e.scope is None or e.scope in self.open_scopes]
        es.sort(key=lambda e: (-e.priority, -e.order))
        return es

    def default_instances_of(self, cls: Name) -> list[InstanceEntry]:
        es = list(self._defaults.get(cls, ()))
        es.sort(key=lambda e: (-e.priority, -e.order))
        return es

    def class_info(self, name: Name) -> ClassInfo | None:
        return self.classes.get(name)


_OUT_PARAM = Name.of("outParam")
_SEMI_OUT_PARAM = Name.of("semiOutParam")


# ---------------------------------------------------------------------- telescopes

def _telescope(meta: MetaContext, t: Expr, classes: dict[Name, ClassInfo] | None = None) -> tuple[list[FVar], Expr]:
    """Open the Π binders of `t` (unfolding reducible heads) as locals pushed on `meta.lctx`; the caller
    pops them. The conclusion is left unreduced when its head is already a class."""
    xs: list[FVar] = []
    while True:
        if t.kind == PI:
            x = meta.push_local(t.name, t.type, t.bi)  # type: ignore[attr-defined]
            xs.append(x)
            t = E.instantiate1(t.body, x)  # type: ignore[attr-defined]
            continue
        h = E.get_app_fn(t)
        if classes is not None and h.kind == CONST and h.name in classes:  # type: ignore[attr-defined]
            return xs, t
        w = meta.whnf_r(t)
        if w.kind == PI:
            t = w
            continue
        return xs, w


def _conclusion_class(meta: MetaContext, t: Expr, classes: dict[Name, ClassInfo] | None = None) -> Name | None:
    n = len(meta.lctx)
    try:
        _, c = _telescope(meta, meta.instantiate_mvars(t), classes)
    finally:
        meta.pop_locals(len(meta.lctx) - n)
    h = E.get_app_fn(c)
    return h.name if h.kind == CONST else None  # type: ignore[attr-defined]


def class_of(meta: MetaContext, table: InstanceTable, t: Expr) -> Name | None:
    """The class of the type `t` (after its Π binders), or None when `t` is no class application."""
    c = _conclusion_class(meta, t, table.classes)
    return c if c is not None and c in table.classes else None


# ---------------------------------------------------------------------- levels and mvars

def _subst_level(l: Level, lmap: dict[Level, Level]) -> Level:
    if not l.has_mvar:
        return l
    k = l.kind
    if k == L.MVAR_K:
        return lmap.get(l, l)
    if k == L.SUCC_K:
        return L.succ(_subst_level(l.a, lmap))  # type: ignore[arg-type]
    if k == L.MAX_K:
        return L.max_(_subst_level(l.a, lmap), _subst_level(l.b, lmap))  # type: ignore[arg-type]
    if k == L.IMAX_K:
        return L.imax(_subst_level(l.a, lmap), _subst_level(l.b, lmap))  # type: ignore[arg-type]
    return l


def _subst(e: Expr, emap: dict[int, Expr], lmap: dict[Level, Level]) -> Expr:
    """Replace mvars (by serial) and level mvars of `e` (explicit stack)."""
    if not (e.flags & HAS_MVAR) or (not emap and not lmap):
        return e

    def visit(x: Expr) -> Expr | None:
        k = x.kind
        if k == MVAR:
            return emap.get(x.serial, x)  # type: ignore[attr-defined]
        if k == SORT:
            return E.mk_sort(_subst_level(x.level, lmap)) if lmap else x  # type: ignore[attr-defined]
        if k == CONST and lmap:
            return E.mk_const(x.name, [_subst_level(l, lmap) for l in x.levels])  # type: ignore[attr-defined]
        if k == CONST:
            return x
        return None

    return replace_leaves(e, visit, HAS_MVAR)


def _level_mvars(l: Level, out: dict[Level, None]) -> None:
    if not l.has_mvar:
        return
    k = l.kind
    if k == L.MVAR_K:
        out[l] = None
    elif k == L.SUCC_K:
        _level_mvars(l.a, out)  # type: ignore[arg-type]
    elif k in (L.MAX_K, L.IMAX_K):
        _level_mvars(l.a, out)  # type: ignore[arg-type]
        _level_mvars(l.b, out)  # type: ignore[arg-type]


def _leaves(e: Expr) -> tuple[list[MVar], list[Level]]:
    """Expression and level mvars of `e`, in a deterministic order of first occurrence."""
    ms: dict[MVar, None] = {}
    ls: dict[Level, None] = {}
    for x in E.subterms(e, skip=lambda y: not (y.flags & HAS_MVAR)):
        k = x.kind
        if k == MVAR:
            ms[x] = None  # type: ignore[index]
        elif k == SORT:
            _level_mvars(x.level, ls)  # type: ignore[attr-defined]
        elif k == CONST:
            for l in x.levels:  # type: ignore[attr-defined]
                _level_mvars(l, ls)
    return list(ms), list(ls)


def _eta_lambda(meta: MetaContext, xs: list[FVar], val: Expr) -> Expr:
    """`fun xs => val`, eta-reduced when `val` is `f xs` with `f` free of `xs` (as Lean's `tryResolve`)."""
    v = meta.instantiate_mvars(val)
    f, args = E.get_app_fn_args(v)
    n = len(xs)
    if len(args) >= n and all(a is x for a, x in zip(args[len(args) - n:], xs)):
        g = E.mk_app_n(f, args[:len(args) - n])
        if not mentions_fvars(g, set(xs)):
            return g
    return meta.mk_lambda_fvars(xs, v)


# ---------------------------------------------------------------------- resolution state

@dataclass(slots=True, eq=False)
class _Answer:
    expr: Expr                                  # mentions the abstracted mvars below (by their old serials)
    mvars: tuple[tuple[MVar, Expr, tuple[FVar, ...]], ...]  # (mvar, type, lctx), dependencies first
    lmvars: tuple[Level, ...]
    size: int
    norm: Expr                                  # canonical type, for "is this answer new?"


@dataclass(slots=True, eq=False)
class _Consumer:
    key: Expr
    mvar: MVar
    subgoals: tuple[MVar, ...]
    snap: tuple
    size: int


@dataclass(slots=True, eq=False)
class _Generator:
    mvar: MVar
    key: Expr
    snap: tuple
    candidates: list            # InstanceEntry or FVar (local instance); tried from the end
    idx: int


@dataclass(slots=True, eq=False)
class _Entry:
    waiters: list = field(default_factory=list)   # _Consumer, or None for the root
    answers: list = field(default_factory=list)
    norms: set = field(default_factory=set)


_ROOT = None


class _Resolver:
    def __init__(self, meta: MetaContext, table: InstanceTable, max_steps: int, max_size: int) -> None:
        self.meta = meta
        self.mctx = meta.mctx
        self.table = table
        self.max_steps = max_steps
        self.max_size = max_size
        self.gens: list[_Generator] = []
        self.resume_stack: list[tuple[_Consumer, _Answer]] = []
        self.entries: dict[Expr, _Entry] = {}
        self.result: _Answer | None = None
        self.lctx = tuple(meta.lctx)
        self.local_insts = [x for x in self.lctx if class_of(meta, table, x.type) is not None]
        self.cp0 = -1
        self.current: tuple | None = None

    # ------------------------------------------------------------------ node states (trail deltas)
    def capture(self) -> tuple:
        m = self.mctx
        decls: dict[int, object] = {}
        assigns: dict[int, Expr] = {}
        ldecls: dict[int, int] = {}
        lassigns: dict[int, Level] = {}
        delayed: dict[int, object] = {}
        for entry in m._trail[self.cp0:]:
            tag, s = entry[0], entry[1]
            if tag == "decl" and s in m.decls:
                decls[s] = m.decls[s]
            elif tag == "assign" and s in m.assignment:
                assigns[s] = m.assignment[s]
            elif tag == "ldecl" and s in m.level_decls:
                ldecls[s] = m.level_decls[s]
            elif tag == "lassign" and s in m.level_assignment:
                lassigns[s] = m.level_assignment[s]
            elif tag == "delayed" and s in m.delayed:
                delayed[s] = m.delayed[s]
            elif tag == "depth":
                raise ElabError("instance resolution: unexpected depth change")
        snap = (tuple(decls.items()), tuple(ldecls.items()), tuple(assigns.items()), tuple(lassigns.items()),
                tuple(delayed.items()))
        self._mark(snap)
        return snap

    def _mark(self, snap: tuple) -> None:
        """Remember that the mctx is exactly `snap` (until anything changes it)."""
        self.current = (snap, self.mctx.version, len(self.mctx._trail))

    def switch(self, snap: tuple) -> None:
        self.meta.postponed = []
        m = self.mctx
        cur = self.current
        if cur is not None and cur[0] is snap and cur[1] == m.version and cur[2] == len(m._trail):
            return
        m.restore(self.cp0)
        cp = m.save()
        assert cp == self.cp0
        trail = m._trail
        decls, ldecls, assigns, lassigns, delayed = snap
        for s, d in decls:
            m.decls[s] = d  # type: ignore[assignment]
            trail.append(("decl", s))
        for s, dep in ldecls:
            m.level_decls[s] = dep
            trail.append(("ldecl", s))
        for s, v in assigns:
            trail.append(("assign", s, m.assignment.get(s)))
            m.assignment[s] = v
        for s, v in lassigns:
            trail.append(("lassign", s, m.level_assignment.get(s)))
            m.level_assignment[s] = v
        for s, v in delayed:
            if s not in m.delayed:
                trail.append(("delayed", s))
            m.delayed[s] = v  # type: ignore[assignment]
        m.version += 1
        self._mark(snap)

    # ------------------------------------------------------------------ keys and answers
    def _assignable_leaves(self, e: Expr) -> tuple[list[MVar], list[Level]]:
        ms, ls = _leaves(e)
        m = self.mctx
        return ([x for x in ms if m.is_assignable(x, True)], [l for l in ls if m.is_level_assignable(l)])

    def normalize(self, e: Expr) -> Expr:
        """`e` instantiated, its assignable mvars renamed canonically (Lean's `mkTableKey`)."""
        e = self.meta.instantiate_mvars(e)
        ms, ls = self._assignable_leaves(e)
        emap = {x.serial: E.mk_mvar(-1 - i, Name.anonymous()) for i, x in enumerate(ms)}
        lmap = {l: L.mvar(("key", i)) for i, l in enumerate(ls)}
        return _subst(e, emap, lmap)

    def mk_answer(self, mvar: MVar, size: int) -> _Answer:
        meta = self.meta
        e = meta.instantiate_mvars(mvar)
        order: list[tuple[MVar, Expr, tuple[FVar, ...]]] = []
        seen: set[int] = set()
        lvs: dict[Level, None] = {}

        def visit(x: Expr) -> None:  # dependencies (mvars in types) first; answers are small terms
            ms, ls = self._assignable_leaves(x)
            for l in ls:
                lvs[l] = None
            for y in ms:
                if y.serial in seen:
                    continue
                seen.add(y.serial)
                d = self.mctx.decl(y)
                t = meta.instantiate_mvars(d.type)
                visit(t)
                order.append((y, t, d.lctx))

        visit(e)
        # novelty is judged by the answer's type, as Lean's `isNewAnswer`: `[Foo α] → Foo α` adds nothing
        return _Answer(e, tuple(order), tuple(lvs), size, self.normalize(self.mctx.decl(mvar).type))

    def open_answer(self, ans: _Answer) -> Expr:
        meta = self.meta
        lmap = {l: meta.new_level_mvar() for l in ans.lmvars}
        emap: dict[int, Expr] = {}
        for y, t, lctx in ans.mvars:
            emap[y.serial] = meta.new_mvar(_subst(t, emap, lmap), lctx=lctx)
        return _subst(ans.expr, emap, lmap)

    # ------------------------------------------------------------------ unification
    def unify(self, a: Expr, b: Expr) -> bool:
        meta = self.meta
        if not meta.is_def_eq(a, b):
            return False
        if meta.postponed:
            ok = meta.process_postponed(may_postpone=False)
            meta.postponed = []
            return ok
        return True

    # ------------------------------------------------------------------ the algorithm
    def candidates(self, mtype: Expr) -> list:
        cls = class_of(self.meta, self.table, mtype)
        if cls is None:
            return []
        out: list = list(reversed(self.table.instances_of(cls)))  # tried from the end
        for x in self.local_insts:  # local instances are tried before global ones
            if class_of(self.meta, self.table, x.type) is cls:
                out.append(x)
        return out

    def new_subgoal(self, snap: tuple, key: Expr, mvar: MVar, waiter: _Consumer | None) -> None:
        self.switch(snap)
        cands = self.candidates(self.meta.instantiate_mvars(self.mctx.decl(mvar).type))
        if not cands:
            return
        self.gens.append(_Generator(mvar, key, snap, cands, len(cands)))
        self.entries[key] = _Entry([waiter])

    def try_resolve(self, mvar: MVar, cand: Union[InstanceEntry, FVar]) -> list[MVar] | None:
        meta = self.meta
        mtype = meta.instantiate_mvars(self.mctx.decl(mvar).type)
        n0 = len(meta.lctx)
        try:
            xs, body = _telescope(meta, mtype, self.table.classes)
            if isinstance(cand, InstanceEntry):
                info = meta.env.find(cand.name)
                lvls = [meta.new_level_mvar() for _ in info.level_params]  # type: ignore[union-attr]
                val: Expr = E.mk_const(cand.name, lvls)
                t = E.instantiate_level_params(info.type, info.level_params, lvls)  # type: ignore[union-attr]
            else:
                val, t = cand, cand.type
            subgoals: list[MVar] = []
            while True:
                if t.kind == PI:
                    mt = meta.mk_pi_fvars(xs, t.type)  # type: ignore[attr-defined]
                    mv = meta.new_mvar(mt, lctx=self.lctx)
                    arg = E.mk_app_n(mv, xs)
                    val = E.mk_app(val, arg)
                    if t.bi == INST_IMPLICIT:  # type: ignore[attr-defined]
                        subgoals.append(mv)
                    t = E.instantiate1(t.body, arg)  # type: ignore[attr-defined]
                    continue
                w = meta.whnf(t)
                if w.kind != PI:
                    break
                t = w
            if not self.unify(body, t):
                return None
            lam = _eta_lambda(meta, xs, val) if xs else val
        finally:
            meta.pop_locals(len(meta.lctx) - n0)
        if not self.unify(mvar, lam):
            return None
        return subgoals

    def generate(self) -> None:
        g = self.gens[-1]
        if g.idx == 0:
            self.gens.pop()
            return
        g.idx -= 1
        cand = g.candidates[g.idx]
        self.switch(g.snap)
        subgoals = self.try_resolve(g.mvar, cand)
        if subgoals is None:
            return
        self.consume(_Consumer(g.key, g.mvar, tuple(subgoals), self.capture(), 0))

    def consume(self, c: _Consumer) -> None:
        self.switch(c.snap)
        subgoals = c.subgoals
        while subgoals and self.mctx.is_assigned(subgoals[0]):  # solved by unification already
            subgoals = subgoals[1:]
        if not subgoals:
            self.add_answer(c)
            return
        if subgoals is not c.subgoals:
            c = _Consumer(c.key, c.mvar, subgoals, c.snap, c.size)
        mv = subgoals[0]
        key = self.normalize(self.mctx.decl(mv).type)
        entry = self.entries.get(key)
        if entry is None:
            self.new_subgoal(c.snap, key, mv, c)
        else:
            entry.waiters.append(c)
            for a in entry.answers:
                self.resume_stack.append((c, a))

    def add_answer(self, c: _Consumer) -> None:
        if c.size >= self.max_size:
            return
        self.switch(c.snap)
        ans = self.mk_answer(c.mvar, c.size + 1)
        entry = self.entries[c.key]
        if ans.norm in entry.norms:
            return
        entry.norms.add(ans.norm)
        entry.answers.append(ans)
        for w in list(entry.waiters):
            if w is _ROOT:
                if not ans.mvars and self.result is None:
                    self.result = ans
            else:
                self.resume_stack.append((w, ans))

    def resume(self) -> None:
        c, ans = self.resume_stack.pop()
        self.switch(c.snap)
        mv = c.subgoals[0]
        if not self.unify(mv, self.open_answer(ans)):
            return
        self.consume(_Consumer(c.key, c.mvar, c.subgoals[1:], self.capture(), c.size + ans.size))

    def run(self, goal: Expr) -> _Answer | None:
        """Resolve `goal` (at the current, already deepened, mctx depth); the caller rolls back."""
        meta = self.meta
        self.cp0 = self.mctx.save()
        try:
            root = meta.new_mvar(goal, lctx=self.lctx)
            snap = self.capture()
            self.new_subgoal(snap, self.normalize(goal), root, _ROOT)
            steps = 0
            gas = meta.gas
            while self.result is None:
                gas.charge()
                steps += 1
                if steps > self.max_steps:
                    return None
                if self.resume_stack:
                    self.resume()
                elif self.gens:
                    self.generate()
                else:
                    return None
            return self.result
        finally:
            self.mctx.restore(self.cp0)


# ---------------------------------------------------------------------- entry points

def _table(meta: MetaContext, table: InstanceTable | None) -> InstanceTable:
    t = table if table is not None else getattr(meta, "instance_table", None)
    if t is None:
        raise ElabError("no instance table (pass one, or `install` it on the MetaContext)")
    if not t.names <= meta.instances:  # instances unfold at `instances` transparency
        meta.instances |= t.names
    return t


def _preprocess(meta: MetaContext, table: InstanceTable, goal: Expr) -> Expr:
    """At the deeper depth: the goal with its out-param arguments and universe mvars made fresh."""
    _, ls = _leaves(goal)
    lmap = {l: meta.new_level_mvar() for l in ls}
    goal = _subst(goal, {}, lmap) if lmap else goal
    f, args = E.get_app_fn_args(goal)
    if f.kind != CONST:
        return goal
    # as Lean's `preprocessLevels`, a universe of the class with mvars inside a `max`/`imax` becomes one fresh
    # mvar: `Inhabited.{imax ?a ?b} α` must match a local instance of that type through `?v := imax ?a ?b`
    levels = [meta.new_level_mvar() if lv.has_mvar and L.to_offset(lv)[0].kind in (L.MAX_K, L.IMAX_K) else lv
              for lv in f.levels]  # type: ignore[attr-defined]
    if any(a is not b for a, b in zip(levels, f.levels)):  # type: ignore[attr-defined]
        f = E.mk_const(f.name, levels)  # type: ignore[attr-defined]
        goal = E.mk_app_n(f, args)
    ci = table.classes.get(f.name)  # type: ignore[attr-defined]
    if ci is None or not ci.out_params:
        return goal
    info = meta.env.find(f.name)  # type: ignore[attr-defined]
    t = E.instantiate_level_params(info.type, info.level_params, f.levels)  # type: ignore[union-attr, attr-defined]
    new_args: list[Expr] = []
    outs = set(ci.out_params)
    for i, a in enumerate(args):
        if t.kind != PI:
            new_args.extend(args[i:])
            break
        if i in outs:
            a = meta.new_mvar(t.type)  # type: ignore[attr-defined]
        new_args.append(a)
        t = E.instantiate1(t.body, a)  # type: ignore[attr-defined]
    return E.mk_app_n(f, new_args)


def _cache_key(meta: MetaContext, tbl: InstanceTable, goal: Expr) -> tuple | None:
    """The goal as the cache knows it, or None when its answer may depend on mvars. Resolution replaces
    out-param arguments (and universe mvars) by fresh mvars before it starts (`_preprocess`), so a goal whose
    only mvars sit in out-param positions has the same answer as every goal of the same shape: those
    arguments are left out of the key and universe mvars numbered by first occurrence, as Lean's cache does."""
    insts = tuple(x for x in meta.lctx if class_of(meta, tbl, x.type) is not None)
    if not (goal.flags & HAS_MVAR):
        return (goal, insts)
    f, args = E.get_app_fn_args(goal)
    ci = tbl.classes.get(f.name) if f.kind == CONST else None  # type: ignore[attr-defined]
    outs = set(ci.out_params) if ci is not None else set()
    if any(a.flags & HAS_MVAR for i, a in enumerate(args) if i not in outs):
        return _stuck_key(meta, goal, insts)
    if ci is None or not ci.out_params:
        return None
    lvls: dict[Level, None] = {}
    for lv in f.levels:  # type: ignore[attr-defined]
        _level_mvars(lv, lvls)
    shape = tuple(None if i in outs else a for i, a in enumerate(args))
    numbered = {lv: L.param(Name.of(f"_cache.{i}")) for i, lv in enumerate(lvls)}
    levels = tuple(_subst_level(lv, numbered) for lv in f.levels)  # type: ignore[attr-defined]
    return (f.name, levels, shape, insts)  # type: ignore[attr-defined]


def _stuck_key(meta: MetaContext, goal: Expr, insts: tuple) -> tuple:
    """Key of a goal with mvars outside its out-params, for remembering that it failed. Those mvars belong
    to the caller and cannot be assigned by resolution, so the outcome depends only on where they occur and
    on their types: they are named by first occurrence (levels too), their types kept in the key."""
    ms, ls = _leaves(goal)
    types = [meta.instantiate_mvars(meta.decl(m).type) for m in ms]
    for t in types:
        more_ms, more_ls = _leaves(t)
        ms.extend(m for m in more_ms if m not in ms)
        ls.extend(lv for lv in more_ls if lv not in ls)
    emap = {m.serial: E.mk_const(Name.of(f"_stuck.{i}"), []) for i, m in enumerate(ms)}
    lmap = {lv: L.param(Name.of(f"_stuck_u.{i}")) for i, lv in enumerate(ls)}
    return ("stuck", _subst(goal, emap, lmap), tuple(_subst(t, emap, lmap) for t in types), insts)


def synth_instance(meta: MetaContext, goal_type: Expr, table: InstanceTable | None = None, *,
                   max_steps: int = MAX_STEPS, max_size: int = MAX_SIZE) -> Expr | None:
    """An instance of the class `goal_type` (instantiated, fully), or None. On success the goal's
    out-params (and universe mvars) are assigned from the instance's type; on failure nothing is."""
    tbl = _table(meta, table)
    goal = meta.instantiate_mvars(goal_type)
    if class_of(meta, tbl, goal) is None:
        return None
    cache_key = _cache_key(meta, tbl, goal)
    found, hit = tbl.cached(cache_key) if cache_key is not None else (False, None)
    if found:
        if hit is None or not (goal.flags & HAS_MVAR):
            return hit
        if cache_key[0] == "stuck":
            return None  # only failures are remembered for such goals (see below)
        # the out-params (and their universes) of this goal are still mvars: assign them from the answer
        st = meta.save()
        with meta.with_transparency(DEFAULT):
            if meta.is_def_eq(goal, meta.infer_type(hit)):
                meta.commit(st)
                return hit
        meta.restore(st)
    if tbl.nesting >= MAX_NESTING:
        return None
    st = meta.save()
    earlier = meta.postponed
    meta.postponed = []
    tbl.nesting += 1
    ans: _Answer | None = None
    result: Expr | None = None
    try:
        meta.mctx.push_depth()
        try:
            with meta.with_transparency(INSTANCES):
                r = _Resolver(meta, tbl, max_steps, max_size)
                ans = r.run(_preprocess(meta, tbl, goal))
        finally:
            meta.restore(st)  # undoes the depth change and everything resolution assigned
            meta.postponed = earlier
        if ans is not None:
            st = meta.save()
            ok = False
            try:
                lmap = {l: meta.new_level_mvar() for l in ans.lmvars}
                val = _subst(ans.expr, {}, lmap)
                with meta.with_transparency(DEFAULT):
                    ok = meta.is_def_eq(goal, meta.infer_type(val))
                if ok:
                    result = meta.instantiate_mvars(val)
            finally:
                if ok:
                    meta.commit(st)
                else:
                    meta.restore(st)
    finally:
        tbl.nesting -= 1
    if cache_key is not None and (result is None or not (result.flags & HAS_MVAR)) and \
            (result is None or cache_key[0] != "stuck"):
        tbl.remember(cache_key, result)
    return result


def synth_pending(meta: MetaContext, mvar: MVar, table: InstanceTable | None = None) -> bool:
    """Solve an instance mvar by resolution (the meta layer's `synth_pending` hook)."""
    tbl = _table(meta, table)
    if meta.is_assigned(mvar):
        return False
    ty = meta.instantiate_mvars(meta.decl(mvar).type)
    if class_of(meta, tbl, ty) is None:
        return False
    r = synth_instance(meta, ty, tbl)
    if r is None:
        return False
    return meta.is_def_eq(mvar, r)


def install(meta: MetaContext, table: InstanceTable) -> None:
    """Make `table` the instance table of `meta` and resolution its `synth_pending` hook."""
    meta.instance_table = table  # type: ignore[attr-defined]
    meta.instances |= table.names
    meta.synth_pending = lambda m, mv: synth_pending(m, mv, table)


# ---------------------------------------------------------------------- default instances

def _pending_instance_mvars(meta: MetaContext, tbl: InstanceTable) -> list[MVar]:
    m = meta.mctx
    out = []
    for s, d in list(m.decls.items()):
        if d.kind == SYNTHETIC and d.depth == m.depth and s not in m.assignment and s not in m.delayed:
            if class_of(meta, tbl, d.type) is not None:
                out.append(d.mvar)
    return out


def _try_default(meta: MetaContext, tbl: InstanceTable, mv: MVar, ent: InstanceEntry,
                 pending: list[MVar]) -> bool:
    info = meta.env.find(ent.name)
    st = meta.save()
    ok = False
    new_pending: list[MVar] = []
    saved_lctx = meta.lctx
    meta.lctx = list(meta.decl(mv).lctx)   # the problem's own context (it may mention bound variables)
    try:
        lvls = [meta.new_level_mvar() for _ in info.level_params]  # type: ignore[union-attr]
        val: Expr = E.mk_const(ent.name, lvls)
        t = E.instantiate_level_params(info.type, info.level_params, lvls)  # type: ignore[union-attr]
        subgoals: list[MVar] = []
        while t.kind == PI:
            a = meta.new_mvar(t.type, SYNTHETIC if t.bi == INST_IMPLICIT else "natural")  # type: ignore[attr-defined]
            if t.bi == INST_IMPLICIT:  # type: ignore[attr-defined]
                subgoals.append(a)
            val = E.mk_app(val, a)
            t = E.instantiate1(t.body, a)  # type: ignore[attr-defined]
        if meta.is_def_eq(meta.decl(mv).type, t):
            ok = True
            for sg in subgoals:
                if meta.is_assigned(sg):
                    continue
                sty = meta.instantiate_mvars(meta.decl(sg).type)
                r = synth_instance(meta, sty, tbl)
                if r is not None:
                    if not meta.is_def_eq(sg, r):
                        ok = False
                        break
                elif sty.flags & HAS_MVAR:
                    new_pending.append(sg)  # stays pending, as Lean's elaborator does
                else:
                    ok = False
                    break
            ok = ok and meta.is_def_eq(mv, val)
    finally:
        meta.lctx = saved_lctx
        if ok:
            meta.commit(st)
            pending.extend(new_pending)
        else:
            meta.restore(st)
    return ok


def unsolved_instance(meta: MetaContext, m: MVar) -> bool:
    """Is the instance mvar `m` still to be solved: unassigned, or standing for an unassigned mvar applied to
    the locals of a binder it was created under (`?i := ?j x` when `fun x => …` was closed)?"""
    if not meta.is_assigned(m):
        return True
    h = E.get_app_fn(meta.instantiate_mvars(m))
    return h.kind == E.MVAR and not meta.is_assigned(h)


def apply_default_instances(meta: MetaContext, mvars: Iterable[MVar] | None = None,
                            table: InstanceTable | None = None) -> bool:
    """Lean's end-of-elaboration loop: synthesize the pending instance mvars that can be; when none
    can, apply the highest-priority default instance to one stuck goal (e.g. `OfNat ?α 2` gets
    `α := Nat` through `instOfNatNat`) and repeat. `mvars` defaults to every unassigned synthetic mvar
    whose type is a class. Returns whether anything was assigned."""
    tbl = _table(meta, table)
    pending = list(mvars) if mvars is not None else _pending_instance_mvars(meta, tbl)
    progress = False
    while True:
        meta.gas.charge()
        pending = [m for m in pending if unsolved_instance(meta, m)]
        if not pending:
            return progress
        changed = False
        for m in pending:
            if synth_pending(meta, m, tbl):
                changed = True
        if changed:
            progress = True
            continue
        best: list[tuple[int, int, int, MVar, InstanceEntry]] = []
        for i, m in enumerate(pending):
            ty = meta.instantiate_mvars(meta.decl(m).type)
            if not (ty.flags & HAS_MVAR):
                continue
            cls = class_of(meta, tbl, ty)
            for ent in tbl.default_instances_of(cls):  # type: ignore[arg-type]
                best.append((-ent.priority, i, -ent.order, m, ent))
        best.sort(key=lambda b: b[:3])
        for _, _, _, m, ent in best:
            if _try_default(meta, tbl, m, ent, pending):
                changed = True
                break
        if not changed:
            return progress
        progress = True
