"""Session snapshots: the whole state to bytes and back, continuing exactly as the original; byte-identical
bytes; and nothing but SnapshotError from damaged or hostile blobs."""
from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from leanr_py.kernel.environment import Environment
from leanr_py.session import SESSION_VERSION, Session
from leanr_py.snapshot import FORMAT_VERSION, HEADER, MAGIC, SnapshotError, dump_state

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "lean" / "dev"

DOC = """def a : Nat := 1
def b (x : Nat) : Nat := x + a
theorem tb : b 1 = 2 := rfl
namespace Foo
variable (n : Nat) {α : Type}
def c : Nat := b n
structure P where
  x : Nat
  y : Nat
end Foo
open Foo in
#check c
abbrev N := Nat
instance : Inhabited N := ⟨3⟩
def s : Nat := sorry
example (x y : Nat) (h : x = y) : x = x := sorry
"""

# a base of its own (no prelude): small blobs, so fuzzing thousands of them stays quick
SMALL_BASE = """inductive N where
  | z : N
  | s : N → N
namespace N
def two : N := s (s z)
class C (α : Type) where
  pt : α
instance : C N := ⟨z⟩
end N
"""


def diags(r) -> list:  # type: ignore[no-untyped-def]
    return [(d.span.line, d.span.col, d.severity, d.message) for d in r.diagnostics]


def test_round_trip_bytes_and_continuation() -> None:
    s = Session()
    r = s.check(DOC)
    assert not r.errors, r.diagnostics
    blob = s.snapshot()
    assert blob[:8] == MAGIC
    s2 = Session.restore(blob)
    assert s2.snapshot() == blob                      # restore(snapshot(s)) is s, byte for byte
    assert s2.gas == s.gas
    # the same next steps give the same results in both
    for text in (DOC, DOC + "def z : Nat := Foo.c 3\n", DOC.replace("def a : Nat := 1", "def a : Nat := 2"),
                 DOC[: DOC.index("namespace Foo")], DOC + "def bad : Nat := true\n"):
        r1, r2 = s.check(text), s2.check(text)
        assert diags(r1) == diags(r2), text
        assert [c.reused for c in r1.commands] == [c.reused for c in r2.commands]
        assert r1.info_at(2, 26) == r2.info_at(2, 26)
        assert s.snapshot() == s2.snapshot()


def test_restored_session_reuses_every_command() -> None:
    s = Session()
    r1 = s.check(DOC)
    s2 = Session.restore(s.snapshot())
    r2 = s2.check(DOC)
    assert r2.rechecked == 0 and diags(r1) == diags(r2)
    assert [x.to_json() for x in r1.sorries()] == [x.to_json() for x in r2.sorries()]
    assert r2.info_at(2, 25) == {"pos": {"line": 2, "column": 25}, "endPos": {"line": 2, "column": 26},
                                 "expr": "x", "type": "Nat"}


def test_scopes_and_instances_survive() -> None:
    s = Session()
    s.check(DOC)
    s2 = Session.restore(s.snapshot())
    assert s2.elab.scopes == s.elab.scopes
    assert s2.elab.reducible == s.elab.reducible and "N" in {str(n) for n in s2.elab.reducible}
    assert s2.table.instances_of(s2.table.classes[next(iter(s2.table.classes))].name) is not None
    assert {str(n) for n in s2.table.names} == {str(n) for n in s.table.names}
    r = s2.check(DOC + "def i : N := Inhabited.default\n")
    assert not r.errors, r.diagnostics


def test_gas_state_survives() -> None:
    s = Session(gas=100)
    r = s.check(DOC)
    assert r.gas_exhausted
    s2 = Session.restore(s.snapshot())
    assert s2.gas == 100
    r1, r2 = s.check(DOC), s2.check(DOC)
    assert diags(r1) == diags(r2) and r2.rechecked == 0
    r1, r2 = s.check(DOC, gas=10_000_000), s2.check(DOC, gas=10_000_000)   # resume with a larger budget
    assert diags(r1) == diags(r2) and not r2.gas_exhausted and not r2.errors


def test_empty_session_round_trips() -> None:
    s = Session(Environment())
    blob = s.snapshot()
    assert Session.restore(blob).snapshot() == blob


def _hash_in_subprocess(seed: str) -> str:
    code = ("import hashlib, sys; sys.setrecursionlimit(10000); from leanr_py.session import Session; "
            "s = Session(); s.check(sys.stdin.read()); print(hashlib.sha256(s.snapshot()).hexdigest())")
    env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-c", code], input=DOC, capture_output=True, text=True, env=env,
                         timeout=300, cwd=REPO)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_bytes_identical_across_runs_and_hash_seeds() -> None:
    s = Session()
    s.check(DOC)
    here = hashlib.sha256(s.snapshot()).hexdigest()
    assert {_hash_in_subprocess(seed) for seed in ("0", "1", "12345")} == {here}


# ------------------------------------------------------------------ damaged and hostile blobs

def _small_blob() -> bytes:
    s = Session(Environment())
    s.check(SMALL_BASE + "def three : N := N.s N.two\nexample : N := N.C.pt\n")
    return s.snapshot()


def _repack(payload: bytes, version: int = FORMAT_VERSION) -> bytes:
    packed = zlib.compress(payload)
    return HEADER.pack(MAGIC, version, 0, len(payload), hashlib.sha256(packed).digest()) + packed


def _restore_outcome(blob: bytes) -> str:
    try:
        Session.restore(blob)
    except SnapshotError as exc:
        assert str(exc), "a SnapshotError always says why"
        return "rejected"
    return "accepted"


def test_truncations_and_bit_flips_raise_snapshot_error() -> None:
    blob = _small_blob()
    rng = random.Random(5)
    for n in list(range(0, len(blob), max(1, len(blob) // 200))):
        assert _restore_outcome(blob[:n]) == "rejected"
    for _ in range(1000):
        b = bytearray(blob)
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
        assert _restore_outcome(bytes(b)) == "rejected"   # the checksum catches every flip


def test_hostile_payloads_with_valid_checksums() -> None:
    """Mutations behind a recomputed checksum: the decoder itself must reject or survive every one."""
    blob = _small_blob()
    payload = zlib.decompress(blob[HEADER.size:])
    rng = random.Random(7)
    outcomes = {"rejected": 0, "accepted": 0}
    for k in range(3000):
        p = bytearray(payload)
        kind = k % 4
        if kind == 0:    # flip bits
            for _ in range(rng.randint(1, 3)):
                i = rng.randrange(len(p))
                p[i] ^= 1 << rng.randrange(8)
        elif kind == 1:  # overwrite a byte with an extreme value
            p[rng.randrange(len(p))] = rng.choice((0, 1, 0x7F, 0x80, 0xFF))
        elif kind == 2:  # cut a slice out
            i = rng.randrange(len(p))
            del p[i:i + rng.randint(1, 16)]
        else:            # duplicate a slice
            i = rng.randrange(len(p))
            p[i:i] = p[i:i + rng.randint(1, 16)]
        outcomes[_restore_outcome(_repack(bytes(p)))] += 1
    assert outcomes["rejected"] > 2000, outcomes


def test_wrong_version_kind_and_type() -> None:
    blob = _small_blob()
    payload = zlib.decompress(blob[HEADER.size:])
    with pytest.raises(SnapshotError, match="version 99"):
        Session.restore(_repack(payload, version=99))
    with pytest.raises(SnapshotError, match="not a session snapshot"):
        Session.restore(dump_state(Environment(), {"kind": "something else"}))
    with pytest.raises(SnapshotError, match="not a session snapshot"):
        Session.restore(dump_state(Environment()))               # an environment snapshot, no session
    with pytest.raises(SnapshotError, match="layout version"):
        Session.restore(dump_state(Environment(), {"kind": "leanr session", "version": 999}))
    with pytest.raises(SnapshotError, match="bytes"):
        Session.restore("not bytes")  # type: ignore[arg-type]
    with pytest.raises(SnapshotError):
        Session.restore(b"")


def test_hostile_records_are_refused() -> None:
    from leanr_py.syntax.errors import Diagnostic, Span

    good = {"kind": "leanr session", "version": SESSION_VERSION, "gas": 5, "base": None, "entries": ()}
    with pytest.raises(SnapshotError):   # base state of the wrong shape
        Session.restore(dump_state(Environment(), good))
    # a record whose field has the wrong type is refused before it is built
    bad_diag = Diagnostic(Span(1, 0, 1, 1), "error", "x")
    object.__setattr__(bad_diag, "message", 42)
    with pytest.raises(SnapshotError, match="wrong type"):
        Session.restore(dump_state(Environment(), {**good, "entries": ({"diagnostics": (bad_diag,)},)}))


# ------------------------------------------------------------------ the corpus

@pytest.mark.slow
def test_corpus_files_round_trip() -> None:
    files = sorted(CORPUS.rglob("*.lean"))
    if not files:
        pytest.skip("shared corpus (lean/dev) not present")
    for f in files:
        text = f.read_text(encoding="utf-8")
        s = Session(gas=2_000_000)
        r1 = s.check(text)
        blob = s.snapshot()
        s2 = Session.restore(blob)
        assert s2.snapshot() == blob, f
        r2 = s2.check(text)
        assert r2.rechecked == 0 and diags(r1) == diags(r2), f


def test_hostile_data_shapes_are_refused_quickly() -> None:
    base = {"kind": "leanr session", "version": SESSION_VERSION, "gas": 5, "base": None, "entries": ()}
    # a dict keyed by a tuple (a deep one would make hashing recurse in C): only atoms may be keys
    with pytest.raises(SnapshotError, match="dict key"):
        Session.restore(dump_state(Environment(), {**base, "gas": {(1, (2,)): 1}}))
    deep: tuple = ()
    for _ in range(1_000):
        deep = (deep,)
    # refused while decoding, before a value that deep exists (freeing one is a C call per level)
    with pytest.raises(SnapshotError, match="nested deeper than 256 levels"):
        Session.restore(dump_state(Environment(), {**base, "gas": deep}))
    # shared parts referenced again and again: a small blob for an enormous value
    t: tuple = (1,) * 1000
    for _ in range(3):
        t = (t,) * 1000
    blob = dump_state(Environment(), {**base, "entries": t})
    assert len(blob) < 100_000
    with pytest.raises(SnapshotError, match="too large"):
        Session.restore(blob)


def test_a_restored_session_keeps_well_founded_definitions_irreducible() -> None:
    from leanr_py.kernel.name import Name

    src = "def log2 (n : Nat) : Nat := if h : n < 2 then 0 else log2 (n / 2) + 1\ntermination_by n\n"
    s = Session()
    s.check(src)
    assert Name.of("log2") in s.elab.irreducible
    restored = Session.restore(s.snapshot())
    assert Name.of("log2") in restored.elab.irreducible
    probe = src + "example : log2 8 = 3 := by decide\n"
    messages = lambda session: [d.message for d in session.check(probe).diagnostics]  # noqa: E731
    assert messages(restored) == messages(s)
