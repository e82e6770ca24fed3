"""Lean's auxiliary matchers `f.match_k`: one per `match` of a declaration, over a motive, the discriminants
and one function per alternative, kernel-checked, numbered in Lean's order."""
from __future__ import annotations

from leanr_py.kernel.name import Name
from leanr_py.session import Session


def check(src: str) -> tuple[Session, list[str], list[str]]:
    s = Session()
    r = s.check(src)
    errors = [d.message for d in r.diagnostics if d.severity == "error"]
    infos = [d.message for d in r.diagnostics if d.severity == "info"]
    return s, errors, infos


def shown(src: str) -> list[str]:
    """The infos of `src`, which must have no error, on one line each."""
    _, errors, infos = check(src)
    assert errors == []
    return [" ".join(i.split()) for i in infos]


WEEKDAY = "inductive Weekday where\n  | sunday | monday | tuesday\nopen Weekday\n"


def test_a_match_on_an_enumeration_has_lean_s_matcher() -> None:
    src = WEEKDAY + ("def numberOfDay (d : Weekday) : Nat :=\n  match d with\n  | sunday => 1\n  | monday => 2\n"
                     "  | tuesday => 3\n#check @numberOfDay.match_1\n")
    s, errors, infos = check(src)
    assert errors == []
    assert infos == ["numberOfDay.match_1 : (motive : Weekday → Sort u_1) → (d : Weekday) → (Unit → motive sunday) → "
                     "(Unit → motive monday) →\n  (Unit → motive tuesday) → motive d"]
    info = s.env.find(Name.of("numberOfDay.match_1"))
    assert [str(u) for u in info.level_params] == ["u_1"]


def test_the_matcher_computes_as_the_match() -> None:
    src = WEEKDAY + ("def num : Weekday → Nat\n  | .sunday => 1\n  | .monday => 2\n  | .tuesday => 3\n"
                     "example : num.match_1 (fun _ => Nat) monday (fun _ => 1) (fun _ => 2) (fun _ => 3) = 2 := rfl\n"
                     "example : num.match_1 (fun _ => Nat) monday (fun _ => 1) (fun _ => 7) (fun _ => 3) = 2 := rfl\n")
    _, errors, _ = check(src)
    assert len(errors) == 1 and errors[0].startswith("Type mismatch")   # only the second, false, example


def test_indexed_family_parameters_become_implicit_and_the_motive_universe_comes_last() -> None:
    src = ("inductive Vect (α : Type u) : Nat → Type u\n  | nil : Vect α 0\n"
           "  | cons : α → {n : Nat} → Vect α n → Vect α (n+1)\n"
           "def zipWith (f : α → β → γ) : {n : Nat} → Vect α n → Vect β n → Vect γ n\n"
           "  | 0, .nil, .nil => .nil\n  | n+1, .cons a as, .cons b bs => .cons (f a b) (zipWith f as bs)\n"
           "#check @zipWith.match_1\n")
    (zip_with,) = shown(src)
    assert zip_with.startswith("@zipWith.match_1 : {α : Type u_1} → {β : Type u_2} → (motive : (n : Nat) → Vect α n → "
                            "Vect β n → Sort u_3) →")
    # the implicit `n` of `cons` is the `n` of `n+1`: one variable
    assert "((n : Nat) → (a : α) → (as : Vect α n) → (b : β) → (bs : Vect β n) → motive n.succ (Vect.cons a as) " \
           "(Vect.cons b bs))" in zip_with


def test_overlapping_and_literal_patterns() -> None:
    src = ("def g (xs ys : List Nat) : Nat :=\n  match xs, ys with\n  | [a, b], _ => a+b+1\n  | _, [b, _] => b+1\n"
           "  | _, _ => 1\n#check @g.match_1\n"
           "def foo : Char → Nat\n  | 'A' => 1\n  | 'B' => 2\n  | _ => 3\n#check @foo.match_1\n"
           "example : foo.match_1 (fun _ => Nat) 'B' (fun _ => 1) (fun _ => 2) (fun _ => 3) = 2 := rfl\n")
    g, foo = shown(src)
    assert "((a b : Nat) → (x✝ : List Nat) → motive [a, b] x✝)" in g
    assert "((x✝ : List Nat) → (b x✝_1 : Nat) → motive x✝ [b, x✝_1])" in g
    assert "((x✝ x✝_1 : List Nat) → motive x✝ x✝_1) → motive xs ys" in g
    assert "(Unit → motive 'A') → (Unit → motive 'B') → ((x✝ : Char) → motive x✝) → motive x" in foo


def test_matchers_are_numbered_inner_first_and_once_per_match() -> None:
    # the inner match is elaborated once per leaf of the outer one, and finished before it: `match_1`
    src = ("def h (xs : List Nat) (o : Option Nat) : Nat :=\n  match xs with\n  | [] => match o with\n"
           "    | some k => k\n    | none => 0\n  | x :: _ => x\n#check @h.match_1\n#check @h.match_2\n")
    s, errors, infos = check(src)
    assert errors == []
    assert infos[0].startswith("h.match_1 : (motive : Option Nat → Sort u_1)")
    assert infos[1].startswith("h.match_2 : (motive : List Nat → Sort u_1)")
    assert s.env.find(Name.of("h.match_3")) is None


def test_a_match_in_a_proof_and_a_recursive_definition() -> None:
    src = ("theorem t (p : Nat × Nat) : p.1 + p.2 = p.2 + p.1 := by\n  match p with\n"
           "  | (a, b) => exact Nat.add_comm a b\n#check @t.match_1\n"
           "def len : List α → Nat\n  | [] => 0\n  | _ :: xs => len xs + 1\n#check @len.match_1\n")
    _, errors, infos = check(src)
    assert errors == []
    assert infos[0] == "t.match_1 : (motive : Nat × Nat → Sort u_1) → (p : Nat × Nat) → ((a b : Nat) → motive (a, b)) → motive p"
    assert infos[1].startswith("@len.match_1 : {α : Type u_1} → (motive : List α → Sort u_2)")
