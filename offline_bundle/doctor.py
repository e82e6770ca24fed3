"""`leanr-bundle doctor`: run each check a deployment needs and, for each failure, name the cause and
the fix.  Checks that depend on a failed one are reported as skipped, never as passed."""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Mapping

from .client.process import ReplFailure, ReplProcess
from .client.protocol import errors_of, message_text
from .manifest import parse_githash, parse_lean_version, read_olean_githash
from .thaw import merged_env

OK, FAIL, WARN, SKIP = "ok", "FAIL", "warn", "skip"


@dataclass
class Check:
    name: str
    status: str
    detail: str = ""
    cause: str = ""
    fix: str = ""

    def render(self) -> str:
        s = f"[{self.status:>4}] {self.name}: {self.detail}".rstrip(": ")
        if self.status in (FAIL, WARN):
            if self.cause:
                s += f"\n       cause: {self.cause}"
            if self.fix:
                s += f"\n       fix:   {self.fix}"
        return s


@dataclass
class DoctorReport:
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(c.status != FAIL for c in self.checks)

    def render(self) -> str:
        fails = sum(c.status == FAIL for c in self.checks)
        tail = "all checks passed" if self.ok else f"{fails} check(s) failed"
        return "\n".join(c.render() for c in self.checks) + f"\ndoctor: {tail}"

    def to_json(self) -> str:
        return json.dumps({"ok": self.ok, "checks": [asdict(c) for c in self.checks]}, indent=1)

    def get(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)


def _glibc_version() -> tuple[int, ...] | None:
    try:
        s = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError, AttributeError):
        s = ""
    m = re.search(r"(\d+)\.(\d+)", s) or re.search(r"(\d+)\.(\d+)", " ".join(platform.libc_ver()))
    return (int(m.group(1)), int(m.group(2))) if m else None


def required_glibc(binary: Path) -> tuple[int, int] | None:
    """Highest GLIBC_x.y symbol version named in an ELF file (None if not ELF or none named)."""
    try:
        data = binary.read_bytes()
    except OSError:
        return None
    if not data.startswith(b"\x7fELF"):
        return None
    vers = {(int(a), int(b)) for a, b in re.findall(rb"GLIBC_(\d+)\.(\d+)", data)}
    return max(vers) if vers else None


def _run(argv: list[str], env: Mapping[str, str], timeout: float, stdin: str | None = None,
         cwd: str | None = None) -> tuple[int | None, str, str]:
    """(returncode or None when it could not run/timed out, stdout, stderr or the reason)."""
    try:
        r = subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=timeout,
                           env=merged_env(env), cwd=cwd)
    except subprocess.TimeoutExpired:
        return None, "", f"timed out after {timeout:g} s"
    except PermissionError as e:
        return None, "", f"permission denied ({e.strerror})"
    except OSError as e:
        return None, "", f"{e.strerror or e}"
    return r.returncode, r.stdout, r.stderr


def _first_lines(s: str, n: int = 3) -> str:
    lines = [l for l in s.strip().splitlines() if l.strip()]
    return " | ".join(lines[:n])


def _ask_repl(repl_bin: str, env: Mapping[str, str], cwd: str, timeout: float,
              stdout_pty: bool) -> tuple[dict | None, str]:
    """(the REPL's answer to a trivial command or None, "KIND: why" when it gave none)."""
    try:
        proc = ReplProcess([repl_bin], env=merged_env(env), cwd=cwd, stdout_pty=stdout_pty)
    except ReplFailure as e:
        return None, f"{e.kind}: {e}"
    try:
        return proc.request({"cmd": "example : 1 + 1 = 2 := rfl"}, timeout), ""
    except ReplFailure as e:
        return None, f"{e.kind}: {e}"
    finally:
        proc.kill()


def run_doctor(env: Mapping[str, str], *, expected_githash: str | None = None, imports: list[str] = (),
               timeout: float = 120.0, repl: bool = True) -> DoctorReport:
    """env: the variables from compute_env/thaw (LEAN_PATH, PATH, LEANR_LEAN, LEANR_REPL ...)."""
    checks: list[Check] = []
    add = checks.append
    lean = env.get("LEANR_LEAN") or shutil.which("lean", path=env.get("PATH")) or "lean"
    lean_p = Path(lean)
    fix_thaw = "run `leanr-bundle thaw BUNDLE WORKDIR` and use the environment it prints"

    # 1. binary present and executable
    if not lean_p.exists():
        add(Check("lean binary", FAIL, f"{lean} does not exist",
                  "the toolchain's bin/lean is missing (incomplete upload, wrong path or a stripped bundle)",
                  f"`leanr-bundle verify BUNDLE` to see what is missing, then rebuild/re-upload; {fix_thaw}"))
        lean_ok = False
    elif not os.access(lean_p, os.X_OK):
        add(Check("lean binary", FAIL, f"{lean} is not executable",
                  "the exec bit was lost (dataset upload) and the binary was not copied",
                  "`leanr-bundle thaw BUNDLE WORKDIR` (copies non-executable binaries and restores +x), "
                  f"or: cp {lean} /kaggle/working/lean && chmod +x /kaggle/working/lean"))
        lean_ok = False
    else:
        add(Check("lean binary", OK, str(lean)))
        lean_ok = True

    # 2. glibc and shared libraries (ELF only)
    real = lean_p.resolve() if lean_p.exists() else lean_p
    need = required_glibc(real) if lean_ok else None
    have = _glibc_version()
    if not lean_ok:
        add(Check("glibc", SKIP, "lean binary unavailable"))
    elif need is None:
        add(Check("glibc", SKIP, "not an ELF binary or no GLIBC symbol versions (nothing to compare)"))
    elif have is None:
        add(Check("glibc", WARN, f"binary needs GLIBC {need[0]}.{need[1]}; this system's glibc is unknown",
                  "not a glibc system (musl?)", "use a toolchain built for this libc"))
    elif have < need:
        add(Check("glibc", FAIL, f"binary needs GLIBC {need[0]}.{need[1]}, system has {have[0]}.{have[1]}",
                  "the toolchain was built for a newer Linux than this one",
                  "build the bundle from an official Lean release (linked against an old glibc) or on a "
                  "machine with glibc no newer than the target's"))
    else:
        add(Check("glibc", OK, f"needs {need[0]}.{need[1]}, have {have[0]}.{have[1]}"))
    if lean_ok and need is not None and shutil.which("ldd"):
        rc, out, err = _run(["ldd", str(real)], env, 30)
        missing = [l.split("=>")[0].strip() for l in out.splitlines() if "not found" in l]
        if missing:
            add(Check("shared libraries", FAIL, "unresolved: " + ", ".join(missing),
                      "the dynamic loader cannot find libraries the binary links against",
                      "put the toolchain's lib/ and lib/lean/ on LD_LIBRARY_PATH (thaw's env does this); "
                      "check that the bundle's toolchain/lib/*.so files are present (`leanr-bundle verify`)"))
        else:
            add(Check("shared libraries", OK, "all resolved (ldd)"))
    else:
        add(Check("shared libraries", SKIP, "not an ELF binary or ldd unavailable" if lean_ok else "lean binary unavailable"))

    # 3. the binary runs; version and githash
    bin_hash = None
    if lean_ok:
        rc, out, err = _run([lean, "--version"], env, 60)
        version, commit = parse_lean_version(out)
        if rc != 0 or version is None:
            reason = err.strip() or out.strip() or f"exit code {rc}"
            add(Check("lean runs", FAIL, f"`lean --version` failed: {_first_lines(reason)}",
                      "the binary cannot start here (wrong architecture, missing libraries, noexec mount)",
                      "check the glibc/shared-library lines above; run thaw with --copy-executables always "
                      "if the input mount is noexec"))
            lean_ok = False
        else:
            add(Check("lean runs", OK, out.strip()))
            rc, gout, _ = _run([lean, "--githash"], env, 60)
            bin_hash = parse_githash(gout) or commit
    else:
        add(Check("lean runs", SKIP, "lean binary unavailable"))
    if expected_githash and bin_hash and bin_hash != expected_githash:
        add(Check("bundle version", FAIL, f"lean --githash {bin_hash}, MANIFEST.json says {expected_githash}",
                  "the lean on PATH is not the bundle's (another toolchain or elan proxy comes first)",
                  "put the thawed bin/ first on PATH (thaw's env does this)"))

    # 4. LEAN_PATH entries exist; oleans match the binary
    entries = [e for e in env.get("LEAN_PATH", "").split(os.pathsep) if e]
    bad = [e for e in entries if not os.path.isdir(e)]
    if not entries:
        add(Check("LEAN_PATH", FAIL, "LEAN_PATH is empty",
                  "the environment was not set up", fix_thaw))
    elif bad:
        add(Check("LEAN_PATH", FAIL, "missing: " + ", ".join(bad),
                  "a LEAN_PATH directory does not exist (dataset mounted elsewhere, or a package's build "
                  "directory was not included when the bundle was built)",
                  "re-run `leanr-bundle thaw` with the bundle's actual path (e.g. /kaggle/input/<dataset>/...); "
                  "if the directory is absent from the bundle, `lake build` the project before `leanr-bundle build`"))
    else:
        add(Check("LEAN_PATH", OK, f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} exist"))
    mism = []
    unreadable = []
    sampled = 0
    for e in entries:
        d = Path(e)
        if not d.is_dir():
            continue
        sample = d / "Init.olean" if (d / "Init.olean").is_file() else next(d.rglob("*.olean"), None)
        if sample is None:
            continue
        sampled += 1
        hdr = read_olean_githash(sample)
        if hdr is None:
            unreadable.append(str(sample))
        elif bin_hash and hdr[1] != bin_hash:
            mism.append(f"{sample} was written by {hdr[1][:12] or '?'}")
    if mism:
        add(Check("olean version", FAIL, "; ".join(mism) + f" but lean is {bin_hash[:12]}",
                  "the oleans were built by a different Lean version than the binary (the project's "
                  "lean-toolchain differs from the bundled toolchain, or oleans from another build were mixed in)",
                  "rebuild the project (`lake build`) with exactly the bundled toolchain, then rebuild the bundle"))
    elif unreadable:
        add(Check("olean version", FAIL, "no olean header in " + ", ".join(unreadable),
                  "the file is truncated or not an .olean", "`leanr-bundle verify BUNDLE`"))
    elif not bin_hash:
        add(Check("olean version", SKIP, "lean's githash unknown"))
    elif sampled == 0:
        add(Check("olean version", SKIP, "no .olean files found on LEAN_PATH"))
    else:
        add(Check("olean version", OK, f"{sampled} LEAN_PATH entr{'y' if sampled == 1 else 'ies'} sampled, all {bin_hash[:12]}"))

    # 5. Lean actually checks things
    header = "".join(f"import {m}\n" for m in imports)
    probes = [
        ("trivial example", "example : 1 + 1 = 2 := rfl\n",
         "Init is not found or broken (LEAN_PATH / olean mismatch)"),
        ("decide", "example : 10 < 20 := by decide\n", "kernel reduction of Decidable instances failed"),
        ("native_decide", "example : 10 < 20 := by native_decide\n",
         "the compiler/interpreter path of the toolchain is broken (shared library libleanshared, or IR missing)"),
    ]
    if imports:
        probes.insert(1, ("import " + ", ".join(imports), "example : True := trivial\n",
                          "a module is not on LEAN_PATH or its oleans are incomplete/mismatched"))
    with tempfile.TemporaryDirectory(prefix="leanr-doctor-") as td:
        for name, body, cause in probes:
            if not lean_ok:
                add(Check(name, SKIP, "lean does not run"))
                continue
            src = Path(td) / f"Probe{len(checks)}.lean"
            src.write_text((header if name.startswith("import") else "") + body)
            rc, out, err = _run([lean, str(src)], env, timeout, cwd=td)
            text = (out + err).strip()
            if rc == 0 and "error" not in text.lower():
                add(Check(name, OK, "checked"))
            else:
                add(Check(name, FAIL, f"exit {rc}: {_first_lines(text) or 'no output'}", cause,
                          "look at the lines above (LEAN_PATH, olean version); " + fix_thaw))

        # 6. the REPL answers
        repl_bin = env.get("LEANR_REPL")
        if not repl:
            pass
        elif not repl_bin:
            add(Check("repl", SKIP, "no REPL in this bundle (LEANR_REPL unset)"))
        elif not os.access(repl_bin, os.X_OK):
            add(Check("repl", FAIL, f"{repl_bin} missing or not executable",
                      "the REPL binary was not bundled or lost its exec bit", fix_thaw))
        else:
            resp, failure = _ask_repl(repl_bin, env, td, timeout, stdout_pty=False)
            errors = errors_of(resp) if resp is not None else []
            if resp is not None and "env" in resp and not errors:
                add(Check("repl", OK, f"answered {json.dumps(resp)[:80]}"))
            elif failure.startswith("timeout") and _ask_repl(repl_bin, env, td, timeout, stdout_pty=True)[0]:
                add(Check("repl", FAIL, "answers only when its output is a terminal",
                          "this REPL never flushes its output (leanprover-community/repl before July 2024), so "
                          "over a pipe its answers stay in its buffer",
                          "pass --pty to `leanr-bundle verify-proofs` (Backend(stdout_pty=True) in Python), or "
                          "rebuild the REPL from a newer commit"))
            else:
                detail = failure.partition(": ")[2] or (message_text(errors[0]) if errors else json.dumps(resp)[:200])
                add(Check("repl", FAIL, _first_lines(detail) or "no answer",
                          "the REPL did not answer a trivial command (it needs the same LEAN_PATH as lean, and "
                          "must be built with the bundled toolchain)",
                          "rebuild the REPL with the bundle's lean-toolchain; " + fix_thaw))
    return DoctorReport(checks)
