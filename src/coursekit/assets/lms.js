// The course inside an LMS. Runs on the package's launch page (lms-start.html), which holds the one
// LMS session and shows the course in a frame: the course pages save to the browser's storage as on
// the web, and this page reports each save to the LMS (completion, score, interactions, resume data).
// Backends: SCORM 1.2, SCORM 2004, cmi5 (cmi5.js, when the launch URL carries its parameters); none
// found -> the normal site, on the browser's storage only.
import { KEY, load, save } from "./store.js";
import { decodeState, encodeState, interactions, mergeStates, sessionTime, summarise } from "./lmsdata.js";

export const DIALECTS = {
  scorm12: {
    api: "API",
    initialize: "LMSInitialize",
    finish: "LMSFinish",
    get: "LMSGetValue",
    set: "LMSSetValue",
    commit: "LMSCommit",
    error: "LMSGetLastError",
    suspendLimit: 4096,
    locationLimit: 255,
    entry: "cmi.core.entry",
    suspend: "cmi.suspend_data",
    location: "cmi.core.lesson_location",
    exit: "cmi.core.exit",
    sessionTime: "cmi.core.session_time",
    response: "student_response",
  },
  scorm2004: {
    api: "API_1484_11",
    initialize: "Initialize",
    finish: "Terminate",
    get: "GetValue",
    set: "SetValue",
    commit: "Commit",
    error: "GetLastError",
    suspendLimit: 64000,
    locationLimit: 1000,
    entry: "cmi.entry",
    suspend: "cmi.suspend_data",
    location: "cmi.location",
    exit: "cmi.exit",
    sessionTime: "cmi.session_time",
    response: "learner_response",
  },
};

export const NOTICES = {
  unreachable:
    "Die Lernplattform antwortet gerade nicht. Sie können den Kurs trotzdem bearbeiten: Ihre Antworten bleiben in diesem Browser gespeichert, und der Kurs meldet sie der Lernplattform beim nächsten Speichern erneut.",
  rejected:
    "Die Lernplattform hat Ihren Stand gerade nicht angenommen. Ihre Antworten bleiben in diesem Browser gespeichert; der Kurs versucht es beim nächsten Speichern erneut.",
  texts:
    "Einige Ihrer längeren Texte (Reflexionen, Entwürfe zu Praxisaufgaben) passen nicht in den Speicherplatz, den die Lernplattform einem Kurs gibt. Sie bleiben in diesem Browser gespeichert, fehlen aber, wenn Sie den Kurs auf einem anderen Gerät fortsetzen. Sichern Sie sie bei Bedarf unter „Mein Fortschritt“ mit „Fortschritt exportieren“.",
};

// --- finding the LMS (SCORM run-time environment: parents up to 7 levels, then the opener) ----------

function walk(win, name) {
  for (let level = 0; win && level <= 7; level += 1) {
    try {
      if (win[name]) return win[name];
    } catch {
      /* a frame of another origin: look further up */
    }
    if (!win.parent || win.parent === win) break;
    win = win.parent;
  }
  return null;
}

export function findApi(win, name) {
  return walk(win, name) ?? (win.opener ? walk(win.opener, name) : null);
}

// --- the session ---------------------------------------------------------------------------------

export class ScormSession {
  constructor(version, api, course, { notify, storage = globalThis.localStorage, now = () => Date.now() }) {
    this.version = version;
    this.d = DIALECTS[version];
    this.api = api;
    this.course = course;
    this.notify = notify;
    this.storage = storage;
    this.now = now;
    this.started = now();
    this.open = false;
    this.finished = false;
    this.told = new Set();
    this.textsTold = false;
    this.reported = new Map(); // interaction key -> [index, fingerprint of the answer reported]
    this.nextIndex = 0;
  }

  call(method, ...args) {
    try {
      return String(this.api[method](...args));
    } catch {
      return "";
    }
  }

  tell(what) {
    if (this.told.has(what)) return;
    this.told.add(what);
    this.notify(NOTICES[what]);
  }

  initialize() {
    if (this.call(this.d.initialize, "") !== "true") {
      this.tell("unreachable");
      return false;
    }
    this.open = true;
    this.nextIndex = Number(this.call(this.d.get, "cmi.interactions._count")) || 0;
    return true;
  }

  // Start of the session: the LMS's resume data merged into this browser's storage. -> location to open, or "".
  start() {
    if (!this.initialize()) return "";
    const entry = this.call(this.d.get, this.d.entry);
    const suspend = this.call(this.d.get, this.d.suspend);
    const fromLms = entry === "ab-initio" ? null : decodeState(this.course, suspend);
    const local = load(this.storage).state;
    if (fromLms) {
      this.textsTold = fromLms.told;
      const merged = mergeStates(this.course, local, fromLms);
      save(merged, this.storage);
      // What the LMS has been told in an earlier session needs no new interaction record.
      const known = new Set(interactions(this.version, this.course, fromLms.state).map(([id]) => id));
      for (const [id, fingerprint] of interactions(this.version, this.course, merged)) {
        if (known.has(id)) this.reported.set(id, [null, fingerprint]);
      }
    }
    return entry === "resume" ? this.call(this.d.get, this.d.location) : "";
  }

  set(element, value) {
    if (this.call(this.d.set, element, value) !== "true") this.failed = true;
  }

  // Report the stored state; `leaving` ends the session (exit = suspend, then Finish/Terminate once).
  sync({ leaving = false, location = "" } = {}) {
    if (this.finished) return;
    if (!this.open && !this.initialize()) return;
    this.failed = false;
    const state = load(this.storage).state;
    const summary = summarise(this.course, state);
    if (this.version === "scorm12") {
      this.set("cmi.core.lesson_status", summary.completed ? "passed" : "incomplete");
      if (summary.total) {
        this.set("cmi.core.score.min", "0");
        this.set("cmi.core.score.max", "100");
        this.set("cmi.core.score.raw", String(Math.round(summary.share * 10000) / 100));
      }
    } else {
      this.set("cmi.completion_status", summary.completed ? "completed" : "incomplete");
      this.set("cmi.success_status", summary.completed ? "passed" : "unknown");
      if (summary.total) {
        this.set("cmi.score.min", "0");
        this.set("cmi.score.max", String(summary.total));
        this.set("cmi.score.raw", String(Math.round(summary.points * 100) / 100));
        this.set("cmi.score.scaled", String(Math.round(summary.share * 10000) / 10000));
      }
    }
    for (const [id, fingerprint, values] of interactions(this.version, this.course, state)) {
      const known = this.reported.get(id);
      if (known && known[1] === fingerprint) continue;
      const index = known?.[0] ?? this.nextIndex;
      const before = this.failed;
      this.failed = false;
      for (const [name, value] of values) this.set(`cmi.interactions.${index}.${name}`, value);
      if (!this.failed) {
        if (known?.[0] === undefined || known[0] === null) this.nextIndex = index + 1;
        this.reported.set(id, [index, fingerprint]);
      }
      this.failed ||= before;
    }
    const encoded = encodeState(this.course, state, this.d.suspendLimit, { told: this.textsTold || this.told.has("texts"), now: this.now() });
    if (encoded.inBrowser && !this.textsTold) {
      this.tell("texts");
      this.textsTold = true;
    }
    if (encoded.fits) this.set(this.d.suspend, encoded.text);
    if (location && location.length <= this.d.locationLimit) this.set(this.d.location, location);
    this.set(this.d.sessionTime, sessionTime(this.version, this.now() - this.started));
    if (leaving) this.set(this.d.exit, "suspend");
    if (this.call(this.d.commit, "") !== "true") this.failed = true;
    if (this.failed) this.tell("rejected");
    if (leaving) {
      this.finished = true;
      this.call(this.d.finish, "");
    }
  }
}

// --- the launch page -----------------------------------------------------------------------------

function notifyOnPage(text) {
  const box = document.getElementById("ck-lms-notice");
  const line = document.createElement("p");
  line.textContent = text;
  box.append(line);
}

// Where the learner is in the course, relative to this page (for resuming there), or "".
function courseLocation(frame) {
  try {
    const here = new URL(".", window.location.href).href;
    const at = frame.contentWindow.location.href;
    return at.startsWith(here) ? at.slice(here.length) : "";
  } catch {
    return "";
  }
}

function safeStart(location) {
  if (!location || /^[a-z][a-z0-9+.-]*:|^\/|\.\./i.test(location)) return "index.html";
  return location;
}

export async function launch() {
  const data = JSON.parse(document.getElementById("ck-lms-data").textContent);
  const frame = document.getElementById("ck-lms-course"); // course.js knows by its id that it runs in an LMS
  if (new URLSearchParams(window.location.search).has("fetch")) {
    const { launchCmi5, launchParameters } = await import("./cmi5.js");
    const params = launchParameters(window.location.search);
    if (params) return launchCmi5(params, data, frame, notifyOnPage, courseLocation, safeStart);
  }
  const preferred = data.version === "scorm2004" ? ["scorm2004", "scorm12"] : ["scorm12", "scorm2004"];
  const version = preferred.find((v) => findApi(window, DIALECTS[v].api));
  if (!version) {
    window.location.replace("index.html"); // no LMS: the normal site, on the browser's storage
    return null;
  }
  const session = new ScormSession(version, findApi(window, DIALECTS[version].api), data, { notify: notifyOnPage });
  const where = session.start();
  if (session.open) document.getElementById("ck-lms-info").hidden = false;
  frame.src = safeStart(where);
  frame.hidden = false;
  session.sync(); // the LMS learns at once that the course was started (and what this browser already holds)
  window.ckLmsSession = session; // for the browser tests and for support staff in the console
  const sync = (leaving = false) => session.sync({ leaving, location: courseLocation(frame) });
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) sync();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") sync();
  });
  window.addEventListener("pagehide", () => sync(true));
  return session;
}

if (typeof document !== "undefined" && document.getElementById("ck-lms-data")) launch();
