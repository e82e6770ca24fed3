"""The playground in a real browser: offline loading, checking as you type, errors, goals, cancel, restore,
share links, crash recovery, narrow screens. Tests in this module share one page and run in order."""
from __future__ import annotations

import time

import pytest

from conftest import (checks_done, new_context, new_page, open_playground, set_document, shot,
                      wait_for_check_after, wait_running_and_cancel, wait_settled)

GOOD = """theorem and_swap (p q : Prop) (hp : p) (hq : q) : q ∧ p := ⟨hq, hp⟩

example (n : Nat) : n + 0 = n := rfl
"""
BROKEN = """theorem and_swap (p q : Prop) (hp : p) (hq : q) : q ∧ p := ⟨hp, hq⟩
"""
TACTIC = """theorem imp_self' (p : Prop) (hp : p) : p := by
  exact hp
"""
# exponential in the kernel (each level evaluates the level below twice, on different arguments): it runs
# until the default step budget is spent (tens of seconds in a browser), unless Cancel ends it first
RUNAWAY = """def h (n : Nat) : Nat → Nat :=
  Nat.rec (motive := fun _ => Nat → Nat) (fun x => x) (fun _ ih => fun x => ih (ih x + 1)) n

example : h 40 0 = 1099511627775 := rfl
"""


def editor_text(page) -> str:
    return page.evaluate("window.leanrPlayground.view.state.doc.toString()")


def messages(page) -> str:
    return page.inner_text("#diagnostics")


def test_loads_offline_cross_origin_isolated(page, site_url):
    state = open_playground(page, site_url)
    assert state == "ready", page.inner_text("#status")
    assert page.evaluate("crossOriginIsolated") is True
    features = page.evaluate("window.leanrPlayground.engine.features")
    assert features["interrupt"] is True
    # the build's interpreter snapshot was restored (the cold start is only the fallback)
    built = page.evaluate("fetch('build-info.json').then(r => r.json())")
    info = page.evaluate("window.leanrPlayground.engine.info")
    if built["warmSnapshot"]:
        assert (info["start"], info["warmError"]) == ("warm", None)
    shot(page, "01-loaded")


def test_typed_theorem_with_abbreviations_is_accepted(page):
    before = checks_done(page)
    page.click(".cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    # typed key by key: the unicode abbreviations turn into their symbols as in Lean's editors
    page.keyboard.type("theorem swap (p q : Prop) (hp : p) (hq : q) : q \\and p := \\<hq, hp\\> ", delay=5)
    text = editor_text(page)
    assert "q ∧ p := ⟨hq, hp⟩" in text, text
    assert wait_for_check_after(page, before) == "ready", page.inner_text("#status")
    assert page.locator("#diagnostics li.diag").count() == 0, messages(page)
    assert "No messages" in messages(page)
    assert page.locator(".cm-lintRange-error").count() == 0
    shot(page, "02-accepted")


def test_broken_proof_is_underlined_with_its_message(page):
    before = checks_done(page)
    set_document(page, BROKEN)
    assert wait_for_check_after(page, before) == "errors"
    assert "error" in page.inner_text("#status")
    listed = messages(page)
    assert "1:" in listed and "mismatch" in listed, listed
    underline = page.locator(".cm-lintRange-error").first
    underline.wait_for()
    underline.hover()
    tooltip = page.locator(".cm-tooltip-lint")
    tooltip.wait_for(timeout=10_000)
    assert "mismatch" in tooltip.inner_text()
    shot(page, "03-error")


def test_goals_follow_the_cursor_in_a_tactic_proof(page):
    if not page.evaluate("window.leanrPlayground.engine.features.goals"):
        pytest.skip("this leanr_py has no goals_at (the tactic engine is absent)")
    before = checks_done(page)
    set_document(page, TACTIC)
    wait_for_check_after(page, before)
    if "not supported yet" in messages(page):
        pytest.skip(f"the tactic engine does not run this proof yet: {messages(page)}")
    # the cursor before `exact hp`: the goal is `p` with `hp : p` in context
    page.evaluate("""() => { const v = window.leanrPlayground.view; const l = v.state.doc.line(2);
                              v.dispatch({selection: {anchor: l.from + 2}}); v.focus(); }""")
    goal = page.locator("#goals pre.goal").first
    goal.wait_for(timeout=15_000)
    text = goal.inner_text()
    assert "hp : p" in text and "⊢ p" in text, text
    shot(page, "04-goals")
    # hovering a term shows its type
    box = page.evaluate("""() => { const v = window.leanrPlayground.view; const l = v.state.doc.line(2);
                                    const c = v.coordsAtPos(l.from + l.text.indexOf('hp') + 1);
                                    return {x: c.left, y: (c.top + c.bottom) / 2}; }""")
    page.mouse.move(box["x"], box["y"])
    hover = page.locator(".hover-type")
    hover.wait_for(timeout=15_000)
    assert "hp : p" in hover.inner_text(), hover.inner_text()
    page.mouse.move(5, 5)
    # after the last tactic there is nothing left to prove
    page.evaluate("""() => { const v = window.leanrPlayground.view; const l = v.state.doc.line(2);
                              v.dispatch({selection: {anchor: l.to}}); }""")
    page.wait_for_function("() => !document.querySelector('#goals pre.goal')", timeout=15_000)


def test_cancel_stops_a_runaway_check_and_editing_goes_on(page):
    before = checks_done(page)
    set_document(page, RUNAWAY)
    page.locator("#cancel").wait_for(state="visible", timeout=30_000)
    shot(page, "05-running")
    t0 = time.perf_counter()
    wait_running_and_cancel(page)
    page.wait_for_function(
        "() => ['cancelled', 'ready', 'errors'].includes(document.getElementById('status').dataset.state)",
        timeout=30_000)
    stopped_s = time.perf_counter() - t0
    assert stopped_s < 10, f"cancel took {stopped_s:.1f} s"
    # the interrupt (not a new worker) stopped it: the same interpreter is still there
    assert page.evaluate("window.leanrPlayground.restarts") == 0
    assert page.get_attribute("#status", "data-state") == "cancelled"
    shot(page, "06-cancelled")
    # editing goes on: a cheap version of the same computation checks normally
    before = checks_done(page)
    set_document(page, RUNAWAY.replace("h 40 0 = 1099511627775", "h 3 0 = 7"))
    assert wait_for_check_after(page, before) == "ready", messages(page)


def test_narrow_screen_stacks_the_panels(page):
    page.set_viewport_size({"width": 390, "height": 844})
    editor = page.locator(".editor-pane").bounding_box()
    side = page.locator(".side").bounding_box()
    assert side["y"] >= editor["y"] + editor["height"] - 1, (editor, side)
    assert editor["width"] <= 390
    page.click("#theme")
    assert page.get_attribute("html", "data-theme") in ("dark", "light")
    shot(page, "07-narrow")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_reload_restores_the_document_and_state(page):
    before = checks_done(page)
    saved = page.evaluate("window.leanrPlayground.stats.statesSaved")
    set_document(page, GOOD)
    assert wait_for_check_after(page, before) == "ready"
    # the document is autosaved 250 ms after the last edit, the state once checking pauses for 1.5 s
    page.wait_for_timeout(500)
    if page.evaluate("window.leanrPlayground.engine.features.snapshot"):
        page.wait_for_function(f"() => window.leanrPlayground.stats.statesSaved > {saved}", timeout=60_000)
    page.reload()
    assert wait_settled(page) == "ready"
    assert editor_text(page) == GOOD
    if page.evaluate("window.leanrPlayground.engine.features.snapshot"):
        assert page.evaluate("window.leanrPlayground.stats.restored") is True


def test_share_link_opens_the_document(page, browser, site_url, offsite, page_errors):
    page.click("#share")
    page.wait_for_function("() => document.getElementById('share-out').value.includes('#code=')", timeout=10_000)
    link = page.locator("#share-out").input_value()
    assert link.startswith(site_url) and "#code=" in link
    # a fresh browser profile: nothing autosaved, the document comes from the link alone
    ctx = new_context(browser, site_url, offsite)
    try:
        other = new_page(ctx, page_errors)
        other.goto(link)
        assert wait_settled(other) == "ready"
        assert editor_text(other) == GOOD
        assert "share link" in other.inner_text("#notice")
        shot(other, "08-shared")
    finally:
        ctx.close()


def test_a_dead_worker_is_replaced_and_the_document_rechecked(page):
    before = checks_done(page)
    page.evaluate("window.leanrPlayground.engine.die('the worker was terminated')")
    assert wait_for_check_after(page, before) == "ready"
    assert page.evaluate("window.leanrPlayground.restarts") == 1
    assert "new one was started" in page.inner_text("#notice")
    shot(page, "09-restarted")


def test_gas_exhaustion_offers_continue_with_a_larger_budget(page, site_url):
    page.goto(site_url + "?gas=20000")
    wait_settled(page)
    before = checks_done(page)
    set_document(page, RUNAWAY)
    assert wait_for_check_after(page, before) == "gas", page.inner_text("#status")
    assert "20,000" in page.inner_text("#status-text")
    assert "step budget exhausted" in messages(page)
    shot(page, "11-gas")
    before = checks_done(page)
    page.click("#continue")
    assert wait_for_check_after(page, before) == "gas"
    assert "80,000" in page.inner_text("#status-text")


def test_eval_request_runs_after_the_document(page):
    r = page.evaluate("window.leanrPlayground.engine.request('eval', {text: 'def two : Nat := 2', expr: 'two + 3'})")
    assert [m["data"] for m in r["diagnostics"]] == ["5"], r


def test_export_downloads_what_any_kernel_can_check_again(page, tmp_path):
    from leanr_py.export import ACCEPT, check_export

    before = checks_done(page)
    set_document(page, GOOD)
    assert wait_for_check_after(page, before) == "ready", page.inner_text("#status")
    with page.expect_download(timeout=60_000) as download:
        page.click("#export")
    path = tmp_path / "document.ndjson"
    download.value.save_as(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith('{"meta":') and any('"and_swap"' in line for line in lines)
    assert check_export(lines).status == ACCEPT
    # a document with errors is not exported
    before = checks_done(page)
    set_document(page, BROKEN)
    assert wait_for_check_after(page, before) == "errors"
    page.click("#export")
    page.wait_for_function("() => document.getElementById('notice').textContent.includes('Export failed')",
                           timeout=30_000)
    assert "has errors" in page.inner_text("#notice")


def test_pyscript_page_imports_leanr_py_from_the_local_wheels(page, site_url):
    page.goto(site_url + "pyscript.html")
    page.wait_for_function("() => document.getElementById('result').dataset.state !== 'loading'", timeout=120_000)
    assert page.get_attribute("#result", "data-state") == "ok", page.inner_text("body")
    shot(page, "10-pyscript")


def test_a_damaged_share_link_is_reported_not_fatal(page, site_url):
    page.goto(site_url + "#code=%%%not-base64")
    assert wait_settled(page) in ("ready", "errors")
    assert "damaged" in page.inner_text("#notice")


def test_without_isolation_cancel_restarts_the_prover(browser, plain_site_url, offsite, page_errors):
    ctx = new_context(browser, plain_site_url, offsite)
    try:
        pg = new_page(ctx, page_errors)
        pg.goto(plain_site_url)
        wait_settled(pg)
        assert pg.evaluate("crossOriginIsolated") is False
        assert pg.evaluate("window.leanrPlayground.engine.features.interrupt") is False
        set_document(pg, RUNAWAY)
        wait_running_and_cancel(pg)
        pg.wait_for_function("() => window.leanrPlayground.restarts === 1", timeout=30_000)
        assert wait_settled(pg) == "cancelled"
        assert "restarting the prover" in pg.inner_text("#notice")
        before = checks_done(pg)
        set_document(pg, GOOD)
        assert wait_for_check_after(pg, before) == "ready"
        shot(pg, "12-cancel-by-restart")
    finally:
        ctx.close()
