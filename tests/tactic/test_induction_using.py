"""`induction … using r` and `cases … using r` with custom eliminators: alternatives named by the
eliminator's minor premises, several targets, goals as Lean shows them, and Lean's errors."""
from __future__ import annotations

from .helpers import errors, run

MOD_LT = ("example (x : Nat) {y : Nat} (h : y > 0) : x % y < y := by\n"
          "  induction x, y using Nat.mod.inductionOn with\n"
          "  | ind x y h₁ ih =>\n"
          "    rw [Nat.mod_eq_sub_mod h₁.2]\n"
          "    exact ih h\n"
          "  | base x y h₁ =>\n"
          "    have : ¬ 0 < y ∨ ¬ y ≤ x := Iff.mp (Decidable.not_and_iff_or_not ..) h₁\n"
          "    match this with\n"
          "    | Or.inl h₁ => exact absurd h h₁\n"
          "    | Or.inr h₁ =>\n"
          "      have hgt : y > x := Nat.gt_of_not_le h₁\n"
          "      rw [← Nat.mod_eq_of_lt hgt] at hgt\n"
          "      assumption\n")


def ok(src: str) -> None:
    assert errors(src) == []


def goals_at(src: str, line: int) -> tuple[list[str], list[str]]:
    """The goals before and after the first tactic recorded on `line`."""
    ce, msgs = run(src)
    assert not [m for m in msgs if m.severity == "error"], msgs
    t = next(t for t in ce.info.tactics if t.span.line == line)
    return [g.pretty() for g in t.goals_before], [g.pretty() for g in t.goals_after]


def test_mod_induction_with_alternatives_and_several_targets():
    ok(MOD_LT)


def test_alternative_goals_have_the_case_names_and_the_given_names():
    before, _ = goals_at(MOD_LT, 4)
    assert before == ["case ind\nx y : Nat\nh₁ : 0 < y ∧ y ≤ x\nih : y > 0 → (x - y) % y < y\nh : y > 0\n"
                      "⊢ x % y < y"]
    before, _ = goals_at(MOD_LT, 7)
    assert before == ["case base\nx y : Nat\nh₁ : ¬(0 < y ∧ y ≤ x)\nh : y > 0\n⊢ x % y < y"]


def test_without_alternatives_goals_are_tagged_and_binders_inaccessible():
    src = ("example (x y : Nat) (h : 0 < y) : x % y < y := by\n"
           "  induction x, y using Nat.mod.inductionOn\n"
           "  all_goals sorry\n")
    _, after = goals_at(src, 2)
    assert [g.split("\n")[0] for g in after] == ["case ind", "case base"]
    assert after[1] == "case base\nx✝ y✝ : Nat\na✝ : ¬(0 < y✝ ∧ y✝ ≤ x✝)\nh : 0 < y✝\n⊢ x✝ % y✝ < y✝"


def test_recursor_as_eliminator():
    src = ("theorem t (n : Nat) : 0 + n = n := by\n"
           "  induction n using Nat.rec with\n"
           "  | zero => rfl\n"
           "  | succ k ih => rw [Nat.add_succ, ih]\n")
    ok(src)
    before, _ = goals_at(src, 4)
    assert before == ["case succ\nk : Nat\nih : 0 + k = k\n⊢ 0 + k.succ = k.succ"]


def test_generalizing_with_strong_recursion():
    src = ("theorem t (n m : Nat) (h : m ≤ n) : m ≤ n + 1 := by\n"
           "  induction n using Nat.strongRecOn generalizing m with\n"
           "  | ind n ih => exact Nat.le_succ_of_le h\n")
    ok(src)
    before, _ = goals_at(src, 3)
    assert before[0].startswith("case ind\nn : Nat\nih : ∀ (")
    assert before[0].endswith("\nm : Nat\nh : m ≤ n\n⊢ m ≤ n + 1")


def test_cases_using():
    ok("theorem t (n : Nat) : n = n := by\n"
       "  cases n using Nat.casesOn with\n"
       "  | zero => rfl\n"
       "  | succ k => rfl\n")
    src = ("theorem t (p q : Prop) (h : p ∨ q) : q ∨ p := by\n"
           "  cases h using Or.casesOn with\n"
           "  | inl hp => exact Or.inr hp\n"
           "  | inr hq => exact Or.inl hq\n")
    ok(src)
    before, _ = goals_at(src, 3)
    assert before == ["case inl\np q : Prop\nhp : p\n⊢ q ∨ p"]


def test_unknown_alternative_name():
    src = ("theorem t (x y : Nat) : x % y ≤ x := by\n"
           "  induction x, y using Nat.mod.inductionOn with\n"
           "  | foo x y => sorry\n")
    assert errors(src) == [(3, 2, "Invalid alternative name 'foo': Expected 'ind' or 'base'")]


def test_missing_alternative():
    src = ("theorem t (x y : Nat) : x % y ≤ x := by\n"
           "  induction x, y using Nat.mod.inductionOn with\n"
           "  | ind x y h ih => sorry\n")
    assert [m for _, _, m in errors(src)] == ["alternative 'base' has not been provided"]


def test_not_an_eliminator():
    src = "theorem t (n : Nat) : 0 + n = n := by\n  induction n using Nat.add_comm\n"
    assert errors(src) == [(2, 20, "Unexpected eliminator resulting type\n  n + m = m + n")]


def test_wrong_number_of_targets():
    src = "theorem t (x y : Nat) : x % y ≤ x := by\n  induction x using Nat.mod.inductionOn\n"
    assert [m for _, _, m in errors(src)] == ["Insufficient number of targets for 'Nat.mod.inductionOn'"]
    src = "theorem t (n m : Nat) : n = n := by\n  induction n, m using Nat.rec\n"
    assert [m for _, _, m in errors(src)] == ["Unexpected number of targets for 'Nat.rec'"]


def test_user_eliminator_and_motive_sort_mismatch():
    elim = ("theorem myInd {motive : Nat → Prop} (n : Nat) (zero : motive 0)\n"
            "    (step : ∀ n, motive n → motive (n + 1)) : motive n :=\n  Nat.rec zero step n\n")
    ok(elim + "theorem t (n : Nat) : 0 + n = n := by\n  induction n using myInd with\n  | zero => rfl\n"
              "  | step n ih => rw [Nat.add_succ, ih]\n")
    (l, c, m), = errors(elim + "def f (n : Nat) : Nat := by\n  induction n using myInd\n")
    assert (l, c) == (5, 2) and m.startswith("Type mismatch when assigning motive\n  fun n => Nat\nhas type\n  Nat → Type")
