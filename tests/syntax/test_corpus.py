"""Every `accept` file of the development corpus parses with zero syntax diagnostics."""

from pathlib import Path

import pytest

from leanr_py.syntax import parse_file

CORPUS = Path(__file__).resolve().parents[2].parent / "shared/corpus/lean/dev"

# files that still fail, with the reason (none at present)
EXPECTED_FAILURES: dict[str, str] = {}

# reject files whose error is a *syntax* error: (line, col, message) of Lean's first parse error
SYNTAX_REJECTS = {
    "lean4-tests/348.lean": (3, 24, "unexpected token '⟩'; expected ')'"),
    "lean4-tests/361.lean": (6, 0, "unexpected end of input; expected '{'"),
    "lean4-tests/4117.lean": (2, 0, "unexpected end of input; expected ')'"),
}


def _manifest() -> list[tuple[str, str]]:
    if not (CORPUS / "MANIFEST.tsv").exists():
        return []
    rows = []
    for line in (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) > 4:
            rows.append((cols[0], cols[4]))
    return rows


ROWS = _manifest()
pytestmark = pytest.mark.skipif(not ROWS, reason="corpus not available")


def test_accept_files_parse_cleanly():
    accept = [f for f, e in ROWS if e == "accept"]
    failures = {}
    for f in accept:
        r = parse_file((CORPUS / f).read_text(encoding="utf-8"))
        if r.diagnostics:
            failures[f] = r.diagnostics[0].format(f)
    unexpected = {f: m for f, m in failures.items() if f not in EXPECTED_FAILURES}
    assert not unexpected, unexpected
    ok = len(accept) - len(failures)
    print(f"corpus: {ok}/{len(accept)} accept files parse cleanly")


def test_reject_files_never_crash_and_syntax_errors_match_lean():
    for f, e in ROWS:
        if e != "reject":
            continue
        r = parse_file((CORPUS / f).read_text(encoding="utf-8"))
        if f in SYNTAX_REJECTS:
            d = r.diagnostics[0]
            assert (d.span.line, d.span.col, d.message) == SYNTAX_REJECTS[f]
        else:
            assert not r.diagnostics, (f, r.diagnostics[0].format(f))
