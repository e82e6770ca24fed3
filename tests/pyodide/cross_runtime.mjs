#!/usr/bin/env node
// Cross-runtime snapshot identity: run tests/pyodide/cross_runtime_digests.py in Pyodide (leanr_py from its
// wheel) and in CPython (the project's .venv, leanr_py from the source tree) at the same time, and compare the
// SHA-256 of every snapshot it prints (session snapshots of representative documents and of a corpus sample,
// the prelude's environment snapshot).
//
//   node tests/pyodide/cross_runtime.mjs [--corpus-files N]    (default: the script's own default)
//
// Exit status: 0 every digest identical; 1 a digest differs or a document is missing on one side (each one is
// named); 3 setup failure (Pyodide, wheels or the CPython interpreter missing, a side that crashed).
// Environment: PYTHON (default <repo>/.venv/bin/python), LEANR_CORPUS_DIR, PYODIDE_WHEELS_DIR.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { CORPUS, CPYTHON, REPO, SetupError, runScript, startEngine } from "./pyodide_env.mjs";

const SCRIPT = path.join(REPO, "tests", "pyodide", "cross_runtime_digests.py");

function fail(message) {
  process.stderr.write(`cross_runtime.mjs: ${message}\n`);
  process.exit(3);
}

function parseDigests(side, text) {
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed.digests === "object") return parsed;
  } catch (_) { /* reported below */ }
  fail(`${side} printed no digest table:\n${text.split("\n").slice(-10).join("\n")}`);
}

function runCPython(args) {
  return new Promise((resolve) => {
    if (!fs.existsSync(CPYTHON)) fail(`no CPython interpreter at ${CPYTHON} (set PYTHON)`);
    const child = spawn(CPYTHON, [SCRIPT, ...args], {
      cwd: REPO, env: { ...process.env, PYTHONPATH: REPO }, stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => { out += d; });
    child.on("close", (code) => resolve({ code, out }));
  });
}

async function runPyodide(args) {
  let out = "";
  const pyodide = await startEngine({ stdout: (s) => { out += s; } });
  const code = await runScript(pyodide, SCRIPT, args);
  return { code, out };
}

async function main() {
  const corpusDev = path.join(CORPUS, "lean", "dev");
  const args = ["--corpus", corpusDev, ...process.argv.slice(2)];
  // Both sides at once: on two cores the check costs about the Pyodide side alone.
  const [cp, py] = await Promise.all([runCPython(args), runPyodide(args)]);
  if (cp.code !== 0) fail(`CPython side exited with ${cp.code}`);
  if (py.code !== 0) fail(`Pyodide side exited with ${py.code}`);
  const a = parseDigests("CPython", cp.out), b = parseDigests("Pyodide", py.out);

  const names = [...new Set([...Object.keys(a.digests), ...Object.keys(b.digests)])].sort();
  const differing = [];
  for (const name of names) {
    const x = a.digests[name], y = b.digests[name];
    if (x !== y) differing.push(`  ${name}:\n    CPython ${x ?? "(missing)"}\n    Pyodide ${y ?? "(missing)"}`);
  }
  const engine = "engine source fingerprint";
  const hint = a.digests[engine] === b.digests[engine] ? "" :
    `\n  (the wheel in Pyodide was built from other leanr_py sources than the tree CPython imports: ` +
                   `rebuild it with bash scripts/pyodide_wheels.sh; or a source file is missing from the wheel)`;
  const summary = `${names.length - 1} snapshots (corpus: ${a.corpus}; CPython ${a.seconds} s, Pyodide ${b.seconds} s)`;
  if (differing.length) {
    process.stdout.write(`cross-runtime snapshot identity: ${differing.length} of ${summary} DIFFER:\n${differing.join("\n")}${hint}\n`);
    process.exit(1);
  }
  process.stdout.write(`cross-runtime snapshot identity: all ${summary} byte-identical in Pyodide and CPython\n`);
}

process.on("unhandledRejection", (err) => fail(err instanceof SetupError ? err.message : (err && err.stack) || err));
main().catch((err) => fail(err instanceof SetupError ? err.message : (err && err.stack) || err));
