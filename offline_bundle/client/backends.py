"""Where a REPL comes from: the real Lean REPL of a thawed bundle, or `leanr repl` (leanr_py's
engine behind the same protocol).  Falling back is a change of executable, not of code."""
from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Backend:
    name: str                           # how results name it: "lean", "leanr", ...
    argv: tuple[str, ...]
    env: Mapping[str, str] | None = None    # the process's whole environment (None: inherit ours)
    cwd: str | None = None
    startup_timeout: float = 600.0      # the header (e.g. `import Mathlib`) may take minutes on a cold disk
    stdout_pty: bool = False            # for REPLs that never flush stdout (before July 2024)
    # the modules a header may import (None: whatever the REPL finds on its LEAN_PATH)
    provides: frozenset[str] | None = None
    # an error containing this text means "cannot judge", not "wrong" (the result is "declined")
    declines_with: str | None = None


def lean_threads(workers: int, cpus: int | None = None) -> int:
    """Threads each Lean process may use so that `workers` processes share the machine's cores."""
    return max(1, (cpus or os.cpu_count() or 1) // max(1, workers))


def lean_repl_backend(thawed_env: Mapping[str, str], *, workers: int = 1,
                      base: Mapping[str, str] | None = None, stdout_pty: bool = False) -> Backend | None:
    """The bundle's real REPL (LEANR_REPL of the environment `leanr-bundle thaw` computed), None if
    the environment names none.

    Runs the binary directly (no `lake env`, no elan: both may go to the network) with LEAN_PATH,
    LEAN_SYSROOT (the REPL looks its sysroot up for every command: with it set, it runs no
    `lean --print-prefix`) and LEAN_NUM_THREADS (Lean's worker threads, shared with the other
    processes of the pool)."""
    repl = thawed_env.get("LEANR_REPL")
    if not repl:
        return None
    env = dict(os.environ if base is None else base)
    env.update(thawed_env)
    env.setdefault("LEAN_NUM_THREADS", str(lean_threads(workers)))
    project = thawed_env.get("LEANR_PROJECT")
    cwd = project if project and os.path.isdir(project) else None
    return Backend("lean", (repl,), env=env, cwd=cwd, stdout_pty=stdout_pty)


def leanr_repl_backend(python: str | None = None) -> Backend | None:
    """`python -m leanr_py repl`, None when leanr_py is not installed for this interpreter."""
    if python is None and importlib.util.find_spec("leanr_py") is None:
        return None
    # `leanr repl` accepts `import` lines and ignores them: its own prelude is all it has, so a header
    # importing anything else (Mathlib ...) must make it unavailable, not a source of "unknown
    # identifier" failures for correct proofs.
    return Backend("leanr", (python or sys.executable, "-m", "leanr_py", "repl"), startup_timeout=120.0,
                   provides=frozenset({"Init"}), declines_with="is not supported yet")


def default_backends(thawed_env: Mapping[str, str] | None = None, *, workers: int = 1) -> list[Backend]:
    """The fallback chain: the real Lean REPL (from `thawed_env`, else from LEANR_REPL in our own
    environment), then `leanr repl`."""
    env = os.environ if thawed_env is None else thawed_env
    chain = [lean_repl_backend(env, workers=workers), leanr_repl_backend()]
    return [b for b in chain if b is not None]
