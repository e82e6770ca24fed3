#!/usr/bin/env python3
"""The session workload whose time `bench/pyodide_ratio.mjs` compares between Pyodide and CPython.

Usage: python bench/pyodide_ratio.py [--lines N] [--repeat K]
Prints one JSON object: the wall times (seconds) of each step in each of K runs, their medians, and the
interpreter.
Steps, each run:
  prelude load from snapshot   the shipped Prelude.snap decoded into an environment (must be fresh: run
                               the leanr_py of a built wheel, whose snapshot matches its sources)
  full check of an N-line file a new session over the prelude checks bench/session_bench.py's generated file
  one-line edit, re-check      the same session, the file plus one new last line
The same file runs unchanged in both runtimes; it never asserts on time.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from session_bench import generated_file  # noqa: E402  (the file the session benchmark checks)

STEPS = ("prelude load from snapshot", "full check of the generated file", "one-line edit, re-check")


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def workload(lines: int, repeat: int) -> dict[str, object]:
    from leanr_py.kernel.environment import ensure_recursion_limit
    from leanr_py.prelude import read_prelude_snapshot, shipped_snapshot
    from leanr_py.session import Session
    from leanr_py.snapshot import SnapshotError

    ensure_recursion_limit()
    blob = shipped_snapshot()
    try:
        if blob is None:
            raise SnapshotError("no Prelude.snap next to the prelude")
        read_prelude_snapshot(blob)
    except SnapshotError as exc:
        raise SystemExit(f"pyodide_ratio.py: the prelude snapshot cannot be used ({exc}); run the leanr_py of a "
                         "built wheel (bench/pyodide_ratio.mjs does)")
    text = generated_file(lines)
    edited = text + "def edited_last_line : Nat := 42\n"
    result = Session().check(text)   # once untimed: the file must check without errors
    if result.errors:
        raise SystemExit(f"pyodide_ratio.py: the generated file does not check: {result.errors[0].message}")
    times: dict[str, list[float]] = {step: [] for step in STEPS}
    for _ in range(repeat):
        times[STEPS[0]].append(timed(lambda: read_prelude_snapshot(blob)))
        session = Session()
        times[STEPS[1]].append(timed(lambda: session.check(text)))
        times[STEPS[2]].append(timed(lambda: session.check(edited)))
    return {"python": sys.version.split()[0], "platform": sys.platform, "lines": text.count("\n"),
            "repeat": repeat, "times": times, "medians": {step: statistics.median(ts) for step, ts in times.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    if args.lines < 1 or args.repeat < 1:
        ap.error("--lines and --repeat must be at least 1")
    print(json.dumps(workload(args.lines, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
