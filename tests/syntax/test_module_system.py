"""Lean's module system: a `module` header and `public`/`meta` before declarations and sections are read as
keywords there (and only there: elsewhere they are identifiers), so module files check as ordinary ones."""
from __future__ import annotations

from leanr_py.session import Session
from leanr_py.syntax import ast as A
from leanr_py.syntax import parse_file
from leanr_py.syntax.lexer import IDENT, KEYWORD, tokenize


def errors(src: str) -> list[str]:
    return [d.message for d in Session().check(src).diagnostics if d.severity == "error"]


def test_a_module_file_checks() -> None:
    src = ("module\n\n/-! doc -/\npublic section\n@[expose] public def x := 0\npublic meta def y := 1\n"
           "public structure P where\n  a : Nat\nend\ntheorem t : x + y = 1 := rfl\n"
           "public inductive T where | one | two\nexample (h : False) : T.one = T.two := by\n  cases h\n")
    parsed = parse_file(src)
    assert not parsed.diagnostics
    assert isinstance(parsed.commands[0], A.ModuleHeader)
    assert errors(src) == []


def test_the_words_stay_identifiers_elsewhere() -> None:
    toks = tokenize("def f (public meta module : Nat) := public + meta + module\n")
    assert [t.kind for t in toks if t.text in ("public", "meta", "module")] == [IDENT] * 6
    assert errors("def f (public meta module : Nat) : Nat := public + meta + module\n") == []
    # `module` is a header only as the file's first token, alone on its line
    assert [t.kind for t in tokenize("module\ndef x := 1\n")][:1] == [KEYWORD]
    assert errors("def module := 1\nexample : module = 1 := rfl\n") == []
