import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from offline_bundle.build import build_bundle, find_lean_path
from offline_bundle.cli import main
from offline_bundle.doctor import FAIL, OK, SKIP, required_glibc, run_doctor
from offline_bundle.manifest import BundleError, FORMAT, dump_manifest, olean_header
from offline_bundle.thaw import compute_env, thaw

from ob_fakes import GITHASH, OTHER_HASH, make_fake_repl, make_read_only, make_writable, snapshot


@pytest.fixture
def ro_bundle(bundle):
    make_read_only(bundle)
    yield bundle
    make_writable(bundle)


def _inside(path: str, root: Path) -> bool:
    return os.path.realpath(path).startswith(str(root.resolve()) + os.sep)


def test_thaw_read_only_leaves_big_parts_in_place(tmp_path, ro_bundle):
    before = snapshot(ro_bundle)
    res = thaw(ro_bundle, tmp_path / "work")
    assert snapshot(ro_bundle) == before                 # nothing written into the bundle
    env = res.env
    for entry in env["LEAN_PATH"].split(os.pathsep):
        assert _inside(entry, ro_bundle) and os.path.isdir(entry)
    assert env["LEAN_SYSROOT"] == str(ro_bundle.resolve() / "toolchain")
    # bin/: links (the bundle's binaries are executable) and nothing big copied
    work = tmp_path / "work"
    assert (work / "bin" / "lean").is_symlink() and (work / "bin" / "repl").is_symlink()
    copied = [p for p in work.rglob("*") if p.is_file() and not p.is_symlink()]
    assert sorted(p.relative_to(work).as_posix() for p in copied) == [
        "env.sh", "project/lake-manifest.json", "project/lakefile.lean", "project/lean-toolchain", "thaw.json"]
    # writable shadow project
    assert os.access(work / "project" / ".lake", os.W_OK)
    assert (work / "project" / ".lake" / "packages" / "dep").is_symlink()
    assert (work / "project" / "Main.lean").is_symlink()
    # thaw twice is fine
    thaw(ro_bundle, work)


def test_thaw_copies_executables_that_lost_exec_bit(tmp_path, bundle):
    (bundle / "toolchain/bin/lean").chmod(0o644)
    (bundle / "repl/repl").chmod(0o444)
    make_read_only(bundle)
    try:
        res = thaw(bundle, tmp_path / "work")
    finally:
        make_writable(bundle)
    lean = tmp_path / "work" / "bin" / "lean"
    assert not lean.is_symlink() and os.access(lean, os.X_OK)
    assert not (tmp_path / "work" / "bin" / "repl").is_symlink()
    assert (tmp_path / "work" / "bin" / "lake").is_symlink()
    assert any("not executable in place" in a for a in res.actions)
    assert run_doctor(res.env).ok


def test_env_dict_contents(tmp_path, bundle):
    base = {"PATH": "/usr/bin", "LD_LIBRARY_PATH": "/opt/lib"}
    env = compute_env(bundle, workdir=tmp_path / "w", base=base)
    root = bundle.resolve()
    assert env["PATH"] == os.pathsep.join([str((tmp_path / "w" / "bin").resolve()), str(root / "toolchain/bin"), "/usr/bin"])
    assert env["LEAN_PATH"].split(os.pathsep) == [str(root / p) for p in (
        "toolchain/lib/lean", "project/.lake/packages/dep/.lake/build/lib", "project/.lake/build/lib")]
    assert env["LEAN_SRC_PATH"].split(os.pathsep) == [str(root / p) for p in (
        "toolchain/src/lean", "project/.lake/packages/dep", "project")]
    assert env["LD_LIBRARY_PATH"] == os.pathsep.join([str(root / "toolchain/lib"), str(root / "toolchain/lib/lean"), "/opt/lib"])
    assert env["LEAN_SYSROOT"] == str(root / "toolchain")
    assert env["ELAN_HOME"] == str((tmp_path / "w" / "elan").resolve())
    assert env["LAKE_NO_CACHE"] == "1" and env["MATHLIB_NO_CACHE_ON_UPDATE"] == "1"
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert env["LEANR_REPL"].endswith("/w/bin/repl") and env["LEANR_PROJECT"].endswith("/w/project")
    assert env["LEANR_WHEELS"] == str(root / "wheels")
    no_wd = compute_env(bundle, base={})
    assert "ELAN_HOME" not in no_wd and no_wd["LEANR_LEAN"] == str(root / "toolchain/bin/lean")


def test_newer_lake_layout_lib_lean(tmp_path):
    (tmp_path / "project/.lake/build/lib/lean").mkdir(parents=True)
    assert find_lean_path(tmp_path)[0] == ["project/.lake/build/lib/lean"]


def test_thaw_of_large_sparse_bundle_does_not_copy(tmp_path):
    """A synthetic 1 GiB bundle (sparse files, stat-only manifest check): thaw must take well under 5 s."""
    b = tmp_path / "big"
    (b / "toolchain/bin").mkdir(parents=True)
    (b / "toolchain/lib/lean").mkdir(parents=True)
    lean = b / "toolchain/bin/lean"
    lean.write_text("#!/bin/sh\n")
    lean.chmod(0o755)
    files = [{"path": "toolchain/bin/lean", "size": lean.stat().st_size, "sha256": "0" * 64, "exec": True}]
    size = 1 << 30
    for i in range(8):
        p = b / f"toolchain/lib/lean/Big{i}.olean"
        with open(p, "wb") as f:
            f.write(olean_header(GITHASH))
            f.truncate(size // 8)
        files.append({"path": p.relative_to(b).as_posix(), "size": size // 8, "sha256": "0" * 64, "exec": False})
    m = {"format": FORMAT, "lean": {}, "components": {}, "stripped": {}, "files": files, "symlinks": [],
         "layout": {"lean": "toolchain/bin/lean", "lean_path": ["toolchain/lib/lean"], "lean_src_path": []}}
    (b / "MANIFEST.json").write_bytes(dump_manifest(m))
    make_read_only(b)
    try:
        t0 = time.monotonic()
        res = thaw(b, tmp_path / "work")
        elapsed = time.monotonic() - t0
    finally:
        make_writable(b)
    assert elapsed < 5.0
    used = sum(os.lstat(p).st_blocks * 512 for p in (tmp_path / "work").rglob("*"))
    assert used < 1 << 20                    # well under a MiB written for a GiB bundle
    assert res.env["LEAN_PATH"] == str(b.resolve() / "toolchain/lib/lean")


def test_thaw_refuses_incomplete_bundle(tmp_path, bundle):
    (bundle / "toolchain/lib/lean/Init.olean").unlink()
    with pytest.raises(BundleError, match="incomplete.*Init.olean.*verify"):
        thaw(bundle, tmp_path / "w")


def test_thaw_from_archive(tmp_path, inputs):
    res = build_bundle(tmp_path / "b", archive="gz", **inputs)
    t = thaw(res.archive, tmp_path / "w")
    assert t.bundle == (tmp_path / "w" / "bundle").resolve()
    assert any("extracted" in a for a in t.actions)
    assert run_doctor(t.env).ok


# --- doctor -------------------------------------------------------------------------------

def test_doctor_good(tmp_path, ro_bundle):
    env = thaw(ro_bundle, tmp_path / "w").env
    rep = run_doctor(env, expected_githash=GITHASH, imports=["Dep"])
    assert rep.ok, rep.render()
    statuses = {c.name: c.status for c in rep.checks}
    for name in ("lean binary", "lean runs", "LEAN_PATH", "olean version", "trivial example", "decide",
                 "native_decide", "repl", "import Dep"):
        assert statuses[name] == OK, rep.render()
    assert statuses["glibc"] == SKIP          # fake lean is a script, not ELF: said so, not "ok"


def test_doctor_missing_binary(tmp_path, bundle):
    env = thaw(bundle, tmp_path / "w").env
    (bundle / "toolchain/bin/lean").unlink()
    rep = run_doctor(env)
    c = rep.get("lean binary")
    assert not rep.ok and c.status == FAIL and "does not exist" in c.detail and "verify" in c.fix
    assert rep.get("trivial example").status == SKIP


def test_doctor_not_executable(tmp_path, bundle):
    env = thaw(bundle, tmp_path / "w", copy_executables="never").env
    (bundle / "toolchain/bin/lean").chmod(0o644)
    rep = run_doctor(env)
    c = rep.get("lean binary")
    assert c.status == FAIL and "not executable" in c.detail and "exec bit" in c.cause and "chmod +x" in c.fix


def test_doctor_version_mismatch(tmp_path, inputs):
    olean = inputs["project"] / ".lake/build/lib/Main.olean"
    olean.write_bytes(olean_header(OTHER_HASH) + b"x" * 50)
    res = build_bundle(tmp_path / "b", **inputs)
    rep = run_doctor(thaw(res.out, tmp_path / "w").env)
    c = rep.get("olean version")
    assert c.status == FAIL and "Main.olean was written by bbbbbbbbbbbb" in c.detail
    assert "different Lean version" in c.cause and "lake build" in c.fix


def test_doctor_missing_lean_path_entry(tmp_path, bundle):
    env = dict(thaw(bundle, tmp_path / "w").env)
    env["LEAN_PATH"] += os.pathsep + str(tmp_path / "nowhere")
    rep = run_doctor(env)
    c = rep.get("LEAN_PATH")
    assert c.status == FAIL and str(tmp_path / "nowhere") in c.detail and "thaw" in c.fix


def test_doctor_init_missing_makes_example_fail(tmp_path, bundle):
    env = dict(thaw(bundle, tmp_path / "w").env)
    env["LEAN_PATH"] = str(bundle / "project/.lake/build/lib")
    rep = run_doctor(env)
    c = rep.get("trivial example")
    assert c.status == FAIL and "unknown module prefix 'Init'" in c.detail


def test_doctor_wrong_lean_on_path(tmp_path, bundle):
    env = thaw(bundle, tmp_path / "w").env
    rep = run_doctor(env, expected_githash=OTHER_HASH)
    assert rep.get("bundle version").status == FAIL


def test_doctor_repl_that_dies(tmp_path, bundle):
    env = dict(thaw(bundle, tmp_path / "w").env)
    env["LEANR_REPL"] = str(make_fake_repl(tmp_path / "dying-repl", start="crash"))
    c = run_doctor(env).get("repl")
    assert c.status == FAIL and "the REPL exited (exit code 1" in c.detail and "lean-toolchain" in c.fix


def test_doctor_repl_that_never_flushes(tmp_path, bundle, monkeypatch):
    env = thaw(bundle, tmp_path / "w").env
    monkeypatch.setenv("FAKE_REPL_NO_FLUSH", "1")
    c = run_doctor(env, timeout=6).get("repl")
    assert c.status == FAIL and "terminal" in c.detail and "never flushes" in c.cause and "--pty" in c.fix


def test_required_glibc(tmp_path):
    f = tmp_path / "elf"
    f.write_bytes(b"\x7fELF" + b"\0" * 20 + b"GLIBC_2.17\0GLIBC_2.34\0GLIBC_2.2.5\0")
    assert required_glibc(f) == (2, 34)
    f.write_bytes(b"#!/bin/sh\nGLIBC_2.99")
    assert required_glibc(f) is None


# --- CLI ----------------------------------------------------------------------------------

def test_cli_end_to_end(tmp_path, inputs, capsys):
    out = tmp_path / "b"
    rc = main(["build", str(out), "--toolchain", str(inputs["toolchain"]), "--project", str(inputs["project"]),
               "--repl", str(inputs["repl"]), "--wheel", str(inputs["wheels"][0]), "--strip", "ilean,c",
               "--archive", "xz"])
    o = capsys.readouterr().out
    assert rc == 0 and "Lean 4.9.0" in o and "toolchain" in o and "stripped ilean" in o and "archive:" in o
    assert main(["verify", str(out)]) == 0
    assert main(["verify", str(out) + ".tar.xz", "--fast"]) == 0
    (out / "wheels" / inputs["wheels"][0].name).unlink()
    capsys.readouterr()
    assert main(["verify", str(out), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["problems"][0]["kind"] == "missing"
    assert main(["thaw", str(out) + ".tar.xz", str(tmp_path / "w")]) == 0
    assert "export LEAN_PATH=" in capsys.readouterr().out
    assert main(["env", str(out) + ".tar.xz", "--workdir", str(tmp_path / "w"), "--json"]) == 0
    assert "LEAN_SYSROOT" in json.loads(capsys.readouterr().out)
    assert main(["doctor", "--workdir", str(tmp_path / "w")]) == 0
    assert "doctor: all checks passed" in capsys.readouterr().out


def test_cli_user_errors_are_one_line(tmp_path, capsys):
    assert main([]) == 2
    assert main(["verify", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err
    assert main(["build", str(tmp_path / "o"), "--toolchain", str(tmp_path)]) == 2
    assert main(["env", "--workdir", str(tmp_path), str(tmp_path)]) == 2
    assert "no thaw.json" in capsys.readouterr().err


def test_console_script_module(tmp_path):
    r = subprocess.run([sys.executable, "-m", "offline_bundle.cli", "verify", str(tmp_path)],
                       capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.startswith("error:") and "Traceback" not in r.stderr


def _compile_elf_lean(tc, tmp_path):
    """Replace the fake toolchain's `lean` with a real ELF program linked against
    toolchain/lib/libleanshared.so (built with the C compiler); None when there is no compiler."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None or sys.platform != "linux":
        return None
    lib_c, main_c = tmp_path / "shared.c", tmp_path / "lean.c"
    lib_c.write_text('const char *lean_githash(void) { return "%s"; }\n' % GITHASH)
    main_c.write_text(
        '#include <stdio.h>\n#include <string.h>\nconst char *lean_githash(void);\n'
        'int main(int argc, char **argv) {\n'
        '  if (argc == 2 && !strcmp(argv[1], "--version")) {\n'
        '    printf("Lean (version 4.9.0, x86_64-unknown-linux-gnu, commit %s, Release)\\n", lean_githash()); return 0; }\n'
        '  if (argc == 2 && !strcmp(argv[1], "--githash")) { printf("%s\\n", lean_githash()); return 0; }\n'
        '  return 0; }\n')
    lib = tc / "lib" / "libleanshared.so"
    lib.unlink()
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(lib), str(lib_c)], check=True, capture_output=True)
    lean = tc / "bin" / "lean"
    lean.unlink()
    subprocess.run([cc, "-o", str(lean), str(main_c), f"-L{tc / 'lib'}", "-lleanshared"], check=True,
                   capture_output=True)
    return lean


def test_doctor_elf_lean_and_a_missing_shared_library(tmp_path, inputs):
    if _compile_elf_lean(inputs["toolchain"], tmp_path) is None:
        pytest.skip("no C compiler to make an ELF stand-in for lean")
    good = run_doctor(thaw(build_bundle(tmp_path / "b1", **inputs).out, tmp_path / "w1").env)
    assert good.get("glibc").status == OK and good.get("shared libraries").status == OK, good.render()
    assert good.get("lean runs").status == OK, good.render()
    # the same toolchain without its shared library (as when an upload lost it)
    (inputs["toolchain"] / "lib" / "libleanshared.so").unlink()
    (inputs["toolchain"] / "lib" / "libleanshared.so.4").unlink()
    rep = run_doctor(thaw(build_bundle(tmp_path / "b2", **inputs).out, tmp_path / "w2").env)
    libs = rep.get("shared libraries")
    assert libs.status == FAIL and "libleanshared.so" in libs.detail and "LD_LIBRARY_PATH" in libs.fix
    assert rep.get("lean runs").status == FAIL and "libleanshared" in rep.get("lean runs").detail
    assert rep.get("trivial example").status == SKIP
