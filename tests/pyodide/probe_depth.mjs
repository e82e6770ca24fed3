#!/usr/bin/env node
// How deep a term can leanr_py check inside Pyodide before the interpreter dies?
//
//   node tests/pyodide/probe_depth.mjs [LOW HIGH]       (default 1000 100000)
//
// Bisects on `depth` for tests/export/test_export_deep.py's deep_export(depth) (a `succ (succ … zero)`
// value plus a `fun n … n => zero` of type `Nat → … → Nat`, `depth` levels each) checked with
// leanr_py.export.check_export. Every probe runs in a fresh Pyodide instance, because a WebAssembly stack
// overflow ("RangeError: Maximum call stack size exceeded") is fatal to the interpreter, not a
// RecursionError. A probe "works" when it returns a verdict (accept, or the kernel's "too deeply nested"
// decline); "crash" is the fatal error. Needs `npm ci` and `bash scripts/pyodide_wheels.sh`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");
const WHEELS = path.resolve(process.env.PYODIDE_WHEELS_DIR || path.join(REPO, ".pyodide-wheels"));
const PYODIDE_DIR = path.join(REPO, "node_modules", "pyodide");
const { loadPyodide } = await import(path.join(PYODIDE_DIR, "pyodide.mjs"));

const wheels = [];
for (const sub of ["third_party", "project"]) {
  const dir = path.join(WHEELS, sub);
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (/^(lark|leanr_py)-.*\.whl$/.test(f)) wheels.push(path.join(dir, f));
  }
}
if (wheels.length !== 2) throw new Error(`need lark and leanr_py wheels in ${WHEELS}: bash scripts/pyodide_wheels.sh`);

const deepSource = fs.readFileSync(path.join(REPO, "tests", "export", "test_export_deep.py"), "utf8");

let current = null; // the probe's result callback, replaced per probe
process.on("uncaughtException", (err) => current && current({ crash: String(err).split("\n")[0] }));
process.on("unhandledRejection", (err) => current && current({ crash: String(err).split("\n")[0] }));

async function probe(depth) {
  const py = await loadPyodide({ indexURL: PYODIDE_DIR + path.sep, stdout: () => {}, stderr: () => {} });
  const errors = [];
  await py.loadPackage(wheels, { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
  if (errors.length) throw new Error(errors.join("\n"));
  py.FS.writeFile("/tmp/deep_mod.py", deepSource);
  return await new Promise((resolve) => {
    current = resolve;
    py.runPythonAsync(`
import sys, time
sys.path.insert(0, "/tmp")
import deep_mod
from leanr_py.export import check_export
lines = deep_mod.deep_export(${depth})
t = time.perf_counter()
r = check_export(lines)
f"{r.status} {(r.error or '')[:60]} ({time.perf_counter() - t:.1f} s)"
`).then((v) => resolve({ ok: v }), (e) => resolve({ crash: String(e).split("\n").slice(-2).join(" ") }));
  });
}

const [low0, high0] = process.argv.slice(2).map(Number);
let low = low0 || 1000, high = high0 || 100000;
const lo = await probe(low);
console.log(`depth ${low}: ${lo.ok ?? "CRASH " + lo.crash}`);
if (!lo.ok) process.exit(1);
const hi = await probe(high);
console.log(`depth ${high}: ${hi.ok ?? "CRASH " + hi.crash}`);
if (hi.ok) { console.log(`works up to at least ${high}`); process.exit(0); }
while (high - low > Math.max(50, low / 50)) {
  const mid = Math.round((low + high) / 2);
  const r = await probe(mid);
  console.log(`depth ${mid}: ${r.ok ?? "CRASH " + r.crash}`);
  if (r.ok) low = mid; else high = mid;
}
console.log(`largest depth that works: ${low}; crashes at ${high}`);
process.exit(0);
