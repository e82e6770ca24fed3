"""The verification client against scripted REPLs (fake_repl.py): protocol, verdicts, faults,
fallback, recycling, and `leanr-bundle verify-proofs`."""
import json

import pytest

from offline_bundle.cli import main
from offline_bundle.client import Backend, LeanVerifier, lean_repl_backend
from offline_bundle.client.backends import lean_threads
from offline_bundle.client.protocol import (ProtocolInputError, ResponseFramer, encode_command,
                                            parse_axioms_answer, uses_sorry)
from offline_bundle.client.source import declarations, forbidden_options, meta_programs, split_imports

from ob_fakes import make_fake_repl


@pytest.fixture
def fake(tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_REPL_STATE", str(tmp_path))
    return Backend("fake", (str(make_fake_repl(tmp_path / "repl")),), startup_timeout=20)


def backend_of(tmp_path, name, start):
    return Backend(name, (str(make_fake_repl(tmp_path / f"repl-{name}", start)),), startup_timeout=1)


# --- protocol -------------------------------------------------------------------------------

def test_encode_is_one_line_then_blank_line():
    data = encode_command({"cmd": "theorem t :\n\n  True := trivial", "env": 3})
    assert data.endswith(b"\n\n") and data.count(b"\n") == 2
    assert json.loads(data) == {"cmd": "theorem t :\n\n  True := trivial", "env": 3}


@pytest.mark.parametrize("bad", [{"cmd": "\ud800"}, {"cmd": float("nan")}, {"cmd": object()}])
def test_encode_refuses_what_would_kill_the_repl(bad):
    with pytest.raises(ProtocolInputError):
        encode_command(bad)


def test_framer_cuts_multiline_answers_at_blank_lines():
    f = ResponseFramer()
    f.feed(b'\n{"env":\n 0}\n\n{"env"')
    assert json.loads(f.next_block()) == {"env": 0}
    assert f.next_block() is None
    f.feed(b': 1,\n "messages": []}\n\n')
    assert json.loads(f.next_block()) == {"env": 1, "messages": []}


def test_sorry_detected_by_field_or_by_either_warning_style():
    warn = lambda text: {"messages": [{"severity": "warning", "data": text}]}
    assert uses_sorry({"sorries": [{"goal": "⊢ False"}]})
    assert uses_sorry(warn("declaration uses 'sorry'")) and uses_sorry(warn("declaration uses `sorry`"))
    assert not uses_sorry(warn("unused variable `sorryish`")) and not uses_sorry({"env": 1})


def test_axiom_answers_in_leans_wording():
    assert parse_axioms_answer("'t' depends on axioms: [propext,\n Classical.choice, Quot.sound]") == \
        ("t", ["propext", "Classical.choice", "Quot.sound"])
    assert parse_axioms_answer("'Foo.t' does not depend on any axioms") == ("Foo.t", [])
    assert parse_axioms_answer("unknown constant 't'") is None


def test_scanner_names_declarations_and_keeps_line_numbers():
    code = ("import Mathlib\n-- import Nope\nimport Aesop\nnamespace A\n"
            "theorem t (h : a) : a := h\n@[simp] lemma u.{v} : True := trivial -- theorem fake\n"
            "instance : Inhabited Nat := ⟨0⟩\nend A\ntheorem _root_.w : True := by\n  exact \"theorem s\".length\n"
            "deriving instance Repr for A\nattribute [instance] A.t\nexample : 1 = 1 := rfl\n")
    mods, body = split_imports(code)
    assert mods == ["Mathlib", "Aesop"] and body.count("\n") == code.count("\n")
    found = [(d.name, d.keyword, d.line) for d in declarations(body)]
    assert found == [("A.t", "theorem", 5), ("A.u", "lemma", 6), (None, "instance", 7), ("w", "theorem", 9),
                     (None, "example", 13)]
    assert forbidden_options("set_option debug.skipKernelTC true in\ntheorem x : True := trivial") == \
        ["debug.skipKernelTC"]


def test_meta_programs_found():
    code = ('elab_rules : command | `(#print axioms $x) => pure ()\n@[simp, command_elab Foo] def f := 1\n'
            '#eval 1\ntheorem t : True := by\n  simp -- macro in a comment\n"syntax in a string"\n')
    assert meta_programs(code) == [("elab_rules", 1), ("@[command_elab]", 2), ("#eval", 3)]
    assert meta_programs("@[simp] theorem t : True := trivial\n#check t") == []


# --- verdicts and faults --------------------------------------------------------------------

def test_verdicts_and_faults_in_input_order(fake):
    items = ["theorem a : True := trivial",
             "theorem b : False := sorry",
             "theorem c : False := FAULT:sorrywarn",
             "theorem d : 1 = 2 := FAULT:error",
             "theorem e : P := native_decide",
             "theorem f : P := FAULT:ax=cheat",
             "theorem g : P := propext",
             "example : True := trivial",
             {"id": "x", "code": "theorem h : True := FAULT:crash"},
             {"code": "theorem i : P := FAULT:hang", "timeout": 1.5},
             "theorem j : P := FAULT:flood",
             "theorem k : P := FAULT:garbage",
             "theorem l : P := FAULT:flaky:once",
             "set_option debug.skipKernelTC true in\ntheorem m : P := x",
             "import Mathlib\ntheorem n : P := x",
             "theorem o : P := \ud800",
             None,
             "theorem z : True := trivial"]
    with LeanVerifier([fake], workers=2, timeout=30, rss_limit_mb=200) as v:
        rs = v.verify_batch(items)
    got = [(r.index, r.status) for r in rs]
    assert got == list(enumerate(["pass", "fail", "fail", "fail", "fail", "fail", "pass", "fail", "crash", "timeout",
                                  "memory", "protocol", "pass", "fail", "invalid", "invalid", "invalid", "pass"]))
    by = {r.index: r for r in rs}
    assert by[0].axioms == {"a": []} and by[0].backend == "fake" and by[0].attempts == 1
    assert by[1].reason == "uses sorry" and by[1].sorries and by[2].reason == "uses sorry"
    assert by[3].reason.startswith("error at 1:0: type mismatch")
    assert "Lean.ofReduceBool" in by[4].reason and "cheat" in by[5].reason
    assert by[6].axioms == {"g": ["propext"]}
    assert "`example` at line 1" in by[7].reason
    assert by[8].id == "x" and by[8].attempts == 2 and "exit code 134" in by[8].reason and "PANIC" in by[8].reason
    assert "no answer within 1.5 s" in by[9].reason
    assert "over the limit of 200 MiB" in by[10].reason
    assert by[11].attempts == 2 and "not a JSON answer" in by[11].reason
    assert by[12].attempts == 2                          # crashed once, passed on a fresh process
    assert "debug.skipKernelTC" in by[13].reason
    assert "imports Mathlib" in by[14].reason
    assert all(json.loads(r.to_json())["index"] == r.index for r in rs)


def test_declined_only_for_the_backend_that_declines(fake):
    declining = Backend("small", fake.argv, declines_with="is not supported yet")
    with LeanVerifier([declining], workers=1) as v:
        r = v.verify("theorem u : P := FAULT:unsupported")
        assert r.status == "declined" and r.reason.startswith("this REPL cannot judge it: the tactic")
    with LeanVerifier([fake], workers=1) as v:
        assert v.verify("theorem u : P := FAULT:unsupported").status == "fail"


def test_meta_programs_refused_unless_allowed(fake):
    code = 'macro "triv" : tactic => `(tactic| trivial)\ntheorem m : True := by triv'
    with LeanVerifier([fake], workers=1) as v:
        r = v.verify(code)
        assert r.status == "fail" and r.reason.startswith("uses `macro` at line 1") and r.backend is None
    with LeanVerifier([fake], workers=1, allow_meta=True) as v:
        assert v.verify(code).passed


def test_allowed_axioms_and_audit_switch(fake):
    with LeanVerifier([fake], workers=1, allowed_axioms={"propext", "Lean.ofReduceBool"}) as v:
        assert v.verify("theorem e : P := native_decide").passed
    with LeanVerifier([fake], workers=1, audit_axioms=False) as v:
        r = v.verify("example : P := native_decide")
        assert r.passed and r.axioms is None


def test_header_sent_once_per_process_and_reused(fake, tmp_path):
    proofs = [f"theorem t{i} : True := trivial" for i in range(30)]
    with LeanVerifier([fake], header="import Mathlib\nopen Real", workers=2) as v:
        rs = v.verify_batch(proofs + ["import Mathlib\ntheorem u : True := trivial"])
        assert all(r.passed for r in rs), [r.reason for r in rs if not r.passed]
        assert 1 <= v.stats["started"] <= 2             # at most one per worker, header loaded once each
        rs = v.verify_batch(proofs)                     # the next batch reuses the same processes
        assert all(r.passed for r in rs) and v.stats["started"] <= 2


def test_submit_checks_proofs_as_they_come(fake):
    with LeanVerifier([fake], workers=2) as v:
        futures = [v.submit(f"theorem s{i} : True := trivial") for i in range(5)]
        futures.append(v.submit({"id": "c", "code": "theorem c : P := FAULT:crash"}))
        results = [f.result(timeout=60) for f in futures]
        assert [r.index for r in results] == list(range(6))
        assert [r.status for r in results] == ["pass"] * 5 + ["crash"] and results[5].id == "c"
        assert v.verify("theorem after : True := trivial").passed        # batches and submissions mix
    assert v.submit("theorem reopened : True := trivial").result(timeout=60).passed
    v.close()


def test_batch_budget_cuts_limits_and_skips_the_rest(fake):
    with LeanVerifier([fake], workers=1, timeout=30) as v:
        v.verify("theorem warm : True := trivial")                 # start the process outside the budget
        rs = v.verify_batch(["theorem h : P := FAULT:hang", {"id": 9, "code": "theorem b : True := trivial"}],
                            budget=1.5)
    assert [r.status for r in rs] == ["timeout", "skipped"]
    assert "no answer within 1." in rs[0].reason and rs[1].id == 9 and "budget" in rs[1].reason


def test_recycling_after_n_proofs(fake):
    with LeanVerifier([fake], workers=1, max_proofs_per_process=4) as v:
        rs = v.verify_batch([f"theorem t{i} : True := trivial" for i in range(10)])
        assert all(r.passed for r in rs)
        assert v.stats["started"] == 3 and v.stats["recycled"] == 2


def test_header_error_falls_back_to_next_backend(fake, tmp_path):
    with LeanVerifier([fake], header="import Missing", workers=1) as v:
        r = v.verify("theorem a : True := trivial")
        assert r.status == "unavailable" and "unknown module prefix 'Missing'" in r.reason


def test_backend_that_cannot_provide_the_imports_is_passed_over(fake, tmp_path):
    small = Backend("small", fake.argv, provides=frozenset({"Init"}))
    with LeanVerifier([small, fake], header="import Mathlib", workers=1) as v:
        r = v.verify("theorem a : True := trivial")
    assert r.passed and r.backend == "fake"
    assert r.fallback == ["small: cannot provide the header's imports (Mathlib): it has only Init"]
    with LeanVerifier([small], header="import Init", workers=1) as v:
        assert v.verify("theorem a : True := trivial").backend == "small"


@pytest.mark.parametrize("start", ["crash", "hang", "garbage"])
def test_broken_primary_falls_back_per_call(tmp_path, fake, start):
    broken = backend_of(tmp_path, "lean", start)
    with LeanVerifier([broken, fake], workers=2, timeout=30) as v:
        rs = v.verify_batch([f"theorem t{i} : True := trivial" for i in range(6)])
        assert [r.status for r in rs] == ["pass"] * 6 and {r.backend for r in rs} == {"fake"}
        assert all(r.fallback and r.fallback[0].startswith("lean: ") for r in rs)
        assert "lean" in v.unavailable()


def test_nothing_available_is_a_clear_result_for_every_input(tmp_path):
    missing = Backend("lean", (str(tmp_path / "no-such-repl"),))
    broken = backend_of(tmp_path, "leanr", "crash")
    with LeanVerifier([missing, broken], workers=2) as v:
        rs = v.verify_batch(["theorem a : True := trivial"] * 5)
    assert [r.status for r in rs] == ["unavailable"] * 5
    assert "lean: cannot run" in rs[0].reason and "leanr: the REPL did not load the header" in rs[0].reason
    assert LeanVerifier([], workers=1).verify("theorem a : True := trivial").reason.endswith("no backend configured")


def test_repl_that_never_flushes_needs_a_pty(tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_REPL_NO_FLUSH", "1")
    argv = (str(make_fake_repl(tmp_path / "old-repl")),)
    with LeanVerifier([Backend("lean", argv, startup_timeout=1)], workers=1) as v:
        r = v.verify("theorem a : True := trivial")
        assert r.status == "unavailable" and "no answer within 1 s" in r.reason
    with LeanVerifier([Backend("lean", argv, startup_timeout=10, stdout_pty=True)], workers=1) as v:
        rs = v.verify_batch(["theorem a : True := trivial", "theorem b : P := FAULT:crash", "theorem c : P := x"])
        assert [r.status for r in rs] == ["pass", "crash", "pass"]


def test_large_commands_and_address_space_limit(fake):
    big = "theorem big : True := trivial\n" + "-- " + "x" * (1 << 20) + "\n"     # far over a pipe's buffer
    with LeanVerifier([fake], workers=1, rss_limit_mb=None, address_space_limit_mb=600) as v:
        rs = v.verify_batch([big, "theorem f : P := FAULT:flood", "theorem a : True := trivial"])
    assert [r.status for r in rs] == ["pass", "crash", "pass"]
    assert "MemoryError" in rs[1].reason          # RLIMIT_AS: the allocation itself failed


def test_lean_backend_environment():
    b = lean_repl_backend({"LEANR_REPL": "/b/repl", "LEAN_PATH": "/b/lib", "LEAN_SYSROOT": "/b/tc"},
                          workers=2, base={"PATH": "/usr/bin"})
    assert b.argv == ("/b/repl",) and b.env["LEAN_SYSROOT"] == "/b/tc" and b.env["PATH"] == "/usr/bin"
    assert b.env["LEAN_NUM_THREADS"] == str(lean_threads(2))
    assert lean_repl_backend({}) is None
    assert lean_threads(4, cpus=4) == 1 and lean_threads(1, cpus=4) == 4


# --- command line ---------------------------------------------------------------------------

def test_cli_verify_proofs(tmp_path, fake, capsys):
    repl = fake.argv[0]
    src = tmp_path / "proofs.jsonl"
    src.write_text('{"id": 1, "code": "theorem a : True := trivial"}\nnot json\n"theorem b : P := sorry"\n')
    out = tmp_path / "out.jsonl"
    rc = main(["verify-proofs", str(src), "--repl", repl, "--backends", "lean", "--workers", "2", "-o", str(out)])
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rc == 1 and [r["status"] for r in rows] == ["pass", "invalid", "fail"]
    assert rows[0]["id"] == 1 and "line 2: not JSON" in rows[1]["reason"]
    assert "fail 1, invalid 1, pass 1 (of 3)" in capsys.readouterr().err
    src.write_text('{"code": "theorem a : True := trivial"}\n')
    assert main(["verify-proofs", str(src), "--repl", repl, "--backends", "lean"]) == 0
    assert main(["verify-proofs", str(src), "--repl", repl, "--backends", "lean", "--pty"]) == 0
    assert main(["verify-proofs", str(src), "--backends", "nope"]) == 2
    assert main(["verify-proofs", str(src), "--timeout", "-1"]) == 2 and main(["verify-proofs", str(src), "--workers", "1.5"]) == 2
    src.write_bytes(b'"theorem a : True := trivial"\n"theorem b : True := \xff"\n')
    assert main(["verify-proofs", str(src), "--repl", repl, "--backends", "lean", "-o", str(out)]) == 1
    assert [json.loads(line)["status"] for line in out.read_text().splitlines()] == ["pass", "invalid"]
    (tmp_path / "header.lean").write_bytes(b"import \xff")
    assert main(["verify-proofs", str(src), "--header-file", str(tmp_path / "header.lean")]) == 2
    assert "error: the header cannot be sent" in capsys.readouterr().err
