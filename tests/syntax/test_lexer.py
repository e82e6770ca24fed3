import time

import pytest

from leanr_py.syntax import ParseError, parse_term, tokenize
from leanr_py.syntax.lexer import parse_decimal


def kinds(src):
    return [(tk.kind, tk.text) for tk in tokenize(src)]


def test_identifiers_keywords_symbols():
    assert kinds("fun x => Nat.succ x") == [("kw", "fun"), ("ident", "x"), ("sym", "=>"),
                                           ("ident", "Nat.succ"), ("ident", "x")]
    assert kinds("α₁ h' get! head? «weird name»")[0] == ("ident", "α₁")
    assert [k for k, _ in kinds("h' get! head?")] == ["ident"] * 3
    assert kinds("λ x ↦ x")[0] == ("sym", "λ")
    assert kinds("a <|> b |>.f")[1] == ("sym", "<|>")
    assert kinds("a ×' b")[1] == ("sym", "×'")


def test_comments_nested_and_doc():
    src = "/- outer /- inner -/ still comment -/ x -- line\n/-- doc -/ y"
    ks = kinds(src)
    assert ks[0] == ("ident", "x")
    assert ks[1][0] == "doc" and ks[2] == ("ident", "y")
    assert tokenize("/-- hello -/")[0].value == " hello "


def test_positions_codepoints():
    toks = tokenize("def α₁ :=\n  ∀ x, x")
    a = toks[1]
    assert (a.line, a.col, a.end_line, a.end_col) == (1, 4, 1, 6)
    forall = toks[3]
    assert (forall.line, forall.col) == (2, 2) and forall.first


def test_numbers():
    assert parse_term("0x1F").value == 31
    assert parse_term("0b101").value == 5
    assert parse_term("1_000").value == 1000
    # Lean's (mantissa, exponent sign, decimal exponent): the sign is `true` for a negative exponent
    for text, lit in (("1.5", (15, True, 1)), ("2e3", (2, False, 3)), ("1.5e3", (15, False, 2)),
                      ("1e-3", (1, True, 3)), ("1.25e1", (125, True, 1)), ("1e-0", (1, True, 0))):
        s = parse_term(text)
        assert (s.mantissa, s.exponent_sign, s.exponent) == lit, text


def test_huge_numeral_is_fast():
    digits = "7" * 100_000
    t0 = time.perf_counter()
    n = parse_term(digits)
    assert time.perf_counter() - t0 < 5
    assert n.value % 10 == 7 and n.value.bit_length() > 300_000
    big = parse_decimal("1234567890" * 1000)
    assert big % 10**10 == 1234567890 and big // 10**9990 == 1234567890


def test_strings_and_chars():
    assert parse_term(r'"a\n\t\"\\\x41\u{1F600}"').value == 'a\n\t"\\A\U0001F600'
    assert parse_term("'a'").value == "a"
    assert parse_term(r"'\n'").value == "\n"


def test_interpolated_string():
    from leanr_py.syntax.dump import dump
    s = parse_term('s!"{r.num}/{r.den} {f {x := 1}}"')
    assert dump(s) == ("(InterpStr s! [(Ident r.num) / (Ident r.den) ' ' (App (Ident f) "
                       "[(StructInst [(StructField x (NumLit 1))])])])")


def test_field_tokens():
    ks = kinds("h.1.2 (e).f .ctor x.y")
    assert ks[:3] == [("ident", "h"), ("fieldidx", ".1"), ("fieldidx", ".2")]
    assert ("field", ".f") in ks and ("dotident", ".ctor") in ks and ("ident", "x.y") in ks


def test_lexical_errors():
    with pytest.raises(ParseError) as e:
        tokenize('"abc')
    assert "unterminated string" in e.value.diagnostic.message
    with pytest.raises(ParseError):
        tokenize("/- never closed")
