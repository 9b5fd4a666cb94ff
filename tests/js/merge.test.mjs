// Import merges into the progress of this browser: nothing that only one side holds is lost,
// per question (and per edited exercise cell) the newer answer wins.
import assert from "node:assert/strict";
import { test } from "node:test";

import { emptyState, mergeStates, parseImport, exportText, setEntry, setVisited } from "../../src/coursekit/assets/store.js";

const at = (day) => new Date(`2026-03-${String(day).padStart(2, "0")}T10:00:00Z`);

function browserWithTwoModules() {
  const state = emptyState();
  setEntry(state, "modul-eins", "q1", { hash: "h1", answer: 0, score: 0, first: 0, checked: true }, at(2));
  setEntry(state, "modul-eins", "q2", { hash: "h2", answer: 1, score: 1, first: 1, checked: true }, at(9));
  setEntry(state, "modul-zwei", "q1", { hash: "z1", answer: 2, score: 1, first: 1, checked: true }, at(3));
  state.exercises = { uebung: { cells: { c1: { hash: "x", code: "print(1)", changed: at(4).toISOString() } }, revealed: {} } };
  return state;
}

test("an export of module 1 only keeps module 2 and the exercise edits", () => {
  const current = browserWithTwoModules();
  const file = emptyState();
  setEntry(file, "modul-eins", "q1", { hash: "h1", answer: 1, score: 1, first: 1, checked: true }, at(5));
  const incoming = parseImport(exportText(file));
  const { state, counts } = mergeStates(current, incoming);
  assert.equal(state.quizzes["modul-zwei"].q1.answer, 2, "module 2 must survive the import");
  assert.equal(state.quizzes["modul-eins"].q2.answer, 1, "a question the file lacks stays");
  assert.equal(state.quizzes["modul-eins"].q1.answer, 1, "the newer answer from the file wins");
  assert.equal(state.exercises.uebung.cells.c1.code, "print(1)");
  assert.deepEqual(counts, { added: 0, replaced: 1, kept: 0, same: 0 });
});

test("a newer answer in this browser is kept against an older one in the file", () => {
  const current = browserWithTwoModules();
  const file = emptyState();
  setEntry(file, "modul-eins", "q2", { hash: "h2", answer: 0, score: 0, first: 0, checked: true }, at(1));
  setEntry(file, "modul-drei", "q1", { hash: "d1", answer: "Text", checked: true }, at(1));
  const { state, counts } = mergeStates(current, file);
  assert.equal(state.quizzes["modul-eins"].q2.answer, 1);
  assert.equal(state.quizzes["modul-drei"].q1.answer, "Text");
  assert.deepEqual(counts, { added: 1, replaced: 0, kept: 1, same: 0 });
});

test("entries stored before timestamps count with their file's date", () => {
  const current = emptyState();
  current.updated = at(10).toISOString();
  current.quizzes.q = { a: { hash: "h", answer: "alt" } };
  const file = emptyState();
  file.updated = at(12).toISOString();
  file.quizzes.q = { a: { hash: "h", answer: "neu" } };
  assert.equal(mergeStates(current, file).state.quizzes.q.a.answer, "neu");
  file.updated = at(8).toISOString();
  assert.equal(mergeStates(current, file).state.quizzes.q.a.answer, "alt");
});

test("exercise cells merge per cell, revealed solutions stay revealed, the later visit wins", () => {
  const current = browserWithTwoModules();
  setVisited(current, "modul-eins", at(9));
  const file = emptyState();
  file.exercises = {
    uebung: {
      cells: { c1: { hash: "x", code: "print(2)", changed: at(6).toISOString() }, c2: { hash: "y", code: "x = 1", changed: at(1).toISOString() } },
      revealed: { c2: at(1).toISOString() },
    },
    andere: { cells: {}, revealed: { c9: at(1).toISOString() } },
  };
  setVisited(file, "modul-zwei", at(11));
  const { state } = mergeStates(current, file);
  assert.equal(state.exercises.uebung.cells.c1.code, "print(2)");
  assert.equal(state.exercises.uebung.cells.c2.code, "x = 1");
  assert.ok(state.exercises.uebung.revealed.c2);
  assert.ok(state.exercises.andere.revealed.c9);
  assert.equal(state.visited.module, "modul-zwei");
});

test("merging changes neither input, and the same file twice changes nothing more", () => {
  const current = browserWithTwoModules();
  const before = JSON.stringify(current);
  const file = browserWithTwoModules();
  setEntry(file, "modul-eins", "q1", { hash: "h1", answer: 1, score: 1, first: 1, checked: true }, at(20));
  const once = mergeStates(current, file).state;
  assert.equal(JSON.stringify(current), before);
  const twice = mergeStates(once, file);
  assert.deepEqual(twice.state.quizzes, once.quizzes);
  assert.equal(twice.counts.replaced + twice.counts.added, 0);
});
