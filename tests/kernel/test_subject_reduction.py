"""Fidelity properties on real Lean terms: reduction preserves types (subject reduction) and substitution
preserves typing, sampled deterministically from environments checked out of the export corpus.

(a) For closed subterms t of definition and theorem values (no loose bound variables): with A the type
    of t, every reduct t' of t (one head β / ζ / δ step, `whnf_core`, `whnf`) checks and has a type
    definitionally equal to A.
(b) For a constant f : Π (x : A), B and a closed corpus term a : A, `f a` has type B[a/x]; when f is a
    definition λ (x : A), b, also b[a/x] : B[a/x].

Samples are drawn with seeded `random.Random` from lists built in term order, so they do not depend on
PYTHONHASHSEED; a step budget (Gas) bounds each reduction, and samples that exhaust it are skipped.
Corpus files live in `../shared/corpus/export`; tests skip when it is absent.
"""
from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest

from leanr_py.export import check_export
from leanr_py.gas import Gas, GasExhausted
from leanr_py.kernel import declaration as D
from leanr_py.kernel import level as L
from leanr_py.kernel.environment import Environment, ensure_recursion_limit
from leanr_py.kernel.errors import KernelError
from leanr_py.kernel.expr import (HAS_FVAR, LAM, LET, PI, Expr, get_app_fn_args, instantiate, mk_app,
                                  mk_app_n, mk_const, subterms)
from leanr_py.kernel.typechecker import TypeChecker

CORPUS = Path(__file__).resolve().parents[2].parent / "shared/corpus/export"
TUTORIAL = CORPUS / "arena/tutorial/good"
NAT_ADD_SUCC = "misc/lean4export-Nat.add_succ.ndjson"
PRELUDE = "core/init-prelude.lean-4.29.1.ndjson"
# a definition with its Nat dependencies; an arena corner case built around a redex; one Init theorem
# with its dependencies (monads, iterators), whose terms need full delta reduction
SAMPLED_FILES = [NAT_ADD_SUCC, "arena/tests/subject-reduction-redex.ndjson", "misc/vow-postcond.ndjson"]
GAS = 100_000                 # kernel steps per inference / reduction
MAX_CANDIDATES_PER_DECL = 400  # closed subterms collected from one value


# ------------------------------------------------------------------ corpus environments and samples

@functools.lru_cache(maxsize=None)
def load(relpath: str) -> Environment:
    path = CORPUS / relpath
    if not path.is_file():
        pytest.skip(f"corpus file missing: {path}")
    ensure_recursion_limit()
    env = Environment()
    result = check_export(str(path), env)
    if not result.ok:
        pytest.skip(f"{relpath} is not accepted by this kernel: {result.error}")
    return env


def tutorial_files() -> list[str]:
    if not TUTORIAL.is_dir():
        return []
    return sorted(str(p.relative_to(CORPUS)) for p in TUTORIAL.glob("*.ndjson"))


def closed_subterms(e: Expr, limit: int) -> list[Expr]:
    """Distinct subterms of `e` without loose bound variables or free variables, in pre-order."""
    out: list[Expr] = []
    for x in subterms(e):
        if len(out) >= limit:
            break
        if x.lbr == 0 and not (x.flags & HAS_FVAR):
            out.append(x)
    return out


def valued(env: Environment) -> list[D.ConstantInfo]:
    return [c for c in env.constants.values() if isinstance(c, (D.DefinitionInfo, D.TheoremInfo))]


def safety_of(info: D.ConstantInfo) -> str:
    return info.safety if isinstance(info, D.DefinitionInfo) else D.SAFE


def checker(env: Environment, info: D.ConstantInfo | None = None) -> TypeChecker:
    if info is None:
        return TypeChecker(env, None, D.SAFE, gas=Gas(GAS))
    return TypeChecker(env, info.level_params, safety_of(info), gas=Gas(GAS))


def candidates(env: Environment) -> list[tuple[D.ConstantInfo, Expr]]:
    """Closed subterms of definition and theorem values, then of every constant's type (types reduce too:
    motives, `outParam`, abbreviations), each with the constant that supplies its universe parameters."""
    seen: dict[Expr, None] = {}
    out = []
    for info in valued(env):
        for t in closed_subterms(info.value, MAX_CANDIDATES_PER_DECL):  # type: ignore[attr-defined]
            if t not in seen:
                seen[t] = None
                out.append((info, t))
    for info in env.constants.values():
        for t in closed_subterms(info.type, MAX_CANDIDATES_PER_DECL):
            if t not in seen:
                seen[t] = None
                out.append((info, t))
    return out


def sample_subterms(env: Environment, seed: str, count: int) -> list[tuple[D.ConstantInfo, Expr]]:
    pool = candidates(env)
    rng = random.Random(seed)
    return rng.sample(pool, min(count, len(pool)))


# ------------------------------------------------------------------ (a) subject reduction

def head_step(tc: TypeChecker, t: Expr) -> Expr | None:
    """One head reduction step: β (one argument), ζ, or δ (unfold the head constant)."""
    if t.kind == LET:
        return instantiate(t.body, (t.value,))  # type: ignore[attr-defined]
    f, args = get_app_fn_args(t)
    if f.kind == LAM and args:
        return mk_app_n(instantiate(f.body, (args[0],)), args[1:])  # type: ignore[attr-defined]
    return tc.unfold_definition(t)


def reducts(tc: TypeChecker, t: Expr) -> list[tuple[str, Expr]]:
    out = []
    for label, step in (("head step", head_step), ("whnf_core", lambda c, x: c.whnf_core(x)),
                        ("whnf", lambda c, x: c.whnf(x))):
        try:
            r = step(tc, t)
        except GasExhausted:
            continue
        if r is not None and r is not t:
            out.append((label, r))
    return out


def check_subject_reduction(env: Environment, samples: list[tuple[D.ConstantInfo, Expr]]) -> tuple[int, int]:
    """Returns (reducts checked, samples skipped for running out of steps)."""
    checked = skipped = 0
    for info, t in samples:
        try:
            tc = checker(env, info)
            a = tc.check(t)
            steps = reducts(tc, t)
        except GasExhausted:
            skipped += 1
            continue
        for label, r in steps:
            tc2 = checker(env, info)
            try:
                b = tc2.check(r)
                same = tc2.is_def_eq(b, a)
            except GasExhausted:
                skipped += 1
                continue
            except KernelError as exc:  # pragma: no cover - a failure report
                pytest.fail(f"{info.name}: {label} of {t} gives {r}, which does not check: {exc}")
            assert same, f"{info.name}: {label} of {t} changes its type from {a} to {b}"
            checked += 1
    return checked, skipped


@pytest.mark.parametrize("relpath", SAMPLED_FILES)
def test_subject_reduction(relpath: str) -> None:
    env = load(relpath)
    checked, skipped = check_subject_reduction(env, sample_subterms(env, "sr:" + relpath, 200))
    assert checked >= 40 and skipped <= checked


@functools.lru_cache(maxsize=None)
def tutorial_subject_reduction(relpath: str) -> int:
    env = load(relpath)
    return check_subject_reduction(env, sample_subterms(env, "sr:" + relpath, 40))[0]


@pytest.mark.parametrize("relpath", tutorial_files() or [None])
def test_subject_reduction_on_tutorial(relpath: str | None) -> None:
    if relpath is None:
        pytest.skip(f"export corpus not found at {CORPUS}")
    tutorial_subject_reduction(relpath)


def test_tutorial_samples_do_reduce() -> None:
    """The tutorial samples above are not vacuous: together they check many reducts."""
    files = tutorial_files()
    if not files:
        pytest.skip(f"export corpus not found at {CORPUS}")
    total = sum(tutorial_subject_reduction(f) for f in files)
    assert total >= 100


@pytest.mark.slow
def test_subject_reduction_on_init_prelude() -> None:
    env = load(PRELUDE)
    checked, skipped = check_subject_reduction(env, sample_subterms(env, "sr:" + PRELUDE, 300))
    assert checked >= 100 and skipped <= checked


# ------------------------------------------------------------------ (b) substitution

def typed_pool(env: Environment, seed: str, count: int) -> dict[Expr, list[Expr]]:
    """Closed terms of the corpus by their (inferred) type: sampled subterms and constants."""
    pool: dict[Expr, list[Expr]] = {}
    for info in env.constants.values():
        c = mk_const(info.name, tuple(L.param(p) for p in info.level_params))
        pool.setdefault(info.type, []).append(c)
    for info, t in sample_subterms(env, seed, count):
        try:
            a = checker(env, info).check(t)
        except GasExhausted:
            continue
        pool.setdefault(a, []).append(t)
    return pool


def check_substitution(env: Environment, seed: str, max_pairs: int) -> int:
    rng = random.Random(seed)
    pool = typed_pool(env, seed, 300)
    pairs: list[tuple[D.ConstantInfo, Expr]] = []
    for f in env.constants.values():
        if f.type.kind == PI:
            for a in pool.get(f.type.type, ()):  # type: ignore[attr-defined]
                pairs.append((f, a))
    checked = 0
    for f, a in rng.sample(pairs, min(max_pairs, len(pairs))):
        body_type = f.type.body  # type: ignore[attr-defined]
        expected = instantiate(body_type, (a,))
        fc = mk_const(f.name, tuple(L.param(p) for p in f.level_params))
        tc = checker(env)
        try:
            got = tc.check(mk_app(fc, a))
            tc.ensure_sort(tc.check(expected), expected)
            assert tc.is_def_eq(got, expected), f"{f.name} {a} : {got}, expected {expected}"
            value = getattr(f, "value", None)
            if isinstance(f, D.DefinitionInfo) and value is not None and value.kind == LAM:
                inst = instantiate(value.body, (a,))  # type: ignore[attr-defined]
                tc2 = checker(env)
                got2 = tc2.check(inst)
                assert tc2.is_def_eq(got2, expected), f"{f.name}: body[{a}/x] : {got2}, expected {expected}"
        except GasExhausted:
            continue
        checked += 1
    return checked


@pytest.mark.parametrize("relpath", SAMPLED_FILES)
def test_substitution(relpath: str) -> None:
    env = load(relpath)
    assert check_substitution(env, "subst:" + relpath, 60) >= 20


def test_substitution_on_tutorial() -> None:
    files = tutorial_files()
    if not files:
        pytest.skip(f"export corpus not found at {CORPUS}")
    total = sum(check_substitution(load(f), "subst:" + f, 6) for f in files)
    assert total >= 40


@pytest.mark.slow
def test_substitution_on_init_prelude() -> None:
    env = load(PRELUDE)
    assert check_substitution(env, "subst:" + PRELUDE, 200) >= 100


def test_ill_typed_substitution_is_caught() -> None:
    """Negative control: applying f : A → B to a term whose type is not A is rejected."""
    env = load(NAT_ADD_SUCC)
    pool = typed_pool(env, "neg:" + NAT_ADD_SUCC, 200)
    tested = 0
    for f in env.constants.values():
        if f.type.kind != PI:
            continue
        dom = f.type.type  # type: ignore[attr-defined]
        for ty, terms in pool.items():
            tc = checker(env)
            if ty is dom or tc.is_def_eq(ty, dom):
                continue
            with pytest.raises(KernelError):
                checker(env).check(mk_app(mk_const(f.name, tuple(L.param(p) for p in f.level_params)), terms[0]))
            tested += 1
            break
        if tested >= 10:
            break
    assert tested >= 5
