import time

import pytest

from leanr_py.syntax import ParseError, parse_file, parse_term


def test_deep_parens_result_or_clear_error():
    src = "(" * 10_000 + "1" + ")" * 10_000
    try:
        parse_term(src)
    except ParseError as e:
        assert "nested too deeply" in e.diagnostic.message
    # with a raised recursion limit (the kernel raises it) the term may parse; either way
    # the file continues with the next command
    r = parse_file("def x := " + src + "\ndef y := 2\n")
    if r.diagnostics:
        assert "nested too deeply" in r.diagnostics[0].message
    else:
        assert len(r.commands) == 2
    assert r.commands[-1].name.name == "y"


def test_moderate_nesting_parses():
    src = "(" * 60 + "1" + ")" * 60
    parse_term(src)


def test_long_list_literal():
    e = parse_term("[" + ", ".join(["1"] * 5000) + "]")
    assert len(e.elems) == 5000


def test_long_left_assoc_chain():
    t0 = time.perf_counter()
    e = parse_term("+".join(["1"] * 10_000))
    assert time.perf_counter() - t0 < 5
    n = 0
    while hasattr(e, "lhs"):
        e = e.lhs
        n += 1
    assert n == 9_999


@pytest.mark.parametrize("op", ["→", "::", "^", "∧"])
def test_long_right_assoc_chain(op):
    e = parse_term(f" {op} ".join(["a"] * 10_000))
    n = 0
    while hasattr(e, "rhs") or hasattr(e, "cod"):
        e = getattr(e, "rhs", None) or e.cod
        n += 1
    assert n == 9_999


def test_long_application_and_prefix_chain():
    e = parse_term("f " + " ".join(["x"] * 10_000))
    assert len(e.args) == 10_000
    e = parse_term("¬" * 400 + "p")
    assert e is not None
    with pytest.raises(ParseError, match="nested too deeply"):  # deeper than any runtime can free safely
        parse_term("¬" * 5_000 + "p")


def test_deep_fun_gives_clear_error():
    src = "fun x => " * 10_000 + "x"
    try:
        parse_term(src)
    except ParseError as e:
        assert "nested too deeply" in e.diagnostic.message
