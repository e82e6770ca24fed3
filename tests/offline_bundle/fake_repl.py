"""A scripted stand-in for the Lean REPL (leanprover-community/repl protocol) with faults on demand.

Behaves like the real one where the client depends on it: commands are JSON objects ended by a
blank line, answers are (multi-line) JSON objects ended by a blank line, environments are numbered
and kept, malformed JSON ends the process, `#print axioms N` answers with Lean's wording.
Markers in a command's text trigger faults:

  FAULT:crash   exit at once          FAULT:hang     never answer        FAULT:flood  eat memory
  FAULT:garbage print non-JSON        FAULT:flaky:K  crash the first time key K is seen (needs
  FAULT:error   an error message                     FAKE_REPL_STATE, a writable directory)
  FAULT:unsupported  an error saying "... is not supported yet"
  FAULT:ax=A     declarations depend on axiom A too   FAULT:sorrywarn  only the old-style warning
  sorry         a sorry (field and warning)          native_decide    depends on Lean.ofReduceBool

  BUSY:N        spend N ms of CPU (a stand-in for Lean's checking time)

FAKE_REPL_START=crash|hang|garbage breaks the process before its first answer; a header importing
`Missing` fails like an unknown module; FAKE_REPL_HEADER_MS=N spends N ms of CPU on the header (a
stand-in for loading imports); FAKE_REPL_NO_FLUSH=1 never flushes stdout, like old REPL versions.
"""
import json
import os
import re
import sys
import time

DECL = re.compile(r"\b(?:theorem|lemma|def)\s+([^\s:(\[{]+)")


def answer(obj):
    sys.stdout.write(json.dumps(obj, indent=1, ensure_ascii=False) + "\n\n")
    if not os.environ.get("FAKE_REPL_NO_FLUSH"):
        sys.stdout.flush()      # (without it: buffered on a pipe, written at each newline on a terminal)


def msg(severity, line, col, text):
    return {"severity": severity, "pos": {"line": line, "column": col},
            "endPos": {"line": line, "column": col + 1}, "data": text}


def busy(ms):
    end = time.process_time() + ms / 1000
    while time.process_time() < end:
        pass


def fault(text):
    if "FAULT:crash" in text:
        sys.stderr.write("PANIC at fake REPL: crash requested\n")
        sys.stderr.flush()
        os._exit(134)
    if "FAULT:hang" in text:
        time.sleep(3600)
    if "FAULT:flood" in text:
        hog = []
        for _ in range(64):             # up to 2 GiB, every page touched, unless killed first
            hog.append(b"\x01" * (32 << 20))
            time.sleep(0.01)
        time.sleep(3600)
    if "FAULT:garbage" in text:
        sys.stdout.write("this is not JSON <<<\x00>>>\n\n")
        sys.stdout.flush()
        return True
    m = re.search(r"FAULT:flaky:(\w+)", text)
    if m:
        mark = os.path.join(os.environ["FAKE_REPL_STATE"], "flaky-" + m.group(1))
        if not os.path.exists(mark):
            open(mark, "w").close()
            os._exit(139)
    return False


def main():
    if os.environ.get("FAKE_REPL_NO_FLUSH"):      # C stdio's rule, whatever PYTHONUNBUFFERED says
        sys.stdout = os.fdopen(1, "w", encoding="utf-8", buffering=1 if os.isatty(1) else 1 << 16)
    start = os.environ.get("FAKE_REPL_START", "ok")
    envs = []                           # env id -> {declaration: axioms}
    stdin = sys.stdin
    while True:
        lines = []
        while True:
            line = stdin.readline()
            if not line:
                return
            if not line.strip():
                if lines:
                    break
                continue
            lines.append(line.rstrip("\n"))
        query = "".join(lines)
        if start == "crash":
            sys.exit(1)
        if start == "hang":
            time.sleep(3600)
        if start == "garbage":
            sys.stdout.write("Segmentation fault? no: garbage\n\n")
            sys.stdout.flush()
            continue
        try:
            cmd = json.loads(query)
            text = cmd["cmd"]
        except (ValueError, KeyError, TypeError) as e:
            sys.stderr.write(f'uncaught exception: {{"message": "Could not parse JSON:\\n{e}"}}\n')
            sys.exit(1)
        if "env" in cmd and not (isinstance(cmd["env"], int) and 0 <= cmd["env"] < len(envs)):
            answer({"message": "Unknown environment."})
            continue
        if fault(text):
            continue
        known = dict(envs[cmd["env"]]) if "env" in cmd else {}
        if "env" not in cmd:
            busy(float(os.environ.get("FAKE_REPL_HEADER_MS", "0")))
        for ms in re.findall(r"BUSY:(\d+)", text):
            busy(float(ms))
        messages, sorries = [], []
        if "env" not in cmd:
            for n, line in enumerate(text.split("\n"), start=1):
                if line.startswith("import") and "Missing" in line:
                    messages.append(msg("error", n, 0, "unknown module prefix 'Missing'"))
        for n, line in enumerate(text.split("\n"), start=1):
            m = re.match(r"#print axioms (\S+)", line)
            if m:
                name = m.group(1)
                if name not in known:
                    messages.append(msg("error", n, 15, f"unknown constant '{name}'"))
                elif known[name]:
                    messages.append(msg("info", n, 0, f"'{name}' depends on axioms: [{', '.join(sorted(known[name]))}]"))
                else:
                    messages.append(msg("info", n, 0, f"'{name}' does not depend on any axioms"))
        axioms = set(re.findall(r"FAULT:ax=([\w.]+)", text))
        if "native_decide" in text:
            axioms.add("Lean.ofReduceBool")
        if "propext" in text:
            axioms.add("propext")
        if "FAULT:unsupported" in text:
            messages.append(msg("error", 1, 0, "the tactic 'apply?' is not supported yet"))
        if "FAULT:error" in text:
            messages.append(msg("error", 1, 0, "type mismatch\n  rfl\nhas type\n  a = a"))
        if re.search(r"\bsorry\b", text):
            axioms.add("sorryAx")
            sorries.append({"proofState": 0, "pos": {"line": 1, "column": 0}, "endPos": {"line": 1, "column": 5},
                            "goal": "⊢ False"})
            messages.append(msg("warning", 1, 0, "declaration uses `sorry`"))
        if "FAULT:sorrywarn" in text:
            axioms.add("sorryAx")
            messages.append(msg("warning", 1, 0, "declaration uses 'sorry'"))
        if not any(m["severity"] == "error" for m in messages if "#print" not in text):
            for name in DECL.findall(text):
                known[name] = sorted(axioms)
        envs.append(known)
        out = {"env": len(envs) - 1}
        if sorries:
            out["sorries"] = sorries
        if messages:
            out["messages"] = messages
        answer(out)


if __name__ == "__main__":
    main()
