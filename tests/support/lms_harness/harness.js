// Test harness: scorm-again (a real SCORM run-time) plays the LMS; the package runs in a frame, as in Moodle.
// The browser tests drive it with startLms(...), closeCourse() and cmi().
/* global Scorm12API, Scorm2004API */
"use strict";

window.calls = { initialize: 0, commit: 0, finish: 0 };
let api = null;

// A real runtime whose commits go to `commitUrl`: a URL that fails makes Commit return "false".
window.startLms = function startLms({ version = "scorm12", saved = null, commitUrl = false, broken = false, pkg = version, query = "" } = {}) {
  const settings = { logLevel: 5, autocommit: false, lmsCommitUrl: commitUrl };
  if (broken) {
    // An LMS whose API is there but never answers: every call returns nothing.
    const silent = () => undefined;
    if (version === "scorm12") {
      window.API = { LMSInitialize: silent, LMSFinish: silent, LMSGetValue: silent, LMSSetValue: silent, LMSCommit: silent, LMSGetLastError: silent, LMSGetErrorString: silent, LMSGetDiagnostic: silent };
    } else {
      window.API_1484_11 = { Initialize: silent, Terminate: silent, GetValue: silent, SetValue: silent, Commit: silent, GetLastError: silent, GetErrorString: silent, GetDiagnostic: silent };
    }
  } else if (version === "cmi5") {
    // cmi5 has no API object: the launch URL names the LRS (a stub served by the test).
  } else if (version === "scorm12") {
    api = window.API = new Scorm12API(settings);
    api.on("LMSInitialize", () => (window.calls.initialize += 1));
    api.on("LMSCommit", () => (window.calls.commit += 1));
    api.on("LMSFinish", () => (window.calls.finish += 1));
  } else {
    api = window.API_1484_11 = new Scorm2004API(settings);
    api.on("Initialize", () => (window.calls.initialize += 1));
    api.on("Commit", () => (window.calls.commit += 1));
    api.on("Terminate", () => (window.calls.finish += 1));
  }
  if (saved && api) {
    // What an LMS hands back on relaunch: the stored data model, entry = resume.
    api.loadFromJSON(saved);
    if (version === "scorm12") api.cmi.core.entry = "resume";
    else api.cmi.entry = "resume";
  }
  document.getElementById("sco").src = `${pkg}/lms-start.html${query}`;
};

// The LMS stops failing: later commits are kept in the runtime only.
window.healLms = function healLms() {
  api.settings.lmsCommitUrl = false;
};

window.closeCourse = function closeCourse() {
  document.getElementById("sco").remove();
};

// The data model as the LMS keeps it (what a relaunch gets back).
window.cmi = function cmi() {
  return JSON.parse(JSON.stringify(api.cmi));
};
