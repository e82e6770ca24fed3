from leanr_py.syntax import ast as A
from leanr_py.syntax import parse_file
from leanr_py.syntax.dump import dump

from .conftest import c


def test_def_forms():
    assert c("def f (x : Nat) : Nat := x + 1") == (
        "(Decl (Modifiers) def (Ident f) [(Binder explicit [(Ident x)] (Ident Nat))] (Ident Nat) "
        "(ValSimple (BinOp + (Ident x) (NumLit 1))))")
    d = c("def fib : Nat → Nat\n  | 0 => 1\n  | n+1 => fib n")
    assert "(ValEqns [(MatchAlt [[(NumLit 0)]] (NumLit 1))" in d
    assert c("def f.{u} (α : Sort u) := α").startswith("(Decl (Modifiers) def (Ident f) [u]")
    assert "where" not in c("def f := g 1\nwhere g x := x")
    assert "(ValSimple (App (Ident g) [(NumLit 1)]) [(LetDecl (Ident g) [(Binder simple [(Ident x)])] (Ident x))])" in c("def f := g 1\nwhere g x := x")


def test_modifiers_attrs_doc():
    cmd = parse_file("/-- doc -/\n@[simp, default_instance 200] private noncomputable def x := 1").commands[0]
    assert cmd.mods.doc == " doc " and cmd.mods.visibility == "private" and cmd.mods.noncomputable
    assert [a.name for a in cmd.mods.attrs] == ["simp", "default_instance"]
    assert dump(cmd.mods.attrs[1].args[0]) == "(NumLit 200)"
    assert parse_file("partial def f := f").commands[0].mods.partial
    assert parse_file("unsafe def f := 1").commands[0].mods.unsafe
    assert parse_file("protected theorem A.x : True := trivial").commands[0].mods.visibility == "protected"


def test_theorem_example_abbrev_axiom_opaque_instance():
    for src, kind in [("theorem t : True := trivial", "theorem"), ("lemma t : True := trivial", "lemma"),
                      ("example : True := trivial", "example"), ("abbrev N := Nat", "abbrev"),
                      ("axiom ax : False", "axiom"), ("opaque o : Nat", "opaque"),
                      ("instance : Inhabited Nat := ⟨0⟩", "instance")]:
        cmd = parse_file(src).commands[0]
        assert isinstance(cmd, A.Decl) and cmd.kind == kind
    cmd = parse_file("instance (priority := low) foo [Add α] : Add (List α) where\n  add a b := a").commands[0]
    assert cmd.name.name == "foo" and dump(cmd.priority) == "(Ident low)"
    assert dump(cmd.value) == ("(ValStructInst [(StructField add [(Binder simple [(Ident a) (Ident b)])] (Ident a))])")


def test_inductive_structure_class():
    ind = parse_file("inductive V (α : Type u) : Nat → Type u\n  | nil : V α 0\n  | cons {n} (a : α) : V α n → V α (n+1)\n  deriving Repr").commands[0]
    assert [k.name.name for k in ind.ctors] == ["nil", "cons"] and ind.deriving[0].name == "Repr"
    ind = parse_file("inductive W where\n  | a | b\n  | c").commands[0]
    assert len(ind.ctors) == 3
    st = parse_file("structure P (α : Type u) extends Q α where\n  mk ::\n  x : α\n  y z : α := x\n"
                    "  f (a : α) : α\n  deriving Repr").commands[0]
    assert st.ctor.name == "mk" and [[n.name for n in f.names] for f in st.fields] == [["x"], ["y", "z"], ["f"]]
    assert dump(st.fields[1].default) == "(Ident x)" and st.deriving[0].name == "Repr"
    cl = parse_file("class Add (α : Type) where\n  add : α → α → α").commands[0]
    assert cl.kind == "class" and len(cl.fields) == 1
    assert parse_file("class inductive C | a").commands[0].is_class


def test_scoping_commands():
    r = parse_file("namespace A\nsection S\nopen B C\nopen D (x y)\nopen E hiding z\nopen F renaming a → b\n"
                   "variable {α : Type} [Foo α]\nuniverse u v\nend S\nend A\n")
    assert not r.diagnostics
    kinds = [type(c).__name__ for c in r.commands]
    assert kinds == ["Namespace", "Section", "Open", "Open", "Open", "Open", "Variable", "Universe", "End", "End"]
    assert r.commands[2].namespaces == ("B", "C") and r.commands[3].only == ("x", "y")


def test_hash_commands_set_option_attribute():
    r = parse_file("#check f 1\n#eval 1 + 1\n#reduce x\n#print Nat\n#print \"hi\"\n#print axioms foo\n"
                   "set_option pp.all true\nattribute [local simp] foo bar\nset_option maxRecDepth 100 in\n#check 1\n")
    assert not r.diagnostics
    names = [getattr(c, "name", None) for c in r.commands]
    assert names[:6] == ["#check", "#eval", "#reduce", "#print", "#print", "#print axioms"]
    assert r.commands[6].name == "pp.all"
    assert r.commands[7].attrs[0].scope == "local" and len(r.commands[7].names) == 2
    assert isinstance(r.commands[8], A.InCommand)


def test_mutual_and_termination():
    src = ("mutual\ndef even : Nat → Bool\n  | 0 => true\n  | n+1 => odd n\ndef odd : Nat → Bool\n"
           "  | 0 => false\n  | n+1 => even n\nend\n"
           "def ack : Nat → Nat → Nat\n  | 0, y => y+1\n  | x+1, y => ack x y\ntermination_by x y => (x, y)\n"
           "decreasing_by\n  all_goals simp_wf\n  omega\n")
    r = parse_file(src)
    assert not r.diagnostics
    assert isinstance(r.commands[0], A.Mutual) and len(r.commands[0].commands) == 2
    term = r.commands[1].termination
    assert [v.name for v in term.termination_by.vars] == ["x", "y"]
    assert [t.name for t in term.decreasing_by.tactics] == ["all_goals", "omega"]


def test_notation_extends_term_parser():
    src = ('def eqv (a b : Nat) : Prop := a = b\ninfix:50 " ~ " => eqv\n'
           'example : 1 ~ 2 + 3 := sorry\n'
           'notation "{ " a ", " b " }" => Prod.mk a b\nexample := { 1, 2 }\n'
           'infixl:65 " +++ " => f\nexample := a +++ b +++ c\n'
           'prefix:max "√" => sqrt\nexample := √x + 1\n'
           'notation:50 a:50 " ≺≺ " b:51 => r a b\nexample : x ≺≺ y := sorry\n'
           'postfix:max "⁺" => succ\nexample := n⁺\n'
           'notation "ℕ" => Nat\nexample : ℕ := 0\n'
           'example := { x := 1 }\n')
    r = parse_file(src)
    assert not r.diagnostics, r.diagnostics
    ty = r.commands[2].type
    assert isinstance(ty, A.NotationApp) and dump(ty.args[1]) == "(BinOp + (NumLit 2) (NumLit 3))"
    assert isinstance(r.commands[4].value.term, A.NotationApp)
    v = r.commands[6].value.term
    assert isinstance(v, A.NotationApp) and isinstance(v.args[0], A.NotationApp)  # left assoc
    v = r.commands[8].value.term
    assert isinstance(v, A.BinOp) and isinstance(v.lhs, A.NotationApp)
    assert isinstance(r.commands[10].type, A.NotationApp)
    assert isinstance(r.commands[12].value.term, A.NotationApp)
    assert isinstance(r.commands[14].type, A.NotationApp)
    assert isinstance(r.commands[15].value.term, A.StructInst)


def test_command_spans():
    r = parse_file("\n  def f := 1\n#check f")
    s = r.commands[0].span
    assert (s.line, s.col, s.end_line, s.end_col) == (2, 2, 2, 12)
    s = r.commands[1].span
    assert (s.line, s.col, s.end_line, s.end_col) == (3, 0, 3, 8)
