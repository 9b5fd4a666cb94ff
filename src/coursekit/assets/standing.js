// Where the learner stands, shown where they are: a ✔ or a percentage at each module in the
// navigation and on the module cards, and "Weiter, wo ich war" on the home page. The course's
// structure (quizzes per module, question hashes) comes from one cached JSON file of the build;
// it and the scoring code load only for a learner who has answered something.

const SITE = new URL("../../", import.meta.url);
let structure = null;

export function loadStructure() {
  structure ??= fetch(new URL("assets/coursekit/kurs.json", SITE)).then((r) => (r.ok ? r.json() : { modules: [] }));
  return structure;
}

// One module's standing from the stored answers: passed when every quiz is passed; share of all points.
export function moduleStanding(module, state, quizResult) {
  let points = 0;
  let total = 0;
  let passed = module.quizzes.length > 0;
  let started = false;
  for (const quiz of module.quizzes) {
    const result = quizResult(quiz.questions, state.quizzes[quiz.id], quiz.threshold);
    points += result.points;
    total += result.total;
    passed &&= result.passed;
    started ||= result.answered > 0 || result.done > 0;
  }
  return { hasQuiz: module.quizzes.length > 0, passed, started, share: total ? points / total : 0 };
}

const path = (href, base) => new URL(href, base).pathname.replace(/index\.html$/, "");

function badge(standing) {
  const span = document.createElement("span");
  span.className = `ck-badge${standing.passed ? " ck-badge--done" : ""}`;
  if (standing.passed) {
    const mark = Object.assign(document.createElement("span"), { textContent: "✔" });
    mark.setAttribute("aria-hidden", "true");
    span.append(mark, Object.assign(document.createElement("span"), { className: "ck-visually-hidden", textContent: " abgeschlossen" }));
  } else {
    span.append(`${Math.round(standing.share * 100)} %`, Object.assign(document.createElement("span"), { className: "ck-visually-hidden", textContent: " der Punkte im Selbstcheck" }));
  }
  return span;
}

function cardLine(standing) {
  const line = document.createElement("p");
  line.className = `ck-card-progress${standing.passed ? " ck-card-progress--done" : ""}`;
  line.textContent = standing.passed
    ? "✔ Abgeschlossen: Selbstcheck bestanden"
    : `Begonnen: ${Math.round(standing.share * 100)} % der Punkte im Selbstcheck`;
  return line;
}

// Marks every link to a started module in the primary navigation and on the module cards.
async function markLinks(data, state) {
  const { quizResult } = await import("./score.js");
  const byPath = new Map();
  for (const module of data.modules) {
    const standing = moduleStanding(module, state, quizResult);
    if (standing.hasQuiz && (standing.started || standing.passed)) byPath.set(path(module.url, SITE), standing);
  }
  for (const link of document.querySelectorAll(".md-nav--primary a.md-nav__link[href]")) {
    link.querySelector(".ck-badge")?.remove();
    const standing = byPath.get(path(link.getAttribute("href"), location.href));
    if (standing) link.append(badge(standing));
  }
  for (const card of document.querySelectorAll(".md-typeset .grid.cards > ul > li")) {
    card.querySelector(".ck-card-progress")?.remove();
    const href = card.querySelector("a[href]")?.getAttribute("href");
    const standing = href && byPath.get(path(href, location.href));
    if (standing) card.append(cardLine(standing));
  }
}

// The home page's start button leads back to the module page seen last.
function resume(data, state) {
  const button = document.querySelector("a.ck-resume");
  const module = data.modules.find((m) => m.id === state.visited?.module);
  if (!button || !module) return;
  button.href = new URL(module.url, SITE).href;
  button.textContent = `Weiter, wo ich war: Modul ${module.number}: ${module.title}`;
}

export async function showStanding(state) {
  const hasAnswers = Object.values(state.quizzes).some((entries) => Object.keys(entries).length > 0);
  const canResume = state.visited && document.querySelector("a.ck-resume");
  if (!hasAnswers && !canResume) return;
  const data = await loadStructure();
  if (hasAnswers) await markLinks(data, state);
  if (canResume) resume(data, state);
}
