#!/usr/bin/env python3
"""Export-checking benchmark: runs `leanr check-export --stats` in fresh processes and prints a table.

Usage: python bench/export_bench.py [--repeat N] [FILE ...]
Without files, the corpus's performance cases (../shared/corpus/export) are used when present.
Prints medians (and min–max) of wall time, kernel time and peak memory; it never asserts on time.
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "export"
DEFAULT_CASES = [
    "core/init-prelude.lean-4.29.1.ndjson",
    "arena/perf/app-lam.ndjson",
    "arena/perf/shift-cascade.ndjson",
    "misc/vow-postcond.ndjson",
]


def run_once(path: Path) -> dict[str, float]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "leanr_py", "check-export", str(path), "--stats"],
                          capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    out = proc.stdout
    fig = {"wall": wall, "exit": float(proc.returncode)}
    m = re.search(r"time: parse ([\d.]+)s, kernel ([\d.]+)s", out)
    if m:
        fig["parse"], fig["kernel"] = float(m.group(1)), float(m.group(2))
    m = re.search(r"peak memory: ([\d.]+) MiB", out)
    if m:
        fig["peak"] = float(m.group(1))
    m = re.search(r"declarations: (\d+)", out)
    if m:
        fig["decls"] = float(m.group(1))
    return fig


def spread(values: list[float], fmt: str) -> str:
    if not values:
        return "-"
    return f"{format(statistics.median(values), fmt)} ({format(min(values), fmt)}–{format(max(values), fmt)})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = [Path(f) for f in args.files] or [CORPUS / c for c in DEFAULT_CASES if (CORPUS / c).exists()]
    if not files:
        print("no files given and no corpus found", file=sys.stderr)
        return 2
    print(f"python {sys.version.split()[0]}, {args.repeat} runs each, median (min–max)")
    print(f"{'file':<44} {'exit':>4} {'decls':>6} {'wall s':>20} {'kernel s':>20} {'decl/s':>8} {'peak MiB':>18}")
    for f in files:
        runs = [run_once(f) for _ in range(args.repeat)]
        walls = [r["wall"] for r in runs]
        kernels = [r["kernel"] for r in runs if "kernel" in r]
        peaks = [r["peak"] for r in runs if "peak" in r]
        decls = runs[0].get("decls", 0.0)
        rate = decls / statistics.median(walls) if walls else 0.0
        print(f"{f.name[:44]:<44} {int(runs[0]['exit']):>4} {int(decls):>6} {spread(walls, '.3f'):>20} "
              f"{spread(kernels, '.3f'):>20} {rate:>8.0f} {spread(peaks, '.1f'):>18}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
