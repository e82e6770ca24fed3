"""Well-founded recursion: `termination_by e` and `decreasing_by tac`, compiled through `WellFounded.fix`.

    v = elab_wf_body(te, cmd, name, names, xs, t)        # the value of a recursive `def` (context of xs)
    add_wf_equation(env, te, name, lparams, params)       # its equation lemmas, once it is in the environment

As Lean does, the arguments that every recursive call passes unchanged form a fixed prefix that stays
outside; the others (the varying arguments) are packed into one (nested `PSigma`s when there are several)
and the function is `WellFounded.fix (InvImage.wf m _) F` for the measure `m` of `termination_by`: a `Nat`
(`<`) or a tuple of them (`Prod.Lex`, lexicographic). The body is elaborated with the function as a local
and with `rec : ∀ q, InvImage _ m q p → C q` in the local context after the arguments: the pattern matching
of the body reverts it, so that inside each alternative its type speaks of the refined arguments (Lean's
matcher motive generalization). Each recursive call `f a'` becomes `rec ⟨a'⟩ h` where `h` is a new goal
`m a' < m a` in the local context of the call (`if c` becomes `if h✝ : c`, `let` values and projections of
constructors are unfolded, pattern variables keep their names, as in Lean's goals). The goals are proved by
the user's `decreasing_by` (all goals at once, as Lean 4.29 does) or by the default decreasing tactic on
each goal (for tuples first Lean's `Prod.Lex.right`/`Prod.Lex.left` steps, then `assumption`, `omega`,
`decide`); a goal it cannot prove gets Lean's "failed to prove termination" error when it is linear
arithmetic over variables (where omega is as strong as Lean's tactic), else `… is not supported yet`.
Without `termination_by` (structural recursion having failed), each varying `Nat` argument, then each
ordered pair of them, is tried as the measure (the simple cases of Lean's GuessLex); when none proves every
goal, the structural refusal (`… is not supported yet`) stands.

The definition is irreducible, as in Lean (the command elaborator records it). Its equation lemmas are
proved by `WellFounded.fix_eq` and the kernel's reduction: `f.eq_def` for a body without a generalized
match, `f.eq_k` per alternative for pattern equations. `#eval` runs `WellFounded.fix` as plain recursion
(see `eval.prims`), and the code generator check does not count `WellFounded.fix` against the definition.
"""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.expr import APP, CONST, FVAR, LAM, PI, Expr, FVar
from ..kernel.name import Name
from ..syntax import ast as A
from ..syntax.dump import dump
from .errors import ElabError
from .match import is_pattern_let, is_split_hyp, syntax_children, zeta_pattern_lets
from .mctx import SYNTHETIC_OPAQUE, beta

__all__ = ["elab_wf_body", "add_wf_equation", "TERMINATION_FAILURE"]

TERMINATION_FAILURE = (
    "failed to prove termination, possible solutions:\n"
    "  - Use `have`-expressions to prove the remaining goals\n"
    "  - Use `termination_by` to specify a different well-founded relation\n"
    "  - Use `decreasing_by` to specify your own tactic for discharging this kind of goal")

_DEFAULT_DECREASING = ("assumption", "omega", "decide")
_REC_NAME = Name.of("x✝rec")
_MAX_LEX_GUESS = 3   # varying `Nat` arguments up to which pairs of them are tried as a lexicographic measure
_TACTIC_BLOCKS = "tactic_blocks"   # the term elaborator's queue of `by` blocks (see `tactic.by`)


class _GuessFailed(Exception):
    """A guessed measure does not prove every goal (another one is tried)."""


def _mentions(e: Expr, x: Expr) -> bool:
    return bool(e.flags & E.HAS_FVAR) and E.find(e, lambda y: y is x) is not None


class _SoleMeasureFailed(ElabError):
    """The only measure Lean would guess leaves a goal the default decreasing tactic cannot prove: Lean
    reports that goal (its message is the error's)."""


def elab_wf_body(te: Any, cmd: A.Decl, name: Name, names: set[str], xs: list[FVar], t: Expr,
                 refusal: ElabError | None = None, structural_detail: str = "") -> Expr:
    """The value of the recursive definition `cmd` compiled by well-founded recursion. With `refusal` (no
    `termination_by`, structural recursion failed, as `structural_detail` says), a measure is guessed and any
    failure raises `refusal`, except the failure of the only measure Lean would try, which is Lean's error."""
    if refusal is None:
        return _elab_wf_body(te, cmd, name, names, xs, t)
    meta = te.meta
    base = meta.save()
    pending0 = list(te.pending)
    blocks0 = list(te.__dict__.get(_TACTIC_BLOCKS) or [])
    n0 = len(meta.lctx)
    try:
        return _elab_wf_body(te, cmd, name, names, xs, t)
    except _SoleMeasureFailed as exc:
        raise ElabError(f"fail to show termination for\n  {name}\nwith errors\nfailed to infer structural "
                        f"recursion:\n{structural_detail}\n\n\n{exc.message}", exc.span) from None
    except ElabError:
        meta.pop_locals(len(meta.lctx) - n0)
        meta.restore(base)
        te.pending = list(pending0)
        if _TACTIC_BLOCKS in te.__dict__:
            te.__dict__[_TACTIC_BLOCKS] = list(blocks0)
        raise refusal from None


def _elab_wf_body(te: Any, cmd: A.Decl, name: Name, names: set[str], xs: list[FVar], t: Expr) -> Expr:
    from .recursion import body_with_self, ce_note_equations

    meta = te.meta
    value = cmd.value
    n_eq = 0
    if isinstance(value, A.ValEqns) and value.alts and value.alts[0].patterns:
        n_eq = len(value.alts[0].patterns[0])
    term = cmd.termination.termination_by if cmd.termination is not None else None
    tactic = cmd.termination.decreasing_by if cmd.termination is not None else None
    base = meta.save()
    pending0 = list(te.pending)
    blocks0 = list(te.__dict__.get(_TACTIC_BLOCKS) or [])
    n0 = len(meta.lctx)

    def reset() -> None:
        meta.pop_locals(len(meta.lctx) - n0)
        meta.restore(base)
        te.pending = list(pending0)
        if _TACTIC_BLOCKS in te.__dict__:   # `by` blocks queued by an attempt that is undone
            te.__dict__[_TACTIC_BLOCKS] = list(blocks0)

    # pass 1: the body with the function as a local, to find the fixed prefix of the recursive calls
    try:
        selfs, ys, body, match_r = body_with_self(te, cmd, names, xs, t, n_eq)
        args = list(xs) + ys
        calls = _recursive_calls(body, selfs)
        if not calls:   # the name was mentioned without a recursive call (`x.f` for another `f`)
            if term is not None:
                raise ElabError("unused `termination_by`, function is not recursive", cmd.termination.span)
            if match_r is not None:
                ce_note_equations(te, name, xs, ys, [], match_r)
            val = meta.mk_lambda_fvars(ys, body)
            meta.pop_locals(len(meta.lctx) - n0)
            return val
        fixed = len(args) - 1
        for call_args in calls:
            if len(call_args) < len(args):
                reset()
                raise ElabError(f"well-founded recursion with a recursive call of '{name}' that is not applied to "
                                "all its arguments is not supported yet", cmd.span)
            k = 0
            while k < fixed and call_args[k] is args[k]:
                k += 1
            fixed = k
        candidates: list[tuple[int, ...] | None] = [None]
        if term is None:
            # the simple cases of Lean's GuessLex: a varying `Nat` argument that decreases, else two of them
            # in lexicographic order
            nats = [i for i in range(fixed, len(args))
                    if meta.is_def_eq(meta.instantiate_mvars(args[i].type), E.mk_const(Name.of("Nat")))]
            candidates = [(i,) for i in nats]
            if len(nats) <= _MAX_LEX_GUESS:
                candidates += [(i, j) for i in nats for j in nats if i != j]
    finally:
        if len(meta.lctx) > n0:
            reset()
    guessing = term is None
    subtractions = _subtraction_measures(cmd) if guessing else []
    # with one varying argument, Lean's GuessLex has one measure and reports its failure
    sole = guessing and len(candidates) == 1 and len(args) - fixed == 1 and not subtractions
    for cand in candidates:
        try:
            return _compile(te, cmd, name, names, xs, t, n_eq, fixed, term, cand, tactic, guessing, sole)
        except _GuessFailed:
            reset()
            continue
        except ElabError:
            reset()
            raise
    if guessing:  # as Lean's GuessLex: `n - i` for a condition `i < n` guarding the calls (`if h : i < n`)
        for measure in subtractions:
            try:
                return _compile(te, cmd, name, names, xs, t, n_eq, fixed, measure, None, tactic, True)
            except (_GuessFailed, ElabError):   # the next guess
                reset()
    reset()
    raise ElabError(f"fail to show termination for\n  {name}\nstructural recursion cannot be used, and no "
                    "argument or pair of arguments was found that decreases at every recursive call "
                    "(well-founded recursion with other guessed measures is not supported yet)", cmd.span)


def _subtraction_measures(cmd: A.Decl) -> list[A.TerminationBy]:
    """`n - i` for each condition `i < n` (or `n > i`) of an `if` in the body, in source order."""

    out: list[A.TerminationBy] = []
    seen: set[str] = set()
    stack: list[Any] = [cmd.value]
    while stack:
        x = stack.pop()
        if isinstance(x, (tuple, list)):
            stack.extend(reversed(x))
            continue
        if not isinstance(x, A.Node):
            continue
        if isinstance(x, A.If) and isinstance(x.cond, A.BinOp) and x.cond.op in ("<", ">"):
            small, big = (x.cond.lhs, x.cond.rhs) if x.cond.op == "<" else (x.cond.rhs, x.cond.lhs)
            key = dump(big) + " - " + dump(small)
            if key not in seen:
                seen.add(key)
                out.append(A.TerminationBy(x.cond.span, False, (), A.BinOp(x.cond.span, "-", big, small)))
        stack.extend(reversed(syntax_children(x)))
    return out


def _recursive_calls(body: Expr, selfs: list[FVar]) -> list[list[Expr]]:
    """The argument lists of the recursive calls in `body` (an unapplied occurrence counts as no argument)."""
    out: list[list[Expr]] = []
    stack = [body]
    while stack:
        e = stack.pop()
        if not (e.flags & E.HAS_FVAR):
            continue
        if e.kind == APP:
            f, args = E.get_app_fn_args(e)
            if f.kind == FVAR and f in selfs:
                out.append(list(args))
            else:
                stack.append(f)
            stack.extend(args)
        elif e.kind == FVAR:
            if e in selfs:
                out.append([])
        else:
            stack.extend(E.children(e))
    return out


def _sort_level(te: Any, ty: Expr, span: Any) -> Any:
    return te.meta.instantiate_level_mvars(te.ensure_type(ty, span))


def _compile(te: Any, cmd: A.Decl, name: Name, names: set[str], xs: list[FVar], t: Expr, n_eq: int, fixed: int,
             term: A.TerminationBy | None, cand: tuple[int, ...] | None, tactic: A.TacticSeq | None,
             guessing: bool, sole: bool = False) -> Expr:
    from .recursion import _intro_args, _push_self, settled_body

    meta = te.meta
    span = cmd.span
    selfs = _push_self(te, names, xs, t)
    ys = _intro_args(te, t, n_eq, span)
    args = list(xs) + ys
    vs = args[fixed:]
    rest = t
    for y in ys:
        rest = E.instantiate1((meta.whnf(rest) if rest.kind != PI else rest).body, y)  # type: ignore[attr-defined]
    # the measure, in the context of the arguments
    if term is not None:
        measure = _elab_measure(te, term, ys)
    else:
        assert cand is not None
        measure = args[cand[0]] if len(cand) == 1 else E.mk_app_n(
            E.mk_const(Name.of("Prod.mk"), [L.ZERO, L.ZERO]),
            [E.mk_const(_NAT_N), E.mk_const(_NAT_N), args[cand[0]], args[cand[1]]])
    # the packed argument type and the projections of a packed value
    levels = [_sort_level(te, meta.instantiate_mvars(v.type), span) for v in vs]
    pack_t = _pack_type(meta, vs, levels)
    u_pack = _sort_level(te, pack_t, span)
    p = meta.mk_local(Name.of("x"), pack_t)
    projs = _projections(p, len(vs))

    def at_pack(e: Expr, packed: Expr) -> Expr:
        return E.instantiate_rev(E.abstract(e, vs), _projections(packed, len(vs)))

    m_fn = E.mk_lam(Name.of("x"), pack_t, E.abstract(at_pack(measure, p), [p]), E.DEFAULT)
    c_fn = E.mk_lam(Name.of("x"), pack_t, E.abstract(at_pack(rest, p), [p]), E.DEFAULT)
    u_res = _sort_level(te, rest, span)
    measure_t = meta.whnf(meta.instantiate_mvars(meta.infer_type(measure)))
    base_rel, base_wf = _measure_order(measure_t)
    rel = E.mk_app_n(E.mk_const(Name.of("InvImage"), [u_pack, L.ONE]), [pack_t, measure_t, base_rel, m_fn])
    hwf = E.mk_app_n(E.mk_const(Name.of("InvImage.wf"), [u_pack, L.ONE]),
                     [pack_t, measure_t, base_rel, m_fn, base_wf])

    def rec_type(packed: Expr) -> Expr:
        q = meta.mk_local(Name.of("y"), pack_t)
        h_t = E.mk_app_n(rel, [q, packed])
        return meta.mk_pi_fvars([q], E.mk_arrow(h_t, E.instantiate1(E.abstract(at_pack(rest, q), [q]), q)))

    packed_vs = _pack(list(vs), pack_t)
    rho = meta.push_local(_REC_NAME, rec_type(packed_vs))
    te.mark_pattern_lets = True
    try:
        body, match_r = settled_body(te, cmd, xs, t, ys)
    finally:
        te.mark_pattern_lets = False
    replacer = _Replacer(te, selfs, args, fixed, vs, pack_t, measure, rel, rho, _pattern_names(match_r))
    replacer.measure_t = measure_t
    # the refined arguments as the patterns were written: `n + 1` (unless they say `.succ`)
    from .recursion import _as_numerals, mentions_name
    if not mentions_name(cmd.value, {"Nat.succ", "succ"}):
        replacer.display = lambda e: _as_numerals(te.env, e)
    new_body = replacer.run(body)
    if any(_mentions(new_body, s) for s in selfs):
        raise ElabError(f"well-founded recursion: a recursive call of '{name}' is left (not supported yet)", span)
    _discharge(te, cmd, replacer.goals, tactic, guessing, sole)
    new_body = zeta_pattern_lets(meta.instantiate_mvars(new_body))
    body = zeta_pattern_lets(body)
    # F p ρ' := the body with the varying arguments read from `p`
    rho2 = meta.mk_local(_REC_NAME, rec_type(p))
    f_body = E.instantiate_rev(E.abstract(new_body, list(vs) + [rho]), projs + [rho2])
    F = meta.mk_lambda_fvars([p, rho2], f_body)
    fix = E.mk_app_n(E.mk_const(Name.of("WellFounded.fix"), [u_pack, u_res]),
                     [pack_t, c_fn, rel, hwf, F, packed_vs])
    val = meta.mk_lambda_fvars(ys, fix)
    meta.pop_locals(1)   # ρ
    te.__dict__["wf_compiled"] = True
    # `f.eq_def` (no match to split) or `f.eq_k` (one per alternative of the equations) follow from
    # `WellFounded.fix_eq` by unfolding
    fix_eq = E.mk_app_n(E.mk_const(Name.of("WellFounded.fix_eq"), [u_pack, u_res]), [pack_t, c_fn, rel, hwf, F])
    te.__dict__["wf_equation"] = (list(xs), list(ys), list(selfs), body, fix_eq, fixed, pack_t,
                                  match_r if replacer.refined else None, replacer.refined)
    return val


def add_wf_equation(env: Any, te: Any, name: Name, lparams: Any, params: list[FVar]) -> list[Name]:
    """`name.eq_def : ∀ params, name params = body` (the body with its recursive calls), or for pattern
    equations `name.eq_k` per alternative, proved by `WellFounded.fix_eq` and checked by the kernel. `params`
    are the constant's parameters (section variables first). Nothing when a match inside the body had to be
    generalized over the recursion."""
    from ..kernel.errors import KernelError
    from .recursion import _mk_eq, add_equation_lemma

    from ..kernel.declaration import DefinitionInfo

    info = te.__dict__.get("wf_equation")
    if info is None or not isinstance(env.find(name), DefinitionInfo):   # theorems have no equations
        return []
    xs, ys, selfs, body, fix_eq, fixed, pack_t, match_r, refined = info
    meta = te.meta
    c = E.mk_const(name, [L.param(p) for p in lparams])
    n_sec = len(params) - len(xs)
    if match_r is not None:
        return _alternative_equations(env, te, name, lparams, params, info)
    if refined:   # a match inside the body was generalized over the recursion: not by unfolding alone
        return []
    fix_eq = E.mk_app(fix_eq, _pack(list(xs + ys)[fixed:], pack_t))
    rhs = meta.instantiate_mvars(body)
    for s in selfs:
        rhs = E.instantiate1(E.abstract(rhs, [s]), E.mk_app_n(c, list(params[:n_sec])))
    lhs = E.mk_app_n(c, list(params) + list(ys))
    out: list[Name] = []
    try:
        stmt = meta.mk_pi_fvars(list(params) + list(ys), _mk_eq(meta, lhs, rhs))
        proof = meta.mk_lambda_fvars(list(params) + list(ys), meta.instantiate_mvars(fix_eq))
        add_equation_lemma(env, name.append("eq_def"), lparams, meta.instantiate_mvars(stmt), proof, out)
    except (KernelError, ElabError):
        pass
    return out


def _alternative_equations(env: Any, te: Any, name: Name, lparams: Any, params: list[FVar], info: Any) -> list[Name]:
    """`name.eq_k : ∀ pattern variables, name patterns = right-hand side`, one per alternative reached by
    one case of the compiled match, each proved by `WellFounded.fix_eq` at the patterns (the kernel reduces
    the match on constructors)."""
    from ..kernel.errors import KernelError
    from .recursion import _as_numerals, _by_first_occurrence, _mk_eq, add_equation_lemma

    xs, ys, selfs, _, fix_eq, fixed, pack_t, match_r, _ = info
    meta = te.meta
    c = E.mk_const(name, [L.param(p) for p in lparams])
    n_sec = len(params) - len(xs)
    out: list[Name] = []
    for k, leaves in sorted(match_r.leaves.items()):
        if len(leaves) != 1:
            continue
        lctx, examples, rhs, bindings = leaves[0]
        examples = [_as_numerals(env, meta.instantiate_mvars(x)) for x in examples]
        at = dict(zip(match_r.discrs, examples))
        if any(d in set(params) for d in match_r.discrs):
            continue   # a matched parameter (`:= match x with`): not stated here
        call_args = [at.get(a, a) for a in list(xs) + list(ys)]
        lhs = E.mk_app_n(c, list(params[:n_sec]) + call_args)
        rhs_c = meta.instantiate_mvars(rhs)
        for s in selfs:
            rhs_c = E.instantiate1(E.abstract(rhs_c, [s]), E.mk_app_n(c, list(params[:n_sec])))
        if any(_mentions(rhs_c, s) for s in selfs):
            continue
        fvs = [v for v in lctx if v not in set(params) and (_mentions(lhs, v) or _mentions(rhs_c, v))]
        fvs = _by_first_occurrence(fvs, lhs)
        names_of = {v: n for n, v, _ in bindings if v.kind == FVAR}
        renamed: list[FVar] = []
        for v in fvs:
            ty = E.instantiate_rev(E.abstract(v.type, fvs[:len(renamed)]), renamed) if renamed else v.type
            renamed.append(meta.mk_local(names_of.get(v, v.name), ty, v.bi))
        proof_body = E.mk_app(fix_eq, _pack(call_args[fixed:], pack_t))
        if fvs:
            lhs = E.instantiate_rev(E.abstract(lhs, fvs), renamed)
            rhs_c = E.instantiate_rev(E.abstract(rhs_c, fvs), renamed)
            proof_body = E.instantiate_rev(E.abstract(proof_body, fvs), renamed)
        kept = [p for p in params if p not in at]
        try:
            stmt = meta.instantiate_mvars(meta.mk_pi_fvars(kept + renamed, _mk_eq(meta, lhs, rhs_c)))
            proof = meta.instantiate_mvars(meta.mk_lambda_fvars(kept + renamed, proof_body))
            add_equation_lemma(env, name.append(f"eq_{k + 1}"), lparams, stmt, proof, out)
        except (KernelError, ElabError):
            continue
    return out


def _elab_measure(te: Any, term: A.TerminationBy, ys: list[FVar]) -> Expr:
    """`termination_by e` (the trailing arguments named by `termination_by a b => e`), which must be a `Nat`."""
    meta = te.meta
    named = list(term.vars)
    if len(named) > len(ys):
        raise ElabError(f"too many variable names provided at 'termination_by': {len(named)} names, but the "
                        f"function takes only {len(ys)} argument(s) after the colon", term.span)
    aliases: list[FVar] = []
    targets = ys[len(ys) - len(named):] if named else []
    n0 = len(meta.lctx)
    try:
        for v, y in zip(named, targets):
            nm = v.name if isinstance(v, A.Ident) else "_"
            aliases.append(meta.push_local(Name.of(nm), E.instantiate_rev(E.abstract(y.type, targets), aliases)))
        e = te.elab_term(term.term, None)
        te.synthesize(True)
        e = meta.instantiate_mvars(e)
        ty = meta.whnf(meta.instantiate_mvars(meta.infer_type(e)))
    finally:
        meta.pop_locals(len(meta.lctx) - n0)
    e = E.instantiate_rev(E.abstract(e, aliases), targets) if aliases else e
    if not _is_nat_tuple(ty):
        raise ElabError(f"well-founded recursion with a 'termination_by' measure of type\n  {te.pp(ty)}\nis not "
                        "supported yet (only 'Nat' measures and tuples of them are)", term.span)
    return e


_NAT_N, _PROD_N = Name.of("Nat"), Name.of("Prod")


def _is_nat_tuple(ty: Expr) -> bool:
    """`Nat`, or `Nat × (…)` (the lexicographic order of `termination_by (a, b, …)`)."""
    if ty.kind == CONST:
        return ty.name is _NAT_N  # type: ignore[attr-defined]
    f, args = E.get_app_fn_args(ty)
    return f.kind == CONST and f.name is _PROD_N and len(args) == 2 and all(_is_nat_tuple(a) for a in args)  # type: ignore[attr-defined]


def _nat_lt_fn() -> Expr:
    nat = E.mk_const(_NAT_N)
    return E.mk_lam(Name.of("a₁"), nat, E.mk_lam(Name.of("a₂"), nat, _mk_lt(E.mk_bvar(1), E.mk_bvar(0)), E.DEFAULT),
                    E.DEFAULT)


def _measure_order(ty: Expr) -> tuple[Expr, Expr]:
    """The well-founded order of a measure type and its proof: `<` on `Nat`, `Prod.Lex` on tuples."""
    nat_wf = E.mk_app_n(E.mk_const(Name.of("WellFoundedRelation.wf"), [L.ONE]),
                        [E.mk_const(_NAT_N), E.mk_const(Name.of("Nat.lt_wfRel"))])
    if ty.kind == CONST:
        return E.mk_app_n(E.mk_const(Name.of("WellFoundedRelation.rel"), [L.ONE]),
                          [E.mk_const(_NAT_N), E.mk_const(Name.of("Nat.lt_wfRel"))]), nat_wf
    return _lex_order(ty)


def _lex_order(ty: Expr) -> tuple[Expr, Expr]:
    if ty.kind == CONST:
        return _nat_lt_fn(), E.mk_app_n(E.mk_const(Name.of("WellFoundedRelation.wf"), [L.ONE]),
                                        [E.mk_const(_NAT_N), E.mk_const(Name.of("Nat.lt_wfRel"))])
    a, b = E.get_app_args(ty)
    ra, wa = _lex_order(a)
    rb, wb = _lex_order(b)
    rel = E.mk_app_n(E.mk_const(Name.of("Prod.Lex"), [L.ZERO, L.ZERO]), [a, b, ra, rb])
    wf = E.mk_app_n(E.mk_const(Name.of("Prod.lex_wf"), [L.ZERO, L.ZERO]), [a, b, ra, rb, wa, wb])
    return rel, wf


def _mk_decreasing(meta: Any, ty: Expr, lhs: Expr, rhs: Expr) -> Expr:
    """The goal `lhs < rhs` in the measure's order (`Prod.Lex (· < ·) (· < ·) lhs rhs` for tuples)."""
    if ty.kind == CONST:
        return _mk_lt(lhs, rhs)
    return E.mk_app_n(_lex_order(ty)[0], [lhs, rhs])


def _pack_type(meta: Any, vs: list[FVar], levels: list[Any]) -> Expr:
    t = meta.instantiate_mvars(vs[-1].type)
    for k in range(len(vs) - 2, -1, -1):
        a_t = meta.instantiate_mvars(vs[k].type)
        beta = meta.mk_lambda_fvars([vs[k]], t)
        t = E.mk_app_n(E.mk_const(Name.of("PSigma"), [levels[k], _pack_level(meta, vs[k + 1:], levels[k + 1:])]),
                       [a_t, beta])
    return t


def _pack_level(meta: Any, vs: list[FVar], levels: list[Any]) -> Any:
    if len(vs) == 1:
        return levels[0]
    return L.mk_max(L.ONE, L.mk_max(levels[0], _pack_level(meta, vs[1:], levels[1:])))


def _pack(vals: list[Expr], pack_t: Expr) -> Expr:
    """`⟨v₁, ⟨v₂, …⟩⟩ : pack_t` (nested `PSigma.mk`, the type of each tail read from `pack_t`)."""
    if len(vals) == 1:
        return vals[0]
    f, (a_t, beta) = E.get_app_fn_args(pack_t)
    tail_t = E.instantiate1(beta.body, vals[0]) if beta.kind == LAM else E.mk_app(beta, vals[0])  # type: ignore[attr-defined]
    return E.mk_app_n(E.mk_const(Name.of("PSigma.mk"), f.levels),  # type: ignore[attr-defined]
                      [a_t, beta, vals[0], _pack(vals[1:], tail_t)])


def _projections(p: Expr, n: int) -> list[Expr]:
    out: list[Expr] = []
    cur = p
    for _ in range(n - 1):
        out.append(E.mk_proj(Name.of("PSigma"), 0, cur))
        cur = E.mk_proj(Name.of("PSigma"), 1, cur)
    out.append(cur)
    return out


def _unpack(e: Expr, n: int) -> list[Expr] | None:
    """The components of a packed value written `⟨a, ⟨b, …⟩⟩` (None for another form)."""
    out: list[Expr] = []
    for _ in range(n - 1):
        f, a = E.get_app_fn_args(e)
        if f.kind != CONST or str(f.name) != "PSigma.mk" or len(a) != 4:  # type: ignore[attr-defined]
            return None
        out.append(a[2])
        e = a[3]
    out.append(e)
    return out


class _Replacer:
    """Replace each recursive call `f fixed a'` by `ρ ⟨a'⟩ h`, `ρ` the innermost recursion local in scope and
    `h` a new goal `m a' < m a` in the local context of the call."""

    def __init__(self, te: Any, selfs: list[FVar], args: list[FVar], fixed: int, vs: list[FVar], pack_t: Expr,
                 measure: Expr, rel: Expr, rho: FVar, renames: dict[str, Any]) -> None:
        self.te = te
        self.meta = te.meta
        self.selfs = set(selfs)
        self.args = args
        self.fixed = fixed
        self.vs = vs
        self.pack_t = pack_t
        self.measure = measure
        self.measure_t: Expr = E.mk_const(_NAT_N)
        self.display: Any = lambda e: e
        self.rel = rel
        self.rhos: list[tuple[FVar, list[Expr]]] = [(rho, list(vs))]
        self.goals: list[Any] = []
        self.renames = renames   # the locals of the equations' alternatives get their pattern names back
        self.refined = False   # a match generalized over the recursion (the goals speak of its patterns)

    def run(self, e: Expr) -> Expr:
        from ..kernel.environment import deep_recursion
        n0 = len(self.meta.lctx)
        try:
            with deep_recursion():
                return self._go(e)
        finally:
            self.meta.pop_locals(len(self.meta.lctx) - n0)

    def _rho_of(self, x: FVar) -> list[Expr] | None:
        """For a local whose type is the recursion's, `∀ q, InvImage _ m q ⟨a⟩ → C q`: the values `a`."""
        ty = x.type
        if ty.kind != PI or ty.body.kind != PI:  # type: ignore[attr-defined]
            return None
        h_t = ty.body.type  # type: ignore[attr-defined]
        f, a = E.get_app_fn_args(h_t)
        rf, ra = E.get_app_fn_args(self.rel)
        if f.kind != CONST or f.name is not rf.name or len(a) != len(ra) + 2:  # type: ignore[attr-defined]
            return None
        if not all(E.alpha_eqv(x1, x2) for x1, x2 in zip(a, ra)):
            return None
        packed = a[-1]
        if packed.lbr > 0:
            return None
        return _unpack(packed, len(self.vs))

    def _go(self, e: Expr) -> Expr:
        if not (e.flags & E.HAS_FVAR) or not any(_mentions(e, s) for s in self.selfs):
            return e
        k = e.kind
        if k == FVAR and e in self.selfs:
            raise ElabError(f"well-founded recursion with '{e.name}' not applied to all its arguments is not "  # type: ignore[attr-defined]
                            "supported yet")
        if k == APP:
            f, args = E.get_app_fn_args(e)
            if f.kind == FVAR and f in self.selfs:
                return self._call(f, [self._go(a) for a in args])
            if f.kind == CONST and f.name is _ITE and len(args) == 5:  # type: ignore[attr-defined]
                return self._go(_ite_to_dite(f, args))
            return E.mk_app_n(self._go(f), [self._go(a) for a in args])
        if k in (LAM, PI):
            meta = self.meta
            ty = self._go(e.type)  # type: ignore[attr-defined]
            x = meta.push_local(self.renames.get(str(e.name), e.name), ty, e.bi)  # type: ignore[attr-defined]
            vals = self._rho_of(x)
            if vals is not None:
                self.rhos.append((x, vals))
                self.refined = True
            try:
                nb = self._go(E.instantiate1(e.body, x))  # type: ignore[attr-defined]
                # over the goals created inside, through delayed assignments: they are solved later
                return meta.mk_lambda_fvars([x], nb) if k == LAM else meta.mk_pi_fvars([x], nb)
            finally:
                if vals is not None:
                    self.rhos.pop()
                meta.pop_locals(1)

        if is_pattern_let(e):
            return self._pattern_let(e)
        if k == E.LET:
            meta = self.meta
            x = meta.push_local(e.name, self._go(e.type), E.DEFAULT, self._go(e.value))  # type: ignore[attr-defined]
            try:
                return meta.mk_lambda_fvars([x], self._go(E.instantiate1(e.body, x)))  # type: ignore[attr-defined]
            finally:
                meta.pop_locals(1)
        if k == E.PROJ:
            return E.mk_proj(e.sname, e.idx, self._go(e.struct))  # type: ignore[attr-defined]
        return e

    def _pattern_let(self, e: Any) -> Expr:
        """The variable of a variable pattern is opaque in the goals, as the alternative of Lean's matcher
        receives it: the argument it stands for is the variable, not the value a split gave it. The result
        stays a marked `let`, substituted once the goals are solved."""
        meta = self.meta
        value = self._go(e.value)
        x = meta.push_local(e.name.prefix, self._go(e.type))
        rho, current = self.rhos[-1]
        self.rhos.append((rho, [x if E.alpha_eqv(c, e.value) else c for c in current]))
        try:
            lam = meta.mk_lambda_fvars([x], self._go(E.instantiate1(e.body, x)))
        finally:
            self.rhos.pop()
            meta.pop_locals(1)
        return E.mk_let(e.name, lam.type, value, lam.body)  # type: ignore[attr-defined]

    def _call(self, f: Expr, call_args: list[Expr]) -> Expr:
        meta = self.meta
        n = len(self.args)
        if len(call_args) < n:
            raise ElabError(f"well-founded recursion with a recursive call of '{f.name}' that is not applied to all "  # type: ignore[attr-defined]
                            "its arguments is not supported yet")
        for k in range(self.fixed):
            if call_args[k] is not self.args[k]:
                raise ElabError(f"well-founded recursion with a recursive call of '{f.name}' that changes the "  # type: ignore[attr-defined]
                                f"fixed argument #{k + 1} is not supported yet")
        rho, current = self.rhos[-1]
        new_vals = call_args[self.fixed:n]
        lhs = _proj_reduce(meta, _zeta(E.instantiate_rev(E.abstract(self.measure, self.vs), new_vals)))
        rhs = E.instantiate_rev(E.abstract(self.measure, self.vs), [self.display(c) for c in current])
        goal_t = _mk_decreasing(meta, self.measure_t, lhs, rhs)
        # the goal sees the arguments and hypotheses, not the function itself nor the recursion locals
        hidden = self.selfs | {r for r, _ in self.rhos}
        g = meta.new_mvar(goal_t, SYNTHETIC_OPAQUE, lctx=_visible(meta, list(meta.lctx), hidden, goal_t))
        self.goals.append(g)
        packed = _pack(new_vals, self.pack_t)
        return E.mk_app_n(rho, [packed, g] + call_args[n:])


_ITE = Name.of("ite")


def _proj_reduce(meta: Any, e: Expr) -> Expr:
    """`e` with the projections of constructor applications reduced (`(⟨a, h⟩ : Fin n).val` is `a`), as
    Lean's cleanup of the decreasing goals does."""
    from ..kernel.declaration import ConstructorInfo, DefinitionInfo

    def visit(x: Expr, _offset: int) -> Expr | None:
        if x.kind != APP:
            return None
        f, args = E.get_app_fn_args(x)
        if f.kind != CONST:
            return None
        k = meta.checker.projection_arg(f.name)  # type: ignore[attr-defined]
        info = meta.env.find(f.name)  # type: ignore[attr-defined]
        if k is None or len(args) <= k or not isinstance(info, DefinitionInfo):
            return None
        major = meta.whnf_core(args[k])
        if not isinstance(meta.env.find(getattr(E.get_app_fn(major), "name", None)), ConstructorInfo):
            return None
        val = E.instantiate_level_params(info.value, info.level_params, f.levels)  # type: ignore[attr-defined]
        r = meta.whnf_core(beta(val, list(args[:k]) + [major]))
        if r.kind == E.PROJ:
            return None
        return E.mk_app_n(_proj_reduce(meta, r), [_proj_reduce(meta, a) for a in args[k + 1:]])
    return E.replace(e, visit)


def _zeta(e: Expr) -> Expr:
    """`e` with its `let` locals replaced by their values (the goal of `let n' := n - 1; f n'` is
    `n - 1 < n`, as Lean states it)."""
    def visit(x: Expr, _offset: int) -> Expr | None:
        if not (x.flags & E.HAS_FVAR):
            return x
        if x.kind == FVAR and x.value is not None:  # type: ignore[attr-defined]
            return _zeta(x.value)  # type: ignore[attr-defined]
        return None
    return E.replace(e, visit)


def _inaccessible(n: Name) -> bool:
    return "_hyg" in str(n) or "✝" in str(n)


def _pattern_names(match_r: Any) -> dict[str, Any]:
    """Local name → pattern variable name, for the equations' alternatives (when unambiguous)."""
    if match_r is None:
        return {}
    seen: dict[str, Any] = {}
    clash: set[str] = set()
    for _, leaves in sorted(match_r.leaves.items()):
        for leaf in leaves:
            for pname, v, _ in leaf[3]:
                if v.kind != FVAR or not _inaccessible(v.name):
                    continue
                key = str(v.name)
                if key in seen and str(seen[key]) != str(pname):
                    clash.add(key)
                seen[key] = pname
    return {k: Name.of(str(n)) for k, n in seen.items() if k not in clash}


def _visible(meta: Any, lctx: list[FVar], hidden: set[FVar], goal_t: Expr) -> list[FVar]:
    """The hypotheses a goal shows: the `hidden` ones (the function, the recursion locals) and inaccessible
    data locals (the matched arguments, replaced by their patterns) are left out unless the goal or a shown
    hypothesis mentions them (a nested recursive call in an argument)."""
    keep: list[FVar] = []
    needed = [goal_t]
    for y in reversed(lctx):
        if any(_mentions(n, y) for n in needed):
            pass
        elif y in hidden or is_split_hyp(y.name) or \
                _inaccessible(y.name) and not meta.is_prop(meta.instantiate_mvars(y.type)):
            continue   # (inaccessible hypotheses stay, as `h✝ : c`)
        keep.append(y)
        needed.append(meta.instantiate_mvars(y.type))
    keep.reverse()
    return keep


def _ite_to_dite(ite: Expr, args: list[Expr]) -> Expr:
    """`if c then t else e` as `if h : c then t else e`, so that the goals of the calls in `t` and `e` have the
    condition as a hypothesis (Lean's preprocessing of well-founded definitions does the same)."""
    alpha, c, inst, then_, else_ = args
    not_c = E.mk_app(E.mk_const(Name.of("Not")), c)
    h = Name.of("h✝")
    return E.mk_app_n(E.mk_const(Name.of("dite"), ite.levels),  # type: ignore[attr-defined]
                      [alpha, c, inst, E.mk_lam(h, c, E.lift_loose_bvars(then_, 1), E.DEFAULT),
                       E.mk_lam(h, not_c, E.lift_loose_bvars(else_, 1), E.DEFAULT)])


def _mk_lt(a: Expr, b: Expr) -> Expr:
    nat = E.mk_const(Name.of("Nat"))
    return E.mk_app_n(E.mk_const(Name.of("LT.lt"), [L.ZERO]), [nat, E.mk_const(Name.of("instLTNat")), a, b])


def _discharge(te: Any, cmd: A.Decl, goals: list[Any], tactic: A.TacticSeq | None, guessing: bool,
               sole: bool = False) -> None:
    """Prove the decreasing goals: the user's `decreasing_by` on all of them at once, or the default tactic
    on each one."""
    from ..tactic import by as _registers_the_tactics  # noqa: F401
    from ..tactic.core import TacticContext, unsolved_goals

    meta = te.meta
    if tactic is not None:
        st = meta.save()
        tc = TacticContext(te, goals)
        try:
            tc.run_seq(tactic)
            left = tc.goals()
            if left:
                raise unsolved_goals(tc, left, cmd.termination.span)  # type: ignore[union-attr]
        except ElabError:
            if guessing:
                meta.restore(st)
                raise _GuessFailed() from None
            raise
        return
    for g in goals:
        if meta.mctx.is_assigned(g):
            continue
        g = _lex_steps(te, g)
        unsure: list[Any] = []
        if not _default_decreasing(te, g, unsure):
            plain = _is_plain_arith(meta.instantiate_mvars(meta.decl(g).type)) and not unsure
            if sole and plain:
                raise _SoleMeasureFailed(f"{TERMINATION_FAILURE}\n{TacticContext(te, [g]).pp_goal(g)}", cmd.span)
            if guessing:
                raise _GuessFailed()
            tc = TacticContext(te, [g])
            goal = tc.pp_goal(g)
            if not plain:
                # Lean's default tactic also simplifies with its simp set, which may prove more than omega
                raise ElabError(f"proving this termination goal needs more than leanr's default decreasing tactic "
                                f"(assumption, omega, decide) and is not supported yet; use `decreasing_by`\n{goal}",
                                cmd.span)
            raise ElabError(f"{TERMINATION_FAILURE}\n{goal}", cmd.span)


_ARITH_OPS = {"HAdd.hAdd": 6, "HSub.hSub": 6, "HMul.hMul": 6, "HDiv.hDiv": 6, "HMod.hMod": 6, "LT.lt": 4,
              "Nat.succ": 1, "Nat.add": 2, "Nat.sub": 2, "Nat.mul": 2, "Nat.div": 2, "Nat.mod": 2}


def _is_plain_arith(e: Expr) -> bool:
    """Is `e` Nat arithmetic over local variables and numerals only (where omega is as strong as Lean's
    default decreasing tactic)?"""
    if e.kind == FVAR or e.kind == E.NATLIT:
        return True
    f, args = E.get_app_fn_args(e)
    if f.kind != CONST:
        return False
    n = str(f.name)  # type: ignore[attr-defined]
    if n == "OfNat.ofNat" and len(args) == 3:
        return args[1].kind == E.NATLIT
    if n == "Nat.zero" and not args:
        return True
    if _ARITH_OPS.get(n) != len(args):
        return False
    k = 2 if len(args) >= 2 else 1
    return all(_is_plain_arith(a) for a in args[len(args) - k:])


_DEFAULT_SEQS: dict[str, Any] = {}
_PROD_MK = Name.of("Prod.mk")


def _lex_steps(te: Any, g: Any) -> Any:
    """Lean's `repeat (first | apply Prod.Lex.right | apply Prod.Lex.left)` on a lexicographic goal: the
    goal left (the first component that changes must decrease)."""
    meta = te.meta
    while True:
        t = meta.instantiate_mvars(meta.decl(g).type)
        f, args = E.get_app_fn_args(t)
        if f.kind != CONST or str(f.name) != "Prod.Lex" or len(args) != 6:  # type: ignore[attr-defined]
            return g
        a_t, b_t, ra, rb, lhs, rhs = args
        lhs, rhs = meta.whnf_core(lhs), meta.whnf_core(rhs)
        lf, la = E.get_app_fn_args(lhs)
        rf, rargs = E.get_app_fn_args(rhs)
        if not (lf.kind == CONST and lf.name is _PROD_MK and rf.kind == CONST and rf.name is _PROD_MK  # type: ignore[attr-defined]
                and len(la) == 4 and len(rargs) == 4):
            return g
        lctx = list(meta.decl(g).lctx)
        saved = meta.lctx
        meta.lctx = lctx
        try:
            st = meta.save()
            if meta.is_def_eq(la[2], rargs[2]):
                meta.commit(st)
                g2 = meta.new_mvar(beta(rb, [la[3], rargs[3]]), SYNTHETIC_OPAQUE)
                pf = E.mk_app_n(E.mk_const(Name.of("Prod.Lex.right"), list(f.levels)),  # type: ignore[attr-defined]
                                [a_t, b_t, ra, rb, la[2], la[3], rargs[3], g2])
            else:
                meta.restore(st)
                g2 = meta.new_mvar(beta(ra, [la[2], rargs[2]]), SYNTHETIC_OPAQUE)
                pf = E.mk_app_n(E.mk_const(Name.of("Prod.Lex.left"), list(f.levels)),  # type: ignore[attr-defined]
                                [a_t, b_t, ra, rb, la[2], la[3], rargs[2], rargs[3], g2])
        finally:
            meta.lctx = saved
        meta.assign(g, pf)
        g = g2


def _default_decreasing(te: Any, g: Any, unsure: list[Any]) -> bool:
    """Does Lean's default decreasing tactic (as far as leanr has it) prove `g`? A tactic that gave up on
    something it does not support yet puts `g` in `unsure`."""
    from ..syntax.parse import parse_term
    from ..tactic.core import TacticContext

    meta = te.meta
    for text in _DEFAULT_DECREASING:
        seq = _DEFAULT_SEQS.get(text)
        if seq is None:
            seq = _DEFAULT_SEQS[text] = parse_term(f"by {text}").tactics  # type: ignore[attr-defined]
        st = meta.save()
        tc = TacticContext(te, [g])
        try:
            tc.run_seq(seq)
            if not tc.goals():
                meta.commit(st)
                return True
        except ElabError as exc:
            if "not supported yet" in exc.message:
                unsure.append(g)
        meta.restore(st)
    return False
