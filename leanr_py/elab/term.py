"""The term elaborator: surface syntax (`leanr_py.syntax.ast`) to core terms, bidirectionally.

`TermElaborator(meta, table)` elaborates one declaration's terms inside a `MetaContext`:

    te = TermElaborator(meta, table, namespace=Name.of("Foo"), opens=[Name.of("Nat")])
    t = te.elab_type(type_stx)            # a type (its sort is checked)
    v = te.elab_term(value_stx, t)         # a term of type `t` (`type mismatch` otherwise)
    te.synthesize(final=True)              # pending instances, postponed problems, default instances
    v = te.finalize(v, span)               # instantiated; an error names any mvar left unsolved

As in Lean, application elaboration inserts implicit arguments as natural mvars and instance-implicit
ones as synthetic mvars solved by instance resolution (at once when their type is known, otherwise later;
numerals fall back to the `OfNat` default instance at the end), propagates the expected type into the
function's result type before elaborating explicit arguments, and postpones arguments that need their
expected type (anonymous constructors, `fun` with untyped binders) until the other arguments are done.
Binary operators follow Lean's `binop%`/`binrel%` in a simplified way: both sides are elaborated without
an expected type and their types unified (no coercions). Every failure is an `ElabError` at the span of
the offending node; syntax this slice does not handle raises `… is not supported yet`, never a wrong term.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence, Union

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import ConstructorInfo, InductiveInfo
from ..kernel.environment import deep_recursion
from ..kernel.errors import KernelError
from ..kernel.expr import (
    CONST, DEFAULT as BI_DEFAULT, IMPLICIT, INST_IMPLICIT, MVAR, PI, SORT, STRICT_IMPLICIT, Expr, FVar,
    MVar,
)
from ..kernel.level import Level
from ..kernel.name import Name
from ..pretty import Options, pp_expr
from ..pretty.names import has_macro_scopes
from ..syntax import ast as A
from .autobound import AutoBoundName, auto_bound_allowed, refusal_note
from . import messages
from .info import InfoLog
from .names import EMPTY, NameScope
from .errors import ElabError
from .binop import BINOP, BINREL, RIGHTACT, elab_op
from .instances import InstanceTable, apply_default_instances, class_of, synth_instance, unsolved_instance
from .mctx import SYNTHETIC, SYNTHETIC_OPAQUE
from .meta import MetaContext

__all__ = ["TermElaborator", "ANON", "hygienic"]

ANON = Name.anonymous()
_BI = {"explicit": BI_DEFAULT, "simple": BI_DEFAULT, "implicit": IMPLICIT, "strict": STRICT_IMPLICIT,
       "inst": INST_IMPLICIT}

# builtin operators: heterogeneous arithmetic (`binop%`), relations (`binrel%`), plain applications
_PLAIN = {"∧": "And", "∨": "Or", "↔": "Iff", "×": "Prod", "&&": "Bool.and", "||": "Bool.or",  # Lean's `and`/`or`/`not`
          "≈": "HasEquiv.Equiv", "∣": "Dvd.dvd"}   # notations that are plain applications in Lean
_BINDER_NOTATIONS = {"∃": "Exists", "Σ": "Sigma", "Σ'": "PSigma"}
_PREFIX = {"¬": "Not", "!": "Bool.not"}                                               # are `export`ed from `Bool`

_hyg_counter = [0]


def _expand_binder_preds(binders: Sequence[A.Binder], body: A.Term, span: Any, quantifier: str) -> A.Term:
    """Lean's binder predicates (`Init.BinderPredicates`): `∀ x > 0, p` is `∀ x, x > 0 → p` and `∃ x ∈ s, p` is
    `∃ x, x ∈ s ∧ p`, one name at a time."""
    out = body
    for b in reversed(binders):
        for name in reversed(b.names):
            single = A.Binder(b.span, b.kind, (name,), b.type, b.default)
            if b.pred is not None:
                op, bound = b.pred
                cond = A.BinOp(b.span, op, name, bound)
                out = A.Arrow(span, cond, out) if quantifier == "∀" else A.BinOp(span, "∧", cond, out)
            out = A.Pi(span, (single,), out) if quantifier == "∀" else A.BinderNotation(span, "∃", (single,), out)
    return out


def hygienic(base: str) -> Name:
    """A fresh inaccessible name (`base._@._hyg.N`), shown as `base✝` by the pretty-printer."""
    _hyg_counter[0] += 1
    return Name.from_components([base, "_@", "_hyg", _hyg_counter[0]])


def hygiene_counter() -> int:
    """The number behind the last fresh name: part of the elaborator state between commands
    (`elab.state`), so a document gets the same names however it was checked."""
    return _hyg_counter[0]


def set_hygiene_counter(n: int) -> None:
    _hyg_counter[0] = n


@dataclass(slots=True, frozen=True, eq=False)
class _Pre:
    """An already elaborated argument; `span`, when known, is where a mismatch in it is reported."""

    expr: Expr
    span: Any = None


@dataclass(slots=True, frozen=True)
class _Omitted:
    """A named argument left for the application to fill as it fills an implicit binder: by unification, or
    by instance synthesis for an instance binder (a structure instance's omitted implicit fields)."""

    span: Any = None


@dataclass(slots=True, frozen=True, eq=False, repr=False)
class _ConstApp(A.Term):
    """Internal syntax: the constant `name` (no name resolution) applied to `args`."""

    name: str
    args: tuple


Arg = Union[A.Term, _Pre]


@dataclass(slots=True)
class _Origin:
    """Where an mvar came from, for the `don't know how to synthesize` error."""

    kind: str            # "implicit" | "hole" | "binder" | "simple binder" (a bare identifier binder)
    name: str
    span: Any
    app: list            # [the application it belongs to], filled when known


_ON_DEMAND = frozenset(("noConfusion", "noConfusionType", "inj", "injEq"))   # auxiliary constants built when first named
_OPT_PARAM, _AUTO_PARAM = Name.of("optParam"), Name.of("autoParam")


def _opt_param_default(t: Expr) -> Expr | None:
    """`v` when `t` is `optParam T v`."""
    f, args = E.get_app_fn_args(t)
    if f.kind == CONST and f.name is _OPT_PARAM and len(args) == 2:  # type: ignore[attr-defined]
        return args[1]
    return None


def _is_auto_param(t: Expr) -> bool:
    f = E.get_app_fn(t)
    return f.kind == CONST and f.name is _AUTO_PARAM  # type: ignore[attr-defined]


def _has_opt_params(t: Expr) -> bool:
    """Does an explicit binder of the telescope `t` have an `optParam`/`autoParam` type?"""
    while t.kind == PI:
        if t.bi == BI_DEFAULT and (_opt_param_default(t.type) is not None or _is_auto_param(t.type)):  # type: ignore[attr-defined]
            return True
        t = t.body  # type: ignore[attr-defined]
    return False


def _named_depend_on(t: Expr, named: dict[Any, Any]) -> bool:
    """Does the type of a binder of `t.body` given by a named argument mention `t`'s own binder?"""
    body, depth = t.body, 0  # type: ignore[attr-defined]
    while body.kind == PI:
        if str(body.name) in named and E.has_loose_bvar(body.type, depth):  # type: ignore[attr-defined]
            return True
        body, depth = body.body, depth + 1  # type: ignore[attr-defined]
    return False


_ELAB_QUEUES = ("postponed_terms", "tactic_blocks")   # queues kept on the term elaborator by other modules


class AmbiguousName(ElabError):
    """A name that denotes several constants here (through `open`s); an application elaborates each."""

    def __init__(self, candidates: list[Name], span: Any) -> None:
        alts = ", ".join(str(c) for c in candidates)
        super().__init__(f"ambiguous, possible interpretations: {alts}", span)
        self.candidates = candidates
        self.fields: list[str] = []   # the components after the name (field accesses)


class TermElaborator:
    def __init__(self, meta: MetaContext, table: InstanceTable | None = None, *,
                 namespace: Name = ANON, opens: Sequence[Name] = (), level_names: Sequence[str] = (),
                 auto_bound_levels: bool = True, info: InfoLog | None = None, names: NameScope = EMPTY) -> None:
        self.meta = meta
        self.info = info if info is not None else InfoLog()   # goals and term types for editors
        self.env = meta.env
        self.table = table if table is not None else getattr(meta, "instance_table", None)
        self.namespace = namespace
        self.opens = tuple(opens)
        self.names = names                              # aliases, hidden and protected names (names.py)
        self.level_names: list[str] = list(level_names)
        self.auto_bound_levels = auto_bound_levels
        self.pending: list[tuple[MVar, Any]] = []     # instance mvars still to synthesize
        self.origins: dict[int, _Origin] = {}
        self._failed: dict[int, tuple] = {}            # instance mvar -> `_change_key` at its last failure
        self.uses_sorry = False
        self.auto_bound: str | None = None            # inside a header: the auto-bound implicit mode
        self.in_header = False                        # elaborating a declaration header (see `with_auto_bound`)
        self.header_errors: list[ElabError] = []      # its unknown names, each read as `sorry`
        # `where` / `let rec` auxiliaries take the enclosing locals they use as leading arguments: a reference
        # to one (its constant, or its own name as a local in its body) is applied to them, found by name in
        # `closure_scope` (the enclosing header's locals), or to fresh mvars when absent there
        self.closure_consts: dict[Name, list[str]] = {}
        self.closure_fvars: dict[Any, list[Expr]] = {}
        self.closure_scope: dict[str, Expr] = {}
        self.decl_self: Name | None = None  # the declaration whose body this is (a REPL proof state may name it)
        meta.display_name = self.display_name  # type: ignore[attr-defined]  # how goals name constants here
        # while structural recursion is compiled: keep variable patterns whose value a match refined as marked
        # `let`s (see `match.PATTERN_LET`), so that a recursive call through one is not taken for a call on a
        # sub-term (Lean's matcher passes such a value to the alternative opaquely)
        self.mark_pattern_lets = False
        self.matchers: Any = None    # the declaration's matchers (`elab.matcher.PendingMatchers`); None: none made
        self.partial_code: Any = None   # a `partial def`'s (self local, body, own arity), see `recursion`
        # the `fun`/`let`/`have` binders and pattern variables elaborated, for the unused-variables linter:
        # (identifier span, name, local, the term it scopes over, that term's syntax, kind); see `lint`
        self.local_binders: list[tuple[Any, Name, FVar, Expr, Any, str]] = []
        self.quiet_binders = 0   # inside binder notation (`∃ x, p`), whose binders are not linted

    # ================================================================== entry points
    def elab(self, stx: A.Node, expected: Expr | None = None) -> Expr:
        """Elaborate `stx`, using `expected` as a hint (the result is not checked against it)."""
        try:
            with deep_recursion():
                return self._elab(stx, expected)
        except KernelError as exc:  # includes the decline for too deep terms
            raise ElabError(exc.message, getattr(stx, "span", None)) from None

    def elab_term(self, stx: A.Node, expected: Expr | None) -> Expr:
        """Elaborate `stx` as a term of type `expected` (a `type mismatch` error otherwise)."""
        e = implicit_lambda(self, stx, expected)  # `∀ {x}, T` expected: `fun {x} => (stx : T)`
        if e is not None:
            return e
        e = self.elab(stx, expected)
        if expected is not None:
            e = elab_term_coerced(self, e, expected, stx.span)  # `type mismatch` unless a coercion applies
        return e

    def elab_type(self, stx: A.Node) -> Expr:
        e = sort_or_coerced(self, self.elab(stx, None), stx.span)  # `CoeSort` when `e` is not a type
        self.ensure_type(e, stx.span)
        return e

    def ensure_type(self, e: Expr, span: Any) -> Level:
        """Check that `e` is a type; its universe level."""
        s = self.meta.whnf(self.meta.instantiate_mvars(self.meta.infer_type(e)))
        if s.kind == SORT:
            return s.level  # type: ignore[attr-defined]
        u = self.meta.new_level_mvar()
        if self.meta.is_def_eq(s, E.mk_sort(u)):
            return u
        raise ElabError(f"type expected, got\n  ({self.pp(e)} : {self.pp(s)})", span)

    def ensure_has_type(self, expected: Expr, e: Expr, span: Any) -> None:
        t = self.meta.infer_type(e)
        if not self.meta.is_def_eq(t, expected):
            raise ElabError(messages.type_mismatch(self.meta, self.pp, e, t, expected), span)

    def pp(self, e: Expr) -> str:
        try:
            return pp_expr(self.meta.instantiate_mvars(e), self.env, options=Options(display_name=self.display_name))
        except Exception:  # noqa: BLE001 - a message must never fail to be produced
            return repr(e)

    # ================================================================== pending problems
    def _register_class(self, t: Expr) -> None:
        if self.table is None or self.table.declared_classes_only:
            return
        h = E.get_app_fn(self.meta.instantiate_mvars(t))
        if h.kind == CONST and h.name not in self.table.classes:  # type: ignore[attr-defined]
            info = self.env.find(h.name)  # type: ignore[attr-defined]
            if isinstance(info, InductiveInfo):
                self.table.add_class(h.name)  # type: ignore[attr-defined]

    def _new_inst_mvar(self, t: Expr, span: Any) -> MVar:
        self._register_class(t)
        m = self.meta.new_mvar(t, SYNTHETIC)
        self.pending.append((m, span))
        return m

    def _synth_one(self, m: MVar, span: Any, final: bool) -> bool:
        """Try to solve the instance mvar `m`; True when it is done. Raises when it cannot be solved."""
        meta = self.meta
        if self.table is None:
            raise ElabError("failed to synthesize instance: no instance table", span)
        if meta.is_assigned(m):
            v = meta.instantiate_mvars(m)
            if not (v.flags & E.HAS_MVAR):
                return True
        d = meta.decl(m)
        ty = meta.instantiate_mvars(d.type)
        saved = meta.lctx
        meta.lctx = list(d.lctx)
        try:
            r = synth_instance(meta, ty, self.table)
        finally:
            meta.lctx = saved
        if r is None:
            ty = meta.instantiate_mvars(d.type)
            if not self._stuck_on_mvars(ty):
                raise ElabError(messages.failed_to_synthesize(self.pp, ty), span)
            if final:
                raise ElabError("typeclass instance problem is stuck, it is often due to metavariables\n  "
                                f"{self.pp(ty)}", span)
            return False
        if not meta.is_assigned(m):
            # resolution unified the answer's type with `m`'s, in `m`'s context: Lean's direct assignment
            meta.assign(m, r)
            return True
        if not meta.is_def_eq(m, r):
            raise ElabError("synthesized type class instance is not definitionally equal to expression inferred "
                            f"by typing rules, synthesized\n  {self.pp(r)}\ninferred\n  {self.pp(m)}", span)
        return True

    def _stuck_on_mvars(self, ty: Expr) -> bool:
        """Does the class problem `ty` have expression mvars outside its out-params (so it may succeed
        later)? Universe level mvars alone do not make it wait: resolution instantiates them."""
        if not (ty.flags & E.HAS_MVAR):
            return False
        mctx = self.meta.mctx
        f, args = E.get_app_fn_args(ty)
        ci = self.table.classes.get(f.name) if f.kind == CONST and self.table is not None else None  # type: ignore[attr-defined]
        if ci is None:
            return bool(mctx.collect_mvars(ty))
        outs = set(ci.out_params)
        return any(a.flags & E.HAS_MVAR and mctx.collect_mvars(a) for i, a in enumerate(args) if i not in outs)

    def synthesize(self, final: bool = False) -> None:
        """Solve what can be solved: pending instances and postponed unification problems; with `final`,
        also default instances (one at a time, highest priority first, as Lean's `synthesizeUsingDefault`),
        and whatever is then still pending is an error."""
        meta = self.meta
        while True:
            progress = False
            rest: list[tuple[MVar, Any]] = []
            for m, span in self.pending:
                key = self._change_key(m)
                if self._failed.get(m.serial) == key:
                    rest.append((m, span))  # no mvar of its problem was assigned since the last attempt
                elif self._synth_one(m, span, False):
                    progress = True
                else:
                    self._failed[m.serial] = self._change_key(m)
                    rest.append((m, span))
            self.pending = rest
            if meta.postponed and not meta.process_postponed(True):
                raise ElabError(self._stuck_message(), rest[0][1] if rest else None)
            if progress:
                continue
            if self.__dict__.get(POSTPONED_TERMS) and resume_postponed(self, False):
                continue
            if final and self.pending and self._apply_default():
                continue
            break
        if final and self.__dict__.get(POSTPONED_TERMS):
            resume_postponed(self, True)   # now without postponing: what still fails is an error
            self.synthesize(True)
            return
        if final:
            if self.__dict__.get("tactic_blocks"):  # `by` blocks run last, as in Lean
                from ..tactic.by import run_tactic_blocks
                run_tactic_blocks(self)
            for m, span in self.pending:
                self._synth_one(m, span, True)
            self.pending = []
            if meta.postponed and not meta.process_postponed(False):
                raise ElabError(self._stuck_message())

    def _change_key(self, m: MVar) -> tuple:
        """The unassigned expression mvars of an instance problem (its type, and its value if assigned):
        resolution is re-tried only when they change (level mvars alone do not count)."""
        mctx = self.meta.mctx
        ty = mctx.instantiate_mvars(mctx.decl(m).type)
        v = mctx.instantiate_mvars(m)
        return (tuple(x.serial for x in mctx.collect_mvars(ty)), tuple(x.serial for x in mctx.collect_mvars(v)))

    def _apply_default(self) -> bool:
        """Apply one default instance to the pending mvar whose class has the highest-priority one."""
        meta, tbl = self.meta, self.table
        if tbl is None:
            return False
        cands: list[tuple[int, int, MVar]] = []
        for i, (m, _) in enumerate(self.pending):
            if not unsolved_instance(meta, m):
                continue
            h = E.get_app_fn(meta.instantiate_mvars(meta.decl(m).type))
            if h.kind != CONST:
                continue
            ds = tbl.default_instances_of(h.name)  # type: ignore[attr-defined]
            if ds:
                cands.append((-max(d.priority for d in ds), i, m))
        cands.sort(key=lambda c: c[:2])
        for _, _, m in cands:
            if apply_default_instances(meta, [m], tbl):
                return True
        return False

    def _stuck_message(self) -> str:
        probs = [f"  {self.pp(p.lhs)} =?= {self.pp(p.rhs)}" for p in self.meta.postponed if not p.is_level][:3]
        return "failed to solve the unification constraints\n" + "\n".join(probs)

    def finalize(self, e: Expr, span: Any) -> Expr:
        """`e` instantiated; an error if an expression mvar is left (level mvars are the caller's)."""
        e = self.meta.instantiate_mvars(e)
        if e.flags & E.HAS_MVAR and self.meta.mctx.collect_mvars(e):
            raise self.unassigned_error(span)
        return e

    def unassigned_error(self, span: Any, note: str = "", bare_binder_note: str = "") -> ElabError:
        """Lean's error for the first unassigned mvar whose origin is known (binders and holes first).
        `bare_binder_note` replaces `note` for a bare identifier binder (`{}` stands for its name)."""
        order = sorted(self.origins.items(), key=lambda it: it[1].kind == "implicit")
        for serial, o in order:
            d = self.meta.mctx.decls.get(serial)
            if d is None:   # created by an attempt that was rolled back
                continue
            m = d.mvar
            if self.meta.mctx.collect_mvars(self.meta.instantiate_mvars(m)):
                if o.kind in ("binder", "simple binder"):
                    if o.kind == "simple binder" and bare_binder_note:
                        note = bare_binder_note.format(o.name)
                    return ElabError(f"Failed to infer type of binder `{o.name}`{note}", o.span)
                if o.kind == "implicit":
                    app = f"\n  {self.pp(o.app[0])}" if o.app else ""
                    return ElabError(f"don't know how to synthesize implicit argument '{o.name}'{app}{note}",
                                     o.span)
                return ElabError("don't know how to synthesize placeholder\ncontext:\n⊢ "
                                 f"{self.pp(self.meta.decl(m).type)}{note}", o.span)
        return ElabError(f"don't know how to synthesize placeholder{note}", span)

    # ================================================================== dispatch
    def _elab(self, stx: A.Node, expected: Expr | None) -> Expr:
        self.meta.gas.charge()
        fn = _DISPATCH.get(type(stx))
        if fn is None:
            raise ElabError(f"{_describe(stx)} is not supported yet", stx.span)
        try:
            e = fn(self, stx, expected)
        except Postpone:
            if is_resuming(self, stx):
                raise
            e = postpone_term(self, stx, expected)
        self.info.record_term(stx, e, self)  # raw; rendered only when asked (hover, snapshot)
        return e

    def _unsupported(self, stx: A.Node, expected: Expr | None) -> Expr:
        raise ElabError(f"{_describe(stx)} is not supported yet", stx.span)

    # ================================================================== names
    def _namespaces(self) -> list[Name]:
        out = []
        ns = self.namespace
        while not ns.is_anonymous():
            out.append(ns)
            ns = ns.prefix  # type: ignore[assignment]
        return out

    def _build_on_demand(self, n: Name) -> None:
        """`T.noConfusion` and `T.noConfusionType`, a constructor's `C.inj` and `C.injEq`, are built when first
        named (most types never need them)."""
        from .injectivity import ensure_injectivity
        from .no_confusion import ensure_no_confusion

        ind = n.prefix
        for where in [*self._namespaces(), Name.anonymous(), *self.opens]:
            full = _join(where, ind) if not where.is_anonymous() else ind
            if n.last in ("inj", "injEq"):
                if isinstance(self.env.find(full), ConstructorInfo):
                    ensure_injectivity(self.env, full)
            elif isinstance(self.env.find(full), InductiveInfo):
                try:
                    ensure_no_confusion(self.env, full)
                except ElabError:
                    pass   # a shape they are not built for: the name stays unknown

    def resolve_global(self, n: Name, span: Any) -> Name | None:
        """The constant `n` denotes here: innermost namespace first, then the root and the open namespaces."""
        comps = n.components()
        if comps and comps[-1] in _ON_DEMAND and len(comps) > 1:
            self._build_on_demand(n)
        if comps and comps[0] == "_root_":
            m = Name.from_components(comps[1:])
            return m if self.env.find(m) is not None else None
        for ns in self._namespaces():
            m = _join(ns, n)
            if self.env.find(m) is not None and self.names.reachable(m, n, False):
                return m
            for t in self.names.targets(m):  # `export` inside the namespace
                return t
        found = []
        if self.env.find(n) is not None:
            found.append(n)
        for t in self.names.targets(n):
            if t not in found:
                found.append(t)
        for o in self.opens:
            m = _join(o, n)
            if self.env.find(m) is not None and m not in found and self.names.reachable(m, n, True):
                found.append(m)
            for t in self.names.targets(m):  # names `export`ed into the open namespace
                if t not in found:
                    found.append(t)
        if len(found) > 1:
            raise AmbiguousName(found, span)
        return found[0] if found else None

    def display_name(self, n: Name) -> Name | None:
        """The shortest name that denotes the constant `n` here, as Lean's `unresolveNameGlobal`: a suffix of an
        alias `export`ed for it first (`decide` for `Decidable.decide`, `max` for `Max.max`), else of `n` itself
        (`bar` for `Foo.bar` inside `namespace Foo` or under `open Foo`); None when only the full name does."""
        for alias in self.names.aliases_of(n):
            shown = self._shortest_suffix(alias, n, include_full=True)
            if shown is not None:
                return shown
        return self._shortest_suffix(n, n, include_full=False)

    def _shortest_suffix(self, name: Name, target: Name, include_full: bool) -> Name | None:
        comps = name.components()
        if comps[-1] in _ON_DEMAND or any(not isinstance(c, str) for c in comps):
            return None
        for k in range(len(comps) - 1, -1 if include_full else 0, -1):
            candidate = Name.from_components(comps[k:])
            try:
                if self.resolve_global(candidate, None) == target:
                    return candidate
            except ElabError:   # ambiguous there
                continue
        return None

    def _find_local(self, n: Name) -> FVar | None:
        for x in reversed(self.meta.lctx):
            if x.name is n:
                return x
        return None

    def _find_namespaced_local(self, comps: Sequence[Any]) -> FVar | None:
        """A declaration being defined is a local named by its full name (`List.All` in `inductive List.All`):
        inside namespace `List`, `All` names it too, as Lean resolves such auxiliary locals."""
        written = Name.from_components(comps)
        for ns in self._namespaces():
            x = self._find_local(_join(ns, written))
            if x is not None and self.names.reachable(x.name, written, False):
                return x
        return None

    def _const(self, name: Name, univs: Sequence[A.Level] | None, span: Any) -> tuple[Expr, Expr]:
        info = self.env.find(name)
        if info is None:
            raise ElabError(messages.unknown_constant(name), span)
        if univs is not None:
            if len(univs) > len(info.level_params):
                raise ElabError(f"too many explicit universe levels for '{name}'", span)
            lv = [self.elab_level(u) for u in univs]
            lv += [self.meta.new_level_mvar() for _ in info.level_params[len(lv):]]
        else:
            lv = [self.meta.new_level_mvar() for _ in info.level_params]
        return E.mk_const(name, lv), E.instantiate_level_params(info.type, info.level_params, lv)

    def _const_named(self, name: str, span: Any) -> tuple[Expr, Expr]:
        n = Name.of(name)
        if self.env.find(n) is None:
            raise ElabError(f"unknown constant '{n}' (this notation needs it)", span)
        return self._const(n, None, span)

    def _resolve_head(self, stx: A.Ident) -> tuple[Expr, Expr, list[str]]:
        """An identifier: a local or a constant, then the remaining components as field accesses."""
        comps = Name.of(stx.name).components()
        for k in range(len(comps), 0, -1):
            x = self._find_local(Name.from_components(comps[:k])) or self._find_namespaced_local(comps[:k])
            if x is not None:
                if stx.univs is not None:
                    raise ElabError("explicit universe levels on a local variable", stx.span)
                f, t = self._closed_over(x, x.type, self.closure_fvars.get(x), stx.span)
                return f, t, [str(c) for c in comps[k:]]
        for k in range(len(comps), 0, -1):
            try:
                c = self.resolve_global(Name.from_components(comps[:k]), stx.span)
            except AmbiguousName as amb:
                amb.fields = [str(c) for c in comps[k:]]
                raise
            if c is not None:
                f, t = self._const(c, stx.univs, stx.span)
                f, t = self._closed_over(f, t, self.closure_consts.get(c), stx.span)
                return f, t, [str(c) for c in comps[k:]]
        if self.auto_bound is not None and stx.univs is None and auto_bound_allowed(stx.name, self.auto_bound):
            raise AutoBoundName(stx.name, stx.span)
        root = str(comps[0])
        if (self.auto_bound is not None and stx.univs is None and len(comps) > 1
                and auto_bound_allowed(root, self.auto_bound)):
            raise AutoBoundName(root, stx.span)   # `t.val`: `t` is bound, `.val` is field notation on it
        note = refusal_note(stx.name, self.auto_bound) if self.in_header and stx.univs is None else None
        if note is not None:
            # as Lean's `exceptionToSorry`: logged, and the header goes on with a `sorry` in its place
            self.header_errors.append(ElabError(messages.unknown_identifier(stx.name) + note, stx.span))
            t = self.meta.new_type_mvar()
            return self._synthetic_sorry(t, stx.span), t, []
        raise ElabError(messages.unknown_identifier(stx.name), stx.span)

    def _closed_over(self, f: Expr, t: Expr, captured: Sequence[Any] | None, span: Any) -> tuple[Expr, Expr]:
        """`f` applied to the enclosing locals it closes over (an expression, or a name looked up in
        `closure_scope`), whatever their binder kinds."""
        if not captured:
            return f, t
        meta = self.meta
        for c in captured:
            w = t if t.kind == PI else meta.whnf(meta.instantiate_mvars(t))
            if w.kind != PI:
                raise ElabError("internal: an auxiliary definition takes fewer arguments than it closes over", span)
            v = c if not isinstance(c, str) else self.closure_scope.get(c)
            if v is None:
                v = meta.new_mvar(w.type)  # type: ignore[attr-defined]
            elif not meta.is_def_eq(meta.infer_type(v), w.type):  # type: ignore[attr-defined]
                raise ElabError(messages.application_type_mismatch(meta, self.pp, E.mk_app(f, v), v,
                                                                   meta.infer_type(v), w.type), span)  # type: ignore[attr-defined]
            f = E.mk_app(f, v)
            t = E.instantiate1(w.body, v)  # type: ignore[attr-defined]
        return f, t

    # ================================================================== levels
    def elab_level(self, stx: A.Level) -> Level:
        if isinstance(stx, A.LevelNum):
            return L.of_nat(stx.value)
        if isinstance(stx, A.LevelHole):
            return self.meta.new_level_mvar()
        if isinstance(stx, A.LevelName):
            if stx.name not in self.level_names:
                if not self.auto_bound_levels:
                    raise ElabError(f"unknown universe level `{stx.name}`", stx.span)
                self.level_names.append(stx.name)
            return L.param(Name.of(stx.name))
        if isinstance(stx, A.LevelAdd):
            return L.mk_succ_n(self.elab_level(stx.level), stx.offset)
        if isinstance(stx, (A.LevelMax, A.LevelIMax)):
            ls = [self.elab_level(a) for a in stx.args]
            r = ls[-1]
            for l in reversed(ls[:-1]):
                r = L.max_(l, r) if isinstance(stx, A.LevelMax) else L.imax(l, r)
            return r
        raise ElabError("unsupported universe level syntax", stx.span)

    # ================================================================== atoms
    def _e_ident(self, stx: A.Ident, expected: Expr | None) -> Expr:
        return self._elab_app(stx, (), expected, stx.span)

    def _e_sort(self, stx: A.Sort, expected: Expr | None) -> Expr:
        if stx.kind == "Prop":
            return E.PROP
        l = L.ZERO if stx.level is None else self.elab_level(stx.level)
        return E.mk_sort(L.succ(l) if stx.kind == "Type" else l)

    def _e_num(self, stx: A.NumLit, expected: Expr | None) -> Expr:
        lit = E.mk_nat_lit(stx.value)
        return self._class_literal("numerals", "OfNat", [lit], "OfNat.ofNat", [], expected, stx.span)

    def _e_raw_nat(self, stx: A.RawNatLit, expected: Expr | None) -> Expr:
        return E.mk_nat_lit(stx.value)

    def _e_sci(self, stx: A.SciLit, expected: Expr | None) -> Expr:
        """`2.5` is `OfScientific.ofScientific 25 true 1`, on raw literals (Lean's `elabScientificLit`)."""
        sign = E.mk_const(Name.of("Bool.true" if stx.exponent_sign else "Bool.false"))
        args = [E.mk_nat_lit(stx.mantissa), sign, E.mk_nat_lit(stx.exponent)]
        return self._class_literal("scientific literals", "OfScientific", [], "OfScientific.ofScientific", args,
                                   expected, stx.span)

    def _class_literal(self, what: str, cls: str, cls_args: list[Expr], method: str, method_args: list[Expr],
                       expected: Expr | None, span: Any) -> Expr:
        """`method α inst args` with `inst : cls α cls_args` an instance problem, α a type the expected type
        only suggests (a literal of another type is reported by the caller's check)."""
        meta = self.meta
        u = meta.new_level_mvar()
        alpha = meta.new_mvar(E.mk_sort(L.succ(u)))
        if expected is not None:
            meta.is_def_eq(alpha, expected)
        cls_name = Name.of(cls)
        if self.env.find(cls_name) is None:
            raise ElabError(f"{what} need '{cls}', which is not in the environment", span)
        inst = self._new_inst_mvar(E.mk_app_n(E.mk_const(cls_name, [u]), [alpha, *cls_args]), span)
        e = E.mk_app_n(E.mk_const(Name.of(method), [u]), [alpha, *cls_args, inst, *method_args])
        if self._synth_one(inst, span, False):
            self._drop_pending(inst)
        return e

    def _drop_pending(self, m: MVar) -> None:
        self.pending = [p for p in self.pending if p[0] is not m]

    def _e_str(self, stx: A.StrLit, expected: Expr | None) -> Expr:
        if self.env.find(Name.of("String")) is None:  # a literal's type must exist in the environment
            raise ElabError("unknown constant 'String'", stx.span)
        return E.mk_str_lit(stx.value)

    def _e_char(self, stx: A.CharLit, expected: Expr | None) -> Expr:
        f, _ = self._const_named("Char.ofNat", stx.span)
        return E.mk_app(f, E.mk_nat_lit(ord(stx.value)))

    def _e_hole(self, stx: A.Hole, expected: Expr | None) -> Expr:
        t = expected if expected is not None else self.meta.new_type_mvar()
        m = self.meta.new_mvar(t)
        self.origins[m.serial] = _Origin("hole", "_", stx.span, [])
        return m

    def _e_synth_hole(self, stx: A.SyntheticHole, expected: Expr | None) -> Expr:
        existing = self._named_hole(stx) if stx.name else None
        if existing is not None:
            return existing
        t = expected if expected is not None else self.meta.new_type_mvar()
        m = self.meta.new_mvar(t, SYNTHETIC_OPAQUE, stx.name)
        self.origins[m.serial] = _Origin("hole", stx.name or "_", stx.span, [])
        return m

    def _named_hole(self, stx: A.SyntheticHole) -> Expr | None:
        """`?x` where a metavariable named `x` exists (an earlier `?x`, or a goal whose case tag is `x`): that
        metavariable, or its value, as Lean's `elabSyntheticHole`."""
        meta = self.meta
        name = Name.of(stx.name)
        found = [d for d in meta.mctx.decls.values() if d.user_name == name]
        if not found:
            return None
        d = max(found, key=lambda d: d.mvar.serial)  # the latest of that name, as Lean's user-name table
        here = set(meta.lctx)
        if meta.is_assigned(d.mvar):
            val = meta.instantiate_mvars(d.mvar)
            if all(x in here for x in E.subterms(val) if x.kind == E.FVAR):
                return val
            raise ElabError(f"synthetic hole has already been defined and assigned to value incompatible with the "
                            f"current context\n  {self.pp(val)}", stx.span)
        if not all(x in here for x in d.lctx):
            raise ElabError("synthetic hole has already been defined with an incompatible local context", stx.span)
        return d.mvar

    def _e_sorry(self, stx: A.Sorry, expected: Expr | None) -> Expr:
        t = expected if expected is not None else self.meta.new_type_mvar()
        f, _ = self._const_named("sorryAx", stx.span)
        u = self.ensure_type(t, stx.span)
        self.uses_sorry = True
        false = E.mk_const(Name.of("Bool.false"))
        return E.mk_app_n(E.mk_const(f.name, [u]), [t, false])  # type: ignore[attr-defined]

    def _synthetic_sorry(self, t: Expr, span: Any) -> Expr:
        """`sorryAx t true`: stands for a term whose error was already reported."""
        f, _ = self._const_named("sorryAx", span)
        u = self.ensure_type(t, span)
        return E.mk_app_n(E.mk_const(f.name, [u]), [t, E.mk_const(Name.of("Bool.true"))])  # type: ignore[attr-defined]

    def _e_paren(self, stx: A.Paren, expected: Expr | None) -> Expr:
        return self._elab(stx.term, expected)

    def _e_unit(self, stx: A.Unit, expected: Expr | None) -> Expr:
        f, _ = self._const_named("Unit.unit", stx.span)
        return f

    def _e_tuple(self, stx: A.Tuple, expected: Expr | None) -> Expr:
        elems = list(stx.elems)
        body: A.Term = elems[-1]
        for a in reversed(elems[:-1]):
            body = _ConstApp(stx.span, "Prod.mk", (a, body))
        return self._elab(body, expected)

    def _e_ascription(self, stx: A.Ascription, expected: Expr | None) -> Expr:
        if stx.type is None:
            e = self._elab(stx.term, None)
            self.synthesize(False)
            return e
        t = self.elab_type(stx.type)
        return self.elab_term(stx.term, t)

    # ================================================================== applications
    def _e_app(self, stx: A.App, expected: Expr | None) -> Expr:
        return self._elab_app(stx.fn, stx.args, expected, stx.span)

    def _e_explicit(self, stx: A.Explicit, expected: Expr | None) -> Expr:
        return self._elab_app(stx, (), expected, stx.span)

    def _e_const_app(self, stx: _ConstApp, expected: Expr | None) -> Expr:
        f, t = self._const_named(stx.name, stx.span)
        return self._app_core(f, t, list(stx.args), {}, expected, False, stx.span)

    def _elab_app(self, fn: A.Node, args: Sequence[Any], expected: Expr | None, span: Any) -> Expr:
        explicit = False
        if isinstance(fn, A.Explicit):
            explicit = True
            fn = fn.term
        while isinstance(fn, A.Paren) and not explicit:
            fn = fn.term
        positional: list[Arg] = []
        named: dict[Any, Any] = {}
        ellipsis = False
        for a in args:
            if isinstance(a, A.NamedArg):
                if a.name in named:
                    raise ElabError(f"argument '{a.name}' was already set", a.span)
                named[a.name] = a.value
            elif isinstance(a, A.EllipsisArg):
                ellipsis = True
            else:
                positional.append(a)
        fields: list[Any] = []
        if isinstance(fn, A.Ident):
            try:
                f, ft, fields = self._resolve_head(fn)
            except AmbiguousName as amb:
                return self._elab_overloaded(fn, amb, positional, named, expected, explicit, span, ellipsis)
        elif isinstance(fn, A.Proj) and not explicit:
            f = self._elab(fn.term, None)
            ft = self.meta.infer_type(f)
            fields = [fn.field]
        else:
            if explicit:
                # `@t` for a `t` not an identifier (`@fun α x => …`): only turns off the implicit lambda, as
                # Lean's `elabExplicit`
                if not positional and not named and not ellipsis:
                    return self._elab(fn, expected)
                explicit = False
            f = self._elab(fn, None)
            ft = self.meta.infer_type(f)
        return self._app_with_head(f, ft, fields, positional, named, expected, explicit, span, ellipsis)

    def _app_with_head(self, f: Expr, ft: Expr, fields: list[Any], positional: list[Arg], named: dict[Any, Any],
                       expected: Expr | None, explicit: bool, span: Any, ellipsis: bool) -> Expr:
        """`f` (of type `ft`) followed by the field accesses `fields`, applied to the arguments."""
        if not fields:
            return self._app_core(f, ft, positional, named, expected, explicit, span, ellipsis=ellipsis)
        if ellipsis:
            raise ElabError("'..' arguments with field notation are not supported yet", span)
        if explicit:
            raise ElabError("'@' with field notation is not supported yet", span)
        f = self._app_core(f, ft, [], {}, None, False, span)   # complete the head (trailing implicits)
        for i, fld in enumerate(fields):
            last = i == len(fields) - 1
            f = inherited_field_receiver(self, f, fld, span)  # `b.x` for a field of a parent: `b.toA.x`
            g, gt, self_key = self._resolve_field(f, fld, span)
            nd: dict[Any, Any] = dict(named) if last else {}
            if self_key in nd:
                raise ElabError(f"invalid field notation, argument '{self_key}' was already given", span)
            nd[self_key] = _Pre(f)
            f = self._app_core(g, gt, positional if last else [], nd, expected if last else None, False, span)
        return f

    def _elab_overloaded(self, fn: A.Ident, amb: "AmbiguousName", positional: list[Arg], named: dict[Any, Any],
                         expected: Expr | None, explicit: bool, span: Any, ellipsis: bool) -> Expr:
        """An identifier that names several constants (through `open`s): as Lean, each interpretation is
        elaborated (against the expected type, when known) and the one that succeeds is kept; an error if none
        or more than one does."""
        def attempt(c: Name) -> Expr:
            f, ft = self._const(c, fn.univs, fn.span)
            e = self._app_with_head(f, ft, list(amb.fields), positional, named, expected, explicit, span,
                                    ellipsis)
            if expected is not None:
                e = elab_term_coerced(self, e, expected, span)
            return e

        successes: list[tuple[Name, str]] = []
        failures: list[ElabError] = []
        for c in amb.candidates:
            saved = self._save_elab_state()
            try:
                e = attempt(c)
                shown = f"{self.pp(e)} : {self.pp(self.meta.infer_type(e))}"
                self.synthesize(False)   # an interpretation whose instances cannot be found does not count
                successes.append((c, shown))
            except ElabError as exc:
                failures.append(exc)
            finally:
                self._restore_elab_state(saved)
        if len(successes) == 1:
            return attempt(successes[0][0])
        if successes:
            shown = "\n  \n  ".join(s for _, s in successes)
            raise ElabError(f"ambiguous, possible interpretations \n  {shown}", fn.span)
        parts = []
        for exc in failures:
            where = f"{exc.span.line}:{exc.span.col} " if getattr(exc, "span", None) is not None else ""
            parts.append(where + exc.message.replace("\n", "\n  "))
        raise ElabError("overloaded, errors \n  " + "\n  \n  ".join(parts), fn.span)

    def _save_elab_state(self) -> tuple:
        """Everything an attempt at elaborating a term may change, to undo it (`_restore_elab_state`)."""
        queues = {k: list(v) for k, v in self.__dict__.items() if k in _ELAB_QUEUES}
        return (self.meta.save(), list(self.pending), dict(self.origins), dict(self._failed), self.uses_sorry,
                queues, len(self.info.raw_terms), len(self.info.by_blocks))

    def _restore_elab_state(self, saved: tuple) -> None:
        st, pending, origins, failed, uses_sorry, queues, n_terms, n_by = saved
        self.meta.restore(st)
        self.pending, self.origins, self._failed, self.uses_sorry = pending, origins, failed, uses_sorry
        for k in _ELAB_QUEUES:
            if k in queues:
                self.__dict__[k] = queues[k]
            else:
                self.__dict__.pop(k, None)
        del self.info.raw_terms[n_terms:]
        del self.info.by_blocks[n_by:]

    def _resolve_field(self, e: Expr, fld: Union[str, int], span: Any) -> tuple[Expr, Expr, Any]:
        """`e.fld`: the function `C.fld` for the head `C` of `e`'s type and the binder that receives `e`."""
        meta = self.meta
        if self._unknown(meta.infer_type(e), whnf=True):
            # as Lean's `resolveLValLoop`: pending instances first, then default instances (`(4 + 1).succ`)
            self.synthesize(False)
            while self._unknown(meta.infer_type(e), whnf=True) and self.pending and self._apply_default():
                self.synthesize(False)
        t = meta.instantiate_mvars(meta.infer_type(e))
        tried: list[Expr] = [t]
        w = meta.whnf(t)
        if w is not t:
            tried.append(w)
        for ty in tried:
            h = E.get_app_fn(ty)
            if h.kind == PI or ty.kind == PI:
                cname = Name.of("Function")
            elif h.kind == CONST:
                cname = h.name  # type: ignore[attr-defined]
            else:
                continue
            if isinstance(fld, int):
                full = self._proj_fn(cname, fld, e, span)
                if full is None:
                    continue
            else:
                full = _join(cname, Name.of(fld))
                if self.env.find(full) is None and self._find_local(full) is None:
                    continue
            local = self._find_local(full)   # the function being defined, in its own body (recursion.py)
            if local is not None and self.env.find(full) is None:
                g, gt, ft = local, local.type, local.type
            else:
                g, gt = self._const(full, None, span)
                ft = self.env.find(full).type  # type: ignore[union-attr]
            k = 0
            while ft.kind == PI:
                if ft.bi in (BI_DEFAULT, INST_IMPLICIT):  # a class's `[self : C …]` takes the receiver too
                    hh = E.get_app_fn(ft.type)  # type: ignore[attr-defined]
                    if hh.kind == CONST and hh.name is cname:  # type: ignore[attr-defined]
                        return g, gt, k
                ft = ft.body  # type: ignore[attr-defined]
                k += 1
            raise ElabError(f"invalid field notation, function '{full}' does not have argument with type "
                            f"({cname} ...) that can be used, it must be explicit or implicit with a unique name",
                            span)
        head = E.get_app_fn(t)
        if head.kind == CONST and not isinstance(fld, int):
            shown_t = self.pp(t)
            of_type = f"of type `{shown_t}`" if "\n" not in shown_t else f"of type\n  {shown_t}"
            raise ElabError(f"Invalid field `{fld}`: The environment does not contain "
                            f"`{_join(head.name, Name.of(fld))}`, so it is not possible to project the field "  # type: ignore[attr-defined]
                            f"`{fld}` from an expression\n  {self.pp(e)}\n{of_type}", span)
        if may_postpone(self) and E.get_app_fn(meta.whnf(t)).kind == E.MVAR:
            raise Postpone()   # Lean waits for the type of the receiver
        if E.get_app_fn(tried[-1]).kind == E.FVAR:   # a type variable: no `C` to look in, whatever the prelude
            # (a receiver of type `Type` is often a namespace `Nat.f` missing from the prelude: no verdict then)
            shown_t = self.pp(t)
            of_type = f"`{shown_t}`" if "\n" not in shown_t else f"\n  {shown_t}\n"
            raise ElabError("Invalid field notation: Field projection operates on types of the form `C ...` where C "
                            f"is a constant. The expression\n  {self.pp(e)}\nhas type {of_type} which does not have "
                            "the necessary form.", span)
        if E.get_app_fn(meta.whnf(t)).kind == E.MVAR:   # nothing fixed the receiver's type
            raise ElabError(f"Invalid field notation: Type of\n  {self.pp(e)}\nis not known; cannot resolve field "
                            f"`{fld}`", span)
        raise ElabError(f"invalid field notation, type is not of the form (C ...) where C is a constant\n  "
                        f"{self.pp(e)}\nhas type\n  {self.pp(t)}", span)

    def _proj_fn(self, cname: Name, idx: int, e: Expr, span: Any) -> Name | None:
        info = self.env.find(cname)
        if not isinstance(info, InductiveInfo) or len(info.ctors) != 1:
            return None
        ctor = self.env.find(info.ctors[0])
        t = ctor.type  # type: ignore[union-attr]
        names = []
        i = 0
        while t.kind == PI:
            if i >= info.num_params:
                names.append(t.name)  # type: ignore[attr-defined]
            t = t.body  # type: ignore[attr-defined]
            i += 1
        if not 1 <= idx <= len(names):
            raise ElabError(f"invalid projection, structure has only {len(names)} field(s)\n  {self.pp(e)}", span)
        full = _join(cname, names[idx - 1])
        if self.env.find(full) is None and info.num_indices == 0:
            _check_prop_projection(self, info, idx, e, span)
        return full if self.env.find(full) is not None else None

    def _app_core(self, f: Expr, ftype: Expr, positional: list[Arg], named: dict[Any, Any],
                  expected: Expr | None, explicit: bool, span: Any, *, ellipsis: bool = False) -> Expr:
        """With `ellipsis` (`f a ..`), every explicit argument after the given ones is a `_`."""
        meta = self.meta
        positional = list(positional)
        named = dict(named)
        n_locals = len(meta.lctx)
        eta: list[FVar] = []   # arguments left out before named ones or `optParam`s: `fun x => f x …`
        try:
            return self._app_core_loop(f, ftype, positional, named, expected, explicit, span, ellipsis, eta)
        finally:
            meta.pop_locals(len(meta.lctx) - n_locals)

    def _app_core_loop(self, f: Expr, ftype: Expr, positional: list[Arg], named: dict[Any, Any],
                       expected: Expr | None, explicit: bool, span: Any, ellipsis: bool, eta: list[FVar]) -> Expr:
        meta = self.meta
        deferred: list[tuple[MVar, A.Node]] = []
        insts: list[MVar] = []
        app_cell: list = []
        propagate = expected is not None
        e, t = f, ftype
        k = 0
        while True:
            meta.gas.charge()
            if t.kind != PI:
                if not positional and not named:
                    t2 = meta.whnf_core(t) if t.kind == MVAR else t
                    if ellipsis and t2.kind != PI:
                        t2 = meta.whnf(meta.instantiate_mvars(t2))
                    if t2.kind != PI:
                        break
                    t = t2
                else:
                    t = meta.whnf(meta.instantiate_mvars(t))
                    to_fn = coerce_to_function(self, e, t) if t.kind != PI and positional else None
                    if to_fn is not None:  # `CoeFun`
                        e, t = to_fn
                    elif t.kind != PI:
                        if named and not positional:
                            n = next(iter(named))
                            raise ElabError(f"invalid argument name '{n}' for function '{self.pp(f)}'", span)
                        first = positional[0] if positional else None
                        raise ElabError(messages.function_expected(
                            self.pp, e, t, self.pp(first.expr) if isinstance(first, _Pre) else None), span)
            bi = t.bi  # type: ignore[attr-defined]
            bname = str(t.name)  # type: ignore[attr-defined]
            dom = t.type  # type: ignore[attr-defined]
            key = k if k in named else (bname if bname in named else None)
            if key is not None and isinstance(named[key], _Omitted):
                named.pop(key)
                if bi == INST_IMPLICIT:
                    val = self._new_inst_mvar(dom, span)
                    insts.append(val)
                else:
                    val = meta.new_mvar(dom)
                    self.origins[val.serial] = _Origin("implicit", bname, span, app_cell)
            elif key is not None:
                val = self._elab_arg(named.pop(key), dom, e, deferred)
            elif (explicit or bi == BI_DEFAULT) and not positional and ellipsis:
                val = meta.new_mvar(dom)
                self.origins[val.serial] = _Origin("hole", "_", span, [])
            elif explicit or bi == BI_DEFAULT:
                if not positional:
                    # Lean's `processExplicitArg` with no argument left: an `optParam`'s default value; an
                    # eta-expanded argument when named arguments or `optParam`s follow; else the end
                    default = None if explicit else _opt_param_default(dom)
                    if default is not None:
                        val = default
                    elif named and _named_depend_on(t, named):
                        val = meta.new_mvar(dom)
                        self.origins[val.serial] = _Origin("implicit", bname, span, app_cell)
                    elif named or (not explicit and _has_opt_params(t.body)):  # type: ignore[attr-defined]
                        if _is_auto_param(dom):
                            raise ElabError("arguments with tactic default values (autoParam) are not "
                                            "supported yet", span)
                        val = meta.push_local(t.name, dom, BI_DEFAULT)  # type: ignore[attr-defined]
                        eta.append(val)
                    else:
                        break
                    e = E.mk_app(e, val)
                    t = E.instantiate1(t.body, val)  # type: ignore[attr-defined]
                    k += 1
                    continue
                if propagate:
                    propagate = not self._propagate(t, len(positional), named, explicit, expected, k)
                if bi == INST_IMPLICIT and isinstance(positional[0], A.Hole):  # `@f _`: still synthesized
                    positional.pop(0)
                    val = self._new_inst_mvar(dom, span)
                    insts.append(val)
                else:
                    val = self._elab_arg(positional.pop(0), dom, e, deferred)
            elif bi == INST_IMPLICIT:
                val = self._new_inst_mvar(dom, span)
                insts.append(val)
            else:  # implicit, or strict implicit when arguments follow
                if bi == STRICT_IMPLICIT and not positional and not named:
                    break
                val = meta.new_mvar(dom)
                self.origins[val.serial] = _Origin("implicit", bname, span, app_cell)
            e = E.mk_app(e, val)
            t = E.instantiate1(t.body, val)  # type: ignore[attr-defined]
            k += 1
        app_cell.append(e)
        for m, a in deferred:
            v = self.elab_term(a, meta.instantiate_mvars(meta.decl(m).type))
            if not meta.is_def_eq(m, v):
                raise ElabError("internal: postponed argument could not be assigned", a.span)
        for m in insts:
            if self._synth_one(m, span, False):
                self._drop_pending(m)
        if eta:
            e = meta.mk_lambda_fvars(eta, e)
        return e

    def _propagate(self, t: Expr, n: int, named: dict[Any, Any], explicit: bool, expected: Expr,
                   position: int = 0) -> bool:
        """Lean's `propagateExpectedType`: unify the result type after the remaining explicit arguments
        with the expected type, when it does not depend on them. True when it succeeded. `position` is the
        index of `t`'s first binder (a field-notation receiver is named by its index)."""
        names = {k for k in named if isinstance(k, str)}
        positions = {k for k in named if isinstance(k, int) and k >= position}
        while t.kind == PI:
            nm = str(t.name)  # type: ignore[attr-defined]
            if position in positions:
                positions.discard(position)
            elif nm in names:
                names.discard(nm)
            elif not explicit and t.bi != BI_DEFAULT:  # type: ignore[attr-defined]
                pass
            elif n > 0:
                n -= 1
            else:
                break
            t = t.body  # type: ignore[attr-defined]
            position += 1
        if n > 0 or names or positions or t.lbr > 0:
            return False
        return self.meta.is_def_eq(self.meta.instantiate_mvars(expected), t)

    def _elab_arg(self, a: Arg, dom: Expr, f: Expr, deferred: list) -> Expr:
        meta = self.meta
        if isinstance(a, _Pre):
            val = a.expr
            span = a.span
        else:
            span = a.span
            if (_needs_expected(a) and (self._unknown(dom, whnf=True) or _matches_unknown_type(self, a, dom))
                    or waits_for_binder_type(self, a, dom)):
                m = meta.new_mvar(dom)
                deferred.append((m, a))
                return m
            val = implicit_lambda(self, a, dom)
            if val is None:
                val = self._elab(a, dom)
        vt = meta.infer_type(val)
        if not meta.is_def_eq(vt, dom):
            coerced = coerce(self, val, vt, dom)
            if coerced is not None:
                return coerced
            err = ElabError(messages.application_type_mismatch(meta, self.pp, E.mk_app(f, val), val, vt, dom), span)
            later = postpone_coercion(self, val, vt, dom, err)
            if later is not None:
                return later
            raise err
        return val

    def _unknown(self, t: Expr, whnf: bool = False) -> bool:
        t = self.meta.instantiate_mvars(t)
        if whnf:
            t = self.meta.whnf_r(t)
        return E.get_app_fn(t).kind == MVAR

    def mk_app_m(self, name: str, args: Sequence[Expr], span: Any, arg_spans: Sequence[Any] = ()) -> Expr:
        """`name` applied to the already elaborated explicit `args` (implicit and instance arguments
        inserted); a mismatch in `args[i]` is reported at `arg_spans[i]` when given."""
        f, t = self._const_named(name, span)
        spans = list(arg_spans) + [None] * (len(args) - len(arg_spans))
        return self._app_core(f, t, [_Pre(a, s) for a, s in zip(args, spans)], {}, None, False, span)

    # ================================================================== operators
    def _e_binop(self, stx: A.BinOp, expected: Expr | None) -> Expr:
        op = stx.op
        if op in _PLAIN:
            return self._e_const_app(_ConstApp(stx.span, _PLAIN[op], (stx.lhs, stx.rhs)), expected)
        if op in BINOP or op in BINREL or op in RIGHTACT:
            return elab_op(self, stx, expected)
        if op == "▸":
            from .subst_notation import elab_subst
            return elab_subst(self, stx, expected)
        if op in ("∈", "∉"):   # `x ∈ s` is `Membership.mem s x` (the collection first, as Lean 4), `x ∉ s` its negation
            mem = _ConstApp(stx.span, "Membership.mem", (stx.rhs, stx.lhs))
            return self._e_const_app(mem if op == "∈" else _ConstApp(stx.span, "Not", (mem,)), expected)
        raise ElabError(f"the operator '{op}' is not supported yet", stx.span)

    def _e_unop(self, stx: A.UnOp, expected: Expr | None) -> Expr:
        if stx.op == "-":
            return elab_op(self, stx, expected)
        fn = _PREFIX.get(stx.op)
        if fn is None:
            raise ElabError(f"the operator '{stx.op}' is not supported yet", stx.span)
        return self._e_const_app(_ConstApp(stx.span, fn, (stx.arg,)), expected)

    # ================================================================== binders
    def _binder_names(self, b: A.Binder) -> list[tuple[Name, Any]]:
        out = []
        if not b.names:
            out.append((hygienic("inst" if b.kind == "inst" else "x"), b.span))
        for n in b.names:
            if isinstance(n, A.Ident):
                out.append((Name.of(n.name), n.span))
            elif isinstance(n, A.Hole):
                out.append((hygienic("x"), n.span))
            else:
                raise ElabError("this binder form is not supported yet", n.span)
        return out

    def elab_binders(self, binders: Sequence[A.Binder]) -> list[FVar]:
        """Push the locals of binder groups (types required or inferred from `_`); the caller pops them."""
        xs: list[FVar] = []
        for b in binders:
            if not isinstance(b, A.Binder):
                raise ElabError("pattern binders are not supported yet", b.span)
            if b.pred is not None:
                raise ElabError("binders with predicates are not supported yet", b.span)
            if b.default is not None and isinstance(b.default, A.By):
                raise ElabError("binders with tactic default values (autoParam) are not supported yet", b.span)
            bi = _BI.get(b.kind, BI_DEFAULT)
            for name, span in self._binder_names(b):
                if b.default is not None:   # `(x : T := v)`: the type `optParam T v`
                    t = self._opt_param_type(b.type, b.default)
                elif b.type is not None:
                    t = self.elab_type(b.type)
                else:
                    t = self.meta.new_type_mvar()
                    self.origins[t.serial] = _Origin("simple binder" if b.kind == "simple" else "binder",
                                                     str(name), span, [])
                if bi == INST_IMPLICIT:
                    self._register_class(t)
                    if self.table is not None and self.table.declared_classes_only and \
                            class_of(self.meta, self.table, t) is None:
                        raise ElabError(f"invalid binder annotation, type is not a class instance\n  {self.pp(t)}"
                                        "\n\nNote: Use the command `set_option checkBinderAnnotations false` to "
                                        "disable the check", b.span)
                xs.append(self.meta.push_local(name, t, bi))
        return xs

    def _opt_param_type(self, type_stx: A.Term | None, default: A.Term) -> Expr:
        """`optParam T v` for a binder `(x : T := v)` (`T` is the type of `v` when not written)."""
        if type_stx is not None:
            t = self.elab_type(type_stx)
            v = self.elab_term(default, t)
        else:
            v = self.elab(default, None)
            self.synthesize(False)
            t = self.meta.instantiate_mvars(self.meta.infer_type(v))
        u = self.ensure_type(t, default.span)
        return E.mk_app_n(E.mk_const(_OPT_PARAM, [u]), [t, v])

    def _e_pi(self, stx: A.Pi, expected: Expr | None) -> Expr:
        if any(b.pred is not None for b in stx.binders if isinstance(b, A.Binder)):
            return self._elab(_expand_binder_preds(stx.binders, stx.body, stx.span, "∀"), expected)
        n = len(self.meta.lctx)
        try:
            xs = self.elab_binders(stx.binders)
            body = self.elab_type(stx.body)
            self.synthesize(False)
            return self.meta.mk_pi_fvars(xs, body)
        finally:
            self.meta.pop_locals(len(self.meta.lctx) - n)

    def _e_arrow(self, stx: A.Arrow, expected: Expr | None) -> Expr:
        dom = self.elab_type(stx.dom)
        cod = self.elab_type(stx.cod)
        return E.mk_pi(hygienic("a"), dom, cod)

    def _e_lam(self, stx: A.Lam, expected: Expr | None) -> Expr:
        meta = self.meta
        n = len(meta.lctx)
        exp = expected
        xs: list[FVar] = []
        named: list[tuple[Name, Any]] = []
        try:
            for b in stx.binders:
                if not isinstance(b, A.Binder):
                    raise ElabError("pattern matching in 'fun' is not supported yet", b.span)
                if b.default is not None or b.pred is not None:
                    raise ElabError("binders with default values or predicates are not supported yet", b.span)
                bi = _BI.get(b.kind, BI_DEFAULT)
                for name, span in self._binder_names(b):
                    ept = None
                    if exp is not None:
                        w = meta.whnf(meta.instantiate_mvars(exp))
                        ept = w if w.kind == PI else None
                    if b.type is not None:
                        t = self.elab_type(b.type)
                        if ept is not None and not meta.is_def_eq(t, ept.type):  # type: ignore[attr-defined]
                            ept = None
                    elif ept is not None:
                        t = ept.type  # type: ignore[attr-defined]
                    else:
                        t = meta.new_type_mvar()
                    if bi == INST_IMPLICIT:
                        self._register_class(t)
                    x = meta.push_local(name, t, bi)
                    xs.append(x)
                    named.append((name, span))
                    exp = E.instantiate1(ept.body, x) if ept is not None else None  # type: ignore[attr-defined]
            body = self.elab_term(stx.body, exp) if exp is not None else self._elab(stx.body, None)
            self.synthesize(False)
            for x, (name, span) in zip(xs, named):
                self.note_binder(span, name, x, body, stx.body, "fun")
            return meta.mk_lambda_fvars(xs, body)
        finally:
            meta.pop_locals(len(meta.lctx) - n)

    def note_binder(self, span: Any, name: Name, x: FVar, scope: Expr, scope_stx: Any, kind: str) -> None:
        """Record a local the user named, with the term and syntax it scopes over (see `local_binders`)."""
        if self.quiet_binders or name.is_anonymous() or has_macro_scopes(name) or str(name).startswith("_"):
            return
        self.local_binders.append((span, name, x, scope, scope_stx, kind))

    def _e_binder_notation(self, stx: A.BinderNotation, expected: Expr | None) -> Expr:
        head = _BINDER_NOTATIONS.get(stx.kind)   # `∃ x y, p` is `Exists fun x => Exists fun y => p`
        if head is None:
            raise ElabError(f"'{stx.kind}' binder notation is not supported yet", stx.span)
        if stx.kind == "∃" and any(b.pred is not None for b in stx.binders):
            return self._elab(_expand_binder_preds(stx.binders, stx.body, stx.span, "∃"), expected)
        singles: list[A.Binder] = []
        for b in stx.binders:
            if b.pred is not None or b.default is not None:
                raise ElabError("binder predicates are not supported yet", b.span)
            for n in b.names:
                singles.append(A.Binder(b.span, "simple" if b.kind == "simple" else "explicit", (n,), b.type))
        body: A.Term = stx.body
        for b in reversed(singles):
            body = _ConstApp(stx.span, head, (A.Lam(stx.span, (b,), body),))
        self.quiet_binders += 1
        try:
            return self._elab(body, expected)
        finally:
            self.quiet_binders -= 1

    # ================================================================== let / have / show
    def _let_decl(self, d: A.LetDecl, span: Any) -> tuple[Name, Expr, Expr]:
        if d.alts:
            raise ElabError("'let' with pattern alternatives is not supported yet", span)
        if d.pattern is None:
            name = Name.of("this")
        elif isinstance(d.pattern, A.Ident):
            name = Name.of(d.pattern.name)
        elif isinstance(d.pattern, A.Hole):
            name = hygienic("x")
        else:
            raise ElabError("pattern 'let'/'have' is not supported yet", d.pattern.span)
        if d.value is None:
            raise ElabError("'have' without a value is not supported yet", span)
        meta = self.meta
        n = len(meta.lctx)
        try:
            xs = self.elab_binders(d.binders)  # type: ignore[arg-type]
            t = self.elab_type(d.type) if d.type is not None else meta.new_type_mvar()
            v = self.elab_term(d.value, t)
            self.synthesize(False)
            return name, meta.mk_pi_fvars(xs, t), meta.mk_lambda_fvars(xs, v)
        finally:
            meta.pop_locals(len(meta.lctx) - n)

    def _e_let(self, stx: Union[A.Let, A.Have], expected: Expr | None) -> Expr:
        meta = self.meta
        name, t, v = self._let_decl(stx.decl, stx.span)
        is_let = isinstance(stx, A.Let)
        with meta.with_local(name, t, value=v if is_let else None) as x:
            body = self.elab_term(stx.body, expected) if expected is not None else self._elab(stx.body, None)
            self.synthesize(False)
            if isinstance(stx.decl.pattern, A.Ident):
                self.note_binder(stx.decl.pattern.span, name, x, body, stx.body, "let")
            lam = meta.mk_lambda_fvars([x], body)
        if is_let:
            return lam
        return E.mk_let(name, meta.instantiate_mvars(t), meta.instantiate_mvars(v), lam.body, nondep=True)  # type: ignore[attr-defined]

    def _e_show(self, stx: A.Show, expected: Expr | None) -> Expr:
        t = self.elab_type(stx.type)
        if stx.value is None:
            raise ElabError("'show' without 'from' is not supported yet", stx.span)
        v = self.elab_term(stx.value, t)
        return E.mk_let(Name.of("this"), t, v, E.mk_bvar(0), nondep=True)

    # ================================================================== anonymous constructor
    def _e_anon_ctor(self, stx: A.AnonCtor, expected: Expr | None) -> Expr:
        meta = self.meta
        if expected is None or self._unknown(expected, whnf=True):
            raise ElabError("invalid constructor ⟨...⟩, expected type must be known", stx.span)
        t = meta.whnf(meta.instantiate_mvars(expected))
        h = E.get_app_fn(t)
        info = self.env.find(h.name) if h.kind == CONST else None  # type: ignore[attr-defined]
        if not isinstance(info, InductiveInfo):
            raise ElabError(f"invalid constructor ⟨...⟩, expected type must be an inductive type \n  {self.pp(t)}",
                            stx.span)
        if len(info.ctors) != 1:
            raise ElabError("invalid constructor ⟨...⟩, expected type must be an inductive type with only one "
                            f"constructor \n  {self.pp(t)}", stx.span)
        ctor = self.env.find(info.ctors[0])
        ct = ctor.type  # type: ignore[union-attr]
        nfields = 0
        i = 0
        while ct.kind == PI:
            if i >= info.num_params and ct.bi == BI_DEFAULT:  # type: ignore[attr-defined]
                nfields += 1
            ct = ct.body  # type: ignore[attr-defined]
            i += 1
        elems = list(stx.elems)
        if len(elems) < nfields:
            raise ElabError(f"invalid constructor ⟨...⟩, insufficient number of arguments, constructs "
                            f"'{info.ctors[0]}' has #{nfields} explicit fields, but only #{len(elems)} provided",
                            stx.span)
        if len(elems) > nfields:
            if nfields == 0:
                raise ElabError(f"invalid constructor ⟨...⟩, too many arguments, '{info.ctors[0]}' has no "
                                "explicit fields", stx.span)
            rest = elems[nfields - 1:]
            elems = elems[:nfields - 1] + [A.AnonCtor(rest[0].span.to(rest[-1].span), tuple(rest))]
        f, ft = self._const(info.ctors[0], None, stx.span)
        return self._app_core(f, ft, elems, {}, expected, False, stx.span)

    def _e_proj(self, stx: A.Proj, expected: Expr | None) -> Expr:
        return self._elab_app(stx, (), expected, stx.span)


def _check_prop_projection(te: TermElaborator, info: InductiveInfo, idx: int, e: Expr, span: Any) -> None:
    """`h.1` of a proof `h` of a structure-like proposition (`∃ x, p x`): a field that is not a proof cannot be
    projected out of a proof (large elimination), as Lean reports."""
    meta = te.meta
    ty = meta.instantiate_mvars(meta.infer_type(e))
    if not meta.is_prop(ty):
        return
    head, args = E.get_app_fn_args(meta.whnf(ty))
    if head.kind != CONST or len(args) != info.num_params:
        return
    ctor = te.env.find(info.ctors[0])
    field_ty = E.instantiate_level_params(ctor.type, ctor.level_params, head.levels)  # type: ignore[union-attr,attr-defined]
    for a in args:
        field_ty = E.instantiate1(field_ty.body, a)  # type: ignore[attr-defined]
    for j in range(idx - 1):
        field_ty = E.instantiate1(field_ty.body, E.mk_proj(info.name, j, e))  # type: ignore[attr-defined]
    field_ty = field_ty.type  # type: ignore[attr-defined]
    if not meta.is_prop(field_ty):
        raise ElabError(f"Invalid projection: Cannot project a value of non-propositional type\n  {te.pp(field_ty)}\n"
                        f"from the expression\n  {te.pp(e)}\nwhich has propositional type\n  {te.pp(ty)}", span)


def _join(prefix: Name, n: Name) -> Name:
    r = prefix
    for c in n.components():
        r = r.append(c)
    return r


def _needs_expected(a: A.Node) -> bool:
    while isinstance(a, A.Paren):
        a = a.term
    if isinstance(a, (A.AnonCtor, A.LamAlts)):
        return True
    if isinstance(a, A.Lam):  # untyped binders, or patterns (`fun ⟨a, b⟩ => …`)
        return any(not isinstance(b, A.Binder) or b.type is None for b in a.binders)
    return False


def _matches_unknown_type(te: "TermElaborator", a: A.Node, dom: Expr) -> bool:
    """A pattern-matching `fun` whose argument type is not known yet waits for the other arguments."""
    while isinstance(a, A.Paren):
        a = a.term
    if not (isinstance(a, A.LamAlts) or (isinstance(a, A.Lam) and any(not isinstance(b, A.Binder) for b in a.binders))):
        return False
    w = te.meta.whnf(te.meta.instantiate_mvars(dom))
    return w.kind == PI and te._unknown(w.type, whnf=True)  # type: ignore[attr-defined]


_NAMES = {
    A.By: "tactic blocks ('by')", A.Match: "'match'", A.If: "'if … then … else'", A.Do: "'do' notation",
    A.StructInst: "structure instances '{ … }'", A.ListLit: "list literals", A.ArrayLit: "array literals",
    A.SetLit: "set-builder notation", A.Subtype: "subtype notation", A.Calc: "'calc'", A.LamAlts: "'fun' with "
    "alternatives", A.Index: "index notation", A.Suffices: "'suffices'", A.Cdot: "'·' placeholders",
    A.InterpStr: "interpolated strings", A.NameLit: "name literals",
    A.DotIdent: "'.ctor' notation", A.Nomatch: "'nomatch'", A.Nofun: "'nofun'", A.Assumption: "‹…› notation",
    A.NotationApp: "user notations", A.DoNested: "'(← …)'",
}


def _describe(stx: A.Node) -> str:
    return _NAMES.get(type(stx), f"the syntax '{type(stx).__name__}'")


_DISPATCH: dict[type, Any] = {
    A.Ident: TermElaborator._e_ident,
    A.Sort: TermElaborator._e_sort,
    A.NumLit: TermElaborator._e_num,
    A.RawNatLit: TermElaborator._e_raw_nat,
    A.SciLit: TermElaborator._e_sci,
    A.StrLit: TermElaborator._e_str,
    A.CharLit: TermElaborator._e_char,
    A.Hole: TermElaborator._e_hole,
    A.SyntheticHole: TermElaborator._e_synth_hole,
    A.Sorry: TermElaborator._e_sorry,
    A.Paren: TermElaborator._e_paren,
    A.Unit: TermElaborator._e_unit,
    A.Tuple: TermElaborator._e_tuple,
    A.Ascription: TermElaborator._e_ascription,
    A.App: TermElaborator._e_app,
    A.Explicit: TermElaborator._e_explicit,
    _ConstApp: TermElaborator._e_const_app,
    A.BinOp: TermElaborator._e_binop,
    A.UnOp: TermElaborator._e_unop,
    A.Pi: TermElaborator._e_pi,
    A.Arrow: TermElaborator._e_arrow,
    A.Lam: TermElaborator._e_lam,
    A.BinderNotation: TermElaborator._e_binder_notation,
    A.Let: TermElaborator._e_let,
    A.Have: TermElaborator._e_let,
    A.Show: TermElaborator._e_show,
    A.AnonCtor: TermElaborator._e_anon_ctor,
    A.Proj: TermElaborator._e_proj,
}


def _e_by(te: TermElaborator, stx: A.By, expected: Expr | None) -> Expr:
    from ..tactic.by import elab_by  # proof mode (imported on first use: it builds on this module)
    return elab_by(te, stx, expected)


_DISPATCH[A.By] = _e_by


from .match import register as _register_match  # noqa: E402 - match, if, `fun` alternatives, nomatch, nofun
_register_match(_DISPATCH)

from .sugar import implicit_lambda, inherited_field_receiver  # noqa: E402 - term notations (lists, structure instances, calc, …) register their handlers
from .coercion import coerce, coerce_to_function, elab_term_coerced, sort_or_coerced  # noqa: E402 - `↑` and inserted coercions
from . import interp_str  # noqa: E402,F401 - s!"…" registers its handler
from . import index  # noqa: E402,F401 - xs[i], xs[i]?, xs[i]! register their handler
from . import do_notation  # noqa: E402,F401 - `do` registers its handler
from .postpone import (  # noqa: E402 - `fun x => x.f` waits for the type of x
    POSTPONED_TERMS, Postpone, is_resuming, may_postpone, postpone_coercion, postpone_term, resume_postponed,
    waits_for_binder_type)
