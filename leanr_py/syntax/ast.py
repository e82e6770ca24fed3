"""Typed syntax tree of Lean 4 source.

Every node carries a `span` (first field). Nodes are frozen slotted dataclasses with
eq=False: equality is identity and no generated __eq__/__hash__/__repr__ ever walks a tree
recursively (trees can be thousands of levels deep; see ARCHITECTURE.md).
Use `leanr_py.syntax.dump` for a (non-recursive) readable rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

from .errors import Span

node = dataclass(slots=True, frozen=True, eq=False, repr=False)


@node
class Node:
    span: Span

    def __repr__(self) -> str:  # shallow: never recurses into children
        return f"<{type(self).__name__} {self.span}>"


# ---------------------------------------------------------------------------------------
# Universe levels
# ---------------------------------------------------------------------------------------
@node
class Level(Node):
    pass


@node
class LevelNum(Level):
    value: int


@node
class LevelName(Level):
    name: str


@node
class LevelHole(Level):
    pass


@node
class LevelAdd(Level):  # `u + 1`
    level: Level
    offset: int


@node
class LevelMax(Level):
    args: tuple[Level, ...]


@node
class LevelIMax(Level):
    args: tuple[Level, ...]


# ---------------------------------------------------------------------------------------
# Terms
# ---------------------------------------------------------------------------------------
@node
class Term(Node):
    pass


@node
class Ident(Term):
    name: str                      # dotted name as written ("Nat.succ", "x.f")
    univs: tuple[Level, ...] | None = None   # explicit universes `f.{u}`


@node
class DotIdent(Term):              # `.ctor`
    name: str


@node
class NumLit(Term):
    value: int


@node
class RawNatLit(Term):             # `nat_lit 2`: the kernel's literal itself, not `OfNat.ofNat`
    value: int


@node
class SciLit(Term):                # value = mantissa * 10^(-exponent if exponent_sign else exponent)
    mantissa: int
    exponent_sign: bool
    exponent: int


@node
class StrLit(Term):
    value: str


@node
class CharLit(Term):
    value: str


@node
class InterpStr(Term):             # s!"a{x}b"
    prefix: str                    # "s!", "f!", "m!"
    parts: tuple[Union[str, Term], ...]


@node
class NameLit(Term):               # `foo
    name: str


@node
class Hole(Term):                  # _
    pass


@node
class SyntheticHole(Term):         # ?x  or ?_
    name: str | None


@node
class Sorry(Term):
    pass


@node
class Cdot(Term):                  # · placeholder inside parentheses
    pass


@node
class Sort(Term):                  # Type u / Sort u / Prop
    kind: str                      # "Type" | "Sort" | "Prop"
    level: Level | None


@node
class NamedArg(Node):              # (x := e) in an application
    name: str
    value: Term


@node
class EllipsisArg(Node):           # `..` in an application
    pass


Arg = Union[Term, NamedArg, EllipsisArg]


@node
class App(Term):
    fn: Term
    args: tuple[Arg, ...]


@node
class Explicit(Term):              # @f
    term: Term


@node
class BinOp(Term):                 # builtin infix operator; op is the canonical spelling
    op: str
    lhs: Term
    rhs: Term


@node
class UnOp(Term):                  # builtin prefix/postfix operator (¬ - ! ↑ ⁻¹)
    op: str
    arg: Term


@node
class Arrow(Term):                 # A → B (non-dependent)
    dom: Term
    cod: Term


@node
class Binder(Node):
    """A binder group. kind: 'explicit' ( ), 'implicit' { }, 'strict' ⦃ ⦄, 'inst' [ ],
    'simple' (bare identifiers, as in `fun x y` or `∀ x y : T,`)."""

    kind: str
    names: tuple[Term, ...]        # Ident or Hole (empty for anonymous `[Foo α]`)
    type: Term | None
    default: Term | None = None    # (x : T := v)
    pred: tuple[str, Term] | None = None   # binder predicate `∀ x > 0, …`


FunBinder = Union[Binder, Term]    # fun binders may also be patterns (⟨a, b⟩, (a, b))


@node
class Pi(Term):                    # ∀ binders, body   /   (x : A) → B
    binders: tuple[Binder, ...]
    body: Term


@node
class Lam(Term):                   # fun binders => body
    binders: tuple[FunBinder, ...]
    body: Term


@node
class MatchAlt(Node):
    patterns: tuple[tuple[Term, ...], ...]   # `| p1, p2 | q1, q2 => rhs`
    rhs: Node                                 # Term, or TacticSeq / DoSeq in those contexts


@node
class LamAlts(Term):               # fun | pat => e | …
    alts: tuple[MatchAlt, ...]


@node
class BinderNotation(Term):        # ∃ x, p   Σ x, T   Σ' x, T   ∃! x, p
    kind: str
    binders: tuple[Binder, ...]
    body: Term


@node
class Paren(Term):
    term: Term


@node
class Unit(Term):                  # ()
    pass


@node
class Tuple(Term):                 # (a, b, c)
    elems: tuple[Term, ...]


@node
class Ascription(Term):            # (e : T)   (e :)
    term: Term
    type: Term | None


@node
class AnonCtor(Term):              # ⟨a, b⟩
    elems: tuple[Term, ...]


@node
class ListLit(Term):
    elems: tuple[Term, ...]


@node
class ArrayLit(Term):              # #[a, b]
    elems: tuple[Term, ...]


@node
class SetLit(Term):                # {a, b}
    elems: tuple[Term, ...]


@node
class Subtype(Term):               # { x : T // p }
    name: Ident
    type: Term | None
    pred: Term


@node
class StructField(Node):           # x := e   /   f a b := e   /   x  (abbreviation)
    name: str
    binders: tuple[FunBinder, ...]
    value: Term | None


@node
class StructInst(Term):            # { s with x := e, .. : T }
    sources: tuple[Term, ...]
    fields: tuple[StructField, ...]
    ellipsis: bool
    type: Term | None


@node
class Proj(Term):                  # e.1  /  (e).f
    term: Term
    field: Union[int, str]


@node
class Index(Term):                 # xs[i]  xs[i]!  xs[i]?  xs[i]'h
    term: Term
    index: Term
    suffix: str                    # "", "!", "?"
    proof: Term | None = None      # `xs[i]'h`: the bound's proof, given


@node
class Assumption(Term):            # ‹T›
    type: Term


@node
class LetDecl(Node):
    """`x binders : T := v`, a pattern `⟨a, b⟩ := v`, or `f : T | alts`. Name None = `this`."""

    pattern: Term | None
    binders: tuple[FunBinder, ...]
    type: Term | None
    value: Term | None             # None when `alts` is used (or `have h : T` in tactics)
    alts: tuple[MatchAlt, ...] = ()
    termination: Any = None        # a `where` declaration's `termination_by` / `decreasing_by`
    rec: bool = False              # `let rec`


@node
class Let(Term):
    decl: LetDecl
    body: Term


@node
class Have(Term):
    decl: LetDecl
    body: Term


@node
class Suffices(Term):              # suffices h : T from e / by tac; body
    decl: LetDecl                  # pattern/type; value = proof from `from` / `by`
    body: Term


@node
class Show(Term):                  # show T (from e | by tac)?
    type: Term
    value: Term | None


@node
class If(Term):
    hyp: Ident | None              # if h : c then …
    cond: Term
    then: Term
    else_: Term | None             # None only in `do` blocks


@node
class MatchDiscr(Node):
    hyp: Ident | None              # h : e
    term: Term


@node
class Match(Term):
    discrs: tuple[MatchDiscr, ...]
    motive: Term | None
    alts: tuple[MatchAlt, ...]
    generalizing: bool = True      # `(generalizing := false)` turns off the refinement of dependent locals


@node
class Nomatch(Term):
    discrs: tuple[Term, ...]


@node
class Nofun(Term):
    pass


@node
class CalcStep(Node):
    term: Term                     # `_ = b` (or the first relation `a = b`)
    proof: Term | None             # None only for a first step written `calc a`


@node
class Calc(Term):
    steps: tuple[CalcStep, ...]


@node
class By(Term):
    tactics: "TacticSeq"


@node
class NotationApp(Term):           # use of a user notation; decl is the Notation command
    decl: "Notation"
    args: tuple[Term, ...]


# -- do notation ------------------------------------------------------------------------
@node
class DoElem(Node):
    pass


@node
class DoSeq(Node):
    elems: tuple[DoElem, ...]


@node
class Do(Term):
    seq: DoSeq


@node
class DoLet(DoElem):               # let [mut] decl / have decl
    kind: str                      # "let" | "have" | "let mut"
    decl: LetDecl


@node
class DoBind(DoElem):              # [let [mut]] pat [: T] ← e    (let_kind "" for reassignment)
    let_kind: str
    pattern: Term
    type: Term | None
    value: Term


@node
class DoReassign(DoElem):          # x := e
    pattern: Term
    value: Term


@node
class DoReturn(DoElem):
    value: Term | None


@node
class DoExpr(DoElem):
    term: Term


@node
class DoIf(DoElem):
    hyp: Ident | None
    cond: Term
    then: DoSeq
    else_: DoSeq | None


@node
class DoUnless(DoElem):
    cond: Term
    body: DoSeq


@node
class DoFor(DoElem):
    pattern: Term
    coll: Term
    body: DoSeq


@node
class DoMatch(DoElem):
    discrs: tuple[MatchDiscr, ...]
    alts: tuple[MatchAlt, ...]     # rhs are DoSeq


@node
class DoNested(Term):              # (← e)
    term: Term


# ---------------------------------------------------------------------------------------
# Tactics (generic: name + arguments; refined tactic parsing can come later)
# ---------------------------------------------------------------------------------------
@node
class TacticSeq(Node):
    tactics: tuple["Tactic", ...]


@node
class TacKeyword(Node):            # at, with, using, only, generalizing, ⊢, *, =>, …
    text: str


@node
class TacFlag(Node):               # simp +arith / -foo
    sign: str
    name: str


@node
class TacRule(Node):               # element of [ … ]: ← e, -e, ↑e, *, e
    prefix: str | None
    term: Term | None              # None for `*`


@node
class TacList(Node):               # [r1, r2]
    rules: tuple[TacRule, ...]


@node
class TacNamedArg(Node):           # (config := e)
    name: str
    value: Term


@node
class TacAlt(Node):                # | pats => tacs    (patterns as terms)
    patterns: tuple[Term, ...]
    tactics: TacticSeq


@node
class TacAlts(Node):
    alts: tuple[TacAlt, ...]


TacArg = Union[Term, TacKeyword, TacFlag, TacList, TacNamedArg, TacticSeq, TacAlts, LetDecl,
               "Tactic", "CalcStep"]


@node
class Tactic(Node):
    """name: the tactic keyword ('exact', 'simp', …), or a structural marker:
    '·' (focus block: args = (seq,)), '<;>' (args = (t1, t2)), '{' / '(' (nested seq),
    'have' / 'let' / 'suffices' / 'obtain' / 'show' (args contain a LetDecl or a term),
    'calc' (args are CalcSteps), 'first' (args = TacticSeqs)."""

    name: str
    args: tuple[TacArg, ...]


# ---------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------
@node
class Attr(Node):                  # simp / default_instance 200 / local instance / -simp
    name: str
    args: tuple[Term, ...]
    scope: str | None = None       # "local" | "scoped"
    erase: bool = False


@node
class Modifiers(Node):
    doc: str | None
    attrs: tuple[Attr, ...]
    visibility: str | None         # "private" | "protected"
    noncomputable: bool
    partial: bool
    unsafe: bool
    nonrec: bool = False


@node
class Command(Node):
    pass


@node
class TerminationBy(Node):
    structural: bool
    vars: tuple[Term, ...]
    term: Term


@node
class Termination(Node):
    termination_by: TerminationBy | None
    decreasing_by: TacticSeq | None


@node
class DeclValue(Node):
    pass


@node
class ValSimple(DeclValue):        # := e [where decls]
    term: Term
    where: tuple[LetDecl, ...] = ()


@node
class ValEqns(DeclValue):          # | pats => e …
    alts: tuple[MatchAlt, ...]
    where: tuple[LetDecl, ...] = ()


@node
class ValStructInst(DeclValue):    # where x := e …
    fields: tuple[StructField, ...]


@node
class Decl(Command):
    """def / theorem / lemma / abbrev / example / instance / opaque / axiom."""

    mods: Modifiers
    kind: str
    name: Ident | None
    univs: tuple[str, ...]
    binders: tuple[Binder, ...]
    type: Term | None
    value: DeclValue | None
    termination: Termination | None = None
    deriving: tuple[Ident, ...] = ()
    priority: Term | None = None   # instance (priority := …)
    attr_kind: str | None = None   # scoped/local instance
    keyword_span: Span | None = None   # the `def`/`example`/… keyword (where Lean reports an unnamed one)


@node
class Ctor(Node):
    mods: Modifiers
    name: Ident
    binders: tuple[Binder, ...]
    type: Term | None


@node
class Inductive(Command):
    mods: Modifiers
    name: Ident
    univs: tuple[str, ...]
    binders: tuple[Binder, ...]
    type: Term | None
    ctors: tuple[Ctor, ...]
    deriving: tuple[Ident, ...]
    is_class: bool = False


@node
class StructFieldDecl(Node):
    mods: Modifiers
    kind: str                      # binder kind of the field: explicit / implicit / inst …
    names: tuple[Ident, ...]
    binders: tuple[Binder, ...]
    type: Term | None
    default: Term | None


@node
class Structure(Command):
    mods: Modifiers
    kind: str                      # "structure" | "class"
    name: Ident
    univs: tuple[str, ...]
    binders: tuple[Binder, ...]
    extends: tuple[Term, ...]
    type: Term | None
    ctor: Ident | None
    fields: tuple[StructFieldDecl, ...]
    deriving: tuple[Ident, ...]


@node
class Namespace(Command):
    name: str


@node
class Section(Command):
    name: str | None


@node
class End(Command):
    name: str | None


@node
class Open(Command):
    """open A B / open A (x y) / open A hiding x / open A renaming x → y / open scoped A."""

    namespaces: tuple[str, ...]
    only: tuple[str, ...] | None = None
    hiding: tuple[str, ...] | None = None
    renaming: tuple[tuple[str, str], ...] | None = None
    scoped: bool = False


@node
class TacticMacro(Command):
    """`syntax "atom" : tactic`, `macro "atom" : tactic => `(tactic| …)` and `macro_rules | `(tactic| atom) =>
    `(tactic| …)`: tactics that are one keyword, and the tactic sequences they expand to."""

    atoms: tuple[str, ...]                      # the keywords this command declares
    rules: tuple[tuple[str, TacticSeq], ...]    # (keyword, expansion)


@node
class Export(Command):
    namespace: str
    names: tuple[str, ...]


@node
class InitQuot(Command):           # init_quot (turns on the kernel's quotient package, as Lean's Init.Core)
    pass


@node
class Variable(Command):
    binders: tuple[Binder, ...]


@node
class Universe(Command):
    names: tuple[str, ...]


@node
class HashCommand(Command):        # #check e / #eval e / #reduce e / #print X / …
    name: str
    arg: Node | None               # Term, or StrLit/Ident for #print


@node
class SetOption(Command):
    name: str
    value: Term


@node
class Attribute(Command):          # attribute [attrs] names
    attrs: tuple[Attr, ...]
    names: tuple[Ident, ...]


@node
class NotationItem(Node):          # an atom "+" (var None) or a variable a:65
    atom: str | None
    var: str | None
    prec: int | None


@node
class Notation(Command):
    mods: Modifiers
    kind: str                      # notation / infix / infixl / infixr / prefix / postfix
    prec: int | None
    name: str | None
    priority: int | None
    items: tuple[NotationItem, ...]
    rhs: Term
    attr_kind: str | None = None   # local / scoped


@node
class InCommand(Command):          # `open Foo in cmd`, `set_option … in cmd`
    first: Command
    body: Command


@node
class Mutual(Command):
    commands: tuple[Command, ...]


@node
class DerivingInstance(Command):   # deriving instance C for T
    classes: tuple[Ident, ...]
    types: tuple[Ident, ...]


@node
class GuardMsgs(Command):          # /-- doc -/ #guard_msgs (spec) in cmd
    doc: str | None
    spec: str | None
    body: Command
    keyword: Span | None = None    # the `#guard_msgs` token (where Lean reports a mismatch)


@node
class Import(Command):
    module: str


@node
class ModuleHeader(Command):      # `module`: the file is a module of Lean's module system
    pass
