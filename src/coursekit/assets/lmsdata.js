// What the LMS adapter reports, as pure functions of the course and the stored state: completion and
// score, SCORM interactions, the compact resume data (SCORM 1.2 allows 4,096 characters) and times.
import { emptyState } from "./store.js";
import { UNGRADED, firstTry, quizResult } from "./score.js";

const FORMAT = "k1";
const RATING_CODES = { erfuellt: "e", teilweise: "t", offen: "o" };
const RATINGS = Object.fromEntries(Object.entries(RATING_CODES).map(([k, v]) => [v, k]));
const CHECKED = 1;
const REVEALED = 2;
const TEXT_IN_BROWSER = 4;

// --- the course in order -----------------------------------------------------------------------

export function questionsOf(course) {
  const list = [];
  for (const module of course.modules) {
    for (const quiz of module.quizzes) for (const q of quiz.questions) list.push({ module, quiz, q });
  }
  return list;
}

function entryOf(state, quiz, q) {
  const entry = state.quizzes[quiz.id]?.[q.id];
  return entry && entry.hash === q.hash ? entry : null;
}

// Completion: every module with a quiz passed by its threshold. Score: first tries of graded questions.
export function summarise(course, state) {
  let points = 0;
  let total = 0;
  let modules = 0;
  let passed = 0;
  for (const module of course.modules) {
    if (module.quizzes.length === 0) continue;
    modules += 1;
    const results = module.quizzes.map((quiz) => quizResult(quiz.questions, state.quizzes[quiz.id], quiz.threshold));
    if (results.every((r) => r.passed)) passed += 1;
    for (const r of results) {
      points += r.points;
      total += r.total;
    }
  }
  return { points, total, share: total ? points / total : 0, modules, passed, completed: modules > 0 && passed === modules };
}

// --- compact resume data --------------------------------------------------------------------------
// "k1" + told flag + seconds (base 36) + "|" + one field per question of the course, in order:
// two hash characters, flags, first score "," latest score (if it differs) "," answer. "|" and "\" in
// texts are escaped with "\". Choice keys are single base-36 characters.

const key = (n) => (Number.isInteger(n) && n >= 0 && n < 36 ? n.toString(36) : null);

// Scores are shares of a few points: 0, 1, or a fraction k/n written as two base-36 characters.
function encodeScore(value) {
  if (typeof value !== "number") return "";
  if (value === 0 || value === 1) return String(value);
  for (let n = 2; n < 36; n += 1) {
    const k = Math.round(value * n);
    if (Math.abs(k / n - value) < 1e-9) return `${key(k)}${key(n)}`;
  }
  return value.toFixed(6).replace(/0+$/, "").replace(/^0/, "");
}

function decodeScore(text) {
  if (text === "") return null;
  if (text.length === 2 && !text.includes(".")) return parseInt(text[0], 36) / parseInt(text[1], 36);
  return Number(text);
}

const escapeText = (text) => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\!");

// null when a key does not fit into one base-36 character (such an answer is not resumable from the LMS).
function encodeKeys(values, allowEmpty) {
  const keys = values.map((v) => (allowEmpty && (v === null || v === undefined) ? "_" : key(v)));
  return keys.includes(null) ? null : keys.join("");
}

function encodeAnswer(type, answer, dropText) {
  switch (type) {
    case "single":
      return answer === null || answer === undefined ? "" : key(answer);
    case "multiple":
    case "ordering":
      return Array.isArray(answer) ? encodeKeys(answer, false) : "";
    case "matching":
      return Array.isArray(answer) ? encodeKeys(answer, true) : "";
    case "true_false":
      return answer === true ? "t" : answer === false ? "f" : "";
    case "task": {
      const ratings = (answer?.ratings ?? []).map((r) => RATING_CODES[r] ?? "_").join("");
      return `${ratings}:${dropText ? "" : escapeText(answer?.product ?? "")}`;
    }
    default:
      return dropText ? "" : escapeText(typeof answer === "string" ? answer : "");
  }
}

function decodeAnswer(type, text, criteria) {
  const keys = [...text].map((c) => (c === "_" ? null : parseInt(c, 36)));
  switch (type) {
    case "single":
      return text === "" ? null : keys[0];
    case "multiple":
    case "ordering":
    case "matching":
      return keys;
    case "true_false":
      return text === "t" ? true : text === "f" ? false : null;
    case "task": {
      const split = text.indexOf(":");
      const ratings = [...text.slice(0, split)].map((c) => RATINGS[c] ?? null);
      while (ratings.length < (criteria ?? 0)) ratings.push(null);
      return { product: text.slice(split + 1), ratings };
    }
    default:
      return text;
  }
}

const hasText = (type) => type === "reflection" || type === "task" || type === "short_text";
const textOf = (type, answer) => (type === "task" ? answer?.product ?? "" : typeof answer === "string" ? answer : "");

function encodeField(q, entry, dropText) {
  const answer = encodeAnswer(q.type, entry.answer, dropText);
  if (answer === null) return null;
  const flags = (entry.checked ? CHECKED : 0) | (entry.revealed ? REVEALED : 0) | (dropText ? TEXT_IN_BROWSER : 0);
  const first = firstTry(entry);
  const latest = typeof entry.score === "number" && entry.score !== first ? encodeScore(entry.score) : "";
  return `${q.hash.slice(0, 2)}${flags}${encodeScore(first)},${latest},${answer}`;
}

// -> { text, inBrowser: number of texts left out because the whole did not fit into `limit` }
export function encodeState(course, state, limit, { told = false, now = Date.now() } = {}) {
  const items = questionsOf(course).map(({ quiz, q }) => ({ q, entry: entryOf(state, quiz, q) }));
  const dropped = new Set();
  const build = () => {
    const fields = items.map(({ q, entry }, i) => (entry ? encodeField(q, entry, dropped.has(i)) ?? "" : ""));
    while (fields.length && fields.at(-1) === "") fields.pop();
    return `${FORMAT}${told ? 1 : 0}${Math.floor(now / 1000).toString(36)}|${fields.join("|")}`;
  };
  let text = build();
  // Longest texts stay in the browser first, so as many texts as possible travel with the learner.
  const candidates = items
    .map(({ q, entry }, i) => ({ i, length: entry && hasText(q.type) ? textOf(q.type, entry.answer).length : 0 }))
    .filter((c) => c.length > 0)
    .sort((a, b) => b.length - a.length);
  for (const candidate of candidates) {
    if (text.length <= limit) break;
    dropped.add(candidate.i);
    text = build();
  }
  return { text, inBrowser: dropped.size, fits: text.length <= limit };
}

function splitFields(text) {
  const fields = [""];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === "\\") {
      const next = text[i + 1];
      fields[fields.length - 1] += next === "!" ? "|" : next;
      i += 1;
    } else if (c === "|") fields.push("");
    else fields[fields.length - 1] += c;
  }
  return fields;
}

// -> { state, told, time (ms), inBrowser: [[quizId, questionId]] } or null if `text` is no resume data of this course.
export function decodeState(course, text) {
  if (typeof text !== "string" || !text.startsWith(FORMAT)) return null;
  const bar = text.indexOf("|");
  if (bar < 0) return null;
  const told = text[FORMAT.length] === "1";
  const time = parseInt(text.slice(FORMAT.length + 1, bar), 36) * 1000;
  const fields = splitFields(text.slice(bar + 1));
  const state = emptyState();
  const inBrowser = [];
  questionsOf(course).forEach(({ quiz, q }, i) => {
    const field = fields[i] ?? "";
    if (field.length < 3 || field.slice(0, 2) !== q.hash.slice(0, 2)) return; // unanswered, or the question changed
    const flags = Number(field[2]);
    const rest = field.slice(3);
    const c1 = rest.indexOf(",");
    const c2 = rest.indexOf(",", c1 + 1);
    const first = decodeScore(rest.slice(0, c1));
    const latest = rest.slice(c1 + 1, c2);
    const entry = {
      hash: q.hash,
      answer: decodeAnswer(q.type, rest.slice(c2 + 1), q.criteria),
      score: latest === "" ? first : decodeScore(latest),
      first,
      checked: Boolean(flags & CHECKED),
    };
    if (flags & REVEALED) entry.revealed = true;
    if (flags & TEXT_IN_BROWSER) inBrowser.push([quiz.id, q.id]);
    state.quizzes[quiz.id] ??= {};
    state.quizzes[quiz.id][q.id] = entry;
  });
  return { state, told, time, inBrowser };
}

// The LMS's stand wins, except where this browser is newer (a commit failed) or holds the texts that did
// not fit; answers stamped with their time (`at`) on both sides: the newer one. Everything else this
// browser keeps (the last module seen, edited exercise cells) stays.
export function mergeStates(course, local, fromLms) {
  const merged = { ...structuredClone(fromLms.state), ...structuredClone(local), quizzes: {} };
  const localNewer = Date.parse(local.updated ?? "") > fromLms.time;
  const kept = new Set(fromLms.inBrowser.map(([quiz, q]) => `${quiz}/${q}`));
  for (const { quiz, q } of questionsOf(course)) {
    const mine = entryOf(local, quiz, q);
    let theirs = entryOf(fromLms.state, quiz, q);
    if (theirs && kept.has(`${quiz.id}/${q.id}`) && mine) {
      theirs = q.type === "task" ? { ...theirs, answer: { ...theirs.answer, product: mine.answer?.product ?? "" } } : { ...theirs, answer: mine.answer };
    }
    const stamped = mine?.at && theirs?.at;
    const entry = stamped ? (Date.parse(mine.at) >= Date.parse(theirs.at) ? mine : theirs) : localNewer ? mine ?? theirs : theirs ?? mine;
    if (!entry) continue;
    merged.quizzes[quiz.id] ??= {};
    merged.quizzes[quiz.id][q.id] = entry;
  }
  // Answers to questions this package no longer has stay as they were.
  for (const [quizId, entries] of Object.entries(local.quizzes)) {
    for (const [id, entry] of Object.entries(entries)) {
      if (!merged.quizzes[quizId]?.[id]) (merged.quizzes[quizId] ??= {})[id] = entry;
    }
  }
  return merged;
}

// --- interactions --------------------------------------------------------------------------------

const RESPONSE = { scorm12: "student_response", scorm2004: "learner_response" };

const TYPES = {
  scorm12: { single: "choice", multiple: "choice", true_false: "true-false", matching: "matching", ordering: "sequencing", short_text: "fill-in", reflection: "fill-in", task: "performance" },
  scorm2004: { single: "choice", multiple: "choice", true_false: "true-false", matching: "matching", ordering: "sequencing", short_text: "fill-in", reflection: "long-fill-in", task: "other" },
};

function plainText(text, length) {
  return String(text).replace(/[{}]/g, "").replace(/\[[,.:]\]/g, " ").replace(/\s+/g, " ").trim().slice(0, length);
}

export function learnerResponse(version, type, answer) {
  const list = version === "scorm12" ? "," : "[,]";
  const pair = version === "scorm12" ? "." : "[.]";
  const keys = (values) => [].concat(values ?? []).map((v) => (version === "scorm12" ? key(v) : String(v)));
  switch (type) {
    case "single":
    case "multiple":
    case "ordering":
      return keys(answer).join(list);
    case "true_false":
      return version === "scorm12" ? (answer ? "t" : "f") : String(Boolean(answer));
    case "matching":
      return (answer ?? [])
        .map((target, source) => (target === null ? null : `${keys(source)}${pair}${keys(target)}`))
        .filter(Boolean)
        .join(list);
    case "task": {
      const ratings = (answer?.ratings ?? []).map((r) => r ?? "-").join(" ");
      return plainText(`${ratings}: ${answer?.product ?? ""}`, version === "scorm12" ? 255 : 4000);
    }
    case "short_text":
      return version === "scorm12" ? plainText(answer, 255) : `{lang=de}${plainText(answer, 250)}`;
    default:
      return version === "scorm12" ? plainText(answer, 255) : `{lang=de}${plainText(answer, 4000)}`;
  }
}

function result(version, q, entry) {
  if (UNGRADED.has(q.type)) return "neutral";
  const first = firstTry(entry);
  if (first === 1) return "correct";
  if (first === 0) return version === "scorm12" ? "wrong" : "incorrect";
  return first.toFixed(4);
}

// One interaction per answered question of `state`: [key, {element suffix: value}] in the order to set.
export function interactions(version, course, state, now = new Date()) {
  const list = [];
  for (const { quiz, q } of questionsOf(course)) {
    const entry = entryOf(state, quiz, q);
    if (!entry || !(entry.checked || entry.revealed)) continue;
    const values = [
      ["id", `${quiz.id}.${q.id}`],
      ["type", TYPES[version][q.type] ?? "other"],
    ];
    if (q.objective) values.push(["objectives.0.id", q.objective]);
    values.push(
      ["weighting", UNGRADED.has(q.type) ? "0" : "1"],
      [RESPONSE[version], learnerResponse(version, q.type, entry.answer)],
      ["result", result(version, q, entry)],
    );
    if (version === "scorm12") values.push(["time", now.toTimeString().slice(0, 8)]);
    else values.push(["timestamp", now.toISOString().slice(0, 19)]);
    list.push([`${quiz.id}.${q.id}`, JSON.stringify(entry.answer) + entry.checked + firstTry(entry), values]);
  }
  return list;
}

// --- time formats --------------------------------------------------------------------------------

export function sessionTime(version, ms) {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (version === "scorm2004") return `PT${h}H${m}M${s}S`;
  return `${String(h).padStart(4, "0")}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}
