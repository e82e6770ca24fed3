#!/usr/bin/env node
// Make the playground's warm start: a Pyodide memory snapshot of an interpreter that has leanr_py imported
// and a Session over the prelude ready (web/glue.py's `WARM`). The worker restores it instead of starting
// Python and loading the prelude (several times faster), and falls back to the cold start when it cannot.
//
//   node scripts/web_snapshot.mjs DIST      writes DIST/pyodide/leanr-warm.snapshot.gz
//
// Uses Pyodide's private snapshot options (_makeSnapshot / makeMemorySnapshot / _loadSnapshot), pinned with
// the `pyodide` package version. The warm-up is as much as fits MAX_HEAP: checking the examples (what a
// check imports lazily is then compiled and in the heap), else importing every module of leanr_py, else
// nothing. The worker grows the restored interpreter's memory to the snapshot's size (Pyodide does not).
// The interpreter gets a fixed environment, so that nothing of the build machine's environment ends up in
// the snapshot.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dist = path.resolve(process.argv[2] || "dist");
const pyo = path.join(dist, "pyodide");
const info = JSON.parse(fs.readFileSync(path.join(dist, "build-info.json"), "utf8"));
const { loadPyodide } = await import(path.join(pyo, "pyodide.mjs"));

const examples = fs.readdirSync(path.join(dist, "examples")).filter((f) => f.endsWith(".lean")).sort()
  .map((f) => fs.readFileSync(path.join(dist, "examples", f), "utf8"));
// the snapshot is downloaded (compressed) and restored on every cold visit: keep it modest
const MAX_HEAP = 96 * 2 ** 20;

const WARMUPS = {
  check: `
_warmup = Glue(0)
for _text in WARMUP_TEXTS:
    _warmup.check(_text, 0)
    _warmup.goals(2, 2)
    _warmup.info(1, 10)
del _warmup, _text`,
  import: `
import importlib, pkgutil
for _m in pkgutil.walk_packages(leanr_py.__path__, "leanr_py."):
    if _m.name not in ("leanr_py.cli", "leanr_py.serve", "leanr_py.repl", "leanr_py.__main__", "leanr_py.notebook"):
        importlib.import_module(_m.name)
del _m`,
  none: "",
};

async function make(warmup) {
  const pyodide = await loadPyodide({ indexURL: pyo + path.sep, _makeSnapshot: true, env: { HOME: "/home/pyodide" },
                                      stdout: () => {}, stderr: (s) => process.stderr.write(s + "\n") });
  const wheels = info.runtimeWheels;
  for (const w of wheels) pyodide.FS.writeFile("/tmp/" + w, fs.readFileSync(path.join(pyo, w)));
  pyodide.runPython(fs.readFileSync(path.join(dist, "site_install.py"), "utf8"));
  pyodide.globals.get("install_wheels")(pyodide.toPy(wheels.map((w) => "/tmp/" + w)));
  for (const w of wheels) pyodide.FS.unlink("/tmp/" + w);
  pyodide.runPython(fs.readFileSync(path.join(dist, "glue.py"), "utf8"));
  pyodide.globals.set("WARMUP_TEXTS", pyodide.toPy(examples));
  pyodide.runPython(WARMUPS[warmup] + "\ndel WARMUP_TEXTS\nWARM = Glue(0)\n");
  const heap = pyodide._module.HEAPU8.length;
  return heap > MAX_HEAP ? { heap } : { heap, snapshot: pyodide.makeMemorySnapshot() };
}

for (const warmup of Object.keys(WARMUPS)) {
  const r = await make(warmup);
  if (!r.snapshot) {
    console.error(`web_snapshot: warm-up "${warmup}" grew the heap to ${r.heap} bytes (> ${MAX_HEAP}); trying less`);
    continue;
  }
  const out = path.join(pyo, "leanr-warm.snapshot.gz");
  fs.writeFileSync(out, zlib.gzipSync(r.snapshot, { level: 6 }));
  console.log(`web_snapshot: ${out} (warm-up: ${warmup}; ${(r.snapshot.length / 2 ** 20).toFixed(0)} MB heap, ` +
              `${(fs.statSync(out).size / 2 ** 20).toFixed(1)} MB compressed)`);
  process.exit(0);
}
console.error(`web_snapshot: the interpreter needs more than ${MAX_HEAP} bytes even without warm-up`);
process.exit(1);
