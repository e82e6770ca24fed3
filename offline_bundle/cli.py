"""The `leanr-bundle` command line: build | verify | thaw | env | doctor | verify-proofs.

Exit codes: 0 ok, 1 problems found (verify/doctor), 2 usage or I/O error.  User errors are one line
on stderr, never a traceback."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from .build import ARCHIVE_KINDS, STRIP_CATEGORIES, STRIP_HELP, build_bundle
from .manifest import BundleError, load_manifest
from .thaw import compute_env, format_exports, load_thawed_env, thaw

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2 with one line (argparse's default is also 2)
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive, not {text}")
    return value


def _positive_int(text: str) -> int:
    value = _positive(text)
    if value != int(value):
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text}")
    return int(value)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="leanr-bundle", description="Build, verify and deploy an offline Lean 4 bundle.")
    sub = p.add_subparsers(dest="cmd", required=True, parser_class=_Parser)

    b = sub.add_parser("build", help="make a bundle directory (and archive) with a MANIFEST.json")
    b.add_argument("out", help="output bundle directory")
    b.add_argument("--toolchain", required=True, help="toolchain dir (e.g. ~/.elan/toolchains/leanprover--lean4---v4.9.0)")
    b.add_argument("--project", help="built Lake project (with .lake/ and lake-manifest.json)")
    b.add_argument("--repl", help="REPL binary (e.g. repl/.lake/build/bin/repl)")
    b.add_argument("--wheel", action="append", default=[], help="wheel to include (repeatable)")
    b.add_argument("--strip", action="append", default=[],
                   help="drop files batch checking does not need: " +
                        "; ".join(f"{k}: {v}" for k, v in STRIP_HELP.items()) + "; all: every category")
    b.add_argument("--archive", choices=ARCHIVE_KINDS, default="none",
                   help="also write OUT.tar.{zst,xz,gz} (auto: zst if the zstd program exists, else gz)")
    b.add_argument("--force", action="store_true", help="replace a non-empty OUT")
    b.add_argument("--jobs", type=int, default=4)

    v = sub.add_parser("verify", help="check a bundle (dir or archive) against its MANIFEST.json")
    v.add_argument("bundle")
    v.add_argument("--fast", action="store_true", help="sizes only, no SHA-256")
    v.add_argument("--jobs", type=int, default=4)
    v.add_argument("--json", action="store_true")

    t = sub.add_parser("thaw", help="prepare a writable workdir to run a (read-only) bundle in place")
    t.add_argument("bundle")
    t.add_argument("workdir")
    t.add_argument("--copy-executables", choices=("auto", "always", "never"), default="auto")
    t.add_argument("--json", action="store_true", help="print the env as JSON instead of exports")

    e = sub.add_parser("env", help="print the environment (shell exports) for a bundle")
    e.add_argument("bundle")
    e.add_argument("--workdir", help="a workdir made by thaw (its links and copies are used)")
    e.add_argument("--json", action="store_true")

    d = sub.add_parser("doctor", help="check that Lean runs from the bundle, naming cause and fix of failures")
    d.add_argument("bundle", nargs="?", help="bundle dir (default: use the current environment)")
    d.add_argument("--workdir", help="a workdir made by thaw")
    d.add_argument("--import", dest="imports", action="append", default=[], help="also check `import M`")
    d.add_argument("--timeout", type=float, default=120.0, help="seconds per Lean run")
    d.add_argument("--json", action="store_true")

    q = sub.add_parser("verify-proofs", help="check candidate proofs (JSON lines) through a pool of REPLs")
    q.add_argument("proofs", help='JSON lines: {"id": ..., "code": "theorem ..."} or a JSON string per line; - for stdin')
    q.add_argument("--workdir", help="a workdir made by thaw (its REPL is tried first)")
    q.add_argument("--repl", help="the Lean REPL binary to try first (instead of LEANR_REPL)")
    q.add_argument("--backends", default="lean,leanr",
                   help="fallback order, from: lean (the bundle's REPL), leanr (`leanr repl`); default lean,leanr")
    q.add_argument("--header", default="", help='Lean source every proof follows, e.g. "import Mathlib"')
    q.add_argument("--header-file", help="read the header from a file")
    q.add_argument("--workers", type=_positive_int, default=None, help="REPL processes (default: one per core)")
    q.add_argument("--timeout", type=_positive, default=60.0, help="seconds per proof")
    q.add_argument("--budget", type=_positive, default=None,
                   help="seconds for the whole batch (proofs not started in time are reported as skipped)")
    q.add_argument("--max-proofs-per-process", type=_positive_int, default=200)
    q.add_argument("--rss-limit-mb", type=_positive, default=8192, help="kill a REPL whose anonymous resident memory (heap) goes above this")
    q.add_argument("--address-space-limit-mb", type=_positive, default=None,
                   help="RLIMIT_AS per REPL (must exceed the mapped .olean files)")
    q.add_argument("--allow-axiom", action="append", default=[],
                   help="allow an axiom besides propext, Classical.choice, Quot.sound (e.g. Lean.ofReduceBool)")
    q.add_argument("--no-axiom-audit", action="store_true", help="do not ask `#print axioms`")
    q.add_argument("--allow-meta", action="store_true",
                   help="accept proofs that define elaborators/macros/syntax or run #eval/run_cmd (refused by default)")
    q.add_argument("--pty", action="store_true",
                   help="give the Lean REPL a pseudo-terminal as stdout (REPL versions that never flush, before July 2024)")
    q.add_argument("--output", "-o", help="write results (JSON lines, input order) here instead of stdout")
    return p


def _strip(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        for s in v.split(","):
            s = s.strip()
            if s == "all":
                out.extend(STRIP_CATEGORIES)
            elif s:
                out.append(s)
    return out


def _env_for(bundle: str | None, workdir: str | None) -> tuple[dict[str, str], dict | None]:
    if workdir:
        st = load_thawed_env(workdir)
        if st is None:
            raise BundleError(f"workdir {workdir}: no thaw.json (run `leanr-bundle thaw BUNDLE {workdir}` first)")
        root, env = st
        if bundle and Path(bundle).resolve() != root and not Path(bundle).is_file():
            raise BundleError(f"workdir {workdir} was thawed from {root}, not {bundle}")
        return env, load_manifest(root)
    if bundle:
        if not Path(bundle).is_dir():
            raise BundleError(f"bundle {bundle}: not a directory (thaw an archive first)")
        m = load_manifest(bundle)
        return compute_env(bundle, m), m
    keys = ("PATH", "LEAN_PATH", "LEAN_SRC_PATH", "LEAN_SYSROOT", "LD_LIBRARY_PATH", "LEANR_LEAN", "LEANR_REPL")
    return {k: os.environ[k] for k in keys if k in os.environ}, None


def _read_proofs(path: str) -> list:
    """Inputs from JSON lines; a line that is not JSON stays in the batch as text the client rejects
    with a reason, so that line numbers and results keep matching."""
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    # bytes that are not UTF-8 stay in their line (as surrogates) and make that proof "invalid"
    text = data.decode("utf-8", errors="surrogateescape")
    items: list = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except ValueError as e:
            items.append({"id": f"line {n}", "code": None, "error": f"line {n}: not JSON ({e})"})
    return items


def _verify_proofs(args: argparse.Namespace, progress: bool) -> int:
    from .client import DEFAULT_ALLOWED_AXIOMS, LeanVerifier, lean_repl_backend, leanr_repl_backend
    from .client.protocol import ProtocolInputError, encode_command
    try:
        header = Path(args.header_file).read_text(encoding="utf-8") if args.header_file else args.header
        encode_command({"cmd": header})
    except (UnicodeDecodeError, ProtocolInputError) as e:
        raise BundleError(f"the header cannot be sent to a REPL: {e}") from None
    workers = args.workers or os.cpu_count() or 1
    env, _ = _env_for(None, args.workdir) if args.workdir else (dict(os.environ), None)
    if args.repl:
        env = dict(env, LEANR_REPL=args.repl)
    makers = {"lean": lambda: lean_repl_backend(env, workers=workers, stdout_pty=args.pty), "leanr": leanr_repl_backend}
    chain = []
    for name in (b.strip() for b in args.backends.split(",") if b.strip()):
        if name not in makers:
            raise BundleError(f"unknown backend {name!r} (choose from {', '.join(makers)})")
        backend = makers[name]()
        if backend is None:
            print(f"warning: backend {name} is not available here "
                  f"({'no REPL: set LEANR_REPL, --repl or --workdir' if name == 'lean' else 'leanr_py is not installed'})",
                  file=sys.stderr)
        else:
            chain.append(backend)
    items = _read_proofs(args.proofs)
    show = (lambda done, total: print(f"\r{done}/{total} proofs", end="", file=sys.stderr, flush=True)) if progress else None
    with LeanVerifier(chain, header=header, workers=workers, timeout=args.timeout,
                      max_proofs_per_process=args.max_proofs_per_process, rss_limit_mb=args.rss_limit_mb,
                      address_space_limit_mb=args.address_space_limit_mb,
                      allowed_axioms=DEFAULT_ALLOWED_AXIOMS | set(args.allow_axiom),
                      audit_axioms=not args.no_axiom_audit, allow_meta=args.allow_meta) as verifier:
        results = verifier.verify_batch(items, budget=args.budget, progress=show)
    if show:
        print(file=sys.stderr)
    for item, r in zip(items, results):
        if isinstance(item, dict) and item.get("error") and r.status == "invalid":
            r.reason = item["error"]
    lines = "".join(r.to_json() + "\n" for r in results)
    if args.output:
        Path(args.output).write_text(lines, encoding="utf-8")
    else:
        sys.stdout.write(lines)
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    print("verify-proofs: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + f" (of {len(results)})",
          file=sys.stderr)
    return EXIT_OK if all(r.passed for r in results) else EXIT_PROBLEMS


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    progress = sys.stderr.isatty()
    try:
        if args.cmd == "build":
            res = build_bundle(args.out, toolchain=args.toolchain, project=args.project, repl=args.repl,
                               wheels=args.wheel, strip=_strip(args.strip), archive=args.archive,
                               force=args.force, progress=progress, jobs=args.jobs)
            for w in res.warnings:
                print(f"warning: {w}", file=sys.stderr)
            lean = res.manifest["lean"]
            print(f"built {res.out} in {res.seconds:.1f} s (Lean {lean['version'] or '?'}, githash {lean['githash'] or '?'})")
            print(res.size_report())
            if res.archive:
                print(f"archive: {res.archive}")
            return EXIT_OK
        if args.cmd == "verify":
            from .verify import verify_bundle
            rep = verify_bundle(args.bundle, fast=args.fast, jobs=args.jobs, progress=progress)
            if args.json:
                print(json.dumps({"ok": rep.ok, "files": rep.files, "bytes": rep.bytes,
                                  "problems": [vars(p) for p in rep.problems],
                                  "notes": [vars(p) for p in rep.notes]}, indent=1))
            else:
                print(rep.render())
            return EXIT_OK if rep.ok else EXIT_PROBLEMS
        if args.cmd == "thaw":
            res = thaw(args.bundle, args.workdir, copy_executables=args.copy_executables)
            for a in res.actions:
                print(f"# {a}", file=sys.stderr)
            print(f"# thawed in {res.seconds:.2f} s", file=sys.stderr)
            print(json.dumps(res.env, indent=1, sort_keys=True) if args.json else format_exports(res.env), end="" if not args.json else "\n")
            return EXIT_OK
        if args.cmd == "env":
            env, _ = _env_for(args.bundle, args.workdir)
            print(json.dumps(env, indent=1, sort_keys=True) if args.json else format_exports(env), end="" if not args.json else "\n")
            return EXIT_OK
        if args.cmd == "verify-proofs":
            return _verify_proofs(args, progress)
        if args.cmd == "doctor":
            from .doctor import run_doctor
            env, m = _env_for(args.bundle, args.workdir)
            rep = run_doctor(env, expected_githash=(m or {}).get("lean", {}).get("githash"),
                             imports=args.imports, timeout=args.timeout)
            print(rep.to_json() if args.json else rep.render())
            return EXIT_OK if rep.ok else EXIT_PROBLEMS
    except BundleError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        print(f"error: {where}{e.strerror or e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
