"""Printing Lean's real Init.Prelude: `#check` signatures, and every type parses back."""
from __future__ import annotations

import pytest

from leanr_py.kernel.declaration import DefinitionInfo, TheoremInfo
from leanr_py.kernel.name import Name
from leanr_py.pretty import pp_expr, pp_signature
from leanr_py.syntax import ParseError, parse_term


@pytest.mark.parametrize("name, expected", [
    ("Nat.le_of_lt_succ", "Nat.le_of_lt_succ {m n : Nat} : m < n.succ → m ≤ n"),
    ("Nat.lt_irrefl", "Nat.lt_irrefl (n : Nat) : ¬n < n"),
    ("id", "id.{u} {α : Sort u} (a : α) : α"),
    ("List.map", "List.map.{u_1, u_2} {α : Type u_1} {β : Type u_2} (f : α → β) (l : List α) : List β"),
    ("ite", "ite.{u} {α : Sort u} (c : Prop) [h : Decidable c] (t e : α) : α"),
    ("Function.comp",
     "Function.comp.{u, v, w} {α : Sort u} {β : Sort v} {δ : Sort w} (f : β → δ) (g : α → β) : α → δ"),
    ("Prod.fst", "Prod.fst.{u, v} {α : Type u} {β : Type v} (self : α × β) : α"),
    ("instDecidableAnd",
     "instDecidableAnd {p q : Prop} [dp : Decidable p] [dq : Decidable q] : Decidable (p ∧ q)"),
])
def test_signatures(prelude_env, name, expected):
    assert pp_signature(name, prelude_env) == expected


@pytest.mark.parametrize("name, expected", [
    ("id", "{α : Sort u} → α → α"),
    ("Nat.lt_irrefl", "∀ (n : Nat), ¬n < n"),
    ("Nat.le_of_lt_succ", "∀ {m n : Nat}, m < n.succ → m ≤ n"),
    ("Nat.pred_le_pred", "∀ {n m : Nat}, n ≤ m → n.pred ≤ m.pred"),
    ("Nat.rec", "{motive : Nat → Sort u} → motive Nat.zero → ((n : Nat) → motive n → motive n.succ) →"
                " (t : Nat) → motive t"),
    ("HAdd.hAdd", "{α : Type u} → {β : Type v} → {γ : outParam (Type w)} → [HAdd α β γ] → α → β → γ"),
])
def test_check_explicit_types(prelude_env, name, expected):
    """`#check @c` prints the type with every binder (here without the `@c :` prefix)."""
    assert pp_expr(prelude_env.constants[Name.of(name)].type, prelude_env, width=200) == expected


def test_long_signature_wraps(prelude_env):
    s = pp_signature("HAdd.hAdd", prelude_env)
    assert s == ("HAdd.hAdd.{u, v, w} {α : Type u} {β : Type v} {γ : outParam (Type w)} [self : HAdd α β γ] :\n"
                 "  α → β → γ")


def test_every_prelude_type_prints_and_parses_back(prelude_env):
    total = ok = 0
    failures: list[tuple[str, str]] = []
    for info in prelude_env.constants.values():
        if not isinstance(info, (TheoremInfo, DefinitionInfo)):
            continue
        s = pp_expr(info.type, prelude_env)
        total += 1
        try:
            parse_term(s)
            ok += 1
        except ParseError:
            failures.append((str(info.name), s))
    frac = ok / total
    print(f"parse-back: {ok}/{total} = {frac:.4f}")
    assert total > 1500
    assert frac > 0.95, failures[:10]
