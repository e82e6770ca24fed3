"""The elaborator's mutable state between commands, as one value: captured after a command, put back to
roll back, and turned into snapshot data and back.

What it covers (the one list of it; a new piece of state between commands belongs here):
- the command elaborator: scopes (namespaces, sections, opens, universes, `variable`s, options),
  declarations using `sorry`, reducible constants, declared namespaces;
- the instance table: classes, instances by class, default instances, instance names, open scopes, the
  registration serial, whether only declared classes count, the resolution cache, and the `@[simp]` set;
- the counter behind fresh inaccessible names (so names do not depend on what was checked before);
- the environment beyond its constants: `quot_initialized` and the verified literal operations.

The resolution cache is part of the state because its hits are observable (metavariable numbers in
messages, gas used). In snapshot data it keeps only entries that a later command can hit: goals asked with
no local instances and closed answers (`_cache_entry_ok` lists the key shapes `elab.instances` makes).
Entries mentioning free variables are keyed by local objects no later command can see again, so dropping
them changes nothing.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..kernel.environment import Environment
from ..kernel.expr import HAS_FVAR, HAS_MVAR, Expr
from ..kernel.name import Name
from ..kernel.level import Level
from ..snapshot import SnapshotError, TypeMemo, check_type
from ..syntax import ast as A
from ..syntax.errors import Diagnostic, Span
from .command import CommandElaborator, Scope
from .fun_induct import Equations
from .instances import ClassInfo, InstanceEntry, InstanceTable
from .term import hygiene_counter, set_hygiene_counter

__all__ = ["ElabState", "capture", "apply", "StateCodec", "RECORDS"]


@dataclass(slots=True, frozen=True)
class ElabState:
    scopes: tuple[Scope, ...]
    sorry_decls: frozenset[Name]
    reducible: frozenset[Name]
    user_namespaces: frozenset[Name]
    classes: dict[Name, ClassInfo]
    by_class: dict[Name, tuple[InstanceEntry, ...]]
    defaults: dict[Name, tuple[InstanceEntry, ...]]
    inst_names: frozenset[Name]
    open_scopes: frozenset[Name]
    order: int
    declared_classes_only: bool
    quot_initialized: bool
    literal_checks: dict[Name, bool]
    inst_cache: dict
    simp_lemmas: tuple[Name, ...]
    hygiene: int
    noncomputable: frozenset[Name]
    irreducible: frozenset[Name]
    tactic_macros: tuple[tuple[str, tuple[A.TacticSeq, ...]], ...]
    fun_equations: tuple[tuple[Name, A.Decl, Scope], ...]   # for `fun_induction` (see `fun_induct`)
    # instance answers found by commands run from this state, in memory only (`InstanceTable.share_answers`)
    answers: dict = dataclasses.field(default_factory=dict, compare=False, repr=False,
                                      metadata={"transient": True})


_FIELDS = tuple(f.name for f in dataclasses.fields(ElabState) if not f.metadata.get("transient"))


def capture(ce: CommandElaborator, table: InstanceTable, env: Environment,
            previous: ElabState | None = None) -> ElabState:
    """The state now. Fields equal to `previous`'s reuse its objects, so consecutive states share memory
    (and a snapshot stores a shared field once)."""
    fresh = ElabState(
        tuple(ce.scopes), frozenset(ce.sorry_decls), frozenset(ce.reducible), frozenset(ce.user_namespaces),
        dict(table.classes), {k: tuple(v) for k, v in table._by_class.items()},  # noqa: SLF001
        {k: tuple(v) for k, v in table._defaults.items()}, frozenset(table.names),  # noqa: SLF001
        frozenset(table.open_scopes), table._order, table.declared_classes_only,  # noqa: SLF001
        env.quot_initialized, dict(env.literal_checks), dict(table.cache), tuple(table.simp_lemmas),
        hygiene_counter(), frozenset(ce.noncomputable), frozenset(ce.irreducible),
        tuple(sorted(ce.tactic_macros.items())),
        tuple(sorted(((n, e.cmd, e.scope) for n, e in ce.fun_equations.items()), key=lambda x: str(x[0]))))
    if previous is not None:
        shared = {}
        for f in _FIELDS:
            old, new = getattr(previous, f), getattr(fresh, f)
            shared[f] = old if old == new else new
        fresh = ElabState(**shared)
    table.share_answers(fresh.answers)
    return fresh


def apply(s: ElabState, ce: CommandElaborator | None, table: InstanceTable, env: Environment) -> None:
    """Put the state `s` back (constants are the caller's business)."""
    if ce is not None:
        ce.scopes = list(s.scopes)
        ce.sorry_decls = set(s.sorry_decls)
        ce.reducible = set(s.reducible)
        ce.user_namespaces = set(s.user_namespaces)
        ce.noncomputable = set(s.noncomputable)
        ce.irreducible = set(s.irreducible)
        ce.tactic_macros = dict(s.tactic_macros)
        ce.fun_equations = {n: Equations(cmd, scope) for n, cmd, scope in s.fun_equations}
        ce.messages = []
    table.classes = dict(s.classes)
    table._by_class = {k: list(v) for k, v in s.by_class.items()}  # noqa: SLF001
    table._defaults = {k: list(v) for k, v in s.defaults.items()}  # noqa: SLF001
    table.names = set(s.inst_names)
    table.open_scopes = set(s.open_scopes)
    table._order = s.order  # noqa: SLF001
    table.declared_classes_only = s.declared_classes_only
    table.version += 1      # forward only: nothing keyed by an older version is trusted
    table.cache = dict(s.inst_cache)
    table.share_answers(s.answers)
    table.nesting = 0
    table._meta = None      # noqa: SLF001 - its caches may mention removed constants
    table.simp_lemmas = list(s.simp_lemmas)
    env.quot_initialized = s.quot_initialized
    env.literal_checks = dict(s.literal_checks)
    env.verifying_literals = set()
    set_hygiene_counter(s.hygiene)


# ---------------------------------------------------------------------------------------- snapshot data

def _records() -> dict[str, type]:
    out: dict[str, type] = {}
    for v in vars(A).values():
        if isinstance(v, type) and dataclasses.is_dataclass(v) and issubclass(v, A.Node):
            out[v.__name__] = v
    for cls in (Span, Diagnostic, Scope, ClassInfo, InstanceEntry):
        out[cls.__name__] = cls
    return out


RECORDS: dict[str, type] = _records()   # the classes a session snapshot may rebuild, by name


def _sorted(names: frozenset) -> tuple:
    return tuple(sorted(names, key=str))


def _closed(e: Expr | None) -> bool:
    return e is None or not (e.flags & (HAS_FVAR | HAS_MVAR))


_EXPR_SEQ = tuple[Expr, ...]
_CACHE_KEY_SHAPES = (
    tuple[Expr, tuple[()]],                                            # a goal without mvars
    tuple[Name, tuple[Level, ...], tuple[Expr | None, ...], tuple[()]],  # mvars only in out-params
    tuple[str, Expr, _EXPR_SEQ, tuple[()]],                            # ("stuck", goal, mvar types)
)


def _cache_entry_ok(key: Any, value: Any) -> bool:
    """A resolution-cache entry a later command can hit, in one of the key shapes `elab.instances`
    makes, with closed terms only (bounded depth: never a hostile nest of tuples)."""
    if not _closed(value) or not isinstance(key, tuple):
        return False
    if not any(_has_shape(key, shape) for shape in _CACHE_KEY_SHAPES):
        return False
    if isinstance(key[0], str) and key[0] != "stuck":
        return False
    return all(_closed(x) for part in key for x in (part if isinstance(part, tuple) else (part,))
               if isinstance(x, Expr))


def _has_shape(value: Any, shape: Any) -> bool:
    try:
        check_type(value, shape, "instance cache key")
    except SnapshotError:
        return False
    return True


def _cache_from_data(entries: tuple) -> dict:
    out = {}
    for k, v in entries:
        if not _cache_entry_ok(k, v):
            raise SnapshotError("elaborator state: malformed instance cache entry")
        out[k] = v
    return out


class StateCodec:
    """`ElabState` <-> snapshot data. One codec per snapshot: it remembers the fields it converted, so the
    same field object (shared between consecutive states by `capture`) becomes one shared data value."""

    def __init__(self, types: TypeMemo | None = None) -> None:
        self.types = types if types is not None else TypeMemo()   # shared with the blob's decoding
        self._out: dict[tuple[str, int], Any] = {}
        self._in: dict[tuple[str, int], Any] = {}
        self._keep: list[Any] = []

    def _memo(self, table: dict[tuple[str, int], Any], field: str, key: Any, make: Any) -> Any:
        k = (field, id(key))
        if k not in table:
            table[k] = make(key)
            self._keep.append(key)
        return table[k]

    # -------------------------------------------------------------- to data
    def to_data(self, s: ElabState) -> dict[str, Any]:
        m = lambda field, conv: self._memo(self._out, field, getattr(s, field), conv)  # noqa: E731
        return {
            "scopes": m("scopes", tuple),
            "sorry_decls": m("sorry_decls", _sorted),
            "reducible": m("reducible", _sorted),
            "user_namespaces": m("user_namespaces", _sorted),
            "classes": m("classes", lambda d: tuple(d.values())),
            "by_class": m("by_class", dict),
            "defaults": m("defaults", dict),
            "inst_names": m("inst_names", _sorted),
            "open_scopes": m("open_scopes", _sorted),
            "order": s.order,
            "declared_classes_only": s.declared_classes_only,
            "quot_initialized": s.quot_initialized,
            "literal_checks": m("literal_checks", lambda d: tuple(d.items())),
            "inst_cache": m("inst_cache", lambda d: tuple((k, v) for k, v in d.items() if _cache_entry_ok(k, v))),
            "simp_lemmas": s.simp_lemmas,
            "hygiene": s.hygiene,
            "noncomputable": m("noncomputable", _sorted),
            "irreducible": m("irreducible", _sorted),
            "tactic_macros": s.tactic_macros,
            "fun_equations": s.fun_equations,
        }

    # -------------------------------------------------------------- from data
    def from_data(self, d: Any, what: str = "elaborator state") -> ElabState:
        check_type(d, dict[str, Any], what, self.types)
        if set(d) != set(_FIELDS):
            raise SnapshotError(f"{what}: unexpected fields")

        def get(field: str, hint: Any, conv: Any = None) -> Any:
            v = d[field]
            if conv is None:
                check_type(v, hint, f"{what}.{field}", self.types)
                return v
            def checked(x: Any) -> Any:
                check_type(x, hint, f"{what}.{field}", self.types)
                return conv(x)

            return self._memo(self._in, field, v, checked)

        names = tuple[Name, ...]
        entries = dict[Name, tuple[InstanceEntry, ...]]
        return ElabState(
            scopes=get("scopes", tuple[Scope, ...], tuple),
            sorry_decls=get("sorry_decls", names, frozenset),
            reducible=get("reducible", names, frozenset),
            user_namespaces=get("user_namespaces", names, frozenset),
            classes=get("classes", tuple[ClassInfo, ...], lambda t: {c.name: c for c in t}),
            by_class=get("by_class", entries, dict),
            defaults=get("defaults", entries, dict),
            inst_names=get("inst_names", names, frozenset),
            open_scopes=get("open_scopes", names, frozenset),
            order=get("order", int),
            declared_classes_only=get("declared_classes_only", bool),
            quot_initialized=get("quot_initialized", bool),
            literal_checks=get("literal_checks", tuple[tuple[Name, bool], ...], dict),
            inst_cache=get("inst_cache", tuple[tuple[tuple, Expr | None], ...], _cache_from_data),
            simp_lemmas=get("simp_lemmas", tuple[Name, ...]),
            hygiene=get("hygiene", int),
            noncomputable=get("noncomputable", names, frozenset),
            irreducible=get("irreducible", names, frozenset),
            tactic_macros=get("tactic_macros", tuple[tuple[str, tuple[A.TacticSeq, ...]], ...]),
            fun_equations=get("fun_equations", tuple[tuple[Name, A.Decl, Scope], ...]),
        )
