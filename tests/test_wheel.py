"""The built wheel in a fresh virtual environment: it installs with only `lark`, `import leanr_py` stays
light, and every example of docs/python.md runs there (each block in its own process, in order)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "python.md"

pytestmark = pytest.mark.slow


def _run(cmd: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                  str(work / "dist"), str(ROOT)], cwd=work)
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("leanr_py-*.whl")
    venv.EnvBuilder(with_pip=True).create(work / "venv")
    python = work / "venv" / "bin" / "python"
    installed = _run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)], cwd=work)
    assert installed.returncode == 0, installed.stderr
    return python


def test_only_lark_comes_along(fresh_python: Path) -> None:
    out = _run([str(fresh_python), "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"],
               cwd=fresh_python.parent)
    names = {line.split("==")[0].lower() for line in out.stdout.splitlines()}
    assert {"leanr-py", "lark"} <= names
    assert names - {"leanr-py", "lark", "pip", "setuptools", "wheel"} == set()


def test_import_is_light(fresh_python: Path) -> None:
    probe = ("import sys, leanr_py; heavy = [m for m in sys.modules if m.startswith(('leanr_py.', 'offline_bundle', "
             "'IPython', 'lark'))]; print(heavy)")
    out = _run([str(fresh_python), "-c", probe], cwd=fresh_python.parent)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stdout + out.stderr


def test_documented_examples_run(fresh_python: Path, tmp_path: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 8
    for i, block in enumerate(blocks, 1):
        out = _run([str(fresh_python), "-c", block], cwd=tmp_path)
        assert out.returncode == 0, f"example {i} of docs/python.md failed:\n{block}\n{out.stdout}\n{out.stderr}"


def test_console_script_is_installed(fresh_python: Path) -> None:
    out = _run([str(fresh_python.parent / "leanr"), "--help"], cwd=fresh_python.parent)
    assert out.returncode == 0 and "check" in out.stdout
