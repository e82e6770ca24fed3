"""Keyword tactics declared with `syntax`/`macro`/`macro_rules`, expanded as Lean expands tactic macros."""
from __future__ import annotations

from leanr_py.session import Session

from .helpers import messages

TRIV = ('syntax "triv" : tactic\n'
        "macro_rules\n  | `(tactic| triv) => `(tactic| assumption)\n"
        "example (h : p) : p := by\n  triv\n"
        "macro_rules\n  | `(tactic| triv) => `(tactic| rfl)\n"
        "example (x : α) : x = x := by\n  triv\n"
        "example (x : α) (h : p) : x = x ∧ p := by\n  apply And.intro <;> triv\n"
        "macro_rules | `(tactic| triv) => `(tactic| apply And.intro <;> triv)\n"
        "example (x : α) (h : p) : x = x ∧ p := by\n  triv\n")


def errors(src: str) -> list[tuple[int, int, str]]:
    return [(line, col, text) for line, col, sev, text in messages(src) if sev == "error"]


def test_every_rule_is_tried_newest_first_and_rules_may_recurse() -> None:
    assert errors(TRIV) == []


def test_a_macro_failing_everywhere_reports_at_its_use() -> None:
    src = 'macro "my_triv" : tactic => `(tactic| first | rfl | assumption)\nexample (h : p) : q := by my_triv\n'
    [(line, col, text)] = errors(src)
    assert (line, col) == (2, 26) and text.startswith("Tactic `assumption` failed")
    assert errors(src.replace("q := by", "p := by")) == []


def test_rules_extend_a_built_in_tactic() -> None:
    src = ("macro_rules | `(tactic| trivial) => `(tactic| omega)\n"
           "example (x y : Nat) : x + y = y + x := by trivial\nexample : True := by trivial\n")
    assert errors(src) == []
    assert errors("example (x y : Nat) : x + y = y + x := by trivial\n") != []


def test_unknown_keyword_and_other_forms() -> None:
    assert errors("macro_rules | `(tactic| nosuch) => `(tactic| rfl)\n") == [(1, 0, "unknown tactic 'nosuch'")]
    [(_, _, text)] = errors('syntax "tri" term : tactic\n')
    assert "not supported yet" in text


def test_macros_survive_a_session_snapshot() -> None:
    s = Session()
    s.check(TRIV)
    s2 = Session.restore(s.snapshot())
    r = s2.check(TRIV + "example (h : p) : p := by triv\n")
    assert not r.errors, r.diagnostics
