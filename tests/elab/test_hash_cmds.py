"""`#eval`, `#reduce`, `#print`, `#print axioms` and `#check`: the messages Lean prints, at the keyword."""
from __future__ import annotations

from leanr_py.elab.command import CommandElaborator
from leanr_py.kernel.environment import ensure_recursion_limit
from leanr_py.prelude import fork_prelude

NATIVE = """
def aux : Bool := Nat.beq ((2^64 + 7) - 13 * 1418980313362273201) 10
theorem t : aux = Bool.true := Lean.ofReduceBool aux Bool.true (Eq.refl Bool.true)
"""


def elab(src: str):
    ensure_recursion_limit()
    env, table = fork_prelude()
    ce = CommandElaborator(env, table)
    return ce, ce.elab_file(src)


def infos(src: str) -> list[str]:
    _, msgs = elab(src)
    errors = [m for m in msgs if m.severity == "error"]
    assert errors == []
    return [m.message for m in msgs if m.severity == "info"]


def only_error(src: str) -> str:
    _, msgs = elab(src)
    errors = [m.message for m in msgs if m.severity == "error"]
    assert len(errors) == 1, msgs
    return errors[0]


def test_eval_numbers_tuples_lists_options():
    assert infos("#eval 2 + 3 * 4") == ["14"]
    assert infos("#eval 2 ^ 100") == [str(2 ** 100)]
    assert infos("#eval Prod.mk 1 (Prod.mk 2 3)") == ["(1, 2, 3)"]
    assert infos("#eval List.cons 1 (List.cons 2 List.nil)") == ["[1, 2]"]
    assert infos("#eval (List.nil : List Nat)") == ["[]"]
    assert infos("#eval Option.some (Option.some 3)") == ["some (some 3)"]
    assert infos("#eval (Option.none : Option Nat)") == ["none"]
    assert infos("#eval Nat.ble 3 2") == ["false"]


def test_eval_of_a_recursive_function():
    src = """
def fact : Nat → Nat := fun n => Nat.rec (motive := fun _ => Nat) 1 (fun k ih => (k + 1) * ih) n
#eval fact 25
"""
    assert infos(src) == ["15511210043330985984000000"]


def test_eval_long_lists_break_lines_as_lean_does():
    src = """
def upto (n : Nat) : List Nat := Nat.rec (motive := fun _ => List Nat) List.nil (fun k ih => List.cons (k + 1000000) ih) n
#eval upto 20
"""
    [text] = infos(src)
    lines = text.split("\n")
    assert len(lines) > 1 and all(len(x) <= 120 for x in lines)
    assert lines[0].startswith("[1000019, 1000018,") and lines[1].startswith(" 100")


def test_eval_derived_repr_of_structures_and_inductives():
    src = """
structure Point where
  x : Nat
  y : Nat
inductive Shape where
  | dot : Shape
  | circle (r : Nat) : Shape
  | pair (a b : Shape) : Shape
#eval Point.mk 1 2
#eval Shape.pair (Shape.circle 3) Shape.dot
#eval Option.some (Point.mk 3 6)
"""
    assert infos(src) == ["{ x := 1, y := 2 }", "Shape.pair (Shape.circle 3) (Shape.dot)", "some { x := 3, y := 6 }"]


def test_eval_errors():
    assert only_error("#eval fun (x : Nat) => x") == \
        "Could not synthesize a `ToExpr`, `Repr`, or `ToString` instance for type\n  Nat → Nat"
    msg = only_error("#eval Eq.refl 1")
    assert msg == "Cannot evaluate, proofs are not computationally relevant"
    assert only_error("#eval Nat") == "Cannot evaluate, types are not computationally relevant"
    assert only_error("axiom a : Nat\n#eval a + 1") == "cannot evaluate 'a': it is an axiom, it has no code"
    assert only_error("#eval (sorry : Nat)").startswith("Aborting evaluation since the expression depends on the 'sorry' axiom")
    assert only_error("variable (n : Nat)\n#eval n + 1") == "Cannot evaluate, contains free variables: n"


def test_eval_of_a_sorry_warns_after_the_error():
    # the evaluated term holds the `sorry`: an error, then the declaration's warning
    _, msgs = elab("#eval (sorry : Nat)")
    assert [(m.severity, m.message.split(" since")[0]) for m in msgs] == \
        [("error", "Aborting evaluation"), ("warning", "declaration uses `sorry`")]
    # a `sorry` inside a constant it uses: only the error
    _, msgs = elab("def f : Nat := sorry\n#eval f + 1")
    assert [m.severity for m in msgs] == ["warning", "error"]


def test_eval_message_position_is_the_keyword():
    _, msgs = elab("\n  #eval 1 + 1")
    [m] = msgs
    assert (m.span.line, m.span.col, m.span.end_line, m.span.end_col) == (2, 2, 2, 7)


def test_eval_of_a_proposition_decides_it():
    # `#eval p` for a decidable proposition evaluates `decide p`
    src = """
inductive Color where
  | red : Color
  | blue : Color
instance myDecidableColor (c : Color) : Decidable (Eq c c) := Decidable.isTrue (Eq.refl c)
#eval Eq Color.red Color.red
"""
    assert infos(src) == ["true"]


def test_eval_gas_exhaustion_is_an_error():
    env, table = fork_prelude()
    ce = CommandElaborator(env, table, gas=50_000)
    msgs = ce.elab_file("def big : Nat := Nat.rec (motive := fun _ => Nat) 0 (fun _ ih => ih + 1) 1000000\n#eval big")
    errs = [m.message for m in msgs if m.severity == "error"]
    assert len(errs) == 1 and "exhausted" in errs[0]


def test_reduce():
    assert infos("#reduce 2 + 3") == ["5"]
    assert infos("#reduce fun (x : Nat) => x + 0") == ["fun x => x"]
    assert infos("#reduce Prod.mk (1 + 1) (Nat.pred 5)") == ["(2, 4)"]


def test_print_axioms():
    src = NATIVE + """
axiom ax : 1 = 2
theorem uses : 1 = 2 := ax
theorem clean : 1 = 1 := Eq.refl 1
#print axioms t
#print axioms aux
#print axioms uses
#print axioms clean
"""
    # as Lean's `CollectAxioms`, an axiom's type is not followed: `Lean.reduceBool` (and through it
    # `Lean.trustCompiler`) only occurs in the type of `Lean.ofReduceBool`
    assert infos(src) == ["'t' depends on axioms: [Lean.ofReduceBool]",
                          "'aux' does not depend on any axioms",
                          "'uses' depends on axioms: [ax]",
                          "'clean' does not depend on any axioms"]


def test_print_axioms_order_is_leans_name_order():
    from leanr_py.elab.hash_cmds import _sorted_names
    from leanr_py.kernel.name import Name

    names = {Name.of(s) for s in ("Quot.sound", "propext", "Classical.choice", "sorryAx", "Lean.ofReduceBool")}
    assert [str(n) for n in _sorted_names(names)] == [
        "propext", "sorryAx", "Classical.choice", "Lean.ofReduceBool", "Quot.sound"]


def test_native_reduction_checks_the_value():
    assert "Application type mismatch" in only_error(
        "def aux : Bool := Nat.beq 2 3\ntheorem bad : aux = Bool.true := Lean.ofReduceBool aux Bool.true (Eq.refl Bool.true)")


def test_print_definitions_and_inductives():
    src = """
def double (n : Nat) : Nat := n + n
abbrev Num := Nat
axiom ax : Nat
#print double
#print Num
#print ax
#print Nat
#print Lean.reduceBool
#print "hello"
"""
    assert infos(src) == [
        "def double : Nat → Nat :=\nfun n => n + n",
        "@[reducible] def Num : Type :=\nNat",
        "axiom ax : Nat",
        "inductive Nat : Type\nnumber of parameters: 0\nconstructors:\nNat.zero : Nat\nNat.succ : Nat → Nat",
        "opaque Lean.reduceBool : Bool → Bool",
        "hello",
    ]


def test_print_recursor():
    [text] = infos("#print Nat.rec")
    assert text.startswith("recursor Nat.rec.{u} : {motive : Nat → Sort u} →")
    assert "number of minors: 2\nrules:\nfor Nat.zero (0 fields): fun motive zero succ => zero" in text


def test_check_at_keyword():
    _, msgs = elab("#check Nat.add")
    [m] = msgs
    assert m.message == "Nat.add : Nat → Nat → Nat" and (m.span.col, m.span.end_col) == (0, 6)


def test_check_failure():
    # Lean's `failIfSucceeds`: the errors of `#check t` are shown as infos; a success is an error
    _, msgs = elab("#check_failure (1 : Bool)")
    assert msgs and all(m.severity == "info" for m in msgs)
    assert only_error("#check_failure 1") == "unexpected success"


def test_unknown_hash_command():
    assert only_error("#exit") == "'#exit' is not supported yet"


def test_print_structures_and_classes():
    src = """
structure Point (α : Type u) where
  x : α
  y : α
structure Dep where
  γ : Type
  x₀ : γ
class Foo (α : Type) where
  foo : α → Nat
#print Point
#print Dep
#print Foo
"""
    assert infos(src) == [
        "structure Point.{u} (α : Type u) : Type u\nnumber of parameters: 1\nfields:\n  Point.x : α\n  Point.y : α\n"
        "constructor:\n  Point.mk.{u} {α : Type u} (x y : α) : Point α",
        "structure Dep : Type 1\nnumber of parameters: 0\nfields:\n  Dep.γ : Type\n  Dep.x₀ : self.γ\n"
        "constructor:\n  Dep.mk (γ : Type) (x₀ : γ) : Dep",
        "class Foo (α : Type) : Type\nnumber of parameters: 1\nfields:\n  Foo.foo : α → Nat\n"
        "constructor:\n  Foo.mk {α : Type} (foo : α → Nat) : Foo α",
    ]


def test_eval_uses_a_users_to_string_instance():
    from leanr_py.kernel.name import Name

    ce, _ = elab("")
    decl = "" if ce.env.find(Name.of("ToString")) else "class ToString (α : Type u) where\n  toString : α → String\n"
    src = decl + """
structure R where
  n : Nat
instance : ToString R := ⟨fun r => String.append "R" (String.append "#" "1")⟩
#eval R.mk 3
#eval [R.mk 3, R.mk 4]
"""
    assert infos(src) == ["R#1", "[R#1, R#1]"]


def test_eval_strings_and_chars():
    assert infos('#eval "a\\"b"') == ['"a\\"b"']
    assert infos("#eval 'x'") == ["'x'"]
    assert infos('#eval String.append "ab" "c"') == ['"abc"']


def test_eval_of_functions_defined_by_pattern_matching():
    src = """
def fib : Nat → Nat
  | 0 => 0
  | 1 => 1
  | n+2 => fib n + fib (n+1)
def sumList : List Nat → Nat
  | [] => 0
  | x :: xs => x + sumList xs
#eval fib 20
#eval sumList [1, 2, 3, 4]
"""
    assert infos(src) == ["6765", "10"]


def test_eval_runs_the_code_of_partial_definitions():
    # the kernel value of a `partial def` is only an inhabitant; `#eval` runs its code (`f._unsafe_rec`)
    src = ("partial def collatz (n steps : Nat) : Nat :=\n"
           "  if n ≤ 1 then steps else if n % 2 == 0 then collatz (n / 2) (steps + 1) else collatz (3 * n + 1) (steps + 1)\n"
           "#eval collatz 27 0\n"
           "def foo : List Unit → Type\n  | [] => Unit → Unit\n  | _ :: tl => foo tl\n"
           "partial def bar : (l : List Unit) → foo l → foo l\n  | [], f => fun t => f t\n  | _ :: tl, f => bar tl f\n"
           "#eval bar [()] id ()\n"
           "variable (k : Nat)\npartial def addk (n : Nat) : Nat := if n = 0 then k else addk (n - 1) + 1\n#eval addk 5 3\n")
    _, msgs = elab(src)
    assert [(m.severity, m.message) for m in msgs] == [("info", "111"), ("info", "()"), ("info", "8")]
    # a loop runs out of the deterministic step budget, not forever
    msg = only_error("partial def loop (n : Nat) : Nat := loop (n + 1)\n#eval loop 0")
    assert msg.startswith("(deterministic) step budget")


def test_native_decide_term_of_the_brief():
    # the proof term `native_decide` builds: `Lean.reduceBool aux` is evaluated by eval-lite in the kernel
    src = """
def aux : Bool := Decidable.decide ((2^64 + 7) % 13 = 10)
theorem t : (2^64 + 7) % 13 = 10 := of_decide_eq_true (Lean.ofReduceBool aux Bool.true (Eq.refl Bool.true))
#print axioms t
"""
    assert infos(src) == ["'t' depends on axioms: [Lean.ofReduceBool]"]
    wrong = """
def aux : Bool := Decidable.decide ((2^64 + 7) % 13 = 11)
theorem t : (2^64 + 7) % 13 = 11 := of_decide_eq_true (Lean.ofReduceBool aux Bool.true (Eq.refl Bool.true))
"""
    assert "Application type mismatch" in only_error(wrong)


def test_decide_on_big_literals_takes_few_kernel_steps():
    # `of_decide_eq_true (Eq.refl true)` on 10,000-digit facts: Nat.decEq/decLt/decLe reduce through the
    # kernel's Nat literal extension (GMP-style), so a small step budget is enough
    import random

    from leanr_py.pretty.literals import decimal

    rng = random.Random(7)
    a, b = rng.randrange(10 ** 9_999, 10 ** 10_000), rng.randrange(10 ** 9_999, 10 ** 10_000)
    sa, sb, sc = decimal(a), decimal(b), decimal(a * b)
    src = (f"example : {sa} * {sb} = {sc} := of_decide_eq_true (Eq.refl Bool.true)\n"
           f"example : {sa} < {sa} + 1 := of_decide_eq_true (Eq.refl Bool.true)\n"
           f"example : {sb} ≤ {sc} := of_decide_eq_true (Eq.refl Bool.true)\n"
           f"example : Not ({sa} * {sb} = {sc} + 1) := of_decide_eq_false (Eq.refl Bool.false)\n")
    for budget, ok in ((200_000, True), (50, False)):
        env, table = fork_prelude()
        env.step_budget = budget          # the kernel's steps per declaration
        ce = CommandElaborator(env, table, gas=budget)
        errors = [m.message for m in ce.elab_file(src) if m.severity == "error"]
        assert (errors == []) == ok, errors


def test_eval_ints_decidables_subtypes():
    assert infos("#eval [(-1 : Int), 2]") == ["[-1, 2]"]
    assert infos("#eval Option.some (-2 : Int)") == ["some (-2)"]
    assert infos("#eval (-7 : Int) / 2") == ["-4"]          # Int division rounds as Int.ediv
    assert infos("#eval (-7 : Int) % 2") == ["1"]
    assert infos("#eval Nat.decEq 1 2") == ["isFalse _"]
    assert infos("#eval (⟨1, rfl⟩ : { n : Nat // n = 1 })") == ["1"]


def test_check_shows_constants_by_their_shortest_name_exported_aliases_first():
    # Lean's `unresolveNameGlobal`: `export Decidable (decide)` makes `decide` the name shown
    from leanr_py.session import Session

    r = Session().check("#check fun (p : Prop) [Decidable p] => decide p\n#check (some 1, none (α := Nat))\n"
                        "namespace Foo\ndef bar : Nat := 1\n#check bar + Foo.bar\nend Foo\n#check Foo.bar\n")
    assert [d.message for d in r.diagnostics] == [
        "fun p [Decidable p] => decide p : (p : Prop) → [Decidable p] → Bool",
        "(some 1, none) : Option Nat × Option Nat", "bar + bar : Nat", "Foo.bar : Nat"]


def test_check_shows_the_name_of_an_instance_binder_only_where_the_body_shows_it():
    from leanr_py.session import Session

    r = Session().check("#check fun (α : Type) [h : Inhabited α] => (default : α)\n"
                        "#check fun [h : Inhabited Nat] => h\n")
    first, second = (d.message for d in r.diagnostics)
    assert first == "fun α [Inhabited α] => default : (α : Type) → [Inhabited α] → α"
    assert second.startswith("fun [h : Inhabited Nat] => h : ")
