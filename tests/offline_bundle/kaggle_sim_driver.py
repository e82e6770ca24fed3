"""The notebook side of the Kaggle simulation (run by test_kaggle_simulation.py, possibly inside a
mount+network namespace where the bundle is mounted read-only): verify, thaw, doctor, then verify
1,000 proofs with faults injected through the verifier pool.  Writes a JSON report.

    python kaggle_sim_driver.py INPUT_BUNDLE WORKDIR REPORT.json
"""
import errno
import importlib.util
import json
import os
import socket
import sys
import time

from offline_bundle import run_doctor, thaw, verify_bundle
from offline_bundle.client import Backend, LeanVerifier, default_backends, leanr_repl_backend

# (marker, expected status, how many) — spread through the batch in a fixed pattern
FAULTS = [
    ("sorry", "fail", 20),
    ("FAULT:error", "fail", 10),
    ("FAULT:ax=cheat", "fail", 5),
    ("FAULT:crash", "crash", 8),
    ("FAULT:hang", "timeout", 3),
    ("FAULT:flood", "memory", 3),
    ("FAULT:garbage", "protocol", 6),
    ("FAULT:flaky:{i}", "pass", 5),
]
TOTAL = 1000


def batch() -> tuple[list[dict], list[str]]:
    kinds: list[tuple[str, str]] = []
    for marker, status, count in FAULTS:
        kinds.extend([(marker, status)] * count)
    step = TOTAL // len(kinds)
    items, expected = [], []
    for i in range(TOTAL):
        k = i // step if i % step == step // 2 and i // step < len(kinds) else None
        marker, status = kinds[k] if k is not None else ("trivial", "pass")
        item = {"id": f"p{i}", "code": f"theorem p{i} : True := {marker.format(i=i)}"}
        if status == "timeout":
            item["timeout"] = 1.5             # a short limit for the hangs, a generous one for the rest
        items.append(item)
        expected.append(status)
    return items, expected


def probe_read_only(path: str) -> str:
    try:
        with open(os.path.join(path, "written-by-notebook"), "w"):
            pass
    except OSError as e:
        return errno.errorcode.get(e.errno, str(e.errno))
    os.unlink(os.path.join(path, "written-by-notebook"))
    return "writable"


def probe_network() -> str:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        s.connect(("192.0.2.1", 9))            # TEST-NET-1: never routable
        return "connected"
    except OSError as e:
        return errno.errorcode.get(e.errno, str(e)) if e.errno else type(e).__name__
    finally:
        s.close()


def main() -> int:
    bundle, workdir, report_path = sys.argv[1:4]
    report: dict = {"home": os.environ.get("HOME"), "read_only": probe_read_only(bundle),
                    "network": probe_network()}
    t = time.monotonic()
    rep = verify_bundle(bundle)
    report["verify"] = {"ok": rep.ok, "files": rep.files, "problems": [str(p) for p in rep.problems]}
    tr = thaw(bundle, os.path.join(workdir, "lean"))
    report["thaw_seconds"] = tr.seconds
    doc = run_doctor(tr.env, expected_githash=None, timeout=60)
    report["doctor"] = {"ok": doc.ok, "render": doc.render()}
    report["setup_seconds"] = time.monotonic() - t

    state = os.path.join(workdir, "fake-repl-state")
    os.makedirs(state, exist_ok=True)
    env = dict(tr.env, FAKE_REPL_STATE=state)
    items, expected = batch()
    t = time.monotonic()
    with LeanVerifier(default_backends(env, workers=2), header="import Init", workers=2, timeout=30,
                      rss_limit_mb=300, max_proofs_per_process=150) as v:
        results = v.verify_batch(items)
        stats = dict(v.stats)
    report["pool"] = {
        "seconds": time.monotonic() - t, "stats": stats,
        "results": [[r.index, r.id, r.status, r.backend, r.attempts] for r in results],
        "expected": expected,
        "backends": [b.name for b in default_backends(env, workers=2)],
    }

    # the bundle's REPL broken at start (as when it was built with another toolchain): per-call fallback
    broken = Backend("lean", default_backends(env)[0].argv, env=dict(env, FAKE_REPL_START="crash"),
                     startup_timeout=30)
    working = Backend("fallback", default_backends(env)[0].argv, env=env, startup_timeout=30)
    with LeanVerifier([broken, working], workers=2) as v:
        results = v.verify_batch([f"theorem f{i} : True := trivial" for i in range(50)])
    report["fallback"] = {"statuses": sorted({r.status for r in results}),
                          "backends": sorted({r.backend or "" for r in results}),
                          "reasons": sorted({"; ".join(r.fallback) for r in results}),
                          "count": len(results)}
    # real checking by leanr_py's engine, offline, when `leanr repl` exists
    if importlib.util.find_spec("leanr_py.repl") is not None:
        proofs = [f"theorem r{i} : {i} + 1 = {i + 1} := rfl" for i in range(6)] + \
                 ["theorem bad : 2 + 2 = 5 := rfl", "theorem s : 1 = 1 := sorry"]
        t = time.monotonic()
        with LeanVerifier([leanr_repl_backend()], workers=2, timeout=120) as v:
            results = v.verify_batch(proofs)
        report["leanr"] = {"statuses": [r.status for r in results], "reasons": [r.reason for r in results],
                           "seconds": time.monotonic() - t}
    with open(report_path, "w") as f:
        json.dump(report, f, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
