// The page's side of the worker protocol (see worker.js): one Web Worker running leanr_py in Pyodide,
// requests answered by id, cancel through the interrupt buffer, and a fresh worker when the old one dies.

const FATAL = "the Python interpreter stopped";

export class Engine {
  /**
   * @param {object} hooks  onProgress(stage, detail), onDeath(reason): called once when the worker dies
   * @param {object} options  gas: the initial step budget (0: the engine's default)
   */
  constructor(hooks, options = {}) {
    this.hooks = hooks;
    this.options = options;
    this.nextId = 1;
    this.pending = new Map();
    this.dead = false;
    this.features = {};
    // The interrupt buffer needs SharedArrayBuffer, which browsers give only to cross-origin isolated pages.
    this.interruptView = globalThis.crossOriginIsolated ? new Uint8Array(new SharedArrayBuffer(1)) : null;
    this.worker = new Worker(new URL("worker.js", document.baseURI), { type: "module" });
    this.worker.onmessage = (ev) => this.receive(ev.data);
    this.worker.onerror = (ev) => {
      ev.preventDefault();
      this.die(ev.message || "the worker failed");
    };
    this.worker.onmessageerror = () => this.die("a message from the worker could not be read");
  }

  async init() {
    const r = await this.request("init", {
      interruptBuffer: this.interruptView ? this.interruptView.buffer : undefined,
      gas: this.options.gas || 0,
    });
    this.features = r.features || {};
    this.info = r;
    return r;
  }

  receive(msg) {
    if (msg && msg.event === "progress") {
      this.hooks.onProgress && this.hooks.onProgress(msg.stage, msg.detail);
      return;
    }
    if (msg && msg.event === "fatal") {
      this.die(`${FATAL}: ${msg.error}`);
      return;
    }
    const waiter = this.pending.get(msg.id);
    if (!waiter) return;
    this.pending.delete(msg.id);
    if (msg.ok) waiter.resolve(msg.result);
    else waiter.reject(new Error(msg.error));
  }

  request(op, payload = {}) {
    if (this.dead) return Promise.reject(new Error(this.deathReason));
    const id = this.nextId++;
    // a stale interrupt (Cancel pressed as a check ended) must not stop the next request; one that is meant
    // for a request still running stays
    if (this.interruptView && this.pending.size === 0) this.interruptView[0] = 0;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, op });
      this.worker.postMessage({ id, op, ...payload });
    });
  }

  get busy() {
    return this.pending.size > 0;
  }

  /** Ask Python to stop what it is doing (a KeyboardInterrupt at the next bytecode check). */
  interrupt() {
    if (!this.interruptView) return false;
    this.interruptView[0] = 2; // SIGINT
    return true;
  }

  /** Stop the worker for good (a runaway computation that ignores the interrupt, or a dead interpreter). */
  die(reason) {
    if (this.dead) return;
    this.dead = true;
    this.deathReason = reason;
    this.worker.terminate();
    for (const w of this.pending.values()) w.reject(new Error(reason));
    this.pending.clear();
    this.hooks.onDeath && this.hooks.onDeath(reason);
  }
}
