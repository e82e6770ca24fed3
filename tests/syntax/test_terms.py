import pytest

from leanr_py.syntax import ParseError, parse_term
from leanr_py.syntax.errors import Span

from .conftest import t


@pytest.mark.parametrize("src,expected", [
    ("a + b * c", "(BinOp + (Ident a) (BinOp * (Ident b) (Ident c)))"),
    ("a - b - c", "(BinOp - (BinOp - (Ident a) (Ident b)) (Ident c))"),
    ("a ^ b ^ c", "(BinOp ^ (Ident a) (BinOp ^ (Ident b) (Ident c)))"),
    ("a → b → c", "(Arrow (Ident a) (Arrow (Ident b) (Ident c)))"),
    ("a -> b", "(Arrow (Ident a) (Ident b))"),
    ("p ∧ q ∨ r", "(BinOp ∨ (BinOp ∧ (Ident p) (Ident q)) (Ident r))"),
    ("p ∧ q ∧ r", "(BinOp ∧ (Ident p) (BinOp ∧ (Ident q) (Ident r)))"),
    ("p ↔ q ∧ r", "(BinOp ↔ (Ident p) (BinOp ∧ (Ident q) (Ident r)))"),
    ("p <-> q", "(BinOp ↔ (Ident p) (Ident q))"),
    ("¬ a = b", "(UnOp ¬ (BinOp = (Ident a) (Ident b)))"),
    ("¬ p ∧ q", "(BinOp ∧ (UnOp ¬ (Ident p)) (Ident q))"),
    ("a = b → c", "(Arrow (BinOp = (Ident a) (Ident b)) (Ident c))"),
    ("a ≠ b", "(BinOp ≠ (Ident a) (Ident b))"),
    ("a ≤ b + 1", "(BinOp ≤ (Ident a) (BinOp + (Ident b) (NumLit 1)))"),
    ("a :: b :: l", "(BinOp :: (Ident a) (BinOp :: (Ident b) (Ident l)))"),
    ("xs ++ ys ++ zs", "(BinOp ++ (BinOp ++ (Ident xs) (Ident ys)) (Ident zs))"),
    ("f ∘ g ∘ h", "(BinOp ∘ (Ident f) (BinOp ∘ (Ident g) (Ident h)))"),
    ("a × b × c", "(BinOp × (Ident a) (BinOp × (Ident b) (Ident c)))"),
    ("-x + y", "(BinOp + (UnOp - (Ident x)) (Ident y))"),
    ("-x ^ 2", "(UnOp - (BinOp ^ (Ident x) (NumLit 2)))"),
    ("a % b / c", "(BinOp / (BinOp % (Ident a) (Ident b)) (Ident c))"),
    ("f <| g <| x", "(BinOp <| (Ident f) (BinOp <| (Ident g) (Ident x)))"),
    ("x |> f |> g", "(BinOp |> (BinOp |> (Ident x) (Ident f)) (Ident g))"),
    ("f $ g x", "(BinOp <| (Ident f) (App (Ident g) [(Ident x)]))"),
    ("a <|> b <|> c", "(BinOp <|> (Ident a) (BinOp <|> (Ident b) (Ident c)))"),
    ("h ▸ e", "(BinOp ▸ (Ident h) (Ident e))"),
    ("b && c || d", "(BinOp || (BinOp && (Ident b) (Ident c)) (Ident d))"),
    ("f x y + g z", "(BinOp + (App (Ident f) [(Ident x) (Ident y)]) (App (Ident g) [(Ident z)]))"),
    ("x |>.foo 1", "(App (Proj (Ident x) foo) [(NumLit 1)])"),
])
def test_precedence(src, expected):
    assert t(src) == expected


def test_application_and_args():
    assert t("f (x := 1) _ ?m @g ..") == ("(App (Ident f) [(NamedArg x (NumLit 1)) (Hole) "
                                         "(SyntheticHole m) (Explicit (Ident g)) (EllipsisArg)])")
    assert t("xs.map fun x => x") == "(App (Ident xs.map) [(Lam [(Binder simple [(Ident x)])] (Ident x))])"
    assert t("(e).f.g x") == "(App (Proj (Proj (Paren (Ident e)) f) g) [(Ident x)])"
    assert t("p.1.2") == "(Proj (Proj (Ident p) 1) 2)"
    assert t("(·.1)") == "(Paren (Proj (Cdot) 1))"
    assert t("(·.fst)") == "(Paren (Proj (Cdot) fst))"
    assert t("xs[i]!") == "(Index (Ident xs) (Ident i) !)"
    assert t(".succ n") == "(App (DotIdent succ) [(Ident n)])"
    assert t("f.{u, v+1}") == "(Ident f [(LevelName u) (LevelAdd (LevelName v) 1)])"


def test_sorts():
    assert t("Type") == "(Sort Type)"
    assert t("Type u → Sort (max u v)") == ("(Arrow (Sort Type (LevelName u)) "
                                           "(Sort Sort (LevelMax [(LevelName u) (LevelName v)])))")
    assert t("Prop") == "(Sort Prop)"
    assert t("List Type") == "(App (Ident List) [(Sort Type)])"


def test_binders_and_quantifiers():
    assert t("∀ x y : Nat, x = y") == ("(Pi [(Binder simple [(Ident x) (Ident y)] (Ident Nat))] "
                                       "(BinOp = (Ident x) (Ident y)))")
    assert t("∀ {α} [inst : Foo α] ⦃a b : α⦄ {{c : α}}, p") == (
        "(Pi [(Binder implicit [(Ident α)]) (Binder inst [(Ident inst)] (App (Ident Foo) [(Ident α)])) "
        "(Binder strict [(Ident a) (Ident b)] (Ident α)) (Binder strict [(Ident c)] (Ident α))] (Ident p))")
    assert t("∃ x, p x") == "(BinderNotation ∃ [(Binder simple [(Ident x)])] (App (Ident p) [(Ident x)]))"
    assert t("exists x, p") == "(BinderNotation ∃ [(Binder simple [(Ident x)])] (Ident p))"
    assert t("forall x, p") == "(Pi [(Binder simple [(Ident x)])] (Ident p))"
    assert t("∃ x > 0, p") == "(BinderNotation ∃ [(Binder simple [(Ident x)] (pred [> (NumLit 0)]))] (Ident p))".replace("(pred [> (NumLit 0)])", "[> (NumLit 0)]")
    assert t("(x : α) → β x") == "(Pi [(Binder explicit [(Ident x)] (Ident α))] (App (Ident β) [(Ident x)]))"
    assert t("{x : α} → [Foo α] → β") == (
        "(Pi [(Binder implicit [(Ident x)] (Ident α))] (Pi [(Binder inst (App (Ident Foo) [(Ident α)]))] (Ident β)))")
    assert t("(x : α) ×' p x").startswith("(BinOp ×' (Ascription")
    assert t("Σ x, β x").startswith("(BinderNotation Σ")


def test_fun_forms():
    assert t("fun (x : Nat) {y} => x") == ("(Lam [(Binder explicit [(Ident x)] (Ident Nat)) "
                                          "(Binder implicit [(Ident y)])] (Ident x))")
    assert t("λ x y : Nat => x") == "(Lam [(Binder simple [(Ident x) (Ident y)] (Ident Nat))] (Ident x))"
    assert t("fun ⟨a, b⟩ (c, d) => a") == ("(Lam [(AnonCtor [(Ident a) (Ident b)]) "
                                          "(Tuple [(Ident c) (Ident d)])] (Ident a))")
    assert t("fun x ↦ x") == "(Lam [(Binder simple [(Ident x)])] (Ident x))"
    assert t("fun | 0 => 1 | n+1 => n") == (
        "(LamAlts [(MatchAlt [[(NumLit 0)]] (NumLit 1)) (MatchAlt [[(BinOp + (Ident n) (NumLit 1))]] (Ident n))])")
    assert t("(· + 2)") == "(Paren (BinOp + (Cdot) (NumLit 2)))"


def test_let_have_show_suffices():
    assert t("let x := 1; x") == "(Let (LetDecl (Ident x) (NumLit 1)) (Ident x))"
    assert t("let f (x : Nat) : Nat := x\nf 1").startswith("(Let (LetDecl (Ident f) [(Binder explicit")
    assert t("let (a, b) := p\na") == "(Let (LetDecl (Tuple [(Ident a) (Ident b)]) (Ident p)) (Ident a))"
    # a deeper-indented next line continues the value (checkColGt against `have`)
    src = "have h : p := hp\n  f h\nh"
    assert t(src) == "(Have (LetDecl (Ident h) (Ident p) (App (Ident hp) [(Ident f) (Ident h)])) (Ident h))"
    # `have` fixes the position: the next line at the same column is the body, not an argument
    src = "have hp : p := h.left\nOr.elim h"
    assert t(src) == "(Have (LetDecl (Ident hp) (Ident p) (Ident h.left)) (App (Ident Or.elim) [(Ident h)]))"
    assert t("have := f x; this") == "(Have (LetDecl (App (Ident f) [(Ident x)])) (Ident this))"
    assert t("show p from hp") == "(Show (Ident p) (Ident hp))"
    assert t("show p by simp").startswith("(Show (Ident p) (By")
    assert t("suffices h : p from f h\nhp").startswith("(Suffices (LetDecl (Ident h) (Ident p)")


def test_if_match():
    assert t("if h : c then a else b") == "(If (Ident h) (Ident c) (Ident a) (Ident b))"
    assert t("if c then a else if d then b else e").startswith("(If (Ident c) (Ident a) (If")
    src = "match x, y with\n| 0, _ => a\n| n+1, m => b"
    assert t(src) == ("(Match [(MatchDiscr (Ident x)) (MatchDiscr (Ident y))] "
                      "[(MatchAlt [[(NumLit 0) (Hole)]] (Ident a)) "
                      "(MatchAlt [[(BinOp + (Ident n) (NumLit 1)) (Ident m)]] (Ident b))])")
    assert t("match (motive := T) h : e with | .a | .b => 1").startswith(
        "(Match [(MatchDiscr (Ident h) (Ident e))] (Ident T) [(MatchAlt [[(DotIdent a)] [(DotIdent b)]]")
    # nested match: the outer alternative at a smaller column ends the inner match
    src = "match a with\n  | 0 =>\n    match b with\n    | 0 => 1\n    | _ => 2\n  | _ => 3"
    out = t(src)
    assert out.count("MatchAlt") == 4 and out.endswith("(MatchAlt [[(Hole)]] (NumLit 3))])")


def test_brackets():
    assert t("()") == "(Unit)"
    assert t("(a, b, c)") == "(Tuple [(Ident a) (Ident b) (Ident c)])"
    assert t("(e : T)") == "(Ascription (Ident e) (Ident T))"
    assert t("⟨a, b⟩") == "(AnonCtor [(Ident a) (Ident b)])"
    assert t("[1, 2]") == "(ListLit [(NumLit 1) (NumLit 2)])"
    assert t("[]") == "(ListLit)"
    assert t("#[1]") == "(ArrayLit [(NumLit 1)])"
    assert t("‹p›") == "(Assumption (Ident p))"
    assert t("{ x := 1, y := 2 }") == "(StructInst [(StructField x (NumLit 1)) (StructField y (NumLit 2))])"
    assert t("{ s with x := 1 }") == "(StructInst [(Ident s)] [(StructField x (NumLit 1))])"
    assert t("{ x := 1\n  y := 2 }").count("StructField") == 2
    assert t("{ as : List α // as.length = n }").startswith("(Subtype (Ident as) (App (Ident List)")
    assert t("{a, b}") == "(SetLit [(Ident a) (Ident b)])"
    assert t("{ x := 1 : Foo }") == "(StructInst [(StructField x (NumLit 1))] (Ident Foo))"


def test_calc():
    src = "calc a = b := p\n  _ = c := q\n  _ = d := r"
    assert t(src) == ("(Calc [(CalcStep (BinOp = (Ident a) (Ident b)) (Ident p)) "
                      "(CalcStep (BinOp = (Hole) (Ident c)) (Ident q)) (CalcStep (BinOp = (Hole) (Ident d)) (Ident r))])")
    src = "calc a\n    _ = b := f x\n    _ = c := g"
    assert t(src).count("CalcStep") == 3


def test_do_notation():
    src = "do\n  let x ← f\n  let mut y := 1\n  y := y + x\n  if x > 0 then\n    pure ()\n  return y"
    out = t(src)
    for part in ("DoBind let (Ident x)", "DoLet 'let mut'", "DoReassign", "DoIf", "DoReturn"):
        assert part in out


def test_spans():
    e = parse_term("f (x + 1)\n  y")
    assert e.span == Span(1, 0, 2, 3)
    assert e.args[0].span == Span(1, 2, 1, 9)
    assert e.args[0].term.span == Span(1, 3, 1, 8)
    assert e.args[0].term.rhs.span == Span(1, 7, 1, 8)
    lam = parse_term("fun x => x")
    assert lam.span == Span(1, 0, 1, 10) and lam.binders[0].span == Span(1, 4, 1, 5)


@pytest.mark.parametrize("src,msg", [
    ("f (x", "unexpected end of input; expected ')', ',' or ':'"),
    ("(a, b⟩", "unexpected token '⟩'; expected ')'"),
    ("fun x x", "unexpected end of input; expected '=>'"),
    ("1 +", "unexpected end of input; expected term"),
    ("a = )", "unexpected token ')'; expected term"),
    # a trailing `: T` types simple binders only; it is no return type
    ("fun (x : Nat) : Nat => x", "unexpected type ascription"),
    ("fun ⟨a, b⟩ : Nat × Nat => a", "unexpected type ascription"),
    ("∀ (x : Nat) y : Nat, x = y", "unexpected type ascription"),
])
def test_term_errors(src, msg):
    with pytest.raises(ParseError) as e:
        parse_term(src)
    assert e.value.diagnostic.message == msg
    assert e.value.diagnostic.severity == "error"


def test_empty_list_before_an_arrow_is_a_list_not_an_instance_binder() -> None:
    from leanr_py.syntax import parse_file

    assert not parse_file("example : f [] → Nat := sorry").diagnostics
    assert not parse_file("example : [Inhabited α] → α := sorry").diagnostics


def test_type_after_simple_binders_types_them_all() -> None:
    lam = parse_term("fun x _ : Nat => x")
    assert [(len(b.names), b.type.name) for b in lam.binders] == [(2, "Nat")]
