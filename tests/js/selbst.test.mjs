// The self-assessment in the progress store: rating, a second profile, and merging on import.
import assert from "node:assert/strict";
import { test } from "node:test";

import { emptyState, mergeStates, rateCompetence, selfProfiles, startNewProfile } from "../../src/coursekit/assets/store.js";

const at = (iso) => new Date(iso);

test("a rating goes into the current profile; a new profile keeps the old one", () => {
  const state = emptyState();
  rateCompetence(state, "1.2", 1, at("2026-01-10T10:00:00Z"));
  rateCompetence(state, "3.3", 4, at("2026-01-10T10:05:00Z"));
  startNewProfile(state, at("2026-06-01T09:00:00Z"));
  rateCompetence(state, "1.2", 3, at("2026-06-01T09:01:00Z"));
  const profiles = selfProfiles(state);
  assert.equal(profiles.length, 2);
  assert.deepEqual(profiles[0].ratings, { "1.2": 1, "3.3": 4 });
  assert.deepEqual(profiles[1].ratings, { "1.2": 3 });
});

test("import merges profiles by start time, the later change of the same profile wins", () => {
  const here = emptyState();
  rateCompetence(here, "1.2", 1, at("2026-01-10T10:00:00Z"));
  const there = structuredClone(here);
  rateCompetence(there, "1.2", 2, at("2026-01-11T10:00:00Z")); // the same profile, changed later elsewhere
  startNewProfile(there, at("2026-06-01T09:00:00Z"));
  rateCompetence(there, "6.4", 5, at("2026-06-01T09:01:00Z"));
  const { state } = mergeStates(here, there);
  const profiles = selfProfiles(state);
  assert.deepEqual(profiles.map((p) => p.ratings), [{ "1.2": 2 }, { "6.4": 5 }]);
  // and the other way round: the older import does not overwrite the newer local rating
  const back = selfProfiles(mergeStates(there, here).state);
  assert.deepEqual(back.map((p) => p.ratings), [{ "1.2": 2 }, { "6.4": 5 }]);
});

test("progress without a self-assessment stays without one", () => {
  const { state } = mergeStates(emptyState(), emptyState());
  assert.equal("selbst" in state, false);
});
