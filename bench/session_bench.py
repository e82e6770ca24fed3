#!/usr/bin/env python3
"""Elaboration benchmark: a generated 500-line file checked in a Session over Lean's Init.Prelude.

Usage: python bench/session_bench.py [--lines N] [--repeat K]
Needs the Init.Prelude export of ../shared/corpus (there is no prelude of our own yet).
Prints: prelude load time, full check time, syntax nodes per second, the re-check latency of a one-line
edit at the end (median of K), and peak memory. It never asserts on time.
"""
from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRELUDE = ROOT.parent / "shared" / "corpus" / "export" / "core" / "init-prelude.lean-4.29.1.ndjson"

# Init.Prelude's instances (an export does not record attributes) and its default instances
INSTANCES = ["instAddNat", "instMulNat", "instSubNat", "instHAdd", "instHMul", "instHSub", "instOfNatNat",
             "instBEqOfDecidableEq", "instDecidableEqNat", "instDecidableEqBool", "instLTNat", "instLENat",
             "Nat.decLt", "Nat.decLe", "instInhabitedNat", "instInhabitedBool", "instDecidableAnd",
             "instDecidableNot"]
DEFAULTS = [("instHAdd", 1000), ("instHMul", 1000), ("instOfNatNat", 100)]


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


def count_nodes(parsed: object) -> int:
    """Syntax nodes of the parsed file (dataclass instances reachable from its commands)."""
    seen: set[int] = set()
    stack = list(getattr(parsed, "commands"))
    n = 0
    while stack:
        x = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        if dataclasses.is_dataclass(x):
            n += 1
            stack.extend(getattr(x, f.name) for f in dataclasses.fields(x))
        elif isinstance(x, (tuple, list)):
            stack.extend(x)
    return n


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
    args = ap.parse_args()
    if not PRELUDE.is_file():
        print(f"Init.Prelude export not found at {PRELUDE}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from leanr_py.elab.instances import InstanceTable
    from leanr_py.export import check_export
    from leanr_py.kernel.environment import Environment
    from leanr_py.session import Session
    from leanr_py.syntax import parse_file

    t0 = time.perf_counter()
    env = Environment()
    check_export(PRELUDE, env=env)
    load = time.perf_counter() - t0
    table = InstanceTable(env)
    for name in INSTANCES:
        table.add_instance(name)
    for name, prio in DEFAULTS:
        table.add_default_instance(name, prio)

    text = generated_file(args.lines)
    nodes = count_nodes(parse_file(text))
    session = Session(env, table)
    t0 = time.perf_counter()
    result = session.check(text)
    full = time.perf_counter() - t0
    errors = [d for d in result.diagnostics if d.severity == "error"]

    edits = []
    for k in range(args.repeat):
        edited = text + f"def edit{k} : Nat := {k}\n"
        t0 = time.perf_counter()
        session.check(edited)
        edits.append(time.perf_counter() - t0)

    lines = text.count("\n")
    print(f"python {sys.version.split()[0]}")
    print(f"prelude (Init.Prelude export) load and check: {load:.2f} s")
    print(f"file: {lines} lines, {len(result.commands)} commands, {nodes} syntax nodes, {len(errors)} errors")
    print(f"full check: {full:.2f} s, {nodes / full:,.0f} syntax nodes/s, {lines / full:,.0f} lines/s")
    print(f"one-line edit at the end, re-check: median {statistics.median(edits) * 1000:.0f} ms "
          f"(min {min(edits) * 1000:.0f}, max {max(edits) * 1000:.0f}) over {len(edits)} edits")
    peak = peak_mib()
    print(f"peak memory: {peak:.0f} MiB" if peak is not None else "peak memory: unavailable")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
