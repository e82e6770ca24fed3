"""Toolchain-shaped fixtures: a fake `lean`/`lake` (Python scripts answering like Lean), fake oleans
with Lean's header layout, a built Lake project and a scripted REPL (fake_repl.py).  No real Lean is
involved."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from offline_bundle.manifest import olean_header

GITHASH = "a" * 40
OTHER_HASH = "b" * 40

FAKE_LEAN = r'''#!{py}
import os, sys
V, H = "4.9.0", {githash!r}
a = sys.argv[1:]
if a == ["--version"]:
    print(f"Lean (version {{V}}, x86_64-unknown-linux-gnu, commit {{H}}, Release)"); sys.exit(0)
if a == ["--githash"]:
    print(H); sys.exit(0)
if a == ["--print-prefix"]:
    print(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))); sys.exit(0)
if len(a) != 1:
    print("usage: lean FILE", file=sys.stderr); sys.exit(2)
lp = [p for p in os.environ.get("LEAN_PATH", "").split(os.pathsep) if p]
def find(mod):
    for d in lp:
        f = os.path.join(d, *mod.split(".")) + ".olean"
        if os.path.isfile(f):
            return f
def load(mod):
    f = find(mod)
    if f is None:
        print(f"{{a[0]}}:1:0: error: unknown module prefix '{{mod}}'"); sys.exit(1)
    with open(f, "rb") as fh:
        head = fh.read(48)
    if not head.startswith(b"olean") or head[6:46].decode() != H:
        print(f"{{a[0]}}:1:0: error: failed to read file '{{f}}', invalid header"); sys.exit(1)
text = open(a[0]).read()
load("Init")
for line in text.splitlines():
    if line.startswith("import "):
        for m in line.split()[1:]:
            load(m)
if "sorry" in text or "False" in text:
    print(f"{{a[0]}}:1:0: error: type mismatch"); sys.exit(1)
sys.exit(0)
'''

def _exe(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)


def _olean(path: Path, githash: str = GITHASH, payload: bytes = b"") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(olean_header(githash) + (payload or path.name.encode() * 50))


def make_toolchain(root: Path, githash: str = GITHASH, olean_hash: str | None = None) -> Path:
    tc = root / "leanprover--lean4---v4.9.0"
    _exe(tc / "bin" / "lean", FAKE_LEAN.format(py=sys.executable, githash=githash))
    _exe(tc / "bin" / "lake", FAKE_LEAN.format(py=sys.executable, githash=githash))
    (tc / "lib" / "lean").mkdir(parents=True)
    (tc / "lib" / "libleanshared.so").write_bytes(b"\x00ELF-ish shared library" * 100)
    os.symlink("libleanshared.so", tc / "lib" / "libleanshared.so.4")
    _olean(tc / "lib" / "lean" / "Init.olean", olean_hash or githash)
    _olean(tc / "lib" / "lean" / "Init" / "Core.olean", olean_hash or githash)
    (tc / "lib" / "lean" / "Init.ilean").write_text("{}")
    (tc / "src" / "lean").mkdir(parents=True)
    (tc / "src" / "lean" / "Init.lean").write_text("prelude\n")
    (tc / "include" / "lean").mkdir(parents=True)
    (tc / "include" / "lean" / "lean.h").write_text("/* lean.h */\n")
    return tc


def make_project(root: Path, githash: str = GITHASH) -> Path:
    p = root / "proj"
    p.mkdir()
    (p / "lakefile.lean").write_text("import Lake\nopen Lake DSL\npackage proj\nlean_lib Main\n")
    (p / "lean-toolchain").write_text("leanprover/lean4:v4.9.0\n")
    (p / "lake-manifest.json").write_text('{"version": 7, "packages": [{"name": "dep"}]}\n')
    (p / "Main.lean").write_text("import Dep\ntheorem t : 1 = 1 := rfl\n")
    _olean(p / ".lake" / "build" / "lib" / "Main.olean", githash)
    (p / ".lake" / "build" / "lib" / "Main.ilean").write_text("{}")
    (p / ".lake" / "build" / "lib" / "Main.trace").write_text("{}")
    (p / ".lake" / "build" / "ir").mkdir(parents=True)
    (p / ".lake" / "build" / "ir" / "Main.c").write_text("int main;\n")
    dep = p / ".lake" / "packages" / "dep"
    (dep / ".git").mkdir(parents=True)
    (dep / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (dep / "lakefile.lean").write_text("package dep\n")
    (dep / "Dep.lean").write_text("def dep := 1\n")
    _olean(dep / ".lake" / "build" / "lib" / "Dep.olean", githash)
    return p


def make_read_only(path: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(path):
        for n in filenames:
            p = os.path.join(dirpath, n)
            if not os.path.islink(p):
                os.chmod(p, os.stat(p).st_mode & ~0o222)
        os.chmod(dirpath, os.stat(dirpath).st_mode & ~0o222)


def make_writable(path: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(path):
        os.chmod(dirpath, os.stat(dirpath).st_mode | 0o200)
        for n in filenames:
            p = os.path.join(dirpath, n)
            if not os.path.islink(p):
                os.chmod(p, os.stat(p).st_mode | 0o200)


def snapshot(path: Path) -> dict[str, tuple]:
    """Every entry under path with (size, mtime_ns, mode): to prove thaw wrote nothing there."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(path):
        for n in dirnames + filenames:
            p = os.path.join(dirpath, n)
            st = os.lstat(p)
            out[os.path.relpath(p, path)] = (st.st_size, st.st_mtime_ns, st.st_mode)
    return out


FAKE_REPL_SCRIPT = Path(__file__).with_name("fake_repl.py")


def make_fake_repl(path: Path, start: str = "ok") -> Path:
    """An executable scripted REPL (see fake_repl.py); `start` = ok | crash | hang | garbage."""
    env = "" if start == "ok" else f"import os; os.environ['FAKE_REPL_START'] = {start!r}\n"
    _exe(path, f"#!{sys.executable}\n{env}import runpy\n"
               f"runpy.run_path({str(FAKE_REPL_SCRIPT)!r}, run_name='__main__')\n")
    return path
