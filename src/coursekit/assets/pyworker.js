// The Python of one page: Pyodide in a worker, booted from the build's memory snapshot.
// Messages in: {type: "boot", indexURL, stdLibURL, snapshotURL, dataURL} and {type: "run", id, exercise, code}.
// Messages out: {type: "ready", how} / {type: "failed", message} and {type: "result", id, outputs}.

let python = null;
const namespaces = new Map(); // exercise id -> Python dict: cells of one exercise share their names

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// The snapshot, unpacked: from Cache Storage when this version was fetched before (reading 31 MB back
// from the HTTP cache means unpacking its gzip each time), else from the server, then kept.
async function snapshotBytes(snapshotURL) {
  if (!self.caches) return fetchBytes(snapshotURL); // Cache Storage needs a secure context (https, localhost)
  const { version } = await (await fetch(new URL("snapshot.json", snapshotURL))).json();
  const key = `${snapshotURL}?v=${version}`;
  const cache = await caches.open("kurs-python");
  const hit = await cache.match(key);
  if (hit) return new Uint8Array(await hit.arrayBuffer());
  const bytes = await fetchBytes(snapshotURL);
  (async () => {
    for (const old of await cache.keys()) await cache.delete(old); // earlier course versions
    await cache.put(key, new Response(bytes));
  })().catch((error) => console.warn("Python-Speicherabbild nicht zwischengespeichert:", error));
  return bytes;
}

async function boot({ indexURL, stdLibURL, snapshotURL, dataURL }) {
  // Everything Python needs is requested at once; the snapshot is the largest part.
  const snapshot = snapshotBytes(snapshotURL).catch(() => fetchBytes(snapshotURL));
  const data = fetch(new URL("dateien.json", dataURL))
    .then((response) => response.json())
    .then((names) => Promise.all(names.map(async (name) => [name, await fetchBytes(new URL(name, dataURL))])));
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  let how = "snapshot";
  try {
    python = await loadPyodide({ indexURL, stdLibURL, _loadSnapshot: await snapshot });
  } catch (error) {
    // Another Pyodide build or a heap too small for the snapshot: boot normally (slower), say why here only.
    console.warn("Python-Speicherabbild nicht nutzbar, normaler Start:", error);
    python = await loadPyodide({ indexURL });
    await python.loadPackage("kurslab");
    how = "plain";
  }
  python.FS.mkdirTree("/kursdaten");
  for (const [name, bytes] of await data) python.FS.writeFile(`/kursdaten/${name}`, bytes);
  // The snapshot froze the random generator's state: seed it anew so each visit gets its own numbers.
  python.runPython("import os, random; os.environ['KURSLAB_DATA'] = '/kursdaten'; random.seed(); import kurslab.runner");
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

self.onmessage = async ({ data }) => {
  if (data.type === "boot") {
    try {
      self.postMessage({ type: "ready", how: await boot(data) });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error) });
    }
  } else if (data.type === "run") {
    self.postMessage({ type: "result", id: data.id, outputs: run(data.exercise, data.code) });
  }
};
