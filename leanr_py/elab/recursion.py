"""Definition bodies: pattern equations, structural recursion, `partial`, and equation lemmas.

    v = elab_decl_body(ce, te, cmd, name, xs, t)   # the value of `def name xs : t` (in the context of xs)
    add_equation_lemmas(env, name, ...)             # `name.eq_1`, …, `name.eq_def`, proved by `Eq.refl`
    equation_lemmas(env, name)                      # the names of those lemmas

Equations `| p₁, p₂ => e …` are `fun y₁ y₂ => match y₁, y₂ with …` (see `match`). A body that mentions the
declaration itself is elaborated with the function as a local; its recursive calls are then compiled
structurally, as Lean does, through `I.brecOn` and `I.below` (auxiliary definitions built here from the
recursor and added through the kernel on first use): for the first argument `x` of an inductive type
for which every recursive call's argument is found in `below` (a structural subterm, at any depth, after
the pattern matching that the body does on `x`), the call becomes a projection of `below`. Arguments
before `x` must be passed unchanged, except the indices of `x`'s type (distinct earlier arguments), which
go into the motive with the arguments after `x`. Recursion
that is not structural (`termination_by`, `decreasing_by`, or a single decreasing `Nat` argument when
structural recursion fails) is well-founded recursion, compiled in `wf`; mutual recursion is refused with a
clear `… is not supported yet`; `partial def` gives an opaque constant whose type must be inhabited, as
in Lean; `unsafe` declarations are refused. `where` declarations become definitions `f.g` declared before
`f` (those that use `f`'s parameters or `f` itself are refused with `… is not supported yet`).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Sequence

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import (
    ABBREV_HINTS, OPAQUE_HINTS, UNSAFE, DefinitionDecl, DefinitionInfo, InductiveInfo, RecursorInfo, TheoremDecl,
)
from ..kernel.errors import KernelError
from ..kernel.expr import APP, CONST, FVAR, LAM, PI, Expr, FVar
from ..kernel.name import Name
from ..syntax import ast as A
from . import messages
from .errors import ElabError
from .match import (cases_on_app, compile_match, constructor_view, intro_binders, is_pattern_let, iter_nodes, syntax_children,
                    zeta_pattern_lets)
from .mctx import head_beta

__all__ = ["elab_decl_body", "equation_lemmas", "add_equation_lemmas", "ensure_below", "ensure_brec_on",
           "ensure_block_brec", "block_recursors", "mentions_name"]


# ====================================================================== syntax helpers

def mentions_name(stx: Any, names: set[str]) -> bool:
    """Does the syntax mention one of `names`: `f`, `Ns.f`, or field notation `x.f` (which may denote the
    function being defined)?"""
    lasts = {m.rsplit(".", 1)[-1] for m in names}
    for node in iter_nodes(stx, (A.Ident, A.DotIdent)):
        if isinstance(node, A.DotIdent):  # `.f` resolved against a type whose namespace holds the function
            if node.name in lasts:
                return True
        elif node.name in names or node.name.rsplit(".", 1)[-1] in lasts and "." in node.name:
            return True
    return False


# ====================================================================== below / brecOn

def _fresh_level_name(taken: Sequence[Name]) -> Name:
    base = "u"
    i = 0
    while Name.of(base) in taken:
        i += 1
        base = f"u_{i}"
    return Name.of(base)


def block_recursors(env: Any, ind: Name) -> tuple[InductiveInfo, list[RecursorInfo]]:
    """The recursors of the block of `ind`, one per motive: `I.rec` for each type `I` of a mutual block, then
    `I.rec_1`, … for the auxiliary types of nested occurrences (`List Term` in `Term`), as the kernel names them."""
    info = env.find(ind)
    rec = env.find(ind.append("rec"))
    if not isinstance(info, InductiveInfo) or not isinstance(rec, RecursorInfo):
        raise ElabError(f"'{ind}' is not an inductive type")
    if info.is_reflexive:
        raise ElabError(f"structural recursion over the reflexive inductive type '{ind}' is not supported yet")
    if len(rec.level_params) == len(info.level_params):
        raise ElabError(f"structural recursion over '{ind}', which eliminates only into Prop, is not supported yet")
    for n in ("PProd", "PUnit"):
        if env.find(Name.of(n)) is None:
            raise ElabError(f"structural recursion needs '{n}', which is not in the environment")
    names = _block_names(rec.all, rec.num_motives, "rec")
    recs = [env.find(n) for n in names]
    if not all(isinstance(r, RecursorInfo) for r in recs):
        raise ElabError(f"structural recursion over '{ind}' is not supported yet (a recursor of its block is missing)")
    return info, recs  # type: ignore[return-value]


def _block_names(all_types: Sequence[Name], n_motives: int, suffix: str) -> list[Name]:
    return [t.append(suffix) for t in all_types] + \
        [all_types[0].append(f"{suffix}_{k}") for k in range(1, n_motives - len(all_types) + 1)]


def _telescope(t: Expr, counter: E.FVarCounter) -> tuple[list[FVar], Expr]:
    xs: list[FVar] = []
    while t.kind == PI:
        x = E.mk_fvar(t.name, t.type, None, t.bi, counter)  # type: ignore[attr-defined]
        xs.append(x)
        t = E.instantiate1(t.body, x)  # type: ignore[attr-defined]
    return xs, t


def _minor_parts(m: FVar, motives: Sequence[FVar], counter: E.FVarCounter) -> tuple[list, list, tuple]:
    """The fields of a recursor minor premise, per induction hypothesis `(motive index, indices, recursive
    field)`, and its conclusion `(motive index, indices, constructor application)`."""
    xs, concl = _telescope(m.type, counter)
    fields = [x for x in xs if E.get_app_fn(x.type) not in motives]
    shapes = []
    for x in xs[len(fields):]:
        h, args = E.get_app_fn_args(x.type)
        if h not in motives:
            raise ElabError("reflexive inductive types are not supported yet in structural recursion")
        shapes.append((motives.index(h), args[:-1], args[-1]))
    h, args = E.get_app_fn_args(concl)
    return fields, shapes, (motives.index(h), args[:-1], args[-1])


def _open_recursor(rec: RecursorInfo, levels: list, counter: E.FVarCounter) -> tuple[list, list, list, list]:
    """The recursor's parameters, motives, minor premises and indices with major premise, as free variables."""
    rt = E.instantiate_level_params(rec.type, rec.level_params, levels)
    params, rt = intro_binders(rt, rec.num_params, counter)
    motives, rt = intro_binders(rt, rec.num_motives, counter)
    minors, rt = intro_binders(rt, rec.num_minors, counter)
    idx_major, _ = intro_binders(rt, rec.num_indices + 1, counter)
    return params, motives, minors, idx_major


def _user_motives(rec: RecursorInfo, levels: list, params: list, bi: int, counter: E.FVarCounter) -> list[FVar]:
    """The motives of the recursor at `levels` over `params`, as new free variables (`motive`, or `motive_1`, …
    in a block of several types, as Lean names them)."""
    t = _skip(E.instantiate_level_params(rec.type, rec.level_params, levels), params)
    out: list[FVar] = []
    for k in range(rec.num_motives):
        nm = "motive" if rec.num_motives == 1 else f"motive_{k + 1}"
        m = E.mk_fvar(Name.of(nm), t.type, None, bi, counter)  # type: ignore[attr-defined]
        out.append(m)
        t = E.instantiate1(t.body, m)  # type: ignore[attr-defined]
    return out


def ensure_below(env: Any, ind: Name) -> Name:
    """`ind.below motive t : Sort (max 1 u)`: for each recursive field `r` below `t`, `motive r` paired with
    its own `below` (Lean's `I.below`, as `PProd`s ending in `PUnit`). In a block of several types (mutual or
    nested), every `below` takes the motives of all of them."""
    return ensure_block_brec(env, ind)[_motive_index(env, ind)][0]


def ensure_brec_on(env: Any, ind: Name) -> Name:
    """`ind.brecOn t F : motive t` where `F : (t : I) → I.below motive t → motive t` (Lean's `I.brecOn`); in a
    block of several types it takes one motive and one `F` per type."""
    return ensure_block_brec(env, ind)[_motive_index(env, ind)][1]


def _motive_index(env: Any, ind: Name) -> int:
    rec = env.find(ind.append("rec"))
    return list(rec.all).index(ind) if isinstance(rec, RecursorInfo) and ind in rec.all else 0


def ensure_block_brec(env: Any, ind: Name) -> list[tuple[Name, Name]]:
    """`(below, brecOn)` for each motive of the block of `ind` (built and added through the kernel on first use)."""
    info, recs = block_recursors(env, ind)
    belows = _block_names(recs[0].all, len(recs), "below")
    brecs = _block_names(recs[0].all, len(recs), "brecOn")
    for j in range(len(recs)):
        if env.find(belows[j]) is None:
            _add_below(env, info, recs, j, belows[j])
    for j in range(len(recs)):
        if env.find(brecs[j]) is None:
            _add_brec_on(env, info, recs, j, belows, brecs[j])
    return list(zip(belows, brecs))


def _add_below(env: Any, info: InductiveInfo, recs: list[RecursorInfo], j: int, name: Name) -> None:
    rec = recs[j]
    c = E.FVarCounter()
    u = _fresh_level_name(info.level_params)
    lu = L.param(u)
    l1u = L.mk_max(L.ONE, lu)
    ilv = [L.param(p) for p in info.level_params]
    params, rmotives, minors, idx_major = _open_recursor(rec, [L.succ(l1u)] + ilv, c)
    motives = _user_motives(rec, [lu] + ilv, params, E.DEFAULT, c)
    sort = E.mk_sort(l1u)
    below_motives = [E.mk_lambda_fvars(_telescope(m.type, c)[0], sort) for m in rmotives]
    minor_vals = []
    for m in minors:
        fields, shapes, _ = _minor_parts(m, rmotives, c)
        ihs = [E.mk_fvar(Name.of(f"ih_{k}"), sort, None, E.DEFAULT, c) for k in range(len(shapes))]
        acc: Expr = E.mk_const(Name.of("PUnit"), [l1u])
        for (i, js, r), ih in reversed(list(zip(shapes, ihs))):
            comp = E.mk_app_n(E.mk_const(Name.of("PProd"), [lu, l1u]), [E.mk_app_n(motives[i], list(js) + [r]), ih])
            acc = E.mk_app_n(E.mk_const(Name.of("PProd"), [l1u, l1u]), [comp, acc])
        minor_vals.append(E.mk_lambda_fvars(fields + ihs, acc))
    body = E.mk_app_n(E.mk_const(rec.name, [L.succ(l1u)] + ilv), params + below_motives + minor_vals + idx_major)
    xs = params + motives + idx_major
    bis = [E.IMPLICIT] * (len(params) + len(motives)) + [E.DEFAULT] * len(idx_major)
    ty = E.mk_binding(True, xs, sort, bis)
    val = E.mk_binding(False, xs, body, bis)
    _add(env, DefinitionDecl(name, (u,) + tuple(info.level_params), ty, val, ABBREV_HINTS))


def _add_brec_on(env: Any, info: InductiveInfo, recs: list[RecursorInfo], j: int, belows: list[Name],
                 name: Name) -> None:
    rec = recs[j]
    c = E.FVarCounter()
    u = _fresh_level_name(info.level_params)
    lu = L.param(u)
    l1u = L.mk_max(L.ONE, lu)
    ilv = [L.param(p) for p in info.level_params]
    params, rmotives, minors, idx_major = _open_recursor(rec, [l1u] + ilv, c)
    motives = _user_motives(rec, [lu] + ilv, params, E.IMPLICIT, c)

    def below_of(i: int, js: Sequence[Expr], t: Expr) -> Expr:
        return E.mk_app_n(E.mk_const(belows[i], [lu] + ilv), list(params) + motives + list(js) + [t])

    def pair_t(i: int, js: Sequence[Expr], t: Expr) -> Expr:
        return E.mk_app_n(E.mk_const(Name.of("PProd"), [lu, l1u]), [E.mk_app_n(motives[i], list(js) + [t]),
                                                                      below_of(i, js, t)])

    # F_i : (is) → (t : I_i ps is) → below_i motives is t → motive_i is t
    fs = []
    for i, rm in enumerate(rmotives):
        fx, _ = _telescope(rm.type, c)
        fb = E.mk_fvar(Name.of("f"), below_of(i, fx[:-1], fx[-1]), None, E.DEFAULT, c)
        fs.append(E.mk_fvar(Name.of(f"F_{i + 1}"), E.mk_pi_fvars(fx + [fb], E.mk_app_n(motives[i], fx)), None,
                            E.DEFAULT, c))
    rec_motives = []
    for i, rm in enumerate(rmotives):
        fx, _ = _telescope(rm.type, c)
        rec_motives.append(E.mk_lambda_fvars(fx, pair_t(i, fx[:-1], fx[-1])))
    minor_vals = []
    for m in minors:
        fields, shapes, (i, cidx, cval) = _minor_parts(m, rmotives, c)
        ihs = [E.mk_fvar(Name.of(f"ih_{k}"), pair_t(i2, js, r), None, E.DEFAULT, c)
               for k, (i2, js, r) in enumerate(shapes)]
        acc: Expr = E.mk_const(Name.of("PUnit.unit"), [l1u])
        acc_t: Expr = E.mk_const(Name.of("PUnit"), [l1u])
        for (i2, js, r), ih in reversed(list(zip(shapes, ihs))):
            comp_t = pair_t(i2, js, r)
            acc = E.mk_app_n(E.mk_const(Name.of("PProd.mk"), [l1u, l1u]), [comp_t, acc_t, ih, acc])
            acc_t = E.mk_app_n(E.mk_const(Name.of("PProd"), [l1u, l1u]), [comp_t, acc_t])
        fst = E.mk_app_n(fs[i], list(cidx) + [cval, acc])
        val = E.mk_app_n(E.mk_const(Name.of("PProd.mk"), [lu, l1u]),
                         [E.mk_app_n(motives[i], list(cidx) + [cval]), below_of(i, cidx, cval), fst, acc])
        minor_vals.append(E.mk_lambda_fvars(fields + ihs, val))
    r = E.mk_app_n(E.mk_const(rec.name, [l1u] + ilv), params + rec_motives + minor_vals + idx_major)
    body = E.mk_proj(Name.of("PProd"), 0, r)
    xs = params + motives + idx_major + fs
    bis = [E.IMPLICIT] * (len(params) + len(motives) + len(idx_major) - 1) + [E.DEFAULT] * (1 + len(fs))
    ty = E.mk_binding(True, xs, E.mk_app_n(motives[j], idx_major), bis)
    val = E.mk_binding(False, xs, body, bis)
    _add(env, DefinitionDecl(name, (u,) + tuple(info.level_params), ty, val, ABBREV_HINTS))


def _skip(t: Expr, xs: Sequence[Expr]) -> Expr:
    for x in xs:
        t = E.instantiate1(t.body, x)  # type: ignore[attr-defined]
    return t


def _add(env: Any, decl: Any) -> None:
    try:
        env.add(decl)
    except KernelError as exc:
        raise ElabError(f"(kernel) could not build '{decl.name}': {exc.message}") from None


# ====================================================================== declaration bodies

def elab_decl_body(ce: Any, te: Any, cmd: A.Decl, name: Name | None, xs: list[FVar], t: Expr) -> Expr:
    """The value of the declaration `cmd` (binders `xs`, type `t`), in the context of `xs`."""
    mods = cmd.mods
    if mods.unsafe:
        raise ElabError("'unsafe' declarations are not supported yet (leanr checks safe declarations only)", cmd.span)
    value = cmd.value
    if value is None:  # `opaque c : T`
        return _default_value(te, cmd, name, xs, t)
    names: set[str] = set()
    if name is not None and cmd.name is not None:
        names = {cmd.name.name, str(name.last), str(name)} if not mods.nonrec else set()
        if mods.visibility == "protected" and names and name.prefix is not None:
            # Lean's short name of a protected `A.B.f` is `B.f`: a bare `f` is not the function itself
            names = {str(name), f"{name.prefix.last}.{name.last}"}
    value = _lift_let_rec(value, names)
    cmd = replace(cmd, value=value)
    aux = getattr(ce, "where_own", {}).get(name)
    if aux is not None:  # a `where` auxiliary: its leading arguments are the enclosing locals it uses
        te.closure_scope = {str(x.name): x for x in te.meta.lctx}
        te.closure_consts = dict(ce.where_closures)
        te.self_prefix = list(xs[:len(xs) - aux])
    if getattr(value, "where", ()):
        _elab_where(ce, te, cmd, name, names, xs)
        value = replace(value, where=())
        cmd = replace(cmd, value=value)
    recursive = bool(names) and mentions_name(value, names)
    if cmd.termination is not None and cmd.termination.termination_by is not None:
        tb = cmd.termination.termination_by
        if not recursive or mods.partial and not tb.structural:
            raise ElabError("well-founded recursion ('termination_by') is not supported yet", cmd.termination.span)
        if not tb.structural:
            from .wf import elab_wf_body
            return elab_wf_body(te, cmd, name, names, xs, t)  # type: ignore[arg-type]
    elif cmd.termination is not None:
        if not recursive or mods.partial:
            raise ElabError("well-founded recursion ('decreasing_by') is not supported yet", cmd.termination.span)
        from .wf import elab_wf_body
        return elab_wf_body(te, cmd, name, names, xs, t)  # type: ignore[arg-type]
    if mods.partial:
        return _partial_body(te, cmd, name, names, xs, t)
    if not recursive:
        meta = te.meta
        n0 = len(meta.lctx)
        try:
            body, ys, match_r = _plain_body(te, cmd, xs, t, None)
            if match_r is not None and name is not None:
                ce_note_equations(te, name, xs, ys, [], match_r)
            return meta.mk_lambda_fvars(ys, body)
        finally:
            meta.pop_locals(len(meta.lctx) - n0)
    return _structural(ce, te, cmd, name, names, xs, t)


def _lift_let_rec(value: Any, names: set[str]) -> Any:
    """`:= let rec g … := v; body` (or `by let rec g … := v; tacs`) is `:= body where g … := v`: Lean makes
    both the auxiliary definition `f.g`. A `let rec` deeper in the body is refused by the term elaborator."""
    if not isinstance(value, A.ValSimple):
        return value
    term = value.term
    lifted: list[A.LetDecl] = []
    while True:
        while isinstance(term, A.Paren):
            term = term.term
        if isinstance(term, A.Let) and _is_let_rec(term.decl):
            lifted.append(term.decl)
            term = term.body
            continue
        if isinstance(term, A.By) and term.tactics.tactics:
            first = term.tactics.tactics[0]
            if first.name == "let" and len(first.args) == 1 and isinstance(first.args[0], A.LetDecl) \
                    and _is_let_rec(first.args[0]) and len(term.tactics.tactics) > 1:
                lifted.append(first.args[0])
                rest = term.tactics.tactics[1:]
                term = A.By(term.span, A.TacticSeq(rest[0].span.to(rest[-1].span), rest))
                continue
        break
    if not lifted:
        return value
    return A.ValSimple(value.span, term, tuple(lifted) + tuple(value.where))


def _is_let_rec(d: A.LetDecl) -> bool:
    """A `let rec` that calls itself (one that does not is an ordinary `let`)."""
    if not d.rec or not isinstance(d.pattern, A.Ident):
        return False
    own = {n.name for b in d.binders if isinstance(b, A.Binder) for n in b.names if isinstance(n, A.Ident)}
    return d.pattern.name not in own and mentions_name((d.value, d.alts), {d.pattern.name})


def _mentions_free(stx: Any, name: str) -> bool:
    """Does `name` occur in `stx` outside the alternatives whose patterns bind it and the `fun`s and `let`s
    that rebind it? (Other binders are not looked at: an occurrence they shadow still counts.)"""
    stack = [stx]
    while stack:
        n = stack.pop()
        if isinstance(n, (tuple, list)):
            stack.extend(n)
            continue
        if not isinstance(n, A.Node):
            continue
        if isinstance(n, A.Ident):
            if n.name == name:
                return True
            continue
        if isinstance(n, A.MatchAlt):
            if any(i.name == name for i in iter_nodes(n.patterns, A.Ident)):
                continue
        elif isinstance(n, A.Lam):
            if any(isinstance(b, A.Binder) and any(isinstance(x, A.Ident) and x.name == name for x in b.names)
                   for b in n.binders):
                stack.extend(b.type for b in n.binders if isinstance(b, A.Binder) and b.type is not None)
                continue
        elif isinstance(n, A.Let) and isinstance(n.decl.pattern, A.Ident) and n.decl.pattern.name == name:
            stack.append(n.decl)
            continue
        stack.extend(syntax_children(n))
    return False


def _elab_where(ce: Any, te: Any, cmd: A.Decl, name: Name | None, names: set[str], xs: list[FVar]) -> None:
    """`def f … where g … := …`: each `g` becomes the definition `f.g` (declared first, through the kernel),
    and `g` denotes it in the body of `f` (the namespace `f` is open there), as in Lean. `f.g` takes the
    parameters of `f` it uses (those the header's binders name, with the ones their types need) as leading
    arguments, which every reference to `g` in `f` and in the later `where` declarations passes along."""
    wheres = cmd.value.where  # type: ignore[union-attr]
    if name is None:
        raise ElabError("'where' clauses on an anonymous declaration are not supported yet", cmd.span)
    where_names = [d.pattern.name if isinstance(d.pattern, A.Ident) else "" for d in wheres]
    outer = [str(x.name) for x in xs]
    binder_types = {n.name: b.type for b in cmd.binders if isinstance(b, A.Binder)
                    for n in b.names if isinstance(n, A.Ident)}
    if not hasattr(ce, "where_own"):
        ce.where_own, ce.where_closures = {}, {}
    captured_of: dict[str, set[str]] = {}
    for k, d in enumerate(wheres):
        if not isinstance(d.pattern, A.Ident) or any(not isinstance(b, A.Binder) for b in d.binders):
            raise ElabError("this form of 'where' declaration is not supported yet", d.span)
        own = {n.name for b in d.binders for n in b.names if isinstance(n, A.Ident)}
        parts = (d.binders, d.type, d.value, d.alts)
        if mentions_name(parts, (names - own) | set(where_names[k + 1:])):
            raise ElabError("'where' and 'let rec' declarations that use the declaration itself or later ones "
                            "are not supported yet", d.span)
        # the parameters it mentions (a pattern variable of the same name counts: one argument too many at
        # worst), those of the earlier auxiliaries it uses, and what their binder types mention
        used = {n for n in outer if n not in own and _mentions_free(parts, n)}
        for j in range(k):
            if mentions_name(parts, {where_names[j]}):
                used |= captured_of[where_names[j]]
        todo = list(used)
        while todo:
            ty = binder_types.get(todo.pop())
            for n in outer:
                if n not in used and ty is not None and mentions_name(ty, {n}):
                    used.add(n)
                    todo.append(n)
        captured_of[where_names[k]] = used
        captured_binders = []
        for b in cmd.binders:
            if not isinstance(b, A.Binder):
                continue
            keep = tuple(n for n in b.names if isinstance(n, A.Ident) and n.name in used)
            if keep:
                captured_binders.append(replace(b, names=keep))
            elif not b.names and b.kind == "inst" and b.type is not None and \
                    any(mentions_name(b.type, {n}) for n in used):
                captured_binders.append(b)   # an instance over captured parameters comes along
        full = name
        for c in Name.of(d.pattern.name).components():
            full = full.append(c)
        ce.where_own[full] = sum(max(1, len(b.names)) for b in d.binders)
        mods = A.Modifiers(d.span, None, (), None, cmd.mods.noncomputable, cmd.mods.partial, False)
        body = A.ValSimple(d.span, d.value) if d.value is not None else A.ValEqns(d.span, d.alts)
        sub = A.Decl(d.span, mods=mods, kind="def", name=A.Ident(d.pattern.span, "_root_." + str(full)),
                     univs=cmd.univs, binders=tuple(captured_binders) + tuple(d.binders), type=d.type, value=body,
                     termination=getattr(d, "termination", None))
        ce._decl(sub)  # noqa: SLF001 - the same path as a top-level definition
    te.opens = tuple(te.opens) + (name,)
    te.closure_scope = {str(x.name): x for x in te.meta.lctx}
    te.closure_consts = dict(ce.where_closures)


def _plain_body(te: Any, cmd: A.Decl, xs: list[FVar], t: Expr, pre: Any) -> tuple[Expr, list[FVar], Any]:
    """Elaborate the body: `:= e`, or equations over fresh locals for the leading arguments of `t`. Returns
    the body (in the context of xs and the equations' locals), those locals, and the match result."""
    meta = te.meta
    value = cmd.value
    if isinstance(value, A.ValSimple):
        m = value.term
        while isinstance(m, A.Paren):
            m = m.term
        t_known = E.get_app_fn(meta.instantiate_mvars(t)).kind != E.MVAR
        if isinstance(m, A.Match) and m.motive is None and m.generalizing and t_known and all(
                d.hyp is None and isinstance(d.term, A.Ident) for d in m.discrs):
            # `:= match x, y with …` on the parameters: compiled here so that its equations are known
            fvs = [te._find_local(Name.of(d.term.name)) for d in m.discrs]  # noqa: SLF001
            if all(f is not None and f in xs for f in fvs) and len(set(fvs)) == len(fvs):
                r = compile_match(te, fvs, [None] * len(fvs), m.alts, t, m.span)
                return r.term, [], r
        return te.elab_term(value.term, t), [], None
    if not isinstance(value, A.ValEqns):
        raise ElabError("this form of declaration body is not supported yet", cmd.span)
    n = len(value.alts[0].patterns[0]) if value.alts and value.alts[0].patterns else 0
    ys: list[FVar] = pre if pre is not None else _intro_args(te, t, n, cmd.span)
    rest = t
    for y in ys:
        w = meta.whnf(meta.instantiate_mvars(rest)) if rest.kind != PI else rest
        rest = E.instantiate1(w.body, y)  # type: ignore[attr-defined]
    r = compile_match(te, ys, [None] * n, value.alts, rest, value.span)
    return r.term, ys, r


def _intro_args(te: Any, t: Expr, n: int, span: Any) -> list[FVar]:
    meta = te.meta
    ys: list[FVar] = []
    for i in range(n):
        w = meta.whnf(meta.instantiate_mvars(t)) if t.kind != PI else t
        if w.kind != PI:
            raise ElabError(f"invalid pattern equations: the type has fewer than {n} argument(s)\n  {te.pp(t)}",
                            span)
        nm = w.name  # type: ignore[attr-defined]
        from .term import hygienic
        base = "x" if nm.is_anonymous() or "_hyg" in str(nm) else str(nm.last)
        y = meta.push_local(hygienic(base), w.type, w.bi)  # type: ignore[attr-defined]
        ys.append(y)
        t = E.instantiate1(w.body, y)  # type: ignore[attr-defined]
    return ys


def body_with_self(te: Any, cmd: A.Decl, names: set[str], xs: list[FVar], t: Expr,
                   n_eq: int) -> tuple[list[FVar], list[FVar], Expr, Any]:
    """The body elaborated with the function itself as locals (`selfs`), over the arguments `ys` its
    equations take: `(selfs, ys, body, match result)`. Its `by` blocks have run (as Lean runs them before
    compiling the recursion), so a call made by a tactic is seen. The caller pops the locals."""
    selfs = _push_self(te, names, xs, t)
    ys = _intro_args(te, t, n_eq, cmd.span)
    body, match_r = settled_body(te, cmd, xs, t, ys)
    return selfs, ys, body, match_r


def settled_body(te: Any, cmd: A.Decl, xs: list[FVar], t: Expr, ys: list[FVar]) -> tuple[Expr, Any]:
    """The body over the equations' arguments `ys` with its pending instances synthesized (a final pass only
    when metavariables are left): `(body, match result)`."""
    body, _, match_r = _plain_body(te, cmd, xs, t, ys)
    te.synthesize(False)
    body = te.meta.instantiate_mvars(body)
    if E.find(body, lambda e: e.kind == E.MVAR) is not None:
        te.synthesize(True)
        body = te.meta.instantiate_mvars(body)
    return body, match_r


def _push_self(te: Any, names: set[str], xs: list[FVar], t: Expr) -> list[FVar]:
    meta = te.meta
    ft = meta.mk_pi_fvars(xs, t)
    selfs = [meta.push_local(Name.of(n), ft) for n in sorted(names)]
    prefix = getattr(te, "self_prefix", None)
    if prefix:  # a `where` auxiliary calls itself with the enclosing locals it closes over fixed
        for x in selfs:
            te.closure_fvars[x] = list(prefix)
    return selfs


def _partial_body(te: Any, cmd: A.Decl, name: Name | None, names: set[str], xs: list[FVar], t: Expr) -> Expr:
    """As Lean: the body is elaborated (with the function as a local) and checked, and the constant is an
    opaque one whose value is `default`, so the type must be inhabited."""
    meta = te.meta
    n0 = len(meta.lctx)
    try:
        selfs = _push_self(te, names, xs, t)
        body, ys, _ = _plain_body(te, cmd, xs, t, None)
        te.synthesize(False)
        if len(selfs) == 1 and name is not None and not te.closure_fvars:
            # its code, for `#eval`: Lean's `f._unsafe_rec` (added with the declaration, see `add_partial_code`)
            te.partial_code = (selfs[0], meta.mk_lambda_fvars(ys, body), len(xs))
    finally:
        meta.pop_locals(len(meta.lctx) - n0)
    return _default_value(te, cmd, name, xs, t)


def add_partial_code(env: Any, te: Any, name: Name, lparams: Sequence[Name], params: Sequence[FVar],
                     type_: Expr) -> None:
    """`name._unsafe_rec`: the body of the `partial def name` (over `params`), its recursive calls to itself,
    as an unsafe definition (the kernel checks its type, not its termination): what `#eval` runs, as Lean's
    `implemented_by`. Left out when the kernel refuses it (`#eval` then declines)."""
    code = te.partial_code
    if code is None:
        return
    meta = te.meta
    self_local, body, n_own = code
    impl = name.append("_unsafe_rec")
    # the recursive calls pass the function's own arguments; the section variables before them are fixed
    head = E.mk_app_n(E.mk_const(impl, [L.param(u) for u in lparams]), params[:len(params) - n_own])
    body = E.replace(meta.instantiate_mvars(body), lambda x, off: head if x is self_local else None)
    value = meta.mk_lambda_fvars(params, body)
    if value.flags & (E.HAS_MVAR | E.HAS_FVAR):
        return
    try:
        env.add(DefinitionDecl(impl, tuple(lparams), type_, value, OPAQUE_HINTS, UNSAFE))
    except KernelError:
        pass



def _default_value(te: Any, cmd: A.Decl, name: Name | None, xs: list[FVar], t: Expr) -> Expr:
    """`fun args => default`: the value Lean gives a `partial def` or an `opaque` constant."""
    meta = te.meta
    m0 = len(meta.lctx)
    try:
        ys = []
        rest = t
        while True:
            w = meta.whnf(meta.instantiate_mvars(rest))
            if w.kind != PI:
                break
            y = meta.push_local(w.name, w.type, w.bi)  # type: ignore[attr-defined]
            ys.append(y)
            rest = E.instantiate1(w.body, y)  # type: ignore[attr-defined]
        # as Lean's `mkInhabitantFor`, an argument of the result type is an inhabitant (`foo l → foo l`)
        for y in reversed(list(xs) + ys):
            st = meta.save()
            if meta.is_def_eq(meta.instantiate_mvars(y.type), rest):
                meta.commit(st)
                return meta.mk_lambda_fvars(ys, y)
            meta.restore(st)
        if te.env.find(Name.of("Inhabited.default")) is None:
            raise ElabError("'partial' needs 'Inhabited', which is not in the environment", cmd.span)
        try:
            d = te.mk_app_m("Inhabited.default", [], cmd.span)
            if not meta.is_def_eq(meta.infer_type(d), rest):
                raise ElabError("type mismatch")
            te.synthesize(True)
        except ElabError:
            what = "partial" if cmd.mods.partial else cmd.kind
            raise ElabError(f"failed to compile '{what}' definition '{name}', could not prove that the type\n  "
                            f"{te.pp(meta.mk_pi_fvars(xs, t))}\nis nonempty.", cmd.span) from None
        return meta.mk_lambda_fvars(ys, d)
    finally:
        meta.pop_locals(len(meta.lctx) - m0)


def _structural(ce: Any, te: Any, cmd: A.Decl, name: Name, names: set[str], xs: list[FVar], t: Expr) -> Expr:
    meta = te.meta
    value = cmd.value
    n_eq = 0
    if isinstance(value, A.ValEqns) and value.alts and value.alts[0].patterns:
        n_eq = len(value.alts[0].patterns[0])
    base = meta.save()
    pending0 = list(te.pending)
    tries: dict[int, str] = {}   # why each candidate argument failed, by position
    n0 = len(meta.lctx)
    # candidate positions: each argument, in order, of an inductive type (or the one `termination_by
    # structural x` names)
    n_args = len(xs) + n_eq
    chosen = _structural_target(cmd, xs, n_eq)
    # each candidate first with the earlier arguments fixed, then (when a call changes one) with those it
    # can move into the motive, as Lean's fixed prefix: `f (x-2) y` recursing on `y` changes `x`
    attempts = [(i, moving) for i in range(n_args) for moving in (False, True)]
    retry: set[int] = set()
    for i, moving in attempts:
        if chosen is not None and chosen[0] != i:
            continue
        if moving and i not in retry:
            continue
        try:
            ys = _intro_args(te, t, n_eq, cmd.span)
            args = list(xs) + ys
            x = args[i]
            xt = meta.whnf(meta.instantiate_mvars(x.type))
            h = E.get_app_fn(xt)
            info = te.env.find(h.name) if h.kind == CONST else None  # type: ignore[attr-defined]
            if not isinstance(info, InductiveInfo):
                raise _Skip("its type is not an inductive")
            # the indices of its type must be distinct earlier arguments: they go into the motive
            idx = list(E.get_app_args(xt)[info.num_params:])
            if any(ix.kind != FVAR or ix not in args[:i] for ix in idx) or len(set(idx)) != len(idx):
                raise _Skip(f"its type {h.name} is an inductive family and indices are not variables\n    "  # type: ignore[attr-defined]
                            f"{te.pp(xt)}")
            if any(_mentions(E.get_app_args(xt)[k], y) for k in range(info.num_params) for y in args[i:] + idx):
                raise _Skip("the parameters of its type depend on later arguments or on its indices")
            first_idx = min((args.index(ix) for ix in idx), default=i)
            if any(_mentions(meta.instantiate_mvars(y.type), ix) for y in args[first_idx:i] if y not in idx
                   for ix in idx):
                raise _Skip("a fixed argument depends on an index of its type")
            moved: list[FVar] = []
            if moving:
                outside = [xt] + [meta.instantiate_mvars(ix.type) for ix in idx]
                moved = [y for y in args[:i] if y not in idx and not any(_mentions(o, y) for o in outside)]
                kept = [y for y in args[:i] if y not in idx and y not in moved]
                if any(_mentions(meta.instantiate_mvars(z.type), y) for z in kept for y in moved):
                    raise _Skip("a fixed argument depends on an argument that changes")
            rest = t
            for y in ys:
                rest = E.instantiate1((meta.whnf(rest) if rest.kind != PI else rest).body, y)  # type: ignore[attr-defined]
            after = moved + args[i + 1:]
            motive_body = meta.mk_pi_fvars(after, rest)
            motive = meta.mk_lambda_fvars(idx + [x], motive_body)
            lvl = te.ensure_type(motive_body, cmd.span)
            try:
                if block_recursors(te.env, info.name)[1][0].num_motives != 1:
                    raise ElabError(f"structural recursion of a single function over the mutual or nested inductive "
                                    f"type '{info.name}' is not supported yet")
                below_n = ensure_below(te.env, info.name)
                brec_n = ensure_brec_on(te.env, info.name)
            except ElabError as exc:
                raise _Skip(exc.message) from None
            params = E.get_app_args(xt)[:info.num_params]
            lv = [lvl] + list(h.levels)  # type: ignore[attr-defined]
            below_t = E.mk_app_n(E.mk_const(below_n, lv), list(params) + [motive] + idx + [x])
            selfs = _push_self(te, names, xs, t)
            below = meta.push_local(Name.of("x✝below"), below_t)
            te.mark_pattern_lets = True
            try:
                body, match_r = settled_body(te, cmd, xs, t, ys)
            finally:
                te.mark_pattern_lets = False
            if not any(_mentions(body, s) for s in selfs):  # not recursive after all (`x.f` was another `f`)
                if match_r is not None:
                    ce_note_equations(te, name, xs, ys, [], match_r)
                val = meta.mk_lambda_fvars(ys, zeta_pattern_lets(body))
                meta.pop_locals(len(meta.lctx) - n0)
                return val
            new_body = _Replacer(te, selfs, list(xs) + ys, i, x, below, below_n, idx, moved).run(body)
            new_body = zeta_pattern_lets(new_body)
            F = meta.mk_lambda_fvars(idx + [x, below], meta.mk_lambda_fvars(after, new_body))
            app = E.mk_app_n(E.mk_const(brec_n, lv), list(params) + [motive] + idx + [x, F])
            result = E.mk_app_n(app, after)
            if any(_mentions(result, s) for s in selfs):
                raise _Skip("a recursive call is left")
            val = meta.mk_lambda_fvars(ys, result)
            ce_note_equations(te, name, xs, ys, selfs, match_r, _without_below(te, zeta_pattern_lets(body), below))
            meta.pop_locals(len(meta.lctx) - n0)
            return val
        except _Skip as exc:
            if chosen is not None:  # the argument the user named cannot be used at all
                meta.pop_locals(len(meta.lctx) - n0)
                raise ElabError(f"cannot use specified measure for structural recursion:\n  {exc.args[0]}",
                                cmd.span) from None
            tries[i] = f"Cannot use parameter {_param_label(chosen, i, xs)}:\n  {exc.args[0]}"
        except ElabError as exc:
            if not _is_recursion_failure(exc):
                meta.pop_locals(len(meta.lctx) - n0)
                raise
            if not moving and _CHANGES_FIXED in exc.message:
                retry.add(i)
                meta.pop_locals(len(meta.lctx) - n0)
                meta.restore(base)
                base = meta.save()
                te.pending = list(pending0)
                continue
            tries[i] = (f"Cannot use parameter {_param_label(chosen, i, xs)}:\n  "
                        f"{exc.message[len(_REC_FAIL):].lstrip(': ')}")
        meta.pop_locals(len(meta.lctx) - n0)
        meta.restore(base)
        base = meta.save()
        te.pending = list(pending0)
    # the name may have been mentioned without a recursive call (`x.f` for another `f`): elaborate as is
    fixed: set[int] = set()
    try:
        selfs, ys, body, match_r = body_with_self(te, cmd, names, xs, t, n_eq)
        if not any(_mentions(body, s) for s in selfs):
            if match_r is not None:
                ce_note_equations(te, name, xs, ys, [], match_r)
            return meta.mk_lambda_fvars(ys, body)
        fixed = _fixed_positions(body, selfs, list(xs) + ys)
    except ElabError:
        pass
    finally:
        meta.pop_locals(len(meta.lctx) - n0)
    meta.restore(base)
    te.pending = list(pending0)
    if chosen is None:   # as Lean, arguments every call passes unchanged are no candidates
        for i in fixed:
            tries[i] = (f"Not considering parameter {_param_label(None, i, xs)} of {name}:\n"
                        "  it is unchanged in the recursive calls")
    detail = "\n".join(tries[i] for i in sorted(tries))
    if chosen is None and len(fixed) == n_args:
        raise ElabError(f"fail to show termination for\n  {name}\nwith errors\nfailed to infer structural "
                        f"recursion:\n{detail + chr(10) if detail else ''}no parameters suitable for structural "
                        f"recursion\n\nwell-founded recursion cannot be used, `{name}` does not take any "
                        "(non-fixed) arguments", messages.decl_ref(cmd))
    if chosen is not None:  # the user asked for structural recursion: a definite error, as Lean reports it
        raise ElabError(f"failed to infer structural recursion:\n{detail}", cmd.span)
    refusal = ElabError(f"fail to show termination for\n  {name}\nstructural recursion cannot be used:\n{detail}\n"
                        "(well-founded recursion is not supported yet)", cmd.span)
    if "not supported yet" in detail:   # Lean may recurse structurally where leanr cannot: no guess
        raise refusal
    from .wf import elab_wf_body
    return elab_wf_body(te, cmd, name, names, xs, t, refusal, detail)   # a guessed measure, else `refusal`


def _fixed_positions(body: Expr, selfs: list[FVar], args: list[FVar]) -> set[int]:
    """The positions of `args` that every recursive call in `body` (an application of one of `selfs`)
    passes unchanged. A use of the function that is not applied fixes nothing."""
    heads = set(selfs)
    as_fn: set[Expr] = set()   # subterms that are the function part of a larger application
    calls: list[Expr] = []
    for x in E.subterms(body):
        if x.kind == E.APP:
            as_fn.add(x.fn)  # type: ignore[attr-defined]
    for x in E.subterms(body):
        if x in as_fn or E.get_app_fn(x) not in heads:
            continue
        calls.append(x)
    fixed = set(range(len(args)))
    for c in calls:
        passed = E.get_app_args(c)
        fixed = {k for k in fixed if k < len(passed) and passed[k] == args[k]}
    return fixed


def _structural_target(cmd: A.Decl, xs: list[FVar], n_eq: int) -> tuple[int, str] | None:
    """The argument `termination_by structural x` names (position among the binders and the equations'
    arguments, and its name)."""
    term = cmd.termination.termination_by if cmd.termination is not None else None
    if term is None or not term.structural:
        return None
    if not isinstance(term.term, A.Ident):
        raise ElabError("'termination_by structural' expects an argument name", term.term.span)
    target = term.term.name
    names = [str(x.name) for x in xs] + [""] * n_eq
    for k, v in enumerate(term.vars):  # `termination_by structural a b => b` names the trailing arguments
        if isinstance(v, A.Ident) and n_eq - len(term.vars) + k >= 0:
            names[len(xs) + n_eq - len(term.vars) + k] = v.name
    if target not in names:
        raise ElabError(messages.unknown_identifier(target), term.term.span)
    return len(names) - 1 - names[::-1].index(target), target


def _param_label(chosen: tuple[int, str] | None, i: int, xs: list[FVar]) -> str:
    """How Lean names a candidate parameter: the name the user gave it, else its position."""
    if chosen is not None:
        return chosen[1]
    if i < len(xs) and not xs[i].name.is_anonymous() and "✝" not in str(xs[i].name):
        return str(xs[i].name)
    return f"#{i + 1}"


class _Skip(Exception):
    pass


_REC_FAIL = "recursive call"
_CHANGES_FIXED = "changes the fixed argument #"


def _is_recursion_failure(exc: ElabError) -> bool:
    return exc.message.startswith(_REC_FAIL)


def _mentions(e: Expr, x: Expr) -> bool:
    return bool(e.flags & E.HAS_FVAR) and E.find(e, lambda y: y is x) is not None


class _Replacer:
    """Replace the recursive calls `f … y …` of an elaborated body by projections of the `below` in scope."""

    def __init__(self, te: Any, selfs: list[FVar], args: list[FVar], i: int, x: FVar | None, below: FVar,
                 below_n: Name | frozenset, indices: Sequence[FVar] = (), moved: Sequence[FVar] = ()) -> None:
        self.indices = set(indices)   # arguments that are indices of the recursive argument's type: they vary
        self.moved = [args.index(y) for y in moved]  # earlier arguments that vary, bound by the motive
        self.te = te
        self.meta = te.meta
        self.selfs = set(selfs)
        self.args = args
        self.i = i
        self.below_ns = below_n if isinstance(below_n, frozenset) else frozenset((below_n,))
        self.belows: list[FVar] = [below]

    def run(self, e: Expr) -> Expr:
        from ..kernel.environment import deep_recursion
        with deep_recursion():
            return self._go(e)

    def _go(self, e: Expr) -> Expr:
        if not (e.flags & E.HAS_FVAR) or not any(_mentions(e, s) for s in self.selfs):
            return e
        k = e.kind
        if k == FVAR and e in self.selfs:
            raise ElabError(f"{_REC_FAIL} of '{e.name}' that is not applied to its arguments")  # type: ignore[attr-defined]
        if k == APP:
            f, args = E.get_app_fn_args(e)
            if f.kind == FVAR and f in self.selfs:
                return self._call(f, [self._go(a) for a in args])
            return E.mk_app_n(self._go(f), [self._go(a) for a in args])
        if k in (LAM, PI):
            meta = self.meta
            ty = self._go(e.type)  # type: ignore[attr-defined]
            x = meta.mk_local(e.name, ty, e.bi)  # type: ignore[attr-defined]
            body = E.instantiate1(e.body, x)  # type: ignore[attr-defined]
            pushed = False
            h = E.get_app_fn(ty)
            if h.kind == CONST and h.name in self.below_ns:  # type: ignore[attr-defined]
                self.belows.append(x)
                pushed = True
            try:
                nb = self._go(body)
            finally:
                if pushed:
                    self.belows.pop()
            nb = E.abstract(nb, [x])
            return E.mk_lam(e.name, ty, nb, e.bi) if k == LAM else E.mk_pi(e.name, ty, nb, e.bi)  # type: ignore[attr-defined]
        if is_pattern_let(e):
            # the variable of a variable pattern: opaque while its recursive calls are found, as in Lean
            x = self.meta.mk_local(e.name.prefix, e.type)  # type: ignore[attr-defined]
            nb = E.abstract(self._go(E.instantiate1(e.body, x)), [x])  # type: ignore[attr-defined]
            return E.instantiate1(nb, self._go(e.value))  # type: ignore[attr-defined]
        if k == E.LET:
            meta = self.meta
            x = meta.mk_local(e.name, self._go(e.type), E.DEFAULT, self._go(e.value))  # type: ignore[attr-defined]
            nb = E.abstract(self._go(E.instantiate1(e.body, x)), [x])  # type: ignore[attr-defined]
            return E.mk_let(e.name, x.type, x.value, nb, e.nondep)  # type: ignore[attr-defined]
        if k == E.PROJ:
            return E.mk_proj(e.sname, e.idx, self._go(e.struct))  # type: ignore[attr-defined]
        return e

    def _call(self, f: Expr, args: list[Expr]) -> Expr:
        if len(args) < self.i + 1:
            raise ElabError(f"{_REC_FAIL} '{f.name}' has too few arguments")  # type: ignore[attr-defined]
        for k in range(self.i):
            if self.args[k] in self.indices or k in self.moved:
                continue
            if args[k] is not self.args[k]:
                raise ElabError(f"{_REC_FAIL} {_CHANGES_FIXED}{k + 1}")
        y = args[self.i]
        found = self._find(self.belows[-1], y)
        if found is None:
            call = self.te.pp(E.mk_app_n(f, args))
            raise ElabError(f"{_REC_FAIL}: failed to eliminate recursive application\n    {call}")
        return E.mk_app_n(found, [args[k] for k in self.moved] + args[self.i + 1:])

    def _find(self, b: Expr, y: Expr) -> Expr | None:
        """A projection of `b : below motive t` of type `motive y`."""
        meta = self.meta
        bt = meta.instantiate_mvars(meta.infer_type(b))
        motive = E.get_app_args(bt)[-2]
        return find_in_below(meta, b, bt, y, motive, (motive,))


def find_in_below(meta: Any, b: Expr, bt: Expr, y: Expr, motive: Expr, motives: Sequence[Expr]) -> Expr | None:
    """A projection of `b : bt` (a `below`, nested `PProd`s) of type `motive y`: the pairs `(motive r, below r)`
    are recognized by their first component, an application of one of the block's `motives`."""
    todo = [(b, bt)]
    steps = 0
    while todo and steps < 10_000:
        steps += 1
        meta.gas.charge()
        cur, ty = todo.pop()
        h, targs = E.get_app_fn_args(meta.whnf(ty))
        if h.kind != CONST or str(h.name) != "PProd" or len(targs) != 2:  # type: ignore[attr-defined]
            continue
        fst_t, snd_t = targs
        fh = E.get_app_fn(fst_t)
        if any(fh is mo for mo in motives):
            if fh is motive and meta.is_def_eq(E.get_app_args(fst_t)[-1], y):
                return E.mk_proj(Name.of("PProd"), 0, cur)
            todo.append((E.mk_proj(Name.of("PProd"), 1, cur), snd_t))
            continue
        todo.append((E.mk_proj(Name.of("PProd"), 1, cur), snd_t))
        todo.append((E.mk_proj(Name.of("PProd"), 0, cur), fst_t))
    return None


# ====================================================================== equation lemmas

def add_equation_lemma(env: Any, lemma: Name, lparams: Sequence[Name], stmt: Expr, proof: Expr,
                       out: list[Name]) -> None:
    """Add the theorem `lemma : stmt` (kernel-checked) unless it exists, and list it in `out`."""
    if env.find(lemma) is None:
        env.add(TheoremDecl(lemma, tuple(lparams), stmt, proof))
        out.append(lemma)


def ce_note_equations(te: Any, name: Name, xs: list[FVar], ys: list[FVar], selfs: list[FVar], match_r: Any,
                      recursive_body: Expr | None = None) -> None:
    """Remember, on the term elaborator, what the equation lemmas of `name` are made of (used once the
    definition is in the environment). `recursive_body`: the body with its recursive calls (the `selfs`),
    before structural recursion compiled them, for a Lean-style `eq_def`."""
    te.equation_info = (name, list(xs), list(ys), list(selfs), match_r)
    te.__dict__["recursive_body"] = recursive_body


def add_equation_lemmas(env: Any, te: Any, name: Name, lparams: Sequence[Name], params: Sequence[FVar]) -> list[Name]:
    """Add `name.eq_def` and, for pattern equations, `name.eq_k` (one per alternative reached by one case
    of the compiled match), each proved by `Eq.refl` and checked by the kernel. `params` are all the
    constant's parameters (section variables first)."""
    meta = te.meta
    info = getattr(te, "equation_info", None)
    ci = env.find(name)
    if not isinstance(ci, DefinitionInfo):
        return []   # theorems and opaque constants have no equations
    lv = [L.param(p) for p in lparams]
    c = E.mk_const(name, lv)
    out: list[Name] = []
    f_app = E.mk_app_n(c, list(params))
    # eq_def: ∀ params, name params = value params (δ-unfolding)
    val = ci.value  # type: ignore[union-attr]
    if info is not None:
        _, xs, ys, selfs, match_r = info
        if match_r is not None:
            n_sec = len(params) - len(xs)
            for k, leaves in sorted(match_r.leaves.items()):
                if len(leaves) != 1:
                    continue
                lctx, examples, rhs, bindings = leaves[0]
                examples = [_as_numerals(te.env, meta.instantiate_mvars(x)) for x in examples]
                rhs = meta.instantiate_mvars(rhs)
                # the matched arguments (equations' locals, or parameters matched by `:= match`) take the
                # patterns' values, in the left-hand side and in the right-hand side
                at = dict(zip(match_r.discrs, examples))
                lhs = E.mk_app_n(c, [at.get(a, a) for a in list(params) + list(ys)])
                matched = [d for d in match_r.discrs if d in set(params)]
                rhs_c = E.instantiate_rev(E.abstract(rhs, matched), [at[d] for d in matched]) if matched else rhs
                consts = te.__dict__.get("equation_consts") or {}   # the other members of a mutual block
                for s in selfs:
                    c_s = E.mk_const(consts[s], lv) if s in consts else c
                    rhs_c = E.instantiate1(E.abstract(rhs_c, [s]), E.mk_app_n(c_s, list(params[:n_sec])))
                fvs = [v for v in lctx if v not in set(params) and (_mentions(lhs, v) or _mentions(rhs_c, v))]
                kept = [p for p in params if p not in at]
                fvs = _by_first_occurrence(fvs, lhs)
                # the locals of the case take the names of the pattern variables bound to them
                names_of = {v: n for n, v, _ in bindings if v.kind == FVAR}
                renamed: list[FVar] = []
                for v in fvs:
                    renamed.append(meta.mk_local(names_of.get(v, v.name),
                                                 E.instantiate_rev(E.abstract(v.type, fvs[:len(renamed)]), renamed)
                                                 if renamed
                                                 else v.type, v.bi))
                if fvs:
                    lhs = E.instantiate_rev(E.abstract(lhs, fvs), renamed)
                    rhs_c = E.instantiate_rev(E.abstract(rhs_c, fvs), renamed)
                    fvs = renamed
                if any(_mentions(rhs_c, s) for s in selfs):
                    continue
                try:
                    stmt_body = _mk_eq(meta, lhs, rhs_c)
                    stmt = meta.mk_pi_fvars(kept + fvs, stmt_body)
                    proof = meta.mk_lambda_fvars(kept + fvs, _mk_refl(meta, lhs))
                    if any(_mentions(stmt, d) for d in matched):
                        continue  # another parameter's type mentions a matched one
                    add_equation_lemma(env, name.append(f"eq_{k + 1}"), lparams, stmt, proof, out)
                except (KernelError, ElabError):
                    continue
    # eq_def: as Lean's, the body with its recursive calls when the definition is structurally recursive
    recursive_body = te.__dict__.get("recursive_body")   # None also when the body could not be freed of `below`
    if info is not None and recursive_body is not None and info[3]:
        try:
            _add_recursive_eq_def(env, te, name, lparams, params, info, recursive_body, out)
            return out
        except (KernelError, ElabError):
            pass   # the δ-unfolding below
    try:
        vb = val
        for p in params:
            vb = E.instantiate1(vb.body, p) if vb.kind == LAM else E.mk_app(vb, p)  # type: ignore[attr-defined]
        extra: list[FVar] = []   # the arguments the value takes beyond the binders (`| …` equations)
        while vb.kind == LAM:
            y = meta.mk_local(vb.name, vb.type, vb.bi)  # type: ignore[attr-defined]
            extra.append(y)
            vb = E.instantiate1(vb.body, y)  # type: ignore[attr-defined]
        lhs = E.mk_app_n(f_app, extra)
        stmt = meta.mk_pi_fvars(list(params) + extra, _mk_eq(meta, lhs, vb))
        proof = meta.mk_lambda_fvars(list(params) + extra, _mk_refl(meta, lhs))
        add_equation_lemma(env, name.append("eq_def"), lparams, stmt, proof, out)
    except (KernelError, ElabError):
        pass
    return out


_NAT, _SUCC, _ZERO = Name.of("Nat"), Name.of("Nat.succ"), Name.of("Nat.zero")


def _as_numerals(env: Any, e: Expr) -> Expr:
    """`Nat.succ (Nat.succ n)` as `n + 2` and `Nat.zero` as `0`, as the patterns were written (definitionally
    the same terms)."""
    needed = ("OfNat.ofNat", "instOfNatNat", "HAdd.hAdd", "instHAdd", "instAddNat")
    if any(env.find(Name.of(n)) is None for n in needed):
        return e
    nat = E.mk_const(_NAT)

    def lit(k: int) -> Expr:
        return E.mk_app_n(E.mk_const(Name.of("OfNat.ofNat"), [L.ZERO]),
                          [nat, E.mk_nat_lit(k), E.mk_app(E.mk_const(Name.of("instOfNatNat")), E.mk_nat_lit(k))])

    def visit(x: Expr, off: int) -> Expr | None:
        if x.kind == CONST and x.name is _ZERO:  # type: ignore[attr-defined]
            return lit(0)
        if x.kind != APP or E.get_app_fn(x).kind != CONST or E.get_app_fn(x).name is not _SUCC:  # type: ignore[attr-defined]
            return None
        k = 0
        while x.kind == APP and E.get_app_fn(x).kind == CONST and E.get_app_fn(x).name is _SUCC:  # type: ignore[attr-defined]
            k += 1
            x = x.arg  # type: ignore[attr-defined]
        if x.kind == CONST and x.name is _ZERO:  # type: ignore[attr-defined]
            return lit(k)
        base = E.replace(x, visit)
        add = E.mk_app_n(E.mk_const(Name.of("instHAdd"), [L.ZERO]), [nat, E.mk_const(Name.of("instAddNat"))])
        return E.mk_app_n(E.mk_const(Name.of("HAdd.hAdd"), [L.ZERO, L.ZERO, L.ZERO]), [nat, nat, nat, add, base, lit(k)])

    return E.replace(e, visit)


def _by_first_occurrence(fvs: list[FVar], e: Expr) -> list[FVar]:
    """`fvs` in the order they first occur in `e` read left to right (as Lean quantifies pattern variables),
    unless that order would put a local before one its type depends on."""
    order: list[FVar] = []
    want = set(fvs)
    stack = [e]
    while stack:
        x = stack.pop()
        if x.kind == FVAR:
            if x in want and x not in order:
                order.append(x)  # type: ignore[arg-type]
        elif x.flags & E.HAS_FVAR:
            stack.extend(reversed(E.children(x)))
    order += [v for v in fvs if v not in order]
    for i, v in enumerate(order):
        if any(_mentions(v.type, w) for w in order[i + 1:]):
            return fvs
    return order


def _add_recursive_eq_def(env: Any, te: Any, name: Name, lparams: Sequence[Name], params: Sequence[FVar],
                          info: tuple, body: Expr, out: list[Name]) -> None:
    """`name.eq_def : ∀ params ys, name params ys = body`, the body with `name` for its recursive calls, proved
    by splitting as the body splits (`casesOn` on a local), each case by `Eq.refl` (the kernel unfolds the
    compiled definition there)."""
    meta = te.meta
    _, xs, ys, selfs, _ = info
    n_sec = len(params) - len(xs)
    c = E.mk_const(name, [L.param(p) for p in lparams])
    rhs = meta.instantiate_mvars(body)
    for s in selfs:
        rhs = E.instantiate1(E.abstract(rhs, [s]), E.mk_app_n(c, list(params[:n_sec])))
    lhs = E.mk_app_n(c, list(params) + list(ys))
    binders = list(params) + list(ys)
    stmt = meta.mk_pi_fvars(binders, _mk_eq(meta, lhs, rhs))
    proof = meta.mk_lambda_fvars(binders, proof_by_cases(te, lhs, rhs))
    add_equation_lemma(env, name.append("eq_def"), lparams, meta.instantiate_mvars(stmt), proof, out)


def _without_below(te: Any, body: Expr, below: FVar) -> Expr | None:
    """The body as written, without the `below` local its matches were generalized over (the body was
    elaborated with it in scope): each `casesOn … b` that passes it on loses that argument, the binder its
    minor premises take for it, and the `B → ` of its motive. None if `below` is used otherwise."""
    env = te.env
    mark = E.mk_fvar(Name.of("✝below"), below.type)

    def strip_minor(m: Expr, n_fields: int) -> Expr | None:
        if n_fields == 0:
            if m.kind != LAM:
                return None
            return E.instantiate1(m.body, mark)  # type: ignore[attr-defined]
        if m.kind != LAM:
            return None
        inner = strip_minor(m.body, n_fields - 1)  # type: ignore[attr-defined]
        return None if inner is None else E.mk_lam(m.name, m.type, inner, m.bi)  # type: ignore[attr-defined]

    def fn(x: Expr, _off: int) -> Expr | None:
        app = cases_on_app(env, x)
        if app is None:
            return None
        f, args, ind = app
        first_minor = ind.num_params + 2
        n = first_minor + len(ind.ctors)
        if len(args) != n + 1 or args[n] is not mark:
            return None
        motive = args[ind.num_params]
        if motive.kind != LAM or motive.body.kind != PI or E.has_loose_bvar(motive.body.body, 0):  # type: ignore[attr-defined]
            raise _Skip("")
        new_motive = E.mk_lam(motive.name, motive.type, E.lower_loose_bvars(motive.body.body, 1),  # type: ignore[attr-defined]
                              motive.bi)  # type: ignore[attr-defined]
        minors = []
        for c, m in zip(ind.ctors, args[first_minor:n]):
            sm = strip_minor(m, env.find(c).num_fields)
            if sm is None:
                raise _Skip("")
            minors.append(E.replace(sm, fn))
        return E.mk_app_n(f, list(args[:ind.num_params]) + [new_motive, E.replace(args[ind.num_params + 1], fn)]
                          + minors)

    try:
        out = E.replace(E.instantiate1(E.abstract(body, [below]), mark), fn)
    except _Skip:
        return None
    return None if any(x is mark for x in E.subterms(out)) else out


def proof_by_cases(te: Any, lhs: Expr, rhs: Expr, depth: int = 0) -> Expr:
    """A proof of `lhs = rhs` that splits, as `rhs` does, on each local that a `casesOn` of `rhs` matches
    (after reducing the `casesOn`s on constructors), and closes each case by `Eq.refl`. Splits only on a
    local of a type without indices that no other local's type mentions."""
    from .match import ensure_cases_on

    meta, env = te.meta, te.env
    meta.gas.charge()
    rhs = reduce_cases_on_constructors(meta, env, rhs)
    site = None if depth > 64 else _cases_on_a_local(meta, env, rhs)
    if site is None:
        return _mk_refl(meta, lhs)
    y, ind, params = site
    others = {x for e in (lhs, rhs) for x in E.subterms(e) if x.kind == FVAR and x is not y}
    if any(_mentions(meta.instantiate_mvars(x.type), y) for x in others):  # type: ignore[attr-defined]
        return _mk_refl(meta, lhs)
    motive = meta.mk_lambda_fvars([y], _mk_eq(meta, lhs, rhs))
    head_levels = E.get_app_fn(meta.whnf(meta.instantiate_mvars(y.type))).levels  # type: ignore[attr-defined]
    minors = []
    for cname in ind.ctors:
        ctor = env.find(cname)
        ct = E.instantiate_level_params(ctor.type, ctor.level_params, list(head_levels))
        for p in params:
            ct = E.instantiate1(ct.body, p)  # type: ignore[attr-defined]
        fields: list[FVar] = []
        for k in range(ctor.num_fields):
            fx = meta.mk_local(Name.of(f"a{k}"), ct.type, E.DEFAULT)  # type: ignore[attr-defined]
            fields.append(fx)
            ct = E.instantiate1(ct.body, fx)  # type: ignore[attr-defined]
        value = E.mk_app_n(E.mk_app_n(E.mk_const(cname, list(head_levels)), params), fields)
        inner = proof_by_cases(te, E.instantiate1(E.abstract(lhs, [y]), value),
                               E.instantiate1(E.abstract(rhs, [y]), value), depth + 1)
        minors.append(meta.mk_lambda_fvars(fields, inner))
    cases_on = ensure_cases_on(env, ind.name)
    return E.mk_app_n(E.mk_const(cases_on, [L.ZERO] + list(head_levels)), list(params) + [motive, y] + minors)


def _cases_on_a_local(meta: Any, env: Any, e: Expr) -> tuple[FVar, InductiveInfo, list[Expr]] | None:
    """The first `I.casesOn … y …` of `e` (outside binders) on a local `y` of an inductive type without
    indices: (y, I, I's parameters)."""
    for x in E.subterms(e, skip=lambda t: t.kind in (LAM, PI, E.LET)):
        app = cases_on_app(env, x)
        if app is None:
            continue
        _, args, ind = app
        major = meta.instantiate_mvars(args[ind.num_params + 1])
        if major.kind == FVAR:
            return major, ind, list(args[:ind.num_params])  # type: ignore[return-value]
    return None


def reduce_cases_on_constructors(meta: Any, env: Any, e: Expr) -> Expr:
    """`e` with every `I.casesOn … (c fields) minors` (the major a constructor application, a `Nat` literal or
    `n + 1`) replaced by its case, as Lean's `reduceMatcher` after unfolding: what a match on a constructor
    gives."""
    def view(major: Expr) -> tuple[Name, list[Expr]] | None:
        if major.kind == FVAR:
            return None
        v = constructor_view(meta, env, major)
        return None if v is None else (v[0].name, v[2])

    def fn(x: Expr, _off: int) -> Expr | None:
        app = cases_on_app(env, x)
        if app is None:
            return None
        _, args, ind = app
        n_minors = len(ind.ctors)
        first_minor = ind.num_params + 2
        if len(args) < first_minor + n_minors or args[ind.num_params + 1].lbr:
            return None
        v = view(args[ind.num_params + 1])
        if v is None or v[0] not in ind.ctors:
            return None
        minor = args[first_minor + ind.ctors.index(v[0])]
        reduced = E.mk_app_n(minor, v[1] + list(args[first_minor + n_minors:]))
        return E.replace(head_beta(reduced), fn)

    if E.find(e, lambda x: x.kind == CONST and x.name.last == "casesOn") is None:  # type: ignore[attr-defined]
        return e
    return E.replace(e, fn)


def _mk_eq(meta: Any, a: Expr, b: Expr) -> Expr:
    t = meta.infer_type(a)
    u = meta.whnf(meta.infer_type(t))
    return E.mk_app_n(E.mk_const(Name.of("Eq"), [u.level]), [t, a, b])  # type: ignore[attr-defined]


def _mk_refl(meta: Any, a: Expr) -> Expr:
    t = meta.infer_type(a)
    u = meta.whnf(meta.infer_type(t))
    return E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [u.level]), [t, a])  # type: ignore[attr-defined]


def equation_lemmas(env: Any, name: Name) -> list[Name]:
    """The equation lemmas of the definition `name`, in Lean's order: `name.eq_1`, `name.eq_2`, … (one per
    pattern-equation alternative that holds by `rfl` without side conditions; numbering follows the
    alternatives, so a number may be skipped), then `name.eq_def : ∀ args, name args = body`. Each is a
    theorem already checked by the kernel, stated over the definition's parameters. Empty for a name
    that is not a definition compiled by this elaborator."""
    out: list[Name] = []
    k = 1
    misses = 0
    while misses < 64:
        n = name.append(f"eq_{k}")
        if env.find(n) is not None:
            out.append(n)
            misses = 0
        else:
            misses += 1
        k += 1
    d = name.append("eq_def")
    if env.find(d) is not None:
        out.append(d)
    return out
