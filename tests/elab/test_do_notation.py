"""`do` notation, monads and `IO`: Lean's translation (binds, `let mut`, join points, `for`, nested actions),
its errors, and `#eval` of actions (what they print, then their value)."""
from __future__ import annotations

from .prelude_ce import first_error, ok, run


def infos(src: str) -> list[str]:
    ce, msgs = run(src)
    errs = [m.format("t.lean") for m in msgs if m.severity == "error"]
    assert not errs, errs
    return [m.message for m in msgs if m.severity == "info"]


def test_do_in_pure_code_is_an_error() -> None:
    e = first_error("def u (x : Nat) : Nat := do\n  let y := x + x\n  y * 2\n")
    assert (e.span.line, e.span.col) == (1, 25)
    assert e.message.startswith("invalid `do` notation, expected type is not a monad application\n  Nat\n")


def test_option_block_binds_and_returns() -> None:
    assert infos("def a : Option Nat := do\n  let x ← some 1\n  let y := x + 1\n  return x + y\n#eval a\n"
                 "def b : Option Nat := do\n  let x ← none\n  pure (x + 1)\n#eval b\n") == ["some 3", "none"]


def test_mutable_variables_through_if_and_unless() -> None:
    src = ("def b (n : Nat) : Id Nat := do\n  let mut s := 0\n  s := s + n\n  if s > 3 then\n    s := s * 2\n"
           "  unless s = 2 do\n    s := s + 100\n  s := s + 1\n  return s\n#eval b 1\n#eval b 2\n#eval Id.run (b 5)\n")
    assert infos(src) == ["102", "3", "111"]


def test_return_in_a_branch_leaves_the_block() -> None:
    src = ("def f (n : Nat) : Id String := do\n  if n = 0 then\n    return \"zero\"\n  let m := n * 2\n"
           "  return s!\"double {m}\"\n#eval f 0\n#eval f 4\n")
    assert infos(src) == ['"zero"', '"double 8"']


def test_return_must_end_its_sequence() -> None:
    src = "def f : Id Nat := do\n  return 5\n  pure 6\n"
    err = first_error(src)
    assert (err.span.line, err.span.col, err.message) == (2, 2, "must be last element in a `do` sequence")
    # not with the new `do` elaborator
    ok("set_option backward.do.legacy false in\n" + src)


def test_match_and_nested_actions() -> None:
    src = ("def e (o : Option Nat) : Option Nat := do\n  let v ← o\n  match v with\n  | 0 => none\n"
           "  | k + 1 => pure k\n#eval e (some 3)\n"
           "def f : Option Nat := do\n  let r := (← some 3) + (← some 4)\n  pure r\n#eval f\n")
    assert infos(src) == ["some 2", "some 7"]


def test_for_loops_over_lists() -> None:
    src = ("def d (xs : List Nat) : Id Nat := do\n  let mut s := 0\n  let mut c := 0\n  for x in xs do\n"
           "    if x > 10 then\n      break\n    s := s + x\n    c := c + 1\n  return s * 100 + c\n"
           "#eval d [1, 2, 3, 20, 5]\n")
    assert infos(src) == ["603"]


def test_pattern_let_in_io() -> None:
    ok("example (p : Nat × Nat) : IO Nat := do\n  let (m, n) := p\n  return m + n\n")


def test_eval_io_prints_then_shows_the_value() -> None:
    src = ('def g : IO Nat := do\n  IO.println "computing"\n  IO.eprint "warn "\n  IO.eprintln 3\n  return 42\n'
           '#eval g\ndef main : IO Unit := do\n  for x in [1, 2] do\n    IO.println s!"item {x}"\n'
           '  IO.print "done"\n#eval main\n#eval (pure () : IO Unit)\n')
    assert infos(src) == ["computing\nwarn 3\n42", "item 1\nitem 2\ndone"]


def test_eval_io_error_is_an_error() -> None:
    e = first_error('#eval (throw (IO.userError "boom") : IO Unit)\n')
    assert e.message == "boom" and (e.span.line, e.span.col) == (1, 0)


def test_with_stdout_redirects() -> None:
    src = ('def quiet : IO Unit := do\n  IO.withStdout IO.FS.Stream.ofNothing do\n    IO.println "hidden"\n'
           '  IO.println "shown"\n#eval quiet\n')
    assert infos(src) == ["shown"]


def test_unknown_expected_type_takes_the_monad_from_the_actions() -> None:
    ok("example (s : IO.FS.Stream) := do\n  let text := \"Hello\"\n  IO.withStdout s do\n    IO.println text\n"
       "  IO.println s!\"Wrote '{text}' to stream\"\n")
    e = first_error("example (s : IO.FS.Stream) := do\n  IO.withStdout s do\n    let text := \"Hello\"\n"
                    "    IO.println text\n  IO.println s!\"Wrote '{text}' to stream\"\n")
    assert e.message == "Unknown identifier `text`" and (e.span.line, e.span.col) == (5, 24)


def test_reassigning_an_immutable_variable_is_an_error() -> None:
    e = first_error("def f : Id Nat := do\n  let x := 1\n  x := 2\n  return x\n")
    assert e.message.startswith("`x` cannot be mutated, only variables declared using `let mut` can be mutated.")
    assert (e.span.line, e.span.col) == (3, 2)


def test_nested_action_outside_do_is_an_error() -> None:
    e = first_error("def f : Nat := (← pure 1)\n")
    assert e.message == "invalid use of `(<- ...)`, must be nested inside a 'do' expression"


def test_return_inside_for_is_not_supported_yet() -> None:
    e = first_error("def f : Id Nat := do\n  for x in [1] do\n    return x\n  return 0\n")
    assert "not supported yet" in e.message


def test_monad_notations() -> None:
    src = ("#eval ((· + 1) <$> some 2 : Option Nat)\n#eval (some 2 >>= fun x => some (x * 3) : Option Nat)\n"
           "#eval (some (· + 1) <*> some 4 : Option Nat)\n#eval (some 1 *> some 2 : Option Nat)\n"
           "#eval (some 1 <* some 2 : Option Nat)\n")
    assert infos(src) == ["some 3", "some 6", "some 5", "some 2", "some 1"]


def test_user_monad_gets_lean_default_methods() -> None:
    src = ("def St (α : Type) : Type := Nat → α × Nat\ninstance : Monad St where\n  pure a := fun s => (a, s)\n"
           "  bind x f := fun s => let (a, s') := x s; f a s'\ndef tick : St Unit := fun s => ((), s + 1)\n"
           "def prog : St Nat := do\n  tick\n  tick\n  return 7\n#eval (prog 0).2\n"
           "#eval ((Functor.map (· + 1) prog) 0).1\n#eval ((tick *> prog) 0).2\n")
    assert infos(src) == ["2", "8", "3"]


def test_user_applicative_gets_lean_default_methods() -> None:
    src = ("structure Box (α : Type) where\n  v : α\ninstance : Applicative Box where\n  pure a := ⟨a⟩\n"
           "  seq f x := ⟨f.v (x ()).v⟩\n#eval (Functor.map (· * 2) (Box.mk 21)).v\n")
    assert infos(src) == ["42"]


def test_base_io_actions_are_lifted_into_io() -> None:
    src = ('def f : IO Unit := do\n  let out ← IO.getStdout\n  out.putStr "x\\n"\n#eval f\n')
    assert infos(src) == ["x"]


def test_a_declaration_may_not_shadow_a_mutable_variable() -> None:
    for decl, col in (("have x : Nat := 2", 7), ("let x := 2", 6), ("let x ← pure 2", 6),
                      ("let mut x := 2", 10), ("let (x, _) := (2, 3)", 7)):
        e = first_error(f"def f : Id Nat := do\n  let mut x := 1\n  {decl}\n  return x\n")
        assert e.message == "mutable variable `x` cannot be shadowed" and (e.span.line, e.span.col) == (3, col)
    e = first_error("def f : Id Nat := do\n  let mut x := 1\n  for x in [1, 2] do\n    pure ()\n  return x\n")
    assert e.message == "mutable variable `x` cannot be shadowed" and (e.span.line, e.span.col) == (3, 6)
    e = first_error("def f : Id Nat := do\n  let mut x := 1\n  match x with\n  | x => return x\n")
    assert e.message == "mutable variable `x` cannot be shadowed" and (e.span.line, e.span.col) == (4, 4)
    # a new name, and a shadowed immutable one, are fine
    ok("def f : Id Nat := do\n  let mut x := 1\n  let y := x\n  let y := y + 1\n  x := y\n  return x\n")
