"""`simp`, `simp only`, `simp at`, `simp_all`, `dsimp`, `simp_arith`: a rewriting simplifier with proofs.

The lemma set is the `@[simp]` lemmas of the environment (recorded by the command elaborator with
`add_simp_lemma`) unless `only` is given, plus the lemmas and hypotheses listed (`[*]`: every hypothesis).
A term is simplified bottom-up: the explicit, non-dependent arguments of an application first
(congruence, `congrArg`), then rewriting at the root with the first lemma whose left-hand side matches
(its variables become metavariables; lemmas whose hypotheses are left open are skipped), to a fixpoint;
closed Nat arithmetic on literals (`2 + 3`, `2 ^ 10`, `7 % 3`, …) evaluates to a literal by the kernel's
reduction (definitional, so no proof step is needed). The goal `T` becomes `T'` with the proof of
`T = T'`; `True`, `a = a` (reducibly) and a hypothesis equal to `T'` close it. Binders are not entered.
"""
from __future__ import annotations

from typing import Any

from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.expr import APP, CONST, PI, Expr, FVar, MVar
from ..kernel.name import Name
from ..syntax import ast as A
from ..elab.config import REDUCIBLE
from ..elab.errors import ElabError
from ..elab.mctx import beta
from .core import (SIMP_SET_NOTE, TacticContext, apply_to_fresh_mvars, is_const_app, keyword_span, throw_tactic,
                   type_mismatch)
from .ac_order import AcOrder, is_permutation
from .registry import tactic

MAX_STEPS = 10_000   # rewrite steps per simp call (gas bounds the work too)

_ARITH = {"HAdd.hAdd", "HSub.hSub", "HMul.hMul", "HDiv.hDiv", "HMod.hMod", "HPow.hPow", "Nat.add", "Nat.sub",
          "Nat.mul", "Nat.div", "Nat.mod", "Nat.pow", "Nat.succ"}


# Declarations Lean's core library marks `@[simp]`; the prelude mirrors them without the attribute (it is
# loaded from a snapshot of declarations), so simp takes those present in the environment from this list.
LEAN_CORE_SIMP = tuple(Name.of(n) for n in """
id_eq Nat.add_zero Nat.zero_add Nat.mul_zero Nat.zero_mul Nat.mul_one Nat.one_mul Nat.pow_zero Nat.sub_zero
Nat.zero_sub Nat.sub_self Nat.pred_zero Nat.pred_succ Nat.succ_sub_succ Nat.add_sub_cancel Nat.succ_ne_zero
Nat.lt_irrefl Nat.le_refl Nat.zero_le Nat.not_lt_zero Nat.lt_add_one Nat.lt_succ_self Nat.le_add_right
Nat.le_add_left Nat.succ_eq_add_one List.nil_append List.cons_append List.append_nil List.append_assoc
List.length_nil List.length_cons List.length_append List.length_map List.map_append List.reverse_nil
List.reverse_cons List.reverse_append List.reverse_reverse List.length_reverse List.map_nil List.map_cons
ite_self decide_true_eq_true decide_false_eq_false not_false_eq_true not_true_eq_false and_true true_and
and_false false_and or_true true_or or_false false_or and_self or_self eq_self ne_eq not_not
Nat.succ_inj Bool.not_true Bool.not_false Option.some.injEq implies_true true_implies false_implies imp_self
gt_iff_lt ge_iff_le Nat.zero_lt_succ
Bool.or_false Bool.or_true Bool.false_or Bool.true_or Bool.or_self Bool.and_false Bool.and_true Bool.false_and
Bool.true_and Bool.and_self Bool.not_not Bool.not_eq_true Bool.not_eq_false Bool.or_eq_true Bool.and_eq_true
decide_eq_true_eq cond_true cond_false
""".split())


def simp_lemmas(table: Any) -> list[Name]:
    """The `@[simp]` lemmas recorded for the environment of `table` (an `InstanceTable`)."""
    return table.__dict__.setdefault("simp_lemmas", [])


def _erased_core_simp(table: Any) -> list[Name]:
    """Members of `LEAN_CORE_SIMP` whose `simp` attribute was erased."""
    return table.__dict__.setdefault("erased_core_simp", [])


def add_simp_lemma(table: Any, name: Name) -> None:
    erased = _erased_core_simp(table)
    if name in erased:
        erased.remove(name)
        return
    lemmas = simp_lemmas(table)
    if name not in lemmas and name not in LEAN_CORE_SIMP:
        lemmas.append(name)


def is_simp_lemma(table: Any, name: Name) -> bool:
    if name in LEAN_CORE_SIMP:
        return name not in _erased_core_simp(table)
    return name in simp_lemmas(table)


def erase_simp_lemma(table: Any, name: Name) -> None:
    """`attribute [-simp] name`."""
    if name in LEAN_CORE_SIMP:
        if name not in _erased_core_simp(table):
            _erased_core_simp(table).append(name)
    elif name in simp_lemmas(table):
        simp_lemmas(table).remove(name)


class Rule:
    __slots__ = ("proof", "name")

    def __init__(self, proof: Expr, name: str) -> None:
        self.proof, self.name = proof, name


class Simp:
    def __init__(self, tc: TacticContext, g: MVar, rules: list[Rule], span: Any, contextual: bool = False,
                 arith: bool = False) -> None:
        self.tc, self.meta, self.g, self.rules, self.span = tc, tc.meta, g, rules, span
        self.steps = 0
        self.cache: dict[Expr, tuple[Expr, Expr | None]] = {}
        self.order = AcOrder(tc.meta)
        self.contextual = contextual   # `simp +contextual`: an implication's premise rewrites its conclusion
        self.arith = arith             # `simp +arith`/`simp_arith`: linear Nat facts decided (`arith_decide`)

    # -------------------------------------------------------------- proofs
    def eq_levels(self, e: Expr) -> tuple[Expr, list[Any]]:
        meta = self.meta
        alpha = meta.instantiate_mvars(meta.infer_type(e))
        u = self.tc.te.ensure_type(alpha, self.span)
        return alpha, [meta.instantiate_level_mvars(u)]

    def trans(self, a: Expr, b: Expr, c: Expr, p: Expr | None, q: Expr | None) -> Expr | None:
        if p is None:
            return q
        if q is None:
            return p
        alpha, lv = self.eq_levels(a)
        return E.mk_app_n(E.mk_const(Name.of("Eq.trans"), lv), [alpha, a, b, c, p, q])

    def congr_arg(self, f: Expr, a: Expr, a2: Expr, p: Expr, fa: Expr) -> Expr:
        """`congrArg f p : f a = f a2` with `f` a lambda over the argument."""
        alpha, lv = self.eq_levels(a)
        beta, lv2 = self.eq_levels(fa)
        return E.mk_app_n(E.mk_const(Name.of("congrArg"), lv + lv2), [alpha, beta, a, a2, f, p])

    # -------------------------------------------------------------- the traversal
    def visit(self, e: Expr) -> tuple[Expr, Expr | None]:
        """(e', proof of e = e' or None when e' is e up to definitional unfolding)."""
        r = self.cache.get(e)
        if r is not None:
            return r
        self.meta.gas.charge()
        cur, proof = e, None
        for _ in range(64):
            c2, p2 = self.congr(cur)
            proof = self.trans(e, cur, c2, proof, p2)
            cur = c2
            c3, p3 = self.rewrite_root(cur)
            if c3 is None:
                break
            proof = self.trans(e, cur, c3, proof, p3)
            cur = c3
        self.cache[e] = (cur, proof)
        return cur, proof

    def congr(self, e: Expr) -> tuple[Expr, Expr | None]:
        if e.kind == E.LAM:
            return self.congr_lambda(e)
        if e.kind == PI:
            return self.congr_pi(e)
        if e.kind != APP:
            return e, None
        if E.get_app_fn(e).kind == E.LAM:  # beta (definitional: no proof step)
            from ..elab.mctx import head_beta
            return self.visit(head_beta(e))
        lit = self.nat_literal(e)
        if lit is not None:
            return lit, None
        if self.contextual and is_const_app(e, "ite", 5):
            r = self.congr_ite_ctx(e)
            if r is not None:
                return r
        meta = self.meta
        f, args = E.get_app_fn_args(e)
        ft = meta.infer_type(f)
        new_args = list(args)
        proof: Expr | None = None
        cur = e
        # the alternatives of an eliminator or matcher are not entered (Lean's simp keeps a matcher's
        # alternatives as they are; entering a compiled case tree would unshare it, exponentially)
        eliminator = f.kind == CONST and _is_eliminator_name(f.name)  # type: ignore[attr-defined]
        for i, a in enumerate(args):
            ft = meta.whnf(ft) if ft.kind != PI else ft
            if ft.kind != PI:
                break
            explicit = ft.bi == E.DEFAULT  # type: ignore[attr-defined]
            dependent = ft.body.lbr > 0  # type: ignore[attr-defined]
            ft = E.instantiate1(ft.body, a)  # type: ignore[attr-defined]
            if not explicit or dependent:
                continue
            if eliminator and a.kind == E.LAM:
                continue
            if meta.is_prop(meta.infer_type(a)) and not is_prop_type(meta, a):
                continue  # proofs are not rewritten (proof irrelevance)
            a2, p = self.visit(a)
            if a2 is a:
                continue
            new_args[i] = a2
            nxt = E.mk_app_n(f, new_args)
            if p is not None:
                # fun x => f a1 … x … an
                x = E.mk_bvar(0)
                body = E.mk_app_n(f, [E.lift_loose_bvars(y, 1) if k != i else x for k, y in enumerate(new_args)])
                alpha = meta.instantiate_mvars(meta.infer_type(a))
                lam = E.mk_lam(Name.of("x"), alpha, body)
                step = self.congr_arg(lam, a, a2, p, cur)
                proof = self.trans(e, cur, nxt, proof, step)
            cur = nxt
        return cur, proof

    def visit_assuming(self, h: FVar, body: Expr) -> tuple[Expr, Expr | None]:
        """`visit(body)` with the local `h` in the context and as a rewrite rule (`+contextual`)."""
        saved_rules, saved_cache = self.rules, self.cache
        self.rules, self.cache = [Rule(h, str(h.name))] + self.rules, {}
        try:
            return self.visit_under(h, body)
        finally:
            self.rules, self.cache = saved_rules, saved_cache

    def congr_ite_ctx(self, e: Expr) -> tuple[Expr, Expr | None] | None:
        """`if c then t else f` under `simp +contextual`: `t` simplified with `c` as a rewrite rule, `f` with
        `¬c`, by Lean's `ite_congr` (when the condition itself is left as it is)."""
        meta, env = self.meta, self.tc.env
        if env.find(Name.of("ite_congr")) is None or env.find(Name.of("Not")) is None:
            return None
        alpha, c, inst, t, f = E.get_app_args(e)
        c2, _ = self.visit(c)
        if meta.instantiate_mvars(c2) is not c:
            return None
        branches = []
        for hyp_t, branch in ((c, t), (E.mk_app(E.mk_const(Name.of("Not")), c), f)):
            h = meta.mk_local(Name.of("h"), hyp_t)
            b2, pb = self.visit_assuming(h, branch)
            branches.append((h, meta.instantiate_mvars(b2), pb))
        (h1, t2, pt), (h2, f2, pf) = branches
        if t2 is t and f2 is f or E.find(t2, lambda y: y is h1) or E.find(f2, lambda y: y is h2):
            return None
        u = self.level_of(alpha)

        def refl(a: Expr) -> Expr:
            return E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [u]), [alpha, a])

        prop_refl = E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [L.ONE]), [E.PROP, c])
        proof = E.mk_app_n(E.mk_const(Name.of("ite_congr"), [u]), [
            alpha, t, f, t2, f2, c, inst, c, inst, prop_refl,
            E.mk_lambda_fvars([h1], meta.instantiate_mvars(pt) if pt is not None else refl(t)),
            E.mk_lambda_fvars([h2], meta.instantiate_mvars(pf) if pf is not None else refl(f))])
        return E.mk_app_n(E.get_app_fn(e), [alpha, c, inst, t2, f2]), proof

    def level_of(self, t: Expr) -> Any:
        return self.meta.instantiate_level_mvars(self.tc.te.ensure_type(t, self.span))

    def visit_under(self, x: FVar, body: Expr) -> tuple[Expr, Expr | None]:
        """`visit(body)` with the local `x` in the context (the lemmas' metavariables may then mention it)."""
        lctx = self.meta.lctx
        lctx.append(x)
        try:
            return self.visit(body)
        finally:
            lctx.pop()

    def congr_lambda(self, e: Expr) -> tuple[Expr, Expr | None]:
        """`fun x => b` to `fun x => b'`, by `funext` (the body is simplified with `x` a new local)."""
        meta = self.meta
        if self.tc.env.find(Name.of("funext")) is None:
            return e, None
        x = meta.mk_local(e.name, e.type, e.bi)  # type: ignore[attr-defined]
        body = E.instantiate1(e.body, x)  # type: ignore[attr-defined]
        b2, p = self.visit_under(x, body)
        b2 = meta.instantiate_mvars(b2)
        if b2 is body:
            return e, None
        new = E.mk_lambda_fvars([x], b2)
        if p is None:
            return new, None
        beta, lv = self.eq_levels(body)
        args = [e.type, E.mk_lambda_fvars([x], beta), e, new, E.mk_lambda_fvars([x], meta.instantiate_mvars(p))]
        return new, E.mk_app_n(E.mk_const(Name.of("funext"), [self.level_of(e.type)] + lv), args)  # type: ignore[attr-defined]

    def congr_pi(self, e: Expr) -> tuple[Expr, Expr | None]:
        """A proposition `p → q` (both simplified; with `contextual`, `q` using `p` as a rewrite rule) by
        `implies_congr(_ctx)`, or `∀ x, P x` (its body simplified) by `forall_congr`."""
        meta = self.meta
        env = self.tc.env
        if not meta.is_prop(e):
            return e, None
        dom, body = e.type, e.body  # type: ignore[attr-defined]
        if body.lbr == 0 and meta.is_prop(dom):
            if any(env.find(Name.of(n)) is None for n in ("implies_congr", "implies_congr_ctx")):
                return e, None
            d2, pd = self.visit(dom)
            d2 = meta.instantiate_mvars(d2)
            h = None
            if self.contextual:
                h = meta.mk_local(e.name, d2)  # type: ignore[attr-defined]
                b2, pb = self.visit_assuming(h, body)
            else:
                b2, pb = self.visit(body)
            b2 = meta.instantiate_mvars(b2)
            if d2 is dom and b2 is body:
                return e, None
            new = E.mk_pi(e.name, d2, b2, e.bi)  # type: ignore[attr-defined]
            if pd is None and pb is None:
                return new, None
            refl = lambda t: E.mk_app_n(E.mk_const(Name.of("Eq.refl"), [L.ONE]), [E.PROP, t])  # noqa: E731
            h1 = refl(dom) if pd is None else meta.instantiate_mvars(pd)
            h2 = refl(body) if pb is None else meta.instantiate_mvars(pb)
            if h is not None:
                pf = E.mk_app_n(E.mk_const(Name.of("implies_congr_ctx")),
                                [dom, d2, body, b2, h1, E.mk_lambda_fvars([h], h2)])
            else:
                pf = E.mk_app_n(E.mk_const(Name.of("implies_congr"), [L.ZERO, L.ZERO]), [dom, d2, body, b2, h1, h2])
            return new, pf
        if env.find(Name.of("forall_congr")) is None:
            return e, None
        x = meta.mk_local(e.name, dom, e.bi)  # type: ignore[attr-defined]
        inst = E.instantiate1(body, x)
        b2, pb = self.visit_under(x, inst)
        b2 = meta.instantiate_mvars(b2)
        if b2 is inst:
            return e, None
        new = E.mk_pi_fvars([x], b2)
        if pb is None:
            return new, None
        args = [dom, E.mk_lambda_fvars([x], inst), E.mk_lambda_fvars([x], b2),
                E.mk_lambda_fvars([x], meta.instantiate_mvars(pb))]
        return new, E.mk_app_n(E.mk_const(Name.of("forall_congr"), [self.level_of(dom)]), args)

    def nat_literal(self, e: Expr) -> Expr | None:
        """Closed Nat arithmetic on literals, evaluated (the result is def-eq: no proof step)."""
        f = E.get_app_fn(e)
        if f.kind != CONST or str(f.name) not in _ARITH:  # type: ignore[attr-defined]
            return None
        meta = self.meta
        try:
            t = meta.whnf(meta.infer_type(e))
        except ElabError:
            return None
        if not is_const_app(t, "Nat", 0):
            return None
        args = E.get_app_args(e)
        ops = args[-1:] if str(f.name) == "Nat.succ" else args[-2:]  # type: ignore[attr-defined]
        vals = [nat_value(meta, a) for a in ops]
        if any(v is None for v in vals):
            return None
        r = meta.whnf(e)
        if r.kind != E.NATLIT:
            return None
        return of_nat_lit(r.val)  # type: ignore[attr-defined]

    def rewrite_root(self, e: Expr) -> tuple[Expr | None, Expr | None]:
        meta = self.meta
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise ElabError("simp failed, maximum number of steps exceeded", self.span)
        if is_const_app(e, "Eq", 3):
            r = self.ctor_equation(e)
            if r is not None:
                return r
        if is_const_app(e, "ite", 5) or is_const_app(e, "dite", 5):
            r = self.reduce_ite(e)
            if r is not None:
                return r
        if self.arith:
            r = self.arith_decide(e)
            if r is not None:
                return r
        for rule in self.rules:
            st = meta.save()
            try:
                proof = rule.proof
                if proof.kind == CONST:  # fresh universe metavariables for each use of a lemma
                    proof = meta.mk_const(proof.name)  # type: ignore[attr-defined]
                pf, t, mvars = apply_to_fresh_mvars(meta, proof)
                if not is_const_app(t, "Eq", 3) and not is_const_app(t, "Iff", 2):
                    t = meta.whnf_r(t)   # as Lean's preprocessing: `(fun k => a k = b k) n` is an equation
                if is_const_app(t, "Eq", 3):
                    _, l, r = E.get_app_args(t)
                elif is_const_app(t, "Iff", 2) and self.tc.env.find(Name.of("propext")) is not None:
                    l, r = E.get_app_args(t)
                    pf = E.mk_app_n(E.mk_const(Name.of("propext")), [l, r, pf])
                else:
                    prop_eq = self.prop_as_equation(t, pf)
                    if prop_eq is None:
                        meta.restore(st)
                        continue
                    l, r, pf = prop_eq
                l = meta.instantiate_mvars(l)
                if E.get_app_fn(l).kind == E.MVAR or (_is_numeral(l) != _is_numeral(e)):
                    # a numeral is indexed as a literal, not by its unfolding (`1` is no `Nat.succ ?n`)
                    meta.restore(st)
                    continue
                perm = is_permutation(l, meta.instantiate_mvars(r))
                with meta.with_transparency(REDUCIBLE):
                    ok = meta.is_def_eq(l, e)
                if ok and all(meta.is_assigned(m) or self.discharge(m) for m in mvars):
                    r = meta.instantiate_mvars(r)
                    # a lemma variable matching left unassigned (`Function.comp ?f ?g ?x` against `Nat.succ`
                    # through unfolding) gives no rewrite, as Lean's simp requires
                    unassigned = bool(r.flags & E.HAS_MVAR) and E.find(
                        r, lambda y: y.kind == E.MVAR and not meta.is_assigned(y) and E.find(e, lambda z: z is y) is None
                    ) is not None
                    if r is e or unassigned or (perm and not self.order.lt(r, e)):  # ordered rewriting, as Lean's
                        meta.restore(st)
                        continue
                    meta.commit(st)
                    trace = self.tc.__dict__.get("simp_rewrites")
                    if trace is not None:
                        trace.append((rule.name or self.tc.pp(rule.proof), e, r))
                    return r, meta.instantiate_mvars(pf)
                meta.restore(st)
            except ElabError:
                meta.restore(st)
        return None, None

    def ctor_equation(self, e: Expr) -> tuple[Expr, Expr] | None:
        """`c as = c bs` to `a₁ = b₁ ∧ …` (Lean's `c.injEq` lemmas) and `c as = d bs` to `False` (its
        `reduceCtorEq`), proved by `propext` from injectivity and disjointness (see `injection`)."""
        from .injection import field_equations, mismatch_false

        env, meta, tc = self.tc.env, self.meta, self.tc
        if any(env.find(Name.of(n)) is None for n in ("propext", "Iff.intro", "And.intro", "iff_of_false",
                                                        "not_false", "congrArg")):
            return None
        _, a, b = E.get_app_args(e)
        if meta.whnf(a).kind == E.NATLIT or meta.whnf(b).kind == E.NATLIT:
            return None  # literals are compared by evaluation
        va, vb = _syntactic_ctor(tc, a), _syntactic_ctor(tc, b)
        if va is None or vb is None:
            return None
        h = meta.mk_local(Name.of("h"), e)
        false_c = E.mk_const(Name.of("False"))
        if va[0].name is not vb[0].name:
            pf = mismatch_false(tc, self.g, h)
            if pf is None:
                return None
            not_e = E.mk_lambda_fvars([h], pf)
            iff = E.mk_app_n(E.mk_const(Name.of("iff_of_false")), [e, false_c, not_e, E.mk_const(Name.of("not_false"))])
            return false_c, E.mk_app_n(E.mk_const(Name.of("propext")), [e, false_c, iff])
        if _has_dependent_fields(va[0]):
            return None
        try:
            eqs = field_equations(tc, self.g, h, self.span)
        except ElabError:
            return None
        differ = [i for i, (x, y) in enumerate(zip(va[2], vb[2])) if not (x is y or meta.is_def_eq(x, y))]
        if len(eqs) != len(differ) or not eqs:
            return None
        conj_t, mp_body = eqs[-1]
        for t, p in reversed(eqs[:-1]):
            mp_body = E.mk_app_n(E.mk_const(Name.of("And.intro")), [t, conj_t, p, mp_body])
            conj_t = E.mk_app_n(E.mk_const(Name.of("And")), [t, conj_t])
        mp = E.mk_lambda_fvars([h], mp_body)
        # mpr: from the conjunction, `c as = c bs` by congruence field by field
        hc = meta.mk_local(Name.of("hc"), conj_t)
        given: list[Expr] = []
        cur, cur_t = hc, conj_t
        for k in range(len(eqs)):
            if k == len(eqs) - 1:
                given.append(cur)
            else:
                r_t = E.get_app_args(cur_t)[1]
                given.append(E.mk_proj(Name.of("And"), 0, cur))
                cur, cur_t = E.mk_proj(Name.of("And"), 1, cur), r_t
        proofs: list[Expr | None] = [None] * len(va[2])   # None: the field agrees on both sides
        for i, p in zip(differ, given):
            proofs[i] = p
        mpr_body = _congr_fields(tc, va, vb, proofs, e)
        if mpr_body is None:
            return None
        mpr = E.mk_lambda_fvars([hc], mpr_body)
        iff = E.mk_app_n(E.mk_const(Name.of("Iff.intro")), [e, conj_t, mp, mpr])
        return conj_t, E.mk_app_n(E.mk_const(Name.of("propext")), [e, conj_t, iff])

    def reduce_ite(self, e: Expr) -> tuple[Expr, Expr] | None:
        """`if c then t else e` (`if h : c then t h else e h`) whose condition simplifies to `True` (`False`) is
        `t` (`e`), by `if_pos` (`if_neg`; `dif_pos`/`dif_neg`), as Lean's `reduceIte` and `reduceDIte`."""
        env = self.tc.env
        dependent = E.get_app_fn(e).name.last == "dite"  # type: ignore[attr-defined]
        pos, neg = ("dif_pos", "dif_neg") if dependent else ("if_pos", "if_neg")
        if any(env.find(Name.of(n)) is None for n in (pos, neg, "not_false")):
            return None
        alpha, c, inst, t, f = E.get_app_args(e)
        c2, pc = self.visit(c)
        u = E.get_app_fn(e).levels  # type: ignore[attr-defined]
        if is_const_app(c2, "True", 0):
            true_intro = E.mk_const(Name.of("True.intro"))
            hc = true_intro if pc is None else _mpr(self.tc, c, c2, self.meta.instantiate_mvars(pc), true_intro)
            branch = beta(t, [hc]) if dependent else t
            return branch, E.mk_app_n(E.mk_const(Name.of(pos), u), [c, inst, hc, alpha, t, f])
        if is_const_app(c2, "False", 0):
            nf = E.mk_const(Name.of("not_false"))
            if pc is None:
                hn = nf
            else:  # ¬c from c = False: fun h => (c = False) ▸ h
                h = self.meta.mk_local(Name.of("h"), c)
                hn = E.mk_lambda_fvars([h], _mp(self.tc, c, c2, self.meta.instantiate_mvars(pc), h))
            branch = beta(f, [hn]) if dependent else f
            return branch, E.mk_app_n(E.mk_const(Name.of(neg), u), [c, inst, hn, alpha, t, f])
        return None

    def arith_decide(self, e: Expr) -> tuple[Expr, Expr] | None:
        """A comparison of linear `Nat` terms that Lean's `Nat.Linear` normalization decides once the atoms
        and constants common to both sides are cancelled (`x + y + 2 ≥ y + 1` is `True`, `x + 2 ≤ x + 1` is
        `False`): `(True or False, proof)`, the proof by `omega` (kernel-checked)."""
        from .omega import Branch, Omega

        if not self.meta.is_prop(e) or self.tc.env.find(Name.of("eq_true")) is None:
            return None
        om = Omega(self.tc, self.g, self.span)
        rel = om.nat_rel(e)
        if rel is None or rel[3] is not None:
            return None
        kind, a, b, _ = rel
        if kind in ("ge", "gt"):
            a, b = b, a
        try:
            la, lb = om.lin.lin(a), om.lin.lin(b)
        except ElabError:
            return None
        diff = dict(lb.coeffs)   # b - a, atom by atom
        for i, c in la.coeffs:
            diff[i] = diff.get(i, 0) - c
        coeffs = [c for c in diff.values() if c != 0]
        d0 = lb.const - la.const - (1 if kind in ("lt", "gt") else 0)   # `a < b` is `a + 1 ≤ b`
        if kind == "eq":
            verdict = True if not coeffs and d0 == 0 else False if not coeffs else None
        else:   # `a ≤ b`: true when what is left of `a` is nothing; false when both sides are numbers
            verdict = True if all(c > 0 for c in coeffs) and d0 >= 0 else False if not coeffs and d0 < 0 else None
        if verdict is None:
            return None
        goal = e if verdict else E.mk_app(E.mk_const(Name.of("Not")), e)
        saved = self.meta.lctx
        self.meta.lctx = list(saved)
        try:
            proof = om.prove(goal, Branch())
        except Exception:  # noqa: BLE001 - not decided after all: left as it is
            return None
        finally:
            self.meta.lctx = saved
        lemma = "eq_true" if verdict else "eq_false"
        result = E.mk_const(Name.of("True" if verdict else "False"))
        return result, E.mk_app_n(E.mk_const(Name.of(lemma)), [e, proof])

    def prop_as_equation(self, t: Expr, pf: Expr) -> tuple[Expr, Expr, Expr] | None:
        """A proof `pf : p` as `p = True` (`¬p` as `p = False`), through `propext` and `iff_of_true`/
        `iff_of_false`, when the prelude has them."""
        env = self.tc.env
        if any(env.find(Name.of(n)) is None for n in ("propext", "iff_of_true", "iff_of_false", "not_false")):
            return None
        meta = self.meta
        if not meta.is_prop(t):
            return None
        true_c, false_c = E.mk_const(Name.of("True")), E.mk_const(Name.of("False"))
        w = meta.whnf_r(t)
        if is_const_app(w, "Not", 1) or (w.kind == PI and not w.body.lbr and  # type: ignore[attr-defined]
                                        is_const_app(meta.whnf_r(w.body), "False", 0)):  # type: ignore[attr-defined]
            p = E.get_app_args(w)[0] if is_const_app(w, "Not", 1) else w.type  # type: ignore[attr-defined]
            iff = E.mk_app_n(E.mk_const(Name.of("iff_of_false")), [p, false_c, pf, E.mk_const(Name.of("not_false"))])
            return p, false_c, E.mk_app_n(E.mk_const(Name.of("propext")), [p, false_c, iff])
        if is_const_app(t, "True", 0):
            return None
        iff = E.mk_app_n(E.mk_const(Name.of("iff_of_true")), [t, true_c, pf, E.mk_const(Name.of("True.intro"))])
        return t, true_c, E.mk_app_n(E.mk_const(Name.of("propext")), [t, true_c, iff])

    def discharge(self, m: MVar) -> bool:
        """Close a side condition of a conditional lemma with a hypothesis or `True.intro`."""
        meta = self.meta
        t = meta.instantiate_mvars(meta.decl(m).type)
        if is_const_app(t, "True", 0):
            meta.assign(m, E.mk_const(Name.of("True.intro")))
            return True
        for x in reversed(self.tc.lctx(self.g)):
            if meta.is_def_eq(meta.instantiate_mvars(x.type), t):
                return meta.is_def_eq(m, x)
        return False


def _syntactic_ctor(tc: TacticContext, e: Expr) -> Any:
    """`e` as a constructor application without unfolding (as simp's `injEq` lemmas match):
    (constructor info, parameters, fields, the constructor constant)."""
    from ..kernel.declaration import ConstructorInfo

    f, args = E.get_app_fn_args(e)
    info = tc.env.find(f.name) if f.kind == CONST else None  # type: ignore[attr-defined]
    if not isinstance(info, ConstructorInfo) or len(args) != info.num_params + info.num_fields:
        return None
    return info, args[:info.num_params], args[info.num_params:], f


def _has_dependent_fields(cinfo: Any) -> bool:
    """Does some field's type mention an earlier field?"""
    t = cinfo.type
    i = 0
    while t.kind == PI:
        k = i - cinfo.num_params          # the field's index (negative: a parameter)
        if k > 0 and any(E.has_loose_bvar(t.type, j) for j in range(k)):  # type: ignore[attr-defined]
            return True
        t = t.body  # type: ignore[attr-defined]
        i += 1
    return False


def _congr_fields(tc: TacticContext, va: Any, vb: Any, proofs: list[Expr | None], eq_t: Expr) -> Expr | None:
    """`c ps as = c ps bs` from proofs of `aᵢ = bᵢ` (one per field), by `congrArg` on each field in turn."""
    meta = tc.meta
    cinfo, params, as_, _ = va
    bs = vb[2]
    ctor_fn = E.mk_app_n(va[3], params)
    alpha = E.get_app_args(eq_t)[0]
    beta_lv = [meta.instantiate_level_mvars(tc.te.ensure_type(alpha, None))]
    cur_l = E.mk_app_n(ctor_fn, as_)
    proof: Expr | None = None
    for i in range(len(as_)):
        if proofs[i] is None:
            continue  # the same on both sides (def-eq): no step
        # step i: c b₀ … bᵢ₋₁ aᵢ aᵢ₊₁ … = c b₀ … bᵢ aᵢ₊₁ …
        left = E.mk_app_n(ctor_fn, list(bs[:i]) + list(as_[i:]))
        right = E.mk_app_n(ctor_fn, list(bs[:i + 1]) + list(as_[i + 1:]))
        ft = meta.instantiate_mvars(meta.infer_type(as_[i]))
        u = [meta.instantiate_level_mvars(tc.te.ensure_type(ft, None))]
        f = E.mk_lam(Name.of("x"), ft, E.mk_app_n(ctor_fn, list(bs[:i]) + [E.mk_bvar(0)] + list(as_[i + 1:])))
        step = E.mk_app_n(E.mk_const(Name.of("congrArg"), u + beta_lv), [ft, alpha, as_[i], bs[i], f, proofs[i]])
        proof = step if proof is None else E.mk_app_n(E.mk_const(Name.of("Eq.trans"), beta_lv),
                                                       [alpha, cur_l, left, right, proof, step])
    return proof


def is_prop_type(meta: Any, a: Expr) -> bool:
    """Is `a` itself a proposition (a type in `Prop`), as opposed to a proof?"""
    try:
        t = meta.whnf(meta.infer_type(a))
    except ElabError:
        return False
    return t.kind == E.SORT and t.level is L.ZERO  # type: ignore[attr-defined]


def nat_value(meta: Any, e: Expr) -> int | None:
    if e.kind == E.NATLIT:
        return e.val  # type: ignore[attr-defined]
    if is_const_app(e, "OfNat.ofNat", 3):
        a = E.get_app_args(e)[1]
        if a.kind == E.NATLIT:
            return a.val  # type: ignore[attr-defined]
    return None


def _is_numeral(e: Expr) -> bool:
    """A numeral as Lean's simp index sees one: a raw literal, `Nat.zero`, or `OfNat.ofNat _ n _` /
    `Nat.succ n` of a numeral."""
    while True:
        if e.kind == E.NATLIT:
            return True
        f, args = E.get_app_fn_args(e)
        if f.kind != CONST:
            return False
        name = str(f.name)  # type: ignore[attr-defined]
        if name == "Nat.zero" and not args:
            return True
        if name == "Nat.succ" and len(args) == 1:
            e = args[0]
        elif name == "OfNat.ofNat" and len(args) == 3:
            e = args[1]
        else:
            return False


def of_nat_lit(n: int) -> Expr:
    nat = E.mk_const(Name.of("Nat"))
    lit = E.mk_nat_lit(n)
    return E.mk_app_n(E.mk_const(Name.of("OfNat.ofNat"), [L.ZERO]),
                      [nat, lit, E.mk_app(E.mk_const(Name.of("instOfNatNat")), lit)])


# ====================================================================== the tactics
def _collect(tc: TacticContext, stx: A.Tactic, g: MVar) -> tuple[list[Rule], list[Any] | None, bool, set[Name]]:
    meta = tc.meta
    only = False
    rules: list[Rule] = []
    locs: list[Any] | None = None
    unfold: set[Name] = set()
    use_all_hyps = stx.name == "simp_all"
    erased: set[Name] = set()
    args = list(stx.args)
    i = 0
    while i < len(args):
        a = args[i]
        if isinstance(a, A.TacKeyword):
            if a.text == "only":
                only = True
            elif a.text == "at":
                locs = list(args[i + 1:])
                break
        elif isinstance(a, A.TacList):
            for r in a.rules:
                if r.term is None:
                    use_all_hyps = True
                    continue
                if r.prefix == "-":
                    if isinstance(r.term, A.Ident):
                        c = tc.te.resolve_global(Name.of(r.term.name), r.span)
                        if c is not None:
                            erased.add(c)
                    continue
                rules.extend(_rule_of(tc, g, r, unfold))
        i += 1
    if use_all_hyps:
        for x in tc.lctx(g):
            if meta.is_prop(meta.instantiate_mvars(x.type)):
                rules.append(Rule(x, str(x.name)))
    if not only:
        core = [n for n in LEAN_CORE_SIMP if n not in _erased_core_simp(tc.te.table)]
        for n in core + simp_lemmas(tc.te.table):
            if n not in erased and tc.env.find(n) is not None:
                with tc.goal_context(g):
                    rules.append(Rule(meta.mk_const(n), str(n)))
    return rules, locs, use_all_hyps, unfold


def _rule_of(tc: TacticContext, g: MVar, r: A.TacRule, unfold: set[Name]) -> list[Rule]:
    meta = tc.meta
    term = r.term
    from .rewrite import definition_named, equations_of

    with tc.goal_context(g):
        d = definition_named(tc, term)  # type: ignore[arg-type]
        if d is not None:
            eqs = equations_of(tc, d)
            if not eqs:
                if d in meta.irreducible:   # well-founded recursion through a match: no equations yet
                    raise ElabError(f"simp with the definition '{d}', defined by well-founded recursion "
                                    "whose equations are not generated, is not supported yet", r.span)
                unfold.add(d)  # no equation lemmas: unfold the definition
                return []
            return [Rule(meta.mk_const(n), str(n)) for n in eqs]
    pf, _ = tc.elab_term(g, term, None, allow_natural=True)  # type: ignore[arg-type]
    if r.prefix == "←":
        with tc.goal_context(g):
            from .rewrite import as_equation, _symm_eq
            heq, l, rr, _ = as_equation(tc, pf, r.span, "simp")
            pf = _symm_eq(tc, heq, l, rr)
    return [Rule(pf, "")]  # traces name it by the term (see `_simp`)


def _is_eliminator_name(n: Name) -> bool:
    last = n.last
    return isinstance(last, str) and (last in ("casesOn", "recOn", "rec", "brecOn", "binductionOn")
                                      or last.startswith("match_"))


def _contextual(stx: A.Tactic) -> bool:
    return any(isinstance(a, A.TacFlag) and a.name == "contextual" and a.sign == "+" for a in stx.args)


def _arith(stx: A.Tactic) -> bool:
    return stx.name == "simp_arith" or \
        any(isinstance(a, A.TacFlag) and a.name == "arith" and a.sign == "+" for a in stx.args)


def _sort_of(tc: TacticContext, t: Expr) -> tuple[Expr, list]:
    """`t`'s sort `Sort u` and the level of `Eq` over it (`t` a proposition or, for a hypothesis `f : Fin n`, a type)."""
    u = tc.meta.instantiate_level_mvars(tc.te.ensure_type(t, None))
    return E.mk_sort(u), [L.succ(u)]


def _mpr(tc: TacticContext, t: Expr, t2: Expr, p: Expr, new_proof: Expr) -> Expr:
    """From `p : t = t2` and an inhabitant of `t2`, one of `t` (by `Eq.rec` over `t`'s sort)."""
    sort, lv = _sort_of(tc, t)
    motive = E.mk_lam(Name.of("x"), sort, E.mk_lam(Name.of("h"), E.mk_app_n(E.mk_const(Name.of("Eq"), lv),
                                                                            [sort, t2, E.mk_bvar(0)]), E.mk_bvar(1)))
    symm = E.mk_app_n(E.mk_const(Name.of("Eq.symm"), lv), [sort, t, t2, p])
    return E.mk_app_n(E.mk_const(Name.of("Eq.rec"), [sort.level] + lv), [sort, t2, motive, new_proof, t, symm])  # type: ignore[attr-defined]


def _mp(tc: TacticContext, t: Expr, t2: Expr, p: Expr, old_proof: Expr) -> Expr:
    """From `p : t = t2` and an inhabitant of `t` (a proof, or a value of a type), one of `t2`."""
    sort, lv = _sort_of(tc, t)
    motive = E.mk_lam(Name.of("x"), sort, E.mk_lam(Name.of("h"), E.mk_app_n(E.mk_const(Name.of("Eq"), lv),
                                                                            [sort, t, E.mk_bvar(0)]), E.mk_bvar(1)))
    return E.mk_app_n(E.mk_const(Name.of("Eq.rec"), [sort.level] + lv), [sort, t, motive, old_proof, t2, p])  # type: ignore[attr-defined]


def _try_close(tc: TacticContext, g: MVar, t: Expr, span: Any, by_assumption: bool) -> bool:
    """Close a simplified goal as Lean's simp does: `True`, or an equation by reducible `rfl`; `simpa`
    also tries a hypothesis (plain `simp` leaves that to a following `assumption`)."""
    meta = tc.meta
    if is_const_app(t, "True", 0):
        meta.assign(g, E.mk_const(Name.of("True.intro")))
        return True
    from .basic import assumption_goal, rfl_goal

    if is_const_app(t, "Eq", 3) or is_const_app(t, "Iff", 2):
        def rfl() -> None:
            with meta.with_transparency(REDUCIBLE):
                rfl_goal(tc, g, span)
        if tc.try_run(rfl) is None:
            return True
    return by_assumption and assumption_goal(tc, g)


def _no_progress(stx: A.Tactic) -> str:
    return f"`{'dsimp' if stx.name == 'dsimp' else 'simp'}` made no progress"


def simp_goal(tc: TacticContext, g: MVar, stx: A.Tactic, rules: list[Rule], unfold: set[Name]) -> MVar | None:
    """Simplify the target of `g`; the remaining goal, or None when closed."""
    meta = tc.meta
    with tc.goal_context(g):
        t = tc.target(g)
        t0 = t
        if unfold:
            from .rewrite import unfold_const
            t = unfold_const(tc, t, unfold)
        s = Simp(tc, g, rules, stx.span, _contextual(stx), _arith(stx))
        t2, p = s.visit(t)
        t2 = meta.instantiate_mvars(t2)
        if t2 is t0 and p is None:
            if _try_close(tc, g, t0, stx.span, stx.name == "simpa"):
                return None
            raise ElabError(_no_progress(stx), stx.span)
        ng = tc.new_goal(t2, tc.lctx(g), tc.tag(g))
        meta.assign(g, ng if p is None else _mpr(tc, t, t2, meta.instantiate_mvars(p), ng))
    if _try_close(tc, ng, t2, stx.span, stx.name == "simpa"):
        return None
    return ng


def simp_hyp(tc: TacticContext, g: MVar, h: FVar, stx: A.Tactic, rules: list[Rule], unfold: set[Name]) -> MVar | None:
    from .rewrite import replace_hyp

    meta = tc.meta
    with tc.goal_context(g):
        t = meta.instantiate_mvars(h.type)
        t1 = t
        if unfold:
            from .rewrite import unfold_const
            t1 = unfold_const(tc, t, unfold)
        s = Simp(tc, g, [r for r in rules if r.proof is not h], stx.span, _contextual(stx), _arith(stx))
        t2, p = s.visit(t1)
        t2 = meta.instantiate_mvars(t2)
        if t2 is t and p is None:
            raise ElabError(_no_progress(stx), stx.span)
        proof = h if p is None else _mp(tc, t1, t2, meta.instantiate_mvars(p), h)
    if is_const_app(t2, "False", 0):
        with tc.goal_context(g):
            u = tc.te.ensure_type(tc.target(g), stx.span)
            meta.assign(g, E.mk_app_n(E.mk_const(Name.of("False.elim"), [meta.instantiate_level_mvars(u)]),
                                      [tc.target(g), proof]))
        return None
    return replace_hyp(tc, g, h, t2, proof)


TRACE_REWRITE = "Meta.Tactic.simp.rewrite"


@tactic("simp", "simp_all", "simp_arith", "dsimp", "simpa", "norm_num1")
def _simp(tc: TacticContext, stx: A.Tactic) -> None:
    if not tc.trace_enabled(TRACE_REWRITE):
        _simp_tactic(tc, stx)
        return
    # `set_option trace.Meta.Tactic.simp.rewrite true`: every rewrite, as Lean's trace lists them
    outer = tc.__dict__.get("simp_rewrites")
    rewrites: list[tuple[str, Expr, Expr]] = []
    tc.__dict__["simp_rewrites"] = rewrites
    try:
        _simp_tactic(tc, stx)
    finally:
        tc.__dict__["simp_rewrites"] = outer
        if rewrites:
            tc.log_info(keyword_span(stx), "\n".join(
                f"[{TRACE_REWRITE}] {name}:1000:\n      {tc.pp(lhs)}\n    ==>\n      {tc.pp(rhs)}"
                for name, lhs, rhs in rewrites))


def _simp_tactic(tc: TacticContext, stx: A.Tactic) -> None:
    if stx.name == "norm_num1":
        raise ElabError("the tactic 'norm_num1' is not supported yet", stx.span)
    g = tc.main_goal(stx.span)
    using = None
    if stx.name == "simpa":
        for i, a in enumerate(stx.args):
            if isinstance(a, A.TacKeyword) and a.text == "using":
                if i + 1 >= len(stx.args):
                    raise ElabError("'simpa … using' needs a term", stx.span)
                using = stx.args[i + 1]
                stx = A.Tactic(stx.span, stx.name, stx.args[:i])
                break
    rules, locs, _, unfold = _collect(tc, stx, g)
    if using is not None:
        _simpa_using(tc, stx, g, rules, unfold, using)
        return
    only = any(isinstance(a, A.TacKeyword) and a.text == "only" for a in stx.args)
    before = len(tc.goals())
    try:
        _simp_at(tc, stx, g, rules, locs, unfold)
    except ElabError as exc:
        if not only and exc.message == _no_progress(stx):
            raise ElabError(exc.message + SIMP_SET_NOTE, exc.span) from None
        raise
    if not only and len(tc.goals()) >= before:
        tc.te.__dict__["simp_incomplete"] = True   # a default-set simp left a goal open


def _simpa_using(tc: TacticContext, stx: A.Tactic, g: MVar, rules: list[Rule], unfold: set[Name],
                 term: Any) -> None:
    """`simpa [rules] using e`: simplify the goal and the type of `e` with the same rules; they must agree."""
    meta = tc.meta
    e, _ = tc.elab_term(g, term, None)
    with tc.goal_context(g):
        t = tc.target(g)
        s = Simp(tc, g, rules, stx.span, _contextual(stx), _arith(stx))
        t2, p = s.visit(t)
        et = meta.instantiate_mvars(meta.infer_type(e))
        et2, pe = Simp(tc, g, rules, stx.span, _contextual(stx), _arith(stx)).visit(et)
        h = e if pe is None else _mp(tc, et, et2, meta.instantiate_mvars(pe), e)
        t2, et2 = meta.instantiate_mvars(t2), meta.instantiate_mvars(et2)
        if is_const_app(et2, "False", 0):
            u = meta.instantiate_level_mvars(tc.te.ensure_type(t, stx.span))
            meta.assign(g, E.mk_app_n(E.mk_const(Name.of("False.elim"), [u]), [t, h]))
            tc.replace_main_goal([])
            return
        if not meta.is_def_eq(et2, t2):
            raise ElabError(type_mismatch(tc, h, et2, t2), stx.span)
        meta.assign(g, h if p is None else _mpr(tc, t, t2, meta.instantiate_mvars(p), h))
    tc.replace_main_goal([])


def _simp_at(tc: TacticContext, stx: A.Tactic, g: MVar, rules: list[Rule], locs: list[Any] | None,
             unfold: set[Name]) -> None:
    if locs is None:
        ng = simp_goal(tc, g, stx, rules, unfold)
        tc.replace_main_goal([] if ng is None else [ng])
        if stx.name == "simpa" and ng is not None:
            throw_tactic(tc, "simpa", "the goal was not closed", ng, stx.span)
        return
    from .rewrite import hyp_named

    for loc in locs:
        g = tc.main_goal(stx.span)
        if isinstance(loc, A.TacKeyword) and loc.text == "⊢":
            ng = simp_goal(tc, g, stx, rules, unfold)
        elif isinstance(loc, A.TacKeyword) and loc.text == "*":
            ng = g
            for x in list(tc.lctx(g)):
                if tc.meta.is_prop(tc.meta.instantiate_mvars(x.type)):
                    tc.try_run(lambda x=x: tc.replace_main_goal(
                        [y for y in [simp_hyp(tc, tc.main_goal(stx.span), x, stx, rules, unfold)] if y is not None]))
                if not tc.goals():
                    return
            ng = tc.main_goal(stx.span)
            tc.try_run(lambda: tc.replace_main_goal(
                [y for y in [simp_goal(tc, tc.main_goal(stx.span), stx, rules, unfold)] if y is not None]))
            return
        else:
            h = hyp_named(tc, g, loc)
            ng = simp_hyp(tc, g, h, stx, rules, unfold)
        tc.replace_main_goal([] if ng is None else [ng])
        if ng is None:
            return

