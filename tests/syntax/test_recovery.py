from leanr_py.syntax import parse_file, split_commands


def test_recovers_at_next_command():
    src = "def f := (1 +\ndef g := 2\ntheorem t : True := by\n  exact (\n#check g\n"
    r = parse_file(src)
    assert [c.name.name for c in r.commands if hasattr(c, "name") and hasattr(c.name, "name")] == ["g"]
    assert [type(c).__name__ for c in r.commands] == ["Decl", "HashCommand"]
    msgs = [(d.span.line, d.span.col, d.message) for d in r.diagnostics]
    assert msgs == [(2, 0, "unexpected token 'def'; expected term"),
                    (5, 0, "unexpected token '#check'; expected term")]
    assert all(d.severity == "error" for d in r.diagnostics)


def test_garbage_and_unknown_commands():
    r = parse_file("foo bar\n#check 1\n)\ndef x := 1\n")
    assert [type(c).__name__ for c in r.commands] == ["HashCommand", "Decl"]
    assert r.diagnostics[0].message == "unexpected identifier; expected command"
    assert r.diagnostics[1].message == "unexpected token ')'; expected command"


def test_error_at_end_of_file():
    r = parse_file("structure D:=(t:A)(c N:={s with} 0\n")
    d = r.diagnostics[0]
    assert (d.span.line, d.span.col, d.message) == (2, 0, "unexpected end of input; expected ')'")


def test_lexical_error_is_a_diagnostic():
    r = parse_file('def a := 1\ndef s := "unterminated\n')
    assert len(r.commands) == 1 and "unterminated string" in r.diagnostics[0].message


def test_split_commands():
    src = ("/-- doc -/\n@[simp]\ntheorem a : True := trivial\n\nopen Foo in\ndef b := 1\n"
           "mutual\ndef c := d\ndef d := c\nend\n-- comment\n#check b\ninductive T\n| x\n| y\n")
    ranges = split_commands(src)
    heads = [src[r.start:r.end].split()[0] for r in ranges]
    assert heads == ["/--", "open", "mutual", "#check", "inductive"]
    assert src[ranges[2].start:ranges[2].end].endswith("end")
    assert (ranges[0].span.line, ranges[0].span.end_line) == (1, 3)
    assert ranges[4].span.end_line == 15


def test_indented_commands_inside_namespace():
    r = parse_file("namespace Foo\n  def a : Nat := 5\n  def f (x : Nat) : Nat := x + 7\n  #check f\nend Foo\n")
    assert not r.diagnostics and len(r.commands) == 5
