"""End to end as on Kaggle: build a bundle from toolchain- and project-shaped directories, verify it
(and catch a corrupt file), then in a sandbox — the bundle mounted read-only, no network, a
non-default HOME, a writable working directory — verify, thaw, doctor and check 1,000 proofs
through the verifier pool with faults injected (REPLs that crash, hang, flood memory or print
garbage, a broken primary REPL), none lost.

The sandbox is a mount+network namespace (`unshare`) where the system allows one; elsewhere the
steps run unisolated (the bundle made read-only with chmod) and the isolation checks are skipped.
The REPL is the scripted fake_repl.py (no real Lean is involved); when `leanr repl` exists, a few
proofs are also checked for real by leanr_py's engine inside the sandbox."""
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from offline_bundle.build import build_bundle
from offline_bundle.verify import verify_bundle

from ob_fakes import make_fake_repl, make_project, make_read_only, make_toolchain, make_writable

HERE = Path(__file__).parent
DRIVER = HERE / "kaggle_sim_driver.py"
MOUNT_SCRIPT = 'mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" && shift 2 && exec "$@"'


def _sandbox() -> list[str] | None:
    """The unshare prefix that gives a private mount namespace without network, or None."""
    if not (shutil.which("unshare") and shutil.which("mount")) or sys.platform != "linux":
        return None
    base = ["unshare", "--mount", "--net"]
    if os.geteuid() != 0:
        base.insert(1, "--map-root-user")
    try:
        probe = subprocess.run(base + ["sh", "-c", "mount -t tmpfs none /mnt && umount /mnt"],
                               capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return base if probe.returncode == 0 else None


@pytest.fixture
def built_bundle(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    wheel = src / "leanr_py-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"PK\x03\x04 fake wheel")
    res = build_bundle(tmp_path / "lean-bundle", toolchain=make_toolchain(src), project=make_project(src),
                       repl=make_fake_repl(src / "repl"), wheels=[wheel], strip=["ilean", "c"])
    return res.out


def test_corrupt_bundle_file_is_detected(built_bundle):
    assert verify_bundle(built_bundle).ok
    target = built_bundle / "toolchain/lib/lean/Init/Core.olean"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    rep = verify_bundle(built_bundle)
    assert not rep.ok and [(p.kind, p.path) for p in rep.problems] == [("corrupt", "toolchain/lib/lean/Init/Core.olean")]


def test_kaggle_simulation_end_to_end(tmp_path, built_bundle):
    kaggle = tmp_path / "kaggle"
    mount_point = kaggle / "input" / "lean-bundle"
    working = kaggle / "working"
    home = kaggle / "home"
    for d in (mount_point, working, home):
        d.mkdir(parents=True)
    report_path = working / "report.json"
    env = dict(os.environ, HOME=str(home), PYTHONDONTWRITEBYTECODE="1",
               PYTHONPATH=os.pathsep.join([str(HERE.parent.parent), str(HERE)]))
    for var in ("LEANR_REPL", "LEAN_PATH", "LEAN_SYSROOT"):
        env.pop(var, None)
    sandbox = _sandbox()
    driver = [sys.executable, str(DRIVER), str(mount_point), str(working), str(report_path)]
    if sandbox:
        argv = sandbox + ["sh", "-c", MOUNT_SCRIPT, "sh", str(built_bundle), str(mount_point)] + driver
    else:
        mount_point.rmdir()
        shutil.copytree(built_bundle, mount_point, symlinks=True)
        make_read_only(mount_point)
        argv = driver
    try:
        run = subprocess.run(argv, env=env, cwd=working, capture_output=True, text=True, timeout=240)
    finally:
        if not sandbox:
            make_writable(mount_point)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(report_path.read_text())

    if sandbox:
        assert report["read_only"] == "EROFS"
        assert report["network"] in ("ENETUNREACH", "EHOSTUNREACH", "ENETDOWN"), report["network"]
    assert report["home"] == str(home)
    assert report["verify"]["ok"], report["verify"]
    assert report["doctor"]["ok"], report["doctor"]["render"]
    assert report["thaw_seconds"] < 5

    pool = report["pool"]
    results, expected = pool["results"], pool["expected"]
    assert len(results) == len(expected) == 1000                       # none lost
    assert [r[0] for r in results] == list(range(1000))                # input order
    assert [r[1] for r in results] == [f"p{i}" for i in range(1000)]
    assert [r[2] for r in results] == expected
    assert Counter(expected) == {"pass": 945, "fail": 35, "crash": 8, "timeout": 3, "memory": 3, "protocol": 6}
    assert {r[3] for r in results} == {"lean"}
    assert pool["backends"][0] == "lean"
    stats = pool["stats"]
    assert stats["killed_crash"] == 8 * 2 + 5 and stats["killed_timeout"] == 3 and stats["killed_memory"] >= 3
    assert stats["killed_protocol"] == 6 * 2
    # processes are reused: far fewer starts than proofs
    assert stats["started"] < 80, stats

    if "leanr" in report:          # `leanr repl` exists: real checking inside the same sandbox
        assert report["leanr"]["statuses"] == ["pass"] * 6 + ["fail", "fail"], report["leanr"]["reasons"]

    fallback = report["fallback"]
    assert fallback["count"] == 50 and fallback["statuses"] == ["pass"] and fallback["backends"] == ["fallback"]
    assert len(fallback["reasons"]) == 1 and fallback["reasons"][0].startswith("lean: the REPL did not load the header")
