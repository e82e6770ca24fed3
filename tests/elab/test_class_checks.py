"""What Lean's `addClass` checks when a declaration becomes a class (`class`, `@[class]`, `attribute [class]`)."""
from __future__ import annotations

from leanr_py.kernel.name import Name

from .prelude_ce import first_error, ok


def test_a_parameter_depending_on_an_out_param_must_be_one() -> None:
    e = first_error("class C (x : outParam Nat) (y : { n : Nat // n > x }) (α : Type) where\n  val : α\n")
    assert e.message == "invalid class, parameter #2 depends on `outParam`, but it is not an `outParam`"
    e = first_error("structure S (x : outParam Nat) (y : Fin x) where\n  val : Nat\nattribute [class] S\n")
    assert e.message == "invalid class, parameter #2 depends on `outParam`, but it is not an `outParam`"
    # an out-param itself, or an instance argument (it becomes an out-param), is fine
    ok("class C (x : outParam Nat) (y : outParam { n : Nat // n > x }) (α : Type) where\n  val : α\n"
       "class D (α : outParam Type) [Inhabited α] where\n  val : α\n")


def test_only_an_inductive_type_or_an_axiom_can_be_a_class() -> None:
    e = first_error("@[class] def Foo (n : Nat) : Prop := n > 2\n")
    assert e.message == "invalid 'class', declaration 'Foo' must be inductive datatype, structure, or constant"
    assert (e.span.line, e.span.col) == (1, 2)
    e = first_error("def Bla (n : Nat) : Prop := n > 2\nattribute [class] Bla\n")
    assert (e.span.line, e.span.col) == (2, 11)
    ce = ok("structure Wrap where\n  n : Nat\nattribute [class] Wrap\ninstance : Wrap := ⟨3⟩\n"
            "example : Nat := (inferInstance : Wrap).n\n")
    assert Name.of("Wrap") in ce.table.classes
