// Runs notebooks' code cells in real Pyodide under Node.js, with the course helper wheel and data.
// Each notebook runs twice, in a fresh scope each time: as written ("offen": the gaps `...` left open)
// and with every cell's solution from metadata.kurs.loesung put in ("geloest").
// Usage: node run_notebooks.mjs REPO_ROOT KURSLAB_WHEEL NOTEBOOK...
// prints {"python": "3.x.y", "notebook": {"offen": ["str(value of each cell)", ...], "geloest": [...]}}.
import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { loadPyodide } from "pyodide";

const [root, wheel, ...notebooks] = process.argv.slice(2);
const py = await loadPyodide();
// The same wheel the site ships, unpacked into site-packages as Pyodide's package loader does.
py.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
py.FS.mkdirTree("/data");
for (const name of readdirSync(join(root, "exercises", "data")).filter((n) => n.endsWith(".csv"))) {
  py.FS.writeFile(`/data/${name}`, readFileSync(join(root, "exercises", "data", name)));
}
py.runPython("import os; os.environ['KURSLAB_DATA'] = '/data'");

const source = (cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);
const solved = (cell) => cell.metadata?.kurs?.loesung ?? source(cell);

function run(cells, code) {
  const scope = py.globals.get("dict")();
  return cells.map((cell) => {
    const value = py.runPython(code(cell), { globals: scope });
    return value === undefined ? null : String(value);
  });
}

const results = { python: py.runPython("import sys; sys.version.split()[0]") };
for (const path of notebooks) {
  const cells = JSON.parse(readFileSync(path, "utf8")).cells.filter((c) => c.cell_type === "code");
  results[basename(path)] = { offen: run(cells, source), geloest: run(cells, solved) };
}
console.log(JSON.stringify(results));
