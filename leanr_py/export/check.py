"""Check a whole export file: read it line by line and submit each declaration to the kernel."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import IO, Any, Callable, Iterable, Iterator, Union

from ..gas import GasExhausted
from ..kernel.errors import KernelDecline, KernelError, release_traceback
from ..kernel.inductive import compare_claimed
from ..kernel.name import Name
from .errors import ExportDecline, ExportError
from .items import CHECK, INDUCTIVE, MUTUAL, QUOT, ExportItem
from .legacy import iter_legacy
from .ndjson import iter_ndjson

ACCEPT, REJECT, DECLINE = "accept", "reject", "decline"
NDJSON, LEGACY = "ndjson", "legacy"

Source = Union[str, "os.PathLike[str]", IO[str], IO[bytes], Iterable[str]]
Progress = Callable[[int, int, int], None]   # (lines read, bytes read, declarations checked)

PROGRESS_EVERY = 256


@dataclass(slots=True)
class ExportResult:
    status: str = ACCEPT
    format: str = NDJSON
    declarations: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    lines: int = 0
    error: str | None = None
    error_line: int | None = None
    error_decl: str | None = None
    parse_seconds: float = 0.0
    kernel_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == ACCEPT

    @property
    def total_seconds(self) -> float:
        return self.parse_seconds + self.kernel_seconds


class _LineSource:
    """Decoded lines with 1-based numbers; counts bytes for progress; invalid UTF-8 names its line."""

    def __init__(self, raw: Iterable[Any]) -> None:
        self._raw = iter(raw)
        self.line = 0
        self.bytes = 0
        self._peeked: list[str] = []

    def _decode(self, chunk: Any) -> str:
        self.line += 1
        if isinstance(chunk, bytes):
            self.bytes += len(chunk)
            try:
                return chunk.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ExportError(self.line, f"invalid UTF-8 ({exc.reason})") from None
        self.bytes += len(chunk)
        return chunk

    def peek_first_content(self) -> str:
        """The first non-blank line (kept for iteration)."""
        for chunk in self._raw:
            text = self._decode(chunk)
            self._peeked.append(text)
            if text.strip():
                return text
        return ""

    def __iter__(self) -> Iterator[str]:
        yield from self._peeked
        self._peeked = []
        for chunk in self._raw:
            yield self._decode(chunk)


def detect_format(first_line: str) -> str:
    return NDJSON if first_line.lstrip().startswith("{") else LEGACY


def iter_export(lines: Iterable[str]) -> Iterator[ExportItem]:
    """Parse any supported export format (without checking): the low-level item stream."""
    source = _LineSource(lines)
    fmt = detect_format(source.peek_first_content())
    return iter_ndjson(source) if fmt == NDJSON else iter_legacy(source)


def check_export(source: Source, env: Any = None, progress: Progress | None = None) -> ExportResult:
    """Read `source` (a path, an open file, or an iterable of lines) and check every declaration.

    Returns the verdict with counts and timings; never raises for bad input (I/O errors do raise OSError).
    """
    if env is None:
        from ..kernel.environment import Environment

        env = Environment()
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            return _check_lines(_LineSource(handle), env, progress)
    return _check_lines(_LineSource(source), env, progress)  # type: ignore[arg-type]


def _check_lines(lines: _LineSource, env: Any, progress: Progress | None) -> ExportResult:
    result = ExportResult()
    checker = _Checker(env, result)
    start = time.perf_counter()
    try:
        result.format = detect_format(lines.peek_first_content())
        items = iter_ndjson(lines) if result.format == NDJSON else iter_legacy(lines)
        for item in items:
            checker.submit(item)
            if progress is not None and result.declarations % PROGRESS_EVERY == 0:
                progress(lines.line, lines.bytes, result.declarations)
    except ExportDecline as exc:
        _fail(result, DECLINE, exc.line, None, exc.message)
    except ExportError as exc:
        _fail(result, REJECT, exc.line, None, exc.message)
    except _Verdict as v:
        _fail(result, v.status, v.line, v.decl, v.message)
    except RecursionError as exc:
        release_traceback(exc)
        _fail(result, DECLINE, lines.line, None, "term too deeply nested for this checker")
    except MemoryError:
        _fail(result, DECLINE, lines.line, None, "out of memory")
    result.lines = lines.line
    result.parse_seconds = max(0.0, time.perf_counter() - start - result.kernel_seconds)
    if progress is not None:
        progress(lines.line, lines.bytes, result.declarations)
    return result


def _fail(result: ExportResult, status: str, line: int, decl: str | None, message: str) -> None:
    result.status = status
    result.error_line = line
    result.error_decl = decl
    where = f"line {line}: " if line else ""
    result.error = f"{where}{decl}: {message}" if decl else f"{where}{message}"


class _Verdict(Exception):
    def __init__(self, status: str, line: int, decl: str, message: str) -> None:
        super().__init__(message)
        self.status, self.line, self.decl, self.message = status, line, decl, message


class _Checker:
    """Submits items to the kernel, timing the kernel and turning its errors into verdicts."""

    def __init__(self, env: Any, result: ExportResult) -> None:
        self.env = env
        self.result = result
        self.quot_added = False
        self.quot_seen: set[Name] = set()

    def submit(self, item: ExportItem) -> None:
        start = time.perf_counter()
        try:
            self._dispatch(item)
        except KernelDecline as exc:
            raise _Verdict(DECLINE, item.line, _decl_name(exc, item.name), exc.message) from None
        except KernelError as exc:
            raise _Verdict(REJECT, item.line, _decl_name(exc, item.name), exc.message) from None
        except RecursionError as exc:
            release_traceback(exc)
            raise _Verdict(DECLINE, item.line, str(item.name), "term too deeply nested for this checker") from None
        except GasExhausted as exc:
            raise _Verdict(DECLINE, item.line, str(item.name), f"{exc} (raise it with --max-steps)") from None
        finally:
            self.result.kernel_seconds += time.perf_counter() - start
        count = len(item.decl.defs) if item.kind == MUTUAL else 1  # type: ignore[union-attr]
        if item.kind != CHECK:
            self.result.declarations += count
            self.result.by_kind[item.kind] = self.result.by_kind.get(item.kind, 0) + count

    def _dispatch(self, item: ExportItem) -> None:
        if item.kind == INDUCTIVE:
            claimed = None if item.claimed is None else list(item.claimed)
            self.env.add_inductive(item.decl, claimed)
        elif item.kind == QUOT:
            self._add_quot(item)
        elif item.kind == CHECK:
            self._verify(item)
        else:
            self.env.add(item.decl)

    def _add_quot(self, item: ExportItem) -> None:
        for claimed in item.claimed or ():
            if claimed.name in self.quot_seen:
                raise KernelError("duplicate quotient declaration", claimed.name)
            self.quot_seen.add(claimed.name)
        if not self.quot_added:
            self.quot_added = True
            if not getattr(self.env, "quot_initialized", False):
                self.env.add(item.decl)
        self._verify(item)

    def _verify(self, item: ExportItem) -> None:
        """Claims about constants already installed (quotients; legacy recursors after their block)."""
        for claimed in item.claimed or ():
            actual = self.env.find(claimed.name)
            if actual is None:
                raise KernelError("not a constant the kernel installed", claimed.name)
            compare_claimed([actual], [claimed])


def _decl_name(exc: KernelError, fallback: Name) -> str:
    return str(exc.decl) if exc.decl is not None else str(fallback)
