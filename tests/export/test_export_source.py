"""`leanr export`: what leanr elaborates, written as lean4export NDJSON, is accepted again by the kernel's
export reader (round trip), byte-stable across runs and hash seeds, and never written for a file with errors."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from leanr_py.cli import main
from leanr_py.export import ACCEPT, check_export
from leanr_py.export.writer import write_export
from leanr_py.prelude import fork_prelude
from leanr_py.session import Session

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "lean" / "dev"

SAMPLE = """\
inductive Color where
  | red | green | blue

structure Point where
  x : Nat
  y : Nat

def origin : Point := ⟨0, 1⟩

def big : Nat := 12345678901234567890 * 98765432109876543210

theorem origin_y : origin.y = 1 := rfl

theorem big_pos : big + 1 = Nat.succ big := rfl

def weight : Color → Nat
  | .red => 1
  | .green => 20
  | .blue => 300

def sumTo : Nat → Nat
  | 0 => 0
  | n + 1 => (n + 1) + sumTo n

theorem weights : weight .green + sumTo 4 = 30 := rfl
"""


def _write(tmp_path: Path, text: str, name: str = "doc.lean") -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_export_round_trips_through_the_export_checker(tmp_path: Path) -> None:
    src = _write(tmp_path, SAMPLE)
    out = tmp_path / "doc.ndjson"
    assert main(["export", src, "-o", str(out)]) == 0
    result = check_export(str(out))
    assert result.status == ACCEPT, result.error
    # the document's 11 constants (Color: type, 3 ctors, rec; Point: type, ctor, rec, 2 projections;
    # origin, big, origin_y, big_pos) plus the prelude constants they mention
    assert result.declarations > 14
    text = out.read_text(encoding="utf-8")
    for component in ('"origin_y"', '"big_pos"', '"Color"', '"Point"', '"add"'):
        assert component in text


def test_session_export_matches_the_command_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    assert not session.check(SAMPLE).errors
    text = session.export()
    assert check_export(text.splitlines()).status == ACCEPT
    assert main(["export", _write(tmp_path, SAMPLE)]) == 0
    assert capsys.readouterr().out == text
    names = [str(n) for n in session.declarations]
    assert names[:2] == ["Color", "Color.red"] and "sumTo" in names and names[-1] == "weights"
    only = session.export(decls=["weight"])
    assert '"sumTo"' not in only and check_export(only.splitlines()).status == ACCEPT


def test_only_requested_declarations_and_their_closure(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    src = _write(tmp_path, SAMPLE)
    assert main(["export", src, "--decls", "origin"]) == 0
    text = capsys.readouterr().out
    assert '"origin"' in text and '"Point"' in text
    assert '"Color"' not in text and '"big"' not in text
    assert check_export(io.StringIO(text).read().splitlines()).status == ACCEPT


def test_unknown_declaration_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    src = _write(tmp_path, SAMPLE)
    assert main(["export", src, "--decls", "nope"]) == 2
    assert "unknown declaration(s): nope" in capsys.readouterr().err


def test_file_with_errors_is_not_exported(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    src = _write(tmp_path, "theorem bad : 2 + 2 = 5 := rfl\n")
    out = tmp_path / "bad.ndjson"
    assert main(["export", src, "-o", str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "1:27: error: Type mismatch" in err and "not exported" in err


def test_unreadable_file_declines(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["export", str(tmp_path / "missing.lean")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_export_is_byte_stable_across_hash_seeds(tmp_path: Path) -> None:
    src = _write(tmp_path, SAMPLE)
    outputs = []
    for seed in ("0", "12345"):
        out = tmp_path / f"out{seed}.ndjson"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "leanr_py", "export", src, "-o", str(out)], check=True, env=env,
                       cwd=Path(__file__).resolve().parents[2], timeout=300)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def _accept_cases() -> list[Path]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    rows = [line.split("\t") for line in manifest.read_text(encoding="utf-8").splitlines()[1:] if line]
    return [CORPUS / r[0] for r in rows if len(r) > 4 and r[4] == "accept"]


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")
def test_every_accepted_corpus_file_round_trips() -> None:
    """`leanr check-export` on what `leanr export` writes accepts exactly the files `leanr check` accepts."""
    round_tripped = 0
    for path in _accept_cases():
        text = path.read_text(encoding="utf-8")
        env, table = fork_prelude()
        before = set(env.constants)
        diags = Session(env, table).check(text).diagnostics
        if any(d.severity == "error" for d in diags):
            continue
        added = [n for n in env.constants if n not in before]
        out = io.StringIO()
        write_export(env, out, added)
        result = check_export(out.getvalue().splitlines())
        assert result.status == ACCEPT, f"{path.name}: {result.error}"
        round_tripped += 1
    assert round_tripped > 0
