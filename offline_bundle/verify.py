"""`leanr-bundle verify`: compare a bundle directory (or archive) with its MANIFEST.json and report
each missing, corrupt, resized or unexpected file by path."""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .build import Progress, is_archive, open_archive_stream
from .manifest import MANIFEST_NAME, BundleError, load_manifest, parse_manifest, sha256_file


@dataclass(frozen=True)
class Problem:
    kind: str       # missing | corrupt | size | unexpected | symlink | structure | not-executable
    path: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.path}: {self.detail}"


@dataclass
class VerifyReport:
    root: str
    files: int = 0
    bytes: int = 0
    hashed: bool = True
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)   # not errors (e.g. lost exec bits)

    @property
    def ok(self) -> bool:
        return not self.problems

    def render(self) -> str:
        lines = [str(p) for p in self.problems] + [f"note: {str(n)}" for n in self.notes]
        what = "sizes and SHA-256" if self.hashed else "sizes only (--fast)"
        verdict = "OK" if self.ok else f"{len(self.problems)} problem(s)"
        lines.append(f"{self.root}: {self.files} files checked ({what}): {verdict}")
        return "\n".join(lines)


def verify_bundle(path: str | os.PathLike, *, fast: bool = False, jobs: int = 4,
                  progress: bool = False) -> VerifyReport:
    p = Path(path)
    if is_archive(p):
        return _verify_archive(p, fast=fast)
    if not p.is_dir():
        raise BundleError(f"{p}: not a bundle directory or archive")
    m = load_manifest(p)
    rep = VerifyReport(str(p), hashed=not fast)
    expected = {e["path"]: e for e in m["files"]}
    links = {l["path"]: l for l in m["symlinks"]}

    found_files: set[str] = set()
    found_links: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(p):
        rel_dir = os.path.relpath(dirpath, p)
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
            if os.path.islink(full):
                found_links.add(rel)
            elif name in filenames:
                found_files.add(rel)
    found_files.discard(MANIFEST_NAME)

    for rel in sorted(found_files - expected.keys()):
        rep.problems.append(Problem("unexpected", rel, "not listed in MANIFEST.json"))
    for rel in sorted(found_links - links.keys()):
        rep.problems.append(Problem("unexpected", rel, "symlink not listed in MANIFEST.json"))
    for rel, l in sorted(links.items()):
        if rel not in found_links:
            rep.problems.append(Problem("missing", rel, f"symlink (to {l['target']}) is missing"))
        else:
            t = os.readlink(p / rel)
            if t != l["target"]:
                rep.problems.append(Problem("symlink", rel, f"points to {t}, expected {l['target']}"))

    to_hash = []
    for rel, e in sorted(expected.items()):
        if rel not in found_files:
            rep.problems.append(Problem("missing", rel, f"file of {e['size']} bytes is missing"))
            continue
        st = os.stat(p / rel)
        rep.files += 1
        rep.bytes += st.st_size
        if st.st_size != e["size"]:
            rep.problems.append(Problem("size", rel, f"{st.st_size} bytes, expected {e['size']}"))
            continue
        if e.get("exec") and not st.st_mode & 0o111:
            rep.notes.append(Problem("not-executable", rel,
                                     "lost its exec bit (thaw copies it and restores the bit)"))
        if not fast:
            to_hash.append((rel, e))
    if to_hash:
        bar = Progress("hashing", sum(e["size"] for _, e in to_hash), progress)

        def h(item):
            rel, e = item
            d = sha256_file(p / rel)
            bar.add(e["size"])
            return rel, e, d
        try:
            with ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
                for rel, e, d in ex.map(h, to_hash):
                    if d != e["sha256"]:
                        rep.problems.append(Problem("corrupt", rel, f"sha256 {d[:16]}…, expected {e['sha256'][:16]}…"))
        except OSError as e:
            raise BundleError(f"{e.filename}: cannot read ({e.strerror})") from None
        finally:
            bar.close()
    _check_layout(p, m, rep)
    rep.problems.sort(key=lambda x: (x.path, x.kind))
    return rep


def _check_layout(root: Path, m: dict, rep: VerifyReport) -> None:
    layout = m.get("layout") or {}
    for key in ("lean", "lake", "repl"):
        rel = layout.get(key)
        if rel and not (root / rel).is_file() and not any(x.path == rel for x in rep.problems):
            rep.problems.append(Problem("structure", rel, f"the {key} binary named by the manifest is absent"))
    for rel in layout.get("lean_path", []):
        if not (root / rel).is_dir():
            rep.problems.append(Problem("structure", rel, "LEAN_PATH directory named by the manifest is absent"))


def _verify_archive(path: Path, *, fast: bool) -> VerifyReport:
    rep = VerifyReport(str(path), hashed=not fast)
    tf, cleanup = open_archive_stream(path)
    try:
        first = tf.next()
        if first is None or first.name != MANIFEST_NAME:
            raise BundleError(f"{path}: first member is not {MANIFEST_NAME} (not a leanr bundle archive)")
        m = parse_manifest(tf.extractfile(first).read(), f"{path}:{MANIFEST_NAME}")
        expected = {e["path"]: e for e in m["files"]}
        links = {l["path"]: l for l in m["symlinks"]}
        seen: set[str] = set()
        for ti in tf:
            name = ti.name
            if ti is first:
                continue
            seen.add(name)
            if ti.issym():
                if name not in links:
                    rep.problems.append(Problem("unexpected", name, "symlink not listed in MANIFEST.json"))
                elif ti.linkname != links[name]["target"]:
                    rep.problems.append(Problem("symlink", name, f"points to {ti.linkname}, expected {links[name]['target']}"))
                continue
            if not ti.isfile():
                continue
            e = expected.get(name)
            if e is None:
                rep.problems.append(Problem("unexpected", name, "not listed in MANIFEST.json"))
                continue
            rep.files += 1
            rep.bytes += ti.size
            if ti.size != e["size"]:
                rep.problems.append(Problem("size", name, f"{ti.size} bytes, expected {e['size']}"))
                continue
            if not fast:
                h = hashlib.sha256()
                f = tf.extractfile(ti)
                while True:
                    b = f.read(1 << 20)
                    if not b:
                        break
                    h.update(b)
                if h.hexdigest() != e["sha256"]:
                    rep.problems.append(Problem("corrupt", name, f"sha256 {h.hexdigest()[:16]}…, expected {e['sha256'][:16]}…"))
        for rel in sorted(expected.keys() - seen):
            rep.problems.append(Problem("missing", rel, f"file of {expected[rel]['size']} bytes is missing"))
        for rel in sorted(links.keys() - seen):
            rep.problems.append(Problem("missing", rel, "symlink is missing"))
    except (OSError, EOFError) as e:
        raise BundleError(f"{path}: archive truncated or unreadable ({e})") from None
    except Exception as e:  # tarfile raises several types for damaged streams
        import tarfile
        if isinstance(e, (tarfile.TarError, __import__("zlib").error, __import__("lzma").LZMAError)):
            raise BundleError(f"{path}: archive damaged ({e})") from None
        raise
    finally:
        cleanup()
    rep.problems.sort(key=lambda x: (x.path, x.kind))
    return rep
