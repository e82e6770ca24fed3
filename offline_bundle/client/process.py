"""One REPL process: start it, send a command, wait for its answer within a deadline while watching
its memory, and kill it (with everything it started) when it crashes, hangs, floods memory or
prints garbage.

The REPL has no timeout of its own (heartbeats bound neither the kernel nor `native_decide`) and its
memory only grows (every environment it ever made is kept), so the deadline, the memory watch and
recycling all live here, outside it.
"""
from __future__ import annotations

import os
import pty
import resource
import selectors
import signal
import subprocess
import tempfile
import time
import tty
from typing import Any, Mapping, Sequence

from .protocol import ResponseFramer, encode_command, parse_response

POLL_SECONDS = 0.02                 # how often memory is sampled while waiting for an answer
MAX_RESPONSE_BYTES = 256 << 20      # an answer larger than this is garbage
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class ReplFailure(Exception):
    """The process could not answer; `kind` says how: crash | timeout | memory | protocol | start."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def process_rss(pid: int) -> int | None:
    """Anonymous resident memory of a process in bytes (Linux /proc), None when unknown.

    Anonymous memory (the heap) is what grows with every environment a REPL keeps; the pages of
    mapped .olean files are shared between processes and reclaimable, so they are not counted (the
    total resident size is used only on kernels that do not report RssAnon)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"RssAnon:"):
                    return int(line.split()[1]) * 1024
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


class ReplProcess:
    """A running REPL.  Not thread-safe: one caller at a time."""

    def __init__(self, argv: Sequence[str], *, env: Mapping[str, str] | None = None, cwd: str | None = None,
                 rss_limit: int | None = None, address_space_limit: int | None = None, stdout_pty: bool = False):
        """stdout_pty: give the REPL a pseudo-terminal as stdout, so that a REPL that never flushes
        (leanprover-community/repl before July 2024) still writes each answer at its newline."""
        self.argv = list(argv)
        self.rss_limit = rss_limit
        self.commands = 0            # commands answered by this process
        self.peak_rss = 0
        self._framer = ResponseFramer()
        self._stderr = tempfile.TemporaryFile(prefix="leanr-repl-stderr-")
        master = slave = None
        if stdout_pty:
            master, slave = pty.openpty()
            tty.setraw(slave)            # no echo, no "\n" -> "\r\n"
        try:
            # A session of its own, so that killing it kills whatever it started too.
            self._proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE,
                                          stdout=slave if stdout_pty else subprocess.PIPE,
                                          stderr=self._stderr, env=None if env is None else dict(env),
                                          cwd=cwd, start_new_session=True, bufsize=0)
        except OSError as e:
            self._stderr.close()
            for fd in (master, slave):
                if fd is not None:
                    os.close(fd)
            raise ReplFailure("start", f"cannot run {self.argv[0]}: {e.strerror or e}") from None
        if slave is not None:
            os.close(slave)
        self._out = os.fdopen(master, "rb", buffering=0) if master is not None else self._proc.stdout
        if address_space_limit:
            try:        # set from outside: preexec_fn is unsafe in a threaded program
                resource.prlimit(self._proc.pid, resource.RLIMIT_AS, (address_space_limit, address_space_limit))
            except (OSError, ValueError, AttributeError):
                pass
        os.set_blocking(self._out.fileno(), False)
        os.set_blocking(self._proc.stdin.fileno(), False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._out, selectors.EVENT_READ)

    @property
    def pid(self) -> int:
        return self._proc.pid

    def alive(self) -> bool:
        return self._proc.poll() is None

    def rss(self) -> int | None:
        return process_rss(self._proc.pid)

    def stderr_tail(self, limit: int = 400) -> str:
        try:
            self._stderr.seek(0, os.SEEK_END)
            size = self._stderr.tell()
            self._stderr.seek(max(0, size - limit))
            return self._stderr.read().decode("utf-8", errors="replace").strip()
        except (OSError, ValueError):
            return ""

    def request(self, command: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Send one command and return its answer, or raise ReplFailure (the process is then dead)."""
        data = encode_command(command)       # ProtocolInputError before anything is written
        deadline = time.monotonic() + timeout
        self._write(data, deadline, timeout)
        at_eof = False
        while True:
            block = self._framer.next_block()
            if block is not None:
                try:
                    response = parse_response(block)
                except ValueError:
                    self._fail("protocol", f"the REPL printed something that is not a JSON answer: {block[:120]!r}")
                self.commands += 1
                return response
            if at_eof:
                self._proc.wait()
                self._fail("crash", f"the REPL exited{self._exit_note()}")
            if self._framer.pending > MAX_RESPONSE_BYTES:
                self._fail("protocol", f"the REPL printed more than {MAX_RESPONSE_BYTES >> 20} MiB without ending an answer")
            self._check_memory()
            now = time.monotonic()
            if now >= deadline:
                self._fail("timeout", f"no answer within {timeout:g} s")
            if self._selector.select(min(POLL_SECONDS, deadline - now)):
                at_eof = not self._drain()
            elif self._proc.poll() is not None:      # exited (a child may still hold its stdout open)
                self._drain()
                at_eof = True

    def _write(self, data: bytes, deadline: float, timeout: float) -> None:
        """Write the whole command, within the deadline (a command larger than the pipe's buffer
        blocks until the REPL reads it, and a wedged REPL never does)."""
        fd = self._proc.stdin.fileno()
        view = memoryview(data)
        with selectors.DefaultSelector() as writable:
            writable.register(fd, selectors.EVENT_WRITE)
            while view:
                now = time.monotonic()
                if now >= deadline:
                    self._fail("timeout", f"the REPL did not read the command within {timeout:g} s")
                if not writable.select(min(POLL_SECONDS * 5, deadline - now)):
                    if self._proc.poll() is not None:
                        self._fail("crash", f"the REPL exited before reading the command{self._exit_note()}")
                    continue
                try:
                    view = view[os.write(fd, view):]
                except BlockingIOError:
                    continue
                except OSError:          # EPIPE: it exited
                    self._fail("crash", f"the REPL exited before reading the command{self._exit_note()}")

    def _drain(self) -> bool:
        """Read what is available; False at end of file."""
        got_any = False
        while True:
            try:
                chunk = os.read(self._out.fileno(), 1 << 16)
            except BlockingIOError:
                return True
            except OSError:          # EIO: a pseudo-terminal whose other end is closed
                return got_any
            if not chunk:
                return False
            got_any = True
            self._framer.feed(chunk)
            if self._framer.pending > MAX_RESPONSE_BYTES:
                return True

    def _check_memory(self) -> None:
        rss = self.rss()
        if rss is None:
            return
        self.peak_rss = max(self.peak_rss, rss)
        if self.rss_limit and rss > self.rss_limit:
            self._fail("memory", f"the REPL used {rss >> 20} MiB, over the limit of {self.rss_limit >> 20} MiB")

    def _exit_note(self) -> str:
        code = self._proc.poll()
        if code is None:
            return ""
        how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
        tail = self.stderr_tail()
        return f" ({how}{'; stderr: ' + tail if tail else ''})"

    def _fail(self, kind: str, message: str):
        self.kill()
        raise ReplFailure(kind, message)

    def kill(self) -> None:
        """Kill the process and its whole session; safe to call more than once."""
        if self._proc.poll() is None:
            try:
                os.killpg(self._proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                try:
                    self._proc.kill()
                except ProcessLookupError:
                    pass
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for closer in (self._selector.close, self._proc.stdin.close, self._out.close, self._stderr.close):
            try:
                closer()
            except (OSError, ValueError, KeyError):
                pass

    close = kill
