"""`leanr-bundle thaw` / `env`: make a bundle usable on the target without copying its large
read-only parts, and compute the environment that runs the real Lean from it offline.

The toolchain, the oleans and the sources stay where they are (e.g. under /kaggle/input): LEAN_PATH,
LEAN_SYSROOT and LD_LIBRARY_PATH point into the bundle.  Only small things go to the writable work
directory: `bin/` (symlinks to the executables, or copies with the exec bit restored when the bundle's
copy is not executable or sits on a noexec mount), a shadow `project/` whose `.lake` is writable and
whose contents are symlinks into the bundle, an empty ELAN_HOME, `env.sh` and `thaw.json`.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .build import is_archive, open_archive_stream
from .manifest import MANIFEST_NAME, TOOLCHAIN, BundleError, load_manifest

THAW_STATE = "thaw.json"
ENV_SCRIPT = "env.sh"
SMALL_FILE = 1 << 20
# project files Lake may rewrite: copied into the shadow project (everything else is linked)
PROJECT_CONFIG = ("lakefile.lean", "lakefile.toml", "lake-manifest.json", "lean-toolchain")


@dataclass
class ThawResult:
    bundle: Path
    workdir: Path
    env: dict[str, str]
    actions: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _on_noexec_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & getattr(os, "ST_NOEXEC", 8))
    except OSError:
        return False


def compute_env(bundle: str | os.PathLike, manifest: dict | None = None, workdir: str | os.PathLike | None = None,
                base: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every variable needed to run the bundle's Lean offline (only the variables set; PATH and
    LD_LIBRARY_PATH include base's values after the bundle's)."""
    root = Path(bundle).resolve()
    m = manifest if manifest is not None else load_manifest(root)
    base = os.environ if base is None else base
    layout = m.get("layout") or {}
    wd = Path(workdir).resolve() if workdir is not None else None
    tc = root / TOOLCHAIN

    def join(parts: list[str], old: str | None) -> str:
        return os.pathsep.join(parts + ([old] if old else []))

    bins = ([str(wd / "bin")] if wd else []) + [str(tc / "bin")]
    env = {
        "PATH": join(bins, base.get("PATH")),
        "LEAN_SYSROOT": str(tc),
        "LEAN_PATH": os.pathsep.join(str(root / p) for p in layout.get("lean_path", [])),
        "LEAN_SRC_PATH": os.pathsep.join(str(root / p) for p in layout.get("lean_src_path", [])),
        "LD_LIBRARY_PATH": join([str(tc / "lib"), str(tc / "lib" / "lean")], base.get("LD_LIBRARY_PATH")),
        # Keep Lake, Mathlib's cache and git off the network (unverified against real Lake: see README).
        "LAKE_NO_CACHE": "1",
        "MATHLIB_NO_CACHE_ON_UPDATE": "1",
        "GIT_TERMINAL_PROMPT": "0",
        "LEANR_BUNDLE": str(root),
    }
    if wd is not None:
        env["ELAN_HOME"] = str(wd / "elan")   # empty: no elan toolchain resolution, no downloads
    lean_dir = wd / "bin" if wd else tc / "bin"
    env["LEANR_LEAN"] = str(lean_dir / "lean")
    if layout.get("lake"):
        env["LEANR_LAKE"] = str(lean_dir / "lake")
    if layout.get("repl"):
        env["LEANR_REPL"] = str((wd / "bin" / Path(layout["repl"]).name) if wd else root / layout["repl"])
    if layout.get("project"):
        env["LEANR_PROJECT"] = str(wd / "project" if wd else root / layout["project"])
    if layout.get("wheels"):
        env["LEANR_WHEELS"] = str(root / "wheels")
    return env


def format_exports(env: Mapping[str, str]) -> str:
    return "".join(f"export {k}={shlex.quote(v)}\n" for k, v in sorted(env.items()))


def merged_env(env: Mapping[str, str], base: Mapping[str, str] | None = None) -> dict[str, str]:
    """os.environ (or base) updated with env: what to pass to subprocess.run(env=...)."""
    out = dict(os.environ if base is None else base)
    out.update(env)
    return out


def _extract(archive: Path, dest: Path) -> None:
    tf, cleanup = open_archive_stream(archive)
    try:
        for ti in tf:
            try:
                tf.extract(ti, dest, filter="data")
            except tarfile.FilterError as e:
                raise BundleError(f"{archive}: refused unsafe member {ti.name!r} ({e})") from None
    except (tarfile.TarError, OSError, EOFError) as e:
        raise BundleError(f"{archive}: cannot extract ({e})") from None
    finally:
        cleanup()


def _fresh_link(link: Path, target: Path) -> None:
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.is_dir():
        shutil.rmtree(link)
    link.symlink_to(target)


def thaw(bundle: str | os.PathLike, workdir: str | os.PathLike, *, copy_executables: str = "auto",
         check_sizes: bool = True) -> ThawResult:
    """Prepare `workdir` (writable) to run `bundle` (a directory, possibly read-only, or an archive).

    copy_executables: "auto" copies an executable only when it cannot be executed in place; "always"
    copies them all; "never" only links.  No file of the bundle is written or copied otherwise."""
    t0 = time.monotonic()
    if copy_executables not in ("auto", "always", "never"):
        raise BundleError(f"copy_executables must be auto, always or never, not {copy_executables!r}")
    wd = Path(workdir)
    try:
        wd.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BundleError(f"workdir {wd}: cannot create ({e.strerror})") from None
    if not os.access(wd, os.W_OK):
        raise BundleError(f"workdir {wd}: not writable")
    wd = wd.resolve()
    actions: list[str] = []
    src = Path(bundle)
    if is_archive(src):
        root = wd / "bundle"
        if not (root / MANIFEST_NAME).is_file():
            actions.append(f"extracted {src} into {root} (an archive cannot be used in place; "
                           f"upload the bundle directory to avoid this copy)")
            root.mkdir(exist_ok=True)
            _extract(src, root)
    elif src.is_dir():
        root = src.resolve()
    else:
        raise BundleError(f"bundle {src}: not a directory or archive")
    m = load_manifest(root)
    layout = m.get("layout") or {}

    if check_sizes:      # fast structural check (stat only); `verify` does the hashing
        missing = []
        for e in m["files"]:
            try:
                if os.stat(root / e["path"]).st_size != e["size"]:
                    missing.append(f"{e['path']} (size differs)")
            except OSError:
                missing.append(f"{e['path']} (missing)")
        if missing:
            more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            raise BundleError(f"bundle {root} is incomplete: {', '.join(missing[:3])}{more}; "
                              f"run `leanr-bundle verify {root}`")

    # bin/: links to executables, copies where they cannot run in place
    bindir = wd / "bin"
    bindir.mkdir(exist_ok=True)
    exes = [e for e in m["files"] if e.get("exec") and (e["path"].startswith(f"{TOOLCHAIN}/bin/")
                                                         or e["path"] == layout.get("repl"))]
    for e in exes:
        p = root / e["path"]
        dst = bindir / p.name
        runnable = os.access(p, os.X_OK) and not _on_noexec_mount(p)
        if copy_executables == "always" or (copy_executables == "auto" and not runnable):
            if dst.is_symlink():
                dst.unlink()
            shutil.copyfile(p, dst)
            os.chmod(dst, 0o755)
            actions.append(f"copied {e['path']} to {dst} ({e['size']} bytes"
                           f"{'' if runnable else '; not executable in place'})")
        else:
            _fresh_link(dst, p)
            actions.append(f"linked {dst} -> {p}")

    # project/: a writable shadow of the bundle's project
    if layout.get("project"):
        bp = root / layout["project"]
        sp = wd / "project"
        (sp / ".lake" / "packages").mkdir(parents=True, exist_ok=True)
        for child in sorted(bp.iterdir(), key=lambda c: c.name):
            if child.name == ".lake":
                continue
            dst = sp / child.name
            if child.name in PROJECT_CONFIG and child.is_file() and child.stat().st_size <= SMALL_FILE:
                if dst.is_symlink():
                    dst.unlink()
                shutil.copyfile(child, dst)
                os.chmod(dst, 0o644)
            else:
                _fresh_link(dst, child)
        lake = bp / ".lake"
        if lake.is_dir():
            for child in sorted(lake.iterdir(), key=lambda c: c.name):
                if child.name in ("packages", "build") and child.is_dir():
                    sub = sp / ".lake" / child.name
                    sub.mkdir(exist_ok=True)
                    for g in sorted(child.iterdir(), key=lambda c: c.name):
                        _fresh_link(sub / g.name, g)
                else:
                    _fresh_link(sp / ".lake" / child.name, child)
        actions.append(f"made writable project shadow {sp} (links into {bp})")

    (wd / "elan").mkdir(exist_ok=True)
    env = compute_env(root, m, wd)
    (wd / ENV_SCRIPT).write_text(format_exports(env))
    (wd / THAW_STATE).write_text(json.dumps({"bundle": str(root), "env": env}, indent=1, sort_keys=True) + "\n")
    actions.append(f"wrote {wd / ENV_SCRIPT} (source it) and {wd / THAW_STATE}")
    return ThawResult(bundle=root, workdir=wd, env=env, actions=actions, seconds=time.monotonic() - t0)


def load_thawed_env(workdir: str | os.PathLike) -> tuple[Path, dict[str, str]] | None:
    p = Path(workdir) / THAW_STATE
    try:
        d = json.loads(p.read_text())
        return Path(d["bundle"]), dict(d["env"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
