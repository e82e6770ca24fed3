"""leanr's prelude: a small `Init.Prelude` in Lean source, shipped elaborated as a snapshot.

    env, table = load_prelude()          # shared: do not add to them; fork them (see `fork`)
    env2, table2 = fork_prelude()        # a private copy for one check
    state = prelude_state()              # the elaborator state after it (reducible constants, namespaces, …)

The Lean text is `Prelude.lean` next to this file, shipped as package data together with `Prelude.snap`,
the prelude elaborated and kernel-checked at build time (`scripts/build_prelude_snapshot.py`; the wheel
build runs it), in the snapshot format of `leanr_py.snapshot`. The snapshot records the SHA-256 of the
Lean text, of the engine's own source files (any change to the parser, elaborator or kernel may change
what the prelude elaborates to), the default instances and the version of the elaborator state it was
built from; when any of them differs from what this copy of leanr has (the prelude or the engine is being
edited, or the snapshot is missing or unreadable), the prelude is elaborated from source instead, so a
stale snapshot is never used. Loading
trusts the snapshot (it was kernel-checked when built) unless `verify=True` re-checks every declaration.
"""
from __future__ import annotations

import gc
import hashlib
from functools import lru_cache
from importlib.resources import files
from typing import Any

from ..elab.command import CommandElaborator
from ..elab.instances import InstanceTable
from ..elab.term import set_hygiene_counter
from ..elab.state import RECORDS, ElabState, StateCodec, apply, capture
from ..kernel.environment import Environment
from ..snapshot import SnapshotError, dump_state, load_state

PRELUDE_SOURCE = files(__package__).joinpath("Prelude.lean").read_text(encoding="utf-8")

__all__ = ["load_prelude", "fork_prelude", "prelude_state", "PreludeError", "PRELUDE_SOURCE", "DEFAULT_INSTANCES",
           "elaborate_prelude", "dump_prelude", "read_prelude_snapshot", "snapshot_status"]

# default instances registered besides the prelude's own `@[default_instance]` attributes (none: the
# prelude marks them as Lean's Init.Prelude does)
DEFAULT_INSTANCES: tuple[tuple[str, int], ...] = ()


class PreludeError(RuntimeError):
    """The prelude did not elaborate: a bug in leanr, never in the user's file."""


SNAPSHOT_FILE = "Prelude.snap"
SNAPSHOT_KIND = "leanr prelude"
STATE_VERSION = 6   # bump when the elaborator state stored beside the environment changes shape

_CACHE: tuple[Environment, InstanceTable, ElabState] | None = None
LOADED_FROM: str | None = None   # "snapshot" or "source": how this process got its prelude


def source_sha256(source: str | None = None) -> str:
    return hashlib.sha256((PRELUDE_SOURCE if source is None else source).encode("utf-8")).hexdigest()


_ENGINE_FILES = (".py", ".lark", ".json", ".lean")


@lru_cache(maxsize=1)
def engine_sha256() -> str:
    """SHA-256 of the package's source files (paths and contents, in sorted order): the engine that
    elaborated a snapshot must be this one, byte for byte."""
    digest = hashlib.sha256()
    stack = [(files("leanr_py"), "")]
    while stack:
        folder, rel = stack.pop()
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
        for entry in reversed(entries):
            if entry.is_dir():
                if entry.name != "__pycache__":
                    stack.append((entry, f"{rel}{entry.name}/"))
        for entry in entries:
            if entry.is_file() and entry.name.endswith(_ENGINE_FILES):
                digest.update(f"{rel}{entry.name}\0".encode("utf-8"))
                digest.update(entry.read_bytes())
    return digest.hexdigest()


def _stamp() -> dict[str, Any]:
    """What the snapshot must have been built from to be used."""
    return {"kind": SNAPSHOT_KIND, "source_sha256": source_sha256(), "engine_sha256": engine_sha256(),
            "state_version": STATE_VERSION,
            "default_instances": tuple((n, p) for n, p in DEFAULT_INSTANCES)}


def elaborate_prelude() -> tuple[Environment, InstanceTable, ElabState]:
    """The prelude elaborated from its Lean source (every declaration kernel-checked)."""
    set_hygiene_counter(0)  # the same fresh names whatever this process elaborated before
    env = Environment()
    table = InstanceTable(env)
    ce = CommandElaborator(env, table)
    ce.lint_unused = False  # Lean's own core sources are not held to its linters either
    msgs = ce.elab_file(PRELUDE_SOURCE)
    if msgs:
        lines = "\n".join(m.format("Prelude.lean") for m in msgs)
        raise PreludeError(f"the prelude does not elaborate:\n{lines}")
    for name, prio in DEFAULT_INSTANCES:
        table.add_default_instance(name, prio)
    table.declared_classes_only = True
    table.cache.clear()  # resolution answers found while elaborating the prelude are not part of it
    return env, table, capture(ce, table, env)


def dump_prelude(env: Environment, state: ElabState) -> bytes:
    """The prelude's snapshot blob (what `scripts/build_prelude_snapshot.py` writes)."""
    return dump_state(env, {**_stamp(), "state": StateCodec().to_data(state)})


def read_prelude_snapshot(blob: bytes, verify: bool = False) -> tuple[Environment, InstanceTable, ElabState]:
    """The prelude from a snapshot blob; `SnapshotError` if it is unreadable or stale."""
    env, data = load_state(blob, verify=verify, records=RECORDS)
    if not isinstance(data, dict) or data.get("kind") != SNAPSHOT_KIND:
        raise SnapshotError("not a prelude snapshot")
    stamp = _stamp()
    for key in ("source_sha256", "engine_sha256", "state_version", "default_instances"):
        if data.get(key) != stamp[key]:
            raise SnapshotError(f"stale prelude snapshot: its {key} differs from this copy of leanr")
    if set(data) != set(stamp) | {"state"}:
        raise SnapshotError("prelude snapshot: unexpected fields")
    state = StateCodec().from_data(data["state"])
    table = InstanceTable(env)
    apply(state, None, table, env)
    return env, table, state


def shipped_snapshot() -> bytes | None:
    try:
        return files(__package__).joinpath(SNAPSHOT_FILE).read_bytes()
    except OSError:
        return None


def snapshot_status() -> str:
    """"fresh", "stale" (built from other sources, or unreadable) or "missing"."""
    blob = shipped_snapshot()
    if blob is None:
        return "missing"
    try:
        read_prelude_snapshot(blob)
    except SnapshotError:
        return "stale"
    return "fresh"


def load_prelude(verify: bool = False) -> tuple[Environment, InstanceTable]:
    """The prelude's environment and instance table (from the shipped snapshot when it is fresh, else
    elaborated from source; then cached for the process). `verify` re-checks a snapshot's declarations
    through the kernel (it only matters on the first call)."""
    env, table, _ = _load(verify)
    return env, table


def prelude_state() -> ElabState:
    """The elaborator state after the prelude (its reducible constants, namespaces, instance table)."""
    return _load(False)[2]


def _load(verify: bool) -> tuple[Environment, InstanceTable, ElabState]:
    global _CACHE, LOADED_FROM
    if _CACHE is None:
        blob = shipped_snapshot()
        loaded = None
        if blob is not None:
            try:
                loaded = read_prelude_snapshot(blob, verify=verify)
                LOADED_FROM = "snapshot"
            except SnapshotError:
                loaded = None
        if loaded is None:
            loaded = elaborate_prelude()
            LOADED_FROM = "source"
        _CACHE = loaded
        # the prelude lives as long as the process: keep the collector from re-scanning its objects on
        # every full collection (each one would otherwise cost a third of a second per check)
        gc.freeze()
    return _CACHE


def fork_prelude() -> tuple[Environment, InstanceTable]:
    """A private copy of the prelude's environment and instance table."""
    env, table, state = _load(False)
    e = Environment()
    e.constants = dict(env.constants)
    t = InstanceTable(e)
    apply(state, None, t, e)  # an exact copy of the registrations, as `Session` restores them on roll-back
    return e, t
