// Scoring of every question type, run with Node's own test runner (node --test tests/js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { afterCheck, afterReveal, firstTry, isDone, latestTry, normalise, parseNumber, quizResult, score, taskDone } from "../../src/coursekit/assets/score.js";

test("single: one right option, wrong picks are explained", () => {
  const spec = { type: "single", correct: [2] };
  assert.equal(score(spec, null), null);
  assert.deepEqual(score(spec, 2), { score: 1, correct: true, wrong: [], missed: 0, matched: null });
  assert.deepEqual(score(spec, 0), { score: 0, correct: false, wrong: [0], missed: 1, matched: null });
});

test("multiple: partial credit, wrong picks cost points, never below zero", () => {
  const spec = { type: "multiple", correct: [0, 2] };
  assert.equal(score(spec, []), null);
  assert.equal(score(spec, [0, 2]).score, 1);
  assert.equal(score(spec, [0]).score, 0.5);
  assert.equal(score(spec, [0]).missed, 1);
  assert.equal(score(spec, [0, 1]).score, 0);
  assert.deepEqual(score(spec, [0, 1]).wrong, [1]);
  assert.equal(score(spec, [1, 3]).score, 0);
  assert.equal(score(spec, [0, 1, 2]).score, 0.5);
  assert.equal(score(spec, [0, 1, 2]).correct, false);
});

test("true_false", () => {
  const spec = { type: "true_false", answer: false };
  assert.equal(score(spec, null), null);
  assert.equal(score(spec, false).correct, true);
  assert.equal(score(spec, true).score, 0);
});

test("matching: share of right pairs, unanswered until every item is matched", () => {
  const spec = { type: "matching", solution: [2, 0, 1] };
  assert.equal(score(spec, [2, null, 1]), null);
  assert.equal(score(spec, [2, 0, 1]).correct, true);
  const half = score(spec, [2, 1, 0]);
  assert.equal(half.score, 1 / 3);
  assert.deepEqual(half.wrong, [1, 2]);
});

test("ordering: share of items in their place; wrong lists item keys", () => {
  const spec = { type: "ordering" };
  assert.equal(score(spec, [0, 1, 2, 3]).correct, true);
  const result = score(spec, [1, 0, 2, 3]);
  assert.equal(result.score, 0.5);
  assert.deepEqual(result.wrong, [1, 0]);
});

test("short_text: case and whitespace tolerant, case rule configurable, known wrong answers", () => {
  const spec = { type: "short_text", answers: ["Working Out Loud", "WOL"], caseSensitive: false, wrong: ["Working loud"] };
  assert.equal(score(spec, "   "), null);
  assert.equal(score(spec, "  working   out loud ").correct, true);
  assert.equal(score(spec, "wol").correct, true);
  assert.equal(score(spec, "working LOUD").matched, 0);
  assert.equal(score(spec, "Barcamp").matched, null);
  const strict = { ...spec, caseSensitive: true };
  assert.equal(score(strict, "wol").correct, false);
  assert.equal(score(strict, "WOL").correct, true);
});

test("short_text numbers: German decimal comma and tolerance", () => {
  const spec = { type: "short_text", number: 3.5, tolerance: 0.05, wrong: ["3"] };
  assert.equal(score(spec, "3,5").correct, true);
  assert.equal(score(spec, "3.54").correct, true);
  assert.equal(score(spec, "3,6").correct, false);
  assert.equal(score(spec, "3").matched, 0);
  assert.equal(score(spec, "drei").correct, false);
  assert.equal(score({ ...spec, number: 70, tolerance: 0 }, "70 %").correct, true);
});

test("reflection is never graded", () => {
  assert.equal(score({ type: "reflection" }, ""), null);
  assert.deepEqual(score({ type: "reflection" }, "Gedanke"), { score: null, correct: true, wrong: [], matched: null });
});

test("helpers", () => {
  assert.equal(normalise("  Ä  b ", false), "ä b");
  assert.equal(parseNumber("1.000,5"), 1000.5);
  assert.equal(parseNumber("-0,25"), -0.25);
  assert.ok(Number.isNaN(parseNumber("1,2,3")));
});

test("quizResult: points over graded questions; answers to changed questions do not count", () => {
  const questions = [
    { id: "a", type: "single", hash: "h1" },
    { id: "b", type: "multiple", hash: "h2" },
    { id: "c", type: "reflection", hash: "h3" },
  ];
  const entries = { a: { hash: "h1", score: 1 }, b: { hash: "alt", score: 1 }, c: { hash: "h3", score: null } };
  const result = quizResult(questions, entries, 0.8);
  assert.deepEqual(result, { points: 1, current: 1, total: 2, answered: 1, revealed: 0, share: 0.5, passed: false, done: 1, items: 3 });
  assert.equal(quizResult(questions, { ...entries, b: { hash: "h2", score: 0.6 } }, 0.8).passed, true);
  assert.equal(quizResult(questions, undefined, 0.8).answered, 0);
});

test("first try: the first check counts, later checks only change the current score", () => {
  const result = (value) => ({ score: value, correct: value === 1, wrong: [], matched: null });
  const first = afterCheck(null, "h", 1, result(0));
  assert.deepEqual(first, { hash: "h", answer: 1, score: 0, first: 0, checked: true });
  const second = afterCheck(first, "h", 0, result(1));
  assert.equal(second.first, 0);
  assert.equal(second.score, 1);
  assert.equal(second.answer, 0);
  assert.equal(afterCheck(second, "h", 1, result(0)).first, 0);
  const questions = [
    { id: "a", type: "single", hash: "h" },
    { id: "b", type: "single", hash: "h" },
  ];
  const quiz = quizResult(questions, { a: second, b: afterCheck(null, "h", 2, result(1)) }, 0.8);
  assert.deepEqual([quiz.points, quiz.current, quiz.answered, quiz.passed], [1, 2, 2, false]);
});

test("first try of a changed question starts over", () => {
  const old = { hash: "alt", answer: 1, score: 0, first: 0, checked: true };
  assert.equal(afterCheck(old, "neu", 2, { score: 1 }).first, 1);
});

test("an entry stored before first tries were kept counts its result as the first try", () => {
  const legacy = { hash: "h", answer: [0], score: 0.5, checked: true };
  assert.equal(firstTry(legacy), 0.5);
  assert.equal(latestTry(legacy), 0.5);
  const retried = afterCheck(legacy, "h", [0, 2], { score: 1 });
  assert.deepEqual([retried.first, retried.score], [0.5, 1]);
  const questions = [{ id: "q", type: "multiple", hash: "h" }];
  assert.equal(quizResult(questions, { q: legacy }, 0.5).passed, true);
  assert.equal(quizResult(questions, { q: retried }, 0.8).passed, false);
});

test("showing the solution before the first check settles the question with 0 points", () => {
  const revealed = afterReveal(undefined, "h", null);
  assert.deepEqual(revealed, { hash: "h", answer: null, score: null, first: 0, revealed: true, checked: false });
  assert.equal(firstTry(revealed), 0);
  assert.equal(latestTry(revealed), 0);
  const later = afterCheck(revealed, "h", 1, { score: 1 });
  assert.deepEqual([later.first, later.score, later.revealed], [0, 1, true]);
  const questions = [{ id: "q", type: "single", hash: "h" }];
  const result = quizResult(questions, { q: later }, 0.5);
  assert.deepEqual([result.points, result.current, result.answered, result.revealed, result.passed], [0, 1, 1, 1, false]);
  // After a check, looking at the solution changes nothing.
  const checked = afterCheck(undefined, "h", 1, { score: 1 });
  assert.equal(afterReveal(checked, "h", 1), checked);
  assert.equal(firstTry({ hash: "h", revealed: true, score: null }), 0); // revealed without a stored first try
});

test("task: saved when anything is written or rated, done when the product is written and every criterion rated", () => {
  const spec = { type: "task", criteria: 3 };
  assert.equal(score(spec, { product: "  ", ratings: [null, null, null] }), null);
  assert.equal(score(spec, { product: "", ratings: [null, "teilweise", null] }).score, null);
  assert.equal(score(spec, { product: "Plan", ratings: [null, null, null] }).correct, true);
  assert.equal(taskDone({ product: "Plan", ratings: ["erfuellt", "teilweise", null] }, 3), false);
  assert.equal(taskDone({ product: " ", ratings: ["erfuellt", "teilweise", "offen"] }, 3), false);
  assert.equal(taskDone({ product: "Plan", ratings: ["erfuellt", "teilweise", "offen"] }, 3), true);
  assert.equal(taskDone({ product: "Plan", ratings: ["erfuellt", "teilweise"] }, 3), false);
});

test("progress counts every item; a quiz of tasks only is passed when all are done", () => {
  const task = { id: "t", type: "task", hash: "h", criteria: 1 };
  const reflection = { id: "r", type: "reflection", hash: "h" };
  const done = { hash: "h", answer: { product: "Plan", ratings: ["offen"] }, score: null, checked: true };
  assert.equal(isDone(task, done), true);
  assert.equal(isDone(task, { ...done, hash: "alt" }), false);
  assert.equal(isDone(reflection, { hash: "h", answer: " " }), false);
  const open = quizResult([task, reflection], { t: done }, 0.8);
  assert.deepEqual([open.done, open.items, open.total, open.passed], [1, 2, 0, false]);
  assert.equal(quizResult([task, reflection], { t: done, r: { hash: "h", answer: "Gedanke" } }, 0.8).passed, true);
});
