"""`leanr check-export` and `leanr check`: exit codes and messages, never a traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from leanr_py import cli

REPO_ROOT = Path(__file__).resolve().parents[2]

META = ('{"meta":{"exporter":{"name":"lean4export","version":"3.1.0"},"format":{"version":"3.1.0"},'
        '"lean":{"githash":"0","version":"4.29.1"}}}')
AXIOM_FILE = "\n".join([META, '{"in":1,"str":{"pre":0,"str":"A"}}', '{"ie":0,"sort":0}',
                        '{"axiom":{"isUnsafe":false,"levelParams":[],"name":1,"type":0}}']) + "\n"


def write(tmp_path: Path, text: str, name: str = "f.ndjson") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_accept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check-export", write(tmp_path, AXIOM_FILE)]) == 0
    assert capsys.readouterr().out.strip() == "ok: 1 declarations"


def test_accept_quiet_with_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check-export", write(tmp_path, AXIOM_FILE), "--quiet", "--stats"]) == 0
    out = capsys.readouterr().out
    assert "ok:" not in out
    assert "declarations/s:" in out and "peak memory:" in out and "time: parse" in out


def test_malformed_is_reject_with_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, META + '\n{"ie":0,"sort":3}\n')
    assert cli.main(["check-export", path]) == 1
    assert capsys.readouterr().out.strip() == "error: line 2: reference to undefined level 3"


def test_kernel_reject_names_declaration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = AXIOM_FILE + '{"axiom":{"isUnsafe":false,"levelParams":[],"name":1,"type":0}}\n'
    assert cli.main(["check-export", write(tmp_path, text)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("error: line 5: A: ")


def test_unsupported_version_declines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, AXIOM_FILE.replace('"format":{"version":"3.1.0"}', '"format":{"version":"9.0.0"}'))
    assert cli.main(["check-export", path]) == 2
    assert "9.0.0" in capsys.readouterr().out


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check-export", str(tmp_path / "nope.ndjson")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_usage_errors() -> None:
    assert cli.main([]) == 2
    assert cli.main(["check-export"]) == 2
    assert cli.main(["frobnicate"]) == 2


def test_check_is_honest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `frobnicate` is in no prelude: leanr cannot tell a typo from a name it lacks, so no verdict
    f = write(tmp_path, "theorem t : True := frobnicate\n", "t.lean")
    assert cli.main(["check", "--decline-exit", f]) == 2
    assert "declined" in capsys.readouterr().err
    assert cli.main(["check", f]) == 1   # an error is reported: exit 1, the missing verdict on stderr
    assert "declined" in capsys.readouterr().err


def test_internal_error_is_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(cli, "check_export_command", broken)
    assert cli.main(["check-export", write(tmp_path, AXIOM_FILE)]) == 3
    assert capsys.readouterr().err.startswith("internal error: ValueError: boom")


def test_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "leanr_py", "check-export", write(tmp_path, AXIOM_FILE)],
                          capture_output=True, text=True, timeout=120, cwd=REPO_ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok: 1 declarations"
    assert "Traceback" not in proc.stderr
