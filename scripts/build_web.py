#!/usr/bin/env python3
"""Build the playground into dist/: a static site that needs no request outside its own origin.

    python3 scripts/build_web.py [--force] [--out DIR]

dist/
  index.html, style.css, app.js      the page; app.js is web/app.js bundled with CodeMirror 6 by esbuild
  worker.js                          the Web Worker (copied from the repository root)
  examples/                          the examples menu (web/examples/*.lean and its index)
  pyscript.html, pyscript/           the PyScript page and PyScript itself (npm @pyscript/core)
  pyodide/                           Pyodide's runtime files (npm `pyodide`), the wheels of leanr_py, lark and
                                     micropip, and a pyodide-lock.json written here that lists exactly these
                                     wheels with their own sha256 (the browser checks them against it)
  pyodide/leanr-warm.snapshot.gz     the warm start: a memory snapshot of Python with leanr_py and the prelude
                                     loaded (scripts/web_snapshot.mjs); the worker starts cold without it
  glue.py, site_install.py           the worker's Python side
  build-info.json                    versions and wheel names, read by the worker

Inputs: node_modules (`npm ci` when missing or older than package-lock.json); leanr_py's wheel, built from
the work tree with its build hook (setup.py: the prelude snapshot is made from the prelude being shipped);
lark and micropip downloaded with `pip download` (micropip at the version Pyodide's own lock file names). The registries are needed only when a
cache is cold. Nothing is rebuilt when the inputs' digest equals the one recorded in dist/.build-stamp.
Exit 0 built or up to date; 1 a step failed (its message says which).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WHEELS = Path(os.environ.get("PYODIDE_WHEELS_DIR", ROOT / ".pyodide-wheels"))
# the runtime files of the npm `pyodide` package the worker loads (no console pages, no source maps)
PYODIDE_RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "package.json")
PYODIDE_PLATFORM = ["--python-version", "3.14", "--implementation", "cp", "--abi", "cp314", "--abi", "abi3",
                    "--abi", "none", "--platform", "pyemscripten_2026_0_wasm32", "--platform", "any",
                    "--only-binary=:all:"]
# the files whose content decides whether dist/ is up to date
INPUTS = ("web", "worker.js", "package-lock.json", "leanr_py", "offline_bundle", "pyproject.toml", "setup.py",
          "scripts/build_web.py", "scripts/build_prelude_snapshot.py", "scripts/web_snapshot.mjs")
LARK_PIN = "lark==1.3.1"   # the version scripts/pyodide_wheels.sh pins for the engine tests in Pyodide


class BuildError(Exception):
    pass


def run(cmd: list[str], what: str, **kw: object) -> None:
    try:
        proc = subprocess.run(cmd, cwd=ROOT, **kw)  # type: ignore[call-overload]
    except FileNotFoundError as exc:
        raise BuildError(f"{what}: {cmd[0]} not found ({exc})") from None
    if proc.returncode != 0:
        raise BuildError(f"{what} failed (exit {proc.returncode}): {' '.join(cmd)}")


def python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def inputs_digest() -> str:
    h = hashlib.sha256()
    for top in INPUTS:
        p = ROOT / top
        files = [p] if p.is_file() else sorted(q for q in p.rglob("*") if q.is_file()) if p.exists() else []
        for f in files:
            if "__pycache__" in f.parts or f.suffix == ".pyc":
                continue
            h.update(str(f.relative_to(ROOT)).encode() + b"\0" + hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()[:20]


def ensure_node_modules() -> None:
    marker = ROOT / "node_modules" / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    needed = [ROOT / "node_modules" / "pyodide", ROOT / "node_modules" / "esbuild",
              ROOT / "node_modules" / "@codemirror" / "view", ROOT / "node_modules" / "@pyscript" / "core"]
    if all(p.exists() for p in needed) and marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return
    print("build_web: npm ci", file=sys.stderr)
    run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], "installing the npm packages")


def pyodide_lock() -> dict:
    return json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text())


def leanr_wheel_built(digest: str) -> Path:
    """leanr_py's wheel, built from a scratch copy of the work tree with the wheel build hook (setup.py) and
    the script it runs, so the wheel carries a prelude snapshot made from the prelude it ships."""
    cache = WHEELS / "web-project"
    stamp = cache / ".stamp"
    found = sorted(cache.glob("leanr_py-*.whl"))
    if len(found) == 1 and stamp.exists() and stamp.read_text() == digest:
        return found[0]
    print("build_web: building the leanr_py wheel", file=sys.stderr)
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for d in ("leanr_py", "offline_bundle"):
            shutil.copytree(ROOT / d, src / d, ignore=ignore)
        (src / "scripts").mkdir()
        for f in ("pyproject.toml", "setup.py", "README.md", "scripts/build_prelude_snapshot.py"):
            if (ROOT / f).exists():
                shutil.copy2(ROOT / f, src / f)
        run([python(), "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps",
             "-w", str(cache), str(src)], "building the leanr_py wheel")
    found = sorted(cache.glob("leanr_py-*.whl"))
    if len(found) != 1:
        raise BuildError(f"expected one leanr_py wheel in {cache}, found {found}")
    stamp.write_text(digest)
    return found[0]


def downloaded_wheel(requirement: str) -> Path:
    """A pure wheel for Pyodide's Python from the package index (cached under .pyodide-wheels/web/)."""
    name, version = requirement.split("==")
    cache = WHEELS / "web"
    cache.mkdir(parents=True, exist_ok=True)
    found = sorted(cache.glob(f"{name}-{version}-*.whl"))
    if found:
        return found[0]
    print(f"build_web: downloading {requirement}", file=sys.stderr)
    run([python(), "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
         *PYODIDE_PLATFORM, "-d", str(cache), requirement], f"downloading {requirement}")
    found = sorted(cache.glob(f"{name}-{version}-*.whl"))
    if not found:
        raise BuildError(f"pip download left no {name}-{version} wheel in {cache}")
    return found[0]


def wheel_imports(wheel: Path) -> list[str]:
    """Top-level packages of a wheel (what `import` finds), from its file list."""
    import zipfile

    tops = set()
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            top = name.split("/", 1)[0]
            if ".dist-info" in top or ".data" in top:
                continue
            tops.add(top[:-3] if top.endswith(".py") else top)
    return sorted(tops)


def lock_entry(wheel: Path, depends: list[str]) -> dict:
    dist, version = wheel.name.split("-")[:2]
    return {"name": dist.replace("_", "-").lower(), "version": version, "file_name": wheel.name,
            "install_dir": "site", "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
            "package_type": "package", "imports": wheel_imports(wheel), "depends": depends,
            "unvendored_tests": False, "tool": {}}


def bundle_app(out: Path) -> None:
    esbuild = ROOT / "node_modules" / ".bin" / "esbuild"
    run([str(esbuild), "web/app.js", "--bundle", "--format=esm", "--minify", "--target=es2022",
         "--legal-comments=none", f"--outfile={out / 'app.js'}", "--log-level=warning"], "bundling the editor")


def build(out: Path, digest: str, leanr_wheel: Path | None = None) -> dict:
    ensure_node_modules()
    project = leanr_wheel if leanr_wheel is not None else leanr_wheel_built(digest)
    lark = downloaded_wheel(LARK_PIN)
    lock = pyodide_lock()
    micropip = downloaded_wheel(f"micropip=={lock['packages']['micropip']['version']}")

    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for f in ("index.html", "style.css", "pyscript.html", "glue.py", "site_install.py"):
        shutil.copy2(ROOT / "web" / f, tmp / f)
    shutil.copytree(ROOT / "web" / "examples", tmp / "examples")
    shutil.copy2(ROOT / "worker.js", tmp / "worker.js")
    bundle_app(tmp)

    pyo = tmp / "pyodide"
    pyo.mkdir()
    for f in PYODIDE_RUNTIME:
        shutil.copy2(ROOT / "node_modules" / "pyodide" / f, pyo / f)
    for w in (project, lark, micropip):
        shutil.copy2(w, pyo / w.name)
    packages = {e["name"]: e for e in (lock_entry(micropip, []), lock_entry(lark, []),
                                       lock_entry(project, ["lark"]))}
    (pyo / "pyodide-lock.json").write_text(json.dumps({"info": lock["info"], "packages": packages}, indent=1))

    shutil.copytree(ROOT / "node_modules" / "@pyscript" / "core" / "dist", tmp / "pyscript",
                    ignore=shutil.ignore_patterns("*.map"))

    pkg = lambda name: json.loads((ROOT / "node_modules" / name / "package.json").read_text())["version"]  # noqa: E731
    info = {"leanr_py": project.name.split("-")[1], "pyodide": pkg("pyodide"), "codemirror": pkg("@codemirror/view"),
            "pyscript": pkg("@pyscript/core"), "wheels": [project.name, lark.name, micropip.name],
            "runtimeWheels": [project.name, lark.name], "package": "leanr-py", "warmSnapshot": None}
    (tmp / "build-info.json").write_text(json.dumps(info, indent=1))
    # the warm start is an optimisation: without it (or if making it fails) the page starts Python cold
    try:
        run(["node", str(ROOT / "scripts" / "web_snapshot.mjs"), str(tmp)], "making the warm interpreter snapshot")
        info["warmSnapshot"] = "leanr-warm.snapshot.gz"
        (tmp / "build-info.json").write_text(json.dumps(info, indent=1))
    except BuildError as exc:
        print(f"build_web: warning: {exc}; the page will start Python cold", file=sys.stderr)
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the playground into dist/.")
    ap.add_argument("--out", default=str(ROOT / "dist"), help="output directory (default: dist/)")
    ap.add_argument("--force", action="store_true", help="rebuild even when the inputs did not change")
    ap.add_argument("--leanr-wheel", metavar="WHL", default=None,
                    help="ship this leanr_py wheel instead of one built from the work tree")
    args = ap.parse_args(argv)
    out = Path(args.out).resolve()
    wheel = Path(args.leanr_wheel).resolve() if args.leanr_wheel else None
    try:
        digest = inputs_digest() + (f"+{hashlib.sha256(wheel.read_bytes()).hexdigest()[:12]}" if wheel else "")
        stamp = out / ".build-stamp"
        if not args.force and stamp.exists() and stamp.read_text() == digest:
            print(f"build_web: {out} is up to date")
            return 0
        info = build(out, digest, wheel)
        stamp.write_text(digest)
    except (BuildError, OSError) as exc:
        print(f"build_web: error: {exc}", file=sys.stderr)
        return 1
    print(f"build_web: built {out} (leanr_py {info['leanr_py']}, Pyodide {info['pyodide']}, "
          f"CodeMirror {info['codemirror']}, PyScript {info['pyscript']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
