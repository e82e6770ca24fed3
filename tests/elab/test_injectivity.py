"""A constructor's `C.inj` and `C.injEq`, built (kernel-checked) when first named, with Lean's statements."""
from __future__ import annotations

from leanr_py.session import Session


def check(src: str) -> tuple[list[str], list[str]]:
    r = Session().check(src)
    return ([d.message for d in r.diagnostics if d.severity == "error"],
            [d.message for d in r.diagnostics if d.severity == "info"])


def test_statements() -> None:
    errors, infos = check("structure A where\n  a : Nat\n  b : Bool\n#check @A.mk.inj\n#check @A.mk.injEq\n"
                          "#check @Option.some.inj\n")
    assert errors == []
    assert infos == [
        "@A.mk.inj : ∀ {a : Nat} {b : Bool} {a_1 : Nat} {b_1 : Bool}, A.mk a b = A.mk a_1 b_1 → a = a_1 ∧ b = b_1",
        "A.mk.injEq : ∀ (a : Nat) (b : Bool) (a_1 : Nat) (b_1 : Bool), (A.mk a b = A.mk a_1 b_1) = (a = a_1 ∧ b = b_1)",
        "@Option.some.inj : ∀ {α : Type u_1} {val val_1 : α}, some val = some val_1 → val = val_1"]


def test_used_in_proofs() -> None:
    errors, _ = check("structure A where\n  a : Nat\n  b : Bool\n"
                      "theorem ext_iff {x y : A} : x = y ↔ x.a = y.a ∧ x.b = y.b := by\n  cases x; cases y\n  rw [A.mk.injEq]\n"
                      "example (h : [1, 2] = [1, 3]) : False := by\n  have := (List.cons.inj h).2\n"
                      "  have := (List.cons.inj this).1\n  contradiction\n"
                      "example (n m : Nat) (h : n + 1 = m + 1) : n = m := by\n  rw [Nat.succ.injEq] at h\n  exact h\n")
    assert errors == []


def test_not_built_where_lean_states_them_otherwise() -> None:
    # a field whose type depends on another (Lean relates such fields by `HEq`): the name stays unknown
    errors, _ = check("structure P where\n  n : Nat\n  pos : n > 0\n#check P.mk.injEq\n")
    assert len(errors) == 1 and "P.mk" in errors[0]
