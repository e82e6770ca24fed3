// The playground page: a CodeMirror 6 editor wired to leanr_py running in a Web Worker (engine.js).
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
         hoverTooltip } from "@codemirror/view";
import { EditorState, Compartment, EditorSelection } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput } from "@codemirror/language";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { tags as t } from "@lezer/highlight";
import { leanLanguage } from "./lean-mode.js";
import { extendsSome, expand } from "./abbreviations.js";
import { Engine } from "./engine.js";
import { shareLink, documentFromLink, saveDocument, savedDocument, saveState, savedState } from "./share.js";

const params = new URLSearchParams(location.search);
// the step budget of each command: enough for everyday proofs, small enough that a runaway check ends by
// itself within about a minute where Cancel is not available; "Continue" checks again with four times more
const DEFAULT_GAS = Number(params.get("gas")) || 1_000_000;
const DEBOUNCE_MS = 300;
const HARD_CANCEL_MS = 2500;                               // an interrupt not honoured by then: new worker

const $ = (id) => document.getElementById(id);
const ui = {
  status: $("status"), statusText: $("status-text"), cancel: $("cancel"), cont: $("continue"),
  diagnostics: $("diagnostics"), goals: $("goals"), notice: $("notice"), examples: $("examples"),
  share: $("share"), shareOut: $("share-out"), theme: $("theme"), count: $("diag-count"), exportBtn: $("export"),
};

// ------------------------------------------------------------------ positions
// Lean counts columns in Unicode code points; CodeMirror in UTF-16 code units.

function toOffset(doc, line, column) {
  if (line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  let units = 0;
  let cps = 0;
  for (const ch of l.text) {
    if (cps >= column) break;
    units += ch.length;
    cps += 1;
  }
  return l.from + units;
}

function toLeanPos(doc, offset) {
  const l = doc.lineAt(offset);
  return { line: l.number, column: Array.from(l.text.slice(0, offset - l.from)).length };
}

// ------------------------------------------------------------------ status line

function setStatus(state, text, { cancel = false, cont = false } = {}) {
  ui.status.dataset.state = state;
  ui.statusText.textContent = text;
  ui.cancel.hidden = !cancel;
  ui.cont.hidden = !cont;
}

function notice(text, kind = "info") {
  ui.notice.textContent = text;
  ui.notice.dataset.kind = kind;
  ui.notice.hidden = !text;
}

// ------------------------------------------------------------------ unicode input

function pendingAbbreviation(state, pos) {
  const line = state.doc.lineAt(pos);
  const m = /\\([^\s\\]*)$/.exec(line.text.slice(0, pos - line.from));
  return m ? { from: pos - m[0].length, abbrev: m[1] } : null;
}

function replaceAbbreviation(view, from, to, abbrev, after = "") {
  const sym = expand(abbrev);
  if (!sym) return false;
  view.dispatch({
    changes: { from, to, insert: sym.text + after },
    selection: EditorSelection.cursor(from + (after ? sym.text.length + after.length : sym.cursor)),
    userEvent: "input.abbreviation",
  });
  return true;
}

const unicodeInput = [
  EditorView.inputHandler.of((view, from, to, text) => {
    if (from !== to || text.length !== 1) return false;
    const p = pendingAbbreviation(view.state, from);
    if (!p) return false;
    const typed = p.abbrev + text;
    if (/\s/.test(text) || (!extendsSome(typed) && expand(typed) === null)) {
      // the abbreviation ends here: replace it and keep the typed character
      return replaceAbbreviation(view, p.from, from, p.abbrev, text);
    }
    if (expand(typed) !== null && !extendsSome(typed)) {
      return replaceAbbreviation(view, p.from, from, typed);   // complete and unambiguous: replace at once
    }
    return false;
  }),
  keymap.of([{
    key: "Tab",
    run: (view) => {
      const pos = view.state.selection.main.head;
      const p = pendingAbbreviation(view.state, pos);
      return p ? replaceAbbreviation(view, p.from, pos, p.abbrev) : false;
    },
  }]),
];

// ------------------------------------------------------------------ editor

const highlight = HighlightStyle.define([
  { tag: t.keyword, color: "var(--kw)", fontWeight: "600" },
  { tag: t.controlKeyword, color: "var(--kw2)" },
  { tag: [t.lineComment, t.blockComment], color: "var(--comment)", fontStyle: "italic" },
  { tag: t.docString, color: "var(--doc)" },
  { tag: [t.string, t.character], color: "var(--str)" },
  { tag: t.number, color: "var(--num)" },
  { tag: t.typeName, color: "var(--type)" },
  { tag: t.function(t.variableName), color: "var(--tactic)" },
  { tag: t.invalid, color: "var(--sorry)", fontWeight: "600" },
  { tag: t.annotation, color: "var(--attr)" },
  { tag: t.operator, color: "var(--op)" },
]);

const editorTheme = EditorView.theme({
  "&": { height: "100%", backgroundColor: "var(--editor-bg)", color: "var(--fg)" },
  ".cm-content": { caretColor: "var(--fg)", fontFamily: "var(--mono)" },
  ".cm-gutters": { backgroundColor: "var(--gutter-bg)", color: "var(--muted)", border: "none" },
  ".cm-activeLine": { backgroundColor: "var(--active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--active-line)" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground": { backgroundColor: "var(--selection)" },
  ".cm-tooltip": { backgroundColor: "var(--panel-bg)", color: "var(--fg)", border: "1px solid var(--border)" },
  ".cm-tooltip-lint, .cm-tooltip-hover": { fontFamily: "var(--mono)", whiteSpace: "pre-wrap", maxWidth: "60ch" },
});

let docVersion = 0;
const themeCompartment = new Compartment();

const view = new EditorView({
  parent: $("editor"),
  state: EditorState.create({
    doc: "",
    extensions: [
      lineNumbers(), highlightActiveLineGutter(), history(), drawSelection(), indentOnInput(),
      bracketMatching(), closeBrackets(), highlightActiveLine(), highlightSelectionMatches(), lintGutter(),
      leanLanguage, syntaxHighlighting(highlight), themeCompartment.of(editorTheme), unicodeInput,
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, indentWithTab]),
      hoverTooltip(typeAtPointer, { hoverTime: 400 }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) {
          docVersion++;
          documentChanged();
        }
        if (u.selectionSet || u.docChanged) scheduleGoals();
      }),
      EditorView.lineWrapping,
    ],
  }),
});

// ------------------------------------------------------------------ engine lifecycle

let engine = null;
let ready = false;
let restarts = 0;

function progress(stage, detail) {
  const labels = { pyodide: "starting Python", packages: "loading leanr_py", prelude: "loading the prelude" };
  setStatus("loading", `Loading: ${labels[stage] || stage}…`);
  if (detail) ui.statusText.title = detail;
}

async function startEngine(reason) {
  ready = false;
  setStatus("loading", "Loading: starting the prover…");
  const t0 = performance.now();
  engine = new Engine({ onProgress: progress, onDeath: engineDied }, { gas: DEFAULT_GAS });
  const mine = engine;
  try {
    await engine.init();
  } catch (err) {
    if (mine !== engine) return;
    setStatus("error", `The prover could not start: ${err.message}`);
    return;
  }
  if (mine !== engine) return;
  stats.loadMs = performance.now() - t0;
  ready = true;
  renderGoalsUnavailable();
  await restoreState(reason);
  if (docVersion === cancelledVersion) {
    setStatus("cancelled", "Cancelled. Edit the document to check it again.");
    return;
  }
  requestCheck(gasBudget);
}

function engineDied(reason) {
  if (!ready && !reason.startsWith("cancel")) {
    // died while starting: report, do not loop
    setStatus("error", `The prover stopped while loading: ${reason}`);
    return;
  }
  ready = false;
  const checkingVersionAtDeath = checking ? checking.version : null;
  checking = null;
  restarts++;
  if (reason.startsWith("cancel")) {
    // the text that was cancelled is not checked again by itself: the next edit checks it
    cancelledVersion = checkingVersionAtDeath;
    notice("Cancelled by restarting the prover (this page is not cross-origin isolated, so Python cannot " +
           "be interrupted in place).", "warn");
  } else {
    notice(`The prover stopped (${reason}); a new one was started and the document re-checked.`, "warn");
    if (checkingVersionAtDeath !== null) {
      crashes.set(checkingVersionAtDeath, (crashes.get(checkingVersionAtDeath) || 0) + 1);
    }
  }
  startEngine("restart");
}

async function restoreState(reason) {
  if (!engine.features.snapshot) return;
  // the state of an earlier text is still worth restoring: checking the current text then reuses the
  // commands the two have in common
  const saved = lastGoodState || (reason === "restart" ? null : await savedState());
  if (!saved) return;
  try {
    await engine.request("restore", { blob: saved.blob });
    stats.restored = true;
  } catch (err) {
    notice(`The saved prover state could not be restored (${err.message}); the document is checked afresh.`, "warn");
  }
}

// ------------------------------------------------------------------ checking

let checking = null;          // {version, started} of the check in flight
let dirty = false;
let gasBudget = DEFAULT_GAS;
let lastBudget = 0;
let lastGoodState = null;
const crashes = new Map();   // document version -> how many times checking it killed the prover
let debounce = null;
let scheduled = false;      // an edit waits for its check
let cancelledVersion = null; // the document version whose check Cancel stopped by replacing the worker
let lastEditAt = 0;
const stats = { checks: 0, lastCheckMs: null, loadMs: null, heapBytes: null, restored: false,
                firstDiagnosticsAt: null, lastAppliedAt: null, statesSaved: 0 };

function documentChanged() {
  saveDocumentSoon();
  if (ui.shareOut.value) ui.shareOut.value = "";
  const now = performance.now();
  const burst = now - lastEditAt < DEBOUNCE_MS;
  lastEditAt = now;
  clearTimeout(debounce);
  scheduled = true;
  // an isolated edit is checked at once; a burst of typing once it pauses
  debounce = setTimeout(() => {
    scheduled = false;
    requestCheck(gasBudget);
  }, burst ? DEBOUNCE_MS : 0);
}

function requestCheck(gas) {
  if (!ready) return;
  if (checking) {
    dirty = true;
    return;
  }
  runCheck(gas);
}

async function runCheck(gas) {
  const version = docVersion;
  if ((crashes.get(version) || 0) >= 2) {
    // checked once more after the first crash, and it crashed again: do not loop
    setStatus("error", "Not re-checked: checking this version of the document stopped the prover twice. " +
                       "Edit it to try again.");
    return;
  }
  const text = view.state.doc.toString();
  checking = { version, started: performance.now() };
  const mine = engine;
  const slow = setTimeout(() => {
    if (checking && checking.version === version && mine === engine) {
      setStatus("checking", "Checking…", { cancel: true });
    }
  }, 150);
  let r;
  try {
    r = await engine.request("check", { text, gas: gas || 0 });
  } catch (err) {
    clearTimeout(slow);
    if (mine === engine && !engine.dead) {
      checking = null;
      setStatus("error", `Check failed: ${err.message}`);
    }
    return;
  } finally {
    clearTimeout(slow);
  }
  if (mine !== engine) return;
  checking = null;
  stats.checks++;
  stats.lastCheckMs = r.ms;
  stats.heapBytes = r.heapBytes;
  if (r.cancelled) {
    cancelTimer && clearTimeout(cancelTimer);
    setStatus("cancelled", "Cancelled. Edit the document to check it again.");
    dirty = false;
    return;
  }
  if (version === docVersion) {
    showDiagnostics(r);
    if (stats.firstDiagnosticsAt === null) stats.firstDiagnosticsAt = performance.now();
    lastBudget = r.budget;
    if (!r.gasExhausted) keepStateSoon();
    scheduleGoals(0);
  }
  if (dirty || version !== docVersion) {
    dirty = false;
    runCheck(gasBudget);
  }
}

function showDiagnostics(r) {
  const doc = view.state.doc;
  const diags = r.diagnostics.map((m) => {
    let from = toOffset(doc, m.pos.line, m.pos.column);
    let to = m.endPos ? toOffset(doc, m.endPos.line, m.endPos.column) : from;
    if (to <= from) to = Math.min(doc.length, from + 1);
    if (from >= doc.length && doc.length > 0) from = doc.length - 1;
    return { from, to, severity: m.severity === "information" ? "info" : m.severity, message: m.data, lean: m };
  });
  view.dispatch(setDiagnostics(view.state, diags));
  stats.lastAppliedAt = performance.now();
  if (!diags.length) {
    const li = document.createElement("li");
    li.className = "muted";
    li.textContent = "No messages.";
    ui.diagnostics.replaceChildren(li);
  } else ui.diagnostics.replaceChildren(...diags.map((d) => {
    const li = document.createElement("li");
    li.className = `diag diag-${d.severity}`;
    const where = document.createElement("button");
    where.className = "diag-pos";
    where.textContent = `${d.lean.pos.line}:${d.lean.pos.column}`;
    where.title = "Go to this position";
    where.onclick = () => {
      view.dispatch({ selection: EditorSelection.cursor(d.from), scrollIntoView: true });
      view.focus();
    };
    const sev = document.createElement("span");
    sev.className = "diag-sev";
    sev.textContent = d.severity;
    const msg = document.createElement("pre");
    msg.className = "diag-msg";
    msg.textContent = d.message;
    li.append(where, sev, msg);
    return li;
  }));
  const errors = diags.filter((d) => d.severity === "error").length;
  const warnings = diags.filter((d) => d.severity === "warning").length;
  ui.count.textContent = diags.length ? `${diags.length}` : "";
  const ms = r.ms < 1000 ? `${Math.round(r.ms)} ms` : `${(r.ms / 1000).toFixed(1)} s`;
  if (r.gasExhausted) {
    setStatus("gas", `Step budget of ${r.budget.toLocaleString("en")} exhausted: the check stopped early.`,
              { cont: true });
  } else if (errors) {
    setStatus("errors", `${errors} error${errors > 1 ? "s" : ""}${warnings ? `, ${warnings} warning(s)` : ""} (${ms})`);
  } else {
    setStatus("ready", `Ready: no errors${warnings ? `, ${warnings} warning(s)` : ""} (${ms})`);
  }
}

// A snapshot costs the worker time (the whole state is serialised), so it is taken once typing pauses, never
// between a keystroke and its diagnostics.
let keepTimer = null;
function keepStateSoon() {
  clearTimeout(keepTimer);
  keepTimer = setTimeout(() => {
    if (ready && !checking && !scheduled && !dirty) keepState(view.state.doc.toString());
  }, 1500);
}

async function keepState(text) {
  if (!engine.features.snapshot) return;
  try {
    const { blob } = await engine.request("snapshot");
    lastGoodState = { text, blob };
    await saveState(text, blob);
    stats.statesSaved++;
  } catch (_) {
    /* a state that cannot be saved is re-created by checking the text */
  }
}

// ------------------------------------------------------------------ cancel / continue

let cancelTimer = null;

ui.cancel.onclick = () => {
  if (!checking) return;
  setStatus("checking", "Cancelling…");
  const interrupted = engine.interrupt();
  clearTimeout(cancelTimer);
  const mine = engine;
  // without the interrupt buffer, or if Python does not get back to its loop in time, replace the worker
  cancelTimer = setTimeout(() => {
    if (mine === engine && checking) engine.die("cancelled: the check was stopped by restarting the prover");
  }, interrupted ? HARD_CANCEL_MS : 0);
};

ui.cont.onclick = () => {
  gasBudget = Math.max(lastBudget, 1) * 4;
  requestCheck(gasBudget);
};

// ------------------------------------------------------------------ goals and hover

let goalsTimer = null;

function renderGoalsUnavailable() {
  if (engine && engine.features.goals) {
    ui.goals.replaceChildren(paragraph("Move the cursor into a proof to see its goals.", "muted"));
  } else {
    ui.goals.replaceChildren(paragraph("Goals are not available: this build of leanr_py has no tactic " +
                                       "engine yet (proofs by terms are checked as usual).", "muted"));
  }
}

function paragraph(text, cls) {
  const p = document.createElement("p");
  p.textContent = text;
  if (cls) p.className = cls;
  return p;
}

function scheduleGoals(delay = 120) {
  clearTimeout(goalsTimer);
  goalsTimer = setTimeout(updateGoals, delay);
}

async function updateGoals() {
  if (!ready || !engine.features.goals || checking || dirty) return;
  const pos = toLeanPos(view.state.doc, view.state.selection.main.head);
  const version = docVersion;
  let r;
  try {
    r = await engine.request("goals", pos);
  } catch (err) {
    ui.goals.replaceChildren(paragraph(`Goals unavailable: ${err.message}`, "muted"));
    return;
  }
  if (version !== docVersion) return;
  if (!r.goals) {
    ui.goals.replaceChildren(paragraph("No goals at the cursor (move it inside a `by` block).", "muted"));
  } else if (r.goals.length === 0) {
    ui.goals.replaceChildren(paragraph("No goals: this proof is complete.", "done"));
  } else {
    ui.goals.replaceChildren(...r.goals.map((g, i) => {
      const pre = document.createElement("pre");
      pre.className = "goal";
      pre.textContent = (r.goals.length > 1 ? `goal ${i + 1} of ${r.goals.length}\n` : "") + g.pretty;
      return pre;
    }));
  }
}

async function typeAtPointer(v, pos) {
  if (!ready || !engine.features.info || checking) return null;
  const r = await engine.request("info", toLeanPos(v.state.doc, pos)).catch(() => null);
  if (!r || !r.info) return null;
  return {
    pos,
    above: true,
    create() {
      const dom = document.createElement("div");
      dom.className = "hover-type";
      dom.textContent = `${r.info.expr} : ${r.info.type}`;
      return { dom };
    },
  };
}

// ------------------------------------------------------------------ examples, share, theme, autosave

async function loadExamples() {
  try {
    const list = await (await fetch("examples/index.json")).json();
    for (const ex of list) {
      const opt = document.createElement("option");
      opt.value = ex.file;
      opt.textContent = ex.title;
      ui.examples.append(opt);
    }
  } catch (_) {
    ui.examples.disabled = true;
  }
}

ui.examples.onchange = async () => {
  const file = ui.examples.value;
  ui.examples.value = "";
  if (!file) return;
  const text = await (await fetch(`examples/${file}`)).text();
  setDocument(text);
};

function setDocument(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text },
                  selection: EditorSelection.cursor(0) });
}

ui.share.onclick = async () => {
  const link = await shareLink(view.state.doc.toString());
  ui.shareOut.value = link;
  ui.shareOut.hidden = false;
  ui.shareOut.select();
  try {
    await navigator.clipboard.writeText(link);
    notice("Share link copied to the clipboard.");
  } catch (_) {
    notice("Share link ready: copy it from the box next to the Share button.");
  }
};

// The document as lean4export NDJSON, re-checkable by any Lean kernel (`leanr check-export`, lean4checker, …).
ui.exportBtn.onclick = async () => {
  if (!engine) return;
  try {
    const { ndjson } = await engine.request("export", { text: view.state.doc.toString() });
    const url = URL.createObjectURL(new Blob([ndjson], { type: "application/x-ndjson" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "document.ndjson";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    notice(`Exported ${ndjson.split("\n").length - 1} lines of lean4export NDJSON.`);
  } catch (err) {
    notice(`Export failed: ${err.message}`);
  }
};

let saveTimer = null;
function saveDocumentSoon() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => saveDocument(view.state.doc.toString()), 250);
}
addEventListener("pagehide", () => saveDocument(view.state.doc.toString()));

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  ui.theme.textContent = theme === "dark" ? "Light" : "Dark";
  ui.theme.setAttribute("aria-label", `Switch to the ${theme === "dark" ? "light" : "dark"} theme`);
}
ui.theme.onclick = () => {
  const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
  try { localStorage.setItem("leanr.playground.theme", next); } catch (_) { /* best effort */ }
  applyTheme(next);
};

// ------------------------------------------------------------------ start

async function main() {
  let theme = null;
  try { theme = localStorage.getItem("leanr.playground.theme"); } catch (_) { /* none */ }
  applyTheme(theme || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));
  loadExamples();
  let text = null;
  try {
    text = await documentFromLink();
    if (text !== null) notice("Opened the document from a share link.");
  } catch (err) {
    notice(err.message, "warn");
  }
  if (text === null) text = savedDocument();
  if (text === null) text = await (await fetch("examples/welcome.lean")).text().catch(() => "");
  setDocument(text);
  startEngine("load");
}

// for tests and benchmarks: the editor, figures, and whether a check is scheduled or running
window.leanrPlayground = {
  view, stats,
  get engine() { return engine; },
  get restarts() { return restarts; },
  get pending() { return ready && (scheduled || checking !== null || dirty); },
  // a check of the text as it is now is running
  get checkingCurrent() { return checking !== null && checking.version === docVersion; },
};
main();
