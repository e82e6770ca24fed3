"""`?u + 1 =?= max (v + 1) (w + 1)` is solved as `?u := max v w` (Lean's `Level.dec` step), and
`(default, default) : α × β` over two universes elaborates."""
from __future__ import annotations

from leanr_py.elab.meta import MetaContext
from leanr_py.kernel import level as L
from leanr_py.kernel.name import Name

from .prelude_ce import prelude_elaborator

v, w = L.param(Name.of("v")), L.param(Name.of("w"))


def test_successor_against_max_of_successors(mc: MetaContext) -> None:
    u = mc.new_level_mvar()
    assert mc.is_level_def_eq(L.succ(u), L.max_(L.succ(v), L.succ(w)))
    assert L.is_equivalent(mc.instantiate_level_mvars(u), L.max_(v, w))
    assert not mc.postponed


def test_not_every_branch_a_successor_stays_undecided(mc: MetaContext) -> None:
    u = mc.new_level_mvar()
    assert not mc.is_level_def_eq(L.succ(u), L.max_(v, w)) or mc.postponed
    assert mc.instantiate_level_mvars(u) is u


def test_pair_over_two_universes() -> None:
    src = ("namespace Ex\nclass Inhabited (α : Type u) where\n  default : α\n"
           "opaque default [Inhabited α] : α := Inhabited.default\n"
           "instance [Inhabited α] [Inhabited β] : Inhabited (α × β) where\n  default := (default, default)\n"
           "end Ex\n")
    assert [m for m in prelude_elaborator().elab_file(src) if m.severity == "error"] == []
