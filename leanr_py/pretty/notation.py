"""Which constants print as notation, with how many arguments and which of them are shown.

Precedences come from the parser's operator table (`leanr_py.syntax.operators`) so that what is
printed parses back the same way.
"""
from __future__ import annotations

from ..syntax.operators import BUILTIN_INFIX, BUILTIN_PREFIX, Infix, Prefix

# constant → (symbol, arity, index of the left operand, index of the right operand)
BINOPS: dict[str, tuple[str, int, int, int]] = {}
for _sym, _fns in [
    ("+", ["HAdd.hAdd"]), ("-", ["HSub.hSub"]), ("*", ["HMul.hMul"]), ("/", ["HDiv.hDiv"]),
    ("%", ["HMod.hMod"]), ("^", ["HPow.hPow"]), ("++", ["HAppend.hAppend"]),
    ("&&&", ["HAnd.hAnd"]), ("|||", ["HOr.hOr"]), ("^^^", ["HXor.hXor"]),
    ("<<<", ["HShiftLeft.hShiftLeft"]), (">>>", ["HShiftRight.hShiftRight"]), ("•", ["HSMul.hSMul"]),
]:
    for _f in _fns:
        BINOPS[_f] = (_sym, 6, 4, 5)
for _sym, _f in [("≤", "LE.le"), ("<", "LT.lt"), ("≥", "GE.ge"), (">", "GT.gt"), ("==", "BEq.beq"),
                 ("∣", "Dvd.dvd"), ("⊆", "HasSubset.Subset"), ("⊂", "HasSSubset.SSubset"),
                 ("≈", "HasEquiv.Equiv"), ("∪", "Union.union"), ("∩", "Inter.inter"),
                 ("\\", "SDiff.sdiff")]:
    BINOPS[_f] = (_sym, 4, 2, 3)
BINOPS.update({
    "Eq": ("=", 3, 1, 2),
    "Ne": ("≠", 3, 1, 2),
    "HEq": ("≍", 4, 1, 3),
    "And": ("∧", 2, 0, 1),
    "Or": ("∨", 2, 0, 1),
    "Iff": ("↔", 2, 0, 1),
    "Bool.and": ("&&", 2, 0, 1),
    "Bool.or": ("||", 2, 0, 1),
    "Prod": ("×", 2, 0, 1),
    "PProd": ("×'", 2, 0, 1),
    "Membership.mem": ("∈", 5, 4, 3),
    "Function.comp": ("∘", 5, 3, 4),
    "Bind.bind": (">>=", 6, 4, 5),
    "Functor.map": ("<$>", 6, 4, 5),
})

# binary operators whose right operand is a thunk `fun _ => b` (printed as `b`)
LAZY_BINOPS: dict[str, tuple[str, int, int, int]] = {
    "HOrElse.hOrElse": ("<|>", 6, 4, 5),
    "HAndThen.hAndThen": (">>", 6, 4, 5),
    "Seq.seq": ("<*>", 6, 4, 5),
    "SeqLeft.seqLeft": ("<*", 6, 4, 5),
    "SeqRight.seqRight": ("*>", 6, 4, 5),
}

# constant → (symbol, arity, index of the operand)
UNOPS: dict[str, tuple[str, int, int]] = {
    "Not": ("¬", 1, 0),
    "Bool.not": ("!", 1, 0),
    "Neg.neg": ("-", 3, 2),
}

# coercion functions (`@[coe]` in Lean's library): constant → (arity, index of the operand)
COERCIONS: dict[str, tuple[int, int]] = {
    "Int.ofNat": (1, 0),
    "Subtype.val": (3, 2),
    "Fin.val": (2, 1),
    "Nat.cast": (3, 2),
    "NatCast.natCast": (3, 2),
    "Int.cast": (3, 2),
    "IntCast.intCast": (3, 2),
}

# constants shown under a shorter alias (Lean's `export`s)
ALIASES: dict[str, str] = {
    "Bool.true": "true",
    "Bool.false": "false",
    "Unit.unit": "()",
}

# heads known to build propositions (used when the environment does not know the constant)
PROP_HEADS = frozenset(["Eq", "Ne", "HEq", "And", "Or", "Not", "Iff", "True", "False", "Exists",
                        "LE.le", "LT.lt", "GE.ge", "GT.gt", "Membership.mem", "Dvd.dvd",
                        "HasSubset.Subset", "HasSSubset.SSubset"])


def infix_entry(sym: str) -> Infix:
    return BUILTIN_INFIX[sym]


def prefix_entry(sym: str) -> Prefix:
    return BUILTIN_PREFIX[sym]
