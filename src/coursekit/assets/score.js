// Scoring of quiz answers. Pure functions, shared by the quiz and the progress page.
// score(spec, answer) -> null when nothing is answered yet, else
// { score: 0..1 or null (ungraded), correct: bool, wrong: [keys of options to explain],
//   missed: number of right options not chosen (choice types), matched: index of a known wrong answer or null }

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
    default:
      return null;
  }
}

// Points of one quiz from stored entries; entries whose hash no longer matches count as unanswered.
export function quizResult(questions, entries, threshold) {
  const graded = questions.filter((q) => q.type !== "reflection");
  let points = 0;
  let answered = 0;
  for (const q of graded) {
    const entry = entries?.[q.id];
    if (entry && entry.hash === q.hash && typeof entry.score === "number") {
      points += entry.score;
      answered += 1;
    }
  }
  const total = graded.length;
  const share = total ? points / total : 1;
  return { points, total, answered, share, passed: total > 0 ? share + EPSILON >= threshold : answered > 0 };
}
