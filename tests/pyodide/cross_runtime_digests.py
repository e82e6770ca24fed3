"""SHA-256 digests of leanr_py snapshots, printed as JSON: the same code runs on CPython and in Pyodide,
and the two outputs must be identical (`tests/pyodide/cross_runtime.mjs` compares them).

    python tests/pyodide/cross_runtime_digests.py [--corpus DIR] [--corpus-files N] [--no-prelude]

For each document (a few representative ones written here, then every k-th `.lean` file of the corpus,
N in all, chosen by sorted path so both runtimes take the same files): a fresh `Session`, `check(text)`,
then the SHA-256 of `session.snapshot()` together with the number of diagnostics (so a difference can be
told apart from a crash). Also the environment snapshot of the prelude elaborated from source
(`leanr_py.prelude.dump_prelude`). The corpus is optional: absent, its documents are simply not listed
(the output says so).

Output: one JSON object, keys sorted, `{"runtime": ..., "corpus": ..., "seconds": ..., "digests": {name: "sha256
n_diags"}}`; the digests include the engine's source fingerprint (`leanr_py.prelude.engine_sha256`).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

# Each document exercises one part of the elaborator whose result ends up in the snapshot.
DOCUMENTS: dict[str, str] = {
    "definitions": """def a : Nat := 1
def b (x : Nat) : Nat := x + a
abbrev N := Nat
def twice (f : Nat → Nat) (x : Nat) : Nat := f (f x)
theorem tb : b 1 = 2 := rfl
namespace Foo
variable (n : Nat) {α : Type}
def c : Nat := b n
end Foo
open Foo in
#check c
instance : Inhabited N := ⟨3⟩
def s : Nat := sorry
""",
    "inductives": """inductive Tree (α : Type) where
  | leaf : Tree α
  | node : Tree α → α → Tree α → Tree α

namespace Tree
def size {α : Type} : Tree α → Nat
  | leaf => 0
  | node l _ r => size l + 1 + size r
end Tree

inductive Even : Nat → Prop where
  | zero : Even 0
  | step (n : Nat) : Even n → Even (n + 2)

theorem even4 : Even 4 := Even.step 2 (Even.step 0 Even.zero)
""",
    "structures": """structure Point where
  x : Nat
  y : Nat
deriving Repr

structure Point3 extends Point where
  z : Nat := 0

def Point.add (p q : Point) : Point := { x := p.x + q.x, y := p.y + q.y }
def origin : Point3 := { x := 0, y := 0 }
class Size (α : Type) where
  size : α → Nat
instance : Size Point := ⟨fun p => p.x + p.y⟩
#eval (Point.add ⟨1, 2⟩ ⟨3, 4⟩).y
example : origin.z = 0 := rfl
""",
    "match": """def fib : Nat → Nat
  | 0 => 0
  | 1 => 1
  | n + 2 => fib n + fib (n + 1)

def classify (n : Nat) : String :=
  match n, n % 2 with
  | 0, _ => "zero"
  | _, 0 => "even"
  | _, _ => "odd"

def zipWith {α β γ : Type} (f : α → β → γ) : List α → List β → List γ
  | a :: as, b :: bs => f a b :: zipWith f as bs
  | _, _ => []

#eval fib 20
#eval classify 7
""",
    "tactics": """theorem and_swap (p q : Prop) (h : p ∧ q) : q ∧ p := by
  constructor
  · exact h.2
  · exact h.1

theorem add_zero' (n : Nat) : n + 0 = n := by
  induction n with
  | zero => rfl
  | succ k ih => rfl

example (p q : Prop) (hp : p) (hq : q) : p ∧ q := by
  refine ⟨?_, ?_⟩
  all_goals assumption

example (a b : Nat) (h : a = b) : b = a := by
  rw [h]

example (n : Nat) : n = n := by
  cases n <;> rfl

theorem broken (p : Prop) : p := by
  intro h
""",
    "big_numerals": """def big : Nat := 123456789012345678901234567890123456789
def prod : Nat := 2 ^ 200 * 3 ^ 100
theorem big_eq : 1000000000000 * 1000000000000 = 1000000000000000000000000 := rfl
example : 2 ^ 64 = 18446744073709551616 := by decide
#eval prod % 1000000007
#eval big / 97
""",
}

GAS = 2_000_000   # per command, as the corpus round-trip test uses: a file that runs out stops the same way everywhere


def corpus_sample(corpus: Path, count: int) -> list[Path]:
    """`count` files spread evenly over the corpus's sorted `.lean` files (same choice on every runtime)."""
    files = sorted(p for p in corpus.rglob("*.lean") if p.is_file())
    if count <= 0 or not files:
        return []
    step = max(1, len(files) // count)
    return files[::step][:count]


def session_digest(source: str) -> str:
    from leanr_py.session import Session

    session = Session(gas=GAS)
    result = session.check(source)
    return f"{hashlib.sha256(session.snapshot()).hexdigest()} {len(result.diagnostics)}"


def prelude_digest() -> str:
    from leanr_py.prelude import dump_prelude, elaborate_prelude

    env, _, state = elaborate_prelude()
    return hashlib.sha256(dump_prelude(env, state)).hexdigest()


def digests(corpus: Path | None, corpus_files: int, with_prelude: bool, log: bool = False) -> dict[str, object]:
    from leanr_py.kernel.environment import ensure_recursion_limit

    ensure_recursion_limit()
    started = time.perf_counter()
    out: dict[str, str] = {}

    def record(name: str, compute) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        out[name] = compute()
        if log:
            print(f"  {name}: {time.perf_counter() - start:.2f} s", file=sys.stderr)

    # The prelude snapshot records the engine's source fingerprint: listed first, so that sources that differ
    # (a wheel built from another tree) are told apart from a runtime difference.
    from leanr_py.prelude import engine_sha256

    out["engine source fingerprint"] = engine_sha256()
    if with_prelude:
        record("prelude environment snapshot", prelude_digest)
    for name, text in DOCUMENTS.items():
        record(f"document {name}", lambda text=text: session_digest(text))
    corpus_state = "absent"
    if corpus is not None and corpus.is_dir():
        sample = corpus_sample(corpus, corpus_files)
        corpus_state = f"{len(sample)} files"
        for path in sample:
            text = path.read_text(encoding="utf-8")
            record(f"corpus {path.relative_to(corpus).as_posix()}", lambda text=text: session_digest(text))
    return {"runtime": sys.implementation._multiarch if hasattr(sys.implementation, "_multiarch") else sys.platform,
            "corpus": corpus_state, "digests": out, "seconds": round(time.perf_counter() - started, 1)}


def default_corpus() -> Path:
    env = os.environ.get("LEANR_CORPUS_DIR")
    base = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "corpus"
    return base / "lean" / "dev"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: the shared lean/dev corpus)")
    ap.add_argument("--corpus-files", type=int, default=24, help="how many corpus files to sample (default 24)")
    ap.add_argument("--no-prelude", action="store_true", help="skip the prelude environment snapshot")
    ap.add_argument("--log", action="store_true", help="time of each document on stderr")
    args = ap.parse_args(argv)
    corpus = args.corpus if args.corpus is not None else default_corpus()
    result = digests(corpus, args.corpus_files, not args.no_prelude, args.log)
    print(json.dumps(result, sort_keys=True, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
