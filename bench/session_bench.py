#!/usr/bin/env python3
"""Session benchmark: prelude load, session snapshots, incremental re-checking and `leanr repl` latency.

Usage: python bench/session_bench.py [--lines N] [--repeat K] [--skip-source]
Prints one table of medians over K runs (wall time, and CPU time where the machine is shared), then peak
memory. Rows:
  prelude load from snapshot / from source   in a fresh interpreter each run (imports excluded)
  prelude snapshot size                      the shipped Prelude.snap (or a fresh build when it is stale)
  full check of an N-line file               a generated file of definitions, structures, `rfl` examples,
                                             theorems, over leanr's prelude
  full check throughput                      the file's syntax nodes (parsed AST nodes, as `syntax.dump`
                                             prints them) per second of CPU time of that check
  one-line edit at the end, re-check         the same session, the file plus one new last line
  session snapshot / restore, size           of the session after the full check
  repl: trivial command                      `#check Nat`, `def f : Nat := 1`, in a running REPL
  repl: start-up to first response           `leanr repl` as a process, one command
It never asserts on time.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOAD_SNIPPET = """
import json, sys, time
sys.setrecursionlimit(10000)
import leanr_py.prelude as P
if sys.argv[1] == "source":
    P.shipped_snapshot = lambda: None
w, c = time.perf_counter(), time.process_time()
P.load_prelude()
print(json.dumps([time.perf_counter() - w, time.process_time() - c, P.LOADED_FROM]))
"""


def generated_file(n_lines: int) -> str:
    """Definitions that build on each other, structures, examples checked by `rfl`, and theorems."""
    out: list[str] = []
    i = 0
    while sum(s.count("\n") + 1 for s in out) < n_lines:
        out.append(f"def f{i} (n : Nat) : Nat := n + {i % 7} * 2")
        out.append(f"example : f{i} 3 = {3 + (i % 7) * 2} := rfl")
        out.append(f"structure P{i} where\n  x : Nat\n  y : Nat")
        out.append(f"def p{i} : P{i} := ⟨{i}, f{i} {i}⟩")
        out.append(f"theorem t{i} (a b : Prop) (ha : a) (hb : b) : a ∧ b := ⟨ha, hb⟩")
        i += 1
    return "\n".join(out) + "\n"


def count_syntax_nodes(text: str) -> int:
    """The number of AST nodes of `text`'s commands (each node once; spans and plain values not counted)."""
    import dataclasses

    from leanr_py.syntax.ast import Node
    from leanr_py.syntax.parse import parse_file

    n = 0
    stack: list[object] = list(parse_file(text).commands)
    while stack:
        x = stack.pop()
        if isinstance(x, Node):
            n += 1
            stack.extend(getattr(x, f.name) for f in dataclasses.fields(x))
        elif isinstance(x, (tuple, list)):
            stack.extend(x)
    return n


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def median_pair(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def load_in_fresh_process(kind: str) -> tuple[float, float, str]:
    out = subprocess.run([sys.executable, "-c", LOAD_SNIPPET, kind], capture_output=True, text=True, cwd=ROOT,
                         timeout=900)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed")
    wall, cpu, source = json.loads(out.stdout)
    return wall, cpu, source


def repl_startup() -> float:
    w = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "leanr_py", "repl"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    assert p.stdin is not None and p.stdout is not None
    p.stdin.write('{"cmd": "#check Nat"}\n\n')
    p.stdin.flush()
    p.stdout.readline()
    dt = time.perf_counter() - w
    p.stdin.close()
    p.wait(timeout=60)
    return dt


def peak_mib() -> float | None:
    try:
        import resource
    except ImportError:
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-source", action="store_true", help="do not time the prelude's elaboration from source")
    args = ap.parse_args()
    k = args.repeat

    from leanr_py.kernel.environment import ensure_recursion_limit
    import leanr_py.prelude as P
    from leanr_py.repl import Repl
    from leanr_py.session import Session

    ensure_recursion_limit()
    rows: list[tuple[str, str, str]] = []

    def row(what: str, wall: float | None, cpu: float | None = None, unit: str = "ms") -> None:
        scale = 1000 if unit == "ms" else 1
        rows.append((what, "-" if wall is None else f"{wall * scale:,.1f} {unit}",
                     "-" if cpu is None else f"{cpu * scale:,.1f} {unit}"))

    snap = [load_in_fresh_process("snapshot") for _ in range(k)]
    row(f"prelude load from snapshot ({snap[0][2]})", *median_pair([(w, c) for w, c, _ in snap]))
    if not args.skip_source:
        src = [load_in_fresh_process("source") for _ in range(max(1, min(k, 3)))]
        row("prelude load from source", *median_pair([(w, c) for w, c, _ in src]))
    blob = P.shipped_snapshot()
    if blob is None or P.snapshot_status() != "fresh":
        env, _, state = P.elaborate_prelude()
        blob = P.dump_prelude(env, state)
    rows.append(("prelude snapshot size", f"{len(blob):,} bytes", ""))

    text = generated_file(args.lines)
    checks = []
    for _ in range(k):  # each in a fresh session: the machine is shared, so take the median of k
        session = Session()
        checks.append(timed(lambda: session.check(text)))
    w, c = median_pair(checks)
    result = session.check(text)
    n_errors = len(result.errors)
    row(f"full check, {text.count(chr(10))} lines ({len(result.commands)} commands, {n_errors} errors)", w, c,
        "s")
    nodes = count_syntax_nodes(text)
    rows.append((f"full check throughput ({nodes:,} syntax nodes)", "", f"{nodes / c:,.0f} nodes/s"))
    edits = []
    for i in range(k):
        edited = text + f"def edit{i} : Nat := {i}\n"
        edits.append(timed(lambda: session.check(edited)))
    row("one-line edit at the end, re-check", *median_pair(edits))
    blobs: list[bytes] = []
    row("session snapshot", *median_pair([timed(lambda: blobs.append(session.snapshot())) for _ in range(k)]))
    row("session restore", *median_pair([timed(lambda: Session.restore(blobs[-1])) for _ in range(k)]))
    rows.append(("session snapshot size", f"{len(blobs[-1]):,} bytes", ""))

    repl = Repl()
    repl.fresh_env()
    for cmd in ('{"cmd": "#check Nat"}', '{"cmd": "def f : Nat := 1"}', '{"cmd": "theorem t : 2 + 2 = 4 := rfl"}'):
        runs = [timed(lambda: repl.handle_text(cmd)) for _ in range(max(k, 10))]
        row(f"repl: {json.loads(cmd)['cmd']}", *median_pair(runs))
    row("repl: start-up to first response (process)",
        statistics.median(repl_startup() for _ in range(k)), None, "s")

    print(f"python {sys.version.split()[0]}; medians of {k} runs (CPU time: this process only)")
    width = max(len(r[0]) for r in rows)
    print(f"{'':<{width}}  {'wall':>14}  {'cpu':>12}")
    for what, wall, cpu in rows:
        print(f"{what:<{width}}  {wall:>14}  {cpu:>12}")
    peak = peak_mib()
    print(f"peak memory: {peak:.0f} MiB" if peak is not None else "peak memory: unavailable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
