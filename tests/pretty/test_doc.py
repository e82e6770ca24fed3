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
    del d, s   # freeing it is a deep walk too (fatal in Pyodide when it nests one C call per node)


def test_deep_shared_part_survives_its_other_owner():
    shared = D.text("x")
    for _ in range(3_000):
        shared = D.nest(1, D.group(D.cat("(", shared, ")")))
    expected = D.render(shared, 100)
    owner = D.group(D.cat("[", shared, "]"))
    assert D.render(owner, 100) == "[" + expected + "]"
    del owner                           # takes apart what only it held, not `shared`
    assert D.render(shared, 100) == expected
    twice = D.group(D.cat(shared, D.line(), shared))
    del shared
    assert D.render(twice, 10**6) == expected + " " + expected


def test_many_deep_documents_freed_one_after_another():
    breaks = []
    for width in (1, 7, 100):
        d = D.text("y")
        for i in range(20_000):
            d = D.group(D.cat("f", D.line(), d)) if i % 3 else D.cat("(", d, ")")
        out = D.render(d, width)
        assert out.count("f") == 13_333 and out.count("(") == 6_667
        breaks.append(out.count("\n"))
    assert breaks[0] >= breaks[1] >= breaks[2] > 13_000
