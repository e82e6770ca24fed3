"""Fixtures for the offline_bundle tests (fake toolchain, project, REPL: see ob_fakes.py)."""
from __future__ import annotations

import pytest

from ob_fakes import make_fake_repl, make_project, make_toolchain


@pytest.fixture
def inputs(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    tc = make_toolchain(src)
    proj = make_project(src)
    repl = make_fake_repl(src / "repl")
    wheel = src / "leanr_py-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"PK\x03\x04 fake wheel")
    return {"toolchain": tc, "project": proj, "repl": repl, "wheels": [wheel]}


@pytest.fixture
def bundle(tmp_path, inputs):
    from offline_bundle.build import build_bundle
    res = build_bundle(tmp_path / "bundle", **inputs)
    return res.out


