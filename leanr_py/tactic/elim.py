"""`induction x, y using r` and `cases x using r`: custom eliminators, as Lean's `getElimInfo`/`ElimApp` do.

`r` is any term whose type is an eliminator: its conclusion is `motive t₁ … tₙ` with `motive` one of its
arguments (`motive : (t₁ …) → Sort u`) and the `tᵢ` distinct arguments, the targets (explicit ones are the
tactic's targets, implicit ones are found by unification). Every other explicit argument is a minor premise,
an alternative named by its binder (`ind`/`base` for `Nat.mod.inductionOn`); implicit arguments are unified
and instance arguments synthesized. The goal is abstracted over the targets, the hypotheses depending on them
(and the `generalizing` ones) being reverted into the motive and re-introduced in every alternative, as for
the built-in `induction` (`cases.cases_core`). `cases … using` does the same: on local targets the
result is the one Lean's equations-and-substitution route gives.
"""
from __future__ import annotations

from typing import Any, Sequence

from ..kernel import expr as E
from ..kernel.expr import FVAR, PI, SORT, Expr, FVar, MVar
from ..kernel.name import Name
from ..syntax import ast as A
from ..elab import messages
from ..elab.errors import ElabError
from ..elab.mctx import mentions_fvars
from .core import TacticContext

ANON = Name.anonymous()


class _Binder:
    __slots__ = ("name", "bi", "kind")

    def __init__(self, name: Name, bi: int, kind: str) -> None:
        self.name, self.bi, self.kind = name, bi, kind   # kind: motive / target / alt / implicit / inst


class ElimInfo:
    """The shape of an eliminator's type: per argument its role, the targets' positions in the conclusion
    (`motive_args`, indices into the arguments) and per alternative its number of fields."""

    def __init__(self, binders: list[_Binder], motive_args: list[int], num_fields: dict[Name, int]) -> None:
        self.binders, self.motive_args, self.num_fields = binders, motive_args, num_fields

    @property
    def alt_names(self) -> list[Name]:
        return [b.name for b in self.binders if b.kind == "alt"]


def or_list(items: Sequence[str]) -> str:
    """Lean's `MessageData.orList`: `a`, `a or b`, `a, b, or c`."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} or {items[1]}"
    return ", ".join(items[:-1]) + f", or {items[-1]}"


def invalid_alt_message(name: Any, unhandled: Sequence[Any]) -> str:
    """Lean's `checkAltNames` message for an alternative naming no case."""
    rest = f"Expected {or_list([f'{u}' for u in unhandled])}" if unhandled else "There are no unhandled alternatives"
    return f"Invalid alternative name '{name}': {rest}"


def _pi_telescope(tc: TacticContext, t: Expr) -> tuple[list[FVar], Expr]:
    """Lean's `forallTelescopeReducing`: the binders (as fresh locals) and the conclusion."""
    meta = tc.meta
    xs: list[FVar] = []
    while True:
        if t.kind != PI:
            w = meta.whnf(t)
            if w.kind != PI:
                return xs, t
            t = w
        x = meta.mk_local(t.name, t.type, t.bi)  # type: ignore[attr-defined]
        xs.append(x)
        t = E.instantiate1(t.body, x)  # type: ignore[attr-defined]


def elim_info(tc: TacticContext, elim_type: Expr, span: Any) -> ElimInfo:
    """Lean's `getElimInfo` on the type of the eliminator."""
    meta = tc.meta
    xs, concl = _pi_telescope(tc, elim_type)
    motive = E.get_app_fn(concl)
    targets = E.get_app_args(concl)
    if motive.kind != FVAR or motive not in xs or not targets or \
            any(t.kind != FVAR or t not in xs for t in targets) or len(set(targets)) != len(targets):
        raise ElabError(f"Unexpected eliminator resulting type\n  {tc.pp(concl)}", span)
    margs, msort = _pi_telescope(tc, motive.type)  # type: ignore[attr-defined]
    if len(margs) != len(targets):
        raise ElabError(f"Unexpected number of arguments at motive type\n  {tc.pp(motive.type)}", span)  # type: ignore[attr-defined]
    if meta.whnf(msort).kind != SORT:
        raise ElabError(f"Motive result type must be a sort\n  {tc.pp(motive.type)}", span)  # type: ignore[attr-defined]
    binders: list[_Binder] = []
    num_fields: dict[Name, int] = {}
    for x in xs:
        if x is motive:
            kind = "motive"
        elif x in targets:
            kind = "target"
        elif x.bi == E.INST_IMPLICIT:  # type: ignore[attr-defined]
            kind = "inst"
        elif x.bi in (E.IMPLICIT, E.STRICT_IMPLICIT):  # type: ignore[attr-defined]
            kind = "implicit"
        else:
            kind = "alt"
            num_fields[x.name] = len(_pi_telescope(tc, x.type)[0])  # type: ignore[attr-defined]
        binders.append(_Binder(x.name, x.bi, kind))  # type: ignore[attr-defined]
    return ElimInfo(binders, [xs.index(t) for t in targets], num_fields)  # type: ignore[arg-type]


def elab_eliminator(tc: TacticContext, g: MVar, stx: Any) -> Expr:
    """The `using` term. A name is taken as the constant (or local) itself, without instantiating its
    implicit arguments, as Lean's `elabTermForElim` does."""
    if isinstance(stx, A.Ident):
        stx = A.Explicit(stx.span, stx)
    f, _ = tc.elab_term(g, stx, None, allow_natural=True)
    return tc.meta.instantiate_mvars(f)


class _Alt:
    __slots__ = ("name", "mvar", "num_fields")

    def __init__(self, name: Name, mvar: MVar, num_fields: int) -> None:
        self.name, self.mvar, self.num_fields = name, mvar, num_fields


def elim_using(tc: TacticContext, g: MVar, targets: list[FVar], elim_stx: Any, generalizing: Sequence[FVar],
               alt_names: dict[Name, list[Any]], span: Any, what: str) -> list[tuple[Name, MVar]]:
    """Apply the eliminator `elim_stx` to goal `g` on the local `targets`; the alternatives' goals with
    their names, fields introduced with the names in `alt_names` (inaccessible otherwise)."""
    from .cases import FieldNamer, _join, dependents

    meta = tc.meta
    d = meta.decl(g)
    f = elab_eliminator(tc, g, elim_stx)
    with tc.goal_context(g):
        ft = meta.instantiate_mvars(meta.infer_type(f))
        info = elim_info(tc, ft, elim_stx.span)
        shown = tc.pp(f)
        # Lean's `mkElimApp`: a fresh metavariable per argument, the user's targets in order
        args: list[Expr] = []
        alts: list[_Alt] = []
        motive: MVar | None = None
        insts: list[MVar] = []
        given = list(targets)
        t = ft
        for b in info.binders:
            if t.kind != PI:
                t = meta.whnf(t)
            dom = t.type  # type: ignore[attr-defined]
            if b.kind == "motive":
                motive = meta.new_mvar(dom, "natural")
                a: Expr = motive
            elif b.kind == "target" and b.bi == E.DEFAULT:
                if not given:
                    raise ElabError(f"Insufficient number of targets for '{shown}'", span)
                a = given.pop(0)
                at = meta.infer_type(a)
                if not meta.is_def_eq(at, dom):
                    raise ElabError(f"Target\n  {tc.pp(a)}\n"
                                    + messages.has_type_but_is_expected(meta, tc.pp, at, dom), span)
            elif b.kind == "alt":
                a = meta.new_mvar(dom, "natural")
                alts.append(_Alt(b.name, a, info.num_fields[b.name]))  # type: ignore[arg-type]
            elif b.kind == "inst":
                a = meta.new_mvar(dom, "synthetic")
                insts.append(a)  # type: ignore[arg-type]
            else:   # implicit arguments and implicit targets: by unification
                a = meta.new_mvar(dom, "natural")
            args.append(a)
            t = E.instantiate1(t.body, a)  # type: ignore[attr-defined]
        if given:
            raise ElabError(f"Unexpected number of targets for '{shown}'", span)
        assert motive is not None
        table = tc.te.table
        from ..elab.instances import synth_instance
        for m in insts:
            if not meta.is_assigned(m):
                it = meta.instantiate_mvars(meta.decl(m).type)
                r = synth_instance(meta, it, table)
                if r is None or not meta.is_def_eq(m, r):
                    raise ElabError(messages.failed_to_synthesize(tc.pp, it), span)
        all_targets = [meta.instantiate_mvars(args[i]) for i in info.motive_args]
        lctx = tc.lctx(g)
        for x in all_targets:
            if x.kind != FVAR or x not in lctx:
                raise ElabError(f"'{what} … using' with an implicit target that is not a local variable is not "
                                f"supported yet", span)
        if len(set(all_targets)) != len(all_targets):
            raise ElabError(f"'{what} … using' with a target given twice is not supported yet", span)
    # revert what depends on the targets, and the `generalizing` locals
    reverted = dependents(tc, g, [*all_targets, *generalizing])  # type: ignore[list-item]
    if any(y.value is not None for y in reverted):
        raise ElabError(f"'{what}' with dependent 'let' variables is not supported yet", span)
    target_set = set(all_targets)
    extra = [y for y in reverted if y not in target_set]
    # the motive: fun targets => ∀ extra, goal
    saved = meta.lctx
    meta.lctx = list(d.lctx)
    try:
        body = meta.mk_pi_fvars(extra, meta.instantiate_mvars(d.type))
        motive_val = meta.mk_lambda_fvars(all_targets, body)  # type: ignore[arg-type]
        mt = meta.infer_type(motive_val)
        expected_mt = meta.instantiate_mvars(meta.decl(motive).type)
        if not meta.is_def_eq(mt, expected_mt):
            raise ElabError(f"Type mismatch when assigning motive\n  {tc.pp(motive_val)}\n"
                            + messages.has_type_but_is_expected(meta, tc.pp, mt, expected_mt), span)
    finally:
        meta.lctx = saved
    meta.assign(motive, motive_val)
    # every alternative: a goal in the context without the reverted locals (and the targets, which Lean
    # clears), its fields and the reverted locals introduced
    base_all = [y for y in d.lctx if y not in set(reverted)]
    parent = d.user_name
    out: list[tuple[Name, MVar]] = []
    for alt in alts:
        at = meta.instantiate_mvars(meta.decl(alt.mvar).type)
        base = [y for y in base_all if y not in target_set or mentions_fvars(at, {y})]
        given_names = alt_names.get(alt.name, ())
        namer = FieldNamer(given_names)
        fields: list[FVar] = []
        t = at
        for _ in range(alt.num_fields):
            if t.kind != PI:
                with tc.goal_context(g):
                    t = meta.whnf(t)
            name = namer.name(t.bi, t.name)  # type: ignore[attr-defined]
            y = meta.mk_local(name, t.type, t.bi)  # type: ignore[attr-defined]
            fields.append(y)
            t = E.instantiate1(t.body, y)  # type: ignore[attr-defined]
        if namer.used < len(given_names):
            raise ElabError(f"Too many variable names provided at alternative '{alt.name}': {len(given_names)} "
                            f"provided, but {namer.used} expected", span)
        re: list[FVar] = []
        if _proves_motive(meta, alt, motive):
            for y in extra:
                if t.kind != PI:
                    t = meta.whnf_core(t)
                ny = meta.mk_local(y.name, t.type, y.bi)  # type: ignore[attr-defined]
                re.append(ny)
                t = E.instantiate1(t.body, ny)  # type: ignore[attr-defined]
        tag = alt.name if parent.is_anonymous() else _join(parent, alt.name)
        ng = tc.new_goal(t, base + fields + re, tag)
        saved = meta.lctx
        meta.lctx = base + fields + re
        try:
            meta.assign(alt.mvar, meta.mk_lambda_fvars(fields + re, ng))
        finally:
            meta.lctx = saved
        out.append((alt.name, ng))
    value = meta.instantiate_mvars(E.mk_app_n(f, args))
    left = [m for m in meta.mctx.collect_mvars(value) if not meta.is_assigned(m)
            and m not in {ng for _, ng in out}]
    if left:
        raise ElabError(f"'{what} … using' leaving arguments of the eliminator to be found is not supported yet",
                        span)
    meta.assign(g, E.mk_app_n(value, extra))
    return out


def _proves_motive(meta: Any, alt: _Alt, motive: MVar) -> bool:
    """Does the alternative's conclusion apply the motive (Lean's `provesMotive`)?"""
    t = meta.decl(alt.mvar).type
    for _ in range(alt.num_fields):
        if t.kind != PI:
            t = meta.whnf(t)
        t = t.body  # type: ignore[attr-defined]
    return E.get_app_fn(t) is motive
