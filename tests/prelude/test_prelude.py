"""leanr's prelude: it elaborates, matches Lean's `Init.Prelude` signatures, and checks small files."""
from __future__ import annotations

import math
import time
from pathlib import Path

import pytest

from leanr_py.kernel.environment import Environment
from leanr_py.kernel.expr import alpha_eqv
from leanr_py.kernel.name import Name
from leanr_py.kernel.typechecker import TypeChecker
from leanr_py.prelude import PRELUDE_SOURCE, fork_prelude, load_prelude
from leanr_py.session import Session

PRELUDE_EXPORT = Path(__file__).resolve().parents[3] / "shared/corpus/export/core/init-prelude.lean-4.29.1.ndjson"


def check(text: str) -> list:
    return Session().check(text).diagnostics  # over the prelude with its scope (`export`ed names)


def errors(text: str) -> list:
    return [d for d in check(text) if d.severity == "error"]


def test_source_is_the_packaged_lean_file() -> None:
    lean = Path(__file__).resolve().parents[2] / "leanr_py/prelude/Prelude.lean"
    assert lean.read_text(encoding="utf-8") == PRELUDE_SOURCE


def test_prelude_loads_and_is_cached() -> None:
    env, table = load_prelude()
    assert load_prelude()[0] is env
    for n in ("True.intro", "Eq.refl", "rfl", "And.intro", "Or.inl", "Iff.mp", "Exists.intro", "Nat.add",
              "Nat.pow", "Nat.ble", "instOfNatNat", "instHPow", "instPowNat", "instNatPowNat", "List.cons",
              "Option.some", "Prod.mk", "Decidable.isTrue", "instLENat", "instLTNat", "id"):
        assert env.find(Name.of(n)) is not None, n
    assert {e.name for e in table.default_instances_of(Name.of("HAdd"))} == {Name.of("instHAdd")}
    # no axioms but Lean's own: the three of its logic, `sorryAx` (the `sorry` term; declarations using it
    # are flagged) and the native-reduction ones of `native_decide`
    axioms = {str(n) for n, c in env.constants.items() if type(c).__name__ == "AxiomInfo"}
    assert axioms == {"propext", "Classical.choice", "Quot.sound", "sorryAx", "Lean.trustCompiler",
                      "Lean.ofReduceBool", "Lean.ofReduceNat"}


def test_fork_is_private() -> None:
    env, _ = fork_prelude()
    assert check("def leak : Nat := 3\n") == []
    assert load_prelude()[0].find(Name.of("leak")) is None and env.find(Name.of("leak")) is None


@pytest.mark.skipif(not PRELUDE_EXPORT.exists(), reason="Lean's Init.Prelude export is not available")
def test_signatures_agree_with_lean() -> None:
    from leanr_py.export import check_export

    ref = Environment()
    assert check_export(str(PRELUDE_EXPORT), env=ref).status == "accept"
    env, _ = load_prelude()
    compared, differ = 0, []
    for n, c in env.constants.items():
        r = ref.find(n)
        if r is None:
            continue  # Iff, Exists, Ne, the lemmas of Init.Core and Init.Data live outside Init.Prelude
        if c.level_params != r.level_params or not alpha_eqv(c.type, r.type):
            differ.append(str(n))
        compared += 1
    # the one deliberate difference: a string is its list of characters (Lean 4.29: UTF-8 bytes), so its
    # recursor and what is built from it differ while `String.ofList`/`String.toList` keep Lean's signatures
    from_recursor = {"rec", "recOn", "casesOn", "noConfusionType", "noConfusion", "below", "brecOn",
                     "binductionOn", "ibelow", "ctorIdx"}
    assert "String.rec" in differ
    assert [n for n in differ if not (n.startswith("String.") and n[len("String."):] in from_recursor)] == []
    assert compared > 300


def test_numerals_compute() -> None:
    assert errors("example : 2 + 2 = 4 := rfl\n") == []
    assert errors("example : 10 - 3 = 7 := rfl\nexample : 3 - 10 = 0 := rfl\nexample : 6 * 7 = 42 := rfl\n") == []


def test_wrong_equation_is_an_error() -> None:
    (e,) = errors("example : 2 + 2 = 5 := rfl\n")
    assert "Type mismatch" in e.message


def test_decide_uses_the_prelude_instances() -> None:
    assert errors("example : 10 * 10 = 100 := by decide\n") == []
    assert errors("example : 10 * 10 = 101 := by decide\n") != []


def test_nat_literal_extension_enabled() -> None:
    env, _ = fork_prelude()
    for op in ("Nat.add", "Nat.sub", "Nat.mul", "Nat.pow", "Nat.beq", "Nat.ble"):
        assert TypeChecker(env).nat_ext(Name.of(op)), op


def test_big_numbers_fast() -> None:
    t = time.perf_counter()
    assert errors("example : 2^64 + 7 = 18446744073709551623 := rfl\n") == []
    assert errors("example : 2^64 + 7 = 18446744073709551624 := rfl\n") != []
    assert time.perf_counter() - t < 5.0


def test_small_development() -> None:
    src = """inductive Color where
  | red
  | green

def Color.flip (c : Color) : Color := Color.rec (motive := fun _ => Color) Color.green Color.red c

theorem Color.flip_red : Color.red.flip = Color.green := rfl

structure Point where
  x : Nat
  y : Nat

def Point.sum (p : Point) : Nat := p.x + p.y

theorem Point.sum_ex : (Point.mk 2 3).sum = 5 := rfl

theorem and_swap (p q : Prop) (h : p ∧ q) : q ∧ p := ⟨h.2, h.1⟩

theorem ex_two : ∃ n : Nat, n + 1 = 3 := ⟨2, rfl⟩

theorem three_lt_five : (3 : Nat) < 5 := Nat.le.step Nat.le.refl

theorem symm_ex (a b : Nat) (h : a = b) : b = a := Eq.symm h
"""
    assert check(src) == []


def test_instance_binder_must_be_a_class() -> None:
    (e,) = errors("def f [n : Nat] : n = n := rfl\n")
    assert "invalid binder annotation, type is not a class instance" in e.message
    assert not errors("def g [Inhabited Nat] : Nat := 0\n")


def test_resulting_universe_that_may_be_prop_is_refused() -> None:
    (e,) = errors("inductive PBool : Sort u where\n  | t\n  | f\n")
    assert "may be `Prop` for some parameter values" in e.message
    assert not errors("inductive PBool' : Sort (max 1 u) where\n  | t\n  | f\n")
    assert not errors("inductive PProp : Prop where\n  | t\n  | f\n")


def test_universe_names_are_bound_in_the_header_only() -> None:
    (e,) = errors("def L := List (Type u)\n")
    assert "unknown universe level `u`" in e.message
    assert not errors("def L (α : Type u) : Type u := List α\n")


def test_division_and_remainder_compute() -> None:
    ok = """example : 17 / 5 = 3 := rfl
example : 17 % 5 = 2 := rfl
example : 4 / 0 = 0 := rfl
example : 4 % 0 = 4 := rfl
example : 123456789123 / 1000 = 123456789 := rfl
example (n : Nat) : n + 0 = n := rfl
"""
    assert errors(ok) == []
    assert errors("example : 17 / 5 = 4 := rfl\n") != []
    assert errors("example : 17 % 5 = 3 := rfl\n") != []


def test_decidability_computes() -> None:
    ok = """example : Decidable.decide (3 < 5) = true := rfl
example : Decidable.decide (5 ≤ 3) = false := rfl
example : Decidable.decide (3 = 3 ∧ ¬ (2 = 5)) = true := rfl
example : Decidable.decide (7 = 8 ∨ 8 = 8) = true := rfl
example : (if 3 < 5 then 1 else 2) = 1 := rfl
example : max 3 7 = 7 := rfl
example : min 3 7 = 3 := rfl
"""
    assert [e.message for e in errors(ok)] == []
    assert errors("example : Decidable.decide (5 < 3) = true := rfl\n") != []


def test_nat_lemmas_have_leans_statements() -> None:
    src = """example (n m : Nat) : n + m = m + n := Nat.add_comm n m
example (n m k : Nat) : n + m + k = n + (m + k) := Nat.add_assoc n m k
example (n m : Nat) : n * m = m * n := Nat.mul_comm n m
example (n : Nat) : 0 + n = n := Nat.zero_add n
example (n m : Nat) : Nat.succ n + m = Nat.succ (n + m) := Nat.succ_add n m
example (n m k : Nat) : n * (m + k) = n * m + n * k := Nat.mul_add n m k
example (n : Nat) : ¬ n < n := Nat.lt_irrefl n
example (a b c : Nat) (h₁ : a ≤ b) (h₂ : b ≤ c) : a ≤ c := Nat.le_trans h₁ h₂
example (n : Nat) : 0 ≤ n := Nat.zero_le n
"""
    assert [e.message for e in errors(src)] == []


def test_logic_and_classical() -> None:
    src = """example (p : Prop) : p ∨ ¬p := Classical.em p
example (p : Prop) (h : ¬¬p) : p := Classical.byContradiction h
example (f g : Nat → Nat) (h : ∀ x, f x = g x) : f = g := funext h
example (p q : Prop) (h : p ↔ q) : p = q := propext h
example (p q r : Prop) (h : p ∨ q) (f : p → r) (g : q → r) : r := Or.elim h f g
example (p q : Prop) (hp : p) (hq : q) : p ∧ q := And.intro hp hq
example (α : Type) (a b : α) (h : HEq a b) : a = b := eq_of_heq h
example (p : Nat → Prop) (h : ∃ x, p x) (q : Prop) (k : ∀ x, p x → q) : q := Exists.elim h k
"""
    assert [e.message for e in errors(src)] == []


def test_lists_strings_chars_ints() -> None:
    src = """example : List.length (List.cons 1 (List.cons 2 List.nil)) = 2 := rfl
example : List.reverse (List.cons 1 (List.cons 2 List.nil)) = List.cons 2 (List.cons 1 List.nil) := rfl
example : List.map (fun x => x + 1) (List.cons 1 List.nil) = List.cons 2 List.nil := rfl
example : "ab" ++ "c" = "abc" := rfl
example : String.length "hello" = 5 := rfl
example : Char.toNat 'a' = 97 := rfl
example : Decidable.decide ("ab" = "ab") = true := rfl
example : Decidable.decide ("ab" = "ac") = false := rfl
example : (3 : Int) - 5 = -2 := rfl
example : (-7 : Int) / 2 = -4 := rfl
example : (-7 : Int) % 2 = 1 := rfl
example : (6 : Int) * -7 = -42 := rfl
example (as bs : List Nat) : (as ++ bs).length = as.length + bs.length := List.length_append
"""
    assert [e.message for e in errors(src)] == []
    assert errors('example : "ab" ++ "c" = "abd" := rfl\n') != []


def test_exported_names_as_in_lean() -> None:
    src = """example : (true || false) = true := rfl
example : (true && !true) = false := rfl
example : decide (2 < 3) = true := rfl
example : max 2 9 = 9 := rfl
example : (some 3).getD 0 = 3 := rfl
example : (default : Nat) = 0 := rfl
example : compare 2 3 = Ordering.lt := rfl
"""
    assert [e.message for e in errors(src)] == []


def test_more_core_library() -> None:
    src = """example : List.leftpad 3 0 (List.cons 1 List.nil) = List.cons 0 (List.cons 0 (List.cons 1 List.nil)) := rfl
example : (none : Option Nat).get! = 0 := rfl
example (a b : Nat) (h : a < b) : a % b = a := Nat.mod_eq_of_lt h
example (a b : Nat) (h : 0 < b) : a % b < b := Nat.mod_lt a h
example : Acc Nat.lt 3 := WellFounded.apply (@WellFoundedRelation.wf Nat Nat.lt_wfRel) 3
example : ToString.toString (120 : Nat) = "120" := rfl
example (p q : Prop) : (p = q) ↔ (p ↔ q) := eq_iff_iff
example (r : Nat → Nat → Prop) : Quot.liftOn (Quot.mk r 2) (· + 1) (fun _ _ _ => sorry) = 3 := rfl
"""
    assert [e.message for e in errors(src)] == []


def test_prelude_scope_does_not_leak() -> None:
    # the prelude's `universe u v w` stay inside it (an unbound universe in a body is an error)
    (e,) = errors("def L := List (Type u)\n")
    assert "unknown universe level `u`" in e.message


def test_list_and_nat_functions_compute() -> None:
    src = """example : Nat.gcd 12 18 = 6 := rfl
example : Nat.gcd 0 5 = 5 := rfl
example : Nat.gcd 1071 462 = 21 := by decide
example : (12 : Nat).lcm 18 = 36 := rfl
example : List.sum [1, 2, 3] = 6 := rfl
example : List.range 3 = [0, 1, 2] := rfl
example : [1, 2, 3].take 2 = [1, 2] := rfl
example : [1, 2, 3].drop 2 = [3] := rfl
example : [5, 6, 7].get ⟨1, by decide⟩ = 6 := rfl
example : [5, 6, 7].set 1 0 = [5, 0, 7] := rfl
example : [5, 6, 7].find? (fun x => decide (x > 5)) = some 6 := rfl
"""
    assert [e.message for e in errors(src)] == []
    assert errors("example : Nat.gcd 12 18 = 3 := rfl\n") != []


TRUSTED_BY_TYPE = {  # the kernel computes these on literals with Python ints, trusting Lean's definitions
    "Nat.div": lambda a, b: a // b if b else 0, "Nat.mod": lambda a, b: a % b if b else a, "Nat.gcd": math.gcd,
    "Nat.land": lambda a, b: a & b, "Nat.lor": lambda a, b: a | b, "Nat.xor": lambda a, b: a ^ b,
    "Nat.shiftLeft": lambda a, b: a << b, "Nat.shiftRight": lambda a, b: a >> b,
}


def test_operations_the_kernel_trusts_unfold_to_the_same_values(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the prelude defines every operation the kernel's literal extension trusts by its type (so a file
    # cannot declare one with another meaning); unfolded, the definitions give the kernel's values
    from leanr_py.kernel import typechecker as T
    from leanr_py.kernel.expr import mk_app, mk_const, mk_nat_lit

    env, _ = fork_prelude()
    enabled = T.nat_extension_enabled
    trusted = set(TRUSTED_BY_TYPE) | {"Nat.log2"}
    monkeypatch.setattr(T, "nat_extension_enabled", lambda cs, op: str(op) not in trusted and enabled(cs, op))
    tc = T.TypeChecker(env)
    for a in range(0, 11):
        log2 = tc.nat_value(mk_app(mk_const(Name.of("Nat.log2")), mk_nat_lit(a)))
        assert log2 == (a.bit_length() - 1 if a else 0), a
        for b in range(0, 6):
            for name, f in TRUSTED_BY_TYPE.items():
                v = tc.nat_value(mk_app(mk_app(mk_const(Name.of(name)), mk_nat_lit(a)), mk_nat_lit(b)))
                assert v == f(a, b), (name, a, b)


def test_a_file_cannot_redefine_what_a_string_literal_is() -> None:
    # strings are `String.ofList` of their characters; a `String.mk` declared by a file is not a constructor
    from leanr_py.kernel.expr import mk_app, mk_const, mk_str_lit
    from leanr_py.kernel.level import ZERO
    from leanr_py.kernel.typechecker import TypeChecker

    s = Session()
    assert errors_of(s, "def String.mk (_ : List Char) : String := String.ofList []\n") == []
    empty = mk_app(mk_const(Name.of("String.ofList")), mk_app(mk_const(Name.of("List.nil"), (ZERO,)), mk_const(Name.of("Char"))))
    assert not TypeChecker(s.env).is_def_eq(mk_str_lit("a"), empty)
    assert TypeChecker(s.env).is_def_eq(mk_str_lit(""), empty)


def errors_of(s: Session, text: str) -> list:
    return [d for d in s.check(text).diagnostics if d.severity == "error"]


def test_chars_strings_and_more_nat_lemmas() -> None:
    src = """example : Char.isDigit '7' = true := rfl
example : Char.isAlpha '7' = false := rfl
example : Char.toUpper 'a' = 'A' := rfl
example : String.intercalate ", " ["a", "b", "c"] = "a, b, c" := rfl
example : List.filterMap (fun x => if x > 1 then some (x * 10) else none) [1, 2, 3] = [20, 30] := rfl
example : flip Nat.sub 1 5 = 4 := rfl
example (a b : Nat) (h : a < b) : a ≠ b := Nat.ne_of_lt h
example (m n : Nat) : m ≤ n ∨ n ≤ m := Nat.le_total m n
example (n m k : Nat) (h : n + m = n + k) : m = k := Nat.add_left_cancel h
example (n : Nat) : 2 * n = n + n := Nat.two_mul n
"""
    assert [e.message for e in errors(src)] == []


def test_reader_monad_array_map_and_size_of() -> None:
    src = ("def askTwice : ReaderT Nat Id Nat := do\n  let a ← read\n  let b ← ReaderT.read\n  return a + b\n"
           "example : Id.run (askTwice.run 5) = 10 := rfl\n"
           "variable (ρ : Type) (m : Type → Type) [Monad m]\n"
           "instance : Monad (ReaderT ρ m) where\n  pure := ReaderT.pure\n  bind := ReaderT.bind\n"
           "example : (#[1, 2, 3].map (· * 2)) = #[2, 4, 6] := rfl\n"
           "example : sizeOf (5 : Nat) = 5 := rfl\n"
           "instance (priority := low) [SizeOf α] : WellFoundedRelation α := sizeOfWFRel\n")
    assert errors(src) == []


def test_negation_defaults_to_int() -> None:
    # `Neg Int` is a default instance (priority `mid`), as in Lean: `-2` alone is an `Int`
    assert errors("example : -2 + 3 = (1 : Int) := rfl\n#check -2\n") == []
    assert [d.message for d in check("#check -42\n")] == ["-42 : Int"]


def test_array_zip_with_and_pair_to_string() -> None:
    assert errors("example : Array.zipWith (· + ·) #[1, 2] #[3, 4] = #[4, 6] := rfl\n"
                  "example : toString (1, \"a\") = \"(1, a)\" := rfl\nexample : toString () = \"()\" := rfl\n") == []


def test_common_list_string_and_array_functions_evaluate_as_in_lean() -> None:
    src = ("#eval [1, 2, 3].head!\n#eval [1, 2, 3].zip [4, 5, 6]\n#eval [1, 2, 3].partition (· > 1)\n"
           "#eval [3, 1, 2].max?\n#eval ([] : List Nat).min?\n#eval [1, 2, 2, 3, 1].eraseDups\n"
           "#eval #[1, 2, 3].foldl (· + ·) 0\n#eval #[1, 2, 3].foldr (· :: ·) []\n#eval \"abc\".toUpper\n"
           "#eval \"ABC\".toLower\n#eval \"abc\".front\n#eval \"abc\".back\n")
    assert [(d.severity, d.message) for d in check(src)] == [
        ("info", "1"), ("info", "[(1, 4), (2, 5), (3, 6)]"), ("info", "([2, 3], [1])"), ("info", "some 3"),
        ("info", "none"), ("info", "[1, 2, 3]"), ("info", "6"), ("info", "[1, 2, 3]"), ("info", "\"ABC\""),
        ("info", "\"abc\""), ("info", "'a'"), ("info", "'c'")]


def test_split_on_as_lean() -> None:
    src = ("#eval \"a,b,,c,\".splitOn \",\"\n#eval \"\".splitOn \",\"\n#eval \"abc\".splitOn \"\"\n"
           "#eval \"a b  c\".splitOn\n#eval \"aXYbXYc\".splitOn \"XY\"\n#eval \"aab\".splitOn \"ab\"\n")
    assert [d.message for d in check(src)] == ['["a", "b", "", "c", ""]', '[""]', '["abc"]', '["a", "b", "", "c"]',
                                               '["a", "b", "c"]', '["a", ""]']


def test_simp_lemmas_of_init_core() -> None:
    # Lean's `of_eq_true`, `eq_true`, `of_eq_false`, `eq_false`, with their implicit arguments
    assert errors("example (x : Int) (h0 : x > 0) : x > 0 := of_eq_true (eq_true h0)\n"
                  "example (p : Prop) (h : ¬p) : p = False := eq_false h\n"
                  "example (p : Prop) (h : p = False) : ¬p := of_eq_false h\n") == []


def test_divisibility_on_nat() -> None:
    # Lean's `Dvd Nat` (`a ∣ b` is `∃ c, b = a * c`), decided through `%`, with its basic lemmas
    assert errors("example : 2 ∣ 4 := ⟨2, rfl⟩\nexample : 3 ∣ 12 := by decide\nexample : ¬ 3 ∣ 13 := by decide\n"
                  "example (a b : Nat) : a ∣ a * b := Nat.dvd_mul_right a b\n"
                  "example (a b c : Nat) (h : a ∣ b) (h' : b ∣ c) : a ∣ c := Nat.dvd_trans h h'\n"
                  "example (k n : Nat) (h : n % k = 0) : k ∣ n := Nat.dvd_iff_mod_eq_zero.mpr h\n") == []
    assert errors("example : 3 ∣ 13 := by decide\n") != []
    infos = [d.message for d in check("#eval if 3 ∣ 12 then 1 else 0\n#eval if 5 ∣ 12 then 1 else 0\n")]
    assert infos == ["1", "0"]


def test_list_membership_is_decidable() -> None:
    assert errors("example : 2 ∈ [1, 2, 3] := by decide\nexample : 5 ∉ [1, 2, 3] := by decide\n"
                  "example : ∀ x ∈ [1, 2], x > 0 := by decide\nexample : ∃ x ∈ [1, 2], x > 1 := by decide\n"
                  "example : ¬ ∃ x ∈ [1, 2], x > 2 := by decide\n") == []
    assert errors("example : ∀ x ∈ [0, 2], x > 0 := by decide\n") != []


def test_small_core_lemmas() -> None:
    assert errors("example (a b : Nat) (h : ¬ a ≤ b) : b < a := Nat.not_le.mp h\n"
                  "example (x : Nat) : some x ≠ none := Option.some_ne_none x\n"
                  "example (p q : Nat × Nat) (h1 : p.1 = q.1) (h2 : p.2 = q.2) : p = q := Prod.ext h1 h2\n"
                  "example (x y : Bool) : (x && y) = (y && x) := Bool.and_comm x y\n"
                  "example (n m : Nat) : min n m = if n ≤ m then n else m := Nat.min_def\n"
                  "example (a b : Nat) (l : List Nat) (h : a = b) : a ∈ b :: l := List.mem_cons.mpr (Or.inl h)\n"
                  "example (f g : Nat → Nat) (x : Nat) : (f ∘ g) x = f (g x) := Function.comp_apply\n") == []


def test_more_of_the_array_and_list_api() -> None:
    src = ("#eval #[1, 2, 3, 4].filter (· % 2 == 0)\n#eval #[1, 2, 3].any (· > 2)\n#eval #[1, 2, 3].reverse\n"
           "#eval #[1, 2] ++ #[3]\n#eval Array.range 4\n#eval #[1, 2, 3].pop\n#eval #[1, 2, 3].set! 1 7\n"
           "#eval [1, 2, 1, 3].count 1\n#eval [(1, \"a\"), (2, \"b\")].lookup 2\n#eval [1, 2, 3, 2].erase 2\n"
           "#eval [1, 2, 3].splitAt 1\n#eval [1, 2, 3].intersperse 0\n#eval [0].intercalate [[1], [2, 3]]\n"
           "#eval [(1, 'a'), (2, 'b')].unzip\n#eval [1, 2, 3, 1].span (· < 3)\n")
    assert [d.message for d in check(src)] == [
        "#[2, 4]", "true", "#[3, 2, 1]", "#[1, 2, 3]", "#[0, 1, 2, 3]", "#[1, 2]", "#[1, 7, 3]", "2", "some \"b\"",
        "[1, 3, 2]", "([1], [2, 3])", "[1, 0, 2, 0, 3]", "[1, 0, 2, 3]", "([1, 2], ['a', 'b'])", "([1, 2], [3, 1])"]
