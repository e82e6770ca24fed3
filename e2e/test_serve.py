"""`leanr serve` without a browser: the isolation headers on every response, types the browser insists on,
and clear errors."""
from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from leanr_py.serve import ISOLATION_HEADERS, make_server, serve_command


@pytest.fixture
def served(tmp_path: Path):
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>")
    (tmp_path / "worker.js").write_text("self.onmessage = () => {};")
    (tmp_path / "pyodide").mkdir()
    (tmp_path / "pyodide" / "pyodide.asm.wasm").write_bytes(b"\0asm\1\0\0\0")
    (tmp_path / "pyodide" / "pyodide.mjs").write_text("export {};")
    server = make_server(tmp_path, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path, mime", [("", "text/html"), ("worker.js", "text/javascript"),
                                        ("pyodide/pyodide.asm.wasm", "application/wasm"),
                                        ("pyodide/pyodide.mjs", "text/javascript")])
def test_every_response_is_cross_origin_isolated(served: str, path: str, mime: str) -> None:
    with urllib.request.urlopen(served + path) as r:
        for key, value in ISOLATION_HEADERS.items():
            assert r.headers[key] == value
        assert r.headers["Content-Type"].startswith(mime)
        assert r.headers["Cache-Control"] == "no-cache"


def test_missing_files_are_404_with_the_same_headers(served: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(served + "nope.js")
    assert info.value.code == 404
    assert info.value.headers["Cross-Origin-Embedder-Policy"] == "require-corp"


def test_a_directory_without_a_site_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert serve_command(port=0, directory=str(tmp_path), build=False) == 2
    assert "no built playground" in capsys.readouterr().err
