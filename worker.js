// The playground's Web Worker: runs leanr_py inside Pyodide, loaded from the page's own origin only.
//
// Worker protocol (postMessage, plain objects):
//   requests  {id, op, ...}  op: init | check | goals | info | eval | snapshot | restore | cancel
//   responses {id, ok: true, result} | {id, ok: false, error}
//   events    {event: "progress", stage, detail}   while loading
//             {event: "fatal", error}               the interpreter died; the page must start a new worker
//
//   init     {interruptBuffer?: SharedArrayBuffer, gas?}  -> {version, pyodide, features, loadMs, heapBytes}
//   check    {text, gas?}      -> {diagnostics (repl message shape), gasExhausted, budget, ms, commands,
//                                  cancelled?, heapBytes}
//   goals    {line, column}    -> {goals: [{case, hyps, target, pretty}] | null, supported}
//   info     {line, column}    -> {info: {expr, type} | null, supported}   (hover: the term under the cursor)
//   eval     {text, expr, gas?} -> messages of `#eval expr` checked after the document (then dropped)
//   snapshot {}                -> {blob: base64}        restore {blob} -> {}
//   cancel   {}                -> {}  (a check in progress is stopped through the interrupt buffer, which the
//                                      page writes directly; this op only reports whether that is possible)
// Lines are 1-based and columns 0-based counts of Unicode code points, as in Lean's messages.

const BASE = new URL(".", self.location.href).href;
let pyodide = null;
let glue = null;
let interruptible = false;

function progress(stage, detail = "") {
  self.postMessage({ event: "progress", stage, detail });
}

function heapBytes() {
  try {
    return pyodide._module.HEAPU8.length;
  } catch (_) {
    return null;
  }
}


const PYODIDE_OPTIONS = { indexURL: BASE + "pyodide/", lockFileURL: BASE + "pyodide/pyodide-lock.json",
                          env: { HOME: "/home/pyodide" }, stdout: () => {}, stderr: () => {} };

async function fetchBytes(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

async function sha256(bytes) {
  return Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)),
                    (b) => b.toString(16).padStart(2, "0")).join("");
}

// The warm start: restore the interpreter snapshot made at build time (scripts/web_snapshot.mjs), whose heap
// already holds leanr_py and a Session over the prelude; then unpack the wheels' files again (the file
// system is not part of a memory snapshot), checked against the lock file like loadPackage checks them.
async function startWarm(loadPyodide, info) {
  const packed = await fetch(BASE + "pyodide/" + info.warmSnapshot);
  if (!packed.ok) throw new Error(`no warm snapshot (HTTP ${packed.status})`);
  const snapshot = new Uint8Array(await new Response(packed.body.pipeThrough(new DecompressionStream("gzip")))
    .arrayBuffer());
  const lock = await (await fetch(PYODIDE_OPTIONS.lockFileURL)).json();
  const expected = Object.fromEntries(Object.values(lock.packages).map((p) => [p.file_name, p.sha256]));
  const files = await Promise.all(info.runtimeWheels.map((w) => fetchBytes(BASE + "pyodide/" + w)));
  for (const [i, w] of info.runtimeWheels.entries()) {
    if ((await sha256(files[i])) !== expected[w]) throw new Error(`${w} does not match pyodide-lock.json`);
  }
  // Pyodide copies the snapshot into the interpreter's memory as it was created (30 MB), without growing it
  // first; a larger heap is made room for by one allocation as large as the snapshot (more than the free
  // space, so the memory grows), which the restored heap then overwrites
  const { default: createModule } = await import(BASE + "pyodide/pyodide.asm.mjs");
  const createPyodideModule = async (settings) => {
    const module = await createModule(settings);
    if (snapshot.length > module.HEAPU8.length && !module._malloc(snapshot.length)) {
      throw new Error("no memory for the warm snapshot");
    }
    return module;
  };
  const py = await loadPyodide({ ...PYODIDE_OPTIONS, _loadSnapshot: snapshot, createPyodideModule });
  info.runtimeWheels.forEach((w, i) => py.FS.writeFile("/tmp/" + w, files[i]));
  py.runPython(await (await fetch(BASE + "site_install.py")).text());
  py.globals.get("install_wheels")(py.toPy(info.runtimeWheels.map((w) => "/tmp/" + w)));
  const warm = py.globals.get("WARM");
  if (!warm) throw new Error("the snapshot has no warm session");
  return { py, warm };
}

async function startCold(loadPyodide, info) {
  const py = await loadPyodide(PYODIDE_OPTIONS);
  progress("packages", info.wheels.join(", "));
  const errors = [];
  const loaded = await py.loadPackage([info.package], {
    messageCallback: () => {},
    errorCallback: (m) => errors.push(m),
  });
  const names = new Set((loaded || []).map((p) => String(p.name).toLowerCase().replace(/_/g, "-")));
  for (const want of [info.package, "lark"]) {
    if (!names.has(want)) errors.push(`package ${want} was not installed`);
  }
  if (errors.length) throw new Error("loading the Python packages failed: " + errors.join("; "));
  progress("prelude", "loading the prelude");
  py.runPython(await (await fetch(BASE + "glue.py")).text());
  return py;
}

async function init(msg) {
  const t0 = performance.now();
  const info = await (await fetch(BASE + "build-info.json")).json();
  const { loadPyodide } = await import(BASE + "pyodide/pyodide.mjs");
  let start = "cold";
  let warmError = null;
  if (info.warmSnapshot) {
    progress("pyodide", "restoring Python");
    try {
      const { py, warm } = await startWarm(loadPyodide, info);
      pyodide = py;
      glue = warm;
      glue.set_gas(msg.gas || 0);
      start = "warm";
    } catch (err) {
      warmError = errorText(err);   // reported in the result; the cold start below still works
      pyodide = null;
    }
  }
  if (!glue) {
    progress("pyodide", "starting Python");
    pyodide = await startCold(loadPyodide, info);
    glue = pyodide.globals.get("make_glue")(msg.gas || 0);
  }
  if (msg.interruptBuffer) {
    pyodide.setInterruptBuffer(new Uint8Array(msg.interruptBuffer));
    interruptible = true;
  }
  const features = JSON.parse(JSON.stringify(glue.features().toJs({ dict_converter: Object.fromEntries })));
  features.interrupt = interruptible;
  return { version: pyodide.runPython("import leanr_py; leanr_py.__version__"), pyodide: pyodide.version,
           features, start, warmError, loadMs: Math.round(performance.now() - t0), heapBytes: heapBytes() };
}

function parsed(s) {
  return JSON.parse(s);
}

async function handle(msg) {
  switch (msg.op) {
    case "init":
      if (pyodide) throw new Error("already initialised");
      return init(msg);
    case "cancel":
      return { interruptible };
  }
  if (!glue) throw new Error("the worker is not initialised (send init first)");
  switch (msg.op) {
    case "check": {
      const r = parsed(glue.check(String(msg.text), msg.gas || 0));
      r.heapBytes = heapBytes();
      return r;
    }
    case "goals":
      return parsed(glue.goals(msg.line, msg.column));
    case "info":
      return parsed(glue.info(msg.line, msg.column));
    case "eval":
      return parsed(glue.eval(String(msg.text), String(msg.expr), msg.gas || 0));
    case "export":
      return { ndjson: glue.export(String(msg.text), msg.gas || 0) };
    case "snapshot":
      return { blob: glue.snapshot() };
    case "restore":
      return parsed(glue.restore(String(msg.blob)));
    default:
      throw new Error(`unknown op ${JSON.stringify(msg.op)}`);
  }
}

// A Python exception is reported by its last line ("NotImplementedError: ..."), not the whole traceback.
function errorText(err) {
  const text = String((err && err.message) || err);
  if (err && err.type) {
    const lines = text.trim().split("\n");
    let start = lines.length - 1;
    for (let i = lines.length - 1; i >= 0; i--) {
      if (/^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit)\b/.test(lines[i])) { start = i; break; }
    }
    return lines.slice(start).join("\n");
  }
  return text;
}

function interpreterDead() {
  try {
    return Boolean(pyodide && pyodide._api && pyodide._api.fatal_error_occurred);
  } catch (_) {
    return false;
  }
}

self.onmessage = async (ev) => {
  const msg = ev.data || {};
  try {
    const result = await handle(msg);
    self.postMessage({ id: msg.id, ok: true, result });
  } catch (err) {
    self.postMessage({ id: msg.id, ok: false, error: errorText(err) });
    if (interpreterDead() || (err instanceof RangeError)) {
      self.postMessage({ event: "fatal", error: errorText(err) });
    }
  }
};
