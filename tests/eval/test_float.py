"""`Float`: literals through `OfNat`/`OfScientific` as Lean elaborates and prints them, `#eval` of the
opaque operations on IEEE doubles (printed as Lean's `Float.toString`), and the kernel knowing nothing of
their values (`decide` fails, `native_decide` evaluates)."""
from __future__ import annotations

import math

from leanr_py.eval.floats import float_to_string, of_scientific
from leanr_py.kernel import expr as E
from leanr_py.kernel.name import Name

from elab.prelude_ce import first_error, ok, run  # tests/ is on the path of the `eval` test package


def infos(src: str) -> list[str]:
    _, msgs = run(src)
    errs = [m.format("t.lean") for m in msgs if m.severity == "error"]
    assert not errs, errs
    return [m.message for m in msgs if m.severity == "info"]


def evals(*terms: str) -> list[str]:
    return infos("".join(f"#eval {t}\n" for t in terms))


def test_arithmetic() -> None:
    assert evals("(7 : Float) + 7", "(2.5 : Float) * 4", "(1 : Float) / 4", "(3 : Float) - 5",
                 "(0.1 + 0.2 : Float)", "(2 : Float) ^ (10 : Float)", "Float.sqrt 2",
                 "Float.ofInt (-3)", "(3 : Nat).toFloat") == [
        "14.000000", "10.000000", "0.250000", "-2.000000", "0.300000", "1024.000000", "1.414214",
        "-3.000000", "3.000000"]


def test_the_typeclasses_example_of_tpil() -> None:
    src = ("def double [Add α] (x : α) : α := x + x\n#eval double (7 : Float)\n#eval double (239.0 + 2)\n")
    assert infos(src) == ["14.000000", "482.000000"]


def test_literals_elaborate_and_print_as_in_lean() -> None:
    assert infos("#check 2.5\n#check 239.0 + 2\n#check -42.0\n#check 1e3\n#check 0.25\n#check (1.5e3 : Float)\n"
                 "#check (1e-5 : Float)\n#check (7 : Float)\n") == [
        "2.5 : Float", "239.0 + 2 : Float", "-42.0 : Float", "1e3 : Float", "0.25 : Float", "15e2 : Float",
        "1e-5 : Float", "7 : Float"]
    ce = ok("def x : Float := 2.5\n")   # `@OfScientific.ofScientific Float instOfScientificFloat 25 true 1`
    fn, args = E.get_app_fn_args(ce.env.find(Name.of("x")).value)
    assert str(fn.name) == "OfScientific.ofScientific" and str(args[1].name) == "instOfScientificFloat"
    assert (args[2].val, str(args[3].name), args[4].val) == (25, "Bool.true", 1)


def test_comparisons_decide_branches() -> None:
    src = ("def sign (x : Float) : String := if x < 0 then \"neg\" else if x ≤ 0 then \"zero\" else \"pos\"\n"
           "#eval sign (-2.5)\n#eval sign 0\n#eval sign 1e-300\n#eval sign (0 / 0)\n"
           "#eval (1.0 : Float) == 1.0\n#eval (0.0 / 0.0 : Float) == 0.0 / 0.0\n#eval max (1.0 : Float) 3.0\n")
    assert infos(src) == ['"neg"', '"zero"', '"pos"', '"pos"', "true", "false", "3.000000"]


def test_special_values_print_as_lean_prints_them() -> None:
    assert evals("(1 : Float) / 0", "(-1 : Float) / 0", "(0 : Float) / 0", "Float.sqrt (-1)", "Float.log 0",
                 "Float.exp 1000", "(1e308 : Float) * 10", "Float.ceil (-0.5)", "some (-2.5)",
                 "toString (1.5 : Float)") == [
        "inf", "-inf", "NaN", "NaN", "-inf", "inf", "inf", "-0.000000", "some (-2.500000)", '"1.500000"']


def test_c_library_semantics() -> None:
    assert evals("Float.round 2.5", "Float.round (-2.5)", "Float.round 0.49999999999999994", "Float.floor (-0.5)",
                 "Float.frExp 8.0", "Float.scaleB 1.5 4", "Float.isNaN (0 / 0)", "Float.isInf (1 / 0)") == [
        "3.000000", "-3.000000", "0.000000", "-1.000000", "(0.500000, 4)", "24.000000", "true", "true"]


def test_conversions_are_correctly_rounded() -> None:
    assert of_scientific(1, True, 1) == 0.1
    assert of_scientific(17976931348623157, False, 292) == 1.7976931348623157e308
    assert of_scientific(1, False, 309) == math.inf and of_scientific(1, False, 10 ** 30) == math.inf
    assert of_scientific(1, True, 10 ** 30) == 0.0 and of_scientific(0, False, 10 ** 30) == 0.0
    assert float_to_string(-0.0) == "-0.000000" and float_to_string(1e20) == "100000000000000000000.000000"


def test_decide_proves_nothing_about_floats() -> None:
    e = first_error("example : (1.0 : Float) + 1.0 = 2.0 := by decide\n")
    assert e.message.startswith("failed to synthesize instance of type class\n  Decidable (1.0 + 1.0 = 2.0)")
    e = first_error("example : (1.0 : Float) < 2.0 := by decide\n")
    assert e.message.startswith("Tactic `decide` failed for proposition\n  1.0 < 2.0\n")
    e = first_error("example : (1.0 : Float) + 1.0 = 2.0 := rfl\n")
    assert e.message.startswith("Type mismatch")


def test_native_decide_evaluates_comparisons() -> None:
    assert infos("example : (1.0 : Float) < 2.0 := by native_decide\n"
                 "example : ((1.0 : Float) + 1.0 == 2.0) = true := by native_decide\n") == []
    e = first_error("example : (2.0 : Float) < 1.0 := by native_decide\n")
    assert "is false" in e.message


def test_what_is_not_supported_says_so() -> None:
    for src in ("#eval (default : Float)\n", "def g (x : Float) : Nat := match x with | ⟨_⟩ => 3\n#eval g 2.0\n"):
        assert "not supported yet" in first_error(src).message
