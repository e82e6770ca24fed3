"""`T.noConfusionType`/`T.noConfusion` (`leanr_py.elab.no_confusion`): built when first named, with Lean
4.29's statements (compared with Lean's `Init.Prelude` export), and usable to separate constructors."""
from __future__ import annotations

from pathlib import Path

import pytest

from leanr_py.elab.no_confusion import ensure_no_confusion
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.expr import alpha_eqv
from leanr_py.kernel.name import Name
from leanr_py.prelude import fork_prelude

from .prelude_ce import ok

PRELUDE_EXPORT = Path(__file__).resolve().parents[3] / "shared/corpus/export/core/init-prelude.lean-4.29.1.ndjson"


def test_constructors_are_told_apart() -> None:
    ok("inductive T where | a | b (n : Nat) (m : Bool)\n"
       "example (n : Nat) (h : T.a = T.b n true) : False := T.noConfusion h\n"
       "example (n m : Nat) (h : T.b n true = T.b m true) : n = m := T.noConfusion h (fun h1 _ => h1)\n"
       "example (n m : Nat) (h : Nat.succ n = Nat.succ m) : n = m := Nat.noConfusion h id\n"
       "structure S (α : Type) where\n  x : α\n  y : Nat\n"
       "example (a b : Nat) (h : S.mk a 1 = S.mk b 1) : a = b :=\n"
       "  S.noConfusion rfl (heq_of_eq h) (fun h1 _ => eq_of_heq h1)\n"
       "namespace S\nexample (a b : Nat) (h : S.mk a 1 = S.mk b 1) : a = b :=\n"
       "  S.noConfusion rfl (heq_of_eq h) (fun h1 _ => eq_of_heq h1)\nend S\n")


def test_not_built_for_propositions_and_families() -> None:
    env, _ = fork_prelude()
    assert not ensure_no_confusion(env, Name.of("And"))
    assert not ensure_no_confusion(env, Name.of("Eq"))


@pytest.mark.skipif(not PRELUDE_EXPORT.exists(), reason="Lean's Init.Prelude export is not available")
def test_statements_are_leans() -> None:
    from leanr_py.export import check_export

    ref = Environment()
    assert check_export(str(PRELUDE_EXPORT), env=ref).status == "accept"
    env, _ = fork_prelude()
    compared = 0
    for ind in ("Nat", "Bool", "Option", "List", "Subtype", "Prod", "PProd", "Fin", "Char", "Decidable", "HAdd"):
        assert ensure_no_confusion(env, Name.of(ind)), ind
        for aux in ("noConfusionType", "noConfusion"):
            n = Name.of(f"{ind}.{aux}")
            ours, lean = env.find(n), ref.find(n)
            assert tuple(ours.level_params) == tuple(lean.level_params), n
            assert alpha_eqv(ours.type, lean.type), n
            compared += 1
    assert compared == 22
