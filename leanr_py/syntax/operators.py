"""The extensible operator table of the term parser (Lean's precedences, Init/Prelude + Notation).

Precedences follow Lean: `max` = 1024, `arg` = 1023, `lead` = 1022, `min` = 10, `min1` = 11.
An infix entry has the precedence of the whole expression (`prec`), the minimum precedence of
its left operand (`lhs_prec`) and the precedence its right operand is parsed at (`rhs_prec`):
  infixl:p  →  lhs p,   rhs p+1          infixr:p  →  lhs p+1, rhs p
  infix:p   →  lhs p+1, rhs p+1          prefix:p  →  operand p
User `notation`/`infix…` commands add entries for the rest of the file (see ParseContext).
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_PREC = 1024
ARG_PREC = 1023
LEAD_PREC = 1022
MIN_PREC = 10
MIN1_PREC = 11

PREC_NAMES = {"max": MAX_PREC, "arg": ARG_PREC, "lead": LEAD_PREC, "min": MIN_PREC,
              "min1": MIN1_PREC}


@dataclass(slots=True, frozen=True)
class Infix:
    symbol: str        # canonical spelling stored in BinOp.op
    prec: int
    lhs_prec: int
    rhs_prec: int
    fn: str            # the function the notation stands for (for the elaborator)
    decl: object = None  # the user Notation command, if any (then NotationApp is built)


@dataclass(slots=True, frozen=True)
class Prefix:
    symbol: str
    prec: int          # precedence of the result
    arg_prec: int
    fn: str
    decl: object = None


def infixl(sym: str, p: int, fn: str) -> Infix:
    return Infix(sym, p, p, p + 1, fn)


def infixr(sym: str, p: int, fn: str) -> Infix:
    return Infix(sym, p, p + 1, p, fn)


def infix(sym: str, p: int, fn: str) -> Infix:
    return Infix(sym, p, p + 1, p + 1, fn)


ARROW = "→"

# token spelling → entry (ASCII spellings map to the canonical Unicode entry)
BUILTIN_INFIX: dict[str, Infix] = {}
for _e, _alts in [
    (infixr("→", 25, "<arrow>"), ["->"]),
    (infix("↔", 20, "Iff"), ["<->"]),
    (infixr("∨", 30, "Or"), ["\\/"]),
    (infixr("∧", 35, "And"), ["/\\"]),
    (infixr("×", 35, "Prod"), []),
    (infixr("×'", 35, "PProd"), []),
    (infixl("&&", 35, "and"), []),
    (infixl("||", 30, "or"), []),
    (infix("=", 50, "Eq"), []),
    (infix("==", 50, "BEq.beq"), []),
    (infix("≠", 50, "Ne"), ["!="]),
    (infix("≤", 50, "LE.le"), ["<="]),
    (infix("<", 50, "LT.lt"), []),
    (infix("≥", 50, "GE.ge"), [">="]),
    (infix(">", 50, "GT.gt"), []),
    (infix("∈", 50, "Membership.mem"), []),
    (infix("∉", 50, "<notMem>"), []),
    (infix("⊆", 50, "HasSubset.Subset"), []),
    (infix("⊂", 50, "HasSSubset.SSubset"), []),
    (infix("∣", 50, "Dvd.dvd"), []),
    (infix("≈", 50, "HasEquiv.Equiv"), []),
    (infix("≍", 50, "HEq"), []),
    (infixl("+", 65, "HAdd.hAdd"), []),
    (infixl("-", 65, "HSub.hSub"), []),
    (infixl("*", 70, "HMul.hMul"), []),
    (infixl("/", 70, "HDiv.hDiv"), []),
    (infixl("%", 70, "HMod.hMod"), []),
    (infixr("^", 80, "HPow.hPow"), []),
    (infixl("++", 65, "HAppend.hAppend"), []),
    (infixr("::", 67, "List.cons"), []),
    (infixr("∘", 90, "Function.comp"), []),
    (infixl("∪", 65, "Union.union"), []),
    (infixl("∩", 70, "Inter.inter"), []),
    (infix("\\", 70, "SDiff.sdiff"), []),
    (infixr("•", 73, "HSMul.hSMul"), []),
    (infixl("|||", 55, "HOr.hOr"), []),
    (infixl("^^^", 58, "HXor.hXor"), []),
    (infixl("&&&", 60, "HAnd.hAnd"), []),
    (infixl("<<<", 75, "HShiftLeft.hShiftLeft"), []),
    (infixl(">>>", 75, "HShiftRight.hShiftRight"), []),
    (Infix("<|>", 20, 21, 20, "HOrElse.hOrElse"), []),
    (Infix(">>", 60, 61, 60, "HAndThen.hAndThen"), []),
    (infixl(">>=", 55, "Bind.bind"), []),
    (infixr("=<<", 55, "<bindRev>"), []),
    (infixr(">=>", 55, "Bind.kleisliRight"), []),
    (Infix("<*>", 60, 60, 61, "Seq.seq"), []),
    (Infix("<*", 60, 60, 61, "SeqLeft.seqLeft"), []),
    (Infix("*>", 60, 60, 61, "SeqRight.seqRight"), []),
    (infixr("<$>", 100, "Functor.map"), []),
    (infixr("<&>", 100, "<mapRev>"), []),
    (Infix("▸", 75, 0, 75, "<subst>"), []),
    (Infix("<|", MIN_PREC, 0, MIN_PREC, "<pipeL>"), ["$"]),
    (Infix("|>", MIN_PREC, MIN_PREC, MIN1_PREC, "<pipeR>"), []),
]:
    BUILTIN_INFIX[_e.symbol] = _e
    for _a in _alts:
        BUILTIN_INFIX[_a] = _e

BUILTIN_PREFIX: dict[str, Prefix] = {
    "¬": Prefix("¬", MAX_PREC, 40, "Not"),
    "!": Prefix("!", MAX_PREC, 40, "not"),
    "-": Prefix("-", 75, 75, "Neg.neg"),
    "↑": Prefix("↑", MAX_PREC, MAX_PREC, "<coe>"),
    "⇑": Prefix("⇑", MAX_PREC, MAX_PREC, "<coeFun>"),
    "↥": Prefix("↥", MAX_PREC, MAX_PREC, "<coeSort>"),
    "~~~": Prefix("~~~", 100, 100, "Complement.complement"),
}

# postfix: symbol → (prec, lhs_prec, fn, decl)
BUILTIN_POSTFIX: dict[str, tuple[int, int, str, object]] = {
    "⁻¹": (MAX_PREC + 1, MAX_PREC + 1, "Inv.inv", None),
}


@dataclass(slots=True)
class OperatorTable:
    """Operators in scope. `copy()` before extending so earlier states stay valid."""

    infix: dict[str, Infix] = field(default_factory=lambda: dict(BUILTIN_INFIX))
    prefix: dict[str, Prefix] = field(default_factory=lambda: dict(BUILTIN_PREFIX))
    postfix: dict[str, tuple[int, int, str, object]] = field(default_factory=lambda: dict(BUILTIN_POSTFIX))
    # user mixfix notations, keyed by their first token (leading) or second token (trailing)
    leading_notations: dict[str, list[object]] = field(default_factory=dict)
    trailing_notations: dict[str, list[object]] = field(default_factory=dict)

    def copy(self) -> "OperatorTable":
        return OperatorTable(dict(self.infix), dict(self.prefix), dict(self.postfix),
                             {k: list(v) for k, v in self.leading_notations.items()},
                             {k: list(v) for k, v in self.trailing_notations.items()})
