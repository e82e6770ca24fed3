"""Auto-bound implicits (Lean's `autoImplicit`): an unbound identifier in a declaration header becomes an
implicit argument, as in `def f (x : α) : α := x`, which declares `f.{u_1} {α : Sort u_1} (x : α) : α`.

As Lean's `Term.withAutoBoundImplicit`, the header is elaborated; when it names an unknown identifier that
may be auto-bound, the attempt is undone, the name is pushed as an implicit local `{α : ?T}` (its type is
solved by its uses, e.g. `Sort ?u` or `Nat`), and the header is elaborated again, until it succeeds.

Which names may be auto-bound (`set_option autoImplicit` / `relaxedAutoImplicit`, both true by default):
atomic names only; a single character followed by digits, subscripts, `_` or `'` (`α`, `n₁`, `a'`); in
relaxed mode, Lean's default, any atomic name. leanr's prelude is smaller than Lean's core, so a name that
Lean's core defines at the root (`max`, `decide`, `default`, …: `LEAN_ROOT_NAMES`; `Float`, `IO`, `Monad`, …:
`LEAN_ROOT_TYPE_NAMES`) stays an `unknown identifier` error (no verdict) rather than silently becoming a
variable. Any other capitalised name is auto-bound, as in Lean (`Asnwer` in `def f : Asnwer → α`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, TypeVar

from ..kernel.expr import IMPLICIT, MVAR, FVar
from ..kernel.name import Name
from .errors import ElabError, ElabErrors

if TYPE_CHECKING:
    from .term import TermElaborator

__all__ = ["AutoBoundName", "auto_bound_allowed", "refusal_note", "relaxed_shape", "strict_refusal_note", "strict_shape",
           "with_auto_bound", "STRICT", "RELAXED"]

STRICT = "strict"     # relaxedAutoImplicit false
RELAXED = "relaxed"   # the default

T = TypeVar("T")

_SUBSCRIPTS = set("₀₁₂₃₄₅₆₇₈₉ₐₑₒₓₔₕₖₗₘₙₚₛₜᵢᵣᵤᵥⱼᵦᵧᵨᵩᵪ")


class AutoBoundName(Exception):
    """Raised by name resolution inside a header for a name that may be auto-bound (caught by
    `with_auto_bound`; never reaches a user)."""

    def __init__(self, name: str, span: Any) -> None:
        super().__init__(name)
        self.name = name
        self.span = span


def strict_shape(s: str) -> bool:
    """One character, then only digits, subscripts, `_` or `'` (`α`, `n₁`, `a'`): auto-bound in either mode,
    and never the name of a declaration of Lean's core."""
    return bool(s) and all(c.isdigit() or c in _SUBSCRIPTS or c in "_'" for c in s[1:])


# Root-level definitions of Lean's core (`Init`) that may appear in a declaration's header, including the
# class methods it exports to the root.
LEAN_ROOT_NAMES = frozenset("""
    absurd and andThen autoParam bind bne cast compare cond congr congrArg congrFun const dbgTrace decide
    default dite emptyRelation flip funext get getThe hash id inferInstance inferInstanceAs
    ite liftM map max min mixHash modify modifyGet modifyThe monadLift namedPattern nat_lit nomatch
    not optParam or outParam panic propext pure rfl semiOutParam seq seqLeft seqRight set sorryAx
    strictAnd strictOr throw throwThe toString trivial tryCatch tryCatchThe unsafeCast xor repr reprArg
    reprPrec reprStr getElem getElem? getElem!
    """.split())


# Capitalised root-level names of Lean's core (`Init`): types, classes and namespaces a header may name.
# Those leanr's prelude defines resolve before auto-binding is considered; the others must not be taken
# for variables.
LEAN_ROOT_TYPE_NAMES = frozenset("""
    Acc Add AddCommGroup Alternative And AndOp AndThen Antisymm Append Applicative Array BEq BaseIO Bind BitVec
    Bool ByteArray Char Classical Coe CoeDep CoeFun CoeHTC CoeHTCT CoeHead CoeOTC CoeOut CoeSort CoeTC CoeT
    CoeTail Complement Decidable DecidableEq DecidableLE DecidableLT DecidablePred DecidableRel Div
    DoResultBC DoResultPR DoResultPRBC DoResultSBC Dvd Dynamic EIO EST EStateM Empty EmptyCollection Eq
    Equivalence EquivBEq Except ExceptCpsT ExceptT Exists False Fin Float Float32 FloatArray ForIn ForIn' ForInStep
    ForM Function Functor GetElem GetElem? HAdd HAnd HAndThen HAppend HDiv HEq HMod HMul HOr HOrElse HPow
    HShiftLeft HShiftRight HSub HXor HasEquiv Hashable HomogeneousPow IO ISize Id Iff Inhabited Insert Int
    Int16 Int32 Int64 Int8 IntCast InvImage Irrefl LE LT LawfulApplicative LawfulBEq LawfulFunctor
    LawfulGetElem LawfulHashable LawfulMonad LawfulSingleton Lean List MProd Max Membership Min Mod Monad
    MonadControl MonadControlT MonadEval MonadEvalT MonadExcept MonadExceptOf MonadFinally MonadFunctor
    MonadFunctorT MonadLift MonadLiftT MonadReader MonadReaderOf MonadShareCommon MonadState MonadStateOf
    MonadWithReader MonadWithReaderOf Mul Nat NatCast NatPow Ne NeZero Neg NonScalar Nonempty NonemptyType
    Not OfNat OfScientific One Option OptionT Or OrElse OrOp Ord Ordering PEmpty PLift PNonScalar PProd
    PSigma PSum PUnit Pow Prod Pure Quot Quotient ReaderM ReaderT Relation Repr ReprAtom ReprTuple ST
    Seq SeqLeft SeqRight Setoid ShiftLeft ShiftRight Sigma Singleton SizeOf Squash StateCpsT StateM
    StateRefT StateT Std Stream String Sub Subarray Subsingleton Substring Subtype Sum System Task Thunk
    ToBool ToStream ToString Trans True Type TypeName UInt16 UInt32 UInt64 UInt8 ULift USize Unit Vector
    WellFounded WellFoundedRelation Xor Zero
    """.split())


def relaxed_shape(raw: str) -> bool:
    """A multi-character atomic name that relaxed mode (only) auto-binds."""
    return (bool(raw) and "." not in raw and not raw.startswith("«") and not strict_shape(raw)
            and raw not in LEAN_ROOT_NAMES and raw not in LEAN_ROOT_TYPE_NAMES)


def auto_bound_allowed(raw: str, mode: str) -> bool:
    """May the unknown identifier `raw` be auto-bound in `mode` (STRICT or RELAXED)?"""
    if not raw or "." in raw or raw.startswith("«"):
        return False
    if strict_shape(raw):
        return True
    return mode == RELAXED and relaxed_shape(raw)


def disabled_note(raw: str) -> str:
    """Lean's note on an atomic unknown name in a header while `autoImplicit` is off."""
    return (f"\n\nNote: It is not possible to treat `{raw}` as an implicitly bound variable here because the "
            "`autoImplicit` option is set to `false`.")


def refusal_note(raw: str, mode: str | None) -> str | None:
    """The note Lean adds to `Unknown identifier` for a header name that auto-binding was not allowed to
    take (None: no note). leanr leaves out the names of Lean's core that its prelude lacks."""
    if not raw or "." in raw or raw.startswith("«") or raw in LEAN_ROOT_NAMES or raw in LEAN_ROOT_TYPE_NAMES:
        return None
    if mode is None:
        return disabled_note(raw)
    if mode == STRICT and relaxed_shape(raw):
        return strict_refusal_note(raw)
    return None


def strict_refusal_note(raw: str) -> str:
    """Lean's note on a name that only relaxed mode would have auto-bound."""
    return (f"\n\nNote: It is not possible to treat `{raw}` as an implicitly bound variable here because it has "
            "multiple characters while the `relaxedAutoImplicit` option is set to `false`.")


def with_auto_bound(te: "TermElaborator", run: Callable[[list[FVar]], T], mode: str | None) -> tuple[list[FVar], T]:
    """Run the header elaboration `run(autos)` with auto-bound implicits in `mode` (None: disabled).
    `run` receives the auto-bound locals already pushed and returns what it elaborated; the result is
    `(fresh, result)` where `fresh` are type locals added for auto-bound names whose type stayed unknown
    (see `_bind_open_types`): the caller puts them before the auto-bound locals."""
    meta = te.meta
    names: list[str] = []
    while True:
        st = meta.save()
        n_pending, n_levels = len(te.pending), len(te.level_names)
        previous = te.auto_bound
        te.auto_bound = mode
        previous_in_header, te.in_header = te.in_header, True
        te.header_errors = []
        try:
            autos = [meta.push_local(Name.of(n), meta.new_type_mvar(), IMPLICIT) for n in names]
            result = run(autos)
        except AutoBoundName as exc:
            meta.restore(st)
            del te.pending[n_pending:]
            del te.level_names[n_levels:]
            if exc.name in names:  # pushed, yet still unknown: a bug, reported rather than looped on
                raise ElabError(f"internal error: auto-bound implicit '{exc.name}' was not found", exc.span) \
                    from None
            names.append(exc.name)
            continue
        except ElabError as exc:
            meta.commit(st)
            if te.header_errors and not isinstance(exc, ElabErrors):
                # an unknown name is an error of its own; anything else may follow from a `sorry` read for one
                # (Lean does not report errors about its recovery `sorry`s)
                independent = exc.message.startswith("Unknown identifier")
                raise ElabErrors(te.header_errors + ([exc] if independent else [])) from None
            raise
        except BaseException:
            meta.commit(st)
            raise
        finally:
            te.auto_bound = previous
            te.in_header = previous_in_header
        meta.commit(st)
        if te.header_errors:
            # the unknown names were logged and read as `sorry` (Lean's error recovery), so each is reported;
            # leanr stops there rather than elaborating the body over those `sorry`s
            raise ElabErrors(te.header_errors)
        return _bind_open_types(te, autos), result


def _bind_open_types(te: "TermElaborator", autos: list[FVar]) -> list[FVar]:
    """As Lean's `addAutoBoundImplicits`: an auto-bound local whose type the header left unknown (`a` in
    `theorem t (h : a = b)`) gets a type that is itself auto-bound, `{α✝ : Sort u} {a b : α✝}`. The new
    locals are inserted before the first auto-bound one and returned."""
    from .mctx import fvars_in
    from .term import hygienic  # term.py imports this module

    meta = te.meta
    fresh: list[FVar] = []
    if not autos:
        return fresh
    at = meta.lctx.index(autos[0])
    outer = set(meta.lctx[:at])
    for x in autos:
        ty = meta.instantiate_mvars(x.type)
        if ty.kind == MVAR and not meta.is_assigned(ty):
            sort = meta.instantiate_mvars(meta.decl(ty).type)
            y = meta.mk_local(hygienic("α"), sort, IMPLICIT)
            meta.lctx.insert(at + len(fresh), y)
            meta.assign(ty, y)
            fresh.append(y)
            continue
        # an implicit argument left open inside the type (`xs : List ?α`) is bound too: `{α✝} {xs : List α✝}`
        for m in meta.mctx.collect_mvars(ty):
            m_type = meta.instantiate_mvars(meta.decl(m).type)
            if meta.mctx.collect_mvars(m_type) or any(v not in outer for v in fvars_in(m_type)):
                continue   # its type is open too, or mentions the header's locals: left to the usual error
            y = meta.mk_local(hygienic(_origin_name(te, m)), m_type, IMPLICIT)
            meta.lctx.insert(at + len(fresh), y)
            meta.assign(m, y)
            fresh.append(y)
    return fresh


def _origin_name(te: "TermElaborator", m: Any) -> str:
    """The name of the implicit argument `m` stands for (`α` of `List.length`), through assignments."""
    for serial, o in te.origins.items():
        d = te.meta.mctx.decls.get(serial)
        if d is not None and o.kind == "implicit" and te.meta.instantiate_mvars(d.mvar) is m:
            return o.name
    return "x"
