// A Pyodide interpreter with leanr_py installed from the local wheels (no network): shared by the scripts that
// run leanr_py code in Pyodide next to CPython (tests/pyodide/cross_runtime.mjs, bench/pyodide_ratio.mjs).
// Needs `npm ci` and `bash scripts/pyodide_wheels.sh`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, "..", "..");
export const WHEELS = path.resolve(process.env.PYODIDE_WHEELS_DIR || path.join(REPO, ".pyodide-wheels"));
export const CORPUS = path.resolve(process.env.LEANR_CORPUS_DIR || path.join(REPO, "..", "shared", "corpus"));
export const PYODIDE_DIR = path.join(REPO, "node_modules", "pyodide");
// The CPython side: the project's virtual environment, importing leanr_py from the source tree.
export const CPYTHON = process.env.PYTHON || path.join(REPO, ".venv", "bin", "python");

export class SetupError extends Error {}

// leanr_py's wheel and its one dependency (lark): what the browser installs too.
function engineWheels() {
  const found = {};
  for (const sub of ["third_party", "project"]) {
    const dir = path.join(WHEELS, sub);
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
      const m = f.match(/^(lark|leanr_py)-.*\.whl$/);
      if (m) found[m[1]] = path.join(dir, f);
    }
  }
  for (const need of ["lark", "leanr_py"]) {
    if (!found[need]) throw new SetupError(`no ${need} wheel in ${WHEELS}; run: bash scripts/pyodide_wheels.sh`);
  }
  return [found.lark, found.leanr_py];
}

// Start Pyodide, install leanr_py, mount the corpus (when present) at its real path. Python's stdout goes to
// `stdout` (a function of one string), stderr to ours.
export async function startEngine({ stdout = (s) => process.stdout.write(s) } = {}) {
  if (!fs.existsSync(path.join(PYODIDE_DIR, "pyodide.mjs"))) throw new SetupError(`Pyodide not found in ${PYODIDE_DIR}; run: npm ci`);
  const wheels = engineWheels();
  const { loadPyodide } = await import(path.join(PYODIDE_DIR, "pyodide.mjs"));
  const pyodide = await loadPyodide({ indexURL: PYODIDE_DIR + path.sep });
  const decoder = new TextDecoder();
  pyodide.setStdout({ write: (buf) => { stdout(decoder.decode(buf)); return buf.length; } });
  pyodide.setStderr({ write: (buf) => fs.writeSync(2, buf) });
  const errors = [];
  await pyodide.loadPackage(wheels, { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
  if (errors.length) throw new SetupError(`installing wheels into Pyodide failed:\n  ${errors.join("\n  ")}`);
  if (fs.existsSync(CORPUS) && fs.statSync(CORPUS).isDirectory()) {
    pyodide.FS.mkdirTree(CORPUS);
    pyodide.mountNodeFS(CORPUS, CORPUS);
  }
  return pyodide;
}

// Run a host Python file inside Pyodide as __main__ with the given argv (copied to `inside`, by default
// /tmp/<its name>); returns its exit status.
export async function runScript(pyodide, hostPath, args, inside = "/tmp/" + path.basename(hostPath)) {
  pyodide.FS.writeFile(inside, fs.readFileSync(hostPath));
  pyodide.globals.set("SCRIPT_ARGV", pyodide.toPy([inside, ...args]));
  return await pyodide.runPythonAsync(`
import runpy, sys
sys.argv = list(SCRIPT_ARGV)
sys.dont_write_bytecode = True
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
    status = 0
except SystemExit as exc:
    status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
status
`);
}
