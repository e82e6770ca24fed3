"""`mutual … end` blocks of definitions whose bodies do not refer to one another.

As Lean's `elabMutualDef`, the headers of a block are elaborated before any of its declarations exists, so
a header that names another member (`mutual abbrev N : Type := Nat; def n : N := 5 end`) meets an
`Unknown identifier`. When no body names another member (a member may still recurse on itself), the block
is the same as its declarations one after another, which is how it is elaborated. Bodies that call one
another are compiled as Lean compiles mutual structural recursion, through the `brecOn` of the block of
inductive types they recurse on (see `_elab_mutual_recursion`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import InductiveInfo
from ..kernel.expr import CONST, PI, Expr, FVar
from ..kernel.name import Name
from ..syntax import ast as A
from . import messages
from .autobound import with_auto_bound
from .errors import ElabError
from .match import iter_idents, zeta_pattern_lets
from .recursion import (
    _Replacer, add_equation_lemmas, block_recursors, ce_note_equations, ensure_block_brec, mentions_name, settled_body,
)
from .term import hygienic
from .messages import SORRY_WARNING

if TYPE_CHECKING:
    from .command import CommandElaborator

__all__ = ["elab_mutual_defs", "first_mention"]

_DEFINITION_KINDS = frozenset(("def", "theorem", "lemma", "abbrev", "instance", "opaque"))


def first_mention(roots: Iterable[object], names: frozenset[str]) -> A.Ident | None:
    """The first identifier (in source order) under `roots` that is one of `names` or a field of one."""
    hits = [i for i in iter_idents([r for r in roots if r is not None])
            if i.name in names or i.name.split(".", 1)[0] in names]
    return min(hits, key=lambda i: (i.span.line, i.span.col), default=None)


def elab_mutual_defs(ce: "CommandElaborator", cmd: A.Mutual) -> None:
    decls = list(cmd.commands)
    if not decls or not all(isinstance(d, A.Decl) and d.kind in _DEFINITION_KINDS and d.name is not None
                            for d in decls):
        raise ElabError("'mutual' blocks mixing definitions with other commands are not supported yet", cmd.span)
    members = [d.name.name for d in decls]  # type: ignore[union-attr]
    namespace = str(ce.scope.namespace)
    spelled = frozenset(members + [f"{namespace}.{m}" for m in members if namespace])
    for d in decls:
        hit = first_mention((d.binders, d.type), spelled)
        if hit is not None:
            raise ElabError(messages.unknown_identifier(hit.name), hit.span)
    calls = _calls_each_other(ce, decls, spelled)
    if calls is not None:
        try:
            _elab_mutual_recursion(ce, cmd, decls)
            return
        except ElabError:
            if calls == "named":
                raise
            # only field notation `x.f` matched a member's last name: it may be another `f`
    for d in decls:
        for m in ce.elab_command(d):
            if m.severity == "error":
                return


# ====================================================================== mutual structural recursion

_NOT_SUPPORTED = "not supported yet"


@dataclass
class _Member:
    decl: A.Decl
    name: Name
    namespace: Name
    ty: Expr                      # the closed type `∀ xs, t` of the header
    n_binders: int                # how many of its arguments are binders (`xs`), the rest are the equations'
    n_eq: int
    selfs: list[FVar] = field(default_factory=list)
    own: list[FVar] = field(default_factory=list)    # its arguments after the shared prefix
    rest: Expr | None = None      # the result type, over the prefix and `own`
    motive_index: int = 0
    equation_info: Any = None


def _calls_each_other(ce: "CommandElaborator", decls: list[A.Decl], spelled: frozenset[str]) -> str | None:
    """"named" when a body names another member, "field" when it may call one by field notation (`t.size`
    for `Tree.size`), else None."""
    found = None
    for d in decls:
        own = d.name.name  # type: ignore[union-attr]
        full = str(ce._decl_name(d))  # noqa: SLF001
        others = {s for s in spelled if s != own and not s.endswith("." + own)} | \
            {str(ce._decl_name(e)) for e in decls if e is not d} - {full}  # noqa: SLF001
        if first_mention((d.value,), frozenset(others)) is not None:
            return "named"
        if mentions_name(d.value, others):
            found = "field"
    return found


def _decline(what: str, span: Any) -> ElabError:
    return ElabError(f"mutual recursion {what} is {_NOT_SUPPORTED}", span)


def _elab_mutual_recursion(ce: "CommandElaborator", cmd: A.Mutual, decls: list[A.Decl]) -> None:
    """Compile the members structurally over one block of inductive types (Lean's mutual structural recursion):
    each member recurses on its argument after a prefix shared by all members, of a type of the block; the
    motive of each type of the block is the result type of the members over it (`PProd`s of them when several,
    `PUnit` when none), and each member is that type's `brecOn` applied to all the `F`s, its recursive calls
    (to itself or to another member) being projections of the `below` argument. Each value is then declared
    as a plain definition (no member refers to another), and equation lemmas are added once all exist."""
    for d in decls:
        if d.kind in ("opaque", "instance") or d.mods.partial or d.mods.unsafe or d.termination is not None \
                or getattr(d.value, "where", ()) or not isinstance(d.value, (A.ValSimple, A.ValEqns)):
            raise _decline(f"with '{d.kind}', 'partial', 'unsafe', 'termination_by', 'decreasing_by' or 'where'",
                           d.span)
    if ce.scope.variables:
        raise _decline("in a section with variables", cmd.span)
    if len({tuple(d.univs) for d in decls}) != 1:
        raise _decline("between declarations with different universe parameters", cmd.span)
    names = [ce._decl_name(d) for d in decls]  # noqa: SLF001
    for d, n in zip(decls, names):
        if ce.env.find(n) is not None:
            raise ElabError(f"'{n}' has already been declared", d.name.span)  # type: ignore[union-attr]
    te, meta = ce._term_elab(ce.scope.namespace, tuple(decls[0].univs))  # noqa: SLF001
    members: list[_Member] = []
    for d, n in zip(decls, names):
        te.namespace = n.prefix if n.prefix is not None else ce.scope.namespace
        n0 = len(meta.lctx)

        def header(autos: list, d: A.Decl = d) -> tuple[list, Expr]:
            xs = autos + te.elab_binders(d.binders)
            t = te.elab_type(d.type) if d.type is not None else meta.new_type_mvar()
            te.synthesize(d.type is not None)
            return xs, t

        te.auto_bound_levels = ce.auto_bound_mode() is not None
        fresh, (xs, t) = with_auto_bound(te, header, ce.auto_bound_mode())
        te.auto_bound_levels = False
        ty = meta.instantiate_mvars(meta.mk_pi_fvars(fresh + xs, t))
        meta.pop_locals(len(meta.lctx) - n0)
        if ty.flags & E.HAS_MVAR:
            raise _decline("of a declaration whose type is not fully given", d.span)
        n_eq = len(d.value.alts[0].patterns[0]) if isinstance(d.value, A.ValEqns) and d.value.alts and \
            d.value.alts[0].patterns else 0
        members.append(_Member(d, n, te.namespace, ty, len(fresh) + len(xs), n_eq))
    closed = _compile_block(te, members, cmd)
    from ..tactic.by import block_messages

    ce.messages.extend(block_messages(te, cmd.span))
    ce.precompiled_bodies.update({m.name: v for m, v in zip(members, closed)})
    try:
        for m in members:   # the same path as a top-level declaration, with the body given
            if any(x.severity == "error" for x in ce.elab_command(m.decl)):
                return
    finally:
        for m in members:
            ce.precompiled_bodies.pop(m.name, None)
    sorry = Name.of("sorryAx")
    for m, v in zip(members, closed):
        if E.find(v, lambda e: e.kind == CONST and e.name is sorry) is not None:  # type: ignore[attr-defined]
            ce._msg(m.decl.name.span, "warning", SORRY_WARNING)  # type: ignore[union-attr]  # noqa: SLF001
            ce.sorry_decls.add(m.name)
    # equation lemmas, now that every member exists (the right-hand sides call one another)
    consts = {s: m.name for m in members for s in m.selfs}
    te.equation_consts = consts
    for m in members:
        if m.equation_info is not None and m.decl.kind not in ("theorem", "lemma"):
            te.equation_info = m.equation_info
            params = m.equation_info[1]
            add_equation_lemmas(ce.env, te, m.name, ce.env.find(m.name).level_params, params)


def _open_member(te: Any, m: _Member, prefix: list[FVar]) -> tuple[list[FVar], list[FVar], Expr] | None:
    """Open `m`'s type over `prefix` (its first arguments, which must have the same names and types) and fresh
    locals for the rest, its binders then its equations' arguments: `(binders, equations' args, result)`,
    or None when its first arguments differ. The locals are not left in the context."""
    meta = te.meta
    t = m.ty
    for p in prefix:
        w = meta.whnf(t) if t.kind != PI else t
        if w.kind != PI or w.name is not p.name or not meta.is_def_eq(w.type, p.type):  # type: ignore[attr-defined]
            return None
        t = E.instantiate1(w.body, p)  # type: ignore[attr-defined]
    own: list[FVar] = []
    for _ in range(m.n_binders - len(prefix)):
        own.append(E.mk_fvar(t.name, t.type, None, t.bi, meta.checker.fvars))  # type: ignore[attr-defined]
        t = E.instantiate1(t.body, own[-1])  # type: ignore[attr-defined]
    ys: list[FVar] = []
    for _ in range(m.n_eq):
        w = meta.whnf(t) if t.kind != PI else t
        if w.kind != PI:
            return None
        nm = w.name  # type: ignore[attr-defined]
        base = "x" if nm.is_anonymous() or "_hyg" in str(nm) else str(nm.last)
        ys.append(meta.mk_local(hygienic(base), w.type, w.bi))  # type: ignore[attr-defined]
        t = E.instantiate1(w.body, ys[-1])  # type: ignore[attr-defined]
    return own, ys, t


def _pack_type(meta: Any, ts: list[Expr]) -> Expr:
    out = ts[-1]
    for a in reversed(ts[:-1]):
        out = E.mk_app_n(E.mk_const(Name.of("PProd"), [_level(meta, a), _level(meta, out)]), [a, out])
    return out


def _pack_value(meta: Any, ts: list[Expr], vs: list[Expr]) -> Expr:
    out, out_t = vs[-1], ts[-1]
    for a, v in zip(reversed(ts[:-1]), reversed(vs[:-1])):
        out = E.mk_app_n(E.mk_const(Name.of("PProd.mk"), [_level(meta, a), _level(meta, out_t)]), [a, out_t, v, out])
        out_t = E.mk_app_n(E.mk_const(Name.of("PProd"), [_level(meta, a), _level(meta, out_t)]), [a, out_t])
    return out


def _unpack(e: Expr, k: int, n: int) -> Expr:
    """Component `k` of `n` packed by `_pack_value`."""
    for _ in range(k):
        e = E.mk_proj(Name.of("PProd"), 1, e)
    return e if k == n - 1 else E.mk_proj(Name.of("PProd"), 0, e)


def _level(meta: Any, t: Expr) -> L.Level:
    s = meta.whnf(meta.infer_type(t))
    if s.kind != E.SORT:
        raise ElabError("expected a type")
    return meta.instantiate_level_mvars(s.level)  # type: ignore[attr-defined]


def _compile_block(te: Any, members: list[_Member], cmd: A.Mutual) -> list[Expr]:
    """The closed values (over each member's arguments) of the members, compiled structurally: each argument
    of an inductive type of a member is tried in turn as the one fixing the block and the shared prefix."""
    meta = te.meta
    env = te.env
    tried: list[str] = []
    seen: set[tuple[Name, int]] = set()
    for k, m in enumerate(members):
        opened = _open_member(te, m, [])
        if opened is None:
            continue
        args = opened[0] + opened[1]
        for p, x in enumerate(args):
            xt = meta.whnf(x.type)
            h = E.get_app_fn(xt)
            if p > m.n_binders or h.kind != CONST or not isinstance(env.find(h.name), InductiveInfo):  # type: ignore[attr-defined]
                continue
            if (h.name, p) in seen:  # type: ignore[attr-defined]  # the same block and prefix length: same outcome
                continue
            seen.add((h.name, p))  # type: ignore[attr-defined]
            base = meta.save()
            pending0 = list(te.pending)
            try:
                return _compile_over(te, members, cmd, args[:p], xt)
            except _NoBlock as exc:
                tried.append(f"  argument #{p + 1} of {m.name}: {exc.args[0]}")
            except ElabError as exc:
                if not exc.message.startswith("recursive call"):
                    raise
                tried.append(f"  argument #{p + 1} of {m.name}: {exc.message}")
            meta.restore(base)
            te.pending = pending0
    raise ElabError("fail to show termination for\n" + "".join(f"  {mm.name}\n" for mm in members) +
                    "structural recursion cannot be used:\n" + "\n".join(tried) +
                    "\n(well-founded mutual recursion is not supported yet)", cmd.span)


class _NoBlock(Exception):
    """The members cannot all recurse over the block of the candidate argument's type."""


def _compile_over(te: Any, members: list[_Member], cmd: A.Mutual, prefix: list[FVar], xt: Expr) -> list[Expr]:
    meta = te.meta
    env = te.env
    p = len(prefix)
    head = E.get_app_fn(xt)
    try:
        info, recs = block_recursors(env, head.name)  # type: ignore[attr-defined]
        brecs = ensure_block_brec(env, head.name)  # type: ignore[attr-defined]
    except ElabError as exc:
        raise _NoBlock(exc.message) from None
    if recs[0].num_indices:
        raise _NoBlock(f"mutual recursion over the inductive family '{head.name}' is not supported yet")  # type: ignore[attr-defined]
    params = list(E.get_app_args(xt)[:info.num_params])
    ilv = list(head.levels)  # type: ignore[attr-defined]
    # the types of the block, over `params`
    mt = E.instantiate_level_params(recs[0].type, recs[0].level_params, [L.ZERO] + ilv)
    for a in params:
        mt = E.instantiate1(mt.body, a)  # type: ignore[attr-defined]
    domains = []
    for _ in range(recs[0].num_motives):
        domains.append(mt.type.type)  # type: ignore[attr-defined]  # `(t : T_j) → Sort u`
        mt = mt.body  # type: ignore[attr-defined]
    # every member, over the shared prefix, recursing on its argument at position p
    for m in members:
        opened = _open_member(te, m, prefix)
        if opened is None:
            raise _NoBlock(f"'{m.name}' does not take the same arguments before it")
        own, ys, rest = opened
        j = next((j for j, d in enumerate(domains) if own + ys and meta.is_def_eq((own + ys)[0].type, d)), None)
        if j is None:
            raise _NoBlock(f"the argument of '{m.name}' after the shared ones is not of a type of the block of "
                           f"'{head.name}'")  # type: ignore[attr-defined]
        m.own, m.rest, m.motive_index = own + ys, rest, j
    # motives: per type of the block, the packed result types of the members over it
    comps: list[list[_Member]] = [[m for m in members if m.motive_index == j] for j in range(len(domains))]
    ts = [meta.mk_local(Name.of("t"), d) for d in domains]
    result_types = {id(m): E.instantiate1(E.abstract(meta.mk_pi_fvars(m.own[1:], m.rest), [m.own[0]]), ts[m.motive_index])
                    for m in members}
    packed = [_pack_type(meta, [result_types[id(m)] for m in ms]) if ms else None for ms in comps]
    levels = [_level(meta, pt) for pt in packed if pt is not None]
    u = levels[0]
    if any(not L.is_equivalent(v, u) for v in levels):
        raise _NoBlock("mutual recursion between functions whose results live in different universes is not "
                       "supported yet")
    punit = E.mk_const(Name.of("PUnit"), [u])
    motives = [meta.mk_lambda_fvars([t], pt if pt is not None else punit) for t, pt in zip(ts, packed)]
    below_c = [E.mk_const(b, [u] + ilv) for b, _ in brecs]

    def below_type(j: int, x: Expr) -> Expr:
        return E.mk_app_n(below_c[j], params + motives + [x])

    # the bodies, with every member as a local, then their recursive calls replaced
    n0 = len(meta.lctx)
    for m in members:
        full = str(m.name)
        m.selfs = [meta.push_local(Name.of(s), m.ty) for s in sorted({m.decl.name.name, full})]  # type: ignore[union-attr]
    selfs = {s: m for m in members for s in m.selfs}
    for p_ in prefix:
        meta.lctx.append(p_)
    f_parts: dict[int, list[Expr]] = {j: [] for j in range(len(domains))}
    base_ns = te.namespace
    try:
        for m in members:
            n1 = len(meta.lctx)
            te.namespace = m.namespace
            meta.lctx.extend(m.own)
            below = meta.push_local(Name.of("x✝below"), below_type(m.motive_index, m.own[0]))
            xs = prefix + m.own[:m.n_binders - p]
            ys = m.own[m.n_binders - p:]
            t_after = meta.mk_pi_fvars(ys, m.rest)
            te.mark_pattern_lets = True   # a variable pattern is opaque to the recursion, as in `recursion`
            try:
                body, match_r = settled_body(te, m.decl, xs, t_after, ys)
            finally:
                te.mark_pattern_lets = False
            if match_r is not None:
                ce_note_equations(te, m.name, xs, ys, list(selfs), match_r)
                m.equation_info = te.equation_info
                te.equation_info = None
            new_body = _MutualReplacer(te, selfs, prefix, below, [b for b, _ in brecs], motives, comps,
                                       list(selfs)).run(body)
            new_body = zeta_pattern_lets(new_body)
            t, b = ts[m.motive_index], meta.mk_local(Name.of("f"), below_type(m.motive_index, ts[m.motive_index]))
            part = E.instantiate_rev(E.abstract(meta.mk_lambda_fvars(m.own[1:], new_body), [m.own[0], below]), [t, b])
            f_parts[m.motive_index].append((b, part))  # type: ignore[arg-type]
            meta.pop_locals(len(meta.lctx) - n1)
    finally:
        te.namespace = base_ns
        meta.pop_locals(len(meta.lctx) - n0)
    fs = []
    for j, t in enumerate(ts):
        b = meta.mk_local(Name.of("f"), below_type(j, t))
        if comps[j]:
            vals = [E.instantiate1(E.abstract(part, [bm]), b) for bm, part in f_parts[j]]  # type: ignore[misc]
            val = _pack_value(meta, [result_types[id(mm)] for mm in comps[j]], vals)
        else:
            val = E.mk_const(Name.of("PUnit.unit"), [u])
        fs.append(meta.mk_lambda_fvars([t, b], val))
    out = []
    for m in members:
        j = m.motive_index
        app = E.mk_app_n(E.mk_const(brecs[j][1], [u] + ilv), params + motives + [m.own[0]] + fs)
        app = E.mk_app_n(_unpack(app, comps[j].index(m), len(comps[j])), m.own[1:])
        v = meta.instantiate_mvars(meta.mk_lambda_fvars(prefix + m.own, app))
        if v.flags & E.HAS_MVAR:
            raise _decline(f"of '{m.name}', whose body leaves holes", m.decl.span)
        out.append(v)
    return out


class _MutualReplacer(_Replacer):
    """Recursive calls of any member replaced by projections of the `below` in scope."""

    def __init__(self, te: Any, selfs: dict, prefix: list[FVar], below: FVar, below_ns: list[Name],
                 motives: list[Expr], comps: list[list[_Member]], self_list: list[FVar]) -> None:
        super().__init__(te, self_list, list(prefix), len(prefix), None, below, frozenset(below_ns))
        self.members_of = selfs
        self.motives = motives
        self.comps = comps

    def _call(self, f: Expr, args: list[Expr]) -> Expr:
        m = self.members_of[f]
        if len(args) < self.i + 1:
            raise ElabError(f"recursive call '{f.name}' has too few arguments")  # type: ignore[attr-defined]
        for k in range(self.i):
            if args[k] is not self.args[k]:
                raise ElabError(f"recursive call changes the fixed argument #{k + 1} (not supported yet in mutual "
                                "recursion)")
        j = m.motive_index
        found = self._find_motive(self.belows[-1], args[self.i], self.motives[j])
        if found is None:
            call = self.te.pp(E.mk_app_n(f, args))
            raise ElabError(f"recursive call: failed to eliminate recursive application\n    {call}")
        return E.mk_app_n(_unpack(found, self.comps[j].index(m), len(self.comps[j])), args[self.i + 1:])

    def _find_motive(self, b: Expr, y: Expr, motive: Expr) -> Expr | None:
        from .recursion import find_in_below

        meta = self.meta
        return find_in_below(meta, b, meta.instantiate_mvars(meta.infer_type(b)), y, motive, self.motives)
