// Scoring of every question type, run with Node's own test runner (node --test tests/js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { normalise, parseNumber, quizResult, score } from "../../src/coursekit/assets/score.js";

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
  assert.deepEqual(result, { points: 1, total: 2, answered: 1, share: 0.5, passed: false });
  assert.equal(quizResult(questions, { ...entries, b: { hash: "h2", score: 0.6 } }, 0.8).passed, true);
  assert.equal(quizResult(questions, undefined, 0.8).answered, 0);
});
