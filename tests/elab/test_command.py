"""The command elaborator (`leanr_py.elab.command`) on Lean's real `Init.Prelude` export: declarations go
through the kernel, messages carry Lean's wording and positions."""
from __future__ import annotations

import pytest
from .elab_helpers import elaborator, errors

from leanr_py.elab.command import CommandElaborator
from leanr_py.kernel.declaration import TheoremInfo
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.name import Name


@pytest.fixture
def ce(lean_env: Environment) -> CommandElaborator:
    return elaborator(lean_env)


def ok(ce: CommandElaborator, src: str) -> None:
    msgs = ce.elab_file(src)
    assert not errors(msgs), [m.format() for m in msgs]


def err(ce: CommandElaborator, src: str) -> str:
    msgs = errors(ce.elab_file(src))
    assert msgs, "expected an error"
    return msgs[0].format()


# ---------------------------------------------------------------------- accepted declarations

def test_arithmetic_by_rfl(ce: CommandElaborator) -> None:
    ok(ce, "example : 2 + 2 = 4 := rfl\nexample : 10 * 10 = 100 := rfl\n")


def test_def_then_use(ce: CommandElaborator) -> None:
    ok(ce, "def double (n : Nat) : Nat := n + n\nexample : double 3 = 6 := rfl\n")
    info = ce.env.find(Name.of("double"))
    assert info is not None and info.level_params == ()
    assert ce.env.find(Name.of("_example")) is None  # examples are checked, then dropped


def test_theorem_anonymous_constructor(ce: CommandElaborator) -> None:
    ok(ce, "theorem t (p q : Prop) (hp : p) (hq : q) : p ∧ q := ⟨hp, hq⟩\n")
    assert isinstance(ce.env.find(Name.of("t")), TheoremInfo)
    ok(ce, "example (p q r : Prop) (hp : p) (hq : q) (hr : r) : p ∧ q ∧ r := ⟨hp, hq, hr⟩\n")


def test_implicit_arguments_inferred(ce: CommandElaborator) -> None:
    ok(ce, "example : id 3 = 3 := rfl\nexample : @id Nat 3 = 3 := rfl\nexample : id (α := Nat) 3 = 3 := rfl\n")


def test_field_notation(ce: CommandElaborator) -> None:
    ok(ce, "example : (3 : Nat).succ = 4 := rfl\n"
           "example (x : Nat) : x.succ = x + 1 := rfl\n"
           "example (x : Nat) : x.add 1 = x + 1 := rfl\n"
           "example (p q : Prop) (h : p ∧ q) : q ∧ p := ⟨h.2, h.left⟩\n")


def test_namespace_and_open(ce: CommandElaborator) -> None:
    ok(ce, "namespace Foo\ndef bar : Nat := 5\nexample : bar = 5 := rfl\nend Foo\n"
           "example : Foo.bar = 5 := rfl\nsection\nopen Foo\nexample : bar = 5 := rfl\nend\n"
           "open Nat in\nexample : succ 1 = 2 := rfl\n")
    assert ce.env.find(Name.of("Foo.bar")) is not None
    assert "Unknown identifier `bar`" in err(ce, "example : Nat := bar\n")


def test_end_mismatch(ce: CommandElaborator) -> None:
    assert "invalid 'end', name mismatch (expected A)" in err(ce, "namespace A\nend B\n")


def test_universes_and_variables(ce: CommandElaborator) -> None:
    ok(ce, "universe u\ndef myid {α : Sort u} (a : α) : α := a\n"
           "def myid2 (α : Type v) (a : α) : α := a\n"
           "variable (n : Nat) {β : Type}\ndef addn (m : Nat) := n + m\nexample : addn 2 3 = 5 := rfl\n")
    assert ce.env.find(Name.of("myid")).level_params == (Name.of("u"),)
    assert ce.env.find(Name.of("myid2")).level_params == (Name.of("v"),)
    msgs = ce.elab_file("#check addn\n")
    assert msgs[0].message == "addn (n m : Nat) : Nat"  # only the variable it uses


def test_instance_registered(ce: CommandElaborator) -> None:
    ok(ce, "abbrev N := Nat\nexample : N := (3 : Nat)\n")
    ok(ce, "instance foo : Inhabited Nat := ⟨5⟩\ninstance : Inhabited Bool := ⟨Bool.true⟩\n")
    assert Name.of("foo") in ce.table.names
    assert ce.env.find(Name.of("instInhabitedBool_1")) is not None  # Prelude has `instInhabitedBool`
    ok(ce, "example : Inhabited.default = 5 := rfl\n")  # the latest instance wins


def test_axiom_and_named_args(ce: CommandElaborator) -> None:
    ok(ce, "axiom ax (n : Nat) : n = n\nexample : 3 = 3 := ax 3\nexample : 3 = 3 := ax (n := 3)\n")


# ---------------------------------------------------------------------- #check

def test_check_messages(ce: CommandElaborator) -> None:
    msgs = ce.elab_file("#check @id\n#check id\n#check 1 + 1\n#check fun (x : Nat) => x + 1\n")
    assert [m.severity for m in msgs] == ["info"] * 4
    assert msgs[0].message == "@id : {α : Sort u_1} → α → α"
    assert msgs[1].message == "id.{u} {α : Sort u} (a : α) : α"
    assert msgs[2].message == "1 + 1 : Nat"
    assert msgs[3].message == "fun x => x + 1 : Nat → Nat"
    assert (msgs[0].span.line, msgs[0].span.col) == (1, 0)


# ---------------------------------------------------------------------- errors

def test_unknown_identifier_position(ce: CommandElaborator) -> None:
    msgs = errors(ce.elab_file("def x : Nat := 1\nexample : Nat :=\n  foo + 1\n"))
    assert len(msgs) == 1
    assert msgs[0].message == "Unknown identifier `foo`"
    assert (msgs[0].span.line, msgs[0].span.col) == (3, 2)


def test_type_mismatch_text(ce: CommandElaborator) -> None:
    msgs = errors(ce.elab_file('example : Nat := "hi"\n'))
    assert msgs[0].message == 'Type mismatch\n  "hi"\nhas type\n  String\nbut is expected to have type\n  Nat'
    assert (msgs[0].span.line, msgs[0].span.col) == (1, 17)


def test_false_equation_rejected(ce: CommandElaborator) -> None:
    text = err(ce, "example : 2 + 2 = 5 := rfl\n")
    assert "Type mismatch" in text and "2 + 2 = 5" in text
    assert "error" in err(ce, "theorem bad : 2 + 2 = 5 := rfl\n")
    assert ce.env.find(Name.of("bad")) is None


def test_application_type_mismatch(ce: CommandElaborator) -> None:
    text = err(ce, 'example : Nat := Nat.succ "a"\n')
    assert "Application type mismatch" in text and "argument\n  \"a\"\nhas type\n  String" in text


def test_failed_to_synthesize(ce: CommandElaborator) -> None:
    assert "failed to synthesize instance of type class\n  HAdd Nat String" in err(ce, 'example (n : Nat) := n + "a"\n')


def test_function_expected(ce: CommandElaborator) -> None:
    assert "Function expected at" in err(ce, "example (x : Nat) : Nat := x x\n")


def test_theorem_must_be_prop(ce: CommandElaborator) -> None:
    assert "type of theorem 'bad' is not a proposition" in err(ce, "theorem bad : Nat := 3\n")


def test_unsolved_placeholder(ce: CommandElaborator) -> None:
    assert "don't know how to synthesize placeholder" in err(ce, "example : Nat := _\n")
    assert "don't know how to synthesize implicit argument 'n'" in err(
        ce, "example (f : {n : Nat} → n = n → Nat) : Nat := f rfl\n")


def test_sorry_warning_and_mark(ce: CommandElaborator) -> None:
    msgs = ce.elab_file("theorem s : 1 = 2 := sorry\n")
    assert [(m.severity, m.message) for m in msgs] == [("warning", "declaration uses `sorry`")]
    assert (msgs[0].span.line, msgs[0].span.col) == (1, 8)
    assert Name.of("s") in ce.sorry_decls and ce.env.find(Name.of("s")) is not None


def test_unsupported_is_an_error(ce: CommandElaborator) -> None:
    assert "not supported yet" in err(ce, "def f : Nat → Nat\n  | n => f n\ntermination_by n => [n]\n")
    assert not errors(ce.elab_file("structure S extends Inhabited Nat where\n  x : Nat\n"))  # `extends` works now


def test_kernel_still_checks(ce: CommandElaborator) -> None:
    ok(ce, "def d : Nat := 1\n")
    assert "already been declared" in err(ce, "def d : Nat := 2\n")


def test_unknown_option_is_no_silent_success() -> None:
    from leanr_py.elab.options import set_option
    from leanr_py.elab.errors import ElabError
    from leanr_py.syntax import parse_file

    def opt(text: str):
        return set_option((), parse_file(text).commands[0])

    assert opt("set_option linter.unusedVariables false\n") == (("linter.unusedVariables", False),)
    assert opt("set_option maxHeartbeats 400000\n") == (("maxHeartbeats", 400000),)
    try:
        opt("set_option relaxedAutoBoundImplicitLocal false\n")
    except ElabError as exc:   # Lean rejects it; leanr, not knowing all of Lean's options, declines
        assert exc.message.startswith("unknown option 'relaxedAutoBoundImplicitLocal'")
        assert "not supported yet" in exc.message
    else:
        raise AssertionError("an unknown option was accepted")
