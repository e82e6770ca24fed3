"""Every accept/reject case of the shared export corpus, through the real command line.

The corpus lives next to the repository (`../shared/corpus/export`, described by MANIFEST.tsv);
the test is skipped when it is absent.
"""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "export"
MANIFEST = CORPUS / "MANIFEST.tsv"
EXPECTED_EXIT = {"accept": 0, "reject": 1}
SLOW_BYTES = 1_000_000
TIMEOUT_SECONDS = int(os.environ.get("LEANR_CORPUS_TIMEOUT", "600"))

# Cases where this checker's verdict knowingly differs from the manifest's, with the reason.
DISAGREEMENTS = {
    # Hand-written fixture: it claims `List.rec : Prop → Prop → Prop → Prop → Prop → Prop` with no universe
    # parameter and no rules, which is not the recursor of the `List` it declares. Claimed recursors must
    # equal the generated ones (the same rule rejects the hand-edited recursors of misc/vow-wrong-*).
    "handwritten/kiota-nested-list-tree.accept.ndjson": "reject",
}


def corpus_cases() -> list:
    if not MANIFEST.is_file():
        return [pytest.param(None, None, id="corpus-absent")]
    cases = []
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            expected = row["expected"]
            if expected not in EXPECTED_EXIT:
                continue
            marks = [pytest.mark.slow] if int(row.get("bytes") or 0) > SLOW_BYTES else []
            expected = DISAGREEMENTS.get(row["file"], expected)
            cases.append(pytest.param(row["file"], expected, id=row["file"], marks=marks))
    return cases


@pytest.mark.parametrize("relpath, expected", corpus_cases())
def test_corpus_case(relpath: str | None, expected: str | None) -> None:
    if relpath is None or expected is None:
        pytest.skip(f"export corpus not found at {CORPUS}")
    path = CORPUS / relpath
    if not path.is_file():
        pytest.skip(f"corpus file missing: {relpath}")
    try:
        proc = subprocess.run([sys.executable, "-m", "leanr_py", "check-export", str(path)],
                              capture_output=True, text=True, timeout=TIMEOUT_SECONDS, cwd=REPO_ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"expected {expected}, but no verdict within {TIMEOUT_SECONDS}s")
    assert "Traceback" not in proc.stderr, proc.stderr
    output = (proc.stdout + proc.stderr).strip()
    assert proc.returncode == EXPECTED_EXIT[expected], f"expected {expected}, got exit {proc.returncode}: {output}"
