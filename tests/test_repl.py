"""`leanr repl`: the leanprover-community/repl JSON protocol (requests, environments, sorries, tactic mode,
pickling, errors), in-process and as a command."""
from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from leanr_py.repl import Repl, read_requests, serve

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "repl"


@pytest.fixture(scope="module")
def repl_factory():  # type: ignore[no-untyped-def]
    shared = Repl()
    shared.fresh_env()  # the prelude once for the module

    def make() -> Repl:
        r = Repl()
        r._fresh = shared._fresh  # noqa: SLF001
        return r
    return make


def talk(repl: Repl, *requests: object) -> list[dict]:
    text = "\n\n".join(r if isinstance(r, str) else json.dumps(r) for r in requests) + "\n"
    out = io.StringIO()
    serve(io.StringIO(text), out, repl)
    return [json.loads(chunk) for chunk in out.getvalue().split("\n\n") if chunk.strip()]


# ------------------------------------------------------------------ reading requests

def test_requests_are_blank_line_separated_and_lines_joined() -> None:
    text = '{"cmd":\n "a"}\n\n\n{"cmd": "by\nsorry"}\n   \n{"x": 1}'
    assert list(read_requests(io.StringIO(text))) == ['{"cmd": "a"}', '{"cmd": "bysorry"}', '{"x": 1}']
    assert list(read_requests(io.StringIO(""))) == []
    assert list(read_requests(io.StringIO("\n\n\n"))) == []


# ------------------------------------------------------------------ commands and environments

def test_instance_answers_are_kept_for_the_environment_they_were_found_in() -> None:
    repl = Repl()
    cache = repl.fresh_env().state.answers
    r = talk(repl, {"cmd": "example : (98765 : Int) = 98765 := rfl"})
    assert "messages" not in r[0]
    assert any("98765" in repr(k) for k in cache)   # the next command from the prelude finds it
    # answers found after a declaration hold for the new environment only
    kept = len(cache)
    r = talk(repl, {"cmd": "structure Foo where\n  x : Nat\ninstance : Inhabited Foo := ⟨⟨1⟩⟩\n#check (default : Foo)"},
             {"cmd": "structure Foo where\n  y : Nat\n#check (default : Foo)"})
    assert "messages" in r[0] and r[0]["messages"][0]["severity"] == "info"
    assert r[1]["messages"][0]["data"].startswith("failed to synthesize")
    assert len(cache) == kept


def test_environments_chain_and_never_change(repl_factory) -> None:  # type: ignore[no-untyped-def]
    r = talk(repl_factory(),
             {"cmd": "def f : Nat := 2"},
             {"cmd": "def g : Nat := f + 1", "env": 0},
             {"cmd": "#check g", "env": 0},            # env 0 does not know g: env 1 did not change it
             {"cmd": "theorem t : g = 3 := rfl", "env": 1},
             {"cmd": "#check f"})                       # no env: a fresh prelude
    assert [x.get("env") for x in r] == [0, 1, 2, 3, 4]
    assert "messages" not in r[0] and "messages" not in r[1] and "messages" not in r[3]
    assert r[2]["messages"][0]["severity"] == "error" and "g" in r[2]["messages"][0]["data"]
    assert r[4]["messages"][0]["severity"] == "error"
    assert list(r[2]["messages"][0]) == ["severity", "pos", "endPos", "data"]
    assert r[2]["messages"][0]["pos"] == {"line": 1, "column": 7}


def test_errors_are_objects_and_the_loop_goes_on(repl_factory) -> None:  # type: ignore[no-untyped-def]
    r = talk(repl_factory(), "{not json", "[1, 2]", {"cmd": 5}, {"cmd": "def f := 1", "env": 9},
             {"tactic": "rfl", "proofState": 3}, {"pickleTo": "/nonexistent/x", "env": 0}, "-- a comment",
             "# another", {"cmd": "def f := 1"})
    assert r[0]["message"].startswith("Could not parse JSON")
    assert r[1]["message"].startswith("Could not parse as a valid JSON command")
    assert r[2]["message"].startswith("Could not parse as a valid JSON command")
    assert r[3] == {"message": "Unknown environment."}
    assert r[4] == {"message": "Unknown proof state."}
    assert r[5] == {"message": "Unknown environment."}
    assert r[6] == {"env": 0}


def test_imports_are_accepted_at_the_start_only(repl_factory) -> None:  # type: ignore[no-untyped-def]
    r = talk(repl_factory(), {"cmd": "import Lean\nimport Mathlib.Tactic\ndef f : Nat := 1"},
             {"cmd": "import Lean", "env": 0}, {"cmd": "#check f", "env": 0})
    assert r[0] == {"env": 0}
    assert r[1]["messages"][0]["severity"] == "error" and "import" in r[1]["messages"][0]["data"]
    assert r[2]["messages"][0]["data"] == "f : Nat"
    assert r[2]["messages"][0]["pos"] == {"line": 1, "column": 0}


def test_file_mode(repl_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "a.lean"
    f.write_text("def f : Nat := 1\n#check f\n", encoding="utf-8")
    r = talk(repl_factory(), {"path": str(f)}, {"path": str(tmp_path / "missing.lean")})
    assert r[0]["env"] == 0 and r[0]["messages"][0]["data"] == "f : Nat"
    assert "message" in r[1]


# ------------------------------------------------------------------ sorries and tactic mode

def test_sorries_and_tactic_mode(repl_factory) -> None:  # type: ignore[no-untyped-def]
    r = talk(repl_factory(),
             {"cmd": "theorem t (p q : Prop) (hp : p) (hq : q) : p ∧ q := sorry"},
             {"tactic": "constructor", "proofState": 0},
             {"tactic": "exact hp", "proofState": 1},
             {"tactic": "exact hq", "proofState": 2},
             {"tactic": "exact hq", "proofState": 1})
    [s] = r[0]["sorries"]
    assert s == {"proofState": 0, "pos": {"line": 1, "column": 52}, "endPos": {"line": 1, "column": 57},
                 "goal": "p q : Prop\nhp : p\nhq : q\n⊢ p ∧ q"}
    assert r[0]["messages"][0]["severity"] == "warning"
    if "message" in r[1]:
        pytest.skip(f"proof mode cannot run this yet: {r[1]['message']}")
    assert r[1]["proofState"] == 1 and len(r[1]["goals"]) == 2
    assert r[1]["proofStatus"] == "Incomplete: open goals remain"
    assert r[2]["goals"] and r[3] == {"proofStatus": "Completed", "proofState": 3, "goals": []}
    assert "messages" in r[4] and r[4]["messages"][0]["severity"] == "error"   # state 1 is unchanged by 2, 3
    assert r[4]["proofStatus"] == "Incomplete: contains sorry"                 # recovery admits the goals


def test_tactic_sorries_get_proof_states(repl_factory) -> None:  # type: ignore[no-untyped-def]
    r = talk(repl_factory(), {"cmd": "def f : Nat := by sorry"}, {"tactic": "sorry", "proofState": 0},
             {"tactic": "exact 42", "proofState": 0})
    if "message" in r[1]:
        pytest.skip(f"proof mode cannot run this yet: {r[1]['message']}")
    assert r[0]["sorries"][0]["goal"] == "⊢ Nat" and r[0]["sorries"][0]["proofState"] == 0
    assert r[1] == {"sorries": [{"proofState": 1, "goal": "⊢ Nat"}], "proofStatus": "Incomplete: contains sorry",
                    "proofState": 2, "goals": []}
    assert r[2] == {"proofStatus": "Completed", "proofState": 3, "goals": []}


def test_a_tactic_that_does_not_parse_gives_no_state(repl_factory) -> None:  # type: ignore[no-untyped-def]
    r = talk(repl_factory(), {"cmd": "def f : Nat := sorry"}, {"tactic": "exact (", "proofState": 0},
             {"tactic": "exact 1", "proofState": 1})
    assert r[1]["message"].startswith("Lean error:\n<input>:1:")
    assert r[2] == {"message": "Unknown proof state."}


# ------------------------------------------------------------------ pickling

def test_pickle_environments(repl_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = str(tmp_path / "e.olean")
    r = talk(repl_factory(), {"cmd": "def f := 42\nnamespace A\ndef g := f\nend A\nopen A"},
             {"pickleTo": p, "env": 0}, {"unpickleEnvFrom": p}, {"cmd": "example : g = 42 := rfl", "env": 1},
             {"unpickleEnvFrom": str(tmp_path / "nothing")})
    assert r[0] == {"env": 0} and r[1] == {"env": 0} and r[2] == {"env": 1} and r[3] == {"env": 2}
    assert "message" in r[4]
    # the file is leanr's snapshot format: a fresh REPL process reads it the same way
    r2 = talk(repl_factory(), {"unpickleEnvFrom": p}, {"cmd": "#check A.g", "env": 0})
    assert r2[1]["messages"][0]["data"] == "A.g : Nat"
    # a damaged file is an error object, never a crash
    data = bytearray(Path(p).read_bytes())
    data[len(data) // 2] ^= 0x10
    Path(p).write_bytes(bytes(data))
    assert "checksum" in talk(repl_factory(), {"unpickleEnvFrom": p})[0]["message"]


def test_pickle_proof_states(repl_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = str(tmp_path / "s.olean")
    first = repl_factory()
    r = talk(first, {"cmd": "def f (n : Nat) : Nat := by sorry"}, {"pickleTo": p, "proofState": 0})
    if "message" in r[1]:
        pytest.skip(f"proof mode cannot run this yet: {r[1]['message']}")
    assert r[1]["goals"] == ["n : Nat\n⊢ Nat"]
    r2 = talk(repl_factory(), {"unpickleProofStateFrom": p}, {"tactic": "exact n", "proofState": 0})
    assert r2[0]["goals"] == ["n : Nat\n⊢ Nat"] and r2[1]["proofStatus"] == "Completed"


# ------------------------------------------------------------------ options

def test_all_tactics_and_infotree(repl_factory) -> None:  # type: ignore[no-untyped-def]
    r = talk(repl_factory(), {"cmd": "theorem t (p : Prop) (hp : p) : p ∧ p := by\n  constructor\n  exact hp\n  "
                              "exact hp", "allTactics": True, "infotree": "substantive"},
             {"cmd": "def f := 1", "rootGoals": True})
    if any(m["severity"] == "error" for m in r[0].get("messages", [])):
        pytest.skip("proof mode cannot run this yet")
    assert [t["tactic"] for t in r[0]["tactics"]] == ["constructor", "exact hp", "exact hp"]
    assert r[0]["tactics"][0]["goals"] == "p : Prop\nhp : p\n⊢ p ∧ p"
    assert [n["node"]["stx"]["pp"] for n in r[0]["infotree"]] == ["constructor", "exact hp", "exact hp"]
    assert [s["goal"] for s in r[1].get("sorries", [])] == []               # no tactic block: no root goal


def test_root_goals(repl_factory) -> None:  # type: ignore[no-untyped-def]
    r = talk(repl_factory(),
             {"cmd": "example : 1 = 1 := by\n  have h : 2 = 2 := by rfl\n  rfl\n\ntheorem bb (n : Nat) : n + 0 = n := by rfl",
              "rootGoals": True},
             {"tactic": "rfl", "proofState": 1})
    roots = r[0]["sorries"]
    assert [(s["pos"], s["endPos"], s["goal"]) for s in roots] == [
        ({"line": 1, "column": 19}, {"line": 1, "column": 19}, "⊢ 1 = 1"),       # the nested `by` is no root
        ({"line": 5, "column": 36}, {"line": 5, "column": 36}, "n : Nat\n⊢ n + 0 = n")]
    if "message" in r[1]:
        pytest.skip(f"proof mode cannot run this yet: {r[1]['message']}")
    assert r[1]["proofStatus"] == "Completed"


def test_garbage_never_ends_the_loop(repl_factory) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(3)
    pieces = ['{', '}', '"cmd"', ':', '"def f := 1"', '"env"', '1', '-1', 'null', '[', ']', '"tactic"',
              '"proofState"', '"pickleTo"', '"unpickleEnvFrom"', '1e999', '"\\ud800"', ',', 'true', '{"cmd": 1}']
    requests = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(300)]
    requests = [q for q in requests if not q.startswith(("#", "--"))]
    out = talk(repl_factory(), *requests, {"cmd": "def ok := 1"})
    assert len(out) == len(requests) + 1
    assert all(isinstance(o, dict) for o in out)
    assert "env" in out[-1]


# ------------------------------------------------------------------ the command

def _shape(resp: dict) -> tuple:
    sev = sorted(m.get("severity", "?") for m in resp.get("messages", []))
    return (tuple(sev), len(resp.get("sorries", []) or []), len(resp.get("goals", []) or []), "message" in resp)


def _stream(text: str) -> list:
    dec, i, out = json.JSONDecoder(), 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return out
        obj, i = dec.raw_decode(text, i)
        out.append(obj)


@pytest.mark.parametrize("case", ["readme", "proof_step", "term_sorry", "unknown_environment", "dup_msg",
                                  "pickle_environment", "synthesize_placeholder"])
def test_corpus_pairs(case: str, tmp_path: Path) -> None:
    src = CORPUS / f"{case}.in"
    if not src.is_file():
        pytest.skip("shared corpus (repl) not present")
    (tmp_path / "test").mkdir()   # pickled files go to test/… relative to the working directory
    out = subprocess.run([sys.executable, "-m", "leanr_py", "repl"], input=src.read_text(), capture_output=True,
                         text=True, cwd=tmp_path, timeout=600, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert out.returncode == 0, out.stderr
    got, want = _stream(out.stdout), _stream((CORPUS / f"{case}.expected.out").read_text())
    assert [_shape(x) for x in got] == [_shape(x) for x in want]
    assert [x.get("env") for x in got] == [x.get("env") for x in want]


def test_each_response_is_flushed_before_the_next_request() -> None:
    p = subprocess.Popen([sys.executable, "-m", "leanr_py", "repl"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    try:
        assert p.stdin is not None and p.stdout is not None
        p.stdin.write('{"cmd": "def f := 1"}\n\n')
        p.stdin.flush()
        line = p.stdout.readline()            # stdin still open: the answer must already be out
        assert json.loads(line) == {"env": 0}
        p.stdin.write('{"cmd": "#check f", "env": 0}\n\n')
        p.stdin.flush()
        assert p.stdout.readline() == "\n"
        assert json.loads(p.stdout.readline())["env"] == 1
        p.stdin.close()
        assert p.wait(timeout=60) == 0        # end of input: exit 0
    finally:
        if p.poll() is None:
            p.kill()


def test_deeply_nested_requests_are_errors_not_crashes() -> None:
    """json's parser recurses in C: under the engine's raised recursion limit this used to overflow the stack."""
    deep = "[" * 100_000 + "]" * 100_000
    term = "def d : Nat := " + "(" * 5_000 + "1" + ")" * 5_000
    text = f'{deep}\n\n{{"cmd": "def f := 1"}}\n\n{{"cmd": "{term}"}}\n\n'
    out = subprocess.run([sys.executable, "-m", "leanr_py", "repl"], input=text, capture_output=True, text=True,
                         cwd=REPO, timeout=600, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert out.returncode == 0, out.stderr[-2000:]
    got = _stream(out.stdout)
    assert got[0]["message"].startswith("Could not parse JSON") and got[1] == {"env": 0}
    assert got[2]["messages"][0]["severity"] == "error" and "nested too deeply" in got[2]["messages"][0]["data"]


def test_one_sorry_run_on_several_goals_counts_once_per_goal(repl_factory) -> None:  # type: ignore[no-untyped-def]
    r = talk(repl_factory(), {"cmd": "theorem foo (x : Int) : x = x := by sorry"},
             {"proofState": 0, "tactic": "by_cases h : x < 0"},
             {"proofState": 1, "tactic": "all_goals sorry"})
    assert r[1]["goals"] == ["case pos\nx : Int\nh : x < 0\n⊢ x = x", "case neg\nx : Int\nh : ¬x < 0\n⊢ x = x"]
    assert [s["goal"] for s in r[2]["sorries"]] == ["x : Int\nh : x < 0\n⊢ x = x", "x : Int\nh : ¬x < 0\n⊢ x = x"]
    assert r[2]["proofStatus"] == "Incomplete: contains sorry"


def test_an_unnamed_declaration_is_reported_at_its_keyword(repl_factory) -> None:  # type: ignore[no-untyped-def]
    [r] = talk(repl_factory(), {"cmd": "example : 1 = 0 := sorry"})
    assert r["messages"] == [{"severity": "warning", "pos": {"line": 1, "column": 0},
                              "endPos": {"line": 1, "column": 7}, "data": "declaration uses `sorry`"}]


def test_tactic_mode_information_comes_back_as_traces(repl_factory) -> None:  # type: ignore[no-untyped-def]
    r = talk(repl_factory(), {"cmd": "def f := 37"}, {"cmd": "@[simp] theorem f_def : f = 37 := by rfl", "env": 0},
             {"cmd": "set_option trace.Meta.Tactic.simp true", "env": 1},
             {"cmd": "example : f = 37 := by sorry", "env": 2},
             {"tactic": "trace \"37\"", "proofState": 0}, {"tactic": "simp", "proofState": 0})
    assert r[4] == {"traces": ["37"], "proofStatus": "Incomplete: open goals remain", "proofState": 1,
                    "goals": ["⊢ f = 37"]}
    assert r[5]["traces"] == ["[Meta.Tactic.simp.rewrite] f_def:1000:\n      f\n    ==>\n      37",
                              "[Meta.Tactic.simp.rewrite] eq_self:1000:\n      37 = 37\n    ==>\n      True"]
    assert r[5]["proofStatus"] == "Completed"


def test_all_tactics_get_proof_states_to_go_on_from(repl_factory) -> None:  # type: ignore[no-untyped-def]
    r = talk(repl_factory(), {"cmd": "example (P : Prop) (hp : P) : P := by\n  exact hp\n", "allTactics": True},
             {"tactic": "exact hp", "proofState": 0})
    assert r[0]["tactics"] == [{"tactic": "exact hp", "proofState": 0, "pos": {"line": 2, "column": 2},
                                "goals": "P : Prop\nhp : P\n⊢ P", "endPos": {"line": 2, "column": 10}}]
    assert r[1] == {"proofStatus": "Completed", "proofState": 1, "goals": []}
    # an enclosing tactic comes before the tactics inside it, as in Lean's info tree
    [r] = talk(repl_factory(), {"cmd": "example : 3 = 5 := by calc\n  3 = 4 := by sorry\n  4 = 5 := by sorry",
                                "allTactics": True})
    assert [t["tactic"] for t in r["tactics"]] == ["calc\n  3 = 4 := by sorry\n  4 = 5 := by sorry", "sorry", "sorry"]


def test_fun_induction_on_a_function_of_an_earlier_command(repl_factory) -> None:  # type: ignore[no-untyped-def]
    # the equations of `ack` travel with the environment (the elaborator state), as Lean's reserved names
    r = talk(repl_factory(),
             {"cmd": "def ack : Nat → Nat → Nat\n  | 0,   y   => y+1\n  | x+1, 0   => ack x 1\n"
                     "  | x+1, y+1 => ack x (ack (x+1) y)"},
             {"cmd": "theorem ack_gt_zero : ack n m > 0 := by\n  fun_induction ack <;> simp [*, ack]", "env": 0})
    assert r == [{"env": 0}, {"env": 1}]


def test_a_proof_state_cannot_use_its_own_declaration(repl_factory) -> None:  # type: ignore[no-untyped-def]
    # the sorry's proof state sees the constants declared before its command only: `ex` (and `later`) are
    # added afterwards, and a proof of `ex` by `exact ex` would be circular
    r = talk(repl_factory(), {"cmd": "theorem ex : False := sorry\ntheorem later : False := ex"},
             {"tactic": "exact ex", "proofState": 0}, {"tactic": "exact later", "proofState": 0},
             {"tactic": "exact?", "proofState": 0})
    assert [s["proofState"] for s in r[0]["sorries"]] == [0]
    for resp in r[1:]:
        assert resp.get("proofStatus") != "Completed", resp
    assert "message" in r[3]   # nothing found: no verdict, as the Lean REPL answers a failed tactic
    # as Lean, where the body is elaborated with the declaration as a local: `ex` can be named, and the kernel
    # rejects the proof that does; `later` cannot
    assert r[1]["goals"] == [] and "messages" not in r[1]
    assert r[1]["proofStatus"] == "Error: kernel type check failed: unknown constant 'ex'"
    assert "Unknown identifier `later`" in r[2]["messages"][0]["data"]
