// Makes a Pyodide memory snapshot with the course's Python modules already imported.
// Usage: node snapshot.mjs PYODIDE_DIR WHEEL OUT
// PYODIDE_DIR is the site's staged copy (bytecode-compiled standard library): importing from .pyc
// leaves a smaller, better compressible heap than compiling sources here.
// Pyodide's snapshot API is private (Pyodide >= 0.26): loadPyodide({_makeSnapshot}) -> makeMemorySnapshot().
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dir, wheel, out] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${dir}/pyodide.mjs`).href);
const py = await loadPyodide({ indexURL: `${dir}/`, _makeSnapshot: true });
py.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
// What every exercise needs; imported modules survive the snapshot, files do not.
py.runPython(`
import csv, math, os, random, re, statistics, sys
import kurslab, kurslab.charts, kurslab.checks, kurslab.data, kurslab.runner, kurslab.text
import gc; gc.collect()
`);
writeFileSync(out, py.makeMemorySnapshot());
