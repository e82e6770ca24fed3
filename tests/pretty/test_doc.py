from leanr_py.pretty import doc as D


def test_group_fits_flat():
    d = D.group(D.cat("a", D.line(), "b"))
    assert D.render(d, 10) == "a b"


def test_group_breaks_with_nesting():
    d = D.group(D.cat("aaaa", D.nest(2, D.cat(D.line(), "bbbb"))))
    assert D.render(d, 6) == "aaaa\n  bbbb"


def test_inner_group_stays_flat_when_it_fits():
    inner = D.group(D.cat("x", D.line(), "y"))
    d = D.group(D.cat("aaaaaaaa", D.nest(2, D.cat(D.line(), inner))))
    assert D.render(d, 9) == "aaaaaaaa\n  x y"


def test_fill_breaks_one_separator_at_a_time():
    d = D.group(D.fill(["aaa", "bbb", "ccc", "ddd"]))
    assert D.render(d, 8) == "aaa bbb\nccc ddd"


def test_deep_document_renders_without_recursion():
    d = D.text("x")
    for _ in range(50_000):
        d = D.group(D.cat("(", d, ")"))
    s = D.render(d, 100)
    assert len(s) == 100_001
