// Learner progress in this browser only (localStorage), under one versioned key.
// Answers are keyed by a hash of the question, so a changed question drops only its own answer.
// Each answer carries the time it was stored (`at`), so an import can merge per question.

export const KEY = "slkurs.fortschritt.v1";
const VERSION = 1;

export function emptyState() {
  return { version: VERSION, quizzes: {} };
}

function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isValidState(state) {
  return (
    isRecord(state) &&
    state.version === VERSION &&
    isRecord(state.quizzes) &&
    Object.values(state.quizzes).every(
      (entries) => isRecord(entries) && Object.values(entries).every((e) => isRecord(e) && typeof e.hash === "string"),
    )
  );
}

// -> { state, notice }: notice is a German sentence for the learner, or "".
export function load(storage = globalThis.localStorage) {
  let raw;
  try {
    raw = storage.getItem(KEY);
  } catch {
    return { state: emptyState(), notice: "Ihr Browser erlaubt dieser Seite keine Speicherung. Ihre Antworten gehen beim Schließen verloren." };
  }
  if (raw === null) return { state: emptyState(), notice: "" };
  let state = null;
  try {
    state = JSON.parse(raw);
  } catch {
    state = null;
  }
  if (isValidState(state)) return { state, notice: "" };
  const aside = `${KEY}.beiseitegelegt.${new Date().toISOString()}`;
  try {
    storage.setItem(aside, raw);
    storage.removeItem(KEY);
  } catch {
    /* storage full or blocked: the notice below still tells the learner */
  }
  return {
    state: emptyState(),
    notice: `Der gespeicherte Fortschritt in diesem Browser war beschädigt oder stammt aus einer anderen Quelle. Er wurde unter „${aside}“ beiseitegelegt; Sie beginnen mit leerem Fortschritt.`,
  };
}

export function save(state, storage = globalThis.localStorage) {
  state.updated = new Date().toISOString();
  try {
    storage.setItem(KEY, JSON.stringify(state));
    return true;
  } catch {
    return false;
  }
}

// The stored entry for a question, or null; an entry for an older version of the question is dropped.
export function entryFor(state, quizId, question) {
  const entries = state.quizzes[quizId];
  const entry = entries?.[question.id];
  if (!entry) return { entry: null, dropped: false };
  if (entry.hash !== question.hash) {
    delete entries[question.id];
    return { entry: null, dropped: true };
  }
  return { entry, dropped: false };
}

export function setEntry(state, quizId, questionId, entry, now = new Date()) {
  state.quizzes[quizId] ??= {};
  state.quizzes[quizId][questionId] = { ...entry, at: now.toISOString() };
}

// The module page the learner saw last, for "Weiter, wo ich war" on the home page.
export function setVisited(state, moduleId, now = new Date()) {
  state.visited = { module: moduleId, at: now.toISOString() };
}

export function exportText(state) {
  return JSON.stringify({ ...state, exported: new Date().toISOString() }, null, 2);
}

// Parse an exported file; throws an Error with a German message if it is not a progress file.
export function parseImport(text) {
  let state;
  try {
    state = JSON.parse(text);
  } catch {
    throw new Error("Die Datei ist keine gültige Fortschrittsdatei (kein JSON).");
  }
  if (!isValidState(state)) throw new Error("Die Datei enthält keinen Fortschritt dieses Kurses.");
  delete state.exported;
  return state;
}

// --- merging an import into the progress of this browser ---------------------------------------

// When an item was last changed; items from before timestamps fall back to their file's `updated`.
const timeOf = (item, fallback) => Date.parse(item?.at ?? item?.changed ?? fallback ?? "") || 0;

// Merge two maps item by item: items on one side only are kept, on both sides the newer one wins.
// -> counts of items taken from `incoming`, kept from `current` against an older incoming one, and equal.
function mergeItems(current, incoming, times, counts) {
  const merged = { ...current };
  for (const [key, item] of Object.entries(incoming)) {
    if (!(key in current)) {
      merged[key] = item;
      counts.added += 1;
    } else if (JSON.stringify(current[key]) === JSON.stringify(item)) counts.same += 1;
    else if (timeOf(item, times.incoming) > timeOf(current[key], times.current)) {
      merged[key] = item;
      counts.replaced += 1;
    } else counts.kept += 1;
  }
  return merged;
}

// The progress after importing `incoming` into `current`; neither is changed. Nothing is lost
// silently: per question (and per edited exercise cell) the newer answer wins, everything that
// only one side has stays. -> { state, counts: { added, replaced, kept, same } }
export function mergeStates(current, incoming) {
  const counts = { added: 0, replaced: 0, kept: 0, same: 0 };
  const times = { current: current.updated, incoming: incoming.updated };
  const state = { ...current, ...incoming, ...current, quizzes: { ...current.quizzes } };
  for (const [quizId, entries] of Object.entries(incoming.quizzes)) {
    state.quizzes[quizId] = mergeItems(current.quizzes[quizId] ?? {}, entries, times, counts);
  }
  if (isRecord(incoming.exercises)) {
    state.exercises = { ...(isRecord(current.exercises) ? current.exercises : {}) };
    for (const [id, exercise] of Object.entries(incoming.exercises)) {
      if (!isRecord(exercise)) continue;
      const mine = isRecord(state.exercises[id]) ? state.exercises[id] : {};
      state.exercises[id] = {
        cells: mergeItems(isRecord(mine.cells) ? mine.cells : {}, isRecord(exercise.cells) ? exercise.cells : {}, times, counts),
        // a solution once seen stays seen, at its first time
        revealed: { ...(isRecord(exercise.revealed) ? exercise.revealed : {}), ...(isRecord(mine.revealed) ? mine.revealed : {}) },
      };
    }
  }
  if (timeOf(incoming.visited) > timeOf(current.visited)) state.visited = incoming.visited;
  state.selbst = mergeSelfAssessment(current.selbst, incoming.selbst);
  if (!state.selbst) delete state.selbst;
  return { state, counts };
}

// --- the DigCompEdu self-assessment (selbst.js) -------------------------------------------------
// state.selbst = { profiles: [{ started, at, ratings: { "1.2": 0..5 } }] }, oldest first; the last
// profile is the one the learner edits, the earlier ones stay for comparison.

export function selfProfiles(state) {
  const profiles = state.selbst?.profiles;
  return Array.isArray(profiles) ? profiles.filter((p) => isRecord(p) && isRecord(p.ratings) && typeof p.started === "string") : [];
}

export function rateCompetence(state, code, level, now = new Date()) {
  const profiles = selfProfiles(state);
  if (!profiles.length) profiles.push({ started: now.toISOString(), ratings: {} });
  const current = profiles[profiles.length - 1];
  current.ratings[code] = level;
  current.at = now.toISOString();
  state.selbst = { profiles };
}

// A new, empty profile; the previous one stays as it is.
export function startNewProfile(state, now = new Date()) {
  state.selbst = { profiles: [...selfProfiles(state), { started: now.toISOString(), at: now.toISOString(), ratings: {} }] };
}

// Profiles from both sides, one per start time; for the same profile the later change wins.
export function mergeSelfAssessment(current, incoming) {
  const byStart = new Map();
  for (const profile of [...selfProfiles({ selbst: current }), ...selfProfiles({ selbst: incoming })]) {
    const mine = byStart.get(profile.started);
    if (!mine || timeOf(profile) > timeOf(mine)) byStart.set(profile.started, profile);
  }
  const profiles = [...byStart.values()].sort((a, b) => Date.parse(a.started) - Date.parse(b.started));
  return profiles.length ? { profiles } : undefined;
}
