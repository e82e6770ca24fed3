"""`leanr serve`: build the playground if needed and serve it on localhost.

Every response carries the headers that make the page cross-origin isolated (COOP `same-origin`, COEP
`require-corp`) and lets same-origin documents and workers embed it (CORP `same-origin`), so the page gets
SharedArrayBuffer and with it Pyodide's interrupt buffer (Cancel). Responses are marked `no-cache`: the
browser keeps its copy and revalidates it (a cheap 304), so a rebuilt wheel is never served stale.

Like the rest of the command line (and unlike the engine) this module is for a native Python: it starts the
build as a process and serves with threads. It imports what it needs inside its functions, so importing it
anywhere is harmless.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["ISOLATION_HEADERS", "repo_root", "build_site", "make_server", "serve_command"]

ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
}
MIME_TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
              ".json": "application/json", ".lean": "text/plain; charset=utf-8", ".whl": "application/zip",
              ".zip": "application/zip", ".css": "text/css", ".html": "text/html; charset=utf-8"}


def repo_root() -> Path | None:
    """The source checkout this package runs from (an editable install), if it has the playground's sources."""
    root = Path(__file__).resolve().parent.parent
    return root if (root / "web" / "index.html").is_file() and (root / "scripts" / "build_web.py").is_file() else None


def build_site(root: Path, out: Path) -> int:
    """Run scripts/build_web.py (a no-op when dist/ is up to date); its exit status."""
    import subprocess

    return subprocess.call([sys.executable, str(root / "scripts" / "build_web.py"), "--out", str(out)], cwd=root)


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000, log: bool = False) -> Any:
    """A threading HTTP server for `directory` with the isolation headers on every response."""
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Handler(SimpleHTTPRequestHandler):
        extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

        def end_headers(self) -> None:
            for key, value in ISOLATION_HEADERS.items():
                self.send_header(key, value)
            self.send_header("Cache-Control", "no-cache")
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
            if log:
                super().log_message(format, *args)

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        allow_reuse_address = True

    return Server((host, port), partial(Handler, directory=str(directory)))


def serve_command(port: int = 8000, host: str = "127.0.0.1", directory: str | None = None, build: bool = True,
                  log: bool = False) -> int:
    root = repo_root()
    out = Path(directory).resolve() if directory else (root / "dist" if root else Path.cwd() / "dist")
    if build and root is not None:
        status = build_site(root, out)
        if status != 0:
            print(f"error: building the playground failed (exit {status})", file=sys.stderr)
            return 1
    if not (out / "index.html").is_file():
        where = "" if root else " (this installation has no playground sources: pass --dir with a built site)"
        print(f"error: no built playground in {out}{where}", file=sys.stderr)
        return 2
    try:
        server = make_server(out, host, port, log)
    except OSError as exc:
        print(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    url = f"http://{host}:{server.server_address[1]}/"
    print(f"Serving the leanr playground at {url} (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(serve_command(port=int(os.environ.get("PORT", "8000"))))
