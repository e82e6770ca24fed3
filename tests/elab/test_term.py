"""The term elaborator (`leanr_py.elab.term`) on Lean's real `Init.Prelude` export: the core terms it
builds, implicit and instance arguments, expected-type propagation, and its errors."""
from __future__ import annotations

import pytest

from leanr_py.elab.errors import ElabError
from leanr_py.elab.instances import install
from leanr_py.elab.meta import MetaContext
from leanr_py.elab.term import TermElaborator
from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.expr import Expr
from leanr_py.kernel.name import Name
from leanr_py.pretty import pp_expr
from leanr_py.syntax import parse_term

from .elab_helpers import table_for


@pytest.fixture(scope="module")
def table(lean_env: Environment):  # type: ignore[no-untyped-def]
    return table_for(lean_env)


@pytest.fixture
def te(lean_env: Environment, table) -> TermElaborator:  # type: ignore[no-untyped-def]
    m = MetaContext(lean_env)
    install(m, table)
    return TermElaborator(m, table)


def C(n: str, *ls: L.Level) -> Expr:
    return E.mk_const(Name.of(n), ls)


NAT = C("Nat")


def elab(te: TermElaborator, src: str, expected: Expr | None = None) -> tuple[Expr, Expr]:
    stx = parse_term(src)
    e = te.elab_term(stx, expected)
    te.synthesize(final=True)
    e = te.finalize(e, stx.span)
    return e, te.meta.instantiate_mvars(te.meta.infer_type(e))


def pp(te: TermElaborator, e: Expr) -> str:
    return pp_expr(e, te.env)


def num(n: int) -> Expr:
    return E.mk_app_n(C("OfNat.ofNat", L.ZERO), [NAT, E.mk_nat_lit(n), E.mk_app(C("instOfNatNat"), E.mk_nat_lit(n))])


def test_numeral_defaults_to_nat(te: TermElaborator) -> None:
    e, t = elab(te, "2")
    assert e is num(2) and t is NAT


def test_raw_nat_literal(te: TermElaborator) -> None:
    e, t = elab(te, "nat_lit 2")
    assert e is E.mk_nat_lit(2) and t is NAT
    e, _ = elab(te, "Nat.succ (nat_lit 2)")
    assert e is E.mk_app(C("Nat.succ"), E.mk_nat_lit(2))


def test_numeral_uses_expected_type(te: TermElaborator) -> None:
    e, t = elab(te, "(3 : Nat)")
    assert e is num(3)
    with pytest.raises(ElabError, match="failed to synthesize instance of type class\n  OfNat Bool 3"):
        elab(te, "3", C("Bool"))


def test_binop_homogeneous(te: TermElaborator) -> None:
    e, t = elab(te, "2 + 2 = 4")
    assert t is E.PROP
    f, args = E.get_app_fn_args(e)
    assert f is C("Eq", L.ONE) and args[0] is NAT and args[2] is num(4)
    assert pp(te, e) == "2 + 2 = 4"
    add = args[1]
    assert E.get_app_fn(add) is C("HAdd.hAdd", L.ZERO, L.ZERO, L.ZERO)
    assert E.get_app_args(add)[:3] == [NAT, NAT, NAT]


def test_relations_and_connectives(te: TermElaborator) -> None:
    for src, head in [("1 < 2", "LT.lt"), ("1 ≤ 2", "LE.le"), ("1 > 2", "GT.gt"), ("1 ≥ 2", "GE.ge"),
                      ("True ∧ False", "And"), ("True ∨ False", "Or"), ("¬ True", "Not")]:
        e, t = elab(te, src)
        assert t is E.PROP and E.get_app_fn(e).name is Name.of(head), src  # type: ignore[attr-defined]


def test_fun_against_expected_type(te: TermElaborator) -> None:
    e, t = elab(te, "fun x => x + 1", E.mk_arrow(NAT, NAT))
    assert e.kind == E.LAM and e.type is NAT  # type: ignore[attr-defined]
    assert pp(te, e) == "fun x => x + 1"


def test_fun_binder_kinds(te: TermElaborator) -> None:
    e, t = elab(te, "fun {α : Type} [Inhabited α] (a : α) => a")
    assert e.bi == E.IMPLICIT and e.body.bi == E.INST_IMPLICIT  # type: ignore[attr-defined]
    assert pp(te, t) == "{α : Type} → [Inhabited α] → α → α"


def test_pi_arrow_and_sorts(te: TermElaborator) -> None:
    e, t = elab(te, "∀ (α : Type) (x y : α), x = y → y = x")
    assert t is E.PROP and pp(te, e) == "∀ (α : Type) (x y : α), x = y → y = x"
    e, t = elab(te, "Type 1")
    assert e is E.mk_sort(L.of_nat(2)) and t is E.mk_sort(L.of_nat(3))
    assert elab(te, "Prop")[0] is E.PROP and elab(te, "Sort 0")[0] is E.PROP
    e, _ = elab(te, "Nat → Nat → Prop")
    assert pp(te, e) == "Nat → Nat → Prop"


def test_implicit_insertion_and_explicit(te: TermElaborator) -> None:
    e, t = elab(te, "id 3")
    assert E.get_app_args(e)[0] is NAT and t is NAT
    e2, _ = elab(te, "@id Nat 3")
    assert e2 is e
    e3, _ = elab(te, "id (α := Nat) 3")
    assert e3 is e


def test_field_notation_and_projection(te: TermElaborator) -> None:
    e, t = elab(te, "(3 : Nat).succ")
    assert e is E.mk_app(C("Nat.succ"), num(3))
    meta = te.meta
    p = meta.push_local("h", E.mk_app_n(C("And"), [C("True"), C("False")]))
    e, t = elab(te, "h.2")
    assert e is E.mk_app_n(C("And.right"), [C("True"), C("False"), p])


def test_let_have_show(te: TermElaborator) -> None:
    e, t = elab(te, "let x : Nat := 1; x + x")
    assert e.kind == E.LET and not e.nondep and t is NAT  # type: ignore[attr-defined]
    e, t = elab(te, "have h : 1 = 1 := rfl; h")
    assert e.kind == E.LET and e.nondep and pp(te, t) == "1 = 1"  # type: ignore[attr-defined]
    e, t = elab(te, "show Nat from 1")
    assert t is NAT


def test_anonymous_constructor_needs_known_type(te: TermElaborator) -> None:
    with pytest.raises(ElabError, match="expected type must be known"):
        elab(te, "⟨1, 2⟩")


def test_strings_and_chars(te: TermElaborator) -> None:
    assert elab(te, '"ab"') == (E.mk_str_lit("ab"), C("String"))
    e, t = elab(te, "'a'")
    assert e is E.mk_app(C("Char.ofNat"), E.mk_nat_lit(97)) and t is C("Char")


def test_sorry(te: TermElaborator) -> None:
    e, t = elab(te, "sorry", NAT)
    assert E.get_app_fn(e) is C("sorryAx", L.ONE) and te.uses_sorry


def test_errors_carry_spans(te: TermElaborator) -> None:
    with pytest.raises(ElabError) as exc:
        elab(te, "Nat.succ (foo 1)")
    assert exc.value.message == "Unknown identifier `foo`"
    assert (exc.value.span.line, exc.value.span.col) == (1, 10)
    with pytest.raises(ElabError, match="not supported yet") as exc:
        elab(te, "let rec loop : Nat := loop; loop")
    assert exc.value.span.col == 0
    with pytest.raises(ElabError, match="Exists"):
        elab(te, "∃ x : Nat, x = x")  # `Exists` is not in Init.Prelude
    with pytest.raises(ElabError, match="don't know how to synthesize placeholder"):
        elab(te, "?x", NAT)


def test_type_mismatch_message(te: TermElaborator) -> None:
    with pytest.raises(ElabError) as exc:
        elab(te, "(1 : Nat) = Bool.true")
    assert "Type mismatch" in exc.value.message and "Bool" in exc.value.message
