"""`leanr check` on source files: syntax errors and elaboration messages as Lean prints them; exit 0 no
errors, 1 errors, 2 an unreadable file; a file whose first error is about something leanr lacks is declined
(stderr, the JSON verdict, exit 2 with `--decline-exit`)."""
from __future__ import annotations

import json
from pathlib import Path

from leanr_py.cli import main


def write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_syntax_error_is_reported_with_position_and_exit_1(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = write(tmp_path, "bad.lean", "def x : Nat := 1\ndef y := (\ndef z := 2\n")
    assert main(["check", f]) == 1
    out = capsys.readouterr().out
    assert f"{f}:3:0: error: unexpected token 'def'; expected term" in out


def test_the_rest_of_a_file_with_a_syntax_error_is_checked(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # the parser recovers at the next command: the other commands' errors are reported, in the file's order
    f = write(tmp_path, "bad2.lean", "theorem a : 1 = 2 := rfl\ndef y := (\ntheorem b : 2 = 3 := rfl\n")
    assert main(["check", f]) == 1
    lines = [l for l in capsys.readouterr().out.splitlines() if ": error: " in l]
    assert [l.split(": error: ")[0].rsplit(":", 2)[1:] for l in lines] == [["1", "21"], ["3", "0"], ["3", "21"]]


def test_a_mismatch_through_classical_choice_is_declined(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # Lean's unifier may close `linv f (f a) = choose ex` by `rfl`; leanr's does not: no verdict, whether the
    # names are printed in full or, under `open Classical`, short
    src = ("open Classical\nnoncomputable def linv [Inhabited α] (f : α → β) : β → α :=\n"
           "  fun b : β => if ex : (∃ a : α, f a = b) then choose ex else default\n"
           "theorem t {f : α → β} [Inhabited α] (a : α) : linv f (f a) = choose (⟨a, rfl⟩ : ∃ a₁ : α, f a₁ = f a) :=\n"
           "  rfl\n")
    f = write(tmp_path, "classical.lean", src)
    assert main(["check", "--decline-exit", f]) == 2
    assert "unfold through `Classical.choice`" in capsys.readouterr().out


def test_good_file_exits_0(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = write(tmp_path, "good.lean", "def x : Nat := 1\ntheorem t : x + 1 = 2 := rfl\n")
    assert main(["check", f]) == 0
    assert capsys.readouterr().out == ""


def test_unknown_identifier_is_reported_but_declined(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # the name may exist in Lean but not in leanr's small prelude: reported, no verdict
    f = write(tmp_path, "bad.lean", "def x : Nat := 1\ndef y : Nat := x + yy\n")
    assert main(["check", "--decline-exit", f]) == 2
    cap = capsys.readouterr()
    assert f"{f}:2:19: error: Unknown identifier `yy`" in cap.out and "declined" in cap.err
    # without the flag: an error is an error (exit 1), the missing verdict said on stderr
    assert main(["check", f]) == 1
    assert "declined" in capsys.readouterr().err


def test_unknown_identifier_that_no_core_name_can_be_is_rejected(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # no declaration of Lean's core is called `k` or `x₁`: Lean reports them too
    f = write(tmp_path, "bad.lean", "def x : Nat := k\n")
    assert main(["check", f]) == 1
    f = write(tmp_path, "bad2.lean", "def x (n : Nat) : Nat := x₁ + n\n")
    assert main(["check", f]) == 1
    assert "Unknown identifier `x₁`" in capsys.readouterr().out


def test_a_dotted_identifier_nothing_gives_a_type_is_rejected(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # `.reverse` waits for its expected type until the end of the declaration, as in Lean: then it is Lean's error
    f = write(tmp_path, "bad.lean", "def reverseTwice (xs : List α) :=\n  .reverse (xs ++ xs)\n")
    assert main(["check", f]) == 1
    assert "The expected type of `.reverse` could not be determined" in capsys.readouterr().out
    f = write(tmp_path, "good.lean", "def reverseTwice (xs : List α) : List α :=\n  .reverse (xs ++ xs)\n")
    assert main(["check", f]) == 0


def test_unknown_identifier_declared_later_in_the_file_is_rejected(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # `rgb` is the file's own constructor, used without its namespace
    f = write(tmp_path, "bad.lean", "inductive Color where\n  | rgb (r g b : Nat)\n\ndef red : Color :=\n  rgb 255 0 0\n")
    assert main(["check", f]) == 1
    assert f"{f}:5:2: error: Unknown identifier `rgb`" in capsys.readouterr().out


def test_notation_naming_a_section_variable_is_rejected(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # not a name missing from leanr's prelude: the file's own variable, out of reach of a global notation
    f = write(tmp_path, "bad.lean", "variable (op : Nat → Nat → Nat)\ninfixl:65 \" +++ \" => op\n")
    assert main(["check", f]) == 1
    assert f"{f}:2:21: error: Unknown identifier `op` at quotation precheck" in capsys.readouterr().out


def test_wrong_proof_exits_1(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = write(tmp_path, "bad.lean", "example : 2 + 2 = 5 := rfl\n")
    assert main(["check", f]) == 1
    assert f"{f}:1:23: error: Type mismatch" in capsys.readouterr().out


def test_unsupported_construct_is_declined_with_exit_2(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # well-founded mutual recursion is not compiled: no verdict rather than a wrong one
    f = write(tmp_path, "m.lean", "mutual\n  def e (n : Nat) : Bool := if n = 0 then true else o (n - 1)\n  def o (n : Nat) : Bool := if n = 0 then false else e (n - 1)\nend\n")
    assert main(["check", "--decline-exit", f]) == 2
    cap = capsys.readouterr()
    assert "not supported yet" in cap.out and "declined" in cap.err


def test_the_first_error_decides(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    wrong = "example : 2 + 2 = 5 := rfl\n"
    unsupported = "mutual\n  def e (n : Nat) : Bool := if n = 0 then true else o (n - 1)\n  def o (n : Nat) : Bool := if n = 0 then false else e (n - 1)\nend\n"
    # a definite error before anything leanr lacks: Lean rejects the file too
    f = write(tmp_path, "m.lean", wrong + unsupported)
    assert main(["check", "--decline-exit", f]) == 1
    # an unsupported construct first: what follows may depend on it, so no verdict
    f = write(tmp_path, "n.lean", unsupported + wrong)
    assert main(["check", "--decline-exit", f]) == 2
    capsys.readouterr()
    assert main(["check", "--json", f]) == 1
    assert json.loads(capsys.readouterr().out)["verdicts"] == {f: "decline"}


def test_json_elaboration_messages(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = write(tmp_path, "bad.lean", "theorem t : 2 = 2 := yy\n")
    assert main(["check", "--json", "--decline-exit", f]) == 2
    (msg,) = json.loads(capsys.readouterr().out)["messages"]
    assert msg["severity"] == "error" and msg["message"] == "Unknown identifier `yy`"
    assert msg["pos"] == {"line": 1, "column": 21}


def test_json_messages(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = write(tmp_path, "bad.lean", "example := (\n")
    assert main(["check", "--json", f]) == 1
    data = json.loads(capsys.readouterr().out)
    (msg,) = data["messages"]
    assert msg["severity"] == "error" and msg["pos"]["line"] >= 1 and "endPos" in msg


def test_unreadable_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", str(tmp_path / "missing.lean")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_field_missing_from_the_prelude_is_declined(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # `Nat.frobnicate` does not exist here (nor in Lean): leanr cannot tell a typo from a prelude gap
    f = write(tmp_path, "field.lean", "def x : Nat := (2 : Nat).frobnicate\n")
    assert main(["check", "--decline-exit", f]) == 2
    assert "The environment does not contain `Nat.frobnicate`" in capsys.readouterr().out


def test_a_definition_that_uses_a_noncomputable_prelude_instance_is_rejected(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # `open Classical` makes `Classical.propDecidable` an instance; a `def` that uses it cannot be compiled
    src = ("open Classical in\ndef fromImage (f : Nat → Nat) (y : Nat) :=\n  if ∃ x, f x = y then y else f 0\n"
           "open Classical in\nnoncomputable def fromImage' (f : Nat → Nat) (y : Nat) :=\n"
           "  if ∃ x, f x = y then y else f 0\n")
    f = write(tmp_path, "nc.lean", src)
    assert main(["check", f]) == 1
    out = capsys.readouterr().out
    assert "depends on 'propDecidable', which is 'noncomputable'" in out   # as in scope (`open Classical`)
    assert out.count("error:") == 1
