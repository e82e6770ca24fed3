"""Wheel build hook: the prelude snapshot is rebuilt from the prelude source being packaged (see
scripts/build_prelude_snapshot.py), so a wheel never ships a stale one. Everything else is in pyproject.toml."""
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithPreludeSnapshot(build_py):
    def run(self) -> None:
        super().run()
        script = HERE / "scripts" / "build_prelude_snapshot.py"
        if script.is_file():  # absent from a bare source archive: the packaged snapshot is used as it is
            out = Path(self.build_lib) / "leanr_py" / "prelude" / "Prelude.snap"
            subprocess.check_call([sys.executable, str(script), "--out", str(out)])


setup(cmdclass={"build_py": BuildPyWithPreludeSnapshot})
