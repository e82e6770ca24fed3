"""`mutual` blocks of definitions: headers elaborated before any member exists, bodies that do not call one
another elaborated in order, bodies that do compiled as mutual structural recursion through the `brecOn` of
their block of inductive types (mutual or nested), kernel-checked, with equation lemmas and `#eval`."""
from __future__ import annotations

import pytest

from leanr_py.elab.command import CommandElaborator
from leanr_py.kernel.name import Name
from .prelude_ce import prelude_elaborator


@pytest.fixture
def ce() -> CommandElaborator:
    return prelude_elaborator()


def errors(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src) if m.severity == "error"]


def infos(ce: CommandElaborator, src: str) -> list[str]:
    msgs = ce.elab_file(src)
    assert [m.format("f.lean") for m in msgs if m.severity == "error"] == []
    return [m.message for m in msgs if m.severity == "info"]


def test_members_that_do_not_call_each_other() -> None:
    ce = prelude_elaborator()
    src = ("mutual\n  def a : Nat := 1\n  theorem b : 2 = 2 := rfl\n"
           "  def c : Nat → Nat\n    | 0 => 0\n    | n+1 => c n\nend\n"
           "example : c 3 = 0 := rfl\nexample : a = 1 := rfl\n")
    assert errors(ce, src) == []
    for n in ("a", "b", "c"):
        assert ce.env.find(Name.of(n)) is not None


def test_a_header_cannot_name_another_member(ce: CommandElaborator) -> None:
    # Lean elaborates every header of the block before any member exists
    src = "mutual\n  abbrev NaturalNum : Type := Nat\n  def n : NaturalNum := 5\nend\n"
    assert errors(ce, src) == ["f.lean:3:10: error: Unknown identifier `NaturalNum`"]
    assert ce.env.find(Name.of("NaturalNum")) is None


def test_members_inside_a_namespace(ce: CommandElaborator) -> None:
    src = "namespace N\nmutual\n  def a : Nat := 1\n  def b (x : N.a = 1) : Nat := 2\nend\nend N\n"
    assert errors(ce, src) == ["f.lean:4:13: error: Unknown identifier `N.a`"]


EVEN_ODD = ("mutual\n  def even : Nat → Bool\n    | 0 => true\n    | n+1 => odd n\n"
            "  def odd : Nat → Bool\n    | 0 => false\n    | n+1 => even n\nend\n")


def test_even_odd_over_the_same_type(ce: CommandElaborator) -> None:
    src = EVEN_ODD + ("#eval even 10\n#eval odd 10\nexample : even 4 = true := rfl\n"
                      "#check @even.eq_2\n#check @odd.eq_1\n")
    assert infos(ce, src) == ["true", "false", "even.eq_2 : ∀ (n : Nat), even (n + 1) = odd n",
                              "odd.eq_1 : odd 0 = false"]


def test_equations_unfold_by_simp_and_rw(ce: CommandElaborator) -> None:
    src = EVEN_ODD + ("theorem t1 : even 2 = true := by simp [even, odd]\n"
                      "theorem t2 (n : Nat) : even (n+1) = odd n := by rw [even]\n"
                      "mutual\n  def isEven : Nat → Prop\n    | 0 => True\n    | n+1 => isOdd n\n"
                      "  def isOdd : Nat → Prop\n    | 0 => False\n    | n+1 => isEven n\nend\n"
                      "example : isEven 2 := by simp [isEven, isOdd]\n")
    assert errors(ce, src) == []


TREE = ("mutual\n  inductive Tree where\n    | node : String → Forest → Tree\n"
        "  inductive Forest where\n    | nil : Forest\n    | cons : Tree → Forest → Forest\nend\n")


def test_mutual_inductive_types(ce: CommandElaborator) -> None:
    src = TREE + ("mutual\n  def Tree.size : Tree → Nat\n    | .node _ f => f.size + 1\n"
                  "  def Forest.size : Forest → Nat\n    | .nil => 0\n    | .cons t f => t.size + f.size\nend\n"
                  "#eval (Tree.node \"a\" (.cons (.node \"b\" .nil) (.cons (.node \"c\" .nil) .nil))).size\n"
                  "#check @Forest.size.eq_2\n")
    assert infos(ce, src) == ["3", "Forest.size.eq_2 : ∀ (t : Tree) (f : Forest), "
                              "(Forest.cons t f).size = t.size + f.size"]
    for n in ("Tree.below", "Forest.below", "Tree.brecOn", "Forest.brecOn"):
        assert ce.env.find(Name.of(n)) is not None


TERM = ("inductive Term where\n  | const : String → Term\n  | app : String → List Term → Term\n"
        "namespace Term\nmutual\n  def numConsts : Term → Nat\n    | const _ => 1\n"
        "    | app _ cs => numConstsLst cs\n  def numConstsLst : List Term → Nat\n    | [] => 0\n"
        "    | c :: cs => numConsts c + numConstsLst cs\nend\n")


def test_nested_inductive_type(ce: CommandElaborator) -> None:
    src = TERM + "def sample := app \"f\" [app \"g\" [const \"x\"], const \"y\"]\n#eval numConsts sample\nend Term\n"
    assert infos(ce, src) == ["2"]
    assert ce.env.find(Name.of("Term.brecOn_1")) is not None


def test_mutual_theorems_by_tactics_over_a_shared_prefix(ce: CommandElaborator) -> None:
    src = TERM + """mutual
  def replaceConst (a b : String) : Term → Term
    | const c => if a == c then const b else const c
    | app f cs => app f (replaceConstLst a b cs)
  def replaceConstLst (a b : String) : List Term → List Term
    | [] => []
    | c :: cs => replaceConst a b c :: replaceConstLst a b cs
end
mutual
  theorem numConsts_replaceConst (a b : String) (e : Term) :
      numConsts (replaceConst a b e) = numConsts e := by
    match e with
    | const c => simp [replaceConst]; split <;> simp [numConsts]
    | app f cs => simp [replaceConst, numConsts, numConsts_replaceConstLst a b cs]
  theorem numConsts_replaceConstLst (a b : String) (es : List Term) :
      numConstsLst (replaceConstLst a b es) = numConstsLst es := by
    match es with
    | [] => simp [replaceConstLst, numConstsLst]
    | c :: cs =>
      simp [replaceConstLst, numConstsLst, numConsts_replaceConst a b c, numConsts_replaceConstLst a b cs]
end
#eval numConsts (replaceConst "x" "z" (app "f" [const "x", app "g" [const "x"]]))
end Term
"""
    assert infos(ce, src) == ["2"]


def test_non_structural_mutual_recursion_is_declined(ce: CommandElaborator) -> None:
    src = ("mutual\n  def f : Nat → Nat\n    | 0 => 0\n    | n+1 => g (n+2)\n"
           "  def g : Nat → Nat\n    | 0 => 0\n    | n+1 => f n\nend\n")
    (msg,) = errors(ce, src)
    assert msg.startswith("f.lean:1:0: error: fail to show termination for\n  f\n  g\n") and "not supported yet" in msg
    assert ce.env.find(Name.of("f")) is None and ce.env.find(Name.of("g")) is None


def test_circular_mutual_theorems_are_not_proofs(ce: CommandElaborator) -> None:
    src = "mutual\n  theorem p (n : Nat) : False := q n\n  theorem q (n : Nat) : False := p n\nend\n"
    (msg,) = errors(ce, src)
    assert "fail to show termination" in msg and "not supported yet" in msg
    assert ce.env.find(Name.of("p")) is None


def test_a_failed_tactic_in_a_mutual_theorem_is_an_error(ce: CommandElaborator) -> None:
    src = ("mutual\n  theorem p (n : Nat) : n = 0 := by\n    match n with\n    | 0 => rfl\n    | n+1 => exact q n\n"
           "  theorem q (n : Nat) : n = 1 := by\n    match n with\n    | 0 => rfl\n    | n+1 => exact p n\nend\n")
    msgs = ce.elab_file(src)
    assert any(m.severity == "error" for m in msgs)
    assert [m.message for m in msgs if m.severity == "warning"] == ["declaration uses `sorry`"] * 2


def test_mutual_recursion_through_a_variable_pattern_is_not_structural(ce: CommandElaborator) -> None:
    src = ("mutual\n  def ev : List Nat → Bool\n    | [] => true\n    | xs => od xs.tail\n"
           "  def od : List Nat → Bool\n    | [] => false\n    | _ :: t => ev t\nend\n")
    (msg,) = errors(ce, src)
    assert "failed to eliminate recursive application\n    od xs.tail" in msg
    assert ce.env.find(Name.of("ev")) is None
