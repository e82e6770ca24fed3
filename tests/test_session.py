"""The session layer: incremental checking over Lean's Init.Prelude export, roll-back, gas, determinism."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_TESTS = os.path.dirname(os.path.abspath(__file__))
for _p in (os.path.join(_TESTS, "kernel"), _TESTS):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from elab.elab_helpers import fork, table_for  # noqa: E402

from leanr_py.kernel.environment import Environment, ensure_recursion_limit  # noqa: E402
from leanr_py.kernel.name import Name  # noqa: E402
from leanr_py.session import GAS_MESSAGE, Session  # noqa: E402

PRELUDE_EXPORT = Path(_TESTS).parents[1] / "shared/corpus/export/core/init-prelude.lean-4.29.1.ndjson"


@pytest.fixture(scope="module")
def prelude_env() -> Environment:
    if not PRELUDE_EXPORT.exists():
        pytest.skip("shared corpus (Init.Prelude export) not present")
    from leanr_py.export import check_export

    ensure_recursion_limit()
    env = Environment()
    r = check_export(PRELUDE_EXPORT, env=env)
    assert r.ok, r.error
    return env


def session(base: Environment, gas: int = 10_000_000) -> Session:
    env = fork(base)
    return Session(env, table_for(env), gas=gas)


def diag_tuples(r):  # type: ignore[no-untyped-def]
    return [(d.span.line, d.span.col, d.severity, d.message) for d in r.diagnostics]


def user_constants(s: Session, base: Environment) -> set:
    return {n for n in s.env.constants if n not in base.constants}


SMALL = """def a : Nat := 1
def b : Nat := a + 1
theorem tb : b = 2 := rfl
namespace Foo
def c : Nat := b
end Foo
#check Foo.c
"""


def test_small_file_checks(prelude_env: Environment) -> None:
    s = session(prelude_env)
    r = s.check(SMALL)
    assert not r.errors, r.diagnostics
    assert len(r.commands) == 7 and r.rechecked == 7 and not r.gas_exhausted
    assert [(d.span.line, d.severity, d.message) for d in r.diagnostics] == [(7, "info", "Foo.c : Nat")]
    assert user_constants(s, prelude_env) == {Name.of("a"), Name.of("b"), Name.of("tb"), Name.of("Foo.c")}
    js = r.messages_json()
    assert js == [{"severity": "info", "pos": {"line": 7, "column": 0}, "endPos": js[0]["endPos"],
                   "data": "Foo.c : Nat"}]
    assert js[0]["endPos"]["line"] == 7


def test_unchanged_text_is_fully_reused(prelude_env: Environment) -> None:
    s = session(prelude_env)
    r1 = s.check(SMALL)
    r2 = s.check(SMALL)
    assert r2.rechecked == 0 and all(c.reused for c in r2.commands)
    assert diag_tuples(r1) == diag_tuples(r2)


def test_editing_last_command_rechecks_only_it(prelude_env: Environment) -> None:
    s = session(prelude_env)
    s.check(SMALL)
    r = s.check(SMALL.replace("#check Foo.c", "#check Foo.c + a"))
    assert r.rechecked == 1
    assert [c.reused for c in r.commands] == [True] * 6 + [False]
    assert [d.message for d in r.diagnostics] == ["Foo.c + a : Nat"]


def test_editing_middle_command_rolls_back_later_ones(prelude_env: Environment) -> None:
    s = session(prelude_env)
    src = "def a : Nat := 1\ndef b : Nat := a + 1\ndef later : Nat := b\ninstance instX : Inhabited Nat := ⟨b⟩\n"
    r = s.check(src)
    assert not r.errors, r.diagnostics
    assert Name.of("later") in s.env.constants and Name.of("instX") in s.table.names
    # edit the middle command and drop the later ones
    r = s.check("def a : Nat := 1\ndef b : Nat := a + 2\n")
    assert r.rechecked == 1 and [c.reused for c in r.commands] == [True, False]
    assert Name.of("later") not in s.env.constants
    assert Name.of("instX") not in s.env.constants and Name.of("instX") not in s.table.names
    assert user_constants(s, prelude_env) == {Name.of("a"), Name.of("b")}
    # a removed constant can be defined again, differently
    r = s.check("def a : Nat := 1\ndef b : Nat := a + 2\ndef later : Bool := Bool.true\ntheorem t : b = 3 := rfl\n")
    assert not r.errors, r.diagnostics
    assert r.rechecked == 2


def test_moved_command_is_rechecked_with_new_positions(prelude_env: Environment) -> None:
    s = session(prelude_env)
    src = "def a : Nat := 1\nexample : a = 2 := rfl\n"
    r1 = s.check(src)
    assert [d.span.line for d in r1.errors] == [2]
    r2 = s.check("def a : Nat := 1\n\n\nexample : a = 2 := rfl\n")
    assert r2.rechecked == 1 and [d.span.line for d in r2.errors] == [4]


def test_scope_state_rolls_back(prelude_env: Environment) -> None:
    s = session(prelude_env)
    s.check("namespace Foo\ndef c : Nat := 5\n")
    r = s.check("namespace Foo\ndef c : Nat := 5\nend Foo\ndef d : Nat := Foo.c\n")
    assert not r.errors, r.diagnostics
    r = s.check("namespace Bar\ndef c : Nat := 5\nend Bar\n#check Bar.c\n")
    assert not r.errors and r.rechecked == 4
    assert user_constants(s, prelude_env) == {Name.of("Bar.c")}


# ---------------------------------------------------------------------- incremental == fresh

SNIPPETS = [
    "def a : Nat := 1",
    "def b : Nat := a + 1",
    "theorem tb : b = 2 := rfl",
    "example : a = 3 := rfl",                       # fails
    "def a : Nat := 2",                             # clashes with the first when both are present
    "namespace Foo",
    "def c : Nat := 5",
    "end Foo",
    "#check Foo.c",
    "abbrev d : Nat := b",
    "instance instX : Inhabited Nat := ⟨a⟩",
    "def e : Nat := Inhabited.default",
    "example : d = 2 := rfl",
]

DOC = st.lists(st.tuples(st.integers(0, len(SNIPPETS) - 1), st.sampled_from(["\n", "\n\n"])),
               min_size=0, max_size=8)


def render(doc: list[tuple[int, str]]) -> str:
    return "".join(SNIPPETS[i] + sep for i, sep in doc)


EDIT = st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.integers(0, 20),
                 st.integers(0, len(SNIPPETS) - 1), st.sampled_from(["\n", "\n\n"]))


def apply_edit(doc: list, edit: tuple) -> list:
    op, pos, i, sep = edit
    doc = list(doc)
    if op == "insert":
        doc.insert(pos % (len(doc) + 1), (i, sep))
    elif doc:
        k = pos % len(doc)
        if op == "delete":
            del doc[k]
        else:
            doc[k] = (i, sep)
    return doc


@settings(max_examples=30, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(DOC, st.lists(EDIT, min_size=1, max_size=5))
def test_incremental_equals_fresh(prelude_env: Environment, doc: list, edits: list) -> None:
    s = session(prelude_env)
    s.check(render(doc))
    for edit in edits:
        doc = apply_edit(doc, edit)
        text = render(doc)
        inc = s.check(text)
        fresh_s = session(prelude_env)
        fresh = fresh_s.check(text)
        assert diag_tuples(inc) == diag_tuples(fresh), text
        assert set(s.env.constants) == set(fresh_s.env.constants), text
        assert s.table.names == fresh_s.table.names, text
        assert s.elab.scopes == fresh_s.elab.scopes, text


# ---------------------------------------------------------------------- gas

HEAVY = "def a : Nat := 1\nexample : 2^20 = 1048576 := rfl\ndef z : Nat := a\n#check z\n"


def test_gas_exhaustion_and_resume(prelude_env: Environment) -> None:
    s = session(prelude_env, gas=1000)
    r = s.check(HEAVY)
    assert r.gas_exhausted
    assert [c.gas_exhausted for c in r.commands] == [False, True, False, False]
    assert [(d.span.line, d.span.col, d.severity, d.message) for d in r.errors] == [(2, 0, "error", GAS_MESSAGE)]
    assert Name.of("a") in s.env.constants and Name.of("z") in s.env.constants  # before and after are kept
    assert [d.message for d in r.diagnostics if d.severity == "info"] == ["z : Nat"]
    # the same budget again: everything re-used, same result
    r_same = s.check(HEAVY)
    assert r_same.rechecked == 0 and diag_tuples(r_same) == diag_tuples(r)
    # a larger budget re-checks from the exhausted command
    r2 = s.check(HEAVY, gas=10_000_000)
    assert not r2.errors and not r2.gas_exhausted, r2.diagnostics
    assert [c.reused for c in r2.commands] == [True, False, False, False]
    assert r2.rechecked == 3


def test_smaller_budget_rechecks(prelude_env: Environment) -> None:
    s = session(prelude_env)
    assert not s.check(HEAVY).errors
    r = s.check(HEAVY, gas=1000)
    assert r.gas_exhausted
    fresh = session(prelude_env, gas=1000).check(HEAVY)
    assert diag_tuples(r) == diag_tuples(fresh)


def test_deterministic(prelude_env: Environment) -> None:
    text = SMALL + "example : a = 3 := rfl\n" + HEAVY.replace("def a", "def a2").replace("a\n#", "a2\n#")
    for gas in (1000, 10_000_000):
        r1 = session(prelude_env, gas).check(text)
        r2 = session(prelude_env, gas).check(text)
        assert diag_tuples(r1) == diag_tuples(r2)
        assert r1.messages_json() == r2.messages_json()


def test_agrees_with_command_elaborator(prelude_env: Environment) -> None:
    from leanr_py.elab.command import CommandElaborator

    text = SMALL + "example : a = 3 := rfl\ndef bad := (\ndef ok : Nat := 3\nend Nope\n"
    env = fork(prelude_env)
    ce = CommandElaborator(env, table_for(env))
    expected = [(d.span.line, d.span.col, d.severity, d.message) for d in ce.elab_file(text)]
    assert diag_tuples(session(prelude_env).check(text)) == expected
