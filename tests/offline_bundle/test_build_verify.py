import json
import os
import shutil
import tarfile

import pytest

from offline_bundle.build import build_bundle, write_archive, zstd_available
from offline_bundle.manifest import BundleError, load_manifest, read_olean_githash
from offline_bundle.verify import verify_bundle

from ob_fakes import GITHASH


def test_build_layout_and_manifest(bundle):
    m = load_manifest(bundle)
    assert m["lean"] == {"version": "4.9.0", "githash": GITHASH, "olean_githash": GITHASH}
    paths = {e["path"] for e in m["files"]}
    assert "toolchain/bin/lean" in paths and "repl/repl" in paths
    assert "wheels/leanr_py-0.1.0-py3-none-any.whl" in paths
    assert "project/.lake/packages/dep/.lake/build/lib/Dep.olean" in paths
    assert all(not p.startswith("/") for p in paths)
    lean = next(e for e in m["files"] if e["path"] == "toolchain/bin/lean")
    assert lean["exec"] is True and len(lean["sha256"]) == 64
    assert m["symlinks"] == [{"path": "toolchain/lib/libleanshared.so.4", "target": "libleanshared.so"}]
    assert os.readlink(bundle / "toolchain/lib/libleanshared.so.4") == "libleanshared.so"
    assert m["layout"]["lean_path"] == ["toolchain/lib/lean", "project/.lake/packages/dep/.lake/build/lib",
                                        "project/.lake/build/lib"]
    assert m["components"]["repl"]["files"] == 1
    assert m["stripped"] == {}
    assert read_olean_githash(bundle / "toolchain/lib/lean/Init.olean") == (1, GITHASH)


def test_strip_categories(tmp_path, inputs):
    res = build_bundle(tmp_path / "b", strip=["ilean", "c", "src", "git"], **inputs)
    paths = {e["path"] for e in res.manifest["files"]}
    assert not any(p.endswith((".ilean", ".c")) for p in paths)
    assert "toolchain/src/lean/Init.lean" not in paths
    assert "project/.lake/packages/dep/Dep.lean" not in paths
    assert "project/.lake/packages/dep/lakefile.lean" in paths      # lakefiles are kept
    assert "project/Main.lean" in paths                              # the project's own sources kept
    assert "project/lakefile.lean" in paths
    assert not any("/.git/" in p for p in paths)
    assert set(res.manifest["stripped"]) == {"ilean", "c", "src", "git"}
    assert res.manifest["stripped"]["ilean"]["files"] == 2
    assert "stripped ilean" in res.size_report()
    assert verify_bundle(res.out).ok


def test_manifest_is_deterministic(tmp_path, inputs):
    a = build_bundle(tmp_path / "a", archive="gz", **inputs)
    b = build_bundle(tmp_path / "b", archive="gz", **inputs)
    assert (a.out / "MANIFEST.json").read_bytes() == (b.out / "MANIFEST.json").read_bytes()
    assert a.archive.read_bytes() == b.archive.read_bytes()
    assert str(tmp_path) not in (a.out / "MANIFEST.json").read_text()


def test_build_refuses_bad_inputs(tmp_path, inputs):
    with pytest.raises(BundleError, match="no bin/lean"):
        build_bundle(tmp_path / "x", toolchain=tmp_path)
    with pytest.raises(BundleError, match="unknown strip"):
        build_bundle(tmp_path / "x", strip=["nope"], **inputs)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "f").write_text("x")
    with pytest.raises(BundleError, match="not empty"):
        build_bundle(tmp_path / "full", **inputs)
    shutil.rmtree(inputs["project"] / ".lake")
    with pytest.raises(BundleError, match="lake build"):
        build_bundle(tmp_path / "y", **inputs)


def test_verify_good(bundle):
    rep = verify_bundle(bundle)
    assert rep.ok, rep.render()
    assert rep.files == len(load_manifest(bundle)["files"])
    assert "OK" in rep.render()


def test_verify_reports_each_tampering_precisely(bundle):
    olean = bundle / "project/.lake/build/lib/Main.olean"
    data = bytearray(olean.read_bytes())
    data[100] ^= 0x01                                   # flip one bit: same size, other hash
    olean.write_bytes(bytes(data))
    (bundle / "toolchain/lib/lean/Init/Core.olean").unlink()     # delete
    (bundle / "toolchain/lib/lean/Extra.olean").write_bytes(b"x")  # add
    (bundle / "wheels/leanr_py-0.1.0-py3-none-any.whl").write_bytes(b"short")  # resize
    rep = verify_bundle(bundle)
    got = {(p.kind, p.path) for p in rep.problems}
    assert got == {
        ("corrupt", "project/.lake/build/lib/Main.olean"),
        ("missing", "toolchain/lib/lean/Init/Core.olean"),
        ("unexpected", "toolchain/lib/lean/Extra.olean"),
        ("size", "wheels/leanr_py-0.1.0-py3-none-any.whl"),
    }
    text = rep.render()
    assert "corrupt: project/.lake/build/lib/Main.olean: sha256" in text
    assert "4 problem(s)" in text
    fast = verify_bundle(bundle, fast=True)             # sizes only: misses the flipped bit
    assert ("corrupt", "project/.lake/build/lib/Main.olean") not in {(p.kind, p.path) for p in fast.problems}
    assert len(fast.problems) == 3


def test_verify_symlink_and_exec_bit(bundle):
    link = bundle / "toolchain/lib/libleanshared.so.4"
    link.unlink()
    os.symlink("elsewhere.so", link)
    (bundle / "toolchain/bin/lean").chmod(0o644)
    rep = verify_bundle(bundle)
    assert [(p.kind, p.path) for p in rep.problems] == [("symlink", "toolchain/lib/libleanshared.so.4")]
    assert [(n.kind, n.path) for n in rep.notes] == [("not-executable", "toolchain/bin/lean")]


def test_verify_bad_manifest(tmp_path, bundle):
    with pytest.raises(BundleError, match="no MANIFEST.json"):
        verify_bundle(tmp_path / "src")
    (bundle / "MANIFEST.json").write_text("{not json")
    with pytest.raises(BundleError, match="not valid JSON"):
        verify_bundle(bundle)
    (bundle / "MANIFEST.json").write_text(json.dumps({"format": "leanr-bundle/1", "files": [
        {"path": "../etc/passwd", "size": 1, "sha256": "0"}]}))
    with pytest.raises(BundleError, match="unsafe path"):
        verify_bundle(bundle)


@pytest.mark.parametrize("kind", ["gz", "xz"] + (["zst"] if zstd_available() else []))
def test_archive_round_trip(tmp_path, bundle, kind):
    m = load_manifest(bundle)
    arc = write_archive(bundle, m, kind)
    assert arc.name.endswith({"gz": ".tar.gz", "xz": ".tar.xz", "zst": ".tar.zst"}[kind])
    rep = verify_bundle(arc)
    assert rep.ok, rep.render()
    assert rep.files == len(m["files"])
    # extract (via thaw's extractor) and verify the directory again
    from offline_bundle.thaw import _extract
    out = tmp_path / f"x-{kind}"
    out.mkdir()
    _extract(arc, out)
    assert verify_bundle(out).ok
    assert os.access(out / "toolchain/bin/lean", os.X_OK)


def test_archive_detects_tampering(tmp_path, bundle):
    m = load_manifest(bundle)
    arc = tmp_path / "t.tar"
    write_archive(bundle, m, "gz", arc.with_suffix(".tar.gz"))
    # rebuild an uncompressed archive with one member changed and one dropped
    with tarfile.open(arc.with_suffix(".tar.gz")) as src, tarfile.open(arc, "w") as dst:
        for ti in src.getmembers():
            if ti.name == "toolchain/lib/lean/Init/Core.olean":
                continue
            f = src.extractfile(ti) if ti.isfile() else None
            if ti.name == "project/.lake/build/lib/Main.olean":
                data = bytearray(f.read())
                data[-1] ^= 1
                import io
                f = io.BytesIO(bytes(data))
            dst.addfile(ti, f)
    rep = verify_bundle(arc)
    assert {(p.kind, p.path) for p in rep.problems} == {
        ("corrupt", "project/.lake/build/lib/Main.olean"), ("missing", "toolchain/lib/lean/Init/Core.olean")}
