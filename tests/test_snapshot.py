"""Environment snapshots: byte-identical round trips, and only SnapshotError on bad blobs."""
from __future__ import annotations

import hashlib
import random
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from leanr_py.export import check_export
from leanr_py.kernel import declaration as D
from leanr_py.kernel.environment import Environment
from leanr_py.kernel.expr import PROP, TYPE, alpha_eqv, mk_arrow, mk_const
from leanr_py.kernel.name import Name
from leanr_py.snapshot import FORMAT_VERSION, HEADER, MAGIC, SnapshotError, dump_environment, load_environment

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "export"
SAMPLES = ["misc/lean4export-Nat.add_succ.ndjson", "misc/rpylean-Sexpr2.ndjson", "misc/vow-postcond.ndjson",
           "arena/tutorial/good/124_quotLiftReduction.ndjson", "arena/tutorial/good/042_rbTreeDef.ndjson"]


def small_env() -> Environment:
    env = Environment()
    nat = mk_const(Name.of("N"))
    env.add(D.InductiveDecl((), 0, (D.InductiveType(Name.of("N"), TYPE, (
        D.Constructor(Name.of("N.z"), nat), D.Constructor(Name.of("N.s"), mk_arrow(nat, nat)))),)))
    env.add(D.AxiomDecl(Name.of("P"), (), PROP))
    env.add(D.DefinitionDecl(Name.of("two"), (), nat, mk_const(Name.of("N.z")), D.Hints(D.HINT_REGULAR, 1)))
    return env


def corpus_env(rel: str) -> Environment:
    path = CORPUS / rel
    if not path.is_file():
        pytest.skip(f"corpus file absent: {rel}")
    env = Environment()
    result = check_export(path, env=env)
    assert result.status == "accept", result.error
    return env


def same_environment(a: Environment, b: Environment) -> None:
    assert list(a.constants) == list(b.constants)
    for name, x in a.constants.items():
        y = b.constants[name]
        assert type(x) is type(y) and x.level_params == y.level_params and x.type is y.type
        for field in ("value", "ctors", "num_params", "num_fields", "num_indices", "k", "safety", "all", "induct"):
            assert getattr(x, field, None) == getattr(y, field, None), (name, field)
        if isinstance(x, D.DefinitionInfo):
            assert (x.hints.kind, x.hints.height) == (y.hints.kind, y.hints.height)  # type: ignore[attr-defined]
        if isinstance(x, D.RecursorInfo):
            assert [(r.ctor, r.num_fields, r.rhs) for r in x.rules] == \
                [(r.ctor, r.num_fields, r.rhs) for r in y.rules]  # type: ignore[attr-defined]


def repack(payload: bytes, version: int = FORMAT_VERSION) -> bytes:
    packed = zlib.compress(payload)
    return HEADER.pack(MAGIC, version, 0, len(payload), hashlib.sha256(packed).digest()) + packed


def payload_of(blob: bytes) -> bytes:
    return zlib.decompress(blob[HEADER.size:])


def test_round_trip_is_identical() -> None:
    env = small_env()
    blob = dump_environment(env)
    env2 = load_environment(blob)
    same_environment(env, env2)
    assert dump_environment(env2) == blob


@pytest.mark.parametrize("rel", SAMPLES)
def test_corpus_round_trip(rel: str) -> None:
    env = corpus_env(rel)
    blob = dump_environment(env)
    restored = load_environment(blob)
    same_environment(env, restored)
    assert dump_environment(restored) == blob
    verified = load_environment(blob, verify=True)
    same_environment(env, verified)


def test_restored_environment_keeps_checking() -> None:
    env = load_environment(dump_environment(small_env()))
    nat = mk_const(Name.of("N"))
    env.add(D.TheoremDecl(Name.of("t"), (), mk_arrow(mk_const(Name.of("P")), mk_const(Name.of("P"))),
                          D_lambda_id()))
    with pytest.raises(Exception):
        env.add(D.DefinitionDecl(Name.of("bad"), (), nat, PROP))


def D_lambda_id():  # type: ignore[no-untyped-def]
    from leanr_py.kernel.expr import mk_bvar, mk_lam
    return mk_lam(Name.of("h"), mk_const(Name.of("P")), mk_bvar(0))


def test_bytes_do_not_depend_on_the_hash_seed() -> None:
    rel = "misc/rpylean-Sexpr2.ndjson"
    if not (CORPUS / rel).is_file():
        pytest.skip("corpus absent")
    code = ("import sys, hashlib; from leanr_py.export import check_export; from leanr_py.kernel.environment "
            "import Environment; from leanr_py.snapshot import dump_environment; e = Environment(); "
            f"check_export({str(CORPUS / rel)!r}, env=e); print(hashlib.sha256(dump_environment(e)).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True,
                              env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout for seed in ("0", "7", "999")}
    assert len(digests) == 1


@pytest.mark.parametrize("blob, reason", [
    (b"", "truncated header"),
    (b"LEANRSNP" + b"\0" * 10, "truncated header"),
    (b"NOTASNAP" + b"\0" * 60, "bad magic"),
    ("text", "bytes"),
])
def test_malformed_headers(blob, reason: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SnapshotError, match=reason):
        load_environment(blob)


def test_wrong_version_and_checksum() -> None:
    blob = dump_environment(small_env())
    with pytest.raises(SnapshotError, match="version 99"):
        load_environment(repack(payload_of(blob), version=99))
    flipped = bytearray(blob)
    flipped[-1] ^= 1
    with pytest.raises(SnapshotError, match="checksum"):
        load_environment(bytes(flipped))
    with pytest.raises(SnapshotError):
        load_environment(blob[:-5])


def test_decompression_size_must_match() -> None:
    blob = dump_environment(small_env())
    payload = payload_of(blob)
    packed = zlib.compress(payload)
    lying = HEADER.pack(MAGIC, FORMAT_VERSION, 0, len(payload) - 1, hashlib.sha256(packed).digest()) + packed
    with pytest.raises(SnapshotError, match="size"):
        load_environment(lying)


def test_thousands_of_payload_mutations_give_only_snapshot_errors() -> None:
    """Mutations behind a valid checksum reach the decoder itself."""
    payload = payload_of(dump_environment(small_env()))
    rng = random.Random(20261122)
    outcomes = {"ok": 0, "error": 0}
    for i in range(3000):
        data = bytearray(payload)
        op = i % 4
        pos = rng.randrange(len(data))
        if op == 0:
            data[pos] ^= 1 << rng.randrange(8)
        elif op == 1:
            data[pos] = rng.randrange(256)
        elif op == 2:
            del data[pos:pos + rng.randrange(1, 8)]
        else:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 6)))
        try:
            load_environment(repack(bytes(data)))
            outcomes["ok"] += 1
        except SnapshotError:
            outcomes["error"] += 1
    assert outcomes["error"] > 1000


def test_verify_rejects_a_well_formed_but_false_snapshot() -> None:
    env = small_env()
    # a "theorem" of False-like type with no proof: smuggle it in as a trusted constant
    env.constants[Name.of("bogus")] = D.TheoremInfo(Name.of("bogus"), (), mk_const(Name.of("P")),
                                                   mk_const(Name.of("N.z")), (Name.of("bogus"),))
    blob = dump_environment(env)
    assert Name.of("bogus") in load_environment(blob).constants  # trusted restore takes it as stored
    with pytest.raises(SnapshotError, match="kernel rejects"):
        load_environment(blob, verify=True)


def test_deep_terms_round_trip() -> None:
    env = Environment()
    nat = mk_const(Name.of("N"))
    env.add(D.InductiveDecl((), 0, (D.InductiveType(Name.of("N"), TYPE, (
        D.Constructor(Name.of("N.z"), nat), D.Constructor(Name.of("N.s"), mk_arrow(nat, nat)))),)))
    from leanr_py.kernel.expr import mk_app
    v = mk_const(Name.of("N.z"))
    for _ in range(20_000):
        v = mk_app(mk_const(Name.of("N.s")), v)
    env.add(D.DefinitionDecl(Name.of("deep"), (), nat, v, D.Hints(D.HINT_REGULAR, 1)))
    blob = dump_environment(env)
    restored = load_environment(blob)
    assert restored.constants[Name.of("deep")].value is v  # type: ignore[attr-defined]
    assert alpha_eqv(restored.constants[Name.of("deep")].type, nat)


def test_header_layout_is_documented() -> None:
    blob = dump_environment(small_env())
    magic, version, flags, size, digest = HEADER.unpack_from(blob)
    assert (magic, version, flags) == (MAGIC, FORMAT_VERSION, 0)
    assert size == len(payload_of(blob)) and digest == hashlib.sha256(blob[HEADER.size:]).digest()
    assert struct.calcsize("<8sIIQ32s") == HEADER.size == 56


def test_check_export_saves_a_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "hello.snap"
    p = subprocess.run([sys.executable, "-m", "leanr_py", "check-export", str(REPO / "examples" / "hello.ndjson"),
                        "--snapshot", str(out)], capture_output=True, text=True, cwd=REPO)
    assert p.returncode == 0, p.stdout + p.stderr
    env = load_environment(out.read_bytes(), verify=True)
    assert Name.of("two") in env.constants and Name.of("myId") in env.constants
