#!/usr/bin/env node
// Pyodide / CPython time ratio on the same session workload (bench/pyodide_ratio.py: prelude load from its
// snapshot, full check of a generated 500-line file, a one-line edit re-checked), not on pytest times.
//
//   node bench/pyodide_ratio.mjs [--rounds R] [--lines N] [--repeat K]
//
// Both runtimes run the very same leanr_py: the wheel of .pyodide-wheels/project (bash scripts/pyodide_wheels.sh
// builds it; its prelude snapshot matches its sources), installed into Pyodide and unpacked into a temporary
// directory for CPython (.venv/bin/python, or $PYTHON). One runtime after the other, never at once, so they do
// not compete for the CPU, alternating for R rounds (default 3) of K runs each (a fresh CPython process per round,
// one Pyodide interpreter for all), so that a shared machine's changing load falls on both alike. Prints each
// step's median over all runs in both and the ratio; never asserts on time.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { CPYTHON, REPO, SetupError, WHEELS, runScript, startEngine } from "../tests/pyodide/pyodide_env.mjs";

const BENCH_FILES = ["pyodide_ratio.py", "session_bench.py"];

function fail(message) {
  process.stderr.write(`pyodide_ratio.mjs: ${message}\n`);
  process.exit(3);
}

function projectWheel() {
  const dir = path.join(WHEELS, "project");
  const wheel = fs.existsSync(dir) && fs.readdirSync(dir).find((f) => /^leanr_py-.*\.whl$/.test(f));
  if (!wheel) fail(`no leanr_py wheel in ${dir}; run: bash scripts/pyodide_wheels.sh`);
  return path.join(dir, wheel);
}

function parseResult(side, text) {
  const line = text.trim().split("\n").pop() || "";
  try {
    return JSON.parse(line);
  } catch (_) {
    fail(`${side} printed no result:\n${text.split("\n").slice(-10).join("\n")}`);
  }
}

function runCPython(args) {
  if (!fs.existsSync(CPYTHON)) fail(`no CPython interpreter at ${CPYTHON} (set PYTHON)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "leanr-ratio-"));
  try {
    const site = path.join(tmp, "site"), bench = path.join(tmp, "bench");
    fs.mkdirSync(bench);
    // the bench files away from the tree, so that nothing imports the tree's leanr_py (its snapshot may be stale)
    for (const f of BENCH_FILES) fs.copyFileSync(path.join(REPO, "bench", f), path.join(bench, f));
    const unzip = spawnSync(CPYTHON, ["-m", "zipfile", "-e", projectWheel(), site], { encoding: "utf8" });
    if (unzip.status !== 0) fail(`could not unpack the wheel: ${unzip.stderr}`);
    const run = spawnSync(CPYTHON, [path.join(bench, "pyodide_ratio.py"), ...args], {
      cwd: tmp, env: { ...process.env, PYTHONPATH: site }, encoding: "utf8", maxBuffer: 1 << 24,
    });
    if (run.status !== 0) fail(`CPython run failed (exit ${run.status}):\n${run.stderr}`);
    return parseResult("CPython", run.stdout);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function pyodideRunner() {
  let out = "";
  const pyodide = await startEngine({ stdout: (s) => { out += s; } });
  pyodide.FS.mkdirTree("/tmp/bench");
  for (const f of BENCH_FILES) pyodide.FS.writeFile(`/tmp/bench/${f}`, fs.readFileSync(path.join(REPO, "bench", f)));
  return async (args) => {
    out = "";
    const status = await runScript(pyodide, path.join(REPO, "bench", "pyodide_ratio.py"), args,
                                   "/tmp/bench/pyodide_ratio.py");
    if (status !== 0) fail(`Pyodide run failed (exit ${status}):\n${out}`);
    return parseResult("Pyodide", out);
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function main() {
  const argv = process.argv.slice(2);
  const at = argv.findIndex((a) => a === "--rounds" || a.startsWith("--rounds="));
  let rounds = 3;
  if (at >= 0) {
    const value = argv[at].includes("=") ? argv[at].split("=")[1] : argv[at + 1];
    rounds = Number(value);
    if (!Number.isInteger(rounds) || rounds < 1) fail(`--rounds needs a positive integer, not ${value}`);
    argv.splice(at, argv[at].includes("=") ? 1 : 2);
  }
  const runPyodide = await pyodideRunner();
  const all = { CPython: [], Pyodide: [] };
  for (let r = 0; r < rounds; r++) {
    all.CPython.push(runCPython(argv));
    all.Pyodide.push(await runPyodide(argv));
  }
  const cp = all.CPython[0], py = all.Pyodide[0];
  const ms = (s) => `${(s * 1000).toFixed(0)} ms`.padStart(9);
  process.stdout.write(`${cp.lines}-line file, medians of ${rounds} x ${cp.repeat} runs; CPython ${cp.python}, ` +
                       `Pyodide (Python ${py.python})\n`);
  let totalCp = 0, totalPy = 0;
  for (const step of Object.keys(cp.times)) {
    const a = median(all.CPython.flatMap((x) => x.times[step])), b = median(all.Pyodide.flatMap((x) => x.times[step]));
    totalCp += a; totalPy += b;
    process.stdout.write(`  ${step.padEnd(34)} CPython ${ms(a)}   Pyodide ${ms(b)}   ratio ${(b / a).toFixed(2)}x\n`);
  }
  process.stdout.write(`  ${"whole workload".padEnd(34)} CPython ${ms(totalCp)}   Pyodide ${ms(totalPy)}   ` +
                       `ratio ${(totalPy / totalCp).toFixed(2)}x (target: within 2.5x)\n`);
}

main().catch((err) => fail(err instanceof SetupError ? err.message : (err && err.stack) || err));
