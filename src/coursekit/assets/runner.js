// Exercises on the module page: code cells become editors whose Python runs in a worker (pyworker.js).
// One worker per browser tab, booted from the build's memory snapshot; a page with exercises starts it from
// <head> (plugin/preload.py) and this module takes it over, otherwise it starts here (course.js);
// it survives instant navigation. Edits and revealed solutions live in the learner's progress state.
import { save } from "./store.js";

const here = import.meta.url;
const INDEX_URL = new URL("../../lite/static/pyodide/", here).href;
const DATA_URL = new URL("../kursdaten/", here).href;
const SOLUTIONS_URL = new URL("../uebungen/", here).href;
const SNAPSHOT_URL = new URL("snapshot.bin", INDEX_URL).href;
const STDLIB_URL = new URL("python_stdlib_quellen.zip", INDEX_URL).href;

let python = null; // { worker, ready: Promise<string>, pending: Map }
let spare = null; // a second Python, booted while a run takes long, so that "Stopp" needs no new boot
const SPARE_AFTER_MS = 400;
let nextId = 1;
const allCells = new Set(); // every cell on pages seen in this tab: a restart marks them all as not run
const quiet = []; // resolvers of noRunPending()

function startPython() {
  python = adoptEarlyWorker() ?? bootWorker();
  return python;
}

// The worker a page with exercises started from <head> (plugin/preload.py), with what it has said so far.
function adoptEarlyWorker() {
  const early = window.kursPython;
  if (!early) return null;
  delete window.kursPython;
  return listen(early.worker, early.received);
}

function bootWorker() {
  const worker = new Worker(new URL("./pyworker.js", here), { type: "module" });
  const booted = listen(worker);
  worker.postMessage({ type: "boot", indexURL: INDEX_URL, stdLibURL: STDLIB_URL, snapshotURL: SNAPSHOT_URL, dataURL: DATA_URL });
  return booted;
}

function listen(worker, received = []) {
  const pending = new Map();
  let started = false;
  const ready = new Promise((resolve, reject) => {
    const handle = (data) => {
      if (data.type === "ready") {
        started = true;
        resolve(data.how);
      }
      else if (data.type === "failed") reject(new Error(data.message));
      else if (data.type === "result") {
        pending.get(data.id)?.resolve(data);
        pending.delete(data.id);
      }
    };
    worker.onmessage = ({ data }) => handle(data);
    worker.onerror = (event) => {
      // A failing worker leaves no run waiting for an answer that cannot come; one that had started is
      // replaced (execute), one that could not start is reported as such.
      const error = Object.assign(new Error(event.message || "Python-Worker abgestürzt"), { lost: started });
      reject(error);
      for (const { reject: fail } of pending.values()) fail(error);
      pending.clear();
    };
    for (const data of received) handle(data);
  });
  ready
    .then((how) => {
      performance.mark("kurs:python"); // User Timing: Python is ready (tests, the browser's performance panel)
      if (how !== "snapshot") console.info(`Python ohne Speicherabbild gestartet (${how}).`);
    })
    .catch(() => {});
  const py = { worker, ready, pending, isReady: false };
  ready.then(() => (py.isReady = true), () => {});
  return py;
}

function restartPython() {
  if (python) {
    python.worker.terminate();
    for (const { reject } of python.pending.values()) reject(new Error("angehalten"));
  }
  for (const cell of allCells) {
    if (cell.node.isConnected) cell.ran = false;
    else allCells.delete(cell); // a cell of a page left by instant navigation
  }
  python = spare ?? bootWorker();
  spare = null;
  return python;
}

// The run is sent at once, also while Python still boots: the worker runs it as soon as it can, without
// a turn through this page's busy main thread in between.
async function execute(exercise, code) {
  const py = python ?? startPython();
  const id = nextId++;
  let standby = null;
  py.ready.then(() => {
    if (py.pending.has(id)) standby = setTimeout(() => (spare ??= bootWorker()), SPARE_AFTER_MS); // in case "Stopp" follows
  }, () => {});
  const answer = new Promise((resolve, reject) => {
    py.pending.set(id, { resolve, reject });
    py.ready.catch(reject);
    py.worker.postMessage({ type: "run", id, exercise, code });
  }).finally(() => {
    py.pending.delete(id);
    clearTimeout(standby);
    if (!py.pending.size) for (const resolve of quiet.splice(0)) resolve();
  });
  // A Python that is gone (fatal error, crashed worker) is replaced; the cells start again in the new one.
  const { outputs, lost } = await answer.catch((error) => {
    if (error.lost && py === python) restartPython();
    throw error;
  });
  if (lost && py === python) restartPython();
  return outputs;
}

// Resolves when no run is waiting for Python's answer (at once when none is).
function noRunPending() {
  return python?.pending.size ? new Promise((resolve) => quiet.push(resolve)) : Promise.resolve();
}

function element(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

// Charts come from kurslab as SVG text; keep the drawing, drop anything that could run.
function safeSvg(text) {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.nodeName !== "svg") return element("pre", { className: "ck-nb-out", textContent: text });
  for (const bad of svg.querySelectorAll("script, foreignObject, iframe, a")) bad.remove();
  for (const node of [svg, ...svg.querySelectorAll("*")]) {
    for (const attr of [...node.attributes]) {
      if (/^on/i.test(attr.name) || /^\s*javascript:/i.test(attr.value)) node.removeAttribute(attr.name);
    }
  }
  return document.importNode(svg, true);
}

function renderOutputs(outputs) {
  return outputs.map((out) => {
    if (out.type === "svg") return element("div", { className: "ck-nb-out ck-nb-html" }, safeSvg(out.text));
    if (out.type === "feedback") return element("p", { className: `ck-feedback ck-feedback--${out.state}`, textContent: out.text });
    if (out.type === "error") {
      const details = element("details", {}, element("summary", { textContent: "Vollständige Fehlermeldung" }), element("pre", { textContent: out.traceback }));
      return element("div", { className: "ck-run-error" }, element("p", { textContent: out.text }), element("p", { textContent: out.hint }), details);
    }
    return element("pre", { className: "ck-nb-out", tabIndex: 0, textContent: out.text });
  });
}

function stored(state, exercise) {
  state.exercises ??= {};
  state.exercises[exercise] ??= { cells: {}, revealed: {} };
  return state.exercises[exercise];
}

async function loadSolutions(exercise) {
  const response = await fetch(new URL(`${exercise}.json`, SOLUTIONS_URL));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

// A cell's buttons work before its editor has come (initExercise): until then a run takes the code the
// page shows, which is the learner's kept edit when there is one. Returns the cell; its `upgrade`
// replaces the code by the editor.
function setupCell(ctx, node, index) {
  const { exercise, state } = ctx;
  const cellId = node.dataset.cell;
  const hash = node.dataset.hash;
  const codeBlock = node.querySelector(".highlight, pre");
  const original = (codeBlock?.querySelector("code") ?? codeBlock)?.textContent.replace(/\n$/, "") ?? "";
  const memory = stored(state, exercise);
  const kept = memory.cells[cellId];
  let superseded = null; // the learner's edit of a cell the course has since changed: shown once, then dropped
  if (kept && kept.hash !== hash) {
    superseded = kept.code;
    delete memory.cells[cellId];
    save(state);
  }
  const cell = { ran: false, node, run: null, upgrade: null };
  allCells.add(cell);

  let editor = null;
  const shown = codeBlock?.querySelector("code") ?? codeBlock;
  if (shown && memory.cells[cellId]) shown.textContent = memory.cells[cellId].code; // plain until the editor comes
  const code = () => editor?.value ?? memory.cells[cellId]?.code ?? original;
  const output = element("div", { className: "ck-run-output" });
  output.setAttribute("role", "status");
  output.setAttribute("aria-live", "polite");
  const runButton = element("button", { type: "button", className: "md-button md-button--primary", textContent: "Ausführen" });
  const stopButton = element("button", { type: "button", className: "md-button", textContent: "Stopp", hidden: true });
  const resetButton = element("button", { type: "button", className: "md-button", textContent: "Zurücksetzen" });
  const bar = element("div", { className: "ck-cell-actions" }, runButton, stopButton, resetButton);
  let solution = null;
  if (node.dataset.gap) {
    const showButton = element("button", { type: "button", className: "md-button", textContent: "Lösung anzeigen" });
    bar.append(showButton);
    solution = element("div", { className: "ck-cell-solution" });
    showButton.addEventListener("click", async () => {
      try {
        const solutions = await loadSolutions(exercise);
        memory.revealed[cellId] ??= new Date().toISOString();
        save(state);
        solution.replaceChildren(
          element("p", { className: "ck-label", textContent: "Lösung (angesehen; Ihr eigener Code bleibt im Editor)" }),
          element("pre", { className: "ck-nb-out", tabIndex: 0, textContent: solutions[cellId] ?? "" }),
        );
        showButton.disabled = true;
      } catch {
        solution.replaceChildren(element("p", { textContent: "Die Lösung ließ sich nicht laden." }));
      }
    });
  }
  codeBlock?.classList.add("ck-code-waiting"); // the editor's box until the editor comes (course.css)
  const place = codeBlock ?? element("div");
  if (!codeBlock) node.append(place);
  place.after(bar, output, ...(solution ? [solution] : []));
  cell.upgrade = (createEditor) => {
    const host = element("div", { className: "ck-editor" });
    editor = createEditor(host, code(), {
      label: `Code der Zelle ${index + 1}`,
      onRun: () => cell.run(),
      onChange: (text) => {
        if (text === original) delete memory.cells[cellId];
        else memory.cells[cellId] = { hash, code: text, changed: new Date().toISOString() };
        save(state);
      },
    });
    host.ckEditor = editor; // the cell's code for tests and the browser console: $0.ckEditor.value
    place.replaceWith(host);
    return editor;
  };
  if (superseded !== null) {
    const earlier = element("details", {}, element("summary", { textContent: "Ihre frühere Fassung anzeigen" }), element("pre", { className: "ck-nb-out", tabIndex: 0, textContent: superseded }));
    const notice = element("div", { className: "ck-cell-notice" }, element("p", { textContent: "Diese Zelle wurde seit Ihrem letzten Besuch überarbeitet. Der Editor zeigt die neue Fassung; Ihre frühere Fassung steht hier zum Kopieren und wird nach dem Verlassen der Seite nicht mehr angezeigt." }), earlier);
    notice.setAttribute("role", "note");
    place.before(notice);
  }

  cell.run = async () => {
    // Like a notebook run from the top: cells above that did not run in this Python yet run first.
    const before = ctx.cells.slice(0, ctx.cells.indexOf(cell)).filter((c) => !c.ran);
    for (const c of before) await c.execute(false);
    await cell.execute(true);
  };
  cell.execute = async (focusOutput) => {
    for (const old of node.querySelectorAll(":scope > .ck-nb-out")) old.hidden = true; // the build's outputs
    output.replaceChildren(element("p", { className: "ck-running", textContent: python?.isReady ? "Läuft …" : "Python startet …" }));
    runButton.disabled = true;
    stopButton.hidden = false;
    try {
      const outputs = await execute(exercise, code());
      cell.ran = !outputs.some((o) => o.type === "error");
      output.replaceChildren(...(outputs.length ? renderOutputs(outputs) : [element("p", { className: "ck-run-note", textContent: "Ausgeführt, ohne Ausgabe." })]));
      performance.mark("kurs:ausgabe"); // User Timing for `make bench` and the browser's performance panel
    } catch (error) {
      const text =
        error.message === "angehalten"
          ? "Angehalten. Python wurde neu gestartet; führen Sie die Zelle erneut aus."
          : error.lost
            ? `Python ist abgestürzt (${error.message}) und wurde neu gestartet; führen Sie die Zelle erneut aus.`
            : `Python konnte nicht starten: ${error.message}`;
      output.replaceChildren(element("p", { textContent: text }));
    } finally {
      runButton.disabled = false;
      stopButton.hidden = true;
      if (focusOutput && document.activeElement === stopButton) runButton.focus();
    }
  };
  runButton.addEventListener("click", () => cell.run());
  stopButton.addEventListener("click", () => {
    performance.mark("kurs:stopp");
    restartPython();
  });
  resetButton.addEventListener("click", () => {
    if (editor) editor.value = original;
    else if (shown) shown.textContent = original;
    delete memory.cells[cellId];
    save(state);
    output.replaceChildren(element("p", { className: "ck-run-note", textContent: "Zurückgesetzt auf den Code des Kurses." }));
  });
  return cell;
}

// Boot Python once per tab, ahead of any click (course.js calls this as soon as a page with exercises starts).
export function bootPython() {
  return python ?? startPython();
}

export async function initExercise(section, state) {
  if (section.dataset.ready) return;
  section.dataset.ready = "1";
  const ctx = { exercise: section.dataset.exercise, state, cells: [] };
  for (const [index, node] of [...section.querySelectorAll(".ck-cell")].entries()) ctx.cells.push(setupCell(ctx, node, index));
  bootPython();
  const reached = await editorsWanted(section);
  let createEditor;
  try {
    ({ createEditor } = await import("./editor.js"));
  } catch (error) {
    console.warn("Der Code-Editor ließ sich nicht laden; die Zellen führen den angezeigten Code aus:", error);
    return;
  }
  const first = ctx.cells.find((cell) => cell.node === reached?.node);
  if (first) focusAt(first.upgrade(createEditor).view, reached); // the code box the learner reached for
  for (const cell of ctx.cells) {
    if (cell === first) continue;
    await new Promise((resolve) => setTimeout(resolve)); // one editor per task: a click or Python's answer gets in between
    cell.upgrade(createEditor);
  }
}

// The editors are the page's largest script, and making them keeps the main thread busy for 0.2-0.4 s
// on a 2-core laptop: they come once Python has started, has answered any run already asked for and the
// page is idle, so that they hold up neither Python's boot nor a first run. Until then a cell runs the
// code it shows. When the learner reaches for a code box before (pointer or keyboard focus), they come
// at once; resolves with that cell's node and where the pointer was then, else null.
function editorsWanted(section) {
  return new Promise((resolve) => {
    const done = (cell) => {
      section.removeEventListener("pointerdown", reach, true);
      section.removeEventListener("focusin", reach, true);
      resolve(cell);
    };
    const reach = (event) => {
      if (event.target.closest?.(".ck-code-waiting")) done({ node: event.target.closest(".ck-cell"), x: event.clientX, y: event.clientY });
    };
    section.addEventListener("pointerdown", reach, true);
    section.addEventListener("focusin", reach, true);
    const idle = () => new Promise((go) => (window.requestIdleCallback ? requestIdleCallback(go, { timeout: 1000 }) : setTimeout(go, 50)));
    bootPython()
      .ready.catch(() => {}) // without Python the editors still come: the code can be edited and copied
      .then(noRunPending)
      .then(idle)
      .then(() => done(null));
  });
}

// The editor has the box the code had (course.css), so the point clicked in the code is the same place in
// the editor: the cursor goes there, as if the editor had been there all along (keyboard focus: the start).
function focusAt(view, { x, y }) {
  const at = x === undefined ? null : view.posAtCoords({ x, y });
  if (at !== null) view.dispatch({ selection: { anchor: at } });
  view.focus();
}
