"""Kaggle kit figures: REPL per-command latency, verifier pool throughput with 1, 2 and 4 workers,
reusing REPL processes vs a fresh process per proof, and thaw time of a 1 GiB toolchain-shaped bundle.

    python bench/kaggle_bench.py [--runs 5] [--proofs 200] [--only latency,pool,reuse,thaw]

Prints a table of medians.  The REPL is `leanr repl` when leanr_py provides it; the scripted REPL of
the tests (tests/offline_bundle/fake_repl.py, each proof spending a fixed CPU time) is measured as
well, so that the pool's own overhead and scaling show apart from the engine's speed.  Never asserts
on time.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from offline_bundle.client import Backend, LeanVerifier, leanr_repl_backend  # noqa: E402
from offline_bundle.client.process import ReplProcess  # noqa: E402
from offline_bundle.manifest import FORMAT, dump_manifest, olean_header  # noqa: E402
from offline_bundle.thaw import thaw  # noqa: E402

FAKE_REPL = ROOT / "tests" / "offline_bundle" / "fake_repl.py"
TRIVIAL = "theorem bench_trivial : True := trivial"


def fake_backend(header_ms: float = 0.0) -> Backend:
    env = dict(os.environ, FAKE_REPL_HEADER_MS=str(header_ms))
    return Backend("fake", (sys.executable, str(FAKE_REPL)), env=env, startup_timeout=60)


def leanr_backend() -> Backend | None:
    if importlib.util.find_spec("leanr_py.repl") is None:
        return None
    return leanr_repl_backend()


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def command_latency(backend: Backend, commands: int) -> tuple[float, float]:
    """(median seconds per trivial command on a warm process, seconds to start and load the header)."""
    t0 = time.perf_counter()
    proc = ReplProcess(backend.argv, env=backend.env)
    try:
        header = proc.request({"cmd": ""}, backend.startup_timeout)
        start = time.perf_counter() - t0
        env = header.get("env", 0)
        times = []
        for i in range(commands):
            t = time.perf_counter()
            proc.request({"cmd": f"theorem bench_t{i} : True := trivial", "env": env}, 60)
            times.append(time.perf_counter() - t)
        return median(times), start
    finally:
        proc.kill()


def pool_rate(backend: Backend, workers: int, proofs: list[str], max_proofs: int = 1000) -> float:
    """Proofs per second through a warm pool (processes started before the clock starts)."""
    with LeanVerifier([backend], workers=workers, timeout=120, max_proofs_per_process=max_proofs,
                      rss_limit_mb=None) as v:
        v.verify_batch([TRIVIAL] * workers)            # warm up every process
        t = time.perf_counter()
        results = v.verify_batch(proofs)
        elapsed = time.perf_counter() - t
    bad = [r for r in results if not r.passed]
    if bad:
        raise SystemExit(f"benchmark proofs did not pass: {bad[0].status}: {bad[0].reason}")
    return len(proofs) / elapsed


def fresh_vs_reuse(backend: Backend, proofs: list[str], workers: int = 2) -> tuple[float, float]:
    """(proofs/s reusing processes, proofs/s with a fresh process and header per proof), cold starts
    included in both."""
    rates = []
    for max_proofs in (10_000, 1):
        with LeanVerifier([backend], workers=workers, timeout=120, max_proofs_per_process=max_proofs,
                          rss_limit_mb=None) as v:
            t = time.perf_counter()
            results = v.verify_batch(proofs)
            rates.append(len(proofs) / (time.perf_counter() - t))
        assert all(r.passed for r in results), [r.reason for r in results if not r.passed][:1]
    return rates[0], rates[1]


def make_big_bundle(root: Path, total: int = 1 << 30, files: int = 2000) -> Path:
    """A toolchain-shaped bundle of `total` bytes in `files` sparse .olean files (with Lean's olean
    header) plus bin/ and lib/, and its manifest (sizes only matter to thaw)."""
    b = root / "big"
    (b / "toolchain/bin").mkdir(parents=True)
    entries = []
    for name in ("lean", "lake", "leanc"):
        p = b / "toolchain/bin" / name
        p.write_text("#!/bin/sh\n")
        p.chmod(0o755)
        entries.append({"path": f"toolchain/bin/{name}", "size": p.stat().st_size, "sha256": "0" * 64, "exec": True})
    size = total // files
    for i in range(files):
        rel = f"toolchain/lib/lean/Mod{i // 100}/File{i}.olean"
        p = b / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        with open(p, "wb") as f:
            f.write(olean_header("a" * 40))
            f.truncate(size)
        entries.append({"path": rel, "size": size, "sha256": "0" * 64, "exec": False})
    m = {"format": FORMAT, "lean": {}, "components": {}, "stripped": {}, "files": entries, "symlinks": [],
         "layout": {"lean": "toolchain/bin/lean", "lean_path": ["toolchain/lib/lean"], "lean_src_path": []}}
    (b / "MANIFEST.json").write_bytes(dump_manifest(m))
    for dirpath, _, filenames in os.walk(b):
        for n in filenames:
            os.chmod(os.path.join(dirpath, n), os.stat(os.path.join(dirpath, n)).st_mode & ~0o222)
    return b


def thaw_times(runs: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory(prefix="kaggle-bench-") as td:
        bundle = make_big_bundle(Path(td))
        times, written = [], 0
        for i in range(runs):
            work = Path(td) / f"work{i}"
            t = time.perf_counter()
            thaw(bundle, work)
            times.append(time.perf_counter() - t)
            written = sum(os.lstat(p).st_blocks * 512 for p in work.rglob("*"))
        return median(times), written


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--proofs", type=int, default=200, help="proofs per pool measurement")
    ap.add_argument("--busy-ms", type=float, default=20.0, help="CPU per proof in the scripted REPL")
    ap.add_argument("--header-ms", type=float, default=200.0, help="CPU per header in the scripted REPL")
    ap.add_argument("--only", default="latency,pool,reuse,thaw")
    args = ap.parse_args()
    only = set(args.only.split(","))
    rows: list[tuple[str, str, str]] = []
    leanr = leanr_backend()
    fake = fake_backend(args.header_ms)
    busy = [f"theorem b{i} : True := trivial -- BUSY:{args.busy_ms:g}" for i in range(args.proofs)]
    plain = [f"theorem b{i} : True := trivial" for i in range(args.proofs)]

    if "latency" in only:
        if leanr:
            lat, start = zip(*(command_latency(leanr, 50) for _ in range(args.runs)))
            rows.append(("leanr repl: trivial command (warm)", f"{median(list(lat)) * 1e3:.2f} ms", "≤ 5 ms"))
            rows.append(("leanr repl: start + empty header", f"{median(list(start)):.2f} s", ""))
        else:
            rows.append(("leanr repl: trivial command", "n/a: leanr_py has no repl module yet", "≤ 5 ms"))
        lat, start = zip(*(command_latency(fake_backend(), 200) for _ in range(args.runs)))
        rows.append(("scripted REPL: command round trip (client + pipe)", f"{median(list(lat)) * 1e3:.2f} ms", ""))

    if "pool" in only:
        for w in (1, 2, 4):
            r = median([pool_rate(fake, w, busy) for _ in range(args.runs)])
            rows.append((f"pool, {w} worker(s), scripted REPL, {args.busy_ms:g} ms CPU/proof", f"{r:.0f} proofs/s", ""))
        if leanr:
            for w in (1, 2, 4):
                r = median([pool_rate(leanr, w, plain) for _ in range(args.runs)])
                rows.append((f"pool, {w} worker(s), leanr repl, trivial theorem", f"{r:.1f} proofs/s", ""))

    if "reuse" in only:
        n = max(20, args.proofs // 5)
        reuse, fresh = zip(*(fresh_vs_reuse(fake, busy[:n]) for _ in range(args.runs)))
        ratio = median([a / b for a, b in zip(reuse, fresh)])
        rows.append((f"reuse vs fresh, scripted REPL ({args.header_ms:g} ms header)", f"{ratio:.2f}x "
                     f"({median(list(reuse)):.0f} vs {median(list(fresh)):.1f} proofs/s)", "≥ 1.8x"))
        if leanr:
            reuse, fresh = zip(*(fresh_vs_reuse(leanr, plain[:20]) for _ in range(max(1, args.runs // 2))))
            ratio = median([a / b for a, b in zip(reuse, fresh)])
            rows.append(("reuse vs fresh, leanr repl", f"{ratio:.2f}x ({median(list(reuse)):.1f} vs "
                         f"{median(list(fresh)):.2f} proofs/s)", "≥ 1.8x"))

    if "thaw" in only:
        t, written = thaw_times(args.runs)
        rows.append(("thaw of a 1 GiB toolchain-shaped bundle (read-only)", f"{t:.3f} s, {written >> 10} KiB written",
                     "well under 5 s"))

    width = max(len(r[0]) for r in rows)
    vwidth = max(len(r[1]) for r in rows)
    print(f"{'measure':<{width}}  {'median':<{vwidth}}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<{vwidth}}  {target}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{os.cpu_count()} CPUs (load average {load:.1f} at the end); Python {sys.version.split()[0]}; "
          f"medians of {args.runs} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
