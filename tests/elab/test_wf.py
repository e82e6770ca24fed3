"""Well-founded recursion: `termination_by` measures, `decreasing_by`, the default decreasing tactic, the
guessed measure, and `#eval` of the compiled definitions."""
from __future__ import annotations

from leanr_py.elab.wf import TERMINATION_FAILURE
from leanr_py.kernel.declaration import DefinitionInfo
from leanr_py.kernel.name import Name

from .prelude_ce import first_error, ok, run

DIV = ("theorem div_lemma {x y : Nat} : 0 < y ∧ y ≤ x → x - y < x :=\n"
       "  fun ⟨ypos, ylex⟩ => Nat.sub_lt (Nat.lt_of_lt_of_le ypos ylex) ypos\n"
       "def div (x y : Nat) : Nat :=\n  if h : 0 < y ∧ y ≤ x then div (x - y) y + 1 else 0\n"
       "decreasing_by apply div_lemma; assumption\n")


def infos(src: str) -> list[str]:
    """The messages `src` gives, which must not include an error."""
    _, msgs = run(src)
    errs = [m.format("t.lean") for m in msgs if m.severity == "error"]
    assert not errs, errs
    return [m.message for m in msgs]


def test_decreasing_by_and_eval() -> None:
    assert infos(DIV + "#eval div 10 3\n#eval div 3 0\n") == ["3", "0"]


def test_measure_with_default_tactic_under_dite() -> None:
    src = ("def log2 (n : Nat) : Nat := if h : n < 2 then 0 else log2 (n / 2) + 1\ntermination_by n\n"
           "#eval log2 1000\n")
    assert infos(src) == ["9"]


def test_measure_over_a_fixed_parameter_and_a_varying_one() -> None:
    src = ("def sum (xs : List Nat) (i : Nat) : Nat := if h : i < xs.length then xs[i] + sum xs (i+1) else 0\n"
           "termination_by xs.length - i\n#eval sum [1, 2, 3, 4] 1\n")
    assert infos(src) == ["9"]


def test_several_varying_arguments_are_packed() -> None:
    src = ("def mv (a b : Nat) : Nat := if h : a = 0 then b else mv (a - 1) (b + 2)\ntermination_by a\n"
           "#eval mv 3 4\n")
    assert infos(src) == ["10"]


def test_pattern_matching_refines_the_goals() -> None:
    # the goal of the call in the `n+1` alternative is `n / 2 < n + 1`: the match refines the argument
    src = ("def halves : Nat → Nat\n  | 0 => 0\n  | n+1 => halves (n / 2) + 1\ntermination_by n => n\n"
           "#eval halves 100\n")
    assert infos(src) == ["6"]   # 100, 49, 24, 11, 5, 2, 0


def test_decreasing_by_gets_all_goals_at_once() -> None:
    e = first_error("def fib : Nat → Nat\n  | 0 | 1 => 1\n  | .succ (.succ n) => fib (n + 1) + fib n\n"
                    "termination_by n => n\ndecreasing_by\n  skip\n")
    # as Lean shows them: the matched argument is gone, the pattern variable has its name
    assert e.message == "unsolved goals\nn : Nat\n⊢ n + 1 < n.succ.succ\n\nn : Nat\n⊢ n < n.succ.succ"


def test_default_tactic_failure_reports_lean_message() -> None:
    e = first_error("def up (n : Nat) : Nat := if h : n = 0 then 0 else up (n + 1)\ntermination_by n\n")
    assert e.message.startswith(TERMINATION_FAILURE + "\n")
    assert e.message.endswith("⊢ n + 1 < n")
    assert "up :" not in e.message   # the function itself is not among the hypotheses


def test_goal_beyond_linear_arithmetic_is_declined() -> None:
    e = first_error("def g (xs : List Nat) : Nat := if h : xs = [] then 0 else g xs.tail\n"
                    "termination_by xs.length\n")
    assert "not supported yet" in e.message


def test_non_nat_measure_is_declined() -> None:
    e = first_error("def f (n : Nat) : Nat := if h : n = 0 then 0 else f (n - 1)\ntermination_by [n]\n")
    assert "not supported yet" in e.message


def test_definition_is_computable() -> None:
    # `WellFounded.fix` is noncomputable, but the definition runs its own recursion (no error from the
    # code generator check), and the kernel has checked it
    ce = ok(DIV)
    assert isinstance(ce.env.find(Name.of("div")), DefinitionInfo)


def test_measure_is_guessed_without_termination_by() -> None:
    # structural recursion fails (`n - 1`), the single decreasing argument is found; `if c` gets `h : c`
    src = ("def cnt (n : Nat) : Nat := if n = 0 then 0 else cnt (n - 1) + 1\n#eval cnt 5\n"
           "def f2 (a b : Nat) : Nat := if a = 0 then b else f2 (a - 1) (b + 1)\n#eval f2 3 4\n")
    assert infos(src) == ["5", "7"]


def test_no_guessed_measure_keeps_the_structural_refusal() -> None:
    # two varying arguments: Lean's GuessLex would also try `sizeOf` measures leanr does not guess
    e = first_error("def loop (n m : Nat) : Nat := if n = 0 then 0 else loop (n + 1) (m + 1)\n")
    assert e.message.startswith("fail to show termination for\n  loop\nstructural recursion cannot be used:")
    assert "not supported yet" in e.message


def test_the_only_measure_failing_is_lean_error() -> None:
    # one varying `Nat` argument: Lean tries that measure alone and shows the goal it leaves
    e = first_error("def countdown' (n : Nat) : List Nat :=\n  if n == 0 then []\n  else\n"
                    "    let n' := n - 1\n    n' :: countdown' n'\n")
    assert e.message == (
        "fail to show termination for\n  countdown'\nwith errors\nfailed to infer structural recursion:\n"
        "Cannot use parameter n:\n  failed to eliminate recursive application\n    countdown' n'\n\n\n"
        f"{TERMINATION_FAILURE}\nn : Nat\nh✝ : ¬(n == 0) = true\nn' : Nat := n - 1\n⊢ n - 1 < n")
    assert (e.span.line, e.span.col) == (1, 0)


def test_definitions_are_irreducible_as_in_lean() -> None:
    log2 = "def log2 (n : Nat) : Nat := if h : n < 2 then 0 else log2 (n / 2) + 1\ntermination_by n\n"
    e = first_error(log2 + "example : log2 4 = 2 := rfl\n")
    assert e.message.startswith("Type mismatch")
    e = first_error(log2 + "example : log2 4 = 2 := by decide\n")
    assert "not supported yet" in e.message


def test_eq_def_by_fix_eq() -> None:
    src = ("def f2 (a b : Nat) : Nat := if a = 0 then b else f2 (a - 1) (b + 1)\n#check @f2.eq_def\n"
           "theorem f2_zero (b : Nat) : f2 0 b = b := by rw [f2.eq_def]; simp\n")
    assert infos(src) == ["f2.eq_def : ∀ (a b : Nat), f2 a b = if a = 0 then b else f2 (a - 1) (b + 1)"]


def test_unfolding_without_eq_def_is_declined() -> None:
    halves = "def halves : Nat → Nat\n  | 0 => 0\n  | n+1 => halves (n / 2) + 1\ntermination_by n => n\n"
    e = first_error(halves + "example : halves 0 = 0 := by unfold halves; rfl\n")
    assert "not supported yet" in e.message and "'halves'" in e.message
    ok(halves + "example : halves 0 = 0 := by simp [halves]\n")   # with the equation lemmas


def test_equation_lemmas_of_the_alternatives() -> None:
    src = ACK + ("#check @ack.eq_1\n#check @ack.eq_3\nexample : ack 1 1 = 3 := by simp [ack]\n"
                 "example (y : Nat) : ack 1 (y + 1) = ack 0 (ack 1 y) := by rw [ack.eq_3]\n")
    assert infos(src) == ["ack.eq_1 : ∀ (y : Nat), ack 0 y = y + 1",
                          "ack.eq_3 : ∀ (x y : Nat), ack (x + 1) (y + 1) = ack x (ack (x + 1) y)"]


ACK = ("def ack : Nat → Nat → Nat\n  | 0,   y   => y+1\n  | x+1, 0   => ack x 1\n"
       "  | x+1, y+1 => ack x (ack (x+1) y)\ntermination_by x y => (x, y)\n")


def test_lexicographic_measure_with_the_default_tactic() -> None:
    assert infos(ACK + "#eval ack 2 3\n") == ["9"]


def test_lexicographic_goals_for_decreasing_by() -> None:
    src = ACK + ("decreasing_by\n  all_goals simp_wf\n  · apply Prod.Lex.left; omega\n"
                 "  · apply Prod.Lex.right; omega\n  · apply Prod.Lex.left; omega\n#eval ack 1 1\n")
    assert infos(src) == ["3"]


def test_lexicographic_failure_shows_the_component_goal() -> None:
    e = first_error("def synack : Nat → Nat → Nat\n  | 0,     n     => n + 1\n  | m + 1, 0     => synack m 1\n"
                    "  | m + 1, n + 1 => synack m (synack (m / 2 + 1) n)\ntermination_by m n => (m, n)\n")
    assert e.message == TERMINATION_FAILURE + "\nm n : Nat\n⊢ m / 2 + 1 < m + 1"


def test_let_bound_arguments_are_stated_by_value() -> None:
    e = first_error("def countdown (n : Nat) : List Nat :=\n  if n == 0 then []\n  else\n    let n' := n - 1\n"
                    "    n' :: countdown n'\ntermination_by n\n")
    assert e.message == (TERMINATION_FAILURE + "\nn : Nat\nh✝ : ¬(n == 0) = true\nn' : Nat := n - 1\n⊢ n - 1 < n")
    src = ("def countdown (n : Nat) : List Nat :=\n  if n = 0 then []\n  else\n    let n' := n - 1\n"
           "    n' :: countdown n'\n#eval countdown 3\n")
    assert infos(src) == ["[2, 1, 0]"]


def test_varying_argument_of_a_dependent_type_and_by_blocks_in_the_body() -> None:
    src = ("def finSum (n : Nat) (i : Fin (n + 1)) (acc : Nat) : Nat :=\n"
           "  if h : i.val = 0 then acc else finSum n ⟨i.val - 1, by omega⟩ (acc + i.val)\n"
           "termination_by i.val\n#eval finSum 5 ⟨5, by decide⟩ 0\n"
           "universe u\ndef dropN {α : Type u} (xs : List α) (n : Nat) : List α :=\n"
           "  if h : n = 0 then xs else match xs with\n    | [] => []\n    | _ :: t => dropN t (n - 1)\n"
           "termination_by n\n#eval dropN [1, 2, 3, 4] 2\n")
    assert infos(src) == ["15", "[3, 4]"]


def test_lexicographic_pair_is_guessed() -> None:
    src = ("def ack' : Nat → Nat → Nat\n  | 0,   y   => y+1\n  | x+1, 0   => ack' x 1\n"
           "  | x+1, y+1 => ack' x (ack' (x+1) y)\n#eval ack' 2 3\n"
           "def swapper (a b : Nat) : Nat :=\n"
           "  if h : b = 0 then (if a = 0 then 0 else swapper (a - 1) 5) else swapper a (b - 1)\n"
           "#eval swapper 2 3\n")
    assert infos(src) == ["9", "0"]


def test_variable_pattern_is_opaque_in_the_goals() -> None:
    # `m` could be `0` as far as the goal knows: the split before it is not a hypothesis
    e = first_error("def f : Nat → Nat\n  | 0 => 0\n  | m => f (m - 1)\n")
    assert "⊢ m - 1 < m" in e.message
    ok("def g (n : Nat) : Nat :=\n  match n with\n  | 0 => 0\n  | m => if h : m = 0 then 0 else g (m - 1)\n")


TAKE_WHILE = ("def takeWhile (p : α → Bool) (as : Array α) : Array α :=\n  go 0 #[]\nwhere\n"
              "  go (i : Nat) (r : Array α) : Array α :=\n    if h : i < as.size then\n      let a := as[i]\n"
              "      if p a then\n        go (i+1) (r.push a)\n      else\n        r\n    else\n      r\n")


def test_default_tactic_under_an_auto_bound_universe() -> None:
    # `where go` of a function over `Array α` (α auto-bound): the measure's `as.size` and the hypothesis'
    # `as.size` are one atom for omega, as in Lean's `AtomM` (equal up to a universe metavariable)
    src = TAKE_WHILE + "  termination_by as.size - i\n#eval takeWhile (· < 3) #[1, 2, 5, 1]\n"
    assert infos(src) == ["#[1, 2]"]


def test_guessed_subtraction_measure_from_a_condition() -> None:
    # as Lean's GuessLex: `as.size - i` from `if h : i < as.size`, no `termination_by` needed
    src = (TAKE_WHILE + "#eval takeWhile (· < 3) #[1, 2, 5, 1]\n"
           "def count (n : Nat) : Nat := if h : n < 10 then count (n + 1) + 1 else 0\n#eval count 4\n")
    assert infos(src) == ["#[1, 2]", "6"]
    # a call that does not decrease is still refused
    err = first_error("def loop (n : Nat) : Nat := if h : n < 10 then loop n + 1 else 0\n")
    assert err is not None and err.message.startswith("fail to show termination")
