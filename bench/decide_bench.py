"""Time per check of `decide`-style and `native_decide`-style proofs of arithmetic facts of growing size.

    .venv/bin/python bench/decide_bench.py [--runs 5] [--digits 10,100,1000,10000]

For each size d two facts: `a * b = c` with a, b numbers of d digits (fixed seed), and
`(2^k + 7) % 13 = r` with 2^k of about d digits. Forms:
  kernel   `Nat.beq (a * b) c = true := Eq.refl true`      (the kernel evaluates with its Nat literals)
  decide   `a * b = c := of_decide_eq_true (Eq.refl true)`  (when the prelude has `of_decide_eq_true`)
  native   `aux = true := Lean.ofReduceBool aux true (Eq.refl true)` with `def aux := Nat.beq (a * b) c`
  by decide / by native_decide  (when those tactics exist)
A check is parsing, elaborating and kernel-checking the command(s), timed together; the table shows the
median of the runs in milliseconds ("n/a": the form is not available in this build). Never asserts on time.
"""
from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from leanr_py.elab.command import CommandElaborator  # noqa: E402
from leanr_py.kernel.environment import ensure_recursion_limit  # noqa: E402
from leanr_py.prelude import fork_prelude  # noqa: E402
from leanr_py.pretty.literals import decimal  # noqa: E402
from leanr_py.syntax import parse_file  # noqa: E402


def mul_fact(d: int, rng: random.Random) -> tuple[str, str]:
    """`a * b = c` with a, b of d digits: the proposition and the Bool test."""
    a = rng.randrange(10 ** (d - 1), 10 ** d)
    b = rng.randrange(10 ** (d - 1), 10 ** d)
    sa, sb, sc = decimal(a), decimal(b), decimal(a * b)
    return f"{sa} * {sb} = {sc}", f"Nat.beq ({sa} * {sb}) {sc}"


def powmod_fact(d: int, rng: random.Random) -> tuple[str, str]:
    """`(2^k + 7) % 13 = r` with 2^k of about d digits (the shape of competition answers)."""
    k = max(1, round(d / math.log10(2)))
    r = (2 ** k + 7) % 13
    return f"(2^{k} + 7) % 13 = {r}", f"Nat.beq ((2^{k} + 7) % 13) {r}"


FACTS = {"mul": mul_fact, "powmod": powmod_fact}


def forms(fact: str, test: str, tag: str) -> dict[str, str]:
    return {
        "kernel": f"example : {test} = Bool.true := Eq.refl Bool.true",
        "decide": f"example : {fact} := of_decide_eq_true (Eq.refl Bool.true)",
        "native": (f"def aux{tag} : Bool := {test}\n"
                   f"example : aux{tag} = Bool.true := Lean.ofReduceBool aux{tag} Bool.true (Eq.refl Bool.true)"),
        "by decide": f"example : {fact} := by decide",
        "by native_decide": f"example : {fact} := by native_decide",
    }


def check_once(ce: CommandElaborator, source: str) -> tuple[float, list[str]]:
    t0 = time.perf_counter()
    parsed = parse_file(source)
    msgs = [d.message for d in parsed.diagnostics]
    for cmd in parsed.commands:
        msgs.extend(m.message for m in ce.elab_command(cmd) if m.severity == "error")
    return time.perf_counter() - t0, msgs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--digits", default="10,100,1000,10000")
    ap.add_argument("--facts", default="mul,powmod")
    args = ap.parse_args()
    ensure_recursion_limit()
    sizes = [int(x) for x in args.digits.split(",")]
    for fact_name in args.facts.split(","):
        table(fact_name, FACTS[fact_name], sizes, args.runs)
        print()


def table(fact_name: str, make, sizes: list[int], runs: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(20260522)
    names = list(forms("", "", "").keys())
    rows = []
    notes: dict[str, str] = {}
    for d in sizes:
        fact, test = make(d, rng)
        row = [str(d)]
        for name in names:
            env, tbl = fork_prelude()
            ce = CommandElaborator(env, tbl)
            times = []
            failed = None
            for r in range(runs):
                dt, errs = check_once(ce, forms(fact, test, f"_{d}_{r}")[name])
                if errs:
                    failed = errs[0].splitlines()[0]
                    break
                times.append(dt)
            if failed is not None:
                notes.setdefault(name, failed)
                row.append("n/a")
            else:
                row.append(f"{statistics.median(times) * 1000:.1f}")
        rows.append(row)
    header = ["digits"] + [f"{n} (ms)" for n in names]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print(f"fact: {fact_name} ({make.__doc__.splitlines()[0]})")
    print("  ".join(h.rjust(w) for h, w in zip(header, widths)))
    for r in rows:
        print("  ".join(x.rjust(w) for x, w in zip(r, widths)))
    print(f"median of {runs} runs per cell; a check = parse + elaborate + kernel check")
    for name, why in notes.items():
        print(f"n/a {name}: {why}")


if __name__ == "__main__":
    main()
