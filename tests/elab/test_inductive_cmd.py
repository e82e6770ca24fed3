"""`inductive`/`structure`/`class` commands (`leanr_py.elab.inductive_cmd`) on Lean's real Init.Prelude:
everything goes through the kernel (which generates the recursors)."""
from __future__ import annotations

import pytest
from .elab_helpers import elaborator, errors

from leanr_py.elab.command import CommandElaborator
from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L
from leanr_py.kernel.declaration import InductiveInfo
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.name import Name
from leanr_py.pretty import pp_expr, pp_signature


@pytest.fixture
def ce(lean_env: Environment) -> CommandElaborator:
    return elaborator(lean_env)


def ok(ce: CommandElaborator, src: str) -> list:
    msgs = ce.elab_file(src)
    assert not errors(msgs), [m.format() for m in msgs]
    return msgs


def err(ce: CommandElaborator, src: str):
    msgs = errors(ce.elab_file(src))
    assert msgs, "expected an error"
    return msgs[0]


def ty(ce: CommandElaborator, name: str) -> str:
    return pp_expr(ce.env.get(Name.of(name)).type, ce.env)


# ---------------------------------------------------------------------- inductive

def test_enumeration(ce: CommandElaborator) -> None:
    msgs = ok(ce, "inductive Weekday where | sunday | monday\n#check Weekday.sunday\n"
                  "example : Weekday := Weekday.monday\n")
    assert msgs[0].message == "Weekday.sunday : Weekday"
    assert ty(ce, "Weekday") == "Type"
    assert ce.env.find(Name.of("Weekday.rec")) is not None
    ok(ce, "open Weekday\nexample : Weekday := sunday\n")


def test_recursive_nat(ce: CommandElaborator) -> None:
    ok(ce, "inductive MyNat where | zero | succ (n : MyNat)\n"
           "def two : MyNat := MyNat.succ (MyNat.succ MyNat.zero)\n")
    info = ce.env.find(Name.of("MyNat"))
    assert isinstance(info, InductiveInfo) and info.is_rec
    assert ce.env.find(Name.of("MyNat.rec")) is not None
    assert ty(ce, "MyNat.succ") == "MyNat → MyNat"
    # the recursor computes
    ok(ce, "example : MyNat.rec (motive := fun _ => Nat) 0 (fun _ ih => ih + 1) two = 2 := rfl\n")


def test_explicit_ctor_types(ce: CommandElaborator) -> None:
    ok(ce, "inductive T : Type where\n  | a : T\n  | b : Nat → T → T\nexample : T := T.b 1 T.a\n")
    assert ty(ce, "T.b") == "Nat → T → T"


def test_parameterised_list(ce: CommandElaborator) -> None:
    ok(ce, "inductive MyList (α : Type u) where\n  | nil\n  | cons (a : α) (l : MyList α)\n"
           "def l1 : MyList Nat := MyList.cons 1 MyList.nil\n#check MyList.cons\n")
    info = ce.env.find(Name.of("MyList"))
    assert info.num_params == 1 and info.level_params == (Name.of("u"),)
    assert ty(ce, "MyList") == "Type u → Type u"
    assert ty(ce, "MyList.cons") == "{α : Type u} → α → MyList α → MyList α"
    assert ce.env.find(Name.of("MyList.rec")) is not None


def test_indexed_family(ce: CommandElaborator) -> None:
    ok(ce, "inductive Vec (α : Type u) : Nat → Type u where\n"
           "  | nil : Vec α 0\n"
           "  | cons (a : α) {n : Nat} (v : Vec α n) : Vec α (n + 1)\n"
           "example : Vec Nat 2 := Vec.cons 1 (Vec.cons 2 Vec.nil)\n")
    info = ce.env.find(Name.of("Vec"))
    assert info.num_params == 1 and info.num_indices == 1
    assert "Vec α (n + 1)" in ty(ce, "Vec.cons")


def test_prop_valued_and_universe_inference(ce: CommandElaborator) -> None:
    ok(ce, "inductive IsZero : Nat → Prop where | zero : IsZero 0\nexample : IsZero 0 := IsZero.zero\n")
    ok(ce, "inductive Box (α : Sort u) where | mk (a : α)\n")
    assert ty(ce, "Box") == "Sort u → Sort (max 1 u)"
    ok(ce, "inductive Box2 (α : Type u) : Type _ where | mk (a : α)\n")
    assert ty(ce, "Box2") == "Type u → Type u"


def test_mutual(ce: CommandElaborator) -> None:
    ok(ce, "mutual\ninductive Even : Nat → Prop where\n  | zero : Even 0\n  | succ (n : Nat) : Odd n → Even (n+1)\n"
           "inductive Odd : Nat → Prop where\n  | succ (n : Nat) : Even n → Odd (n+1)\nend\n"
           "example : Odd 1 := Odd.succ 0 Even.zero\n")
    assert ce.env.find(Name.of("Even.rec")) is not None and ce.env.find(Name.of("Odd.rec")) is not None


def test_in_namespace(ce: CommandElaborator) -> None:
    ok(ce, "namespace Foo\ninductive Color where | red | green\nexample : Color := Color.red\nend Foo\n"
           "example : Foo.Color := Foo.Color.green\n")


def test_positivity_violation(ce: CommandElaborator) -> None:
    m = err(ce, "def x := 1\ninductive Bad where | mk (f : Bad → Nat)\n")
    assert "(kernel)" in m.message and "positive" in m.message
    assert (m.span.line, m.span.col) == (2, 0)
    assert ce.env.find(Name.of("Bad")) is None


def test_bad_ctor_result(ce: CommandElaborator) -> None:
    assert "Unexpected resulting type for constructor `Q.a`: Expected\n  Q\nbut found\n  Nat" in err(ce, "inductive Q where | a : Nat\n").message
    assert "already been declared" in err(ce, "inductive Nat where | z\n").message


# ---------------------------------------------------------------------- structure / class

def test_structure_point(ce: CommandElaborator) -> None:
    msgs = ok(ce, "structure Point where\n  x : Nat\n  y : Nat\n"
                  "def p : Point := ⟨1, 2⟩\nexample : p.x = 1 := rfl\nexample : p.2 = 2 := rfl\n"
                  "#check Point.mk\n#check Point.x\n")
    assert [m.message for m in msgs if m.severity == "info"] == [
        "Point.mk (x y : Nat) : Point", "Point.x (self : Point) : Nat"]
    assert ty(ce, "Point") == "Type"
    proj = ce.env.get(Name.of("Point.y"))
    body = proj.value.body  # type: ignore[attr-defined]
    assert body.kind == E.PROJ and body.idx == 1
    ok(ce, "example (q : Point) : Point.mk q.x q.y = q := rfl\n")  # structure eta


def test_structure_params_and_dependent_fields(ce: CommandElaborator) -> None:
    ok(ce, "structure Pair (α : Type u) (β : Type v) where\n  mk' ::\n  fst : α\n  snd : β\n"
           "example : (Pair.mk' 1 Bool.true : Pair Nat Bool).snd = Bool.true := rfl\n"
           "structure Sig where\n  n : Nat\n  h : n = n\n"
           "example (s : Sig) : s.n = s.n := s.h\n")
    assert ty(ce, "Pair.fst") == "{α : Type u} → {β : Type v} → Pair α β → α"
    t = ce.env.get(Name.of("Pair")).type
    sort = t.body.body  # type: ignore[attr-defined]
    u, v = L.param(Name.of("u")), L.param(Name.of("v"))
    assert L.is_equivalent(sort.level, L.succ(L.mk_max(u, v)))  # Lean shows it as `Type (max u v)`
    assert ty(ce, "Sig.h") == "∀ (self : Sig), self.n = self.n"


def test_structure_default_and_extends(ce: CommandElaborator) -> None:
    msgs = ce.elab_file("structure D where\n  a : Nat := 3\n")
    assert msgs == [] and ce.env.find(Name.of("D.a._default")) is not None  # Lean's default-value definition
    assert ce.elab_file("structure E extends D where\n  b : Nat\n") == []
    assert ce.env.find(Name.of("E.toD")) is not None  # the parent is a field, as in Lean


def test_class_and_instance(ce: CommandElaborator) -> None:
    ok(ce, "class Size (α : Type) where\n  size : α → Nat\n"
           "instance : Size Bool := ⟨fun _ => 1⟩\n"
           "example : Size.size Bool.true = 1 := rfl\n"
           "def twice {α : Type} [Size α] (a : α) : Nat := Size.size a + Size.size a\n"
           "example : twice Bool.false = 2 := rfl\n")
    assert Name.of("Size") in ce.table.classes
    t = ce.env.get(Name.of("Size.size")).type
    assert (t.bi, t.body.bi, t.body.name) == (E.IMPLICIT, E.INST_IMPLICIT, Name.of("self"))  # type: ignore[attr-defined]


def test_inst_implicit_params_and_section_variables(ce: CommandElaborator) -> None:
    ok(ce, "structure W (α : Type u) [Inhabited α] where\n  val : α\n"
           "def w : W Nat := ⟨3⟩\nexample : w.val = 3 := rfl\n"
           "inductive Tree (α : Type u) where\n  | leaf\n  | node (children : List (Tree α))\n"
           "variable (β : Type)\ninductive Wrap where | mk (b : β)\n")
    assert ty(ce, "W.mk") == "{α : Type u} → [inst : Inhabited α] → α → W α"
    assert ty(ce, "Wrap.mk") == "(β : Type) → β → Wrap β"  # the used section variable is a parameter
    assert ce.env.find(Name.of("Tree.rec")) is not None  # nested occurrence, through the kernel


def test_recursive_structure_through_a_list() -> None:
    from .prelude_ce import ok

    ce = ok("structure RoseTree (α : Type u) where\n  val : α\n  children : List (RoseTree α)\n"
            "def RoseTree.leaf (a : α) : RoseTree α := ⟨a, []⟩\n"
            "example : (RoseTree.leaf 3).val = 3 := rfl\n"
            "example : (RoseTree.mk 1 [RoseTree.leaf 2]).children.length = 1 := rfl\n")
    assert pp_signature(Name.of("RoseTree.mk"), ce.env) == \
        "RoseTree.mk.{u} {α : Type u} (val : α) (children : List (RoseTree α)) : RoseTree α"


def test_an_occurrence_missing_a_parameter_is_an_error() -> None:
    from .prelude_ce import first_error

    e = first_error("inductive All' {α : Type u} (P : α → Prop) : List α → Prop\n  | nil : All' P []\n"
                    "structure T (α : Type u) where\n  val : α\n  kids : List (T α)\n"
                    "inductive T.Good (P : α → Prop) (t : T α) : Prop\n"
                    "  | intro : P t.val → All' (Good P) t.kids → Good P t\n")
    assert e.message.startswith("Missing parameter(s) in occurrence of inductive type: In the expression\n"
                                "  All' (Good P) t.kids\nfound\n  Good P\nbut expected all parameters to be "
                                "specified:\n  Good P t")


def test_a_field_in_a_larger_universe_gets_lean_s_message() -> None:
    from .prelude_ce import first_error

    e = first_error("inductive Bla : Type u where\n  | nil  : Bla\n  | cons : (α : Type u) → (a : α) → Bla → Bla\n")
    assert (e.span.line, e.span.col) == (3, 2)
    assert e.message == ("Invalid universe level in constructor `Bla.cons`: Parameter `α` has type\n  Type u\n"
                         "at universe level\n  u + 2\nwhich is not less than or equal to the inductive type's "
                         "resulting universe level\n  u + 1")


def test_mutual_headers_are_elaborated_apart_and_share_their_parameters() -> None:
    from .prelude_ce import first_error, ok

    e = first_error("mutual\n  inductive Many (α : Type) : Type u where\n    | nil : Many α\n"
                    "  inductive Optional (α : Type u) where\n    | none\nend\n")
    assert e.message == ("Invalid mutually inductive types: Parameter `α` has type\n  Type u\nof sort `Type (u + 1)` "
                         "but is expected to have type\n  Type\nof sort `Type 1`")
    e = first_error("mutual\n  inductive A : Type where\n    | a : A\n  inductive B : A → Type where\n"
                    "    | b : B A.a\nend\n")
    assert e.message == "Unknown identifier `A`" and (e.span.line, e.span.col) == (4, 16)
    ok("mutual\n  inductive Tree (α : Type) where\n    | node : α → Forest α → Tree α\n"
       "  inductive Forest (α : Type) where\n    | nil : Forest α\n    | cons : Tree α → Forest α → Forest α\nend\n")

