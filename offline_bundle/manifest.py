"""MANIFEST.json: the bundle's table of contents (relative paths, sizes, SHA-256, Lean version).

The manifest is deterministic: the same inputs give the same bytes (sorted keys and entries, no
timestamps, no absolute paths), so two builds of the same toolchain and project can be compared with
`cmp`.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

FORMAT = "leanr-bundle/1"
MANIFEST_NAME = "MANIFEST.json"

# Top-level directories of a bundle, one per component.
TOOLCHAIN = "toolchain"
PROJECT = "project"
REPL = "repl"
WHEELS = "wheels"
COMPONENTS = (TOOLCHAIN, PROJECT, REPL, WHEELS)

CHUNK = 1 << 20


class BundleError(Exception):
    """A user-facing error (bad path, unreadable manifest ...): printed as one line, exit code 2."""


def sha256_file(path: str | os.PathLike, chunk: int = CHUNK) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            b = f.read(chunk)
            if not b:
                break
            h.update(b)
    return h.hexdigest()


def is_exec_mode(mode: int) -> bool:
    return bool(mode & 0o111)


def dump_manifest(manifest: dict[str, Any]) -> bytes:
    """Canonical bytes of a manifest (sorted keys, sorted entries, trailing newline)."""
    m = dict(manifest)
    m["files"] = sorted(m.get("files", []), key=lambda e: e["path"])
    m["symlinks"] = sorted(m.get("symlinks", []), key=lambda e: e["path"])
    return (json.dumps(m, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def parse_manifest(data: bytes, where: str = MANIFEST_NAME) -> dict[str, Any]:
    try:
        m = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BundleError(f"{where}: not valid JSON ({e})") from None
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        got = m.get("format") if isinstance(m, dict) else type(m).__name__
        raise BundleError(f"{where}: not a leanr bundle manifest (format {got!r}, expected {FORMAT!r})")
    files = m.get("files")
    if not isinstance(files, list) or not all(
        isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("size"), int)
        and isinstance(e.get("sha256"), str) for e in files
    ):
        raise BundleError(f"{where}: malformed 'files' list")
    for e in files + list(m.get("symlinks", [])):
        check_relpath(e["path"], where)
    m.setdefault("symlinks", [])
    return m


def check_relpath(p: str, where: str = MANIFEST_NAME) -> None:
    """Refuse absolute paths and `..` in a manifest (a manifest never points outside its bundle)."""
    if not p or p.startswith("/") or "\\" in p or any(part in ("", ".", "..") for part in p.split("/")):
        raise BundleError(f"{where}: unsafe path in manifest: {p!r}")


def load_manifest(root: str | os.PathLike) -> dict[str, Any]:
    path = Path(root) / MANIFEST_NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BundleError(f"{path}: no MANIFEST.json (is {root} a bundle directory?)") from None
    except OSError as e:
        raise BundleError(f"{path}: cannot read ({e.strerror})") from None
    return parse_manifest(data, str(path))


# --- Lean version strings ---------------------------------------------------------------------

_VERSION_RE = re.compile(r"version\s+([0-9A-Za-z.\-+_]+?)(?:[,)\s]|$)")
_COMMIT_RE = re.compile(r"commit\s+([0-9a-f]{7,40})")
_HASH_RE = re.compile(r"\b([0-9a-f]{40})\b")


def parse_lean_version(text: str) -> tuple[str | None, str | None]:
    """`Lean (version 4.9.0, x86_64-unknown-linux-gnu, commit abc..., Release)` -> ("4.9.0", "abc...")."""
    v = _VERSION_RE.search(text)
    c = _COMMIT_RE.search(text)
    return (v.group(1) if v else None, c.group(1) if c else None)


def parse_githash(text: str) -> str | None:
    m = _HASH_RE.search(text)
    return m.group(1) if m else None


# --- .olean headers -----------------------------------------------------------------------------
# Lean 4's olean header (src/runtime/... `olean_header`): 5 bytes "olean", 1 version byte, the
# githash of the Lean that wrote it (40 hex chars, NUL padded), then the base address.  Read from the
# layout as documented by third parties; NOT yet checked here against a real .olean file.

OLEAN_MAGIC = b"olean"


def read_olean_githash(path: str | os.PathLike) -> tuple[int, str] | None:
    """(header version, githash) of an .olean, or None when the file has no olean header."""
    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError:
        return None
    if len(head) < 6 + 40 or not head.startswith(OLEAN_MAGIC):
        return None
    version = head[5]
    field = head[6:6 + 42].split(b"\0", 1)[0]
    try:
        text = field.decode("ascii")
    except UnicodeDecodeError:
        return version, ""
    return version, text


def olean_header(githash: str, version: int = 1) -> bytes:
    """Header bytes as Lean writes them (used by tests to make fake oleans)."""
    return OLEAN_MAGIC + bytes([version]) + githash.encode("ascii").ljust(42, b"\0") + (0).to_bytes(8, "little")


def human_size(n: int) -> str:
    x = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if x < 1024 or unit == "TiB":
            return f"{x:.0f} {unit}" if unit == "B" else f"{x:.1f} {unit}"
        x /= 1024
    return f"{n} B"
