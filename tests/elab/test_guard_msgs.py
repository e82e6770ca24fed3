"""`#guard_msgs in cmd` (`leanr_py.elab.guard_msgs`): the messages of `cmd` against the doc comment, as Lean
compares them; over leanr's own prelude."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator
from leanr_py.elab.guard_msgs import line_diff, normalize_whitespace, render_message
from leanr_py.syntax.errors import Diagnostic, Span
from .prelude_ce import prelude_elaborator

MISMATCH = "❌️ Docstring on `#guard_msgs` does not match generated message:\n\n"


@pytest.fixture
def ce() -> CommandElaborator:
    return prelude_elaborator()


def messages(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src)]


def test_matching_info_is_consumed(ce: CommandElaborator) -> None:
    assert messages(ce, "/-- info: 2 -/\n#guard_msgs in\n#eval 1 + 1\n") == []


def test_multi_line_doc_and_line_breaks_count_as_spaces(ce: CommandElaborator) -> None:
    src = "/--\ninfo: 2\n-/\n#guard_msgs in\n#eval 1 + 1\n"
    assert messages(ce, src) == []


def test_mismatch_reports_a_diff_at_the_keyword_and_keeps_the_messages(ce: CommandElaborator) -> None:
    out = messages(ce, "def x := 1\n/-- info: 3 -/\n#guard_msgs in\n#eval 1 + 1\n")
    # as Lean's: the command's messages are put back first, then the mismatch is logged
    assert out == ["f.lean:4:0: info: 2", f"f.lean:3:0: error: {MISMATCH}- info: 3\n+ info: 2\n"]


def test_no_doc_expects_no_message(ce: CommandElaborator) -> None:
    out = messages(ce, "#guard_msgs in\n#eval 5\n")
    # as Lean's line diff: the empty expected text is one empty line
    assert out[-1] == f"f.lean:1:0: error: {MISMATCH}-\n+ info: 5\n"
    assert messages(ce, "#guard_msgs in\ndef y := 1\n") == []


def test_expected_error_consumed_and_declaration_not_added(ce: CommandElaborator) -> None:
    src = ("/--\nerror: type mismatch\n  Bool.true\nhas type\n  Bool : Type\nbut is expected to have type\n"
           "  Nat : Type\n-/\n#guard_msgs in\ndef z : Nat := Bool.true\n")
    out = messages(ce, src)
    if out:  # leanr's wording may differ; then the mismatch is declined, never accepted silently
        assert "not supported yet" in out[-1]
    assert "z" not in {str(n) for n in ce.env.constants}


def test_drop_all_discards_errors(ce: CommandElaborator) -> None:
    assert messages(ce, "#guard_msgs (drop all) in\nexample : 1 = 2 := rfl\n") == []


def test_spec_with_severity_passes_the_others_through(ce: CommandElaborator) -> None:
    out = messages(ce, "/-- info: 2 -/\n#guard_msgs (info) in\ntheorem t : 1 = 1 := sorry\n")
    assert out[-1].startswith(f"f.lean:2:0: error: {MISMATCH}- info: 2\n")
    # the warning is not checked: it is passed through
    out = messages(ce, "#guard_msgs (info) in\ntheorem t2 : 1 = 1 := sorry\n")
    assert out == ["f.lean:2:8: warning: declaration uses `sorry`"]


def test_checked_warning(ce: CommandElaborator) -> None:
    src = "/-- warning: declaration uses `sorry` -/\n#guard_msgs in\ntheorem t3 : 1 = 1 := sorry\n"
    assert messages(ce, src) == []


def test_a_real_error_is_never_hidden_by_a_wrong_doc(ce: CommandElaborator) -> None:
    out = messages(ce, "/-- info: 2 -/\n#guard_msgs in\nexample : 1 = 2 := rfl\n")
    assert any(": error: " + MISMATCH in m for m in out)
    assert not any("not supported yet" in m for m in out)  # an info was expected, an error came


def test_whitespace_modes(ce: CommandElaborator) -> None:
    assert messages(ce, "/--   info:   2 -/\n#guard_msgs (whitespace := lax) in\n#eval 1 + 1\n") == []
    assert messages(ce, "/-- info:\n2 -/\n#guard_msgs (whitespace := exact) in\n#eval 1 + 1\n")[-1].startswith(
        f"f.lean:3:0: error: {MISMATCH}- info:\n- 2\n+ info: 2\n")


def test_invalid_spec(ce: CommandElaborator) -> None:
    out = messages(ce, "#guard_msgs (whitespace := wide) in\n#eval 1\n")
    assert out == ["f.lean:1:0: error: invalid #guard_msgs specification: 'whitespace := wide'"]


def test_rendering_and_diff_helpers() -> None:
    sp = Span(1, 0, 1, 1)
    assert render_message(Diagnostic(sp, "info", "x")) == "info: x\n"
    assert render_message(Diagnostic(sp, "error", "\nx")) == "error:\nx\n"
    assert normalize_whitespace("normalized", "a\nb") == "a b"
    assert normalize_whitespace("lax", " a \n\t b ") == "a b"
    # only space, tab, CR and LF are whitespace to Lean: a no-break space stays
    assert normalize_whitespace("lax", "a\u00a0 b") == "a\u00a0 b"
    assert line_diff("a\n\nb", "a\n\nc") == "  a\n \n- b\n+ c\n"


def test_simp_failure_compared_without_leanrs_note(ce: CommandElaborator) -> None:
    # `simp` made no progress is Lean's error too; leanr's note on its smaller simp set is not compared
    src = "/-- error: `simp` made no progress -/\n#guard_msgs in\nexample (p : Prop) (h : p) : p := by\n  simp\n"
    assert messages(ce, src) == []
