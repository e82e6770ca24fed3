#!/usr/bin/env python3
"""Elaborate leanr's prelude from `leanr_py/prelude/Prelude.lean` and write its snapshot `Prelude.snap`.

Usage: python scripts/build_prelude_snapshot.py [--check] [--out PATH]
  (default)  write leanr_py/prelude/Prelude.snap (or PATH)
  --check    write nothing; exit 1 when the shipped snapshot differs from a fresh build (stale), 0 when
             it is identical
The wheel build (setup.py) runs this, so a built wheel always ships a snapshot of its own prelude source.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build() -> bytes:
    sys.path.insert(0, str(ROOT))
    from leanr_py.kernel.environment import ensure_recursion_limit
    from leanr_py.prelude import dump_prelude, elaborate_prelude

    ensure_recursion_limit()
    env, _, state = elaborate_prelude()
    return dump_prelude(env, state)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the shipped snapshot is stale")
    ap.add_argument("--out", type=Path, default=ROOT / "leanr_py" / "prelude" / "Prelude.snap")
    args = ap.parse_args(argv)
    blob = build()
    if args.check:
        current = args.out.read_bytes() if args.out.is_file() else None
        if current != blob:
            print(f"{args.out}: stale (run scripts/build_prelude_snapshot.py)", file=sys.stderr)
            return 1
        print(f"{args.out}: up to date ({len(blob)} bytes)")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(blob)
    print(f"{args.out}: {len(blob)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
