"""`attribute [local instance] c` lasts until the end of the enclosing section or namespace, as in Lean."""
from __future__ import annotations

from .prelude_ce import prelude_elaborator

SETUP = ("structure Box where\n  n : Nat\n"
         "def boxAdd : Add Box := ⟨fun a b => ⟨a.n + b.n⟩⟩\n")


def errors(src: str) -> list[str]:
    ce = prelude_elaborator()
    return [m.format("f.lean") for m in ce.elab_file(SETUP + src) if m.severity == "error"]


def test_local_instance_is_used_inside_its_section() -> None:
    assert errors("section\nattribute [local instance] boxAdd\ndef s (a b : Box) : Box := a + b\nend\n") == []


def test_local_instance_is_gone_after_end() -> None:
    out = errors("section\nattribute [local instance] boxAdd\nend\ndef s (a b : Box) : Box := a + b\n")
    assert len(out) == 1 and out[0].startswith("f.lean:7:27: error: failed to synthesize")


def test_local_instance_in_a_namespace() -> None:
    assert errors("namespace N\nattribute [local instance] boxAdd\ndef s (a b : Box) : Box := a + b\nend N\n") == []
    out = errors("namespace N\nattribute [local instance] boxAdd\nend N\ndef t (a b : Box) : Box := a + b\n")
    assert len(out) == 1 and out[0].startswith("f.lean:7:27: error: failed to synthesize")


def test_global_instance_survives_a_local_attribute() -> None:
    assert errors("attribute [instance] boxAdd\nsection\nattribute [local instance] boxAdd\nend\n"
                  "def s (a b : Box) : Box := a + b\n") == []


def test_scoped_instance_is_active_in_its_namespace_and_where_it_is_open() -> None:
    src = ("namespace N\nscoped instance : Add Box := boxAdd\ndef s (a b : Box) : Box := a + b\nend N\n"
           "def t (a b : Box) : Box := a + b\n"
           "open N in\ndef u (a b : Box) : Box := a + b\n"
           "def v (a b : Box) : Box := a + b\n")
    out = errors(src)
    assert [m.split(": error:")[0] for m in out] == ["f.lean:8:27", "f.lean:11:27"]   # `t` and `v` only


def test_local_instance_declaration() -> None:
    src = "section\nlocal instance : Add Box := boxAdd\ndef s (a b : Box) : Box := a + b\nend\ndef t (a b : Box) : Box := a + b\n"
    assert [m.split(": error:")[0] for m in errors(src)] == ["f.lean:8:27"]


def test_erased_instance_is_gone_until_its_scope_closes() -> None:
    src = ("attribute [instance] boxAdd\n"
           "section\nattribute [-instance] boxAdd\ndef s (a b : Box) : Box := a + b\nend\n"
           "def t (a b : Box) : Box := a + b\n"
           "attribute [-instance] boxAdd\ndef u (a b : Box) : Box := a + b\n")
    assert [m.split(": error:")[0] for m in errors(src)] == ["f.lean:7:27", "f.lean:11:27"]   # `s` and `u`


def test_erasing_a_missing_instance_attribute_is_an_error() -> None:
    assert errors("attribute [-instance] boxAdd\n") == [
        "f.lean:4:0: error: 'boxAdd' does not have [instance] attribute"]


def test_local_and_erased_simp_lemmas() -> None:
    src = ("def P (n : Nat) : Prop := n = n\ntheorem p_self (n : Nat) : P n := rfl\n"
           "section\nattribute [local simp] p_self\nexample : P 1 := by simp\nend\n"
           "example : P 1 := by simp\n"
           "attribute [simp] p_self\nsection\nattribute [-simp] p_self\nexample : P 1 := by simp\nend\n"
           "example : P 1 := by simp\n")
    # simp closes `P 1` only where `p_self` is a simp lemma
    assert [m.split(": error:")[0] for m in errors(src)] == ["f.lean:10:20", "f.lean:14:20"]


def test_open_scoped_activates_instances_but_not_names() -> None:
    src = ("namespace N\nscoped instance : Add Box := boxAdd\ndef d (a : Box) : Box := a + a\nend N\n"
           "section\nopen scoped N\ndef t (a b : Box) : Box := a + b\ndef k (a : Box) : Box := d a\nend\n"
           "def v (a b : Box) : Box := a + b\n")
    out = errors(src)
    assert [m.split(": error:")[0] for m in out] == ["f.lean:11:25", "f.lean:13:27"]   # `d` unknown; `v`
    assert "Unknown identifier `d`" in out[0]

def test_erased_instance_is_back_after_end() -> None:
    src = ("instance boxAddInst : Add Box := boxAdd\nsection\nattribute [-instance] boxAddInst\n"
           "def s (a b : Box) : Box := a + b\nend\ndef t (a b : Box) : Box := a + b\n")
    out = errors(src)
    assert len(out) == 1 and out[0].startswith("f.lean:7:27: error: failed to synthesize")
