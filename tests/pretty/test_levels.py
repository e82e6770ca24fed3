from leanr_py.kernel import expr as E
from leanr_py.kernel import level as L
from leanr_py.kernel.name import Name
from leanr_py.pretty import pp_expr, pp_level

u, v = L.param(Name.of("u")), L.param(Name.of("v"))


def test_levels():
    assert pp_level(L.ZERO) == "0"
    assert pp_level(L.of_nat(3)) == "3"
    assert pp_level(u) == "u"
    assert pp_level(L.succ(u)) == "u + 1"
    assert pp_level(L.max_(u, v)) == "max u v"
    assert pp_level(L.max_(u, L.max_(v, L.ZERO))) == "max u v 0"
    assert pp_level(L.imax(u, v)) == "imax u v"
    assert pp_level(L.max_(L.succ(u), v)) == "max (u + 1) v"
    assert pp_level(L.mvar(4)) == "?u.4"


def test_sorts():
    s = lambda l: pp_expr(E.mk_sort(l), None)  # noqa: E731
    assert s(L.ZERO) == "Prop"
    assert s(L.ONE) == "Type"
    assert s(L.of_nat(2)) == "Type 1"
    assert s(u) == "Sort u"
    assert s(L.succ(u)) == "Type u"
    assert s(L.succ(L.succ(u))) == "Type (u + 1)"
    assert s(L.max_(u, v)) == "Sort (max u v)"
    assert s(L.succ(L.max_(u, v))) == "Type (max u v)"
