// Learner progress in this browser only (localStorage), under one versioned key.
// Answers are keyed by a hash of the question, so a changed question drops only its own answer.

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

export function setEntry(state, quizId, questionId, entry) {
  state.quizzes[quizId] ??= {};
  state.quizzes[quizId][questionId] = entry;
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
