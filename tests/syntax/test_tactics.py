from leanr_py.syntax import parse_file
from leanr_py.syntax.dump import dump

from .conftest import t


def names(seq):
    return [tac.name for tac in seq.tactics]


def test_by_block_boundaries():
    src = "theorem a : p := by\n  intro h\n  exact h\n\ntheorem b : q := by simp\n#check a\n"
    r = parse_file(src)
    assert not r.diagnostics and len(r.commands) == 3
    assert names(r.commands[0].value.term.tactics) == ["intro", "exact"]
    assert names(r.commands[1].value.term.tactics) == ["simp"]


def test_semicolons_then_and_focus():
    e = parse_file("example : p := by\n  cases d <;> rfl\n  rfl; rfl\n  · simp\n    exact x\n  . rfl\n").commands[0]
    seq = e.value.term.tactics
    assert names(seq) == ["<;>", "rfl", "rfl", "·", "·"]
    assert names(seq.tactics[3].args[0]) == ["simp", "exact"]


def test_nested_blocks_end_by_indentation():
    src = ("example : p := by\n  have h : q := by\n    simp\n    exact x\n  conv =>\n    lhs\n    rw [h]\n"
           "  exact h\n")
    seq = parse_file(src).commands[0].value.term.tactics
    assert names(seq) == ["have", "conv", "exact"]
    inner = seq.tactics[0].args[0].value.tactics
    assert names(inner) == ["simp", "exact"]
    assert names(seq.tactics[1].args[0]) == ["lhs", "rw"]


def test_alternatives_and_keywords():
    src = ("example : p := by\n  induction x, y using foo with\n  | ind x y h ih =>\n    rw [← bar h] at h ⊢\n"
           "    exact ih\n  | base x => simp only [*, baz] at *; omega\n")
    seq = parse_file(src).commands[0].value.term.tactics
    tac = seq.tactics[0]
    d = dump(tac)
    assert "(TacKeyword using)" in d and "(TacKeyword with)" in d
    alts = tac.args[-1].alts
    assert len(alts) == 2 and names(alts[0].tactics) == ["rw", "exact"]
    assert names(alts[1].tactics) == ["simp", "omega"]
    assert "(TacRule ← (App (Ident bar) [(Ident h)]))" in dump(alts[0].tactics.tactics[0])
    assert "(TacKeyword only)" in dump(alts[1].tactics.tactics[0])


def test_braces_and_combinators():
    src = "example : p := by\n  apply f\n  { intro h;\n    exact h }\n  all_goals simp_wf\n  first | rfl | simp\n"
    seq = parse_file(src).commands[0].value.term.tactics
    assert names(seq) == ["apply", "{", "all_goals", "first"]
    assert names(seq.tactics[1].args[0]) == ["intro", "exact"]


def test_tactic_match_and_intro_patterns():
    src = "example : p := by\n  intro ⟨a, b⟩ c\n  match h with\n  | .inl h => exact h\n  | .inr h => _\n"
    seq = parse_file(src).commands[0].value.term.tactics
    assert dump(seq.tactics[0]) == "(Tactic intro [(AnonCtor [(Ident a) (Ident b)]) (Ident c)])"
    assert seq.tactics[1].name == "match"


def test_intro_with_match_alternatives_at_the_tactic_column():
    src = "example : p := by\n  · intro\n    | .inl h => exact h\n    | .inr h => exact h\n  · rfl\n"
    seq = parse_file(src).commands[0].value.term.tactics
    assert names(seq) == ["·", "·"]
    intro, = seq.tactics[0].args[0].tactics
    assert intro.name == "intro" and [type(a).__name__ for a in intro.args] == ["MatchAlt", "MatchAlt"]


def test_cases_and_generalize_targets_are_whole_terms():
    src = ("example : p := by\n  cases m + 3 * k\n  generalize h : m + k = n\n"
           "  induction n generalizing m k with\n  | zero => rfl\n  | succ n ih => rfl\n")
    seq = parse_file(src).commands[0].value.term.tactics
    assert names(seq) == ["cases", "generalize", "induction"]
    assert dump(seq.tactics[0]) == "(Tactic cases [(BinOp + (Ident m) (BinOp * (NumLit 3) (Ident k)))])"
    assert dump(seq.tactics[1]) == ("(Tactic generalize [(Ident h) (TacKeyword :) "
                                    "(BinOp = (BinOp + (Ident m) (Ident k)) (Ident n))])")
    assert "(TacKeyword generalizing) (Ident m) (Ident k) (TacKeyword with)" in dump(seq.tactics[2])


def test_by_inside_terms():
    assert t("⟨[], by simp⟩").startswith("(AnonCtor [(ListLit) (By")
    assert t("f (by simp) x").endswith("(Ident x)])")


def test_empty_by_before_next_command_is_not_a_syntax_error():
    r = parse_file("theorem a : p := by\n\ntheorem b : p := trivial\n")
    assert not r.diagnostics and len(r.commands) == 2


def test_tactic_spans():
    seq = parse_file("example : p := by\n  simp [a]\n  exact h\n").commands[0].value.term.tactics
    s = seq.tactics[0].span
    assert (s.line, s.col, s.end_line, s.end_col) == (2, 2, 2, 10)
    assert (seq.span.line, seq.span.end_line, seq.span.end_col) == (2, 3, 9)


def test_a_tactic_at_the_command_column_ends_an_empty_block():
    # Lean's `checkColGt`: `by` at the end of a line and a tactic at column 0 is an empty block, and the
    # tactic is a new command (Lean's "unexpected token 'sorry'; expected command")
    r = parse_file("theorem foo : 1 = 1 := by\n\nsorry\n\ntheorem bar : 1 = 1 := by\n/- c -/\n  rfl\n")
    assert [c.name.name for c in r.commands] == ["foo", "bar"]
    assert r.commands[0].value.term.tactics.tactics == ()
    [d] = r.diagnostics
    assert (d.span.line, d.span.col) == (3, 0) and d.message == "unexpected token 'sorry'; expected command"
    assert names(r.commands[1].value.term.tactics) == ["rfl"]
    # a nested block is likewise empty when its first line is not right of the enclosing tactic
    seq = parse_file("example : p := by\n  have h : q := by\n  exact x\n").commands[0].value.term.tactics
    assert names(seq) == ["have", "exact"]


def test_calc_steps_aligned_with_a_first_step_on_its_own_line():
    # `by calc` with the steps below, left of the `calc` keyword: all steps belong to the `calc`
    r = parse_file("example : 3 = 5 := by calc\n  3 = 4 := by sorry\n  4 = 5 := by sorry\n")
    assert not r.diagnostics
    [calc] = r.commands[0].value.term.tactics.tactics
    assert calc.name == "calc" and len(calc.args) == 2
