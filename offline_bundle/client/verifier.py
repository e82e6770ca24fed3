"""`LeanVerifier`: check many candidate proofs through a pool of persistent REPL processes.

- One process per worker (one worker per core by default).  The header (`import Mathlib` ...) is sent
  once per process and the environment it yields is reused for every proof that process checks.
- Every call has a time limit; the process is killed on a hang, a crash, garbage output or memory
  over the limit, and a fresh one takes its place.  A process is also recycled after a number of
  proofs or when its memory passes a soft limit, because a REPL keeps every environment it made.
- Backends are tried in order for each proof (the real Lean REPL, then `leanr repl`); a backend that
  cannot be started is marked unavailable with its reason, and when none is left the proof gets an
  "unavailable" result.  Every input gets exactly one result, in input order.
- A proof passes only if Lean reports no error, no `sorry` (the `sorries` field or the warning) and
  every declaration it makes depends on no axiom outside the allowed set (asked with `#print axioms`).
"""
from __future__ import annotations

import itertools
import os
import queue
import threading
import time
from collections import Counter
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from typing import Any, Callable, Iterable, Sequence

from .backends import Backend, default_backends
from .process import ReplFailure, ReplProcess
from .protocol import (ProtocolInputError, encode_command, errors_of, message_text, message_where,
                       parse_axioms_answer, uses_sorry)
from .results import (CRASH, DECLINED, FAIL, INTERNAL, INVALID, MEMORY, PASS, PROTOCOL, SKIPPED, TIMEOUT,
                      UNAVAILABLE, ProofResult)
from .source import declarations, forbidden_options, meta_programs, split_imports

# Lean's three standard axioms; `native_decide` adds `Lean.ofReduceBool` (allow it explicitly).
DEFAULT_ALLOWED_AXIOMS = frozenset({"propext", "Classical.choice", "Quot.sound"})
_KILL_STATUS = {"crash": CRASH, "protocol": PROTOCOL, "memory": MEMORY, "timeout": TIMEOUT}


def _id_of(proof: Any) -> Any:
    return proof.get("id") if isinstance(proof, dict) else None


class _BackendDown(Exception):
    """This backend cannot take the proof (it is unavailable); try the next one."""


class _BackendState:
    """Shared by all workers: whether a backend can still be started."""

    def __init__(self, backend: Backend, failures_allowed: int):
        self.backend = backend
        self.failures_allowed = failures_allowed
        self.consecutive_failures = 0
        self.unavailable: str | None = None
        self.lock = threading.Lock()

    def started(self) -> None:
        with self.lock:
            self.consecutive_failures = 0

    def failed_to_start(self, reason: str, final: bool) -> None:
        with self.lock:
            self.consecutive_failures += 1
            if final or self.consecutive_failures >= self.failures_allowed:
                self.unavailable = self.unavailable or reason


class _Slot:
    """A worker's process (at most one alive) and the environment id of its header."""

    def __init__(self) -> None:
        self.proc: ReplProcess | None = None
        self.backend: str | None = None
        self.header_env: Any = None
        self.proofs = 0

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
        self.proc, self.backend, self.header_env, self.proofs = None, None, None, 0


class LeanVerifier:
    """A pool of REPL processes checking proofs against one header.

    backends: the fallback chain (default: the bundle's Lean REPL from LEANR_REPL, then `leanr repl`).
    header: Lean source every proof is checked after, e.g. "import Mathlib\\nopen Real".  A proof's
        own leading `import` lines must be among the header's imports (they are then ignored).
    workers: processes working at the same time (default: one per core).
    timeout: seconds per proof (the axiom audit gets its own `timeout`).
    max_proofs_per_process: recycle a process after this many proofs (1: a fresh process per proof).
    rss_limit_mb: kill a process that goes over this resident memory while checking (the proof gets
        "memory"); recycle_rss_mb: restart a process between proofs once it is over this.
    address_space_limit_mb: RLIMIT_AS of each process (must exceed the mapped .olean files).
    allowed_axioms / audit_axioms: the axiom check (`audit_axioms=False` skips `#print axioms`).
    allow_meta: accept proofs that define elaborators, macros or syntax, or run `#eval`/`run_cmd`
        (refused by default: such code can change what Lean reports, the axiom audit included).
    retries: extra attempts on a fresh process after a crash, garbage output or memory kill.
    """

    def __init__(self, backends: Sequence[Backend] | None = None, *, header: str = "", workers: int | None = None,
                 timeout: float = 60.0, max_proofs_per_process: int = 200, rss_limit_mb: float | None = 8192,
                 recycle_rss_mb: float | None = None, address_space_limit_mb: float | None = None,
                 allowed_axioms: Iterable[str] = DEFAULT_ALLOWED_AXIOMS, audit_axioms: bool = True,
                 allow_meta: bool = False, retries: int = 1, start_failures_allowed: int = 2):
        if not timeout > 0:
            raise ValueError(f"timeout must be positive, not {timeout!r}")
        self.workers = max(1, workers or os.cpu_count() or 1)
        chain = list(backends) if backends is not None else default_backends(workers=self.workers)
        self._states = [_BackendState(b, start_failures_allowed) for b in chain]
        encode_command({"cmd": header})     # ProtocolInputError (a ValueError) now, not at every start
        self.header = header
        self.header_imports = set(split_imports(header)[0])
        self.timeout = timeout
        self.max_proofs_per_process = max(1, max_proofs_per_process)
        self.rss_limit = int(rss_limit_mb * (1 << 20)) if rss_limit_mb else None
        recycle = recycle_rss_mb if recycle_rss_mb is not None else (rss_limit_mb * 0.7 if rss_limit_mb else None)
        self.recycle_rss = int(recycle * (1 << 20)) if recycle else None
        self.address_space_limit = int(address_space_limit_mb * (1 << 20)) if address_space_limit_mb else None
        self.allowed_axioms = frozenset(allowed_axioms)
        self.audit_axioms = audit_axioms
        self.allow_meta = allow_meta
        self.retries = max(0, retries)
        self._slots = [_Slot() for _ in range(self.workers)]
        self._free_slots: queue.SimpleQueue[_Slot] = queue.SimpleQueue()
        for slot in self._slots:
            self._free_slots.put(slot)
        self._executor: ThreadPoolExecutor | None = None    # `workers` threads, started on first use
        self._executor_lock = threading.Lock()
        self._submitted = itertools.count()
        self._stats_lock = threading.Lock()
        self.stats: Counter[str] = Counter()

    # --- public API ---------------------------------------------------------------------------

    @property
    def backends(self) -> list[Backend]:
        return [s.backend for s in self._states]

    def unavailable(self) -> dict[str, str]:
        """Backends found unusable so far, with the reason."""
        return {s.backend.name: s.unavailable for s in self._states if s.unavailable}

    def verify(self, proof: Any, *, timeout: float | None = None) -> ProofResult:
        return self.verify_batch([proof], timeout=timeout)[0]

    def submit(self, proof: Any, *, timeout: float | None = None) -> "Future[ProofResult]":
        """Queue one proof (for checking while more are being produced).  The future's result is
        its ProofResult, never an exception; `index` numbers the proofs submitted this way."""
        return self._submit(next(self._submitted), proof, timeout, None)

    def verify_batch(self, proofs: Iterable[Any], *, timeout: float | None = None, budget: float | None = None,
                     progress: Callable[[int, int], None] | None = None) -> list[ProofResult]:
        """One result per input, in input order.  An input is the Lean code (str) or a dict with
        "code" (or "proof") and optionally "id" and "timeout".

        budget: seconds for the whole batch; per-proof limits are cut to what is left, and proofs not
        started in time get a "skipped" result.  progress(done, total) is called from the workers."""
        proofs = list(proofs)
        end = None if budget is None else time.monotonic() + budget
        n = len(proofs)
        done = [0]
        done_lock = threading.Lock()

        def count(_: Future) -> None:
            with done_lock:
                done[0] += 1
                progress(done[0], n)      # type: ignore[misc]

        futures = []
        for i, proof in enumerate(proofs):
            f = self._submit(i, proof, timeout, end)
            if progress is not None:
                f.add_done_callback(count)
            futures.append(f)
        results = []
        for i, f in enumerate(futures):
            try:
                results.append(f.result())
            except (CancelledError, Exception) as e:    # only if the verifier was closed meanwhile
                results.append(ProofResult(i, INTERNAL, f"no result: {type(e).__name__} (the verifier was closed)",
                                           id=_id_of(proofs[i])))
        return results

    def _submit(self, index: int, proof: Any, timeout: float | None, end: float | None) -> "Future[ProofResult]":
        with self._executor_lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="lean-verifier")
            return self._executor.submit(self._run, index, proof, timeout, end)

    def _run(self, index: int, proof: Any, timeout: float | None, end: float | None) -> ProofResult:
        """One proof on a free worker slot (there is one per executor thread, so one is always free)."""
        started = time.monotonic()
        slot = self._free_slots.get()
        try:
            left = None if end is None else end - time.monotonic()
            if left is not None and left <= 0:
                r = ProofResult(index, SKIPPED, "not checked: the batch's time budget ran out", id=_id_of(proof))
            else:
                r = self._verify_one(slot, index, proof, timeout, left)
        except Exception as e:      # a client bug must not lose the proof
            slot.stop()
            r = ProofResult(index, INTERNAL, f"internal error in the client: {type(e).__name__}: {e}",
                            id=_id_of(proof))
        finally:
            self._free_slots.put(slot)
        r.seconds = time.monotonic() - started
        return r

    def close(self) -> None:
        """Wait for the proofs being checked, drop the queued ones, and stop every process (the
        verifier can still be used: threads and processes start again on demand)."""
        with self._executor_lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        for slot in self._slots:
            slot.stop()

    def __enter__(self) -> "LeanVerifier":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- one proof ------------------------------------------------------------------------------

    def _count(self, key: str, n: int = 1) -> None:
        with self._stats_lock:
            self.stats[key] += n

    def _verify_one(self, slot: _Slot, index: int, item: Any, timeout: float | None,
                    left: float | None = None) -> ProofResult:
        ident = _id_of(item)
        if isinstance(item, dict):
            code = item.get("code", item.get("proof"))
            timeout = item.get("timeout", timeout)
        else:
            code = item
        if not isinstance(code, str):
            return ProofResult(index, INVALID, f"the proof must be Lean source text, not {type(code).__name__}", id=ident)
        if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
            timeout = self.timeout
        if left is not None:
            timeout = min(timeout, left)
        imports, body = split_imports(code)
        extra = [m for m in imports if m not in self.header_imports]
        if extra:
            return ProofResult(index, INVALID, f"imports {', '.join(extra)} that the verifier's header does not "
                               f"(header imports: {', '.join(sorted(self.header_imports)) or 'none'})", id=ident)
        try:
            encode_command({"cmd": body, "env": 0})
        except ProtocolInputError as e:
            return ProofResult(index, INVALID, str(e), id=ident)
        refused = self._refused(body)
        if refused:
            return ProofResult(index, FAIL, refused, id=ident)
        self._count("proofs")
        passed_over: list[str] = []
        for state in self._states:
            if state.unavailable:
                passed_over.append(f"{state.backend.name}: {state.unavailable}")
                continue
            try:
                r = self._on_backend(slot, state, index, body, float(timeout))
            except _BackendDown:
                passed_over.append(f"{state.backend.name}: {state.unavailable}")
                continue
            r.id, r.fallback = ident, passed_over
            return r
        reason = "no REPL could be started: " + ("; ".join(passed_over) if passed_over else "no backend configured")
        return ProofResult(index, UNAVAILABLE, reason, id=ident, fallback=passed_over)

    def _refused(self, body: str) -> str | None:
        """Why the code cannot pass whatever Lean says of it, if it cannot."""
        forbidden = forbidden_options(body)
        if forbidden:
            return f"sets {', '.join(forbidden)}, which turns the kernel's checking off"
        meta = [] if self.allow_meta else meta_programs(body)
        if meta:
            what, line = meta[0]
            return (f"uses `{what}` at line {line}: meta-programs can change what Lean reports, the axiom audit "
                    f"included (accepted only with allow_meta=True)")
        return None

    def _start(self, slot: _Slot, state: _BackendState) -> ReplProcess:
        """The slot's process for this backend, started (with its header) if need be."""
        b = state.backend
        if slot.proc is not None and slot.backend == b.name and slot.proc.alive():
            return slot.proc
        slot.stop()
        missing = sorted(self.header_imports - b.provides) if b.provides is not None else []
        if missing:
            state.failed_to_start(f"cannot provide the header's imports ({', '.join(missing)}): it has only "
                                  f"{', '.join(sorted(b.provides)) or 'its own prelude'}", final=True)
        while not state.unavailable:
            try:
                proc = ReplProcess(b.argv, env=b.env, cwd=b.cwd, rss_limit=self.rss_limit,
                                   address_space_limit=self.address_space_limit, stdout_pty=b.stdout_pty)
            except ReplFailure as e:         # the executable cannot be run at all: no second try
                state.failed_to_start(str(e), final=True)
                break
            self._count("started")
            try:
                answer = proc.request({"cmd": self.header}, b.startup_timeout)
            except ReplFailure as e:
                proc.kill()
                state.failed_to_start(f"the REPL did not load the header: {e}", final=False)
                self._count("start_failures")
                continue
            errors = errors_of(answer)
            if errors or "env" not in answer:
                proc.kill()
                why = message_text(errors[0]) if errors else answer.get("message") or str(answer)[:200]
                # the same header fails the same way every time
                state.failed_to_start(f"the header failed: {why.splitlines()[0] if why else '?'}", final=True)
                break
            state.started()
            slot.proc, slot.backend, slot.header_env, slot.proofs = proc, b.name, answer["env"], 0
            return proc
        raise _BackendDown()

    def _on_backend(self, slot: _Slot, state: _BackendState, index: int, body: str, timeout: float) -> ProofResult:
        attempts = 0
        while True:
            proc = self._start(slot, state)
            attempts += 1
            fresh = slot.proofs == 0
            slot.proofs += 1
            try:
                r = self._judge(proc, slot.header_env, index, body, timeout, state.backend.declines_with)
            except ReplFailure as e:
                slot.stop()
                self._count(f"killed_{e.kind}")
                retry = e.kind in ("crash", "protocol") or (e.kind == "memory" and not fresh)
                if retry and attempts <= self.retries:
                    continue
                return ProofResult(index, _KILL_STATUS.get(e.kind, CRASH), str(e), backend=state.backend.name,
                                   attempts=attempts)
            r.backend, r.attempts = state.backend.name, attempts
            if slot.proofs >= self.max_proofs_per_process:
                slot.stop()
                self._count("recycled")
            elif self.recycle_rss and (proc.rss() or 0) > self.recycle_rss:
                slot.stop()
                self._count("recycled_memory")
            return r

    def _judge(self, proc: ReplProcess, env: Any, index: int, body: str, timeout: float,
               declines_with: str | None = None) -> ProofResult:
        answer = proc.request({"cmd": body, "env": env}, timeout)
        if "env" not in answer:
            # e.g. {"message": "Unknown environment."}: this process lost its state
            proc.kill()
            raise ReplFailure("protocol", f"the REPL answered without an environment: {str(answer)[:200]}")
        messages = [m for m in answer.get("messages") or [] if isinstance(m, dict)]
        sorries = [s for s in answer.get("sorries") or [] if isinstance(s, dict)]
        result = ProofResult(index, FAIL, messages=messages, sorries=sorries)
        errors = errors_of(answer)
        declined = [m for m in errors if declines_with and declines_with in message_text(m)]
        if declined:
            result.status = DECLINED
            result.reason = (f"this REPL cannot judge it: {message_text(declined[0]).splitlines()[0]} "
                             f"(at {message_where(declined[0])})")
            return result
        if errors:
            first = message_text(errors[0]).splitlines()
            result.reason = f"error at {message_where(errors[0])}: {first[0] if first else ''}" + \
                (f" (and {len(errors) - 1} more)" if len(errors) > 1 else "")
            return result
        if uses_sorry(answer):
            result.reason = "uses sorry"
            return result
        if not self.audit_axioms:
            result.status = PASS
            return result
        decls = declarations(body)
        unnamed = [d for d in decls if d.name is None]
        if unnamed:
            d = unnamed[0]
            result.reason = (f"cannot audit axioms: the `{d.keyword}` at line {d.line} has no name to ask "
                             f"`#print axioms` about (state it as `theorem NAME ...`)")
            return result
        if not decls:
            result.reason = "no declaration to check (expected a theorem, lemma or def)"
            return result
        audit = "\n".join(f"#print axioms {d.name}" for d in decls)
        reply = proc.request({"cmd": audit, "env": answer["env"]}, timeout)
        by_line: dict[int, list[dict]] = {}
        for m in reply.get("messages") or []:
            if isinstance(m, dict) and isinstance(m.get("pos"), dict):
                by_line.setdefault(m["pos"].get("line"), []).append(m)
        axioms: dict[str, list[str]] = {}
        for line, d in enumerate(decls, start=1):
            found = None
            for m in by_line.get(line, []):
                if m.get("severity") == "error":
                    result.reason = f"axiom audit of {d.name} failed: {message_text(m).splitlines()[0]}"
                    result.axioms = axioms
                    return result
                found = found or parse_axioms_answer(message_text(m))
            if found is None:
                result.reason = f"axiom audit of {d.name} got no answer ({str(reply)[:160]})"
                result.axioms = axioms
                return result
            axioms[d.name] = found[1]
        result.axioms = axioms
        bad = sorted({a for deps in axioms.values() for a in deps} - self.allowed_axioms)
        if bad:
            result.reason = f"depends on axioms outside the allowed set: {', '.join(bad)}"
            return result
        result.status = PASS
        return result
