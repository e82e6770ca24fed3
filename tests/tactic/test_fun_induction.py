"""`fun_induction` / `fun_cases` (`leanr_py.tactic.fun_induction`) by functional principles derived on demand
(`leanr_py.elab.fun_induct`)."""
from __future__ import annotations

from .helpers import errors, messages, run

ACK = ("def ack : Nat → Nat → Nat\n  | 0,   y   => y+1\n  | x+1, 0   => ack x 1\n"
       "  | x+1, y+1 => ack x (ack (x+1) y)\n")


def ok(src: str) -> None:
    assert not [m for m in messages(src) if m[2] == "error"], messages(src)


def test_ackermann_one_case_per_alternative_with_the_call_unfolded():
    # as Lean's: `case3 x y ih1 ih2`, the hypothesis of the inner call first, the goal's call unfolded
    src = ACK + ("theorem ack_gt_zero : ack n m > 0 := by\n  fun_induction ack with\n  | case1 y => simp\n"
                 "  | case2 x ih => exact ih\n  | case3 x y ih1 ih2 => simp [ack, *]\n")
    ok(src)
    ok(ACK + "theorem ack_gt_zero : ack n m > 0 := by\n  fun_induction ack <;> simp [*, ack]\n")
    [(_, _, m)] = errors(ACK + "theorem t : ack n m > 0 := by\n  fun_induction ack\n")
    assert m == ("unsolved goals\ncase case1\ny✝ : Nat\n⊢ y✝ + 1 > 0\n\ncase case2\nx✝ : Nat\na✝ : ack x✝ 1 > 0\n"
                 "⊢ ack x✝ 1 > 0\n\ncase case3\nx✝ y✝ : Nat\na✝¹ : ack (x✝ + 1) y✝ > 0\n"
                 "a✝ : ack x✝ (ack (x✝ + 1) y✝) > 0\n⊢ ack x✝ (ack (x✝ + 1) y✝) > 0")


def test_principle_is_a_kernel_checked_theorem():
    ce, msgs = run(ACK + "theorem t : ack n m > 0 := by\n  fun_induction ack <;> simp [*, ack]\n#check @ack.induct\n")
    info = [d.message for d in msgs if d.severity == "info"]
    assert info == ["ack.induct : ∀ (motive : Nat → Nat → Prop), (∀ (y : Nat), motive 0 y) →\n"
                    "  (∀ (x : Nat), motive x 1 → motive (x + 1) 0) →\n"
                    "  (∀ (x y : Nat), motive (x + 1) y → motive x (ack (x + 1) y) → motive (x + 1) (y + 1)) →\n"
                    "  ∀ (x✝1 x✝2 : Nat), motive x✝1 x✝2"]
    from leanr_py.kernel.name import Name
    assert ce.env.find(Name.of("ack.induct")) is not None


def test_structural_recursion_and_explicit_targets():
    ok("def double : Nat → Nat\n  | 0 => 0\n  | n+1 => double n + 2\n"
       "theorem double_eq (n : Nat) : double n = 2 * n := by\n  fun_induction double n with\n"
       "  | case1 => rfl\n  | case2 k ih => omega\n")
    ok("def len : List α → Nat\n  | [] => 0\n  | _ :: xs => len xs + 1\n"
       "theorem len_eq (xs : List α) : len xs = xs.length := by\n  fun_induction len xs <;> simp [*]\n")


def test_fun_cases_has_no_hypotheses():
    ok("def isZero : Nat → Bool\n  | 0 => true\n  | _+1 => false\n"
       "theorem isZero_iff (n : Nat) : isZero n = true ↔ n = 0 := by\n  fun_cases isZero n\n  · simp\n  · simp\n")


def test_what_is_not_derived_is_declined():
    # overlapping patterns need Lean's hypotheses that rule out the earlier alternatives
    src = ("def f : Bool → Bool → Bool\n  | true, _ => true\n  | _, x => x\n"
           "theorem t : f a b = (a || b) := by\n  fun_cases f <;> simp_all\n")
    [(line, col, m)] = errors(src)
    assert (line, col) == (5, 2) and m.endswith("(overlapping patterns) is not supported yet")
    # control flow in a right-hand side (Lean splits cases there)
    src = ("def g : Nat → Nat\n  | 0 => 0\n  | n+1 => if n > 5 then g n else 1\n"
           "theorem t : g n ≥ 0 := by\n  fun_induction g <;> omega\n")
    [(_, _, m)] = errors(src)
    assert m.endswith("(control flow in a right-hand side) is not supported yet")
    # parameters before the colon, and a call of `f` that is not on variables
    src = "def h (k : Nat) : Nat → Nat\n  | 0 => k\n  | n+1 => h k n\ntheorem t : h 1 n ≥ 0 := by\n  fun_induction h\n"
    assert errors(src)[0][2].endswith("(parameters before the colon) is not supported yet")
    src = ACK + "theorem t : ack 2 m > 0 := by\n  fun_induction ack\n"
    assert "not supported yet" in errors(src)[0][2]
