"""Index notation through Lean's `GetElem` classes (`Init.GetElem`):

    xs[i]    ~>  getElem xs i (by get_elem_tactic)
    xs[i]?   ~>  getElem? xs i
    xs[i]!   ~>  getElem! xs i
    xs[i]'h  ~>  getElem xs i h

The bound proof `valid xs i` (the class's out-param, e.g. `i < xs.length`) is found as the simple cases of
Lean's `get_elem_tactic`: a hypothesis of that type, or `decide` when the proposition is closed and
evaluates to `true`. Otherwise the error is Lean's "failed to prove index is valid" with the goal; the
other ways Lean's tactic proves bounds (`omega`, `simp` with membership facts) are not tried here."""
from __future__ import annotations

from dataclasses import dataclass

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.expr import Expr
from ..kernel.name import Name
from ..syntax import ast as A
from .errors import ElabError
from .info import goal_of
from .instances import synth_instance
from .term import _DISPATCH, TermElaborator, _ConstApp

__all__ = ["prove_index_valid"]

INDEX_PROOF_HELP = (
    "failed to prove index is valid, possible solutions:\n"
    "  - Use `have`-expressions to prove the index is valid\n"
    "  - Use `a[i]!` notation instead, runtime check is performed, and 'Panic' error message is produced if "
    "index is not valid\n"
    "  - Use `a[i]?` notation instead, result is an `Option` type\n"
    "  - Use `a[i]'h` notation instead, where `h` is a proof that index is valid\n")

_FUNCTIONS = {"": "GetElem.getElem", "?": "GetElem?.getElem?", "!": "GetElem?.getElem!"}


@dataclass(slots=True, frozen=True, eq=False, repr=False)
class _IndexProof(A.Term):
    """Internal syntax: the proof of `valid xs i` in `xs[i]` (Lean's `by get_elem_tactic`)."""


def _by_assumption(te: TermElaborator, goal: Expr) -> Expr | None:
    meta = te.meta
    for x in reversed(meta.lctx):
        ty = meta.instantiate_mvars(x.type)
        if not meta.is_prop(ty):
            continue
        before = len(meta.postponed)
        # a match must be decided now: a postponed problem would only fail later, far from here
        if meta.attempt(lambda: meta.is_def_eq(ty, goal) and len(meta.postponed) == before):
            return x
    return None


def _by_decide(te: TermElaborator, goal: Expr) -> Expr | None:
    meta = te.meta
    if goal.flags & (E.HAS_FVAR | E.HAS_MVAR):
        return None
    decidable = E.mk_app(E.mk_const(Name.of("Decidable")), goal)
    inst = synth_instance(meta, decidable, te.table)
    if inst is None:
        return None
    decided = meta.whnf(E.mk_app_n(E.mk_const(Name.of("Decidable.decide")), [goal, inst]))
    true = E.mk_const(Name.of("Bool.true"))
    if decided is not true:
        return None
    refl = E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [L.succ(L.ZERO)]), [E.mk_const(Name.of("Bool")), true])
    return E.mk_app_n(E.mk_const(Name.of("of_decide_eq_true")), [goal, inst, refl])


def prove_index_valid(te: TermElaborator, goal: Expr, span: object) -> Expr:
    """A proof of the bound `goal`, or Lean's error showing it."""
    meta = te.meta
    # the `GetElem` instance fixes `valid` (an out-param); as `get_elem_tactic` runs after default
    # instances in Lean, a numeral index still of unknown type gets its default (`Nat`) first
    te.synthesize(False)
    while meta.mctx.collect_mvars(meta.instantiate_mvars(goal)) and te.pending and te._apply_default():  # noqa: SLF001
        te.synthesize(False)
    goal = meta.instantiate_mvars(goal)
    goal = meta.whnf_core(goal)  # `(fun as i => i < as.length) xs i` as `i < xs.length`
    proof = _by_assumption(te, goal) or _by_decide(te, goal)
    if proof is not None:
        return proof
    shown = goal_of(meta, tuple(meta.lctx), goal).pretty()
    if not _surely_unprovable(te, goal):
        raise ElabError("proving this index bound needs more than a hypothesis or evaluation (Lean's "
                        f"get_elem_tactic also tries omega and simp), which is not supported yet\n{shown}", span)
    raise ElabError(INDEX_PROOF_HELP + shown, span)


def _is_atom(e: Expr) -> bool:
    return e.kind in (E.FVAR, E.NATLIT) or (e.kind == E.CONST) or (
        E.get_app_fn(e).kind == E.CONST and str(E.get_app_fn(e).name) == "OfNat.ofNat")  # type: ignore[attr-defined]


def _surely_unprovable(te: TermElaborator, goal: Expr) -> bool:
    """Lean's `get_elem_tactic` fails too: the bound is closed (and evaluated to false), or it is
    `i < xs.length` over variables with no hypothesis to use."""
    meta = te.meta
    if not goal.flags & E.HAS_FVAR:
        return True
    if any(meta.is_prop(meta.instantiate_mvars(x.type)) for x in meta.lctx):
        return False
    head, args = E.get_app_fn_args(goal)
    if head.kind != E.CONST or str(head.name) != "LT.lt" or len(args) != 4:  # type: ignore[attr-defined]
        return False
    bound = args[3]
    size_args = E.get_app_args(bound)
    return _is_atom(args[2]) and E.get_app_fn(bound).kind == E.CONST and bool(size_args) and \
        all(a.kind in (E.FVAR, E.CONST) or not a.flags & E.HAS_FVAR for a in size_args)


def _e_index_proof(te: TermElaborator, stx: _IndexProof, expected: Expr | None) -> Expr:
    if expected is None:
        raise ElabError("internal error: index bound proof without its proposition", stx.span)
    return prove_index_valid(te, expected, stx.span)


def _e_index(te: TermElaborator, stx: A.Index, expected: Expr | None) -> Expr:
    fn = _FUNCTIONS.get(stx.suffix)
    if fn is None:
        raise ElabError(f"index notation '[…]{stx.suffix}' is not supported yet", stx.span)
    proof = stx.proof if stx.proof is not None else _IndexProof(stx.span)
    args: tuple = (stx.term, stx.index) + ((proof,) if stx.suffix == "" else ())
    return te._elab(_ConstApp(stx.span, fn, args), expected)  # noqa: SLF001


_DISPATCH[A.Index] = _e_index
_DISPATCH[_IndexProof] = _e_index_proof
