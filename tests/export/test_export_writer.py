"""The NDJSON writer: shape of the records, round trips through the reader and kernel, byte stability,
dependency closures.

Corpus tests read `../shared/corpus/export` (MANIFEST.tsv) and skip when it is absent.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from leanr_py.export import check_export, iter_export
from leanr_py.export.writer import (ExportWriteError, dependency_closure, export_lines, json_string, json_text,
                                    write_export)
from leanr_py.kernel import declaration as D
from leanr_py.kernel import level as L
from leanr_py.kernel.environment import Environment, ensure_recursion_limit
from leanr_py.kernel.expr import (IMPLICIT, alpha_eqv, mk_app, mk_bvar, mk_const, mk_fvar, mk_lam,
                                  mk_let, mk_nat_lit, mk_pi, mk_proj, mk_sort, mk_str_lit)
from leanr_py.kernel.name import Name

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared/corpus/export"
MANIFEST = CORPUS / "MANIFEST.tsv"
SLOW_BYTES = 1_000_000
MID_SIZE_FILE = "misc/rpylean-Sexpr2.ndjson"   # ~280 KB: inductives, recursors, many shared terms


# ------------------------------------------------------------------ helpers

def export_text(env: Environment, names: list[Name] | None = None) -> str:
    out = io.StringIO()
    write_export(env, out, names)
    return out.getvalue()


def recheck(text: str) -> Environment:
    env = Environment()
    result = check_export(text.splitlines(keepends=True), env)
    assert result.ok, f"written export rejected: {result.error}"
    return env


def assert_same_constant(a: D.ConstantInfo, b: D.ConstantInfo) -> None:
    name = a.name
    assert type(a) is type(b), f"{name}: {type(a).__name__} became {type(b).__name__}"
    assert a.level_params == b.level_params, name
    assert alpha_eqv(a.type, b.type), f"{name}: type differs"
    assert a.type is b.type, f"{name}: type not identical (binder names or infos lost)"
    if isinstance(a, (D.DefinitionInfo, D.TheoremInfo, D.OpaqueInfo)):
        assert alpha_eqv(a.value, b.value), f"{name}: value differs"  # type: ignore[attr-defined]
        assert a.value is b.value, f"{name}: value not identical"  # type: ignore[attr-defined]
        assert a.all == b.all, name  # type: ignore[attr-defined]
    if isinstance(a, D.DefinitionInfo):
        assert (a.hints.kind, a.hints.height, a.safety) == (b.hints.kind, b.hints.height, b.safety), name  # type: ignore[attr-defined]
    if isinstance(a, (D.AxiomInfo, D.OpaqueInfo)):
        assert a.unsafe == b.unsafe, name  # type: ignore[attr-defined]
    if isinstance(a, D.QuotInfo):
        assert a.kind == b.kind, name  # type: ignore[attr-defined]
    if isinstance(a, D.InductiveInfo):
        fields = ("num_params", "num_indices", "all", "ctors", "num_nested", "is_rec", "unsafe", "is_reflexive")
        assert [getattr(a, f) for f in fields] == [getattr(b, f) for f in fields], name
    if isinstance(a, D.ConstructorInfo):
        fields = ("induct", "cidx", "num_params", "num_fields", "unsafe")
        assert [getattr(a, f) for f in fields] == [getattr(b, f) for f in fields], name
    if isinstance(a, D.RecursorInfo):
        fields = ("all", "num_params", "num_indices", "num_motives", "num_minors", "k", "unsafe")
        assert [getattr(a, f) for f in fields] == [getattr(b, f) for f in fields], name
        assert len(a.rules) == len(b.rules), name
        for ra, rb in zip(a.rules, b.rules):  # type: ignore[attr-defined]
            assert ra.ctor is rb.ctor and ra.num_fields == rb.num_fields, name
            assert alpha_eqv(ra.rhs, rb.rhs), f"{name}: rule for {ra.ctor} differs"


def assert_same_env(a: Environment, b: Environment) -> None:
    assert list(a.constants) == list(b.constants)
    for name, info in a.constants.items():
        assert_same_constant(info, b.constants[name])
    assert a.quot_initialized == b.quot_initialized


def ndjson_accept_cases() -> list:
    if not MANIFEST.is_file():
        return [pytest.param(None, id="corpus-absent")]
    cases = []
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["expected"] != "accept" or not row["format_version"].startswith("3."):
                continue
            marks = [pytest.mark.slow] if int(row.get("bytes") or 0) > SLOW_BYTES else []
            cases.append(pytest.param(row["file"], id=row["file"], marks=marks))
    return cases


@functools.lru_cache(maxsize=None)
def load(relpath: str) -> Environment:
    """The environment a corpus file checks into (skips the test if the file is absent or not accepted)."""
    path = CORPUS / relpath
    if not path.is_file():
        pytest.skip(f"corpus file missing: {relpath}")
    ensure_recursion_limit()
    env = Environment()
    result = check_export(str(path), env)
    if not result.ok:  # the verdict itself is test_export_corpus's business
        pytest.skip(f"{relpath} is not accepted by this kernel: {result.error}")
    return env


def corpus_env(relpath: str | None) -> Environment:
    if relpath is None:
        pytest.skip(f"export corpus not found at {CORPUS}")
    return load(relpath)


# ------------------------------------------------------------------ record shapes (no corpus needed)

def test_json_strings_are_escaped_as_lean_does() -> None:
    assert json_string('a"b\\c') == '"a\\"b\\\\c"'
    assert json_string("x\ny\rz") == '"x\\ny\\rz"'
    assert json_string("\t\x08\x0c\x1b") == '"\\u0009\\u0008\\u000c\\u001b"'   # no \t \b \f shortcuts
    assert json_string("α/β\x7f😀") == '"α/β\x7f😀"'                          # the rest verbatim
    for s in ("a\"\\\n\r\t\x00\x1f", "α₁ ⟨x⟩", ""):
        assert json.loads(json_string(s)) == s


def test_json_text_sorts_keys_compactly() -> None:
    assert json_text({"b": [1, True], "a": {"d": "x", "c": False}}) == '{"a":{"c":false,"d":"x"},"b":[1,true]}'


def _tiny_env() -> Environment:
    """Constants inserted directly (the writer only reads the environment)."""
    env = Environment()
    u = Name.of("u")
    T = Name.of("T")
    env.constants[T] = D.AxiomInfo(T, (u,), mk_sort(L.succ(L.param(u))))
    t_u = mk_const(T, (L.param(u),))
    f = Name.of("f")
    env.constants[f] = D.AxiomInfo(f, (u,), mk_pi(Name.of("x"), t_u, t_u))
    ident = Name.of("ident")
    env.constants[ident] = D.DefinitionInfo(ident, (u,), mk_pi(Name.of("x"), t_u, t_u),
                                            mk_lam(Name.of("x"), t_u, mk_bvar(0), IMPLICIT), D.ABBREV_HINTS)
    unrelated = Name.of("Other.«weird name».7")
    env.constants[unrelated] = D.AxiomInfo(unrelated, (), mk_sort(L.ZERO), True)
    return env


def test_record_shapes_and_table_order() -> None:
    lines = list(export_lines(_tiny_env()))
    meta = json.loads(lines[0])["meta"]
    assert meta["format"] == {"version": "3.1.0"} and meta["exporter"]["name"] == "leanr"
    assert set(meta["lean"]) == {"githash", "version"}
    assert lines[1:9] == [
        '{"in":1,"str":{"pre":0,"str":"T"}}',
        '{"in":2,"str":{"pre":0,"str":"u"}}',
        '{"il":1,"param":2}',
        '{"il":2,"succ":1}',
        '{"ie":0,"sort":2}',
        '{"axiom":{"isUnsafe":false,"levelParams":[2],"name":1,"type":0}}',
        '{"in":3,"str":{"pre":0,"str":"f"}}',
        '{"in":4,"str":{"pre":0,"str":"x"}}',
    ]
    assert '{"const":{"name":1,"us":[1]},"ie":1}' in lines
    assert '{"forallE":{"binderInfo":"default","body":1,"name":4,"type":1},"ie":2}' in lines
    assert '{"ie":4,"lam":{"binderInfo":"implicit","body":3,"name":4,"type":1}}' in lines
    assert ('{"def":{"all":[5],"hints":"abbrev","levelParams":[2],"name":5,"safety":"safe","type":2,"value":4}}'
            in lines)
    assert '{"in":8,"num":{"i":7,"pre":7}}' in lines and '{"in":7,"str":{"pre":6,"str":"weird name"}}' in lines
    assert lines[-1] == '{"axiom":{"isUnsafe":true,"levelParams":[],"name":8,"type":5}}'


def test_every_term_kind_reads_back_identically() -> None:
    env = Environment()
    nat = Name.of("Nat")
    env.constants[nat] = D.AxiomInfo(nat, (), mk_sort(L.succ(L.ZERO)))
    n = mk_const(nat)
    v, w = Name.of("v"), Name.of("w")
    lvl = L.imax(L.max_(L.param(v), L.succ(L.param(w))), L.param(v))
    body = mk_let(Name.of("y"), n, mk_nat_lit(10 ** 30), mk_app(mk_bvar(1), mk_bvar(0)), nondep=True)
    value = mk_lam(Name.of("h"), mk_pi(Name.of("_"), n, n), mk_app(mk_app(mk_lam(Name.of("z"), n, mk_bvar(0)),
                                                                        body), mk_proj(Name.of("Prod"), 1,
                                                                                       mk_str_lit("a\t\"ü"))))
    ty = mk_pi(Name.of("s"), mk_sort(lvl), mk_sort(L.ZERO), 3)
    k = Name.of("k")
    env.constants[k] = D.DefinitionInfo(k, (v, w), ty, value, D.Hints(D.HINT_REGULAR, 4), D.PARTIAL, (k,))
    th = Name.of("th")
    env.constants[th] = D.TheoremInfo(th, (), ty, value, (th, k))
    op = Name.of("op")
    env.constants[op] = D.OpaqueInfo(op, (), ty, value, False, (op,))
    items = list(iter_export(export_lines(env)))
    by_name = {item.name: item.decl for item in items}
    assert by_name[k].value is value and by_name[k].type is ty  # type: ignore[union-attr]
    assert by_name[k].hints.height == 4 and by_name[k].safety == D.PARTIAL  # type: ignore[union-attr]
    assert by_name[th].all == (th, k) and by_name[op].value is value  # type: ignore[union-attr]


def test_each_shared_node_is_written_once() -> None:
    env = Environment()
    a = Name.of("A")
    env.constants[a] = D.AxiomInfo(a, (), mk_sort(L.succ(L.ZERO)))
    x = mk_const(a)
    for _ in range(40):          # 2^40 nodes as a tree, 41 as a DAG
        x = mk_app(x, x)
    d = Name.of("d")
    env.constants[d] = D.AxiomInfo(d, (), x)
    lines = list(export_lines(env))
    assert sum('"ie":' in line for line in lines) == 1 + 1 + 40   # Sort 1, A, the 40 applications


def test_hundred_thousand_deep_terms_are_written_iteratively() -> None:
    env = Environment()
    a = Name.of("A")
    env.constants[a] = D.AxiomInfo(a, (), mk_sort(L.succ(L.ZERO)))
    t = mk_const(a)
    deep = t
    for _ in range(100_000):
        deep = mk_lam(Name.of("x"), t, deep)
    big = Name.of("big")
    env.constants[big] = D.DefinitionInfo(big, (), t, deep, D.OPAQUE_HINTS)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)  # the writer must not recurse along the term
    try:
        lines = list(export_lines(env))
    finally:
        sys.setrecursionlimit(limit)
    items = list(iter_export(lines))
    assert items[-1].decl.value is deep  # type: ignore[union-attr]


def test_terms_with_free_variables_or_unknown_names_are_refused() -> None:
    env = Environment()
    a = Name.of("A")
    env.constants[a] = D.AxiomInfo(a, (), mk_fvar(Name.of("x"), mk_sort(L.ZERO)))
    with pytest.raises(ExportWriteError):
        list(export_lines(env))
    with pytest.raises(ExportWriteError):
        dependency_closure(_tiny_env(), [Name.of("nope")])


def test_closure_of_a_constant_takes_only_what_it_needs() -> None:
    env = _tiny_env()
    assert dependency_closure(env, [Name.of("ident")]) == [Name.of("T"), Name.of("ident")]
    text = export_text(env, [Name.of("f")])
    names = [item.name for item in iter_export(text.splitlines(keepends=True))]
    assert names == [Name.of("T"), Name.of("f")]


def test_unsafe_mutual_block_travels_whole() -> None:
    env = Environment()
    a, f, g, other = (Name.of(s) for s in ("A", "f", "g", "other"))
    env.add(D.AxiomDecl(a, (), mk_sort(L.succ(L.ZERO))))
    ta = mk_const(a)
    arrow = mk_pi(Name.of("x"), ta, ta)
    env.add(D.AxiomDecl(other, (), arrow))
    f_val = mk_lam(Name.of("x"), ta, mk_app(mk_const(g), mk_bvar(0)))
    g_val = mk_lam(Name.of("x"), ta, mk_app(mk_const(f), mk_bvar(0)))
    env.add(D.MutualDefinitionDecl((
        D.DefinitionDecl(f, (), arrow, f_val, D.OPAQUE_HINTS, D.UNSAFE, (f, g)),
        D.DefinitionDecl(g, (), arrow, g_val, D.OPAQUE_HINTS, D.UNSAFE, (f, g)))))
    assert dependency_closure(env, ["f"]) == [a, f, g]
    assert_same_env(env, recheck(export_text(env)))
    alone = recheck(export_text(env, [f]))
    assert list(alone.constants) == [a, f, g]


def test_write_to_a_path(tmp_path: Path) -> None:
    out = tmp_path / "tiny.ndjson"
    count = write_export(_tiny_env(), out)
    data = out.read_bytes()
    assert data.endswith(b"\n") and data.count(b"\n") == count
    assert data.decode("utf-8").splitlines()[1:] == list(export_lines(_tiny_env()))[1:]


# ------------------------------------------------------------------ corpus round trips

@pytest.mark.parametrize("relpath", ndjson_accept_cases())
def test_round_trip(relpath: str | None) -> None:
    env = corpus_env(relpath)
    text = export_text(env)
    again = recheck(text)
    assert_same_env(env, again)
    assert export_text(again) == text   # writing is a fixed point after one round


def _closure_cases() -> list:
    cases = [c for c in ndjson_accept_cases() if not c.marks]
    return cases


@pytest.mark.parametrize("relpath", _closure_cases())
def test_dependency_closure_rechecks_alone(relpath: str | None) -> None:
    env = corpus_env(relpath)
    names = list(env.constants)
    rng = random.Random(f"closure:{relpath}")
    for target in rng.sample(names, min(3, len(names))):
        closure = dependency_closure(env, [target])
        assert target in closure
        alone = recheck(export_text(env, [target]))
        assert list(alone.constants) == closure
        for n in closure:
            assert_same_constant(env.constants[n], alone.constants[n])


@pytest.mark.slow
def test_init_prelude_closures_recheck_alone() -> None:
    if not MANIFEST.is_file():
        pytest.skip(f"export corpus not found at {CORPUS}")
    env = load("core/init-prelude.lean-4.29.1.ndjson")
    checked = 0
    for target in ("String.decEq", "Quot.lift", "Nat.lt_irrefl", "Array.push", "Lean.numLitKind", "Nat.pow"):
        name = Name.of(target)
        if name not in env:
            continue
        closure = dependency_closure(env, [name])
        assert 0 < len(closure) < len(env)
        alone = recheck(export_text(env, [name]))
        assert list(alone.constants) == closure
        checked += 1
    assert checked >= 4


_STABILITY_SCRIPT = """
import sys
from leanr_py.export import check_export
from leanr_py.export.writer import export_lines
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.name import Name
env = Environment()
assert check_export(sys.argv[1], env).ok
out = sys.stdout.buffer
for line in export_lines(env):
    out.write(line.encode("utf-8") + b"\\n")
names = list(env.constants)
for line in export_lines(env, [names[len(names) // 2], names[-1]]):
    out.write(line.encode("utf-8") + b"\\n")
"""


def test_output_is_byte_stable_across_hash_seeds() -> None:
    path = CORPUS / MID_SIZE_FILE
    if not path.is_file():
        pytest.skip(f"corpus file missing: {path}")
    outputs = []
    for seed in ("0", "1", "4242"):
        proc = subprocess.run([sys.executable, "-c", _STABILITY_SCRIPT, str(path)], capture_output=True,
                              cwd=REPO_ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
        assert proc.returncode == 0, proc.stderr.decode()
        outputs.append(proc.stdout)
    assert len(outputs[0]) > 100_000
    assert outputs[0] == outputs[1] == outputs[2]
