// Precompiles archives for Pyodide inside Pyodide (see pyc.py), run by coursekit/lite.py.
// Usage: node pyc.mjs OUT_DIR ARCHIVE...   (ARCHIVE: a .whl or python_stdlib.zip)
// Writes the compiled archives to OUT_DIR and prints {"archive name": "compiled name", ...}.
import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [outDir, ...archives] = process.argv.slice(2).map((p) => resolve(p));
const py = await loadPyodide();
const { NODEFS } = py.FS.filesystems;
py.FS.mkdirTree("/out");
py.FS.mount(NODEFS, { root: outDir }, "/out");
const names = {};
archives.forEach((archive, i) => {
  py.FS.mkdirTree(`/in${i}`);
  py.FS.mount(NODEFS, { root: dirname(archive) }, `/in${i}`);
});
const here = dirname(fileURLToPath(import.meta.url));
const module = py.runPython(readFileSync(`${here}/pyc.py`, "utf8") + "\nimport sys; sys.modules[__name__]");
archives.forEach((archive, i) => {
  const name = basename(archive);
  const target = name.endsWith(".whl") ? module.compiled_wheel_name(name) : name;
  module.compile_archive(`/in${i}/${name}`, `/out/${target}`);
  names[name] = target;
});
console.log(JSON.stringify(names));
