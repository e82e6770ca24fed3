#!/usr/bin/env node
// Run leanr_py's engine test suite inside Pyodide (CPython 3.14 on WebAssembly) under Node, offline.
//
//   node tests/pyodide/run_tests.mjs [PYTEST ARGS...]
//
// Positional arguments are test paths relative to the repository root (default: DEFAULT_PATHS below, those that
// exist); anything starting with "-" is passed to pytest as is (write options with a value as --opt=value).
// Prerequisites: `npm ci` (Pyodide from node_modules) and `bash scripts/pyodide_wheels.sh` (wheels in
// .pyodide-wheels/). No network access is made: Pyodide is loaded from node_modules and every package is
// a local wheel. Exit status is pytest's (0 all passed, 1 failures, 2 interrupted, 4 usage, 5 no tests);
// 3 is also used here for a setup failure (a wheel that did not install, Pyodide that did not start).
//
// Environment: PYODIDE_WHEELS_DIR (default <repo>/.pyodide-wheels), LEANR_CORPUS_DIR (default
// <repo>/../shared/corpus; mounted at the same path inside Pyodide when it exists).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");
const WHEELS = path.resolve(process.env.PYODIDE_WHEELS_DIR || path.join(REPO, ".pyodide-wheels"));
const CORPUS = path.resolve(process.env.LEANR_CORPUS_DIR || path.join(REPO, "..", "shared", "corpus"));
const PYODIDE_DIR = path.join(REPO, "node_modules", "pyodide");
// Set for the child processes that run one known crash each.
const CHILD = process.env.LEANR_PYODIDE_KNOWN_CRASH_CHILD === "1";

// Tests that cannot run in Pyodide: they spawn `python -m leanr_py` as a subprocess, and WebAssembly
// has no processes. Keep tests/pyodide/README.md in step. Any other test that tries to spawn a
// process is turned into a skip by the plugin below, so a new CLI test does not turn this run red.
// The engine's in-process test suite: everything but the CLI, REPL, notebook and wheel tests (processes, sockets).
const DEFAULT_PATHS = [
  "tests/kernel", "tests/export", "tests/syntax", "tests/pretty", "tests/eval", "tests/elab", "tests/tactic",
  "tests/prelude", "tests/test_session.py", "tests/test_session_deep.py", "tests/test_session_info.py",
  "tests/test_session_prelude.py", "tests/test_session_snapshot.py", "tests/test_snapshot.py",
];

const DESELECT = [
  "tests/export/test_export_cli.py::test_python_dash_m",
  "tests/export/test_export_corpus.py::test_corpus_case",
  "tests/export/test_export_budget.py::test_cli_option",
  "tests/export/test_export_writer.py::test_output_is_byte_stable_across_hash_seeds",
  // reads leanr_py/prelude/Prelude.lean from the source tree, which is not there: leanr_py comes from its wheel
  "tests/prelude/test_prelude.py::test_source_is_the_packaged_lean_file",
  // every corpus file through a session, snapshot and restore: minutes in Pyodide; the cross-runtime
  // check (cross_runtime.mjs) covers a sample of the corpus in Pyodide instead
  "tests/test_session_snapshot.py::test_corpus_files_round_trip",
];

// Tests that kill the Pyodide interpreter itself (a WebAssembly stack overflow is fatal, not a
// RecursionError), which would end the whole run. They are deselected from the main run and then run one
// by one, each in a fresh Node process: a crash there is reported as "known crash" (like a strict xfail);
// a pass fails the run so that the entry gets removed. Details and reproductions: tests/pyodide/README.md.
const KNOWN_CRASHES = [
];

function fail(message) {
  process.stderr.write(`run_tests.mjs: ${message}\n`);
  process.exit(3);
}

function defaultPaths() {
  return DEFAULT_PATHS.filter((p) => fs.existsSync(path.join(REPO, p)));
}

function wheelFiles() {
  const out = [];
  for (const sub of ["third_party", "project"]) {
    const dir = path.join(WHEELS, sub);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith(".whl")) out.push(path.join(dir, f));
  }
  const names = out.map((w) => path.basename(w).split("-")[0].toLowerCase());
  for (const need of ["pytest", "pluggy", "iniconfig", "packaging", "hypothesis", "lark", "leanr_py"]) {
    if (!names.includes(need)) fail(`no ${need} wheel in ${WHEELS}; run: bash scripts/pyodide_wheels.sh`);
  }
  return out;
}

// Mount a host directory at the same absolute path inside Pyodide's file system, so paths computed
// from __file__ in the tests (e.g. REPO_ROOT.parent / "shared" / "corpus") resolve as on the host.
function mountSamePath(pyodide, hostDir) {
  pyodide.FS.mkdirTree(hostDir);
  pyodide.mountNodeFS(hostDir, hostDir);
}

async function main() {
  const argv = process.argv.slice(2);
  const positional = argv.filter((a) => !a.startsWith("-"));
  const options = argv.filter((a) => a.startsWith("-"));
  const paths = positional.length ? positional : defaultPaths();

  if (!fs.existsSync(path.join(PYODIDE_DIR, "pyodide.mjs"))) fail(`Pyodide not found in ${PYODIDE_DIR}; run: npm ci`);
  const wheels = wheelFiles();

  const t0 = performance.now();
  const { loadPyodide } = await import(path.join(PYODIDE_DIR, "pyodide.mjs"));
  const pyodide = await loadPyodide({ indexURL: PYODIDE_DIR + path.sep });
  // Raw byte streams: pytest's progress dots and tracebacks appear as they are written.
  pyodide.setStdout({ write: (buf) => fs.writeSync(1, buf) });
  pyodide.setStderr({ write: (buf) => fs.writeSync(2, buf) });

  const loadErrors = [];
  const loaded = await pyodide.loadPackage(wheels, {
    messageCallback: () => {},
    errorCallback: (msg) => loadErrors.push(msg),
  });
  const loadedNames = new Set((loaded || []).map((p) => String(p.name).toLowerCase().replace(/[-.]/g, "_")));
  const missing = wheels
    .map((w) => path.basename(w).split("-")[0].toLowerCase().replace(/[-.]/g, "_"))
    .filter((n) => !loadedNames.has(n));
  if (loadErrors.length || missing.length) {
    fail(`installing wheels into Pyodide failed${missing.length ? ` (not installed: ${missing.join(", ")})` : ""}:\n  ` +
         loadErrors.join("\n  "));
  }
  const tLoaded = performance.now();

  // The repository as pytest sees it: tests/ mounted from the host at its real path, pyproject.toml
  // (pytest configuration: markers, testpaths) copied, cwd at the repository root. leanr_py itself is
  // NOT mounted: it comes from the installed wheel, as in the browser.
  mountSamePath(pyodide, path.join(REPO, "tests"));
  pyodide.FS.writeFile(path.join(REPO, "pyproject.toml"), fs.readFileSync(path.join(REPO, "pyproject.toml")));
  const corpusMounted = fs.existsSync(CORPUS) && fs.statSync(CORPUS).isDirectory();
  if (corpusMounted) mountSamePath(pyodide, CORPUS);
  pyodide.FS.chdir(REPO);

  const args = [
    "-p", "no:cacheprovider",   // nothing written into the host's tests/ directory
    ...(options.some((o) => o === "-v" || o === "-q" || o.startsWith("-v") || o.startsWith("-q")) ? [] : ["-q"]),
    "-rfE",
    ...DESELECT.flatMap((d) => ["--deselect", d]),
    ...(CHILD ? [] : KNOWN_CRASHES.flatMap((d) => ["--deselect", d])),
    ...options,
    ...paths,
  ];
  pyodide.globals.set("PYTEST_ARGS", pyodide.toPy(args));
  process.stdout.write(
    `pyodide ${pyodide.version} (Python ${pyodide.runPython("import sys; sys.version.split()[0]")}): ` +
    `${wheels.length} wheels installed in ${((tLoaded - t0) / 1000).toFixed(1)} s; ` +
    `corpus ${corpusMounted ? "mounted from " + CORPUS : "absent (" + CORPUS + ")"}\n` +
    `pytest ${args.join(" ")}\n`);

  // The test in progress, kept on the JS side: if the interpreter itself dies (a WebAssembly stack
  // overflow is not a catchable RecursionError), this names the test that killed it.
  const state = (runState = { current: null });
  pyodide.registerJsModule("_pyodide_runner_state", state);

  const tStart = performance.now();
  const cpuStart = process.cpuUsage();
  const code = await pyodide.runPythonAsync(`
import sys
sys.dont_write_bytecode = True   # no __pycache__ (cpython-314 .pyc) in the host's tests/ directory
import subprocess
import pytest
import _pyodide_runner_state
KNOWN_CRASH_CHILD = ${CHILD ? "True" : "False"}


class PyodidePlugin:
    """Skips, instead of failing, any test that tries to start a process (impossible in WebAssembly);
    records the test in progress."""

    def pytest_sessionstart(self, session):
        if KNOWN_CRASH_CHILD:
            # In the full run the kernel tests' conftest has already raised the recursion limit to the
            # kernel's 100,000 (and it stays raised); reproduce that state for a known crash run alone.
            from leanr_py.kernel.environment import MIN_RECURSION_LIMIT
            sys.setrecursionlimit(max(sys.getrecursionlimit(), MIN_RECURSION_LIMIT))
        def no_processes(*args, **kwargs):
            pytest.skip("spawns a subprocess: not possible in Pyodide")
        subprocess.Popen = no_processes

    def pytest_runtest_logstart(self, nodeid, location):
        _pyodide_runner_state.current = nodeid

    def pytest_runtest_logfinish(self, nodeid, location):
        _pyodide_runner_state.current = None


int(pytest.main(list(PYTEST_ARGS), plugins=[PyodidePlugin()]))
`);
  const seconds = (performance.now() - tStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);   // the machine may be shared: CPU time says what the run itself cost
  process.stdout.write(`pyodide: pytest exit ${code} after ${seconds.toFixed(1)} s ` +
                       `(CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s) ` +
                       `(startup + wheels ${((tLoaded - t0) / 1000).toFixed(1)} s)\n`);
  if (!CHILD) {
    const known = await runKnownCrashes(positional.length ? paths : null, options);
    if (known && code === 0) process.exitCode = 1;
    process.exit(code !== 0 ? code : known ? 1 : 0);
  }
  process.exit(code);
}

// Run each known crash that falls under the selected paths in a fresh Node process (a crash ends the
// interpreter, and with it everything else in that process). Returns true if one of them did not crash.
async function runKnownCrashes(paths, options) {
  if (options.some((o) => o === "-k" || o.startsWith("-k") || o === "-m" || o.startsWith("--deselect"))) {
    return false; // a filtered run: the caller asked for something specific
  }
  const selected = KNOWN_CRASHES.filter((id) => !paths || paths.some((p) => {
    const rel = path.relative(REPO, path.resolve(REPO, p)).split(path.sep).join("/");
    return id === rel || id.startsWith(rel + "/") || id.startsWith(rel + "::") || rel.startsWith(id);
  }));
  let unexpectedPass = false;
  for (const id of selected) {
    const t = performance.now();
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "-q", id], {
      env: { ...process.env, LEANR_PYODIDE_KNOWN_CRASH_CHILD: "1" }, encoding: "utf8",
    });
    const s = ((performance.now() - t) / 1000).toFixed(1);
    const died = child.status === 3 && /interpreter died/.test(child.stderr);
    if (died) {
      const cause = (child.stderr.match(/RangeError[^\n]*/) || ["fatal error"])[0];
      process.stdout.write(`known Pyodide crash (expected, ${s} s): ${id}: ${cause}\n`);
    } else if (child.status === 0) {
      unexpectedPass = true;
      process.stdout.write(`KNOWN CRASH NOW PASSES: ${id}: remove it from KNOWN_CRASHES in tests/pyodide/run_tests.mjs\n`);
    } else {
      process.stdout.write(`known Pyodide crash, still failing but differently (exit ${child.status}): ${id}\n` +
                           child.stdout.split("\n").slice(-15).join("\n") + child.stderr.split("\n").slice(-5).join("\n") + "\n");
    }
  }
  return unexpectedPass;
}

let runState = null;
function died(err) {
  process.stderr.write(`run_tests.mjs: ${err && err.stack ? err.stack.split("\n").slice(0, 4).join("\n") : err}\n`);
  if (runState && runState.current) {
    process.stderr.write(`run_tests.mjs: the Python interpreter died while running ${runState.current}\n`);
  }
  process.exit(3);
}
// A fatal Pyodide error (e.g. "RangeError: Maximum call stack size exceeded" from deep C-level recursion
// in WebAssembly) surfaces as an uncaught exception or rejection, not through main()'s promise.
process.on("uncaughtException", died);
process.on("unhandledRejection", died);
main().catch(died);
