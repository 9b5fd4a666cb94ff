// Scoring of quiz answers. Pure functions, shared by the quiz and the progress page.
// score(spec, answer) -> null when nothing is answered yet, else
// { score: 0..1 or null (ungraded), correct: bool, wrong: [keys of options to explain],
//   missed: number of right options not chosen (choice types), matched: index of a known wrong answer or null }
// A stored entry: { hash, answer, score: latest check, first: first check (0 if the solution was
// shown first), revealed: solution shown before the first check, checked: checked at least once }.

export const UNGRADED = new Set(["reflection", "task"]);

export function normalise(text, caseSensitive = false) {
  const plain = String(text).normalize("NFC").trim().replace(/\s+/g, " ");
  return caseSensitive ? plain : plain.toLocaleLowerCase("de");
}

// German and English notation: "3,5", "3.5", "1.000,5", " 70 % ".
export function parseNumber(text) {
  let s = String(text).trim().replace(/\s|%/g, "");
  if (/^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, "");
  s = s.replace(",", ".");
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : NaN;
}

const EPSILON = 1e-9;

function choice(spec, answer) {
  if (answer === null || answer === undefined || (Array.isArray(answer) && answer.length === 0)) return null;
  const picked = Array.isArray(answer) ? answer : [answer];
  const right = spec.correct;
  const hits = picked.filter((i) => right.includes(i));
  const falsePicks = picked.filter((i) => !right.includes(i));
  const missed = right.filter((i) => !picked.includes(i));
  const score = spec.type === "single" ? (hits.length === 1 ? 1 : 0) : Math.max(0, (hits.length - falsePicks.length) / right.length);
  // Only wrong picks are explained; missed right options are counted, not revealed, so a retry still teaches.
  return { score, correct: falsePicks.length === 0 && missed.length === 0, wrong: falsePicks, missed: missed.length, matched: null };
}

function positions(expected, answer) {
  const wrong = [];
  expected.forEach((value, i) => {
    if (answer[i] !== value) wrong.push(i);
  });
  return { score: (expected.length - wrong.length) / expected.length, correct: wrong.length === 0, wrong, matched: null };
}

export function score(spec, answer) {
  switch (spec.type) {
    case "single":
    case "multiple":
      return choice(spec, answer);
    case "true_false":
      if (typeof answer !== "boolean") return null;
      return { score: answer === spec.answer ? 1 : 0, correct: answer === spec.answer, wrong: [], matched: null };
    case "matching": {
      if (!Array.isArray(answer) || answer.some((a) => a === null || a === undefined)) return null;
      return positions(spec.solution, answer);
    }
    case "ordering": {
      if (!Array.isArray(answer) || answer.length === 0) return null;
      const result = positions(answer.map((_, i) => i), answer);
      result.wrong = result.wrong.map((i) => answer[i]); // keys of the items out of place
      return result;
    }
    case "short_text": {
      if (typeof answer !== "string" || answer.trim() === "") return null;
      let ok;
      if (typeof spec.number === "number") {
        const value = parseNumber(answer);
        ok = Math.abs(value - spec.number) <= spec.tolerance + EPSILON;
      } else {
        const given = normalise(answer, spec.caseSensitive);
        ok = spec.answers.some((a) => normalise(a, spec.caseSensitive) === given);
      }
      const given = normalise(answer, spec.caseSensitive);
      const matched = ok ? null : spec.wrong.findIndex((w) => normalise(w, spec.caseSensitive) === given);
      return { score: ok ? 1 : 0, correct: ok, wrong: [], matched: matched === -1 ? null : matched };
    }
    case "reflection":
      if (typeof answer !== "string" || answer.trim() === "") return null;
      return { score: null, correct: true, wrong: [], matched: null };
    case "task": {
      const product = typeof answer?.product === "string" ? answer.product.trim() : "";
      const rated = Array.isArray(answer?.ratings) && answer.ratings.some((r) => typeof r === "string");
      if (!product && !rated) return null;
      return { score: null, correct: true, wrong: [], matched: null };
    }
    default:
      return null;
  }
}

// The score that counts toward passing, or null while the question is open. Entries stored before
// first tries were kept have only `score`: that stored result counts as the first try.
export function firstTry(entry) {
  if (!entry) return null;
  if (typeof entry.first === "number") return entry.first;
  if (entry.revealed) return 0;
  return typeof entry.score === "number" ? entry.score : null;
}

// The score of the latest check (a question only revealed, never checked, has 0).
export function latestTry(entry) {
  return typeof entry?.score === "number" ? entry.score : firstTry(entry);
}

// The entry after a check: the first try stays as it was, the latest answer and score change.
export function afterCheck(entry, hash, answer, result) {
  const previous = entry && entry.hash === hash ? firstTry(entry) : null;
  const next = { hash, answer, score: result.score, first: previous ?? result.score, checked: true };
  if (entry?.hash === hash && entry.revealed) next.revealed = true;
  return next;
}

// The entry after the solution was shown: scores 0 unless the question was checked before.
export function afterReveal(entry, hash, answer) {
  if (entry && entry.hash === hash && firstTry(entry) !== null) return entry;
  return { hash, answer, score: null, first: 0, revealed: true, checked: false };
}

// A task is done when the product is written and every criterion of the rubric is assessed.
export function taskDone(answer, criteria) {
  const ratings = Array.isArray(answer?.ratings) ? answer.ratings : [];
  const product = typeof answer?.product === "string" ? answer.product.trim() : "";
  return product !== "" && ratings.length === criteria && ratings.every((r) => typeof r === "string" && r !== "");
}

// Whether a stored entry settles a question: graded ones by a first try, reflections by text, tasks when done.
export function isDone(question, entry) {
  if (!entry || entry.hash !== question.hash) return false;
  if (question.type === "reflection") return typeof entry.answer === "string" && entry.answer.trim() !== "";
  if (question.type === "task") return taskDone(entry.answer, question.criteria);
  return firstTry(entry) !== null;
}

// One quiz from stored entries; entries whose hash no longer matches count as unanswered.
// points: first tries (these count), current: latest tries, done/items: every question and task.
export function quizResult(questions, entries, threshold) {
  let points = 0;
  let current = 0;
  let answered = 0;
  let revealed = 0;
  let total = 0;
  let done = 0;
  for (const q of questions) {
    const entry = entries?.[q.id];
    if (isDone(q, entry)) done += 1;
    if (UNGRADED.has(q.type)) continue;
    total += 1;
    const first = entry && entry.hash === q.hash ? firstTry(entry) : null;
    if (first === null) continue;
    points += first;
    current += latestTry(entry);
    answered += 1;
    if (entry.revealed) revealed += 1;
  }
  const share = total ? points / total : 1;
  const items = questions.length;
  const passed = total > 0 ? share + EPSILON >= threshold : items > 0 && done === items;
  return { points, current, total, answered, revealed, share, passed, done, items };
}
