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

// Python side: one Session over leanr's prelude, answers as JSON strings.
const GLUE = String.raw`
import base64, json, time
import leanr_py
from leanr_py import Session
from leanr_py.kernel.errors import release_traceback

_DEFAULT_GAS = 10_000_000


class Glue:
    def __init__(self, gas):
        self.gas = gas or _DEFAULT_GAS
        self.session = self._new_session()
        self.result = None
        self.text = None

    def _new_session(self):
        return Session(gas=self.gas)   # over leanr's prelude (from its shipped snapshot)

    def features(self):
        s, r = Session, self.result
        return {"goals": hasattr(s, "goals_at") or hasattr(self._result_type(), "goals_at"),
                "info": hasattr(s, "info_at") or hasattr(self._result_type(), "info_at"),
                "snapshot": hasattr(s, "snapshot") and hasattr(s, "restore")}

    @staticmethod
    def _result_type():
        from leanr_py.session import CheckResult
        return CheckResult

    def check(self, text, gas):
        budget = int(gas) if gas else self.gas
        t0 = time.perf_counter()
        try:
            r = self.session.check(text, gas=budget)
        except KeyboardInterrupt as exc:
            # the interrupt may come deep inside a recursion: freeing its traceback at once would recurse in C
            # and overflow Pyodide's stack (fatal), so it is unlinked frame by frame
            release_traceback(exc)
            del exc
            # stopped half-way through a command: its partial state cannot be trusted, start afresh
            self.session = self._new_session()
            self.result = None
            self.text = None
            return json.dumps({"cancelled": True, "diagnostics": [], "gasExhausted": False, "budget": budget,
                               "ms": round((time.perf_counter() - t0) * 1000, 1), "commands": 0})
        self.result, self.text = r, text
        return json.dumps({"cancelled": False, "diagnostics": r.messages_json(), "gasExhausted": r.gas_exhausted,
                           "budget": budget, "ms": round((time.perf_counter() - t0) * 1000, 1),
                           "commands": len(r.commands), "rechecked": r.rechecked})

    def _at(self, method, line, column):
        for owner in (self.result, self.session):
            fn = getattr(owner, method, None) if owner is not None else None
            if fn is not None:
                return True, fn(int(line), int(column))
        return False, None

    @staticmethod
    def _json(value):
        if value is None:
            return None
        if isinstance(value, (list, tuple)):
            return [Glue._json(v) for v in value]
        to_json = getattr(value, "to_json", None)
        return to_json() if to_json is not None else value

    def goals(self, line, column):
        supported, found = self._at("goals_at", line, column)
        return json.dumps({"supported": supported, "goals": self._json(found)})

    def info(self, line, column):
        supported, found = self._at("info_at", line, column)
        return json.dumps({"supported": supported, "info": self._json(found)})

    def eval(self, text, expr, gas):
        doc = text if text.endswith("\n") else text + "\n"
        first_line = doc.count("\n") + 1
        r = json.loads(self.check(doc + "#eval " + expr + "\n", gas))
        r["diagnostics"] = [d for d in r["diagnostics"] if d["pos"]["line"] >= first_line]
        return json.dumps(r)

    def snapshot(self):
        if not hasattr(self.session, "snapshot"):
            raise NotImplementedError("snapshots of the session state are not supported yet")
        return base64.b64encode(self.session.snapshot()).decode("ascii")

    def restore(self, blob):
        if not hasattr(Session, "restore"):
            raise NotImplementedError("restoring the session state is not supported yet")
        self.session = Session.restore(base64.b64decode(blob))
        self.result = None
        return "{}"


def make_glue(gas):
    return Glue(gas)
`;

async function init(msg) {
  const t0 = performance.now();
  progress("pyodide", "starting Python");
  const info = await (await fetch(BASE + "build-info.json")).json();
  const { loadPyodide } = await import(BASE + "pyodide/pyodide.mjs");
  pyodide = await loadPyodide({ indexURL: BASE + "pyodide/", lockFileURL: BASE + "pyodide/pyodide-lock.json",
                                stdout: () => {}, stderr: () => {} });
  const tStarted = performance.now();
  progress("packages", info.wheels.join(", "));
  const errors = [];
  const loaded = await pyodide.loadPackage([info.package], {
    messageCallback: () => {},
    errorCallback: (m) => errors.push(m),
  });
  const names = new Set((loaded || []).map((p) => String(p.name).toLowerCase().replace(/_/g, "-")));
  for (const want of [info.package, "lark"]) {
    if (!names.has(want)) errors.push(`package ${want} was not installed`);
  }
  if (errors.length) throw new Error("loading the Python packages failed: " + errors.join("; "));
  if (msg.interruptBuffer) {
    pyodide.setInterruptBuffer(new Uint8Array(msg.interruptBuffer));
    interruptible = true;
  }
  const tPackages = performance.now();
  progress("prelude", "loading the prelude");
  pyodide.runPython(GLUE);
  glue = pyodide.globals.get("make_glue")(msg.gas || 0);
  const features = JSON.parse(JSON.stringify(glue.features().toJs({ dict_converter: Object.fromEntries })));
  features.interrupt = interruptible;
  const tReady = performance.now();
  return { version: pyodide.runPython("leanr_py.__version__"), pyodide: pyodide.version, features,
           loadMs: Math.round(tReady - t0), heapBytes: heapBytes(),
           phasesMs: { python: Math.round(tStarted - t0), packages: Math.round(tPackages - tStarted),
                       prelude: Math.round(tReady - tPackages) } };
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
