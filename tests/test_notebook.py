"""Lean in notebooks: cells form one document checked incrementally; re-running a cell replaces what it
declared; results render as text and HTML; the `%%lean` magic under IPython."""
from __future__ import annotations

import pytest

from leanr_py.notebook import LeanNotebook


def test_later_cells_see_earlier_declarations() -> None:
    nb = LeanNotebook()
    assert nb.run_cell("def x : Nat := 1").ok
    r = nb.run_cell("theorem t : x + 1 = 2 := rfl")
    assert r.ok and r.diagnostics == []


def test_positions_are_relative_to_the_cell() -> None:
    nb = LeanNotebook()
    nb.run_cell("def x : Nat := 1\n\ndef y : Nat := 2\n")
    r = nb.run_cell("\ntheorem bad : x = 2 := rfl\n")
    assert not r.ok
    (d,) = r.diagnostics
    assert (d.span.line, d.span.col) == (2, 23)
    assert d.message.startswith("Type mismatch")
    assert "cell:2:23: error: Type mismatch" in repr(r)


def test_rerunning_a_named_cell_replaces_its_declarations() -> None:
    nb = LeanNotebook()
    nb.run_cell("def x : Nat := 1", key="a")
    nb.run_cell("theorem t : x = 1 := rfl", key="b")
    assert nb.run_cell("def x : Nat := 2\ndef z : Nat := x", key="a").ok
    assert nb.source.startswith("def x : Nat := 2\n")
    # the later cell is re-checked against the new definition when it is run again
    assert not nb.run_cell("theorem t : x = 1 := rfl", key="b").ok
    assert nb.run_cell("theorem t : x = 2 := rfl", key="b").ok


def test_a_cell_without_key_replaces_the_cell_declaring_the_same_name() -> None:
    nb = LeanNotebook()
    nb.run_cell("def x : Nat := 1")
    nb.run_cell("def y : Nat := 5")
    assert nb.run_cell("def x : Nat := 3").ok          # no "already declared": the first cell is replaced
    assert nb.source == "def x : Nat := 3\ndef y : Nat := 5\n"
    assert nb.run_cell("example : x + y = 8 := rfl").ok


def test_goals_at_the_end_of_each_by_block() -> None:
    nb = LeanNotebook()
    r = nb.run_cell("theorem and_swap (p q : Prop) (h : p ∧ q) : q ∧ p := by\n"
                    "  obtain ⟨hp, hq⟩ := h\n"
                    "  constructor\n"
                    "\n"
                    "theorem done (p : Prop) (hp : p) : p := by\n"
                    "  exact hp\n")
    first, second = r.goals
    assert (first.line, second.line) == (3, 6)
    assert first.pretty() == ("case left\np q : Prop\nhp : p\nhq : q\n⊢ q\n\n"
                              "case right\np q : Prop\nhp : p\nhq : q\n⊢ p")
    assert second.pretty() == "no goals"
    assert "unsolved goals" in r.diagnostics[0].message
    text, page = repr(r), r._repr_html_()
    assert "goals at cell:3:" in text and "⊢ q" in text
    assert "<details open><summary>goals at 3:" in page and "hp : p" in page


def test_reset_starts_an_empty_document() -> None:
    nb = LeanNotebook()
    nb.run_cell("def x : Nat := 1")
    nb.reset()
    r = nb.run_cell("def y : Nat := x")
    assert not r.ok and "Unknown identifier `x`" in r.diagnostics[0].message


def test_html_rendering_escapes_and_colours_messages() -> None:
    nb = LeanNotebook()
    r = nb.run_cell("example : 1 < 0 := rfl")
    page = r._repr_html_()
    assert "error" in page and "&lt;" in page and "<script" not in page
    assert "✓ no messages" in nb.run_cell("example : 1 = 1 := rfl")._repr_html_()


def test_messages_json_is_lean_shaped() -> None:
    r = LeanNotebook().run_cell("example : 2 = 3 := rfl")
    (m,) = r.messages_json()
    assert m["severity"] == "error" and m["pos"] == {"line": 1, "column": 19} and "endPos" in m


def test_ipython_magic() -> None:
    pytest.importorskip("IPython")
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        shell.run_line_magic("load_ext", "leanr_py")
        r = shell.run_cell_magic("lean", "basics", "def two : Nat := 2\ntheorem t : two = 2 := rfl\n")
        assert r.ok
        r = shell.run_cell_magic("lean", "more", "example : two + two = 5 := rfl\n")
        assert not r.ok and r.diagnostics[0].span.line == 1
        fmt = shell.display_formatter.format(r)[0]
        assert "text/html" in fmt and "Type mismatch" in fmt["text/plain"]
        shell.run_line_magic("lean_reset", "")
        assert not shell.run_cell_magic("lean", "", "def three : Nat := two + 1\n").ok
    finally:
        InteractiveShell.clear_instance()
