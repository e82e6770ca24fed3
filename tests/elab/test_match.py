"""`match`, `fun | …`, `fun ⟨a, b⟩`, `nomatch`, `nofun`, pattern `let`, `if`: compiled to `casesOn` and checked
by the kernel; errors with Lean's messages and positions."""
from __future__ import annotations

import pytest

from leanr_py.elab.match import ensure_cases_on
from leanr_py.kernel.name import Name
from leanr_py.prelude import fork_prelude

from .prelude_ce import first_error, ok, run


WEEK = "inductive Day where\n  | mon | tue | wed\n"
VEC = ("inductive Vec (α : Type) : Nat → Type where\n  | nil : Vec α 0\n"
       "  | cons {n : Nat} (a : α) (v : Vec α n) : Vec α (n + 1)\n")


# ---------------------------------------------------------------------- positive cases

def test_nat_literals_and_successor_patterns_compute() -> None:
    ok("def f (n : Nat) : Nat :=\n  match n with\n  | 0 => 10\n  | 1 => 20\n  | k+2 => k\n"
       "example : f 0 = 10 := rfl\nexample : f 1 = 20 := rfl\nexample : f 7 = 5 := rfl\n"
       "example (k : Nat) : f (k + 2) = k := rfl\n")


def _size(e) -> int:
    from leanr_py.kernel import expr as E
    return sum(1 for _ in E.subterms(e, seen={}))


def test_nat_literals_with_a_default_are_compared_not_unfolded() -> None:
    # as Lean's match compiler: a column of literals and variables is split by `x = v`, not constructor by
    # constructor (which made the term grow as the product of the literals)
    ce = ok("def h : Nat → Nat → Nat\n  | 30, 40 => 1\n  | _, 50 => 2\n  | _, _ => 0\n"
            "example : h 30 40 = 1 := rfl\nexample : h 1 50 = 2 := rfl\nexample : h 30 50 = 2 := rfl\n"
            "example : h 30 41 = 0 := rfl\n"
            "def f (x y z : Nat) : Nat :=\n  match x, y, z with\n  | 5, _, _ => y\n  | _, 5, _ => y\n"
            "  | _, _, 5 => y\n  | _, _, _ => 1\nexample : f 1 2 3 = 1 := rfl\nexample : f 1 2 5 = 2 := rfl\n")
    assert _size(ce.env.find(Name.of("h")).value) < 200
    assert _size(ce.env.find(Name.of("f")).value) < 300


def test_a_literal_match_the_goal_depends_on_still_refines_it() -> None:
    ok("theorem t : ∀ n : Nat, n = 3 → n + 1 = 4\n  | 3, _ => rfl\n  | n, h => by omega\n")


def test_split_hypotheses_are_not_seen_by_the_alternatives() -> None:
    # Lean elaborates `| m => …` apart from the matcher: `m ≠ 0` is not known there
    e = first_error("def f : Nat → Nat\n  | 0 => 0\n  | m => f (m - 1)\n")
    assert e.message.endswith("m : Nat\n⊢ m - 1 < m")


def test_large_nat_literal_patterns() -> None:
    ok("def big (n : Nat) : Nat :=\n  match n with\n  | 1000 => 1\n  | _ => 2\n"
       "example : big 1000 = 1 := rfl\nexample : big 7 = 2 := rfl\n"
       "def mixed (n : Nat) : Nat :=\n  match n with\n  | 0 => 0\n  | 100 => 1\n  | _+1 => 2\n"
       "example : mixed 100 = 1 := rfl\nexample : mixed 99 = 2 := rfl\n")


def test_succ_constructor_and_wildcard() -> None:
    ok("def isZero (n : Nat) : Bool :=\n  match n with\n  | Nat.zero => Bool.true\n  | Nat.succ _ => Bool.false\n"
       "example : isZero 0 = Bool.true := rfl\nexample : isZero 3 = Bool.false := rfl\n")


def test_several_discriminants_and_alternatives_sharing_a_rhs() -> None:
    ok("open Bool\ndef both (a b : Bool) : Bool :=\n  match a, b with\n  | .true, .true => .true\n"
       "  | .false, _ | _, .false => .false\n"
       "example : both Bool.true Bool.true = Bool.true := rfl\n"
       "example : both Bool.true Bool.false = Bool.false := rfl\n"
       "example : both Bool.false Bool.true = Bool.false := rfl\n")


def test_user_constructors_plain_qualified_and_dotted() -> None:
    ok(WEEK + "open Day\ndef num (d : Day) : Nat :=\n  match d with\n  | mon => 1\n  | Day.tue => 2\n  | .wed => 3\n"
       "example : num Day.wed = 3 := rfl\n")


def test_anonymous_constructor_tuple_and_fun_patterns() -> None:
    ok("def swap {α β : Type} (p : α × β) : β × α :=\n  match p with\n  | (a, b) => (b, a)\n"
       "def swap2 {α β : Type} : α × β → β × α := fun ⟨a, b⟩ => ⟨b, a⟩\n"
       "def fst3 {α : Type} : α × α × α → α\n  | (a, _, _) => a\n"
       "example : swap (1, 2) = (2, 1) := rfl\nexample : swap2 (1, 2) = (2, 1) := rfl\n"
       "example : fst3 (1, 2, 3) = 1 := rfl\n")


def test_list_patterns_nested() -> None:
    ok("def second (xs : List Nat) : Nat :=\n  match xs with\n  | [] => 0\n  | [_] => 1\n  | _ :: y :: _ => y\n"
       "example : second [5, 6, 7] = 6 := rfl\nexample : second [5] = 1 := rfl\n"
       "def two : List Nat → Bool\n  | [_, _] => Bool.true\n  | _ => Bool.false\n"
       "example : two [1, 2] = Bool.true := rfl\nexample : two [1, 2, 3] = Bool.false := rfl\n")


def test_fun_alternatives() -> None:
    ok("def g : Nat → Nat → Nat := fun\n  | 0, m => m\n  | n+1, _ => n\n"
       "example : g 0 4 = 4 := rfl\nexample : g 5 4 = 4 := rfl\n")


def test_pattern_fun_as_an_argument_waits_for_its_type() -> None:
    ok("def g (xs : List (List Nat)) : List Nat := List.map (fun | [] => 0 | _ :: _ => 1) xs\n"
       "example : g [[], [3]] = [0, 1] := rfl\n"
       "def h (xs : List (Nat × Nat)) : List Nat := List.map (fun (a, b) => a + b) xs\n")


def test_eq_pattern_refines_the_index() -> None:
    ok("theorem my_symm {α : Type} {a b : α} (h : a = b) : b = a :=\n  match h with\n  | rfl => rfl\n")


def test_hypotheses_depending_on_the_discriminant_are_refined() -> None:
    ok("def pos (n : Nat) (h : n ≠ 0) : Nat :=\n  match n with\n"
       "  | 0 => absurd rfl h\n  | k+1 => k\n")


def test_constructor_pattern_with_named_fields_and_ellipsis() -> None:
    ok("inductive T where\n  | leaf (n : Nat)\n  | node (l : T) (tag : Nat) (r : T)\n"
       "def tag : T → Nat\n  | T.node (tag := t) .. => t\n  | .leaf .. => 0\n"
       "def left : T → Nat\n  | .node (.leaf n) .. => n\n  | _ => 0\n"
       "example : tag (.node (.leaf 1) 5 (.leaf 2)) = 5 := rfl\nexample : tag (.leaf 3) = 0 := rfl\n"
       "example : left (.node (.leaf 1) 5 (.leaf 2)) = 1 := rfl\n")
    assert "expects 3 explicit argument(s)" in first_error(
        "inductive T where\n  | node (l : T) (tag : Nat) (r : T)\n  | leaf\n"
        "def tag : T → Nat\n  | T.node (tag := t) => t\n  | _ => 0\n").message


def test_pattern_fields_have_beta_reduced_types() -> None:
    err = first_error("theorem t (x y : Nat) (h : ∃ k, k * x = y) : ∃ k, k * x = y :=\n  match h with\n"
                      "  | ⟨w, hw⟩ => ⟨w, by skip⟩\n")
    assert "fun" not in err.message and "h✝ : w✝ * x = y" in err.message


def test_named_discriminant_hypothesis() -> None:
    ok("def pick (n : Nat) : Nat :=\n  match h : n with\n  | 0 => (fun (_ : n = 0) => 1) h\n"
       "  | k+1 => (fun (_ : n = k + 1) => k) h\n"
       "example : pick 3 = 2 := rfl\n")


def test_motive_given() -> None:
    ok("def idn (n : Nat) : Nat :=\n  match (motive := fun _ => Nat) n with\n  | 0 => 0\n  | k+1 => k + 1\n"
       "example : idn 4 = 4 := rfl\n")


def test_indexed_family_with_variable_index() -> None:
    ok(VEC + "def isNil {α : Type} : {n : Nat} → Vec α n → Bool\n  | _, .nil => Bool.true\n  | _, .cons _ _ => Bool.false\n"
       "example : isNil (Vec.nil : Vec Nat 0) = Bool.true := rfl\n")


def test_as_pattern_and_inaccessible() -> None:
    ok("def dup : List Nat → List Nat\n  | [] => []\n  | l@(x :: _) => List.cons x l\n"
       "example : dup [1, 2] = [1, 1, 2] := rfl\n")


def test_nomatch_and_nofun() -> None:
    ok("example (h : False) : Nat := nomatch h\nexample : False → Nat := nofun\n")


def test_matched_term_used_in_the_goal_with_non_variable_indices() -> None:
    # as Lean: `HEq v (cons a w)` joins the equations and becomes `v = cons a w` once the indices agree
    ok("inductive V : Nat → Type where\n  | nil : V 0\n  | cons : Nat → V n → V (n+1)\n"
       "def V.head : V (n+1) → Nat\n  | cons a _ => a\ndef V.tail : V (n+1) → V n\n  | cons _ v => v\n"
       "theorem V.eta : (v : V (n+1)) → V.cons v.head v.tail = v\n  | cons a w => rfl\n"
       "example (v : V 0) : v = V.nil := match v with | .nil => rfl\n")


def test_an_equation_between_a_number_and_its_successor_is_impossible() -> None:
    # Lean's `acyclic`: `n + k = n` (k ≥ 1) has no case, either way round
    ok("example : ¬ n + 1 = n := fun h => nomatch h\n"
       "example (n : Nat) : n ≠ n + 3 := fun h => nomatch h\n"
       "example (n : Nat) (h : Nat.succ n = n) : False := nomatch h\n")
    e = first_error("example (n m : Nat) (h : n + 1 = m) : False := nomatch h\n")
    assert e.message.startswith("Missing cases")   # a real case: `m` is `n + 1`


def test_pattern_let_and_have() -> None:
    ok("def sum (p : Nat × Nat) : Nat :=\n  let (a, b) := p\n  a + b\nexample : sum (2, 3) = 5 := rfl\n"
       "theorem swap_and (p q : Prop) (h : p ∧ q) : q ∧ p :=\n  have ⟨hp, hq⟩ := h\n  ⟨hq, hp⟩\n")


def test_string_char_and_int_literals_by_decidable_equality() -> None:
    ce, msgs = run("example : String := \"\"\n")
    if any(m.severity == "error" for m in msgs):
        pytest.skip("the prelude has no String")
    ok("def f (s : String) : Nat :=\n  match s with\n  | \"a\" => 1\n  | \"b\" => 2\n  | _ => 3\n"
       "example : f \"b\" = 2 := rfl\nexample : f \"z\" = 3 := rfl\n"
       "def g (c : Char) : Bool :=\n  match c with\n  | 'x' => Bool.true\n  | _ => Bool.false\n"
       "def h (n : Int) : Nat :=\n  match n with\n  | 0 => 1\n  | _ => 2\n")


def test_let_rec_is_declined_not_misread() -> None:
    # a `let rec` at the head of a body is a `where` declaration; deeper in a term it is declined
    e = first_error("def f (n : Nat) : Nat :=\n  Nat.succ (let rec go (k : Nat) : Nat := go k\n  go n)\n")
    assert e.message == "'let rec' is not supported yet"
    ok("def g (n : Nat) : Nat :=\n  let n := n + 1\n  n\n")


def test_if_then_else_and_dependent_if() -> None:
    ok("instance decTrue : Decidable True := Decidable.isTrue True.intro\n"
       "def a : Nat := if True then 1 else 2\nexample : a = 1 := rfl\n"
       "def b : Nat := if h : True then (fun (_ : True) => 3) h else 4\nexample : b = 3 := rfl\n")


def test_cases_on_is_lean_shaped() -> None:
    env, _ = fork_prelude()
    n = ensure_cases_on(env, Name.of("Nat"))
    from leanr_py.pretty import pp_signature
    assert " ".join(pp_signature(n, env).split()) == (
        "Nat.casesOn.{u} {motive : Nat → Sort u} (t : Nat) (zero : motive Nat.zero) "
        "(succ : (n : Nat) → motive n.succ) : motive t")


# ---------------------------------------------------------------------- errors

def test_missing_cases_lists_them_as_lean() -> None:
    e = first_error("def f (n : Nat) : Nat :=\n  match n with\n  | 0 => 1\n")
    assert e.message == "Missing cases:\n(Nat.succ _)"
    assert (e.span.line, e.span.col) == (2, 2)


def test_missing_cases_several_discriminants() -> None:
    e = first_error("def zip2 : List Nat → List Nat → Nat\n  | [], [] => 0\n  | _ :: _, _ :: _ => 1\n")
    assert e.message == "Missing cases:\n(List.cons _ _), []\n[], (List.cons _ _)"


def test_redundant_alternative() -> None:
    e = first_error("def seconds : List (List Nat) → List Nat\n  | [] => []\n  | _ :: xss => seconds xss\n"
                    "  | (_ :: x :: _) :: xss => x :: seconds xss\n")
    assert e.message == ("Redundant alternative: Any expression matching\n  (head✝ :: x :: tail✝) :: xss\n"
                         "will match one of the preceding alternatives")
    assert (e.span.line, e.span.col) == (4, 4)


def test_wrong_number_of_patterns() -> None:
    e = first_error("def f (a b : Nat) : Nat :=\n  match a, b with\n  | 0 => 1\n  | _, _ => 2\n")
    assert e.message.startswith("Not enough patterns in match alternative")
    assert (e.span.line, e.span.col) == (3, 4)
    e = first_error("def f (a : Nat) : Nat :=\n  match a with\n  | 0, 1 => 1\n  | _ => 2\n")
    assert e.message.startswith("Too many patterns in match alternative")


def test_pattern_of_another_type_is_refused() -> None:
    e = first_error(WEEK + "def f (n : Nat) : Nat :=\n  match n with\n  | Day.mon => 1\n  | _ => 2\n")
    assert "does not construct" in e.message
    assert (e.span.line, e.span.col) == (5, 4)


def test_prop_only_type_into_an_unknown_type() -> None:
    e = first_error("example {α : Type} [inst : Nonempty α] (p : α → Prop) : ∃ x, p x ∨ ¬ p x :=\n"
                    "  let val :=\n    match inst with\n    | .intro x => x\n  ⟨val, Classical.em (p val)⟩\n")
    assert e.message == ("Tactic `cases` failed with a nested error:\nTactic `induction` failed: recursor "
                         "`Nonempty.casesOn` can only eliminate into `Prop`")


def test_function_application_is_not_a_pattern() -> None:
    e = first_error("def g (n : Nat) : Nat := n\ndef f (n : Nat) : Nat :=\n  match n with\n  | g k => k\n")
    assert e.message.startswith("invalid pattern, constructor or constant marked with '[match_pattern]' expected")
    assert (e.span.line, e.span.col) == (4, 4)


def test_indices_that_are_not_variables_are_unified() -> None:
    ok(VEC + "def hd {α : Type} {n : Nat} : Vec α (n + 1) → α\n  | .cons a _ => a\n"
       "example : hd (Vec.cons 3 Vec.nil) = 3 := rfl\n"
       "def tl {α : Type} {n : Nat} : Vec α (n + 1) → Vec α n\n  | .cons _ v => v\n"
       "def zipWith {α β γ : Type} (f : α → β → γ) : {n : Nat} → Vec α n → Vec β n → Vec γ n\n"
       "  | 0, .nil, .nil => .nil\n  | _+1, .cons a as, .cons b bs => .cons (f a b) (zipWith f as bs)\n")


def test_impossible_indices_close_the_case() -> None:
    ok("inductive Even : Nat → Prop where\n  | zero : Even 0\n  | ss {n : Nat} : Even n → Even (n + 2)\n"
       "theorem not_even_one : ¬ Even 1 := fun h => nomatch h\n"
       "theorem even_inv {n : Nat} (h : Even (n + 2)) : Even n :=\n  match h with\n  | .ss h' => h'\n")


def test_mutual_inductive_families() -> None:
    ok("mutual\ninductive Ev : Nat → Prop where\n  | zero : Ev 0\n  | succ : ∀ n, Od n → Ev (n + 1)\n"
       "inductive Od : Nat → Prop where\n  | succ : ∀ n, Ev n → Od (n + 1)\nend\n"
       "theorem not_od_zero : ¬ Od 0 := fun h => nomatch h\n"
       "theorem ev_of_od_succ : ∀ n, Od (n + 1) → Ev n\n  | _, Od.succ _ h => h\n")


def test_nomatch_through_a_structure_and_a_proposition() -> None:
    _, msgs = run("example : Type := Fin 0\n")
    if any(m.severity == "error" for m in msgs):
        pytest.skip("the prelude has no Fin")
    ok("def f : (n : Nat) → Fin n → Nat\n  | 0, i => nomatch i\n  | n+1, _ => n\n"
       "def g (n : Nat) : Nat :=\n  match n, n with\n  | 0, 1 => 1\n  | _, _ => 2\n")


def test_missing_case_with_indices_is_reported() -> None:
    e = first_error("inductive Even : Nat → Prop where\n  | zero : Even 0\n  | ss {n : Nat} : Even n → Even (n + 2)\n"
                    "theorem t : ¬ Even 2 := fun h => nomatch h\n")
    assert e.message.startswith("Missing cases:")


def test_matched_term_used_elsewhere_with_non_variable_indices() -> None:
    ok(VEC + "def f {n : Nat} (v : Vec Nat (n + 1)) : v = v :=\n  match v with\n  | .cons _ _ => rfl\n")


def test_if_needs_a_decidable_instance() -> None:
    e = first_error("def f (p : Prop) : Nat := if p then 1 else 2\n")
    assert e.message.startswith("failed to synthesize instance of type class\n  Decidable p")


def test_kernel_rechecks_the_compiled_term() -> None:
    ce = ok("def f (n : Nat) : Nat :=\n  match n with\n  | 0 => 1\n  | _ => 2\n")
    info = ce.env.find(Name.of("f"))
    assert info is not None and ce.env.find(Name.of("Nat.casesOn")) is not None


@pytest.mark.parametrize("src", [
    "def f (n : Nat) : Nat :=\n  match n with\n  | \"a\" => 1\n  | _ => 2\n",
    "def f (n : Nat) : Nat :=\n  match n with\n  | (0 : Nat) => 1\n",
])
def test_bad_inputs_give_errors_not_crashes(src: str) -> None:
    _, msgs = run(src)
    assert any(m.severity == "error" for m in msgs)


def test_a_missing_case_that_lean_might_refute_gets_no_verdict() -> None:
    # `⟨i+1, h⟩, nil` is impossible (h : i + 1 < 0 + 1): Lean's `contradiction` shows it, leanr not yet
    from .prelude_ce import first_error

    e = first_error("inductive V (α : Type u) : Nat → Type u where\n  | nil : V α 0\n"
                    "  | cons : α → V α n → V α (n+1)\n"
                    "def ins (a : α) : Fin (n+1) → V α n → V α (n+1)\n  | ⟨0, _⟩, xs => V.cons a xs\n"
                    "  | ⟨i+1, h⟩, V.cons x xs => V.cons x (ins a ⟨i, Nat.lt_of_succ_lt_succ h⟩ xs)\n")
    assert e.message.startswith("Missing cases:") and "not supported yet" in e.message


def test_a_pattern_stuck_on_its_variable_is_inaccessible() -> None:
    from .prelude_ce import first_error

    e = first_error("def nonzero (n : Nat) : Bool :=\n  match n with\n  | 0 => false\n  | 1 + k => true\n")
    assert e.message == ("Invalid pattern(s): `k` is an explicit pattern variable, but it only occurs in positions "
                         "that are inaccessible to pattern matching:\n  .(Nat.add 1 k)")


def test_constructor_pattern_against_an_unsolvable_type_is_lean_error() -> None:
    # `rfl : ?a = ?a`: nothing relates the proof to `5` (Lean's refman example)
    e = first_error('#eval\n  match 5, rfl with\n  | 5, rfl => "ok"\n')
    assert e.message.startswith("Invalid match expression: This pattern contains metavariables:\n  Eq.refl ?m.")
    assert (e.span.line, e.span.col) == (3, 7)
    e = first_error("def g (xs : List Nat) := match xs, [] with\n  | [], [] => 0\n  | _, _ => 1\n")
    assert e.message == "Invalid match expression: This pattern contains metavariables:\n  []"
    assert (e.span.line, e.span.col) == (2, 8)


def test_types_solved_elsewhere_are_not_unsolvable() -> None:
    ok("def f (n : Nat) (p : n = 3) : String :=\n  match p with\n  | rfl => \"ok\"\n"
       "def g (xs : List Nat) : Nat := match xs, ([] : List Nat) with\n  | [], [] => 0\n  | _, _ => 1\n"
       "def h : Option Nat → Nat := fun o => match o with\n  | none => 0\n  | some n => n\n")


BOOL_CASES = ("def boolCases (b : Bool) (ifTrue : b = true → α) (ifFalse : b = false → α) : α :=\n"
              "  match {flag}h : b with\n  | true => ifTrue {t}\n  | false => ifFalse {f}\n")


def test_locals_depending_on_a_matched_variable_see_the_pattern() -> None:
    # `ifFalse : false = false → α` in its alternative, while `h : b = false` keeps the discriminant
    e = first_error(BOOL_CASES.format(flag="", t="h", f="h"))
    assert e.message == ("Application type mismatch: The argument\n  h\nhas type\n  b = false\nbut is expected "
                         "to have type\n  false = false\nin the application\n  ifFalse h")
    ok(BOOL_CASES.format(flag="", t="rfl", f="rfl"))


def test_generalizing_false_keeps_the_discriminant_in_dependent_locals() -> None:
    ok(BOOL_CASES.format(flag="(generalizing := false) ", t="h", f="h"))
    e = first_error("def c (b : Bool) (ifTrue : b = true → Nat) : Nat :=\n"
                    "  match (generalizing := false) b with\n  | true => ifTrue rfl\n  | false => 0\n")
    assert "mismatch" in e.message


def test_tactic_match_without_generalizing_is_declined() -> None:
    e = first_error("def c (b : Bool) (ifTrue : b = true → Nat) : Nat := by\n"
                    "  match (generalizing := false) b with\n  | true => exact ifTrue rfl\n  | false => exact 0\n")
    assert "not supported yet" in e.message


def test_structure_instance_patterns() -> None:
    src = "structure Test where\n  a : Nat := 0\n  b : Nat\n"
    ok(src + "def test2 (t : Test) : Nat :=\n  match t with\n  | { b := bv, .. } => bv\n"
             "example : test2 { a := 1, b := 2 } = 2 := rfl\n"
             "def test3 (t : Test) : Nat :=\n  match t with\n  | { b := bv, a := 0 } => bv\n  | { a := x, b := y } => x + y\n"
             "example : test3 { a := 0, b := 5 } = 5 := rfl\nexample : test3 { a := 2, b := 5 } = 7 := rfl\n")
    # defaults do not apply in patterns: Lean's error
    msg = first_error(src + "def test1 (t : Test) : Nat :=\n  match t with\n  | { b := bv } => bv\n")
    assert "Fields missing: `a`" in msg.message
