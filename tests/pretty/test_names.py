from leanr_py.kernel.name import Name
from leanr_py.pretty import goal_names
from leanr_py.pretty.names import (binder_base, const_name, erase_macro_scopes, has_macro_scopes,
                                   inaccessible, local_name)

HYG = Name.of("a._@.Foo._hyg.12")


def test_macro_scopes_detected_and_erased():
    assert has_macro_scopes(HYG)
    assert not has_macro_scopes(Name.of("a.b"))
    assert erase_macro_scopes(HYG) is Name.of("a")


def test_private_prefix_dropped():
    n = Name.from_components(["_private", "Init", "Prelude", 0, "Nat", "foo"])
    assert const_name(n) == "Nat.foo"


def test_binder_and_local_names():
    assert binder_base(HYG) == "a"
    assert binder_base(Name.anonymous()) == "x"
    assert local_name(HYG) == "a✝"
    assert local_name(Name.of("h")) == "h"
    assert inaccessible("a", 2) == "a✝²"


def test_goal_names_shadowed_and_scoped():
    names = goal_names(["x", "x", HYG, HYG, "h"])
    assert names == ["x✝", "x", "a✝¹", "a✝", "h"]   # the latest is `a✝`, as Lean
