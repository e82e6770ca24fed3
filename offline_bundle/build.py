"""`leanr-bundle build`: copy a toolchain, a built Lake project, a REPL binary and wheels into one
bundle directory with a MANIFEST.json, optionally strip what batch checking does not need, and pack
it into a deterministic tar archive."""
from __future__ import annotations

import gzip
import io
import lzma
import os
import shutil
import subprocess
import sys
import tarfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .manifest import (CHUNK, FORMAT, MANIFEST_NAME, PROJECT, REPL, TOOLCHAIN, WHEELS, BundleError,
                       dump_manifest, human_size, parse_githash, parse_lean_version, read_olean_githash)

STRIP_CATEGORIES = ("ilean", "c", "src", "git")
STRIP_HELP = {
    "ilean": ".ilean files (editor/server index; not read by `lean` when checking)",
    "c": "C code and objects (.c, .o, .c.o.*) emitted for native compilation",
    "src": ".lean sources of the toolchain and of dependencies (lakefile.lean kept; the project's own kept)",
    "git": ".git directories",
}
ARCHIVE_KINDS = ("auto", "zst", "xz", "gz", "none")


@dataclass
class _Item:
    src: Path
    rel: str        # path inside the bundle, '/'-separated
    component: str


@dataclass
class BuildResult:
    out: Path
    manifest: dict
    archive: Path | None = None
    archive_bytes: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def size_report(self) -> str:
        m = self.manifest
        rows = [("component", "files", "size")]
        total_f = total_b = 0
        for name, c in sorted(m["components"].items()):
            rows.append((name, str(c["files"]), human_size(c["bytes"])))
            total_f += c["files"]
            total_b += c["bytes"]
        rows.append(("total", str(total_f), human_size(total_b)))
        for cat, s in sorted(m["stripped"].items()):
            rows.append((f"stripped {cat}", str(s["files"]), human_size(s["bytes"])))
        if self.archive is not None:
            rows.append((f"archive {self.archive.name}", "", human_size(self.archive_bytes)))
        w0 = max(len(r[0]) for r in rows)
        w1 = max(len(r[1]) for r in rows)
        return "\n".join(f"{a:<{w0}}  {b:>{w1}}  {c}" for a, b, c in rows)


class Progress:
    """A one-line progress bar on stderr (only when enabled, e.g. on a terminal)."""

    def __init__(self, label: str, total: int, enabled: bool):
        self.label, self.total, self.enabled = label, max(total, 1), enabled
        self.done = 0
        self._lock = threading.Lock()
        self._last = 0.0

    def add(self, n: int) -> None:
        with self._lock:
            self.done += n
            now = time.monotonic()
            if self.enabled and (now - self._last > 0.1 or self.done >= self.total):
                self._last = now
                frac = min(self.done / self.total, 1.0)
                bar = "#" * int(frac * 30)
                sys.stderr.write(f"\r{self.label:<10} [{bar:<30}] {frac * 100:5.1f}% "
                                 f"{human_size(self.done)}/{human_size(self.total)}")
                sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _strip_category(rel: str, component: str) -> str | None:
    """Which strip category a bundle path belongs to (None: never stripped)."""
    parts = rel.split("/")
    name = parts[-1]
    if ".git" in parts[:-1] or name == ".git":
        return "git"
    if name.endswith(".ilean"):
        return "ilean"
    if name.endswith((".c", ".o")) or ".c.o." in name:
        return "c"
    if name.endswith(".lean") and name != "lakefile.lean":
        if component == TOOLCHAIN and len(parts) > 1 and parts[1] == "src":
            return "src"
        if component == PROJECT and len(parts) > 3 and parts[1] == ".lake" and parts[2] == "packages":
            return "src"
    return None


def _walk(src: Path, prefix: str, component: str, items: list[_Item], links: list[dict],
          seen: set[str]) -> None:
    """Collect regular files under src; keep symlinks that stay inside src, follow the others."""
    src_real = os.path.realpath(src)
    stack = [(src, prefix)]
    while stack:
        d, p = stack.pop()
        real = os.path.realpath(d)
        if real in seen:            # a symlink cycle
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as e:
            raise BundleError(f"{d}: cannot list ({e.strerror})") from None
        for e in entries:
            rel = f"{p}/{e.name}"
            if e.is_symlink():
                target = os.readlink(e.path)
                resolved = os.path.realpath(e.path)
                inside = resolved == src_real or resolved.startswith(src_real + os.sep)
                if not os.path.exists(resolved):
                    continue        # a dangling link is dropped
                if inside and not os.path.isabs(target):
                    links.append({"path": rel, "target": target, "component": component})
                    continue
                if os.path.isdir(resolved):
                    stack.append((Path(e.path), rel))
                else:
                    items.append(_Item(Path(e.path), rel, component))
            elif e.is_dir(follow_symlinks=False):
                stack.append((Path(e.path), rel))
            elif e.is_file(follow_symlinks=False):
                items.append(_Item(Path(e.path), rel, component))


def _run_text(argv: list[str], timeout: float = 60) -> str | None:
    try:
        r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout if r.returncode == 0 else None


def find_lean_path(bundle: Path) -> tuple[list[str], list[str]]:
    """LEAN_PATH and LEAN_SRC_PATH entries (bundle-relative) for a bundle laid out by `build`."""
    lean_path: list[str] = []
    src_path: list[str] = []

    def olean_dir(build_lib: Path) -> Path | None:
        if (build_lib / "lean").is_dir():
            return build_lib / "lean"       # newer Lake: .lake/build/lib/lean
        return build_lib if build_lib.is_dir() else None

    if (bundle / TOOLCHAIN / "lib" / "lean").is_dir():
        lean_path.append(f"{TOOLCHAIN}/lib/lean")
    if (bundle / TOOLCHAIN / "src" / "lean").is_dir():
        src_path.append(f"{TOOLCHAIN}/src/lean")
    proj = bundle / PROJECT
    if proj.is_dir():
        pkgs = proj / ".lake" / "packages"
        if pkgs.is_dir():
            for pkg in sorted(pkgs.iterdir(), key=lambda p: p.name):
                d = olean_dir(pkg / ".lake" / "build" / "lib")
                if d is not None:
                    lean_path.append(d.relative_to(bundle).as_posix())
                if pkg.is_dir():
                    src_path.append(pkg.relative_to(bundle).as_posix())
        d = olean_dir(proj / ".lake" / "build" / "lib")
        if d is not None:
            lean_path.append(d.relative_to(bundle).as_posix())
        src_path.append(PROJECT)
    return lean_path, src_path


def _copy_and_hash(src: Path, dst: Path, progress: Progress) -> tuple[int, str, bool]:
    import hashlib
    h = hashlib.sha256()
    size = 0
    with open(src, "rb") as fi, open(dst, "wb") as fo:
        while True:
            b = fi.read(CHUNK)
            if not b:
                break
            h.update(b)
            fo.write(b)
            size += len(b)
            progress.add(len(b))
    ex = bool(os.stat(src).st_mode & 0o111)
    os.chmod(dst, 0o755 if ex else 0o644)
    return size, h.hexdigest(), ex


def build_bundle(out: str | os.PathLike, *, toolchain: str | os.PathLike,
                 project: str | os.PathLike | None = None, repl: str | os.PathLike | None = None,
                 wheels: Iterable[str | os.PathLike] = (), strip: Iterable[str] = (),
                 archive: str = "none", archive_path: str | os.PathLike | None = None,
                 force: bool = False, progress: bool = False, jobs: int = 4,
                 log: Callable[[str], None] = lambda s: None) -> BuildResult:
    t0 = time.monotonic()
    out = Path(out)
    strip = set(strip)
    bad = strip - set(STRIP_CATEGORIES)
    if bad:
        raise BundleError(f"unknown strip category {sorted(bad)[0]!r} (known: {', '.join(STRIP_CATEGORIES)}, all)")
    if archive not in ARCHIVE_KINDS:
        raise BundleError(f"unknown archive kind {archive!r} (known: {', '.join(ARCHIVE_KINDS)})")
    tc = Path(toolchain)
    if not tc.is_dir():
        raise BundleError(f"toolchain {tc}: not a directory")
    if not (tc / "bin" / "lean").is_file():
        raise BundleError(f"toolchain {tc}: no bin/lean (expected an elan toolchain directory, "
                          f"e.g. ~/.elan/toolchains/leanprover--lean4---v4.9.0)")
    if project is not None:
        project = Path(project)
        if not project.is_dir():
            raise BundleError(f"project {project}: not a directory")
        if not any((project / n).is_file() for n in ("lakefile.lean", "lakefile.toml", "lake-manifest.json")):
            raise BundleError(f"project {project}: no lakefile.lean, lakefile.toml or lake-manifest.json")
        if not (project / ".lake").is_dir():
            raise BundleError(f"project {project}: no .lake directory (run `lake build` there first)")
    if repl is not None:
        repl = Path(repl)
        if not repl.is_file():
            raise BundleError(f"repl {repl}: not a file")
    wheel_paths = [Path(w) for w in wheels]
    for w in wheel_paths:
        if not w.is_file():
            raise BundleError(f"wheel {w}: not a file")
    if out.exists():
        if not out.is_dir() or any(out.iterdir()):
            if not force:
                raise BundleError(f"output {out}: exists and is not empty (use --force to replace it)")
            shutil.rmtree(out) if out.is_dir() else out.unlink()

    # plan
    items: list[_Item] = []
    links: list[dict] = []
    _walk(tc, TOOLCHAIN, TOOLCHAIN, items, links, set())
    if project is not None:
        _walk(project, PROJECT, PROJECT, items, links, set())
    if repl is not None:
        items.append(_Item(repl, f"{REPL}/{repl.name}", REPL))
    for w in wheel_paths:
        items.append(_Item(w, f"{WHEELS}/{w.name}", WHEELS))

    stripped: dict[str, dict[str, int]] = {}
    kept: list[_Item] = []
    for it in items:
        cat = _strip_category(it.rel, it.component)
        if cat is not None and cat in strip:
            s = stripped.setdefault(cat, {"files": 0, "bytes": 0})
            s["files"] += 1
            s["bytes"] += it.src.stat().st_size
        else:
            kept.append(it)
    links = [l for l in links if not (_strip_category(l["path"], l["component"]) in strip)]
    seen_rel: dict[str, _Item] = {}
    for it in kept:
        if it.rel in seen_rel:
            raise BundleError(f"two inputs map to {it.rel} ({seen_rel[it.rel].src} and {it.src})")
        seen_rel[it.rel] = it

    # copy + hash (threads: hashlib and file I/O release the GIL)
    out.mkdir(parents=True, exist_ok=True)
    for d in sorted({str(Path(it.rel).parent) for it in kept} | {str(Path(l["path"]).parent) for l in links}):
        (out / d).mkdir(parents=True, exist_ok=True)
    total = sum(it.src.stat().st_size for it in kept)
    bar = Progress("copying", total, progress)
    files = []
    comps: dict[str, dict[str, int]] = {}
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
            futs = [(it, ex.submit(_copy_and_hash, it.src, out / it.rel, bar)) for it in kept]
            for it, f in futs:
                size, digest, exe = f.result()
                files.append({"path": it.rel, "size": size, "sha256": digest, "exec": exe})
                c = comps.setdefault(it.component, {"files": 0, "bytes": 0})
                c["files"] += 1
                c["bytes"] += size
    except OSError as e:
        raise BundleError(f"copy failed: {e.filename}: {e.strerror}") from None
    finally:
        bar.close()
    for l in links:
        os.symlink(l["target"], out / l["path"])
        comps.setdefault(l["component"], {"files": 0, "bytes": 0})

    # Lean version, from the binary and from the oleans
    warnings: list[str] = []
    lean_bin = out / TOOLCHAIN / "bin" / "lean"
    vtext = _run_text([str(lean_bin), "--version"])
    version, commit = parse_lean_version(vtext or "")
    gtext = _run_text([str(lean_bin), "--githash"])
    githash = parse_githash(gtext or "") or None
    if vtext is None:
        warnings.append(f"{TOOLCHAIN}/bin/lean --version did not run here; Lean version not recorded")
    init = out / TOOLCHAIN / "lib" / "lean" / "Init.olean"
    hdr = read_olean_githash(init) if init.is_file() else None
    olean_githash = hdr[1] if hdr else None
    if githash and olean_githash and githash != olean_githash:
        warnings.append(f"lean --githash {githash} differs from Init.olean's {olean_githash}")

    lean_path, src_path = find_lean_path(out)
    manifest = {
        "format": FORMAT,
        "lean": {"version": version, "githash": githash or commit, "olean_githash": olean_githash},
        "components": {k: comps[k] for k in sorted(comps)},
        "stripped": {k: stripped[k] for k in sorted(stripped)},
        "files": files,
        "symlinks": [{"path": l["path"], "target": l["target"]} for l in links],
        "layout": {
            "lean": f"{TOOLCHAIN}/bin/lean",
            "lake": f"{TOOLCHAIN}/bin/lake" if (out / TOOLCHAIN / "bin" / "lake").is_file() else None,
            "repl": f"{REPL}/{repl.name}" if repl is not None else None,
            "project": PROJECT if project is not None else None,
            "lean_path": lean_path,
            "lean_src_path": src_path,
            "wheels": sorted(f"{WHEELS}/{w.name}" for w in wheel_paths),
        },
    }
    (out / MANIFEST_NAME).write_bytes(dump_manifest(manifest))
    res = BuildResult(out=out, manifest=manifest, warnings=warnings)
    if archive != "none":
        res.archive = write_archive(out, manifest, archive, archive_path, progress=progress)
        res.archive_bytes = res.archive.stat().st_size
    res.seconds = time.monotonic() - t0
    return res


# --- archives -----------------------------------------------------------------------------------

def zstd_available() -> bool:
    return shutil.which("zstd") is not None


def archive_suffix(kind: str) -> str:
    return {"zst": ".tar.zst", "xz": ".tar.xz", "gz": ".tar.gz"}[kind]


def write_archive(bundle: Path, manifest: dict, kind: str = "auto",
                  path: str | os.PathLike | None = None, progress: bool = False) -> Path:
    """A deterministic tar (sorted, mtime 0, root-owned, modes 644/755) with MANIFEST.json first."""
    if kind == "auto":
        kind = "zst" if zstd_available() else "gz"
    if kind == "zst" and not zstd_available():
        raise BundleError("zstd archive requested but the `zstd` program is not installed (use --archive gz or xz)")
    dest = Path(path) if path is not None else bundle.with_name(bundle.name + archive_suffix(kind))
    total = sum(e["size"] for e in manifest["files"])
    bar = Progress("archiving", total, progress)
    raw_path = dest.with_name(dest.name + ".part")
    try:
        target = raw_path.with_name(raw_path.name + ".tar") if kind == "zst" else raw_path
        fh = open(target, "wb")
        if kind == "gz":
            raw = gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=6)
        elif kind == "xz":
            raw = lzma.LZMAFile(fh, "wb", preset=6)
        else:
            raw = fh
        with fh, raw:
            with tarfile.open(fileobj=raw, mode="w|", format=tarfile.PAX_FORMAT) as tf:
                def add(rel: str, exe: bool, size: int, link: str | None = None) -> None:
                    ti = tarfile.TarInfo(rel)
                    ti.mtime = 0
                    ti.uid = ti.gid = 0
                    ti.uname = ti.gname = ""
                    if link is not None:
                        ti.type = tarfile.SYMTYPE
                        ti.linkname = link
                        ti.mode = 0o777
                        tf.addfile(ti)
                        return
                    ti.mode = 0o755 if exe else 0o644
                    ti.size = size
                    with open(bundle / rel, "rb") as f:
                        tf.addfile(ti, f)
                    bar.add(size)
                mbytes = (bundle / MANIFEST_NAME).read_bytes()
                ti = tarfile.TarInfo(MANIFEST_NAME)
                ti.mtime, ti.mode, ti.size = 0, 0o644, len(mbytes)
                ti.uname = ti.gname = ""
                tf.addfile(ti, io.BytesIO(mbytes))
                for e in sorted(manifest["files"], key=lambda e: e["path"]):
                    add(e["path"], e.get("exec", False), e["size"])
                for l in sorted(manifest["symlinks"], key=lambda e: e["path"]):
                    add(l["path"], False, 0, l["target"])
        if kind == "zst":
            tar_path = raw_path.with_name(raw_path.name + ".tar")
            r = subprocess.run(["zstd", "-q", "-f", "-T0", "-10", str(tar_path), "-o", str(raw_path)],
                               capture_output=True, text=True)
            tar_path.unlink(missing_ok=True)
            if r.returncode != 0:
                raise BundleError(f"zstd failed: {r.stderr.strip()}")
        os.replace(raw_path, dest)
    except OSError as e:
        raise BundleError(f"archive {dest}: {e.strerror or e}") from None
    finally:
        bar.close()
        raw_path.unlink(missing_ok=True)
    return dest


def open_archive_stream(path: Path):
    """(tarfile opened for streaming, cleanup callable) for .tar, .tar.gz, .tar.xz, .tar.zst."""
    name = path.name
    if name.endswith((".zst", ".zstd", ".tzst")):
        if not zstd_available():
            raise BundleError(f"{path}: a zstd archive needs the `zstd` program, which is not installed")
        proc = subprocess.Popen(["zstd", "-dc", "-q", str(path)], stdout=subprocess.PIPE)
        tf = tarfile.open(fileobj=proc.stdout, mode="r|")

        def cleanup() -> None:
            tf.close()
            proc.stdout.close()
            proc.wait()
        return tf, cleanup
    try:
        tf = tarfile.open(path, mode="r|*")
    except (tarfile.TarError, OSError) as e:
        raise BundleError(f"{path}: not a readable tar archive ({e})") from None
    return tf, tf.close


def is_archive(path: Path) -> bool:
    return path.is_file() and any(path.name.endswith(s) for s in
                                  (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.zst", ".tzst"))
