// The cmi5 backend of the LMS adapter (lms.js): xAPI statements and state through the LMS's LRS.
// Launch parameters from the URL, the auth token from the one-time fetch URL, LMS.LaunchData from the
// State API; statements: initialized, answered (per question), passed and completed (once per
// registration, when every module is passed), terminated. The resume data is the whole stored state
// in the State API (no 4,096-character limit here).
import { KEY, load, save } from "./store.js";
import { NOTICES } from "./lms.js";
import { interactions, mergeStates, sessionTime, summarise } from "./lmsdata.js";

const VERBS = {
  initialized: ["http://adlnet.gov/expapi/verbs/initialized", "initialisiert"],
  answered: ["http://adlnet.gov/expapi/verbs/answered", "beantwortet"],
  passed: ["http://adlnet.gov/expapi/verbs/passed", "bestanden"],
  completed: ["http://adlnet.gov/expapi/verbs/completed", "abgeschlossen"],
  terminated: ["http://adlnet.gov/expapi/verbs/terminated", "beendet"],
};
const CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVE_ON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const STATE_ID = "kurs.fortschritt";
const XAPI_VERSION = "1.0.3";

export function launchParameters(search) {
  const params = new URLSearchParams(search);
  const names = ["endpoint", "fetch", "registration", "activityId", "actor"];
  if (!names.every((name) => params.get(name))) return null;
  const found = Object.fromEntries(names.map((name) => [name, params.get(name)]));
  try {
    found.actor = JSON.parse(found.actor);
  } catch {
    return null;
  }
  found.endpoint = found.endpoint.endsWith("/") ? found.endpoint : `${found.endpoint}/`;
  return found;
}

const clone = (value) => JSON.parse(JSON.stringify(value ?? {}));

export class Cmi5Session {
  constructor(launch, course, { notify, storage = globalThis.localStorage, now = () => Date.now(), request = globalThis.fetch.bind(globalThis) }) {
    this.launch = launch;
    this.course = course;
    this.notify = notify;
    this.storage = storage;
    this.now = now;
    this.request = request;
    this.started = now();
    this.open = false;
    this.finished = false;
    this.told = new Set();
    this.queue = []; // statements not yet accepted by the LRS, in order
    this.reported = new Map(); // question key -> fingerprint of the answer reported
    this.sent = { passed: false, completed: false };
    this.busy = Promise.resolve();
  }

  tell(what) {
    if (this.told.has(what)) return;
    this.told.add(what);
    this.notify(NOTICES[what]);
  }

  headers(extra = {}) {
    return { Authorization: `Basic ${this.token}`, "X-Experience-API-Version": XAPI_VERSION, ...extra };
  }

  stateUrl(stateId) {
    const query = new URLSearchParams({
      stateId,
      activityId: this.launch.activityId,
      agent: JSON.stringify(this.launch.actor),
      registration: this.launch.registration,
    });
    return `${this.launch.endpoint}activities/state?${query}`;
  }

  async getState(stateId) {
    const response = await this.request(this.stateUrl(stateId), { headers: this.headers() });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`State API: ${response.status}`);
    return response.json();
  }

  statement(verb, extra = {}) {
    const [id, name] = VERBS[verb];
    const context = clone(this.launchData.contextTemplate);
    context.registration = this.launch.registration;
    const defined = verb !== "answered";
    if (defined) {
      context.contextActivities ??= {};
      const category = (context.contextActivities.category ??= []);
      category.push({ id: CMI5 });
      if (verb === "passed" || verb === "completed") category.push({ id: MOVE_ON });
    }
    return {
      id: crypto.randomUUID(),
      actor: this.launch.actor,
      verb: { id, display: { "de-DE": name } },
      object: { id: this.launch.activityId, objectType: "Activity" },
      context,
      timestamp: new Date(this.now()).toISOString(),
      ...extra,
    };
  }

  // Sends every queued statement; those the LRS did not accept stay queued for the next try.
  async flush(keepalive = false) {
    if (this.queue.length === 0) return true;
    const batch = this.queue.slice();
    const response = await this.request(`${this.launch.endpoint}statements`, {
      method: "POST",
      headers: this.headers({ "Content-Type": "application/json" }),
      body: JSON.stringify(batch),
      keepalive,
    });
    if (!response.ok) throw new Error(`Statements API: ${response.status}`);
    this.queue.splice(0, batch.length);
    return true;
  }

  // -> location to open, or "".
  async start() {
    const fetched = await this.request(this.launch.fetch, { method: "POST" });
    const body = await fetched.json();
    if (!body["auth-token"]) throw new Error(body["error-text"] ?? "fetch");
    this.token = body["auth-token"];
    this.launchData = await this.getState("LMS.LaunchData");
    if (!this.launchData?.contextTemplate) throw new Error("LMS.LaunchData");
    this.normal = (this.launchData.launchMode ?? "Normal") === "Normal";
    const mine = await this.getState(STATE_ID);
    if (mine?.state?.quizzes) {
      this.sent = { ...this.sent, ...mine.sent };
      const fromLms = { state: mine.state, time: Date.parse(mine.state.updated ?? "") || 0, inBrowser: [] };
      save(mergeStates(this.course, load(this.storage).state, fromLms), this.storage);
      for (const [id, fingerprint] of interactions("scorm2004", this.course, mine.state)) this.reported.set(id, fingerprint);
    }
    this.queue.push(this.statement("initialized"));
    this.open = true;
    return mine?.location ?? "";
  }

  answered(values) {
    const v = Object.fromEntries(values);
    const graded = v.weighting === "1";
    const result = { response: String(v.learner_response ?? "").replace(/^\{lang=de\}/, "") };
    if (graded) {
      const first = v.result === "correct" ? 1 : v.result === "incorrect" ? 0 : Number(v.result);
      result.success = first === 1;
      result.score = { scaled: Math.round(first * 10000) / 10000 };
    }
    const definition = { type: "http://adlnet.gov/expapi/activities/cmi.interaction", interactionType: v.type };
    const statement = this.statement("answered", {
      object: { id: `${this.launch.activityId}/${encodeURIComponent(v.id)}`, objectType: "Activity", definition },
      result,
    });
    statement.context.contextActivities ??= {};
    statement.context.contextActivities.parent = [{ id: this.launch.activityId }];
    return statement;
  }

  // Report the stored state; `leaving` sends "terminated" as the last statement of the session.
  sync({ leaving = false, location = "" } = {}) {
    // Leaving cannot wait for earlier requests: the page is going away, its requests must start now.
    this.busy = leaving ? this.report(true, location) : this.busy.then(() => this.report(false, location));
    return this.busy;
  }

  async report(leaving, location) {
    if (this.finished || !this.open) return;
    const state = load(this.storage).state;
    const summary = summarise(this.course, state);
    const duration = sessionTime("scorm2004", this.now() - this.started);
    if (this.normal) {
      for (const [id, fingerprint, values] of interactions("scorm2004", this.course, state)) {
        if (this.reported.get(id) === fingerprint) continue;
        this.reported.set(id, fingerprint);
        this.queue.push(this.answered(values));
      }
      if (summary.completed && !this.sent.passed) {
        const score = { scaled: Math.round(summary.share * 10000) / 10000, raw: summary.points, min: 0, max: summary.total };
        this.queue.push(this.statement("passed", { result: { success: true, score, duration } }));
        this.sent.passed = true;
      }
      if (summary.completed && !this.sent.completed) {
        this.queue.push(this.statement("completed", { result: { completion: true, duration } }));
        this.sent.completed = true;
      }
    }
    if (leaving) {
      this.queue.push(this.statement("terminated", { result: { duration } }));
      this.finished = true;
    }
    const body = JSON.stringify({ state, location, sent: this.sent });
    const put = () =>
      this.request(this.stateUrl(STATE_ID), {
        method: "PUT",
        headers: this.headers({ "Content-Type": "application/json" }),
        body,
        keepalive: leaving && body.length < 60000, // keepalive requests may carry 64 KiB in all
      }).then((response) => {
        if (!response.ok) throw new Error(`State API: ${response.status}`);
      });
    try {
      if (leaving) await Promise.all([put(), this.flush(true)]); // both requests start before the page goes
      else {
        await put();
        await this.flush();
      }
    } catch {
      this.tell("rejected");
    }
  }
}

// Called by lms.js when the launch URL carries cmi5's parameters.
export async function launchCmi5(launch, course, frame, notify, courseLocation, safeStart) {
  const session = new Cmi5Session(launch, course, { notify });
  let where = "";
  try {
    where = await session.start();
    document.getElementById("ck-lms-info").hidden = false;
  } catch {
    session.tell("unreachable");
  }
  frame.src = safeStart(where);
  frame.hidden = false;
  window.ckLmsSession = session;
  if (!session.open) return session;
  session.sync();
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
