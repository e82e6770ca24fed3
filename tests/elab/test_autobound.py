"""Auto-bound implicits in declaration headers, `set_option autoImplicit`, and the promotion of fixed
indices of inductive types to parameters (over leanr's own prelude)."""
from __future__ import annotations

import pytest

from leanr_py.elab.autobound import RELAXED, STRICT, auto_bound_allowed
from leanr_py.elab.command import CommandElaborator
from leanr_py.kernel.name import Name
from .prelude_ce import prelude_elaborator
from leanr_py.pretty import pp_signature


@pytest.fixture
def ce() -> CommandElaborator:
    return prelude_elaborator()


def run(ce: CommandElaborator, src: str) -> list[str]:
    return [m.format("f.lean") for m in ce.elab_file(src) if m.severity == "error"]


def sig(ce: CommandElaborator, name: str) -> str:
    return pp_signature(Name.of(name), ce.env)


def test_names_that_may_be_auto_bound() -> None:
    for ok in ("α", "β₁", "n", "a'", "x_2", "A"):
        assert auto_bound_allowed(ok, STRICT), ok
    for no in ("size", "Foo.bar", "", "String"):
        assert not auto_bound_allowed(no, STRICT), no
    assert auto_bound_allowed("size", RELAXED)
    assert not auto_bound_allowed("String", RELAXED)  # more likely a type missing from the prelude


def test_def_with_auto_bound_type(ce: CommandElaborator) -> None:
    assert run(ce, "def f (x : α) : α := x\nexample : f 3 = 3 := rfl\n") == []
    assert sig(ce, "f") == "f.{u_1} {α : Sort u_1} (x : α) : α"


def test_auto_bound_types_solved_by_their_uses(ce: CommandElaborator) -> None:
    assert run(ce, "def g (xs : List α) (y : β) : Option α := Option.none\n") == []
    assert sig(ce, "g") == "g.{u_1, u_2} {α : Type u_1} {β : Sort u_2} (xs : List α) (y : β) : Option α"
    assert run(ce, "theorem le_self (h : Nat.le n m) : Nat.le n m := h\n") == []
    assert sig(ce, "le_self") == "le_self {n m : Nat} (h : n.le m) : n.le m"


def test_auto_bound_with_unknown_type_gets_a_type_variable(ce: CommandElaborator) -> None:
    assert run(ce, "theorem t (h : a = b) : b = a := Eq.symm h\n") == []
    t = ce.env.find(Name.of("t")).type
    assert t.bi == 1 and t.body.bi == 1 and t.body.body.bi == 1  # {α✝} {a} {b}


def test_auto_bound_in_constructor_types(ce: CommandElaborator) -> None:
    src = ("inductive Vec (α : Type u) : Nat → Type u where\n  | nil : Vec α Nat.zero\n"
           "  | cons : α → Vec α n → Vec α (Nat.succ n)\n")
    assert run(ce, src) == []
    assert sig(ce, "Vec.cons") == "Vec.cons.{u} {α : Type u} {n : Nat} : α → Vec α n → Vec α n.succ"


def test_auto_bound_only_in_headers(ce: CommandElaborator) -> None:
    assert run(ce, "def f (n : Nat) : Nat := k\n") == ["f.lean:1:25: error: Unknown identifier `k`"]


def test_multi_character_names_are_auto_bound_in_relaxed_mode(ce: CommandElaborator) -> None:
    assert run(ce, "def f (x : size) := x\n") == []
    assert sig(ce, "f") == "f.{u_1} {size : Sort u_1} (x : size) : size"
    # a root name of Lean's core that leanr's prelude lacks is not taken for a variable
    assert run(ce, "def g (x : Nat) (h : x = dbgTrace) := x\n") == ["f.lean:1:25: error: Unknown identifier `dbgTrace`"]
    # nor a capitalised root name of Lean's core that the prelude lacks
    assert run(ce, "def g (x : Float32) := x\n") == ["f.lean:1:11: error: Unknown identifier `Float32`"]
    # any other capitalised name is a variable, as in Lean
    assert run(ce, "def h (x : Sizes) := x\n") == []
    assert sig(ce, "h") == "h.{u_1} {Sizes : Sort u_1} (x : Sizes) : Sizes"
    # Lean's refman example: `.yes` cannot be resolved against the auto-bound `Asnwer`
    assert run(ce, "def select (choices : α × α × α) : Asnwer → α\n  | .yes => choices.1\n  | .no => choices.2.1\n") \
        == ["f.lean:2:4: error: Invalid dotted identifier notation: The expected type of `.yes`\n  Asnwer\nis not of "
            "the form `C ...` or `... → C ...` where C is a constant"]


def test_multi_character_names_are_not_auto_bound_in_strict_mode(ce: CommandElaborator) -> None:
    assert run(ce, "set_option relaxedAutoImplicit false in\ndef f (x : size) := x\n") == [
        "f.lean:2:11: error: Unknown identifier `size`\n\nNote: It is not possible to treat `size` as an implicitly "
        "bound variable here because it has multiple characters while the `relaxedAutoImplicit` option is set to "
        "`false`."]
    assert run(ce, "set_option relaxedAutoImplicit false in\ndef f (x : α₁) := x\n") == []


def test_auto_implicit_false(ce: CommandElaborator) -> None:
    src = "set_option autoImplicit false in\ndef h (x : γ) : γ := x\ndef h2 (x : γ) : γ := x\n"
    note = ("\n\nNote: It is not possible to treat `γ` as an implicitly bound variable here because the "
            "`autoImplicit` option is set to `false`.")
    # each unknown name of the header is reported (it is read as `sorry` and the header goes on)
    assert run(ce, src) == ["f.lean:2:11: error: Unknown identifier `γ`" + note,
                            "f.lean:2:16: error: Unknown identifier `γ`" + note]
    assert ce.env.find(Name.of("h2")) is not None  # the option ended with its command
    src = "section\nset_option autoImplicit false\ndef k (x : Sort v) : Sort v := x\nend\n"
    assert run(ce, src) == ["f.lean:3:16: error: unknown universe level `v`"]


def test_set_option_value_type_is_checked(ce: CommandElaborator) -> None:
    assert run(ce, "set_option autoImplicit 1\n") == ["f.lean:1:24: error: type mismatch at set_option"]
    assert run(ce, "set_option pp.all true\nset_option maxRecDepth 1000\n") == []


# ---------------------------------------------------------------------- fixed indices become parameters

def test_eq_index_is_promoted(ce: CommandElaborator) -> None:
    src = "inductive MyEq : α → α → Prop where\n  | refl (a : α) : MyEq a a\nexample : MyEq 2 2 := MyEq.refl 2\n"
    assert run(ce, src) == []
    info = ce.env.find(Name.of("MyEq"))
    assert info.num_params == 2 and info.num_indices == 1
    assert sig(ce, "MyEq.refl") == "MyEq.refl.{u_1} {α : Sort u_1} (a : α) : MyEq a a"


def test_prelude_eq_refl_takes_its_argument_explicitly(ce: CommandElaborator) -> None:
    assert run(ce, "example : 2 = 2 := Eq.refl 2\n") == []
    assert ce.env.find(Name.of("Eq")).num_params == 2


def test_indices_that_vary_stay_indices(ce: CommandElaborator) -> None:
    src = ("inductive Ev : Nat → Prop where\n  | zero : Ev Nat.zero\n"
           "  | step (n : Nat) : Ev n → Ev (Nat.succ (Nat.succ n))\n")
    assert run(ce, src) == []
    assert ce.env.find(Name.of("Ev")).num_params == 0
    # fixed in the constructor, but a recursive occurrence passes another argument
    src = "inductive R : Nat → Prop where\n  | mk (n : Nat) : R (Nat.succ n) → R n\n"
    assert run(ce, src) == []
    assert ce.env.find(Name.of("R")).num_params == 0


def test_rec_on_and_cases_on_are_declared(ce: CommandElaborator) -> None:
    src = ("inductive Color where\n  | red | green\n"
           "def toNat (c : Color) : Nat := Color.casesOn (motive := fun _ => Nat) c 0 1\n"
           "example : toNat Color.green = 1 := rfl\n"
           "inductive L where\n  | nil\n  | cons : Nat → L → L\n"
           "def len (l : L) : Nat := L.recOn (motive := fun _ => Nat) l 0 (fun _ _ ih => ih + 1)\n"
           "example : len (L.cons 1 (L.cons 2 L.nil)) = 2 := rfl\n")
    assert run(ce, src) == []
    assert " ".join(sig(ce, "Color.recOn").split()) == (
        "Color.recOn.{u} {motive : Color → Sort u} (t : Color) (red : motive Color.red) (green : motive Color.green) :"
        " motive t")


def test_auto_bound_in_variable(ce: CommandElaborator) -> None:
    src = ("variable (r : α → α → Prop)\ndef refl' : Prop := ∀ a, r a a\n"
           "variable (xs : List β)\ntheorem t (h : xs = xs) : xs = xs := h\n")
    assert run(ce, src) == []
    assert sig(ce, "refl'") == "refl'.{u_1} {α : Sort u_1} (r : α → α → Prop) : Prop"
    assert sig(ce, "t") == "t.{u_1} {β : Type u_1} (xs : List β) (h : xs = xs) : xs = xs"


def test_constructor_parameters_are_unified_with_the_type_parameters(ce: CommandElaborator) -> None:
    # nothing but the parameter position determines `α β` of `R`'s occurrence in `intro`'s type
    src = ("structure FoldImpl (α β : Type u) where\n  γ : Type u\n  x₀ : γ\n  f : γ → α → γ\n  out : γ → β\n"
           "inductive R : FoldImpl α β → FoldImpl α β → Prop where\n"
           "  | intro {γ γ' x₀ y₀ f g out out'} : R ⟨γ, x₀, f, out⟩ ⟨γ', y₀, g, out'⟩\n")
    assert run(ce, src) == []
    assert ce.env.find(Name.of("R")).num_params == 2


def test_index_left_out_by_a_partial_application_stays_an_index(ce: CommandElaborator) -> None:
    # `All P` passed whole to `List.All` leaves the index out, so it is not fixed: promoting it would make
    # the nested occurrence invalid for the kernel
    src = ("inductive Forall {α : Type u} (P : α → Prop) : List α → Prop\n"
           "  | nil : Forall P []\n  | cons {x xs} : P x → Forall P xs → Forall P (x :: xs)\n"
           "structure Rose (α : Type u) where\n  val : α\n  children : List (Rose α)\n"
           "inductive Rose.All (P : α → Prop) : Rose α → Prop\n"
           "  | intro : P t.val → Forall (All P) t.children → All P t\n"
           "example : Rose.All (fun _ => True) (⟨1, []⟩ : Rose Nat) := .intro trivial .nil\n")
    assert run(ce, src) == []
    info = ce.env.find(Name.of("Rose.All"))
    assert info.num_params == 2 and info.num_indices == 1


def test_implicit_argument_left_open_in_an_auto_bound_type_is_bound(ce: CommandElaborator) -> None:
    assert run(ce, "theorem len_zero (h : List.length xs = 0) : xs = xs := rfl\n") == []
    assert sig(ce, "len_zero") == "len_zero.{u_1} : ∀ {α : Type u_1} {xs : List α}, xs.length = 0 → xs = xs"


def test_auto_bound_header_implicits_that_vary_become_indices(ce: CommandElaborator) -> None:
    src = ("inductive Tm (n : Nat) : Nat → Type\n  | var (k : Fin n) : Tm n 0\n"
           "  | app (t : Tm n (l + 1)) (s : Tm n 0) : Tm n l\n"
           "inductive SubTm : Tm n l₁ → Tm n l₂ → Prop\n  | refl : SubTm t t\n"
           "  | appL : SubTm t s₁ → SubTm t (Tm.app s₁ s₂)\n")
    assert run(ce, src) == []
    info = ce.env.find(Name.of("SubTm"))
    assert info.num_params == 2 and info.num_indices == 3   # n l₁ | l₂ and the two terms
    # an explicit parameter must stay fixed, as Lean says
    bad = "inductive Bad (n : Nat) : Nat → Prop\n  | mk : Bad (n + 1) 0\n"
    assert "Mismatched inductive type parameter" in run(ce, bad)[0]
