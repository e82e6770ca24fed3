"""Fixtures for the playground's end-to-end tests: the built site served by `leanr serve`, Debian's chromium
driven by Playwright, and a page whose every request outside the local server is blocked and counted.

Environment:
  LEANR_E2E_CHROMIUM   the browser executable (default /usr/bin/chromium)
  LEANR_E2E_NO_BUILD=1 serve dist/ as it is (default: scripts/build_web.py first, a no-op when up to date)
Screenshots of the main states go to e2e/artifacts/ (ignored by git).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("LEANR_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Loading Python in a cold browser takes seconds (several more on a loaded machine)
LOAD_TIMEOUT_MS = 90_000


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the Python package playwright is not installed: run bash scripts/test_e2e.sh", pytrace=False)
    return sync_playwright


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    if os.environ.get("LEANR_E2E_NO_BUILD") != "1":
        status = subprocess.call([sys.executable, str(ROOT / "scripts" / "build_web.py")], cwd=ROOT)
        assert status == 0, "scripts/build_web.py failed"
    proc = subprocess.Popen([sys.executable, "-m", "leanr_py", "serve", "--port", "0", "--no-build",
                             "--dir", str(ROOT / "dist")], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline() if proc.stdout else ""
    m = re.search(r"http://[\d.]+:\d+/", line)
    if not m:
        proc.kill()
        pytest.fail(f"leanr serve did not start: {line!r}", pytrace=False)
    try:
        yield m.group(0)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def plain_site_url() -> Iterator[str]:
    """The same site from a plain static server: no cross-origin isolation headers (as many hosts serve it)."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript",
                          ".js": "text/javascript", ".wasm": "application/wasm"}

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(ROOT / "dist")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no chromium at {CHROMIUM}: run bash scripts/test_e2e.sh (it installs it)", pytrace=False)
    with _playwright()() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Offsite:
    """Requests that tried to leave the local server (all of them are blocked)."""
    urls: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def offsite() -> Offsite:
    return Offsite()


def new_context(browser, site_url: str, offsite: Offsite, **options):
    """A browser context (fresh storage) whose requests outside `site_url` are blocked and recorded."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, **options)

    def route(r) -> None:
        if r.request.url.startswith(site_url) or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            offsite.urls.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    return ctx


@pytest.fixture(scope="module")
def context(browser, site_url: str, offsite: Offsite):
    """One browser context for a test module; at its end no request may have left the local server."""
    ctx = new_context(browser, site_url, offsite)
    yield ctx
    ctx.close()
    assert offsite.urls == [], f"requests outside the local server: {offsite.urls}"


@pytest.fixture(scope="module")
def page_errors() -> list[str]:
    return []


def new_page(ctx, page_errors: list[str]):
    pg = ctx.new_page()
    pg.set_default_timeout(LOAD_TIMEOUT_MS)
    pg.on("pageerror", lambda e: page_errors.append(str(e)))
    return pg


@pytest.fixture(scope="module")
def page(context, page_errors: list[str]):
    """The playground, loaded once per module (loading Python is the slow part); tests in a module run in
    order on it."""
    pg = new_page(context, page_errors)
    yield pg
    assert page_errors == [], f"uncaught errors in the page: {page_errors}"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def wait_settled(page, timeout_ms: int = LOAD_TIMEOUT_MS) -> str:
    """Wait until the status line leaves loading/checking; its final state."""
    try:
        page.wait_for_function(
            "() => !['loading', 'checking'].includes(document.getElementById('status').dataset.state)"
            " && !(window.leanrPlayground && window.leanrPlayground.pending)",
            timeout=timeout_ms)
    except Exception as exc:  # noqa: BLE001 - say where the page stood
        where = page.evaluate("""() => ({status: document.getElementById('status').dataset.state,
            text: document.getElementById('status-text').textContent,
            notice: document.getElementById('notice').textContent,
            pending: window.leanrPlayground && window.leanrPlayground.pending})""")
        raise AssertionError(f"the page did not settle: {where}") from exc
    return page.get_attribute("#status", "data-state") or ""


def checks_done(page) -> int:
    return int(page.evaluate("window.leanrPlayground.stats.checks"))


def wait_for_check_after(page, before: int, timeout_ms: int = 60_000) -> str:
    """Wait for a check that started after `before` checks had completed, and for the page to settle."""
    page.wait_for_function(f"() => window.leanrPlayground.stats.checks > {before}", timeout=timeout_ms)
    return wait_settled(page, timeout_ms)


def set_document(page, text: str) -> None:
    """Replace the editor's text as typing would (the abbreviation handler sees typed characters only)."""
    page.click(".cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)   # replaces the selection: one change, one check


def open_playground(page, url: str) -> str:
    page.goto(url)
    return wait_settled(page)


def elapsed_ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def wait_running_and_cancel(page) -> None:
    """Wait until the check of the current text is running, then press Cancel (not on an earlier check)."""
    page.wait_for_function("() => window.leanrPlayground.checkingCurrent && "
                           "!document.getElementById('cancel').hidden", timeout=60_000)
    page.click("#cancel")
