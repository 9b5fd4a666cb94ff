// Progress storage: versioned key, content-keyed answers, corrupt data set aside, import checks.
import assert from "node:assert/strict";
import { test } from "node:test";

import { KEY, emptyState, entryFor, exportText, load, parseImport, save, setEntry } from "../../src/coursekit/assets/store.js";

class MemoryStorage {
  constructor(items = {}) {
    this.items = new Map(Object.entries(items));
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
}

test("empty storage gives an empty state without notice", () => {
  assert.deepEqual(load(new MemoryStorage()), { state: emptyState(), notice: "" });
});

test("saved answers come back", () => {
  const storage = new MemoryStorage();
  const state = emptyState();
  setEntry(state, "quiz", "q1", { hash: "h", answer: 1, score: 1, checked: true });
  assert.equal(save(state, storage), true);
  const again = load(storage).state;
  assert.deepEqual(entryFor(again, "quiz", { id: "q1", hash: "h" }).entry.answer, 1);
});

test("an answer to a changed question is dropped, the others stay", () => {
  const state = emptyState();
  setEntry(state, "quiz", "q1", { hash: "old", answer: 1 });
  setEntry(state, "quiz", "q2", { hash: "same", answer: 2 });
  assert.deepEqual(entryFor(state, "quiz", { id: "q1", hash: "new" }), { entry: null, dropped: true });
  assert.equal(entryFor(state, "quiz", { id: "q2", hash: "same" }).entry.answer, 2);
  assert.equal(state.quizzes.quiz.q1, undefined);
});

for (const [name, raw] of [
  ["not JSON", "{kaputt"],
  ["foreign JSON", JSON.stringify({ theme: "dark" })],
  ["wrong version", JSON.stringify({ version: 99, quizzes: {} })],
  ["malformed entries", JSON.stringify({ version: 1, quizzes: { q: { a: 5 } } })],
]) {
  test(`corrupt storage (${name}) is set aside with a notice`, () => {
    const storage = new MemoryStorage({ [KEY]: raw });
    const { state, notice } = load(storage);
    assert.deepEqual(state, emptyState());
    assert.match(notice, /beschädigt/);
    assert.equal(storage.getItem(KEY), null);
    const aside = [...storage.items.keys()].find((k) => k.startsWith(`${KEY}.beiseitegelegt.`));
    assert.equal(storage.getItem(aside), raw);
  });
}

test("blocked storage still works in memory and says so", () => {
  const blocked = { getItem() { throw new Error("SecurityError"); } };
  const { state, notice } = load(blocked);
  assert.deepEqual(state, emptyState());
  assert.match(notice, /keine Speicherung/);
});

test("export and import round trip; bad files are refused in German", () => {
  const state = emptyState();
  setEntry(state, "quiz", "q1", { hash: "h", answer: "Text", score: null });
  const imported = parseImport(exportText(state));
  assert.deepEqual(imported.quizzes, state.quizzes);
  assert.throws(() => parseImport("nicht json"), /keine gültige Fortschrittsdatei/);
  assert.throws(() => parseImport("{}"), /keinen Fortschritt dieses Kurses/);
});

test("a record from before first tries and revealed solutions loads unchanged", () => {
  const legacy = { version: 1, quizzes: { quiz: { q1: { hash: "h", answer: [0, 2], score: 0.5, checked: true } } } };
  const storage = new MemoryStorage({ [KEY]: JSON.stringify(legacy) });
  const { state, notice } = load(storage);
  assert.equal(notice, "");
  assert.deepEqual(state, legacy);
  setEntry(state, "quiz", "q2", { hash: "h2", answer: null, score: null, first: 0, revealed: true, checked: false });
  assert.equal(save(state, storage), true);
  assert.deepEqual(load(storage).state.quizzes.quiz.q2.first, 0);
});
