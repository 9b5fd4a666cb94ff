// The Python of one page: Pyodide in a worker, booted from the build's memory snapshot.
// Messages in: {type: "boot", indexURL, stdLibURL, snapshotURL, dataURL} and {type: "run", id, exercise, code}.
// Messages out: {type: "ready", how} / {type: "failed", message} and {type: "result", id, outputs, lost}
// (lost: Python failed fatally during the run and can no longer be used; the page starts a new worker).
// A run may come before Python is ready: it waits for the boot, runs in the order sent.

let python = null;
let booted = null; // the boot's promise
const namespaces = new Map(); // exercise id -> Python dict: cells of one exercise share their names

const netFetch = self.fetch.bind(self); // withCompiledWasm replaces self.fetch during loadPyodide

async function fetchOk(url) {
  const response = await netFetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function fetchBytes(url) {
  return new Uint8Array(await (await fetchOk(url)).arrayBuffer());
}

// What snapshot.json says: the version of the snapshot, and so of Pyodide (runtime/snapshot.py derives
// it from both), and the size of the heap it holds; null without Cache Storage, which needs a secure
// context (https, localhost).
async function snapshotFacts(snapshotURL) {
  if (!self.caches) return null;
  return (await fetchOk(new URL("snapshot.json", snapshotURL))).json();
}

// Pyodide's WebAssembly and the snapshot, unpacked: from Cache Storage when this version was fetched
// before, else from the server, then kept (earlier versions are deleted). Read back from the HTTP cache
// they are revalidated and their gzip unpacked on every visit: 0.2-0.3 s for the 9.6 MB of WebAssembly
// on a 2-core laptop, 0.03 s from Cache Storage.
async function kept(url, version) {
  if (version === null) return fetchOk(url);
  const key = `${url}?v=${version}`;
  let cache;
  try {
    cache = await caches.open("kurs-python");
    const hit = await cache.match(key);
    if (hit) return hit;
  } catch (error) {
    console.warn("Zwischenspeicher für Python nicht lesbar:", error);
    return fetchOk(url);
  }
  const response = await fetchOk(url);
  const copy = response.clone();
  const write = (async () => {
    for (const old of await cache.keys()) if (!old.url.endsWith(`?v=${version}`)) await cache.delete(old);
    await cache.put(key, copy);
  })().catch((error) => console.warn("Python-Datei nicht zwischengespeichert:", url, error));
  writes.push(write);
  return response;
}
const writes = []; // kept()'s copies being written

// Python's kept files once a boot from them failed: a damaged copy would otherwise be read on every
// later visit of this version, each ending in the slow plain boot. The next visit fetches them anew.
async function forgetKeptFiles() {
  if (!self.caches) return;
  await Promise.allSettled(writes);
  await caches.delete("kurs-python");
}

// The heap from the site's snapshot file, which leaves out the all-zero pages (runtime/snapshot.py):
// "KSN1", then little-endian u32 length, page size, page count, the page numbers, the pages. Into
// ``heap`` when given (all zeros, of the length the file says).
function expandSnapshot(packed, heap = null) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  if (view.getUint32(0) !== 0x4b534e31) throw new Error("Unbekanntes Format des Speicherabbilds");
  const [length, page, count] = [4, 8, 12].map((at) => view.getUint32(at, true));
  if (heap && heap.length !== length) throw new Error(`Speicherabbild: ${length} Bytes statt ${heap.length}`);
  heap ??= new Uint8Array(length); // zeros, as the pages left out
  let offset = 16 + 4 * count;
  for (let i = 0; i < count; i++) {
    const start = view.getUint32(16 + 4 * i, true) * page;
    const size = Math.min(page, length - start);
    heap.set(packed.subarray(offset, offset + size), start);
    offset += size;
  }
  return heap;
}

// Pyodide's WebAssembly (at ``url``), compiling: a long step of a boot, so it starts as soon as the
// version is known, beside the snapshot. Null without the streaming API (then the worker boots as
// Pyodide does).
function compileWasm(url, version) {
  if (!WebAssembly.compileStreaming) return null;
  const compiled = version.then((known) => WebAssembly.compileStreaming(kept(url, known)));
  compiled.catch(() => {}); // a failure is handled where the module is used
  return compiled;
}

// Uses the module compiled while the snapshot was still being read: loadPyodide itself starts
// compiling only once the snapshot is there (it sizes the memory by it). Pyodide has no option to
// pass a compiled module, so its own request for the file and its instantiation are redirected to
// this one for the duration of the call.
async function withCompiledWasm(url, compiled, load) {
  if (!compiled) return load();
  const { fetch: ownFetch } = self;
  const { instantiateStreaming } = WebAssembly;
  self.fetch = (resource, init) => (String(resource) === url ? Promise.resolve(new Response(null)) : ownFetch(resource, init));
  WebAssembly.instantiateStreaming = async (_response, imports) => {
    // A server that sends the file with another MIME type defeats streaming; then compile the bytes.
    const module = await compiled.catch(async () => WebAssembly.compile(await (await ownFetch(url)).arrayBuffer()));
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  try {
    return await load();
  } finally {
    self.fetch = ownFetch;
    WebAssembly.instantiateStreaming = instantiateStreaming;
  }
}

// The heap for loadPyodide's _loadSnapshot, and the step that fills it (for its fsInit hook). Pyodide
// sets up its module (0.1-0.15 s of its 1.25 MB of JavaScript on a 2-core laptop) only once it knows
// the heap's size, so when snapshot.json says the size, an empty heap of that size goes to Pyodide at
// once and the snapshot is unpacked into it while Pyodide works; it must be there before Pyodide's
// file system hooks have run, after which it restores the heap. A heap left empty by a failed read
// fails that restore ("invalid magic number"): the worker then boots without the snapshot.
function snapshotHeap(facts, packed) {
  return facts.then((known) => {
    if (!Number.isInteger(known?.heap)) return { heap: packed.then((bytes) => expandSnapshot(bytes)), fill: async () => {} };
    const heap = new Uint8Array(known.heap);
    const fill = () =>
      packed.then((bytes) => void expandSnapshot(bytes, heap)).catch((error) => console.warn("Speicherabbild nicht lesbar:", error));
    return { heap, fill };
  });
}

async function boot({ indexURL, stdLibURL, snapshotURL, dataURL }) {
  // Everything Python needs is requested at once; the snapshot is the largest part.
  const facts = snapshotFacts(snapshotURL).catch(() => null);
  const version = facts.then((known) => known?.version ?? null);
  const wasmURL = new URL("pyodide.asm.wasm", indexURL).href;
  const compiled = compileWasm(wasmURL, version);
  const packed = version
    .then(async (known) => new Uint8Array(await (await kept(snapshotURL, known)).arrayBuffer()))
    .catch(() => fetchBytes(snapshotURL));
  const snapshot = snapshotHeap(facts, packed);
  const data = fetch(new URL("dateien.json", dataURL))
    .then((response) => response.json())
    .then((names) => Promise.all(names.map(async (name) => [name, await fetchBytes(new URL(name, dataURL))])));
  const runtime = import(new URL("pyodide.asm.mjs", indexURL).href); // loadPyodide imports it after its own setup
  runtime.catch(() => {}); // loadPyodide's own import reports a failure
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  let how = "snapshot";
  try {
    const { heap, fill } = await snapshot;
    python = await withCompiledWasm(wasmURL, compiled, () => loadPyodide({ indexURL, stdLibURL, _loadSnapshot: heap, fsInit: fill }));
  } catch (error) {
    // Another Pyodide build or a heap too small for the snapshot: boot normally (slower), say why here only.
    console.warn("Python-Speicherabbild nicht nutzbar, normaler Start:", error);
    forgetKeptFiles().catch(() => {});
    python = await loadPyodide({ indexURL });
    await python.loadPackage("kurslab");
    how = "plain";
  }
  python.FS.mkdirTree("/kursdaten");
  for (const [name, bytes] of await data) python.FS.writeFile(`/kursdaten/${name}`, bytes);
  // The snapshot froze the random generator's state: seed it anew so each visit gets its own numbers.
  // It also holds the directory of the standard library's zip it was made with (bytecode), while the
  // page's zip at the same path holds the sources: the zip importer forgets it (read again at the first
  // import of a module the snapshot lacks), or that import reads the wrong bytes ("bad local file
  // header"). Only that importer: importlib.invalidate_caches() would import importlib.metadata from
  // sources, 0.3 s of every boot.
  python.runPython(`
import os, random, sys, zipimport
for finder in list(sys.path_importer_cache.values()):
    if isinstance(finder, zipimport.zipimporter):
        finder.invalidate_caches()
os.environ["KURSLAB_DATA"] = "/kursdaten"
random.seed()
import kurslab.runner
`);
  return how;
}

function run(exercise, code) {
  if (!namespaces.has(exercise)) namespaces.set(exercise, python.globals.get("dict")());
  const runCell = python.pyimport("kurslab.runner").run_cell;
  const result = runCell(code, namespaces.get(exercise));
  const outputs = result.toJs({ dict_converter: Object.fromEntries });
  result.destroy();
  return outputs;
}

// The answer to a run, also when it failed outside the learner's Python (run_cell reports everything
// the code raises): Pyodide's fatal errors, such as a recursion deeper than the browser's stack after
// sys.setrecursionlimit(). Without an answer the cell would wait for ever.
function answer(exercise, code) {
  try {
    return { outputs: run(exercise, code), lost: false };
  } catch (error) {
    console.error("Python-Lauf abgebrochen:", error);
    let lost = false;
    try {
      python.runPython("None");
    } catch {
      lost = true;
    }
    const text = `Python ist bei dieser Zelle abgestürzt (${String(error.message ?? error).split("\n")[0]}).`;
    const hint = lost
      ? "Python wurde neu gestartet; Namen aus früheren Zellen sind verloren. Eine häufige Ursache ist eine Rekursion ohne Ende."
      : "Führen Sie die Zelle erneut aus; bleibt der Fehler, laden Sie die Seite neu.";
    return { outputs: [{ type: "error", line: null, text, hint, traceback: String(error.stack ?? error) }], lost };
  }
}

self.onmessage = async ({ data }) => {
  if (data.type === "boot") {
    booted = boot(data);
    try {
      self.postMessage({ type: "ready", how: await booted });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error) });
    }
  } else if (data.type === "run") {
    try {
      await booted;
    } catch {
      return; // the page has heard "failed"
    }
    self.postMessage({ type: "result", id: data.id, ...answer(data.exercise, data.code) });
  }
};
