"""The `leanr` command line.

Exit codes: 0 accept / no errors, 1 rejected input (`check`: any error), 2 decline (`check-export`, `export`,
and `check --decline-exit`), usage or I/O problem, 3 internal error.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any, Callable, Sequence, TextIO

from .kernel.errors import release_traceback

EXIT_OK, EXIT_REJECT, EXIT_DECLINE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors with exit code 2 and without a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_DECLINE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="leanr", description="A Lean 4-compatible prover in pure Python.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    export = sub.add_parser("check-export", help="check every declaration of a lean4export file")
    export.add_argument("file", metavar="FILE", help="an .ndjson export (format 3.x) or a legacy text export")
    export.add_argument("--stats", action="store_true", help="print declarations/s, peak memory and time by phase")
    export.add_argument("--quiet", action="store_true", help="print nothing on success")
    export.add_argument("--snapshot", metavar="OUT", default=None,
                        help="after an accept, save the checked environment as a snapshot to OUT")
    export.add_argument("--max-steps", type=int, metavar="N", default=None,
                        help="reduction steps allowed per declaration (default: unbounded); "
                             "a declaration that needs more is declined")
    check = sub.add_parser("check", help="elaborate and check Lean source files")
    check.add_argument("files", metavar="FILE", nargs="+", help=".lean source files")
    check.add_argument("--json", action="store_true", help="machine-readable diagnostics")
    check.add_argument("--decline-exit", action="store_true",
                       help="exit 2, not 1, when a file's first error is about something leanr does not "
                            "support yet (no verdict)")
    serve = sub.add_parser("serve", help="build (if needed) and serve the browser playground on localhost")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--dir", default=None, help="serve this built site instead of the checkout's dist/")
    serve.add_argument("--no-build", action="store_true", help="serve what is built, do not rebuild")
    serve.add_argument("--log", action="store_true", help="log every request")
    export_src = sub.add_parser("export", help="elaborate a Lean file and write its declarations, with everything "
                                "they depend on, as lean4export NDJSON")
    export_src.add_argument("file", metavar="FILE", help="a .lean source file")
    export_src.add_argument("-o", "--output", metavar="OUT", default=None, help="output file (default: stdout)")
    export_src.add_argument("--decls", metavar="NAME", nargs="+", default=None,
                            help="export only these declarations (and their dependencies)")
    repl = sub.add_parser("repl", help="the leanprover-community/repl JSON protocol on stdin/stdout")
    repl.add_argument("--gas", type=int, metavar="N", default=10_000_000,
                      help="deterministic step budget of each command and tactic (default: 10,000,000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return _run(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_DECLINE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_DECLINE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_DECLINE
    except RecursionError as exc:
        release_traceback(exc)
        print("error: term too deeply nested for this checker", file=sys.stderr)
        return EXIT_DECLINE
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


def _silence_stdout() -> None:
    """The reader of our output went away: drop what is left instead of failing again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _run(args: argparse.Namespace) -> int:
    if args.command == "check-export":
        return check_export_command(args.file, stats=args.stats, quiet=args.quiet, max_steps=args.max_steps,
                                    snapshot=args.snapshot)
    if args.command == "check":
        return check_source_command(args.files, as_json=args.json, decline_exit=args.decline_exit)
    if args.command == "serve":
        from .serve import serve_command

        return serve_command(port=args.port, host=args.host, directory=args.dir, build=not args.no_build, log=args.log)
    if args.command == "export":
        return export_source_command(args.file, args.output, args.decls)
    if args.command == "repl":
        from .repl import main as repl_main

        return repl_main(gas=args.gas)
    build_parser().print_help(sys.stderr)
    return EXIT_DECLINE


def check_source_command(paths: Sequence[str], as_json: bool = False, decline_exit: bool = False) -> int:
    """Elaborate and check each file over leanr's prelude and print its messages as Lean does
    (`FILE:LINE:COL: severity: message`). Exit 0 when no file has an error, 1 when there are errors, 2 when a
    file cannot be read. A file whose first error is about something leanr does not support yet (a part of
    Lean it does not implement, a name its smaller library may lack) gets no verdict: stderr says `declined`,
    `--json` gives its verdict as "decline", and with `decline_exit` it makes the exit code 2."""
    import json

    rejected = declined = unreadable = False
    report = []
    verdicts: dict[str, str] = {}

    def emit(path: str, d: object) -> None:
        report.append({"file": path, "severity": d.severity, "message": d.message,  # type: ignore[attr-defined]
                       "pos": {"line": d.span.line, "column": d.span.col},  # type: ignore[attr-defined]
                       "endPos": {"line": d.span.end_line, "column": d.span.end_col}})  # type: ignore[attr-defined]
        if not as_json:
            print(d.format(path))  # type: ignore[attr-defined]

    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"error: cannot read {path}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
            unreadable = True
            continue
        from .session import Session

        # over the prelude with its elaborator state: exported names, reducible definitions, instances; the
        # parser recovers at the next command, so the rest of a file with a syntax error is checked too and
        # its messages come in the file's order, as Lean prints them
        result = Session().check(text)
        diagnostics = result.diagnostics
        for d in diagnostics:
            emit(path, d)
        verdict = verdicts[path] = _source_verdict(text, result)
        rejected = rejected or verdict != "accept"
        declined = declined or verdict == "decline"
        if verdict == "decline" and not as_json:
            print(f"{path}: declined: its first error is about something leanr does not support yet, so the "
                  "file gets no verdict", file=sys.stderr)
    if as_json:
        print(json.dumps({"messages": report, "verdicts": verdicts}, ensure_ascii=False))
    if unreadable or (declined and decline_exit):
        return EXIT_DECLINE
    return EXIT_REJECT if rejected else EXIT_OK


def _source_verdict(text: str, result: Any) -> str:
    """accept (no error), reject (an error Lean gives too) or decline (no verdict). The first error decides:
    everything before it was elaborated without an unsupported construct, so a definite first error is one
    Lean reports too; an unsupported one may hide or cause the others. Syntax errors come first: a file whose
    only syntax errors are about syntax leanr does not parse yet (`macro`, `syntax`, …) gets no verdict."""
    syntax = [d for d in result.syntax if d.severity == "error"]
    if syntax:
        return "reject" if any(not _is_unsupported(d.message) for d in syntax) else "decline"
    errors = sorted((d for d in result.diagnostics if d.severity == "error"), key=lambda d: (d.span.line, d.span.col))
    if not errors:
        return "accept"
    return "decline" if _is_unsupported(errors[0].message, _declared_names(text)) else "reject"


def export_source_command(path: str, output: str | None, decls: Sequence[str] | None) -> int:
    """Elaborate `path` over the prelude and write the declarations it adds (or `decls`), with their
    dependency closure, as lean4export NDJSON 3.1.0. A file with errors is not exported (exit 1; exit 2 when
    an error is about a feature leanr lacks), so an export always holds a whole, kernel-checked file."""
    from .export.writer import ExportWriteError, write_export
    from .kernel.name import Name
    from .session import Session

    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {path}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return EXIT_DECLINE
    session = Session()  # over the prelude with its elaborator state, as `leanr check`
    env = session.env
    before = set(env.constants)
    errors = [d for d in session.check(text).diagnostics if d.severity == "error"]
    if errors:
        for d in errors:
            print(d.format(path), file=sys.stderr)
        print(f"{path}: not exported: the file has errors", file=sys.stderr)
        first = min(errors, key=lambda d: (d.span.line, d.span.col))  # the first error decides, as in `check`
        return EXIT_DECLINE if _is_unsupported(first.message, _declared_names(text)) else EXIT_REJECT
    if decls is None:
        names = [n for n in env.constants if n not in before]
    else:
        names = [Name.of(d) for d in decls]
        missing = [str(n) for n in names if n not in env.constants]
        if missing:
            print(f"error: unknown declaration(s): {', '.join(missing)}", file=sys.stderr)
            return EXIT_DECLINE
    try:
        write_export(env, sys.stdout if output is None else output, names)
    except OSError as exc:
        print(f"error: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_DECLINE
    except ExportWriteError as exc:
        print(f"internal error: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_OK


def _is_unsupported(message: str, declared: frozenset[str] = frozenset()) -> bool:
    """An error that may come from a missing feature of leanr rather than a fault of the file. A name
    unknown here may just be missing from leanr's prelude, so it gets no verdict either, unless no name of
    Lean's core can have its shape (`x`, `α₁`, `h'`), Lean's auto-bound rules explain why it is unknown, or
    the file declares it itself (`declared`: used before, or outside the scope of, its declaration)."""
    return ((message.lower().startswith(("unknown identifier", "unknown constant", "unknown namespace"))
             and not _unknown_for_sure(message, declared))
            # a field (`xs.getLast?`) whose function the prelude lacks
            or "the environment does not contain" in message.lower()
            # leanr's default instances (numerals, `HMul` on unknown types) and scoped instances
            # (`open Classical`) are partial: a problem stuck here may be solved in Lean
            or message.startswith("typeclass instance problem is stuck")
            # a field universe the elaborator's own check (Lean's message) let through: leanr's universe
            # inference for auto-bound implicits is weaker than Lean's, so the kernel's refusal is no verdict
            or message.startswith("(kernel) universe level of type_of(")
            # the auxiliary types of a nested inductive are leanr's own construction, not Lean's: an occurrence
            # it finds invalid in one of them may be valid in Lean's
            or (message.startswith("(kernel)") and "non valid occurrence" in message and "._nested_" in message)
            # unification problems leanr postponed and could not solve: Lean's unifier solves more of them
            or message.startswith("failed to solve the unification constraints")
            # a receiver whose type is known but not of the form `C …` (a receiver whose type nothing fixed,
            # once the postponed problems are done, is Lean's error too: `Invalid field notation: Type of`, as
            # is a `.c` whose expected type nothing fixed: `Invalid dotted identifier notation`)
            or message.startswith("invalid field notation, type is not of the form")
            or "supported yet" in message or "unsupported" in message or "only supported" in message
            or message.startswith("internal error:") or "maximum recursion depth" in message
            or message.startswith("term too deeply nested")
            or message.startswith("(deterministic) step budget"))


def _unknown_for_sure(message: str, declared: frozenset[str]) -> bool:
    """An `Unknown identifier` error that Lean gives too, whatever its core library holds."""
    from .elab.autobound import strict_shape

    if "as an implicitly bound variable here" in message:
        return True
    first = message.split("\n", 1)[0].removesuffix(" at quotation precheck")
    if not first.startswith("Unknown identifier `") or not first.endswith("`"):
        return False
    name = first[len("Unknown identifier `"):-1]
    return ("." not in name and strict_shape(name)) or name in declared


def _declared_names(text: str) -> frozenset[str]:
    """The names the file's declarations, constructors and structures introduce, as written, and the
    variables its `do` blocks and `variable` commands declare (`let x := …`, `let x ← …`, `variable (x : α)`:
    a use where they are not in scope is Lean's unknown identifier too, unless Lean's core has a root
    declaration of that name)."""
    from .elab.autobound import LEAN_ROOT_NAMES
    from .elab.match import iter_nodes
    from .syntax import ast as A
    from .syntax import parse_file

    names: set[str] = set()
    for node in iter_nodes(parse_file(text).commands, A.Node, inside=True):
        if isinstance(node, (A.Decl, A.Inductive, A.Structure)) and node.name is not None:
            names.add(node.name.name)
            if isinstance(node, A.Inductive):
                names.update(k.name.name for k in node.ctors)
        local = node.decl.pattern if isinstance(node, A.DoLet) else \
            node.pattern if isinstance(node, A.DoBind) and node.let_kind else None
        locals_ = [local] if local is not None else \
            [x for b in node.binders for x in b.names] if isinstance(node, A.Variable) else []
        names.update(x.name for x in locals_
                     if isinstance(x, A.Ident) and "." not in x.name and x.name not in LEAN_ROOT_NAMES)
    return frozenset(names)


def check_export_command(path: str, stats: bool = False, quiet: bool = False, max_steps: int | None = None,
                         snapshot: str | None = None) -> int:
    from .export import ACCEPT, DECLINE, check_export
    from .kernel.environment import Environment

    if max_steps is not None and max_steps <= 0:
        print("error: --max-steps must be positive", file=sys.stderr)
        return EXIT_DECLINE
    env = Environment()
    env.step_budget = max_steps
    progress = _progress_printer(path, sys.stderr) if sys.stderr.isatty() and not quiet else None
    try:
        result = check_export(path, env=env, progress=progress)
    except OSError as exc:
        _clear_progress(progress)
        print(f"error: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_DECLINE
    _clear_progress(progress)
    if result.status == ACCEPT:
        if not quiet:
            print(f"ok: {result.declarations} declarations")
        code = EXIT_OK
        if snapshot is not None and not _save_snapshot(env, snapshot, quiet):
            code = EXIT_DECLINE
    elif result.status == DECLINE:
        print(f"declined: {result.error}")
        code = EXIT_DECLINE
    else:
        print(f"error: {result.error}")
        code = EXIT_REJECT
    if stats:
        _print_stats(result)
    return code


def _save_snapshot(env: object, out: str, quiet: bool) -> bool:
    from .snapshot import dump_environment

    blob = dump_environment(env)  # type: ignore[arg-type]
    try:
        with open(out, "wb") as handle:
            handle.write(blob)
    except OSError as exc:
        print(f"error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return False
    if not quiet:
        print(f"snapshot: {out} ({len(blob)} bytes)")
    return True


def _print_stats(result: object) -> None:
    from .export import ExportResult

    assert isinstance(result, ExportResult)
    total = result.total_seconds
    rate = result.declarations / total if total > 0 else 0.0
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(result.by_kind.items())) or "none"
    print(f"format: {result.format}")
    print(f"lines: {result.lines}")
    print(f"declarations: {result.declarations} ({kinds})")
    print(f"declarations/s: {rate:.1f}")
    print(f"time: parse {result.parse_seconds:.3f}s, kernel {result.kernel_seconds:.3f}s, total {total:.3f}s")
    peak = peak_memory_bytes()
    print(f"peak memory: {peak / (1 << 20):.1f} MiB" if peak is not None else "peak memory: unavailable")


def peak_memory_bytes() -> int | None:
    """Peak resident set size of this process, where the platform reports it."""
    try:
        import resource
    except ImportError:
        return None
    try:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except (OSError, AttributeError, ValueError):
        return None
    return int(peak) if sys.platform == "darwin" else int(peak) * 1024


ProgressFn = Callable[[int, int, int], None]


def _progress_printer(path: str, stream: TextIO) -> ProgressFn:
    try:
        total = os.path.getsize(path)
    except OSError:
        total = 0
    last = [0.0]

    def show(lines: int, nbytes: int, decls: int) -> None:
        now = time.monotonic()
        if now - last[0] < 0.2:
            return
        last[0] = now
        pct = f"{100 * nbytes / total:5.1f}% " if total else ""
        stream.write(f"\r{pct}line {lines}, {decls} declarations checked")
        stream.flush()

    show.stream = stream  # type: ignore[attr-defined]
    return show


def _clear_progress(progress: ProgressFn | None) -> None:
    if progress is not None:
        stream = progress.stream  # type: ignore[attr-defined]
        stream.write("\r\033[K")
        stream.flush()


if __name__ == "__main__":
    raise SystemExit(main())
