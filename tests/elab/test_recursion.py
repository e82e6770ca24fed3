"""Pattern equations, structural recursion through `brecOn`/`below`, `partial`, `unsafe`, equation lemmas,
and the code generator's `noncomputable` check."""
from __future__ import annotations

from leanr_py.elab.recursion import ensure_brec_on, equation_lemmas
from leanr_py.kernel.declaration import OpaqueInfo, TheoremInfo
from leanr_py.kernel.name import Name
from leanr_py.pretty import pp_expr, pp_signature
from leanr_py.prelude import fork_prelude

from .prelude_ce import first_error, ok


FIB = "def fib : Nat → Nat\n  | 0 => 1\n  | 1 => 1\n  | n+2 => fib (n+1) + fib n\n"
TREE = ("inductive Tree where\n  | leaf : Tree\n  | node (l : Tree) (v : Nat) (r : Tree) : Tree\n"
        "def Tree.size : Tree → Nat\n  | leaf => 0\n  | node l _ r => l.size + 1 + Tree.size r\n")


def test_fib_by_equations_computes() -> None:
    ok(FIB + "example : fib 10 = 89 := rfl\nexample (n : Nat) : fib (n + 2) = fib (n + 1) + fib n := rfl\n")


def test_recursion_through_a_match_in_the_body() -> None:
    ok("def fib2 (n : Nat) : Nat :=\n  match n with\n  | 0 => 1\n  | 1 => 1\n  | n+2 => fib2 (n+1) + fib2 n\n"
       "example : fib2 6 = 13 := rfl\n")


def test_recursive_call_by_field_notation_inside_a_namespace() -> None:
    ok("namespace Foo\ninductive T where\n  | a : T\n  | b (t : T) : T\n"
       "def T.depth : T → Nat\n  | a => 0\n  | b t => t.depth + 1\nend Foo\n"
       "example : (Foo.T.b (Foo.T.b Foo.T.a)).depth = 2 := rfl\n")


def test_field_of_the_same_name_is_not_recursion() -> None:
    ce = ok("structure P where\n  x : Nat\ndef x (p : P) : Nat := p.x\nexample : x ⟨3⟩ = 3 := rfl\n")
    assert "brecOn" not in str(ce.env.find(Name.of("x")).value)


def test_recursion_over_an_indexed_family() -> None:
    ok("inductive Vec (α : Type) : Nat → Type where\n  | nil : Vec α 0\n"
       "  | cons {n : Nat} (a : α) (v : Vec α n) : Vec α (n + 1)\n"
       "def Vec.toList {α : Type} : {n : Nat} → Vec α n → List α\n  | _, .nil => []\n"
       "  | _, .cons a v => List.cons a v.toList\n"
       "def Vec.map {α β : Type} (f : α → β) : {n : Nat} → Vec α n → Vec β n\n  | _, .nil => .nil\n"
       "  | _, .cons a v => .cons (f a) (Vec.map f v)\n"
       "example : (Vec.map Nat.succ (Vec.cons 1 Vec.nil)).toList = [2] := rfl\n")


def test_list_recursion_with_implicit_parameter() -> None:
    ok("def len {α : Type} : List α → Nat\n  | [] => 0\n  | _ :: xs => len xs + 1\n"
       "example : len [1, 2, 3] = 3 := rfl\n")


def test_recursion_on_a_later_argument_with_a_fixed_one() -> None:
    ok("def add2 (n m : Nat) : Nat :=\n  match m with\n  | 0 => n\n  | k+1 => Nat.succ (add2 n k)\n"
       "example : add2 2 3 = 5 := rfl\n")


def test_two_recursive_fields() -> None:
    ok(TREE + "example : (Tree.node Tree.leaf 5 (Tree.node Tree.leaf 6 Tree.leaf)).size = 2 := rfl\n")


def test_arguments_after_the_recursive_one_go_into_the_motive() -> None:
    ok("def addAcc : Nat → Nat → Nat\n  | 0, acc => acc\n  | n+1, acc => addAcc n (acc + 1)\n"
       "example : addAcc 3 4 = 7 := rfl\n")


def test_equation_lemmas_are_kernel_checked_theorems() -> None:
    ce = ok(FIB)
    names = equation_lemmas(ce.env, Name.of("fib"))
    assert [str(n) for n in names] == ["fib.eq_1", "fib.eq_2", "fib.eq_3", "fib.eq_def"]
    for n in names:
        assert isinstance(ce.env.find(n), TheoremInfo)
    shown = [pp_expr(ce.env.find(n).type, ce.env) for n in names]
    assert shown[:3] == ["fib 0 = 1", "fib 1 = 1", "∀ (n : Nat), fib (n + 2) = fib (n + 1) + fib n"], shown


def test_eq_def_of_structural_recursion_states_the_body_with_its_recursive_calls() -> None:
    # as Lean's `f.eq_def`: the body as written (its matches compiled), not the `brecOn` it compiles to;
    # proved by splitting as the body splits, each case by `rfl`
    ce = ok(FIB + "def len : List α → Nat\n  | [] => 0\n  | _ :: xs => len xs + 1\n")
    eq_def = ce.env.find(Name.of("fib.eq_def"))
    assert isinstance(eq_def, TheoremInfo)
    shown = pp_expr(eq_def.type, ce.env)
    assert "brecOn" not in shown and "fib n" in shown and "fib (n + 1)" in shown, shown
    # shown as Lean shows its matcher, with the alternatives' variables
    assert pp_expr(ce.env.find(Name.of("len.eq_def")).type, ce.env) == (
        "∀ {α : Type u_1} (x : List α),\n  len x =\n    match x with\n    | [] => 0\n    | head :: xs => len xs + 1")


def test_equation_lemmas_of_a_match_on_parameters() -> None:
    ce = ok("def fib2 (n : Nat) : Nat :=\n  match n with\n  | 0 => 1\n  | 1 => 1\n  | k+2 => fib2 (k+1) + fib2 k\n"
            "def pick (a : Nat) (b : Bool) : Nat :=\n  match b with\n  | Bool.true => a\n  | Bool.false => 0\n")
    shown = [pp_expr(ce.env.find(n).type, ce.env) for n in equation_lemmas(ce.env, Name.of("fib2"))]
    assert shown[:3] == ["fib2 0 = 1", "fib2 1 = 1", "∀ (k : Nat), fib2 (k + 2) = fib2 (k + 1) + fib2 k"], shown
    shown = [pp_expr(ce.env.find(n).type, ce.env) for n in equation_lemmas(ce.env, Name.of("pick"))]
    assert [x.replace("Bool.", "") for x in shown[:2]] == ["∀ (a : Nat), pick a true = a",
                                                          "∀ (a : Nat), pick a false = 0"], shown


def test_equation_lemmas_of_a_non_definition_is_empty() -> None:
    env, _ = fork_prelude()
    assert equation_lemmas(env, Name.of("Nat")) == []


def test_brec_on_is_lean_shaped() -> None:
    env, _ = fork_prelude()
    n = ensure_brec_on(env, Name.of("Nat"))
    sig = " ".join(pp_signature(n, env).split())
    assert sig.startswith("Nat.brecOn.{u} {motive : Nat → Sort u} (t : Nat) (F_1 : (t : Nat) → Nat.below")


def test_non_structural_recursion_on_the_only_argument_is_lean_error() -> None:
    e = first_error("def loop (n : Nat) : Nat := loop (n + 1)\n")
    assert e.message.startswith("fail to show termination for\n  loop\nwith errors\nfailed to infer structural "
                                "recursion:\nCannot use parameter n:\n  failed to eliminate recursive application\n"
                                "    loop (n + 1)\n\n\nfailed to prove termination")
    assert e.message.endswith("\nn : Nat\n⊢ n + 1 < n")
    assert (e.span.line, e.span.col) == (1, 0)


def test_recursion_without_arguments_is_lean_error_at_the_name() -> None:
    # a call from a tactic counts too: Lean runs the `by` blocks before compiling the recursion
    for src in ("theorem ex : False := by exact ex\n", "theorem ex : False := ex\n"):
        e = first_error(src)
        assert e.message == ("fail to show termination for\n  ex\nwith errors\nfailed to infer structural "
                             "recursion:\nno parameters suitable for structural recursion\n\nwell-founded "
                             "recursion cannot be used, `ex` does not take any (non-fixed) arguments"), src
        assert (e.span.line, e.span.col, e.span.end_col) == (1, 8, 10)


def test_arguments_every_call_passes_unchanged_are_no_candidates() -> None:
    e = first_error("def evenLoops (n : Nat) : Bool :=\n  match n with\n  | Nat.zero => true\n"
                    "  | Nat.succ k => not (evenLoops n)\n")
    assert e.message == ("fail to show termination for\n  evenLoops\nwith errors\nfailed to infer structural "
                         "recursion:\nNot considering parameter n of evenLoops:\n  it is unchanged in the "
                         "recursive calls\nno parameters suitable for structural recursion\n\nwell-founded "
                         "recursion cannot be used, `evenLoops` does not take any (non-fixed) arguments")
    e = first_error("theorem foo (n : Nat) : n = n := by exact foo n\n")
    assert "Not considering parameter n of foo:" in e.message and "(non-fixed)" in e.message
    # the type parameters are fixed, the lists are not: the structural failures name those
    e = first_error("def sameLength (xs : List α) (ys : List β) : Bool :=\n  match (xs, ys) with\n"
                    "  | ([], []) => true\n  | (x :: xs', y :: ys') => sameLength xs' ys'\n  | _ => false\n")
    lines = e.message.splitlines()
    assert lines.index("Not considering parameter α of sameLength:") < lines.index("Cannot use parameter xs:")
    assert "Not considering parameter β of sameLength:" in lines and "(non-fixed)" not in e.message


def test_ackermann_compiles_by_well_founded_recursion() -> None:
    # not structural: the guessed lexicographic measure (x, y) is used (see test_wf.py)
    ok("def ack : Nat → Nat → Nat\n  | 0, y => y+1\n  | x+1, 0 => ack x 1\n  | x+1, y+1 => ack x (ack (x+1) y)\n")


def test_termination_by_measure_compiles_by_well_founded_recursion() -> None:
    ok("def f : Nat → Nat\n  | 0 => 0\n  | n+1 => f n\ntermination_by n => n\n")   # more in test_wf.py


def test_termination_by_structural() -> None:
    ok("def len2 : List Nat → Nat\n  | [] => 0\n  | _ :: xs => len2 xs + 1\ntermination_by structural xs => xs\n")
    e = first_error("def half (n : Nat) : Nat :=\n  match Option.some n with\n  | .some (n' + 2) => half n' + 1\n"
                    "  | _ => 0\ntermination_by structural n\n")
    assert e.message.startswith("failed to infer structural recursion:\nCannot use parameter n:\n"
                                "  failed to eliminate recursive application\n    half ")
    assert (e.span.line, e.span.col) == (1, 0)


def test_termination_by_structural_on_an_unusable_argument() -> None:
    e = first_error("def notInd (x : Nat → Nat) : Nat :=\n  notInd (fun n => x (n+1))\ntermination_by structural x\n")
    assert e.message == "cannot use specified measure for structural recursion:\n  its type is not an inductive"


def test_an_earlier_argument_that_changes_goes_into_the_motive() -> None:
    # `a` changes in the recursive call: as in Lean it is not part of the fixed prefix
    ok("def g (a : Nat) : Nat → Nat\n  | 0 => a\n  | n+1 => g (a + 1) n\nexample : g 1 3 = 4 := rfl\n")
    # recursion on the second argument while the first one changes (`x - 2`)
    src = ("def f : Nat → Nat → Nat\n  | 0,   y   => y\n  | x+1, y+1 => f (x-2) y\n  | x+1, 0   => 0\n"
           "example : f 0 0 = 0 := rfl\nexample : f 5 3 = 1 := rfl\n")
    ok(src)
    e = first_error(src + "example : f 0 y = y := rfl\n")  # stuck on `y`: the recursion is on it
    assert e.span.line == 7 and e.message.startswith("Type mismatch")


def test_partial_def_is_an_opaque_constant() -> None:
    ce = ok("partial def spin (n : Nat) : Nat := spin (n + 1)\n")
    assert isinstance(ce.env.find(Name.of("spin")), OpaqueInfo)


def test_partial_def_needs_an_inhabited_type() -> None:
    e = first_error("partial def bad (n : Nat) : False := bad n\n")
    assert e.message.startswith("failed to compile 'partial' definition 'bad'")


def test_opaque_without_value_uses_default() -> None:
    ce = ok("opaque m : Nat\nopaque g : Nat → Nat\n")
    assert isinstance(ce.env.find(Name.of("m")), OpaqueInfo)
    e = first_error("opaque bad : False\n")
    assert e.message.startswith("failed to compile 'opaque' definition 'bad'")


def test_unsafe_is_refused() -> None:
    e = first_error("unsafe def u : Nat := 0\n")
    assert e.message.startswith("'unsafe' declarations are not supported yet")


def test_mutual_definitions_that_are_not_structural_are_declined() -> None:
    e = first_error("mutual\ndef ev : Nat → Bool\n  | 0 => Bool.true\n  | n+1 => od (n+2)\n"
                    "def od : Nat → Bool\n  | 0 => Bool.false\n  | n+1 => ev n\nend\n")
    assert "not supported yet" in e.message


def test_axiom_used_computationally_is_reported() -> None:
    e = first_error("axiom transform : Nat → Nat\ndef t : Nat → Nat\n  | 0 => transform 0\n  | n => n\n")
    assert e.message == "`transform` not supported by code generator; consider marking definition as `noncomputable`"
    assert (e.span.line, e.span.col) == (2, 4)
    ok("axiom transform : Nat → Nat\nnoncomputable def t : Nat → Nat\n  | 0 => transform 0\n  | n => n\n")


def test_noncomputable_dependency_is_reported() -> None:
    e = first_error("axiom c : Nat\nnoncomputable def d : Nat := c\ndef e : Nat := d\n")
    assert e.message == ("failed to compile definition, consider marking it as 'noncomputable' because it depends "
                         "on 'd', which is 'noncomputable'")


def test_proofs_may_use_axioms() -> None:
    ok("axiom ax : 1 = 1\ndef f (n : Nat) : Nat := (fun (_ : 1 = 1) => n) ax\n")


def test_where_declarations() -> None:
    ce = ok("def sumTo (n : Nat) : Nat := go n 0\nwhere\n  go : Nat → Nat → Nat\n    | 0, acc => acc\n"
            "    | k+1, acc => go k (acc + k + 1)\n"
            "example : sumTo 4 = 10 := rfl\nexample : sumTo.go 2 0 = 3 := rfl\n")
    assert ce.env.find(Name.of("sumTo.go")) is not None


def test_where_closing_over_the_outer_parameters() -> None:
    ce = ok("def rep (n : Nat) (a : α) : List α :=\n  loop n []\nwhere\n  loop : Nat → List α → List α\n"
            "    | 0, as => as\n    | n+1, as => loop n (a::as)\n"
            "example : rep 2 'x' = ['x', 'x'] := rfl\nexample : rep.loop 7 1 [] = [7] := rfl\n"
            "def twice (k : Nat) (m : Nat) : Nat := add1 (add1 m)\nwhere\n  add1 (x : Nat) : Nat := x + k\n"
            "  add2 (x : Nat) : Nat := add1 (add1 x)\n"
            "example : twice 3 1 = 7 := rfl\nexample : twice.add2 3 0 = 6 := rfl\n")
    # only the parameters used, with their binder kinds; a pattern variable does not count as a use of `n`
    assert pp_signature("rep.loop", ce.env) == "rep.loop.{u_1} {α : Type u_1} (a : α) : Nat → List α → List α"
    assert pp_signature("twice.add1", ce.env) == "twice.add1 (k x : Nat) : Nat"


def test_let_rec_becomes_a_where_declaration() -> None:
    ok("def fibFast (n : Nat) : Nat :=\n  let rec loop : Nat → Nat × Nat\n    | 0 => (0, 1)\n"
       "    | n+1 => let p := loop n; (p.2, p.1 + p.2)\n  (loop n).2\n"
       "example : fibFast 3 = 3 := rfl\nexample : (fibFast.loop 2).2 = 2 := rfl\n")


def test_where_using_the_declaration_itself_is_declined() -> None:
    e = first_error("def bad (n : Nat) : Nat := aux\nwhere\n  aux : Nat := bad n\n")
    assert "not supported yet" in e.message
    assert e.span.line == 3


def test_recursive_theorem_and_proofs_by_match() -> None:
    ce = ok("theorem addz : ∀ n : Nat, 0 + n = n\n  | 0 => rfl\n  | n+1 => congrArg Nat.succ (addz n)\n"
            "theorem orc (p q : Prop) (h : p ∨ q) : q ∨ p :=\n  match h with\n  | .inl hp => .inr hp\n"
            "  | .inr hq => .inl hq\n")
    assert equation_lemmas(ce.env, Name.of("addz")) == []   # theorems have no equations


def test_recursive_call_through_dot_notation() -> None:
    # `.ofNat n` against the expected type `Hidden.Nat` is the function being defined
    ok("namespace Hidden\ninductive Nat where\n  | zero\n  | succ : Nat → Nat\n"
       "def Nat.ofNat : _root_.Nat → Nat\n  | .zero => .zero\n  | .succ n => .succ (.ofNat n)\n"
       "example : Nat.ofNat 2 = Nat.succ (Nat.succ Nat.zero) := rfl\nend Hidden\n")


def test_variable_pattern_is_opaque_to_structural_recursion() -> None:
    # `xs` is the alternative's own variable, not the `_ :: _` the split made it: `xs.tail` is no sub-term
    e = first_error("def len : List Nat → Nat\n  | [] => 0\n  | xs => len xs.tail + 1\n"
                    "termination_by structural xs => xs\n")
    assert e.message == ("failed to infer structural recursion:\nCannot use parameter xs:\n"
                         "  failed to eliminate recursive application\n    len xs.tail")


def test_constructor_and_as_patterns_still_give_sub_terms() -> None:
    ok("def a : List Nat → Nat\n  | [] => 0\n  | (h :: t) => h + a (h :: t).tail\n"
       "def b : List Nat → Nat\n  | [] => 0\n  | xs@(_ :: t) => b t + xs.length\n"
       "def c : List Nat → Nat\n  | [] => 0\n  | [_] => 1\n  | xs@(_ :: _ :: t) => c t + xs.length\n"
       "def d : Nat → List Nat → Nat\n  | m, [] => m\n  | m, _ :: t => d m t\n"
       "example : a [1, 2] = 3 := rfl\nexample : c [1, 2, 3] = 4 := rfl\n")
