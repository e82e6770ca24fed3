"""First-error agreement with Lean on the reject-cases of the corpus (lean/dev).

For every reject-case with an `.expected.out`, leanr's first error is compared with Lean's:
* `lean4-tests/` records positions: same line (1-based) and same first message line;
* the other folders record messages only: same first message line.
The figures are printed (run with `-s`, or `python tests/test_corpus_positions.py`); the test fails only when
a figure drops below its recorded floor, so it guards against regressions without failing on noise.
Raise a floor when a change lifts its figure."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "lean" / "dev"

# recorded figures: (same line, same first message line) for positioned cases; same first message line otherwise
FLOOR_POSITIONED_SAME_LINE = 18
FLOOR_POSITIONED_SAME_MESSAGE = 17
FLOOR_UNPOSITIONED_SAME_MESSAGE = 49

_POSITIONED_ERROR = re.compile(r"^\S+\.lean:(\d+):(\d+)(?:-\d+:\d+)?: error: (.*)$")
_UNPOSITIONED_ERROR = re.compile(r"^error: (.*)$")


@dataclass(frozen=True, slots=True)
class FirstError:
    line: int | None  # 1-based; None when the expectation records no position
    message: str  # first line of the message


def reject_cases() -> list[str]:
    """Relative paths of the reject-cases with an expected output, in manifest order."""
    cases = []
    for row in (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        columns = row.split("\t")
        if len(columns) > 4 and columns[4] == "reject" and (CORPUS / (columns[0] + ".expected.out")).exists():
            cases.append(columns[0])
    return cases


def expected_first_error(case: str) -> FirstError | None:
    for line in (CORPUS / (case + ".expected.out")).read_text(encoding="utf-8").splitlines():
        positioned = _POSITIONED_ERROR.match(line)
        if positioned:
            return FirstError(int(positioned.group(1)), positioned.group(3).rstrip())
        unpositioned = _UNPOSITIONED_ERROR.match(line)
        if unpositioned:
            return FirstError(None, unpositioned.group(1).rstrip())
    return None


def leanr_first_error(case: str) -> FirstError | None:
    """The first error `leanr check` prints for the file (syntax errors among the others, in file order)."""
    from leanr_py.session import Session

    text = (CORPUS / case).read_text(encoding="utf-8")
    for d in Session().check(text).diagnostics:
        if d.severity == "error":
            return FirstError(d.span.line, d.message.split("\n", 1)[0].rstrip())
    return None


@dataclass(slots=True)
class Figures:
    positioned: int = 0
    same_line: int = 0
    positioned_same_message: int = 0
    unpositioned: int = 0
    unpositioned_same_message: int = 0


def measure(report: bool = False) -> Figures:
    figures = Figures()
    for case in reject_cases():
        expected = expected_first_error(case)
        if expected is None:
            continue
        got = leanr_first_error(case)
        same_message = got is not None and got.message == expected.message
        if expected.line is not None:
            figures.positioned += 1
            same_line = got is not None and got.line == expected.line
            figures.same_line += same_line
            figures.positioned_same_message += same_message
        else:
            figures.unpositioned += 1
            same_line = True
            figures.unpositioned_same_message += same_message
        if report:
            mark = ("L" if same_line else "-") + ("M" if same_message else "-")
            print(f"{mark} {case}\n   lean : {expected.line}: {expected.message}\n   leanr: "
                  + (f"{got.line}: {got.message}" if got else "(no error)"))
    return figures


def format_figures(figures: Figures) -> str:
    return (f"positioned reject-cases: same line {figures.same_line}/{figures.positioned}; "
            f"same first message line {figures.positioned_same_message}/{figures.positioned}\n"
            f"other reject-cases: same first message line "
            f"{figures.unpositioned_same_message}/{figures.unpositioned}")


def test_first_errors_agree_with_lean_at_least_as_often_as_recorded() -> None:
    if not (CORPUS / "MANIFEST.tsv").exists():
        pytest.skip("shared corpus (lean/dev) not present")
    figures = measure()
    print("\n" + format_figures(figures))
    assert figures.same_line >= FLOOR_POSITIONED_SAME_LINE, format_figures(figures)
    assert figures.positioned_same_message >= FLOOR_POSITIONED_SAME_MESSAGE, format_figures(figures)
    assert figures.unpositioned_same_message >= FLOOR_UNPOSITIONED_SAME_MESSAGE, format_figures(figures)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    print(format_figures(measure(report=True)))
