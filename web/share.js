// Documents in links and in the browser's storage.
//  - share links carry the document deflate-compressed and base64url-encoded in the fragment (#code=…),
//    so it never reaches a server;
//  - the document is autosaved in localStorage; the engine's state snapshot (when the engine has them) in
//    IndexedDB, next to the text it belongs to.

const FRAGMENT = "code=";
const DOC_KEY = "leanr.playground.document";

const MAX_DOCUMENT_BYTES = 16 * 2 ** 20;   // a link that inflates beyond this is refused, not expanded

async function pipe(bytes, stream) {
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_DOCUMENT_BYTES) {
      reader.cancel();
      throw new Error("document too large");
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function toBase64Url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export async function shareLink(text) {
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream("deflate-raw"));
  const url = new URL(location.href);
  url.search = "";
  url.hash = FRAGMENT + toBase64Url(packed);
  return url.href;
}

/** The document carried by the page's own fragment, or null; throws a readable error for a damaged link. */
export async function documentFromLink() {
  const hash = location.hash.replace(/^#/, "");
  if (!hash.startsWith(FRAGMENT)) return null;
  try {
    const bytes = await pipe(fromBase64Url(decodeURIComponent(hash.slice(FRAGMENT.length))),
                             new DecompressionStream("deflate-raw"));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (err) {
    throw new Error(err.message === "document too large"
      ? "this share link holds a document larger than 16 MB; it was not opened"
      : "this share link is damaged (its document could not be decompressed)");
  }
}

export function saveDocument(text) {
  try {
    localStorage.setItem(DOC_KEY, text);
  } catch (_) {
    /* storage full or disabled: autosave is best effort */
  }
}

export function savedDocument() {
  try {
    return localStorage.getItem(DOC_KEY);
  } catch (_) {
    return null;
  }
}

// ------------------------------------------------------------------ state snapshots (IndexedDB)

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open("leanr-playground", 1);
    req.onupgradeneeded = () => req.result.createObjectStore("state");
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export async function saveState(text, blob) {
  try {
    const db = await openDb();
    await new Promise((resolve, reject) => {
      const tx = db.transaction("state", "readwrite");
      tx.objectStore("state").put({ text, blob }, "last");
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  } catch (_) {
    /* best effort */
  }
}

export async function savedState() {
  try {
    const db = await openDb();
    const value = await new Promise((resolve, reject) => {
      const req = db.transaction("state", "readonly").objectStore("state").get("last");
      req.onsuccess = () => resolve(req.result || null);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return value;
  } catch (_) {
    return null;
  }
}
