// The LMS adapter's pure parts: resume data, completion and score, interactions, API discovery.
import assert from "node:assert/strict";
import { test } from "node:test";

import { findApi } from "../../src/coursekit/assets/lms.js";
import { decodeState, encodeState, interactions, learnerResponse, mergeStates, sessionTime, summarise } from "../../src/coursekit/assets/lmsdata.js";
import { emptyState } from "../../src/coursekit/assets/store.js";

const COURSE = {
  modules: [
    {
      id: "m1",
      quizzes: [
        {
          id: "q1",
          threshold: 0.8,
          questions: [
            { id: "s", hash: "aa0000000000", type: "single", objective: "ziel-a" },
            { id: "m", hash: "ab0000000000", type: "multiple" },
            { id: "t", hash: "ac0000000000", type: "true_false" },
            { id: "x", hash: "ad0000000000", type: "matching" },
            { id: "o", hash: "ae0000000000", type: "ordering" },
            { id: "k", hash: "af0000000000", type: "short_text" },
            { id: "r", hash: "b00000000000", type: "reflection" },
            { id: "p", hash: "b10000000000", type: "task", criteria: 3 },
          ],
        },
      ],
    },
    { id: "m2", quizzes: [] },
  ],
};

function answered(reflection = "Ich | teile \\ Wissen.") {
  const state = emptyState();
  state.quizzes.q1 = {
    s: { hash: "aa0000000000", answer: 2, score: 1, first: 1, checked: true },
    m: { hash: "ab0000000000", answer: [0, 3], score: 1, first: 2 / 3, checked: true },
    t: { hash: "ac0000000000", answer: false, score: 0, first: 0, checked: true },
    x: { hash: "ad0000000000", answer: [1, null, 0], score: 0, first: 0, revealed: true, checked: false },
    o: { hash: "ae0000000000", answer: [2, 0, 1], score: 1 / 3, first: 1 / 3, checked: true },
    k: { hash: "af0000000000", answer: "3,5 %", score: 1, first: 1, checked: true },
    r: { hash: "b00000000000", answer: reflection, score: null, first: null, checked: true },
    p: { hash: "b10000000000", answer: { product: "Entwurf: Lernpfad", ratings: ["erfuellt", null, "offen"] }, score: null, first: null, checked: true },
  };
  return state;
}

test("resume data round-trips every question type exactly", () => {
  const state = answered();
  const { text, inBrowser, fits } = encodeState(COURSE, state, 4096);
  assert.equal(fits, true);
  assert.equal(inBrowser, 0);
  const decoded = decodeState(COURSE, text);
  for (const [id, entry] of Object.entries(state.quizzes.q1)) {
    const back = decoded.state.quizzes.q1[id];
    assert.deepEqual(back.answer, entry.answer, id);
    assert.equal(back.first, entry.first, id);
    assert.equal(back.score, entry.score, id);
    assert.equal(Boolean(back.revealed), Boolean(entry.revealed), id);
  }
});

test("a changed question drops only its own resume data", () => {
  const { text } = encodeState(COURSE, answered(), 4096);
  const changed = structuredClone(COURSE);
  changed.modules[0].quizzes[0].questions[0].hash = "ff0000000000";
  const decoded = decodeState(changed, text);
  assert.equal(decoded.state.quizzes.q1.s, undefined);
  assert.equal(decoded.state.quizzes.q1.m.first, 2 / 3);
});

test("texts that do not fit stay in the browser and come back from there", () => {
  const long = "Lange Reflexion über informelles Lernen. ".repeat(20);
  const state = answered(long);
  const { text, inBrowser, fits } = encodeState(COURSE, state, 300);
  assert.equal(fits, true);
  assert.ok(text.length <= 300);
  assert.equal(inBrowser, 1);
  const decoded = decodeState(COURSE, text);
  assert.equal(decoded.state.quizzes.q1.r.answer, "");
  const merged = mergeStates(COURSE, state, decoded);
  assert.equal(merged.quizzes.q1.r.answer, long);
});

test("a browser newer than the LMS (a failed commit) keeps its answers", () => {
  const older = encodeState(COURSE, emptyState(), 4096, { now: Date.parse("2026-01-01T10:00:00Z") });
  const local = answered();
  local.updated = "2026-01-01T11:00:00Z";
  const merged = mergeStates(COURSE, local, decodeState(COURSE, older.text));
  assert.equal(merged.quizzes.q1.s.answer, 2);
});

test("completion needs every module with a quiz passed; score counts first tries", () => {
  const state = answered();
  const summary = summarise(COURSE, state);
  assert.equal(summary.total, 6);
  assert.ok(Math.abs(summary.points - (1 + 2 / 3 + 0 + 0 + 1 / 3 + 1)) < 1e-9);
  assert.equal(summary.completed, false);
  for (const entry of Object.values(state.quizzes.q1)) if (entry.first !== null) Object.assign(entry, { first: 1, score: 1 });
  assert.equal(summarise(COURSE, state).completed, true);
});

test("interactions name type, response, result and objective in each SCORM dialect", () => {
  const list12 = interactions("scorm12", COURSE, answered());
  assert.equal(list12.length, 8);
  const single = Object.fromEntries(list12[0][2]);
  assert.deepEqual([single.id, single.type, single.student_response, single.result, single["objectives.0.id"]], ["q1.s", "choice", "2", "correct", "ziel-a"]);
  const byId = Object.fromEntries(interactions("scorm2004", COURSE, answered()).map(([id, , values]) => [id, Object.fromEntries(values)]));
  assert.equal(byId["q1.x"].learner_response, "0[.]1[,]2[.]0");
  assert.equal(byId["q1.x"].result, "incorrect");
  assert.equal(byId["q1.r"].type, "long-fill-in");
  assert.equal(byId["q1.p"].type, "other");
  assert.equal(byId["q1.o"].learner_response, "2[,]0[,]1");
  assert.equal(learnerResponse("scorm12", "matching", [1, null, 0]), "0.1,2.0");
});

test("session time in both formats", () => {
  assert.equal(sessionTime("scorm12", 3_723_000), "0001:02:03");
  assert.equal(sessionTime("scorm2004", 3_723_000), "PT1H2M3S");
});

test("the API is found in a parent frame, else through the opener", () => {
  const api = {};
  const top = { API: api };
  top.parent = top;
  const middle = { parent: top };
  const frame = { parent: middle };
  assert.equal(findApi(frame, "API"), api);
  const popup = { parent: null, opener: frame };
  popup.parent = popup;
  assert.equal(findApi(popup, "API"), api);
  assert.equal(findApi(popup, "API_1484_11"), null);
});

test("resuming keeps what else this browser stores, and the newer of two stamped answers", () => {
  const local = answered();
  local.visited = { module: "m1", at: "2026-01-01T09:00:00Z" };
  local.quizzes.q1.s.at = "2026-01-01T12:00:00Z";
  const lms = { state: answered(), time: Date.parse("2026-01-02T00:00:00Z"), inBrowser: [] };
  lms.state.quizzes.q1.s = { ...lms.state.quizzes.q1.s, answer: 0, at: "2026-01-01T08:00:00Z" };
  lms.state.quizzes.q1.t = { ...lms.state.quizzes.q1.t, answer: true };
  const merged = mergeStates(COURSE, local, lms);
  assert.deepEqual(merged.visited, local.visited);
  assert.equal(merged.quizzes.q1.s.answer, 2); // the browser's answer is newer
  assert.equal(merged.quizzes.q1.t.answer, true); // unstamped: the LMS's stand wins
});
